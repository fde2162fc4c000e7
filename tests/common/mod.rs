//! A small synchronous LSP client for the protocol tests.
//!
//! It speaks to the server over any byte pipe: the real binary's stdin/stdout, or an
//! in-memory duplex into `truthlens::lsp::serve`. It answers the server's own requests
//! (`workspace/configuration`, `client/registerCapability`, `workspace/applyEdit`) the
//! way an editor would, and keeps every other message until a test asks for it.
//!
//! Position arithmetic here is written independently of the server's, on purpose.
#![allow(dead_code)]

use serde_json::{json, Value};
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};
use truthlens::lsp::SessionEnd;

pub const TIMEOUT: Duration = Duration::from_secs(20);

/// An incremental change: replace (line, character)..(line, character) with the text.
pub type Change<'a> = ((u32, u32), (u32, u32), &'a str);

pub struct Client {
    writer: Option<Box<dyn Write + Send>>,
    incoming: Receiver<Value>,
    next_id: i64,
    /// Messages received while waiting for something else.
    backlog: VecDeque<Value>,
    /// The answer to `workspace/configuration` (one item per request item).
    pub settings: Value,
    /// `workspace/applyEdit` requests, in order.
    pub applied_edits: Vec<Value>,
    /// Every server -> client request, in order.
    pub server_requests: Vec<Value>,
}

