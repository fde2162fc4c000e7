//! The `LanguageServer` handlers: thin glue between the protocol and the session.
//!
//! tower-lsp 0.20 runs notification handlers concurrently, so every handler that
//! changes document state does so before its first `.await`, inside one short lock.

use super::actions::{self, INSERTIONS};
use super::allowlist::{self, Plan};
use super::client_requests;
use super::delivery;
use super::documents::{is_project_config, path_of, Kind};
use super::hover;
use super::inlay_hints;
use super::linting::{self, Publication};
use super::position::PositionEncoding;
use super::session::{ClientSupport, Session, SettingsSource, SettingsUpdate};
use super::transport::FrameWriter;
use super::versioned;
use crate::config::RunMode;
use serde::Deserialize;
use serde_json::Value;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tower_lsp::jsonrpc::{Error, Result};
use tower_lsp::lsp_types::*;
use tower_lsp::{Client, LanguageServer, LspService};

#[derive(Clone)]
pub struct Backend {
    session: Arc<Session>,
}

/// How long a command waits for the client to apply its edit before it replies
/// anyway: clients expect the edit before the reply, but one that never answers must
/// not hold a handler (tower-lsp runs four at a time).
const EDIT_ANSWER_IN_HANDLER: Duration = Duration::from_secs(1);

/// The custom notification that tells the server where the cursor is, so that a
/// finding on the word being typed can wait (see `delivery`). Not part of LSP:
/// the VS Code extension and the Neovim plugin send it; other clients need not.
pub const CURSOR_NOTIFICATION: &str = "truthlens/cursor";

#[derive(Deserialize)]
pub struct CursorParams {
    pub uri: Url,
    pub position: Position,
}

/// The service; `frames` writes to the client directly, past tower-lsp (see
/// `transport::FrameWriter`). Without it everything goes through tower-lsp's client.
pub fn service(frames: Option<FrameWriter>) -> (LspService<Backend>, tower_lsp::ClientSocket) {
    LspService::build(|client: Client| Backend {
        session: Session::new(client, frames),
    })
    .custom_method(CURSOR_NOTIFICATION, Backend::cursor)
    .finish()
}

/// What the client said it can do, read from `initialize`.
fn client_support(capabilities: &ClientCapabilities) -> ClientSupport {
    let workspace = capabilities.workspace.as_ref();
    let edits = workspace.and_then(|w| w.workspace_edit.as_ref());
    ClientSupport {
        configuration: workspace.and_then(|w| w.configuration).unwrap_or(false),
        register_configuration: workspace
            .and_then(|w| w.did_change_configuration.as_ref())
            .and_then(|c| c.dynamic_registration)
            .unwrap_or(false),
        // Pull only when the server can also ask for a pull: a save under
        // `run = "on-save"`, new settings or a released finding change the
        // diagnostics without the client changing the text, and a client that
        // cannot be sent `workspace/diagnostic/refresh` would never see them.
        // Neovim 0.11 declares `textDocument.diagnostic` but not `refreshSupport`
        // (it pulls only on open and change), so it gets pushed diagnostics.
        pull_diagnostics: capabilities
            .text_document
            .as_ref()
            .is_some_and(|t| t.diagnostic.is_some())
            && workspace
                .and_then(|w| w.diagnostic.as_ref())
                .and_then(|d| d.refresh_support)
                .unwrap_or(false),
        document_changes: edits.and_then(|e| e.document_changes).unwrap_or(false),
        create_files: edits
            .and_then(|e| e.resource_operations.as_ref())
            .is_some_and(|ops| ops.contains(&ResourceOperationKind::Create)),
        rule_links: capabilities
            .text_document
            .as_ref()
            .and_then(|t| t.publish_diagnostics.as_ref())
            .and_then(|p| p.code_description_support)
            .unwrap_or(false),
        inlay_hint_refresh: workspace
            .and_then(|w| w.inlay_hint.as_ref())
            .and_then(|h| h.refresh_support)
            .unwrap_or(false),
        resolve_edits: capabilities
            .text_document
            .as_ref()
            .and_then(|t| t.code_action.as_ref())
            .and_then(|c| c.resolve_support.as_ref())
            .is_some_and(|r| r.properties.iter().any(|p| p == "edit")),
    }
}

