//! The terms a query asks for, each with its weight. Pure: from the query's text, and for
//! long queries the index's document frequencies, to the terms searched.
//!
//! A query is tokenized as the documents are ([`analysis::for_each_token`]), but it does
//! not ask for every token:
//! - a CJK character whose bigram the query also asks for is left out: on its own it
//!   matches any entry that uses the character anywhere (`的`, `時`, `し`), and in a long
//!   question those matches drowned the bigrams that carry the meaning (measured on the
//!   hard set: Japanese went from 0.76 to 0.83 at the first result; weighing them 0.1 to
//!   0.5 instead did no better);
//! - tokens of hiragana alone (`の`, `して`, `ない`) are particles and verb endings, and
//!   are left out, unless the text has nothing else; so are bigrams of a particle and the
//!   next word's first character (`の許`, `を入`), and of a word's last character and the
//!   particle `の`, `を` or `に` after it (`ドの` in `ノードの`, `書の`): they match every
//!   entry that writes the word with that particle, whatever it is about;
//! - the bigrams of a katakana word share one weight (`セキュリティ` has five, each at
//!   1/5), as a kanji word's one bigram has it: long loanwords outweighed everything else
//!   in Japanese questions;
//! - terms that no document has are dropped, unless a near spelling may still find them
//!   (a word the reader typed): they can only match nothing, yet their frequency of zero
//!   would rank them above all others;
//! - when more than [`MAX_QUERY_TERMS`] distinct terms are left (a long question, a
//!   paste), the most telling are kept, by weight times inverse document frequency.

use std::collections::HashMap;

use crate::analysis::{self, is_cjk, is_hiragana, is_katakana};

/// The most terms a query asks for.
pub const MAX_QUERY_TERMS: usize = 64;
/// The most distinct terms read from a query before the most telling are chosen.
pub const MAX_CANDIDATE_TERMS: usize = 512;

/// Hiragana that after a kanji or katakana are a particle, almost never the start of a
/// word's ending (unlike `が` in `繋がる`, `と` in `落とす` or `か` in `動かない`).
/// Measured on the hard set: `の を に` gained one Japanese query at the first result
/// and lost none in the easy set; adding `へ は で も` changed nothing, `が と` cost the
/// easy set one.
const TRAILING_PARTICLES: &[char] = &['の', 'を', 'に'];

/// The tokens of one text that a query asks for, each with its own weight.
pub fn query_tokens(text: &str) -> Vec<(String, f32)> {
    struct Tok {
        text: String,
        from: usize,
        to: usize,
        cjk_chars: usize,
        asked: bool,
    }
    let hiragana_only = |t: &str| t.chars().all(is_hiragana);
    let mut toks: Vec<Tok> = Vec::new();
    analysis::for_each_token(text, |t| {
        let cjk_chars = if t.text.chars().all(is_cjk) { t.text.chars().count() } else { 0 };
        toks.push(Tok { text: t.text.to_owned(), from: t.from, to: t.to, cjk_chars, asked: true });
    });
    let particles_only = toks.iter().all(|t| hiragana_only(&t.text));
    // First the bigrams and particles that are not asked for, so that a character next to
    // a dropped bigram (の値) is not taken as covered by it.
    for t in &mut toks {
        let mut chars = t.text.chars();
        let pair = (chars.next(), chars.next());
        let particle_led = t.cjk_chars == 2 && matches!(pair, (Some(a), Some(b)) if is_hiragana(a) && !is_hiragana(b));
        let particle_trailed = t.cjk_chars == 2 && matches!(pair, (Some(a), Some(b)) if !is_hiragana(a) && TRAILING_PARTICLES.contains(&b));
        t.asked = particles_only || !(hiragana_only(&t.text) || particle_led || particle_trailed);
    }
    let katakana = katakana_runs(text);
    let mut out = Vec::with_capacity(toks.len());
    for (i, t) in toks.iter().enumerate().filter(|(_, t)| t.asked) {
        if t.cjk_chars == 1 {
            // The bigram ending at a character comes just before it, the one starting at it
            // just after it.
            let before = i.checked_sub(1).map(|j| &toks[j]).is_some_and(|b| b.asked && b.cjk_chars == 2 && b.to == t.to);
            let after = toks.get(i + 1).is_some_and(|a| a.asked && a.cjk_chars == 2 && a.from == t.from);
            if before || after {
                continue;
            }
        }
        let mut weight = 1.0;
        if t.cjk_chars == 2 && t.text.chars().all(is_katakana) {
            // Runs are in text order: the last one starting at or before the bigram.
            let at = katakana.partition_point(|(from, _, _)| *from <= t.from);
            if let Some((_, to, len)) = at.checked_sub(1).map(|k| katakana[k]) {
                if t.from < to {
                    weight = 1.0 / (len.saturating_sub(1).max(1) as f32);
                }
            }
        }
        out.push((t.text.clone(), weight));
    }
    out
}

