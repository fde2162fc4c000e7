//! The loaded-language lexicon: data files under `loaded/`, one per category.
//!
//! Each file names where its list came from and under which licence, sets
//! defaults for its entries, and lists entries in two interchangeable shapes:
//! one-line inline tables under `entries = [...]`, and `[[entry]]` tables for
//! entries with long context guards. See `loaded/README.md` for the schema.

use super::inflect::{inflect, Form};
use super::phrases::{phrase_words, PhraseIndex, Token};
use crate::config::LexiconEntry;
use crate::nlp::tags::Upos;
use serde::{Deserialize, Serialize};
use std::sync::{Arc, Mutex, OnceLock};

/// The data files, embedded at build time: (file name, contents).
const FILES: &[(&str, &str)] = &[
    (
        "pejorative-label.toml",
        include_str!("loaded/pejorative-label.toml"),
    ),
    (
        "emotionally-charged.toml",
        include_str!("loaded/emotionally-charged.toml"),
    ),
    ("intensifier.toml", include_str!("loaded/intensifier.toml")),
    ("hyperbole.toml", include_str!("loaded/hyperbole.toml")),
    ("puffery.toml", include_str!("loaded/puffery.toml")),
    (
        "loaded-verb-of-saying.toml",
        include_str!("loaded/loaded-verb-of-saying.toml"),
    ),
    ("evaluative.toml", include_str!("loaded/evaluative.toml")),
    ("insinuation.toml", include_str!("loaded/insinuation.toml")),
    (
        "doubt-casting-verb.toml",
        include_str!("loaded/doubt-casting-verb.toml"),
    ),
];

/// What kind of loaded wording an entry is. The kebab-case id is what findings
/// and `.truthlens.toml` use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    PejorativeLabel,
    EmotionallyCharged,
    Intensifier,
    Hyperbole,
    Puffery,
    LoadedVerbOfSaying,
    /// Hints at bad faith or falsehood without showing it: "conveniently",
    /// "supposedly", "so-called".
    Insinuation,
    /// Attribution verbs that cast doubt or imply guilt ("claimed",
    /// "admitted"): reported in a speech frame only, at info severity.
    DoubtCastingVerb,
    /// A word or short phrase in quotation marks with no speaker: the
    /// writer's irony. Found by the rule from the quotes, not from a list.
    ScareQuote,
    /// A plain judgement ("dangerous", "important"): never reported alone,
    /// only when an intensifier boosts it ("extremely dangerous").
    Evaluative,
}

impl Category {
    pub const REPORTED: [Category; 9] = [
        Category::PejorativeLabel,
        Category::EmotionallyCharged,
        Category::Intensifier,
        Category::Hyperbole,
        Category::Puffery,
        Category::LoadedVerbOfSaying,
        Category::Insinuation,
        Category::DoubtCastingVerb,
        Category::ScareQuote,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Category::PejorativeLabel => "pejorative-label",
            Category::EmotionallyCharged => "emotionally-charged",
            Category::Intensifier => "intensifier",
            Category::Hyperbole => "hyperbole",
            Category::Puffery => "puffery",
            Category::LoadedVerbOfSaying => "loaded-verb-of-saying",
            Category::Insinuation => "insinuation",
            Category::DoubtCastingVerb => "doubt-casting-verb",
            Category::ScareQuote => "scare-quote",
            Category::Evaluative => "evaluative",
        }
    }

    /// Whether an intensifier in front of a word of this category boosts it.
    /// Verbs of saying are not boosted ("very slammed" is not English).
    pub fn can_be_boosted(self) -> bool {
        !matches!(
            self,
            Category::Intensifier
                | Category::LoadedVerbOfSaying
                | Category::Insinuation
                | Category::DoubtCastingVerb
                | Category::ScareQuote
        )
    }

    /// Whether the category comes from a lexicon file (scare quotes do not).
    pub fn has_lexicon(self) -> bool {
        self != Category::ScareQuote
    }
}

