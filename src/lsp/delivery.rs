//! What the client is shown of a review, pushed or pulled.
//!
//! A finding on the word the writer is still typing is held back: flagging
//! "brut" -> "bruta" -> "brutal" mid-word is noise. A finding is held back when
//! the client has told us the cursor position (`truthlens/cursor`), the cursor
//! is inside or at the end of the finding, and the finding touches what the last
//! change wrote. Moving the cursor away, or an edit elsewhere, releases it.
//! Between a change and the next cursor report, the cursor is taken to be at the
//! end of what the change wrote (where typing leaves it). Clients that send no
//! cursor positions see every finding at once.

use super::diagnostics::Published;
use super::documents::Document;
use super::linting::Review;
use crate::analysis::Span;
use std::sync::Arc;
use tower_lsp::lsp_types::notification::{Notification, PublishDiagnostics};
use tower_lsp::lsp_types::{
    DocumentDiagnosticReport, DocumentDiagnosticReportResult, FullDocumentDiagnosticReport,
    Position, RelatedFullDocumentDiagnosticReport, RelatedUnchangedDocumentDiagnosticReport,
    UnchangedDocumentDiagnosticReport, Url,
};

/// Which of `review`'s diagnostics (numbered as in `Review::diagnostics`) the
/// client should see now, and whether any was held back.
/// `cursor` is the last reported position and the version it was reported at; a
/// position reported before the last change is stale, and the cursor is taken to
/// be where typing leaves it, at the end of what the change wrote.
pub fn visible(
    review: &Review,
    cursor: Option<(Position, i32)>,
    last_edit: Option<Span>,
) -> (Vec<usize>, bool) {
    let all = review.numbers();
    let (Some((position, reported_at)), Some(edit)) = (cursor, last_edit) else {
        return (all.collect(), false);
    };
    let at = if reported_at == review.version {
        review.lines.offset(&review.text, position)
    } else {
        edit.end
    };
    let mut held = false;
    let shown = all
        .filter(|&i| {
            let Some(finding) = review.findings.get(i) else {
                return true; // a settings problem, not a finding
            };
            let span = finding.span;
            let typing = span.start <= at
                && at <= span.end
                && edit.start <= span.end
                && span.start <= edit.end;
            held |= typing;
            !typing
        })
        .collect();
    (shown, held)
}

/// Record that `review` is being delivered to the client and return which of its
/// diagnostics it shows. The document must be at the review's version (the
/// cursor and the last edit describe that text).
pub fn deliver(document: &mut Document, review: &Arc<Review>) -> Vec<usize> {
    let (shown, held) = if document.version == review.version {
        visible(review, document.cursor, document.last_edit)
    } else {
        (review.numbers().collect(), false)
    };
    document.held_back = held;
    document.delivered = Some(review.clone());
    shown
}

/// The JSON-RPC body of a `publishDiagnostics` notification, as tower-lsp would
/// send it, written in one pass straight from the diagnostics.
pub fn publish_body(
    uri: &Url,
    diagnostics: &[Published<'_>],
    version: Option<i32>,
) -> serde_json::Result<Vec<u8>> {
    // About 240 bytes a diagnostic: one allocation for a long draft's publish.
    let mut out = Vec::with_capacity(256 + 256 * diagnostics.len());
    open_publish(&mut out, uri)?;
    for (i, diagnostic) in diagnostics.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        diagnostic.write_json(&mut out)?;
    }
    close_publish(&mut out, version);
    Ok(out)
}

/// A `publishDiagnostics` body up to its first diagnostic.
pub fn open_publish(out: &mut Vec<u8>, uri: &Url) -> serde_json::Result<()> {
    out.extend_from_slice(b"{\"jsonrpc\":\"2.0\",\"method\":");
    serde_json::to_writer(&mut *out, PublishDiagnostics::METHOD)?;
    out.extend_from_slice(b",\"params\":{\"uri\":");
    serde_json::to_writer(&mut *out, uri)?;
    out.extend_from_slice(b",\"diagnostics\":[");
    Ok(())
}

