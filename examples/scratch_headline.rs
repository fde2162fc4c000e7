fn main() {
    let data = std::fs::read_to_string("/work/shared/corpora/summaries-dev/data.jsonl").unwrap();
    for line in data.lines().take(40) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let text = v["article"].as_str().unwrap();
        let a = truthlens::analyze(
            text,
            truthlens::Format::PlainText,
            &truthlens::Config::default(),
        );
        let lead = a.sentences.first().map(|s| s.span.text(text)).unwrap_or("");
        println!(
            "LEAD: {}\n  => {:?}",
            &lead.chars().take(220).collect::<String>(),
            truthlens::summary::headline(text, &a)
        );
    }
}
