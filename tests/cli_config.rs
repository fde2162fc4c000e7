//! Configuration from the command line: discovery, `--config`, front matter,
//! invalid settings (exit 2 with a located reason) and `config --print`.

use std::path::Path;
use std::process::{Command, Output};

fn truthlens(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_truthlens"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run truthlens")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh temporary folder, removed when the guard drops (even if the test panics);
/// made in the canonical temp dir so its path is canonical too.
fn temp_dir(name: &str) -> tempfile::TempDir {
    let base = std::fs::canonicalize(std::env::temp_dir()).unwrap();
    tempfile::Builder::new()
        .prefix(&format!("truthlens-cli-config-{name}-"))
        .tempdir_in(base)
        .unwrap()
}

const DRAFT: &str = "The thug shelled the town.\n\nIt was an extremely unfair decision.\n";

#[test]
fn the_nearest_config_above_the_draft_applies() {
    let tmp = temp_dir("discovery");
    let dir = tmp.path();
    std::fs::create_dir_all(dir.join("desk/drafts")).unwrap();
    std::fs::write(dir.join(".truthlens.toml"), "allowlist = [\"thug\"]\n").unwrap();
    std::fs::write(
        dir.join("desk/.truthlens.toml"),
        "[rules.loaded-language]\ncategories = { intensifier = \"off\" }\n",
    )
    .unwrap();
    std::fs::write(dir.join("desk/drafts/a.md"), DRAFT).unwrap();
    // The nearest file wins whole: its parent's allowlist does not apply.
    let out = truthlens(&["check", "desk/drafts/a.md"], dir);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}{}", stderr(&out));
    assert!(
        text.contains("\"thug\"") && !text.contains("extremely"),
        "{text}"
    );
}

#[test]
fn an_explicit_config_replaces_discovery() {
    let tmp = temp_dir("explicit");
    let dir = tmp.path();
    std::fs::write(dir.join(".truthlens.toml"), "colour = 1\n").unwrap();
    std::fs::write(
        dir.join("house.toml"),
        "allowlist = [\"thug\"]\n[rules.loaded-language]\ncategories = { intensifier = \"off\" }\n",
    )
    .unwrap();
    std::fs::write(dir.join("a.md"), DRAFT).unwrap();
    let out = truthlens(&["check", "--config", "house.toml", "a.md"], dir);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
}

#[test]
fn invalid_configs_exit_2_with_where_and_why() {
    let tmp = temp_dir("invalid");
    let dir = tmp.path();
    std::fs::write(dir.join("a.md"), DRAFT).unwrap();
    let cases = [
        (
            "colour = 1\n",
            ".truthlens.toml:1:1",
            "unknown field `colour`",
        ),
        (
            "[quotes]\nblockquotes = \"yes\"\n",
            ".truthlens.toml:2:15",
            "invalid type",
        ),
        (
            "[quotes]\npolicy = \"shout\"\n",
            ".truthlens.toml:2:10",
            "unknown variant `shout`",
        ),
        (
            "[single-source]\ndominant-share = 2.0\n",
            ".truthlens.toml:2:1",
            "dominant-share must be in (0, 1]",
        ),
        (
            "[rules.loaded-language]\ncategories = { puffry = \"off\" }\n",
            ".truthlens.toml:2:16",
            "unknown loaded-language category `puffry`",
        ),
        (
            "[single-source]\nmin-statements = -1\n",
            ".truthlens.toml:2:18",
            "expected a whole number (0 or more)",
        ),
        (
            "[[lexicon]]\nterm = \"x\"\ncategory = \"puffery\"\nweight = 5\n",
            ".truthlens.toml:4:1",
            "lexicon entry 1: weight must be in (0, 1]",
        ),
    ];
    for (config, place, reason) in cases {
        std::fs::write(dir.join(".truthlens.toml"), config).unwrap();
        for args in [&["check", "a.md"][..], &["config", "--print", "a.md"][..]] {
            let out = truthlens(args, dir);
            assert_eq!(out.status.code(), Some(2), "{args:?} {config}");
            let err = stderr(&out);
            assert!(
                err.contains(place) && err.contains(reason),
                "{args:?} {config}: {err}"
            );
            assert_eq!(err.lines().count(), 1, "one clear line: {err}");
            // Rust's type names mean nothing to a writer.
            assert!(!err.contains("usize"), "{err}");
        }
    }
}

