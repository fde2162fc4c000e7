//! Reporting cues: "said", "has told", "according to", "in a statement".
//!
//! A cue is found from the lexicon, then checked against its neighbours so that
//! nouns spelled like verbs ("the claims", "media reports are") are not cues.

use super::grammar::{is_auxiliary, is_be, is_determiner, is_possessive_pronoun, is_verb_adverb};
use super::tokens::{Token, TokenKind};
use crate::lexicon::attribution::{lexicon, CueClass, CueFrame};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cue {
    /// Token range of the cue words.
    pub start: usize,
    pub end: usize,
    pub class: CueClass,
    pub frame: CueFrame,
    pub lemma: &'static str,
    /// First token of the verb group: auxiliaries and adverbs before the cue.
    pub group_start: usize,
    /// A form of "be" precedes a past participle: "it is believed", "was told".
    pub passive: bool,
    /// Adverbs like "widely" sit inside the passive: "is widely regarded".
    pub hedged_passive: bool,
    /// An "-ing" form: "adding that", "saying in a statement".
    pub participle: bool,
}

/// Words after which a form like "reports" or "claims" is a noun.
fn noun_context(w: &str) -> bool {
    matches!(
        w,
        "new"
            | "recent"
            | "latest"
            | "previous"
            | "similar"
            | "false"
            | "unfounded"
            | "baseless"
            | "further"
            | "initial"
            | "media"
            | "press"
            | "news"
            | "local"
            | "unconfirmed"
            | "conflicting"
            | "multiple"
            | "numerous"
            | "separate"
            | "earlier"
            | "later"
            | "such"
            | "of"
            | "in"
            | "for"
            | "about"
            | "with"
            | "on"
            | "from"
            | "into"
            | "to"
            | "by"
            | "than"
            | "without"
            | "whose"
    )
}

/// Adverbs that turn a passive into a claim about what people think: "is widely
/// regarded", "is generally accepted". ("Often" and "usually" also describe literal
/// facts: "is often seen in the river".)
fn is_hedge(w: &str) -> bool {
    matches!(
        w,
        "widely"
            | "generally"
            | "commonly"
            | "long"
            | "popularly"
            | "traditionally"
            | "universally"
            | "increasingly"
            | "broadly"
            | "largely"
            | "frequently"
            | "wrongly"
            | "falsely"
            | "rightly"
            | "privately"
            | "publicly"
    )
}

/// Quantifiers that can stand alone as a subject: "some say", "many believe".
fn is_pronoun_quantifier(w: &str) -> bool {
    matches!(
        w,
        "some" | "many" | "several" | "few" | "most" | "all" | "both" | "others" | "each"
    )
}

fn is_number_word(w: &str) -> bool {
    matches!(
        w,
        "one" | "two" | "three" | "four" | "five" | "six" | "seven" | "eight" | "nine" | "ten"
    )
}

/// Where a sentence (or a quotation, or a clause after a colon) begins, a capital
/// letter is no evidence of a name.
pub fn at_sentence_start(toks: &[Token], i: usize) -> bool {
    if toks[..i].iter().all(|t| !t.is_wordlike()) {
        return true;
    }
    i > 0 && (toks[i - 1].kind == TokenKind::OpenQuote || toks[i - 1].is_punct(":"))
}

/// Find every cue in one sentence's tokens. `norms` are the tokens' normalised texts.
pub fn find(toks: &[Token], norms: &[&str]) -> Vec<Cue> {
    let lex = lexicon();
    let mut out = Vec::new();
    let title_case = is_title_case(toks);
    let mut i = 0;
    while i < toks.len() {
        if toks[i].kind != TokenKind::Word || !lex.cues.starts_with(norms[i]) {
            i += 1;
            continue;
        }
        let Some((len, entry)) = lex.cues.longest_match(norms, i) else {
            i += 1;
            continue;
        };
        let end = i + len;
        if toks[i].cap && !at_sentence_start(toks, i) && !title_case {
            i += 1;
            continue;
        }
        let is_verb_frame = matches!(entry.frame, CueFrame::Strong | CueFrame::Weak);
        if is_verb_frame && !verb_reading(toks, norms, i, end, &entry.lemma) {
            i += 1;
            continue;
        }
        let mut group_start = i;
        let mut passive = false;
        let mut hedged_passive = false;
        let participle = norms[i].ends_with("ing");
        if is_verb_frame {
            let mut k = i;
            let mut adverbs = 0;
            while k > 0 {
                let w = norms[k - 1];
                if toks[k - 1].kind != TokenKind::Word {
                    break;
                }
                if is_auxiliary(w) {
                    if is_be(w) && !participle {
                        passive = true;
                    }
                } else if is_verb_adverb(w) && !toks[k - 1].cap {
                    if is_hedge(w) {
                        adverbs += 1;
                    }
                } else {
                    break;
                }
                k -= 1;
            }
            // "is widely regarded": an adverb inside the passive hedges it.
            hedged_passive = passive && adverbs > 0;
            group_start = k;
            // "has said" is active; "has been said" and "is said" are passive.
            if passive && !toks[k..i].iter().any(|t| is_be(&t.norm)) {
                passive = false;
            }
            // "accurate, stable and generally regarded as one of the best": a hedged
            // participle with no subject before it is a passive with its "is" elided.
            let elided_be = !passive
                && adverbs > 0
                && k > 0
                && (toks[k - 1].is_punct(",") || matches!(norms[k - 1], "and" | "or" | "but"))
                && norms.get(end).is_some_and(|n| matches!(*n, "as" | "to"));
            if elided_be {
                passive = true;
            }
        }
        out.push(Cue {
            start: i,
            end,
            class: entry.class,
            frame: entry.frame,
            lemma: entry.lemma.as_str(),
            group_start,
            passive,
            hedged_passive,
            participle,
        });
        i = end;
    }
    out
}

