//! loaded-language: charged, pejorative or puffed-up wording in the writer's own voice.
//! Interim version with a tiny built-in list; the full lexicon replaces it.

use super::{Edit, Finding, Fix, Rule, RuleContext, Severity};
use crate::analysis::words::words;

pub static RULE: Rule = Rule {
    id: "loaded-language",
    summary: "Charged, pejorative or puffed-up wording in the writer's own voice",
    default_severity: Severity::Warning,
    check,
    fires_on: &["The regime slammed the report."],
    quiet_on: &["\"The regime is brutal,\" she said."],
};

const TERMS: &[(&str, &str, &str)] = &[
    ("regime", "pejorative-label", "government"),
    ("slammed", "loaded-verb-of-saying", "criticised"),
    ("brutal", "emotionally-charged", "violent"),
    ("infamous", "pejorative-label", "well-known"),
    ("shameless", "emotionally-charged", ""),
];

fn check(ctx: &RuleContext) -> Vec<Finding> {
    let mut out = Vec::new();
    for s in ctx.sentences {
        for w in words(&ctx.prose.masked[s.span.start..s.span.end], s.span.start) {
            let lower = w.span.text(ctx.text).to_lowercase();
            let Some((term, category, alt)) = TERMS.iter().find(|(t, _, _)| *t == lower) else {
                continue;
            };
            if ctx.quotes.covers(w.span) {
                continue;
            }
            let alternatives: Vec<String> = if alt.is_empty() {
                vec![]
            } else {
                vec![alt.to_string()]
            };
            out.push(Finding {
                rule: RULE.id,
                category: Some(category.to_string()),
                severity: RULE.default_severity,
                message: format!("\"{term}\" is loaded language ({category})"),
                span: w.span,
                explanation: format!("\"{term}\" judges rather than describes."),
                fixes: alternatives
                    .iter()
                    .map(|a| Fix {
                        title: format!("Replace with \"{a}\""),
                        edits: vec![Edit {
                            span: w.span,
                            replacement: a.clone(),
                        }],
                    })
                    .collect(),
                alternatives,
                related: vec![],
            });
        }
    }
    out
}
