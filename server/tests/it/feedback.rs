//! "Was this helpful?": the form without JavaScript, the server function, and the rules
//! around them: one vote per browser, ids only the server issued, no writes from other
//! sites, refused forms answered with what was typed.

use crate::support::{app, app_with, enc};

const ENTRY: &str = "collect-node-diagnostics";

#[tokio::test]
async fn a_vote_without_javascript_redirects_to_a_thank_you() {
    let app = app().await;
    let browser = app.browser().await;
    let r = app.post_form_as(&browser, &format!("/zh/entries/{ENTRY}/feedback"), "vote=yes&comment=").await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.header("location"), format!("/zh/entries/{ENTRY}?feedback=thanks#feedback"));
    let page = app.get(&format!("/zh/entries/{ENTRY}?feedback=thanks")).await;
    assert!(page.body.contains("感谢您的反馈"), "thank-you shown: {} {}", page.status, page.body.chars().take(400).collect::<String>());
    let counts = app.state.backend.db.counts(ENTRY).await.unwrap();
    assert_eq!((counts.helpful, counts.not_helpful), (1, 0));
}

#[tokio::test]
async fn the_same_vote_twice_from_one_browser_counts_once() {
    let app = app().await;
    let a = app.browser().await;
    let b = app.browser().await;
    assert_ne!(a.cookie, b.cookie);
    for _ in 0..2 {
        app.post_form_as(&a, &format!("/ja/entries/{ENTRY}/feedback"), "vote=yes").await;
    }
    app.post_form_as(&b, &format!("/zh/entries/{ENTRY}/feedback"), "vote=no").await;
    let counts = app.state.backend.db.counts(ENTRY).await.unwrap();
    assert_eq!((counts.helpful, counts.not_helpful), (1, 1));
    // Changing one's mind replaces the vote.
    app.post_form_as(&a, &format!("/ja/entries/{ENTRY}/feedback"), "vote=no").await;
    let counts = app.state.backend.db.counts(ENTRY).await.unwrap();
    assert_eq!((counts.helpful, counts.not_helpful), (0, 2));
}

#[tokio::test]
async fn a_refused_form_is_answered_at_once_with_the_message_and_what_was_typed() {
    let app = app().await;
    let browser = app.browser().await;
    let typed = "步骤 3 的命令 <b>报错</b></textarea><i>";
    let r = app.post_form_as(&browser, &format!("/zh/entries/{ENTRY}/feedback"), &format!("comment={}", enc(typed))).await;
    assert_eq!(r.status, 422, "answered in the same response");
    assert!(r.body.contains("请选择“有帮助”或“没帮助”"), "localized message");
    assert!(r.body.contains("步骤 3 的命令 &lt;b&gt;报错&lt;/b&gt;&lt;/textarea&gt;&lt;i&gt;</textarea>"), "typed text kept and escaped");
    assert!(r.body.contains(&format!("data-entry=\"{ENTRY}\"")), "the whole entry page");

    let long = "长".repeat(2001);
    let r = app.post_form_as(&browser, &format!("/ja/entries/{ENTRY}/feedback"), &format!("vote=no&comment={}", enc(&long))).await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("コメントが長すぎます"), "length message in Japanese");
    assert!(r.body.contains(long.as_str()), "the long comment is not lost");
    assert!(r.body.contains("value=\"no\" checked"), "the vote is kept");
    let counts = app.state.backend.db.counts(ENTRY).await.unwrap();
    assert_eq!(counts.helpful + counts.not_helpful, 0, "nothing stored");
}

#[tokio::test]
async fn thousands_of_refused_forms_leave_nothing_behind_on_the_server() {
    // Refused forms used to be kept in memory for the page after a redirect.
    let app = app().await;
    let browser = app.browser().await;
    for i in 0..200 {
        let r = app.post_form_as(&browser, &format!("/zh/entries/{ENTRY}/feedback"), &format!("comment={}", "x".repeat(1000 + i))).await;
        assert_eq!(r.status, 422);
        assert!(!r.header("location").contains("draft"), "no server-side draft");
    }
}

#[tokio::test]
async fn feedback_for_an_unknown_entry_is_not_stored() {
    let app = app().await;
    let browser = app.browser().await;
    let r = app.post_form_as(&browser, "/zh/entries/no-such-entry/feedback", "vote=yes").await;
    assert_eq!(r.status, 404);
    let counts = app.state.backend.db.counts("no-such-entry").await.unwrap();
    assert_eq!(counts.helpful, 0);
    let r = app.post_form_as(&browser, "/xx/entries/x/feedback", "vote=yes").await;
    assert_eq!(r.status, 404);
    // An id that could break a header is answered, not crashed on.
    let r = app.post_form_as(&browser, "/zh/entries/a%0D%0ASet-Cookie:%20x=1/feedback", "vote=yes").await;
    assert_eq!(r.status, 404, "{}", r.body);
    assert!(r.headers.get_all("set-cookie").iter().all(|c| !c.to_str().unwrap_or("").starts_with("x=")));
}

