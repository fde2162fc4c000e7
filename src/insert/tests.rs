//! Insert edits: placement, markers, line endings, and idempotent reruns.

use super::*;

const BODY: &str = "\
Lowmouth council voted to rebuild the town's old sea wall at a cost of four million pounds.
The wall was breached twice during the winter storms and flooded forty homes.
Work on the new wall will begin in the spring and should take two years.

Funding will come from a national coastal defence grant and a small local levy.
";

fn apply(text: &str, edit: &Edit) -> String {
    let mut out = text.to_string();
    out.replace_range(edit.span.start..edit.span.end, &edit.replacement);
    out
}

fn run(text: &str, format: Format, kind: InsertKind) -> String {
    let edit = plan(text, format, kind, &Config::default())
        .unwrap_or_else(|| panic!("no {kind:?} edit for {text:?}"));
    apply(text, &edit)
}

fn md(title: &str) -> String {
    format!("{title}{BODY}")
}

#[test]
fn markdown_summary_goes_under_the_title_as_a_marked_blockquote() {
    let text = md("# Sea wall\n\n");
    let out = run(&text, Format::Markdown, InsertKind::Summary);
    let expected_start = "# Sea wall\n\n<!-- truthlens:summary -->\n> Lowmouth council voted";
    assert!(out.starts_with(expected_start), "{out}");
    let block_end = out.find("<!-- /truthlens:summary -->\n\nLowmouth").unwrap();
    let block = &out[..block_end];
    assert_eq!(block.matches("\n> ").count(), 3, "{out}");
    // Everything after the block is the original body, untouched.
    assert!(out.ends_with(BODY));
}

#[test]
fn rerun_replaces_the_block_and_is_idempotent() {
    for kind in InsertKind::ALL {
        for format in [Format::Markdown, Format::PlainText] {
            let text = md(if format == Format::Markdown {
                "# Sea wall\n\n"
            } else {
                "Sea wall\n\n"
            });
            let once = run(&text, format, kind);
            let twice = run(&once, format, kind);
            assert_eq!(once, twice, "{kind:?} {format:?}");
            assert_eq!(once.matches(&open_marker(kind, format)).count(), 1);
            assert_eq!(once.matches(&close_marker(kind, format)).count(), 1);
        }
    }
}

#[test]
fn rerun_after_an_edit_updates_the_block_in_place() {
    let once = run(&md("# Sea wall\n\n"), Format::Markdown, InsertKind::Summary);
    let edited = once.replace("four million pounds", "five million pounds");
    // The block's own copy changed too; the fresh summary restores consistency.
    let again = run(&edited, Format::Markdown, InsertKind::Summary);
    assert_eq!(again.matches("<!-- truthlens:summary -->").count(), 1);
    assert_eq!(again.matches("five million pounds").count(), 2, "{again}");
    assert!(!again.contains("four million"));
}

#[test]
fn crlf_drafts_stay_crlf() {
    let text = md("# Sea wall\n\n").replace('\n', "\r\n");
    for kind in InsertKind::ALL {
        let out = run(&text, Format::Markdown, kind);
        assert_eq!(
            out.matches('\n').count(),
            out.matches("\r\n").count(),
            "{kind:?}: {out:?}"
        );
        assert_eq!(run(&out, Format::Markdown, kind), out, "{kind:?}");
    }
    let plain = format!("Sea wall\r\n\r\n{}", BODY.replace('\n', "\r\n"));
    let out = run(&plain, Format::PlainText, InsertKind::Summary);
    assert_eq!(out.matches('\n').count(), out.matches("\r\n").count());
}

#[test]
fn front_matter_without_a_title() {
    let text = format!("---\ntitle: Sea wall\n---\n{BODY}");
    let out = run(&text, Format::Markdown, InsertKind::Summary);
    assert!(
        out.starts_with("---\ntitle: Sea wall\n---\n\n<!-- truthlens:summary -->\n> "),
        "{out}"
    );
    assert!(out.contains("<!-- /truthlens:summary -->\n\nLowmouth council"));
}

#[test]
fn front_matter_then_title() {
    let text = format!("---\ntitle: x\n---\n\n# Sea wall\n\n{BODY}");
    let out = run(&text, Format::Markdown, InsertKind::Headline);
    assert!(
        out.starts_with("---\ntitle: x\n---\n\n# Sea wall\n\n<!-- truthlens:headline -->\n*Suggested headline: "),
        "{out}"
    );
}

