//! Who said what: cue, source mention and content for each attributed statement,
//! and the canonical sources behind the mentions.
//!
//! Pipeline, per sentence: tokens (over the masked prose) -> cues (lexicon) ->
//! source mention (a small noun-phrase grammar around the cue) -> kind
//! (named / role / anonymous / vague / pronoun / document) -> content.
//! Citations (links, footnotes) come from the original text. Then, over the
//! whole draft: canonical sources (merging names, titles, pronouns and
//! pseudonyms) and quote continuation (a quote-only paragraph keeps its speaker).

mod canonical;
pub mod citations;
mod claims;
mod continuation;
mod cues;
mod extract;
mod grammar;
mod mentions;
mod speakers;

use super::prose::ProseMap;
use super::quotes::Quotes;
use super::sentences::Sentence;
use super::tokens::{Token, TokenTable};
use super::Span;
use serde::Serialize;

pub use crate::lexicon::attribution::CueClass;
pub use claims::{Claim, Stakes};
pub use mentions::Entity;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    /// A person or body by name: "President Volodymyr Zelensky", "the Security Service of Ukraine".
    Named,
    /// Known by position, not name: "a spokesperson for the ministry", "the battalion's commander".
    Role,
    /// Deliberately unnamed: "a source", "a senior official who spoke on condition of anonymity".
    Anonymous,
    /// An unspecified crowd: "experts", "critics", "many", "studies".
    Vague,
    /// "he", "she", "they", "who": resolved to the latest compatible source.
    Pronoun,
    /// A link, footnote reference or bracketed reference.
    Citation,
    /// A specific document: "a 2023 UN report", "the audit".
    Document,
}

impl SourceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Named => "named",
            SourceKind::Role => "role",
            SourceKind::Anonymous => "anonymous",
            SourceKind::Vague => "vague",
            SourceKind::Pronoun => "pronoun",
            SourceKind::Citation => "citation",
            SourceKind::Document => "document",
        }
    }

    /// Does this kind tell the reader who, specifically, the source is?
    pub fn is_specific(self) -> bool {
        matches!(
            self,
            SourceKind::Named | SourceKind::Role | SourceKind::Citation | SourceKind::Document
        )
    }
}

/// The shape of the cue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CueForm {
    /// A reporting verb: "said", "has told", "is believed".
    Verb,
    /// A phrase that puts the source after it: "according to".
    Preposition,
    /// An occasion with no verb: "In a statement, the ministry ...".
    Setting,
    /// A noun whose possessor or agent is the source: "Trump's claim", "a statement by X".
    Noun,
    /// A speaker's name and a colon: "Clinton camp: ...".
    Colon,
    /// A link, footnote reference or bracketed reference.
    Citation,
    /// A quoted sentence that continues an earlier attribution.
    Continuation,
}

impl CueForm {
    pub fn as_str(self) -> &'static str {
        match self {
            CueForm::Verb => "verb",
            CueForm::Preposition => "preposition",
            CueForm::Setting => "setting",
            CueForm::Noun => "noun",
            CueForm::Colon => "colon",
            CueForm::Citation => "citation",
            CueForm::Continuation => "continuation",
        }
    }

    /// Does an attribution of this form report something the source said or holds
    /// (as opposed to naming a statement in passing, like "Trump's remarks")?
    pub fn is_statement(self) -> bool {
        !matches!(self, CueForm::Noun)
    }
}

