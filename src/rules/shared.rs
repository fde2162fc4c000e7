//! What many findings hold alike (categories, explanations, no fixes), one `Arc` each.
//!
//! The language server copies a long draft's findings for every review, and each
//! `Arc` copied is a count written somewhere in memory: a cache miss per field per
//! finding when every finding has its own. Findings that share these share their
//! counts, which stay in the cache.

use rustc_hash::FxHashSet;
use std::sync::{Arc, LazyLock, Mutex, PoisonError};

/// Enough for every category and explanation the shipped rules and lexicons hold,
/// and a project's own; past it (a long session of edited project lexicons) texts
/// are no longer shared, so the set cannot grow without end.
const MOST_TEXTS: usize = 4096;

/// `text`, shared with every other finding that holds the same.
pub fn text(text: &str) -> Arc<str> {
    static TEXTS: LazyLock<Mutex<FxHashSet<Arc<str>>>> = LazyLock::new(Default::default);
    let mut texts = TEXTS.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(shared) = texts.get(text) {
        return Arc::clone(shared);
    }
    let shared: Arc<str> = text.into();
    if texts.len() < MOST_TEXTS {
        texts.insert(Arc::clone(&shared));
    }
    shared
}

pub fn no_alternatives() -> Arc<[String]> {
    static NONE: LazyLock<Arc<[String]>> = LazyLock::new(|| Arc::from([]));
    Arc::clone(&NONE)
}

/// A finding with no fixes, alternatives or related spans yet: what each rule's own
/// `finding` builds before adding those.
pub fn finding(
    rule: &'static str,
    category: &str,
    severity: super::Severity,
    span: crate::analysis::Span,
    message: String,
    explanation: &str,
) -> super::Finding {
    super::Finding {
        rule,
        category: Some(text(category)),
        severity,
        message: message.into(),
        span,
        explanation: text(explanation),
        alternatives: no_alternatives(),
        fixes: super::Fixes::none(),
        related: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alike_texts_share_one_allocation() {
        let (a, b) = (
            text("why it matters"),
            text(&String::from("why it matters")),
        );
        assert!(Arc::ptr_eq(&a, &b));
        assert!(!Arc::ptr_eq(&a, &text("why it matters.")));
        assert!(Arc::ptr_eq(&no_alternatives(), &no_alternatives()));
    }
}
