//! Per-draft settings in Markdown front matter.
//!
//! YAML front matter (`---`) may hold a `truthlens:` mapping and TOML front matter
//! (`+++`) a `[truthlens]` table, with the keys of `.truthlens.toml`. They override
//! the other layers for that draft only. Everything else in the front matter
//! belongs to other tools and is left alone, even when it does not parse, unless
//! it mentions `truthlens`.

use super::{line_col, locate, Config};
use crate::analysis::{Format, Span};
use serde::Deserialize;
use serde_json::Value;

/// Keys that cannot be set per draft, and why.
const NOT_PER_DRAFT: &[(&str, &str)] = &[
    (
        "run",
        "the server decides when to review before it reads the draft",
    ),
    (
        "files",
        "`check` picks the files to review before it reads them",
    ),
    (
        "max-document-bytes",
        "a draft's size is checked before it is read",
    ),
];

/// Settings text longer than this is not parsed: they are a few lines, and the
/// front matter is read again at every keystroke.
pub const MAX_SETTINGS_BYTES: usize = 64 * 1024;

/// Settings nested deeper than this are not parsed (the YAML parser's cost grows
/// with the square of the depth); real settings are three levels deep.
pub const MAX_SETTINGS_DEPTH: usize = 32;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Yaml,
    Toml,
}

/// The front matter block of a draft.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FrontMatter {
    pub kind: Kind,
    /// From the opening delimiter to the end of the closing delimiter's line,
    /// line break included.
    pub span: Span,
    /// Between the delimiter lines.
    pub body: Span,
}

/// The front matter of a Markdown draft: a `---` or `+++` line at the very top
/// (after a byte order mark) up to the next matching line (`...` also closes YAML).
pub fn find(text: &str) -> Option<FrontMatter> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut lines = line_spans(text, start);
    let first = lines.next()?;
    let kind = match text[first.start..first.end].trim_end() {
        "---" => Kind::Yaml,
        "+++" => Kind::Toml,
        _ => return None,
    };
    let body_start = first.end + line_break_len(text, first.end);
    for line in lines {
        let content = text[line.start..line.end].trim_end();
        let closes = match kind {
            Kind::Yaml => content == "---" || content == "...",
            Kind::Toml => content == "+++",
        };
        if closes {
            return Some(FrontMatter {
                kind,
                span: Span::new(start, line.end + line_break_len(text, line.end)),
                body: Span::new(body_start, line.start),
            });
        }
    }
    None
}

/// Lines from `from`, without their line breaks.
fn line_spans(text: &str, from: usize) -> impl Iterator<Item = Span> + '_ {
    let mut at = from;
    std::iter::from_fn(move || {
        if at >= text.len() {
            return None;
        }
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        let content_end = if end > at && text.as_bytes()[end - 1] == b'\r' {
            end - 1
        } else {
            end
        };
        let line = Span::new(at, content_end);
        at = end + 1;
        Some(line)
    })
}

fn line_break_len(text: &str, at: usize) -> usize {
    if text[at..].starts_with("\r\n") {
        2
    } else if text[at..].starts_with('\n') {
        1
    } else {
        0
    }
}

/// The `truthlens` settings of a draft, as given (not merged).
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// The settings object, with `.truthlens.toml` keys.
    pub value: Value,
}

/// A problem with the front matter settings, located in the draft.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("invalid truthlens settings in front matter (line {line}): {message}")]
pub struct Error {
    pub span: Span,
    /// 1-based line of `span.start` in the draft.
    pub line: usize,
    pub message: String,
}

impl Error {
    fn new(text: &str, span: Span, message: String) -> Error {
        Error {
            span,
            line: line_col(text, span.start).0,
            message,
        }
    }
}

#[derive(Deserialize)]
struct Wrapper<T> {
    #[serde(default)]
    truthlens: Option<T>,
}

