//! Text analysis for the search index: pure functions from text to terms.
//!
//! The same functions analyze the documents and the queries, so a query term can only
//! match what the document side produced. Each analyzer feeds its own index field:
//!
//! - [`tokenize`]: the main fields. Latin words and digits, lowercased; CJK text as single
//!   characters plus overlapping bigrams; Traditional characters folded to Simplified one
//!   for one, so offsets still point into the original text (snippets rely on them).
//! - [`chinese_words`]: dictionary words (jieba) of the text converted to Simplified
//!   Chinese phrase by phrase (OpenCC tables through zhconv: 伺服器 → 服务器, 叢集 → 集群).
//! - [`japanese_words`]: TinySegmenter words (tiniestsegmenter) with a kanji or katakana.
//! - [`indonesian_stems`]: Snowball Indonesian stems (frostem) of the Latin words.
//! - [`identifiers`]: identifiers kept whole: `net.ipv4.ip_forward`, `100.104.0.0/16`.

use std::sync::OnceLock;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use zhconv::{zhconv, Variant};

/// Words of Latin-script text and digits, lowercased; CJK text as single characters plus
/// overlapping bigrams, so that Chinese and Japanese match without a dictionary.
#[derive(Clone, Default)]
pub struct AckTokenizer;

pub struct VecTokenStream {
    tokens: Vec<Token>,
    next: usize,
}

impl VecTokenStream {
    pub fn new(tokens: Vec<Token>) -> Self {
        VecTokenStream { tokens, next: 0 }
    }
}

impl TokenStream for VecTokenStream {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }
    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

impl Tokenizer for AckTokenizer {
    type TokenStream<'a> = VecTokenStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        VecTokenStream::new(tokenize(text))
    }
}

pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x31F0..=0x31FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF66..=0xFF9F)
}

/// Hiragana letters (ぁ to ゖ).
pub fn is_hiragana(c: char) -> bool {
    ('\u{3041}'..='\u{3096}').contains(&c)
}

/// Katakana letters (ァ to ヺ) and the long vowel mark, which loanwords are written with.
pub fn is_katakana(c: char) -> bool {
    ('\u{30A1}'..='\u{30FA}').contains(&c) || c == 'ー'
}

/// Whether a text has a hiragana or katakana letter: Japanese, not Chinese.
pub fn has_kana(text: &str) -> bool {
    text.chars().any(|c| is_hiragana(c) || is_katakana(c))
}

pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}

/// The Simplified form of a Traditional Chinese character (體 → 体); other characters are
/// returned as they are. Character for character, so lengths and offsets do not change.
pub fn fold_char(c: char) -> char {
    let at = match c as u32 {
        n @ 0x3400..=0x9FFF => n - 0x3400,
        n @ 0xF900..=0xFAFF => n - 0xF900 + HAN_MAIN,
        _ => return c,
    };
    fold_table()[at as usize]
}

/// The Han characters of [`is_han`]: the main blocks, then the compatibility block.
const HAN_MAIN: u32 = 0x9FFF - 0x3400 + 1;
const HAN_ALL: u32 = HAN_MAIN + (0xFAFF - 0xF900 + 1);

/// Every Han character's Simplified form, looked up by its place in [`is_han`]'s blocks:
/// 28,160 characters (110 KiB), made by one zhconv pass over all of them, one per line, at
/// first use. A character that converts to more or less than one character stays itself.
fn fold_table() -> &'static [char] {
    static TABLE: OnceLock<Box<[char]>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let han = || (0x3400..=0x9FFF).chain(0xF900..=0xFAFF).filter_map(char::from_u32);
        let mut all = String::with_capacity(HAN_ALL as usize * 4);
        for c in han() {
            all.push(c);
            all.push('\n');
        }
        let converted = zhconv(&all, Variant::ZhCN);
        let mut lines = converted.split('\n');
        han()
            .map(|c| {
                let mut chars = lines.next().unwrap_or_default().chars();
                match (chars.next(), chars.next()) {
                    (Some(f), None) => f,
                    _ => c,
                }
            })
            .collect()
    })
}

/// Text in Simplified Chinese, converted phrase by phrase with the mainland's words.
pub fn to_simplified(text: &str) -> String {
    zhconv(text, Variant::ZhCN)
}

/// Text in Traditional Chinese as written in Taiwan.
pub fn to_traditional(text: &str) -> String {
    zhconv(text, Variant::ZhTW)
}

/// The tokens of a text as [`for_each_token`] gives them, collected.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    for_each_token(text, |t| {
        tokens.push(Token { offset_from: t.from, offset_to: t.to, position: t.position, text: t.text.to_owned(), position_length: 1 });
    });
    tokens
}

