//! Dependency relations: a fixed table, so ids are stable across models.
//!
//! The table holds every relation UD English EWT v2.15 uses plus a few older
//! subtypes (`obl:tmod`, `obl:npmod`, ...) so retraining on another English
//! treebank keeps working; an unknown relation read from a treebank becomes `dep`.

/// A dependency relation, an index into [`DEPRELS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Deprel(pub u8);

/// The relation names; the position is the id. `root` must stay first.
pub const DEPRELS: &[&str] = &[
    "root",
    "punct",
    "case",
    "nsubj",
    "det",
    "advmod",
    "obj",
    "amod",
    "obl",
    "conj",
    "compound",
    "mark",
    "nmod",
    "cc",
    "aux",
    "cop",
    "advcl",
    "nmod:poss",
    "xcomp",
    "ccomp",
    "acl:relcl",
    "flat",
    "parataxis",
    "nummod",
    "appos",
    "acl",
    "aux:pass",
    "nsubj:pass",
    "obl:unmarked",
    "nmod:unmarked",
    "discourse",
    "compound:prt",
    "iobj",
    "list",
    "expl",
    "fixed",
    "nmod:desc",
    "obl:agent",
    "csubj",
    "nsubj:outer",
    "det:predet",
    "vocative",
    "goeswith",
    "advcl:relcl",
    "cc:preconj",
    "reparandum",
    "orphan",
    "csubj:pass",
    "dislocated",
    "dep",
    "csubj:outer",
    "obl:tmod",
    "obl:npmod",
    "nmod:tmod",
    "nmod:npmod",
    "flat:foreign",
    "clf",
];

/// The name of a relation id ("dep" for an id outside the table).
pub fn deprel_name(id: Deprel) -> &'static str {
    DEPRELS.get(usize::from(id.0)).copied().unwrap_or("dep")
}

impl Deprel {
    pub const ROOT: Deprel = Deprel(0);

    /// The id of a relation name; unknown names map to `dep`.
    pub fn from_name(name: &str) -> Deprel {
        let known = DEPRELS.iter().position(|&d| d == name);
        let dep = DEPRELS.iter().position(|&d| d == "dep").unwrap_or(0);
        Deprel(known.unwrap_or(dep) as u8)
    }

    pub fn name(self) -> &'static str {
        deprel_name(self)
    }

    /// The universal relation before any ':' subtype ("nsubj" for "nsubj:pass").
    pub fn main_type(self) -> &'static str {
        let name = self.name();
        name.split(':').next().unwrap_or(name)
    }

    fn is(self, names: &[&str]) -> bool {
        names.contains(&self.name())
    }

    /// A nominal or clausal subject, active or passive.
    pub fn is_subject(self) -> bool {
        self.main_type() == "nsubj" || self.main_type() == "csubj"
    }

    pub fn is_passive_subject(self) -> bool {
        self.is(&["nsubj:pass", "csubj:pass"])
    }

    /// A direct or indirect object.
    pub fn is_object(self) -> bool {
        self.is(&["obj", "iobj"])
    }

    /// A clausal complement with its own subject (`ccomp`: "said [that] X").
    pub fn is_clausal_complement(self) -> bool {
        self.name() == "ccomp"
    }

    /// An open clausal complement (`xcomp`: "wants to leave").
    pub fn is_open_complement(self) -> bool {
        self.name() == "xcomp"
    }

    /// The agent of a passive ("approved by the council").
    pub fn is_agent(self) -> bool {
        self.name() == "obl:agent"
    }

    pub fn is_punct(self) -> bool {
        self.name() == "punct"
    }
}

/// Number of relation classes the label model predicts over.
pub fn count() -> usize {
    DEPRELS.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_unknowns_are_dep() {
        assert!(DEPRELS.len() < 64, "label sets are kept in a u64");
        for (i, name) in DEPRELS.iter().enumerate() {
            assert_eq!(Deprel::from_name(name), Deprel(i as u8));
        }
        assert_eq!(Deprel::from_name("nonsense").name(), "dep");
        assert_eq!(Deprel::ROOT.name(), "root");
        assert_eq!(deprel_name(Deprel(250)), "dep");
    }

    #[test]
    fn predicates() {
        let d = Deprel::from_name;
        assert!(d("nsubj:pass").is_subject() && d("nsubj:pass").is_passive_subject());
        assert!(d("nsubj").is_subject() && !d("nsubj").is_passive_subject());
        assert!(d("obj").is_object() && d("iobj").is_object() && !d("obl").is_object());
        assert!(d("ccomp").is_clausal_complement() && !d("xcomp").is_clausal_complement());
        assert!(d("obl:agent").is_agent());
        assert_eq!(d("acl:relcl").main_type(), "acl");
    }
}
