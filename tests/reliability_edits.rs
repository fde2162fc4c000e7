//! Edits never corrupt text. Every code action offered at random positions (quick
//! fixes and source actions) is applied the way an editor applies it, with position
//! arithmetic written independently of the server's, and must give exactly the
//! intended text: the replacement at the right place, everything else identical.
//! Both position encodings, on drafts with CRLF line ends, emoji and CJK.
//!
//! A stale edit (computed for an older version) is refused: when the client supports
//! `documentChanges`, every edit names the version it was computed for, and an editor
//! must not apply it to another version. Without that support edits cannot carry a
//! version (see docs/reliability.md).

mod common;
mod random;

use common::*;
use random::{env_u64, Rng};
use serde_json::{json, Value};
use truthlens::insert::{plan, InsertKind};
use truthlens::{Config, Format};

const URI: &str = "file:///drafts/edits.md";
const FRESH: &str = "file:///drafts/edits-fresh.md";

/// Drafts with CRLF line ends, emoji (surrogate pairs) and CJK (3-byte characters)
/// around the words the rules flag.
fn drafts() -> Vec<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/ceasefire-draft.md");
    let article = std::fs::read_to_string(path).unwrap();
    let spiced = article
        .replace("The ", "😀 The ")
        .replace(". ", ". 和平 ")
        .replace("brutal", "👍🏽brutal");
    vec![
        spiced.replace('\n', "\r\n"),
        spiced,
        "# 停火 Ceasefire 😀\r\n\r\nThe regime slammed critics, experts say. 和平 talks were \
         incredibly brutal.\r\n\r\n> \"It was a shameless thug,\" one official said. 👩‍👩‍👧\r\n"
            .to_string(),
    ]
}

fn start(encoding: &str, document_changes: bool) -> (Client, InMemoryServer, Enc) {
    let (mut client, server) = InMemoryServer::start();
    let mut caps = capabilities(&[encoding]);
    if document_changes {
        caps["workspace"]["workspaceEdit"] = json!({"documentChanges": true});
    }
    let result = client.initialize(caps, None);
    let enc = match result["capabilities"]["positionEncoding"].as_str() {
        Some("utf-8") => Enc::Utf8,
        _ => Enc::Utf16,
    };
    (client, server, enc)
}

/// A random place a client can name: a char boundary, not between `\r` and `\n`.
fn offset(rng: &mut Rng, text: &str) -> usize {
    let mut at = rng.below(text.len() + 1);
    while !text.is_char_boundary(at)
        || (at > 0 && text.as_bytes()[at - 1] == b'\r' && text.as_bytes().get(at) == Some(&b'\n'))
    {
        at -= 1;
    }
    at
}

/// The text edits of an action for our document, and the version they are pinned to.
fn text_edits(action: &Value) -> Option<(Vec<Value>, Option<i64>)> {
    let edit = action.get("edit")?;
    if let Some(changes) = edit.get("changes") {
        return Some((changes[URI].as_array()?.clone(), None));
    }
    let document = edit["documentChanges"]
        .as_array()?
        .iter()
        .find(|d| d["textDocument"]["uri"] == URI)?;
    Some((
        document["edits"].as_array()?.clone(),
        document["textDocument"]["version"].as_i64(),
    ))
}

/// Byte edits (`{span: {start, end}, replacement}`) applied to `text`.
fn apply_byte_edits(text: &str, edits: &[(usize, usize, String)]) -> String {
    let mut sorted = edits.to_vec();
    sorted.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_string();
    for (start, end, replacement) in sorted {
        out.replace_range(start..end, &replacement);
    }
    out
}

/// What the action was meant to do, from the analysis' own byte edits: a quick fix
/// from the library's finding behind its diagnostic (same rule, same range), an
/// insertion from the library's planner.
/// `None` for actions this test does not know the intent of.
fn intended(action: &Value, text: &str, format: Format, enc: Enc) -> Option<String> {
    let kind = action["kind"].as_str()?;
    let insert = match kind {
        "source.truthlens.insertSummary" => Some(InsertKind::Summary),
        "source.truthlens.insertHeadline" => Some(InsertKind::Headline),
        "source.truthlens.insertReport" => Some(InsertKind::Report),
        _ => None,
    };
    if let Some(insert) = insert {
        let edit = match insert {
            // Each suggested headline is its own action, titled with the headline.
            InsertKind::Headline => {
                let title = action["title"].as_str()?;
                let all = truthlens::insert::plan_headlines(text, format, &Config::default());
                all.into_iter()
                    .find(|(headline, _)| title.ends_with(headline.as_str()))?
                    .1
            }
            _ => plan(text, format, insert, &Config::default())?,
        };
        return Some(apply_byte_edits(
            text,
            &[(edit.span.start, edit.span.end, edit.replacement.to_string())],
        ));
    }
    let diagnostic = &action["diagnostics"][0];
    let finding = truthlens::analyze(text, format, &Config::default())
        .findings
        .into_iter()
        .find(|f| {
            diagnostic["code"] == f.rule
                && diagnostic["range"] == range_of(text, f.span.start, f.span.end, enc)
        })?;
    let fix = finding.fixes.iter().find(|f| action["title"] == *f.title)?;
    let edits: Vec<(usize, usize, String)> = fix
        .edits
        .iter()
        .map(|e| (e.span.start, e.span.end, e.replacement.to_string()))
        .collect();
    Some(apply_byte_edits(text, &edits))
}

