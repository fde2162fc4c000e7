//! Safety boundaries of the real binary: panics are contained (test hook
//! `TRUTHLENS_TEST_PANIC`), huge documents get a notice instead of an analysis, and
//! a whole editing session writes nothing to disk.

mod common;
mod logged;

use common::*;
use logged::LoggedServer;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

const URI: &str = "file:///drafts/safety.md";
const TEXT: &str = "😀 和平 The thug shelled the town.\n\nResidents describe a brutal night.\n";

fn started(env: &[(&str, &str)], options: Option<Value>) -> (Client, LoggedServer) {
    let (mut client, server) = LoggedServer::start(env);
    client.initialize(capabilities(&["utf-16"]), options);
    (client, server)
}

fn code_actions(client: &mut Client, uri: &str, line: u32, character: u32) -> Value {
    let position = json!({"line": line, "character": character});
    client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": position, "end": position},
               "context": {"diagnostics": []}}),
    )
}

#[test]
fn a_panicking_request_gets_an_internal_error_and_the_server_stays_up() {
    let (mut client, server) = started(&[("TRUTHLENS_TEST_PANIC", "textDocument/hover")], None);
    client.open(URI, "markdown", 1, TEXT);
    client.diagnostics(URI, 1);
    let reply = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 0, "character": 11}}),
    );
    assert_eq!(reply["error"]["code"], -32603, "{reply}");
    server.wait_log(&[
        "internal error",
        "textDocument/hover request handler panicked",
    ]);
    // Everything else still works, including state changes after the panic.
    let actions = code_actions(&mut client, URI, 0, 11);
    assert!(
        actions["result"].as_array().is_some_and(|a| !a.is_empty()),
        "{actions}"
    );
    client.change(URI, 2, &[((2, 0), (2, 0), "The regime fell. ")]);
    assert!(client
        .diagnostics(URI, 2)
        .iter()
        .any(|d| d["range"]["start"]["line"] == 2 && d["code"] == "loaded-language"));
}

#[test]
fn a_panicking_notification_is_dropped_and_logged() {
    let (mut client, server) = started(&[("TRUTHLENS_TEST_PANIC", "textDocument/didSave")], None);
    client.open(URI, "markdown", 1, TEXT);
    client.diagnostics(URI, 1);
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": URI}}),
    );
    server.wait_log(&["textDocument/didSave notification handler panicked"]);
    let hover = client.hover(URI, 0, 11);
    assert!(hover["contents"]["value"].is_string(), "{hover}");
}

#[test]
fn a_panicking_command_gets_an_internal_error() {
    let (mut client, server) = started(
        &[("TRUTHLENS_TEST_PANIC", "workspace/executeCommand")],
        None,
    );
    client.open(URI, "markdown", 1, TEXT);
    client.diagnostics(URI, 1);
    let reply = client.request(
        "workspace/executeCommand",
        json!({"command": "truthlens.insertReport", "arguments": [URI]}),
    );
    assert_eq!(reply["error"]["code"], -32603, "{reply}");
    server.wait_log(&["workspace/executeCommand request handler panicked"]);
    assert!(client.hover(URI, 0, 11)["contents"]["value"].is_string());
}

#[test]
fn a_panicking_analysis_gives_a_notice_and_the_next_edit_recovers() {
    let (mut client, server) = started(&[("TRUTHLENS_TEST_PANIC", "analysis")], None);
    let text = format!("{TEXT}truthlens-test-panic\n");
    client.open(URI, "markdown", 1, &text);
    let diagnostics = client.diagnostics(URI, 1);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let notice = &diagnostics[0];
    assert_eq!(notice["code"], "truthlens");
    let message = notice["message"].as_str().unwrap();
    assert!(message.contains("internal error"), "{message}");
    assert_eq!(notice["severity"], 3, "information");
    server.wait_log(&["internal error: the analysis panicked"]);
    // Hover and code actions still answer; nothing is computed from the failed text.
    assert_eq!(client.hover(URI, 0, 11), Value::Null);
    let actions = code_actions(&mut client, URI, 0, 11);
    assert_eq!(actions["result"], json!([]), "{actions}");
    // Remove the trigger: a normal review again.
    client.change(URI, 2, &[((3, 0), (3, 20), "")]);
    let diagnostics = client.diagnostics(URI, 2);
    assert!(
        diagnostics.iter().any(|d| d["code"] == "loaded-language"),
        "{diagnostics:#?}"
    );
}