/// The workspace folders as paths (the root URI for clients that send no folders).
#[allow(deprecated)] // `root_uri` and `root_path` are how older clients say it
fn workspace_folders(params: &InitializeParams) -> Vec<PathBuf> {
    let folders: Vec<PathBuf> = params
        .workspace_folders
        .iter()
        .flatten()
        .filter_map(|f| path_of(&f.uri))
        .collect();
    if !folders.is_empty() {
        return folders;
    }
    params
        .root_uri
        .as_ref()
        .and_then(path_of)
        .or_else(|| params.root_path.as_ref().map(PathBuf::from))
        .into_iter()
        .collect()
}

/// Only what works is advertised.
fn capabilities(encoding: PositionEncoding, support: ClientSupport) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(false),
                })),
                ..TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        // Always offered: the `inlay-hints` setting can turn them on later, and a
        // client asks only once whether the server has them.
        inlay_hint_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(actions::advertised_kinds()),
            resolve_provider: Some(true),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        })),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: INSERTIONS
                .iter()
                .map(|i| i.command.to_string())
                .chain([allowlist::COMMAND.to_string()])
                .collect(),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        }),
        // Pull only for clients that pull and can be asked to pull again; the
        // others get pushed diagnostics.
        diagnostic_provider: support.pull_diagnostics.then(|| {
            DiagnosticServerCapabilities::Options(DiagnosticOptions {
                identifier: Some("truthlens".to_string()),
                inter_file_dependencies: false,
                workspace_diagnostics: false,
                work_done_progress_options: WorkDoneProgressOptions::default(),
            })
        }),
        ..ServerCapabilities::default()
    }
}

impl Backend {
    /// Pull the `truthlens` section when the client supports `workspace/configuration`.
    async fn pull_configuration(&self) {
        if !self.session.support().configuration {
            return;
        }
        let item = ConfigurationItem {
            scope_uri: None,
            section: Some("truthlens".to_string()),
        };
        let asked_at = self.session.settings_revision();
        let client = self.session.client.clone();
        let backend = self.clone();
        client_requests::ask(
            "workspace/configuration",
            async move { client.configuration(vec![item]).await },
            Duration::ZERO,
            move |values| {
                let value = values.into_iter().next().unwrap_or(Value::Null);
                backend.apply_settings(SettingsSource::Pulled(asked_at), &value);
            },
        )
        .await;
    }

    /// Ask the client to apply `edit`; `applied` runs once it has.
    async fn apply_edit(&self, edit: WorkspaceEdit, applied: impl FnOnce() + Send + 'static) {
        let client = self.session.client.clone();
        let session = self.session.clone();
        client_requests::ask(
            "workspace/applyEdit",
            async move { client.apply_edit(edit).await },
            EDIT_ANSWER_IN_HANDLER,
            move |response| {
                if response.applied {
                    applied();
                } else {
                    let reason = response.failure_reason.unwrap_or_default();
                    session.warn(format!("the editor did not apply the edit {reason}"));
                }
            },
        )
        .await;
    }

    /// Take new editor settings (or keep the old ones and say why), then re-lint.
    fn apply_settings(&self, source: SettingsSource, value: &Value) {
        let hints_were = self.session.inlay_hints_enabled();
        match self.session.update_settings(source, value) {
            Ok(SettingsUpdate::Taken) => {
                self.relint(self.session.refresh_configs());
                if self.session.inlay_hints_enabled() != hints_were {
                    self.refresh_inlay_hints();
                }
            }
            Ok(SettingsUpdate::Superseded) => {
                super::log("ignored a configuration answer that newer settings overtook")
            }
            Err(reason) => self
                .session
                .warn(format!("{reason}; keeping the previous settings")),
        }
    }

