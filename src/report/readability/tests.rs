use super::sample::SAMPLE;
use super::*;
use crate::{analyze, Config, Format};

#[test]
fn the_syllable_counter_matches_the_dictionary_sample() {
    let wrong: Vec<String> = SAMPLE
        .iter()
        .filter(|(w, n)| syllables(w) != *n)
        .map(|(w, n)| format!("{w}: {} (dictionary {n})", syllables(w)))
        .collect();
    let exact = 1.0 - wrong.len() as f64 / SAMPLE.len() as f64;
    eprintln!(
        "syllables: {:.1}% exact on {} words; wrong: {wrong:?}",
        exact * 100.0,
        SAMPLE.len()
    );
    assert!(
        SAMPLE.len() >= 200,
        "the sample holds {} words",
        SAMPLE.len()
    );
    assert!(
        exact >= 0.95,
        "{:.1}% exact; wrong: {wrong:#?}",
        exact * 100.0
    );
}

#[test]
fn syllables_of_words_without_letters_and_of_hyphenated_words() {
    assert_eq!(syllables("2024"), 1);
    assert_eq!(syllables("well-known"), 2);
    assert_eq!(syllables("Mayor's"), 2);
    assert_eq!(syllables("ISN\u{2019}T"), 2);
}

fn readability(text: &str) -> Readability {
    let config = Config::default();
    let analysis = analyze(text, Format::Markdown, &config);
    let report = crate::report::build(text, &analysis, &config);
    report.readability
}

#[test]
fn short_plain_sentences_suit_a_wide_audience() {
    let r = readability("The cat sat on the mat. The dog ran to the park. We had fun.\n");
    assert_eq!(r.writer.sentences, 3);
    assert_eq!(r.writer.words, 15);
    assert!(r.grade < 2.0, "{}", r.grade);
    assert!(r.reading_ease > 100.0, "{}", r.reading_ease);
    assert_eq!(r.audience, Audience::WideAudience);
    assert!(r.long_sentences.is_empty());
}

#[test]
fn the_flesch_kincaid_formula_over_the_writers_tally() {
    let t = Tally {
        words: 100,
        sentences: 5,
        syllables: 150,
    };
    assert!((t.grade() - (0.39 * 20.0 + 11.8 * 1.5 - 15.59)).abs() < 1e-9);
    assert!((t.reading_ease() - (206.835 - 1.015 * 20.0 - 84.6 * 1.5)).abs() < 1e-9);
}

#[test]
fn quoted_words_are_counted_apart_from_the_writers() {
    let text = "\"Our extraordinarily complicated regulatory considerations necessitate reconsideration,\" the mayor said.\n";
    let r = readability(text);
    assert_eq!(r.writer.words, 3);
    assert_eq!(r.quoted.words, 7);
    assert!(r.grade < r.quoted_grade.unwrap());
}

#[test]
fn a_long_sentence_is_marked_and_raises_the_grade_most() {
    let long = "The council, which met on Tuesday evening after a delay caused by a \
        broken heating system in the old town hall, voted by a narrow margin to \
        approve the revised budget for the coming year, including new funding for \
        road repairs, libraries and youth clubs across the district.";
    let text = format!("The vote was close. {long} Most members left early. It rained.\n");
    let r = readability(&text);
    assert_eq!(r.long_sentences.len(), 1);
    assert_eq!(r.long_sentences[0].text(&text), long);
    assert!((r.long_share - 0.25).abs() < 1e-9);
    assert_eq!(r.hardest[0].span.text(&text), long);
    assert!(r.hardest[0].grade_points > 1.0);
}

#[test]
fn passive_sentences_are_counted_once_each() {
    let text = "The bridge was closed by the police. Officers found a crack. \
        The report was written and was sent to the council. Drivers took the ferry.\n";
    let r = readability(text);
    assert_eq!(r.writer.sentences, 4);
    assert_eq!(r.passives.len(), 2, "{:?}", r.passives);
    assert!((r.passive_share - 0.5).abs() < 1e-9);
}

#[test]
fn layout_does_not_change_the_figures() {
    let one = "The council met on Tuesday. It approved the budget after a long debate.\n";
    let wrapped = "The council met\non Tuesday. It approved the budget\nafter a long debate.\n";
    let (a, b) = (readability(one), readability(wrapped));
    assert_eq!(a.writer, b.writer);
    assert_eq!(a.grade, b.grade);
}

#[test]
fn audiences_by_grade() {
    assert_eq!(Audience::of(4.0), Audience::WideAudience);
    assert_eq!(Audience::of(8.0), Audience::GeneralNewsReaders);
    assert_eq!(Audience::of(10.5), Audience::AttentiveGeneralReaders);
    assert_eq!(Audience::of(13.0), Audience::CollegeEducatedReaders);
    assert_eq!(Audience::of(17.0), Audience::SpecialistReaders);
    assert_eq!(
        Audience::GeneralNewsReaders.describe(),
        "general news readers"
    );
    assert_eq!(Audience::SpecialistReaders.describe(), "specialist readers");
}
