//! Extractive summary and neutral headline.
//!
//! The summary picks whole sentences: no model, no download, the same output for
//! the same draft. See `rank` for the scoring and `candidates` for what is eligible.
//! The headline compresses the lead sentence (see `headline`).

mod candidates;
mod headline;
pub(crate) mod intervals;
pub mod rank;
pub mod rouge;
mod terms;

pub use candidates::is_question;
pub use rank::Tuning;

use crate::analysis::Span;
use crate::config::Config;
use crate::Analysis;
use candidates::Filter;
use rank::{Budget, Similarities};

/// The summary sentences (indices into `analysis.sentences`), in document order.
pub fn select(text: &str, analysis: &Analysis, config: &Config) -> Vec<usize> {
    select_with(text, analysis, config, &Tuning::default())
}

/// `select` with explicit tuning, for the evaluation harness.
pub fn select_with(
    text: &str,
    analysis: &Analysis,
    config: &Config,
    tuning: &Tuning,
) -> Vec<usize> {
    let filter = Filter {
        skip_flagged: true,
        min_words: tuning.min_words,
    };
    let candidates = candidates::collect(text, analysis, filter, tuning.max_candidates);
    if candidates.is_empty() {
        return Vec::new();
    }
    let texts: Vec<&str> = candidates
        .iter()
        .map(|c| analysis.sentences[c.sentence].span.text(text))
        .collect();
    let vectors = terms::tfidf_vectors(&texts);
    let sims = Similarities::new(&vectors);
    let centrality = rank::directional_centrality(&sims);
    let scores: Vec<f32> = centrality
        .iter()
        .enumerate()
        .map(|(rank, c)| rank::lead_prior(rank, tuning) + tuning.centrality_weight * c)
        .collect();
    let words: Vec<usize> = candidates.iter().map(|c| c.words).collect();
    let budget = if config.summary.max_words > 0 {
        Budget::Words(config.summary.max_words)
    } else {
        Budget::Sentences(config.summary.sentences.max(1))
    };
    let mut picked: Vec<usize> = rank::select(&scores, &words, &sims, budget, tuning)
        .into_iter()
        .map(|i| candidates[i].sentence)
        .collect();
    picked.sort_unstable();
    picked
}

/// The summary sentences' text, in document order, one line each, with any loaded
/// word replaced by its neutral alternative.
pub fn summarize(text: &str, analysis: &Analysis, config: &Config) -> Vec<String> {
    select(text, analysis, config)
        .into_iter()
        .map(|i| headline::neutralise(text, analysis.sentences[i].span, &analysis.findings))
        .collect()
}

/// A neutral headline suggestion, if the draft has a lead sentence.
pub fn headline(text: &str, analysis: &Analysis) -> Option<String> {
    let filter = Filter {
        // Loaded words are rewritten rather than avoided: the lead is the lead.
        skip_flagged: false,
        min_words: Tuning::default().min_words,
    };
    let lead = candidates::collect(text, analysis, filter, 1)
        .into_iter()
        .next()?;
    let span = analysis.sentences[lead.sentence].span;
    // The masked prose has Markdown syntax, link targets and HTML blanked out at the
    // same offsets: a headline should read "the report", not "[the report](http://…)".
    let prose = if analysis.prose.masked.len() == text.len() {
        analysis.prose.masked.as_str()
    } else {
        text
    };
    headline::compress(prose, span, &analysis.findings)
}

/// A sentence on one line: soft line breaks and runs of spaces become one space.
pub fn one_line(span: Span, text: &str) -> String {
    span.text(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests;
