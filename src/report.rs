//! The document review report: counts, sources, level, with the spans behind it.
//!
//! `build` turns an analysis into plain data; `to_markdown` and `to_plain_text` render
//! it for the draft and the terminal (the CLI renders JSON). The level rule is
//! documented in docs/report.md; keep the two in step.
//!
//! The report never says a claim is false. Every sentence it writes is about what
//! the draft has not yet shown: a source it does not name, a claim resting on one
//! voice, wording that judges instead of describing.

pub mod ai_tells;
pub mod readability;

use crate::analysis::attribution::SourceKind;
use crate::analysis::quotes::QuoteKind;
use crate::analysis::tokens::TokenTable;
use crate::analysis::words::words;
use crate::analysis::Span;
use crate::config::Config;
use crate::line_index::LineIndex;
use crate::rules::{Finding, Severity, REGISTRY};
use crate::summary::intervals::Intervals;
use crate::Analysis;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;

/// The level thresholds (see docs/report.md).
pub mod thresholds {
    /// Unattributed claims: 1 or more is moderate, this many or more is high.
    pub const UNATTRIBUTED_HIGH: usize = 3;
    /// Single-source findings: 1 or more is moderate, this many or more is high.
    pub const SINGLE_SOURCE_HIGH: usize = 3;
    /// Loaded language per 1,000 words of the writer's prose, and the least number of
    /// findings, for moderate and for high (the count keeps one word in a
    /// three-sentence note from reading as a high density).
    pub const LOADED_MODERATE: (f64, usize) = (5.0, 2);
    pub const LOADED_HIGH: (f64, usize) = (15.0, 4);
    /// Weak sourcing: more than this share of attributed statements come from
    /// anonymous or vague sources, and at least `WEAK_SOURCING_MIN` of them.
    pub const WEAK_SOURCING_SHARE: f64 = 0.5;
    pub const WEAK_SOURCING_MIN: usize = 2;
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Low,
    Moderate,
    High,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Low => "low",
            Level::Moderate => "moderate",
            Level::High => "high",
        }
    }
}

