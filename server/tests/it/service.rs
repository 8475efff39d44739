//! The console as a service: the listener's deadlines and caps over real sockets, rate
//! limits, the configured public URL, privacy of what is stored, retention and quotas,
//! metrics, and the small things a hostile or broken client tries.

use crate::support::{app, app_with, enc, TestApp};
use server::serve::{serve, ServeOptions};
use std::net::SocketAddr;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

fn options(header_timeout_ms: u64, per_client: usize) -> ServeOptions {
    ServeOptions {
        header_timeout: Duration::from_millis(header_timeout_ms),
        shutdown_grace: Duration::from_millis(800),
        max_connections: 1000,
        max_connections_per_client: per_client,
        trusted_proxies: Vec::new(),
    }
}

struct Listening {
    addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    done: tokio::task::JoinHandle<std::io::Result<()>>,
}

async fn listen(app: &TestApp, options: ServeOptions) -> Listening {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let router = app.router.clone();
    let metrics = app.state.backend.metrics.clone();
    let done = tokio::spawn(serve(listener, router, options, metrics, async move {
        let _ = stopped.await;
    }));
    Listening { addr, stop: Some(stop), done }
}

/// Reads what the server sends until it closes the connection (or `limit` passes).
async fn read_all(stream: &mut TcpStream, limit: Duration) -> String {
    let mut out = Vec::new();
    let _ = tokio::time::timeout(limit, stream.read_to_end(&mut out)).await;
    String::from_utf8_lossy(&out).into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_never_finishes_its_headers_gets_a_408_and_is_let_go() {
    let app = app().await;
    let l = listen(&app, options(300, 64)).await;
    let mut slow = TcpStream::connect(l.addr).await.unwrap();
    slow.write_all(b"GET /zh HTTP/1.1\r\nHost: x\r\nX-Slow: ").await.unwrap();
    let started = Instant::now();
    let answer = read_all(&mut slow, Duration::from_secs(5)).await;
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer:?}");
    assert!(started.elapsed() < Duration::from_secs(3));
    // And one that sends nothing at all.
    let mut silent = TcpStream::connect(l.addr).await.unwrap();
    let answer = read_all(&mut silent, Duration::from_secs(5)).await;
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_client_cannot_hold_more_than_its_share_of_connections() {
    let app = app().await;
    let l = listen(&app, options(30_000, 5)).await;
    let mut held = Vec::new();
    for _ in 0..5 {
        let mut s = TcpStream::connect(l.addr).await.unwrap();
        s.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n").await.unwrap();
        held.push(s);
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    let mut sixth = TcpStream::connect(l.addr).await.unwrap();
    sixth.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").await.unwrap();
    let answer = read_all(&mut sixth, Duration::from_secs(5)).await;
    assert!(answer.starts_with("HTTP/1.1 429"), "{answer:?}");
    assert!(answer.contains("Retry-After: 5"));
    drop(held);
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mut again = TcpStream::connect(l.addr).await.unwrap();
    again.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").await.unwrap();
    let answer = read_all(&mut again, Duration::from_secs(5)).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "places are given back: {answer:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_finishes_within_its_deadline_even_with_a_stuck_client() {
    let app = app().await;
    let mut l = listen(&app, options(60_000, 64)).await;
    let mut stuck = TcpStream::connect(l.addr).await.unwrap();
    stuck.write_all(b"GET /zh HTTP/1.1\r\nHost: x\r\nX-Slow: ").await.unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    let started = Instant::now();
    l.stop.take().unwrap().send(()).unwrap();
    let finished = tokio::time::timeout(Duration::from_secs(5), &mut l.done).await;
    assert!(finished.is_ok(), "the shutdown finished");
    assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
}

#[tokio::test]
async fn searches_are_rate_limited_per_client_with_retry_after() {
    let app = app_with(|c| {
        c.rate_search_per_minute = 60;
        c.rate_search_burst = 3;
    })
    .await;
    for _ in 0..3 {
        assert_eq!(app.get("/api/search?q=x509").await.status, 200);
    }
    let r = app.get("/api/search?q=x509").await;
    assert_eq!(r.status, 429);
    assert_eq!(r.json()["error"]["code"], "rate_limited");
    assert!(r.header("retry-after").parse::<u64>().unwrap() >= 1);
    // The page keeps the query in its search box, in the reader's language.
    let r = app.get(&format!("/ja/search?q={}", enc("証明書 <期限>"))).await;
    assert_eq!(r.status, 429);
    assert!(r.body.contains("リクエストが多すぎます"));
    assert!(r.body.contains("value=\"証明書 &lt;期限&gt;\""), "{}", r.body);
    assert!(r.header("content-security-policy").contains("default-src"));
    // Pages that are not searches are counted apart.
    assert_eq!(app.get("/ja/entries/collect-node-diagnostics").await.status, 200);
}

#[tokio::test]
async fn client_addresses_come_from_x_forwarded_for_only_behind_a_trusted_proxy() {
    let limited = |c: &mut server::config::Config| {
        c.rate_search_per_minute = 60;
        c.rate_search_burst = 1;
    };
    // Untrusted: a client that rotates the header is still one client.
    let app = app_with(limited).await;
    let r1 = app.get_with("/api/search?q=x", &[("x-forwarded-for", "198.51.100.1")]).await;
    let r2 = app.get_with("/api/search?q=x", &[("x-forwarded-for", "198.51.100.2")]).await;
    assert_eq!((r1.status.as_u16(), r2.status.as_u16()), (200, 429));
    // Trusted (the in-process peer is 127.0.0.1): two clients behind the proxy.
    let app = app_with(|c| {
        limited(c);
        c.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()];
    })
    .await;
    let r1 = app.get_with("/api/search?q=x", &[("x-forwarded-for", "198.51.100.1")]).await;
    let r2 = app.get_with("/api/search?q=x", &[("x-forwarded-for", "198.51.100.2")]).await;
    assert_eq!((r1.status.as_u16(), r2.status.as_u16()), (200, 200));
}

#[tokio::test]
async fn absolute_links_follow_the_public_url_and_https_makes_cookies_secure() {
    let app = app_with(|c| c.public_url = Some("https://help.example.com".into())).await;
    let xml = app.get_with("/ja/opensearch.xml", &[("host", "evil.example")]).await;
    assert!(xml.body.contains("template=\"https://help.example.com/ja/search?q={searchTerms}&amp;src=opensearch\""), "{}", xml.body);
    assert!(!xml.body.contains("evil.example"));
    let s = app.get_with(&format!("/api/suggest?lang=zh&q={}", enc("apiserver 白名")), &[("host", "evil.example")]).await.json();
    assert!(s[3][0].as_str().unwrap().starts_with("https://help.example.com/zh/"), "{s}");
    let page = app.get("/zh").await;
    let cookie = page.headers.get("set-cookie").unwrap().to_str().unwrap().to_owned();
    assert!(cookie.starts_with("__Host-ack_cid=") && cookie.contains("; Secure") && cookie.contains("Path=/"), "{cookie}");
    assert!(page.header("strict-transport-security").contains("max-age"));
    let lang = app.get("/lang/ja?next=/ja").await;
    assert!(lang.header("set-cookie").contains("; Secure"));
    // Writes must come from that origin.
    let browser = app.browser().await;
    let form = format!("vote=yes&csrf={}", browser.token);
    let ok = [("cookie", browser.cookie.as_str()), ("origin", "https://help.example.com")];
    assert_eq!(app.post_form("/zh/entries/collect-node-diagnostics/feedback", &form, &ok).await.status, 303);
    let wrong = [("cookie", browser.cookie.as_str()), ("origin", "http://help.example.com")];
    assert_eq!(app.post_form("/zh/entries/collect-node-diagnostics/feedback", &form, &wrong).await.status, 403);
}

#[tokio::test]
async fn unanswered_searches_are_stored_without_the_secrets_in_them() {
    let app = app().await;
    let q = "zzqq LTAI5tQ7xYz2AbCdEfGh9JkL Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0 pwd=hunter22 qqzz";
    let found = app.get(&format!("/api/search?q={}", enc(q))).await.json();
    assert_eq!(found["total"], 0, "a search without an answer");
    let r = app.get(&format!("/zh/search?q={}", enc(q))).await;
    assert_eq!(r.status, 200);
    let stored = app.zero_result_queries(None, 1).await;
    assert_eq!(stored.len(), 1, "{stored:?}");
    let kept = &stored[0].0;
    assert!(!kept.contains("LTAI5t") && !kept.contains("Zx9Yw8") && !kept.contains("hunter22"), "{kept}");
    assert!(kept.contains("<ACCESS_KEY_ID>") && kept.contains("pwd=<SECRET>"), "{kept}");
}

#[tokio::test]
async fn a_flood_of_unanswered_searches_never_waits_and_is_written_in_batches() {
    let app = app_with(|c| c.rate_search_per_minute = 0).await;
    for i in 0..300 {
        let r = app.get(&format!("/api/search?q=nothingmatches{i}xq")).await;
        assert_eq!(r.status, 200);
    }
    let stored = app.zero_result_queries(None, 300).await.len();
    assert_eq!(stored, 300, "all written");
    assert_eq!(app.state.backend.metrics.analytics_dropped_total(), 0);
}

#[tokio::test]
async fn retention_deletes_old_searches_runs_and_expired_drafts() {
    let app = app().await;
    let db = &app.state.backend.db;
    let old = server::db::SearchRow {
        id: "old".into(),
        at: server::db::unix_now(),
        lang: "zh".into(),
        source: "page",
        query: "old".into(),
        norm: "old".into(),
        results: 0,
        top_entry: None,
    };
    db.record_events(&[old], &[], &[]).await.unwrap();
    let run = db.save_wizard_run("acl", "zh", "{}", "c").await.unwrap();
    db.save_draft("acl", "{}", "c", Duration::from_secs(60)).await.unwrap();
    let now = server::db::unix_now();
    // Nothing is old yet.
    let p = db.purge(now - 10, now - 10, now).await.unwrap();
    assert_eq!((p.searches, p.runs, p.drafts), (0, 0, 0));
    // 91 days on: searches go (90 days), runs stay (a year), the draft has expired.
    let later = now + 91 * 86_400;
    let retention = server::maintenance::Retention::days(90, 365);
    let (s, r) = retention.cutoffs(later);
    let p = db.purge(s, r, later).await.unwrap();
    assert_eq!((p.searches, p.runs, p.drafts), (1, 0, 1));
    assert!(db.wizard_run(&run).await.unwrap().is_some());
    let (s, r) = retention.cutoffs(now + 366 * 86_400);
    assert_eq!(db.purge(s, r, now + 366 * 86_400).await.unwrap().runs, 1);
}

#[tokio::test]
async fn saved_runs_have_a_daily_quota_per_browser() {
    let app = app_with(|c| c.runs_per_client_per_day = 2).await;
    let browser = app.browser().await;
    let save = "step=result&kind=ack&vpc=192.168.0.0%2F16&clients=203.0.113.7&action=save";
    for _ in 0..2 {
        assert_eq!(app.post_form_as(&browser, "/zh/wizards/acl/submit", save).await.status, 303);
    }
    let r = app.post_form_as(&browser, "/zh/wizards/acl/submit", save).await;
    assert_eq!(r.status, 429);
    assert!(r.body.contains("24 小时内保存的结果已达上限"));
    assert!(r.body.contains("203.0.113.7"), "inputs kept");
}

#[tokio::test]
async fn bad_server_function_calls_get_client_errors_without_internals() {
    let app = app().await;
    let same = [("sec-fetch-site", "same-origin")];
    let cases = [
        ("/sfn/search", "lang=xx&q=1&page=one"),
        ("/sfn/search", "%%%"),
        ("/sfn/article", ""),
        ("/sfn/no-such-function", "a=1"),
    ];
    for (path, body) in cases {
        let r = app.post_form(path, body, &same).await;
        assert!(r.status.is_client_error(), "{path} {body}: {} {}", r.status, r.body);
        for internal in ["Could not", "deserializ", "serde", "unknown variant", "missing field", "expected"] {
            assert!(!r.body.contains(internal), "{path}: {}", r.body);
        }
    }
}

#[tokio::test]
async fn a_query_with_placeholders_is_shown_as_typed() {
    let app = app().await;
    let r = app.get(&format!("/zh/search?q={}", enc("qqzzxx {n} {q}"))).await;
    assert!(r.body.contains("“qqzzxx {n} {q}”共有 "), "{}", r.body.split("results-heading").nth(1).unwrap_or("").chars().take(200).collect::<String>());
}

#[tokio::test]
async fn go_links_stay_short_whatever_is_pasted() {
    let app = app().await;
    let paste = "E1122 09:41:07.123456 1 x.go:1] 某个没有答案的错误 ".repeat(250);
    let r = app.get(&format!("/go?lang=zh&q={}", enc(&paste))).await;
    assert!(r.status.is_redirection());
    let location = r.header("location");
    assert!(location.len() <= app::model::urls::MAX_URL_BYTES, "{}", location.len());
    assert!(location.starts_with("/zh/search?q="));
}

#[tokio::test]
async fn metrics_count_requests_searches_and_the_queue_in_prometheus_format() {
    let app = app().await;
    app.get("/zh/search?q=x509").await;
    app.get("/api/search?q=qqqqzzzzvvvv").await;
    app.get("/healthz").await;
    let text = app.state.backend.metrics.render();
    assert!(text.contains("ack_http_requests_total{route=\"/{lang}/search\",status=\"200\"} 1"), "{text}");
    assert!(text.contains("ack_http_requests_total{route=\"/healthz\",status=\"200\"} 1"));
    assert!(text.contains("ack_search_duration_seconds_count 2"));
    assert!(text.contains("ack_search_zero_results_total 1"));
    assert!(text.contains("ack_analytics_queue_depth"));
    // Served on the admin router, not on the public one.
    let admin = server::http::admin_router(app.state.clone());
    use tower::ServiceExt;
    let res = admin.oneshot(axum::http::Request::get("/metrics").body(axum::body::Body::empty()).unwrap()).await.unwrap();
    assert_eq!(res.status(), 200);
    let body = http_body_util::BodyExt::collect(res.into_body()).await.unwrap().to_bytes();
    assert!(String::from_utf8_lossy(&body).contains("ack_db_pool_connections{pool=\"main\""));
    assert_eq!(app.get("/metrics").await.status, 404, "not on the public address");
}

#[tokio::test]
async fn static_files_are_public_and_set_no_cookie_while_pages_are_private() {
    let app = app().await;
    let page = app.get("/zh/entries/collect-node-diagnostics").await;
    assert!(page.header("cache-control").contains("private"));
    assert!(page.body.contains("name=\"ack-form-token\""));
    let r = app.get("/healthz").await;
    assert!(r.header("content-security-policy").contains("default-src 'none'"), "security headers everywhere");
    assert_eq!(r.header("x-content-type-options"), "nosniff");
}
