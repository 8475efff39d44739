//! What search engines read: canonical and hreflang addresses from the configured public
//! URL, noindex where a reader's input is, link previews, JSON-LD checked against the
//! schema.org types it uses, the sitemaps and robots.txt.

use crate::support::{app, app_with};
use axum::http::StatusCode;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

const ORIGIN: &str = "http://127.0.0.1:3000";
const LOCALES: [&str; 4] = ["zh", "zh-TW", "id", "ja"];

fn attr_values<'a>(body: &'a str, start: &str, attr: &str) -> Vec<&'a str> {
    body.match_indices(start)
        .filter_map(|(i, _)| {
            let tag = &body[i..i + body[i..].find('>').unwrap_or(0)];
            let at = tag.find(&format!("{attr}=\""))? + attr.len() + 2;
            Some(&tag[at..at + tag[at..].find('"')?])
        })
        .collect()
}

/// The `href` of every `<link>` with this `rel`.
fn links<'a>(body: &'a str, rel: &str) -> Vec<&'a str> {
    body.match_indices("<link ")
        .filter_map(|(i, _)| {
            let tag = &body[i..i + body[i..].find('>')?];
            tag.contains(&format!("rel=\"{rel}\"")).then_some(())?;
            let at = tag.find("href=\"")? + 6;
            Some(&tag[at..at + tag[at..].find('"')?])
        })
        .collect()
}

fn meta(body: &str, key: &str) -> Option<String> {
    ["name", "property"].iter().find_map(|k| {
        let start = format!("<meta {k}=\"{key}\"");
        attr_values(body, &start, "content").first().map(|s| s.replace("&amp;", "&"))
    })
}

fn json_ld(body: &str) -> Vec<Value> {
    body.match_indices("<script type=\"application/ld+json\">")
        .map(|(i, m)| {
            let rest = &body[i + m.len()..];
            serde_json::from_str(&rest[..rest.find("</script>").unwrap()]).expect("JSON-LD parses")
        })
        .collect()
}

/// The schema.org properties of each type used, inherited ones included (schema.org:
/// Thing → CreativeWork → Article → TechArticle; Thing → Intangible → ItemList →
/// BreadcrumbList; ListItem; CreativeWork → HowTo; HowToStep is a ListItem and a
/// CreativeWork; Organization).
fn schema() -> BTreeMap<&'static str, BTreeSet<&'static str>> {
    let thing = ["name", "description", "url", "identifier", "sameAs", "image", "mainEntityOfPage", "alternateName"];
    let creative = ["about", "headline", "inLanguage", "dateModified", "datePublished", "keywords", "publisher", "author", "text", "abstract"];
    let mut t = BTreeMap::new();
    let set = |extra: &[&'static str], base: &[&[&'static str]]| -> BTreeSet<&'static str> {
        base.iter().flat_map(|b| b.iter().copied()).chain(extra.iter().copied()).collect()
    };
    t.insert("Thing", set(&[], &[&thing]));
    t.insert("TechArticle", set(&["articleSection", "articleBody", "proficiencyLevel", "dependencies", "wordCount"], &[&thing, &creative]));
    t.insert("BreadcrumbList", set(&["itemListElement", "numberOfItems", "itemListOrder"], &[&thing]));
    t.insert("ListItem", set(&["position", "item", "nextItem", "previousItem"], &[&thing]));
    t.insert("HowTo", set(&["step", "supply", "tool", "totalTime", "yield"], &[&thing, &creative]));
    t.insert("HowToStep", set(&["position", "item", "itemListElement"], &[&thing, &creative]));
    t.insert("Organization", set(&["logo", "email"], &[&thing]));
    t
}

/// Every object's `@type` is one of the schema's, and every property is one of its type's.
fn check_schema(v: &Value, at: &str, problems: &mut Vec<String>) {
    match v {
        Value::Object(o) => {
            if let Some(ty) = o.get("@type").and_then(Value::as_str) {
                let types = schema();
                match types.get(ty) {
                    None => problems.push(format!("{at}: unknown type {ty}")),
                    Some(props) => {
                        for k in o.keys().filter(|k| !k.starts_with('@')) {
                            if !props.contains(k.as_str()) {
                                problems.push(format!("{at}: {ty} has no property {k}"));
                            }
                        }
                    }
                }
            }
            for (k, child) in o {
                check_schema(child, &format!("{at}.{k}"), problems);
            }
        }
        Value::Array(items) => items.iter().enumerate().for_each(|(i, c)| check_schema(c, &format!("{at}[{i}]"), problems)),
        _ => {}
    }
}

