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
