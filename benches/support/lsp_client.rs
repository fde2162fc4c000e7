//! A small LSP client over a child process's stdio, for benchmarks.
//!
//! One reader thread parses every message the server writes (Content-Length
//! framing, JSON), stamps it with the time it was parsed, answers the server's own
//! requests at once (so the server never waits on us), and hands everything else
//! to the benchmark through a channel.

use serde_json::{json, Value};
use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// A message from the server: a notification, a response to one of our requests, or
/// a request of its own (already answered).
pub struct Incoming {
    /// When its header arrived: the server had started writing it.
    pub started: Instant,
    /// When the reader thread had read and parsed it.
    pub at: Instant,
    /// Size of the JSON body (without the header).
    pub bytes: usize,
    pub message: Value,
}

impl Incoming {
    pub fn method(&self) -> Option<&str> {
        self.message.get("method").and_then(Value::as_str)
    }
}

#[derive(Debug)]
pub enum WaitError {
    Timeout,
    /// The server closed its output (it exited or crashed).
    Closed,
}

impl std::fmt::Display for WaitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WaitError::Timeout => write!(f, "timed out"),
            WaitError::Closed => write!(f, "the server closed its output"),
        }
    }
}

pub struct Server {
    child: Child,
    writer: Arc<Mutex<ChildStdin>>,
    incoming: Receiver<Incoming>,
    next_id: i64,
}

impl Server {
    /// Start `program args...`; the server's stderr goes to `stderr_log`. `settings`
    /// is the answer to each item of a `workspace/configuration` request.
    pub fn spawn(
        program: &str,
        args: &[String],
        stderr_log: &Path,
        settings: Value,
    ) -> std::io::Result<Server> {
        let mut child = Command::new(program)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(File::create(stderr_log)?)
            .spawn()?;
        let writer = Arc::new(Mutex::new(child.stdin.take().expect("piped stdin")));
        let stdout = child.stdout.take().expect("piped stdout");
        let (sender, incoming) = mpsc::channel();
        let answers = writer.clone();
        thread::spawn(move || read_loop(stdout, answers, sender, settings));
        Ok(Server {
            child,
            writer,
            incoming,
            next_id: 1,
        })
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Write one framed message; returns the instant just before writing.
    pub fn send(&self, message: &Value) -> std::io::Result<Instant> {
        let bytes = frame(message);
        let mut writer = self.writer.lock().unwrap();
        let start = Instant::now();
        writer.write_all(&bytes)?;
        writer.flush()?;
        Ok(start)
    }

    pub fn notify(&self, method: &str, params: Value) -> std::io::Result<Instant> {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}))
    }

    /// Send a request and wait for its response (notifications meanwhile are dropped).
    pub fn request(
        &mut self,
        method: &str,
        params: Value,
        timeout: Duration,
    ) -> Result<Value, String> {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))
            .map_err(|e| format!("writing {method}: {e}"))?;
        let response = self
            .wait_for(Instant::now() + timeout, |m| {
                m.method().is_none() && m.message.get("id") == Some(&json!(id))
            })
            .map_err(|e| format!("waiting for the answer to {method}: {e}"))?;
        match response.message.get("error") {
            Some(error) => Err(format!("{method} failed: {error}")),
            None => Ok(response
                .message
                .get("result")
                .cloned()
                .unwrap_or(Value::Null)),
        }
    }

    /// The first message that satisfies `wanted`, dropping the others, until `deadline`.
    pub fn wait_for(
        &self,
        deadline: Instant,
        mut wanted: impl FnMut(&Incoming) -> bool,
    ) -> Result<Incoming, WaitError> {
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok(message) if wanted(&message) => return Ok(message),
                Ok(_) => {}
                Err(RecvTimeoutError::Timeout) => return Err(WaitError::Timeout),
                Err(RecvTimeoutError::Disconnected) => return Err(WaitError::Closed),
            }
        }
    }

    /// Drop what the server sends until it has been quiet for `quiet` (at most `limit`).
    pub fn settle(&self, quiet: Duration, limit: Duration) {
        let end = Instant::now() + limit;
        while Instant::now() < end {
            if self.incoming.recv_timeout(quiet).is_err() {
                return;
            }
        }
    }

    /// `shutdown`, `exit`, and wait for the process; killed if it does not go.
    pub fn stop(mut self) {
        let _ = self.request("shutdown", Value::Null, Duration::from_secs(10));
        let _ = self.notify("exit", Value::Null);
        let end = Instant::now() + Duration::from_secs(5);
        while Instant::now() < end {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            thread::sleep(Duration::from_millis(20));
        }
        self.kill();
    }

    pub fn kill(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn frame(message: &Value) -> Vec<u8> {
    let body = serde_json::to_vec(message).expect("JSON values serialise");
    let mut bytes = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    bytes.extend_from_slice(&body);
    bytes
}

/// The next message's body into `body`, and when its header arrived; None at the
/// end of the stream (or on a framing error, reported).
///
/// `body` is the caller's buffer, reused from message to message as an editor's
/// read buffer is. A fresh buffer per message is fresh memory for every publish
/// (a new mapping past 128 KiB), faulted in page by page while the kernel copies
/// the pipe into it.
fn read_message(reader: &mut impl BufRead, body: &mut Vec<u8>) -> Option<Instant> {
    let mut length = None;
    let mut started = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        started.get_or_insert_with(Instant::now);
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse::<usize>().ok();
            }
        }
    }
    let Some(length) = length else {
        eprintln!("lsp client: a message without Content-Length");
        return None;
    };
    body.resize(length, 0);
    reader.read_exact(body).ok()?;
    started
}

fn read_loop(
    stdout: ChildStdout,
    writer: Arc<Mutex<ChildStdin>>,
    sender: mpsc::Sender<Incoming>,
    settings: Value,
) {
    let mut reader = BufReader::with_capacity(1 << 16, stdout);
    let mut body = Vec::new();
    while let Some(started) = read_message(&mut reader, &mut body) {
        let message: Value = match serde_json::from_slice(&body) {
            Ok(message) => message,
            Err(e) => {
                eprintln!("lsp client: unparsable message from the server: {e}");
                return;
            }
        };
        let at = Instant::now();
        if let (Some(method), Some(id)) = (
            message.get("method").and_then(Value::as_str),
            message.get("id"),
        ) {
            let result = answer(method, &message, &settings);
            let bytes = frame(&json!({"jsonrpc": "2.0", "id": id, "result": result}));
            let mut writer = writer.lock().unwrap();
            if writer
                .write_all(&bytes)
                .and_then(|_| writer.flush())
                .is_err()
            {
                return;
            }
            // Passed on too (after the answer), so that `settle` sees the activity.
        }
        let incoming = Incoming {
            started,
            at,
            bytes: body.len(),
            message,
        };
        if sender.send(incoming).is_err() {
            return;
        }
    }
}

/// What we answer to a request from the server: `settings` for each configuration
/// item asked for, and null to the rest.
fn answer(method: &str, request: &Value, settings: &Value) -> Value {
    match method {
        "workspace/configuration" => {
            let items = request["params"]["items"].as_array().map_or(1, Vec::len);
            Value::Array(vec![settings.clone(); items])
        }
        _ => Value::Null,
    }
}
