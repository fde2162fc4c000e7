//! loaded-language: charged, pejorative or puffed-up wording in the writer's own voice.
//!
//! The words come from the lexicon (`crate::lexicon::loaded`); this file decides
//! what to report: it merges an intensifier with the loaded word it boosts,
//! keeps quiet about quoted speech and allowlisted terms, and turns matches
//! into findings with neutral alternatives and fixes.

use super::{shared, Edit, Finding, Fix, Rule, RuleContext, Scope, Severity};
use crate::analysis::Span;
use crate::config::QuotePolicy;
use crate::lexicon::loaded::{Category, LexMatch, Lexicon};
use crate::lexicon::phrases::{from_table, tokens, Token};

pub const ID: &str = "loaded-language";

pub static RULE: Rule = Rule {
    id: ID,
    scope: Scope::Piece,
    summary: "Charged, pejorative or puffed-up wording in the writer's own voice",
    default_severity: Severity::Warning,
    check,
    whole_draft: None,
    fires_on: &[
        "Critics slammed the plan on Tuesday.",
        "The puppet regime jailed three reporters.",
        "It was an incredibly brutal crackdown.",
        "The inquiry is a sheer joke.",
        "She is a world-class architect.",
        "The outcome would be catastrophic for farmers.",
        "The mayor lashed out at reporters.",
        "He called the inquiry a witch hunt and the press fake news.",
        "Thugs attacked the office overnight.",
        "The council's decision was extremely unfair.",
        "Prices are ridiculously high.",
        "The senator's horrific remarks drew protests.",
        "The report conveniently left out the costs.",
        "She admitted she had misread the figures.",
        "The firm defended its \"discriminating\" hiring policy.",
        "The notorious militia returned to the town.",
        "He said he joined the infamous group in 2010.",
    ],
    quiet_on: &[
        "Critics criticised the plan on Tuesday.",
        "The new tax regime starts in April.",
        "She slammed the door and left.",
        "The team claimed the title in May.",
        "The study revealed that rates fell.",
        "It was a very long meeting.",
        "\"This is a brutal and shameful decision,\" the senator said.",
        "The storm slammed into the coast.",
        "He was admitted to hospital on Friday.",
        "The government said the figures were accurate.",
        "The party conceded defeat on Sunday.",
        "The city is notorious for its traffic.",
        "The hotel is conveniently located near the station.",
        "The mayor called the plan \"reckless\" on Tuesday.",
    ],
};

/// What one finding is made of.
#[derive(Clone, Copy, Debug)]
enum Hit<'a> {
    /// A loaded word or phrase on its own.
    Term(LexMatch<'a>),
    /// An intensifier boosting the match right after it ("incredibly brutal").
    Boosted {
        booster: LexMatch<'a>,
        head: LexMatch<'a>,
    },
}

fn check(ctx: &RuleContext) -> Vec<Finding> {
    let lexicon = Lexicon::with_project(&ctx.config.lexicon);
    let mut findings = Vec::new();
    // One token buffer per thread, kept from piece to piece (a piece is often one paragraph).
    thread_local! {
        static TOKENS: std::cell::Cell<Vec<Token>> = const { std::cell::Cell::new(Vec::new()) };
    }
    let mut toks = TOKENS.take();
    for si in 0..ctx.sentences.len() {
        let table = ctx.tokens.sentence(si);
        from_table(&ctx.prose.masked, table, &mut toks);
        if toks.is_empty() {
            continue;
        }
        let words = context::word_indices(table);
        let matches: Vec<LexMatch> = lexicon
            .scan(&toks)
            .into_iter()
            .filter(|m| {
                !allowlisted(ctx, &toks, m)
                    && !inside_a_name(ctx.text, &toks, m)
                    && context::allows(table, &words, m)
            })
            .collect();
        let from = findings.len();
        findings.extend(
            hits(&toks, &matches)
                .into_iter()
                .filter_map(|hit| finding(ctx, &toks, hit)),
        );
        // One problem, one finding: a quote already flagged for the words in it
        // (or for "so-called" right before it) is not flagged again.
        let scare = scare_quotes::find(ctx, si);
        let near = |s: Span, f: &Finding| f.span.overlaps(s) || adjoins(ctx.text, f.span, s);
        let fresh: Vec<Finding> = scare
            .into_iter()
            .filter(|s| !findings[from..].iter().any(|f| near(s.span, f)))
            .collect();
        findings.extend(fresh);
    }
    findings.sort_by_key(|f| (f.span.start, f.span.end));
    TOKENS.set(toks);
    findings
}

