//! Findings -> LSP diagnostics.

use super::position::LineIndex;
use crate::rules::{Finding, Severity, REGISTRY};
use std::collections::HashMap;
use std::sync::OnceLock;
use tower_lsp::lsp_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location,
    NumberOrString, Position, Range, Url,
};

pub const SOURCE: &str = "truthlens";

pub fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// The rule's documentation link, parsed once per rule rather than per finding.
fn code_description(rule: &str) -> Option<&'static CodeDescription> {
    static LINKS: OnceLock<HashMap<&'static str, CodeDescription>> = OnceLock::new();
    let links = LINKS.get_or_init(|| {
        REGISTRY
            .iter()
            .filter_map(|rule| {
                let href = Url::parse(&rule.doc_url()).ok()?;
                Some((rule.id, CodeDescription { href }))
            })
            .collect()
    });
    links.get(rule)
}

fn related(
    finding: &Finding,
    text: &str,
    lines: &LineIndex,
    uri: &Url,
) -> Vec<DiagnosticRelatedInformation> {
    finding
        .related
        .iter()
        .map(|r| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), lines.range(text, r.span.start, r.span.end)),
            message: r.message.to_string(),
        })
        .collect()
}

/// One finding's diagnostic, with ranges in the index's encoding.
///
/// It is written as JSON straight from the finding (`write_json`): a publish of a
/// long draft serialises a thousand of these per keystroke, and building
/// `Diagnostic`s first (each with its own copies of the strings and a `Value` for
/// `data`) cost as much again as writing them. `to_diagnostic` builds the same
/// diagnostic as a value, for pull clients and code actions.
///
/// It has no `data`: fixes, alternatives and the category are served from the
/// review the server keeps, not round-tripped through the client. A client parses
/// every publish whole, and `data` (one more object per diagnostic) was 40% of
/// that parse on a long draft.
pub struct DiagnosticJson<'a> {
    pub finding: &'a Finding,
    pub text: &'a str,
    pub lines: &'a LineIndex,
    pub uri: &'a Url,
    /// Whether to link to the rule's page (the client shows such links).
    pub rule_links: bool,
}

impl DiagnosticJson<'_> {
    pub fn to_diagnostic(&self) -> Diagnostic {
        let f = self.finding;
        let related = related(f, self.text, self.lines, self.uri);
        Diagnostic {
            range: self.lines.range(self.text, f.span.start, f.span.end),
            severity: Some(severity(f.severity)),
            code: Some(NumberOrString::String(f.rule.to_string())),
            code_description: self.link().cloned(),
            source: Some(SOURCE.to_string()),
            message: f.message.to_string(),
            related_information: (!related.is_empty()).then_some(related),
            tags: None,
            data: None,
        }
    }

    fn link(&self) -> Option<&'static CodeDescription> {
        self.rule_links
            .then(|| code_description(self.finding.rule))
            .flatten()
    }
}

/// One diagnostic as published: a finding written straight from the review, or a
/// problem with the settings.
pub enum Published<'a> {
    Finding(DiagnosticJson<'a>),
    /// A finding's diagnostic already written (see `findings_json`).
    Written(&'a [u8]),
    Problem(&'a Diagnostic),
}

impl Published<'_> {
    pub fn to_diagnostic(&self) -> Diagnostic {
        match self {
            Published::Finding(json) => json.to_diagnostic(),
            // Written from a diagnostic by `write_json`, so it reads back.
            Published::Written(json) => serde_json::from_slice(json).unwrap_or_default(),
            Published::Problem(diagnostic) => (*diagnostic).clone(),
        }
    }
}

impl DiagnosticJson<'_> {
    /// Append the diagnostic as JSON: what serde writes for `to_diagnostic()`
    /// (checked by a test), without escaping the keys and the rule's id one byte
    /// at a time. A long draft's publish writes a thousand of these per keystroke,
    /// and escaping was 40% of the time.
    pub fn write_json(&self, out: &mut Vec<u8>) -> serde_json::Result<()> {
        let f = self.finding;
        let range = self.lines.range(self.text, f.span.start, f.span.end);
        out.extend_from_slice(b"{\"range\":");
        write_range(out, range);
        out.extend_from_slice(b",\"severity\":");
        serde_json::to_writer(&mut *out, &severity(f.severity))?;
        out.extend_from_slice(b",\"code\":");
        write_str(out, f.rule)?;
        if let Some(link) = self.link() {
            out.extend_from_slice(b",\"codeDescription\":");
            serde_json::to_writer(&mut *out, link)?;
        }
        out.extend_from_slice(b",\"source\":");
        write_str(out, SOURCE)?;
        out.extend_from_slice(b",\"message\":");
        write_str(out, &f.message)?;
        if !f.related.is_empty() {
            let related = related(f, self.text, self.lines, self.uri);
            out.extend_from_slice(b",\"relatedInformation\":");
            serde_json::to_writer(&mut *out, &related)?;
        }
        out.push(b'}');
        Ok(())
    }
}

