//! LSP positions <-> text offsets, in the negotiated position encoding.
//!
//! LSP lines end at `\n`, `\r\n` or `\r` only. ropey's own line index also breaks
//! at U+2028, U+0085 and friends, so it would disagree with the editor; lines are
//! counted here by the LSP rules instead.
//!
//! Every conversion clamps rather than panics: a column past the line end lands at
//! the line end, a line past the end lands at the end of the text, and a column
//! inside a character (half a surrogate pair, the middle of a UTF-8 sequence) rounds
//! down to the start of that character.

use crate::analysis::chunks::SameEnds;
use crate::line_index::UnitCounts;
use ropey::Rope;
use std::sync::{Arc, OnceLock};
use tower_lsp::lsp_types::{Position, PositionEncodingKind, Range};

/// The unit in which `Position::character` counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PositionEncoding {
    Utf8,
    /// The LSP default, and the fallback for clients that offer nothing else.
    #[default]
    Utf16,
}

impl PositionEncoding {
    /// UTF-8 when the client offers it (no conversion needed for byte spans), else UTF-16.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> PositionEncoding {
        let offers_utf8 = offered.is_some_and(|kinds| kinds.contains(&PositionEncodingKind::UTF8));
        if offers_utf8 {
            PositionEncoding::Utf8
        } else {
            PositionEncoding::Utf16
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            PositionEncoding::Utf8 => PositionEncodingKind::UTF8,
            PositionEncoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    fn width(self, c: char) -> u32 {
        match self {
            PositionEncoding::Utf8 => c.len_utf8() as u32,
            PositionEncoding::Utf16 => c.len_utf16() as u32,
        }
    }
}

/// How far `column` reaches into one line: (chars, bytes) from the line start.
/// Stops at the line break and never splits a character.
fn walk_columns(
    line: impl Iterator<Item = char>,
    column: u32,
    encoding: PositionEncoding,
) -> (usize, usize) {
    let (mut chars, mut bytes, mut units) = (0, 0, 0);
    for c in line {
        let width = encoding.width(c);
        if c == '\n' || c == '\r' || units + width > column {
            break;
        }
        units += width;
        chars += 1;
        bytes += c.len_utf8();
    }
    (chars, bytes)
}

/// The char index at which LSP line `line` starts, or `None` past the last line.
/// The rope counts exactly LSP's line breaks (`\n`, `\r\n`, `\r`; see Cargo.toml).
fn rope_line_start(rope: &Rope, line: u32) -> Option<usize> {
    let line = line as usize;
    (line < rope.len_lines()).then(|| rope.line_to_char(line))
}

/// The char index in `rope` that an LSP position names (clamped).
pub fn rope_char_index(rope: &Rope, position: Position, encoding: PositionEncoding) -> usize {
    match rope_line_start(rope, position.line) {
        Some(start) => {
            let (chars, _) = walk_columns(rope.chars_at(start), position.character, encoding);
            start + chars
        }
        None => rope.len_chars(),
    }
}

/// Whether `position` names a place in `rope` as given, with no clamping or rounding:
/// an existing line, a column within it, on a character boundary.
pub fn rope_position_exists(rope: &Rope, position: Position, encoding: PositionEncoding) -> bool {
    let Some(start) = rope_line_start(rope, position.line) else {
        return false;
    };
    let mut units = 0u32;
    let mut chars = rope.chars_at(start);
    loop {
        if units == position.character {
            return true;
        }
        match chars.next() {
            Some(c) if c != '\n' && c != '\r' => units += encoding.width(c),
            _ => return false,
        }
        if units > position.character {
            return false;
        }
    }
}

/// The byte offsets at which LSP lines start, found in a text given in pieces (a
/// rope's chunks, as they are copied out): each piece is searched while it is in
/// the cache. Built for every analysed version, so the breaks are found with a SIMD
/// search (memchr).
pub struct LineStarts {
    starts: Vec<usize>,
    /// Bytes seen so far.
    len: usize,
    /// The last piece ended with `\r`: a line break unless the next starts with `\n`.
    cr_at_end: bool,
}

impl LineStarts {
    pub fn new() -> LineStarts {
        LineStarts {
            starts: vec![0],
            len: 0,
            cr_at_end: false,
        }
    }