/// Part of speech, for entries whose alternatives must follow the form found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Pos {
    /// `term` is singular; `forms` is `[plural]` (generated when left out).
    Noun,
    /// `term` is the base form; `forms` is `[third person, past, -ing]`, plus
    /// a past participle when it differs from the past.
    Verb,
}

/// Context guards: words around a match that cancel it (or that it needs).
/// Each guard is a word or phrase compared with the words right next to the
/// match, in the same sentence.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Guards {
    pub not_preceded_by: Vec<Vec<String>>,
    pub not_followed_by: Vec<Vec<String>>,
    pub only_preceded_by: Vec<Vec<String>>,
    pub only_followed_by: Vec<Vec<String>>,
}

impl Guards {
    fn is_empty(&self) -> bool {
        self.not_preceded_by.is_empty()
            && self.not_followed_by.is_empty()
            && self.only_preceded_by.is_empty()
            && self.only_followed_by.is_empty()
    }

    /// Whether the match over `tokens[start..end]` survives the guards.
    pub fn allow(&self, tokens: &[Token], start: usize, end: usize) -> bool {
        let before = |p: &Vec<String>| {
            p.len() <= start
                && p.iter()
                    .zip(&tokens[start - p.len()..start])
                    .all(|(w, t)| *w == t.norm)
        };
        let after = |p: &Vec<String>| {
            end + p.len() <= tokens.len() && p.iter().zip(&tokens[end..]).all(|(w, t)| *w == t.norm)
        };
        !self.not_preceded_by.iter().any(before)
            && !self.not_followed_by.iter().any(after)
            && (self.only_preceded_by.is_empty() || self.only_preceded_by.iter().any(before))
            && (self.only_followed_by.is_empty() || self.only_followed_by.iter().any(after))
    }
}

/// Guards read from the tagger's parts of speech and the sentence's punctuation,
/// for words whose loaded and neutral senses share their neighbours ("the
/// infamous gang" / "infamous for its traffic", "Of course, ..." / "the course").
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParseGuards {
    /// The word right after the match must have one of these parts of speech.
    pub next_upos: Vec<Upos>,
    /// The match must open its clause: first in the sentence, or right after
    /// a comma, semicolon, colon, dash or a coordinating conjunction.
    pub clause_initial: bool,
}

impl ParseGuards {
    pub fn is_empty(&self) -> bool {
        self.next_upos.is_empty() && !self.clause_initial
    }
}

/// Where a list came from.
#[derive(Clone, Debug, PartialEq)]
pub struct ListInfo {
    pub file: &'static str,
    pub category: Category,
    pub source: String,
    pub licence: String,
    /// The defaults of the list's entries.
    pub weight: f32,
    pub explanation: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The headword, as written in the data.
    pub term: String,
    pub category: Category,
    /// 0 < weight <= 1: how strongly loaded; decides the default severity.
    pub weight: f32,
    pub explanation: String,
    /// Neutral wording, in base form.
    pub alternatives: Vec<String>,
    pub pos: Option<Pos>,
    /// For intensifiers: reported even when nothing loaded follows.
    pub standalone: bool,
    /// Normally written with a capital ("Orwellian", "MSM"), so a capital
    /// does not mean the word is part of a name.
    pub capitalised: bool,
    /// For intensifiers: boosts loaded words only, not plain judgements
    /// ("very brutal" is reported, "very good" is not).
    pub weak: bool,
    pub guards: Guards,
    pub parse_guards: ParseGuards,
    /// Index into `Lexicon::lists`.
    pub list: usize,
}

/// One match of an entry over tokens `start..end` of a sentence.
#[derive(Clone, Copy, Debug)]
pub struct LexMatch<'a> {
    pub entry: &'a Entry,
    pub form: Form,
    pub start: usize,
    pub end: usize,
}

impl LexMatch<'_> {
    /// The alternatives, inflected to the form that was found.
    pub fn alternatives(&self) -> Vec<String> {
        self.entry
            .alternatives
            .iter()
            .map(|a| inflect(a, self.form))
            .collect()
    }
}

