//! Extractive summary and neutral headline.

use crate::Analysis;

/// The summary sentences, in document order.
pub fn summarize(_text: &str, _analysis: &Analysis, _config: &crate::Config) -> Vec<String> {
    Vec::new()
}

/// A neutral headline suggestion, if the draft has a lead sentence.
pub fn headline(_text: &str, _analysis: &Analysis) -> Option<String> {
    None
}
