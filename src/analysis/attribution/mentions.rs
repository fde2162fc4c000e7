//! Source mentions: the noun phrase that names who is speaking, and what kind of
//! source it is (named, role, anonymous, vague, pronoun, document).
//!
//! There is no parser here. A mention is grown outwards from the word next to
//! the cue with a small noun-phrase grammar: chunks of [determiner] modifiers
//! head, joined by prepositions ("a spokesperson for the ministry") or
//! possessives ("Russia's deputy foreign minister").

use super::cues::at_sentence_start;
use super::grammar::*;
use super::SourceKind;
use crate::analysis::tokens::{Token, TokenKind};
use crate::lexicon::attribution::{lexicon, Gender, HeadClass, HeadEntry, Number};
use crate::lexicon::norm::Norm;
use crate::nlp::entities::EntityKind;
use crate::nlp::tags::Upos;

/// A token range `[start, end)` inside one sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Np {
    pub start: usize,
    pub end: usize,
}

/// What sort of thing a source is, for pronoun agreement and merging.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Entity {
    Person,
    Organisation,
    Group,
    Document,
    Unknown,
}

/// Everything the classifier learned about one mention.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MentionInfo {
    pub kind: SourceKind,
    pub entity: Entity,
    pub number: Number,
    pub gender: Option<Gender>,
    /// The proper name without titles: "Volodymyr Zelensky", "Security Service of Ukraine".
    pub name: Option<Norm>,
    /// The role or title word: "president", "spokesperson".
    pub title: Option<Norm>,
    /// A named possessor: "ukraine" in "Ukraine's President".
    pub possessor: Option<Norm>,
    /// The head noun, lower case: "official", "experts", "report".
    pub head: Option<Norm>,
    pub definite: bool,
    pub indefinite: bool,
    /// Introduced as not the person's real name.
    pub pseudonym: bool,
    /// The pronoun itself, lower case, for pronoun mentions.
    pub pronoun: Option<Norm>,
}

impl MentionInfo {
    /// A link or footnote: a specific source that is neither person nor body.
    pub fn citation() -> Self {
        let mut m = MentionInfo::new(SourceKind::Citation);
        m.entity = Entity::Document;
        m
    }

    fn new(kind: SourceKind) -> Self {
        MentionInfo {
            kind,
            entity: Entity::Unknown,
            number: Number::Singular,
            gender: None,
            name: None,
            title: None,
            possessor: None,
            head: None,
            definite: false,
            indefinite: false,
            pseudonym: false,
            pronoun: None,
        }
    }
}

/// Can this token end a noun phrase?
pub fn can_be_head(toks: &[Token], i: usize) -> bool {
    let t = &toks[i];
    // "the 46-year-old", "six in 10", "43 said".
    if t.kind == TokenKind::Number {
        return true;
    }
    t.kind == TokenKind::Word
        && !is_non_head(&t.norm)
        && !is_subject_pronoun(&t.norm)
        && (!is_verb_adverb(&t.norm) || t.cap || is_head_noun(&t.norm))
}

/// Adverbs that cannot sit inside a noun phrase ("also", "recently"); "first" and
/// "last" can ("the first letter").
fn is_chunk_breaking_adverb(w: &str) -> bool {
    is_verb_adverb(w)
        && !matches!(
            w,
            "first" | "last" | "long" | "only" | "all" | "both" | "each" | "even"
        )
}

/// A reporting verb that is not also a noun: it cannot sit inside a noun phrase.
fn is_verb_only_cue(w: &str) -> bool {
    let lex = lexicon();
    lex.cues.starts_with(w) && !lex.homographs.contains(w)
}

/// Does a head noun of two or more words start at `k` ("press secretary")? Then its
/// first word is a noun, whatever cue it may also open ("press for").
fn starts_compound_head(toks: &[Token], k: usize) -> bool {
    let words: Vec<&str> = toks[k..(k + 4).min(toks.len())]
        .iter()
        .map(|t| t.norm.as_str())
        .collect();
    lexicon()
        .heads
        .longest_match(&words, 0)
        .is_some_and(|(len, _)| len > 1)
}

fn is_document_head(w: &str) -> bool {
    lexicon()
        .heads
        .longest_match(&[w], 0)
        .is_some_and(|(_, e)| e.class == HeadClass::Document)
}

fn is_head_noun(w: &str) -> bool {
    lexicon().heads.longest_match(&[w], 0).is_some()
}

