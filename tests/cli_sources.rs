//! `truthlens sources` through the real binary: JSON shape, human table, exit code.

use std::path::PathBuf;
use std::process::{Command, Output};

const DRAFT: &str = "# Shelling returns\n\nLina Okafor, a spokesperson for the International Relief Alliance, said in a statement that convoys had been stopped. \"Our teams waited for hours,\" she said.\n\n\"We are asking both sides to honour what they signed.\"\n\nExperts say the ceasefire was doomed. The corridor is closed, according to [the alliance](https://example.org/report).\n";

/// `text` written to draft.md in a fresh temporary folder, with the folder's guard:
/// keep it alive for the whole test, the folder goes when it drops (even on a panic).
fn write_draft(name: &str, text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::Builder::new()
        .prefix(&format!("truthlens-sources-{name}-"))
        .tempdir()
        .unwrap();
    let path = dir.path().join("draft.md");
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

fn truthlens(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_truthlens"))
        .args(args)
        .output()
        .expect("spawn truthlens")
}

#[test]
fn json_lists_attributions_and_sources() {
    let (_dir, path) = write_draft("json", DRAFT);
    let out = truthlens(&["sources", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(doc["version"], 1);
    let file = &doc["files"][0];
    assert_eq!(file["path"], path.to_str().unwrap());

    let attributions = file["attributions"].as_array().expect("attributions");
    let okafor = attributions
        .iter()
        .find(|a| a["source"]["canonical"] == "Lina Okafor" && a["cue"]["text"] == "said")
        .expect("Okafor's first statement");
    for key in ["start", "end", "text", "line", "column"] {
        assert!(okafor["cue"].get(key).is_some(), "cue.{key}");
        assert!(okafor["source"].get(key).is_some(), "source.{key}");
    }
    assert_eq!(okafor["source"]["kind"], "named");
    assert_eq!(okafor["source"]["line"], 3);
    assert_eq!(okafor["source"]["column"], 1);
    assert_eq!(okafor["content"]["text"], "convoys had been stopped");

    // The pronoun resolves to the same canonical source.
    let she = attributions
        .iter()
        .find(|a| a["source"]["text"] == "she")
        .expect("she said");
    assert_eq!(she["source"]["kind"], "pronoun");
    assert_eq!(she["source"]["canonical"], "Lina Okafor");

    // The quote-only paragraph continues her attribution.
    assert!(attributions.iter().any(|a| a["cue"].is_null()
        && a["continues"].is_number()
        && a["source"]["canonical"] == "Lina Okafor"));

    // A link in the sentence is a citation-only attribution pointing at the link.
    let vague = attributions
        .iter()
        .find(|a| a["source"]["kind"] == "vague")
        .expect("experts");
    assert_eq!(vague["source"]["text"], "Experts");

    let sources = file["sources"].as_array().expect("sources");
    let top = sources
        .iter()
        .find(|s| s["name"] == "Lina Okafor")
        .expect("Okafor");
    assert_eq!(top["kind"], "named");
    // "said ...", "she said"; the quote-only paragraph continues the second and is
    // part of it, not a statement of its own (issue #20: one quote, one statement).
    assert_eq!(top["statements"], 2);
    assert!(top["share"].as_f64().unwrap() > 0.4);
    assert_eq!(top["first_mention"]["line"], 3);
}

#[test]
fn citation_only_attribution_points_at_the_link() {
    let text = "The river is polluted.[^1]\n\n[^1]: Regional water survey, 2023.\n";
    let (_dir, path) = write_draft("cite", text);
    let out = truthlens(&["sources", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let a = &doc["files"][0]["attributions"][0];
    assert!(a["cue"].is_null());
    assert_eq!(a["source"]["kind"], "citation");
    assert_eq!(a["source"]["text"], "[^1]");
}

#[test]
fn human_output_lists_attributions_then_the_source_table() {
    let (_dir, path) = write_draft("human", DRAFT);
    let out = truthlens(&["sources", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Attributions"), "{text}");
    assert!(text.contains("[named] -> Lina Okafor"), "{text}");
    assert!(text.contains("she [pronoun] -> Lina Okafor"), "{text}");
    let table = text.split("\nSources\n").nth(1).expect("a source table");
    assert!(
        table.contains("statements") && table.contains("share") && table.contains("first mention"),
        "{table}"
    );
    let okafor_row = table
        .lines()
        .find(|l| l.contains("Lina Okafor"))
        .expect("Okafor row");
    assert!(
        okafor_row.contains("named") && okafor_row.contains("3:1"),
        "{okafor_row}"
    );
}

#[test]
fn missing_file_is_an_error() {
    let out = truthlens(&["sources", "/nonexistent/draft.md"]);
    assert_eq!(out.status.code(), Some(2));
}
