//! A neutral headline: the lead sentence, compressed.
//!
//! Extractive on purpose: every word comes from the draft (or from a finding's own
//! suggested alternative), so the headline cannot claim more than the draft does.
//! The steps mirror what a sub-editor strips from a lead: loaded words, datelines,
//! asides, time phrases and trailing attributions, then anything past 12 words.

use crate::analysis::Span;
use crate::rules::Finding;
use regex::Regex;
use std::sync::LazyLock;

pub const MAX_WORDS: usize = 12;

/// The headline for the sentence at `span`, or `None` when too little is left.
pub fn compress(text: &str, span: Span, findings: &[Finding]) -> Option<String> {
    let mut s = neutralise(text, span, findings);
    s = remove_asides(&s);
    s = remove_time_phrases(&s);
    s = remove_trailing_attribution(&s);
    s = remove_lead_in(&tidy(&s));
    s = shorten(&s, MAX_WORDS);
    let s = capitalise_first(&s);
    (s.split_whitespace().count() >= 2).then_some(s)
}

/// The sentence with each loaded-language span replaced by its first alternative,
/// or removed when the finding offers none.
pub(crate) fn neutralise(text: &str, span: Span, findings: &[Finding]) -> String {
    let mut loaded: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.rule == "loaded-language" && span.contains(f.span) && !f.span.is_empty())
        .collect();
    loaded.sort_by_key(|f| f.span);
    let mut out = String::new();
    let mut at = span.start;
    for f in loaded {
        if f.span.start < at {
            continue; // overlaps the previous replacement
        }
        out.push_str(&text[at..f.span.start]);
        let original = f.span.text(text);
        let mut replacement = f.alternatives.first().cloned().unwrap_or_default();
        if original.starts_with(char::is_uppercase) {
            replacement = capitalise_first(&replacement);
        }
        let next_word = if replacement.is_empty() {
            text[f.span.end..span.end].trim_start()
        } else {
            replacement.as_str()
        };
        fix_indefinite_article(&mut out, next_word);
        out.push_str(&replacement);
        at = f.span.end;
    }
    out.push_str(&text[at..span.end]);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// After a replacement, "an" before a consonant (or "a" before a vowel) reads wrong.
fn fix_indefinite_article(before: &mut String, next_word: &str) {
    let Some(first) = next_word.chars().next() else {
        return;
    };
    let vowel = "aeiouAEIOU".contains(first);
    let trimmed = before.trim_end();
    let gap = before.len() - trimmed.len();
    // The word starts after the last non-letter, which may be wider than one byte
    // (an emoji modifier, say): step over the whole character.
    let last_word_start = trimmed
        .char_indices()
        .rfind(|&(_, c)| !c.is_alphabetic())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let last = &trimmed[last_word_start..];
    let fixed = match (last, vowel) {
        ("a", true) => "an",
        ("A", true) => "An",
        ("an", false) => "a",
        ("An", false) => "A",
        _ => return,
    };
    let tail = before[trimmed.len()..].to_string();
    before.truncate(last_word_start);
    before.push_str(fixed);
    before.push_str(&tail);
    debug_assert_eq!(before.len() - before.trim_end().len(), gap);
}

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("headline pattern compiles")
}

static PARENTHETICAL: LazyLock<Regex> = LazyLock::new(|| re(r"\s*(?:\([^()]*\)|\[[^\[\]]*\])"));
/// "WASHINGTON --", "London, England —": a dateline before the lead.
static DATELINE: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(?:\p{Lu}[\p{L}.']*[,\s]+){1,4}?(?:--|—|–)\s*"));
/// A paired aside between spaced dashes, or between unspaced em dashes.
static DASH_ASIDE: LazyLock<Regex> =
    LazyLock::new(|| re(r"\s+(?:--|—|–|-)\s+[^—–]*?\s+(?:--|—|–|-)\s+|—[^—\s][^—]*?—"));
/// A dash clause that runs to the end of the sentence.
static DASH_TAIL: LazyLock<Regex> = LazyLock::new(|| re(r"(?:\s+(?:--|—|–|-)\s+|—).*$"));
/// ", who ...,", ", a former minister,", ", 55,": asides between commas, possibly
/// several in a row (", 41, a ferry pilot from Lowmouth,"). The closing comma must be
/// followed by a space so that "4,000" never closes an aside.
static COMMA_APPOSITIVE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i),(?:\s*(?:(?:who|which|whose|where|aged|now|formerly|then|a|an|the\s+(?:former|then|late|current))\b|\d{1,3}\b)[^,]{0,80}?,\s+)+",
    )
});
/// A relative clause that ends the sentence: ", who had ... ." / ", which ... ."
static TRAILING_RELATIVE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i),\s*(?:who|which|whose|where)\b[^,]*$"));

