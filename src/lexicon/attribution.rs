//! Attribution lexicons: reporting cues, source head nouns, honorifics, anonymity
//! phrases, agentless passives, sourceless phrases and corroboration phrases.
//!
//! The words live in `src/lexicon/attribution/*.tsv` (see the README there for
//! format and provenance); this module parses them once, on first use.

use super::phrases::WordFilter;
use rustc_hash::FxBuildHasher;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

// Word keys are hashed with FxHash: the lexicon is fixed data, so SipHash's
// protection against crafted keys buys nothing here, and a look-up per token adds up.
type WordMap<K, V> = HashMap<K, V, FxBuildHasher>;
type WordSet = HashSet<String, FxBuildHasher>;

/// What a reporting cue says about the statement it introduces.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CueClass {
    /// Neutral speech or writing: say, tell, write, according to.
    Report,
    /// The verb marks the claim as disputed: claim, allege, accuse, insist.
    Contested,
    /// A stated belief, hope or fear: believe, think, fear.
    Belief,
    /// What a document or data set shows: show, find, indicate.
    Evidence,
    /// A spoken evaluation or demand: criticise, praise, urge, reject.
    Stance,
    /// A wish, plan or action on a position: want, refuse, support, endorse.
    Intent,
    /// Declining to speak: "declined to comment", "did not respond". Attributed, not a statement.
    NoComment,
    /// No verb: a link, footnote or named document carries the attribution.
    Citation,
}

impl CueClass {
    pub fn as_str(self) -> &'static str {
        match self {
            CueClass::Report => "report",
            CueClass::Contested => "contested",
            CueClass::Belief => "belief",
            CueClass::Evidence => "evidence",
            CueClass::Stance => "stance",
            CueClass::Intent => "intent",
            CueClass::NoComment => "no-comment",
            CueClass::Citation => "citation",
        }
    }
}

/// How much context a cue needs before it counts as reporting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CueFrame {
    /// A subject before the verb is enough.
    Strong,
    /// The word has common non-reporting senses; it needs a reporting frame.
    Weak,
    /// The source follows the cue: "according to the ministry".
    SourceAfter,
    /// An occasion ("in a statement") that marks a statement when no verb does.
    Setting,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CueEntry {
    pub class: CueClass,
    pub frame: CueFrame,
    /// The first form on the data line, for messages ("say").
    pub lemma: String,
}

/// The kind of noun that heads a source mention.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HeadClass {
    Role,
    Anonymous,
    Vague,
    Organisation,
    Document,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Number {
    Singular,
    Plural,
}

/// Grammatical gender, recorded only where a title or noun states it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Gender {
    Male,
    Female,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HeadEntry {
    pub class: HeadClass,
    pub number: Number,
    pub gender: Option<Gender>,
}

/// What a sourceless phrase gestures at; the names are unattributed-claim categories.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SourcelessCategory {
    AgentlessPassive,
    CommonKnowledge,
    VagueSource,
    UncitedEvidence,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Corroboration {
    /// A second check backs the claim ("independently verified").
    Corroborated,
    /// The writer notes it could not be checked ("could not independently verify").
    Unverified,
}

/// Multi-word phrases keyed by their first word; the longest match wins.
#[derive(Debug)]
pub struct PhraseTable<T> {
    by_first: WordMap<String, Phrases<T>>,
    /// The keys of `by_first`: most words are turned away without hashing.
    firsts: WordFilter,
}

/// The phrases that start with one word. Some words start dozens of phrases ("was",
/// "is", "in"), so longer phrases are found by their second word, not by a scan.
#[derive(Debug)]
struct Phrases<T> {
    /// The one-word phrase: the first word alone.
    single: Option<T>,
    /// Phrases of two or more words by their second word, each list longest first.
    by_second: WordMap<String, Vec<(Vec<String>, T)>>,
}

impl<T> Default for Phrases<T> {
    fn default() -> Self {
        Phrases {
            single: None,
            by_second: WordMap::default(),
        }
    }
}

