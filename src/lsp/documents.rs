//! Open documents: the text the editor holds (never the file on disk).
//!
//! The store is plain synchronous data. The server keeps it behind one mutex and
//! applies each notification's changes in one critical section with no `.await`
//! inside, so interleaved tower-lsp handlers cannot reorder or split edits.

use super::linting::{Review, SharedCache, Snapshot};
use super::position::{rope_char_index, rope_position_exists, PositionEncoding};
use super::settings::ProjectConfig;
use super::snapshot_texts::SnapshotTexts;
use crate::analysis::chunks::{common_prefix, common_suffix, SameEnds};
use crate::analysis::{Format, Span};
use crate::config::Config;
use ropey::Rope;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use tower_lsp::lsp_types::{TextDocumentContentChangeEvent, Url};

/// What an open document is to the server.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// An article draft: reviewed.
    Draft,
    /// A `.truthlens.toml`: checked against the config schema.
    ProjectConfig,
}

pub struct Document {
    pub rope: Rope,
    pub version: i32,
    pub format: Format,
    pub kind: Kind,
    /// Distinguishes this open from an earlier open of the same URI.
    pub generation: u64,
    /// The nearest `.truthlens.toml`, read at open and on save.
    pub project: Option<ProjectConfig>,
    /// The config in force for this document (project file + editor settings).
    pub config: Arc<Config>,
    /// The newest analysis that matched the document when it finished.
    pub latest: Option<Arc<Review>>,
    pub lint: LintState,
    /// Where the editor's cursor is, if the client tells us (`truthlens/cursor`),
    /// and the document version it was reported at.
    pub cursor: Option<(tower_lsp::lsp_types::Position, i32)>,
    /// The bytes the last change wrote (empty for a deletion), in the current text.
    pub last_edit: Option<Span>,
    /// The last diagnostics sent held a finding back because the cursor was on it.
    pub held_back: bool,
    /// Pull mode under `run = "on-save"`: the next pull reviews the current text
    /// (set by open and save; a change alone keeps the delivered diagnostics).
    pub pull_due: bool,
    /// The review whose diagnostics the client has now (pushed or pulled).
    pub delivered: Option<Arc<Review>>,
    /// The version a request is analysing on demand (see `Session::current_review`).
    pub on_demand: Option<i32>,
    /// The analysed pieces of the text, so an edit re-analyses only what changed.
    pub pieces: SharedCache,
    /// The last snapshots' texts, one of which is patched into the next snapshot.
    snapshot_texts: SnapshotTexts,
}

/// Coalesces analysis requests: while one runs, later requests only set `pending`.
#[derive(Default)]
pub struct LintState {
    pub running: bool,
    pub pending: bool,
}

impl Document {
    /// The analysis cached for exactly the current text, if any.
    pub fn current_review(&self) -> Option<Arc<Review>> {
        self.latest
            .as_ref()
            .filter(|r| r.version == self.version && r.config == self.config)
            .cloned()
    }

    /// The current text and settings, to analyse.
    pub fn snapshot(&mut self, uri: &Url) -> Snapshot {
        let (since, edited_from) = self.snapshot_texts.since_last(&self.rope).unzip();
        let taken = self.snapshot_texts.take(&self.rope);
        Snapshot {
            uri: uri.clone(),
            generation: self.generation,
            version: self.version,
            format: self.format,
            config: self.config.clone(),
            kind: self.kind,
            text: taken.text,
            line_starts: taken.line_starts,
            text_id: taken.id,
            since,
            edited_from,
            pieces: self.pieces.clone(),
        }
    }

    /// Keep an analysis made on demand (for a hover, say) if it still describes
    /// the document and nothing newer is cached.
    pub fn offer_review(&mut self, review: &Arc<Review>) {
        let describes_now = review.generation == self.generation
            && review.version == self.version
            && review.config == self.config;
        if describes_now && self.current_review().is_none() {
            self.latest = Some(review.clone());
        }
    }
}

#[derive(Default)]
pub struct DocumentStore {
    documents: HashMap<Url, Document>,
    next_generation: u64,
}

impl DocumentStore {
    pub fn open(
        &mut self,
        uri: Url,
        language_id: &str,
        version: i32,
        text: &str,
        project: Option<ProjectConfig>,
        config: Config,
    ) {
        self.next_generation += 1;
        let kind = if is_project_config(&uri) {
            Kind::ProjectConfig
        } else {
            Kind::Draft
        };
        let document = Document {
            rope: Rope::from_str(text),
            version,
            format: format_of(language_id, &uri),
            kind,
            generation: self.next_generation,
            project,
            config: Arc::new(config),
            latest: None,
            lint: LintState::default(),
            cursor: None,
            last_edit: None,
            held_back: false,
            pull_due: true,
            delivered: None,
            on_demand: None,
            pieces: SharedCache::default(),
            snapshot_texts: SnapshotTexts::default(),
        };
        self.documents.insert(uri, document);
    }

