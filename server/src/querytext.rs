//! The query as the index reads it, before analysis: NFKC (full-width Latin and digits,
//! half-width katakana), hiragana written for a loanword turned into the katakana the
//! knowledge base uses (`くらすたー` → `クラスター`, only where that katakana word is one
//! of the knowledge base's), and in the reader's own words, informal Indonesian read as
//! the standard words the entries use (`gk bs hps` → `tidak bisa hapus`, from
//! `content/informal-id.toml`; `pod2` → `pod`). Pure; the reader's query is shown as typed.

use std::collections::{BTreeMap, HashSet};
use unicode_normalization::UnicodeNormalization;

/// The shortest katakana word a hiragana spelling is read as: two-kana words (ログ) are
/// too often ordinary hiragana (ろぐ aside) to convert.
const MIN_KANA_WORD: usize = 3;

/// The katakana words of a text (maximal runs of katakana and the long vowel mark), for
/// [`QueryText`].
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

use crate::analysis::is_katakana;

/// Hiragana as a loanword is spelled in it: with the long vowel mark (くらすたー).
fn is_hiragana(c: char) -> bool {
    crate::analysis::is_hiragana(c) || c == 'ー'
}

fn to_katakana(c: char) -> char {
    if ('\u{3041}'..='\u{3096}').contains(&c) {
        char::from_u32(c as u32 + 0x60).unwrap_or(c)
    } else {
        c
    }
}

/// The file of informal Indonesian words, in the content folder.
pub const INFORMAL_FILE: &str = "informal-id.toml";

/// `informal-id.toml`: informal words and their standard forms.
#[derive(Debug, Default, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Informal {
    #[serde(default)]
    pub words: BTreeMap<String, String>,
}

/// `informal-id.toml`'s text read; every word lowercase Latin letters, every standard form
/// non-empty.
pub fn parse_informal(text: &str) -> Result<Informal, String> {
    let file: Informal = toml::from_str(text).map_err(|e| e.to_string())?;
    let is_word = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase());
    for word in file.words.keys() {
        if !is_word(word) {
            return Err(format!("`{word}`: an informal word is lowercase Latin letters"));
        }
    }
    if let Some((word, _)) = file.words.iter().find(|(_, s)| s.trim().is_empty()) {
        return Err(format!("`{word}` has no standard form"));
    }
    Ok(file)
}

/// The knowledge base's katakana words (longest first when read) and the informal words
/// it reads as standard ones.
#[derive(Debug, Default, Clone)]
pub struct QueryText {
    words: HashSet<String>,
    longest: usize,
    informal: Informal,
}

impl QueryText {
    pub fn new(words: HashSet<String>, informal: Informal) -> QueryText {
        let longest = words.iter().map(|w| w.chars().count()).max().unwrap_or(0);
        QueryText { words, longest, informal }
    }

    /// The reader's own words with informal Indonesian words in their standard forms, and
    /// a word repeated with a 2 (`pod2`, `tag2`: plurals in chat) read as the word when
    /// `known` knows the word and not the form with the 2 (`http2`, `sda2` stay). Words
    /// inside identifiers (`nat-gw`, `app.dr.local`, `/var/lib`) are left as they are.
    pub fn standard_words(&self, text: &str, known: impl Fn(&str) -> bool) -> String {
        let is_word_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '/' | ':' | '-');
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(start) = rest.find(is_word_char) {
            out.push_str(&rest[..start]);
            rest = &rest[start..];
            let end = rest.find(|c: char| !is_word_char(c)).unwrap_or(rest.len());
            // Sentence punctuation at the end of a word is not part of it.
            let word_end = rest[..end].trim_end_matches(['.', ':', '-', '/']).len();
            let (word, tail) = (&rest[..word_end], &rest[word_end..end]);
            let lower = word.to_ascii_lowercase();
            let plain = !lower.is_empty() && lower.bytes().all(|b| b.is_ascii_alphanumeric());
            let base = lower.strip_suffix('2').filter(|b| b.len() >= 3 && b.bytes().all(|c| c.is_ascii_lowercase()));
            match (plain.then(|| self.informal.words.get(&lower)).flatten(), base) {
                (Some(standard), _) => out.push_str(standard),
                (None, Some(base)) if plain && known(base) && !known(&lower) => out.push_str(base),
                _ => out.push_str(word),
            }
            out.push_str(tail);
            rest = &rest[end..];
        }
        out.push_str(rest);
        out
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
        let l = QueryText::new(words, Informal::default());
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

    #[test]
    fn informal_indonesian_reads_as_the_entries_words() {
        let informal = "[words]\ngk = \"tidak\"\nbs = \"bisa\"\nhps = \"hapus\"\nkl = \"jika\"\n";
        let q = QueryText::new(HashSet::new(), parse_informal(informal).unwrap());
        let known = |w: &str| ["pod", "tag", "restart", "http", "http2"].contains(&w);
        for (typed, read) in [
            ("td sy hps tag2 di SLB, gk bs", "td sy hapus tag di SLB, tidak bisa"),
            ("Gk BS.", "tidak bisa."),
            ("kl pod Di node", "jika pod Di node"),
            // Only whole words: `gks`, `bsd` and `kl2` are not informal words.
            ("gks bsd kl2 k8s ec2 ipv4", "gks bsd kl2 k8s ec2 ipv4"),
            // A 2 is a plural only for a known word whose form with the 2 is unknown.
            ("pod2 nya restart2 terus, http2 sda2 foo2", "pod nya restart terus, http2 sda2 foo2"),
            // Words inside identifiers stay.
            ("nat-gw my.kl.local /data/hps gk:", "nat-gw my.kl.local /data/hps tidak:"),
            ("证书过期 gk", "证书过期 tidak"),
            ("", ""),
        ] {
            assert_eq!(q.standard_words(typed, known), read, "{typed}");
        }
        assert!(parse_informal("[words]\nGk = \"tidak\"\n").is_err());
        assert!(parse_informal("[words]\ngk = \" \"\n").is_err());
        assert!(parse_informal("[words]\ngk = 1\n").is_err());
        assert!(parse_informal("stopwords = [\"di\"]\n").is_err());
    }
}
