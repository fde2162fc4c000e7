//! Direct-quote spans: words inside them belong to the speaker, not the writer.
//!
//! Quotes are found in the masked prose, one block at a time:
//! - double quotes, straight (`"`) or curly (`“ ”`); a straight quote opens
//!   or closes according to what stands on either side of it;
//! - two apostrophes (`''`) as one double mark, as some newsroom systems and
//!   archives write quotes (`''It works,'' she said.`), and two backticks as an
//!   opening one (TeX's ``` ``It works,'' ```);
//! - single quotes (`' ‘ ’`), inside a double quote or on their own (British
//!   style, and scare quotes), where apostrophes (don't, '90s, students' union,
//!   rock 'n' roll) are told apart from quote marks; a single quote left open at
//!   the end of its paragraph is taken for an apostrophe, not a quote;
//! - a paragraph that opens a quote and never closes it quotes up to its end
//!   (`open_ended`), the convention for a quote that runs on into the next
//!   paragraph, which itself starts with an opening mark;
//! - each block inside a Markdown blockquote is a `Blockquote` span.
//!
//! A closing mark with nothing open is ignored, so a stray mark never flips
//! the rest of the text.

use super::prose::ProseMap;
use super::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteKind {
    /// "..." or “...”
    Double,
    /// '...' or ‘...’ (nested inside a double quote)
    Single,
    /// A Markdown blockquote (`>`), when configured to count as a quote.
    Blockquote,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuoteSpan {
    /// Including the quotation marks.
    pub span: Span,
    /// The quoted words only.
    pub inner: Span,
    pub kind: QuoteKind,
    /// A paragraph that opens a quote without closing it (multi-paragraph quote).
    pub open_ended: bool,
}

#[derive(Clone, Debug, Default)]
pub struct Quotes {
    /// Sorted by start offset; an enclosing span comes before the spans inside it.
    pub spans: Vec<QuoteSpan>,
    /// A lookup table over `spans`, built on the first query. Leave it to
    /// `Default` when building `Quotes` by hand.
    pub index: QuoteIndex,
}

impl Quotes {
    pub fn new(spans: Vec<QuoteSpan>) -> Quotes {
        Quotes {
            spans,
            index: QuoteIndex::default(),
        }
    }

    /// True when `span` lies inside some quote of any kind, blockquotes included.
    pub fn covers(&self, span: Span) -> bool {
        self.inside_quote(span, true)
    }

    /// True when `span` lies inside a direct quote; blockquotes count only
    /// when `include_blockquotes` is set.
    pub fn inside_quote(&self, span: Span, include_blockquotes: bool) -> bool {
        let kinds: &[QuoteKind] = if include_blockquotes {
            &[QuoteKind::Single, QuoteKind::Double, QuoteKind::Blockquote]
        } else {
            &[QuoteKind::Single, QuoteKind::Double]
        };
        kinds
            .iter()
            .any(|&k| self.enclosing_of_kind(span, k).is_some())
    }

    /// The quotes that start inside `span` (the spans are in start order).
    pub fn starting_in(&self, span: Span) -> &[QuoteSpan] {
        let first = self.spans.partition_point(|q| q.span.start < span.start);
        let end = self.spans.partition_point(|q| q.span.start < span.end);
        &self.spans[first..end.max(first)]
    }

    /// Is `q` inside another quote (of any kind)?
    pub fn nested(&self, q: &QuoteSpan) -> bool {
        [QuoteKind::Single, QuoteKind::Double, QuoteKind::Blockquote]
            .into_iter()
            .filter_map(|k| self.enclosing_of_kind(q.span, k))
            .any(|o| o.span != q.span)
    }

    /// The innermost quote containing the byte at `offset`.
    pub fn quote_at(&self, offset: usize) -> Option<&QuoteSpan> {
        let point = Span::new(offset, offset.saturating_add(1));
        [QuoteKind::Single, QuoteKind::Double, QuoteKind::Blockquote]
            .into_iter()
            .find_map(|k| self.enclosing_of_kind(point, k))
    }

    /// The quote of `kind` that contains `span`. Spans of one kind never
    /// overlap, so only the last one starting at or before `span` can.
    fn enclosing_of_kind(&self, span: Span, kind: QuoteKind) -> Option<&QuoteSpan> {
        let Some(by_kind) = self.index.get(&self.spans) else {
            // The spans changed after the index was built: answer slowly but right.
            return self
                .spans
                .iter()
                .filter(|q| q.kind == kind && q.span.contains(span))
                .max_by_key(|q| q.span.start);
        };
        let starts = &by_kind[kind_slot(kind)];
        let after = starts.partition_point(|&i| self.spans[i].span.start <= span.start);
        let candidate = &self.spans[starts[after.checked_sub(1)?]];
        candidate.span.contains(span).then_some(candidate)
    }
}

/// For each quote kind, the indices of its spans in start order.
#[derive(Clone, Debug, Default)]
pub struct QuoteIndex {
    built: std::sync::OnceLock<(usize, [Vec<usize>; 3])>,
}

impl QuoteIndex {
    /// The table for `spans`, or `None` if it was built for a different list.
    fn get(&self, spans: &[QuoteSpan]) -> Option<&[Vec<usize>; 3]> {
        let (len, table) = self.built.get_or_init(|| {
            let mut table: [Vec<usize>; 3] = Default::default();
            for (i, q) in spans.iter().enumerate() {
                table[kind_slot(q.kind)].push(i);
            }
            for list in &mut table {
                list.sort_by_key(|&i| spans[i].span.start);
            }
            (spans.len(), table)
        });
        (*len == spans.len()).then_some(table)
    }
}

fn kind_slot(kind: QuoteKind) -> usize {
    match kind {
        QuoteKind::Double => 0,
        QuoteKind::Single => 1,
        QuoteKind::Blockquote => 2,
    }
}

/// Find direct quotes and blockquote spans.
pub fn find(prose: &ProseMap) -> Quotes {
    let mut spans = Vec::new();
    for block in &prose.blocks {
        let Some(text) = prose.masked.get(block.span.start..block.span.end) else {
            continue;
        };
        if block.in_blockquote {
            if let Some(extent) = prose.prose_extent(block.span) {
                spans.push(QuoteSpan {
                    span: extent,
                    inner: extent,
                    kind: QuoteKind::Blockquote,
                    open_ended: false,
                });
            }
        }
        spans.extend(BlockScan::new(text, block.span.start).run());
    }
    // Outer spans first when two start together.
    spans.sort_by(|a, b| {
        a.span
            .start
            .cmp(&b.span.start)
            .then(b.span.end.cmp(&a.span.end))
    });
    Quotes::new(spans)
}

/// An opening mark that waits for its closing mark.
#[derive(Clone, Copy)]
struct OpenMark {
    /// Absolute offset of the mark.
    at: usize,
    len: usize,
}

/// The quote state machine over one block.
struct BlockScan<'a> {
    text: &'a str,
    base: usize,
    chars: Vec<(usize, char)>,
    double: Option<OpenMark>,
    /// A single quote inside the open double quote.
    single: Option<OpenMark>,
    /// A single quote with no double quote around it ('...' as British writers quote).
    outer_single: Option<OpenMark>,
    /// A straight-quoted phrase is open inside a curly quote.
    nested_straight: bool,
    found: Vec<QuoteSpan>,
}

