//! Canonical sources: every mention of one person or body, merged.
//!
//! Mentions are fed in text order. A named mention merges with an earlier one
//! that shares its surname ("President Volodymyr Zelensky" ... "Zelensky"); a
//! bare title merges with the latest named holder of that title ("Ukraine's
//! President"); a definite description merges with the latest mention that has
//! the same head ("a ministry spokesperson" ... "the spokesperson"); a pronoun
//! takes the latest compatible person, group or body. Gender comes only from
//! titles, gendered nouns and earlier pronouns, never from first names.

use super::mentions::{Entity, MentionInfo};
use super::{Source, SourceKind};
use crate::analysis::Span;
use crate::lexicon::attribution::{Gender, Number};
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

/// How far back (in sentences) a pronoun looks for its antecedent.
const PRONOUN_REACH: usize = 6;

#[derive(Clone, Debug)]
struct Referent {
    kind: SourceKind,
    entity: Entity,
    number: Number,
    gender: Option<Gender>,
    /// Lower-case name words, for named people and bodies.
    name_words: Vec<String>,
    title: Option<String>,
    possessor: Option<String>,
    head: Option<String>,
    pseudonym: bool,
    display: String,
    first: Span,
    source: Option<usize>,
}

#[derive(Default)]
pub struct Resolver {
    referents: Vec<Referent>,
    /// (sentence, referent) for every mention, in text order: the recency list.
    recent: Vec<(usize, usize)>,
    /// Each referent once, keyed by its latest position in `recent`: the recency
    /// list without repeats, so `latest` never walks past old mentions.
    by_recency: BTreeMap<usize, usize>,
    /// Referent -> its key in `by_recency`.
    last_seen: Vec<Option<usize>>,
    /// Exact keys (vague groups, citations, documents) -> referent.
    by_key: FxHashMap<String, usize>,
    /// Lower-case name word -> referents whose name contains it.
    by_name_word: FxHashMap<String, Vec<usize>>,
    pub sources: Vec<Source>,
}

fn name_words(name: &str) -> Vec<String> {
    name.split(|c: char| c.is_whitespace() || c == '.')
        .map(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            if w.is_ascii() {
                w.to_ascii_lowercase()
            } else {
                w.to_lowercase().replace('’', "'")
            }
        })
        .filter(|w| !w.is_empty() && w != "the")
        .collect()
}

/// Collapse line breaks and runs of spaces: names are displayed on one line.
fn flatten(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lower-case text without a leading determiner, for exact-match keys.
fn key_text(text: &str) -> String {
    if text.is_ascii() {
        // The same steps in one pass: ASCII lowercasing maps no byte to or from
        // whitespace, and there is no curly apostrophe to straighten.
        let mut words = text.split(char::is_whitespace).filter(|w| !w.is_empty());
        let mut out = String::with_capacity(text.len());
        let Some(first) = words.next() else {
            return out;
        };
        let mut rest = words.peekable();
        let determiner = ["the", "a", "an", "some", "many", "most", "all"]
            .iter()
            .any(|d| first.eq_ignore_ascii_case(d));
        if !(determiner && rest.peek().is_some()) {
            out.push_str(first);
        }
        for w in rest {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w);
        }
        out.make_ascii_lowercase();
        return out;
    }
    let lower = flatten(text).to_lowercase().replace('’', "'");
    let mut words: Vec<&str> = lower.split_whitespace().collect();
    if words
        .first()
        .is_some_and(|w| matches!(*w, "the" | "a" | "an" | "some" | "many" | "most" | "all"))
        && words.len() > 1
    {
        words.remove(0);
    }
    words.join(" ")
}

impl Resolver {
    pub fn new() -> Self {
        Resolver::default()
    }

    /// A proper name seen outside any attribution: a possible pronoun antecedent.
    pub fn observe_name(&mut self, span: Span, info: &MentionInfo, text: &str, sentence: usize) {
        let id = self
            .find_named(info)
            .unwrap_or_else(|| self.add_referent(span, info, text));
        self.touch(id, sentence, info);
    }

    /// Resolve an attribution's source mention to a canonical source index.
    /// `key` forces an exact-match key (citations: their target).
    pub fn resolve(
        &mut self,
        span: Span,
        info: &MentionInfo,
        antecedent: Option<(Span, &MentionInfo)>,
        text: &str,
        sentence: usize,
        key: Option<String>,
    ) -> Option<usize> {
        let id = if info.kind == SourceKind::Pronoun {
            if let Some((aspan, ainfo)) = antecedent {
                self.find_or_add(aspan, ainfo, text, sentence, None)
            } else {
                let id = self.find_pronoun(info, sentence)?;
                if self.referents[id].gender.is_none() && info.gender.is_some() {
                    self.referents[id].gender = info.gender;
                }
                self.push_recent(sentence, id);
                id
            }
        } else {
            self.find_or_add(span, info, text, sentence, key)
        };
        Some(self.ensure_source(id))
    }

