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
use crate::lexicon::norm::Norm;
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::collections::VecDeque;
use std::ops::Range;
use std::sync::Arc;

/// How far back (in sentences) a pronoun looks for its antecedent.
const PRONOUN_REACH: usize = 6;

/// How far back (in sentences) a pronoun prefers the speaker of the attributions
/// around it to a person merely named.
const SPEAKER_REACH: usize = 3;

/// How many distinct referents, most recent first, a title or head noun looks back over.
const RECENT_REFERENTS: usize = 64;

/// A lower-case name word, interned: name words compare as numbers.
type Word = u32;

/// A title or head noun, interned: a title or head is looked for among the
/// recent referents for every definite mention, and numbers compare at once.
type Label = u32;

/// A person, body or thing the mentions refer to. It owns what it keeps (short
/// texts inline, the display name shared with its source), so a resolver's state
/// can be kept between edits (`Checkpoint`).
#[derive(Clone, Debug)]
struct Referent {
    kind: SourceKind,
    entity: Entity,
    number: Number,
    gender: Option<Gender>,
    /// Lower-case name words, for named people and bodies.
    name_words: Vec<Word>,
    title: Option<Label>,
    possessor: Option<Norm>,
    head: Option<Label>,
    pseudonym: bool,
    display: Arc<str>,
    first: Span,
    source: Option<usize>,
}

/// The interned name words, and a buffer to lower-case them in.
#[derive(Clone, Default)]
struct Words {
    ids: FxHashMap<String, Word>,
    /// Each word by its id.
    text: Vec<String>,
    lower: String,
    /// Each name seen, and where its words are in `of_names`: names recur, and
    /// looking one up is cheaper than splitting it again.
    names: FxHashMap<Box<str>, Range<usize>>,
    of_names: Vec<Word>,
}

impl Words {
    /// The lower-case words of a proper name, without "the", into `words`.
    fn of_name(&mut self, name: &str, words: &mut Vec<Word>) {
        words.clear();
        if let Some(at) = self.names.get(name) {
            words.extend_from_slice(&self.of_names[at.clone()]);
            return;
        }
        self.split_name(name, words);
        let start = self.of_names.len();
        self.of_names.extend_from_slice(words);
        self.names.insert(name.into(), start..self.of_names.len());
    }

    fn split_name(&mut self, name: &str, words: &mut Vec<Word>) {
        for w in name.split(|c: char| c.is_whitespace() || c == '.') {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            if w.is_ascii() {
                // Reuse one buffer: most name words are ASCII and capitalised.
                self.lower.clear();
                self.lower.push_str(w);
                self.lower.make_ascii_lowercase();
            } else {
                self.lower = w.to_lowercase().replace('’', "'");
            }
            if !self.lower.is_empty() && self.lower != "the" {
                words.push(self.intern_lower());
            }
        }
    }

    /// The id of the word in `self.lower`, given one if it is new.
    fn intern_lower(&mut self) -> Word {
        if let Some(&id) = self.ids.get(self.lower.as_str()) {
            return id;
        }
        let id = self.text.len() as Word;
        self.ids.insert(self.lower.clone(), id);
        self.text.push(self.lower.clone());
        id
    }

    /// The id of `word` if some name has it.
    fn get(&self, word: &str) -> Option<Word> {
        self.ids.get(word).copied()
    }

    fn text(&self, word: Word) -> &str {
        &self.text[word as usize]
    }
}

#[derive(Clone, Default)]
pub struct Resolver {
    referents: Vec<Referent>,
    /// (sentence, referent) for every mention, in text order: the recency list.
    recent: Vec<(usize, usize)>,
    /// The last `RECENT_REFERENTS` distinct referents mentioned, latest last: the
    /// recency list without repeats, so `latest` never walks past old mentions.
    recent_referents: VecDeque<usize>,
    words: Words,
    /// The name words of the mention being resolved, kept to reuse the buffer.
    mention_words: Vec<Word>,
    /// Exact keys (vague groups, citations, documents) -> referent.
    by_key: FxHashMap<String, usize>,
    /// The exact key of the mention being resolved, built here to look it up
    /// without allocating.
    key: String,
    /// Name word -> referents whose name contains it.
    by_name_word: FxHashMap<Word, Vec<usize>>,
    /// Titles and head nouns seen.
    labels: FxHashMap<Norm, Label>,
    pub sources: Vec<Source>,
}

