//! ai-tells: wording a reader may take for the marks of machine-generated prose.
//!
//! Off by default (`[rules.ai-tells] enabled = true` turns it on). It marks the
//! stock phrases of generated prose, a chat assistant's leftovers, and a paragraph
//! that closes on a summing-up opener ("In conclusion, …"). Every pattern the rule
//! marks almost never fires on human-written news (docs/rules/ai-tells.md has the
//! figures); "not only … but also" does, now and then, so only the report counts
//! it, as a density. It says what a reader might notice; never who wrote the text.
//!
//! The matchers read the token table one sentence at a time, in one pass: the
//! rule runs on every keystroke when it is on, and the report reuses them.

use super::shared;
use super::{Finding, Rule, RuleContext, Scope, Severity};
use crate::analysis::sentences::Sentence;
use crate::analysis::tokens::{Token, TokenKind};
use crate::analysis::Span;
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

pub const ID: &str = "ai-tells";

pub static RULE: Rule = Rule {
    id: ID,
    scope: Scope::Piece,
    summary: "Stock phrases and formulas that readers associate with machine-generated prose (off by default)",
    default_severity: Severity::Info,
    check,
    whole_draft: None,
    fires_on: &[
        "In today's fast-paced world, local councils must delve into the data.",
        "The new library is a testament to the town's rich tapestry of cultures.",
        "The council met on Monday. In conclusion, the vote was a success.",
    ],
    quiet_on: &[
        "The council voted 7-2 on Monday to close the library on Sundays.",
        "\"It is a testament to our volunteers,\" the librarian said.",
        "Ultimately the court ruled against the landlord, who said he would appeal.",
        "The plan is not only cheaper but also faster to build.",
    ],
};

/// What kind of tell a match is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TellKind {
    /// A stock phrase of generated prose ("delve into", "rich tapestry").
    StockPhrase,
    /// A leftover of a chat assistant's reply ("as an AI language model").
    AssistantLeftover,
    /// "not only … but also" (the report counts it; the rule does not mark it).
    NotOnlyButAlso,
    /// A paragraph that closes on a summing-up opener ("In conclusion, …").
    SummaryCloser,
}

impl TellKind {
    /// Whether the rule marks it: only patterns that almost never appear in
    /// human-written news do (docs/rules/ai-tells.md).
    pub fn marked_by_rule(self) -> bool {
        self != TellKind::NotOnlyButAlso
    }

    pub fn id(self) -> &'static str {
        match self {
            TellKind::StockPhrase => "stock-phrase",
            TellKind::AssistantLeftover => "assistant-leftover",
            TellKind::NotOnlyButAlso => "not-only-but-also",
            TellKind::SummaryCloser => "summary-closer",
        }
    }

    fn message(self) -> &'static str {
        match self {
            TellKind::StockPhrase => "stock phrase readers associate with machine-generated prose",
            TellKind::AssistantLeftover => "reads like a chat assistant's reply left in the text",
            TellKind::NotOnlyButAlso => {
                "\"not only … but also\": a formula generated prose leans on"
            }
            TellKind::SummaryCloser => "the paragraph closes on a summing-up formula",
        }
    }

    fn explanation(self) -> &'static str {
        match self {
            TellKind::StockPhrase => {
                "Phrases such as \"delve into\", \"a testament to\" or \"rich tapestry\" are \
                 so common in machine-generated text that readers have learnt to spot them, and \
                 they are rare in human-written news. They also say little: name the thing itself. \
                 This does not mean the text was generated; it is what a reader might notice."
            }
            TellKind::AssistantLeftover => {
                "Text addressed to the person who asked a chat assistant (\"I hope this helps\", \
                 \"as an AI language model\") does not belong in an article. Remove it."
            }
            TellKind::NotOnlyButAlso => {
                "\"Not only X but also Y\" builds emphasis by formula; generated prose uses it far \
                 more often than news writing does. Say both things plainly, or lead with the \
                 stronger one. This does not mean the text was generated."
            }
            TellKind::SummaryCloser => {
                "A paragraph that ends by summing itself up (\"In conclusion, …\", \"Ultimately, …\") \
                 repeats what the reader has just read; generated prose does it paragraph after \
                 paragraph. News paragraphs end on a fact. This does not mean the text was generated."
            }
        }
    }
}

