//! `truthlens check` through the real binary: output formats, exit codes, inputs.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn truthlens(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_truthlens"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn truthlens");
    let mut pipe = child.stdin.take().unwrap();
    pipe.write_all(stdin.unwrap_or("").as_bytes()).unwrap();
    drop(pipe);
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The run failed (exit 2) and said why on standard error.
fn assert_fails_saying(out: &Output, reason: &str) {
    let errors = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{errors}");
    assert!(errors.contains(reason), "{errors}");
}

/// A fresh temporary folder, removed when the guard drops (even if the test panics).
fn temp_dir(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("truthlens-cli-{name}-"))
        .tempdir()
        .unwrap()
}

#[test]
fn example_has_findings_and_exit_code_1() {
    let out = truthlens(&["check", "examples/ceasefire-draft.md"], None);
    assert_eq!(
        out.status.code(),
        Some(1),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout(&out);
    assert!(
        text.contains("examples/ceasefire-draft.md:35:"),
        "slammed on line 35:\n{text}"
    );
    assert!(text.contains("[loaded-language/"), "{text}");
    let last = text.lines().last().unwrap();
    assert!(last.ends_with("in 1 file"), "one-line total: {last}");
}

#[test]
fn clean_text_exits_0() {
    let out = truthlens(&["check", "-"], Some("The council met on Monday.\n"));
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out).trim(), "0 findings in 1 file");
}

#[test]
fn json_is_versioned_with_offsets_and_scalar_columns() {
    let text = "# Title\n\n😀 和 The thug fell.\n";
    let out = truthlens(&["check", "--format", "json", "-"], Some(text));
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(doc["version"], 1);
    let f = &doc["files"][0]["findings"][0];
    let start = text.find("thug").unwrap();
    assert_eq!(f["rule"], "loaded-language");
    assert_eq!(f["start"], start);
    assert_eq!(f["end"], start + "thug".len());
    assert_eq!(f["line"], 3);
    // 😀, space, 和, space, "The ": column 9 counted in Unicode scalar values.
    assert_eq!(f["column"], 9);
    assert_eq!(f["text"], "thug");
    assert!(f["severity"].is_string() && f["message"].is_string() && f.get("category").is_some());
}

#[test]
fn directory_argument_walks_drafts_only() {
    let tmp = temp_dir("walk");
    let dir = tmp.path();
    std::fs::write(dir.join("a.md"), "The thug fell.\n").unwrap();
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("sub/b.txt"), "The thug fell.\n").unwrap();
    std::fs::write(dir.join("c.rs"), "// the thug fell\n").unwrap();
    let out = truthlens(&["check", dir.to_str().unwrap()], None);
    let text = stdout(&out);
    assert!(
        text.contains("a.md:1:5:") && text.contains("b.txt:1:5:"),
        "{text}"
    );
    assert!(!text.contains("c.rs"), "{text}");
    assert!(text.trim_end().ends_with("in 2 files"), "{text}");
}

