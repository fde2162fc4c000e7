//! The Universal Dependencies part-of-speech tags, shared by every model.

macro_rules! upos {
    ($($name:ident),* $(,)?) => {
        /// A universal part-of-speech tag (UD v2).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[allow(clippy::upper_case_acronyms)]
        pub enum Upos { $($name),* }

        impl Upos {
            pub const ALL: &'static [Upos] = &[$(Upos::$name),*];

            pub fn as_str(self) -> &'static str {
                match self { $(Upos::$name => stringify!($name)),* }
            }

            pub fn parse(s: &str) -> Option<Upos> {
                match s { $(stringify!($name) => Some(Upos::$name),)* _ => None }
            }
        }
    };
}

upos!(
    ADJ, ADP, ADV, AUX, CCONJ, DET, INTJ, NOUN, NUM, PART, PRON, PROPN, PUNCT, SCONJ, SYM, VERB, X
);

impl Upos {
    /// A noun, a proper noun or a pronoun: what can head a noun phrase.
    pub fn is_nominal(self) -> bool {
        matches!(self, Upos::NOUN | Upos::PROPN | Upos::PRON)
    }

    /// A verb or an auxiliary.
    pub fn is_verbal(self) -> bool {
        matches!(self, Upos::VERB | Upos::AUX)
    }
}

impl std::fmt::Display for Upos {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tag_round_trips_through_its_name() {
        assert_eq!(Upos::ALL.len(), 17);
        for &t in Upos::ALL {
            assert_eq!(Upos::parse(t.as_str()), Some(t));
        }
        assert_eq!(Upos::parse("NN"), None);
    }
}
