//! The feature templates: the word, its affixes and shape, two words either
//! side, the two tags already chosen, and the ambiguity classes around it.
//!
//! Every feature is one 64-bit hash made from hashes `Token::read` computed
//! once per word, so a template costs a multiply and a few shifts.

use super::token::{mix, Case, Token};

/// The tag history of a position: the hashes of the previous two chosen classes.
#[derive(Clone, Copy)]
pub(super) struct History {
    pub prev: u64,
    pub prev2: u64,
}

impl History {
    pub fn start() -> History {
        History {
            prev: tag_hash(START),
            prev2: tag_hash(START),
        }
    }

    pub fn push(&mut self, class: u8) {
        self.prev2 = self.prev;
        self.prev = tag_hash(u64::from(class));
    }
}

const START: u64 = 0x1_0000;

fn tag_hash(class: u64) -> u64 {
    mix(class ^ 0x7461_6700_0000)
}

/// Calls `emit` with each feature of the word at `at` in `tokens` (which carries
/// two boundary tokens on either side, so `at - 2 ..= at + 2` always exists).
#[inline]
pub(super) fn for_each(tokens: &[Token], at: usize, history: History, mut emit: impl FnMut(u64)) {
    let [m2, m1, w, p1, p2] = [
        &tokens[at - 2],
        &tokens[at - 1],
        &tokens[at],
        &tokens[at + 1],
        &tokens[at + 2],
    ];
    let mut t = 0u64;
    let mut one = |a: u64| {
        t += 1;
        emit(mix(a ^ t.wrapping_mul(0x9e37_79b9_7f4a_7c15)));
    };
    let pair = |a: u64, b: u64| a ^ b.rotate_left(29).wrapping_mul(0x2545_f491_4f6c_dd1d);
    one(0);
    one(w.lower);
    one(w.suffix[0]);
    one(w.suffix[1]);
    one(w.suffix[2]);
    one(w.suffix[3]);
    one(w.prefix[0]);
    one(w.prefix[1]);
    one(w.prefix[2]);
    one(w.shape);
    one(pair(case_hash(w.case), u64::from(at == 2)));
    one(pair(w.lower, case_hash(w.case)));
    one(m1.lower);
    one(m2.lower);
    one(p1.lower);
    one(p2.lower);
    one(history.prev);
    one(pair(history.prev, history.prev2));
    one(pair(history.prev, w.lower));
    one(w.ambiguity);
    one(pair(w.ambiguity, p1.ambiguity));
    one(pair(history.prev, w.ambiguity));
    one(p1.ambiguity);
    one(p1.suffix[2]);
    one(m1.suffix[2]);
    one(p1.shape);
    one(pair(w.lower, p1.lower));
    one(pair(m1.lower, w.lower));
}

fn case_hash(case: Case) -> u64 {
    mix(case as u64 + 0x6361_7365)
}
