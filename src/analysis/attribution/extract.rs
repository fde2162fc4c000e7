//! One sentence at a time: pair each cue with its source mention and content.
//!
//! Word orders handled: "X said", "said X", "X, who ..., said", "X, a role, said",
//! "according to X", quotes before ("'...,' he said") or after ("X said: '...'"),
//! agentless passives ("it is believed") and passives with an agent ("... was
//! confirmed by X").

use super::cues::{self, Cue};
use super::grammar::*;
use super::mentions::{self, classify, np_left, np_right, skip_time_left, Entity, MentionInfo, Np};
use super::tokens::{QuoteIndex, Token, TokenKind};
use super::{CueForm, UnsourcedKind};
use crate::analysis::Span;
use crate::lexicon::attribution::{lexicon, CueClass, CueFrame, HeadClass, SourcelessCategory};

/// An attribution found in one sentence, before canonical sources are merged.
#[derive(Clone, Debug)]
pub struct Found {
    pub cue: Option<Span>,
    pub class: CueClass,
    pub form: CueForm,
    pub source: Span,
    pub info: MentionInfo,
    /// For a relative pronoun ("X, who said"): the antecedent mention.
    pub antecedent: Option<(Span, MentionInfo)>,
    pub content: Option<Span>,
    /// The cue sits inside a direct quotation: the speaker reports someone else.
    pub nested: bool,
}

/// A cue with no source: "it is believed", "by many accounts".
#[derive(Clone, Debug)]
pub struct FoundUnsourced {
    pub span: Span,
    pub kind: UnsourcedKind,
    pub nested: bool,
}

#[derive(Clone, Debug, Default)]
pub struct SentenceResult {
    pub found: Vec<Found>,
    pub unsourced: Vec<FoundUnsourced>,
    /// Proper-name mentions anywhere in the sentence (pronoun antecedents).
    pub names: Vec<(Span, MentionInfo)>,
    /// The sentence is part of a transcript line ("Q: ...", "A: ...").
    pub speaker_line: bool,
}

/// Reporting verbs that can follow their quote and precede their subject: "'...,' said Smith".
fn allows_inversion(lemma: &str) -> bool {
    matches!(
        lemma,
        "say"
            | "add"
            | "write"
            | "explain"
            | "continue"
            | "ask"
            | "reply"
            | "note"
            | "recall"
            | "admit"
            | "acknowledge"
            | "insist"
            | "argue"
            | "claim"
            | "declare"
            | "announce"
            | "counter"
            | "retort"
            | "quip"
            | "joke"
            | "exclaim"
            | "concede"
            | "observe"
            | "remark"
            | "warn"
            | "tweet"
            | "post"
            | "state"
            | "predict"
            | "complain"
            | "respond"
            | "answer"
            | "suggest"
    )
}

fn span_of(toks: &[Token], np: Np) -> Span {
    Span::new(toks[np.start].span.start, toks[np.end - 1].span.end)
}

/// Index of the first token at or after `from` that ends the clause.
fn clause_end(toks: &[Token], from: usize) -> usize {
    (from..toks.len())
        .find(|&k| toks[k].is_boundary_punct() || toks[k].is_quote())
        .unwrap_or(toks.len())
}

/// Find the attributions of one sentence. `speaker_line` marks a transcript line
/// ("A: I think ..."), where "I" and "you" are the people speaking, not the writer.
pub fn sentence(
    text: &str,
    toks: &[Token],
    norms: &[&str],
    quotes: &QuoteIndex,
    speaker_line: bool,
) -> SentenceResult {
    let mut result = SentenceResult {
        speaker_line,
        ..SentenceResult::default()
    };
    if toks.is_empty() {
        return result;
    }
    let cue_list = cues::find(toks, norms);
    let mut settings = Vec::new();
    for cue in &cue_list {
        let nested = toks[cue.start].quoted;
        let cue_span = Span::new(toks[cue.start].span.start, toks[cue.end - 1].span.end);
        match cue.frame {
            CueFrame::Setting => settings.push(cue.clone()),
            CueFrame::SourceAfter => {
                let ceil = clause_end(toks, cue.end);
                let Some(np) = np_right(toks, cue.end, ceil) else {
                    continue;
                };
                let info = classify(toks, norms, text, np, (np.start, ceil));
                let content = if before_is_empty(toks, cue.start) {
                    content_after(toks, np.end, quotes)
                } else {
                    content_before(toks, cue.start, quotes)
                };
                result.found.push(Found {
                    cue: Some(cue_span),
                    class: cue.class,
                    form: CueForm::Preposition,
                    source: span_of(toks, np),
                    info,
                    antecedent: None,
                    content,
                    nested,
                });
            }
            CueFrame::Strong | CueFrame::Weak => {
                if let Some(f) = verb_attribution(text, toks, norms, quotes, cue, &mut result) {
                    let duplicate = result.found.iter().any(|g| {
                        g.source == f.source && g.cue.is_some_and(|c| c.end <= cue_span.start)
                    });
                    if !duplicate {
                        result.found.push(f);
                    }
                }
            }
        }
    }
    // "In a statement, the ministry rejected the report": an occasion, no reporting verb.
    if result.found.iter().all(|f| f.nested) {
        for cue in settings {
            let cue_span = Span::new(toks[cue.start].span.start, toks[cue.end - 1].span.end);
            let mut k = cue.end;
            // Skip the rest of the setting phrase: "in a statement on Tuesday,".
            while k < toks.len() && !toks[k].is_punct(",") && k < cue.end + 6 {
                k += 1;
            }
            if k >= toks.len() || !toks[k].is_punct(",") {
                continue;
            }
            let ceil = toks.len();
            let Some(np) = np_right(toks, k + 1, ceil) else {
                continue;
            };
            let info = classify(toks, norms, text, np, (np.start, np.end));
            result.found.push(Found {
                cue: Some(cue_span),
                class: cue.class,
                form: CueForm::Setting,
                source: span_of(toks, np),
                info,
                antecedent: None,
                content: content_after(toks, np.end, quotes),
                nested: toks[cue.start].quoted,
            });
        }
    }
    if result.found.is_empty() {
        colon_speaker(text, toks, norms, &mut result);
    }
    noun_attributions(text, toks, norms, quotes, &mut result);
    find_sourceless_phrases(toks, norms, &mut result);
    for np in mentions::name_mentions(toks, norms) {
        let info = classify(toks, norms, text, np, (np.start, np.end));
        if info.kind == super::SourceKind::Named {
            result.names.push((span_of(toks, np), info));
        }
    }
    result
}

