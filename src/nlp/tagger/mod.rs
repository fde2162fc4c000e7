//! Part-of-speech tagging: a greedy left-to-right averaged perceptron that
//! gives each word a UPOS tag, then a second, smaller one that picks its Penn
//! Treebank tag among those that UPOS had in training.
//!
//! Words come as the tokenizer gives them, EWT-style (clitics split: "do"
//! "n't"), in any case, with curly or straight quotes. Frequent words that had
//! one tag in training ("the", ",") are tagged from the dictionary without
//! scoring; the rest are scored over the 17 UPOS tags with about thirty hashed
//! features, of which the word-only ones are summed once per word form and
//! cached per thread (`lexemes`). Scoring the 102 joint UPOS|XPOS classes at
//! once cost three times as much for about the same accuracy. The model ships
//! in the binary (`models/tagger.bin`, see `models/NOTICE`) and is decoded on
//! first use.

mod features;
mod lexemes;
mod lexicon;
mod token;
mod train;
mod weights;

#[cfg(test)]
mod tests;

pub use train::{evaluate, train, train_with_dev, Accuracy, EpochReport, TrainOptions};

use crate::nlp::lemma::LemmaTable;
use crate::nlp::perceptron::{write_string, ModelError, Reader};
use crate::nlp::tags::Upos;
use lexemes::{Lexeme, Lexemes, LocalScores, UPOS_STRIDE};
use lexicon::Lexicon;
use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;
use token::{Case, Token, NO_CLASS, NO_SET};
use weights::{Scores, Weights};

/// The tags of one word: its UPOS and its Penn Treebank tag (see `Tagger::xpos_name`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Tag {
    pub upos: Upos,
    pub xpos: u8,
}

/// Room for the features of one template group (`features::local`, `context`, `xpos`).
const FEATURES_AT_ONCE: usize = 16;

/// The classes of the UPOS model: `Upos as u8`.
const UPOS_COUNT: usize = Upos::ALL.len();

/// A trained tagger: its tag set, tag dictionary, weights and lemma tables.
pub struct Tagger {
    xpos_names: Vec<String>,
    /// The joint classes of the dictionary and the XPOS model, each a (UPOS, XPOS) pair.
    classes: Vec<Tag>,
    /// For each UPOS, the joint classes the XPOS model chooses among.
    candidates: Vec<Vec<u8>>,
    lexicon: Lexicon,
    /// The UPOS model.
    upos_weights: Weights,
    /// The XPOS model, over joint classes.
    xpos_weights: Weights,
    lemmas: LemmaTable,
    /// Tells this tagger's cached lexemes from another's (see `lexemes`).
    id: u64,
    /// The padding around a sentence, read once.
    boundaries: [Lexeme; 4],
}

static SHIPPED: &[u8] = include_bytes!("../models/tagger.bin");

/// The shipped tagger, decoded on first use.
pub fn tagger() -> &'static Tagger {
    static TAGGER: OnceLock<Tagger> = OnceLock::new();
    TAGGER.get_or_init(|| {
        Tagger::from_bytes(SHIPPED).expect("the shipped models/tagger.bin is valid")
    })
}

/// Reusable buffers, so tagging allocates nothing once they have grown.
#[derive(Default)]
pub struct Scratch {
    tokens: Vec<Token>,
    /// Each token's lexeme, in step with `tokens`: a number in `lexemes`, or
    /// `EXTRA` and a place in `extra` (the padding, words of a headline).
    at: Vec<u32>,
    extra: Vec<Lexeme>,
    lexemes: Lexemes,
}

/// Marks a lexeme number as a place in `Scratch::extra`.
const EXTRA: u32 = 1 << 31;

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// A fresh tagger id: a tagger's weights change only with its id.
fn next_id() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

impl Tagger {
    fn new(
        xpos_names: Vec<String>,
        classes: Vec<Tag>,
        lexicon: Lexicon,
        weights: [Weights; 2],
        lemmas: LemmaTable,
    ) -> Tagger {
        let [upos_weights, xpos_weights] = weights;
        let candidates = candidates_by_upos(&classes);
        let boundaries = [Lexeme::default(); 4];
        let mut tagger = Tagger {
            xpos_names,
            classes,
            candidates,
            lexicon,
            upos_weights,
            xpos_weights,
            lemmas,
            id: 0,
            boundaries,
        };
        tagger.weights_changed();
        tagger
    }

