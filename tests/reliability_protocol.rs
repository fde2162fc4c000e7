//! Protocol abuse against the real binary over stdio: every mistake is answered with
//! an error or ignored, leaves a line in the server log (stderr), and the session
//! keeps serving. Complements `lsp_stdio.rs` (clean exits) and `lsp_protocol.rs`
//! (the in-memory session).

mod common;
mod logged;

use common::*;
use logged::{LoggedServer, PROMPTLY};
use serde_json::{json, Value};
use std::time::Instant;

const URI: &str = "file:///drafts/abuse.md";
const TEXT: &str =
    "😀 和平 The thug shelled the town.\r\n\r\nResidents describe a brutal night.\r\n";

fn started() -> (Client, LoggedServer) {
    let (mut client, server) = LoggedServer::start(&[]);
    client.initialize(capabilities(&["utf-16"]), None);
    (client, server)
}

/// The session still answers requests and publishes diagnostics.
fn assert_still_serving(client: &mut Client, uri: &str) {
    client.open(uri, "markdown", 1, TEXT);
    let diagnostics = client.diagnostics(uri, 1);
    assert!(
        diagnostics.iter().any(|d| d["code"] == "loaded-language"),
        "{diagnostics:#?}"
    );
    let hover = client.hover(uri, 0, 11);
    assert!(hover["contents"]["value"].as_str().is_some(), "{hover}");
}

fn frame(body: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

fn hover_request(id: i64) -> String {
    json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/hover",
           "params": {"textDocument": {"uri": URI}, "position": {"line": 0, "character": 0}}})
    .to_string()
}

#[test]
fn malformed_json_gets_a_parse_error() {
    let (mut client, server) = started();
    client.send_raw(&frame("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": "));
    let reply = client.wait_for("a parse error", |m| m["error"].is_object());
    assert_eq!(reply["error"]["code"], -32700);
    assert_eq!(reply["id"], Value::Null);
    server.wait_log(&["dropped a message", "not JSON"]);
    assert_still_serving(&mut client, URI);
}

#[test]
fn a_content_length_too_short_costs_that_message_only() {
    let (mut client, server) = started();
    let body = hover_request(50);
    // The server reads 12 bytes as the body (not JSON), then skips the rest.
    let mut bytes = format!("Content-Length: 12\r\n\r\n{body}").into_bytes();
    bytes.extend(frame(&hover_request(51)));
    client.send_raw(&bytes);
    let reply = client.wait_for("the next request's reply", |m| m["id"] == 51);
    assert_eq!(reply["result"], Value::Null, "{reply}");
    let parse_error = client.wait_for("a parse error", |m| m["error"]["code"] == -32700);
    assert_eq!(parse_error["id"], Value::Null);
    server.wait_log(&["malformed input", "bytes outside any frame"]);
    assert!(
        client
            .try_wait_for(std::time::Duration::from_millis(200), |m| m["id"] == 50)
            .is_none(),
        "the truncated request cannot be answered"
    );
    assert_still_serving(&mut client, URI);
}

#[test]
fn a_content_length_too_long_swallows_the_next_bytes_then_resynchronises() {
    let (mut client, server) = started();
    let body = hover_request(60);
    // 20 bytes too many: the server waits for them, takes them from the next frame,
    // and the merged body is not JSON.
    client.send_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len() + 20).as_bytes());
    client.send_raw(&frame(&hover_request(61)));
    client.wait_for("a parse error", |m| m["error"]["code"] == -32700);
    server.wait_log(&["dropped a message", "not JSON"]);
    // The request whose header was swallowed is lost; the stream then recovers.
    client.send_raw(&frame(&hover_request(62)));
    let reply = client.wait_for("a later request's reply", |m| m["id"] == 62);
    assert_eq!(reply["result"], Value::Null, "{reply}");
    assert_still_serving(&mut client, URI);
}

