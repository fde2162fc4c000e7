//! Scare quotes: a word or a short phrase in quotation marks inside the
//! writer's own prose, with no one saying it ("its 'discriminating' policy").
//! The marks tell readers not to believe the word; that is the writer's irony,
//! not a quotation.
//!
//! A quote counts as a scare quote only when all of these hold, so that real
//! quotations, names and terms stay quiet:
//! - one to three words, the first in lower case (a capital is most often a
//!   title or a name: the "Brexit" vote, Joaquin "El Chapo" Guzman);
//! - not the start of the sentence, not inside another quotation, no comma,
//!   question or exclamation mark inside (those end quoted speech);
//! - no word introduces it as a name or a term ("called", "dubbed", "known
//!   as", "the word", "so-called" which is its own finding);
//! - no reporting cue anywhere in the sentence (`lexicon::attribution` cues
//!   and statement nouns): with one, the quote most likely has a speaker.

use super::ID;
use crate::analysis::quotes::{QuoteKind, QuoteSpan};
use crate::analysis::tokens::Token as TableToken;
use crate::analysis::Span;
use crate::lexicon::attribution::{lexicon, CueClass, CueEntry};
use crate::lexicon::loaded::Category;
use crate::rules::{shared, Edit, Finding, Fix, RuleContext, Severity};

/// The most words a scare quote holds.
const MAX_WORDS: usize = 3;

/// Words right before a quotation that make it a name, a term or a sign's text.
const NAMING: &[&str] = &[
    "called",
    "calls",
    "call",
    "calling",
    "dubbed",
    "dubs",
    "termed",
    "labelled",
    "labeled",
    "named",
    "nicknamed",
    "titled",
    "entitled",
    "as",
    "word",
    "words",
    "term",
    "terms",
    "phrase",
    "phrases",
    "slogan",
    "slogans",
    "hashtag",
    "label",
    "name",
    "reading",
    "read",
    "reads",
    "marked",
    "chanted",
    "chanting",
    "chants",
    "shouting",
    "shouted",
    "so-called",
    "spelled",
    "spelt",
    "meaning",
    "means",
];

/// The scare quotes of sentence `si`.
pub fn find(ctx: &RuleContext, si: usize) -> Vec<Finding> {
    if !ctx.config.category_enabled(ID, Category::ScareQuote.id()) {
        return Vec::new();
    }
    let sentence = ctx.sentences[si].span;
    let table = ctx.tokens.sentence(si);
    let in_sentence = ctx.quotes.starting_in(sentence).iter();
    let in_sentence =
        in_sentence.filter(|q| sentence.contains(q.span) && q.kind != QuoteKind::Blockquote);
    // Nested quotes are the speaker's own scare quotes.
    let candidates: Vec<&QuoteSpan> = in_sentence
        .filter(|q| !q.open_ended && !ctx.quotes.nested(q) && shaped_like_one(ctx.text, table, q))
        .collect();
    if candidates.is_empty() || has_reporting_cue(table) || in_blockquote(ctx, si) {
        return Vec::new();
    }
    candidates
        .into_iter()
        .filter(|q| !ctx.config.allows(q.inner.text(ctx.text)))
        .map(|q| finding(ctx, q))
        .collect()
}

fn in_blockquote(ctx: &RuleContext, si: usize) -> bool {
    ctx.quotes
        .inside_quote(ctx.sentences[si].span, ctx.config.quotes.blockquotes)
}

/// One to three words, lower-case first, inside a sentence that goes on
/// before it, with no word that makes it a name or a term.
fn shaped_like_one(text: &str, table: &[TableToken], q: &QuoteSpan) -> bool {
    let inner = q.inner.text(text).trim();
    if inner.is_empty()
        || inner.contains([',', '?', '!', ';', ':'])
        || !inner.chars().next().is_some_and(char::is_lowercase)
    {
        return false;
    }
    let inside: Vec<&TableToken> = table
        .iter()
        .filter(|t| q.inner.contains(t.span) && t.is_wordlike())
        .collect();
    if inside.is_empty() || inside.len() > MAX_WORDS || inside.iter().any(|t| !t.is_word()) {
        return false;
    }
    let before: Vec<&TableToken> = table
        .iter()
        .take_while(|t| t.span.end <= q.span.start)
        .collect();
    match before.iter().rev().find(|t| !t.is_quote()) {
        Some(prev) if prev.is_word() => !NAMING.contains(&prev.norm.as_str()),
        // Sentence-initial, or right after punctuation ("Yes." "No,"): a
        // quotation or a list, not irony folded into the writer's sentence.
        _ => false,
    }
}