/// `a` ends right before `b`, with only spaces between ("so-called \"experts\"").
fn adjoins(text: &str, a: Span, b: Span) -> bool {
    a.end <= b.start && text[a.end..b.start].trim().is_empty()
}

/// A match is allowlisted by its headword or by the words as written.
fn allowlisted(ctx: &RuleContext, toks: &[Token], m: &LexMatch) -> bool {
    ctx.config.allows(&m.entry.term) || ctx.config.allows(span_of(toks, m).text(ctx.text))
}

/// A capitalised match in the middle of a sentence written in sentence case
/// is most likely part of a name ("The Daily Sheeple", a book title): the
/// writer did not choose that word. Headlines in Title Case are still checked,
/// and so are words normally written with a capital ("Orwellian").
fn inside_a_name(text: &str, toks: &[Token], m: &LexMatch) -> bool {
    let starts_upper = |t: &Token| {
        t.span
            .text(text)
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    };
    let word = toks[m.start].span.text(text);
    let shouting = word.chars().filter(|c| c.is_alphabetic()).count() > 1
        && !word.chars().any(char::is_lowercase);
    if m.entry.capitalised || m.start == 0 || shouting || !starts_upper(&toks[m.start]) {
        return false;
    }
    let capitalised = toks.iter().filter(|t| starts_upper(t)).count();
    // Title Case: at least two words in three capitalised.
    capitalised * 3 < toks.len() * 2
}

/// Group matches into hits: an intensifier merges with a boostable match right
/// after it (whitespace between them only: "So, terrible" stays apart); a booster-only intensifier alone and a bare evaluative word are
/// not reported.
fn hits<'a>(toks: &[Token], matches: &[LexMatch<'a>]) -> Vec<Hit<'a>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < matches.len() {
        let m = matches[i];
        match m.entry.category {
            Category::Intensifier => match matches.get(i + 1) {
                Some(&head)
                    if head.start == m.end && toks[head.start].joined && boosts(&m, &head) =>
                {
                    out.push(Hit::Boosted { booster: m, head });
                    i += 1;
                }
                _ if m.entry.standalone => out.push(Hit::Term(m)),
                _ => {}
            },
            Category::Evaluative => {}
            _ => out.push(Hit::Term(m)),
        }
        i += 1;
    }
    out
}

/// Whether intensifier `booster` boosts `head`.
fn boosts(booster: &LexMatch, head: &LexMatch) -> bool {
    match head.entry.category {
        Category::Evaluative => !booster.entry.weak,
        c => c.can_be_boosted(),
    }
}

fn span_of(toks: &[Token], m: &LexMatch) -> Span {
    Span::new(toks[m.start].span.start, toks[m.end - 1].span.end)
}

/// Default severity from the entry's weight (see docs/rules/loaded-language.md).
pub fn severity_for_weight(weight: f32) -> Severity {
    if weight >= 0.75 {
        Severity::Warning
    } else if weight >= 0.5 {
        Severity::Info
    } else {
        Severity::Hint
    }
}

/// How a category is named in a message: `"x" is {description}`.
fn description(category: Category) -> &'static str {
    match category {
        Category::PejorativeLabel => "a pejorative label",
        Category::EmotionallyCharged => "emotionally charged",
        Category::Intensifier => "an intensifier",
        Category::Hyperbole => "hyperbole",
        Category::Puffery => "puffery",
        Category::LoadedVerbOfSaying => "a loaded verb of saying",
        Category::Insinuation => "insinuation",
        Category::DoubtCastingVerb => "a verb of saying that casts doubt",
        Category::ScareQuote => "a scare quote",
        Category::Evaluative => "a judgement",
    }
}