fn before_is_empty(toks: &[Token], upto: usize) -> bool {
    toks[..upto].iter().all(|t| !t.is_wordlike())
}

fn verb_attribution(
    text: &str,
    toks: &[Token],
    norms: &[&str],
    quotes: &QuoteIndex,
    cue: &Cue,
    result: &mut SentenceResult,
) -> Option<Found> {
    let lex = lexicon();
    let nested = toks[cue.start].quoted;
    let cue_span = Span::new(toks[cue.start].span.start, toks[cue.end - 1].span.end);
    // "other rebel groups backed by Ankara": a participle with its agent is passive too.
    let reduced_passive = !cue.passive
        && !cue.participle
        && toks.get(cue.end).is_some_and(|t| t.norm == "by")
        && !toks[cue.group_start..cue.start]
            .iter()
            .any(|t| is_auxiliary(&t.norm))
        && toks[cue.start].norm.ends_with("ed");
    if cue.passive || reduced_passive {
        // "... was confirmed by the ministry": the agent is the source.
        if toks.get(cue.end).is_some_and(|t| t.norm == "by") {
            let ceil = clause_end(toks, cue.end + 1);
            if let Some(np) = np_right(toks, cue.end + 1, ceil) {
                let info = classify(toks, norms, text, np, (np.start, ceil));
                if info.kind != super::SourceKind::Pronoun {
                    return Some(Found {
                        cue: Some(cue_span),
                        class: cue.class,
                        form: CueForm::Verb,
                        source: span_of(toks, np),
                        info,
                        antecedent: None,
                        content: None,
                        nested,
                    });
                }
            }
            return None;
        }
        // "It is believed that", "is widely regarded as", "has been widely documented".
        if let Some(&core) = lex.passives.get(toks[cue.end - 1].norm.as_str()) {
            let next = norms.get(cue.end).copied().unwrap_or("");
            let it_subject = cue.group_start > 0 && norms[cue.group_start - 1] == "it";
            // "A bird with one recessive gene is said to be 'split'": naming a term, not a view.
            let names_a_term = (cue.end..(cue.end + 4).min(toks.len())).any(|k| toks[k].is_quote());
            let framed = if core {
                (matches!(next, "that" | "to" | "as") && !names_a_term)
                    || it_subject
                    || cue.hedged_passive
            } else {
                (it_subject && next == "that") || cue.hedged_passive
            };
            if framed {
                let start = if it_subject {
                    cue.group_start - 1
                } else {
                    cue.group_start
                };
                result.unsourced.push(FoundUnsourced {
                    span: Span::new(toks[start].span.start, cue_span.end),
                    kind: UnsourcedKind::AgentlessPassive,
                    nested,
                });
            }
        }
        return None;
    }
    // "asked to be identified only as Daniel", "asked not to be named": a request about
    // the speaker, not a statement.
    if cue.lemma == "ask"
        && toks
            .get(cue.end)
            .is_some_and(|t| matches!(t.norm.as_str(), "to" | "not"))
    {
        return None;
    }
    // An "-ing" form reports as a progressive ("is saying") or as a participle clause
    // after a comma, whose speaker is the main clause's subject ("X sued the city,
    // saying ..."). Elsewhere it is no cue ("telling insight").
    if cue.participle
        && !toks[cue.group_start..cue.start]
            .iter()
            .any(|t| is_be(&t.norm))
    {
        let after_comma = cue.group_start > 0 && toks[cue.group_start - 1].is_punct(",");
        if !after_comma || !result.found.is_empty() {
            return None;
        }
        let np = initial_subject(toks, norms, cue.group_start - 1)?;
        let info = classify(toks, norms, text, np, (np.start, np.end));
        if info.kind == super::SourceKind::Role && !has_known_head(&info) {
            return None;
        }
        return Some(Found {
            cue: Some(cue_span),
            class: cue.class,
            form: CueForm::Verb,
            source: span_of(toks, np),
            info,
            antecedent: None,
            content: content_after(toks, cue.end, quotes),
            nested,
        });
    }

    let mut inverted = false;
    let mut antecedent = None;
    let mut context_end = cue.start;
    // Word order. "..., said Larry Sabato, director of ...": a phrase after the verb that
    // runs to the end of the sentence is the speaker. Otherwise the subject before the
    // verb is, and failing that a clause-final phrase after it ("'...,' said Smith").
    let terminal_inversion = inverted_source(toks, norms, cue)
        .filter(|np| toks[np.end..].iter().all(|t| !t.is_wordlike() || t.quoted));
    let np = if let Some(np) = terminal_inversion {
        inverted = true;
        context_end = np.end;
        np
    } else if let Some(LeftSource {
        np,
        relative_antecedent,
    }) = left_source(toks, norms, cue)
    {
        if let Some(a) = relative_antecedent {
            let info = classify(toks, norms, text, a, (a.start, cue.start));
            antecedent = Some((span_of(toks, a), info));
        }
        np
    } else {
        let np = inverted_source(toks, norms, cue)?;
        inverted = true;
        context_end = np.end;
        np
    };
    if mentions::is_time_chunk(toks, np.start, np.end) {
        return None;
    }
    // The writer's own "I think" is not an attribution; quoted speech was dropped earlier.
    if np.end == np.start + 1
        && matches!(norms[np.start], "i" | "you" | "me")
        && !result.speaker_line
    {
        return None;
    }
    // "an article published in Time", "a report released on Monday": a participle
    // modifying a noun, not a verb with a subject.
    let reduced_relative = !inverted
        && cue.group_start == cue.start
        && norms[cue.start].ends_with("ed")
        && is_determiner(norms[np.start])
        && !is_possessive_pronoun(norms[np.start])
        && toks.get(cue.end).is_some_and(|t| {
            matches!(
                t.norm.as_str(),
                "in" | "on" | "at" | "by" | "for" | "last" | "this" | "earlier"
            )
        });
    if reduced_relative {
        return None;
    }
    // A bare verb form needs a plural or pronoun subject: "a sheer joke" is a noun.
    let bare_form = norms[cue.start] == cue.lemma.split(' ').next().unwrap_or("");
    let singular_subject = matches!(
        norms[np.start],
        "a" | "an" | "one" | "another" | "this" | "that" | "he" | "she" | "it"
    ) && np.end - np.start <= 3
        && !toks[np.start..np.end]
            .iter()
            .any(|t| t.kind == TokenKind::Number || matches!(t.norm.as_str(), "in" | "of"));
    if cue.group_start == cue.start && !inverted && bare_form && singular_subject {
        return None;
    }
    let head_class = np_head_class(norms, np);
    // Evidence verbs ("shows", "found") need a document or data subject, or a that-clause.
    if cue.class == CueClass::Evidence
        && !matches!(head_class, Some(HeadClass::Document))
        && !followed_by_clause(toks, norms, cue.end)
    {
        return None;
    }
    let info = classify(
        toks,
        norms,
        text,
        np,
        (np.start.min(context_end), context_end.max(cue.start)),
    );
    // A weak verb needs a reporting frame, unless a person plainly speaks with it:
    // "Michael claims his superiors locked him up".
    let person_speaks = matches!(
        cue.class,
        CueClass::Contested | CueClass::Report | CueClass::Belief
    ) && matches!(
        info.kind,
        super::SourceKind::Named | super::SourceKind::Pronoun | super::SourceKind::Anonymous
    ) && !matches!(
        cue.lemma,
        "add" | "continue" | "go on" | "post" | "read" | "raise" | "rule" | "address"
    ) && toks.get(cue.end).is_some_and(|t| {
        t.is_word()
            && (t.cap
                || is_determiner(&t.norm)
                || is_possessive_pronoun(&t.norm)
                || is_subject_pronoun(&t.norm))
    });
    if cue.frame == CueFrame::Weak
        && !inverted
        && !person_speaks
        && !weak_frame_ok(toks, norms, cue, np, head_class)
    {
        return None;
    }
    // Beliefs, stances and words that double as nouns ("an early morning tweet") need a
    // plausible holder: a person, body or group, not any noun phrase before the word.
    let homograph = lexicon().homographs.contains(norms[cue.start]);
    if (matches!(
        cue.class,
        CueClass::Belief | CueClass::Stance | CueClass::Intent
    ) || homograph)
        && !inverted
        && info.kind == super::SourceKind::Role
        && !has_known_head(&info)
        && info.title.is_none()
    {
        return None;
    }
    // "polydactyly appears to improve": seeming needs someone to do the seeming.
    if matches!(cue.lemma, "seem" | "appear")
        && !matches!(
            info.kind,
            super::SourceKind::Named | super::SourceKind::Pronoun | super::SourceKind::Anonymous
        )
        && !(has_known_head(&info) && info.entity != Entity::Document)
    {
        return None;
    }
    let content = if inverted {
        content_before(toks, np.start.min(cue.start), quotes)
    } else if parenthetical(toks, cue, np) {
        content_before(toks, np.start, quotes)
    } else {
        let mut from = cue.end;
        if cue.lemma == "tell" {
            // "told reporters that ...": skip the audience.
            if let Some(aud) = np_right(toks, from, clause_end(toks, from)) {
                from = aud.end;
            }
        }
        content_after(toks, from, quotes)
    };
    Some(Found {
        cue: Some(cue_span),
        class: cue.class,
        form: CueForm::Verb,
        source: span_of(toks, np),
        info,
        antecedent,
        content,
        nested,
    })
}

