//! Trains the dependency parser, or scores a model file.
//!
//! ```sh
//! cargo run --release --example train_parser -- TRAIN.conllu DEV.conllu OUT.bin [--epochs N] [--min-weight W] [--tag-noise R]
//! cargo run --release --example train_parser -- --eval MODEL.bin FILE.conllu [--noise 0.05] [--speed]
//! ```
//! Training prints dev scores per epoch and keeps the epoch with the best dev LAS.

use std::time::Instant;
use truthlens::nlp::conllu;
use truthlens::nlp::parser::{self, Parser, TrainOptions};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = if args.first().map(String::as_str) == Some("--eval") {
        eval(&args[1..])
    } else {
        train(&args)
    };
    if let Err(e) = result {
        eprintln!("train_parser: {e}");
        std::process::exit(2);
    }
}

fn read(path: &str) -> Result<Vec<conllu::Sentence>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    conllu::parse(&text).map_err(|e| format!("{path}: {e}"))
}

/// The value after `--name`, if given.
fn option<T: std::str::FromStr>(args: &[String], name: &str) -> Result<Option<T>, String> {
    match args.iter().position(|a| a == name) {
        None => Ok(None),
        Some(i) => {
            let value = args.get(i + 1).ok_or(format!("{name} needs a value"))?;
            value
                .parse()
                .map(Some)
                .map_err(|_| format!("bad value for {name}: {value}"))
        }
    }
}

fn train(args: &[String]) -> Result<(), String> {
    let [train_path, dev_path, out_path] =
        match args {
            [a, b, c, ..] if !a.starts_with("--") => [a, b, c],
            _ => return Err(
                "usage: train_parser TRAIN.conllu DEV.conllu OUT.bin [--epochs N] [--min-weight W]"
                    .into(),
            ),
        };
    let (train, dev) = (read(train_path)?, read(dev_path)?);
    let mut options = TrainOptions::default();
    options.epochs = option(args, "--epochs")?.unwrap_or(options.epochs);
    options.min_weight = option(args, "--min-weight")?.unwrap_or(options.min_weight);
    options.explore_from = option(args, "--explore-from")?.unwrap_or(options.explore_from);
    options.tag_noise = option(args, "--tag-noise")?.unwrap_or(options.tag_noise);
    let start = Instant::now();
    let model = parser::train_with_dev(&train, &dev, &options, |epoch, s| {
        eprintln!(
            "epoch {epoch:2}: dev UAS {:.2} LAS {:.2} (full labels {:.2})  [{:.0}s]",
            s.uas,
            s.las,
            s.las_full,
            start.elapsed().as_secs_f64()
        );
    });
    let bytes = model.to_bytes();
    std::fs::write(out_path, &bytes).map_err(|e| format!("{out_path}: {e}"))?;
    let (moves, labels) = model.feature_counts();
    eprintln!(
        "wrote {out_path}: {} bytes, {moves} transition + {labels} relation features, trained in {:.0}s",
        bytes.len(),
        start.elapsed().as_secs_f64()
    );
    Ok(())
}

fn eval(args: &[String]) -> Result<(), String> {
    let [model_path, data_path] = match args {
        [a, b, ..] => [a, b],
        _ => return Err("usage: train_parser --eval MODEL.bin FILE.conllu [--noise RATE]".into()),
    };
    let bytes = std::fs::read(model_path).map_err(|e| format!("{model_path}: {e}"))?;
    let model = Parser::from_bytes(&bytes).map_err(|e| format!("{model_path}: {e}"))?;
    let mut data = read(data_path)?;
    if let Some(rate) = option::<f64>(args, "--noise")? {
        data = parser::corrupt_tags(&data, rate, 2026);
    }
    let scores = parser::evaluate(&model, &data);
    println!(
        "{}",
        serde_json::to_string(&scores).map_err(|e| e.to_string())?
    );
    if args.iter().any(|a| a == "--speed") {
        speed(&model, &data);
    }
    Ok(())
}

/// Parsing speed in CPU time of this thread (the build machine is shared, so
/// wall time would count other jobs): the best of five passes over the file.
fn speed(model: &Parser, data: &[conllu::Sentence]) {
    let columns: Vec<_> = data.iter().map(parser::columns).collect();
    let tokens: usize = data.iter().map(|s| s.words.len()).sum();
    let best = (0..5)
        .map(|_| {
            let start = thread_cpu_seconds();
            for (w, u, x) in &columns {
                std::hint::black_box(model.parse(w, u, x).ok());
            }
            thread_cpu_seconds() - start
        })
        .fold(f64::INFINITY, f64::min);
    println!(
        "{{\"cpu_seconds\":{best:.4},\"sentences_per_second\":{:.0},\"tokens_per_second\":{:.0},\"us_per_sentence\":{:.1}}}",
        data.len() as f64 / best,
        tokens as f64 / best,
        1e6 * best / data.len() as f64
    );
}

fn thread_cpu_seconds() -> f64 {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes into the timespec we own.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    t.tv_sec as f64 + t.tv_nsec as f64 * 1e-9
}