/// Collapse line breaks and runs of spaces: names are displayed on one line.
fn flatten(s: &str) -> Cow<'_, str> {
    if is_flat(s) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.split_whitespace().collect::<Vec<_>>().join(" "))
    }
}

/// Whether `s` is already one line of words with single spaces between them.
fn is_flat(s: &str) -> bool {
    let mut after_space = true;
    for c in s.chars() {
        if c.is_whitespace() {
            if c != ' ' || after_space {
                return false;
            }
            after_space = true;
        } else {
            after_space = false;
        }
    }
    !after_space || s.is_empty()
}

/// Append `text` in lower case without a leading determiner, for exact-match keys.
fn push_key_text(out: &mut String, text: &str) {
    if !text.is_ascii() {
        out.push_str(&key_text_unicode(text));
        return;
    }
    // The same steps as `key_text_unicode` in one pass: ASCII lowercasing maps no
    // byte to or from whitespace, and there is no curly apostrophe to straighten.
    let start = out.len();
    let mut words = text.split(char::is_whitespace).filter(|w| !w.is_empty());
    let Some(first) = words.next() else {
        return;
    };
    let mut rest = words.peekable();
    let determiner = ["the", "a", "an", "some", "many", "most", "all"]
        .iter()
        .any(|d| first.eq_ignore_ascii_case(d));
    if !(determiner && rest.peek().is_some()) {
        out.push_str(first);
    }
    for w in rest {
        if out.len() > start {
            out.push(' ');
        }
        out.push_str(w);
    }
    out[start..].make_ascii_lowercase();
}

