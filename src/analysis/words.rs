//! Word tokens over the masked prose: the shared unit that lexicons match against.

use super::Span;
use unicode_segmentation::UnicodeSegmentation;

/// A word: a run of letters and digits, joined by inner apostrophes and
/// hyphens (don't, world-class) and, between digits, by `.` and `,` (3.5, 1,000).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word {
    pub span: Span,
}

/// Tokenise `text` (usually the masked prose) into words with absolute offsets.
///
/// Works on grapheme clusters, so combining accents stay inside their word.
pub fn words(text: &str, base: usize) -> Vec<Word> {
    let graphemes: Vec<(usize, &str)> = text.grapheme_indices(true).collect();
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, &(offset, g)) in graphemes.iter().enumerate() {
        let joins = start.is_some()
            && joins_word(
                g,
                i.checked_sub(1).and_then(|p| graphemes.get(p)),
                graphemes.get(i + 1),
            );
        if is_word_char(g) || joins {
            start.get_or_insert(offset);
        } else if let Some(s) = start.take() {
            out.push(Word {
                span: Span::new(base + s, base + offset),
            });
        }
    }
    if let Some(s) = start {
        out.push(Word {
            span: Span::new(base + s, base + text.len()),
        });
    }
    out
}

fn is_word_char(g: &str) -> bool {
    g.chars().next().is_some_and(char::is_alphanumeric)
}

fn first_char(g: Option<&(usize, &str)>) -> Option<char> {
    g.and_then(|(_, s)| s.chars().next())
}

/// Punctuation that stays inside a word when a word character follows.
fn joins_word(g: &str, prev: Option<&(usize, &str)>, next: Option<&(usize, &str)>) -> bool {
    let next = first_char(next);
    match g {
        "'" | "’" | "-" | "‐" => next.is_some_and(char::is_alphanumeric),
        "." | "," => {
            first_char(prev).is_some_and(|c| c.is_ascii_digit())
                && next.is_some_and(|c| c.is_ascii_digit())
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        words(text, 0).iter().map(|w| w.span.text(text)).collect()
    }

    #[test]
    fn apostrophes_and_hyphens_join_inside_words() {
        assert_eq!(
            texts("Don't call it world-class, students' ’90s."),
            ["Don't", "call", "it", "world-class", "students", "90s"]
        );
    }

    #[test]
    fn numbers_keep_decimal_points_and_thousands() {
        assert_eq!(
            texts("3.5 or 1,000, or 7."),
            ["3.5", "or", "1,000", "or", "7"]
        );
    }

    #[test]
    fn base_offsets_every_span() {
        let w = words("ab cd", 10);
        assert_eq!(w[1].span, Span::new(13, 15));
    }

    #[test]
    fn combining_accent_stays_in_word_and_cjk_is_wordy() {
        let text = "cafe\u{301} 北京 😀 x";
        assert_eq!(texts(text), ["cafe\u{301}", "北京", "x"]);
    }

    #[test]
    fn masked_blanks_split_words() {
        assert_eq!(texts("a   b"), ["a", "b"]);
        assert!(words("   ", 0).is_empty());
    }
}
