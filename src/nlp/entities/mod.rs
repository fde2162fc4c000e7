//! Entity typing: finds the names in a tagged sentence and says what each names.
//!
//! Sources must be people or organisations, so the question that matters is whether
//! a name can speak: "Smith said" can, "Paris", "Monday" and "the Patriot Act" cannot.
//! There is no training data with entity labels here, so this is a rule system over
//! the part-of-speech tags: runs of proper nouns are the candidates, and each is typed
//! from its own words (titles, given names and surnames, organisation and place head
//! words, gazetteers; see `lexicon`) and then from its context (a reporting verb after
//! it, a role apposition, a preposition of place before it). A `Memory` carries the
//! names typed earlier in a document ("Jane Smith" … "Smith said").
//!
//! Names with no evidence either way are left out rather than guessed: a missing
//! type costs less than a wrong one. "Washington" is a place, even in "Washington
//! said" (where it stands for the government, which the caller may treat as a source:
//! a place is never a person); only a title ("Mr. Washington") or the document
//! ("George Washington" earlier) makes it a person, since the capital and the state
//! are the commoner readings in news. A given name that is also a smaller town
//! ("Elizabeth") is a place only after a preposition of place, otherwise untyped.

mod lexicon;

pub use lexicon::{is_major_place, kind_of_noun};

use crate::nlp::tags::Upos;
use rustc_hash::FxHashMap;
use std::borrow::Cow;

/// No name runs longer than this ("United Nations Educational, Scientific and Cultural
/// Organization" is nine words): a longer run of proper nouns is a list or a table, and
/// typing it word span by word span would cost time quadratic in its length.
const MAX_NAME_WORDS: usize = 10;

/// What a name names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EntityKind {
    Person,
    Organisation,
    Place,
    /// Weekdays, months, holidays.
    Time,
    /// Works, laws, products, events, nationalities and other groups.
    Other,
}

impl EntityKind {
    /// Whether a name of this kind can be the source of a statement.
    pub fn can_speak(self) -> bool {
        matches!(self, EntityKind::Person | EntityKind::Organisation)
    }
}

/// A typed name: word indices `start..end` (half-open) into the sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entity {
    pub start: usize,
    pub end: usize,
    pub kind: EntityKind,
}

/// Finds and types the names of one sentence on its own (no document memory).
/// `words` and `upos` are parallel; extra entries of the longer one are ignored.
pub fn find(words: &[&str], upos: &[Upos], out: &mut Vec<Entity>) {
    Memory::default().find(words, upos, out);
}

/// The names typed so far in one document, so that a later mention keeps its type:
/// "Jane Smith" makes "Smith" a person for the rest of the draft. Use one per document.
#[derive(Clone, Debug, Default)]
pub struct Memory {
    kinds: FxHashMap<String, EntityKind>,
}

impl Memory {
    pub fn new() -> Memory {
        Memory::default()
    }

    /// The type remembered for a lowercased name, if any.
    pub fn kind_of(&self, lower: &str) -> Option<EntityKind> {
        self.kinds.get(lower).copied()
    }

    /// Like [`find`], using and then extending what this document said before.
    pub fn find(&mut self, words: &[&str], upos: &[Upos], out: &mut Vec<Entity>) {
        out.clear();
        let n = words.len().min(upos.len());
        // Only a proper noun or an e-mail name ("Warner@ENRON") starts a name.
        let candidate = |i: usize| upos[i] == Upos::PROPN || words[i].contains('@');
        if !(0..n).any(candidate) {
            return;
        }
        let sentence = Sentence::new(&words[..n], &upos[..n]);
        let mut i = 0;
        while i < n {
            if !sentence.is_name_word(i) {
                i += 1;
                continue;
            }
            let end = sentence.span_end(i);
            let start = sentence.extend_left(i, end);
            let first = out.len();
            self.type_span(&sentence, start, end, out);
            for &entity in &out[first..] {
                self.remember(&sentence, entity);
            }
            i = end;
        }
    }

    fn remember(&mut self, s: &Sentence, e: Entity) {
        let full = s.joined(e.start, e.end);
        if e.kind == EntityKind::Person {
            // Each word of a person's name stands for the person later on.
            for w in &s.lower[e.start..e.end] {
                if w.chars().filter(|c| c.is_alphabetic()).count() > 1
                    && !lexicon::is_person_title(w)
                {
                    self.kinds
                        .entry(w.to_string())
                        .or_insert(EntityKind::Person);
                }
            }
        }
        self.kinds.entry(full).or_insert(e.kind);
    }

