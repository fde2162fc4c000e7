//! The tag dictionary: for words seen in training, the set of tags they had
//! (their ambiguity class, a feature) and, for frequent words that always had
//! one tag, that tag (assigned without scoring: punctuation, "the", "of").

use super::token::mix;
use crate::nlp::perceptron::{ModelError, Reader};
use rustc_hash::FxHashMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Entry {
    pub ambiguity: u64,
    pub direct: u8,
    /// The word's classes, as an index for `Lexicon::set`.
    pub set: u16,
}

/// Keyed by the hash of the word's normalised form (`token::form_hash`).
#[derive(Default)]
pub(super) struct Lexicon {
    /// Each ambiguity class, as its sorted class list.
    sets: Vec<Vec<u8>>,
    /// Word hash -> (index into `sets`, direct class or `NO_CLASS`).
    words: FxHashMap<u64, (u16, u8)>,
    entries: FxHashMap<u64, Entry>,
}

impl Lexicon {
    pub fn get(&self, word: u64) -> Option<&Entry> {
        self.entries.get(&word)
    }

    /// The classes of set `set` (an `Entry::set`), sorted.
    pub fn set(&self, set: u16) -> &[u8] {
        &self.sets[usize::from(set)]
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Adds a word with the classes it had and its direct class (or `NO_CLASS`).
    pub fn insert(&mut self, word: u64, classes: &[u8], direct: u8) {
        let set = match self.sets.iter().position(|s| s == classes) {
            Some(i) => i,
            None => {
                self.sets.push(classes.to_vec());
                self.sets.len() - 1
            }
        };
        self.words.insert(word, (set as u16, direct));
        self.entries.insert(
            word,
            Entry {
                ambiguity: set_hash(classes),
                direct,
                set: set as u16,
            },
        );
    }

    pub fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&(self.sets.len() as u32).to_le_bytes());
        for set in &self.sets {
            out.push(set.len() as u8);
            out.extend_from_slice(set);
        }
        let mut words: Vec<_> = self.words.iter().collect();
        words.sort_unstable_by_key(|(h, _)| **h);
        out.extend_from_slice(&(words.len() as u32).to_le_bytes());
        for (h, &(set, direct)) in words {
            out.extend_from_slice(&h.to_le_bytes());
            out.extend_from_slice(&set.to_le_bytes());
            out.push(direct);
        }
    }

    pub fn read(r: &mut Reader, classes: usize) -> Result<Lexicon, ModelError> {
        let mut lexicon = Lexicon::default();
        let sets = r.u32()? as usize;
        for _ in 0..sets {
            let len = r.take(1)?[0] as usize;
            let set = r.take(len)?;
            if set.iter().any(|&c| usize::from(c) >= classes) {
                return Err(ModelError("lexicon class out of range"));
            }
            lexicon.sets.push(set.to_vec());
        }
        let words = r.u32()? as usize;
        lexicon.words.reserve(words);
        lexicon.entries.reserve(words);
        for _ in 0..words {
            let hash = u64::from_le_bytes(r.take(8)?.try_into().unwrap());
            let set = r.u16()?;
            let direct = r.take(1)?[0];
            let members = lexicon
                .sets
                .get(usize::from(set))
                .ok_or(ModelError("lexicon set out of range"))?;
            if direct != super::token::NO_CLASS && usize::from(direct) >= classes {
                return Err(ModelError("lexicon class out of range"));
            }
            let ambiguity = set_hash(members);
            lexicon.words.insert(hash, (set, direct));
            lexicon.entries.insert(
                hash,
                Entry {
                    ambiguity,
                    direct,
                    set,
                },
            );
        }
        Ok(lexicon)
    }
}

fn set_hash(classes: &[u8]) -> u64 {
    let mut h = 0x616d_6269_u64;
    for &c in classes {
        h = mix(h ^ u64::from(c) ^ 0x100);
    }
    h
}
