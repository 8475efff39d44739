//! The region field: Alibaba Cloud region ids and the names people write instead, how a
//! typed id is normalised and checked, and the suggestions when it is not a known id.

use super::words::{join, quote};
use crate::catalog::tr;
use crate::locale::Locale;
use crate::wizard::{message, FieldMessage, Severity};

/// Alibaba Cloud region ids, with the names people write instead of them (compared after
/// [`squash`]: lower case, letters and digits only).
const REGIONS: &[(&str, &[&str])] = &[
    ("cn-qingdao", &["青岛", "青島", "qingdao", "华北1", "華北1"]),
    ("cn-beijing", &["北京", "beijing", "peking", "华北2", "華北2"]),
    ("cn-zhangjiakou", &["张家口", "張家口", "zhangjiakou", "华北3", "華北3"]),
    ("cn-huhehaote", &["呼和浩特", "huhehaote", "hohhot", "华北5", "華北5"]),
    ("cn-wulanchabu", &["乌兰察布", "烏蘭察布", "ウランチャブ", "wulanchabu", "ulanqab", "华北6", "華北6"]),
    ("cn-hangzhou", &["杭州", "hangzhou", "华东1", "華東1"]),
    ("cn-shanghai", &["上海", "shanghai", "华东2", "華東2"]),
    ("cn-nanjing", &["南京", "nanjing", "华东5", "華東5"]),
    ("cn-fuzhou", &["福州", "fuzhou", "华东6", "華東6"]),
    ("cn-shenzhen", &["深圳", "shenzhen", "华南1", "華南1"]),
    ("cn-heyuan", &["河源", "heyuan", "华南2", "華南2"]),
    ("cn-guangzhou", &["广州", "廣州", "広州", "guangzhou", "华南3", "華南3"]),
    ("cn-chengdu", &["成都", "chengdu", "西南1"]),
    ("cn-wuhan-lr", &["武汉", "武漢", "wuhan", "华中1", "華中1"]),
    ("cn-hongkong", &["香港", "hongkong"]),
    ("ap-southeast-1", &["新加坡", "シンガポール", "singapore", "singapura"]),
    ("ap-southeast-3", &["吉隆坡", "クアラルンプール", "kualalumpur", "马来西亚", "馬來西亞", "マレーシア", "malaysia"]),
    ("ap-southeast-5", &["雅加达", "雅加達", "ジャカルタ", "jakarta", "印度尼西亚", "印尼", "インドネシア", "indonesia"]),
    ("ap-southeast-6", &["马尼拉", "馬尼拉", "マニラ", "manila", "菲律宾", "菲律賓", "フィリピン", "philippines", "filipina"]),
    ("ap-southeast-7", &["曼谷", "バンコク", "bangkok", "泰国", "泰國", "thailand"]),
    ("ap-northeast-1", &["东京", "東京", "tokyo", "日本", "japan", "jepang"]),
    ("ap-northeast-2", &["首尔", "首爾", "ソウル", "seoul", "韩国", "韓國", "韓国", "korea"]),
    ("ap-south-1", &["孟买", "孟買", "ムンバイ", "mumbai", "印度", "india"]),
    ("us-west-1", &["硅谷", "矽谷", "シリコンバレー", "siliconvalley", "美国西部", "美國西部"]),
    ("us-east-1", &["弗吉尼亚", "維吉尼亞", "维吉尼亚", "バージニア", "virginia", "美国东部", "美國東部"]),
    ("eu-central-1", &["法兰克福", "法蘭克福", "フランクフルト", "frankfurt", "德国", "德國", "ドイツ", "germany", "jerman"]),
    ("eu-west-1", &["伦敦", "倫敦", "ロンドン", "london", "英国", "英國", "イギリス", "inggris"]),
    ("me-east-1", &["迪拜", "杜拜", "ドバイ", "dubai"]),
    ("me-central-1", &["利雅得", "利雅德", "リヤド", "riyadh"]),
    ("na-south-1", &["墨西哥", "メキシコ", "mexico", "meksiko"]),
    ("cn-shanghai-finance-1", &["上海金融", "华东2金融", "華東2金融", "shanghaifinance"]),
    ("cn-shenzhen-finance-1", &["深圳金融", "华南1金融", "華南1金融", "shenzhenfinance"]),
    ("cn-beijing-finance-1", &["北京金融", "华北2金融", "華北2金融", "beijingfinance"]),
    ("cn-north-2-gov-1", &["政务云", "政務雲", "华北2政务", "華北2政務"]),
];

fn is_known_region(id: &str) -> bool {
    REGIONS.iter().any(|(r, _)| *r == id)
}

