//! The JSON of a review's findings as diagnostics, kept for the next publish.
//!
//! A keystroke changes a few findings of a long draft. The others are published
//! exactly as before when they lie before the edit, or after it on a later line
//! while no line was added or removed. Their JSON is copied from the last
//! publish's instead of written again: writing it reads each finding's message and
//! the text around it, cache misses all over a long draft (about a millisecond for
//! the 1,300 findings of the 2 MB bench draft; the copy is one pass over 300 KB).
//!
//! The JSON is kept as the whole `publishDiagnostics` frame of every finding, so
//! that when the client is shown all of them (as it usually is) the frame is sent
//! as it is: not copied into a message body, and again into a frame.

use super::delivery;
use super::diagnostics::DiagnosticJson;
use super::framing::{self, Frame, HEADER_ROOM};
use super::linting::Review;
use super::snapshot_texts::EditedFrom;
use crate::analysis::Span;
use crate::rules::Finding;
use std::sync::{Arc, Mutex, PoisonError};

/// `bytes[start..]` is the frame. Finding `i`'s diagnostic ends at `ends[i]`, and
/// starts at `first` or one byte (a comma) after the one before.
pub struct FindingsJson {
    bytes: Arc<Vec<u8>>,
    start: usize,
    first: usize,
    ends: Vec<usize>,
    /// How many were copied from an earlier review's rather than written.
    #[cfg_attr(not(test), allow(dead_code))]
    copied: usize,
}

impl FindingsJson {
    /// Every finding of `review` written out.
    pub fn new(review: &Review) -> serde_json::Result<FindingsJson> {
        let mut json = Building::new(review, 0)?;
        for finding in &review.findings {
            json.write(review, finding)?;
        }
        Ok(json.finish(review))
    }

    /// `review`'s findings, copied from `earlier`'s JSON where they are published
    /// alike. `edited`: how `review`'s text was made from `earlier`'s.
    pub fn after(
        review: &Review,
        edited: EditedFrom,
        earlier: &Review,
        earlier_json: &FindingsJson,
    ) -> serde_json::Result<FindingsJson> {
        let mut json = Building::new(review, earlier_json.bytes.len())?;
        let alike = Alike::new(review, edited, earlier);
        let mut next = 0; // the earlier findings before `next` lie before those to come
        for finding in &review.findings {
            let copied = alike.earlier_span(finding).and_then(|span| {
                next += count_before(&earlier.findings[next..], span);
                let mut same_span = earlier.findings[next..]
                    .iter()
                    .take_while(|f| f.span == span);
                let k = same_span.position(|f| published_alike(f, finding))?;
                Some(earlier_json.get(next + k))
            });
            match copied {
                Some(bytes) => {
                    json.next();
                    json.bytes.extend_from_slice(bytes);
                    json.ends.push(json.bytes.len());
                    json.copied += 1;
                }
                None => json.write(review, finding)?,
            }
        }
        Ok(json.finish(review))
    }

    /// Finding `i`'s diagnostic.
    pub fn get(&self, i: usize) -> &[u8] {
        let start = if i == 0 {
            self.first
        } else {
            self.ends[i - 1] + 1
        };
        &self.bytes[start..self.ends[i]]
    }

    /// The `publishDiagnostics` frame of every finding, in order, at the review's version.
    pub fn frame(&self) -> Frame {
        Frame::Shared(Arc::clone(&self.bytes), self.start)
    }

    /// How many findings were copied from an earlier review's JSON.
    #[cfg(test)]
    pub fn copied(&self) -> usize {
        self.copied
    }
}

/// The buffers of frames no longer used, to write the next ones in: a long
/// draft's frame is a few hundred KB, and fresh memory for each was faulted in
/// page by page as it was written.
static SPARE: Mutex<Vec<Vec<u8>>> = Mutex::new(Vec::new());
/// How many spare buffers are kept, and how big one must be to be kept.
const SPARE_KEPT: usize = 2;
const SPARE_FROM: usize = 64 << 10;

