//! Replaces a treebank's gold part-of-speech tags with the tagger's, each fold
//! tagged by a tagger trained on the other folds (jackknifing), so the parser
//! trains on tags as wrong as the ones it will see.
//!
//! Usage: cargo run --release --example jackknife_tags -- TRAIN.conllu OUT.conllu [FOLDS]
//!        cargo run --release --example jackknife_tags -- DEV.conllu OUT.conllu shipped
//!
//! The second form tags every sentence with the shipped tagger (for a dev or
//! test set: what the parser will see at run time).
//!
//! Deterministic: fold k holds every FOLDS-th sentence from k; the taggers use
//! the shipped training settings.

use truthlens::nlp::{conllu, tagger};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        fail("usage: jackknife_tags TRAIN.conllu OUT.conllu [FOLDS]");
    }
    let text =
        std::fs::read_to_string(&args[0]).unwrap_or_else(|e| fail(&format!("{}: {e}", args[0])));
    let mut sentences = conllu::parse(&text).unwrap_or_else(|e| fail(&format!("{}: {e}", args[0])));
    if args.get(2).is_some_and(|a| a == "shipped") {
        for s in &mut sentences {
            retag(tagger::tagger(), s);
        }
        return write(&args[1], &sentences);
    }
    let folds: usize = args
        .get(2)
        .map_or(Ok(10), |f| f.parse())
        .unwrap_or_else(|_| fail("FOLDS must be a number"));
    let folds = folds.max(2);
    let options = tagger::TrainOptions::default();
    for fold in 0..folds {
        let rest: Vec<conllu::Sentence> = sentences
            .iter()
            .enumerate()
            .filter(|(i, _)| i % folds != fold)
            .map(|(_, s)| s.clone())
            .collect();
        let model = tagger::train(&rest, &options);
        for s in sentences.iter_mut().skip(fold).step_by(folds) {
            retag(&model, s);
        }
        eprintln!("fold {} of {folds} tagged", fold + 1);
    }
    write(&args[1], &sentences);
}

/// Puts `model`'s tags in place of the sentence's own.
fn retag(model: &tagger::Tagger, s: &mut conllu::Sentence) {
    let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
    let mut tags = Vec::new();
    model.tag(&words, &mut tags);
    for (w, t) in s.words.iter_mut().zip(&tags) {
        w.upos = t.upos.as_str().to_string();
        w.xpos = model.xpos_name(t.xpos).to_string();
    }
}

fn write(path: &str, sentences: &[conllu::Sentence]) {
    std::fs::write(path, conllu::write(sentences))
        .unwrap_or_else(|e| fail(&format!("{path}: {e}")));
}

fn fail(message: &str) -> ! {
    eprintln!("jackknife_tags: {message}");
    std::process::exit(2);
}
