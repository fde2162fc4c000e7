//! Analysis off the protocol task, newest version only, stale results dropped.
//!
//! Each open document has at most one analysis loop. A change while it runs only
//! marks the document `pending`; when the running analysis finishes, its result is
//! kept (and published) only if the document still has that version, and the loop
//! goes round once more for the newest text. Bursts of edits therefore cost one
//! analysis each time the analyser comes up for air, not one per keystroke.

use super::bounded;
use super::config_file;
use super::delivery;
use super::diagnostics::{DiagnosticJson, Published};
use super::documents::Kind;
use super::findings_json::FindingsJson;
use super::position::{LineIndex, PositionEncoding};
use super::session::Session;
use super::snapshot_texts::EditedFrom;
use super::speakers::Speakers;
use crate::analysis::prose::Block;
use crate::analysis::Format;
use crate::config::Config;
use crate::engine::{Cache, Since};
use crate::insert::plan_headlines;
use crate::rules::{Edit, Finding};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock, Weak};
use tokio::sync::mpsc;
use tower_lsp::lsp_types::{Diagnostic, Url};

/// The text of one document version and everything needed to analyse it.
pub struct Snapshot {
    pub uri: Url,
    pub generation: u64,
    pub version: i32,
    pub format: Format,
    pub config: Arc<Config>,
    pub kind: Kind,
    pub text: Arc<String>,
    /// Where the lines of `text` start (see `position::LineStarts`).
    pub line_starts: Arc<Vec<usize>>,
    /// Names `text` among the document's snapshots.
    pub text_id: u64,
    /// How `text` differs from the document's previous snapshot, if known.
    pub since: Option<Since>,
    /// The same, with that snapshot's id.
    pub edited_from: Option<EditedFrom>,
    /// The document's analysed pieces, shared by its analyses.
    pub pieces: SharedCache,
}

/// A document's `engine::Cache`, used by one analysis at a time.
#[derive(Clone, Default)]
pub struct SharedCache(Arc<Mutex<Cache>>);

