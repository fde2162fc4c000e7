//! Universal NER (English EWT, dev) evaluation of the entity typer.
//!
//! Usage: cargo run --release --example eval -- uner FILE.iob2 [--conllu FILE] [--errors FILE]
//!
//! Exact span match per type, the CoNLL way; Time and Other count as no entity.
//! The typer reads the shipped tagger's tags, as it does in a draft; with
//! `--conllu FILE` it reads the gold EWT tags instead, looked up by sent_id.

use anyhow::{anyhow, Context, Result};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use truthlens::nlp::conllu;
use truthlens::nlp::entities::{EntityKind, Memory};
use truthlens::nlp::tags::Upos;

const TYPES: [&str; 3] = ["PER", "ORG", "LOC"];

struct Sentence {
    id: String,
    new_doc: bool,
    words: Vec<String>,
    gold: Vec<(usize, usize, &'static str)>,
}

pub fn run(args: &[String]) -> Result<()> {
    let mut file: Option<PathBuf> = None;
    let mut conllu_path: Option<PathBuf> = None;
    let mut errors: Option<PathBuf> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--conllu" => conllu_path = it.next().map(PathBuf::from),
            "--errors" => errors = it.next().map(PathBuf::from),
            s => file = Some(PathBuf::from(s)),
        }
    }
    let file = file
        .unwrap_or_else(|| PathBuf::from("../shared/corpora/uner-english-ewt/en_ewt-ud-dev.iob2"));
    if !file.is_file() {
        println!(
            "uner: {} not found; skipping (the corpus is not part of the repository)",
            file.display()
        );
        return Ok(());
    }
    let sentences = read_iob2(
        &std::fs::read_to_string(&file)
            .with_context(|| format!("cannot read {}", file.display()))?,
    );
    let gold_tags = conllu_path.as_deref().map(GoldTags::load).transpose()?;

    let mut counts: HashMap<&str, [usize; 3]> = HashMap::new(); // true positives, predicted, gold
    let (mut words_total, mut typed_elapsed) = (0usize, std::time::Duration::ZERO);
    let mut memory = Memory::new();
    let mut log = String::new();
    let mut out = Vec::new();
    // Decode the name lists before the clock starts: that is a one-off cost.
    Memory::new().find(
        &["Jane", "Smith", "in", "Paris"],
        &[Upos::PROPN, Upos::PROPN, Upos::ADP, Upos::PROPN],
        &mut out,
    );
    for s in &sentences {
        if s.new_doc {
            memory = Memory::new();
        }
        let upos = tags_for(gold_tags.as_ref(), s)?;
        let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
        let started = std::time::Instant::now();
        memory.find(&words, &upos, &mut out);
        typed_elapsed += started.elapsed();
        words_total += words.len();
        let predicted: Vec<(usize, usize, &str)> = out
            .iter()
            .filter_map(|e| scored_type(e.kind).map(|t| (e.start, e.end, t)))
            .collect();
        for t in TYPES {
            let c = counts.entry(t).or_default();
            c[1] += predicted.iter().filter(|p| p.2 == t).count();
            c[2] += s.gold.iter().filter(|g| g.2 == t).count();
            c[0] += predicted
                .iter()
                .filter(|p| p.2 == t && s.gold.contains(p))
                .count();
        }
        if errors.is_some() {
            log_errors(&mut log, s, &words, &upos, &predicted, &out);
        }
    }
    if let Some(path) = errors {
        std::fs::write(&path, log).with_context(|| format!("cannot write {}", path.display()))?;
    }
    println!(
        "uner: {} sentences, {} words, typed at {:.1} M words/s ({} tags)",
        sentences.len(),
        words_total,
        words_total as f64 / typed_elapsed.as_secs_f64().max(1e-9) / 1e6,
        if gold_tags.is_some() {
            "gold"
        } else {
            "predicted"
        }
    );
    let mut json = String::from("{");
    for (k, t) in TYPES.iter().enumerate() {
        let [tp, predicted, gold] = counts[t];
        let (p, r) = (ratio(tp, predicted), ratio(tp, gold));
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        println!("{t}: {tp} right of {predicted} predicted, {gold} gold: precision {p:.3} recall {r:.3} F1 {f:.3}");
        let sep = if k > 0 { ", " } else { "" };
        let _ = write!(
            json,
            "{sep}\"{}\": {{\"precision\": {p:.4}, \"recall\": {r:.4}, \"f1\": {f:.4}}}",
            t.to_lowercase()
        );
    }
    json.push('}');
    println!("{json}");
    Ok(())
}

/// Where the typer's tags come from: switch to the tagger's predictions here.
fn tags_for(gold: Option<&GoldTags>, s: &Sentence) -> Result<Vec<Upos>> {
    if let Some(gold) = gold {
        return gold.upos(&s.id, &s.words);
    }
    let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
    let mut tags = Vec::new();
    truthlens::nlp::tagger::tagger().tag(&words, &mut tags);
    Ok(tags.iter().map(|t| t.upos).collect())
}

struct GoldTags {
    by_id: HashMap<String, Vec<(String, Upos)>>,
}

