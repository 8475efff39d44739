//! Chinese homophone typos: a pinyin input method offers every character of a sound, and a
//! hurried reader picks the wrong one (正书 for 证书, 急群 for 集群, 负再 for 负载). The
//! knowledge base's two-character words are keyed by their toneless pinyin; a query's
//! two-character run that no document has is read as the words that sound the same.
//! Pinyin from the `pinyin` crate (its data is compiled in), every reading of a character
//! with several. Pure, tested.

use pinyin::ToPinyinMulti;
use std::collections::HashMap;

/// The most words one sound leads to: a sound shared by more is too common to guess from.
const MAX_WORDS_PER_SOUND: usize = 3;

/// The knowledge base's two-character Chinese words by sound.
#[derive(Debug, Default, Clone)]
pub struct Homophones {
    by_sound: HashMap<String, Vec<String>>,
}

/// Every toneless reading of a two-character Han word, `zheng shu` style; none for other
/// text.
fn sounds(word: &str) -> Vec<String> {
    let mut chars = word.chars();
    let (Some(a), Some(b), None) = (chars.next(), chars.next(), chars.next()) else { return Vec::new() };
    let readings = |c: char| -> Vec<&'static str> {
        let mut r: Vec<&str> = c.to_pinyin_multi().map(|m| m.into_iter().map(|p| p.plain()).collect()).unwrap_or_default();
        r.sort_unstable();
        r.dedup();
        r
    };
    let (ra, rb) = (readings(a), readings(b));
    ra.iter().flat_map(|x| rb.iter().map(move |y| format!("{x} {y}"))).collect()
}

impl Homophones {
    /// The homophones of `words` (the index's terms; only two-character Han words count).
    pub fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> Homophones {
        let mut by_sound: HashMap<String, Vec<String>> = HashMap::new();
        for word in words {
            for sound in sounds(word) {
                let list = by_sound.entry(sound).or_default();
                if !list.iter().any(|w| w == word) {
                    list.push(word.to_owned());
                }
            }
        }
        by_sound.retain(|_, words| words.len() <= MAX_WORDS_PER_SOUND);
        for words in by_sound.values_mut() {
            words.sort_unstable();
        }
        Homophones { by_sound }
    }

    /// The knowledge base's words that sound like `bigram`, itself excluded.
    pub fn of(&self, bigram: &str) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for sound in sounds(bigram) {
            for w in self.by_sound.get(&sound).into_iter().flatten() {
                if w != bigram && !out.contains(&w.as_str()) {
                    out.push(w);
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
    fn a_misheard_word_is_read_as_the_knowledge_bases_word_that_sounds_the_same() {
        let h = Homophones::new(["证书", "集群", "负载", "节点", "重启", "kubectl", "容器运行", "书"]);
        for (typed, want) in [
            ("正书", vec!["证书"]),
            ("急群", vec!["集群"]),
            ("负再", vec!["负载"]),
            ("结点", vec!["节点"]),
            // A character with several readings: 重 is zhong and chong.
            ("崇启", vec!["重启"]),
            // The word itself, other sounds, other lengths and other scripts find nothing.
            ("证书", vec![]),
            ("过期", vec![]),
            ("书", vec![]),
            ("ab", vec![]),
            ("", vec![]),
        ] {
            assert_eq!(h.of(typed), want, "{typed}");
        }
    }

    #[test]
    fn a_sound_shared_by_many_words_guesses_nothing() {
        let h = Homophones::new(["实时", "事实", "时事", "试试", "证书"]);
        assert!(h.of("是是").is_empty());
        assert_eq!(h.of("正书"), ["证书"]);
    }
}
