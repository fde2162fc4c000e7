//! LSP base-protocol framing (`Content-Length` headers), as a pure incremental decoder.
//!
//! Bytes go in as they arrive; whole message bodies come out. A broken frame is
//! reported and skipped, so one bad message never takes the stream down (tower-lsp's
//! own decoder ends the whole stream after its first error).

use std::ops::Deref;
use std::sync::Arc;

/// Header blocks longer than this are garbage, not headers.
const MAX_HEADER_BYTES: usize = 8 * 1024;
/// Refuse absurd bodies instead of buffering them.
const MAX_BODY_BYTES: usize = 64 * 1024 * 1024;
const CONTENT_LENGTH: &[u8] = b"content-length:";
/// The buffer keeps at most this much room between messages: opening a long draft
/// must not hold a buffer its size for the rest of the session.
const KEPT_CAPACITY: usize = 256 * 1024;

/// What the decoder produced from the bytes seen so far.
#[derive(Debug, PartialEq, Eq)]
pub enum Decoded {
    /// One message body.
    Frame(Vec<u8>),
    /// Bytes that were skipped, and why.
    Malformed(String),
}

#[derive(Default)]
pub struct FrameDecoder {
    buffer: Vec<u8>,
    /// The run of skipped bytes under way (a 70 MB frame of garbage arrives in a
    /// thousand reads), reported once when it starts and once when it ends.
    skipping: Option<Skipping>,
}

struct Skipping {
    /// Skipped since the run was first reported.
    unreported: usize,
}

enum Step {
    Item(Decoded),
    /// Bytes were dropped without a word (a run already reported).
    Skipped,
}

impl FrameDecoder {
    pub fn push(&mut self, bytes: &[u8]) {
        self.buffer.extend_from_slice(bytes);
    }

    /// The next frame or skipped chunk, or `None` when more bytes are needed.
    pub fn next_item(&mut self) -> Option<Decoded> {
        loop {
            match self.step()? {
                Step::Item(item) => return Some(item),
                Step::Skipped => continue,
            }
        }
    }

    /// One step of decoding; `None` when more bytes are needed.
    fn step(&mut self) -> Option<Step> {
        if self.buffer.is_empty() {
            return None;
        }
        if let Some(resume_at) = self.garbage_len() {
            return Some(self.skip(resume_at, "bytes outside any frame"));
        }
        let (header_len, headers) = match self.header_block() {
            HeaderBlock::Complete { len, lines } => (len, lines),
            HeaderBlock::Incomplete if self.buffer.len() > MAX_HEADER_BYTES => {
                return Some(self.skip(self.buffer.len(), "an endless header block"));
            }
            HeaderBlock::Incomplete => return None,
        };
        let length = match content_length(&headers) {
            Ok(length) => length,
            Err(reason) => return Some(self.skip(header_len, &reason)),
        };
        if self.buffer.len() < header_len + length {
            return None;
        }
        if let Some(ended) = self.end_skipping() {
            return Some(Step::Item(ended));
        }
        let body = self.buffer[header_len..header_len + length].to_vec();
        self.buffer.drain(..header_len + length);
        if self.buffer.capacity() > KEPT_CAPACITY {
            self.buffer.shrink_to(KEPT_CAPACITY.max(self.buffer.len()));
        }
        Some(Step::Item(Decoded::Frame(body)))
    }

    /// Bytes that cannot start a header (e.g. the tail of a broken body) are dropped
    /// up to the next `Content-Length`, so the stream resynchronises: how many.
    fn garbage_len(&self) -> Option<usize> {
        let line_end = self.buffer.iter().position(|&b| b == b'\n');
        let first_line = &self.buffer[..line_end.unwrap_or(self.buffer.len())];
        if looks_like_header(first_line, line_end.is_some()) {
            return None;
        }
        let lower = self.buffer.to_ascii_lowercase();
        let resume_at = match find(&lower, CONTENT_LENGTH) {
            Some(at) => at,
            // Keep a possibly partial `Content-Length` at the end for the next push.
            None => self.buffer.len().saturating_sub(CONTENT_LENGTH.len()),
        };
        (resume_at > 0).then_some(resume_at)
    }

