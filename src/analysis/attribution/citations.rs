//! Citations: links, footnote references and bracketed references.
//!
//! These are read from the ORIGINAL text, because the prose map masks link
//! syntax (the masked copy keeps a link's words but blanks its URL).

use crate::analysis::Span;
use regex_automata::{meta, Anchored, Input};
use std::sync::OnceLock;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Citation {
    /// The whole link, footnote reference or bracket.
    pub span: Span,
    /// What it points at: the URL, the footnote label or the reference text.
    pub target: String,
}

/// Links, footnote references, bracketed and author-year references, reference markers.
const PATTERN: &str = concat!(
    // Inline link [text](url "title"); images (![alt](src)) are filtered below.
    r#"(?P<link>\[[^\]\n]*\]\(\s*<?(?P<url>[^)\s>]+)>?(?:\s+(?:"[^"\n]*"|'[^'\n]*'))?\s*\))"#,
    // Footnote reference [^label], not its definition "[^label]:".
    r"|(?P<foot>\[\^(?P<label>[^\]\s]+)\])",
    // Reference-style link [text][ref].
    r"|(?P<reflink>\[[^\]\n]+\]\[(?P<ref>[^\]\n]*)\])",
    // Numeric reference [1], [2, 3], [4-6].
    r"|(?P<num>\[(?P<nums>\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)\])",
    // Autolink and bare URL.
    r"|<(?P<auto>https?://[^>\s]+)>",
    r"|(?P<bare>https?://[^\s)\]>]+[^\s)\]>.,;:!?])",
    // Author-year reference: (Smith 2020), (Smith and Jones, 2019), (Smith et al., 2021).
    r"|(?P<authyear>\((?:[A-Z][\p{L}'’-]+)(?: (?:and|&) [A-Z][\p{L}'’-]+| et al\.)?,? (?:1[89]|20)\d\d[a-z]?\))",
    // Reference-list markers left inline: "Smith et al.", "ISBN 0-7499-2391-1",
    // "doi:10.1000/182", "Retrieved May 4, 2008".
    r"|(?P<marker>\b(?:[A-Z][\p{L}'’-]+ et al\.?|ISBN(?:-1[03])?:?\s*[\dX-]{10,17}|doi:\s*10\.\d{4,9}/\S+|arXiv:\s*\d{4}\.\d{4,5}|Retrieved (?:on )?[A-Z][a-z]+\.? \d{1,2},? \d{4}))",
);

fn patterns() -> &'static meta::Regex {
    static RE: OnceLock<meta::Regex> = OnceLock::new();
    RE.get_or_init(|| meta::Regex::new(PATTERN).expect("citation regex compiles"))
}

/// Literals that every match contains, found in one pass: a bracket, `<`, `(`, a URL
/// scheme or a reference-list marker.
fn literals() -> &'static aho_corasick::AhoCorasick {
    static AC: OnceLock<aho_corasick::AhoCorasick> = OnceLock::new();
    AC.get_or_init(|| {
        aho_corasick::AhoCorasick::new(LITERALS).expect("fixed literals build a matcher")
    })
}

const LITERALS: [&str; 9] = [
    "[",
    "<",
    "(",
    "http",
    " et al",
    "ISBN",
    "doi:",
    "arXiv:",
    "Retrieved",
];
/// Index of " et al" in `LITERALS`: the one match that starts before its literal.
const ET_AL: usize = 4;

