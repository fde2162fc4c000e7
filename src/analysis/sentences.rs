//! Sentence boundaries inside each prose block.
//!
//! The splitter reads the masked prose, so Markdown syntax, code and URLs are
//! blanks to it. A boundary is a terminator (`.`, `!`, `?`, an ellipsis, or a
//! CJK full stop), plus any closing quotes or brackets, followed by
//! whitespace. Whether a period ends a sentence depends on the word before it
//! (abbreviation, initial) and the word after it (lowercase, digit, a common
//! sentence opener). A line break is not a boundary, except in drafts written
//! one sentence per line, where most lines end with a terminator.

use super::prose::ProseMap;
use super::Span;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Trimmed extent in the original text.
    pub span: Span,
    /// Index of the block in `ProseMap::blocks`.
    pub block: usize,
}

/// Split every block into sentences.
pub fn split(prose: &ProseMap) -> Vec<Sentence> {
    split_in_mode(prose, LineStats::of(prose).line_per_sentence())
}

/// Split every block into sentences, one per line if `line_per_sentence`.
pub fn split_in_mode(prose: &ProseMap, line_per_sentence: bool) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (index, block) in prose.blocks.iter().enumerate() {
        let Some(text) = prose.masked.get(block.span.start..block.span.end) else {
            continue;
        };
        for piece in split_text(text, line_per_sentence) {
            if let Some(span) = trimmed(text, piece, block.span.start) {
                out.push(Sentence { span, block: index });
            }
        }
    }
    out
}

/// Sentence ranges (untrimmed, relative to `text`) of one block of masked prose.
pub fn split_text(text: &str, line_per_sentence: bool) -> Vec<std::ops::Range<usize>> {
    super::char_table::with_char_table(|chars| {
        if text.is_ascii() {
            chars.extend(text.bytes().enumerate().map(|(i, b)| (i, char::from(b))));
        } else {
            chars.extend(text.char_indices());
        }
        split_chars(text, chars, line_per_sentence)
    })
}

/// `split_text` over the character table `chars` of `text`.
fn split_chars(
    text: &str,
    chars: &[(usize, char)],
    line_per_sentence: bool,
) -> Vec<std::ops::Range<usize>> {
    let mut cuts = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        i = next_candidate(text, chars, i, line_per_sentence);
        let Some(&(byte, c)) = chars.get(i) else {
            break;
        };
        if is_terminator(c) {
            let run_end = scan_while(chars, i, is_terminator);
            let after = scan_while(chars, run_end, is_closer);
            if ends_sentence(text, chars, i, run_end, after) {
                cuts.push(byte_at(chars, after, text.len()));
            }
            i = after.max(i + 1);
        } else if c == '\n' && line_per_sentence && line_break_ends_sentence(text, chars, i) {
            cuts.push(byte);
            i += 1;
        } else {
            i += 1;
        }
    }
    let mut ranges = Vec::with_capacity(cuts.len() + 1);
    let mut start = 0;
    for end in cuts.into_iter().chain([text.len()]) {
        push_capped(text, start..end, &mut ranges);
        start = end;
    }
    ranges
}

/// A "sentence" longer than this is not prose but a dump, a table or a list run
/// together (the longest sentences in news run to about 100 words, 700 bytes). It is
/// cut into pieces of at most this size, so that what one sentence costs every pass
/// that reads it is bounded, and a whole draft costs time linear in its length.
pub const MAX_SENTENCE_BYTES: usize = 2_000;

/// Pushes `range`, cut at the last whitespace before each `MAX_SENTENCE_BYTES`
/// (or at a character boundary where a piece has no whitespace).
fn push_capped(text: &str, range: std::ops::Range<usize>, out: &mut Vec<std::ops::Range<usize>>) {
    let mut start = range.start;
    while range.end - start > MAX_SENTENCE_BYTES {
        let mut limit = start + MAX_SENTENCE_BYTES;
        while !text.is_char_boundary(limit) {
            limit -= 1;
        }
        let cut = text[start..limit]
            .rfind(char::is_whitespace)
            .map_or(limit, |k| start + k + 1)
            .max(start + 1);
        let cut = (cut..=range.end)
            .find(|&b| text.is_char_boundary(b))
            .unwrap_or(range.end);
        out.push(start..cut);
        start = cut;
    }
    out.push(start..range.end);
}

