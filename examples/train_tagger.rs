//! Trains the part-of-speech tagger and lemma tables on a CoNLL-U treebank.
//!
//! Usage: cargo run --release --example train_tagger -- TRAIN.conllu DEV.conllu OUT.bin [EPOCHS]
//!
//! Prints the dev accuracy after each epoch and keeps the best epoch. The same
//! inputs give the same bytes (fixed-seed shuffle).

use std::time::Instant;
use truthlens::nlp::{conllu, tagger};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 3 {
        eprintln!("usage: train_tagger TRAIN.conllu DEV.conllu OUT.bin [EPOCHS]");
        std::process::exit(2);
    }
    let read = |path: &str| {
        let text = std::fs::read_to_string(path)
            .unwrap_or_else(|e| fail(&format!("cannot read {path}: {e}")));
        conllu::parse(&text).unwrap_or_else(|e| fail(&format!("{path}: {e}")))
    };
    let (train, dev) = (read(&args[0]), read(&args[1]));
    let mut options = tagger::TrainOptions::default();
    if let Some(epochs) = args.get(3) {
        options.epochs = epochs
            .parse()
            .unwrap_or_else(|_| fail("EPOCHS must be a number"));
    }
    apply_env_overrides(&mut options);
    eprintln!(
        "{} training sentences, {} dev sentences, {options:?}",
        train.len(),
        dev.len()
    );
    let started = Instant::now();
    let model = tagger::train_with_dev(&train, &dev, &options, |r| {
        let dev = r.dev.unwrap_or_default();
        println!(
            "epoch {:2}  train {:.2}  dev UPOS {:.2}  XPOS {:.2}  ({:.0}s)",
            r.epoch,
            r.train_percent,
            dev.upos_percent(),
            dev.xpos_percent(),
            started.elapsed().as_secs_f64()
        );
    });
    let bytes = model.to_bytes();
    std::fs::write(&args[2], &bytes)
        .unwrap_or_else(|e| fail(&format!("cannot write {}: {e}", args[2])));
    let (classes, words, rows) = model.stats();
    let (exceptions, known) = model.lemmas().sizes();
    println!(
        "wrote {} ({} bytes): {classes} classes, {words} dictionary words, {rows} weight rows, \
         {exceptions} lemma exceptions, {known} known lemmas; {:.0}s",
        args[2],
        bytes.len(),
        started.elapsed().as_secs_f64()
    );
}

/// Tuning knobs for experiments (TAGGER_MIN_WEIGHT, TAGGER_CASE_AUGMENT, ...); the defaults are the shipped settings.
fn apply_env_overrides(o: &mut tagger::TrainOptions) {
    let get = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<f64>().ok());
    if let Some(v) = get("TAGGER_MIN_WEIGHT") {
        o.min_weight = v as f32;
    }
    if let Some(v) = get("TAGGER_CASE_AUGMENT") {
        o.case_augment = v;
    }
    if let Some(v) = get("TAGGER_DIRECT_MIN_COUNT") {
        o.direct_min_count = v as u32;
    }
    if let Some(v) = get("TAGGER_DIRECT_MIN_SHARE") {
        o.direct_min_share = v;
    }
    if let Some(v) = get("TAGGER_AMBIGUITY_MIN_COUNT") {
        o.ambiguity_min_count = v as u32;
    }
}

fn fail(message: &str) -> ! {
    eprintln!("train_tagger: {message}");
    std::process::exit(2);
}
