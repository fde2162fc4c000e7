//! Every kind of quick fix over the protocol: take the action the server offers,
//! apply its edit the way an editor would, send the new text, and check that the
//! re-lint leaves no finding of that kind there.

mod common;

use common::*;
use serde_json::{json, Value};

/// The loaded-language diagnostics whose text is `word`.
fn flagged<'a>(diagnostics: &'a [Value], text: &str, word: &str) -> Vec<&'a Value> {
    diagnostics
        .iter()
        .filter(|d| d["code"] == "loaded-language")
        .filter(|d| {
            let r = &d["range"];
            let at = |p: &Value| {
                offset_of(
                    text,
                    p["line"].as_u64().unwrap() as u32,
                    p["character"].as_u64().unwrap() as u32,
                    Enc::Utf16,
                )
            };
            &text[at(&r["start"])..at(&r["end"])] == word
        })
        .collect()
}

/// The action titled `title` offered on the `nth` diagnostic on `word`.
fn action(
    client: &mut Client,
    uri: &str,
    diagnostics: &[Value],
    text: &str,
    word: &str,
    title: &str,
) -> Value {
    let on_word = flagged(diagnostics, text, word);
    let diagnostic = on_word
        .first()
        .unwrap_or_else(|| panic!("no finding on {word:?} in {diagnostics:#?}"));
    let actions = client.code_actions(uri, diagnostic["range"].clone());
    actions
        .iter()
        .find(|a| a["title"] == title)
        .unwrap_or_else(|| panic!("no action {title:?} on {word:?}: {actions:#?}"))
        .clone()
}

fn apply(action: &Value, uri: &str, text: &str) -> String {
    let edits = action["edit"]["changes"][uri]
        .as_array()
        .unwrap_or_else(|| panic!("no edit for {uri}: {action:#}"));
    apply_text_edits(text, edits, Enc::Utf16)
}

/// Open `text`, take `title` on `word`, re-lint: returns the fixed text and its diagnostics.
fn fix(
    client: &mut Client,
    uri: &str,
    language: &str,
    text: &str,
    word: &str,
    title: &str,
) -> (String, Vec<Value>) {
    client.open(uri, language, 1, text);
    let diagnostics = client.diagnostics(uri, 1);
    let chosen = action(client, uri, &diagnostics, text, word, title);
    assert_eq!(chosen["kind"], "quickfix");
    let fixed = apply(&chosen, uri, text);
    client.replace_all(uri, 2, &fixed);
    let after = client.diagnostics(uri, 2);
    (fixed, after)
}

fn start() -> Client {
    let (client, server) = InMemoryServer::start();
    std::mem::forget(server);
    let mut client = client;
    // Blockquotes are reviewed like the writer's own words, so that the ignore
    // fix can be tried inside one.
    client.initialize(
        capabilities(&["utf-16"]),
        Some(json!({"quotes": {"blockquotes": false}})),
    );
    client
}

#[test]
fn rule_fixes_leave_nothing_of_their_kind() {
    let mut client = start();
    let cases = [
        (
            "Critics slammed the plan.\n",
            "slammed",
            "Replace with \"criticised\"",
            "Critics criticised the plan.\n",
        ),
        (
            "It was an extremely unfair decision.\n",
            "extremely unfair",
            "Remove \"extremely\"",
            "It was an unfair decision.\n",
        ),
        (
            "Extremely dangerous roads were closed.\n",
            "Extremely dangerous",
            "Remove \"Extremely\"",
            "Dangerous roads were closed.\n",
        ),
        (
            "It was an incredibly brutal attack.\n",
            "incredibly brutal",
            "Replace with \"harsh\"",
            "It was a harsh attack.\n",
        ),
    ];
    for (i, (text, word, title, expected)) in cases.into_iter().enumerate() {
        let uri = format!("file:///drafts/rule-fix-{i}.md");
        let (fixed, after) = fix(&mut client, &uri, "markdown", text, word, title);
        assert_eq!(fixed, expected);
        assert!(
            after.iter().all(|d| d["code"] != "loaded-language"),
            "{title}: {after:#?}"
        );
    }
    // Removing the intensifier of a loaded word leaves the plain word's own
    // finding, but not the intensifier's.
    let text = "It was an incredibly brutal attack.\n";
    let (fixed, after) = fix(
        &mut client,
        "file:///drafts/rule-fix-boost.md",
        "markdown",
        text,
        "incredibly brutal",
        "Remove \"incredibly\"",
    );
    assert_eq!(fixed, "It was a brutal attack.\n");
    assert!(
        after
            .iter()
            .all(|d| !d["message"].as_str().unwrap().contains("intensifies")),
        "{after:#?}"
    );
}