#[test]
fn a_document_over_the_configured_limit_gets_one_notice() {
    let options = json!({"max-document-bytes": 2000});
    let (mut client, _server) = started(&[], Some(options));
    let big = TEXT.repeat(40);
    assert!(big.len() > 2000);
    client.open(URI, "markdown", 1, &big);
    let diagnostics = client.diagnostics(URI, 1);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(diagnostics[0]["code"], "truthlens");
    assert_eq!(diagnostics[0]["severity"], 3);
    let message = diagnostics[0]["message"].as_str().unwrap();
    assert!(message.contains("over the limit of 2000"), "{message}");
    // No insert actions are computed from a document that was not reviewed.
    assert_eq!(code_actions(&mut client, URI, 0, 11)["result"], json!([]));
    // Back under the limit: reviewed again.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 2}, "contentChanges": [{"text": TEXT}]}),
    );
    let diagnostics = client.diagnostics(URI, 2);
    assert!(diagnostics.iter().any(|d| d["code"] == "loaded-language"));
}

#[test]
fn the_default_limit_is_ten_mebibytes() {
    let (mut client, _server) = started(&[], None);
    let line = "The thug shelled the town.\n";
    let big = line.repeat(10 * 1024 * 1024 / line.len() + 1);
    assert!(big.len() > 10 * 1024 * 1024);
    client.open(URI, "markdown", 1, &big);
    let diagnostics = client.diagnostics(URI, 1);
    assert_eq!(diagnostics.len(), 1);
    let message = diagnostics[0]["message"].as_str().unwrap();
    assert!(message.contains("over the limit of 10485760"), "{message}");
}

/// Every file under `dir` with its length, modification time and contents.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (u64, SystemTime, Vec<u8>)> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        for entry in std::fs::read_dir(&current).unwrap() {
            let entry = entry.unwrap();
            let meta = entry.metadata().unwrap();
            if meta.is_dir() {
                stack.push(entry.path());
            }
            let contents = if meta.is_file() {
                std::fs::read(entry.path()).unwrap()
            } else {
                Vec::new()
            };
            files.insert(
                entry.path(),
                (meta.len(), meta.modified().unwrap(), contents),
            );
        }
    }
    files
}

#[test]
fn a_whole_editing_session_writes_nothing() {
    let tmp = temp_folder("no-writes");
    let dir = tmp.path();
    let drafts = dir.join("drafts");
    std::fs::create_dir_all(&drafts).unwrap();
    std::fs::write(dir.join(".truthlens.toml"), "allowlist = [\"regime\"]\n").unwrap();
    let path = drafts.join("story.md");
    std::fs::write(&path, TEXT).unwrap();
    let uri = file_uri(&path);
    let before = snapshot(dir);

    let (mut client, mut server) = LoggedServer::start_in(dir, &[]);
    let mut caps = capabilities(&["utf-16"]);
    caps["workspace"]["workspaceEdit"] = json!({"documentChanges": true});
    client.initialize(caps, None);
    client.open(&uri, "markdown", 1, TEXT);
    client.diagnostics(&uri, 1);
    client.change(&uri, 2, &[((2, 0), (2, 0), "The regime slammed critics. ")]);
    client.diagnostics(&uri, 2);
    for line in 0..3 {
        code_actions(&mut client, &uri, line, 5);
        client.hover(&uri, line, 5);
    }
    for command in [
        "truthlens.insertSummary",
        "truthlens.insertHeadline",
        "truthlens.insertReport",
    ] {
        client.call(
            "workspace/executeCommand",
            json!({"command": command, "arguments": [uri]}),
        );
    }
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri}}),
    );
    client.push_settings(json!({"quotes": {"policy": "lint"}}));
    client.hover(&uri, 0, 0);
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    client.shutdown_and_exit();
    assert_eq!(server.wait_exit(logged::PROMPTLY).unwrap().code(), Some(0));
    // The edits were the client's to apply (it did not): the disk is untouched.
    assert!(
        !client.applied_edits.is_empty(),
        "the commands asked for edits"
    );
    assert_eq!(snapshot(dir), before, "the server wrote to the workspace");
}

