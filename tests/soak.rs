//! Soak: thousands of random edits, hovers and code actions against the real binary
//! over stdio. Passes when nothing panics or hangs (every request is answered within
//! the client timeout), memory stays bounded, every position the server sends back
//! exists in the text, and the final diagnostics equal a fresh server's on the final
//! text.
//!
//! `TRUTHLENS_SOAK_OPS` sets the number of operations (500 by default, so it runs in
//! CI; docs/reliability.md records a 10,000-operation run), `TRUTHLENS_SOAK_SEED` the
//! random seed, and `TRUTHLENS_SOAK_ENCODING=utf-8` the position encoding (UTF-16 by
//! default).

mod common;
mod invariants;
mod logged;
mod random;

use common::*;
use invariants::{reference_offset, reference_position};
use logged::LoggedServer;
use random::{env_u64, Rng};
use serde_json::{json, Value};
use std::time::Instant;
use truthlens::lsp::internals::lsp_types::Position;
use truthlens::lsp::internals::PositionEncoding;

const URI: &str = "file:///drafts/soak.md";

/// What random inserts are made of: words the rules react to, quotes, Markdown,
/// emoji (surrogate pairs), CJK (3-byte characters), CRLF, lone CR and LF.
const PIECES: &[&str] = &[
    "regime",
    "slammed",
    "incredibly",
    "brutal",
    "experts say",
    "studies show",
    "one official said",
    "according to the ministry",
    "The minister said",
    " ",
    " ",
    " ",
    ".",
    ". ",
    ", ",
    "\"a brutal quote,\" he said",
    "“slammed”",
    "'",
    "> ",
    "- ",
    "# ",
    "*",
    "`code`",
    "[a](http://x.test)",
    "<!-- truthlens-ignore -->",
    "<!-- truthlens-enable -->",
    "😀",
    "👍🏽",
    "和平",
    "停火协议",
    "é",
    "\t",
    "\n",
    "\n\n",
    "\r\n",
    "\r\n\r\n",
    "\r",
];

/// A random offset the client can name: a char boundary, not between `\r` and `\n`.
fn offset(rng: &mut Rng, text: &str) -> usize {
    let mut at = rng.below(text.len() + 1);
    loop {
        let splits_crlf =
            at > 0 && text.as_bytes()[at - 1] == b'\r' && text.as_bytes().get(at) == Some(&b'\n');
        if text.is_char_boundary(at) && !splits_crlf {
            return at;
        }
        at -= 1;
    }
}

fn insert_text(rng: &mut Rng) -> String {
    let words: Vec<&str> = (0..1 + rng.below(6))
        .map(|_| PIECES[rng.below(PIECES.len())])
        .collect();
    // Mostly typed as words, sometimes glued together.
    let separator = if rng.chance(70) { " " } else { "" };
    words.join(separator)
}

fn position_json(p: Position) -> Value {
    json!({"line": p.line, "character": p.character})
}

/// A position the server sent must name a real place in `text`, as given.
fn assert_exists(text: &str, p: &Value, encoding: PositionEncoding, what: &str) {
    let p = Position::new(
        p["line"].as_u64().unwrap() as u32,
        p["character"].as_u64().unwrap() as u32,
    );
    let offset = reference_offset(text, p, encoding);
    assert_eq!(
        reference_position(text, offset, encoding),
        p,
        "{what}: {p:?} is not a position in the text"
    );
}

fn assert_ranges_exist(text: &str, value: &Value, encoding: PositionEncoding, what: &str) {
    match value {
        Value::Object(map) => {
            if let (Some(start), Some(end)) = (map.get("start"), map.get("end")) {
                if start.get("line").is_some() && end.get("line").is_some() {
                    assert_exists(text, start, encoding, what);
                    assert_exists(text, end, encoding, what);
                    return;
                }
            }
            for v in map.values() {
                assert_ranges_exist(text, v, encoding, what);
            }
        }
        Value::Array(items) => {
            for v in items {
                assert_ranges_exist(text, v, encoding, what);
            }
        }
        _ => {}
    }
}

struct Soak {
    rng: Rng,
    text: String,
    version: i64,
    encoding: PositionEncoding,
    /// The text the soak started from, for pastes.
    original: String,
    /// The newest diagnostics seen: (version, diagnostics).
    latest: Option<(i64, Vec<Value>)>,
}

impl Soak {
    /// Take the diagnostics that arrived while waiting for replies, keeping the newest,
    /// so the client's backlog stays small.
    fn absorb_diagnostics(&mut self, client: &mut Client) {
        while let Some(m) =
            client.try_wait_for(std::time::Duration::ZERO, |m| is_diagnostics_for(m, URI))
        {
            let version = m["params"]["version"].as_i64().unwrap();
            let diagnostics = m["params"]["diagnostics"].as_array().unwrap().clone();
            // Replies are waited for in between, so an older publication can still
            // be in the backlog after a newer one was taken.
            if self
                .latest
                .as_ref()
                .is_none_or(|(newest, _)| version >= *newest)
            {
                self.latest = Some((version, diagnostics));
            }
        }
    }

