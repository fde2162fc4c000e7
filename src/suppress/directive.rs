//! Directive comments inserted by the "ignore here" and "disable in this file"
//! quick fixes.
//!
//! An ignore goes on its own line right before the finding's block, inside the
//! same container: `> ` stays in front of it in a blockquote, and in a list item
//! it sits after the marker with the item's text moved to the next line, indented
//! as a continuation. A Markdown renderer shows nothing, the list stays one list,
//! and `crate::analysis::directives` applies the ignore to exactly that block.
//! Table cells and task-list items cannot take a line of their own; there the
//! comment goes inline, at the start of the block it silences.

use super::{line_break, quotable_term};
use crate::analysis::prose::{Block, BlockKind};
use crate::analysis::{Format, Span};
use crate::config::front_matter;
use crate::rules::Edit;

/// The directive text for an ignore: `truthlens-ignore RULE "TERM"` (Markdown)
/// or `truthlens: ignore RULE "TERM"` (plain text).
fn ignore_body(format: Format, rule: &str, term: Option<&str>) -> String {
    let term = term
        .and_then(quotable_term)
        .map(|t| format!(" \"{t}\""))
        .unwrap_or_default();
    match format {
        Format::Markdown => format!("<!-- truthlens-ignore {rule}{term} -->"),
        Format::PlainText => format!("truthlens: ignore {rule}{term}"),
    }
}

/// Insert an ignore directive for the finding of `rule` over `span` (whose text
/// is `term`) before the block that holds it.
pub fn ignore_here(
    text: &str,
    format: Format,
    blocks: &[Block],
    span: Span,
    rule: &str,
    term: Option<&str>,
) -> Edit {
    let body = ignore_body(format, rule, term);
    let eol = line_break(text);
    let block = blocks
        .iter()
        .find(|b| b.span.start <= span.start && span.start < b.span.end.max(b.span.start + 1));
    let line_start = |at: usize| text[..at].rfind('\n').map_or(0, |i| i + 1);
    match format {
        Format::PlainText => {
            let start = line_start(block.map_or(span.start, |b| b.span.start));
            let line = &text[start..];
            let indent = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
            insert(start, format!("{indent}{body}{eol}"))
        }
        Format::Markdown => {
            let anchor = block.map_or_else(
                || {
                    let start = line_start(span.start);
                    start + container_prefix_len(&text[start..span.start])
                },
                |b| b.span.start,
            );
            let kind = block.map(|b| b.kind);
            if kind == Some(BlockKind::TableCell) {
                return insert(anchor, format!("{body} "));
            }
            if kind == Some(BlockKind::ListItem) {
                if let Some(marker) = task_marker_len(&text[anchor..]) {
                    return insert(anchor + marker, format!("{body} "));
                }
            }
            let prefix = &text[line_start(anchor)..anchor];
            insert(anchor, format!("{body}{eol}{}", continuation(prefix)))
        }
    }
}

/// Switch `rule` off for the whole draft: a directive line at the top, after
/// any front matter (and byte order mark).
pub fn disable_in_file(text: &str, format: Format, rule: &str) -> Edit {
    let eol = line_break(text);
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let (at, lead) = match format {
        Format::Markdown => match front_matter::find(text) {
            Some(front) if front.span.end == text.len() && !text.ends_with('\n') => {
                (front.span.end, eol)
            }
            Some(front) => (front.span.end, ""),
            None => (bom, ""),
        },
        Format::PlainText => (bom, ""),
    };
    let line = match format {
        Format::Markdown => format!("<!-- truthlens-disable {rule} -->"),
        Format::PlainText => format!("truthlens: disable {rule}"),
    };
    insert(at, format!("{lead}{line}{eol}"))
}

fn insert(at: usize, replacement: String) -> Edit {
    Edit {
        span: Span::new(at, at),
        replacement: replacement.into(),
    }
}

/// The prefix that continues a block's container on the next line: blockquote
/// markers stay, list markers become the spaces they occupied.
fn continuation(prefix: &str) -> String {
    prefix
        .chars()
        .map(|c| match c {
            '>' | ' ' | '\t' => c,
            _ => ' ',
        })
        .collect()
}

/// The length of the leading container markup of a line (blanks, `>`, list markers).
fn container_prefix_len(line: &str) -> usize {
    let mut len = 0;
    let mut rest = line;
    loop {
        let blanks = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        let after = &rest[blanks..];
        let bullet = after.starts_with(['-', '*', '+']) && after[1..].starts_with([' ', '\t']);
        let marker = if after.starts_with('>') || bullet {
            1
        } else {
            let digits = after.bytes().take_while(u8::is_ascii_digit).count();
            let ordered = (1..=9).contains(&digits)
                && after[digits..].starts_with(['.', ')'])
                && after[digits + 1..].starts_with([' ', '\t']);
            if ordered {
                digits + 1
            } else {
                return len + blanks;
            }
        };
        len += blanks + marker;
        rest = &after[marker..];
    }
}

