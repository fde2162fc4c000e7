//! Inlay hints: after each statement, the source the engine attributed it to
//! (`— Maria Repnikova`), so a writer sees at once where the tool misread.

use super::linting::Review;
use super::speakers::{SourceCard, SpeakerHint};
use tower_lsp::lsp_types::{
    InlayHint, InlayHintLabel, InlayHintTooltip, MarkupContent, MarkupKind, Range,
};

/// Longest source name shown in a hint; the tooltip has the whole of it.
const MAX_LABEL_CHARS: usize = 40;

/// The hints standing inside `range` (both ends included), in text order.
pub fn inlay_hints(review: &Review, range: Range) -> Vec<InlayHint> {
    let (text, lines) = (review.text.as_str(), &review.lines);
    let from = lines.offset(text, range.start);
    let to = lines.offset(text, range.end);
    review
        .speakers
        .hints_between(from, to)
        .iter()
        .map(|hint| {
            let source = hint.source.and_then(|s| review.speakers.sources.get(s));
            InlayHint {
                position: lines.position(text, hint.at),
                label: InlayHintLabel::String(label(hint, source, text)),
                kind: None,
                text_edits: None,
                tooltip: Some(InlayHintTooltip::MarkupContent(MarkupContent {
                    kind: MarkupKind::Markdown,
                    value: tooltip(hint, source, text),
                })),
                padding_left: Some(true),
                padding_right: Some(false),
                data: None,
            }
        })
        .collect()
}

fn label(hint: &SpeakerHint, source: Option<&SourceCard>, text: &str) -> String {
    match source {
        Some(card) if card.pseudonym => format!("— {} (pseudonym)", clip(&card.name)),
        Some(card) => format!("— {}", clip(&card.name)),
        None if hint.pronoun => format!("— unresolved \"{}\"", clip(hint.mention.text(text))),
        None => "— unresolved".to_string(),
    }
}

fn tooltip(hint: &SpeakerHint, source: Option<&SourceCard>, text: &str) -> String {
    let mention = hint
        .mention
        .text(text)
        .split_whitespace()
        .collect::<Vec<_>>();
    let mention = mention.join(" ");
    let Some(card) = source else {
        return format!("**TruthLens** · \"{mention}\" was not resolved to a source.");
    };
    let count = card.statements.len();
    let mut out = format!(
        "**TruthLens** · attributed to **{}** ({} source, {count} statement{})",
        card.name,
        card.kind_label(),
        if count == 1 { "" } else { "s" }
    );
    if hint.pronoun {
        out.push_str(&format!("\n\n\"{mention}\" is read as {}.", card.name));
    }
    out
}

fn clip(name: &str) -> String {
    if name.chars().count() <= MAX_LABEL_CHARS {
        return name.to_string();
    }
    let mut cut: String = name.chars().take(MAX_LABEL_CHARS - 1).collect();
    cut.push('…');
    cut
}
