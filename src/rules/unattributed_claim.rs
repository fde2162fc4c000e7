//! unattributed-claim: a claim that gestures at a source without naming one.
//!
//! Categories:
//! - `vague-source`: "experts say", "critics argue", "many believe", "sources say", "by many accounts";
//! - `agentless-passive`: "it is believed", "is widely regarded as", "has been widely documented";
//! - `uncited-evidence`: "studies show", "research suggests", "there is growing evidence", with no citation;
//! - `common-knowledge`: "it is no secret that", "everyone knows";
//! - `unsourced-statistic` (hint): a figure in a factual claim with no attribution or
//!   citation in the sentence or the one before.
//!
//! A specific source or a citation in the same sentence silences the finding, and so
//! does one in an adjacent sentence that is tied to it ("One of them, ...", "Those
//! studies ..."). Everything is read from the shared attribution analysis.

use super::{shared, Edit, Finding, Fix, Rule, RuleContext, Scope, Severity};
use crate::analysis::attribution::{
    Attribution, CueClass, CueForm, SourceKind, Unsourced, UnsourcedKind,
};
use crate::analysis::Span;
use crate::lexicon::attribution::{lexicon, HeadClass};
use regex::Regex;
use std::sync::{Arc, OnceLock};

pub static RULE: Rule = Rule {
    id: "unattributed-claim",
    scope: Scope::Draft,
    summary: "A claim that gestures at a source without naming one",
    default_severity: Severity::Warning,
    check,
    whole_draft: None,
    fires_on: &[
        "Experts say the bridge is unsafe.",
        "Critics argue that the plan will fail.",
        "Many believe the election was stolen.",
        "Observers note that the talks have stalled.",
        "Sources say the minister will resign.",
        "It is believed that the army moved north overnight.",
        "The general is widely regarded as a hardliner.",
        "Complaints that have been widely documented include long delays at the border.",
        "It has been reported that the mayor resigned.",
        "Studies show that the drug works.",
        "Research suggests the policy failed.",
        "Data indicate a sharp rise in burglaries.",
        "There is growing evidence that the vaccine works.",
        "By many accounts, the talks collapsed.",
        "It is no secret that the mayor wants to run again.",
        "Everyone knows the plan failed.",
        "Unemployment in the region rose to 14 percent last year.",
        "The move is seen as a sign of weakness.",
        "Democratic lawmakers said the bill would fail.",
    ],
    quiet_on: &[
        "According to Lin Jian, the talks will resume next week.",
        "Experts at the Kyiv School of Economics said the damage exceeded $150 billion.",
        "Some 155 Chinese nationals were evacuated on Tuesday.",
        "Studies show the drug works.[^1]\n\n[^1]: Smith and Jones, The Lancet, 2021.",
        "[Research](https://example.org/study) suggests the policy failed.",
        "Experts say the bridge is unsafe. One of them, Maria Lopez, an engineer at the state transport agency, said the cables had corroded.",
        "\"Experts say it is unsafe,\" the mayor said.",
        "Unemployment rose to 14 percent last year, the statistics office said.",
        "The council met on Monday.",
    ],
};

/// Words that tie a sentence to the vague source of the one before it.
const TIES: &[&str] = &[
    "one of them",
    "among them",
    "they include",
    "those include",
    "including",
    "such as",
    "for example",
    "for instance",
    "one such",
    "one of those",
    "the study",
    "the report",
    "the survey",
    "the research",
    "that study",
    "that report",
    "the researchers",
    "the authors",
];

