//! What a statement is about and what rides on it: the facts the single-source
//! judgement weighs across the whole story.
//!
//! Computed once when a sentence is read (and cached with its piece), so that a
//! judgement over every statement of the draft costs no text scan per edit.

use crate::lexicon::attribution::CueClass;
use std::borrow::Cow;

/// What rides on a statement.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stakes {
    /// An account, a view, a figure.
    #[default]
    Plain,
    /// An accusation or a harm someone says was done: it needs more than one voice
    /// ("alleges", "accused", "said he was beaten", "claims guards locked him up").
    Grave,
}

/// The facts about one statement.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Claim {
    /// Stems of the content words, sorted and unique: what the statement is about.
    pub topic: Vec<u32>,
    pub stakes: Stakes,
    /// A reply to an accusation: a denial, a rebuttal, "did not respond".
    pub answers: bool,
    /// Not said but imagined, due or wished: "someone can explain", "will accuse",
    /// "as though someone had told me", "is expected to claim".
    pub hypothetical: bool,
}

impl Claim {
    /// Reads a statement: its cue's words and class, what was said, and the words of
    /// its sentence before the cue.
    pub fn read(cue: Option<&str>, class: CueClass, content: &str, before_cue: &str) -> Claim {
        let cue_word = cue.and_then(|c| words(c).next()).unwrap_or_default();
        let words: Vec<Word> = words(content).collect();
        let stakes = if is_accusing(&cue_word)
            || (class == CueClass::Contested && mentions_wrongdoing(&words))
            || (class == CueClass::Report && done_to_the_speaker(&words))
        {
            Stakes::Grave
        } else {
            Stakes::Plain
        };
        Claim {
            topic: topic(&words),
            stakes,
            answers: class == CueClass::NoComment || is_answering(&cue_word),
            hypothetical: cue.is_some() && is_hypothetical(before_cue),
        }
    }

    /// A statement known only by its words (a quote carried on from an attribution).
    pub fn read_text(class: CueClass, content: &str) -> Claim {
        Claim::read(None, class, content, "")
    }

    /// How many topic stems two statements share.
    pub fn shared(&self, other: &Claim) -> usize {
        let (mut i, mut j, mut n) = (0, 0, 0);
        while i < self.topic.len() && j < other.topic.len() {
            match self.topic[i].cmp(&other.topic[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => (i, j, n) = (i + 1, j + 1, n + 1),
            }
        }
        n
    }
}

/// A word as the claim reader sees it: borrowed where the text already has that form.
type Word<'a> = Cow<'a, str>;

/// Lower-case words, curly apostrophes straightened.
fn words(text: &str) -> impl Iterator<Item = Word<'_>> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}'))
        .map(|w| w.trim_matches(['\'', '\u{2019}']))
        .filter(|w| !w.is_empty())
        .map(|w| {
            if w.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'\'')
            {
                Cow::Borrowed(w)
            } else {
                Cow::Owned(w.to_lowercase().replace('\u{2019}', "'"))
            }
        })
}

/// The stems of the content words, hashed. Short and common words carry no topic.
fn topic(words: &[Word]) -> Vec<u32> {
    let mut stems: Vec<u32> = words
        .iter()
        .filter(|w| w.chars().count() >= 4 && !is_common(w))
        .map(|w| fnv(stem(w).as_bytes()))
        .collect();
    stems.sort_unstable();
    stems.dedup();
    stems
}

/// A rough stem: an inflection off, then the first five letters, so "guards" and
/// "guard", "beating" and "beaten" and "beat" meet.
fn stem(word: &str) -> &str {
    let bare = ["ings", "ing", "edly", "ed", "es", "en", "s"]
        .iter()
        .find_map(|suffix| word.strip_suffix(suffix).filter(|b| b.chars().count() >= 4))
        .unwrap_or(word);
    let end = bare.char_indices().nth(5).map_or(bare.len(), |(at, _)| at);
    &bare[..end]
}