#[derive(Clone, Debug)]
pub struct Lexicon {
    pub lists: Vec<ListInfo>,
    pub entries: Vec<Entry>,
    /// Phrase id -> (entry index, form).
    patterns: Vec<(usize, Form)>,
    index: PhraseIndex,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileData {
    category: Category,
    source: String,
    licence: String,
    weight: f32,
    explanation: String,
    #[serde(default)]
    entries: Vec<EntryData>,
    #[serde(default)]
    entry: Vec<EntryData>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryData {
    term: String,
    #[serde(default)]
    forms: Vec<String>,
    pos: Option<Pos>,
    weight: Option<f32>,
    explanation: Option<String>,
    #[serde(default)]
    alternatives: Vec<String>,
    #[serde(default)]
    standalone: bool,
    #[serde(default)]
    weak: bool,
    #[serde(default)]
    capitalised: bool,
    #[serde(default)]
    not_preceded_by: Vec<String>,
    #[serde(default)]
    not_followed_by: Vec<String>,
    #[serde(default)]
    only_preceded_by: Vec<String>,
    #[serde(default)]
    only_followed_by: Vec<String>,
    #[serde(default)]
    next_upos: Vec<String>,
    #[serde(default)]
    clause_initial: bool,
}

impl Lexicon {
    /// The shipped lexicon, parsed on first use. Shipped data is checked by
    /// the unit tests, so a parse error here is a build that never passed CI.
    pub fn get() -> &'static Lexicon {
        Self::shipped()
    }

    fn shipped() -> &'static Arc<Lexicon> {
        static LEXICON: OnceLock<Arc<Lexicon>> = OnceLock::new();
        LEXICON.get_or_init(|| {
            Arc::new(
                Lexicon::parse(FILES).unwrap_or_else(|e| panic!("shipped lexicon is invalid: {e}")),
            )
        })
    }

    /// The shipped lexicon with a project's `[[lexicon]]` entries added. Built
    /// once per distinct set of entries (a few configs are remembered), so a
    /// project lexicon costs nothing per keystroke.
    pub fn with_project(entries: &[LexiconEntry]) -> Arc<Lexicon> {
        const REMEMBERED: usize = 8;
        static BUILT: Mutex<Vec<(Vec<LexiconEntry>, Arc<Lexicon>)>> = Mutex::new(Vec::new());
        if entries.is_empty() {
            return Self::shipped().clone();
        }
        let mut built = BUILT.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(i) = built.iter().position(|(e, _)| e == entries) {
            let hit = built.remove(i);
            let lexicon = hit.1.clone();
            built.push(hit);
            return lexicon;
        }
        // Entries were checked when the config was read; a bad one is skipped.
        let lexicon = Arc::new(Self::get().with_entries(entries));
        if built.len() == REMEMBERED {
            built.remove(0);
        }
        built.push((entries.to_vec(), lexicon.clone()));
        lexicon
    }

    /// A copy with extra entries. An extra entry that spells a shipped form
    /// takes that form over, so a project can re-weigh or re-word a shipped term.
    fn with_entries(&self, entries: &[LexiconEntry]) -> Lexicon {
        let mut lexicon = self.clone();
        for raw in entries {
            let Ok(forms) = project_forms(raw) else {
                continue;
            };
            let defaults = self.lists.iter().find(|l| l.category == raw.category);
            let list = lexicon.lists.len();
            lexicon.lists.push(ListInfo {
                file: "[[lexicon]] in the project configuration",
                category: raw.category,
                source: "the project's configuration".to_string(),
                licence: "the project's own".to_string(),
                weight: defaults.map_or(0.75, |d| d.weight),
                explanation: defaults.map_or_else(String::new, |d| d.explanation.clone()),
            });
            let entry_id = lexicon.entries.len();
            lexicon.entries.push(Entry {
                term: phrase_words(&raw.term).join(" "),
                category: raw.category,
                weight: raw.weight.map_or(lexicon.lists[list].weight, |w| w as f32),
                explanation: raw
                    .explanation
                    .clone()
                    .unwrap_or_else(|| lexicon.lists[list].explanation.clone()),
                alternatives: raw
                    .alternatives
                    .iter()
                    .map(|a| a.trim().to_string())
                    .collect(),
                pos: raw.pos,
                standalone: raw.category == Category::Intensifier,
                weak: false,
                capitalised: false,
                guards: Guards::default(),
                parse_guards: ParseGuards::default(),
                list,
            });
            for (surface, form) in forms {
                let words = phrase_words(&surface);
                match lexicon.index.find(&words) {
                    Some(pattern) => lexicon.patterns[pattern] = (entry_id, form),
                    None => {
                        if lexicon.index.insert(&surface).is_some() {
                            lexicon.patterns.push((entry_id, form));
                        }
                    }
                }
            }
        }
        lexicon
    }