    /// Types the candidate span `start..end` into `out`: trimming a title off its
    /// front, or splitting two names run together ("Miramar Florida").
    fn type_span(&self, s: &Sentence, start: usize, end: usize, out: &mut Vec<Entity>) {
        let mut push = |start, end, kind: Option<EntityKind>| {
            if let Some(kind) = kind {
                out.push(Entity { start, end, kind });
            }
        };
        if s.storm_before(start) {
            // "Hurricane Rita": the name alone is remembered, so that a later "Rita" stays a storm.
            let first = if is_storm_word(&s.lower[start]) && end - start >= 2 {
                start + 1
            } else {
                start
            };
            return push(first, end, Some(EntityKind::Other));
        }
        // "President Bush": the title is evidence, not part of the name.
        let mut first = start;
        while end - first >= 2
            && lexicon::is_person_title(&s.lower[first])
            && !is_place_prefix(&s.lower[first])
        {
            first += 1;
        }
        if end - first == 1 && is_title_or_role(&s.lower[first]) {
            return; // "Director", "Mr.": a title alone names no one.
        }
        if first > start {
            return push(first, end, self.kind_with_title(s, first, end));
        }
        let titled = s.title_before(start);
        // "Tucson Arizona", "brittany france": a place, then the country or state it is in
        // (but "George Washington"; lowercase web text says nothing about which).
        let place_then_country = lexicon::is_major_place(s.lower_at(end - 1))
            && (!s.capitalised(start) || {
                let before = s.joined(start, end - 1);
                lexicon::is_place_name(&before) && !lexicon::is_given_name(&before)
            });
        if end - start >= 2 && place_then_country && own_words_kind(s, start, end).is_none() {
            push(start, end - 1, self.kind_of_span(s, start, end - 1, titled));
            return push(end - 1, end, Some(EntityKind::Place));
        }
        if let Some(kind) = self.kind_of_span(s, start, end, titled) {
            return push(start, end, Some(kind));
        }
        if let Some(at) = split_point(s, start, end) {
            push(start, at, self.kind_of_span(s, start, at, titled));
            push(at, end, self.kind_of_span(s, at, end, false));
        }
    }

    /// A span after a title: a person unless its own words say otherwise
    /// ("President Bush", "Mr. Washington", but "General Motors Corp.").
    fn kind_with_title(&self, s: &Sentence, start: usize, end: usize) -> Option<EntityKind> {
        match own_words_kind(s, start, end) {
            Some(kind) if kind != EntityKind::Place => Some(kind),
            _ => Some(EntityKind::Person),
        }
    }

    fn kind_of_span(
        &self,
        s: &Sentence,
        start: usize,
        end: usize,
        titled: bool,
    ) -> Option<EntityKind> {
        let whole = s.joined(start, end);
        let remembered = self.kind_of(&whole);
        if let Some(kind) = own_words_kind(s, start, end) {
            if kind != EntityKind::Place {
                return Some(kind);
            }
            // "Mr. Washington", or "Washington" after "George Washington".
            // A country or a large city stays a place when it speaks ("France said").
            let speaks = s.speaks(start, end)
                && !lexicon::is_major_place(&whole)
                && lexicon::is_given_name(&whole);
            let person = titled || remembered == Some(EntityKind::Person) || speaks;
            if person && may_be_person(s, start, end) {
                return Some(EntityKind::Person);
            }
            // A given name that is also a town ("Elizabeth", "Norman") needs a preposition of place.
            if end - start == 1
                && lexicon::is_given_name(&whole)
                && !lexicon::is_major_place(&whole)
                && !s.place_preposition_before(start)
            {
                return None;
            }
            return Some(kind);
        }
        if s.is_acronym(start, end) {
            return Some(EntityKind::Organisation);
        }
        if titled || remembered == Some(EntityKind::Person) {
            return Some(EntityKind::Person);
        }
        if let Some(kind) = remembered {
            return Some(kind);
        }
        if looks_like_person_name(s, start, end)
            || (s.speaks(start, end) && end - start <= 3 && may_be_person(s, start, end))
        {
            return Some(EntityKind::Person);
        }
        None
    }
}

/// Where a span of two names run together splits: after a leading place
/// ("London St Pancras") or before a trailing one ("Miramar Florida").
fn split_point(s: &Sentence, start: usize, end: usize) -> Option<usize> {
    if end - start < 2 {
        return None;
    }
    let leading = (start + 1..end)
        .rev()
        .find(|&at| lexicon::is_place_name(&s.joined(start, at)));
    leading.or_else(|| (start + 1..end).find(|&at| lexicon::is_place_name(&s.joined(at, end))))
}

