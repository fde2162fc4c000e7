//! Analysis throughput on synthetic drafts: `cargo bench --bench analyze`.
//!
//! Prints the median of several timed runs after a warm-up, per draft size.

#[path = "support/drafts.rs"]
mod drafts;

use std::time::{Duration, Instant};
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
        "{:>8} {:>10} {:>10} {:>9}",
        "size", "median", "MB/s", "findings"
    );
    for (label, bytes, runs) in [
        ("20KB", 20_000, 21),
        ("200KB", 200_000, 11),
        ("2MB", 2_000_000, 5),
        ("10MB", 10_000_000, 3),
    ] {
        let text = drafts::markdown_draft(bytes);
        let findings = analyze(&text, Format::Markdown, &config).findings.len();
        let t = time(runs, || {
            std::hint::black_box(analyze(&text, Format::Markdown, &config));
        });
        let mbps = text.len() as f64 / 1e6 / t.as_secs_f64();
        println!(
            "{label:>8} {:>9.2}ms {mbps:>10.1} {findings:>9}",
            t.as_secs_f64() * 1e3
        );
    }
}
