//! Hover on a finding: why it was flagged, the rule, and what to write instead.

use super::linting::Review;
use crate::rules::{find_rule, loaded_language, Finding};
use tower_lsp::lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};

/// The hover at `position`, or `None` when no finding covers it.
pub fn hover(review: &Review, position: Position) -> Option<Hover> {
    let offset = review.lines.offset(&review.text, position);
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
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: text,
        }),
        range: Some(review.lines.range(&review.text, start, end)),
    })
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
        // Only a loaded word has a neutral alternative to miss; a sourcing finding
        // asks for a source, which its message already says.
        if finding.rule == loaded_language::ID {
            out.push_str("\n\n**Alternatives:** none on file; describe what happened instead.");
        }
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
