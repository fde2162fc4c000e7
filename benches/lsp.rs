//! Diagnostics latency of a language server over stdio: `cargo bench --bench lsp`.
//!
//! Starts the real server (by default the release `truthlens lsp` that cargo
//! builds for this bench), opens a synthetic draft per size, then makes
//! one-character edits in the middle of the draft (insert a letter inside a word,
//! delete it again, in each of ten paragraphs in turn) and times each from writing `didChange` to having read and parsed the
//! `publishDiagnostics` for that version (or, for a server that publishes without
//! versions, the first one after the change). Each size runs in a fresh server.
//! Memory (VmHWM, VmRSS) is read for the spawned process: a `--server` wrapper
//! script must `exec` the server.
//!
//! Flags (after `--`): `--server "CMD ARGS"`, `--sizes 200000,2000000`,
//! `--edits 30`, `--warmup 3`, `--language-id markdown`, `--timeout 120` (seconds
//! per publish), `--budget SECS` (stop a size's edits once they took that long, if
//! at least 3 were measured), `--settings JSON` (the answer to each `workspace/configuration`
//! item; null by default), `--client neovim|vscode` (whose diagnostic capabilities
//! to declare: Neovim 0.11's by default, or VS Code's, which add rule links),
//! `--full-text` (send the whole text with every change, as a simple client or probe
//! does, even to a server that takes ranges), `--json` (one machine-readable line on
//! stdout, progress on stderr).

#[path = "support/drafts.rs"]
mod drafts;
#[path = "support/lsp_client.rs"]
mod lsp_client;

use lsp_client::{Incoming, Server};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How many paragraphs the edits go round (each gets a letter typed, then deleted).
const EDIT_PLACES: usize = 10;

struct Options {
    command: Vec<String>,
    sizes: Vec<usize>,
    edits: usize,
    warmup: usize,
    language_id: String,
    timeout: Duration,
    /// Stop a size's edits once they have taken this long (and 3 were measured).
    budget: Option<Duration>,
    settings: Value,
    client: ClientKind,
    /// Send the whole text with every change, whatever the server takes.
    full_text: bool,
    json: bool,
}

/// The editor whose `publishDiagnostics` capabilities the bench declares: they
/// decide what a server may put in each diagnostic, so what the client reads.
#[derive(Clone, Copy, Debug)]
enum ClientKind {
    Neovim,
    VsCode,
}

impl ClientKind {
    /// As the editors declare them (Neovim 0.11, VS Code 1.9x); `versionSupport`
    /// on both, so that a server's publish can be matched to its edit.
    fn publish_diagnostics(self) -> Value {
        let tags = json!({"valueSet": [1, 2]});
        match self {
            ClientKind::Neovim => json!({
                "relatedInformation": true, "tagSupport": tags, "dataSupport": true,
                "versionSupport": true,
            }),
            ClientKind::VsCode => json!({
                "relatedInformation": true, "tagSupport": tags, "dataSupport": true,
                "versionSupport": true, "codeDescriptionSupport": true,
            }),
        }
    }
}

fn usage(problem: &str) -> ! {
    eprintln!("lsp bench: {problem}");
    eprintln!(
        "usage: cargo bench --bench lsp -- [--server \"CMD ARGS\"] [--sizes 200000,2000000] \
         [--edits N] [--warmup N] [--language-id ID] [--timeout SECS] [--budget SECS] [--settings JSON] \
         [--client neovim|vscode] [--full-text] [--json]"
    );
    std::process::exit(2);
}

fn number<T: std::str::FromStr>(flag: &str, value: &str) -> T {
    value
        .trim()
        .parse()
        .unwrap_or_else(|_| usage(&format!("{flag} takes a number, not {value:?}")))
}

