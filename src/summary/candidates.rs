//! Which sentences may speak for the draft.
//!
//! A summary sentence should be the writer's own, declarative, and clean: not a
//! heading or the title, not mostly someone else's quoted words, not a question,
//! and (for the summary) not carrying a finding the review asks the writer to fix.

use super::intervals::Intervals;
use crate::analysis::prose::BlockKind;
use crate::analysis::Span;
use crate::rules::{Finding, Severity};
use crate::Analysis;

/// Whether a finding keeps its sentence out of the summary. A loaded word with a
/// neutral alternative does not: the summary carries the sentence with the
/// alternative in its place. A hint (an unsourced figure, say) does not either:
/// news leads are full of figures, and the summary would lose the point.
fn disqualifies(f: &Finding) -> bool {
    match f.rule {
        "loaded-language" => f.alternatives.is_empty(),
        "unattributed-claim" => f.severity != Severity::Hint,
        _ => false,
    }
}

/// A sentence is "mostly quotation" when quotes cover at least this share of it.
const MAX_QUOTED_SHARE: f64 = 0.5;

#[derive(Clone, Copy, Debug)]
pub struct Filter {
    /// Skip sentences with loaded-language or unattributed-claim findings.
    pub skip_flagged: bool,
    /// Fragments shorter than this (captions, datelines, "Read more") are skipped.
    pub min_words: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// Index into `Analysis::sentences`.
    pub sentence: usize,
    pub words: usize,
}

/// The eligible sentences in document order, at most `limit` of them.
///
/// Stopping at `limit` is what keeps a very long document cheap: nothing after
/// the first `limit` eligible sentences is tokenised or compared.
pub fn collect(text: &str, analysis: &Analysis, filter: Filter, limit: usize) -> Vec<Candidate> {
    let quoted = Intervals::new(analysis.quotes.spans.iter().map(|q| q.span));
    let flagged = Intervals::new(
        analysis
            .findings
            .iter()
            .filter(|f| filter.skip_flagged && disqualifies(f))
            .map(|f| f.span),
    );
    let title = title_span(text, analysis);

    let mut out = Vec::new();
    for (index, sentence) in analysis.sentences.iter().enumerate() {
        if out.len() >= limit {
            break;
        }
        let span = sentence.span;
        if span.is_empty() || span.end > text.len() || !is_body(analysis, index) {
            continue;
        }
        if title.is_some_and(|t| t.contains(span)) {
            continue;
        }
        let sentence_text = span.text(text);
        let words = sentence_text.split_whitespace().count();
        if words < filter.min_words || is_question(sentence_text) {
            continue;
        }
        if quoted.covered_len(span) as f64 >= MAX_QUOTED_SHARE * span.len() as f64
            || opens_with_quote_mark(sentence_text)
        {
            continue;
        }
        if flagged.overlaps(span) {
            continue;
        }
        out.push(Candidate {
            sentence: index,
            words,
        });
    }
    out
}

/// Paragraphs and list items outside blockquotes are the writer's running prose.
/// So is a "heading" that holds several sentences: a plain-text draft pasted as one
/// line per paragraph has its whole first paragraph taken for the title line.
fn is_body(analysis: &Analysis, sentence: usize) -> bool {
    let block_index = analysis.sentences[sentence].block;
    let Some(block) = analysis.prose.blocks.get(block_index) else {
        // A hand-built analysis may carry sentences without blocks: treat them as prose.
        return true;
    };
    if block.in_blockquote {
        return false;
    }
    match block.kind {
        BlockKind::Paragraph | BlockKind::ListItem => true,
        BlockKind::Heading { .. } => {
            let same_block = |i: usize| {
                analysis
                    .sentences
                    .get(i)
                    .is_some_and(|s| s.block == block_index)
            };
            (sentence > 0 && same_block(sentence - 1)) || same_block(sentence + 1)
        }
        _ => false,
    }
}

/// The title, when it really is one. A plain-text draft whose "first line" is a whole
/// paragraph (text pasted without line breaks) has no title: more than one sentence
/// inside it means it is body text. Nor is a line that ends in a full stop: that is a
/// sentence, which also happens when the caller blanked the real title out first.
fn title_span(text: &str, analysis: &Analysis) -> Option<Span> {
    let title = analysis.prose.title?;
    if title.end > text.len() {
        return None;
    }
    let ends_like_a_sentence = title
        .text(text)
        .trim_end()
        .trim_end_matches(['"', '\'', '”', '’', ')'])
        .ends_with('.');
    let inside = analysis
        .sentences
        .iter()
        .take_while(|s| s.span.start < title.end)
        .filter(|s| title.contains(s.span))
        .take(2)
        .count();
    (inside <= 1 && !ends_like_a_sentence).then_some(title)
}

/// A sentence that opens with a quotation mark is someone's words, even when the
/// quote finder did not pair the marks (British single quotes, a quote that runs on
/// from the previous paragraph).
fn opens_with_quote_mark(sentence: &str) -> bool {
    sentence.starts_with(['"', '“', '‘', '\''])
}

/// Ends in a question mark, possibly inside closing quotes or brackets.
pub fn is_question(sentence: &str) -> bool {
    sentence
        .trim_end()
        .trim_end_matches(['"', '\'', '”', '’', ')', ']', '*', '_'])
        .ends_with('?')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_inside_quotes_are_questions() {
        assert!(is_question("Who pays?"));
        assert!(is_question("She asked, “Who pays?”"));
        assert!(!is_question("Nobody asked who pays."));
    }

    #[test]
    fn a_sentence_opening_with_a_quote_mark_is_a_quotation() {
        assert!(opens_with_quote_mark("‘We will rebuild,’ the mayor said."));
        assert!(opens_with_quote_mark(
            "\"We will rebuild,\" the mayor said."
        ));
        assert!(!opens_with_quote_mark("The mayor said: ‘We will rebuild.’"));
    }
}