    /// Drop `len` bytes for `reason`: reported when a run of skipped bytes starts,
    /// silent until a frame ends it.
    fn skip(&mut self, len: usize, reason: &str) -> Step {
        match &mut self.skipping {
            Some(run) => {
                self.buffer.drain(..len);
                run.unreported += len;
                Step::Skipped
            }
            None => {
                self.skipping = Some(Skipping { unreported: 0 });
                Step::Item(self.drop_front(len, reason))
            }
        }
    }

    /// A whole frame follows: the run of skipped bytes is over, and how far it went
    /// is said if it went on past its first report.
    fn end_skipping(&mut self) -> Option<Decoded> {
        let run = self.skipping.take()?;
        (run.unreported > 0).then(|| {
            Decoded::Malformed(format!(
                "skipped {} more bytes of broken input, up to the next frame",
                run.unreported
            ))
        })
    }

    fn header_block(&self) -> HeaderBlock {
        let mut start = 0;
        let mut lines = Vec::new();
        while let Some(newline) = self.buffer[start..].iter().position(|&b| b == b'\n') {
            let line = trim_cr(&self.buffer[start..start + newline]);
            start += newline + 1;
            if line.is_empty() {
                return HeaderBlock::Complete { len: start, lines };
            }
            lines.push(String::from_utf8_lossy(line).into_owned());
        }
        HeaderBlock::Incomplete
    }

    fn drop_front(&mut self, len: usize, reason: &str) -> Decoded {
        self.buffer.drain(..len);
        Decoded::Malformed(format!("skipped {len} bytes: {reason}"))
    }
}

enum HeaderBlock {
    Complete { len: usize, lines: Vec<String> },
    Incomplete,
}

fn content_length(headers: &[String]) -> Result<usize, String> {
    let mut length = None;
    for header in headers {
        let Some((name, value)) = header.split_once(':') else {
            return Err(format!("header line without a colon: {header:?}"));
        };
        if name.trim().eq_ignore_ascii_case("content-length") {
            let parsed = value
                .trim()
                .parse::<usize>()
                .map_err(|_| format!("invalid Content-Length {:?}", value.trim()))?;
            length = Some(parsed);
        }
    }
    match length {
        Some(len) if len > MAX_BODY_BYTES => Err(format!("Content-Length {len} is too large")),
        Some(len) => Ok(len),
        None => Err("header block without Content-Length".to_string()),
    }
}

/// A header line is `Name: value`; a blank line ends the block. An unfinished line
/// is given the benefit of the doubt while it could still become a header.
fn looks_like_header(line: &[u8], complete: bool) -> bool {
    let line = trim_cr(line);
    if complete && line.is_empty() {
        return true;
    }
    let name_end = line.iter().position(|&b| b == b':');
    let name = &line[..name_end.unwrap_or(line.len())];
    let name_ok = name.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-');
    name_ok && (name_end.is_some() || !complete) && !name.is_empty()
}