fn options() -> Options {
    let mut options = Options {
        command: vec![
            env!("CARGO_BIN_EXE_truthlens").to_string(),
            "lsp".to_string(),
        ],
        sizes: vec![200_000, 2_000_000],
        edits: 30,
        warmup: 3,
        language_id: "markdown".to_string(),
        timeout: Duration::from_secs(120),
        budget: None,
        settings: Value::Null,
        client: ClientKind::Neovim,
        full_text: false,
        json: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => {
                (flag.to_string(), Some(value.to_string()))
            }
            _ => (arg.clone(), None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| args.next())
                .unwrap_or_else(|| usage(&format!("{flag} needs a value")))
        };
        match flag.as_str() {
            "--bench" => {} // cargo bench passes it to every bench
            "--json" => options.json = true,
            "--full-text" => options.full_text = true,
            "--server" => {
                options.command = value().split_whitespace().map(String::from).collect();
                if options.command.is_empty() {
                    usage("--server needs a command");
                }
            }
            "--sizes" => options.sizes = value().split(',').map(|s| number("--sizes", s)).collect(),
            "--edits" => options.edits = number("--edits", &value()),
            "--warmup" => options.warmup = number("--warmup", &value()),
            "--language-id" => options.language_id = value(),
            "--timeout" => options.timeout = Duration::from_secs(number("--timeout", &value())),
            "--budget" => options.budget = Some(Duration::from_secs(number("--budget", &value()))),
            "--settings" => {
                let text = value();
                options.settings = serde_json::from_str(&text)
                    .unwrap_or_else(|e| usage(&format!("--settings is not JSON ({e}): {text}")));
            }
            "--client" => {
                options.client = match value().as_str() {
                    "neovim" => ClientKind::Neovim,
                    "vscode" => ClientKind::VsCode,
                    other => usage(&format!("--client is neovim or vscode, not {other:?}")),
                }
            }
            other => usage(&format!("unknown argument {other:?}")),
        }
    }
    if options.edits == 0 {
        usage("--edits must be at least 1");
    }
    options
}

/// How the server wants to be told about changes, and how it counts columns.
#[derive(Clone, Copy, PartialEq)]
enum Sync {
    Full,
    Incremental,
}

#[derive(Clone, Copy)]
enum Encoding {
    Utf8,
    Utf16,
    Utf32,
}

/// What one draft size measured.
#[derive(Default)]
struct Outcome {
    bytes: usize,
    open_ms: f64,
    /// Milliseconds from writing `didChange` to the parsed publish, warm-up excluded.
    samples: Vec<f64>,
    /// The same to the publish's header: the server's part, without the client
    /// reading and parsing the body.
    header_samples: Vec<f64>,
    diagnostics: usize,
    publish_bytes: usize,
    /// Whether the server's publishes carried the document version.
    versioned: bool,
    vm_hwm_kb: Option<u64>,
    vm_rss_kb: Option<u64>,
    sync: Option<Sync>,
    error: Option<String>,
}

