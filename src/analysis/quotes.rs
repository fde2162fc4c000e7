//! Direct-quote spans: words inside them belong to the speaker, not the writer.

use super::prose::ProseMap;
use super::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteKind {
    /// "..." or “...”
    Double,
    /// '...' or ‘...’ (nested inside a double quote)
    Single,
    /// A Markdown blockquote (`>`), when configured to count as a quote.
    Blockquote,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuoteSpan {
    /// Including the quotation marks.
    pub span: Span,
    /// The quoted words only.
    pub inner: Span,
    pub kind: QuoteKind,
    /// A paragraph that opens a quote without closing it (multi-paragraph quote).
    pub open_ended: bool,
}

#[derive(Clone, Debug, Default)]
pub struct Quotes {
    /// Sorted by start offset.
    pub spans: Vec<QuoteSpan>,
}

impl Quotes {
    /// True when `span` lies inside some direct quote.
    pub fn covers(&self, span: Span) -> bool {
        self.spans.iter().any(|q| q.span.contains(span))
    }
}

/// Find direct quotes. Placeholder: straight and curly double quotes within a block.
pub fn find(prose: &ProseMap) -> Quotes {
    let mut spans = Vec::new();
    for block in &prose.blocks {
        let text = &prose.masked[block.span.start..block.span.end];
        let mut open: Option<usize> = None;
        for (i, c) in text.char_indices() {
            let abs = block.span.start + i;
            match (c, open) {
                ('"' | '“', None) => open = Some(abs),
                ('"' | '”', Some(o)) => {
                    let close = abs + c.len_utf8();
                    spans.push(QuoteSpan {
                        span: Span::new(o, close),
                        inner: Span::new(o + 1, abs),
                        kind: QuoteKind::Double,
                        open_ended: false,
                    });
                    open = None;
                }
                _ => {}
            }
        }
    }
    Quotes { spans }
}
