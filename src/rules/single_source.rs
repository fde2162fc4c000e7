//! single-source: a claim or an article that rests on one source.
//!
//! Categories:
//! - `anonymous-source`: a claim whose only attribution is anonymous ("one official said");
//! - `uncorroborated-claim`: a contested claim ("alleges", "accused", "claims", "said he
//!   was beaten") from one source, with no second source, corroboration or citation in
//!   the same or adjacent paragraphs. A writer's "could not independently verify" note
//!   changes the message but does not silence it;
//! - `dominant-source`: at least `single-source.min-statements` attributed statements,
//!   and one source supplies `single-source.dominant-share` of them (or only one named
//!   source speaks): one finding at that source's first mention, with its other
//!   statements as related spans.

use super::{shared, Finding, Fixes, Related, Rule, RuleContext, Scope, Severity};
use crate::analysis::attribution::{
    Attribution, Attributions, CueClass, CueForm, Shares, SourceKind,
};
use crate::analysis::Span;
use crate::config::Config;
use crate::lexicon::norm::Norm;

pub static RULE: Rule = Rule {
    id: "single-source",
    scope: Scope::Draft,
    summary: "A claim or article that rests on one source",
    default_severity: Severity::Warning,
    check,
    whole_draft: Some(whole_draft),
    fires_on: &[
        "The minister will resign next week, one official said.",
        "A person familiar with the matter said the deal was off.",
        "Michael, not his real name, claims his superiors locked him in a pit for three days.",
        "Dana Reyes alleges that guards beat her. The agency could not independently verify her account.",
        "Ana Petrova said the bakery was closed. She said the bread ran out. Petrova said the street was empty. She added that nobody came. Tomas Reyes said he stayed home.",
    ],
    quiet_on: &[
        "The minister will resign next week, the ministry's spokesperson, Olena Bondar, said.",
        "Dana Reyes alleges that guards beat her. A second detainee, Omar Said, said he saw the beating.",
        "Dana Reyes alleges that guards beat her, a claim independently verified by the Red Cross.",
        "Ana Petrova said the bakery was closed. Tomas Reyes said the bread ran out. Lina Okafor said the street was empty. Sofia Lindqvist said nobody came.",
        "The council met on Monday.",
        "Tom Ruiz said he had learned the trade from his father.",
    ],
};

fn check(ctx: &RuleContext) -> Vec<Finding> {
    let mut out = Vec::new();
    if ctx.config.category_enabled(RULE.id, "anonymous-source") {
        out.extend(anonymous_sources(ctx));
    }
    if ctx.config.category_enabled(RULE.id, "uncorroborated-claim") {
        out.extend(uncorroborated_claims(ctx));
    }
    out
}

fn whole_draft(attrs: &Attributions, config: &Config) -> Vec<Finding> {
    if config.category_enabled(RULE.id, "dominant-source") {
        dominant_source(attrs, config)
    } else {
        Vec::new()
    }
}

/// Attributions that report a statement in the writer's voice (not a quote continuation,
/// not "declined to comment", not a statement merely named by a noun).
fn is_statement(a: &Attribution) -> bool {
    a.continues.is_none() && a.cue_class != CueClass::NoComment && a.form != CueForm::Noun
}

fn finding(
    category: &str,
    severity: Severity,
    span: Span,
    message: String,
    explanation: &str,
) -> Finding {
    Finding {
        rule: RULE.id,
        category: Some(shared::text(category)),
        severity,
        message: message.into(),
        span,
        explanation: shared::text(explanation),
        alternatives: shared::no_alternatives(),
        fixes: Fixes::none(),
        related: Vec::new(),
    }
}

fn mention_span(a: &Attribution) -> Span {
    match a.cue {
        Some(c) if c.start >= a.source.end && c.start - a.source.end <= 40 => {
            Span::new(a.source.start, c.end)
        }
        Some(c) if c.end <= a.source.start && a.source.start - c.end <= 4 => {
            Span::new(c.start, a.source.end)
        }
        _ => a.source,
    }
}

