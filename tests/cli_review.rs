//! `truthlens summary`, `headline` and `report` through the real binary.

use std::path::PathBuf;
use std::process::{Command, Output};

const DRAFT: &str = "\
# Sea wall vote

Lowmouth council voted on Tuesday to rebuild the town's old sea wall, the council chair said.
The wall was breached twice during the winter storms and flooded forty homes.
Work on the new wall will begin in the spring and should take two years.

Funding will come from a national coastal defence grant and a small local levy.
";

/// `contents` written to `name` in a fresh temporary folder, with the folder's guard:
/// keep it alive for the whole test, the folder goes when it drops (even on a panic).
fn temp_file(name: &str, contents: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::Builder::new()
        .prefix(&format!("truthlens-review-{name}-"))
        .tempdir()
        .unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, contents).unwrap();
    (dir, path)
}

fn truthlens(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_truthlens"))
        .args(args)
        .output()
        .expect("spawn truthlens")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn ok(o: &Output) {
    assert_eq!(
        o.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn summary_prints_sentences_one_per_line_without_markers() {
    let (_dir, path) = temp_file("summary.md", DRAFT);
    let out = truthlens(&["summary", path.to_str().unwrap()]);
    ok(&out);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[0].starts_with("Lowmouth council voted"), "{text}");
    assert!(!text.contains("truthlens:"), "{text}");
    assert!(!text.contains('>'), "no blockquote prefix: {text}");
    assert!(
        !text.contains("Sea wall vote"),
        "the title is not a summary sentence"
    );
}

#[test]
fn summary_ignores_a_summary_block_already_in_the_draft() {
    let with_block = DRAFT.replacen(
        "# Sea wall vote\n",
        "# Sea wall vote\n\n<!-- truthlens:summary -->\n> An outdated summary sentence that is long enough.\n<!-- /truthlens:summary -->\n",
        1,
    );
    let (_dir_a, a) = temp_file("a.md", DRAFT);
    let (_dir_b, b) = temp_file("b.md", &with_block);
    let a = truthlens(&["summary", a.to_str().unwrap()]);
    let b = truthlens(&["summary", b.to_str().unwrap()]);
    ok(&b);
    assert_eq!(stdout(&a), stdout(&b));
}

#[test]
fn headline_prints_one_short_neutral_line() {
    let (_dir, path) = temp_file("headline.md", DRAFT);
    let out = truthlens(&["headline", path.to_str().unwrap()]);
    ok(&out);
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 1, "{text}");
    let headline = text.trim();
    assert!(headline.split_whitespace().count() <= 12, "{headline}");
    assert!(headline.contains("council vote"), "{headline}");
    assert!(headline.contains("to rebuild"), "{headline}");
    assert!(
        !headline.contains("Tuesday"),
        "time phrase dropped: {headline}"
    );
    assert!(
        !headline.contains("said"),
        "the attribution in headline form: {headline}"
    );
}

#[test]
fn report_markdown_and_versioned_json() {
    let (_dir, path) = temp_file("report.md", DRAFT);
    let out = truthlens(&["report", path.to_str().unwrap()]);
    ok(&out);
    let md = stdout(&out);
    assert!(md.starts_with("## TruthLens review"), "{md}");
    assert!(md.contains("**Level: "), "{md}");
    assert!(md.contains("| single-source |"), "{md}");
    assert!(md.contains("words of the writer's own prose"), "{md}");

    let out = truthlens(&["report", path.to_str().unwrap(), "--format", "json"]);
    ok(&out);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
    assert_eq!(json["version"], 1);
    assert!(matches!(
        json["level"].as_str(),
        Some("low" | "moderate" | "high")
    ));
    assert!(json["rules"].as_array().is_some_and(|r| r.len() >= 3));
    assert!(json["loaded_language"]["words"].as_u64().unwrap() > 40);
    assert!(json["source_totals"]["named"].is_object());
}

#[test]
fn missing_file_is_exit_2() {
    for cmd in ["summary", "headline", "report"] {
        let out = truthlens(&[cmd, "/nonexistent/draft.md"]);
        assert_eq!(out.status.code(), Some(2), "{cmd}");
    }
}

#[test]
fn nothing_to_print_is_exit_1_with_the_reason() {
    let (_dir, path) = temp_file("empty.md", "x\n");
    for command in ["summary", "headline"] {
        let out = truthlens(&[command, path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{command}");
        assert_eq!(stdout(&out), "", "{command}");
        let errors = String::from_utf8_lossy(&out.stderr);
        assert!(errors.contains("empty.md"), "{command}: {errors}");
    }
}

#[test]
fn a_folder_given_to_a_one_draft_command_is_exit_2() {
    let (dir, _path) = temp_file("draft.md", DRAFT);
    let folder = dir.path().to_str().unwrap();
    for command in ["summary", "headline", "report", "sources"] {
        let out = truthlens(&[command, folder]);
        assert_eq!(out.status.code(), Some(2), "{command}");
        assert_eq!(
            stdout(&out),
            "",
            "{command}: nothing labelled with the folder"
        );
        let errors = String::from_utf8_lossy(&out.stderr);
        assert!(
            errors.contains("is a folder") && errors.contains("name a file"),
            "{command}: {errors}"
        );
    }
}

/// A passage written for this test in the style of generated prose.
const GENERATED: &str = "\
In today's fast-paced world, the small town of Elmbrook stands as a testament to resilience.
Its residents have navigated the complexities of change with grace.
It is important to note that the town's rich tapestry of traditions plays a pivotal role in daily life.
";

#[test]
fn report_json_has_the_reading_level_and_the_signs_with_their_spans() {
    let (_dir, path) = temp_file("generated.md", GENERATED);
    let out = truthlens(&["report", path.to_str().unwrap(), "--format", "json"]);
    ok(&out);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
    let r = &json["readability"];
    assert!(r["flesch_kincaid_grade"].as_f64().is_some());
    assert!(r["flesch_reading_ease"].as_f64().is_some());
    assert_eq!(r["writer"]["sentences"], 3);
    assert!(r["audience_text"].as_str().is_some_and(|a| !a.is_empty()));
    assert!(r["hardest"].is_array() && r["long_sentences"]["spans"].is_array());
    assert!(r["passive"]["share"].as_f64().is_some());

    let s = &json["ai_tells"];
    assert_eq!(s["signs"][0], "phrases", "{s}");
    let tells = s["tells"].as_array().unwrap();
    assert!(tells.len() >= 5, "{s}");
    let first = &tells[0];
    assert_eq!(first["kind"], "stock-phrase");
    assert_eq!(first["text"], "In today's fast-paced world");
    assert_eq!(first["line"], 1);
    let (start, end) = (
        first["start"].as_u64().unwrap(),
        first["end"].as_u64().unwrap(),
    );
    assert_eq!(
        &GENERATED[start as usize..end as usize],
        "In today's fast-paced world"
    );

    // The markdown report states what a reader might notice, never who wrote it.
    let md = stdout(&truthlens(&["report", path.to_str().unwrap()]));
    assert!(md.contains("### Reading level"), "{md}");
    assert!(md.contains("### Signs of machine-written text"), "{md}");
    assert!(md.contains("A reader might notice"), "{md}");
    let lower = md.to_lowercase();
    assert!(
        !lower.contains("written by ai") && !lower.contains("was generated"),
        "{md}"
    );
}

#[test]
fn plain_news_shows_no_sign_in_the_report() {
    let (_dir, path) = temp_file("news.md", DRAFT);
    let out = truthlens(&["report", path.to_str().unwrap(), "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
    assert_eq!(json["ai_tells"]["signs"], serde_json::json!([]));
    assert_eq!(json["ai_tells"]["tells"], serde_json::json!([]));
}

/// The Flesch–Kincaid grade against a reference implementation: textstat 0.7.13
/// (PyPI, with the CMU pronouncing dictionary), run once on the project's own
/// example articles in tests/data/readability; its grades are written here.
#[test]
fn the_grade_is_within_half_a_grade_of_the_reference() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/readability");
    for (name, reference) in [
        ("ferry.md", 6.835),
        ("budget.md", 22.698),
        ("storm.md", 4.523),
    ] {
        let path = root.join(name);
        let out = truthlens(&["report", path.to_str().unwrap(), "--format", "json"]);
        ok(&out);
        let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
        let grade = json["readability"]["flesch_kincaid_grade"]
            .as_f64()
            .unwrap();
        assert!(
            (grade - reference).abs() <= 0.5,
            "{name}: {grade:.2}, reference {reference}"
        );
    }
}
