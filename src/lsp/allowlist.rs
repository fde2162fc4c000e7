//! `truthlens.addToAllowlist`: a server-side command that adds a term to the
//! project's `.truthlens.toml` through `workspace/applyEdit`, so it works in any
//! editor without client code.
//!
//! The file is the nearest existing `.truthlens.toml` above the draft inside its
//! workspace folder, else a new one at the folder's root. Nothing outside the
//! workspace is ever written. The new text comes from `crate::suppress::allowlist`
//! (the rest of the file is kept as written) and is sent as one whole-file edit.

use super::position::{LineIndex, PositionEncoding};
use super::session::ClientSupport;
use crate::suppress::allowlist::{add_term, new_file, Added};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use tower_lsp::lsp_types::{
    CreateFile, CreateFileOptions, DocumentChangeOperation, DocumentChanges, OneOf,
    OptionalVersionedTextDocumentIdentifier, Position, Range, ResourceOp, TextDocumentEdit,
    TextEdit, Url, WorkspaceEdit,
};

pub const COMMAND: &str = "truthlens.addToAllowlist";

/// The command's argument: `{ "uri": document, "term": term }`.
pub fn arguments(uri: &Url, term: &str) -> Vec<Value> {
    vec![json!({"uri": uri, "term": term})]
}

pub fn parse_arguments(arguments: &[Value]) -> Option<(Url, String)> {
    let first = arguments.first()?;
    let uri = Url::parse(first.get("uri")?.as_str()?).ok()?;
    let term = first.get("term")?.as_str()?.trim().to_string();
    (!term.is_empty()).then_some((uri, term))
}

/// The workspace folder that holds `document` (the innermost one).
pub fn folder_of<'a>(document: &Path, folders: &'a [PathBuf]) -> Option<&'a PathBuf> {
    folders
        .iter()
        .filter(|f| document.starts_with(f))
        .max_by_key(|f| f.components().count())
}

/// The config file for `document`: the nearest existing one between the draft's
/// folder and the workspace folder, else one at the workspace folder's root.
pub fn config_path(document: &Path, folder: &Path, exists: impl Fn(&Path) -> bool) -> PathBuf {
    document
        .ancestors()
        .skip(1)
        .take_while(|d| d.starts_with(folder))
        .map(|d| d.join(crate::config::FILE_NAME))
        .find(|p| exists(p))
        .unwrap_or_else(|| folder.join(crate::config::FILE_NAME))
}

/// Why the config file at `path` must not be written from workspace folder `folder`,
/// if it must not. Every check is on real locations, links followed, and fails
/// closed: a location that cannot be resolved is refused.
/// - The edit would land outside the folder (`.truthlens.toml` a link out of it).
/// - The file would sit in `/`, or in the home folder or above it: a config there
///   rules every draft below it (a workspace opened at `/` was offered
///   `/.truthlens.toml`).
pub fn refusal(path: &Path, folder: &Path) -> Option<String> {
    let real_folder = match std::fs::canonicalize(folder) {
        Ok(real) => real,
        Err(e) => {
            return Some(format!(
                "cannot resolve the workspace folder {}: {e}",
                folder.display()
            ))
        }
    };
    let real = match real_location(path) {
        Ok(real) => real,
        Err(reason) => return Some(reason),
    };
    if !real.starts_with(&real_folder) {
        return Some(format!(
            "{} leads to {}, outside the workspace folder {}; TruthLens writes only inside the workspace",
            path.display(),
            real.display(),
            folder.display()
        ));
    }
    let real_dir = real.parent().unwrap_or(&real);
    rules_too_much(real_dir).then(|| {
        format!(
            "{} would apply to every draft below {}; open the project's own folder instead",
            path.display(),
            real_dir.display()
        )
    })
}

/// Where an edit of `path` would land, links followed; why not, when that cannot
/// be known.
fn real_location(path: &Path) -> Result<PathBuf, String> {
    let cannot = |e: std::io::Error| format!("cannot resolve {}: {e}", path.display());
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => std::fs::canonicalize(path).map_err(|e| {
            let target = std::fs::read_link(path).unwrap_or_default();
            let why = match e.kind() {
                std::io::ErrorKind::NotFound => "which does not exist".to_string(),
                _ => format!("which cannot be followed ({e})"),
            };
            format!(
                "{} is a link to {}, {why}; TruthLens does not write through such links",
                path.display(),
                target.display()
            )
        }),
        Ok(_) => std::fs::canonicalize(path).map_err(cannot),
        // A new file: where its folder really is.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
                return Err(cannot(e));
            };
            Ok(std::fs::canonicalize(dir).map_err(cannot)?.join(name))
        }
        Err(e) => Err(cannot(e)),
    }
}

/// Whether a config in `real_dir` would rule far more than one project: `/`, or the
/// home folder or a folder above it.
fn rules_too_much(real_dir: &Path) -> bool {
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .map(|home| std::fs::canonicalize(&home).unwrap_or(home));
    real_dir.parent().is_none() || home.is_some_and(|home| home.starts_with(real_dir))
}

/// The config file as it stands now.
pub struct Current {
    pub text: String,
    /// The editor's version, when the file is open there.
    pub version: Option<i32>,
}

