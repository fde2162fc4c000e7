//! The language server driven over an in-memory pipe (`truthlens::lsp::serve` on a
//! tokio duplex), message by message.

mod common;

use common::*;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::time::Duration;
use truthlens::lsp::EndReason;

const URI: &str = "file:///drafts/story.md";
/// Emoji (a surrogate pair in UTF-16) and CJK (3 bytes each in UTF-8) before the findings.
const TEXT: &str = "😀 和平 The thug shelled the town.\n\nResidents describe a brutal night.\n";

fn start(encodings: &[&str]) -> (Client, InMemoryServer, Enc) {
    let (mut client, server) = InMemoryServer::start();
    let result = client.initialize(capabilities(encodings), None);
    let enc = match result["capabilities"]["positionEncoding"].as_str() {
        Some("utf-8") => Enc::Utf8,
        Some("utf-16") => Enc::Utf16,
        other => panic!("unexpected position encoding {other:?}"),
    };
    (client, server, enc)
}

fn loaded_language_at<'a>(
    diagnostics: &'a [Value],
    text: &str,
    word: &str,
    nth: usize,
    enc: Enc,
) -> &'a Value {
    let span = span_of(text, word, nth);
    let found = diagnostics_at(diagnostics, text, span, enc);
    let found: Vec<_> = found
        .into_iter()
        .filter(|d| d["code"] == "loaded-language")
        .collect();
    assert_eq!(
        found.len(),
        1,
        "expected one loaded-language diagnostic on {word:?} at {}; got {diagnostics:#?}",
        range_of(text, span.0, span.1, enc)
    );
    found[0]
}

#[test]
fn initialize_negotiates_utf8_and_advertises_only_what_works() {
    let (mut client, server) = InMemoryServer::start();
    let result = client.initialize(capabilities(&["utf-16", "utf-8"]), None);
    let caps = &result["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-8");

    let advertised: BTreeSet<&str> = caps
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    let expected: BTreeSet<&str> = [
        "positionEncoding",
        "textDocumentSync",
        "hoverProvider",
        "inlayHintProvider",
        "codeActionProvider",
        "executeCommandProvider",
    ]
    .into();
    assert_eq!(advertised, expected);

    let sync = &caps["textDocumentSync"];
    assert_eq!(sync["openClose"], true);
    assert_eq!(sync["change"], 2, "incremental sync");
    assert!(sync["save"].is_object(), "save notifications: {sync}");
    assert_eq!(caps["hoverProvider"], true);
    assert_eq!(caps["inlayHintProvider"], true);
    let kinds: BTreeSet<&str> = caps["codeActionProvider"]["codeActionKinds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "quickfix",
            "source.truthlens.insertSummary",
            "source.truthlens.insertHeadline",
            "source.truthlens.insertReport"
        ]
        .into()
    );
    let commands: BTreeSet<&str> = caps["executeCommandProvider"]["commands"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap())
        .collect();
    assert_eq!(
        commands,
        [
            "truthlens.insertSummary",
            "truthlens.insertHeadline",
            "truthlens.insertReport",
            "truthlens.addToAllowlist"
        ]
        .into()
    );
    assert_eq!(result["serverInfo"]["name"], "truthlens");
    assert_eq!(result["serverInfo"]["version"], env!("CARGO_PKG_VERSION"));

    client.shutdown_and_exit();
    assert_eq!(server.wait_end(TIMEOUT).unwrap().exit_code(), 0);
}

#[test]
fn initialize_falls_back_to_utf16() {
    for offered in [&[][..], &["utf-32"][..], &["utf-16"][..]] {
        let (mut client, _server) = InMemoryServer::start();
        let result = client.initialize(capabilities(offered), None);
        assert_eq!(
            result["capabilities"]["positionEncoding"], "utf-16",
            "client offered {offered:?}"
        );
    }
}