    /// Replaces both models' weights (training); returns the old ones.
    fn set_weights(&mut self, weights: [Weights; 2]) -> [Weights; 2] {
        let [upos, xpos] = weights;
        let old = [
            std::mem::replace(&mut self.upos_weights, upos),
            std::mem::replace(&mut self.xpos_weights, xpos),
        ];
        self.weights_changed();
        old
    }

    /// What is summed from the weights must be summed again.
    fn weights_changed(&mut self) {
        self.id = next_id();
        self.boundaries = [0, 1, 2, 3].map(|side| self.lexeme_of(Token::boundary(side)));
    }

    /// Tags one sentence: `out` is cleared and gets one tag per word.
    pub fn tag(&self, words: &[&str], out: &mut Vec<Tag>) {
        SCRATCH.with(|s| match s.try_borrow_mut() {
            Ok(mut scratch) => self.tag_with(words, &mut scratch, out),
            Err(_) => self.tag_with(words, &mut Scratch::default(), out),
        });
    }

    /// `tag` with the caller's buffers.
    pub fn tag_with(&self, words: &[&str], scratch: &mut Scratch, out: &mut Vec<Tag>) {
        out.clear();
        out.reserve(words.len());
        self.read_words(words, scratch);
        let mut scores: Scores = [0; 256];
        let mut history = features::History::start();
        for at in 2..words.len() + 2 {
            let direct = scratch.tokens[at].direct;
            let (class, tag) = if direct != NO_CLASS {
                (direct, self.classes[usize::from(direct)])
            } else {
                self.static_scores(scratch, at, &mut scores);
                let upos = self.choose_upos(&scratch.tokens, at, history, &mut scores);
                let class = self.choose_class(&scratch.tokens, at, upos, history, &mut scores);
                (
                    class,
                    Tag {
                        upos: Upos::ALL[usize::from(upos)],
                        xpos: self.classes[usize::from(class)].xpos,
                    },
                )
            };
            history.push(class);
            out.push(tag);
        }
    }

    /// Sets `scores` to the cached UPOS scores of the word at `at` and of the
    /// features that read only the word before or after it.
    #[inline]
    fn static_scores(&self, scratch: &Scratch, at: usize, scores: &mut Scores) {
        let [here, before, after] = [
            &scratch.lexeme(at).local,
            &scratch.lexeme(at - 1).as_previous,
            &scratch.lexeme(at + 1).as_next,
        ];
        for (i, s) in scores[..UPOS_STRIDE].iter_mut().enumerate() {
            *s = here[i] + before[i] + after[i];
        }
    }

    /// The UPOS (as a number) of the word at `at`: adds its context features
    /// to `scores`, which hold its `static_scores`.
    #[inline]
    fn choose_upos(
        &self,
        tokens: &[Token],
        at: usize,
        history: features::History,
        scores: &mut Scores,
    ) -> u8 {
        let (mut hashes, mut n) = ([0u64; FEATURES_AT_ONCE], 0);
        features::context(tokens, at, history, |h| {
            hashes[n] = h;
            n += 1;
        });
        self.upos_weights.add_all(&hashes[..n], scores);
        crate::nlp::perceptron::argmax(&scores[..UPOS_COUNT]) as u8
    }

    /// The joint class of the word at `at`, among those of its UPOS `upos`.
    #[inline]
    fn choose_class(
        &self,
        tokens: &[Token],
        at: usize,
        upos: u8,
        history: features::History,
        scores: &mut Scores,
    ) -> u8 {
        if let Some(class) = self.known_class(&tokens[at], upos) {
            return class;
        }
        let candidates = &self.candidates[usize::from(upos)];
        for &c in candidates {
            scores[usize::from(c)] = 0;
        }
        let (mut hashes, mut n) = ([0u64; FEATURES_AT_ONCE], 0);
        features::xpos(tokens, at, upos, history, |h| {
            hashes[n] = h;
            n += 1;
        });
        self.xpos_weights.add_all(&hashes[..n], scores);
        best_of(candidates, |c| scores[usize::from(c)])
    }

