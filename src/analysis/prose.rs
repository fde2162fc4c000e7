//! Markdown or plain text -> a prose map: which bytes are the writer's prose.
//!
//! The map keeps a masked copy of the text with the same byte length, in which
//! every non-prose byte (code, HTML, URLs, link destinations, front matter,
//! Markdown syntax) is an ASCII space and line breaks are kept. Later stages
//! search the masked copy, so every offset they find is an offset into the
//! original text.
//!
//! Markdown is read with pulldown-cmark's offset iterator and is masked by
//! default: only the byte ranges of text events inside prose blocks are
//! revealed, so any syntax the parser knows about stays hidden. HTML entities
//! (`&eacute;`) are prose and keep their bytes. Plain text is revealed by
//! default; list markers, HTML comments and URLs are hidden.

use super::{Format, Span};
use pulldown_cmark::{BrokenLink, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};
use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Heading { level: u8 },
    ListItem,
    TableCell,
}

/// One unit of prose: sentences never cross a block boundary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// The block's extent in the original text, trimmed. A list item starts
    /// at its text, after the marker; a heading includes its `#` marks.
    pub span: Span,
    /// Inside a Markdown blockquote (`>`).
    pub in_blockquote: bool,
}

#[derive(Clone, Debug, Default)]
pub struct ProseMap {
    /// Same length as the source; non-prose bytes replaced by spaces, newlines kept.
    pub masked: String,
    /// In document order. Blocks without any letter or digit of prose are left out.
    pub blocks: Vec<Block>,
    /// YAML (`---`) or TOML (`+++`) front matter, if any, delimiters included.
    pub front_matter: Option<Span>,
    /// HTML comments (where directives live), `<!--` to `-->` inclusive, in order.
    pub comments: Vec<Span>,
    /// The title's prose: the first H1 in Markdown, the first non-empty line in plain text.
    pub title: Option<Span>,
}

impl ProseMap {
    /// The masked text of one block.
    pub fn block_text(&self, block: usize) -> &str {
        let span = self.blocks[block].span;
        &self.masked[span.start..span.end]
    }

    /// `span` shrunk to its first and last non-whitespace byte of masked prose.
    pub fn prose_extent(&self, span: Span) -> Option<Span> {
        trimmed_extent(&self.masked, span)
    }

    /// The index of the block whose extent contains `offset`.
    pub fn block_at(&self, offset: usize) -> Option<usize> {
        let after = self.blocks.partition_point(|b| b.span.start <= offset);
        let candidate = after.checked_sub(1)?;
        (offset < self.blocks[candidate].span.end).then_some(candidate)
    }

    /// The title's text, taken from the masked copy.
    pub fn title_text(&self) -> Option<&str> {
        self.title.map(|t| &self.masked[t.start..t.end])
    }
}

/// Build the prose map of a draft.
pub fn map(text: &str, format: Format) -> ProseMap {
    map_piece(text, format, Start::OfDraft)
}

/// Where a piece of a draft (see `chunks`) begins.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Start {
    /// At the top: front matter, a byte order mark and a plain-text title may be here.
    OfDraft,
    /// Further down, after a blank line.
    Later,
}

/// The prose map of one piece of a draft, with offsets relative to the piece.
pub fn map_piece(text: &str, format: Format, start: Start) -> ProseMap {
    match format {
        Format::Markdown => map_markdown(text, start),
        Format::PlainText => map_plain(text, start),
    }
}

// ---------------------------------------------------------------------------
// The mask: a byte copy of the source that only ever holds whole characters.

struct Mask<'a> {
    text: &'a str,
    bytes: Vec<u8>,
}

impl<'a> Mask<'a> {
    /// Everything hidden except line breaks.
    fn hidden(text: &'a str) -> Self {
        let bytes = text.bytes().map(hide_byte).collect();
        Mask { text, bytes }
    }

    /// Everything visible except control characters.
    fn visible(text: &'a str) -> Self {
        let bytes = text.bytes().map(scrub_control).collect();
        Mask { text, bytes }
    }

    fn reveal(&mut self, range: Range<usize>) {
        if let Some(r) = self.aligned(range) {
            for i in r {
                self.bytes[i] = scrub_control(self.text.as_bytes()[i]);
            }
        }
    }

    fn hide(&mut self, range: Range<usize>) {
        if let Some(r) = self.aligned(range) {
            for i in r {
                self.bytes[i] = hide_byte(self.bytes[i]);
            }
        }
    }

