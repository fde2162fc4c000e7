//! Reporting cues: "said", "has told", "according to", "in a statement".
//!
//! A cue is found from the lexicon, then checked against its neighbours so that
//! nouns spelled like verbs ("the claims", "media reports are") are not cues.

use super::grammar::{
    is_auxiliary, is_be, is_determiner, is_np_preposition, is_possessive_pronoun, is_verb_adverb,
};
use crate::analysis::tokens::{Token, TokenKind};
use crate::lexicon::attribution::{lexicon, CueClass, CueFrame, HeadClass};

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
    /// After "to" whose subject the sentence names: "Mayor to seek ..." (a
    /// headline), "led the council to say", "the first senator to endorse".
    pub infinitive: bool,
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
        if toks[i].kind != TokenKind::Word
            || !(lex.cues.starts_with(norms[i]) || is_delivery_verb(norms[i]))
        {
            i += 1;
            continue;
        }
        // A weak verb that delivers a text ("posted a video") is a plain report.
        let found = match lex.cues.longest_match(norms, i) {
            Some((len, e)) if e.frame != CueFrame::Weak || len > 1 => {
                Some((len, e.class, e.frame, e.lemma.as_str()))
            }
            lexical => delivers_a_statement(toks, norms, i)
                .or(lexical.map(|(len, e)| (len, e.class, e.frame, e.lemma.as_str()))),
        };
        let Some((len, class, frame, lemma)) = found else {
            i += 1;
            continue;
        };
        let entry = Entry {
            class,
            frame,
            lemma,
        };
        let end = i + len;
        if toks[i].cap && !at_sentence_start(toks, i) && !title_case {
            i += 1;
            continue;
        }
        let is_verb_frame = matches!(entry.frame, CueFrame::Strong | CueFrame::Weak);
        if is_verb_frame
            && (!verb_reading(toks, norms, i, end, entry.lemma) || reports_an_act(norms, i, end))
        {
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
            let mut contracted_be = false;
            while k > 0 {
                let w = norms[k - 1];
                if is_contraction(toks, k - 1, norms[i]) {
                    // "it's believed" is passive; "he's claimed" is "he has claimed".
                    if norms[k - 2] == "it" && !participle {
                        passive = true;
                        contracted_be = true;
                    }
                    k -= 1;
                    continue;
                }
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
            if passive && !contracted_be && !toks[k..i].iter().any(|t| is_be(&t.norm)) {
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
            lemma: entry.lemma,
            group_start,
            passive,
            hedged_passive,
            participle,
            infinitive: i > 0 && norms[i - 1] == "to",
        });
        i = end;
    }
    out
}

/// A verb of saying used for an act: "pleaded guilty" (a plea in court), "went on to
/// win" (what someone did next). "went on to criticize", "went on to discuss" go on
/// with a verb of saying: still a report.
fn reports_an_act(norms: &[&str], i: usize, end: usize) -> bool {
    let next = norms.get(end).copied().unwrap_or("");
    match norms[i] {
        "plead" | "pleads" | "pleaded" | "pleading" | "pled" => {
            matches!(next, "guilty" | "not" | "innocent" | "no")
        }
        "go" | "goes" | "went" | "going" | "gone" => {
            end == i + 2
                && next == "to"
                && lexicon().cues.longest_match(norms, end + 1).is_none()
                && !norms.get(end + 1).is_some_and(|&w| is_delivery_verb(w))
        }
        _ => false,
    }
}

/// Is the "'s" at `k` a contraction of "is" or "has" before the verb form `verb`?
/// After a pronoun it always is ("he's claiming", "it's denouncing"); after a name
/// only before an "-ing" form ("Okafor's saying"), since "Okafor's claims" is a noun.
fn is_contraction(toks: &[Token], k: usize, verb: &str) -> bool {
    if k == 0 || toks[k].kind != TokenKind::Possessive || toks[k].norm != "'s" {
        return false;
    }
    let before = &toks[k - 1];
    if !before.is_word() {
        return false;
    }
    matches!(
        before.norm.as_str(),
        "he" | "she" | "it" | "who" | "that" | "what" | "there"
    ) || (before.cap && verb.ends_with("ing") && !lexicon().homographs.contains(verb))
}

