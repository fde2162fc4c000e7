//! The quality harness: measures the detectors against the corpora in ../shared/corpora.
//!
//! Usage: cargo run --release --example eval -- <task> <corpus-dir>
//! Tasks: ptc, polnear, conll, rouge, tells (ai-tells on human news), ud (a CoNLL-U file: tagger, lemma and parser accuracy),
//! uner (an .iob2 file: entity typing); `explain TEXT` shows the attributions in TEXT.

mod conll;
mod explain;
mod polnear;
mod ptc;
mod rouge;
mod tells;
mod ud;
mod uner;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("ptc") => ptc::run(&args[1..]),
        Some("polnear") => polnear::run(&args[1..]),
        Some("conll") => conll::run(&args[1..]),
        Some("rouge") => rouge::run(&args[1..]),
        Some("tells") => tells::run(&args[1..]),
        Some("ud") => ud::run(&args[1..]),
        Some("uner") => uner::run(&args[1..]),
        Some("explain") => explain::run(&args[1..]),
        _ => Err(anyhow::anyhow!(
            "usage: eval <ptc|polnear|conll|rouge|tells> <corpus-dir> | eval ud FILE.conllu | eval uner FILE.iob2 | eval explain TEXT"
        )),
    };
    if let Err(e) = result {
        eprintln!("eval: {e:#}");
        std::process::exit(2);
    }
}
