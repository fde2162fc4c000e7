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
    let mut out = Vec::with_capacity(text.len() / 6);
    out.extend(WordSpans::new(text, base).map(|span| Word { span }));
    out
}

/// The spans of [`words`], one at a time, without collecting them.
pub struct WordSpans<'a> {
    base: usize,
    mode: Mode<'a>,
}

// One iterator lives on the stack per call; boxing the larger variant would cost an
// allocation per non-ASCII text for no gain.
#[allow(clippy::large_enum_variant)]
enum Mode<'a> {
    /// All-ASCII text: every byte is its own cluster, so bytes are walked directly.
    Ascii { bytes: &'a [u8], pos: usize },
    General {
        clusters: Clusters<'a>,
        /// The cluster to look at next.
        next: Option<Cluster>,
        /// The first character of the cluster before it.
        prev: Option<char>,
    },
}

impl<'a> WordSpans<'a> {
    pub fn new(text: &'a str, base: usize) -> Self {
        let mode = if text.is_ascii() {
            Mode::Ascii {
                bytes: text.as_bytes(),
                pos: 0,
            }
        } else {
            let mut clusters = Clusters::new(text);
            let next = clusters.next();
            Mode::General {
                clusters,
                next,
                prev: None,
            }
        };
        WordSpans { base, mode }
    }
}

impl Iterator for WordSpans<'_> {
    type Item = Span;

    fn next(&mut self) -> Option<Span> {
        match &mut self.mode {
            Mode::Ascii { bytes, pos } => {
                let bytes = *bytes;
                let mut i = *pos;
                while i < bytes.len() && !bytes[i].is_ascii_alphanumeric() {
                    i += 1;
                }
                if i == bytes.len() {
                    *pos = i;
                    return None;
                }
                let start = i;
                i += 1;
                while i < bytes.len() {
                    let c = bytes[i];
                    let next = bytes.get(i + 1).copied();
                    let joins = c.is_ascii_alphanumeric()
                        || match c {
                            b'\'' | b'-' => next.is_some_and(|n| n.is_ascii_alphanumeric()),
                            b'.' | b',' => {
                                bytes[i - 1].is_ascii_digit()
                                    && next.is_some_and(|n| n.is_ascii_digit())
                            }
                            _ => false,
                        };
                    if !joins {
                        break;
                    }
                    i += 1;
                }
                *pos = i;
                Some(Span::new(self.base + start, self.base + i))
            }
            Mode::General {
                clusters,
                next,
                prev,
            } => {
                let mut start: Option<usize> = None;
                while let Some(g) = *next {
                    let after = clusters.next();
                    let joins = start.is_some() && joins_word(g, *prev, after.map(|a| a.first));
                    *prev = Some(g.first);
                    *next = after;
                    if g.first.is_alphanumeric() || joins {
                        start.get_or_insert(g.offset);
                    } else if let Some(s) = start {
                        return Some(Span::new(self.base + s, self.base + g.offset));
                    }
                }
                start.map(|s| Span::new(self.base + s, self.base + clusters.text.len()))
            }
        }
    }
}

/// One grapheme cluster: where it starts, its first character, and whether it
/// is nothing but that character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Cluster {
    offset: usize,
    first: char,
    single: bool,
}

/// Extended grapheme clusters, as `grapheme_indices(true)` cuts them, with a
/// fast path for ASCII. Between two ASCII characters (other than CR LF) there is
/// always a cluster boundary, and no segmentation rule looks back across such a
/// pair, so only the stretches around non-ASCII characters (and CR LF) go through
/// the full segmentation, each on its own, with the same result.
struct Clusters<'a> {
    text: &'a str,
    pos: usize,
    /// The stretch being segmented the slow way, and where it starts.
    slow: Option<(usize, unicode_segmentation::GraphemeIndices<'a>)>,
}

impl<'a> Clusters<'a> {
    fn new(text: &'a str) -> Self {
        Clusters {
            text,
            pos: 0,
            slow: None,
        }
    }
}

/// A certain cluster boundary between these two bytes.
fn ascii_break(a: u8, b: u8) -> bool {
    a.is_ascii() && b.is_ascii() && !(a == b'\r' && b == b'\n')
}

