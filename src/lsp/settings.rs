//! Editor settings and `.truthlens.toml`, merged into one `Config` per document.
//!
//! Editor settings use the same keys as `.truthlens.toml` (`rules`, `quotes`,
//! `single-source`, `summary`, `allowlist`, `run`, `files`, `lexicon`) and override the project file field by
//! field: tables merge key by key, anything else (an allowlist, a number) replaces.
//! Both sides are validated by `Config::parse`, so the server accepts exactly what
//! the CLI accepts and reports the same reasons.
//!
//! One key is the editor's alone: `inlay-hints` (true by default) shows each
//! statement's source as an inlay hint. It is a matter of display, not of the
//! project's review, so `.truthlens.toml` does not take it.

use crate::config::layers::merge;
use crate::config::Config;
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Keys that editor clients put in the `truthlens` section for themselves
/// (vscode-languageclient's `truthlens.trace.server`); the server ignores them.
const CLIENT_ONLY_KEYS: &[&str] = &["trace"];

/// The editor-only key that turns the speaker inlay hints on or off.
const INLAY_HINTS_KEY: &str = "inlay-hints";

/// Validated editor settings, kept as given so they can overlay a project file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EditorSettings {
    overrides: Map<String, Value>,
    /// `inlay-hints`, when these settings give it.
    inlay_hints: Option<bool>,
}

impl EditorSettings {
    /// Parse settings from `initializationOptions`, `didChangeConfiguration` or
    /// `workspace/configuration`. Accepts the section itself or `{ "truthlens": {...} }`;
    /// `null` means no settings.
    pub fn parse(value: &Value) -> Result<EditorSettings, String> {
        let section = match value {
            Value::Object(map) if map.contains_key("truthlens") => &map["truthlens"],
            other => other,
        };
        let mut overrides = match section {
            Value::Null => Map::new(),
            Value::Object(map) => map.clone(),
            other => return Err(format!("expected an object of settings, got {other}")),
        };
        overrides.retain(|key, _| !CLIENT_ONLY_KEYS.contains(&key.as_str()));
        let inlay_hints = match overrides.remove(INLAY_HINTS_KEY) {
            None | Some(Value::Null) => None,
            Some(Value::Bool(on)) => Some(on),
            Some(other) => {
                return Err(format!(
                    "`{INLAY_HINTS_KEY}` must be true or false, got {other}"
                ))
            }
        };
        let settings = EditorSettings {
            overrides,
            inlay_hints,
        };
        settings.apply_to(None)?;
        Ok(settings)
    }

    /// Whether these settings turn the speaker inlay hints on or off, if they say.
    pub fn inlay_hints(&self) -> Option<bool> {
        self.inlay_hints
    }

    /// These settings with `over` laid on top: tables merge, other values replace.
    pub fn overlaid_with(&self, over: &EditorSettings) -> Result<EditorSettings, String> {
        let mut merged = Value::Object(self.overrides.clone());
        merge(&mut merged, &Value::Object(over.overrides.clone()));
        let Value::Object(overrides) = merged else {
            unreachable!("merging two objects gives an object")
        };
        let settings = EditorSettings {
            overrides,
            inlay_hints: over.inlay_hints.or(self.inlay_hints),
        };
        settings.apply_to(None)?;
        Ok(settings)
    }

    /// The config for a document: defaults, then the project file, then these settings.
    pub fn apply_to(&self, project: Option<&ProjectConfig>) -> Result<Config, String> {
        let mut merged = project.map_or_else(|| Value::Object(Map::new()), |p| p.table.clone());
        merge(&mut merged, &Value::Object(self.overrides.clone()));
        let origin = match project {
            Some(p) => format!("editor settings over {}", p.path.display()),
            None => "editor settings".to_string(),
        };
        Config::from_json(merged, &origin)
    }
}

/// A project's `.truthlens.toml`, already validated.
#[derive(Clone, Debug, PartialEq)]
pub struct ProjectConfig {
    pub path: PathBuf,
    /// The file's table as JSON, so editor settings can overlay it key by key.
    table: Value,
}