/// One token, borrowed for the duration of the callback.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenRef<'a> {
    pub text: &'a str,
    pub from: usize,
    pub to: usize,
    pub position: usize,
}

/// The longest Latin word that is a token; longer runs (hashes, base64) are skipped.
const MAX_WORD_BYTES: usize = 64;

/// Walks the tokens of a text in order of their offsets, without allocating per token:
/// Latin words and digits lowercased, CJK characters folded to Simplified, each CJK
/// character preceded by the bigram it ends. Indexing, queries and snippets all tokenize
/// through here, so they cannot disagree.
pub fn for_each_token(text: &str, mut f: impl FnMut(TokenRef<'_>)) {
    let mut position = 0;
    let mut word_start: Option<usize> = None;
    let mut prev_cjk: Option<(usize, char)> = None;
    let mut lower = String::new();
    let mut word = |f: &mut dyn FnMut(TokenRef<'_>), start: usize, end: usize, position: &mut usize| {
        if end - start > MAX_WORD_BYTES {
            return;
        }
        let raw = &text[start..end];
        let text = if raw.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
            if raw.is_ascii() {
                lower.clear();
                lower.extend(raw.bytes().map(|b| char::from(b.to_ascii_lowercase())));
            } else {
                // Unicode's rules, final sigma included: rare enough to allocate.
                lower = raw.to_lowercase();
            }
            lower.as_str()
        } else {
            raw
        };
        f(TokenRef { text, from: start, to: end, position: *position });
        *position += 1;
    };
    let mut chars = text.char_indices().peekable();
    while let Some((offset, c)) = chars.next() {
        if c.is_ascii() {
            // The common case first: no Unicode tables for ASCII.
            if c.is_ascii_alphanumeric() {
                word_start.get_or_insert(offset);
            } else if let Some(start) = word_start.take() {
                word(&mut f, start, offset, &mut position);
            }
            prev_cjk = None;
            continue;
        }
        let cjk = is_cjk(c);
        if !cjk && c.is_alphanumeric() {
            word_start.get_or_insert(offset);
        } else if let Some(start) = word_start.take() {
            word(&mut f, start, offset, &mut position);
        }
        if !cjk {
            prev_cjk = None;
            continue;
        }
        let end = chars.peek().map_or(text.len(), |(o, _)| *o);
        let c = fold_char(c);
        let mut buf = [0u8; 8];
        // The bigram comes before the character's own token so that token offsets never
        // go backwards, which snippets rely on.
        if let Some((prev_offset, prev)) = prev_cjk {
            let n = prev.encode_utf8(&mut buf).len();
            let m = c.encode_utf8(&mut buf[n..]).len();
            let bigram = std::str::from_utf8(&buf[..n + m]).unwrap_or_default();
            f(TokenRef { text: bigram, from: prev_offset, to: end, position });
        }
        f(TokenRef { text: c.encode_utf8(&mut buf), from: offset, to: end, position });
        position += 1;
        prev_cjk = Some((offset, c));
    }
    if let Some(start) = word_start {
        word(&mut f, start, text.len(), &mut position);
    }
}

/// The Chinese dictionary words of a text, after conversion to Simplified: every word of
/// two or more Han characters that jieba's search mode finds (集群, 白名单 and 名单).
pub fn chinese_words(text: &str) -> Vec<String> {
    if !text.chars().any(is_han) {
        return Vec::new();
    }
    let simplified = to_simplified(text);
    // tantivy-jieba in search mode, with the dictionary only (no HMM guesses), so that a
    // query and a document cut the same phrase the same way.
    let mut jieba = tantivy_jieba::JiebaTokenizer::with_hmm(false);
    let mut stream = jieba.token_stream(&simplified);
    let mut words = Vec::new();
    while stream.advance() {
        let w = &stream.token().text;
        if w.chars().count() >= 2 && w.chars().all(is_han) {
            words.push(w.clone());
        }
    }
    words
}

/// The Japanese words of a text, as TinySegmenter cuts it (`証明書|の|期限|が|切れ`): every
/// word of two or more characters with a kanji or a katakana letter in it. Particles and
/// endings in hiragana alone are not words here, and neither is a word that runs into
/// Latin letters or digits (`Pod` and `10250` are the main fields' words).
pub fn japanese_words(text: &str) -> Vec<String> {
    if !text.chars().any(|c| is_han(c) || is_katakana(c)) {
        return Vec::new();
    }
    let mut words = Vec::new();
    // The segmenter reads one run of Japanese text at a time: cutting at everything else
    // keeps its model on the text it was trained for and its cost linear in the text.
    for run in text.split(|c: char| !is_cjk(c)).filter(|r| !r.is_empty()) {
        for w in tiniestsegmenter::tokenize(run) {
            if w.chars().nth(1).is_some() && w.chars().any(|c| is_han(c) || is_katakana(c)) {
                words.push(w.to_owned());
            }
        }
    }
    words
}

