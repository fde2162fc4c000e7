//! A neutral headline: the sentence that states the news, compressed to its clause.
//!
//! 1. **Which sentence.** The lead, unless it is a feature opening (a scene told
//!    about "he" or "you", a participle opener, no clause of its own): then the
//!    first sentence after it that states the news. Only the first few eligible
//!    sentences are tagged and parsed, so a long draft costs no more than a short one.
//! 2. **Compression** (`core`): the dependency tree's clause, the phrase that carries
//!    the news, and whatever else fits in 12 words, shed by priority.
//! 3. **Style** (`style`): present tense, "says", numerals, no articles.
//!
//! Every word comes from the draft (apart from the tense, "says" and the dropped
//! articles). Loaded wording is left out; a sentence whose clause needs a loaded
//! or quoted word gives no headline at all, and the next sentence is tried.

mod core;
mod style;
#[cfg(test)]
mod tests;

use self::core::{Kept, Parsed, Priority, CORE};
use super::candidates::{self, Filter};
use super::intervals::Intervals;
use crate::analysis::sentences::Sentence;
use crate::analysis::syntax::Syntax;
use crate::analysis::tokens::{Token, TokenKind, TokenTable};
use crate::nlp::tags::Upos;
use crate::Analysis;

pub const MAX_WORDS: usize = 12;
/// How many eligible sentences from the top may state the news.
const SENTENCES_TRIED: usize = 6;
/// At most this many suggestions (one per code action).
const MAX_CANDIDATES: usize = 3;

/// Headline suggestions, best first: the news sentence led by its actor, the same
/// news led by the speaker ("X: …") when someone said it, then one from another sentence.
pub fn candidates(text: &str, analysis: &Analysis) -> Vec<String> {
    let masked = analysis.prose.masked.as_str();
    if masked.len() != text.len() {
        return Vec::new();
    }
    let filter = Filter { min_words: 6 };
    let sentences: Vec<Sentence> = candidates::collect(text, analysis, filter, SENTENCES_TRIED)
        .into_iter()
        .map(|c| analysis.sentences[c.sentence].clone())
        .collect();
    let table = TokenTable::build(&analysis.prose, &sentences, &analysis.quotes);
    let loaded = Intervals::new(
        analysis
            .findings
            .iter()
            .filter(|f| f.rule == "loaded-language")
            .map(|f| f.span),
    );
    let readings: Vec<Reading> = (0..sentences.len())
        .map(|i| read(masked, table.sentence(i), &loaded))
        .collect();
    choose(&readings)
}

/// Headlines from one sentence.
#[derive(Debug, Default)]
struct Offer {
    /// Best first.
    options: Vec<String>,
    /// Used only when no sentence offers anything better.
    last_resort: Vec<String>,
}

/// What one sentence offers.
#[derive(Debug, Default)]
struct Reading {
    /// Headlines from this sentence, best first.
    options: Vec<String>,
    /// A reported claim whose speaker is only "he" or "they", without the speaker.
    last_resort: Vec<String>,
    /// A feature opening: the news is stated later.
    feature: bool,
}

/// The news sentence's options first, then the best of another sentence.
fn choose(readings: &[Reading]) -> Vec<String> {
    let news = readings
        .iter()
        .position(|r| !r.feature && !r.options.is_empty())
        .or_else(|| readings.iter().position(|r| !r.options.is_empty()));
    let Some(news) = news else {
        // Better a claim without its pronoun speaker than no headline at all.
        return readings
            .iter()
            .find_map(|r| r.last_resort.first().cloned())
            .into_iter()
            .collect();
    };
    let mut out: Vec<String> = readings[news].options.iter().take(2).cloned().collect();
    let other = readings
        .iter()
        .enumerate()
        .find(|(i, r)| *i != news && !r.feature && !r.options.is_empty());
    if let Some((_, r)) = other {
        out.push(r.options[0].clone());
    }
    let mut seen = Vec::new();
    out.retain(|h| {
        let key = h.to_lowercase();
        let fresh = !seen.contains(&key);
        seen.push(key);
        fresh
    });
    out.truncate(MAX_CANDIDATES);
    out
}