impl Attribution {
    /// Whether it adds to its source's share of what the draft reports: a statement,
    /// not "declined to comment", not a statement a noun merely names, and not a
    /// quote carried on from one (a five-sentence quote is one statement).
    pub fn adds_to_share(&self) -> bool {
        self.cue_class != CueClass::NoComment
            && self.continues.is_none()
            && self.form.is_statement()
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribution {
    /// Index into `Analysis::sentences`.
    pub sentence: usize,
    /// The reporting cue ("said", "according to"), absent for a bare citation
    /// and for a quote that continues an earlier attribution.
    pub cue: Option<Span>,
    /// What the cue says about the statement (report, contested, belief...).
    pub cue_class: CueClass,
    /// The shape of the cue (verb, "according to", noun, citation...).
    pub form: CueForm,
    /// The source mention ("Lin Jian", "experts", a link or footnote). For a
    /// continued quote, the mention in the attribution it continues.
    pub source: Span,
    pub kind: SourceKind,
    /// Index into `Attributions::sources` once resolved.
    pub canonical: Option<usize>,
    /// What was said, where known.
    pub content: Option<Span>,
    /// A quote that continues attribution `continues` (an index into `list`).
    pub continues: Option<usize>,
    /// What the statement is about and what rides on it.
    pub claim: Claim,
}

/// A canonical source: every mention of one person or body, merged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// Shared: the splice hands the neighbourhood a copy of every source per edit.
    pub name: std::sync::Arc<str>,
    pub kind: SourceKind,
    pub first_mention: Span,
    /// Indices into `Attributions::list`.
    pub statements: Vec<usize>,
    /// Introduced as "not his real name": a name the reader cannot check.
    pub pseudonym: bool,
}

/// What an unsourced cue gestures at; the ids are unattributed-claim categories.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum UnsourcedKind {
    /// "it is believed", "is widely regarded as", "has been widely documented".
    AgentlessPassive,
    /// "by many accounts", "reportedly", "there are fears".
    VagueSource,
    /// "there is growing evidence", "evidence suggests".
    UncitedEvidence,
    /// "it is no secret that", "everyone knows".
    CommonKnowledge,
}

impl UnsourcedKind {
    pub fn as_str(self) -> &'static str {
        match self {
            UnsourcedKind::AgentlessPassive => "agentless-passive",
            UnsourcedKind::VagueSource => "vague-source",
            UnsourcedKind::UncitedEvidence => "uncited-evidence",
            UnsourcedKind::CommonKnowledge => "common-knowledge",
        }
    }
}

/// A cue with no source at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unsourced {
    pub sentence: usize,
    pub span: Span,
    pub kind: UnsourcedKind,
    /// Inside a direct quotation: the speaker's words, not the writer's.
    pub nested: bool,
}

#[derive(Clone, Debug, Default)]
pub struct Attributions {
    /// Sorted by sentence, then by position.
    pub list: Vec<Attribution>,
    pub sources: Vec<Source>,
    /// Sorted by sentence.
    pub unsourced: Vec<Unsourced>,
    /// Writer's notes that a claim was corroborated or could not be verified.
    pub corroboration: Vec<CorroborationNote>,
    /// How many of the statements (`Attribution::adds_to_share`) each source made.
    pub shares: Shares,
}

/// Statements per canonical source, counted once: an edit that leaves every
/// attribution's source and cue as they were leaves these too, and a long draft's
/// edit need not count its thousands of attributions again (see `engine::splice`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Shares {
    /// By index into `Attributions::sources`.
    pub per_source: Vec<usize>,
    pub total: usize,
}

/// "independently verified" / "could not independently verify", by sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CorroborationNote {
    pub sentence: usize,
    pub span: Span,
    pub verified: bool,
}

impl Attributions {
    /// The attributions of sentence `sentence`.
    pub fn in_sentence(&self, sentence: usize) -> &[Attribution] {
        let a = self.list.partition_point(|x| x.sentence < sentence);
        let b = self.list.partition_point(|x| x.sentence <= sentence);
        &self.list[a..b]
    }

    /// The attributions of sentences `0..sentences`, one slice each, in order: one walk
    /// along the list, for rules that read every sentence (cheaper than `in_sentence`'s
    /// binary searches, one per sentence).
    pub fn by_sentence(&self, sentences: usize) -> impl Iterator<Item = &[Attribution]> {
        walk_by_sentence(&self.list, sentences, |a| a.sentence)
    }

    /// The unsourced cues of sentences `0..sentences`, as `by_sentence`.
    pub fn unsourced_by_sentence(&self, sentences: usize) -> impl Iterator<Item = &[Unsourced]> {
        walk_by_sentence(&self.unsourced, sentences, |u| u.sentence)
    }

