//! PTC evaluation: loaded-language findings against the Propaganda Techniques
//! Corpus (SemEval-2020 Task 11) spans.
//!
//! Usage: cargo run --release --example eval -- ptc <corpus-dir> [--errors N] [--terms N]
//!
//! Gold spans are `Loaded_Language` plus `Name_Calling,Labeling`; a second
//! line adds `Exaggeration,Minimisation`. A finding is a hit when it overlaps a
//! gold span: precision = hits / findings, recall = gold spans overlapped by
//! some finding / gold spans. Labels are character offsets, findings are byte
//! offsets, so findings are converted before comparing.
//!
//! `--errors N` prints N false positives spread over the corpus, for the
//! developer's eyes only: use them to find missing guards and ambiguous words,
//! never to add terms, and never copy corpus text into the repository.
//! `--terms N` lists the N wordings with the most false positives, to spot
//! ambiguous entries.

use anyhow::{Context, Result};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use truthlens::{analyze, Config, Format};

const CORE: &[&str] = &["Loaded_Language", "Name_Calling,Labeling"];
const EXAGGERATION: &str = "Exaggeration,Minimisation";

/// A half-open range of character offsets.
#[derive(Clone, Copy, Debug)]
struct CharSpan {
    start: usize,
    end: usize,
}

impl CharSpan {
    fn overlaps(&self, other: &CharSpan) -> bool {
        self.start < other.end && other.start < self.end
    }
}

struct Options {
    dir: PathBuf,
    errors: usize,
    terms: usize,
}

fn parse_args(args: &[String]) -> Result<Options> {
    let mut dir = None;
    let mut errors = 0;
    let mut terms = 0;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--errors" => {
                errors = it
                    .next()
                    .context("--errors needs a number")?
                    .parse()
                    .context("--errors needs a number")?;
            }
            "--terms" => {
                terms = it
                    .next()
                    .context("--terms needs a number")?
                    .parse()
                    .context("--terms needs a number")?;
            }
            other if dir.is_none() && !other.starts_with("--") => dir = Some(PathBuf::from(other)),
            other => anyhow::bail!("unexpected argument `{other}`"),
        }
    }
    Ok(Options {
        dir: dir.context("usage: eval ptc <corpus-dir> [--errors N] [--terms N]")?,
        errors,
        terms,
    })
}

/// Gold spans per article id: (technique, span).
fn read_labels(dir: &Path) -> Result<HashMap<String, Vec<(String, CharSpan)>>> {
    let path = dir.join("train-task-flc-tc.labels");
    let text =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let mut labels: HashMap<String, Vec<(String, CharSpan)>> = HashMap::new();
    for (n, line) in text.lines().enumerate() {
        let cols: Vec<&str> = line.split('\t').collect();
        let [id, technique, start, end] = cols[..] else {
            if line.trim().is_empty() {
                continue;
            }
            anyhow::bail!("{}:{}: expected 4 columns", path.display(), n + 1);
        };
        let span = CharSpan {
            start: start.trim().parse()?,
            end: end.trim().parse()?,
        };
        labels
            .entry(id.to_string())
            .or_default()
            .push((technique.to_string(), span));
    }
    Ok(labels)
}

/// Byte offset -> character offset, for every char boundary of `text`.
fn char_offsets(text: &str) -> Vec<usize> {
    let mut map = vec![0; text.len() + 1];
    let mut chars = 0;
    for (byte, c) in text.char_indices() {
        for slot in &mut map[byte..byte + c.len_utf8()] {
            *slot = chars;
        }
        chars += 1;
    }
    map[text.len()] = chars;
    map
}

#[derive(Default)]
struct Tally {
    findings: usize,
    hits: usize,
    gold: usize,
    gold_found: usize,
}

