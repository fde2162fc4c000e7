//! Suppression directives written in the draft itself, so they work in every editor.
//!
//! Markdown uses HTML comments, which readers never see:
//! - `<!-- truthlens-disable [rule, ...] -->` ... `<!-- truthlens-enable [rule, ...] -->`: a range;
//! - `<!-- truthlens-ignore [rule, ...] ["term"] -->` and `<!-- truthlens-disable-next-line ... -->`:
//!   the next block, or the block the comment sits in when it is inline.
//!
//! Plain text uses a line of its own: `truthlens: disable rule`, `truthlens: enable`, ...
//! No rule means every rule. A quoted term narrows an ignore to findings on that exact text.

use super::prose::ProseMap;
use super::{Format, Span};
use regex::Regex;
use std::sync::OnceLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DirectiveKind {
    Disable,
    Enable,
    Ignore,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    /// The whole comment or line.
    pub span: Span,
    pub kind: DirectiveKind,
    /// Empty means every rule.
    pub rules: Vec<String>,
    /// Only findings whose text is this term (case-insensitive).
    pub term: Option<String>,
}

/// Where findings are silenced.
#[derive(Clone, Debug, Default)]
pub struct Suppressions {
    pub directives: Vec<Directive>,
    regions: Vec<Region>,
}

#[derive(Clone, Debug)]
struct Region {
    span: Span,
    /// Empty means every rule (minus `except`).
    rules: Vec<String>,
    except: Vec<String>,
    term: Option<String>,
}

impl Suppressions {
    /// Whether no finding can be suppressed at all.
    pub fn is_empty(&self) -> bool {
        self.regions.is_empty()
    }

    /// True when a finding of `rule` over `span` (whose text is `text`) is silenced.
    pub fn suppresses(&self, rule: &str, span: Span, text: &str) -> bool {
        self.regions.iter().any(|r| {
            r.span.start <= span.start
                && span.end <= r.span.end
                && (r.rules.is_empty() || r.rules.iter().any(|x| x == rule))
                && !r.except.iter().any(|x| x == rule)
                && r.term.as_ref().is_none_or(|t| t.eq_ignore_ascii_case(text))
        })
    }
}

fn syntax() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r#"(?x)^\s*truthlens(?:-|:\s*)(disable-next-line|disable|enable|ignore)\b
               \s*(?P<rules>[a-z0-9\-,\s]*?)\s*(?:"(?P<term>[^"]*)")?\s*$"#,
        )
        .expect("directive pattern compiles")
    })
}

/// Parse one directive body (the comment's inside, or a plain-text line).
pub fn parse_directive(body: &str, span: Span) -> Option<Directive> {
    let caps = syntax().captures(body)?;
    let kind = match &caps[1] {
        "disable" => DirectiveKind::Disable,
        "enable" => DirectiveKind::Enable,
        _ => DirectiveKind::Ignore,
    };
    let rules = caps["rules"]
        .split([',', ' ', '\t'])
        .filter(|r| !r.is_empty())
        .map(str::to_string)
        .collect();
    let term = caps.name("term").map(|m| m.as_str().to_string());
    Some(Directive {
        span,
        kind,
        rules,
        term,
    })
}

/// The directives of a draft and the regions they silence.
pub fn find(text: &str, format: Format, prose: &ProseMap) -> Suppressions {
    // The prose map records HTML comments in both formats, and plain text's
    // `truthlens:` directive lines as comments too.
    let directives: Vec<Directive> = prose
        .comments
        .iter()
        .filter_map(|c| {
            let body = c.text(text);
            let inner = match body.strip_prefix("<!--") {
                Some(rest) => rest.trim_end_matches("-->"),
                None if format == Format::PlainText => body,
                None => return None,
            };
            parse_directive(inner, *c)
        })
        .collect();
    let regions = regions(&directives, prose, text.len());
    Suppressions {
        directives,
        regions,
    }
}