    /// The canonical source of an attribution.
    pub fn source_of(&self, a: &Attribution) -> Option<&Source> {
        a.canonical.and_then(|c| self.sources.get(c))
    }

    /// The kind that matters for judging an attribution: a pronoun counts as what it refers to.
    pub fn effective_kind(&self, a: &Attribution) -> SourceKind {
        match (a.kind, self.source_of(a)) {
            (SourceKind::Pronoun, Some(s)) => s.kind,
            (SourceKind::Pronoun, None) => SourceKind::Pronoun,
            (_, Some(s)) if s.pseudonym => SourceKind::Anonymous,
            (k, _) => k,
        }
    }
}

/// The items of each sentence `0..sentences`, from `items` sorted by sentence.
fn walk_by_sentence<T>(
    items: &[T],
    sentences: usize,
    sentence_of: fn(&T) -> usize,
) -> impl Iterator<Item = &[T]> {
    let mut rest = items;
    (0..sentences).map(move |si| {
        let before = rest.iter().take_while(|x| sentence_of(x) < si).count();
        let here = rest[before..]
            .iter()
            .take_while(|x| sentence_of(x) == si)
            .count();
        let (this, after) = rest[before..].split_at(here);
        rest = after;
        this
    })
}

/// A found attribution waiting for its canonical source.
#[derive(Clone, Debug)]
struct Pending {
    sentence: usize,
    found: extract::Found,
    citation_target: Option<String>,
    claim: Claim,
}

/// What the sentences of a draft (or of a piece of one) say, before mentions are
/// merged into canonical sources. Each sentence is read on its own, so pieces can
/// be extracted separately: the resolver reads them one after another
/// (`canonical_sources_in`), and `Joined` gathers what `attributions` reads.
#[derive(Clone, Debug, Default)]
pub struct Extracted {
    /// Sorted by sentence, then by source position.
    pending: Vec<Pending>,
    unsourced: Vec<Unsourced>,
    /// Proper names anywhere in a sentence: pronoun antecedents.
    names: Vec<(usize, Span, mentions::MentionInfo)>,
    corroboration: Vec<CorroborationNote>,
}

impl Extracted {
    /// How many attributions were found (each gets one entry in `Canonical::ids`).
    pub fn found(&self) -> usize {
        self.pending.len()
    }

    pub fn unsourced(&self) -> &[Unsourced] {
        &self.unsourced
    }

    pub fn corroboration(&self) -> &[CorroborationNote] {
        &self.corroboration
    }
}

/// What `attributions` reads of the pieces of a draft, joined: each found
/// attribution as it will be listed (its canonical source still to come), the
/// unsourced cues and the corroboration notes. The mentions the resolver reads
/// stay in the pieces: joining those cost a copy of every mention of the draft.
#[derive(Debug, Default)]
pub struct Joined {
    found: Vec<Attribution>,
    unsourced: Vec<Unsourced>,
    corroboration: Vec<CorroborationNote>,
}

impl Joined {
    /// Add what was found in a piece whose text starts at byte `offset` and whose
    /// first sentence is sentence number `first_sentence` here.
    pub fn append(&mut self, piece: &Extracted, offset: usize, first_sentence: usize) {
        let at = |span: Span| Span::new(span.start + offset, span.end + offset);
        self.found.extend(piece.pending.iter().map(|p| {
            let f = &p.found;
            Attribution {
                sentence: p.sentence + first_sentence,
                cue: f.cue.map(at),
                cue_class: f.class,
                form: f.form,
                source: at(f.source),
                kind: f.info.kind,
                canonical: None,
                content: f.content.map(at),
                continues: None,
                claim: p.claim.clone(),
            }
        }));
        self.unsourced
            .extend(piece.unsourced.iter().map(|u| Unsourced {
                sentence: u.sentence + first_sentence,
                span: at(u.span),
                ..u.clone()
            }));
        self.corroboration
            .extend(piece.corroboration.iter().map(|c| CorroborationNote {
                sentence: c.sentence + first_sentence,
                span: at(c.span),
                ..c.clone()
            }));
    }
}