#[test]
fn open_publishes_versioned_diagnostics_at_exact_ranges() {
    for encodings in [&["utf-16"][..], &["utf-8", "utf-16"][..]] {
        let (mut client, _server, enc) = start(encodings);
        client.open(URI, "markdown", 1, TEXT);
        let diagnostics = client.diagnostics(URI, 1);

        let thug = loaded_language_at(&diagnostics, TEXT, "thug", 0, enc);
        let expected_column = if enc == Enc::Utf16 { 10 } else { 16 };
        assert_eq!(thug["range"]["start"]["character"], expected_column);
        assert_eq!(thug["source"], "truthlens");
        assert!(thug["severity"].is_u64());
        assert!(thug["message"].as_str().unwrap().contains("thug"));
        let href = thug["codeDescription"]["href"].as_str().unwrap();
        assert!(href.ends_with("docs/rules/loaded-language.md"), "{href}");

        // No `data`: fixes, alternatives and the category stay on the server
        // (code actions, hover), and every publish is parsed whole by the client.
        assert!(thug.get("data").is_none(), "{thug}");

        loaded_language_at(&diagnostics, TEXT, "brutal", 0, enc);
    }
}

#[test]
fn a_client_that_shows_no_rule_links_is_sent_none() {
    let (mut client, _server) = InMemoryServer::start();
    let mut caps = capabilities(&["utf-16"]);
    caps["textDocument"]["publishDiagnostics"] = json!({"versionSupport": true});
    client.initialize(caps, None);
    client.open(URI, "markdown", 1, TEXT);
    let diagnostics = client.diagnostics(URI, 1);

    let thug = loaded_language_at(&diagnostics, TEXT, "thug", 0, Enc::Utf16);
    assert!(thug.get("codeDescription").is_none(), "{thug}");
    assert_eq!(thug["code"], "loaded-language");
}

#[test]
fn incremental_changes_move_diagnostics() {
    let (mut client, _server, enc) = start(&["utf-16"]);
    client.open(URI, "markdown", 1, TEXT);
    client.diagnostics(URI, 1);

    // Two changes in one notification; the second is only right if the first was
    // applied before it: insert after the emoji and CJK, then delete the blank line.
    let insert_at = position_of(TEXT, span_of(TEXT, "The thug", 0).0, enc);
    let mut text = TEXT.to_string();
    text.insert_str(span_of(TEXT, "The thug", 0).0, "Yesterday ");
    let blank_line = position_of(&text, text.find("\n\n").unwrap() + 1, enc);
    client.change(
        URI,
        2,
        &[
            (insert_at, insert_at, "Yesterday "),
            (blank_line, (blank_line.0 + 1, 0), ""),
        ],
    );
    text = text.replacen("\n\n", "\n", 1);
    assert_eq!(
        text,
        "😀 和平 Yesterday The thug shelled the town.\nResidents describe a brutal night.\n"
    );

    let diagnostics = client.diagnostics(URI, 2);
    let thug = loaded_language_at(&diagnostics, &text, "thug", 0, enc);
    assert_eq!(thug["range"]["start"], json!({"line": 0, "character": 20}));
    let brutal = loaded_language_at(&diagnostics, &text, "brutal", 0, enc);
    assert_eq!(brutal["range"]["start"]["line"], 1);
}

#[test]
fn hover_explains_a_finding_and_is_null_elsewhere() {
    let (mut client, _server, enc) = start(&["utf-16"]);
    client.open(URI, "markdown", 1, TEXT);
    let diagnostics = client.diagnostics(URI, 1);
    let thug = loaded_language_at(&diagnostics, TEXT, "thug", 0, enc).clone();

    let inside = position_of(TEXT, span_of(TEXT, "thug", 0).0 + 2, enc);
    let hover = client.hover(URI, inside.0, inside.1);
    assert_eq!(hover["range"], thug["range"]);
    assert_eq!(hover["contents"]["kind"], "markdown");
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(text.contains("loaded-language"), "{text}");
    assert!(text.contains("Why it was flagged"), "{text}");
    let finding = library_finding(TEXT, "loaded-language", span_of(TEXT, "thug", 0)).unwrap();
    let category = finding.category.as_deref().unwrap();
    assert!(text.contains(category), "{text}");
    assert!(!finding.alternatives.is_empty());
    for alternative in finding.alternatives.iter() {
        assert!(text.contains(&format!("- {alternative}")), "{text}");
    }

    let town = position_of(TEXT, span_of(TEXT, "town", 0).0, enc);
    assert_eq!(client.hover(URI, town.0, town.1), Value::Null);
    // Inside the emoji's surrogate pair, and far past the end: no panic, no hover.
    assert_eq!(client.hover(URI, 0, 1), Value::Null);
    assert_eq!(client.hover(URI, 99, 99), Value::Null);
}

