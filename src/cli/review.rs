//! `truthlens summary`, `headline` and `report`.
//!
//! All three analyse the draft with its generated blocks blanked out, exactly as
//! the insert actions do, so the CLI prints what the editor would insert.

use super::output::{span_json, JSON_VERSION};
use super::{read_one, Outcome, ReportFormat};
use crate::analysis::Format;
use crate::line_index::LineIndex;
use crate::report::ai_tells::AiTells;
use crate::report::readability::{Readability, Tally};
use crate::report::Report;
use crate::{Analysis, Config};
use anyhow::Result;
use serde_json::{json, Value};
use std::io::Write;
use std::path::Path;

/// What to read: the body (summary, headline) or the whole draft (report).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    Body,
    Whole,
}

fn analysed(
    path: &Path,
    config: Option<&Path>,
    scope: Scope,
) -> Result<(String, Format, Config, Analysis)> {
    let (input, config) = read_one(path, config)?;
    let text = match scope {
        Scope::Body => crate::insert::body_text(&input.text, input.format),
        Scope::Whole => crate::insert::without_generated(&input.text, input.format),
    }
    .into_owned();
    let analysis = crate::analyze(&text, input.format, &config);
    Ok((text, input.format, config, analysis))
}

/// Print the summary, one sentence per line, without markers.
pub fn summary(path: &Path, config: Option<&Path>) -> Result<Outcome> {
    let (text, _, config, analysis) = analysed(path, config, Scope::Body)?;
    let sentences = crate::summary::summarize(&text, &analysis, &config);
    if sentences.is_empty() {
        eprintln!(
            "truthlens: no sentence in {} qualifies for a summary",
            path.display()
        );
        return Ok(Outcome::NothingToPrint);
    }
    let mut out = std::io::stdout().lock();
    for s in sentences {
        writeln!(out, "{s}")?;
    }
    Ok(Outcome::Clean)
}

/// Print the headline suggestion on one line.
pub fn headline(path: &Path, config: Option<&Path>) -> Result<Outcome> {
    let (text, _, _, analysis) = analysed(path, config, Scope::Body)?;
    let Some(h) = crate::summary::headline(&text, &analysis) else {
        eprintln!(
            "truthlens: {} has no lead sentence to make a headline from",
            path.display()
        );
        return Ok(Outcome::NothingToPrint);
    };
    writeln!(std::io::stdout().lock(), "{h}")?;
    Ok(Outcome::Clean)
}

/// Print the review report as Markdown or versioned JSON.
pub fn report(path: &Path, format: ReportFormat, config: Option<&Path>) -> Result<Outcome> {
    let (text, _, config, analysis) = analysed(path, config, Scope::Whole)?;
    let report = crate::report::build(&text, &analysis, &config);
    let index = LineIndex::new(&text);
    let mut out = std::io::stdout().lock();
    match format {
        ReportFormat::Markdown => write!(
            out,
            "{}",
            crate::report::to_markdown(&report, &text, &index)
        )?,
        ReportFormat::Json => {
            let doc = report_json(&report, &path.display().to_string(), &text, &index);
            writeln!(out, "{}", serde_json::to_string_pretty(&doc)?)?;
        }
    }
    Ok(Outcome::Clean)
}