    /// Apply a `didChange` in order. `None` for a document that is not open.
    ///
    /// A change is applied even when it looks wrong (a range outside the text is
    /// clamped, a version that does not increase is taken as given): the text must
    /// keep following the editor's buffer. The report says what looked wrong.
    pub fn change(
        &mut self,
        uri: &Url,
        version: i32,
        changes: &[TextDocumentContentChangeEvent],
        encoding: PositionEncoding,
    ) -> Option<ChangeReport> {
        let document = self.documents.get_mut(uri)?;
        let mut report = ChangeReport {
            previous_version: document.version,
            version,
            clamped: 0,
        };
        let mut written = None;
        for change in changes {
            let length = document.rope.len_bytes();
            let applied = apply_change(&mut document.rope, change, encoding);
            document.snapshot_texts.edited(applied.replaced, length);
            written = Some(applied.written);
            if !applied.exact {
                report.clamped += 1;
            }
        }
        document.last_edit = written.map(|(start, end)| {
            let rope = &document.rope;
            Span::new(rope.char_to_byte(start), rope.char_to_byte(end))
        });
        document.version = version;
        Some(report)
    }

    pub fn close(&mut self, uri: &Url) -> Option<Document> {
        self.documents.remove(uri)
    }

    pub fn get(&self, uri: &Url) -> Option<&Document> {
        self.documents.get(uri)
    }

    pub fn get_mut(&mut self, uri: &Url) -> Option<&mut Document> {
        self.documents.get_mut(uri)
    }

    pub fn uris(&self) -> Vec<Url> {
        self.documents.keys().cloned().collect()
    }

    /// The text and version of the open document at a file path, if any.
    pub fn text_of_path(&self, path: &std::path::Path) -> Option<(String, i32)> {
        self.documents
            .iter()
            .find(|(uri, _)| path_of(uri).as_deref() == Some(path))
            .map(|(_, d)| (String::from(&d.rope), d.version))
    }
}

/// What one `didChange` did, beyond changing the text.
#[derive(Debug, PartialEq, Eq)]
pub struct ChangeReport {
    pub previous_version: i32,
    pub version: i32,
    /// Changes whose range was not inside the text as given (so it was clamped).
    pub clamped: usize,
}

impl ChangeReport {
    /// What looked wrong, for the log.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if self.version <= self.previous_version {
            problems.push(format!(
                "version {} does not follow {}; applied anyway",
                self.version, self.previous_version
            ));
        }
        if self.clamped > 0 {
            problems.push(format!(
                "{} change(s) had a range outside the text; clamped to the text",
                self.clamped
            ));
        }
        problems
    }
}

/// One content change: a ranged replacement, or (without a range) the whole text.
/// Each range is read against the text as left by the previous change.
/// What a content change did to the text.
pub struct Applied {
    /// The char range the change wrote, in the new text.
    pub written: (usize, usize),
    /// The byte range it replaced, in the old text.
    pub replaced: std::ops::Range<usize>,
    /// False when the range had to be clamped (it was not inside the text, was
    /// reversed, or split a character).
    pub exact: bool,
}

pub fn apply_change(
    rope: &mut Rope,
    change: &TextDocumentContentChangeEvent,
    encoding: PositionEncoding,
) -> Applied {
    let Some(range) = change.range else {
        return replace_whole(rope, &change.text);
    };
    let exact = rope_position_exists(rope, range.start, encoding)
        && rope_position_exists(rope, range.end, encoding)
        && range.start <= range.end;
    let start = rope_char_index(rope, range.start, encoding);
    // A reversed range is treated as empty at its start rather than panicking.
    let end = rope_char_index(rope, range.end, encoding).max(start);
    let replaced = rope.char_to_byte(start)..rope.char_to_byte(end);
    rope.remove(start..end);
    rope.insert(start, &change.text);
    Applied {
        written: (start, start + change.text.chars().count()),
        replaced,
        exact,
    }
}