#[test]
fn quick_fix_edits_give_the_intended_text() {
    for encodings in [&["utf-16"][..], &["utf-8"][..]] {
        let (mut client, _server, enc) = start(encodings);
        client.open(URI, "markdown", 1, TEXT);
        let diagnostics = client.diagnostics(URI, 1);
        let thug = loaded_language_at(&diagnostics, TEXT, "thug", 0, enc).clone();
        // What the rule offers, from the library's own analysis.
        let fixes = library_finding(TEXT, "loaded-language", span_of(TEXT, "thug", 0))
            .unwrap()
            .fixes;
        assert!(!fixes.is_empty(), "the interim rule offers a replacement");

        // The cursor sits at the end of the word: touching still counts.
        let actions = client.call(
            "textDocument/codeAction",
            json!({
                "textDocument": {"uri": URI},
                "range": {"start": thug["range"]["end"], "end": thug["range"]["end"]},
                "context": {"diagnostics": [thug]}
            }),
        );
        let quick_fixes: Vec<&Value> = actions
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["kind"] == "quickfix")
            .collect();
        // The rule's own fixes come first; then ignore here and disable in this file
        // (no allowlist: this document is in no workspace folder).
        assert_eq!(quick_fixes.len(), fixes.len() + 2, "{actions:#}");
        assert_eq!(
            quick_fixes[fixes.len()]["title"],
            "Ignore \"thug\" here (loaded-language)"
        );
        assert_eq!(
            quick_fixes[fixes.len() + 1]["title"],
            "Disable loaded-language in this file"
        );
        let first = fixes.get(0).unwrap();
        let action = quick_fixes[0];
        assert_eq!(action["title"], &*first.title);
        assert_eq!(action["isPreferred"], true);
        assert_eq!(action["diagnostics"][0]["range"], thug["range"]);
        assert_eq!(action["diagnostics"][0]["code"], "loaded-language");

        let edits = action["edit"]["changes"][URI].as_array().unwrap();
        let fixed = apply_text_edits(TEXT, edits, enc);
        // What the rule meant, from its byte edits.
        let mut intended = TEXT.to_string();
        for edit in first.edits.iter().rev() {
            intended.replace_range(edit.span.start..edit.span.end, &edit.replacement);
        }
        assert_ne!(fixed, TEXT);
        assert_eq!(fixed, intended);
        assert!(fixed.starts_with("😀 和平 The "), "{fixed}");

        // Away from any finding: no quick fix.
        let town = position_of(TEXT, span_of(TEXT, "town", 0).0, enc);
        let elsewhere = client.call(
            "textDocument/codeAction",
            json!({
                "textDocument": {"uri": URI},
                "range": {"start": {"line": town.0, "character": town.1},
                          "end": {"line": town.0, "character": town.1}},
                "context": {"diagnostics": []}
            }),
        );
        assert!(
            !elsewhere
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a["kind"] == "quickfix"),
            "{elsewhere:#}"
        );
    }
}

#[test]
fn source_actions_are_filtered_by_kind_and_well_formed() {
    let (mut client, _server, _) = start(&["utf-16"]);
    client.open(URI, "markdown", 1, TEXT);
    client.diagnostics(URI, 1);
    let ask = |client: &mut Client, only: Value| -> Vec<Value> {
        client
            .call(
                "textDocument/codeAction",
                json!({
                    "textDocument": {"uri": URI},
                    "range": {"start": {"line": 0, "character": 11}, "end": {"line": 0, "character": 11}},
                    "context": {"diagnostics": [], "only": only}
                }),
            )
            .as_array()
            .unwrap()
            .clone()
    };
    // The insert actions appear only when the planner has an edit (it may have none).
    let known = [
        (
            "source.truthlens.insertSummary",
            "TruthLens: insert summary",
        ),
        (
            "source.truthlens.insertHeadline",
            "TruthLens: insert suggested headline",
        ),
        (
            "source.truthlens.insertReport",
            "TruthLens: insert review report",
        ),
    ];
    for action in ask(&mut client, json!(["source"])) {
        let kind = action["kind"].as_str().unwrap();
        let (_, title) = known
            .iter()
            .find(|(k, _)| *k == kind)
            .unwrap_or_else(|| panic!("unexpected action {action:#}"));
        assert_eq!(action["title"], *title);
        assert!(action["edit"]["changes"][URI].is_array(), "{action:#}");
    }
    let quick_only = ask(&mut client, json!(["quickfix"]));
    assert!(!quick_only.is_empty());
    assert!(
        quick_only.iter().all(|a| a["kind"] == "quickfix"),
        "{quick_only:#?}"
    );
}

