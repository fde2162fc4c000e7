//! The `LanguageServer` handlers: thin glue between the protocol and the session.
//!
//! tower-lsp 0.20 runs notification handlers concurrently, so every handler that
//! changes document state does so before its first `.await`, inside one short lock.

use super::actions::{self, INSERTIONS};
use super::hover;
use super::linting::{self, Publication};
use super::position::PositionEncoding;
use super::session::{ClientSupport, Session, SettingsSource};
use super::versioned;
use serde_json::Value;
use std::sync::Arc;
use tower_lsp::jsonrpc::{Error, Result};
use tower_lsp::lsp_types::*;
use tower_lsp::{Client, LanguageServer, LspService};

pub struct Backend {
    session: Arc<Session>,
}

pub fn service() -> (LspService<Backend>, tower_lsp::ClientSocket) {
    LspService::new(|client: Client| Backend {
        session: Session::new(client),
    })
}

/// Only what works is advertised.
fn capabilities(encoding: PositionEncoding) -> ServerCapabilities {
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
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(actions::advertised_kinds()),
            resolve_provider: Some(false),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        })),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: INSERTIONS.iter().map(|i| i.command.to_string()).collect(),
            work_done_progress_options: WorkDoneProgressOptions::default(),
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
        match self.session.client.configuration(vec![item]).await {
            Ok(values) => {
                let value = values.into_iter().next().unwrap_or(Value::Null);
                self.apply_settings(&value);
            }
            Err(e) => super::log(&format!("workspace/configuration failed: {e}")),
        }
    }

    /// Take new editor settings (or keep the old ones and say why), then re-lint.
    fn apply_settings(&self, value: &Value) {
        match self
            .session
            .update_settings(SettingsSource::Workspace, value)
        {
            Ok(()) => {
                for uri in self.session.refresh_configs() {
                    linting::request(&self.session, &uri);
                }
            }
            Err(reason) => self
                .session
                .warn(format!("{reason}; keeping the previous settings")),
        }
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
        match self.session.client.apply_edit(edit).await {
            Ok(response) if response.applied => {}
            Ok(response) => {
                let reason = response.failure_reason.unwrap_or_default();
                self.session
                    .warn(format!("the editor did not apply the edit {reason}"));
            }
            Err(e) => self
                .session
                .warn(format!("workspace/applyEdit failed: {e}")),
        }
        Ok(())
    }
}

fn is_project_config(uri: &Url) -> bool {
    uri.path().rsplit('/').next() == Some(crate::config::FILE_NAME)
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
        let workspace = params.capabilities.workspace.as_ref();
        self.session.set_support(ClientSupport {
            configuration: workspace.and_then(|w| w.configuration).unwrap_or(false),
            register_configuration: workspace
                .and_then(|w| w.did_change_configuration.as_ref())
                .and_then(|c| c.dynamic_registration)
                .unwrap_or(false),
            document_changes: workspace
                .and_then(|w| w.workspace_edit.as_ref())
                .and_then(|e| e.document_changes)
                .unwrap_or(false),
        });
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
            capabilities: capabilities(encoding),
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
            if let Err(e) = self
                .session
                .client
                .register_capability(vec![registration])
                .await
            {
                super::log(&format!(
                    "could not register for configuration changes: {e}"
                ));
            }
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
        let report = self.session.documents().change(
            &uri,
            params.text_document.version,
            &params.content_changes,
            self.session.encoding(),
        );
        match report {
            Some(report) => {
                for problem in report.problems() {
                    super::log(&format!("didChange for {uri}: {problem}"));
                }
                linting::request(&self.session, &uri);
            }
            None => super::log(&format!("didChange for {uri}, which is not open; ignored")),
        }
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        let uri = params.text_document.uri;
        if is_project_config(&uri) {
            // Saved in the editor: every document under it may see a new config.
            for changed in self.session.refresh_configs() {
                linting::request(&self.session, &changed);
            }
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
        // only if the cached analysis no longer fits.
        match cached {
            Some(review) => self.session.publish(Publication::Diagnostics(review)),
            None => linting::request(&self.session, &uri),
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        self.session.documents().close(&uri);
        self.session.publish(Publication::Clear(uri));
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
            self.apply_settings(&params.settings);
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

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let Some(review) = self.session.current_review(&params.text_document.uri).await else {
            return Ok(None);
        };
        if let Some(old) = versioned::stale_context(&params.context.diagnostics, review.version) {
            super::log(&format!(
                "codeAction for {} came with diagnostics of version {old}; answered for version {}",
                review.uri, review.version
            ));
        }
        let only = params.context.only.as_deref();
        let mut actions = actions::code_actions(&review, params.range, only);
        if self.session.support().document_changes {
            versioned::pin_actions(&mut actions, &review.uri, review.version);
        }
        Ok(Some(actions))
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<Value>> {
        self.run_insert_command(&params.command, &params.arguments)
            .await?;
        Ok(None)
    }
}
