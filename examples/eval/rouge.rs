//! ROUGE of the extractive summarizer against reference highlights, next to Lead-3.
//!
//! Usage: eval rouge <corpus-dir> [--dump FILE] [--grid] [--bench]
//!   <corpus-dir>/data.jsonl holds one {"id", "article", "summary"} object per line,
//!   the reference summary with one highlight per line.
//!   --dump FILE  write {"id", "reference", "ours", "lead3"} per article (JSON lines),
//!                to cross-check the scorer with another implementation.
//!   --grid       also score a small grid of ranker settings (for tuning; keep it small).
//!   --bench      time the summarizer on a ~2 MB document built from the corpus.
//!   --set K=V    score with one ranker knob changed (lead_decay, centrality_weight,
//!                redundancy, flag_penalty, min_words), repeatable.
//!
//! Both systems read the same text through the same analysis: Lead-3 is the first
//! three sentences of OUR sentence splitter, so the comparison isolates the ranking.

use anyhow::{Context, Result};
use std::io::Write;
use std::path::Path;
use std::time::Instant;
use truthlens::analysis::Format;
use truthlens::summary::rouge::Scorer;
use truthlens::summary::{self, Tuning};
use truthlens::{Analysis, Config};

struct Article {
    id: String,
    text: String,
    reference: String,
}

fn load(dir: &Path) -> Result<Vec<Article>> {
    let path = dir.join("data.jsonl");
    let data = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    data.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line)?;
            let field = |name: &str| {
                v[name]
                    .as_str()
                    .map(str::to_string)
                    .with_context(|| format!("a line lacks the string field `{name}`"))
            };
            Ok(Article {
                id: field("id")?,
                text: field("article")?,
                reference: field("summary")?,
            })
        })
        .collect()
}

/// Mean and standard error of per-article F1, ×100.
#[derive(Default)]
struct Tally {
    values: Vec<[f64; 3]>,
}

impl Tally {
    fn add(&mut self, scorer: &Scorer, reference: &str, candidate: &str) {
        self.values.push([
            scorer.rouge_n(reference, candidate, 1).f1,
            scorer.rouge_n(reference, candidate, 2).f1,
            scorer.rouge_lsum(reference, candidate).f1,
        ]);
    }

    fn mean_se(&self, k: usize) -> (f64, f64) {
        let n = self.values.len() as f64;
        if n == 0.0 {
            return (0.0, 0.0);
        }
        let mean = self.values.iter().map(|v| v[k]).sum::<f64>() / n;
        let var = self
            .values
            .iter()
            .map(|v| (v[k] - mean).powi(2))
            .sum::<f64>()
            / (n - 1.0).max(1.0);
        (100.0 * mean, 100.0 * (var / n).sqrt())
    }

    fn row(&self, name: &str) -> String {
        let cell = |k| {
            let (m, se) = self.mean_se(k);
            format!("{m:6.2} ± {se:4.2}")
        };
        format!("| {name:<12} | {} | {} | {} |", cell(0), cell(1), cell(2))
    }
}

fn lead(text: &str, analysis: &Analysis, n: usize) -> String {
    analysis
        .sentences
        .iter()
        .take(n)
        .map(|s| summary::one_line(s.span, text))
        .collect::<Vec<_>>()
        .join("\n")
}

fn ours(text: &str, analysis: &Analysis, config: &Config, tuning: &Tuning) -> String {
    summary::summarize_with(text, analysis, config, tuning).join("\n")
}

/// One `--set K=V`: a ranker knob changed for this run.
fn set_knob(tuning: &mut Tuning, setting: &str) -> Result<()> {
    let (key, value) = setting.split_once('=').context("--set needs K=V")?;
    let number: f32 = value.parse().context("--set needs a number")?;
    match key {
        "lead_decay" => tuning.lead_decay = number,
        "centrality_weight" => tuning.centrality_weight = number,
        "redundancy" => tuning.redundancy = number,
        "flag_penalty" => tuning.flag_penalty = number,
        "min_words" => tuning.min_words = number as usize,
        other => anyhow::bail!("unknown knob `{other}`"),
    }
    Ok(())
}

