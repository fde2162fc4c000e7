//! headline: the draft's own headline (its H1, or the first line of plain text),
//! read as an editor would.
//!
//! Categories:
//! - `clickbait`: a teaser instead of the news ("You won't believe", "Here's what");
//! - `unanswered-question`: a question the opening paragraphs do not answer;
//! - `all-caps`: a word set in capitals for emphasis (not an acronym);
//! - `exclamation`: an exclamation mark.
//!
//! Loaded words in a heading are the `loaded-language` rule's, which checks
//! headings like any other prose. The quick fix "Use the suggested headline: …" is
//! built by the server when it is asked for, not on every keystroke: making the
//! headline parses sentences, and a finding is cheap.

use super::{shared, Finding, Rule, RuleContext, Scope, Severity, NEIGHBOUR_REACH};
use crate::analysis::Span;
use regex::Regex;
use rust_stemmers::{Algorithm, Stemmer};
use std::collections::HashSet;
use std::sync::LazyLock;

pub static RULE: Rule = Rule {
    id: "headline",
    scope: Scope::Draft,
    summary: "A headline that teases, shouts or asks instead of telling",
    default_severity: Severity::Warning,
    check,
    whole_draft: None,
    fires_on: &[
        "# You won't believe what the harbour council decided\n\nThe council voted to rebuild the sea wall.\n",
        "# Here's what the new parking rules mean for you\n\nParking on the promenade will cost two pounds an hour from May.\n",
        "# Will the ferry ever return to Lowmouth?\n\nThe island's shop has reopened after the winter storms closed it for a month.\n",
        "# Council SCRAPS the harbour festival\n\nThe council cancelled this year's harbour festival to save money.\n",
        "# Harbour festival cancelled!\n\nThe council cancelled this year's harbour festival to save money.\n",
    ],
    quiet_on: &[
        "# Council votes to rebuild the sea wall\n\nLowmouth council voted to rebuild the sea wall.\n",
        "# Will the council raise parking charges?\n\nThe council will raise parking charges by ten per cent, its finance chief said.\n",
        "# NHS trust opens new ward in Lowmouth\n\nThe NHS trust opened a ward for older patients.\n",
        "# Why the ferry stopped running\n\nThe ferry stopped running because its only engine failed in March.\n",
    ],
};

fn check(ctx: &RuleContext) -> Vec<Finding> {
    let Some(title) = ctx.prose.title else {
        return Vec::new();
    };
    if title.end > ctx.text.len() || title.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let enabled = |category: &str| ctx.config.category_enabled(RULE.id, category);
    if enabled("clickbait") {
        out.extend(clickbait(ctx.text, title));
    }
    if enabled("unanswered-question") {
        out.extend(unanswered_question(ctx, title));
    }
    if enabled("all-caps") {
        out.extend(all_caps(ctx.text, title));
    }
    if enabled("exclamation") {
        out.extend(exclamations(ctx, title));
    }
    out
}

fn finding(category: &str, span: Span, message: String, explanation: &str) -> Finding {
    shared::finding(
        RULE.id,
        category,
        RULE.default_severity,
        span,
        message,
        explanation,
    )
}

/// Teaser forms: the headline withholds the news to make the reader click.
static CLICKBAIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:you (?:won['’]t|will not|wouldn['’]t) believe|what happen(?:ed|s) next|this is (?:why|what|how)|here['’]s (?:what|why|how)|here is (?:what|why|how)|the reason why|shock(?:ing|er)|jaw[- ]dropping|mind[- ]blowing|will blow your mind|you need to (?:know|see)|(?:one|this) (?:weird|simple) trick|will leave you)\b",
    )
    .expect("clickbait pattern compiles")
});

const CLICKBAIT_WHY: &str = "A teaser withholds the news to make the reader click; a headline \
     tells the reader what happened. Lead with who did what.";

fn clickbait(text: &str, title: Span) -> Vec<Finding> {
    CLICKBAIT
        .find_iter(title.text(text))
        .map(|m| {
            let span = Span::new(title.start + m.start(), title.start + m.end());
            finding(
                "clickbait",
                span,
                format!("\"{}\" is a clickbait form", m.as_str()),
                CLICKBAIT_WHY,
            )
        })
        .collect()
}

/// A question headline the opening paragraphs answer is a fair question; one they
/// do not answer invites the reader to assume the answer (Betteridge's law).
fn unanswered_question(ctx: &RuleContext, title: Span) -> Vec<Finding> {
    let heading = title.text(ctx.text).trim_end();
    if !heading.ends_with('?') {
        return Vec::new();
    }
    let stemmer = Stemmer::create(Algorithm::English);
    let asked = content_stems(&stemmer, heading);
    if asked.is_empty() {
        return Vec::new();
    }
    let title_block = ctx
        .sentences
        .iter()
        .find(|s| s.span.start >= title.start)
        .map_or(0, |s| s.block);
    let answered = ctx
        .sentences
        .iter()
        .filter(|s| s.span.start >= title.end)
        .take_while(|s| s.block <= title_block + NEIGHBOUR_REACH)
        .map(|s| s.span.text(ctx.text))
        .filter(|s| !crate::summary::is_question(s))
        .any(|s| {
            let said = content_stems(&stemmer, s);
            let shared = asked.iter().filter(|w| said.contains(*w)).count();
            3 * shared >= 2 * asked.len()
        });
    if answered {
        return Vec::new();
    }
    vec![finding(
        "unanswered-question",
        title,
        "the headline asks a question the opening paragraphs do not answer".into(),
        "A question headline the story does not answer invites the reader to assume the \
         answer. State what is known instead, or answer the question near the top.",
    )]
}