#[test]
fn insert_commands_apply_an_edit_or_explain_why_not() {
    let (mut client, _server, _) = start(&["utf-16"]);
    client.open(URI, "markdown", 1, TEXT);
    client.diagnostics(URI, 1);
    for command in [
        "truthlens.insertSummary",
        "truthlens.insertHeadline",
        "truthlens.insertReport",
    ] {
        let before = client.applied_edits.len();
        client.call(
            "workspace/executeCommand",
            json!({"command": command, "arguments": [URI]}),
        );
        if client.applied_edits.len() == before {
            client.wait_for(&format!("{command} to explain itself"), |m| {
                m["method"] == "window/showMessage"
                    && m["params"]["message"]
                        .as_str()
                        .is_some_and(|s| s.contains("nothing to insert"))
            });
        } else {
            let edit = &client.applied_edits[before]["edit"];
            assert!(edit["changes"][URI].is_array(), "{edit:#}");
        }
    }
    let unknown = client.request(
        "workspace/executeCommand",
        json!({"command": "truthlens.nope", "arguments": [URI]}),
    );
    assert!(unknown["error"].is_object(), "{unknown}");
    let not_open = client.request(
        "workspace/executeCommand",
        json!({"command": "truthlens.insertSummary", "arguments": ["file:///elsewhere.md"]}),
    );
    assert!(not_open["error"].is_object(), "{not_open}");
}

#[test]
fn close_clears_diagnostics() {
    let (mut client, _server, _) = start(&["utf-16"]);
    client.open(URI, "markdown", 1, TEXT);
    assert!(!client.diagnostics(URI, 1).is_empty());
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": URI}}),
    );
    client.wait_for("the clearing publish", |m| {
        is_diagnostics_for(m, URI) && m["params"]["diagnostics"] == json!([])
    });
    // Nothing about the closed document afterwards.
    let late = client.try_wait_for(Duration::from_millis(300), |m| is_diagnostics_for(m, URI));
    assert!(late.is_none(), "published after close: {late:?}");
    assert_eq!(client.hover(URI, 0, 11), Value::Null);
}

#[test]
fn rapid_changes_never_publish_stale_diagnostics() {
    let (mut client, _server, enc) = start(&["utf-16"]);
    let uri = "file:///drafts/burst.md";
    let mut texts = vec![String::from("Start.\n")];
    client.open(uri, "markdown", 1, &texts[0]);
    for version in 2..=40 {
        // Append " thug" at the end of the first line each time.
        let mut text = texts.last().unwrap().clone();
        let end = position_of(&text, text.len() - 1, enc);
        text.insert_str(text.len() - 1, " thug");
        client.change(uri, version, &[(end, end, " thug")]);
        texts.push(text);
    }
    let mut last_version = 0;
    loop {
        let published = client.wait_for("diagnostics", |m| is_diagnostics_for(m, uri));
        let version = published["params"]["version"].as_i64().unwrap();
        assert!(
            version >= last_version,
            "version went back: {version} after {last_version}"
        );
        last_version = version;
        // The diagnostics must describe exactly the text of the version they carry.
        let text = &texts[version as usize - 1];
        let diagnostics = published["params"]["diagnostics"].as_array().unwrap();
        let thugs = text.matches("thug").count();
        assert_eq!(
            diagnostics
                .iter()
                .filter(|d| d["code"] == "loaded-language")
                .count(),
            thugs,
            "v{version}"
        );
        for nth in 0..thugs {
            loaded_language_at(diagnostics, text, "thug", nth, enc);
        }
        if version == 40 {
            break;
        }
    }
}

