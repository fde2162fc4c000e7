//! `check --format sarif`: a SARIF 2.1.0 log for code-scanning dashboards.
//!
//! One run: the tool with every registered rule (help link, default level), one
//! result per finding with its region (1-based lines, columns in Unicode code
//! points, and bytes), its related spans and its fixes. Paths given relative to
//! the working folder stay relative, against `%SRCROOT%`, as dashboards expect.

use crate::analysis::Span;
use crate::line_index::LineIndex;
use crate::rules::{Finding, Severity, REGISTRY};
use serde_json::{json, Value};
use std::path::Path;

/// The schema the log follows (the OASIS standard, errata 01).
pub const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
const SRCROOT: &str = "%SRCROOT%";

/// SARIF's four levels; a hint is a note, as an info is.
pub fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

/// Collects results draft by draft, then writes the log.
pub struct Log {
    /// The working folder, as a `file:` URI ending in `/` (the base of relative paths).
    root: String,
    results: Vec<Value>,
    /// Drafts that could not be reviewed, as tool notifications.
    not_reviewed: Vec<Value>,
}

impl Log {
    pub fn new(working_dir: &Path) -> Log {
        let mut root = file_uri(&working_dir.to_string_lossy());
        if !root.ends_with('/') {
            root.push('/');
        }
        Log {
            root,
            results: Vec::new(),
            not_reviewed: Vec::new(),
        }
    }

    /// One draft's findings; `path` as printed by the other formats.
    pub fn add(&mut self, path: &str, findings: &[Finding], text: &str, index: &LineIndex) {
        let location = artifact_location(path);
        for f in findings {
            self.results.push(result(f, &location, text, index));
        }
    }

    pub fn add_not_reviewed(&mut self, path: &str, reason: &str) {
        self.not_reviewed.push(json!({
            "level": "error",
            "message": { "text": reason },
            "locations": [{ "physicalLocation": { "artifactLocation": artifact_location(path) } }],
        }));
    }

    pub fn finish(self) -> Value {
        json!({
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": { "driver": driver() },
                "originalUriBaseIds": { SRCROOT: { "uri": self.root } },
                "columnKind": "unicodeCodePoints",
                "invocations": [{
                    "executionSuccessful": self.not_reviewed.is_empty(),
                    "toolExecutionNotifications": self.not_reviewed,
                }],
                "results": self.results,
            }],
        })
    }
}

fn driver() -> Value {
    let rules: Vec<Value> = REGISTRY
        .iter()
        .map(|rule| {
            json!({
                "id": rule.id,
                "shortDescription": { "text": rule.summary },
                "helpUri": rule.doc_url(),
                "help": { "text": format!("{}. See {}", rule.summary, rule.doc_url()) },
                "defaultConfiguration": { "level": level(rule.default_severity) },
            })
        })
        .collect();
    json!({
        "name": "truthlens",
        "version": env!("CARGO_PKG_VERSION"),
        "semanticVersion": env!("CARGO_PKG_VERSION"),
        "informationUri": env!("CARGO_PKG_REPOSITORY"),
        "rules": rules,
    })
}

fn result(f: &Finding, location: &Value, text: &str, index: &LineIndex) -> Value {
    let mut result = json!({
        "ruleId": f.rule,
        "level": level(f.severity),
        "message": { "text": f.message },
        "locations": [physical(location, f.span, text, index)],
        "properties": { "severity": f.severity.as_str() },
    });
    if let Some(rule_index) = REGISTRY.iter().position(|r| r.id == f.rule) {
        result["ruleIndex"] = json!(rule_index);
    }
    if let Some(category) = &f.category {
        result["properties"]["category"] = json!(category);
    }
    if !f.related.is_empty() {
        let related: Vec<Value> = f
            .related
            .iter()
            .enumerate()
            .map(|(id, r)| {
                let mut v = physical(location, r.span, text, index);
                v["id"] = json!(id);
                v["message"] = json!({ "text": r.message });
                v
            })
            .collect();
        result["relatedLocations"] = json!(related);
    }
    if !f.fixes.is_empty() {
        let fixes: Vec<Value> = f
            .fixes
            .iter()
            .map(|fix| {
                let replacements: Vec<Value> = fix
                    .edits
                    .iter()
                    .map(|e| {
                        json!({
                            "deletedRegion": region(e.span, text, index),
                            "insertedContent": { "text": e.replacement },
                        })
                    })
                    .collect();
                json!({
                    "description": { "text": fix.title },
                    "artifactChanges": [{ "artifactLocation": location, "replacements": replacements }],
                })
            })
            .collect();
        result["fixes"] = json!(fixes);
    }
    result
}

fn physical(location: &Value, span: Span, text: &str, index: &LineIndex) -> Value {
    json!({
        "physicalLocation": {
            "artifactLocation": location,
            "region": region(span, text, index),
        }
    })
}

/// 1-based lines and columns (code points; the end column is the one after the
/// span), plus byte offsets, which need no column convention.
fn region(span: Span, text: &str, index: &LineIndex) -> Value {
    let (start_line, start_column) = index.line_col(span.start);
    let (end_line, end_column) = index.line_col(span.end);
    json!({
        "startLine": start_line,
        "startColumn": start_column,
        "endLine": end_line,
        "endColumn": end_column,
        "byteOffset": span.start,
        "byteLength": span.end - span.start,
        "snippet": { "text": span.text(text) },
    })
}

/// A relative path against `%SRCROOT%`; an absolute one as a `file:` URI.
fn artifact_location(path: &str) -> Value {
    if Path::new(path).is_absolute() {
        json!({ "uri": file_uri(path) })
    } else {
        let relative = path.strip_prefix("./").unwrap_or(path);
        json!({ "uri": encode_path(relative), "uriBaseId": SRCROOT })
    }
}

fn file_uri(absolute: &str) -> String {
    let path = encode_path(absolute);
    // `C:/…` (Windows) needs the third slash that `/…` brings.
    let slash = if path.starts_with('/') { "" } else { "/" };
    format!("file://{slash}{path}")
}

/// Percent-encode everything but unreserved characters and `/` (Windows
/// separators become `/`).
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.replace('\\', "/").bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_follow_severity() {
        assert_eq!(level(Severity::Error), "error");
        assert_eq!(level(Severity::Warning), "warning");
        assert_eq!(level(Severity::Info), "note");
        assert_eq!(level(Severity::Hint), "note");
    }

    #[test]
    fn relative_paths_stay_relative_and_are_encoded() {
        let location = artifact_location("./news/Ceasefire draft é.md");
        assert_eq!(location["uri"], "news/Ceasefire%20draft%20%C3%A9.md");
        assert_eq!(location["uriBaseId"], SRCROOT);
        let location = artifact_location("/tmp/a b.md");
        assert_eq!(location["uri"], "file:///tmp/a%20b.md");
        assert!(location.get("uriBaseId").is_none());
    }

    #[test]
    fn the_root_is_a_folder_uri() {
        let log = Log::new(Path::new("/work/news")).finish();
        let root = &log["runs"][0]["originalUriBaseIds"][SRCROOT]["uri"];
        assert_eq!(root, "file:///work/news/");
    }
}
