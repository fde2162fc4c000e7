//! Where a draft can be cut into pieces that are analysed on their own.
//!
//! A cut goes before a line that starts at the margin and follows a blank line,
//! unless something that spans blank lines is open there: front matter, a fenced
//! code block, an HTML comment, or an HTML block that runs to its closing tag
//! (`<pre>`, `<script>`, `<style>`, `<textarea>`, `<?`, `<!X`, `<![CDATA[`).
//! An indented line never starts a piece: it may continue a list item or an
//! indented code block. Cutting less often than a full parse would is always
//! safe; it only makes a piece larger.
//!
//! The pieces cover the text without gaps, in order, each with its trailing
//! blank lines. The scan is one pass over the lines, so it costs a fraction of
//! the analysis and can run on every keystroke.

use super::{Format, Span};

/// The pieces of `text`, in order, covering it exactly.
pub fn split(text: &str, format: Format) -> Vec<Span> {
    let open = match format {
        Format::Markdown => front_matter_end(text).map(Open::Until),
        Format::PlainText => None,
    };
    let mut cuts = vec![0];
    cuts.extend(Scanner::new(text, format, 0, open));
    cuts.push(text.len());
    spans(&cuts)
}

/// The pieces of `text`, an edited version of `old` whose pieces were `old_spans`:
/// only the text around the edit is scanned again. Also returns how many pieces
/// at the start and at the end are the old ones, unchanged (the latter moved).
///
/// A scan at a cut is always in the same state (nothing open, a blank line just
/// before), so it can start at any old cut before the edit, and once it cuts
/// again at an old cut after the edit, everything after is as it was.
/// `same_ends`: the `SameEnds` of `old` and `text`, if already known.
pub fn resplit(
    old: &str,
    old_spans: &[Span],
    text: &str,
    format: Format,
    same_ends: Option<SameEnds>,
) -> (Vec<Span>, usize, usize) {
    let SameEnds { prefix, suffix } = same_ends.unwrap_or_else(|| SameEnds::of(old, text));
    let (old_end, new_end) = (old.len() - suffix, text.len() - suffix);
    // Restart a piece before the one the edit starts in: the edit may remove the cut
    // at the start of its own piece.
    let edited = old_spans
        .partition_point(|s| s.end <= prefix)
        .min(old_spans.len().saturating_sub(1));
    let restart = edited.saturating_sub(1);
    if restart == 0 || old_spans.is_empty() {
        return (split(text, format), 0, 0);
    }
    let mut cuts: Vec<usize> = old_spans[..restart].iter().map(|s| s.start).collect();
    cuts.push(old_spans[restart].start);
    let old_cuts: Vec<usize> = old_spans.iter().map(|s| s.start).collect();
    let mut kept_after = 0;
    for cut in Scanner::new(text, format, old_spans[restart].start, None) {
        cuts.push(cut);
        if cut >= new_end {
            let old_cut = cut - new_end + old_end;
            if let Ok(i) = old_cuts.binary_search(&old_cut) {
                cuts.extend(old_cuts[i + 1..].iter().map(|&c| c - old_end + new_end));
                kept_after = old_cuts.len() - i;
                break;
            }
        }
    }
    cuts.push(text.len());
    (spans(&cuts), restart, kept_after)
}

/// How many bytes an edited text shares with the old one at its start and at its
/// end (not overlapping): what lies between is what the edit changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SameEnds {
    pub prefix: usize,
    pub suffix: usize,
}

impl SameEnds {
    pub fn of(old: &str, text: &str) -> SameEnds {
        let prefix = common_prefix(old.as_bytes(), text.as_bytes());
        let most = old.len().min(text.len()) - prefix;
        let suffix = common_suffix(
            &old.as_bytes()[old.len() - most..],
            &text.as_bytes()[text.len() - most..],
        );
        SameEnds { prefix, suffix }
    }
}

fn spans(cuts: &[usize]) -> Vec<Span> {
    cuts.windows(2).map(|w| Span::new(w[0], w[1])).collect()
}

/// How many leading bytes `a` and `b` share, compared a block at a time.
pub fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    const BLOCK: usize = 256;
    let len = a.len().min(b.len());
    let mut at = 0;
    while at + BLOCK <= len && a[at..at + BLOCK] == b[at..at + BLOCK] {
        at += BLOCK;
    }
    at + a[at..len]
        .iter()
        .zip(&b[at..len])
        .take_while(|(x, y)| x == y)
        .count()
}

