//! Show the attributions the engine finds in a piece of text, for debugging.
//!
//! Usage: cargo run --release --example eval -- explain "Text to analyse." [...]
//! (or `-` to read the text from standard input). Each line shows the source,
//! the cue, the source kind, the cue class and the cue form.

use anyhow::Result;
use std::io::Read as _;
use truthlens::{analyze, Config, Format};

pub fn run(args: &[String]) -> Result<()> {
    let mut texts: Vec<String> = Vec::new();
    for a in args {
        if a == "-" {
            let mut s = String::new();
            std::io::stdin().read_to_string(&mut s)?;
            texts.push(s);
        } else {
            texts.push(a.clone());
        }
    }
    let config = Config::default();
    for text in &texts {
        let analysis = analyze(text, Format::PlainText, &config);
        println!("{}", text.trim_end());
        for a in &analysis.attributions.list {
            let cue = a.cue.map_or("-", |c| c.text(text));
            println!(
                "  [{}] <{}> {} {} {}{}",
                a.source.text(text),
                cue,
                a.kind.as_str(),
                a.cue_class.as_str(),
                a.form.as_str(),
                if a.continues.is_some() {
                    " (continued)"
                } else {
                    ""
                }
            );
        }
        for u in &analysis.attributions.unsourced {
            println!("  unsourced <{}> {}", u.span.text(text), u.kind.as_str());
        }
    }
    Ok(())
}
