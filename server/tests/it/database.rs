//! The same storage scenarios against SQLite and against a real PostgreSQL.

use crate::support::postgres;
use server::db::{ArrivalRow, ClickRow, Db, SearchRow, ViewRow, VoteRow};

fn vote(entry: &str, client: &str, helpful: bool) -> VoteRow {
    VoteRow { entry_id: entry.into(), client_id: client.into(), lang: "zh".into(), helpful }
}

async fn scenarios(db: &Db) {
    // One vote per browser and entry; a new vote replaces the old one.
    db.record_vote(&vote("e1", "c1", true), None).await.unwrap();
    db.record_vote(&vote("e1", "c1", true), None).await.unwrap();
    db.record_vote(&vote("e1", "c2", false), Some("没解决")).await.unwrap();
    let c = db.counts("e1").await.unwrap();
    assert_eq!((c.helpful, c.not_helpful), (1, 1));
    db.record_vote(&vote("e1", "c2", true), Some("后来解决了")).await.unwrap();
    let c = db.counts("e1").await.unwrap();
    assert_eq!((c.helpful, c.not_helpful), (2, 0));
    // Comments are appended and de-duplicated per browser.
    db.record_vote(&vote("e1", "c2", true), Some("后来解决了")).await.unwrap();
    let long = "評".repeat(2000);
    db.record_vote(&vote("e1", "c3", false), Some(&long)).await.unwrap();
    let comments = db.comments("e1").await.unwrap();
    let bodies: Vec<String> = comments.iter().map(|c| if c.body == long { "<long>".into() } else { c.body.clone() }).collect();
    assert_eq!(bodies, ["没解决", "后来解决了", "<long>"], "kept in order, the long one whole");
    assert!(!comments[0].helpful && comments[1].helpful);
    // Other entries are unaffected, and an entry without votes counts zero.
    let c = db.counts("e2").await.unwrap();
    assert_eq!((c.helpful, c.not_helpful), (0, 0));
    // Searches, clicks and views roll up by day; the dashboard reads the rollups.
    let now = server::db::unix_now();
    let today = server::db::day_of(now);
    let search = |id: &str, lang: &str, source: &'static str, query: &str, results| SearchRow {
        id: id.into(),
        at: now,
        lang: lang.into(),
        source,
        query: query.into(),
        norm: server::querynorm::normalize(query),
        results,
        top_entry: (results > 0).then(|| "kubectl-timeout".to_owned()),
    };
    db.record_events(
        &[
            search("s1", "zh", "page", "没有答案的问题", 0),
            search("s2", "zh", "page", "没有答案的问题！", 0),
            search("s3", "ja", "page", "没有答案的问题", 0),
            search("s4", "ja", "page", "kubectl timeout", 5),
            search("s5", "ja", "suggest", "kub", 3),
        ],
        &[],
        &[ViewRow { lang: "ja".into(), entry_id: "kubectl-timeout".into(), at: now }],
    )
    .await
    .unwrap();
    let click = |id: &str, position| ClickRow { search_id: id.into(), position, target: "/ja/entries/kubectl-timeout".into(), at: now };
    // A second click on the same search, a repeated click, and a click on nothing recorded.
    db.record_events(&[], &[click("s4", 2), click("s4", 2), click("s4", 1), click("nosuch", 1)], &[]).await.unwrap();
    let days = db.search_days(today - 1, today, None).await.unwrap();
    let page: Vec<_> = days.iter().filter(|(_, source, _)| source == "page").map(|(_, _, t)| *t).collect();
    assert_eq!(page.len(), 1);
    assert_eq!((page[0].searches, page[0].zero_results, page[0].clicked, page[0].click_pos_sum), (4, 3, 1, 2), "the first click counts the search");
    assert!(days.iter().any(|(_, source, t)| source == "suggest" && t.searches == 1));
    let top = db.top_queries(today, today, None, false, 10).await.unwrap();
    assert_eq!((top[0].sample.as_str(), top[0].searches, top[0].zero_results), ("没有答案的问题", 3, 3), "near-duplicates together: {top:?}");
    assert!(top.iter().all(|q| q.sample != "kub"), "suggestions are not queries");
    let zero_ja = db.top_queries(today, today, Some("ja"), true, 10).await.unwrap();
    assert_eq!(zero_ja.len(), 1);
    assert_eq!(zero_ja[0].searches, 1);
    let entries = db.top_entries(today, today, None, 10).await.unwrap();
    assert_eq!((entries[0].entry_id.as_str(), entries[0].views, entries[0].clicks), ("kubectl-timeout", 1, 2));
    // Arrivals through /go links add up per day, locale, source and target.
    let arrival = |lang: &str, source: &str, target: &str| ArrivalRow { lang: lang.into(), source: source.into(), target: target.into(), at: now };
    db.record_arrivals(&[arrival("ja", "console-x", "kubectl-timeout"), arrival("ja", "console-x", "kubectl-timeout"), arrival("zh", "", "")]).await.unwrap();
    db.record_arrivals(&[arrival("zh", "console-x", "kubectl-timeout")]).await.unwrap();
    let arrivals: Vec<_> = db.arrivals(today, today, None).await.unwrap().into_iter().map(|a| (a.source, a.target, a.arrivals)).collect();
    assert_eq!(arrivals, [("console-x".to_owned(), "kubectl-timeout".to_owned(), 3), (String::new(), String::new(), 1)]);
    assert_eq!(db.arrivals(today, today, Some("zh")).await.unwrap().len(), 2);
    let gaps = db.gaps("open", 10).await.unwrap();
    assert_eq!(gaps[0].langs, ["zh", "ja"], "in the catalog's order");
    assert_eq!((gaps[0].searches, gaps[0].zero_results), (3, 3));
    let typed = db.gap_queries(&gaps[0].norm_hash, 10).await.unwrap();
    assert_eq!(typed.len(), 3, "{typed:?}");
    assert_eq!(db.purge_analytics(today + 1).await.unwrap(), 5);
    assert!(db.top_queries(today, today, None, false, 10).await.unwrap().is_empty());
    // Wizard runs are kept as typed and found by their id.
    let inputs = r#"{"kind":"edge","vpc":"10.0.0.0/8\n172.16.0.0/12"}"#;
    let id = db.save_wizard_run("acl", "ja", inputs, "c1").await.unwrap();
    assert_eq!(id.len(), 20);
    let other = db.save_wizard_run("acl", "ja", inputs, "c1").await.unwrap();
    assert_ne!(id, other, "every run has its own id");
    let row = db.wizard_run(&id).await.unwrap().expect("saved run");
    assert_eq!((row.wizard.as_str(), row.lang.as_str(), row.inputs.as_str()), ("acl", "ja", inputs));
    assert!(row.created_at > 1_700_000_000);
    assert!(db.wizard_run("0000000000").await.unwrap().is_none());
    assert!(db.ping().await);
}

