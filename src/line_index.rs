//! Byte offset -> 1-based line and column (in Unicode scalar values), for output.

pub struct LineIndex<'a> {
    text: &'a str,
    /// Byte offset at which each line starts.
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, line_starts }
    }

    /// 1-based (line, column); the column counts Unicode scalar values.
    /// Offsets past the end clamp to the end; offsets inside a character round down.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let column = self.text[self.line_starts[line]..offset].chars().count();
        (line + 1, column + 1)
    }

    /// 1-based line of an offset.
    pub fn line(&self, offset: usize) -> usize {
        self.line_col(offset).0
    }
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
}
