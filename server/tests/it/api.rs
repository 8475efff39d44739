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

#[tokio::test]
async fn suggest_answers_in_the_opensearch_format_while_the_last_word_is_unfinished() {
    let app = app().await;
    let r = app.get_with("/api/suggest?lang=ja&q=diagnose_k8", &[("host", "help.example.test")]).await;
    assert_eq!(r.status, 200);
    assert!(r.header("content-type").starts_with("application/x-suggestions+json"));
    let j = r.json();
    let arr = j.as_array().unwrap();
    assert_eq!(arr.len(), 4);
    assert_eq!(arr[0], "diagnose_k8");
    let titles = arr[1].as_array().unwrap();
    assert!(!titles.is_empty() && titles.len() <= 8);
    assert_eq!(arr[2].as_array().unwrap().len(), titles.len());
    let urls = arr[3].as_array().unwrap();
    // Absolute links come from the configured public URL, never from the request's Host.
    assert!(urls.iter().any(|u| u == "http://127.0.0.1:3000/ja/entries/collect-node-diagnostics"), "{urls:?}");
    for q in ["", "%FF", "%22%3A(", "AND"] {
        let r = app.get(&format!("/api/suggest?q={q}")).await;
        assert_eq!(r.status, 200, "{q}");
        assert_eq!(r.json().as_array().unwrap().len(), 4);
    }
}