/// The first index from `from` on that may end a sentence. In ASCII text (where
/// character `i` is byte `i`) a byte search jumps over the words in between.
fn next_candidate(
    text: &str,
    chars: &[(usize, char)],
    from: usize,
    line_per_sentence: bool,
) -> usize {
    if chars.len() != text.len() {
        return from;
    }
    let rest = &text.as_bytes()[from..];
    let found = if line_per_sentence {
        rest.iter()
            .position(|&b| matches!(b, b'.' | b'!' | b'?' | b'\n'))
    } else {
        memchr::memchr3(b'.', b'!', b'?', rest)
    };
    found.map_or(chars.len(), |k| from + k)
}

fn trimmed(text: &str, range: std::ops::Range<usize>, base: usize) -> Option<Span> {
    let piece = &text[range.start..range.end];
    let lead = piece.len() - piece.trim_start().len();
    let body = piece.trim();
    // A run of punctuation (a rule of asterisks, a lone dash) is not a sentence.
    if !body.chars().any(char::is_alphanumeric) {
        return None;
    }
    let start = base + range.start + lead;
    Some(Span::new(start, start + body.len()))
}

fn byte_at(chars: &[(usize, char)], index: usize, len: usize) -> usize {
    chars.get(index).map_or(len, |&(b, _)| b)
}

fn scan_while(chars: &[(usize, char)], from: usize, keep: fn(char) -> bool) -> usize {
    let mut i = from;
    while i < chars.len() && keep(chars[i].1) {
        i += 1;
    }
    i
}

fn is_terminator(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '…' | '。' | '！' | '？' | '‼' | '⁇' | '⁈' | '⁉'
    )
}

fn is_cjk_terminator(c: char) -> bool {
    matches!(c, '。' | '！' | '？')
}

/// Characters that may follow a terminator and still belong to its sentence.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '}' | '」' | '』' | '）' | '】' | '〕'
    )
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '‘' | '«' | '‹' | '(' | '[' | '{' | '「' | '『' | '（' | '【' | '〔'
    )
}

/// Does the terminator run `chars[run_start..run_end]`, closed at `after`, end a sentence?
fn ends_sentence(
    text: &str,
    chars: &[(usize, char)],
    run_start: usize,
    run_end: usize,
    after: usize,
) -> bool {
    let last = chars[run_end - 1].1;
    if is_cjk_terminator(last) {
        return true;
    }
    let Some(&(_, next)) = chars.get(after) else {
        return true;
    };
    if !next.is_whitespace() {
        // "3.5", "U.S.", "e.g.", "Yahoo!Inc": no space, no boundary.
        return false;
    }
    let following = NextWord::read(text, chars, after);
    if following.starts_lowercase() {
        return false;
    }
    let run = &chars[run_start..run_end];
    let ellipsis = run.iter().any(|&(_, c)| c == '…')
        || run.windows(3).any(|w| w.iter().all(|&(_, c)| c == '.'));
    if ellipsis {
        // An ellipsis trails off mid-sentence unless a capital follows.
        return following.starts_uppercase();
    }
    if last != '.' {
        // '!' and '?' end a sentence unless lowercase follows (checked above).
        return true;
    }
    period_ends_sentence(previous_token(text, chars, run_start), &following)
}

/// The decision for a single period after `token`, given what follows.
fn period_ends_sentence(token: &str, following: &NextWord) -> bool {
    if lowercase_in(token, NEVER_FINAL) {
        return false;
    }
    if following.starts_digit() && lowercase_in(token, BEFORE_NUMBER) {
        return false;
    }
    let initial = is_single_initial(token);
    if initial || is_initialism(token) || lowercase_in(token, AMBIGUOUS) {
        // "J. K. Rowling", "U.S. Navy", "Jan. 5" run on; "in the U.S. The next
        // day" does not: only a common sentence opener (or a quote) breaks.
        return following.is_sentence_opener() || following.opens_quote;
    }
    true
}

/// Whether `token`, lowercased, is in `list` (of lower-case ASCII words). ASCII
/// tokens are compared in place; others are lowercased first (a few non-ASCII
/// letters lowercase to ASCII, such as the Kelvin sign).
fn lowercase_in(token: &str, list: &[&str]) -> bool {
    if token.is_ascii() {
        list.iter().any(|w| w.eq_ignore_ascii_case(token))
    } else {
        list.contains(&token.to_lowercase().as_str())
    }
}

/// The word before a terminator, without surrounding quotes and brackets.
fn previous_token<'a>(text: &'a str, chars: &[(usize, char)], run_start: usize) -> &'a str {
    let mut start = run_start;
    while start > 0 && !chars[start - 1].1.is_whitespace() {
        start -= 1;
    }
    let token = &text[byte_at(chars, start, text.len())..byte_at(chars, run_start, text.len())];
    token
        .trim_start_matches(is_opener)
        .trim_end_matches(is_closer)
}

