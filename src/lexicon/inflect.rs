//! Just enough English inflection to make a neutral alternative fit the form
//! the writer used: "slammed" -> "criticised", "regimes" -> "governments".
//!
//! Alternatives are written in the data in their base form. A verb phrase is
//! inflected on its first word ("point out" -> "pointed out"); a noun phrase on
//! its last ("senior official" -> "senior officials").

/// The grammatical form of a lexicon match.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Form {
    /// Base form, or a word with no inflection to follow.
    Base,
    /// Noun plural.
    Plural,
    /// Verb, third person singular present ("slams").
    ThirdPerson,
    /// Verb, simple past ("slammed", "tore into").
    Past,
    /// Verb, present participle ("slamming").
    Ing,
    /// Verb, past participle ("torn into").
    Participle,
}

/// Verbs whose forms the rules below would get wrong: base, past, participle.
const IRREGULAR_VERBS: &[(&str, &str, &str)] = &[
    ("say", "said", "said"),
    ("tell", "told", "told"),
    ("speak", "spoke", "spoken"),
    ("write", "wrote", "written"),
    ("give", "gave", "given"),
    ("make", "made", "made"),
    ("take", "took", "taken"),
    ("find", "found", "found"),
    ("hold", "held", "held"),
    ("put", "put", "put"),
    ("set", "set", "set"),
    ("think", "thought", "thought"),
    ("bring", "brought", "brought"),
    ("go", "went", "gone"),
    ("see", "saw", "seen"),
    ("do", "did", "done"),
    ("have", "had", "had"),
    ("get", "got", "got"),
    ("admit", "admitted", "admitted"),
    ("stop", "stopped", "stopped"),
    ("refer", "referred", "referred"),
    ("rebut", "rebutted", "rebutted"),
    ("submit", "submitted", "submitted"),
    ("commit", "committed", "committed"),
];

/// Inflect `base` (a word or phrase in base form) to `form`.
pub fn inflect(base: &str, form: Form) -> String {
    match form {
        Form::Base => base.to_string(),
        Form::Plural => on_last_word(base, plural),
        Form::ThirdPerson => on_first_word(base, third_person),
        Form::Past => on_first_word(base, past),
        Form::Participle => on_first_word(base, participle),
        Form::Ing => on_first_word(base, ing),
    }
}

fn on_first_word(phrase: &str, f: fn(&str) -> String) -> String {
    match phrase.split_once(' ') {
        Some((first, rest)) => format!("{} {rest}", f(first)),
        None => f(phrase),
    }
}

fn on_last_word(phrase: &str, f: fn(&str) -> String) -> String {
    match phrase.rsplit_once(' ') {
        Some((rest, last)) => format!("{rest} {}", f(last)),
        None => f(phrase),
    }
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// "y" after a consonant turns into "i" before a suffix: "deny" -> "denies".
fn consonant_y(word: &str) -> bool {
    let mut rev = word.chars().rev();
    rev.next() == Some('y') && rev.next().is_some_and(|c| !is_vowel(c))
}

fn sibilant(word: &str) -> bool {
    ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|s| word.ends_with(s))
}

fn plural(noun: &str) -> String {
    match noun {
        "person" => "people".into(),
        "man" => "men".into(),
        "woman" => "women".into(),
        "child" => "children".into(),
        _ if noun.ends_with("man") && !matches!(noun, "human" | "german" | "shaman") => {
            format!("{}men", &noun[..noun.len() - 3])
        }
        _ if consonant_y(noun) => format!("{}ies", &noun[..noun.len() - 1]),
        _ if sibilant(noun) => format!("{noun}es"),
        _ => format!("{noun}s"),
    }
}

fn third_person(verb: &str) -> String {
    match verb {
        "have" => "has".into(),
        "do" => "does".into(),
        "go" => "goes".into(),
        _ if consonant_y(verb) => format!("{}ies", &verb[..verb.len() - 1]),
        _ if sibilant(verb) => format!("{verb}es"),
        _ => format!("{verb}s"),
    }
}

fn irregular(verb: &str) -> Option<&'static (&'static str, &'static str, &'static str)> {
    IRREGULAR_VERBS.iter().find(|(base, _, _)| *base == verb)
}

fn past(verb: &str) -> String {
    if let Some((_, past, _)) = irregular(verb) {
        return past.to_string();
    }
    if verb.ends_with('e') {
        format!("{verb}d")
    } else if consonant_y(verb) {
        format!("{}ied", &verb[..verb.len() - 1])
    } else {
        format!("{verb}ed")
    }
}

fn participle(verb: &str) -> String {
    match irregular(verb) {
        Some((_, _, participle)) => participle.to_string(),
        None => past(verb),
    }
}

fn ing(verb: &str) -> String {
    if let Some(stem) = verb.strip_suffix("ie") {
        return format!("{stem}ying");
    }
    if irregular(verb).is_some_and(|(_, past, _)| {
        past.ends_with("tted") || past.ends_with("pped") || past.ends_with("rred")
    }) {
        let last = verb.chars().last().unwrap_or_default();
        return format!("{verb}{last}ing");
    }
    let keeps_e = ["ee", "ye", "oe"].iter().any(|s| verb.ends_with(s));
    match verb.strip_suffix('e') {
        Some(stem) if !keeps_e && verb.len() > 2 => format!("{stem}ing"),
        _ => format!("{verb}ing"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbs() {
        let cases = [
            ("criticise", ["criticises", "criticised", "criticising"]),
            ("say", ["says", "said", "saying"]),
            ("deny", ["denies", "denied", "denying"]),
            ("disagree", ["disagrees", "disagreed", "disagreeing"]),
            ("point out", ["points out", "pointed out", "pointing out"]),
            ("admit", ["admits", "admitted", "admitting"]),
            ("reply", ["replies", "replied", "replying"]),
            ("argue", ["argues", "argued", "arguing"]),
        ];
        for (base, [third, past, ing]) in cases {
            assert_eq!(inflect(base, Form::ThirdPerson), third);
            assert_eq!(inflect(base, Form::Past), past);
            assert_eq!(inflect(base, Form::Ing), ing);
        }
        assert_eq!(inflect("write", Form::Participle), "written");
        assert_eq!(inflect("criticise", Form::Participle), "criticised");
    }

    #[test]
    fn nouns() {
        assert_eq!(inflect("government", Form::Plural), "governments");
        assert_eq!(inflect("senior official", Form::Plural), "senior officials");
        assert_eq!(inflect("ally", Form::Plural), "allies");
        assert_eq!(inflect("boss", Form::Plural), "bosses");
        assert_eq!(inflect("person", Form::Plural), "people");
    }
}
