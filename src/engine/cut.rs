//! Cutting a new version of a draft into pieces, reusing the last version's.
//!
//! The pieces an edit left alone are moved over from the last version, not
//! cloned: a clone touches the piece's count, and a long draft has thousands of
//! pieces, each somewhere else in memory. For the same reason the draft's line
//! statistics are kept and corrected by the pieces that came and went, rather
//! than added up over every piece again.

use super::piece::Piece;
use super::{Last, PARALLEL_FROM};
use crate::analysis::chunks::{self, SameEnds};
use crate::analysis::prose::Start;
use crate::analysis::sentences::LineStats;
use crate::analysis::{Format, Span};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// A piece's text as a map key (and whether it is the top piece), hashed by its
/// length and its ends only: hashing every byte of a long draft took longer than
/// the rest of the cut. Keys with the same hash still compare whole texts.
#[derive(PartialEq, Eq)]
struct PieceText<'a> {
    top: bool,
    text: &'a str,
}

impl Hash for PieceText<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        const ENDS: usize = 32;
        let bytes = self.text.as_bytes();
        self.top.hash(state);
        bytes.len().hash(state);
        bytes[..bytes.len().min(ENDS)].hash(state);
        bytes[bytes.len().saturating_sub(ENDS)..].hash(state);
    }
}

/// A version of the draft cut into pieces.
pub(super) struct Cut {
    pub spans: Vec<Span>,
    pub pieces: Vec<Arc<Piece>>,
    /// Whether each piece was moved over from the last version (not cloned). When
    /// the draft has as many pieces as before, a moved piece is where it was.
    pub moved: Vec<bool>,
    /// The last version's pieces, less those moved over (`None` where one was).
    pub left: Vec<Option<Arc<Piece>>>,
    /// The line statistics of the whole draft.
    pub lines: LineStats,
}

/// Pieces that may have no reading yet for `line_mode`: those new to this version,
/// or all of them when the last version was read another way.
pub(super) fn unread(
    pieces: &[Arc<Piece>],
    moved: &[bool],
    last_line_mode: Option<bool>,
    line_mode: bool,
) -> Vec<usize> {
    let all = last_line_mode != Some(line_mode);
    (0..pieces.len())
        .filter(|&i| all || !moved[i])
        .filter(|&i| !pieces[i].has_reading(line_mode))
        .collect()
}

/// The pieces of `text`: those the edit since `last` left alone moved over in
/// place, any other whose text was there before reused by its text, the rest
/// analysed (each distinct text once). `last` gives up its pieces.
/// `same_ends`: how `text` and the last text compare, if already known.
pub(super) fn cut(
    last: Option<&mut Last>,
    text: &str,
    format: Format,
    same_ends: Option<SameEnds>,
) -> Cut {
    let Some(last) = last else {
        let spans = chunks::split(text, format);
        let n = spans.len();
        let pieces = analyse_missing(text, format, &spans, vec![None; n]);
        let moved = vec![false; n];
        return Cut::new(spans, pieces, moved, Vec::new(), LineStats::default());
    };
    let (spans, before, after) = chunks::resplit(&last.text, &last.spans, text, format, same_ends);
    let (n, old_n) = (spans.len(), last.pieces.len());
    let mut left: Vec<Option<Arc<Piece>>> = std::mem::take(&mut last.pieces)
        .into_iter()
        .map(Some)
        .collect();
    let mut found: Vec<Option<Arc<Piece>>> = vec![None; n];
    let mut moved = vec![false; n];
    for i in 0..before {
        found[i] = left[i].take();
        moved[i] = true;
    }
    for j in 1..=after {
        found[n - j] = left[old_n - j].take();
        moved[n - j] = true;
    }
    // Pieces in between may be old ones moved, pasted or repeated: reused by their
    // text, and moved over when they are at the same index. The top piece is read
    // as the top of the draft, so it is never reused lower down.
    let replaced: FxHashMap<&str, usize> = (before.max(1)..old_n - after)
        .map(|o| (last.spans[o].text(&last.text), o))
        .collect();
    for i in before.max(1)..n - after {
        let Some(&o) = replaced.get(spans[i].text(text)) else {
            continue;
        };
        let piece = left[o].as_ref().or_else(|| found.get(o)?.as_ref());
        // A text repeated in the draft has one piece: the one at `o` may be the
        // one that was at `i`.
        let was_here = left.get(i).and_then(Option::as_ref);
        if piece.is_some_and(|p| was_here.is_some_and(|here| Arc::ptr_eq(p, here))) {
            found[i] = left[i].take();
            moved[i] = true;
        } else {
            found[i] = piece.cloned();
        }
    }
    let top = |spans: &[Span], text| spans.first().map(|top: &Span| top.text(text));
    if before == 0 && top(&spans, text) == top(&last.spans, &last.text) {
        if let Some(piece) = left.first_mut().and_then(Option::take) {
            found[0] = Some(piece);
            moved[0] = true;
        }
    }
    let pieces = analyse_missing(text, format, &spans, found);
    Cut::new(spans, pieces, moved, left, last.lines)
}

impl Cut {
    /// The cut, its line statistics those of the last version (`lines`) less the
    /// pieces `left`, plus those not `moved` over.
    fn new(
        spans: Vec<Span>,
        pieces: Vec<Arc<Piece>>,
        moved: Vec<bool>,
        left: Vec<Option<Arc<Piece>>>,
        mut lines: LineStats,
    ) -> Cut {
        for piece in left.iter().flatten() {
            lines.remove(piece.lines);
        }
        for (piece, _) in pieces.iter().zip(&moved).filter(|(_, &moved)| !moved) {
            lines.add(piece.lines);
        }
        Cut {
            spans,
            pieces,
            moved,
            left,
            lines,
        }
    }
}

/// `found`, with each missing piece analysed: each distinct text once, however
/// often it occurs, the repeats sharing its piece.
fn analyse_missing(
    text: &str,
    format: Format,
    spans: &[Span],
    mut found: Vec<Option<Arc<Piece>>>,
) -> Vec<Arc<Piece>> {
    let key = |i: usize| PieceText {
        top: i == 0,
        text: spans[i].text(text),
    };
    let mut first_of: FxHashMap<PieceText, usize> = FxHashMap::default();
    let mut missing: Vec<usize> = Vec::new();
    for i in (0..spans.len()).filter(|&i| found[i].is_none()) {
        first_of.entry(key(i)).or_insert_with(|| {
            missing.push(i);
            i
        });
    }
    let analyse = |i: &usize| {
        let start = if *i == 0 {
            Start::OfDraft
        } else {
            Start::Later
        };
        Arc::new(Piece::new(spans[*i].text(text), format, start))
    };
    let fresh: Vec<Arc<Piece>> = if missing.len() >= PARALLEL_FROM {
        missing.par_iter().map(analyse).collect()
    } else {
        missing.iter().map(analyse).collect()
    };
    for (i, piece) in missing.into_iter().zip(fresh) {
        found[i] = Some(piece);
    }
    for i in 0..spans.len() {
        if found[i].is_none() {
            found[i] = found[first_of[&key(i)]].clone();
        }
    }
    found
        .into_iter()
        .map(|piece| piece.expect("analysed above"))
        .collect()
}
