//! The rules: one file per rule, one registry list.
//!
//! A rule reads the shared analysis (`RuleContext`) and returns plain findings
//! with byte ranges. Positions, diagnostics and output formats live at the edges.

pub mod ai_tells;
mod fixes;
pub mod headline;
pub mod loaded_language;
pub mod readability_long_sentence;
pub mod shared;
pub mod single_source;
pub mod unattributed_claim;

pub use fixes::Fixes;

use crate::analysis::attribution::Attributions;
use crate::analysis::prose::ProseMap;
use crate::analysis::quotes::Quotes;
use crate::analysis::sentences::Sentence;
use crate::analysis::tokens::TokenTable;
use crate::analysis::Span;
use crate::config::Config;
use rayon::prelude::*;
use serde::Serialize;
use std::sync::Arc;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
    Hint,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Hint => "hint",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "info" | "information" => Some(Severity::Info),
            "hint" => Some(Severity::Hint),
            _ => None,
        }
    }
}

/// One replacement of a byte range.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub span: Span,
    pub replacement: Arc<str>,
}

/// A named set of edits that fixes a finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub title: Arc<str>,
    pub edits: Vec<Edit>,
}

/// Another place in the document that explains a finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Related {
    pub span: Span,
    pub message: Arc<str>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub category: Option<Arc<str>>,
    pub severity: Severity,
    pub message: Arc<str>,
    pub span: Span,
    /// Why it was flagged, for hover.
    pub explanation: Arc<str>,
    /// Neutral wording the writer could use instead.
    pub alternatives: Arc<[String]>,
    /// Shared: the language server copies a long draft's findings for every review,
    /// and copying the fixes was most of that.
    pub fixes: Fixes,
    pub related: Vec<Related>,
}

impl Finding {
    /// The same finding, `offset` bytes further along the text.
    pub fn shifted(&self, offset: usize) -> Finding {
        self.moved(|span| Some(Span::new(span.start + offset, span.end + offset)))
            .expect("every span moves")
    }

    /// The finding with every span it holds moved by `to`; `None` if one cannot be.
    pub fn moved(&self, to: impl Fn(Span) -> Option<Span>) -> Option<Finding> {
        let mut moved = self.clone();
        moved.move_spans(to)?;
        Some(moved)
    }

    /// Move every span it holds by `to`, in place. `None` if one cannot be moved,
    /// which leaves the finding part-moved: the caller drops it. `to` moves spans
    /// as an edit does: a span wholly before or after the change moves with
    /// everything on its side (as `shifted` moves all of them).
    pub fn move_spans(&mut self, to: impl Fn(Span) -> Option<Span>) -> Option<()> {
        self.span = to(self.span)?;
        self.fixes.move_spans(&to)?;
        for related in &mut self.related {
            related.span = to(related.span)?;
        }
        Some(())
    }
}

/// Everything a rule may read. Rules never re-parse the text.
pub struct RuleContext<'a> {
    pub text: &'a str,
    pub prose: &'a ProseMap,
    pub sentences: &'a [Sentence],
    /// The piece's token table (empty for the rules that read the whole draft,
    /// which work from the attributions).
    pub tokens: &'a TokenTable,
    pub quotes: &'a Quotes,
    pub attributions: &'a Attributions,
    pub config: &'a Config,
}

/// A rule's identity card: the registry is a list of these.
/// How much of the draft a rule reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// One piece of the draft at a time (see `analysis::chunks`): its prose,
    /// sentences and quotes, but no attributions. Its findings are cached per piece.
    Piece,
    /// The whole draft, attributions and canonical sources included. What `check`
    /// finds at a sentence may depend only on the blocks up to `NEIGHBOUR_REACH`
    /// either side of it (and on the canonical sources): the engine re-checks the
    /// neighbourhood of an edit, not the draft. Counts over the whole draft belong
    /// in `whole_draft`.
    Draft,
}

/// How many blocks before or after a sentence a `Scope::Draft` check may read.
pub const NEIGHBOUR_REACH: usize = 2;

pub struct Rule {
    pub id: &'static str,
    pub scope: Scope,
    pub summary: &'static str,
    pub default_severity: Severity,
    pub check: fn(&RuleContext) -> Vec<Finding>,
    /// What the rule finds from counts over the whole draft's attributions (a
    /// `Scope::Draft` rule).
    pub whole_draft: Option<fn(&Attributions, &Config) -> Vec<Finding>>,
    /// Texts on which the rule must fire (checked by tests).
    pub fires_on: &'static [&'static str],
    /// Texts on which the rule must stay quiet (checked by tests).
    pub quiet_on: &'static [&'static str],
}

impl Rule {
    /// The rule's documentation page, relative to the repository root.
    pub fn doc_path(&self) -> String {
        format!("docs/rules/{}.md", self.id)
    }

    /// A link to the documentation page, for editors.
    pub fn doc_url(&self) -> String {
        format!(
            "{}/blob/main/{}",
            env!("CARGO_PKG_REPOSITORY"),
            self.doc_path()
        )
    }
}

pub static REGISTRY: &[&Rule] = &[
    &loaded_language::RULE,
    &unattributed_claim::RULE,
    &single_source::RULE,
    &headline::RULE,
    &readability_long_sentence::RULE,
    &ai_tells::RULE,
];

/// Rules that run only when the project turns them on (`enabled = true`). A list
/// beside the registry, not a field of `Rule`, so that adding a rule stays one line.
pub static OFF_BY_DEFAULT: &[&str] = &[readability_long_sentence::ID, ai_tells::ID];

/// Whether a rule runs when the configuration says nothing about it.
pub fn on_by_default(id: &str) -> bool {
    !OFF_BY_DEFAULT.contains(&id)
}

pub fn find_rule(id: &str) -> Option<&'static Rule> {
    REGISTRY.iter().copied().find(|r| r.id == id)
}

/// The findings of the enabled rules that read `scope`, at their configured severity.
pub fn run_scope(ctx: &RuleContext, scope: Scope) -> Vec<Finding> {
    // A long draft's rules run side by side; a paragraph's are done sooner than
    // they could be handed to another thread.
    let parallel = ctx.sentences.len() >= PARALLEL_FROM_SENTENCES;
    run(ctx.config, parallel, |rule| {
        (rule.scope == scope).then(|| (rule.check)(ctx))
    })
}

/// A draft with this many sentences has its rules run side by side.
const PARALLEL_FROM_SENTENCES: usize = 2_000;

/// The findings the enabled rules make from counts over the whole draft.
pub fn run_whole_draft(attributions: &Attributions, config: &Config) -> Vec<Finding> {
    run(config, false, |rule| {
        rule.whole_draft.map(|check| check(attributions, config))
    })
}

fn run(
    config: &Config,
    parallel: bool,
    check: impl Fn(&Rule) -> Option<Vec<Finding>> + Sync,
) -> Vec<Finding> {
    let checked = |rule: &&'static Rule| {
        let found = config.rule_enabled(rule.id).then(|| check(rule)).flatten();
        (*rule, found)
    };
    let by_rule: Vec<(&Rule, Option<Vec<Finding>>)> = if parallel {
        REGISTRY.par_iter().map(checked).collect()
    } else {
        REGISTRY.iter().map(checked).collect()
    };
    let mut findings = Vec::new();
    for (rule, found) in by_rule {
        for mut finding in found.unwrap_or_default() {
            if let Some(sev) = config.severity_for(rule.id, finding.category.as_deref()) {
                finding.severity = sev;
            }
            findings.push(finding);
        }
    }
    findings.sort_by_key(|f| (f.span.start, f.span.end));
    findings
}