impl<T> Default for PhraseTable<T> {
    fn default() -> Self {
        PhraseTable {
            by_first: WordMap::default(),
            firsts: WordFilter::default(),
        }
    }
}

impl<T> PhraseTable<T> {
    fn insert(&mut self, phrase: &str, value: T) {
        let words = phrase_words(phrase);
        let Some(first) = words.first().cloned() else {
            return;
        };
        self.firsts.insert(&first);
        let phrases = self.by_first.entry(first).or_default();
        // First entry wins: the data files list the preferred reading first.
        let Some(second) = words.get(1).cloned() else {
            phrases.single.get_or_insert(value);
            return;
        };
        let list = phrases.by_second.entry(second).or_default();
        if list.iter().any(|(w, _)| *w == words) {
            return;
        }
        list.push((words, value));
        list.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    }

    /// The longest phrase starting at `words[start]`, as (number of words, value).
    /// `words` are normalised token texts; punctuation tokens never match a word.
    pub fn longest_match<S: AsRef<str>>(&self, words: &[S], start: usize) -> Option<(usize, &T)> {
        let first = words.get(start)?.as_ref();
        if !self.firsts.may_contain(first) {
            return None;
        }
        let phrases = self.by_first.get(first)?;
        // Every candidate's first two words are the keys that found it: only the rest
        // is compared. A one-word phrase is shorter than any of them, so it comes last.
        let longer = words
            .get(start + 1)
            .filter(|_| !phrases.by_second.is_empty())
            .and_then(|second| phrases.by_second.get(second.as_ref()))
            .and_then(|candidates| {
                candidates.iter().find_map(|(phrase, value)| {
                    let fits = phrase.len() <= words.len() - start
                        && phrase[2..]
                            .iter()
                            .zip(&words[start + 2..])
                            .all(|(p, w)| p == w.as_ref());
                    fits.then_some((phrase.len(), value))
                })
            });
        longer.or_else(|| phrases.single.as_ref().map(|value| (1, value)))
    }

    /// True when `word` (normalised) begins any phrase.
    pub fn starts_with(&self, word: &str) -> bool {
        self.firsts.may_contain(word) && self.by_first.contains_key(word)
    }
}

/// Every attribution list, parsed.
#[derive(Debug, Default)]
pub struct AttributionLexicon {
    pub cues: PhraseTable<CueEntry>,
    pub heads: PhraseTable<HeadEntry>,
    pub honorifics: PhraseTable<Option<Gender>>,
    pub anonymity: PhraseTable<()>,
    /// Participle -> counts without a hedge ("believed": true; "seen": false).
    pub passives: WordMap<String, bool>,
    pub sourceless: PhraseTable<SourcelessCategory>,
    pub corroboration: PhraseTable<Corroboration>,
    /// Cue forms that are also nouns or adjectives ("the claims", "media reports").
    pub homographs: WordSet,
    /// Nouns that name a statement or stance ("Trump's claim", "her remarks").
    pub nouns: PhraseTable<CueClass>,
}

const CUES: &str = include_str!("attribution/cues.tsv");
const HEADS: &str = include_str!("attribution/heads.tsv");
const HONORIFICS: &str = include_str!("attribution/honorifics.tsv");
const ANONYMITY: &str = include_str!("attribution/anonymity.tsv");
const PASSIVES: &str = include_str!("attribution/passives.tsv");
const SOURCELESS: &str = include_str!("attribution/sourceless.tsv");
const CORROBORATION: &str = include_str!("attribution/corroboration.tsv");
const HOMOGRAPHS: &str = include_str!("attribution/homographs.tsv");
const NOUNS: &str = include_str!("attribution/nouns.tsv");

/// The attribution lexicon, parsed on first use.
pub fn lexicon() -> &'static AttributionLexicon {
    static LEXICON: OnceLock<AttributionLexicon> = OnceLock::new();
    LEXICON.get_or_init(|| parse().unwrap_or_else(|e| panic!("attribution lexicon: {e}")))
}