fn check(ctx: &RuleContext) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::new();
    // The furthest end of the findings of earlier sentences: a finding that starts
    // there or later overlaps none of them, so only this sentence's are compared
    // (comparing with all would cost time quadratic in the findings of a draft).
    let mut earlier_end = 0;
    let attrs = ctx.attributions;
    let mut by_sentence = attrs.by_sentence(ctx.sentences.len());
    let mut unsourced_by_sentence = attrs.unsourced_by_sentence(ctx.sentences.len());
    let mut previous: &[Attribution] = &[];
    // Some sentence before this one, in its paragraph, gives a source.
    let mut paragraph_sourced = false;
    for (si, sentence) in ctx.sentences.iter().enumerate() {
        let here = by_sentence.next().unwrap_or_default();
        let unsourced_here = unsourced_by_sentence.next().unwrap_or_default();
        let before = std::mem::replace(&mut previous, here);
        let same_paragraph = si > 0 && ctx.sentences[si - 1].block == sentence.block;
        paragraph_sourced = same_paragraph && (paragraph_sourced || gives_a_source(before));
        if in_blockquote(ctx, si) {
            continue;
        }
        // Only sentences with something to flag need their neighbours read.
        let tie = std::cell::OnceCell::new();
        let tied = || *tie.get_or_init(|| tied_to_neighbour(ctx, si));
        let mut found: Vec<Finding> = Vec::new();
        for a in here.iter().filter(|a| a.continues.is_none()) {
            // "Many locals refused to work" reports an action, not a claim.
            let vague = attrs.effective_kind(a) == SourceKind::Vague && !names_members(ctx, a);
            if !(vague || unnamed_group(ctx, a))
                || tied()
                || matches!(a.cue_class, CueClass::Intent | CueClass::NoComment)
            {
                continue;
            }
            let span = a.cue.map_or(a.source, |c| cover(a.source, c));
            if !sourced_elsewhere_in_sentence(ctx, ctx.sentences[si].span, here, span) {
                found.push(vague_attribution(ctx, a));
            }
        }
        for u in unsourced_here {
            if u.nested || tied() || ctx.quotes.covers(u.span) {
                continue;
            }
            if u.kind == UnsourcedKind::AgentlessPassive && agent_follows(ctx, si, u.span) {
                continue;
            }
            // "According to some scholars like Siedow": the phrase is part of a specific attribution.
            let part_of_specific = here.iter().any(|a| {
                let kind = attrs.effective_kind(a);
                (kind.is_specific() || kind == SourceKind::Anonymous)
                    && (a.source.overlaps(u.span) || a.cue.is_some_and(|c| c.overlaps(u.span)))
            });
            if !part_of_specific
                && !sourced_elsewhere_in_sentence(ctx, ctx.sentences[si].span, here, u.span)
            {
                found.push(unsourced_cue(ctx, u.kind, u.span));
            }
        }
        if found.is_empty() && here.is_empty() {
            if let Some(f) = unsourced_statistic(ctx, si, paragraph_sourced, unsourced_here) {
                found.push(f);
            }
        }
        // One finding per place: "according to experts" is both a vague attribution and a phrase.
        let first = out.len();
        for f in found {
            let category_on = f
                .category
                .as_deref()
                .is_none_or(|c| ctx.config.category_enabled(RULE.id, c));
            let overlaps = |g: &Finding| g.span.overlaps(f.span);
            let overlaps_earlier = f.span.start < earlier_end && out[..first].iter().any(overlaps);
            if category_on && !overlaps_earlier && !out[first..].iter().any(overlaps) {
                out.push(f);
            }
        }
        let ends = out[first..].iter().map(|f| f.span.end);
        earlier_end = ends.fold(earlier_end, usize::max);
    }
    out
}

fn in_blockquote(ctx: &RuleContext, si: usize) -> bool {
    ctx.config.quotes.blockquotes
        && ctx
            .prose
            .blocks
            .get(ctx.sentences[si].block)
            .is_some_and(|b| b.in_blockquote)
}

/// A named, role, anonymous, document or citation source in these attributions.
fn specific_source(ctx: &RuleContext, attrs: &[Attribution]) -> bool {
    attrs.iter().any(|a| {
        let kind = ctx.attributions.effective_kind(a);
        kind.is_specific() || kind == SourceKind::Anonymous
    })
}

fn cover(a: Span, b: Span) -> Span {
    Span::new(a.start.min(b.start), a.end.max(b.end))
}

/// Does a specific source or citation in the sentence vouch for the flagged phrase?
/// A citation anywhere does, and so does a source before the phrase or one set off
/// after it (", a defence official said"). A source inside the claim itself ("it is no
/// secret that the mayor wants ...") does not.
fn sourced_elsewhere_in_sentence(
    ctx: &RuleContext,
    sentence: Span,
    attrs: &[Attribution],
    flagged: Span,
) -> bool {
    attrs.iter().any(|a| {
        let kind = ctx.attributions.effective_kind(a);
        if !(kind.is_specific() || kind == SourceKind::Anonymous) || a.source.overlaps(flagged) {
            return false;
        }
        if kind == SourceKind::Citation {
            return true;
        }
        // What the source said, where the engine knows it, must hold the phrase:
        // an aside the writer adds around a quotation ("..., responding to
        // complaints that have been widely documented") is the writer's claim.
        if a.content.is_some_and(|c| !c.contains(flagged)) {
            return false;
        }
        if a.source.start < flagged.start {
            return true;
        }
        let between = &ctx.text[flagged.end.min(a.source.start)..a.source.start.max(flagged.end)];
        let set_off = between.contains([',', ';', '—', '–', '(', '"', '”']);
        set_off && a.source.end <= sentence.end
    })
}

