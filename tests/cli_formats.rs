//! `check`'s formats for CI (SARIF, GitHub annotations), `--fail-on`, `--quiet` and
//! `--color`, through the real binary.

use serde_json::Value;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

const EXAMPLE: &str = "examples/ceasefire-draft.md";

fn truthlens_in(dir: &Path, args: &[&str], stdin: &str, env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_truthlens"));
    command
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (key, value) in env {
        command.env(key, value);
    }
    let mut child = command.spawn().expect("spawn truthlens");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn truthlens(args: &[&str], stdin: &str) -> Output {
    truthlens_in(Path::new(env!("CARGO_MANIFEST_DIR")), args, stdin, &[])
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn sarif_of(args: &[&str], stdin: &str) -> Value {
    let mut all = vec!["check", "--format", "sarif"];
    all.extend_from_slice(args);
    let out = truthlens(&all, stdin);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_str(&stdout(&out)).expect("SARIF is JSON")
}

/// The vendored SARIF 2.1.0 schema (tests/data), with format assertions on, so
/// that a URI that is not one fails too.
fn validate_sarif(log: &Value) {
    let schema: Value = serde_json::from_str(include_str!("data/sarif-schema-2.1.0.json")).unwrap();
    let id = schema["id"].as_str().unwrap().to_string();
    let mut compiler = boon::Compiler::new();
    compiler.enable_format_assertions();
    compiler.add_resource(&id, schema).unwrap();
    let mut schemas = boon::Schemas::new();
    let index = compiler.compile(&id, &mut schemas).unwrap();
    if let Err(e) = schemas.validate(log, index) {
        panic!("not valid SARIF 2.1.0: {e:#}");
    }
}

#[test]
fn sarif_of_the_example_is_valid_against_the_schema() {
    let log = sarif_of(&[EXAMPLE], "");
    validate_sarif(&log);
    assert_eq!(log["version"], "2.1.0");
    assert!(!log["runs"][0]["results"].as_array().unwrap().is_empty());
}

#[test]
fn sarif_names_rules_with_help_links_and_maps_levels() {
    let log = sarif_of(&[EXAMPLE], "");
    let run = &log["runs"][0];
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "truthlens");
    let rules = driver["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let registered: Vec<&str> = truthlens::rules::REGISTRY.iter().map(|r| r.id).collect();
    assert_eq!(
        ids, registered,
        "every rule, opt-in ones included, in registry order"
    );
    assert!(ids.starts_with(&["loaded-language", "unattributed-claim", "single-source"]));
    for rule in rules {
        let help = rule["helpUri"].as_str().unwrap();
        assert!(
            help.ends_with(&format!("docs/rules/{}.md", rule["id"].as_str().unwrap())),
            "{help}"
        );
        let level = rule["defaultConfiguration"]["level"].as_str().unwrap();
        assert!(["error", "warning", "note"].contains(&level), "{level}");
    }
    for result in run["results"].as_array().unwrap() {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(result["ruleId"], rules[index]["id"]);
        let expected = match result["properties"]["severity"].as_str().unwrap() {
            "error" => "error",
            "warning" => "warning",
            "info" | "hint" => "note",
            other => panic!("severity {other}"),
        };
        assert_eq!(result["level"], expected, "{result:#}");
    }
    assert_eq!(run["columnKind"], "unicodeCodePoints");
}

#[test]
fn sarif_regions_are_one_based_and_fixes_replace_the_word() {
    // "thug" on line 3, after an emoji and a CJK character: columns in code points.
    let text = "# Title\n\n😀 和 The thug fell.\n";
    let log = sarif_of(&["--stdin-filename", "news/draft.md", "-"], text);
    validate_sarif(&log);
    let result = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "loaded-language")
        .expect("thug is flagged")
        .clone();
    let location = &result["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "news/draft.md");
    assert_eq!(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    let region = &location["region"];
    assert_eq!(region["startLine"], 3);
    assert_eq!(region["startColumn"], 9);
    assert_eq!(region["endLine"], 3);
    assert_eq!(region["endColumn"], 13);
    assert_eq!(region["byteOffset"], text.find("thug").unwrap());
    assert_eq!(region["byteLength"], 4);
    let fixes = result["fixes"].as_array().expect("a loaded word has fixes");
    let replacement = &fixes[0]["artifactChanges"][0]["replacements"][0];
    assert_eq!(replacement["deletedRegion"]["startColumn"], 9);
    assert!(replacement["insertedContent"]["text"].is_string());
    assert!(fixes[0]["description"]["text"].is_string());
}

#[test]
fn sarif_reports_a_draft_it_could_not_review() {
    let out = truthlens(
        &["check", "--format", "sarif", EXAMPLE, "no-such-draft.md"],
        "",
    );
    assert_eq!(out.status.code(), Some(2));
    let log: Value = serde_json::from_str(&stdout(&out)).unwrap();
    validate_sarif(&log);
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let note = &invocation["toolExecutionNotifications"][0];
    assert!(note["message"]["text"]
        .as_str()
        .unwrap()
        .contains("no-such-draft.md"));
}

/// One `::level file=…,line=…::message` workflow command, parsed back.
#[derive(Debug)]
struct Annotation {
    level: String,
    properties: Vec<(String, String)>,
    message: String,
}

fn unescape(text: &str) -> String {
    text.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
}

fn parse_annotation(line: &str) -> Annotation {
    let rest = line.strip_prefix("::").expect("a workflow command");
    let (head, message) = rest.split_once("::").expect("a message after ::");
    let (level, properties) = head.split_once(' ').expect("properties");
    let properties = properties
        .split(',')
        .map(|p| {
            let (key, value) = p.split_once('=').expect("key=value");
            (key.to_string(), unescape(value))
        })
        .collect();
    Annotation {
        level: level.to_string(),
        properties,
        message: unescape(message),
    }
}

impl Annotation {
    fn get(&self, key: &str) -> &str {
        &self
            .properties
            .iter()
            .find(|(k, _)| k == key)
            .unwrap_or_else(|| panic!("no {key} in {self:?}"))
            .1
    }
}

#[test]
fn github_annotations_parse_back_to_the_json_findings() {
    let annotations = truthlens(&["check", "--format", "github", "--quiet", EXAMPLE], "");
    let json = truthlens(&["check", "--format", "json", EXAMPLE], "");
    let doc: Value = serde_json::from_str(&stdout(&json)).unwrap();
    let findings = doc["files"][0]["findings"].as_array().unwrap();
    let lines: Vec<String> = stdout(&annotations).lines().map(String::from).collect();
    assert_eq!(lines.len(), findings.len(), "{lines:#?}");
    for (line, finding) in lines.iter().zip(findings) {
        let a = parse_annotation(line);
        let level = match finding["severity"].as_str().unwrap() {
            "error" => "error",
            "warning" => "warning",
            _ => "notice",
        };
        assert_eq!(a.level, level);
        assert_eq!(a.get("file"), EXAMPLE);
        assert_eq!(a.get("line"), finding["line"].to_string());
        assert_eq!(a.get("col"), finding["column"].to_string());
        assert_eq!(a.get("endLine"), finding["end_line"].to_string());
        assert_eq!(a.get("endColumn"), finding["end_column"].to_string());
        assert!(a
            .get("title")
            .starts_with(finding["rule"].as_str().unwrap()));
        assert_eq!(a.message, finding["message"].as_str().unwrap());
    }
}

#[test]
fn github_annotations_escape_file_names() {
    let out = truthlens(
        &[
            "check",
            "--format",
            "github",
            "--stdin-filename",
            "a,b:c%d.md",
            "-",
        ],
        "The thug fell.\n",
    );
    let text = stdout(&out);
    let first = text.lines().next().unwrap();
    assert!(first.contains("file=a%2Cb%3Ac%25d.md,"), "{first}");
    assert_eq!(parse_annotation(first).get("file"), "a,b:c%d.md");
    // Without --quiet the total closes the log, as plain text.
    assert_eq!(text.lines().last().unwrap(), "1 finding in 1 file");
}

/// A config that gives loaded-language the severity `severity`.
fn config_with_severity(dir: &Path, severity: &str) -> String {
    let path = dir.join(format!("{severity}.toml"));
    std::fs::write(
        &path,
        format!("[rules.loaded-language]\nseverity = \"{severity}\"\n"),
    )
    .unwrap();
    path.display().to_string()
}

#[test]
fn fail_on_sets_which_severities_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let severities = ["error", "warning", "info", "hint"];
    let thresholds = ["error", "warning", "info", "hint", "never"];
    for (s, severity) in severities.iter().enumerate() {
        let config = config_with_severity(dir.path(), severity);
        for (t, threshold) in thresholds.iter().enumerate() {
            let out = truthlens(
                &["check", "--config", &config, "--fail-on", threshold, "-"],
                "The thug fell.\n",
            );
            // A finding fails the run when it is at least as severe as the threshold.
            let expected = if s <= t && *threshold != "never" {
                1
            } else {
                0
            };
            assert_eq!(
                out.status.code(),
                Some(expected),
                "a {severity} finding with --fail-on {threshold}: {}",
                stdout(&out)
            );
            assert!(stdout(&out).contains(&format!("{severity} [loaded-language")));
        }
    }
}

#[test]
fn by_default_warnings_fail_and_hints_do_not() {
    let dir = tempfile::tempdir().unwrap();
    for (severity, code) in [("warning", 1), ("info", 0), ("hint", 0)] {
        let config = config_with_severity(dir.path(), severity);
        let out = truthlens(&["check", "--config", &config, "-"], "The thug fell.\n");
        assert_eq!(out.status.code(), Some(code), "a {severity} finding");
    }
    // `none` is accepted for `never`; an unknown threshold is a usage error.
    let out = truthlens(&["check", "--fail-on", "none", EXAMPLE], "");
    assert_eq!(out.status.code(), Some(0));
    let out = truthlens(&["check", "--fail-on", "loud", EXAMPLE], "");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn errors_still_exit_2_whatever_the_threshold() {
    let out = truthlens(&["check", "--fail-on", "never", "no-such-draft.md"], "");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn quiet_prints_the_findings_without_the_total() {
    let loud = stdout(&truthlens(&["check", EXAMPLE], ""));
    let quiet = stdout(&truthlens(&["check", "--quiet", EXAMPLE], ""));
    let mut lines: Vec<&str> = loud.lines().collect();
    let total = lines.pop().unwrap();
    assert!(total.ends_with("in 1 file"), "{total}");
    assert_eq!(quiet.lines().collect::<Vec<_>>(), lines);
    let clean = truthlens(&["check", "-q", "-"], "The council met on Monday.\n");
    assert_eq!(clean.status.code(), Some(0));
    assert_eq!(stdout(&clean), "");
}

#[test]
fn colour_only_when_asked_or_on_a_terminal_without_no_color() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = |args: &[&str], env: &[(&str, &str)]| {
        let mut all = vec!["check"];
        all.extend_from_slice(args);
        all.push(EXAMPLE);
        stdout(&truthlens_in(root, &all, "", env))
    };
    const ESC: char = '\x1b';
    // A pipe is no terminal: auto means plain.
    assert!(!run(&[], &[]).contains(ESC));
    let always = run(&["--color", "always"], &[("NO_COLOR", "1")]);
    assert!(always.contains("\x1b[33mwarning\x1b[0m"), "{always}");
    assert!(!run(&["--color", "never"], &[]).contains(ESC));
    // The colours never reach the machine-readable formats.
    let json = run(&["--color", "always", "--format", "json"], &[]);
    assert!(!json.contains(ESC));
}

/// Auto colour on a real terminal, through `script` (util-linux) when it exists.
#[test]
fn auto_colours_a_terminal_unless_no_color_is_set() {
    let has_script = Command::new("script")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_script {
        eprintln!("skipped: no `script` to give the run a terminal");
        return;
    }
    let bin = env!("CARGO_BIN_EXE_truthlens");
    let on_terminal = |no_color: Option<&str>| {
        let mut command = Command::new("script");
        command
            .args([
                "-q",
                "-e",
                "-c",
                &format!("{bin} check {EXAMPLE}"),
                "/dev/null",
            ])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env_remove("NO_COLOR")
            .stdin(Stdio::null());
        if let Some(value) = no_color {
            command.env("NO_COLOR", value);
        }
        String::from_utf8_lossy(&command.output().unwrap().stdout).into_owned()
    };
    assert!(on_terminal(None).contains("\x1b[33mwarning"));
    assert!(!on_terminal(Some("1")).contains('\x1b'));
}

#[test]
fn the_schema_check_rejects_what_is_not_sarif() {
    let mut log = sarif_of(&[EXAMPLE], "");
    log["runs"][0]["results"][0]["level"] = Value::from("hint");
    let caught = std::panic::catch_unwind(|| validate_sarif(&log));
    assert!(caught.is_err(), "a level SARIF does not have must fail");
}
