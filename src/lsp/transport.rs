//! The framing layer between the real byte streams and tower-lsp.
//!
//! tower-lsp 0.20 has two failure modes this layer exists to avoid:
//! - after `exit` it keeps reading until stdin closes, so a client that sends `exit`
//!   and waits for the process sees a hang;
//! - its decoder ends the whole input stream after one malformed frame.
//!
//! So the server reads frames itself, answers or drops broken ones with a log line,
//! notices `shutdown` and `exit`, and forwards only well-formed messages to tower-lsp
//! through an in-process pipe. `exit` or a closed input ends the session at once.
//! All output (tower-lsp's and this layer's error replies) goes through one writer
//! task in whole frames, so replies never interleave inside a message.

use super::framing::{encode, header, Decoded, Frame, FrameDecoder};
use super::output_queue::OutputQueue;
use super::panics::CatchPanic;
use super::protocol_log::{self, InputWatch};
use super::server;
use serde::de::IgnoredAny;
use serde::{Deserialize, Deserializer};
use serde_json::{json, Value};
use std::borrow::Cow;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, DuplexStream};
use tokio::time::timeout;
use tower_lsp::jsonrpc::{Request, Response};
use tower_lsp::Server;

const PIPE_CAPACITY: usize = 64 * 1024;
/// The pipe into tower-lsp takes a long draft's `didOpen` or whole-text `didChange`
/// in a few turns rather than one per 64 KiB.
const INPUT_PIPE_CAPACITY: usize = 1024 * 1024;
/// Messages this long are routed by their envelope alone (see `routed_by_envelope`).
const ENVELOPE_FROM: usize = 64 * 1024;
/// How long tower-lsp gets to write what it has (e.g. the shutdown reply) at the end.
const GRACE: Duration = Duration::from_millis(500);

/// Why the session ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EndReason {
    /// The client sent `exit`.
    Exit,
    /// The input closed (or failed) without `exit`.
    InputClosed,
    /// tower-lsp stopped reading.
    ServerStopped,
    /// The output could not be written (the client closed its end): nothing the
    /// server does can reach the client any more.
    OutputClosed,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SessionEnd {
    pub reason: EndReason,
    /// Whether the client asked for `shutdown` first.
    pub shutdown_requested: bool,
}

impl SessionEnd {
    /// The LSP rule: 0 if `shutdown` came before the end, 1 otherwise.
    pub fn exit_code(&self) -> u8 {
        if self.shutdown_requested {
            0
        } else {
            1
        }
    }
}

/// Serve one LSP session over a pair of byte streams until `exit` or end of input.
pub async fn serve<I, O>(input: I, output: O) -> SessionEnd
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin + Send + 'static,
{
    serve_to(input, |queue| write_frames(queue, output)).await
}

/// `serve`, writing to a file descriptor (stdout) from a thread of its own.
///
/// Through tokio's stdout each frame is copied into its buffer, then written and
/// flushed in two trips to the blocking pool, and the writer task waits its turn
/// on a worker the publisher may still hold. A thread that takes the frames
/// straight off the queue and writes each in one `write` gets a long draft's
/// publish to the editor about 0.5 ms sooner.
pub async fn serve_to_file<I>(input: I, output: std::fs::File) -> SessionEnd
where
    I: AsyncRead + Unpin + Send + 'static,
{
    serve_to(input, |queue| {
        let (done, finished) = tokio::sync::oneshot::channel();
        std::thread::Builder::new()
            .name("truthlens-output".into())
            .spawn(move || {
                write_frames_blocking(&queue, output);
                let _ = done.send(());
            })
            .map(|_| ())
            .unwrap_or_else(|e| super::log(&format!("could not start the output thread: {e}")));
        async move {
            let _ = finished.await;
        }
    })
    .await
}