impl Drop for FindingsJson {
    fn drop(&mut self) {
        // Unless the frame is still on its way out.
        let Some(bytes) = Arc::get_mut(&mut self.bytes) else {
            return;
        };
        if bytes.capacity() >= SPARE_FROM {
            let mut spare = SPARE.lock().unwrap_or_else(PoisonError::into_inner);
            if spare.len() < SPARE_KEPT {
                spare.push(std::mem::take(bytes));
            }
        }
    }
}

/// An empty buffer of at least `capacity` bytes: a spare one if there is one.
fn buffer(capacity: usize) -> Vec<u8> {
    let spare = if capacity >= SPARE_FROM {
        SPARE.lock().unwrap_or_else(PoisonError::into_inner).pop()
    } else {
        None
    };
    let mut bytes = spare.unwrap_or_default();
    bytes.clear();
    bytes.reserve(capacity);
    bytes
}

/// A `FindingsJson` being written: room for the header, the message up to the
/// diagnostics, then the diagnostics.
struct Building {
    bytes: Vec<u8>,
    first: usize,
    ends: Vec<usize>,
    copied: usize,
}

impl Building {
    /// `bytes`: how long the last review's frame was, if known.
    fn new(review: &Review, bytes: usize) -> serde_json::Result<Building> {
        // About 240 bytes a diagnostic.
        let capacity = bytes.max(HEADER_ROOM + 256 + 240 * review.findings.len());
        let mut json = Building {
            bytes: buffer(capacity),
            first: 0,
            ends: Vec::with_capacity(review.findings.len()),
            copied: 0,
        };
        json.bytes.resize(HEADER_ROOM, 0);
        delivery::open_publish(&mut json.bytes, &review.uri)?;
        json.first = json.bytes.len();
        Ok(json)
    }

    /// Before the next diagnostic: a comma after the last one.
    fn next(&mut self) {
        if !self.ends.is_empty() {
            self.bytes.push(b',');
        }
    }

    fn write(&mut self, review: &Review, finding: &Finding) -> serde_json::Result<()> {
        self.next();
        DiagnosticJson {
            finding,
            text: &review.text,
            lines: &review.lines,
            uri: &review.uri,
            rule_links: review.rule_links,
        }
        .write_json(&mut self.bytes)?;
        self.ends.push(self.bytes.len());
        Ok(())
    }

    fn finish(mut self, review: &Review) -> FindingsJson {
        delivery::close_publish(&mut self.bytes, Some(review.version));
        let start = framing::framed(&mut self.bytes);
        FindingsJson {
            bytes: Arc::new(self.bytes),
            start,
            first: self.first,
            ends: self.ends,
            copied: self.copied,
        }
    }
}

/// Where a finding's diagnostic is the same in an earlier version of the text.
struct Alike {
    /// Spans that end before this are in the bytes both texts start with.
    prefix: usize,
    /// Spans that start here or later are on lines after the change, which hold
    /// the bytes both texts end with (`None` if lines were added or removed, which
    /// moves every later line).
    later_lines: Option<usize>,
    /// How much longer the earlier text is.
    longer: isize,
}

impl Alike {
    fn new(review: &Review, edited: EditedFrom, earlier: &Review) -> Alike {
        let changed_end = review.text.len() - edited.same.suffix;
        let same_lines = review.lines.line_count() == earlier.lines.line_count();
        Alike {
            prefix: edited.same.prefix,
            later_lines: same_lines.then(|| review.lines.next_line_start(changed_end)),
            longer: earlier.text.len() as isize - review.text.len() as isize,
        }
    }

    /// The span `finding` has in the earlier text, if its diagnostic there is
    /// published alike: the same position in the same line.
    fn earlier_span(&self, finding: &Finding) -> Option<Span> {
        // Related spans may lie anywhere: written afresh.
        if !finding.related.is_empty() {
            return None;
        }
        let span = finding.span;
        if span.end < self.prefix {
            // The line starts up to here, and the bytes, are the same.
            return Some(span);
        }
        let later = self.later_lines.is_some_and(|start| span.start >= start);
        let moved = |offset: usize| offset.checked_add_signed(self.longer);
        later.then(|| Some(Span::new(moved(span.start)?, moved(span.end)?)))?
    }
}