#[test]
fn ignore_here_silences_exactly_that_block_in_every_container() {
    let mut client = start();
    // (language, text): the first "thug" is ignored, the last one stays flagged.
    let cases = [
        ("markdown", "Intro.\n\nThe thug fell.\n\nAnother thug.\n"),
        ("markdown", "- One.\n- The thug rose.\n- Another thug.\n"),
        ("markdown", "1. One.\n2. The thug rose.\n\nAnother thug.\n"),
        ("markdown", "> Our view: the thug fell.\n\nAnother thug.\n"),
        (
            "markdown",
            "> - One.\n> - The thug rose.\n\nAnother thug.\n",
        ),
        (
            "markdown",
            "- Item:\n  > The thug spoke.\n\nAnother thug.\n",
        ),
        (
            "markdown",
            "| a | b |\n|---|---|\n| x | the thug |\n\nAnother thug.\n",
        ),
        ("markdown", "- [ ] Fire the thug.\n- [ ] Another thug.\n"),
        (
            "markdown",
            "---\ntitle: T\n---\nThe thug fell.\n\nAnother thug.\n",
        ),
        (
            "markdown",
            "Intro.\r\n\r\nThe thug fell.\r\n\r\nAnother thug.\r\n",
        ),
        ("markdown", "Intro.\n\nThe thug fell.\n"),
        ("plaintext", "Title\n\nThe thug fell.\n\nAnother thug.\n"),
        ("plaintext", "Title\n\n- The thug fell.\n- Another thug.\n"),
    ];
    for (i, (language, text)) in cases.into_iter().enumerate() {
        let extension = if language == "markdown" { "md" } else { "txt" };
        let uri = format!("file:///drafts/ignore-{i}.{extension}");
        let (fixed, after) = fix(
            &mut client,
            &uri,
            language,
            text,
            "thug",
            "Ignore \"thug\" here (loaded-language)",
        );
        let thugs = fixed.matches("thug").count() - 1; // one is in the directive
        let still = flagged(&after, &fixed, "thug").len();
        assert_eq!(
            still,
            thugs - 1,
            "case {i}: exactly the ignored one drops out\n{fixed}\n{after:#?}"
        );
        if let Some(last) = after.last() {
            let last_line = last["range"]["start"]["line"].as_u64().unwrap() as usize;
            assert!(
                fixed
                    .lines()
                    .nth(last_line)
                    .unwrap()
                    .contains("Another thug"),
                "case {i}: the other block keeps its finding\n{fixed}"
            );
        }
        // The Markdown still has the same blocks: nothing visible changed.
        if language == "markdown" {
            let before = truthlens::analysis::prose::map(text, truthlens::Format::Markdown);
            let now = truthlens::analysis::prose::map(&fixed, truthlens::Format::Markdown);
            assert_eq!(before.blocks.len(), now.blocks.len(), "case {i}:\n{fixed}");
        }
    }
}

#[test]
fn disable_in_this_file_goes_after_the_front_matter() {
    let mut client = start();
    for (uri, language, text) in [
        (
            "file:///drafts/disable.md",
            "markdown",
            "---\ntitle: T\n---\n# The thug\n\nA brutal night.\n",
        ),
        (
            "file:///drafts/disable.txt",
            "plaintext",
            "The thug\n\nA brutal night.\n",
        ),
    ] {
        let (fixed, after) = fix(
            &mut client,
            uri,
            language,
            text,
            "brutal",
            "Disable loaded-language in this file",
        );
        assert!(after.is_empty(), "{fixed}\n{after:#?}");
        if language == "markdown" {
            assert!(
                fixed.starts_with(
                    "---\ntitle: T\n---\n<!-- truthlens-disable loaded-language -->\n# The thug"
                ),
                "{fixed}"
            );
        } else {
            assert!(
                fixed.starts_with("truthlens: disable loaded-language\nThe thug"),
                "{fixed}"
            );
        }
    }
}

