//! Line-level view of a draft: where each line starts and ends, with and without
//! its line ending. Generated blocks are placed and found line by line.

use crate::analysis::Format;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line<'a> {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset just past the content (before `\r\n` or `\n`).
    pub content_end: usize,
    /// Byte offset just past the line ending (equal to `content_end` on the last line
    /// when the text does not end with a newline).
    pub end: usize,
    pub content: &'a str,
    /// Inside a fenced code block (Markdown), fence lines included: never a marker
    /// or a title, so a README that shows an example block is left alone.
    pub in_code: bool,
}

impl Line<'_> {
    pub fn is_blank(&self) -> bool {
        self.content.trim().is_empty()
    }
}

/// Every line of `text`, in order.
pub fn lines(text: &str, format: Format) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut fence: Option<(char, usize)> = None;
    let mut start = 0;
    for raw in text.split_inclusive('\n') {
        let end = start + raw.len();
        let content = raw
            .strip_suffix('\n')
            .map(|l| l.strip_suffix('\r').unwrap_or(l))
            .unwrap_or(raw);
        let mut in_code = fence.is_some();
        if format == Format::Markdown {
            match (fence, fence_marker(content)) {
                (None, Some(open)) => {
                    fence = Some(open);
                    in_code = true;
                }
                (Some((c, n)), Some((c2, n2)))
                    if c == c2 && n2 >= n && content.trim_start()[n2..].trim().is_empty() =>
                {
                    fence = None;
                }
                _ => {}
            }
        }
        out.push(Line {
            start,
            content_end: start + content.len(),
            end,
            content,
            in_code,
        });
        start = end;
    }
    out
}

/// A CommonMark code fence: up to three spaces, then three or more backticks or tildes.
fn fence_marker(line: &str) -> Option<(char, usize)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let rest = &line[indent..];
    let c = rest.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let n = rest.chars().take_while(|&x| x == c).count();
    (n >= 3).then_some((c, n))
}

/// The draft's line ending: CRLF when its first line break is one, else LF.
pub fn line_ending(text: &str) -> &'static str {
    match text.find('\n') {
        Some(i) if i > 0 && text.as_bytes()[i - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_lines_and_tracks_fences() {
        let text = "a\r\n```\n<!-- x -->\n```\nb";
        let ls = lines(text, Format::Markdown);
        assert_eq!(ls.len(), 5);
        assert_eq!(ls[0].content, "a");
        assert_eq!((ls[0].content_end, ls[0].end), (1, 3));
        assert!(ls[1].in_code && ls[2].in_code && ls[3].in_code);
        assert!(!ls[4].in_code);
        assert_eq!(ls[4].content, "b");
        assert_eq!(ls[4].end, text.len());
        // Plain text has no fences.
        assert!(!lines(text, Format::PlainText)[2].in_code);
    }

    #[test]
    fn detects_line_endings() {
        assert_eq!(line_ending("a\r\nb\n"), "\r\n");
        assert_eq!(line_ending("a\nb\r\n"), "\n");
        assert_eq!(line_ending(""), "\n");
    }
}
