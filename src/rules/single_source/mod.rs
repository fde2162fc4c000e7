//! single-source: a claim or an article that rests on one source.
//!
//! The judgement reads the whole story, never the paragraph, so the same text gets
//! the same verdict however it is laid out. One finding per source per concern, at
//! its first claim; its further claims are related spans.
//!
//! Categories:
//! - `anonymous-source`: claims whose only attribution is an anonymous or pseudonymous
//!   source ("one official said"), that no named source or document in the story
//!   supports. A warning when one of them is an accusation or a harm, else info;
//! - `uncorroborated-claim`: an accusation or a harm ("alleges", "accused", "claims guards
//!   locked him up", "said he was beaten") from one named source, with no second source
//!   on the matter, no answer from the accused and no document anywhere in the story.
//!   A writer's "could not independently verify" note changes the message but does not
//!   silence it;
//! - `dominant-source`: at least `single-source.min-statements` attributed statements,
//!   and one source supplies `single-source.dominant-share` of them (or only one named
//!   source speaks): one finding at that source's first mention, with its other
//!   statements as related spans.

mod anonymous;
mod corroboration;
mod dominant;
#[cfg(test)]
mod tests;
mod uncorroborated;

use super::{shared, Finding, Rule, RuleContext, Scope, Severity};
use crate::analysis::attribution::{Attribution, Attributions, CueClass, CueForm};
use crate::analysis::Span;
use crate::config::Config;

pub static RULE: Rule = Rule {
    id: "single-source",
    scope: Scope::Draft,
    summary: "A claim or article that rests on one source",
    default_severity: Severity::Warning,
    check: nothing_local,
    whole_draft: Some(whole_story),
    fires_on: &[
        "The minister will resign next week, one official said.",
        "A person familiar with the matter said the deal was off.",
        "Michael, not his real name, claims his superiors locked him in a pit for three days.",
        "Dana Reyes alleges that guards beat her. The agency could not independently verify her account.",
        "Ana Petrova said the bakery was closed. She said the bread ran out. Petrova said the street was empty. She added that nobody came. Tomas Reyes said he stayed home.",
    ],
    quiet_on: &[
        "The minister will resign next week, the ministry's spokesperson, Olena Bondar, said.",
        "Dana Reyes alleges that guards beat her. A second detainee, Omar Said, said he saw the guards beat her.",
        "Dana Reyes alleges that guards beat her, a claim independently verified by the Red Cross.",
        "Dana Reyes alleges that guards beat her. The prison service denied the allegation.",
        "Ana Petrova said the bakery was closed. Tomas Reyes said the bread ran out. Lina Okafor said the street was empty. Sofia Lindqvist said nobody came.",
        "The council met on Monday.",
        "Tom Ruiz said he had learned the trade from his father.",
        "Maya Lund said she was inspired to sign up after the flood.",
    ],
};

/// Every single-source judgement weighs the whole story, so none is made from a
/// neighbourhood of the edit: they are all in `whole_story`.
fn nothing_local(_: &RuleContext) -> Vec<Finding> {
    Vec::new()
}

fn whole_story(attrs: &Attributions, config: &Config) -> Vec<Finding> {
    let mut out = Vec::new();
    if config.category_enabled(RULE.id, "anonymous-source") {
        out.extend(anonymous::findings(attrs));
    }
    if config.category_enabled(RULE.id, "uncorroborated-claim") {
        out.extend(uncorroborated::findings(attrs));
    }
    if config.category_enabled(RULE.id, "dominant-source") {
        out.extend(dominant::finding(attrs, config));
    }
    out
}

/// Attributions that report a claim the source makes: speech, an accusation, a stance
/// or what a document shows. Not a quote continuation, not "declined to comment", not
/// a statement merely named by a noun, not a belief or a plan ("officials want"), and
/// not one only imagined ("someone can explain").
fn is_statement(a: &Attribution) -> bool {
    let claim = matches!(
        a.cue_class,
        CueClass::Report | CueClass::Contested | CueClass::Stance | CueClass::Evidence
    );
    claim && !a.claim.hypothetical && a.continues.is_none() && a.form != CueForm::Noun
}

fn finding(
    category: &str,
    severity: Severity,
    span: Span,
    message: String,
    explanation: &str,
) -> Finding {
    shared::finding(RULE.id, category, severity, span, message, explanation)
}

/// The source and its cue when they stand together ("one official said"), else the source.
fn mention_span(a: &Attribution) -> Span {
    match a.cue {
        Some(c) if c.start >= a.source.end && c.start - a.source.end <= 40 => {
            Span::new(a.source.start, c.end)
        }
        Some(c) if c.end <= a.source.start && a.source.start - c.end <= 4 => {
            Span::new(c.start, a.source.end)
        }
        _ => a.source,
    }
}

/// Groups attribution indices by canonical source, in order of each source's first
/// claim (an attribution with no canonical source is a group of its own).
fn by_source(claims: impl Iterator<Item = usize>, attrs: &Attributions) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of: rustc_hash::FxHashMap<usize, usize> = Default::default();
    for i in claims {
        match attrs.list[i].canonical {
            Some(c) => {
                let g = *group_of.entry(c).or_insert_with(|| {
                    groups.push(Vec::new());
                    groups.len() - 1
                });
                groups[g].push(i);
            }
            None => groups.push(vec![i]),
        }
    }
    groups
}
