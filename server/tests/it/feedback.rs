use crate::support::{app, enc};

const ENTRY: &str = "collect-node-diagnostics";

fn cookie(cid: &str) -> String {
    format!("ack_cid={cid}")
}

#[tokio::test]
async fn a_vote_without_javascript_redirects_to_a_thank_you() {
    let app = app().await;
    let cid = "0123456789abcdef0123456789abcdef";
    let r = app.post_form(&format!("/zh/entries/{ENTRY}/feedback"), "vote=yes&comment=", &[("cookie", &cookie(cid))]).await;
    assert_eq!(r.status, 303);
    assert_eq!(r.header("location"), format!("/zh/entries/{ENTRY}?feedback=thanks#feedback"));
    let page = app.get(&format!("/zh/entries/{ENTRY}?feedback=thanks")).await;
    assert!(page.body.contains("感谢您的反馈"), "thank-you shown");
    let counts = app.state.backend.db.counts(ENTRY).await.unwrap();
    assert_eq!((counts.helpful, counts.not_helpful), (1, 0));
}

#[tokio::test]
async fn the_same_vote_twice_from_one_browser_counts_once() {
    let app = app().await;
    let a = cookie("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    let b = cookie("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
    for _ in 0..2 {
        app.post_form(&format!("/ja/entries/{ENTRY}/feedback"), "vote=yes", &[("cookie", &a)]).await;
    }
    app.post_form(&format!("/zh/entries/{ENTRY}/feedback"), "vote=no", &[("cookie", &b)]).await;
    let counts = app.state.backend.db.counts(ENTRY).await.unwrap();
    assert_eq!((counts.helpful, counts.not_helpful), (1, 1));
    // Changing one's mind replaces the vote.
    app.post_form(&format!("/ja/entries/{ENTRY}/feedback"), "vote=no", &[("cookie", &a)]).await;
    let counts = app.state.backend.db.counts(ENTRY).await.unwrap();
    assert_eq!((counts.helpful, counts.not_helpful), (0, 2));
}

#[tokio::test]
async fn a_refused_form_comes_back_with_the_message_and_what_was_typed() {
    let app = app().await;
    let cid = cookie("cccccccccccccccccccccccccccccccc");
    let typed = "步骤 3 的命令 <b>报错</b></textarea><i>";
    let r = app.post_form(&format!("/zh/entries/{ENTRY}/feedback"), &format!("comment={}", enc(typed)), &[("cookie", &cid)]).await;
    assert_eq!(r.status, 303);
    let location = r.header("location").to_owned();
    assert!(location.contains("?draft="), "{location}");
    let page = app.get(location.split('#').next().unwrap()).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("请选择“有帮助”或“没帮助”"), "localized message");
    assert!(page.body.contains("步骤 3 的命令 &lt;b&gt;报错&lt;/b&gt;&lt;/textarea&gt;&lt;i&gt;</textarea>"), "typed text kept and escaped");

    let long = "长".repeat(2001);
    let r = app.post_form(&format!("/ja/entries/{ENTRY}/feedback"), &format!("vote=no&comment={}", enc(&long)), &[("cookie", &cid)]).await;
    let page = app.get(r.header("location").split('#').next().unwrap()).await;
    assert!(page.body.contains("コメントが長すぎます"), "length message in Japanese");
    assert!(page.body.contains(long.as_str()), "the long comment is not lost");
    assert!(page.body.contains("value=\"no\" checked"), "the vote is kept");
    let counts = app.state.backend.db.counts(ENTRY).await.unwrap();
    assert_eq!(counts.helpful + counts.not_helpful, 0, "nothing stored");
}

#[tokio::test]
async fn feedback_for_an_unknown_entry_is_not_stored() {
    let app = app().await;
    let r = app.post_form("/zh/entries/no-such-entry/feedback", "vote=yes", &[]).await;
    assert_eq!(r.status, 303);
    let counts = app.state.backend.db.counts("no-such-entry").await.unwrap();
    assert_eq!(counts.helpful, 0);
    let r = app.post_form("/xx/entries/x/feedback", "vote=yes", &[]).await;
    assert!(r.status.is_redirection());
}

#[tokio::test]
async fn comments_are_kept_and_a_repeated_comment_is_stored_once() {
    let app = app().await;
    let cid = cookie("dddddddddddddddddddddddddddddddd");
    for comment in ["第一条", "第一条", "第二条"] {
        app.post_form(&format!("/zh/entries/{ENTRY}/feedback"), &format!("vote=yes&comment={}", enc(comment)), &[("cookie", &cid)]).await;
    }
    let comments = app.state.backend.db.comments(ENTRY).await.unwrap();
    let bodies: Vec<&str> = comments.iter().map(|c| c.body.as_str()).collect();
    assert_eq!(bodies, ["第一条", "第二条"]);
}

#[tokio::test]
async fn the_hydrated_form_sends_through_the_server_function() {
    let app = app().await;
    let cid = cookie("eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee");
    let r = app
        .post_form("/sfn/feedback", &format!("lang=id&id={ENTRY}&vote=yes&comment=ok"), &[("cookie", &cid), ("accept", "application/json")])
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["error"], serde_json::Value::Null);
    let r = app
        .post_form("/sfn/feedback", &format!("lang=id&id={ENTRY}&comment=ok"), &[("cookie", &cid), ("accept", "application/json")])
        .await;
    assert_eq!(r.json()["error"], "missing_vote");
    let counts = app.state.backend.db.counts(ENTRY).await.unwrap();
    assert_eq!(counts.helpful, 1);
}

#[tokio::test]
async fn oversized_bodies_are_refused_before_they_are_read() {
    let app = app().await;
    let body = format!("vote=yes&comment={}", "x".repeat(70 * 1024));
    let r = app.post_form(&format!("/zh/entries/{ENTRY}/feedback"), &body, &[]).await;
    assert_eq!(r.status, 413);
}

#[tokio::test]
async fn a_new_browser_gets_an_anonymous_id_cookie() {
    let app = app().await;
    let r = app.get("/zh").await;
    let id = r.set_cookie("ack_cid").expect("cookie set");
    assert_eq!(id.len(), 32);
    let r = app.get_with("/zh", &[("cookie", &format!("ack_cid={id}"))]).await;
    assert_eq!(r.set_cookie("ack_cid"), None);
}
