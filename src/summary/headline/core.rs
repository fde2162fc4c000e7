//! The core of one parsed sentence: which tokens a headline keeps.
//!
//! Compression walks the dependency tree from the predicate that carries the news
//! and keeps whole relations, never a cut through the word string: the subject, the
//! verb with its auxiliaries, the object, the one phrase after the verb that carries
//! the news. Appositives, relative clauses, adverbial clauses and time phrases are
//! left out with everything that hangs from them, so no possessive or preposition is
//! left dangling. Each kept token has a priority; lower priorities are shed first
//! when the headline runs over its word budget.

use crate::analysis::syntax::Syntax;
use crate::analysis::tokens::{Token, TokenKind};
use crate::nlp::entities::EntityKind;
use crate::nlp::tags::Upos;

/// How much a kept token matters: 0 is the clause itself, higher is more dispensable.
pub type Priority = u8;

/// The clause, always kept.
pub const CORE: Priority = 0;
/// Modifiers of the clause's nouns ("new", "local").
const MODIFIER: Priority = 1;
/// The phrase after the verb that carries the news ("to the harbour").
const NEWS_PHRASE: Priority = 2;
/// Second-order detail: "of the county", "and Wales".
const DETAIL: Priority = 3;

/// A parsed sentence with what compression needs to read.
pub struct Parsed<'a> {
    pub tokens: &'a [Token],
    pub syntax: Syntax,
    pub masked: &'a str,
    /// Tokens inside a loaded-language finding.
    pub loaded: Vec<bool>,
}

/// The tokens a headline keeps, with their priorities, and whether the clause is
/// usable at all.
#[derive(Debug, Default)]
pub struct Kept {
    pub tokens: Vec<(usize, Priority)>,
    /// A core token is loaded or quoted: the clause cannot be neutral.
    pub tainted: bool,
}

impl Kept {
    fn add(&mut self, token: usize, priority: Priority) {
        self.tokens.push((token, priority));
    }
}

/// Verbs of saying, whose clausal complement is the news.
pub fn is_saying(lemma: &str) -> bool {
    matches!(
        lemma,
        "say"
            | "tell"
            | "announce"
            | "report"
            | "claim"
            | "state"
            | "confirm"
            | "warn"
            | "insist"
            | "argue"
            | "allege"
            | "add"
            | "write"
            | "declare"
    )
}

/// Adverbs whose loss would change what the headline asserts.
fn is_meaning_adverb(norm: &str) -> bool {
    matches!(
        norm,
        "not"
            | "n't"
            | "never"
            | "no"
            | "allegedly"
            | "reportedly"
            | "apparently"
            | "possibly"
            | "probably"
            | "likely"
            | "nearly"
            | "almost"
            | "about"
            | "around"
            | "only"
            | "more"
            | "less"
            | "fewer"
            | "over"
            | "up"
            | "down"
            | "again"
    )
}

/// Nouns that make a phrase a time phrase.
fn is_time_word(norm: &str) -> bool {
    matches!(
        norm,
        "today"
            | "yesterday"
            | "tomorrow"
            | "tonight"
            | "now"
            | "then"
            | "morning"
            | "afternoon"
            | "evening"
            | "night"
            | "day"
            | "days"
            | "week"
            | "weeks"
            | "weekend"
            | "month"
            | "months"
            | "year"
            | "years"
            | "decade"
            | "decades"
            | "hour"
            | "hours"
            | "minute"
            | "minutes"
            | "time"
            | "times"
            | "season"
            | "spring"
            | "summer"
            | "autumn"
            | "fall"
            | "winter"
            | "era"
            | "period"
            | "date"
            | "moment"
            | "am"
            | "pm"
            | "a.m"
            | "p.m"
    )
}

