//! Workspace edits pinned to the version of the document they were computed for.
//!
//! An edit computed for version 3 and applied to version 4 lands at the wrong place
//! and corrupts the text (a quick fix applied twice turns "government" into
//! "governmentment"). A `TextDocumentEdit` names the version it expects, and the
//! client must refuse it when the document has moved on. So when the client supports
//! `documentChanges`, every edit of the reviewed document is sent that way.
//! Clients without that support get plain `changes`, which cannot be pinned.

use tower_lsp::lsp_types::{
    CodeActionOrCommand, DocumentChangeOperation, DocumentChanges, OneOf,
    OptionalVersionedTextDocumentIdentifier, TextDocumentEdit, Url, WorkspaceEdit,
};

/// Move `edit.changes` into `documentChanges`, pinning `uri`'s edits to `version`.
/// Edits of other files (a config file, say) are sent unversioned.
pub fn pin(edit: &mut WorkspaceEdit, uri: &Url, version: i32) {
    let Some(changes) = edit.changes.take() else {
        return;
    };
    let mut documents: Vec<TextDocumentEdit> = changes
        .into_iter()
        .map(|(target, edits)| TextDocumentEdit {
            text_document: OptionalVersionedTextDocumentIdentifier {
                version: (&target == uri).then_some(version),
                uri: target,
            },
            edits: edits.into_iter().map(OneOf::Left).collect(),
        })
        .collect();
    // A stable order: the reviewed document first, then the others by URI.
    documents.sort_by(|a, b| {
        let key = |d: &TextDocumentEdit| (&d.text_document.uri != uri, d.text_document.uri.clone());
        key(a).cmp(&key(b))
    });
    match &mut edit.document_changes {
        Some(DocumentChanges::Edits(existing)) => existing.extend(documents),
        Some(DocumentChanges::Operations(operations)) => {
            operations.extend(documents.into_iter().map(DocumentChangeOperation::Edit));
        }
        None => edit.document_changes = Some(DocumentChanges::Edits(documents)),
    }
}

/// `pin` every edit in a code action response.
pub fn pin_actions(actions: &mut [CodeActionOrCommand], uri: &Url, version: i32) {
    for action in actions {
        if let CodeActionOrCommand::CodeAction(action) = action {
            if let Some(edit) = &mut action.edit {
                pin(edit, uri, version);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;
    use tower_lsp::lsp_types::{Position, Range, TextEdit};

    #[test]
    fn the_reviewed_document_is_pinned_and_others_are_not() {
        let doc = Url::parse("file:///a.md").unwrap();
        let config = Url::parse("file:///.truthlens.toml").unwrap();
        let text_edit = TextEdit {
            range: Range::new(Position::new(0, 0), Position::new(0, 1)),
            new_text: "x".into(),
        };
        let mut edit = WorkspaceEdit {
            changes: Some(HashMap::from([
                (config.clone(), vec![text_edit.clone()]),
                (doc.clone(), vec![text_edit.clone()]),
            ])),
            ..WorkspaceEdit::default()
        };
        pin(&mut edit, &doc, 7);
        assert!(edit.changes.is_none());
        let Some(DocumentChanges::Edits(edits)) = edit.document_changes else {
            panic!("expected text document edits")
        };
        assert_eq!(edits[0].text_document.uri, doc);
        assert_eq!(edits[0].text_document.version, Some(7));
        assert_eq!(edits[0].edits, vec![OneOf::Left(text_edit)]);
        assert_eq!(edits[1].text_document.uri, config);
        assert_eq!(edits[1].text_document.version, None);
    }
}
