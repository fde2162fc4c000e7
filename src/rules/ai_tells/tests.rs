//! Each pattern fires on invented sentences in the generated style and stays quiet
//! on plain news sentences, in the writer's voice only.

use crate::config::Config;
use crate::{analyze, Format};

fn enabled() -> Config {
    Config::parse(
        "[rules.ai-tells]\nenabled = true\n",
        std::path::Path::new("t.toml"),
    )
    .unwrap()
}

/// (category, matched text) of the rule's findings.
fn tells(text: &str) -> Vec<(String, String)> {
    let a = analyze(text, Format::Markdown, &enabled());
    a.findings
        .iter()
        .filter(|f| f.rule == super::ID)
        .map(|f| {
            let category = f.category.as_deref().unwrap_or("").to_string();
            (category, f.span.text(text).to_string())
        })
        .collect()
}

fn fires(text: &str, category: &str, matched: &str) {
    let found = tells(text);
    assert!(
        found.iter().any(|(c, m)| c == category && m == matched),
        "expected {category} on {matched:?} in {text:?}, got {found:?}"
    );
}

fn quiet(text: &str) {
    let found = tells(text);
    assert!(
        found.is_empty(),
        "expected nothing in {text:?}, got {found:?}"
    );
}

#[test]
fn off_by_default() {
    let text = "Let us delve into the rich tapestry of the town's history.";
    let a = analyze(text, Format::Markdown, &Config::default());
    assert!(a.findings.iter().all(|f| f.rule != super::ID));
    assert_eq!(tells(text).len(), 2);
}

#[test]
fn stock_phrases_fire_in_every_form() {
    fires(
        "The report delves into the figures.",
        "stock-phrase",
        "delves into",
    );
    fires(
        "Researchers delved into the archive.",
        "stock-phrase",
        "delved into",
    );
    fires(
        "The bridge stands as a testament to the engineers.",
        "stock-phrase",
        "stands as a testament",
    );
    fires(
        "In today's fast-paced world, parents struggle.",
        "stock-phrase",
        "In today's fast-paced world",
    );
    fires(
        "It is important to note that the budget grew.",
        "stock-phrase",
        "It is important to note that",
    );
    fires(
        "Firms must navigate the complexities of the new law.",
        "stock-phrase",
        "navigate the complexities",
    );
    fires(
        "The market reflects a rich tapestry of cultures.",
        "stock-phrase",
        "rich tapestry",
    );
    fires(
        "Volunteers play a pivotal role in the festival.",
        "stock-phrase",
        "play a pivotal role",
    );
    fires(
        "As an AI language model, I cannot vote.",
        "assistant-leftover",
        "As an AI language model",
    );
}

#[test]
fn phrases_match_across_line_breaks_and_curly_apostrophes() {
    fires(
        "In today\u{2019}s fast-paced\nworld, parents struggle.",
        "stock-phrase",
        "In today\u{2019}s fast-paced\nworld",
    );
}

#[test]
fn quoted_phrases_are_the_speakers() {
    quiet("\"The bridge is a testament to the engineers,\" the mayor said.");
    quiet("> We must delve into the data.\n");
}

#[test]
fn plain_news_sentences_stay_quiet() {
    quiet("The council voted 7-2 on Monday to close the library on Sundays.");
    quiet("Police said the driver, 34, was taken to hospital with minor injuries.");
    quiet("The testament was read aloud to the family on Tuesday.");
    quiet("Divers explored the wreck for two hours before the tide turned.");
    quiet("The role was pivotal, the coach said later.");
    quiet("Overall, turnout fell.");
}

#[test]
fn not_only_but_also_is_found_within_a_sentence_but_left_to_the_report() {
    let found = |text: &str| {
        let a = analyze(text, Format::Markdown, &Config::default());
        let mut tells = Vec::new();
        let table = crate::analysis::tokens::TokenTable::build(&a.prose, &a.sentences, &a.quotes);
        for i in 0..a.sentences.len() {
            super::sentence_tells(table.sentence(i), false, &mut tells);
        }
        tells
            .iter()
            .map(|t| t.span.text(text).to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        found("The plan is not only cheaper but also faster."),
        ["not only cheaper but also"]
    );
    assert!(found("The plan is not only cheaper. But also, it is faster.").is_empty());
    assert!(found("Not only did it rain.").is_empty());
    quiet("The plan is not only cheaper but also faster.");
}

#[test]
fn a_paragraph_closing_on_a_summing_up_opener_fires() {
    let text = "The town grew fast. In conclusion, growth brought problems.\n";
    fires(text, "summary-closer", "In conclusion");
    fires(
        "Prices rose. Ultimately, the town must choose.\n",
        "summary-closer",
        "Ultimately",
    );
    // Not at the end of its paragraph: an ordinary transition.
    quiet("In conclusion, the panel listed three steps. The first is a survey.\n");
    // Without the comma "ultimately" is an ordinary adverb.
    quiet("Prices rose. Ultimately the town voted to build.\n");
}