/// One match, over the writer's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Tell {
    pub kind: TellKind,
    pub span: Span,
}

/// The phrases, written as a reader would; each is cut into tokens as the
/// token table cuts text ("today's" -> "today", "'s"). `a|b` is a choice of words.
const STOCK_PHRASES: &[&str] = &[
    "delve|delves|delved|delving into",
    "delve|delves|delved|delving deeper",
    "a testament to",
    "stands|stand|stood as a testament",
    "in today's fast-paced world",
    "in today's digital age",
    "in today's ever-changing",
    "in today's ever-evolving",
    "in an ever-changing world",
    "in an ever-evolving",
    "ever-evolving landscape",
    "it is|was important to note that",
    "it's important to note that",
    "navigate|navigates|navigating the complexities",
    "navigate|navigates|navigating the intricacies",
    "rich tapestry",
    "vibrant tapestry",
    "intricate tapestry",
    "tapestry of",
    "plays|play|played|playing a pivotal role",
    "in the realm of",
    "the intricate interplay",
    "embark|embarks|embarking on a journey",
    "unlock|unlocks|unlocking the full potential",
    "harness|harnesses|harnessing the power of",
    "a beacon of hope",
    "serves|serve|served as a testament",
    "cannot be overstated",
    "can't be overstated",
    "foster|fosters|fostering a sense of",
    "a myriad of",
    "nuanced understanding",
    "multifaceted nature",
    "let's delve",
    "let's dive in",
    "whether you're a",
    "in the ever-changing landscape",
    "the ever-changing landscape",
    "an unwavering commitment to",
    "a treasure trove of",
    "seamlessly integrate|integrates|integrating",
    "elevate|elevates your",
];

const ASSISTANT_LEFTOVERS: &[&str] = &[
    "as an ai language model",
    "as a large language model",
    "as of my last knowledge update",
    "as of my knowledge cutoff",
    "i hope this helps",
    "certainly here is|here's",
    "i cannot fulfill this request",
    "regenerate response",
];

/// Sentence openers that sum up what came before.
const SUMMARY_OPENERS: &[&str] = &[
    "in conclusion",
    "in summary",
    "to sum up",
    "all in all",
    "in essence",
    "ultimately",
];

/// A phrase: each position holds the words that may stand there.
struct Phrase {
    words: Vec<Vec<String>>,
    kind: TellKind,
}

/// Phrases by every word their first position may hold.
struct Phrases {
    by_first: FxHashMap<String, Vec<Phrase>>,
}

static PHRASES: LazyLock<Phrases> = LazyLock::new(|| {
    let mut by_first: FxHashMap<String, Vec<Phrase>> = FxHashMap::default();
    let lists = [
        (STOCK_PHRASES, TellKind::StockPhrase),
        (ASSISTANT_LEFTOVERS, TellKind::AssistantLeftover),
    ];
    for (list, kind) in lists {
        for text in list {
            let words = phrase_words(text);
            for first in &words[0] {
                by_first.entry(first.clone()).or_default().push(Phrase {
                    words: words.clone(),
                    kind,
                });
            }
        }
    }
    Phrases { by_first }
});

/// "in today's world" -> [["in"], ["today"], ["'s"], ["world"]].
fn phrase_words(text: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for word in text.split_whitespace() {
        let choices: Vec<&str> = word.split('|').collect();
        let possessive = choices.iter().all(|c| c.len() > 2 && c.ends_with("'s"))
            && !choices.iter().any(|c| *c == "let's" || *c == "it's");
        if possessive {
            out.push(
                choices
                    .iter()
                    .map(|c| c[..c.len() - 2].to_string())
                    .collect(),
            );
            out.push(vec!["'s".to_string()]);
        } else {
            out.push(choices.iter().map(|c| c.to_string()).collect());
        }
    }
    out
}

/// Whether a token is a word the phrase position allows.
fn matches_at(token: &Token, choices: &[String]) -> bool {
    matches!(
        token.kind,
        TokenKind::Word | TokenKind::Possessive | TokenKind::Number
    ) && choices.iter().any(|c| token.norm == c.as_str())
}

