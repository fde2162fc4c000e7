//! The edits behind the generic quick fixes: silence a finding in the draft, for
//! the whole draft, or for the project. Plain byte edits and texts, no LSP types;
//! `crate::lsp::actions` turns them into code actions.
//!
//! - `directive`: insert `truthlens-ignore` / `truthlens-disable` directives;
//! - `allowlist`: add a term to a `.truthlens.toml`, keeping the rest of the file.

pub mod allowlist;
pub mod directive;

/// The line break a draft uses: CRLF when it has any, else LF.
pub fn line_break(text: &str) -> &'static str {
    if text.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    }
}

/// A finding's text as a quoted term in a directive or an allowlist: short,
/// on one line, and free of characters the directive syntax cannot hold.
pub fn quotable_term(text: &str) -> Option<&str> {
    let text = text.trim();
    let ok = !text.is_empty()
        && text.chars().count() <= 60
        && !text.contains(['"', '\n', '\r'])
        && !text.contains("--");
    ok.then_some(text)
}
