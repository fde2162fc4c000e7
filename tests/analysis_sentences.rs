//! Sentence boundaries: abbreviations, initials, numbers, quotes, line breaks, blocks.

use truthlens::analysis::prose;
use truthlens::analysis::sentences::{self, Sentence};
use truthlens::analysis::{Format, Span};

fn split(text: &str, format: Format) -> Vec<Sentence> {
    sentences::split(&prose::map(text, format))
}

/// The sentences of a Markdown draft, as original text.
fn md(text: &str) -> Vec<&str> {
    split(text, Format::Markdown)
        .iter()
        .map(|s| s.span.text(text))
        .collect()
}

fn plain(text: &str) -> Vec<&str> {
    split(text, Format::PlainText)
        .iter()
        .map(|s| s.span.text(text))
        .collect()
}

// --- Abbreviations ------------------------------------------------------------------

#[test]
fn titles_before_names_never_end_a_sentence() {
    for title in [
        "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Gen.", "Col.", "Lt.", "Sgt.", "Rep.", "Sen.", "Gov.",
    ] {
        let text = format!("We met {title} Smith today. He left.");
        assert_eq!(
            md(&text),
            [format!("We met {title} Smith today.").as_str(), "He left."],
            "{title}"
        );
    }
}

#[test]
fn saint_and_junior_run_on_into_names() {
    assert_eq!(
        md("They flew to St. Louis with Martin Luther King Jr. Day plans. Then rain."),
        [
            "They flew to St. Louis with Martin Luther King Jr. Day plans.",
            "Then rain."
        ]
    );
}

#[test]
fn country_initialisms_run_on_into_names_and_lowercase() {
    assert_eq!(
        md("The U.S. Navy and the U.K. government met U.N. officials and E.U. Commissioner Ray. Talks ended."),
        [
            "The U.S. Navy and the U.K. government met U.N. officials and E.U. Commissioner Ray.",
            "Talks ended."
        ]
    );
}

#[test]
fn initialism_followed_by_sentence_opener_ends_the_sentence() {
    assert_eq!(
        md("He moved to the U.S. The next day he left."),
        ["He moved to the U.S.", "The next day he left."]
    );
    assert_eq!(
        md("He moved to the U.S. Army base in May."),
        ["He moved to the U.S. Army base in May."]
    );
}

#[test]
fn month_abbreviations_run_on_but_may_ends_a_sentence() {
    for month in [
        "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.",
        "Dec.",
    ] {
        let text = format!("It began on {month} 5 in the city. Rain fell.");
        assert_eq!(md(&text).len(), 2, "{month}");
    }
    assert_eq!(
        md("It began in May. Rain fell."),
        ["It began in May.", "Rain fell."]
    );
}

#[test]
fn clock_abbreviations() {
    assert_eq!(
        md("It opened at 9 a.m. Eastern time and closed at 5 p.m. The crowd left."),
        [
            "It opened at 9 a.m. Eastern time and closed at 5 p.m.",
            "The crowd left."
        ]
    );
}

#[test]
fn example_and_comparison_abbreviations_run_on() {
    assert_eq!(
        md("Some fruit, e.g. Apples, and some nuts, i.e. Almonds, were sold. Smith vs. Jones began."),
        [
            "Some fruit, e.g. Apples, and some nuts, i.e. Almonds, were sold.",
            "Smith vs. Jones began."
        ]
    );
}

#[test]
fn etc_runs_on_unless_a_sentence_opener_follows() {
    assert_eq!(
        md("Pens, paper, etc. and more. Pens, paper etc. The shop closed."),
        [
            "Pens, paper, etc. and more.",
            "Pens, paper etc.",
            "The shop closed."
        ]
    );
}

#[test]
fn number_abbreviation_runs_on_into_a_digit_only() {
    assert_eq!(
        md("He was ranked No. 5 in the world. No. We refuse."),
        ["He was ranked No. 5 in the world.", "No.", "We refuse."]
    );
}

#[test]
fn company_suffixes() {
    assert_eq!(
        md("Apple Inc. CEO Tim Cook spoke to Acme Corp. staff. He works for Widgets Ltd. The firm grew."),
        [
            "Apple Inc. CEO Tim Cook spoke to Acme Corp. staff.",
            "He works for Widgets Ltd.",
            "The firm grew."
        ]
    );
}

