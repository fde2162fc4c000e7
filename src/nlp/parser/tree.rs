//! A parse and the questions later stages ask of it.
//!
//! Word positions in this API are 0-based (the index into the words given to
//! `Parser::parse`); `Arc::head` keeps the CoNLL-U convention (0 = root).

use super::labels::Deprel;

/// One word's attachment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Arc {
    /// 0 for the root, otherwise the 1-based position of the head word.
    pub head: u32,
    pub deprel: Deprel,
}

impl Arc {
    /// The head as a 0-based word position (None for the root).
    pub fn head_index(&self) -> Option<usize> {
        (self.head as usize).checked_sub(1)
    }
}

/// The dependency tree of one sentence: one arc per word.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parse {
    pub arcs: Vec<Arc>,
}

impl Parse {
    pub fn len(&self) -> usize {
        self.arcs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.arcs.is_empty()
    }

    pub fn head(&self, word: usize) -> Option<usize> {
        self.arcs.get(word)?.head_index()
    }

    /// The word's relation to its head (`root` for the root, and out of range).
    pub fn deprel(&self, word: usize) -> Deprel {
        self.arcs.get(word).map_or(Deprel::ROOT, |a| a.deprel)
    }

    /// The first word attached to the root.
    pub fn root(&self) -> Option<usize> {
        self.arcs.iter().position(|a| a.head == 0)
    }

    /// The word's dependents, left to right.
    pub fn children(&self, word: usize) -> impl Iterator<Item = usize> + '_ {
        let head = word as u32 + 1;
        self.arcs
            .iter()
            .enumerate()
            .filter(move |(_, a)| a.head == head)
            .map(|(i, _)| i)
    }

    /// The first dependent whose relation satisfies `test`.
    pub fn child(&self, word: usize, test: impl Fn(Deprel) -> bool) -> Option<usize> {
        self.children(word).find(|&c| test(self.deprel(c)))
    }

    /// The subject (nominal or clausal, active or passive) of a predicate.
    pub fn subject(&self, predicate: usize) -> Option<usize> {
        self.child(predicate, Deprel::is_subject)
    }

    /// The direct object, else the indirect one.
    pub fn object(&self, verb: usize) -> Option<usize> {
        self.child(verb, |d| d.name() == "obj")
            .or_else(|| self.child(verb, |d| d.name() == "iobj"))
    }

    /// The `ccomp` of a verb: what was said in "X said [that] ...".
    pub fn clausal_complement(&self, verb: usize) -> Option<usize> {
        self.child(verb, Deprel::is_clausal_complement)
    }

    /// Whether the predicate has a passive subject or a passive auxiliary.
    pub fn is_passive(&self, verb: usize) -> bool {
        self.child(verb, |d| d.is_passive_subject() || d.name() == "aux:pass")
            .is_some()
    }

    /// The agent of a passive: an `obl:agent` dependent, else an `obl` marked by "by".
    pub fn agent(&self, verb: usize, words: &[&str]) -> Option<usize> {
        self.child(verb, Deprel::is_agent).or_else(|| {
            let by = |obl: usize| {
                self.children(obl).any(|c| {
                    self.deprel(c).name() == "case"
                        && words.get(c).is_some_and(|w| w.eq_ignore_ascii_case("by"))
                })
            };
            self.children(verb)
                .find(|&c| self.deprel(c).main_type() == "obl" && by(c))
        })
    }

    /// The first and last word (inclusive) of the word's subtree.
    pub fn span(&self, word: usize) -> (usize, usize) {
        if word >= self.len() {
            return (word, word);
        }
        let kids = self.child_lists();
        let (mut first, mut last) = (word, word);
        let mut todo = vec![word];
        // Each word is visited once: a parse is a tree, and `seen` guards hand-made ones.
        let mut seen = vec![false; self.len()];
        while let Some(w) = todo.pop() {
            if std::mem::replace(&mut seen[w], true) {
                continue;
            }
            first = first.min(w);
            last = last.max(w);
            todo.extend_from_slice(&kids[w]);
        }
        (first, last)
    }

    fn child_lists(&self) -> Vec<Vec<usize>> {
        let mut kids = vec![Vec::new(); self.len()];
        for (i, a) in self.arcs.iter().enumerate() {
            if let Some(h) = a.head_index().filter(|&h| h < self.len()) {
                kids[h].push(i);
            }
        }
        kids
    }
}