/// Client capabilities that allow creating files through workspace edits.
fn editing_capabilities() -> Value {
    let mut caps = capabilities(&["utf-16"]);
    caps["workspace"]["workspaceEdit"] =
        json!({"documentChanges": true, "resourceOperations": ["create", "rename", "delete"]});
    caps
}

fn execute(client: &mut Client, action: &Value) {
    let command = &action["command"];
    assert_eq!(command["command"], "truthlens.addToAllowlist", "{action:#}");
    client.call(
        "workspace/executeCommand",
        json!({"command": command["command"], "arguments": command["arguments"]}),
    );
}

#[test]
fn allowlist_command_creates_then_edits_the_project_config() {
    let tmp = temp_folder("allowlist");
    let folder = tmp.path();
    std::fs::create_dir_all(folder.join("drafts")).unwrap();
    let uri = file_uri(&folder.join("drafts/story.md"));
    let config_path = folder.join(".truthlens.toml");
    let config_uri = file_uri(&config_path);
    let text = "The thug shelled the town.\n\nResidents describe a brutal night.\n";

    let (mut client, _server) = InMemoryServer::start();
    client.initialize_in(editing_capabilities(), None, folder);
    client.open(&uri, "markdown", 1, text);
    let diagnostics = client.diagnostics(&uri, 1);

    // 1. No config yet: the edit creates it at the workspace root.
    let chosen = action(
        &mut client,
        &uri,
        &diagnostics,
        text,
        "thug",
        "Add \"thug\" to the project allowlist",
    );
    assert!(chosen.get("edit").is_none(), "written only when picked");
    assert!(!config_path.exists());
    execute(&mut client, &chosen);
    let edit = client.applied_edits.last().unwrap()["edit"].clone();
    let changes = edit["documentChanges"].as_array().unwrap();
    assert_eq!(changes[0]["kind"], "create");
    assert_eq!(changes[0]["uri"], config_uri);
    assert_eq!(changes[1]["textDocument"]["uri"], config_uri);
    let created = changes[1]["edits"][0]["newText"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(created.contains("allowlist = [\"thug\"]"), "{created}");
    // The server re-lints at once, before the editor saves the new file.
    let relinted = client.diagnostics_where(&uri, "thug to be allowlisted", |ds| {
        !ds.is_empty() && flagged(ds, text, "thug").is_empty()
    });
    let diagnostics = relinted["diagnostics"].as_array().unwrap().clone();

    // 2. The editor saved it and the writer opened it and added a comment.
    std::fs::write(&config_path, &created).unwrap();
    let open_text = format!("# house rules\n{created}");
    client.open(&config_uri, "toml", 7, &open_text);
    assert!(
        client.diagnostics(&config_uri, 7).is_empty(),
        "a valid config"
    );
    let chosen = action(
        &mut client,
        &uri,
        &diagnostics,
        text,
        "brutal",
        "Add \"brutal\" to the project allowlist",
    );
    execute(&mut client, &chosen);
    let edit = client.applied_edits.last().unwrap()["edit"].clone();
    let document_edit = &edit["documentChanges"][0];
    assert_eq!(document_edit["textDocument"]["uri"], config_uri);
    assert_eq!(
        document_edit["textDocument"]["version"], 7,
        "edits the open buffer"
    );
    let edits = document_edit["edits"].as_array().unwrap();
    let updated = apply_text_edits(&open_text, edits, Enc::Utf16);
    assert_eq!(
        updated,
        format!(
            "# house rules\n{}",
            created.replace("[\"thug\"]", "[\"thug\", \"brutal\"]")
        )
    );
    client.diagnostics_where(&uri, "both allowlisted", |ds| ds.is_empty());
    // The editor applied the edit to its buffer.
    client.replace_all(&config_uri, 8, &updated);

    // 3. Asked again: nothing to write, and the editor is told why.
    let before = client.applied_edits.len();
    execute(&mut client, &chosen);
    client.wait_for("an 'already listed' message", |m| {
        m["method"] == "window/showMessage"
            && m["params"]["message"]
                .as_str()
                .is_some_and(|s| s.contains("already on the allowlist"))
    });
    assert_eq!(client.applied_edits.len(), before);
}

#[test]
fn allowlist_refuses_what_it_cannot_do() {
    let tmp = temp_folder("allowlist-refused");
    let folder = tmp.path();
    let uri = file_uri(&folder.join("story.md"));
    let text = "The thug fell.\n";
    // A client that cannot create files.
    let (mut client, _server) = InMemoryServer::start();
    client.initialize_in(capabilities(&["utf-16"]), None, folder);
    client.open(&uri, "markdown", 1, text);
    let diagnostics = client.diagnostics(&uri, 1);
    let chosen = action(
        &mut client,
        &uri,
        &diagnostics,
        text,
        "thug",
        "Add \"thug\" to the project allowlist",
    );
    execute(&mut client, &chosen);
    let refusal = client.wait_for("a refusal", |m| m["method"] == "window/showMessage");
    assert_eq!(refusal["params"]["type"], 1, "an error");
    let message = refusal["params"]["message"].as_str().unwrap();
    assert!(
        message.contains("cannot create files") && message.contains("allowlist = [\"thug\"]"),
        "{message}"
    );
    assert!(client.applied_edits.is_empty());
    assert!(!folder.join(".truthlens.toml").exists());

    // A document outside the workspace: no allowlist action, and the command refuses.
    let outside = "file:///elsewhere/story.md";
    client.open(outside, "markdown", 1, text);
    let diagnostics = client.diagnostics(outside, 1);
    let range = flagged(&diagnostics, text, "thug")[0]["range"].clone();
    let actions = client.code_actions(outside, range);
    assert!(
        actions
            .iter()
            .all(|a| !a["title"].as_str().unwrap().contains("allowlist")),
        "{actions:#?}"
    );
    client.forget_backlog();
    client.call(
        "workspace/executeCommand",
        json!({"command": "truthlens.addToAllowlist", "arguments": [{"uri": outside, "term": "thug"}]}),
    );
    let refusal = client.wait_for("a refusal", |m| m["method"] == "window/showMessage");
    assert!(
        refusal["params"]["message"]
            .as_str()
            .unwrap()
            .contains("outside the workspace"),
        "{refusal}"
    );
    assert!(client.applied_edits.is_empty());
}

#[test]
fn a_whole_clause_gets_no_allowlist_action_and_its_hover_no_alternatives() {
    let tmp = temp_folder("allowlist-clause");
    let folder = tmp.path();
    let uri = file_uri(&folder.join("story.md"));
    let text = "Michael, not his real name, said his superiors locked him in a pit.\n\n\
                One official said the thug fled.\n";
    let (mut client, _server) = InMemoryServer::start();
    client.initialize_in(editing_capabilities(), None, folder);
    client.open(&uri, "markdown", 1, text);
    let diagnostics = client.diagnostics(&uri, 1);
    let clause = diagnostics
        .iter()
        .find(|d| d["code"] == "single-source" && d["range"]["start"]["line"] == 0)
        .unwrap_or_else(|| panic!("no single-source finding on the clause: {diagnostics:#?}"));
    let titles = |actions: Vec<Value>| -> Vec<String> {
        actions
            .iter()
            .map(|a| a["title"].as_str().unwrap().to_string())
            .collect()
    };
    let offered = titles(client.code_actions(&uri, clause["range"].clone()));
    assert!(
        offered.iter().all(|t| !t.contains("allowlist")),
        "a clause is no term: {offered:?}"
    );
    assert!(
        offered.iter().any(|t| t.contains("single-source")),
        "the other silencers stay: {offered:?}"
    );
    // A term in the same draft still gets it.
    let thug = flagged(&diagnostics, text, "thug")[0]["range"].clone();
    let offered = titles(client.code_actions(&uri, thug));
    assert!(
        offered.contains(&"Add \"thug\" to the project allowlist".to_string()),
        "{offered:?}"
    );
    // A sourcing finding's hover asks for a source, not for "alternatives".
    let start = &clause["range"]["start"];
    let hover = client.hover(
        &uri,
        start["line"].as_u64().unwrap() as u32,
        start["character"].as_u64().unwrap() as u32 + 1,
    );
    let shown = hover["contents"]["value"].as_str().unwrap();
    assert!(shown.contains("single-source"), "{shown}");
    assert!(!shown.contains("Alternatives"), "{shown}");
}
