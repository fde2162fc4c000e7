//! `truthlens sources`: every attribution and the per-source table.

use super::output::{span_json, JSON_VERSION};
use super::{read_one, Outcome, OutputFormat};
use crate::analysis::attribution::{Attribution, Attributions};
use crate::line_index::LineIndex;
use anyhow::Result;
use serde_json::{json, Value};
use std::io::Write;
use std::path::Path;

pub fn run(path: &Path, format: OutputFormat, config: Option<&Path>) -> Result<Outcome> {
    let (input, config) = read_one(path, config)?;
    let analysis = crate::analyze(&input.text, input.format, &config);
    let index = LineIndex::new(&input.text);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match format {
        OutputFormat::Json => {
            let file = file_json(&input.display, &input.text, &analysis.attributions, &index);
            let doc = json!({ "version": JSON_VERSION, "files": [file] });
            writeln!(out, "{}", serde_json::to_string_pretty(&doc)?)?;
        }
        OutputFormat::Human => {
            write_human(
                &mut out,
                &input.display,
                &input.text,
                &analysis.attributions,
                &index,
            )?;
        }
    }
    Ok(Outcome::Clean)
}

/// Statements that count towards a source's share: not nested inside someone else's quote.
fn total_statements(attrs: &Attributions) -> usize {
    attrs.sources.iter().map(|s| s.statements.len()).sum()
}

fn share(n: usize, total: usize) -> f64 {
    if total == 0 {
        0.0
    } else {
        n as f64 / total as f64
    }
}

/// One file's attributions and sources as JSON.
pub fn file_json(path: &str, text: &str, attrs: &Attributions, index: &LineIndex) -> Value {
    let total = total_statements(attrs);
    let attributions: Vec<Value> = attrs
        .list
        .iter()
        .map(|a| attribution_json(a, text, attrs, index))
        .collect();
    let sources: Vec<Value> = attrs
        .sources
        .iter()
        .enumerate()
        .map(|(id, s)| {
            json!({
                "id": id,
                "name": s.name,
                "kind": s.kind.as_str(),
                "pseudonym": s.pseudonym,
                "statements": s.statements.len(),
                "share": share(s.statements.len(), total),
                "first_mention": span_json(s.first_mention, text, index),
                "attributions": s.statements,
            })
        })
        .collect();
    let unsourced: Vec<Value> = attrs
        .unsourced
        .iter()
        .map(|u| {
            let mut v = span_json(u.span, text, index);
            v["kind"] = json!(u.kind.as_str());
            v["nested"] = json!(u.nested);
            v
        })
        .collect();
    json!({
        "path": path,
        "attributions": attributions,
        "sources": sources,
        "unsourced": unsourced,
    })
}

fn attribution_json(a: &Attribution, text: &str, attrs: &Attributions, index: &LineIndex) -> Value {
    let source = attrs.source_of(a);
    let mut src = span_json(a.source, text, index);
    src["kind"] = json!(a.kind.as_str());
    src["canonical"] = json!(source.map(|s| &*s.name));
    src["canonical_id"] = json!(a.canonical);
    let cue = a.cue.map(|c| {
        let mut v = span_json(c, text, index);
        v["class"] = json!(a.cue_class.as_str());
        v
    });
    let mut v = json!({
        "sentence": a.sentence,
        "cue": cue,
        "class": a.cue_class.as_str(),
        "source": src,
        "continues": a.continues,
    });
    if let Some(c) = a.content {
        v["content"] = span_json(c, text, index);
    }
    v
}

fn clip(s: &str, max: usize) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        flat
    } else {
        let cut: String = flat.chars().take(max.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

fn write_human(
    out: &mut impl Write,
    path: &str,
    text: &str,
    attrs: &Attributions,
    index: &LineIndex,
) -> Result<()> {
    let statements = total_statements(attrs);
    writeln!(
        out,
        "{path}: {} attribution{}, {} source{}",
        attrs.list.len(),
        if attrs.list.len() == 1 { "" } else { "s" },
        attrs.sources.len(),
        if attrs.sources.len() == 1 { "" } else { "s" },
    )?;
    if !attrs.list.is_empty() {
        writeln!(out, "\nAttributions")?;
    }
    for a in &attrs.list {
        let (line, col) = index.line_col(a.source.start);
        let cue = match (a.cue, a.continues) {
            (Some(c), _) => format!("\"{}\" ({})", clip(c.text(text), 40), a.cue_class.as_str()),
            (None, Some(_)) => "(continues a quote)".to_string(),
            (None, None) => format!("({})", a.cue_class.as_str()),
        };
        let canonical = attrs
            .source_of(a)
            .map_or_else(|| "unresolved".to_string(), |s| s.name.to_string());
        let cue_pos = a.cue.map_or_else(String::new, |c| {
            let (l, c) = index.line_col(c.start);
            format!(" at {l}:{c}")
        });
        writeln!(
            out,
            "  {line}:{col}  {} [{}] -> {canonical}; cue {cue}{cue_pos}",
            clip(a.source.text(text), 50),
            a.kind.as_str(),
        )?;
        if let Some(c) = a.content {
            let (l, col) = index.line_col(c.start);
            writeln!(
                out,
                "      content {l}:{col} \"{}\"",
                clip(c.text(text), 70)
            )?;
        }
    }
    if !attrs.sources.is_empty() {
        writeln!(out, "\nSources")?;
        writeln!(
            out,
            "  {:>10}  {:>6}  {:<9}  {:<13}  name",
            "statements", "share", "kind", "first mention"
        )?;
        let mut order: Vec<usize> = (0..attrs.sources.len()).collect();
        order.sort_by_key(|&i| {
            (
                std::cmp::Reverse(attrs.sources[i].statements.len()),
                attrs.sources[i].first_mention.start,
            )
        });
        for i in order {
            let s = &attrs.sources[i];
            let (l, c) = index.line_col(s.first_mention.start);
            writeln!(
                out,
                "  {:>10}  {:>5.0}%  {:<9}  {:<13}  {}{}",
                s.statements.len(),
                share(s.statements.len(), statements) * 100.0,
                s.kind.as_str(),
                format!("{l}:{c}"),
                s.name,
                if s.pseudonym { " (pseudonym)" } else { "" },
            )?;
        }
    }
    if !attrs.unsourced.is_empty() {
        writeln!(out, "\nUnsourced")?;
        for u in &attrs.unsourced {
            let (l, c) = index.line_col(u.span.start);
            writeln!(
                out,
                "  {l}:{c}  \"{}\" [{}]{}",
                clip(u.span.text(text), 50),
                u.kind.as_str(),
                if u.nested { " (inside a quote)" } else { "" }
            )?;
        }
    }
    Ok(())
}
