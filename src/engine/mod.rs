//! The analysis of a whole draft, assembled from pieces.
//!
//! The draft is cut into pieces at paragraph boundaries (`analysis::chunks`).
//! Each piece is analysed on its own (prose map, quotes, sentences, what each
//! sentence attributes to whom, and the piece-scope rules) and kept in a `Cache`
//! keyed by its text. The draft-level work (canonical sources, pronouns across
//! paragraphs, continued quotes, the draft-scope rules, directives) is then done
//! over the assembled pieces. A one-character edit therefore costs one piece plus
//! the assembly, and a fresh analysis is the same computation with an empty cache.

mod piece;

use crate::analysis::attribution::{self, Extracted};
use crate::analysis::prose::{self, ProseMap, Start};
use crate::analysis::quotes::{QuoteSpan, Quotes};
use crate::analysis::sentences::{LineStats, Sentence};
use crate::analysis::{chunks, directives, Format, Span};
use crate::config::Config;
use crate::rules::{self, Finding, RuleContext, Scope};
use crate::{insert, Analysis};
use piece::Piece;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// Below this many pieces to analyse, threads cost more than they save.
const PARALLEL_FROM: usize = 16;

/// The analysed pieces of one draft, reused while their text is unchanged.
#[derive(Default)]
pub struct Cache {
    /// What the pieces were analysed with; anything else empties the cache.
    settings: Option<(Format, Config)>,
    /// The piece at the top of the draft (front matter, title), with its text.
    first: Option<(Box<str>, Arc<Piece>)>,
    /// Every later piece, by its text.
    later: FxHashMap<Box<str>, Arc<Piece>>,
}

impl Cache {
    pub fn new() -> Cache {
        Cache::default()
    }

