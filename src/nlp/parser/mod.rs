//! A greedy dependency parser: arc-hybrid transitions chosen by an averaged
//! perceptron, and each arc's relation chosen by a second perceptron as the
//! arc is made (so later decisions read the relations already given).
//!
//! Trained on UD English EWT (see `models/NOTICE`); `train` reads
//! the part-of-speech tags from the sentences it is given, so the shipped
//! model can be retrained on a tagger's (jackknifed) tags with no code change.
//! Parsing is linear in the sentence length (2n transitions), with no length cap.

mod features;
pub mod labels;
mod system;
#[cfg(test)]
mod tests;
mod train;
mod tree;

pub use labels::{deprel_name, Deprel, DEPRELS};
pub use train::{columns, corrupt_tags, evaluate, train, train_with_dev, Scores, TrainOptions};
pub use tree::{Arc, Parse};

use crate::nlp::perceptron::{argmax, write_string, Features, ModelError, Perceptron, Reader};
use crate::nlp::tags::Upos;
use std::sync::OnceLock;
use system::{State, MOVES};

/// The trained transition and relation models.
pub struct Parser {
    moves: Perceptron,
    labels: Perceptron,
}

/// The words, tags and xpos given to `parse` differ in length.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LengthMismatch {
    pub words: usize,
    pub upos: usize,
    pub xpos: usize,
}

impl std::fmt::Display for LengthMismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} words but {} UPOS and {} XPOS tags",
            self.words, self.upos, self.xpos
        )
    }
}

impl std::error::Error for LengthMismatch {}

static MODEL: &[u8] = include_bytes!("../models/parser.bin");

/// The shipped parser, decoded on first use. A model that fails to decode
/// (which a test rules out for the shipped one) gives an untrained parser
/// that still returns a tree for every sentence.
pub fn parser() -> &'static Parser {
    static PARSER: OnceLock<Parser> = OnceLock::new();
    PARSER.get_or_init(|| Parser::from_bytes(MODEL).unwrap_or_else(|_| Parser::untrained()))
}

impl Parser {
    fn untrained() -> Parser {
        Parser {
            moves: crate::nlp::perceptron::Trainer::new(MOVES.len()).freeze(0.0),
            labels: crate::nlp::perceptron::Trainer::new(labels::count()).freeze(0.0),
        }
    }

    /// Parses one sentence given its words and their tags (one per word).
    pub fn parse(
        &self,
        words: &[&str],
        upos: &[Upos],
        xpos: &[&str],
    ) -> Result<Parse, LengthMismatch> {
        if words.len() != upos.len() || words.len() != xpos.len() {
            return Err(LengthMismatch {
                words: words.len(),
                upos: upos.len(),
                xpos: xpos.len(),
            });
        }
        let tokens = features::tokens(words, upos, xpos);
        let mut st = State::new(words.len());
        let (mut f, mut scores) = (Features::default(), Vec::new());
        while !st.is_terminal() {
            features::transition(&tokens, &st, &mut f);
            self.moves.scores(&f, &mut scores);
            let m = best_valid(&st, &scores);
            let label = match st.arc_of(m) {
                Some((head, dep)) => self.label(&tokens, &st, head, dep, &mut f, &mut scores),
                None => Deprel::ROOT,
            };
            st.apply(m, label);
        }
        Ok(to_parse(&st))
    }

    fn label(
        &self,
        tokens: &[features::Token],
        st: &State,
        head: u32,
        dep: u32,
        f: &mut Features,
        scores: &mut Vec<i32>,
    ) -> Deprel {
        if head as usize == st.n {
            return Deprel::ROOT;
        }
        features::label(tokens, st, head, dep, f);
        self.labels.scores(f, scores);
        best_non_root(scores)
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(DEPRELS.len() as u32).to_le_bytes());
        for name in DEPRELS {
            write_string(&mut out, name);
        }
        for model in [&self.moves, &self.labels] {
            let bytes = model.to_bytes();
            out.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
            out.extend_from_slice(&bytes);
        }
        out
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Parser, ModelError> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(MAGIC.len())? != MAGIC {
            return Err(ModelError("not a parser model (bad magic)"));
        }
        let count = r.u32()? as usize;
        if count != DEPRELS.len() {
            return Err(ModelError(
                "the model's relation table differs from this build's",
            ));
        }
        for name in DEPRELS {
            if r.string()? != *name {
                return Err(ModelError(
                    "the model's relation table differs from this build's",
                ));
            }
        }
        let moves = sub_model(&mut r)?;
        let labels = sub_model(&mut r)?;
        if moves.classes() != MOVES.len()
            || labels.classes() != DEPRELS.len()
            || r.at != bytes.len()
        {
            return Err(ModelError("parser model has the wrong shape"));
        }
        Ok(Parser { moves, labels })
    }

    /// Number of kept features (transitions, relations).
    pub fn feature_counts(&self) -> (usize, usize) {
        (self.moves.len(), self.labels.len())
    }
}

const MAGIC: &[u8] = b"TLPARS1\0";

fn sub_model(r: &mut Reader) -> Result<Perceptron, ModelError> {
    let len = r.u32()? as usize;
    Perceptron::from_bytes(r.take(len)?)
}

/// The highest-scoring move the configuration allows.
fn best_valid<T: PartialOrd + Copy>(st: &State, scores: &[T]) -> system::Move {
    let mut best: Option<(system::Move, T)> = None;
    for (m, &s) in MOVES.iter().zip(scores) {
        if st.is_valid(*m) && best.is_none_or(|(_, b)| s > b) {
            best = Some((*m, s));
        }
    }
    // A non-terminal configuration always allows a move; Shift is the safe default.
    best.map_or(system::Move::Shift, |(m, _)| m)
}

/// The best relation other than `root` (only the root word is the root's dependent).
fn best_non_root<T: PartialOrd + Copy>(scores: &[T]) -> Deprel {
    Deprel((argmax(&scores[1..]) + 1) as u8)
}

fn to_parse(st: &State) -> Parse {
    let arcs = (0..st.n)
        .map(|i| {
            let h = st.heads[i];
            let head = if h as usize >= st.n { 0 } else { h + 1 };
            Arc {
                head,
                deprel: if head == 0 {
                    Deprel::ROOT
                } else {
                    st.labels[i]
                },
            }
        })
        .collect();
    Parse { arcs }
}