/// One chunk ending at `last`: [determiner] modifiers head. Returns its first token.
fn chunk_left(toks: &[Token], last: usize, floor: usize) -> Option<usize> {
    if !can_be_head(toks, last) {
        return None;
    }
    let mut start = last;
    let mut j = last;
    while j > floor {
        let p = &toks[j - 1];
        match p.kind {
            TokenKind::Possessive => {
                // "the battalion's commander": take the possessor too.
                if j - 1 > floor && can_be_head(toks, j - 2) {
                    start = j - 2;
                    j -= 2;
                    continue;
                }
                break;
            }
            TokenKind::Word => {
                let w = p.norm.as_str();
                if is_determiner(w) {
                    start = j - 1;
                    break;
                }
                if is_non_head(w)
                    || is_subject_pronoun(w)
                    || (is_chunk_breaking_adverb(w) && !p.cap)
                    || is_verb_only_cue(w)
                        && !p.cap
                        && !is_head_noun(w)
                        && !starts_compound_head(toks, j - 1)
                {
                    break;
                }
                start = j - 1;
                j -= 1;
            }
            TokenKind::Number => {
                start = j - 1;
                j -= 1;
            }
            TokenKind::Punct
                if (p.norm == "&" || p.norm == "/") && j - 1 > floor && toks[j - 2].cap =>
            {
                start = j - 2;
                j -= 2;
            }
            _ => break,
        }
    }
    Some(start)
}

/// Is `toks[start..end]` a time expression ("Tuesday", "last week")?
pub fn is_time_chunk(toks: &[Token], start: usize, end: usize) -> bool {
    // "The Times" is a newspaper; "Tuesday" and "March" are times.
    let time = |t: &Token| {
        is_time_word(&t.norm) && (!t.cap || is_calendar_name(&t.norm) || t.norm == "today")
    };
    let words = || toks[start..end].iter().filter(|t| t.is_word());
    let all_time_words = words().any(time)
        && words().all(|t| {
            time(t)
                || (!t.cap || start == 0) && is_determiner(&t.norm)
                || matches!(t.norm.as_str(), "last" | "next" | "this" | "early" | "late")
        });
    let year = toks[start..end]
        .iter()
        .any(|t| t.kind == TokenKind::Number && t.norm.len() == 4)
        && toks[start..end]
            .iter()
            .all(|t| t.kind == TokenKind::Number || time(t));
    all_time_words || year
}

/// Skip a time adverbial that ends at `last` ("on Tuesday", "last week"); returns the new last token.
pub fn skip_time_left(toks: &[Token], last: usize, floor: usize) -> usize {
    let mut last = skip_ago_left(toks, last, floor);
    loop {
        if last <= floor
            || !toks[last].is_wordlike()
            || !is_time_word(&toks[last].norm) && toks[last].kind != TokenKind::Number
        {
            return last;
        }
        let mut s = last;
        while s > floor
            && toks[s - 1].is_wordlike()
            && (is_time_word(&toks[s - 1].norm)
                || toks[s - 1].kind == TokenKind::Number
                || matches!(
                    toks[s - 1].norm.as_str(),
                    "last" | "next" | "this" | "early" | "late" | "the"
                ))
        {
            s -= 1;
        }
        if !is_time_chunk(toks, s, last + 1) {
            return last;
        }
        if s > floor
            && matches!(
                toks[s - 1].norm.as_str(),
                "on" | "in" | "at" | "during" | "late" | "early" | "since" | "by" | "over"
            )
        {
            s -= 1;
        } else if !toks[s..=last].iter().any(|t| {
            matches!(
                t.norm.as_str(),
                "last" | "this" | "next" | "yesterday" | "today"
            )
        }) {
            return last;
        }
        if s == 0 || s <= floor {
            return last;
        }
        last = s - 1;
    }
}

/// Skip "two weeks ago", "less than a month ago" ending at `last`.
fn skip_ago_left(toks: &[Token], last: usize, floor: usize) -> usize {
    if toks[last].norm != "ago" {
        return last;
    }
    let mut s = last;
    while s > floor
        && toks[s - 1].is_wordlike()
        && (is_time_word(&toks[s - 1].norm)
            || toks[s - 1].kind == TokenKind::Number
            || is_determiner(&toks[s - 1].norm)
            || matches!(
                toks[s - 1].norm.as_str(),
                "a" | "an"
                    | "few"
                    | "less"
                    | "more"
                    | "than"
                    | "about"
                    | "just"
                    | "only"
                    | "nearly"
            ))
    {
        s -= 1;
    }
    if s == last || s <= floor {
        return last;
    }
    s - 1
}

/// The noun phrase ending at `last` (inclusive), no further left than `floor`.
pub fn np_left(toks: &[Token], last: usize, floor: usize) -> Option<Np> {
    let mut start = chunk_left(toks, last, floor)?;
    let first_chunk = start;
    loop {
        if start < floor + 2 {
            break;
        }
        let link = &toks[start - 1];
        let joins_names = link.norm == "and" && toks[start].cap && toks[start - 2].cap;
        // "a poll by the institute": a text and its author.
        let authored = link.norm == "by" && is_document_head(&toks[start - 2].norm);
        if link.kind == TokenKind::Word
            && (is_np_preposition(&link.norm) || joins_names || authored)
        {
            if is_time_chunk(toks, start, last + 1) {
                break;
            }
            if let Some(s2) = chunk_left(toks, start - 2, floor) {
                // "of", "for" always join; a place preposition only joins a noun, not a verb.
                start = s2;
                continue;
            }
        }
        break;
    }
    // A very long phrase is more likely a clause: keep the chunk nearest the cue.
    if last + 1 - start > 16 {
        start = first_chunk;
    }
    Some(Np {
        start,
        end: last + 1,
    })
}