/// "J", "K": one capital letter.
fn is_single_initial(token: &str) -> bool {
    let mut chars = token.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
}

/// "U.S", "e.g", "a.m", "U.S.A": single letters joined by periods (the final period is the terminator).
fn is_initialism(token: &str) -> bool {
    let parts: Vec<&str> = token.split('.').collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic))
}

/// The first word after a boundary candidate.
struct NextWord<'a> {
    first: Option<char>,
    /// Up to 32 letters or digits.
    word: &'a str,
    opens_quote: bool,
}

impl<'a> NextWord<'a> {
    fn read(text: &'a str, chars: &[(usize, char)], from: usize) -> NextWord<'a> {
        let mut i = scan_while(chars, from, char::is_whitespace);
        let opens_quote = chars.get(i).is_some_and(|&(_, c)| is_opener(c));
        i = scan_while(chars, i, is_opener);
        let letters = chars[i.min(chars.len())..]
            .iter()
            .take_while(|&&(_, c)| c.is_alphanumeric())
            .take(32)
            .count();
        let word = &text[byte_at(chars, i, text.len())..byte_at(chars, i + letters, text.len())];
        NextWord {
            first: chars.get(i).map(|&(_, c)| c),
            word,
            opens_quote,
        }
    }

    fn starts_lowercase(&self) -> bool {
        self.first.is_some_and(char::is_lowercase)
    }

    fn starts_uppercase(&self) -> bool {
        self.first.is_some_and(char::is_uppercase)
    }

    fn starts_digit(&self) -> bool {
        self.first.is_some_and(|c| c.is_ascii_digit() || c == '#')
    }

    fn is_sentence_opener(&self) -> bool {
        self.starts_uppercase() && SENTENCE_OPENERS.contains(&self.word)
    }
}

/// In one-sentence-per-line drafts a line break ends a sentence unless the
/// next line carries on in lowercase. A line that ends with a terminator was
/// already judged by the terminator rules ("U.S.\nAttorneys" runs on).
fn line_break_ends_sentence(text: &str, chars: &[(usize, char)], newline: usize) -> bool {
    let line = chars[..newline]
        .iter()
        .rev()
        .map(|&(_, c)| c)
        .take_while(|&c| c != '\n');
    let mut tail = line
        .skip_while(|c| c.is_whitespace() || is_closer(*c))
        .peekable();
    let ends_with_terminator = tail.peek().is_some_and(|&c| is_terminator(c));
    let has_words = tail.any(char::is_alphanumeric);
    has_words && !ends_with_terminator && !NextWord::read(text, chars, newline).starts_lowercase()
}

/// A draft is written one sentence per line when at least 60% of the lines
/// that continue a block end with a terminator (news wire dumps, semantic
/// line breaks). In hard-wrapped prose few line ends are sentence ends.
/// How a draft's lines end: the evidence for "one sentence per line". Counts
/// from parts of a draft add up to the whole draft's.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LineStats {
    /// Lines inside a block that are followed by another line of the block.
    inner_lines: usize,
    /// Those of them that end with a sentence terminator.
    terminated: usize,
}

impl LineStats {
    pub fn of(prose: &ProseMap) -> LineStats {
        let mut stats = LineStats::default();
        for block in &prose.blocks {
            let Some(text) = prose.masked.get(block.span.start..block.span.end) else {
                continue;
            };
            let mut lines = text.lines().filter(|l| !l.trim().is_empty()).peekable();
            while let Some(line) = lines.next() {
                if lines.peek().is_none() {
                    break;
                }
                stats.inner_lines += 1;
                let end = line.trim_end().trim_end_matches(is_closer);
                if end.ends_with(is_terminator) {
                    stats.terminated += 1;
                }
            }
        }
        stats
    }

    pub fn add(&mut self, other: LineStats) {
        self.inner_lines += other.inner_lines;
        self.terminated += other.terminated;
    }

    /// Take out the counts of a part that `add` put in.
    pub fn remove(&mut self, other: LineStats) {
        self.inner_lines -= other.inner_lines;
        self.terminated -= other.terminated;
    }

    /// Most inner lines end a sentence: the draft is written one sentence per line.
    pub fn line_per_sentence(self) -> bool {
        self.inner_lines >= MIN_LINES_FOR_LINE_MODE && self.terminated * 5 >= self.inner_lines * 3
    }
}

const MIN_LINES_FOR_LINE_MODE: usize = 4;

/// Abbreviations that precede a name or an example and never end a sentence.
const NEVER_FINAL: &[&str] = &[
    "mr", "mrs", "ms", "messrs", "mmes", "dr", "prof", "gen", "col", "lt", "sgt", "cpl", "pvt",
    "capt", "cmdr", "adm", "maj", "rep", "reps", "sen", "sens", "gov", "pres", "supt", "rev",
    "hon", "fr", "e.g", "i.e", "vs", "v", "cf", "viz", "approx", "ca",
];

