//! A finding's fixes, and how far the finding has moved since they were made.
//!
//! An edit early in a long draft moves every finding after it. Rewriting each
//! moved finding's fix spans meant copying its list of fixes (the last review
//! still shares it) for every finding after the edit, on every keystroke. Now a
//! move that takes every edit along by one distance only adds to `moved`, and
//! whether it does is read from the edits' extent, kept beside the list: reading
//! the list itself was a cache miss per finding.

use super::Fix;
use crate::analysis::Span;
use serde::{Serialize, Serializer};
use std::borrow::Cow;
use std::sync::{Arc, LazyLock};

#[derive(Clone, Debug, Default)]
pub struct Fixes {
    /// As made, shared by the finding's copies.
    list: Arc<Vec<Fix>>,
    /// Added to both ends of every edit's span in `list`.
    moved: isize,
    /// From the first edit's start to the last edit's end, as made.
    extent: Option<Span>,
}

impl Fixes {
    /// No fixes: one shared empty list.
    pub fn none() -> Fixes {
        static NONE: LazyLock<Arc<Vec<Fix>>> = LazyLock::new(Default::default);
        Fixes {
            list: Arc::clone(&NONE),
            moved: 0,
            extent: None,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// The fixes as they apply to the text now.
    pub fn iter(&self) -> impl Iterator<Item = Cow<'_, Fix>> {
        self.list.iter().map(|fix| self.placed(fix))
    }

    /// The `i`-th fix as it applies to the text now.
    pub fn get(&self, i: usize) -> Option<Cow<'_, Fix>> {
        self.list.get(i).map(|fix| self.placed(fix))
    }

    fn placed<'a>(&self, fix: &'a Fix) -> Cow<'a, Fix> {
        if self.moved == 0 {
            return Cow::Borrowed(fix);
        }
        let mut fix = fix.clone();
        for edit in &mut fix.edits {
            edit.span = self.now(edit.span);
        }
        Cow::Owned(fix)
    }

    fn now(&self, span: Span) -> Span {
        shifted(span, self.moved)
    }

    /// Move every edit's span by `to`, which moves spans as an edit does (see
    /// `Finding::move_spans`); `None` if one cannot be moved. When the edits'
    /// extent moves as one block, so does each edit, and the list is left alone.
    pub fn move_spans(&mut self, to: impl Fn(Span) -> Option<Span>) -> Option<()> {
        let Some(extent) = self.extent else {
            return Some(());
        };
        let (was, will) = (self.now(extent), to(self.now(extent)));
        if let Some(will) = will.filter(|will| will.len() == was.len()) {
            self.moved += will.start as isize - was.start as isize;
            return Some(());
        }
        // Edits on both sides of the change: each moves with its own side.
        let moved = std::mem::take(&mut self.moved);
        for edit in Arc::make_mut(&mut self.list)
            .iter_mut()
            .flat_map(|f| &mut f.edits)
        {
            edit.span = to(shifted(edit.span, moved))?;
        }
        self.extent = extent_of(&self.list);
        Some(())
    }
}

fn shifted(span: Span, by: isize) -> Span {
    Span::new(
        span.start.wrapping_add_signed(by),
        span.end.wrapping_add_signed(by),
    )
}

fn extent_of(list: &[Fix]) -> Option<Span> {
    let mut spans = list.iter().flat_map(|f| &f.edits).map(|e| e.span);
    let first = spans.next()?;
    Some(spans.fold(first, |all, s| {
        Span::new(all.start.min(s.start), all.end.max(s.end))
    }))
}

/// An empty list is the shared one (`Fixes::none`).
impl From<Vec<Fix>> for Fixes {
    fn from(list: Vec<Fix>) -> Fixes {
        if list.is_empty() {
            return Fixes::none();
        }
        Fixes {
            extent: extent_of(&list),
            list: Arc::new(list),
            moved: 0,
        }
    }
}

/// Alike when they make the same edits to the text now, however they got there.
impl PartialEq for Fixes {
    fn eq(&self, other: &Fixes) -> bool {
        self.len() == other.len() && self.iter().zip(other.iter()).all(|(a, b)| a == b)
    }
}

impl Eq for Fixes {}

impl Serialize for Fixes {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Edit;

    fn fixes(spans: &[(usize, usize)]) -> Fixes {
        let edits = spans
            .iter()
            .map(|&(start, end)| Edit {
                span: Span::new(start, end),
                replacement: "x".into(),
            })
            .collect();
        vec![Fix {
            title: "Fix".into(),
            edits,
        }]
        .into()
    }

    fn spans(f: &Fixes) -> Vec<Span> {
        f.iter()
            .flat_map(|fix| fix.into_owned().edits)
            .map(|e| e.span)
            .collect()
    }

    #[test]
    fn a_uniform_move_leaves_the_shared_list_alone() {
        let mut a = fixes(&[(10, 14), (20, 21)]);
        let shared = a.list.clone();
        a.move_spans(|s| Some(Span::new(s.start + 5, s.end + 5)))
            .unwrap();
        a.move_spans(|s| Some(Span::new(s.start - 2, s.end - 2)))
            .unwrap();
        assert!(Arc::ptr_eq(&a.list, &shared));
        assert_eq!(spans(&a), [Span::new(13, 17), Span::new(23, 24)]);
        assert_eq!(a, fixes(&[(13, 17), (23, 24)]));
        assert_ne!(a, fixes(&[(10, 14), (20, 21)]));
    }

    /// As an edit that replaced `old` with `new_len` bytes moves a span.
    fn edited(old: (usize, usize), new_len: usize) -> impl Fn(Span) -> Option<Span> {
        move |s: Span| {
            if s.end <= old.0 {
                Some(s)
            } else if s.start >= old.1 {
                let at = |o: usize| o - old.1 + old.0 + new_len;
                Some(Span::new(at(s.start), at(s.end)))
            } else {
                None
            }
        }
    }

    #[test]
    fn edits_on_both_sides_of_a_change_move_each_with_its_side() {
        let mut a = fixes(&[(10, 14), (20, 21)]);
        a.move_spans(|s| Some(Span::new(s.start + 5, s.end + 5)))
            .unwrap();
        // Now at 15..19 and 25..26: a change of 20..22 into 5 bytes lies between.
        a.move_spans(edited((20, 22), 5)).unwrap();
        assert_eq!(a.moved, 0);
        assert_eq!(spans(&a), [Span::new(15, 19), Span::new(28, 29)]);
        assert_eq!(a, fixes(&[(15, 19), (28, 29)]));
        // A change after both, or before both, moves them as one block again.
        a.move_spans(edited((40, 41), 0)).unwrap();
        a.move_spans(edited((0, 1), 3)).unwrap();
        assert!(a.moved == 2 && spans(&a) == [Span::new(17, 21), Span::new(30, 31)]);
        // A change inside an edit's span fails the move.
        assert!(a.move_spans(edited((18, 19), 1)).is_none());
    }

    #[test]
    fn no_fixes_move_anywhere() {
        let mut none = Fixes::none();
        assert!(none.move_spans(|_| None).is_some());
        assert_eq!(none, Fixes::default());
    }
}
