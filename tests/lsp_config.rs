//! Configuration over the protocol: the project file (on disk and open in the
//! editor), editor settings, front matter, and how problems are reported.

mod common;

use common::*;
use serde_json::{json, Value};

const TEXT: &str = "The thug shelled the town.\n\nResidents describe a brutal night.\n";

fn codes(diagnostics: &[Value]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap_or_default().to_string())
        .collect()
}

fn messages(diagnostics: &[Value]) -> String {
    diagnostics
        .iter()
        .map(|d| d["message"].as_str().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn an_open_config_file_shows_its_problems_where_they_are() {
    let tmp = temp_folder("config-diagnostics");
    let folder = tmp.path();
    let config_uri = file_uri(&folder.join(".truthlens.toml"));
    let (mut client, _server) = InMemoryServer::start();
    client.initialize_in(capabilities(&["utf-16"]), None, folder);

    let bad = "allowlist = [\"regime\"]\n\n[quotes]\npolicy = \"shout\"\n";
    client.open(&config_uri, "toml", 1, bad);
    let diagnostics = client.diagnostics(&config_uri, 1);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let d = &diagnostics[0];
    assert_eq!(d["code"], "invalid-config");
    assert_eq!(d["severity"], 1);
    assert_eq!(
        d["range"],
        json!({"start": {"line": 3, "character": 9}, "end": {"line": 3, "character": 16}})
    );
    assert!(d["message"].as_str().unwrap().contains("shout"), "{d}");

    // An unknown key and an unknown rule, as the writer types.
    client.replace_all(&config_uri, 2, "colour = \"red\"\n");
    let d = &client.diagnostics(&config_uri, 2)[0];
    assert_eq!(d["range"]["start"], json!({"line": 0, "character": 0}));
    assert!(d["message"]
        .as_str()
        .unwrap()
        .contains("unknown field `colour`"));
    client.replace_all(&config_uri, 3, "[rules.loaded-langauge]\nenabled = false\n");
    let d = &client.diagnostics(&config_uri, 3)[0];
    assert_eq!(
        d["range"],
        json!({"start": {"line": 0, "character": 7}, "end": {"line": 0, "character": 22}})
    );
    assert!(d["message"]
        .as_str()
        .unwrap()
        .contains("unknown rule `loaded-langauge`"));

    // Fixed: the problems go away; the file is not reviewed as prose, and has
    // no actions (not even the insert ones).
    client.replace_all(&config_uri, 4, "allowlist = [\"thug\"]\n# a brutal thug\n");
    assert!(client.diagnostics(&config_uri, 4).is_empty());
    let actions = client.call(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": config_uri}, "range": {"start": {"line": 1, "character": 4}, "end": {"line": 1, "character": 4}},
               "context": {"diagnostics": []}}),
    );
    assert_eq!(actions, json!([]));
}

#[test]
fn an_invalid_config_is_shown_once_and_a_saved_fix_applies() {
    let tmp = temp_folder("config-once");
    let folder = tmp.path();
    let config = folder.join(".truthlens.toml");
    std::fs::write(&config, "[quotes]\npolicy = \"shout\"\n").unwrap();
    let (mut client, _server) = InMemoryServer::start();
    client.initialize_in(capabilities(&["utf-16"]), None, folder);
    for name in ["a.md", "b.md"] {
        let uri = file_uri(&folder.join(name));
        client.open(&uri, "markdown", 1, TEXT);
        client.diagnostics(&uri, 1);
    }
    let warning = client.wait_for("the warning", |m| m["method"] == "window/showMessage");
    let message = warning["params"]["message"].as_str().unwrap();
    assert!(
        message.contains(".truthlens.toml:2:10") && message.contains("shout"),
        "{message}"
    );
    let again = client.try_wait_for(std::time::Duration::from_millis(400), |m| {
        m["method"] == "window/showMessage"
    });
    assert!(again.is_none(), "shown once: {again:?}");

    // The file is fixed and saved in the editor: the drafts are reviewed with it.
    std::fs::write(&config, "allowlist = [\"thug\"]\n").unwrap();
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": file_uri(&config)}}),
    );
    let uri = file_uri(&folder.join("a.md"));
    client.diagnostics_where(&uri, "thug allowlisted", |ds| {
        !messages(ds).contains("thug") && messages(ds).contains("brutal")
    });
}

#[test]
fn settings_changes_cover_every_key() {
    let (mut client, _server) = InMemoryServer::start();
    client.initialize(capabilities(&["utf-16"]), None);
    let uri = "file:///drafts/settings.md";
    client.open(uri, "markdown", 1, TEXT);
    client.diagnostics(uri, 1);

    // A project lexicon entry from the editor settings.
    client.push_settings(json!({
            "lexicon": [{"term": "shelled", "category": "emotionally-charged", "alternatives": ["fired on"]}],
            "allowlist": ["brutal"]
        }));
    let published = client.diagnostics_where(uri, "the lexicon entry", |ds| {
        messages(ds).contains("\"shelled\"")
    });
    let diagnostics = published["diagnostics"].as_array().unwrap();
    assert!(
        !messages(diagnostics).contains("brutal"),
        "{diagnostics:#?}"
    );
    let shelled = diagnostics
        .iter()
        .find(|d| d["message"].as_str().unwrap().contains("shelled"))
        .unwrap();
    // Its alternative is offered as the quick fix for that diagnostic.
    let actions = client.call(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": shelled["range"],
               "context": {"diagnostics": [shelled], "only": ["quickfix"]}}),
    );
    let fix = &actions[0];
    assert_eq!(
        fix["diagnostics"][0]["range"], shelled["range"],
        "{actions:#}"
    );
    let edits = action_edits(fix, uri);
    assert_eq!(edits.len(), 1, "{fix:#}");
    assert_eq!(edits[0]["range"], shelled["range"]);
    assert_eq!(edits[0]["newText"], "fired on");

    // `run` is an editor setting too: on save, typing publishes nothing.
    client.push_settings(json!({"run": "onSave"}));
    client.diagnostics_where(uri, "the defaults again", |ds| {
        messages(ds).contains("brutal") && !messages(ds).contains("shelled")
    });
    client.change(uri, 2, &[((0, 0), (0, 0), "Horrific. ")]);
    let typed = client.try_wait_for(std::time::Duration::from_millis(500), |m| {
        is_diagnostics_for(m, uri) && m["params"]["version"] == 2
    });
    assert!(typed.is_none(), "nothing while typing: {typed:?}");
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri}}),
    );
    let saved = client.diagnostics(uri, 2);
    assert!(messages(&saved).contains("Horrific"), "{saved:#?}");

    // A bad value is refused with a reason, and the previous settings stay.
    client.push_settings(json!({"lexicon": [{"term": "x", "category": "rude"}]}));
    let warning = client.wait_for("a warning", |m| m["method"] == "window/showMessage");
    let message = warning["params"]["message"].as_str().unwrap();
    assert!(
        message.contains("rude") && message.contains("keeping"),
        "{message}"
    );
}