    /// The range clipped to the text, or `None` if it would split a character.
    fn aligned(&self, range: Range<usize>) -> Option<Range<usize>> {
        let end = range.end.min(self.text.len());
        let start = range.start.min(end);
        let ok = self.text.is_char_boundary(start) && self.text.is_char_boundary(end);
        ok.then_some(start..end)
    }

    /// The masked text of `span`. Hidden characters become spaces byte for
    /// byte, so every character boundary of the source is one here too.
    fn slice(&self, span: Span) -> &str {
        self.bytes
            .get(span.start..span.end)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("")
    }

    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes).unwrap_or("")
    }

    fn finish(self) -> String {
        // Every write covers whole characters, so this cannot fail; if it ever
        // did, an all-hidden mask is still the right length and never lies.
        String::from_utf8(self.bytes).unwrap_or_else(|_| {
            String::from_utf8(self.text.bytes().map(hide_byte).collect()).unwrap_or_default()
        })
    }
}

fn hide_byte(b: u8) -> u8 {
    if b == b'\n' || b == b'\r' {
        b
    } else {
        b' '
    }
}

/// NUL and other control characters are never prose; tabs and line breaks are kept.
fn scrub_control(b: u8) -> u8 {
    match b {
        b'\t' | b'\n' | b'\r' => b,
        0..=0x1f | 0x7f => b' ',
        _ => b,
    }
}

const BOM: &str = "\u{feff}";

// ---------------------------------------------------------------------------
// Markdown

fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
}

fn map_markdown(text: &str, start: Start) -> ProseMap {
    // A byte order mark would stop the parser from seeing a heading on line 1.
    let base = if text.starts_with(BOM) { BOM.len() } else { 0 };
    let mut walk = MarkdownWalk::new(text);
    let mut options = markdown_options();
    if start == Start::Later {
        // A `---` line further down is a rule, never front matter.
        options.remove(
            Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
                | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS,
        );
    }
    // A reference whose definition sits in another piece is still a link.
    let mut other_piece = |link: BrokenLink<'_>| {
        matches!(link.link_type, LinkType::Reference | LinkType::Collapsed)
            .then(|| (CowStr::Borrowed(""), CowStr::Borrowed("")))
    };
    let parser =
        Parser::new_with_broken_link_callback(&text[base..], options, Some(&mut other_piece));
    for (event, range) in parser.into_offset_iter() {
        walk.event(event, range.start + base..range.end + base);
    }
    walk.finish()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Container {
    BlockQuote,
    Item,
    /// Lists, tables, code, HTML, footnote definitions, front matter.
    Other,
}

struct OpenBlock {
    kind: BlockKind,
    start: usize,
    end: usize,
}

struct MarkdownWalk<'a> {
    text: &'a str,
    mask: Mask<'a>,
    blocks: Vec<Block>,
    comments: Vec<Span>,
    front_matter: Option<Span>,
    title: Option<Span>,
    containers: Vec<Container>,
    blockquote_depth: usize,
    open: Option<OpenBlock>,
    /// One entry per open link or image: whether its text is hidden.
    links: Vec<bool>,
    hidden_links: usize,
}

impl<'a> MarkdownWalk<'a> {
    fn new(text: &'a str) -> Self {
        MarkdownWalk {
            text,
            mask: Mask::hidden(text),
            blocks: Vec::new(),
            comments: Vec::new(),
            front_matter: None,
            title: None,
            containers: Vec::new(),
            blockquote_depth: 0,
            open: None,
            links: Vec::new(),
            hidden_links: 0,
        }
    }

