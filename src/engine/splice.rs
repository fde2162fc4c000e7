//! Splicing an edit inside one piece into the last analysis.
//!
//! What the rest of a draft reads from a piece is its sentence and block counts
//! (they number everything after it) and the mentions the canonical resolver
//! reads. When an edit leaves those as they were, the canonical sources stand,
//! and the draft-level results far from the edit stand with them. Only the
//! neighbourhood is checked again: the pieces up to `2 * MARGIN` either side,
//! analysed as a draft of their own with the whole draft's canonical sources.
//! The splice is taken only if the pieces around the edited one come out as
//! before, so nothing carries further (a quote continued paragraph after
//! paragraph, say); otherwise the caller analyses the whole draft.
//!
//! An edit to a mention runs the resolver again, down to the end of the draft:
//! from the state kept above the edited piece by the last such edit at or above
//! it (`attribution::Checkpoint`), or from the top. The splice
//! is still taken if every source named outside the edited piece is the one it
//! was, if maybe numbered one further (a source new in the edited piece comes
//! before it); then the sources' statements and shares are listed again.
//!
//! The result equals a whole analysis; `tests/incremental.rs` checks that on
//! random edits.

use super::piece::Piece;
use super::{settle, Assembled, Draft, DraftLevel, Findings, Last, Layout, Output, Want};
use crate::analysis::attribution::{self, Attribution, Attributions, Canonical, Source};
use crate::analysis::quotes::Quotes;
use crate::analysis::{Format, Span};
use crate::rules::{self, Finding, NEIGHBOUR_REACH};
use crate::Analysis;
use std::ops::Range;
use std::sync::Arc;

/// A piece holds at least one block, so this many pieces either side of the edit
/// hold every sentence whose draft-level findings can read the edited piece.
const MARGIN: usize = NEIGHBOUR_REACH + 1;