fn stemmer() -> &'static frostem::Stemmer {
    static STEMMER: OnceLock<frostem::Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| frostem::Stemmer::new(frostem::Algorithm::Indonesian))
}

/// The Indonesian stems of the Latin words of a text: `penghapusan`, `dihapus` and
/// `menghapus` all give `hapus`. Words with digits are left out (they are not Indonesian).
pub fn indonesian_stems(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() || is_cjk(c))
        .filter(|w| w.len() >= 3 && w.len() <= 40 && w.chars().all(|c| c.is_alphabetic()))
        .map(|w| stemmer().stem(&w.to_lowercase()).into_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Identifiers kept whole, lowercased: runs of letters, digits and `. _ / : -` that hold a
/// digit or an inner separator, such as `net.ipv4.ip_forward`, `kube-apiserver`,
/// `100.104.0.0/16`, `10250` and `x509`. Trailing punctuation is dropped (`6443.` → `6443`).
pub fn identifiers(text: &str) -> Vec<String> {
    let is_part = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '/' | ':' | '-');
    let mut out = Vec::new();
    for run in text.split(|c: char| !is_part(c)) {
        let run = run.trim_matches(|c: char| !c.is_ascii_alphanumeric());
        if run.len() < 2 || run.len() > 80 {
            continue;
        }
        let has_digit = run.bytes().any(|b| b.is_ascii_digit());
        let has_separator = run.contains(['.', '_', '/', ':', '-']);
        if has_digit || has_separator {
            out.push(run.to_ascii_lowercase());
        }
    }
    out
}