/// Read each sentence on its own: cues, source mentions, names and citations.
pub fn extract(
    text: &str,
    prose: &ProseMap,
    sentences: &[Sentence],
    quotes: &Quotes,
    table: &TokenTable,
) -> Extracted {
    let quote_index = crate::analysis::tokens::QuoteIndex::new(quotes);
    let lex = crate::lexicon::attribution::lexicon();
    let mut pending: Vec<Pending> = Vec::new();
    let mut names: Vec<(usize, Span, mentions::MentionInfo)> = Vec::new();
    let mut unsourced = Vec::new();
    let mut corroboration = Vec::new();
    let by_sentence = citations_by_sentence(text, sentences, prose);
    // The block last asked about, and whether it is a transcript line.
    let mut speaker_block: (Option<usize>, bool) = (None, false);
    // Sentences are bounded (`sentences::MAX_SENTENCE_BYTES`), so what one costs is too.
    for (si, sentence) in sentences.iter().enumerate() {
        let toks = table.sentence(si);
        if sentence.span.end > prose.masked.len() || sentence.span.is_empty() {
            continue;
        }
        let norms: Vec<&str> = toks.iter().map(|t| t.norm.as_str()).collect();
        // A block's sentences follow one another: read its label once, not per sentence.
        if speaker_block.0 != Some(sentence.block) {
            let speaker = prose
                .blocks
                .get(sentence.block)
                .is_some_and(|b| is_speaker_line(b.span.text(text)));
            speaker_block = (Some(sentence.block), speaker);
        }
        let speaker_line = speaker_block.1;
        let result = extract::sentence(text, toks, &norms, &quote_index, speaker_line);
        let mut found = result.found;
        let headline = is_headline(prose, sentence.block, toks);
        if headline {
            found.clear();
        }
        // Citations: links, footnotes and bracketed references, from the original text.
        // What they back is the sentence's claim, read once for all of them.
        let cited_claim = std::cell::OnceCell::new();
        for c in by_sentence.get(&si).into_iter().flatten() {
            let c = c.clone();
            if let Some(f) = found.iter_mut().find(|f| f.source.overlaps(c.span)) {
                // "[Studies](https://...) show": the link makes a vague mention a citation.
                if matches!(f.info.kind, SourceKind::Vague | SourceKind::Document) {
                    f.info.kind = SourceKind::Citation;
                }
                continue;
            }
            pending.push(Pending {
                sentence: si,
                found: extract::Found {
                    cue: None,
                    class: CueClass::Citation,
                    form: CueForm::Citation,
                    source: c.span,
                    info: citation_info(),
                    antecedent: None,
                    content: Some(sentence.span),
                    nested: false,
                },
                citation_target: Some(c.target),
                claim: cited_claim
                    .get_or_init(|| cited_claim_of(text, sentence))
                    .clone(),
            });
        }
        // A cue inside a quote is the speaker's report, part of what they said: not the
        // writer's attribution. (Unsourced cues keep a `nested` flag for the rules.)
        found.retain(|f| !f.nested);
        speakers::settle(&mut found, toks, &prose.masked, &norms);
        // "according to satellite images published by the Open Terrain Project": the agent
        // inside a larger source mention is part of that mention, not a second statement.
        let outer: Vec<Span> = found.iter().map(|f| f.source).collect();
        found.retain(|f| !outer.iter().any(|o| *o != f.source && o.contains(f.source)));
        let reported = reported_stances(&found);
        found.retain(|f| !reported.contains(&f.source));
        found.sort_by_key(|f| f.source.start);
        for f in found {
            let claim = claim_of(text, sentence, &f);
            pending.push(Pending {
                sentence: si,
                found: f,
                citation_target: None,
                claim,
            });
        }
        for u in result.unsourced {
            unsourced.push(Unsourced {
                sentence: si,
                span: u.span,
                kind: u.kind,
                nested: u.nested,
            });
        }
        for (span, info) in result.names.into_iter().filter(|_| !headline) {
            names.push((si, span, info));
        }
        for i in 0..toks.len() {
            if let Some((len, class)) = lex.corroboration.longest_match(&norms, i) {
                corroboration.push(CorroborationNote {
                    sentence: si,
                    span: Span::new(toks[i].span.start, toks[i + len - 1].span.end),
                    verified: *class == crate::lexicon::attribution::Corroboration::Corroborated,
                });
            }
        }
    }
    pending.sort_by_key(|p| (p.sentence, p.found.source.start));
    Extracted {
        pending,
        unsourced,
        names,
        corroboration,
    }
}

