//! `Norm`: a token's normal form (lower case, straight apostrophes), kept inline.
//!
//! Every word of a draft gets one, so it must not cost a heap allocation: forms of
//! up to 22 bytes (nearly every word) are stored in place, longer ones on the heap.
//! It reads like a `&str` (`Deref`, `as_str`, comparisons with `str` and `String`).
//! Other short texts that are copied a lot (the names and titles of a source mention)
//! use it too: cloning an inline one is a plain copy.

use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

const INLINE: usize = 22;

#[derive(Clone)]
pub struct Norm(Repr);

#[derive(Clone)]
enum Repr {
    /// `buf[..len]` is a whole `str`, copied in by `Norm::new` or `Norm::ascii_lower`.
    Inline {
        len: u8,
        buf: [u8; INLINE],
    },
    Heap(Box<str>),
}

impl Norm {
    pub fn new(s: &str) -> Norm {
        if s.len() <= INLINE {
            let mut buf = [0u8; INLINE];
            buf[..s.len()].copy_from_slice(s.as_bytes());
            Norm(Repr::Inline {
                len: s.len() as u8,
                buf,
            })
        } else {
            Norm(Repr::Heap(s.into()))
        }
    }

    /// `s` with ASCII letters lowercased (what `str::to_lowercase` gives for ASCII text).
    /// Inlined, so the bytes go straight into the caller's token.
    #[inline]
    pub fn ascii_lower(s: &str) -> Norm {
        if s.len() <= INLINE {
            let mut buf = [0u8; INLINE];
            // Lowercase while copying: a copy, then a pass over the whole buffer, made
            // the CPU wait for the copy's narrow stores before its wide loads.
            for (to, from) in buf.iter_mut().zip(s.bytes()) {
                *to = from.to_ascii_lowercase();
            }
            Norm(Repr::Inline {
                len: s.len() as u8,
                buf,
            })
        } else {
            Norm(Repr::Heap(s.to_ascii_lowercase().into()))
        }
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            // SAFETY: `buf[..len]` is always a byte copy of a whole `str` (`new`), an
            // ASCII-lowercased `str` (`ascii_lower`, which keeps UTF-8 valid), or a
            // prefix of one cut at a character boundary (`truncate`).
            Repr::Inline { len, buf } => unsafe {
                std::str::from_utf8_unchecked(&buf[..*len as usize])
            },
            Repr::Heap(s) => s,
        }
    }

    /// Keep the first `len` bytes. Panics unless `len` is a character boundary.
    pub fn truncate(&mut self, len: usize) {
        assert!(self.as_str().is_char_boundary(len));
        match &mut self.0 {
            Repr::Inline { len: l, .. } => *l = len as u8,
            Repr::Heap(s) => *self = Norm::new(&s[..len]),
        }
    }
}

impl Default for Norm {
    fn default() -> Self {
        Norm::new("")
    }
}

impl Deref for Norm {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Norm {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for Norm {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for Norm {
    fn from(s: &str) -> Self {
        Norm::new(s)
    }
}

impl From<String> for Norm {
    fn from(s: String) -> Self {
        Norm::new(&s)
    }
}

impl From<Norm> for String {
    fn from(n: Norm) -> Self {
        n.as_str().to_string()
    }
}

impl PartialEq for Norm {
    fn eq(&self, other: &Norm) -> bool {
        self.as_str() == other.as_str()
    }
}
impl Eq for Norm {}

impl Hash for Norm {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state)
    }
}

impl PartialEq<str> for Norm {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}
impl PartialEq<&str> for Norm {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}
impl PartialEq<String> for Norm {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}
impl PartialEq<Norm> for str {
    fn eq(&self, other: &Norm) -> bool {
        self == other.as_str()
    }
}
impl PartialEq<Norm> for &str {
    fn eq(&self, other: &Norm) -> bool {
        *self == other.as_str()
    }
}
impl PartialEq<Norm> for String {
    fn eq(&self, other: &Norm) -> bool {
        self.as_str() == other.as_str()
    }
}

impl fmt::Debug for Norm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Norm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_and_heap_forms_read_back() {
        for s in [
            "",
            "said",
            "u.s",
            "'s",
            "x".repeat(22).as_str(),
            "y".repeat(23).as_str(),
            "é😀",
        ] {
            let n = Norm::new(s);
            assert_eq!(n.as_str(), s);
            assert_eq!(n, s);
            assert_eq!(format!("{n:?}"), format!("{s:?}"));
        }
        assert_eq!(Norm::ascii_lower("Mr.Smith"), "mr.smith");
        assert_eq!(Norm::ascii_lower(&"AB".repeat(20)), "ab".repeat(20));
        let mut n = Norm::new("senate's");
        n.truncate(6);
        assert_eq!(n, "senate");
        let mut n = Norm::new(&"q".repeat(30));
        n.truncate(28);
        assert_eq!(n.len(), 28);
    }
}