    /// The class of a word the dictionary knows with one class of UPOS `upos`.
    fn known_class(&self, token: &Token, upos: u8) -> Option<u8> {
        if token.known == NO_SET {
            return None;
        }
        let mut same = self
            .lexicon
            .set(token.known)
            .iter()
            .filter(|&&c| self.classes[usize::from(c)].upos as u8 == upos);
        match (same.next(), same.next()) {
            (Some(&class), None) => Some(class),
            _ => None,
        }
    }

    /// Reads a sentence into `scratch.tokens` (with two boundary tokens on
    /// either side) and each word's cached scores into the other buffers.
    fn read_words(&self, words: &[&str], scratch: &mut Scratch) {
        scratch.tokens.clear();
        scratch.at.clear();
        scratch.extra.clear();
        scratch.push_extra(self.boundaries[0]);
        scratch.push_extra(self.boundaries[1]);
        scratch.lexemes.prepare(self.id, words.len());
        for word in words {
            let i = scratch.lexemes.get(word, || {
                self.lexeme_of(Token::read(word, &self.lexicon, false))
            });
            scratch.tokens.push(scratch.lexemes.entry(i).token);
            scratch.at.push(i);
        }
        if is_headline(&scratch.tokens[2..]) {
            for (at, word) in words.iter().enumerate().map(|(i, w)| (i + 2, w)) {
                if matches!(scratch.tokens[at].case, Case::Upper | Case::Title) {
                    let lexeme = self.lexeme_of(Token::read(word, &self.lexicon, true));
                    scratch.tokens[at] = lexeme.token;
                    scratch.at[at] = EXTRA | scratch.extra.len() as u32;
                    scratch.extra.push(lexeme);
                }
            }
        }
        scratch.push_extra(self.boundaries[2]);
        scratch.push_extra(self.boundaries[3]);
    }

    /// Sums the weights of the features that read only `token`.
    fn lexeme_of(&self, token: Token) -> Lexeme {
        let mut scores: Scores = [0; 256];
        Lexeme {
            token,
            local: self.sum_upos_weights(&mut scores, |emit| features::local(&token, emit)),
            as_previous: self
                .sum_upos_weights(&mut scores, |emit| features::as_previous(&token, emit)),
            as_next: self.sum_upos_weights(&mut scores, |emit| features::as_next(&token, emit)),
        }
    }

    /// The summed UPOS weights of the features `features` gives (`scores` is a buffer).
    fn sum_upos_weights(
        &self,
        scores: &mut Scores,
        features: impl FnOnce(&mut dyn FnMut(u64)),
    ) -> LocalScores {
        let (mut hashes, mut n) = ([0u64; FEATURES_AT_ONCE], 0);
        features(&mut |h| {
            hashes[n] = h;
            n += 1;
        });
        scores[..UPOS_STRIDE].fill(0);
        self.upos_weights.add_all(&hashes[..n], scores);
        scores[..UPOS_STRIDE].try_into().unwrap()
    }

    /// The Penn Treebank name of an XPOS id ("NN", "VBD", ","); "" when out of range.
    pub fn xpos_name(&self, xpos: u8) -> &str {
        self.xpos_names
            .get(usize::from(xpos))
            .map_or("", String::as_str)
    }

    /// The id of a Penn Treebank tag name.
    pub fn xpos_id(&self, name: &str) -> Option<u8> {
        self.xpos_names
            .iter()
            .position(|n| n == name)
            .map(|i| i as u8)
    }

    /// The lemma tables that came with this model (see `nlp::lemma`).
    pub fn lemmas(&self) -> &LemmaTable {
        &self.lemmas
    }