/// What a found statement is about: its content, else its sentence.
fn claim_of(text: &str, sentence: &Sentence, f: &extract::Found) -> Claim {
    let content = f.content.unwrap_or(sentence.span);
    let cue = f.cue.map(|c| c.text(text));
    // A few words either side say enough, and keep an endless "sentence" linear.
    let before = f.cue.map_or("", |c| {
        let from = floor_char_boundary(text, c.start.saturating_sub(CLAIM_CONTEXT_BYTES));
        &text[sentence.span.start.max(from).min(c.start)..c.start]
    });
    let end = floor_char_boundary(text, content.end.min(content.start + CLAIM_CONTENT_BYTES));
    Claim::read(cue, f.class, &text[content.start..end], before)
}

/// What a citation in `sentence` backs: the sentence's claim.
fn cited_claim_of(text: &str, sentence: &Sentence) -> Claim {
    let span = sentence.span;
    let end = floor_char_boundary(text, span.end.min(span.start + CLAIM_CONTENT_BYTES));
    Claim::read_text(CueClass::Citation, &text[span.start..end])
}

/// How much of the sentence before a cue, and of its content, a claim is read from.
const CLAIM_CONTEXT_BYTES: usize = 80;
const CLAIM_CONTENT_BYTES: usize = 600;

