//! CoNLL-2010 (Wikipedia weasel/hedge sentences) evaluation of unattributed-claim.
//!
//! Usage: cargo run --release --example eval -- conll <corpus-dir> [--errors FILE]
//!
//! Every sentence of `train.csv` is reviewed on its own. A sentence counts as
//! flagged when unattributed-claim reports anything in it; precision is the share
//! of flagged sentences labelled uncertain (1). Recall is expected to be low:
//! hedges such as "may" are uncertain but are not what this rule is for. The
//! `unsourced-statistic` category is a hint about numbers, not about weasel words,
//! so the headline figure leaves it out; it is reported on its own line.

use anyhow::{Context, Result};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use truthlens::{analyze, Config, Format};

pub fn run(args: &[String]) -> Result<()> {
    let mut dir: Option<PathBuf> = None;
    let mut errors: Option<PathBuf> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--errors" => errors = it.next().map(PathBuf::from),
            s => dir = Some(PathBuf::from(s)),
        }
    }
    let dir = dir.unwrap_or_else(|| PathBuf::from("../shared/corpora/conll2010-wikipedia-derived"));
    let csv = dir.join("train.csv");
    if !csv.is_file() {
        println!(
            "conll: {} not found; skipping (the corpus is not part of the repository)",
            csv.display()
        );
        return Ok(());
    }
    let data =
        std::fs::read_to_string(&csv).with_context(|| format!("cannot read {}", csv.display()))?;
    let rows = parse_csv(&data);
    let config = Config::default();
    let (mut flagged, mut flagged_true) = (0usize, 0usize);
    let (mut positives, mut with_stats, mut with_stats_true) = (0usize, 0usize, 0usize);
    let mut by_category: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut log = String::new();
    let started = std::time::Instant::now();
    for (text, label) in &rows {
        let uncertain = label.trim() == "1";
        positives += usize::from(uncertain);
        // A title line first: in plain text the first line is the title, and the
        // unsourced-statistic hint does not look at titles.
        let sentence = format!("Sentence\n\n{}", detokenize(text));
        let analysis = analyze(&sentence, Format::PlainText, &config);
        let cats: Vec<String> = analysis
            .findings
            .iter()
            .filter(|f| f.rule == "unattributed-claim")
            .map(|f| f.category.as_deref().unwrap_or_default().to_string())
            .collect();
        if errors.is_some() {
            for f in analysis
                .findings
                .iter()
                .filter(|f| f.rule == "unattributed-claim")
            {
                let _ = writeln!(
                    log,
                    "TRIGGER {} {} {}",
                    u8::from(uncertain),
                    f.category.as_deref().unwrap_or(""),
                    f.span.text(&sentence).to_lowercase()
                );
            }
        }
        let weasel = cats.iter().any(|c| c != "unsourced-statistic");
        if weasel {
            flagged += 1;
            flagged_true += usize::from(uncertain);
            if errors.is_some() && !uncertain {
                let _ = writeln!(log, "FP [{}] {}", cats.join(","), sentence[10..].trim());
            }
        }
        if !cats.is_empty() {
            with_stats += 1;
            with_stats_true += usize::from(uncertain);
        }
        let mut seen = Vec::new();
        for c in cats {
            if seen.contains(&c) {
                continue;
            }
            let e = by_category.entry(c.clone()).or_default();
            e.0 += 1;
            e.1 += usize::from(uncertain);
            seen.push(c);
        }
    }
    let pct = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    println!(
        "conll train: {} sentences ({} uncertain), {:.2}s",
        rows.len(),
        positives,
        started.elapsed().as_secs_f64()
    );
    println!(
        "  unattributed-claim (without unsourced-statistic): flagged {flagged}, precision {:.3} ({flagged_true}/{flagged}), recall {:.3}",
        pct(flagged_true, flagged),
        pct(flagged_true, positives)
    );
    println!(
        "  unattributed-claim (all categories):              flagged {with_stats}, precision {:.3} ({with_stats_true}/{with_stats})",
        pct(with_stats_true, with_stats)
    );
    for (c, (n, t)) in &by_category {
        println!("    {c:<22} {n:>5} flagged, precision {:.3}", pct(*t, *n));
    }
    if let Some(path) = errors {
        std::fs::write(&path, log).with_context(|| format!("cannot write {}", path.display()))?;
        println!("false alarms written to {}", path.display());
    }
    Ok(())
}

/// `text,label` rows; fields may be quoted, with doubled quotes and line breaks inside.
fn parse_csv(data: &str) -> Vec<(String, String)> {
    let mut rows = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = data.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', true) => quoted = false,
            ('"', false) if field.is_empty() => quoted = true,
            (',', false) => fields.push(std::mem::take(&mut field)),
            ('\n', false) => {
                fields.push(std::mem::take(&mut field));
                if fields.len() >= 2 {
                    let label = fields.pop().unwrap_or_default();
                    let text = fields.join(",");
                    rows.push((text, label));
                }
                fields.clear();
            }
            ('\r', false) => {}
            _ => field.push(c),
        }
    }
    if !field.is_empty() || !fields.is_empty() {
        fields.push(field);
        if fields.len() >= 2 {
            let label = fields.pop().unwrap_or_default();
            rows.push((fields.join(","), label));
        }
    }
    // The first row is the header.
    if rows
        .first()
        .is_some_and(|(t, l)| t == "text" && l == "label")
    {
        rows.remove(0);
    }
    rows
}

/// Undo Penn Treebank tokenisation so the sentence reads like prose.
fn detokenize(text: &str) -> String {
    let mut s = format!(" {} ", text.trim());
    for (from, to) in [
        (" -LRB- ", " ("),
        (" -RRB- ", ") "),
        (" -LSB- ", " ["),
        (" -RSB- ", "] "),
        (" -LCB- ", " {"),
        (" -RCB- ", "} "),
        (" `` ", " \""),
        (" '' ", "\" "),
        (" ` ", " '"),
        (" n't ", "n't "),
        (" 's ", "'s "),
        (" 're ", "'re "),
        (" 've ", "'ve "),
        (" 'll ", "'ll "),
        (" 'd ", "'d "),
        (" 'm ", "'m "),
        (" ,", ","),
        (" .", "."),
        (" ;", ";"),
        (" :", ":"),
        (" ?", "?"),
        (" !", "!"),
        (" %", "%"),
        ("$ ", "$"),
        ("( ", "("),
        (" )", ")"),
    ] {
        while s.contains(from) {
            s = s.replace(from, to);
        }
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