fn is_storm_word(lower: &str) -> bool {
    matches!(
        lower,
        "hurricane" | "storm" | "typhoon" | "cyclone" | "tropical"
    )
}

fn is_title_or_role(lower: &str) -> bool {
    lexicon::is_person_title(lower) || lexicon::is_role_noun(lower)
}

/// Titles that begin place names and are kept with them ("St. Louis", "Saint Lucia").
fn is_place_prefix(lower: &str) -> bool {
    matches!(lower, "st." | "st" | "saint" | "ste." | "san" | "santa")
}

/// What the words of a name say by themselves: head words, gazetteers, time words.
fn own_words_kind(s: &Sentence, start: usize, end: usize) -> Option<EntityKind> {
    let words = &s.lower[start..end];
    let (first, last) = (words[0].as_ref(), words[words.len() - 1].as_ref());
    let whole = s.joined(start, end);
    let several = words.len() >= 2;
    if lexicon::is_place_name(&whole) {
        return Some(EntityKind::Place);
    }
    if words.iter().all(|w| lexicon::is_time_word(w))
        || (several && lexicon::is_time_head(last) && !lexicon::is_org_head(first))
    {
        return Some(EntityKind::Time);
    }
    if !several && (lexicon::is_group_word(first) || lexicon::is_celestial_body(first)) {
        return Some(EntityKind::Other);
    }
    if several && (lexicon::is_org_head(last) || org_head_before_of(words)) {
        return Some(EntityKind::Organisation);
    }
    // "Ray 's Pizza", "Barry 's Auto Tech": named after its owner, a business.
    if several
        && words
            .iter()
            .any(|w| matches!(w.as_ref(), "'s" | "s" | "’s"))
    {
        return Some(EntityKind::Organisation);
    }
    if lexicon::is_single_word_institution(&whole) {
        return Some(EntityKind::Organisation);
    }
    if several && is_place_by_words(words) {
        return Some(EntityKind::Place);
    }
    if !several && lexicon::is_us_state_code(first) && s.upper_case(start) {
        return Some(EntityKind::Place);
    }
    if several && lexicon::is_other_head(last) {
        return Some(EntityKind::Other);
    }
    None
}

/// "Ministry of Health", "Bank of England": an organisation word before "of".
fn org_head_before_of(words: &[Cow<str>]) -> bool {
    words
        .windows(2)
        .any(|p| (p[1] == "of" || p[1] == "for") && lexicon::is_org_head_before_of(&p[0]))
}

/// "Golden Gate Bridge", "Lake Tahoe", "Northern Iraq": a place head at either end.
fn is_place_by_words(words: &[Cow<str>]) -> bool {
    let (first, last) = (words[0].as_ref(), words[words.len() - 1].as_ref());
    if lexicon::is_place_head(last) {
        return true;
    }
    let rest = words[1..].join(" ");
    match first {
        "lake" | "mount" | "mt." | "fort" | "ft." | "cape" | "gulf" | "isle" | "camp" | "port"
        | "st." | "st" | "saint" | "ste." => true,
        _ => lexicon::is_place_head_before(first) && lexicon::is_place_name(&rest),
    }
}

/// Given name first ("Jane Smith"), or two or three capitalised words ending in a
/// common surname ("Tony Blair" where "Tony" is not on the list).
fn looks_like_person_name(s: &Sentence, start: usize, end: usize) -> bool {
    let words = &s.lower[start..end];
    let len = words.len();
    if len > 4 || !may_be_person(s, start, end) {
        return false;
    }
    // "the Hilton", "the Santa of nuclear weapons": a person's name takes no article.
    if start > 0 && matches!(s.lower_at(start - 1), "the" | "a" | "an") {
        return false;
    }
    let first = words[0].as_ref();
    if lexicon::is_given_name(first) && (len >= 2 || s.capitalised(start)) {
        return true;
    }
    (2..=3).contains(&len)
        && lexicon::is_surname(&words[len - 1])
        && s.capitalised(start)
        && s.capitalised(end - 1)
}

/// No word of the span rules out a person (a head word, a place, a time word).
fn may_be_person(s: &Sentence, start: usize, end: usize) -> bool {
    let last = s.lower_at(end - 1);
    let head =
        lexicon::is_org_head(last) || lexicon::is_place_head(last) || lexicon::is_other_head(last);
    !head
        && !s.lower[start..end]
            .iter()
            .any(|w| lexicon::is_time_word(w) || lexicon::is_group_word(w))
        && !s.is_acronym(start, end)
}

/// One sentence with its lowercased words, shared by the typing steps.
/// `word` in lower case, without a copy when it has no capital.
fn lowercase(word: &str) -> Cow<'_, str> {
    if word.chars().any(char::is_uppercase) {
        Cow::Owned(word.to_lowercase())
    } else {
        Cow::Borrowed(word)
    }
}

