//! What search engines and link previews read: which pages are indexable, absolute
//! addresses from the configured public URL, Open Graph locales, and the JSON-LD of
//! entries and categories (schema.org `TechArticle`, `BreadcrumbList`, `HowTo`).
//!
//! Pure functions, table-tested; the pages call them on the server.

use crate::locale::Locale;
use crate::model::ArticleView;
use serde_json::{json, Value};

/// The console's public origin (`https://help.example.com`), from `PUBLIC_URL`, given to
/// every render as context. Never the request's `Host`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublicBase(pub String);

impl PublicBase {
    /// An absolute URL for a path of the site.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.0.trim_end_matches('/'), path)
    }
}

/// Whether a page may be indexed: the home pages, entries, categories, the wizards' index
/// and start pages, and the empty check page. Searches, wizard steps with inputs, checked
/// pastes, saved runs and the portal are not. `query` is the query string without `?`;
/// on an entry, only the click marker (`from`) and the feedback notice may be in it.
pub fn indexable(path: &str, query: &str) -> bool {
    let Some((_, tail)) = crate::locale::split_locale_path(path) else { return false };
    let segments: Vec<&str> = tail.trim_matches('/').split('/').filter(|s| !s.is_empty()).collect();
    let params: Vec<&str> = query.split('&').filter(|p| !p.is_empty()).map(|p| p.split('=').next().unwrap_or("")).collect();
    let only = |allowed: &[&str]| params.iter().all(|p| allowed.contains(p));
    match segments.as_slice() {
        [] => only(&[]),
        ["entries", _] => only(&["from", "feedback"]),
        ["categories", _] => only(&[]),
        ["wizards"] => only(&[]),
        ["wizards", _] => only(&[]),
        ["check"] => only(&[]),
        _ => false,
    }
}

/// The Open Graph locale (`og:locale`) of a console locale.
pub const fn og_locale(l: Locale) -> &'static str {
    match l {
        Locale::Zh => "zh_CN",
        Locale::ZhTw => "zh_TW",
        Locale::Id => "id_ID",
        Locale::Ja => "ja_JP",
    }
}

/// JSON for a `<script type="application/ld+json">`: `<`, `>` and `&` are written as
/// escapes, so no text in it can end the script element.
pub fn script_json(value: &Value) -> String {
    value.to_string().replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

/// A breadcrumb trail: (name, absolute URL) from the home page down.
pub fn breadcrumbs(items: &[(String, String)]) -> Value {
    let list: Vec<Value> = items
        .iter()
        .enumerate()
        .map(|(i, (name, url))| json!({ "@type": "ListItem", "position": i + 1, "name": name, "item": url }))
        .collect();
    json!({ "@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": list })
}

/// An entry as a `TechArticle`: headline, description, language, date, what it is about.
pub fn tech_article(a: &ArticleView, base: &PublicBase, site_name: &str, category: &str) -> Value {
    let url = base.url(&crate::model::urls::entry(a.lang, &a.id));
    let mut about: Vec<Value> = vec![json!({ "@type": "Thing", "name": category })];
    about.extend(a.tags.iter().take(8).map(|t| json!({ "@type": "Thing", "name": t })));
    json!({
        "@context": "https://schema.org",
        "@type": "TechArticle",
        "headline": headline(&a.title),
        "name": a.title,
        "description": a.summary,
        "inLanguage": a.lang.html_lang(),
        "dateModified": a.updated,
        "url": url,
        "mainEntityOfPage": url,
        "about": about,
        "keywords": a.tags.join(", "),
        "articleSection": category,
        "publisher": { "@type": "Organization", "name": site_name, "url": base.url("/") },
    })
}

/// A numbered procedure as a `HowTo`, when the entry has one.
pub fn how_to(a: &ArticleView, base: &PublicBase) -> Option<Value> {
    if a.steps.len() < 2 {
        return None;
    }
    let url = base.url(&crate::model::urls::entry(a.lang, &a.id));
    let steps: Vec<Value> = a
        .steps
        .iter()
        .enumerate()
        .map(|(i, text)| json!({ "@type": "HowToStep", "position": i + 1, "name": step_name(text), "text": text }))
        .collect();
    Some(json!({
        "@context": "https://schema.org",
        "@type": "HowTo",
        "name": a.title,
        "description": a.summary,
        "inLanguage": a.lang.html_lang(),
        "url": url,
        "step": steps,
    }))
}

/// Search engines show at most about 110 characters of a headline.
fn headline(title: &str) -> String {
    const MAX: usize = 110;
    if title.chars().count() <= MAX {
        return title.to_owned();
    }
    let mut out: String = title.chars().take(MAX - 1).collect();
    out.push('…');
    out
}

/// A step's name: its first sentence, short.
fn step_name(text: &str) -> String {
    let first = text.split(['。', '．', '\n']).next().unwrap_or(text);
    let first = first.split(". ").next().unwrap_or(first);
    headline(first.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_categories_and_start_pages_are_indexable_and_nothing_with_a_readers_input_is() {
        let cases = [
            ("/zh", "", true),
            ("/ja/", "", true),
            ("/zh/entries/kubectl-timeout", "", true),
            ("/zh/entries/kubectl-timeout", "from=0123456789abcdef.1", true),
            ("/zh/entries/kubectl-timeout", "feedback=thanks", true),
            ("/zh/entries/kubectl-timeout", "utm=x", false),
            ("/id/categories/network", "", true),
            ("/ja/wizards", "", true),
            ("/ja/wizards/acl", "", true),
            ("/ja/wizards/acl", "step=networks&kind=ack", false),
            ("/zh-TW/check", "", true),
            ("/zh-TW/check", "output=net.ipv4.ip_forward%3D0", false),
            ("/zh/search", "q=x509", false),
            ("/zh/search", "", false),
            ("/zh/wizards/acl/runs/abc", "", false),
            ("/zh/check/runs/abc", "", false),
            ("/zh/support", "", false),
            ("/go/kubectl-timeout", "", false),
            ("/xx/entries/a", "", false),
            ("/api/articles", "", false),
        ];
        for (path, query, want) in cases {
            assert_eq!(indexable(path, query), want, "{path}?{query}");
        }
    }

    #[test]
    fn json_ld_cannot_end_its_script_element() {
        let v = json!({ "name": "</script><script>alert(1)</script> & more" });
        let text = script_json(&v);
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'), "{text}");
        assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), v, "still the same JSON");
    }

    #[test]
    fn breadcrumbs_are_positioned_from_one() {
        let b = breadcrumbs(&[("Home".into(), "https://h/zh".into()), ("Network".into(), "https://h/zh/categories/network".into())]);
        assert_eq!(b["@type"], "BreadcrumbList");
        assert_eq!(b["itemListElement"][1]["position"], 2);
        assert_eq!(b["itemListElement"][1]["item"], "https://h/zh/categories/network");
    }

    #[test]
    fn headlines_and_step_names_stay_short() {
        assert_eq!(headline(&"字".repeat(200)).chars().count(), 110);
        assert_eq!(step_name("登录节点。然后执行命令"), "登录节点");
        assert_eq!(step_name("Log in to the node. Then run"), "Log in to the node");
    }
}