    /// Ask the client to request the inlay hints again, if it can be asked.
    fn refresh_inlay_hints(&self) {
        if !self.session.support().inlay_hint_refresh {
            return;
        }
        let client = self.session.client.clone();
        tokio::spawn(client_requests::ask(
            "workspace/inlayHint/refresh",
            async move { client.inlay_hint_refresh().await },
            Duration::ZERO,
            |()| {},
        ));
    }

    /// Review documents again after their config changed.
    fn relint(&self, uris: Vec<Url>) {
        for uri in &uris {
            linting::request(&self.session, uri);
        }
        if !uris.is_empty() {
            self.session.refresh_pulled_diagnostics();
        }
    }

    /// `truthlens/cursor`: remember the cursor, and show a held-back finding once
    /// the cursor has left it.
    async fn cursor(&self, params: CursorParams) {
        let republish = {
            let mut documents = self.session.documents();
            let Some(document) = documents.get_mut(&params.uri) else {
                return;
            };
            document.cursor = Some((params.position, document.version));
            if !document.held_back {
                return;
            }
            document.current_review()
        };
        if self.session.support().pull_diagnostics {
            self.session.refresh_pulled_diagnostics();
        } else if let Some(review) = republish {
            self.session.publish(Publication::Diagnostics(review));
        }
    }

    async fn show(&self, kind: MessageType, message: String) {
        super::log(&message);
        self.session
            .client
            .show_message(kind, format!("TruthLens: {message}"))
            .await;
    }

    /// `truthlens.addToAllowlist`: write the term into the project config.
    async fn run_allowlist_command(&self, arguments: &[Value]) -> Result<()> {
        let (uri, term) = allowlist::parse_arguments(arguments).ok_or_else(|| {
            Error::invalid_params("expected {\"uri\": document, \"term\": term} as argument")
        })?;
        let Some(document) = path_of(&uri) else {
            let message = format!("{uri} is not a file, so it has no project allowlist");
            self.show(MessageType::ERROR, message).await;
            return Ok(());
        };
        let Some(folder) = allowlist::folder_of(&document, self.session.folders()) else {
            let message = format!(
                "{} is outside the workspace folders, and TruthLens writes .truthlens.toml only inside the workspace",
                document.display()
            );
            self.show(MessageType::ERROR, message).await;
            return Ok(());
        };
        let path = allowlist::config_path(&document, folder, |p| self.session.config_exists(p));
        let current = allowlist::refusal(&path, folder)
            .map_or_else(|| self.session.config_text(&path), Err)
            .map_err(|reason| format!("cannot add \"{term}\" to the allowlist: {reason}"));
        let current = match current {
            Ok(current) => current,
            Err(message) => {
                self.show(MessageType::ERROR, message).await;
                return Ok(());
            }
        };
        let plan = allowlist::plan(
            &path,
            current,
            &term,
            self.session.support(),
            self.session.encoding(),
        );
        let (edit, text) = match plan {
            Plan::Apply { edit, text } => (edit, text),
            Plan::AlreadyListed => {
                let message = format!(
                    "\"{term}\" is already on the allowlist in {}",
                    path.display()
                );
                self.show(MessageType::INFO, message).await;
                return Ok(());
            }
            Plan::Refused(reason) => {
                self.show(MessageType::ERROR, reason).await;
                return Ok(());
            }
        };
        let backend = self.clone();
        self.apply_edit(edit, move || {
            // The editor may hold the new text unsaved; it is in force already.
            backend.session.remember_written_config(path, text);
            backend.relint(backend.session.refresh_configs());
        })
        .await;
        Ok(())
    }

    async fn run_insert_command(&self, command: &str, arguments: &[Value]) -> Result<()> {
        let insertion = actions::insertion_for_command(command)
            .ok_or_else(|| Error::invalid_params(format!("unknown command {command}")))?;
        let uri = actions::command_uri(arguments)
            .ok_or_else(|| Error::invalid_params("expected the document URI as argument"))?;
        let review = self
            .session
            .current_review(&uri)
            .await
            .ok_or_else(|| Error::invalid_params(format!("{uri} is not open")))?;
        let Some(mut edit) = actions::insertion_edit(&review, insertion.kind) else {
            let message = format!("{}: nothing to insert in this document", insertion.title);
            self.session
                .client
                .show_message(MessageType::INFO, message)
                .await;
            return Ok(());
        };
        if self.session.support().document_changes {
            versioned::pin(&mut edit, &review.uri, review.version);
        }
        self.apply_edit(edit, || {}).await;
        Ok(())
    }
}

