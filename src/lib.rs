//! TruthLens: reviews how an article draft is sourced and worded.
//!
//! `analyze` is the whole engine: pure, synchronous, and free of LSP types.
//! The CLI (`cli`) and the language server (`lsp`) are thin edges around it.

pub mod analysis;
pub mod cli;
pub mod config;
pub mod engine;
pub mod insert;
pub mod lexicon;
pub mod line_index;
pub mod lsp;
pub mod nlp;
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
/// The draft is analysed in pieces (see `engine`); the language server keeps an
/// `engine::Cache` per document so that an edit re-analyses only what changed.
pub fn analyze(text: &str, format: Format, config: &Config) -> Analysis {
    engine::analyze(text, format, config)
}
