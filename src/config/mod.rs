//! `.truthlens.toml`: one schema for the CLI, the server and front matter.
//!
//! Unknown keys, wrong types and bad values are errors that say where they are,
//! so a typo never silently does nothing.
//!
//! - `layers`: defaults, the project file, editor settings and front matter merged
//!   into one `Config`, remembering where each value came from;
//! - `front_matter`: the `truthlens` settings in a Markdown draft's front matter;
//! - `locate`: a key path -> its place in a TOML text, for error positions;
//! - `print`: the merged configuration as annotated TOML (`config --print`).

pub mod front_matter;
pub mod layers;
pub mod locate;
pub mod print;

use crate::lexicon::loaded::{Category, Pos};
use crate::rules::Severity;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = ".truthlens.toml";

#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Per-rule settings, keyed by rule id.
    pub rules: BTreeMap<String, RuleSettings>,
    pub quotes: QuoteSettings,
    pub single_source: SingleSourceSettings,
    pub summary: SummarySettings,
    /// Terms the project accepts; never flagged, by any rule.
    pub allowlist: Vec<String>,
    /// When the server reviews: as you type, or on save.
    pub run: RunMode,
    /// Which files `check` reviews when it walks a directory.
    pub files: FileSettings,
    /// Extra loaded-language entries, on top of the shipped lexicon.
    pub lexicon: Vec<LexiconEntry>,
    /// The server reviews documents up to this size (see `max_document_bytes`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_document_bytes: Option<usize>,
}

/// The default `max-document-bytes`: larger drafts are not articles but dumps.
pub const DEFAULT_MAX_DOCUMENT_BYTES: usize = 10 * 1024 * 1024;

/// Limits on `[files]` globs; real projects use a handful of short ones.
const MAX_GLOBS: usize = 256;
const MAX_GLOB_BYTES: usize = 1024;

/// Limit on `[[lexicon]]` entries: a project adds a few dozen words, and every
/// config load (each open in the server) builds a lexicon from them.
pub const MAX_LEXICON_ENTRIES: usize = 5_000;

/// Limit on a config file's size: one is a few lines long, and it is read whole
/// before it is parsed (`--config /dev/zero` must end, not fill the memory).
pub const MAX_CONFIG_BYTES: usize = 1024 * 1024;

#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
pub enum RunMode {
    #[default]
    #[serde(rename = "on-type", alias = "onType")]
    OnType,
    #[serde(rename = "on-save", alias = "onSave")]
    OnSave,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
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
        Ok(FileMatcher {
            include: glob_set(&self.include)?,
            exclude: glob_set(&self.exclude)?,
        })
    }
}

fn glob_set(globs: &[String]) -> Result<Option<globset::GlobSet>, String> {
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
}

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

#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleSettings {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub severity: Option<SeverityName>,
    /// Severity per category, e.g. `intensifier = "hint"`.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub categories: BTreeMap<String, SeverityName>,
}

/// A severity as written in config: "off" disables.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
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
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
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

#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
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

#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
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

#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
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

/// One `[[lexicon]]` entry: a project's own loaded word or phrase. It takes the
/// same keys as the shipped lexicon files (see `src/lexicon/loaded/README.md`);
/// what it leaves out comes from its category's shipped defaults.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LexiconEntry {
    pub term: String,
    pub category: Category,
    #[serde(default)]
    pub alternatives: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
    /// 0 < weight <= 1; decides the default severity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
    /// `noun` or `verb`: other forms are matched and alternatives inflected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pos: Option<Pos>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub forms: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    // The cause is part of the message, not a chained source, so that `{:#}` does
    // not print it twice.
    #[error("cannot read {}: {}", path.display(), describe_io(cause))]
    Read {
        path: PathBuf,
        cause: std::io::Error,
    },
    #[error(
        "{} was not read: it is larger than the limit of {MAX_CONFIG_BYTES} bytes for a config file",
        path.display()
    )]
    TooLarge { path: PathBuf },
    #[error("invalid config {}: {message}", place(path, *line_col))]
    Invalid {
        path: PathBuf,
        message: String,
        /// Byte range of the offending key or value in the config text, when known.
        span: Option<Range<usize>>,
        /// 1-based line and column of `span.start`.
        line_col: Option<(usize, usize)>,
    },
}

