//! The output check: `/{lang}/check` (form, results, saved checks, Markdown) and
//! `POST /api/check`.

use crate::support::{app, enc};
use axum::http::StatusCode;

const SYSCTL: &str = "$ sysctl -a | grep -E 'ip_forward|rp_filter|tw_reuse|port_range'\r\nnet.ipv4.conf.all.rp_filter = 0\r\nnet.ipv4.conf.eth0.rp_filter = 1\r\nnet.ipv4.ip_forward = 0\r\nnet.ipv4.ip_local_port_range = 32768\t60999\r\nnet.ipv4.tcp_tw_reuse = 2\r\n";

const DESCRIBE: &str = "Name:         web-0
Namespace:    shop
Events:
  Type     Reason            Age                From               Message
  ----     ------            ----               ----               -------
  Warning  FailedScheduling  2m (x4 over 6m)    default-scheduler  0/3 nodes are available: 3 node(s) had volume node affinity conflict.
  Warning  FailedMount       1m                 kubelet            Unable to attach or mount volumes: unmounted volumes=[data]: timed out waiting for the condition
";

/// The text of the page's paste field.
fn textarea(body: &str) -> &str {
    let start = body.find("<textarea").and_then(|i| body[i..].find('>').map(|j| i + j + 1)).expect("a textarea");
    &body[start..start + body[start..].find("</textarea>").expect("closed")]
}

#[tokio::test]
async fn a_posted_sysctl_excerpt_gets_each_risky_setting_with_its_row_and_fix_in_every_language() {
    let app = app().await;
    for lang in ["zh", "zh-TW", "id", "ja"] {
        let r = app.post_form(&format!("/{lang}/check"), &format!("output={}&kind=auto&action=check", enc(SYSCTL)), &[("sec-fetch-site", "same-origin")]).await;
        assert_eq!(r.status, StatusCode::OK, "{lang}: {}", &r.body[..r.body.len().min(400)]);
        let b = &r.body;
        assert!(b.contains("net.ipv4.ip_forward = 0"), "{lang}: the finding's title");
        assert!(b.contains("net.ipv4.conf.eth0.rp_filter = 1"), "{lang}");
        assert!(!b.contains("net.ipv4.conf.all.rp_filter = 0</span>"), "{lang}: a safe value is no finding");
        assert!(b.contains(&format!("/{lang}/entries/high-risk-operations#op-kernel-ip-forward-disabled")), "{lang}: the row");
        assert!(b.contains("sysctl -w net.ipv4.ip_forward=1"), "{lang}: the fix");
        assert!(b.contains("sysctl -w net.ipv4.conf.eth0.rp_filter=0"), "{lang}: the fix names the interface");
        assert!(b.contains("class=\"finding error\""), "{lang}");
        assert!(textarea(b).contains("net.ipv4.ip_local_port_range = 32768\t60999\r\nnet.ipv4.tcp_tw_reuse = 2"), "{lang}: the paste stays in the form");
        assert!(b.contains("name=\"robots\" content=\"noindex\""), "{lang}: a checked paste is not for search engines");
    }
}

#[tokio::test]
async fn describe_pod_events_link_their_entries_grouped_by_the_pod() {
    let app = app().await;
    let r = app.get(&format!("/zh/check?output={}", enc(DESCRIBE))).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("FailedScheduling ×4：shop/web-0"), "grouped with the repeat count");
    assert!(r.body.contains("/zh/entries/pod-cannot-mount-disk"), "volume node affinity → the disk in another zone");
    assert!(r.body.contains("/zh/entries/storage-driver-logs"), "a mount timeout without NAS in sight → the driver logs");
    assert!(r.body.contains("kubectl -n shop describe pod web-0"));
}