/// Client capabilities that allow creating files through workspace edits.
fn creating_capabilities() -> Value {
    let mut caps = capabilities(&["utf-16"]);
    caps["workspace"]["workspaceEdit"] =
        json!({"documentChanges": true, "resourceOperations": ["create"]});
    caps
}

/// Run `truthlens.addToAllowlist` for a draft in `root` (the workspace root, as a
/// URI) on the real binary, and return the message the user was shown, after
/// checking that it was logged too and that no edit was proposed.
fn allowlist_refusal(root: &str, draft: &Path) -> String {
    allowlist_refusal_with(root, draft, &[])
}

/// `allowlist_refusal`, with extra environment variables for the server.
fn allowlist_refusal_with(root: &str, draft: &Path, env: &[(&str, &str)]) -> String {
    let (mut client, server) = LoggedServer::start_in(draft.parent().unwrap(), env);
    let params = json!({
        "processId": null, "rootUri": root, "capabilities": creating_capabilities(),
        "workspaceFolders": [{"uri": root, "name": "workspace"}]
    });
    client.call("initialize", params);
    client.notify("initialized", json!({}));
    let uri = file_uri(draft);
    client.call(
        "workspace/executeCommand",
        json!({"command": "truthlens.addToAllowlist", "arguments": [{"uri": uri, "term": "thug"}]}),
    );
    let message = client.wait_for("the refusal", |m| {
        m["method"] == "window/showMessage"
            && m["params"]["message"]
                .as_str()
                .is_some_and(|s| s.contains("cannot add \"thug\""))
    });
    let message = message["params"]["message"].as_str().unwrap().to_string();
    server.wait_log(&[message.trim_start_matches("TruthLens: ")]);
    // Still serving: the refusal held nothing.
    client.open(&uri, "markdown", 1, "The thug shelled the town.\n");
    assert!(!client.diagnostics(&uri, 1).is_empty());
    assert!(
        client.applied_edits.is_empty(),
        "{:#?}",
        client.applied_edits
    );
    message
}

/// Found by the hostile probe: with `.truthlens.toml` a link to a file outside the
/// workspace, the allowlist edit rewrote that file; with a dangling link, it created
/// the file outside.
#[test]
fn the_allowlist_action_does_not_write_through_a_link_out_of_the_workspace() {
    let outside = temp_folder("outside");
    let tmp = temp_folder("linked");
    let folder = tmp.path();
    let draft = folder.join("story.md");
    std::fs::write(&draft, "The thug shelled the town.\n").unwrap();
    let target = outside.path().join("victim.toml");
    std::fs::write(&target, "allowlist = []\n").unwrap();
    std::os::unix::fs::symlink(&target, folder.join(".truthlens.toml")).unwrap();
    let message = allowlist_refusal(&file_uri(folder), &draft);
    assert!(
        message.contains("outside the workspace folder") && message.contains("victim.toml"),
        "{message}"
    );
    std::fs::remove_file(&target).unwrap();
    let message = allowlist_refusal(&file_uri(folder), &draft);
    assert!(message.contains("which does not exist"), "{message}");
}

/// Found by the hostile probe: with `rootUri: file:///`, the action proposed
/// creating `/.truthlens.toml`, a config for every draft on the machine.
#[test]
fn the_allowlist_action_refuses_a_workspace_at_the_root_of_the_machine() {
    let tmp = temp_folder("root-workspace");
    let draft = tmp.path().join("story.md");
    std::fs::write(&draft, "The thug shelled the town.\n").unwrap();
    let message = allowlist_refusal("file:///", &draft);
    assert!(
        message.contains("/.truthlens.toml would apply to every draft below /;"),
        "{message}"
    );
}