impl<'a> BlockScan<'a> {
    fn new(text: &'a str, base: usize) -> Self {
        let mut chars: Vec<(usize, char)> = Vec::with_capacity(text.len());
        if text.is_ascii() {
            chars.extend(text.bytes().enumerate().map(|(i, b)| (i, char::from(b))));
        } else {
            chars.extend(text.char_indices());
        }
        BlockScan {
            text,
            base,
            chars,
            double: None,
            single: None,
            outer_single: None,
            nested_straight: false,
            found: Vec::new(),
        }
    }

    fn run(mut self) -> Vec<QuoteSpan> {
        let mut i = 0;
        while i < self.chars.len() {
            i = self.next_straight_mark(i);
            if i == self.chars.len() {
                break;
            }
            i += self.step(i);
        }
        self.close_at_block_end();
        self.found
    }

    /// In ASCII text (character `i` is byte `i`) only straight marks and backticks
    /// do anything: jump to the next one. Other text is read character by character.
    fn next_straight_mark(&self, from: usize) -> usize {
        if self.chars.len() != self.text.len() {
            return from;
        }
        memchr::memchr3(b'"', b'\'', b'`', &self.text.as_bytes()[from..])
            .map_or(self.chars.len(), |k| from + k)
    }

    /// Handle the character at `i`; returns how many characters were consumed.
    fn step(&mut self, i: usize) -> usize {
        let (offset, c) = self.chars[i];
        let mark = OpenMark {
            at: self.base + offset,
            len: c.len_utf8(),
        };
        match c {
            '“' => self.open_double(mark),
            '”' => self.close_double(mark),
            '"' => self.straight_double(i, mark, 1),
            '`' if self.char_at(i + 1) == Some('`') => {
                self.open_double(OpenMark { len: 2, ..mark });
                return 2;
            }
            '\'' if self.char_at(i + 1) == Some('\'') => {
                let mark = OpenMark { len: 2, ..mark };
                self.straight_double(i, mark, 2);
                return 2;
            }
            '‘' | '’' | '\'' => return self.single_mark(i, mark, self.double.is_none()),
            _ => {}
        }
        1
    }