    fn event(&mut self, event: Event, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag, range),
            Event::Text(_) => {
                self.touch_inline(&range);
                if self.open.is_some() && self.hidden_links == 0 {
                    self.mask.reveal(range);
                }
            }
            Event::InlineHtml(html) => {
                if html.starts_with("<!--") {
                    self.comments.push(range.clone().into());
                }
                self.touch_inline(&range);
            }
            Event::Code(_)
            | Event::InlineMath(_)
            | Event::FootnoteReference(_)
            | Event::SoftBreak
            | Event::HardBreak
            | Event::TaskListMarker(_) => self.touch_inline(&range),
            Event::Html(_) | Event::DisplayMath(_) | Event::Rule => {}
        }
    }

    fn start(&mut self, tag: Tag, range: Range<usize>) {
        match tag {
            Tag::Paragraph => {
                let kind = match self.containers.last() {
                    Some(Container::Item) => BlockKind::ListItem,
                    _ => BlockKind::Paragraph,
                };
                self.begin_block(kind, range.start);
            }
            Tag::Heading { level, .. } => {
                self.begin_block(BlockKind::Heading { level: level as u8 }, range.start)
            }
            Tag::TableCell => self.begin_block(BlockKind::TableCell, range.start),
            Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript => self.touch_inline(&range),
            Tag::Link { link_type, .. } => {
                self.touch_inline(&range);
                self.push_link(matches!(link_type, LinkType::Autolink | LinkType::Email));
            }
            Tag::Image { .. } => {
                // Alt text describes a picture; it is not part of the article's prose.
                self.touch_inline(&range);
                self.push_link(true);
            }
            Tag::BlockQuote(_) => {
                self.close_implicit();
                self.blockquote_depth += 1;
                self.containers.push(Container::BlockQuote);
            }
            Tag::Item => {
                self.close_implicit();
                self.containers.push(Container::Item);
            }
            Tag::HtmlBlock => {
                self.close_implicit();
                self.record_block_comments(range);
                self.containers.push(Container::Other);
            }
            Tag::MetadataBlock(_) => {
                self.close_implicit();
                self.front_matter.get_or_insert(range.into());
                self.containers.push(Container::Other);
            }
            Tag::CodeBlock(_)
            | Tag::List(_)
            | Tag::FootnoteDefinition(_)
            | Tag::Table(_)
            | Tag::TableHead
            | Tag::TableRow
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition => {
                self.close_implicit();
                self.containers.push(Container::Other);
            }
        }
    }

    fn end(&mut self, tag: TagEnd, range: Range<usize>) {
        match tag {
            TagEnd::Paragraph | TagEnd::TableCell => {
                self.finish_block(range.end);
            }
            TagEnd::Heading(level) => {
                let block = self.finish_block(range.end);
                if level as u8 == 1 && self.title.is_none() {
                    self.title =
                        block.and_then(|b| trim_within(self.mask.slice(b.span), b.span.start));
                }
            }
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript => self.touch_inline(&range),
            TagEnd::Link | TagEnd::Image => {
                if self.links.pop() == Some(true) {
                    self.hidden_links -= 1;
                }
                self.touch_inline(&range);
            }
            TagEnd::BlockQuote(_) => {
                self.close_implicit();
                self.blockquote_depth = self.blockquote_depth.saturating_sub(1);
                self.containers.pop();
            }
            _ => {
                self.close_implicit();
                self.containers.pop();
            }
        }
    }

    fn push_link(&mut self, hidden: bool) {
        self.links.push(hidden);
        if hidden {
            self.hidden_links += 1;
        }
    }

    fn begin_block(&mut self, kind: BlockKind, start: usize) {
        self.close_implicit();
        self.open = Some(OpenBlock {
            kind,
            start,
            end: start,
        });
    }

    /// Inline content extends the open block. A tight list item has no
    /// paragraph event, so its first inline content opens a block of its own.
    fn touch_inline(&mut self, range: &Range<usize>) {
        match &mut self.open {
            Some(open) => open.end = open.end.max(range.end),
            None if self.containers.last() == Some(&Container::Item) => {
                self.open = Some(OpenBlock {
                    kind: BlockKind::ListItem,
                    start: range.start,
                    end: range.end,
                });
            }
            None => {}
        }
    }

    /// A tight list item's text ends where a nested block or the item ends.
    fn close_implicit(&mut self) {
        if let Some(open) = &self.open {
            let end = open.end;
            self.finish_block(end);
        }
    }

    fn finish_block(&mut self, end: usize) -> Option<Block> {
        let open = self.open.take()?;
        let end = trim_end_whitespace(self.text, open.start, end.max(open.end));
        let start = trim_start_whitespace(self.text, open.start, end);
        let block = Block {
            kind: open.kind,
            span: Span::new(start, end),
            in_blockquote: self.blockquote_depth > 0,
        };
        if has_prose(self.mask.slice(block.span)) {
            self.blocks.push(block.clone());
            Some(block)
        } else {
            None
        }
    }

    fn record_block_comments(&mut self, range: Range<usize>) {
        let end = range.end.min(self.text.len());
        if let Some(html) = self.text.get(range.start..end) {
            self.comments.extend(html_comments(html, range.start));
        }
    }

    fn finish(mut self) -> ProseMap {
        self.close_implicit();
        for url in addresses(self.mask.as_str()) {
            self.mask.hide(url);
        }
        // Hiding URLs can leave a block without prose.
        let masked = self.mask.finish();
        self.blocks
            .retain(|b| has_prose(&masked[b.span.start..b.span.end]));
        self.blocks.sort_by_key(|b| b.span.start);
        self.comments.sort();
        let title = self.title.and_then(|t| trimmed_extent(&masked, t));
        ProseMap {
            masked,
            blocks: self.blocks,
            front_matter: self.front_matter,
            comments: self.comments,
            title,
        }
    }
}

