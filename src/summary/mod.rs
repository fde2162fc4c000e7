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
        .zip(&candidates)
        .map(|((rank, c), candidate)| {
            // A flagged sentence gives way to an equally central clean one.
            let penalty = if candidate.flagged {
                tuning.flag_penalty
            } else {
                0.0
            };
            rank::lead_prior(rank, tuning) + tuning.centrality_weight * c - penalty
        })
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

/// The summary sentences' text, in document order, one line each, exactly as the
/// draft has them (soft line breaks read as spaces).
pub fn summarize(text: &str, analysis: &Analysis, config: &Config) -> Vec<String> {
    summarize_with(text, analysis, config, &Tuning::default())
}

/// `summarize` with explicit tuning, for the evaluation harness.
pub fn summarize_with(
    text: &str,
    analysis: &Analysis,
    config: &Config,
    tuning: &Tuning,
) -> Vec<String> {
    select_with(text, analysis, config, tuning)
        .into_iter()
        .map(|i| {
            let span = analysis.sentences[i].span;
            let from = span.start + candidates::dateline_len(span.text(text));
            one_line(Span::new(from, span.end), text)
        })
        .collect()
}

/// A neutral headline suggestion, if a sentence near the top states the news.
pub fn headline(text: &str, analysis: &Analysis) -> Option<String> {
    headlines(text, analysis).into_iter().next()
}

/// Two or three headline suggestions, best first (see `headline::candidates`).
pub fn headlines(text: &str, analysis: &Analysis) -> Vec<String> {
    headline::candidates(text, analysis)
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
