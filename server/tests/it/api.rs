use crate::support::{app, enc};
use serde_json::Value;

#[tokio::test]
async fn search_api_returns_the_documented_shape() {
    let app = app().await;
    let r = app.get(&format!("/api/search?q={}&lang=ja&limit=3", enc("x509 certificate has expired"))).await;
    assert_eq!(r.status, 200);
    assert!(r.header("content-type").starts_with("application/json"));
    let j = r.json();
    assert_eq!(j["lang"], "ja");
    assert_eq!(j["query"], "x509 certificate has expired");
    assert!(j["total"].as_u64().unwrap() >= 1);
    let results = j["results"].as_array().unwrap();
    assert!(results.len() <= 3);
    let first = &results[0];
    for key in ["id", "lang", "title", "url", "snippet", "score", "kind"] {
        assert!(first.get(key).is_some(), "missing {key}");
    }
    assert_eq!(first["id"], "apiserver-loopback-cert-expired");
    assert_eq!(first["url"], "/ja/entries/apiserver-loopback-cert-expired");
    assert_eq!(first["kind"], "article");
}

#[tokio::test]
async fn search_api_answers_200_to_any_input() {
    let app = app().await;
    let log = "Nov 22 09:41:07 node-1 kubelet[1234]: E1122 error \"quoted\" (paren) [bracket] {brace} AND OR NOT:: <script>\n".repeat(180);
    assert!(log.len() > 16 * 1024);
    let queries = [
        "q=".to_owned(),
        String::new(),
        format!("q={}", enc("\"unbalanced")),
        format!("q={}", enc("field:value")),
        format!("q={}", enc("(a OR b) AND [c TO d]")),
        format!("q={}", enc("<script>alert(1)</script>")),
        "q=%00%00".to_owned(),
        "q=%FF&lang=%FF&limit=-1".to_owned(),
        format!("q={}&lang=xx&limit=99999", enc("kubelet")),
        format!("q={}", enc(&log)),
    ];
    for q in &queries {
        let r = app.get(&format!("/api/search?{q}")).await;
        assert_eq!(r.status, 200, "{}", &q[..q.len().min(40)]);
        let j = r.json();
        assert!(j["results"].is_array());
        assert!(j["results"].as_array().unwrap().len() <= 50);
    }
    let r = app.get(&format!("/api/search?q={}", enc(&log))).await;
    assert_eq!(r.json()["truncated"], true);
}

#[tokio::test]
async fn articles_api_lists_every_entry_of_a_locale() {
    let app = app().await;
    let r = app.get("/api/articles?lang=zh-TW").await;
    assert_eq!(r.status, 200);
    let list: Vec<Value> = serde_json::from_str(&r.body).unwrap();
    assert!(list.len() >= 3);
    assert_eq!(list.len(), app.state.backend.content.len());
    for a in &list {
        for key in ["id", "title", "category", "url", "updated"] {
            assert!(a.get(key).is_some(), "missing {key}");
        }
        assert!(a["url"].as_str().unwrap().starts_with("/zh-TW/entries/"));
    }
}

#[tokio::test]
async fn article_api_returns_one_entry_with_its_locales() {
    let app = app().await;
    let r = app.get("/api/articles/apiserver-slb-acl-cidrs?lang=id").await;
    assert_eq!(r.status, 200);
    let j = r.json();
    assert_eq!(j["lang"], "id");
    assert!(j["body_html"].as_str().unwrap().contains("100.104.0.0/16"));
    assert!(j["plain_text"].as_str().unwrap().contains("100.104.0.0/16"));
    assert_eq!(j["locales"], serde_json::json!(["zh", "zh-TW", "id", "ja"]));
    for key in ["title", "summary", "updated"] {
        assert!(j[key].as_str().is_some_and(|s| !s.is_empty()), "{key}");
    }
}

#[tokio::test]
async fn article_api_reports_bad_input_as_client_errors() {
    let app = app().await;
    let r = app.get("/api/articles/no-such-entry?lang=zh").await;
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["error"]["code"], "not_found");
    let r = app.get("/api/articles?lang=en").await;
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["error"]["code"], "unknown_locale");
    let r = app.get("/api/articles/apiserver-slb-acl-cidrs").await;
    assert_eq!(r.json()["lang"], "zh");
}