/// How many trailing bytes `a` and `b` (of one length) share.
pub fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    const BLOCK: usize = 256;
    let len = a.len();
    let mut n = 0;
    while n + BLOCK <= len && a[len - n - BLOCK..len - n] == b[len - n - BLOCK..len - n] {
        n += BLOCK;
    }
    n + a[..len - n]
        .iter()
        .rev()
        .zip(b[..len - n].iter().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

/// The cuts after `from` (a cut, or the top of the draft), in order.
struct Scanner<'a> {
    text: &'a str,
    format: Format,
    /// Where the scan started: never a cut of its own.
    from: usize,
    /// Where the next line starts.
    start: usize,
    open: Option<Open>,
    previous_blank: bool,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str, format: Format, from: usize, open: Option<Open>) -> Scanner<'a> {
        Scanner {
            text,
            format,
            from,
            start: from,
            open,
            previous_blank: false,
        }
    }
}

impl Iterator for Scanner<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        let bytes = self.text.as_bytes();
        while self.start < bytes.len() {
            let start = self.start;
            let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i + 1);
            let raw = &self.text[start..end];
            self.start = end;
            let line = raw.trim_end_matches(['\n', '\r']);
            let blank = line.trim().is_empty();
            let at_margin = !line.starts_with([' ', '\t']);
            let cut = self.open.is_none()
                && self.previous_blank
                && !blank
                && at_margin
                && start > self.from;
            // Only a line with a `<` can open an HTML construct. Searched line by line:
            // a search ahead for the next one could run through the rest of the draft.
            let plain = memchr::memchr(b'<', line.as_bytes()).is_none()
                && !line.trim_start_matches(' ').starts_with(['`', '~']);
            self.open = match self.open {
                Some(Open::Until(end)) if start + raw.len() < end => Some(Open::Until(end)),
                Some(Open::Until(_)) => None,
                Some(construct) => construct.still_open_after(line),
                None if plain => None,
                None => opened_by(line, self.format),
            };
            self.previous_blank = blank;
            if cut {
                return Some(start);
            }
        }
        None
    }
}

/// A construct that may run across blank lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Open {
    /// Front matter, up to this byte offset.
    Until(usize),
    /// A fenced code block: its fence character and length.
    Fence(u8, usize),
    /// An HTML comment, or an HTML block that ends at a marker.
    Html(&'static str),
}

impl Open {
    /// What is still open after `line`, which lies inside this construct.
    fn still_open_after(self, line: &str) -> Option<Open> {
        match self {
            Open::Fence(mark, len) if closes_fence(line, mark, len) => None,
            Open::Html(end) => match line.rfind(end) {
                // A comment can close and another open on the same line.
                Some(at) => html_opened_in(&line[at + end.len()..]),
                None => Some(self),
            },
            other => Some(other),
        }
    }
}

/// What `line` opens that runs past it, outside any construct.
fn opened_by(line: &str, format: Format) -> Option<Open> {
    if format == Format::Markdown {
        if let Some(fence) = fence_opener(line) {
            return Some(fence);
        }
        if let Some(block) = html_block_opener(line) {
            return Some(block);
        }
    }
    html_opened_in(line)
}

/// An HTML comment opened in `text` and not closed there.
fn html_opened_in(text: &str) -> Option<Open> {
    let open = text.rfind("<!--")?;
    (!text[open + 4..].contains("-->")).then_some(Open::Html("-->"))
}

/// Markdown HTML blocks that only end at a marker (CommonMark types 1, 3, 4 and 5).
fn html_block_opener(line: &str) -> Option<Open> {
    let indent = margin(line)?;
    let rest = &line[indent..];
    if !rest.starts_with('<') {
        return None;
    }
    let lower = rest.get(..10).unwrap_or(rest).to_ascii_lowercase();
    let end = if let Some(tag) = ["pre", "script", "style", "textarea"]
        .into_iter()
        .find(|tag| {
            lower.strip_prefix('<').is_some_and(|l| {
                l.strip_prefix(tag)
                    .is_some_and(|after| after.is_empty() || after.starts_with([' ', '>', '\t']))
            })
        }) {
        match tag {
            "pre" => "</pre>",
            "script" => "</script>",
            "style" => "</style>",
            _ => "</textarea>",
        }
    } else if rest.starts_with("<?") {
        "?>"
    } else if rest.starts_with("<![CDATA[") {
        "]]>"
    } else if rest.starts_with("<!") && rest[2..].starts_with(|c: char| c.is_ascii_alphabetic()) {
        ">"
    } else {
        return None;
    };
    let closed = line.to_ascii_lowercase()[indent + 1..].contains(end);
    (!closed).then_some(Open::Html(end))
}

