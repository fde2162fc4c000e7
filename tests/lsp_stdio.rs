//! The real binary (`truthlens lsp --stdio`) as an editor sees it: a process on pipes.

mod common;

use common::*;
use serde_json::{json, Value};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Wording the loaded-language rule flags in the example, with their 1-based lines.
const KNOWN: &[(&str, usize)] = &[
    ("incredibly brutal", 15),
    ("slammed", 35),
    ("shameless", 68),
];

fn example() -> (String, String) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/ceasefire-draft.md");
    let text = std::fs::read_to_string(&path).unwrap();
    (file_uri(&path), text)
}

/// The byte span of `word` on 1-based `line`.
fn span_on_line(text: &str, word: &str, line: usize) -> (usize, usize) {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line - 1)
        .map(str::len)
        .sum();
    let line_text = text[line_start..].lines().next().unwrap();
    let at = line_text
        .find(word)
        .unwrap_or_else(|| panic!("{word:?} not on line {line}"));
    (line_start + at, line_start + at + word.len())
}

fn assert_flagged(diagnostics: &[Value], text: &str, span: (usize, usize), enc: Enc) -> Value {
    let found = diagnostics_at(diagnostics, text, span, enc);
    let found: Vec<_> = found
        .into_iter()
        .filter(|d| d["code"] == "loaded-language")
        .collect();
    assert_eq!(
        found.len(),
        1,
        "expected {:?} at {} to be flagged; got {diagnostics:#?}",
        &text[span.0..span.1],
        range_of(text, span.0, span.1, enc)
    );
    found[0].clone()
}

fn edit_the_example_over_stdio(encodings: &[&str], enc: Enc) {
    let (uri, original) = example();
    let (mut client, mut server) = StdioServer::start();
    let result = client.initialize(capabilities(encodings), None);
    let negotiated = if enc == Enc::Utf8 { "utf-8" } else { "utf-16" };
    assert_eq!(result["capabilities"]["positionEncoding"], negotiated);

    client.open(&uri, "markdown", 1, &original);
    let diagnostics = client.diagnostics(&uri, 1);
    for &(word, line) in KNOWN {
        let span = span_on_line(&original, word, line);
        let d = assert_flagged(&diagnostics, &original, span, enc);
        assert_eq!(d["range"]["start"]["line"], line - 1);
    }

    // A new first paragraph with an emoji (2 UTF-16 units, 4 bytes) and two CJK
    // characters (1 unit, 3 bytes each) before a flagged word.
    let inserted = "😀 和平 The thug was silent.\n\n";
    client.change(&uri, 2, &[((0, 0), (0, 0), inserted)]);
    let text = format!("{inserted}{original}");
    let diagnostics = client.diagnostics(&uri, 2);
    let new_thug = assert_flagged(&diagnostics, &text, span_of(&text, "thug", 0), enc);
    let expected_column = if enc == Enc::Utf16 { 10 } else { 16 };
    assert_eq!(
        new_thug["range"]["start"],
        json!({"line": 0, "character": expected_column})
    );
    for &(word, line) in KNOWN {
        let d = assert_flagged(
            &diagnostics,
            &text,
            span_on_line(&text, word, line + 2),
            enc,
        );
        assert_eq!(
            d["range"]["start"]["line"],
            line + 1,
            "{word} moved down two lines"
        );
    }

    // An edit placed after the emoji and the CJK characters on the same line: only
    // right if the server reads the column in the negotiated encoding.
    client.change(
        &uri,
        3,
        &[((0, expected_column), (0, expected_column), "brutal ")],
    );
    let text = text.replacen("The thug", "The brutal thug", 1);
    assert!(text.starts_with("😀 和平 The brutal thug was silent."));
    let diagnostics = client.diagnostics(&uri, 3);
    let brutal = assert_flagged(&diagnostics, &text, span_of(&text, "brutal", 0), enc);
    let thug = assert_flagged(&diagnostics, &text, span_of(&text, "thug", 0), enc);
    let (brutal_col, thug_col) = if enc == Enc::Utf16 {
        (10, 17)
    } else {
        (16, 23)
    };
    assert_eq!(brutal["range"]["start"]["character"], brutal_col);
    assert_eq!(thug["range"]["start"]["character"], thug_col);
    assert_eq!(thug["range"]["end"]["character"], thug_col + 4);

    let hover = client.hover(&uri, 0, thug_col + 1);
    assert_eq!(hover["range"], thug["range"]);
    assert!(hover["contents"]["value"]
        .as_str()
        .unwrap()
        .contains("loaded-language"));

    client.shutdown_and_exit();
    let status = server
        .wait_exit(Duration::from_secs(3))
        .expect("the server exits promptly after exit");
    assert_eq!(status.code(), Some(0));
}

#[test]
fn utf16_client_edits_the_example() {
    edit_the_example_over_stdio(&["utf-16"], Enc::Utf16);
}

#[test]
fn utf8_client_edits_the_example() {
    edit_the_example_over_stdio(&["utf-8", "utf-16"], Enc::Utf8);
}

/// A long draft's publish is a few hundred KB: the server widens the pipes it is
/// given to 1 MiB (or the system's limit), so such a publish goes into the pipe in
/// one write rather than in 64 KiB turns that each wait for the editor.
#[cfg(target_os = "linux")]
#[test]
fn the_server_widens_its_pipes() {
    let (mut client, server) = StdioServer::start();
    // SAFETY: F_GETPIPE_SZ only reads the size of a pipe the client holds open.
    let size = |fd| unsafe { libc::fcntl(fd, libc::F_GETPIPE_SZ) };
    // Answering `initialize` means the server set its pipes up before.
    client.initialize(capabilities(&[]), None);
    let limit: i32 = std::fs::read_to_string("/proc/sys/fs/pipe-max-size")
        .ok()
        .and_then(|max| max.trim().parse().ok())
        .unwrap_or(1 << 20);
    let wide = limit.clamp(64 << 10, 1 << 20);
    for fd in server.pipes {
        assert!(size(fd) >= wide, "{} < {wide}", size(fd));
    }
}

#[test]
fn exit_without_shutdown_exits_with_code_1() {
    let (mut client, mut server) = StdioServer::start();
    client.initialize(capabilities(&[]), None);
    client.notify("exit", Value::Null);
    let status = server
        .wait_exit(Duration::from_secs(3))
        .expect("the server exits promptly after exit");
    assert_eq!(status.code(), Some(1));
}

#[test]
fn closing_stdin_ends_the_server() {
    let (uri, text) = example();
    let (mut client, mut server) = StdioServer::start();
    client.initialize(capabilities(&[]), None);
    client.open(&uri, "markdown", 1, &text);
    client.diagnostics(&uri, 1);
    let closed_at = Instant::now();
    client.close_input();
    let status = server
        .wait_exit(Duration::from_secs(2))
        .expect("the server ends within two seconds of stdin closing");
    assert!(closed_at.elapsed() < Duration::from_secs(2));
    assert_eq!(status.code(), Some(1), "no shutdown was requested");
}