/// A change without a range: the whole text. Only the bytes between what the old
/// and new texts have alike at either end are replaced, as a ranged change would
/// (a client that sends the whole text on every keystroke would otherwise cost a
/// rope built afresh, and the window of a full copy, every time).
fn replace_whole(rope: &mut Rope, new: &str) -> Applied {
    let same = same_ends(rope, new);
    let old_end = rope.len_bytes() - same.suffix;
    let written = &new[same.prefix..new.len() - same.suffix];
    let start = rope.byte_to_char(same.prefix);
    rope.remove(start..rope.byte_to_char(old_end));
    rope.insert(start, written);
    Applied {
        written: (start, start + written.chars().count()),
        replaced: same.prefix..old_end,
        exact: true,
    }
}

/// The bytes `rope` and `new` have alike at the start and at the end, on character
/// boundaries and not overlapping in either. Compared chunk by chunk, a block of
/// bytes at a time: comparing a long draft character by character cost more than
/// the rest of the change.
fn same_ends(rope: &Rope, new: &str) -> SameEnds {
    let bytes = new.as_bytes();
    let mut prefix = 0;
    for chunk in rope.chunks() {
        let alike = common_prefix(chunk.as_bytes(), &bytes[prefix..]);
        prefix += alike;
        if alike < chunk.len() {
            break;
        }
    }
    while !new.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let room = rope.len_bytes().min(new.len()) - prefix;
    let mut suffix = 0;
    let (mut chunks, ..) = rope.chunks_at_byte(rope.len_bytes());
    while let Some(chunk) = chunks.prev().map(str::as_bytes) {
        let before = &bytes[..new.len() - suffix];
        let length = chunk.len().min(before.len());
        let alike = common_suffix(
            &chunk[chunk.len() - length..],
            &before[before.len() - length..],
        );
        suffix += alike;
        if alike < chunk.len() || suffix >= room {
            break;
        }
    }
    let mut suffix = suffix.min(room);
    while !new.is_char_boundary(new.len() - suffix) {
        suffix -= 1;
    }
    SameEnds { prefix, suffix }
}

/// Whether a URI names a project config file (`.truthlens.toml`).
pub fn is_project_config(uri: &Url) -> bool {
    uri.path().rsplit('/').next() == Some(crate::config::FILE_NAME)
}

/// The editor's `languageId` decides; an unknown id falls back to the file extension.
pub fn format_of(language_id: &str, uri: &Url) -> Format {
    match language_id.to_ascii_lowercase().as_str() {
        id @ ("markdown" | "md" | "plaintext" | "text") => Format::from_language_id(id),
        _ => Format::from_path(&path_of(uri).unwrap_or_else(|| PathBuf::from(uri.path()))),
    }
}

