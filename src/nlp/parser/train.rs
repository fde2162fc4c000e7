//! Training with the dynamic oracle, and measuring on a treebank.

use super::features::{self, Token};
use super::labels::{self, Deprel};
use super::system::{self, Move, State, MOVES};
use super::{best_non_root, best_valid, Parser};
use crate::nlp::conllu::Sentence;
use crate::nlp::perceptron::{Features, Trainer};
use crate::nlp::rng::SplitMix;
use crate::nlp::tags::Upos;

#[derive(Clone, Debug)]
pub struct TrainOptions {
    pub epochs: usize,
    /// Pruning for the shipped model (see `Trainer::freeze`).
    pub min_weight: f32,
    /// Seed of the per-epoch shuffle and of exploration.
    pub seed: u64,
    /// From this epoch (0-based) on, training follows the model's own moves
    /// (with probability `explore_rate`) and learns from the dynamic oracle.
    pub explore_from: usize,
    pub explore_rate: f64,
    /// Share of training words given a confusable wrong tag (see `corrupt_tags`),
    /// so the model learns to lean on words too when the tagger errs.
    pub tag_noise: f64,
}

impl Default for TrainOptions {
    fn default() -> TrainOptions {
        TrainOptions {
            epochs: 15,
            min_weight: 0.0,
            seed: 0x5eed_7275_7468,
            explore_from: 1,
            explore_rate: 0.9,
            tag_noise: 0.0,
        }
    }
}

/// Trains for `options.epochs` epochs and returns the final averaged model.
pub fn train(sentences: &[Sentence], options: &TrainOptions) -> Parser {
    train_with_dev(sentences, &[], options, |_, _| {})
}

/// Trains, scoring on `dev` after every epoch (when it is not empty) and
/// keeping the epoch with the best dev LAS; `report` sees each epoch's scores.
pub fn train_with_dev(
    sentences: &[Sentence],
    dev: &[Sentence],
    options: &TrainOptions,
    mut report: impl FnMut(usize, &Scores),
) -> Parser {
    let noisy;
    let sentences = if options.tag_noise > 0.0 {
        noisy = corrupt_tags(sentences, options.tag_noise, options.seed);
        &noisy[..]
    } else {
        sentences
    };
    let examples: Vec<Example> = sentences.iter().map(Example::new).collect();
    let mut learner = Learner::new(options.seed);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut best: Option<(f64, Parser)> = None;
    for epoch in 0..options.epochs {
        learner.rng.shuffle(&mut order);
        let explore = epoch >= options.explore_from;
        for &i in &order {
            learner.sentence(&examples[i], explore, options.explore_rate);
        }
        if dev.is_empty() {
            continue;
        }
        let parser = learner.freeze(options.min_weight);
        let scores = evaluate(&parser, dev);
        report(epoch + 1, &scores);
        if best.as_ref().is_none_or(|(las, _)| scores.las > *las) {
            best = Some((scores.las, parser));
        }
    }
    match best {
        Some((_, parser)) => parser,
        None => learner.freeze(options.min_weight),
    }
}

/// A training sentence: its tokens and its gold tree made projective.
struct Example {
    tokens: Vec<Token>,
    heads: Vec<u32>,
    labels: Vec<Deprel>,
}

impl Example {
    fn new(s: &Sentence) -> Example {
        let (words, upos, xpos) = columns(s);
        let mut heads = system::oracle_heads(&s.words.iter().map(|w| w.head).collect::<Vec<_>>());
        system::projectivize(&mut heads);
        let labels = s
            .words
            .iter()
            .map(|w| Deprel::from_name(&w.deprel))
            .collect();
        Example {
            tokens: features::tokens(&words, &upos, &xpos),
            heads,
            labels,
        }
    }
}

/// The forms and tags of a treebank sentence, as `Parser::parse` takes them.
pub fn columns(s: &Sentence) -> (Vec<&str>, Vec<Upos>, Vec<&str>) {
    let words = s.words.iter().map(|w| w.form.as_str()).collect();
    let upos = s
        .words
        .iter()
        .map(|w| Upos::parse(&w.upos).unwrap_or(Upos::X))
        .collect();
    let xpos = s.words.iter().map(|w| w.xpos.as_str()).collect();
    (words, upos, xpos)
}

struct Learner {
    moves: Trainer,
    labels: Trainer,
    rng: SplitMix,
    f: Features,
    scores: Vec<f32>,
}

impl Learner {
    fn new(seed: u64) -> Learner {
        Learner {
            moves: Trainer::new(MOVES.len()),
            labels: Trainer::new(labels::count()),
            rng: SplitMix(seed),
            f: Features::default(),
            scores: Vec::new(),
        }
    }

    fn freeze(&self, min_weight: f32) -> Parser {
        Parser {
            moves: self.moves.freeze(min_weight),
            labels: self.labels.freeze(min_weight),
        }
    }

    /// One pass over a sentence: learn each transition from the cheapest
    /// move, then follow the model's guess (exploring) or the oracle's.
    fn sentence(&mut self, ex: &Example, explore: bool, rate: f64) {
        let mut st = State::new(ex.heads.len());
        while !st.is_terminal() {
            features::transition(&ex.tokens, &st, &mut self.f);
            self.moves.scores(&self.f, &mut self.scores);
            let guess = best_valid(&st, &self.scores);
            let truth = self.cheapest(&st, &ex.heads);
            self.moves.update(&self.f, truth as usize, guess as usize);
            let follow = if explore && self.rng.unit() < rate {
                guess
            } else {
                truth
            };
            let label = match st.arc_of(follow) {
                Some((head, dep)) => self.label(ex, &st, head, dep, explore),
                None => Deprel::ROOT,
            };
            st.apply(follow, label);
        }
    }

