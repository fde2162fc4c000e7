//! Code actions (quick fixes, insert summary/headline/report) and the matching commands.
//!
//! Every finding gets its rule's own fixes first, then three that silence it,
//! each a plain edit or a server-side command so that no editor needs client code:
//! ignore it here (a directive before its block), disable its rule in this file,
//! and add its term to the project allowlist (`truthlens.addToAllowlist`).

use super::allowlist;
use super::linting::Review;
use crate::insert::{plan, InsertKind};
use crate::rules::{Edit, Finding};
use crate::suppress::{self, directive};
use serde_json::json;
use std::collections::HashMap;
use tower_lsp::lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Command, Diagnostic, Range, TextEdit, Url,
    WorkspaceEdit,
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
/// `can_allowlist`: the document lies in a workspace folder, where the allowlist
/// command may write.
/// `lazy`: the client resolves edits, so the summary and report actions go without
/// theirs until picked (`deferred_insertion`).
pub fn code_actions(
    review: &Review,
    range: Range,
    only: Option<&[CodeActionKind]>,
    can_allowlist: bool,
    lazy: bool,
) -> Vec<CodeActionOrCommand> {
    let mut actions = Vec::new();
    // A `.truthlens.toml` is checked, not reviewed: nothing to fix or insert there.
    if super::documents::is_project_config(&review.uri) {
        return actions;
    }
    if wanted(CodeActionKind::QUICKFIX.as_str(), only) {
        actions.extend(quick_fixes(review, range, can_allowlist));
    }
    for insertion in &INSERTIONS {
        if !wanted(insertion.action_kind, only) {
            continue;
        }
        if insertion.kind == InsertKind::Headline {
            actions.extend(headline_actions(review, insertion));
            continue;
        }
        let action = CodeAction {
            title: insertion.title.to_string(),
            kind: Some(CodeActionKind::from(insertion.action_kind)),
            ..CodeAction::default()
        };
        if lazy && !super::documents::is_project_config(&review.uri) && !review.skipped() {
            let data = json!({ DEFERRED_INSERT: insertion.command, "uri": review.uri });
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                data: Some(data),
                ..action
            }));
        } else if let Some(edit) = insertion_edit(review, insertion.kind) {
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                edit: Some(edit),
                ..action
            }));
        }
    }
    actions
}

/// The key of an insert action's `data` that names the insertion to resolve.
const DEFERRED_INSERT: &str = "truthlensInsert";

/// The document and insertion of an action offered without its edit.
pub fn deferred_insertion(action: &CodeAction) -> Option<(Url, InsertKind)> {
    let data = action.data.as_ref()?;
    let insertion = insertion_for_command(data.get(DEFERRED_INSERT)?.as_str()?)?;
    let uri = Url::parse(data.get("uri")?.as_str()?).ok()?;
    Some((uri, insertion.kind))
}

/// One "insert suggested headline" action per suggestion, the suggestion in its title.
fn headline_actions(review: &Review, insertion: &Insertion) -> Vec<CodeActionOrCommand> {
    if super::documents::is_project_config(&review.uri) || review.skipped() {
        return Vec::new();
    }
    review
        .planned_headlines()
        .iter()
        .map(|(headline, edit)| {
            CodeActionOrCommand::CodeAction(CodeAction {
                title: format!("{}: {headline}", insertion.title),
                kind: Some(CodeActionKind::from(insertion.action_kind)),
                edit: Some(workspace_edit(review, std::slice::from_ref(edit))),
                ..CodeAction::default()
            })
        })
        .collect()
}

/// "Use the suggested headline: …" for a finding of the headline rule: the draft's
/// title replaced by each suggestion. Made when asked for, not with the finding,
/// because the suggestion parses sentences (and then kept with the review).
fn suggested_headline_fixes(
    review: &Review,
    finding: &Finding,
    diagnostic: &Diagnostic,
) -> Vec<CodeActionOrCommand> {
    if finding.rule != crate::rules::headline::RULE.id {
        return Vec::new();
    }
    let Some(title) = crate::analysis::prose::map(&review.text, review.format).title else {
        return Vec::new();
    };
    review
        .planned_headlines()
        .iter()
        .enumerate()
        .map(|(i, (headline, _))| {
            let edit = Edit {
                span: title,
                replacement: headline.as_str().into(),
            };
            quick_fix(
                format!("Use the suggested headline: {headline}"),
                diagnostic,
                Some(workspace_edit(review, &[edit])),
                None,
                i == 0,
            )
        })
        .collect()
}

fn quick_fixes(review: &Review, range: Range, can_allowlist: bool) -> Vec<CodeActionOrCommand> {
    let start = review.lines.offset(&review.text, range.start);
    let end = review.lines.offset(&review.text, range.end).max(start);
    let mut actions = Vec::new();
    let mut silencers = Vec::new();
    for (finding, diagnostic) in review.findings.iter().zip(review.diagnostics()) {
        // Touching counts: a cursor at either end of a word still offers its fix.
        let touches = finding.span.start <= end && start <= finding.span.end;
        if !touches {
            continue;
        }
        actions.extend(suggested_headline_fixes(review, finding, diagnostic));
        for (i, fix) in finding.fixes.iter().enumerate() {
            actions.push(quick_fix(
                fix.title.to_string(),
                diagnostic,
                Some(workspace_edit(review, &fix.edits)),
                None,
                i == 0,
            ));
        }
        silencers.extend(silencing_fixes(review, finding, diagnostic, can_allowlist));
    }
    // Two findings of one rule offer "disable it in this file" once.
    for action in silencers {
        let title = |a: &CodeActionOrCommand| match a {
            CodeActionOrCommand::CodeAction(a) => a.title.clone(),
            CodeActionOrCommand::Command(c) => c.title.clone(),
        };
        if !actions.iter().any(|a| title(a) == title(&action)) {
            actions.push(action);
        }
    }
    actions
}