/// "'...,' said Smith." / "..., said a spokesperson for the ministry." / "Said Smith: ..."
fn inverted_source(toks: &[Token], norms: &[&str], cue: &Cue) -> Option<Np> {
    // "'...,' said Smith." / "..., said a spokesperson for the ministry." / "Said Smith: ..."
    if !allows_inversion(cue.lemma) || cue.group_start != cue.start {
        return None;
    }
    let before = cue.start.checked_sub(1).map(|k| &toks[k]);
    let opens_sentence = before_is_empty(toks, cue.start);
    let after_quote_or_comma = before.is_some_and(|t| {
        t.kind == TokenKind::CloseQuote || t.is_punct(",") || t.is_punct(":") || t.is_punct("—")
    });
    if !after_quote_or_comma && !opens_sentence {
        return None;
    }
    let ceil = clause_end(toks, cue.end);
    let np = subject_starting_at(toks, norms, cue.end, ceil)?;
    if mentions::is_time_chunk(toks, np.start, np.end) {
        return None;
    }
    // The phrase must end the clause: "said Smith." / "said Smith when asked",
    // not "said the war would end".
    let after = np.end;
    let ends_clause = after >= toks.len()
        || toks[after].is_boundary_punct()
        || toks[after].is_quote()
        || (toks[after].is_word()
            && (is_clause_boundary(norms[after]) || is_np_preposition(norms[after]))
            && !matches!(norms[after], "that" | "and" | "or"));
    if !ends_clause {
        return None;
    }
    let mut np = np;
    // "said Lin Jian, spokesperson for China's Foreign Ministry."
    if after < toks.len() && (toks[after].is_punct(",") || toks[after].is_punct("—")) {
        let seg_end = (after + 1..toks.len())
            .find(|&k| {
                let t = &toks[k];
                t.is_quote() || (t.is_boundary_punct() && !t.is_punct("-"))
            })
            .unwrap_or(toks.len());
        let ends_sentence = toks
            .get(seg_end)
            .is_none_or(|t| !t.is_punct(",") && !t.is_punct("—") || seg_end + 1 >= toks.len());
        if ends_sentence
            && seg_end > after + 1
            && classify_insert(toks, norms, after + 1, seg_end) == Some(Insert::NounPhrase)
        {
            np.end = seg_end;
        }
    }
    Some(np)
}

struct LeftSource {
    np: Np,
    relative_antecedent: Option<Np>,
}

