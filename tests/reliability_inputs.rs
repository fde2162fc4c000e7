//! Hostile inputs that cost too much (issue #25): one endless sentence, deep or long
//! front matter, thousands of `[[lexicon]]` entries, a config file with no end.
//!
//! Costs are checked as growth, never as a tight time: the work for an input eight
//! times larger must stay far below the 64 times a quadratic pass would take. Each
//! figure is the fastest of a few runs, so a busy machine slows both sides alike.

use std::time::{Duration, Instant};
use truthlens::{analyze, Config, Format};

/// The fastest of `runs` timings of `work`.
fn fastest(runs: usize, work: impl Fn()) -> Duration {
    (0..runs)
        .map(|_| {
            let started = Instant::now();
            work();
            started.elapsed()
        })
        .min()
        .expect("at least one run")
}

/// Asserts that `work(8 * n)` takes less than 24 times as long as `work(n)`: linear
/// is about 8, quadratic about 64. `what` names the input in the message.
fn assert_grows_linearly(what: &str, n: usize, work: impl Fn(usize)) {
    let small = fastest(3, || work(n));
    let large = fastest(1, || work(8 * n));
    let growth = large.as_secs_f64() / small.as_secs_f64().max(1e-3);
    assert!(
        growth < 24.0,
        "8 times the {what} cost {growth:.1} times as much"
    );
}

/// Found by the hostile probe: a sentence of 240,000 words took 38 s to check, since
/// `attribution::extract::parenthetical` searched to the end of the sentence for every
/// reporting verb, and other passes compared each cue with all the ones before it.
#[test]
fn one_endless_sentence_costs_in_proportion_to_its_length() {
    let analyse = |n: usize| {
        let text = "the official said it was fine ".repeat(n);
        let _ = analyze(&text, Format::Markdown, &Config::default());
    };
    assert_grows_linearly("sentence", 2_500, analyse);
}

/// The same with commas between the cues, so the bounded test in `parenthetical`
/// passes and only the search for a later "that" is left.
#[test]
fn an_endless_sentence_of_asides_costs_in_proportion_to_its_length() {
    let analyse = |n: usize| {
        let text = "critics, the official said, were fine, ".repeat(n);
        let _ = analyze(&text, Format::Markdown, &Config::default());
    };
    assert_grows_linearly("sentence", 2_000, analyse);
}

/// Shapes a second probe found still quadratic after the sentence was bounded: a run
/// of proper nouns typed as one name, scare quotes each compared with every quote
/// in the draft, overlapping findings compared with all before them, every claim
/// searched against every statement, and citations each reading their sentence.
/// Each is analysed as one long line and as sentences.
#[test]
fn pathological_drafts_cost_in_proportion_to_their_length() {
    let shapes = [
        "John Smith John Smith ",
        "\u{201c}a\u{201d} \u{2018}b\u{2019} \"c\" 'd' ",
        "experts say that it is widely believed ",
        "An official, who asked not to be named, said the minister was beaten. ",
        "[1] [2] (http://x.y) ",
        "Smith said Jones said ",
    ];
    for shape in shapes {
        let analyse = |n: usize| {
            let text = shape.repeat(n);
            let _ = analyze(&text, Format::Markdown, &Config::default());
        };
        assert_grows_linearly(&format!("{shape:?} draft"), 1_500, analyse);
    }
}

/// Columns for output are counted from marks along the text, not from the start
/// of the line: one long line with a finding every few words stays linear.
#[test]
fn columns_on_one_long_line_cost_in_proportion_to_its_length() {
    let columns = |n: usize| {
        let text = "\u{e9}\u{1f600} slammed ".repeat(n);
        let index = truthlens::line_index::LineIndex::new(&text);
        let total: usize = (0..text.len())
            .step_by(11)
            .map(|at| index.line_col(at).1)
            .sum();
        assert!(total > 0);
    };
    assert_grows_linearly("line", 5_000, columns);
}

/// The same for the server's UTF-16 positions, which every publish computes for
/// every finding.
#[test]
fn utf16_positions_on_one_long_line_cost_in_proportion_to_its_length() {
    use truthlens::lsp::internals::{LineIndex, PositionEncoding};
    let positions = |n: usize| {
        let text = "\u{e9}\u{1f600} slammed ".repeat(n);
        let index = LineIndex::new(&text, PositionEncoding::Utf16);
        let ranges = (0..text.len())
            .step_by(11)
            .map(|at| index.range(&text, at, at + 7));
        let total: u32 = ranges.map(|r| r.end.character).sum();
        assert!(total > 0);
    };
    assert_grows_linearly("line", 5_000, positions);
}