impl Parsed<'_> {
    pub fn deprel(&self, t: usize) -> &'static str {
        self.syntax.deprel(t).name()
    }

    pub fn norm(&self, t: usize) -> &str {
        self.tokens[t].norm.as_str()
    }

    /// A phrase about when: headed by a date, a weekday or a time noun, or a year.
    pub fn is_time_phrase(&self, head: usize) -> bool {
        let token = &self.tokens[head];
        if token.entity == Some(EntityKind::Time) || is_time_word(self.norm(head)) {
            return true;
        }
        let text = token.span.text(self.masked);
        let year = text.len() == 4 && (text.starts_with("19") || text.starts_with("20"));
        (token.kind == TokenKind::Number && year)
            || self
                .syntax
                .children(head)
                .any(|c| matches!(self.norm(c), "since" | "until" | "during" | "ago"))
    }

    /// The predicate and everything it needs to be a clause; `with_subject` is false
    /// for an open complement ("voted *to rebuild the wall*"), whose subject is above.
    pub fn clause(&self, predicate: usize, with_subject: bool, out: &mut Kept) {
        out.add(predicate, CORE);
        self.check_core(predicate, out);
        let mut news_phrase_taken = false;
        for child in self.syntax.children(predicate).collect::<Vec<_>>() {
            let rel = self.deprel(child);
            match rel {
                "nsubj" | "nsubj:pass" | "expl" if with_subject => self.nominal(child, CORE, out),
                "csubj" | "csubj:pass" if with_subject => self.clause(child, true, out),
                "aux" | "aux:pass" | "cop" | "compound:prt" => {
                    out.add(child, CORE);
                    self.check_core(child, out);
                }
                "obj" | "iobj" | "obl:agent" => self.nominal(child, CORE, out),
                "xcomp" => self.open_complement(child, out),
                "ccomp" if !self.is_saying_token(predicate) => self.clause(child, true, out),
                "mark" if self.norm(child) == "to" => out.add(child, CORE),
                // "voted on Tuesday *to rebuild the wall*", read as a purpose clause.
                "advcl" if child > predicate && self.has_to_mark(child) => {
                    let mut purpose = Kept::default();
                    self.clause(child, false, &mut purpose);
                    if !purpose.tainted {
                        out.tokens.extend(
                            purpose
                                .tokens
                                .into_iter()
                                .map(|(t, p)| (t, p.max(NEWS_PHRASE))),
                        );
                    }
                }
                "advmod" if is_meaning_adverb(self.norm(child)) => out.add(child, CORE),
                "obl" if child > predicate && !self.is_time_phrase(child) => {
                    // The first phrase after the verb carries the news; later ones are
                    // detail, kept only when the budget allows.
                    let priority = if news_phrase_taken {
                        DETAIL
                    } else {
                        NEWS_PHRASE
                    };
                    news_phrase_taken = true;
                    self.nominal(child, priority, out);
                }
                // "approved the budget *and cut the levy*": a second verb phrase on
                // the same subject, kept as detail.
                "conj"
                    if with_subject
                        && self.is_verb(child)
                        && self.syntax.subject(child).is_none() =>
                {
                    let mut shared = Kept::default();
                    self.clause(child, false, &mut shared);
                    if !shared.tainted {
                        out.tokens
                            .extend(shared.tokens.into_iter().map(|(t, p)| (t, p.max(DETAIL))));
                        if let Some(cc) = self.syntax.child(child, |d| d.name() == "cc") {
                            out.add(cc, DETAIL);
                        }
                    }
                }
                // A copular predicate is a noun or an adjective: its own modifiers.
                _ if self.is_nominal_predicate(predicate) => {
                    self.nominal_child(child, rel, CORE, out)
                }
                _ => {}
            }
        }
    }

    /// "to rebuild the wall": an open complement keeps its verb, object and "to".
    fn open_complement(&self, head: usize, out: &mut Kept) {
        if self.tokens[head].upos == Upos::VERB || self.tokens[head].upos == Upos::AUX {
            self.clause(head, false, out);
        } else {
            // "named *chief executive*", "became *mayor*"
            self.nominal(head, CORE, out);
        }
    }

    fn has_to_mark(&self, verb: usize) -> bool {
        self.syntax
            .children(verb)
            .any(|c| self.deprel(c) == "mark" && self.norm(c) == "to")
    }

    fn is_verb(&self, token: usize) -> bool {
        matches!(self.tokens[token].upos, Upos::VERB | Upos::AUX)
    }

    fn is_nominal_predicate(&self, predicate: usize) -> bool {
        !matches!(self.tokens[predicate].upos, Upos::VERB | Upos::AUX)
    }

    pub fn is_saying_token(&self, token: usize) -> bool {
        is_saying(&self.lemma(token))
    }

    pub fn lemma(&self, token: usize) -> String {
        let t = &self.tokens[token];
        let xpos = crate::nlp::tagger::tagger().xpos_name(t.xpos);
        crate::nlp::lemma::lemma(t.span.text(self.masked), t.upos, xpos).to_lowercase()
    }

    pub fn xpos(&self, token: usize) -> &str {
        crate::nlp::tagger::tagger().xpos_name(self.tokens[token].xpos)
    }

    /// A loaded or quoted word in the clause's core cannot be left out or kept.
    fn check_core(&self, token: usize, out: &mut Kept) {
        if self.loaded[token] || self.tokens[token].quoted {
            out.tainted = true;
        }
    }

    /// A one-word aside between commas: an age, a party, a state.
    fn is_set_off(&self, token: usize) -> bool {
        let comma = |t: Option<&Token>| t.is_some_and(|t| t.is_punct(","));
        token > 0 && comma(self.tokens.get(token - 1)) && comma(self.tokens.get(token + 1))
    }

    /// A noun phrase at `priority`: its head and the modifiers a headline can carry.
    pub fn nominal(&self, head: usize, priority: Priority, out: &mut Kept) {
        if self.tokens[head].upos == Upos::VERB && priority == CORE {
            // A clause in a noun's place ("what happened"): keep it whole or not at all.
            self.clause(head, true, out);
            return;
        }
        out.add(head, priority);
        if priority == CORE {
            self.check_core(head, out);
        }
        for child in self.syntax.children(head).collect::<Vec<_>>() {
            let rel = self.deprel(child);
            self.nominal_child(child, rel, priority, out);
        }
    }

    fn nominal_child(&self, child: usize, rel: &str, priority: Priority, out: &mut Kept) {
        if self.loaded[child] || self.tokens[child].quoted || self.is_set_off(child) {
            // Loaded wording is left out, never replaced: only a modifier can go.
            // So is an aside between commas ("Mara Voss, 41, …").
            return;
        }
        let at = |p: Priority| p.max(priority);
        match rel {
            "det" | "det:predet" | "nummod" | "compound" | "flat" | "flat:foreign" | "fixed"
            | "goeswith" | "case" => self.nominal(child, priority, out),
            // "Tuesday's fire": a time phrase goes with its possessive ending.
            "nmod:poss" if !self.is_time_phrase(child) => self.nominal(child, priority, out),
            "advmod" if is_meaning_adverb(self.norm(child)) => out.add(child, priority),
            "amod" | "advmod" => self.nominal(child, at(MODIFIER), out),
            // Inside the news phrase, "of four million pounds" is part of the phrase:
            // "at a cost" alone says nothing.
            // A subject's or object's "of" phrase often names what it is ("the
            // centrepiece *of the climate plan*"): it goes with the modifiers.
            "nmod" | "nmod:unmarked" | "nmod:desc" if !self.is_time_phrase(child) => {
                let detail = match priority {
                    CORE => MODIFIER,
                    NEWS_PHRASE => NEWS_PHRASE,
                    _ => DETAIL,
                };
                self.nominal(child, at(detail), out)
            }
            "conj" | "cc" => self.nominal(child, at(DETAIL), out),
            _ => {}
        }
    }
}
