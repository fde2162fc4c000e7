//! Headlines from invented leads of every shape: each must be a clause, short,
//! neutral, and made of the draft's words.

use super::*;
use crate::analysis::{prose, quotes, sentences, Format, Span};
use crate::config::Config;
use crate::rules::{Finding, Severity};

fn analysed(text: &str) -> Analysis {
    crate::analyze(text, Format::Markdown, &Config::default())
}

fn suggestions(text: &str) -> Vec<String> {
    candidates(text, &analysed(text))
}

fn first(text: &str) -> String {
    let all = suggestions(text);
    let h = all.first().cloned().unwrap_or_default();
    assert!(
        !h.is_empty(),
        "no headline; the parse was:\n{}",
        parse_dump(text)
    );
    assert_is_headline(&h, text);
    h
}

/// The first sentence's tokens with their tags and relations, for a failure message.
fn parse_dump(text: &str) -> String {
    let prose = prose::map(text, Format::PlainText);
    let sentences = sentences::split(&prose);
    let table = TokenTable::build(&prose, &sentences, &quotes::find(&prose));
    let tokens = table.sentence(0);
    let syntax = Syntax::parse(&prose.masked, tokens);
    let names = crate::nlp::tagger::tagger();
    (0..tokens.len())
        .map(|t| {
            format!(
                "{t} {} {} {} -> {:?}\n",
                tokens[t].span.text(&prose.masked),
                names.xpos_name(tokens[t].xpos),
                syntax.deprel(t).name(),
                syntax.head(t)
            )
        })
        .collect()
}

/// A clause: the parser finds a subject and a finite verb, or (headlines are hard on
/// a tagger trained on full sentences: "votes" reads as a noun) a present-tense form
/// of one of the draft's verbs follows the first word.
fn is_clause(headline: &str, draft: &str) -> bool {
    parsed_clause(headline) || {
        let words: Vec<String> = headline
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        let draft = draft.to_lowercase();
        words.iter().skip(1).any(|w| {
            let auxiliary = matches!(
                w.as_str(),
                "is" | "are" | "has" | "have" | "will" | "says" | "say" | "can" | "could" | "must"
            );
            let stem = w.trim_end_matches('s').trim_end_matches('e');
            auxiliary
                || (w.ends_with('s') && stem.len() >= 3 && draft.contains(&format!("{stem}ed")))
                || (w.ends_with('s') && stem.len() >= 3 && draft.contains(&format!("{stem}ued")))
                // A plural subject's present: "replace" for the draft's "replaced".
                || (w.len() >= 4 && draft.contains(&format!("{w}d ")))
        })
    }
}

/// A clause by the project's own parser: a subject and a finite verb under the root.
fn parsed_clause(headline: &str) -> bool {
    let text = format!("{headline}.");
    let prose = prose::map(&text, Format::PlainText);
    let sentences = sentences::split(&prose);
    let table = TokenTable::build(&prose, &sentences, &quotes::find(&prose));
    let tokens = table.sentence(0);
    let parsed = Parsed {
        tokens,
        syntax: Syntax::parse(&prose.masked, tokens),
        masked: &prose.masked,
        loaded: vec![false; tokens.len()],
    };
    let Some(root) = parsed.syntax.root() else {
        return false;
    };
    // "X says Y" and "Y, X says" are clauses whichever verb the parser takes as root.
    let predicate = parsed.syntax.content(root).unwrap_or(root);
    parsed.syntax.subject(predicate).is_some() && style::is_finite(&parsed, predicate)
}

/// Short, a clause, no quote marks, no dangling end, every word from the draft.
fn assert_is_headline(h: &str, draft: &str) {
    assert!(!h.is_empty(), "no headline for {draft:?}");
    let words: Vec<&str> = h.split_whitespace().collect();
    assert!(words.len() <= MAX_WORDS, "{h:?} is too long");
    assert!(!h.contains(['"', '“', '”', '—']), "{h:?} quotes or dashes");
    let last = words.last().unwrap().trim_end_matches(',');
    assert!(!style::is_dangling(last), "{h:?} ends on {last:?}");
    assert!(is_clause(h, draft), "{h:?} is not a clause");
    let draft_lower = draft.to_lowercase();
    for word in words {
        let w = word.trim_end_matches([',', ':']).to_lowercase();
        let from_style = matches!(
            w.as_str(),
            "says" | "say" | "is" | "are" | "has" | "have" | "will"
        ) || w.chars().all(|c| c.is_ascii_digit())
            || w.ends_with('s');
        assert!(
            from_style || draft_lower.contains(&w),
            "{w:?} in {h:?} is not the draft's"
        );
    }
}

#[test]
fn a_plain_lead_becomes_a_present_tense_clause_without_articles() {
    let h = first("The harbour council approved a new budget for the sea wall on Tuesday.\n");
    assert!(h.starts_with("Harbour council approves"), "{h}");
    assert!(!h.contains("Tuesday"), "{h}");
    assert!(!h.split_whitespace().any(|w| w == "the" || w == "a"), "{h}");
}

#[test]
fn a_dateline_is_dropped() {
    let text = "LOWMOUTH, Kent (Reuters) — The harbour council approved a budget of four million pounds for the sea wall.\n";
    let h = first(text);
    assert!(!h.contains("LOWMOUTH") && !h.contains("Reuters"), "{h}");
    assert!(h.contains("approves"), "{h}");
}

