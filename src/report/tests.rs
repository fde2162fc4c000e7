//! Report tests on hand-built analyses, independent of the detectors' progress.

use super::*;
use crate::analysis::attribution::{Attribution, Attributions, CueForm, Source};
use crate::analysis::prose::ProseMap;
use crate::analysis::quotes::{QuoteKind, QuoteSpan, Quotes};
use crate::analysis::sentences::Sentence;
use crate::lexicon::attribution::CueClass;
use crate::rules::{Finding, Severity};

/// One sentence per line, so line numbers are easy to read off.
const TEXT: &str = "\
The mayor said the new ferry will run twice a day from June.
Critics say the timetable is a disaster for commuters.
Experts believe the harbour is too shallow for the new boats.
\"This is a shameless waste of money,\" said Ann Pike, who runs the kiosk.
One official said the contract was signed without a tender.
A person familiar with the talks said the price doubled.
The mayor said the ferry would be paid for by a regional grant.
";

fn span_of(needle: &str) -> Span {
    let start = TEXT
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in TEXT"));
    Span::new(start, start + needle.len())
}

fn finding(rule: &'static str, category: Option<&str>, needle: &str) -> Finding {
    Finding {
        rule,
        category: category.map(Into::into),
        severity: Severity::Warning,
        message: format!("{rule} on {needle:?}").into(),
        span: span_of(needle),
        explanation: "".into(),
        alternatives: Default::default(),
        fixes: Default::default(),
        related: Vec::new(),
    }
}

fn attribution(line: usize, source: &str, kind: SourceKind, canonical: usize) -> Attribution {
    Attribution {
        sentence: line,
        cue: None,
        source: span_of(source),
        kind,
        canonical: Some(canonical),
        content: None,
        cue_class: CueClass::Report,
        form: CueForm::Verb,
        continues: None,
        claim: Default::default(),
    }
}

fn source(name: &str, kind: SourceKind, statements: Vec<usize>) -> Source {
    Source {
        name: name.into(),
        kind,
        first_mention: span_of(name),
        statements,
        pseudonym: false,
    }
}

/// A hand-built analysis of TEXT with no findings yet.
fn base() -> Analysis {
    let mut sentences = Vec::new();
    let mut start = 0;
    for line in TEXT.lines() {
        sentences.push(Sentence {
            span: Span::new(start, start + line.len()),
            block: sentences.len(),
        });
        start += line.len() + 1;
    }
    let quote = span_of("\"This is a shameless waste of money,\"");
    Analysis {
        prose: ProseMap {
            masked: TEXT.to_string(),
            ..ProseMap::default()
        },
        sentences,
        quotes: Quotes::new(vec![QuoteSpan {
            span: quote,
            inner: Span::new(quote.start + 1, quote.end - 1),
            kind: QuoteKind::Double,
            open_ended: false,
        }]),
        attributions: Attributions {
            list: vec![
                attribution(0, "The mayor", SourceKind::Named, 0),
                attribution(3, "Ann Pike", SourceKind::Named, 1),
                attribution(4, "One official", SourceKind::Anonymous, 2),
                attribution(
                    5,
                    "A person familiar with the talks",
                    SourceKind::Anonymous,
                    3,
                ),
                attribution(6, "The mayor said the ferry", SourceKind::Named, 0),
            ],
            sources: vec![
                source("The mayor", SourceKind::Named, vec![0, 4]),
                source("Ann Pike", SourceKind::Named, vec![1]),
                source("One official", SourceKind::Anonymous, vec![2]),
                source(
                    "A person familiar with the talks",
                    SourceKind::Anonymous,
                    vec![3],
                ),
            ],
            ..Attributions::default()
        },
        findings: Vec::new(),
    }
}

fn build_report(analysis: &Analysis) -> Report {
    build(TEXT, analysis, &Config::default())
}

