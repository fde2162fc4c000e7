//! Command-line surfaces: reading inputs, resolving config, printing results.

pub mod check;
pub mod config;
pub mod output;
pub mod review;
pub mod sources;

use crate::analysis::Format;
use crate::config::Config;
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

pub struct CheckOptions {
    pub format: OutputFormat,
    pub config: Option<PathBuf>,
    pub stdin_filename: PathBuf,
}

/// Outcome of a command, mapped to the documented exit codes.
pub enum Outcome {
    Clean,
    Findings,
}

/// 0 clean, 1 findings, 2 usage, I/O or config error (message on stderr).
pub fn exit_code(result: Result<Outcome>) -> ExitCode {
    match result {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
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
    pub text: String,
    pub format: Format,
    /// Where to start looking for `.truthlens.toml`.
    pub config_dir: PathBuf,
    /// Found by walking a directory (so the config's include/exclude globs apply).
    pub walked: bool,
    pub path: Option<PathBuf>,
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

/// Expand arguments into drafts: `-` is stdin, directories are walked for `.md`/`.txt` files.
pub fn read_inputs(paths: &[PathBuf], stdin_filename: &Path) -> Result<Vec<Input>> {
    let mut inputs = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .context("cannot read standard input")?;
            inputs.push(Input {
                display: stdin_filename.display().to_string(),
                text,
                format: Format::from_path(stdin_filename),
                config_dir: std::env::current_dir().unwrap_or_default(),
                walked: false,
                path: None,
            });
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
                let entry = entry.with_context(|| format!("cannot walk {}", path.display()))?;
                if entry.file_type().is_file() && is_draft(entry.path()) {
                    let mut input = read_file(entry.path())?;
                    input.walked = true;
                    inputs.push(input);
                }
            }
        } else {
            inputs.push(read_file(path)?);
        }
    }
    Ok(inputs)
}

fn read_file(path: &Path) -> Result<Input> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| anyhow::anyhow!("{} is not valid UTF-8", path.display()))?;
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let config_dir = if dir.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        dir
    };
    Ok(Input {
        display: path.display().to_string(),
        text,
        format: Format::from_path(path),
        config_dir,
        walked: false,
        path: Some(path.to_path_buf()),
    })
}

/// The explicit `--config`, or the nearest `.truthlens.toml` above the input, or defaults.
pub fn resolve_config(explicit: Option<&Path>, input: &Input) -> Result<Config> {
    Ok(resolve_config_file(explicit, input)?.0)
}

/// The config and the file it came from, if any.
fn resolve_config_file(
    explicit: Option<&Path>,
    input: &Input,
) -> Result<(Config, Option<PathBuf>)> {
    if let Some(path) = explicit {
        return Ok((Config::load(path)?, Some(path.to_path_buf())));
    }
    let dir = std::fs::canonicalize(&input.config_dir).unwrap_or_else(|_| input.config_dir.clone());
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
pub fn config_if_included(explicit: Option<&Path>, input: &Input) -> Result<Option<Config>> {
    let (config, origin) = resolve_config_file(explicit, input)?;
    let (Some(origin), Some(path), true) = (origin, input.path.as_ref(), input.walked) else {
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
    let input = read_inputs(&[path.to_path_buf()], Path::new("stdin.md"))?
        .into_iter()
        .next()
        .ok_or_else(|| anyhow::anyhow!("{} holds no Markdown or text drafts", path.display()))?;
    let config = with_front_matter(resolve_config(explicit_config, &input)?, &input)?;
    Ok((input, config))
}
