//! Who said what in the editor: inlay hints naming each statement's source, and
//! hover on a source mention, over an in-memory pipe.

mod common;

use common::*;
use serde_json::{json, Value};
use std::time::Duration;

const URI: &str = "file:///drafts/talks.md";
/// Emoji (a surrogate pair in UTF-16, 4 bytes in UTF-8), CJK (3 bytes, 1 unit) and
/// CRLF line ends before and around the statements.
const TEXT: &str = "😀 和平 \"We will not sign this deal,\" said Maria Repnikova, a professor at Georgia State.\r\n\r\n\
She added that talks would resume. \"It is a bad offer,\" she said.\r\n\r\n\
A ministry spokesperson said the port would reopen on Monday.\r\n";

/// The hints the engine's reading gives `TEXT`: (byte offset, label).
fn expected_hints() -> Vec<(usize, String)> {
    let after = |needle: &str| span_of(TEXT, needle, 0).1;
    let maria = "— Maria Repnikova".to_string();
    vec![
        (after("deal,\""), maria.clone()),
        (after("She added"), maria.clone()),
        (after("offer,\""), maria),
        (
            after("spokesperson said"),
            "— A ministry spokesperson".to_string(),
        ),
    ]
}

fn start_with(encodings: &[&str], options: Option<Value>) -> (Client, InMemoryServer, Enc) {
    let (mut client, server) = InMemoryServer::start();
    let mut caps = capabilities(encodings);
    caps["workspace"]["inlayHint"] = json!({"refreshSupport": true});
    let result = client.initialize(caps, options);
    assert_eq!(result["capabilities"]["inlayHintProvider"], true);
    let enc = match result["capabilities"]["positionEncoding"].as_str() {
        Some("utf-8") => Enc::Utf8,
        _ => Enc::Utf16,
    };
    client.open(URI, "markdown", 1, TEXT);
    client.diagnostics(URI, 1);
    (client, server, enc)
}

/// `textDocument/inlayHint` over lines `from..to` (to's start), as sent.
fn inlay_hints(client: &mut Client, range: Value) -> Value {
    client.call(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": URI}, "range": range}),
    )
}

