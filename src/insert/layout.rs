//! Where a new block goes: after the front matter and the title, or at the end,
//! separated from its neighbours by one blank line.

use super::lines::Line;
use super::markers::Found;
use super::InsertKind;
use crate::analysis::{Format, Span};
use crate::rules::Edit;

/// The index of the first line after YAML (`---`) or TOML (`+++`) front matter;
/// 0 when the draft has none. Front matter must open on the very first line and be
/// closed; an unclosed `---` is a thematic break, not front matter.
pub fn after_front_matter(lines: &[Line]) -> usize {
    let Some(first) = lines.first() else {
        return 0;
    };
    let closers: &[&str] = match first.content.trim_end() {
        "---" => &["---", "..."],
        "+++" => &["+++"],
        _ => return 0,
    };
    lines[1..]
        .iter()
        .position(|l| closers.contains(&l.content.trim_end()))
        .map_or(0, |i| i + 2)
}

/// The title's first and last line indices, searching from line `from`.
///
/// Markdown: the first H1 (ATX `# Title`, or setext `Title` over `===`), provided it
/// is the first thing in the body; blank lines and one-line HTML comments (directives)
/// before it are fine. A draft that opens with a paragraph has no title.
/// Plain text: the first non-blank line, unless it holds more than one sentence
/// (text pasted as one line per paragraph has no title line).
pub fn title(lines: &[Line], format: Format, from: usize) -> Option<(usize, usize)> {
    let mut i = from;
    while i < lines.len() {
        let line = &lines[i];
        let trimmed = line.content.trim();
        let is_comment = trimmed.starts_with("<!--") && trimmed.ends_with("-->");
        if line.is_blank() || (format == Format::Markdown && is_comment && !line.in_code) {
            i += 1;
            continue;
        }
        return match format {
            Format::PlainText if holds_several_sentences(line.content) => None,
            Format::PlainText => Some((i, i)),
            Format::Markdown if line.in_code => None,
            Format::Markdown if is_atx_h1(line.content) => Some((i, i)),
            Format::Markdown => lines
                .get(i + 1)
                .filter(|next| is_setext_h1_underline(next.content) && !next.in_code)
                .map(|_| (i, i + 1)),
        };
    }
    None
}

/// Titles and abbreviations whose full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Capt", "Col", "Dr", "Gen", "Gov", "Jr", "Lt", "Mr", "Mrs", "Ms", "No", "Prof", "Rep", "Sen",
    "Sgt", "Sr", "St", "U.K", "U.S", "vs",
];

/// A sentence end followed by the start of another: ". The", "?\u{201D} Then".
///
/// One pass: the start of the current word is kept as the scan goes, and a word is
/// compared with the abbreviations only up to their length. (Searching back for the
/// word at every full stop made a long line without spaces, such as a run of URLs,
/// quadratic: seconds for 50 KB, hours for a megabyte.)
fn holds_several_sentences(line: &str) -> bool {
    let chars: Vec<char> = line.trim().chars().collect();
    let mut word_start = 0;
    for i in 0..chars.len() {
        if chars[i].is_whitespace() {
            word_start = i + 1;
            continue;
        }
        if !matches!(chars[i], '.' | '!' | '?') {
            continue;
        }
        let word = &chars[word_start..i];
        if chars[i] == '.'
            && ABBREVIATIONS
                .iter()
                .any(|a| a.chars().eq(word.iter().copied()))
        {
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() && matches!(chars[j], '"' | '\'' | '\u{201D}' | '\u{2019}' | ')') {
            j += 1;
        }
        let next_starts_a_sentence = j < chars.len()
            && chars[j].is_whitespace()
            && chars[j..]
                .iter()
                .find(|c| !c.is_whitespace())
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        if next_starts_a_sentence {
            return true;
        }
    }
    false
}

fn is_atx_h1(line: &str) -> bool {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return false;
    }
    let rest = &line[indent..];
    rest == "#" || rest.starts_with("# ") || rest.starts_with("#\t")
}

fn is_setext_h1_underline(line: &str) -> bool {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let rest = line.trim();
    indent <= 3 && !rest.is_empty() && rest.chars().all(|c| c == '=')
}

