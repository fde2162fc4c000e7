//! One piece of a draft (see `analysis::chunks`), analysed on its own.
//!
//! Everything here depends only on the piece's text, where it starts (the top of
//! the draft or later), the config, and whether the draft is written one sentence
//! per line. Offsets are relative to the piece, so an unchanged piece can be
//! reused wherever an edit has moved it.

use crate::analysis::attribution::{self, Attributions, Extracted};
use crate::analysis::prose::{self, ProseMap, Start};
use crate::analysis::quotes::{self, Quotes};
use crate::analysis::sentences::{self, LineStats, Sentence};
use crate::analysis::tokens::TokenTable;
use crate::analysis::Format;
use crate::config::Config;
use crate::rules::{self, Finding, RuleContext, Scope};
use std::sync::OnceLock;

pub struct Piece {
    pub prose: ProseMap,
    pub lines: LineStats,
    pub quotes: Quotes,
    /// The rest, for each way of splitting sentences: `[prose, one per line]`.
    /// Boxed: a draft is read one way, and the other slot stays empty in every
    /// one of its pieces.
    readings: [OnceLock<Box<Reading>>; 2],
}

/// The sentence-level analysis of a piece.
pub struct Reading {
    pub sentences: Vec<Sentence>,
    pub extracted: Extracted,
    /// Findings of the rules that read one piece at a time.
    pub findings: Vec<Finding>,
}

impl Piece {
    pub fn new(text: &str, format: Format, start: Start) -> Piece {
        let prose = prose::map_piece(text, format, start);
        Piece {
            lines: LineStats::of(&prose),
            quotes: quotes::find(&prose),
            prose,
            readings: Default::default(),
        }
    }

    pub fn has_reading(&self, line_per_sentence: bool) -> bool {
        self.readings[line_per_sentence as usize].get().is_some()
    }

    /// The sentence-level analysis; `text` is the piece's text.
    pub fn reading(&self, text: &str, line_per_sentence: bool, config: &Config) -> &Reading {
        self.readings[line_per_sentence as usize].get_or_init(|| {
            let sentences = sentences::split_in_mode(&self.prose, line_per_sentence);
            let tokens = TokenTable::build(&self.prose, &sentences, &self.quotes);
            let extracted =
                attribution::extract(text, &self.prose, &sentences, &self.quotes, &tokens);
            let ctx = RuleContext {
                text,
                prose: &self.prose,
                sentences: &sentences,
                tokens: &tokens,
                quotes: &self.quotes,
                attributions: &Attributions::default(),
                config,
            };
            let findings = rules::run_scope(&ctx, Scope::Piece);
            Box::new(Reading {
                sentences,
                extracted,
                findings,
            })
        })
    }
}