fn whole_document() -> Value {
    json!({"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}})
}

/// The hints as (byte offset, label), read back with the test's own position code.
fn read_hints(hints: &Value, enc: Enc) -> Vec<(usize, String)> {
    hints
        .as_array()
        .unwrap_or_else(|| panic!("expected a list of hints, got {hints}"))
        .iter()
        .map(|h| {
            let p = &h["position"];
            let line = p["line"].as_u64().unwrap() as u32;
            let character = p["character"].as_u64().unwrap() as u32;
            let label = h["label"].as_str().unwrap().to_string();
            (offset_of(TEXT, line, character, enc), label)
        })
        .collect()
}

#[test]
fn each_statement_names_its_source_at_exact_positions_in_either_encoding() {
    for encodings in [&["utf-16"][..], &["utf-8", "utf-16"][..]] {
        let (mut client, _server, enc) = start_with(encodings, None);
        let hints = inlay_hints(&mut client, whole_document());
        assert_eq!(read_hints(&hints, enc), expected_hints(), "{encodings:?}");
        let first = &hints[0];
        // After the emoji: UTF-16 counts it as two units, UTF-8 as four bytes.
        let (line, character) = position_of(TEXT, expected_hints()[0].0, enc);
        assert_eq!(
            first["position"],
            json!({"line": line, "character": character})
        );
        assert_eq!(first["paddingLeft"], true);
        let pronoun = hints[1]["tooltip"]["value"].as_str().unwrap();
        assert!(
            pronoun.contains("\"She\" is read as Maria Repnikova"),
            "{pronoun}"
        );
        assert!(pronoun.contains("named source, 3 statements"), "{pronoun}");
    }
}

#[test]
fn only_the_hints_in_the_requested_range_are_given() {
    let (mut client, _server, enc) = start_with(&["utf-16"], None);
    let line_two =
        json!({"start": {"line": 2, "character": 0}, "end": {"line": 3, "character": 0}});
    let hints = read_hints(&inlay_hints(&mut client, line_two), enc);
    assert_eq!(hints, expected_hints()[1..3].to_vec());
    // Both ends of the range count: a range that ends where a hint stands has it.
    let first = expected_hints()[0].0;
    let (line, character) = position_of(TEXT, first, enc);
    let up_to_first = json!({"start": {"line": 0, "character": 0},
                             "end": {"line": line, "character": character}});
    let hints = read_hints(&inlay_hints(&mut client, up_to_first), enc);
    assert_eq!(hints, expected_hints()[..1].to_vec());
    let before_first = json!({"start": {"line": 0, "character": 0},
                              "end": {"line": line, "character": character - 1}});
    assert_eq!(inlay_hints(&mut client, before_first), json!([]));
}

#[test]
fn hints_follow_an_edit() {
    let (mut client, _server, enc) = start_with(&["utf-16"], None);
    // Insert a second emoji at the very start: every hint on line 0 moves by two units.
    client.change(URI, 2, &[((0, 0), (0, 0), "🎉")]);
    let hints = inlay_hints(&mut client, whole_document());
    let edited = format!("🎉{TEXT}");
    let first = &hints[0];
    let (line, character) = position_of(&edited, span_of(&edited, "deal,\"", 0).1, enc);
    assert_eq!(
        first["position"],
        json!({"line": line, "character": character})
    );
    assert_eq!(hints.as_array().unwrap().len(), expected_hints().len());
}

#[test]
fn the_inlay_hints_setting_turns_them_off_and_on() {
    let options = Some(json!({"inlay-hints": false}));
    let (mut client, _server, enc) = start_with(&["utf-16"], options);
    assert_eq!(inlay_hints(&mut client, whole_document()), json!([]));

    // Off is an empty list, not null: a client keeps the hints it has on null.
    // Workspace settings win over initializationOptions; the client is asked to
    // request the hints again, since nothing in the text changed.
    client.push_settings(json!({"inlay-hints": true}));
    let refresh = client.hold_server_request("workspace/inlayHint/refresh");
    client.answer(&refresh, Value::Null);
    let hints = inlay_hints(&mut client, whole_document());
    assert_eq!(read_hints(&hints, enc), expected_hints());

    client.push_settings(json!({"inlay-hints": false}));
    let refresh = client.hold_server_request("workspace/inlayHint/refresh");
    client.answer(&refresh, Value::Null);
    assert_eq!(inlay_hints(&mut client, whole_document()), json!([]));

    // Settings that leave the hints as they were ask for no refresh.
    client.push_settings(json!({"inlay-hints": false, "allowlist": ["deal"]}));
    let asked = client.try_wait_for(Duration::from_millis(500), |m| {
        m["method"] == "workspace/inlayHint/refresh"
    });
    assert!(asked.is_none(), "asked for a refresh: {asked:?}");
    let refreshes = client
        .server_requests
        .iter()
        .filter(|r| r["method"] == "workspace/inlayHint/refresh")
        .count();
    assert_eq!(refreshes, 2, "{:#?}", client.server_requests);
}

#[test]
fn a_bad_inlay_hints_value_is_refused_with_a_reason() {
    let (mut client, _server, enc) = start_with(&["utf-16"], None);
    client.push_settings(json!({"inlay-hints": "sometimes"}));
    let warning = client.wait_for("a warning about inlay-hints", |m| {
        m["method"] == "window/showMessage"
            && m["params"]["message"]
                .as_str()
                .is_some_and(|t| t.contains("inlay-hints"))
    });
    assert_eq!(warning["params"]["type"], 2, "a warning: {warning}");
    // The previous settings stay: the hints are still on.
    let hints = inlay_hints(&mut client, whole_document());
    assert_eq!(read_hints(&hints, enc), expected_hints());
}

#[test]
fn hover_on_a_source_mention_lists_its_kind_and_statements_by_line() {
    let (mut client, _server, enc) = start_with(&["utf-16"], None);
    let she = span_of(TEXT, "She added", 0).0;
    let (line, character) = position_of(TEXT, she + 1, enc);
    let hover = client.hover(URI, line, character);
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(
        text.contains("source **Maria Repnikova** · named · 3 statements"),
        "{text}"
    );
    assert!(text.contains("Here as \"She\""), "{text}");
    assert!(
        text.contains("- line 1: \u{201C}We will not sign this deal,\u{201D} (said)"),
        "{text}"
    );
    assert!(
        text.contains("- line 3: \u{201C}talks would resume\u{201D} (added)"),
        "{text}"
    );
    assert_eq!(hover["range"], range_of(TEXT, she, she + 3, enc));

    let spokesperson = span_of(TEXT, "spokesperson", 0).0;
    let (line, character) = position_of(TEXT, spokesperson, enc);
    let hover = client.hover(URI, line, character);
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(text.contains("· role · 1 statement\n"), "{text}");
    assert!(text.contains("- line 5: "), "{text}");

    // Words that are no source mention and carry no finding: no hover.
    let port = span_of(TEXT, "port", 0).0;
    let (line, character) = position_of(TEXT, port, enc);
    assert_eq!(client.hover(URI, line, character), Value::Null);
}

#[test]
fn hover_on_a_flagged_mention_gives_the_finding_then_the_source() {
    let (mut client, _server) = InMemoryServer::start();
    client.initialize(capabilities(&["utf-16"]), None);
    let text = "The ferry stopped on Tuesday.\n\nOne official, who spoke on condition of anonymity, said the army had shelled the school.\n";
    client.open(URI, "markdown", 1, text);
    let diagnostics = client.diagnostics(URI, 1);
    let official = span_of(text, "official", 0).0;
    let (line, character) = position_of(text, official, Enc::Utf16);
    let covering: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| {
            let (start, end) = (&d["range"]["start"], &d["range"]["end"]);
            let at = |p: &Value| {
                (
                    p["line"].as_u64().unwrap(),
                    p["character"].as_u64().unwrap(),
                )
            };
            at(start) <= (line as u64, character as u64)
                && (line as u64, character as u64) < at(end)
        })
        .collect();
    assert!(
        !covering.is_empty(),
        "no finding on the anonymous source: {diagnostics:#?}"
    );
    let hover = client.hover(URI, line, character);
    let value = hover["contents"]["value"].as_str().unwrap();
    let (finding, source) = value
        .split_once("\n\n---\n\n")
        .unwrap_or_else(|| panic!("one section only: {value}"));
    let code = covering[0]["code"].as_str().unwrap();
    assert!(value.contains(&format!("`{code}`")), "{value}");
    assert!(!finding.contains("· source **"), "{finding}");
    assert!(
        source.contains("source **One official") && source.contains("· anonymous ·"),
        "{source}"
    );
}