/// Normalise a phrase the way the tokenizer normalises text: lower case, straight
/// apostrophes, "'s" split off as its own token, abbreviation dots dropped.
pub fn phrase_words(phrase: &str) -> Vec<String> {
    let mut out = Vec::new();
    for raw in phrase.split_whitespace() {
        let mut w = raw.to_lowercase().replace('’', "'");
        if w.len() > 1 && w.ends_with('.') {
            w.pop();
        }
        if let Some(stem) = w.strip_suffix("'s") {
            if !stem.is_empty() {
                out.push(stem.to_string());
                out.push("'s".to_string());
                continue;
            }
        }
        out.push(w);
    }
    out
}

fn rows(data: &'static str) -> impl Iterator<Item = (usize, Vec<&'static str>)> {
    data.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| (i + 1, l.split('\t').map(str::trim).collect()))
}

fn forms(field: &str) -> impl Iterator<Item = &str> {
    field.split('|').map(str::trim).filter(|f| !f.is_empty())
}

fn parse() -> Result<AttributionLexicon, String> {
    let mut lex = AttributionLexicon::default();
    for (line, cols) in rows(CUES) {
        let [class, frame, list] = cols[..] else {
            return Err(format!("cues.tsv:{line}: expected 3 columns"));
        };
        let class = parse_class(class).map_err(|e| format!("cues.tsv:{line}: {e}"))?;
        let frame = match frame {
            "strong" => CueFrame::Strong,
            "weak" => CueFrame::Weak,
            "source-after" => CueFrame::SourceAfter,
            "setting" => CueFrame::Setting,
            other => return Err(format!("cues.tsv:{line}: unknown frame {other}")),
        };
        // "=claim|claimed|claiming": the base form names the line but is not itself a cue.
        let lemma = forms(list)
            .next()
            .unwrap_or_default()
            .trim_start_matches('=')
            .to_string();
        for form in forms(list).filter(|f| !f.starts_with('=')) {
            lex.cues.insert(
                form,
                CueEntry {
                    class,
                    frame,
                    lemma: lemma.clone(),
                },
            );
        }
    }
    for (line, cols) in rows(HEADS) {
        let [class, number, gender, list] = cols[..] else {
            return Err(format!("heads.tsv:{line}: expected 4 columns"));
        };
        let class = match class {
            "role" => HeadClass::Role,
            "anonymous" => HeadClass::Anonymous,
            "vague" => HeadClass::Vague,
            "organisation" => HeadClass::Organisation,
            "document" => HeadClass::Document,
            other => return Err(format!("heads.tsv:{line}: unknown class {other}")),
        };
        let number = match number {
            "sg" => Number::Singular,
            "pl" => Number::Plural,
            other => return Err(format!("heads.tsv:{line}: unknown number {other}")),
        };
        let gender = parse_gender(gender).map_err(|e| format!("heads.tsv:{line}: {e}"))?;
        for form in forms(list) {
            lex.heads.insert(
                form,
                HeadEntry {
                    class,
                    number,
                    gender,
                },
            );
        }
    }
    for (line, cols) in rows(HONORIFICS) {
        let [gender, list] = cols[..] else {
            return Err(format!("honorifics.tsv:{line}: expected 2 columns"));
        };
        let gender = parse_gender(gender).map_err(|e| format!("honorifics.tsv:{line}: {e}"))?;
        for form in forms(list) {
            lex.honorifics.insert(form, gender);
        }
    }
    for (_, cols) in rows(ANONYMITY) {
        lex.anonymity.insert(cols[0], ());
    }
    for (line, cols) in rows(NOUNS) {
        let [class, list] = cols[..] else {
            return Err(format!("nouns.tsv:{line}: expected 2 columns"));
        };
        let class = parse_class(class).map_err(|e| format!("nouns.tsv:{line}: {e}"))?;
        for form in forms(list) {
            lex.nouns.insert(form, class);
        }
    }
    for (_, cols) in rows(HOMOGRAPHS) {
        lex.homographs.insert(cols[0].to_lowercase());
    }
    for (line, cols) in rows(PASSIVES) {
        let [participle, strength] = cols[..] else {
            return Err(format!("passives.tsv:{line}: expected 2 columns"));
        };
        let core = match strength {
            "core" => true,
            "hedged" => false,
            other => return Err(format!("passives.tsv:{line}: unknown strength {other}")),
        };
        lex.passives.insert(participle.to_lowercase(), core);
    }
    for (line, cols) in rows(SOURCELESS) {
        let [category, phrase] = cols[..] else {
            return Err(format!("sourceless.tsv:{line}: expected 2 columns"));
        };
        let category = match category {
            "agentless-passive" => SourcelessCategory::AgentlessPassive,
            "common-knowledge" => SourcelessCategory::CommonKnowledge,
            "vague-source" => SourcelessCategory::VagueSource,
            "uncited-evidence" => SourcelessCategory::UncitedEvidence,
            other => return Err(format!("sourceless.tsv:{line}: unknown category {other}")),
        };
        lex.sourceless.insert(phrase, category);
    }
    for (line, cols) in rows(CORROBORATION) {
        let [class, phrase] = cols[..] else {
            return Err(format!("corroboration.tsv:{line}: expected 2 columns"));
        };
        let class = match class {
            "corroborated" => Corroboration::Corroborated,
            "unverified" => Corroboration::Unverified,
            other => return Err(format!("corroboration.tsv:{line}: unknown class {other}")),
        };
        lex.corroboration.insert(phrase, class);
    }
    Ok(lex)
}