// ---------------------------------------------------------------------------
// Plain text

/// One line of the source, without its line break.
#[derive(Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
}

fn lines(text: &str) -> impl Iterator<Item = Line> + '_ {
    let mut start = 0;
    text.split_inclusive('\n').map(move |raw| {
        let line_start = start;
        start += raw.len();
        let content = raw.strip_suffix('\n').unwrap_or(raw);
        let content = content.strip_suffix('\r').unwrap_or(content);
        Line {
            start: line_start,
            end: line_start + content.len(),
        }
    })
}

fn map_plain(text: &str, start: Start) -> ProseMap {
    let mut mask = Mask::visible(text);
    if text.starts_with(BOM) {
        mask.hide(0..BOM.len());
    }
    // Directive lines (`truthlens: disable rule`) are plain text's comments.
    let mut comments: Vec<Span> = html_comments(text, 0).collect();
    comments.extend(
        lines(text)
            .filter(|l| text[l.start..l.end].trim_start().starts_with("truthlens:"))
            .map(|l| Span::new(l.start, l.end)),
    );
    comments.sort();
    for c in &comments {
        mask.hide(c.start..c.end);
    }
    for url in addresses(mask.as_str()) {
        mask.hide(url);
    }

    let mut blocks = Vec::new();
    let mut current: Option<OpenBlock> = None;
    let mut comment_index = 0;
    for line in lines(text) {
        let original = &text[line.start..line.end];
        let has_comment = line_has_comment(&comments, &mut comment_index, line);
        // A blank line separates blocks; so do a rule (`*****`, `———`) and a
        // line holding only a comment, so that a directive above a paragraph
        // stands apart from it.
        let masked_line = mask.slice(Span::new(line.start, line.end));
        let comment_only = has_comment && masked_line.trim().is_empty();
        if original.trim().is_empty() || comment_only || is_rule_line(original) {
            flush_plain_block(&mut blocks, &mut current, &mask);
            continue;
        }
        // Measured on the masked line, so a byte order mark counts as indentation.
        let indent = masked_line.len() - masked_line.trim_start().len();
        if let Some(marker_len) = list_marker_len(&original[indent..]) {
            flush_plain_block(&mut blocks, &mut current, &mask);
            let marker_start = line.start + indent;
            mask.hide(marker_start..marker_start + marker_len);
            current = Some(OpenBlock {
                kind: BlockKind::ListItem,
                start: marker_start + marker_len,
                end: line.end,
            });
        }
        let open = current.get_or_insert(OpenBlock {
            kind: BlockKind::Paragraph,
            start: line.start + indent,
            end: line.end,
        });
        open.end = trim_end_whitespace(text, open.start, line.end);
    }
    flush_plain_block(&mut blocks, &mut current, &mask);

    let masked = mask.finish();
    let title = match start {
        Start::OfDraft => plain_title(&masked),
        Start::Later => None,
    };
    mark_title_block(&mut blocks, &masked, title);
    ProseMap {
        masked,
        blocks,
        front_matter: None,
        comments,
        title,
    }
}

/// Whether any comment overlaps `line`; comments are sorted, so one pass suffices.
fn line_has_comment(comments: &[Span], index: &mut usize, line: Line) -> bool {
    while *index < comments.len() && comments[*index].end <= line.start {
        *index += 1;
    }
    comments
        .get(*index)
        .is_some_and(|c| c.start < line.end.max(line.start + 1))
}

fn flush_plain_block(blocks: &mut Vec<Block>, current: &mut Option<OpenBlock>, mask: &Mask) {
    if let Some(open) = current.take() {
        let span = Span::new(open.start, open.end);
        if has_prose(mask.slice(span)) {
            blocks.push(Block {
                kind: open.kind,
                span,
                in_blockquote: false,
            });
        }
    }
}

