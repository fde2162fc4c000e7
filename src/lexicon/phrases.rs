//! Whole-word phrase matching over word tokens.
//!
//! Phrases are indexed by their first word, so a scan costs one hash look-up
//! per word plus a comparison per candidate phrase starting with it: linear in
//! the document, whatever the size of the lexicon. Matching is whole-word and
//! case-insensitive by construction, because both sides are normalised tokens.

use super::norm::Norm;
use crate::analysis::tokens::{self as table, TokenKind};
use crate::analysis::Span;
use rustc_hash::FxHashMap;

/// A word of the draft, ready for matching.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// The word in the original text, without a possessive `'s`.
    pub span: Span,
    /// Lowercased, curly apostrophes straightened, possessive `'s` removed.
    pub norm: Norm,
    /// Only whitespace separates this word from the previous one, so a
    /// phrase may run on into it ("big lie", but not "big, lie").
    pub joined: bool,
}

/// Lowercase a word and straighten its apostrophes.
pub fn normalize(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    normalize_into(word, &mut out);
    out
}

fn normalize_into(word: &str, out: &mut String) {
    out.extend(
        word.chars()
            .map(|c| match c {
                '\u{2019}' | '\u{2018}' | '\u{02BC}' => '\'',
                '\u{2010}' | '\u{2011}' => '-',
                c => c,
            })
            .flat_map(char::to_lowercase),
    );
}

/// `normalize`, without a heap allocation for the usual short ASCII word.
fn normal_form(word: &str, scratch: &mut String) -> Norm {
    if word.is_ascii() {
        return Norm::ascii_lower(word);
    }
    scratch.clear();
    normalize_into(word, scratch);
    Norm::new(scratch)
}

/// Tokenise `span` of `text` on its own (a lexicon entry, a finding's text) into
/// matchable words, cut as the token table cuts a draft.
pub fn tokens(text: &str, span: Span) -> Vec<Token> {
    let quotes = crate::analysis::quotes::Quotes::default();
    let index = table::QuoteIndex::new(&quotes);
    let mut cut = Vec::new();
    table::tokenize_into(text, span, &index, &mut cut);
    let mut out = Vec::new();
    from_table(text, &cut, &mut out);
    out
}

/// The matchable words among one sentence's tokens (cleared into `out`).
///
/// A possessive `'s` is its own token in the table and is left out, so
/// "the regime's army" matches "regime" and a fix replaces only "regime"; an
/// abbreviation's dot is left out too. Punctuation between two words keeps a
/// phrase from running on across it.
pub fn from_table(masked: &str, toks: &[table::Token], out: &mut Vec<Token>) {
    out.clear();
    out.reserve(toks.len());
    let mut previous_end: Option<usize> = None;
    let mut scratch = String::new();
    for t in toks {
        match t.kind {
            TokenKind::Word | TokenKind::Number => {}
            TokenKind::Possessive => {
                previous_end = Some(t.span.end);
                continue;
            }
            _ => continue,
        }
        let joined = previous_end.is_some_and(|end| only_whitespace(&masked[end..t.span.start]));
        previous_end = Some(t.span.end);
        let word = t.span.text(masked);
        let span = Span::new(t.span.start, t.span.end - usize::from(word.ends_with('.')));
        let norm = if word.is_ascii() {
            Norm::ascii_lower(span.text(masked))
        } else {
            normal_form(span.text(masked), &mut scratch)
        };
        out.push(Token { span, norm, joined });
    }
}

fn only_whitespace(gap: &str) -> bool {
    if gap.is_ascii() {
        gap.bytes().all(|b| b.is_ascii_whitespace())
    } else {
        gap.chars().all(char::is_whitespace)
    }
}

/// Split a lexicon phrase into normalised words, the same way the draft is split.
pub fn phrase_words(phrase: &str) -> Vec<String> {
    tokens(phrase, Span::new(0, phrase.len()))
        .into_iter()
        .map(|t| t.norm.as_str().to_string())
        .collect()
}

/// A one-probe filter over a set of words, keyed by length, first and last byte:
/// "certainly not in the set" for most words of a draft, before any hashing.
#[derive(Clone)]
pub struct WordFilter {
    bits: Box<[u64; 128]>,
}

impl Default for WordFilter {
    fn default() -> Self {
        WordFilter {
            bits: Box::new([0; 128]),
        }
    }
}

impl std::fmt::Debug for WordFilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("WordFilter")
    }
}

impl WordFilter {
    fn slot(word: &str) -> usize {
        let b = word.as_bytes();
        let (first, last) = match (b.first(), b.last()) {
            (Some(&f), Some(&l)) => (u32::from(f), u32::from(l)),
            _ => (0, 0),
        };
        let h = (b.len() as u32).wrapping_mul(0x9E37_79B9)
            ^ first.wrapping_mul(0x85EB_CA6B)
            ^ last.wrapping_mul(0xC2B2_AE35);
        ((h ^ (h >> 13)) & 8191) as usize
    }