pub enum Plan {
    /// Apply this edit; afterwards the file holds `text`.
    Apply {
        edit: WorkspaceEdit,
        text: String,
    },
    AlreadyListed,
    /// Nothing can be written; the message says why and what to do instead.
    Refused(String),
}

/// The workspace edit that puts `term` on the allowlist of the file at `path`.
pub fn plan(
    path: &Path,
    current: Option<Current>,
    term: &str,
    support: ClientSupport,
    encoding: PositionEncoding,
) -> Plan {
    let Ok(uri) = Url::from_file_path(path) else {
        return Plan::Refused(format!("{} is not a file path", path.display()));
    };
    let Some(current) = current else {
        let text = new_file(term);
        if !(support.document_changes && support.create_files) {
            return Plan::Refused(format!(
                "the editor cannot create files through the language server; create {} with: {}",
                path.display(),
                text.lines().last().unwrap_or_default()
            ));
        }
        let create = DocumentChangeOperation::Op(ResourceOp::Create(CreateFile {
            uri: uri.clone(),
            options: Some(CreateFileOptions {
                // A file that appeared since it was found missing makes the client
                // refuse the edit; it is never written over or inserted into.
                overwrite: Some(false),
                ignore_if_exists: Some(false),
            }),
            annotation_id: None,
        }));
        let write = DocumentChangeOperation::Edit(TextDocumentEdit {
            text_document: OptionalVersionedTextDocumentIdentifier { uri, version: None },
            edits: vec![OneOf::Left(TextEdit {
                range: Range::default(),
                new_text: text.clone(),
            })],
        });
        let edit = WorkspaceEdit {
            document_changes: Some(DocumentChanges::Operations(vec![create, write])),
            ..WorkspaceEdit::default()
        };
        return Plan::Apply { edit, text };
    };
    let text = match add_term(&current.text, term) {
        Ok(Added::Text(text)) => text,
        Ok(Added::AlreadyListed) => return Plan::AlreadyListed,
        Err(reason) => return Plan::Refused(format!("cannot edit {}: {reason}", path.display())),
    };
    let lines = LineIndex::new(&current.text, encoding);
    let whole = TextEdit {
        range: Range::new(
            Position::new(0, 0),
            lines.position(&current.text, current.text.len()),
        ),
        new_text: text.clone(),
    };
    let edit = if support.document_changes {
        WorkspaceEdit {
            document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri,
                    version: current.version,
                },
                edits: vec![OneOf::Left(whole)],
            }])),
            ..WorkspaceEdit::default()
        }
    } else {
        WorkspaceEdit {
            changes: Some(HashMap::from([(uri, vec![whole])])),
            ..WorkspaceEdit::default()
        }
    };
    Plan::Apply { edit, text }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_config_inside_the_folder_else_the_folder_root() {
        let folder = Path::new("/w");
        let doc = Path::new("/w/a/b/story.md");
        let none = |_: &Path| false;
        assert_eq!(
            config_path(doc, folder, none),
            Path::new("/w/.truthlens.toml")
        );
        let in_a = |p: &Path| p == Path::new("/w/a/.truthlens.toml");
        assert_eq!(
            config_path(doc, folder, in_a),
            Path::new("/w/a/.truthlens.toml")
        );
        // One above the workspace does not count.
        let above = |p: &Path| p == Path::new("/.truthlens.toml");
        assert_eq!(
            config_path(doc, folder, above),
            Path::new("/w/.truthlens.toml")
        );
    }

    #[test]
    fn the_innermost_folder_wins_and_outside_is_none() {
        let folders = [PathBuf::from("/w"), PathBuf::from("/w/sub")];
        assert_eq!(
            folder_of(Path::new("/w/sub/a.md"), &folders),
            Some(&folders[1])
        );
        assert_eq!(folder_of(Path::new("/elsewhere/a.md"), &folders), None);
    }

    /// Found by the hostile probe: a workspace rooted at `/` got a proposal to create
    /// `/.truthlens.toml`, a config for every draft on the machine.
    #[test]
    fn a_config_for_the_whole_machine_or_home_folder_is_refused() {
        let root = Path::new("/");
        let why = refusal(&root.join(crate::config::FILE_NAME), root).expect("refused");
        assert!(why.contains("every draft below /;"), "{why}");
        if let Some(home) = std::env::var_os("HOME").map(PathBuf::from) {
            let home = std::fs::canonicalize(home).unwrap();
            let why = refusal(&home.join(crate::config::FILE_NAME), &home).expect("refused");
            assert!(why.contains("every draft below"), "{why}");
        }
        let project = std::env::temp_dir().join("truthlens-no-such-project");
        let why = refusal(&project.join(crate::config::FILE_NAME), &project);
        assert!(
            why.is_some_and(|w| w.contains("cannot resolve")),
            "fails closed"
        );
    }

    #[test]
    fn creating_needs_resource_operations() {
        let plain = ClientSupport::default();
        let Plan::Refused(why) = plan(
            Path::new("/w/.truthlens.toml"),
            None,
            "regime",
            plain,
            PositionEncoding::Utf16,
        ) else {
            panic!("refused without resource operations");
        };
        assert!(
            why.contains("create /w/.truthlens.toml") && why.contains("allowlist = [\"regime\"]"),
            "{why}"
        );
    }
}