/// Where a match can start: at each literal, except that "Smith et al." starts at its
/// name, somewhere in the run of non-blank characters before " et al". Sorted.
fn candidate_starts(slice: &str) -> Vec<usize> {
    let mut out = Vec::new();
    for m in literals().find_overlapping_iter(slice) {
        if m.pattern().as_usize() == ET_AL {
            let run_start = slice[..m.start()]
                .char_indices()
                .rev()
                .find(|&(_, c)| c.is_whitespace())
                .map_or(0, |(i, c)| i + c.len_utf8());
            out.extend(
                slice[run_start..m.start()]
                    .char_indices()
                    .map(|(i, _)| run_start + i),
            );
        } else {
            out.push(m.start());
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Every citation inside `region` of `text`.
///
/// The same matches as running the regex over the region from left to right: every
/// match starts at a candidate position, so an anchored search at each candidate
/// (after the previous match) finds the leftmost match, and the stretches of prose
/// in between are never scanned by the regex.
pub fn find(text: &str, region: Span) -> Vec<Citation> {
    let slice = &text[region.start..region.end];
    let mut out = Vec::new();
    let starts = candidate_starts(slice);
    if starts.is_empty() {
        return out;
    }
    let re = patterns();
    let mut caps = re.create_captures();
    let mut last_end = 0;
    for s in starts {
        if s < last_end {
            continue;
        }
        let input = Input::new(slice)
            .span(s..slice.len())
            .anchored(Anchored::Yes);
        re.search_captures(&input, &mut caps);
        let Some(m) = caps.get_match() else {
            continue;
        };
        last_end = m.end();
        let group = |name: &str| caps.get_group_by_name(name).map(|g| &slice[g.start..g.end]);
        let whole = &slice[m.start()..m.end()];
        let start = region.start + m.start();
        let end = region.start + m.end();
        let target = if group("link").is_some() {
            if start > 0 && text.as_bytes()[start - 1] == b'!' {
                continue;
            }
            group("url").unwrap_or_default().to_string()
        } else if group("foot").is_some() {
            if text[end..].starts_with(':') {
                continue;
            }
            format!("^{}", group("label").unwrap_or_default())
        } else if group("reflink").is_some() {
            let r = group("ref").unwrap_or_default();
            if r.is_empty() {
                whole.to_string()
            } else {
                r.to_string()
            }
        } else if let Some(n) = group("nums") {
            format!("[{n}]")
        } else if let Some(u) = group("auto").or(group("bare")) {
            u.to_string()
        } else {
            whole.to_string()
        };
        out.push(Citation {
            span: Span::new(start, end),
            target,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn targets(s: &str) -> Vec<String> {
        find(s, Span::new(0, s.len()))
            .into_iter()
            .map(|c| c.target)
            .collect()
    }

    /// The straightforward scan that `find` must agree with: the regex over the region.
    fn reference(text: &str, region: Span) -> Vec<Citation> {
        static RE: OnceLock<regex::Regex> = OnceLock::new();
        let re = RE.get_or_init(|| regex::Regex::new(PATTERN).unwrap());
        let slice = &text[region.start..region.end];
        let mut out = Vec::new();
        for caps in re.captures_iter(slice) {
            let m = caps.get(0).unwrap();
            let start = region.start + m.start();
            let end = region.start + m.end();
            let target = if caps.name("link").is_some() {
                if start > 0 && text.as_bytes()[start - 1] == b'!' {
                    continue;
                }
                caps["url"].to_string()
            } else if caps.name("foot").is_some() {
                if text[end..].starts_with(':') {
                    continue;
                }
                format!("^{}", &caps["label"])
            } else if caps.name("reflink").is_some() {
                let r = &caps["ref"];
                if r.is_empty() {
                    m.as_str().to_string()
                } else {
                    r.to_string()
                }
            } else if let Some(n) = caps.name("nums") {
                format!("[{}]", n.as_str())
            } else if let Some(u) = caps.name("auto").or(caps.name("bare")) {
                u.as_str().to_string()
            } else {
                m.as_str().to_string()
            };
            out.push(Citation {
                span: Span::new(start, end),
                target,
            });
        }
        out
    }

    #[test]
    fn agrees_with_a_plain_regex_scan() {
        use proptest::prelude::*;
        const PIECES: &[&str] = &[
            "[",
            "]",
            "(",
            ")",
            "<",
            ">",
            "!",
            "^",
            ":",
            " ",
            "\n",
            "a",
            "Smith",
            "O'Brien",
            "\u{e9}",
            "Jos\u{e9}",
            "\u{c9}mile",
            " et al",
            " et al.",
            ",",
            " 2021",
            " 1999",
            "https://x.org/a",
            "http://y.",
            "ISBN 0-7499-2391-1",
            "doi:10.1000/182",
            "arXiv:2101.00001",
            "Retrieved May 4, 2008",
            "1",
            "23",
            "-",
            "\u{2013}",
            "\"t\"",
            " and ",
            "&",
            "x",
            ".",
            "\u{2019}",
            "[^1]",
            "[2, 3]",
            "][",
            "](",
        ];
        let text = proptest::collection::vec(proptest::sample::select(PIECES), 0..30)
            .prop_map(|p| p.concat());
        proptest!(ProptestConfig::with_cases(3000), |(t in text, cut in 0usize..4)| {
            // Also a region that starts after the text's first character.
            let from = t.char_indices().nth(cut).map_or(t.len(), |(i, _)| i);
            let region = Span::new(from, t.len());
            prop_assert_eq!(find(&t, region), reference(&t, region));
        });
    }

    #[test]
    fn links_footnotes_and_brackets() {
        assert_eq!(
            targets("Studies show it ([source](https://example.org/a)).[^1] See [2, 3]."),
            ["https://example.org/a", "^1", "[2, 3]"]
        );
        assert_eq!(targets("[^1]: The definition."), Vec::<String>::new());
        assert_eq!(targets("![a chart](chart.png)"), Vec::<String>::new());
        assert_eq!(
            targets("as shown (Smith et al., 2021)."),
            ["(Smith et al., 2021)"]
        );
        assert_eq!(
            targets("see https://example.org/x."),
            ["https://example.org/x"]
        );
    }
}