impl SharedCache {
    /// Run `analyse` with the cache. A panic part-way leaves it consistent: the
    /// engine takes the last analysis out while it works, so the next one starts
    /// afresh.
    fn with<T>(&self, analyse: impl FnOnce(&mut Cache) -> T) -> T {
        analyse(&mut self.0.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

/// A finished analysis of one snapshot, with positions already converted.
pub struct Review {
    /// Unique per computed review; names it in pull-diagnostics result ids.
    pub id: u64,
    pub uri: Url,
    pub generation: u64,
    pub version: i32,
    pub format: Format,
    /// The document's config (project file and editor settings): what the cache
    /// is keyed on.
    pub config: Arc<Config>,
    /// `config` with the draft's front matter settings on top: what the review used.
    pub effective: Arc<Config>,
    pub text: Arc<String>,
    /// Names `text` among the document's snapshots.
    pub text_id: u64,
    /// How `text` was made from an earlier snapshot's, if known.
    pub edited_from: Option<EditedFrom>,
    pub lines: LineIndex,
    /// Whether its diagnostics link to their rule's page (the client shows links).
    pub rule_links: bool,
    pub findings: Vec<Finding>,
    /// The prose blocks, for fixes that insert a directive before a block.
    pub blocks: Vec<Block>,
    /// Who said what, for inlay hints and hover on a source.
    pub speakers: Speakers,
    /// Problems with the settings (front matter, or the whole file for a
    /// `.truthlens.toml`), shown after the findings.
    pub problems: Vec<Diagnostic>,
    /// The findings' diagnostics and the problems, built when first asked for:
    /// a publish writes them straight from the findings (see `published`).
    diagnostics: OnceLock<Vec<Diagnostic>>,
    /// The findings' diagnostics as JSON, once published.
    findings_json: OnceLock<FindingsJson>,
    /// The suggested headlines and their edits, planned when first asked for: the
    /// client asks for code actions each time the cursor moves.
    headlines: OnceLock<Vec<(String, Edit)>>,
}

impl Review {
    /// Synchronous and CPU-bound: run it on the blocking pool.
    /// `rule_links`: whether diagnostics link to their rule's page.
    pub fn compute(snapshot: Snapshot, encoding: PositionEncoding, rule_links: bool) -> Review {
        static NEXT_ID: AtomicU64 = AtomicU64::new(1);
        let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
        let lines = LineIndex::from_starts(snapshot.line_starts, encoding);
        if snapshot.kind == Kind::ProjectConfig {
            let problems = config_file::diagnostics(&snapshot.uri, &snapshot.text, &lines);
            return Review {
                id,
                uri: snapshot.uri,
                generation: snapshot.generation,
                version: snapshot.version,
                format: snapshot.format,
                effective: snapshot.config.clone(),
                config: snapshot.config,
                text: snapshot.text,
                text_id: snapshot.text_id,
                edited_from: snapshot.edited_from,
                lines,
                rule_links,
                findings: Vec::new(),
                blocks: Vec::new(),
                speakers: Speakers::default(),
                problems,
                diagnostics: OnceLock::new(),
                findings_json: OnceLock::new(),
                headlines: OnceLock::new(),
            };
        }
        let (effective, settings_problem) =
            config_file::with_front_matter(&snapshot.text, snapshot.format, &snapshot.config);
        // Too large, or a panic in the analysis: one notice instead of findings.
        let (reviewed, speakers) = snapshot.pieces.with(|cache| {
            let text = &snapshot.text;
            let reviewed =
                bounded::analysis(cache, text, snapshot.since, snapshot.format, &effective);
            // Read from the analysis just cached: no second pass over the draft.
            let speakers = match (&reviewed, cache.attributions()) {
                (Ok(reviewed), Some(attributions)) => {
                    Speakers::read(attributions, text, &reviewed.blocks)
                }
                _ => Speakers::default(),
            };
            (reviewed, speakers)
        });
        let (findings, blocks) = match reviewed {
            Ok(reviewed) => (reviewed.findings, reviewed.blocks),
            Err(notice) => (vec![*notice], Vec::new()),
        };
        let problems = settings_problem
            .map(|problem| config_file::front_matter_diagnostic(&problem, &snapshot.text, &lines))
            .into_iter()
            .collect();
        Review {
            id,
            uri: snapshot.uri,
            generation: snapshot.generation,
            version: snapshot.version,
            format: snapshot.format,
            config: snapshot.config,
            effective,
            text: snapshot.text,
            text_id: snapshot.text_id,
            edited_from: snapshot.edited_from,
            lines,
            rule_links,
            findings,
            blocks,
            speakers,
            problems,
            diagnostics: OnceLock::new(),
            findings_json: OnceLock::new(),
            headlines: OnceLock::new(),
        }
    }

    /// The suggested headlines of this text, each with the edit that inserts it.
    pub fn planned_headlines(&self) -> &[(String, Edit)] {
        self.headlines
            .get_or_init(|| plan_headlines(&self.text, self.format, &self.effective))
    }

    /// `diagnostics()[i]` describes `findings[i]`; any after those are `problems`.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        self.diagnostics.get_or_init(|| {
            self.numbers()
                .map(|i| self.published(i).to_diagnostic())
                .collect()
        })
    }

    /// The numbers of all its diagnostics: the findings', then the problems'.
    pub fn numbers(&self) -> std::ops::Range<usize> {
        0..self.findings.len() + self.problems.len()
    }