/// How many words after a passive its "by" agent may come ("was seen as a
/// passing fad by critics").
const AGENT_REACH: usize = 10;

/// The passive at `span` names its agent further on in the sentence: "was seen
/// as unconstitutional by groups across the spectrum". Not "by" with a gerund
/// ("by cutting costs"), which says how, not who.
fn agent_follows(ctx: &RuleContext, si: usize, span: Span) -> bool {
    let rest = &ctx.text[span.end..ctx.sentences[si].span.end.max(span.end)];
    let words: Vec<&str> = rest
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .take(AGENT_REACH + 1)
        .collect();
    words
        .windows(2)
        .any(|pair| pair[0].eq_ignore_ascii_case("by") && !pair[1].to_lowercase().ends_with("ing"))
}

/// Words that introduce named members of a group: "Critics of the program,
/// like Senators Charles Grassley and Patrick Leahy, ...".
const MEMBERS_NAMED_BY: &[&str] = &[", like ", " including ", " such as ", " among them "];

/// A crowd that names its members in the mention itself: the reader is told who
/// they are.
fn names_members(ctx: &RuleContext, a: &Attribution) -> bool {
    let names_in = |span: Span| {
        let text = span.text(ctx.text);
        MEMBERS_NAMED_BY.iter().any(|cue| {
            text.find(cue).is_some_and(|at| {
                // "including the United States Conference of Mayors"
                let after = &text[at + cue.len()..];
                let after = after.strip_prefix("the ").unwrap_or(after);
                after.chars().next().is_some_and(char::is_uppercase)
            })
        })
    };
    // Only the mention itself: a source's first mention may lie outside the
    // neighbourhood this rule is re-run on after an edit.
    names_in(a.source)
}

/// Words that make a plural group a crowd, whatever its affiliation.
const CROWD_QUANTIFIERS: &[&str] = &["some", "many", "several", "various", "numerous", "most"];

/// An unnamed group that the engine types as named or as a role because its
/// affiliation is capitalised: "Democratic lawmakers said", "some members of
/// Congress say". No one in it is named, so for the reader it is as vague as
/// "critics".
fn unnamed_group(ctx: &RuleContext, a: &Attribution) -> bool {
    if !matches!(
        ctx.attributions.effective_kind(a),
        SourceKind::Named | SourceKind::Role
    ) {
        return false;
    }
    let words: Vec<&str> = a
        .source
        .text(ctx.text)
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
        .filter(|w| !w.is_empty())
        .collect();
    let Some((first, _)) = words.split_first() else {
        return false;
    };
    let first = first.to_lowercase();
    if CROWD_QUANTIFIERS.contains(&first.as_str()) {
        // "some members of Congress", "several Republican senators".
        return words.len() >= 2 && is_plural_person_noun(&words[1..]);
    }
    // "Democratic lawmakers": one or two capitalised words of affiliation, then
    // a plural noun for people; a name ("Senator Smith") or "the" is specific.
    let (head, affiliation) = words.split_last().expect("at least one word");
    (1..=2).contains(&affiliation.len())
        && affiliation.iter().all(|w| is_affiliation_word(w))
        && is_plural_person_noun(&[head])
}

/// A capitalised adjective of party or nation ("Democratic", "Ukrainian",
/// "Republican"), not a person's name: it ends like an adjective.
fn is_affiliation_word(word: &str) -> bool {
    let capitalised = word.chars().next().is_some_and(char::is_uppercase);
    let lower = word.to_lowercase();
    let adjectival = ["ic", "an", "ish", "ese", "i", "al"]
        .iter()
        .any(|end| lower.ends_with(end));
    capitalised && adjectival && !lower.ends_with("'s")
}

