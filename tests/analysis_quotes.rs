//! Direct quotes: marks, nesting, apostrophes, multi-paragraph quotes, lookups.

use truthlens::analysis::prose;
use truthlens::analysis::quotes::{self, QuoteKind, QuoteSpan, Quotes};
use truthlens::analysis::{Format, Span};

fn find(text: &str, format: Format) -> Quotes {
    let quotes = quotes::find(&prose::map(text, format));
    let starts: Vec<usize> = quotes.spans.iter().map(|q| q.span.start).collect();
    assert!(starts.windows(2).all(|w| w[0] <= w[1]), "spans not sorted");
    quotes
}

/// (kind, quoted text with marks, open-ended) for each quote of a Markdown draft.
fn md(text: &str) -> Vec<(QuoteKind, &str, bool)> {
    find(text, Format::Markdown)
        .spans
        .iter()
        .map(|q| (q.kind, q.span.text(text), q.open_ended))
        .collect()
}

fn inners(text: &str) -> Vec<&str> {
    find(text, Format::Markdown)
        .spans
        .iter()
        .map(|q| q.inner.text(text))
        .collect()
}

fn span_of(text: &str, needle: &str) -> Span {
    let start = text.find(needle).expect("needle in text");
    Span::new(start, start + needle.len())
}

use QuoteKind::{Blockquote, Double, Single};

// --- Double quotes --------------------------------------------------------------------

#[test]
fn straight_double_quote_with_exact_spans() {
    let text = "He said \"we will win\" today.";
    let quotes = find(text, Format::Markdown);
    assert_eq!(
        quotes.spans,
        [QuoteSpan {
            span: Span::new(8, 21),
            inner: Span::new(9, 20),
            kind: Double,
            open_ended: false,
        }]
    );
}

#[test]
fn curly_double_quotes() {
    assert_eq!(
        md("“We will win,” she said."),
        [(Double, "“We will win,”", false)]
    );
    assert_eq!(inners("“We will win,” she said."), ["We will win,"]);
}

#[test]
fn straight_quotes_open_and_close_by_context() {
    assert_eq!(
        md("\"Yes,\" he said, \"we can.\" Then (\"maybe\") again."),
        [
            (Double, "\"Yes,\"", false),
            (Double, "\"we can.\"", false),
            (Double, "\"maybe\"", false)
        ]
    );
}

#[test]
fn two_apostrophes_are_one_double_mark() {
    let text = "The plans are ''deeply unwise,'' said Ana Ruiz. ''We will see.''";
    assert_eq!(
        md(text),
        [
            (Double, "''deeply unwise,''", false),
            (Double, "''We will see.''", false)
        ]
    );
    assert_eq!(inners(text), ["deeply unwise,", "We will see."]);
    // Nested in a curly quote, they do not cut it short.
    assert_eq!(
        md("“He called it ''a farce'' twice,” she said."),
        [(Double, "“He called it ''a farce'' twice,”", false)]
    );
    // One apostrophe is still an apostrophe.
    assert!(md("The players' union met on Monday.").is_empty());
    // TeX's marks: two backticks open, two apostrophes close.
    assert_eq!(
        md("The ``blue territories'' of the sea, he said."),
        [(Double, "``blue territories''", false)]
    );
}

#[test]
fn quote_may_span_a_soft_line_break() {
    assert_eq!(
        md("She said \"this goes\non and on\" and left."),
        [(Double, "\"this goes\non and on\"", false)]
    );
}

#[test]
fn quote_inside_inline_code_is_ignored() {
    assert_eq!(
        md("Type `\"` then \"hello\" works."),
        [(Double, "\"hello\"", false)]
    );
}

#[test]
fn quotes_in_masked_link_destinations_are_ignored() {
    assert_eq!(
        md("See [the \"report\"](http://x.io \"a title\") now."),
        [(Double, "\"report\"", false)]
    );
}

// --- Single quotes and apostrophes --------------------------------------------------------

#[test]
fn straight_single_quote_nested_in_double() {
    let text = "\"He told me 'never again' twice,\" she said.";
    assert_eq!(
        md(text),
        [
            (Double, "\"He told me 'never again' twice,\"", false),
            (Single, "'never again'", false)
        ]
    );
    assert_eq!(inners(text)[1], "never again");
}

#[test]
fn curly_single_quote_nested_in_double() {
    assert_eq!(
        md("“He said ‘no way’ loudly,” she said."),
        [
            (Double, "“He said ‘no way’ loudly,”", false),
            (Single, "‘no way’", false)
        ]
    );
}

#[test]
fn single_quote_closing_before_double_closing() {
    assert_eq!(
        md("“He said ‘no.’” Then he left."),
        [(Double, "“He said ‘no.’”", false), (Single, "‘no.’", false)]
    );
}

#[test]
fn apostrophes_inside_a_quote_open_nothing() {
    let text = "\"I don't think the 1990s, the '90s, Russia's plan, the students' union or rock 'n' roll matter,\" he said.";
    assert_eq!(md(text).len(), 1);
    assert_eq!(md(text)[0].0, Double);
}

