//! Analysis throughput on synthetic drafts, and the cost of an edit:
//! `cargo bench --bench analyze`.
//!
//! Prints the median of several timed runs after a warm-up, per draft size: a
//! fresh analysis (all pieces, in parallel), then a one-character edit in the
//! middle of the draft analysed with the pieces of the previous version cached.

#[path = "support/drafts.rs"]
mod drafts;

use std::time::{Duration, Instant};
use truthlens::engine::{analyze_cached, Cache};
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
        "{:>8} {:>12} {:>10} {:>9} {:>10} {:>14}",
        "size", "fresh", "MB/s", "findings", "per 1k wds", "one-char edit"
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
        let edit = one_char_edits(&text, &config);
        println!(
            "{label:>8} {:>10.2}ms {mbps:>10.1} {findings:>9} {per_thousand_words:>10.1} {:>12.2}ms",
            fresh.as_secs_f64() * 1e3,
            edit.as_secs_f64() * 1e3
        );
    }
}

/// The median time to re-analyse after typing or deleting one character inside a
/// word in the middle of the draft, with the cache of the previous version.
fn one_char_edits(text: &str, config: &Config) -> Duration {
    let mut cache = Cache::new();
    let mut text = text.to_string();
    analyze_cached(&mut cache, &text, Format::Markdown, config);
    let middle = text[text.len() / 2..]
        .find(" the ")
        .map_or(text.len() / 2, |i| text.len() / 2 + i + 2);
    let mut typed = false;
    time(31, || {
        if typed {
            text.remove(middle);
        } else {
            text.insert(middle, 'x');
        }
        typed = !typed;
        std::hint::black_box(analyze_cached(&mut cache, &text, Format::Markdown, config));
    })
}