/// The file system path of a `file:` URI.
pub fn path_of(uri: &Url) -> Option<PathBuf> {
    (uri.scheme() == "file")
        .then(|| uri.to_file_path().ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp::lsp_types::{Position, Range};

    fn edit(start: (u32, u32), end: (u32, u32), text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(
                Position::new(start.0, start.1),
                Position::new(end.0, end.1),
            )),
            range_length: None,
            text: text.to_string(),
        }
    }

    fn uri(path: &str) -> Url {
        Url::parse(&format!("file:///tmp/{path}")).unwrap()
    }

    #[test]
    fn changes_apply_in_order_against_the_previous_result() {
        let mut store = DocumentStore::default();
        let u = uri("a.md");
        store.open(
            u.clone(),
            "markdown",
            1,
            "😀 和平 regime\r\nend",
            None,
            Config::default(),
        );
        let changes = [
            // Insert after the emoji and the CJK word (UTF-16 column 5).
            edit((0, 5), (0, 5), "!"),
            // This range is only right if the first change has been applied.
            edit((0, 7), (0, 13), "government"),
            edit((1, 0), (1, 3), "fin"),
        ];
        let report = store.change(&u, 2, &changes, PositionEncoding::Utf16);
        assert!(report.unwrap().problems().is_empty());
        let doc = store.get(&u).unwrap();
        assert_eq!(doc.rope.to_string(), "😀 和平! government\r\nfin");
        assert_eq!(doc.version, 2);
    }

    #[test]
    fn utf8_ranges_count_bytes() {
        let mut rope = Rope::from_str("😀 和平 regime");
        apply_change(
            &mut rope,
            &edit((0, 12), (0, 18), "state"),
            PositionEncoding::Utf8,
        );
        assert_eq!(rope.to_string(), "😀 和平 state");
    }

    #[test]
    fn a_change_without_range_replaces_everything() {
        let mut rope = Rope::from_str("old text");
        let full = TextDocumentContentChangeEvent {
            range: None,
            range_length: None,
            text: "new".into(),
        };
        apply_change(&mut rope, &full, PositionEncoding::Utf16);
        assert_eq!(rope.to_string(), "new");
    }

    proptest::proptest! {
        /// A whole text sent as a change replaces only what differs: the rope ends
        /// as the new text, the written chars are those between the longest common
        /// prefix and suffix (counted in chars, as the cursor hold-back reads them),
        /// and the replaced bytes leave alike ends in both texts.
        #[test]
        fn a_whole_text_replaces_only_what_differs(
            old in "(a|é|😀|和|\\r\\n|\\n|x{300}){0,30}",
            new in "(a|é|😀|和|\\r\\n|\\n|x{300}){0,30}",
            common in "(a|é|😀|\\n|x{700}){0,6}",
        ) {
            // Long common ends, so that they reach over the rope's chunks.
            let old = format!("{common}{old}{common}");
            let new = format!("{common}{new}{common}");
            let mut rope = Rope::new();
            for (i, c) in old.char_indices().rev() {
                rope.insert(0, &old[i..i + c.len_utf8()]);
            }
            let change = TextDocumentContentChangeEvent {
                range: None,
                range_length: None,
                text: new.clone(),
            };
            let applied = apply_change(&mut rope, &change, PositionEncoding::Utf16);
            proptest::prop_assert_eq!(rope.to_string(), new.as_str());
            let (old_chars, new_chars): (Vec<char>, Vec<char>) = (old.chars().collect(), new.chars().collect());
            let prefix = old_chars.iter().zip(&new_chars).take_while(|(a, b)| a == b).count();
            let room = old_chars.len().min(new_chars.len()) - prefix;
            let suffix = old_chars.iter().rev().zip(new_chars.iter().rev()).take(room).take_while(|(a, b)| a == b).count();
            proptest::prop_assert_eq!(applied.written, (prefix, new_chars.len() - suffix));
            let replaced = applied.replaced;
            let after = old.len() - replaced.end;
            proptest::prop_assert_eq!(&old[..replaced.start], &new[..replaced.start]);
            proptest::prop_assert_eq!(&old[replaced.end..], &new[new.len() - after..]);
        }
    }

    #[test]
    fn suspicious_changes_are_applied_and_reported() {
        let mut store = DocumentStore::default();
        let u = uri("b.md");
        store.open(u.clone(), "markdown", 5, "ab", None, Config::default());
        let report = store
            .change(&u, 3, &[edit((0, 1), (0, 9), "!")], PositionEncoding::Utf16)
            .unwrap();
        assert_eq!(store.get(&u).unwrap().rope.to_string(), "a!");
        assert_eq!(store.get(&u).unwrap().version, 3);
        let problems = report.problems();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].contains("version 3 does not follow 5"));
        assert!(problems[1].contains("outside the text"));
    }

    #[test]
    fn out_of_range_edits_clamp() {
        let mut rope = Rope::from_str("ab\ncd");
        let exact = apply_change(
            &mut rope,
            &edit((0, 50), (9, 0), "!"),
            PositionEncoding::Utf16,
        )
        .exact;
        assert!(!exact);
        assert_eq!(rope.to_string(), "ab!");
        let mut rope = Rope::from_str("x😀y");
        // Both ends fall inside the surrogate pair: an insertion before the emoji.
        apply_change(
            &mut rope,
            &edit((0, 2), (0, 2), "-"),
            PositionEncoding::Utf16,
        );
        assert_eq!(rope.to_string(), "x-😀y");
        let mut rope = Rope::from_str("abc");
        apply_change(
            &mut rope,
            &edit((0, 2), (0, 1), "X"),
            PositionEncoding::Utf16,
        );
        assert_eq!(rope.to_string(), "abXc");
    }

    #[test]
    fn changes_to_unknown_documents_are_refused() {
        let mut store = DocumentStore::default();
        assert!(store
            .change(&uri("nope.md"), 1, &[], PositionEncoding::Utf16)
            .is_none());
    }

    #[test]
    fn language_id_wins_and_unknown_ids_use_the_extension() {
        assert_eq!(format_of("markdown", &uri("a.txt")), Format::Markdown);
        assert_eq!(format_of("plaintext", &uri("a.md")), Format::PlainText);
        assert_eq!(format_of("", &uri("a.md")), Format::Markdown);
        assert_eq!(format_of("weird", &uri("a.txt")), Format::PlainText);
        let untitled = Url::parse("untitled:Untitled-1.markdown").unwrap();
        assert_eq!(format_of("x", &untitled), Format::Markdown);
    }
}