    /// The diagnostics of the current version, waiting for them if needed.
    fn current_diagnostics(&mut self, client: &mut Client) -> Vec<Value> {
        self.absorb_diagnostics(client);
        match &self.latest {
            Some((version, diagnostics)) if *version == self.version => diagnostics.clone(),
            _ => {
                let diagnostics = client.diagnostics(URI, self.version);
                self.latest = Some((self.version, diagnostics.clone()));
                diagnostics
            }
        }
    }

    fn position(&mut self) -> Position {
        let at = offset(&mut self.rng, &self.text);
        let mut p = reference_position(&self.text, at, self.encoding);
        if self.rng.chance(3) {
            p.character += 1 + self.rng.below(200) as u32; // past the line end
        }
        if self.rng.chance(1) {
            p.line += 1 + self.rng.below(50) as u32; // past the end
        }
        p
    }

    /// One `didChange` with one to three changes, each against the text the
    /// previous one left.
    fn edit(&mut self, client: &mut Client) {
        let mut changes = Vec::new();
        for _ in 0..1 + self.rng.below(3) {
            let start = offset(&mut self.rng, &self.text);
            // Keep the size near the article's: delete more when large, less when small.
            let delete_odds = match self.text.len() {
                0..=3_000 => 15,
                3_001..=20_000 => 35,
                _ => 70,
            };
            let deleting = self.rng.chance(delete_odds);
            let end = if deleting || self.rng.chance(20) {
                let reach = start + self.rng.below(120);
                let mut end = reach.min(self.text.len());
                while !self.text.is_char_boundary(end) {
                    end -= 1;
                }
                offset_at_or_before(&self.text, end.max(start))
            } else {
                start
            };
            let end = end.max(start);
            let new_text = if deleting && self.rng.chance(70) {
                String::new()
            } else if self.rng.chance(10) {
                self.paste()
            } else {
                insert_text(&mut self.rng)
            };
            let range = json!({
                "start": position_json(reference_position(&self.text, start, self.encoding)),
                "end": position_json(reference_position(&self.text, end, self.encoding)),
            });
            self.text.replace_range(start..end, &new_text);
            changes.push(json!({"range": range, "text": new_text}));
        }
        self.version += 1;
        client.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": URI, "version": self.version}, "contentChanges": changes}),
        );
    }

    /// A slice of the original draft, as if pasted.
    fn paste(&mut self) -> String {
        let source = &self.original;
        let start = offset_at_or_before(source, self.rng.below(source.len()));
        let end = offset_at_or_before(source, (start + self.rng.below(400)).min(source.len()));
        source[start..end.max(start)].to_string()
    }

    fn hover_params(&mut self) -> Value {
        json!({"textDocument": {"uri": URI}, "position": position_json(self.position())})
    }

    fn code_action_params(&mut self) -> Value {
        let (a, b) = (self.position(), self.position());
        let (start, end) = if a <= b { (a, b) } else { (b, a) };
        let only = match self.rng.below(4) {
            0 => json!(["quickfix"]),
            1 => json!(["source"]),
            _ => Value::Null,
        };
        let mut context = json!({"diagnostics": []});
        if !only.is_null() {
            context["only"] = only;
        }
        json!({"textDocument": {"uri": URI},
               "range": {"start": position_json(start), "end": position_json(end)},
               "context": context})
    }

    /// Requests sent back to back, then their replies checked against the text they
    /// were asked about.
    fn burst(&mut self, client: &mut Client) {
        let mut pending = Vec::new();
        for _ in 0..1 + self.rng.below(4) {
            let (method, params) = if self.rng.chance(50) {
                ("textDocument/hover", self.hover_params())
            } else {
                ("textDocument/codeAction", self.code_action_params())
            };
            pending.push((method, client.send_request(method, params)));
        }
        for (method, id) in pending {
            let reply = client.wait_for(&format!("the reply to {method} #{id}"), |m| {
                m["id"] == id && m.get("method").is_none()
            });
            assert!(reply.get("error").is_none(), "{method} failed: {reply}");
            assert_ranges_exist(&self.text, &reply["result"], self.encoding, method);
        }
    }
}

/// The nearest offset at or before `at` that a client can name.
fn offset_at_or_before(text: &str, mut at: usize) -> usize {
    while at > 0
        && (!text.is_char_boundary(at)
            || (text.as_bytes()[at - 1] == b'\r' && text.as_bytes().get(at) == Some(&b'\n')))
    {
        at -= 1;
    }
    at
}