fn front_matter_draft(front_matter: &str) -> String {
    format!("---\n{front_matter}\n---\nThe minister slammed the plan.\n")
}

/// Found by the hostile probe: front matter `x: [[[[…]]]]` nested 100,000 deep took
/// 38 s to check although it has no `truthlens` key: the whole YAML was parsed
/// first, and the parser's cost grows with the square of the depth.
#[test]
fn deep_front_matter_of_another_tool_costs_nothing() {
    let nested = |n: usize| format!("x: {}{}", "[".repeat(n), "]".repeat(n));
    let analyse = |n: usize| {
        let text = front_matter_draft(&nested(n));
        let _ = analyze(&text, Format::Markdown, &Config::default());
    };
    assert_grows_linearly("depth", 5_000, analyse);
    // With settings beside it, only the `truthlens` section is parsed.
    let text = front_matter_draft(&format!(
        "{}\ntruthlens:\n  allowlist: [slammed]\n",
        nested(100_000)
    ));
    let started = Instant::now();
    let config =
        truthlens::config::front_matter::apply(&text, Format::Markdown, &Config::default())
            .expect("valid settings")
            .expect("settings found");
    assert_eq!(config.allowlist, vec!["slammed"]);
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
}

/// Settings too deep or too long to be settings get a message that says so, at the
/// `truthlens` key, instead of a parse that takes minutes.
#[test]
fn front_matter_settings_past_the_limits_are_refused_with_a_reason() {
    use truthlens::config::front_matter::{settings, MAX_SETTINGS_BYTES, MAX_SETTINGS_DEPTH};
    let deep = front_matter_draft(&format!(
        "truthlens:\n  allowlist: {}{}",
        "[".repeat(10_000),
        "]".repeat(10_000)
    ));
    let err = settings(&deep, Format::Markdown).unwrap_err();
    assert!(
        err.message
            .contains(&format!("more than {MAX_SETTINGS_DEPTH} levels deep")),
        "{err}"
    );
    assert_eq!(err.span.text(&deep), "truthlens");
    let long = front_matter_draft(&format!(
        "truthlens:\n  allowlist:\n{}",
        "    - word\n".repeat(MAX_SETTINGS_BYTES / 8)
    ));
    let err = settings(&long, Format::Markdown).unwrap_err();
    assert!(
        err.message
            .contains(&format!("over the limit of {MAX_SETTINGS_BYTES}")),
        "{err}"
    );
    let toml = format!(
        "+++\n[truthlens]\nallowlist = {}{}\n+++\nBody.\n",
        "[".repeat(1_000),
        "]".repeat(1_000)
    );
    let err = settings(&toml, Format::Markdown).unwrap_err();
    assert!(err.message.contains("levels deep"), "{err}");
}

fn lexicon_config(entries: usize) -> String {
    (0..entries)
        .map(|i| format!("[[lexicon]]\nterm = \"word{i}\"\ncategory = \"puffery\"\n"))
        .collect()
}

/// Found by the hostile probe: 200,000 `[[lexicon]]` entries ran past 120 s, each
/// form looked up in a list of all the forms before it.
#[test]
fn lexicon_entries_are_checked_in_linear_time_and_capped() {
    use truthlens::config::LexiconEntry;
    use truthlens::lexicon::loaded::{check_extra_entries, Category};
    let entry = |i: usize| LexiconEntry {
        term: format!("word{i}"),
        category: Category::Puffery,
        alternatives: Vec::new(),
        explanation: None,
        weight: None,
        pos: None,
        forms: Vec::new(),
    };
    let check = |n: usize| {
        let entries: Vec<LexiconEntry> = (0..n).map(entry).collect();
        check_extra_entries(&entries).expect("valid");
    };
    assert_grows_linearly("entries", 16_000, check);
    let path = std::path::Path::new("t.toml");
    let limit = truthlens::config::MAX_LEXICON_ENTRIES;
    let text = lexicon_config(limit + 1);
    let err = Config::parse(&text, path).unwrap_err();
    assert!(
        err.message().contains(&format!(
            "{} [[lexicon]] entries; at most {limit}",
            limit + 1
        )),
        "{err}"
    );
    assert!(Config::parse(&lexicon_config(limit), path).is_ok());
}
