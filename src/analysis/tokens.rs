//! The token table: every sentence of a piece cut into words and punctuation
//! once, for the attribution grammar, the rules and the linguistic layer.
//!
//! Tokens are cut from the masked prose, so link syntax and code never become
//! words, and every span is an offset into the original text.

use crate::analysis::prose::ProseMap;
use crate::analysis::quotes::{QuoteKind, QuoteSpan, Quotes};
use crate::analysis::sentences::Sentence;
use crate::analysis::tagging::Tagging;
use crate::analysis::Span;
use crate::lexicon::norm::Norm;
use crate::nlp::entities::EntityKind;
use crate::nlp::tags::Upos;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    /// The possessive "'s" (or a bare apostrophe after a plural: "officials'").
    Possessive,
    OpenQuote,
    CloseQuote,
    Punct,
}

#[derive(Clone, Debug)]
pub struct Token {
    pub span: Span,
    /// Lower case, straight apostrophes, abbreviation dot dropped ("Mr." -> "mr").
    pub norm: Norm,
    pub kind: TokenKind,
    /// Starts with an upper-case letter.
    pub cap: bool,
    /// Inside a direct quotation.
    pub quoted: bool,
    /// The part of speech, from the tagger (`Upos::X` for a token cut outside a table).
    pub upos: Upos,
    /// The Penn Treebank tag, as the tagger numbers it (`nlp::tagger::Tagger::xpos_name`).
    pub xpos: u8,
    /// What the name this token belongs to is, from the entity typer.
    pub entity: Option<EntityKind>,
}

impl Token {
    fn new(span: Span, norm: Norm, kind: TokenKind, cap: bool) -> Token {
        Token {
            span,
            norm,
            kind,
            cap,
            quoted: false,
            upos: Upos::X,
            xpos: 0,
            entity: None,
        }
    }

    pub fn is_word(&self) -> bool {
        matches!(self.kind, TokenKind::Word)
    }
    pub fn is_wordlike(&self) -> bool {
        matches!(self.kind, TokenKind::Word | TokenKind::Number)
    }
    pub fn is_punct(&self, c: &str) -> bool {
        matches!(self.kind, TokenKind::Punct) && self.norm == c
    }
    pub fn is_quote(&self) -> bool {
        matches!(self.kind, TokenKind::OpenQuote | TokenKind::CloseQuote)
    }
    /// Sentence-ending or clause-separating punctuation.
    pub fn is_boundary_punct(&self) -> bool {
        matches!(self.kind, TokenKind::Punct)
            && matches!(
                self.norm.as_str(),
                "," | ";" | ":" | "." | "!" | "?" | "(" | ")" | "[" | "]" | "—" | "–" | "-" | "…"
            )
    }
}

/// Abbreviations whose dot belongs to the word, not to the sentence.
fn is_abbreviation(lower: &str) -> bool {
    matches!(
        lower,
        "mr" | "mrs"
            | "ms"
            | "dr"
            | "prof"
            | "sen"
            | "rep"
            | "gov"
            | "gen"
            | "lt"
            | "col"
            | "capt"
            | "maj"
            | "sgt"
            | "cpl"
            | "adm"
            | "cmdr"
            | "supt"
            | "insp"
            | "det"
            | "rev"
            | "hon"
            | "st"
            | "jr"
            | "sr"
            | "pres"
            | "messrs"
            | "inc"
            | "corp"
            | "ltd"
            | "co"
            | "no"
            | "vs"
            | "etc"
            | "approx"
            | "dept"
            | "univ"
            | "jan"
            | "feb"
            | "aug"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
    )
}

/// Outermost quote spans, sorted, for "is this offset quoted?" lookups in O(log n).
pub struct QuoteIndex<'a> {
    outer: Vec<&'a QuoteSpan>,
}

impl<'a> QuoteIndex<'a> {
    pub fn new(quotes: &'a Quotes) -> Self {
        let mut all: Vec<&QuoteSpan> = quotes
            .spans
            .iter()
            .filter(|q| q.kind != QuoteKind::Blockquote)
            .collect();
        all.sort_by_key(|q| (q.span.start, std::cmp::Reverse(q.span.end)));
        let mut outer: Vec<&QuoteSpan> = Vec::with_capacity(all.len());
        for q in all {
            if outer.last().is_some_and(|o| o.span.end > q.span.start) {
                continue;
            }
            outer.push(q);
        }
        QuoteIndex { outer }
    }