/// A cue as found: from the lexicon, or built from a delivery verb and its object.
struct Entry {
    class: CueClass,
    frame: CueFrame,
    lemma: &'static str,
}

/// Verbs by which someone puts out a statement or a text: "sent a letter", "filed a
/// lawsuit", "made the claim", "issued a report".
fn is_delivery_verb(w: &str) -> bool {
    matches!(
        w,
        "send"
            | "sends"
            | "sent"
            | "sending"
            | "release"
            | "releases"
            | "released"
            | "releasing"
            | "issue"
            | "issues"
            | "issued"
            | "issuing"
            | "publish"
            | "publishes"
            | "published"
            | "publishing"
            | "file"
            | "files"
            | "filed"
            | "filing"
            | "post"
            | "posts"
            | "posted"
            | "posting"
            | "sign"
            | "signs"
            | "signed"
            | "signing"
            | "pen"
            | "pens"
            | "penned"
            | "circulate"
            | "circulates"
            | "circulated"
            | "make"
            | "makes"
            | "made"
            | "making"
            | "give"
            | "gives"
            | "gave"
            | "given"
            | "giving"
            | "deliver"
            | "delivers"
            | "delivered"
            | "delivering"
            | "unleash"
            | "unleashes"
            | "unleashed"
            | "air"
            | "airs"
            | "aired"
            | "run"
            | "runs"
            | "ran"
            | "launch"
            | "launches"
            | "launched"
    )
}

/// "sent a formal letter", "made the remark", "posted a string of
/// tweets": a delivery verb whose object, within a few words, is a statement noun or a
/// text. Returns the cue (the verb alone) as a report.
fn delivers_a_statement(
    toks: &[Token],
    norms: &[&str],
    i: usize,
) -> Option<(usize, CueClass, CueFrame, &'static str)> {
    if !is_delivery_verb(norms[i]) || toks[i].cap && i > 0 {
        return None;
    }
    // A bare form is finite only after an auxiliary ("will send"); after a noun it is an
    // infinitive ("asked the mayor make a pledge").
    let bare = !norms[i].ends_with('s') && !norms[i].ends_with("ed") && !norms[i].ends_with("ing");
    let irregular_past = matches!(
        norms[i],
        "sent" | "made" | "gave" | "given" | "ran" | "penned"
    );
    if bare && !irregular_past && !(i > 0 && is_auxiliary(norms[i - 1])) {
        return None;
    }
    let lex = lexicon();
    // The object opens with a determiner ("a letter") or, for a plural, a modifier
    // ("made conflicting statements", "made wholly unfounded charges").
    let first = i + 1;
    let opens = toks.get(first).is_some_and(|t| {
        t.is_word() && !t.cap && !is_np_preposition(&t.norm) && !is_auxiliary(&t.norm)
    });
    if !opens {
        return None;
    }
    let determiner = is_determiner(norms[first]);
    // "a flurry of tweets", "a series of ads": a measure word before the object.
    let statement = |k: usize| {
        lex.nouns.longest_match(norms, k).is_some_and(|(_, c)| {
            matches!(
                c,
                CueClass::Report | CueClass::Contested | CueClass::Stance | CueClass::Evidence
            )
        }) || lex
            .heads
            .longest_match(norms, k)
            .is_some_and(|(_, e)| e.class == HeadClass::Document)
    };
    let mut k = if determiner { first + 1 } else { first };
    while k < toks.len() && k <= first + 5 {
        let t = &toks[k];
        // "a sharp, thinly veiled attack": a comma between modifiers.
        let between_modifiers = t.is_punct(",") && k > first;
        if !t.is_wordlike() && t.kind != TokenKind::Possessive && !between_modifiers {
            return None;
        }
        let plural_or_determined = determiner || norms[k].ends_with('s');
        if t.is_word() && !t.cap && statement(k) && plural_or_determined {
            // The object must end there, not modify a noun after it ("a report card").
            let len = lex.nouns.longest_match(norms, k).map_or(1, |(n, _)| n);
            let after = toks.get(k + len);
            if after.is_some_and(|a| a.is_word() && !a.cap && !is_linking_word(&a.norm)) {
                return None;
            }
            return Some((1, CueClass::Report, CueFrame::Strong, "deliver"));
        }
        if is_determiner(&t.norm) && !matches!(t.norm.as_str(), "a" | "an") {
            return None;
        }
        k += 1;
    }
    None
}

