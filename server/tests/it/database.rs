//! The same storage scenarios against SQLite and against a real PostgreSQL.

use crate::support::postgres;
use server::db::{Db, VoteRow};

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
    // Unanswered searches are counted per query and locale.
    db.record_unanswered("没有答案的问题", "zh").await.unwrap();
    db.record_unanswered("没有答案的问题", "zh").await.unwrap();
    db.record_unanswered("没有答案的问题", "ja").await.unwrap();
    let mut rows = db.unanswered(10).await.unwrap();
    rows.sort();
    assert_eq!(rows, [("没有答案的问题".to_owned(), "ja".to_owned(), 1), ("没有答案的问题".to_owned(), "zh".to_owned(), 2)]);
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
    let url = server::db::sqlite_url(dir.path());
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
    let r = app
        .post_form("/zh/entries/collect-node-diagnostics/feedback", "vote=yes", &[("cookie", "ack_cid=ffffffffffffffffffffffffffffffff")])
        .await;
    assert_eq!(r.status, 303);
    assert_eq!(app.state.backend.db.counts("collect-node-diagnostics").await.unwrap().helpful, 1);
    // A finished wizard run saved through the form, read back in another locale.
    let body = "step=result&kind=ack&vpc=192.168.0.0%2F16&clients=203.0.113.7&action=save";
    let r = app.post_form("/zh/wizards/acl/submit", body, &[("cookie", "ack_cid=ffffffffffffffffffffffffffffffff")]).await;
    assert_eq!(r.status, 303);
    let run = r.header("location").replace("/zh/", "/ja/");
    let page = app.get(&run).await;
    assert_eq!(page.status, 200, "{run}");
    assert!(page.body.contains("192.168.0.0/16") && page.body.contains("100.104.0.0/16"));
    app.state.backend.db.close().await;
}
