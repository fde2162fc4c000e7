//! The report's "signs of machine-written text": what a reader might notice,
//! with the spans behind it. Always computed, whether or not the `ai-tells` rule
//! is on.
//!
//! It never says who or what wrote the draft. It counts patterns that readers
//! have learnt to associate with generated prose, each of which almost never
//! appears in human-written news (measured; see docs/rules/ai-tells.md):
//! - the `ai-tells` rule's phrases and formulas, as a density;
//! - em dashes far above the rate of news writing;
//! - a long stretch of sentences of nearly the same length;
//! - three-item lists ("A, B and C") in most sentences.

use crate::analysis::tokens::{Token, TokenTable};
use crate::analysis::Span;
use crate::rules::ai_tells::{closes_block, sentence_tells, Tell};
use crate::summary::intervals::Intervals;
use crate::Analysis;
use serde::Serialize;

/// The thresholds of the section (docs/rules/ai-tells.md gives the figures on
/// human-written news behind each).
pub mod thresholds {
    /// Phrase and formula tells: at least this many, and this many per 1,000 words.
    pub const TELLS_MIN: usize = 2;
    pub const TELLS_PER_THOUSAND: f64 = 2.0;
    /// Em dashes in the writer's prose: at least this many per 1,000 words, and this many.
    pub const EM_DASHES_PER_THOUSAND: f64 = 25.0;
    pub const EM_DASHES_MIN: usize = 8;
    /// Uniform lengths: this many sentences in a row whose lengths vary by less
    /// than this share of their mean (coefficient of variation).
    pub const UNIFORM_RUN: usize = 12;
    pub const UNIFORM_VARIATION: f64 = 0.06;
    /// Sentences shorter than this are headings or fragments, left out of the run.
    pub const UNIFORM_MIN_WORDS: usize = 6;
    /// Three-item lists: in at least this share of the writer's sentences, and this many.
    pub const TRIAD_SHARE: f64 = 0.5;
    pub const TRIADS_MIN: usize = 5;
}

/// A run of sentences of nearly the same length.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Stretch {
    /// From the first sentence of the run to the end of the last.
    pub span: Span,
    pub sentences: usize,
    pub mean_words: f64,
    /// Standard deviation over mean of the sentence lengths.
    pub variation: f64,
}

/// One sign a reader might notice, and whether it passes its threshold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Sign {
    Phrases,
    EmDashes,
    UniformSentences,
    ThreeItemLists,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AiTells {
    /// Words of the writer's own prose.
    pub words: usize,
    /// Phrase and formula tells in the writer's prose.
    pub tells: Vec<Tell>,
    pub tells_per_thousand_words: f64,
    pub em_dashes: Vec<Span>,
    pub em_dashes_per_thousand_words: f64,
    /// The most uniform run of `UNIFORM_RUN` sentences, if the draft has that many.
    pub most_uniform: Option<Stretch>,
    /// Three-item lists in the writer's sentences.
    pub three_item_lists: Vec<Span>,
    pub three_item_share: f64,
    /// The signs past their thresholds: what a reader might notice.
    pub signs: Vec<Sign>,
}

/// The section for an analysed draft, from its token table.
pub fn build(analysis: &Analysis, table: &TokenTable, quoted: &Intervals) -> AiTells {
    let writer = |t: &Token| !t.quoted && !quoted.contains(t.span);
    let (mut tells, mut em_dashes, mut lists) = (Vec::new(), Vec::new(), Vec::new());
    let (mut words, mut lengths) = (0, Vec::new());
    for (i, sentence) in analysis.sentences.iter().enumerate() {
        let tokens = table.sentence(i);
        sentence_tells(tokens, closes_block(&analysis.sentences, i), &mut tells);
        let own = tokens
            .iter()
            .filter(|t| t.is_wordlike() && writer(t))
            .count();
        words += own;
        if own > 0 {
            lengths.push((sentence.span, own));
        }
        em_dashes.extend(
            tokens
                .iter()
                .filter(|t| t.is_punct("\u{2014}") && writer(t))
                .map(|t| t.span),
        );
        lists.extend(three_item_list(tokens).filter(|s| !quoted.overlaps(*s)));
    }
    tells.retain(|t| !quoted.overlaps(t.span));
    let per_thousand = |n: usize| per_thousand(n, words);
    let mut section = AiTells {
        words,
        tells_per_thousand_words: per_thousand(tells.len()),
        tells,
        em_dashes_per_thousand_words: per_thousand(em_dashes.len()),
        em_dashes,
        most_uniform: most_uniform(&lengths),
        three_item_share: ratio(lists.len(), lengths.len()),
        three_item_lists: lists,
        signs: Vec::new(),
    };
    section.signs = signs(&section);
    section
}

