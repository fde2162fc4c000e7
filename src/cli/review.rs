//! `truthlens summary`, `headline` and `report`.

use super::{Outcome, ReportFormat};
use anyhow::Result;
use std::path::Path;

pub fn summary(_path: &Path, _config: Option<&Path>) -> Result<Outcome> {
    anyhow::bail!("`summary` is not built yet")
}

pub fn headline(_path: &Path, _config: Option<&Path>) -> Result<Outcome> {
    anyhow::bail!("`headline` is not built yet")
}

pub fn report(_path: &Path, _format: ReportFormat, _config: Option<&Path>) -> Result<Outcome> {
    anyhow::bail!("`report` is not built yet")
}
