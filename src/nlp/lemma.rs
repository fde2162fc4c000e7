//! English lemmas from a word and its tags: inflection rules ("officials" ->
//! "official", "stopped" -> "stop"), a table of the forms the rules get wrong
//! ("went", "children", "'s" as a verb), and the set of lemmas
//! seen in training to choose between the rules' candidates ("hoped" -> "hope",
//! "stopped" -> "stop", "waited" -> "wait"). The tables come from UD English
//! EWT train and ship inside `models/tagger.bin`.
//!
//! Lemmas are lowercase, except for proper nouns, which keep their case.

use crate::nlp::conllu::Sentence;
use crate::nlp::perceptron::{write_string, ModelError, Reader};
use crate::nlp::tagger::{tagger, Tag};
use crate::nlp::tags::Upos;
use rustc_hash::{FxHashMap, FxHashSet};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// The lemma of `word` tagged `upos`/`xpos` (a Penn Treebank tag), with the shipped tables.
pub fn lemma<'a>(word: &'a str, upos: Upos, xpos: &str) -> Cow<'a, str> {
    tagger().lemmas().lemma(word, upos, xpos)
}

/// `lemma` for a tag as the tagger gives it.
pub fn lemma_of_tag(word: &str, tag: Tag) -> Cow<'_, str> {
    let t = tagger();
    t.lemmas().lemma(word, tag.upos, t.xpos_name(tag.xpos))
}

/// The exception table and the known lemmas.
#[derive(Default)]
pub struct LemmaTable {
    /// Folded form -> (XPOS, lemma) pairs whose lemma the rules miss.
    exceptions: FxHashMap<Box<str>, Vec<XposLemma>>,
    /// Lemmas of open-class words seen in training.
    known: FxHashSet<Box<str>>,
}

/// An XPOS and the lemma a form has with it.
type XposLemma = (Box<str>, Box<str>);

/// A form seen this often with one XPOS and a lemma the rules miss becomes an exception.
const EXCEPTION_MIN_COUNT: u32 = 1;

impl LemmaTable {
    pub fn lemma<'a>(&self, word: &'a str, upos: Upos, xpos: &str) -> Cow<'a, str> {
        let folded = fold(word);
        if let Some(pairs) = self.exceptions.get(folded.as_ref()) {
            if let Some((_, lemma)) = pairs.iter().find(|(x, _)| x.as_ref() == xpos) {
                return Cow::Owned(lemma.to_string());
            }
        }
        if upos == Upos::PROPN || xpos.starts_with("NNP") {
            return proper_noun(word, xpos, self);
        }
        match self.rules(&folded, upos, xpos) {
            Some(lemma) => Cow::Owned(lemma),
            None => folded,
        }
    }

    /// The rules alone: `None` when the folded form is its own lemma.
    fn rules(&self, lower: &str, upos: Upos, xpos: &str) -> Option<String> {
        let candidates = match (upos, xpos) {
            (Upos::NUM | Upos::PUNCT | Upos::SYM | Upos::X, _) => return None,
            (_, "NNS" | "VBZ") => plural_candidates(lower),
            (_, "VBD" | "VBN") => stem_candidates(lower, "ed"),
            (_, "VBG") => stem_candidates(lower, "ing"),
            (_, "JJR" | "RBR") => stem_candidates(lower, "er"),
            (_, "JJS" | "RBS") => stem_candidates(lower, "est"),
            _ => return None,
        };
        let chosen = candidates
            .iter()
            .find(|c| self.known.contains(c.as_str()))
            .or(candidates.first());
        chosen.filter(|c| c.as_str() != lower).cloned()
    }

    /// Derives the tables from a treebank.
    pub fn derive(sentences: &[Sentence], _xpos_names: &[String]) -> LemmaTable {
        let mut table = LemmaTable::default();
        for w in sentences.iter().flat_map(|s| &s.words) {
            if matches!(w.upos.as_str(), "NOUN" | "VERB" | "ADJ" | "ADV" | "AUX") {
                table.known.insert(fold(&w.lemma).into());
            }
        }
        // (form, xpos) -> lemma -> count, with the UPOS the form mostly had.
        let mut seen: BTreeMap<(String, String), (BTreeMap<String, u32>, String)> = BTreeMap::new();
        for w in sentences.iter().flat_map(|s| &s.words) {
            let entry = seen
                .entry((fold(&w.form).into_owned(), w.xpos.clone()))
                .or_default();
            *entry.0.entry(fold(&w.lemma).into_owned()).or_insert(0) += 1;
            entry.1 = w.upos.clone();
        }
        for ((form, xpos), (lemmas, upos)) in seen {
            let (best, &count) = lemmas
                .iter()
                .max_by_key(|(l, n)| (**n, std::cmp::Reverse(*l)))
                .unwrap();
            let upos = Upos::parse(&upos).unwrap_or(Upos::X);
            let ruled = table.lemma(&form, upos, &xpos).to_lowercase();
            if count >= EXCEPTION_MIN_COUNT && ruled != *best {
                table
                    .exceptions
                    .entry(form.into())
                    .or_default()
                    .push((xpos.into(), best.as_str().into()));
            }
        }
        table
    }

    pub fn write(&self, out: &mut Vec<u8>) {
        let mut known: Vec<&str> = self.known.iter().map(AsRef::as_ref).collect();
        known.sort_unstable();
        out.extend_from_slice(&(known.len() as u32).to_le_bytes());
        for k in known {
            write_string(out, k);
        }
        let mut rows: Vec<(&str, &str, &str)> = self
            .exceptions
            .iter()
            .flat_map(|(form, pairs)| {
                pairs
                    .iter()
                    .map(move |(x, l)| (form.as_ref(), x.as_ref(), l.as_ref()))
            })
            .collect();
        rows.sort_unstable();
        out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        for (form, xpos, lemma) in rows {
            write_string(out, form);
            write_string(out, xpos);
            write_string(out, lemma);
        }
    }

    pub fn read(r: &mut Reader, _xpos_count: usize) -> Result<LemmaTable, ModelError> {
        let mut table = LemmaTable::default();
        for _ in 0..r.u32()? {
            table.known.insert(r.string()?.into());
        }
        for _ in 0..r.u32()? {
            let (form, xpos, lemma) = (r.string()?, r.string()?, r.string()?);
            table
                .exceptions
                .entry(form.into())
                .or_default()
                .push((xpos.into(), lemma.into()));
        }
        Ok(table)
    }

    /// (exceptions, known lemmas).
    pub fn sizes(&self) -> (usize, usize) {
        (
            self.exceptions.values().map(Vec::len).sum(),
            self.known.len(),
        )
    }
}

