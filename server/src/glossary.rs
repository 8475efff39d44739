//! Query expansion from the glossary (`content/glossary.toml`): a term's `variants` are
//! what people type for it (whitelist, LB, 临时端口, サイドカー), and a query with one of
//! them also asks for the term's chosen words, the ones the entries use, in every locale.
//! Pure: built once from the file's text, then a lookup per query.
//!
//! Variants are matched on a folded form of the text (NFKC, lowercase, Traditional
//! characters as Simplified, so `白名單` finds `白名单`); a variant that begins or ends
//! with a Latin letter or digit matches only there where a word begins or ends (`lb` in
//! `my lb`, not in `lbs` or `clb`). A variant inside a longer chosen word of any term does
//! not count (`ロードバランサ` in `ロードバランサー`): the query says that word, as the
//! terminology check, which blanks chosen words out, reads it too.

use aho_corasick::{AhoCorasick, MatchKind};
use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

pub const FILE: &str = "glossary.toml";

/// The most terms one query is expanded with.
const MAX_EXPANSIONS: usize = 8;

#[derive(Debug, Deserialize)]
struct GlossaryFile {
    #[serde(default)]
    term: Vec<TermRow>,
}

#[derive(Debug, Deserialize)]
struct TermRow {
    en: String,
    zh: String,
    #[serde(rename = "zh-TW")]
    zh_tw: String,
    ja: String,
    id: String,
    #[serde(default)]
    variants: Option<String>,
}

/// The glossary's variants, each leading to its term's words.
#[derive(Debug, Clone, Default)]
pub struct Expansions {
    /// Finds the folded variants in a folded text; `None` when there are none.
    finder: Option<AhoCorasick>,
    /// For each pattern of `finder`: its term's index in `words`, and whether it must begin
    /// and end at word boundaries.
    patterns: Vec<(usize, bool, bool)>,
    /// Each term's chosen words, en and the four locales, on one line.
    words: Vec<String>,
    /// Finds every term's chosen words written in CJK (folded), inside which variants
    /// do not count.
    chosen: Option<AhoCorasick>,
}

/// Text as variants are matched: NFKC, lowercase, Han characters folded to Simplified,
/// runs of white space as one space.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfkc().flat_map(char::to_lowercase) {
        if c.is_whitespace() {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(crate::analysis::fold_char(c));
        }
    }
    out
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

impl Expansions {
    /// The expansions of a glossary file's text; terms without variants expand nothing.
    pub fn parse(text: &str) -> Result<Expansions, String> {
        let file: GlossaryFile = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut keys = Vec::new();
        let mut patterns = Vec::new();
        let mut words = Vec::new();
        let mut chosen = Vec::new();
        for t in &file.term {
            // A chosen word's parts outside and inside brackets (`アクセス制御リスト (ACL)`);
            // Latin ones need nothing here, as Latin variants match whole words only.
            for word in [&t.zh, &t.zh_tw, &t.ja] {
                for part in word.split(['(', ')']).map(|p| fold(p.trim())) {
                    if part.chars().any(crate::analysis::is_cjk) && !chosen.contains(&part) {
                        chosen.push(part);
                    }
                }
            }
        }
        for t in file.term {
            let variants: Vec<String> = t.variants.as_deref().unwrap_or("").split('|').map(|v| fold(v.trim())).filter(|v| !v.is_empty()).collect();
            if variants.is_empty() {
                continue;
            }
            let term = words.len();
            words.push([t.en, t.zh, t.zh_tw, t.ja, t.id].join("\n"));
            for v in variants {
                let starts = v.chars().next().is_some_and(is_word_char);
                let ends = v.chars().last().is_some_and(is_word_char);
                patterns.push((term, starts, ends));
                keys.push(v);
            }
        }
        if keys.is_empty() {
            return Ok(Expansions::default());
        }
        let finder = AhoCorasick::builder().match_kind(MatchKind::Standard).build(&keys).map_err(|e| e.to_string())?;
        let chosen = AhoCorasick::builder().match_kind(MatchKind::LeftmostLongest).build(&chosen).map_err(|e| e.to_string())?;
        Ok(Expansions { finder: Some(finder), patterns, words, chosen: Some(chosen) })
    }

