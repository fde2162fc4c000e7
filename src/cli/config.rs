//! `truthlens config [--config FILE] [PATH]` (`--print` is optional): the configuration that
//! applies to PATH (a draft or a folder), merged from the defaults, the project
//! file and the draft's front matter, with where each value came from.

use super::Outcome;
use super::{over_size_limit, Named};
use crate::analysis::Format;
use crate::config::layers::{self, Origin};
use crate::config::{front_matter, print, Config};
use anyhow::Result;
use std::io::Write;
use std::path::Path;

pub fn print(path: &Path, explicit: Option<&Path>) -> Result<Outcome> {
    let draft = path.is_file();
    let dir = match (draft, path.parent()) {
        (true, Some(parent)) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        (true, _) => Path::new(".").to_path_buf(),
        (false, _) => path.to_path_buf(),
    };
    let mut layers_given = Vec::new();
    let file = match explicit {
        Some(file) => Some(file.to_path_buf()),
        None => Config::discover(&std::fs::canonicalize(&dir).unwrap_or(dir)),
    };
    if let Some(file) = file {
        let text = crate::config::read_text(&file)?;
        // Parsing first reports an invalid file with its line and column.
        Config::parse(&text, &file)?;
        let table: toml::Table = toml::from_str(&text)?;
        layers_given.push((Origin::File(file), serde_json::to_value(table)?));
    }
    if draft {
        let text = draft_text(path, explicit)?;
        let settings = front_matter::settings(&text, Format::from_path(path))
            .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        if let Some(settings) = settings {
            layers_given.push((Origin::FrontMatter(path.to_path_buf()), settings.value));
        }
    }
    let layered = layers::resolve(&layers_given).map_err(|e| anyhow::anyhow!(e))?;
    write!(std::io::stdout().lock(), "{}", print::render(&layered))?;
    Ok(Outcome::Clean)
}

/// The draft's text, read as `check` reads it: no further than its project's
/// `max-document-bytes`, so a huge file costs a message, not the memory it would fill.
fn draft_text(path: &Path, explicit: Option<&Path>) -> Result<String> {
    let named = Named::File {
        path: path.to_path_buf(),
        walked: false,
    };
    let input = named.read(Path::new("stdin.md"), explicit)?;
    if let Some(reason) = over_size_limit(&input) {
        anyhow::bail!(reason);
    }
    Ok(input.text)
}