/// The subject before the verb group, in its several shapes.
fn left_source(toks: &[Token], norms: &[&str], cue: &Cue) -> Option<LeftSource> {
    if cue.group_start == 0 {
        return None;
    }
    let mut l = skip_time_left(toks, cue.group_start - 1, 0);
    // "Sen. Elizabeth Warren (D-Mass.) said": the bracket belongs to the name.
    let mut bracket_end = None;
    if toks[l].is_punct(")") {
        let open = (l.saturating_sub(10)..l)
            .rev()
            .find(|&k| toks[k].is_punct("("))?;
        if open == 0 {
            return None;
        }
        bracket_end = Some(l + 1);
        l = open - 1;
    }
    // "Gov. John Kasich (R-Ohio), said": the comma only closes the bracket.
    if toks[l].is_punct(",") && l > 0 && toks[l - 1].is_punct(")") {
        let open = (l.saturating_sub(10)..l - 1)
            .rev()
            .find(|&k| toks[k].is_punct("("))?;
        if open == 0 {
            return None;
        }
        bracket_end = Some(l);
        l = open - 1;
    }
    let t = &toks[l];
    let found = match t.kind {
        TokenKind::Word => {
            let w = norms[l];
            if is_subject_pronoun(w) {
                return Some(LeftSource {
                    np: Np {
                        start: l,
                        end: l + 1,
                    },
                    relative_antecedent: None,
                });
            }
            if is_relative_pronoun(w) {
                let mut k = l.checked_sub(1)?;
                if toks[k].is_punct(",") {
                    k = k.checked_sub(1)?;
                }
                let ante = np_left(toks, k, 0);
                return Some(LeftSource {
                    np: Np {
                        start: l,
                        end: l + 1,
                    },
                    relative_antecedent: ante,
                });
            }
            if matches!(w, "and" | "but") {
                // "Reid caucused on Saturday and says he voted": the sentence's subject.
                return initial_subject(toks, norms, l).map(|np| LeftSource {
                    np,
                    relative_antecedent: None,
                });
            }
            if let Some(q) = quantity_left(toks, norms, l) {
                return Some(LeftSource {
                    np: q,
                    relative_antecedent: None,
                });
            }
            subject_ending_at(toks, norms, l, 0)
        }
        TokenKind::Number => quantity_left(toks, norms, l).or_else(|| np_left(toks, l, 0)),
        // "Humphrey, who calls Trump a 'sociopath,' said": the comma sits inside the quote.
        TokenKind::CloseQuote if l > 1 && toks[l - 1].is_punct(",") => {
            let open = (0..l)
                .rev()
                .find(|&j| toks[j].kind == TokenKind::OpenQuote)?;
            if !embedded_quote(toks, open, l) {
                return None;
            }
            return insert_subject(toks, norms, l - 1).map(|np| LeftSource {
                np,
                relative_antecedent: None,
            });
        }
        TokenKind::Punct if t.norm == "," || t.norm == "—" => {
            return insert_subject(toks, norms, l).map(|np| LeftSource {
                np,
                relative_antecedent: None,
            })
        }
        _ => None,
    }?;
    let np = match bracket_end {
        Some(end) if found.end == l + 1 => Np {
            start: found.start,
            end,
        },
        _ => found,
    };
    Some(LeftSource {
        np,
        relative_antecedent: None,
    })
}

/// Poll-style quantities as subjects: "six in 10 say", "most said", "a third of
/// independents, 33%, say", "43 percent said", "another says".
fn quantity_left(toks: &[Token], norms: &[&str], l: usize) -> Option<Np> {
    let is_amount = |k: usize| {
        toks[k].kind == TokenKind::Number
            || matches!(
                norms[k],
                "one"
                    | "two"
                    | "three"
                    | "four"
                    | "five"
                    | "six"
                    | "seven"
                    | "eight"
                    | "nine"
                    | "ten"
                    | "half"
                    | "third"
                    | "thirds"
                    | "quarter"
                    | "quarters"
                    | "fifth"
                    | "fifths"
                    | "percent"
                    | "%"
                    | "majority"
                    | "minority"
                    | "plurality"
                    | "most"
                    | "some"
                    | "many"
                    | "several"
                    | "few"
                    | "others"
                    | "another"
                    | "both"
                    | "all"
                    | "none"
                    | "each"
                    | "dozens"
                    | "hundreds"
                    | "thousands"
                    | "millions"
            )
            || norms[k].ends_with("-thirds")
            || norms[k].contains('-')
                && norms[k].split('-').all(|p| {
                    matches!(
                        p,
                        "twenty"
                            | "thirty"
                            | "forty"
                            | "fifty"
                            | "sixty"
                            | "seventy"
                            | "eighty"
                            | "ninety"
                            | "one"
                            | "two"
                            | "three"
                            | "four"
                            | "five"
                            | "six"
                            | "seven"
                            | "eight"
                            | "nine"
                    )
                })
    };
    if !is_amount(l) {
        return None;
    }
    // "the most cited papers", "he most recently wrote": "most" as an adverb.
    let adverbial = l > 0 && is_determiner(norms[l - 1])
        || toks.get(l + 1).is_some_and(|t| is_verb_adverb(&t.norm));
    if matches!(norms[l], "most" | "all" | "both" | "each") && adverbial {
        return None;
    }
    let mut start = l;
    while start > 0 {
        let k = start - 1;
        let w = norms[k];
        let joins = is_amount(k)
            || toks[k].is_punct("%")
            || matches!(
                w,
                "in" | "of"
                    | "out"
                    | "a"
                    | "an"
                    | "than"
                    | "more"
                    | "less"
                    | "fewer"
                    | "nearly"
                    | "almost"
                    | "about"
                    | "roughly"
                    | "just"
                    | "only"
                    | "over"
                    | "under"
                    | "around"
                    | "mere"
                    | "full"
                    | "least"
                    | "at"
                    | "slightly"
                    | "well"
            );
        if !joins {
            break;
        }
        start = k;
    }
    while start < l && matches!(norms[start], "in" | "of" | "than" | "at") {
        start += 1;
    }
    Some(Np { start, end: l + 1 })
}

/// The noun phrase ending at `last`, with a relative clause if it has one
/// ("a senior official who spoke on condition of anonymity").
fn subject_ending_at(toks: &[Token], norms: &[&str], last: usize, floor: usize) -> Option<Np> {
    if let Some(r) = relative_without_commas(toks, norms, last) {
        if r > floor {
            if let Some(ante) = np_left(toks, r - 1, floor) {
                return Some(Np {
                    start: ante.start,
                    end: last + 1,
                });
            }
        }
    }
    np_left(toks, last, floor)
}

/// A noun phrase starting at `first`, with its relative clause ("said the man who built ...").
fn subject_starting_at(toks: &[Token], norms: &[&str], first: usize, ceil: usize) -> Option<Np> {
    let np = np_right(toks, first, ceil)?;
    if np.end < ceil && norms[np.end] == "who" {
        return Some(Np {
            start: np.start,
            end: ceil,
        });
    }
    Some(np)
}