/// A headline in title case ("Trump Says He Will Win"): capitals prove nothing.
pub fn is_title_case(toks: &[Token]) -> bool {
    let (mut long, mut capitalised) = (0, 0);
    for t in toks.iter().filter(|t| t.is_word() && t.norm.len() > 3) {
        long += 1;
        capitalised += usize::from(t.cap);
    }
    long >= 3 && capitalised * 5 >= long * 4
}

/// Is the word at `i..end` used as a verb here, not as a noun?
fn verb_reading(toks: &[Token], norms: &[&str], i: usize, end: usize, lemma: &str) -> bool {
    let lex = lexicon();
    let _ = lemma;
    // Only some forms double as nouns or adjectives ("a claim", "the reports"); "said" never does.
    let form = norms[i];
    let noun_like = lex.homographs.contains(form);
    if i > 0 {
        let prev = &toks[i - 1];
        let p = norms[i - 1];
        match prev.kind {
            // "Russia's claims"
            TokenKind::Possessive => return false,
            // "three reports" (but "43 said" is a poll result)
            TokenKind::Number if noun_like => return false,
            TokenKind::Word => {
                if is_pronoun_quantifier(p) || is_number_word(p) || p == "another" {
                    // "some say" is a verb; "some reports" is a noun.
                    if noun_like {
                        return false;
                    }
                } else if is_determiner(p) || is_possessive_pronoun(p) {
                    return false;
                }
                if p == "to" {
                    // An infinitive: "declined to comment", "wants to say".
                    return false;
                }
                if noun_context(p) && noun_like && !prev.cap {
                    return false;
                }
            }
            _ => {}
        }
    }
    // "reports are", "claims have": a noun subject followed by its own verb.
    if noun_like {
        if let Some(next) = toks.get(end) {
            let n = norms[end];
            let next_is_verb = lex
                .cues
                .longest_match(norms, end)
                .is_some_and(|(_, e)| matches!(e.frame, CueFrame::Strong | CueFrame::Weak))
                && !next.cap;
            if next.kind == TokenKind::Word && (is_auxiliary(n) || next_is_verb) {
                return false;
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::attribution::tokens::{tokenize, QuoteIndex};
    use crate::analysis::quotes::Quotes;
    use crate::analysis::Span;

    fn cues(s: &str) -> Vec<(String, bool)> {
        let quotes = Quotes::default();
        let idx = QuoteIndex::new(&quotes);
        let toks = tokenize(s, Span::new(0, s.len()), &idx);
        let norms: Vec<&str> = toks.iter().map(|t| t.norm.as_str()).collect();
        find(&toks, &norms)
            .into_iter()
            .map(|c| {
                let text = toks[c.start..c.end]
                    .iter()
                    .map(|t| t.norm.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                (text, c.passive)
            })
            .collect()
    }

    #[test]
    fn verbs_in_every_tense() {
        assert_eq!(cues("She says so.")[0].0, "says");
        assert_eq!(cues("He has said so.")[0].0, "said");
        assert_eq!(cues("They will tell you.")[0].0, "tell");
        assert_eq!(cues("He pointed out that it rained.")[0].0, "pointed out");
    }

    #[test]
    fn nouns_spelled_like_verbs_are_not_cues() {
        assert!(cues("The claims were false.").is_empty());
        assert!(cues("Russia's claims were false.").is_empty());
        assert!(cues("Media reports are wrong.").is_empty());
        assert!(cues("He tried to explain.").is_empty());
        assert_eq!(cues("Some say it rained.")[0].0, "say");
    }

    #[test]
    fn passives_are_marked() {
        assert_eq!(
            cues("It is believed that he fled."),
            [("believed".into(), true)]
        );
        assert_eq!(cues("He has said it."), [("said".into(), false)]);
        assert_eq!(
            cues("It has been widely reported."),
            [("reported".into(), true)]
        );
    }
}