/// Lowercase with straight apostrophes; borrowed when already so.
fn fold(word: &str) -> Cow<'_, str> {
    let plain = |c: char| {
        !c.is_uppercase() && !matches!(c, '\u{2019}' | '\u{2018}' | '\u{201C}' | '\u{201D}')
    };
    if word.chars().all(plain) {
        return Cow::Borrowed(word);
    }
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            '\u{2019}' | '\u{2018}' => out.push('\''),
            '\u{201C}' | '\u{201D}' => out.push('"'),
            c => out.extend(c.to_lowercase()),
        }
    }
    Cow::Owned(out)
}

/// Proper nouns keep their case; a plural one loses its "s" ("Americans" -> "American").
fn proper_noun<'a>(word: &'a str, xpos: &str, table: &LemmaTable) -> Cow<'a, str> {
    if xpos != "NNPS" || !word.to_ascii_lowercase().ends_with('s') || word.len() < 3 {
        return Cow::Borrowed(word);
    }
    let lower = word.to_lowercase();
    match table.rules(&lower, Upos::NOUN, "NNS") {
        Some(l) if l.len() < word.len() && word.is_char_boundary(l.len()) => {
            Cow::Borrowed(&word[..l.len()])
        }
        _ => Cow::Borrowed(word),
    }
}

/// Singular candidates of a plural noun or third-person verb, likeliest first.
fn plural_candidates(w: &str) -> Vec<String> {
    let cut = |n: usize| w[..w.len() - n].to_string();
    if w.len() < 3
        || !w.ends_with('s')
        || w.ends_with("ss")
        || w.ends_with("us")
        || w.ends_with("is")
    {
        return vec![w.to_string()];
    }
    if w.ends_with("ies") && w.len() > 4 {
        return vec![cut(3) + "y", cut(1)];
    }
    if w.ends_with("ves") {
        return vec![cut(1), cut(3) + "f", cut(3) + "fe"];
    }
    let sibilant = ["sses", "xes", "ches", "shes", "zzes", "oes"]
        .iter()
        .any(|e| w.ends_with(e));
    if sibilant {
        return vec![cut(2), cut(1)];
    }
    if w.ends_with("ses") || w.ends_with("zes") {
        return vec![cut(1), cut(2)];
    }
    vec![cut(1)]
}

