//! Where generated blocks (summary, headline, report) go in a draft, as exact edits.
//! Pure: the server turns these edits into LSP workspace edits.

use crate::analysis::Format;
use crate::config::Config;
use crate::rules::Edit;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InsertKind {
    Summary,
    Headline,
    Report,
}

/// The edit that inserts (or, on a rerun, replaces) the generated block of `kind`.
pub fn plan(_text: &str, _format: Format, _kind: InsertKind, _config: &Config) -> Option<Edit> {
    None
}
