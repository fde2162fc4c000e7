//! What else in the story bears on a claim: a second source on the matter, the
//! accused's answer, a document, or the writer's own note.
//!
//! The whole story is searched, so a reply four paragraphs on counts, and a draft
//! that arrives as one long line gets the verdict its paragraphs would.

use crate::analysis::attribution::{Attribution, Attributions, SourceKind};
use crate::analysis::Span;

/// What the story offers in support of (or in answer to) one claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Support {
    /// A second source, a document or a verification note backs the claim, or the
    /// accused (or someone for them) answers it.
    Found,
    /// Nothing does, and the writer says the claim could not be verified.
    Unverified(Span),
    None,
}

/// A writer's note counts when it stands this close to the claim, in sentences
/// ("could not independently verify" usually follows the quotes it is about).
const NOTE_BEFORE: usize = 3;
const NOTE_AFTER: usize = 12;

/// How many statements either side of a claim are searched for support. A news
/// story has a few dozen, so this is the whole story; a draft with thousands (a
/// transcript, a dump) is searched this far around each claim, which keeps the
/// rule's cost linear in the draft.
const SUPPORT_REACH: usize = 500;

/// What supports claim `claim` (an index into `attrs.list`). `named_only`: only a
/// source the reader can identify counts (the claim itself is anonymous).
pub fn support(attrs: &Attributions, claim: usize, named_only: bool) -> Support {
    let a = &attrs.list[claim];
    // The notes are in sentence order.
    let notes = &attrs.corroboration;
    let first = notes.partition_point(|n| n.sentence + NOTE_BEFORE < a.sentence);
    let end = notes.partition_point(|n| n.sentence <= a.sentence + NOTE_AFTER);
    let mut unverified = None;
    for n in &notes[first..end.max(first)] {
        if n.verified {
            return Support::Found;
        }
        unverified.get_or_insert(n.span);
    }
    let around =
        claim.saturating_sub(SUPPORT_REACH)..(claim + SUPPORT_REACH + 1).min(attrs.list.len());
    let backed = attrs.list[around]
        .iter()
        .any(|b| is_other_voice(attrs, a, b, named_only) && bears_on(a, b, named_only));
    match (backed, unverified) {
        (true, _) => Support::Found,
        (false, Some(span)) => Support::Unverified(span),
        (false, None) => Support::None,
    }
}

/// Another source than the claim's, one the reader could weigh.
fn is_other_voice(
    attrs: &Attributions,
    a: &Attribution,
    b: &Attribution,
    named_only: bool,
) -> bool {
    let other = match (a.canonical, b.canonical) {
        (Some(x), Some(y)) => x != y,
        _ => a.source != b.source,
    };
    let kind = attrs.effective_kind(b);
    let weighable = match kind {
        SourceKind::Vague | SourceKind::Pronoun => false,
        SourceKind::Anonymous => !named_only,
        _ => true,
    };
    other && weighable
}

/// Whether statement `b` bears on claim `a`: it answers an accusation (a denial, "did
/// not respond"), or a document or a second witness speaks to the same matter. An
/// answer does not make an anonymous claim less anonymous (`named_only`).
fn bears_on(a: &Attribution, b: &Attribution, named_only: bool) -> bool {
    if b.claim.answers && !named_only {
        return true;
    }
    let shared = a.claim.shared(&b.claim);
    let document = matches!(b.kind, SourceKind::Document | SourceKind::Citation);
    // A story's main names run through all of it: far apart, two statements are on
    // one matter only when much of what the claim is about comes back.
    let close = a.sentence.abs_diff(b.sentence) <= 1;
    let smaller = a.claim.topic.len().min(b.claim.topic.len()).max(1);
    let much = shared >= 3 || (shared >= 2 && shared * 5 >= smaller * 2);
    much || (shared >= 1 && (document || close))
}