/// The words start with a plural noun for people ("members", "lawmakers",
/// "senators"), optionally after an affiliation ("Republican senators").
fn is_plural_person_noun<S: AsRef<str>>(words: &[S]) -> bool {
    let lower: Vec<String> = words.iter().map(|w| w.as_ref().to_lowercase()).collect();
    let start = lower
        .iter()
        .position(|w| !is_affiliation_word(&capitalise(w)) || w == "members")
        .unwrap_or(0);
    let Some(word) = lower.get(start) else {
        return false;
    };
    if word == "members" {
        return true;
    }
    lexicon()
        .heads
        .longest_match(&lower, start)
        .is_some_and(|(_, e)| {
            e.number == crate::lexicon::attribution::Number::Plural
                && matches!(e.class, HeadClass::Role | HeadClass::Anonymous)
        })
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The next sentence in the paragraph names a source and ties back ("One of them, ..."),
/// or this sentence refers back ("Those studies ...") to a sourced sentence before it.
fn tied_to_neighbour(ctx: &RuleContext, si: usize) -> bool {
    let block = ctx.sentences[si].block;
    if let Some(next) = ctx.sentences.get(si + 1).filter(|s| s.block == block) {
        if specific_source(ctx, ctx.attributions.in_sentence(si + 1))
            && contains_any(next.span.text(ctx.text), TIES, ties_matcher())
        {
            return true;
        }
    }
    if si > 0 && ctx.sentences[si - 1].block == block {
        let text = ctx.sentences[si].span.text(ctx.text);
        if specific_source(ctx, ctx.attributions.in_sentence(si - 1))
            && contains_any(text, REFERS_BACK, refers_back_matcher())
        {
            return true;
        }
    }
    false
}

/// Words that refer back to the sentence before: "Those studies ...".
const REFERS_BACK: &[&str] = &["these ", "those ", "such ", "the same "];

fn ties_matcher() -> &'static aho_corasick::AhoCorasick {
    static M: OnceLock<aho_corasick::AhoCorasick> = OnceLock::new();
    M.get_or_init(|| case_blind_matcher(TIES))
}

fn refers_back_matcher() -> &'static aho_corasick::AhoCorasick {
    static M: OnceLock<aho_corasick::AhoCorasick> = OnceLock::new();
    M.get_or_init(|| case_blind_matcher(REFERS_BACK))
}

fn case_blind_matcher(phrases: &[&str]) -> aho_corasick::AhoCorasick {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(phrases)
        .expect("fixed phrases build a matcher")
}

/// Does the lower-cased `text` contain one of `phrases` (lower-case ASCII)? ASCII text
/// is searched as it is, case-blind; other text is lower-cased first, as Unicode
/// lower-casing can turn a non-ASCII letter into an ASCII one (the Kelvin sign).
fn contains_any(text: &str, phrases: &[&str], matcher: &aho_corasick::AhoCorasick) -> bool {
    if text.is_ascii() {
        matcher.is_match(text)
    } else {
        let lower = text.to_lowercase();
        phrases.iter().any(|p| lower.contains(p))
    }
}

fn head_word(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric() && c != '-')
        .rfind(|w| !w.is_empty())
        .unwrap_or("")
        .to_lowercase()
}

fn is_evidence_noun(word: &str) -> bool {
    lexicon()
        .heads
        .longest_match(&[word], 0)
        .is_some_and(|(_, e)| e.class == HeadClass::Document)
}

fn finding(category: &str, span: Span, message: String, explanation: &str) -> Finding {
    shared::finding(
        RULE.id,
        category,
        RULE.default_severity,
        span,
        message,
        explanation,
    )
}

fn insert_fix(title: &str, at: usize, text: &str) -> Fix {
    Fix {
        title: title.into(),
        edits: vec![Edit {
            span: Span::new(at, at),
            replacement: text.into(),
        }],
    }
}

/// "Experts say", "critics argue", "studies show", "everyone knows".
fn vague_attribution(ctx: &RuleContext, a: &Attribution) -> Finding {
    let source_text = a.source.text(ctx.text);
    let head = head_word(source_text);
    let span = match a.cue {
        Some(c) if c.start >= a.source.end => Span::new(a.source.start, c.end),
        Some(c) if c.end <= a.source.start => Span::new(c.start, a.source.end),
        _ => a.source,
    };
    let shown = source_text.split_whitespace().collect::<Vec<_>>().join(" ");
    if matches!(head.as_str(), "everyone" | "everybody") {
        let mut f = finding(
            "common-knowledge",
            span,
            format!("Does \"{shown}\" really know this? Who, specifically, has shown it?"),
            "Presenting a claim as common knowledge skips the step of showing where it comes from. If it is widely known, a source is easy to add.",
        );
        f.alternatives = Arc::from(["Name a source that documents the claim.".to_string()]);
        return f;
    }
    if a.cue_class == CueClass::Evidence || is_evidence_noun(&head) {
        let mut f = finding(
            "uncited-evidence",
            span,
            format!("Which {head}? Cite or link the evidence behind \"{shown}\"."),
            "A reader cannot check evidence that is not identified. Name the study, report or data set, or link to it.",
        );
        f.alternatives = Arc::from([
            "a 2023 study by [who?] in [journal]".to_string(),
            "Link the study or report.".to_string(),
        ]);
        f.fixes = vec![insert_fix(
            "Add a citation placeholder",
            sentence_end_before_punct(ctx, a.sentence),
            " [citation needed]",
        )]
        .into();
        return f;
    }
    let mut f = finding(
        "vague-source",
        span,
        format!("Who are \"{shown}\"? Name them, or say how many and where they work."),
        "Unnamed groups (\"experts\", \"critics\", \"observers\") let a claim borrow authority the reader cannot check. Naming even one of them makes the claim testable.",
    );
    let placeholder = match head.as_str() {
        "critics" | "opponents" | "supporters" | "detractors" | "skeptics" | "sceptics"
        | "proponents" | "advocates" => (a.source.end, ", including [who?],"),
        "some" | "many" | "others" | "most" | "people" | "several" | "few" | "all" => {
            (a.source.end, " [who?]")
        }
        _ => (a.source.end, " at [who?]"),
    };
    f.alternatives = Arc::from([format!("{shown}{} {}", placeholder.1, verb_text(ctx, a))]);
    f.fixes = vec![insert_fix(
        "Insert an attribution placeholder",
        placeholder.0,
        placeholder.1,
    )]
    .into();
    f
}