#[test]
fn curly_apostrophes_inside_a_quote_open_nothing() {
    let text =
        "“I don’t think the ’90s, the ‘90s, Russia’s plan or rock ’n’ roll matter,” he said.";
    assert_eq!(
        md(text),
        [(Double, text.split(" he").next().unwrap(), false)]
    );
}

#[test]
fn scare_quotes_and_apostrophes_outside_double_quotes_are_not_quotes() {
    // A term in single marks is the writer distancing itself: still the writer's voice.
    assert_eq!(md("Don't worry about Russia's 'plan' or the '90s."), []);
}

#[test]
fn single_quotes_that_read_as_speech_are_quotes() {
    // British style: single marks around what was said.
    assert_eq!(
        md("'It was a dreadful night,' she said. 'We lost everything.'"),
        [
            (Single, "'It was a dreadful night,'", false),
            (Single, "'We lost everything.'", false)
        ]
    );
    assert_eq!(
        md("‘We will rebuild the town’s school,’ the mayor said."),
        [(Single, "‘We will rebuild the town’s school,’", false)]
    );
    // A quote left open at the end of its paragraph was an apostrophe.
    assert_eq!(md("The 'stray mark in a long sentence of words"), []);
    // Double quotes nested in single ones.
    assert_eq!(
        md("'He told me \"go away\" and left,' she said."),
        [
            (Single, "'He told me \"go away\" and left,'", false),
            (Double, "\"go away\"", false)
        ]
    );
}

#[test]
fn elision_is_not_an_opening_single_quote() {
    assert_eq!(
        md("\"Tell 'em we're coming 'cause it's time,\" he said."),
        [(Double, "\"Tell 'em we're coming 'cause it's time,\"", false)]
    );
}

// --- Stray and unmatched marks ---------------------------------------------------------------

#[test]
fn stray_closing_quote_does_not_flip_the_rest() {
    let text = "This” is stray. Then “real” here and \"also\" here.";
    assert_eq!(
        md(text),
        [(Double, "“real”", false), (Double, "\"also\"", false)]
    );
}

#[test]
fn inch_mark_is_not_a_quote() {
    assert_eq!(
        md("He is 6' 2\" tall. Later \"real quote\" here."),
        [(Double, "\"real quote\"", false)]
    );
    assert_eq!(
        md("A 12'' pipe burst, the \"worst\" leak."),
        [(Double, "\"worst\"", false)]
    );
}

#[test]
fn second_opening_mark_restarts_an_unclosed_quote() {
    assert_eq!(
        md("“Unclosed start. Then “a proper quote” ends."),
        [(Double, "“a proper quote”", false)]
    );
}

// --- Multi-paragraph quotes -----------------------------------------------------------------

#[test]
fn unclosed_quote_runs_to_the_end_of_its_paragraph() {
    let text = "“First paragraph of the quote.\n\n“Second paragraph ends it,” she said.\n";
    assert_eq!(
        md(text),
        [
            (Double, "“First paragraph of the quote.", true),
            (Double, "“Second paragraph ends it,”", false)
        ]
    );
    let quotes = find(text, Format::Markdown);
    assert_eq!(
        quotes.spans[0].inner.text(text),
        "First paragraph of the quote."
    );
}

#[test]
fn three_paragraph_quote_with_straight_marks() {
    let text = "He said: \"One.\n\n\"Two.\n\n\"Three.\" Then he left.\n";
    assert_eq!(
        md(text),
        [
            (Double, "\"One.", true),
            (Double, "\"Two.", true),
            (Double, "\"Three.\"", false)
        ]
    );
}

#[test]
fn open_ended_quote_does_not_leak_into_the_next_block() {
    let text = "\"Unclosed here.\n\nNext paragraph has no quote.\n";
    let quotes = find(text, Format::Markdown);
    assert_eq!(quotes.spans.len(), 1);
    assert!(quotes.spans[0].open_ended);
    assert!(!quotes.covers(span_of(text, "Next")));
}

#[test]
fn plain_text_multi_paragraph_quote() {
    let text = "Title\n\n\"We will not stop.\n\n\"We will go on,\" she said.\n";
    let quotes = find(text, Format::PlainText);
    let open: Vec<bool> = quotes.spans.iter().map(|q| q.open_ended).collect();
    assert_eq!(open, [true, false]);
}

// --- Blockquotes ----------------------------------------------------------------------------

#[test]
fn blockquote_block_is_a_blockquote_span_over_its_prose() {
    let text = "> The regime is brutal,\n> he wrote.\n\nOutside.\n";
    let quotes = find(text, Format::Markdown);
    assert_eq!(
        quotes.spans,
        [QuoteSpan {
            span: Span::new(2, 35),
            inner: Span::new(2, 35),
            kind: Blockquote,
            open_ended: false,
        }]
    );
    let brutal = span_of(text, "brutal");
    assert!(quotes.covers(brutal));
    assert!(quotes.inside_quote(brutal, true));
    assert!(!quotes.inside_quote(brutal, false));
    assert!(!quotes.covers(span_of(text, "Outside")));
}

