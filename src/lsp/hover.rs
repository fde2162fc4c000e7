//! Hover on a finding (why it was flagged, the rule, and what to write instead)
//! and on a source mention (the source's kind and its statements, by line).

use super::linting::Review;
use super::speakers::SourceCard;
use crate::analysis::Span;
use crate::rules::{find_rule, Finding};
use tower_lsp::lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};

/// Statements listed in a source's hover; the rest are counted.
const MAX_STATEMENTS: usize = 12;
/// Longest excerpt of a statement in the list.
const MAX_EXCERPT_CHARS: usize = 70;

/// The hover at `position`: the findings covering it, then the source mentioned
/// there; `None` when there is neither.
pub fn hover(review: &Review, position: Position) -> Option<Hover> {
    let offset = review.lines.offset(&review.text, position);
    let findings = findings_at(review, offset);
    let source = source_at(review, offset);
    let (text, span) = match (findings, source) {
        (Some((f, fs)), Some((s, ss))) => (
            format!("{f}\n\n---\n\n{s}"),
            Span::new(fs.start.min(ss.start), fs.end.max(ss.end)),
        ),
        (Some(one), None) | (None, Some(one)) => one,
        (None, None) => return None,
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: text,
        }),
        range: Some(review.lines.range(&review.text, span.start, span.end)),
    })
}

/// The findings covering `offset`, explained, and the span they cover together.
fn findings_at(review: &Review, offset: usize) -> Option<(String, Span)> {
    let covering: Vec<&Finding> = review
        .findings
        .iter()
        .filter(|f| f.span.start <= offset && offset < f.span.end)
        .collect();
    let first = covering.first()?;
    let (start, end) = covering
        .iter()
        .fold((first.span.start, first.span.end), |(s, e), f| {
            (s.min(f.span.start), e.max(f.span.end))
        });
    let text = covering
        .iter()
        .map(|f| explain(f))
        .collect::<Vec<_>>()
        .join("\n\n---\n\n");
    Some((text, Span::new(start, end)))
}

/// The source mentioned at `offset`, described, and the mention.
fn source_at(review: &Review, offset: usize) -> Option<(String, Span)> {
    let (mention, card) = review.speakers.mention_at(offset)?;
    Some((describe_source(review, mention, card), mention))
}

/// "**Maria Repnikova** · named source · 2 statements", what a pronoun stands
/// for, and each statement with its line.
fn describe_source(review: &Review, mention: Span, card: &SourceCard) -> String {
    let text = review.text.as_str();
    let count = card.statements.len();
    let mut out = format!(
        "**TruthLens** · source **{}** · {} · {count} statement{}",
        escape(&card.name),
        card.kind_label(),
        if count == 1 { "" } else { "s" }
    );
    let said = flatten(mention.text(text));
    if !said.eq_ignore_ascii_case(&card.name) {
        out.push_str(&format!("\n\nHere as \"{}\".", escape(&said)));
    }
    if count > 0 {
        out.push('\n');
    }
    for statement in card.statements.iter().take(MAX_STATEMENTS) {
        let line = review.lines.position(text, statement.span.start).line + 1;
        let excerpt = escape(&clip(&flatten(statement.span.text(text))));
        let cue = statement
            .cue
            .map(|c| format!(" ({})", escape(&flatten(c.text(text)))))
            .unwrap_or_default();
        out.push_str(&format!("\n- line {line}: \u{201C}{excerpt}\u{201D}{cue}"));
    }
    if count > MAX_STATEMENTS {
        out.push_str(&format!("\n- and {} more", count - MAX_STATEMENTS));
    }
    out
}

/// Text on one line, runs of whitespace as one space.
fn flatten(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The draft's words as Markdown text, not markup.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn clip(text: &str) -> String {
    if text.chars().count() <= MAX_EXCERPT_CHARS {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(MAX_EXCERPT_CHARS - 1).collect();
    cut.push('…');
    cut
}

fn explain(finding: &Finding) -> String {
    let mut out = format!("**TruthLens** · `{}`", finding.rule);
    if let Some(category) = &finding.category {
        out.push_str(&format!(" · category `{category}`"));
    }
    out.push_str(&format!("\n\n{}", finding.message));
    if !finding.explanation.is_empty() {
        out.push_str(&format!(
            "\n\n**Why it was flagged:** {}",
            finding.explanation
        ));
    }
    if finding.alternatives.is_empty() {
        out.push_str("\n\n**Alternatives:** none on file; describe what happened instead.");
    } else {
        let list: Vec<String> = finding
            .alternatives
            .iter()
            .map(|a| format!("- {a}"))
            .collect();
        out.push_str(&format!("\n\n**Alternatives:**\n{}", list.join("\n")));
    }
    if let Some(rule) = find_rule(finding.rule) {
        out.push_str(&format!(
            "\n\n[{}: {}]({})",
            rule.id,
            rule.summary,
            rule.doc_url()
        ));
    }
    out
}