/// A separator line: three or more rule characters and nothing else.
fn is_rule_line(line: &str) -> bool {
    let rule_chars = line.chars().filter(|c| !c.is_whitespace());
    let mut count = 0;
    for c in rule_chars {
        if !matches!(c, '*' | '-' | '_' | '=' | '~' | '#' | '—' | '–' | '·' | '•') {
            return false;
        }
        count += 1;
    }
    count >= 3
}

/// The length of a list marker and the blanks after it: `- `, `* `, `+ `, `• `, `1. `, `12) `.
fn list_marker_len(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    let marker = if line.starts_with('•') {
        '•'.len_utf8()
    } else if matches!(bytes.first(), Some(b'-' | b'*' | b'+')) {
        1
    } else {
        let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
        let delimited = matches!(bytes.get(digits), Some(b'.' | b')'));
        if !(1..=3).contains(&digits) || !delimited {
            return None;
        }
        digits + 1
    };
    let blanks = bytes[marker..]
        .iter()
        .take_while(|b| matches!(b, b' ' | b'\t'))
        .count();
    let has_content = bytes.len() > marker + blanks;
    (blanks > 0 && has_content).then_some(marker + blanks)
}

/// The first line with prose, trimmed.
/// Give a plain-text draft assembled from pieces its title: the first line of
/// prose may lie in a piece after the first (which then holds only comments).
pub fn settle_plain_title(prose: &mut ProseMap) {
    if prose.title.is_none() {
        prose.title = plain_title(&prose.masked);
        if let Some(title) = prose.title {
            let first = prose.blocks.partition_point(|b| b.span.end <= title.start);
            mark_title_block(&mut prose.blocks[first..], &prose.masked, prose.title);
        }
    }
}

fn plain_title(masked: &str) -> Option<Span> {
    lines(masked).find_map(|line| trimmed_extent(masked, Span::new(line.start, line.end)))
}

/// In plain text a one-line first paragraph that holds the title is the headline.
fn mark_title_block(blocks: &mut [Block], masked: &str, title: Option<Span>) {
    let (Some(first), Some(title)) = (blocks.first_mut(), title) else {
        return;
    };
    let one_line = !masked[first.span.start..first.span.end].contains('\n');
    if first.kind == BlockKind::Paragraph && one_line && first.span.contains(title) {
        first.kind = BlockKind::Heading { level: 1 };
    }
}

// ---------------------------------------------------------------------------
// Shared scanners

fn trim_end_whitespace(text: &str, start: usize, end: usize) -> usize {
    let end = end.min(text.len());
    match text.get(start..end) {
        Some(slice) => start + slice.trim_end().len(),
        None => end,
    }
}

fn trim_start_whitespace(text: &str, start: usize, end: usize) -> usize {
    match text.get(start..end) {
        Some(slice) => end - slice.trim_start().len(),
        None => start,
    }
}

fn trimmed_extent(masked: &str, span: Span) -> Option<Span> {
    trim_within(masked.get(span.start..span.end)?, span.start)
}

/// The non-whitespace extent of `slice`, which starts at `base`.
fn trim_within(slice: &str, base: usize) -> Option<Span> {
    let lead = slice.len() - slice.trim_start().len();
    let trimmed = slice.trim();
    (!trimmed.is_empty()).then(|| Span::new(base + lead, base + lead + trimmed.len()))
}

/// Prose holds at least one letter or digit; punctuation alone is not a block.
fn has_prose(masked: &str) -> bool {
    masked.chars().any(char::is_alphanumeric)
}

/// `<!-- ... -->` spans in `html` (offset by `base`); an unclosed comment runs to the end.
fn html_comments(html: &str, base: usize) -> impl Iterator<Item = Span> + '_ {
    let mut from = 0;
    std::iter::from_fn(move || {
        let open = from + html.get(from..)?.find("<!--")?;
        let body = open + 4;
        let close = match html[body..].find("-->") {
            Some(i) => body + i + 3,
            None => trim_end_whitespace(html, open, html.len()),
        };
        from = close.max(body);
        Some(Span::new(base + open, base + close))
    })
}

/// Bare URLs and e-mail addresses in the (masked) text, in order.
fn addresses(text: &str) -> Vec<Range<usize>> {
    let mut found = bare_urls(text);
    found.extend(emails(text));
    found.sort_by_key(|r| r.start);
    found
}