/// A string as JSON: plain when nothing in it needs escaping (rule ids, say).
fn write_str(out: &mut Vec<u8>, s: &str) -> serde_json::Result<()> {
    let plain = |b: &u8| *b >= 0x20 && *b != b'"' && *b != b'\\';
    if s.as_bytes().iter().all(plain) {
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
        Ok(())
    } else {
        serde_json::to_writer(out, s)
    }
}

fn write_range(out: &mut Vec<u8>, range: Range) {
    let mut numbers = itoa::Buffer::new();
    let mut position = |out: &mut Vec<u8>, key: &[u8], p: Position| {
        out.extend_from_slice(key);
        out.extend_from_slice(b"{\"line\":");
        out.extend_from_slice(numbers.format(p.line).as_bytes());
        out.extend_from_slice(b",\"character\":");
        out.extend_from_slice(numbers.format(p.character).as_bytes());
        out.push(b'}');
    };
    position(out, b"{\"start\":", range.start);
    position(out, b",\"end\":", range.end);
    out.push(b'}');
}

impl Published<'_> {
    /// Append the diagnostic as JSON.
    pub fn write_json(&self, out: &mut Vec<u8>) -> serde_json::Result<()> {
        match self {
            Published::Finding(json) => json.write_json(out),
            Published::Written(json) => {
                out.extend_from_slice(json);
                Ok(())
            }
            Published::Problem(diagnostic) => serde_json::to_writer(out, diagnostic),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Span;
    use crate::lsp::position::PositionEncoding;
    use crate::rules::{Edit, Fix, Related};

    fn finding(text: &str) -> Finding {
        let start = text.find("regime").unwrap();
        let span = Span::new(start, start + "regime".len());
        let other = text.find("state").unwrap();
        Finding {
            rule: "loaded-language",
            category: Some("pejorative-label".into()),
            severity: Severity::Warning,
            message: "\"regime\" is loaded".into(),
            span,
            explanation: "judges".into(),
            alternatives: vec!["government".into()].into(),
            fixes: vec![Fix {
                title: "Replace".into(),
                edits: vec![Edit {
                    span,
                    replacement: "government".into(),
                }],
            }]
            .into(),
            related: vec![Related {
                span: Span::new(other, other + 5),
                message: "also here".into(),
            }],
        }
    }

    #[test]
    fn carries_rule_link_and_related_spans_and_no_data() {
        let text = "和平 regime\nthe state";
        let lines = LineIndex::new(text, PositionEncoding::Utf16);
        let uri = Url::parse("file:///a.md").unwrap();
        let f = finding(text);
        let json = DiagnosticJson {
            finding: &f,
            text,
            lines: &lines,
            uri: &uri,
            rule_links: true,
        };
        let d = json.to_diagnostic();
        assert_eq!(
            d.range,
            Range::new(Position::new(0, 3), Position::new(0, 9))
        );
        assert_eq!(d.severity, Some(DiagnosticSeverity::WARNING));
        assert_eq!(d.source.as_deref(), Some("truthlens"));
        assert_eq!(
            d.code,
            Some(NumberOrString::String("loaded-language".into()))
        );
        let href = d.code_description.unwrap().href;
        assert!(
            href.as_str().ends_with("docs/rules/loaded-language.md"),
            "{href}"
        );
        assert_eq!(d.data, None);
        let related = d.related_information.unwrap();
        assert_eq!(related[0].location.range.start, Position::new(1, 4));
        assert_eq!(related[0].message, "also here");

        let unlinked = DiagnosticJson {
            rule_links: false,
            ..json
        };
        assert_eq!(unlinked.to_diagnostic().code_description, None);
        let mut bytes = Vec::new();
        unlinked.write_json(&mut bytes).unwrap();
        let written: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert!(written.get("codeDescription").is_none(), "{written}");
        assert!(written.get("data").is_none(), "{written}");
        assert_eq!(written["code"], "loaded-language");
    }

    #[test]
    fn the_json_written_from_a_finding_is_the_diagnostic() {
        let text = "和平 regime\nthe state 😀";
        let uri = Url::parse("file:///a%20b.md").unwrap();
        let mut bare = finding(text);
        bare.category = None;
        bare.related.clear();
        bare.rule = "not-a-rule";
        // Everything JSON escapes, and what it leaves alone.
        bare.message = "a \"quote\", a \\ and a tab\t, \u{1}, \u{2028} and 😀".into();
        bare.severity = Severity::Hint;
        for encoding in [PositionEncoding::Utf8, PositionEncoding::Utf16] {
            let lines = LineIndex::new(text, encoding);
            for (f, rule_links) in [
                (finding(text), true),
                (finding(text), false),
                (bare.clone(), true),
            ] {
                let json = DiagnosticJson {
                    finding: &f,
                    text,
                    lines: &lines,
                    uri: &uri,
                    rule_links,
                };
                let mut written = Vec::new();
                json.write_json(&mut written).unwrap();
                let built = serde_json::to_vec(&json.to_diagnostic()).unwrap();
                assert_eq!(
                    String::from_utf8(written).unwrap(),
                    String::from_utf8(built).unwrap()
                );
            }
        }
    }
}