/// Byte offset (at a line boundary) where a new block of `kind` goes.
///
/// Summary and headline go under the title. The headline sits directly under it; a
/// summary goes below a headline block that is already there, so the two always
/// read title, headline, summary. The report goes at the end.
pub fn anchor(
    text: &str,
    lines: &[Line],
    format: Format,
    kind: InsertKind,
    found: &[Found],
) -> usize {
    if kind == InsertKind::Report {
        return text.len();
    }
    let body = after_front_matter(lines);
    let mut next_line = match title(lines, format, body) {
        Some((_, last)) => last + 1,
        None => body,
    };
    if kind == InsertKind::Summary {
        let first_content = (next_line..lines.len()).find(|&i| !lines[i].is_blank());
        if let Some(headline) = found
            .iter()
            .find(|f| f.kind == InsertKind::Headline && Some(f.first_line) == first_content)
        {
            next_line = headline.last_line + 1;
        }
    }
    match next_line {
        0 => 0,
        n => lines[n - 1].end,
    }
}

/// The edit that inserts `block` at `at`, with a blank line on each side unless
/// one is already there, and every line ending in `eol`.
pub fn insertion(text: &str, at: usize, block: &str, eol: &str) -> Edit {
    let before = &text[..at];
    let after = &text[at..];
    let mut replacement = String::new();
    if !before.is_empty() {
        if !before.ends_with('\n') {
            replacement.push_str(eol); // end the unterminated last line first
        }
        let previous = before
            .trim_end_matches(['\n', '\r'])
            .rsplit('\n')
            .next()
            .unwrap_or("");
        if !previous.trim().is_empty() {
            replacement.push_str(eol);
        }
    }
    replacement.push_str(block);
    replacement.push_str(eol);
    let next = after.split('\n').next().unwrap_or("");
    if !after.is_empty() && !next.trim().is_empty() {
        replacement.push_str(eol);
    }
    Edit {
        span: Span::new(at, at),
        replacement: replacement.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::lines::lines;
    use super::*;

    #[test]
    fn front_matter_must_be_closed() {
        let ls = lines("---\ntitle: x\n---\n# T\n", Format::Markdown);
        assert_eq!(after_front_matter(&ls), 3);
        let ls = lines("---\nNot front matter\n", Format::Markdown);
        assert_eq!(after_front_matter(&ls), 0);
        let ls = lines("+++\na = 1\n+++\n", Format::Markdown);
        assert_eq!(after_front_matter(&ls), 3);
    }

    #[test]
    fn markdown_title_is_a_leading_h1() {
        let ls = lines(
            "<!-- truthlens-disable -->\n\n# Title\nBody\n",
            Format::Markdown,
        );
        assert_eq!(title(&ls, Format::Markdown, 0), Some((2, 2)));
        let ls = lines("Title\n=====\nBody\n", Format::Markdown);
        assert_eq!(title(&ls, Format::Markdown, 0), Some((0, 1)));
        let ls = lines("Intro.\n\n# Later heading\n", Format::Markdown);
        assert_eq!(title(&ls, Format::Markdown, 0), None);
        let ls = lines("## Section\n", Format::Markdown);
        assert_eq!(title(&ls, Format::Markdown, 0), None);
        let ls = lines("#hashtag\n", Format::Markdown);
        assert_eq!(title(&ls, Format::Markdown, 0), None);
    }

    #[test]
    fn plain_title_is_the_first_non_blank_line() {
        let ls = lines("\n\nTitle\nBody\n", Format::PlainText);
        assert_eq!(title(&ls, Format::PlainText, 0), Some((2, 2)));
        let ls = lines("A single sentence, Dr. Pike said.\n", Format::PlainText);
        assert_eq!(title(&ls, Format::PlainText, 0), Some((0, 0)));
        let ls = lines("One sentence. Another one.\nMore\n", Format::PlainText);
        assert_eq!(title(&ls, Format::PlainText, 0), None);
    }

    #[test]
    fn insertion_pads_with_blank_lines() {
        let text = "# T\nBody\n";
        let e = insertion(text, 4, "B", "\n");
        assert_eq!(&*e.replacement, "\nB\n\n");
        let e = insertion("# T", 3, "B", "\n");
        assert_eq!(&*e.replacement, "\n\nB\n");
        let e = insertion("", 0, "B", "\n");
        assert_eq!(&*e.replacement, "B\n");
        let e = insertion("# T\n\nBody\n", 4, "B", "\n");
        assert_eq!(&*e.replacement, "\nB\n");
    }
}