impl GoldTags {
    fn load(path: &Path) -> Result<GoldTags> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let sentences = conllu::parse(&text).map_err(|e| anyhow!("{}: {e}", path.display()))?;
        let by_id = sentences
            .into_iter()
            .map(|s| {
                (
                    s.id,
                    s.words
                        .into_iter()
                        .map(|w| (w.form, Upos::parse(&w.upos).unwrap_or(Upos::X)))
                        .collect(),
                )
            })
            .collect();
        Ok(GoldTags { by_id })
    }

    /// The tags of sentence `id` for `words`. A few sentences split a word differently
    /// ("#audiobooks"): each word then takes the tag of the treebank word its first
    /// character falls in.
    fn upos(&self, id: &str, words: &[String]) -> Result<Vec<Upos>> {
        let tagged = self
            .by_id
            .get(id)
            .ok_or_else(|| anyhow!("sentence {id} is not in the CoNLL-U file"))?;
        if tagged.len() == words.len() {
            return Ok(tagged.iter().map(|t| t.1).collect());
        }
        let mut ends = Vec::with_capacity(tagged.len());
        let mut at = 0;
        for (form, _) in tagged {
            at += form.chars().count();
            ends.push(at);
        }
        let mut offset = 0;
        let mut out = Vec::with_capacity(words.len());
        for w in words {
            let k = ends.partition_point(|&e| e <= offset).min(tagged.len() - 1);
            out.push(tagged[k].1);
            offset += w.chars().count();
        }
        Ok(out)
    }
}

fn scored_type(kind: EntityKind) -> Option<&'static str> {
    match kind {
        EntityKind::Person => Some("PER"),
        EntityKind::Organisation => Some("ORG"),
        EntityKind::Place => Some("LOC"),
        EntityKind::Time | EntityKind::Other => None,
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn read_iob2(text: &str) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    let mut current = Sentence {
        id: String::new(),
        new_doc: false,
        words: Vec::new(),
        gold: Vec::new(),
    };
    let mut tags: Vec<String> = Vec::new();
    let mut new_doc = false;
    for line in text.lines().chain(std::iter::once("")) {
        if line.trim().is_empty() {
            if !current.words.is_empty() {
                current.gold = spans(&tags);
                current.new_doc = std::mem::take(&mut new_doc);
                sentences.push(std::mem::replace(
                    &mut current,
                    Sentence {
                        id: String::new(),
                        new_doc: false,
                        words: Vec::new(),
                        gold: Vec::new(),
                    },
                ));
                tags.clear();
            }
        } else if let Some(c) = line.strip_prefix('#') {
            let c = c.trim();
            if c.starts_with("newdoc") {
                new_doc = true;
            } else if let Some(id) = c.strip_prefix("sent_id =") {
                current.id = id.trim().to_string();
            }
        } else {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() >= 3 {
                current.words.push(cols[1].to_string());
                tags.push(cols[2].to_string());
            }
        }
    }
    sentences
}

/// IOB2 tags to (start, end, type) spans; a stray I- starts a span.
fn spans(tags: &[String]) -> Vec<(usize, usize, &'static str)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, &'static str)> = None;
    for (i, tag) in tags
        .iter()
        .chain(std::iter::once(&"O".to_string()))
        .enumerate()
    {
        let (prefix, kind) = tag.split_once('-').unwrap_or(("O", ""));
        let kind = TYPES.iter().copied().find(|t| *t == kind);
        let continues = prefix == "I" && open.is_some_and(|(_, k)| Some(k) == kind);
        if !continues {
            if let Some((start, k)) = open.take() {
                out.push((start, i, k));
            }
            if let Some(k) = kind {
                open = Some((i, k));
            }
        }
    }
    out
}

fn log_errors(
    log: &mut String,
    s: &Sentence,
    words: &[&str],
    upos: &[Upos],
    predicted: &[(usize, usize, &str)],
    all: &[truthlens::nlp::entities::Entity],
) {
    let show = |a: usize, b: usize| words[a..b].join(" ");
    for p in predicted.iter().filter(|p| !s.gold.contains(p)) {
        let gold = s.gold.iter().find(|g| g.0 < p.1 && p.0 < g.1);
        let why = match gold {
            Some(g) if (g.0, g.1) == (p.0, p.1) => format!("WRONG-TYPE gold {}", g.2),
            Some(g) => format!("BOUNDARY gold {} [{}]", g.2, show(g.0, g.1)),
            None => "SPURIOUS".to_string(),
        };
        let _ = writeln!(log, "FP {} [{}] {why}", p.2, show(p.0, p.1));
    }
    for g in s.gold.iter().filter(|g| !predicted.contains(g)) {
        let overlapped = predicted.iter().any(|p| p.0 < g.1 && g.0 < p.1);
        let untyped = all
            .iter()
            .any(|e| e.start < g.1 && g.0 < e.end && scored_type(e.kind).is_none());
        let tags: Vec<&str> = upos[g.0..g.1].iter().map(|t| t.as_str()).collect();
        let why = if overlapped {
            "overlap"
        } else if untyped {
            "typed-time-or-other"
        } else {
            "missed"
        };
        let _ = writeln!(
            log,
            "FN {} [{}] {} {why}",
            g.2,
            show(g.0, g.1),
            tags.join(" ")
        );
    }
    if !log.ends_with("\n\n") && !log.is_empty() {
        let _ = writeln!(log, "  in: {}\n", words.join(" "));
    }
}
