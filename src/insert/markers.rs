//! The markers around generated blocks, and finding the blocks already in a draft.
//!
//! Markdown uses HTML comments, which readers never see; plain text uses bracketed
//! marker lines. A marker counts only on a line of its own (outside code fences),
//! so prose or documentation that mentions a marker is never mistaken for one.

use super::lines::Line;
use super::InsertKind;
use crate::analysis::{Format, Span};

impl InsertKind {
    pub const ALL: [InsertKind; 3] = [
        InsertKind::Summary,
        InsertKind::Headline,
        InsertKind::Report,
    ];

    /// The marker name: `summary`, `headline`, `report`.
    pub fn name(self) -> &'static str {
        match self {
            InsertKind::Summary => "summary",
            InsertKind::Headline => "headline",
            InsertKind::Report => "report",
        }
    }
}

/// The opening marker line of a block, e.g. `<!-- truthlens:summary -->`.
pub fn open(kind: InsertKind, format: Format) -> String {
    match format {
        Format::Markdown => format!("<!-- truthlens:{} -->", kind.name()),
        Format::PlainText => format!("[truthlens:{}]", kind.name()),
    }
}

/// The closing marker line of a block, e.g. `<!-- /truthlens:summary -->`.
pub fn close(kind: InsertKind, format: Format) -> String {
    match format {
        Format::Markdown => format!("<!-- /truthlens:{} -->", kind.name()),
        Format::PlainText => format!("[/truthlens:{}]", kind.name()),
    }
}

/// A generated block found in the draft.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found {
    pub kind: InsertKind,
    /// From the start of the opening marker line to the end of the closing marker
    /// line, without its line ending: replacing exactly this keeps the text around it.
    pub span: Span,
    /// Indices into the line list of the opening and closing marker lines.
    pub first_line: usize,
    pub last_line: usize,
}

/// Every complete generated block, in document order. An opening marker without a
/// closing one is not a block (and is left alone).
pub fn find(lines: &[Line], format: Format) -> Vec<Found> {
    let opens: Vec<(InsertKind, String, String)> = InsertKind::ALL
        .iter()
        .map(|&k| (k, open(k, format), close(k, format)))
        .collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        let opened = (!line.in_code)
            .then(|| opens.iter().find(|(_, o, _)| line.content.trim() == o))
            .flatten();
        if let Some((kind, _, closing)) = opened {
            let end = lines[i + 1..]
                .iter()
                .position(|l| !l.in_code && l.content.trim() == closing)
                .map(|offset| i + 1 + offset);
            if let Some(j) = end {
                found.push(Found {
                    kind: *kind,
                    span: Span::new(line.start, lines[j].content_end),
                    first_line: i,
                    last_line: j,
                });
                i = j + 1;
                continue;
            }
        }
        i += 1;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::super::lines::lines;
    use super::*;

    #[test]
    fn finds_complete_blocks_only() {
        let text = "# T\n<!-- truthlens:summary -->\n> a\n<!-- /truthlens:summary -->\n\
                    <!-- truthlens:report -->\nno end\n";
        let found = find(&lines(text, Format::Markdown), Format::Markdown);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, InsertKind::Summary);
        assert_eq!(
            found[0].span.text(text),
            "<!-- truthlens:summary -->\n> a\n<!-- /truthlens:summary -->"
        );
    }

    #[test]
    fn markers_in_code_or_prose_do_not_count() {
        let text = "```\n<!-- truthlens:summary -->\n<!-- /truthlens:summary -->\n```\n\
                    See <!-- truthlens:summary --> for details.\n";
        assert!(find(&lines(text, Format::Markdown), Format::Markdown).is_empty());
    }

    #[test]
    fn plain_text_uses_bracket_markers() {
        let text = "Title\r\n[truthlens:headline]\r\nX\r\n[/truthlens:headline]\r\n";
        let found = find(&lines(text, Format::PlainText), Format::PlainText);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, InsertKind::Headline);
        assert!(found[0].span.text(text).ends_with("[/truthlens:headline]"));
    }
}
