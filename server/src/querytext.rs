//! The query as the index reads it, before analysis: NFKC (full-width Latin and digits,
//! half-width katakana), and hiragana written for a loanword turned into the katakana the
//! knowledge base uses (`くらすたー` → `クラスター`), only where that katakana word is one
//! of the knowledge base's. Pure; the reader's query is shown as typed.

use std::collections::HashSet;
use unicode_normalization::UnicodeNormalization;

/// The shortest katakana word a hiragana spelling is read as: two-kana words (ログ) are
/// too often ordinary hiragana (ろぐ aside) to convert.
const MIN_KANA_WORD: usize = 3;

/// The katakana words of a text (maximal runs of katakana and the long vowel mark), for
/// [`Loanwords`].
pub fn katakana_words(text: &str, into: &mut HashSet<String>) {
    let mut run = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if is_katakana(c) {
            run.push(c);
        } else if !run.is_empty() {
            if run.chars().count() >= MIN_KANA_WORD {
                into.insert(std::mem::take(&mut run));
            }
            run.clear();
        }
    }
}

fn is_katakana(c: char) -> bool {
    ('\u{30A1}'..='\u{30FA}').contains(&c) || c == 'ー'
}

fn is_hiragana(c: char) -> bool {
    ('\u{3041}'..='\u{3096}').contains(&c) || c == 'ー'
}

fn to_katakana(c: char) -> char {
    if ('\u{3041}'..='\u{3096}').contains(&c) {
        char::from_u32(c as u32 + 0x60).unwrap_or(c)
    } else {
        c
    }
}

/// The knowledge base's katakana words, longest first when read.
#[derive(Debug, Default, Clone)]
pub struct Loanwords {
    words: HashSet<String>,
    longest: usize,
}

impl Loanwords {
    pub fn new(words: HashSet<String>) -> Loanwords {
        let longest = words.iter().map(|w| w.chars().count()).max().unwrap_or(0);
        Loanwords { words, longest }
    }

    /// The query with NFKC applied and hiragana loanwords in katakana.
    pub fn normalize(&self, query: &str) -> String {
        let nfkc: String = query.nfkc().collect();
        if !nfkc.chars().any(|c| ('\u{3041}'..='\u{3096}').contains(&c)) || self.words.is_empty() {
            return nfkc;
        }
        let chars: Vec<char> = nfkc.chars().collect();
        let mut out = String::with_capacity(nfkc.len());
        let mut i = 0;
        while i < chars.len() {
            if !is_hiragana(chars[i]) || chars[i] == 'ー' {
                out.push(chars[i]);
                i += 1;
                continue;
            }
            // The longest known katakana word this hiragana spells from here.
            let run = chars[i..].iter().take_while(|c| is_hiragana(**c)).count();
            let found = (MIN_KANA_WORD..=run.min(self.longest)).rev().find_map(|len| {
                let kana: String = chars[i..i + len].iter().map(|c| to_katakana(*c)).collect();
                self.words.contains(&kana).then_some((len, kana))
            });
            match found {
                Some((len, kana)) => {
                    out.push_str(&kana);
                    i += len;
                }
                None => {
                    out.push(chars[i]);
                    i += 1;
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_and_hiragana_loanwords_read_as_the_knowledge_base_writes_them() {
        let mut words = HashSet::new();
        katakana_words("クラスターのノードとシステムディスク、ポッドとログ。", &mut words);
        assert!(words.contains("クラスター") && words.contains("システムディスク") && !words.contains("ログ"));
        words.insert("システム".into());
        let l = Loanwords::new(words);
        let cases = [
            ("くらすたーがなんか変", "クラスターがなんか変"),
            ("のーどとか", "ノードとか"),
            ("しすてむでぃすくの方に", "システムディスクの方に"),
            ("しすてむが", "システムが"),
            ("ｋｕｂｅｃｔｌ が", "kubectl が"),
            ("ｉｐ＿ｆｏｒｗａｒｄ を０に", "ip_forward を0に"),
            ("ﾎﾟｯﾄﾞがﾏｳﾝﾄできない", "ポッドがマウントできない"),
            // Ordinary hiragana stays: no knowledge base word is spelled by it.
            ("どういう順番で確認すればいい", "どういう順番で確認すればいい"),
            ("ろぐが", "ろぐが"),
            ("", ""),
        ];
        for (q, want) in cases {
            assert_eq!(l.normalize(q), want, "{q}");
        }
    }
}