    /// Parse lexicon files, checking everything a typo could break.
    pub fn parse(files: &[(&'static str, &str)]) -> Result<Lexicon, String> {
        let mut lexicon = Lexicon {
            lists: Vec::new(),
            entries: Vec::new(),
            patterns: Vec::new(),
            index: PhraseIndex::default(),
        };
        let mut seen: std::collections::HashMap<Vec<String>, (usize, usize)> =
            std::collections::HashMap::new();
        for (file, text) in files {
            let data: FileData = toml::from_str(text).map_err(|e| format!("{file}: {e}"))?;
            check_weight(data.weight).map_err(|e| format!("{file}: {e}"))?;
            let list = lexicon.lists.len();
            lexicon.lists.push(ListInfo {
                file,
                category: data.category,
                source: data.source,
                licence: data.licence,
                weight: data.weight,
                explanation: data.explanation.clone(),
            });
            for raw in data.entries.into_iter().chain(data.entry) {
                let where_ = format!("{file}: `{}`", raw.term);
                let entry = Entry {
                    term: raw.term.clone(),
                    category: data.category,
                    weight: raw.weight.unwrap_or(data.weight),
                    explanation: raw.explanation.unwrap_or_else(|| data.explanation.clone()),
                    alternatives: raw.alternatives,
                    pos: raw.pos,
                    standalone: raw.standalone,
                    weak: raw.weak,
                    capitalised: raw.capitalised,
                    guards: Guards {
                        not_preceded_by: guard_phrases(&raw.not_preceded_by),
                        not_followed_by: guard_phrases(&raw.not_followed_by),
                        only_preceded_by: guard_phrases(&raw.only_preceded_by),
                        only_followed_by: guard_phrases(&raw.only_followed_by),
                    },
                    parse_guards: ParseGuards {
                        next_upos: upos_list(&raw.next_upos)
                            .map_err(|e| format!("{where_}: {e}"))?,
                        clause_initial: raw.clause_initial,
                    },
                    list,
                };
                check_weight(entry.weight).map_err(|e| format!("{where_}: {e}"))?;
                if (entry.standalone || entry.weak) && entry.category != Category::Intensifier {
                    return Err(format!(
                        "{where_}: `standalone` and `weak` are only for intensifiers"
                    ));
                }
                let entry_id = lexicon.entries.len();
                for (surface, form) in surface_forms(&raw.term, raw.forms, raw.pos)
                    .map_err(|e| format!("{where_}: {e}"))?
                {
                    let words = phrase_words(&surface);
                    if words.join(" ") != surface {
                        return Err(format!(
                            "{where_}: form `{surface}` must be lowercase words separated by single spaces"
                        ));
                    }
                    match seen.get(&words) {
                        // A verb whose base and past coincide ("hit out at"):
                        // the later, more specific form wins.
                        Some(&(owner, pattern)) if owner == entry_id => {
                            lexicon.patterns[pattern].1 = form;
                        }
                        Some(&(owner, _)) => {
                            return Err(format!(
                                "{where_}: form `{surface}` is also listed by {}: `{}`",
                                lexicon.lists[lexicon.entries[owner].list].file,
                                lexicon.entries[owner].term
                            ));
                        }
                        None => {
                            let pattern = lexicon.index.insert(&surface).ok_or_else(|| {
                                format!("{where_}: form `{surface}` has no words")
                            })?;
                            debug_assert_eq!(pattern, lexicon.patterns.len());
                            lexicon.patterns.push((entry_id, form));
                            seen.insert(words, (entry_id, pattern));
                        }
                    }
                }
                lexicon.entries.push(entry);
            }
        }
        Ok(lexicon)
    }

    /// Entries of a category.
    pub fn entries_of(&self, category: Category) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(move |e| e.category == category)
    }

    /// Every entry that matches in a sentence's tokens, leftmost-longest,
    /// context guards applied.
    pub fn scan<'a>(&'a self, tokens: &[Token]) -> Vec<LexMatch<'a>> {
        self.index
            .scan(tokens, |m| {
                let entry = &self.entries[self.patterns[m.id].0];
                entry.guards.is_empty() || entry.guards.allow(tokens, m.start, m.end)
            })
            .into_iter()
            .map(|m| {
                let (entry, form) = self.patterns[m.id];
                LexMatch {
                    entry: &self.entries[entry],
                    form,
                    start: m.start,
                    end: m.end,
                }
            })
            .collect()
    }
}

