//! Sorted, merged byte ranges with logarithmic look-ups.
//!
//! Quotes and findings are checked against every candidate sentence (and, in the
//! report, every word). Merging them once and binary-searching keeps that linear
//! in the document instead of quadratic.

use crate::analysis::Span;

#[derive(Clone, Debug, Default)]
pub struct Intervals {
    /// Disjoint, sorted by start (and therefore by end).
    merged: Vec<Span>,
}

impl Intervals {
    pub fn new(spans: impl IntoIterator<Item = Span>) -> Intervals {
        let mut spans: Vec<Span> = spans.into_iter().filter(|s| !s.is_empty()).collect();
        spans.sort();
        let mut merged: Vec<Span> = Vec::with_capacity(spans.len());
        for span in spans {
            match merged.last_mut() {
                Some(last) if span.start <= last.end => last.end = last.end.max(span.end),
                _ => merged.push(span),
            }
        }
        Intervals { merged }
    }

    /// The merged intervals that overlap `span`.
    fn overlapping(&self, span: Span) -> impl Iterator<Item = &Span> {
        let first = self.merged.partition_point(|m| m.end <= span.start);
        self.merged[first..]
            .iter()
            .take_while(move |m| m.start < span.end)
    }

    /// How many bytes of `span` the intervals cover.
    pub fn covered_len(&self, span: Span) -> usize {
        self.overlapping(span)
            .map(|m| m.end.min(span.end) - m.start.max(span.start))
            .sum()
    }

    pub fn overlaps(&self, span: Span) -> bool {
        self.overlapping(span).next().is_some()
    }

    /// True when one interval holds all of `span`.
    pub fn contains(&self, span: Span) -> bool {
        self.overlapping(span).any(|m| m.contains(span))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_and_measures_overlap() {
        let iv = Intervals::new([Span::new(10, 20), Span::new(15, 30), Span::new(40, 45)]);
        assert_eq!(iv.covered_len(Span::new(0, 100)), 25);
        assert_eq!(iv.covered_len(Span::new(25, 42)), 7);
        assert!(iv.contains(Span::new(12, 28)));
        assert!(!iv.contains(Span::new(28, 41)));
        assert!(iv.overlaps(Span::new(29, 31)));
        assert!(!iv.overlaps(Span::new(30, 40)));
    }
}
