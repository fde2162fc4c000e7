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
mod splice;

use crate::analysis::attribution::{self, Attributions, Canonical, Extracted};
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
    /// The draft-level results of the last analysis.
    last: Option<Last>,
    /// Whether the last analysis spliced an edit in (rather than redoing the draft level).
    spliced: bool,
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

    /// Whether the last analysis spliced an edit into the one before (see `splice`).
    pub fn spliced(&self) -> bool {
        self.spliced
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
        // Each missing text is analysed once, however often it occurs.
        let mut first_of: FxHashMap<(bool, &str), usize> = FxHashMap::default();
        let mut missing: Vec<usize> = Vec::new();
        for i in (0..spans.len()).filter(|&i| found[i].is_none()) {
            first_of
                .entry((i == 0, spans[i].text(text)))
                .or_insert_with(|| {
                    missing.push(i);
                    i
                });
        }
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
        for i in 0..spans.len() {
            if found[i].is_none() {
                found[i] = found[first_of[&(i == 0, spans[i].text(text))]].clone();
            }
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

    let draft = Draft {
        text,
        spans: &spans,
        pieces: &pieces,
        line_mode,
        config,
        format,
    };
    // An edit inside one paragraph is spliced into the last analysis when it
    // changes nothing the rest of the draft depends on.
    let spliced = cache
        .last
        .take()
        .and_then(|last| splice::edit(&last, &draft));
    cache.spliced = spliced.is_some();
    let (analysis, last) = spliced.unwrap_or_else(|| whole(&draft));
    cache.last = Some(last);
    analysis
}

/// One version of a draft, cut into analysed pieces.
struct Draft<'a> {
    text: &'a str,
    spans: &'a [Span],
    pieces: &'a [Arc<Piece>],
    line_mode: bool,
    config: &'a Config,
    format: Format,
}

impl Draft<'_> {
    fn reading(&self, i: usize) -> &piece::Reading {
        self.pieces[i].reading(self.spans[i].text(self.text), self.line_mode, self.config)
    }

    /// Pieces `range` as a draft of their own, offsets from the first one's start.
    fn assemble(&self, range: std::ops::Range<usize>, extract: bool) -> Assembled {
        let base = self.spans[range.start].start;
        let end = self.spans[range.end - 1].end;
        let text = &self.text[base..end];
        let mut prose = ProseMap {
            masked: String::with_capacity(text.len()),
            ..ProseMap::default()
        };
        let mut sentences = Vec::new();
        let mut quote_spans: Vec<QuoteSpan> = Vec::new();
        let mut extracted = Extracted::default();
        let mut findings = Vec::new();
        for i in range.clone() {
            let (piece, at) = (&self.pieces[i], self.spans[i].start - base);
            let moved = |s: Span| Span::new(s.start + at, s.end + at);
            let reading = self.reading(i);
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
            if extract {
                extracted.append(&reading.extracted, at, first_sentence);
            }
            findings.extend(reading.findings.iter().map(|f| f.shifted(at)));
        }
        // The plain-text title is the draft's first line, which only the top piece holds.
        if self.format == Format::PlainText && range.start == 0 {
            prose::settle_plain_title(&mut prose);
        }
        Assembled {
            prose,
            sentences,
            quotes: Quotes::new(quote_spans),
            extracted,
            piece_findings: findings,
        }
    }
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

/// Pieces joined into one draft (or part of one), offsets made relative to its start.
struct Assembled {
    prose: ProseMap,
    sentences: Vec<Sentence>,
    quotes: Quotes,
    extracted: Extracted,
    /// The findings of the piece-scope rules.
    piece_findings: Vec<Finding>,
}

/// What an analysis leaves for splicing the next edit into (see `splice`).
struct Last {
    text: String,
    spans: Vec<Span>,
    pieces: Vec<Arc<Piece>>,
    line_mode: bool,
    /// Each piece's first sentence, and the number of sentences at the end.
    first_sentence: Vec<usize>,
    /// Each piece's first found attribution (an index into `ids`), and the count at the end.
    first_found: Vec<usize>,
    /// The canonical source of each found attribution.
    ids: Vec<Option<usize>>,
    attributions: Attributions,
    /// The findings of the `Scope::Draft` checks, before suppressions.
    near: Vec<Finding>,
    title: Option<Span>,
}

impl Last {
    fn new(
        draft: &Draft,
        ids: Vec<Option<usize>>,
        attributions: Attributions,
        near: Vec<Finding>,
        title: Option<Span>,
    ) -> Last {
        let mut first_sentence = vec![0];
        let mut first_found = vec![0];
        for i in 0..draft.pieces.len() {
            let reading = draft.reading(i);
            first_sentence.push(first_sentence[i] + reading.sentences.len());
            first_found.push(first_found[i] + reading.extracted.found());
        }
        Last {
            text: draft.text.to_string(),
            spans: draft.spans.to_vec(),
            pieces: draft.pieces.to_vec(),
            line_mode: draft.line_mode,
            first_sentence,
            first_found,
            ids,
            attributions,
            near,
            title,
        }
    }
}

/// The draft-level analysis over all the pieces.
fn whole(draft: &Draft) -> (Analysis, Last) {
    if draft.pieces.is_empty() {
        let analysis = Analysis {
            prose: ProseMap::default(),
            sentences: Vec::new(),
            quotes: Quotes::new(Vec::new()),
            attributions: Attributions::default(),
            findings: Vec::new(),
        };
        return (
            analysis,
            Last::new(draft, Vec::new(), Attributions::default(), Vec::new(), None),
        );
    }
    let Assembled {
        prose,
        sentences,
        quotes,
        extracted,
        piece_findings,
    } = draft.assemble(0..draft.pieces.len(), true);
    let text = draft.text;
    let Canonical { ids, sources } = attribution::canonical_sources(text, &extracted);
    let attributions =
        attribution::attributions(text, &prose, &sentences, &quotes, extracted, &ids, sources);
    let ctx = RuleContext {
        text,
        prose: &prose,
        sentences: &sentences,
        quotes: &quotes,
        attributions: &attributions,
        config: draft.config,
    };
    let near = rules::run_scope(&ctx, Scope::Draft);
    let whole = rules::run_whole_draft(&ctx);
    let findings = settle(draft, &prose, [piece_findings, near.clone(), whole]);
    let last = Last::new(draft, ids, attributions.clone(), near, prose.title);
    let analysis = Analysis {
        prose,
        sentences,
        quotes,
        attributions,
        findings,
    };
    (analysis, last)
}

/// All findings in one order, less those a directive or the allowlist silences.
fn settle<const N: usize>(
    draft: &Draft,
    prose: &ProseMap,
    parts: [Vec<Finding>; N],
) -> Vec<Finding> {
    let text = draft.text;
    let mut findings: Vec<Finding> = parts.into_iter().flatten().collect();
    // A total order, so that however the findings were gathered they come out alike.
    findings.sort_by(|a, b| {
        (a.span.start, a.span.end, a.rule, &a.category, &a.message).cmp(&(
            b.span.start,
            b.span.end,
            b.rule,
            &b.category,
            &b.message,
        ))
    });
    let suppressions = directives::find(text, draft.format, prose);
    // The allowlist is the project's word for every rule, not only loaded-language
    // (which also honours it per headword): a term on it is never flagged.
    findings.retain(|f| {
        let flagged = f.span.text(text);
        !suppressions.suppresses(f.rule, f.span, flagged) && !draft.config.allows(flagged)
    });
    findings
}