    /// How many pieces are kept.
    pub fn len(&self) -> usize {
        self.later.len() + usize::from(self.first.is_some())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn prepare(&mut self, format: Format, config: &Config) {
        let same = self
            .settings
            .as_ref()
            .is_some_and(|(f, c)| *f == format && c == config);
        if !same {
            *self = Cache {
                settings: Some((format, config.clone())),
                ..Cache::default()
            };
        }
    }

    /// The pieces of `text` at `spans`, from the cache or freshly analysed; the
    /// cache then holds exactly these.
    fn pieces(&mut self, text: &str, spans: &[Span], format: Format) -> Vec<Arc<Piece>> {
        let mut later = FxHashMap::default();
        let mut found: Vec<Option<Arc<Piece>>> = spans
            .iter()
            .enumerate()
            .map(|(i, span)| {
                let piece_text = span.text(text);
                if i == 0 {
                    return self
                        .first
                        .as_ref()
                        .filter(|(t, _)| **t == *piece_text)
                        .map(|(_, p)| p.clone());
                }
                if let Some((key, piece)) = self.later.remove_entry(piece_text) {
                    later.insert(key, piece.clone());
                    return Some(piece);
                }
                // The same text twice: the second occurrence shares the first's piece.
                later.get(piece_text).cloned()
            })
            .collect();
        let missing: Vec<usize> = (0..spans.len()).filter(|&i| found[i].is_none()).collect();
        let analyse = |i: &usize| {
            let start = if *i == 0 {
                Start::OfDraft
            } else {
                Start::Later
            };
            Arc::new(Piece::new(spans[*i].text(text), format, start))
        };
        let fresh: Vec<Arc<Piece>> = if missing.len() >= PARALLEL_FROM {
            missing.par_iter().map(analyse).collect()
        } else {
            missing.iter().map(analyse).collect()
        };
        for (i, piece) in missing.into_iter().zip(fresh) {
            if i > 0 {
                later.insert(spans[i].text(text).into(), piece.clone());
            }
            found[i] = Some(piece);
        }
        self.first = spans
            .first()
            .zip(found.first().cloned().flatten())
            .map(|(span, piece)| (span.text(text).into(), piece));
        self.later = later;
        found.into_iter().flatten().collect()
    }
}

/// Review a draft from scratch.
pub fn analyze(text: &str, format: Format, config: &Config) -> Analysis {
    analyze_cached(&mut Cache::new(), text, format, config)
}

/// Review a draft, reusing the pieces of an earlier version kept in `cache`.
///
/// Blocks that TruthLens generated (summary, headline, report) are blanked first:
/// they are not the writer's prose. Blanking keeps every offset, so findings point
/// into `text` exactly.
pub fn analyze_cached(cache: &mut Cache, text: &str, format: Format, config: &Config) -> Analysis {
    let text: &str = &insert::without_generated(text, format);
    cache.prepare(format, config);
    let spans = chunks::split(text, format);
    let pieces = cache.pieces(text, &spans, format);

    let mut lines = LineStats::default();
    for piece in &pieces {
        lines.add(piece.lines);
    }
    let line_mode = lines.line_per_sentence();
    read_all(text, &spans, &pieces, line_mode, config);

    let assembled = assemble(text, &spans, &pieces, line_mode, config, format);
    finish(text, format, config, assembled)
}

/// Give every piece its sentence-level reading, in parallel when there are many.
fn read_all(text: &str, spans: &[Span], pieces: &[Arc<Piece>], line_mode: bool, config: &Config) {
    let unread: Vec<usize> = (0..pieces.len())
        .filter(|&i| !pieces[i].has_reading(line_mode))
        .collect();
    let read = |i: &usize| {
        pieces[*i].reading(spans[*i].text(text), line_mode, config);
    };
    if unread.len() >= PARALLEL_FROM {
        unread.par_iter().for_each(read);
    } else {
        unread.iter().for_each(read);
    }
}

/// The pieces joined into one draft, offsets made absolute.
struct Assembled {
    prose: ProseMap,
    sentences: Vec<Sentence>,
    quotes: Quotes,
    extracted: Extracted,
    findings: Vec<Finding>,
}

fn assemble(
    text: &str,
    spans: &[Span],
    pieces: &[Arc<Piece>],
    line_mode: bool,
    config: &Config,
    format: Format,
) -> Assembled {
    let mut prose = ProseMap {
        masked: String::with_capacity(text.len()),
        ..ProseMap::default()
    };
    let mut sentences = Vec::new();
    let mut quote_spans: Vec<QuoteSpan> = Vec::new();
    let mut extracted = Extracted::default();
    let mut findings = Vec::new();
    for (piece, span) in pieces.iter().zip(spans) {
        let at = span.start;
        let moved = |s: Span| Span::new(s.start + at, s.end + at);
        let reading = piece.reading(span.text(text), line_mode, config);
        let first_block = prose.blocks.len();
        let first_sentence = sentences.len();

        prose.masked.push_str(&piece.prose.masked);
        prose.blocks.extend(piece.prose.blocks.iter().map(|b| {
            let mut b = b.clone();
            b.span = moved(b.span);
            b
        }));
        prose
            .comments
            .extend(piece.prose.comments.iter().map(|c| moved(*c)));
        prose.front_matter = prose.front_matter.or(piece.prose.front_matter.map(moved));
        prose.title = prose.title.or(piece.prose.title.map(moved));

        sentences.extend(reading.sentences.iter().map(|s| Sentence {
            span: moved(s.span),
            block: s.block + first_block,
        }));
        quote_spans.extend(piece.quotes.spans.iter().map(|q| QuoteSpan {
            span: moved(q.span),
            inner: moved(q.inner),
            ..q.clone()
        }));
        extracted.append(&reading.extracted, at, first_sentence);
        findings.extend(reading.findings.iter().map(|f| f.shifted(at)));
    }
    if format == Format::PlainText {
        prose::settle_plain_title(&mut prose);
    }
    Assembled {
        prose,
        sentences,
        quotes: Quotes::new(quote_spans),
        extracted,
        findings,
    }
}

/// The draft-level analysis over the assembled pieces, then suppressions.
fn finish(text: &str, format: Format, config: &Config, assembled: Assembled) -> Analysis {
    let Assembled {
        prose,
        sentences,
        quotes,
        extracted,
        mut findings,
    } = assembled;
    let attributions = attribution::resolve(text, &prose, &sentences, &quotes, extracted);
    let ctx = RuleContext {
        text,
        prose: &prose,
        sentences: &sentences,
        quotes: &quotes,
        attributions: &attributions,
        config,
    };
    findings.extend(rules::run_scope(&ctx, Scope::Draft));
    findings.sort_by_key(|f| (f.span.start, f.span.end));
    let suppressions = directives::find(text, format, &prose);
    // The allowlist is the project's word for every rule, not only loaded-language
    // (which also honours it per headword): a term on it is never flagged.
    findings.retain(|f| {
        let flagged = f.span.text(text);
        !suppressions.suppresses(f.rule, f.span, flagged) && !config.allows(flagged)
    });
    Analysis {
        prose,
        sentences,
        quotes,
        attributions,
        findings,
    }
}