/// Abbreviations that run on into a number: "No. 5", "p. 12", "Vol. 3".
const BEFORE_NUMBER: &[&str] = &[
    "no", "nos", "p", "pp", "vol", "vols", "fig", "figs", "ch", "chap", "art", "sec", "para", "op",
    "ed", "pt", "ex", "nr",
];

/// Abbreviations that usually run on but may end a sentence ("Apple Inc. The").
const AMBIGUOUS: &[&str] = &[
    "jr", "sr", "st", "mt", "ft", "inc", "corp", "ltd", "co", "llc", "plc", "bros", "etc", "al",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "ave",
    "blvd", "rd", "dept", "univ", "est", "assn", "govt", "intl", "natl", "ph.d", "a.m", "p.m",
];

/// Capitalised words that commonly open a sentence and rarely continue a name.
const SENTENCE_OPENERS: &[&str] = &[
    "A",
    "After",
    "Also",
    "Although",
    "An",
    "And",
    "Another",
    "As",
    "At",
    "Because",
    "Before",
    "But",
    "Can",
    "Could",
    "Did",
    "Do",
    "Does",
    "By",
    "Despite",
    "During",
    "Each",
    "Even",
    "Every",
    "For",
    "From",
    "He",
    "Her",
    "Here",
    "His",
    "How",
    "However",
    "I",
    "If",
    "In",
    "Instead",
    "Is",
    "It",
    "Its",
    "Last",
    "Later",
    "Many",
    "Meanwhile",
    "More",
    "Most",
    "My",
    "No",
    "Now",
    "Of",
    "On",
    "One",
    "Only",
    "Or",
    "Our",
    "Since",
    "She",
    "So",
    "Some",
    "Still",
    "That",
    "The",
    "Their",
    "Then",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "Though",
    "To",
    "Today",
    "Was",
    "We",
    "Were",
    "What",
    "When",
    "Where",
    "Which",
    "While",
    "Who",
    "Why",
    "Will",
    "With",
    "Would",
    "Yesterday",
    "Yet",
    "You",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str) -> Vec<&str> {
        split_text(text, false)
            .into_iter()
            .map(|r| text[r].trim())
            .filter(|s| !s.is_empty())
            .collect()
    }

    #[test]
    fn an_endless_sentence_is_cut_into_bounded_pieces_at_spaces() {
        let text = "the official said it was fine ".repeat(500);
        let ranges = split_text(&text, false);
        assert!(ranges.len() >= text.len() / MAX_SENTENCE_BYTES);
        assert!(ranges.iter().all(|r| r.len() <= MAX_SENTENCE_BYTES));
        assert!(ranges.windows(2).all(|w| w[0].end == w[1].start));
        assert!(ranges[..ranges.len() - 1]
            .iter()
            .all(|r| text[..r.end].ends_with(' ')));
    }

    #[test]
    fn an_endless_run_without_spaces_is_cut_at_character_boundaries() {
        let text = "漢字かな😀".repeat(400);
        let ranges = split_text(&text, false);
        assert!(ranges.len() > 1);
        assert!(ranges
            .iter()
            .all(|r| r.len() <= MAX_SENTENCE_BYTES && !r.is_empty()));
        assert_eq!(ranges.last().unwrap().end, text.len());
        let rejoined: String = ranges.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(rejoined, text);
    }

    #[test]
    fn a_long_real_sentence_is_not_cut() {
        let text = format!("{}.", "word ".repeat(300).trim_end());
        assert_eq!(pieces(&text), vec![text.as_str()]);
    }

    #[test]
    fn initialism_shapes() {
        assert!(is_initialism("U.S"));
        assert!(is_initialism("e.g"));
        assert!(!is_initialism("Ph.D"));
        assert!(!is_initialism("word"));
    }

    #[test]
    fn previous_token_strips_brackets_and_quotes() {
        let text = "(see \"below\").";
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        assert_eq!(previous_token(text, &chars, chars.len() - 1), "below");
    }

    #[test]
    fn split_text_keeps_every_byte() {
        let text = "One. Two! Three? Four";
        let ranges = split_text(text, false);
        assert_eq!(ranges.first().unwrap().start, 0);
        assert_eq!(ranges.last().unwrap().end, text.len());
        assert!(ranges.windows(2).all(|w| w[0].end == w[1].start));
        assert_eq!(pieces(text), ["One.", "Two!", "Three?", "Four"]);
    }
}