    /// The best-scoring move among the valid ones of least cost.
    fn cheapest(&self, st: &State, gold: &[u32]) -> Move {
        let valid = MOVES.iter().filter(|m| st.is_valid(**m));
        let least = valid.clone().map(|m| st.cost(*m, gold)).min().unwrap_or(0);
        let mut best: Option<(Move, f32)> = None;
        for m in valid.filter(|m| st.cost(**m, gold) == least) {
            let s = self.scores[*m as usize];
            if best.is_none_or(|(_, b)| s > b) {
                best = Some((*m, s));
            }
        }
        best.map_or(Move::Shift, |(m, _)| m)
    }

    /// Learns the relation of a correct arc; returns the relation to put on it.
    fn label(&mut self, ex: &Example, st: &State, head: u32, dep: u32, explore: bool) -> Deprel {
        if head as usize == st.n {
            return Deprel::ROOT;
        }
        features::label(&ex.tokens, st, head, dep, &mut self.f);
        self.labels.scores(&self.f, &mut self.scores);
        let guess = best_non_root(&self.scores);
        if ex.heads[dep as usize] != head {
            return guess;
        }
        let truth = ex.labels[dep as usize];
        let truth = if truth == Deprel::ROOT {
            Deprel::from_name("dep")
        } else {
            truth
        };
        self.labels
            .update(&self.f, usize::from(truth.0), usize::from(guess.0));
        if explore {
            guess
        } else {
            truth
        }
    }
}

/// Attachment scores over every word, punctuation included (CoNLL 2018).
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct Scores {
    pub sentences: usize,
    pub tokens: usize,
    /// Percent of words with the right head.
    pub uas: f64,
    /// Percent with the right head and the right universal relation (before ':').
    pub las: f64,
    /// Percent with the right head and the exact relation, subtype included.
    pub las_full: f64,
    pub seconds: f64,
}

/// Parses every sentence with the tags it carries and scores against its tree.
pub fn evaluate(parser: &Parser, sentences: &[Sentence]) -> Scores {
    let (mut heads, mut las, mut full, mut tokens) = (0usize, 0usize, 0usize, 0usize);
    let mut seconds = 0.0;
    for s in sentences {
        let (words, upos, xpos) = columns(s);
        let start = std::time::Instant::now();
        let parse = parser
            .parse(&words, &upos, &xpos)
            .expect("columns have one entry per word");
        seconds += start.elapsed().as_secs_f64();
        for (arc, gold) in parse.arcs.iter().zip(&s.words) {
            tokens += 1;
            if arc.head as usize != gold.head {
                continue;
            }
            heads += 1;
            let gold_main = gold.deprel.split(':').next().unwrap_or("");
            las += usize::from(arc.deprel.main_type() == gold_main);
            full += usize::from(arc.deprel.name() == gold.deprel);
        }
    }
    let pct = |k: usize| 100.0 * k as f64 / tokens.max(1) as f64;
    Scores {
        sentences: sentences.len(),
        tokens,
        uas: pct(heads),
        las: pct(las),
        las_full: pct(full),
        seconds,
    }
}

/// A copy of the sentences with a share `rate` of all words given a wrong
/// tag of the kind taggers make (NN for JJ, VBD for VBN, IN for RP, ...),
/// to see how the parser copes with a tagger's errors. Only words whose PTB
/// tag has a usual confusion are changed, more often, so `rate` holds overall.
pub fn corrupt_tags(sentences: &[Sentence], rate: f64, seed: u64) -> Vec<Sentence> {
    let mut out = sentences.to_vec();
    let words = || out.iter().flat_map(|s| s.words.iter());
    let total = words().count();
    let confusable = words().filter(|w| confusions(&w.xpos).is_some()).count();
    let rate = rate * total as f64 / confusable.max(1) as f64;
    let mut rng = SplitMix(seed);
    for w in out.iter_mut().flat_map(|s| s.words.iter_mut()) {
        if let Some(options) = confusions(&w.xpos) {
            if rng.unit() < rate {
                let xpos = options[rng.below(options.len())];
                w.xpos = xpos.to_string();
                w.upos = upos_of(xpos).to_string();
            }
        }
    }
    out
}

/// The tags a PTB tag is most often mistaken for.
fn confusions(xpos: &str) -> Option<&'static [&'static str]> {
    Some(match xpos {
        "NN" => &["JJ", "NNP", "VBG", "VB"],
        "NNS" => &["VBZ", "NNPS", "NN"],
        "NNP" => &["NN", "JJ", "NNPS"],
        "JJ" => &["NN", "VBN", "RB", "NNP"],
        "VBD" => &["VBN"],
        "VBN" => &["VBD", "JJ"],
        "VB" => &["VBP", "NN"],
        "VBP" => &["VB", "NN"],
        "VBZ" => &["NNS"],
        "VBG" => &["NN", "JJ"],
        "RB" => &["JJ", "IN", "RP"],
        "IN" => &["RB", "RP", "WDT"],
        "RP" => &["IN", "RB"],
        "WDT" => &["IN", "DT"],
        "CD" => &["NNP", "JJ"],
        _ => return None,
    })
}

fn upos_of(xpos: &str) -> &'static str {
    match xpos {
        "NN" | "NNS" => "NOUN",
        "NNP" | "NNPS" => "PROPN",
        "JJ" => "ADJ",
        "RB" => "ADV",
        "IN" | "RP" => "ADP",
        "DT" => "DET",
        "WDT" => "PRON",
        "CD" => "NUM",
        _ => "VERB",
    }
}
