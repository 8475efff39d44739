//! Typo tolerance without automata: the words of the fields that tolerate typos, indexed
//! by their one-deletion variants (the symmetric-delete idea), so that the words within
//! one edit of a query word (a transposition counts as one) are found by a few hash
//! lookups. The query then asks for those words exactly. It matches what tantivy's
//! `FuzzyTermQuery` (distance 1, transpositions) matches, without building a Levenshtein
//! automaton and running it over every term dictionary on each search. Pure, tested.

use std::collections::HashMap;

/// Words shorter than this can't be within one edit of a typo candidate (five letters).
const MIN_CHARS: usize = 4;

#[derive(Debug, Default)]
pub struct TypoIndex {
    /// Each word once, with a bit per field (in the order they were added) that has it.
    words: Vec<(Box<str>, u8)>,
    /// A word and each of its one-deletion variants → the words it came from.
    variants: HashMap<Box<str>, Vec<u32>>,
    by_word: HashMap<Box<str>, u32>,
}

impl TypoIndex {
    /// Adds `word` as a word of field number `field` (0–7).
    pub fn add(&mut self, field: u8, word: &str) {
        if word.chars().count() < MIN_CHARS {
            return;
        }
        if let Some(&i) = self.by_word.get(word) {
            self.words[i as usize].1 |= 1 << field;
            return;
        }
        let i = self.words.len() as u32;
        self.words.push((word.into(), 1 << field));
        self.by_word.insert(word.into(), i);
        for v in std::iter::once(word.to_owned()).chain(deletions(word)) {
            let list = self.variants.entry(v.into_boxed_str()).or_default();
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
    }

    /// The words within one edit of `term` (itself included), with their field bits.
    pub fn neighbors(&self, term: &str) -> Vec<(&str, u8)> {
        let mut found: Vec<u32> = Vec::new();
        for v in std::iter::once(term.to_owned()).chain(deletions(term)) {
            if let Some(list) = self.variants.get(v.as_str()) {
                found.extend(list);
            }
        }
        found.sort_unstable();
        found.dedup();
        found.into_iter().map(|i| &self.words[i as usize]).filter(|(w, _)| within_one_edit(term, w)).map(|(w, f)| (&**w, *f)).collect()
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// `word` with one character left out, at each position.
fn deletions(word: &str) -> impl Iterator<Item = String> + '_ {
    word.char_indices().map(move |(i, c)| {
        let mut s = String::with_capacity(word.len());
        s.push_str(&word[..i]);
        s.push_str(&word[i + c.len_utf8()..]);
        s
    })
}

/// Whether `a` becomes `b` by at most one insertion, deletion, substitution or swap of two
/// neighbouring characters.
pub fn within_one_edit(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() { (&a, &b) } else { (&b, &a) };
    let Some(i) = short.iter().zip(long.iter()).position(|(x, y)| x != y) else {
        return long.len() - short.len() <= 1;
    };
    match long.len() - short.len() {
        0 => short[i + 1..] == long[i + 1..] || (i + 1 < short.len() && short[i] == long[i + 1] && short[i + 1] == long[i] && short[i + 2..] == long[i + 2..]),
        1 => short[i..] == long[i + 1..],
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_edit_is_an_insertion_a_deletion_a_substitution_or_a_swap() {
        for (a, b, near) in [
            ("kubelet", "kubelet", true),
            ("kubelet", "kubelt", true),    // a deletion
            ("kubelet", "kubeleet", true),  // an insertion
            ("kubelet", "kubelat", true),   // a substitution
            ("kubelet", "kuebelt", false),  // two edits
            ("kubelet", "kubeelt", true),   // a swap
            ("kubelet", "ukbelet", true),   // a swap at the start
            ("kubelet", "kubelte", true),   // a swap at the end
            ("kubelet", "kublete", false),  // two swaps
            ("kubelet", "kubeletxx", false),
            ("ノードです", "ノードでず", true),
            ("", "a", true),
        ] {
            assert_eq!(within_one_edit(a, b), near, "{a} / {b}");
            assert_eq!(within_one_edit(b, a), near, "{b} / {a}");
        }
    }

    #[test]
    fn neighbors_are_found_with_their_fields() {
        let mut idx = TypoIndex::default();
        for (field, word) in [(0, "kubelet"), (1, "kubelet"), (2, "kubectl"), (0, "cubelet"), (0, "kub"), (1, "abc"), (2, "kubeletes")] {
            idx.add(field, word);
        }
        let mut n = idx.neighbors("kubelte");
        n.sort();
        assert_eq!(n, [("kubelet", 0b011)]);
        let mut n = idx.neighbors("kubelet");
        n.sort();
        assert_eq!(n, [("cubelet", 0b001), ("kubelet", 0b011)]);
        assert!(idx.neighbors("kubeletxx").is_empty());
        assert_eq!(idx.neighbors("kubeletes"), [("kubeletes", 0b100)]);
        assert_eq!(idx.len(), 4, "short words are left out");
    }
}