fn parse_class(field: &str) -> Result<CueClass, String> {
    match field {
        "report" => Ok(CueClass::Report),
        "contested" => Ok(CueClass::Contested),
        "belief" => Ok(CueClass::Belief),
        "evidence" => Ok(CueClass::Evidence),
        "stance" => Ok(CueClass::Stance),
        "intent" => Ok(CueClass::Intent),
        "no-comment" => Ok(CueClass::NoComment),
        other => Err(format!("unknown class {other}")),
    }
}

fn parse_gender(field: &str) -> Result<Option<Gender>, String> {
    match field {
        "m" => Ok(Some(Gender::Male)),
        "f" => Ok(Some(Gender::Female)),
        "-" => Ok(None),
        other => Err(format!("unknown gender {other}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        phrase_words(s)
    }

    #[test]
    fn data_files_parse() {
        let lex = parse().expect("lexicon parses");
        assert!(lex.cues.starts_with("said"));
        assert_eq!(lex.passives.get("believed"), Some(&true));
        assert_eq!(lex.passives.get("seen"), Some(&false));
    }

    #[test]
    fn longest_cue_wins() {
        let lex = lexicon();
        let w = words("according to the ministry");
        let (len, entry) = lex.cues.longest_match(&w, 0).unwrap();
        assert_eq!(len, 2);
        assert_eq!(entry.frame, CueFrame::SourceAfter);
        let w = words("pointed out that");
        assert_eq!(lex.cues.longest_match(&w, 0).unwrap().0, 2);
    }

    #[test]
    fn possessive_phrases_split_like_the_tokenizer() {
        assert_eq!(words("Prosecutor’s Office"), ["prosecutor", "'s", "office"]);
        assert_eq!(words("Mr."), ["mr"]);
    }

    #[test]
    fn heads_have_one_class_each() {
        // The first listing wins; a second listing with another class is a data bug.
        let mut seen: HashMap<Vec<String>, HeadClass> = HashMap::new();
        for (line, cols) in rows(HEADS) {
            for form in forms(cols[3]) {
                let class = cols[0];
                let key = phrase_words(form);
                let parsed = lexicon().heads.longest_match(&key, 0).unwrap().1.class;
                if let Some(prev) = seen.insert(key, parsed) {
                    assert_eq!(
                        prev, parsed,
                        "heads.tsv:{line}: {form} ({class}) listed twice"
                    );
                }
            }
        }
    }
}
