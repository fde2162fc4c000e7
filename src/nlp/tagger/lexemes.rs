//! A per-thread cache of what the tagger reads of each word form: its hashes
//! and dictionary facts (`Token`) and the summed weights of the features that
//! read only this word (`features::local`, `as_previous`, `as_next`). A word seen before in this thread then costs
//! one hash-map lookup, where reading it costs a dozen hashes and as many
//! weight-table lookups; in news text nine tokens in ten are such repeats.

use super::token::Token;
use rustc_hash::FxHashMap;

/// Score slots of the UPOS model (its 17 classes, rounded up to the weights' stride).
pub(super) const UPOS_STRIDE: usize = 24;

/// The word-only UPOS scores of a form.
pub(super) type LocalScores = [i32; UPOS_STRIDE];

#[derive(Clone, Copy, Default)]
pub(super) struct Lexeme {
    pub token: Token,
    /// For tagging this word.
    pub local: LocalScores,
    /// For tagging the word after it.
    pub as_previous: LocalScores,
    /// For tagging the word before it.
    pub as_next: LocalScores,
}

/// Forms cached at most; the cache starts over when full (about 4 MB per thread).
const CAPACITY: usize = 10_000;

#[derive(Default)]
pub(super) struct Lexemes {
    /// The id of the tagger whose weights the entries were summed from.
    owner: u64,
    index: FxHashMap<Box<str>, u32>,
    entries: Vec<Lexeme>,
}

impl Lexemes {
    /// Gets ready for a sentence of `words` words from tagger `owner`: the
    /// entries of another tagger go, and so do all when the sentence might not fit.
    pub fn prepare(&mut self, owner: u64, words: usize) {
        if self.owner != owner || self.entries.len() + words > CAPACITY {
            self.index.clear();
            self.entries.clear();
            self.owner = owner;
        }
        // Full size at once: growing would copy every entry again and again.
        if self.entries.capacity() == 0 {
            self.entries.reserve_exact(CAPACITY);
            self.index.reserve(CAPACITY);
        }
    }

    /// The number of the cached lexeme of `word`, made with `make` on a miss
    /// (after `prepare`; numbers hold until the next `prepare`).
    #[inline]
    pub fn get(&mut self, word: &str, make: impl FnOnce() -> Lexeme) -> u32 {
        if let Some(&i) = self.index.get(word) {
            return i;
        }
        let i = self.entries.len() as u32;
        // Past capacity (a sentence longer than the cache) words are kept
        // unindexed until the next `prepare` empties the cache.
        if self.entries.len() < CAPACITY {
            self.index.insert(word.into(), i);
        }
        self.entries.push(make());
        i
    }

    pub fn entry(&self, i: u32) -> &Lexeme {
        &self.entries[i as usize]
    }
}