/// The subject at the start of the sentence: a pronoun or a capitalised name
/// followed by a verb ("Reid caucused ... and says").
fn initial_subject(toks: &[Token], norms: &[&str], before: usize) -> Option<Np> {
    let f = (0..before).find(|&k| toks[k].is_wordlike())?;
    if toks[..f].iter().any(|t| t.is_quote()) {
        return None;
    }
    if is_subject_pronoun(norms[f]) {
        return Some(Np {
            start: f,
            end: f + 1,
        });
    }
    let mut e = f;
    if norms[e] == "the" {
        e += 1;
    }
    let body = e;
    if is_time_word(norms[body]) {
        return None;
    }
    if is_determiner(norms[body]) || (norms[f] == "the" && !toks[body].cap) {
        // "The ministry slammed ...": a short phrase ending on a known head noun.
        let start = if norms[f] == "the" { f } else { body };
        let lex = lexicon();
        let head_end = |k: usize| lex.heads.longest_match(norms, k).map(|(n, _)| k + n);
        let end = (start + 1..(start + 5).min(before))
            .filter(|&k| toks[k].is_word())
            .find_map(|k| head_end(k).filter(|&e| e <= before))?;
        let verb_follows = toks.get(end).is_some_and(|t| t.is_word() && !t.cap);
        return verb_follows.then_some(Np { start, end });
    }
    while e < before && (toks[e].cap && toks[e].is_word() || toks[e].kind == TokenKind::Possessive)
    {
        e += 1;
    }
    // "Gary Emineth, a former state party chairman, became ...": skip the appositive.
    if e > body && e < before && toks[e].is_punct(",") {
        if let Some(close) = (e + 1..before.min(e + 16)).find(|&k| toks[k].is_punct(",")) {
            if classify_insert(toks, norms, e + 1, close) == Some(Insert::NounPhrase) {
                let after = toks.get(close + 1);
                if after.is_some_and(|t| t.is_word() && !t.cap) {
                    return Some(Np {
                        start: f,
                        end: close,
                    });
                }
            }
        }
    }
    let verb_follows = toks
        .get(e)
        .is_some_and(|t| t.is_word() && !t.cap && (is_auxiliary(&t.norm) || !is_non_head(&t.norm)));
    (e > body && verb_follows && toks[body].cap).then_some(Np { start: f, end: e })
}

/// What an inserted phrase between commas (or dashes) is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Insert {
    /// A noun phrase in apposition: "a spokesperson for the ministry", "Dr. Ilse Marchetti".
    NounPhrase,
    /// Anything else that can sit between a subject and its verb: "who ...",
    /// "speaking to reporters", "52", "in a statement", "not his real name", "however".
    Other,
}

fn classify_insert(toks: &[Token], norms: &[&str], a: usize, b: usize) -> Option<Insert> {
    if a >= b {
        return None;
    }
    let w = norms[a];
    // "Statistics, including market research by Euro RSCG, show": the examples belong
    // to the mention, so a name among them makes it specific.
    if matches!(w, "including" | "like") || (w == "such" && norms.get(a + 1) == Some(&"as")) {
        return Some(Insert::NounPhrase);
    }
    if is_relative_pronoun(w) || w == "whose" || w == "where" {
        return Some(Insert::Other);
    }
    if mentions::is_pseudonym_note(norms, a, b) {
        return Some(Insert::Other);
    }
    if (b == a + 1 && toks[a].kind == TokenKind::Number) || (is_verb_adverb(w) && !toks[a].cap) {
        // "52", "however", "then 38", "now 81 and retired in Cambridge"
        return Some(Insert::Other);
    }
    if !toks[a].cap && toks[a].is_word() && (w.ends_with("ing") || w.ends_with("ed")) {
        return Some(Insert::Other);
    }
    if is_np_preposition(w)
        || matches!(
            w,
            "along" | "during" | "after" | "unlike" | "as" | "by" | "speaking"
        )
    {
        return Some(Insert::Other);
    }
    if appositive_like(toks, norms, a) {
        // The whole segment must read as a noun phrase, perhaps with a relative clause,
        // a participle or a coordination after it: "a senior adviser to Mr. Sanders",
        // "a truck driver from Ava, who is ...", not "candidates have more room".
        let np = np_right(toks, a, b)?;
        let rest_ok = np.end >= b
            || matches!(norms[np.end], "who" | "whose" | "which" | "and" | "&")
            || (!toks[np.end].cap
                && toks[np.end].is_word()
                && (norms[np.end].ends_with("ing") || norms[np.end].ends_with("ed")))
            || is_np_preposition(norms[np.end])
            || (!toks[np.end].cap && is_verb_adverb(norms[np.end]));
        if rest_ok {
            return Some(Insert::NounPhrase);
        }
    }
    None
}

/// A short quotation inside a clause, right after a word: "calls Trump a 'sociopath'".
fn embedded_quote(toks: &[Token], open: usize, close: usize) -> bool {
    open > 0 && toks[open - 1].is_word() && close - open <= 8
}

/// The start of the clause that ends at `l`: after the nearest semicolon, colon,
/// bracket or quotation. A word quoted inside the clause ("calls Trump a 'sociopath'")
/// does not end it.
fn clause_floor(toks: &[Token], l: usize) -> usize {
    let mut k = l;
    while k > 0 {
        k -= 1;
        let t = &toks[k];
        if t.kind == TokenKind::CloseQuote {
            let open = (0..k).rev().find(|&j| toks[j].kind == TokenKind::OpenQuote);
            match open {
                Some(o) if embedded_quote(toks, o, k) => {
                    k = o;
                    continue;
                }
                _ => return k + 1,
            }
        }
        if t.kind == TokenKind::OpenQuote && k > 0 && toks[k - 1].is_word() {
            continue;
        }
        // "Gov. John Kasich (R-Ohio), said": a short bracket inside the clause.
        if t.is_punct(")") {
            if let Some(o) = (k.saturating_sub(8)..k)
                .rev()
                .find(|&j| toks[j].is_punct("("))
            {
                k = o;
                continue;
            }
        }
        if t.is_quote() || t.is_punct(";") || t.is_punct(":") || t.is_punct("(") || t.is_punct(")")
        {
            return k + 1;
        }
    }
    0
}

/// "X, APPOSITIVE, said" / "X, 52, who ..., said" / "X — a teacher — says":
/// `l` is the comma or dash just before the verb.
fn insert_subject(toks: &[Token], norms: &[&str], l: usize) -> Option<Np> {
    // The clause start: the nearest hard boundary before the verb.
    let floor = clause_floor(toks, l);
    // Segments between delimiters, right to left: segments[0] is next to the verb.
    let mut segments: Vec<(usize, usize)> = Vec::new();
    let mut end = l;
    let mut k = l;
    while k > floor {
        k -= 1;
        if toks[k].is_punct(",") || toks[k].is_punct("—") {
            segments.push((k + 1, end));
            end = k;
        }
    }
    segments.push((floor, end));
    if segments.len() < 2 {
        return None;
    }
    let mut subject: Option<usize> = None;
    for (i, &(a, b)) in segments.iter().enumerate() {
        if i + 1 == segments.len() {
            // The clause's first segment holds the subject at its tail.
            if b > a && mentions::can_be_head(toks, b - 1) {
                subject = Some(i);
            }
            break;
        }
        match classify_insert(toks, norms, a, b) {
            // An appositive could itself be the subject if nothing subject-like precedes it.
            Some(Insert::NounPhrase) => subject = Some(i),
            Some(Insert::Other) => {}
            None => break,
        }
    }
    let si = subject?;
    if si == 0 {
        // Only the segment next to the verb: ", said X" territory, not an insert.
        return None;
    }
    let (a, mut b) = segments[si];
    // A bracket after the name belongs to it: "Rep. Hank Johnson (D-Ga.)".
    let bracket_end = (b > a + 1 && toks[b - 1].is_punct(")")).then_some(b);
    if bracket_end.is_some() {
        b = (a..b - 1).rev().find(|&j| toks[j].is_punct("("))?;
    }
    let mut np = subject_ending_at(toks, norms, b.checked_sub(1)?, a)?;
    if let Some(end) = bracket_end {
        np.end = end;
    }
    // The mention runs on over appositive noun phrases right after the subject.
    let mut mention_end = np.end;
    for &(sa, sb) in segments[..si].iter().rev() {
        if classify_insert(toks, norms, sa, sb) == Some(Insert::NounPhrase) {
            mention_end = sb;
        } else {
            break;
        }
    }
    Some(Np {
        start: np.start,
        end: mention_end,
    })
}

