//! Command-line surfaces: reading inputs, resolving config, printing results.

pub mod check;
pub mod colour;
pub mod config;
pub mod github;
pub mod output;
pub mod review;
pub mod sarif;
pub mod sources;

use crate::analysis::Format;
use crate::config::Config;
use crate::rules::Severity;
use anyhow::{Context, Result};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Markdown,
    Json,
}

/// What `check` prints: for people, for programs, for code scanning, for GitHub Actions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    Human,
    Json,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
    /// `::warning file=…,line=…,col=…::message` workflow commands (GitHub Actions annotations).
    Github,
}

/// The lowest severity that makes `check` exit 1 (`--fail-on`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Hint,
    /// Findings never fail the run; only errors (exit 2) do.
    #[value(alias = "none")]
    Never,
}

impl FailOn {
    /// Whether a finding of `severity` fails the run.
    pub fn fails(self, severity: Severity) -> bool {
        let threshold = match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
            FailOn::Hint => Severity::Hint,
            FailOn::Never => return false,
        };
        // Severities are ordered from the most severe (error) down.
        severity <= threshold
    }
}

pub struct CheckOptions {
    pub format: CheckFormat,
    pub config: Option<PathBuf>,
    pub stdin_filename: PathBuf,
    pub fail_on: FailOn,
    /// Only the findings: no closing total.
    pub quiet: bool,
    /// Colour the human output.
    pub colour: bool,
}

/// Outcome of a command, mapped to the documented exit codes.
pub enum Outcome {
    Clean,
    /// `check` found something at or above `--fail-on`.
    Findings,
    /// `summary` or `headline` had nothing to print (the reason is on stderr).
    NothingToPrint,
}

/// 0 clean, 1 findings (or nothing to print), 2 usage, I/O or config error
/// (message on stderr).
pub fn exit_code(result: Result<Outcome>) -> ExitCode {
    match result {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Findings | Outcome::NothingToPrint) => ExitCode::from(1),
        Err(e) => {
            eprintln!("truthlens: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// A draft read from disk or standard input.
pub struct Input {
    /// The name to print: the path as given, or the stdin file name.
    pub display: String,
    /// Empty when the draft is over the size limit (`too_large`).
    pub text: String,
    pub format: Format,
    /// The project config (`--config`, the nearest `.truthlens.toml`, or defaults),
    /// resolved before the draft is read, and the file it came from.
    pub project: Config,
    pub project_file: Option<PathBuf>,
    /// Found by walking a directory (so the config's include/exclude globs apply).
    pub walked: bool,
    pub path: Option<PathBuf>,
    /// Over its project's `max-document-bytes`, so not read past the limit: its
    /// size if known (a pipe or a device has none).
    pub too_large: Option<TooLarge>,
}

#[derive(Clone, Copy, Debug)]
pub struct TooLarge {
    pub limit: usize,
    pub bytes: Option<u64>,
}

fn is_draft(path: &Path) -> bool {
    matches!(
        path.extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .as_deref(),
        Some("md" | "markdown" | "txt" | "text")
    )
}

/// A draft named on the command line or found in a folder, not read yet.
pub enum Named {
    Stdin,
    File {
        path: PathBuf,
        walked: bool,
    },
    /// A folder (or file) the walk could not enter, and why: reported, not reviewed.
    Unreadable {
        path: PathBuf,
        reason: String,
    },
}

/// Expand arguments into drafts: `-` is stdin, directories are walked for `.md`/`.txt`
/// files. Nothing is read yet: `check` reads one draft at a time, so a folder of
/// many is never in memory at once.
pub fn list_inputs(paths: &[PathBuf]) -> Result<Vec<Named>> {
    let mut named = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            named.push(Named::Stdin);
        } else if path.is_dir() {
            let walker = walkdir::WalkDir::new(path)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| {
                    let name = e.file_name().to_string_lossy();
                    e.depth() == 0
                        || !(name.starts_with('.') || name == "target" || name == "node_modules")
                });
            for entry in walker {
                // One folder that cannot be read does not stop the walk.
                let entry = match entry {
                    Ok(entry) => entry,
                    Err(e) => {
                        named.push(unreadable(path, &e));
                        continue;
                    }
                };
                if entry.file_type().is_file() && is_draft(entry.path()) {
                    let path = entry.into_path();
                    named.push(Named::File { path, walked: true });
                }
            }
        } else {
            named.push(Named::File {
                path: path.clone(),
                walked: false,
            });
        }
    }
    Ok(named)
}