#[tokio::test]
async fn opensearch_description_points_at_results_and_suggestions() {
    let app = app().await;
    let r = app.get_with("/zh-TW/opensearch.xml", &[("host", "127.0.0.1:3000")]).await;
    assert_eq!(r.status, 200);
    assert!(r.header("content-type").starts_with("application/opensearchdescription+xml"));
    assert!(r.body.contains("<ShortName>ACK 說明</ShortName>"));
    assert!(r.body.contains(r#"template="http://127.0.0.1:3000/zh-TW/search?q={searchTerms}&amp;src=opensearch""#));
    assert!(r.body.contains(r#"type="application/x-suggestions+json" method="get" template="http://127.0.0.1:3000/api/suggest?lang=zh-TW&amp;q={searchTerms}""#));
    let page = app.get("/ja").await;
    assert!(page.body.contains(r#"href="/ja/opensearch.xml""#) && page.body.contains(r#"rel="search""#), "advertised on every page");
    assert_eq!(app.get("/xx/opensearch.xml").await.status, 404);
}

#[tokio::test]
async fn go_links_open_the_entry_in_the_readers_locale() {
    let app = app().await;
    let cases: &[(&str, &[(&str, &str)], &str)] = &[
        ("/go/collect-node-diagnostics", &[("accept-language", "ja")], "/ja/entries/collect-node-diagnostics"),
        ("/go/collect-node-diagnostics", &[("cookie", "ack_lang=id")], "/id/entries/collect-node-diagnostics"),
        ("/go/nodepool-important-data-on-system-disk", &[], "/zh/entries/high-risk-operations#op-nodepool-important-data-on-system-disk"),
        ("/go/no-such-thing", &[("accept-language", "zh-TW")], "/zh-TW/search?q=no-such-thing"),
    ];
    for (path, headers, want) in cases {
        let r = app.get_with(path, headers).await;
        assert!(r.status.is_redirection(), "{path}");
        assert_eq!(r.header("location"), *want, "{path}");
    }
}

#[tokio::test]
async fn go_with_a_known_error_goes_straight_to_its_entry() {
    let app = app().await;
    let known = "E1122 10:00:01.000001 1 x.go:1] x509: certificate has expired or is not yet valid: current time 2026-12-01T10:00:01Z is after 2026-11-30T00:00:00Z";
    let r = app.get_with(&format!("/go?q={}", enc(known)), &[("accept-language", "id")]).await;
    assert_eq!(r.header("location"), "/id/entries/apiserver-loopback-cert-expired");
    let r = app.get(&format!("/go?lang=ja&q={}", enc("kubelet 起動しない"))).await;
    assert!(r.header("location").starts_with("/ja/search?q="), "{}", r.header("location"));
    let r = app.get("/go?q=").await;
    assert_eq!(r.header("location"), "/zh");
}

#[tokio::test]
async fn a_known_error_is_marked_as_the_answer_on_the_results_page() {
    let app = app().await;
    let line = "Error from server: error dialing backend: dial tcp 192.168.7.21:10250: i/o timeout";
    let r = app.get(&format!("/api/search?lang=zh&q={}", enc(line))).await;
    let j = r.json();
    assert_eq!(j["results"][0]["id"], "kubectl-logs-exec-10250");
    assert_eq!(j["results"][0]["known_error"], true);
    assert_eq!(j["results"][1]["known_error"], false);
    let page = app.get(&format!("/zh/search?q={}", enc(line))).await;
    assert!(page.body.contains("已识别的报错"), "badge shown");
}

#[tokio::test]
async fn results_come_with_category_counts_and_can_be_narrowed_to_one() {
    let app = app().await;
    let r = app.get(&format!("/api/search?lang=zh&limit=50&q={}", enc("SLB"))).await;
    let j = r.json();
    let facets = j["facets"].as_array().unwrap();
    assert!(facets.len() >= 2, "{facets:?}");
    let sum: u64 = facets.iter().map(|f| f["count"].as_u64().unwrap()).sum();
    assert_eq!(sum, j["total"].as_u64().unwrap());
    let r = app.get(&format!("/api/search?lang=zh&limit=50&q={}&category=network", enc("SLB"))).await;
    let j = r.json();
    assert_eq!(j["category"], "network");
    assert!(j["results"].as_array().unwrap().iter().all(|h| h["category"] == "network"));
    let network = facets.iter().find(|f| f["category"] == "network").unwrap()["count"].as_u64().unwrap();
    assert_eq!(j["total"].as_u64().unwrap(), network);
    let page = app.get(&format!("/zh/search?q={}&category=network", enc("SLB"))).await;
    assert!(page.body.contains(r#"aria-current="true" data-category="network""#), "the chosen facet is marked");
}

#[tokio::test]
async fn a_search_without_an_answer_offers_ways_on_and_is_recorded() {
    let app = app().await;
    let q = "qzxwv plorp frumious";
    let page = app.get(&format!("/ja/search?q={}", enc(q))).await;
    assert_eq!(page.status, 200, "{}", page.body.chars().take(2000).collect::<String>());
    assert!(page.body.contains("まだ該当する回答がありません"));
    assert!(page.body.contains(&format!("href=\"/zh-TW/search?q={}\"", enc(q))), "same search in another language");
    assert!(page.body.contains("href=\"/ja/categories/network\""), "categories offered");
    assert_eq!(app.zero_result_queries(Some("ja"), 1).await, vec![(q.to_owned(), 1)]);
}

#[tokio::test]
async fn a_misspelling_too_far_for_typo_tolerance_is_offered_another_spelling() {
    let app = app().await;
    let r = app.get(&format!("/api/search?q={}&lang=zh", enc("kublte"))).await;
    let j = r.json();
    assert_eq!(j["total"], 0, "two edits away: no result by itself");
    assert_eq!(j["alternatives"], serde_json::json!(["kubelet"]));
    let page = app.get(&format!("/id/search?q={}", enc("kublte"))).await;
    assert!(page.body.contains("Mungkin maksud Anda:"), "the no-answer page offers it");
    assert!(page.body.contains(&format!("href=\"/id/search?q={}\"", enc("kubelet"))));
    let none = app.get(&format!("/api/search?q={}&lang=zh", enc("qzxwv plorp"))).await.json();
    assert_eq!(none["alternatives"], serde_json::json!([]), "nothing close: nothing offered");
}

#[tokio::test]
async fn every_search_is_recorded_with_its_source_and_clicks_with_their_position() {
    let app = crate::support::app().await;
    let page = app.get(&format!("/ja/search?q={}", enc("kubectl timeout"))).await;
    let before = page.body.split("class=\"result-title\"").next().unwrap();
    let link = before.rsplit("href=\"").next().unwrap().split('"').next().unwrap().replace("&amp;", "&");
    assert!(link.contains("?from=") && link.ends_with(".1"), "{link}");
    // Following the link counts a click on position 1.
    assert_eq!(app.get(&link).await.status, 200);
    // A forged `from` counts nothing and breaks nothing.
    assert_eq!(app.get("/ja/entries/kubectl-timeout?from=ffffffffffffffff.3").await.status, 200);
    app.get(&format!("/api/search?q={}", enc("x509 expired"))).await;
    app.get(&format!("/zh/search?q={}&src=opensearch", enc("节点 NotReady"))).await;
    app.get(&format!("/api/suggest?lang=zh&q={}", enc("证书"))).await;
    app.post_form("/sfn/suggest", &format!("lang=id&q={}", enc("kluster")), &[("sec-fetch-site", "same-origin")]).await;
    let today = server::db::day_of(server::db::unix_now());
    let mut by_source = std::collections::BTreeMap::new();
    for _ in 0..60 {
        by_source.clear();
        for (_, source, t) in app.state.backend.db.search_days(today, today, None).await.unwrap() {
            *by_source.entry(source).or_insert((0, 0)) = (t.searches, t.clicked);
        }
        if by_source.len() >= 4 && by_source.get("page").is_some_and(|p| p.1 == 1) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(by_source.get("page"), Some(&(1, 1)), "{by_source:?}");
    assert_eq!(by_source.get("api"), Some(&(1, 0)));
    assert_eq!(by_source.get("opensearch").map(|s| s.0), Some(2), "the results page from the search bar and the address-bar suggestions");
    assert_eq!(by_source.get("suggest").map(|s| s.0), Some(1));
    let entries = app.state.backend.db.top_entries(today, today, None, 10).await.unwrap();
    let kt = entries.iter().find(|e| e.entry_id == "kubectl-timeout").expect("viewed");
    assert_eq!((kt.views, kt.clicks), (2, 1));
}
