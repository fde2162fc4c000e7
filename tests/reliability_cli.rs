//! The CLI against the hostile probe of issue #25: a config file with no end, a
//! config planted above the project, one bad draft or folder among good ones, and a
//! folder given to a one-draft command.

use serde_json::Value;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn truthlens_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_truthlens"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("run truthlens")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A fresh folder inside the canonical temporary folder.
fn temp_dir(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("truthlens-cli-{name}-"))
        .tempdir_in(std::fs::canonicalize(std::env::temp_dir()).unwrap())
        .unwrap()
}

const LOADED: &str = "The minister slammed the plan.\n";

/// Found by the hostile probe: `check --config /dev/zero` grew until the allocator
/// gave up.
#[test]
fn a_config_file_is_not_read_past_its_limit() {
    let tmp = temp_dir("endless-config");
    std::fs::write(tmp.path().join("a.md"), LOADED).unwrap();
    let out = truthlens_in(tmp.path(), &["check", "--config", "/dev/zero", "a.md"]);
    let errors = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{errors}");
    assert!(
        errors.contains("/dev/zero was not read: it is larger than the limit of 1048576 bytes"),
        "{errors}"
    );
}

/// Found by the hostile probe: a `.truthlens.toml` in `/tmp` that turns every rule
/// off silenced `check /tmp/x/draft.md`. A folder others may write to is never
/// searched; the search stops at the repository root.
#[test]
fn a_config_above_the_project_is_not_used() {
    let tmp = temp_dir("planted");
    let shared = tmp.path().join("shared");
    let project = shared.join("project");
    std::fs::create_dir_all(project.join("drafts")).unwrap();
    std::fs::write(project.join("drafts/a.md"), LOADED).unwrap();
    let off = "[rules.loaded-language]\nenabled = false\n";
    std::fs::write(shared.join(".truthlens.toml"), off).unwrap();
    let check = || truthlens_in(&project, &["check", "drafts/a.md"]);
    // Before: anyone who can write to `shared` silences the project.
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o777)).unwrap();
    assert_eq!(check().status.code(), Some(1), "{}", stderr(&check()));
    // The repository root ends the search even when the folder above is private.
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::create_dir(project.join(".git")).unwrap();
    assert_eq!(check().status.code(), Some(1), "{}", stderr(&check()));
    // Without either, the nearest config above still applies.
    std::fs::remove_dir(project.join(".git")).unwrap();
    assert_eq!(check().status.code(), Some(0), "{}", stderr(&check()));
}

