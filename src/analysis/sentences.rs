//! Sentence boundaries inside each prose block.

use super::prose::ProseMap;
use super::Span;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Trimmed extent in the original text.
    pub span: Span,
    /// Index of the block in `ProseMap::blocks`.
    pub block: usize,
}

/// Split every block into sentences. Placeholder: splits after `.`, `!`, `?` followed by space.
pub fn split(prose: &ProseMap) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (bi, block) in prose.blocks.iter().enumerate() {
        let text = &prose.masked[block.span.start..block.span.end];
        let mut start = 0;
        let bytes = text.as_bytes();
        for i in 0..bytes.len() {
            let end_mark = matches!(bytes[i], b'.' | b'!' | b'?');
            let next_space = bytes.get(i + 1).map_or(true, |b| b.is_ascii_whitespace());
            if end_mark && next_space {
                push(&mut out, text, block.span.start, start, i + 1, bi);
                start = i + 1;
            }
        }
        push(&mut out, text, block.span.start, start, text.len(), bi);
    }
    out
}

fn push(out: &mut Vec<Sentence>, text: &str, base: usize, start: usize, end: usize, block: usize) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        let s = base + start + lead;
        out.push(Sentence {
            span: Span::new(s, s + trimmed.len()),
            block,
        });
    }
}
