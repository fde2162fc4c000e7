//! The feature templates.
//!
//! The UPOS model reads the word, its affixes and shape, two words either
//! side, the two classes already chosen, and the ambiguity classes around it.
//! Its features are split by what they read: the word alone (`local`), the
//! word before alone (`as_previous`), the word after alone (`as_next`), whose
//! weights the tagger sums once per word form and caches (see `lexemes`), and
//! the rest (`context`), looked up at every position.
//!
//! The XPOS model (`xpos`) reads a few of the same facts, each paired with the
//! chosen UPOS, so its rows hold only the Penn tags that UPOS can have.
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

/// One feature: template number `template` over the value `a`.
#[inline]
fn feature(template: u64, a: u64) -> u64 {
    mix(a ^ template.wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

#[inline]
fn pair(a: u64, b: u64) -> u64 {
    a ^ b.rotate_left(29).wrapping_mul(0x2545_f491_4f6c_dd1d)
}

/// Calls `emit` with each UPOS feature that reads only the word itself.
#[inline]
pub(super) fn local(w: &Token, mut emit: impl FnMut(u64)) {
    emit(feature(1, 0));
    emit(feature(2, w.lower));
    emit(feature(3, w.suffix[0]));
    emit(feature(4, w.suffix[1]));
    emit(feature(5, w.suffix[2]));
    emit(feature(6, w.suffix[3]));
    emit(feature(7, w.prefix[0]));
    emit(feature(8, w.prefix[1]));
    emit(feature(9, w.prefix[2]));
    emit(feature(10, w.shape));
    emit(feature(12, pair(w.lower, case_hash(w.case))));
}

/// Calls `emit` with each UPOS feature that reads only the word before.
#[inline]
pub(super) fn as_previous(m1: &Token, mut emit: impl FnMut(u64)) {
    emit(feature(13, m1.lower));
    emit(feature(25, m1.suffix[2]));
}

/// Calls `emit` with each UPOS feature that reads only the word after.
#[inline]
pub(super) fn as_next(p1: &Token, mut emit: impl FnMut(u64)) {
    emit(feature(15, p1.lower));
    emit(feature(23, p1.ambiguity));
    emit(feature(24, p1.suffix[2]));
    emit(feature(26, p1.shape));
}

/// Calls `emit` with each UPOS feature of the word at `at` in `tokens` that
/// reads more than one word, or the history (`tokens` carries two boundary
/// tokens on either side, so `at - 2 ..= at + 2` always exists).
#[inline]
pub(super) fn context(tokens: &[Token], at: usize, history: History, mut emit: impl FnMut(u64)) {
    let [m2, m1, w, p1, p2] = [
        &tokens[at - 2],
        &tokens[at - 1],
        &tokens[at],
        &tokens[at + 1],
        &tokens[at + 2],
    ];
    emit(feature(11, pair(case_hash(w.case), u64::from(at == 2))));
    emit(feature(14, m2.lower));
    emit(feature(16, p2.lower));
    emit(feature(17, history.prev));
    emit(feature(18, pair(history.prev, history.prev2)));
    emit(feature(19, pair(history.prev, w.lower)));
    emit(feature(20, w.ambiguity));
    emit(feature(21, pair(w.ambiguity, p1.ambiguity)));
    emit(feature(22, pair(history.prev, w.ambiguity)));
    emit(feature(27, pair(w.lower, p1.lower)));
    emit(feature(28, pair(m1.lower, w.lower)));
}

/// Calls `emit` with each feature of the XPOS model for the word at `at`,
/// once its UPOS (`upos`, as a number) is chosen.
#[inline]
pub(super) fn xpos(
    tokens: &[Token],
    at: usize,
    upos: u8,
    history: History,
    mut emit: impl FnMut(u64),
) {
    let [m2, m1, w, p1] = [
        &tokens[at - 2],
        &tokens[at - 1],
        &tokens[at],
        &tokens[at + 1],
    ];
    let u = mix(u64::from(upos) ^ 0x7570_6f73_0000);
    let mut one = |template: u64, a: u64| emit(feature(template, pair(a, u)));
    one(40, 0);
    one(41, w.lower);
    one(42, w.suffix[0]);
    one(43, w.suffix[1]);
    one(44, w.suffix[2]);
    one(45, w.shape);
    one(46, history.prev);
    one(47, m1.lower);
    one(48, p1.lower);
    one(49, m2.lower);
}

fn case_hash(case: Case) -> u64 {
    mix(case as u64 + 0x6361_7365)
}