/// A relative pronoun between the subject and the verb with no commas: returns its index.
fn relative_without_commas(toks: &[Token], norms: &[&str], l: usize) -> Option<usize> {
    let mut k = l;
    let mut steps = 0;
    while k > 0 && steps < 14 {
        k -= 1;
        steps += 1;
        let t = &toks[k];
        if !t.is_wordlike() && t.kind != TokenKind::Possessive {
            return None;
        }
        let w = norms[k];
        if w == "who" {
            return Some(k);
        }
        if matches!(
            w,
            "that" | "and" | "but" | "because" | "while" | "although" | "if" | "when"
        ) {
            return None;
        }
    }
    None
}

/// Does the phrase starting at `i` read like an appositive noun phrase
/// ("spokesperson for ...", "a former minister", "Dr. Ilse Marchetti")?
fn appositive_like(toks: &[Token], norms: &[&str], i: usize) -> bool {
    let w = norms[i];
    if is_determiner(w) || toks[i].cap || toks[i].kind == TokenKind::Number {
        return true;
    }
    let lex = lexicon();
    // "spokesperson for", "deputy head of": a role noun opens it (maybe after an adjective).
    (i..(i + 4).min(toks.len())).any(|k| {
        lex.heads
            .longest_match(norms, k)
            .is_some_and(|(_, e)| matches!(e.class, HeadClass::Role | HeadClass::Organisation))
    })
}

fn np_head_class(norms: &[&str], np: Np) -> Option<HeadClass> {
    let lex = lexicon();
    let main_end = (np.start..np.end)
        .find(|&k| {
            matches!(
                norms[k],
                "," | "of" | "for" | "at" | "from" | "in" | "with" | "who"
            )
        })
        .unwrap_or(np.end);
    let h = main_end.checked_sub(1)?;
    (np.start..=h).rev().take(3).find_map(|s| {
        lex.heads
            .longest_match(&norms[..=h], s)
            .filter(|(len, _)| s + len == h + 1)
            .map(|(_, e)| e.class)
    })
}

/// "added that", "noted:", "asked whether", "responded pointedly, with a smile: ...".
fn followed_by_clause(toks: &[Token], norms: &[&str], from: usize) -> bool {
    for k in from..(from + 14).min(toks.len()) {
        let t = &toks[k];
        if t.kind == TokenKind::OpenQuote || t.is_punct(":") {
            return true;
        }
        if t.is_punct(",") {
            continue;
        }
        if t.is_boundary_punct() || t.kind == TokenKind::CloseQuote {
            return false;
        }
        if matches!(
            norms[k],
            "that" | "whether" | "if" | "why" | "how" | "what" | "when" | "where" | "who"
        ) {
            return true;
        }
        if k > from && (is_auxiliary(norms[k]) || lexicon().cues.starts_with(norms[k]) && !t.cap) {
            return false;
        }
    }
    false
}

/// A weak verb ("added", "noted", "called") counts only in a reporting frame.
fn weak_frame_ok(
    toks: &[Token],
    norms: &[&str],
    cue: &Cue,
    np: Np,
    head: Option<HeadClass>,
) -> bool {
    // Clause-final ("..., she added.") counts when the speaker follows what was said.
    let clause_final = toks.get(cue.end).is_none_or(|t| {
        t.kind == TokenKind::CloseQuote
            || t.is_boundary_punct() && !t.is_punct(":") && !t.is_punct("-")
    });
    if clause_final {
        // ", she added." / "As Clyburn noted, ..." / "'...,' the paper reported."
        let opens = np.start == 0
            || norms[np.start - 1] == "as"
            || toks[np.start - 1].is_punct(",")
            || toks[np.start - 1].is_punct("—")
            || toks[np.start - 1].kind == TokenKind::CloseQuote
            || toks[..np.start].iter().all(|t| !t.is_wordlike());
        return opens;
    }
    if followed_by_clause(toks, norms, cue.end) {
        return true;
    }
    // "Research suggests ...", "data indicate ...": a document or data set as the subject.
    let document_verb = cue.class == CueClass::Evidence
        || matches!(
            cue.lemma,
            "suggest" | "say" | "state" | "note" | "report" | "estimate" | "claim"
        );
    if document_verb && head == Some(HeadClass::Document) {
        return true;
    }
    // "described the plan as reckless", "referred to it as".
    // "declined to answer", "plans to run", "threatened to sue": an intention.
    let infinitive = toks.get(cue.end).is_some_and(|t| t.norm == "to")
        && toks
            .get(cue.end + 1)
            .is_some_and(|t| t.is_word() && !t.cap && !is_determiner(&t.norm));
    if infinitive
        && matches!(
            cue.lemma,
            "seem"
                | "appear"
                | "decline"
                | "refuse"
                | "plan"
                | "seek"
                | "threaten"
                | "agree"
                | "expect"
                | "aim"
                | "promise"
                | "pledge"
                | "vow"
                | "wish"
                | "intend"
                | "prefer"
                | "hope"
        )
    {
        return true;
    }
    // "backed the plan", not "backed away".
    if cue.lemma == "back" {
        return toks.get(cue.end).is_some_and(|t| {
            t.cap
                || (t.is_word()
                    && !matches!(
                        t.norm.as_str(),
                        "away" | "down" | "off" | "up" | "out" | "into" | "to"
                    ))
        });
    }
    let names_as = matches!(
        cue.lemma,
        "describe" | "refer to" | "call" | "see" | "view" | "regard" | "consider" | "remember"
    );
    if names_as && (cue.end..(cue.end + 8).min(toks.len())).any(|k| norms[k] == "as") {
        return true;
    }
    // "call the general an infamous hardliner": a name for someone.
    if cue.lemma == "call" {
        if let Some(obj) = np_right(toks, cue.end, clause_end(toks, cue.end)) {
            return toks.get(obj.end).is_some_and(|t| {
                matches!(t.norm.as_str(), "a" | "an") || t.kind == TokenKind::OpenQuote
            });
        }
    }
    false
}

