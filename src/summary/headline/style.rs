//! Headline style on kept tokens: the present tense for past events, "says" for
//! "said", numerals, no articles, the first letter capitalised. Every other word
//! is the draft's own, in the draft's order.

use super::core::Parsed;
use crate::analysis::tokens::TokenKind;
use crate::lexicon::inflect::{inflect, Form};
use crate::nlp::tags::Upos;

/// Whether the subject of `predicate` is plural ("officials", "Ann and Tom", "they").
pub fn plural_subject(p: &Parsed, predicate: usize) -> bool {
    let Some(subject) = p.syntax.subject(predicate) else {
        return false;
    };
    let xpos = p.xpos(subject);
    let pronoun_plural = matches!(
        p.norm(subject),
        "they" | "we" | "you" | "i" | "these" | "those"
    );
    let coordinated = p.syntax.children(subject).any(|c| p.deprel(c) == "conj");
    xpos == "NNS" || xpos == "NNPS" || pronoun_plural || coordinated
}

/// The finite word of a predicate: its first auxiliary or copula, else itself.
pub fn finite_word(p: &Parsed, predicate: usize) -> usize {
    p.syntax
        .children(predicate)
        .filter(|&c| c < predicate && matches!(p.deprel(c), "aux" | "aux:pass" | "cop"))
        .min()
        .unwrap_or(predicate)
}

/// Whether the predicate is a finite clause: a tensed verb or a modal heads it.
pub fn is_finite(p: &Parsed, predicate: usize) -> bool {
    let word = finite_word(p, predicate);
    matches!(p.xpos(word), "VBD" | "VBZ" | "VBP" | "MD")
}

/// The present-tense form of a past finite word, or `None` to keep it as written.
/// `reported` is true inside what someone said, where only "would" moves ("said it
/// would close" -> "says it will close"): the event itself keeps its tense there.
pub fn present(p: &Parsed, word: usize, plural: bool, reported: bool) -> Option<String> {
    let norm = p.norm(word);
    let by_norm = match (norm, plural) {
        ("would", _) => Some("will"),
        _ if reported => return None,
        ("was", false) => Some("is"),
        ("was", true) | ("were", _) => Some("are"),
        ("had", false) => Some("has"),
        ("had", true) => Some("have"),
        ("did", false) => Some("does"),
        ("did", true) => Some("do"),
        _ => None,
    };
    if let Some(form) = by_norm {
        return Some(form.to_string());
    }
    if p.xpos(word) != "VBD" || p.tokens[word].upos == Upos::AUX {
        return None;
    }
    let lemma = p.lemma(word);
    Some(if plural {
        lemma
    } else {
        inflect(&lemma, Form::ThirdPerson)
    })
}

/// "three" -> "3": headlines use numerals.
pub fn numeral(norm: &str) -> Option<&'static str> {
    const WORDS: &[(&str, &str)] = &[
        ("two", "2"),
        ("three", "3"),
        ("four", "4"),
        ("five", "5"),
        ("six", "6"),
        ("seven", "7"),
        ("eight", "8"),
        ("nine", "9"),
        ("ten", "10"),
        ("eleven", "11"),
        ("twelve", "12"),
        ("fifteen", "15"),
        ("twenty", "20"),
        ("thirty", "30"),
        ("forty", "40"),
        ("fifty", "50"),
        ("hundred", "100"),
    ];
    WORDS.iter().find(|(w, _)| *w == norm).map(|(_, n)| *n)
}

/// Articles headline style drops.
pub fn is_article(p: &Parsed, token: usize) -> bool {
    matches!(p.norm(token), "a" | "an" | "the") && p.deprel(token) == "det"
}

/// Kept tokens in draft order, with replacements, joined as the draft spaces them.
pub fn render(p: &Parsed, kept: &[usize], replace: &dyn Fn(usize) -> Option<String>) -> String {
    let mut out = String::new();
    let mut previous: Option<usize> = None;
    for &t in kept {
        let token = &p.tokens[t];
        let word = replace(t).unwrap_or_else(|| token.span.text(p.masked).to_string());
        if word.is_empty() {
            continue;
        }
        let touching = previous
            .is_some_and(|prev| prev + 1 == t && p.tokens[prev].span.end == token.span.start);
        let attaches = matches!(token.kind, TokenKind::Possessive) || word.starts_with("n't");
        if !out.is_empty() && !touching && !attaches {
            out.push(' ');
        }
        out.push_str(&word);
        previous = Some(t);
    }
    out
}

pub fn capitalise_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Words a headline never ends on.
pub fn is_dangling(word: &str) -> bool {
    const DANGLING: &[&str] = &[
        "a", "about", "after", "against", "among", "an", "and", "are", "as", "at", "be", "because",
        "been", "before", "being", "between", "but", "by", "can", "could", "during", "for", "from",
        "had", "has", "have", "her", "his", "if", "in", "into", "is", "its", "may", "might",
        "must", "my", "of", "on", "or", "our", "over", "said", "says", "should", "than", "that",
        "the", "their", "these", "this", "those", "to", "under", "was", "were", "when", "where",
        "which", "while", "who", "whom", "whose", "will", "with", "within", "without", "would",
        "your", "'s", "’s",
    ];
    DANGLING.contains(&word.to_lowercase().as_str())
}