fn verb_text<'a>(ctx: &RuleContext<'a>, a: &Attribution) -> &'a str {
    a.cue.map_or("", |c| c.text(ctx.text))
}

/// The offset just before the sentence's final punctuation (where a placeholder goes).
fn sentence_end_before_punct(ctx: &RuleContext, si: usize) -> usize {
    let span = ctx.sentences[si].span;
    let text = span.text(ctx.text);
    let trimmed = text.trim_end_matches(['.', '!', '?', '"', '”', '’', '\'', ')', ' ']);
    span.start + trimmed.len()
}

/// "It is believed", "widely documented", "by many accounts", "there is growing evidence".
fn unsourced_cue(ctx: &RuleContext, kind: UnsourcedKind, span: Span) -> Finding {
    let phrase = span
        .text(ctx.text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let lower = phrase.to_lowercase();
    match kind {
        UnsourcedKind::AgentlessPassive => {
            let participle = head_word(&lower);
            let question = match participle.as_str() {
                "documented" | "recorded" | "noted" | "reported" | "cited" | "shown" | "proven"
                | "demonstrated" => format!("Who {participle} this?"),
                "said" | "alleged" | "claimed" | "rumoured" | "rumored" | "described" => {
                    format!("Who {participle} this?")
                }
                "known" | "understood" | "accepted" | "acknowledged" | "recognised"
                | "recognized" => "Known to whom? Name who knows or accepts this.".to_string(),
                _ => format!("Who holds this view? \"{phrase}\" by whom?"),
            };
            let mut f = finding(
                "agentless-passive",
                span,
                question,
                "A passive with no agent (\"it is believed\", \"is widely regarded as\") states a view without saying whose it is. Name who believes, reports or documented it.",
            );
            f.fixes = vec![insert_fix("Add \"by [whom?]\"", span.end, " by [whom?]")].into();
            f.alternatives = Arc::from([format!("{phrase} by [whom?]")]);
            f
        }
        UnsourcedKind::VagueSource => {
            let mut f = finding(
                "vague-source",
                span,
                format!("Whose account is \"{phrase}\"? Name the source."),
                "Phrases like \"by many accounts\" or \"reportedly\" point at sources without naming any, so the reader cannot weigh them.",
            );
            if matches!(
                lower.as_str(),
                "reportedly" | "by many accounts" | "by most accounts" | "by some accounts" | "by all accounts"
            ) {
                f.fixes = vec![Fix {
                    title: "Replace with an attribution placeholder".into(),
                    edits: vec![Edit {
                        span,
                        replacement: "according to [who?]".into(),
                    }],
                }].into();
            }
            f
        }
        UnsourcedKind::UncitedEvidence => {
            let mut f = finding(
                "uncited-evidence",
                span,
                format!("What evidence? \"{phrase}\" needs a citation."),
                "Evidence that is not identified cannot be checked. Name the study, report or data set, or link to it.",
            );
            let si = ctx
                .sentences
                .partition_point(|s| s.span.end <= span.start)
                .min(ctx.sentences.len().saturating_sub(1));
            f.fixes = vec![insert_fix(
                "Add a citation placeholder",
                sentence_end_before_punct(ctx, si),
                " [citation needed]",
            )].into();
            f
        }
        UnsourcedKind::CommonKnowledge => finding(
            "common-knowledge",
            span,
            format!("Says who? \"{phrase}\" asks the reader to take the claim on trust."),
            "Presenting a claim as common knowledge skips the step of showing where it comes from. If it is widely known, a source is easy to add.",
        ),
    }
}

/// Can `statistic_pattern` match in `text` at all? Every figure it knows has a digit,
/// a currency sign or one of a few number words; without any of them the regex (slow
/// on non-ASCII text, where its Unicode word boundaries rule out the fast engine) is
/// skipped. Case-blind like the pattern: the only non-ASCII letters that fold to an
/// ASCII one (the Kelvin sign and the long s) send the text to the regex.
fn may_hold_statistic(text: &str) -> bool {
    static WORDS: OnceLock<aho_corasick::AhoCorasick> = OnceLock::new();
    let special =
        |c: char| c.is_numeric() || matches!(c, '$' | '€' | '£' | '¥' | '\u{212A}' | '\u{17F}');
    if text.chars().any(special) {
        return true;
    }
    WORDS
        .get_or_init(|| {
            aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build([
                    "one",
                    "two",
                    "three",
                    "four",
                    "five",
                    "six",
                    "seven",
                    "eight",
                    "nine",
                    "half",
                    "third",
                    "quarter",
                    "fifth",
                    "doubled",
                    "tripled",
                    "quadrupled",
                    "halved",
                ])
                .expect("fixed words build a matcher")
        })
        .is_match(text)
}

fn statistic_pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(concat!(
            r"(?i)(?:",
            // 14%, 14 percent, 3.5 per cent, 2 percentage points
            r"\b\d+(?:\.\d+)?\s?(?:%|percent\b|per cent\b|percentage points?\b)",
            // 1.2 million, 40 billion
            r"|\b\d+(?:[.,]\d+)?\s(?:million|billion|trillion)\b",
            // $3bn, €40, £2.5m
            // (the space before a unit belongs to the unit: "$35,458 in March" is "$35,458")
            r"|[$€£¥]\s?\d[\d,.]*(?:\s?(?:bn|m|k|million|billion|trillion))?\b",
            // one in five, 3 out of 10
            r"|\b(?:one|two|three|four|five|six|seven|eight|nine|\d+)\s(?:in|out of)\s(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\b",
            // half of, a third of, two-thirds of
            r"|\b(?:half|a third|a quarter|two-thirds|three-quarters|a fifth)\sof\b",
            // doubled, tripled, 3-fold
            r"|\b(?:doubled|tripled|quadrupled|halved)\b|\b\d+-fold\b",
            // 12,000 (thousands with separators)
            r"|\b\d{1,3}(?:,\d{3})+\b",
            r")"
        ))
        .expect("statistic regex compiles")
    })
}

