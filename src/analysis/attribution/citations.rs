//! Citations: links, footnote references and bracketed references.
//!
//! These are read from the ORIGINAL text, because the prose map masks link
//! syntax (the masked copy keeps a link's words but blanks its URL).

use crate::analysis::Span;
use regex::Regex;
use std::sync::OnceLock;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Citation {
    /// The whole link, footnote reference or bracket.
    pub span: Span,
    /// What it points at: the URL, the footnote label or the reference text.
    pub target: String,
}

fn patterns() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(concat!(
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
        ))
        .expect("citation regex compiles")
    })
}

/// Text that every citation pattern needs: a bracket, `<`, `(`, a URL scheme or a
/// reference-list marker. A region with none of them has no citation, and skipping
/// the regex there saves most of its cost on ordinary prose.
fn may_cite(slice: &str) -> bool {
    static RE: OnceLock<aho_corasick::AhoCorasick> = OnceLock::new();
    RE.get_or_init(|| {
        aho_corasick::AhoCorasick::new([
            "[",
            "<",
            "(",
            "http",
            " et al",
            "ISBN",
            "doi:",
            "arXiv:",
            "Retrieved",
        ])
        .expect("fixed literals build a matcher")
    })
    .is_match(slice)
}

/// Every citation inside `region` of `text`.
pub fn find(text: &str, region: Span) -> Vec<Citation> {
    let slice = &text[region.start..region.end];
    let mut out = Vec::new();
    if !may_cite(slice) {
        return out;
    }
    for caps in patterns().captures_iter(slice) {
        let m = caps.get(0).expect("whole match");
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

#[cfg(test)]
mod tests {
    use super::*;

    fn targets(s: &str) -> Vec<String> {
        find(s, Span::new(0, s.len()))
            .into_iter()
            .map(|c| c.target)
            .collect()
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
