//! The whole analysis on arbitrary text, Markdown or plain: never panics, and every
//! span it reports lies on character boundaries inside the text. The first byte picks
//! the format and whether the generated-block planner (summary, headline, report)
//! runs too; the rest is the draft (invalid UTF-8 becomes U+FFFD).
#![no_main]

use libfuzzer_sys::fuzz_target;
use truthlens::insert::{plan, InsertKind};
use truthlens::{analyze, Config, Format};

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let format = if flags & 1 == 0 {
        Format::Markdown
    } else {
        Format::PlainText
    };
    let config = Config::default();
    let analysis = analyze(&text, format, &config);
    invariants::check_analysis(&text, &analysis);
    if flags & 2 != 0 {
        for kind in [
            InsertKind::Summary,
            InsertKind::Headline,
            InsertKind::Report,
        ] {
            if let Some(edit) = plan(&text, format, kind, &config) {
                invariants::check_span(&text, edit.span, "insert plan");
            }
        }
    }
});
