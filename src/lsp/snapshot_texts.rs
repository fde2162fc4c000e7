//! The texts a document's snapshots are copied into, kept for the next snapshot.
//!
//! A snapshot is the rope copied into one `String` (the engine reads text, not a
//! rope) with its line starts. On a long draft that copy costs about a millisecond
//! a keystroke, most of it cache misses through the rope's chunks. So a document
//! keeps its last snapshots' texts with what the edits since each of them changed,
//! and one that no analysis or review holds any more is patched into the next
//! snapshot: only the changed bytes come from the rope, the bytes after them move
//! along, and only the changed lines are searched for line breaks.

use super::position::{patch_line_starts, LineStarts};
use crate::analysis::chunks::SameEnds;
use crate::engine::Since;
use ropey::Rope;
use std::ops::Range;
use std::sync::Arc;

/// How many snapshot texts a document keeps: the newest (which the latest review
/// also holds) and the one before (free once that review is out).
const KEPT: usize = 2;

/// The last snapshots' texts, newest last.
#[derive(Default)]
pub struct SnapshotTexts {
    kept: Vec<Kept>,
    /// The id of the last snapshot taken.
    last_id: u64,
}

/// What a snapshot's text was edited from: the earlier snapshot (by id) and the
/// bytes alike at both ends.
#[derive(Clone, Copy, Debug)]
pub struct EditedFrom {
    pub id: u64,
    pub same: SameEnds,
}

/// A snapshot's text and line starts, and its id among the document's snapshots.
pub struct Taken {
    pub text: Arc<String>,
    pub line_starts: Arc<Vec<usize>>,
    pub id: u64,
}

/// One snapshot's text and line starts, and what the edits since changed.
#[derive(Clone)]
struct Kept {
    id: u64,
    text: Arc<String>,
    line_starts: Arc<Vec<usize>>,
    changed: Changed,
}

/// What changed in a text since a snapshot, as far as the edits applied tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Changed {
    Nothing,
    /// Bytes at the start and at the end that no edit touched (none, for a new
    /// buffer).
    Between(SameEnds),
}

impl Changed {
    /// After an edit that replaced the bytes `replaced` of a text `length` long.
    fn and(self, replaced: Range<usize>, length: usize) -> Changed {
        let (prefix, suffix) = (replaced.start, length - replaced.end);
        match self {
            Changed::Nothing => Changed::Between(SameEnds { prefix, suffix }),
            Changed::Between(same) => Changed::Between(SameEnds {
                prefix: same.prefix.min(prefix),
                suffix: same.suffix.min(suffix),
            }),
        }
    }

    /// How a text `length` long compares with the snapshot's.
    fn same_ends(self, length: usize) -> SameEnds {
        match self {
            Changed::Nothing => SameEnds {
                prefix: length,
                suffix: 0,
            },
            Changed::Between(same) => same,
        }
    }
}

impl SnapshotTexts {
    /// Record an edit that replaced the bytes `replaced` of the text, `length`
    /// bytes long before the edit.
    pub fn edited(&mut self, replaced: Range<usize>, length: usize) {
        for kept in &mut self.kept {
            kept.changed = kept.changed.and(replaced.clone(), length);
        }
    }

    /// How the rope differs from the last snapshot, if there was one.
    pub fn since_last(&self, rope: &Rope) -> Option<(Since, EditedFrom)> {
        let last = self.kept.last()?;
        let same = last.changed.same_ends(rope.len_bytes());
        let since = Since {
            earlier: last.text.clone(),
            same,
        };
        Some((since, EditedFrom { id: last.id, same }))
    }

    /// The rope's text and line starts, in the buffers of a kept snapshot that
    /// nothing else holds (patched when the edits since it are known), else copied
    /// into new ones.
    pub fn take(&mut self, rope: &Rope) -> Taken {
        let free = self.kept.iter_mut().position(|kept| {
            Arc::get_mut(&mut kept.text).is_some() && Arc::get_mut(&mut kept.line_starts).is_some()
        });
        let mut kept = match free {
            Some(i) => self.kept.remove(i),
            // A new buffer: the empty text, which has nothing alike with the rope.
            None => Kept {
                id: 0,
                text: Arc::default(),
                line_starts: Arc::new(vec![0]),
                changed: Changed::Between(SameEnds {
                    prefix: 0,
                    suffix: 0,
                }),
            },
        };
        let text = Arc::get_mut(&mut kept.text).expect("held only here");
        let line_starts = Arc::get_mut(&mut kept.line_starts).expect("held only here");
        let same = kept.changed.same_ends(rope.len_bytes());
        if worth_patching(same, rope.len_bytes()) {
            patch(text, line_starts, rope, same);
        } else {
            copy(text, line_starts, rope);
        }
        kept.changed = Changed::Nothing;
        self.last_id += 1;
        kept.id = self.last_id;
        if self.kept.len() == KEPT {
            self.kept.remove(0);
        }
        let taken = Taken {
            text: kept.text.clone(),
            line_starts: kept.line_starts.clone(),
            id: kept.id,
        };
        self.kept.push(kept);
        taken
    }
}

/// Patching moves the bytes after the change and copies the change: worth it
/// unless the change is most of the text.
fn worth_patching(same: SameEnds, length: usize) -> bool {
    same.prefix + same.suffix >= length / 2
}