struct Sentence<'a> {
    words: &'a [&'a str],
    upos: &'a [Upos],
    /// Lowercased words, borrowed where a word has no capital (most words).
    lower: Vec<Cow<'a, str>>,
    /// Most words in capitals: capitals then say nothing about acronyms.
    shouting: bool,
}

impl<'a> Sentence<'a> {
    fn new(words: &'a [&'a str], upos: &'a [Upos]) -> Sentence<'a> {
        let lower = words.iter().map(|w| lowercase(w)).collect();
        let lettered: Vec<&&str> = words
            .iter()
            .filter(|w| w.chars().any(char::is_alphabetic))
            .collect();
        let capitals = lettered.iter().filter(|w| is_all_caps(w)).count();
        let shouting = lettered.len() >= 3 && capitals * 2 > lettered.len();
        Sentence {
            words,
            upos,
            lower,
            shouting,
        }
    }

    fn len(&self) -> usize {
        self.words.len()
    }

    fn lower_at(&self, i: usize) -> &str {
        self.lower.get(i).map_or("", |w| w.as_ref())
    }

    /// The lowercased words joined by spaces, but hyphens split off by the
    /// tokeniser joined back ("al - qaeda" → "al-qaeda").
    fn joined(&self, start: usize, end: usize) -> String {
        let mut out = String::new();
        for (k, w) in self.lower[start..end].iter().enumerate() {
            let glued = w == "-" || (k > 0 && self.lower[start + k - 1] == "-");
            if k > 0 && !glued {
                out.push(' ');
            }
            out.push_str(w);
        }
        out
    }

    /// A word that can be part of a name: a proper noun with a letter or digit in it.
    /// Links, addresses and symbols are not names.
    fn is_name_word(&self, i: usize) -> bool {
        let w = self.words[i];
        if !w.chars().any(char::is_alphanumeric) || w.contains("://") || w.starts_with("www.") {
            return false;
        }
        // "Traci Warner@ENRON" in an e-mail header is a name; "x@y.com" is an address.
        if let Some((_, domain)) = w.split_once('@') {
            return !domain.contains('.') && self.capitalised(i);
        }
        self.upos[i] == Upos::PROPN
    }

    /// Where the name starting at `start` ends: the run of name words, across the
    /// small words inside names ("Bank of England", "AT & T", "Leonardo da Vinci").
    fn span_end(&self, start: usize) -> usize {
        let mut end = start + 1;
        let limit = self.len().min(start + MAX_NAME_WORDS);
        while end < limit {
            if self.is_name_word(end) {
                end += 1;
            } else if end + 1 < limit && self.is_name_word(end + 1) && self.joins_names(start, end)
            {
                end += 2;
            } else {
                break;
            }
        }
        end
    }

    /// Whether the small word at `i` continues the name begun at `start`.
    fn joins_names(&self, start: usize, i: usize) -> bool {
        let before = self.lower_at(i - 1);
        match self.lower_at(i) {
            "&" => true,
            // "Al - Qaeda", "American - Arab": a hyphen split off between two names.
            "-" => self.capitalised(i - 1) || matches!(before, "al" | "el" | "bin" | "abu" | "ibn"),
            // "Ray 's Pizza": a possessive inside a business's name.
            "'s" | "s" | "’s" => {
                self.capitalised(i + 1)
                    && self.upos.get(i + 1) == Some(&Upos::PROPN)
                    && self.capitalised(i - 1)
            }
            // "CCNG , Inc."
            "," => matches!(
                self.lower_at(i + 1),
                "inc." | "inc" | "ltd." | "ltd" | "llc" | "corp." | "co." | "l.p." | "plc"
            ),
            // "Department of Housing and Urban Development": only inside an "X of" organisation.
            "and" => {
                self.capitalised(i + 1)
                    && (start..i).any(|k| {
                        lexicon::is_org_head_before_of(self.lower_at(k))
                            && self.lower_at(k + 1) == "of"
                    })
            }
            "of" | "for" => lexicon::is_org_head_before_of(before) || is_place_before_of(before),
            "de" | "da" | "del" | "della" | "di" | "du" | "van" | "von" | "der" | "bin" | "ibn"
            | "al" | "le" | "la" => self.capitalised(i - 1) && self.capitalised(i + 1),
            _ => false,
        }
    }