#[test]
fn a_non_numeric_or_missing_content_length_is_skipped() {
    let (mut client, server) = started();
    // Each broken frame leaves its body behind as stray bytes, which the server
    // drops up to the next `Content-Length`; a good request after each resynchronises.
    let broken = [
        (
            "Content-Length: seventy",
            "invalid Content-Length \"seventy\"",
        ),
        (
            "Content-Type: application/json",
            "header block without Content-Length",
        ),
        ("Content-Length: -5", "invalid Content-Length \"-5\""),
        (
            "Content-Length: 99999999999999999999999",
            "invalid Content-Length",
        ),
        ("Content-Length: 100000000000", "is too large"),
    ];
    for (i, (header, logged)) in broken.iter().enumerate() {
        let id = 70 + 2 * i as i64;
        let body = hover_request(id);
        client.send_raw(format!("{header}\r\n\r\n{body}").as_bytes());
        server.wait_log(&["malformed input", logged]);
        client.send_raw(&frame(&hover_request(id + 1)));
        let reply = client.wait_for("a well-framed request's reply", |m| m["id"] == id + 1);
        assert_eq!(reply["result"], Value::Null, "{reply}");
        assert!(
            client
                .try_wait_for(std::time::Duration::from_millis(50), |m| m["id"] == id)
                .is_none(),
            "a badly framed request ({header}) is not answered"
        );
    }
    assert_still_serving(&mut client, URI);
}

#[test]
fn unknown_methods_get_method_not_found_and_unknown_notifications_are_ignored() {
    let (mut client, server) = started();
    let reply = client.request("truthlens/doesNotExist", json!({}));
    assert_eq!(reply["error"]["code"], -32601, "{reply}");
    server.wait_log(&["answered request", "-32601"]);

    client.notify("truthlens/alsoUnknown", json!({"x": 1}));
    server.wait_log(&["unknown notification truthlens/alsoUnknown", "ignored"]);
    // `$/` notifications may be ignored silently (the specification says so), and
    // the server's own cursor notification is known (editors send it on every move).
    client.notify("$/somethingOptional", json!({}));
    client.notify(
        "truthlens/cursor",
        json!({"uri": URI, "position": {"line": 0, "character": 0}}),
    );
    assert_still_serving(&mut client, URI);
    assert!(
        !server
            .log()
            .iter()
            .any(|l| l.contains("$/somethingOptional") || l.contains("truthlens/cursor")),
        "{:?}",
        server.log()
    );
}

#[test]
fn requests_before_initialize_are_refused_and_notifications_ignored() {
    let (mut client, server) = LoggedServer::start(&[]);
    let reply = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(reply["error"]["code"], -32002, "{reply}");
    server.wait_log(&["textDocument/hover before initialize"]);
    server.wait_log(&["answered request", "-32002"]);

    client.open(URI, "markdown", 1, TEXT);
    server.wait_log(&["textDocument/didOpen before initialize", "ignored"]);

    client.initialize(capabilities(&["utf-16"]), None);
    // The early didOpen was dropped: the document is not open.
    let hover = client.hover(URI, 0, 11);
    assert_eq!(hover, Value::Null);
    assert_still_serving(&mut client, "file:///drafts/after-initialize.md");
}

#[test]
fn a_change_to_a_document_that_is_not_open_is_ignored() {
    let (mut client, server) = started();
    client.change(
        "file:///drafts/never-opened.md",
        2,
        &[((0, 0), (0, 0), "x")],
    );
    server.wait_log(&[
        "didChange for file:///drafts/never-opened.md",
        "not open; ignored",
    ]);
    assert!(client
        .try_wait_for(std::time::Duration::from_millis(300), |m| {
            is_diagnostics_for(m, "file:///drafts/never-opened.md")
        })
        .is_none());
    assert_still_serving(&mut client, URI);
}

#[test]
fn a_version_going_backwards_is_logged_and_the_edit_still_applies() {
    let (mut client, server) = started();
    client.open(URI, "markdown", 5, TEXT);
    client.diagnostics(URI, 5);
    // Replace "thug" (UTF-16 columns 10..14, after the emoji's surrogate pair).
    client.change(URI, 3, &[((0, 10), (0, 14), "man")]);
    server.wait_log(&["didChange for", "version 3 does not follow 5"]);
    let diagnostics = client.diagnostics(URI, 3);
    let text = TEXT.replacen("thug", "man", 1);
    assert!(
        diagnostics_at(&diagnostics, &text, span_of(&text, "man", 0), Enc::Utf16).is_empty(),
        "the edit was applied: {diagnostics:#?}"
    );
    assert!(diagnostics.iter().any(|d| d["range"]["start"]["line"] == 2));
}

