//! `.truthlens.toml`: one schema for the CLI and the server.
//!
//! Unknown keys are errors, so a typo never silently does nothing.

use crate::rules::Severity;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = ".truthlens.toml";

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Per-rule settings, keyed by rule id.
    pub rules: BTreeMap<String, RuleSettings>,
    pub quotes: QuoteSettings,
    pub single_source: SingleSourceSettings,
    pub summary: SummarySettings,
    /// Terms the project accepts; never flagged.
    pub allowlist: Vec<String>,
    /// When the server reviews: as you type, or on save.
    pub run: RunMode,
    /// Which files `check` reviews when it walks a directory.
    pub files: FileSettings,
    /// The server reviews documents up to this size (see `max_document_bytes`).
    pub max_document_bytes: Option<usize>,
}

/// The default `max-document-bytes`: larger drafts are not articles but dumps.
pub const DEFAULT_MAX_DOCUMENT_BYTES: usize = 10 * 1024 * 1024;

#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
pub enum RunMode {
    #[default]
    #[serde(rename = "on-type", alias = "onType")]
    OnType,
    #[serde(rename = "on-save", alias = "onSave")]
    OnSave,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct FileSettings {
    /// Globs (relative to the config file) a walked file must match; empty means all drafts.
    pub include: Vec<String>,
    /// Globs a walked file must not match.
    pub exclude: Vec<String>,
}

impl FileSettings {
    /// Compile the globs; a bad glob is a config error.
    pub fn matcher(&self) -> Result<FileMatcher, String> {
        let build = |globs: &[String]| -> Result<Option<globset::GlobSet>, String> {
            if globs.is_empty() {
                return Ok(None);
            }
            // globset caps each compiled pattern (10 MiB NFA); these caps bound the
            // total work, since every config load (each open in the server) compiles them.
            if globs.len() > MAX_GLOBS {
                return Err(format!(
                    "{} globs in one list; at most {MAX_GLOBS}",
                    globs.len()
                ));
            }
            let mut set = globset::GlobSetBuilder::new();
            for g in globs {
                if g.len() > MAX_GLOB_BYTES {
                    return Err(format!(
                        "a glob of {} bytes; at most {MAX_GLOB_BYTES}",
                        g.len()
                    ));
                }
                set.add(globset::Glob::new(g).map_err(|e| format!("bad glob `{g}`: {e}"))?);
            }
            set.build().map(Some).map_err(|e| e.to_string())
        };
        Ok(FileMatcher {
            include: build(&self.include)?,
            exclude: build(&self.exclude)?,
        })
    }
}

/// Limits on `[files]` globs; real projects use a handful of short ones.
const MAX_GLOBS: usize = 256;
const MAX_GLOB_BYTES: usize = 1024;

pub struct FileMatcher {
    include: Option<globset::GlobSet>,
    exclude: Option<globset::GlobSet>,
}

impl FileMatcher {
    /// Whether a path (relative to the config's folder) is reviewed.
    pub fn accepts(&self, relative: &Path) -> bool {
        self.include.as_ref().is_none_or(|s| s.is_match(relative))
            && !self.exclude.as_ref().is_some_and(|s| s.is_match(relative))
    }
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleSettings {
    pub enabled: Option<bool>,
    pub severity: Option<SeverityName>,
    /// Severity per category, e.g. `intensifier = "hint"`.
    pub categories: BTreeMap<String, SeverityName>,
}

/// A severity as written in config: "off" disables.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum SeverityName {
    Error,
    Warning,
    Info,
    Hint,
    Off,
}

impl SeverityName {
    fn severity(self) -> Option<Severity> {
        match self {
            SeverityName::Error => Some(Severity::Error),
            SeverityName::Warning => Some(Severity::Warning),
            SeverityName::Info => Some(Severity::Info),
            SeverityName::Hint => Some(Severity::Hint),
            SeverityName::Off => None,
        }
    }
}

/// What to do with loaded language inside direct quotes.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum QuotePolicy {
    /// Quoted words are the speaker's: skip them.
    #[default]
    Skip,
    /// Report them at hint severity.
    Hint,
    /// Treat them like the writer's own words.
    Lint,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct QuoteSettings {
    pub policy: QuotePolicy,
    /// Whether a Markdown blockquote counts as a direct quote.
    pub blockquotes: bool,
}

impl Default for QuoteSettings {
    fn default() -> Self {
        QuoteSettings {
            policy: QuotePolicy::Skip,
            blockquotes: true,
        }
    }
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct SingleSourceSettings {
    /// Attributed statements needed before "leans on one voice" applies.
    pub min_statements: usize,
    /// Share of statements from one source that counts as leaning on it.
    pub dominant_share: f64,
}

impl Default for SingleSourceSettings {
    fn default() -> Self {
        SingleSourceSettings {
            min_statements: 4,
            dominant_share: 0.6,
        }
    }
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct SummarySettings {
    /// Sentences in the summary (2 to 4 is typical).
    pub sentences: usize,
    /// Optional word budget; 0 means use `sentences`.
    pub max_words: usize,
}

impl Default for SummarySettings {
    fn default() -> Self {
        SummarySettings {
            sentences: 3,
            max_words: 0,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("invalid config {path}: {message}")]
    Invalid { path: PathBuf, message: String },
}

impl Config {
    /// Parse config text; `origin` names it in error messages.
    pub fn parse(text: &str, origin: &Path) -> Result<Config, ConfigError> {
        let config: Config = toml::from_str(text).map_err(|e| ConfigError::Invalid {
            path: origin.to_path_buf(),
            message: e.to_string(),
        })?;
        config.validate(origin)?;
        Ok(config)
    }

    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Config::parse(&text, path)
    }

