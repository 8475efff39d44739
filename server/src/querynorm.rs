//! The normalized form of a search, under which near-duplicates fall together in the
//! portal: secrets out, variable parts of pasted errors masked, one script, one width,
//! one case, no punctuation, words in order. Pure, table-tested.

use crate::analysis::fold_char;
use crate::masking::{mask, redact_secrets};

/// The longest normalized form kept.
const MAX_CHARS: usize = 300;

pub fn normalize(query: &str) -> String {
    let masked = mask(&redact_secrets(query));
    let mut out = String::with_capacity(masked.len());
    let mut space = false;
    let mut in_placeholder = false;
    for c in masked.chars() {
        // Placeholders (<IP>, <TIMESTAMP>) stay as they are, so that "dial tcp <IP>" and
        // "dial tcp 10.0.0.1" group together but "dial tcp" alone does not.
        if c == '<' {
            in_placeholder = true;
        }
        let c = if in_placeholder { c } else { fold_char(width(c)) };
        if c == '>' {
            in_placeholder = false;
        }
        let keep = c.is_alphanumeric() || in_placeholder || c == '>' || matches!(c, '.' | '_' | '/' | ':' | '-');
        if keep {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.extend(c.to_lowercase());
        } else {
            space = true;
        }
    }
    // Lone punctuation left at the edges of words carries nothing.
    let words: Vec<&str> = out.split(' ').map(|w| w.trim_matches(|c| matches!(c, '.' | ':' | '-' | '/'))).filter(|w| !w.is_empty()).collect();
    let joined = words.join(" ");
    joined.chars().take(MAX_CHARS).collect()
}

/// Full-width ASCII and the ideographic space to their plain forms; half-width katakana
/// stay (their folding is the analyzers' business).
fn width(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn near_duplicates_fall_together() {
        let groups: &[&[&str]] = &[
            &["证书过期", "證書過期", " 证书过期？", "证书过期!!"],
            &["kubectl  Timeout", "KUBECTL timeout", "ｋｕｂｅｃｔｌ　timeout"],
            &[
                "dial tcp 10.0.3.17:10250: i/o timeout",
                "dial tcp 172.16.9.1:10250: i/o timeout",
                "Nov 22 09:41:07 node-1 kubelet[2345]: dial tcp 10.1.1.1:10250: i/o timeout",
            ],
            &["x509: certificate has expired", "x509 certificate has expired."],
        ];
        for group in groups {
            let first = normalize(group[0]);
            assert!(!first.is_empty());
            for q in group.iter().skip(1) {
                assert_eq!(normalize(q), first, "{q:?} vs {:?}", group[0]);
            }
        }
        assert_ne!(normalize("kubectl timeout"), normalize("kubectl forbidden"));
        assert_ne!(normalize("dial tcp <IP>:10250"), normalize("dial tcp"));
    }

    #[test]
    fn secrets_never_reach_the_normalized_form() {
        let n = normalize("aliyun LTAI5tQ7xYz2AbCdEfGh9JkL Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0 失败");
        assert!(!n.contains("ltai5t") && !n.contains("zx9yw8"), "{n}");
        assert!(n.contains("<access_key_id>") || n.contains("<ACCESS_KEY_ID>"), "{n}");
    }

    #[test]
    fn is_bounded_and_total() {
        assert_eq!(normalize(""), "");
        assert_eq!(normalize("  ?!  "), "");
        assert!(normalize(&"很长的查询 ".repeat(500)).chars().count() <= 300);
    }
}
