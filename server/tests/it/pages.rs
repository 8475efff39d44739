use crate::support::{app, enc};

const CERT: &str = "apiserver-loopback-cert-expired";

#[tokio::test]
async fn root_picks_the_locale_from_cookie_then_accept_language_then_zh() {
    let app = app().await;
    let cases: &[(&[(&str, &str)], &str)] = &[
        (&[], "/zh"),
        (&[("accept-language", "ja-JP,ja;q=0.9,en;q=0.8")], "/ja"),
        (&[("accept-language", "zh-HK")], "/zh-TW"),
        (&[("accept-language", "in")], "/id"),
        (&[("accept-language", "en-US")], "/zh"),
        (&[("accept-language", "ja"), ("cookie", "ack_lang=id")], "/id"),
        (&[("cookie", "ack_lang=nonsense"), ("accept-language", "zh-Hant")], "/zh-TW"),
    ];
    for (headers, want) in cases {
        let r = app.get_with("/", headers).await;
        assert!(r.status.is_redirection(), "{headers:?}: {}", r.status);
        assert_eq!(r.header("location"), *want, "{headers:?}");
        assert!(r.header("vary").contains("Accept-Language"));
    }
}

#[tokio::test]
async fn home_page_is_localized_with_alternates_and_canonical() {
    let app = app().await;
    for (code, lang, needle) in [("zh", "zh-CN", "ACK 帮助中心"), ("zh-TW", "zh-TW", "ACK 說明中心"), ("id", "id", "Pusat Bantuan ACK"), ("ja", "ja", "ACK ヘルプセンター")] {
        let r = app.get(&format!("/{code}")).await;
        assert_eq!(r.status, 200, "{code}");
        assert!(r.body.contains(&format!("<html lang=\"{lang}\"")), "{code}: html lang");
        assert!(r.body.contains(needle), "{code}: title");
        assert!(r.body.contains(&format!(r#"<link href="http://127.0.0.1:3000/{code}" rel="canonical">"#)), "{code}: canonical");
        for (alt, hreflang) in [("zh", "zh-CN"), ("zh-TW", "zh-TW"), ("id", "id"), ("ja", "ja")] {
            assert!(r.body.contains(&format!(r#"<link href="http://127.0.0.1:3000/{alt}" hreflang="{hreflang}" rel="alternate">"#)), "{code}: alternate {alt}");
        }
        assert!(r.body.contains(r#"<link href="http://127.0.0.1:3000/zh" hreflang="x-default" rel="alternate">"#), "{code}: x-default");
        assert!(r.body.contains(r#"action="/"#), "{code}: search form");
    }
}

#[tokio::test]
async fn home_page_with_a_trailing_slash_redirects_to_the_home_page() {
    let app = app().await;
    let r = app.get("/ja/").await;
    assert!(r.status.is_redirection());
    assert_eq!(r.header("location"), "/ja");
    let r = app.get("/zh-TW/?utm=x").await;
    assert_eq!(r.header("location"), "/zh-TW?utm=x");
}

#[tokio::test]
async fn entry_page_renders_markdown_with_copyable_commands() {
    let app = app().await;
    let r = app.get(&format!("/ja/entries/{CERT}")).await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains("<html lang=\"ja\""));
    assert!(r.body.contains("class=\"code-block\" data-lang=\"bash\"><button type=\"button\" class=\"copy\">コピー</button>"));
    assert!(r.body.contains(&format!(r#"<link href="http://127.0.0.1:3000/zh-TW/entries/{CERT}" hreflang="zh-TW" rel="alternate">"#)));
    assert!(r.body.contains(r#"action="/ja/entries/apiserver-loopback-cert-expired/feedback""#));
    assert!(r.body.contains("<meta name=\"description\""));
}

#[tokio::test]
async fn unknown_pages_get_a_localized_404() {
    let app = app().await;
    let cases = [
        ("/ja/entries/no-such-entry", "ページが見つかりません"),
        ("/zh-TW/categories/nope", "找不到頁面"),
        ("/id/no/such/page", "Halaman tidak ditemukan"),
        ("/xx/entries/x", "页面不存在"),
        ("/definitely-not-here", "页面不存在"),
    ];
    for (path, text) in cases {
        let r = app.get(path).await;
        assert_eq!(r.status, 404, "{path}");
        assert!(r.body.contains(text), "{path}: {}", &r.body[..r.body.len().min(300)]);
    }
}

#[tokio::test]
async fn category_page_lists_its_entries() {
    let app = app().await;
    let r = app.get("/zh/categories/control-plane").await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains(&format!("/zh/entries/{CERT}")));
}

#[tokio::test]
async fn search_page_is_server_rendered_with_the_answer_first() {
    let app = app().await;
    let line = "E1122 09:41:07.123456 1 x509: certificate has expired or is not yet valid: current time 2026-11-22T09:41:07Z is after 2026-10-01T00:00:00Z";
    let r = app.get(&format!("/zh/search?q={}", enc(line))).await;
    assert_eq!(r.status, 200);
    let results = r.body.split("class=\"results\"").nth(1).expect("a result list");
    let first = results.split("data-id=\"").nth(1).expect("a result");
    assert!(first.starts_with(CERT), "first result: {}", first.chars().take(80).collect::<String>());
}

#[tokio::test]
async fn search_page_survives_hostile_input_and_says_when_it_cut_the_query() {
    let app = app().await;
    let long = "kubelet failed ".repeat(1200);
    let inputs = ["\"", "a:b", "(((", "[x TO y]", "AND", "OR NOT", "<script>alert(1)</script>", "</title><script>alert(1)</script>", "\u{0}", "%%%", "*", &long];
    for q in inputs {
        let r = app.get(&format!("/zh/search?q={}", enc(q))).await;
        assert_eq!(r.status, 200, "{:?}", &q[..q.len().min(20)]);
        assert!(!r.body.contains("<script>alert(1)"), "reflected script");
    }
    let r = app.get(&format!("/zh/search?q={}", enc(&long))).await;
    assert!(r.body.contains("输入过长"), "truncation notice");
    let r = app.get("/zh/search?q=%FF%FE&page=abc").await;
    assert_eq!(r.status, 200);
}

#[tokio::test]
async fn language_switch_remembers_the_choice_and_stays_on_the_page() {
    let app = app().await;
    let r = app.get(&format!("/lang/ja?next={}", enc(&format!("/ja/entries/{CERT}")))).await;
    assert!(r.status.is_redirection());
    assert_eq!(r.header("location"), format!("/ja/entries/{CERT}"));
    assert_eq!(r.set_cookie("ack_lang").as_deref(), Some("ja"));
    for evil in ["//evil.example/", "https://evil.example/", "/\\evil.example"] {
        let r = app.get(&format!("/lang/id?next={}", enc(evil))).await;
        assert_eq!(r.header("location"), "/id", "{evil}");
    }
}

#[tokio::test]
async fn pages_rendered_per_request_carry_a_fresh_nonce_for_their_scripts() {
    let app = app().await;
    let r = app.get("/zh/search?q=kubelet").await;
    let csp = r.header("content-security-policy").to_owned();
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    let nonce = csp.split("'nonce-").nth(1).and_then(|s| s.split('\'').next()).expect("nonce in CSP");
    assert!(r.body.contains(&format!("<script type=\"module\" nonce=\"{nonce}\">")), "hydration script nonce");
    assert_eq!(r.header("x-content-type-options"), "nosniff");
    assert_eq!(r.header("referrer-policy"), "strict-origin-when-cross-origin");
    let other = app.get("/zh/search?q=kubelet").await;
    assert_ne!(other.header("content-security-policy"), csp, "a fresh nonce per response");
}

/// The inline scripts of a page, and the CSP sources that allow exactly them.
fn script_hashes(body: &str) -> Vec<String> {
    use base64::Engine;
    use sha2::Digest;
    let mut out = Vec::new();
    for piece in body.split("<script").skip(1) {
        let (open, rest) = piece.split_once('>').unwrap();
        if !open.contains(" src=") {
            let script = rest.split("</script>").next().unwrap();
            out.push(format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(script.as_bytes()))));
        }
    }
    out
}

#[tokio::test]
async fn pages_that_are_the_same_for_everyone_are_rendered_once_and_revalidate() {
    let app = app().await;
    for path in ["/zh", &format!("/ja/entries/{CERT}"), "/id/categories/network", "/zh-TW/wizards", "/zh/wizards/acl"] {
        let first = app.browser().await;
        let second = app.browser().await;
        let a = app.get_with(path, &first.headers()).await;
        let b = app.get_with(path, &second.headers()).await;
        assert_eq!((a.status.as_u16(), b.status.as_u16()), (200, 200), "{path}");
        // The scripts run by their hashes: no nonce in the page or its policy.
        let csp = a.header("content-security-policy").to_owned();
        assert!(!csp.contains("'nonce-") && !a.body.contains(" nonce="), "{path}: {csp}");
        let hashes = script_hashes(&a.body);
        assert!(hashes.len() >= 2, "{path}: the hydration script and its data");
        for h in &hashes {
            assert!(csp.contains(h.as_str()), "{path}: {h} missing from {csp}");
        }
        assert!(csp.contains("frame-ancestors 'none'") && csp.contains("'wasm-unsafe-eval'"), "{csp}");
        // Each reader gets their own form token in the same page.
        assert!(a.body.contains(&first.token) && !a.body.contains(&second.token), "{path}");
        assert_eq!(a.body.replace(&first.token, "T"), b.body.replace(&second.token, "T"), "{path}: the same page otherwise");
        // The reader's browser revalidates its copy; another reader's tag is not theirs.
        let etag = a.header("etag").to_owned();
        assert!(etag.starts_with("W/\""), "{path}: {etag:?}");
        let mut again = first.headers();
        again.push(("if-none-match", etag.as_str()));
        let r = app.get_with(path, &again).await;
        assert_eq!(r.status, 304, "{path}");
        assert!(r.body.is_empty());
        assert_eq!(r.header("content-security-policy"), csp, "a 304 keeps the policy of the copy it confirms");
        let mut other = second.headers();
        other.push(("if-none-match", etag.as_str()));
        assert_eq!(app.get_with(path, &other).await.status, 200, "{path}");
    }
    // A page with a query, and a page that is not there, are rendered as they are asked.
    let r = app.get(&format!("/ja/entries/{CERT}?feedback=thanks")).await;
    assert!(r.header("content-security-policy").contains("'nonce-"));
    let r = app.get("/ja/entries/no-such-entry").await;
    assert_eq!(r.status, 404);
    assert!(r.header("etag").is_empty());
    // Every answer of the entry counts as a view, rendered or not: two readers, a
    // revalidation, the other reader's refused tag, and the page with a query.
    let today = server::db::day_of(server::db::unix_now());
    let mut views = 0;
    for _ in 0..100 {
        let top = app.state.backend.db.top_entries(today, today, Some("ja"), 10).await.unwrap();
        views = top.iter().find(|e| e.entry_id == CERT).map_or(0, |e| e.views);
        if views >= 5 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(views, 5);
}

#[tokio::test]
async fn responses_are_compressed_when_the_client_accepts_it() {
    let app = app().await;
    let r = app.get_with("/zh", &[("accept-encoding", "br")]).await;
    assert_eq!(r.header("content-encoding"), "br");
    let r = app.get_with("/api/articles?lang=zh", &[("accept-encoding", "gzip")]).await;
    assert_eq!(r.header("content-encoding"), "gzip");
}

#[tokio::test]
async fn health_and_readiness() {
    let app = app().await;
    let r = app.get("/healthz").await;
    assert_eq!((r.status.as_u16(), r.body.as_str()), (200, "ok"));
    let r = app.get("/readyz").await;
    assert_eq!(r.status, 200);
    let j = r.json();
    assert_eq!(j["ready"], true);
    assert_eq!(j["database"], "sqlite");
    assert!(j["documents"].as_u64().unwrap() >= 12);
}

#[tokio::test]
async fn high_risk_operations_render_as_tables_with_an_anchor_per_operation() {
    let app = app().await;
    let r = app.get("/ja/entries/high-risk-operations").await;
    assert_eq!(r.status, 200);
    for group in ["cluster", "worker-nodes", "master-nodes", "node-pools", "network", "storage", "logging"] {
        assert!(r.body.contains(&format!("id=\"group-{group}\"")), "group {group}");
    }
    assert!(r.body.contains("<th scope=\"col\">高リスク操作</th>"));
    assert!(r.body.contains("<tr id=\"op-kernel-ip-forward-disabled\">"));
    assert!(r.body.contains("href=\"/ja/entries/delete-log-collector-buffer\""), "row links to its entry");
    let rows = r.body.matches("<tr id=\"op-").count();
    assert_eq!(rows, app.state.backend.content.high_risk().operations.len());
}

#[tokio::test]
async fn operations_without_an_entry_of_their_own_are_found_through_the_table() {
    let app = app().await;
    let r = app.get(&format!("/api/search?lang=ja&q={}", enc("节点池自愈 系统盘上的重要数据丢失"))).await;
    let j = r.json();
    let first = &j["results"][0];
    assert_eq!(first["kind"], "operation", "{j}");
    assert_eq!(first["id"], "nodepool-important-data-on-system-disk");
    assert_eq!(first["url"], "/ja/entries/high-risk-operations#op-nodepool-important-data-on-system-disk");
    let page = app.get("/zh/search?q=%E7%B3%BB%E7%BB%9F%E7%9B%98%20%E9%87%8D%E8%A6%81%E6%95%B0%E6%8D%AE%20%E8%8A%82%E7%82%B9%E6%B1%A0%E8%87%AA%E6%84%88").await;
    // The results page links the row, with the search and position for the click count.
    let link = page.body.split("href=\"/zh/entries/high-risk-operations?from=").nth(1).expect("a counted link");
    assert!(link.split('"').next().unwrap().ends_with(".1#op-nodepool-important-data-on-system-disk"), "{}", &link[..80]);
}