/// Any reporting verb, phrase or statement noun in the sentence (outside
/// quotes) that can give the quote a speaker. Plans and actions on a position
/// ("wants", "supports", "defended its policy") cannot.
fn has_reporting_cue(table: &[TableToken]) -> bool {
    let norms: Vec<&str> = table.iter().map(|t| t.norm.as_str()).collect();
    let lex = lexicon();
    let gives_a_speaker = |e: &CueEntry| {
        !matches!(e.class, CueClass::Intent | CueClass::NoComment) && e.lemma != "defend"
    };
    (0..table.len()).any(|i| {
        !table[i].quoted
            && (lex
                .cues
                .longest_match(&norms, i)
                .is_some_and(|(_, e)| gives_a_speaker(e))
                || lex.nouns.longest_match(&norms, i).is_some())
    })
}

fn finding(ctx: &RuleContext, q: &QuoteSpan) -> Finding {
    let inner = q.inner.text(ctx.text);
    let fix = Fix {
        title: "Remove the quotation marks".into(),
        edits: vec![
            Edit {
                span: Span::new(q.span.start, q.inner.start),
                replacement: "".into(),
            },
            Edit {
                span: Span::new(q.inner.end, q.span.end),
                replacement: "".into(),
            },
        ],
    };
    Finding {
        rule: ID,
        category: Some(shared::text(Category::ScareQuote.id())),
        severity: Severity::Info,
        message: format!(
            "\"{inner}\" is in quotation marks with no speaker, which reads as the writer's irony; say who used the word, or drop the marks"
        )
        .into(),
        span: q.span,
        explanation: shared::text(
            "Scare quotes around a word in the writer's own sentence tell readers not to take the word at face value, without saying why. If someone used the word, attribute it; if the writer doubts it, give the facts; otherwise drop the quotation marks.",
        ),
        alternatives: shared::no_alternatives(),
        fixes: vec![fix].into(),
        related: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use crate::{analyze, Config, Format};

    fn scare_quotes(text: &str) -> Vec<String> {
        analyze(text, Format::Markdown, &Config::default())
            .findings
            .into_iter()
            .filter(|f| f.category.as_deref() == Some("scare-quote"))
            .map(|f| f.span.text(text).to_string())
            .collect()
    }

    #[test]
    fn a_short_quote_with_no_speaker_fires() {
        assert_eq!(
            scare_quotes("The firm defended its \"discriminating\" hiring policy."),
            ["\"discriminating\""]
        );
        assert_eq!(
            scare_quotes("It was a “reform” in name only."),
            ["“reform”"]
        );
        assert_eq!(
            scare_quotes("Officers carried out a \"routine check\" at dawn."),
            ["\"routine check\""]
        );
    }

    #[test]
    fn quotations_names_and_terms_stay_quiet() {
        for quiet in [
            // A speaker in the sentence.
            "The mayor called the plan \"reckless\" on Tuesday.",
            "The plan is \"reckless\", the mayor said.",
            "According to the mayor, the plan is \"reckless\".",
            // A whole quotation, and a quotation that opens the sentence.
            "\"We will rebuild the bridge,\" the mayor said.",
            "\"Fine\" was all he wrote.",
            // Names and titles.
            "Joaquin \"El Chapo\" Guzman was extradited in 2017.",
            "The \"Brexit\" vote took place in 2016.",
            // Terms introduced as terms.
            "The practice is known as \"quantitative easing\".",
            "Protesters carried signs reading \"no more\".",
            // Too long to be a scare quote.
            "The sign said \"keep off the grass please\".",
            // Inside another quotation: the speaker's irony, not the writer's.
            "\"They call it 'reform', but it is a cut,\" she said.",
        ] {
            assert!(scare_quotes(quiet).is_empty(), "{quiet}");
        }
    }

    #[test]
    fn one_finding_for_so_called_and_its_quote() {
        let text = "The so-called \"experts\" were absent.";
        let a = analyze(text, Format::Markdown, &Config::default());
        let loaded: Vec<_> = a
            .findings
            .iter()
            .filter(|f| f.rule == "loaded-language")
            .collect();
        assert_eq!(loaded.len(), 1, "{loaded:?}");
        assert_eq!(loaded[0].category.as_deref(), Some("insinuation"));
    }

    #[test]
    fn the_fix_removes_both_marks() {
        let text = "The firm defended its \"discriminating\" policy.";
        let a = analyze(text, Format::Markdown, &Config::default());
        let f = a
            .findings
            .iter()
            .find(|f| f.category.as_deref() == Some("scare-quote"))
            .expect("a scare quote");
        let mut fixed = text.to_string();
        let mut edits = f.fixes.get(0).unwrap().edits.clone();
        edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
        for e in edits {
            fixed.replace_range(e.span.start..e.span.end, &e.replacement);
        }
        assert_eq!(fixed, "The firm defended its discriminating policy.");
    }
}
