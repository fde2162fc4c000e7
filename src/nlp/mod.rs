//! The linguistic layer: statistical models trained on UD English EWT.
//!
//! Pure and synchronous like `analysis`; the models ship inside the binary
//! (see `models/NOTICE`) and are decoded on first use.

pub mod conllu;
pub mod entities;
pub mod lemma;
pub mod parser;
pub mod perceptron;
pub mod rng;
pub mod tagger;
pub mod tags;