#[tokio::test]
async fn the_api_reads_text_and_json_bodies_and_refuses_what_it_cannot_read() {
    let app = app().await;
    let r = app.post_raw("/api/check?lang=ja", "text/plain", SYSCTL).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let j = r.json();
    assert_eq!(j["lang"], "ja");
    assert_eq!(j["kind"], "sysctl");
    assert_eq!(j["verdict"]["level"], "blocked");
    let first = &j["findings"][0];
    assert_eq!(first["severity"], "error");
    assert_eq!(first["source"]["kind"], "operation");
    assert!(first["lines"][0]["number"].as_u64().unwrap() >= 2);
    assert!(first["fix"][0].as_str().unwrap().starts_with("sysctl -w "));
    assert_eq!(j["findings"].as_array().unwrap().len(), 2, "{j}");

    let r = app.post_json("/api/check?lang=id", &serde_json::json!({"output": DESCRIBE.lines().collect::<Vec<_>>(), "kind": "events"})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let j = r.json();
    assert_eq!((j["kind"].as_str(), j["chosen"].as_bool()), (Some("events"), Some(true)));
    assert_eq!(j["findings"][0]["source"]["id"], "pod-cannot-mount-disk");

    for (uri, ct, body, code) in [
        ("/api/check?lang=xx", "text/plain", "net.ipv4.ip_forward = 0", "unknown_locale"),
        ("/api/check?kind=nope", "text/plain", "net.ipv4.ip_forward = 0", "invalid_value"),
        ("/api/check", "text/plain", "  \n ", "invalid_value"),
        ("/api/check", "application/json", "[1, 2]", "not_an_object"),
        ("/api/check", "application/json", "{\"output\": 3}", "invalid_value"),
        ("/api/check", "application/json", "{\"output\": ", "invalid_json"),
    ] {
        let r = app.post_raw(uri, ct, body).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{uri} {body}");
        assert_eq!(r.json()["error"]["code"], code, "{uri} {body}");
    }
}

#[tokio::test]
async fn a_saved_check_masks_secrets_has_a_permalink_in_every_language_and_exports_markdown() {
    let app = app().await;
    let browser = app.browser().await;
    let paste = format!("# aliyun configure --access-key-id LTAI5tQ7xYz2AbCdEfGh9JkL --access-key-secret Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0\n{SYSCTL}");
    let r = app.post_form_as(&browser, "/zh/check", &format!("output={}&kind=sysctl&action=save", enc(&paste))).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", &r.body[..r.body.len().min(300)]);
    let permalink = r.header("location").to_owned();
    assert!(permalink.starts_with("/zh/check/runs/"), "{permalink}");
    let run = permalink.rsplit('/').next().unwrap().to_owned();
    let row = app.state.backend.db.wizard_run(&run).await.unwrap().unwrap();
    assert!(!row.inputs.contains("LTAI5tQ7xYz2AbCdEfGh9JkL") && !row.inputs.contains("Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0"), "{}", row.inputs);
    for lang in ["zh", "zh-TW", "id", "ja"] {
        let page = app.get(&format!("/{lang}/check/runs/{run}")).await;
        assert_eq!(page.status, StatusCode::OK, "{lang}");
        assert!(page.body.contains("net.ipv4.ip_forward = 0"), "{lang}");
        assert!(page.body.contains(&format!("/{lang}/check/runs/{run}/markdown")), "{lang}: the export link");
        assert!(!page.body.contains("LTAI5tQ7xYz2AbCdEfGh9JkL"), "{lang}");
    }
    let md = app.get(&format!("/ja/check/runs/{run}/markdown")).await;
    assert_eq!(md.status, StatusCode::OK);
    assert!(md.header("content-type").starts_with("text/markdown"));
    assert!(md.body.contains("sysctl -w net.ipv4.ip_forward=1") && md.body.contains(&format!("/ja/check/runs/{run}>")), "{}", md.body);

    assert_eq!(app.get("/zh/check/runs/00000000000000000000").await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get("/zh/check/runs/%3Cscript%3E/markdown").await.status, StatusCode::NOT_FOUND);
    // A wizard run is not a check, and a check is not a wizard run.
    assert_eq!(app.get(&format!("/zh/wizards/acl/runs/{run}")).await.status, StatusCode::NOT_FOUND);

    // Without the page's token nothing is kept, and the paste comes back with the reason.
    let r = app.post_form("/zh/check", &format!("output={}&action=save", enc(SYSCTL)), &browser.headers()).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(textarea(&r.body).contains("net.ipv4.tcp_tw_reuse = 2"), "nothing typed is lost");
}

#[tokio::test]
async fn export_without_saving_is_a_markdown_download_and_an_empty_paste_is_asked_for_again() {
    let app = app().await;
    let r = app.post_form("/id/check", &format!("output={}&action=export", enc(SYSCTL)), &[("sec-fetch-site", "same-origin")]).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.header("content-disposition").starts_with("attachment; filename=\"check-"));
    assert!(r.body.starts_with("# "), "{}", r.body);
    let r = app.post_form("/ja/check", "output=+%0A+&action=check", &[("sec-fetch-site", "same-origin")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("role=\"alert\""));
}

#[tokio::test]
async fn the_search_page_offers_the_check_when_the_query_is_command_output_and_the_frame_links_it() {
    let app = app().await;
    let pasted = app.get(&format!("/zh/search?q={}", enc("net.ipv4.ip_forward = 0 net.ipv4.tcp_tw_reuse = 1"))).await;
    assert!(pasted.body.contains("/zh/check?output=net.ipv4.ip_forward"), "the offer carries the paste");
    let events = app.get(&format!("/ja/search?q={}", enc("Warning  FailedMount  1m  kubelet  MountVolume.SetUp failed for volume nas"))).await;
    assert!(events.body.contains("/ja/check?output="));
    let plain = app.get(&format!("/zh/search?q={}", enc("x509 证书过期"))).await;
    assert!(!plain.body.contains("/zh/check?output="), "a question is not output");
    let home = app.get("/id").await;
    assert!(home.body.contains("href=\"/id/check\""), "the header and the home page link the check");
    let api = app.get(&format!("/api/search?q={}", enc("net.ipv4.ip_forward = 0"))).await;
    assert_eq!(api.json()["output"], true);
}

#[tokio::test]
async fn hostile_pastes_get_an_answer_never_a_failure() {
    let app = app().await;
    let nested = format!("{{\"output\": {}\"x\"{}}}", "[".repeat(5000), "]".repeat(5000));
    let laughs = "kind: Service\nitems: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\nh: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\ni: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]\nspec: [*i]\n";
    let long_line = format!("Warning FailedMount {}", "a".repeat(200_000));
    let cases: Vec<(&str, String)> = vec![
        ("application/json", nested),
        ("text/plain", laughs.to_owned()),
        ("text/plain", long_line),
        ("text/plain", "\u{0}\u{1}\u{7f}<script>alert(1)</script>\nWarning FailedMount 1m kubelet <img src=x onerror=alert(1)>".to_owned()),
        ("text/plain", "\n".repeat(100_000)),
    ];
    for (ct, body) in cases {
        let r = app.post_raw("/api/check", ct, &body).await;
        assert!(r.status == StatusCode::OK || r.status == StatusCode::BAD_REQUEST, "{} {}", r.status, &body[..body.len().min(80)]);
    }
    let r = app
        .post_form("/zh/check", &format!("output={}", enc("Warning FailedMount 1m kubelet <img src=x onerror=alert(1)></textarea><script>alert(2)</script>")), &[("sec-fetch-site", "same-origin")])
        .await;
    assert!(!r.body.contains("<script>alert(2)"), "a paste cannot close the field it is shown in");
    assert_eq!(r.status, StatusCode::OK);
    for (i, _) in r.body.match_indices("<img src=x") {
        panic!("unescaped paste: {}", &r.body[i.saturating_sub(200)..(i + 100).min(r.body.len())]);
    }
}

#[tokio::test]
async fn the_check_is_a_published_link_target_whose_example_reads_its_paste() {
    let app = app().await;
    let j = app.get("/api/links?lang=ja").await.json();
    assert_eq!(j["check"]["urls"]["ja"], "/ja/check");
    let kinds: Vec<&str> = j["check"]["kinds"].as_array().unwrap().iter().filter_map(|k| k["kind"].as_str()).collect();
    assert_eq!(kinds, ["sysctl", "events", "nodes", "services", "kubelet", "diagnostics"]);
    let example = j["check"]["example"]["ja"].as_str().unwrap();
    let page = app.get(example).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("class=\"finding error\""), "the linked paste is checked on arrival");
}