/// The session, with `writer` (started with the queue of whole frames) as the one
/// writer of the output.
async fn serve_to<I, W>(input: I, writer: impl FnOnce(Arc<OutputQueue>) -> W) -> SessionEnd
where
    I: AsyncRead + Unpin + Send + 'static,
    W: std::future::Future<Output = ()> + Send + 'static,
{
    let (to_server, server_input) = tokio::io::duplex(INPUT_PIPE_CAPACITY);
    let (server_output, from_server) = tokio::io::duplex(PIPE_CAPACITY);
    let queue = Arc::new(OutputQueue::default());
    let (service, socket) = server::service(Some(FrameWriter(queue.clone())));
    let service = CatchPanic::new(service);
    let mut server = tokio::spawn(Server::new(server_input, server_output, socket).serve(service));

    let writer = tokio::spawn(writer(queue.clone()));
    let mut relay = tokio::spawn(relay_server_output(from_server, queue.clone()));

    let mut shutdown_requested = false;
    // Past the queue's bound, routing waits for the client to read; a client that
    // went away instead would leave it waiting for ever.
    let reason = tokio::select! {
        reason = route_input(input, to_server, &queue, &mut shutdown_requested) => reason,
        () = queue.abandoned() => EndReason::OutputClosed,
    };
    let end = SessionEnd {
        reason,
        shutdown_requested,
    };

    // The pipe into tower-lsp is closed now; let it finish writing, but not forever
    // (a handler still waiting for a client reply would never finish).
    if timeout(GRACE, &mut server).await.is_err() {
        server.abort();
    }
    if timeout(GRACE, &mut relay).await.is_err() {
        relay.abort();
    }
    // The writer drains what is queued and stops (unless the client has stopped
    // reading: then the grace ends it).
    queue.close();
    let _ = timeout(GRACE, writer).await;
    let superseded = queue.superseded();
    if superseded > 0 {
        super::log(&format!(
            "{superseded} publishes were dropped unsent for a newer one of their document (the client read slowly)"
        ));
    }
    end
}

/// Read the input and forward what tower-lsp can take, until `exit`, the end of the
/// input, or tower-lsp stopping; notes `shutdown` in `shutdown_requested`.
async fn route_input<I>(
    mut input: I,
    mut to_server: DuplexStream,
    replies: &OutputQueue,
    shutdown_requested: &mut bool,
) -> EndReason
where
    I: AsyncRead + Unpin,
{
    let mut decoder = FrameDecoder::default();
    let mut watch = InputWatch::default();
    let mut buffer = vec![0u8; PIPE_CAPACITY];
    loop {
        while let Some(item) = decoder.next_item() {
            let body = match item {
                Decoded::Frame(body) => body,
                Decoded::Malformed(reason) => {
                    super::log(&format!("malformed input: {reason}"));
                    continue;
                }
            };
            let body = match classify(body) {
                Incoming::Exit => return EndReason::Exit,
                Incoming::Invalid { reason, reply } => {
                    super::log(&format!("dropped a message: {reason}"));
                    if let Some(reply) = reply {
                        let reply = Frame::Owned(encode(reply.to_string().as_bytes()));
                        replies.push(reply).await;
                    }
                    continue;
                }
                Incoming::Shutdown { body } => {
                    *shutdown_requested = true;
                    body
                }
                Incoming::Other {
                    body,
                    method,
                    is_request,
                } => {
                    watch.message(method.as_deref(), is_request);
                    body
                }
            };
            // The header, then the body as it is: a long draft is not copied again.
            let forwarded = match to_server.write_all(header(body.len()).as_bytes()).await {
                Ok(()) => to_server.write_all(&body).await,
                Err(e) => Err(e),
            };
            if forwarded.is_err() {
                return EndReason::ServerStopped;
            }
        }
        match input.read(&mut buffer).await {
            Ok(0) => return EndReason::InputClosed,
            Ok(n) => decoder.push(&buffer[..n]),
            Err(e) => {
                super::log(&format!("reading input failed: {e}"));
                return EndReason::InputClosed;
            }
        }
    }
}

enum Incoming {
    Exit,
    /// `shutdown`, with the body to forward.
    Shutdown {
        body: Vec<u8>,
    },
    Other {
        body: Vec<u8>,
        /// `None` for a response.
        method: Option<String>,
        is_request: bool,
    },
    /// Not something tower-lsp can take; `reply` is the JSON-RPC error to send, if any.
    Invalid {
        reason: String,
        reply: Option<Value>,
    },
}

fn classify(body: Vec<u8>) -> Incoming {
    if body.len() >= ENVELOPE_FROM {
        if let Some((method, is_request)) = routed_by_envelope(&body) {
            return Incoming::Other {
                body,
                method: Some(method),
                is_request,
            };
        }
    }
    classify_parsed(body)
}

