//! The analysis of a whole draft, assembled from pieces.
//!
//! The draft is cut into pieces at paragraph boundaries (`analysis::chunks`).
//! Each piece is analysed on its own (prose map, quotes, sentences, what each
//! sentence attributes to whom, and the piece-scope rules) and kept in a `Cache`
//! keyed by its text. The draft-level work (canonical sources, pronouns across
//! paragraphs, continued quotes, the draft-scope rules, directives) is then done
//! over the assembled pieces. A one-character edit therefore costs one piece plus
//! the assembly, and a fresh analysis is the same computation with an empty cache.

mod cut;
mod layout;
mod piece;
mod splice;

use crate::analysis::attribution::{self, Attributions, Canonical, Joined};
use crate::analysis::chunks::SameEnds;
use crate::analysis::prose::{self, Block, ProseMap};
use crate::analysis::quotes::{QuoteSpan, Quotes};
use crate::analysis::sentences::{LineStats, Sentence};
use crate::analysis::tokens::TokenTable;
use crate::analysis::{directives, Format, Span};
use crate::config::Config;
use crate::rules::{self, Finding, RuleContext, Scope};
use crate::{insert, Analysis};
use cut::Cut;
use layout::Layout;
use piece::Piece;
use rayon::prelude::*;
use std::borrow::Cow;
use std::sync::Arc;

/// Below this many pieces to analyse, threads cost more than they save.
const PARALLEL_FROM: usize = 16;

/// The analysed pieces of one draft, and its draft-level results, reused for the
/// next version of the draft.
#[derive(Default)]
pub struct Cache {
    /// What the pieces were analysed with; anything else empties the cache.
    settings: Option<(Format, Config)>,
    /// The last analysis: its pieces and draft-level results.
    last: Option<Last>,
    /// Whether the last analysis spliced an edit in (rather than redoing the draft level).
    spliced: bool,
}

impl Cache {
    pub fn new() -> Cache {
        Cache::default()
    }