impl Iterator for Clusters<'_> {
    type Item = Cluster;

    fn next(&mut self) -> Option<Cluster> {
        if let Some((base, slow)) = &mut self.slow {
            if let Some((offset, g)) = slow.next() {
                return Some(cluster(*base + offset, g));
            }
            self.slow = None;
        }
        let bytes = self.text.as_bytes();
        let pos = self.pos;
        let &b = bytes.get(pos)?;
        if b.is_ascii() && bytes.get(pos + 1).is_none_or(|&n| ascii_break(b, n)) {
            self.pos += 1;
            return Some(Cluster {
                offset: pos,
                first: b as char,
                single: true,
            });
        }
        let mut end = pos + 1;
        while end < bytes.len() && !ascii_break(bytes[end - 1], bytes[end]) {
            end += 1;
        }
        self.pos = end;
        let mut slow = self.text[pos..end].grapheme_indices(true);
        let first = slow.next().map(|(offset, g)| cluster(pos + offset, g));
        self.slow = Some((pos, slow));
        first
    }
}

fn cluster(offset: usize, g: &str) -> Cluster {
    let first = g.chars().next().unwrap_or('\0');
    Cluster {
        offset,
        first,
        single: g.len() == first.len_utf8(),
    }
}

/// Punctuation that stays inside a word when a word character follows.
fn joins_word(g: Cluster, prev: Option<char>, next: Option<char>) -> bool {
    if !g.single {
        return false;
    }
    match g.first {
        '\'' | '\u{2019}' | '-' | '\u{2010}' => next.is_some_and(char::is_alphanumeric),
        '.' | ',' => {
            prev.is_some_and(|c| c.is_ascii_digit()) && next.is_some_and(|c| c.is_ascii_digit())
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

    /// The straightforward implementation that `words` must agree with.
    fn reference(text: &str, base: usize) -> Vec<Word> {
        fn first(g: Option<&(usize, &str)>) -> Option<char> {
            g.and_then(|(_, s)| s.chars().next())
        }
        let graphemes: Vec<(usize, &str)> = text.grapheme_indices(true).collect();
        let mut out = Vec::new();
        let mut start: Option<usize> = None;
        for (i, &(offset, g)) in graphemes.iter().enumerate() {
            let prev = i.checked_sub(1).and_then(|p| graphemes.get(p));
            let next = first(graphemes.get(i + 1));
            let joins = start.is_some()
                && match g {
                    "'" | "\u{2019}" | "-" | "\u{2010}" => next.is_some_and(char::is_alphanumeric),
                    "." | "," => {
                        first(prev).is_some_and(|c| c.is_ascii_digit())
                            && next.is_some_and(|c| c.is_ascii_digit())
                    }
                    _ => false,
                };
            if g.chars().next().is_some_and(char::is_alphanumeric) || joins {
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

    #[test]
    fn agrees_with_plain_grapheme_segmentation() {
        use proptest::prelude::*;
        const PIECES: &[&str] = &[
            "a",
            "Z",
            "7",
            "0",
            " ",
            "\r",
            "\n",
            "\r\n",
            "'",
            "\u{2019}",
            "-",
            "\u{2010}",
            ".",
            ",",
            "\u{301}",
            "\u{200d}",
            "\u{fe0f}",
            "\u{1f600}",
            "\u{1f1fa}",
            "\u{1f1f8}",
            "\u{e9}",
            "\u{5317}",
            "\u{915}",
            "\u{94d}",
            "\u{937}",
            "\u{e33}",
            "\u{600}",
            "\u{1100}",
            "\u{1161}",
            "\u{ac00}",
            "\u{2014}",
            "\u{201c}",
            "\u{a0}",
            "\t",
            "#",
            "*",
        ];
        let text = proptest::collection::vec(proptest::sample::select(PIECES), 0..40)
            .prop_map(|p| p.concat());
        proptest!(ProptestConfig::with_cases(4000), |(t in text)| {
            prop_assert_eq!(words(&t, 3), reference(&t, 3));
        });
        // All-ASCII text takes the byte path.
        let ascii = proptest::collection::vec(
            proptest::sample::select(
                &[
                    "a", "Z", "7", "0", " ", "\r", "\n", "\r\n", "'", "-", ".", ",", "\t", "\x0b",
                    "#",
                ][..],
            ),
            0..40,
        )
        .prop_map(|p| p.concat());
        proptest!(ProptestConfig::with_cases(4000), |(t in ascii)| {
            prop_assert_eq!(words(&t, 3), reference(&t, 3));
        });
    }

    #[test]
    fn masked_blanks_split_words() {
        assert_eq!(texts("a   b"), ["a", "b"]);
        assert!(words("   ", 0).is_empty());
    }
}