/// What the walk below `root` could not read, named once with its cause (walkdir's
/// message repeats its I/O error's).
fn unreadable(root: &Path, error: &walkdir::Error) -> Named {
    let path = error.path().unwrap_or(root).to_path_buf();
    let cause = match error.io_error() {
        Some(io) => io.to_string(),
        None => error.to_string(),
    };
    Named::Unreadable {
        reason: format!("cannot read {}: {cause}", path.display()),
        path,
    }
}

impl Named {
    /// Read the draft, but not past its project's `max-document-bytes`: `/dev/zero`
    /// or a multi-gigabyte dump gets a message, not a hang.
    pub fn read(&self, stdin_filename: &Path, explicit_config: Option<&Path>) -> Result<Input> {
        match self {
            Named::Stdin => read_stdin(stdin_filename, explicit_config),
            Named::File { path, walked } => {
                let mut input = read_file(path, explicit_config)?;
                input.walked = *walked;
                Ok(input)
            }
            Named::Unreadable { reason, .. } => Err(anyhow::anyhow!("{reason}")),
        }
    }

    /// The name to print for it.
    pub fn display(&self, stdin_filename: &Path) -> String {
        match self {
            Named::Stdin => stdin_filename.display().to_string(),
            Named::File { path, .. } | Named::Unreadable { path, .. } => path.display().to_string(),
        }
    }
}

fn read_stdin(stdin_filename: &Path, explicit_config: Option<&Path>) -> Result<Input> {
    let dir = std::env::current_dir().unwrap_or_default();
    let (project, project_file) = project_config(explicit_config, &dir)?;
    let limit = project.max_document_bytes();
    let (bytes, too_large) =
        read_limited(std::io::stdin().lock(), None, limit).context("cannot read standard input")?;
    let text = String::from_utf8(bytes)
        .map_err(|_| anyhow::anyhow!("standard input is not valid UTF-8"))?;
    Ok(Input {
        display: stdin_filename.display().to_string(),
        text,
        format: Format::from_path(stdin_filename),
        project,
        project_file,
        walked: false,
        path: None,
        too_large,
    })
}

fn read_file(path: &Path, explicit_config: Option<&Path>) -> Result<Input> {
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let dir = if dir.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        dir
    };
    // Front matter cannot set the limit: the size is checked before the draft is read.
    let (project, project_file) = project_config(explicit_config, &dir)?;
    let limit = project.max_document_bytes();
    let cannot_read = || format!("cannot read {}", path.display());
    let file = std::fs::File::open(path).with_context(cannot_read)?;
    // A regular file's size is known; a pipe's or a device's is not.
    let size = file
        .metadata()
        .ok()
        .filter(|m| m.is_file())
        .map(|m| m.len());
    let (bytes, too_large) = read_limited(file, size, limit).with_context(cannot_read)?;
    let text = String::from_utf8(bytes)
        .map_err(|_| anyhow::anyhow!("{} is not valid UTF-8", path.display()))?;
    Ok(Input {
        display: path.display().to_string(),
        text,
        format: Format::from_path(path),
        project,
        project_file,
        walked: false,
        path: Some(path.to_path_buf()),
        too_large,
    })
}

/// The bytes of `reader`, or, past `limit` bytes, none and how large it is.
fn read_limited(
    reader: impl Read,
    size: Option<u64>,
    limit: usize,
) -> std::io::Result<(Vec<u8>, Option<TooLarge>)> {
    let too_large = |bytes| Ok((Vec::new(), Some(TooLarge { limit, bytes })));
    if size.is_some_and(|n| n > limit as u64) {
        return too_large(size);
    }
    let mut bytes = Vec::with_capacity(size.map_or(0, |n| n as usize));
    reader.take(limit as u64 + 1).read_to_end(&mut bytes)?;
    if bytes.len() > limit {
        return too_large(None);
    }
    Ok((bytes, None))
}