/// Parse one sentence (its dateline cut off) and compress it.
fn read(masked: &str, tokens: &[Token], loaded: &Intervals) -> Reading {
    let tokens = &tokens[dateline_end(masked, tokens)..];
    if tokens.is_empty() {
        return Reading::default();
    }
    let parsed = Parsed {
        tokens,
        syntax: Syntax::parse(masked, tokens),
        masked,
        loaded: tokens.iter().map(|t| loaded.overlaps(t.span)).collect(),
    };
    let Some(root) = parsed.syntax.root() else {
        return Reading::default();
    };
    let shapes = Shapes::of(&parsed, root);
    let offer = shapes.headlines(&parsed);
    Reading {
        options: offer.options,
        last_resort: offer.last_resort,
        feature: is_feature_opening(&parsed, shapes.news),
    }
}

/// "WASHINGTON —", "LOWMOUTH, England (Reuters) --", "(CNN) --": the dateline's
/// tokens, to be skipped. A run of capitalised words and brackets with at least
/// one word in capitals or one bracketed name, ended by a dash.
fn dateline_end(masked: &str, tokens: &[Token]) -> usize {
    let is_dash =
        |t: &Token| t.kind == TokenKind::Punct && matches!(t.norm.as_str(), "—" | "–" | "-" | "--");
    let Some(dash) = tokens.iter().take(10).position(is_dash) else {
        return 0;
    };
    if dash == 0 {
        return 0;
    }
    let prefix = &tokens[..dash];
    let shaped = prefix.iter().all(|t| {
        t.cap || matches!(t.norm.as_str(), "(" | ")" | "," | ".") || t.kind == TokenKind::Number
    });
    let marked = prefix.iter().any(|t| {
        let s = t.span.text(masked);
        s == "(" || (s.len() >= 2 && s.chars().all(|c| !c.is_lowercase()) && t.is_word())
    });
    let rest_words = tokens[dash + 1..]
        .iter()
        .filter(|t| t.is_wordlike())
        .count();
    if shaped && marked && rest_words >= 4 {
        dash + 1
    } else {
        0
    }
}

/// The lead is a scene or a first-person opening rather than the news: a
/// pronoun subject with nothing to refer to, the writer or reader addressed, or
/// a participle opener ("Listening to the minister, …").
fn is_feature_opening(p: &Parsed, news: usize) -> bool {
    let subject_is_pronoun = p
        .syntax
        .subject(news)
        .is_some_and(|s| p.tokens[s].upos == Upos::PRON);
    let personal = p.tokens.iter().any(|t| {
        !t.quoted
            && matches!(
                t.norm.as_str(),
                "i" | "we" | "you" | "my" | "our" | "your" | "me" | "us"
            )
    });
    let participle_opener = p
        .tokens
        .first()
        .is_some_and(|t| t.upos == Upos::VERB && p.xpos(0) == "VBG");
    subject_is_pronoun || personal || participle_opener
}

/// The predicate that carries the news and who, if anyone, it is attributed to.
struct Shapes {
    /// The predicate of the news clause.
    news: usize,
    /// The verb of saying that reports it, and whether the news is its complement
    /// (rather than the main clause with a trailing "…, officials said").
    saying: Option<(usize, bool)>,
}

impl Shapes {
    fn of(p: &Parsed, root: usize) -> Shapes {
        if p.is_saying_token(root) {
            if let Some(content) = p.syntax.content(root) {
                return Shapes {
                    news: content,
                    saying: Some((root, true)),
                };
            }
        }
        let trailing = p
            .syntax
            .children(root)
            .find(|&c| p.deprel(c) == "parataxis" && p.is_saying_token(c));
        Shapes {
            news: root,
            saying: trailing.map(|s| (s, false)),
        }
    }