/// One chunk starting at `first`. Returns its end (exclusive).
fn chunk_right(toks: &[Token], first: usize, ceil: usize) -> Option<usize> {
    let mut j = first;
    if j < ceil && toks[j].is_word() && is_determiner(&toks[j].norm) {
        j += 1;
    }
    let body = j;
    // "one of the aides", "each of them": the quantifier heads the phrase and "of" joins it.
    if body == first + 1
        && is_partitive_quantifier(&toks[first].norm)
        && toks.get(body).is_some_and(|t| t.norm == "of")
        && body + 1 < ceil
    {
        return Some(body);
    }
    while j < ceil {
        let t = &toks[j];
        match t.kind {
            TokenKind::Word => {
                let w = t.norm.as_str();
                // "its only ally", "the only senator": "only" as an adjective.
                let after_determiner = j > first
                    && (is_determiner(&toks[j - 1].norm)
                        || toks[j - 1].kind == TokenKind::Possessive);
                if w == "only" && after_determiner && j + 1 < ceil && toks[j + 1].is_word() {
                    j += 1;
                    continue;
                }
                if is_non_head(w) || is_subject_pronoun(w) {
                    break;
                }
                if !t.cap
                    && is_verb_only_cue(w)
                    && !is_head_noun(w)
                    && j > body
                    && !starts_compound_head(toks, j)
                {
                    break;
                }
                if is_verb_adverb(w) && !t.cap && !is_head_noun(w) {
                    break;
                }
                j += 1;
            }
            TokenKind::Number | TokenKind::Possessive => j += 1,
            // "AT&T", "a Kestrel/Alder poll": a sign joining two names.
            TokenKind::Punct
                if (t.norm == "&" || (t.norm == "/" && j > first && toks[j - 1].cap))
                    && j + 1 < ceil
                    && toks[j + 1].cap =>
            {
                j += 1
            }
            _ => break,
        }
    }
    // A chunk must end on a noun-like word.
    while j > body && !can_be_head(toks, j - 1) {
        j -= 1;
    }
    // "thought by some", "according to many": a quantifier standing alone.
    if j == body && body == first + 1 && is_pronoun_like(&toks[first].norm) {
        return Some(body);
    }
    (j > body).then_some(j)
}

/// The noun phrase starting at `first`, no further right than `ceil`.
pub fn np_right(toks: &[Token], first: usize, ceil: usize) -> Option<Np> {
    let mut end = chunk_right(toks, first, ceil)?;
    while end + 1 < ceil {
        let link = &toks[end];
        // "images published by the Open Terrain Project": a participle with its agent
        // (the participle itself may have stopped the chunk, being a reporting verb).
        if link.is_word()
            && !link.cap
            && link.norm.ends_with("ed")
            && matches!(toks[end + 1].norm.as_str(), "by" | "in" | "on" | "at")
            && end + 2 < ceil
        {
            if let Some(e2) = chunk_right(toks, end + 2, ceil) {
                end = e2;
                continue;
            }
        }
        // "calculations by Ann Lee", "a study by the institute": a text and its author.
        let authored = link.norm == "by" && is_document_head(&toks[end - 1].norm);
        if matches!(link.norm.as_str(), "by" | "in" | "on" | "at")
            && end > first
            && (toks[end - 1].norm.ends_with("ed") && !toks[end - 1].cap || authored)
        {
            if let Some(e2) = chunk_right(toks, end + 1, ceil) {
                end = e2;
                continue;
            }
        }
        if !(link.is_word()
            && matches!(
                link.norm.as_str(),
                "of" | "for" | "at" | "from" | "with" | "to" | "in"
            ))
        {
            break;
        }
        let Some(e2) = chunk_right(toks, end + 1, ceil) else {
            break;
        };
        if is_time_chunk(toks, end + 1, e2) {
            break;
        }
        end = e2;
    }
    Some(Np { start: first, end })
}

/// Does `toks[start..end]` contain an anonymity marker ("on condition of anonymity")?
pub fn has_anonymity_marker(toks: &[Token], norms: &[&str], start: usize, end: usize) -> bool {
    let lex = lexicon();
    let end = end.min(toks.len());
    (start..end).any(|i| lex.anonymity.longest_match(&norms[..end], i).is_some())
}

