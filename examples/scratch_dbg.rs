fn main() {
    let data = std::fs::read_to_string("/work/shared/corpora/summaries-dev/data.jsonl").unwrap();
    let v: serde_json::Value = serde_json::from_str(data.lines().next().unwrap()).unwrap();
    let text = v["article"].as_str().unwrap();
    let a = truthlens::analyze(
        text,
        truthlens::Format::PlainText,
        &truthlens::Config::default(),
    );
    println!("title {:?} len {}", a.prose.title, text.len());
    for b in a.prose.blocks.iter().take(3) {
        println!("block {:?} {:?} {}", b.kind, b.span, b.in_blockquote);
    }
    for s in a.sentences.iter().take(3) {
        println!("sent {} {:?}", s.block, s.span);
    }
    println!(
        "quotes {:?}",
        a.quotes
            .spans
            .iter()
            .take(5)
            .map(|q| (q.span, q.kind))
            .collect::<Vec<_>>()
    );
}
