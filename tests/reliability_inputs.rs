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

/// How many times longer `work(8 * n)` takes than `work(n)`. Linear is about 8,
/// quadratic about 64.
fn growth_for_eight_times_the_input(n: usize, work: impl Fn(usize)) -> f64 {
    let small = fastest(3, || work(n));
    let large = fastest(1, || work(8 * n));
    large.as_secs_f64() / small.as_secs_f64().max(1e-3)
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
    let growth = growth_for_eight_times_the_input(2_500, analyse);
    assert!(
        growth < 24.0,
        "8 times the sentence cost {growth:.1} times as much"
    );
}

/// The same with commas between the cues, so the bounded test in `parenthetical`
/// passes and only the search for a later "that" is left.
#[test]
fn an_endless_sentence_of_asides_costs_in_proportion_to_its_length() {
    let analyse = |n: usize| {
        let text = "critics, the official said, were fine, ".repeat(n);
        let _ = analyze(&text, Format::Markdown, &Config::default());
    };
    let growth = growth_for_eight_times_the_input(2_000, analyse);
    assert!(
        growth < 24.0,
        "8 times the sentence cost {growth:.1} times as much"
    );
}