fn trim_cr(line: &[u8]) -> &[u8] {
    line.strip_suffix(b"\r").unwrap_or(line)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Frame a message body for the wire.
pub fn encode(body: &[u8]) -> Vec<u8> {
    let mut out = header(body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// The header of a frame whose body is `length` bytes.
pub fn header(length: usize) -> String {
    format!("Content-Length: {length}\r\n\r\n")
}

/// A whole frame, header and body, for the writer.
pub enum Frame {
    Owned(Vec<u8>),
    /// The bytes from `.1` on of a buffer kept elsewhere too: a publish's, which
    /// the next publish copies from (see `findings_json`), sent without a copy.
    Shared(Arc<Vec<u8>>, usize),
}

impl Deref for Frame {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            Frame::Owned(bytes) => bytes,
            Frame::Shared(bytes, start) => &bytes[*start..],
        }
    }
}

/// Room for the longest header, kept before a body written in place (`framed`).
pub const HEADER_ROOM: usize = "Content-Length: ".len() + 20 + "\r\n\r\n".len();

/// Put the header of the body that follows `HEADER_ROOM` bytes of `buffer` right
/// before it, and return where the frame starts.
pub fn framed(buffer: &mut [u8]) -> usize {
    let header = header(buffer.len() - HEADER_ROOM);
    let start = HEADER_ROOM - header.len();
    buffer[start..HEADER_ROOM].copy_from_slice(header.as_bytes());
    start
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drain(decoder: &mut FrameDecoder) -> Vec<Decoded> {
        std::iter::from_fn(|| decoder.next_item()).collect()
    }

    fn frame(body: &str) -> Decoded {
        Decoded::Frame(body.as_bytes().to_vec())
    }

    /// Found by the hostile probe: one 70 MB frame wrote 1,122 log lines, one per read.
    #[test]
    fn a_huge_broken_frame_is_reported_once_not_per_read() {
        let chunk = [vec![b'a'; 64 * 1024], b"x\n{\"jsonrpc\": 1}".repeat(4096)];
        for (header, filler) in [
            (&b"Content-Length: 70000000\r\n\r\n"[..], &chunk[1]),
            (&b"X-Padding: "[..], &chunk[0]),
        ] {
            let mut d = FrameDecoder::default();
            let mut reports = Vec::new();
            d.push(header);
            for _ in 0..(70 << 20) / filler.len() {
                d.push(filler);
                reports.extend(drain(&mut d));
            }
            d.push(&encode(b"{}"));
            reports.extend(drain(&mut d));
            assert_eq!(reports.last(), Some(&frame("{}")));
            assert!(
                reports.len() <= 4,
                "{} reports: {:?}",
                reports.len(),
                &reports[..4]
            );
        }
    }

    #[test]
    fn decodes_back_to_back_frames() {
        let mut d = FrameDecoder::default();
        let mut bytes = encode(b"{\"a\":1}");
        bytes.extend(encode(b"{\"b\":2}"));
        d.push(&bytes);
        assert_eq!(drain(&mut d), vec![frame("{\"a\":1}"), frame("{\"b\":2}")]);
    }

    #[test]
    fn a_large_message_leaves_no_large_buffer_behind() {
        let big = format!("{{\"text\":\"{}\"}}", "x".repeat(3 * KEPT_CAPACITY));
        let mut d = FrameDecoder::default();
        let mut bytes = encode(big.as_bytes());
        bytes.extend(encode(b"{\"b\":2}"));
        d.push(&bytes);
        assert_eq!(d.next_item(), Some(frame(&big)));
        assert!(
            d.buffer.capacity() <= KEPT_CAPACITY,
            "{}",
            d.buffer.capacity()
        );
        assert_eq!(drain(&mut d), vec![frame("{\"b\":2}")]);
    }

    #[test]
    fn waits_for_split_headers_and_bodies() {
        let bytes = encode("{\"text\":\"😀 和平\"}".as_bytes());
        for split in 1..bytes.len() {
            let mut d = FrameDecoder::default();
            d.push(&bytes[..split]);
            let early = drain(&mut d);
            d.push(&bytes[split..]);
            let mut all = early;
            all.extend(drain(&mut d));
            assert_eq!(
                all,
                vec![frame("{\"text\":\"😀 和平\"}")],
                "split at {split}"
            );
        }
    }

    #[test]
    fn accepts_content_type_and_any_header_case() {
        let mut d = FrameDecoder::default();
        d.push(b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\ncontent-length: 2\r\n\r\n{}");
        assert_eq!(drain(&mut d), vec![frame("{}")]);
    }

    #[test]
    fn skips_a_frame_without_length_and_recovers() {
        let mut d = FrameDecoder::default();
        d.push(b"Content-Type: x\r\n\r\n");
        d.push(&encode(b"{}"));
        let items = drain(&mut d);
        assert!(matches!(items[0], Decoded::Malformed(_)), "{items:?}");
        assert_eq!(items[1..], [frame("{}")]);
    }

    #[test]
    fn skips_invalid_length_and_garbage_then_recovers() {
        let mut d = FrameDecoder::default();
        d.push(b"Content-Length: lots\r\n\r\nthis is not json");
        d.push(&encode(b"{\"ok\":true}"));
        let items = drain(&mut d);
        assert_eq!(items.last(), Some(&frame("{\"ok\":true}")), "{items:?}");
        assert!(items[..items.len() - 1]
            .iter()
            .all(|i| matches!(i, Decoded::Malformed(_))));
    }

    #[test]
    fn garbage_without_any_header_is_dropped_but_a_partial_header_kept() {
        let mut d = FrameDecoder::default();
        d.push(b"hello world\nmore noise Content-Le");
        let items = drain(&mut d);
        assert_eq!(items.len(), 1, "{items:?}");
        d.push(b"ngth: 2\r\n\r\n{}");
        assert_eq!(drain(&mut d).last(), Some(&frame("{}")));
    }
}