/// "Michael, not his real name" / "who asked to be identified only as Michael".
pub fn is_pseudonym_note(norms: &[&str], start: usize, end: usize) -> bool {
    let seg = &norms[start..end.min(norms.len())];
    seg.windows(2).any(|w| w == ["real", "name"])
        || seg.contains(&"pseudonym")
        || seg
            .windows(2)
            .any(|w| w == ["name", "changed"] || w == ["been", "changed"])
}

/// The head-noun entry for the word at `i`, trying multi-word heads that end there.
fn head_at(norms: &[&str], i: usize, lo: usize) -> Option<(usize, &'static HeadEntry)> {
    let lex = lexicon();
    for back in (0..3).rev() {
        if i < lo + back {
            continue;
        }
        let s = i - back;
        if let Some((len, e)) = lex.heads.longest_match(&norms[..=i], s) {
            if s + len == i + 1 {
                return Some((s, e));
            }
        }
    }
    None
}

/// Is this capitalised word part of a proper name here?
fn is_name_word(toks: &[Token], norms: &[&str], i: usize) -> bool {
    let t = &toks[i];
    if !t.cap || t.kind != TokenKind::Word {
        return false;
    }
    let w = norms[i];
    if is_determiner(w) || is_subject_pronoun(w) || is_clause_boundary(w) || is_auxiliary(w) {
        return false;
    }
    // "He'd", "They're": a pronoun however written; "Tuesday Horowitz": a day before a name.
    if t.upos == Upos::PRON || t.entity == Some(EntityKind::Time) || is_weekday(w) {
        return false;
    }
    if at_sentence_start(toks, i) {
        // A sentence-initial capital proves nothing for common words.
        let next_cap = toks.get(i + 1).is_some_and(|n| n.cap && n.is_word());
        let common = head_at(norms, i, i).is_some()
            || is_verb_only_cue(w)
            || is_np_preposition(w)
            || is_verb_adverb(w)
            || is_time_word(w) && !next_cap;
        if common && !(next_cap && is_honorific_or_title(norms, i)) {
            return false;
        }
    }
    true
}

fn is_weekday(w: &str) -> bool {
    is_calendar_name(w) && w.ends_with("day")
}

fn is_honorific_or_title(norms: &[&str], i: usize) -> bool {
    let lex = lexicon();
    lex.honorifics.longest_match(norms, i).is_some()
        || head_at(norms, i, i).is_some_and(|(_, e)| e.class == HeadClass::Role)
}

fn honorific_gender(norms: &[&str], i: usize) -> Option<Option<Gender>> {
    lexicon()
        .honorifics
        .longest_match(norms, i)
        .map(|(_, g)| *g)
}

fn text_of(toks: &[Token], text: &str, start: usize, end: usize) -> Norm {
    if start >= end {
        return Norm::default();
    }
    Norm::new(&text[toks[start].span.start..toks[end - 1].span.end])
}

/// Organisation words inside a capitalised name: "Foreign Ministry", "Kyiv School of Economics".
fn has_org_word(norms: &[&str], start: usize, end: usize) -> bool {
    (start..end).any(|i| {
        head_at(norms, i, start).is_some_and(|(_, e)| e.class == HeadClass::Organisation)
            || matches!(
                norms[i],
                "school"
                    | "university"
                    | "institute"
                    | "service"
                    | "times"
                    | "post"
                    | "journal"
                    | "news"
                    | "press"
                    | "inc"
                    | "corp"
                    | "ltd"
                    | "llc"
                    | "plc"
                    | "group"
                    | "foundation"
                    | "project"
                    | "centre"
                    | "center"
                    | "bank"
                    | "fund"
            )
    })
}