fn quick_fix(
    title: String,
    diagnostic: &Diagnostic,
    edit: Option<WorkspaceEdit>,
    command: Option<Command>,
    preferred: bool,
) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic.clone()]),
        edit,
        command,
        is_preferred: Some(preferred),
        ..CodeAction::default()
    })
}

/// Ignore here, disable in this file, allowlist: for any rule's finding.
fn silencing_fixes(
    review: &Review,
    finding: &Finding,
    diagnostic: &Diagnostic,
    can_allowlist: bool,
) -> Vec<CodeActionOrCommand> {
    let flagged = finding.span.text(&review.text);
    let term = suppress::quotable_term(flagged);
    let rule = finding.rule;
    let mut fixes = Vec::new();
    // An ignore covers one block; a finding across blocks (an article-wide one)
    // can only be disabled for the file.
    let in_one_block = review.blocks.iter().any(|b| b.span.contains(finding.span));
    if in_one_block {
        let ignore = directive::ignore_here(
            &review.text,
            review.format,
            &review.blocks,
            finding.span,
            rule,
            term,
        );
        let title = match term {
            Some(term) => format!("Ignore \"{term}\" here ({rule})"),
            None => format!("Ignore this {rule} finding here"),
        };
        fixes.push(quick_fix(
            title,
            diagnostic,
            Some(workspace_edit(review, &[ignore])),
            None,
            false,
        ));
    }
    let disable = directive::disable_in_file(&review.text, review.format, rule);
    fixes.push(quick_fix(
        format!("Disable {rule} in this file"),
        diagnostic,
        Some(workspace_edit(review, &[disable])),
        None,
        false,
    ));
    let term = suppress::allowlist::term_for(&review.text, finding, &review.effective);
    if let (true, Some(term)) = (can_allowlist, term) {
        let title = format!("Add \"{term}\" to the project allowlist");
        let command = Command {
            title: title.clone(),
            command: allowlist::COMMAND.to_string(),
            arguments: Some(allowlist::arguments(&review.uri, &term)),
        };
        fixes.push(quick_fix(title, diagnostic, None, Some(command), false));
    }
    fixes
}

/// The edit that inserts a generated block, if the planner has one for this text.
pub fn insertion_edit(review: &Review, kind: InsertKind) -> Option<WorkspaceEdit> {
    if super::documents::is_project_config(&review.uri) || review.skipped() {
        return None;
    }
    let edit = plan(&review.text, review.format, kind, &review.effective)?;
    Some(workspace_edit(review, std::slice::from_ref(&edit)))
}

/// Byte-range edits -> one document's text edits in the negotiated encoding.
pub fn workspace_edit(review: &Review, edits: &[Edit]) -> WorkspaceEdit {
    let text_edits = edits
        .iter()
        .map(|e| TextEdit {
            range: review.lines.range(&review.text, e.span.start, e.span.end),
            new_text: e.replacement.to_string(),
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

    fn review(text: &str) -> Review {
        use super::super::linting::Snapshot;
        let snapshot = Snapshot {
            uri: Url::parse("file:///w/a.md").unwrap(),
            generation: 1,
            version: 1,
            format: crate::Format::Markdown,
            config: Default::default(),
            kind: super::super::documents::Kind::Draft,
            text: std::sync::Arc::new(text.to_string()),
            line_starts: std::sync::Arc::new(super::super::position::line_starts(text)),
            text_id: 1,
            since: None,
            edited_from: None,
            pieces: Default::default(),
        };
        Review::compute(
            snapshot,
            super::super::position::PositionEncoding::Utf16,
            true,
        )
    }

    fn titles(actions: &[CodeActionOrCommand]) -> Vec<String> {
        actions
            .iter()
            .map(|a| match a {
                CodeActionOrCommand::CodeAction(a) => a.title.clone(),
                CodeActionOrCommand::Command(c) => c.title.clone(),
            })
            .collect()
    }

    #[test]
    fn any_rule_gets_the_silencing_fixes_and_a_cross_block_finding_no_ignore() {
        let text = "One official said it.\n\nNobody else did.\n";
        let mut review = review(text);
        // Stand in a finding of our own, whatever the rules found.
        let mut finding = crate::rules::Finding {
            rule: "single-source",
            category: Some("anonymous-source".into()),
            severity: crate::Severity::Warning,
            message: "one anonymous source".into(),
            span: crate::Span::new(0, 12),
            explanation: "".into(),
            alternatives: Default::default(),
            fixes: Default::default(),
            related: Vec::new(),
        };
        review.replace_findings(vec![finding.clone()]);
        let at = Range::default();
        assert_eq!(
            titles(&code_actions(
                &review,
                at,
                Some(&[CodeActionKind::QUICKFIX]),
                true,
                false
            )),
            [
                "Ignore \"One official\" here (single-source)",
                "Disable single-source in this file",
                "Add \"One official\" to the project allowlist"
            ]
        );
        // Across both paragraphs: no ignore (it covers one block), no term to allowlist.
        finding.span = crate::Span::new(0, text.len() - 1);
        review.replace_findings(vec![finding]);
        assert_eq!(
            titles(&code_actions(
                &review,
                at,
                Some(&[CodeActionKind::QUICKFIX]),
                true,
                false
            )),
            ["Disable single-source in this file"]
        );
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
