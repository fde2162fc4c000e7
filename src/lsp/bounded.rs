//! The analysis as the server runs it: bounded in size and contained on panic.
//!
//! A document over the configured size limit (`max-document-bytes`, 10 MiB by
//! default) is not analysed: a pasted log or a data dump would otherwise hold a
//! blocking thread for a long time on every keystroke. An analysis that panics is
//! caught. Either way the editor gets one information-level notice at the top of the
//! document instead of findings, so the user knows why nothing is flagged, and the
//! next edit tries again.

use super::panics;
use crate::analysis::{Format, Span};
use crate::config::Config;
use crate::engine::{Cache, Since};
use crate::rules::{Finding, Severity};
use std::sync::Arc;

/// The `rule` of the notices: not a rule of the registry, so it has no fixes or docs page.
pub const NOTICE_RULE: &str = "truthlens";

/// The findings of `text`, or a single notice saying why there are none.
#[cfg(test)]
fn findings(text: &str, format: Format, config: &Config) -> Result<Vec<Finding>, Box<Finding>> {
    analysis(
        &mut Cache::new(),
        &Arc::new(text.to_string()),
        None,
        format,
        config,
    )
    .map(|a| a.findings)
}

/// The findings of `text`, or a single notice saying why there are none.
pub fn analysis(
    cache: &mut Cache,
    text: &Arc<String>,
    since: Option<Since>,
    format: Format,
    config: &Config,
) -> Result<crate::engine::Findings, Box<Finding>> {
    let limit = config.max_document_bytes();
    if text.len() > limit {
        return Err(notice(
            "too-large",
            format!(
                "TruthLens did not review this document: it is {} bytes, over the limit of {limit} (`max-document-bytes`).",
                text.len()
            ),
        ));
    }
    panics::checked(|| {
        panics::analysis_test_hook(text);
        crate::engine::findings_cached(cache, text, since, format, config)
    })
    .map_err(|message| {
        super::log(&format!("internal error: the analysis panicked ({message})"));
        notice(
            "internal-error",
            "TruthLens could not review this document: the analysis hit an internal error (details in the server log). It will try again after the next edit.".to_string(),
        )
    })
}

fn notice(category: &str, message: String) -> Box<Finding> {
    Box::new(Finding {
        rule: NOTICE_RULE,
        category: Some(category.into()),
        severity: Severity::Info,
        message: message.into(),
        span: Span::new(0, 0),
        explanation: "".into(),
        alternatives: Arc::from([]),
        fixes: Default::default(),
        related: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn a_document_over_the_limit_gets_one_notice() {
        let config = Config::parse("max-document-bytes = 16", Path::new("t.toml")).unwrap();
        let notice =
            findings("The regime slammed everyone.", Format::PlainText, &config).unwrap_err();
        assert_eq!(notice.category.as_deref(), Some("too-large"));
        assert_eq!(notice.severity, Severity::Info);
        assert!(
            notice.message.contains("max-document-bytes"),
            "{}",
            notice.message
        );
        let small = findings("A thug won.", Format::PlainText, &config).unwrap();
        assert!(!small.is_empty());
    }

    #[test]
    fn the_default_limit_is_ten_mebibytes() {
        assert_eq!(Config::default().max_document_bytes(), 10 * 1024 * 1024);
    }
}
