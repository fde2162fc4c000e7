//! When diagnostics reach the client: on type or on save, pushed or pulled, and
//! held back while the cursor is still on the word being typed.

mod common;

use common::*;
use serde_json::{json, Value};
use std::time::Duration;

const URI: &str = "file:///drafts/modes.md";
const TEXT: &str = "The thug shelled the town.\n";

fn pull_capabilities() -> Value {
    let mut caps = capabilities(&["utf-16"]);
    caps["textDocument"]["diagnostic"] = json!({"dynamicRegistration": false});
    caps["workspace"]["diagnostics"] = json!({"refreshSupport": true});
    caps
}

fn pull(client: &mut Client, previous: Option<&str>) -> Value {
    let mut params = json!({"textDocument": {"uri": URI}});
    if let Some(id) = previous {
        params["previousResultId"] = json!(id);
    }
    client.call("textDocument/diagnostic", params)
}

fn words(report: &Value) -> Vec<String> {
    report["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["message"].as_str().unwrap().to_string())
        .collect()
}

/// No diagnostics pushed for a version after `after` (or without a version).
fn no_push(client: &mut Client, after: i64) {
    let pushed = client.try_wait_for(Duration::from_millis(400), |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["version"].as_i64().is_none_or(|v| v > after)
    });
    assert!(pushed.is_none(), "pushed: {pushed:?}");
}

#[test]
fn on_save_keeps_the_last_diagnostics_while_typing() {
    let (mut client, _server) = InMemoryServer::start();
    client.initialize(capabilities(&["utf-16"]), Some(json!({"run": "on-save"})));
    client.open(URI, "markdown", 1, TEXT);
    assert_eq!(
        client.diagnostics(URI, 1).len(),
        1,
        "opening reviews at once"
    );
    client.change(URI, 2, &[((0, 0), (0, 0), "Brutal. ")]);
    client.change(URI, 3, &[((0, 0), (0, 0), "Horrific. ")]);
    no_push(&mut client, 1);
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": URI}}),
    );
    assert_eq!(client.diagnostics(URI, 3).len(), 3);
}

#[test]
fn pull_clients_get_no_pushes_and_unchanged_reports() {
    let (mut client, _server) = InMemoryServer::start();
    let result = client.initialize(pull_capabilities(), None);
    let provider = &result["capabilities"]["diagnosticProvider"];
    assert_eq!(provider["identifier"], "truthlens");
    assert_eq!(provider["interFileDependencies"], false);
    assert_eq!(provider["workspaceDiagnostics"], false);

    client.open(URI, "markdown", 1, TEXT);
    let report = pull(&mut client, None);
    assert_eq!(report["kind"], "full");
    assert_eq!(words(&report).len(), 1, "{report:#}");
    let id = report["resultId"].as_str().unwrap().to_string();
    let again = pull(&mut client, Some(&id));
    assert_eq!(again, json!({"kind": "unchanged", "resultId": id}));

    client.change(URI, 2, &[((0, 0), (0, 0), "Brutal. ")]);
    let changed = pull(&mut client, Some(&id));
    assert_eq!(changed["kind"], "full");
    assert_eq!(words(&changed).len(), 2);
    no_push(&mut client, 0);

    // Closing: no push either (the client drops pulled diagnostics itself).
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": URI}}),
    );
    no_push(&mut client, 0);
    let closed = pull(&mut client, None);
    assert_eq!(closed["items"], json!([]));
}

#[test]
fn pull_under_on_save_answers_with_the_saved_review() {
    let (mut client, _server) = InMemoryServer::start();
    client.initialize(pull_capabilities(), Some(json!({"run": "onSave"})));
    client.open(URI, "markdown", 1, TEXT);
    let first = pull(&mut client, None);
    let id = first["resultId"].as_str().unwrap().to_string();
    client.change(URI, 2, &[((0, 0), (0, 0), "Brutal. ")]);
    assert_eq!(
        pull(&mut client, Some(&id))["kind"],
        "unchanged",
        "typing triggers nothing"
    );
    let refreshes = |c: &Client| {
        c.server_requests
            .iter()
            .filter(|r| r["method"] == "workspace/diagnostic/refresh")
            .count()
    };
    let before = refreshes(&client);
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": URI}}),
    );
    client.forget_backlog();
    assert!(
        refreshes(&client) > before,
        "the client is asked to pull again"
    );
    let saved = pull(&mut client, Some(&id));
    assert_eq!(words(&saved).len(), 2, "{saved:#}");
}