#[test]
fn an_out_of_range_change_is_clamped_and_logged() {
    let (mut client, server) = started();
    client.open(URI, "markdown", 1, TEXT);
    client.diagnostics(URI, 1);
    // Line 40 does not exist: the insertion lands at the end of the text.
    client.change(URI, 2, &[((40, 3), (41, 0), "The thug left.")]);
    server.wait_log(&["didChange for", "outside the text; clamped"]);
    let text = format!("{TEXT}The thug left.");
    let diagnostics = client.diagnostics(URI, 2);
    let span = span_of(&text, "thug", 1);
    assert_eq!(
        diagnostics_at(&diagnostics, &text, span, Enc::Utf16).len(),
        1,
        "{diagnostics:#?}"
    );
    // A column inside the emoji's surrogate pair rounds down to the emoji's start.
    client.change(URI, 3, &[((0, 1), (0, 1), "!")]);
    server.wait_log(&["didChange for", "1 change(s) had a range outside the text"]);
    let diagnostics = client.diagnostics(URI, 3);
    let text = format!("!{text}");
    let span = span_of(&text, "thug", 0);
    assert_eq!(
        diagnostics_at(&diagnostics, &text, span, Enc::Utf16).len(),
        1,
        "{diagnostics:#?}"
    );
}

#[test]
fn a_code_action_for_a_stale_version_is_answered_for_the_current_text() {
    let (mut client, _server) = LoggedServer::start(&[]);
    let mut caps = capabilities(&["utf-16"]);
    caps["workspace"]["workspaceEdit"] = json!({"documentChanges": true});
    client.initialize(caps, None);
    client.open(URI, "markdown", 1, TEXT);
    let old = client.diagnostics(URI, 1);
    let thug = old
        .iter()
        .find(|d| d["code"] == "loaded-language" && d["range"]["start"]["line"] == 0)
        .unwrap()
        .clone();
    // The editor moves on: a new first line shifts everything down.
    client.change(URI, 2, &[((0, 0), (0, 0), "Breaking.\r\n")]);
    let text = format!("Breaking.\r\n{TEXT}");
    client.diagnostics(URI, 2);
    // ...but asks about the old diagnostic, at its old range.
    let actions = client.call(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": thug["range"],
               "context": {"diagnostics": [thug], "only": ["quickfix"]}}),
    );
    // Line 0 of version 2 is "Breaking.": no finding there, so no quick fix.
    assert_eq!(actions, json!([]), "{actions:#}");
    // At the current position of "thug", the fix is pinned to version 2 and exact.
    let span = span_of(&text, "thug", 0);
    let actions = client.call(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": range_of(&text, span.0, span.1, Enc::Utf16),
               "context": {"diagnostics": [], "only": ["quickfix"]}}),
    );
    let edit = &actions[0]["edit"]["documentChanges"][0];
    assert_eq!(edit["textDocument"]["version"], 2, "{actions:#}");
    let fixed = apply_text_edits(&text, edit["edits"].as_array().unwrap(), Enc::Utf16);
    assert!(fixed.starts_with("Breaking.\r\n😀 和平 The "), "{fixed}");
    assert!(!fixed.contains("thug"), "{fixed}");
}

#[test]
fn exit_without_shutdown_during_a_long_analysis_exits_with_1_promptly() {
    let (mut client, mut server) = started();
    client.open(URI, "markdown", 1, &long_draft());
    client.notify("exit", Value::Null);
    let sent = Instant::now();
    let status = server
        .wait_exit(PROMPTLY)
        .expect("the server exits promptly");
    assert!(sent.elapsed() < PROMPTLY);
    assert_eq!(status.code(), Some(1));
}

#[test]
fn closing_stdin_mid_frame_ends_the_server_promptly() {
    let (mut client, mut server) = started();
    client.open(URI, "markdown", 1, &long_draft());
    let request = hover_request(90);
    // Half a frame, then the client goes away.
    client.send_raw(
        format!(
            "Content-Length: {}\r\n\r\n{}",
            request.len(),
            &request[..10]
        )
        .as_bytes(),
    );
    client.close_input();
    let status = server
        .wait_exit(PROMPTLY)
        .expect("the server exits promptly");
    assert_eq!(status.code(), Some(1), "no shutdown was requested");
}