pub fn run(args: &[String]) -> Result<()> {
    let mut dir = None;
    let mut dump = None;
    let mut grid = false;
    let mut bench = false;
    let mut tuning = Tuning::default();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--dump" => dump = Some(it.next().context("--dump needs a file")?.clone()),
            "--grid" => grid = true,
            "--bench" => bench = true,
            "--set" => set_knob(&mut tuning, it.next().context("--set needs K=V")?)?,
            other if dir.is_none() => dir = Some(other.to_string()),
            other => anyhow::bail!("unexpected argument `{other}`"),
        }
    }
    let dir = dir.context("usage: eval rouge <corpus-dir> [--dump FILE] [--grid] [--bench]")?;
    let articles = load(Path::new(&dir))?;
    let config = Config::default();
    let scorer = Scorer::new();

    let started = Instant::now();
    let analyses: Vec<Analysis> = articles
        .iter()
        .map(|a| truthlens::analyze(&a.text, Format::PlainText, &config))
        .collect();
    let analysis_time = started.elapsed();

    let mut ours_tally = Tally::default();
    let mut lead_tally = Tally::default();
    let mut dump_file = match &dump {
        Some(path) => Some(std::io::BufWriter::new(std::fs::File::create(path)?)),
        None => None,
    };
    let started = Instant::now();
    for (article, analysis) in articles.iter().zip(&analyses) {
        let ours = ours(&article.text, analysis, &config, &tuning);
        let lead3 = lead(&article.text, analysis, 3);
        ours_tally.add(&scorer, &article.reference, &ours);
        lead_tally.add(&scorer, &article.reference, &lead3);
        if let Some(out) = dump_file.as_mut() {
            let line = serde_json::json!({
                "id": article.id, "reference": article.reference, "ours": ours, "lead3": lead3,
            });
            writeln!(out, "{line}")?;
        }
    }
    let summary_time = started.elapsed();

    println!(
        "ROUGE F1 ×100 (mean ± s.e.) on {} articles in {dir}",
        articles.len()
    );
    println!("| system       | ROUGE-1        | ROUGE-2        | ROUGE-Lsum     |");
    println!("|--------------|----------------|----------------|----------------|");
    println!("{}", ours_tally.row("truthlens"));
    println!("{}", lead_tally.row("lead-3"));
    println!(
        "analysis {:.0} ms, summaries {:.0} ms ({} sentences by default; tuning {:?})",
        analysis_time.as_secs_f64() * 1000.0,
        summary_time.as_secs_f64() * 1000.0,
        config.summary.sentences,
        tuning
    );

    if grid {
        println!();
        println!("| lead_decay | centrality | redundancy | min_words | R-1   | R-2   | R-Lsum |");
        for lead_decay in [0.5, 1.0, 2.0] {
            for centrality_weight in [0.0, 0.3, 0.6] {
                for redundancy in [0.0, 0.5] {
                    for min_words in [4, 6, 8] {
                        let t = Tuning {
                            lead_decay,
                            centrality_weight,
                            redundancy,
                            min_words,
                            ..Tuning::default()
                        };
                        let mut tally = Tally::default();
                        for (article, analysis) in articles.iter().zip(&analyses) {
                            let s = ours(&article.text, analysis, &config, &t);
                            tally.add(&scorer, &article.reference, &s);
                        }
                        println!(
                            "| {lead_decay:10} | {centrality_weight:10} | {redundancy:10} | {min_words:9} | {:5.2} | {:5.2} | {:6.2} |",
                            tally.mean_se(0).0,
                            tally.mean_se(1).0,
                            tally.mean_se(2).0
                        );
                    }
                }
            }
        }
    }

    if bench {
        benchmark(&articles, &config)?;
    }
    Ok(())
}

/// Time analysis and summary separately on one ~2 MB draft, to check the summary
/// step does not grow with the square of the document.
fn benchmark(articles: &[Article], config: &Config) -> Result<()> {
    let mut text = String::new();
    while text.len() < 2_000_000 {
        for a in articles {
            text.push_str(&a.text);
            text.push_str("\n\n");
        }
    }
    let started = Instant::now();
    let analysis = truthlens::analyze(&text, Format::PlainText, config);
    let analysis_time = started.elapsed();
    let started = Instant::now();
    let picked = summary::select(&text, &analysis, config);
    let summary_time = started.elapsed();
    let started = Instant::now();
    let headline = summary::headline(&text, &analysis);
    let headline_time = started.elapsed();
    let started = Instant::now();
    let report = truthlens::report::build(&text, &analysis, config);
    let report_time = started.elapsed();
    let started = Instant::now();
    let edit = truthlens::insert::plan(
        &text,
        Format::PlainText,
        truthlens::insert::InsertKind::Summary,
        config,
    );
    let plan_time = started.elapsed();
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    println!();
    println!(
        "bench: {:.1} MB, {} sentences: analysis {:.0} ms, summary {:.1} ms ({} picked), \
         headline {:.1} ms ({}), report {:.1} ms ({} words), insert-summary plan end to end {:.0} ms ({})",
        text.len() as f64 / 1e6,
        analysis.sentences.len(),
        ms(analysis_time),
        ms(summary_time),
        picked.len(),
        ms(headline_time),
        if headline.is_some() { "made" } else { "none" },
        ms(report_time),
        report.loaded_language.words,
        ms(plan_time),
        if edit.is_some() { "edit" } else { "none" },
    );
    Ok(())
}
