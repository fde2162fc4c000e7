//! The linguistic layer on arbitrary words: the tagger, the entity typer and the
//! parser never panic, give one answer per word, and every head lies inside the
//! sentence. The text is cut at whitespace (invalid UTF-8 becomes U+FFFD).
#![no_main]

use libfuzzer_sys::fuzz_target;
use truthlens::nlp::{entities, lemma, parser, tagger};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let words: Vec<&str> = text.split_whitespace().take(400).collect();
    let model = tagger::tagger();
    let mut tags = Vec::new();
    model.tag(&words, &mut tags);
    assert_eq!(tags.len(), words.len());
    let upos: Vec<_> = tags.iter().map(|t| t.upos).collect();
    let xpos: Vec<&str> = tags.iter().map(|t| model.xpos_name(t.xpos)).collect();
    for ((w, u), x) in words.iter().zip(&upos).zip(&xpos) {
        let _ = lemma::lemma(w, *u, x);
    }
    let mut found = Vec::new();
    entities::find(&words, &upos, &mut found);
    assert!(found.iter().all(|e| e.start < e.end && e.end <= words.len()));
    let parse = parser::parser().parse(&words, &upos, &xpos).expect("parallel columns");
    assert_eq!(parse.arcs.len(), words.len());
    assert!(parse.arcs.iter().all(|a| a.head as usize <= words.len()));
});
