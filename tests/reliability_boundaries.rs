//! What the server can reach, checked from the source and the lockfile: no network
//! crates, no backtracking regex engines, no process spawning, and file writes only
//! in tests. (The protocol side, a session that writes nothing, is in
//! `reliability_safety.rs`.)

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Package names in Cargo.lock (every crate the build can link, dev ones included).
fn locked_packages() -> Vec<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock")).unwrap();
    lock.lines()
        .filter_map(|l| l.strip_prefix("name = \""))
        .map(|l| l.trim_end_matches('"').to_string())
        .collect()
}

#[test]
fn no_network_or_backtracking_regex_crates_are_linked() {
    const FORBIDDEN: &[&str] = &[
        // HTTP clients and servers, TLS, sockets, websockets
        "reqwest",
        "hyper",
        "ureq",
        "curl",
        "curl-sys",
        "isahc",
        "surf",
        "attohttpc",
        "h2",
        "h3",
        "quinn",
        "rustls",
        "native-tls",
        "openssl",
        "openssl-sys",
        "socket2",
        "tungstenite",
        "tokio-tungstenite",
        "websocket",
        // tokio's I/O driver: without it the runtime cannot open a socket at all
        "mio",
        // backtracking regex engines (user patterns must stay linear-time)
        "fancy-regex",
        "pcre2",
        "pcre2-sys",
        "onig",
        "onig_sys",
        "regress",
    ];
    let packages = locked_packages();
    assert!(
        packages.iter().any(|p| p == "tower-lsp"),
        "read the lockfile"
    );
    let found: Vec<&String> = packages
        .iter()
        .filter(|p| FORBIDDEN.contains(&p.as_str()))
        .collect();
    assert!(
        found.is_empty(),
        "forbidden crates in Cargo.lock: {found:?}"
    );
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Each source file's non-test code: test modules (`tests.rs`, or everything after
/// `#[cfg(test)]`, which this codebase keeps at the end of a file) are left out.
fn shipped_sources() -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    files
        .into_iter()
        .filter(|p| p.file_name().is_some_and(|n| n != "tests.rs"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let shipped = text.split("#[cfg(test)]").next().unwrap().to_string();
            (p, shipped)
        })
        .collect()
}

#[test]
fn shipped_code_opens_no_sockets_spawns_nothing_and_writes_no_files() {
    const FORBIDDEN: &[&str] = &[
        "std::net",
        "TcpStream",
        "TcpListener",
        "UdpSocket",
        "tokio::net",
        "process::Command",
        "fs::write",
        "File::create",
        "OpenOptions",
        "create_dir",
        "remove_file",
        "remove_dir",
        "fs::rename",
        "fs::copy",
        "set_permissions",
    ];
    let mut hits = Vec::new();
    for (path, code) in shipped_sources() {
        for token in FORBIDDEN {
            if code.contains(token) {
                hits.push(format!("{}: {token}", path.display()));
            }
        }
    }
    assert!(hits.is_empty(), "{hits:#?}");
}

#[test]
fn files_are_read_only_by_config_discovery_and_the_cli() {
    // The server reads `.truthlens.toml` (config/, lsp/settings.rs, and lsp/session.rs
    // for the allowlist edit it proposes); the CLI reads the drafts it is given.
    // Nothing else touches the file system.
    const READERS: &[&str] = &["config", "settings.rs", "session.rs", "cli"];
    let mut hits = Vec::new();
    for (path, code) in shipped_sources() {
        let reads = [
            "read_to_string",
            "fs::read(",
            "File::open",
            "read_dir",
            "WalkDir",
        ]
        .iter()
        .any(|t| code.contains(t));
        let allowed = path
            .components()
            .any(|c| READERS.contains(&c.as_os_str().to_str().unwrap_or("")));
        if reads && !allowed {
            hits.push(path.display().to_string());
        }
    }
    assert!(hits.is_empty(), "unexpected file reads in {hits:#?}");
}