    pub fn insert(&mut self, word: &str) {
        let s = Self::slot(word);
        self.bits[s / 64] |= 1 << (s % 64);
    }

    /// False only when `word` was never inserted.
    pub fn may_contain(&self, word: &str) -> bool {
        let s = Self::slot(word);
        self.bits[s / 64] & (1 << (s % 64)) != 0
    }
}

/// A match of phrase `id` over tokens `start..end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PhraseMatch {
    pub id: usize,
    pub start: usize,
    pub end: usize,
}

/// An index of word sequences, looked up by their first word.
#[derive(Clone, Debug, Default)]
pub struct PhraseIndex {
    phrases: Vec<Vec<String>>,
    /// First word -> phrase ids, longest phrase first.
    by_first: FxHashMap<String, Vec<usize>>,
    /// The keys of `by_first`.
    firsts: WordFilter,
}

impl PhraseIndex {
    /// Add a phrase and return its id (ids count up from 0 in insertion order).
    /// Returns `None` for a phrase with no words.
    pub fn insert(&mut self, phrase: &str) -> Option<usize> {
        let words = phrase_words(phrase);
        let first = words.first()?.clone();
        self.firsts.insert(&first);
        let id = self.phrases.len();
        self.phrases.push(words);
        let ids = self.by_first.entry(first).or_default();
        ids.push(id);
        let phrases = &self.phrases;
        ids.sort_by_key(|&i| std::cmp::Reverse(phrases[i].len()));
        Some(id)
    }

    pub fn len(&self) -> usize {
        self.phrases.len()
    }

    /// The id of a phrase given as normalised words, if it is indexed.
    pub fn find(&self, words: &[String]) -> Option<usize> {
        self.by_first
            .get(words.first()?)?
            .iter()
            .copied()
            .find(|&id| self.phrases[id] == words)
    }

    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    pub fn words(&self, id: usize) -> &[String] {
        &self.phrases[id]
    }

    /// Every phrase that matches at token `i`, longest first.
    pub fn matches_at<'a>(
        &'a self,
        tokens: &'a [Token],
        i: usize,
    ) -> impl Iterator<Item = PhraseMatch> + 'a {
        let candidates = tokens
            .get(i)
            .filter(|t| self.firsts.may_contain(&t.norm))
            .and_then(|t| self.by_first.get(t.norm.as_str()))
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        candidates.iter().filter_map(move |&id| {
            let words = &self.phrases[id];
            let end = i + words.len();
            // The first word is the key that found the candidate.
            let hit = end <= tokens.len()
                && words[1..]
                    .iter()
                    .zip(&tokens[i + 1..end])
                    .all(|(w, t)| *w == t.norm)
                && tokens[i + 1..end].iter().all(|t| t.joined);
            hit.then_some(PhraseMatch { id, start: i, end })
        })
    }

    /// Leftmost-longest scan: at each word, the longest phrase that `accept`
    /// approves wins, and scanning resumes after it. A rejected long phrase
    /// lets a shorter one at the same place through.
    pub fn scan(
        &self,
        tokens: &[Token],
        mut accept: impl FnMut(PhraseMatch) -> bool,
    ) -> Vec<PhraseMatch> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            match self.matches_at(tokens, i).find(|m| accept(*m)) {
                Some(m) => {
                    out.push(m);
                    i = m.end;
                }
                None => i += 1,
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<Token> {
        tokens(text, Span::new(0, text.len()))
    }

    #[test]
    fn possessive_is_dropped_from_span_and_form() {
        let t = toks("The regime\u{2019}s army");
        assert_eq!(t[1].norm, "regime");
        assert_eq!(t[1].span, Span::new(4, 10));
    }

    #[test]
    fn longest_phrase_wins_and_words_are_whole() {
        let mut index = PhraseIndex::default();
        let brutal = index.insert("brutal").unwrap();
        let crackdown = index.insert("brutal crackdown").unwrap();
        let t = toks("A Brutal crackdown, brutality and brutal acts.");
        let found = index.scan(&t, |_| true);
        assert_eq!(
            found,
            vec![
                PhraseMatch {
                    id: crackdown,
                    start: 1,
                    end: 3
                },
                PhraseMatch {
                    id: brutal,
                    start: 5,
                    end: 6
                },
            ]
        );
    }

    #[test]
    fn phrases_do_not_run_across_punctuation() {
        let mut index = PhraseIndex::default();
        index.insert("big lie").unwrap();
        assert!(index.scan(&toks("a big, lie"), |_| true).is_empty());
        assert_eq!(index.scan(&toks("a big\n lie"), |_| true).len(), 1);
    }

    #[test]
    fn rejected_phrase_lets_a_shorter_one_through() {
        let mut index = PhraseIndex::default();
        let short = index.insert("sheer").unwrap();
        let long = index.insert("sheer joke").unwrap();
        let t = toks("a sheer joke");
        let found = index.scan(&t, |m| m.id != long);
        assert_eq!(
            found,
            vec![PhraseMatch {
                id: short,
                start: 1,
                end: 2
            }]
        );
    }
}