    /// A straight double mark of `width` characters (`"` or `''`) at `i`.
    fn straight_double(&mut self, i: usize, mark: OpenMark, width: usize) {
        let opening = self.opening_context(i);
        let closing = self.closing_context(i + width - 1);
        match (opening, closing) {
            (true, false) => self.open_straight(mark),
            (false, true) => self.close_straight(mark),
            // Spaces on both sides, or letters on both sides: pair it up.
            _ if self.double.is_some() => self.close_straight(mark),
            // `said:"no` or `x"word`: a word follows, so it opens.
            (false, false) if !self.char_at(i + width).is_some_and(char::is_alphanumeric) => {}
            _ => self.open_straight(mark),
        }
    }

    /// A straight opening mark inside a curly quote is a nested quote the
    /// writer typed by hand; it must not cut the curly quote short.
    fn open_straight(&mut self, mark: OpenMark) {
        if self.inside_curly() {
            self.nested_straight = true;
        } else {
            self.open_double(mark);
        }
    }

    fn close_straight(&mut self, mark: OpenMark) {
        if self.inside_curly() && self.nested_straight {
            self.nested_straight = false;
        } else {
            self.close_double(mark);
        }
    }

    /// A quote opened by a curly mark, or by two apostrophes (any mark wider than `"`).
    fn inside_curly(&self) -> bool {
        self.double.is_some_and(|open| open.len > 1)
    }

    /// A second opening mark means the first one was never closed: start over.
    fn open_double(&mut self, mark: OpenMark) {
        self.double = Some(mark);
        self.single = None;
        self.nested_straight = false;
    }

    fn close_double(&mut self, mark: OpenMark) {
        // A closing mark with nothing open is a stray: ignore it.
        let Some(open) = self.double.take() else {
            return;
        };
        self.single = None;
        self.nested_straight = false;
        self.push(QuoteKind::Double, open, mark.at + mark.len, mark.at, false);
    }

    /// A single mark at `i`: inside the open double quote, or with none around it
    /// (`outer`: then kept only if what it quotes reads as speech). Returns the
    /// characters consumed.
    fn single_mark(&mut self, i: usize, mark: OpenMark, outer: bool) -> usize {
        if self.is_rock_n_roll(i) {
            return 3;
        }
        let c = self.chars[i].1;
        let next = self.char_at(i + 1);
        if let Some(open) = *self.single_slot(outer) {
            let closes = c != '‘'
                && self.char_before(i).is_some_and(|p| !p.is_whitespace())
                && !next.is_some_and(char::is_alphanumeric);
            if closes {
                *self.single_slot(outer) = None;
                let inner = &self.text[open.at + open.len - self.base..mark.at - self.base];
                if !outer || is_speech(inner) {
                    self.push(QuoteKind::Single, open, mark.at + mark.len, mark.at, false);
                }
            }
            return 1;
        }
        let opens = c != '’'
            && (c == '‘' || self.opening_context(i))
            && next.is_some_and(char::is_alphabetic)
            && !self.is_elision(i);
        if opens {
            *self.single_slot(outer) = Some(mark);
        }
        1
    }