fn initial_text() -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/ceasefire-draft.md");
    let article = std::fs::read_to_string(path).unwrap();
    // Half the article with CRLF line ends, plus emoji and CJK up front.
    let half = offset_at_or_before(&article, article.len() / 2);
    format!(
        "😀 和平 The thug 👍🏽 slammed the 停火协议.\r\n\r\n{}{}",
        article[..half].replace('\n', "\r\n"),
        &article[half..]
    )
}

/// The source actions (summary, headline, report insertions) at the top of the text.
fn source_actions(client: &mut Client) -> Value {
    client.call(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI},
               "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
               "context": {"diagnostics": [], "only": ["source"]}}),
    )
}

fn start(encoding: PositionEncoding) -> (Client, LoggedServer) {
    let (mut client, server) = LoggedServer::start(&[]);
    let offered = match encoding {
        PositionEncoding::Utf8 => "utf-8",
        PositionEncoding::Utf16 => "utf-16",
    };
    let result = client.initialize(capabilities(&[offered]), None);
    assert_eq!(result["capabilities"]["positionEncoding"], offered);
    (client, server)
}

#[test]
fn soak_random_edits_hovers_and_code_actions() {
    let ops = env_u64("TRUTHLENS_SOAK_OPS", 500) as usize;
    let seed = env_u64("TRUTHLENS_SOAK_SEED", 0x5eed_cafe);
    let encoding = match std::env::var("TRUTHLENS_SOAK_ENCODING").as_deref() {
        Ok("utf-8") => PositionEncoding::Utf8,
        _ => PositionEncoding::Utf16,
    };
    let started = Instant::now();
    let (mut client, mut server) = start(encoding);
    let mut soak = Soak {
        rng: Rng::new(seed),
        text: initial_text(),
        version: 1,
        encoding,
        original: initial_text(),
        latest: None,
    };
    client.open(URI, "markdown", 1, &soak.text);
    client.diagnostics(URI, 1);

    let mut rss = Vec::new();
    let (mut edits, mut bursts, mut syncs) = (0, 0, 0);
    for op in 0..ops {
        match soak.rng.below(100) {
            0..=59 => {
                soak.edit(&mut client);
                edits += 1;
            }
            60..=94 => {
                soak.burst(&mut client);
                bursts += 1;
            }
            _ => {
                // The newest version is always analysed and published in the end.
                let diagnostics = soak.current_diagnostics(&mut client);
                assert_ranges_exist(&soak.text, &json!(diagnostics), encoding, "diagnostics");
                syncs += 1;
            }
        }
        if op % 50 == 49 {
            // Unclaimed diagnostics would pile up in the test client.
            soak.absorb_diagnostics(&mut client);
            if let Some(kib) = server.rss_kib() {
                rss.push(kib);
            }
        }
    }
    let final_diagnostics = soak.current_diagnostics(&mut client);
    let final_sources = source_actions(&mut client);
    assert_ranges_exist(
        &soak.text,
        &json!(final_diagnostics),
        encoding,
        "diagnostics",
    );
    let log = server.log();
    assert!(
        !log.iter().any(|l| l.contains("panicked")),
        "the server log shows a panic:\n{}",
        log.join("\n")
    );
    client.shutdown_and_exit();
    let status = server
        .wait_exit(logged::PROMPTLY)
        .expect("exits after the soak");
    assert_eq!(status.code(), Some(0));

    // A fresh server on the final text agrees exactly (same version number too).
    let (mut fresh, _fresh_server) = start(encoding);
    fresh.open(URI, "markdown", soak.version, &soak.text);
    let expected = fresh.diagnostics(URI, soak.version);
    assert_eq!(
        final_diagnostics, expected,
        "diagnostics after {ops} operations differ from a fresh server's"
    );
    // The report and summary quote the text, so equal source actions also mean the
    // soaked server holds the same text as the fresh one.
    assert_eq!(
        final_sources,
        source_actions(&mut fresh),
        "source actions after {ops} operations differ from a fresh server's"
    );

    // Memory: after warming up, resident memory must not keep growing.
    if rss.len() >= 4 {
        let warm = rss[rss.len() / 4];
        let peak = *rss.iter().max().unwrap();
        let last = *rss.last().unwrap();
        assert!(
            last <= warm * 2 + 64 * 1024,
            "VmRSS grew from {warm} KiB (warm) to {last} KiB (end); samples {rss:?}"
        );
        eprintln!(
            "soak: {ops} ops ({edits} edits, {bursts} request bursts, {syncs} syncs) in {:.1?}; \
             final text {} bytes, version {}, {} diagnostics; VmRSS KiB warm {warm}, peak {peak}, end {last}",
            started.elapsed(),
            soak.text.len(),
            soak.version,
            final_diagnostics.len()
        );
    }
}
