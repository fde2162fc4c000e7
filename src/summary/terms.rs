//! Sentences as sparse tf-idf vectors over stemmed content words.
//!
//! Sparse vectors keep similarity cheap: a pair costs the size of the two
//! sentences, not the vocabulary of the whole document.

use rust_stemmers::{Algorithm, Stemmer};
use std::collections::HashMap;

/// Term ids with L2-normalised weights, sorted by term id.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SparseVector(Vec<(u32, f32)>);

impl SparseVector {
    /// Cosine similarity (both vectors are unit length, so this is the dot product).
    pub fn cosine(&self, other: &SparseVector) -> f32 {
        let (a, b) = (&self.0, &other.0);
        let (mut i, mut j, mut dot) = (0, 0, 0.0);
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    dot += a[i].1 * b[j].1;
                    i += 1;
                    j += 1;
                }
            }
        }
        dot
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Words too common to say what a sentence is about.
const STOPWORDS: &[&str] = &[
    "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at",
    "be", "because", "been", "before", "being", "but", "by", "can", "could", "did", "do", "does",
    "down", "during", "each", "even", "for", "from", "had", "has", "have", "he", "her", "here",
    "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "just", "like", "may",
    "me", "might", "more", "most", "much", "must", "my", "no", "not", "now", "of", "off", "on",
    "once", "one", "only", "or", "other", "our", "out", "over", "own", "said", "same", "say",
    "says", "she", "should", "so", "some", "such", "than", "that", "the", "their", "them", "then",
    "there", "these", "they", "this", "those", "through", "to", "too", "under", "up", "us", "very",
    "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will",
    "with", "would", "you", "your",
];

fn is_stopword(word: &str) -> bool {
    STOPWORDS.binary_search(&word).is_ok()
}

/// Lower-cased, stemmed content words of `text`.
pub fn content_terms(text: &str, stemmer: &Stemmer) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() > 1 && !is_stopword(w))
        .map(|w| stemmer.stem(&w).into_owned())
        .collect()
}

/// One unit tf-idf vector per text. Document frequency is counted over `texts`
/// themselves: a word every sentence shares says little about any one of them.
pub fn tfidf_vectors(texts: &[&str]) -> Vec<SparseVector> {
    let stemmer = Stemmer::create(Algorithm::English);
    let mut ids: HashMap<String, u32> = HashMap::new();
    let per_text: Vec<HashMap<u32, u32>> = texts
        .iter()
        .map(|text| {
            let mut counts = HashMap::new();
            for term in content_terms(text, &stemmer) {
                let next = ids.len() as u32;
                let id = *ids.entry(term).or_insert(next);
                *counts.entry(id).or_insert(0u32) += 1;
            }
            counts
        })
        .collect();

    let mut document_frequency = vec![0u32; ids.len()];
    for counts in &per_text {
        for &id in counts.keys() {
            document_frequency[id as usize] += 1;
        }
    }
    let n = texts.len() as f32;
    per_text
        .into_iter()
        .map(|counts| {
            // Sublinear tf and smoothed idf, as in the usual tf-idf setup.
            let mut weights: Vec<(u32, f32)> = counts
                .into_iter()
                .map(|(id, count)| {
                    let tf = 1.0 + (count as f32).ln();
                    let idf =
                        ((1.0 + n) / (1.0 + document_frequency[id as usize] as f32)).ln() + 1.0;
                    (id, tf * idf)
                })
                .collect();
            weights.sort_by_key(|&(id, _)| id);
            let norm = weights.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
            if norm > 0.0 {
                for (_, w) in &mut weights {
                    *w /= norm;
                }
            }
            SparseVector(weights)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stopword_list_is_sorted_for_binary_search() {
        assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn stems_and_drops_stopwords() {
        let stemmer = Stemmer::create(Algorithm::English);
        assert_eq!(
            content_terms("The councils were voting on bridges", &stemmer),
            ["council", "vote", "bridg"]
        );
    }

    #[test]
    fn similar_sentences_score_higher() {
        let v = tfidf_vectors(&[
            "The council approved the bridge budget.",
            "The bridge budget was approved by the council on Monday.",
            "Rain is expected across the valley.",
        ]);
        assert!((v[0].cosine(&v[0]) - 1.0).abs() < 1e-5);
        assert!(v[0].cosine(&v[1]) > 0.5);
        assert_eq!(v[0].cosine(&v[2]), 0.0);
    }
}