fn valid_json_ld(body: &str) -> BTreeMap<String, Value> {
    let mut found = BTreeMap::new();
    for v in json_ld(body) {
        assert_eq!(v["@context"], "https://schema.org");
        let mut problems = Vec::new();
        check_schema(&v, "$", &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        found.insert(v["@type"].as_str().unwrap().to_owned(), v);
    }
    found
}

#[tokio::test]
async fn entries_have_absolute_canonical_and_alternates_previews_and_valid_structured_data() {
    let app = app().await;
    for lang in LOCALES {
        let r = app.get(&format!("/{lang}/entries/kubectl-timeout")).await;
        assert_eq!(r.status, StatusCode::OK);
        let b = &r.body;
        let url = format!("{ORIGIN}/{lang}/entries/kubectl-timeout");
        assert_eq!(links(b, "canonical"), [url.as_str()], "{lang}");
        let alternates = links(b, "alternate");
        assert_eq!(alternates.len(), 5, "{lang}: four locales and x-default");
        assert!(alternates.iter().all(|h| h.starts_with(ORIGIN)), "{alternates:?}");
        assert!(b.contains(&format!("href=\"{ORIGIN}/zh/entries/kubectl-timeout\" hreflang=\"x-default\"")));
        assert!(meta(b, "robots").is_none(), "{lang}: an entry is indexable");
        let title = meta(b, "og:title").expect("og:title");
        assert!(b.contains(&format!("<title>{title}")), "{lang}: the title starts with the entry's own words, not the site's name");
        assert!(meta(b, "og:description").is_some_and(|d| d.len() > 20) && meta(b, "description") == meta(b, "og:description"));
        assert_eq!(meta(b, "og:url").as_deref(), Some(url.as_str()));
        assert_eq!(meta(b, "og:type").as_deref(), Some("article"));
        assert_eq!(meta(b, "twitter:card").as_deref(), Some("summary"));
        assert!(meta(b, "og:locale").is_some());

        let ld = valid_json_ld(b);
        let article = &ld["TechArticle"];
        assert_eq!(article["url"], url);
        assert_eq!(article["inLanguage"], ["zh-CN", "zh-TW", "id", "ja"][LOCALES.iter().position(|l| *l == lang).unwrap()]);
        assert!(article["dateModified"].as_str().unwrap().len() == 10, "an ISO date");
        assert!(article["headline"].as_str().is_some_and(|h| !h.is_empty() && h.chars().count() <= 110));
        let crumbs = ld["BreadcrumbList"]["itemListElement"].as_array().unwrap();
        assert_eq!(crumbs.len(), 3);
        assert_eq!(crumbs[2]["item"], url);
        // The error it answers is in the page as text, not only in its front matter.
        assert!(b.contains("class=\"entry-errors\"") && b.contains("Unable to connect to the server: dial tcp &lt;IP&gt;: i/o timeout"), "{lang}");
    }
}

#[tokio::test]
async fn a_numbered_procedure_is_a_howto() {
    let app = app().await;
    let mut howtos = 0;
    for id in ["collect-node-diagnostics", "troubleshoot-cluster", "change-container-runtime", "apiserver-loopback-cert-expired", "kubectl-logs-exec-10250"] {
        let r = app.get(&format!("/ja/entries/{id}")).await;
        if let Some(h) = valid_json_ld(&r.body).get("HowTo") {
            howtos += 1;
            let steps = h["step"].as_array().unwrap();
            assert!(steps.len() >= 2, "{id}");
            assert_eq!(steps[0]["position"], 1);
            assert!(steps.iter().all(|s| s["text"].as_str().is_some_and(|t| !t.is_empty())));
        }
    }
    assert!(howtos >= 1, "some entries are numbered procedures");
}

#[tokio::test]
async fn categories_and_wizard_start_pages_are_indexable_and_pages_with_input_are_not() {
    let app = app().await;
    for lang in LOCALES {
        let c = app.get(&format!("/{lang}/categories/network")).await;
        assert_eq!(links(&c.body, "canonical"), [format!("{ORIGIN}/{lang}/categories/network").as_str()]);
        assert!(meta(&c.body, "description").is_some_and(|d| d.len() > 20), "{lang}: a category has a description");
        assert!(valid_json_ld(&c.body).contains_key("BreadcrumbList"));
        let w = app.get(&format!("/{lang}/wizards/acl")).await;
        assert_eq!(links(&w.body, "canonical"), [format!("{ORIGIN}/{lang}/wizards/acl").as_str()]);
        assert!(meta(&w.body, "robots").is_none() && meta(&w.body, "og:title").is_some());
        for noindex in [
            format!("/{lang}/search?q=x509"),
            format!("/{lang}/wizards/acl?step=networks&kind=ack"),
            format!("/{lang}/check?output=net.ipv4.ip_forward%20%3D%200"),
        ] {
            let r = app.get(&noindex).await;
            assert_eq!(meta(&r.body, "robots").as_deref(), Some("noindex"), "{noindex}");
            assert!(links(&r.body, "canonical").is_empty(), "{noindex}: no canonical");
        }
    }
    let go = app.get("/go/kubectl-timeout").await;
    assert_eq!(go.header("x-robots-tag"), "noindex");
}

#[tokio::test]
async fn addresses_come_from_the_public_url_never_from_the_host_header() {
    let app = app_with(|c| c.public_url = Some("https://help.example.com".into())).await;
    let r = app.get_with("/ja/entries/kubectl-timeout", &[("host", "evil.example"), ("x-forwarded-host", "evil.example")]).await;
    assert_eq!(links(&r.body, "canonical"), ["https://help.example.com/ja/entries/kubectl-timeout"]);
    assert!(!r.body.contains("evil.example"));
    let robots = app.get_with("/robots.txt", &[("host", "evil.example")]).await;
    assert!(robots.body.contains("Sitemap: https://help.example.com/sitemap.xml"));
}

fn locs(xml: &str) -> Vec<String> {
    xml.match_indices("<loc>").map(|(i, _)| xml[i + 5..i + xml[i..].find("</loc>").unwrap()].to_owned()).collect()
}

#[tokio::test]
async fn the_sitemaps_list_every_entry_in_every_locale_once_and_every_address_answers() {
    // Every listed page is opened: more than one client's page limit.
    let app = app_with(|c| {
        c.rate_page_per_minute = 100_000;
        c.rate_page_burst = 10_000;
    })
    .await;
    let index = app.get("/sitemap.xml").await;
    assert_eq!(index.status, StatusCode::OK);
    assert!(index.header("content-type").starts_with("application/xml"));
    let maps = locs(&index.body);
    assert_eq!(maps.len(), 4);
    let ids: Vec<String> = app.state.backend.content.ids().map(str::to_owned).collect();
    let mut checked = 0;
    for (lang, map) in LOCALES.iter().zip(&maps) {
        assert_eq!(map, &format!("{ORIGIN}/sitemaps/{lang}.xml"));
        let r = app.get(map.trim_start_matches(ORIGIN)).await;
        assert_eq!(r.status, StatusCode::OK);
        let urls = locs(&r.body);
        for id in &ids {
            let want = format!("{ORIGIN}/{lang}/entries/{id}");
            assert_eq!(urls.iter().filter(|u| **u == want).count(), 1, "{want} listed once");
        }
        assert!(r.body.contains("<lastmod>2026-"), "entries carry their updated date");
        assert!(r.body.contains("hreflang=\"x-default\""));
        let unique: BTreeSet<&String> = urls.iter().collect();
        assert_eq!(unique.len(), urls.len(), "{lang}: no address twice");
        for u in &urls {
            // As a crawler does: a busy answer (the test machine runs other tests at the
            // same time) is asked again after its Retry-After.
            let mut page = app.get(u.trim_start_matches(ORIGIN)).await;
            for _ in 0..20 {
                if page.status != StatusCode::SERVICE_UNAVAILABLE {
                    break;
                }
                assert!(!page.header("retry-after").is_empty(), "{u}: a 503 says when to come back");
                tokio::time::sleep(std::time::Duration::from_millis(250)).await;
                page = app.get(u.trim_start_matches(ORIGIN)).await;
            }
            assert_eq!(page.status, StatusCode::OK, "{u}");
            assert!(meta(&page.body, "robots").is_none(), "{u}: a listed page is indexable");
            checked += 1;
        }
    }
    assert!(checked >= 4 * ids.len());
    assert_eq!(app.get("/sitemaps/xx.xml").await.status, StatusCode::NOT_FOUND);
    let robots = app.get("/robots.txt").await;
    assert_eq!(robots.status, StatusCode::OK);
    assert!(robots.header("content-type").starts_with("text/plain"));
    assert!(robots.body.contains(&format!("Sitemap: {ORIGIN}/sitemap.xml")) && robots.body.contains("Disallow: /zh/search"));
}