/// How many of `sorted` (by span) lie before `span`. Searched from the front,
/// one, two, four... along: the finding sought is usually the next one, and a
/// binary search over all of them read a dozen findings all over the draft.
fn count_before(sorted: &[Finding], span: Span) -> usize {
    let before = |f: &Finding| (f.span.start, f.span.end) < (span.start, span.end);
    let mut bound = 1;
    while bound <= sorted.len() && before(&sorted[bound - 1]) {
        bound *= 2;
    }
    // All up to `bound / 2` lie before; the one at `bound - 1` (if any) does not.
    let from = bound / 2;
    from + sorted[from..bound.min(sorted.len())].partition_point(before)
}

/// Whether two findings at the same place publish the same diagnostic (the
/// category and fixes are not published).
fn published_alike(a: &Finding, b: &Finding) -> bool {
    a.rule == b.rule
        && a.severity == b.severity
        && a.related.is_empty()
        && (std::sync::Arc::ptr_eq(&a.message, &b.message) || a.message == b.message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::lsp::diagnostics::Published;
    use crate::lsp::documents::DocumentStore;
    use crate::lsp::position::{LineIndex, PositionEncoding};
    use proptest::prelude::*;
    use tower_lsp::lsp_types::{Range, TextDocumentContentChangeEvent, Url};

    /// An open document, reviewed after each change as the server reviews it.
    struct Editing {
        store: DocumentStore,
        uri: Url,
        encoding: PositionEncoding,
        version: i32,
        /// The last review, its JSON published.
        shown: Review,
    }

    impl Editing {
        fn open(text: &str, encoding: PositionEncoding) -> Editing {
            let uri = Url::parse("file:///drafts/long.md").unwrap();
            let mut store = DocumentStore::default();
            store.open(uri.clone(), "markdown", 1, text, None, Config::default());
            let shown = review(&mut store, &uri, encoding);
            shown.findings_json(None).unwrap();
            Editing {
                store,
                uri,
                encoding,
                version: 1,
                shown,
            }
        }

        /// Replace bytes `start..end` with `written`; the next review's JSON, given
        /// the last one's, must be what writing every finding gives.
        fn edit(&mut self, start: usize, end: usize, written: &str) -> FindingsJson {
            let text = self.shown.text.clone();
            let lines = LineIndex::new(&text, self.encoding);
            self.version += 1;
            let change = TextDocumentContentChangeEvent {
                range: Some(Range::new(
                    lines.position(&text, start),
                    lines.position(&text, end),
                )),
                range_length: None,
                text: written.to_string(),
            };
            let encoding = self.encoding;
            self.store
                .change(&self.uri, self.version, &[change], encoding);
            let next = review(&mut self.store, &self.uri, encoding);
            let copied = FindingsJson::after(
                &next,
                next.edited_from.expect("the edit is known"),
                &self.shown,
                self.shown.findings_json(None).unwrap(),
            )
            .unwrap();
            let written = FindingsJson::new(&next).unwrap();
            assert_eq!(copied.ends.len(), next.findings.len());
            // Both frames are the message written in one go from the diagnostics.
            let pieces: Vec<Published> = (0..next.findings.len())
                .map(|i| Published::Written(written.get(i)))
                .collect();
            let body = delivery::publish_body(&next.uri, &pieces, Some(next.version)).unwrap();
            let frame = framing::encode(&body);
            for json in [&copied, &written] {
                assert_eq!(
                    String::from_utf8_lossy(&json.frame()),
                    String::from_utf8_lossy(&frame)
                );
            }
            for i in 0..next.findings.len() {
                assert_eq!(
                    String::from_utf8_lossy(copied.get(i)),
                    String::from_utf8_lossy(written.get(i)),
                    "finding {i} of {:?}",
                    next.text
                );
            }
            next.findings_json(Some(&self.shown)).unwrap();
            self.shown = next;
            copied
        }
    }

    fn review(store: &mut DocumentStore, uri: &Url, encoding: PositionEncoding) -> Review {
        let snapshot = store.get_mut(uri).unwrap().snapshot(uri);
        Review::compute(snapshot, encoding, true)
    }

    const PARAGRAPH: &str = "Critics slammed the plan as a sheer joke, and experts say \
        it will fail.\r\nThe \"regime\" 😀 和平 was infamous, officials said.\n\n";

    #[test]
    fn counting_from_the_front_agrees_with_a_binary_search() {
        let mut editing = Editing::open(&PARAGRAPH.repeat(12), PositionEncoding::Utf8);
        let findings = std::mem::take(&mut editing.shown.findings);
        let spans = findings.iter().map(|f| f.span);
        let probes =
            spans.flat_map(|s| [s, Span::new(s.start, s.end + 1), Span::new(s.end, s.end)]);
        for span in probes.chain([Span::new(0, 0), Span::new(usize::MAX, usize::MAX)]) {
            for from in [0, 1, findings.len() / 2, findings.len()] {
                let sorted = &findings[from..];
                let expected =
                    sorted.partition_point(|f| (f.span.start, f.span.end) < (span.start, span.end));
                assert_eq!(count_before(sorted, span), expected, "{span:?} from {from}");
            }
        }
    }

    #[test]
    fn a_letter_typed_in_a_long_draft_copies_the_other_findings() {
        let draft = PARAGRAPH.repeat(40);
        let mut editing = Editing::open(&draft, PositionEncoding::Utf16);
        let findings = editing.shown.findings.len();
        assert!(findings > 100, "{findings} findings");
        let middle = draft.len() / 2;
        let at = middle + draft[middle..].find("plan").unwrap();
        let json = editing.edit(at, at, "x");
        // All but the findings on the edited line.
        assert!(
            json.copied() + 8 >= findings,
            "{} of {findings}",
            json.copied()
        );
        // A line break moves every later line: those findings are written again.
        let json = editing.edit(at, at + 1, "\n");
        assert!(
            json.copied() < findings * 2 / 3,
            "{} of {findings}",
            json.copied()
        );
    }

    /// A draft of paragraphs with findings, line breaks of every kind, emoji and CJK.
    fn draft() -> impl Strategy<Value = String> {
        let part = prop_oneof![
            Just("Critics slammed it. "),
            Just("Experts say it is a sheer joke. "),
            Just("The infamous regime 😀 和平 acted. "),
            Just("\"It works,\" one official said, speaking anonymously. "),
            Just("Plain words here. "),
            Just("\n"),
            Just("\r\n"),
            Just("\n\n"),
        ];
        proptest::collection::vec(part, 1..40).prop_map(|parts| parts.concat())
    }

    fn edit() -> impl Strategy<Value = (f64, f64, &'static str)> {
        let written = prop_oneof![
            Just(""),
            Just("x"),
            Just(" slammed "),
            Just("\n"),
            Just("\r\n"),
            Just("é"),
            Just("\r"),
            Just("\"")
        ];
        (0.0..=1.0f64, 0.0..=0.05f64, written)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// However a draft is edited, the findings' JSON copied from the last
        /// review's equals the JSON written afresh, in either encoding.
        #[test]
        fn copied_json_is_written_json(
            start in draft(),
            edits in proptest::collection::vec(edit(), 1..8),
            utf8 in any::<bool>(),
        ) {
            let encoding = if utf8 { PositionEncoding::Utf8 } else { PositionEncoding::Utf16 };
            let mut editing = Editing::open(&start, encoding);
            for (from, length, written) in edits {
                let text = editing.shown.text.clone();
                let floor = |x: f64| {
                    let mut at = (text.len() as f64 * x) as usize;
                    while !text.is_char_boundary(at) {
                        at -= 1;
                    }
                    at
                };
                let at = floor(from);
                let end = floor((from + length).min(1.0)).max(at);
                editing.edit(at, end, written);
            }
        }
    }
}