/// `moved`: which of the draft's pieces were moved over from `last` (see `cut`);
/// `left`: `last`'s pieces that were not.
pub(super) fn edit(
    mut last: Last,
    draft: &Draft,
    want: Want,
    moved: &[bool],
    left: &[Option<Arc<Piece>>],
) -> Option<(Output, Last)> {
    let n = draft.pieces.len();
    if last.line_mode != draft.line_mode || left.len() != n {
        return None;
    }
    let mut changed = (0..n).filter(|&i| !moved[i]);
    let k = changed.next()?;
    // The top piece holds the title and front matter, which the whole draft reads.
    if k == 0 || changed.next().is_some() {
        return None;
    }
    let old_piece = left[k].as_ref()?;
    let edit = Edit::new(&last, draft, k)?;
    let old_reading = old_piece.reading(edit.old.text(&last.text), last.line_mode, draft.config);
    let new_reading = draft.reading(k);
    if old_reading.sentences.len() != new_reading.sentences.len()
        || old_piece.prose.blocks.len() != draft.pieces[k].prose.blocks.len()
    {
        return None;
    }
    let (old_input, old_mentions) =
        attribution::resolver_input(edit.old.text(&last.text), &old_reading.extracted);
    let (new_input, new_mentions) =
        attribution::resolver_input(edit.new.text(draft.text), &new_reading.extracted);
    // The resolver's state above the edited piece is as it was: go on from a
    // checkpoint at or above it, if one was kept, and keep one at the piece for the
    // next edit there (typing a name is an edit to a mention at every keystroke).
    // One below it holds what the edit may have changed.
    let mut checkpoint = last.checkpoint.take().filter(|c| c.piece <= k);
    let mut resolved_from = None;
    // A changed mention may still resolve as before ("the parish council" typed
    // as "the parsh council" still names the council), or name a source of its
    // own ("the parishx council"): then the sources named outside the edited piece
    // must be the ones they were, and only their names and kinds can have
    // changed, which is checked below.
    let resolved = if old_input == new_input {
        None
    } else {
        let (mut resolving, from) = match &checkpoint {
            Some(c) => {
                let above = &last.ids[..last.starts.found[c.piece]];
                // About as many as before: the edit changed one piece's.
                let total = last.ids.len() + 16;
                (attribution::Resolving::resume(c, above, total), c.piece)
            }
            None => (attribution::Resolving::new(), 0),
        };
        resolved_from = Some(from);
        for i in from..n {
            if i == k && checkpoint.as_ref().is_none_or(|c| c.piece != k) {
                checkpoint = Some(resolving.checkpoint(k, last.starts.sentence[k]));
            }
            let extracted = &draft.reading(i).extracted;
            resolving.piece(
                draft.text,
                extracted,
                draft.spans[i].start,
                last.starts.sentence[i],
            );
        }
        let canonical = resolving.finish(draft.text);
        let found_k = last.starts.found[k]..last.starts.found[k + 1];
        Some(Resolved::of(
            canonical,
            &last.ids,
            last.attributions.sources.len(),
            found_k,
        )?)
    };
    let ids = resolved.as_ref().map_or(&last.ids, |r| &r.canonical.ids);

    let window = k.saturating_sub(2 * MARGIN)..(k + 2 * MARGIN + 1).min(n);
    let inner = k.saturating_sub(MARGIN)..(k + MARGIN + 1).min(n);
    if draft.format == Format::PlainText
        && window.start > 0
        && last
            .layout
            .title()
            .is_some_and(|t| t.end > last.spans[window.start].start)
    {
        return None;
    }
    let near_sources = resolved
        .as_ref()
        .map(|r| r.canonical.sources.clone())
        .unwrap_or_else(|| {
            let unlisted = |s: &Source| Source {
                name: s.name.clone(),
                statements: Vec::new(),
                ..*s
            };
            last.attributions.sources.iter().map(unlisted).collect()
        });
    let near = Neighbourhood::check(&last, draft, window, ids, near_sources);

    // Attributions: each inner piece's from the neighbourhood, if they match the old
    // ones in everything but position; the rest moved.
    let old_list = &last.attributions.list;
    let before = by_sentence(old_list, last.starts.sentence[inner.start]);
    let after = by_sentence(old_list, last.starts.sentence[inner.end]);
    // (index, source, cue, content, kind, canonical source, claim) of each inner attribution,
    // found again.
    let mut found_again = Vec::with_capacity(after - before);
    let as_now = |old: Option<usize>| match &resolved {
        Some(resolved) => renumbered_source(&resolved.renumbered, old),
        None => Some(old),
    };
    for j in inner.clone() {
        let old = sentences_of(old_list, &last, j);
        let new = near.attributions_of(&last, j);
        if old.len() != new.len() {
            return None;
        }
        for (oi, wi) in old.zip(new) {
            let (o, w) = (&old_list[oi], &near.attributions.list[wi]);
            let distance = |i: usize, c: Option<usize>| c.map(|c| i as isize - c as isize);
            // Once the sources are resolved again, the edited piece's own may name
            // another source, of another kind.
            let renamed = j == k && resolved.is_some();
            let alike = o.sentence == w.sentence + near.first_sentence
                && o.cue_class == w.cue_class
                && o.form == w.form
                && (renamed || o.kind == w.kind && as_now(o.canonical) == Some(w.canonical))
                && distance(oi, o.continues) == distance(wi, w.continues);
            if !alike {
                return None;
            }
            let at = |s: Span| Span::new(s.start + near.start, s.end + near.start);
            found_again.push((
                oi,
                at(w.source),
                w.cue.map(at),
                w.content.map(at),
                w.kind,
                w.canonical,
                w.claim.clone(),
            ));
        }
    }

    // Draft-scope findings: the neighbourhood's for the inner pieces, once those
    // around the edited piece match the old ones; the rest moved.
    let old_range = last.spans[inner.start].start..end_of(&last.spans, inner.end);
    let new_range = draft.spans[inner.start].start..end_of(draft.spans, inner.end);
    let old_near = by_start(&last.near, old_range.clone());
    let new_near = by_start(&near.findings, new_range.clone());
    let around = |list: &[Finding], range: &Range<usize>, piece: Span| {
        (
            by_start(list, range.start..piece.start),
            by_start(list, piece.end..range.end),
        )
    };
    let (old_left, old_right) = around(&last.near, &old_range, edit.old);
    let (new_left, new_right) = around(&near.findings, &new_range, edit.new);
    for (old, new) in [(old_left, new_left), (old_right, new_right)] {
        let old = &last.near[old];
        let new = &near.findings[new];
        if old.len() != new.len() {
            return None;
        }
        for (o, w) in old.iter().zip(new) {
            if edit.moved_finding(o).as_ref() != Some(w) {
                return None;
            }
        }
    }

    // Sources keep their statements (the lists are alike), unless resolved again:
    // then they are listed again below.
    let sources = match &resolved {
        Some(resolved) => {
            // A source renamed (or of another kind) is named in the findings on its
            // statements: they must all be in the pieces checked again.
            let checked = last.starts.sentence[inner.start]..last.starts.sentence[inner.end];
            let sources = resolved.canonical.sources.clone();
            for (old, new) in last.attributions.sources.iter().zip(&resolved.renumbered) {
                let changed = new.is_none_or(|new| {
                    let new = &sources[new];
                    (&new.name, new.kind, new.pseudonym) != (&old.name, old.kind, old.pseudonym)
                });
                if changed
                    && !old
                        .statements
                        .iter()
                        .all(|&i| checked.contains(&old_list[i].sentence))
                {
                    return None;
                }
            }
            sources
        }
        None => {
            // A first mention in the edited piece is found again by its place among
            // the piece's mentions. (Taken, not copied: a failed splice drops `last`.)
            let mut sources = std::mem::take(&mut last.attributions.sources);
            for s in &mut sources {
                s.first_mention = match edit.moved(s.first_mention) {
                    Some(span) => span,
                    None => {
                        let old_base = edit.old.start;
                        let i = old_mentions.iter().position(|m| {
                            let at = Span::new(m.start + old_base, m.end + old_base);
                            attribution::snap(at, &last.text) == s.first_mention
                        })?;
                        let m = new_mentions[i];
                        let at = Span::new(m.start + edit.new.start, m.end + edit.new.start);
                        attribution::snap(at, draft.text)
                    }
                };
            }
            sources
        }
    };
    let sentences_k = last.starts.sentence[k]..last.starts.sentence[k + 1];
    let new_extracted = &new_reading.extracted;
    let unsourced = edit.spliced(
        &last.attributions.unsourced,
        sentences_k.clone(),
        new_extracted.unsourced(),
    )?;
    let corroboration = edit.spliced(
        &last.attributions.corroboration,
        sentences_k,
        new_extracted.corroboration(),
    )?;

    // Attributions and findings: the neighbourhood's and the edited piece's own;
    // the others are moved in place. A long draft has thousands, and copying them
    // all on every edit cost more than the rest of the splice.
    let piece_found = last.starts.piece_finding[k]..last.starts.piece_finding[k + 1];
    let Last {
        attributions: Attributions {
            mut list, shares, ..
        },
        near: mut findings_near,
        mut piece_findings,
        ids,
        starts,
        layout,
        ..
    } = last;
    // Those before the inner pieces stand as they are: an attribution's spans lie in
    // its own piece or earlier (a continued quote names the earlier speaker).
    for a in &mut list[after..] {
        edit.move_attribution(a)?;
    }
    let inner_list = before..after;
    for (i, source, cue, content, kind, canonical, claim) in found_again {
        let a = &mut list[i];
        (a.source, a.cue, a.content, a.kind, a.canonical) = (source, cue, content, kind, canonical);
        // What was said may have changed with the words, not with the positions.
        a.claim = claim;
    }
    let (ids, sources, shares) = match resolved {
        // Every attribution kept its source and cue (checked above): the shares stand.
        None => (ids, sources, shares),
        Some(Resolved {
            canonical,
            renumbered,
        }) => {
            for (i, a) in list.iter_mut().enumerate() {
                if !inner_list.contains(&i) {
                    a.canonical = renumbered_source(&renumbered, a.canonical)?;
                }
            }
            let mut sources = sources;
            let shares = attribution::list_statements(&list, &mut sources);
            (canonical.ids, sources, shares)
        }
    };
    let attributions = Attributions {
        list,
        sources,
        unsourced,
        corroboration,
        shares,
    };
    let (head, tail) = findings_near.split_at_mut(old_near.end);
    for f in head[..old_near.start].iter_mut().chain(tail) {
        edit.move_finding(f)?;
    }
    findings_near.splice(old_near, near.findings[new_near].iter().cloned());
    // A piece's own findings stay inside it: those before it stand as they are.
    for f in &mut piece_findings[piece_found.end..] {
        edit.move_finding(f)?;
    }
    let fresh = new_reading.findings.iter();
    piece_findings.splice(piece_found, fresh.map(|f| f.shifted(edit.new.start)));

    // The language server needs only the findings and blocks: those come from the
    // kept layout. A whole analysis needs the text layer too, and plain text's
    // title is settled on the masked text.
    let text_layer = want == Want::Analysis || draft.format == Format::PlainText;
    let respliced = (!text_layer)
        .then(|| layout.respliced(k, &draft.pieces[k], &edit))
        .flatten();
    let (prose, sentences, quotes, layout) = match respliced {
        Some(layout) => (layout.prose(), Vec::new(), Quotes::new(Vec::new()), layout),
        None => {
            let Assembled {
                prose,
                sentences,
                quotes,
                ..
            } = draft.assemble(0..n, text_layer, false);
            let layout = Layout::of(draft, &prose);
            (prose, sentences, quotes, layout)
        }
    };
    let whole = rules::run_whole_draft(&attributions, draft.config);
    let findings = settle(draft, &prose, [&piece_findings, &findings_near, &whole]);
    let kept = (want == Want::Analysis).then(|| attributions.clone());
    let mut next = Last::new(
        draft,
        starts.respliced(k, new_reading),
        ids,
        attributions,
        findings_near,
        piece_findings,
        layout,
    );
    next.checkpoint = checkpoint;
    next.resolved_from = resolved_from;
    let output = match (want, kept) {
        (Want::Analysis, Some(attributions)) => Output::Analysis(Box::new(Analysis {
            prose,
            sentences,
            quotes,
            attributions,
            findings,
        })),
        _ => Output::Findings(Findings {
            findings,
            blocks: prose.blocks,
        }),
    };
    Some((output, next))
}

