//! Snippets: the passage of an entry's text that best matches a query, with the query's
//! words marked.
//!
//! The rules are tantivy's `SnippetGenerator`'s, so that results read the same: the text
//! is cut into fragments of at most [`FRAGMENT_BYTES`] as it is tokenized, a fragment
//! scores the weight of every matching token in it (a rarer term weighs more), and the
//! best fragment wins, the earliest on a tie. What differs is the cost: tokens are
//! borrowed from [`analysis::for_each_token`] instead of allocated, most of them are
//! turned away by a bit test on their first character, and only the best fragment so far
//! is kept.

use crate::analysis;
use crate::markdown::escape;
use std::collections::HashMap;
use std::ops::Range;

/// tantivy's default fragment length, in bytes of the text.
pub const FRAGMENT_BYTES: usize = 150;

/// The terms of one query with their weights, ready to mark any number of texts.
#[derive(Default)]
pub struct Highlighter {
    terms: HashMap<String, f32>,
    /// Bit `first char % 256` is set for the first character of every term.
    firsts: [u64; 4],
}

#[derive(Default)]
struct Fragment {
    score: f32,
    start: usize,
    stop: usize,
    marks: Vec<Range<usize>>,
}

impl Fragment {
    fn restart(&mut self, start: usize) {
        *self = Fragment { score: 0.0, start, stop: start, marks: std::mem::take(&mut self.marks) };
        self.marks.clear();
    }
}

impl Highlighter {
    /// `terms` as the tokenizer writes them, with their weights (tantivy's: `1 / (1 +
    /// document frequency)`); terms of weight zero or less are left out.
    pub fn new(terms: impl IntoIterator<Item = (String, f32)>) -> Highlighter {
        let mut h = Highlighter::default();
        for (term, weight) in terms {
            if weight <= 0.0 {
                continue;
            }
            if let Some(c) = term.chars().next() {
                let bit = c as usize % 256;
                h.firsts[bit / 64] |= 1 << (bit % 64);
                h.terms.insert(term, weight);
            }
        }
        h
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    fn weight(&self, token: &str) -> Option<f32> {
        let c = token.chars().next()? as usize % 256;
        if self.firsts[c / 64] & (1 << (c % 64)) == 0 {
            return None;
        }
        self.terms.get(token).copied()
    }

    /// The best passage of `text`, trimmed, and the same passage as HTML with the matches
    /// in `<mark>`; `None` when no term occurs in the text.
    pub fn snippet(&self, text: &str) -> Option<(String, String)> {
        if self.is_empty() {
            return None;
        }
        let mut best = Fragment::default();
        let mut current = Fragment::default();
        analysis::for_each_token(text, |t| {
            if t.to - current.start > FRAGMENT_BYTES {
                if current.score > best.score {
                    std::mem::swap(&mut best, &mut current);
                }
                current.restart(t.from);
            }
            current.stop = t.to;
            if let Some(w) = self.weight(t.text) {
                current.score += w;
                current.marks.push(t.from..t.to);
            }
        });
        if current.score > best.score {
            best = current;
        }
        if best.score <= 0.0 {
            return None;
        }
        let fragment = &text[best.start..best.stop];
        if fragment.trim().is_empty() {
            return None;
        }
        let mut html = String::with_capacity(fragment.len() + 32);
        let mut at = best.start;
        for mark in collapse(best.marks) {
            html.push_str(&escape(&text[at..mark.start]));
            html.push_str("<mark>");
            html.push_str(&escape(&text[mark.clone()]));
            html.push_str("</mark>");
            at = mark.end;
        }
        html.push_str(&escape(&text[at..best.stop]));
        Some((fragment.trim().to_owned(), html))
    }
}

/// Sorted, without duplicates, overlapping ranges merged (a bigram and its characters).
fn collapse(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| (r.start, r.end));
    ranges.dedup();
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if last.end > r.start => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn highlighter(terms: &[(&str, f32)]) -> Highlighter {
        Highlighter::new(terms.iter().map(|(t, w)| ((*t).to_owned(), *w)))
    }

    #[test]
    fn marks_the_best_passage() {
        let cases: &[(&str, &[(&str, f32)], Option<&str>)] = &[
            ("Restart the kubelet on the node.", &[("kubelet", 0.5)], Some("Restart the <mark>kubelet</mark> on the node")),
            // A fragment ends with its last word, as tantivy's do.
            ("节点 NotReady 时检查", &[("节点", 0.5), ("节", 0.1), ("notready", 0.5)], Some("<mark>节点</mark> <mark>NotReady</mark> 时检查")),
            // Traditional text matches Simplified terms, and the original text is shown.
            ("叢集節點", &[("节点", 0.5)], Some("叢集<mark>節點</mark>")),
            ("nothing here", &[("kubelet", 0.5)], None),
            ("a <b> & kubelet", &[("kubelet", 0.5)], Some("a &lt;b&gt; &amp; <mark>kubelet</mark>")),
            ("kubelet", &[], None),
            ("kubelet", &[("kubelet", 0.0)], None),
        ];
        for (text, terms, want) in cases {
            let got = highlighter(terms).snippet(text).map(|(_, html)| html);
            assert_eq!(got.as_deref(), *want, "{text:?}");
        }
    }

    #[test]
    fn prefers_the_fragment_with_more_weight_and_the_earlier_on_a_tie() {
        let filler = "x ".repeat(100);
        let text = format!("kubelet one. {filler} kubelet containerd two. {filler} containerd kubelet three.");
        let h = highlighter(&[("kubelet", 0.5), ("containerd", 0.25)]);
        let (plain, _) = h.snippet(&text).unwrap();
        assert!(plain.contains("two"), "{plain}");
        assert!(plain.len() <= FRAGMENT_BYTES, "{}", plain.len());
        let h = highlighter(&[("kubelet", 0.5)]);
        let (plain, _) = h.snippet(&text).unwrap();
        assert!(plain.starts_with("kubelet one"), "{plain}");
    }

    #[test]
    fn merges_overlapping_marks() {
        assert_eq!(collapse(vec![3..6, 0..6, 0..3, 0..3, 8..9]), vec![0..6, 8..9]);
    }
}