/// `[ ] `, `[x] ` or `[X] ` at the start of a task-list item's text.
fn task_marker_len(text: &str) -> Option<usize> {
    ["[ ] ", "[x] ", "[X] "]
        .iter()
        .find(|m| text.starts_with(**m))
        .map(|m| m.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{directives, prose};

    /// Apply the ignore for the word `word` and return the new text.
    fn ignored(text: &str, format: Format, word: &str) -> String {
        let at = text.find(word).unwrap();
        let map = prose::map(text, format);
        let edit = ignore_here(
            text,
            format,
            &map.blocks,
            Span::new(at, at + word.len()),
            "loaded-language",
            Some(word),
        );
        let mut out = text.to_string();
        out.replace_range(edit.span.start..edit.span.end, &edit.replacement);
        out
    }

    /// Whether the directives of `text` silence a loaded-language finding on `word`.
    fn silenced(text: &str, format: Format, word: &str) -> bool {
        let at = text.rfind(word).unwrap();
        let map = prose::map(text, format);
        directives::find(text, format, &map).suppresses(
            "loaded-language",
            Span::new(at, at + word.len()),
            word,
        )
    }

    #[test]
    fn paragraphs_get_a_line_of_their_own() {
        let text = "Intro.\n\nThe thug fell.\nThen he rose.\n";
        let out = ignored(text, Format::Markdown, "thug");
        assert_eq!(
            out,
            "Intro.\n\n<!-- truthlens-ignore loaded-language \"thug\" -->\nThe thug fell.\nThen he rose.\n"
        );
        assert!(silenced(&out, Format::Markdown, "thug"));
    }

    #[test]
    fn list_items_and_blockquotes_keep_their_container() {
        let cases = [
            (
                "- One.\n- The thug rose.\n- Three.\n",
                "- One.\n- <!-- truthlens-ignore loaded-language \"thug\" -->\n  The thug rose.\n- Three.\n",
            ),
            (
                "1. One.\n2. The thug rose.\n",
                "1. One.\n2. <!-- truthlens-ignore loaded-language \"thug\" -->\n   The thug rose.\n",
            ),
            (
                "> Said: the thug rose.\n",
                "> <!-- truthlens-ignore loaded-language \"thug\" -->\n> Said: the thug rose.\n",
            ),
            (
                "> - One.\n> - The thug rose.\n",
                "> - One.\n> - <!-- truthlens-ignore loaded-language \"thug\" -->\n>   The thug rose.\n",
            ),
        ];
        for (text, expected) in cases {
            let out = ignored(text, Format::Markdown, "thug");
            assert_eq!(out, expected);
            assert!(silenced(&out, Format::Markdown, "thug"), "{out}");
            // The list is still one list with the same number of items.
            let before = prose::map(text, Format::Markdown).blocks.len();
            let after = prose::map(&out, Format::Markdown).blocks.len();
            assert_eq!(before, after, "{out}");
        }
    }

    #[test]
    fn table_cells_and_task_items_take_the_comment_inline() {
        let table = "| a | b |\n|---|---|\n| x | the thug |\n";
        let out = ignored(table, Format::Markdown, "thug");
        assert_eq!(
            out,
            "| a | b |\n|---|---|\n| x | <!-- truthlens-ignore loaded-language \"thug\" --> the thug |\n"
        );
        assert!(silenced(&out, Format::Markdown, "thug"));
        let task = "- [ ] Fire the thug.\n";
        let out = ignored(task, Format::Markdown, "thug");
        assert_eq!(
            out,
            "- [ ] <!-- truthlens-ignore loaded-language \"thug\" --> Fire the thug.\n"
        );
        assert!(silenced(&out, Format::Markdown, "thug"));
    }

    #[test]
    fn crlf_and_plain_text() {
        let text = "Intro.\r\n\r\n  The thug fell.\r\n";
        let out = ignored(text, Format::Markdown, "thug");
        assert!(out.contains("-->\r\n  The thug"), "{out:?}");
        assert!(silenced(&out, Format::Markdown, "thug"));
        let plain = "Title\n\n- The thug fell.\n- He rose.\n";
        let out = ignored(plain, Format::PlainText, "thug");
        assert_eq!(
            out,
            "Title\n\ntruthlens: ignore loaded-language \"thug\"\n- The thug fell.\n- He rose.\n"
        );
        assert!(silenced(&out, Format::PlainText, "thug"));
    }

    #[test]
    fn unquotable_terms_are_left_out() {
        let text = "A \"thug\"\nfell.\n";
        let map = prose::map(text, Format::Markdown);
        let edit = ignore_here(
            text,
            Format::Markdown,
            &map.blocks,
            Span::new(2, 9),
            "loaded-language",
            Some("\"thug\""),
        );
        assert_eq!(
            &*edit.replacement,
            "<!-- truthlens-ignore loaded-language -->\n"
        );
    }

    #[test]
    fn disable_goes_after_front_matter() {
        let text = "---\ntitle: A\n---\n# Title\n";
        let edit = disable_in_file(text, Format::Markdown, "single-source");
        assert_eq!(edit.span, Span::new(17, 17));
        assert_eq!(
            &*edit.replacement,
            "<!-- truthlens-disable single-source -->\n"
        );
        let edit = disable_in_file("\u{feff}Title\r\n", Format::PlainText, "x");
        assert_eq!(edit.span.start, 3);
        assert_eq!(&*edit.replacement, "truthlens: disable x\r\n");
        let edit = disable_in_file("---\na: 1\n---", Format::Markdown, "x");
        assert_eq!(&*edit.replacement, "\n<!-- truthlens-disable x -->\n");
    }
}