/// The largest char boundary of `text` at or before `at`.
fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The canonical source of each found attribution (`ids[i]` for the i-th, in text
/// order), and the sources, their statements not yet listed.
#[derive(Clone, Debug, Default)]
pub struct Canonical {
    pub ids: Vec<Option<usize>>,
    pub sources: Vec<Source>,
}

/// One step of the canonical resolver's reading, in text order.
#[derive(Clone, Copy)]
enum Step {
    /// A proper name outside every attribution's source: a pronoun antecedent.
    Name(usize),
    /// The source of `pending[i]`.
    Source(usize),
}

/// The resolver's steps over `extracted`: names and sources merged in text order.
fn steps(extracted: &Extracted) -> Vec<Step> {
    let Extracted { pending, names, .. } = extracted;
    let mut steps = Vec::with_capacity(pending.len() + names.len());
    let mut ni = 0;
    let mut name_steps_until = |steps: &mut Vec<Step>, until: Option<(usize, usize)>| {
        while ni < names.len() && until.is_none_or(|u| (names[ni].0, names[ni].1.start) < u) {
            let (s, span, _) = &names[ni];
            let from = pending.partition_point(|q| q.sentence < *s);
            let inside_a_source = pending[from..]
                .iter()
                .take_while(|q| q.sentence == *s)
                .any(|q| q.found.source.overlaps(*span));
            if !inside_a_source {
                steps.push(Step::Name(ni));
            }
            ni += 1;
        }
    };
    for (i, p) in pending.iter().enumerate() {
        name_steps_until(&mut steps, Some((p.sentence, p.found.source.start)));
        steps.push(Step::Source(i));
    }
    // Names after the last source change no resolution; they are read for signatures.
    name_steps_until(&mut steps, None);
    steps
}

/// Resolve every found attribution's source, in text order, over a draft's pieces,
/// each `(extracted, offset, first sentence)`: what was found in it, where it
/// starts in `text`, and the number of its first sentence.
pub fn canonical_sources_in<'a>(
    text: &'a str,
    pieces: impl IntoIterator<Item = (&'a Extracted, usize, usize)>,
) -> Canonical {
    let mut resolving = Resolving::new();
    for (extracted, offset, first_sentence) in pieces {
        resolving.piece(text, extracted, offset, first_sentence);
    }
    resolving.finish(text)
}

/// `canonical_sources_in` one piece at a time, from the top of a draft or from a
/// `Checkpoint` part-way down.
pub struct Resolving {
    resolver: canonical::Resolver,
    ids: Vec<Option<usize>>,
}

/// The resolver's state before a piece, kept between edits: the state before a
/// piece depends only on the pieces above it, so an edit to a mention further
/// down resolves again from here instead of from the top.
pub struct Checkpoint {
    /// The piece the state stands before.
    pub piece: usize,
    resolver: canonical::Resolver,
}

impl Default for Resolving {
    fn default() -> Self {
        Self::new()
    }
}

impl Resolving {
    pub fn new() -> Self {
        Resolving {
            resolver: canonical::Resolver::new(),
            ids: Vec::new(),
        }
    }

    /// Go on from `checkpoint`; `ids` are the canonical sources of the attributions
    /// found above it, of about `total` in the draft.
    pub fn resume(checkpoint: &Checkpoint, ids: &[Option<usize>], total: usize) -> Self {
        let mut all = Vec::with_capacity(total.max(ids.len()));
        all.extend_from_slice(ids);
        Resolving {
            resolver: checkpoint.resolver.clone(),
            ids: all,
        }
    }

    /// The state now, before piece `piece`, whose first sentence is `first_sentence`.
    pub fn checkpoint(&self, piece: usize, first_sentence: usize) -> Checkpoint {
        Checkpoint {
            piece,
            resolver: self.resolver.kept_from(first_sentence),
        }
    }

    /// Resolve the next piece: what was `extracted` from it, where it starts in
    /// `text`, and the number of its first sentence.
    pub fn piece(
        &mut self,
        text: &str,
        extracted: &Extracted,
        offset: usize,
        first_sentence: usize,
    ) {
        let (resolver, ids) = (&mut self.resolver, &mut self.ids);
        let at = |span: Span| Span::new(span.start + offset, span.end + offset);
        let first = ids.len();
        ids.resize(first + extracted.pending.len(), None);
        for step in steps(extracted) {
            match step {
                Step::Name(n) => {
                    let (s, span, info) = &extracted.names[n];
                    resolver.observe_name(at(*span), info, text, s + first_sentence);
                }
                Step::Source(i) => {
                    let p = &extracted.pending[i];
                    let f = &p.found;
                    ids[first + i] = resolver.resolve(
                        at(f.source),
                        &f.info,
                        f.antecedent.as_deref().map(|(s, i)| (at(*s), i)),
                        text,
                        p.sentence + first_sentence,
                        p.citation_target.as_deref(),
                    );
                }
            }
        }
    }

    pub fn finish(self, text: &str) -> Canonical {
        let mut sources = self.resolver.sources;
        for s in &mut sources {
            s.first_mention = snap(s.first_mention, text);
        }
        Canonical {
            ids: self.ids,
            sources,
        }
    }
}

/// Everything the canonical resolver reads from a piece, without positions: two
/// pieces with equal inputs resolve alike wherever they sit (given the same
/// sentence numbering). `text` is the piece's text, which `extracted` was found in.
#[derive(Debug, PartialEq)]
pub enum ResolverInput<'a> {
    Name {
        sentence: usize,
        text: &'a str,
        info: &'a mentions::MentionInfo,
    },
    Source {
        sentence: usize,
        class: CueClass,
        text: &'a str,
        info: &'a mentions::MentionInfo,
        antecedent: Option<(&'a str, &'a mentions::MentionInfo)>,
        citation: Option<&'a str>,
    },
}