#[test]
fn shutdown_then_exit_while_busy_exits_with_0() {
    let (mut client, mut server) = started();
    client.open(URI, "markdown", 1, &long_draft());
    client.shutdown_and_exit();
    let status = server
        .wait_exit(PROMPTLY)
        .expect("the server exits promptly");
    assert_eq!(status.code(), Some(0));
}

/// A draft that takes the analyser a while (hundreds of paragraphs).
fn long_draft() -> String {
    "The regime slammed critics, experts say. \"It was brutal,\" one official said.\n\n"
        .repeat(2000)
}

/// Found by the hostile probe: three `workspace/applyEdit` requests the client never
/// answered, or three `workspace/configuration` requests after `didChangeConfiguration
/// {settings: null}`, stopped hover, code actions and diagnostics, with no timeout.
#[test]
fn unanswered_server_requests_do_not_hold_the_server() {
    let (mut client, server) = started();
    client.open(URI, "markdown", 1, TEXT);
    client.diagnostics(URI, 1);
    for _ in 0..4 {
        client.send_request(
            "workspace/executeCommand",
            json!({"command": "truthlens.insertReport", "arguments": [URI]}),
        );
        client.hold_server_request("workspace/applyEdit");
    }
    for _ in 0..4 {
        client.notify(
            "workspace/didChangeConfiguration",
            json!({"settings": null}),
        );
        client.hold_server_request("workspace/configuration");
    }
    let other = "file:///drafts/other.md";
    assert_still_serving(&mut client, other);
    client.replace_all(other, 2, "The regime slammed critics.\n");
    let diagnostics = client.diagnostics(other, 2);
    assert!(!diagnostics.is_empty(), "an edit is still reviewed");
    let actions = client.code_actions(
        other,
        json!({"start": {"line": 0, "character": 5}, "end": {"line": 0, "character": 5}}),
    );
    assert!(!actions.is_empty(), "code actions are still answered");
    drop(server);
}

/// Found by the hostile probe: three `truthlens.addToAllowlist` commands whose
/// `workspace/applyEdit` the client never answered stopped hover, code actions and
/// diagnostics for good. Each request is now given up after a few seconds, and
/// the server answers everything else meanwhile, from the first unanswered one on.
#[test]
fn unanswered_allowlist_edits_and_configuration_requests_time_out() {
    let tmp = temp_folder("unanswered");
    let draft = tmp.path().join("story.md");
    let uri = file_uri(&draft);
    let (mut client, server) = LoggedServer::start_in(tmp.path(), &[]);
    let mut caps = capabilities(&["utf-16"]);
    caps["workspace"]["workspaceEdit"] =
        json!({"documentChanges": true, "resourceOperations": ["create"]});
    client.initialize_in(caps, None, tmp.path());
    client.open(&uri, "markdown", 1, TEXT);
    client.diagnostics(&uri, 1);
    let mut held = Vec::new();
    for (i, term) in ["thug", "brutal", "shelled"].iter().enumerate() {
        let command = client.send_request(
            "workspace/executeCommand",
            json!({"command": "truthlens.addToAllowlist", "arguments": [{"uri": uri, "term": term}]}),
        );
        held.push(client.hold_server_request("workspace/applyEdit"));
        client.wait_for("the command's reply", |m| m["id"] == command);
        serves_while_requests_wait(&mut client, &uri, 2 + i as i64);
    }
    for i in 0..3 {
        client.notify(
            "workspace/didChangeConfiguration",
            json!({"settings": null}),
        );
        held.push(client.hold_server_request("workspace/configuration"));
        serves_while_requests_wait(&mut client, &uri, 5 + i);
    }
    server.wait_log(&["no answer to workspace/applyEdit within 5 s"]);
    server.wait_log(&["no answer to workspace/configuration within 5 s"]);
    // Answers that come after the server gave up are ignored.
    for request in &held {
        let result = match request["method"].as_str() {
            Some("workspace/applyEdit") => json!({"applied": false}),
            _ => json!([null]),
        };
        client.answer(request, result);
    }
    serves_while_requests_wait(&mut client, &uri, 8);
}

