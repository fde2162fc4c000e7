//! PolNeAR evaluation of the attribution engine.
//!
//! Usage: cargo run --release --example eval -- polnear <corpus-dir> [split...] [--errors FILE]
//!
//! For each article, the first annotator's `.ann` file (sorted by name) is the gold.
//! - Source spans: a predicted source mention is a hit when it overlaps a gold
//!   `Source` span; a gold span is found when some prediction overlaps it.
//! - Cue spans: the same, against gold `Cue` spans.
//!
//! Offsets in brat files count Unicode scalar values; they are converted to bytes.
//! Splits default to `dev`. `--errors FILE` writes misses and false alarms for
//! error analysis (corpus text: keep that file out of the repository).

use anyhow::{Context, Result};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use truthlens::{analyze, Config, Format, Span};

#[derive(Default, Clone, Copy)]
struct Counts {
    predicted: usize,
    predicted_hits: usize,
    gold: usize,
    gold_found: usize,
}

impl Counts {
    fn add(&mut self, o: Counts) {
        self.predicted += o.predicted;
        self.predicted_hits += o.predicted_hits;
        self.gold += o.gold;
        self.gold_found += o.gold_found;
    }
    fn precision(&self) -> f64 {
        ratio(self.predicted_hits, self.predicted)
    }
    fn recall(&self) -> f64 {
        ratio(self.gold_found, self.gold)
    }
    fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// One gold span: possibly discontinuous, as byte ranges.
type Gold = Vec<Span>;

struct Article {
    text: String,
    sources: Vec<Gold>,
    cues: Vec<Gold>,
}

pub fn run(args: &[String]) -> Result<()> {
    let mut dir: Option<PathBuf> = None;
    let mut splits = Vec::new();
    let mut errors: Option<PathBuf> = None;
    let mut dump: Option<PathBuf> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--errors" => errors = it.next().map(PathBuf::from),
            "--dump" => dump = it.next().map(PathBuf::from),
            s if dir.is_none() => dir = Some(PathBuf::from(s)),
            s => splits.push(s.to_string()),
        }
    }
    let dir = dir.unwrap_or_else(|| PathBuf::from("../shared/corpora/polnear"));
    if !dir.join("data").is_dir() {
        println!(
            "polnear: {} has no data/ folder; skipping (the corpus is not part of the repository)",
            dir.display()
        );
        return Ok(());
    }
    if splits.is_empty() {
        splits.push("dev".to_string());
    }
    let config = Config::default();
    let mut log = String::new();
    let mut dumped = String::new();
    for split in &splits {
        let articles = load_split(&dir.join("data").join(split))?;
        let mut sources = Counts::default();
        let mut cues = Counts::default();
        let mut by_kind: BTreeMap<String, (usize, usize)> = BTreeMap::new();
        let started = std::time::Instant::now();
        let mut bytes = 0;
        for (name, art) in &articles {
            bytes += art.text.len();
            let analysis = analyze(&art.text, Format::PlainText, &config);
            let mut pred_sources: Vec<Span> = Vec::new();
            let mut pred_cues: Vec<Span> = Vec::new();
            for a in &analysis.attributions.list {
                if a.continues.is_some() {
                    continue;
                }
                if !pred_sources.contains(&a.source) {
                    pred_sources.push(a.source);
                    let label = format!("{} / {}", a.kind.as_str(), a.cue_class.as_str());
                    let hit = art.sources.iter().any(|g| overlaps(a.source, g));
                    let e = by_kind.entry(label).or_default();
                    e.0 += 1;
                    e.1 += usize::from(hit);
                }
                if let Some(c) = a.cue {
                    if !pred_cues.contains(&c) {
                        pred_cues.push(c);
                    }
                }
            }
            if dump.is_some() {
                for a in &analysis.attributions.list {
                    if a.continues.is_some() {
                        continue;
                    }
                    let c = a.cue.unwrap_or_default();
                    let _ = writeln!(
                        dumped,
                        "{split}\t{name}\t{}\t{}\t{}\t{}\t{}\t{}",
                        a.source.start,
                        a.source.end,
                        c.start,
                        c.end,
                        a.kind.as_str(),
                        a.cue_class.as_str()
                    );
                }
            }
            let s = score(&pred_sources, &art.sources);
            let c = score(&pred_cues, &art.cues);
            sources.add(s);
            cues.add(c);
            if errors.is_some() {
                log_errors(
                    &mut log,
                    name,
                    &art.text,
                    &pred_sources,
                    &art.sources,
                    "SOURCE",
                );
                log_errors(&mut log, name, &art.text, &pred_cues, &art.cues, "CUE");
            }
        }
        let secs = started.elapsed().as_secs_f64();
        println!(
            "polnear {split}: {} articles, {:.1} MB analysed in {:.2}s",
            articles.len(),
            bytes as f64 / 1e6,
            secs
        );
        report("source", &sources);
        report("cue", &cues);
        for (kind, (n, hits)) in &by_kind {
            println!(
                "    {kind:<22} {n:>6} predicted, precision {:.3}",
                ratio(*hits, *n)
            );
        }
    }
    if let Some(path) = dump {
        std::fs::write(&path, dumped)
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    if let Some(path) = errors {
        std::fs::write(&path, log).with_context(|| format!("cannot write {}", path.display()))?;
        println!("errors written to {}", path.display());
    }
    Ok(())
}

