//! Analysis throughput on synthetic drafts, and the cost of an edit:
//! `cargo bench --bench analyze`.
//!
//! Prints the median of several timed runs after a warm-up, per draft size: a
//! fresh analysis (all pieces, in parallel), then one-character edits in the
//! middle of the draft analysed with the cache of the previous version, for the
//! whole analysis and for the findings only (what the language server asks for).

#[path = "support/drafts.rs"]
mod drafts;

use std::sync::Arc;
use std::time::{Duration, Instant};
use truthlens::analysis::chunks::SameEnds;
use truthlens::engine::{analyze_cached, findings_cached, Cache, Since};
use truthlens::{analyze, Config, Format};

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn time<F: FnMut()>(runs: usize, mut f: F) -> Duration {
    f(); // warm-up
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed()
            })
            .collect(),
    )
}

fn main() {
    let config = Config::default();
    println!(
        "{:>8} {:>12} {:>10} {:>9} {:>10} {:>14} {:>14}",
        "size", "fresh", "MB/s", "findings", "per 1k wds", "one-char edit", "findings only"
    );
    for (label, bytes, runs) in [
        ("20KB", 20_000, 21),
        ("200KB", 200_000, 11),
        ("2MB", 2_000_000, 5),
        ("10MB", 10_000_000, 3),
    ] {
        let text = drafts::markdown_draft(bytes);
        let findings = analyze(&text, Format::Markdown, &config).findings.len();
        let per_thousand_words = findings as f64 * 1000.0 / text.split_whitespace().count() as f64;
        let fresh = time(runs, || {
            std::hint::black_box(analyze(&text, Format::Markdown, &config));
        });
        let mbps = text.len() as f64 / 1e6 / fresh.as_secs_f64();
        let (edit, edit_findings) = one_char_edits(&text, &config);
        println!(
            "{label:>8} {:>10.2}ms {mbps:>10.1} {findings:>9} {per_thousand_words:>10.1} {:>12.2}ms {:>12.2}ms",
            fresh.as_secs_f64() * 1e3,
            edit.as_secs_f64() * 1e3,
            edit_findings.as_secs_f64() * 1e3
        );
    }
}

/// The median time to re-analyse after typing or deleting one character inside a
/// word, in each of ten paragraphs after the middle of the draft in turn, with the
/// cache of the previous version: `analyze_cached`, and `findings_cached` (what the
/// language server runs).
fn one_char_edits(text: &str, config: &Config) -> (Duration, Duration) {
    let places = edit_places(text, 10);
    let edits = |findings_only: bool| {
        let mut cache = Cache::new();
        let mut text = text.to_string();
        analyze_cached(&mut cache, &text, Format::Markdown, config);
        let mut round = 0;
        let mut earlier: Option<Arc<String>> = None;
        time(41, || {
            let at = places[(round / 2) % places.len()];
            let (length, deleted) = (text.len(), round % 2);
            if deleted == 0 {
                text.insert(at, 'x');
            } else {
                text.remove(at);
            }
            round += 1;
            if findings_only {
                // The server's snapshot of its rope, which the cache then keeps, and
                // what the server knows of the edit since its last snapshot.
                let snapshot = Arc::new(text.clone());
                let since = earlier.take().map(|earlier| Since {
                    earlier,
                    same: SameEnds {
                        prefix: at,
                        suffix: length - at - deleted,
                    },
                });
                std::hint::black_box(findings_cached(
                    &mut cache,
                    &snapshot,
                    since,
                    Format::Markdown,
                    config,
                ));
                earlier = Some(snapshot);
            } else {
                std::hint::black_box(analyze_cached(&mut cache, &text, Format::Markdown, config));
            }
        })
    };
    (edits(false), edits(true))
}

/// Inside the first " the " of each of `count` paragraphs after the middle.
fn edit_places(text: &str, count: usize) -> Vec<usize> {
    let mut places = Vec::new();
    let mut at = text.len() / 2;
    while places.len() < count {
        let Some(gap) = text[at..].find("\n\n") else {
            break;
        };
        at += gap + 2;
        let paragraph = &text[at..at + text[at..].find('\n').unwrap_or(text.len() - at)];
        if let Some(the) = paragraph.find(" the ") {
            places.push(at + the + 2);
        }
    }
    places
}