/// `name@example.org`: a local part, `@`, and a dotted domain.
fn emails(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let is_local =
        |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-');
    let is_domain = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-');
    let mut out = Vec::new();
    let mut floor = 0;
    for (at, _) in text.match_indices('@') {
        let mut start = at;
        while start > floor && is_local(bytes[start - 1]) {
            start -= 1;
        }
        let mut end = at + 1;
        while end < bytes.len() && is_domain(bytes[end]) {
            end += 1;
        }
        while end > at + 1 && matches!(bytes[end - 1], b'.' | b'-') {
            end -= 1;
        }
        let domain = &text[at + 1..end];
        let dotted = domain.contains('.') && !domain.starts_with('.');
        if start < at && dotted {
            out.push(start..end);
        }
        // Never scan the same bytes twice, so a run of `@` stays linear.
        floor = at + 1;
    }
    out
}

const URL_PREFIXES: [&str; 5] = ["https://", "http://", "ftp://", "mailto:", "www."];

/// Bare URLs in the (masked) text: `http(s)://…`, `www.…`, `mailto:…`.
///
/// Every prefix holds a `:` or a `.` three to six bytes in (`ftp://`, `www.`,
/// `http://`, `https://`, `mailto:`), so only the bytes just before those marks can
/// start a URL: a byte search finds them, and each possible start is tried in order,
/// as a walk over every byte would.
fn bare_urls(text: &str) -> Vec<Range<usize>> {
    const MARK_OFFSETS: Range<usize> = 3..7;
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    // Starts before `next` have been tried, or lie inside a URL already found.
    let mut next = 0;
    for mark in memchr::memchr2_iter(b':', b'.', bytes) {
        let first = next.max(mark.saturating_sub(MARK_OFFSETS.end - 1));
        let last = mark.saturating_sub(MARK_OFFSETS.start);
        if mark < MARK_OFFSETS.start || first > last {
            continue;
        }
        for i in first..=last {
            if i < next {
                continue;
            }
            if let Some(end) = url_at(text, i) {
                out.push(i..end);
                next = end;
            }
        }
        next = next.max(last + 1);
    }
    out
}

/// The end of a bare URL starting at byte `i`, if one does.
fn url_at(text: &str, i: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let at_word_start = i == 0 || !is_url_byte(bytes[i - 1]);
    if !(at_word_start && may_start_url(bytes[i])) {
        return None;
    }
    let prefix = URL_PREFIXES
        .iter()
        .find(|p| starts_with_ignore_case(&bytes[i..], p.as_bytes()))?;
    let end = url_end(text, i, i + prefix.len());
    (end > i + prefix.len()).then_some(end)
}

/// The byte begins one of `URL_PREFIXES`: most words are turned away here.
fn may_start_url(b: u8) -> bool {
    URL_PREFIXES
        .iter()
        .any(|p| p.as_bytes()[0].eq_ignore_ascii_case(&b))
}

fn starts_with_ignore_case(haystack: &[u8], prefix: &[u8]) -> bool {
    haystack.len() >= prefix.len() && haystack[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// A byte that can sit just before a URL inside a longer token (so "xhttp://" is not a URL start).
fn is_url_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'/' | b'@' | b'%' | b'+' | b'~')
}

/// A character that can be part of a URL: printable ASCII except delimiters,
/// and non-ASCII letters and digits (internationalised addresses), but not
/// CJK punctuation such as `。`.
fn is_url_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_graphic() && !matches!(c, '<' | '>' | '"' | '`')
    } else {
        c.is_alphanumeric()
    }
}

/// The end of a URL: up to whitespace or a delimiter, minus trailing
/// punctuation, keeping a `)` that closes a `(` inside the URL.
fn url_end(text: &str, start: usize, body: usize) -> usize {
    let end = text[body..]
        .char_indices()
        .find(|&(_, c)| !is_url_char(c))
        .map_or(text.len(), |(i, _)| body + i);
    let bytes = text.as_bytes();
    let mut unclosed = 0i64;
    for &b in &bytes[start..end] {
        match b {
            b'(' => unclosed += 1,
            b')' => unclosed -= 1,
            _ => {}
        }
    }
    let mut end = end;
    while end > body {
        let last = bytes[end - 1];
        let trailing_punct = matches!(
            last,
            b'.' | b',' | b';' | b':' | b'!' | b'?' | b'\'' | b'*' | b'_'
        );
        if last == b')' && unclosed < 0 {
            unclosed += 1;
        } else if !trailing_punct {
            break;
        }
        end -= 1;
    }
    end
}
