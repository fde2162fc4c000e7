//! ai-tells on human-written news: how often each pattern fires, per article.
//!
//! Usage: cargo run --release --example eval -- tells <corpora-dir> [--show N]
//!
//! Reads the PTC train articles, the PolNeAR train and dev articles and the
//! summaries-dev article texts (all human-written), runs the report's
//! "signs of machine-written text" and the `ai-tells` rule (turned on) on each,
//! and prints, per corpus, the share of articles on which each pattern and each
//! sign fires, and the distributions the thresholds are set against.
//! `--show N` prints up to N matches with their sentence, for the developer's
//! eyes only: never copy corpus text into the repository.

use anyhow::{Context, Result};
use std::collections::BTreeMap;
use std::path::Path;
use truthlens::report::ai_tells::Sign;
use truthlens::{analyze, Config, Format};

struct Corpus {
    name: &'static str,
    texts: Vec<String>,
}

fn read_dir_texts(dir: &Path) -> Result<Vec<String>> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    Ok(paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect())
}

fn read_jsonl_articles(path: &Path) -> Result<Vec<String>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok(text
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["article"].as_str().map(str::to_string))
        .collect())
}

fn corpora(root: &Path) -> Result<Vec<Corpus>> {
    Ok(vec![
        Corpus {
            name: "PTC train",
            texts: read_dir_texts(&root.join("ptc-semeval2020-task11/train-articles"))?,
        },
        Corpus {
            name: "PolNeAR train",
            texts: read_dir_texts(&root.join("polnear/data/train/text"))?,
        },
        Corpus {
            name: "PolNeAR dev",
            texts: read_dir_texts(&root.join("polnear/data/dev/text"))?,
        },
        Corpus {
            name: "CNN/DM summaries-dev",
            texts: read_jsonl_articles(&root.join("summaries-dev/data.jsonl"))?,
        },
    ])
}

pub fn run(args: &[String]) -> Result<()> {
    let root = args
        .first()
        .context("usage: eval tells <corpora-dir> [--show N]")?;
    let show: usize = match args.get(1).map(String::as_str) {
        Some("--show") => args.get(2).context("--show needs a number")?.parse()?,
        _ => 0,
    };
    let root = Path::new(root);
    if !root.is_dir() {
        println!("skipped: {} is missing", root.display());
        return Ok(());
    }
    let config = Config::parse("[rules.ai-tells]\nenabled = true\n", Path::new("eval.toml"))?;
    let mut shown = 0;
    for corpus in corpora(root)? {
        let n = corpus.texts.len();
        let mut rule_articles = 0;
        let mut by_category: BTreeMap<String, usize> = BTreeMap::new();
        let mut by_phrase: BTreeMap<String, usize> = BTreeMap::new();
        let mut by_sign: BTreeMap<String, usize> = BTreeMap::new();
        let mut any_sign = 0;
        let (mut dashes, mut variations, mut triads, mut tell_density) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for text in &corpus.texts {
            let analysis = analyze(text, Format::PlainText, &config);
            let report = truthlens::report::build(text, &analysis, &config);
            let tells: Vec<_> = analysis
                .findings
                .iter()
                .filter(|f| f.rule == "ai-tells")
                .collect();
            if !tells.is_empty() {
                rule_articles += 1;
            }
            let mut cats: Vec<String> = tells
                .iter()
                .filter_map(|f| f.category.as_deref().map(str::to_string))
                .collect();
            cats.sort();
            cats.dedup();
            for c in cats {
                *by_category.entry(c).or_default() += 1;
            }
            let mut phrases: Vec<String> = tells
                .iter()
                .map(|f| {
                    f.span
                        .text(text)
                        .to_lowercase()
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect();
            phrases.sort();
            phrases.dedup();
            for p in phrases {
                let key = if p.starts_with("not only") {
                    "not only … but also".to_string()
                } else {
                    p
                };
                *by_phrase.entry(key).or_default() += 1;
            }
            for f in &tells {
                if shown < show {
                    shown += 1;
                    let s = analysis.sentences.iter().find(|s| s.span.contains(f.span));
                    println!(
                        "  [{}] {}",
                        f.category.as_deref().unwrap_or(""),
                        s.map_or("", |s| s.span.text(text))
                    );
                }
            }
            let s = &report.ai_tells;
            if !s.signs.is_empty() {
                any_sign += 1;
            }
            for sign in &s.signs {
                *by_sign.entry(format!("{sign:?}")).or_default() += 1;
            }
            dashes.push(s.em_dashes_per_thousand_words);
            if let Some(u) = s.most_uniform {
                variations.push(u.variation);
            }
            triads.push(s.three_item_share);
            tell_density.push(s.tells_per_thousand_words);
        }
        let pct = |k: usize| 100.0 * k as f64 / n.max(1) as f64;
        println!("\n## {} ({n} articles)", corpus.name);
        println!(
            "ai-tells rule fires on {rule_articles} articles ({:.1}%)",
            pct(rule_articles)
        );
        for (c, k) in &by_category {
            println!("  category {c}: {k} articles ({:.1}%)", pct(*k));
        }
        for (p, k) in &by_phrase {
            println!("  match {p:?}: {k} articles");
        }
        println!(
            "report notices at least one sign on {any_sign} articles ({:.1}%)",
            pct(any_sign)
        );
        for sign in [
            Sign::Phrases,
            Sign::EmDashes,
            Sign::UniformSentences,
            Sign::ThreeItemLists,
        ] {
            let k = by_sign.get(&format!("{sign:?}")).copied().unwrap_or(0);
            println!("  sign {sign:?}: {k} articles ({:.1}%)", pct(k));
        }
        println!("em dashes per 1,000 words: {}", quantiles(&mut dashes));
        println!(
            "least variation over a run of 12 sentences ({} articles with one): {}",
            variations.len(),
            quantiles(&mut variations)
        );
        println!(
            "share of sentences with a three-item list: {}",
            quantiles(&mut triads)
        );
        println!("tells per 1,000 words: {}", quantiles(&mut tell_density));
    }
    Ok(())
}

/// Min, 5th, 50th, 95th, 99th percentile and max.
fn quantiles(values: &mut [f64]) -> String {
    if values.is_empty() {
        return "none".to_string();
    }
    values.sort_by(f64::total_cmp);
    let at = |q: f64| values[((values.len() - 1) as f64 * q).round() as usize];
    format!(
        "min {:.2}, p5 {:.2}, median {:.2}, p95 {:.2}, p99 {:.2}, max {:.2}",
        at(0.0),
        at(0.05),
        at(0.5),
        at(0.95),
        at(0.99),
        at(1.0)
    )
}