/// Found while fixing the above: an answer to a server request nobody waits for any
/// more (the command that sent it was cancelled, or the wait timed out) made
/// tower-lsp panic, which ended the session.
#[test]
fn an_answer_for_a_cancelled_command_does_not_end_the_session() {
    let (mut client, mut server) = started();
    client.open(URI, "markdown", 1, TEXT);
    client.diagnostics(URI, 1);
    let command = client.send_request(
        "workspace/executeCommand",
        json!({"command": "truthlens.insertReport", "arguments": [URI]}),
    );
    let edit = client.hold_server_request("workspace/applyEdit");
    client.notify("$/cancelRequest", json!({"id": command}));
    client.wait_for("the command's reply", |m| m["id"] == command);
    client.answer(&edit, json!({"applied": true}));
    serves_while_requests_wait(&mut client, URI, 2);
    assert!(server.wait_exit(std::time::Duration::ZERO).is_none());
}

/// Hover, code actions and a new version's diagnostics are all answered.
fn serves_while_requests_wait(client: &mut Client, uri: &str, version: i64) {
    let hover = client.hover(uri, 0, 11);
    assert!(hover["contents"]["value"].as_str().is_some(), "{hover}");
    let at_thug =
        json!({"start": {"line": 0, "character": 11}, "end": {"line": 0, "character": 11}});
    assert!(!client.code_actions(uri, at_thug).is_empty());
    client.change(uri, version, &[((2, 0), (2, 0), "x")]);
    client.diagnostics(uri, version);
}

/// Found by the hostile probe: one 70 MB frame (a header block that never ends, or
/// a `Content-Length` past the limit) wrote 1,122 log lines, one per read. It is
/// said when the skipping starts and when it ends.
#[test]
fn a_huge_broken_frame_is_logged_twice_not_per_read() {
    let garbage = vec![b'x'; 70 << 20];
    let shapes: [&[u8]; 2] = [
        b"Content-Length: 12\r\nX-Endless: ",
        b"Content-Length: 73400320\r\n\r\n",
    ];
    for head in shapes {
        let (mut client, server) = started();
        client.send_raw(head);
        for piece in garbage.chunks(64 << 10) {
            client.send_raw(piece);
        }
        client.send_raw(b"\r\n\r\n");
        client.send_raw(&frame(&hover_request(7)));
        client.wait_for("the next request's reply", |m| m["id"] == 7);
        let lines = server.log();
        let reports: Vec<_> = lines
            .iter()
            .filter(|l| l.contains("malformed input"))
            .collect();
        assert!(
            (1..=2).contains(&reports.len()),
            "{} lines about one broken frame, starting {:?}",
            reports.len(),
            &reports[..reports.len().min(3)]
        );
    }
}

/// Found by the hostile probe: with a client that stopped reading, every publish was
/// queued (memory rose from 15 MB to 235 MB in 90 s on a 200 KB draft), and 1,787
/// stale ones arrived when it read again. Only the newest publish per document waits.
#[test]
fn a_client_that_stops_reading_gets_only_the_newest_publish() {
    let mut server = RawServer::start();
    // Each publish of this draft is far larger than a pipe's buffer.
    let draft = "The thug shelled the town.\n".repeat(2_000);
    server.send(&open_message(&draft));
    // The client reads nothing while the draft is edited 60 times, slowly enough for
    // each version to be reviewed and published.
    let edits = 60;
    for version in 2..=edits + 1 {
        let text = format!("{draft}The regime slammed critics {version} times.\n");
        server.send(
            &json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": URI, "version": version},
            "contentChanges": [{"text": text}]}}),
        );
        std::thread::sleep(std::time::Duration::from_millis(40));
    }
    // Reading again: the publishes that waited, up to the newest version's.
    let mut versions = Vec::new();
    while versions.last() != Some(&(edits + 1)) {
        let message = server.read().expect("the server's output");
        if message["method"] == "textDocument/publishDiagnostics" {
            versions.push(message["params"]["version"].as_i64().unwrap_or(0));
        }
    }
    server.send(&json!({"jsonrpc": "2.0", "method": "exit"}));
    assert!(
        versions.len() <= 5,
        "{} publishes waited for a client that was not reading: {versions:?}",
        versions.len()
    );
}