/// Up to three spaces of indentation, as CommonMark allows before a block marker.
fn margin(line: &str) -> Option<usize> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    (indent <= 3).then_some(indent)
}

fn fence_opener(line: &str) -> Option<Open> {
    let rest = &line[margin(line)?..];
    let mark = *rest.as_bytes().first()?;
    if mark != b'`' && mark != b'~' {
        return None;
    }
    let len = rest.len() - rest.trim_start_matches(mark as char).len();
    // A backtick fence's info string may not contain a backtick.
    let info_ok = mark == b'~' || !rest[len..].contains('`');
    (len >= 3 && info_ok).then_some(Open::Fence(mark, len))
}

fn closes_fence(line: &str, mark: u8, len: usize) -> bool {
    let Some(indent) = margin(line) else {
        return false;
    };
    let rest = &line[indent..];
    let run = rest.len() - rest.trim_start_matches(mark as char).len();
    run >= len && rest[run..].trim().is_empty()
}

/// The end of YAML (`---`) or TOML (`+++`) front matter at the very start, if any.
fn front_matter_end(text: &str) -> Option<usize> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let skipped = text.len() - body.len();
    let first = body.lines().next()?.trim_end();
    let closers: &[&str] = match first {
        "---" => &["---", "..."],
        "+++" => &["+++"],
        _ => return None,
    };
    let mut offset = skipped;
    for (i, raw) in body.split_inclusive('\n').enumerate() {
        offset += raw.len();
        if i > 0 && closers.contains(&raw.trim_end()) {
            return Some(offset);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str, format: Format) -> Vec<&str> {
        split(text, format).iter().map(|s| s.text(text)).collect()
    }

    #[test]
    fn paragraphs_are_pieces_with_their_blank_lines() {
        let text = "# Title\n\nOne. Two.\n\r\nThree.\n";
        assert_eq!(
            pieces(text, Format::Markdown),
            ["# Title\n\n", "One. Two.\n\r\n", "Three.\n"]
        );
    }

    #[test]
    fn the_pieces_cover_the_text() {
        for text in ["", "\n\n", "a", "a\n\nb", "\n\na\n\n\n", "—\n\n😀\n\n和平"] {
            let spans = split(text, Format::Markdown);
            assert_eq!(spans.first().map(|s| s.start), Some(0));
            assert_eq!(spans.last().map(|s| s.end), Some(text.len()));
            assert!(spans.windows(2).all(|w| w[0].end == w[1].start));
        }
    }

    #[test]
    fn indented_lines_stay_with_what_they_continue() {
        let text = "- item\n\n  more of the item\n\n    code\n\nNext.\n";
        assert_eq!(
            pieces(text, Format::Markdown),
            ["- item\n\n  more of the item\n\n    code\n\n", "Next.\n"]
        );
    }

    #[test]
    fn fences_comments_and_html_blocks_are_never_cut() {
        let text =
            "```md\na\n\nb\n````\n\nAfter.\n\n<!-- note\n\nstill -->\n\n<pre>\n\nx\n</pre>\n\nEnd.";
        assert_eq!(
            pieces(text, Format::Markdown),
            [
                "```md\na\n\nb\n````\n\n",
                "After.\n\n",
                "<!-- note\n\nstill -->\n\n",
                "<pre>\n\nx\n</pre>\n\n",
                "End."
            ]
        );
    }

    #[test]
    fn a_closing_fence_must_match_the_opening_one() {
        let text = "~~~~\n\n```\n\n~~~\n\nin\n~~~~\n\nout";
        assert_eq!(
            pieces(text, Format::Markdown),
            ["~~~~\n\n```\n\n~~~\n\nin\n~~~~\n\n", "out"]
        );
    }

    #[test]
    fn front_matter_is_one_piece_with_what_follows_it() {
        let text = "---\ntitle: x\n\nsummary: y\n---\n\nBody.\n";
        assert_eq!(
            pieces(text, Format::Markdown),
            ["---\ntitle: x\n\nsummary: y\n---\n\n", "Body.\n"]
        );
        // Plain text has no front matter, and a rule line mid-text is no opener.
        assert_eq!(
            pieces("a\n\n---\n\nb", Format::Markdown),
            ["a\n\n", "---\n\n", "b"]
        );
    }

    #[test]
    fn plain_text_keeps_comments_whole_but_ignores_fences() {
        let text = "```\n\nA.\n\n<!-- a\n\nb --> B.\n\nC.";
        assert_eq!(
            pieces(text, Format::PlainText),
            ["```\n\n", "A.\n\n", "<!-- a\n\nb --> B.\n\n", "C."]
        );
    }
}