/// Words that may follow a delivered statement without making it a modifier.
fn is_linking_word(w: &str) -> bool {
    is_np_preposition(w)
        || matches!(
            w,
            "that"
                | "which"
                | "who"
                | "saying"
                | "urging"
                | "calling"
                | "asking"
                | "and"
                | "by"
                | "about"
                | "accusing"
                | "warning"
                | "demanding"
                | "on"
                | "last"
                | "this"
                | "early"
                | "late"
        )
        || is_verb_adverb(w)
}

/// Verbs that make their object do something: "led the council to say".
pub fn is_causative(w: &str) -> bool {
    matches!(
        w,
        "led"
            | "leads"
            | "lead"
            | "leading"
            | "prompted"
            | "prompts"
            | "prompt"
            | "drove"
            | "drives"
            | "drive"
            | "forced"
            | "forces"
            | "force"
            | "caused"
            | "causes"
            | "spurred"
            | "spurs"
            | "pushed"
            | "pushes"
            | "compelled"
            | "inspired"
    )
}

/// Words that single out one member of a group for what it did first or alone:
/// "the first senator to endorse", "the only candidate to call for".
pub fn is_ordinal(w: &str) -> bool {
    matches!(
        w,
        "first" | "second" | "third" | "last" | "only" | "latest" | "earliest" | "newest"
    )
}

/// Can the infinitive after the "to" at `to` have a subject in this sentence? A
/// headline ("Union to endorse mayor"), a causative verb before it, or an ordinal.
fn infinitive_may_report(toks: &[Token], norms: &[&str], to: usize) -> bool {
    let headline = to > 0
        && toks[..to].iter().all(|t| !t.is_word() || t.cap)
        && toks[..to].iter().filter(|t| t.is_word()).count() <= 6
        && toks[..to].iter().any(|t| t.is_word());
    let window = to.saturating_sub(7)..to;
    headline
        || window
            .clone()
            .any(|k| toks[k].is_word() && (is_causative(norms[k]) || is_ordinal(norms[k])))
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
            // "Russia's claims", but "he's claiming" ("'s" for "is" or "has").
            TokenKind::Possessive if !is_contraction(toks, i - 1, form) => return false,
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
                if p == "to" && !infinitive_may_report(toks, norms, i - 1) {
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
    // "reports are", "claims have": a noun subject followed by its own verb. A cue that
    // ends in "to" is followed by its infinitive instead ("plans to call").
    if noun_like && norms[end - 1] != "to" {
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
    use crate::analysis::quotes::Quotes;
    use crate::analysis::tokens::{tokenize, QuoteIndex};
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
    fn contracted_auxiliaries() {
        assert_eq!(cues("He's claiming it."), [("claiming".into(), false)]);
        assert_eq!(
            cues("It's believed that he fled."),
            [("believed".into(), true)]
        );
        assert!(cues("Russia's claims were false.").is_empty());
    }

    #[test]
    fn delivering_a_text_is_a_cue() {
        assert_eq!(cues("The city sent a letter."), [("sent".into(), false)]);
        assert_eq!(
            cues("She posted a video of it."),
            [("posted".into(), false)]
        );
        assert!(cues("The city sent a truck.").is_empty());
        assert!(cues("They sent a report card home.").is_empty());
        assert!(cues("They demanded Petrov make a pledge.")
            .iter()
            .all(|(c, _)| c != "make"));
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