fn fnv(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5, |h: u32, &b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

/// Words too common in news to say what a statement is about.
fn is_common(w: &str) -> bool {
    matches!(
        w,
        "that"
            | "this"
            | "these"
            | "those"
            | "with"
            | "from"
            | "have"
            | "were"
            | "been"
            | "being"
            | "they"
            | "their"
            | "them"
            | "there"
            | "then"
            | "than"
            | "about"
            | "would"
            | "could"
            | "should"
            | "said"
            | "says"
            | "told"
            | "also"
            | "when"
            | "what"
            | "which"
            | "while"
            | "will"
            | "into"
            | "after"
            | "before"
            | "other"
            | "some"
            | "more"
            | "most"
            | "only"
            | "over"
            | "just"
            | "very"
            | "like"
            | "people"
            | "year"
            | "years"
            | "time"
            | "because"
            | "where"
            | "whether"
            | "does"
            | "doing"
            | "done"
            | "make"
            | "made"
            | "many"
            | "much"
            | "even"
            | "still"
            | "there's"
            | "it's"
    )
}

/// A modal, an infinitive "to" or a conditional just before the cue: the statement
/// is not reported as made ("can explain", "is expected to claim", "as if someone said").
fn is_hypothetical(before_cue: &str) -> bool {
    let words: Vec<Word> = words(before_cue).collect();
    let near = &words[words.len().saturating_sub(3)..];
    let adverb = |w: &str| w.ends_with("ly") || matches!(w, "not" | "never" | "also" | "then");
    // The word that governs the cue: skip adverbs ("had plausibly told").
    let governing = near.iter().rev().find(|w| !adverb(w));
    let modal = governing.is_some_and(|w| {
        matches!(
            w.as_ref(),
            "can"
                | "could"
                | "would"
                | "might"
                | "may"
                | "should"
                | "must"
                | "will"
                | "shall"
                | "to"
                | "ca"
                | "wo"
        )
    });
    let conditional = near.iter().any(|w| matches!(w.as_ref(), "if" | "unless"));
    // "as though someone had told me", "as if anyone said so": a comparison, not a report.
    let wider = &words[words.len().saturating_sub(5)..];
    let comparison = wider
        .windows(2)
        .any(|p| p[0] == "as" && matches!(p[1].as_ref(), "if" | "though"));
    modal || conditional || comparison
}

/// "accuses", "alleged", "blamed": the cue itself is an accusation.
fn is_accusing(cue_word: &str) -> bool {
    ["accus", "alleg", "blame", "blami"]
        .iter()
        .any(|s| cue_word.starts_with(s))
}

/// "denied", "rejects", "disputed", "responded": the cue answers someone.
fn is_answering(cue_word: &str) -> bool {
    [
        "deny", "denie", "denyi", "reject", "disput", "refut", "rebut", "respond", "repl",
        "counter", "dismiss", "contest",
    ]
    .iter()
    .any(|s| cue_word.starts_with(s))
}

/// "claims guards locked him up", "insists the vote was rigged": a disputed claim of
/// harm or wrongdoing, not of wealth or of a plan.
fn mentions_wrongdoing(words: &[Word]) -> bool {
    words.iter().any(|w| is_harm(w) || is_wrongdoing(w))
}

/// "said he was beaten", "says they had been held": what the speaker says was done to
/// them (a pronoun, a passive, a harm). "said he was inspired" is not a harm.
fn done_to_the_speaker(words: &[Word]) -> bool {
    words.windows(2).enumerate().any(|(i, pair)| {
        let pronoun = matches!(pair[0].as_ref(), "he" | "she" | "they" | "i" | "we");
        let passive = matches!(
            pair[1].as_ref(),
            "was" | "were" | "had" | "has" | "have" | "got"
        );
        pronoun
            && passive
            && words[i + 2..]
                .iter()
                .take(4)
                .filter(|w| {
                    !matches!(
                        w.as_ref(),
                        "been"
                            | "being"
                            | "repeatedly"
                            | "also"
                            | "allegedly"
                            | "then"
                            | "later"
                            | "brutally"
                    )
                })
                .take(2)
                .any(|w| is_harm(w))
    })
}

/// A harm done to someone, as a past form or participle.
fn is_harm(w: &str) -> bool {
    matches!(
        w,
        "beaten"
            | "beat"
            | "detained"
            | "threatened"
            | "locked"
            | "defrauded"
            | "tortured"
            | "abused"
            | "assaulted"
            | "attacked"
            | "arrested"
            | "imprisoned"
            | "jailed"
            | "held"
            | "kidnapped"
            | "kidnaped"
            | "abducted"
            | "raped"
            | "harassed"
            | "intimidated"
            | "robbed"
            | "shot"
            | "stabbed"
            | "injured"
            | "wounded"
            | "punched"
            | "kicked"
            | "slapped"
            | "whipped"
            | "starved"
            | "coerced"
            | "blackmailed"
            | "extorted"
            | "deceived"
            | "misled"
            | "cheated"
            | "scammed"
            | "mistreated"
            | "deported"
            | "persecuted"
            | "poisoned"
            | "drugged"
            | "molested"
            | "exploited"
            | "trafficked"
            | "enslaved"
            | "bullied"
            | "humiliated"
            | "fired"
            | "sacked"
            | "interrogated"
            | "handcuffed"
            | "shackled"
            | "framed"
            | "stalked"
            | "strangled"
            | "choked"
            | "burned"
            | "electrocuted"
            | "hanged"
            | "executed"
            | "killed"
            | "murdered"
            | "evicted"
            | "expelled"
            | "silenced"
            | "censored"
            | "punished"
            | "discriminated"
            | "smeared"
            | "spied"
            | "groped"
            | "forced"
            | "overcharged"
    )
}

/// Words of wrongdoing that make a disputed claim an accusation.
fn is_wrongdoing(w: &str) -> bool {
    matches!(
        w,
        "fraud"
            | "fraudulent"
            | "corrupt"
            | "corruption"
            | "bribe"
            | "bribes"
            | "bribery"
            | "lied"
            | "lies"
            | "lying"
            | "stole"
            | "stolen"
            | "theft"
            | "rigged"
            | "cover-up"
            | "covered"
            | "abuse"
            | "torture"
            | "rape"
            | "assault"
            | "murder"
            | "crime"
            | "crimes"
            | "criminal"
            | "illegal"
            | "illegally"
            | "unlawful"
            | "unlawfully"
            | "embezzled"
            | "embezzlement"
            | "laundering"
            | "colluded"
            | "collusion"
            | "conspired"
            | "conspiracy"
            | "genocide"
            | "massacre"
            | "misconduct"
            | "wrongdoing"
            | "violated"
            | "violation"
            | "violations"
            | "smuggled"
            | "smuggling"
            | "trafficking"
            | "extortion"
            | "blackmail"
            | "harassment"
            | "discrimination"
            | "racist"
            | "negligence"
            | "negligent"
            | "retaliation"
            | "retaliated"
            | "persecution"
            | "intimidation"
            | "cheating"
            | "kickbacks"
            | "perjury"
            | "obstruction"
            | "misused"
            | "misuse"
            | "sabotage"
            | "sabotaged"
            | "war crimes"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stakes(cue: &str, class: CueClass, content: &str) -> Stakes {
        Claim::read(Some(cue), class, content, "").stakes
    }

    #[test]
    fn accusations_and_harms_are_grave() {
        let c = CueClass::Contested;
        assert_eq!(stakes("alleges", c, "the mayor took bribes"), Stakes::Grave);
        assert_eq!(stakes("accused", c, "him of lying"), Stakes::Grave);
        assert_eq!(
            stakes("claims", c, "his superiors locked him in a pit"),
            Stakes::Grave
        );
        assert_eq!(stakes("insists", c, "the vote was rigged"), Stakes::Grave);
        let r = CueClass::Report;
        assert_eq!(stakes("said", r, "he was beaten by guards"), Stakes::Grave);
        assert_eq!(
            stakes("says", r, "she had been repeatedly threatened"),
            Stakes::Grave
        );
        assert_eq!(
            stakes("said", r, "they were detained for a week"),
            Stakes::Grave
        );
    }

    #[test]
    fn views_plans_and_kindnesses_are_plain() {
        let c = CueClass::Contested;
        assert_eq!(stakes("claimed", c, "vast wealth"), Stakes::Plain);
        assert_eq!(
            stakes("claims", c, "the plan will save money"),
            Stakes::Plain
        );
        let r = CueClass::Report;
        assert_eq!(
            stakes("said", r, "she was inspired to sign up"),
            Stakes::Plain
        );
        assert_eq!(
            stakes("said", r, "they were informed on Monday"),
            Stakes::Plain
        );
        assert_eq!(
            stakes("said", r, "he had learned the trade from his father"),
            Stakes::Plain
        );
        assert_eq!(
            stakes("said", r, "guards beat the prisoners"),
            Stakes::Plain
        );
    }

    #[test]
    fn answers_are_denials_and_silences() {
        let deny = Claim::read(
            Some("denied"),
            CueClass::Report,
            "the accusation",
            "The mayor",
        );
        assert!(deny.answers);
        let silent = Claim::read(
            Some("did not respond"),
            CueClass::NoComment,
            "",
            "The mayor",
        );
        assert!(silent.answers);
        assert!(!Claim::read(Some("said"), CueClass::Report, "it rained", "She").answers);
    }

    #[test]
    fn imagined_statements_are_not_made() {
        let said =
            |before: &str| Claim::read(Some("said"), CueClass::Report, "x", before).hypothetical;
        assert!(said("And perhaps someone can"));
        assert!(said("It was as though someone had plausibly"));
        assert!(said("The senator is expected to"));
        assert!(said("The mayor will not"));
        assert!(!said("The mayor"));
        assert!(!said("The mayor has repeatedly"));
        assert!(!said("The mayor, who can be blunt,"));
        assert!(!said("If elected, the senator"));
    }

    #[test]
    fn topics_meet_on_shared_stems() {
        let a = Claim::read_text(CueClass::Report, "Guards beat the prisoners at the camp.");
        let b = Claim::read_text(CueClass::Report, "A guard described beating prisoners.");
        assert_eq!(a.shared(&b), 3, "guard(s), beat(ing), prisoner(s)");
        let c = Claim::read_text(CueClass::Report, "He saw them being beaten.");
        assert_eq!(a.shared(&c), 1, "beat, beaten");
        let d = Claim::read_text(CueClass::Report, "The weather was fine.");
        assert_eq!(a.shared(&d), 0);
    }
}
