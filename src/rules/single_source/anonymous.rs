//! anonymous-source: claims that rest on a source the reader cannot identify.

use super::corroboration::{support, Support};
use super::{by_source, finding, is_statement, mention_span};
use crate::analysis::attribution::{Attribution, Attributions, SourceKind, Stakes};
use crate::rules::{Finding, Related, Severity};

const EXPLANATION: &str = "Readers cannot weigh a source they cannot identify. Anonymity is sometimes necessary, but a claim that rests on it alone should say why the source was granted anonymity and be confirmed another way where possible.";

/// One finding per anonymous or pseudonymous source, at its first unsupported claim.
pub fn findings(attrs: &Attributions) -> Vec<Finding> {
    let claims =
        sole_anonymous_claims(attrs).filter(|&i| support(attrs, i, true) != Support::Found);
    by_source(claims, attrs)
        .into_iter()
        .map(|group| source_finding(attrs, &group))
        .collect()
}

/// The first anonymous statement of each sentence whose statements are all anonymous.
fn sole_anonymous_claims(attrs: &Attributions) -> impl Iterator<Item = usize> + '_ {
    let last = attrs.list.last().map_or(0, |a| a.sentence + 1);
    let mut at = 0;
    attrs.by_sentence(last).filter_map(move |here| {
        let first = at;
        at += here.len();
        let counted = |a: &&Attribution| is_statement(a) || a.kind == SourceKind::Citation;
        let mut statements = here.iter().enumerate().filter(|(_, a)| counted(a));
        let (k, _) = statements.next()?;
        let anonymous = |a: &Attribution| attrs.effective_kind(a) == SourceKind::Anonymous;
        let all = here.iter().filter(counted).all(anonymous);
        all.then_some(first + k)
    })
}

fn source_finding(attrs: &Attributions, group: &[usize]) -> Finding {
    let first = &attrs.list[group[0]];
    let grave = group
        .iter()
        .any(|&i| attrs.list[i].claim.stakes == Stakes::Grave);
    let source = attrs.source_of(first);
    let pseudonym = source.is_some_and(|s| s.pseudonym);
    let who = source.map_or("an unnamed source", |s| &s.name);
    let (whose, ask) = if pseudonym {
        (
            format!("a source under a pseudonym (\"{who}\")"),
            "anyone named, or a document",
        )
    } else {
        (
            format!("an anonymous source (\"{who}\")"),
            "a named source or a document",
        )
    };
    let (severity, message) = if grave {
        (Severity::Warning, format!("This accusation rests on {whose} alone. Can {ask} confirm it, and has the accused answered?"))
    } else {
        (
            Severity::Info,
            format!("Only {whose} supports this. Can {ask} confirm it?"),
        )
    };
    let mut f = finding(
        "anonymous-source",
        severity,
        mention_span(first),
        message,
        EXPLANATION,
    );
    let n = group.len();
    for (k, &i) in group.iter().enumerate().skip(1) {
        f.related.push(Related {
            span: mention_span(&attrs.list[i]),
            message: format!("claim {} of {n} resting on the same source", k + 1).into(),
        });
    }
    f
}
