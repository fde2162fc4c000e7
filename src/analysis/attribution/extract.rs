//! One sentence at a time: pair each cue with its source mention and content.
//!
//! Word orders handled: "X said", "said X", "X, who ..., said", "X, a role, said",
//! "according to X", quotes before ("'...,' he said") or after ("X said: '...'"),
//! agentless passives ("it is believed") and passives with an agent ("... was
//! confirmed by X").

use super::cues::{self, Cue};
use super::grammar::*;
use super::mentions::{self, classify, np_left, np_right, skip_time_left, Entity, MentionInfo, Np};
use super::{CueForm, UnsourcedKind};
use crate::analysis::tokens::{QuoteIndex, Token, TokenKind};
use crate::analysis::Span;
use crate::lexicon::attribution::{lexicon, CueClass, CueFrame, HeadClass, SourcelessCategory};
use crate::nlp::tags::Upos;

/// An attribution found in one sentence, before canonical sources are merged.
#[derive(Clone, Debug)]
pub struct Found {
    pub cue: Option<Span>,
    pub class: CueClass,
    pub form: CueForm,
    pub source: Span,
    pub info: MentionInfo,
    /// For a relative pronoun ("X, who said"): the antecedent mention. Boxed, as it is
    /// rare and `Found`s are copied when a draft's pieces are joined.
    pub antecedent: Option<Box<(Span, MentionInfo)>>,
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
            | "report"
    )
}

/// A reporting verb's attribution: the cue's words, the speaker `np`, and what was said.
fn verb_found(
    toks: &[Token],
    cue: &Cue,
    np: Np,
    info: MentionInfo,
    antecedent: Option<Box<(Span, MentionInfo)>>,
    content: Option<Span>,
) -> Found {
    Found {
        cue: Some(Span::new(
            toks[cue.start].span.start,
            toks[cue.end - 1].span.end,
        )),
        class: cue.class,
        form: CueForm::Verb,
        source: span_of(toks, np),
        info,
        antecedent,
        content,
        nested: toks[cue.start].quoted,
    }
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
                // "according to him": an object pronoun stands for its person.
                let pronoun = toks
                    .get(cue.end)
                    .and_then(|t| possessive_of_object_pronoun(&t.norm))
                    .filter(|_| toks.get(cue.end + 1).is_none_or(|t| !t.is_wordlike()));
                let np = match pronoun {
                    Some(_) => Np {
                        start: cue.end,
                        end: cue.end + 1,
                    },
                    None => match np_right(toks, cue.end, ceil) {
                        Some(np) => np,
                        None => continue,
                    },
                };
                let info = match pronoun {
                    Some(p) => mentions::possessive_pronoun_info(p),
                    None => classify(toks, norms, text, np, (np.start, ceil)),
                };
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
    colon_speaker(text, toks, norms, &mut result);
    if result.found.is_empty() {
        dash_speaker(text, toks, norms, &mut result);
    }
    in_a_source(text, toks, norms, quotes, &mut result);
    noun_attributions(text, toks, norms, quotes, &mut result);
    find_sourceless_phrases(toks, norms, &mut result);
    result.names.extend(kin_names(text, toks, norms));
    for np in mentions::name_mentions(toks, norms) {
        let mut info = classify(toks, norms, text, np, (np.start, np.end));
        if info.kind == super::SourceKind::Named {
            // "Buenos Aires", a programme's title: no one "he" or "she" can stand for.
            if info.entity == Entity::Person && !names_a_person(&toks[np.start..np.end]) {
                info.entity = Entity::Organisation;
                info.gender = None;
            }
            result.names.push((span_of(toks, np), info));
        }
    }
    result.names.sort_by_key(|(span, _)| span.start);
    result
}

/// A name given right after a gendered noun, "his daughter, Maya" or "her husband
/// Tom": the gender a later "he" or "she" must agree with, which a lone given name
/// does not tell.
fn kin_names(text: &str, toks: &[Token], norms: &[&str]) -> Vec<(Span, MentionInfo)> {
    let lex = lexicon();
    let mut out = Vec::new();
    for i in 1..toks.len() {
        let comma = toks[i - 1].is_punct(",");
        let noun = if comma { i.checked_sub(2) } else { Some(i - 1) };
        let Some(noun) = noun else { continue };
        let gender = lex
            .heads
            .longest_match(&norms[..=noun], noun)
            .and_then(|(_, e)| e.gender.filter(|_| e.class == HeadClass::Role));
        if gender.is_none() || toks[i].upos != crate::nlp::tags::Upos::PROPN || !toks[i].cap {
            continue;
        }
        let end = (i..toks.len())
            .take_while(|&k| toks[k].cap && toks[k].upos == crate::nlp::tags::Upos::PROPN)
            .last()
            .map_or(i + 1, |k| k + 1);
        let np = Np { start: i, end };
        let mut info = classify(toks, norms, text, np, (np.start, np.end));
        if info.kind == super::SourceKind::Named && info.entity == Entity::Person {
            info.gender = gender;
            out.push((span_of(toks, np), info));
        }
    }
    out
}

/// Whether the entity typer lets a capitalised run be a person: some word typed a
/// person, or none typed at all (a place, a time or a thing is not one).
fn names_a_person(toks: &[Token]) -> bool {
    use crate::nlp::entities::EntityKind;
    let typed: Vec<_> = toks.iter().filter_map(|t| t.entity).collect();
    typed.is_empty() || typed.contains(&EntityKind::Person)
}

/// A plural noun by its ending: "voters", "Liberals"; not "enormous", "press", "bus".
fn looks_plural(w: &str) -> bool {
    w.len() > 3 && w.ends_with('s') && !["ss", "us", "is", "ous"].iter().any(|e| w.ends_with(e))
}

fn is_reflexive(w: &str) -> bool {
    matches!(
        w,
        "himself" | "herself" | "themselves" | "itself" | "myself" | "ourselves" | "yourself"
    )
}

/// The "by" of a passive's agent, right after the verb or after a short phrase
/// ("was booed and heckled by", "was endorsed in March by"); not the
/// agent of a later verb ("is said to be loved by").
fn agent_by(toks: &[Token], norms: &[&str], from: usize) -> Option<usize> {
    for k in from..(from + 7).min(toks.len()) {
        let t = &toks[k];
        if norms[k] == "by" && t.is_word() {
            return Some(k);
        }
        // Another verb starts: "seen holding a man by", "a report written
        // by" (but "booed and heckled by" is one passive).
        let coordinated = k > 0 && matches!(norms[k - 1], "and" | "or");
        let other_verb = t.is_word()
            && !t.cap
            && (norms[k].ends_with("ing") || norms[k].ends_with("ed") && !coordinated);
        let stops = t.is_boundary_punct()
            || t.is_quote()
            || matches!(
                norms[k],
                "to" | "that" | "because" | "when" | "while" | "as"
            )
            || (k > from && is_auxiliary(norms[k]))
            || other_verb;
        if stops {
            return None;
        }
    }
    None
}