/// `classify`, the message parsed whole.
fn classify_parsed(body: Vec<u8>) -> Incoming {
    let mut value: Value = match serde_json::from_slice(&body) {
        Ok(value) => value,
        Err(e) => {
            let reason = format!("not JSON: {e}");
            return Incoming::Invalid {
                reply: Some(error_reply(Value::Null, -32700, &reason)),
                reason,
            };
        }
    };
    if !is_json_rpc(&value) {
        let reason = format!("not a JSON-RPC 2.0 message: {}", preview(&value));
        // Only requests are answered; a broken notification or response is just dropped.
        let id = value
            .get("id")
            .filter(|id| id.is_i64() || id.is_string())
            .cloned();
        let reply = match (value.get("method"), id) {
            (Some(_), Some(id)) => Some(error_reply(id, -32600, &reason)),
            _ => None,
        };
        return Incoming::Invalid { reason, reply };
    }
    let method = value
        .get("method")
        .and_then(Value::as_str)
        .map(str::to_owned);
    // Some clients send `"params": null` for parameterless requests such as
    // `shutdown`; tower-lsp refuses those, so the null is dropped.
    let body = match value.as_object_mut() {
        Some(message) if message.get("params") == Some(&Value::Null) => {
            message.remove("params");
            value.to_string().into_bytes()
        }
        _ => body,
    };
    let body = match method.as_deref() {
        Some("initialize") => super::compat::initialize(value.clone()).unwrap_or(body),
        _ => body,
    };
    match method.as_deref() {
        Some("exit") => Incoming::Exit,
        Some("shutdown") if value.get("id").is_some() => Incoming::Shutdown { body },
        _ => Incoming::Other {
            body,
            is_request: value.get("id").is_some(),
            method,
        },
    }
}

/// The parts of a message that decide its route, read without keeping its params.
#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(borrow)]
    jsonrpc: Option<Cow<'a, str>>,
    #[serde(borrow)]
    method: Option<Cow<'a, str>>,
    /// `Some(Value::Null)` for `"id": null`, `None` when there is no id.
    #[serde(default, deserialize_with = "present")]
    id: Option<Value>,
    /// Whether the params are `null`, if there are any.
    #[serde(default, deserialize_with = "null_or_not")]
    params: Option<bool>,
}

fn present<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(d).map(Some)
}

fn null_or_not<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    Option::<IgnoredAny>::deserialize(d).map(|params| Some(params.is_none()))
}

/// The method of a long, plain request or notification (a draft's `didOpen`, a
/// whole-text `didChange`) and whether it is a request, read from its envelope:
/// parsing it into a `Value` here, before tower-lsp parses it again, copied the
/// draft twice more. Anything else (a response, `params: null`, a lifecycle
/// message, escaped characters that `classify` may have to refuse) takes the
/// full path.
fn routed_by_envelope(body: &[u8]) -> Option<(String, bool)> {
    // Escapes are left to the full parse, which refuses a lone surrogate (tower-lsp
    // would end the session on it); the rest of the body must be UTF-8 as it stands.
    if memchr::memmem::find(body, b"\\u").is_some() || std::str::from_utf8(body).is_err() {
        return None;
    }
    let envelope: Envelope = serde_json::from_slice(body).ok()?;
    let method = envelope.method?;
    let plain = envelope.jsonrpc.as_deref() == Some("2.0")
        && envelope
            .id
            .as_ref()
            .is_none_or(|id| id.is_i64() || id.is_string() || id.is_null())
        && envelope.params != Some(true)
        && !matches!(&*method, "initialize" | "shutdown" | "exit");
    plain.then(|| (method.into_owned(), envelope.id.is_some()))
}

/// Whether tower-lsp will accept the message (it drops the whole stream otherwise).
/// Its own test is "a `Response`, or else a `Request`"; the request shape is checked
/// by hand so that large `didOpen`/`didChange` bodies are not deserialised twice more.
fn is_json_rpc(value: &Value) -> bool {
    let Some(message) = value.as_object() else {
        return false;
    };
    let valid_id = |id: &Value| id.is_i64() || id.is_string() || id.is_null();
    let request_shaped = message.get("jsonrpc") == Some(&json!("2.0"))
        && message.get("method").is_none_or(Value::is_string)
        && message.get("id").is_none_or(valid_id);
    request_shaped
        || serde_json::from_value::<Response>(value.clone()).is_ok()
        || serde_json::from_value::<Request>(value.clone()).is_ok()
}

fn error_reply(id: Value, code: i64, message: &str) -> Value {
    json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}})
}

