//! Quote continuation: quoted sentences with no cue of their own keep the
//! speaker of the quote they belong to.
//!
//! Two cases: a multi-sentence quote whose cue sits in one sentence (every
//! sentence inside that quote belongs to the speaker), and a quote-only
//! sentence that follows an attributed one, whatever the paragraphs.

use super::{Attribution, CueClass, CueForm};
use crate::analysis::sentences::Sentence;
use crate::analysis::tokens::QuoteIndex;
use crate::analysis::Span;

/// Is the sentence a quotation (it opens with a quote mark, or a quote covers most of it)?
fn quote_led(text_span: Span, quotes: &QuoteIndex) -> bool {
    let covered: usize = quotes
        .overlapping(text_span)
        .map(|q| q.span.end.min(text_span.end) - q.span.start.max(text_span.start))
        .sum();
    covered * 10 >= text_span.len() * 7
}

fn can_lead(a: &Attribution) -> bool {
    a.cue_class != CueClass::Citation && a.form != CueForm::Noun
}

/// Append continuation attributions to `list` and re-sort it.
pub fn extend(list: &mut Vec<Attribution>, sentences: &[Sentence], quotes: &QuoteIndex) {
    let mut attributed = vec![false; sentences.len()];
    let mut last_of_sentence: Vec<Option<usize>> = vec![None; sentences.len()];
    for (i, a) in list.iter().enumerate() {
        if a.sentence < sentences.len() {
            attributed[a.sentence] = true;
            if can_lead(a) {
                last_of_sentence[a.sentence] = Some(i);
            }
        }
    }
    let mut added: Vec<Attribution> = Vec::new();
    let push = |added: &mut Vec<Attribution>,
                lead: usize,
                list: &[Attribution],
                si: usize,
                content: Span| {
        let a = &list[lead];
        added.push(Attribution {
            sentence: si,
            cue: None,
            cue_class: a.cue_class,
            form: CueForm::Continuation,
            source: a.source,
            kind: a.kind,
            canonical: a.canonical,
            content: Some(content),
            continues: Some(lead),
            // The statement it carries on: what it is about and what rides on it.
            claim: a.claim.clone(),
        });
    };

    // 1. Every sentence inside a quote that an attribution's content covers.
    for (lead, a) in list.iter().enumerate() {
        if !can_lead(a) {
            continue;
        }
        let Some(content) = a.content else { continue };
        let Some(q) = quotes.at(content.start) else {
            continue;
        };
        if !q.span.contains(content) && q.inner != content {
            continue;
        }
        let first = sentences.partition_point(|s| s.span.end <= q.span.start);
        for si in first..sentences.len() {
            let s = &sentences[si];
            if s.span.start >= q.span.end {
                break;
            }
            if !attributed[si]
                && q.span.contains(Span::new(
                    s.span.start.max(q.span.start),
                    s.span.end.min(q.span.end),
                ))
            {
                attributed[si] = true;
                last_of_sentence[si] = Some(lead);
                let inner = Span::new(s.span.start.max(q.inner.start), s.span.end.min(q.inner.end));
                push(
                    &mut added,
                    lead,
                    list,
                    si,
                    if inner.is_empty() { s.span } else { inner },
                );
            }
        }
    }

    // 2. Quote-led sentences after an attributed one (or after its continuation),
    //    however the text is cut into paragraphs: one-sentence paragraphs, a wire
    //    story on one line and the same story in paragraphs read the same.
    let mut speaker: Option<usize> = None;
    for (si, s) in sentences.iter().enumerate() {
        if let Some(lead) = last_of_sentence[si] {
            speaker = Some(lead);
            continue;
        }
        if attributed[si] {
            continue;
        }
        if !quote_led(s.span, quotes) {
            speaker = None;
            continue;
        }
        if let Some(lead) = speaker {
            attributed[si] = true;
            push(&mut added, lead, list, si, s.span);
        }
    }

    if added.is_empty() {
        return;
    }
    list.extend(added);
    // Keep the list in text order and remap `continues` to the new indices.
    let mut order: Vec<usize> = (0..list.len()).collect();
    order.sort_by_key(|&i| {
        (
            list[i].sentence,
            list[i].continues.is_some(),
            list[i].source.start,
            i,
        )
    });
    let mut new_index = vec![0; list.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let mut sorted: Vec<Attribution> = order.iter().map(|&i| list[i].clone()).collect();
    for a in &mut sorted {
        if let Some(c) = a.continues {
            a.continues = Some(new_index[c]);
        }
    }
    *list = sorted;
}