    /// Diagnostic `i` (as numbered by `diagnostics`), ready to write out.
    pub fn published(&self, i: usize) -> Published<'_> {
        match self.findings.get(i) {
            Some(finding) => Published::Finding(DiagnosticJson {
                finding,
                text: &self.text,
                lines: &self.lines,
                uri: &self.uri,
                rule_links: self.rule_links,
            }),
            None => Published::Problem(&self.problems[i - self.findings.len()]),
        }
    }

    /// Its findings' diagnostics as JSON, written once: copied where they can be
    /// from `earlier`'s (the review the client was shown before), if this one's
    /// text was edited from that one's.
    pub fn findings_json(&self, earlier: Option<&Review>) -> serde_json::Result<&FindingsJson> {
        if let Some(json) = self.findings_json.get() {
            return Ok(json);
        }
        let from = |earlier: &Review| {
            let edited = self.edited_from.filter(|e| e.id == earlier.text_id)?;
            let alike = earlier.generation == self.generation
                && earlier.rule_links == self.rule_links
                && earlier.lines.encoding() == self.lines.encoding();
            let json = earlier.findings_json.get().filter(|_| alike)?;
            Some(FindingsJson::after(self, edited, earlier, json))
        };
        let json = match earlier.and_then(from) {
            Some(json) => json?,
            None => FindingsJson::new(self)?,
        };
        Ok(self.findings_json.get_or_init(|| json))
    }

    /// Stand other findings in for the analysed ones.
    #[cfg(test)]
    pub fn replace_findings(&mut self, findings: Vec<Finding>) {
        self.findings = findings;
        self.diagnostics = OnceLock::new();
        self.findings_json = OnceLock::new();
    }

    /// Whether the document was left unreviewed (too large, or the analysis failed):
    /// then nothing else (summary, report) is computed from it either.
    pub fn skipped(&self) -> bool {
        self.findings.iter().any(|f| f.rule == bounded::NOTICE_RULE)
    }

    /// Analyse on the blocking pool so the protocol task never waits on the analyser.
    pub async fn compute_off_thread(snapshot: Snapshot, session: &Session) -> Option<Review> {
        let (encoding, links) = (session.encoding(), session.support().rule_links);
        let compute = move || Review::compute(snapshot, encoding, links);
        match tokio::task::spawn_blocking(compute).await {
            Ok(review) => Some(review),
            Err(e) => {
                super::log(&format!("analysis failed: {e}"));
                None
            }
        }
    }
}

/// Ask for a fresh analysis of `uri`; coalesces with one already running.
/// In pull mode nothing runs ahead: the client's next pull reviews the text.
pub fn request(session: &Arc<Session>, uri: &Url) {
    if session.support().pull_diagnostics {
        if let Some(document) = session.documents().get_mut(uri) {
            document.pull_due = true;
        }
        session.refresh_pulled_diagnostics();
        return;
    }
    let start = {
        let mut documents = session.documents();
        let Some(document) = documents.get_mut(uri) else {
            return;
        };
        if document.lint.running {
            document.lint.pending = true;
            None
        } else {
            document.lint.running = true;
            Some(document.generation)
        }
    };
    if let Some(generation) = start {
        tokio::spawn(analysis_loop(session.clone(), uri.clone(), generation));
    }
}

async fn analysis_loop(session: Arc<Session>, uri: Url, generation: u64) {
    loop {
        let Some(snapshot) = session.snapshot(&uri, generation) else {
            return;
        };
        let review = Review::compute_off_thread(snapshot, &session).await;
        let mut documents = session.documents();
        let Some(document) = documents
            .get_mut(&uri)
            .filter(|d| d.generation == generation)
        else {
            drop(documents);
            session.analysis_ended();
            return; // closed (or closed and reopened: the new open has its own loop)
        };
        let current =
            review.filter(|r| r.version == document.version && r.config == document.config);
        let up_to_date = current.is_some();
        if let Some(review) = current {
            let review = Arc::new(review);
            document.latest = Some(review.clone());
            session.publish(Publication::Diagnostics(review));
        }
        // A stale result was dropped above; a change that made it stale set `pending`.
        // A change that came in before the snapshot was taken also set it, but then
        // the result is already current: going round again would analyse (and
        // publish) the same version twice.
        let again = document.lint.pending && !up_to_date;
        document.lint.pending = false;
        document.lint.running = again;
        drop(documents);
        session.analysis_ended();
        if !again {
            return;
        }
    }
}

pub enum Publication {
    Diagnostics(Arc<Review>),
    /// The document was closed: its diagnostics go away.
    Clear(Url),
}

