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
    let text = "The thug fell.\n\n<!-- truthlens-disable loaded-language -->\n\nThe thug rose.\n\n<!-- truthlens-enable -->\n\nThe thug wobbled.\n";
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
    let text = "<!-- truthlens-disable -->\n# Title\n\nThe thug fell.\n\n- the thug rose\n";
    assert!(flagged(text, Format::Markdown).is_empty());
}

#[test]
fn ignore_covers_only_the_next_block() {
    let text = "<!-- truthlens-ignore -->\nThe thug fell.\n\nThe thug rose.\n";
    assert_eq!(flagged(text, Format::Markdown), vec!["thug"]);
    let next_line = "Intro.\n\n<!-- truthlens-disable-next-line loaded-language -->\nThe thug fell.\n\nThe thug rose.\n";
    assert_eq!(flagged(next_line, Format::Markdown).len(), 1);
}

#[test]
fn ignore_works_in_lists_blockquotes_and_at_the_end() {
    let list = "- The thug fell.\n- <!-- truthlens-ignore --> The thug rose.\n";
    assert_eq!(flagged(list, Format::Markdown).len(), 1);
    let quote = "> Our view: the thug fell.\n\nThe thug rose.\n\n<!-- truthlens-ignore -->\n> The thug wobbled.\n";
    let mut config = Config::default();
    config.quotes.blockquotes = false;
    let found = analyze(quote, Format::Markdown, &config).findings.len();
    assert_eq!(
        found, 2,
        "the ignored blockquote drops out, the others stay"
    );
    let end = "The thug fell.\n\n<!-- truthlens-disable -->\n";
    assert_eq!(flagged(end, Format::Markdown).len(), 1);
}

#[test]
fn an_ignore_naming_another_rule_or_term_leaves_this_finding() {
    let text = "<!-- truthlens-ignore single-source -->\nThe thug fell.\n";
    assert_eq!(flagged(text, Format::Markdown).len(), 1);
    let term = "<!-- truthlens-ignore loaded-language \"infamous\" -->\nThe thug fell.\n";
    assert_eq!(flagged(term, Format::Markdown).len(), 1);
    let right_term = "<!-- truthlens-ignore loaded-language \"thug\" -->\nThe thug fell.\n";
    assert!(flagged(right_term, Format::Markdown).is_empty());
}

#[test]
fn crlf_documents_work_the_same() {
    let text = "The thug fell.\r\n\r\n<!-- truthlens-disable -->\r\n\r\nThe thug rose.\r\n";
    assert_eq!(flagged(text, Format::Markdown).len(), 1);
}

#[test]
fn plain_text_uses_directive_lines_which_are_not_prose() {
    let text = "Title line\n\nThe thug fell.\n\ntruthlens: disable loaded-language\nThe thug rose.\n\ntruthlens: enable\n\nThe thug wobbled.\n";
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
    let ignore = "truthlens: ignore\nThe thug fell.\n\nThe thug rose.\n";
    assert_eq!(flagged(ignore, Format::PlainText).len(), 1);
}

#[test]
fn directives_inside_code_do_nothing() {
    let text = "```\n<!-- truthlens-disable -->\n```\n\nThe thug fell.\n";
    assert_eq!(flagged(text, Format::Markdown).len(), 1);
}

fn unquoted() -> Config {
    let mut config = Config::default();
    config.quotes.blockquotes = false;
    config
}

fn flagged_with(text: &str, format: Format, config: &Config) -> Vec<usize> {
    analyze(text, format, config)
        .findings
        .iter()
        .filter(|f| f.rule == "loaded-language")
        .map(|f| text[..f.span.start].lines().count().max(1))
        .collect()
}

#[test]
fn directives_at_the_start_after_front_matter_and_at_the_end() {
    let start = "---\ntitle: T\n---\n<!-- truthlens-disable loaded-language -->\n# The thug\n\nThe thug fell.\n";
    assert!(flagged(start, Format::Markdown).is_empty());
    let end = "The thug fell.\n\n<!-- truthlens-ignore -->";
    assert_eq!(
        flagged(end, Format::Markdown).len(),
        1,
        "an ignore with nothing after it"
    );
    let middle =
        "A thug.\n\n<!-- truthlens-ignore loaded-language -->\nThe thug fell.\n\nA thug.\n";
    assert_eq!(
        flagged_with(middle, Format::Markdown, &Config::default()),
        vec![1, 6]
    );
}

#[test]
fn ignore_inside_a_list_item_covers_that_item_only() {
    let text = "- One thug.\n- <!-- truthlens-ignore loaded-language \"thug\" -->\n  The thug rose.\n- Three thugs.\n";
    assert_eq!(
        flagged_with(text, Format::Markdown, &Config::default()),
        vec![1, 4]
    );
    let nested = "- Top.\n  - <!-- truthlens-ignore -->\n    The thug rose.\n  - A thug.\n";
    assert_eq!(
        flagged_with(nested, Format::Markdown, &Config::default()),
        vec![4]
    );
    let crlf = text.replace('\n', "\r\n");
    assert_eq!(
        flagged_with(&crlf, Format::Markdown, &Config::default()),
        vec![1, 4]
    );
}

#[test]
fn ignore_and_disable_inside_blockquotes() {
    let ignore = "> A thug.\n>\n> <!-- truthlens-ignore -->\n> The thug fell.\n\nA thug.\n";
    assert_eq!(
        flagged_with(ignore, Format::Markdown, &unquoted()),
        vec![1, 6]
    );
    let range = "> <!-- truthlens-disable -->\n> The thug fell.\n> <!-- truthlens-enable -->\n>\n> A thug.\n";
    assert_eq!(flagged_with(range, Format::Markdown, &unquoted()), vec![5]);
    let crlf = ignore.replace('\n', "\r\n");
    assert_eq!(
        flagged_with(&crlf, Format::Markdown, &unquoted()),
        vec![1, 6]
    );
}

#[test]
fn plain_text_directives_with_crlf_and_terms() {
    let text = "Title\r\n\r\ntruthlens: ignore loaded-language \"thug\"\r\nThe thug fell, brutal.\r\n\r\nA thug.\r\n";
    let found = flagged(text, Format::PlainText);
    assert_eq!(found, vec!["brutal", "thug"]);
    let disable = "truthlens: disable loaded-language\r\nThe thug fell.\r\n";
    assert!(flagged(disable, Format::PlainText).is_empty());
}
