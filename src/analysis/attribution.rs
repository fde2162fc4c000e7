//! Who said what: cue, source mention and content for each attributed statement.

use super::Span;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    Named,
    Role,
    Anonymous,
    Vague,
    Pronoun,
    Citation,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribution {
    /// Index into `Analysis::sentences`.
    pub sentence: usize,
    /// The reporting cue ("said", "according to"), absent for a bare citation.
    pub cue: Option<Span>,
    /// The source mention ("Lin Jian", "experts", a link or footnote).
    pub source: Span,
    pub kind: SourceKind,
    /// Index into `Attributions::sources` once resolved.
    pub canonical: Option<usize>,
    /// What was said, where known.
    pub content: Option<Span>,
}

/// A canonical source: every mention of one person or body, merged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    pub name: String,
    pub kind: SourceKind,
    pub first_mention: Span,
    /// Indices into `Attributions::list`.
    pub statements: Vec<usize>,
}

#[derive(Clone, Debug, Default)]
pub struct Attributions {
    pub list: Vec<Attribution>,
    pub sources: Vec<Source>,
}

use super::prose::ProseMap;
use super::quotes::Quotes;
use super::sentences::Sentence;

/// Find every attribution in the draft and merge mentions into canonical sources.
pub fn find(
    _text: &str,
    _prose: &ProseMap,
    _sentences: &[Sentence],
    _quotes: &Quotes,
) -> Attributions {
    Attributions::default()
}