fn main() {
    let options = options();
    let dir = std::env::temp_dir().join(format!("truthlens-lspbench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder for the drafts");
    let progress = |line: String| {
        if options.json {
            eprintln!("{line}")
        } else {
            println!("{line}")
        }
    };
    progress(format!(
        "server: {}  (language id {}, {} edits after {} warm-up, timeout {} s per publish, settings {}, {:?}'s capabilities)",
        options.command.join(" "),
        options.language_id,
        options.edits,
        options.warmup,
        options.timeout.as_secs(),
        options.settings,
        options.client
    ));
    progress(format!(
        "{:>9} {:>5} {:>9} {:>9} {:>9} {:>9} {:>10} {:>6} {:>10} {:>9} {:>9}",
        "size",
        "sync",
        "open",
        "p50",
        "p90",
        "max",
        "header p50",
        "diags",
        "publish",
        "VmHWM",
        "VmRSS"
    ));
    let mut outcomes = Vec::new();
    for &bytes in &options.sizes {
        let outcome = run(&options, &dir, bytes);
        progress(row(&outcome));
        if let Some(error) = &outcome.error {
            progress(format!("  {bytes} bytes: {error}"));
        }
        outcomes.push(outcome);
    }
    let growth = growth(&outcomes);
    if let (Some(ratio), [first, .., last]) = (growth, outcomes.as_slice()) {
        progress(format!(
            "growth p50({})/p50({}): {ratio:.2}x",
            human_size(last.bytes),
            human_size(first.bytes)
        ));
    }
    if options.json {
        println!("{}", report(&options, &outcomes, growth));
    }
    let failed = outcomes.iter().any(|o| o.error.is_some());
    if failed {
        eprintln!("server logs kept in {}", dir.display());
    } else {
        let _ = std::fs::remove_dir_all(&dir);
    }
    std::process::exit(i32::from(failed));
}

fn run(options: &Options, dir: &Path, bytes: usize) -> Outcome {
    let mut outcome = Outcome {
        bytes,
        ..Outcome::default()
    };
    let text = drafts::markdown_draft(bytes);
    let extension = if options.language_id == "markdown" {
        "md"
    } else {
        "txt"
    };
    let path = dir.join(format!("draft-{bytes}.{extension}"));
    if let Err(e) = std::fs::write(&path, &text) {
        outcome.error = Some(format!("writing {}: {e}", path.display()));
        return outcome;
    }
    let log = dir.join(format!("server-{bytes}.log"));
    let server = match Server::spawn(
        &options.command[0],
        &options.command[1..],
        &log,
        options.settings.clone(),
    ) {
        Ok(server) => server,
        Err(e) => {
            outcome.error = Some(format!("starting {}: {e}", options.command[0]));
            return outcome;
        }
    };
    let pid = server.pid();
    let mut session = Session {
        server,
        uri: file_uri(&path),
        root: file_uri(dir),
        text,
        version: 1,
        timeout: options.timeout,
    };
    match session.measure(options, &mut outcome) {
        Ok(()) => {
            // The peak and current memory with the draft open, after the edits.
            (outcome.vm_hwm_kb, outcome.vm_rss_kb) = memory(pid);
            session.server.stop();
        }
        Err(e) => {
            (outcome.vm_hwm_kb, outcome.vm_rss_kb) = memory(pid);
            outcome.error = Some(format!("{e} (server log: {})", log.display()));
            session.server.kill();
        }
    }
    outcome
}

struct Session {
    server: Server,
    uri: String,
    root: String,
    /// The text as the server should have it now.
    text: String,
    version: i32,
    timeout: Duration,
}

impl Session {
    fn measure(&mut self, options: &Options, outcome: &mut Outcome) -> Result<(), String> {
        let capabilities = json!({
            "general": {"positionEncodings": ["utf-16"]},
            "textDocument": {
                "synchronization": {"dynamicRegistration": false, "didSave": true},
                "publishDiagnostics": options.client.publish_diagnostics(),
            },
        });
        let result = self.server.request(
            "initialize",
            json!({
                "processId": std::process::id(),
                "clientInfo": {"name": "truthlens-lsp-bench"},
                "rootUri": self.root,
                "workspaceFolders": [{"uri": self.root, "name": "bench"}],
                "capabilities": capabilities,
            }),
            self.timeout,
        )?;
        let (sync, encoding) = negotiated(&result["capabilities"])?;
        let sync = if options.full_text { Sync::Full } else { sync };
        outcome.sync = Some(sync);
        self.server
            .notify("initialized", json!({}))
            .map_err(|e| e.to_string())?;
        // Servers ask for their settings (workspace/configuration) or register
        // capabilities after `initialized`; let that finish before the document opens.
        self.quiet();

        let sent = self
            .server
            .notify(
                "textDocument/didOpen",
                json!({"textDocument": {
                    "uri": self.uri,
                    "languageId": options.language_id,
                    "version": self.version,
                    "text": self.text,
                }}),
            )
            .map_err(|e| e.to_string())?;
        let publish = self
            .await_publish(sent)
            .map_err(|e| format!("after didOpen: {e}"))?;
        outcome.open_ms = millis(publish.at - sent);
        self.quiet();

        let points = edit_points(&self.text, EDIT_PLACES);
        let started = Instant::now();
        for i in 0..options.warmup + options.edits {
            let point = points[(i / 2) % points.len()];
            let spent = options.budget.is_some_and(|b| started.elapsed() > b);
            if spent && outcome.samples.len() >= 3 {
                break; // a slow server: fewer samples rather than an endless run
            }
            // Alternate: a letter typed inside the word, then deleted again.
            let (deleted, new_text) = if i % 2 == 0 {
                self.text.insert(point, 'x');
                (0, "x")
            } else {
                self.text.remove(point);
                (1, "")
            };
            self.version += 1;
            let change = match sync {
                Sync::Full => json!({"text": self.text}),
                Sync::Incremental => {
                    // The text before `point` is the same before and after the change,
                    // and the deleted letter is our own 'x': one unit in any encoding.
                    let (line, character) = position(&self.text, point, encoding);
                    json!({
                        "range": {
                            "start": {"line": line, "character": character},
                            "end": {"line": line, "character": character + deleted},
                        },
                        "text": new_text,
                    })
                }
            };
            let sent = self
                .server
                .notify(
                    "textDocument/didChange",
                    json!({
                        "textDocument": {"uri": self.uri, "version": self.version},
                        "contentChanges": [change],
                    }),
                )
                .map_err(|e| e.to_string())?;
            let publish = self
                .await_publish(sent)
                .map_err(|e| format!("edit {} (version {}): {e}", i + 1, self.version))?;
            if i >= options.warmup {
                outcome.samples.push(millis(publish.at - sent));
                outcome.header_samples.push(millis(publish.started - sent));
            }
            let params = &publish.message["params"];
            outcome.diagnostics = params["diagnostics"].as_array().map_or(0, Vec::len);
            outcome.publish_bytes = publish.bytes;
            outcome.versioned = params.get("version").is_some_and(|v| !v.is_null());
            self.quiet();
        }
        Ok(())
    }

    /// The `publishDiagnostics` for our document at the current version, or, from a
    /// server that does not say the version, the first one read after `sent`.
    fn await_publish(&self, sent: Instant) -> Result<Incoming, lsp_client::WaitError> {
        let deadline = Instant::now() + self.timeout;
        self.server.wait_for(deadline, |m| {
            let params = &m.message["params"];
            m.method() == Some("textDocument/publishDiagnostics")
                && params["uri"].as_str() == Some(self.uri.as_str())
                && m.at >= sent
                && match params.get("version").and_then(Value::as_i64) {
                    Some(version) => version == i64::from(self.version),
                    None => true,
                }
        })
    }

    /// Let late messages (a second publish, log lines) pass before the next edit, so
    /// that an unversioned publish is never taken for the answer to the next change.
    fn quiet(&self) {
        self.server
            .settle(Duration::from_millis(100), Duration::from_secs(5));
    }
}

fn negotiated(capabilities: &Value) -> Result<(Sync, Encoding), String> {
    let sync = &capabilities["textDocumentSync"];
    let kind = sync
        .as_i64()
        .or_else(|| sync["change"].as_i64())
        .unwrap_or(0);
    let sync = match kind {
        1 => Sync::Full,
        2 => Sync::Incremental,
        _ => return Err(format!("the server takes no document changes ({sync})")),
    };
    let encoding = match capabilities["positionEncoding"].as_str() {
        None | Some("utf-16") => Encoding::Utf16,
        Some("utf-8") => Encoding::Utf8,
        Some("utf-32") => Encoding::Utf32,
        Some(other) => return Err(format!("unknown position encoding {other}")),
    };
    Ok((sync, encoding))
}

/// Where the edits go: two letters into the first long word of each of the first
/// `count` prose paragraphs after the middle of the draft. Several places, because
/// one word says little: a word inside a source's name costs more than one outside.
fn edit_points(text: &str, count: usize) -> Vec<usize> {
    let mut at = text.len() / 2;
    while !text.is_char_boundary(at) {
        at += 1;
    }
    let mut points = Vec::new();
    while let Some(gap) = text[at..].find("\n\n") {
        let start = at + gap + 2;
        let line = text[start..].lines().next().unwrap_or("");
        if !line.starts_with('#') {
            if let Some(word) = long_word(line) {
                points.push(start + word + 2);
                if points.len() == count {
                    break;
                }
            }
        }
        at = start;
    }
    assert!(
        !points.is_empty(),
        "the draft has no prose paragraph after its middle"
    );
    points
}

/// Byte offset of the first word of at least six ASCII letters in `line`.
fn long_word(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().chain([&b' ']).enumerate() {
        if !b.is_ascii_alphabetic() {
            if i - start >= 6 {
                return Some(start);
            }
            start = i + 1;
        }
    }
    None
}

/// The LSP position (line, character) of byte `offset` in `text`, columns in `encoding`.
fn position(text: &str, offset: usize, encoding: Encoding) -> (usize, usize) {
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let prefix = &before[line_start..];
    let character = match encoding {
        Encoding::Utf8 => prefix.len(),
        Encoding::Utf16 => prefix.encode_utf16().count(),
        Encoding::Utf32 => prefix.chars().count(),
    };
    (before.bytes().filter(|&b| b == b'\n').count(), character)
}

/// VmHWM (peak) and VmRSS (now) of `pid`, in kB.
fn memory(pid: u32) -> (Option<u64>, Option<u64>) {
    let Ok(status) = std::fs::read_to_string(format!("/proc/{pid}/status")) else {
        return (None, None);
    };
    let field = |name: &str| {
        status
            .lines()
            .find_map(|line| line.strip_prefix(name))
            .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
    };
    (field("VmHWM:"), field("VmRSS:"))
}

fn file_uri(path: &Path) -> String {
    let path: PathBuf = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut uri = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            uri.push(b as char);
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri
}

fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Nearest-rank percentile of sorted samples.
fn percentile(sorted: &[f64], p: f64) -> Option<f64> {
    let rank = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len().max(1));
    sorted.get(rank - 1).copied()
}

