//! Settings problems shown where they are written: in an open `.truthlens.toml`
//! and in a draft's front matter.

use super::diagnostics::SOURCE;
use super::documents::path_of;
use super::position::LineIndex;
use crate::analysis::Format;
use crate::config::front_matter;
use crate::config::Config;
use std::path::PathBuf;
use std::sync::Arc;
use tower_lsp::lsp_types::{Diagnostic, DiagnosticSeverity, NumberOrString, Url};

/// The diagnostic code of a settings problem.
pub const CODE: &str = "invalid-config";

fn problem(lines: &LineIndex, text: &str, start: usize, end: usize, message: String) -> Diagnostic {
    Diagnostic {
        range: lines.range(text, start, end),
        severity: Some(DiagnosticSeverity::ERROR),
        code: Some(NumberOrString::String(CODE.to_string())),
        source: Some(SOURCE.to_string()),
        message,
        ..Diagnostic::default()
    }
}

/// The problems of a `.truthlens.toml` buffer (the buffer, not the file on disk):
/// one diagnostic at the first error, or none.
pub fn diagnostics(uri: &Url, text: &str, lines: &LineIndex) -> Vec<Diagnostic> {
    let path = path_of(uri).unwrap_or_else(|| PathBuf::from(uri.path()));
    match Config::parse(text, &path) {
        Ok(_) => Vec::new(),
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            vec![problem(lines, text, span.start, span.end, e.message())]
        }
    }
}

/// The config for a draft with its front matter settings applied, and the
/// problem with those settings if they are invalid (then the draft is reviewed
/// without them).
pub fn with_front_matter(
    text: &str,
    format: Format,
    config: &Arc<Config>,
) -> (Arc<Config>, Option<front_matter::Error>) {
    match front_matter::apply(text, format, config) {
        Ok(Some(effective)) => (Arc::new(effective), None),
        Ok(None) => (config.clone(), None),
        Err(e) => (config.clone(), Some(e)),
    }
}

pub fn front_matter_diagnostic(
    error: &front_matter::Error,
    text: &str,
    lines: &LineIndex,
) -> Diagnostic {
    problem(
        lines,
        text,
        error.span.start,
        error.span.end,
        format!(
            "invalid truthlens settings in front matter (ignored): {}",
            error.message
        ),
    )
}