#[tokio::test]
async fn comments_are_kept_and_a_repeated_comment_is_stored_once() {
    let app = app().await;
    let browser = app.browser().await;
    for comment in ["第一条", "第一条", "第二条"] {
        app.post_form_as(&browser, &format!("/zh/entries/{ENTRY}/feedback"), &format!("vote=yes&comment={}", enc(comment))).await;
    }
    let comments = app.state.backend.db.comments(ENTRY).await.unwrap();
    let bodies: Vec<&str> = comments.iter().map(|c| c.body.as_str()).collect();
    assert_eq!(bodies, ["第一条", "第二条"]);
}

#[tokio::test]
async fn secrets_in_comments_are_masked_before_they_are_stored() {
    let app = app().await;
    let browser = app.browser().await;
    let comment = "用 AccessKeySecret=Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0 和 LTAI5tQ7xYz2AbCdEfGh9JkL 也不行";
    app.post_form_as(&browser, &format!("/zh/entries/{ENTRY}/feedback"), &format!("vote=no&comment={}", enc(comment))).await;
    let comments = app.state.backend.db.comments(ENTRY).await.unwrap();
    assert_eq!(comments[0].body, "用 AccessKeySecret=<SECRET> 和 <ACCESS_KEY_ID> 也不行");
}

#[tokio::test]
async fn the_hydrated_form_sends_through_the_server_function() {
    let app = app().await;
    let browser = app.browser().await;
    let headers = [("cookie", browser.cookie.as_str()), ("accept", "application/json"), ("origin", "http://127.0.0.1:3000"), ("host", "127.0.0.1:3000")];
    let r = app.post_form("/sfn/feedback", &format!("lang=id&id={ENTRY}&vote=yes&comment=ok"), &headers).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["error"], serde_json::Value::Null);
    let r = app.post_form("/sfn/feedback", &format!("lang=id&id={ENTRY}&comment=ok"), &headers).await;
    assert_eq!(r.json()["error"], "missing_vote");
    let counts = app.state.backend.db.counts(ENTRY).await.unwrap();
    assert_eq!(counts.helpful, 1);
}

#[tokio::test]
async fn writes_from_another_site_are_refused() {
    let app = app().await;
    let browser = app.browser().await;
    let form = format!("vote=yes&csrf={}", browser.token);
    let url = format!("/zh/entries/{ENTRY}/feedback");
    // A page elsewhere posting the form: the browser says so.
    for headers in [
        vec![("cookie", browser.cookie.as_str()), ("sec-fetch-site", "cross-site")],
        vec![("cookie", browser.cookie.as_str()), ("origin", "https://evil.example"), ("host", "127.0.0.1:3000")],
        vec![("cookie", browser.cookie.as_str()), ("sec-fetch-site", "same-site")],
    ] {
        let r = app.post_form(&url, &form, &headers).await;
        assert_eq!(r.status, 403, "{headers:?}");
        assert!(r.body.contains("不接受来自其他网站的提交"), "a localized page");
        assert!(r.header("content-security-policy").contains("frame-ancestors 'none'"));
    }
    // The server function from a foreign origin, or with no origin at all.
    let sfn = format!("lang=zh&id={ENTRY}&vote=yes");
    let r = app.post_form("/sfn/feedback", &sfn, &[("cookie", &browser.cookie), ("origin", "https://evil.example"), ("host", "127.0.0.1:3000")]).await;
    assert_eq!(r.status, 403);
    assert_eq!(r.json()["error"]["code"], "cross_site");
    let r = app.post_form("/sfn/feedback", &sfn, &[("cookie", &browser.cookie)]).await;
    assert_eq!(r.status, 403);
    // A wizard save from another site.
    let save = format!("step=result&kind=ack&vpc=192.168.0.0%2F16&clients=203.0.113.7&action=save&csrf={}", browser.token);
    let r = app.post_form("/zh/wizards/acl/submit", &save, &[("cookie", &browser.cookie), ("sec-fetch-site", "cross-site")]).await;
    assert_eq!(r.status, 403);
    assert_eq!(app.state.backend.db.counts(ENTRY).await.unwrap().helpful, 0, "nothing stored");
}

