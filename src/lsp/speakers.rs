//! The attribution engine's reading of a draft, kept with its review for the editor:
//! where each statement's speaker hint goes, and each source's mentions and
//! statements (for hover). Built once per analysis from the engine's cached
//! attributions, as byte offsets, so a request only converts positions.

use crate::analysis::attribution::{Attribution, Attributions, SourceKind};
use crate::analysis::prose::Block;
use crate::analysis::Span;
use std::sync::Arc;

/// Who said what, as the editor shows it.
#[derive(Debug, Default)]
pub struct Speakers {
    /// One per statement shown, sorted by `at`.
    pub hints: Vec<SpeakerHint>,
    /// By the engine's canonical source index.
    pub sources: Vec<SourceCard>,
    /// Every source mention with its source, sorted by start.
    mentions: Vec<(Span, usize)>,
}

/// A hint naming the source a statement is attributed to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SpeakerHint {
    /// Byte offset the hint stands at: after the quote, else after the cue.
    pub at: usize,
    /// Index into `Speakers::sources`; `None` when the engine resolved no source.
    pub source: Option<usize>,
    /// The mention the statement names its source by ("she", "the ministry").
    pub mention: Span,
    /// The mention is a pronoun, so the hint shows what it resolved to.
    pub pronoun: bool,
}

/// A canonical source and what it said.
#[derive(Debug)]
pub struct SourceCard {
    pub name: Arc<str>,
    pub kind: SourceKind,
    pub pseudonym: bool,
    /// In text order.
    pub statements: Vec<Statement>,
}

/// One statement of a source.
#[derive(Clone, Copy, Debug)]
pub struct Statement {
    /// What was said, else the cue, else the mention: what the hover quotes.
    pub span: Span,
    pub cue: Option<Span>,
}

impl SourceCard {
    /// The kind as an editor would say it: a pseudonym is its own kind of source.
    pub fn kind_label(&self) -> &'static str {
        if self.pseudonym {
            "pseudonymous"
        } else {
            self.kind.as_str()
        }
    }
}

impl Speakers {
    /// Read the engine's attributions of `text`, whose prose blocks are `blocks`.
    pub fn read(attributions: &Attributions, text: &str, blocks: &[Block]) -> Speakers {
        let sources = attributions
            .sources
            .iter()
            .map(|s| SourceCard {
                name: s.name.clone(),
                kind: s.kind,
                pseudonym: s.pseudonym,
                statements: statements_of(attributions, &s.statements),
            })
            .collect();
        Speakers {
            hints: hints(attributions, text, blocks),
            sources,
            mentions: mentions(attributions),
        }
    }

    /// The hints standing in `from..=to`.
    pub fn hints_between(&self, from: usize, to: usize) -> &[SpeakerHint] {
        let start = self.hints.partition_point(|h| h.at < from);
        let end = self.hints.partition_point(|h| h.at <= to);
        &self.hints[start..end.max(start)]
    }

    /// The source mentioned at byte `offset`, with that mention: the innermost
    /// when mentions nest ("the head of the ministry").
    pub fn mention_at(&self, offset: usize) -> Option<(Span, &SourceCard)> {
        let (span, source) = self
            .mentions
            .iter()
            .filter(|(s, _)| s.start <= offset && offset < s.end)
            .min_by_key(|(s, _)| s.end - s.start)?;
        Some((*span, self.sources.get(*source)?))
    }
}

fn statements_of(attributions: &Attributions, indices: &[usize]) -> Vec<Statement> {
    let mut statements: Vec<Statement> = indices
        .iter()
        .filter_map(|&i| attributions.list.get(i))
        .map(|a| Statement {
            span: a.content.or(a.cue).unwrap_or(a.source),
            cue: a.cue,
        })
        .collect();
    statements.sort_by_key(|s| s.span.start);
    statements
}

/// One hint per attribution, less a quote carried on in the paragraph of the one it
/// continues (the hint there already says who; a quote-only paragraph further on
/// gets its own, since its speaker is out of sight).
fn hints(attributions: &Attributions, text: &str, blocks: &[Block]) -> Vec<SpeakerHint> {
    let block_of = |offset: usize| blocks.partition_point(|b| b.span.start <= offset);
    let same_block = |a: usize, b: usize| block_of(a) == block_of(b);
    let anchors: Vec<usize> = attributions.list.iter().map(|a| anchor(a, text)).collect();
    let mut hints: Vec<SpeakerHint> = attributions
        .list
        .iter()
        .zip(&anchors)
        .filter(|(a, &at)| {
            let continued = a.continues.and_then(|c| anchors.get(c));
            !continued.is_some_and(|&before| same_block(before, at))
        })
        .map(|(a, &at)| SpeakerHint {
            at,
            source: a.canonical.filter(|&c| c < attributions.sources.len()),
            mention: a.source,
            pronoun: a.kind == SourceKind::Pronoun,
        })
        .collect();
    hints.sort_by_key(|h| (h.at, h.source));
    // Two readings of one spot (a noun cue inside a verb's statement) show once.
    hints.dedup_by_key(|h| (h.at, h.source));
    hints
}

/// Where a statement's hint stands: after its closing quote mark when what was
/// said is a direct quote, else after the cue, else after what was said or the
/// mention (a bare citation).
fn anchor(a: &Attribution, text: &str) -> usize {
    if let Some(end) = a.content.and_then(|c| quote_end(text, c)) {
        return end;
    }
    a.cue
        .map(|c| c.end)
        .or(a.content.map(|c| c.end))
        .unwrap_or(a.source.end)
}

