//! Tags every sentence of a CoNLL-U file once (gold tokenisation), for counting
//! the tagger's instructions per token under callgrind:
//!
//! valgrind --tool=callgrind --toggle-collect='*Tagger::tag*' \
//!     target/release/examples/tag_speed FILE.conllu [--model FILE.bin]
//!
//! The model is decoded before the first sentence, outside what is collected.
//! Prints the number of tokens tagged; divide the collected instructions by it.

use truthlens::nlp::{conllu, tagger};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: tag_speed FILE.conllu [--model FILE.bin]");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
        eprintln!("tag_speed: cannot read {path}: {e}");
        std::process::exit(2);
    });
    let sentences = conllu::parse(&text).unwrap_or_else(|e| {
        eprintln!("tag_speed: {path}: {e}");
        std::process::exit(2);
    });
    let loaded;
    let model = match args.get(1..3) {
        Some([flag, file]) if flag == "--model" => {
            let bytes = std::fs::read(file).unwrap_or_else(|e| {
                eprintln!("tag_speed: cannot read {file}: {e}");
                std::process::exit(2);
            });
            loaded = tagger::Tagger::from_bytes(&bytes).unwrap_or_else(|e| {
                eprintln!("tag_speed: {file}: {e}");
                std::process::exit(2);
            });
            &loaded
        }
        _ => tagger::tagger(),
    };
    let (mut words, mut out, mut tokens) = (Vec::new(), Vec::new(), 0usize);
    for s in &sentences {
        words.clear();
        words.extend(s.words.iter().map(|w| w.form.as_str()));
        model.tag(&words, &mut out);
        tokens += out.len();
    }
    println!("{tokens} tokens");
}
