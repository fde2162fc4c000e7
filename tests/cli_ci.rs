//! What CI and pre-commit users run: the GitHub Action's review step, the pre-commit
//! hook's definition, shell completions, the man page, and the repository's layout.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const EXAMPLE: &str = "examples/ceasefire-draft.md";

fn yaml(name: &str) -> serde_yaml_ng::Value {
    let text = std::fs::read_to_string(Path::new(ROOT).join(name)).unwrap();
    serde_yaml_ng::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn text(value: &serde_yaml_ng::Value) -> &str {
    value
        .as_str()
        .unwrap_or_else(|| panic!("not a string: {value:?}"))
}

/// `PATH` with the tested binary's folder first, as the action's install step leaves it.
fn path_with_binary() -> String {
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_truthlens")).parent().unwrap();
    format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

/// Run the action's review step as the runner would: its script in bash, with the
/// step's environment filled in from `inputs` (the action's defaults otherwise).
fn run_action_step(inputs: &[(&str, &str)], dir: &Path) -> Output {
    let action = yaml("action.yml");
    let step = action["runs"]["steps"]
        .as_sequence()
        .unwrap()
        .iter()
        .find(|s| s["id"].as_str() == Some("check"))
        .expect("a step with id check")
        .clone();
    let input = |name: &str| -> String {
        inputs
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.to_string())
            .unwrap_or_else(|| text(&action["inputs"][name]["default"]).to_string())
    };
    let mut command = Command::new("bash");
    command
        .args(["-e", "-c", text(&step["run"])])
        .current_dir(dir)
        .env("PATH", path_with_binary());
    for (key, value) in step["env"].as_mapping().unwrap() {
        // `${{ inputs.NAME }}` is the only expression the step's environment uses.
        let expression = text(value);
        let name = expression
            .trim_start_matches("${{ inputs.")
            .trim_end_matches(" }}");
        command.env(text(key), input(name));
    }
    command.output().unwrap()
}

#[test]
fn the_action_annotates_by_default_and_fails_on_warnings() {
    let out = run_action_step(&[("paths", EXAMPLE)], Path::new(ROOT));
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let annotations: Vec<&str> = stdout.lines().filter(|l| l.starts_with("::")).collect();
    assert!(!annotations.is_empty(), "{stdout}");
    assert!(annotations
        .iter()
        .all(|l| l.contains(&format!("file={EXAMPLE},line="))));
    let out = run_action_step(&[("paths", EXAMPLE), ("fail-on", "never")], Path::new(ROOT));
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn the_action_writes_sarif_where_it_says() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("drafts")).unwrap();
    std::fs::copy(
        Path::new(ROOT).join(EXAMPLE),
        dir.path().join("drafts/story.md"),
    )
    .unwrap();
    let out = run_action_step(
        &[
            ("paths", "drafts"),
            ("format", "sarif"),
            ("sarif-file", "out.sarif"),
        ],
        dir.path(),
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let log: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("out.sarif")).unwrap())
            .unwrap();
    assert_eq!(log["version"], "2.1.0");
    let uri = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        ["uri"];
    assert_eq!(uri, "drafts/story.md");
    let out = run_action_step(&[("paths", "drafts"), ("format", "xml")], dir.path());
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_pre_commit_hook_reviews_markdown_and_text_with_the_binary() {
    let hooks = yaml(".pre-commit-hooks.yaml");
    let hook = &hooks[0];
    assert_eq!(text(&hook["id"]), "truthlens");
    assert_eq!(text(&hook["language"]), "rust");
    let files = regex::Regex::new(text(&hook["files"])).unwrap();
    for (name, matches) in [
        ("news/a.md", true),
        ("b.markdown", true),
        ("c.txt", true),
        ("d.text", true),
        ("src/main.rs", false),
        ("notes.md.bak", false),
    ] {
        assert_eq!(files.is_match(name), matches, "{name}");
    }
    // pre-commit runs the entry with the staged files appended.
    let entry: Vec<&str> = text(&hook["entry"]).split_whitespace().collect();
    assert_eq!(entry[0], "truthlens");
    let out = Command::new(env!("CARGO_BIN_EXE_truthlens"))
        .args(&entry[1..])
        .arg(EXAMPLE)
        .current_dir(ROOT)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

fn truthlens(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_truthlens"))
        .args(args)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn completions_cover_every_command_and_flag() {
    for shell in ["bash", "zsh", "fish"] {
        let script = truthlens(&["completions", shell]);
        for word in ["check", "summary", "report", "--fail-on", "sarif", "github"] {
            assert!(script.contains(word), "{shell} lacks {word}");
        }
    }
    let bash = truthlens(&["completions", "bash"]);
    assert!(bash.contains("complete -F"), "a bash completion function");
}

#[test]
fn the_man_page_is_roff_with_the_commands() {
    let page = truthlens(&["man"]);
    assert!(
        page.starts_with(".ie") || page.contains(".TH truthlens"),
        "{page}"
    );
    assert!(page.contains(".TH truthlens 1"), "{page}");
    for word in ["check", "completions", "Reviews how article drafts"] {
        assert!(page.contains(word), "man page lacks {word}");
    }
}

#[test]
fn version_is_the_package_version() {
    assert_eq!(
        truthlens(&["--version"]).trim(),
        format!("truthlens {}", env!("CARGO_PKG_VERSION"))
    );
}

/// The top-level entries the README's "Repository layout" section describes.
const LAYOUT: &[&str] = &[
    ".ci",
    ".gitignore",
    ".pre-commit-hooks.yaml",
    "Cargo.lock",
    "Cargo.toml",
    "LICENSE",
    "README.md",
    "action.yml",
    "benches",
    "docs",
    "editors",
    "examples",
    "fuzz",
    "src",
    "tests",
    "tools",
];

fn tracked_files() -> Option<Vec<PathBuf>> {
    let out = Command::new("git")
        .args(["ls-files", "-z"])
        .current_dir(ROOT)
        .output()
        .ok()
        .filter(|o| o.status.success())?;
    Some(
        out.stdout
            .split(|b| *b == 0)
            .filter(|p| !p.is_empty())
            .map(|p| PathBuf::from(String::from_utf8_lossy(p).into_owned()))
            .collect(),
    )
}

#[test]
fn the_root_holds_only_the_layout_the_readme_describes() {
    let Some(files) = tracked_files() else {
        eprintln!("skipped: not a git checkout");
        return;
    };
    let mut top: Vec<String> = files
        .iter()
        .filter_map(|p| p.components().next())
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    top.sort();
    top.dedup();
    let unexpected: Vec<&String> = top
        .iter()
        .filter(|t| !LAYOUT.contains(&t.as_str()))
        .collect();
    assert!(
        unexpected.is_empty(),
        "files at the root that the README's layout does not describe: {unexpected:?}"
    );
    let readme = std::fs::read_to_string(Path::new(ROOT).join("README.md")).unwrap();
    let layout = readme
        .split("## Repository layout")
        .nth(1)
        .expect("a Repository layout section");
    let layout = layout.split("\n## ").next().unwrap();
    for entry in LAYOUT {
        assert!(
            layout.contains(&format!("`{entry}")),
            "README's layout does not name {entry}"
        );
    }
    // Scratch files and stray outputs (a file named `0`) do not belong anywhere.
    for file in &files {
        let name = file.file_name().unwrap().to_string_lossy();
        assert!(
            !name.contains("scratch") && !name.chars().all(|c| c.is_ascii_digit()),
            "stray file {}",
            file.display()
        );
    }
}
