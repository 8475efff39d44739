//! The four locales of the console and how a request picks one.
//!
//! Everything here is pure: no web framework types, so the rules are table-tested.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A locale the console is written in. The URL prefix is [`Locale::code`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Locale {
    /// Simplified Chinese, the default.
    #[serde(rename = "zh")]
    Zh,
    /// Traditional Chinese as written in Taiwan.
    #[serde(rename = "zh-TW")]
    ZhTw,
    /// Indonesian.
    #[serde(rename = "id")]
    Id,
    /// Japanese.
    #[serde(rename = "ja")]
    Ja,
}

impl Locale {
    pub const ALL: [Locale; 4] = [Locale::Zh, Locale::ZhTw, Locale::Id, Locale::Ja];
    pub const DEFAULT: Locale = Locale::Zh;

    /// The code used in URLs, file names, the `lang` attribute and the API.
    pub const fn code(self) -> &'static str {
        match self {
            Locale::Zh => "zh",
            Locale::ZhTw => "zh-TW",
            Locale::Id => "id",
            Locale::Ja => "ja",
        }
    }

    /// The `lang` attribute of `<html>` and the `hreflang` of links to the locale.
    pub const fn html_lang(self) -> &'static str {
        match self {
            Locale::Zh => "zh-CN",
            Locale::ZhTw => "zh-TW",
            Locale::Id => "id",
            Locale::Ja => "ja",
        }
    }

    /// The name of the locale in its own language, for the language switcher.
    pub const fn native_name(self) -> &'static str {
        match self {
            Locale::Zh => "简体中文",
            Locale::ZhTw => "繁體中文",
            Locale::Id => "Bahasa Indonesia",
            Locale::Ja => "日本語",
        }
    }

    /// A few characters naming the locale where its full name does not fit (the language
    /// menu on a phone).
    pub const fn short_name(self) -> &'static str {
        match self {
            Locale::Zh => "简体",
            Locale::ZhTw => "繁體",
            Locale::Id => "ID",
            Locale::Ja => "日本語",
        }
    }

    /// Parses a URL prefix or API `lang` value. Exact codes only, with ASCII case ignored.
    pub fn from_code(code: &str) -> Option<Locale> {
        Locale::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(code))
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Locale {
    type Err = UnknownLocale;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Locale::from_code(s).ok_or(UnknownLocale)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnknownLocale;

impl fmt::Display for UnknownLocale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("unknown locale; expected one of zh, zh-TW, id, ja")
    }
}

/// Splits a path such as `/ja/entries/x` into its locale and the rest (`/entries/x`).
pub fn split_locale_path(path: &str) -> Option<(Locale, &str)> {
    let rest = path.strip_prefix('/')?;
    let (first, tail) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    Locale::from_code(first).map(|l| (l, tail))
}

/// The same page in another locale: `/ja/entries/x` becomes `/zh-TW/entries/x`, and the
/// home page `/ja` becomes `/zh-TW`. A path without a locale prefix gets one.
pub fn localized_path(path: &str, to: Locale) -> String {
    let tail = match split_locale_path(path) {
        Some((_, tail)) => tail,
        None => path,
    };
    let tail = if tail == "/" || !tail.starts_with('/') { "" } else { tail };
    format!("/{}{}", to.code(), tail)
}

/// Maps one language tag (BCP 47) to a console locale, if one fits.
///
/// zh-HK, zh-MO, zh-Hant and zh-TW map to zh-TW; zh, zh-CN, zh-SG and zh-Hans to zh;
/// `in` (the old code for Indonesian) to id.
#[cfg(feature = "ssr")]
pub fn locale_for_tag(tag: &str) -> Option<Locale> {
    use unic_langid::LanguageIdentifier;
    let tag = tag.trim();
    let id: LanguageIdentifier = tag.parse().ok()?;
    match id.language.as_str() {
        "zh" => {
            let script = id.script.as_ref().map(|s| s.as_str().to_ascii_lowercase());
            let region = id.region.as_ref().map(|r| r.as_str().to_ascii_uppercase());
            match (script.as_deref(), region.as_deref()) {
                (Some("hant"), _) => Some(Locale::ZhTw),
                (Some("hans"), _) => Some(Locale::Zh),
                (None, Some("TW" | "HK" | "MO")) => Some(Locale::ZhTw),
                _ => Some(Locale::Zh),
            }
        }
        "id" | "in" => Some(Locale::Id),
        "ja" => Some(Locale::Ja),
        _ => None,
    }
}

