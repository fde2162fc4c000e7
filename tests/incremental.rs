//! The incremental analysis gives exactly what a fresh one gives.
//!
//! - Pure: a draft edited at random, analysed after each edit with the pieces of
//!   the previous versions kept (`engine::Cache`), equals a fresh `analyze`.
//! - Protocol: random edits sent as `didChange` in either position encoding end
//!   with the same diagnostics as a fresh server opened on the final text.
//! - A burst of 200 edits ends with diagnostics for the final version, and none
//!   for an older version after a newer one.

mod common;

use common::{capabilities, is_diagnostics_for, position_of, Enc, InMemoryServer};
use proptest::prelude::*;
use serde_json::Value;
use std::sync::Arc;
use truthlens::analysis::chunks;
use truthlens::analysis::chunks::SameEnds;
use truthlens::engine::{analyze_cached, findings_cached, Cache, Since};
use truthlens::{analyze, Analysis, Config, Format};

/// Paragraph material: findings of every rule, pronouns that reach back across
/// paragraphs, quotes that run on, and the constructs that decide where a draft
/// can be cut (fences, comments, front matter, indented continuations).
const FRAGMENTS: &[&str] = &[
    "The regime slammed the incredibly brutal plan.",
    "Experts say the bridge is unsafe.",
    "Studies show that 40% of voters agree.",
    "Maria Lopez, the mayor, said the vote was fair.",
    "She said it again on Tuesday.",
    "One official said the talks had failed.",
    "Lopez claims she was never told.",
    "According to the ministry, 12,000 people left.",
    "\u{201c}We will rebuild,\u{201d} he said.",
    "\u{201c}It is not over.",
    "It is widely believed that the deal will hold.",
    "# A heading",
    "- a list item with a brutal twist",
    "  an indented continuation",
    "    indented code that says regime",
    "> A blockquote: the regime lied.",
    "```",
    "~~~",
    "<!-- truthlens-disable loaded-language -->",
    "<!-- truthlens-enable -->",
    "<!-- truthlens-ignore -->",
    "<!--",
    "-->",
    "<pre>",
    "</pre>",
    "---",
    "title: x",
    "[link](https://example.test) and [ref][r]",
    "[r]: https://example.test/r",
    "A footnote.[^1]",
    "[^1]: The source.",
    "和平 😀 café",
    "truthlens: disable unattributed-claim",
    "",
];

fn draft() -> impl Strategy<Value = String> {
    let line = proptest::sample::select(FRAGMENTS);
    let separator = prop_oneof![Just("\n"), Just("\n\n"), Just("\r\n\r\n"), Just(" ")];
    proptest::collection::vec((line, separator), 0..24)
        .prop_map(|parts| parts.into_iter().map(|(l, s)| format!("{l}{s}")).collect())
}

/// An edit: where (as a fraction of the text), how much to delete, what to insert.
fn edit() -> impl Strategy<Value = (f64, usize, String)> {
    let insert = prop_oneof![
        3 => proptest::sample::select(FRAGMENTS).prop_map(str::to_string),
        2 => proptest::sample::select(&["\n", "\n\n", "x", " ", "\u{201c}", "`", "e\u{301}", "😀"][..])
            .prop_map(str::to_string),
    ];
    (0.0..=1.0f64, 0usize..40, insert)
}

/// Apply `edit` at the nearest character boundaries, never inside a CRLF (where
/// an LSP position cannot point: `\r` already ends the line).
fn apply(text: &mut String, (at, delete, insert): &(f64, usize, String)) -> (usize, usize) {
    let inside_crlf =
        |text: &str, i: usize| text[..i].ends_with('\r') && text[i..].starts_with('\n');
    let mut start = (text.len() as f64 * at) as usize;
    while !text.is_char_boundary(start) || inside_crlf(text, start) {
        start -= 1;
    }
    let mut end = (start + delete).min(text.len());
    while !text.is_char_boundary(end) || inside_crlf(text, end) {
        end += 1;
    }
    text.replace_range(start..end, insert);
    (start, end)
}

fn format() -> impl Strategy<Value = Format> {
    prop_oneof![Just(Format::Markdown), Just(Format::PlainText)]
}