    fn validate(&self, origin: &Path) -> Result<(), ConfigError> {
        let invalid = |message: String| ConfigError::Invalid {
            path: origin.to_path_buf(),
            message,
        };
        for id in self.rules.keys() {
            if crate::rules::find_rule(id).is_none() {
                let known: Vec<_> = crate::rules::REGISTRY.iter().map(|r| r.id).collect();
                return Err(invalid(format!(
                    "unknown rule `{id}` (known: {})",
                    known.join(", ")
                )));
            }
        }
        self.files.matcher().map_err(invalid)?;
        let share = self.single_source.dominant_share;
        if !(share > 0.0 && share <= 1.0) {
            return Err(invalid(format!(
                "single-source.dominant-share must be in (0, 1], got {share}"
            )));
        }
        Ok(())
    }

    /// Documents larger than this (in bytes) get a notice instead of a review.
    pub fn max_document_bytes(&self) -> usize {
        self.max_document_bytes
            .unwrap_or(DEFAULT_MAX_DOCUMENT_BYTES)
    }

    /// Walk up from `dir` to find the nearest `.truthlens.toml`.
    pub fn discover(dir: &Path) -> Option<PathBuf> {
        dir.ancestors()
            .map(|d| d.join(FILE_NAME))
            .find(|p| p.is_file())
    }

    pub fn rule_enabled(&self, rule: &str) -> bool {
        match self.rules.get(rule) {
            Some(s) => s.enabled.unwrap_or(true) && s.severity != Some(SeverityName::Off),
            None => true,
        }
    }

    /// The configured severity for a rule (and category), if any overrides the default.
    pub fn severity_for(&self, rule: &str, category: Option<&str>) -> Option<Severity> {
        let settings = self.rules.get(rule)?;
        category
            .and_then(|c| settings.categories.get(c))
            .or(settings.severity.as_ref())
            .and_then(|s| s.severity())
    }

    /// Whether a category of a rule is switched off.
    pub fn category_enabled(&self, rule: &str, category: &str) -> bool {
        self.rules
            .get(rule)
            .and_then(|s| s.categories.get(category))
            .is_none_or(|s| *s != SeverityName::Off)
    }

    /// True when the project allowlist accepts `term` (case-insensitive).
    pub fn allows(&self, term: &str) -> bool {
        self.allowlist
            .iter()
            .any(|a| a.eq_ignore_ascii_case(term.trim()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_are_errors() {
        let err = Config::parse("colour = 1", Path::new("t.toml")).unwrap_err();
        assert!(err.to_string().contains("unknown field"), "{err}");
    }

    #[test]
    fn unknown_rule_is_an_error() {
        let err = Config::parse("[rules.nope]\nenabled = false", Path::new("t.toml")).unwrap_err();
        assert!(err.to_string().contains("unknown rule `nope`"), "{err}");
    }

    #[test]
    fn category_severity_overrides_rule_severity() {
        let c = Config::parse(
            "[rules.loaded-language]\nseverity = \"info\"\ncategories = { intensifier = \"hint\" }",
            Path::new("t.toml"),
        )
        .unwrap();
        assert_eq!(
            c.severity_for("loaded-language", Some("intensifier")),
            Some(Severity::Hint)
        );
        assert_eq!(
            c.severity_for("loaded-language", Some("hyperbole")),
            Some(Severity::Info)
        );
        assert!(c.rule_enabled("loaded-language"));
    }

    #[test]
    fn run_mode_accepts_editor_and_file_spellings() {
        for text in ["run = \"onSave\"", "run = \"on-save\""] {
            assert_eq!(
                Config::parse(text, Path::new("t.toml")).unwrap().run,
                RunMode::OnSave
            );
        }
        assert!(Config::parse("run = \"sometimes\"", Path::new("t.toml")).is_err());
    }

    #[test]
    fn file_globs_include_and_exclude() {
        let c = Config::parse(
            "[files]\ninclude = [\"drafts/**\"]\nexclude = [\"**/old-*\"]",
            Path::new("t.toml"),
        )
        .unwrap();
        let m = c.files.matcher().unwrap();
        assert!(m.accepts(Path::new("drafts/a.md")));
        assert!(!m.accepts(Path::new("drafts/old-a.md")));
        assert!(!m.accepts(Path::new("notes/a.md")));
        assert!(Config::parse("[files]\ninclude = [\"[\"]", Path::new("t.toml")).is_err());
    }

    #[test]
    fn glob_lists_are_size_limited() {
        let many = vec!["*.md"; MAX_GLOBS + 1];
        let text = format!("[files]\nexclude = {many:?}");
        let err = Config::parse(&text, Path::new("t.toml")).unwrap_err();
        assert!(err.to_string().contains("at most 256"), "{err}");
        let long = "a*".repeat(MAX_GLOB_BYTES);
        let text = format!("[files]\ninclude = [\"{long}\"]");
        let err = Config::parse(&text, Path::new("t.toml")).unwrap_err();
        assert!(err.to_string().contains("at most 1024"), "{err}");
        let fine = vec!["drafts/**/*.md"; MAX_GLOBS];
        assert!(
            Config::parse(&format!("[files]\ninclude = {fine:?}"), Path::new("t.toml")).is_ok()
        );
    }

    #[test]
    fn off_disables_a_rule() {
        let c = Config::parse(
            "[rules.loaded-language]\nseverity = \"off\"",
            Path::new("t.toml"),
        )
        .unwrap();
        assert!(!c.rule_enabled("loaded-language"));
    }
}
