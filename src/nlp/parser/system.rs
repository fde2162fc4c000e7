//! The arc-hybrid transition system (Kuhlmann et al. 2011) with its dynamic
//! oracle (Goldberg & Nivre 2013).
//!
//! Words are 0-based; the artificial root is word `n`, the last item of the
//! buffer, so it can only take a head word once the stack is down to one item:
//! every parse has exactly one root word. Each word is pushed once and popped
//! once, so a sentence takes exactly 2n transitions: linear time, any length.

use super::labels::Deprel;

pub const NONE: u32 = u32::MAX;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    /// Push the buffer front onto the stack.
    Shift = 0,
    /// The stack top becomes a dependent of the buffer front, and is popped.
    Left = 1,
    /// The stack top becomes a dependent of the item below it, and is popped.
    Right = 2,
}

pub const MOVES: [Move; 3] = [Move::Shift, Move::Left, Move::Right];

/// A parser configuration plus what the features read of the partial tree.
pub struct State {
    pub n: usize,
    pub stack: Vec<u32>,
    /// The buffer front; the buffer is `front..=n` (n is the root).
    pub front: usize,
    pub heads: Vec<u32>,
    pub labels: Vec<Deprel>,
    /// Per word (and the root): the two leftmost and two rightmost children so far.
    pub left: Vec<[u32; 2]>,
    pub right: Vec<[u32; 2]>,
    pub left_count: Vec<u8>,
    pub right_count: Vec<u8>,
    /// Per word: the set of its children's relations, one bit per relation id.
    pub left_labels: Vec<u64>,
    pub right_labels: Vec<u64>,
}

impl State {
    pub fn new(n: usize) -> State {
        State {
            n,
            stack: Vec::with_capacity(n.min(256)),
            front: 0,
            heads: vec![NONE; n],
            labels: vec![Deprel::ROOT; n],
            left: vec![[NONE; 2]; n + 1],
            right: vec![[NONE; 2]; n + 1],
            left_count: vec![0; n + 1],
            right_count: vec![0; n + 1],
            left_labels: vec![0; n + 1],
            right_labels: vec![0; n + 1],
        }
    }

    pub fn is_terminal(&self) -> bool {
        self.stack.is_empty() && self.front >= self.n
    }

    pub fn s(&self, depth: usize) -> u32 {
        let len = self.stack.len();
        if depth < len {
            self.stack[len - 1 - depth]
        } else {
            NONE
        }
    }

    pub fn is_valid(&self, m: Move) -> bool {
        match m {
            Move::Shift => self.front < self.n,
            Move::Left => !self.stack.is_empty() && (self.front < self.n || self.stack.len() == 1),
            Move::Right => self.stack.len() >= 2,
        }
    }

    /// The head and dependent the move would link (not for Shift).
    pub fn arc_of(&self, m: Move) -> Option<(u32, u32)> {
        match m {
            Move::Shift => None,
            Move::Left => Some((self.front as u32, self.s(0))),
            Move::Right => Some((self.s(1), self.s(0))),
        }
    }

    /// Applies a valid move; a Left or Right links with relation `label`.
    pub fn apply(&mut self, m: Move, label: Deprel) {
        match self.arc_of(m) {
            None => self.stack.push(self.front as u32),
            Some((head, dep)) => {
                self.stack.pop();
                self.link(head, dep, label);
            }
        }
        if m == Move::Shift {
            self.front += 1;
        }
    }

    fn link(&mut self, head: u32, dep: u32, label: Deprel) {
        let (h, d) = (head as usize, dep as usize);
        self.heads[d] = head;
        self.labels[d] = label;
        let bit = 1u64 << (label.0 & 63);
        if dep < head {
            // Left children arrive right to left: the newest is the leftmost.
            self.left[h] = [dep, self.left[h][0]];
            self.left_count[h] = self.left_count[h].saturating_add(1);
            self.left_labels[h] |= bit;
        } else {
            // Right children arrive left to right: the newest is the rightmost.
            self.right[h] = [dep, self.right[h][0]];
            self.right_count[h] = self.right_count[h].saturating_add(1);
            self.right_labels[h] |= bit;
        }
    }

    /// The number of gold arcs the move makes unreachable (0: still optimal).
    /// `gold[i]` is word i's gold head, `n` for the root; the tree must be projective.
    pub fn cost(&self, m: Move, gold: &[u32]) -> u32 {
        let s0 = self.s(0);
        match m {
            Move::Shift => self.shift_cost(gold),
            Move::Left => {
                let head_lost = gold[s0 as usize] != self.front as u32
                    && (gold[s0 as usize] == self.s(1)
                        || self.in_buffer_after_front(gold[s0 as usize]));
                self.dependents_in_buffer(s0, gold) + u32::from(head_lost)
            }
            Move::Right => {
                let head_lost = gold[s0 as usize] != self.s(1) && self.in_buffer(gold[s0 as usize]);
                self.dependents_in_buffer(s0, gold) + u32::from(head_lost)
            }
        }
    }

    fn shift_cost(&self, gold: &[u32]) -> u32 {
        let b0 = self.front as u32;
        let dependents_lost = self
            .stack
            .iter()
            .filter(|&&s| gold[s as usize] == b0)
            .count() as u32;
        let head = gold[self.front];
        let head_on_stack = head != self.s(0) && self.stack.contains(&head);
        // The root word must be shifted onto an empty stack to reach the root.
        let root_lost = head == self.n as u32 && !self.stack.is_empty();
        dependents_lost + u32::from(head_on_stack || root_lost)
    }

    fn in_buffer(&self, word: u32) -> bool {
        word != NONE && word as usize >= self.front
    }

    fn in_buffer_after_front(&self, word: u32) -> bool {
        word != NONE && word as usize > self.front
    }

    fn dependents_in_buffer(&self, word: u32, gold: &[u32]) -> u32 {
        gold[self.front..].iter().filter(|&&h| h == word).count() as u32
    }
}

/// Gold heads in the oracle's convention: 0-based, the root as `n`.
pub fn oracle_heads(heads_1based: &[usize]) -> Vec<u32> {
    let n = heads_1based.len();
    heads_1based
        .iter()
        .map(|&h| {
            if h == 0 || h > n {
                n as u32
            } else {
                (h - 1) as u32
            }
        })
        .collect()
}

/// Whether the arc from `dep` to its head crosses another arc.
fn is_nonprojective_arc(heads: &[u32], dep: usize) -> bool {
    let head = heads[dep] as usize;
    let (lo, hi) = (dep.min(head), dep.max(head));
    // Every word strictly between must descend from the head.
    (lo + 1..hi).any(|k| !descends_from(heads, k, head))
}

fn descends_from(heads: &[u32], mut word: usize, ancestor: usize) -> bool {
    for _ in 0..=heads.len() {
        if word == ancestor {
            return true;
        }
        match heads.get(word) {
            Some(&h) => word = h as usize,
            None => return false, // reached the root
        }
    }
    false
}

/// Lifts crossing arcs to the grandparent until the tree is projective
/// (heads in the oracle convention; relations are kept as they were).
pub fn projectivize(heads: &mut [u32]) {
    let n = heads.len();
    for _ in 0..n * n + 1 {
        // Lift the shortest crossing arc first, which disturbs the least.
        let crossing = (0..n)
            .filter(|&d| (heads[d] as usize) < n && is_nonprojective_arc(heads, d))
            .min_by_key(|&d| (heads[d] as i64 - d as i64).abs());
        match crossing {
            Some(d) => {
                let head = heads[d] as usize;
                heads[d] = heads[head];
            }
            None => return,
        }
    }
}