struct Stats {
    p50: f64,
    p90: f64,
    max: f64,
    /// p50 to the publish's header.
    header_p50: f64,
}

fn stats(outcome: &Outcome) -> Option<Stats> {
    let sorted = |samples: &[f64]| {
        let mut sorted = samples.to_vec();
        sorted.sort_by(f64::total_cmp);
        sorted
    };
    let (all, headers) = (sorted(&outcome.samples), sorted(&outcome.header_samples));
    Some(Stats {
        p50: percentile(&all, 0.5)?,
        p90: percentile(&all, 0.9)?,
        max: *all.last()?,
        header_p50: percentile(&headers, 0.5)?,
    })
}

/// p50 of the largest size over p50 of the smallest.
fn growth(outcomes: &[Outcome]) -> Option<f64> {
    let (first, last) = (outcomes.first()?, outcomes.last()?);
    if outcomes.len() < 2 {
        return None;
    }
    Some(stats(last)?.p50 / stats(first)?.p50)
}

fn human_size(bytes: usize) -> String {
    if bytes >= 1_000_000 {
        format!("{} MB", bytes as f64 / 1e6)
    } else {
        format!("{} KB", bytes as f64 / 1e3)
    }
}

fn row(o: &Outcome) -> String {
    let ms = |v: Option<f64>| v.map_or("-".to_string(), |v| format!("{v:.1}ms"));
    let kb = |v: Option<u64>| v.map_or("-".to_string(), |v| format!("{:.1}MB", v as f64 / 1024.0));
    let stats = stats(o);
    format!(
        "{:>9} {:>5} {:>9} {:>9} {:>9} {:>9} {:>10} {:>6} {:>10} {:>9} {:>9}",
        human_size(o.bytes),
        match o.sync {
            Some(Sync::Full) => "full",
            Some(Sync::Incremental) => "incr",
            None => "-",
        },
        ms((o.open_ms > 0.0).then_some(o.open_ms)),
        ms(stats.as_ref().map(|s| s.p50)),
        ms(stats.as_ref().map(|s| s.p90)),
        ms(stats.as_ref().map(|s| s.max)),
        ms(stats.as_ref().map(|s| s.header_p50)),
        o.diagnostics,
        format!("{}B", o.publish_bytes),
        kb(o.vm_hwm_kb),
        kb(o.vm_rss_kb),
    )
}

