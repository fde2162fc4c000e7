//! Runs the linguistic layer over a sentence's tokens: the part of speech,
//! then what each name is (person, organisation, place, time, other), written
//! into the tokens themselves.
//!
//! The models were trained on UD English EWT, which splits contractions into
//! two words ("do" + "n't", "I" + "'m"); a token such as "don't" is given to
//! them as those two words, and takes the tags of its first.

use super::tokens::{Token, TokenKind};
use crate::nlp::entities::{Entity, Memory};
use crate::nlp::tagger::{self, Tag};
use crate::nlp::tags::Upos;

/// Buffers kept from sentence to sentence of a piece.
#[derive(Default)]
pub struct Tagging {
    /// Tagger word -> the token it comes from.
    owner: Vec<u32>,
    tags: Vec<Tag>,
    upos: Vec<Upos>,
    entities: Vec<Entity>,
    /// Names typed earlier in the piece ("Jane Smith" makes a later "Smith" a person).
    memory: Memory,
}

impl Tagging {
    /// Tags `toks` (one sentence, cut from `masked`) in place.
    /// `words` is a buffer the caller keeps for the piece (it borrows `masked`).
    pub fn sentence<'a>(&mut self, masked: &'a str, toks: &mut [Token], words: &mut Vec<&'a str>) {
        words.clear();
        self.owner.clear();
        for (i, t) in toks.iter().enumerate() {
            let text = t.span.text(masked);
            match clitic_at(text, t.kind) {
                Some(at) => {
                    words.extend([&text[..at], &text[at..]]);
                    self.owner.extend([i as u32, i as u32]);
                }
                None => {
                    words.push(text);
                    self.owner.push(i as u32);
                }
            }
        }
        tagger::tagger().tag(words, &mut self.tags);
        // A token takes the tags of its first word: walk backwards so the first wins.
        for (w, tag) in self.tags.iter().enumerate().rev() {
            let t = &mut toks[self.owner[w] as usize];
            t.upos = tag.upos;
            t.xpos = tag.xpos;
        }
        self.upos.clear();
        self.upos.extend(self.tags.iter().map(|t| t.upos));
        self.memory.find(words, &self.upos, &mut self.entities);
        for e in &self.entities {
            for w in e.start..e.end.min(self.owner.len()) {
                toks[self.owner[w] as usize].entity = Some(e.kind);
            }
        }
    }
}

/// Where a contraction's second word starts: "don't" -> 2, "can't" -> 2, "I'm" -> 1.
pub(super) fn clitic_at(text: &str, kind: TokenKind) -> Option<usize> {
    if kind != TokenKind::Word {
        return None;
    }
    let apostrophe = text.rfind(['\'', '\u{2019}'])?;
    let mark = if text[apostrophe..].starts_with('\'') {
        1
    } else {
        3
    };
    let after = &text[apostrophe + mark..];
    let before_n = apostrophe
        .checked_sub(1)
        .filter(|&n| n > 0 && text.as_bytes()[n].eq_ignore_ascii_case(&b'n'));
    if after.eq_ignore_ascii_case("t") {
        return before_n;
    }
    let clitic = ["m", "re", "ve", "ll", "d"]
        .iter()
        .any(|c| after.eq_ignore_ascii_case(c));
    (clitic && apostrophe > 0).then_some(apostrophe)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::tokens::TokenTable;
    use crate::analysis::{prose, quotes, sentences, Format};
    use crate::nlp::entities::EntityKind;
    use crate::nlp::tags::Upos;

    /// (word, UPOS) for every token of `text`'s sentences, in order.
    fn tagged(text: &str) -> Vec<(String, Upos)> {
        let prose = prose::map(text, Format::PlainText);
        let sentences = sentences::split(&prose);
        let table = TokenTable::build(&prose, &sentences, &quotes::find(&prose));
        (0..table.sentences())
            .flat_map(|i| table.sentence(i).iter())
            .map(|t| (t.span.text(text).to_string(), t.upos))
            .collect()
    }

    fn tag_of(text: &str, word: &str) -> Upos {
        let all = tagged(text);
        all.iter()
            .find(|(w, _)| w == word)
            .unwrap_or_else(|| panic!("{word} in {all:?}"))
            .1
    }

    #[test]
    fn contractions_split_where_the_treebank_splits_them() {
        assert_eq!(clitic_at("don't", TokenKind::Word), Some(2));
        assert_eq!(clitic_at("Can\u{2019}t", TokenKind::Word), Some(2));
        assert_eq!(clitic_at("I'm", TokenKind::Word), Some(1));
        assert_eq!(clitic_at("they're", TokenKind::Word), Some(4));
        assert_eq!(clitic_at("rock'n'roll", TokenKind::Word), None);
        assert_eq!(clitic_at("n't", TokenKind::Word), None);
        assert_eq!(clitic_at("'d", TokenKind::Word), None);
        assert_eq!(clitic_at("O'Neill", TokenKind::Word), None);
    }

    #[test]
    fn the_table_carries_parts_of_speech() {
        let text = "The mayor said she didn't know who approved the budget on Monday.";
        assert_eq!(tag_of(text, "The"), Upos::DET);
        assert_eq!(tag_of(text, "mayor"), Upos::NOUN);
        assert_eq!(tag_of(text, "said"), Upos::VERB);
        assert_eq!(tag_of(text, "didn't"), Upos::AUX);
        assert_eq!(tag_of(text, "approved"), Upos::VERB);
        assert_eq!(tag_of(text, "Monday"), Upos::PROPN);
        assert_eq!(tag_of(text, "."), Upos::PUNCT);
    }

    #[test]
    fn names_are_typed_so_places_and_days_cannot_speak() {
        let text = "Mayor Jane Smith said on Monday that Paris would wait. Smith said more.";
        let prose = prose::map(text, Format::PlainText);
        let sentences = sentences::split(&prose);
        let table = TokenTable::build(&prose, &sentences, &quotes::find(&prose));
        let kind = |word: &str, sentence: usize| {
            let t = table
                .sentence(sentence)
                .iter()
                .find(|t| t.span.text(text) == word);
            t.unwrap_or_else(|| panic!("{word}")).entity
        };
        assert_eq!(kind("Jane", 0), Some(EntityKind::Person));
        assert_eq!(kind("Monday", 0), Some(EntityKind::Time));
        assert_eq!(kind("Paris", 0), Some(EntityKind::Place));
        assert_eq!(kind("Smith", 1), Some(EntityKind::Person));
        assert_eq!(kind("said", 1), None);
    }

    #[test]
    fn quotes_and_possessives_are_tagged_too() {
        let text = "\u{201c}It\u{2019}s over,\u{201d} the leader said.";
        assert_eq!(tag_of(text, "leader"), Upos::NOUN);
        assert_eq!(tag_of(text, "\u{201c}"), Upos::PUNCT);
        assert_eq!(tag_of(text, "\u{2019}s"), Upos::AUX);
        let text = "The council\u{2019}s leader resigned.";
        assert_eq!(tag_of(text, "\u{2019}s"), Upos::PART);
    }
}