    /// The headlines this sentence allows, best first.
    fn headlines(&self, p: &Parsed) -> Offer {
        let mut clause = Kept::default();
        p.clause(self.news, true, &mut clause);
        if clause.tainted || !has_subject(p, self.news, &clause) || !style::is_finite(p, self.news)
        {
            return Offer::default();
        }
        let source = self.saying.and_then(|(verb, _)| self.source(p, verb));
        let reported = self.saying.is_some_and(|(_, complement)| complement);
        let replace = self.tense(p, reported);
        let mut out = Vec::new();
        match source {
            Some((verb, source)) => {
                let says = says(p, verb);
                let who = phrase(p, &source.tokens_at(p, CORE), &replace);
                let budget = MAX_WORDS.saturating_sub(word_count(&who) + 1);
                if let Some(news) = fit(p, &clause, budget, &replace) {
                    let news_text = phrase(p, &news, &replace);
                    let lowered = if starts_with_name(p, &news) {
                        news_text.clone()
                    } else {
                        lower_first(&news_text)
                    };
                    out.push(format!("{who} {says} {lowered}"));
                    // "Harbour master: ferry will return": the speaker first, the news
                    // as its own clause, and no headline ends on "says".
                    out.push(format!("{who}: {news_text}"));
                }
            }
            None if !reported => {
                out.extend(fit(p, &clause, MAX_WORDS, &replace).map(|t| phrase(p, &t, &replace)));
            }
            // What an unnamed "he" said is offered only as a last resort (see `choose`):
            // the claim loses its source.
            None => {
                let content = fit(p, &clause, MAX_WORDS, &replace).map(|t| phrase(p, &t, &replace));
                return Offer {
                    options: Vec::new(),
                    last_resort: content
                        .into_iter()
                        .map(|h| style::capitalise_first(&h))
                        .collect(),
                };
            }
        }
        Offer {
            options: out
                .into_iter()
                .map(|h| style::capitalise_first(&h))
                .collect(),
            last_resort: Vec::new(),
        }
    }

    /// The speaker's noun phrase (its name, without appositives), if it is one.
    fn source(&self, p: &Parsed, verb: usize) -> Option<(usize, Kept)> {
        let subject = p.syntax.subject(verb)?;
        if p.tokens[subject].upos == Upos::PRON {
            return None;
        }
        let mut kept = Kept::default();
        p.nominal(subject, CORE, &mut kept);
        (!kept.tainted && kept.tokens_at(p, CORE).len() <= 5).then_some((verb, kept))
    }

    /// The replacement for each token: the news predicate's tense, articles, numerals.
    fn tense<'a>(&'a self, p: &'a Parsed, reported: bool) -> impl Fn(usize) -> Option<String> + 'a {
        // The news verb, and a second verb phrase joined to it, move to the present.
        let finite: Vec<usize> = std::iter::once(self.news)
            .chain(
                p.syntax
                    .children(self.news)
                    .filter(|&c| p.deprel(c) == "conj" && p.tokens[c].upos == Upos::VERB),
            )
            .map(|v| style::finite_word(p, v))
            .collect();
        let plural = style::plural_subject(p, self.news);
        move |t| {
            if style::is_article(p, t) {
                return Some(String::new());
            }
            if finite.contains(&t) {
                return style::present(p, t, plural, reported);
            }
            if p.tokens[t].upos == Upos::NUM {
                return style::numeral(p.norm(t)).map(str::to_string);
            }
            None
        }
    }
}

/// "says" after a singular speaker, "say" after a plural one.
fn says(p: &Parsed, verb: usize) -> &'static str {
    if style::plural_subject(p, verb) {
        "say"
    } else {
        "says"
    }
}