/// Stems of the words that carry content (three letters or more, not a function word).
fn content_stems(stemmer: &Stemmer, s: &str) -> HashSet<String> {
    const FUNCTION: &[&str] = &[
        "the", "and", "but", "for", "are", "was", "were", "will", "would", "can", "could", "does",
        "did", "has", "have", "had", "how", "what", "why", "who", "when", "where", "which", "this",
        "that", "these", "those", "with", "from", "into", "its", "their", "our", "your", "you",
        "they", "she", "his", "her", "not", "ever", "any", "all", "about", "after", "should",
        "been", "being", "than", "then", "there", "here", "just", "more", "most",
    ];
    s.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() >= 3 && !FUNCTION.contains(&w.as_str()))
        .map(|w| stemmer.stem(&w).into_owned())
        .collect()
}

/// Short all-capital words are acronyms ("NHS", "NATO"); these short ones are emphasis.
const SHOUTED_SHORT: &[&str] = &[
    "ALL", "BIG", "BEST", "HUGE", "MUST", "NEW", "NEVER", "NOT", "NOW", "OMG", "WOW", "WHY", "HOW",
    "WHAT", "THIS", "FREE", "LIES", "EVER",
];

/// Words set in capitals for emphasis. A run of capital words ("MAJOR NEW STUDY",
/// a whole headline in capitals) is one finding: one problem, one finding.
fn all_caps(text: &str, title: Span) -> Vec<Finding> {
    let mut out = Vec::new();
    for mut run in capital_runs(text, title) {
        // "Used To ATTACK US Diplomats": an acronym at the end of a run is not part of it.
        while run.len() > 1 && is_acronym_like(run[run.len() - 1].1) {
            run.pop();
        }
        let emphatic = run.iter().any(|&(_, word)| {
            let letters = word.chars().filter(|c| c.is_alphabetic()).count();
            (letters >= 5 || SHOUTED_SHORT.contains(&word))
                && !capitalised_in_body(text, title, word)
        });
        if !emphatic {
            continue;
        }
        let span = Span::new(run[0].0.start, run[run.len() - 1].0.end);
        out.push(finding(
            "all-caps",
            span,
            format!("\"{}\" is set in capitals for emphasis", span.text(text)),
            "Capitals raise the volume, not the information. Let the facts carry the \
             weight; keep capitals for acronyms.",
        ));
    }
    out
}

/// A short capital word that is not emphasis ("US", "FBI", "NATO").
fn is_acronym_like(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() <= 4 && !SHOUTED_SHORT.contains(&word)
}

/// The headline's words written wholly in capitals (no digits), grouped into runs of
/// words with nothing but spaces and punctuation between them.
fn capital_runs(text: &str, title: Span) -> Vec<Vec<(Span, &str)>> {
    let heading = title.text(text);
    let mut runs: Vec<Vec<(Span, &str)>> = Vec::new();
    let mut at = 0;
    let mut run_open = false;
    for word in heading.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’') {
        if word.is_empty() {
            continue;
        }
        let start = heading[at..].find(word).map_or(at, |i| at + i);
        at = start + word.len();
        let letters = word.chars().any(char::is_alphabetic);
        let capitals = letters
            && word
                .chars()
                .all(|c| !c.is_lowercase() && !c.is_ascii_digit());
        if !capitals {
            run_open = false;
            continue;
        }
        let span = Span::new(title.start + start, title.start + at);
        match runs.last_mut() {
            Some(run) if run_open => run.push((span, word)),
            _ => runs.push(vec![(span, word)]),
        }
        run_open = true;
    }
    runs
}