const WEEKDAY: &str = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";
const MONTH: &str =
    "January|February|March|April|May|June|July|August|September|October|November|December";
const PART_OF_DAY: &str = "morning|afternoon|evening|night";

static TIME_PHRASES: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    vec![
        // "on Tuesday", "late on Thursday night" (bare weekdays: see `remove_weekdays`)
        re(&format!(
            r"(?i)(?:\b(?:early|late)\s+)?\b(?:on|by|until|since|from)\s+(?:{WEEKDAY})(?:\s+(?:{PART_OF_DAY}))?\b"
        )),
        // "on March 3", "in May 2021", "March 3, 2021". Capitalised, and only with a
        // preposition or a date, because "may" is a verb and "April" a name.
        re(&format!(
            r"\b(?:on|in|by|until|since)\s+(?:{MONTH})(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?(?:,?\s+\d{{4}})?\b|\b(?:{MONTH})\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b"
        )),
        // "last week", "earlier this month", "next year"
        re(&format!(
            r"(?i)\b(?:(?:earlier|later)\s+this|last|this|next)\s+(?:week|weekend|month|year|{PART_OF_DAY}|spring|summer|autumn|fall|winter|{WEEKDAY})\b"
        )),
        re(r"(?i)\b(?:(?:earlier|later)\s+)?(?:yesterday|today|tonight|tomorrow)\b"),
        // "at around 9pm", "at 10:30 a.m."
        re(
            r"(?i)(?:\bat\s+)?(?:\b(?:around|about)\s+)?\b\d{1,2}(?:[:.]\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.)",
        ),
        re(r"(?i)\b\d+\s+(?:days?|weeks?|months?|years?)\s+ago\b"),
    ]
});

const REPORTING_VERBS: &str = "said|says|say|told|tells|reported|reports|claimed|claims|announced|added|stated|confirmed|insisted|warned|explained|wrote|argued|alleged|according";

static TRAILING_ATTRIBUTION: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    vec![
        // ", according to the ministry"
        re(r"(?i),\s*according\s+to\b[^,]*$"),
        // ", officials said" / ", the mayor told reporters"
        re(&format!(
            r"(?i),\s*[^,]{{1,60}}?\s(?:{REPORTING_VERBS})(?:\s+[^,\s]+){{0,3}}$"
        )),
        // ", said the mayor"
        re(r"(?i),\s*(?:said|says|added|claimed)\s[^,]{1,60}$"),
    ]
});

/// Parentheticals, datelines, dash asides, comma appositives and trailing relative clauses.
fn remove_asides(s: &str) -> String {
    let mut s = PARENTHETICAL.replace_all(s, "").into_owned();
    if let Some(m) = DATELINE.find(&s) {
        let rest = &s[m.end()..];
        // "Gary Locke -- the manager -- said": a paired aside, not a dateline.
        let paired = rest.contains("--") || rest.contains('—') || rest.contains('–');
        if !paired && rest.split_whitespace().count() >= 4 {
            s = rest.to_string();
        }
    }
    s = DASH_ASIDE.replace_all(&s, " ").into_owned();
    if let Some(m) = DASH_TAIL.find(&s) {
        if s[..m.start()].split_whitespace().count() >= 4 {
            s.truncate(m.start());
        }
    }
    s = COMMA_APPOSITIVE.replace_all(&s, " ").into_owned();
    s = strip_terminal_punctuation(&s);
    if let Some(m) = TRAILING_RELATIVE.find(&s) {
        if s[..m.start()].split_whitespace().count() >= 4 {
            s.truncate(m.start());
        }
    }
    s
}

fn remove_time_phrases(s: &str) -> String {
    let mut s = s.to_string();
    for pattern in TIME_PHRASES.iter() {
        s = pattern.replace_all(&s, "").into_owned();
    }
    tidy(&remove_weekdays(&s))
}

/// A weekday with an optional part of day, and the word before it (if any).
static BARE_WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)(\b[\p{{L}}']+\s+)?\b(?:{WEEKDAY})(?:\s+(?:{PART_OF_DAY}))?\b"
    ))
});