/// The subject is kept, and it names someone or something: not a relative pronoun
/// ("which"), not a date ("Thursday" read as the subject).
fn has_subject(p: &Parsed, predicate: usize, kept: &Kept) -> bool {
    p.syntax.subject(predicate).is_some_and(|s| {
        let relative = matches!(p.xpos(s), "WDT" | "WP" | "WP$");
        kept.tokens.iter().any(|&(t, _)| t == s) && !relative && !p.is_time_phrase(s)
    })
}

/// The clause's tokens at the highest priority that fits `budget` words and ends well.
fn fit(
    p: &Parsed,
    kept: &Kept,
    budget: usize,
    replace: &dyn Fn(usize) -> Option<String>,
) -> Option<Vec<usize>> {
    (CORE..=3)
        .rev()
        .map(|cap| kept.tokens_at(p, cap))
        .find(|tokens| {
            let words = word_count(&phrase(p, tokens, replace));
            (2..=budget).contains(&words) && starts_well(p, tokens) && ends_well(p, tokens)
        })
}

impl Kept {
    /// The kept tokens of priority up to `cap`, in draft order, punctuation left out.
    fn tokens_at(&self, p: &Parsed, cap: Priority) -> Vec<usize> {
        let mut tokens: Vec<usize> = self
            .tokens
            .iter()
            .filter(|&&(_, priority)| priority <= cap)
            .map(|&(t, _)| t)
            .filter(|&t| p.tokens[t].kind != TokenKind::Punct || joins_words(p, t))
            .collect();
        tokens.sort_unstable();
        tokens.dedup();
        tokens
    }
}

fn phrase(p: &Parsed, tokens: &[usize], replace: &dyn Fn(usize) -> Option<String>) -> String {
    style::render(p, tokens, replace)
}

/// Never on a conjunction or a preposition ("As President …", "But …").
fn starts_well(p: &Parsed, tokens: &[usize]) -> bool {
    tokens
        .iter()
        .find(|&&t| !style::is_article(p, t))
        .is_some_and(|&t| !matches!(p.tokens[t].upos, Upos::SCONJ | Upos::CCONJ | Upos::ADP))
}

/// Never on a function word, a possessive or an "-ing" participle.
fn ends_well(p: &Parsed, tokens: &[usize]) -> bool {
    let Some(&last) = tokens.last() else {
        return false;
    };
    let token = &p.tokens[last];
    let participle =
        p.xpos(last) == "VBG" || (token.upos == Upos::VERB && token.norm.as_str().ends_with("ing"));
    let possessive = token.kind == TokenKind::Possessive;
    // "Repairs take", "Council voted": a verb whose object or complement was shed.
    let bare_verb = matches!(token.upos, Upos::VERB | Upos::AUX)
        && p.syntax.children(last).any(|c| {
            c > last
                && !tokens.contains(&c)
                && !p.is_time_phrase(c)
                && matches!(
                    p.deprel(c),
                    "obj"
                        | "obl"
                        | "obl:tmod"
                        | "obl:npmod"
                        | "obl:unmarked"
                        | "xcomp"
                        | "ccomp"
                        | "advcl"
                )
        });
    !participle && !possessive && !bare_verb && !style::is_dangling(token.span.text(p.masked))
}

/// Whether the first kept word is a name, which keeps its capital mid-headline.
fn starts_with_name(p: &Parsed, tokens: &[usize]) -> bool {
    let first = tokens.iter().find(|&&t| !style::is_article(p, t));
    first.is_some_and(|&t| {
        let token = &p.tokens[t];
        token.upos == Upos::PROPN || token.norm == "i" || token.entity.is_some() || {
            let s = token.span.text(p.masked);
            s.chars().filter(|c| c.is_uppercase()).count() > 1
        }
    })
}

/// A hyphen or slash inside a word ("co-operative"), or a currency sign on a number.
fn joins_words(p: &Parsed, t: usize) -> bool {
    let tight_after = p
        .tokens
        .get(t + 1)
        .is_some_and(|n| n.span.start == p.tokens[t].span.end);
    tight_after && matches!(p.norm(t), "-" | "/" | "$" | "£" | "€" | "%" | "&")
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
