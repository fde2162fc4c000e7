//! The pure analysis: text in, plain data out. No LSP types, no I/O.
//!
//! Data flows one way: text -> prose map -> sentences and quotes -> attributions.
//! Rules (in `crate::rules`) consume the result; they never re-parse.

pub mod attribution;
pub mod char_table;
pub mod chunks;
pub mod directives;
pub mod prose;
pub mod quotes;
pub mod sentences;
pub mod syntax;
pub mod tagging;
pub mod tokens;
pub mod words;

use serde::Serialize;

/// A half-open byte range into the original text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        &source[self.start..self.end]
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(r: std::ops::Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

/// How the draft is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    Markdown,
    PlainText,
}

impl Format {
    /// `.md` and `.markdown` are Markdown; anything else is plain text.
    pub fn from_path(path: &std::path::Path) -> Format {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
        {
            Some(ext) if ext == "md" || ext == "markdown" => Format::Markdown,
            _ => Format::PlainText,
        }
    }

    /// The LSP `languageId` decides when the editor knows better than the file name.
    pub fn from_language_id(id: &str) -> Format {
        match id {
            "markdown" | "md" => Format::Markdown,
            _ => Format::PlainText,
        }
    }
}