/// The resolver's input from `extracted`, and the span of every mention it reads
/// (in the same order, antecedents after their source), where a source's first
/// mention can come from.
pub fn resolver_input<'a>(
    text: &'a str,
    extracted: &'a Extracted,
) -> (Vec<ResolverInput<'a>>, Vec<Span>) {
    let mut input = Vec::new();
    let mut spans = Vec::new();
    for step in steps(extracted) {
        match step {
            Step::Name(n) => {
                let (sentence, span, info) = &extracted.names[n];
                spans.push(*span);
                input.push(ResolverInput::Name {
                    sentence: *sentence,
                    text: span.text(text),
                    info,
                });
            }
            Step::Source(i) => {
                let p = &extracted.pending[i];
                let f = &p.found;
                spans.push(f.source);
                spans.extend(f.antecedent.as_deref().map(|(s, _)| *s));
                input.push(ResolverInput::Source {
                    sentence: p.sentence,
                    class: f.class,
                    text: f.source.text(text),
                    info: &f.info,
                    antecedent: f.antecedent.as_deref().map(|(s, i)| (s.text(text), i)),
                    citation: p.citation_target.as_deref(),
                });
            }
        }
    }
    (input, spans)
}

/// The attributions, given each found one's canonical source (`ids`, from
/// `canonical_sources_in` over this draft or over the whole draft this is part of),
/// with speakers carried into continued quotes.
pub fn attributions(
    text: &str,
    sentences: &[Sentence],
    quotes: &Quotes,
    joined: Joined,
    ids: &[Option<usize>],
    mut sources: Vec<Source>,
) -> Attributions {
    let Joined {
        found,
        unsourced,
        corroboration,
    } = joined;
    let quote_index = crate::analysis::tokens::QuoteIndex::new(quotes);
    let mut list = Vec::with_capacity(found.len());
    for (mut a, &canonical) in found.into_iter().zip(ids) {
        // "They want ...", "we think ..." with no one for the pronoun to stand for: a
        // belief or wish held by nobody in particular says nothing about sourcing.
        let holder_unknown = a.kind == SourceKind::Pronoun && canonical.is_none();
        if holder_unknown && matches!(a.cue_class, CueClass::Belief | CueClass::Intent) {
            continue;
        }
        a.canonical = canonical;
        list.push(a);
    }

    continuation::extend(&mut list, sentences, &quote_index);
    let shares = list_statements(&list, &mut sources);
    // Quote spans from the quote finder may not sit on character boundaries (a curly
    // quote is three bytes); everything handed on must slice cleanly.
    for a in &mut list {
        a.source = snap(a.source, text);
        a.cue = a.cue.map(|c| snap(c, text));
        a.content = a.content.map(|c| snap(c, text));
    }
    Attributions {
        list,
        sources,
        unsourced,
        corroboration,
        shares,
    }
}

/// List each source's statements (`Source::statements`, empty before) and count
/// its share of them.
pub fn list_statements(list: &[Attribution], sources: &mut [Source]) -> Shares {
    let mut shares = Shares {
        per_source: vec![0; sources.len()],
        total: 0,
    };
    for (i, a) in list.iter().enumerate() {
        let Some(c) = a.canonical.filter(|&c| c < sources.len()) else {
            continue;
        };
        // A quote carried on is part of the statement it continues.
        if a.continues.is_some() {
            continue;
        }
        sources[c].statements.push(i);
        if a.adds_to_share() {
            shares.per_source[c] += 1;
            shares.total += 1;
        }
    }
    shares
}

/// Sources of beliefs, plans and stances that sit inside what someone else is reported
/// to have said: in "Stein said she plans to join them", the plan is part of Stein's
/// statement, not a second attribution. Reported speech inside speech keeps its own
/// attribution ("He said the ministry told him ..."), since the writer names who spoke.
fn reported_stances(found: &[extract::Found]) -> Vec<Span> {
    found
        .iter()
        .filter(|f| !matches!(f.class, CueClass::Report | CueClass::NoComment))
        .filter(|f| {
            found.iter().any(|o| {
                o.source != f.source
                    && o.form == CueForm::Verb
                    && o.content.is_some_and(|c| c.contains(f.source))
            })
        })
        .map(|f| f.source)
        .collect()
}