impl Client {
    pub fn new(writer: Box<dyn Write + Send>, reader: impl Read + Send + 'static) -> Client {
        let (sender, incoming) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(reader);
            while let Some(message) = read_frame(&mut reader) {
                if sender.send(message).is_err() {
                    break;
                }
            }
        });
        Client {
            writer: Some(writer),
            incoming,
            next_id: 0,
            backlog: VecDeque::new(),
            settings: Value::Null,
            applied_edits: Vec::new(),
            server_requests: Vec::new(),
        }
    }

    pub fn send_raw(&mut self, bytes: &[u8]) {
        let writer = self.writer.as_mut().expect("input already closed");
        writer.write_all(bytes).expect("write to server");
        writer.flush().expect("flush to server");
    }

    pub fn send(&mut self, message: &Value) {
        let body = message.to_string();
        let frame = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        self.send_raw(frame.as_bytes());
    }

    /// Close the server's input (as an editor does when it goes away).
    pub fn close_input(&mut self) {
        self.writer = None;
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Change the `truthlens` settings as an editor does: later
    /// `workspace/configuration` answers give them too, and the server is told.
    pub fn push_settings(&mut self, section: Value) {
        self.settings = section.clone();
        self.notify(
            "workspace/didChangeConfiguration",
            json!({"settings": {"truthlens": section}}),
        );
    }

    /// Wait for the server to ask `method` of the client, and hold the request
    /// unanswered (other server requests are answered as usual).
    pub fn hold_server_request(&mut self, method: &str) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline
                .checked_duration_since(Instant::now())
                .unwrap_or_else(|| panic!("timed out waiting for the server to ask {method}"));
            let Ok(message) = self.incoming.recv_timeout(left) else {
                panic!("timed out waiting for the server to ask {method}");
            };
            if message["method"] == method && message.get("id").is_some() {
                self.server_requests.push(message.clone());
                return message;
            }
            if !self.answer_server_request(&message) {
                self.backlog.push_back(message);
            }
        }
    }

    /// Answer a request taken with `hold_server_request`.
    pub fn answer(&mut self, request: &Value, result: Value) {
        self.send(&json!({"jsonrpc": "2.0", "id": request["id"].clone(), "result": result}));
    }

    /// Send a request and return the whole response message.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        self.wait_for(&format!("the response to {method}"), |m| {
            m.get("id") == Some(&json!(id)) && m.get("method").is_none()
        })
    }

    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    /// The result of a request that must succeed.
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        let response = self.request(method, params);
        assert!(
            response.get("error").is_none(),
            "{method} failed: {response}"
        );
        response["result"].clone()
    }

    /// The next message (response or notification) that satisfies `matches`.
    pub fn wait_for(&mut self, what: &str, matches: impl Fn(&Value) -> bool) -> Value {
        self.try_wait_for(TIMEOUT, matches)
            .unwrap_or_else(|| panic!("timed out waiting for {what}; saw {:#?}", self.backlog))
    }

    pub fn try_wait_for(
        &mut self,
        timeout: Duration,
        matches: impl Fn(&Value) -> bool,
    ) -> Option<Value> {
        if let Some(i) = self.backlog.iter().position(&matches) {
            return self.backlog.remove(i);
        }
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.checked_duration_since(Instant::now())?;
            let message = self.incoming.recv_timeout(left).ok()?;
            if self.answer_server_request(&message) {
                continue;
            }
            if matches(&message) {
                return Some(message);
            }
            self.backlog.push_back(message);
        }
    }

    /// Forget messages received so far that no test asked for, so later waits only
    /// see what happens from now on.
    pub fn forget_backlog(&mut self) {
        while let Ok(message) = self.incoming.recv_timeout(Duration::from_millis(50)) {
            self.answer_server_request(&message);
        }
        self.backlog.clear();
    }

    /// Reply to a server -> client request like an editor would. Returns false for
    /// anything that is not such a request.
    fn answer_server_request(&mut self, message: &Value) -> bool {
        let (Some(id), Some(method)) = (message.get("id"), message["method"].as_str()) else {
            return false;
        };
        self.server_requests.push(message.clone());
        let result = match method {
            "workspace/configuration" => {
                let items = message["params"]["items"].as_array().map_or(1, Vec::len);
                Value::Array(vec![self.settings.clone(); items])
            }
            "workspace/applyEdit" => {
                self.applied_edits.push(message["params"].clone());
                json!({"applied": true})
            }
            _ => Value::Null,
        };
        let reply = json!({"jsonrpc": "2.0", "id": id.clone(), "result": result});
        if self.writer.is_some() {
            self.send(&reply);
        }
        true
    }

    /// Initialize with the given client capabilities and send `initialized`.
    pub fn initialize(&mut self, capabilities: Value, options: Option<Value>) -> Value {
        let mut params = json!({"processId": null, "rootUri": null, "capabilities": capabilities});
        if let Some(options) = options {
            params["initializationOptions"] = options;
        }
        let result = self.call("initialize", params);
        self.notify("initialized", json!({}));
        result
    }

    /// Initialize with a workspace folder (as `rootUri` and `workspaceFolders`).
    pub fn initialize_in(
        &mut self,
        capabilities: Value,
        options: Option<Value>,
        folder: &std::path::Path,
    ) -> Value {
        let uri = file_uri(folder);
        let mut params = json!({
            "processId": null, "rootUri": uri, "capabilities": capabilities,
            "workspaceFolders": [{"uri": uri, "name": "workspace"}]
        });
        if let Some(options) = options {
            params["initializationOptions"] = options;
        }
        let result = self.call("initialize", params);
        self.notify("initialized", json!({}));
        result
    }

    /// The whole document replaced with `text` (a full-text change).
    pub fn replace_all(&mut self, uri: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
        );
    }

    /// The code actions offered at a range given in (line, character) pairs.
    pub fn code_actions(&mut self, uri: &str, range: Value) -> Vec<Value> {
        self.call(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": range, "context": {"diagnostics": []}}),
        )
        .as_array()
        .cloned()
        .unwrap_or_default()
    }

    pub fn open(&mut self, uri: &str, language_id: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language_id, "version": version, "text": text}}),
        );
    }

    /// One incremental change: replace `range` ((line, character) pairs) with `text`.
    pub fn change(&mut self, uri: &str, version: i64, changes: &[Change]) {
        let changes: Vec<Value> = changes
            .iter()
            .map(|(start, end, text)| {
                json!({"range": {
                    "start": {"line": start.0, "character": start.1},
                    "end": {"line": end.0, "character": end.1}},
                    "text": text})
            })
            .collect();
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        );
    }

    /// The diagnostics published for `uri` at exactly `version`.
    pub fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let message = self.wait_for(&format!("diagnostics for {uri} v{version}"), |m| {
            is_diagnostics_for(m, uri) && m["params"]["version"] == json!(version)
        });
        message["params"]["diagnostics"].as_array().unwrap().clone()
    }

    /// The next diagnostics published for `uri` that satisfy `matches`.
    pub fn diagnostics_where(
        &mut self,
        uri: &str,
        what: &str,
        matches: impl Fn(&[Value]) -> bool,
    ) -> Value {
        self.wait_for(what, |m| {
            is_diagnostics_for(m, uri) && matches(m["params"]["diagnostics"].as_array().unwrap())
        })["params"]
            .clone()
    }

    pub fn hover(&mut self, uri: &str, line: u32, character: u32) -> Value {
        self.call(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
        )
    }

    /// `shutdown` then `exit`.
    pub fn shutdown_and_exit(&mut self) {
        let result = self.call("shutdown", Value::Null);
        assert_eq!(result, Value::Null);
        self.notify("exit", Value::Null);
    }
}

pub fn is_diagnostics_for(message: &Value, uri: &str) -> bool {
    message["method"] == "textDocument/publishDiagnostics" && message["params"]["uri"] == uri
}