#[test]
fn a_long_appositive_is_dropped_and_numbers_are_numerals() {
    let text = "Mara Voss, 41, a ferry pilot from Lowmouth who has worked the crossing for twenty years, rescued two swimmers off the harbour wall last week.\n";
    let h = first(text);
    assert!(h.starts_with("Mara Voss rescues 2 swimmers"), "{h}");
    for gone in ["41", "pilot", "week", "twenty"] {
        assert!(!h.contains(gone), "{gone} in {h}");
    }
}

#[test]
fn a_time_phrase_goes_with_its_dependents() {
    let text = "Investigators have found the cause of Tuesday's fire at the harbour.\n";
    let h = first(text);
    assert!(h.starts_with("Investigators have found cause"), "{h}");
    assert!(!h.contains("Tuesday") && !h.contains("'s"), "{h}");
}

#[test]
fn a_passive_keeps_its_agent() {
    let text =
        "Three protesters were detained by the police outside the town hall on Saturday night.\n";
    let h = first(text);
    assert!(h.contains("are detained by police"), "{h}");
    assert!(!h.contains("Saturday"), "{h}");
}

#[test]
fn said_becomes_says_and_would_becomes_will() {
    let text =
        "The harbour master said on Friday that the ferry would return to the island next month.\n";
    let all = suggestions(text);
    let h = &all[0];
    assert_is_headline(h, text);
    assert!(h.contains("says ferry will return"), "{all:?}");
    assert!(!h.contains("month"), "{h}");
}

#[test]
fn a_trailing_attribution_is_offered_in_headline_form() {
    let text = "The ferry will return to the island in the spring, the harbour master said.\n";
    let all = suggestions(text);
    for h in &all {
        assert_is_headline(h, text);
    }
    assert!(
        all.iter()
            .any(|h| h.contains("arbour master says") || h.starts_with("Harbour master:")),
        "{all:?}"
    );
}

#[test]
fn a_feature_opening_gives_way_to_the_news_sentence() {
    let text = "Listening to the wind rattle the shutters, you would think the wall could not hold.\n\n\
                Lowmouth council voted to rebuild the town's sea wall at a cost of four million pounds.\n";
    let h = first(text);
    assert!(h.starts_with("Lowmouth council votes to rebuild"), "{h}");
}

#[test]
fn a_quote_or_a_question_is_never_the_headline() {
    let text = "\u{201c}We were flooded twice in one winter,\u{201d} said Ann Pike.\n\n\
                Who will pay for the repairs?\n\n\
                Lowmouth council will rebuild the sea wall with a national coastal grant.\n";
    let h = first(text);
    assert!(!h.contains("flooded") && !h.contains("pay for"), "{h}");
    assert!(h.starts_with("Lowmouth council will rebuild"), "{h}");
}

#[test]
fn loaded_wording_is_left_out_not_replaced() {
    let text = "Lowmouth council will rebuild the crumbling sea wall with a national grant.\n";
    let mut analysis = analysed(text);
    let start = text.find("crumbling").unwrap();
    analysis.findings = vec![Finding {
        rule: "loaded-language",
        category: None,
        severity: Severity::Warning,
        message: "".into(),
        span: Span::new(start, start + "crumbling".len()),
        explanation: "".into(),
        alternatives: vec!["ageing".to_string()].into(),
        fixes: Default::default(),
        related: Vec::new(),
    }];
    let all = candidates(text, &analysis);
    assert!(!all.is_empty());
    for h in &all {
        assert!(!h.contains("crumbling") && !h.contains("ageing"), "{h}");
        assert!(h.contains("sea wall"), "{h}");
    }
}

#[test]
fn a_loaded_verb_sends_the_headline_to_another_sentence() {
    let text = "The mayor slammed the harbour board.\n\nThe harbour board will close the ferry office in March.\n";
    let mut analysis = analysed(text);
    let start = text.find("slammed").unwrap();
    analysis.findings = vec![Finding {
        rule: "loaded-language",
        category: None,
        severity: Severity::Warning,
        message: "".into(),
        span: Span::new(start, start + "slammed".len()),
        explanation: "".into(),
        alternatives: Default::default(),
        fixes: Default::default(),
        related: Vec::new(),
    }];
    let all = candidates(text, &analysis);
    assert!(all.iter().all(|h| !h.contains("slam")), "{all:?}");
}

#[test]
fn two_or_three_distinct_candidates() {
    let text =
        "The harbour master said that the ferry would return to the island in the spring.\n\n\
                Engineers replaced the ferry's engine after it failed in the winter storms.\n";
    let all = suggestions(text);
    assert!((2..=3).contains(&all.len()), "{all:?}");
    for (i, h) in all.iter().enumerate() {
        assert_is_headline(h, text);
        assert!(!all[..i].contains(h), "{all:?}");
    }
}

#[test]
fn nothing_but_quotes_and_questions_gives_no_headline() {
    let text = "\u{201c}We were flooded twice,\u{201d} said Ann Pike.\n\nWho will pay for the repairs to the wall?\n";
    assert!(suggestions(text).is_empty());
}