/// A claim whose only attribution is anonymous.
fn anonymous_sources(ctx: &RuleContext) -> Vec<Finding> {
    let attrs = ctx.attributions;
    let mut out: Vec<Finding> = Vec::new();
    let mut reported: Vec<(usize, Option<usize>)> = Vec::new();
    for (si, in_sentence) in attrs.by_sentence(ctx.sentences.len()).enumerate() {
        let here: Vec<&Attribution> = in_sentence
            .iter()
            .filter(|a| is_statement(a) || a.kind == SourceKind::Citation)
            .collect();
        let Some(first) = here.first() else { continue };
        let all_anonymous = here
            .iter()
            .all(|a| attrs.effective_kind(a) == SourceKind::Anonymous);
        if !all_anonymous {
            continue;
        }
        // One finding per anonymous source per paragraph; its later claims there are related.
        let block = ctx.sentences[si].block;
        let same_source_earlier = first.canonical.is_some()
            && reported
                .iter()
                .rev()
                .take_while(|&&(b, _)| b == block)
                .any(|&(_, c)| c == first.canonical);
        if same_source_earlier {
            if let Some(f) = out
                .iter_mut()
                .rev()
                .find(|f: &&mut Finding| f.category.as_deref() == Some("anonymous-source"))
            {
                f.related.push(Related {
                    span: mention_span(first),
                    message: "another claim from the same unnamed source".into(),
                });
            }
            continue;
        }
        reported.push((block, first.canonical));
        let pseudonym = attrs.source_of(first).is_some_and(|s| s.pseudonym);
        let who = first
            .source
            .text(ctx.text)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let message = if pseudonym {
            format!("Only a source under a pseudonym (\"{who}\") supports this. Can anyone named, or a document, confirm it?")
        } else {
            format!("Only an anonymous source (\"{who}\") supports this. Can a named source or a document confirm it?")
        };
        out.push(finding(
            "anonymous-source",
            Severity::Info,
            mention_span(first),
            message,
            "Readers cannot weigh a source they cannot identify. Anonymity is sometimes necessary, but a claim that rests on it alone should say why the source was granted anonymity and be confirmed another way where possible.",
        ));
    }
    out
}

/// `word.to_lowercase()`, kept inline: no heap string for a short word.
fn lower_case(word: &str) -> Norm {
    if word.is_ascii() {
        Norm::ascii_lower(word)
    } else {
        Norm::from(word.to_lowercase())
    }
}

/// Is this attribution a contested claim: "alleges", "claims", "accused", "said he was beaten"?
fn is_contested(ctx: &RuleContext, a: &Attribution) -> bool {
    if a.cue_class == CueClass::Contested {
        return true;
    }
    if a.cue_class != CueClass::Report || a.form != CueForm::Verb {
        return false;
    }
    // "said he was beaten", "says she had been held": a claim about what was done to the speaker.
    let Some(content) = a.content else {
        return false;
    };
    let words: Vec<Norm> = content
        .text(ctx.text)
        .split_whitespace()
        .take(5)
        .map(|w| lower_case(w.trim_matches(|c: char| !c.is_alphanumeric())))
        .collect();
    let [subject, aux, rest @ ..] = words.as_slice() else {
        return false;
    };
    let pronoun = matches!(subject.as_str(), "he" | "she" | "they" | "i" | "we");
    let passive_aux = match aux.as_str() {
        "was" | "were" => true,
        // "had been held" is done to the speaker; "had learned" is the speaker's own doing.
        "had" | "has" | "have" => rest.first().is_some_and(|w| w == "been"),
        _ => false,
    };
    let participle = rest
        .iter()
        .find(|w| !matches!(w.as_str(), "been" | "being" | "repeatedly" | "also"));
    pronoun
        && passive_aux
        && participle.is_some_and(|p| {
            p.ends_with("ed")
                || matches!(
                    p.as_str(),
                    "beaten"
                        | "held"
                        | "kept"
                        | "hit"
                        | "shot"
                        | "struck"
                        | "thrown"
                        | "taken"
                        | "told"
                        | "forced"
                        | "sent"
                        | "bound"
                        | "left"
                        | "made"
                        | "given"
                )
        })
}