/// The versioned JSON report. Spans carry byte offsets, lines and columns.
pub fn report_json(report: &Report, path: &str, text: &str, index: &LineIndex) -> Value {
    let spans = |spans: &[crate::Span]| -> Vec<Value> {
        spans.iter().map(|s| span_json(*s, text, index)).collect()
    };
    let group =
        |g: &crate::report::GroupTotal| json!({ "sources": g.sources, "statements": g.statements });
    let totals = &report.source_totals;
    json!({
        "version": JSON_VERSION,
        "path": path,
        "level": report.level,
        "reasons": report.reasons.iter().map(|r| json!({
            "signal": r.signal,
            "level": r.level,
            "message": r.message,
            "lines": line_numbers(&r.spans, index),
            "spans": spans(&r.spans),
        })).collect::<Vec<_>>(),
        "rules": report.rules.iter().map(|r| json!({
            "rule": r.rule,
            "total": r.total,
            "categories": r.categories,
        })).collect::<Vec<_>>(),
        "loaded_language": {
            "findings": report.loaded_language.findings,
            "words": report.loaded_language.words,
            "per_1000_words": report.loaded_language.per_thousand_words,
            "spans": spans(&report.loaded_language.spans),
        },
        "sources": report.sources.iter().map(|s| json!({
            "name": s.name,
            "kind": s.kind,
            "group": s.group,
            "statements": s.statements,
            "share": s.share,
            "first_mention": span_json(s.first_mention, text, index),
        })).collect::<Vec<_>>(),
        "source_totals": {
            "statements": totals.statements,
            "named": group(&totals.named),
            "anonymous": group(&totals.anonymous),
            "vague": group(&totals.vague),
            "unresolved": group(&totals.unresolved),
        },
        "single_source": report.single_source.iter().map(|w| {
            let mut v = span_json(w.span, text, index);
            v["message"] = json!(w.message);
            v["related"] = json!(spans(&w.related));
            v
        }).collect::<Vec<_>>(),
        "readability": readability_json(&report.readability, text, index),
        "ai_tells": ai_tells_json(&report.ai_tells, text, index),
    })
}

fn spans_json(spans: &[crate::Span], text: &str, index: &LineIndex) -> Vec<Value> {
    spans.iter().map(|s| span_json(*s, text, index)).collect()
}

fn readability_json(r: &Readability, text: &str, index: &LineIndex) -> Value {
    let tally =
        |t: &Tally| json!({ "words": t.words, "sentences": t.sentences, "syllables": t.syllables });
    json!({
        "flesch_kincaid_grade": r.grade,
        "flesch_reading_ease": r.reading_ease,
        "audience": r.audience,
        "audience_text": r.audience.describe(),
        "writer": tally(&r.writer),
        "quoted": tally(&r.quoted),
        "quoted_grade": r.quoted_grade,
        "words_per_sentence": r.words_per_sentence,
        "long_sentence_words": crate::report::readability::LONG_SENTENCE_WORDS,
        "long_sentences": { "share": r.long_share, "spans": spans_json(&r.long_sentences, text, index) },
        "passive": { "share": r.passive_share, "spans": spans_json(&r.passives, text, index) },
        "hardest": r.hardest.iter().map(|l| {
            let mut v = span_json(l.span, text, index);
            v["grade_points"] = json!(l.grade_points);
            v
        }).collect::<Vec<_>>(),
    })
}

fn ai_tells_json(s: &AiTells, text: &str, index: &LineIndex) -> Value {
    json!({
        "signs": s.signs,
        "words": s.words,
        "tells": s.tells.iter().map(|t| {
            let mut v = span_json(t.span, text, index);
            v["kind"] = json!(t.kind);
            v
        }).collect::<Vec<_>>(),
        "tells_per_1000_words": s.tells_per_thousand_words,
        "em_dashes": { "count": s.em_dashes.len(), "per_1000_words": s.em_dashes_per_thousand_words,
                       "spans": spans_json(&s.em_dashes, text, index) },
        "most_uniform": s.most_uniform.map(|u| json!({
            "sentences": u.sentences, "mean_words": u.mean_words, "variation": u.variation,
            "span": span_json(u.span, text, index),
        })),
        "three_item_lists": { "share": s.three_item_share, "spans": spans_json(&s.three_item_lists, text, index) },
    })
}

fn line_numbers(spans: &[crate::Span], index: &LineIndex) -> Vec<usize> {
    let mut lines: Vec<usize> = spans.iter().map(|s| index.line(s.start)).collect();
    lines.sort_unstable();
    lines.dedup();
    lines
}
