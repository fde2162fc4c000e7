//! Context read from the token table (parts of speech and punctuation) for
//! lexicon matches whose loaded and neutral senses look alike word by word:
//! the parse guards of ambiguous entries ("the infamous gang" / "notorious for
//! its traffic"),
//! and the speech frame a doubt-casting verb needs ("claimed that" / "claimed
//! the title").

use crate::analysis::tokens::{Token as TableToken, TokenKind};
use crate::lexicon::loaded::{Category, LexMatch};
use crate::nlp::tags::Upos;

/// For each word of a sentence's lexicon tokens, its index in the token table.
/// The lexicon reads words and numbers only (`phrases::from_table`), so the
/// n-th lexicon token is the n-th word or number of the table.
pub fn word_indices(table: &[TableToken]) -> Vec<usize> {
    table
        .iter()
        .enumerate()
        .filter(|(_, t)| matches!(t.kind, TokenKind::Word | TokenKind::Number))
        .map(|(i, _)| i)
        .collect()
}

/// Whether a match survives the context its entry or category asks for.
pub fn allows(table: &[TableToken], words: &[usize], m: &LexMatch) -> bool {
    let (Some(&first), Some(&last)) = (words.get(m.start), words.get(m.end - 1)) else {
        // The two tokenisations disagree: keep the plain lexicon verdict.
        return true;
    };
    parse_guards_allow(table, first, last, m)
        && (m.entry.category != Category::DoubtCastingVerb || in_speech_frame(table, first, last))
}

fn parse_guards_allow(table: &[TableToken], first: usize, last: usize, m: &LexMatch) -> bool {
    let g = &m.entry.parse_guards;
    if g.is_empty() {
        return true;
    }
    if !g.next_upos.is_empty() {
        let next_fits = table
            .get(last + 1)
            .is_some_and(|t| t.is_wordlike() && g.next_upos.contains(&t.upos));
        if !next_fits {
            return false;
        }
    }
    !g.clause_initial || opens_clause(table, first)
}

/// First in the sentence, or right after clause punctuation, an opening quote
/// or a coordinating conjunction ("But of course ...").
fn opens_clause(table: &[TableToken], i: usize) -> bool {
    let Some(prev) = i.checked_sub(1).map(|p| &table[p]) else {
        return true;
    };
    prev.kind == TokenKind::OpenQuote
        || (prev.kind == TokenKind::Punct
            && matches!(prev.norm.as_str(), "," | ";" | ":" | "—" | "–" | "(" | "-"))
        || matches!(prev.norm.as_str(), "and" | "but" | "yet" | "so" | "or")
}

/// Is the verb over `table[first..=last]` used to report speech? "claimed that",
/// "insisted: ...", "admitted he was wrong", "claimed to have", and the
/// inverted order after a quotation (`"...," he insisted.`). Not a passive
/// ("it was claimed that", which unattributed-claim reports), not a noun ("the
/// claims that"), and not "claimed the title" or "admitted to hospital".
fn in_speech_frame(table: &[TableToken], first: usize, last: usize) -> bool {
    if !table[last].upos.is_verbal() || after_be(table, first) || first_person(table, first) {
        return false;
    }
    let window = &table[first.saturating_sub(3)..first];
    if window.iter().any(|t| t.kind == TokenKind::CloseQuote) {
        return true;
    }
    let Some(next) = table.get(last + 1) else {
        return false;
    };
    match next.kind {
        TokenKind::OpenQuote => true,
        TokenKind::Punct => next.norm == ":",
        // "insisted that the first lady go": a demand (its verb in the base
        // form), not a statement whose truth the verb could doubt.
        _ if next.norm == "that" => {
            clause_verb(table, last + 2).is_none_or(|v| !mandative(table, v))
        }
        _ if next.norm == "to" => table.get(last + 2).is_some_and(|t| t.upos.is_verbal()),
        _ => clause_verb(table, last + 1).is_some_and(|v| !mandative(table, v)),
    }
}

/// A demand, not a statement: the clause's verb in the base form ("that he
/// be", "that the patient go", where a statement would say "goes").
fn mandative(table: &[TableToken], verb: usize) -> bool {
    let tag = |t: &TableToken| crate::nlp::tagger::tagger().xpos_name(t.xpos);
    let subject = &table[verb - 1];
    let singular_subject = matches!(tag(subject), "NN" | "NNP")
        || matches!(subject.norm.as_str(), "he" | "she" | "it");
    tag(&table[verb]) == "VB" || (tag(&table[verb]) == "VBP" && singular_subject)
}

/// "I must admit", "we concede": the writer's own voice, not an attribution.
fn first_person(table: &[TableToken], first: usize) -> bool {
    table[first.saturating_sub(3)..first]
        .iter()
        .any(|t| matches!(t.norm.as_str(), "i" | "we"))
}

/// "was claimed", "is widely admitted": the agentless passive.
fn after_be(table: &[TableToken], first: usize) -> bool {
    let before = &table[first.saturating_sub(2)..first];
    before.iter().rev().take_while(|t| t.is_word()).any(|t| {
        matches!(
            t.norm.as_str(),
            "is" | "are" | "was" | "were" | "be" | "been" | "being"
        )
    })
}

/// The verb of a clause starting at `from`: a short subject ("he", "the
/// plan", "its own staff") and then a verb or auxiliary ("admitted he was
/// wrong").
fn clause_verb(table: &[TableToken], from: usize) -> Option<usize> {
    let mut subject_words = 0;
    for (i, t) in table.iter().enumerate().skip(from) {
        match t.kind {
            TokenKind::Possessive => continue,
            TokenKind::Word | TokenKind::Number => {}
            _ => return None,
        }
        if t.upos.is_verbal() {
            // "admit a person living in ...": a participle is not a clause's verb.
            return (subject_words > 0 && !t.norm.ends_with("ing")).then_some(i);
        }
        let nominal = matches!(
            t.upos,
            Upos::DET | Upos::ADJ | Upos::NOUN | Upos::PROPN | Upos::PRON | Upos::NUM
        );
        // "the man who ..." is an object with a relative clause, not a subject.
        if !nominal || matches!(t.norm.as_str(), "who" | "whom" | "which" | "whose") {
            return None;
        }
        subject_words += 1;
        if subject_words > 5 {
            return None;
        }
    }
    None
}
