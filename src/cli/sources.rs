//! `truthlens sources`: every attribution and the per-source table.

use super::{Outcome, OutputFormat};
use anyhow::Result;
use std::path::Path;

pub fn run(_path: &Path, _format: OutputFormat, _config: Option<&Path>) -> Result<Outcome> {
    anyhow::bail!("`sources` is not built yet")
}