/// Apply `edits` to `start` one by one; after each, the analysis with the cache of
/// the previous version equals a fresh one.
/// Both ways of asking a cache after each edit: the whole analysis, and the
/// findings and blocks the language server asks for (which splice differently),
/// told as the server tells it what the edit changed.
fn edited_equals_fresh(start: String, edits: &[(f64, usize, String)], format: Format) {
    let config = Config::default();
    let (mut cache, mut server_cache) = (Cache::new(), Cache::new());
    let mut text = start;
    analyze_cached(&mut cache, &text, format, &config);
    let mut snapshot = Arc::new(text.clone());
    findings_cached(&mut server_cache, &snapshot, None, format, &config);
    for e in edits {
        let length = text.len();
        let (start, end) = apply(&mut text, e);
        let fresh = analyze(&text, format, &config);
        let cached = analyze_cached(&mut cache, &text, format, &config);
        assert_same(&cached, &fresh, &text);
        let since = Since {
            earlier: snapshot,
            same: SameEnds {
                prefix: start,
                suffix: length - end,
            },
        };
        snapshot = Arc::new(text.clone());
        let served = findings_cached(&mut server_cache, &snapshot, Some(since), format, &config);
        assert_eq!(served.findings, fresh.findings, "served findings: {text:?}");
        assert_eq!(served.blocks, fresh.prose.blocks, "served blocks: {text:?}");
    }
}

fn assert_same(cached: &Analysis, fresh: &Analysis, text: &str) {
    assert_eq!(cached.prose.masked, fresh.prose.masked, "masked: {text:?}");
    assert_eq!(cached.prose.blocks, fresh.prose.blocks, "blocks: {text:?}");
    assert_eq!(cached.prose.title, fresh.prose.title, "title: {text:?}");
    assert_eq!(cached.sentences, fresh.sentences, "sentences: {text:?}");
    assert_eq!(cached.quotes.spans, fresh.quotes.spans, "quotes: {text:?}");
    assert_eq!(
        cached.attributions.list, fresh.attributions.list,
        "attributions: {text:?}"
    );
    assert_eq!(
        cached.attributions.sources, fresh.attributions.sources,
        "sources: {text:?}"
    );
    assert_eq!(
        cached.attributions.unsourced, fresh.attributions.unsourced,
        "unsourced: {text:?}"
    );
    assert_eq!(
        cached.attributions.corroboration, fresh.attributions.corroboration,
        "corroboration: {text:?}"
    );
    assert_eq!(
        cached.attributions.shares, fresh.attributions.shares,
        "shares: {text:?}"
    );
    assert_eq!(cached.findings, fresh.findings, "findings: {text:?}");
}

/// Sentences for long drafts: names and the pronouns and surnames that refer back
/// to them, quotes that run on across paragraphs, anonymous and contested claims,
/// notes on corroboration, and neutral filler.
const SENTENCES: &[&str] = &[
    "Maria Lopez, the mayor, said the vote was fair.",
    "Lopez claims she was never told about the budget.",
    "She said the budget was cut.",
    "Tomas Berg alleges that guards beat him.",
    "The agency could not independently verify his account.",
    "One official said the talks had failed.",
    "A senior official, who spoke on condition of anonymity, said the plan was dead.",
    "\u{201c}We will rebuild the bridge,\u{201d} he said.",
    "\u{201c}It is not over.",
    "We are still here.\u{201d}",
    "Experts say the bridge is unsafe.",
    "Studies show that 40% of voters agree.",
    "According to the ministry, 12,000 people left.",
    "The regime slammed the incredibly brutal plan.",
    "The council met on Monday and discussed the road.",
    "Rain fell on the market square all afternoon.",
    "Those studies were never published.",
    "One of them, a professor at the college, said the data was thin.",
    "The ministry said it would respond.",
    "It declined to comment further.",
];

/// Blocks between the paragraphs of long drafts: headings (the first H1 is the
/// title, wherever it is) and directives.
const BLOCKS: &[&str] = &[
    "# A heading",
    "## A subheading",
    "<!-- truthlens-disable loaded-language -->",
    "<!-- truthlens-enable -->",
    "<!-- truthlens-ignore -->",
];