    pub fn push(&mut self, piece: &str) {
        let bytes = piece.as_bytes();
        if bytes.is_empty() {
            return;
        }
        if self.cr_at_end && bytes.first() != Some(&b'\n') {
            self.starts.push(self.len);
        }
        let base = self.len;
        if memchr::memchr(b'\r', bytes).is_none() {
            self.starts
                .extend(memchr::memchr_iter(b'\n', bytes).map(|i| base + i + 1));
        } else {
            // A `\r` ends a line too, unless it is the first half of `\r\n`.
            for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
                let next = bytes.get(i + 1);
                if bytes[i] == b'\n' || (next.is_some() && next != Some(&b'\n')) {
                    self.starts.push(base + i + 1);
                }
            }
        }
        self.cr_at_end = bytes.last() == Some(&b'\r');
        self.len += bytes.len();
    }

    pub fn finish(mut self) -> Vec<usize> {
        if self.cr_at_end {
            self.starts.push(self.len);
        }
        self.starts
    }
}

/// `line_starts` of an earlier text `old_length` long, made those of `text`, which
/// has that text's bytes before and after the change `same` says: the lines of the
/// change are searched, the starts before it kept, and those after it moved.
pub fn patch_line_starts(
    line_starts: &mut Vec<usize>,
    text: &str,
    old_length: usize,
    same: SameEnds,
) {
    let bytes = text.as_bytes();
    let (old_end, end) = (old_length - same.suffix, bytes.len() - same.suffix);
    // A break before the change stays one, but a `\r` just before it may have been
    // the first half of `\r\n` or become one: it is searched again. One after the
    // change is read with the byte after it, which is the earlier text's too.
    let from = same.prefix.saturating_sub(1);
    let kept = line_starts.partition_point(|&s| s <= from);
    let after = line_starts.partition_point(|&s| s <= old_end);
    for start in &mut line_starts[after..] {
        *start = *start - old_end + end;
    }
    let found = memchr::memchr2_iter(b'\n', b'\r', &bytes[from..end])
        .map(|i| from + i)
        .filter(|&i| bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n'))
        .map(|i| i + 1);
    line_starts.splice(kept..after, found);
}

/// Where the text of the line before `next_line` ends, before its break.
fn content_end(text: &str, next_line: usize) -> usize {
    if next_line > text.len() {
        return text.len();
    }
    let line = &text.as_bytes()[..next_line];
    match line {
        [.., b'\r', b'\n'] => next_line - 2,
        [.., b'\n' | b'\r'] => next_line - 1,
        _ => next_line,
    }
}

/// `offset` clamped to `text` and rounded down to a character boundary.
fn char_floor(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The line starts of a whole text.
pub fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = LineStarts::new();
    starts.push(text);
    starts.finish()
}

/// Byte offsets <-> LSP positions for one fixed text (an analysed snapshot).
#[derive(Clone, Debug)]
pub struct LineIndex {
    /// Byte offset at which each LSP line starts (shared with the document, which
    /// patches them for a later snapshot once this index is gone).
    line_starts: Arc<Vec<usize>>,
    encoding: PositionEncoding,
    /// UTF-16 units at marks along the text, made the first time a long line is measured.
    counts: OnceLock<UnitCounts>,
}

/// A stretch of a line longer than this is measured from `UnitCounts` marks rather
/// than character by character.
const LONG_STRETCH: usize = 4096;

impl LineIndex {
    /// From the line starts of the text (see `LineStarts`).
    pub fn from_starts(line_starts: Arc<Vec<usize>>, encoding: PositionEncoding) -> LineIndex {
        LineIndex {
            line_starts,
            encoding,
            counts: OnceLock::new(),
        }
    }

    pub fn new(text: &str, encoding: PositionEncoding) -> LineIndex {
        LineIndex {
            line_starts: Arc::new(line_starts(text)),
            encoding,
            counts: OnceLock::new(),
        }
    }

    /// The LSP position of a byte offset (clamped to the text, rounded down to a character,
    /// and kept before a line break).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        self.locate(text, offset).0
    }

    /// `position`, with the offset it was taken at (clamped and rounded) and where
    /// the next line starts.
    fn locate(&self, text: &str, offset: usize) -> (Position, usize, usize) {
        let offset = char_floor(text, offset);
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let next = self
            .line_starts
            .get(line + 1)
            .copied()
            .unwrap_or(usize::MAX);
        let character = self.width_in_line(text, start..offset, next);
        (Position::new(line as u32, character), offset, next)
    }

    /// The width of `text[range]`, within the line that ends where `next_line`
    /// starts, up to its break (an offset inside `\r\n` ends the line early).
    fn width_in_line(&self, text: &str, range: std::ops::Range<usize>, next_line: usize) -> u32 {
        let end = range.end.min(content_end(text, next_line));
        let start = range.start.min(end);
        let width = match self.encoding {
            PositionEncoding::Utf8 => end - start,
            _ if end - start > LONG_STRETCH => {
                let counts = self.counts.get_or_init(|| UnitCounts::new(text));
                counts.utf16_between(text, start, end)
            }
            // Most lines of prose are ASCII: a byte is a unit in either encoding.
            _ if text[start..end].is_ascii() => end - start,
            _ => text[start..end].chars().map(char::len_utf16).sum(),
        };
        width as u32
    }

    /// The positions of `start` and `end`. A range within one line (most of a
    /// publish's) is measured from its start: its line is not searched for, nor
    /// read from its beginning, twice.
    pub fn range(&self, text: &str, start: usize, end: usize) -> Range {
        let (from, start, next) = self.locate(text, start);
        let end = char_floor(text, end);
        if start <= end && end < next {
            let character = from.character + self.width_in_line(text, start..end, next);
            Range::new(from, Position::new(from.line, character))
        } else {
            Range::new(from, self.position(text, end))
        }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Where the first line after `offset` starts (`usize::MAX` if none does).
    pub fn next_line_start(&self, offset: usize) -> usize {
        let line = self.line_starts.partition_point(|&s| s <= offset);
        self.line_starts.get(line).copied().unwrap_or(usize::MAX)
    }

    pub fn encoding(&self) -> PositionEncoding {
        self.encoding
    }

    /// The byte offset an LSP position names (clamped).
    pub fn offset(&self, text: &str, position: Position) -> usize {
        match self.line_starts.get(position.line as usize) {
            Some(&start) => {
                let (_, bytes) =
                    walk_columns(text[start..].chars(), position.character, self.encoding);
                start + bytes
            }
            None => text.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use PositionEncoding::{Utf16, Utf8};

    fn pos(line: u32, character: u32) -> Position {
        Position::new(line, character)
    }

    /// Check both directions: position -> offset and offset -> position.
    fn round_trip(text: &str, encoding: PositionEncoding, offset: usize, expected: Position) {
        let index = LineIndex::new(text, encoding);
        assert_eq!(index.position(text, offset), expected, "offset {offset}");
        assert_eq!(
            index.offset(text, expected),
            offset,
            "position {expected:?}"
        );
        let rope = Rope::from_str(text);
        let char_index = rope_char_index(&rope, expected, encoding);
        assert_eq!(
            rope.char_to_byte(char_index),
            offset,
            "rope at {expected:?}"
        );
    }

    #[test]
    fn negotiates_utf8_only_when_offered() {
        let both = [PositionEncodingKind::UTF16, PositionEncodingKind::UTF8];
        assert_eq!(PositionEncoding::negotiate(Some(&both)), Utf8);
        assert_eq!(
            PositionEncoding::negotiate(Some(&[PositionEncodingKind::UTF16])),
            Utf16
        );
        assert_eq!(
            PositionEncoding::negotiate(Some(&[PositionEncodingKind::UTF32])),
            Utf16
        );
        assert_eq!(PositionEncoding::negotiate(None), Utf16);
    }

    #[test]
    fn emoji_and_cjk_columns() {
        let text = "😀 和平 regime";
        let at = text.find("regime").unwrap();
        round_trip(text, Utf16, at, pos(0, 6)); // 2 + 1 + 1 + 1 + 1
        round_trip(text, Utf8, at, pos(0, 12)); // 4 + 1 + 3 + 3 + 1
    }

    #[test]
    fn lines_break_at_lf_crlf_and_lone_cr() {
        let text = "a\r\nb\rc\nd\u{2028}e";
        round_trip(text, Utf16, text.find('b').unwrap(), pos(1, 0));
        round_trip(text, Utf16, text.find('c').unwrap(), pos(2, 0));
        round_trip(text, Utf16, text.find('d').unwrap(), pos(3, 0));
        // U+2028 is not an LSP line break: `e` stays on line 3.
        round_trip(text, Utf16, text.find('e').unwrap(), pos(3, 2));
        round_trip(text, Utf8, text.find('e').unwrap(), pos(3, 4));
    }

    #[test]
    fn columns_past_the_line_end_clamp_before_the_break() {
        let text = "ab\r\ncd";
        let index = LineIndex::new(text, Utf16);
        assert_eq!(index.offset(text, pos(0, 99)), 2);
        let rope = Rope::from_str(text);
        assert_eq!(rope_char_index(&rope, pos(0, 99), Utf16), 2);
        // An offset between \r and \n reports the line end.
        assert_eq!(index.position(text, 3), pos(0, 2));
    }

    #[test]
    fn lines_past_the_end_clamp_to_the_end() {
        let text = "ab\ncd";
        let index = LineIndex::new(text, Utf8);
        assert_eq!(index.offset(text, pos(7, 0)), text.len());
        assert_eq!(index.position(text, 999), pos(1, 2));
        let rope = Rope::from_str(text);
        assert_eq!(rope_char_index(&rope, pos(7, 3), Utf8), rope.len_chars());
    }

    #[test]
    fn positions_inside_a_character_round_down() {
        let text = "x😀y";
        // UTF-16 column 2 is between the two halves of the surrogate pair.
        let index = LineIndex::new(text, Utf16);
        assert_eq!(index.offset(text, pos(0, 2)), 1);
        let rope = Rope::from_str(text);
        assert_eq!(rope_char_index(&rope, pos(0, 2), Utf16), 1);
        // UTF-8 column 3 is inside the emoji's four bytes.
        let index = LineIndex::new(text, Utf8);
        assert_eq!(index.offset(text, pos(0, 3)), 1);
        assert_eq!(rope_char_index(&rope, pos(0, 3), Utf8), 1);
        // A byte offset inside the emoji reports the emoji's start.
        assert_eq!(index.position(text, 2), pos(0, 1));
    }

    #[test]
    fn only_positions_inside_the_text_exist() {
        let rope = Rope::from_str("x😀\r\ny");
        let exists =
            |line, character, encoding| rope_position_exists(&rope, pos(line, character), encoding);
        assert!(exists(0, 0, Utf16) && exists(0, 3, Utf16) && exists(1, 1, Utf16));
        assert!(!exists(0, 2, Utf16), "inside the surrogate pair");
        assert!(!exists(0, 4, Utf16), "past the line end");
        assert!(exists(0, 5, Utf8) && !exists(0, 3, Utf8));
        assert!(!exists(2, 0, Utf16), "past the last line");
    }

    #[test]
    fn line_starts_agree_with_a_byte_by_byte_scan() {
        fn scan(text: &str) -> Vec<usize> {
            let bytes = text.as_bytes();
            let mut starts = vec![0];
            for (i, &b) in bytes.iter().enumerate() {
                if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                    starts.push(i + 1);
                }
            }
            starts
        }
        // Every text of up to six pieces: lone and paired breaks at either end.
        let pieces = ["a", "\r", "\n", "é"];
        let mut texts = vec![String::new()];
        for _ in 0..6 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}")))
                .collect();
            texts.extend(longer);
        }
        texts.dedup();
        for text in &texts {
            assert_eq!(line_starts(text), scan(text), "{text:?}");
            // Given in two pieces cut anywhere (a rope's chunks), even inside `\r\n`.
            for cut in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let mut starts = LineStarts::new();
                starts.push(&text[..cut]);
                starts.push("");
                starts.push(&text[cut..]);
                assert_eq!(starts.finish(), scan(text), "{text:?} cut at {cut}");
            }
        }
        assert_eq!(line_starts("a\r\nb\rc\n"), [0, 3, 5, 7]);
    }

    #[test]
    fn a_range_is_its_two_positions() {
        let texts = [
            "ab\r\ncd\ref\n",
            "é😀和\r\n平x\n\n",
            "\r\r\n",
            "",
            "one line",
        ];
        for text in texts {
            for encoding in [Utf8, Utf16] {
                let index = LineIndex::new(text, encoding);
                for start in 0..=text.len() + 1 {
                    for end in 0..=text.len() + 1 {
                        assert_eq!(
                            index.range(text, start, end),
                            Range::new(index.position(text, start), index.position(text, end)),
                            "{text:?} {start}..{end} {encoding:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn trailing_newline_opens_an_empty_last_line() {
        let text = "ab\n";
        round_trip(text, Utf16, 3, pos(1, 0));
    }
}