fn markdown(report: &Report) -> String {
    to_markdown(report, TEXT, &LineIndex::new(TEXT))
}

#[test]
fn a_clean_draft_is_low() {
    let mut analysis = base();
    analysis.attributions = Attributions::default();
    let report = build_report(&analysis);
    assert_eq!(report.level, Level::Low);
    assert!(report.reasons.is_empty());
    let md = markdown(&report);
    assert!(md.contains("**Level: low.**"), "{md}");
    assert!(md.contains("No attributed statements found."));
}

#[test]
fn counts_every_rule_and_category() {
    let mut analysis = base();
    analysis.findings = vec![
        finding("loaded-language", Some("pejorative-label"), "disaster"),
        finding("loaded-language", Some("emotionally-charged"), "shameless"),
        finding(
            "unattributed-claim",
            Some("weasel-attribution"),
            "Critics say",
        ),
    ];
    let report = build_report(&analysis);
    let row = |rule: &str| report.rules.iter().find(|r| r.rule == rule).unwrap();
    assert_eq!(row("loaded-language").total, 2);
    assert_eq!(row("loaded-language").categories["pejorative-label"], 1);
    assert_eq!(row("unattributed-claim").total, 1);
    assert_eq!(
        row("single-source").total,
        0,
        "registry rules appear with zero"
    );
}

#[test]
fn loaded_density_counts_only_the_writers_words() {
    let mut analysis = base();
    analysis.findings = vec![
        finding("loaded-language", None, "disaster"),
        // Inside Ann Pike's quote: hers, not the writer's.
        finding("loaded-language", None, "shameless"),
    ];
    let report = build_report(&analysis);
    let quoted_words = 7; // This is a shameless waste of money
    let all_words: usize = TEXT
        .lines()
        .map(|l| crate::analysis::words::words(l, 0).len())
        .sum();
    assert_eq!(report.loaded_language.words, all_words - quoted_words);
    assert_eq!(report.loaded_language.findings, 1);
    let expected = 1000.0 / (all_words - quoted_words) as f64;
    assert!((report.loaded_language.per_thousand_words - expected).abs() < 1e-9);
}

#[test]
fn source_table_shares_and_totals() {
    let report = build_report(&base());
    assert_eq!(report.sources[0].name, "The mayor");
    assert_eq!(report.sources[0].statements, 2);
    assert!((report.sources[0].share - 0.4).abs() < 1e-9);
    // Ties keep the order of first mention.
    let names: Vec<&str> = report.sources.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "The mayor",
            "Ann Pike",
            "One official",
            "A person familiar with the talks"
        ]
    );
    let t = &report.source_totals;
    assert_eq!(t.statements, 5);
    assert_eq!((t.named.sources, t.named.statements), (2, 3));
    assert_eq!((t.anonymous.sources, t.anonymous.statements), (2, 2));
    assert_eq!((t.vague.sources, t.vague.statements), (0, 0));
    let md = markdown(&report);
    assert!(
        md.contains("| The mayor | named | 2 | 40% | line 1 |"),
        "{md}"
    );
    assert!(md.contains("Named: 2 sources, 3 statements. Anonymous: 2 sources, 2 statements."));
}

#[test]
fn unattributed_claims_raise_the_level_and_name_their_lines() {
    let mut analysis = base();
    analysis.findings = vec![finding("unattributed-claim", None, "Critics say")];
    let report = build_report(&analysis);
    assert_eq!(report.level, Level::Moderate);
    let md = markdown(&report);
    assert!(
        md.contains("- 1 claim points to a source the draft does not name (moderate; line 2)."),
        "{md}"
    );

    analysis
        .findings
        .push(finding("unattributed-claim", None, "Experts believe"));
    analysis
        .findings
        .push(finding("unattributed-claim", None, "the price doubled"));
    let report = build_report(&analysis);
    assert_eq!(report.level, Level::High);
    assert!(markdown(&report).contains("(high; lines 2, 3, 6)"));
}