/// A contested claim from one source with no other source on the matter nearby.
fn uncorroborated_claims(ctx: &RuleContext) -> Vec<Finding> {
    let attrs = ctx.attributions;
    let mut out = Vec::new();
    for a in attrs.list.iter().filter(|a| is_statement(a)) {
        let kind = attrs.effective_kind(a);
        if matches!(kind, SourceKind::Vague | SourceKind::Citation) || !is_contested(ctx, a) {
            continue;
        }
        let block = ctx.sentences[a.sentence].block;
        let near = |si: usize| {
            let b = ctx.sentences[si].block;
            b + 1 >= block && b <= block + 1
        };
        let first = ctx.sentences.partition_point(|s| s.block + 1 < block);
        let window: Vec<usize> = (first..ctx.sentences.len())
            .take_while(|&si| ctx.sentences[si].block <= block + 1)
            .filter(|&si| near(si))
            .collect();
        // A second source counts when it speaks to the same matter: its sentence shares
        // content words with the claim.
        let claim_words = content_words(
            a.content
                .unwrap_or(ctx.sentences[a.sentence].span)
                .text(ctx.text),
        );
        let other_source = window.iter().any(|&si| {
            let on_the_matter = || {
                let words = content_words(ctx.sentences[si].span.text(ctx.text));
                words
                    .iter()
                    .any(|w| claim_words.iter().any(|c| same_stem(c, w)))
            };
            attrs.in_sentence(si).iter().any(|b| {
                b.canonical != a.canonical
                    && b.cue_class != CueClass::NoComment
                    && b.continues.is_none()
                    && (b.kind == SourceKind::Citation
                        || (attrs.effective_kind(b) != SourceKind::Vague && b.canonical.is_some()))
                    && (si == a.sentence || on_the_matter())
            })
        });
        // The writer's note often follows the quotes: look two paragraphs ahead for it.
        let notes: Vec<_> = attrs
            .corroboration
            .iter()
            .filter(|n| {
                let b = ctx.sentences[n.sentence].block;
                b + 1 >= block && b <= block + 2
            })
            .collect();
        let corroborated = notes.iter().any(|n| n.verified);
        if other_source || corroborated {
            continue;
        }
        let unverified = notes.iter().find(|n| !n.verified);
        let who = attrs.source_of(a).map_or_else(
            || a.source.text(ctx.text).to_string(),
            |s| s.name.to_string(),
        );
        let message = match unverified {
            Some(_) => format!(
                "This contested claim rests on {who} alone, and the draft says it could not be verified. Is there a second source, a document or a response from the accused?"
            ),
            None => format!(
                "This contested claim rests on {who} alone. Who or what else supports it: a second source, a document, a response from the accused?"
            ),
        };
        let mut f = finding(
            "uncorroborated-claim",
            Severity::Warning,
            mention_span(a),
            message,
            "An allegation carried by one voice, with nothing near it that confirms or answers it, asks the reader to take that voice's word. Corroboration, a document or the other side's response lets the reader weigh it.",
        );
        if let Some(n) = unverified {
            f.related.push(Related {
                span: n.span,
                message: "the draft's note that the claim could not be verified".into(),
            });
        }
        out.push(f);
    }
    out
}

/// Lower-case words of four letters or more, without a plural "s": a rough way to tell
/// whether two sentences are about the same matter.
fn content_words(text: &str) -> Vec<String> {
    const COMMON: &[&str] = &[
        "that", "this", "with", "from", "have", "were", "been", "they", "their", "there", "about",
        "would", "could", "said", "says", "also", "than", "them", "when", "what", "which", "will",
        "into", "after", "before", "other", "some", "more", "only", "over",
    ];
    let mut out: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4)
        .map(|w| {
            let w = w.to_lowercase();
            w.strip_suffix('s')
                .filter(|s| s.len() >= 4)
                .map_or(w.clone(), str::to_string)
        })
        .filter(|w| !COMMON.contains(&w.as_str()))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// "beat" and "beating", "guard" and "guards": one word starts the other.
fn same_stem(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.len() >= 4 && long.starts_with(short)
}

/// The article leans on one voice: ONE finding at that source's first mention.
fn dominant_source(attrs: &Attributions, config: &Config) -> Vec<Finding> {
    let settings = &config.single_source;
    // Counted when the attributions were made: this runs on every edit.
    let Shares {
        per_source: counts,
        total,
    } = &attrs.shares;
    let total = *total;
    if total == 0 || total < settings.min_statements {
        return Vec::new();
    }
    let (top, &top_count) = counts
        .iter()
        .enumerate()
        .max_by_key(|&(i, &n)| (n, std::cmp::Reverse(attrs.sources[i].first_mention.start)))
        .expect("at least one statement");
    let named: Vec<usize> = (0..attrs.sources.len())
        .filter(|&i| {
            counts[i] > 0
                && attrs.sources[i].kind == SourceKind::Named
                && !attrs.sources[i].pseudonym
        })
        .collect();
    let share = top_count as f64 / total as f64;
    let (source, reason) = if share >= settings.dominant_share {
        (
            top,
            format!(
                "{} of the {} attributed statements ({:.0}%) come from {}.",
                top_count,
                total,
                share * 100.0,
                attrs.sources[top].name
            ),
        )
    } else if named.len() == 1 {
        let only = named[0];
        (
            only,
            format!(
                "{} is the only named source among {} attributed statements.",
                attrs.sources[only].name, total
            ),
        )
    } else {
        return Vec::new();
    };
    let src = &attrs.sources[source];
    let mut f = finding(
        "dominant-source",
        Severity::Info,
        src.first_mention,
        format!("{reason} Who else could confirm, add to or answer this account?"),
        "A story told mostly through one voice inherits that voice's blind spots and interests. Other sources, documents or a response from those the source criticises give the reader a way to check it.",
    );
    let mine: Vec<&Attribution> = src
        .statements
        .iter()
        .map(|&i| &attrs.list[i])
        .filter(|a| a.adds_to_share())
        .collect();
    let n = mine.len();
    for (k, a) in mine.iter().enumerate() {
        // The statement made at the first mention is the finding itself.
        if a.source.overlaps(src.first_mention) && a.continues.is_none() {
            continue;
        }
        let span = a.content.filter(|c| !c.is_empty()).unwrap_or(a.source);
        f.related.push(Related {
            span,
            message: format!("statement {} of {n} from {}", k + 1, src.name).into(),
        });
    }
    vec![f]
}

