//! Word tokens over the masked prose: the shared unit that lexicons match against.

use super::Span;

/// A word: a run of letters, digits, apostrophes or inner hyphens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word {
    pub span: Span,
}

/// Tokenise `text` (usually the masked prose) into words with absolute offsets.
pub fn words(text: &str, base: usize) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let inner_joiner = matches!(c, '\'' | '’' | '-')
            && start.is_some()
            && chars.peek().is_some_and(|(_, n)| n.is_alphanumeric());
        if c.is_alphanumeric() || inner_joiner {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push(Word {
                span: Span::new(base + s, base + i),
            });
        }
    }
    if let Some(s) = start {
        out.push(Word {
            span: Span::new(base + s, base + text.len()),
        });
    }
    out
}