fn long_draft() -> impl Strategy<Value = String> {
    let paragraph = prop_oneof![
        8 => proptest::collection::vec(proptest::sample::select(SENTENCES), 1..4)
            .prop_map(|sentences| sentences.join(" ")),
        1 => proptest::sample::select(BLOCKS).prop_map(str::to_string),
    ];
    let top = proptest::sample::select(&["# A long draft\n\n", ""][..]);
    (top, proptest::collection::vec(paragraph, 20..50)).prop_map(|(top, paragraphs)| {
        let mut text = String::from(top);
        text.push_str(&paragraphs.join("\n\n"));
        text
    })
}

/// Mostly one character typed or deleted, sometimes a sentence.
fn small_edit() -> impl Strategy<Value = (f64, usize, String)> {
    let insert = prop_oneof![
        4 => proptest::sample::select(&["x", "e", " ", ",", "\u{201c}", "\n\n", "# "][..]).prop_map(str::to_string),
        2 => Just(String::new()),
        1 => proptest::sample::select(SENTENCES).prop_map(|s| format!(" {s}")),
    ];
    (
        0.0..=1.0f64,
        prop_oneof![3 => Just(0usize), 1 => 1usize..3],
        insert,
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn cached_analysis_after_edits_equals_a_fresh_one(
        start in draft(),
        edits in proptest::collection::vec(edit(), 1..10),
        format in format(),
    ) {
        edited_equals_fresh(start, &edits, format);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Cutting an edited draft again around the edit gives the pieces a whole scan
    /// gives, and the pieces it says are kept are the old ones.
    #[test]
    fn pieces_cut_again_around_an_edit_equal_a_whole_cut(
        start in prop_oneof![draft(), long_draft()],
        edits in proptest::collection::vec(prop_oneof![edit(), small_edit()], 1..6),
        format in format(),
    ) {
        let mut text = start;
        let mut spans = chunks::split(&text, format);
        for e in &edits {
            let old = text.clone();
            apply(&mut text, e);
            let (again, before, after) = chunks::resplit(&old, &spans, &text, format, None);
            let whole = chunks::split(&text, format);
            prop_assert_eq!(&again, &whole);
            for i in 0..before {
                prop_assert_eq!(again[i].text(&text), spans[i].text(&old));
            }
            for j in 1..=after {
                prop_assert_eq!(
                    again[again.len() - j].text(&text),
                    spans[spans.len() - j].text(&old)
                );
            }
            spans = again;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Long drafts edited a character at a time: most edits are spliced into the
    /// last analysis, which must still equal a fresh one.
    #[test]
    fn spliced_edits_in_long_drafts_equal_a_fresh_analysis(
        start in long_draft(),
        edits in proptest::collection::vec(small_edit(), 1..12),
        format in format(),
    ) {
        edited_equals_fresh(start, &edits, format);
    }
}

#[test]
fn a_letter_typed_in_a_long_draft_is_spliced_in() {
    let paragraph = "Maria Lopez said the vote was fair. Experts say the bridge is unsafe.\n\n\
                     \u{201c}We will rebuild,\u{201d} she said. The regime slammed the plan.\n\n";
    let mut text = paragraph.repeat(40);
    let mut cache = Cache::new();
    let config = Config::default();
    analyze_cached(&mut cache, &text, Format::Markdown, &config);
    assert!(
        !cache.spliced(),
        "the first analysis has nothing to splice into"
    );
    let middle = text.len() / 2 + text[text.len() / 2..].find("bridge").unwrap() + 2;
    text.insert(middle, 'x');
    let typed = analyze_cached(&mut cache, &text, Format::Markdown, &config);
    assert!(cache.spliced(), "a letter inside a word is spliced in");
    assert_same(&typed, &analyze(&text, Format::Markdown, &config), &text);
    // Typing inside a name changes what the canonical sources read: the whole draft again.
    let name = text.len() / 2 + text[text.len() / 2..].find("Lopez").unwrap() + 2;
    text.insert(name, 'x');
    let renamed = analyze_cached(&mut cache, &text, Format::Markdown, &config);
    assert!(!cache.spliced(), "an edited name is not spliced in");
    assert_same(&renamed, &analyze(&text, Format::Markdown, &config), &text);
}

/// A letter typed into a mention can make it a source of its own: the sources
/// first named after it are numbered one further, and the rest of the draft is
/// spliced as it was.
#[test]
fn a_new_source_typed_in_a_long_draft_is_spliced_in() {
    let paragraph =
        "Maria Lopez said the vote was fair. Nurses at the clinic said the wait was long.\n\n\
                     The council met on Monday and discussed the road.\n\n";
    let mut text = paragraph.repeat(40);
    let (mut cache, config) = (Cache::new(), Config::default());
    let sources = analyze_cached(&mut cache, &text, Format::Markdown, &config)
        .attributions
        .sources
        .len();
    let middle = text.len() / 2 + text[text.len() / 2..].find("Nurses").unwrap() + 2;
    text.insert(middle, 'x');
    let typed = analyze_cached(&mut cache, &text, Format::Markdown, &config);
    assert!(cache.spliced(), "a new source is spliced in");
    assert_eq!(
        typed.attributions.sources.len(),
        sources + 1,
        "one source more"
    );
    assert_same(&typed, &analyze(&text, Format::Markdown, &config), &text);
    text.remove(middle);
    let back = analyze_cached(&mut cache, &text, Format::Markdown, &config);
    assert!(cache.spliced(), "and spliced out again");
    assert_eq!(back.attributions.sources.len(), sources);
    assert_same(&back, &analyze(&text, Format::Markdown, &config), &text);
}

/// Typing a name is an edit to a mention at every keystroke. The first runs the
/// canonical resolver again from the top and keeps its state above the edited
/// piece; the next ones there go on from that state. An edit to a mention further
/// up cannot use it, and any edit further up drops it. Every step must equal a
/// fresh analysis.
#[test]
fn typing_a_name_resolves_again_from_the_edited_paragraph() {
    let paragraph = "Maria Lopez said the vote was fair. She said it twice.\n\n\
                     Nurses at the clinic said the wait was long.\n\n\
                     The council met on Monday and discussed the road.\n\n";
    let mut text = paragraph.repeat(30);
    let (mut cache, config) = (Cache::new(), Config::default());
    analyze_cached(&mut cache, &text, Format::Markdown, &config);
    let mut edit = |text: &mut String, at: usize, letter: Option<char>| {
        match letter {
            Some(c) => text.insert(at, c),
            None => {
                text.remove(at);
            }
        }
        let cached = analyze_cached(&mut cache, text, Format::Markdown, &config);
        assert!(cache.spliced(), "spliced: {:?}", &text[at - 5..at + 5]);
        assert_same(&cached, &analyze(text, Format::Markdown, &config), text);
        cache.resolved_from()
    };
    let nurses = |text: &str, from: usize| from + text[from..].find("Nurses").unwrap() + 2;

    let middle = nurses(&text, text.len() / 2);
    assert_eq!(
        edit(&mut text, middle, Some('x')),
        Some(0),
        "first: from the top"
    );
    let here = edit(&mut text, middle + 1, Some('y')).expect("a mention edit");
    assert!(here > 0, "then from the edited piece");
    assert_eq!(edit(&mut text, middle + 2, Some('z')), Some(here));
    assert_eq!(edit(&mut text, middle + 2, None), Some(here));
    // Further down: from the checkpoint above, which moves down to the new piece.
    let below = nurses(&text, middle + text.len() / 4);
    assert_eq!(edit(&mut text, below, Some('x')), Some(here));
    let lower = edit(&mut text, below, None).expect("a mention edit");
    assert!(lower > here);
    // Further up: the kept state holds what the edit may change.
    let above = nurses(&text, text.len() / 8);
    assert_eq!(edit(&mut text, above, Some('x')), Some(0));
    // A plain word typed further up still drops a checkpoint below it.
    let checkpoint = edit(&mut text, above, None).expect("a mention edit");
    let below = nurses(&text, middle);
    assert_eq!(edit(&mut text, below, Some('x')), Some(checkpoint));
    let road = text[..text.len() / 8].rfind("road").unwrap() + 1;
    assert_eq!(edit(&mut text, road, Some('x')), None, "not a mention");
    assert_eq!(edit(&mut text, below, None), Some(0));
}

/// The server tells the cache what an edit changed (`Since`). A window reaching to
/// the end of the draft is still true, and then every piece after the edit is cut
/// again: the repeated paragraphs there, which share one piece, must still count
/// as where they were, or nothing would be spliced.
#[test]
fn a_letter_typed_with_a_window_to_the_end_is_spliced_in() {
    let paragraph = "Maria Lopez said the vote was fair. Experts say the bridge is unsafe.\n\n\
                     \u{201c}We will rebuild,\u{201d} she said. The regime slammed the plan.\n\n";
    let mut text = paragraph.repeat(40);
    let (mut cache, config) = (Cache::new(), Config::default());
    let snapshot = Arc::new(text.clone());
    findings_cached(&mut cache, &snapshot, None, Format::Markdown, &config);
    let middle = text.len() / 2 + text[text.len() / 2..].find("bridge").unwrap() + 2;
    text.insert(middle, 'x');
    let since = Since {
        earlier: snapshot,
        same: SameEnds {
            prefix: middle,
            suffix: 0,
        },
    };
    let typed = findings_cached(
        &mut cache,
        &Arc::new(text.clone()),
        Some(since),
        Format::Markdown,
        &config,
    );
    assert!(cache.spliced(), "a letter inside a word is spliced in");
    let fresh = analyze(&text, Format::Markdown, &config);
    assert_eq!(typed.findings, fresh.findings);
    assert_eq!(typed.blocks, fresh.prose.blocks);
}

#[test]
fn a_generated_block_typed_into_a_long_draft_is_left_out_as_in_a_fresh_analysis() {
    // The edits only search what they changed for a block's marker: the marker's
    // last letter is typed last, and the whole block is then taken out again.
    let paragraph = "The regime slammed the plan. Experts say the bridge is unsafe.\n\n";
    let mut text = paragraph.repeat(60);
    let config = Config::default();
    let mut cache = Cache::new();
    analyze_cached(&mut cache, &text, Format::Markdown, &config);
    let block = "<!-- truthlens:summary -->\n> The regime slammed the plan.\n<!-- /truthlens:summary -->\n\n";
    let at = text.len() / 2 + text[text.len() / 2..].find("The regime").unwrap();
    let mut typed = String::new();
    for c in block.chars() {
        typed.push(c);
        text.insert(at + typed.len() - c.len_utf8(), c);
        let cached = analyze_cached(&mut cache, &text, Format::Markdown, &config);
        assert_same(&cached, &analyze(&text, Format::Markdown, &config), &text);
    }
    let whole = analyze(&text, Format::Markdown, &config);
    let inside = |f: &truthlens::rules::Finding| (at..at + block.len()).contains(&f.span.start);
    assert!(
        !whole.findings.iter().any(inside),
        "the block is not reviewed"
    );
    text.replace_range(at..at + block.len(), "");
    let cached = analyze_cached(&mut cache, &text, Format::Markdown, &config);
    assert_same(&cached, &analyze(&text, Format::Markdown, &config), &text);
}

#[test]
fn unchanged_pieces_are_reused_and_the_cache_holds_only_the_current_ones() {
    let paragraph = "The regime slammed the plan. Experts say it failed.\n\n";
    let mut text = paragraph.repeat(50);
    let mut cache = Cache::new();
    let config = Config::default();
    let before = analyze_cached(&mut cache, &text, Format::Markdown, &config);
    // Identical paragraphs share one entry (the first piece is kept apart).
    assert_eq!(cache.len(), 2);
    let middle = text.len() / 2 + 4;
    text.insert_str(middle, "brutal ");
    let after = analyze_cached(&mut cache, &text, Format::Markdown, &config);
    assert_eq!(cache.len(), 3, "one new piece");
    assert_eq!(after.findings.len(), before.findings.len() + 1);
    assert_same(&after, &analyze(&text, Format::Markdown, &config), &text);
    // A different config starts over rather than reusing stale findings.
    let quiet = Config::parse(
        "[rules.loaded-language]\nenabled = false\n",
        std::path::Path::new("t.toml"),
    )
    .unwrap();
    let without = analyze_cached(&mut cache, &text, Format::Markdown, &quiet);
    assert!(without.findings.iter().all(|f| f.rule != "loaded-language"));
}

#[test]
fn the_top_piece_is_not_reused_further_down() {
    // In plain text the first line is the title; pushed down, it is a paragraph.
    let config = Config::default();
    let mut cache = Cache::new();
    let mut text = "Headline\n\nThe regime fell.\n".to_string();
    analyze_cached(&mut cache, &text, Format::PlainText, &config);
    text.insert_str(0, "A new top line\n\n");
    let cached = analyze_cached(&mut cache, &text, Format::PlainText, &config);
    assert_same(&cached, &analyze(&text, Format::PlainText, &config), &text);
    // Front matter at the top; the same lines lower down are a rule and a paragraph.
    let mut text = "---\ntitle: A brutal week\n---\n\nBody.\n".to_string();
    analyze_cached(&mut cache, &text, Format::Markdown, &config);
    text.insert_str(0, "Intro.\n\n");
    let cached = analyze_cached(&mut cache, &text, Format::Markdown, &config);
    assert_same(&cached, &analyze(&text, Format::Markdown, &config), &text);
    assert!(cached
        .findings
        .iter()
        .any(|f| f.span.text(&text) == "brutal"));
}

// ---------------------------------------------------------------------------
// Over the protocol

const URI: &str = "file:///drafts/incremental.md";

fn final_diagnostics(client: &mut common::Client, version: i64) -> Vec<Value> {
    client.diagnostics(URI, version)
}

fn lsp_edits() -> impl Strategy<Value = Vec<(f64, usize, String)>> {
    proptest::collection::vec(edit(), 1..8)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn edits_over_the_protocol_end_like_a_fresh_open(
        start in draft(),
        edits in lsp_edits(),
        utf8 in any::<bool>(),
    ) {
        let (enc, name) = if utf8 { (Enc::Utf8, "utf-8") } else { (Enc::Utf16, "utf-16") };
        let (mut client, _server) = InMemoryServer::start();
        client.initialize(capabilities(&[name]), None);
        client.open(URI, "markdown", 1, &start);
        final_diagnostics(&mut client, 1);
        let mut text = start;
        let mut version = 1;
        for e in &edits {
            let before = text.clone();
            let (from, to) = apply(&mut text, e);
            version += 1;
            client.change(
                URI,
                version,
                &[(position_of(&before, from, enc), position_of(&before, to, enc), e.2.as_str())],
            );
        }
        let incremental = final_diagnostics(&mut client, version);

        let (mut fresh, _other) = InMemoryServer::start();
        fresh.initialize(capabilities(&[name]), None);
        fresh.open(URI, "markdown", version, &text);
        let expected = final_diagnostics(&mut fresh, version);
        prop_assert_eq!(incremental, expected, "text: {:?}", text);
    }
}

#[test]
fn a_burst_of_edits_ends_with_the_final_version_only() {
    let (mut client, _server) = InMemoryServer::start();
    client.initialize(capabilities(&["utf-16"]), None);
    let text = "The regime slammed the plan. Experts say it failed.\n\n".repeat(400);
    client.open(URI, "markdown", 1, &text);
    client.diagnostics(URI, 1);
    // 200 edits as fast as the pipe takes them: type "brutal " at the top.
    for (i, c) in "brutal ".chars().cycle().take(200).enumerate() {
        let version = i as i64 + 2;
        client.change(
            URI,
            version,
            &[((0, i as u32), (0, i as u32), &c.to_string())],
        );
    }
    let last = 201;
    let mut seen = Vec::new();
    loop {
        let published =
            client.wait_for("diagnostics for the burst", |m| is_diagnostics_for(m, URI));
        let version = published["params"]["version"].as_i64().unwrap();
        seen.push(version);
        if version == last {
            break;
        }
    }
    assert!(
        seen.windows(2).all(|w| w[0] < w[1]),
        "versions only go forward: {seen:?}"
    );
    let later = client.try_wait_for(std::time::Duration::from_millis(500), |m| {
        is_diagnostics_for(m, URI)
    });
    assert!(
        later.is_none(),
        "nothing after the final version: {later:?}"
    );
    // The final text's findings: the burst typed 28 full "brutal "s and more.
    let hover = client.hover(URI, 0, 2);
    assert!(hover.to_string().contains("brutal"), "{hover}");
}