/// An I/O error in words, with what "invalid data" means for a config file.
pub fn describe_io(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::InvalidData => "it is not valid UTF-8 text".to_string(),
        _ => error.to_string(),
    }
}

/// A config file's text, read no further than `MAX_CONFIG_BYTES`.
pub fn read_text(path: &Path) -> Result<String, ConfigError> {
    use std::io::Read;
    let read_error = |cause| ConfigError::Read {
        path: path.to_path_buf(),
        cause,
    };
    let file = std::fs::File::open(path).map_err(read_error)?;
    let mut bytes = Vec::new();
    file.take(MAX_CONFIG_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(read_error)?;
    if bytes.len() > MAX_CONFIG_BYTES {
        return Err(ConfigError::TooLarge {
            path: path.to_path_buf(),
        });
    }
    String::from_utf8(bytes)
        .map_err(|e| read_error(std::io::Error::new(std::io::ErrorKind::InvalidData, e)))
}

fn place(path: &Path, line_col: Option<(usize, usize)>) -> String {
    match line_col {
        Some((line, column)) => format!("{}:{line}:{column}", path.display()),
        None => path.display().to_string(),
    }
}

impl ConfigError {
    /// The message alone, without the file name (for a diagnostic in that file).
    pub fn message(&self) -> String {
        match self {
            ConfigError::Read { cause, .. } => describe_io(cause),
            ConfigError::TooLarge { .. } => self.to_string(),
            ConfigError::Invalid { message, .. } => message.clone(),
        }
    }

    pub fn span(&self) -> Option<Range<usize>> {
        match self {
            ConfigError::Invalid { span, .. } => span.clone(),
            ConfigError::Read { .. } | ConfigError::TooLarge { .. } => None,
        }
    }

    fn invalid(origin: &Path, message: String, span: Option<Range<usize>>, text: &str) -> Self {
        let line_col = span.as_ref().map(|s| line_col(text, s.start));
        ConfigError::Invalid {
            path: origin.to_path_buf(),
            message,
            span,
            line_col,
        }
    }
}

/// Serde's messages in a writer's words: "expected usize" says nothing to them.
fn plain_types(message: &str) -> String {
    const WORDS: &[(&str, &str)] = &[
        ("usize", "a whole number (0 or more)"),
        ("u64", "a whole number (0 or more)"),
        ("u32", "a whole number (0 or more)"),
        ("u16", "a whole number (0 or more)"),
        ("u8", "a whole number (0 or more)"),
        ("isize", "a whole number"),
        ("i64", "a whole number"),
        ("i32", "a whole number"),
        ("f64", "a number"),
        ("f32", "a number"),
    ];
    let mut out = message.to_string();
    for (rust, words) in WORDS {
        let needle = format!("expected {rust}");
        let mut from = 0;
        while let Some(at) = out[from..].find(&needle).map(|i| i + from) {
            let end = at + needle.len();
            // Whole words only: `u8` must not match the start of `u8x`.
            if out[end..].starts_with(|c: char| c.is_ascii_alphanumeric()) {
                from = end;
                continue;
            }
            out.replace_range(at..end, &format!("expected {words}"));
            from = at;
        }
    }
    out
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[start..offset].chars().count() + 1)
}

/// A semantic problem found after parsing: where (a key path) and what.
#[derive(Debug, PartialEq)]
pub struct Problem {
    pub path: Vec<String>,
    pub message: String,
}

impl Problem {
    fn at(path: &[&str], message: String) -> Problem {
        Problem {
            path: path.iter().map(|s| s.to_string()).collect(),
            message,
        }
    }
}