/// What raised the level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Signal {
    UnattributedClaims,
    SingleSource,
    LoadedLanguage,
    WeakSourcing,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Reason {
    pub signal: Signal,
    pub level: Level,
    pub message: String,
    /// The text behind the reason; rendered as line numbers.
    pub spans: Vec<Span>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct RuleCount {
    pub rule: String,
    pub total: usize,
    /// Findings per category; findings without a category are only in `total`.
    pub categories: BTreeMap<String, usize>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct LoadedDensity {
    /// Loaded-language findings in the writer's own words (outside quotes, not hints).
    pub findings: usize,
    /// Words of the writer's own prose (quotes excluded).
    pub words: usize,
    pub per_thousand_words: f64,
    pub spans: Vec<Span>,
}

/// How identifiable a source is, for the totals.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceGroup {
    /// A person, body, role or citation a reader could identify or check.
    Named,
    Anonymous,
    Vague,
    /// A pronoun the attribution engine could not tie to a source.
    Unresolved,
}

impl SourceGroup {
    pub fn of(kind: SourceKind) -> SourceGroup {
        match kind {
            SourceKind::Named | SourceKind::Role | SourceKind::Citation | SourceKind::Document => {
                SourceGroup::Named
            }
            SourceKind::Anonymous => SourceGroup::Anonymous,
            SourceKind::Vague => SourceGroup::Vague,
            SourceKind::Pronoun => SourceGroup::Unresolved,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            SourceGroup::Named => "named",
            SourceGroup::Anonymous => "anonymous",
            SourceGroup::Vague => "vague",
            SourceGroup::Unresolved => "unresolved",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SourceRow {
    pub name: String,
    pub kind: SourceKind,
    pub group: SourceGroup,
    pub statements: usize,
    /// Share of all attributed statements, 0..=1.
    pub share: f64,
    pub first_mention: Span,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct GroupTotal {
    pub sources: usize,
    pub statements: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SourceTotals {
    pub statements: usize,
    pub named: GroupTotal,
    pub anonymous: GroupTotal,
    pub vague: GroupTotal,
    pub unresolved: GroupTotal,
}

impl SourceTotals {
    fn group_mut(&mut self, group: SourceGroup) -> &mut GroupTotal {
        match group {
            SourceGroup::Named => &mut self.named,
            SourceGroup::Anonymous => &mut self.anonymous,
            SourceGroup::Vague => &mut self.vague,
            SourceGroup::Unresolved => &mut self.unresolved,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Warning {
    pub span: Span,
    pub message: String,
    pub related: Vec<Span>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    pub level: Level,
    /// Highest level first; empty when the level is low.
    pub reasons: Vec<Reason>,
    /// One entry per rule in the registry (zeros included), then any other rule seen.
    pub rules: Vec<RuleCount>,
    pub loaded_language: LoadedDensity,
    /// Most statements first.
    pub sources: Vec<SourceRow>,
    pub source_totals: SourceTotals,
    pub single_source: Vec<Warning>,
    /// Reading level and audience, over the writer's own prose.
    pub readability: readability::Readability,
    /// What a reader might take for signs of machine-written text.
    pub ai_tells: ai_tells::AiTells,
}

/// Build the report. `text` is the analysed text (with generated blocks blanked out).
pub fn build(text: &str, analysis: &Analysis, config: &Config) -> Report {
    let rules = count_rules(&analysis.findings);
    let loaded_language = loaded_density(text, analysis, config);
    let (sources, source_totals) = source_table(analysis);
    let single_source = analysis
        .findings
        .iter()
        .filter(|f| f.rule == "single-source")
        .map(|f| Warning {
            span: f.span,
            message: f.message.to_string(),
            related: f.related.iter().map(|r| r.span).collect(),
        })
        .collect();
    let mut reasons = reasons(analysis, &loaded_language, &source_totals);
    reasons.sort_by_key(|r| std::cmp::Reverse(r.level));
    let level = reasons.first().map_or(Level::Low, |r| r.level);
    // The reading level and the signs read every sentence's tokens (and the
    // passive count parses them): built here, for the report only.
    let quoted = quoted_spans(analysis, config);
    let table = TokenTable::build(&analysis.prose, &analysis.sentences, &analysis.quotes);
    Report {
        level,
        reasons,
        rules,
        loaded_language,
        sources,
        source_totals,
        single_source,
        readability: readability::build(analysis, &table, &quoted),
        ai_tells: ai_tells::build(analysis, &table, &quoted),
    }
}

/// The direct quotes, and the blockquotes when the project counts them as quotes.
fn quoted_spans(analysis: &Analysis, config: &Config) -> Intervals {
    Intervals::new(
        analysis
            .quotes
            .spans
            .iter()
            .filter(|q| q.kind != QuoteKind::Blockquote || config.quotes.blockquotes)
            .map(|q| q.span),
    )
}

fn count_rules(findings: &[Finding]) -> Vec<RuleCount> {
    let mut rules: Vec<RuleCount> = REGISTRY
        .iter()
        .map(|r| RuleCount {
            rule: r.id.to_string(),
            ..RuleCount::default()
        })
        .collect();
    for f in findings {
        let index = match rules.iter().position(|r| r.rule == f.rule) {
            Some(i) => i,
            None => {
                rules.push(RuleCount {
                    rule: f.rule.to_string(),
                    ..RuleCount::default()
                });
                rules.len() - 1
            }
        };
        let row = &mut rules[index];
        row.total += 1;
        if let Some(category) = &f.category {
            *row.categories.entry(category.to_string()).or_insert(0) += 1;
        }
    }
    rules
}

/// Findings that count towards the level: hints are the writer's own "note only".
fn counted<'a>(analysis: &'a Analysis, rule: &'a str) -> impl Iterator<Item = &'a Finding> + 'a {
    analysis
        .findings
        .iter()
        .filter(move |f| f.rule == rule && f.severity != Severity::Hint)
}

fn loaded_density(text: &str, analysis: &Analysis, config: &Config) -> LoadedDensity {
    // A blockquote is someone else's words only when the project says so.
    let quoted = quoted_spans(analysis, config);
    // The masked prose has markup blanked out; a hand-built analysis may not have it.
    let prose = if analysis.prose.masked.len() == text.len() {
        analysis.prose.masked.as_str()
    } else {
        text
    };
    let words: usize = analysis
        .sentences
        .iter()
        .filter(|s| s.span.end <= prose.len())
        .flat_map(|s| words(s.span.text(prose), s.span.start))
        .filter(|w| !quoted.contains(w.span))
        .count();
    let spans: Vec<Span> = counted(analysis, "loaded-language")
        .filter(|f| !quoted.contains(f.span))
        .map(|f| f.span)
        .collect();
    let per_thousand_words = if words == 0 {
        0.0
    } else {
        spans.len() as f64 * 1000.0 / words as f64
    };
    LoadedDensity {
        findings: spans.len(),
        words,
        per_thousand_words,
        spans,
    }
}

fn source_table(analysis: &Analysis) -> (Vec<SourceRow>, SourceTotals) {
    let attributions = &analysis.attributions;
    let total = attributions.list.len();
    let mut totals = SourceTotals {
        statements: total,
        ..SourceTotals::default()
    };
    for a in &attributions.list {
        let kind = a
            .canonical
            .and_then(|i| attributions.sources.get(i))
            .map_or(a.kind, |s| s.kind);
        totals.group_mut(SourceGroup::of(kind)).statements += 1;
    }
    let mut rows: Vec<SourceRow> = attributions
        .sources
        .iter()
        .map(|s| {
            let group = SourceGroup::of(s.kind);
            totals.group_mut(group).sources += 1;
            SourceRow {
                name: s.name.split_whitespace().collect::<Vec<_>>().join(" "),
                kind: s.kind,
                group,
                statements: s.statements.len(),
                share: if total == 0 {
                    0.0
                } else {
                    s.statements.len() as f64 / total as f64
                },
                first_mention: s.first_mention,
            }
        })
        .collect();
    // Most-quoted first; ties in order of first mention, so the table is stable.
    rows.sort_by(|a, b| {
        b.statements
            .cmp(&a.statements)
            .then(a.first_mention.cmp(&b.first_mention))
    });
    (rows, totals)
}

fn reasons(analysis: &Analysis, loaded: &LoadedDensity, totals: &SourceTotals) -> Vec<Reason> {
    use thresholds::*;
    let mut out = Vec::new();

    let unattributed: Vec<Span> = counted(analysis, "unattributed-claim")
        .map(|f| f.span)
        .collect();
    if !unattributed.is_empty() {
        let n = unattributed.len();
        out.push(Reason {
            signal: Signal::UnattributedClaims,
            level: if n >= UNATTRIBUTED_HIGH {
                Level::High
            } else {
                Level::Moderate
            },
            message: format!(
                "{} to a source the draft does not name",
                plural(n, "claim points", "claims point")
            ),
            spans: unattributed,
        });
    }

    let single: Vec<Span> = counted(analysis, "single-source").map(|f| f.span).collect();
    if !single.is_empty() {
        let n = single.len();
        out.push(Reason {
            signal: Signal::SingleSource,
            level: if n >= SINGLE_SOURCE_HIGH {
                Level::High
            } else {
                Level::Moderate
            },
            message: format!(
                "{} on a single source, with nothing yet shown to corroborate {}",
                plural(n, "claim rests", "claims rest"),
                if n == 1 { "it" } else { "them" }
            ),
            spans: single,
        });
    }

    let (density, n) = (loaded.per_thousand_words, loaded.findings);
    let loaded_level = if density >= LOADED_HIGH.0 && n >= LOADED_HIGH.1 {
        Some(Level::High)
    } else if density >= LOADED_MODERATE.0 && n >= LOADED_MODERATE.1 {
        Some(Level::Moderate)
    } else {
        None
    };
    if let Some(level) = loaded_level {
        out.push(Reason {
            signal: Signal::LoadedLanguage,
            level,
            message: format!(
                "loaded language at {density:.1} per 1,000 words of the writer's own prose \
                 ({}): wording that judges where it could describe",
                plural(n, "finding", "findings")
            ),
            spans: loaded.spans.clone(),
        });
    }

    let weak = totals.anonymous.statements + totals.vague.statements;
    if weak >= WEAK_SOURCING_MIN && weak as f64 > WEAK_SOURCING_SHARE * totals.statements as f64 {
        let spans = analysis
            .attributions
            .list
            .iter()
            .filter(|a| {
                let kind = a
                    .canonical
                    .and_then(|i| analysis.attributions.sources.get(i))
                    .map_or(a.kind, |s| s.kind);
                matches!(
                    SourceGroup::of(kind),
                    SourceGroup::Anonymous | SourceGroup::Vague
                )
            })
            .map(|a| a.source)
            .collect();
        out.push(Reason {
            signal: Signal::WeakSourcing,
            level: Level::Moderate,
            message: format!(
                "{weak} of {} attributed statements come from anonymous or vague sources; \
                 the draft has not yet shown who they are",
                totals.statements
            ),
            spans,
        });
    }
    out
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// "line 4" or "lines 4, 9, 12": distinct lines, in order.
pub fn lines_of(spans: &[Span], index: &LineIndex) -> String {
    let mut lines: Vec<usize> = spans.iter().map(|s| index.line(s.start)).collect();
    lines.sort_unstable();
    lines.dedup();
    let list = lines
        .iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    match lines.len() {
        0 => String::new(),
        1 => format!("line {list}"),
        _ => format!("lines {list}"),
    }
}

/// 1234 -> "1,234".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

const DISCLAIMER: &str =
    "This report does not say whether any claim is true; it lists what the draft has not yet shown.";

fn level_sentence(report: &Report) -> String {
    match report.level {
        Level::Low => "No signal reached the moderate thresholds.".to_string(),
        _ => "What the draft has not yet shown:".to_string(),
    }
}

fn reason_line(reason: &Reason, index: &LineIndex) -> String {
    let mut message = reason.message.clone();
    if let Some(first) = message.get(..1) {
        message.replace_range(..1, &first.to_uppercase());
    }
    let where_ = lines_of(&reason.spans, index);
    if where_.is_empty() {
        format!("{} ({}).", message, reason.level.as_str())
    } else {
        format!("{} ({}; {}).", message, reason.level.as_str(), where_)
    }
}

fn rule_line(row: &RuleCount) -> String {
    if row.categories.is_empty() {
        return row.total.to_string();
    }
    let by_category = row
        .categories
        .iter()
        .map(|(c, n)| format!("{c} {n}"))
        .collect::<Vec<_>>()
        .join(", ");
    format!("{} ({by_category})", row.total)
}

fn density_line(loaded: &LoadedDensity) -> String {
    format!(
        "Loaded language: {} in {} of the writer's own prose ({:.1} per 1,000 words; quotes excluded).",
        plural(loaded.findings, "finding", "findings"),
        if loaded.words == 1 {
            "1 word".to_string()
        } else {
            format!("{} words", thousands(loaded.words))
        },
        loaded.per_thousand_words
    )
}

fn totals_line(totals: &SourceTotals) -> String {
    let group = |name: &str, g: &GroupTotal| {
        format!(
            "{name}: {}, {}",
            plural(g.sources, "source", "sources"),
            plural(g.statements, "statement", "statements")
        )
    };
    let mut parts = vec![
        group("Named", &totals.named),
        group("Anonymous", &totals.anonymous),
        group("Vague", &totals.vague),
    ];
    if totals.unresolved != GroupTotal::default() {
        parts.push(group("Unresolved", &totals.unresolved));
    }
    parts.join(". ") + "."
}

fn table_cell(s: &str) -> String {
    s.replace('|', "\\|")
}

/// The reading-level paragraph, as sentences (the same in Markdown and plain text).
fn readability_lines(r: &readability::Readability, text: &str, index: &LineIndex) -> Vec<String> {
    if r.writer.words == 0 {
        return vec!["No prose of the writer's own to measure.".to_string()];
    }
    let mut out = vec![format!(
        "Flesch\u{2013}Kincaid grade {:.1}, reading ease {:.0}: the writer's own prose suits {}{}.",
        r.grade,
        r.reading_ease,
        r.audience.describe(),
        if r.writer.words < readability::FEW_WORDS {
            " (a short text: the figures are rough)"
        } else {
            ""
        }
    )];
    out.push(format!(
        "{} in {}, {:.1} words a sentence on average; {} over {} words ({}); \
         passive voice in {} ({}).",
        word_count(r.writer.words),
        plural(r.writer.sentences, "sentence", "sentences"),
        r.words_per_sentence,
        plural(r.long_sentences.len(), "sentence", "sentences"),
        readability::LONG_SENTENCE_WORDS,
        with_lines(&percent(r.long_share), &r.long_sentences, index),
        plural(r.passives.len(), "sentence", "sentences"),
        with_lines(&percent(r.passive_share), &r.passives, index),
    ));
    // A grade over a handful of quoted words says nothing.
    if let Some(grade) = r.quoted_grade.filter(|_| r.quoted.words >= 30) {
        out.push(format!(
            "Quotes, counted apart: {}, grade {grade:.1}.",
            plural(r.quoted.words, "word", "words")
        ));
    }
    if !r.hardest.is_empty() {
        let lifts: Vec<String> = r
            .hardest
            .iter()
            .map(|l| {
                format!(
                    "line {}, \u{201c}{}\u{201d} (+{:.1})",
                    index.line(l.span.start),
                    opening_words(l.span.text(text)),
                    l.grade_points
                )
            })
            .collect();
        out.push(format!(
            "The sentences that raise the grade most: {}.",
            lifts.join(", ")
        ));
    }
    out
}

/// The first words of a sentence, to point at it: "The council, which met …".
fn opening_words(sentence: &str) -> String {
    const SHOWN: usize = 6;
    let words: Vec<&str> = sentence.split_whitespace().collect();
    let mut out = words[..words.len().min(SHOWN)]
        .join(" ")
        .replace('|', "\\|");
    if words.len() > SHOWN {
        out.push_str(" \u{2026}");
    }
    out
}

/// "1 word", "1,234 words".
fn word_count(n: usize) -> String {
    if n == 1 {
        "1 word".to_string()
    } else {
        format!("{} words", thousands(n))
    }
}

/// "12%" or "12%; lines 3, 8".
fn with_lines(share: &str, spans: &[Span], index: &LineIndex) -> String {
    let lines = lines_of(spans, index);
    if lines.is_empty() {
        share.to_string()
    } else {
        format!("{share}; {lines}")
    }
}

/// The signs paragraph: what a reader might notice, never who wrote the draft.
fn ai_tells_lines(s: &ai_tells::AiTells, index: &LineIndex) -> Vec<String> {
    use ai_tells::Sign;
    let mut out = vec![if s.signs.is_empty() {
        "Few or none of the patterns readers associate with machine-generated prose.".to_string()
    } else {
        "A reader might notice patterns often associated with machine-generated prose \
         (they do not show how the draft was written):"
            .to_string()
    }];
    let tells: Vec<Span> = s.tells.iter().map(|t| t.span).collect();
    let mut detail = |sign: Sign, text: String| {
        let mark = if s.signs.contains(&sign) {
            "- **"
        } else {
            "- "
        };
        let end = if mark.ends_with("**") { "**" } else { "" };
        out.push(format!("{mark}{text}{end}"));
    };
    detail(
        Sign::Phrases,
        format!(
            "Stock phrases and formulas: {} ({:.1} per 1,000 words{}).",
            s.tells.len(),
            s.tells_per_thousand_words,
            prefixed(&lines_of(&tells, index))
        ),
    );
    detail(
        Sign::EmDashes,
        format!(
            "Em dashes: {} ({:.1} per 1,000 words; news writing rarely passes {:.0}).",
            s.em_dashes.len(),
            s.em_dashes_per_thousand_words,
            ai_tells::thresholds::EM_DASHES_PER_THOUSAND
        ),
    );
    if let Some(u) = s.most_uniform {
        detail(
            Sign::UniformSentences,
            format!(
                "Most even run of {} sentences: lengths vary by {:.0}% around {:.0} words (lines {}\u{2013}{}).",
                u.sentences,
                u.variation * 100.0,
                u.mean_words,
                index.line(u.span.start),
                index.line(u.span.end.saturating_sub(1))
            ),
        );
    }
    detail(
        Sign::ThreeItemLists,
        format!(
            "Three-item lists: {} ({} of sentences).",
            s.three_item_lists.len(),
            percent(s.three_item_share)
        ),
    );
    out
}

fn prefixed(lines: &str) -> String {
    if lines.is_empty() {
        String::new()
    } else {
        format!("; {lines}")
    }
}

/// The report as Markdown (the inserted block and `truthlens report`).
pub fn to_markdown(report: &Report, text: &str, index: &LineIndex) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## TruthLens review");
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "**Level: {}.** {}",
        report.level.as_str(),
        level_sentence(report)
    );
    if !report.reasons.is_empty() {
        let _ = writeln!(out);
        for reason in &report.reasons {
            let _ = writeln!(out, "- {}", reason_line(reason, index));
        }
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "| Rule | Findings |");
    let _ = writeln!(out, "|---|---|");
    for row in &report.rules {
        let _ = writeln!(out, "| {} | {} |", row.rule, table_cell(&rule_line(row)));
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "{}", density_line(&report.loaded_language));
    let _ = writeln!(out);
    let _ = writeln!(out, "### Sources");
    let _ = writeln!(out);
    if report.sources.is_empty() {
        let _ = writeln!(out, "No attributed statements found.");
    } else {
        let _ = writeln!(
            out,
            "| Source | Kind | Statements | Share | First mention |"
        );
        let _ = writeln!(out, "|---|---|---:|---:|---:|");
        for row in &report.sources {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | line {} |",
                table_cell(&row.name),
                SourceKind::as_str(row.kind),
                row.statements,
                percent(row.share),
                index.line(row.first_mention.start)
            );
        }
        let _ = writeln!(out);
        let _ = writeln!(out, "{}", totals_line(&report.source_totals));
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "### Single-source warnings");
    let _ = writeln!(out);
    if report.single_source.is_empty() {
        let _ = writeln!(out, "None.");
    } else {
        for w in &report.single_source {
            let _ = writeln!(out, "- Line {}: {}", index.line(w.span.start), w.message);
        }
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "### Reading level");
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{}",
        readability_lines(&report.readability, text, index).join(" ")
    );
    let _ = writeln!(out);
    let _ = writeln!(out, "### Signs of machine-written text");
    let _ = writeln!(out);
    let mut lines = ai_tells_lines(&report.ai_tells, index).into_iter();
    if let Some(first) = lines.next() {
        let _ = writeln!(out, "{first}");
        let _ = writeln!(out);
    }
    for line in lines {
        let _ = writeln!(out, "{line}");
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "*{DISCLAIMER}*");
    out
}

/// The report as plain text (the inserted block in a `.txt` draft).
pub fn to_plain_text(report: &Report, text: &str, index: &LineIndex) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "TruthLens review");
    let _ = writeln!(
        out,
        "Level: {}. {}",
        report.level.as_str(),
        level_sentence(report)
    );
    for reason in &report.reasons {
        let _ = writeln!(out, "- {}", reason_line(reason, index));
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "Findings:");
    for row in &report.rules {
        let _ = writeln!(out, "- {}: {}", row.rule, rule_line(row));
    }
    let _ = writeln!(out, "{}", density_line(&report.loaded_language));
    let _ = writeln!(out);
    let _ = writeln!(out, "Sources:");
    if report.sources.is_empty() {
        let _ = writeln!(out, "No attributed statements found.");
    } else {
        for row in &report.sources {
            let _ = writeln!(
                out,
                "- {} ({}): {}, {} (first mentioned on line {})",
                row.name,
                SourceKind::as_str(row.kind),
                plural(row.statements, "statement", "statements"),
                percent(row.share),
                index.line(row.first_mention.start)
            );
        }
        let _ = writeln!(out, "{}", totals_line(&report.source_totals));
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "Single-source warnings:");
    if report.single_source.is_empty() {
        let _ = writeln!(out, "None.");
    } else {
        for w in &report.single_source {
            let _ = writeln!(out, "- Line {}: {}", index.line(w.span.start), w.message);
        }
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "Reading level:");
    let _ = writeln!(
        out,
        "{}",
        readability_lines(&report.readability, text, index).join(" ")
    );
    let _ = writeln!(out);
    let _ = writeln!(out, "Signs of machine-written text:");
    for line in ai_tells_lines(&report.ai_tells, index) {
        let _ = writeln!(out, "{}", line.replace("**", ""));
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "{DISCLAIMER}");
    out
}

#[cfg(test)]
mod tests;