/// Where the edited piece was and is; everything before it stayed, everything
/// after it moved by the change in its length.
pub(super) struct Edit {
    old: Span,
    new: Span,
}

impl Edit {
    fn new(last: &Last, draft: &Draft, k: usize) -> Option<Edit> {
        let edit = Edit {
            old: last.spans[k],
            new: draft.spans[k],
        };
        let unchanged = (0..draft.spans.len())
            .filter(|&i| i != k)
            .all(|i| edit.moved(last.spans[i]) == Some(draft.spans[i]));
        (edit.old.start == edit.new.start && unchanged).then_some(edit)
    }

    /// An old span in the new text; `None` inside the edited piece.
    pub(super) fn moved(&self, span: Span) -> Option<Span> {
        if span.end <= self.old.start {
            Some(span)
        } else if span.start >= self.old.end {
            let at = |o: usize| o - self.old.end + self.new.end;
            Some(Span::new(at(span.start), at(span.end)))
        } else {
            None
        }
    }

    /// A span relative to the edited piece, in the new text.
    pub(super) fn in_new(&self, span: Span) -> Span {
        Span::new(span.start + self.new.start, span.end + self.new.start)
    }

    /// `Some(None)` for no span; `None` if the span cannot be moved.
    fn moved_optional(&self, span: Option<Span>) -> Option<Option<Span>> {
        match span {
            Some(s) => self.moved(s).map(Some),
            None => Some(None),
        }
    }