impl Config {
    /// Parse config text; `origin` names it in error messages. Errors carry the
    /// byte range of the offending key or value.
    pub fn parse(text: &str, origin: &Path) -> Result<Config, ConfigError> {
        let config: Config = toml::from_str(text).map_err(|e| {
            ConfigError::invalid(origin, plain_types(e.message().trim()), e.span(), text)
        })?;
        config.validate().map_err(|p| {
            let span = locate::key_span(text, &p.path);
            ConfigError::invalid(origin, p.message, span, text)
        })?;
        Ok(config)
    }

    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        Config::parse(&read_text(path)?, path)
    }

    /// Build a config from JSON (editor settings, merged layers) with the same
    /// checks as a `.truthlens.toml`; `origin` names the source in messages.
    pub fn from_json(value: serde_json::Value, origin: &str) -> Result<Config, String> {
        let config: Config = serde_json::from_value(value)
            .map_err(|e| format!("invalid {origin}: {}", plain_types(&e.to_string())))?;
        config
            .validate()
            .map_err(|p| format!("invalid {origin}: {}: {}", p.path.join("."), p.message))?;
        Ok(config)
    }

    /// This config as JSON, every key present (the base layer for overlays).
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).expect("a config always serialises")
    }

    /// The checks serde cannot make: known rule and category ids, ranges, globs.
    pub fn validate(&self) -> Result<(), Problem> {
        for (id, settings) in &self.rules {
            let Some(rule) = crate::rules::find_rule(id) else {
                let known: Vec<_> = crate::rules::REGISTRY.iter().map(|r| r.id).collect();
                return Err(Problem::at(
                    &["rules", id],
                    format!("unknown rule `{id}` (known: {})", known.join(", ")),
                ));
            };
            if rule.id == crate::rules::loaded_language::ID {
                let known: Vec<&str> = Category::REPORTED.iter().map(|c| c.id()).collect();
                if let Some(bad) = settings
                    .categories
                    .keys()
                    .find(|c| !known.contains(&c.as_str()))
                {
                    return Err(Problem::at(
                        &["rules", id, "categories", bad],
                        format!(
                            "unknown {id} category `{bad}` (known: {})",
                            known.join(", ")
                        ),
                    ));
                }
            }
        }
        for (key, globs) in [
            ("include", &self.files.include),
            ("exclude", &self.files.exclude),
        ] {
            glob_set(globs).map_err(|e| Problem::at(&["files", key], e))?;
        }
        let share = self.single_source.dominant_share;
        if !(share > 0.0 && share <= 1.0) {
            return Err(Problem::at(
                &["single-source", "dominant-share"],
                format!("single-source.dominant-share must be in (0, 1], got {share}"),
            ));
        }
        if self.single_source.min_statements == 0 {
            return Err(Problem::at(
                &["single-source", "min-statements"],
                "single-source.min-statements must be at least 1".to_string(),
            ));
        }
        if self.summary.sentences == 0 {
            return Err(Problem::at(
                &["summary", "sentences"],
                "summary.sentences must be at least 1".to_string(),
            ));
        }
        if let Some(i) = self.allowlist.iter().position(|t| t.trim().is_empty()) {
            return Err(Problem {
                path: vec!["allowlist".into(), i.to_string()],
                message: "allowlist terms cannot be empty".to_string(),
            });
        }
        if self.lexicon.len() > MAX_LEXICON_ENTRIES {
            return Err(Problem::at(
                &["lexicon"],
                format!(
                    "{} [[lexicon]] entries; at most {MAX_LEXICON_ENTRIES}",
                    self.lexicon.len()
                ),
            ));
        }
        crate::lexicon::loaded::check_extra_entries(&self.lexicon).map_err(|(i, field, e)| {
            Problem {
                path: vec!["lexicon".into(), i.to_string(), field.to_string()],
                message: format!("lexicon entry {}: {e}", i + 1),
            }
        })?;
        Ok(())
    }

    /// Documents larger than this (in bytes) get a notice instead of a review.
    pub fn max_document_bytes(&self) -> usize {
        self.max_document_bytes
            .unwrap_or(DEFAULT_MAX_DOCUMENT_BYTES)
    }

    /// Walk up from `dir` to find the nearest `.truthlens.toml` (see `search_dirs`).
    pub fn discover(dir: &Path) -> Option<PathBuf> {
        search_dirs(dir)
            .map(|d| d.join(FILE_NAME))
            .find(|p| p.is_file())
    }

    /// Whether a rule runs: its `enabled` setting, else its default (some rules
    /// are opt-in, see `rules::OFF_BY_DEFAULT`); a severity of "off" always wins.
    pub fn rule_enabled(&self, rule: &str) -> bool {
        let default = crate::rules::on_by_default(rule);
        match self.rules.get(rule) {
            Some(s) => s.enabled.unwrap_or(default) && s.severity != Some(SeverityName::Off),
            None => default,
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
        let term = term.trim();
        self.allowlist
            .iter()
            .any(|a| a.trim().to_lowercase() == term.to_lowercase())
    }
}