/// The Damerau–Levenshtein distance (adjacent transpositions count as one edit) between
/// two words, or `None` when it is over `max`.
pub fn edit_distance(a: &str, b: &str, max: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    for i in 0..=a.len() {
        d[i * width] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(width) {
        *cell = j;
    }
    for i in 1..=a.len() {
        let mut row_min = usize::MAX;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * width + j] + 1).min(d[i * width + j - 1] + 1).min(d[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return None;
        }
    }
    Some(d[a.len() * width + b.len()]).filter(|d| *d <= max)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        tokenize(s).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn tokenizes_latin_words_and_cjk_bigrams() {
        let cases: &[(&str, &[&str])] = &[
            ("x509: Certificate has EXPIRED", &["x509", "certificate", "has", "expired"]),
            ("证书过期", &["证", "证书", "书", "书过", "过", "过期", "期"]),
            ("kube-apiserver 6443", &["kube", "apiserver", "6443"]),
            ("节点NotReady", &["节", "节点", "点", "notready"]),
            ("", &[]),
            ("\u{0}<>\"", &[]),
        ];
        for (input, want) in cases {
            assert_eq!(texts(input), *want, "{input:?}");
        }
    }

    #[test]
    fn folds_traditional_characters_to_simplified_in_place() {
        let cases: &[(&str, &[&str])] = &[
            ("節點", &["节", "节点", "点"]),
            ("憑證過期", &["凭", "凭证", "证", "证过", "过", "过期", "期"]),
            ("ノード", &["ノ", "ノー", "ー", "ード", "ド"]),
        ];
        for (input, want) in cases {
            assert_eq!(texts(input), *want, "{input:?}");
        }
        let tokens = tokenize("叢集 a");
        assert_eq!(tokens[1].text, "丛集");
        assert_eq!((tokens[1].offset_from, tokens[1].offset_to), (0, 6), "offsets stay those of the original text");
    }

    #[test]
    fn the_fold_table_agrees_with_zhconv_character_by_character() {
        for c in (0x3400..=0x9FFF).chain(0xF900..=0xFAFF).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let one = zhconv(c.encode_utf8(&mut buf), Variant::ZhCN);
            let mut chars = one.chars();
            let want = match (chars.next(), chars.next()) {
                (Some(f), None) => f,
                _ => c,
            };
            assert_eq!(fold_char(c), want, "{c} (U+{:04X})", c as u32);
        }
        assert_eq!(fold_char('A'), 'A');
        assert_eq!(fold_char('ノ'), 'ノ');
    }

    #[test]
    fn lowercases_words_and_skips_overlong_ones() {
        let long = "a".repeat(MAX_WORD_BYTES + 1);
        let cases: &[(&str, &[&str])] = &[
            ("ÉCHEC Kubelet", &["échec", "kubelet"]),
            ("ＡＢＣ def", &["ａｂｃ", "def"]),
            (&format!("{long} ok"), &["ok"]),
        ];
        for (input, want) in cases {
            assert_eq!(texts(input), *want, "{input:?}");
        }
        let positions: Vec<usize> = tokenize("ab 节点 cd").iter().map(|t| t.position).collect();
        assert_eq!(positions, [0, 1, 2, 2, 3], "a bigram shares the position of its second character");
    }

    #[test]
    fn token_offsets_never_go_backwards() {
        let samples = [
            "重装操作系统 Master 节点组件被删除",
            "API Server 回环证书过期：x509: certificate has expired",
            "ノードが NotReady になった、kubelet を再起動",
            "a漢b字c かな カナ ｶﾅ 1.2.3 中文English混合",
        ];
        for text in samples {
            let tokens = tokenize(text);
            for pair in tokens.windows(2) {
                assert!(pair[0].offset_from <= pair[1].offset_from, "{text:?}: {:?} then {:?}", pair[0], pair[1]);
            }
            for t in &tokens {
                assert!(text.is_char_boundary(t.offset_from) && text.is_char_boundary(t.offset_to));
            }
        }
    }

    #[test]
    fn finds_chinese_dictionary_words_in_either_script() {
        let cases: &[(&str, &[&str])] = &[
            ("负载均衡白名单", &["负载", "均衡", "名单", "白名单"]),
            ("叢集節點", &["集群", "节点"]),
            ("伺服器", &["服务", "服务器"]),
            ("存取控制", &["访问", "控制"]),
            ("kubectl logs", &[]),
        ];
        for (input, want) in cases {
            let words = chinese_words(input);
            for w in *want {
                assert!(words.iter().any(|x| x == w), "{input:?}: {w} missing from {words:?}");
            }
            if want.is_empty() {
                assert!(words.is_empty(), "{input:?}: {words:?}");
            }
        }
    }

    #[test]
    fn stems_indonesian_words() {
        let cases: &[(&str, &[&str])] = &[
            ("penghapusan dihapus menghapus", &["hapus", "hapus", "hapus"]),
            ("Mengumpulkan informasi", &["umpul", "informasi"]),
            ("x509 6443 节点", &[]),
        ];
        for (input, want) in cases {
            assert_eq!(indonesian_stems(input), *want, "{input:?}");
        }
    }

    #[test]
    fn measures_edit_distance_with_transpositions() {
        let cases: &[(&str, &str, usize, Option<usize>)] = &[
            ("kubelet", "kubelet", 2, Some(0)),
            ("kubelte", "kubelet", 2, Some(1)),
            ("kubeltt", "kubelet", 2, Some(1)),
            ("kbelte", "kubelet", 2, Some(2)),
            ("containerd", "docker", 2, None),
            ("", "ab", 2, Some(2)),
            ("节点", "节点们", 1, Some(1)),
        ];
        for (a, b, max, want) in cases {
            assert_eq!(edit_distance(a, b, *max), *want, "{a} → {b}");
        }
    }

    #[test]
    fn cuts_japanese_into_words_without_particles_or_latin() {
        let cases: &[(&str, &[&str])] = &[
            ("証明書の期限が切れました", &["証明書", "期限", "切れ"]),
            ("セキュリティグループでポートを開放する", &["セキュリティグループ", "ポート", "開放"]),
            ("Pod が 10250 に接続できない", &["接続"]),
            ("ノードを追加したい", &["ノード", "追加"]),
            ("ひらがなだけ", &[]),
            ("plain words only", &[]),
        ];
        for (input, want) in cases {
            assert_eq!(japanese_words(input), *want, "{input:?}");
        }
    }

    #[test]
    fn keeps_identifiers_whole() {
        let cases: &[(&str, &[&str])] = &[
            ("sysctl -w net.ipv4.ip_forward=0", &["net.ipv4.ip_forward"]),
            ("放行 100.104.0.0/16 网段。", &["100.104.0.0/16"]),
            ("port 10250: x509", &["10250", "x509"]),
            ("kube-apiserver and nasplugin.csi.alibabacloud.com.", &["kube-apiserver", "nasplugin.csi.alibabacloud.com"]),
            ("plain words only", &[]),
            ("/tmp/ccs-log-collector/buffer", &["tmp/ccs-log-collector/buffer"]),
        ];
        for (input, want) in cases {
            assert_eq!(identifiers(input), *want, "{input:?}");
        }
    }
}