/// Past the output queue's bound the server stops reading its input, so a client
/// that sends and never reads gets stuck writing instead of the server's memory
/// growing; when it reads again, every request has its reply: none was dropped.
#[test]
fn a_client_that_stops_reading_stalls_and_then_gets_every_reply() {
    let mut server = RawServer::start();
    server.send(&open_message(TEXT));
    // About 14,000 fill the pipes and the queue.
    let requests = 60_000;
    let flood = Flood::start(server.input.take().unwrap(), requests);
    let sent = flood.until_stalled();
    assert!(
        sent < requests,
        "the server read all {requests} requests from a client that read nothing"
    );
    let mut answered = std::collections::HashSet::new();
    while answered.len() < requests {
        let message = server.read().expect("the server's output");
        if let (Some(id), None) = (message["id"].as_i64(), message.get("method")) {
            assert!(message["result"]["contents"].is_object(), "{message}");
            assert!(answered.insert(id), "request {id} answered twice");
        }
    }
    server.input = Some(flood.finish());
    server.send(&json!({"jsonrpc": "2.0", "method": "exit"}));
}

/// Found while fixing the above: a client that went away while the server waited for
/// it to read (the queue full) left the server waiting for ever, a process that never
/// ended. Its output closing now ends the session.
#[test]
fn a_client_that_goes_away_while_the_server_waits_for_it_ends_the_session() {
    let mut server = RawServer::start();
    server.send(&open_message(TEXT));
    let flood = Flood::start(server.input.take().unwrap(), 60_000);
    flood.until_stalled();
    // The editor is gone: its end of the server's output closes.
    server.output = None;
    let status = server
        .wait_exit(PROMPTLY)
        .expect("the server ends when its output closes");
    assert_eq!(status.code(), Some(1), "no shutdown was requested");
}

fn open_message(text: &str) -> Value {
    json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument":
        {"uri": URI, "languageId": "markdown", "version": 1, "text": text}}})
}

/// The real binary, initialized, with a client that reads only when a test says so.
struct RawServer {
    child: std::process::Child,
    input: Option<std::process::ChildStdin>,
    output: Option<std::io::BufReader<std::process::ChildStdout>>,
}

impl RawServer {
    fn start() -> RawServer {
        use std::process::{Command, Stdio};
        let mut child = Command::new(env!("CARGO_BIN_EXE_truthlens"))
            .args(["lsp", "--stdio"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the server");
        let mut server = RawServer {
            input: child.stdin.take(),
            output: child.stdout.take().map(std::io::BufReader::new),
            child,
        };
        server.send(&json!({"jsonrpc": "2.0", "id": 0, "method": "initialize",
            "params": {"processId": null, "rootUri": null, "capabilities": capabilities(&["utf-16"])}}));
        while server.read().expect("initialize reply")["id"] != 0 {}
        server.send(&json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
        server
    }

    fn send(&mut self, message: &Value) {
        use std::io::Write;
        let input = self.input.as_mut().expect("input open");
        input.write_all(&frame(&message.to_string())).unwrap();
        input.flush().unwrap();
    }

    fn read(&mut self) -> Option<Value> {
        read_frame(self.output.as_mut()?)
    }

    fn wait_exit(&mut self, timeout: std::time::Duration) -> Option<std::process::ExitStatus> {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                return Some(status);
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        None
    }
}

impl Drop for RawServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Hover requests (ids 1 to `count`, on a loaded word) written from a thread of
/// their own, which blocks once the server stops reading.
struct Flood {
    sent: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    thread: std::thread::JoinHandle<std::process::ChildStdin>,
}

impl Flood {
    fn start(mut input: std::process::ChildStdin, count: usize) -> Flood {
        use std::io::Write;
        let sent = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let counter = sent.clone();
        let thread = std::thread::spawn(move || {
            for id in 1..=count {
                let request = json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/hover",
                    "params": {"textDocument": {"uri": URI}, "position": {"line": 0, "character": 11}}});
                if input.write_all(&frame(&request.to_string())).is_err() {
                    break;
                }
                counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            }
            let _ = input.flush();
            input
        });
        Flood { sent, thread }
    }

    /// How many requests were written once no more go through for two seconds (or
    /// all of them were).
    fn until_stalled(&self) -> usize {
        let sent = || self.sent.load(std::sync::atomic::Ordering::SeqCst);
        let mut last = (sent(), Instant::now());
        while !self.thread.is_finished() {
            std::thread::sleep(std::time::Duration::from_millis(100));
            if sent() != last.0 {
                last = (sent(), Instant::now());
            } else if last.1.elapsed() > std::time::Duration::from_secs(2) {
                break;
            }
        }
        sent()
    }

    fn finish(self) -> std::process::ChildStdin {
        self.thread.join().unwrap()
    }
}