#[tokio::test]
async fn sqlite_keeps_votes_and_comments() {
    let dir = tempfile::tempdir().unwrap();
    let url = server::config::sqlite_url(dir.path());
    let db = Db::connect(&url).await.unwrap();
    assert_eq!(db.backend(), "sqlite");
    scenarios(&db).await;
    db.close().await;
    // Reopening runs the migrations again without harm, and nothing was lost.
    let db = Db::connect(&url).await.unwrap();
    assert_eq!(db.counts("e1").await.unwrap().helpful, 2);
}

#[tokio::test]
async fn postgres_keeps_votes_and_comments() {
    let Some(pg) = postgres::start() else { return };
    let db = Db::connect(&pg.url).await.unwrap();
    assert_eq!(db.backend(), "postgres");
    scenarios(&db).await;
    db.close().await;
    let db = Db::connect(&pg.url).await.unwrap();
    assert_eq!(db.counts("e1").await.unwrap().helpful, 2);
    db.close().await;

    // The whole app on PostgreSQL: a vote through the form lands in the database.
    let app = crate::support::app_with_database(Some(pg.url.clone())).await;
    let r = app.get("/readyz").await;
    assert_eq!(r.json()["database"], "postgres");
    let browser = app.browser().await;
    let r = app.post_form_as(&browser, "/zh/entries/collect-node-diagnostics/feedback", "vote=yes").await;
    assert_eq!(r.status, 303);
    assert_eq!(app.state.backend.db.counts("collect-node-diagnostics").await.unwrap().helpful, 1);
    // A finished wizard run saved through the form, read back in another locale.
    let body = "step=result&kind=ack&vpc=192.168.0.0%2F16&clients=203.0.113.7&action=save";
    let r = app.post_form_as(&browser, "/zh/wizards/acl/submit", body).await;
    assert_eq!(r.status, 303);
    let run = r.header("location").replace("/zh/", "/ja/");
    let page = app.get(&run).await;
    assert_eq!(page.status, 200, "{run}");
    assert!(page.body.contains("192.168.0.0/16") && page.body.contains("100.104.0.0/16"));
    app.state.backend.db.close().await;
}

