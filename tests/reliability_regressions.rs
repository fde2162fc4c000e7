//! Regression tests for crashes found by the fuzz targets, the property tests and the
//! soak test (docs/reliability.md lists them). Each names the input that crashed.

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
    let headline = plan(
        text,
        Format::Markdown,
        InsertKind::Headline,
        &Config::default(),
    )
    .expect("a headline");
    assert!(
        !headline.replacement.contains("thug"),
        "{}",
        headline.replacement
    );
}