/// A document whose analysis takes at least 200 ms on this machine, and that time.
/// Few findings, so that the time measured is analysis, not publishing.
fn slow_document(client: &mut Client) -> (String, Duration) {
    // Every paragraph differs: the engine analyses a repeated paragraph only once.
    let paragraph =
        |i: usize| format!("The ferry crossed the river twice on Tuesday night at pier {i}.\n\n");
    let mut round = 0;
    loop {
        round += 1;
        let long =
            (0..1000 << round).map(paragraph).collect::<String>() + "The thug said nothing.\n";
        let probe = format!("file:///drafts/probe-{round}.md");
        let started = std::time::Instant::now();
        client.open(&probe, "markdown", 1, &long);
        client.diagnostics(&probe, 1);
        let analysis_time = started.elapsed();
        client.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": probe}}),
        );
        if analysis_time >= Duration::from_millis(200) {
            return (long, analysis_time);
        }
        assert!(round < 8, "analysis never took 200 ms");
    }
}

#[test]
fn a_result_for_a_superseded_version_is_dropped() {
    let (mut client, _server, _) = start(&["utf-16"]);
    let (long, analysis_time) = slow_document(&mut client);
    let uri = "file:///drafts/long.md";
    client.open(uri, "markdown", 1, &long);
    // The edit lands while version 1 is being analysed.
    std::thread::sleep(analysis_time / 5);
    client.change(uri, 2, &[((0, 0), (0, 0), "Brutal. ")]);
    let published = client.wait_for("diagnostics", |m| is_diagnostics_for(m, uri));
    assert_eq!(
        published["params"]["version"], 2,
        "the result for version 1 finished after version 2 arrived and must not be published"
    );
    let diagnostics = published["params"]["diagnostics"].as_array().unwrap();
    let loaded = diagnostics
        .iter()
        .filter(|d| d["code"] == "loaded-language")
        .count();
    let thugs = long.matches("thug").count();
    assert_eq!(loaded, thugs + 1, "every thug plus the new brutal");
}

#[test]
fn requests_are_answered_while_long_analyses_run() {
    let (mut client, _server, _) = start(&["utf-16"]);
    let (long, analysis_time) = slow_document(&mut client);
    client.open(URI, "markdown", 1, TEXT);
    client.diagnostics(URI, 1);

    // More long analyses than the runtime has worker threads: if they ran on the
    // async workers instead of the blocking pool, the hover would wait for them.
    // Timing on a shared machine is noisy, so one quick answer in three tries passes;
    // a server that blocks is slow every time.
    let mut waits = Vec::new();
    for attempt in 0..3 {
        for n in 0..3 {
            let uri = format!("file:///drafts/long-{attempt}-{n}.md");
            client.open(&uri, "markdown", 1, &long);
        }
        std::thread::sleep(analysis_time / 10);
        let started = std::time::Instant::now();
        let hover = client.hover(URI, 0, 11);
        waits.push(started.elapsed());
        assert!(hover["contents"]["value"].is_string(), "{hover}");
        if *waits.last().unwrap() < analysis_time * 3 / 4 {
            return;
        }
        client.forget_backlog();
    }
    panic!("hover waited {waits:?} behind analyses of {analysis_time:?} each");
}

#[test]
fn crlf_documents_keep_their_lines() {
    let (mut client, _server, enc) = start(&["utf-16"]);
    let text = "First line.\r\nThe thug spoke.\r\n";
    client.open(URI, "markdown", 1, text);
    let diagnostics = client.diagnostics(URI, 1);
    let thug = loaded_language_at(&diagnostics, text, "thug", 0, enc);
    assert_eq!(
        thug["range"],
        json!({"start": {"line": 1, "character": 4}, "end": {"line": 1, "character": 8}})
    );
    // Replace the CRLF line break: the finding moves up a line.
    client.change(URI, 2, &[((0, 11), (1, 0), " ")]);
    let diagnostics = client.diagnostics(URI, 2);
    assert_eq!(
        diagnostics[0]["range"]["start"],
        json!({"line": 0, "character": 16})
    );
}

/// The severity of the loaded-language diagnostic on `word`, if there is one.
fn severity_of(diagnostics: &[Value], word: &str) -> Option<u64> {
    diagnostics
        .iter()
        .find(|d| d["code"] == "loaded-language" && d["message"].as_str().unwrap().contains(word))
        .map(|d| d["severity"].as_u64().unwrap())
}

const HINT: u64 = 4;
const INFO: u64 = 3;
const ERROR: u64 = 1;