    /// Move every span of `a` in place; `None` leaves it part-moved.
    fn move_attribution(&self, a: &mut Attribution) -> Option<()> {
        a.source = self.moved(a.source)?;
        a.cue = self.moved_optional(a.cue)?;
        a.content = self.moved_optional(a.content)?;
        Some(())
    }

    fn moved_finding(&self, f: &Finding) -> Option<Finding> {
        f.moved(|s| self.moved(s))
    }

    /// `moved_finding` in place; `None` leaves `f` part-moved.
    fn move_finding(&self, f: &mut Finding) -> Option<()> {
        f.move_spans(|s| self.moved(s))
    }

    /// `old` (sorted by sentence) with the entries of `sentences` replaced by those
    /// `found` in the edited piece, and the others moved.
    fn spliced<T: Placed>(
        &self,
        old: &[T],
        sentences: Range<usize>,
        found: &[T],
    ) -> Option<Vec<T>> {
        let from = old.partition_point(|x| x.sentence() < sentences.start);
        let to = old.partition_point(|x| x.sentence() < sentences.end);
        let moved = |x: &T| Some(x.placed(x.sentence(), self.moved(x.span())?));
        let mut out = Vec::with_capacity(old.len());
        for x in &old[..from] {
            out.push(moved(x)?);
        }
        out.extend(
            found
                .iter()
                .map(|x| x.placed(x.sentence() + sentences.start, self.in_new(x.span()))),
        );
        for x in &old[to..] {
            out.push(moved(x)?);
        }
        Some(out)
    }
}

/// What a sentence holds at a span: unsourced cues, corroboration notes.
trait Placed {
    fn sentence(&self) -> usize;
    fn span(&self) -> Span;
    /// The same, at another sentence and span.
    fn placed(&self, sentence: usize, span: Span) -> Self;
}

/// Both kinds hold `sentence` and `span` fields and nothing else that moves.
macro_rules! placed {
    ($($kind:ty),*) => {$(
        impl Placed for $kind {
            fn sentence(&self) -> usize {
                self.sentence
            }
            fn span(&self) -> Span {
                self.span
            }
            fn placed(&self, sentence: usize, span: Span) -> Self {
                Self { sentence, span, ..self.clone() }
            }
        }
    )*};
}
placed!(attribution::Unsourced, attribution::CorroborationNote);