/// The same through links: a workspace folder that leads to `/` or to the home
/// folder, or one above the home folder, is refused too.
#[test]
fn the_allowlist_action_refuses_a_workspace_that_leads_to_the_root_or_home_folder() {
    let tmp = temp_folder("wide-workspace");
    let home = tmp.path().join("people/me");
    std::fs::create_dir_all(&home).unwrap();
    let home_env = [("HOME", home.to_str().unwrap())];
    let root_link = tmp.path().join("machine");
    std::os::unix::fs::symlink("/", &root_link).unwrap();
    let home_link = tmp.path().join("my-home");
    std::os::unix::fs::symlink(&home, &home_link).unwrap();
    let draft_in = |folder: &Path| {
        let draft = folder.join("story.md");
        std::fs::write(&draft, "The thug shelled the town.\n").unwrap();
        draft
    };
    // `machine/<this temp folder>/story.md` is the draft of a workspace at `machine`.
    let inside = tmp.path().strip_prefix("/").unwrap();
    let through_root = root_link.join(inside).join("story.md");
    draft_in(tmp.path());
    let cases = [
        (file_uri(&root_link), through_root, "below /;"),
        (file_uri(&home_link), draft_in(&home_link), "below "),
        (
            file_uri(&tmp.path().join("people")),
            draft_in(&tmp.path().join("people")),
            "below ",
        ),
    ];
    for (root, draft, says) in cases {
        let message = allowlist_refusal_with(&root, &draft, &home_env);
        assert!(
            message.contains("would apply to every draft") && message.contains(says),
            "{root}: {message}"
        );
    }
}

/// Found by the hostile probe: a `.truthlens.toml` that is not UTF-8 was taken for
/// a missing one, and a whole new file was inserted at its start.
#[test]
fn the_allowlist_action_never_edits_a_config_it_could_not_read() {
    let tmp = temp_folder("unreadable-config");
    let folder = tmp.path();
    let draft = folder.join("story.md");
    std::fs::write(&draft, "The thug shelled the town.\n").unwrap();
    let config = folder.join(".truthlens.toml");
    std::fs::write(&config, b"allowlist = [\"caf\xe9\"]\n").unwrap();
    let message = allowlist_refusal(&file_uri(folder), &draft);
    assert!(
        message.contains("cannot read") && message.contains("not valid UTF-8"),
        "{message}"
    );
    assert_eq!(
        std::fs::read(&config).unwrap(),
        b"allowlist = [\"caf\xe9\"]\n"
    );
}

/// Found while fixing the above: a `.truthlens.toml` that is a FIFO was opened to be
/// read, which blocked the server until someone wrote to it (hover, diagnostics,
/// everything stopped). A config that is not a regular file is refused unopened.
#[test]
fn the_allowlist_action_does_not_open_a_config_that_is_not_a_file() {
    let tmp = temp_folder("fifo-config");
    let folder = tmp.path();
    let draft = folder.join("story.md");
    std::fs::write(&draft, "The thug shelled the town.\n").unwrap();
    let config = std::ffi::CString::new(folder.join(".truthlens.toml").to_str().unwrap()).unwrap();
    // SAFETY: mkfifo only reads the path it is given.
    assert_eq!(unsafe { libc::mkfifo(config.as_ptr(), 0o600) }, 0);
    let message = allowlist_refusal(&file_uri(folder), &draft);
    assert!(message.contains("is not a regular file"), "{message}");
}

/// A new config is created with `overwrite: false, ignoreIfExists: false`: if a file
/// appeared there since the server looked, the client refuses the edit, rather than
/// insert a whole new file at the start of the existing one.
#[test]
fn the_allowlist_action_never_inserts_into_a_file_it_did_not_read() {
    let tmp = temp_folder("new-config");
    let folder = tmp.path();
    let draft = folder.join("story.md");
    std::fs::write(&draft, "The thug shelled the town.\n").unwrap();
    let (mut client, _server) = LoggedServer::start_in(folder, &[]);
    client.initialize_in(creating_capabilities(), None, folder);
    client.call(
        "workspace/executeCommand",
        json!({"command": "truthlens.addToAllowlist",
               "arguments": [{"uri": file_uri(&draft), "term": "thug"}]}),
    );
    let changes = &client.applied_edits[0]["edit"]["documentChanges"];
    assert_eq!(changes[0]["kind"], "create", "{changes:#}");
    assert_eq!(
        changes[0]["options"],
        json!({"overwrite": false, "ignoreIfExists": false}),
        "{changes:#}"
    );
}
