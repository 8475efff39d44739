//! Links that never break: former ids (aliases) in entry addresses and `/go` links, the
//! registry of published link targets, `GET /api/links`, and `/go?from=<product>` counted
//! per source without keeping anything a link carries verbatim.

use crate::support::{app, app_with, copy_dir, enc, TestApp};
use axum::body::Body;
use axum::http::Request;
use server::content::ContentStore;
use std::path::Path;

/// The shipped knowledge base with `kubectl-slow` as a former id of `kubectl-timeout`, as
/// after a rename. The folder lives as long as the app.
async fn app_with_alias() -> (TestApp, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&crate::support::content_dir(), dir.path());
    add_alias(dir.path(), "kubectl-timeout", "kubectl-slow");
    let root = dir.path().to_owned();
    let app = app_with(move |c| c.content_dir = root).await;
    (app, dir)
}

fn add_alias(root: &Path, id: &str, alias: &str) {
    for lang in ["zh", "zh-TW", "id", "ja"] {
        let file = root.join(format!("entries/{id}/{lang}.md"));
        let text = std::fs::read_to_string(&file).unwrap();
        std::fs::write(&file, text.replacen("\nupdated = ", &format!("\naliases = [\"{alias}\"]\nupdated = "), 1)).unwrap();
    }
}

#[tokio::test]
async fn an_entry_address_with_a_former_id_moves_permanently_to_the_current_one() {
    let (app, _dir) = app_with_alias().await;
    let cases = [
        ("/ja/entries/kubectl-slow", "/ja/entries/kubectl-timeout"),
        ("/zh-TW/entries/kubectl-slow", "/zh-TW/entries/kubectl-timeout"),
        // The query goes along: a search click and a vote's thanks keep working.
        ("/id/entries/kubectl-slow?from=0123456789abcdef.2&feedback=thanks", "/id/entries/kubectl-timeout?from=0123456789abcdef.2&feedback=thanks"),
    ];
    for (path, want) in cases {
        for method in ["GET", "HEAD"] {
            let r = app.send(Request::builder().method(method).uri(path).body(Body::empty()).unwrap()).await;
            assert_eq!(r.status, 301, "{method} {path}");
            assert_eq!(r.header("location"), want, "{method} {path}");
        }
    }
    let current = app.get("/ja/entries/kubectl-timeout").await;
    assert_eq!(current.status, 200, "the current address is the page itself");
    assert_eq!(app.get("/ja/entries/no-such-entry").await.status, 404, "an unknown id is still a 404");
}

#[tokio::test]
async fn go_with_a_former_id_opens_the_current_entry_in_the_readers_locale() {
    let (app, _dir) = app_with_alias().await;
    let r = app.get_with("/go/kubectl-slow", &[("accept-language", "ja")]).await;
    assert_eq!(r.status, 303);
    assert_eq!(r.header("location"), "/ja/entries/kubectl-timeout");
    assert!(r.header("vary").contains("Accept-Language"), "the target depends on the reader");
    let r = app.get_with("/go/kubectl-timeout", &[("cookie", "ack_lang=id")]).await;
    assert_eq!((r.status.as_u16(), r.header("location")), (303, "/id/entries/kubectl-timeout"), "the current id as before");
    let r = app.get_with("/go/no-such-thing", &[("accept-language", "zh-TW")]).await;
    assert_eq!(r.header("location"), "/zh-TW/search?q=no-such-thing", "an unknown id is still a search");
}

#[test]
fn every_published_link_target_still_resolves() {
    let store = ContentStore::load(&crate::support::content_dir()).unwrap_or_else(|e| panic!("{e}"));
    let registry = store.links();
    assert!(!registry.entries.is_empty() && !registry.operations.is_empty() && registry.wizards.len() == 3, "content/links.toml is read");
    let problems = server::links::check(registry, &store.link_targets());
    assert!(problems.is_empty(), "published link targets that lead nowhere:\n{}", problems.join("\n"));
}

#[test]
fn the_command_line_extends_the_registry_and_keeps_what_was_published() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&crate::support::content_dir(), dir.path());
    std::fs::write(dir.path().join("links.toml"), "entries = [\"kubectl-timeout\"]\n").unwrap();
    let mut out = Vec::new();
    server::cli::links(dir.path(), true, &mut out).unwrap();
    let written = std::fs::read_to_string(dir.path().join("links.toml")).unwrap();
    let registry = server::links::Registry::parse(&written).unwrap();
    let store = ContentStore::load(dir.path()).unwrap();
    assert_eq!(registry.entries.len(), store.len(), "every entry is published");
    assert_eq!(registry.operations.len(), store.high_risk().operations.len());
    assert!(registry.wizards["acl"].fields.contains("kind") && registry.wizards["acl"].steps.contains("result"));
    assert!(written.starts_with("# Published link targets"), "the file says what it is");
}