/// Whether these attributions give a source for what follows: a speaker or a
/// citation, not a noun that merely names a statement ("the claim").
fn gives_a_source(attributions: &[Attribution]) -> bool {
    attributions
        .iter()
        .any(|a| a.form != CueForm::Noun || a.kind == SourceKind::Citation)
}

/// A figure in a factual claim in sentence `si`, with no attribution or citation here
/// or earlier in its paragraph (`paragraph_sourced`: a news paragraph's source covers
/// the figures after it); `unsourced_here` holds this sentence's unsourced cues.
fn unsourced_statistic(
    ctx: &RuleContext,
    si: usize,
    paragraph_sourced: bool,
    unsourced_here: &[Unsourced],
) -> Option<Finding> {
    if !ctx.config.category_enabled(RULE.id, "unsourced-statistic") {
        return None;
    }
    let sentence = &ctx.sentences[si];
    let masked = sentence.span.text(&ctx.prose.masked);
    if masked.trim_end().ends_with('?') {
        return None;
    }
    let block = ctx.prose.blocks.get(sentence.block)?;
    if matches!(
        block.kind,
        crate::analysis::prose::BlockKind::Heading { .. }
    ) {
        return None;
    }
    if paragraph_sourced || !unsourced_here.is_empty() {
        return None;
    }
    if !may_hold_statistic(masked) {
        return None;
    }
    let m = statistic_pattern().find_iter(masked).find(|m| {
        let span = Span::new(
            sentence.span.start + m.start(),
            sentence.span.start + m.end(),
        );
        !ctx.quotes.covers(span)
    })?;
    let span = Span::new(
        sentence.span.start + m.start(),
        sentence.span.start + m.end(),
    );
    let figure = m.as_str();
    let mut f = finding(
        "unsourced-statistic",
        span,
        format!("Where does \"{figure}\" come from? Give the source of the figure."),
        "A number carries authority; without a source the reader cannot check how it was measured or by whom.",
    );
    f.severity = Severity::Hint;
    f.fixes = vec![insert_fix(
        "Add a source placeholder",
        sentence_end_before_punct(ctx, si),
        ", according to [source]",
    )]
    .into();
    Some(f)
}

