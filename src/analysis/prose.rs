//! Markdown or plain text -> a prose map: which bytes are the writer's prose.
//!
//! The map keeps a masked copy of the text with the same byte length, in which
//! every non-prose byte (code, HTML, URLs, link destinations, front matter,
//! Markdown syntax) is an ASCII space and line breaks are kept. Later stages
//! search the masked copy, so every offset they find is an offset into the
//! original text.

use super::{Format, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Heading { level: u8 },
    ListItem,
    TableCell,
}

/// One unit of prose: sentences never cross a block boundary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// The block's extent in the original text.
    pub span: Span,
    /// Inside a Markdown blockquote (`>`).
    pub in_blockquote: bool,
}

#[derive(Clone, Debug, Default)]
pub struct ProseMap {
    /// Same length as the source; non-prose bytes replaced by spaces, newlines kept.
    pub masked: String,
    pub blocks: Vec<Block>,
    /// YAML (`---`) or TOML (`+++`) front matter, if any.
    pub front_matter: Option<Span>,
    /// HTML comments (where directives live).
    pub comments: Vec<Span>,
    /// The title: the first H1 in Markdown, the first line in plain text.
    pub title: Option<Span>,
}

/// Build the prose map. Placeholder: treats blank-line separated paragraphs as blocks.
pub fn map(text: &str, _format: Format) -> ProseMap {
    let mut blocks = Vec::new();
    let mut start = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        match (blank, start) {
            (false, None) => start = Some(offset),
            (true, Some(s)) => {
                blocks.push(Block {
                    kind: BlockKind::Paragraph,
                    span: Span::new(s, offset),
                    in_blockquote: false,
                });
                start = None;
            }
            _ => {}
        }
        offset += line.len();
    }
    if let Some(s) = start {
        blocks.push(Block {
            kind: BlockKind::Paragraph,
            span: Span::new(s, offset),
            in_blockquote: false,
        });
    }
    ProseMap {
        masked: text.to_string(),
        blocks,
        ..Default::default()
    }
}