/// Classify the mention `np` (inside one sentence's tokens). `context` is a token range
/// (usually from the mention to the cue) searched for anonymity markers.
pub fn classify(
    toks: &[Token],
    norms: &[&str],
    text: &str,
    np: Np,
    context: (usize, usize),
) -> MentionInfo {
    let lex = lexicon();
    let (s, e) = (np.start, np.end);
    // Pronouns.
    if e == s + 1 && (is_subject_pronoun(norms[s]) || is_relative_pronoun(norms[s])) {
        let mut m = MentionInfo::new(SourceKind::Pronoun);
        m.pronoun = Some(Norm::new(norms[s]));
        m.number = match norms[s] {
            "they" | "we" => Number::Plural,
            _ => Number::Singular,
        };
        m.gender = match norms[s] {
            "he" => Some(Gender::Male),
            "she" => Some(Gender::Female),
            _ => None,
        };
        m.entity = match norms[s] {
            "it" | "which" => Entity::Organisation,
            "they" => Entity::Group,
            _ => Entity::Person,
        };
        return m;
    }

    // The main phrase ends at the first comma (an appositive follows) or relative pronoun.
    let main_end = (s..e)
        .find(|&i| toks[i].is_punct(",") || is_relative_pronoun(norms[i]) || toks[i].is_punct("("))
        .unwrap_or(e);
    // The first chunk ends at the first preposition: its last word is the head.
    let head_idx = {
        let mut k = s;
        let mut last_word = None;
        while k < main_end {
            let t = &toks[k];
            let ends_chunk = is_np_preposition(&t.norm)
                || matches!(t.norm.as_str(), "by" | "who" | "that" | "which")
                // "images published by ...": a participle after the head starts a modifier.
                || (!t.cap && t.norm.len() > 4 && t.norm.ends_with("ed") && !is_head_noun(&t.norm));
            if t.is_word() && ends_chunk && last_word.is_some() {
                break;
            }
            if t.is_word() && !is_determiner(&t.norm) {
                last_word = Some(k);
            }
            k += 1;
        }
        // "Some say", "many believe": the quantifier is the whole phrase.
        last_word.or_else(|| (e == s + 1 && toks[s].is_word()).then_some(s))
    };
    let first_word = norms[s];
    let definite = is_definite(first_word);
    let indefinite = is_indefinite(first_word)
        || (toks[s].kind == TokenKind::Number)
        || matches!(first_word, "one" | "another" | "a" | "an");

    // Proper-name runs, titles and possessors.
    let mut person_runs: Vec<(usize, usize)> = Vec::new();
    let mut org_name: Option<(usize, usize)> = None;
    let mut title: Option<Norm> = None;
    let mut gender: Option<Gender> = None;
    let mut possessor: Option<Norm> = None;
    let mut any_name = false;
    let mut i = s;
    while i < e {
        if !is_name_word(toks, norms, i) {
            i += 1;
            continue;
        }
        // A run of capitalised words, allowing "of", "the", "for", "and" inside ("Bank of England").
        let run_start = i;
        let mut j = i + 1;
        loop {
            if j < e && is_name_word(toks, norms, j) {
                j += 1;
                continue;
            }
            if j + 1 < e
                && matches!(
                    norms[j],
                    "of" | "for" | "the" | "and" | "de" | "al" | "bin" | "van" | "von" | "da"
                )
                && (is_name_word(toks, norms, j + 1)
                    || (norms[j + 1] == "the" && j + 2 < e && is_name_word(toks, norms, j + 2)))
            {
                j += 1;
                continue;
            }
            break;
        }
        let run_end = j;
        any_name = true;
        let followed_by_possessive = toks
            .get(run_end)
            .is_some_and(|t| t.kind == TokenKind::Possessive)
            && run_end < e;
        if followed_by_possessive {
            possessor = Some(Norm::from(norms[run_start..run_end].join(" ")));
        } else if has_org_word(norms, run_start, run_end) {
            org_name.get_or_insert((run_start, run_end));
        } else {
            // Split leading titles from the personal name: "Prime Minister Keir Starmer".
            let mut k = run_start;
            let mut last_title_end = None;
            while k < run_end {
                // Titles come first: in "Rep. Steve King" a one-word title that ends
                // the run after a given name is a surname (the typer reads both as a
                // person's; "Foreign Minister" is one title).
                let person = |t: &Token| t.entity == Some(EntityKind::Person);
                let surname = k + 1 == run_end
                    && k > run_start
                    && last_title_end != Some(k)
                    && person(&toks[k])
                    && person(&toks[k - 1])
                    && head_at(norms, k, run_start).is_none_or(|(hs, _)| hs == k);
                if surname {
                    break;
                }
                if let Some((len, g)) = lex.honorifics.longest_match(&norms[..run_end], k) {
                    if let Some(g) = g {
                        gender = Some(*g);
                    }
                    last_title_end = Some(k + len);
                    k += len;
                    continue;
                }
                if let Some((hs, entry)) = head_at(norms, k, run_start) {
                    if entry.class == HeadClass::Role && hs >= run_start {
                        if entry.gender.is_some() {
                            gender = entry.gender;
                        }
                        last_title_end = Some(k + 1);
                    }
                }
                k += 1;
            }
            match last_title_end {
                Some(te) if te < run_end => {
                    title = Some(Norm::new(norms[te - 1]));
                    person_runs.push((te, run_end));
                }
                Some(te) => {
                    // Titles only: "the President", "Ukraine's President".
                    title = Some(Norm::new(norms[te - 1]));
                }
                None => {
                    person_runs.push((run_start, run_end));
                }
            }
        }
        i = run_end;
    }

    // A capitalised run is the person's name when it holds the head ("Lin Jian said") or
    // stands in apposition ("its director, Dr. Ilse Marchetti"); before a common-noun
    // head it is only a modifier ("Aid groups", "Ukrainian officials").
    let person_name = person_runs
        .iter()
        .copied()
        .find(|&(a, b)| head_idx.is_none_or(|h| h >= a && h < b))
        .or_else(|| person_runs.iter().copied().find(|&(a, _)| a >= main_end));
    let name_modifier = person_runs.iter().any(|&r| Some(r) != person_name);
    let head_entry = head_idx.and_then(|h| head_at(norms, h, s).map(|(_, e)| *e));
    let head = head_idx.map(|h| Norm::new(norms[h]));
    let anonymity = has_anonymity_marker(toks, norms, context.0.min(s), context.1.max(e));
    let pseudonym = is_pseudonym_note(norms, s, context.1.max(e));

    let mut m = MentionInfo::new(SourceKind::Role);
    m.definite = definite;
    m.indefinite = indefinite;
    m.possessor = possessor.clone();
    m.gender = gender.or(head_entry.and_then(|h| h.gender));
    m.number = head_entry.map_or_else(
        || {
            if head
                .as_deref()
                .is_some_and(|h| h.ends_with('s') && !h.ends_with("ss"))
                && person_name.is_none()
            {
                Number::Plural
            } else {
                Number::Singular
            }
        },
        |h| h.number,
    );
    if let Some(h) = head_entry {
        if h.class == HeadClass::Role {
            m.title = head.clone();
        }
    }
    m.head = head;
    if title.is_some() {
        m.title = title;
    }

    // A pseudonym is a name the reader cannot check: anonymous, but mergeable by that name.
    // Only a name can be a pseudonym: never "he", however the tagger read it.
    let named = |(a, b): (usize, usize)| {
        toks[a..b]
            .iter()
            .any(|t| matches!(t.upos, Upos::PROPN | Upos::X))
    };
    if pseudonym {
        if let Some((a, b)) = person_name.filter(|&r| named(r)) {
            m.kind = SourceKind::Anonymous;
            m.entity = Entity::Person;
            m.name = Some(text_of(toks, text, a, b));
            m.pseudonym = true;
            m.number = Number::Singular;
            return m;
        }
    }
    if anonymity {
        m.kind = SourceKind::Anonymous;
        m.entity = if m.number == Number::Plural {
            Entity::Group
        } else {
            Entity::Person
        };
        return m;
    }
    if let Some((a, b)) = person_name {
        // "Experts at the Kyiv School of Economics" has no person name; "Lin Jian" has.
        let head_in_name = head_idx.is_some_and(|h| h >= a && h < b);
        let head_is_group = head_entry.is_some_and(|h| {
            matches!(
                h.class,
                HeadClass::Vague | HeadClass::Anonymous | HeadClass::Document
            ) && h.number == Number::Plural
        }) && !head_in_name;
        if !head_is_group {
            m.kind = SourceKind::Named;
            m.entity = Entity::Person;
            m.number = Number::Singular;
            m.name = Some(text_of(toks, text, a, b));
            return m;
        }
    }
    let affiliated =
        org_name.is_some() || possessor.is_some() || person_name.is_some() || name_modifier;
    // "many cosmologists", "some historians", "several groups": a quantified crowd with no
    // named affiliation is as vague as "experts".
    let quantified = matches!(
        first_word,
        "some" | "many" | "most" | "several" | "few" | "numerous" | "countless" | "various"
    );
    if quantified
        && m.number == Number::Plural
        && !affiliated
        && head_entry.is_none_or(|h| h.class != HeadClass::Document)
    {
        m.kind = SourceKind::Vague;
        m.entity = Entity::Group;
        return m;
    }
    match head_entry.map(|h| h.class) {
        Some(HeadClass::Vague) => {
            if org_name.is_some() || (affiliated && possessor.is_some()) {
                m.kind = SourceKind::Named;
                m.entity = Entity::Group;
                m.name = org_name.map(|(a, b)| text_of(toks, text, a, b));
            } else if m.number == Number::Singular && indefinite && !is_pronoun_like(first_word) {
                m.kind = SourceKind::Anonymous;
                m.entity = Entity::Person;
            } else if m.number == Number::Singular && definite {
                // "the expert" refers back to someone already introduced.
                m.kind = SourceKind::Role;
                m.entity = Entity::Person;
            } else {
                m.kind = SourceKind::Vague;
                m.entity = Entity::Group;
                m.number = Number::Plural;
            }
        }
        Some(HeadClass::Anonymous) => {
            if m.number == Number::Singular {
                m.kind = SourceKind::Anonymous;
                m.entity = Entity::Person;
            } else if affiliated
                || any_name
                || e - s > 1 && !is_pronoun_like(first_word) && has_modifier(norms, s, e)
            {
                m.kind = SourceKind::Anonymous;
                m.entity = Entity::Group;
            } else {
                m.kind = SourceKind::Vague;
                m.entity = Entity::Group;
            }
        }
        Some(HeadClass::Document) => {
            let year = toks[s..e].iter().any(|t| {
                t.kind == TokenKind::Number && t.norm.len() == 4 && t.norm.starts_with(['1', '2'])
            });
            m.entity = Entity::Document;
            // One document described in any way ("a recent poll", "a survey of 1,000
            // professors", "an article published in May") is specific; a bare plural or
            // mass noun ("studies", "research") or a bare "a study" is not.
            let described = e > s + 2
                || (e == s + 2 && !is_determiner(norms[s]))
                || possessor.is_some()
                || toks[s..e].iter().any(|t| t.kind == TokenKind::Number);
            let single = (m.number == Number::Singular || possessor.is_some())
                && !matches!(
                    norms[e - 1],
                    "research" | "evidence" | "data" | "science" | "literature"
                );
            if year || any_name || definite || (single && described) {
                m.kind = SourceKind::Document;
                m.name = org_name
                    .or(person_name)
                    .map(|(a, b)| text_of(toks, text, a, b));
            } else {
                m.kind = SourceKind::Vague;
            }
        }
        Some(HeadClass::Organisation) => {
            m.entity = if m.number == Number::Plural {
                Entity::Group
            } else {
                Entity::Organisation
            };
            if let Some((a, b)) = org_name {
                m.kind = SourceKind::Named;
                m.name = Some(text_of(toks, text, a, b));
            } else if m.number == Number::Singular
                && (name_modifier || possessor.is_some())
                && !indefinite
            {
                // "the defence ministry in Halvard", "Russia's foreign ministry": one specific body.
                m.kind = SourceKind::Named;
                let start = if is_determiner(norms[s]) { s + 1 } else { s };
                m.name = Some(text_of(toks, text, start, e));
            } else {
                m.kind = SourceKind::Role;
            }
        }
        Some(HeadClass::Role) => {
            m.entity = if m.number == Number::Plural {
                Entity::Group
            } else {
                Entity::Person
            };
            // "Russia's deputy foreign minister" names one person; "a spokesperson for X" does not.
            if (possessor.is_some() || org_name.is_some())
                && !indefinite
                && m.number == Number::Singular
            {
                m.kind = SourceKind::Named;
            } else {
                m.kind = SourceKind::Role;
            }
        }
        None => {
            if let Some((a, b)) = org_name {
                m.kind = SourceKind::Named;
                m.entity = Entity::Organisation;
                m.name = Some(text_of(toks, text, a, b));
                m.number = Number::Singular;
            } else if m.title.is_some() {
                // Capitalised title alone: "the President".
                m.kind = SourceKind::Role;
                m.entity = Entity::Person;
            } else {
                m.kind = SourceKind::Role;
                m.entity = if m.number == Number::Plural {
                    Entity::Group
                } else {
                    Entity::Unknown
                };
            }
        }
    }
    m
}