/// An acronym or a name set in capitals ("UNESCO", "NASDAQ") is written so in the
/// story too; a word set in capitals for emphasis is not.
fn capitalised_in_body(text: &str, title: Span, word: &str) -> bool {
    let body = &text[title.end..];
    let whole_word = |(at, _): &(usize, &str)| {
        let before = body[..*at].chars().next_back();
        let after = body[at + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    };
    body.match_indices(word).any(|m| whole_word(&m))
}

/// Exclamation marks in the writer's voice: one inside a quotation is the speaker's.
fn exclamations(ctx: &RuleContext, title: Span) -> Vec<Finding> {
    title
        .text(ctx.text)
        .match_indices('!')
        .map(|(i, _)| Span::new(title.start + i, title.start + i + 1))
        .filter(|&span| !ctx.quotes.covers(span))
        .map(|span| {
            finding(
                "exclamation",
                span,
                "an exclamation mark in the headline".into(),
                "An exclamation mark tells the reader how to feel about the news. A news \
                 headline states it and lets the reader judge.",
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::{analyze, Config, Format};

    /// The categories the rule finds on a draft with this headline and body.
    fn categories(title: &str, body: &str) -> Vec<String> {
        let text = format!("# {title}\n\n{body}\n");
        analyze(&text, Format::Markdown, &Config::default())
            .findings
            .iter()
            .filter(|f| f.rule == super::RULE.id)
            .filter_map(|f| f.category.as_deref().map(str::to_string))
            .collect()
    }

    const BODY: &str =
        "The harbour council voted to rebuild the sea wall at a cost of four million pounds.";

    #[test]
    fn clickbait_forms_fire_and_plain_news_stays_quiet() {
        for title in [
            "You won't believe what the harbour council did",
            "What happened next at the council meeting",
            "This is why the sea wall matters",
            "Shocking vote on the sea wall",
        ] {
            assert_eq!(categories(title, BODY), ["clickbait"], "{title}");
        }
        assert!(categories("Council votes to rebuild the sea wall", BODY).is_empty());
    }

    #[test]
    fn capitals_for_emphasis_but_not_acronyms() {
        assert_eq!(
            categories("Council SCRAPS sea wall plan", BODY),
            ["all-caps"]
        );
        assert_eq!(
            categories("Why you MUST read the sea wall plan", BODY),
            ["all-caps"]
        );
        assert!(categories("NHS and RNLI back the sea wall plan", BODY).is_empty());
    }

    #[test]
    fn long_acronyms_the_story_also_uses_are_not_emphasis() {
        let body = "UNESCO listed the sea wall on Monday. The council welcomed the decision.";
        assert!(categories("UNESCO lists the harbour sea wall", body).is_empty());
        // The same word in lower case in the story: capitals for emphasis.
        let body = "The council scraps the plan. It scraps it for good.";
        assert_eq!(
            categories("Council SCRAPS sea wall plan", body),
            ["all-caps"]
        );
        // A longer word that merely contains it does not count.
        let body = "The UNESCOPE group met.";
        assert_eq!(categories("UNESCO lists the sea wall", body), ["all-caps"]);
    }

    #[test]
    fn a_run_of_capitals_is_one_finding() {
        assert_eq!(
            categories("MAJOR NEW STUDY: council votes on sea wall", BODY),
            ["all-caps"]
        );
        assert_eq!(
            categories("COUNCIL VOTES TO REBUILD THE SEA WALL", BODY),
            ["all-caps"]
        );
        let text = "# Council SCRAPS sea wall and BLOCKS ferry\n\nThe council met.\n";
        let found = analyze(text, Format::Markdown, &Config::default()).findings;
        let spans: Vec<&str> = found
            .iter()
            .filter(|f| f.rule == super::RULE.id)
            .map(|f| f.span.text(text))
            .collect();
        assert_eq!(spans, ["SCRAPS", "BLOCKS"]);
        let text = "# Weapon used to ATTACK US diplomats\n\nThe council met.\n";
        let found = analyze(text, Format::Markdown, &Config::default()).findings;
        assert_eq!(found[0].span.text(text), "ATTACK");
    }

    #[test]
    fn an_exclamation_inside_a_quotation_is_the_speakers() {
        assert!(categories("Protesters chant \"Save our wall!\" at council", BODY).is_empty());
        assert_eq!(
            categories("Protesters chant \"Save our wall\" at council!", BODY),
            ["exclamation"]
        );
    }

    #[test]
    fn exclamation_marks_fire_once_each() {
        assert_eq!(
            categories("Sea wall saved! Council votes!", BODY),
            ["exclamation", "exclamation"]
        );
    }

    #[test]
    fn a_question_fires_only_when_the_top_of_the_story_does_not_answer_it() {
        assert!(categories("Will the council rebuild the sea wall?", BODY).is_empty());
        assert_eq!(
            categories("Will the ferry ever return to the island?", BODY),
            ["unanswered-question"]
        );
    }

    #[test]
    fn plain_text_reads_its_first_line_as_the_headline() {
        let text = format!("Council SCRAPS sea wall plan!\n\n{BODY}\n");
        let found: Vec<_> = analyze(&text, Format::PlainText, &Config::default())
            .findings
            .into_iter()
            .filter(|f| f.rule == super::RULE.id)
            .collect();
        assert_eq!(found.len(), 2, "{found:?}");
    }

    #[test]
    fn loaded_words_in_a_heading_are_checked() {
        let text = format!("# Regime slams council over sea wall\n\n{BODY}\n");
        let analysis = analyze(&text, Format::Markdown, &Config::default());
        assert!(
            analysis
                .findings
                .iter()
                .any(|f| f.rule == "loaded-language" && f.span.start < text.find('\n').unwrap()),
            "{:?}",
            analysis.findings
        );
    }
}
