//! Lexicons: word lists kept as data files, embedded in the binary and parsed once.
//!
//! - `norm`: the inline normal form every token carries.
//! - `phrases`: the shared matcher (whole words, case-insensitive, leftmost-longest).
//! - `inflect`: inflects neutral alternatives to match the form that was found.
//! - `loaded`: the loaded-language lexicon (data under `loaded/`).
//! - `attribution`: reporting verbs, source nouns and cue phrases (data under `attribution/`).

pub mod attribution;
pub mod inflect;
pub mod loaded;
pub mod norm;
pub mod phrases;