    /// The outermost quote containing `offset`, if any.
    pub fn at(&self, offset: usize) -> Option<&'a QuoteSpan> {
        let i = self.outer.partition_point(|q| q.span.start <= offset);
        let q = self.outer.get(i.checked_sub(1)?)?;
        (offset < q.span.end).then_some(*q)
    }

    /// Quotes that overlap `span`, in order.
    pub fn overlapping(&self, span: Span) -> impl Iterator<Item = &'a QuoteSpan> + '_ {
        let first = self.outer.partition_point(|q| q.span.end <= span.start);
        self.outer[first..]
            .iter()
            .take_while(move |q| q.span.start < span.end)
            .copied()
    }
}

/// The tokens of every sentence of a piece, computed once and read by all.
#[derive(Default)]
pub struct TokenTable {
    tokens: Vec<Token>,
    /// Sentence `i` is `tokens[starts[i]..starts[i + 1]]`.
    starts: Vec<u32>,
}

impl TokenTable {
    pub fn build(prose: &ProseMap, sentences: &[Sentence], quotes: &Quotes) -> TokenTable {
        let quote_index = QuoteIndex::new(quotes);
        let mut table = TokenTable {
            tokens: Vec::with_capacity(prose.masked.len() / 5),
            starts: Vec::with_capacity(sentences.len() + 1),
        };
        let mut scratch = Vec::new();
        let (mut tagging, mut words) = (Tagging::default(), Vec::new());
        table.starts.push(0);
        for sentence in sentences {
            let usable = sentence.span.end <= prose.masked.len() && !sentence.span.is_empty();
            if usable {
                tokenize_into(&prose.masked, sentence.span, &quote_index, &mut scratch);
                tagging.sentence(&prose.masked, &mut scratch, &mut words);
                table.tokens.append(&mut scratch);
            }
            table.starts.push(table.tokens.len() as u32);
        }
        table
    }

    /// The tokens of sentence `i` (empty for a sentence outside the prose).
    pub fn sentence(&self, i: usize) -> &[Token] {
        match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.tokens[a as usize..b as usize],
            _ => &[],
        }
    }

    pub fn sentences(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }
}

/// Cut `text[span]` (masked prose) into tokens.
#[cfg(test)]
pub fn tokenize(text: &str, span: Span, quotes: &QuoteIndex) -> Vec<Token> {
    let mut out = Vec::new();
    tokenize_into(text, span, quotes, &mut out);
    out
}

/// `tokenize`, into `out` (cleared first), so one buffer can serve sentence after sentence.
pub fn tokenize_into(text: &str, span: Span, quotes: &QuoteIndex, out: &mut Vec<Token>) {
    out.clear();
    let slice = &text[span.start..span.end];
    if slice.is_ascii() {
        // Every byte is a character: walk the bytes, no character table.
        return tokenize_chars(text, span, quotes, &AsciiChars(slice.as_bytes()), out);
    }
    crate::analysis::char_table::with_char_table(|chars| {
        chars.reserve(slice.len());
        chars.extend(slice.char_indices());
        tokenize_chars(text, span, quotes, &chars[..], out)
    })
}

/// The characters of a sentence by index: (byte offset in the sentence, char).
trait Chars {
    fn len(&self) -> usize;
    fn at(&self, i: usize) -> (usize, char);
    fn get(&self, i: usize) -> Option<(usize, char)> {
        (i < self.len()).then(|| self.at(i))
    }
    fn ch(&self, i: usize) -> char {
        self.at(i).1
    }
}

impl Chars for [(usize, char)] {
    fn len(&self) -> usize {
        <[(usize, char)]>::len(self)
    }
    fn at(&self, i: usize) -> (usize, char) {
        self[i]
    }
}

/// An all-ASCII sentence: character `i` is byte `i`.
struct AsciiChars<'a>(&'a [u8]);

impl Chars for AsciiChars<'_> {
    fn len(&self) -> usize {
        self.0.len()
    }
    fn at(&self, i: usize) -> (usize, char) {
        (i, char::from(self.0[i]))
    }
}

/// The normal form of a one-character token.
fn char_norm(c: char) -> Norm {
    let mut buf = [0u8; 4];
    Norm::new(c.encode_utf8(&mut buf))
}