/// The pieces around an edit, analysed as a draft of their own with the whole
/// draft's canonical sources.
struct Neighbourhood {
    /// Where the neighbourhood starts in the text.
    start: usize,
    /// The global number of its first sentence.
    first_sentence: usize,
    /// With positions relative to `start`, sentences numbered from its first.
    attributions: Attributions,
    /// The draft-scope findings, positions in the whole text.
    findings: Vec<Finding>,
}

impl Neighbourhood {
    /// `ids`, `sources`: the whole draft's canonical source of each found
    /// attribution, and the sources, their statements not listed.
    fn check(
        last: &Last,
        draft: &Draft,
        pieces: Range<usize>,
        ids: &[Option<usize>],
        sources: Vec<Source>,
    ) -> Neighbourhood {
        let start = draft.spans[pieces.start].start;
        let text = &draft.text[start..draft.spans[pieces.end - 1].end];
        let ids = &ids[last.starts.found[pieces.start]..last.starts.found[pieces.end]];
        let DraftLevel {
            attributions, near, ..
        } = draft.assemble(pieces.clone(), true, true).draft_level(
            text,
            draft.config,
            ids,
            sources,
        );
        let findings = near.iter().map(|f| f.shifted(start)).collect();
        Neighbourhood {
            start,
            first_sentence: last.starts.sentence[pieces.start],
            attributions,
            findings,
        }
    }

    /// The indices of piece `j`'s attributions in `self.attributions.list`.
    fn attributions_of(&self, last: &Last, j: usize) -> Range<usize> {
        let list = &self.attributions.list;
        let local = |s: usize| s - self.first_sentence;
        by_sentence(list, local(last.starts.sentence[j]))
            ..by_sentence(list, local(last.starts.sentence[j + 1]))
    }
}

/// The whole draft's sources resolved again after an edit to a mention.
struct Resolved {
    canonical: Canonical,
    /// Each old source's number among the new ones, where an attribution outside
    /// the edited piece names it.
    renumbered: Vec<Option<usize>>,
}

impl Resolved {
    /// `None` unless the found attributions outside piece `k` (`found_k`) name the
    /// sources they named before, one to one, if maybe numbered otherwise (a
    /// source new in piece `k` numbers those first named after it one further).
    fn of(
        canonical: Canonical,
        old_ids: &[Option<usize>],
        old_sources: usize,
        found_k: Range<usize>,
    ) -> Option<Resolved> {
        if canonical.ids.len() != old_ids.len() {
            return None;
        }
        let mut renumbered = vec![None; old_sources];
        let mut numbered_from = vec![None; canonical.sources.len()];
        let outside = (0..old_ids.len()).filter(|f| !found_k.contains(f));
        for (old, new) in outside.map(|f| (old_ids[f], canonical.ids[f])) {
            match (old, new) {
                (None, None) => {}
                (Some(old), Some(new)) => {
                    let one_to_one = *renumbered[old].get_or_insert(new) == new
                        && *numbered_from[new].get_or_insert(old) == old;
                    if !one_to_one {
                        return None;
                    }
                }
                _ => return None,
            }
        }
        Some(Resolved {
            canonical,
            renumbered,
        })
    }
}

/// An old attribution's source as now numbered; `None` if it no longer has one.
fn renumbered_source(renumbered: &[Option<usize>], old: Option<usize>) -> Option<Option<usize>> {
    match old {
        None => Some(None),
        Some(old) => renumbered.get(old).copied().flatten().map(Some),
    }
}

/// The indices of piece `j`'s attributions in the last analysis.
fn sentences_of(list: &[Attribution], last: &Last, j: usize) -> Range<usize> {
    by_sentence(list, last.starts.sentence[j])..by_sentence(list, last.starts.sentence[j + 1])
}

/// The first attribution at or after `sentence`.
fn by_sentence(list: &[Attribution], sentence: usize) -> usize {
    list.partition_point(|a| a.sentence < sentence)
}

/// The findings (sorted by start) that start inside `range`.
fn by_start(list: &[Finding], range: Range<usize>) -> Range<usize> {
    list.partition_point(|f| f.span.start < range.start)
        ..list.partition_point(|f| f.span.start < range.end)
}

/// Where the pieces before `end` end; past the last piece, nothing ends.
fn end_of(spans: &[Span], end: usize) -> usize {
    if end == spans.len() {
        usize::MAX
    } else {
        spans[end].start
    }
}
