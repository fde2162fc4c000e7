//! Code actions (quick fixes, insert summary/headline/report) and the matching commands.

use super::linting::Review;
use crate::insert::{plan, InsertKind};
use crate::rules::Edit;
use std::collections::HashMap;
use tower_lsp::lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Range, TextEdit, Url, WorkspaceEdit,
};

/// One generated block the server can insert, as a source action and as a command.
pub struct Insertion {
    pub kind: InsertKind,
    pub title: &'static str,
    pub action_kind: &'static str,
    pub command: &'static str,
}

pub const INSERTIONS: [Insertion; 3] = [
    Insertion {
        kind: InsertKind::Summary,
        title: "TruthLens: insert summary",
        action_kind: "source.truthlens.insertSummary",
        command: "truthlens.insertSummary",
    },
    Insertion {
        kind: InsertKind::Headline,
        title: "TruthLens: insert suggested headline",
        action_kind: "source.truthlens.insertHeadline",
        command: "truthlens.insertHeadline",
    },
    Insertion {
        kind: InsertKind::Report,
        title: "TruthLens: insert review report",
        action_kind: "source.truthlens.insertReport",
        command: "truthlens.insertReport",
    },
];

pub fn insertion_for_command(command: &str) -> Option<&'static Insertion> {
    INSERTIONS.iter().find(|i| i.command == command)
}

/// Every code action kind the server can return, for the capability.
pub fn advertised_kinds() -> Vec<CodeActionKind> {
    let mut kinds = vec![CodeActionKind::QUICKFIX];
    kinds.extend(
        INSERTIONS
            .iter()
            .map(|i| CodeActionKind::from(i.action_kind)),
    );
    kinds
}

/// Quick fixes for findings touching `range`, then the insert actions that apply.
/// `only` is the client's kind filter (`None` = everything).
pub fn code_actions(
    review: &Review,
    range: Range,
    only: Option<&[CodeActionKind]>,
) -> Vec<CodeActionOrCommand> {
    let mut actions = Vec::new();
    if wanted(CodeActionKind::QUICKFIX.as_str(), only) {
        actions.extend(quick_fixes(review, range));
    }
    for insertion in &INSERTIONS {
        if !wanted(insertion.action_kind, only) {
            continue;
        }
        if let Some(edit) = insertion_edit(review, insertion.kind) {
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: insertion.title.to_string(),
                kind: Some(CodeActionKind::from(insertion.action_kind)),
                edit: Some(edit),
                ..CodeAction::default()
            }));
        }
    }
    actions
}

fn quick_fixes(review: &Review, range: Range) -> Vec<CodeActionOrCommand> {
    let start = review.lines.offset(&review.text, range.start);
    let end = review.lines.offset(&review.text, range.end).max(start);
    let mut actions = Vec::new();
    for (finding, diagnostic) in review.findings.iter().zip(&review.diagnostics) {
        // Touching counts: a cursor at either end of a word still offers its fix.
        let touches = finding.span.start <= end && start <= finding.span.end;
        if !touches {
            continue;
        }
        for (i, fix) in finding.fixes.iter().enumerate() {
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: fix.title.clone(),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic.clone()]),
                edit: Some(workspace_edit(review, &fix.edits)),
                is_preferred: Some(i == 0),
                ..CodeAction::default()
            }));
        }
    }
    actions
}

/// The edit that inserts a generated block, if the planner has one for this text.
pub fn insertion_edit(review: &Review, kind: InsertKind) -> Option<WorkspaceEdit> {
    if review.skipped() {
        return None;
    }
    let edit = plan(&review.text, review.format, kind, &review.config)?;
    Some(workspace_edit(review, std::slice::from_ref(&edit)))
}

/// Byte-range edits -> one document's text edits in the negotiated encoding.
pub fn workspace_edit(review: &Review, edits: &[Edit]) -> WorkspaceEdit {
    let text_edits = edits
        .iter()
        .map(|e| TextEdit {
            range: review.lines.range(&review.text, e.span.start, e.span.end),
            new_text: e.replacement.clone(),
        })
        .collect();
    WorkspaceEdit {
        changes: Some(HashMap::from([(review.uri.clone(), text_edits)])),
        ..WorkspaceEdit::default()
    }
}

/// LSP kind filtering: `source` admits `source.truthlens.insertSummary`.
fn wanted(kind: &str, only: Option<&[CodeActionKind]>) -> bool {
    let Some(filters) = only else {
        return true;
    };
    filters.iter().any(|f| {
        let f = f.as_str();
        kind == f || (kind.starts_with(f) && kind.as_bytes().get(f.len()) == Some(&b'.'))
    })
}

/// The document URI a command was called with (its first argument).
pub fn command_uri(arguments: &[serde_json::Value]) -> Option<Url> {
    let first = arguments.first()?;
    let text = first
        .as_str()
        .or_else(|| first.get("uri").and_then(|u| u.as_str()))?;
    Url::parse(text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_filters_match_by_prefix_segments() {
        let source = [CodeActionKind::SOURCE];
        assert!(wanted("source.truthlens.insertSummary", Some(&source)));
        assert!(!wanted("quickfix", Some(&source)));
        assert!(!wanted("sourcery", Some(&[CodeActionKind::from("source")])));
        assert!(wanted("quickfix", None));
    }

    #[test]
    fn command_argument_is_a_uri_or_an_identifier() {
        let uri = serde_json::json!("file:///a.md");
        let identifier = serde_json::json!({"uri": "file:///a.md"});
        assert_eq!(command_uri(&[uri]).unwrap().as_str(), "file:///a.md");
        assert_eq!(command_uri(&[identifier]).unwrap().as_str(), "file:///a.md");
        assert!(command_uri(&[]).is_none());
    }
}