/// What to do instead, when the lexicon has no neutral alternative.
fn advice(category: Category) -> &'static str {
    match category {
        Category::PejorativeLabel => "describe what the person or group did",
        Category::EmotionallyCharged => "describe what happened and let readers judge",
        Category::Intensifier | Category::Evaluative => {
            "cut it, or give the fact that shows the degree"
        }
        Category::Hyperbole => "give the figure or comparison instead",
        Category::Puffery => "show the achievement instead of praising it",
        Category::LoadedVerbOfSaying | Category::DoubtCastingVerb => "\"said\" is neutral",
        Category::Insinuation => "state the fact behind the hint, or cut the word",
        Category::ScareQuote => "attribute the word or drop the quotation marks",
    }
}

fn finding(ctx: &RuleContext, toks: &[Token], hit: Hit) -> Option<Finding> {
    let (head, booster) = match hit {
        Hit::Term(m) => (m, None),
        Hit::Boosted { booster, head } => (head, Some(booster)),
    };
    // A boosted plain judgement is an intensifier finding; a boosted loaded
    // word keeps the loaded word's category.
    let category = match head.entry.category {
        Category::Evaluative => Category::Intensifier,
        c => c,
    };
    if !ctx.config.category_enabled(ID, category.id()) {
        return None;
    }
    let head_span = span_of(toks, &head);
    let span = match booster {
        Some(b) => Span::new(span_of(toks, &b).start, head_span.end),
        None => head_span,
    };
    let text = span.text(ctx.text);
    if ctx.config.allows(text) {
        return None;
    }
    let quoted = ctx.quotes.inside_quote(span, ctx.config.quotes.blockquotes);
    let weight = booster.map_or(head.entry.weight, |b| b.entry.weight.max(head.entry.weight));
    let severity = match (quoted, ctx.config.quotes.policy) {
        (true, QuotePolicy::Skip) => return None,
        (true, QuotePolicy::Hint) => Severity::Hint,
        _ => severity_for_weight(weight),
    };
    let alternatives = if head.entry.category == Category::Evaluative {
        Vec::new()
    } else {
        head.alternatives()
    };

    let head_text = head_span.text(ctx.text);
    let mut message = match booster {
        None => format!("\"{text}\" is {}", description(category)),
        Some(b) if head.entry.category == Category::Evaluative => format!(
            "\"{}\" intensifies \"{head_text}\"; let the facts show how {}",
            span_of(toks, &b).text(ctx.text),
            head_text.to_lowercase()
        ),
        Some(b) => format!(
            "\"{}\" intensifies \"{head_text}\", which is {}",
            span_of(toks, &b).text(ctx.text),
            description(category)
        ),
    };
    if head.entry.category != Category::Evaluative {
        match alternatives.first() {
            Some(alt) => message.push_str(&format!("; \"{alt}\" is neutral")),
            None => message.push_str(&format!("; {}", advice(category))),
        }
    }
    if quoted {
        message.push_str(" (inside a quotation)");
    }

    let mut fixes = Vec::new();
    if let Some(b) = booster {
        fixes.push(remove_booster(ctx.text, span_of(toks, &b), head_span));
    }
    fixes.extend(alternatives.iter().map(|alt| Fix {
        title: format!("Replace with \"{alt}\"").into(),
        edits: vec![with_article(ctx.text, span, match_case(text, alt))],
    }));

    Some(Finding {
        rule: ID,
        category: Some(shared::text(category.id())),
        severity,
        message: message.into(),
        span,
        explanation: shared::text(&head.entry.explanation),
        alternatives: if alternatives.is_empty() {
            shared::no_alternatives()
        } else {
            alternatives.into()
        },
        fixes: fixes.into(),
        related: Vec::new(),
    })
}