/// The draft's front matter settings, if it has any.
pub fn settings(text: &str, format: Format) -> Result<Option<Settings>, Error> {
    if format != Format::Markdown {
        return Ok(None);
    }
    let Some(front) = find(text) else {
        return Ok(None);
    };
    let body = front.body.text(text);
    // Another tool's front matter is not ours to read, nor to pay for.
    if memchr::memmem::find(body.as_bytes(), b"truthlens").is_none() {
        return Ok(None);
    }
    match front.kind {
        Kind::Toml if within_limits(text, body, front.body.start, toml_key(body))? => {
            toml_settings(text, body, front.body.start)
        }
        Kind::Toml => Ok(None),
        Kind::Yaml => {
            // Only the `truthlens:` section is parsed when it is a top-level block.
            let (from, to) = yaml_section(body).unwrap_or((0, body.len()));
            let (section, base) = (&body[from..to], front.body.start + from);
            let key_at = yaml_key_line(section, 0, "truthlens")
                .or_else(|| memchr::memmem::find(section.as_bytes(), b"truthlens:"));
            if !within_limits(text, section, base, key_at)? {
                return Ok(None);
            }
            yaml_settings(text, section, base)
        }
    }
}

/// Whether settings are small and shallow enough to parse. Past the limits, an error
/// that says so when they hold `key`; anything else that large is another tool's
/// front matter, and is skipped.
fn within_limits(
    text: &str,
    settings: &str,
    base: usize,
    key_at: Option<usize>,
) -> Result<bool, Error> {
    let problem = if settings.len() > MAX_SETTINGS_BYTES {
        format!(
            "the front matter holding them is {} bytes, over the limit of {MAX_SETTINGS_BYTES}",
            settings.len()
        )
    } else {
        let depth = nesting_depth(settings);
        if depth <= MAX_SETTINGS_DEPTH {
            return Ok(true);
        }
        format!("they nest more than {MAX_SETTINGS_DEPTH} levels deep")
    };
    match key_at {
        Some(at) => Err(Error::new(
            text,
            Span::new(base + at, base + at + "truthlens".len()),
            format!("TruthLens did not read these settings: {problem}"),
        )),
        None => Ok(false),
    }
}

/// Where a TOML body names the `truthlens` table (`[truthlens]`, `[truthlens.rules]`,
/// `truthlens.allowlist = ...`), if it does.
fn toml_key(body: &str) -> Option<usize> {
    memchr::memmem::find_iter(body.as_bytes(), b"truthlens").find(|&at| {
        let before = body[..at].trim_end_matches([' ', '\t']);
        let after = body[at + "truthlens".len()..].trim_start_matches([' ', '\t', '"']);
        (before.ends_with('[') || before.ends_with('\n') || before.is_empty())
            && after.starts_with([']', '.', '='])
    })
}

/// The deepest nesting of brackets or of indented lines (brackets inside quotes
/// count too: an overestimate only makes the limit stricter).
fn nesting_depth(settings: &str) -> usize {
    let mut brackets: usize = 0;
    let mut deepest = 0;
    let mut indents: Vec<usize> = Vec::new();
    for line in settings.lines() {
        let content = line.trim_start();
        if !content.is_empty() && !content.starts_with('#') {
            let indent = line.len() - content.len();
            while indents.last().is_some_and(|&i| i >= indent) {
                indents.pop();
            }
            indents.push(indent);
        }
        for b in line.bytes() {
            match b {
                b'[' | b'{' => brackets += 1,
                b']' | b'}' => brackets = brackets.saturating_sub(1),
                _ => continue,
            }
            deepest = deepest.max(brackets + indents.len());
        }
        deepest = deepest.max(brackets + indents.len());
    }
    deepest
}

/// The byte range in a YAML body of its top-level `truthlens:` block: from the key's
/// line to the next line that starts at the left margin.
fn yaml_section(body: &str) -> Option<(usize, usize)> {
    let at = yaml_key_line(body, 0, "truthlens")?;
    let line_start = body[..at].rfind('\n').map_or(0, |i| i + 1);
    if at != line_start {
        return None;
    }
    let end = line_spans(body, at)
        .skip(1)
        .find(|line| {
            let content = &body[line.start..line.end];
            !content.is_empty() && !content.starts_with([' ', '\t', '#', '-'])
        })
        .map_or(body.len(), |line| line.start);
    Some((at, end))
}

/// The config for a draft: `base` with its front matter settings laid on top.
/// `Ok(None)` when the draft has none.
pub fn apply(text: &str, format: Format, base: &Config) -> Result<Option<Config>, Error> {
    let Some(settings) = settings(text, format)? else {
        return Ok(None);
    };
    let mut merged = base.to_json();
    super::layers::merge(&mut merged, &settings.value);
    let at = find(text).map_or(Span::new(0, 0), |f| f.span);
    Config::from_json(merged, "front matter")
        .map(Some)
        .map_err(|message| Error::new(text, at, message))
}