/// Shrink a span to the nearest character boundaries inside it.
pub fn snap(span: Span, text: &str) -> Span {
    let mut start = span.start.min(text.len());
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let mut end = span.end.min(text.len()).max(start);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    Span::new(start, end.max(start))
}

fn citation_info() -> mentions::MentionInfo {
    mentions::MentionInfo::citation()
}

/// A headline says what the story is about, not what anyone said: "Mayor calls for
/// review" is the writer's summary of a statement the story reports again below,
/// and its names are no pronoun antecedents. A heading is one when it has no
/// sentence-final mark, or when it is short and in the headline's present tense
/// (some archives end every headline with a full stop; a lead sentence in the
/// first line reports in the past: "The mayor said on Monday ...").
fn is_headline(prose: &ProseMap, block: usize, toks: &[Token]) -> bool {
    let Some(b) = prose.blocks.get(block) else {
        return false;
    };
    // A line alone is a sentence, not a title over a story. A draft is analysed in
    // pieces cut at blank lines, so a title's piece holds only the title: the blank
    // line after it tells that a story follows.
    let after = prose.masked.get(b.span.end..).unwrap_or("");
    let has_body = prose.blocks.len() > block + 1 || after.matches('\n').count() >= 2;
    if !matches!(b.kind, super::prose::BlockKind::Heading { .. }) || !has_body {
        return false;
    }
    let text = prose.masked.get(b.span.start..b.span.end).unwrap_or("");
    let last = text
        .trim_end()
        .trim_end_matches(['"', '\'', '\u{201d}', '\u{2019}', ')'])
        .chars()
        .last();
    if !matches!(last, Some('.' | '!' | '?' | ':')) {
        return true;
    }
    let tagger = crate::nlp::tagger::tagger();
    let words = toks.iter().filter(|t| t.is_wordlike()).count();
    let past = toks
        .iter()
        .any(|t| matches!(tagger.xpos_name(t.xpos), "VBD" | "VBN"));
    last == Some('.') && words <= 14 && !past && !toks.iter().any(|t| t.quoted)
}

/// A transcript line: "Q: ...", "A: ...", "TRUMP: ...", "Ms. Lee: ...".
fn is_speaker_line(block: &str) -> bool {
    let Some((label, _)) = block.trim_start().split_once(':') else {
        return false;
    };
    let words: Vec<&str> = label.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 3
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase) && w.len() <= 20)
        && (words.len() > 1 || label.len() <= 12)
}

/// Citations found over each block's original text, each given to the sentence it
/// overlaps, or else to the sentence before it (`"... rose.[^1]"` belongs to "rose").
fn citations_by_sentence(
    text: &str,
    sentences: &[Sentence],
    prose: &ProseMap,
) -> std::collections::HashMap<usize, Vec<citations::Citation>> {
    let mut out: std::collections::HashMap<usize, Vec<citations::Citation>> = Default::default();
    let mut first = 0;
    while first < sentences.len() {
        let block = sentences[first].block;
        let last = sentences[first..]
            .iter()
            .position(|s| s.block != block)
            .map_or(sentences.len(), |p| first + p);
        let region = match prose.blocks.get(block) {
            Some(b) => Span::new(
                b.span.start.min(sentences[first].span.start),
                b.span.end.max(sentences[last - 1].span.end).min(text.len()),
            ),
            None => Span::new(sentences[first].span.start, sentences[last - 1].span.end),
        };
        if text.is_char_boundary(region.start) && text.is_char_boundary(region.end) {
            for c in citations::find(text, region) {
                let group = &sentences[first..last];
                let si = group
                    .iter()
                    .position(|s| s.span.overlaps(c.span))
                    .or_else(|| group.iter().rposition(|s| s.span.end <= c.span.start))
                    .unwrap_or(0);
                out.entry(first + si).or_default().push(c);
            }
        }
        first = last;
    }
    out
}

#[cfg(test)]
mod tests;
