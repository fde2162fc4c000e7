//! `truthlens check`: review drafts, print findings, exit 0/1/2.

use super::github::{self, Place};
use super::output::{finding_json, JSON_VERSION};
use super::{colour, config_if_included, list_inputs, over_size_limit, sarif};
use super::{CheckFormat, CheckOptions, Outcome};
use crate::config::ConfigError;
use crate::engine::{findings_cached, Cache};
use crate::line_index::LineIndex;
use crate::rules::Finding;
use anyhow::Result;
use serde_json::{json, Value};
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::sync::Arc;

/// What the run has printed or gathered so far, in the chosen format.
struct Printer<W: Write> {
    out: W,
    format: CheckFormat,
    colour: bool,
    /// The JSON format's files, written at the end.
    files_json: Vec<Value>,
    /// The SARIF format's log, written at the end.
    sarif: sarif::Log,
}

impl<W: Write> Printer<W> {
    fn findings(
        &mut self,
        display: &str,
        findings: &[Finding],
        text: &str,
        index: &LineIndex,
    ) -> Result<()> {
        match self.format {
            CheckFormat::Human => {
                for f in findings {
                    let (line, col) = index.line_col(f.span.start);
                    writeln!(
                        self.out,
                        "{}: {} [{}] {}",
                        colour::place(&format!("{display}:{line}:{col}"), self.colour),
                        colour::severity(f.severity, self.colour),
                        tag(f),
                        f.message
                    )?;
                }
            }
            CheckFormat::Github => {
                for f in findings {
                    let (line, column) = index.line_col(f.span.start);
                    let (end_line, end_column) = index.line_col(f.span.end);
                    let place = Place {
                        path: display,
                        line,
                        column,
                        end_line,
                        end_column,
                    };
                    let line = github::annotation(f.severity, &place, &tag(f), &f.message);
                    writeln!(self.out, "{line}")?;
                }
            }
            CheckFormat::Json => {
                let findings: Vec<_> = findings
                    .iter()
                    .map(|f| finding_json(f, text, index))
                    .collect();
                self.files_json
                    .push(json!({ "path": display, "findings": findings }));
            }
            CheckFormat::Sarif => self.sarif.add(display, findings, text, index),
        }
        Ok(())
    }

    /// A draft that was not reviewed: named on standard error, and in the
    /// machine-readable formats too.
    fn not_reviewed(&mut self, display: String, reason: String) -> Result<()> {
        eprintln!("truthlens: {reason}");
        match self.format {
            CheckFormat::Json => self
                .files_json
                .push(json!({ "path": display, "findings": [], "not_reviewed": reason })),
            CheckFormat::Sarif => self.sarif.add_not_reviewed(&display, &reason),
            CheckFormat::Github => {
                writeln!(self.out, "{}", github::not_reviewed(&display, &reason))?
            }
            CheckFormat::Human => {}
        }
        Ok(())
    }

    /// The closing total (human and github), or the whole document (json, sarif).
    fn finish(mut self, total: usize, files: usize, quiet: bool) -> Result<()> {
        match self.format {
            CheckFormat::Human | CheckFormat::Github if !quiet => {
                let plural =
                    |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
                let total = format!("{} in {}", plural(total, "finding"), plural(files, "file"));
                writeln!(self.out, "{total}")?;
            }
            CheckFormat::Human | CheckFormat::Github => {}
            CheckFormat::Json => {
                let doc = json!({ "version": JSON_VERSION, "files": self.files_json });
                writeln!(self.out, "{}", serde_json::to_string_pretty(&doc)?)?;
            }
            CheckFormat::Sarif => {
                let doc = self.sarif.finish();
                writeln!(self.out, "{}", serde_json::to_string_pretty(&doc)?)?;
            }
        }
        self.out.flush()?;
        Ok(())
    }
}

/// `rule/category`, or the rule alone.
fn tag(f: &Finding) -> String {
    match &f.category {
        Some(c) => format!("{}/{}", f.rule, c),
        None => f.rule.to_string(),
    }
}

pub fn run(paths: &[PathBuf], options: &CheckOptions) -> Result<Outcome> {
    let inputs = list_inputs(paths)?;
    let stdout = std::io::stdout();
    let mut printer = Printer {
        // Buffered: standard output alone writes (and flushes) every finding's line.
        out: BufWriter::new(stdout.lock()),
        format: options.format,
        colour: options.colour,
        files_json: Vec::new(),
        sarif: sarif::Log::new(&std::env::current_dir().unwrap_or_default()),
    };
    let mut total = 0;
    let mut failing = false;
    let mut files = 0;
    let mut not_reviewed = 0;
    let count = inputs.len();
    for (i, named) in inputs.iter().enumerate() {
        // A draft that cannot be reviewed is named with its reason, and the others are
        // still checked; the run ends in an error, so it never passes as clean.
        let reviewable = named
            .read(&options.stdin_filename, options.config.as_deref())
            .and_then(|input| Ok((config_if_included(&input)?, input)));
        let (config, mut input) = match reviewable {
            Ok((Some(config), input)) => (config, input),
            Ok((None, _)) => continue,
            // A broken project config is every draft's problem: it stops the run.
            Err(e) if e.downcast_ref::<ConfigError>().is_some() => return Err(e),
            Err(e) => {
                printer.not_reviewed(named.display(&options.stdin_filename), format!("{e:#}"))?;
                not_reviewed += 1;
                continue;
            }
        };
        if let Some(reason) = over_size_limit(&input) {
            printer.not_reviewed(input.display.clone(), reason)?;
            not_reviewed += 1;
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
        failing |= reviewed
            .findings
            .iter()
            .any(|f| options.fail_on.fails(f.severity));
        printer.findings(&input.display, &reviewed.findings, &text, &index)?;
        if i + 1 == count {
            // Freeing a big draft's analysis one allocation at a time takes a few per
            // cent of the run, and the process exits next: leave it to the OS. (Earlier
            // drafts are freed, so checking a folder does not pile up memory.)
            std::mem::forget(cache);
            std::mem::forget(reviewed);
        }
    }
    printer.finish(total, files, options.quiet)?;
    if not_reviewed > 0 {
        anyhow::bail!(
            "{not_reviewed} file{} not reviewed",
            if not_reviewed == 1 { " was" } else { "s were" }
        );
    }
    Ok(if failing {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}
