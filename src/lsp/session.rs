//! State shared by the protocol handlers and the analysis tasks.

use super::documents::{path_of, DocumentStore};
use super::linting::{self, Publication, Review, Snapshot};
use super::position::PositionEncoding;
use super::settings::{EditorSettings, ProjectConfig};
use crate::config::Config;
use std::collections::HashSet;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use tokio::sync::mpsc;
use tower_lsp::lsp_types::{MessageType, Url};
use tower_lsp::Client;

/// Editor settings arrive from two places; workspace settings win where both speak.
#[derive(Default)]
struct SettingsLayers {
    /// From `initializationOptions`.
    initialization: EditorSettings,
    /// From `workspace/configuration` or `didChangeConfiguration`.
    workspace: EditorSettings,
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
    Workspace,
}

/// What the client said it can do, fixed at `initialize`.
#[derive(Clone, Copy, Debug, Default)]
pub struct ClientSupport {
    /// `workspace/configuration` requests.
    pub configuration: bool,
    /// Dynamic registration of `workspace/didChangeConfiguration`.
    pub register_configuration: bool,
    /// `documentChanges` in workspace edits, so edits can name their version.
    pub document_changes: bool,
}

pub struct Session {
    pub client: Client,
    /// The one place document state lives. Locked only for short, synchronous
    /// sections: never hold it across an `.await`.
    documents: Mutex<DocumentStore>,
    encoding: OnceLock<PositionEncoding>,
    support: OnceLock<ClientSupport>,
    settings: Mutex<SettingsLayers>,
    /// Config problems already shown, so each is shown once, not on every open.
    warned: Mutex<HashSet<String>>,
    /// Problems found before the client may be sent messages (during `initialize`).
    deferred_warnings: Mutex<Vec<String>>,
    publisher: mpsc::UnboundedSender<Publication>,
}

impl Session {
    pub fn new(client: Client) -> Arc<Session> {
        Arc::new_cyclic(|weak| Session {
            client,
            documents: Mutex::default(),
            encoding: OnceLock::new(),
            support: OnceLock::new(),
            settings: Mutex::default(),
            warned: Mutex::default(),
            deferred_warnings: Mutex::default(),
            publisher: linting::spawn_publisher(weak.clone()),
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

    pub fn publish(&self, publication: Publication) {
        // Fails only when the publisher is gone, i.e. the server is shutting down.
        let _ = self.publisher.send(publication);
    }

    /// The text and settings of the current version, for an analysis.
    pub fn snapshot(&self, uri: &Url, generation: u64) -> Option<Snapshot> {
        let documents = self.documents();
        let document = documents.get(uri).filter(|d| d.generation == generation)?;
        Some(document.snapshot(uri))
    }

    /// The analysis of the current text: the cached one when it is current, else a
    /// fresh one computed on the blocking pool (never waiting for a running lint).
    pub async fn current_review(&self, uri: &Url) -> Option<Arc<Review>> {
        let snapshot = {
            let documents = self.documents();
            let document = documents.get(uri)?;
            if let Some(review) = document.current_review() {
                return Some(review);
            }
            document.snapshot(uri)
        };
        let review = Arc::new(Review::compute_off_thread(snapshot, self.encoding()).await?);
        if let Some(document) = self.documents().get_mut(uri) {
            document.offer_review(&review);
        }
        Some(review)
    }

    /// Replace one source of editor settings, or explain why not and keep the old ones.
    pub fn update_settings(
        &self,
        source: SettingsSource,
        value: &serde_json::Value,
    ) -> Result<(), String> {
        let parsed = EditorSettings::parse(value)?;
        let mut layers = self.settings.lock().unwrap_or_else(|e| e.into_inner());
        match source {
            SettingsSource::InitializationOptions => {
                parsed.overlaid_with(&layers.workspace)?;
                layers.initialization = parsed;
            }
            SettingsSource::Workspace => {
                layers.initialization.overlaid_with(&parsed)?;
                layers.workspace = parsed;
            }
        }
        Ok(())
    }

    /// The nearest `.truthlens.toml` above a document; an invalid one is reported and skipped.
    pub fn project_config(&self, uri: &Url) -> Option<ProjectConfig> {
        let path = path_of(uri)?;
        ProjectConfig::discover(&path).unwrap_or_else(|reason| {
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