#[cfg(test)]
mod tests {
    use crate::{analyze, Config, Format};

    fn categories(text: &str) -> Vec<String> {
        analyze(text, Format::Markdown, &Config::default())
            .findings
            .into_iter()
            .filter(|f| f.rule == "unattributed-claim")
            .filter_map(|f| f.category.as_deref().map(str::to_string))
            .collect()
    }

    #[test]
    fn each_category_fires() {
        assert_eq!(
            categories("Experts say the bridge is unsafe."),
            ["vague-source"]
        );
        assert_eq!(
            categories("Critics argue that the plan will fail."),
            ["vague-source"]
        );
        assert_eq!(
            categories("Sources say the minister will resign."),
            ["vague-source"]
        );
        assert_eq!(
            categories("By many accounts, the talks collapsed."),
            ["vague-source"]
        );
        assert_eq!(
            categories("It is believed that the army moved north."),
            ["agentless-passive"]
        );
        assert_eq!(
            categories("The general is widely regarded as a hardliner."),
            ["agentless-passive"]
        );
        assert_eq!(
            categories("Complaints that have been widely documented include long delays."),
            ["agentless-passive"]
        );
        assert_eq!(
            categories("Studies show that the drug works."),
            ["uncited-evidence"]
        );
        assert_eq!(
            categories("Research suggests the policy failed."),
            ["uncited-evidence"]
        );
        assert_eq!(
            categories("There is growing evidence that the vaccine works."),
            ["uncited-evidence"]
        );
        assert_eq!(
            categories("It is no secret that the mayor wants to run."),
            ["common-knowledge"]
        );
        assert_eq!(
            categories("Everyone knows the plan failed."),
            ["common-knowledge"]
        );
        assert_eq!(
            categories("Unemployment in the region rose to 14 percent last year."),
            ["unsourced-statistic"]
        );
    }

    #[test]
    fn specific_sources_and_citations_silence_it() {
        assert!(categories("According to Lin Jian, the talks will resume.").is_empty());
        assert!(
            categories("Experts at the Kyiv School of Economics said the damage was vast.")
                .is_empty()
        );
        assert!(categories("Some 155 Chinese nationals were evacuated on Tuesday.").is_empty());
        assert!(categories("[Studies](https://example.org) show that the drug works.").is_empty());
        assert!(
            categories("Studies show that the drug works.[^1]\n\n[^1]: A 2021 trial.").is_empty()
        );
        assert!(
            categories("Unemployment rose to 14 percent, the statistics office said.").is_empty()
        );
    }

    #[test]
    fn a_tie_to_the_next_sentence_silences_it() {
        let text = "Experts say the bridge is unsafe. One of them, Maria Lopez, an engineer at the transport agency, said the cables had corroded.";
        assert!(categories(text).is_empty());
        let untied =
            "Experts say the bridge is unsafe. Maria Lopez, an engineer, said the paint was new.";
        assert_eq!(categories(untied), ["vague-source"]);
    }

    #[test]
    fn saying_nothing_is_not_a_claim() {
        for quiet in [
            "Officials would not say how many people were hurt.",
            "Two others have not said who they would vote for.",
            "Critics did not say whether the plan would fail.",
        ] {
            assert!(categories(quiet).is_empty(), "{quiet}");
        }
        assert_eq!(
            categories("Officials said many people were hurt."),
            ["vague-source"]
        );
    }

    #[test]
    fn quoted_words_are_the_speakers() {
        assert!(categories("\"Experts say it is unsafe,\" the mayor said.").is_empty());
    }

    #[test]
    fn the_statistic_hint_is_silenced_by_a_source_in_the_sentence_before() {
        let text = "The statistics office published its survey on Monday. Unemployment rose to 14 percent.";
        let cats = categories(text);
        assert!(
            cats.is_empty() || cats == ["unsourced-statistic"],
            "{cats:?}"
        );
        let sourced = "The statistics office said on Monday that jobs were scarce. Unemployment rose to 14 percent.";
        assert!(categories(sourced).is_empty());
        // The paragraph's source covers the figures after it, not those in the next one.
        let paragraph = "The statistics office said on Monday that jobs were scarce. Unemployment rose to 14 percent. Youth unemployment reached 30 percent.";
        assert!(categories(paragraph).is_empty());
        let next = "The statistics office said on Monday that jobs were scarce.\n\nYouth unemployment reached 30 percent.";
        assert_eq!(categories(next), ["unsourced-statistic"]);
    }