pub fn read_frame(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length:") {
            length = value.trim().parse().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    Some(serde_json::from_slice(&body).expect("server sent invalid JSON"))
}

// ---------------------------------------------------------------- transports

/// A server running `truthlens::lsp::serve` over in-memory pipes on its own runtime.
pub struct InMemoryServer {
    end: Receiver<SessionEnd>,
}

impl InMemoryServer {
    pub fn start() -> (Client, InMemoryServer) {
        let (to_server_tx, mut to_server_rx) = tokio::sync::mpsc::unbounded_channel::<Vec<u8>>();
        let (from_server_tx, from_server_rx) = mpsc::channel::<Vec<u8>>();
        let (end_tx, end) = mpsc::channel();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                use tokio::io::{AsyncReadExt, AsyncWriteExt};
                let (client_side, server_side) = tokio::io::duplex(64 * 1024);
                let (server_read, server_write) = tokio::io::split(server_side);
                let (mut client_read, mut client_write) = tokio::io::split(client_side);
                tokio::spawn(async move {
                    while let Some(bytes) = to_server_rx.recv().await {
                        if client_write.write_all(&bytes).await.is_err() {
                            return;
                        }
                    }
                    // The test closed its end: the server sees end of input.
                    let _ = client_write.shutdown().await;
                });
                let reader = tokio::spawn(async move {
                    let mut buffer = vec![0u8; 16 * 1024];
                    loop {
                        match client_read.read(&mut buffer).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => {
                                if from_server_tx.send(buffer[..n].to_vec()).is_err() {
                                    return;
                                }
                            }
                        }
                    }
                });
                let session_end = truthlens::lsp::serve(server_read, server_write).await;
                let _ = end_tx.send(session_end);
                let _ = tokio::time::timeout(Duration::from_secs(2), reader).await;
            });
            runtime.shutdown_background();
        });
        let writer = Box::new(ChannelWriter(to_server_tx));
        let reader = ChannelReader {
            chunks: from_server_rx,
            current: Vec::new(),
            position: 0,
        };
        (Client::new(writer, reader), InMemoryServer { end })
    }

    /// How the session ended, if it ends within `timeout`.
    pub fn wait_end(&self, timeout: Duration) -> Option<SessionEnd> {
        self.end.recv_timeout(timeout).ok()
    }
}

struct ChannelWriter(tokio::sync::mpsc::UnboundedSender<Vec<u8>>);

impl Write for ChannelWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0
            .send(bytes.to_vec())
            .map_err(|_| std::io::Error::from(std::io::ErrorKind::BrokenPipe))?;
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

struct ChannelReader {
    chunks: Receiver<Vec<u8>>,
    current: Vec<u8>,
    position: usize,
}

impl Read for ChannelReader {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        while self.position == self.current.len() {
            match self.chunks.recv() {
                Ok(chunk) => {
                    self.current = chunk;
                    self.position = 0;
                }
                Err(_) => return Ok(0),
            }
        }
        let n = out.len().min(self.current.len() - self.position);
        out[..n].copy_from_slice(&self.current[self.position..self.position + n]);
        self.position += n;
        Ok(n)
    }
}

/// The real binary, `truthlens lsp --stdio`.
pub struct StdioServer {
    pub child: Child,
    /// Our ends of its stdin and stdout pipes (the client owns them).
    pub pipes: [std::os::fd::RawFd; 2],
}