/// ", she added." after the content: the speaker follows what was said.
fn parenthetical(toks: &[Token], cue: &Cue, np: Np) -> bool {
    let before_np = np.start.checked_sub(1).map(|k| &toks[k]);
    let opens = before_np.is_some_and(|t| t.is_punct(",") || t.kind == TokenKind::CloseQuote);
    let closes = toks
        .get(cue.end)
        .is_none_or(|t| t.is_boundary_punct() || t.kind == TokenKind::CloseQuote)
        || (cue.end..toks.len()).all(|k| !toks[k].is_word() || toks[k].norm != "that")
            && toks[cue.end..]
                .iter()
                .position(|t| t.is_boundary_punct())
                .is_some_and(|p| p <= 4);
    opens && closes && np.start > 1
}

/// Content after the cue: a following quotation, or the rest of the sentence.
fn content_after(toks: &[Token], from: usize, quotes: &QuoteIndex) -> Option<Span> {
    let mut k = from;
    // "said in a statement on Tuesday that ...": the content starts after "that".
    if let Some(t) = (from..(from + 8).min(toks.len()))
        .take_while(|&j| toks[j].is_wordlike())
        .find(|&j| toks[j].norm == "that")
    {
        k = t;
    }
    while k < toks.len()
        && (toks[k].is_punct(",") || toks[k].is_punct(":") || toks[k].norm == "that")
    {
        k += 1;
    }
    let first = toks.get(k)?;
    if first.kind == TokenKind::OpenQuote {
        if let Some(q) = quotes.at(first.span.start) {
            return Some(q.inner);
        }
    }
    let mut end = toks.len();
    while end > k && !toks[end - 1].is_wordlike() && toks[end - 1].kind != TokenKind::CloseQuote {
        end -= 1;
    }
    (end > k).then(|| Span::new(first.span.start, toks[end - 1].span.end))
}

/// Content before the source: a preceding quotation, or the sentence up to it.
fn content_before(toks: &[Token], upto: usize, quotes: &QuoteIndex) -> Option<Span> {
    let mut end = upto;
    while end > 0 && (toks[end - 1].is_punct(",") || toks[end - 1].is_punct("—")) {
        end -= 1;
    }
    if end > 0 && toks[end - 1].kind == TokenKind::CloseQuote {
        if let Some(q) = quotes.at(toks[end - 1].span.start) {
            return Some(q.inner);
        }
    }
    let mut start = 0;
    while start < end && !toks[start].is_wordlike() {
        start += 1;
    }
    while end > start && !toks[end - 1].is_wordlike() {
        end -= 1;
    }
    (end > start).then(|| Span::new(toks[start].span.start, toks[end - 1].span.end))
}

/// Fixed phrases that gesture at a source: "by many accounts", "it is no secret".
fn find_sourceless_phrases(toks: &[Token], norms: &[&str], result: &mut SentenceResult) {
    let lex = lexicon();
    let mut i = 0;
    while i < toks.len() {
        if !toks[i].is_word() {
            i += 1;
            continue;
        }
        let Some((len, category)) = lex.sourceless.longest_match(norms, i) else {
            i += 1;
            continue;
        };
        let end = i + len;
        // "widely criticised by the union" names its source.
        let has_agent = toks.get(end).is_some_and(|t| t.norm == "by");
        if !has_agent {
            result.unsourced.push(FoundUnsourced {
                span: Span::new(toks[i].span.start, toks[end - 1].span.end),
                kind: match category {
                    SourcelessCategory::AgentlessPassive => UnsourcedKind::AgentlessPassive,
                    SourcelessCategory::CommonKnowledge => UnsourcedKind::CommonKnowledge,
                    SourcelessCategory::VagueSource => UnsourcedKind::VagueSource,
                    SourcelessCategory::UncitedEvidence => UnsourcedKind::UncitedEvidence,
                },
                nested: toks[i].quoted,
            });
        }
        i = end;
    }
}

/// The mention's head noun is in the lexicon (a role, body, group or document).
fn has_known_head(info: &MentionInfo) -> bool {
    info.head
        .as_deref()
        .is_some_and(|h| lexicon().heads.longest_match(&[h], 0).is_some() || is_agent_noun(h))
}

/// Plural nouns for people by what they do or where they belong: "endorsers",
/// "organisers", "activists", "Republicans", "residents", "participants".
fn is_agent_noun(w: &str) -> bool {
    [
        "ers", "ors", "ists", "ians", "ants", "ents", "eers", "ites", "ans",
    ]
    .iter()
    .any(|suffix| w.len() > suffix.len() + 2 && w.ends_with(suffix))
}

/// Verbs by which someone delivers a statement: "the comments Clinton made".
fn is_delivery_verb(w: &str) -> bool {
    matches!(
        w,
        "made"
            | "gave"
            | "delivered"
            | "issued"
            | "offered"
            | "posted"
            | "wrote"
            | "sent"
            | "released"
            | "expressed"
            | "voiced"
            | "published"
            | "tweeted"
    )
}