#[tower_lsp::async_trait]
impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let offered = params
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_deref());
        let encoding = PositionEncoding::negotiate(offered);
        self.session.set_encoding(encoding);
        let support = client_support(&params.capabilities);
        self.session.set_support(support);
        self.session.set_folders(workspace_folders(&params));
        if let Some(options) = &params.initialization_options {
            let source = SettingsSource::InitializationOptions;
            if let Err(reason) = self.session.update_settings(source, options) {
                // The client may not be sent messages until `initialized`.
                self.session.defer_warning(format!(
                    "{reason} (initializationOptions); using the defaults"
                ));
            }
        }
        Ok(InitializeResult {
            capabilities: capabilities(encoding, support),
            server_info: Some(ServerInfo {
                name: env!("CARGO_PKG_NAME").to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        for warning in self.session.take_deferred_warnings() {
            self.session.warn(warning);
        }
        if self.session.support().register_configuration {
            let registration = Registration {
                id: "truthlens-configuration".to_string(),
                method: "workspace/didChangeConfiguration".to_string(),
                register_options: None,
            };
            let client = self.session.client.clone();
            client_requests::ask(
                "client/registerCapability",
                async move { client.register_capability(vec![registration]).await },
                Duration::ZERO,
                |()| {},
            )
            .await;
        }
        self.pull_configuration().await;
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let document = params.text_document;
        let project = self.session.project_config(&document.uri);
        let config = self.session.resolve_config(project.as_ref());
        self.session.documents().open(
            document.uri.clone(),
            &document.language_id,
            document.version,
            &document.text,
            project,
            config,
        );
        linting::request(&self.session, &document.uri);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let lint = {
            let mut documents = self.session.documents();
            let report = documents.change(
                &uri,
                params.text_document.version,
                &params.content_changes,
                self.session.encoding(),
            );
            report.map(|report| {
                for problem in report.problems() {
                    super::log(&format!("didChange for {uri}: {problem}"));
                }
                // Under `run = "on-save"` typing triggers nothing: the diagnostics
                // of the last save stay as they are until the next save.
                documents.get(&uri).is_some_and(|d| {
                    d.kind == Kind::ProjectConfig || d.config.run == RunMode::OnType
                })
            })
        };
        match lint {
            Some(true) => linting::request(&self.session, &uri),
            Some(false) => {}
            None => super::log(&format!("didChange for {uri}, which is not open; ignored")),
        }
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        let uri = params.text_document.uri;
        if is_project_config(&uri) {
            // Saved in the editor: the disk is the truth again, and every document
            // under it may see a new config.
            if let Some(path) = path_of(&uri) {
                self.session.forget_written_config(&path);
            }
            self.relint(self.session.refresh_configs());
        }
        // The project file may have changed on disk; the text itself comes from edits.
        let project = self.session.project_config(&uri);
        let config = self.session.resolve_config(project.as_ref());
        let cached = {
            let mut documents = self.session.documents();
            let Some(document) = documents.get_mut(&uri) else {
                return;
            };
            document.project = project;
            if *document.config != config {
                document.config = Arc::new(config);
            }
            document.current_review()
        };
        // Saving is a moment users expect fresh diagnostics: republish, re-analysing
        // only if the cached analysis no longer fits. In pull mode the client is
        // asked to pull again.
        match cached {
            Some(_) if self.session.support().pull_diagnostics => self.relint(vec![uri]),
            Some(review) => self.session.publish(Publication::Diagnostics(review)),
            None => self.relint(vec![uri]),
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        self.session.documents().close(&uri);
        if is_project_config(&uri) {
            // Closed without saving drops what the server had written there.
            if let Some(path) = path_of(&uri) {
                self.session.forget_written_config(&path);
            }
            self.relint(self.session.refresh_configs());
        }
        self.session.publish(Publication::Clear(uri));
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        let uri = params.text_document.uri;
        // Under `run = "on-save"` a pull between saves gets what the client has.
        let kept = {
            let documents = self.session.documents();
            let Some(document) = documents.get(&uri) else {
                return Ok(delivery::empty_report());
            };
            let on_save = document.kind == Kind::Draft && document.config.run == RunMode::OnSave;
            document
                .delivered
                .clone()
                .filter(|_| on_save && !document.pull_due)
        };
        let review = match kept {
            Some(review) => review,
            None => match self.session.current_review(&uri).await {
                Some(review) => review,
                None => return Ok(delivery::empty_report()),
            },
        };
        let mut documents = self.session.documents();
        let Some(document) = documents.get_mut(&uri) else {
            return Ok(delivery::empty_report());
        };
        if review.version == document.version {
            document.pull_due = false;
        }
        let previous = params.previous_result_id.as_deref();
        Ok(delivery::pull_report(document, &review, previous))
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        // Clients that only signal "something changed" (null settings) are asked.
        let signalled_only = match &params.settings {
            Value::Null => true,
            Value::Object(map) => map.is_empty(),
            _ => false,
        };
        if signalled_only && self.session.support().configuration {
            self.pull_configuration().await;
        } else {
            self.apply_settings(SettingsSource::Workspace, &params.settings);
        }
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let position = params.text_document_position_params;
        let Some(review) = self
            .session
            .current_review(&position.text_document.uri)
            .await
        else {
            return Ok(None);
        };
        Ok(hover::hover(&review, position.position))
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        // Off: an empty list rather than null, which some clients (Neovim 0.11) take
        // as "no answer" and keep showing the hints they had.
        if !self.session.inlay_hints_enabled() {
            return Ok(Some(Vec::new()));
        }
        // Asked right after each edit: the analysis that edit started serves it.
        let Some(review) = self.session.settled_review(&params.text_document.uri).await else {
            return Ok(None);
        };
        Ok(Some(inlay_hints::inlay_hints(&review, params.range)))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let Some(review) = self.session.current_review(&params.text_document.uri).await else {
            return Ok(None);
        };
        let only = params.context.only.as_deref();
        let can_allowlist = path_of(&params.text_document.uri)
            .is_some_and(|p| allowlist::folder_of(&p, self.session.folders()).is_some());
        let lazy = self.session.support().resolve_edits;
        let mut actions = actions::code_actions(&review, params.range, only, can_allowlist, lazy);
        if self.session.support().document_changes {
            versioned::pin_actions(&mut actions, &review.uri, review.version);
        }
        Ok(Some(actions))
    }

    /// The edit of an insert action offered without one (see `ClientSupport::resolve_edits`),
    /// made for the document as it is now, off the async runtime.
    async fn code_action_resolve(&self, action: CodeAction) -> Result<CodeAction> {
        let Some((uri, kind)) = actions::deferred_insertion(&action) else {
            return Ok(action);
        };
        let Some(review) = self.session.current_review(&uri).await else {
            return Ok(action);
        };
        let planned = tokio::task::spawn_blocking(move || {
            let edit = actions::insertion_edit(&review, kind);
            (edit, review)
        })
        .await;
        let Ok((edit, review)) = planned else {
            return Ok(action);
        };
        let mut resolved = [CodeActionOrCommand::CodeAction(CodeAction {
            edit,
            ..action
        })];
        if self.session.support().document_changes {
            versioned::pin_actions(&mut resolved, &review.uri, review.version);
        }
        let [CodeActionOrCommand::CodeAction(done)] = resolved else {
            return Err(tower_lsp::jsonrpc::Error::internal_error());
        };
        Ok(done)
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<Value>> {
        if params.command == allowlist::COMMAND {
            self.run_allowlist_command(&params.arguments).await?;
        } else {
            self.run_insert_command(&params.command, &params.arguments)
                .await?;
        }
        Ok(None)
    }
}
