//! What the tagger reads of each word, hashed once per token.
//!
//! A word is normalised before it is hashed: lowercased, curly quotes and
//! apostrophes made straight, digits made `0` ("1990" and "2024" share their
//! features). Its shape keeps the case the normalised form drops. Nothing here
//! allocates: the normalised characters go straight into the hash.

use super::lexicon::Lexicon;

/// The class a word has no direct tag for.
pub(super) const NO_CLASS: u8 = u8::MAX;

/// The class set of a word the dictionary does not know.
pub(super) const NO_SET: u16 = u16::MAX;

/// The hashes and dictionary facts of one token.
#[derive(Clone, Copy, Default)]
pub(super) struct Token {
    /// The normalised (lowercased) form.
    pub lower: u64,
    /// The first one, two and three characters of the normalised form.
    pub prefix: [u64; 3],
    /// The last one to four characters of the normalised form.
    pub suffix: [u64; 4],
    /// Character classes ("Xxx", "dd,dd", "x'x"), runs cut at two.
    pub shape: u64,
    pub case: Case,
    /// The ambiguity class: a hash of the tags the word had in training (0 when unseen).
    pub ambiguity: u64,
    /// The class of a word that always had one tag in training, or `NO_CLASS`.
    pub direct: u8,
    /// Its classes in training (`Lexicon::set`), or `NO_SET`.
    pub known: u16,
}

#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub(super) enum Case {
    #[default]
    NoLetters,
    Lower,
    Title,
    Upper,
    Mixed,
}

impl Token {
    /// Reads `word`; with `fold_case`, its shape is taken as if it were lowercase
    /// (for ALL-CAPS headlines, where capitals say nothing about the word).
    pub fn read(word: &str, lexicon: &Lexicon, fold_case: bool) -> Token {
        let mut hasher = FormHasher::default();
        for c in word.chars() {
            hasher.push(c);
        }
        let lower = hasher.finish();
        let (shape, case) = shape_and_case(word, fold_case);
        let entry = lexicon.get(lower);
        Token {
            lower,
            prefix: hasher.prefixes(),
            suffix: hasher.suffixes(),
            shape,
            case,
            ambiguity: entry.map_or(0, |e| e.ambiguity),
            direct: entry.map_or(NO_CLASS, |e| e.direct),
            known: entry.map_or(NO_SET, |e| e.set),
        }
    }

    /// The padding around a sentence (`side` tells the start from the end).
    pub fn boundary(side: u64) -> Token {
        let h = mix(0xb0da_0000 + side);
        Token {
            lower: h,
            prefix: [h; 3],
            suffix: [h; 4],
            shape: h,
            case: Case::NoLetters,
            ambiguity: h,
            direct: NO_CLASS,
            known: NO_SET,
        }
    }
}

/// The normalised form of a word as a string (for the lexicon and lemma tables).
#[cfg(test)]
pub(super) fn normalised(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        for l in lower(c) {
            out.push(normal_char(l));
        }
    }
    out
}

/// The hash of a word's normalised form, the key of the lexicon.
pub(super) fn form_hash(word: &str) -> u64 {
    let mut h = FormHasher::default();
    for c in word.chars() {
        h.push(c);
    }
    h.finish()
}

#[cfg(test)]
fn lower(c: char) -> impl Iterator<Item = char> {
    // The ASCII fast path skips the Unicode case tables.
    let ascii = c.is_ascii().then(|| c.to_ascii_lowercase());
    let other = (!c.is_ascii())
        .then(|| c.to_lowercase())
        .into_iter()
        .flatten();
    ascii.into_iter().chain(other)
}

/// Straight quotes for curly ones, `0` for every digit.
fn normal_char(c: char) -> char {
    match c {
        '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => '"',
        '\u{2013}' | '\u{2014}' => '-',
        '0'..='9' => '0',
        c => c,
    }
}

/// FNV-1a over the normalised characters, remembering prefixes and the last four characters.
struct FormHasher {
    state: u64,
    count: usize,
    prefix: [u64; 3],
    last: [char; 4],
}

impl Default for FormHasher {
    fn default() -> Self {
        FormHasher {
            state: FNV_OFFSET,
            count: 0,
            prefix: [0; 3],
            last: ['\0'; 4],
        }
    }
}

impl FormHasher {
    fn push(&mut self, c: char) {
        if c.is_ascii() {
            self.push_normal(normal_char(c.to_ascii_lowercase()));
        } else {
            for l in c.to_lowercase() {
                self.push_normal(normal_char(l));
            }
        }
    }