/// Where two texts first and last differ: everything outside must be identical.
fn assert_only_changed_inside(before: &str, after: &str, edits: &[Value], enc: Enc) {
    let ranges: Vec<(usize, usize)> = edits
        .iter()
        .map(|e| {
            let at = |p: &Value| {
                offset_of(
                    before,
                    p["line"].as_u64().unwrap() as u32,
                    p["character"].as_u64().unwrap() as u32,
                    enc,
                )
            };
            (at(&e["range"]["start"]), at(&e["range"]["end"]))
        })
        .collect();
    let first = ranges.iter().map(|r| r.0).min().unwrap();
    let last = ranges.iter().map(|r| r.1).max().unwrap();
    assert_eq!(
        &after[..first],
        &before[..first],
        "text before the edit changed"
    );
    let tail = before.len() - last;
    assert_eq!(
        &after[after.len() - tail..],
        &before[last..],
        "text after the edit changed"
    );
}

/// The edits as a `didChange`: ranged changes from the last to the first, so each
/// range still means what it meant in the text the edits were computed for.
fn send_as_change(client: &mut Client, version: i64, edits: &[Value], text: &str, enc: Enc) {
    let mut ordered = edits.to_vec();
    ordered.sort_by_key(|e| {
        std::cmp::Reverse(offset_of(
            text,
            e["range"]["start"]["line"].as_u64().unwrap() as u32,
            e["range"]["start"]["character"].as_u64().unwrap() as u32,
            enc,
        ))
    });
    let changes: Vec<Value> = ordered
        .iter()
        .map(|e| json!({"range": e["range"], "text": e["newText"]}))
        .collect();
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": version}, "contentChanges": changes}),
    );
}

fn random_actions_apply_exactly(encoding: &str, document_changes: bool) {
    let mut rng = Rng::new(env_u64("TRUTHLENS_EDITS_SEED", 0xed17));
    let rounds = env_u64("TRUTHLENS_EDITS_ROUNDS", 12) as usize;
    let (mut client, _server, enc) = start(encoding, document_changes);
    let (mut checked, mut unknown) = (0, 0);
    for (n, draft) in drafts().into_iter().enumerate() {
        let uri_version = 1;
        client.open(URI, "markdown", uri_version, &draft);
        let mut text = draft;
        let mut version = uri_version;
        client.diagnostics(URI, version);
        for _ in 0..rounds {
            let (a, b) = (offset(&mut rng, &text), offset(&mut rng, &text));
            let (start, end) = if rng.chance(60) {
                (a, a)
            } else {
                (a.min(b), a.max(b))
            };
            let actions = client.call(
                "textDocument/codeAction",
                json!({"textDocument": {"uri": URI}, "range": range_of(&text, start, end, enc),
                       "context": {"diagnostics": []}}),
            );
            let mut applied_one = None;
            for action in actions.as_array().unwrap() {
                let Some((edits, pinned)) = text_edits(action) else {
                    continue;
                };
                if document_changes {
                    assert_eq!(
                        pinned,
                        Some(version),
                        "edits name their version: {action:#}"
                    );
                }
                let after = apply_text_edits(&text, &edits, enc);
                if !edits.is_empty() {
                    assert_only_changed_inside(&text, &after, &edits, enc);
                }
                match intended(action, &text, Format::Markdown, enc) {
                    Some(expected) => {
                        assert_eq!(after, expected, "draft {n}: {action:#}");
                        checked += 1;
                    }
                    None => unknown += 1,
                }
                if applied_one.is_none() && after != text && rng.chance(50) {
                    applied_one = Some((edits, after));
                }
            }
            // Apply one for real, as an editor would, and check the server followed.
            if let Some((edits, after)) = applied_one {
                version += 1;
                send_as_change(&mut client, version, &edits, &text, enc);
                text = after;
                let diagnostics = client.diagnostics(URI, version);
                client.open(FRESH, "markdown", 1, &text);
                let fresh = client.diagnostics(FRESH, 1);
                client.notify(
                    "textDocument/didClose",
                    json!({"textDocument": {"uri": FRESH}}),
                );
                let retarget = |ds: &[Value]| {
                    ds.iter()
                        .cloned()
                        .map(|mut d| {
                            if let Some(related) = d["relatedInformation"].as_array_mut() {
                                for r in related {
                                    r["location"]["uri"] = json!(URI);
                                }
                            }
                            d
                        })
                        .collect::<Vec<_>>()
                };
                assert_eq!(
                    retarget(&diagnostics),
                    retarget(&fresh),
                    "after applying an edit the server's text differs from the editor's"
                );
            }
        }
        client.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": URI}}),
        );
    }
    assert!(checked >= 10, "too few actions checked ({checked})");
    eprintln!("{encoding}: {checked} actions checked exactly, {unknown} of unknown intent");
}

