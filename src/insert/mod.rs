//! Where generated blocks (summary, headline, report) go in a draft, as exact edits.
//! Pure: the server turns these edits into LSP workspace edits.
//!
//! Each block sits between marker lines (`<!-- truthlens:summary -->` … in Markdown,
//! `[truthlens:summary]` … in plain text). A rerun replaces the block in place, and
//! the analysis behind a block never reads earlier generated blocks: they are blanked
//! out first (`without_generated`), so applying an edit twice gives the same text.

mod layout;
mod lines;
mod markers;

pub use markers::{close as close_marker, open as open_marker};

use crate::analysis::{Format, Span};
use crate::config::Config;
use crate::rules::Edit;
use std::borrow::Cow;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InsertKind {
    Summary,
    Headline,
    Report,
}

/// The edit that inserts (or, on a rerun, replaces) the generated block of `kind`.
///
/// `None` when there is nothing to put in it: no sentence qualifies for a summary,
/// or the draft has no lead for a headline. A report is always possible.
pub fn plan(text: &str, format: Format, kind: InsertKind, config: &Config) -> Option<Edit> {
    let lines = lines::lines(text, format);
    let found = markers::find(&lines, format);
    let source = match kind {
        InsertKind::Summary | InsertKind::Headline => {
            blank_out(text, body_only(&lines, format, &found).into_iter())
        }
        InsertKind::Report => blank_out(text, found.iter().map(|f| f.span)),
    };
    let analysis = crate::analyze(&source, format, config);
    let body = block_body(kind, format, &source, &analysis, config)?;
    Some(place(text, &lines, format, &found, kind, &body))
}

/// One edit per headline suggestion, best first, with the suggestion it inserts:
/// the code action offers each under its own title.
pub fn plan_headlines(text: &str, format: Format, config: &Config) -> Vec<(String, Edit)> {
    let lines = lines::lines(text, format);
    let found = markers::find(&lines, format);
    let source = blank_out(text, body_only(&lines, format, &found).into_iter());
    let analysis = crate::analyze(&source, format, config);
    crate::summary::headlines(&source, &analysis)
        .into_iter()
        .map(|headline| {
            let body = [headline_line(&headline, format)];
            let edit = place(text, &lines, format, &found, InsertKind::Headline, &body);
            (headline, edit)
        })
        .collect()
}

/// The block of `kind` holding `body`, replacing its earlier block or inserted anew.
fn place(
    text: &str,
    lines: &[lines::Line],
    format: Format,
    found: &[markers::Found],
    kind: InsertKind,
    body: &[String],
) -> Edit {
    let eol = lines::line_ending(text);
    let mut block = markers::open(kind, format);
    for line in body {
        block.push_str(eol);
        block.push_str(line);
    }
    block.push_str(eol);
    block.push_str(&markers::close(kind, format));

    if let Some(existing) = found.iter().find(|f| f.kind == kind) {
        return Edit {
            span: existing.span,
            replacement: block.into(),
        };
    }
    let at = layout::anchor(text, lines, format, kind, found);
    layout::insertion(text, at, &block, eol)
}

fn headline_line(headline: &str, format: Format) -> String {
    match format {
        Format::Markdown => format!("*Suggested headline: {headline}*"),
        Format::PlainText => format!("Suggested headline: {headline}"),
    }
}

/// The lines between the markers.
fn block_body(
    kind: InsertKind,
    format: Format,
    text: &str,
    analysis: &crate::Analysis,
    config: &Config,
) -> Option<Vec<String>> {
    match kind {
        InsertKind::Summary => {
            let sentences = crate::summary::summarize(text, analysis, config);
            if sentences.is_empty() {
                return None;
            }
            Some(match format {
                Format::Markdown => sentences.iter().map(|s| format!("> {s}")).collect(),
                Format::PlainText => sentences,
            })
        }
        InsertKind::Headline => {
            let headline = crate::summary::headline(text, analysis)?;
            Some(vec![headline_line(&headline, format)])
        }
        InsertKind::Report => {
            let report = crate::report::build(text, analysis, config);
            let index = crate::line_index::LineIndex::new(text);
            let rendered = match format {
                Format::Markdown => crate::report::to_markdown(&report, text, &index),
                Format::PlainText => crate::report::to_plain_text(&report, text, &index),
            };
            Some(rendered.lines().map(str::to_string).collect())
        }
    }
}

/// The draft with every generated block blanked out: same length, same line breaks,
/// so offsets and line numbers still point into the original. Analyse this, not the
/// raw text, whenever the result feeds a generated block or a report.
pub fn without_generated(text: &str, format: Format) -> Cow<'_, str> {
    // Most drafts have no generated block, and are not walked.
    if !may_hold_generated(text) {
        return Cow::Borrowed(text);
    }
    let lines = lines::lines(text, format);
    let found = markers::find(&lines, format);
    blank_out(text, found.iter().map(|f| f.span))
}

/// Every closing marker of a generated block holds this.
pub const MARKER_TAG: &str = "/truthlens:";

/// Whether `text` may hold a generated block: it holds `MARKER_TAG`. A text that
/// does not is its own `without_generated`.
pub fn may_hold_generated(text: &str) -> bool {
    memchr::memmem::find(text.as_bytes(), MARKER_TAG.as_bytes()).is_some()
}

/// The draft as the summary and headline read it: generated blocks, front matter and
/// the title blanked out (same length, same line breaks). The title is the writer's
/// headline, not a sentence of the story, and in plain text it would otherwise run
/// into the first sentence of the body.
pub fn body_text(text: &str, format: Format) -> Cow<'_, str> {
    let lines = lines::lines(text, format);
    let found = markers::find(&lines, format);
    blank_out(text, body_only(&lines, format, &found).into_iter())
}

/// Spans to blank so that only the body is left.
fn body_only(lines: &[lines::Line], format: Format, found: &[markers::Found]) -> Vec<Span> {
    let mut spans: Vec<Span> = found.iter().map(|f| f.span).collect();
    let body = layout::after_front_matter(lines);
    if body > 0 {
        spans.push(Span::new(0, lines[body - 1].content_end));
    }
    if let Some((first, last)) = layout::title(lines, format, body) {
        spans.push(Span::new(lines[first].start, lines[last].content_end));
    }
    spans
}

/// The block of `kind` already in the draft, if any (marker lines included): lets an
/// editor title the action "Update summary" rather than "Insert summary".
pub fn existing_block(text: &str, format: Format, kind: InsertKind) -> Option<Span> {
    let lines = lines::lines(text, format);
    markers::find(&lines, format)
        .into_iter()
        .find(|f| f.kind == kind)
        .map(|f| f.span)
}

/// The spans of the generated blocks in `text` (marker lines included).
pub fn generated_spans(text: &str, format: Format) -> Vec<Span> {
    let lines = lines::lines(text, format);
    markers::find(&lines, format)
        .iter()
        .map(|f| f.span)
        .collect()
}

fn blank_out(text: &str, spans: impl Iterator<Item = Span>) -> Cow<'_, str> {
    let mut bytes: Option<Vec<u8>> = None;
    for span in spans {
        let bytes = bytes.get_or_insert_with(|| text.as_bytes().to_vec());
        for b in &mut bytes[span.start..span.end] {
            if *b != b'\n' && *b != b'\r' {
                *b = b' ';
            }
        }
    }
    match bytes {
        // Only whole characters were replaced, each byte by an ASCII space.
        Some(bytes) => Cow::Owned(String::from_utf8(bytes).expect("ASCII replacements keep UTF-8")),
        None => Cow::Borrowed(text),
    }
}

#[cfg(test)]
mod tests;