/// The single sender of `publishDiagnostics`. Serialising publications through one
/// task, and re-checking the version just before sending, means a result can never
/// overtake a newer one or arrive after the document was closed.
pub fn spawn_publisher(session: Weak<Session>) -> mpsc::UnboundedSender<Publication> {
    let (sender, mut receiver) = mpsc::unbounded_channel::<Publication>();
    tokio::spawn(async move {
        while let Some(publication) = receiver.recv().await {
            let Some(session) = session.upgrade() else {
                return;
            };
            match publication {
                // Pull mode: the client asks; pushing too would show everything twice.
                _ if session.support().pull_diagnostics => {}
                Publication::Diagnostics(review) => {
                    let (diagnostics, replaced) = {
                        let mut documents = session.documents();
                        let Some(document) = documents.get_mut(&review.uri).filter(|d| {
                            d.generation == review.generation && d.version == review.version
                        }) else {
                            continue;
                        };
                        // Usually the last holder of the review shown before: freeing
                        // it waits until the client has taken the send in.
                        let replaced = document.delivered.take();
                        (delivery::deliver(document, &review), replaced)
                    };
                    // Written straight to the transport: copied from the JSON of
                    // what the client was shown before where it is alike.
                    // (Should that fail, they are written one by one, as before.)
                    let json = session
                        .frames
                        .is_some()
                        .then(|| review.findings_json(replaced.as_deref()));
                    let json = json.and_then(Result::ok);
                    // Every finding in order and nothing else, as usual: the frame
                    // kept for the next publish's copy goes out as it is.
                    let every_finding = diagnostics.len() == review.findings.len()
                        && diagnostics.iter().enumerate().all(|(k, &i)| k == i);
                    if let (Some(json), Some(frames), true) = (json, &session.frames, every_finding)
                    {
                        frames.publish_frame(review.uri.as_str(), json.frame());
                        drop_later(replaced);
                        continue;
                    }
                    let diagnostics: Vec<Published> = diagnostics
                        .into_iter()
                        .map(|i| match json {
                            Some(json) if i < review.findings.len() => {
                                Published::Written(json.get(i))
                            }
                            _ => review.published(i),
                        })
                        .collect();
                    send(&session, &review.uri, &diagnostics, Some(review.version)).await;
                    drop_later(replaced);
                }
                Publication::Clear(uri) => send(&session, &uri, &[], None).await,
            }
        }
    });
    sender
}

/// How long the review a publication replaced is kept: until the editor has read
/// and parsed the publication (3-4 ms for a 2 MB draft's), well before the next
/// keystroke.
const REPLACED_KEPT: std::time::Duration = std::time::Duration::from_millis(30);

/// Free a replaced review (its text, findings, diagnostics) after `REPLACED_KEPT`.
/// Freeing a long draft's review takes about a millisecond, and done at once it
/// ran beside the editor parsing the publication, on a machine with two cores,
/// and slowed that by as much (0.7-1 ms of the 2 MB bench's p50).
fn drop_later(replaced: Option<Arc<Review>>) {
    if replaced.is_some() {
        tokio::spawn(async move {
            tokio::time::sleep(REPLACED_KEPT).await;
            drop(replaced);
        });
    }
}

/// Send one `publishDiagnostics`: serialised once, straight from the review, through
/// the transport's writer when there is one; else through tower-lsp's client, which
/// needs its own copy of the diagnostics. Every publication takes the same path, so
/// they reach the client in the order this task sends them.
async fn send(session: &Session, uri: &Url, diagnostics: &[Published<'_>], version: Option<i32>) {
    let Some(frames) = &session.frames else {
        let owned = diagnostics.iter().map(Published::to_diagnostic).collect();
        session
            .client
            .publish_diagnostics(uri.clone(), owned, version)
            .await;
        return;
    };
    match delivery::publish_body(uri, diagnostics, version) {
        // A notification, never an error reply: nothing for `protocol_log` to report.
        // `false` means the writer is gone, i.e. the session is ending.
        Ok(body) => {
            frames.publish(uri.as_str(), &body);
        }
        Err(e) => super::log(&format!("publishing diagnostics failed: {e}")),
    }
}