/// The explicit `--config`, or the nearest `.truthlens.toml` above `dir`, or
/// defaults; and the file it came from, if any.
fn project_config(explicit: Option<&Path>, dir: &Path) -> Result<(Config, Option<PathBuf>)> {
    if let Some(path) = explicit {
        return Ok((Config::load(path)?, Some(path.to_path_buf())));
    }
    let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    match Config::discover(&dir) {
        Some(path) => Ok((Config::load(&path)?, Some(path))),
        None => Ok((Config::default(), None)),
    }
}

/// The config for one draft: its project config with the draft's own front
/// matter settings on top. Invalid front matter settings are an error, like an
/// invalid config file.
fn with_front_matter(config: Config, input: &Input) -> Result<Config> {
    match crate::config::front_matter::apply(&input.text, input.format, &config) {
        Ok(Some(merged)) => Ok(merged),
        Ok(None) => Ok(config),
        Err(e) => Err(anyhow::anyhow!("{}: {e}", input.display)),
    }
}

/// The config for an input, or None when its `[files]` globs exclude a walked file.
pub fn config_if_included(input: &Input) -> Result<Option<Config>> {
    let config = input.project.clone();
    let (Some(origin), Some(path), true) = (&input.project_file, &input.path, input.walked) else {
        return with_front_matter(config, input).map(Some);
    };
    let base = std::fs::canonicalize(origin.parent().unwrap_or(Path::new("."))).unwrap_or_default();
    let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
    let relative = absolute.strip_prefix(&base).unwrap_or(&absolute);
    let matcher = config
        .files
        .matcher()
        .map_err(|e| anyhow::anyhow!("invalid config {}: {e}", origin.display()))?;
    if !matcher.accepts(relative) {
        return Ok(None);
    }
    with_front_matter(config, input).map(Some)
}

/// Read one draft and its config (explicit, discovered, or default).
pub fn read_one(path: &Path, explicit_config: Option<&Path>) -> Result<(Input, Config)> {
    if path.is_dir() {
        anyhow::bail!(
            "{} is a folder; this command reviews one draft: name a file",
            path.display()
        );
    }
    let input = list_inputs(&[path.to_path_buf()])?
        .first()
        .ok_or_else(|| anyhow::anyhow!("{} holds no Markdown or text drafts", path.display()))?
        .read(Path::new("stdin.md"), explicit_config)?;
    let config = with_front_matter(input.project.clone(), &input)?;
    if let Some(reason) = over_size_limit(&input) {
        anyhow::bail!(reason);
    }
    Ok((input, config))
}

/// Why `input` is not reviewed: it is larger than its project's `max-document-bytes`.
/// The CLI keeps the server's limit: a file that size is a dump, not a draft, and its
/// analysis would take memory in proportion (about 14 times the text).
pub fn over_size_limit(input: &Input) -> Option<String> {
    let TooLarge { limit, bytes } = input.too_large?;
    let size = match bytes {
        Some(n) => format!("{n} bytes"),
        None => format!("more than {limit} bytes"),
    };
    Some(format!(
        "{} was not reviewed: it is {size}, over the limit of {limit} \
         (`max-document-bytes` in .truthlens.toml)",
        input.display
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fail_on_takes_its_severity_and_every_more_severe_one() {
        use Severity::*;
        let failing = |fail_on: FailOn| {
            [Error, Warning, Info, Hint]
                .into_iter()
                .filter(|s| fail_on.fails(*s))
                .collect::<Vec<_>>()
        };
        assert_eq!(failing(FailOn::Error), [Error]);
        assert_eq!(failing(FailOn::Warning), [Error, Warning]);
        assert_eq!(failing(FailOn::Info), [Error, Warning, Info]);
        assert_eq!(failing(FailOn::Hint), [Error, Warning, Info, Hint]);
        assert_eq!(failing(FailOn::Never), []);
    }
}
