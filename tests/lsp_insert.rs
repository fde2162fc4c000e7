//! The insert actions over the protocol: offered anywhere, exact edits, and a rerun
//! that replaces its block instead of adding a second one.

mod common;

use common::*;
use serde_json::{json, Value};

const URI: &str = "file:///drafts/insert.md";

fn example(crlf: bool) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/ceasefire-draft.md");
    let text = std::fs::read_to_string(path).unwrap();
    if crlf {
        text.replace('\n', "\r\n")
    } else {
        text
    }
}

fn source_action(client: &mut Client, kind: &str, line: u32) -> Value {
    let actions = client.call(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": URI},
            "range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}},
            "context": {"diagnostics": [], "only": ["source"]}
        }),
    );
    actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["kind"] == kind)
        .unwrap_or_else(|| panic!("no {kind} action at line {line}: {actions:#}"))
        .clone()
}

/// Replace the whole document (a full-text change) with `text`.
fn replace_all(client: &mut Client, version: i64, text: &str) {
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": version}, "contentChanges": [{"text": text}]}),
    );
}

fn apply(action: &Value, text: &str) -> String {
    let edits = action["edit"]["changes"][URI]
        .as_array()
        .expect("a workspace edit for the document");
    apply_text_edits(text, edits, Enc::Utf16)
}

fn run_twice(kind: &str, crlf: bool) -> (String, String) {
    let (mut client, _server) = InMemoryServer::start();
    client.initialize(capabilities(&["utf-16"]), None);
    let original = example(crlf);
    client.open(URI, "markdown", 1, &original);
    client.diagnostics(URI, 1);
    // Offered anywhere: ask from the middle of the article.
    let once = apply(&source_action(&mut client, kind, 40), &original);
    replace_all(&mut client, 2, &once);
    client.diagnostics(URI, 2);
    let twice = apply(&source_action(&mut client, kind, 3), &once);
    (once, twice)
}

#[test]
fn insert_summary_goes_under_the_title_and_a_rerun_replaces_it() {
    for crlf in [false, true] {
        let eol = if crlf { "\r\n" } else { "\n" };
        let (once, twice) = run_twice("source.truthlens.insertSummary", crlf);
        let title = format!("# Ceasefire frays as shelling returns to Marrow Bridge{eol}");
        assert!(once.starts_with(&title), "{once}");
        let after_title = &once[title.len()..];
        assert!(
            after_title.starts_with(&format!("{eol}<!-- truthlens:summary -->{eol}> ")),
            "{after_title:.200}"
        );
        assert_eq!(once.matches("<!-- truthlens:summary -->").count(), 1);
        assert_eq!(once.matches("<!-- /truthlens:summary -->").count(), 1);
        assert_eq!(twice, once, "a rerun replaces the block with the same text");
        // Everything the writer wrote is still there, unchanged.
        let block_start = once.find("<!-- truthlens:summary -->").unwrap();
        let marker_end = once.find("<!-- /truthlens:summary -->").unwrap();
        let block_end = marker_end + "<!-- /truthlens:summary -->".len() + 2 * eol.len();
        let without = format!("{}{}", &once[..block_start], &once[block_end..]);
        assert_eq!(without, example(crlf));
        if crlf {
            assert!(
                !once.replace("\r\n", "").contains('\n'),
                "no bare LF in a CRLF document"
            );
        }
    }
}

#[test]
fn insert_report_goes_at_the_end_and_headline_under_the_title() {
    let (once, twice) = run_twice("source.truthlens.insertReport", false);
    assert!(
        once.trim_end().ends_with("<!-- /truthlens:report -->"),
        "{once}"
    );
    assert!(once.contains("**Level:"), "{once}");
    assert_eq!(twice, once);

    let (once, twice) = run_twice("source.truthlens.insertHeadline", false);
    assert!(
        once.starts_with("# Ceasefire frays as shelling returns to Marrow Bridge\n"),
        "title kept"
    );
    assert!(once.contains("Suggested headline:"), "{once:.400}");
    assert_eq!(twice, once);
}

#[test]
fn the_insert_command_applies_the_same_edit_through_apply_edit() {
    let (mut client, _server) = InMemoryServer::start();
    client.initialize(capabilities(&["utf-16"]), None);
    let original = example(false);
    client.open(URI, "markdown", 1, &original);
    client.diagnostics(URI, 1);
    let action = source_action(&mut client, "source.truthlens.insertSummary", 0);
    client.call(
        "workspace/executeCommand",
        json!({"command": "truthlens.insertSummary", "arguments": [URI]}),
    );
    let applied = client
        .applied_edits
        .last()
        .expect("the server asked the client to apply an edit");
    assert_eq!(applied["edit"], action["edit"]);
}

/// A client that resolves edits is offered the summary and report without theirs
/// (a whole report is not planned each time the cursor moves); resolving one gives
/// the edit an eager client gets with the action.
#[test]
fn a_resolving_client_gets_the_insert_edit_when_it_picks_the_action() {
    let text = example(false);
    let offered = |resolving: bool| {
        let (mut client, server) = InMemoryServer::start();
        let mut caps = capabilities(&["utf-16"]);
        if resolving {
            caps["textDocument"]["codeAction"] =
                json!({"resolveSupport": {"properties": ["edit"]}});
        }
        let init = client.initialize(caps, None);
        assert_eq!(
            init["capabilities"]["codeActionProvider"]["resolveProvider"],
            true
        );
        client.open(URI, "markdown", 1, &text);
        client.diagnostics(URI, 1);
        let report = source_action(&mut client, "source.truthlens.insertReport", 3);
        (client, server, report)
    };
    let (_eager, _server, eager) = offered(false);
    let (mut lazy_client, _lazy_server, lazy) = offered(true);
    assert!(eager["edit"].is_object(), "{eager:#}");
    assert!(lazy["edit"].is_null(), "offered with its edit: {lazy:#}");
    assert!(lazy["data"].is_object(), "{lazy:#}");
    let resolved = lazy_client.call("codeAction/resolve", lazy.clone());
    assert_eq!(resolved["title"], lazy["title"]);
    assert_eq!(resolved["edit"], eager["edit"]);
    assert_eq!(apply(&resolved, &text), apply(&eager, &text));
    // An action the server did not defer comes back as it went.
    let quick = json!({"title": "x", "kind": "quickfix"});
    assert_eq!(lazy_client.call("codeAction/resolve", quick.clone()), quick);
}