    /// The chosen words of the terms whose variants `text` contains (each term's words on
    /// lines of one string), at most [`MAX_EXPANSIONS`] terms, in the order first found.
    pub fn expand(&self, text: &str) -> Vec<&str> {
        let Some(finder) = &self.finder else { return Vec::new() };
        let folded = fold(text);
        let chosen: Vec<std::ops::Range<usize>> = self.chosen.iter().flat_map(|c| c.find_iter(&folded)).map(|m| m.range()).collect();
        let mut found: Vec<usize> = Vec::new();
        for m in finder.find_overlapping_iter(&folded) {
            let (term, starts, ends) = self.patterns[m.pattern().as_usize()];
            if found.contains(&term) {
                continue;
            }
            if chosen.iter().any(|c| c.start <= m.start() && m.end() <= c.end && c.len() > m.len()) {
                continue;
            }
            let before = folded[..m.start()].chars().next_back();
            let after = folded[m.end()..].chars().next();
            if (starts && before.is_some_and(is_word_char)) || (ends && after.is_some_and(is_word_char)) {
                continue;
            }
            found.push(term);
            if found.len() == MAX_EXPANSIONS {
                break;
            }
        }
        found.iter().map(|t| self.words[*t].as_str()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GLOSSARY: &str = r#"
[[term]]
en = "access control list"
zh = "访问控制列表 (ACL)"
zh-TW = "存取控制清單 (ACL)"
ja = "アクセス制御リスト (ACL)"
id = "daftar kontrol akses (ACL)"
variants = "whitelist | allow list | 白名单 | ホワイトリスト"

[[term]]
en = "Server Load Balancer (SLB)"
zh = "负载均衡 SLB"
zh-TW = "負載平衡 SLB"
ja = "Server Load Balancer (SLB)"
id = "Server Load Balancer (SLB)"
variants = "LB | 负载均衡器 | ロードバランサ"

[[term]]
en = "load balancer"
zh = "负载均衡服务"
zh-TW = "負載平衡服務"
ja = "ロードバランサー"
id = "load balancer"

[[term]]
en = "node"
zh = "节点"
zh-TW = "節點"
ja = "ノード"
id = "node"
"#;

    #[test]
    fn a_variant_in_a_query_brings_its_terms_words() {
        let x = Expansions::parse(GLOSSARY).unwrap();
        let (acl, slb) = ("access control list", "Server Load Balancer (SLB)");
        for (query, terms) in [
            ("安全组开了白名单以后 kubectl 超时", vec![acl]),
            // Another script, another width, another case, other spaces.
            ("開了白名單", vec![acl]),
            ("ＷＨＩＴＥＬＩＳＴ nya", vec![acl]),
            ("sudah tambah IP ke Allow  List", vec![acl]),
            // Latin variants only as whole words.
            ("LB-nya timeout", vec![slb]),
            ("clb 实例", vec![]),
            ("lbs", vec![]),
            // Several terms, in the order found, each once.
            ("whitelist di LB, whitelist lagi", vec![acl, slb]),
            // A term without variants expands nothing.
            ("节点 NotReady", vec![]),
            // A variant inside a chosen word is that word, not the variant.
            ("ロードバランサーが遅い", vec![]),
            ("ロードバランサが遅い", vec![slb]),
            ("", vec![]),
        ] {
            let found: Vec<&str> = x.expand(query).into_iter().map(|w| w.lines().next().unwrap_or_default()).collect();
            assert_eq!(found, terms, "{query}");
        }
        assert_eq!(x.expand("白名单")[0], "access control list\n访问控制列表 (ACL)\n存取控制清單 (ACL)\nアクセス制御リスト (ACL)\ndaftar kontrol akses (ACL)");
    }

    #[test]
    fn a_glossary_without_variants_expands_nothing() {
        let x = Expansions::parse("[[term]]\nen = \"a\"\nzh = \"b\"\nzh-TW = \"c\"\nja = \"d\"\nid = \"e\"\n").unwrap();
        assert!(x.expand("a b c d e").is_empty());
        assert!(Expansions::parse("[[term]]\nen = 1").is_err());
    }
}
