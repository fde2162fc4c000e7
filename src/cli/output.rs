//! Shared pieces of the versioned JSON output.

use crate::analysis::Span;
use crate::line_index::LineIndex;
use crate::rules::Finding;
use serde_json::{json, Value};

/// Bumped only for breaking changes; new fields may be added within a version.
pub const JSON_VERSION: u32 = 1;

/// A span as byte offsets plus 1-based line and column (Unicode scalar values).
pub fn span_json(span: Span, text: &str, index: &LineIndex) -> Value {
    let (line, column) = index.line_col(span.start);
    let (end_line, end_column) = index.line_col(span.end);
    json!({
        "start": span.start,
        "end": span.end,
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "text": span.text(text),
    })
}

pub fn finding_json(f: &Finding, text: &str, index: &LineIndex) -> Value {
    let mut v = span_json(f.span, text, index);
    let obj = v.as_object_mut().expect("span_json returns an object");
    obj.insert("rule".into(), json!(f.rule));
    obj.insert("category".into(), json!(f.category));
    obj.insert("severity".into(), json!(f.severity.as_str()));
    obj.insert("message".into(), json!(f.message));
    obj.insert("explanation".into(), json!(f.explanation));
    obj.insert("alternatives".into(), json!(f.alternatives));
    obj.insert(
        "related".into(),
        Value::Array(
            f.related
                .iter()
                .map(|r| {
                    let mut s = span_json(r.span, text, index);
                    s["message"] = json!(r.message);
                    s
                })
                .collect(),
        ),
    );
    v
}
