//! Closed-class English words the attribution grammar leans on.
//!
//! These are grammar, not vocabulary: determiners, pronouns, auxiliaries,
//! prepositions and clause connectives. Open-class words (reporting verbs,
//! role nouns) live in the lexicon data files.

/// Words that open a noun phrase and close it when scanning leftwards.
pub fn is_determiner(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "this"
            | "these"
            | "those"
            | "another"
            | "each"
            | "every"
            | "some"
            | "many"
            | "several"
            | "few"
            | "most"
            | "all"
            | "both"
            | "no"
            | "any"
            | "such"
            | "either"
            | "neither"
            | "one"
            | "two"
            | "three"
            | "four"
            | "five"
            | "six"
            | "seven"
            | "eight"
            | "nine"
            | "ten"
            | "dozens"
            | "hundreds"
            | "thousands"
            | "other"
    ) || is_possessive_pronoun(w)
}

/// Determiners that refer back to something already introduced ("the source").
pub fn is_definite(w: &str) -> bool {
    matches!(w, "the" | "this" | "that" | "these" | "those") || is_possessive_pronoun(w)
}

/// Determiners that introduce someone new ("a source", "another official").
pub fn is_indefinite(w: &str) -> bool {
    matches!(
        w,
        "a" | "an" | "another" | "one" | "some" | "a second" | "a third"
    )
}

pub fn is_possessive_pronoun(w: &str) -> bool {
    matches!(
        w,
        "his" | "her" | "its" | "their" | "our" | "my" | "your" | "whose"
    )
}

/// Personal pronouns that can be the subject of a reporting verb.
pub fn is_subject_pronoun(w: &str) -> bool {
    matches!(w, "he" | "she" | "they" | "it" | "we" | "i" | "you")
}

/// Relative pronouns: "X, who said ..." makes X the source.
pub fn is_relative_pronoun(w: &str) -> bool {
    matches!(w, "who" | "which" | "whom")
}

/// Auxiliaries and modals that may sit between a subject and its verb.
pub fn is_auxiliary(w: &str) -> bool {
    is_be(w)
        || matches!(
            w,
            "has"
                | "have"
                | "had"
                | "having"
                | "do"
                | "does"
                | "did"
                | "will"
                | "would"
                | "shall"
                | "should"
                | "can"
                | "could"
                | "may"
                | "might"
                | "must"
                | "'ve"
                | "'d"
                | "'ll"
                | "didn't"
                | "doesn't"
                | "don't"
                | "hasn't"
                | "haven't"
                | "hadn't"
                | "won't"
                | "wouldn't"
                | "couldn't"
                | "can't"
                | "cannot"
                | "shouldn't"
                | "isn't"
                | "wasn't"
                | "aren't"
                | "weren't"
        )
}

pub fn is_be(w: &str) -> bool {
    matches!(
        w,
        "is" | "are" | "was" | "were" | "be" | "been" | "being" | "am" | "'re" | "'m"
    )
}

/// Adverbs that often sit between a subject and its reporting verb ("also said").
/// Any lower-case word ending in "-ly" is treated the same way.
pub fn is_verb_adverb(w: &str) -> bool {
    matches!(
        w,
        "also"
            | "later"
            | "earlier"
            | "again"
            | "then"
            | "now"
            | "once"
            | "twice"
            | "thrice"
            | "still"
            | "already"
            | "just"
            | "even"
            | "only"
            | "further"
            | "never"
            | "not"
            | "often"
            | "always"
            | "long"
            | "first"
            | "last"
            | "since"
            | "too"
            | "soon"
            | "yet"
            | "ever"
            | "previously"
            | "both"
            | "all"
            | "each"
            | "however"
            | "though"
            | "meanwhile"
            | "nonetheless"
            | "nevertheless"
            | "instead"
            | "likewise"
            | "similarly"
    ) || (w.len() > 4 && w.ends_with("ly") && !is_ly_adjective(w))
}

/// Words in "-ly" that are nouns or adjectives, not adverbs: "the early results",
/// "a daily briefing", "an elderly voter".
fn is_ly_adjective(w: &str) -> bool {
    matches!(
        w,
        "family"
            | "rally"
            | "ally"
            | "italy"
            | "early"
            | "daily"
            | "weekly"
            | "monthly"
            | "yearly"
            | "quarterly"
            | "hourly"
            | "nightly"
            | "elderly"
            | "friendly"
            | "costly"
            | "deadly"
            | "lonely"
            | "timely"
            | "ugly"
            | "holy"
            | "lovely"
            | "orderly"
            | "scholarly"
            | "assembly"
            | "monopoly"
            | "anomaly"
            | "supply"
            | "reply"
            | "belly"
    )
}

/// Prepositions that can join a noun phrase to its modifier ("spokesperson for the ministry").
pub fn is_np_preposition(w: &str) -> bool {
    matches!(
        w,
        "of" | "for" | "at" | "in" | "from" | "with" | "to" | "on" | "within" | "inside" | "near"
    )
}

/// Words that end a subject noun phrase when scanning leftwards: conjunctions,
/// subordinators and sentence adverbs.
pub fn is_clause_boundary(w: &str) -> bool {
    matches!(
        w,
        "and"
            | "but"
            | "or"
            | "nor"
            | "so"
            | "yet"
            | "that"
            | "because"
            | "while"
            | "whilst"
            | "although"
            | "though"
            | "when"
            | "whenever"
            | "where"
            | "after"
            | "before"
            | "if"
            | "since"
            | "as"
            | "than"
            | "whether"
            | "until"
            | "unless"
            | "once"
            | "then"
            | "however"
            | "meanwhile"
            | "moreover"
            | "furthermore"
            | "instead"
            | "also"
            | "yesterday"
            | "today"
            | "tonight"
            | "now"
            | "later"
            | "earlier"
            | "separately"
            | "still"
            | "there"
            | "here"
            | "what"
            | "why"
            | "how"
            | "whom"
            | "not"
            | "even"
            | "only"
            | "just"
            | "thus"
            | "hence"
            | "therefore"
            | "indeed"
            | "perhaps"
            | "maybe"
    )
}

/// Words that name a time, not a speaker: "on Tuesday", "in March", "last week".
pub fn is_time_word(w: &str) -> bool {
    is_calendar_name(w)
        || matches!(
            w,
            "jan"
                | "feb"
                | "mar"
                | "apr"
                | "jun"
                | "jul"
                | "aug"
                | "sep"
                | "sept"
                | "oct"
                | "nov"
                | "dec"
                | "week"
                | "weekend"
                | "month"
                | "year"
                | "day"
                | "morning"
                | "afternoon"
                | "evening"
                | "night"
                | "today"
                | "yesterday"
                | "tonight"
                | "weeks"
                | "months"
                | "years"
                | "days"
                | "hours"
                | "minutes"
                | "time"
                | "times"
                | "decade"
                | "decades"
                | "century"
                | "past"
        )
}

/// Month and weekday names: capitalised, yet times, not names.
pub fn is_calendar_name(w: &str) -> bool {
    matches!(
        w,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
    )
}

/// Words that can never be the last word of a source mention.
pub fn is_non_head(w: &str) -> bool {
    is_determiner(w)
        || is_auxiliary(w)
        || is_clause_boundary(w)
        || is_np_preposition(w)
        || is_relative_pronoun(w)
        || matches!(
            w,
            "him" | "them" | "us" | "me" | "to" | "by" | "about" | "into" | "over" | "against"
        )
}