fn report(options: &Options, outcomes: &[Outcome], growth: Option<f64>) -> Value {
    let sizes: Vec<Value> = outcomes
        .iter()
        .map(|o| {
            let stats = stats(o);
            json!({
                "bytes": o.bytes,
                "sync": o.sync.map(|s| if s == Sync::Full { "full" } else { "incremental" }),
                "open_ms": o.open_ms,
                "samples": o.samples.len(),
                "samples_ms": o.samples,
                "header_samples_ms": o.header_samples,
                "p50_ms": stats.as_ref().map(|s| s.p50),
                "p90_ms": stats.as_ref().map(|s| s.p90),
                "max_ms": stats.as_ref().map(|s| s.max),
                "header_p50_ms": stats.as_ref().map(|s| s.header_p50),
                "diagnostics": o.diagnostics,
                "publish_bytes": o.publish_bytes,
                "versioned": o.versioned,
                "vm_hwm_kb": o.vm_hwm_kb,
                "vm_rss_kb": o.vm_rss_kb,
                "error": o.error,
            })
        })
        .collect();
    json!({
        "server": options.command.join(" "),
        "language_id": options.language_id,
        "settings": options.settings,
        "edits": options.edits,
        "warmup": options.warmup,
        "sizes": sizes,
        "growth_p50": growth,
    })
}
