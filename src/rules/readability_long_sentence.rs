//! readability/long-sentence: a sentence of the writer's own prose over 35 words.
//!
//! Off by default, and a hint when on: long sentences are a choice, not a fault,
//! but past 35 words most readers lose the thread. Words inside direct quotes are
//! the speaker's and do not count, as in the report's reading level.

use super::shared;
use super::{Finding, Rule, RuleContext, Scope, Severity};
use crate::analysis::tokens::Token;
use crate::analysis::Span;
use crate::report::readability::{is_word, LONG_SENTENCE_WORDS};

pub const ID: &str = "readability/long-sentence";

pub static RULE: Rule = Rule {
    id: ID,
    scope: Scope::Piece,
    summary: "A sentence of the writer's own prose over 35 words (off by default)",
    default_severity: Severity::Hint,
    check,
    whole_draft: None,
    fires_on: &[
        "The council, which met on Tuesday evening after a delay caused by a \
        broken heating system in the old town hall, voted by a narrow margin to approve \
        the revised budget for the coming year, including new funding for road repairs, \
        libraries and youth clubs across the district.",
    ],
    quiet_on: &[
        "The council approved the budget on Tuesday. It adds money for road repairs.",
        "\"We have waited for years for a budget that fixes the roads, funds the libraries, \
        keeps the youth clubs open and still leaves something for the parks, and this is \
        finally it,\" the mayor said.",
    ],
};

const EXPLANATION: &str = "Past about 35 words most readers lose track of how a sentence \
    began. Split it where a new clause starts, or move the aside into a sentence of its own. \
    This is a hint, not an error: a long sentence can be a deliberate choice.";

fn check(ctx: &RuleContext) -> Vec<Finding> {
    let blockquotes = ctx.config.quotes.blockquotes;
    let mut findings = Vec::new();
    for (i, sentence) in ctx.sentences.iter().enumerate() {
        let tokens = ctx.tokens.sentence(i);
        // Cheap test first: most sentences are short whatever is quoted.
        if tokens.iter().filter(|t| is_word(t)).count() <= LONG_SENTENCE_WORDS {
            continue;
        }
        let words = writer_words(tokens, |span| ctx.quotes.inside_quote(span, blockquotes));
        if words > LONG_SENTENCE_WORDS {
            findings.push(finding(sentence.span, words));
        }
    }
    findings
}

/// The sentence's words outside quotes.
fn writer_words(tokens: &[Token], quoted: impl Fn(Span) -> bool) -> usize {
    tokens
        .iter()
        .filter(|t| is_word(t) && !t.quoted && !quoted(t.span))
        .count()
}

fn finding(span: Span, words: usize) -> Finding {
    Finding {
        rule: ID,
        category: None,
        severity: RULE.default_severity,
        message: format!(
            "long sentence: {words} words of your own prose (over {LONG_SENTENCE_WORDS})"
        )
        .into(),
        span,
        explanation: shared::text(EXPLANATION),
        alternatives: shared::no_alternatives(),
        fixes: Default::default(),
        related: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::{analyze, Format};

    fn enabled() -> Config {
        Config::parse(
            "[rules.\"readability/long-sentence\"]\nenabled = true\n",
            std::path::Path::new("t.toml"),
        )
        .unwrap()
    }

    fn found(text: &str, config: &Config) -> usize {
        let a = analyze(text, Format::Markdown, config);
        a.findings.iter().filter(|f| f.rule == super::ID).count()
    }

    fn words(n: usize) -> String {
        let mut s = vec!["word"; n].join(" ");
        s.push('.');
        s
    }

    #[test]
    fn off_by_default_and_marks_sentences_over_35_words_when_on() {
        assert_eq!(found(&words(40), &Config::default()), 0);
        assert_eq!(found(&words(40), &enabled()), 1);
        assert_eq!(found(&words(36), &enabled()), 1);
        assert_eq!(found(&words(35), &enabled()), 0);
    }

    #[test]
    fn quoted_words_do_not_count() {
        let text = format!("\"{}\" she said.", words(40));
        assert_eq!(found(&text, &enabled()), 0);
    }

    #[test]
    fn a_wrapped_sentence_is_one_sentence() {
        let text = words(40).replacen(' ', "\n", 5);
        assert_eq!(found(&text, &enabled()), 1);
    }
}
