//! Regression tests for crashes found by the fuzz targets, the property tests and the
//! soak test (docs/reliability.md lists them). Each names the input that crashed.

mod common;

use common::*;
use truthlens::insert::{plan, InsertKind};
use truthlens::{analyze, Config, Format};

fn plan_all(text: &str, format: Format) {
    let config = Config::default();
    for kind in [
        InsertKind::Summary,
        InsertKind::Headline,
        InsertKind::Report,
    ] {
        if let Some(edit) = plan(text, format, kind, &config) {
            assert!(text.is_char_boundary(edit.span.start) && text.is_char_boundary(edit.span.end));
        }
    }
}

/// Found by the soak test: a loaded word replaced in the headline right after a
/// multi-byte non-letter (the skin-tone modifier of 👍🏽) sliced inside that character
/// while fixing "a"/"an" before the replacement.
#[test]
fn headline_replacement_after_a_multibyte_non_letter() {
    let text = "😀 和平 The thug 👍🏽 slammed the 停火协议.\r\n\r\nThe thug 👍🏽 slammed the town on Monday.\n";
    plan_all(text, Format::Markdown);
    for neighbour in ["👍🏽", "😀", "—", "’", "。", "«", "\u{200b}"] {
        let text = format!("Officials said a {neighbour} thug slammed the 停火协议 in the town.\n");
        plan_all(&text, Format::Markdown);
        plan_all(&text, Format::PlainText);
        let _ = analyze(&text, Format::Markdown, &Config::default());
    }
    // Every sentence here needs its loaded words, which a headline leaves out rather
    // than replaces: there may be no headline, and never one with them.
    let headline = plan(
        text,
        Format::Markdown,
        InsertKind::Headline,
        &Config::default(),
    );
    if let Some(h) = headline {
        assert!(!h.replacement.contains("thug"), "{}", h.replacement);
    }
}

/// Found by the soak test: when a change arrived after the analysis loop had reset
/// its `pending` flag but before it took its snapshot, the loop analysed the
/// (already current) version a second time and published it twice. Each burst of
/// typing cost two analyses. Detecting the race needs the timing to line up, so this
/// types a lot; it can never fail spuriously, since duplicates are now impossible.
#[test]
fn a_burst_of_edits_publishes_each_version_at_most_once() {
    let uri = "file:///drafts/burst.md";
    let (mut client, _server) = InMemoryServer::start();
    client.initialize(capabilities(&["utf-16"]), None);
    let mut text = "The thug slammed critics.\n".repeat(50);
    client.open(uri, "markdown", 1, &text);
    client.diagnostics(uri, 1);
    let mut published = Vec::new();
    for version in 2..=80 {
        client.change(uri, version, &[((0, 0), (0, 0), "a ")]);
        text.insert_str(0, "a ");
        if version % 4 == 0 {
            client.hover(uri, 0, 4);
        }
        while let Some(m) =
            client.try_wait_for(std::time::Duration::ZERO, |m| is_diagnostics_for(m, uri))
        {
            published.push(m["params"]["version"].as_i64().unwrap());
        }
    }
    // The final version may already have been drained above.
    if !published.contains(&80) {
        client.diagnostics(uri, 80);
        published.push(80);
    }
    while let Some(m) = client.try_wait_for(std::time::Duration::from_millis(300), |m| {
        is_diagnostics_for(m, uri)
    }) {
        published.push(m["params"]["version"].as_i64().unwrap());
    }
    let mut seen = std::collections::BTreeSet::new();
    let twice: Vec<i64> = published
        .iter()
        .filter(|v| !seen.insert(**v))
        .copied()
        .collect();
    assert!(
        twice.is_empty(),
        "published more than once: {twice:?} (all: {published:?})"
    );
}

/// Found by the `analyze_structured` fuzz target (a timeout): the title check that the
/// summary and headline planners run searched back for the current word at every
/// full stop, so a long line without spaces (a run of URLs) was quadratic: 12 s for
/// 53 KB in a debug build. The server runs that planner on every code action request.
/// At this size the old code took many minutes; the bound is generous on purpose.
#[test]
fn a_long_line_without_spaces_plans_in_linear_time() {
    let line = "http://example.com/a?b=c.".repeat(16_000) + " regime";
    assert!(line.len() > 400_000);
    let started = std::time::Instant::now();
    for format in [Format::PlainText, Format::Markdown] {
        plan_all(&line, format);
    }
    let elapsed = started.elapsed();
    assert!(
        elapsed < std::time::Duration::from_secs(60),
        "planning a 400 KB line took {elapsed:?}"
    );
}