    #[test]
    fn a_figure_is_flagged_as_written() {
        for (text, figure) in [
            ("The company paid $35,458 in March.", "$35,458"),
            ("The fund raised $3 bn last year.", "$3 bn"),
            ("The bridge cost €2.5m to repair.", "€2.5m"),
            ("The grant came to $40,000.", "$40,000"),
            ("The bill was $12 million in all.", "$12 million"),
            ("Rents rose 14 percent in May.", "14 percent"),
        ] {
            let a = analyze(text, Format::Markdown, &Config::default());
            let f = a
                .findings
                .iter()
                .find(|f| f.category.as_deref() == Some("unsourced-statistic"))
                .unwrap_or_else(|| panic!("no figure flagged in {text:?}"));
            assert_eq!(f.span.text(text), figure, "{text:?}");
            assert!(
                f.message.contains(&format!("\"{figure}\"")),
                "{}",
                f.message
            );
        }
    }

    #[test]
    fn fixes_insert_placeholders() {
        let text = "Experts say the bridge is unsafe.";
        let a = analyze(text, Format::Markdown, &Config::default());
        let f = &a.findings[0];
        let edit = &f.fixes.get(0).unwrap().edits[0];
        let mut fixed = text.to_string();
        fixed.replace_range(edit.span.start..edit.span.end, &edit.replacement);
        assert_eq!(fixed, "Experts at [who?] say the bridge is unsafe.");
        assert!(f.message.contains('?'), "{}", f.message);
    }

    #[test]
    fn agentless_passives_beyond_the_participle_list_fire() {
        for text in [
            "The senator was widely considered a moderate.",
            "The move is seen as a sign of weakness.",
            "She is credited with saving the company.",
            "The outage was blamed on a software fault.",
            "He has been described as a recluse.",
        ] {
            assert_eq!(categories(text), ["agentless-passive"], "{text}");
        }
        for quiet in [
            "The law was seen as unconstitutional by groups across the spectrum.",
            "The comet was seen over the bay on Friday.",
            "The refund was credited to her account.",
            "The investigators blamed the outage on a software fault.",
            "The mayor described him as a recluse.",
        ] {
            assert!(
                categories(quiet).is_empty(),
                "{quiet}: {:?}",
                categories(quiet)
            );
        }
    }

    #[test]
    fn vague_source_phrasings_fire() {
        for text in [
            "By most accounts, the talks collapsed.",
            "The plan drew criticism from some in the party.",
            "Observers have noted that the talks stalled.",
            "Democratic lawmakers said the bill would fail.",
            "Some members of Congress said the inquiry should close.",
        ] {
            assert_eq!(categories(text), ["vague-source"], "{text}");
        }
        for quiet in [
            "Senator Jane Smith said the bill would fail.",
            "The Democratic Party said the bill would fail.",
            "Some members of Congress left early.",
        ] {
            assert!(
                categories(quiet).is_empty(),
                "{quiet}: {:?}",
                categories(quiet)
            );
        }
    }

    #[test]
    fn a_crowd_that_names_its_members_is_not_vague() {
        let text =
            "Critics of the program, like Senators Ana Ruiz and Tom Bell, say it has failed.";
        assert!(categories(text).is_empty(), "{:?}", categories(text));
        let text = "Proponents, including the Conference of Mayors, say the program works.";
        assert!(categories(text).is_empty(), "{:?}", categories(text));
        let text = "Critics of the program, like many economists, say it has failed.";
        assert_eq!(categories(text), ["vague-source"]);
    }

    #[test]
    fn an_aside_around_a_quotation_is_the_writers_claim() {
        let aside = "\"We are listening,\" the mayor said, responding to complaints that have been widely documented.";
        assert_eq!(categories(aside), ["agentless-passive"]);
        // What the speaker says, directly or in reported speech, is theirs.
        let reported = "The mayor said complaints had been widely documented.";
        assert!(
            categories(reported).is_empty(),
            "{:?}",
            categories(reported)
        );
        let set_off = "It is believed the army moved north, a defence official said.";
        assert!(categories(set_off).is_empty(), "{:?}", categories(set_off));
    }
}
