//! Part-of-speech tagging: a greedy left-to-right averaged perceptron that
//! gives each word a UPOS tag and a Penn Treebank tag (one joint class).
//!
//! Words come as the tokenizer gives them, EWT-style (clitics split: "do"
//! "n't"), in any case, with curly or straight quotes. Frequent words that had
//! one tag in training ("the", ",") are tagged from the dictionary without
//! scoring; the rest are scored with about thirty hashed features. The model
//! ships in the binary (`models/tagger.bin`, see `models/NOTICE`) and is decoded
//! on first use.

mod features;
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
use lexicon::Lexicon;
use std::cell::RefCell;
use std::sync::OnceLock;
use token::{Case, Token, NO_CLASS};
use weights::Weights;

/// The tags of one word: its UPOS and its Penn Treebank tag (see `Tagger::xpos_name`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Tag {
    pub upos: Upos,
    pub xpos: u8,
}

/// A trained tagger: its tag set, tag dictionary, weights and lemma tables.
pub struct Tagger {
    xpos_names: Vec<String>,
    /// The joint classes the model scores, each a (UPOS, XPOS) pair.
    classes: Vec<Tag>,
    lexicon: Lexicon,
    weights: Weights,
    lemmas: LemmaTable,
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
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

impl Tagger {
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
        self.classify(words, scratch, |class| {
            out.push(self.classes[usize::from(class)])
        });
    }

    /// Runs the greedy decoder, passing each word's class to `emit` in order.
    fn classify(&self, words: &[&str], scratch: &mut Scratch, mut emit: impl FnMut(u8)) {
        read_sentence(words, &self.lexicon, &mut scratch.tokens);
        let mut scores: weights::Scores = [0; 256];
        let classes = self.classes.len();
        let mut history = features::History::start();
        for at in 2..words.len() + 2 {
            let direct = scratch.tokens[at].direct;
            let class = if direct != NO_CLASS {
                direct
            } else {
                let (mut hashes, mut n) = ([0u64; weights::MAX_BATCH], 0);
                features::for_each(&scratch.tokens, at, history, |h| {
                    hashes[n] = h;
                    n += 1;
                });
                scores[..classes].fill(0);
                self.weights.add_all(&hashes[..n], &mut scores);
                crate::nlp::perceptron::argmax(&scores[..classes]) as u8
            };
            history.push(class);
            emit(class);
        }
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

    /// Model statistics: (classes, dictionary words, weight rows).
    pub fn stats(&self) -> (usize, usize, usize) {
        (self.classes.len(), self.lexicon.len(), self.weights.len())
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
        self.weights.write(&mut out);
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
        let weights = Weights::read(&mut r)?;
        if weights.classes() != class_count || class_count == 0 {
            return Err(ModelError("weights and classes disagree"));
        }
        let lemmas = LemmaTable::read(&mut r, xpos_names.len())?;
        if r.at != bytes.len() {
            return Err(ModelError("trailing bytes after the tagger model"));
        }
        Ok(Tagger {
            xpos_names,
            classes,
            lexicon,
            weights,
            lemmas,
        })
    }
}

const MAGIC: &[u8] = b"TLTAGR1\0";

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