    /// Capitalised adjectives and nouns before a name that belong to it: "New" in
    /// "New York" and "United" in "United States" (tagged ADJ in EWT), "Israeli" in
    /// "Israeli Defense Forces".
    fn extend_left(&self, start: usize, end: usize) -> usize {
        let mut first = start;
        while first > 0
            && self.capitalised(first - 1)
            && matches!(self.upos[first - 1], Upos::ADJ | Upos::NOUN)
            && !is_all_caps(self.words[first - 1])
        {
            first -= 1;
        }
        if first == start {
            return start;
        }
        let last = self.lower_at(end - 1);
        (first..start)
            .find(|&k| lexicon::is_place_name(&self.joined(k, end)) || lexicon::is_org_head(last))
            .unwrap_or(start)
    }

    /// "Hurricane Katrina", "Tropical Storm Rita": a storm, not a person.
    fn storm_before(&self, start: usize) -> bool {
        is_storm_word(self.lower_at(start.wrapping_sub(1))) || is_storm_word(self.lower_at(start))
    }

    fn place_preposition_before(&self, start: usize) -> bool {
        start > 0
            && matches!(
                self.lower_at(start - 1),
                "in" | "at"
                    | "near"
                    | "from"
                    | "to"
                    | "into"
                    | "across"
                    | "throughout"
                    | "outside"
                    | "around"
                    | "via"
            )
    }

    fn capitalised(&self, i: usize) -> bool {
        self.words
            .get(i)
            .and_then(|w| w.chars().next())
            .is_some_and(char::is_uppercase)
    }

    fn upper_case(&self, i: usize) -> bool {
        self.words.get(i).is_some_and(|w| is_all_caps(w))
    }

    fn is_acronym(&self, start: usize, end: usize) -> bool {
        end - start == 1 && !self.shouting && is_acronym_word(self.words[start])
    }

    /// A title or a role noun right before the name ("president Bush", "Mr. Smith",
    /// "spokeswoman Jane Doe").
    fn title_before(&self, start: usize) -> bool {
        start > 0 && {
            let w = self.lower_at(start - 1);
            (lexicon::is_person_title(w) && !lexicon::is_weak_title(w)) || lexicon::is_role_noun(w)
        }
    }

    /// Context that makes the name a speaker or a person: a reporting verb after it
    /// ("Smith said", "Smith has said"), an apposition ("Smith, 37," / "Smith, a
    /// spokeswoman"), or "according to" before it.
    fn speaks(&self, start: usize, end: usize) -> bool {
        let according = start >= 2
            && self.lower_at(start - 2) == "according"
            && self.lower_at(start - 1) == "to";
        self.verb_after(end) || according || self.role_apposition(end)
    }

    /// A reporting verb right after a name ("Smith said", "Smith has also said").
    fn verb_after(&self, end: usize) -> bool {
        let mut i = end;
        while matches!(
            self.lower_at(i),
            "has" | "had" | "also" | "then" | "later" | "once"
        ) {
            i += 1;
        }
        lexicon::is_reporting_verb(self.lower_at(i))
    }

    fn role_apposition(&self, end: usize) -> bool {
        if self.lower_at(end) != "," {
            return false;
        }
        if self.upos.get(end + 1) == Some(&Upos::NUM) && self.lower_at(end + 2) == "," {
            return true;
        }
        if !matches!(self.lower_at(end + 1), "a" | "an" | "the" | "who" | "whose") {
            return false;
        }
        if matches!(self.lower_at(end + 1), "who" | "whose") {
            return true;
        }
        // The role noun is the first noun of the apposition ("a former senior spokeswoman").
        (end + 2..(end + 6).min(self.len()))
            .find(|&i| self.upos[i] == Upos::NOUN)
            .is_some_and(|i| lexicon::is_role_noun(self.lower_at(i)))
    }
}

fn is_place_before_of(lower: &str) -> bool {
    matches!(
        lower,
        "republic"
            | "kingdom"
            | "gulf"
            | "bay"
            | "isle"
            | "city"
            | "state"
            | "province"
            | "strait"
            | "straits"
            | "cape"
            | "sea"
            | "district"
            | "county"
            | "islands"
            | "commonwealth"
    )
}

/// Letters all capitals ("NATO", "U.S.", "AT&T"), two to four of them, or more
/// with dots: a longer all-capitals word is more often a word shouted ("HORSE").
fn is_acronym_word(w: &str) -> bool {
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    let max = if w.contains('.') { 6 } else { 4 };
    (2..=max).contains(&letters)
        && is_all_caps(w)
        && w.chars()
            .all(|c| c.is_alphabetic() || matches!(c, '.' | '&'))
}

fn is_all_caps(w: &str) -> bool {
    let mut letters = w.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some() && letters.all(char::is_uppercase)
}

#[cfg(test)]
mod tests;
