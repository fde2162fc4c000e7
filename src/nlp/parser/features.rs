//! Feature templates: Zhang & Nivre (2011) adapted to arc-hybrid, over
//! lowercased forms, suffixes, PTB tags and universal tags together, so a
//! wrong tag from the tagger is outvoted by the word and its suffix.

use super::system::{State, NONE};
use crate::nlp::perceptron::Features;
use crate::nlp::tags::Upos;

/// What the features read of one word, prepared once per sentence.
pub struct Token {
    pub word: Vec<u8>,
    pub suffix: Vec<u8>,
    pub xpos: Vec<u8>,
    pub upos: &'static [u8],
}

const ABSENT: &[u8] = b"\x01-";
const ROOT: &[u8] = b"\x01root";
/// Longer words are cut (at a character boundary) so hashing stays cheap.
const MAX_WORD_BYTES: usize = 32;

/// The words of a sentence plus the root as the last token.
pub fn tokens(words: &[&str], upos: &[Upos], xpos: &[&str]) -> Vec<Token> {
    let mut out: Vec<Token> = words
        .iter()
        .zip(upos.iter().zip(xpos))
        .map(|(w, (u, x))| token(w, *u, x))
        .collect();
    out.push(Token {
        word: ROOT.to_vec(),
        suffix: ROOT.to_vec(),
        xpos: ROOT.to_vec(),
        upos: ROOT,
    });
    out
}

fn token(word: &str, upos: Upos, xpos: &str) -> Token {
    let normal = normalise(word);
    let chars: Vec<char> = normal.chars().collect();
    let suffix: String = chars[chars.len().saturating_sub(3)..].iter().collect();
    let word = truncate(&normal, MAX_WORD_BYTES);
    Token {
        word: word.into(),
        suffix: suffix.into(),
        xpos: truncate(xpos, 8).into(),
        upos: upos.as_str().as_bytes(),
    }
}

/// Lowercase, with digits folded to '0' so "1998" and "2024" share weights.
fn normalise(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_ascii_digit() { '0' } else { c })
        .collect()
}

fn truncate(s: &str, max: usize) -> &str {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// One position of the configuration as the templates see it.
#[derive(Clone, Copy)]
struct Slot<'a> {
    word: &'a [u8],
    tag: &'a [u8],
    upos: &'a [u8],
    suffix: &'a [u8],
    label: &'a [u8],
}

const EMPTY: Slot<'static> = Slot {
    word: ABSENT,
    tag: ABSENT,
    upos: ABSENT,
    suffix: ABSENT,
    label: ABSENT,
};

fn slot<'a>(tokens: &'a [Token], state: &State, i: u32) -> Slot<'a> {
    if i == NONE || i as usize >= tokens.len() {
        return EMPTY;
    }
    let t = &tokens[i as usize];
    let label = match state.heads.get(i as usize) {
        Some(&h) if h != NONE => state.labels[i as usize].name().as_bytes(),
        _ => ABSENT,
    };
    Slot {
        word: &t.word,
        tag: &t.xpos,
        upos: t.upos,
        suffix: &t.suffix,
        label,
    }
}

/// A distance in a few buckets (1, 2, 3, 4, 5-7, 8+).
fn distance(a: u32, b: u32) -> &'static [u8] {
    if a == NONE || b == NONE {
        return ABSENT;
    }
    match a.abs_diff(b) {
        0 => b"0",
        1 => b"1",
        2 => b"2",
        3 => b"3",
        4 => b"4",
        5..=7 => b"5",
        _ => b"8",
    }
}

fn count_bucket(c: u8) -> &'static [u8] {
    match c {
        0 => b"0",
        1 => b"1",
        2 => b"2",
        _ => b"3",
    }
}

/// Adds features with consecutive template numbers.
struct Adder<'f> {
    f: &'f mut Features,
    template: u8,
}

impl Adder<'_> {
    fn add(&mut self, parts: &[&[u8]]) {
        self.template = self.template.wrapping_add(1);
        self.f.add(self.template, parts);
    }
}

/// The children a template reads around the stack top and the buffer front.
struct Context<'a> {
    s0: Slot<'a>,
    s1: Slot<'a>,
    s2: Slot<'a>,
    b0: Slot<'a>,
    b1: Slot<'a>,
    b2: Slot<'a>,
    s0l: Slot<'a>,
    s0l2: Slot<'a>,
    s0r: Slot<'a>,
    s0r2: Slot<'a>,
    b0l: Slot<'a>,
    b0l2: Slot<'a>,
    s1r: Slot<'a>,
    s1l: Slot<'a>,
}