impl ProjectConfig {
    /// The nearest `.truthlens.toml` above a document, if there is one. `written`
    /// holds config texts the server has just had the editor write (they may not
    /// be saved yet); they win over the disk.
    pub fn discover(
        document: &Path,
        written: &HashMap<PathBuf, String>,
    ) -> Result<Option<ProjectConfig>, String> {
        let Some(dir) = document.parent() else {
            return Ok(None);
        };
        let Some(path) = crate::config::search_dirs(dir)
            .map(|d| d.join(crate::config::FILE_NAME))
            .find(|p| written.contains_key(p) || p.is_file())
        else {
            return Ok(None);
        };
        let text = match written.get(&path) {
            Some(text) => text.clone(),
            None => crate::config::read_text(&path).map_err(|e| e.to_string())?,
        };
        Config::parse(&text, &path).map_err(|e| e.to_string())?;
        let table: toml::Value = toml::from_str(&text).map_err(|e| e.to_string())?;
        let table = serde_json::to_value(table).map_err(|e| e.to_string())?;
        Ok(Some(ProjectConfig { path, table }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::QuotePolicy;
    use serde_json::json;

    fn project(toml_text: &str) -> ProjectConfig {
        let table: toml::Value = toml::from_str(toml_text).unwrap();
        ProjectConfig {
            path: PathBuf::from("/p/.truthlens.toml"),
            table: serde_json::to_value(table).unwrap(),
        }
    }

    #[test]
    fn accepts_the_section_or_a_wrapped_section() {
        let flat = EditorSettings::parse(&json!({"allowlist": ["regime"]})).unwrap();
        let wrapped =
            EditorSettings::parse(&json!({"truthlens": {"allowlist": ["regime"]}})).unwrap();
        assert_eq!(flat, wrapped);
        assert_eq!(flat.apply_to(None).unwrap().allowlist, vec!["regime"]);
        assert_eq!(
            EditorSettings::parse(&Value::Null).unwrap(),
            EditorSettings::default()
        );
    }

    #[test]
    fn invalid_settings_say_why() {
        let err = EditorSettings::parse(&json!({"colour": 1})).unwrap_err();
        assert!(err.contains("unknown field `colour`"), "{err}");
        let err =
            EditorSettings::parse(&json!({"rules": {"nope": {"enabled": false}}})).unwrap_err();
        assert!(err.contains("unknown rule `nope`"), "{err}");
        let err =
            EditorSettings::parse(&json!({"single-source": {"dominant-share": 3}})).unwrap_err();
        assert!(err.contains("dominant-share"), "{err}");
        let err = EditorSettings::parse(&json!({"quotes": {"policy": "shout"}})).unwrap_err();
        assert!(err.contains("shout"), "{err}");
        assert!(EditorSettings::parse(&json!(3)).is_err());
    }

    #[test]
    fn workspace_settings_overlay_initialization_options() {
        let init =
            EditorSettings::parse(&json!({"quotes": {"policy": "lint"}, "allowlist": ["a"]}))
                .unwrap();
        let workspace = EditorSettings::parse(&json!({"quotes": {"blockquotes": false}})).unwrap();
        let config = init
            .overlaid_with(&workspace)
            .unwrap()
            .apply_to(None)
            .unwrap();
        assert_eq!(config.quotes.policy, QuotePolicy::Lint);
        assert!(!config.quotes.blockquotes);
        assert_eq!(config.allowlist, vec!["a"]);
    }

    #[test]
    fn inlay_hints_is_an_editor_key_that_overlays() {
        let off =
            EditorSettings::parse(&json!({"inlay-hints": false, "allowlist": ["a"]})).unwrap();
        assert_eq!(off.inlay_hints(), Some(false));
        assert_eq!(off.apply_to(None).unwrap().allowlist, vec!["a"]);
        let silent = EditorSettings::parse(&json!({"allowlist": ["b"]})).unwrap();
        assert_eq!(silent.inlay_hints(), None);
        assert_eq!(
            off.overlaid_with(&silent).unwrap().inlay_hints(),
            Some(false)
        );
        let on = EditorSettings::parse(&json!({"inlay-hints": true})).unwrap();
        assert_eq!(off.overlaid_with(&on).unwrap().inlay_hints(), Some(true));
        let err = EditorSettings::parse(&json!({"inlay-hints": "yes"})).unwrap_err();
        assert!(err.contains("inlay-hints"), "{err}");
    }

    #[test]
    fn client_only_keys_are_ignored() {
        let s = EditorSettings::parse(&json!({"trace": {"server": "verbose"}})).unwrap();
        assert_eq!(s, EditorSettings::default());
    }

    #[test]
    fn editor_settings_override_the_project_field_by_field() {
        let p = project(
            "allowlist = [\"regime\"]\n[quotes]\nblockquotes = false\n[rules.loaded-language]\nenabled = false\n",
        );
        let s = EditorSettings::parse(&json!({
            "quotes": {"policy": "lint"},
            "rules": {"loaded-language": {"severity": "hint"}}
        }))
        .unwrap();
        let config = s.apply_to(Some(&p)).unwrap();
        assert_eq!(config.quotes.policy, QuotePolicy::Lint);
        assert!(!config.quotes.blockquotes, "the project's value survives");
        assert_eq!(config.allowlist, vec!["regime"]);
        assert!(!config.rule_enabled("loaded-language"));
        assert_eq!(
            config.severity_for("loaded-language", None),
            Some(crate::Severity::Hint)
        );
        let replaced = EditorSettings::parse(&json!({"allowlist": ["junta"]}))
            .unwrap()
            .apply_to(Some(&p))
            .unwrap();
        assert_eq!(replaced.allowlist, vec!["junta"]);
    }

    #[test]
    fn discovers_the_project_file_upward() {
        let dir = std::env::temp_dir().join(format!("truthlens-settings-{}", std::process::id()));
        let nested = dir.join("drafts/2024");
        std::fs::create_dir_all(&nested).unwrap();
        std::fs::write(dir.join(".truthlens.toml"), "allowlist = [\"regime\"]\n").unwrap();
        let found = ProjectConfig::discover(&nested.join("a.md"), &HashMap::new())
            .unwrap()
            .unwrap();
        assert_eq!(found.path, dir.join(".truthlens.toml"));
        let config = EditorSettings::default().apply_to(Some(&found)).unwrap();
        assert_eq!(config.allowlist, vec!["regime"]);
        std::fs::write(dir.join(".truthlens.toml"), "colour = 1\n").unwrap();
        let err = ProjectConfig::discover(&nested.join("a.md"), &HashMap::new()).unwrap_err();
        assert!(err.contains("colour"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