fn tokenize_chars<C: Chars + ?Sized>(
    text: &str,
    span: Span,
    quotes: &QuoteIndex,
    chars: &C,
    out: &mut Vec<Token>,
) {
    let slice = &text[span.start..span.end];
    out.reserve(chars.len() / 4);
    let mut i = 0;
    while i < chars.len() {
        let (off, c) = chars.at(i);
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let start = i;
            let mut j = i + 1;
            while j < chars.len() {
                let (_, d) = chars.at(j);
                if d.is_alphanumeric() {
                    j += 1;
                    continue;
                }
                let next = chars.get(j + 1).map(|(_, n)| n);
                let prev = chars.ch(j - 1);
                let joins = match d {
                    '\'' | '’' | '-' | '‑' => next.is_some_and(char::is_alphanumeric),
                    // "U.S.", "a.m.", "1.5"
                    '.' => {
                        next.is_some_and(char::is_alphanumeric)
                            && ((prev.is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit()))
                                || (j >= 1
                                    && (j - 1 == start || chars.ch(j - 2) == '.')
                                    && prev.is_alphabetic()))
                    }
                    // "1,000"
                    ',' => {
                        prev.is_ascii_digit()
                            && j + 4 <= chars.len()
                            && (j + 1..j + 4).all(|k| chars.ch(k).is_ascii_digit())
                    }
                    _ => false,
                };
                if !joins {
                    break;
                }
                j += 1;
            }
            let mut end_byte = chars.get(j).map_or(slice.len(), |(o, _)| o);
            let mut word = &slice[off..end_byte];
            let mut lower = if word.is_ascii() {
                Norm::ascii_lower(word)
            } else {
                Norm::from(word.to_lowercase().replace('’', "'"))
            };
            // Keep the dot of an abbreviation or initial: "Mr.", "F.", "U.S."
            if chars.get(j).is_some_and(|(_, d)| d == '.') {
                let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
                // "Pa.,", "Calif.)", "Mass. officials": a short capitalised word whose dot
                // is followed by a comma, bracket or lower-case word is an abbreviation.
                let after_dot = (j + 1..chars.len())
                    .map(|k| chars.ch(k))
                    .find(|c| !c.is_whitespace());
                let short_cap = word.chars().count() <= 5
                    && word.chars().next().is_some_and(char::is_uppercase)
                    && after_dot.is_some_and(|c| c == ',' || c == ')' || c.is_lowercase());
                if initial || short_cap || is_abbreviation(&lower) || lower.contains('.') {
                    end_byte += 1;
                    word = &slice[off..end_byte];
                    j += 1;
                }
            }
            let cap = word.chars().next().is_some_and(char::is_uppercase);
            let number = word.chars().next().is_some_and(|c| c.is_ascii_digit());
            let abs = span.start + off;
            // Split the possessive "'s" into its own token.
            if !number && lower.len() > 2 && lower.ends_with("'s") && !word.ends_with('.') {
                let curly = word.ends_with("’s") || word.ends_with("’S");
                let stem_len = word.len() - if curly { 4 } else { 2 };
                lower.truncate(lower.len() - 2);
                out.push(Token::new(
                    Span::new(abs, abs + stem_len),
                    lower,
                    TokenKind::Word,
                    cap,
                ));
                let possessive = Span::new(abs + stem_len, abs + word.len());
                out.push(Token::new(
                    possessive,
                    Norm::new("'s"),
                    TokenKind::Possessive,
                    false,
                ));
            } else {
                let trimmed = lower.trim_end_matches('.');
                let norm = if trimmed.is_empty() || trimmed.len() == lower.len() {
                    lower
                } else {
                    Norm::new(trimmed)
                };
                let kind = if number {
                    TokenKind::Number
                } else {
                    TokenKind::Word
                };
                out.push(Token::new(
                    Span::new(abs, abs + word.len()),
                    norm,
                    kind,
                    cap,
                ));
            }
            i = j;
            continue;
        }
        let abs = span.start + off;
        // Two apostrophes stand for a double quote in some newsroom text: ''quote''.
        if (c == '\'' || c == '`') && chars.get(i + 1).is_some_and(|(_, n)| n == c) {
            let prev_char = i.checked_sub(1).map(|k| chars.ch(k));
            let opens =
                c == '`' || prev_char.is_none_or(|p| p.is_whitespace() || "([{—–-".contains(p));
            let kind = if opens {
                TokenKind::OpenQuote
            } else {
                TokenKind::CloseQuote
            };
            out.push(Token::new(
                Span::new(abs, abs + 2),
                Norm::new("\""),
                kind,
                false,
            ));
            i += 2;
            continue;
        }
        let len = c.len_utf8();
        let prev_char = i.checked_sub(1).map(|k| chars.ch(k));
        let next_char = chars.get(i + 1).map(|(_, n)| n);
        let kind = match c {
            '“' | '‘' | '«' => TokenKind::OpenQuote,
            '”' | '»' => TokenKind::CloseQuote,
            // A right single quote after a plural is a possessive: "officials’ claims".
            '’' | '\''
                if prev_char.is_some_and(|p| p == 's' || p == 'S')
                    && next_char.is_some_and(char::is_whitespace)
                    && chars
                        .get(i + 2)
                        .is_some_and(|(_, n)| n.is_alphabetic() && n.is_lowercase()) =>
            {
                TokenKind::Possessive
            }
            '’' => TokenKind::CloseQuote,
            '"' | '\'' => {
                if quotes.at(abs).is_some_and(|q| q.span.start == abs) {
                    TokenKind::OpenQuote
                } else if quotes
                    .at(abs.saturating_sub(1))
                    .is_some_and(|q| q.span.end == abs + len)
                {
                    TokenKind::CloseQuote
                } else if prev_char.is_none_or(|p| p.is_whitespace() || "([{—–-".contains(p)) {
                    TokenKind::OpenQuote
                } else {
                    TokenKind::CloseQuote
                }
            }
            _ => TokenKind::Punct,
        };
        let norm = match c {
            '’' => Norm::new("'"),
            '–' => Norm::new("—"),
            _ => char_norm(c),
        };
        let norm = if kind == TokenKind::Possessive {
            Norm::new("'s")
        } else {
            norm
        };
        out.push(Token::new(Span::new(abs, abs + len), norm, kind, false));
        i += 1;
    }
    // Tokens are in order, so one walk over the quotes around the sentence finds the
    // outermost quote at each token (what `quotes.at` would find).
    let around: Vec<&QuoteSpan> = quotes.overlapping(span).collect();
    let mut k = 0;
    for t in out.iter_mut() {
        while k < around.len() && around[k].span.end <= t.span.start {
            k += 1;
        }
        t.quoted = around.get(k).is_some_and(|q| {
            q.span.start <= t.span.start && q.span.start < t.span.start && t.span.end < q.span.end
        });
    }
    // Quotes that open and close inside the sentence count even when the document-level
    // quote finder did not pair them (unusual marks, unbalanced paragraphs).
    let mut open: Option<usize> = None;
    for k in 0..out.len() {
        match out[k].kind {
            TokenKind::OpenQuote => open = Some(k),
            TokenKind::CloseQuote => {
                if let Some(o) = open.take() {
                    for t in &mut out[o + 1..k] {
                        t.quoted = true;
                    }
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<(Norm, TokenKind)> {
        let quotes = Quotes::default();
        let idx = QuoteIndex::new(&quotes);
        tokenize(s, Span::new(0, s.len()), &idx)
            .into_iter()
            .map(|t| (t.norm, t.kind))
            .collect()
    }

    #[test]
    fn abbreviations_keep_their_dot_and_possessives_split() {
        let t = toks("Mr. Smith told the U.S. Senate’s panel 1,200.5 words.");
        let norms: Vec<_> = t.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            norms,
            [
                "mr", "smith", "told", "the", "u.s", "senate", "'s", "panel", "1,200.5", "words",
                "."
            ]
        );
        assert_eq!(t[6].1, TokenKind::Possessive);
        assert_eq!(t[8].1, TokenKind::Number);
    }

    #[test]
    fn quotes_open_and_close() {
        let t = toks("\"We won,\" he said. “Yes.”");
        assert_eq!(t[0].1, TokenKind::OpenQuote);
        assert_eq!(t[4].1, TokenKind::CloseQuote);
        assert_eq!(t[8].1, TokenKind::OpenQuote);
        assert_eq!(t[11].1, TokenKind::CloseQuote);
    }

    #[test]
    fn plural_possessive() {
        let t = toks("the officials’ claims");
        assert_eq!(t[2].1, TokenKind::Possessive);
    }
}
