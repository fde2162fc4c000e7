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

use super::documents::Document;
use super::linting::Review;
use crate::analysis::Span;
use std::sync::Arc;
use tower_lsp::lsp_types::{
    Diagnostic, DocumentDiagnosticReport, DocumentDiagnosticReportResult,
    FullDocumentDiagnosticReport, Position, RelatedFullDocumentDiagnosticReport,
    RelatedUnchangedDocumentDiagnosticReport, UnchangedDocumentDiagnosticReport,
};

/// The diagnostics of `review` the client should see now, and whether any was held back.
/// `cursor` is the last reported position and the version it was reported at; a
/// position reported before the last change is stale, and the cursor is taken to
/// be where typing leaves it, at the end of what the change wrote.
pub fn visible(
    review: &Review,
    cursor: Option<(Position, i32)>,
    last_edit: Option<Span>,
) -> (Vec<Diagnostic>, bool) {
    let (Some((position, reported_at)), Some(edit)) = (cursor, last_edit) else {
        return (review.diagnostics.clone(), false);
    };
    let at = if reported_at == review.version {
        review.lines.offset(&review.text, position)
    } else {
        edit.end
    };
    let mut held = false;
    let diagnostics = review
        .diagnostics
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            let Some(finding) = review.findings.get(*i) else {
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
        .map(|(_, d)| d.clone())
        .collect();
    (diagnostics, held)
}

/// Record that `review` is being delivered to the client and return what it shows.
/// The document must be at the review's version (the cursor and the last edit
/// describe that text).
pub fn deliver(document: &mut Document, review: &Arc<Review>) -> Vec<Diagnostic> {
    let (diagnostics, held) = if document.version == review.version {
        visible(review, document.cursor, document.last_edit)
    } else {
        (review.diagnostics.clone(), false)
    };
    document.held_back = held;
    document.delivered = Some(review.clone());
    diagnostics
}

/// A pull-diagnostics answer: the full report, or "unchanged" when the client
/// already has exactly these diagnostics.
pub fn pull_report(
    document: &mut Document,
    review: &Arc<Review>,
    previous: Option<&str>,
) -> DocumentDiagnosticReportResult {
    let items = deliver(document, review);
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