    /// How many distinct pieces are kept.
    pub fn len(&self) -> usize {
        let Some(last) = &self.last else { return 0 };
        let mut kept: Vec<*const Piece> = last.pieces.iter().map(Arc::as_ptr).collect();
        kept.sort_unstable();
        kept.dedup();
        kept.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether the last analysis spliced an edit into the one before (see `splice`).
    pub fn spliced(&self) -> bool {
        self.spliced
    }

    /// Who said what in the last analysis, kept for the next edit: a caller that
    /// shows it beside the findings reads it here instead of analysing again.
    pub fn attributions(&self) -> Option<&Attributions> {
        self.last.as_ref().map(|last| &last.attributions)
    }

    /// The piece the last edit's canonical resolver started from, if the edit was
    /// spliced in and changed a mention: 0 from the top, or a kept checkpoint's piece.
    pub fn resolved_from(&self) -> Option<usize> {
        self.last.as_ref()?.resolved_from
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
    match run(cache, text, None, None, format, config, Want::Analysis) {
        Output::Analysis(analysis) => *analysis,
        Output::Findings(_) => unreachable!("an analysis was asked for"),
    }
}

/// What the language server shows of a draft: `analyze_cached`'s findings and
/// blocks, without assembling the rest of the analysis where it can be left out.
/// The cache keeps `text` itself (not a copy) for the next edit.
/// `since`: how `text` differs from an earlier text, if the caller knows it.
pub fn findings_cached(
    cache: &mut Cache,
    text: &Arc<String>,
    since: Option<Since>,
    format: Format,
    config: &Config,
) -> Findings {
    match run(
        cache,
        text,
        Some(text),
        since,
        format,
        config,
        Want::Findings,
    ) {
        Output::Analysis(analysis) => Findings {
            findings: analysis.findings,
            blocks: analysis.prose.blocks,
        },
        Output::Findings(findings) => findings,
    }
}

/// How a text differs from an `earlier` one: what the caller knows from the edits it
/// made. It spares comparing a long draft with the last one on every keystroke; it
/// is used only when `earlier` is the very text the cache analysed last.
pub struct Since {
    pub earlier: Arc<String>,
    /// Bytes known to be alike at the start and at the end (at most what is).
    pub same: SameEnds,
}

/// The findings of a draft, and its prose blocks (where a fix may insert a directive).
pub struct Findings {
    pub findings: Vec<Finding>,
    pub blocks: Vec<Block>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Want {
    Analysis,
    Findings,
}

enum Output {
    Analysis(Box<Analysis>),
    Findings(Findings),
}

/// `shared`: `text` behind an `Arc`, for the cache to keep instead of a copy;
/// `since`: how it differs from an earlier text, if known.
fn run(
    cache: &mut Cache,
    text: &str,
    shared: Option<&Arc<String>>,
    since: Option<Since>,
    format: Format,
    config: &Config,
    want: Want,
) -> Output {
    cache.prepare(format, config);
    let known = since.filter(|since| {
        let last = cache.last.as_ref();
        last.is_some_and(|last| Arc::ptr_eq(&last.text, &since.earlier))
    });
    let (marker_free, same_ends) = markers_since(cache.last.as_ref(), text, known.map(|k| k.same));
    let reviewed = if marker_free {
        Cow::Borrowed(text)
    } else {
        insert::without_generated(text, format)
    };
    let kept: Arc<String> = match (reviewed, shared) {
        (Cow::Borrowed(_), Some(shared)) => Arc::clone(shared),
        (reviewed, _) => Arc::new(reviewed.into_owned()),
    };
    let text: &str = &kept;
    // Taken out: a panic from here on leaves the cache empty, and the next
    // analysis starts afresh.
    let mut last = cache.last.take();
    let Cut {
        spans,
        pieces,
        moved,
        left,
        lines,
    } = cut::cut(last.as_mut(), text, format, same_ends);
    let line_mode = lines.line_per_sentence();
    let unread = cut::unread(
        &pieces,
        &moved,
        last.as_ref().map(|l| l.line_mode),
        line_mode,
    );
    read_all(text, &spans, &pieces, &unread, line_mode, config);

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
    let spliced = last.and_then(|last| splice::edit(last, &draft, want, &moved, &left));
    cache.spliced = spliced.is_some();
    let (output, mut last) = spliced.unwrap_or_else(|| whole(&draft, want));
    last.text = kept;
    last.marker_free = marker_free;
    last.spans = spans;
    last.pieces = pieces;
    last.lines = lines;
    cache.last = Some(last);
    output
}

/// Whether `text` holds no generated block's marker (`insert::MARKER_TAG`), and
/// how it compares with the last text when that was worked out on the way (or
/// `known`). The last text held none: then only what the edit changed is
/// searched, not the whole draft on every keystroke.
fn markers_since(
    last: Option<&Last>,
    text: &str,
    known: Option<SameEnds>,
) -> (bool, Option<SameEnds>) {
    if let Some(last) = last.filter(|last| last.marker_free) {
        let ends = known.unwrap_or_else(|| SameEnds::of(&last.text, text));
        // A marker may straddle either end of the change.
        let reach = insert::MARKER_TAG.len() - 1;
        let from = ends.prefix.saturating_sub(reach);
        let to = (text.len() - ends.suffix + reach).min(text.len());
        let tag = insert::MARKER_TAG.as_bytes();
        if memchr::memmem::find(&text.as_bytes()[from..to], tag).is_none() {
            return (true, Some(ends));
        }
    }
    (!insert::may_hold_generated(text), None)
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

    /// Pieces `range` as a draft of their own, offsets from the first one's start:
    /// with the masked text, sentences and quotes if `text_layer`, the found
    /// attributions if `extract`.
    fn assemble(
        &self,
        range: std::ops::Range<usize>,
        text_layer: bool,
        extract: bool,
    ) -> Assembled {
        let base = self.spans[range.start].start;
        let end = self.spans[range.end - 1].end;
        let text = &self.text[base..end];
        let mut prose = ProseMap {
            masked: String::with_capacity(if text_layer { text.len() } else { 0 }),
            ..ProseMap::default()
        };
        let mut sentences = Vec::new();
        let mut quote_spans: Vec<QuoteSpan> = Vec::new();
        let mut found = Joined::default();
        for i in range.clone() {
            let (piece, at) = (&self.pieces[i], self.spans[i].start - base);
            let moved = |s: Span| Span::new(s.start + at, s.end + at);
            let reading = self.reading(i);
            let first_block = prose.blocks.len();
            let first_sentence = sentences.len();

            if text_layer {
                prose.masked.push_str(&piece.prose.masked);
            }
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

            if text_layer {
                sentences.extend(reading.sentences.iter().map(|s| Sentence {
                    span: moved(s.span),
                    block: s.block + first_block,
                }));
                quote_spans.extend(piece.quotes.spans.iter().map(|q| QuoteSpan {
                    span: moved(q.span),
                    inner: moved(q.inner),
                    ..q.clone()
                }));
            }
            if extract {
                found.append(&reading.extracted, at, first_sentence);
            }
        }
        // The plain-text title is the draft's first line, which only the top piece holds.
        if self.format == Format::PlainText && range.start == 0 && text_layer {
            prose::settle_plain_title(&mut prose);
        }
        Assembled {
            prose,
            sentences,
            quotes: Quotes::new(quote_spans),
            found,
        }
    }

    /// The findings of the piece-scope rules over the whole draft, in piece order.
    fn piece_findings(&self) -> Vec<Finding> {
        let mut findings = Vec::new();
        for (i, span) in self.spans.iter().enumerate() {
            let found = &self.reading(i).findings;
            findings.extend(found.iter().map(|f| f.shifted(span.start)));
        }
        findings
    }
}

/// Give the `unread` pieces their sentence-level reading, in parallel when there are many.
fn read_all(
    text: &str,
    spans: &[Span],
    pieces: &[Arc<Piece>],
    unread: &[usize],
    line_mode: bool,
    config: &Config,
) {
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
    /// What the draft level reads of the pieces' extractions.
    found: Joined,
}

impl Assembled {
    /// The draft-level reading of these pieces (`text`), given each found
    /// attribution's canonical source (`ids`, `sources`, whose statements are not
    /// listed yet): the attributions and the `Scope::Draft` findings.
    fn draft_level(
        self,
        text: &str,
        config: &Config,
        ids: &[Option<usize>],
        sources: Vec<attribution::Source>,
    ) -> DraftLevel {
        let Assembled {
            prose,
            sentences,
            quotes,
            found,
        } = self;
        let attributions =
            attribution::attributions(text, &sentences, &quotes, found, ids, sources);
        let ctx = RuleContext {
            text,
            prose: &prose,
            sentences: &sentences,
            tokens: &TokenTable::default(),
            quotes: &quotes,
            attributions: &attributions,
            config,
        };
        let near = rules::run_scope(&ctx, Scope::Draft);
        DraftLevel {
            prose,
            sentences,
            quotes,
            attributions,
            near,
        }
    }
}

/// Assembled pieces read at the draft level.
struct DraftLevel {
    prose: ProseMap,
    sentences: Vec<Sentence>,
    quotes: Quotes,
    attributions: Attributions,
    /// The findings of the `Scope::Draft` checks.
    near: Vec<Finding>,
}

/// What an analysis leaves for splicing the next edit into (see `splice`).
struct Last {
    text: Arc<String>,
    spans: Vec<Span>,
    pieces: Vec<Arc<Piece>>,
    /// The line statistics of the whole draft.
    lines: LineStats,
    line_mode: bool,
    /// The text holds no generated block's marker (so `text` is the raw text).
    marker_free: bool,
    /// Where each piece's sentences, found attributions and own findings start.
    starts: Starts,
    /// The canonical source of each found attribution.
    ids: Vec<Option<usize>>,
    attributions: Attributions,
    /// The findings of the `Scope::Draft` checks, before suppressions.
    near: Vec<Finding>,
    /// The findings of the piece-scope rules, in piece order, before suppressions.
    piece_findings: Vec<Finding>,
    layout: Layout,
    /// The canonical resolver's state above a piece, kept from the last edit to a
    /// mention (see `splice`).
    checkpoint: Option<attribution::Checkpoint>,
    /// The piece the canonical resolver ran again from, if the edit spliced in
    /// changed a mention.
    resolved_from: Option<usize>,
}

/// Where each piece's sentences, found attributions (indices into `Last::ids`)
/// and own findings (indices into `Last::piece_findings`) start, with the totals
/// at the end.
struct Starts {
    sentence: Vec<usize>,
    found: Vec<usize>,
    piece_finding: Vec<usize>,
}

impl Starts {
    fn of(draft: &Draft) -> Starts {
        let mut starts = Starts {
            sentence: vec![0],
            found: vec![0],
            piece_finding: vec![0],
        };
        for i in 0..draft.pieces.len() {
            let reading = draft.reading(i);
            starts
                .sentence
                .push(starts.sentence[i] + reading.sentences.len());
            starts
                .found
                .push(starts.found[i] + reading.extracted.found());
            starts
                .piece_finding
                .push(starts.piece_finding[i] + reading.findings.len());
        }
        starts
    }

    /// The starts after piece `k` was read anew as `reading`: the pieces after it
    /// shift by the change in its counts. (Reading every piece again to add them
    /// up touched thousands of them on every keystroke.)
    fn respliced(mut self, k: usize, reading: &piece::Reading) -> Starts {
        shift_after(&mut self.sentence, k, reading.sentences.len());
        shift_after(&mut self.found, k, reading.extracted.found());
        shift_after(&mut self.piece_finding, k, reading.findings.len());
        self
    }
}

/// Running totals (`starts[i]`: the total before piece `i`) after piece `k`'s
/// count became `count`: those after it shift by the difference.
fn shift_after(starts: &mut [usize], k: usize, count: usize) {
    let (end, old_end) = (starts[k] + count, starts[k + 1]);
    if end != old_end {
        for start in &mut starts[k + 1..] {
            // Every later total is at least `old_end`, so this never goes below zero.
            *start = *start + end - old_end;
        }
    }
}

impl Last {
    fn new(
        draft: &Draft,
        starts: Starts,
        ids: Vec<Option<usize>>,
        attributions: Attributions,
        near: Vec<Finding>,
        piece_findings: Vec<Finding>,
        layout: Layout,
    ) -> Last {
        Last {
            // Filled in by `run`, which moves them rather than copy thousands of spans and pieces.
            text: Arc::default(),
            marker_free: false,
            spans: Vec::new(),
            pieces: Vec::new(),
            lines: LineStats::default(),
            line_mode: draft.line_mode,
            starts,
            ids,
            attributions,
            near,
            piece_findings,
            layout,
            checkpoint: None,
            resolved_from: None,
        }
    }
}

/// The draft-level analysis over all the pieces: the whole `Analysis`, or only the
/// findings and blocks if that is all that is wanted.
fn whole(draft: &Draft, want: Want) -> (Output, Last) {
    if draft.pieces.is_empty() {
        let analysis = Analysis {
            prose: ProseMap::default(),
            sentences: Vec::new(),
            quotes: Quotes::new(Vec::new()),
            attributions: Attributions::default(),
            findings: Vec::new(),
        };
        return (
            Output::Analysis(Box::new(analysis)),
            Last::new(
                draft,
                Starts::of(draft),
                Vec::new(),
                Attributions::default(),
                Vec::new(),
                Vec::new(),
                Layout::of(draft, &ProseMap::default()),
            ),
        );
    }
    // Two passes over the pieces that need nothing of each other.
    let (assembled, Canonical { ids, sources }) = rayon::join(
        || draft.assemble(0..draft.pieces.len(), true, true),
        || {
            let mut first_sentence = 0;
            let pieces = (0..draft.pieces.len()).map(|i| {
                let reading = draft.reading(i);
                let piece = (&reading.extracted, draft.spans[i].start, first_sentence);
                first_sentence += reading.sentences.len();
                piece
            });
            attribution::canonical_sources_in(draft.text, pieces)
        },
    );
    let DraftLevel {
        prose,
        sentences,
        quotes,
        attributions,
        near,
    } = assembled.draft_level(draft.text, draft.config, &ids, sources);
    let whole = rules::run_whole_draft(&attributions, draft.config);
    let piece_findings = draft.piece_findings();
    let findings = settle(draft, &prose, [&piece_findings, &near, &whole]);
    let layout = Layout::of(draft, &prose);
    if want == Want::Findings {
        let findings = Findings {
            findings,
            blocks: prose.blocks,
        };
        let last = Last::new(
            draft,
            Starts::of(draft),
            ids,
            attributions,
            near,
            piece_findings,
            layout,
        );
        return (Output::Findings(findings), last);
    }
    let last = Last::new(
        draft,
        Starts::of(draft),
        ids,
        attributions.clone(),
        near,
        piece_findings,
        layout,
    );
    let analysis = Analysis {
        prose,
        sentences,
        quotes,
        attributions,
        findings,
    };
    (Output::Analysis(Box::new(analysis)), last)
}

/// All findings in one order, less those a directive or the allowlist silences.
fn settle(draft: &Draft, prose: &ProseMap, parts: [&[Finding]; 3]) -> Vec<Finding> {
    let text = draft.text;
    let mut findings: Vec<&Finding> = parts.into_iter().flatten().collect();
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
    let silenced = |f: &Finding| {
        let flagged = f.span.text(text);
        suppressions.suppresses(f.rule, f.span, flagged) || draft.config.allows(flagged)
    };
    // Usually nothing can be: then no finding's text is read (a cache miss each,
    // on a long draft).
    let none_silenced = suppressions.is_empty() && draft.config.allowlist.is_empty();
    findings
        .into_iter()
        .filter(|f| none_silenced || !silenced(f))
        .cloned()
        .collect()
}