    /// Adds one lowercased, normalised character.
    #[inline]
    fn push_normal(&mut self, n: char) {
        self.state = fnv_char(self.state, n);
        self.last = [self.last[1], self.last[2], self.last[3], n];
        if self.count < 3 {
            self.prefix[self.count] = mix(self.state ^ 0x7072_6566);
        }
        self.count += 1;
    }

    /// Hashes of the first 1..=3 characters; a short word's missing prefixes are the whole word.
    fn prefixes(&self) -> [u64; 3] {
        let mut out = self.prefix;
        for slot in out.iter_mut().skip(self.count) {
            *slot = mix(self.state ^ 0x7072_6566);
        }
        out
    }

    fn finish(&self) -> u64 {
        mix(self.state)
    }

    /// Hashes of the last 1..=4 characters (the whole word when it is shorter).
    fn suffixes(&self) -> [u64; 4] {
        let mut out = [0; 4];
        for (k, slot) in out.iter_mut().enumerate() {
            let take = (k + 1).min(self.count);
            let mut h = FNV_OFFSET ^ 0x7375_6666;
            for &c in &self.last[4 - take..] {
                h = fnv_char(h, c);
            }
            *slot = mix(h);
        }
        out
    }
}

fn shape_and_case(word: &str, fold_case: bool) -> (u64, Case) {
    let (mut upper, mut lower_count, mut first_upper, mut letters) =
        (0usize, 0usize, false, 0usize);
    let mut h = FNV_OFFSET ^ 0x7368_6170;
    let (mut prev, mut run, mut emitted) = ('\0', 0, 0);
    for c in word.chars() {
        let class = if c.is_alphabetic() {
            let up = c.is_uppercase();
            first_upper |= letters == 0 && up;
            letters += 1;
            upper += usize::from(up);
            lower_count += usize::from(!up);
            if up && !fold_case {
                'X'
            } else {
                'x'
            }
        } else if c.is_ascii_digit() {
            'd'
        } else if c.is_ascii() {
            c
        } else {
            match normal_char(c) {
                n if n.is_ascii() => n,
                _ => '*',
            }
        };
        run = if class == prev { run + 1 } else { 1 };
        prev = class;
        // Runs are cut at two and the whole shape at twelve classes.
        if run <= 2 && emitted < 12 {
            h = fnv_char(h, class);
            emitted += 1;
        }
    }
    let case = match (letters, upper) {
        (0, _) => Case::NoLetters,
        _ if fold_case => Case::Lower,
        (_, 0) => Case::Lower,
        (1, 1) => Case::Title,
        (n, u) if u == n => Case::Upper,
        (_, 1) if first_upper => Case::Title,
        _ if lower_count == 0 => Case::Upper,
        _ => Case::Mixed,
    };
    (mix(h), case)
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

#[inline]
fn fnv_char(mut h: u64, c: char) -> u64 {
    if c.is_ascii() {
        return (h ^ c as u64).wrapping_mul(FNV_PRIME);
    }
    let mut buf = [0u8; 4];
    for &b in c.encode_utf8(&mut buf).as_bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
    }
    h
}

/// A 64-bit finaliser (murmur3's), so every bit of the input reaches the low bits.
pub(super) fn mix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^= h >> 33;
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_quotes_and_digits_are_normalised() {
        assert_eq!(form_hash("Don\u{2019}t"), form_hash("don't"));
        assert_eq!(form_hash("1990"), form_hash("2024"));
        assert_eq!(form_hash("OBAMA"), form_hash("obama"));
        assert_ne!(form_hash("us"), form_hash("use"));
        assert_eq!(normalised("It\u{2019}S 12"), "it's 00");
    }

    #[test]
    fn case_classes() {
        assert_eq!(shape_and_case("Monday", false).1, Case::Title);
        assert_eq!(shape_and_case("NATO", false).1, Case::Upper);
        assert_eq!(shape_and_case("NATO", true).1, Case::Lower);
        assert_eq!(shape_and_case("iPhone", false).1, Case::Mixed);
        assert_eq!(shape_and_case("I", false).1, Case::Title);
        assert_eq!(shape_and_case("42", false).1, Case::NoLetters);
        assert_eq!(
            shape_and_case("Monday", false).0,
            shape_and_case("Friday", false).0
        );
    }
}