#[test]
fn single_initials_run_on() {
    assert_eq!(
        md("J. K. Rowling wrote it. George R. R. Martin did too."),
        ["J. K. Rowling wrote it.", "George R. R. Martin did too."]
    );
}

#[test]
fn single_capital_letter_before_an_opener_ends_the_sentence() {
    assert_eq!(
        md("They chose Plan B. The others left."),
        ["They chose Plan B.", "The others left."]
    );
}

// --- Numbers and ellipses ----------------------------------------------------------------

#[test]
fn decimals_do_not_split() {
    assert_eq!(
        md("Growth was 3.5 percent, or $1.2 billion. It rose."),
        ["Growth was 3.5 percent, or $1.2 billion.", "It rose."]
    );
}

#[test]
fn sentence_may_end_with_a_number() {
    assert_eq!(
        md("The score was 3. 4 players left."),
        ["The score was 3.", "4 players left."]
    );
}

#[test]
fn ellipsis_before_lowercase_runs_on() {
    assert_eq!(
        md("He paused... and then left. She waited… and waited."),
        ["He paused... and then left.", "She waited… and waited."]
    );
}

#[test]
fn ellipsis_before_a_capital_ends_the_sentence() {
    assert_eq!(
        md("He paused... Then he left. Wait… What?"),
        ["He paused...", "Then he left.", "Wait…", "What?"]
    );
}

// --- Closing quotes and brackets -----------------------------------------------------------

#[test]
fn closing_quote_after_period_belongs_to_the_sentence() {
    assert_eq!(
        md("He said \"no.\" Then he left. She said “yes.” They agreed."),
        [
            "He said \"no.\"",
            "Then he left.",
            "She said “yes.”",
            "They agreed."
        ]
    );
}

#[test]
fn question_inside_quote_before_lowercase_runs_on() {
    assert_eq!(
        md("\"Why?\" he asked. “Really!” she said."),
        ["\"Why?\" he asked.", "“Really!” she said."]
    );
}

#[test]
fn closing_bracket_after_period_belongs_to_the_sentence() {
    assert_eq!(
        md("(It was late.) The end came. [Sic.] Done."),
        ["(It was late.)", "The end came.", "[Sic.]", "Done."]
    );
}

#[test]
fn sentence_opening_with_a_quote_after_an_abbreviation() {
    assert_eq!(
        md("He flew to the U.S. \"We are ready,\" he said."),
        ["He flew to the U.S.", "\"We are ready,\" he said."]
    );
}

#[test]
fn exclamation_and_question_marks_split() {
    assert_eq!(md("Stop! Why now? Go."), ["Stop!", "Why now?", "Go."]);
    assert_eq!(md("Really?! Yes."), ["Really?!", "Yes."]);
}

// --- Line breaks, blocks, Markdown --------------------------------------------------------

#[test]
fn soft_line_breaks_are_not_boundaries() {
    assert_eq!(
        md("This sentence wraps\nonto the next line. Next one.\n"),
        ["This sentence wraps\nonto the next line.", "Next one."]
    );
}

#[test]
fn soft_line_break_before_a_capitalised_name_is_not_a_boundary() {
    assert_eq!(
        plain("The statement came from\nJohn Smith of the agency.\n"),
        ["The statement came from\nJohn Smith of the agency."]
    );
}

#[test]
fn sentence_split_at_a_soft_break_still_works() {
    assert_eq!(
        plain("First sentence.\nSecond sentence.\n"),
        ["First sentence.", "Second sentence."]
    );
}

#[test]
fn headings_and_list_items_are_their_own_units() {
    assert_eq!(
        md("# Heading without a period\nText follows here.\n\n- item one\n- item two\n"),
        [
            "Heading without a period",
            "Text follows here.",
            "item one",
            "item two"
        ]
    );
}

#[test]
fn sentences_never_cross_blocks() {
    let text = "First para has no end\n\nSecond para. More.\n";
    let sentences = split(text, Format::Markdown);
    let blocks: Vec<usize> = sentences.iter().map(|s| s.block).collect();
    assert_eq!(blocks, [0, 1, 1]);
    assert_eq!(sentences[0].span.text(text), "First para has no end");
}

