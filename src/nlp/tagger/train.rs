//! Training: the tag set and dictionary from the treebank, then epochs of the
//! two averaged perceptrons (UPOS, then XPOS among that UPOS's classes) over a
//! fixed-seed shuffle (same bytes every run).

use super::features::{self, History};
use super::lexicon::Lexicon;
use super::token::{form_hash, Token, NO_CLASS};
use super::weights::Weights;
use super::{best_of, read_sentence, Tag, Tagger, UPOS_COUNT};
use crate::nlp::conllu::Sentence;
use crate::nlp::lemma::LemmaTable;
use crate::nlp::perceptron::{Features, Trainer};
use crate::nlp::rng::SplitMix;
use crate::nlp::tags::Upos;
use std::collections::BTreeMap;

#[derive(Clone, Debug)]
pub struct TrainOptions {
    pub epochs: usize,
    pub seed: u64,
    /// Averaged weights below this share of the largest are dropped (`Trainer::freeze`).
    pub min_weight: f32,
    /// Share of sentences shown all-lowercase or ALL-CAPS in an epoch (half each).
    pub case_augment: f64,
    /// A word is tagged from the dictionary when seen this often...
    pub direct_min_count: u32,
    /// ...with one class at least this share of the time.
    pub direct_min_share: f64,
    /// A word gets an ambiguity class when seen this often.
    pub ambiguity_min_count: u32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 10,
            seed: 0x7275_7468,
            min_weight: 0.004,
            case_augment: 0.06,
            direct_min_count: 20,
            direct_min_share: 0.995,
            ambiguity_min_count: 2,
        }
    }
}

#[derive(Clone, Copy, Debug, Default)]
pub struct Accuracy {
    pub words: usize,
    pub upos: usize,
    pub xpos: usize,
}

impl Accuracy {
    pub fn upos_percent(&self) -> f64 {
        100.0 * self.upos as f64 / self.words.max(1) as f64
    }
    pub fn xpos_percent(&self) -> f64 {
        100.0 * self.xpos as f64 / self.words.max(1) as f64
    }
}

#[derive(Clone, Copy, Debug)]
pub struct EpochReport {
    pub epoch: usize,
    /// Share of training words the (unaveraged) model got right during the epoch.
    pub train_percent: f64,
    pub dev: Option<Accuracy>,
}

/// Trains for `options.epochs` epochs and keeps the last.
pub fn train(sentences: &[Sentence], options: &TrainOptions) -> Tagger {
    train_with_dev(sentences, &[], options, |_| {})
}

/// Trains, measuring on `dev` after each epoch and keeping the best epoch's model
/// (the last one when `dev` is empty).
pub fn train_with_dev(
    sentences: &[Sentence],
    dev: &[Sentence],
    options: &TrainOptions,
    mut on_epoch: impl FnMut(&EpochReport),
) -> Tagger {
    let tagset = TagSet::from(sentences);
    let gold: Vec<Vec<u8>> = sentences.iter().map(|s| tagset.classes_of(s)).collect();
    let lexicon = build_lexicon(sentences, &gold, options);
    let lemmas = LemmaTable::derive(sentences, &tagset.xpos_names);
    let mut trainers = Trainers {
        upos: Trainer::new(UPOS_COUNT),
        xpos: Trainer::new(tagset.classes.len()),
    };
    let mut rng = SplitMix(options.seed);
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let mut tagger = tagset.tagger(lexicon, empty_weights(tagset.classes.len()), lemmas);
    let mut best: Option<(usize, [Weights; 2])> = None;
    let mut state = EpochState::default();
    for epoch in 1..=options.epochs {
        rng.shuffle(&mut order);
        let (mut right, mut total) = (0usize, 0usize);
        for &s in &order {
            let words = case_variant(&sentences[s], options.case_augment, &mut rng);
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            let (r, t) = state.learn(&mut trainers, &tagger, &words, &gold[s]);
            right += r;
            total += t;
        }
        let frozen = [
            Weights::from_perceptron(&trainers.upos.freeze(options.min_weight)),
            Weights::from_perceptron(&trainers.xpos.freeze(options.min_weight)),
        ];
        tagger.set_weights(frozen);
        let train_percent = 100.0 * right as f64 / total.max(1) as f64;
        let dev_accuracy = (!dev.is_empty()).then(|| evaluate(&tagger, dev));
        on_epoch(&EpochReport {
            epoch,
            train_percent,
            dev: dev_accuracy,
        });
        if let Some(acc) = dev_accuracy {
            let score = acc.upos + acc.xpos;
            if best.as_ref().is_none_or(|(b, _)| score > *b) {
                best = Some((
                    score,
                    tagger.set_weights(empty_weights(tagset.classes.len())),
                ));
            }
        }
    }
    if let Some((_, weights)) = best {
        tagger.set_weights(weights);
    }
    tagger
}

