//! TruthLens: reviews how an article draft is sourced and worded.
//!
//! `analyze` is the whole engine: pure, synchronous, and free of LSP types.
//! The CLI (`cli`) and the language server (`lsp`) are thin edges around it.

pub mod analysis;
pub mod cli;
pub mod config;
pub mod insert;
pub mod lexicon;
pub mod line_index;
pub mod lsp;
pub mod report;
pub mod rules;
pub mod summary;
pub mod suppress;

pub use analysis::{Format, Span};
pub use config::Config;
pub use rules::{Finding, Severity};

use analysis::attribution::Attributions;
use analysis::prose::ProseMap;
use analysis::quotes::Quotes;
use analysis::sentences::Sentence;

/// Everything TruthLens knows about one draft.
#[derive(Debug)]
pub struct Analysis {
    pub prose: ProseMap,
    pub sentences: Vec<Sentence>,
    pub quotes: Quotes,
    pub attributions: Attributions,
    pub findings: Vec<Finding>,
}

/// Review a draft: text -> prose map -> sentences and quotes -> attributions -> findings.
///
/// Blocks that TruthLens generated (summary, headline, report) are blanked first:
/// they are not the writer's prose. Blanking keeps every offset, so findings point
/// into `text` exactly.
pub fn analyze(text: &str, format: Format, config: &Config) -> Analysis {
    let text: &str = &insert::without_generated(text, format);
    let prose = analysis::prose::map(text, format);
    let sentences = analysis::sentences::split(&prose);
    let quotes = analysis::quotes::find(&prose);
    let attributions = analysis::attribution::find(text, &prose, &sentences, &quotes);
    let ctx = rules::RuleContext {
        text,
        prose: &prose,
        sentences: &sentences,
        quotes: &quotes,
        attributions: &attributions,
        config,
    };
    let mut findings = rules::run_all(&ctx);
    let suppressions = analysis::directives::find(text, format, &prose);
    // The allowlist is the project's word for every rule, not only loaded-language
    // (which also honours it per headword): a term on it is never flagged.
    findings.retain(|f| {
        let flagged = f.span.text(text);
        !suppressions.suppresses(f.rule, f.span, flagged) && !config.allows(flagged)
    });
    Analysis {
        prose,
        sentences,
        quotes,
        attributions,
        findings,
    }
}