#[tokio::test]
async fn the_links_api_lists_published_targets_with_titles_in_every_locale() {
    let app = app().await;
    let r = app.get("/api/links").await;
    assert_eq!(r.status, 200, "{}", r.body);
    let v = r.json();
    assert!(v["lang"].is_null());
    let entry = v["entries"].as_array().unwrap().iter().find(|e| e["id"] == "apiserver-loopback-cert-expired").expect("a published entry");
    assert_eq!(entry["go"], "/go/apiserver-loopback-cert-expired");
    assert_eq!(entry["aliases"], serde_json::json!(["loopback-cert-expired"]));
    assert_eq!(entry["urls"]["zh-TW"], "/zh-TW/entries/apiserver-loopback-cert-expired");
    assert_eq!(entry["titles"].as_object().unwrap().len(), 4, "titles in all four locales");
    assert!(entry["titles"]["ja"].as_str().unwrap().contains("x509"));
    let op = v["operations"].as_array().unwrap().iter().find(|o| o["key"] == "nodepool-important-data-on-system-disk").expect("a published operation");
    assert_eq!(op["go"], "/go/nodepool-important-data-on-system-disk");
    assert_eq!(op["urls"]["id"], "/id/entries/high-risk-operations#op-nodepool-important-data-on-system-disk");
    assert_eq!(op["titles"].as_object().unwrap().len(), 4);
    let acl = v["wizards"].as_array().unwrap().iter().find(|w| w["name"] == "acl").expect("the ACL wizard");
    assert_eq!(acl["urls"]["ja"], "/ja/wizards/acl");
    let kind = acl["fields"].as_array().unwrap().iter().find(|f| f["name"] == "kind").expect("a prefillable field");
    assert_eq!(kind["labels"].as_object().unwrap().len(), 4);
    assert!(acl["steps"].as_array().unwrap().contains(&serde_json::json!("result")));
    assert_eq!(acl["examples"]["zh"], "/zh/wizards/acl?step=cluster&kind=ack");
    // The example opens the wizard prefilled.
    let page = app.get(acl["examples"]["zh"].as_str().unwrap()).await;
    assert_eq!(page.status, 200);
    assert_eq!(v["wizards"].as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn the_links_api_answers_in_one_locale_or_refuses_an_unknown_one() {
    let app = app().await;
    let v = app.get("/api/links?lang=ja").await.json();
    assert_eq!(v["lang"], "ja");
    for e in v["entries"].as_array().unwrap() {
        let titles = e["titles"].as_object().unwrap();
        assert_eq!(titles.keys().collect::<Vec<_>>(), ["ja"], "{}", e["id"]);
    }
    let acl = v["wizards"].as_array().unwrap().iter().find(|w| w["name"] == "acl").unwrap();
    assert_eq!(acl["examples"].as_object().unwrap().keys().collect::<Vec<_>>(), ["ja"]);
    let all = app.get("/api/links?lang=").await.json();
    assert!(all["lang"].is_null(), "an empty lang means every locale");
    let bad = app.get("/api/links?lang=xx").await;
    assert_eq!(bad.status, 400);
    assert_eq!(bad.json()["error"]["code"], "unknown_locale");
}

/// The `/go` arrivals per (source, target) once the analytics writer has written `n`.
async fn arrivals(app: &TestApp, n: i64) -> Vec<(String, String, i64)> {
    let db = &app.state.backend.db;
    let today = server::db::day_of(server::db::unix_now());
    let mut found = Vec::new();
    for _ in 0..60 {
        found = db.arrivals(today - 1, today + 1, None).await.unwrap().into_iter().map(|a| (a.source, a.target, a.arrivals)).collect();
        if found.iter().map(|a| a.2).sum::<i64>() >= n {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    found
}

#[tokio::test]
async fn go_links_count_arrivals_per_product_and_keep_from_out_of_the_target() {
    let (app, _dir) = app_with_alias().await;
    for path in ["/go/kubectl-timeout?from=console-x", "/go/kubectl-slow?from=console-x", "/go/no-such-thing?from=console-x", "/go/kubectl-timeout"] {
        let r = app.get_with(path, &[("accept-language", "ja")]).await;
        assert_eq!(r.status, 303, "{path}");
        assert!(!r.header("location").contains("from="), "{path}: a product name never poses as a search click");
    }
    let mut got = arrivals(&app, 4).await;
    got.sort();
    let want = [("", "kubectl-timeout", 1), ("console-x", "", 1), ("console-x", "kubectl-timeout", 2)];
    assert_eq!(got, want.map(|(s, t, n)| (s.to_owned(), t.to_owned(), n)), "a former id counts under the current one");
}

#[tokio::test]
async fn hostile_from_values_are_counted_as_other_and_never_kept() {
    let app = app().await;
    let long = "a".repeat(5000);
    let hostile = [long.as_str(), "控制台", "<script>alert(1)</script>", "Console-X", "x\u{0}y", "'; DROP TABLE arrival_daily; --", "%ZZ"];
    for from in hostile {
        let path = format!("/go/kubectl-timeout?from={}", enc(from));
        let r = app.get(&path).await;
        assert_eq!(r.status, 303, "{from:?}");
        assert_eq!(r.header("location"), "/zh/entries/kubectl-timeout");
    }
    let raw = app.get("/go/kubectl-timeout?from=%FF%FE&from=two").await;
    assert_eq!(raw.status, 303, "bad percent-encoding is no error");
    let got = arrivals(&app, hostile.len() as i64 + 1).await;
    assert_eq!(got, vec![("other".to_owned(), "kubectl-timeout".to_owned(), hostile.len() as i64 + 1)]);
}