/// "his", "her", "its", "their" as the owner of a statement: a pronoun source.
pub fn possessive_pronoun_info(w: &str) -> MentionInfo {
    let mut m = MentionInfo::new(SourceKind::Pronoun);
    let (pronoun, number, gender, entity) = match w {
        "his" => ("he", Number::Singular, Some(Gender::Male), Entity::Person),
        "her" => (
            "she",
            Number::Singular,
            Some(Gender::Female),
            Entity::Person,
        ),
        "its" => ("it", Number::Singular, None, Entity::Organisation),
        _ => ("they", Number::Plural, None, Entity::Group),
    };
    m.pronoun = Some(Norm::new(pronoun));
    m.number = number;
    m.gender = gender;
    m.entity = entity;
    m
}

/// Quantifiers that head a partitive phrase: "one of the aides", "most of them".
fn is_partitive_quantifier(w: &str) -> bool {
    is_pronoun_like(w)
        || matches!(
            w,
            "one"
                | "two"
                | "three"
                | "four"
                | "five"
                | "each"
                | "both"
                | "none"
                | "any"
                | "either"
                | "neither"
        )
}

fn is_pronoun_like(w: &str) -> bool {
    matches!(
        w,
        "some" | "many" | "others" | "most" | "several" | "few" | "all" | "everyone" | "everybody"
    )
}