fn toml_settings(text: &str, body: &str, base: usize) -> Result<Option<Settings>, Error> {
    let shifted = |r: std::ops::Range<usize>| Span::new(base + r.start, base + r.end);
    let table: toml::Table = match toml::from_str(body) {
        Ok(table) => table,
        // Another tool's front matter, broken or not, is not ours to judge.
        Err(_) if !body.contains("truthlens") => return Ok(None),
        Err(e) => {
            let span = e.span().map_or(Span::new(base, base), shifted);
            return Err(Error::new(text, span, e.message().trim().to_string()));
        }
    };
    let Some(section) = table.get("truthlens") else {
        return Ok(None);
    };
    let typed: Wrapper<Config> = toml::from_str(body).map_err(|e| {
        let span = e.span().map_or(Span::new(base, base), shifted);
        Error::new(text, span, e.message().trim().to_string())
    })?;
    let locate = |path: &[String]| {
        let mut full = vec!["truthlens".to_string()];
        full.extend_from_slice(path);
        locate::key_span(body, &full).map_or(Span::new(base, base), shifted)
    };
    check(text, typed.truthlens.unwrap_or_default(), section, locate)
}

fn yaml_settings(text: &str, body: &str, base: usize) -> Result<Option<Settings>, Error> {
    let mentions = yaml_key_line(body, 0, "truthlens").is_some();
    let at_location = |e: &serde_yaml_ng::Error| {
        e.location().map_or(Span::new(base, base), |l| {
            Span::new(base + l.index(), base + l.index())
        })
    };
    let document: serde_yaml_ng::Value = match serde_yaml_ng::from_str(body) {
        Ok(v) => v,
        Err(_) if !mentions => return Ok(None),
        Err(e) => return Err(Error::new(text, at_location(&e), e.to_string())),
    };
    let Some(section) = document.get("truthlens") else {
        return Ok(None);
    };
    let section_line = yaml_key_line(body, 0, "truthlens").unwrap_or(0);
    let key_at = Span::new(base + section_line, base + section_line + "truthlens".len());
    if section.is_null() {
        return Ok(None);
    }
    let typed: Wrapper<Config> = serde_yaml_ng::from_str(body)
        .map_err(|e| Error::new(text, at_location(&e), e.to_string()))?;
    let value =
        serde_json::to_value(section).map_err(|e| Error::new(text, key_at, e.to_string()))?;
    let locate = |path: &[String]| {
        // YAML has no span-keeping parser here: find the deepest key by name
        // below the `truthlens:` line, or point at that line.
        let mut from = section_line;
        let mut found = key_at;
        for part in path.iter().filter(|p| p.parse::<usize>().is_err()) {
            match yaml_key_line(body, from, part) {
                Some(at) => {
                    from = at;
                    found = Span::new(base + at, base + at + part.len());
                }
                None => break,
            }
        }
        found
    };
    check(text, typed.truthlens.unwrap_or_default(), &value, locate)
}

/// The offset of the first `key:` at the start of a line (after indentation), from `from`.
fn yaml_key_line(body: &str, from: usize, key: &str) -> Option<usize> {
    line_spans(body, from).find_map(|line| {
        let content = &body[line.start..line.end];
        let indent = content.len() - content.trim_start().len();
        let rest = content.trim_start();
        let rest = rest.trim_start_matches(['\'', '"']);
        let quoted = content.trim_start().len() - rest.len();
        let after = rest.strip_prefix(key)?;
        let after = after.trim_start_matches(['\'', '"']);
        after
            .starts_with(':')
            .then_some(line.start + indent + quoted)
    })
}

