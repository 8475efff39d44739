//! What crawlers read besides the pages: `/sitemap.xml` (an index of one sitemap per
//! locale), `/sitemaps/<locale>.xml` (every indexable page of that locale, with its
//! `lastmod` and its alternates in the other locales), and `/robots.txt` (which names the
//! index and keeps crawlers out of searches, runs, the portal and the APIs). Addresses are
//! absolute, from the configured public URL. Pure: text from the content store.

use crate::content::ContentStore;
use app::locale::Locale;
use app::model::{urls, Category};
use app::wizard::WizardId;
use std::fmt::Write;

/// One page of a sitemap: its path in each locale (the pages exist in all four), and the
/// date it last changed.
struct Page {
    path_in: Box<dyn Fn(Locale) -> String>,
    lastmod: Option<String>,
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&apos;")
}

/// The newest `updated` of a set of entries (ISO dates compare as text).
fn newest<'a>(dates: impl Iterator<Item = &'a str>) -> Option<String> {
    dates.max().map(str::to_owned)
}

/// Every indexable page: home, categories with entries, entries, the wizards' index and
/// start pages, and the output check.
fn pages(store: &ContentStore) -> Vec<Page> {
    let zh = |id: &str| store.get(id, Locale::DEFAULT).map(|e| e.updated.clone());
    let all = newest(store.in_locale(Locale::DEFAULT).map(|e| e.updated.as_str()));
    let mut out = vec![Page { path_in: Box::new(urls::home), lastmod: all.clone() }];
    for c in Category::ALL {
        let latest = newest(store.in_locale(Locale::DEFAULT).filter(|e| e.category == c).map(|e| e.updated.as_str()));
        if latest.is_some() {
            out.push(Page { path_in: Box::new(move |l| urls::category(l, c)), lastmod: latest });
        }
    }
    for id in store.ids() {
        let id = id.to_owned();
        let lastmod = zh(&id);
        out.push(Page { path_in: Box::new(move |l| urls::entry(l, &id)), lastmod });
    }
    out.push(Page { path_in: Box::new(urls::wizards), lastmod: None });
    for w in WizardId::ALL {
        out.push(Page { path_in: Box::new(move |l| urls::wizard(l, w.id())), lastmod: None });
    }
    out.push(Page { path_in: Box::new(urls::check), lastmod: None });
    out
}

/// `/sitemap.xml`: one sitemap per locale.
pub fn index(origin: &str) -> String {
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for l in Locale::ALL {
        let _ = writeln!(xml, "  <sitemap><loc>{}</loc></sitemap>", escape(&format!("{origin}{}", locale_path(l))));
    }
    xml.push_str("</sitemapindex>\n");
    xml
}

/// The path of a locale's sitemap.
pub fn locale_path(l: Locale) -> String {
    format!("/sitemaps/{}.xml", l.code())
}

/// The locale of a sitemap's file name (`zh-TW.xml`).
pub fn locale_of_file(file: &str) -> Option<Locale> {
    let code = file.strip_suffix(".xml")?;
    Locale::from_code(code).filter(|l| l.code() == code)
}

/// `/sitemaps/<locale>.xml`: the locale's indexable pages, each with its alternates.
pub fn locale_sitemap(store: &ContentStore, origin: &str, lang: Locale) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for page in pages(store) {
        let at = |l: Locale| escape(&format!("{origin}{}", (page.path_in)(l)));
        let _ = write!(xml, "  <url>\n    <loc>{}</loc>\n", at(lang));
        if let Some(d) = &page.lastmod {
            let _ = writeln!(xml, "    <lastmod>{}</lastmod>", escape(d));
        }
        for l in Locale::ALL {
            let _ = writeln!(xml, "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>", l.html_lang(), at(l));
        }
        let _ = writeln!(xml, "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>", at(Locale::DEFAULT));
        xml.push_str("  </url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// `/robots.txt`: everything is crawlable but searches, wizard pages with inputs, checked
/// pastes, saved runs, the portal, the APIs and redirects; the sitemap index is named.
pub fn robots(origin: &str) -> String {
    let mut txt = String::from("User-agent: *\n");
    for l in Locale::ALL {
        let c = l.code();
        for path in ["search", "wizards/*?", "wizards/*/runs/", "check?", "check/runs/", "support"] {
            let _ = writeln!(txt, "Disallow: /{c}/{path}");
        }
    }
    for path in ["/support", "/api/", "/sfn/", "/go", "/lang/"] {
        let _ = writeln!(txt, "Disallow: {path}");
    }
    let _ = write!(txt, "Allow: /\n\nSitemap: {origin}/sitemap.xml\n");
    txt
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn robots_keeps_crawlers_out_of_readers_input_but_not_out_of_the_answers() {
        let txt = robots("https://help.example.com");
        assert!(txt.ends_with("Sitemap: https://help.example.com/sitemap.xml\n"), "{txt}");
        let disallowed: Vec<&str> = txt.lines().filter_map(|l| l.strip_prefix("Disallow: ")).collect();
        // A simple prefix matcher with `*`, as crawlers read these rules.
        let blocked = |path: &str| {
            disallowed.iter().any(|rule| {
                let parts: Vec<&str> = rule.split('*').collect();
                let mut at = 0;
                parts.iter().enumerate().all(|(i, p)| match path[at..].find(p) {
                    Some(found) if i > 0 || found == 0 => {
                        at += found + p.len();
                        true
                    }
                    _ => false,
                })
            })
        };
        for path in ["/zh/search?q=x509", "/ja/wizards/acl?step=networks", "/zh/wizards/acl/runs/abc", "/id/check?output=x", "/zh-TW/check/runs/a", "/zh/support/gaps", "/support", "/api/search?q=a", "/sfn/suggest", "/go/kubectl-timeout", "/lang/ja?next=/"] {
            assert!(blocked(path), "{path} should be blocked");
        }
        for path in ["/zh", "/zh/entries/kubectl-timeout", "/zh-TW/entries/search-x", "/ja/categories/network", "/id/wizards", "/id/wizards/acl", "/zh/check", "/sitemap.xml"] {
            assert!(!blocked(path), "{path} should be crawlable");
        }
    }

    #[test]
    fn sitemap_files_are_named_by_locale_code() {
        assert_eq!(locale_of_file("zh-TW.xml"), Some(Locale::ZhTw));
        assert_eq!(locale_of_file("zh-tw.xml"), None);
        assert_eq!(locale_of_file("zh"), None);
        assert!(index("https://h").contains("<loc>https://h/sitemaps/ja.xml</loc>"));
    }
}