#[test]
fn missing_file_is_exit_2_with_message() {
    let out = truthlens(&["check", "no/such/draft.md"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read no/such/draft.md"));
}

#[test]
fn usage_error_is_exit_2() {
    let out = truthlens(&["check", "--format", "yaml", "-"], Some(""));
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn invalid_config_is_exit_2_with_reason() {
    let tmp = temp_dir("config");
    let dir = tmp.path();
    std::fs::write(
        dir.join(".truthlens.toml"),
        "[rules.loaded-language]\nseverty = \"hint\"\n",
    )
    .unwrap();
    std::fs::write(dir.join("a.md"), "The thug fell.\n").unwrap();
    let out = truthlens(&["check", dir.join("a.md").to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("invalid config") && err.contains("severty"),
        "{err}"
    );
}

#[test]
fn discovered_config_switches_a_rule_off() {
    let tmp = temp_dir("off");
    let dir = tmp.path();
    std::fs::create_dir_all(dir.join("drafts")).unwrap();
    std::fs::write(
        dir.join(".truthlens.toml"),
        "[rules.loaded-language]\nenabled = false\n",
    )
    .unwrap();
    std::fs::write(dir.join("drafts/a.md"), "The thug fell.\n").unwrap();
    let out = truthlens(&["check", dir.join("drafts/a.md").to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn not_utf8_is_exit_2() {
    let tmp = temp_dir("utf8");
    let dir = tmp.path();
    std::fs::write(dir.join("bad.md"), [0xff, 0xfe, b'a']).unwrap();
    let out = truthlens(&["check", dir.join("bad.md").to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not valid UTF-8"));
}

#[test]
fn config_globs_filter_walked_files_but_not_named_ones() {
    let tmp = temp_dir("globs");
    let dir = tmp.path();
    std::fs::create_dir_all(dir.join("drafts")).unwrap();
    std::fs::write(
        dir.join(".truthlens.toml"),
        "[files]\nexclude = [\"drafts/old-*\"]\n",
    )
    .unwrap();
    std::fs::write(dir.join("drafts/new.md"), "The thug fell.\n").unwrap();
    std::fs::write(dir.join("drafts/old-one.md"), "The thug fell.\n").unwrap();
    let out = truthlens(&["check", dir.to_str().unwrap()], None);
    let text = stdout(&out);
    assert!(
        text.contains("new.md") && !text.contains("old-one.md"),
        "{text}"
    );
    assert!(text.trim_end().ends_with("in 1 file"), "{text}");
    let named = truthlens(
        &["check", dir.join("drafts/old-one.md").to_str().unwrap()],
        None,
    );
    assert_eq!(
        named.status.code(),
        Some(1),
        "a file named on the command line is always reviewed"
    );
}

#[test]
fn generated_blocks_are_not_reviewed() {
    let text = "# T\n\n<!-- truthlens:summary -->\n> The thug fell.\n<!-- /truthlens:summary -->\n\nThe council met.\n";
    let out = truthlens(&["check", "-"], Some(text));
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn a_draft_over_max_document_bytes_is_named_and_the_others_are_checked() {
    let tmp = temp_dir("too-large");
    let dir = tmp.path();
    std::fs::write(dir.join(".truthlens.toml"), "max-document-bytes = 100\n").unwrap();
    let big = "The minister slammed the plan. ".repeat(8);
    std::fs::write(dir.join("big.md"), &big).unwrap();
    std::fs::write(dir.join("small.md"), "The minister slammed it.\n").unwrap();
    let out = truthlens(&["check", dir.to_str().unwrap()], None);
    let (text, errors) = (stdout(&out), String::from_utf8_lossy(&out.stderr));
    // Not reviewed is not clean: the run fails even though the small draft has findings.
    assert_eq!(out.status.code(), Some(2), "{text}{errors}");
    assert!(text.contains("small.md:1:14:"), "{text}");
    assert!(!text.contains("big.md:"), "{text}");
    assert!(text.ends_with("1 finding in 1 file\n"), "{text}");
    let expected = format!(
        "big.md was not reviewed: it is {} bytes, over the limit of 100",
        big.len()
    );
    assert!(errors.contains(&expected), "{errors}");
    assert!(errors.contains("1 file was not reviewed"), "{errors}");

    let out = truthlens(&["check", "--format", "json", dir.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(2));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let files = doc["files"].as_array().unwrap();
    assert_eq!(files.len(), 2, "{doc}");
    assert!(files[0]["path"].as_str().unwrap().ends_with("big.md"));
    assert!(files[0]["not_reviewed"]
        .as_str()
        .unwrap()
        .contains(&expected));
    assert_eq!(files[0]["findings"].as_array().unwrap().len(), 0);
    assert_eq!(files[1]["findings"].as_array().unwrap().len(), 1);
}

#[test]
fn standard_input_is_not_read_past_the_limit() {
    let tmp = temp_dir("stdin-limit");
    let dir = tmp.path();
    let config = dir.join("limit.toml");
    std::fs::write(&config, "max-document-bytes = 100\n").unwrap();
    let text = "The council met on Monday. ".repeat(200);
    let args = ["check", "--config", config.to_str().unwrap(), "-"];
    let out = truthlens(&args, Some(&text));
    assert_fails_saying(&out, "stdin.md was not reviewed: it is more than 100 bytes");
    // At the limit exactly, the draft is reviewed.
    let out = truthlens(&args, Some(&text[..100]));
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

/// An endless input (a device, a pipe that never closes) ends in a message: only the
/// limit is read.
#[cfg(target_os = "linux")]
#[test]
fn an_endless_device_is_not_read_forever() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_truthlens"))
        .args(["check", "/dev/zero"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn truthlens");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            panic!("`check /dev/zero` still reading after a minute");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    assert_fails_saying(
        &out,
        "/dev/zero was not reviewed: it is more than 10485760 bytes",
    );
}

#[test]
fn front_matter_cannot_raise_the_size_limit() {
    let tmp = temp_dir("front-matter-limit");
    let dir = tmp.path();
    let draft = dir.join("a.md");
    std::fs::write(
        &draft,
        "---\ntruthlens:\n  max-document-bytes: 99999999\n---\nThe council met.\n",
    )
    .unwrap();
    let out = truthlens(&["check", draft.to_str().unwrap()], None);
    assert_fails_saying(&out, "`max-document-bytes` cannot be set in front matter");
}

#[test]
fn the_report_commands_refuse_a_draft_over_the_limit() {
    let tmp = temp_dir("report-limit");
    let dir = tmp.path();
    std::fs::write(dir.join(".truthlens.toml"), "max-document-bytes = 10\n").unwrap();
    std::fs::write(dir.join("a.md"), "The council met on Monday.\n").unwrap();
    for command in ["report", "summary", "sources"] {
        let out = truthlens(&[command, dir.join("a.md").to_str().unwrap()], None);
        assert_fails_saying(&out, "a.md was not reviewed");
        assert!(out.stdout.is_empty(), "{command}: {}", stdout(&out));
    }
}

/// Drafts are read one at a time: one that cannot be read is named, and the others
/// are still reviewed (issue #25).
#[test]
fn a_draft_that_cannot_be_read_is_named_and_the_others_are_reviewed() {
    let tmp = temp_dir("read-in-turn");
    let dir = tmp.path();
    std::fs::write(dir.join("a.md"), "The minister slammed it.\n").unwrap();
    std::fs::write(dir.join("b.md"), [0xff, 0xfe, b'a']).unwrap();
    std::fs::write(dir.join("c.md"), "The minister slammed it.\n").unwrap();
    let out = truthlens(&["check", dir.to_str().unwrap()], None);
    assert_fails_saying(&out, "b.md is not valid UTF-8");
    let text = stdout(&out);
    assert!(text.contains("a.md:1:14:"), "{text}");
    assert!(text.contains("c.md:1:14:"), "{text}");
}