    /// Model statistics: (joint classes, dictionary words, weight rows of both models).
    pub fn stats(&self) -> (usize, usize, usize) {
        (
            self.classes.len(),
            self.lexicon.len(),
            self.upos_weights.len() + self.xpos_weights.len(),
        )
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(self.xpos_names.len() as u16).to_le_bytes());
        for name in &self.xpos_names {
            write_string(&mut out, name);
        }
        out.extend_from_slice(&(self.classes.len() as u16).to_le_bytes());
        for tag in &self.classes {
            out.push(tag.upos as u8);
            out.push(tag.xpos);
        }
        self.lexicon.write(&mut out);
        self.upos_weights.write(&mut out);
        self.xpos_weights.write(&mut out);
        self.lemmas.write(&mut out);
        out
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, ModelError> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(MAGIC.len())? != MAGIC {
            return Err(ModelError("not a tagger model (bad magic)"));
        }
        let xpos_names: Vec<String> = (0..r.u16()?)
            .map(|_| r.string().map(str::to_string))
            .collect::<Result<_, _>>()?;
        let class_count = usize::from(r.u16()?);
        let mut classes = Vec::with_capacity(class_count);
        for _ in 0..class_count {
            let pair = r.take(2)?;
            let upos = *Upos::ALL
                .get(usize::from(pair[0]))
                .ok_or(ModelError("bad UPOS"))?;
            if usize::from(pair[1]) >= xpos_names.len() {
                return Err(ModelError("bad XPOS"));
            }
            classes.push(Tag {
                upos,
                xpos: pair[1],
            });
        }
        let lexicon = Lexicon::read(&mut r, class_count)?;
        let upos_weights = Weights::read(&mut r)?;
        let xpos_weights = Weights::read(&mut r)?;
        if upos_weights.classes() != UPOS_COUNT
            || xpos_weights.classes() != class_count
            || class_count == 0
        {
            return Err(ModelError("weights and classes disagree"));
        }
        let lemmas = LemmaTable::read(&mut r, xpos_names.len())?;
        if r.at != bytes.len() {
            return Err(ModelError("trailing bytes after the tagger model"));
        }
        Ok(Tagger::new(
            xpos_names,
            classes,
            lexicon,
            [upos_weights, xpos_weights],
            lemmas,
        ))
    }
}

const MAGIC: &[u8] = b"TLTAGR2\0";

/// For each UPOS, the joint classes that have it; all of them for a UPOS the
/// treebank never had (so every word gets some Penn tag).
fn candidates_by_upos(classes: &[Tag]) -> Vec<Vec<u8>> {
    let all: Vec<u8> = (0..classes.len() as u8).collect();
    Upos::ALL
        .iter()
        .map(|&upos| {
            let own: Vec<u8> = all
                .iter()
                .copied()
                .filter(|&c| classes[usize::from(c)].upos == upos)
                .collect();
            if own.is_empty() {
                all.clone()
            } else {
                own
            }
        })
        .collect()
}

/// The first of `items` with the highest `score`.
fn best_of<T: Copy, S: PartialOrd>(items: &[T], score: impl Fn(T) -> S) -> T {
    let mut best = items[0];
    let mut best_score = score(best);
    for &item in &items[1..] {
        let s = score(item);
        if s > best_score {
            (best, best_score) = (item, s);
        }
    }
    best
}

impl Scratch {
    /// Appends a token whose lexeme is not in the cache.
    fn push_extra(&mut self, lexeme: Lexeme) {
        self.tokens.push(lexeme.token);
        self.at.push(EXTRA | self.extra.len() as u32);
        self.extra.push(lexeme);
    }

    /// The lexeme of the token at `at`.
    #[inline]
    fn lexeme(&self, at: usize) -> &Lexeme {
        let i = self.at[at];
        if i & EXTRA != 0 {
            &self.extra[(i & !EXTRA) as usize]
        } else {
            self.lexemes.entry(i)
        }
    }
}

/// Reads a sentence into `tokens`, with two boundary tokens on either side.
fn read_sentence(words: &[&str], lexicon: &Lexicon, tokens: &mut Vec<Token>) {
    tokens.clear();
    tokens.push(Token::boundary(0));
    tokens.push(Token::boundary(1));
    for word in words {
        tokens.push(Token::read(word, lexicon, false));
    }
    if is_headline(&tokens[2..]) {
        for (token, word) in tokens[2..].iter_mut().zip(words) {
            if matches!(token.case, Case::Upper | Case::Title) {
                *token = Token::read(word, lexicon, true);
            }
        }
    }
    tokens.push(Token::boundary(2));
    tokens.push(Token::boundary(3));
}

/// An ALL-CAPS sentence: capitals there say nothing about names.
fn is_headline(tokens: &[Token]) -> bool {
    let upper = tokens.iter().filter(|t| t.case == Case::Upper).count();
    let cased = tokens.iter().filter(|t| t.case != Case::NoLetters).count();
    upper >= 3 && upper * 4 >= cased * 3
}
