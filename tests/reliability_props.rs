//! Property tests: the fuzz targets' invariants on a small budget, in `cargo test`.
//!
//! - the analysis never panics, and every span it reports is on character
//!   boundaries inside the text (Markdown and plain text);
//! - LSP positions convert and round-trip exactly as the specification says, in both
//!   encodings, and incremental edits applied to the rope give the reference text;
//! - config parsing (TOML and editor-settings JSON) never panics.
//!
//! The long runs are the fuzz targets in `fuzz/` (docs/reliability.md).

mod invariants;

use proptest::prelude::*;
use std::path::Path;
use truthlens::lsp::internals::lsp_types::{Position, Range, TextDocumentContentChangeEvent};
use truthlens::lsp::internals::{EditorSettings, PositionEncoding};
use truthlens::{analyze, Config, Format};

/// Pieces that make the analysis and the position code work hard.
const PIECES: &[&str] = &[
    "regime",
    "slammed",
    "incredibly",
    "brutal",
    "experts say",
    "studies show",
    "one official said",
    "according to",
    "said",
    "Dr.",
    "U.S.",
    " ",
    "  ",
    ".",
    "?",
    "!",
    ",",
    "\"",
    "“",
    "”",
    "'",
    "’",
    "(",
    ")",
    "[",
    "]",
    "*",
    "_",
    "`",
    "```",
    "~~~",
    "> ",
    "- ",
    "1. ",
    "# ",
    "| a |",
    "|---|",
    "<!-- truthlens-disable -->",
    "<!-- truthlens-enable -->",
    "<!-- truthlens-ignore -->",
    "<!--",
    "-->",
    "<!-- truthlens:summary -->",
    "[truthlens:report]",
    "---",
    "+++",
    "[x](http://a.test)",
    "http://b.test/c",
    "[^1]",
    "<div>",
    "&amp;",
    "😀",
    "👩‍👩‍👧",
    "和平",
    "é",
    "e\u{301}",
    "\u{200b}",
    "\u{2028}",
    "\u{85}",
    "\u{feff}",
    "\0",
    "\t",
    "\r",
    "\n",
    "\r\n",
    "\n\n",
];

fn draft() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => proptest::sample::select(PIECES).prop_map(str::to_string),
        1 => any::<String>(),
    ];
    proptest::collection::vec(piece, 0..60).prop_map(|pieces| pieces.concat())
}

fn format() -> impl Strategy<Value = Format> {
    prop_oneof![Just(Format::Markdown), Just(Format::PlainText)]
}

fn encoding() -> impl Strategy<Value = PositionEncoding> {
    prop_oneof![Just(PositionEncoding::Utf8), Just(PositionEncoding::Utf16)]
}

/// Mostly small coordinates (inside the text), sometimes huge ones.
fn position() -> impl Strategy<Value = Position> {
    prop_oneof![
        4 => (0u32..6, 0u32..40).prop_map(|(l, c)| Position::new(l, c)),
        1 => (any::<u32>(), any::<u32>()).prop_map(|(l, c)| Position::new(l, c)),
    ]
}

fn change() -> impl Strategy<Value = TextDocumentContentChangeEvent> {
    let text = proptest::collection::vec(proptest::sample::select(PIECES), 0..4)
        .prop_map(|pieces| pieces.concat());
    (
        proptest::option::weighted(0.9, (position(), position())),
        text,
    )
        .prop_map(|(range, text)| TextDocumentContentChangeEvent {
            range: range.map(|(start, end)| Range::new(start, end)),
            range_length: None,
            text,
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn analysis_spans_stay_on_char_boundaries(text in draft(), format in format()) {
        let analysis = analyze(&text, format, &Config::default());
        invariants::check_analysis(&text, &analysis);
    }

    #[test]
    fn positions_convert_like_the_reference(
        text in draft(),
        raw in proptest::collection::vec((0u32..8, 0u32..64), 0..8),
        encoding in encoding(),
    ) {
        let probes = invariants::interesting_positions(&text, &raw);
        invariants::check_positions(&text, &probes, encoding);
    }

    #[test]
    fn incremental_edits_match_the_reference(
        text in draft(),
        changes in proptest::collection::vec(change(), 0..12),
        encoding in encoding(),
    ) {
        let after = invariants::check_changes(&text, &changes, encoding);
        invariants::check_positions(&after, &[], encoding);
    }

    #[test]
    fn toml_config_parsing_never_panics(text in config_text()) {
        if let Ok(config) = Config::parse(&text, Path::new("prop.toml")) {
            prop_assert!(config.files.matcher().is_ok());
        }
    }

    #[test]
    fn json_settings_parsing_never_panics(value in settings_json()) {
        if let Ok(settings) = EditorSettings::parse(&value) {
            prop_assert!(settings.apply_to(None).is_ok());
            prop_assert!(settings.overlaid_with(&settings).is_ok());
        }
    }
}

/// TOML assembled from real keys and odd values, plus raw noise.
fn config_text() -> impl Strategy<Value = String> {
    const LINES: &[&str] = &[
        "allowlist = [\"regime\"]",
        "allowlist = 3",
        "[rules.loaded-language]",
        "[rules.nope]",
        "enabled = false",
        "severity = \"off\"",
        "severity = \"loud\"",
        "categories = { intensifier = \"hint\" }",
        "[quotes]",
        "policy = \"lint\"",
        "blockquotes = \"yes\"",
        "[single-source]",
        "dominant-share = 0.0",
        "dominant-share = nan",
        "dominant-share = inf",
        "min-statements = -1",
        "[summary]",
        "sentences = 99999999999999999999",
        "run = \"on-save\"",
        "[files]",
        "include = [\"**/*.md\", \"{a,b}/[!x]*\"]",
        "exclude = [\"[\"]",
        "max-document-bytes = 0",
        "max-document-bytes = 18446744073709551615",
        "[[rules]]",
        "=",
        "\"",
    ];
    let line = prop_oneof![
        4 => proptest::sample::select(LINES).prop_map(str::to_string),
        1 => any::<String>(),
    ];
    proptest::collection::vec(line, 0..12).prop_map(|lines| lines.join("\n"))
}

/// JSON values shaped like editor settings, with wrong types mixed in.
fn settings_json() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::{json, Value};
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        proptest::sample::select(&["off", "hint", "lint", "skip", "**/*.md", "[", "regime"][..])
            .prop_map(Value::from),
    ];
    let keys = proptest::sample::select(
        &[
            "truthlens",
            "rules",
            "loaded-language",
            "single-source",
            "quotes",
            "policy",
            "allowlist",
            "summary",
            "sentences",
            "files",
            "include",
            "trace",
            "run",
            "max-document-bytes",
            "dominant-share",
            "severity",
            "categories",
            "bogus",
        ][..],
    );
    leaf.prop_recursive(4, 32, 6, move |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::btree_map(keys.clone(), inner, 0..4).prop_map(|m| json!(m
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect::<serde_json::Map<_, _>>())),
        ]
    })
}