/// Base-form candidates of a word ending in `suffix` ("ed", "ing", "er", "est"), likeliest first.
fn stem_candidates(w: &str, suffix: &str) -> Vec<String> {
    if !w.ends_with(suffix) || w.len() < suffix.len() + 2 {
        return vec![w.to_string()];
    }
    let stem = &w[..w.len() - suffix.len()];
    let mut out = Vec::with_capacity(4);
    // "studied" -> "study", "happier" -> "happy"; not for "-ing" ("dying" is in the table).
    if suffix != "ing" && stem.ends_with('i') && stem.len() > 2 {
        out.push(format!("{}y", &stem[..stem.len() - 1]));
    }
    let undoubled = undouble(stem);
    if let Some(u) = &undoubled {
        out.push(u.clone());
    }
    if wants_final_e(stem) {
        out.push(format!("{stem}e"));
        out.push(stem.to_string());
    } else {
        out.push(stem.to_string());
        out.push(format!("{stem}e"));
    }
    // A doubled consonant that belongs to the word ("called", "passed") goes first.
    if matches!(stem.as_bytes().last(), Some(b'l' | b's' | b'z' | b'f')) {
        if let Some(u) = undoubled {
            out.retain(|c| *c != u);
            out.push(u);
        }
    }
    out
}

/// "stopp" -> "stop": a doubled final consonant after a vowel.
fn undouble(stem: &str) -> Option<String> {
    let b = stem.as_bytes();
    let n = b.len();
    (n >= 3
        && b[n - 1] == b[n - 2]
        && b[n - 1].is_ascii_alphabetic()
        && !is_vowel(b[n - 1])
        && is_vowel(b[n - 3]))
    .then(|| stem[..n - 1].to_string())
}

/// Stems that lost an "e" ("hop(e)d", "creat(e)d", "us(e)d", "chang(e)d").
fn wants_final_e(stem: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "v", "c", "iz", "yz", "ur", "ir", "at", "ut", "ud", "id", "os", "as", "ag", "ng", "rg",
        "dg", "bl", "pl", "tl", "kl", "dl", "gl", "uat", "ar", "or", "ir", "in", "on", "ot", "ok",
        "ak", "ap", "ip", "op", "im", "om", "am", "ib", "ob", "ud", "us", "ys",
    ];
    let b = stem.as_bytes();
    let n = b.len();
    if n < 2 {
        return false;
    }
    // Two vowels before the last consonant ("wait", "need", "join") take no "e".
    if n >= 3 && is_vowel(b[n - 2]) && is_vowel(b[n - 3]) && !stem.ends_with("uat") {
        return false;
    }
    if stem.ends_with("ng") && !stem.ends_with("ang") && !stem.ends_with("ing") {
        return false;
    }
    ENDINGS.iter().any(|e| stem.ends_with(e))
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(word: &str, upos: Upos, xpos: &str) -> String {
        LemmaTable::default().lemma(word, upos, xpos).into_owned()
    }

    #[test]
    fn regular_inflection() {
        assert_eq!(rules("officials", Upos::NOUN, "NNS"), "official");
        assert_eq!(rules("studies", Upos::NOUN, "NNS"), "study");
        assert_eq!(rules("boxes", Upos::NOUN, "NNS"), "box");
        assert_eq!(rules("stopped", Upos::VERB, "VBD"), "stop");
        assert_eq!(rules("called", Upos::VERB, "VBD"), "call");
        assert_eq!(rules("hoped", Upos::VERB, "VBD"), "hope");
        assert_eq!(rules("waited", Upos::VERB, "VBD"), "wait");
        assert_eq!(rules("running", Upos::VERB, "VBG"), "run");
        assert_eq!(rules("Says", Upos::VERB, "VBZ"), "say");
        assert_eq!(rules("happier", Upos::ADJ, "JJR"), "happy");
        assert_eq!(rules("bigger", Upos::ADJ, "JJR"), "big");
        assert_eq!(rules("Obama", Upos::PROPN, "NNP"), "Obama");
        assert_eq!(rules("Americans", Upos::PROPN, "NNPS"), "American");
        assert_eq!(rules("The", Upos::DET, "DT"), "the");
        assert_eq!(rules("n\u{2019}t", Upos::PART, "RB"), "n't");
    }

    #[test]
    fn no_panic_on_odd_words() {
        for w in ["", "s", "ed", "🙂s", "ééed", "ßing", "İS", "ing", "’", "x"] {
            for xpos in ["NNS", "VBD", "VBG", "JJR", "JJS", "NNPS", "VBZ"] {
                let _ = rules(w, Upos::NOUN, xpos);
                let _ = rules(w, Upos::PROPN, xpos);
            }
        }
    }
}
