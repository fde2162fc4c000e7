//! uncorroborated-claim: an accusation or a harm carried by one named voice.

use super::corroboration::{support, Support};
use super::{by_source, finding, is_statement, mention_span};
use crate::analysis::attribution::{Attributions, SourceKind, Stakes};
use crate::analysis::Span;
use crate::rules::{Finding, Related, Severity};

const EXPLANATION: &str = "An allegation carried by one voice, with nothing in the story that confirms or answers it, asks the reader to take that voice's word. Corroboration, a document or the other side's response lets the reader weigh it.";

/// One finding per source, at its first unsupported accusation.
pub fn findings(attrs: &Attributions) -> Vec<Finding> {
    let mut notes = Vec::new();
    let claims = (0..attrs.list.len()).filter(|&i| {
        let a = &attrs.list[i];
        if !is_statement(a) || a.claim.stakes != Stakes::Grave || !speaks_for_itself(attrs, i) {
            return false;
        }
        match support(attrs, i, false) {
            Support::Found => false,
            Support::Unverified(span) => {
                notes.push((i, span));
                true
            }
            Support::None => true,
        }
    });
    let groups = by_source(claims, attrs);
    groups
        .into_iter()
        .map(|group| {
            let note = notes
                .iter()
                .find(|(i, _)| group.contains(i))
                .map(|&(_, s)| s);
            source_finding(attrs, &group, note)
        })
        .collect()
}

/// A person or body the reader can name: not a crowd, a document, an anonymous
/// source (anonymous-source speaks for those) or a pronoun that found no one.
fn speaks_for_itself(attrs: &Attributions, i: usize) -> bool {
    let a = &attrs.list[i];
    matches!(
        attrs.effective_kind(a),
        SourceKind::Named | SourceKind::Role
    ) && attrs.source_of(a).is_some()
}

fn source_finding(attrs: &Attributions, group: &[usize], note: Option<Span>) -> Finding {
    let first = &attrs.list[group[0]];
    let who = attrs.source_of(first).map_or("one source", |s| &s.name);
    let message = match note {
        Some(_) => format!("This accusation rests on {who} alone, and the draft says it could not be verified. Is there a second source, a document or a response from the accused?"),
        None => format!("This accusation rests on {who} alone. Who or what else supports it: a second source, a document, a response from the accused?"),
    };
    let mut f = finding(
        "uncorroborated-claim",
        Severity::Warning,
        mention_span(first),
        message,
        EXPLANATION,
    );
    if let Some(span) = note {
        f.related.push(Related {
            span,
            message: "the draft's note that the claim could not be verified".into(),
        });
    }
    let n = group.len();
    for (k, &i) in group.iter().enumerate().skip(1) {
        f.related.push(Related {
            span: mention_span(&attrs.list[i]),
            message: format!("accusation {} of {n} from {who}, also unsupported", k + 1).into(),
        });
    }
    f
}
