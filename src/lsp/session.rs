//! State shared by the protocol handlers and the analysis tasks.

use super::client_requests::Coalesced;
use super::documents::{path_of, DocumentStore};
use super::linting::{self, Publication, Review, Snapshot};
use super::position::PositionEncoding;
use super::settings::{EditorSettings, ProjectConfig};
use super::transport::FrameWriter;
use crate::config::Config;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::Duration;
use tokio::sync::{mpsc, Notify};
use tower_lsp::lsp_types::{MessageType, Url};
use tower_lsp::Client;

/// Editor settings arrive from two places; workspace settings win where both speak.
#[derive(Default)]
struct SettingsLayers {
    /// From `initializationOptions`.
    initialization: EditorSettings,
    /// From `workspace/configuration` or `didChangeConfiguration`.
    workspace: EditorSettings,
    /// Bumped on every change to `workspace`, so a pulled answer that a pushed
    /// change overtook is recognised as stale.
    revision: u64,
}

impl SettingsLayers {
    fn effective(&self) -> EditorSettings {
        // Each layer was validated together with the other when it was set.
        self.initialization
            .overlaid_with(&self.workspace)
            .unwrap_or_else(|_| self.workspace.clone())
    }
}

/// Which settings source an update comes from.
#[derive(Clone, Copy, Debug)]
pub enum SettingsSource {
    InitializationOptions,
    /// Pushed with `didChangeConfiguration`.
    Workspace,
    /// The answer to a `workspace/configuration` request made when the workspace
    /// layer was at this revision.
    Pulled(u64),
}

/// Whether new settings were taken.
#[derive(Debug, PartialEq, Eq)]
pub enum SettingsUpdate {
    Taken,
    /// A pulled answer that newer pushed settings had already replaced.
    Superseded,
}

/// What the client said it can do, fixed at `initialize`.
#[derive(Clone, Copy, Debug, Default)]
pub struct ClientSupport {
    /// `workspace/configuration` requests.
    pub configuration: bool,
    /// Dynamic registration of `workspace/didChangeConfiguration`.
    pub register_configuration: bool,
    /// `textDocument.diagnostic` together with `workspace.diagnostics.refreshSupport`:
    /// the client pulls diagnostics (so none are pushed), and the server may ask it
    /// to pull again with `workspace/diagnostic/refresh`. A client that pulls but
    /// cannot be asked to (Neovim 0.11) is pushed to instead.
    pub pull_diagnostics: bool,
    /// `workspaceEdit.documentChanges`: versioned edits and resource operations.
    pub document_changes: bool,
    /// `workspaceEdit.resourceOperations` includes `create`.
    pub create_files: bool,
    /// `publishDiagnostics.codeDescriptionSupport`: each diagnostic links to its
    /// rule's page. A client that shows no link is not sent one; on a long draft
    /// the links are a quarter of every publish.
    pub rule_links: bool,
    /// `workspace.inlayHint.refreshSupport`: the server may ask the client to
    /// request the inlay hints again (after the `inlay-hints` setting changed).
    pub inlay_hint_refresh: bool,
    /// `codeAction.resolveSupport` lists `edit`: an insert action's edit (a summary,
    /// a whole report) is made when the writer picks it, not every time the cursor
    /// moves and the client asks which actions there are.
    pub resolve_edits: bool,
}

pub struct Session {
    pub client: Client,
    /// The transport's writer, for publishing diagnostics without tower-lsp's
    /// `Value` round trip; `None` when the service runs without the transport.
    pub frames: Option<FrameWriter>,
    /// The one place document state lives. Locked only for short, synchronous
    /// sections: never hold it across an `.await`.
    documents: Mutex<DocumentStore>,
    encoding: OnceLock<PositionEncoding>,
    support: OnceLock<ClientSupport>,
    /// The workspace folders, from `initialize`: the only places the server writes.
    folders: OnceLock<Vec<PathBuf>>,
    settings: Mutex<SettingsLayers>,
    /// Config problems already shown, so each is shown once, not on every open.
    warned: Mutex<HashSet<String>>,
    /// Problems found before the client may be sent messages (during `initialize`).
    deferred_warnings: Mutex<Vec<String>>,
    publisher: mpsc::UnboundedSender<Publication>,
    /// `.truthlens.toml` texts the server had the editor write (through
    /// `workspace/applyEdit`), in force until the file is saved or reloaded.
    written_configs: Mutex<HashMap<PathBuf, String>>,
    /// Woken whenever an analysis ends, for requests that wait for one under way.
    reviewed: Notify,
    diagnostic_refresh: Arc<Coalesced>,
}

/// How long a request that can wait (inlay hints) waits for an analysis under
/// way before it analyses the text itself.
const SETTLE_WAIT: Duration = Duration::from_secs(5);