#[test]
fn a_configuration_answer_overtaken_by_pushed_settings_is_ignored() {
    let (mut client, _server) = InMemoryServer::start();
    client.initialize(capabilities(&["utf-16"]), None);
    // The server asks for the settings after `initialized`; before the answer
    // arrives the user changes them and the editor pushes the change.
    let asked = client.hold_server_request("workspace/configuration");
    client.push_settings(json!({"allowlist": ["brutal"]}));
    client.answer(&asked, json!([null]));

    let uri = "file:///drafts/overtaken.md";
    client.open(uri, "markdown", 1, TEXT);
    let diagnostics = client.diagnostics(uri, 1);
    assert!(messages(&diagnostics).contains("thug"), "{diagnostics:#?}");
    assert!(
        !messages(&diagnostics).contains("brutal"),
        "the pushed allowlist stays in force: {diagnostics:#?}"
    );
}

#[test]
fn front_matter_settings_apply_to_their_draft_and_problems_show_there() {
    let (mut client, _server) = InMemoryServer::start();
    client.initialize(capabilities(&["utf-16"]), None);
    let yaml = "---\ntitle: A night\ntruthlens:\n  allowlist: [thug]\n  rules:\n    loaded-language:\n      severity: hint\n---\nThe thug shelled a town.\n\nA brutal night.\n";
    let uri = "file:///drafts/front.md";
    client.open(uri, "markdown", 1, yaml);
    let diagnostics = client.diagnostics(uri, 1);
    assert!(!messages(&diagnostics).contains("thug"), "{diagnostics:#?}");
    assert!(messages(&diagnostics).contains("brutal"));
    assert!(
        diagnostics.iter().all(|d| d["severity"] == 4),
        "hints: {diagnostics:#?}"
    );

    let toml = "+++\ntitle = \"A night\"\n[truthlens.quotes]\npolicy = \"lint\"\n+++\n\"The thug ran,\" she said.\n";
    let uri = "file:///drafts/front-toml.md";
    client.open(uri, "markdown", 1, toml);
    let diagnostics = client.diagnostics(uri, 1);
    assert!(
        messages(&diagnostics).contains("thug"),
        "quotes are linted: {diagnostics:#?}"
    );

    // A bad key: reported on its line, and the draft is reviewed without it.
    let bad = "---\ntruthlens:\n  rules:\n    loaded-language:\n      severity: loud\n---\nThe thug ran.\n";
    let uri = "file:///drafts/front-bad.md";
    client.open(uri, "markdown", 1, bad);
    let diagnostics = client.diagnostics(uri, 1);
    assert_eq!(codes(&diagnostics), ["loaded-language", "invalid-config"]);
    let problem = &diagnostics[1];
    assert_eq!(problem["range"]["start"]["line"], 4, "{problem}");
    assert!(
        problem["message"].as_str().unwrap().contains("loud"),
        "{problem}"
    );
    // Its quick-fix list is empty: it is not a finding.
    let actions = client.code_actions(uri, problem["range"].clone());
    assert!(
        actions
            .iter()
            .all(|a| a["kind"] != "quickfix" || a["diagnostics"][0]["code"] != "invalid-config"),
        "{actions:#?}"
    );
}

#[test]
fn front_matter_settings_reach_the_insert_actions() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/ceasefire-draft.md");
    let article = std::fs::read_to_string(path).unwrap();
    let (mut client, _server) = InMemoryServer::start();
    client.initialize(capabilities(&["utf-16"]), None);
    let mut summaries = Vec::new();
    for (i, sentences) in [3, 1].into_iter().enumerate() {
        let text =
            format!("---\ntruthlens:\n  summary:\n    sentences: {sentences}\n---\n{article}");
        let uri = format!("file:///drafts/summary-{i}.md");
        client.open(&uri, "markdown", 1, &text);
        client.diagnostics(&uri, 1);
        let actions = client.call(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 6, "character": 0}, "end": {"line": 6, "character": 0}},
                   "context": {"diagnostics": [], "only": ["source.truthlens.insertSummary"]}}),
        );
        let summary = actions[0]["edit"]["changes"][&uri][0]["newText"]
            .as_str()
            .unwrap_or_else(|| panic!("{actions:#}"))
            .to_string();
        summaries.push(summary);
    }
    assert!(summaries[1].len() < summaries[0].len(), "{summaries:#?}");
}