fn context<'a>(tokens: &'a [Token], st: &State) -> Context<'a> {
    let (s0, s1) = (st.s(0), st.s(1));
    let b = |k: usize| {
        if st.front + k <= st.n {
            (st.front + k) as u32
        } else {
            NONE
        }
    };
    let kid = |w: u32, left: bool, k: usize| match (w, left) {
        (NONE, _) => NONE,
        (_, true) => st.left[w as usize][k],
        (_, false) => st.right[w as usize][k],
    };
    let at = |i: u32| slot(tokens, st, i);
    Context {
        s0: at(s0),
        s1: at(s1),
        s2: at(st.s(2)),
        b0: at(b(0)),
        b1: at(b(1)),
        b2: at(b(2)),
        s0l: at(kid(s0, true, 0)),
        s0l2: at(kid(s0, true, 1)),
        s0r: at(kid(s0, false, 0)),
        s0r2: at(kid(s0, false, 1)),
        b0l: at(kid(b(0), true, 0)),
        b0l2: at(kid(b(0), true, 1)),
        s1r: at(kid(s1, false, 0)),
        s1l: at(kid(s1, true, 0)),
    }
}

/// The features of the next transition.
pub fn transition(tokens: &[Token], st: &State, f: &mut Features) {
    f.clear();
    let c = context(tokens, st);
    let mut a = Adder { f, template: 0 };
    unigrams(&mut a, &c);
    pairs(&mut a, &c);
    triples(&mut a, &c);
    distance_and_valency(&mut a, &c, st);
    children(&mut a, &c, st);
}

fn unigrams(a: &mut Adder, c: &Context) {
    for s in [&c.s0, &c.b0, &c.b1, &c.s1] {
        a.add(&[s.word, s.tag]);
        a.add(&[s.word]);
        a.add(&[s.tag]);
        a.add(&[s.suffix, s.upos]);
    }
    for s in [&c.b2, &c.s2] {
        a.add(&[s.word]);
        a.add(&[s.tag]);
    }
}

fn pairs(a: &mut Adder, c: &Context) {
    let (s0, b0, s1) = (&c.s0, &c.b0, &c.s1);
    a.add(&[s0.word, s0.tag, b0.word, b0.tag]);
    a.add(&[s0.word, s0.tag, b0.word]);
    a.add(&[s0.word, b0.word, b0.tag]);
    a.add(&[s0.word, s0.tag, b0.tag]);
    a.add(&[s0.tag, b0.word, b0.tag]);
    a.add(&[s0.word, b0.word]);
    a.add(&[s0.tag, b0.tag]);
    a.add(&[s0.upos, b0.upos]);
    a.add(&[b0.tag, c.b1.tag]);
    // The arc a Right move would make: s0 under s1.
    a.add(&[s1.word, s1.tag, s0.word, s0.tag]);
    a.add(&[s1.word, s0.word]);
    a.add(&[s1.tag, s0.word]);
    a.add(&[s1.word, s0.tag]);
    a.add(&[s1.tag, s0.tag]);
    a.add(&[s1.upos, s0.upos]);
    a.add(&[b0.word, c.b1.word]);
    a.add(&[s0.suffix, b0.suffix]);
}

fn triples(a: &mut Adder, c: &Context) {
    a.add(&[c.b0.tag, c.b1.tag, c.b2.tag]);
    a.add(&[c.s0.tag, c.b0.tag, c.b1.tag]);
    a.add(&[c.s1.tag, c.s0.tag, c.b0.tag]);
    a.add(&[c.s2.tag, c.s1.tag, c.s0.tag]);
    a.add(&[c.s0.tag, c.s0l.tag, c.b0.tag]);
    a.add(&[c.s0.tag, c.s0r.tag, c.b0.tag]);
    a.add(&[c.s0.tag, c.b0.tag, c.b0l.tag]);
    a.add(&[c.s1.tag, c.s1r.tag, c.s0.tag]);
    a.add(&[c.s1.tag, c.s1l.tag, c.s0.tag]);
    a.add(&[c.s1.tag, c.s0.tag, c.s0l.tag]);
    a.add(&[c.s1.tag, c.s0.tag, c.s0r.tag]);
    a.add(&[c.s0.word, c.b0.tag, c.b1.tag]);
    a.add(&[c.s1.tag, c.s0.word, c.b0.tag]);
    a.add(&[c.s0.tag, c.b0.word, c.b1.tag]);
}

fn distance_and_valency(a: &mut Adder, c: &Context, st: &State) {
    let (s0, s1) = (st.s(0), st.s(1));
    let b0 = if st.front <= st.n {
        st.front as u32
    } else {
        NONE
    };
    let d = distance(s0, b0);
    a.add(&[c.s0.word, d]);
    a.add(&[c.s0.tag, d]);
    a.add(&[c.b0.word, d]);
    a.add(&[c.b0.tag, d]);
    a.add(&[c.s0.word, c.b0.word, d]);
    a.add(&[c.s0.tag, c.b0.tag, d]);
    let d1 = distance(s1, s0);
    a.add(&[c.s1.tag, c.s0.tag, d1]);
    a.add(&[c.s1.word, c.s0.word, d1]);
    let count = |w: u32, left: bool| match (w, left) {
        (NONE, _) => ABSENT,
        (_, true) => count_bucket(st.left_count[w as usize]),
        (_, false) => count_bucket(st.right_count[w as usize]),
    };
    a.add(&[c.s0.word, count(s0, false)]);
    a.add(&[c.s0.tag, count(s0, false)]);
    a.add(&[c.s0.word, count(s0, true)]);
    a.add(&[c.s0.tag, count(s0, true)]);
    a.add(&[c.b0.word, count(b0, true)]);
    a.add(&[c.b0.tag, count(b0, true)]);
    a.add(&[c.s1.tag, count(s1, false)]);
}