fn preview(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(120) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

/// A way for the server to write a message of its own through the one writer,
/// bypassing tower-lsp: the diagnostics publisher serialises `publishDiagnostics`
/// straight to bytes, where tower-lsp's client would first build a
/// `serde_json::Value` tree of it.
#[derive(Clone)]
pub struct FrameWriter(Arc<OutputQueue>);

impl FrameWriter {
    /// Queue the `publishDiagnostics` of `document` (a JSON-RPC body) as a whole
    /// frame, in place of one still queued for it: a client that reads slowly gets
    /// the newest, not every one. False once the writer is gone.
    pub fn publish(&self, document: &str, body: &[u8]) -> bool {
        self.publish_frame(document, Frame::Owned(encode(body)))
    }

    /// `publish`, for a message already framed.
    pub fn publish_frame(&self, document: &str, frame: Frame) -> bool {
        self.0.push_publish(document, frame)
    }
}

/// Re-frame tower-lsp's output so it can share the writer with this layer's replies.
async fn relay_server_output(mut from_server: DuplexStream, queue: Arc<OutputQueue>) {
    let mut decoder = FrameDecoder::default();
    let mut buffer = vec![0u8; PIPE_CAPACITY];
    loop {
        match from_server.read(&mut buffer).await {
            Ok(0) | Err(_) => return,
            Ok(n) => decoder.push(&buffer[..n]),
        }
        while let Some(item) = decoder.next_item() {
            if let Decoded::Frame(body) = item {
                protocol_log::outgoing(&body);
                // Waits while the queue is full: tower-lsp, and then the input, wait
                // too. Once the queue is closed the frame is dropped, but reading goes
                // on until tower-lsp is stopped (it panics if its output closes first).
                queue.push(Frame::Owned(encode(&body))).await;
            }
        }
    }
}

/// The one writer of the output stream: whole frames, flushed one by one.
async fn write_frames<O: AsyncWrite + Unpin>(queue: Arc<OutputQueue>, mut output: O) {
    while let Some(frame) = queue.pop().await {
        let written = output.write_all(&frame).await.and(output.flush().await);
        if let Err(e) = written {
            return writing_failed(&queue, e);
        }
    }
    let _ = output.shutdown().await;
}

/// `write_frames` on a thread: each frame in one blocking write.
fn write_frames_blocking(queue: &OutputQueue, mut output: std::fs::File) {
    use std::io::Write;
    while let Some(frame) = queue.pop_blocking() {
        if let Err(e) = output.write_all(&frame) {
            return writing_failed(queue, e);
        }
    }
}

/// The client closed its end of the output (or it broke): whatever waits to be
/// written never will be, and the session ends.
fn writing_failed(queue: &OutputQueue, error: std::io::Error) {
    queue.abandon();
    super::log(&format!(
        "writing output failed: {error}; ending the session"
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_lifecycle_messages() {
        let exit = br#"{"jsonrpc":"2.0","method":"exit"}"#;
        assert!(matches!(classify(exit.to_vec()), Incoming::Exit));
        let shutdown = br#"{"jsonrpc":"2.0","id":3,"method":"shutdown"}"#;
        assert!(matches!(
            classify(shutdown.to_vec()),
            Incoming::Shutdown { .. }
        ));
        let response = br#"{"jsonrpc":"2.0","id":3,"result":null}"#;
        let Incoming::Other { body, .. } = classify(response.to_vec()) else {
            panic!("a response is forwarded")
        };
        assert_eq!(body, response, "forwarded unchanged");
    }

    #[test]
    fn null_params_are_dropped_before_tower_lsp_sees_them() {
        let shutdown = br#"{"jsonrpc":"2.0","id":3,"method":"shutdown","params":null}"#;
        let Incoming::Shutdown { body } = classify(shutdown.to_vec()) else {
            panic!("shutdown not recognised")
        };
        let forwarded: Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(
            forwarded,
            json!({"jsonrpc":"2.0","id":3,"method":"shutdown"})
        );
    }

    #[test]
    fn long_messages_are_routed_by_their_envelope_as_the_full_parse_would() {
        let draft = "A long draft. ".repeat(6_000);
        let change = |extra: &str| {
            format!(
                r#"{{"jsonrpc":"2.0","method":"textDocument/didChange","params":{{"textDocument":{{"uri":"file:///a.md","version":2}},"contentChanges":[{{"text":"{draft}"}}]}}{extra}}}"#
            )
        };
        let routed = |body: &str| routed_by_envelope(body.as_bytes());
        assert_eq!(
            routed(&change("")),
            Some(("textDocument/didChange".into(), false))
        );
        assert_eq!(
            routed(&change(r#","id":7"#)),
            Some(("textDocument/didChange".into(), true))
        );
        assert_eq!(
            routed(&change(r#","id":null"#)),
            Some(("textDocument/didChange".into(), true))
        );
        // Left to the full parse: what it may refuse, change or answer.
        let full = [
            change(r#","id":[1]"#),
            change(r#","id":7,"id":8"#),
            change("").replace("\"2.0\"", "\"1.0\""),
            change("").replace("A long", "\\ud800 long"),
            change("").replace(r#""params":{"#, r#""params":null,"x":{"#),
            change("").replace("textDocument/didChange", "shutdown"),
            format!(r#"{{"jsonrpc":"2.0","id":1,"result":"{draft}"}}"#),
            change("") + "trailing",
        ];
        for body in &full {
            assert_eq!(routed(body), None, "{}", &body[..80]);
        }
        // And what it routes, the full parse routes alike.
        for body in [change(""), change(r#","id":7"#)] {
            let Incoming::Other {
                method, is_request, ..
            } = classify_parsed(body.clone().into_bytes())
            else {
                panic!("routed as something else");
            };
            let envelope = routed(&body).unwrap();
            assert_eq!((method.unwrap(), is_request), envelope);
        }
    }

    #[test]
    fn answers_broken_requests_and_drops_broken_notifications() {
        let Incoming::Invalid { reply, .. } = classify(b"{not json".to_vec()) else {
            panic!("accepted invalid JSON")
        };
        assert_eq!(reply.unwrap()["error"]["code"], -32700);
        let Incoming::Invalid { reply, .. } =
            classify(br#"{"jsonrpc":"1.0","id":4,"method":"x"}"#.to_vec())
        else {
            panic!("accepted a wrong jsonrpc version")
        };
        let reply = reply.unwrap();
        assert_eq!(reply["error"]["code"], -32600);
        assert_eq!(reply["id"], 4);
        let Incoming::Invalid { reply, .. } =
            classify(br#"{"jsonrpc":"1.0","method":"x"}"#.to_vec())
        else {
            panic!("accepted a wrong jsonrpc version")
        };
        assert!(reply.is_none());
    }

    #[test]
    fn the_shape_check_agrees_with_tower_lsp() {
        let samples = [
            json!({"jsonrpc": "2.0", "method": "x"}),
            json!({"jsonrpc": "2.0", "method": "x", "id": 1, "params": {"a": 1}}),
            json!({"jsonrpc": "2.0", "method": "x", "id": "a", "params": null}),
            json!({"jsonrpc": "2.0", "method": "x", "id": null}),
            json!({"jsonrpc": "2.0", "method": "x", "id": 1.5}),
            json!({"jsonrpc": "2.0", "method": "x", "id": u64::MAX}),
            json!({"jsonrpc": "2.0", "method": 3}),
            json!({"jsonrpc": "2.0"}),
            json!({"jsonrpc": "1.0", "method": "x"}),
            json!({"method": "x"}),
            json!({"jsonrpc": "2.0", "id": 1, "result": null}),
            json!({"jsonrpc": "2.0", "id": 1, "error": {"code": 1, "message": "m"}}),
            json!({"jsonrpc": "2.0", "id": 1, "error": "nope"}),
            json!({"jsonrpc": "2.0", "id": [1], "result": 1}),
            json!([1, 2]),
            json!("text"),
        ];
        for sample in samples {
            let tower_lsp_accepts = serde_json::from_value::<Response>(sample.clone()).is_ok()
                || serde_json::from_value::<Request>(sample.clone()).is_ok();
            assert_eq!(is_json_rpc(&sample), tower_lsp_accepts, "{sample}");
        }
    }

    #[test]
    fn exit_codes_follow_the_spec() {
        let after_shutdown = SessionEnd {
            reason: EndReason::Exit,
            shutdown_requested: true,
        };
        let without = SessionEnd {
            reason: EndReason::Exit,
            shutdown_requested: false,
        };
        assert_eq!(after_shutdown.exit_code(), 0);
        assert_eq!(without.exit_code(), 1);
    }
}