/// "him" -> "his": the possessive that carries the same person, for pronoun mentions.
fn possessive_of_object_pronoun(w: &str) -> Option<&'static str> {
    match w {
        "him" => Some("his"),
        "her" => Some("her"),
        "them" => Some("their"),
        _ => None,
    }
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
    if cue.infinitive {
        return infinitive_attribution(text, toks, norms, quotes, cue);
    }
    // "other rebel groups backed by Ankara": a participle with its agent is passive too.
    // ("replied by waving": "by" and a gerund is a means, not an agent.)
    let agent_follows = toks.get(cue.end).is_some_and(|t| t.norm == "by")
        && !toks
            .get(cue.end + 1)
            .is_some_and(|t| !t.cap && t.norm.ends_with("ing"));
    let reduced_passive = !cue.passive
        && !cue.participle
        && agent_follows
        && !toks[cue.group_start..cue.start]
            .iter()
            .any(|t| is_auxiliary(&t.norm))
        && toks[cue.start].norm.ends_with("ed");
    if cue.passive || reduced_passive {
        // "... was confirmed by the ministry", "was endorsed in March by the Times": the
        // agent is the source.
        let by = if cue.passive {
            agent_by(toks, norms, cue.end)
        } else {
            Some(cue.end)
        };
        if let Some(by) = by {
            let ceil = clause_end(toks, by + 1);
            if let Some(np) = np_right(toks, by + 1, ceil) {
                let info = classify(toks, norms, text, np, (np.start, ceil));
                if info.kind != super::SourceKind::Pronoun {
                    return Some(verb_found(toks, cue, np, info, None, None));
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
    // ("he's claiming": the contracted "'s" is a form of "be".)
    if cue.participle
        && !toks[cue.group_start..cue.start]
            .iter()
            .any(|t| is_be(&t.norm) || t.kind == TokenKind::Possessive)
    {
        let after_comma = cue.group_start > 0 && toks[cue.group_start - 1].is_punct(",");
        // "surprised the council by saying", "began by saying": a gerund after a
        // preposition shares the clause's subject.
        let gerund = cue.group_start > 0
            && toks[cue.group_start - 1].is_word()
            && matches!(
                norms[cue.group_start - 1],
                "by" | "in" | "while" | "after" | "before" | "when" | "without" | "from" | "upon"
            );
        if gerund && result.found.is_empty() {
            return gerund_subject(toks, norms, cue.group_start - 1).and_then(|np| {
                let info = classify(toks, norms, text, np, (np.start, np.end));
                let person = !matches!(info.kind, super::SourceKind::Role) || has_known_head(&info);
                // "by raising taxes": a weak verb still needs its reporting frame.
                let framed = cue.frame != CueFrame::Weak
                    || weak_frame_ok(toks, norms, cue, np, np_head_class(norms, np));
                (person && framed).then(|| {
                    verb_found(
                        toks,
                        cue,
                        np,
                        info,
                        None,
                        content_after(toks, cue.end, quotes),
                    )
                })
            });
        }
        if !after_comma {
            return participle_after_its_speaker(text, toks, norms, quotes, cue);
        }
        if !result.found.is_empty() {
            return None;
        }
        let np = main_clause_subject(toks, norms, cue.group_start - 1)?;
        let info = classify(toks, norms, text, np, (np.start, np.end));
        if info.kind == super::SourceKind::Role && !has_known_head(&info) {
            return None;
        }
        return Some(verb_found(
            toks,
            cue,
            np,
            info,
            None,
            content_after(toks, cue.end, quotes),
        ));
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
            antecedent = Some(Box::new((span_of(toks, a), info)));
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
    // "All told, the fund spent ...": an idiom, not a telling.
    if norms[np.start] == "all" && np.end == np.start + 1 && norms[cue.start] == "told" {
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
    // "broad support", "with wide support": a bare form that is also a noun needs its
    // subject right before it ("Norway and Chile support", "voters who support").
    let plain_subject_before = cue.start > 0 && {
        let p = &toks[cue.start - 1];
        p.cap
            || p.kind == TokenKind::Number
            || p.is_punct("%")
            || is_subject_pronoun(&p.norm)
            || matches!(p.norm.as_str(), "who" | "that" | "which")
            || is_verb_adverb(&p.norm)
            || looks_plural(&p.norm)
    };
    // "support for the bill", "has support from": the noun.
    let noun_after = toks
        .get(cue.end)
        .is_some_and(|t| matches!(t.norm.as_str(), "for" | "from" | "among" | "of"))
        || (cue.start > 0 && matches!(norms[cue.start - 1], "has" | "have" | "had"));
    if bare_form
        && !inverted
        && lexicon().homographs.contains(norms[cue.start])
        && (noun_after || cue.group_start == cue.start && !plain_subject_before)
    {
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
    // A stance verb with a person and the target: "Okafor attacked Reyes", "she blasted him".
    let stance_at_target = cue.class == CueClass::Stance
        && cue.lemma != "call"
        && toks
            .get(cue.end)
            .is_some_and(|t| matches!(t.norm.as_str(), "him" | "her" | "them" | "us" | "me"));
    let person_speaks = matches!(
        cue.class,
        CueClass::Contested | CueClass::Report | CueClass::Belief | CueClass::Stance
    ) && matches!(
        info.kind,
        super::SourceKind::Named | super::SourceKind::Pronoun | super::SourceKind::Anonymous
    ) && !matches!(
        cue.lemma,
        "add" | "continue" | "go on" | "post" | "read" | "raise" | "rule" | "address" | "call"
    ) && (stance_at_target
        || toks.get(cue.end).is_some_and(|t| {
            t.is_word()
                && (t.cap
                    || is_determiner(&t.norm)
                    || is_possessive_pronoun(&t.norm)
                    || is_subject_pronoun(&t.norm))
        }));
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
    Some(verb_found(toks, cue, np, info, antecedent, content))
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
    // "said the unit retreated": a finite verb in the phrase's main part (before a
    // comma or a relative pronoun, as in "said the man who built ...") makes it the
    // subject of what was said, not the speaker.
    let finite = |t: &Token| {
        !t.cap
            && matches!(t.upos, Upos::VERB | Upos::AUX)
            && matches!(
                crate::nlp::tagger::tagger().xpos_name(t.xpos),
                "VBD" | "VBZ" | "VBP" | "MD"
            )
    };
    let mut main_part = toks[np.start + 1..np.end].iter().take_while(|t| {
        !t.is_punct(",") && !matches!(t.norm.as_str(), "who" | "whom" | "whose" | "which" | "that")
    });
    if main_part.any(finite) {
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
    // "she herself had written": the reflexive only stresses the subject.
    if l > 0 && is_reflexive(norms[l]) {
        l -= 1;
    }
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
                // "Reid caucused on Saturday and says he voted": the clause's subject.
                return coordinated_subject(toks, norms, l);
            }
            if let Some(q) = quantity_left(toks, norms, l).or_else(|| partitive_pronoun(norms, l)) {
                return Some(LeftSource {
                    np: q,
                    relative_antecedent: None,
                });
            }
            if let Some(np) = before_reduced_relative(toks, norms, l) {
                return Some(LeftSource {
                    np,
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

/// "most of them said", "two of us agreed": a quantifier and a pronoun.
fn partitive_pronoun(norms: &[&str], l: usize) -> Option<Np> {
    if l < 2 || !matches!(norms[l], "them" | "us" | "those") || norms[l - 1] != "of" {
        return None;
    }
    let q = norms[l - 2];
    let quantifier = is_determiner(q) && !is_possessive_pronoun(q) && !is_definite(q)
        || matches!(q, "half" | "none" | "majority" | "minority");
    quantifier.then_some(Np {
        start: l - 2,
        end: l + 1,
    })
}

/// "A report published Wednesday said", "a poll released Monday shows": the
/// subject before a participle and its time.
fn before_reduced_relative(toks: &[Token], norms: &[&str], l: usize) -> Option<Np> {
    let time = is_calendar_name(norms[l]) || matches!(norms[l], "today" | "yesterday");
    if !time || l < 2 {
        return None;
    }
    let participle = &toks[l - 1];
    if !participle.is_word() || participle.cap || !participle.norm.ends_with("ed") {
        return None;
    }
    let np = np_left(toks, l - 2, 0)?;
    np_head_class(norms, np).is_some().then_some(np)
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

/// A reporting infinitive with its subject named: "Mayor to call for new ferries"
/// (a headline's future), "led the council to say", "the first senator to endorse him".
fn infinitive_attribution(
    text: &str,
    toks: &[Token],
    norms: &[&str],
    quotes: &QuoteIndex,
    cue: &Cue,
) -> Option<Found> {
    if matches!(cue.class, CueClass::Evidence | CueClass::NoComment) || cue.start < 2 {
        return None;
    }
    let to = cue.start - 1;
    let words_before = toks[..to].iter().filter(|t| t.is_word()).count();
    // A headline's short subject: "Union to endorse mayor", not "5 Things to Know".
    let headline = toks[..to].iter().all(|t| !t.is_word() || t.cap)
        && (1..=4).contains(&words_before)
        && toks[0].kind != TokenKind::Number;
    let np = if headline {
        let first = toks.iter().position(|t| t.is_word())?;
        Some(Np {
            start: first,
            end: to,
        })
    } else if let Some(k) = (to.saturating_sub(7)..to)
        .rev()
        .find(|&k| toks[k].is_word() && cues::is_causative(norms[k]))
    {
        // "led her to declare": an object pronoun.
        if k + 2 == to && possessive_of_object_pronoun(norms[k + 1]).is_some() {
            Some(Np {
                start: k + 1,
                end: to,
            })
        } else {
            np_right(toks, k + 1, to).filter(|np| np.end == to)
        }
    } else {
        // "the first member of Congress to endorse": the phrase holding the ordinal, or
        // the subject it describes ("Reyes was the first senator to endorse").
        let floor = clause_floor(toks, to - 1);
        let np = np_left(toks, to - 1, floor)?;
        if !(np.start..np.end).any(|k| cues::is_ordinal(norms[k])) {
            return None;
        }
        match np.start.checked_sub(1) {
            Some(c) if is_copula(norms[c]) => {
                let before = c.checked_sub(1)?;
                let subject = if is_subject_pronoun(norms[before]) {
                    Np {
                        start: before,
                        end: c,
                    }
                } else {
                    np_left(toks, before, floor)?
                };
                // The writer's own "I was the first to ..." is no attribution.
                (!matches!(norms[subject.start], "i" | "we" | "you")).then_some(subject)
            }
            _ => Some(np),
        }
    }?;
    let object_pronoun =
        possessive_of_object_pronoun(norms[np.start]).filter(|_| np.end == np.start + 1);
    let info = match object_pronoun {
        Some(p) => mentions::possessive_pronoun_info(p),
        None => classify(toks, norms, text, np, (np.start, np.end)),
    };
    let person = match info.kind {
        super::SourceKind::Named | super::SourceKind::Pronoun | super::SourceKind::Anonymous => {
            true
        }
        super::SourceKind::Role | super::SourceKind::Vague => {
            has_known_head(&info) && info.entity != Entity::Document
        }
        _ => false,
    };
    let framed = cue.frame != CueFrame::Weak
        || weak_frame_ok(toks, norms, cue, np, np_head_class(norms, np));
    (person && framed).then(|| {
        verb_found(
            toks,
            cue,
            np,
            info,
            None,
            content_after(toks, cue.end, quotes),
        )
    })
}

/// Forms of "be" and "become" that link a subject to a description.
fn is_copula(w: &str) -> bool {
    matches!(
        w,
        "is" | "was" | "are" | "were" | "became" | "becomes" | "become" | "remains" | "remained"
    )
}

/// The subject of the clause a gerund phrase hangs from: "Reyes surprised the council by
/// saying ...", "[Okafor] began by thanking ...". The gerund may not open the
/// sentence ("By saying ..., Okafor ..." has its subject after it).
fn gerund_subject(toks: &[Token], norms: &[&str], prep: usize) -> Option<Np> {
    if before_is_empty(toks, prep) {
        return None;
    }
    coordinated_subject(toks, norms, prep)
        .filter(|l| l.relative_antecedent.is_none() && !is_relative_pronoun(norms[l.np.start]))
        .map(|l| l.np)
}

/// The subject shared by two coordinated verbs ("Mrs. Lopez shook her head and
/// said ..."): the main clause's, or that of the subordinate clause the first verb sits
/// in ("when Reyes thanked the crowd and said ..."), or a relative pronoun's antecedent
/// ("Okafor, who backed the plan and said ...").
fn coordinated_subject(toks: &[Token], norms: &[&str], and: usize) -> Option<LeftSource> {
    let floor = clause_floor(toks, and);
    let opener = (floor..and).rev().find(|&k| {
        toks[k].is_word()
            && matches!(
                norms[k],
                "when"
                    | "while"
                    | "because"
                    | "after"
                    | "before"
                    | "as"
                    | "since"
                    | "if"
                    | "although"
                    | "though"
                    | "until"
                    | "once"
                    | "who"
            )
    });
    match opener {
        Some(k) if norms[k] == "who" => {
            let mut a = k.checked_sub(1)?;
            if toks[a].is_punct(",") {
                a = a.checked_sub(1)?;
            }
            Some(LeftSource {
                np: Np {
                    start: k,
                    end: k + 1,
                },
                relative_antecedent: np_left(toks, a, floor),
            })
        }
        Some(k) => initial_subject(toks, norms, k + 1, and)
            .or_else(|| main_clause_subject(toks, norms, k))
            .map(|np| LeftSource {
                np,
                relative_antecedent: None,
            }),
        None => main_clause_subject(toks, norms, and).map(|np| LeftSource {
            np,
            relative_antecedent: None,
        }),
    }
}

/// The subject of the clause that ends before `before`, past any opening phrases set
/// off by commas: "During the hearing, Reyes attacked the plan, saying ...",
/// "Meanwhile, it attacked the mayor, saying ...".
fn main_clause_subject(toks: &[Token], norms: &[&str], before: usize) -> Option<Np> {
    if let Some(np) = initial_subject(toks, norms, 0, before) {
        return Some(np);
    }
    let mut from = 0;
    // At most two opening phrases: "On Thursday, however, Reyes ...".
    for _ in 0..2 {
        let f = (from..before).find(|&k| toks[k].is_wordlike())?;
        let comma = (f..before).find(|&k| toks[k].is_boundary_punct() || toks[k].is_quote())?;
        // "During the debate,", "Meanwhile,", "On Tuesday,", "Asked about it,".
        let participle_phrase =
            from == 0 && toks[f].cap && (norms[f].ends_with("ed") || norms[f].ends_with("ing"));
        let opening = opens_with_preposition(norms[f])
            || (is_verb_adverb(norms[f]) && comma == f + 1)
            || mentions::is_time_chunk(toks, f, comma)
            || participle_phrase;
        if !opening || !toks[comma].is_punct(",") {
            return None;
        }
        from = comma + 1;
        if let Some(np) = initial_subject(toks, norms, from, before) {
            return Some(np);
        }
    }
    None
}

/// The subject at the start of the sentence (or of the clause starting at `from`): a
/// pronoun or a capitalised name followed by a verb ("Reid caucused ... and says").
fn initial_subject(toks: &[Token], norms: &[&str], from: usize, before: usize) -> Option<Np> {
    let mut f = (from..before).find(|&k| toks[k].is_wordlike())?;
    if toks[..f].iter().any(|t| t.is_quote()) {
        return None;
    }
    // "But Reyes smiled ... and invoked": a connective opens the sentence, not the name.
    if matches!(
        norms[f],
        "but" | "and" | "so" | "yet" | "still" | "also" | "then"
    ) {
        f = (f + 1..before).find(|&k| toks[k].is_wordlike())?;
    }
    // "On Monday night, Okafor ...": an opening phrase is no subject.
    if opens_with_preposition(norms[f]) {
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
        if verb_follows {
            return Some(Np { start, end });
        }
        // "Other mayors, including Okafor and Reyes, have followed ...".
        return appositive_then_verb(toks, norms, end, before)
            .map(|close| Np { start, end: close });
    }
    while e < before && (toks[e].cap && toks[e].is_word() || toks[e].kind == TokenKind::Possessive)
    {
        e += 1;
    }
    // "Okafor, who backed the plan, ...": the name before its relative clause.
    if e > body && toks[body].cap && toks.get(e + 1).is_some_and(|t| t.norm == "who") {
        return toks[e].is_punct(",").then_some(Np { start: f, end: e });
    }
    // "Gary Emineth, a former state party chairman, became ...": skip the appositive.
    if e > body && e < before {
        if let Some(close) = appositive_then_verb(toks, norms, e, before) {
            return Some(Np {
                start: f,
                end: close,
            });
        }
    }
    let verb_follows = toks
        .get(e)
        .is_some_and(|t| t.is_word() && !t.cap && (is_auxiliary(&t.norm) || !is_non_head(&t.norm)));
    (e > body && verb_follows && toks[body].cap).then_some(Np { start: f, end: e })
}

/// An appositive between commas starting at the comma `comma`, followed by a verb:
/// returns the closing comma.
fn appositive_then_verb(
    toks: &[Token],
    norms: &[&str],
    comma: usize,
    before: usize,
) -> Option<usize> {
    if !toks.get(comma)?.is_punct(",") {
        return None;
    }
    let close = (comma + 1..before.min(comma + 16)).find(|&k| toks[k].is_punct(","))?;
    if classify_insert(toks, norms, comma + 1, close) != Some(Insert::NounPhrase) {
        return None;
    }
    toks.get(close + 1)
        .is_some_and(|t| t.is_word() && !t.cap)
        .then_some(close)
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
    // "himself a candidate", "herself a former mayor": about the subject, not naming it.
    if matches!(w, "himself" | "herself" | "themselves" | "itself") {
        return Some(Insert::Other);
    }
    // "Liberals — and some Conservatives —": a second subject joined to the first.
    if matches!(w, "and" | "or") && b > a + 1 && appositive_like(toks, norms, a + 1) {
        return np_right(toks, a + 1, b)
            .filter(|np| np.end >= b)
            .map(|_| Insert::NounPhrase);
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
            || matches!(
                norms[np.end],
                "who" | "whose" | "which" | "that" | "and" | "&"
            )
            || (!toks[np.end].cap
                && toks[np.end].is_word()
                && (norms[np.end].ends_with("ing") || norms[np.end].ends_with("ed")))
            || is_np_preposition(norms[np.end])
            || (!toks[np.end].cap && is_verb_adverb(norms[np.end]))
            // "executive director of Clean Water Now": the rest of a name.
            || toks[np.end..b].iter().all(|t| t.cap || !t.is_word());
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
    // "Mr. Reyes, whose firm, Alder, builds bridges, said": segments after the
    // one that opens a relative clause belong to that clause, whatever they look like.
    let relative = segments[..segments.len() - 1]
        .iter()
        .rposition(|&(a, b)| b > a && matches!(norms[a], "who" | "whose" | "which"));
    let mut subject: Option<usize> = None;
    for (i, &(a, b)) in segments.iter().enumerate() {
        if i + 1 == segments.len() {
            // The clause's first segment holds the subject at its tail.
            if first_segment_subject(toks, norms, a, b) {
                subject = Some(i);
            }
            break;
        }
        if relative.is_some_and(|r| i < r) {
            continue;
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

/// Does the clause's first segment `toks[a..b]` end on the subject? A bracket after a
/// name belongs to it ("Rep. Ann Lee (D-Ore.)"); an opening phrase such as "In a
/// statement" or "During the debate" holds no subject, only a prepositional object.
fn first_segment_subject(toks: &[Token], norms: &[&str], a: usize, b: usize) -> bool {
    let mut tail = b;
    if tail > a + 1 && toks[tail - 1].is_punct(")") {
        match (a..tail - 1).rev().find(|&j| toks[j].is_punct("(")) {
            Some(open) => tail = open,
            None => return false,
        }
    }
    if tail <= a || !mentions::can_be_head(toks, tail - 1) {
        return false;
    }
    if !opens_with_preposition(norms[a]) {
        return true;
    }
    // "In a statement the ministry ...": a subject after the prepositional phrase.
    np_left(toks, tail - 1, a).is_some_and(|np| np.start > a + 1)
}

/// Words that open an introductory phrase rather than a subject.
fn opens_with_preposition(w: &str) -> bool {
    is_np_preposition(w)
        || matches!(
            w,
            "during"
                | "after"
                | "before"
                | "despite"
                | "under"
                | "following"
                | "since"
                | "by"
                | "unlike"
                | "amid"
                | "among"
                | "across"
                | "throughout"
                | "without"
        )
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
    let role_noun = (i..(i + 4).min(toks.len())).any(|k| {
        lex.heads
            .longest_match(norms, k)
            .is_some_and(|(_, e)| matches!(e.class, HeadClass::Role | HeadClass::Organisation))
    });
    role_noun || describes_a_position(toks, norms, i)
}

/// "senior associate for policy at the Alder Institute", "co-editor of The Review":
/// a lower-case noun phrase tied by a preposition to a named body reads as a position.
fn describes_a_position(toks: &[Token], norms: &[&str], i: usize) -> bool {
    if toks[i].cap || !toks[i].is_word() {
        return false;
    }
    let end = (i + 8).min(toks.len());
    (i + 1..end)
        .take_while(|&k| toks[k].is_wordlike() || toks[k].kind == TokenKind::Possessive)
        .any(|k| {
            matches!(norms[k], "of" | "for" | "at" | "with")
                && (toks.get(k + 1).is_some_and(|t| t.cap && t.is_word())
                    || (norms.get(k + 1) == Some(&"the")
                        && toks.get(k + 2).is_some_and(|t| t.cap && t.is_word())))
        })
}

fn np_head_class(norms: &[&str], np: Np) -> Option<HeadClass> {
    let lex = lexicon();
    let main_end = (np.start..np.end)
        .find(|&k| {
            matches!(
                norms[k],
                "," | "of" | "for" | "at" | "from" | "in" | "with" | "who" | "by"
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

/// "added that", "noted:", "asked whether", "responded pointedly, with a smile: ...",
/// and a clause with "that" left out: "noted donors are ...", "agreed it was ...".
fn followed_by_clause(toks: &[Token], norms: &[&str], from: usize) -> bool {
    if bare_clause_at(toks, norms, from) {
        return true;
    }
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

/// A finite clause starting at `from` with no "that": a subject pronoun and its verb
/// ("she noted it was late"), or a noun phrase and an auxiliary ("noted clients are").
fn bare_clause_at(toks: &[Token], norms: &[&str], from: usize) -> bool {
    let Some(first) = toks.get(from) else {
        return false;
    };
    if !first.is_word() || first.quoted {
        return false;
    }
    // An auxiliary, or the "'s" of "it's".
    let verb_like = |k: usize| {
        toks.get(k).is_some_and(|t| {
            (t.is_word() && !t.cap && is_auxiliary(&t.norm)) || t.kind == TokenKind::Possessive
        })
    };
    if matches!(
        norms[from],
        "he" | "she" | "it" | "they" | "we" | "i" | "there"
    ) {
        // "he was", "they 'd", or a plain verb: "she noted they spent ...".
        return verb_like(from + 1)
            || toks.get(from + 1).is_some_and(|t| {
                t.is_word()
                    && !t.cap
                    && !is_non_head(&t.norm)
                    && (t.norm.ends_with('s') || t.norm.ends_with("ed"))
            });
    }
    let Some(np) = np_right(toks, from, clause_end(toks, from)) else {
        return false;
    };
    np.end - np.start <= 5 && verb_like(np.end) && toks.get(np.end + 1).is_some_and(|t| t.is_word())
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
                | "call"
                | "vote"
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
        "describe"
            | "refer to"
            | "call"
            | "see"
            | "view"
            | "regard"
            | "consider"
            | "remember"
            | "paint"
            | "cast"
            | "frame"
            | "brand"
    );
    if names_as && (cue.end..(cue.end + 8).min(toks.len())).any(|k| norms[k] == "as") {
        return true;
    }
    // "call the general an infamous hardliner": a name for someone.
    if cue.lemma == "call" {
        // "called him a master", "called them 'losers'".
        let object_pronoun = toks.get(cue.end).is_some_and(|t| {
            matches!(t.norm.as_str(), "him" | "her" | "them" | "it" | "us" | "me")
        });
        // "called him reckless", "calling them liars" (not "called him back").
        let complement = |t: &Token| {
            matches!(t.norm.as_str(), "a" | "an" | "the")
                || t.kind == TokenKind::OpenQuote
                || (t.is_word()
                    && !t.cap
                    && !is_non_head(&t.norm)
                    && !matches!(
                        t.norm.as_str(),
                        "back"
                            | "up"
                            | "out"
                            | "off"
                            | "over"
                            | "down"
                            | "away"
                            | "later"
                            | "again"
                    ))
        };
        if object_pronoun && toks.get(cue.end + 1).is_some_and(complement) {
            return true;
        }
        if let Some(obj) = np_right(toks, cue.end, clause_end(toks, cue.end)) {
            return toks.get(obj.end).is_some_and(|t| {
                matches!(t.norm.as_str(), "a" | "an") || t.kind == TokenKind::OpenQuote
            });
        }
    }
    false
}

/// "with Sen. Ann Lee calling it a 'wish list'", "a union calling on him to
/// resign", "Reyes saying he was pleased": a speech participle right after the noun
/// phrase of its speaker. (After a determiner the form is an adjective: "a telling sign".)
fn participle_after_its_speaker(
    text: &str,
    toks: &[Token],
    norms: &[&str],
    quotes: &QuoteIndex,
    cue: &Cue,
) -> Option<Found> {
    // "Additional reporting by", "the court ruling in": forms that are also nouns.
    let noun_form = lexicon().homographs.contains(norms[cue.start]);
    // "a group supporting Mrs. Lopez", "voters opposing the ban".
    let taking_sides = cue.class == CueClass::Intent
        && matches!(
            cue.lemma,
            "support" | "oppose" | "endorse" | "back" | "favor"
        );
    if !(matches!(
        cue.class,
        CueClass::Report | CueClass::Contested | CueClass::Stance
    ) || taking_sides)
        || cue.group_start != cue.start
        || cue.start == 0
        || noun_form
    {
        return None;
    }
    // The participle needs its complement: "saying that", "calling him", "urging them to".
    let complement = toks.get(cue.end).is_some_and(|t| {
        t.kind == TokenKind::OpenQuote || t.is_punct(":") || t.is_punct(",") || t.is_word()
    });
    let np = speaker_chunk(toks, norms, cue.start - 1)?;
    if !complement || mentions::is_time_chunk(toks, np.start, np.end) {
        return None;
    }
    // "with Lee calling", ", Reyes saying", "of voters saying": not a verb's object
    // ("recalled Mr. Reyes talking about").
    let opens = np.start == 0
        || toks[np.start - 1].is_boundary_punct()
        || matches!(norms[np.start - 1], "with" | "and" | "of" | "about" | "as");
    if !opens {
        return None;
    }
    let info = classify(toks, norms, text, np, (np.start, np.end));
    let speaker = match info.kind {
        super::SourceKind::Named | super::SourceKind::Anonymous | super::SourceKind::Vague => {
            info.entity != Entity::Document
        }
        super::SourceKind::Role => has_known_head(&info) && info.entity != Entity::Document,
        _ => false,
    };
    let speaker = speaker
        && (cue.frame != CueFrame::Weak
            || weak_frame_ok(toks, norms, cue, np, np_head_class(norms, np)));
    // What was said runs to the end of the participle's clause, not the sentence.
    let end = clause_end(toks, cue.end + 1);
    let content =
        (end > cue.end).then(|| Span::new(toks[cue.end].span.start, toks[end - 1].span.end));
    speaker.then(|| {
        verb_found(
            toks,
            cue,
            np,
            info,
            None,
            content.or_else(|| content_after(toks, cue.end, quotes)),
        )
    })
}

/// A speaker's noun phrase ending at `last`, without joining prepositional phrases or
/// verbs: a run of capitalised words ("Sen. Ann Lee", "the Federation of Harbor
/// Workers"), or a known head noun with up to three modifiers ("Okafor's aides").
fn speaker_chunk(toks: &[Token], norms: &[&str], last: usize) -> Option<Np> {
    let t = &toks[last];
    if !t.is_word() || is_non_head(norms[last]) {
        return None;
    }
    let head = lexicon()
        .heads
        .longest_match(&norms[last..=last], 0)
        .is_some()
        || matches!(norms[last], "those" | "others");
    if !t.cap && !head {
        return None;
    }
    let mut start = last;
    while start > 0 {
        let p = &toks[start - 1];
        let w = norms[start - 1];
        if p.is_word() && is_determiner(w) {
            start -= 1;
            break;
        }
        let joins = p.kind == TokenKind::Possessive
            || (p.is_word() && p.cap && !is_clause_boundary(w))
            || (t.cap && matches!(w, "of" | "for" | "and") && toks[start].cap)
            || (!t.cap && p.is_word() && !p.cap && !is_non_head(w) && last - start < 3);
        if !joins {
            break;
        }
        start -= 1;
    }
    Some(Np {
        start,
        end: last + 1,
    })
}

/// ", she added." after the content: the speaker follows what was said.
fn parenthetical(toks: &[Token], cue: &Cue, np: Np) -> bool {
    let before_np = np.start.checked_sub(1).map(|k| &toks[k]);
    let opens = before_np.is_some_and(|t| t.is_punct(",") || t.kind == TokenKind::CloseQuote);
    // The bounded tests first: this runs for every cue, and the search for a later
    // "that" reads to the end of the sentence.
    let closes = || {
        let after = &toks[cue.end..];
        after
            .first()
            .is_none_or(|t| t.is_boundary_punct() || t.kind == TokenKind::CloseQuote)
            || after.iter().take(5).any(|t| t.is_boundary_punct())
                && after.iter().all(|t| !t.is_word() || t.norm != "that")
    };
    opens && np.start > 1 && closes()
}

/// Content after the cue: a following quotation, or the rest of the sentence.
fn content_after(toks: &[Token], from: usize, quotes: &QuoteIndex) -> Option<Span> {
    let mut k = from;
    // "said in a statement on Tuesday that ...": the content starts after "that". Not
    // when a clause comes first: in "says he backs it but that ...", the content
    // starts at "he".
    if let Some(t) = (from..(from + 8).min(toks.len()))
        .take_while(|&j| toks[j].is_wordlike() && !is_subject_pronoun(&toks[j].norm))
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
        // A plan or decision introduces its aim instead: "her decision to run".
        let introduces = if *class == CueClass::Intent {
            introduces_aim(toks, end)
        } else {
            toks.get(end)
                .is_some_and(|n| n.norm == "that" || n.is_punct(":"))
                || (toks.get(end).is_some_and(|n| n.is_punct(","))
                    && toks
                        .get(end + 1)
                        .is_some_and(|n| n.kind == TokenKind::OpenQuote))
        };
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

/// Heads of a poll or study whose figures a sentence reports "in": "In a Kestrel poll,
/// 50 percent ...".
fn is_findings_head(w: &str) -> bool {
    matches!(
        w,
        "poll"
            | "polls"
            | "survey"
            | "surveys"
            | "study"
            | "studies"
            | "report"
            | "reports"
            | "analysis"
            | "analyses"
            | "audit"
            | "review"
            | "assessment"
            | "census"
            | "index"
            | "ranking"
            | "rankings"
            | "average"
            | "averages"
            | "data"
            | "figures"
            | "statistics"
            | "estimate"
            | "estimates"
            | "forecast"
            | "projection"
            | "projections"
            | "tally"
            | "research"
            | "findings"
            | "model"
    )
}

/// Nouns for a point of view: "in his view", "in the union's words", "in their eyes".
fn is_viewpoint_noun(w: &str) -> bool {
    matches!(
        w,
        "view"
            | "views"
            | "words"
            | "eyes"
            | "opinion"
            | "estimation"
            | "judgment"
            | "judgement"
            | "mind"
            | "telling"
            | "account"
            | "assessment"
            | "experience"
    )
}

/// "In a Kestrel poll released Monday, 50 percent ...": the poll is the source of the
/// figures. "In his view", "in the union's words": the possessor holds
/// the view.
fn in_a_source(
    text: &str,
    toks: &[Token],
    norms: &[&str],
    quotes: &QuoteIndex,
    result: &mut SentenceResult,
) {
    for i in 0..toks.len() {
        if norms[i] != "in" || !toks[i].is_word() {
            continue;
        }
        let ceil = clause_end(toks, i + 1);
        // A poll frames the sentence only when it opens it and no one else is quoted:
        // "In a Kestrel poll, 50 percent chose Okafor" (not "leads in the polls").
        let framing = before_is_empty(toks, i) && result.found.iter().all(|f| f.nested);
        let Some((np, class, cue_end)) = viewpoint_after(toks, norms, i, ceil).or_else(|| {
            framing
                .then(|| findings_after(toks, norms, i, ceil))
                .flatten()
        }) else {
            continue;
        };
        let span = span_of(toks, np);
        if result.found.iter().any(|f| f.source.overlaps(span)) || after_a_cue(toks, result, i) {
            continue;
        }
        let info = if np.end == np.start + 1 && is_possessive_pronoun(norms[np.start]) {
            mentions::possessive_pronoun_info(norms[np.start])
        } else {
            classify(toks, norms, text, np, (np.start, np.end))
        };
        let content = if before_is_empty(toks, i) {
            content_after(toks, cue_end, quotes)
        } else {
            content_before(toks, i, quotes)
        };
        result.found.push(Found {
            cue: Some(Span::new(toks[i].span.start, toks[cue_end - 1].span.end)),
            class,
            form: CueForm::Preposition,
            source: span,
            info,
            antecedent: None,
            content,
            nested: toks[i].quoted,
        });
    }
}

/// "the agency said in a March report": the phrase belongs to a cue just before it.
fn after_a_cue(toks: &[Token], result: &SentenceResult, i: usize) -> bool {
    let mut k = i;
    while k > 0 && i - k < 4 && toks[k - 1].is_wordlike() {
        k -= 1;
        let at = toks[k].span.start;
        if result
            .found
            .iter()
            .any(|f| f.cue.is_some_and(|c| c.start <= at && at < c.end))
        {
            return true;
        }
    }
    false
}

/// "in his view", "in the union's words": (possessor, class, end of the cue).
fn viewpoint_after(
    toks: &[Token],
    norms: &[&str],
    i: usize,
    ceil: usize,
) -> Option<(Np, CueClass, usize)> {
    let first = i + 1;
    // The writer's own "in my view" is no attribution.
    if first < ceil && matches!(norms[first], "his" | "her" | "its" | "their") {
        let noun = first + 1;
        return (noun < ceil && is_viewpoint_noun(norms[noun])).then_some((
            Np {
                start: first,
                end: first + 1,
            },
            CueClass::Belief,
            noun + 1,
        ));
    }
    let poss = (first..ceil.min(first + 5)).find(|&k| toks[k].kind == TokenKind::Possessive)?;
    let noun = poss + 1;
    // A name ("in Okafor's words") or a named body ("in the Ledger's words").
    let named = toks[first].cap
        || (is_determiner(norms[first]) && toks.get(first + 1).is_some_and(|t| t.cap));
    if noun >= ceil || !is_viewpoint_noun(norms[noun]) || !named {
        return None;
    }
    let np = np_left(toks, poss - 1, first)?;
    (np.start == first).then_some((np, CueClass::Belief, noun + 1))
}

/// "in a Kestrel poll", "in the latest survey released Monday": (document, class, cue end).
fn findings_after(
    toks: &[Token],
    norms: &[&str],
    i: usize,
    ceil: usize,
) -> Option<(Np, CueClass, usize)> {
    let np = np_right(toks, i + 1, ceil)?;
    // A particular poll or study ("the polls", "a Kestrel poll"), not a field ("in marine
    // studies") or an activity ("in giving analysis").
    let first = &toks[np.start];
    let specific = is_determiner(norms[np.start]) || first.cap || first.kind == TokenKind::Number;
    if !specific {
        return None;
    }
    // The head is the last word of the first chunk: "poll" in "a Kestrel poll of voters".
    let head_end = (np.start..np.end)
        .find(|&k| {
            toks[k].is_word() && k > np.start && matches!(norms[k], "of" | "in" | "by" | "for")
        })
        .unwrap_or(np.end);
    let head = norms[head_end - 1];
    is_findings_head(head).then_some((np, CueClass::Evidence, i + 1))
}
/// "plan to cut taxes", "decision to leave": an infinitive aim follows an intent noun.
fn introduces_aim(toks: &[Token], end: usize) -> bool {
    toks.get(end).is_some_and(|t| t.norm == "to")
        && toks.get(end + 1).is_some_and(|t| {
            t.is_word() && !t.cap && !is_determiner(&t.norm) && !is_non_head(&t.norm)
        })
}

/// "Clinton camp: Trump's remarks threaten security" / "TRUMP: The deaths ...":
/// a speaker's name, a colon, then what they said.
/// A transcript quoted whole may open each line with a quotation mark: "\"HOST: ...".
/// A transcript label (a name in capitals) names the speaker even when the line itself
/// reports others; those reports are the speaker's words, nested like quoted ones.
fn colon_speaker(text: &str, toks: &[Token], norms: &[&str], result: &mut SentenceResult) {
    let Some((first, speaker_end, colon)) = colon_label(toks, norms) else {
        return;
    };
    if toks.len() < colon + 4 {
        return;
    }
    let transcript = is_transcript_label(text, toks, first, colon);
    // Reports after the colon are the speaker's words ("Okafor: Mayor Said ...").
    let line = toks[colon].span.end;
    let all_after = result
        .found
        .iter()
        .all(|f| f.cue.is_some_and(|c| c.start >= line));
    if !all_after && !transcript {
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
                | "clarification"
                | "disclosure"
                | "disclaimer"
                | "background"
                | "context"
                | "ruling"
                | "verdict"
                | "summary"
                | "fact"
                | "programming"
                | "bottom"
                // Headline kickers and section labels: "WOW:", "BOOM:", "Contributing:".
                | "wow"
                | "look"
                | "boom"
                | "bombshell"
                | "just"
                | "contributing"
                | "name"
                | "question"
                | "answer"
                | "remember"
                | "plus"
                | "so"
                | "hey"
                | "flashback"
                | "alert"
                | "recap"
                | "editorial"
                | "commentary"
                | "perspective"
                | "explainer"
                | "quiz"
                | "obituary"
                | "deaths"
                | "paid"
                | "notice"
                | "tip"
                | "tips"
                | "bonus"
                | "spoiler"
                | "fast-forward"
                | "reality"
                | "truth"
                | "myth"
                | "quote"
                | "quotes"
        )
    };
    let words_ok = toks[first..speaker_end].iter().all(|t| {
        (t.is_word()
            && (t.cap
                || lexicon()
                    .heads
                    .longest_match(&[t.norm.as_str()], 0)
                    .is_some()))
            || t.kind == TokenKind::Possessive
    });
    // A one-word label in "-ed" is a kicker: "Revealed:", "BUSTED:", "Leaked:".
    let kicker = speaker_end == first + 1 && norms[first].ends_with("ed");
    if !words_ok
        || kicker
        || !toks[first].cap
        || toks[first..speaker_end].iter().any(|t| label(&t.norm))
    {
        return;
    }
    if toks[colon + 1..].iter().filter(|t| t.is_word()).count() < 3 {
        return;
    }
    let np = Np {
        start: first,
        end: speaker_end,
    };
    let info = classify(toks, norms, text, np, (first, speaker_end));
    if matches!(
        info.kind,
        super::SourceKind::Named | super::SourceKind::Role
    ) {
        for f in &mut result.found {
            if f.cue.is_some_and(|c| c.start >= line) {
                f.nested = true;
            }
        }
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

/// Where a speaker label sits before a colon: (label start, speaker end, colon).
/// "Okafor camp: ..." / "\"HOST: ..." at the start of the line; "Okafor on
/// the Ferry Plan: ..." in a title-case headline (the speaker is the name before
/// "on"); "Analysts agree - Ann Lee: \"...\"" after a dash, before a quotation.
fn colon_label(toks: &[Token], norms: &[&str]) -> Option<(usize, usize, usize)> {
    let first = toks.iter().position(|t| !t.is_quote())?;
    let colon = toks[first..]
        .iter()
        .position(|t| t.is_punct(":"))
        .map(|c| first + c)?;
    if colon == first {
        return None;
    }
    // "... - Ann Lee: \"...\"": a short name after a dash, then a quotation.
    if toks
        .get(colon + 1)
        .is_some_and(|t| t.kind == TokenKind::OpenQuote)
    {
        let dash = (colon.saturating_sub(6).max(first)..colon)
            .rev()
            .find(|&k| is_dash(&toks[k]));
        if let Some(d) = dash {
            let name = &toks[d + 1..colon];
            if !name.is_empty() && name.iter().all(|t| t.cap && t.is_word()) {
                return Some((d + 1, colon, colon));
            }
        }
    }
    // "Name on Topic Words:" in a headline: the name before "on", "to" or "at".
    let small = |t: &Token| !t.is_word() || is_np_preposition(&t.norm) || is_determiner(&t.norm);
    let topic = (first + 1..colon.min(first + 5))
        .find(|&k| !toks[k].cap && matches!(norms[k], "on" | "to" | "at"))
        .filter(|&p| colon <= first + 14 && toks[p + 1..colon].iter().all(|t| t.cap || small(t)));
    if let Some(p) = topic {
        return Some((first, p, colon));
    }
    (colon <= first + 5).then_some((first, colon, colon))
}

/// "HOST", "MR. REYES": a speaker label in capitals, as transcripts print them.
fn is_transcript_label(text: &str, toks: &[Token], first: usize, colon: usize) -> bool {
    let words: Vec<&str> = toks[first..colon]
        .iter()
        .filter(|t| t.is_word())
        .map(|t| t.span.text(text))
        .collect();
    !words.is_empty()
        && words.len() <= 3
        && words
            .iter()
            .any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        && words
            .iter()
            .all(|w| w.chars().all(|c| !c.is_alphabetic() || c.is_uppercase()))
}

/// "'...' ― Ann Lee": a name after a dash that follows a quotation signs it,
/// as under an epigraph or a collected reaction. The dash may open the sentence when
/// the splitter has cut it from its quotation.
fn dash_speaker(text: &str, toks: &[Token], norms: &[&str], result: &mut SentenceResult) {
    let Some(dash) = toks.iter().position(is_dash) else {
        return;
    };
    let after_quote = if dash == 0 {
        text[..toks[0].span.start]
            .trim_end()
            .ends_with(['"', '”', '\'', '’', '»'])
    } else {
        toks[dash - 1].kind == TokenKind::CloseQuote && toks[..dash].iter().any(|t| t.is_word())
    };
    if !after_quote {
        return;
    }
    // The signature runs to the end of the sentence: a capitalised name of one to five
    // words, perhaps with a description after a comma ("Jo Lee, a nurse in Ohio").
    let mut end = dash + 1;
    while end < toks.len() && end < dash + 6 && toks[end].is_word() && toks[end].cap {
        end += 1;
    }
    if end == dash + 1 {
        return;
    }
    let rest = &toks[end..];
    // A signature line ends at the line break, whatever the splitter joined after it.
    let line_ends = rest
        .first()
        .is_some_and(|t| text[toks[end - 1].span.end..t.span.start].contains('\n'));
    let closes = line_ends
        || rest.iter().all(|t| t.is_punct(".") || t.is_punct(")"))
        || (rest.first().is_some_and(|t| t.is_punct(",")) && rest.len() <= 12);
    if !closes {
        return;
    }
    let np = Np {
        start: dash + 1,
        end,
    };
    let info = classify(toks, norms, text, np, (np.start, np.end));
    if info.kind != super::SourceKind::Named {
        return;
    }
    let content = (dash > 0 && toks[dash - 1].kind == TokenKind::CloseQuote)
        .then(|| Span::new(toks[0].span.start, toks[dash - 1].span.end));
    result.found.push(Found {
        cue: Some(toks[dash].span),
        class: CueClass::Report,
        form: CueForm::Colon,
        source: span_of(toks, np),
        info,
        antecedent: None,
        content,
        nested: false,
    });
}

/// A dash that can sign a quotation: em dash, en dash (normalised to "—"), the
/// horizontal bar, or a spaced hyphen.
fn is_dash(t: &Token) -> bool {
    t.is_punct("—") || t.is_punct("―") || t.is_punct("-")
}

#[cfg(test)]
mod debug_tests {
    use super::*;
    use crate::analysis::quotes::Quotes;
    use crate::analysis::tokens::tokenize;

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