/// Delete the intensifier and the space after it; if the intensifier opened
/// the sentence with a capital, the boosted word takes the capital.
fn remove_booster(text: &str, booster: Span, head: Span) -> Fix {
    let booster_text = booster.text(text);
    // With the booster gone the head follows the article: "an incredibly
    // brutal" becomes "a brutal".
    let removal = with_article(text, Span::new(booster.start, head.start), String::new());
    let mut edits = vec![removal];
    let head_first = head.text(text).chars().next();
    let booster_capital = booster_text.chars().next().is_some_and(char::is_uppercase);
    if let Some(c) = head_first.filter(|c| booster_capital && c.is_lowercase()) {
        edits.push(Edit {
            span: Span::new(head.start, head.start + c.len_utf8()),
            replacement: c.to_uppercase().collect::<String>().into(),
        });
    }
    Fix {
        title: format!("Remove \"{booster_text}\"").into(),
        edits,
    }
}

/// The edit that puts `replacement` over `span`, fixing the indefinite article
/// in front of it when the new first word needs the other one ("an outrageous
/// claim" -> "a contested claim"). With an empty replacement the article is
/// matched to the word after `span` instead.
fn with_article(text: &str, span: Span, replacement: String) -> Edit {
    let plain = Edit {
        span,
        replacement: replacement.as_str().into(),
    };
    let next: &str = if replacement.is_empty() {
        &text[span.end..]
    } else {
        &replacement
    };
    let Some(first) = next
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
    else {
        return plain;
    };
    // A match that brings its own article ("a sheer joke") already agrees.
    let own = span.text(text).to_lowercase();
    if own.starts_with("a ") || own.starts_with("an ") {
        return plain;
    }
    let before = &text[..span.start];
    let gap = before.len() - before.trim_end_matches([' ', '\t']).len();
    let word_end = span.start - gap;
    let word_start = before[..word_end]
        .rfind(|c: char| !c.is_alphabetic())
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let article = &text[word_start..word_end];
    let wanted = indefinite_article(first);
    if gap == 0
        || !matches!(article.to_lowercase().as_str(), "a" | "an")
        || article.eq_ignore_ascii_case(wanted)
    {
        return plain;
    }
    Edit {
        span: Span::new(word_start, span.end),
        replacement: format!(
            "{}{}{replacement}",
            match_case(article, wanted),
            &text[word_end..span.start]
        )
        .into(),
    }
}

/// "a" or "an" before `word`, by its sound as far as spelling shows it.
fn indefinite_article(word: &str) -> &'static str {
    let lower = word.to_lowercase();
    let consonant_sound = [
        "uni", "use", "usu", "uti", "eu", "one", "once", "ubiq", "ura",
    ];
    let vowel_sound = ["hour", "honest", "honor", "honour", "heir"];
    let starts_with_vowel = lower.starts_with(['a', 'e', 'i', 'o', 'u']);
    let vowel = (starts_with_vowel && !consonant_sound.iter().any(|p| lower.starts_with(p)))
        || vowel_sound.iter().any(|p| lower.starts_with(p));
    if vowel {
        "an"
    } else {
        "a"
    }
}

/// The headword of the lexicon entry that `flagged` (a finding's whole text) is,
/// if it is exactly one entry: "thugs" -> "thug", "slammed" -> "slam".
pub fn headword(flagged: &str, config: &crate::config::Config) -> Option<String> {
    let toks = tokens(flagged, Span::new(0, flagged.len()));
    let lexicon = Lexicon::with_project(&config.lexicon);
    match lexicon.scan(&toks).as_slice() {
        [m] if m.start == 0 && m.end == toks.len() => Some(m.entry.term.clone()),
        _ => None,
    }
}

/// Give `replacement` the capitalisation of `original`: "Slammed" ->
/// "Criticised", "SLAMMED" -> "CRITICISED", "slammed" -> "criticised".
pub fn match_case(original: &str, replacement: &str) -> String {
    let letters: Vec<char> = original.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return replacement.to_uppercase();
    }
    if original.chars().next().is_some_and(char::is_uppercase) {
        let mut chars = replacement.chars();
        if let Some(first) = chars.next() {
            return first.to_uppercase().chain(chars).collect();
        }
    }
    replacement.to_string()
}

mod context;
mod scare_quotes;

#[cfg(test)]
mod tests;