/// "Trump's claim", "her remarks", "a statement by the ministry", "the comments Clinton made".
fn noun_attributions(
    text: &str,
    toks: &[Token],
    norms: &[&str],
    quotes: &QuoteIndex,
    result: &mut SentenceResult,
) {
    let lex = lexicon();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        if !t.is_word() || t.quoted || t.cap {
            i += 1;
            continue;
        }
        let Some((len, class)) = lex.nouns.longest_match(norms, i) else {
            i += 1;
            continue;
        };
        let end = i + len;
        // Up to two modifiers may sit between the possessor and the noun: "Trump's latest remarks".
        let mut k = i;
        while k > 0
            && i - k < 2
            && toks[k - 1].is_word()
            && !toks[k - 1].cap
            && !is_non_head(norms[k - 1])
            && !is_possessive_pronoun(norms[k - 1])
        {
            k -= 1;
        }
        let source: Option<(Np, MentionInfo)> = if k >= 2
            && toks[k - 1].kind == TokenKind::Possessive
        {
            np_left(toks, k - 2, 0)
                .filter(|np| !mentions::is_time_chunk(toks, np.start, np.end))
                .map(|np| (np, classify(toks, norms, text, np, (np.start, np.end))))
        } else if k >= 1 && matches!(norms[k - 1], "his" | "her" | "its" | "their") {
            let np = Np {
                start: k - 1,
                end: k,
            };
            Some((np, mentions::possessive_pronoun_info(norms[k - 1])))
        } else if toks
            .get(end)
            .is_some_and(|n| matches!(n.norm.as_str(), "by" | "from"))
        {
            let ceil = clause_end(toks, end + 1);
            np_right(toks, end + 1, ceil)
                .map(|np| (np, classify(toks, norms, text, np, (np.start, np.end))))
        } else if let Some(np) = np_right(toks, end, clause_end(toks, end)) {
            // "the comments Clinton made": a subject and a delivery verb right after the noun.
            let person = toks[np.start].cap || is_subject_pronoun(norms[np.start]);
            let delivered = toks.get(np.end).is_some_and(|v| is_delivery_verb(&v.norm))
                || (np.end == np.start + 1
                    && is_subject_pronoun(norms[np.start])
                    && toks
                        .get(np.start + 1)
                        .is_some_and(|v| is_delivery_verb(&v.norm)));
            (person && delivered).then(|| (np, classify(toks, norms, text, np, (np.start, np.end))))
        } else if k + 1 < i + 1
            && toks.get(end).is_some_and(|n| is_subject_pronoun(&n.norm))
            && toks.get(end + 1).is_some_and(|v| is_delivery_verb(&v.norm))
        {
            let np = Np {
                start: end,
                end: end + 1,
            };
            Some((np, classify(toks, norms, text, np, (np.start, np.end))))
        } else {
            None
        };
        // Only a noun that introduces what was said counts: "Trump's claim that ...",
        // "her warning: '...'". "His remarks drew criticism" names a statement, no more.
        let introduces = toks
            .get(end)
            .is_some_and(|n| n.norm == "that" || n.is_punct(":"))
            || (toks.get(end).is_some_and(|n| n.is_punct(","))
                && toks
                    .get(end + 1)
                    .is_some_and(|n| n.kind == TokenKind::OpenQuote));
        // "claims by intelligence agencies that ...": the content follows the agent.
        let introduces_after_agent = source.as_ref().is_some_and(|(np, _)| {
            np.start > end && toks.get(np.end).is_some_and(|n| n.norm == "that")
        });
        if let Some((np, info)) = source.filter(|_| introduces || introduces_after_agent) {
            let span = span_of(toks, np);
            let person_like = info.kind != super::SourceKind::Role
                || has_known_head(&info)
                || info.title.is_some();
            let duplicate = result.found.iter().any(|f| f.source.overlaps(span));
            if person_like && !duplicate {
                result.found.push(Found {
                    cue: Some(Span::new(toks[i].span.start, toks[end - 1].span.end)),
                    class: *class,
                    form: CueForm::Noun,
                    source: span,
                    info,
                    antecedent: None,
                    content: content_after(toks, end, quotes),
                    nested: false,
                });
            }
        }
        i = end;
    }
}

/// "Clinton camp: Trump's remarks threaten security" / "TRUMP: The deaths ...":
/// a speaker's name, a colon, then what they said.
fn colon_speaker(text: &str, toks: &[Token], norms: &[&str], result: &mut SentenceResult) {
    let Some(colon) = toks.iter().position(|t| t.is_punct(":")) else {
        return;
    };
    if colon == 0 || colon > 5 || toks.len() < colon + 4 {
        return;
    }
    let label = |w: &str| {
        matches!(
            w,
            "update"
                | "updated"
                | "note"
                | "editor"
                | "editors"
                | "watch"
                | "read"
                | "video"
                | "photo"
                | "photos"
                | "source"
                | "sources"
                | "correction"
                | "related"
                | "more"
                | "breaking"
                | "exclusive"
                | "live"
                | "q"
                | "a"
                | "warning"
                | "advertisement"
                | "listen"
                | "see"
                | "also"
                | "analysis"
                | "opinion"
                | "comment"
                | "review"
                | "poll"
                | "report"
                | "map"
                | "chart"
                | "graphic"
                | "transcript"
                | "full"
                | "text"
                | "here"
                | "first"
                | "the"
                | "this"
                | "why"
                | "what"
                | "how"
        )
    };
    let words_ok = toks[..colon].iter().all(|t| {
        (t.is_word()
            && (t.cap
                || lexicon()
                    .heads
                    .longest_match(&[t.norm.as_str()], 0)
                    .is_some()))
            || t.kind == TokenKind::Possessive
    });
    if !words_ok || !toks[0].cap || toks[..colon].iter().any(|t| label(&t.norm)) {
        return;
    }
    if toks[colon + 1..].iter().filter(|t| t.is_word()).count() < 3 {
        return;
    }
    let np = Np {
        start: 0,
        end: colon,
    };
    let info = classify(toks, norms, text, np, (0, colon));
    if matches!(
        info.kind,
        super::SourceKind::Named | super::SourceKind::Role
    ) {
        result.found.push(Found {
            cue: Some(toks[colon].span),
            class: CueClass::Report,
            form: CueForm::Colon,
            source: span_of(toks, np),
            info,
            antecedent: None,
            content: Some(Span::new(
                toks[colon + 1].span.start,
                toks[toks.len() - 1].span.end,
            )),
            nested: false,
        });
    }
}

#[cfg(test)]
mod debug_tests {
    use super::*;
    use crate::analysis::attribution::tokens::tokenize;
    use crate::analysis::quotes::Quotes;

    /// `DEBUG_SENTENCE="..." cargo test --lib debug_sentence -- --nocapture`
    #[test]
    fn debug_sentence() {
        let Ok(s) = std::env::var("DEBUG_SENTENCE") else {
            return;
        };
        let quotes = Quotes::default();
        let idx = QuoteIndex::new(&quotes);
        let toks = tokenize(&s, Span::new(0, s.len()), &idx);
        let norms: Vec<&str> = toks.iter().map(|t| t.norm.as_str()).collect();
        for (i, t) in toks.iter().enumerate() {
            eprint!(
                "{i}:{}{:?}{} ",
                t.norm,
                t.kind,
                if t.quoted { "q" } else { "" }
            );
        }
        eprintln!();
        for c in cues::find(&toks, &norms) {
            eprintln!("cue {c:?}");
            eprintln!("  inverted {:?}", inverted_source(&toks, &norms, &c));
            eprintln!("  left {:?}", left_source(&toks, &norms, &c).map(|l| l.np));
        }
        let r = sentence(&s, &toks, &norms, &idx, false);
        for f in r.found {
            eprintln!("found {:?} {:?}", f.source.text(&s), f.info.kind);
        }
    }
}