fn key_text_unicode(text: &str) -> String {
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

    /// A copy to go on with from sentence `sentence`: without the mentions a
    /// pronoun there or later can no longer reach back to.
    pub fn kept_from(&self, sentence: usize) -> Resolver {
        let reach = self
            .recent
            .partition_point(|&(s, _)| s + PRONOUN_REACH < sentence);
        Resolver {
            referents: self.referents.clone(),
            recent: self.recent[reach..].to_vec(),
            recent_referents: self.recent_referents.clone(),
            words: self.words.clone(),
            mention_words: Vec::new(),
            by_key: self.by_key.clone(),
            key: String::new(),
            by_name_word: self.by_name_word.clone(),
            labels: self.labels.clone(),
            sources: self.sources.clone(),
        }
    }

    /// A proper name seen outside any attribution: a possible pronoun antecedent.
    pub fn observe_name(&mut self, span: Span, info: &MentionInfo, text: &str, sentence: usize) {
        let words = self.take_name_words(info);
        let id = self
            .find_named(info, &words)
            .unwrap_or_else(|| self.add_referent(span, info, text, &words));
        self.touch(id, sentence, info, &words);
        self.mention_words = words;
    }

    /// Resolve an attribution's source mention to a canonical source index.
    /// A citation's `target` is its exact-match key.
    pub fn resolve(
        &mut self,
        span: Span,
        info: &MentionInfo,
        antecedent: Option<(Span, &MentionInfo)>,
        text: &str,
        sentence: usize,
        target: Option<&str>,
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
        } else if let Some(id) = self.find_anaphor(&with_article(text, span), info, sentence) {
            self.push_recent(sentence, id);
            id
        } else {
            self.find_or_add(span, info, text, sentence, target)
        };
        Some(self.ensure_source(id))
    }

    fn find_or_add(
        &mut self,
        span: Span,
        info: &MentionInfo,
        text: &str,
        sentence: usize,
        target: Option<&str>,
    ) -> usize {
        let words = self.take_name_words(info);
        let has_key = self.build_key(span, info, text, &words, target);
        let keyed = || {
            if has_key {
                self.by_key.get(self.key.as_str()).copied()
            } else {
                None
            }
        };
        let found = if let Some(id) = self.surname_read_as_title(span.text(text), info) {
            Some(id)
        } else if has_key && (info.kind != SourceKind::Named || info.title.is_none()) {
            keyed()
        } else {
            self.find_match(info, &words).or_else(keyed)
        };
        let id = found.unwrap_or_else(|| {
            let id = self.add_referent(span, info, text, &words);
            if has_key {
                self.by_key.insert(self.key.clone(), id);
            }
            id
        });
        self.touch(id, sentence, info, &words);
        self.mention_words = words;
        id
    }

    /// The mention's name words (none if it has no name), in the reused buffer:
    /// give it back to `self.mention_words` when done.
    fn take_name_words(&mut self, info: &MentionInfo) -> Vec<Word> {
        let mut words = std::mem::take(&mut self.mention_words);
        words.clear();
        if let Some(name) = &info.name {
            self.words.of_name(name, &mut words);
        }
        words
    }

    /// Put the mention's exact-match key in `self.key`, if it has one.
    fn build_key(
        &mut self,
        span: Span,
        info: &MentionInfo,
        text: &str,
        words: &[Word],
        target: Option<&str>,
    ) -> bool {
        self.key.clear();
        match target {
            Some(t) => {
                self.key.push_str("cite:");
                self.key.push_str(t);
                true
            }
            None => exact_key(&mut self.key, span.text(text), info, words, &self.words),
        }
    }

    fn ensure_source(&mut self, id: usize) -> usize {
        if let Some(s) = self.referents[id].source {
            let r = &self.referents[id];
            let src = &mut self.sources[s];
            if *src.name != *r.display {
                src.name = r.display.clone();
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

    fn add_referent(
        &mut self,
        span: Span,
        info: &MentionInfo,
        text: &str,
        words: &[Word],
    ) -> usize {
        let display = match (&info.name, info.kind) {
            (Some(n), SourceKind::Named | SourceKind::Anonymous)
                if info.entity == Entity::Person =>
            {
                flatten(n)
            }
            _ => flatten(span.text(text)),
        };
        let id = self.referents.len();
        for &w in words {
            self.by_name_word.entry(w).or_default().push(id);
        }
        let title = self.label(&info.title);
        let head = self.label(&info.head);
        self.referents.push(Referent {
            kind: info.kind,
            entity: info.entity,
            number: info.number,
            gender: info.gender,
            name_words: words.to_vec(),
            title,
            possessor: info.possessor.clone(),
            head,
            pseudonym: info.pseudonym,
            display: display.into(),
            first: span,
            source: None,
        });
        id
    }

    /// Record a new mention of `id`: recency, and anything the mention adds.
    fn push_recent(&mut self, sentence: usize, id: usize) {
        self.recent.push((sentence, id));
        let latest = &mut self.recent_referents;
        if let Some(at) = latest.iter().rposition(|&r| r == id) {
            latest.remove(at);
        } else if latest.len() == RECENT_REFERENTS {
            latest.pop_front();
        }
        latest.push_back(id);
    }

    /// The label of a title or head noun, given one if it is new.
    fn label(&mut self, text: &Option<Norm>) -> Option<Label> {
        let text = text.as_ref()?;
        if let Some(&label) = self.labels.get(text.as_str()) {
            return Some(label);
        }
        let label = self.labels.len() as Label;
        self.labels.insert(text.clone(), label);
        Some(label)
    }

    fn touch(&mut self, id: usize, sentence: usize, info: &MentionInfo, words: &[Word]) {
        self.push_recent(sentence, id);
        if self.referents[id].title.is_none() {
            self.referents[id].title = self.label(&info.title);
        }
        let r = &mut self.referents[id];
        if r.gender.is_none() {
            r.gender = info.gender;
        }
        if r.possessor.is_none() {
            r.possessor = info.possessor.clone();
        }
        if let Some(name) = &info.name {
            // A fuller name replaces a surname-only one: "Zelensky" -> "Volodymyr Zelensky".
            if words.len() > r.name_words.len() && info.entity == r.entity && !r.pseudonym {
                for w in words {
                    if !r.name_words.contains(w) {
                        self.by_name_word.entry(*w).or_default().push(id);
                    }
                }
                r.name_words = words.to_vec();
                if info.entity == Entity::Person {
                    r.display = flatten(name).into();
                }
            }
        }
        // A role later named upgrades its kind ("the president" then "President X").
        if r.kind == SourceKind::Role && info.kind == SourceKind::Named {
            r.kind = SourceKind::Named;
        }
    }

    /// "King said" after "Rep. Steve King": a capitalised word the grammar read as a
    /// title is the surname of a person already named.
    fn surname_read_as_title(&self, mention: &str, info: &MentionInfo) -> Option<usize> {
        if info.name.is_some() || info.kind != SourceKind::Role {
            return None;
        }
        let word = mention.trim();
        if word.contains(char::is_whitespace) || !word.starts_with(char::is_uppercase) {
            return None;
        }
        let id = self.words.get(&word.to_lowercase())?;
        self.by_name_word
            .get(&id)?
            .iter()
            .rev()
            .copied()
            .find(|&r| {
                self.referents[r].entity == Entity::Person
                    && self.referents[r].name_words.last() == Some(&id)
            })
    }

    /// The latest referent that `info`'s proper name (its `words`) refers to.
    fn find_named(&self, info: &MentionInfo, words: &[Word]) -> Option<usize> {
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
    fn find_match(&self, info: &MentionInfo, words: &[Word]) -> Option<usize> {
        match info.kind {
            SourceKind::Named | SourceKind::Anonymous if info.name.is_some() => {
                self.find_named(info, words)
            }
            SourceKind::Named | SourceKind::Role if info.title.is_some() && info.name.is_none() => {
                self.title_holder(info).or_else(|| {
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

    /// "Ukraine's President", "the president", "its director": the latest named
    /// holder of the title. "A spokesperson" is someone new: no referent to scan for.
    fn title_holder(&self, info: &MentionInfo) -> Option<usize> {
        if info.indefinite {
            return None;
        }
        // A title no referent has had is held by none.
        let title = Some(*self.labels.get(info.title.as_deref()?)?);
        let any_kind = info.definite || info.possessor.is_some();
        let possessor = info.possessor.as_deref();
        self.latest(|r| {
            r.entity == Entity::Person
                && (any_kind || r.kind == SourceKind::Named)
                && r.title == title
                && (possessor.is_none()
                    || r.possessor.is_none()
                    || r.possessor.as_deref() == possessor)
        })
    }

    /// The latest referent with the same head noun ("the spokesperson"), or a named
    /// body whose name contains it ("the ministry" after "the Foreign Ministry").
    fn same_head(&self, info: &MentionInfo) -> Option<usize> {
        let head = info.head.as_deref()?;
        // A head no referent has had is none's.
        let label = self.labels.get(head).copied();
        // A head that is no name word cannot be in a body's name.
        let head_word = match info.entity {
            Entity::Organisation => self.words.get(head),
            _ => None,
        };
        if label.is_none() && head_word.is_none() {
            return None;
        }
        self.latest(|r| {
            (r.kind == info.kind && label.is_some() && r.head == label)
                || head_word
                    .is_some_and(|w| r.entity == Entity::Organisation && r.name_words.contains(&w))
        })
    }

    /// The most recently mentioned of the last distinct referents that fits `pred`.
    fn latest(&self, pred: impl Fn(&Referent) -> bool) -> Option<usize> {
        self.recent_referents
            .iter()
            .rev()
            .copied()
            .find(|&id| pred(&self.referents[id]))
    }

    /// A definite description that only points back at someone already in the story:
    /// an age ("the 29-year-old"), a former role ("the then infantryman"), a party
    /// label ("the Democrat"). It takes the latest person, as "he" or "she" would.
    fn find_anaphor(&self, mention: &str, info: &MentionInfo, sentence: usize) -> Option<usize> {
        if !matches!(info.kind, SourceKind::Role | SourceKind::Named) {
            return None;
        }
        if info.number != Number::Singular || !is_anaphoric_description(mention) {
            return None;
        }
        let person = |id: usize| {
            let r = &self.referents[id];
            r.entity == Entity::Person
                && r.number == Number::Singular
                && matches!(r.kind, SourceKind::Named | SourceKind::Anonymous)
                && (info.gender.is_none() || r.gender.is_none() || r.gender == info.gender)
        };
        self.recent
            .iter()
            .rev()
            .take_while(|&&(s, _)| s + PRONOUN_REACH >= sentence)
            .map(|&(_, id)| id)
            .find(|&id| person(id))
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
        let within = |reach: usize| {
            self.recent
                .iter()
                .rev()
                .take_while(move |&&(s, _)| s + reach >= sentence)
                .map(|&(_, id)| id)
        };
        let latest = within(PRONOUN_REACH).find(|&id| fits(&self.referents[id]))?;
        // "he said" in a run of attributions goes on with their speaker, not with
        // someone the last quote happened to name.
        if self.referents[latest].source.is_some() || p == "who" || p == "whom" {
            return Some(latest);
        }
        let speaker = within(SPEAKER_REACH)
            .find(|&id| self.referents[id].source.is_some() && fits(&self.referents[id]));
        Some(speaker.unwrap_or(latest))
    }
}

/// The mention with the "the" before it when the grammar left it out ("The
/// 29-year-old" is found from the number on).
fn with_article(text: &str, span: Span) -> String {
    let mention = span.text(text);
    let before = text.get(..span.start).unwrap_or("").trim_end();
    let article = before
        .len()
        .checked_sub(3)
        .and_then(|k| before.get(k..))
        .filter(|w| w.eq_ignore_ascii_case("the"))
        .filter(|_| {
            before[..before.len() - 3]
                .chars()
                .last()
                .is_none_or(|c| !c.is_alphanumeric())
        });
    match article {
        Some(_) if !mention.to_lowercase().starts_with("the ") => format!("the {mention}"),
        _ => mention.to_string(),
    }
}

/// "the 29-year-old", "the then infantryman", "the Democrat", "the Vermont Republican".
fn is_anaphoric_description(mention: &str) -> bool {
    let words: Vec<String> = mention
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
                .to_lowercase()
        })
        .collect();
    let Some(last) = words.last() else {
        return false;
    };
    if words.first().map(String::as_str) != Some("the") || words.len() > 4 {
        return false;
    }
    let age = last.ends_with("-year-old") && last.starts_with(|c: char| c.is_ascii_digit());
    let then = words.get(1).map(String::as_str) == Some("then");
    let party = matches!(
        last.as_str(),
        "democrat" | "republican" | "independent" | "libertarian" | "conservative" | "liberal"
    ) && mention
        .split_whitespace()
        .last()
        .is_some_and(|w| w.starts_with(char::is_uppercase));
    age || then || party
}

/// Mentions that merge only with the very same words: vague groups, generic
/// documents, unnamed bodies ("police"), possessive roles with no holder named.
/// Puts the key for `mention` (its text) in `key` and says whether there is one.
fn exact_key(
    key: &mut String,
    mention: &str,
    info: &MentionInfo,
    name_words: &[Word],
    words: &Words,
) -> bool {
    let prefix = match info.kind {
        SourceKind::Vague => "vague:",
        SourceKind::Document if !info.definite => "doc:",
        SourceKind::Named if info.name.is_none() => "named:",
        // "The defence ministry in Halvard" and "the Halvard defence ministry" are one body.
        SourceKind::Named if info.entity == Entity::Organisation => {
            key.push_str("org:");
            push_body_key(key, name_words, words);
            return true;
        }
        SourceKind::Role | SourceKind::Anonymous
            if !info.definite && !info.indefinite && !info.pseudonym && info.name.is_none() =>
        {
            "group:"
        }
        _ => return false,
    };
    key.push_str(prefix);
    push_key_text(key, mention);
    true
}

/// A body's name words in alphabetical order, without linking words and "'s".
fn push_body_key(key: &mut String, name_words: &[Word], words: &Words) {
    let mut sorted: Vec<&str> = name_words
        .iter()
        .map(|&w| words.text(w))
        .filter(|w| !matches!(*w, "of" | "in" | "for" | "and" | "'s" | "at"))
        .map(|w| w.trim_end_matches("'s"))
        .collect();
    sorted.sort_unstable();
    for (i, w) in sorted.iter().enumerate() {
        if i > 0 {
            key.push(' ');
        }
        key.push_str(w);
    }
}