impl Tally {
    fn precision(&self) -> f64 {
        ratio(self.hits, self.findings)
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

struct FalsePositive {
    article: String,
    category: String,
    text: String,
    line: String,
}

pub fn run(args: &[String]) -> Result<()> {
    let options = parse_args(args)?;
    let articles_dir = options.dir.join("train-articles");
    if !articles_dir.is_dir() {
        println!(
            "ptc: no corpus at {} (expected train-articles/ inside); nothing to evaluate",
            options.dir.display()
        );
        return Ok(());
    }
    let labels = read_labels(&options.dir)?;
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&articles_dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();

    let config = Config::default();
    let mut core = Tally::default();
    let mut wide = Tally::default();
    let mut per_category: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let mut per_severity: BTreeMap<&'static str, (usize, usize, usize)> = BTreeMap::new();
    let mut false_positives = Vec::new();
    // Matched wording -> (findings, hits against core gold).
    let mut per_term: HashMap<String, (usize, usize)> = HashMap::new();
    let mut bytes = 0;
    let started = std::time::Instant::now();

    for path in &paths {
        let id = path
            .file_stem()
            .and_then(|s| s.to_str())
            .and_then(|s| s.strip_prefix("article"))
            .context("article file name")?
            .to_string();
        let text = std::fs::read_to_string(path)?;
        bytes += text.len();
        let chars = char_offsets(&text);
        let findings: Vec<_> = analyze(&text, Format::PlainText, &config)
            .findings
            .into_iter()
            .filter(|f| f.rule == "loaded-language")
            .collect();
        let gold = labels.get(&id).map(Vec::as_slice).unwrap_or(&[]);
        let core_gold: Vec<CharSpan> = gold
            .iter()
            .filter(|(t, _)| CORE.contains(&t.as_str()))
            .map(|(_, s)| *s)
            .collect();
        let wide_gold: Vec<CharSpan> = gold
            .iter()
            .filter(|(t, _)| CORE.contains(&t.as_str()) || t == EXAGGERATION)
            .map(|(_, s)| *s)
            .collect();
        let spans: Vec<CharSpan> = findings
            .iter()
            .map(|f| CharSpan {
                start: chars[f.span.start],
                end: chars[f.span.end],
            })
            .collect();

        for (tally, gold) in [(&mut core, &core_gold), (&mut wide, &wide_gold)] {
            tally.findings += spans.len();
            tally.hits += spans
                .iter()
                .filter(|s| gold.iter().any(|g| g.overlaps(s)))
                .count();
            tally.gold += gold.len();
            tally.gold_found += gold
                .iter()
                .filter(|g| spans.iter().any(|s| s.overlaps(g)))
                .count();
        }
        for (finding, span) in findings.iter().zip(&spans) {
            let category = finding.category.as_deref().unwrap_or_default().to_string();
            let core_hit = core_gold.iter().any(|g| g.overlaps(span));
            let wide_hit = wide_gold.iter().any(|g| g.overlaps(span));
            for entry in [
                per_category.entry(category.clone()).or_default(),
                per_severity.entry(finding.severity.as_str()).or_default(),
            ] {
                entry.0 += 1;
                entry.1 += usize::from(core_hit);
                entry.2 += usize::from(wide_hit);
            }
            let term = per_term
                .entry(finding.span.text(&text).to_lowercase())
                .or_default();
            term.0 += 1;
            term.1 += usize::from(core_hit);
            if !wide_hit {
                let line_start = text[..finding.span.start].rfind('\n').map_or(0, |i| i + 1);
                let line_end = text[finding.span.end..]
                    .find('\n')
                    .map_or(text.len(), |i| finding.span.end + i);
                false_positives.push(FalsePositive {
                    article: id.clone(),
                    category,
                    text: finding.span.text(&text).to_string(),
                    line: text[line_start..line_end].to_string(),
                });
            }
        }
    }
    let elapsed = started.elapsed();

    println!(
        "PTC loaded-language: {} articles, {:.1} KB, analysed in {:.2?}",
        paths.len(),
        bytes as f64 / 1024.0,
        elapsed
    );
    for (name, t) in [
        ("Loaded_Language + Name_Calling", &core),
        ("  + Exaggeration,Minimisation", &wide),
    ] {
        println!(
            "{name:32} findings {:5}  hits {:5}  precision {:.3}  gold {:5}  found {:5}  recall {:.3}  F1 {:.3}",
            t.findings,
            t.hits,
            t.precision(),
            t.gold,
            t.gold_found,
            t.recall(),
            t.f1()
        );
    }
    println!("per category (precision against core gold / with exaggeration):");
    for (category, (n, core_hits, wide_hits)) in &per_category {
        println!(
            "  {category:24} findings {n:5}  precision {:.3} / {:.3}",
            ratio(*core_hits, *n),
            ratio(*wide_hits, *n)
        );
    }
    println!("per default severity:");
    for (severity, (n, core_hits, wide_hits)) in &per_severity {
        println!(
            "  {severity:24} findings {n:5}  precision {:.3} / {:.3}",
            ratio(*core_hits, *n),
            ratio(*wide_hits, *n)
        );
    }

    if options.terms > 0 {
        let mut terms: Vec<_> = per_term.into_iter().collect();
        terms.sort_by_key(|(t, (n, hits))| (std::cmp::Reverse(n - hits), t.clone()));
        println!("\nwordings with the most misses (findings, hits):");
        for (term, (n, hits)) in terms.iter().take(options.terms) {
            println!("  {term:28} {n:4} {hits:4}");
        }
    }

    if options.errors > 0 && !false_positives.is_empty() {
        println!(
            "\nsample false positives (for inspection only; do not copy into the repository):"
        );
        let step = (false_positives.len() / options.errors).max(1);
        for fp in false_positives.iter().step_by(step).take(options.errors) {
            println!(
                "  [{}] {} \"{}\" in: {}",
                fp.article,
                fp.category,
                fp.text,
                fp.line.trim()
            );
        }
    }
    Ok(())
}