/// The runs of katakana in a text, in order: byte range and length in characters.
fn katakana_runs(text: &str) -> Vec<(usize, usize, usize)> {
    let mut runs = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (offset, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        if is_katakana(c) {
            open.get_or_insert((offset, 0)).1 += 1;
        } else if let Some((from, len)) = open.take() {
            runs.push((from, offset, len));
        }
    }
    runs
}

/// The distinct terms of a query's parts, in order, each with the highest weight of the
/// parts it is in; at most `cap`.
pub fn weighted_terms<'a>(parts: impl IntoIterator<Item = (&'a str, f32)>, cap: usize) -> Vec<(String, f32)> {
    let mut out: Vec<(String, f32)> = Vec::new();
    let mut at: HashMap<String, usize> = HashMap::new();
    for (text, weight) in parts {
        for (term, own) in query_tokens(text) {
            let weight = weight * own;
            if let Some(&i) = at.get(&term) {
                out[i].1 = out[i].1.max(weight);
            } else if out.len() < cap {
                at.insert(term.clone(), out.len());
                out.push((term, weight));
            }
        }
    }
    out
}

/// The terms worth asking the index for, in their order: without those no document has
/// (unless `keep_unknown` says a near spelling may still find them), and when more than
/// [`MAX_QUERY_TERMS`] are left, the most telling by weight times BM25's inverse document
/// frequency, `docs` being the number of documents.
pub fn most_telling(terms: Vec<(String, f32)>, docs: u64, df: impl Fn(&str) -> u64, keep_unknown: impl Fn(&str) -> bool) -> Vec<(String, f32)> {
    let n = docs as f32;
    let mut keyed: Vec<(usize, f32)> = Vec::with_capacity(terms.len());
    for (i, (term, weight)) in terms.iter().enumerate() {
        let df = df(term);
        if df == 0 && !keep_unknown(term) {
            continue;
        }
        let df = df as f32;
        keyed.push((i, weight * (1.0 + (n - df + 0.5) / (df + 0.5)).ln()));
    }
    if keyed.len() > MAX_QUERY_TERMS {
        keyed.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        keyed.truncate(MAX_QUERY_TERMS);
        keyed.sort_by_key(|(i, _)| *i);
    }
    let mut terms: Vec<Option<(String, f32)>> = terms.into_iter().map(Some).collect();
    keyed.into_iter().filter_map(|(i, _)| terms[i].take()).collect()
}