impl Session {
    pub fn new(client: Client, frames: Option<FrameWriter>) -> Arc<Session> {
        Arc::new_cyclic(|weak| Session {
            client,
            frames,
            documents: Mutex::default(),
            encoding: OnceLock::new(),
            support: OnceLock::new(),
            folders: OnceLock::new(),
            settings: Mutex::default(),
            warned: Mutex::default(),
            deferred_warnings: Mutex::default(),
            publisher: linting::spawn_publisher(weak.clone()),
            written_configs: Mutex::default(),
            reviewed: Notify::new(),
            diagnostic_refresh: Arc::default(),
        })
    }

    pub fn documents(&self) -> MutexGuard<'_, DocumentStore> {
        // A panic while holding the lock leaves plain data behind; keep serving.
        self.documents.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn encoding(&self) -> PositionEncoding {
        self.encoding.get().copied().unwrap_or_default()
    }

    pub fn set_encoding(&self, encoding: PositionEncoding) {
        let _ = self.encoding.set(encoding);
    }

    pub fn support(&self) -> ClientSupport {
        self.support.get().copied().unwrap_or_default()
    }

    pub fn set_support(&self, support: ClientSupport) {
        let _ = self.support.set(support);
    }

    pub fn folders(&self) -> &[PathBuf] {
        self.folders.get().map_or(&[], Vec::as_slice)
    }

    pub fn set_folders(&self, folders: Vec<PathBuf>) {
        let _ = self.folders.set(folders);
    }

    /// In pull mode, ask the client to pull again (after a change it cannot know
    /// about: a save under `run = "on-save"`, new settings, a released finding).
    pub fn refresh_pulled_diagnostics(&self) {
        if !self.support().pull_diagnostics {
            return;
        }
        let client = self.client.clone();
        // Asked on every edit: one at a time, so a client that never answers is not
        // sent one per keystroke.
        self.diagnostic_refresh
            .ask("workspace/diagnostic/refresh", move || {
                let client = client.clone();
                async move { client.workspace_diagnostic_refresh().await }
            });
    }