/// The surface forms of a project entry, written in any case.
fn project_forms(raw: &LexiconEntry) -> Result<Vec<(String, Form)>, String> {
    let norm = |s: &str| phrase_words(s).join(" ");
    let term = norm(&raw.term);
    if term.is_empty() {
        return Err("`term` has no words".to_string());
    }
    let forms = raw.forms.iter().map(|f| norm(f)).collect();
    surface_forms(&term, forms, raw.pos)
}

/// Check a project's `[[lexicon]]` entries: (entry index, key, problem) on error.
pub fn check_extra_entries(entries: &[LexiconEntry]) -> Result<(), (usize, &'static str, String)> {
    // Hashed: a list of thousands of entries must not cost the square of its length.
    let mut seen = std::collections::HashSet::new();
    for (i, raw) in entries.iter().enumerate() {
        let forms = project_forms(raw).map_err(|e| {
            let key = if e.contains("`term`") {
                "term"
            } else {
                "forms"
            };
            (i, key, e)
        })?;
        if let Some(w) = raw.weight {
            check_weight(w as f32).map_err(|e| (i, "weight", e))?;
        }
        if raw.alternatives.iter().any(|a| a.trim().is_empty()) {
            return Err((
                i,
                "alternatives",
                "alternatives cannot be empty".to_string(),
            ));
        }
        for (surface, _) in forms {
            if !seen.insert(surface.clone()) {
                return Err((i, "term", format!("`{surface}` is listed twice")));
            }
        }
    }
    Ok(())
}

fn check_weight(weight: f32) -> Result<(), String> {
    if weight > 0.0 && weight <= 1.0 {
        Ok(())
    } else {
        Err(format!("weight must be in (0, 1], got {weight}"))
    }
}

/// Parts of speech named in the data ("NOUN", "PROPN"), checked.
fn upos_list(raw: &[String]) -> Result<Vec<Upos>, String> {
    raw.iter()
        .map(|u| Upos::parse(u).ok_or_else(|| format!("unknown part of speech `{u}`")))
        .collect()
}

fn guard_phrases(raw: &[String]) -> Vec<Vec<String>> {
    raw.iter().map(|g| phrase_words(g)).collect()
}