#[test]
fn settings_come_from_the_client_and_bad_ones_are_refused() {
    let (mut client, _server) = InMemoryServer::start();
    client.settings = json!({"rules": {"loaded-language": {"severity": "hint"}}});
    client.initialize(capabilities(&["utf-16"]), None);
    client.open(URI, "markdown", 1, TEXT);
    // The pulled settings may land just after the first lint; wait for their effect.
    client.diagnostics_where(URI, "the pulled severity to apply", |ds| {
        severity_of(ds, "thug") == Some(HINT)
    });

    client.forget_backlog();
    client.push_settings(json!({"rules": {"loaded-language": {"enabled": false}}}));
    client.diagnostics_where(URI, "loaded-language to switch off", |ds| {
        ds.iter().all(|d| d["code"] != "loaded-language")
    });

    client.push_settings(json!({"colour": "red"}));
    let warning = client.wait_for("a warning about the bad setting", |m| {
        m["method"] == "window/showMessage"
    });
    assert_eq!(warning["params"]["type"], 2, "a warning");
    let message = warning["params"]["message"].as_str().unwrap();
    assert!(
        message.contains("colour") && message.contains("keeping"),
        "{message}"
    );

    // The previous settings stay in force.
    client.change(URI, 2, &[((0, 0), (0, 0), "Brutal. ")]);
    let diagnostics = client.diagnostics(URI, 2);
    assert!(
        diagnostics.iter().all(|d| d["code"] != "loaded-language"),
        "{diagnostics:#?}"
    );

    // "Something changed" without settings: the server asks again.
    client.settings = json!({});
    client.forget_backlog();
    let asked_before = client.server_requests.len();
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": null}),
    );
    client.diagnostics_where(URI, "defaults again", |ds| {
        severity_of(ds, "thug").is_some_and(|s| s != HINT)
    });
    assert!(client.server_requests[asked_before..]
        .iter()
        .any(|r| r["method"] == "workspace/configuration"));
}

#[test]
fn initialization_options_apply_under_workspace_settings() {
    let (mut client, _server) = InMemoryServer::start();
    // The workspace has no `truthlens` section: the options stay in force.
    client.settings = Value::Null;
    let options = json!({"rules": {"loaded-language": {"severity": "hint", "categories": {"emotionally-charged": "error"}}}});
    client.initialize(capabilities(&["utf-16"]), Some(options));
    client.open(URI, "markdown", 1, TEXT);
    client.diagnostics_where(URI, "the options' severities", |ds| {
        severity_of(ds, "thug") == Some(HINT) && severity_of(ds, "brutal") == Some(ERROR)
    });
    // Workspace settings override the options key by key.
    client.forget_backlog();
    client.push_settings(json!({"rules": {"loaded-language": {"severity": "info"}}}));
    client.diagnostics_where(URI, "the workspace severity over the options", |ds| {
        severity_of(ds, "thug") == Some(INFO) && severity_of(ds, "brutal") == Some(ERROR)
    });
}

#[test]
fn invalid_initialization_options_are_reported() {
    let (mut client, _server) = InMemoryServer::start();
    client.initialize(
        capabilities(&[]),
        Some(json!({"truthlens": {"rules": {"no-such-rule": {"enabled": false}}}})),
    );
    let warning = client.wait_for("a warning", |m| m["method"] == "window/showMessage");
    let message = warning["params"]["message"].as_str().unwrap();
    assert!(message.contains("no-such-rule"), "{message}");
}

#[test]
fn project_config_file_applies_under_editor_settings() {
    let tmp = temp_folder("lsp-project");
    let dir = tmp.path();
    std::fs::create_dir_all(dir.join("drafts")).unwrap();
    std::fs::write(
        dir.join(".truthlens.toml"),
        "[rules.loaded-language]\nseverity = \"hint\"\ncategories = { emotionally-charged = \"error\" }\n",
    )
    .unwrap();
    let uri = file_uri(&dir.join("drafts/story.md"));

    let (mut client, _server) = InMemoryServer::start();
    client.initialize(capabilities(&["utf-16"]), None);
    client.open(&uri, "markdown", 1, TEXT);
    let diagnostics = client.diagnostics(&uri, 1);
    assert_eq!(
        severity_of(&diagnostics, "thug"),
        Some(HINT),
        "{diagnostics:#?}"
    );
    assert_eq!(
        severity_of(&diagnostics, "brutal"),
        Some(ERROR),
        "{diagnostics:#?}"
    );

    // The editor's rule severity overrides the project's; the project's category
    // severity, which the editor does not mention, stays.
    client.forget_backlog();
    client.push_settings(json!({"rules": {"loaded-language": {"severity": "info"}}}));
    let published = client.diagnostics_where(&uri, "the editor's severity", |ds| {
        severity_of(ds, "thug") == Some(INFO)
    });
    let diagnostics = published["diagnostics"].as_array().unwrap();
    assert_eq!(severity_of(diagnostics, "brutal"), Some(ERROR));
}