/// Picks the locale for `/`: the cookie set by the language switcher, then the
/// `Accept-Language` header by quality, then zh.
#[cfg(feature = "ssr")]
pub fn negotiate(cookie: Option<&str>, accept_language: Option<&str>) -> Locale {
    if let Some(l) = cookie.and_then(Locale::from_code) {
        return l;
    }
    accept_language
        .and_then(best_from_accept_language)
        .unwrap_or(Locale::DEFAULT)
}

#[cfg(feature = "ssr")]
fn best_from_accept_language(header: &str) -> Option<Locale> {
    let mut best: Option<(f32, usize, Locale)> = None;
    for (index, part) in header.split(',').enumerate().take(32) {
        let mut pieces = part.split(';');
        let tag = pieces.next().unwrap_or("").trim();
        if tag.is_empty() || tag == "*" {
            continue;
        }
        let mut q = 1.0_f32;
        for p in pieces {
            if let Some(v) = p.trim().strip_prefix("q=") {
                q = v.trim().parse().unwrap_or(0.0);
            }
        }
        if !(q > 0.0) {
            continue;
        }
        if let Some(locale) = locale_for_tag(tag) {
            // Higher quality wins; at equal quality the earlier tag wins.
            let better = match best {
                None => true,
                Some((bq, _, _)) => q > bq,
            };
            if better {
                best = Some((q, index, locale));
            }
        }
    }
    best.map(|(_, _, l)| l)
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn maps_language_tags_to_locales() {
        let cases: &[(&str, Option<Locale>)] = &[
            ("zh", Some(Locale::Zh)),
            ("zh-CN", Some(Locale::Zh)),
            ("zh-SG", Some(Locale::Zh)),
            ("zh-Hans", Some(Locale::Zh)),
            ("zh-Hans-HK", Some(Locale::Zh)),
            ("zh-TW", Some(Locale::ZhTw)),
            ("zh-HK", Some(Locale::ZhTw)),
            ("zh-MO", Some(Locale::ZhTw)),
            ("zh-Hant", Some(Locale::ZhTw)),
            ("zh-hant-cn", Some(Locale::ZhTw)),
            ("ja", Some(Locale::Ja)),
            ("ja-JP", Some(Locale::Ja)),
            ("id", Some(Locale::Id)),
            ("id-ID", Some(Locale::Id)),
            ("in", Some(Locale::Id)),
            ("en-US", None),
            ("", None),
            ("!!", None),
        ];
        for (tag, want) in cases {
            assert_eq!(locale_for_tag(tag), *want, "tag {tag:?}");
        }
    }

    #[test]
    fn negotiates_cookie_then_accept_language_then_default() {
        let cases: &[(Option<&str>, Option<&str>, Locale)] = &[
            (None, None, Locale::Zh),
            (Some("ja"), Some("id"), Locale::Ja),
            (Some("bogus"), Some("id"), Locale::Id),
            (None, Some("en-US,en;q=0.9"), Locale::Zh),
            (None, Some("en-US,ja;q=0.8,zh-TW;q=0.9"), Locale::ZhTw),
            (None, Some("fr, in;q=0.5"), Locale::Id),
            (None, Some("zh-HK"), Locale::ZhTw),
            (None, Some("ja;q=0, id;q=0.1"), Locale::Id),
            (None, Some("ja;q=abc"), Locale::Zh),
            (None, Some("ja, zh-TW"), Locale::Ja),
        ];
        for (cookie, header, want) in cases {
            assert_eq!(negotiate(*cookie, *header), *want, "{cookie:?} {header:?}");
        }
    }

    #[test]
    fn rewrites_paths_into_another_locale() {
        let cases = [
            ("/ja/entries/x", Locale::ZhTw, "/zh-TW/entries/x"),
            ("/zh-TW/", Locale::Id, "/id"),
            ("/zh", Locale::Ja, "/ja"),
            ("/", Locale::Ja, "/ja"),
            ("/ja/search", Locale::Zh, "/zh/search"),
            ("/elsewhere", Locale::Id, "/id/elsewhere"),
        ];
        for (path, to, want) in cases {
            assert_eq!(localized_path(path, to), want, "{path}");
        }
    }
}
