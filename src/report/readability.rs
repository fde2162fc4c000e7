//! The report's reading level: who can read the draft comfortably, and which
//! sentences make it harder.
//!
//! Flesch reading ease and the Flesch–Kincaid grade are computed over the
//! writer's own prose; words inside direct quotes are the speaker's and are
//! counted apart (a sentence that mixes both gives one "sentence" to each side).
//! The passive count parses each of the writer's sentences, so it is built for the
//! report only, never on a keystroke.

pub mod syllables;

#[cfg(test)]
mod sample;
#[cfg(test)]
mod tests;

use crate::analysis::prose::BlockKind;
use crate::analysis::syntax::Syntax;
use crate::analysis::tokens::{Token, TokenTable};
use crate::analysis::Span;
use crate::summary::intervals::Intervals;
use crate::Analysis;
use serde::Serialize;
use syllables::syllables;

/// A sentence of the writer's own prose longer than this many words is long.
pub const LONG_SENTENCE_WORDS: usize = 35;
/// How many of the sentences that most raise the grade the report names.
const HARDEST_SHOWN: usize = 3;
/// Below this many words the grade is too unsteady to name an audience with confidence.
pub const FEW_WORDS: usize = 100;

/// Words, sentences and syllables of one voice (the writer's, or the quotes').
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Tally {
    pub words: usize,
    pub sentences: usize,
    pub syllables: usize,
}

impl Tally {
    fn add(&mut self, other: Tally) {
        self.words += other.words;
        self.sentences += other.sentences;
        self.syllables += other.syllables;
    }

    fn without(self, other: Tally) -> Tally {
        Tally {
            words: self.words - other.words,
            sentences: self.sentences - other.sentences,
            syllables: self.syllables - other.syllables,
        }
    }

    pub fn words_per_sentence(&self) -> f64 {
        ratio(self.words, self.sentences)
    }

    pub fn syllables_per_word(&self) -> f64 {
        ratio(self.syllables, self.words)
    }

    /// Flesch reading ease: 100 and above is very easy, below 30 very hard.
    pub fn reading_ease(&self) -> f64 {
        206.835 - 1.015 * self.words_per_sentence() - 84.6 * self.syllables_per_word()
    }

