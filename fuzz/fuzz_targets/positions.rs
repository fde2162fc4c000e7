//! Position conversion and incremental edits against the rope, in both encodings.
//!
//! Random positions (past the line end, past the end of the text, inside a surrogate
//! pair or a UTF-8 sequence, on CRLF boundaries) must convert exactly as the
//! specification-derived reference in `tests/invariants` says, and a sequence of
//! ranged and full changes applied to the rope must give the reference's text.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use truthlens::lsp::internals::lsp_types::{Position, Range, TextDocumentContentChangeEvent};
use truthlens::lsp::internals::PositionEncoding;

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

#[derive(Arbitrary, Debug)]
struct Change {
    full: bool,
    start: (u16, u16),
    end: (u16, u16),
    /// A large coordinate now and then, to reach far past the end.
    far: bool,
    text: String,
}

#[derive(Arbitrary, Debug)]
struct Case {
    text: String,
    utf8: bool,
    probes: Vec<(u32, u32)>,
    changes: Vec<Change>,
}

fn position((line, character): (u16, u16), far: bool) -> Position {
    if far {
        Position::new(line as u32 * 65_537, character as u32 * 65_537)
    } else {
        // Small coordinates: most positions land inside the text.
        Position::new(line as u32 % 8, character as u32 % 64)
    }
}

fuzz_target!(|case: Case| {
    if case.text.len() > 4096 {
        return; // check_positions visits every offset
    }
    let encoding = if case.utf8 {
        PositionEncoding::Utf8
    } else {
        PositionEncoding::Utf16
    };
    let probes = invariants::interesting_positions(&case.text, &case.probes);
    invariants::check_positions(&case.text, &probes, encoding);
    let changes: Vec<TextDocumentContentChangeEvent> = case
        .changes
        .iter()
        .map(|c| TextDocumentContentChangeEvent {
            range: (!c.full).then(|| Range::new(position(c.start, c.far), position(c.end, c.far))),
            range_length: None,
            text: c.text.clone(),
        })
        .collect();
    let after = invariants::check_changes(&case.text, &changes, encoding);
    if after.len() <= 4096 {
        invariants::check_positions(&after, &[], encoding);
    }
});
