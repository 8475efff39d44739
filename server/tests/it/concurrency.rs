//! Many pages rendered at once, as on a busy day: every one must come back whole.
//!
//! The router is driven in-process from a multi-threaded runtime, so renders really
//! overlap on several threads. Each page is checked for what only a complete render has:
//! its own title, its own main content, and the closing `</html>`.

use crate::support::{app_with, enc};
use axum::body::Body;
use axum::http::Request;
use http_body_util::BodyExt;
use tower::ServiceExt;

const QUERIES: &[&str] = &[
    "证书过期", "節點 NotReady", "x509", "kubelet 10250", "apiserver 白名单", "ノード", "kluster", "disk",
    "NAS 挂载", "rp_filter", "ip_forward", "containerd", "diagnose", "SLB", "ingress", "DNS 53",
];

fn pages() -> Vec<(String, String)> {
    let mut pages = Vec::new();
    let langs = ["zh", "zh-TW", "id", "ja"];
    // Search pages, each with a query of its own.
    for i in 0..240 {
        let lang = langs[i % 4];
        let q = format!("{} {}", QUERIES[i % QUERIES.len()], i);
        pages.push((format!("/{lang}/search?q={}", enc(&q)), q));
    }
    // Entries in every locale.
    let entries: Vec<String> = std::fs::read_dir(crate::support::content_dir().join("entries"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for (i, id) in entries.iter().enumerate().take(60) {
        let lang = langs[i % 4];
        pages.push((format!("/{lang}/entries/{id}"), format!("data-entry=\"{id}\"")));
    }
    // Wizard steps with inputs, and results.
    for i in 0..60 {
        let lang = langs[i % 4];
        let vpc = format!("10.{}.0.0/16", i);
        let uri = match i % 3 {
            0 => format!("/{lang}/wizards/acl?step=networks&kind=ack&vpc={}", enc(&vpc)),
            1 => format!("/{lang}/wizards/acl?step=result&kind=ack&vpc={}&clients=203.0.113.{}", enc(&vpc), i),
            _ => format!("/{lang}/wizards/diagnostics?cluster_type=managed&role=worker&step=node"),
        };
        let marker = if i % 3 == 2 { "data-wizard=\"diagnostics\"".to_owned() } else { vpc };
        pages.push((uri, marker));
    }
    pages
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn hundreds_of_distinct_pages_render_whole_at_the_same_time() {
    // One client asking for everything at once: its rate limits are lifted here.
    let app = app_with(|c| {
        c.rate_page_per_minute = 0;
        c.rate_search_per_minute = 0;
    })
    .await;
    let pages = pages();
    assert!(pages.len() >= 350);
    let tasks: Vec<_> = pages
        .into_iter()
        .map(|(uri, marker)| {
            let router = app.router.clone();
            tokio::spawn(async move {
                let req = Request::get(&uri).body(Body::empty()).unwrap();
                let res = router.oneshot(req).await.unwrap();
                let status = res.status();
                let body = res.into_body().collect().await.map(|b| b.to_bytes());
                (uri, marker, status, body)
            })
        })
        .collect();
    let mut failures = Vec::new();
    for task in tasks {
        match task.await {
            Err(e) => failures.push(format!("a render panicked: {e}")),
            Ok((uri, marker, status, body)) => {
                let body = match body {
                    Ok(b) => String::from_utf8_lossy(&b).into_owned(),
                    Err(e) => {
                        failures.push(format!("{uri}: the body broke off: {e}"));
                        continue;
                    }
                };
                if status != 200 {
                    failures.push(format!("{uri}: status {status}"));
                } else if !(body.contains("</footer>") && body.contains("</html>")) {
                    failures.push(format!("{uri}: incomplete page ({} bytes, ends {:?})", body.len(), body.chars().rev().take(80).collect::<String>().chars().rev().collect::<String>()));
                } else if !body.contains(&marker) {
                    failures.push(format!("{uri}: {marker} missing"));
                } else if !body.contains("<title>") {
                    failures.push(format!("{uri}: no title"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} of the pages failed:\n{}", failures.len(), failures.join("\n"));
}