/// The distinct terms of a query as typed, in order, at most [`MAX_QUERY_TERMS`].
#[cfg(test)]
fn query_terms(text: &str) -> Vec<String> {
    weighted_terms([(text, 1.0)], MAX_QUERY_TERMS).into_iter().map(|(t, _)| t).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_asks_for_bigrams_not_the_characters_they_cover() {
        let terms = |s: &str| query_terms(s).join(" ");
        for (query, expected) in [
            // Characters covered by a bigram go; Latin words stay.
            ("证书过期", "证书 书过 过期"),
            ("kubectl 超时", "kubectl 超时"),
            // A character alone between Latin words has no bigram: it stays.
            ("pod 卡 在 Pending", "pod 卡 在 pending"),
            // Traditional characters are folded as in the index.
            ("憑證過期", "凭证 证过 过期"),
            // Particles and endings in hiragana alone go, and so do particles joined to the
            // next word and の, を, に joined to the last; a word joined to its ending or
            // to another particle stays.
            ("証明書の期限が切れた", "证明 明书 期限 限が 切れ"),
            ("ノードを再起動", "ノー ード 再起 起动"),
            ("接続が繋がらない", "接続 続が 繋が"),
            // A character whose only bigrams are left out is asked for itself.
            ("設定の値", "设定 値"),
            ("の値", "値"),
            ("5台に増やす", "5 台 増や"),
            // A query of nothing but hiragana is kept whole.
            ("できない", "でき きな ない"),
            ("", ""),
        ] {
            assert_eq!(terms(query), expected, "{query}");
        }
    }

    #[test]
    fn a_katakana_word_weighs_as_much_as_a_kanji_word() {
        let weights = query_tokens("セキュリティ担当のLB");
        assert_eq!(weights.iter().map(|(t, _)| t.as_str()).collect::<Vec<_>>(), ["セキ", "キュ", "ュリ", "リテ", "ティ", "ィ担", "担当", "lb"]);
        let kana: f32 = weights.iter().take(5).map(|(_, w)| w).sum();
        assert!((kana - 1.0).abs() < 1e-5, "{weights:?}");
        assert!(weights.iter().skip(5).all(|(_, w)| *w == 1.0), "{weights:?}");
        assert_eq!(query_tokens("ログ")[0], ("ログ".to_owned(), 1.0));
    }

    #[test]
    fn terms_keep_the_highest_weight_of_the_parts_they_are_in() {
        let terms = weighted_terms([("kubectl timeout", 0.75), ("timeout 超时", 1.0)], MAX_CANDIDATE_TERMS);
        assert_eq!(terms, [("kubectl".into(), 0.75), ("timeout".into(), 1.0), ("超时".into(), 1.0)]);
        assert_eq!(weighted_terms([("a b c d", 1.0)], 2).len(), 2);
    }

    #[test]
    fn the_most_telling_terms_are_kept_in_their_order() {
        let df = |t: &str| match t {
            "common" => 90,
            "rare" => 1,
            "typo" | "无此" => 0,
            _ => 10,
        };
        let keep_unknown = |t: &str| t.is_ascii();
        // Unknown CJK terms go whatever the length; unknown Latin words may be typos.
        let short = vec![("common".into(), 1.0), ("无此".into(), 1.0), ("typo".into(), 1.0)];
        assert_eq!(most_telling(short, 100, df, keep_unknown), [("common".into(), 1.0), ("typo".into(), 1.0)]);
        // Past the limit, the common terms are the ones left out, and order is kept.
        let mut long: Vec<(String, f32)> = vec![("common".into(), 1.0)];
        long.extend((0..MAX_QUERY_TERMS).map(|i| (format!("w{i}"), 1.0)));
        long.push(("rare".into(), 1.0));
        let kept = most_telling(long, 100, df, keep_unknown);
        assert_eq!(kept.len(), MAX_QUERY_TERMS);
        assert!(!kept.iter().any(|(t, _)| t == "common"));
        assert_eq!(kept.last().map(|(t, _)| t.as_str()), Some("rare"));
        assert_eq!(kept[0].0, "w0");
        // A lighter part's term gives way to an equally common term of the question.
        let mut weighted: Vec<(String, f32)> = (0..MAX_QUERY_TERMS).map(|i| (format!("w{i}"), 1.0)).collect();
        weighted.insert(0, ("out".into(), 0.75));
        assert!(!most_telling(weighted, 100, df, keep_unknown).iter().any(|(t, _)| t == "out"));
    }
}