fn empty_weights(classes: usize) -> [Weights; 2] {
    [Weights::empty(UPOS_COUNT), Weights::empty(classes)]
}

/// Tags every sentence of `sentences` (gold tokenisation) and counts the right tags.
pub fn evaluate(tagger: &Tagger, sentences: &[Sentence]) -> Accuracy {
    let mut acc = Accuracy::default();
    let mut out = Vec::new();
    let mut words: Vec<&str> = Vec::new();
    for s in sentences {
        words.clear();
        words.extend(s.words.iter().map(|w| w.form.as_str()));
        tagger.tag(&words, &mut out);
        for (w, tag) in s.words.iter().zip(&out) {
            acc.words += 1;
            acc.upos += usize::from(tag.upos.as_str() == w.upos);
            acc.xpos += usize::from(tagger.xpos_name(tag.xpos) == w.xpos);
        }
    }
    acc
}

/// The two models being trained.
struct Trainers {
    upos: Trainer,
    xpos: Trainer,
}

/// The buffers of one training pass.
#[derive(Default)]
struct EpochState {
    tokens: Vec<Token>,
    features: Features,
    xpos_features: Features,
    scores: Vec<f32>,
}

impl EpochState {
    /// Decodes one sentence greedily, updating on each mistake; returns (right, scored).
    fn learn(
        &mut self,
        trainers: &mut Trainers,
        tagger: &Tagger,
        words: &[&str],
        gold: &[u8],
    ) -> (usize, usize) {
        read_sentence(words, &tagger.lexicon, &mut self.tokens);
        let mut history = History::start();
        let (mut right, mut scored) = (0, 0);
        for (i, &truth) in gold.iter().enumerate() {
            let at = i + 2;
            let direct = self.tokens[at].direct;
            let class = if direct != NO_CLASS {
                direct
            } else {
                let true_upos = tagger.classes[usize::from(truth)].upos as usize;
                let upos = self.learn_upos(&mut trainers.upos, at, history, true_upos);
                // The XPOS model learns only where the UPOS was right: it is
                // trained to choose among the right UPOS's classes.
                let truth = (upos == true_upos).then_some(truth);
                let class =
                    self.learn_class(&mut trainers.xpos, tagger, at, upos as u8, history, truth);
                scored += 1;
                right += usize::from(truth == Some(class));
                class
            };
            history.push(class);
        }
        (right, scored)
    }

    fn learn_upos(
        &mut self,
        trainer: &mut Trainer,
        at: usize,
        history: History,
        truth: usize,
    ) -> usize {
        self.features.clear();
        let [before, here, after] = [&self.tokens[at - 1], &self.tokens[at], &self.tokens[at + 1]];
        features::local(here, |h| self.features.hashes.push(h));
        features::as_previous(before, |h| self.features.hashes.push(h));
        features::as_next(after, |h| self.features.hashes.push(h));
        features::context(&self.tokens, at, history, |h| self.features.hashes.push(h));
        let guess = trainer.predict(&self.features, &mut self.scores);
        trainer.update(&self.features, truth, guess);
        guess
    }

    fn learn_class(
        &mut self,
        trainer: &mut Trainer,
        tagger: &Tagger,
        at: usize,
        upos: u8,
        history: History,
        truth: Option<u8>,
    ) -> u8 {
        if let Some(class) = tagger.known_class(&self.tokens[at], upos) {
            return class;
        }
        self.xpos_features.clear();
        features::xpos(&self.tokens, at, upos, history, |h| {
            self.xpos_features.hashes.push(h)
        });
        trainer.scores(&self.xpos_features, &mut self.scores);
        let guess = best_of(&tagger.candidates[usize::from(upos)], |c| {
            self.scores[usize::from(c)]
        });
        if let Some(truth) = truth {
            trainer.update(&self.xpos_features, usize::from(truth), usize::from(guess));
        }
        guess
    }
}