    /// Flesch–Kincaid grade: the US school grade that can read the text.
    pub fn grade(&self) -> f64 {
        0.39 * self.words_per_sentence() + 11.8 * self.syllables_per_word() - 15.59
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Who the figures suit, in plain words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Audience {
    /// Grade below 6.
    WideAudience,
    /// Grade 6 to 9: what most newspapers aim at.
    GeneralNewsReaders,
    /// Grade 9 to 12.
    AttentiveGeneralReaders,
    /// Grade 12 to 15.
    CollegeEducatedReaders,
    /// Grade 15 and above.
    SpecialistReaders,
}

impl Audience {
    pub fn of(grade: f64) -> Audience {
        match grade {
            g if g < 6.0 => Audience::WideAudience,
            g if g < 9.0 => Audience::GeneralNewsReaders,
            g if g < 12.0 => Audience::AttentiveGeneralReaders,
            g if g < 15.0 => Audience::CollegeEducatedReaders,
            _ => Audience::SpecialistReaders,
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Audience::WideAudience => "a wide audience, young readers included",
            Audience::GeneralNewsReaders => "general news readers",
            Audience::AttentiveGeneralReaders => {
                "attentive general readers (a broadsheet or magazine audience)"
            }
            Audience::CollegeEducatedReaders => "readers with a college education",
            Audience::SpecialistReaders => "specialist readers",
        }
    }
}

/// A sentence that raises the grade, and by how much.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Lift {
    pub span: Span,
    /// The writer's grade minus the grade without this sentence.
    pub grade_points: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Readability {
    /// The writer's own prose.
    pub writer: Tally,
    /// Words inside direct quotes (the speakers').
    pub quoted: Tally,
    pub reading_ease: f64,
    pub grade: f64,
    /// The quotes' grade, when they hold any words.
    pub quoted_grade: Option<f64>,
    pub words_per_sentence: f64,
    pub audience: Audience,
    /// The writer's sentences over `LONG_SENTENCE_WORDS` words.
    pub long_sentences: Vec<Span>,
    pub long_share: f64,
    /// The passive predicates of the writer's sentences (one per sentence).
    pub passives: Vec<Span>,
    /// Share of the writer's sentences with a passive predicate.
    pub passive_share: f64,
    /// The sentences that most raise the grade, most first.
    pub hardest: Vec<Lift>,
}

/// One sentence's writer and quoted parts.
struct SentenceTally {
    span: Span,
    writer: Tally,
    quoted: Tally,
}

/// The reading level of an analysed draft, from its token table. `quoted`
/// holds the direct quotes (blockquotes too when they count as quotes).
pub fn build(analysis: &Analysis, table: &TokenTable, quoted: &Intervals) -> Readability {
    let tallies: Vec<SentenceTally> = analysis
        .sentences
        .iter()
        .enumerate()
        .filter(|(_, s)| !is_heading(analysis, s.block))
        .map(|(i, s)| tally_sentence(s.span, table.sentence(i), quoted))
        .collect();
    let (mut writer, mut quotes) = (Tally::default(), Tally::default());
    for t in &tallies {
        writer.add(t.writer);
        quotes.add(t.quoted);
    }
    let long_sentences: Vec<Span> = tallies
        .iter()
        .filter(|t| t.writer.words > LONG_SENTENCE_WORDS)
        .map(|t| t.span)
        .collect();
    let passives = passive_predicates(analysis, table, quoted);
    let grade = writer.grade();
    Readability {
        writer,
        quoted: quotes,
        reading_ease: writer.reading_ease(),
        grade,
        quoted_grade: (quotes.words > 0).then(|| quotes.grade()),
        words_per_sentence: writer.words_per_sentence(),
        audience: Audience::of(grade),
        long_share: ratio(long_sentences.len(), writer.sentences),
        long_sentences,
        passive_share: ratio(passives.len(), writer.sentences),
        passives,
        hardest: hardest(&tallies, writer),
    }
}

/// Headings are labels, not sentences: they are left out of the figures.
fn is_heading(analysis: &Analysis, block: usize) -> bool {
    analysis
        .prose
        .blocks
        .get(block)
        .is_some_and(|b| matches!(b.kind, BlockKind::Heading { .. }))
}

/// A word of the sentence (not punctuation, not a possessive "'s").
pub fn is_word(token: &Token) -> bool {
    token.is_wordlike()
}

/// Words and syllables of one sentence, split between the writer and the quotes.
fn tally_sentence(span: Span, tokens: &[Token], quoted: &Intervals) -> SentenceTally {
    let (mut writer, mut quotes) = (Tally::default(), Tally::default());
    for token in tokens.iter().filter(|t| is_word(t)) {
        let side = if token.quoted || quoted.contains(token.span) {
            &mut quotes
        } else {
            &mut writer
        };
        side.words += 1;
        side.syllables += syllables(token.norm.as_str());
    }
    writer.sentences = usize::from(writer.words > 0);
    quotes.sentences = usize::from(quotes.words > 0);
    SentenceTally {
        span,
        writer,
        quoted: quotes,
    }
}

/// The sentences whose removal would lower the writer's grade most.
fn hardest(tallies: &[SentenceTally], writer: Tally) -> Vec<Lift> {
    if writer.sentences < 2 {
        return Vec::new();
    }
    let grade = writer.grade();
    let mut lifts: Vec<Lift> = tallies
        .iter()
        .filter(|t| t.writer.words > 0)
        .map(|t| Lift {
            span: t.span,
            grade_points: grade - writer.without(t.writer).grade(),
        })
        .filter(|l| l.grade_points > 0.0)
        .collect();
    lifts.sort_by(|a, b| b.grade_points.total_cmp(&a.grade_points));
    lifts.truncate(HARDEST_SHOWN);
    lifts
}

/// Whether a sentence has what a passive needs, a form of "be" or "get" and a
/// participle: only those are parsed, which spares most of the report's parsing.
fn may_be_passive(tokens: &[Token]) -> bool {
    let tagger = crate::nlp::tagger::tagger();
    let participle = |t: &Token| matches!(tagger.xpos_name(t.xpos), "VBN" | "VBD");
    let be_or_get = |t: &Token| {
        // "wasn't" as one token, or "was" with "n't" split off.
        let norm = t.norm.as_str();
        let norm = norm.strip_suffix("n't").unwrap_or(norm);
        matches!(
            norm,
            "be" | "is"
                | "are"
                | "was"
                | "were"
                | "been"
                | "being"
                | "am"
                | "get"
                | "gets"
                | "got"
                | "gotten"
                | "getting"
        ) || ["'s", "'re", "'m"].iter().any(|c| norm.ends_with(c))
    };
    tokens.iter().any(be_or_get) && tokens.iter().any(participle)
}

/// One passive predicate per writer sentence that has one, outside quotes.
fn passive_predicates(analysis: &Analysis, table: &TokenTable, quoted: &Intervals) -> Vec<Span> {
    let prose = &analysis.prose;
    (0..table.sentences())
        .filter_map(|i| {
            if is_heading(analysis, analysis.sentences[i].block) {
                return None;
            }
            let tokens = table.sentence(i);
            let writer = |t: usize| !tokens[t].quoted && !quoted.contains(tokens[t].span);
            if !(0..tokens.len()).any(|t| writer(t) && tokens[t].is_wordlike()) {
                return None;
            }
            if !may_be_passive(tokens) {
                return None;
            }
            let syntax = Syntax::parse(&prose.masked, tokens);
            (0..tokens.len())
                .find(|&t| writer(t) && syntax.is_passive(t))
                .map(|t| tokens[t].span)
        })
        .collect()
}