/// What Neovim 0.11 declares: pull diagnostics, but no `workspace.diagnostics`
/// (no `refreshSupport`, and no handler for `workspace/diagnostic/refresh`); it
/// pulls only after `didOpen` and `didChange`.
fn pull_without_refresh_capabilities() -> Value {
    let mut caps = capabilities(&["utf-8", "utf-16", "utf-32"]);
    caps["textDocument"]["diagnostic"] = json!({"dynamicRegistration": false});
    caps
}

#[test]
fn pull_clients_that_cannot_be_asked_to_pull_again_get_pushes() {
    let (mut client, _server) = InMemoryServer::start();
    let result = client.initialize(
        pull_without_refresh_capabilities(),
        Some(json!({"run": "onSave"})),
    );
    assert!(
        result["capabilities"].get("diagnosticProvider").is_none(),
        "pull advertised to a client that cannot be refreshed: {:#}",
        result["capabilities"]["diagnosticProvider"]
    );
    client.open(URI, "markdown", 1, TEXT);
    assert_eq!(
        client.diagnostics(URI, 1).len(),
        1,
        "opening reviews at once"
    );

    // Under on-save, typing changes nothing; `:w` must show the new finding
    // without waiting for another edit.
    client.change(URI, 2, &[((0, 0), (0, 0), "Brutal. ")]);
    no_push(&mut client, 1);
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": URI}}),
    );
    assert_eq!(client.diagnostics(URI, 2).len(), 2, "fresh after the save");

    // A live settings change (Neovim sends them in the notification) re-lints too.
    client
        .push_settings(json!({"run": "onSave", "rules": {"loaded-language": {"enabled": false}}}));
    client.diagnostics_where(URI, "loaded-language turned off", |ds| ds.is_empty());
    assert!(
        !client
            .server_requests
            .iter()
            .any(|r| r["method"] == "workspace/diagnostic/refresh"),
        "refresh sent to a client that did not declare refreshSupport"
    );
}

fn cursor(client: &mut Client, line: u32, character: u32) {
    client.notify(
        "truthlens/cursor",
        json!({"uri": URI, "position": {"line": line, "character": character}}),
    );
}

#[test]
fn a_finding_waits_while_its_word_is_being_typed() {
    let (mut client, _server) = InMemoryServer::start();
    client.initialize(capabilities(&["utf-16"]), None);
    let text = "Residents describe a night.\n";
    client.open(URI, "markdown", 1, text);
    assert!(client.diagnostics(URI, 1).is_empty());

    // Typing "brutal " one piece at a time after "a ": the cursor follows.
    client.change(URI, 2, &[((0, 21), (0, 21), "bruta")]);
    cursor(&mut client, 0, 26);
    client.diagnostics(URI, 2);
    client.change(URI, 3, &[((0, 26), (0, 26), "l")]);
    cursor(&mut client, 0, 27);
    let typing = client.diagnostics(URI, 3);
    assert!(typing.is_empty(), "held back while typing: {typing:#?}");

    // The cursor moves on: the finding appears.
    client.change(URI, 4, &[((0, 27), (0, 27), " ")]);
    cursor(&mut client, 0, 28);
    let done = client.diagnostics(URI, 4);
    assert_eq!(done.len(), 1, "{done:#?}");
    assert_eq!(
        done[0]["range"]["start"],
        json!({"line": 0, "character": 21})
    );

    // Back on an old finding: it is not new, so it stays.
    cursor(&mut client, 0, 24);
    client.change(URI, 5, &[((0, 0), (0, 0), "Now ")]);
    cursor(&mut client, 0, 4);
    assert_eq!(client.diagnostics(URI, 5).len(), 1);

    // Typed at the end of the line: held back, then released by a cursor move alone.
    let end = "Now Residents describe a brutal  night.".len() as u32;
    client.change(URI, 6, &[((0, end), (0, end), " Horrific")]);
    let held = client.diagnostics(URI, 6);
    assert_eq!(held.len(), 1, "only the old one: {held:#?}");
    cursor(&mut client, 0, 0);
    let released = client.diagnostics(URI, 6);
    assert_eq!(released.len(), 2, "{released:#?}");
}

#[test]
fn without_cursor_notifications_findings_publish_at_once() {
    let (mut client, _server) = InMemoryServer::start();
    client.initialize(capabilities(&["utf-16"]), None);
    client.open(URI, "markdown", 1, "A night.\n");
    client.diagnostics(URI, 1);
    client.change(URI, 2, &[((0, 2), (0, 2), "brutal ")]);
    assert_eq!(client.diagnostics(URI, 2).len(), 1);
}
