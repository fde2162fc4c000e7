//! `truthlens check`: review drafts, print findings, exit 0/1/2.

use super::output::{finding_json, JSON_VERSION};
use super::{config_if_included, read_inputs, CheckOptions, Outcome, OutputFormat};
use crate::engine::{analyze_cached, Cache};
use crate::line_index::LineIndex;
use anyhow::Result;
use serde_json::json;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

pub fn run(paths: &[PathBuf], options: &CheckOptions) -> Result<Outcome> {
    let inputs = read_inputs(paths, &options.stdin_filename)?;
    let mut total = 0;
    let mut files_json = Vec::new();
    let stdout = std::io::stdout();
    // Buffered: standard output alone writes (and flushes) every finding's line.
    let mut out = BufWriter::new(stdout.lock());
    let mut files = 0;
    for (i, input) in inputs.iter().enumerate() {
        let Some(config) = config_if_included(options.config.as_deref(), input)? else {
            continue;
        };
        files += 1;
        // The line index first, while the heap is still small: allocated after the
        // analysis, its growing buffer made malloc sort through the analysis' leftovers.
        let index = LineIndex::new(&input.text);
        let mut cache = Cache::new();
        let analysis = analyze_cached(&mut cache, &input.text, input.format, &config);
        total += analysis.findings.len();
        match options.format {
            OutputFormat::Human => {
                for f in &analysis.findings {
                    let (line, col) = index.line_col(f.span.start);
                    let tag = match &f.category {
                        Some(c) => format!("{}/{}", f.rule, c),
                        None => f.rule.to_string(),
                    };
                    writeln!(
                        out,
                        "{}:{}:{}: {} [{}] {}",
                        input.display,
                        line,
                        col,
                        f.severity.as_str(),
                        tag,
                        f.message
                    )?;
                }
            }
            OutputFormat::Json => {
                let findings: Vec<_> = analysis
                    .findings
                    .iter()
                    .map(|f| finding_json(f, &input.text, &index))
                    .collect();
                files_json.push(json!({ "path": input.display, "findings": findings }));
            }
        }
        if i + 1 == inputs.len() {
            // Freeing a big draft's analysis one allocation at a time takes a few per
            // cent of the run, and the process exits next: leave it to the OS. (Earlier
            // drafts are freed, so checking a folder does not pile up memory.)
            std::mem::forget(cache);
            std::mem::forget(analysis);
        }
    }
    match options.format {
        OutputFormat::Human => {
            let plural =
                |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
            writeln!(
                out,
                "{} in {}",
                plural(total, "finding"),
                plural(files, "file")
            )?;
        }
        OutputFormat::Json => {
            let doc = json!({ "version": JSON_VERSION, "files": files_json });
            writeln!(out, "{}", serde_json::to_string_pretty(&doc)?)?;
        }
    }
    out.flush()?;
    Ok(if total == 0 {
        Outcome::Clean
    } else {
        Outcome::Findings
    })
}