    fn find_or_add(
        &mut self,
        span: Span,
        info: &MentionInfo,
        text: &str,
        sentence: usize,
        key: Option<String>,
    ) -> usize {
        let key = key.or_else(|| exact_key(span, info, text));
        let found = match &key {
            Some(k) if info.kind != SourceKind::Named || info.title.is_none() => {
                self.by_key.get(k).copied()
            }
            _ => self
                .find_match(info)
                .or_else(|| key.as_ref().and_then(|k| self.by_key.get(k).copied())),
        };
        let id = found.unwrap_or_else(|| {
            let id = self.add_referent(span, info, text);
            if let Some(k) = key {
                self.by_key.insert(k, id);
            }
            id
        });
        self.touch(id, sentence, info);
        id
    }

    fn ensure_source(&mut self, id: usize) -> usize {
        if let Some(s) = self.referents[id].source {
            let r = &self.referents[id];
            let src = &mut self.sources[s];
            if src.name != r.display {
                src.name.clone_from(&r.display);
            }
            src.kind = r.kind;
            return s;
        }
        let r = &self.referents[id];
        self.sources.push(Source {
            name: r.display.clone(),
            kind: r.kind,
            first_mention: r.first,
            statements: Vec::new(),
            pseudonym: r.pseudonym,
        });
        let s = self.sources.len() - 1;
        self.referents[id].source = Some(s);
        s
    }

    fn add_referent(&mut self, span: Span, info: &MentionInfo, text: &str) -> usize {
        let display = match (&info.name, info.kind) {
            (Some(n), SourceKind::Named | SourceKind::Anonymous)
                if info.entity == Entity::Person =>
            {
                flatten(n)
            }
            _ => flatten(span.text(text)),
        };
        let words = info.name.as_deref().map(name_words).unwrap_or_default();
        let id = self.referents.len();
        self.last_seen.push(None);
        for w in &words {
            self.by_name_word.entry(w.clone()).or_default().push(id);
        }
        self.referents.push(Referent {
            kind: info.kind,
            entity: info.entity,
            number: info.number,
            gender: info.gender,
            name_words: words,
            title: info.title.clone(),
            possessor: info.possessor.clone(),
            head: info.head.clone(),
            pseudonym: info.pseudonym,
            display,
            first: span,
            source: None,
        });
        id
    }

    /// Record a new mention of `id`: recency, and anything the mention adds.
    fn push_recent(&mut self, sentence: usize, id: usize) {
        let at = self.recent.len();
        self.recent.push((sentence, id));
        if let Some(previous) = self.last_seen[id].replace(at) {
            self.by_recency.remove(&previous);
        }
        self.by_recency.insert(at, id);
    }

    fn touch(&mut self, id: usize, sentence: usize, info: &MentionInfo) {
        self.push_recent(sentence, id);
        let r = &mut self.referents[id];
        if r.gender.is_none() {
            r.gender = info.gender;
        }
        if r.title.is_none() {
            r.title = info.title.clone();
        }
        if r.possessor.is_none() {
            r.possessor = info.possessor.clone();
        }
        if let Some(name) = &info.name {
            let words = name_words(name);
            // A fuller name replaces a surname-only one: "Zelensky" -> "Volodymyr Zelensky".
            if words.len() > r.name_words.len() && info.entity == r.entity && !r.pseudonym {
                for w in &words {
                    if !r.name_words.contains(w) {
                        self.by_name_word.entry(w.clone()).or_default().push(id);
                    }
                }
                r.name_words = words;
                if info.entity == Entity::Person {
                    r.display = flatten(name);
                }
            }
        }
        // A role later named upgrades its kind ("the president" then "President X").
        if r.kind == SourceKind::Role && info.kind == SourceKind::Named {
            r.kind = SourceKind::Named;
        }
    }

    /// The latest referent that `info`'s proper name refers to.
    fn find_named(&self, info: &MentionInfo) -> Option<usize> {
        let name = info.name.as_deref()?;
        let words = name_words(name);
        let last = words.last()?;
        let candidates = self.by_name_word.get(last)?;
        candidates.iter().rev().copied().find(|&id| {
            let r = &self.referents[id];
            if r.name_words == words {
                return true;
            }
            if info.entity == Entity::Person && r.entity == Entity::Person {
                if words.len() == 1 {
                    // "Zelensky" after "Volodymyr Zelensky"; "Michael" after the pseudonym "Michael".
                    return r.name_words.contains(last);
                }
                if r.name_words.len() == 1 {
                    return r.name_words[0] == *last;
                }
                // Two full names: the same surname is not enough ("Eric Trump" is not "Donald Trump").
                return r.name_words.last() == Some(last) && r.name_words[0] == words[0];
            }
            false
        })
    }