/// The folders searched for `.truthlens.toml`, nearest first: `dir` and its parents,
/// up to the repository root (the folder holding `.git`) or the user's home folder,
/// whichever comes first. A folder that other users may write to (`/tmp`) is never
/// searched, nor anything above it: a file planted there could silence the rules
/// for every draft below.
pub fn search_dirs(dir: &Path) -> impl Iterator<Item = &Path> {
    let home = std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(PathBuf::from);
    let mut done = false;
    dir.ancestors().map_while(move |d| {
        if done || writable_by_others(d) {
            return None;
        }
        done = d.join(".git").exists() || home.as_deref() == Some(d);
        Some(d)
    })
}

/// Whether users other than the owner may create files in `dir`.
#[cfg(not(unix))]
fn writable_by_others(_dir: &Path) -> bool {
    false
}

/// Whether users other than the owner may create files in `dir`.
#[cfg(unix)]
fn writable_by_others(dir: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(dir).is_ok_and(|m| m.mode() & 0o002 != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_errors_use_plain_words() {
        let err = Config::parse(
            "[single-source]\nmin-statements = -1\n",
            Path::new("t.toml"),
        )
        .unwrap_err()
        .message();
        assert!(!err.contains("usize"), "{err}");
        assert!(err.contains("expected a whole number (0 or more)"), "{err}");
        assert_eq!(
            plain_types("expected f64, or expected u8x"),
            "expected a number, or expected u8x"
        );
    }

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
    fn errors_say_where_they_are() {
        let text = "allowlist = [\"regime\"]\n\n[quotes]\npolicy = \"shout\"\n";
        let err = Config::parse(text, Path::new("p/.truthlens.toml")).unwrap_err();
        let shown = err.to_string();
        assert!(
            shown.starts_with("invalid config p/.truthlens.toml:4:10: "),
            "{shown}"
        );
        assert!(shown.contains("shout"), "{shown}");
        assert_eq!(&text[err.span().unwrap()], "\"shout\"");

        let text =
            "[rules.loaded-language]\nseverity = \"hint\"\n\n[rules.nope]\nenabled = false\n";
        let err = Config::parse(text, Path::new("t.toml")).unwrap_err();
        assert!(err.message().contains("unknown rule `nope`"), "{err}");
        assert_eq!(&text[err.span().unwrap()], "nope");

        let text = "[single-source]\ndominant-share = 1.5\n";
        let err = Config::parse(text, Path::new("t.toml")).unwrap_err();
        assert_eq!(&text[err.span().unwrap()], "dominant-share");

        let text = "[rules.loaded-language]\ncategories = { intensifer = \"off\" }\n";
        let err = Config::parse(text, Path::new("t.toml")).unwrap_err();
        assert!(
            err.message()
                .contains("unknown loaded-language category `intensifer`"),
            "{err}"
        );
        assert_eq!(&text[err.span().unwrap()], "intensifer");

        let err = Config::parse("run = 3", Path::new("t.toml")).unwrap_err();
        assert!(err.to_string().contains("t.toml:1:7"), "{err}");
    }

    #[test]
    fn lexicon_entries_are_checked() {
        let ok = Config::parse(
            "[[lexicon]]\nterm = \"jackboot\"\ncategory = \"pejorative-label\"\nalternatives = [\"police officer\"]\nweight = 0.8\n",
            Path::new("t.toml"),
        )
        .unwrap();
        assert_eq!(ok.lexicon[0].term, "jackboot");
        let text = "[[lexicon]]\nterm = \"x\"\ncategory = \"puffery\"\n\n[[lexicon]]\nterm = \"y\"\ncategory = \"puffery\"\nweight = 3\n";
        let err = Config::parse(text, Path::new("t.toml")).unwrap_err();
        assert!(
            err.message().contains("lexicon entry 2") && err.message().contains("weight"),
            "{err}"
        );
        assert_eq!(&text[err.span().unwrap()], "weight");
        let err = Config::parse(
            "[[lexicon]]\nterm = \"x\"\ncategory = \"rude\"\n",
            Path::new("t.toml"),
        )
        .unwrap_err();
        assert!(err.message().contains("rude"), "{err}");
    }

    #[test]
    fn json_round_trip_keeps_every_value() {
        let c = Config::parse(
            "allowlist = [\"a\"]\nrun = \"onSave\"\n[rules.loaded-language]\ncategories = { intensifier = \"hint\" }\n",
            Path::new("t.toml"),
        )
        .unwrap();
        assert_eq!(Config::from_json(c.to_json(), "test").unwrap(), c);
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