#[test]
fn an_invalid_project_config_is_reported_and_skipped() {
    let tmp = temp_folder("lsp-bad");
    let dir = tmp.path();
    std::fs::write(dir.join(".truthlens.toml"), "colour = \"red\"\n").unwrap();
    let uri = file_uri(&dir.join("story.md"));
    let (mut client, _server) = InMemoryServer::start();
    client.initialize(capabilities(&["utf-16"]), None);
    client.open(&uri, "markdown", 1, TEXT);
    let warning = client.wait_for("a warning", |m| m["method"] == "window/showMessage");
    let message = warning["params"]["message"].as_str().unwrap();
    assert!(
        message.contains("colour") && message.contains(".truthlens.toml"),
        "{message}"
    );
    let diagnostics = client.diagnostics(&uri, 1);
    assert!(
        severity_of(&diagnostics, "thug").is_some(),
        "linted with the defaults"
    );
}

#[test]
fn save_republishes_and_rereads_the_project_config() {
    let tmp = temp_folder("lsp-save");
    let dir = tmp.path();
    let uri = file_uri(&dir.join("story.md"));
    let (mut client, _server) = InMemoryServer::start();
    client.initialize(capabilities(&["utf-16"]), None);
    client.open(&uri, "markdown", 1, TEXT);
    client.change(&uri, 2, &[((0, 0), (0, 0), "Today. ")]);
    let before = client.diagnostics(&uri, 2);
    assert_ne!(severity_of(&before, "thug"), Some(HINT));

    client.forget_backlog();
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(client.diagnostics(&uri, 2), before, "republished on save");

    std::fs::write(
        dir.join(".truthlens.toml"),
        "[rules.loaded-language]\nseverity = \"hint\"\n",
    )
    .unwrap();
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri}}),
    );
    let after = client.diagnostics(&uri, 2);
    assert_eq!(severity_of(&after, "thug"), Some(HINT), "{after:#?}");
}

#[test]
fn malformed_input_is_answered_or_skipped_without_ending_the_session() {
    let (mut client, server, _) = start(&["utf-16"]);
    client.send_raw(b"this is not a frame\r\n");
    client.send_raw(b"Content-Length: 9\r\n\r\n{not json");
    let parse_error = client.wait_for("a parse error", |m| m["error"].is_object());
    assert_eq!(parse_error["error"]["code"], -32700);
    assert_eq!(parse_error["id"], Value::Null);
    client.send(&json!({"jsonrpc": "1.0", "id": 77, "method": "textDocument/hover"}));
    let invalid = client.wait_for("an invalid-request error", |m| m["id"] == 77);
    assert_eq!(invalid["error"]["code"], -32600);

    // Still serving.
    client.open(URI, "markdown", 1, TEXT);
    assert!(!client.diagnostics(URI, 1).is_empty());
    client.shutdown_and_exit();
    let end = server.wait_end(TIMEOUT).expect("session ended");
    assert_eq!(end.reason, EndReason::Exit);
    assert_eq!(end.exit_code(), 0);
}

#[test]
fn exit_without_shutdown_ends_with_code_1() {
    let (mut client, server, _) = start(&["utf-16"]);
    client.notify("exit", Value::Null);
    let end = server
        .wait_end(Duration::from_secs(3))
        .expect("session ended");
    assert_eq!(end.reason, EndReason::Exit);
    assert_eq!(end.exit_code(), 1);
}

#[test]
fn closed_input_ends_the_session() {
    let (mut client, server, _) = start(&["utf-16"]);
    client.open(URI, "markdown", 1, TEXT);
    client.close_input();
    let end = server
        .wait_end(Duration::from_secs(3))
        .expect("session ended");
    assert_eq!(end.reason, EndReason::InputClosed);
}
