//! The dependency structure of one sentence, parsed on demand from its row
//! of the token table.
//!
//! Parsing costs about a hundred times what tagging does, so nothing parses
//! every sentence: a stage that needs structure (an attribution the token
//! grammar cannot settle, the headline's sentence, the report's passive count)
//! asks for the sentences it needs.
//!
//! The parser reads the treebank's words, so a contraction token ("don't") is
//! given to it as two words, as the tagger was (see `tagging`). Questions and
//! answers here are in token positions of the sentence's slice.

use super::tagging::clitic_at;
use super::tokens::Token;
use crate::nlp::parser::{self, Deprel, Parse};
use crate::nlp::tagger;
use crate::nlp::tags::Upos;

/// A parsed sentence: the tree over its words, and the map between words and tokens.
#[derive(Debug, Default)]
pub struct Syntax {
    parse: Parse,
    /// Word -> the token it comes from.
    word_token: Vec<u32>,
    /// Token -> its first word.
    token_word: Vec<u32>,
}

impl Syntax {
    /// Parses the sentence `tokens`, cut from `masked` (the piece's masked prose).
    pub fn parse(masked: &str, tokens: &[Token]) -> Syntax {
        let (mut words, mut upos, mut xpos) = (Vec::new(), Vec::new(), Vec::new());
        let mut syntax = Syntax::default();
        let names = tagger::tagger();
        for (i, t) in tokens.iter().enumerate() {
            let text = t.span.text(masked);
            syntax.token_word.push(words.len() as u32);
            let split = clitic_at(text, t.kind);
            words.push(split.map_or(text, |at| &text[..at]));
            upos.push(t.upos);
            xpos.push(names.xpos_name(t.xpos));
            syntax.word_token.push(i as u32);
            if let Some(at) = split {
                let (u, x) = clitic_tags(&text[at..]);
                words.push(&text[at..]);
                upos.push(u);
                xpos.push(x);
                syntax.word_token.push(i as u32);
            }
        }
        // The lengths agree by construction, so parsing cannot fail.
        syntax.parse = parser::parser()
            .parse(&words, &upos, &xpos)
            .unwrap_or_default();
        syntax
    }

    fn word(&self, token: usize) -> Option<usize> {
        self.token_word.get(token).map(|&w| w as usize)
    }

    fn token(&self, word: usize) -> usize {
        self.word_token[word] as usize
    }

    /// The token `token` depends on (None for the root, and out of range).
    /// A contraction's second word ("n't") is seen as part of its token.
    pub fn head(&self, token: usize) -> Option<usize> {
        let mut word = self.word(token)?;
        loop {
            let head = self.parse.head(word)?;
            if self.token(head) != token {
                return Some(self.token(head));
            }
            word = head;
        }
    }

    /// The token's relation to its head.
    pub fn deprel(&self, token: usize) -> Deprel {
        self.word(token)
            .map_or(Deprel::ROOT, |w| self.parse.deprel(w))
    }

    /// The sentence's main predicate.
    pub fn root(&self) -> Option<usize> {
        self.parse.root().map(|w| self.token(w))
    }

    /// The token's dependents, left to right (a contraction's own clitic excluded).
    pub fn children(&self, token: usize) -> impl Iterator<Item = usize> + '_ {
        let word = self.word(token);
        self.parse
            .arcs
            .iter()
            .enumerate()
            .filter(move |(_, a)| word.is_some_and(|w| a.head_index() == Some(w)))
            .map(|(d, _)| self.token(d))
            .filter(move |&d| d != token)
    }

    /// The first dependent whose relation passes `test`.
    pub fn child(&self, token: usize, test: impl Fn(Deprel) -> bool) -> Option<usize> {
        self.children(token).find(|&c| test(self.deprel(c)))
    }

    /// The subject of a predicate (nominal or clausal, active or passive).
    pub fn subject(&self, predicate: usize) -> Option<usize> {
        self.child(predicate, Deprel::is_subject)
    }

    /// What a verb of saying reports: its clausal complement.
    pub fn content(&self, verb: usize) -> Option<usize> {
        self.child(verb, Deprel::is_clausal_complement)
    }

    /// Whether the predicate is passive (a passive subject or auxiliary).
    pub fn is_passive(&self, predicate: usize) -> bool {
        self.child(predicate, |d| {
            d.is_passive_subject() || d.name() == "aux:pass"
        })
        .is_some()
    }

    /// The agent of a passive predicate ("by the committee").
    pub fn agent(&self, predicate: usize) -> Option<usize> {
        self.child(predicate, Deprel::is_agent)
    }

    /// The first and last token (inclusive) of the token's subtree.
    pub fn extent(&self, token: usize) -> (usize, usize) {
        let Some(word) = self.word(token) else {
            return (token, token);
        };
        let (first, last) = self.parse.span(word);
        (self.token(first), self.token(last))
    }
}