/// Full-width ASCII (typed with a CJK input method) to ASCII, and the ideographic space to
/// a space.
fn half_width(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// A region id as typed, normalised: half-width, lower case, runs of blanks and `_` inside
/// become `-`.
fn normalize_region(raw: &str) -> String {
    let mut out = String::new();
    let mut pending_dash = false;
    for c in raw.trim().chars().map(half_width) {
        if c.is_whitespace() || c == '_' {
            pending_dash = !out.is_empty();
            continue;
        }
        if pending_dash && c != '-' && !out.ends_with('-') {
            out.push('-');
        }
        pending_dash = false;
        out.extend(c.to_lowercase());
    }
    out
}

/// Lower case, letters and digits only (any script): for comparing with region names.
fn squash(s: &str) -> String {
    s.chars().map(half_width).filter(|c| c.is_alphanumeric()).flat_map(|c| c.to_lowercase()).collect()
}

/// `cn-hangzhou`, `ap-southeast-1`: two or more lower-case letters, then `-`-separated parts
/// of lower-case letters and digits.
fn well_formed_region(id: &str) -> bool {
    let mut parts = id.split('-');
    let first = parts.next().unwrap_or("");
    let mut rest = 0;
    let rest_ok = parts.all(|p| {
        rest += 1;
        !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    });
    id.len() <= 40 && first.len() >= 2 && first.bytes().all(|b| b.is_ascii_lowercase()) && rest >= 1 && rest_ok
}

/// Levenshtein distance between two short strings (by characters).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The known region id closest to `id`, when it is close enough to be a typo.
fn closest_region(id: &str) -> Option<&'static str> {
    if id.chars().count() > 48 {
        return None;
    }
    let (best, d) = REGIONS.iter().map(|(r, _)| (*r, edit_distance(id, r))).min_by_key(|(_, d)| *d)?;
    let limit = if best.len() >= 12 { 3 } else { 2 };
    (d > 0 && d <= limit).then_some(best)
}

/// The region whose name the text contains (the longest name wins: 上海金融 over 上海).
fn region_by_name(raw: &str) -> Option<&'static str> {
    let text = squash(raw);
    if text.is_empty() || text.chars().count() > 80 {
        return None;
    }
    REGIONS
        .iter()
        .flat_map(|(id, names)| names.iter().map(move |n| (*id, squash(n))))
        .filter(|(_, n)| !n.is_empty() && text.contains(n.as_str()))
        .max_by_key(|(_, n)| n.chars().count())
        .map(|(id, _)| id)
}

/// A known region id that the text contains as a whole token (`cn-hangzhou; rm -rf /`).
fn region_token(raw: &str) -> Option<&'static str> {
    if raw.len() > 400 {
        return None;
    }
    let lower: String = raw.chars().map(half_width).flat_map(|c| c.to_lowercase()).collect();
    lower
        .split(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'))
        .find_map(|token| REGIONS.iter().map(|(r, _)| *r).find(|r| *r == token))
}

fn without_digits(s: &str) -> String {
    s.chars().filter(|c| !c.is_ascii_digit()).collect()
}

/// Known ids that differ from `id` only in their digits (`ap-southeast-8` → the other
/// `ap-southeast-N`): a region newer than this list looks like that.
fn same_family(id: &str) -> Vec<&'static str> {
    let shape = without_digits(id);
    let ends_with_number = id.rsplit('-').next().is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    if !ends_with_number {
        return Vec::new();
    }
    REGIONS.iter().map(|(r, _)| *r).filter(|r| r.bytes().any(|b| b.is_ascii_digit()) && without_digits(r) == shape).collect()
}