fn per_thousand(n: usize, words: usize) -> f64 {
    ratio(n, words) * 1000.0
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn signs(s: &AiTells) -> Vec<Sign> {
    use thresholds::*;
    let mut out = Vec::new();
    if s.tells.len() >= TELLS_MIN && s.tells_per_thousand_words >= TELLS_PER_THOUSAND {
        out.push(Sign::Phrases);
    }
    if s.em_dashes.len() >= EM_DASHES_MIN
        && s.em_dashes_per_thousand_words >= EM_DASHES_PER_THOUSAND
    {
        out.push(Sign::EmDashes);
    }
    if s.most_uniform
        .is_some_and(|u| u.variation < UNIFORM_VARIATION)
    {
        out.push(Sign::UniformSentences);
    }
    if s.three_item_lists.len() >= TRIADS_MIN && s.three_item_share >= TRIAD_SHARE {
        out.push(Sign::ThreeItemLists);
    }
    out
}

/// The run of `UNIFORM_RUN` consecutive sentences (of at least
/// `UNIFORM_MIN_WORDS` words) whose lengths vary least. Linear: running sums.
fn most_uniform(lengths: &[(Span, usize)]) -> Option<Stretch> {
    use thresholds::{UNIFORM_MIN_WORDS, UNIFORM_RUN};
    let mut best: Option<Stretch> = None;
    for run in lengths.split(|(_, n)| *n < UNIFORM_MIN_WORDS) {
        if run.len() < UNIFORM_RUN {
            continue;
        }
        let (mut sum, mut squares) = (0.0, 0.0);
        for (i, &(_, n)) in run.iter().enumerate() {
            let n = n as f64;
            sum += n;
            squares += n * n;
            if i + 1 > UNIFORM_RUN {
                let old = run[i - UNIFORM_RUN].1 as f64;
                sum -= old;
                squares -= old * old;
            }
            if i + 1 < UNIFORM_RUN {
                continue;
            }
            let count = UNIFORM_RUN as f64;
            let mean = sum / count;
            let variance = (squares / count - mean * mean).max(0.0);
            let variation = variance.sqrt() / mean;
            if best.is_none_or(|b| variation < b.variation) {
                let first = run[i + 1 - UNIFORM_RUN].0;
                best = Some(Stretch {
                    span: Span::new(first.start, run[i].0.end),
                    sentences: UNIFORM_RUN,
                    mean_words: mean,
                    variation,
                });
            }
        }
    }
    best
}

/// "A, B and C" or "A, B, and C": exactly two comma-separated items of at most
/// three words before the "and" / "or", and at least one word after it.
fn three_item_list(tokens: &[Token]) -> impl Iterator<Item = Span> + '_ {
    const ITEM: usize = 3;
    let word = |i: usize| tokens.get(i).is_some_and(Token::is_wordlike);
    let comma = |i: usize| tokens.get(i).is_some_and(|t| t.is_punct(","));
    (2..tokens.len()).filter_map(move |k| {
        let joiner = tokens[k].norm == "and" || tokens[k].norm == "or";
        if !joiner || !word(k + 1) {
            return None;
        }
        let b_end = if comma(k - 1) { k - 1 } else { k };
        // Item B: 1-3 words, then the comma after item A.
        let b_start = (1..=ITEM)
            .take_while(|&n| n <= b_end && word(b_end - n))
            .last()
            .map(|n| b_end - n)?;
        let first_comma = b_start.checked_sub(1).filter(|&c| comma(c))?;
        let a_end = first_comma.checked_sub(1).filter(|&a| word(a))?;
        // A fourth item would put another comma right before item A.
        let a_start = a_end.saturating_sub(ITEM - 1);
        let longer = (a_start.saturating_sub(1)..a_end).any(&comma);
        (!longer).then(|| Span::new(tokens[a_end].span.start, tokens[k + 1].span.end))
    })
}

#[cfg(test)]
mod tests;
