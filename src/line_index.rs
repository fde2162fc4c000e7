//! Byte offset -> 1-based line and column (in Unicode scalar values), for output,
//! and the character counts that make a column cheap to find on a very long line.

pub struct LineIndex<'a> {
    text: &'a str,
    /// Byte offset at which each line starts.
    line_starts: Vec<usize>,
    /// Characters before each offset, for text that is not all ASCII.
    counts: Option<UnitCounts>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let counts = (!text.is_ascii()).then(|| UnitCounts::new(text));
        LineIndex {
            text,
            line_starts,
            counts,
        }
    }

    /// 1-based (line, column); the column counts Unicode scalar values.
    /// Offsets past the end clamp to the end; offsets inside a character round down.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let column = match &self.counts {
            None => offset - start,
            Some(counts) => counts.chars_between(self.text, start, offset),
        };
        (line + 1, column + 1)
    }

    /// 1-based line of an offset.
    pub fn line(&self, offset: usize) -> usize {
        self.line_col(offset).0
    }
}

/// Running counts of characters, and of characters outside the Basic Multilingual
/// Plane (two UTF-16 units each), at every `STRIDE` bytes of a text. Counting from
/// the nearest mark makes any column a bounded count, where counting from the line's
/// start would make a long line's findings cost time quadratic in its length.
#[derive(Clone, Debug)]
pub struct UnitCounts {
    /// (characters, astral characters) before byte `k * STRIDE`.
    marks: Vec<(usize, usize)>,
}

const STRIDE: usize = 1024;

impl UnitCounts {
    pub fn new(text: &str) -> UnitCounts {
        let mut marks = Vec::with_capacity(text.len() / STRIDE + 1);
        let mut total = (0, 0);
        marks.push(total);
        for block in text.as_bytes().chunks(STRIDE) {
            let (chars, astral) = count_units(block);
            total = (total.0 + chars, total.1 + astral);
            marks.push(total);
        }
        UnitCounts { marks }
    }

    /// (characters, astral characters) in `text[..offset]`.
    fn before(&self, text: &str, offset: usize) -> (usize, usize) {
        let k = (offset / STRIDE).min(self.marks.len() - 1);
        let (chars, astral) = count_units(&text.as_bytes()[k * STRIDE..offset]);
        (self.marks[k].0 + chars, self.marks[k].1 + astral)
    }

    /// Characters in `text[from..to]` (both on character boundaries, `from <= to`).
    pub fn chars_between(&self, text: &str, from: usize, to: usize) -> usize {
        self.before(text, to).0 - self.before(text, from).0
    }

    /// UTF-16 code units in `text[from..to]`.
    pub fn utf16_between(&self, text: &str, from: usize, to: usize) -> usize {
        let (a, b) = (self.before(text, from), self.before(text, to));
        (b.0 - a.0) + (b.1 - a.1)
    }
}

/// Characters are counted by their first bytes; a four-byte character is astral.
fn count_units(bytes: &[u8]) -> (usize, usize) {
    let chars = bytes.iter().filter(|&&b| (b as i8) >= -0x40).count();
    let astral = bytes.iter().filter(|&&b| b >= 0xF0).count();
    (chars, astral)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_scalars_not_bytes() {
        let idx = LineIndex::new("a\r\n😀 和 x");
        assert_eq!(idx.line_col(0), (1, 1));
        let x = "a\r\n😀 和 x".find('x').unwrap();
        assert_eq!(idx.line_col(x), (2, 5));
    }

    #[test]
    fn counts_from_marks_match_counting_from_the_start() {
        let text = "é😀 和 plain words ".repeat(300);
        let counts = UnitCounts::new(&text);
        let boundaries = (0..=text.len()).filter(|&i| text.is_char_boundary(i));
        for (i, to) in boundaries.enumerate().step_by(7) {
            let from = i / 3;
            let from = (0..=from)
                .rev()
                .find(|&b| text.is_char_boundary(b))
                .unwrap();
            let piece = &text[from..to.max(from)];
            let (to, expected) = (to.max(from), piece.chars().count());
            assert_eq!(counts.chars_between(&text, from, to), expected);
            let units: usize = piece.chars().map(char::len_utf16).sum();
            assert_eq!(counts.utf16_between(&text, from, to), units);
        }
    }

    #[test]
    fn a_column_far_along_one_long_line_is_exact() {
        let text = format!("{}x", "😀 和 ".repeat(2000));
        let idx = LineIndex::new(&text);
        assert_eq!(idx.line_col(text.len() - 1), (1, 4 * 2000 + 1));
    }
}