    /// Keep a config text the editor was asked to write until it is saved.
    pub fn remember_written_config(&self, path: PathBuf, text: String) {
        self.written_configs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path, text);
    }

    /// The file was saved or reloaded: the disk is the truth again.
    pub fn forget_written_config(&self, path: &std::path::Path) {
        self.written_configs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(path);
    }

    /// Whether a config file exists, on disk or as a text just written.
    pub fn config_exists(&self, path: &std::path::Path) -> bool {
        path.is_file()
            || self
                .written_configs
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .contains_key(path)
    }

    /// A config file's current text: the editor's buffer when it is open there,
    /// else what the server had written, else the disk; `None` if it does not exist,
    /// and why when it exists but cannot be read (an edit must never replace a file
    /// that was not read).
    pub fn config_text(
        &self,
        path: &std::path::Path,
    ) -> Result<Option<super::allowlist::Current>, String> {
        if let Some((text, version)) = self.documents().text_of_path(path) {
            return Ok(Some(super::allowlist::Current {
                text,
                version: Some(version),
            }));
        }
        let written = self
            .written_configs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(path)
            .cloned();
        let text = match written {
            Some(text) => text,
            None => match std::fs::metadata(path) {
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
                Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
                // Opening a FIFO would block the server until someone writes to it.
                Ok(meta) if !meta.is_file() => {
                    return Err(format!("{} is not a regular file", path.display()))
                }
                Ok(_) => crate::config::read_text(path).map_err(|e| e.to_string())?,
            },
        };
        Ok(Some(super::allowlist::Current {
            text,
            version: None,
        }))
    }

    pub fn publish(&self, publication: Publication) {
        // Fails only when the publisher is gone, i.e. the server is shutting down.
        let _ = self.publisher.send(publication);
    }

    /// The text and settings of the current version, for an analysis.
    pub fn snapshot(&self, uri: &Url, generation: u64) -> Option<Snapshot> {
        let mut documents = self.documents();
        let document = documents
            .get_mut(uri)
            .filter(|d| d.generation == generation)?;
        Some(document.snapshot(uri))
    }

    /// The analysis of the current text: the cached one when it is current, else a
    /// fresh one computed on the blocking pool (never waiting for a running lint).
    pub async fn current_review(&self, uri: &Url) -> Option<Arc<Review>> {
        let snapshot = {
            let mut documents = self.documents();
            let document = documents.get_mut(uri)?;
            if let Some(review) = document.current_review() {
                return Some(review);
            }
            document.on_demand = Some(document.version);
            document.snapshot(uri)
        };
        let version = snapshot.version;
        let review = Review::compute_off_thread(snapshot, self)
            .await
            .map(Arc::new);
        if let Some(document) = self.documents().get_mut(uri) {
            if let Some(review) = &review {
                document.offer_review(review);
            }
            if document.on_demand == Some(version) {
                document.on_demand = None;
            }
        }
        self.analysis_ended();
        review
    }

    /// The analysis of the current text, for a request that can wait for it (inlay
    /// hints come right after each edit): when one is already under way for this
    /// document (its lint, or another request's), wait for that rather than
    /// analyse the same text twice.
    pub async fn settled_review(&self, uri: &Url) -> Option<Arc<Review>> {
        let deadline = tokio::time::Instant::now() + SETTLE_WAIT;
        loop {
            // Registered before looking, so an analysis that ends in between still wakes it.
            let ended = self.reviewed.notified();
            tokio::pin!(ended);
            ended.as_mut().enable();
            let under_way = {
                let documents = self.documents();
                let document = documents.get(uri)?;
                if let Some(review) = document.current_review() {
                    return Some(review);
                }
                document.lint.running || document.on_demand == Some(document.version)
            };
            if !under_way || tokio::time::timeout_at(deadline, ended).await.is_err() {
                return self.current_review(uri).await;
            }
        }
    }

    /// Wake the requests waiting in `settled_review`.
    pub fn analysis_ended(&self) {
        self.reviewed.notify_waiters();
    }

    /// Whether the speaker inlay hints are on: the `inlay-hints` editor setting,
    /// workspace over initialization options, on unless turned off.
    pub fn inlay_hints_enabled(&self) -> bool {
        let layers = self.settings.lock().unwrap_or_else(|e| e.into_inner());
        let workspace = layers.workspace.inlay_hints();
        workspace
            .or(layers.initialization.inlay_hints())
            .unwrap_or(true)
    }

    /// Replace one source of editor settings, or explain why not and keep the old ones.
    pub fn update_settings(
        &self,
        source: SettingsSource,
        value: &serde_json::Value,
    ) -> Result<SettingsUpdate, String> {
        let parsed = EditorSettings::parse(value)?;
        let mut layers = self.settings.lock().unwrap_or_else(|e| e.into_inner());
        match source {
            SettingsSource::InitializationOptions => {
                parsed.overlaid_with(&layers.workspace)?;
                layers.initialization = parsed;
            }
            // Settings pushed while the pull was on its way are newer than its answer.
            SettingsSource::Pulled(asked_at) if asked_at != layers.revision => {
                return Ok(SettingsUpdate::Superseded)
            }
            SettingsSource::Workspace | SettingsSource::Pulled(_) => {
                layers.initialization.overlaid_with(&parsed)?;
                layers.workspace = parsed;
                layers.revision += 1;
            }
        }
        Ok(SettingsUpdate::Taken)
    }

    /// The workspace settings' revision, to pass back as `SettingsSource::Pulled`.
    pub fn settings_revision(&self) -> u64 {
        self.settings
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .revision
    }

    /// The nearest `.truthlens.toml` above a document; an invalid one is reported and skipped.
    pub fn project_config(&self, uri: &Url) -> Option<ProjectConfig> {
        let path = path_of(uri)?;
        let mut written = self
            .written_configs
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        // Once the editor has saved what it was asked to write, the disk is the
        // truth again (and later changes on disk are seen).
        written.retain(|path, text| std::fs::read_to_string(path).ok().as_ref() != Some(text));
        ProjectConfig::discover(&path, &written).unwrap_or_else(|reason| {
            self.warn_once(format!("{reason}; ignoring that file"));
            None
        })
    }

    /// Defaults, then the project file, then editor settings.
    pub fn resolve_config(&self, project: Option<&ProjectConfig>) -> Config {
        let settings = self
            .settings
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .effective();
        settings.apply_to(project).unwrap_or_else(|reason| {
            self.warn_once(format!("{reason}; ignoring the editor settings"));
            EditorSettings::default()
                .apply_to(project)
                .unwrap_or_default()
        })
    }

    /// Recompute every open document's config (after a settings change); returns the
    /// documents whose config actually changed, which are the ones to re-lint.
    pub fn refresh_configs(&self) -> Vec<Url> {
        let uris = self.documents().uris();
        let mut changed = Vec::new();
        for uri in uris {
            let project = self.project_config(&uri);
            let config = self.resolve_config(project.as_ref());
            if let Some(document) = self.documents().get_mut(&uri) {
                document.project = project;
                if *document.config != config {
                    document.config = Arc::new(config);
                    changed.push(uri);
                }
            }
        }
        changed
    }

    /// Show a warning once per distinct message.
    pub fn warn_once(&self, message: String) {
        let fresh = self
            .warned
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(message.clone());
        if fresh {
            self.warn(message);
        }
    }

    /// Show a warning now (tower-lsp drops it if the client is not initialized yet,
    /// so early warnings wait in `deferred_warnings`).
    pub fn warn(&self, message: String) {
        super::log(&message);
        let client = self.client.clone();
        tokio::spawn(async move {
            client
                .show_message(MessageType::WARNING, format!("TruthLens: {message}"))
                .await;
        });
    }

    pub fn defer_warning(&self, message: String) {
        self.deferred_warnings
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(message);
    }

    pub fn take_deferred_warnings(&self) -> Vec<String> {
        std::mem::take(
            &mut *self
                .deferred_warnings
                .lock()
                .unwrap_or_else(|e| e.into_inner()),
        )
    }
}