/// The tells of one sentence. `last_in_paragraph`: whether it closes its block.
/// Quoted tokens are the speaker's and never match.
pub fn sentence_tells(tokens: &[Token], last_in_paragraph: bool, out: &mut Vec<Tell>) {
    phrase_tells(tokens, out);
    if let Some(span) = not_only_but_also(tokens) {
        out.push(Tell {
            kind: TellKind::NotOnlyButAlso,
            span,
        });
    }
    if last_in_paragraph {
        if let Some(span) = summary_opener(tokens) {
            out.push(Tell {
                kind: TellKind::SummaryCloser,
                span,
            });
        }
    }
}

fn phrase_tells(tokens: &[Token], out: &mut Vec<Tell>) {
    let phrases = &*PHRASES;
    let mut i = 0;
    while i < tokens.len() {
        let found = phrases
            .by_first
            .get(tokens[i].norm.as_str())
            .filter(|_| !tokens[i].quoted)
            .and_then(|candidates| {
                candidates.iter().find_map(|p| {
                    let end = i + p.words.len();
                    let window = tokens.get(i..end)?;
                    let all = window
                        .iter()
                        .zip(&p.words)
                        .all(|(t, w)| !t.quoted && matches_at(t, w));
                    all.then_some((p.kind, end))
                })
            });
        match found {
            Some((kind, end)) => {
                out.push(Tell {
                    kind,
                    span: Span::new(tokens[i].span.start, tokens[end - 1].span.end),
                });
                i = end;
            }
            None => i += 1,
        }
    }
}

/// "not only … but also" (or "but … as well") within the writer's words.
fn not_only_but_also(tokens: &[Token]) -> Option<Span> {
    let writer = |t: &Token| !t.quoted;
    let start = tokens
        .windows(2)
        .position(|w| w[0].norm == "not" && w[1].norm == "only" && writer(&w[0]))?;
    let rest = &tokens[start + 2..];
    let end = rest.windows(2).find_map(|w| {
        let but_also = w[0].norm == "but" && w[1].norm == "also" && writer(&w[1]);
        but_also.then_some(w[1].span.end)
    })?;
    Some(Span::new(tokens[start].span.start, end))
}

/// A sentence that opens with a summing-up formula and a comma ("In conclusion, …").
fn summary_opener(tokens: &[Token]) -> Option<Span> {
    let words: Vec<&Token> = tokens
        .iter()
        .skip_while(|t| t.is_quote() || t.is_punct("*") || t.is_punct("_"))
        .collect();
    SUMMARY_OPENERS.iter().find_map(|opener| {
        let n = opener.split_whitespace().count();
        let head = words.get(..n)?;
        let same = head
            .iter()
            .zip(opener.split_whitespace())
            .all(|(t, w)| !t.quoted && t.norm == w);
        let comma = words.get(n).is_some_and(|t| t.is_punct(","));
        (same && comma).then(|| Span::new(head[0].span.start, head[n - 1].span.end))
    })
}

/// Whether sentence `i` is the last of its block.
pub fn closes_block(sentences: &[Sentence], i: usize) -> bool {
    sentences
        .get(i + 1)
        .is_none_or(|next| next.block != sentences[i].block)
}

fn check(ctx: &RuleContext) -> Vec<Finding> {
    let mut tells = Vec::new();
    for i in 0..ctx.sentences.len() {
        let tokens = ctx.tokens.sentence(i);
        sentence_tells(tokens, closes_block(ctx.sentences, i), &mut tells);
    }
    let blockquotes = ctx.config.quotes.blockquotes;
    tells
        .into_iter()
        .filter(|t| t.kind.marked_by_rule() && !ctx.quotes.inside_quote(t.span, blockquotes))
        .map(finding)
        .collect()
}

fn finding(tell: Tell) -> Finding {
    Finding {
        rule: ID,
        category: Some(shared::text(tell.kind.id())),
        severity: RULE.default_severity,
        message: shared::text(tell.kind.message()),
        span: tell.span,
        explanation: shared::text(tell.kind.explanation()),
        alternatives: shared::no_alternatives(),
        fixes: Default::default(),
        related: Vec::new(),
    }
}

#[cfg(test)]
mod tests;