#[test]
fn quote_inside_a_blockquote_is_found_too() {
    let text = "> She said \"no\" twice.\n";
    assert_eq!(
        md(text),
        [
            (Blockquote, "She said \"no\" twice.", false),
            (Double, "\"no\"", false)
        ]
    );
    let quotes = find(text, Format::Markdown);
    assert!(quotes.inside_quote(span_of(text, "no"), false));
    assert!(!quotes.inside_quote(span_of(text, "twice"), false));
}

// --- Lookups ----------------------------------------------------------------------------------

#[test]
fn covers_checks_the_whole_span() {
    let text = "He called it \"a sheer joke\" and left.";
    let quotes = find(text, Format::Markdown);
    assert!(quotes.covers(span_of(text, "sheer joke")));
    assert!(!quotes.covers(span_of(text, "it \"a")));
    assert!(!quotes.covers(span_of(text, "left")));
}

#[test]
fn quote_at_returns_the_innermost_quote() {
    let text = "> “He said ‘brutal’ twice,” she wrote.\n";
    let quotes = find(text, Format::Markdown);
    let at = |needle: &str| quotes.quote_at(span_of(text, needle).start).map(|q| q.kind);
    assert_eq!(at("brutal"), Some(Single));
    assert_eq!(at("twice"), Some(Double));
    assert_eq!(at("wrote"), Some(Blockquote));
    let plain = "No quotes here.";
    assert!(find(plain, Format::Markdown).quote_at(3).is_none());
}

#[test]
fn lookups_find_the_right_quote_among_many() {
    let mut text = String::new();
    for i in 0..2_000 {
        text.push_str(&format!("Para {i} said \"quote {i}\" plainly.\n\n"));
    }
    text.push_str("> Last \"inner\" words.\n");
    let quotes = find(&text, Format::Markdown);
    assert_eq!(quotes.spans.len(), 2_002);
    assert!(quotes.covers(span_of(&text, "quote 1234")));
    assert!(!quotes.covers(span_of(&text, "Para 1234")));
    assert!(!quotes.covers(span_of(&text, "plainly")));
    assert!(quotes.inside_quote(span_of(&text, "inner"), false));
    assert!(!quotes.inside_quote(span_of(&text, "Last"), false));
    assert!(quotes.inside_quote(span_of(&text, "Last"), true));
}

#[test]
fn hand_built_quotes_answer_lookups_even_after_changes() {
    let mut quotes = Quotes::new(vec![QuoteSpan {
        span: Span::new(0, 10),
        inner: Span::new(1, 9),
        kind: Double,
        open_ended: false,
    }]);
    assert!(quotes.covers(Span::new(2, 4)));
    assert!(!quotes.covers(Span::new(12, 14)));
    quotes.spans.push(QuoteSpan {
        span: Span::new(11, 20),
        inner: Span::new(12, 19),
        kind: Double,
        open_ended: false,
    });
    assert!(quotes.covers(Span::new(12, 14)));
    assert!(Quotes::default().quote_at(0).is_none());
}

// --- Exact offsets ----------------------------------------------------------------------------

#[test]
fn crlf_emoji_and_cjk_quote_offsets_are_exact() {
    // 😀 is 4 bytes, “ and ” 3 bytes each, 北 and 京 3 bytes each.
    let text = "😀 “北京\r\nrocks” said\r\n";
    let quotes = find(text, Format::Markdown);
    assert_eq!(quotes.spans.len(), 1);
    assert_eq!(quotes.spans[0].span, Span::new(5, 24));
    assert_eq!(quotes.spans[0].inner, Span::new(8, 21));
    assert_eq!(quotes.spans[0].inner.text(text), "北京\r\nrocks");
}

#[test]
fn no_quotes_in_empty_input() {
    assert!(find("", Format::Markdown).spans.is_empty());
    assert!(find("", Format::PlainText).spans.is_empty());
}

#[test]
fn megabyte_of_quote_marks_is_linear() {
    let start = std::time::Instant::now();
    for unit in ["\"a ", "“", "” ", "'", "\" 'x", "\"'n' "] {
        let text = unit.repeat(1_000_000 / unit.len());
        find(&text, Format::PlainText);
    }
    assert!(start.elapsed().as_secs() < 30, "took {:?}", start.elapsed());
}

#[test]
fn quote_right_after_a_colon_opens() {
    assert_eq!(
        md("He said:\"no way\" and left."),
        [(Double, "\"no way\"", false)]
    );
}

#[test]
fn straight_quotes_nested_in_curly_keep_the_curly_quote() {
    assert_eq!(
        md("“He called it \"fake\" twice,” she said."),
        [(Double, "“He called it \"fake\" twice,”", false)]
    );
}

#[test]
fn curly_quote_closed_by_a_straight_mark_still_closes() {
    assert_eq!(
        md("“Sloppy close\" she said, then “fine” again."),
        [
            (Double, "“Sloppy close\"", false),
            (Double, "“fine”", false)
        ]
    );
}