const OPENING_QUOTES: &[char] = &['"', '\u{201C}', '\u{2018}', '\u{AB}', '\'', '\u{300C}'];
const CLOSING_QUOTES: &[char] = &['"', '\u{201D}', '\u{2019}', '\u{BB}', '\'', '\u{300D}'];

/// The end of the direct quote that `content` is, with or without its marks:
/// after the closing mark. `None` when it is not one (a paraphrase that ends on a
/// quoted word is not).
fn quote_end(text: &str, content: Span) -> Option<usize> {
    let before = text.get(..content.start)?.chars().next_back();
    let after = text.get(content.end..)?.chars().next();
    if let (Some(open), Some(close)) = (before, after) {
        if OPENING_QUOTES.contains(&open) && CLOSING_QUOTES.contains(&close) {
            return Some(content.end + close.len_utf8());
        }
    }
    let inside = text.get(content.start..content.end)?;
    let quoted = inside.chars().count() > 1
        && inside.starts_with(OPENING_QUOTES)
        && inside.ends_with(CLOSING_QUOTES);
    quoted.then_some(content.end)
}

/// Each attribution's mention and each source's first mention, with its source.
fn mentions(attributions: &Attributions) -> Vec<(Span, usize)> {
    let sources = attributions.sources.len();
    let mut mentions: Vec<(Span, usize)> = attributions
        .list
        .iter()
        .filter_map(|a| Some((a.source, a.canonical.filter(|&c| c < sources)?)))
        .chain(
            attributions
                .sources
                .iter()
                .enumerate()
                .map(|(i, s)| (s.first_mention, i)),
        )
        .filter(|(span, _)| span.start < span.end)
        .collect();
    mentions.sort_by_key(|(span, source)| (span.start, span.end, *source));
    mentions.dedup();
    mentions
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Format;
    use crate::config::Config;

    fn read(text: &str) -> Speakers {
        let analysis = crate::analyze(text, Format::Markdown, &Config::default());
        Speakers::read(&analysis.attributions, text, &analysis.prose.blocks)
    }

    fn named<'a>(speakers: &'a Speakers, hint: &SpeakerHint) -> &'a str {
        &speakers.sources[hint.source.unwrap()].name
    }

    #[test]
    fn a_quote_gets_its_hint_after_the_closing_mark_and_a_paraphrase_after_the_cue() {
        let text = "\u{201C}We will not sign,\u{201D} said Maria Repnikova. She added that talks would resume.\n";
        let speakers = read(text);
        let quote_end = text.find("\u{201D}").unwrap() + '\u{201D}'.len_utf8();
        let added_end = text.find("added").unwrap() + "added".len();
        let ats: Vec<usize> = speakers.hints.iter().map(|h| h.at).collect();
        assert_eq!(ats, [quote_end, added_end], "{speakers:#?}");
        for hint in &speakers.hints {
            assert_eq!(named(&speakers, hint), "Maria Repnikova");
        }
        assert!(!speakers.hints[0].pronoun);
        assert!(speakers.hints[1].pronoun, "She resolves to Maria Repnikova");
    }

    #[test]
    fn a_quote_carried_on_gets_a_hint_only_in_a_paragraph_of_its_own() {
        let text = "\"We will not sign,\" said Ann Lee. \"Not now. Not ever.\"\n\n\"The offer is an insult.\"\n";
        let speakers = read(text);
        let ats: Vec<usize> = speakers.hints.iter().map(|h| h.at).collect();
        let first = text.find("sign,\"").unwrap() + "sign,\"".len();
        let own_paragraph = text.find("insult.\"").unwrap() + "insult.\"".len();
        assert_eq!(ats, [first, own_paragraph], "{speakers:#?}");
    }

    #[test]
    fn hints_between_takes_both_ends() {
        let text =
            "\"One,\" said Ann Lee.\n\n\"Two,\" said Bob Hart.\n\n\"Three,\" said Cy Young.\n";
        let speakers = read(text);
        assert_eq!(speakers.hints.len(), 3, "{speakers:#?}");
        let second = speakers.hints[1].at;
        let only = speakers.hints_between(second, second);
        assert_eq!(only.len(), 1);
        assert_eq!(named(&speakers, &only[0]), "Bob Hart");
        assert!(speakers.hints_between(second + 1, second + 2).is_empty());
        assert_eq!(speakers.hints_between(0, text.len()).len(), 3);
    }

    #[test]
    fn a_mention_leads_to_its_source_and_statements() {
        let text = "\"We will not sign,\" said Maria Repnikova.\n\nShe said the offer was bad.\n";
        let speakers = read(text);
        let she = text.find("She").unwrap();
        let (span, card) = speakers.mention_at(she + 1).expect("a mention");
        assert_eq!(span.text(text), "She");
        assert_eq!(&*card.name, "Maria Repnikova");
        assert_eq!(card.kind_label(), "named");
        assert_eq!(card.statements.len(), 2, "{card:#?}");
        assert!(speakers.mention_at(text.find("offer").unwrap()).is_none());
    }

    #[test]
    fn quote_end_reads_the_mark_after_or_inside_the_content() {
        let text = "\u{AB}Oui\u{BB} and \"yes\"";
        let oui = Span::new(2, 5);
        assert_eq!(quote_end(text, oui), Some(5 + '\u{BB}'.len_utf8()));
        let yes_with_marks = Span::new(text.len() - 5, text.len());
        assert_eq!(quote_end(text, yes_with_marks), Some(text.len()));
        assert_eq!(
            quote_end(text, Span::new(7, 10)),
            None,
            "\"and\" is not quoted"
        );
        let paraphrase = "said the plan was \u{201C}ready\u{201D}";
        let span = Span::new(5, paraphrase.len());
        assert_eq!(quote_end(paraphrase, span), None, "a quoted last word");
    }
}