fn children(a: &mut Adder, c: &Context, st: &State) {
    for k in [&c.s0l, &c.s0r, &c.b0l] {
        a.add(&[k.word]);
        a.add(&[k.tag]);
        a.add(&[k.label]);
    }
    for k in [&c.s0l2, &c.s0r2, &c.b0l2, &c.s1r] {
        a.add(&[k.tag]);
        a.add(&[k.label]);
    }
    a.add(&[c.s0.tag, c.s0l.label, c.s0l2.label]);
    a.add(&[c.s0.tag, c.s0r.label, c.s0r2.label]);
    a.add(&[c.b0.tag, c.b0l.label, c.b0l2.label]);
    a.add(&[c.s1.tag, c.s1r.label, c.s0.tag]);
    let set = |w: u32, left: bool| -> [u8; 8] {
        match (w, left) {
            (NONE, _) => [0xff; 8],
            (_, true) => st.left_labels[w as usize].to_le_bytes(),
            (_, false) => st.right_labels[w as usize].to_le_bytes(),
        }
    };
    let b0 = if st.front <= st.n {
        st.front as u32
    } else {
        NONE
    };
    let (s0r, s0l, b0l) = (set(st.s(0), false), set(st.s(0), true), set(b0, true));
    a.add(&[c.s0.word, &s0r]);
    a.add(&[c.s0.tag, &s0r]);
    a.add(&[c.s0.word, &s0l]);
    a.add(&[c.s0.tag, &s0l]);
    a.add(&[c.b0.word, &b0l]);
    a.add(&[c.b0.tag, &b0l]);
}

/// The features of the relation on a new arc `head -> dep` (the dependent is
/// complete: arc-hybrid attaches a word only after all its children).
pub fn label(tokens: &[Token], st: &State, head: u32, dep: u32, f: &mut Features) {
    f.clear();
    let at = |i: u32| slot(tokens, st, i);
    let (h, d) = (at(head), at(dep));
    let kid = |w: u32, left: bool, k: usize| {
        if left {
            st.left[w as usize][k]
        } else {
            st.right[w as usize][k]
        }
    };
    let (dl, dl2, dr) = (
        at(kid(dep, true, 0)),
        at(kid(dep, true, 1)),
        at(kid(dep, false, 0)),
    );
    let (hl, hr) = (at(kid(head, true, 0)), at(kid(head, false, 0)));
    let dir: &[u8] = if dep < head { b"L" } else { b"R" };
    let dist = distance(head, dep);
    let before = if dep > 0 { at(dep - 1) } else { EMPTY };
    let after = at(dep + 1);
    let mut a = Adder { f, template: 100 };
    a.add(&[dir]);
    a.add(&[d.word, dir]);
    a.add(&[d.tag, dir]);
    a.add(&[d.word, d.tag, dir]);
    a.add(&[d.suffix, d.upos, dir]);
    a.add(&[h.word, dir]);
    a.add(&[h.tag, dir]);
    a.add(&[h.word, h.tag, dir]);
    a.add(&[h.word, d.word, dir]);
    a.add(&[h.tag, d.tag, dir]);
    a.add(&[h.tag, d.word, dir]);
    a.add(&[h.word, d.tag, dir]);
    a.add(&[h.upos, d.upos, dir, dist]);
    a.add(&[h.tag, d.tag, dir, dist]);
    // The dependent's own children: "by" marks an agent, "that" a clause.
    a.add(&[d.tag, dl.word, dl.label]);
    a.add(&[d.tag, dl.label, dl2.label, dr.label]);
    a.add(&[dl2.word, dl2.label]);
    a.add(&[dr.word, dr.label, dir]);
    a.add(&[
        d.tag,
        &st.left_labels[dep as usize].to_le_bytes(),
        &st.right_labels[dep as usize].to_le_bytes(),
    ]);
    // The head's children so far: "was" before a participle makes a passive subject.
    a.add(&[h.tag, hl.word, hl.label, dir]);
    a.add(&[h.tag, hr.label, dir]);
    a.add(&[h.tag, &st.left_labels[head as usize].to_le_bytes(), dir]);
    a.add(&[h.word, d.tag, hl.word]);
    a.add(&[d.tag, before.tag, after.tag]);
    a.add(&[d.word, before.word]);
    a.add(&[h.tag, d.tag, before.tag, dir]);
}