#[test]
fn a_missing_config_file_is_named_once() {
    let tmp = temp_dir("missing-config");
    let dir = tmp.path();
    std::fs::write(dir.join("a.md"), DRAFT).unwrap();
    for command in [
        "check", "config", "summary", "headline", "report", "sources",
    ] {
        let out = truthlens(&[command, "--config", "nowhere.toml", "a.md"], dir);
        assert_eq!(out.status.code(), Some(2), "{command}");
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{command}: {err}");
        assert_eq!(err.matches("nowhere.toml").count(), 1, "{command}: {err}");
        assert_eq!(err.matches("No such file").count(), 1, "{command}: {err}");
    }
}

#[test]
fn front_matter_settings_override_the_file_for_that_draft() {
    let tmp = temp_dir("front");
    let dir = tmp.path();
    std::fs::write(
        dir.join(".truthlens.toml"),
        "[rules.loaded-language]\nseverity = \"hint\"\n",
    )
    .unwrap();
    let draft = format!("---\ntitle: A\ntruthlens:\n  allowlist: [thug]\n---\n{DRAFT}");
    std::fs::write(dir.join("a.md"), &draft).unwrap();
    std::fs::write(dir.join("b.md"), DRAFT).unwrap();
    let out = truthlens(&["check", "a.md", "b.md"], dir);
    let text = stdout(&out);
    assert!(
        text.contains("a.md:8:") && !text.contains("a.md:6:"),
        "{text}"
    );
    assert!(text.contains("b.md:1:5: hint"), "{text}");

    let bad = "+++\n[truthlens]\nrun = \"onSave\"\n+++\nBody.\n";
    std::fs::write(dir.join("c.md"), bad).unwrap();
    let out = truthlens(&["check", "c.md"], dir);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("c.md")
            && err.contains("line 3")
            && err.contains("`run` cannot be set in front matter"),
        "{err}"
    );
}

#[test]
fn config_print_shows_every_value_and_its_origin() {
    let tmp = temp_dir("print");
    let dir = tmp.path();
    std::fs::write(
        dir.join(".truthlens.toml"),
        "allowlist = [\"regime\"]\n[single-source]\nmin-statements = 6\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("a.md"),
        "---\ntruthlens:\n  quotes:\n    policy: lint\n---\nBody.\n",
    )
    .unwrap();
    let out = truthlens(&["config", "--print", "a.md"], dir);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let file = dir.join(".truthlens.toml");
    for line in [
        format!("allowlist = [\"regime\"]  # {}", file.display()),
        format!("min-statements = 6  # {}", file.display()),
        "dominant-share = 0.6  # default".to_string(),
        "policy = \"lint\"  # front matter of a.md".to_string(),
        "blockquotes = true  # default".to_string(),
        "run = \"on-type\"  # default".to_string(),
        "sentences = 3  # default".to_string(),
        "max-document-bytes = 10485760  # default".to_string(),
    ] {
        assert!(text.contains(&line), "missing {line:?} in\n{text}");
    }
    // The printout is itself a valid config.
    std::fs::write(dir.join("printed.toml"), &text).unwrap();
    let out = truthlens(&["check", "--config", "printed.toml", "a.md"], dir);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    // A folder: the file alone; no file at all: defaults only.
    let out = truthlens(&["config", "--print"], dir);
    assert!(
        stdout(&out).contains("min-statements = 6"),
        "{}",
        stdout(&out)
    );
    let tmp_empty = temp_dir("print-empty");
    let empty = tmp_empty.path();
    let out = truthlens(
        &["config", "--print", "--config", file.to_str().unwrap()],
        empty,
    );
    assert!(stdout(&out).contains("min-statements = 6"));
    let out = truthlens(&["config", "--print"], empty);
    assert!(
        !stdout(&out).contains(".truthlens.toml"),
        "{}",
        stdout(&out)
    );
    // Printing is what `config` does: --print is optional.
    let bare = truthlens(&["config"], empty);
    assert_eq!(bare.status.code(), Some(0), "{}", stderr(&bare));
    assert_eq!(stdout(&bare), stdout(&out));
}