#[test]
fn markdown_syntax_is_outside_trimmed_sentences() {
    let text = "**Bold start.** Next [link](http://x.io). Then `code` here.";
    assert_eq!(
        md(text),
        [
            "Bold start.",
            "Next [link](http://x.io).",
            "Then `code` here."
        ]
    );
    let spans: Vec<Span> = split(text, Format::Markdown)
        .iter()
        .map(|s| s.span)
        .collect();
    assert_eq!(spans[0], Span::new(2, 13));
}

#[test]
fn punctuation_only_pieces_are_not_sentences() {
    assert_eq!(plain("Done. *** ---"), ["Done."]);
}

// --- Line-per-sentence drafts -------------------------------------------------------------

#[test]
fn ptc_like_article_splits_lines_without_terminators() {
    let text = "Storm hits coast\n\nThe storm hit on Monday.\nOfficials said the damage was wide.\nRoads closed.\nHere is what the law does:\nIt raises the age limit\nIt adds a waiting period\nThe vote was close.\nIt passed.\nLawmakers left.\n";
    assert_eq!(
        plain(text),
        [
            "Storm hits coast",
            "The storm hit on Monday.",
            "Officials said the damage was wide.",
            "Roads closed.",
            "Here is what the law does:",
            "It raises the age limit",
            "It adds a waiting period",
            "The vote was close.",
            "It passed.",
            "Lawmakers left."
        ]
    );
}

#[test]
fn line_mode_keeps_abbreviations_at_line_ends() {
    let text = "One.\nTwo.\nThree.\nFour.\nThe letter went to U.S.\nAttorneys in Florida.\nFive.\n";
    assert_eq!(
        plain(text),
        [
            "One.",
            "Two.",
            "Three.",
            "Four.",
            "The letter went to U.S.\nAttorneys in Florida.",
            "Five."
        ]
    );
}

#[test]
fn hard_wrapped_prose_is_not_split_at_line_ends() {
    let text = "The council met on Monday to discuss the\nBudget, which had been delayed by\nSeveral months of talks. Members\nAgreed to meet again next week and\nVote on the plan.\n";
    assert_eq!(
        plain(text),
        [
            "The council met on Monday to discuss the\nBudget, which had been delayed by\nSeveral months of talks.",
            "Members\nAgreed to meet again next week and\nVote on the plan."
        ]
    );
}

// --- Exact offsets ---------------------------------------------------------------------------

#[test]
fn crlf_sentence_offsets_are_exact() {
    let text = "First one.\r\nSecond\r\nline. Third.\r\n";
    let spans: Vec<Span> = split(text, Format::Markdown)
        .iter()
        .map(|s| s.span)
        .collect();
    assert_eq!(
        spans,
        [Span::new(0, 10), Span::new(12, 25), Span::new(26, 32)]
    );
    assert_eq!(spans[1].text(text), "Second\r\nline.");
}

#[test]
fn emoji_and_cjk_sentence_offsets_are_exact() {
    let text = "😀 Great news. 北京 is big.";
    let spans: Vec<Span> = split(text, Format::PlainText)
        .iter()
        .map(|s| s.span)
        .collect();
    assert_eq!(spans, [Span::new(0, 16), Span::new(17, 31)]);
    assert_eq!(spans[1].text(text), "北京 is big.");
}

#[test]
fn cjk_full_stops_split_without_spaces() {
    assert_eq!(
        plain("今天下雨。明天晴天！真的吗？"),
        ["今天下雨。", "明天晴天！", "真的吗？"]
    );
}

#[test]
fn no_sentences_in_empty_input() {
    assert!(md("").is_empty());
    assert!(plain("   \n\n").is_empty());
}

#[test]
fn many_sentences_in_one_megabyte_line_split_in_linear_time() {
    let text = "Mr. Smith said the U.S. plan was 3.5 times better... It was. ".repeat(16_000);
    let start = std::time::Instant::now();
    let sentences = split(&text, Format::PlainText);
    assert_eq!(sentences.len(), 32_000);
    let dots = ".".repeat(1_000_000);
    split(&dots, Format::PlainText);
    let no_spaces = "a.".repeat(500_000);
    split(&no_spaces, Format::PlainText);
    assert!(start.elapsed().as_secs() < 30, "took {:?}", start.elapsed());
}
