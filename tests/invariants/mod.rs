//! Invariants that must hold for any input, checked by the property tests
//! (`tests/reliability_props.rs`) and by the fuzz targets (`fuzz/`, which include
//! this file by path). A violated invariant panics with the input's details.
//!
//! The position reference here is written from the LSP specification, independently
//! of `src/lsp/position.rs`, so that the two can disagree.
#![allow(dead_code)]

use truthlens::analysis::Span;
use truthlens::lsp::internals::lsp_types::{Position, Range, TextDocumentContentChangeEvent};
use truthlens::lsp::internals::{apply_change, rope_char_index, LineIndex, PositionEncoding, Rope};
use truthlens::Analysis;

/// A span is a non-empty-or-empty range inside the text whose ends are char boundaries.
pub fn check_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: span {span:?} outside a text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {span:?} splits a character"
    );
}

/// Every span the analysis reports points into `text` at character boundaries.
pub fn check_analysis(text: &str, analysis: &Analysis) {
    assert_eq!(
        analysis.prose.masked.len(),
        text.len(),
        "the masked copy keeps every offset"
    );
    for block in &analysis.prose.blocks {
        check_span(text, block.span, "block");
    }
    for comment in &analysis.prose.comments {
        check_span(text, *comment, "comment");
    }
    if let Some(title) = analysis.prose.title {
        check_span(text, title, "title");
    }
    for sentence in &analysis.sentences {
        check_span(text, sentence.span, "sentence");
    }
    for quote in &analysis.quotes.spans {
        check_span(text, quote.span, "quote");
        check_span(text, quote.inner, "quote inner");
    }
    for a in &analysis.attributions.list {
        check_span(text, a.source, "attribution source");
        if let Some(cue) = a.cue {
            check_span(text, cue, "attribution cue");
        }
        if let Some(content) = a.content {
            check_span(text, content, "attribution content");
        }
    }
    for finding in &analysis.findings {
        let what = format!("{} finding", finding.rule);
        check_span(text, finding.span, &what);
        for fix in finding.fixes.iter() {
            for edit in &fix.edits {
                check_span(text, edit.span, &format!("{what}: fix {:?}", fix.title));
            }
        }
        for related in &finding.related {
            check_span(text, related.span, &format!("{what}: related"));
        }
    }
}

// ------------------------------------------------------------------ positions

/// Lines by the LSP rules: `(start, content_end, next_start)` in bytes, where the
/// content stops before `\n`, `\r\n` or `\r`.
pub fn lsp_lines(text: &str) -> Vec<(usize, usize, usize)> {
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                lines.push((start, i, i + 1));
                start = i + 1;
            }
            b'\r' => {
                let next = if bytes.get(i + 1) == Some(&b'\n') {
                    i + 2
                } else {
                    i + 1
                };
                lines.push((start, i, next));
                start = next;
                i = next;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    lines.push((start, text.len(), text.len()));
    lines
}

fn width(c: char, encoding: PositionEncoding) -> u32 {
    match encoding {
        PositionEncoding::Utf8 => c.len_utf8() as u32,
        PositionEncoding::Utf16 => c.len_utf16() as u32,
    }
}

/// The byte offset an LSP position names, clamped the documented way: past the last
/// line -> end of text; past the line end -> line end; inside a character -> its start.
pub fn reference_offset(text: &str, position: Position, encoding: PositionEncoding) -> usize {
    let lines = lsp_lines(text);
    let Some(&(start, content_end, _)) = lines.get(position.line as usize) else {
        return text.len();
    };
    let mut units = 0u32;
    for (i, c) in text[start..content_end].char_indices() {
        let w = width(c, encoding);
        if units.saturating_add(w) > position.character {
            return start + i;
        }
        units += w;
    }
    content_end
}

/// The LSP position of a byte offset (clamped to the text, rounded down to a
/// character, and kept before a line break).
pub fn reference_position(text: &str, offset: usize, encoding: PositionEncoding) -> Position {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let lines = lsp_lines(text);
    let line = lines.iter().rposition(|&(s, _, _)| s <= offset).unwrap();
    let (start, content_end, _) = lines[line];
    let character = text[start..offset.min(content_end)]
        .chars()
        .map(|c| width(c, encoding))
        .sum();
    Position::new(line as u32, character)
}

/// The server's conversions agree with the reference for these positions and for
/// every byte offset of the text (and a few past its end).
pub fn check_positions(text: &str, probes: &[Position], encoding: PositionEncoding) {
    let index = LineIndex::new(text, encoding);
    let rope = Rope::from_str(text);
    for &p in probes {
        let expected = reference_offset(text, p, encoding);
        assert_eq!(index.offset(text, p), expected, "LineIndex::offset({p:?})");
        let char_index = rope_char_index(&rope, p, encoding);
        assert_eq!(
            rope.char_to_byte(char_index),
            expected,
            "rope_char_index({p:?})"
        );
    }
    let mut previous = Position::new(0, 0);
    for offset in 0..=text.len() + 2 {
        let p = index.position(text, offset);
        assert_eq!(
            p,
            reference_position(text, offset, encoding),
            "LineIndex::position({offset})"
        );
        assert!(p >= previous, "positions grow with offsets ({offset})");
        previous = p;
        // Every character boundary outside a line break is reachable and round-trips.
        let addressable = offset <= text.len()
            && text.is_char_boundary(offset)
            && !(offset > 0
                && text.as_bytes()[offset - 1] == b'\r'
                && text.as_bytes().get(offset) == Some(&b'\n'));
        if addressable {
            assert_eq!(index.offset(text, p), offset, "round trip of {offset}");
        }
    }
}

/// The probes worth trying on a text: every line's start, end and a few columns
/// past it, lines past the end, and the caller's raw ones.
pub fn interesting_positions(text: &str, raw: &[(u32, u32)]) -> Vec<Position> {
    let lines = lsp_lines(text);
    let mut probes: Vec<Position> = raw.iter().map(|&(l, c)| Position::new(l, c)).collect();
    for (line, &(start, end, _)) in lines.iter().enumerate() {
        let units16: u32 = text[start..end].encode_utf16().count() as u32;
        let units8 = (end - start) as u32;
        for character in [0, 1, units16, units8, units16 + 1, units8 + 7, u32::MAX] {
            probes.push(Position::new(line as u32, character));
        }
    }
    probes.push(Position::new(lines.len() as u32, 0));
    probes.push(Position::new(u32::MAX, u32::MAX));
    probes
}

/// Apply `changes` to a rope the server's way and to a string the reference way;
/// the texts must be identical after every change.
pub fn check_changes(
    text: &str,
    changes: &[TextDocumentContentChangeEvent],
    encoding: PositionEncoding,
) -> String {
    let mut rope = Rope::from_str(text);
    let mut expected = text.to_string();
    for change in changes {
        apply_change(&mut rope, change, encoding);
        match change.range {
            None => expected = change.text.clone(),
            Some(Range { start, end }) => {
                let start = reference_offset(&expected, start, encoding);
                let end = reference_offset(&expected, end, encoding).max(start);
                expected.replace_range(start..end, &change.text);
            }
        }
        assert_eq!(rope.to_string(), expected, "after {change:?}");
    }
    expected
}