/// `text` becomes the rope's text, of which it holds all but the bytes between
/// `same`'s ends; `line_starts` follow.
fn patch(text: &mut String, line_starts: &mut Vec<usize>, rope: &Rope, same: SameEnds) {
    let (old_length, length) = (text.len(), rope.len_bytes());
    let changed: String = rope
        .byte_slice(same.prefix..length - same.suffix)
        .chunks()
        .collect();
    text.replace_range(same.prefix..old_length - same.suffix, &changed);
    patch_line_starts(line_starts, text, old_length, same);
}

/// `text` and `line_starts` filled from the whole rope, the line breaks found in
/// each chunk as it is copied.
fn copy(text: &mut String, line_starts: &mut Vec<usize>, rope: &Rope) {
    text.clear();
    text.reserve(rope.len_bytes());
    let mut lines = LineStarts::new();
    for chunk in rope.chunks() {
        text.push_str(chunk);
        lines.push(chunk);
    }
    *line_starts = lines.finish();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lsp::position::line_starts;
    use proptest::prelude::*;

    #[test]
    fn edits_since_a_snapshot_narrow_what_is_known_to_be_alike() {
        let same = |prefix, suffix| Changed::Between(SameEnds { prefix, suffix });
        // "abcdefghij": "d" replaced by "XY", then "i" deleted (in "abcXYefghij").
        let changed = Changed::Nothing.and(3..4, 10);
        assert_eq!(changed, same(3, 6));
        let changed = changed.and(9..10, 11);
        assert_eq!(changed, same(3, 1));
        assert_eq!(
            changed.same_ends(10),
            SameEnds {
                prefix: 3,
                suffix: 1
            }
        );
        // Nothing typed: the whole text is alike.
        assert_eq!(
            Changed::Nothing.same_ends(10),
            SameEnds {
                prefix: 10,
                suffix: 0
            }
        );
    }

    /// A text of lines with breaks of every kind, emoji and CJK.
    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just("a"),
                Just("word "),
                Just("\n"),
                Just("\r\n"),
                Just("\r"),
                Just("é"),
                Just("😀"),
                Just("和平"),
            ],
            0..40,
        )
        .prop_map(|parts| parts.concat())
    }

    /// An edit: where (as fractions of the text) and what is written; now and
    /// then one that replaces most of the text.
    fn edit() -> impl Strategy<Value = (f64, f64, String)> {
        let length = prop_oneof![4 => 0.0..=0.2f64, 1 => Just(1.0)];
        (0.0..=1.0f64, length, text())
    }

    /// Byte `fraction` of the way into `rope`, as a char index.
    fn char_at(rope: &Rope, fraction: f64) -> usize {
        (rope.len_chars() as f64 * fraction) as usize
    }

    proptest! {
        /// Snapshots taken between edits, some held (by a review, say) so that the
        /// next one must use another buffer or a new one: each is the rope's text
        /// and line starts, patched or copied.
        #[test]
        fn snapshots_equal_the_rope_however_their_buffers_are_reused(
            start in text(),
            steps in proptest::collection::vec(
                (proptest::collection::vec(edit(), 0..4), any::<bool>()),
                1..12,
            ),
        ) {
            let mut rope = Rope::from_str(&start);
            let mut texts = SnapshotTexts::default();
            let mut held = Vec::new();
            for (edits, hold) in steps {
                for (from, length, written) in edits {
                    let before = rope.len_bytes();
                    let start = char_at(&rope, from);
                    let end = (start + char_at(&rope, length)).min(rope.len_chars());
                    let replaced = rope.char_to_byte(start)..rope.char_to_byte(end);
                    rope.remove(start..end);
                    rope.insert(start, &written);
                    texts.edited(replaced, before);
                }
                let Taken { text, line_starts: starts, .. } = texts.take(&rope);
                prop_assert_eq!(text.as_str(), rope.to_string());
                prop_assert_eq!(&*starts, &line_starts(&text));
                if hold {
                    held.push((text, starts));
                } else {
                    held.clear();
                }
            }
        }
    }

    #[test]
    fn a_free_buffer_is_patched_and_held_ones_left_alone() {
        let mut rope = Rope::from_str("one\ntwo\r\nthree");
        let mut texts = SnapshotTexts::default();
        let first = texts.take(&rope).text;
        let second = texts.take(&rope);
        assert!(!Arc::ptr_eq(&first, &second.text), "the first is held");
        let first_buffer = Arc::as_ptr(&first);
        drop(first);
        rope.insert(4, "2");
        texts.edited(4..4, 14);
        let (since, from) = texts.since_last(&rope).unwrap();
        assert!(Arc::ptr_eq(&since.earlier, &second.text));
        assert_eq!((since.same.prefix, since.same.suffix), (4, 10));
        assert_eq!(from.id, second.id);
        let Taken {
            text: third,
            line_starts: starts,
            id,
        } = texts.take(&rope);
        assert_eq!(id, second.id + 1);
        assert_eq!(Arc::as_ptr(&third), first_buffer, "the free one is reused");
        assert_eq!(third.as_str(), "one\n2two\r\nthree");
        assert_eq!(*starts, [0, 4, 10]);
        let fourth = texts.take(&rope).text;
        assert!(!Arc::ptr_eq(&fourth, &second.text) && !Arc::ptr_eq(&fourth, &third));
    }
}