#[test]
fn random_actions_apply_exactly_utf16() {
    random_actions_apply_exactly("utf-16", false);
}

#[test]
fn random_actions_apply_exactly_utf8_with_versions() {
    random_actions_apply_exactly("utf-8", true);
}

#[test]
fn random_actions_apply_exactly_utf16_with_versions() {
    random_actions_apply_exactly("utf-16", true);
}

/// A quick fix computed for version 1, after the editor applied it (version 2): its
/// range now covers other text, and applying it again would corrupt the document.
/// With versioned edits the editor refuses it; the server's next answer is for the
/// new text and offers nothing there any more.
#[test]
fn a_stale_edit_applied_twice_is_refused_by_its_version() {
    let (mut client, _server, enc) = start("utf-16", true);
    let text = "😀 和平 The thug fled.\r\n";
    client.open(URI, "markdown", 1, text);
    client.diagnostics(URI, 1);
    let span = span_of(text, "thug", 0);
    let actions = client.call(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": range_of(text, span.0, span.1, enc),
               "context": {"diagnostics": [], "only": ["quickfix"]}}),
    );
    let action = &actions[0];
    let (edits, pinned) = text_edits(action).unwrap();
    assert_eq!(pinned, Some(1));
    let once = apply_text_edits(text, &edits, enc);
    assert_eq!(once, intended(action, text, Format::Markdown, enc).unwrap());
    send_as_change(&mut client, 2, &edits, text, enc);
    client.diagnostics(URI, 2);

    // What blind re-application would do: replace the part of the new word that now
    // sits in the old range.
    let twice = apply_text_edits(&once, &edits, enc);
    assert_ne!(twice, once, "an unversioned stale edit is not harmless");
    // An editor compares the pinned version with the document's and refuses.
    let current_version = 2;
    assert_ne!(pinned, Some(current_version), "the stale edit is refused");
    // Asked again, the server answers for version 2: no fix for the neutral word.
    let replacement = &edits[0]["newText"];
    let fixed = span_of(&once, replacement.as_str().unwrap(), 0);
    let again = client.call(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": range_of(&once, fixed.0, fixed.1, enc),
               "context": {"diagnostics": [], "only": ["quickfix"]}}),
    );
    assert_eq!(again, json!([]), "{again:#}");
}

/// The insert commands recompute at execution time against the current text, and
/// a second run replaces the block it inserted: running one twice is harmless.
#[test]
fn running_an_insert_command_twice_replaces_its_block() {
    let (mut client, _server, enc) = start("utf-16", true);
    let mut text = drafts().remove(0);
    client.open(URI, "markdown", 1, &text);
    client.diagnostics(URI, 1);
    for version in [2, 3] {
        client.call(
            "workspace/executeCommand",
            json!({"command": "truthlens.insertReport", "arguments": [URI]}),
        );
        let request = client.applied_edits.pop().expect("an applyEdit request");
        let document = &request["edit"]["documentChanges"][0];
        assert_eq!(document["textDocument"]["version"], version - 1);
        let edits = document["edits"].as_array().unwrap().clone();
        let expected = intended(
            &json!({"kind": "source.truthlens.insertReport"}),
            &text,
            Format::Markdown,
            enc,
        )
        .unwrap();
        let after = apply_text_edits(&text, &edits, enc);
        assert_eq!(after, expected);
        send_as_change(&mut client, version, &edits, &text, enc);
        text = after;
        client.diagnostics(URI, version);
    }
    assert_eq!(
        text.matches("<!-- truthlens:report -->").count(),
        1,
        "one report block after two runs"
    );
}