/// Words after which a bare weekday is a noun phrase ("and Wednesday was no
/// exception"), not a time adverb ("pleaded not guilty Friday", "said Tuesday").
const KEEPS_WEEKDAY: &[&str] = &[
    "a", "and", "but", "each", "every", "last", "next", "or", "that", "the", "this",
];

/// Drop a bare weekday used as a time adverb; keep it as a subject or after a determiner.
fn remove_weekdays(s: &str) -> String {
    BARE_WEEKDAY
        .replace_all(s, |caps: &regex::Captures| {
            let whole = caps.get(0).map_or("", |m| m.as_str());
            match caps.get(1) {
                None => whole.to_string(), // starts the sentence: the subject
                Some(before) => {
                    let word = before.as_str().trim().to_lowercase();
                    if KEEPS_WEEKDAY.contains(&word.as_str()) {
                        whole.to_string()
                    } else {
                        before.as_str().to_string()
                    }
                }
            }
        })
        .into_owned()
}

/// "After the storm passed, ...", "With summer near, ...": a lead-in clause before the
/// main one. (Not "-ing" openers: "Shelling resumed, ..." is a subject, not a lead-in.)
static LEAD_IN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:After|Although|Amid|As|At|Because|Before|By|Despite|During|Following|For|If|In|On|Once|Since|Though|Under|Until|When|While|With|Without)\b[^,]{0,100},\s+",
    )
});

/// Drop a lead-in clause when the main clause after it can stand alone.
fn remove_lead_in(s: &str) -> String {
    match LEAD_IN.find(s) {
        Some(m) if s[m.end()..].split_whitespace().count() >= 5 => s[m.end()..].to_string(),
        _ => s.to_string(),
    }
}

fn remove_trailing_attribution(s: &str) -> String {
    let mut s = strip_terminal_punctuation(s);
    for pattern in TRAILING_ATTRIBUTION.iter() {
        if let Some(m) = pattern.find(&s) {
            if s[..m.start()].split_whitespace().count() >= 4 {
                s.truncate(m.start());
            }
        }
    }
    s
}

fn strip_terminal_punctuation(s: &str) -> String {
    s.trim_end()
        .trim_end_matches(['.', '!', ';', ':', ',', ' '])
        .to_string()
}

/// One space between words, none before punctuation, no stray commas at the ends.
fn tidy(s: &str) -> String {
    let joined = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(joined.len());
    for c in joined.chars() {
        if matches!(c, ',' | '.' | ';' | ':') && out.ends_with(' ') {
            out.pop();
        }
        if c == ',' && out.ends_with(',') {
            continue;
        }
        out.push(c);
    }
    out.trim_matches(|c: char| c == ',' || c.is_whitespace())
        .to_string()
}

/// Words a headline should not end on.
const DANGLING: &[&str] = &[
    "a", "about", "after", "against", "among", "an", "and", "are", "as", "at", "be", "been",
    "before", "being", "between", "both", "but", "by", "can", "could", "during", "either", "for",
    "from", "had", "has", "have", "her", "his", "if", "in", "into", "is", "its", "may", "might",
    "more", "most", "must", "my", "no", "not", "of", "on", "onto", "or", "our", "over", "shall",
    "should", "so", "such", "than", "that", "the", "their", "these", "this", "those", "through",
    "to", "towards", "under", "upon", "very", "was", "were", "when", "where", "whether", "which",
    "while", "who", "will", "with", "without", "would", "your",
];

/// Words before which a clause can end: conjunctions and subordinators first,
/// prepositions as a weaker fallback.
const CLAUSE_STARTERS: &[&str] = &[
    "after",
    "although",
    "amid",
    "as",
    "because",
    "before",
    "but",
    "despite",
    "following",
    "since",
    "though",
    "until",
    "when",
    "where",
    "whereas",
    "which",
    "while",
    "who",
    "with",
];
/// "and" joins clauses when a verb or a pronoun follows it, and noun phrases otherwise
/// ("between Britain and the US"): only the first is a place to cut.
const CLAUSAL_AFTER_AND: &[&str] = &[
    "can", "could", "had", "has", "have", "he", "i", "is", "it", "must", "she", "should", "they",
    "was", "we", "were", "will", "would",
];
/// Weaker places to cut: before a preposition or a "that" clause.
const WEAK_BOUNDARIES: &[&str] = &[
    "at", "for", "from", "in", "into", "on", "over", "that", "to",
];

/// After "and": a verb (an auxiliary, or a past tense such as "promised") or a pronoun.
fn clause_follows(word: &str) -> bool {
    CLAUSAL_AFTER_AND.contains(&word) || (word.len() > 4 && word.ends_with("ed"))
}