/// Checks the region; returns the id to use when it is usable (no error).
pub(super) fn check_region(raw: &str, os: Option<&str>, l: Locale, msgs: &mut Vec<FieldMessage>) -> Option<String> {
    let shown = quote(raw);
    let id = normalize_region(raw);
    let usable = if is_known_region(&id) {
        if id != raw.trim() {
            msgs.push(message("region", Severity::Info, tr!(l, "diagnostics.region-normalized", id, v = shown)));
        }
        Some(id)
    } else if let Some(family) = Some(same_family(&id)).filter(|f| !f.is_empty() && well_formed_region(&id)) {
        msgs.push(message("region", Severity::Warning, tr!(l, "diagnostics.region-unknown-with-family", id, list = join(&family, l))));
        Some(id)
    } else if let Some(suggestion) = closest_region(&id) {
        msgs.push(message("region", Severity::Error, tr!(l, "diagnostics.region-did-you-mean", v = shown, s = suggestion)));
        None
    } else if let Some(suggestion) = region_token(raw) {
        msgs.push(message("region", Severity::Error, tr!(l, "diagnostics.region-extra-characters", v = shown, s = suggestion)));
        None
    } else if let Some(suggestion) = region_by_name(raw) {
        msgs.push(message("region", Severity::Error, tr!(l, "diagnostics.region-name-not-id", v = shown, s = suggestion)));
        None
    } else if well_formed_region(&id) {
        msgs.push(message("region", Severity::Warning, tr!(l, "diagnostics.region-unknown", id)));
        Some(id)
    } else {
        msgs.push(message("region", Severity::Error, tr!(l, "diagnostics.region-malformed", v = shown)));
        None
    };
    if let (Some(id), Some("linux")) = (&usable, os) {
        if id != "cn-hangzhou" {
            msgs.push(message("region", Severity::Info, tr!(l, "diagnostics.region-linux-script-from-hangzhou", id)));
        }
    }
    usable
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wizard::diagnostics::evaluate;
    use crate::wizard::diagnostics::testutil::{codes, inputs};

    #[test]
    fn region_suggestions() {
        let rows: &[(&str, Option<&str>)] = &[
            ("cn-hangzou", Some("cn-hangzhou")),
            ("cn-hangzhou1", Some("cn-hangzhou")),
            ("cn-bejing", Some("cn-beijing")),
            ("ap-southeast1", Some("ap-southeast-1")),
            ("cn-zhangjiakuo", Some("cn-zhangjiakou")),
            ("us-wets-1", Some("us-west-1")),
            ("cn-hangzhou", None),
            ("zz", None),
            ("", None),
        ];
        for (typed, want) in rows {
            assert_eq!(closest_region(typed), *want, "{typed}");
        }
        let names: &[(&str, &str)] = &[
            ("杭州", "cn-hangzhou"),
            ("中国 (杭州)", "cn-hangzhou"),
            ("華東1（杭州）", "cn-hangzhou"),
            ("Hong Kong", "cn-hongkong"),
            ("東京", "ap-northeast-1"),
            ("Tokyo", "ap-northeast-1"),
            ("印度尼西亚", "ap-southeast-5"),
            ("Singapore", "ap-southeast-1"),
            ("深圳金融云", "cn-shenzhen-finance-1"),
            ("張家口", "cn-zhangjiakou"),
        ];
        for (typed, want) in names {
            assert_eq!(region_by_name(typed), Some(*want), "{typed}");
        }
        assert_eq!(region_by_name("!!!"), None);
    }

    #[test]
    fn region_normalisation() {
        assert_eq!(normalize_region("  CN-HangZhou "), "cn-hangzhou");
        assert_eq!(normalize_region("cn hangzhou"), "cn-hangzhou");
        assert_eq!(normalize_region("cn - hangzhou"), "cn-hangzhou");
        assert_eq!(normalize_region("ａｐ－ｓｏｕｔｈｅａｓｔ－１"), "ap-southeast-1");
        assert!(well_formed_region("cn-hangzhou"));
        assert!(well_formed_region("cn-north-2-gov-1"));
        assert!(!well_formed_region("hangzhou"));
        assert!(!well_formed_region("cn--hangzhou"));
        assert!(!well_formed_region("cn-hangzhou-"));
        assert!(!well_formed_region("1n-hangzhou"));
        assert!(!well_formed_region("cn-hang$zhou"));
    }

    #[test]
    fn known_regions_are_well_formed_and_unique() {
        let mut seen = std::collections::BTreeSet::new();
        for (id, names) in REGIONS {
            assert!(well_formed_region(id), "{id}");
            assert!(seen.insert(*id), "duplicate {id}");
            assert!(!names.is_empty(), "{id}");
            // A region id is never mistaken for a typo of another.
            assert_eq!(closest_region(id), None, "{id}");
        }
        for id in ["cn-hangzhou", "cn-shanghai", "cn-beijing", "cn-zhangjiakou", "cn-huhehaote", "cn-wulanchabu", "cn-shenzhen", "cn-heyuan", "cn-guangzhou", "cn-chengdu", "cn-qingdao", "cn-nanjing", "cn-fuzhou", "cn-wuhan-lr", "cn-hongkong", "ap-southeast-1", "ap-southeast-3", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "ap-northeast-1", "ap-northeast-2", "ap-south-1", "us-west-1", "us-east-1", "eu-central-1", "eu-west-1", "me-east-1", "me-central-1", "cn-shanghai-finance-1", "cn-shenzhen-finance-1", "cn-beijing-finance-1"] {
            assert!(is_known_region(id), "{id}");
        }
    }

    #[test]
    fn edit_distance_basics() {
        assert_eq!(edit_distance("", ""), 0);
        assert_eq!(edit_distance("abc", ""), 3);
        assert_eq!(edit_distance("cn-hangzou", "cn-hangzhou"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("杭州", "杭洲"), 1);
    }

    #[test]
    fn region_from_input_reaches_commands_only_when_valid() {
        let hostile = ["cn-hangzhou\"; calc", "cn-hangzhou`whoami`", "cn-hangzhou|iex", "cn-hangzhou\nInvoke-Expression x", "cn-hangzhou&&dir"];
        for h in hostile {
            let r = evaluate(&inputs(&[("cluster_type", "managed"), ("role", "worker"), ("os", "windows"), ("region", h)]), Locale::Zh);
            assert!(!r.complete, "{h:?}");
            assert!(codes(&r).is_empty());
        }
    }
}