/// The search also stops at the home folder: a config above it (here in a private
/// folder, so only that rule stops the search) is not used, one in it is.
#[test]
fn the_config_search_stops_at_the_home_folder() {
    let tmp = temp_dir("home");
    let home = tmp.path().join("home");
    std::fs::create_dir_all(home.join("notes")).unwrap();
    std::fs::write(home.join("notes/a.md"), LOADED).unwrap();
    let off = "[rules.loaded-language]\nenabled = false\n";
    std::fs::write(tmp.path().join(".truthlens.toml"), off).unwrap();
    let check = || {
        Command::new(env!("CARGO_BIN_EXE_truthlens"))
            .args(["check", "notes/a.md"])
            .current_dir(&home)
            .env("HOME", &home)
            .output()
            .expect("run truthlens")
    };
    let out = check();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    // `~/.truthlens.toml` is the user-level config.
    std::fs::write(home.join(".truthlens.toml"), off).unwrap();
    let out = check();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// Found by the hostile probe: `check --format json DIR` with one draft that is not
/// UTF-8 printed nothing, so every other draft's findings were lost.
#[test]
fn one_bad_draft_is_reported_in_the_json_and_the_others_reviewed() {
    let tmp = temp_dir("bad-draft");
    let dir = tmp.path();
    std::fs::write(dir.join("a.md"), LOADED).unwrap();
    std::fs::write(dir.join("b.md"), [0xff, 0xfe, b'a']).unwrap();
    std::fs::write(dir.join("c.md"), LOADED).unwrap();
    let out = truthlens_in(dir, &["check", "--format", "json", "."]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).expect("JSON on standard output");
    let files = doc["files"].as_array().unwrap();
    let named = |name: &str| {
        files
            .iter()
            .find(|f| f["path"].as_str().unwrap().ends_with(name))
            .unwrap_or_else(|| panic!("{name} missing from {doc:#}"))
    };
    assert!(!named("a.md")["findings"].as_array().unwrap().is_empty());
    assert!(!named("c.md")["findings"].as_array().unwrap().is_empty());
    let bad = named("b.md");
    assert_eq!(bad["findings"], serde_json::json!([]));
    assert!(
        bad["not_reviewed"]
            .as_str()
            .unwrap()
            .contains("is not valid UTF-8"),
        "{bad}"
    );
    assert!(
        stderr(&out).contains("1 file was not reviewed"),
        "{}",
        stderr(&out)
    );
}

/// In GitHub Actions a draft that was not reviewed is an error annotation on its file
/// (standard error alone sits unseen in the log); the others are still annotated.
#[test]
fn one_bad_draft_is_an_error_annotation_in_the_github_format() {
    let tmp = temp_dir("bad-draft-github");
    let dir = tmp.path();
    std::fs::write(dir.join("a.md"), LOADED).unwrap();
    std::fs::write(dir.join("b.md"), [0xff, 0xfe, b'a']).unwrap();
    std::fs::write(dir.join("c.md"), LOADED).unwrap();
    let out = truthlens_in(dir, &["check", "--format", "github", "."]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines.contains(&"::error file=./b.md,title=not reviewed::./b.md is not valid UTF-8"),
        "{text}"
    );
    for name in ["a.md", "c.md"] {
        let annotated = format!("::warning file=./{name},line=1,");
        assert!(lines.iter().any(|l| l.starts_with(&annotated)), "{text}");
    }
}

/// `config DRAFT` reads the draft as `check` does, never past `max-document-bytes`
/// (it read the whole file, however large).
#[test]
fn the_config_command_does_not_read_a_draft_past_the_limit() {
    let tmp = temp_dir("config-large-draft");
    let dir = tmp.path();
    std::fs::write(dir.join(".truthlens.toml"), "max-document-bytes = 64\n").unwrap();
    std::fs::write(dir.join("a.md"), LOADED.repeat(10)).unwrap();
    let out = truthlens_in(dir, &["config", "a.md"]);
    let errors = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{errors}");
    assert!(
        errors.contains("a.md was not reviewed: it is 310 bytes, over the limit of 64"),
        "{errors}"
    );
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    std::fs::write(dir.join("b.md"), LOADED).unwrap();
    assert_eq!(
        truthlens_in(dir, &["config", "b.md"]).status.code(),
        Some(0)
    );
}

/// Found by the hostile probe: one subfolder that cannot be read stopped the walk
/// before any draft was reviewed, and the error said its cause twice ("Permission
/// denied (os error 13): Permission denied (os error 13)"). Run as an unprivileged
/// user, since root reads any folder.
#[test]
fn an_unreadable_subfolder_is_skipped_and_named_once() {
    let tmp = temp_dir("locked");
    let dir = tmp.path();
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::write(dir.join("a.md"), LOADED).unwrap();
    std::fs::create_dir(dir.join("locked")).unwrap();
    std::fs::write(dir.join("locked/b.md"), LOADED).unwrap();
    std::fs::write(dir.join("z.md"), LOADED).unwrap();
    std::fs::set_permissions(dir.join("locked"), std::fs::Permissions::from_mode(0o000)).unwrap();
    let binary = env!("CARGO_BIN_EXE_truthlens");
    let args = ["check", dir.to_str().unwrap()];
    let is_root = std::fs::read_dir(dir.join("locked")).is_ok();
    let out = if is_root {
        let unprivileged = ["--reuid=65534", "--regid=65534", "--clear-groups", binary];
        let mut command = Command::new("setpriv");
        command.args(unprivileged).args(args);
        command.current_dir("/").output().expect("setpriv")
    } else {
        Command::new(binary)
            .args(args)
            .output()
            .expect("run truthlens")
    };
    std::fs::set_permissions(dir.join("locked"), std::fs::Permissions::from_mode(0o755)).unwrap();
    let errors = stderr(&out);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{errors}\n{text}");
    assert!(
        text.contains("a.md:1:") && text.contains("z.md:1:"),
        "{text}"
    );
    assert!(errors.contains("locked: Permission denied"), "{errors}");
    assert_eq!(errors.matches("Permission denied").count(), 1, "{errors}");
}

/// Found by the hostile probe: `truthlens summary /tmp` summarised some draft found
/// below the folder and exited 0.
#[test]
fn a_one_draft_command_given_a_folder_says_so() {
    let tmp = temp_dir("folder-for-one");
    std::fs::write(tmp.path().join("a.md"), LOADED).unwrap();
    for command in ["summary", "headline", "report", "sources"] {
        let out = truthlens_in(tmp.path(), &[command, "."]);
        let errors = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{command}: {errors}");
        assert!(errors.contains(". is a folder"), "{command}: {errors}");
    }
}
