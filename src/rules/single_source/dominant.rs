//! dominant-source: an article that leans on one voice.

use crate::analysis::attribution::{Attribution, Attributions, Shares, SourceKind};
use crate::config::Config;
use crate::rules::{Finding, Related, Severity};

/// The article leans on one voice: ONE finding at that source's first mention.
pub fn finding(attrs: &Attributions, config: &Config) -> Option<Finding> {
    let settings = &config.single_source;
    // Counted when the attributions were made: this runs on every edit.
    let Shares {
        per_source: counts,
        total,
    } = &attrs.shares;
    let total = *total;
    if total == 0 || total < settings.min_statements {
        return None;
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
        return None;
    };
    let src = &attrs.sources[source];
    let mut f = super::finding(
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
    Some(f)
}
