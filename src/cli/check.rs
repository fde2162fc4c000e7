//! `truthlens check`: review drafts, print findings, exit 0/1/2.

use super::output::{finding_json, JSON_VERSION};
use super::{
    config_if_included, list_inputs, over_size_limit, CheckOptions, Outcome, OutputFormat,
};
use crate::config::ConfigError;
use crate::engine::{findings_cached, Cache};
use crate::line_index::LineIndex;
use anyhow::Result;
use serde_json::json;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::sync::Arc;

pub fn run(paths: &[PathBuf], options: &CheckOptions) -> Result<Outcome> {
    let inputs = list_inputs(paths)?;
    let mut total = 0;
    let mut files_json = Vec::new();
    let stdout = std::io::stdout();
    // Buffered: standard output alone writes (and flushes) every finding's line.
    let mut out = BufWriter::new(stdout.lock());
    let mut files = 0;
    let mut not_reviewed = 0;
    let count = inputs.len();
    for (i, named) in inputs.iter().enumerate() {
        // A draft that cannot be reviewed is named with its reason, and the others are
        // still checked; the run ends in an error, so it never passes as clean.
        let mut skip = |display: String, reason: String| {
            eprintln!("truthlens: {reason}");
            if options.format == OutputFormat::Json {
                files_json.push(json!({ "path": display, "findings": [], "not_reviewed": reason }));
            }
            not_reviewed += 1;
        };
        let reviewable = named
            .read(&options.stdin_filename, options.config.as_deref())
            .and_then(|input| Ok((config_if_included(&input)?, input)));
        let (config, mut input) = match reviewable {
            Ok((Some(config), input)) => (config, input),
            Ok((None, _)) => continue,
            // A broken project config is every draft's problem: it stops the run.
            Err(e) if e.downcast_ref::<ConfigError>().is_some() => return Err(e),
            Err(e) => {
                skip(named.display(&options.stdin_filename), format!("{e:#}"));
                continue;
            }
        };
        if let Some(reason) = over_size_limit(&input) {
            skip(input.display.clone(), reason);
            continue;
        }
        files += 1;
        // Moved, not copied: the engine keeps the text it reviews.
        let text = Arc::new(std::mem::take(&mut input.text));
        let mut cache = Cache::new();
        // The line index beside the analysis: it is a pass over the whole text that
        // needs nothing else.
        let (index, reviewed) = rayon::join(
            || LineIndex::new(&text),
            || findings_cached(&mut cache, &text, None, input.format, &config),
        );
        total += reviewed.findings.len();
        match options.format {
            OutputFormat::Human => {
                for f in &reviewed.findings {
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
                let findings: Vec<_> = reviewed
                    .findings
                    .iter()
                    .map(|f| finding_json(f, &text, &index))
                    .collect();
                files_json.push(json!({ "path": input.display, "findings": findings }));
            }
        }
        if i + 1 == count {
            // Freeing a big draft's analysis one allocation at a time takes a few per
            // cent of the run, and the process exits next: leave it to the OS. (Earlier
            // drafts are freed, so checking a folder does not pile up memory.)
            std::mem::forget(cache);
            std::mem::forget(reviewed);
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
    if not_reviewed > 0 {
        anyhow::bail!(
            "{not_reviewed} file{} not reviewed",
            if not_reviewed == 1 { " was" } else { "s were" }
        );
    }
    Ok(if total == 0 {
        Outcome::Clean
    } else {
        Outcome::Findings
    })
}
