//! Suppression directives in the text, end to end through `analyze`.

use truthlens::{analyze, Config, Format};

fn flagged(text: &str, format: Format) -> Vec<String> {
    analyze(text, format, &Config::default())
        .findings
        .iter()
        .filter(|f| f.rule == "loaded-language")
        .map(|f| f.span.text(text).to_string())
        .collect()
}

#[test]
fn disable_and_enable_make_a_range() {
    let text = "The regime fell.\n\n<!-- truthlens-disable loaded-language -->\n\nThe regime rose.\n\n<!-- truthlens-enable -->\n\nThe regime wobbled.\n";
    let found = flagged(text, Format::Markdown);
    assert_eq!(found.len(), 2, "{found:?}");
    let a = analyze(text, Format::Markdown, &Config::default());
    let lines: Vec<usize> = a
        .findings
        .iter()
        .map(|f| text[..f.span.start].lines().count())
        .collect();
    assert_eq!(lines, vec![1, 9]);
}

#[test]
fn disable_at_the_start_runs_to_the_end() {
    let text = "<!-- truthlens-disable -->\n# Title\n\nThe regime fell.\n\n- the regime rose\n";
    assert!(flagged(text, Format::Markdown).is_empty());
}

#[test]
fn ignore_covers_only_the_next_block() {
    let text = "<!-- truthlens-ignore -->\nThe regime fell.\n\nThe regime rose.\n";
    assert_eq!(flagged(text, Format::Markdown), vec!["regime"]);
    let next_line = "Intro.\n\n<!-- truthlens-disable-next-line loaded-language -->\nThe regime fell.\n\nThe regime rose.\n";
    assert_eq!(flagged(next_line, Format::Markdown).len(), 1);
}

#[test]
fn ignore_works_in_lists_blockquotes_and_at_the_end() {
    let list = "- The regime fell.\n- <!-- truthlens-ignore --> The regime rose.\n";
    assert_eq!(flagged(list, Format::Markdown).len(), 1);
    let quote = "> Our view: the regime fell.\n\nThe regime rose.\n\n<!-- truthlens-ignore -->\n> The regime wobbled.\n";
    let mut config = Config::default();
    config.quotes.blockquotes = false;
    let found = analyze(quote, Format::Markdown, &config).findings.len();
    assert_eq!(
        found, 2,
        "the ignored blockquote drops out, the others stay"
    );
    let end = "The regime fell.\n\n<!-- truthlens-disable -->\n";
    assert_eq!(flagged(end, Format::Markdown).len(), 1);
}

#[test]
fn an_ignore_naming_another_rule_or_term_leaves_this_finding() {
    let text = "<!-- truthlens-ignore single-source -->\nThe regime fell.\n";
    assert_eq!(flagged(text, Format::Markdown).len(), 1);
    let term = "<!-- truthlens-ignore loaded-language \"infamous\" -->\nThe regime fell.\n";
    assert_eq!(flagged(term, Format::Markdown).len(), 1);
    let right_term = "<!-- truthlens-ignore loaded-language \"regime\" -->\nThe regime fell.\n";
    assert!(flagged(right_term, Format::Markdown).is_empty());
}

#[test]
fn crlf_documents_work_the_same() {
    let text = "The regime fell.\r\n\r\n<!-- truthlens-disable -->\r\n\r\nThe regime rose.\r\n";
    assert_eq!(flagged(text, Format::Markdown).len(), 1);
}

#[test]
fn plain_text_uses_directive_lines_which_are_not_prose() {
    let text = "Title line\n\nThe regime fell.\n\ntruthlens: disable loaded-language\nThe regime rose.\n\ntruthlens: enable\n\nThe regime wobbled.\n";
    let a = analyze(text, Format::PlainText, &Config::default());
    assert_eq!(
        a.findings
            .iter()
            .filter(|f| f.rule == "loaded-language")
            .count(),
        2
    );
    assert!(
        a.sentences
            .iter()
            .all(|s| !s.span.text(text).contains("truthlens")),
        "directive lines are not prose"
    );
    let ignore = "truthlens: ignore\nThe regime fell.\n\nThe regime rose.\n";
    assert_eq!(flagged(ignore, Format::PlainText).len(), 1);
}

#[test]
fn directives_inside_code_do_nothing() {
    let text = "```\n<!-- truthlens-disable -->\n```\n\nThe regime fell.\n";
    assert_eq!(flagged(text, Format::Markdown).len(), 1);
}