#[tokio::test]
async fn a_vote_needs_an_id_the_server_issued_and_the_pages_token() {
    let app = app().await;
    let browser = app.browser().await;
    let url = format!("/zh/entries/{ENTRY}/feedback");
    let same_site = ("sec-fetch-site", "same-origin");
    // No cookie at all: not a silent new voter, but a clear answer that keeps the text.
    let r = app.post_form(&url, &format!("vote=yes&comment={}&csrf={}", enc("第一次来"), browser.token), &[same_site]).await;
    assert_eq!(r.status, 403);
    assert!(r.body.contains("请再提交一次"), "{}", &r.body[..200.min(r.body.len())]);
    assert!(r.body.contains("第一次来"));
    assert!(r.set_cookie(app.state.http.client_cookie()).is_some(), "the answer gives the browser an id for the next try");
    // An id the client chose.
    let forged = format!("{}=0123456789abcdef0123456789abcdef", app.state.http.client_cookie());
    let r = app.post_form(&url, &format!("vote=yes&csrf={}", browser.token), &[("cookie", &forged), same_site]).await;
    assert_eq!(r.status, 403);
    // A real id without its page's token, or with another browser's token.
    let r = app.post_form(&url, "vote=yes", &browser.headers()).await;
    assert_eq!(r.status, 403);
    let other = app.browser().await;
    let r = app.post_form(&url, &format!("vote=yes&csrf={}", other.token), &browser.headers()).await;
    assert_eq!(r.status, 403);
    assert_eq!(app.state.backend.db.counts(ENTRY).await.unwrap().helpful, 0);
    // And with both, it counts.
    let r = app.post_form_as(&browser, &url, "vote=yes").await;
    assert_eq!(r.status, 303);
    assert_eq!(app.state.backend.db.counts(ENTRY).await.unwrap().helpful, 1);
}

#[tokio::test]
async fn writes_are_rate_limited_per_client_and_the_answer_keeps_the_text() {
    let app = app_with(|c| {
        c.rate_write_per_minute = 2;
        c.rate_write_burst = 2;
    })
    .await;
    let browser = app.browser().await;
    let url = format!("/id/entries/{ENTRY}/feedback");
    for _ in 0..2 {
        assert_eq!(app.post_form_as(&browser, &url, "vote=yes").await.status, 303);
    }
    let r = app.post_form_as(&browser, &url, &format!("vote=no&comment={}", enc("masih gagal"))).await;
    assert_eq!(r.status, 429);
    assert!(r.header("retry-after").parse::<u64>().unwrap() >= 1);
    assert!(r.body.contains("Terlalu banyak kiriman"), "localized");
    assert!(r.body.contains("masih gagal"), "what was typed is kept");
}

#[tokio::test]
async fn comments_have_a_daily_quota_per_browser() {
    let app = app_with(|c| c.comments_per_client_per_day = 2).await;
    let browser = app.browser().await;
    let url = format!("/ja/entries/{ENTRY}/feedback");
    for i in 0..2 {
        assert_eq!(app.post_form_as(&browser, &url, &format!("vote=yes&comment=c{i}")).await.status, 303);
    }
    let r = app.post_form_as(&browser, &url, "vote=yes&comment=third").await;
    assert_eq!(r.status, 429);
    assert!(r.body.contains("コメントの上限"));
    assert_eq!(app.state.backend.db.comments(ENTRY).await.unwrap().len(), 2);
}

#[tokio::test]
async fn oversized_bodies_are_refused_before_they_are_read() {
    let app = app().await;
    let body = format!("vote=yes&comment={}", "x".repeat(300 * 1024));
    let r = app.post_form(&format!("/zh/entries/{ENTRY}/feedback"), &body, &[]).await;
    assert_eq!(r.status, 413);
    assert!(r.body.contains("内容太长了"));
    assert!(r.header("content-security-policy").contains("default-src"), "security headers on the 413 page too");
    assert_eq!(r.header("x-frame-options"), "DENY");
}

#[tokio::test]
async fn a_new_browser_gets_a_signed_id_cookie_on_pages_only() {
    let app = app().await;
    let name = app.state.http.client_cookie();
    let r = app.get("/zh").await;
    let value = r.set_cookie(name).expect("cookie set");
    let (id, sig) = value.split_once('.').expect("id.signature");
    assert_eq!((id.len(), sig.len()), (32, 32));
    assert!(r.header("cache-control").contains("private"), "a page that sets a cookie is private");
    let r = app.get_with("/zh", &[("cookie", &format!("{name}={value}"))]).await;
    assert_eq!(r.set_cookie(name), None, "an established id is kept");
    for path in ["/pkg/ack-console.css", "/favicon.svg", "/healthz", "/api/search?q=x509", "/zh/opensearch.xml"] {
        let r = app.get(path).await;
        assert_eq!(r.set_cookie(name), None, "{path}: no cookie");
    }
}