fn regions(directives: &[Directive], prose: &ProseMap, len: usize) -> Vec<Region> {
    let mut regions = Vec::new();
    // Sweep the disable/enable directives in order, tracking what is off between them.
    let mut state = RangeState::default();
    let mut from = 0;
    for d in directives {
        match d.kind {
            DirectiveKind::Disable | DirectiveKind::Enable => {
                regions.extend(state.region(Span::new(from, d.span.start)));
                state.apply(d);
                from = d.span.end;
            }
            DirectiveKind::Ignore => {
                let block = prose
                    .blocks
                    .iter()
                    .find(|b| b.span.contains(d.span) || b.span.start >= d.span.end);
                if let Some(b) = block {
                    regions.push(Region {
                        span: b.span,
                        rules: d.rules.clone(),
                        except: Vec::new(),
                        term: d.term.clone(),
                    });
                }
            }
        }
    }
    regions.extend(state.region(Span::new(from, len)));
    regions
}

/// What the disable/enable directives have switched off at some point of the text.
#[derive(Default)]
struct RangeState {
    /// Every rule is off, except `except`.
    all_off: bool,
    except: Vec<String>,
    /// Rules off while `all_off` is false.
    off: Vec<String>,
}

impl RangeState {
    fn apply(&mut self, d: &Directive) {
        let disable = d.kind == DirectiveKind::Disable;
        if d.rules.is_empty() {
            self.all_off = disable;
            self.except.clear();
            self.off.clear();
            return;
        }
        for rule in &d.rules {
            // Switching a rule off removes it from the exceptions, and so on.
            let (add_to, remove_from) = match (self.all_off, disable) {
                (true, true) => (None, Some(&mut self.except)),
                (true, false) => (Some(&mut self.except), None),
                (false, true) => (Some(&mut self.off), None),
                (false, false) => (None, Some(&mut self.off)),
            };
            if let Some(list) = remove_from {
                list.retain(|r| r != rule);
            }
            if let Some(list) = add_to {
                if !list.contains(rule) {
                    list.push(rule.clone());
                }
            }
        }
    }

    fn region(&self, span: Span) -> Option<Region> {
        if span.is_empty() || (!self.all_off && self.off.is_empty()) {
            return None;
        }
        let (rules, except) = if self.all_off {
            (Vec::new(), self.except.clone())
        } else {
            (self.off.clone(), Vec::new())
        };
        Some(Region {
            span,
            rules,
            except,
            term: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rules_and_terms() {
        let d = parse_directive(
            " truthlens-ignore loaded-language \"regime\" ",
            Span::new(0, 1),
        )
        .unwrap();
        assert_eq!(d.kind, DirectiveKind::Ignore);
        assert_eq!(d.rules, vec!["loaded-language"]);
        assert_eq!(d.term.as_deref(), Some("regime"));
        let d = parse_directive(
            "truthlens-disable loaded-language, single-source",
            Span::new(0, 1),
        )
        .unwrap();
        assert_eq!(d.rules, vec!["loaded-language", "single-source"]);
        let d = parse_directive("truthlens: disable-next-line", Span::new(0, 1)).unwrap();
        assert_eq!((d.kind, d.rules.len()), (DirectiveKind::Ignore, 0));
        assert!(parse_directive("just a comment", Span::new(0, 1)).is_none());
        assert!(parse_directive("truthlens-disabled", Span::new(0, 1)).is_none());
    }

    fn sweep(directives: &[(&str, usize)]) -> Suppressions {
        let directives: Vec<Directive> = directives
            .iter()
            .map(|(body, at)| parse_directive(body, Span::new(*at, at + 1)).unwrap())
            .collect();
        let regions = regions(&directives, &ProseMap::default(), 100);
        Suppressions {
            directives,
            regions,
        }
    }

    #[test]
    fn disable_all_then_enable_one_keeps_the_others_off() {
        let s = sweep(&[
            ("truthlens-disable", 10),
            ("truthlens-enable loaded-language", 50),
        ]);
        assert!(s.suppresses("loaded-language", Span::new(20, 25), "x"));
        assert!(!s.suppresses("loaded-language", Span::new(60, 65), "x"));
        assert!(s.suppresses("single-source", Span::new(60, 65), "x"));
        assert!(!s.suppresses("single-source", Span::new(2, 5), "x"));
    }

    #[test]
    fn a_named_range_ends_at_its_enable() {
        let s = sweep(&[
            ("truthlens-disable single-source", 10),
            ("truthlens-enable", 50),
        ]);
        assert!(s.suppresses("single-source", Span::new(20, 25), "x"));
        assert!(!s.suppresses("loaded-language", Span::new(20, 25), "x"));
        assert!(!s.suppresses("single-source", Span::new(60, 65), "x"));
    }
}