/// At most `max` words, cut at a clause boundary when one leaves at least 4 words.
fn shorten(s: &str, max: usize) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.len() <= max {
        return strip_dangling(&words);
    }
    let lower = |k: usize| words.get(k).map(|w| w.to_lowercase()).unwrap_or_default();
    let boundary = |k: usize, starters: &[&str]| {
        let next = lower(k);
        words[k - 1].ends_with([',', ';', ':'])
            || starters.contains(&next.as_str())
            || (next == "and" && clause_follows(&lower(k + 1)))
    };
    let cut = (4..=max)
        .rev()
        .find(|&k| boundary(k, CLAUSE_STARTERS))
        .or_else(|| (4..=max).rev().find(|&k| boundary(k, WEAK_BOUNDARIES)))
        .unwrap_or(max);
    strip_dangling(&words[..cut])
}

fn strip_dangling(words: &[&str]) -> String {
    let mut end = words.len();
    while end > 1 {
        let w = words[end - 1].trim_end_matches([',', ';', ':']);
        if DANGLING.contains(&w.to_lowercase().as_str()) {
            end -= 1;
        } else {
            break;
        }
    }
    let joined = words[..end].join(" ");
    joined.trim_end_matches([',', ';', ':', '.']).to_string()
}

fn capitalise_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Severity;

    fn headline_of(sentence: &str) -> Option<String> {
        compress(sentence, Span::new(0, sentence.len()), &[])
    }

    fn loaded(text: &str, word: &str, alternatives: &[&str]) -> Finding {
        let start = text.find(word).unwrap();
        Finding {
            rule: "loaded-language",
            category: None,
            severity: Severity::Warning,
            message: "".into(),
            span: Span::new(start, start + word.len()),
            explanation: "".into(),
            alternatives: alternatives.iter().map(|s| s.to_string()).collect(),
            fixes: Default::default(),
            related: Vec::new(),
        }
    }

    #[test]
    fn drops_time_phrases_trailing_attribution_and_asides() {
        assert_eq!(
            headline_of(
                "The town council approved the new bridge on Tuesday, \
                 a spokeswoman for the mayor said."
            )
            .as_deref(),
            Some("The town council approved the new bridge")
        );
        assert_eq!(
            headline_of(
                "Mara Voss, 41, a ferry pilot from Lowmouth, rescued two swimmers \
                 last week (both were unhurt)."
            )
            .as_deref(),
            Some("Mara Voss rescued two swimmers")
        );
        assert_eq!(
            headline_of(
                "The orchard co-operative will close its cider press - the last in \
                 the county - after a poor harvest, according to its members."
            )
            .as_deref(),
            Some("The orchard co-operative will close its cider press after a poor harvest")
        );
    }

    #[test]
    fn keeps_at_most_twelve_words_and_cuts_at_a_clause() {
        let h = headline_of(
            "Volunteers repainted the harbour wall and planted forty trees along the \
             promenade while the council debated who should pay for the work.",
        )
        .unwrap();
        assert!(h.split_whitespace().count() <= MAX_WORDS, "{h}");
        // Cut before "while", the last clause boundary within 12 words.
        assert_eq!(
            h,
            "Volunteers repainted the harbour wall and planted forty trees along the promenade"
        );
    }

    #[test]
    fn loaded_words_are_replaced_or_removed() {
        let text = "An infamous developer slammed the brutal new planning rules.";
        let findings = [
            loaded(text, "infamous", &[]),
            loaded(text, "slammed", &["criticised"]),
            loaded(text, "brutal", &[]),
        ];
        let h = compress(text, Span::new(0, text.len()), &findings).unwrap();
        assert_eq!(h, "A developer criticised the new planning rules");
    }

    #[test]
    fn a_lead_in_clause_is_dropped_but_not_a_gerund_subject() {
        assert_eq!(
            headline_of("With the storm over, fishermen returned to the harbour at dawn.")
                .as_deref(),
            Some("Fishermen returned to the harbour at dawn")
        );
        assert_eq!(
            headline_of("Shelling resumed in the river town, three weeks after the truce.")
                .as_deref(),
            Some("Shelling resumed in the river town, three weeks after the truce")
        );
    }

    #[test]
    fn dateline_is_dropped() {
        assert_eq!(
            headline_of("LOWMOUTH -- Fishermen returned to the harbour after the storm passed.")
                .as_deref(),
            Some("Fishermen returned to the harbour after the storm passed")
        );
    }
}