fn report(what: &str, c: &Counts) {
    println!(
        "  {what:<6}  P {:.3} ({}/{})  R {:.3} ({}/{})  F1 {:.3}",
        c.precision(),
        c.predicted_hits,
        c.predicted,
        c.recall(),
        c.gold_found,
        c.gold,
        c.f1()
    );
}

fn overlaps(p: Span, g: &Gold) -> bool {
    g.iter().any(|s| p.overlaps(*s))
}

fn score(pred: &[Span], gold: &[Gold]) -> Counts {
    Counts {
        predicted: pred.len(),
        predicted_hits: pred
            .iter()
            .filter(|p| gold.iter().any(|g| overlaps(**p, g)))
            .count(),
        gold: gold.len(),
        gold_found: gold
            .iter()
            .filter(|g| pred.iter().any(|p| overlaps(*p, g)))
            .count(),
    }
}

fn context(text: &str, span: Span) -> String {
    let mut a = span.start.saturating_sub(80);
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = (span.end + 60).min(text.len());
    while !text.is_char_boundary(b) {
        b += 1;
    }
    format!(
        "{}[[{}]]{}",
        &text[a..span.start],
        &text[span.start..span.end],
        &text[span.end..b]
    )
    .replace('\n', " / ")
}

fn log_errors(log: &mut String, name: &str, text: &str, pred: &[Span], gold: &[Gold], what: &str) {
    for p in pred {
        if !gold.iter().any(|g| overlaps(*p, g)) {
            let _ = writeln!(log, "{what} FP {name}: {}", context(text, *p));
        }
    }
    for g in gold {
        if !pred.iter().any(|p| overlaps(*p, g)) {
            let span = Span::new(g[0].start, g[g.len() - 1].end);
            let _ = writeln!(log, "{what} FN {name}: {}", context(text, span));
        }
    }
}

/// Text and gold spans of every article in a split, keyed by file stem.
fn load_split(dir: &Path) -> Result<BTreeMap<String, Article>> {
    let mut anns: BTreeMap<String, PathBuf> = BTreeMap::new();
    let ann_dir = dir.join("attributions");
    let mut ann_files: Vec<PathBuf> = std::fs::read_dir(&ann_dir)
        .with_context(|| format!("cannot read {}", ann_dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ann"))
        .collect();
    ann_files.sort();
    for path in ann_files {
        let stem = path
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        // "<article>_<annotator>": the first annotator (by name) is the gold.
        let Some((article, _annotator)) = stem.rsplit_once('_') else {
            continue;
        };
        anns.entry(article.to_string()).or_insert(path);
    }
    let mut out = BTreeMap::new();
    for (article, ann) in anns {
        let txt = dir.join("text").join(format!("{article}.txt"));
        let Ok(text) = std::fs::read_to_string(&txt) else {
            continue;
        };
        let ann_text = std::fs::read_to_string(&ann)?;
        let (sources, cues) = parse_ann(&ann_text, &text);
        out.insert(
            article,
            Article {
                text,
                sources,
                cues,
            },
        );
    }
    Ok(out)
}

/// Parse brat `T` lines for Source and Cue spans, converting character offsets to bytes.
fn parse_ann(ann: &str, text: &str) -> (Vec<Gold>, Vec<Gold>) {
    let mut byte_at: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    byte_at.push(text.len());
    let to_byte = |c: usize| byte_at.get(c).copied().unwrap_or(text.len());
    let mut sources = Vec::new();
    let mut cues = Vec::new();
    for line in ann.lines() {
        let mut cols = line.split('\t');
        let (Some(id), Some(meta)) = (cols.next(), cols.next()) else {
            continue;
        };
        if !id.starts_with('T') {
            continue;
        }
        let Some((kind, ranges)) = meta.split_once(' ') else {
            continue;
        };
        let spans: Gold = ranges
            .split(';')
            .filter_map(|r| {
                let mut it = r.split_whitespace().map(|n| n.parse::<usize>());
                match (it.next(), it.next()) {
                    (Some(Ok(a)), Some(Ok(b))) => Some(Span::new(to_byte(a), to_byte(b))),
                    _ => None,
                }
            })
            .collect();
        if spans.is_empty() {
            continue;
        }
        match kind {
            "Source" => sources.push(spans),
            "Cue" => cues.push(spans),
            _ => {}
        }
    }
    (sources, cues)
}