#[test]
fn no_title_at_all_puts_the_block_first() {
    let out = run(BODY, Format::Markdown, InsertKind::Summary);
    assert!(out.starts_with("<!-- truthlens:summary -->\n> "), "{out}");
    assert!(out.ends_with(&format!("<!-- /truthlens:summary -->\n\n{BODY}")));
}

#[test]
fn empty_document() {
    for format in [Format::Markdown, Format::PlainText] {
        assert_eq!(
            plan("", format, InsertKind::Summary, &Config::default()),
            None
        );
        assert_eq!(
            plan("", format, InsertKind::Headline, &Config::default()),
            None
        );
        let report = run("", format, InsertKind::Report);
        assert!(report.starts_with(&open_marker(InsertKind::Report, format)));
        assert!(report.ends_with(&format!("{}\n", close_marker(InsertKind::Report, format))));
        assert_eq!(run(&report, format, InsertKind::Report), report);
    }
}

#[test]
fn headline_and_summary_read_title_headline_summary_in_either_order() {
    let text = md("# Sea wall\n\n");
    let a = run(
        &run(&text, Format::Markdown, InsertKind::Headline),
        Format::Markdown,
        InsertKind::Summary,
    );
    let b = run(
        &run(&text, Format::Markdown, InsertKind::Summary),
        Format::Markdown,
        InsertKind::Headline,
    );
    assert_eq!(a, b);
    let title = a.find("# Sea wall").unwrap();
    let headline = a.find("<!-- truthlens:headline -->").unwrap();
    let summary = a.find("<!-- truthlens:summary -->").unwrap();
    assert!(title < headline && headline < summary, "{a}");
    // The title itself is never touched.
    assert!(a.starts_with("# Sea wall\n\n<!-- truthlens:headline -->\n*Suggested headline: "));
}

#[test]
fn the_report_goes_at_the_end() {
    let text = md("# Sea wall\n\n");
    let out = run(&text, Format::Markdown, InsertKind::Report);
    assert!(
        out.starts_with(&text),
        "the draft before the report is unchanged"
    );
    assert!(out[text.len()..].starts_with("\n<!-- truthlens:report -->\n## TruthLens review\n"));
    assert!(out.ends_with("<!-- /truthlens:report -->\n"));
    // No final newline in the draft: the last line is ended first.
    let bare = text.trim_end();
    let out = run(bare, Format::Markdown, InsertKind::Report);
    assert!(out[bare.len()..].starts_with("\n\n<!-- truthlens:report -->"));
}

#[test]
fn plain_text_uses_marker_lines_after_the_first_line() {
    let text = format!("Sea wall\n{BODY}");
    let out = run(&text, Format::PlainText, InsertKind::Summary);
    assert!(
        out.starts_with("Sea wall\n\n[truthlens:summary]\nLowmouth council voted"),
        "{out}"
    );
    assert!(out.contains("[/truthlens:summary]\n\nLowmouth council voted"));
    let headline = run(&text, Format::PlainText, InsertKind::Headline);
    assert!(headline.starts_with("Sea wall\n\n[truthlens:headline]\nSuggested headline: "));
}

#[test]
fn generated_blocks_are_not_analysed_again() {
    let once = run(&md("# Sea wall\n\n"), Format::Markdown, InsertKind::Summary);
    let blanked = without_generated(&once, Format::Markdown);
    assert_eq!(blanked.len(), once.len());
    assert_eq!(blanked.matches('\n').count(), once.matches('\n').count());
    assert!(!blanked.contains("truthlens:summary"));
    assert_eq!(blanked.matches("Lowmouth council voted").count(), 1);
    assert_eq!(generated_spans(&once, Format::Markdown).len(), 1);
    assert!(existing_block(&once, Format::Markdown, InsertKind::Summary).is_some());
    assert!(existing_block(&once, Format::Markdown, InsertKind::Report).is_none());
}

#[test]
fn a_marker_shown_in_a_code_fence_is_not_a_block() {
    let text = format!(
        "# Sea wall\n\n{BODY}\n```markdown\n<!-- truthlens:report -->\nexample\n<!-- /truthlens:report -->\n```\n"
    );
    let out = run(&text, Format::Markdown, InsertKind::Report);
    assert!(out.starts_with(&text), "the example is left alone");
    assert_eq!(out.matches("<!-- truthlens:report -->").count(), 2);
}