impl StdioServer {
    pub fn start() -> (Client, StdioServer) {
        let mut child = Command::new(env!("CARGO_BIN_EXE_truthlens"))
            .args(["lsp", "--stdio"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start truthlens lsp");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        use std::os::fd::AsRawFd;
        let pipes = [stdin.as_raw_fd(), stdout.as_raw_fd()];
        (
            Client::new(Box::new(stdin), stdout),
            StdioServer { child, pipes },
        )
    }

    /// The exit status, if the process ends within `timeout`.
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return Some(status);
            }
            if Instant::now() > deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for StdioServer {
    fn drop(&mut self) {
        // Never leave a server behind when a test fails.
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

// ---------------------------------------------------------------- positions

/// Client capabilities offering the given position encodings (none: LSP default).
pub fn capabilities(encodings: &[&str]) -> Value {
    let mut caps = json!({
        "workspace": {"configuration": true, "applyEdit": true,
                      "didChangeConfiguration": {"dynamicRegistration": true}},
        "textDocument": {"publishDiagnostics": {"versionSupport": true, "relatedInformation": true,
                                               "codeDescriptionSupport": true}}
    });
    if !encodings.is_empty() {
        caps["general"] = json!({"positionEncodings": encodings});
    }
    caps
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Enc {
    Utf8,
    Utf16,
}

impl Enc {
    fn width(self, c: char) -> u32 {
        match self {
            Enc::Utf8 => c.len_utf8() as u32,
            Enc::Utf16 => c.len_utf16() as u32,
        }
    }
}

/// (line, character) of a byte offset; lines split at `\n` (test texts avoid lone `\r`).
pub fn position_of(text: &str, offset: usize, enc: Enc) -> (u32, u32) {
    let before = &text[..offset];
    let line = before.matches('\n').count() as u32;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let character = text[line_start..offset].chars().map(|c| enc.width(c)).sum();
    (line, character)
}

/// Byte offset of an LSP position (exact positions only; tests do not clamp).
pub fn offset_of(text: &str, line: u32, character: u32, enc: Enc) -> usize {
    let line_start = if line == 0 {
        0
    } else {
        text.match_indices('\n')
            .nth(line as usize - 1)
            .map(|(i, _)| i + 1)
            .expect("line exists")
    };
    let mut units = 0;
    for (i, c) in text[line_start..].char_indices() {
        if units == character {
            return line_start + i;
        }
        units += enc.width(c);
    }
    assert_eq!(units, character, "position past the end of line {line}");
    text.len()
}

/// The LSP range JSON of a byte range.
pub fn range_of(text: &str, start: usize, end: usize, enc: Enc) -> Value {
    let (sl, sc) = position_of(text, start, enc);
    let (el, ec) = position_of(text, end, enc);
    json!({"start": {"line": sl, "character": sc}, "end": {"line": el, "character": ec}})
}

/// The byte range of the `nth` occurrence of `needle`.
pub fn span_of(text: &str, needle: &str, nth: usize) -> (usize, usize) {
    let start = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} #{nth} not in text"))
        .0;
    (start, start + needle.len())
}

/// Apply LSP text edits (non-overlapping, against the same text) to `text`.
pub fn apply_text_edits(text: &str, edits: &[Value], enc: Enc) -> String {
    let mut resolved: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            let r = &e["range"];
            let at = |p: &Value| {
                offset_of(
                    text,
                    p["line"].as_u64().unwrap() as u32,
                    p["character"].as_u64().unwrap() as u32,
                    enc,
                )
            };
            (
                at(&r["start"]),
                at(&r["end"]),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    resolved.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_string();
    for (start, end, new_text) in resolved {
        out.replace_range(start..end, &new_text);
    }
    out
}

/// Diagnostics whose range is exactly the byte range `span`.
pub fn diagnostics_at<'a>(
    diagnostics: &'a [Value],
    text: &str,
    span: (usize, usize),
    enc: Enc,
) -> Vec<&'a Value> {
    let range = range_of(text, span.0, span.1, enc);
    diagnostics.iter().filter(|d| d["range"] == range).collect()
}

/// The finding of `rule` at exactly the byte range `span`, from the library's own
/// analysis of `text` (default settings): what a diagnostic there stands for, with
/// its byte-offset fixes and alternatives, independent of the server.
pub fn library_finding(text: &str, rule: &str, span: (usize, usize)) -> Option<truthlens::Finding> {
    truthlens::analyze(
        text,
        truthlens::Format::Markdown,
        &truthlens::Config::default(),
    )
    .findings
    .into_iter()
    .find(|f| f.rule == rule && (f.span.start, f.span.end) == span)
}

/// The text edits an action makes to `uri`, as `changes` or as `documentChanges`.
pub fn action_edits(action: &Value, uri: &str) -> Vec<Value> {
    let edit = &action["edit"];
    if let Some(edits) = edit["changes"][uri].as_array() {
        return edits.clone();
    }
    edit["documentChanges"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| d["textDocument"]["uri"] == uri)
        .flat_map(|d| d["edits"].as_array().cloned().unwrap_or_default())
        .collect()
}

/// A fresh, empty temporary folder, removed when the guard drops (even if the test
/// panics); made in the canonical temp dir, so server paths compare equal.
pub fn temp_folder(name: &str) -> tempfile::TempDir {
    let base = std::fs::canonicalize(std::env::temp_dir()).unwrap();
    tempfile::Builder::new()
        .prefix(&format!("truthlens-{name}-"))
        .tempdir_in(base)
        .unwrap()
}

pub fn file_uri(path: &std::path::Path) -> String {
    let path = path.to_str().expect("UTF-8 path");
    format!("file://{}", path.replace('%', "%25").replace(' ', "%20"))
}