/// The joint classes and XPOS names found in the treebank, in sorted order.
struct TagSet {
    xpos_names: Vec<String>,
    classes: Vec<Tag>,
    index: BTreeMap<(String, String), u8>,
}

impl TagSet {
    fn from(sentences: &[Sentence]) -> TagSet {
        let mut pairs: BTreeMap<(String, String), u8> = BTreeMap::new();
        for w in sentences.iter().flat_map(|s| &s.words) {
            pairs
                .entry((upos_of(&w.upos).as_str().to_string(), w.xpos.clone()))
                .or_insert(0);
        }
        let mut xpos_names: Vec<String> = pairs.keys().map(|(_, x)| x.clone()).collect();
        xpos_names.sort();
        xpos_names.dedup();
        assert!(
            pairs.len() < usize::from(NO_CLASS) && xpos_names.len() < 256,
            "too many tags"
        );
        let mut classes = Vec::new();
        for (i, ((upos, xpos), slot)) in pairs.iter_mut().enumerate() {
            *slot = i as u8;
            let xpos = xpos_names.iter().position(|n| n == xpos).unwrap() as u8;
            classes.push(Tag {
                upos: Upos::parse(upos).unwrap(),
                xpos,
            });
        }
        TagSet {
            xpos_names,
            classes,
            index: pairs,
        }
    }

    fn classes_of(&self, sentence: &Sentence) -> Vec<u8> {
        let class = |upos: &str, xpos: &str| {
            self.index[&(upos_of(upos).as_str().to_string(), xpos.to_string())]
        };
        sentence
            .words
            .iter()
            .map(|w| class(&w.upos, &w.xpos))
            .collect()
    }

    fn tagger(&self, lexicon: Lexicon, weights: [Weights; 2], lemmas: LemmaTable) -> Tagger {
        Tagger::new(
            self.xpos_names.clone(),
            self.classes.clone(),
            lexicon,
            weights,
            lemmas,
        )
    }
}

fn upos_of(name: &str) -> Upos {
    Upos::parse(name).unwrap_or(Upos::X)
}

/// Counts each word's classes; words seen often enough get their ambiguity
/// class, and those that nearly always had one class become direct.
fn build_lexicon(sentences: &[Sentence], gold: &[Vec<u8>], options: &TrainOptions) -> Lexicon {
    let mut counts: BTreeMap<u64, BTreeMap<u8, u32>> = BTreeMap::new();
    for (s, classes) in sentences.iter().zip(gold) {
        for (w, &c) in s.words.iter().zip(classes) {
            *counts
                .entry(form_hash(&w.form))
                .or_default()
                .entry(c)
                .or_insert(0) += 1;
        }
    }
    let mut lexicon = Lexicon::default();
    for (word, by_class) in counts {
        let total: u32 = by_class.values().sum();
        if total < options.ambiguity_min_count {
            continue;
        }
        // Classes seen once in a frequent word are mostly annotation noise.
        let floor = (total as f64 * 0.01).max(1.0) as u32;
        let members: Vec<u8> = by_class
            .iter()
            .filter(|(_, &n)| n >= floor)
            .map(|(&c, _)| c)
            .collect();
        let (&top, &top_count) = by_class
            .iter()
            .max_by_key(|(c, n)| (**n, std::cmp::Reverse(**c)))
            .unwrap();
        let direct = total >= options.direct_min_count
            && f64::from(top_count) >= options.direct_min_share * f64::from(total);
        lexicon.insert(word, &members, if direct { top } else { NO_CLASS });
    }
    lexicon
}

/// The sentence's words, sometimes all-lowercase or ALL-CAPS (so the model
/// learns to tag such input from the words, not only from their capitals).
fn case_variant(sentence: &Sentence, share: f64, rng: &mut SplitMix) -> Vec<String> {
    let roll = rng.unit();
    sentence
        .words
        .iter()
        .map(|w| {
            if roll < share / 2.0 {
                w.form.to_lowercase()
            } else if roll < share {
                w.form.to_uppercase()
            } else {
                w.form.clone()
            }
        })
        .collect()
}