/// Any word in the phrase besides the head and plain determiners ("Ukrainian officials").
fn has_modifier(norms: &[&str], s: usize, e: usize) -> bool {
    norms[s..e.saturating_sub(1)].iter().any(|w| {
        !matches!(
            *w,
            "the" | "some" | "many" | "several" | "most" | "other" | "these" | "those"
        )
    })
}

/// A capitalised name mention anywhere in a sentence, for pronoun antecedents:
/// "Volodymyr Zelensky visited Kyiv. He said ..."
pub fn name_mentions(toks: &[Token], norms: &[&str]) -> Vec<Np> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !is_name_word(toks, norms, i) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < toks.len()
            && (is_name_word(toks, norms, j)
                || (matches!(norms[j], "of" | "the" | "for")
                    && j + 1 < toks.len()
                    && is_name_word(toks, norms, j + 1)))
        {
            j += 1;
        }
        let honorific = honorific_gender(norms, i).is_some() && j > i + 1;
        if j - i >= 2 || honorific {
            let start = if i > 0 && toks[i - 1].is_word() && norms[i - 1] == "the" {
                i - 1
            } else {
                i
            };
            out.push(Np { start, end: j });
        }
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::quotes::Quotes;
    use crate::analysis::tokens::{tokenize, QuoteIndex};
    use crate::analysis::Span;

    fn classify_text(s: &str) -> MentionInfo {
        let quotes = Quotes::default();
        let idx = QuoteIndex::new(&quotes);
        let toks = tokenize(s, Span::new(0, s.len()), &idx);
        let norms: Vec<&str> = toks.iter().map(|t| t.norm.as_str()).collect();
        let np = Np {
            start: 0,
            end: toks.len(),
        };
        classify(&toks, &norms, s, np, (0, toks.len()))
    }

    #[test]
    fn kinds() {
        let named = classify_text("President Volodymyr Zelensky");
        assert_eq!(named.kind, SourceKind::Named);
        assert_eq!(named.name.as_deref(), Some("Volodymyr Zelensky"));
        assert_eq!(named.title.as_deref(), Some("president"));
        assert_eq!(
            classify_text("the Security Service of Ukraine").kind,
            SourceKind::Named
        );
        assert_eq!(
            classify_text("Russia's deputy foreign minister").kind,
            SourceKind::Named
        );
        assert_eq!(
            classify_text("a spokesperson for the ministry").kind,
            SourceKind::Role
        );
        assert_eq!(
            classify_text("the battalion's commander").kind,
            SourceKind::Role
        );
        assert_eq!(classify_text("a source").kind, SourceKind::Anonymous);
        assert_eq!(classify_text("one official").kind, SourceKind::Anonymous);
        assert_eq!(
            classify_text("people familiar with the matter").kind,
            SourceKind::Anonymous
        );
        assert_eq!(classify_text("an insider").kind, SourceKind::Anonymous);
        assert_eq!(classify_text("Experts").kind, SourceKind::Vague);
        assert_eq!(classify_text("critics").kind, SourceKind::Vague);
        assert_eq!(classify_text("officials").kind, SourceKind::Vague);
        assert_eq!(classify_text("many").kind, SourceKind::Vague);
        assert_eq!(
            classify_text("Experts at the Kyiv School of Economics").kind,
            SourceKind::Named
        );
        assert_eq!(classify_text("studies").kind, SourceKind::Vague);
        assert_eq!(classify_text("a 2023 UN report").kind, SourceKind::Document);
    }

    #[test]
    fn appositive_names_win() {
        let m = classify_text("Lin Jian, spokesperson for China's Foreign Ministry");
        assert_eq!(m.kind, SourceKind::Named);
        assert_eq!(m.name.as_deref(), Some("Lin Jian"));
    }

    #[test]
    fn honorifics_give_gender_first_names_do_not() {
        assert_eq!(classify_text("Mrs. Clinton").gender, Some(Gender::Female));
        assert_eq!(classify_text("Hillary Clinton").gender, None);
        assert_eq!(classify_text("the spokesman").gender, Some(Gender::Male));
    }

    #[test]
    fn partitives_compound_heads_and_only() {
        let quotes = Quotes::default();
        let idx = QuoteIndex::new(&quotes);
        let np = |s: &str| {
            let toks = tokenize(s, Span::new(0, s.len()), &idx);
            np_right(&toks, 0, toks.len()).map(|np| np.end)
        };
        // "one of the aides": the quantifier heads a partitive.
        assert_eq!(np("one of the president's aides"), Some(6));
        // "press" opens the cue "press for" but here starts the head "press secretary".
        assert_eq!(np("the campaign's press secretary"), Some(5));
        // "only" after a possessive is an adjective inside the phrase.
        assert_eq!(np("Norway's only ally"), Some(4));
        // "only" before a verb is an adverb and ends the phrase.
        assert_eq!(np("the mayor only said"), Some(2));
    }

    #[test]
    fn noun_phrases_grow_through_prepositions_and_possessives() {
        let s = "a spokesperson for the ministry said";
        let quotes = Quotes::default();
        let idx = QuoteIndex::new(&quotes);
        let toks = tokenize(s, Span::new(0, s.len()), &idx);
        assert_eq!(np_left(&toks, 4, 0), Some(Np { start: 0, end: 5 }));
        let s = "In a statement the ministry said";
        let toks = tokenize(s, Span::new(0, s.len()), &idx);
        assert_eq!(np_left(&toks, 4, 0), Some(Np { start: 3, end: 5 }));
        let s = "Officials on Tuesday said";
        let toks = tokenize(s, Span::new(0, s.len()), &idx);
        assert_eq!(skip_time_left(&toks, 2, 0), 0);
    }
}
