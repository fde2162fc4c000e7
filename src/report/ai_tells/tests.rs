use super::*;
use crate::{analyze, Config, Format};

fn section(text: &str) -> AiTells {
    let config = Config::default();
    let analysis = analyze(text, Format::Markdown, &config);
    crate::report::build(text, &analysis, &config).ai_tells
}

/// Passages written for these tests in the style of generated prose.
const GENERATED: &[&str] = &[
    "In today's fast-paced world, the small town of Elmbrook stands as a testament to \
     resilience. Its residents have navigated the complexities of change with grace. \
     It is important to note that the town's rich tapestry of traditions plays a pivotal \
     role in daily life.\n\nThe local library is not only a place to read but also a hub \
     for community, creativity, and connection. Volunteers delve into local history, \
     organise workshops, and welcome newcomers. Ultimately, the library shows what a \
     community can achieve.\n",
    "Let's delve into the world of urban gardening. Urban gardens foster a sense of \
     belonging, sustainability, and wellbeing. They are not only beautiful but also \
     practical. In the realm of city planning, green spaces play a pivotal role. \
     In conclusion, urban gardening is a beacon of hope for cities everywhere.\n",
];

/// Plain news written for these tests.
const NEWS: &str = "The council voted 7-2 on Monday to close the Elmbrook library on \
    Sundays from March, saving about 40,000 pounds a year.\n\nThe library's manager, \
    Ruth Okafor, said staff would move to weekday evening shifts. \"We will keep the \
    doors open when most people can come,\" she said.\n\nTwo councillors voted against. \
    One said the decision would hurt families who work during the week. A petition \
    against the closure has 1,200 signatures.\n";

#[test]
fn generated_style_passages_show_the_phrase_sign() {
    for text in GENERATED {
        let s = section(text);
        assert!(s.signs.contains(&Sign::Phrases), "{text:?}: {s:?}");
        assert!(s.tells.len() >= 4, "{:?}", s.tells);
        assert!(s.tells_per_thousand_words > 20.0);
    }
}

#[test]
fn plain_news_shows_no_sign() {
    let s = section(NEWS);
    assert!(s.tells.is_empty(), "{:?}", s.tells);
    assert!(s.signs.is_empty(), "{:?}", s.signs);
    assert!(s.words > 40, "{}", s.words);
}

#[test]
fn the_section_is_computed_with_the_rule_off() {
    let config = Config::default();
    assert!(!config.rule_enabled(crate::rules::ai_tells::ID));
    assert!(!section(GENERATED[0]).tells.is_empty());
}

#[test]
fn em_dashes_far_above_news_rates_are_a_sign() {
    let sentence = "The plan \u{2014} bold and new \u{2014} went ahead. ";
    let s = section(&sentence.repeat(6));
    assert_eq!(s.em_dashes.len(), 12);
    assert!(s.signs.contains(&Sign::EmDashes));
    let s = section(
        "The plan \u{2014} bold and new \u{2014} went ahead after a long debate in the hall.",
    );
    assert!(
        !s.signs.contains(&Sign::EmDashes),
        "two dashes are not a habit"
    );
}

#[test]
fn quoted_em_dashes_are_the_speakers() {
    let text = "\"We \u{2014} all of us \u{2014} agreed,\" she said. ".repeat(6);
    assert!(section(&text).em_dashes.is_empty());
}

#[test]
fn a_long_run_of_equal_sentences_is_uniform() {
    let uniform = "The new road opens to traffic next week in the town. ".repeat(14);
    let s = section(&uniform);
    let stretch = s.most_uniform.expect("a run of 12");
    assert!(stretch.variation < 0.01);
    assert!(s.signs.contains(&Sign::UniformSentences));

    let mut varied = String::new();
    for i in 0..14 {
        let extra = "and then some more words ".repeat(i % 4);
        varied.push_str(&format!("The new road opens {extra}next week. "));
    }
    let s = section(&varied);
    assert!(s.most_uniform.unwrap().variation > 0.2);
    assert!(!s.signs.contains(&Sign::UniformSentences));
}

#[test]
fn three_item_lists_are_found() {
    let s = section("They sell apples, pears and plums.");
    assert_eq!(s.three_item_lists.len(), 1);
    let s = section("They sell apples, pears, and plums.");
    assert_eq!(s.three_item_lists.len(), 1);
    let s = section("They sell apples, pears, plums and figs.");
    assert!(s.three_item_lists.is_empty(), "four items are not a triad");
    let s = section("They sell apples and pears.");
    assert!(s.three_item_lists.is_empty());
}

#[test]
fn three_item_lists_in_most_sentences_are_a_sign() {
    let text = "We value trust, care and courage. We build homes, schools and parks. \
        Our teams plan, design and deliver. We listen, learn and grow. \
        Members get news, events and offers. The town is safe, green and open.";
    assert!(section(text).signs.contains(&Sign::ThreeItemLists));
}

#[test]
fn layout_does_not_change_the_section() {
    let wrapped = GENERATED[1].replace(". ", ".\n");
    let (a, b) = (section(GENERATED[1]), section(&wrapped));
    assert_eq!(a.tells.len(), b.tells.len());
    assert_eq!(a.signs, b.signs);
}