    /// An earlier referent that this (non-pronoun) mention refers to.
    fn find_match(&self, info: &MentionInfo) -> Option<usize> {
        match info.kind {
            SourceKind::Named | SourceKind::Anonymous if info.name.is_some() => {
                self.find_named(info)
            }
            SourceKind::Named | SourceKind::Role if info.title.is_some() && info.name.is_none() => {
                // "Ukraine's President", "the president", "its director": the latest named holder.
                let title = info.title.as_deref();
                self.latest(|r| {
                    r.title.as_deref() == title
                        && r.entity == Entity::Person
                        && (r.kind == SourceKind::Named
                            || info.definite
                            || info.possessor.is_some())
                        && (info.possessor.is_none()
                            || r.possessor.is_none()
                            || r.possessor == info.possessor)
                        && !info.indefinite
                })
                .or_else(|| {
                    if info.definite {
                        self.same_head(info)
                    } else {
                        None
                    }
                })
            }
            SourceKind::Role | SourceKind::Anonymous | SourceKind::Document if info.definite => {
                self.same_head(info)
            }
            _ => None,
        }
    }

    /// The latest referent with the same head noun ("the spokesperson"), or a named
    /// body whose name contains it ("the ministry" after "the Foreign Ministry").
    fn same_head(&self, info: &MentionInfo) -> Option<usize> {
        let head = info.head.as_deref()?;
        self.latest(|r| {
            (r.head.as_deref() == Some(head) && r.kind == info.kind)
                || (info.entity == Entity::Organisation
                    && r.entity == Entity::Organisation
                    && r.name_words.iter().any(|w| w == head))
        })
    }

    /// The most recently mentioned of the last 64 distinct referents that fits `pred`.
    fn latest(&self, pred: impl Fn(&Referent) -> bool) -> Option<usize> {
        self.by_recency
            .values()
            .rev()
            .copied()
            .take(64)
            .find(|&id| pred(&self.referents[id]))
    }

    fn find_pronoun(&self, info: &MentionInfo, sentence: usize) -> Option<usize> {
        let p = info.pronoun.as_deref()?;
        let fits = |r: &Referent| -> bool {
            match p {
                "he" | "she" | "who" | "whom" => {
                    matches!(r.entity, Entity::Person | Entity::Unknown)
                        && r.number == Number::Singular
                        && !matches!(
                            r.kind,
                            SourceKind::Vague | SourceKind::Citation | SourceKind::Document
                        )
                        && (p == "who" || r.gender.is_none() || r.gender == info.gender)
                }
                "they" => {
                    r.number == Number::Plural
                        || matches!(r.entity, Entity::Organisation | Entity::Group)
                }
                "it" | "which" => {
                    matches!(r.entity, Entity::Organisation | Entity::Document)
                        && r.number == Number::Singular
                }
                _ => false,
            }
        };
        self.recent
            .iter()
            .rev()
            .take_while(|&&(s, _)| s + PRONOUN_REACH >= sentence)
            .map(|&(_, id)| id)
            .find(|&id| fits(&self.referents[id]))
    }
}

/// Mentions that merge only with the very same words: vague groups, generic
/// documents, unnamed bodies ("police"), possessive roles with no holder named.
fn exact_key(span: Span, info: &MentionInfo, text: &str) -> Option<String> {
    let k = key_text(span.text(text));
    match info.kind {
        SourceKind::Vague => Some(format!("vague:{k}")),
        SourceKind::Document if !info.definite => Some(format!("doc:{k}")),
        SourceKind::Named if info.name.is_none() => Some(format!("named:{k}")),
        // "The defence ministry in Halvard" and "the Halvard defence ministry" are one body.
        SourceKind::Named if info.entity == Entity::Organisation => {
            let name = info.name.as_deref().unwrap_or(&k);
            let mut words: Vec<String> = name_words(name)
                .into_iter()
                .filter(|w| !matches!(w.as_str(), "of" | "in" | "for" | "and" | "'s" | "at"))
                .map(|w| w.trim_end_matches("'s").to_string())
                .collect();
            words.sort();
            Some(format!("org:{}", words.join(" ")))
        }
        SourceKind::Role | SourceKind::Anonymous
            if !info.definite && !info.indefinite && !info.pseudonym && info.name.is_none() =>
        {
            Some(format!("group:{k}"))
        }
        _ => None,
    }
}