/// The rest of a `publishDiagnostics` body after its last diagnostic.
pub fn close_publish(out: &mut Vec<u8>, version: Option<i32>) {
    out.push(b']');
    if let Some(version) = version {
        out.extend_from_slice(b",\"version\":");
        out.extend_from_slice(itoa::Buffer::new().format(version).as_bytes());
    }
    out.extend_from_slice(b"}}");
}

/// A pull-diagnostics answer: the full report, or "unchanged" when the client
/// already has exactly these diagnostics.
pub fn pull_report(
    document: &mut Document,
    review: &Arc<Review>,
    previous: Option<&str>,
) -> DocumentDiagnosticReportResult {
    let all = review.diagnostics();
    let items = deliver(document, review)
        .into_iter()
        .map(|i| all[i].clone())
        .collect();
    // The same review can be shown with and without held-back findings.
    let result_id = format!(
        "{}{}",
        review.id,
        if document.held_back { "-held" } else { "" }
    );
    let report = if previous == Some(result_id.as_str()) {
        DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
            related_documents: None,
            unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport { result_id },
        })
    } else {
        DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
            related_documents: None,
            full_document_diagnostic_report: FullDocumentDiagnosticReport {
                result_id: Some(result_id),
                items,
            },
        })
    };
    DocumentDiagnosticReportResult::Report(report)
}

/// The answer for a document that is not open: nothing to show.
pub fn empty_report() -> DocumentDiagnosticReportResult {
    DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Full(
        RelatedFullDocumentDiagnosticReport::default(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};
    use tower_lsp::jsonrpc::Request;
    use tower_lsp::lsp_types::{
        Diagnostic, DiagnosticSeverity, NumberOrString, PublishDiagnosticsParams, Range,
    };

    /// The message tower-lsp's `Client::publish_diagnostics` would have sent.
    fn tower_lsp_message(uri: &Url, diagnostics: &[Diagnostic], version: Option<i32>) -> Value {
        let params = PublishDiagnosticsParams::new(uri.clone(), diagnostics.to_vec(), version);
        let request = Request::build(PublishDiagnostics::METHOD)
            .params(serde_json::to_value(params).unwrap())
            .finish();
        serde_json::to_value(request).unwrap()
    }

    #[test]
    fn the_publish_body_is_what_tower_lsp_would_send() {
        let uri = Url::parse("file:///drafts/a%20b.md").unwrap();
        let diagnostic = Diagnostic {
            range: Range::new(Position::new(0, 3), Position::new(0, 9)),
            severity: Some(DiagnosticSeverity::WARNING),
            code: Some(NumberOrString::String("loaded-language".into())),
            source: Some("truthlens".into()),
            message: "\"regime\" is \u{2028}loaded 😀".into(),
            data: Some(json!({"category": "pejorative-label", "version": 4})),
            ..Diagnostic::default()
        };
        let other = Diagnostic {
            message: "second".into(),
            ..Diagnostic::default()
        };
        let all = [diagnostic.clone(), other.clone()];
        for (shown, version) in [
            (vec![&diagnostic, &other], Some(4)),
            (vec![&other], Some(4)),
            (vec![], None),
        ] {
            let published: Vec<Published> = shown.iter().map(|d| Published::Problem(d)).collect();
            let body = publish_body(&uri, &published, version).unwrap();
            let sent: Value = serde_json::from_slice(&body).unwrap();
            let owned: Vec<Diagnostic> = shown.iter().map(|d| (*d).clone()).collect();
            assert_eq!(sent, tower_lsp_message(&uri, &owned, version));
            assert_eq!(
                sent["params"]["diagnostics"].as_array().unwrap().len(),
                shown.len()
            );
        }
        assert!(tower_lsp_message(&uri, &all, None)["params"]
            .get("version")
            .is_none());
    }
}