/// The treebank's tags for a contraction's second word.
fn clitic_tags(clitic: &str) -> (Upos, &'static str) {
    let lower = clitic.to_ascii_lowercase().replace('\u{2019}', "'");
    match lower.as_str() {
        "n't" | "nt" => (Upos::PART, "RB"),
        "'ll" | "'d" => (Upos::AUX, "MD"),
        _ => (Upos::AUX, "VBP"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::tokens::TokenTable;
    use crate::analysis::{prose, quotes, sentences, Format};

    /// Parses the first sentence of `text`; returns its syntax and the token texts.
    fn parsed(text: &str) -> (Syntax, Vec<String>) {
        let prose = prose::map(text, Format::PlainText);
        let sentences = sentences::split(&prose);
        let table = TokenTable::build(&prose, &sentences, &quotes::find(&prose));
        let toks = table.sentence(0);
        let words = toks.iter().map(|t| t.span.text(text).to_string()).collect();
        (Syntax::parse(&prose.masked, toks), words)
    }

    fn at(words: &[String], w: &str) -> usize {
        words
            .iter()
            .position(|x| x == w)
            .unwrap_or_else(|| panic!("{w}"))
    }

    #[test]
    fn the_subject_of_a_reporting_verb_and_what_it_reports() {
        let (s, w) = parsed("The mayor of the city said on Monday that the budget would pass.");
        let said = at(&w, "said");
        assert_eq!(s.root(), Some(said));
        assert_eq!(s.subject(said), Some(at(&w, "mayor")));
        assert_eq!(s.extent(at(&w, "mayor")), (0, at(&w, "city")));
        let content = s.content(said).expect("a content clause");
        assert_eq!(content, at(&w, "pass"));
        assert_eq!(s.subject(content), Some(at(&w, "budget")));
    }

    #[test]
    fn a_passive_and_its_agent() {
        let (s, w) = parsed("The protesters were detained by the police overnight.");
        let detained = at(&w, "detained");
        assert!(s.is_passive(detained));
        assert_eq!(s.agent(detained), Some(at(&w, "police")));
        let (s, w) = parsed("The police detained the protesters overnight.");
        assert!(!s.is_passive(at(&w, "detained")));
    }

    #[test]
    fn a_contraction_is_one_token_to_the_caller() {
        let (s, w) = parsed("She said she didn't know who approved it.");
        let didnt = at(&w, "didn't");
        let know = at(&w, "know");
        assert_eq!(s.head(didnt), Some(know));
        assert!(s.children(didnt).all(|c| c != didnt));
        assert_eq!(s.subject(know), Some(at(&w, "she")));
    }

    #[test]
    fn any_token_row_parses_without_panicking() {
        for text in [
            "",
            "\u{201c}",
            "WHAT?!",
            "can't can't can't",
            "\u{1F600} \u{4E2D}\u{6587} ok.",
            "n't 'll 'd",
        ] {
            let (s, w) = parsed(text);
            for t in 0..w.len() + 2 {
                let _ = (s.head(t), s.deprel(t), s.extent(t), s.subject(t));
            }
        }
    }
}