    fn single_slot(&mut self, outer: bool) -> &mut Option<OpenMark> {
        if outer {
            &mut self.outer_single
        } else {
            &mut self.single
        }
    }

    fn close_at_block_end(&mut self) {
        if let Some(open) = self.double.take() {
            let end = self.base + self.text.trim_end().len();
            if end > open.at + open.len {
                self.push(QuoteKind::Double, open, end, end, true);
            }
        }
    }

    fn push(
        &mut self,
        kind: QuoteKind,
        open: OpenMark,
        end: usize,
        inner_end: usize,
        open_ended: bool,
    ) {
        let inner_start = open.at + open.len;
        let inner = self.trim(Span::new(inner_start, inner_end.max(inner_start)));
        self.found.push(QuoteSpan {
            span: Span::new(open.at, end),
            inner,
            kind,
            open_ended,
        });
    }

    /// `span` without surrounding whitespace (an empty quote stays empty).
    fn trim(&self, span: Span) -> Span {
        let slice = &self.text[span.start - self.base..span.end - self.base];
        let lead = slice.len() - slice.trim_start().len();
        let start = span.start + lead;
        Span::new(start, start + slice.trim().len())
    }

    fn char_at(&self, i: usize) -> Option<char> {
        self.chars.get(i).map(|&(_, c)| c)
    }

    fn char_before(&self, i: usize) -> Option<char> {
        i.checked_sub(1).and_then(|p| self.char_at(p))
    }

    /// After the start, whitespace or opening punctuation.
    fn opening_context(&self, i: usize) -> bool {
        self.char_before(i).is_none_or(|p| {
            p.is_whitespace()
                || matches!(
                    p,
                    '(' | '[' | '{' | '—' | '–' | '-' | '/' | '“' | '‘' | '"' | '\''
                )
        })
    }

    /// Before the end, whitespace or punctuation.
    fn closing_context(&self, i: usize) -> bool {
        self.char_at(i + 1).is_none_or(|n| {
            n.is_whitespace() || (!n.is_alphanumeric() && !matches!(n, '“' | '‘' | '(' | '[' | '{'))
        })
    }

    /// 'n' in "rock 'n' roll" (any mix of straight and curly marks).
    fn is_rock_n_roll(&self, i: usize) -> bool {
        let apostrophe = |c: Option<char>| matches!(c, Some('\'' | '‘' | '’'));
        apostrophe(self.char_at(i))
            && matches!(self.char_at(i + 1), Some('n' | 'N'))
            && apostrophe(self.char_at(i + 2))
            && !self.char_at(i + 3).is_some_and(char::is_alphanumeric)
    }

    /// A word-initial apostrophe that stands for dropped letters: 'em, 'til, 'cause.
    fn is_elision(&self, i: usize) -> bool {
        let word: String = self.chars[i + 1..]
            .iter()
            .map(|&(_, c)| c)
            .take_while(|c| c.is_alphabetic())
            .take(8)
            .collect::<String>()
            .to_lowercase();
        ELISIONS.contains(&word.as_str())
    }
}

/// Whether the words between single marks with no double quote around them read as
/// speech ('It was a dreadful night.'), not as scare quotes around a term (the
/// 'plan'), which are the writer's own voice, distancing itself.
fn is_speech(inner: &str) -> bool {
    let inner = inner.trim_end();
    inner.ends_with([',', '.', '?', '!', '…']) || inner.split_whitespace().count() >= 5
}

const ELISIONS: &[&str] = &["em", "til", "cause", "bout", "tis", "twas", "round", "n"];