#[test]
fn single_source_warnings_are_listed_and_counted() {
    let mut analysis = base();
    analysis.findings = vec![finding(
        "single-source",
        Some("anonymous-source"),
        "One official said",
    )];
    let report = build_report(&analysis);
    assert_eq!(report.single_source.len(), 1);
    assert_eq!(report.level, Level::Moderate);
    let md = markdown(&report);
    assert!(
        md.contains("- Line 5: single-source on \"One official said\""),
        "{md}"
    );
    assert!(md.contains("1 claim rests on a single source"), "{md}");
}

#[test]
fn loaded_language_thresholds() {
    let mut analysis = base();
    // One finding never raises the level, whatever the density.
    analysis.findings = vec![finding("loaded-language", None, "disaster")];
    assert_eq!(build_report(&analysis).level, Level::Low);
    // Two in ~70 words is far above 5 per 1,000: moderate.
    analysis
        .findings
        .push(finding("loaded-language", None, "too shallow"));
    let report = build_report(&analysis);
    assert_eq!(report.reasons[0].signal, Signal::LoadedLanguage);
    assert_eq!(report.level, Level::Moderate);
    // Four: high.
    analysis
        .findings
        .push(finding("loaded-language", None, "without a tender"));
    analysis
        .findings
        .push(finding("loaded-language", None, "price doubled"));
    assert_eq!(build_report(&analysis).level, Level::High);
}

#[test]
fn hints_do_not_raise_the_level() {
    let mut analysis = base();
    let mut hint = finding("unattributed-claim", None, "Critics say");
    hint.severity = Severity::Hint;
    analysis.findings = vec![hint];
    let report = build_report(&analysis);
    assert_eq!(report.level, Level::Low);
    assert_eq!(report.rules[1].total, 1, "still counted in the table");
}

#[test]
fn mostly_anonymous_sourcing_is_moderate() {
    let mut analysis = base();
    // Drop Ann Pike and the mayor's second statement: 2 of 3 statements are anonymous.
    analysis.attributions.list.remove(4);
    analysis.attributions.list.remove(1);
    analysis.attributions.sources[0].statements = vec![0];
    analysis.attributions.sources.remove(1);
    let report = build_report(&analysis);
    assert_eq!(report.level, Level::Moderate);
    assert_eq!(report.reasons[0].signal, Signal::WeakSourcing);
    assert!(markdown(&report).contains("2 of 3 attributed statements"));
    assert!(markdown(&report).contains("lines 5, 6"));
}

#[test]
fn the_report_never_calls_a_claim_false() {
    let mut analysis = base();
    analysis.findings = vec![
        finding("unattributed-claim", None, "Critics say"),
        finding("single-source", None, "One official said"),
        finding("loaded-language", None, "disaster"),
        finding("loaded-language", None, "too shallow"),
    ];
    let report = build_report(&analysis);
    let md = markdown(&report).to_lowercase();
    let plain = to_plain_text(&report, TEXT, &LineIndex::new(TEXT)).to_lowercase();
    for text in [&md, &plain] {
        for word in ["false", "untrue", "lie ", "wrong", "misleading"] {
            assert!(!text.contains(word), "{word:?} in {text}");
        }
        assert!(text.contains("has not yet shown"));
    }
}

#[test]
fn numbers_are_written_for_people() {
    assert_eq!(thousands(0), "0");
    assert_eq!(thousands(999), "999");
    assert_eq!(thousands(1000), "1,000");
    assert_eq!(thousands(1234567), "1,234,567");
    let index = LineIndex::new("a\nb\nc\n");
    assert_eq!(lines_of(&[Span::new(2, 3)], &index), "line 2");
    assert_eq!(
        lines_of(&[Span::new(4, 5), Span::new(0, 1), Span::new(4, 5)], &index),
        "lines 1, 3"
    );
}