/// Shared checks for both kinds: per-draft keys and the semantic rules.
fn check<T: serde::Serialize>(
    text: &str,
    typed: Config,
    section: &T,
    locate: impl Fn(&[String]) -> Span,
) -> Result<Option<Settings>, Error> {
    let value =
        serde_json::to_value(section).map_err(|e| Error::new(text, locate(&[]), e.to_string()))?;
    let value = match value {
        Value::Object(map) => Value::Object(map),
        Value::Null => return Ok(None),
        other => {
            return Err(Error::new(
                text,
                locate(&[]),
                format!("expected a table of settings, got {other}"),
            ))
        }
    };
    for (key, why) in NOT_PER_DRAFT {
        if value.get(*key).is_some() {
            return Err(Error::new(
                text,
                locate(&[key.to_string()]),
                format!(
                    "`{key}` cannot be set in front matter ({why}); set it in .truthlens.toml or the editor settings"
                ),
            ));
        }
    }
    typed
        .validate()
        .map_err(|p| Error::new(text, locate(&p.path), p.message))?;
    Ok(Some(Settings { value }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::QuotePolicy;

    #[test]
    fn finds_yaml_and_toml_front_matter_like_the_prose_map() {
        for text in [
            "---\ntitle: A\n---\n# Body\n",
            "+++\ntitle = \"A\"\n+++\n\nBody.\n",
            "\u{feff}---\r\ntitle: A\r\n...\r\nBody.\r\n",
        ] {
            let found = find(text).expect(text);
            let prose = crate::analysis::prose::map(text, Format::Markdown);
            let mapped = prose.front_matter.expect("the prose map sees it too");
            assert_eq!(found.span.start, mapped.start, "{text:?}");
            assert!(text[found.body.start..found.body.end].contains("title"));
        }
        assert!(find("# Title\n---\n").is_none());
        assert!(find("---\nnever closed\n").is_none());
    }

    #[test]
    fn yaml_settings_override_the_base() {
        let text = "---\ntitle: A story\ntruthlens:\n  allowlist: [regime]\n  quotes:\n    policy: lint\n---\nBody.\n";
        let config = apply(text, Format::Markdown, &Config::default())
            .unwrap()
            .unwrap();
        assert_eq!(config.allowlist, vec!["regime"]);
        assert_eq!(config.quotes.policy, QuotePolicy::Lint);
        assert!(
            config.quotes.blockquotes,
            "untouched keys keep the base value"
        );
        assert!(apply(text, Format::PlainText, &Config::default())
            .unwrap()
            .is_none());
    }

    #[test]
    fn toml_settings_override_the_base() {
        let text = "+++\ntitle = \"A\"\n[truthlens]\nallowlist = [\"regime\"]\n[truthlens.rules.loaded-language]\nseverity = \"hint\"\n+++\nBody.\n";
        let config = apply(text, Format::Markdown, &Config::default())
            .unwrap()
            .unwrap();
        assert_eq!(config.allowlist, vec!["regime"]);
        assert!(config.rules.contains_key("loaded-language"));
    }

    #[test]
    fn no_settings_and_foreign_front_matter_are_left_alone() {
        let none = "---\ntitle: A\n---\nBody.\n";
        assert_eq!(settings(none, Format::Markdown).unwrap(), None);
        let broken_foreign = "---\ntitle: [unclosed\n---\nBody.\n";
        assert_eq!(settings(broken_foreign, Format::Markdown).unwrap(), None);
    }

    #[test]
    fn errors_point_into_the_draft() {
        let text = "---\ntitle: A\ntruthlens:\n  colour: red\n---\nBody.\n";
        let err = settings(text, Format::Markdown).unwrap_err();
        assert!(err.message.contains("colour"), "{err}");
        assert_eq!(err.line, 4, "{err}");

        let text = "---\ntruthlens:\n  rules:\n    nope:\n      enabled: false\n---\n";
        let err = settings(text, Format::Markdown).unwrap_err();
        assert!(err.message.contains("unknown rule `nope`"), "{err}");
        assert_eq!(err.span.text(text), "nope");

        let text = "+++\n[truthlens]\nrun = \"onSave\"\n+++\n";
        let err = settings(text, Format::Markdown).unwrap_err();
        assert!(
            err.message.contains("cannot be set in front matter"),
            "{err}"
        );
        assert_eq!(err.span.text(text), "run");

        let text = "+++\n[truthlens.quotes]\npolicy = \"shout\"\n+++\n";
        let err = settings(text, Format::Markdown).unwrap_err();
        assert_eq!(err.span.text(text), "\"shout\"");
        assert_eq!(err.line, 3);
    }
}