/// Waits until the app's database watcher sees the database as `up`.
async fn until_database(app: &crate::support::TestApp, up: bool) {
    for _ in 0..100 {
        if app.state.backend.db.check().await == up {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the database never became {}", if up { "reachable" } else { "unreachable" });
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reading_survives_a_database_outage_and_writing_comes_back_by_itself() {
    let Some(pg) = postgres::start() else { return };
    let app = crate::support::app_with_database(Some(pg.url.clone())).await;
    let browser = app.browser().await;
    // A run saved while all is well, to read back later.
    let save = "step=result&kind=ack&vpc=192.168.0.0%2F16&clients=203.0.113.7&action=save";
    let saved = app.post_form_as(&browser, "/zh/wizards/acl/submit", save).await;
    assert_eq!(saved.status, 303);
    let run = saved.header("location").to_owned();

    if !pg.stop() {
        return;
    }
    until_database(&app, false).await;
    // Reading: search, entries, wizards and Markdown export all work.
    let r = app.get("/zh/search?q=x509").await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains("apiserver-loopback-cert-expired"));
    assert_eq!(app.get("/ja/entries/collect-node-diagnostics").await.status, 200);
    assert_eq!(app.get("/id/wizards/acl?step=networks&kind=ack").await.status, 200);
    let export = save.replace("action=save", "action=export");
    let md = app.post_form_as(&browser, "/ja/wizards/acl/submit", &export).await;
    assert_eq!(md.status, 200);
    assert!(md.header("content-type").starts_with("text/markdown"));
    assert!(md.body.contains("100.104.0.0/16"));
    assert_eq!(app.get("/api/search?q=kubelet").await.status, 200);
    // Readiness says degraded, and stays in rotation.
    let ready = app.get("/readyz").await;
    assert_eq!(ready.status, 200);
    assert_eq!(ready.json()["status"], "degraded");
    // Writing: a localized "try again" that keeps what was typed.
    let vote = app.post_form_as(&browser, "/zh/entries/collect-node-diagnostics/feedback", "vote=no&comment=%E7%AD%89%E4%BC%9A%E5%84%BF").await;
    assert_eq!(vote.status, 503);
    assert!(vote.body.contains("反馈暂时无法保存") && vote.body.contains("等会儿"), "localized, text kept");
    let again = app.post_form_as(&browser, "/zh/wizards/acl/submit", save).await;
    assert_eq!(again.status, 503);
    assert!(again.body.contains("结果暂时无法保存") && again.body.contains("203.0.113.7"), "localized, inputs kept");
    // A saved run can't be read now: a 503 page, not a 404.
    assert_eq!(app.get(&run).await.status, 503);
    // Searches without an answer are dropped and counted, never block.
    let before = app.state.backend.metrics.analytics_dropped_total();
    app.get("/zh/search?q=qqqqzzzzxxxx").await;
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    assert!(app.state.backend.metrics.analytics_dropped_total() > before, "the dropped event is counted");

    pg.start();
    until_database(&app, true).await;
    let vote = app.post_form_as(&browser, "/zh/entries/collect-node-diagnostics/feedback", "vote=yes").await;
    assert_eq!(vote.status, 303, "writes work again without a restart");
    assert_eq!(app.get(&run).await.status, 200);
    assert_eq!(app.get("/readyz").await.json()["status"], "ready");
    app.state.backend.db.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_console_starts_without_its_database_and_writes_once_it_arrives() {
    let Some(pg) = postgres::start() else { return };
    if !pg.stop() {
        return;
    }
    let app = crate::support::app_with_database(Some(pg.url.clone())).await;
    assert_eq!(app.get("/zh/search?q=x509").await.status, 200, "serving reads at once");
    assert_eq!(app.get("/readyz").await.json()["status"], "degraded");
    // Without the database there is no key to sign client ids with, so no votes yet.
    let r = app.post_form("/zh/entries/collect-node-diagnostics/feedback", "vote=yes", &[("sec-fetch-site", "same-origin")]).await;
    assert!(r.status == 403 || r.status == 503, "{}", r.status);
    pg.start();
    until_database(&app, true).await;
    let browser = app.browser().await;
    let r = app.post_form_as(&browser, "/zh/entries/collect-node-diagnostics/feedback", "vote=yes").await;
    assert_eq!(r.status, 303, "{}", &r.body[..300.min(r.body.len())]);
    assert_eq!(app.state.backend.db.counts("collect-node-diagnostics").await.unwrap().helpful, 1);
    app.state.backend.db.close().await;
}

/// A comment is counted against the daily quota before it is stored, so its transaction
/// reads and then writes. On SQLite that read must not go stale while the analytics
/// writer commits next to it, or SQLite refuses the write at once (SQLITE_BUSY_SNAPSHOT)
/// and the reader's comment is answered with "try again".
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn comments_are_stored_while_analytics_are_written_next_to_them() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::connect(&server::config::sqlite_url(dir.path())).await.unwrap();
    use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
    let stop = std::sync::Arc::new(AtomicBool::new(false));
    let batches = std::sync::Arc::new(AtomicU64::new(0));
    let writer = {
        let (db, stop, batches) = (db.clone(), stop.clone(), batches.clone());
        tokio::spawn(async move {
            while !stop.load(Ordering::Relaxed) {
                let n = batches.load(Ordering::Relaxed);
                let view = ViewRow { lang: "zh".into(), entry_id: format!("e{}", n % 7), at: server::db::unix_now() };
                db.record_events(&[], &[], &[view]).await.unwrap();
                batches.fetch_add(1, Ordering::Relaxed);
            }
        })
    };
    // Comments go on until the writer has committed many times alongside them, however
    // the two threads happen to be scheduled.
    let mut refused = Vec::new();
    let mut sent = 0;
    while (sent < 300 || batches.load(Ordering::Relaxed) < 100) && sent < 20_000 {
        let comment = format!("第 {sent} 条");
        if let Err(e) = db.record_vote(&vote("e1", &format!("c{sent}"), sent % 2 == 0), Some(&comment)).await {
            refused.push(format!("{sent}: {e:?}"));
        }
        sent += 1;
        tokio::task::yield_now().await;
    }
    stop.store(true, Ordering::Relaxed);
    writer.await.unwrap();
    assert!(batches.load(Ordering::Relaxed) >= 100, "the analytics writer ran alongside");
    assert!(refused.is_empty(), "{} of {sent} refused: {:?}", refused.len(), &refused[..refused.len().min(5)]);
    assert_eq!(db.comments("e1").await.unwrap().len(), sent);
}