/// Every surface form of an entry with its grammatical form.
fn surface_forms(
    term: &str,
    forms: Vec<String>,
    pos: Option<Pos>,
) -> Result<Vec<(String, Form)>, String> {
    let mut out = vec![(term.to_string(), Form::Base)];
    // An empty form is one that another entry owns ("bashing" the noun).
    let forms_given = forms.len();
    let mut forms = forms.into_iter().map(|f| (!f.is_empty()).then_some(f));
    let push = |out: &mut Vec<(String, Form)>, f: Option<String>, kind| {
        if let Some(f) = f {
            out.push((f, kind));
        }
    };
    match pos {
        None => forms.for_each(|f| push(&mut out, f, Form::Base)),
        Some(Pos::Noun) => match (forms_given, forms.next()) {
            (0, _) => out.push((inflect(term, Form::Plural), Form::Plural)),
            (1, f) => push(&mut out, f.flatten(), Form::Plural),
            _ => return Err("a noun lists at most one form, its plural".into()),
        },
        Some(Pos::Verb) => {
            let kinds = [Form::ThirdPerson, Form::Past, Form::Ing, Form::Participle];
            if !(3..=4).contains(&forms_given) {
                return Err(
                    "a verb lists its forms as [third person, past, -ing] and optionally a past participle".into(),
                );
            }
            for (f, kind) in forms.zip(kinds) {
                push(&mut out, f, kind);
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Span;
    use crate::lexicon::phrases::tokens;

    fn scan_terms(text: &str) -> Vec<String> {
        let toks = tokens(text, Span::new(0, text.len()));
        Lexicon::get()
            .scan(&toks)
            .iter()
            .map(|m| m.entry.term.clone())
            .collect()
    }

    #[test]
    fn shipped_data_parses() {
        let lexicon = Lexicon::get();
        for category in Category::REPORTED.into_iter().filter(|c| c.has_lexicon()) {
            assert!(
                lexicon.entries_of(category).count() > 0,
                "no entries for {}",
                category.id()
            );
        }
        for list in &lexicon.lists {
            assert!(!list.source.trim().is_empty(), "{}: no source", list.file);
            assert!(!list.licence.trim().is_empty(), "{}: no licence", list.file);
        }
    }

    #[test]
    fn every_entry_explains_itself() {
        for e in &Lexicon::get().entries {
            assert!(!e.explanation.trim().is_empty(), "`{}`", e.term);
            for a in &e.alternatives {
                assert_eq!(a, a.trim(), "`{}`: alternative `{a}`", e.term);
                assert!(!a.is_empty(), "`{}`: empty alternative", e.term);
            }
        }
    }

    #[test]
    fn bad_data_is_an_error_with_a_location() {
        let bad = [(
            "bad.toml",
            "category = \"puffery\"\nsource = \"x\"\nlicence = \"x\"\nweight = 2.0\nexplanation = \"x\"\n",
        )];
        let err = Lexicon::parse(&bad).unwrap_err();
        assert!(err.contains("bad.toml") && err.contains("weight"), "{err}");

        let dup = [(
            "dup.toml",
            "category = \"puffery\"\nsource = \"x\"\nlicence = \"x\"\nweight = 0.5\nexplanation = \"x\"\nentries = [{ term = \"iconic\" }, { term = \"iconic\" }]\n",
        )];
        let err = Lexicon::parse(&dup).unwrap_err();
        assert!(err.contains("also listed"), "{err}");

        let unknown = [(
            "unknown.toml",
            "category = \"puffery\"\nsource = \"x\"\nlicence = \"x\"\nweight = 0.5\nexplanation = \"x\"\nentries = [{ term = \"iconic\", colour = 1 }]\n",
        )];
        assert!(Lexicon::parse(&unknown).is_err());
    }

    #[test]
    fn verb_forms_and_noun_plurals_match() {
        assert_eq!(scan_terms("Critics slammed it"), ["slam"]);
        assert_eq!(scan_terms("critics slams it"), ["slam"]);
        assert_eq!(scan_terms("the thugs fled"), ["thug"]);
    }

    #[test]
    fn guards_cancel_ambiguous_uses() {
        assert!(scan_terms("the storm slammed into the coast").is_empty());
        assert_eq!(scan_terms("critics slammed the plan"), ["slam"]);
        assert!(scan_terms("she slammed the door").is_empty());
    }
}
