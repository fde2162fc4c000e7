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
use regex::Regex;
use std::sync::LazyLock;

/// Whether a finding marks its sentence as one the summary avoids: it would repeat
/// wording the review asks the writer to fix. A hint (an unsourced figure, say) does
/// not: news leads are full of figures, and the summary would lose the point.
fn to_avoid(f: &Finding) -> bool {
    match f.rule {
        "loaded-language" => true,
        "unattributed-claim" => f.severity != Severity::Hint,
        _ => false,
    }
}

/// A sentence is "mostly quotation" when quotes cover at least this share of it.
const MAX_QUOTED_SHARE: f64 = 0.5;

#[derive(Clone, Copy, Debug)]
pub struct Filter {
    /// Fragments shorter than this (captions, datelines, "Read more") are skipped.
    pub min_words: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// Index into `Analysis::sentences`.
    pub sentence: usize,
    pub words: usize,
    /// It carries a loaded-language or unattributed-claim finding.
    pub flagged: bool,
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
            .filter(|f| to_avoid(f))
            .map(|f| f.span),
    );
    let title = title_span(text, analysis);
    // Only a real title (see `title_span`): in plain text with the title blanked
    // out, the "first line" is the lead itself.
    let title_text = title.map(|t| t.text(text));

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
            || is_furniture(sentence_text)
            || title_text.is_some_and(|t| same_words(t, sentence_text))
        {
            continue;
        }
        out.push(Candidate {
            sentence: index,
            words,
            flagged: flagged.overlaps(span),
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

/// Page furniture, not story: bylines, "Related:" and "Read more" lines, photo
/// captions and credits, publication stamps.
fn is_furniture(sentence: &str) -> bool {
    static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^(?:by\s+\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}(?:\s*[,|]|\s*$)|related\s*:|read more\b|see also\b|click here\b|scroll down\b|(?:photo|picture|image|caption|credit|pictured|video)\s*:|\((?:photo|picture|image)\b|(?:published|updated|last updated)\s*:)",
        )
        .expect("furniture pattern compiles")
    });
    FURNITURE.is_match(sentence.trim_start())
}

/// The same words, ignoring case and punctuation: a title repeated in the body.
fn same_words(a: &str, b: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (a, b) = (words(a), words(b));
    !a.is_empty() && a == b
}

/// How many bytes of a dateline open the sentence ("LOWMOUTH, Kent (Reuters) — ",
/// "(CNN) -- "): the summary quotes the sentence from after it.
pub fn dateline_len(sentence: &str) -> usize {
    static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(?:\p{Lu}[\p{Lu}.'’-]+(?:[ ,]+\p{Lu}[\p{L}.'’-]*){0,3}\s*(?:\([^()]{1,30}\))?\s*(?:—|–|--|-)\s+|\((?:CNN|AP|Reuters|AFP)\)\s*(?:(?:—|–|--|-)\s*)?)",
        )
        .expect("dateline pattern compiles")
    });
    match DATELINE.find(sentence) {
        // Leave at least a few words: "UPDATE — see below" is not a dateline.
        Some(m) if sentence[m.end()..].split_whitespace().count() >= 4 => m.end(),
        _ => 0,
    }
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
    fn page_furniture_is_recognised() {
        for line in [
            "By Ann Pike, Harbour Correspondent",
            "Related: Lowmouth ferry timetable changes",
            "READ MORE: the council's budget in full",
            "Photo: The sea wall after the storm",
            "PUBLISHED: 10:12 GMT, 3 March",
        ] {
            assert!(is_furniture(line), "{line}");
        }
        for line in [
            "By Tuesday the ferry was running again.",
            "Related questions were raised by the opposition.",
            "The photo shows the sea wall after the storm.",
        ] {
            assert!(!is_furniture(line), "{line}");
        }
    }

    #[test]
    fn a_dateline_is_measured_and_kept_out() {
        let s = "LOWMOUTH, Kent (Reuters) — The council voted to rebuild the wall.";
        assert_eq!(
            &s[dateline_len(s)..],
            "The council voted to rebuild the wall."
        );
        let s = "(CNN) -- The ferry returned to the island on Monday.";
        assert_eq!(
            &s[dateline_len(s)..],
            "The ferry returned to the island on Monday."
        );
        let s = "The council voted - narrowly - to rebuild the wall.";
        assert_eq!(dateline_len(s), 0);
    }

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