#[cfg(test)]
mod tests {
    use crate::{analyze, Config, Format};

    fn categories(text: &str) -> Vec<String> {
        analyze(text, Format::Markdown, &Config::default())
            .findings
            .into_iter()
            .filter(|f| f.rule == "single-source")
            .filter_map(|f| f.category.as_deref().map(str::to_string))
            .collect()
    }

    #[test]
    fn anonymous_sole_source() {
        assert_eq!(
            categories("The minister will resign, one official said."),
            ["anonymous-source"]
        );
        assert_eq!(
            categories(
                "A senior official who spoke on condition of anonymity said the talks had failed."
            ),
            ["anonymous-source"]
        );
        assert!(categories(
            "The minister will resign, the ministry's spokesperson, Olena Bondar, said."
        )
        .is_empty());
        assert!(categories("One official and the minister's spokesperson, Olena Bondar, both said the talks had failed.").is_empty()
            || categories("One official said the talks had failed, and Olena Bondar, the spokesperson, said so too.").is_empty());
    }

    #[test]
    fn contested_claims_need_corroboration() {
        assert_eq!(
            categories("Dana Reyes alleges that guards beat her."),
            ["uncorroborated-claim"]
        );
        assert!(categories(
            "Dana Reyes alleges that guards beat her. A second detainee, Omar Said, said he saw the beating."
        )
        .is_empty());
        assert!(categories(
            "Dana Reyes alleges that guards beat her, a claim independently verified by the Red Cross."
        )
        .is_empty());
        assert_eq!(
            categories("Tom Ruiz said he was beaten by guards."),
            ["uncorroborated-claim"]
        );
        assert_eq!(
            categories("Tom Ruiz said he had been repeatedly beaten by guards."),
            ["uncorroborated-claim"]
        );
        assert_eq!(
            categories("Tom Ruiz said they have been threatened by guards."),
            ["uncorroborated-claim"]
        );
        // The past perfect is what the speaker did, not what was done to him.
        assert!(categories("Tom Ruiz said he had learned the trade from his father.").is_empty());
        assert!(categories("Tom Ruiz said he has worked there since 2010.").is_empty());
    }

    #[test]
    fn an_unverified_note_softens_but_does_not_silence() {
        let a = analyze(
            "Dana Reyes alleges that guards beat her.\n\nThe Courier could not independently verify her account.",
            Format::Markdown,
            &Config::default(),
        );
        let f = a
            .findings
            .iter()
            .find(|f| f.category.as_deref() == Some("uncorroborated-claim"))
            .expect("still fires");
        assert!(f.message.contains("could not be verified"), "{}", f.message);
        assert_eq!(f.related.len(), 1);
    }

    #[test]
    fn one_finding_for_a_dominant_source_with_related_statements() {
        let text = "Ana Petrova said the bakery was closed. She said the bread ran out. Petrova said the street was empty. She added that nobody came. Tomas Reyes said he stayed home.";
        let a = analyze(text, Format::Markdown, &Config::default());
        let dominant: Vec<_> = a
            .findings
            .iter()
            .filter(|f| f.category.as_deref() == Some("dominant-source"))
            .collect();
        assert_eq!(dominant.len(), 1);
        assert_eq!(dominant[0].span.text(text), "Ana Petrova");
        assert_eq!(dominant[0].related.len(), 3);
    }

    #[test]
    fn balanced_sources_are_quiet() {
        let text = "Ana Petrova said the bakery was closed. Tomas Reyes said the bread ran out. Lina Okafor said the street was empty. Sofia Lindqvist said nobody came.";
        assert!(categories(text).is_empty());
    }
}
