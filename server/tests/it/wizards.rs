//! The wizards over HTTP: the step forms without JavaScript, prefilled links, saved runs
//! and their Markdown, the JSON API, and the wizards' place in search and in entries.

use crate::support::{app, enc};
use serde_json::{json, Value};

const CLIENT: (&str, &str) = ("cookie", "ack_cid=0123456789abcdef0123456789abcdef");

fn location_query(location: &str) -> Vec<(String, String)> {
    let query = location.split_once('?').map_or("", |(_, q)| q);
    form_urlencoded::parse(query.as_bytes()).into_owned().collect()
}

fn param<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

#[tokio::test]
async fn the_wizard_form_is_checked_as_typed_by_the_server_in_the_readers_language() {
    let app = app().await;
    let call = |step: &str, inputs: Value| json!({ "lang": "ja", "wizard": "acl", "step": step, "check": false, "inputs": inputs });
    let r = app.post_json_same_site("/sfn/wizard-live", &call("networks", json!({ "kind": "edge", "vpc": "10.0.0.0/33" }))).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let live: Value = serde_json::from_str(&r.body).unwrap();
    let field = |name: &str| live["fields"].as_array().unwrap().iter().find(|f| f["name"] == name).cloned().unwrap();
    let vpc = field("vpc");
    assert_eq!(vpc["messages"][0][0], "error", "{vpc}");
    assert!(vpc["messages"][0][1].as_str().unwrap().contains("10.0.0.0/33"), "{vpc}");
    assert!(!vpc["messages"][0][1].as_str().unwrap().is_ascii(), "in Japanese: {vpc}");
    assert_eq!(field("edge_egress")["shown"], true, "ACK Edge asks for the edge nodes");
    assert_eq!(field("lingjun_vpd")["shown"], false);
    // Empty required fields are flagged only once the step was submitted.
    assert!(field("clients")["messages"].as_array().unwrap().is_empty());
    assert_eq!(live["outcome"], Value::Null);

    // On the result page the verdict and the plan come back, rendered.
    let inputs = json!({ "kind": "ack", "vpc": "192.168.0.0/16", "clients": "203.0.113.7" });
    let r = app.post_json_same_site("/sfn/wizard-live", &call("result", inputs)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let live: Value = serde_json::from_str(&r.body).unwrap();
    let outcome = live["outcome"].as_str().unwrap();
    assert!(outcome.contains("class=\"verdict") && outcome.contains("100.104.0.0/16"), "{outcome}");

    // A call naming no wizard is refused as the caller's mistake, without internals.
    let r = app.post_json_same_site("/sfn/wizard-live", &json!({ "lang": "ja", "wizard": "nope", "step": "x", "check": false, "inputs": {} })).await;
    assert_eq!(r.status, 400, "{}", r.body);
    let r = app.post_json_same_site("/sfn/wizard-live", &json!({ "lang": "xx" })).await;
    assert_eq!(r.status, 400, "{}", r.body);
}

#[tokio::test]
async fn every_wizard_has_an_index_entry_and_a_first_step_that_works_without_javascript() {
    let app = app().await;
    let index = app.get("/id/wizards").await;
    assert_eq!(index.status, 200);
    let home = app.get("/id").await;
    for name in ["runtime-migration", "diagnostics", "acl"] {
        assert!(index.body.contains(&format!("href=\"/id/wizards/{name}\"")), "{name} listed");
        assert!(home.body.contains(&format!("href=\"/id/wizards/{name}\"")), "{name} offered on the home page");
        for lang in ["zh", "zh-TW", "id", "ja"] {
            let page = app.get(&format!("/{lang}/wizards/{name}")).await;
            assert_eq!(page.status, 200, "{lang} {name}");
            assert!(page.body.contains(&format!("action=\"/{lang}/wizards/{name}/submit\"")), "{lang} {name}: a real form");
            assert!(page.body.contains("method=\"post\""));
            assert!(page.body.contains("aria-current=\"step\""));
        }
    }
    assert_eq!(app.get("/zh/wizards/no-such-wizard").await.status, 404);
}

#[tokio::test]
async fn a_prefilled_link_opens_the_wizard_with_its_inputs() {
    let app = app().await;
    let page = app.get("/ja/wizards/acl?kind=edge&vpc=192.168.0.0/16&step=networks").await;
    assert_eq!(page.status, 200, "{}", page.body.chars().take(600).collect::<String>());
    assert!(page.body.contains("192.168.0.0/16"), "the VPC CIDR is in its field");
    assert!(page.body.contains("type=\"hidden\" name=\"kind\" value=\"edge\""), "the first step's choice travels along");
    // The Edge-only field is shown for an Edge cluster.
    let edge_field = page.body.split("data-field=\"edge_egress\"").nth(1).expect("edge field");
    assert!(!edge_field[..40].contains("hidden"), "{}", &edge_field[..40]);
    let not_edge = app.get("/ja/wizards/acl?kind=ack&step=networks").await;
    let field = not_edge.body.split("data-field=\"edge_egress\"").nth(1).expect("edge field");
    assert!(field[..40].contains("hidden"), "not asked for a managed cluster");
}

#[tokio::test]
async fn a_bad_step_comes_back_with_what_was_typed_and_a_localized_message() {
    let app = app().await;
    let body = format!("step=networks&kind=ack&vpc={}&clients={}&action=next", enc("10.0.0.0/33"), enc("not-an-ip"));
    let r = app.post_form("/zh-TW/wizards/acl/submit", &body, &[CLIENT]).await;
    assert_eq!(r.status, 303);
    let location = r.header("location");
    let q = location_query(location);
    assert_eq!(param(&q, "step"), Some("networks"));
    assert_eq!(param(&q, "check"), Some("1"));
    assert_eq!(param(&q, "vpc"), Some("10.0.0.0/33"), "nothing typed is lost");
    let page = app.get(location).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("aria-invalid=\"true\""));
    assert!(page.body.contains("請先修正下方標示的內容"), "the step says what is wrong, in zh-TW");
    assert!(page.body.contains("10.0.0.0/33") && page.body.contains("not-an-ip"));
    assert!(page.body.contains("class=\"error\""));
}

#[tokio::test]
async fn back_and_next_keep_every_input() {
    let app = app().await;
    let body = "step=networks&kind=lingjun&vpc=10.0.0.0%2F8&clients=&action=back";
    let r = app.post_form("/id/wizards/acl/submit", body, &[CLIENT]).await;
    let q = location_query(r.header("location"));
    assert_eq!(param(&q, "step"), Some("cluster"));
    assert_eq!(param(&q, "kind"), Some("lingjun"));
    assert_eq!(param(&q, "vpc"), Some("10.0.0.0/8"), "typed on the step left by Back");
    assert_eq!(param(&q, "check"), None, "going back flags nothing");
    let r = app.post_form("/id/wizards/acl/submit", "step=cluster&kind=ack&action=next", &[CLIENT]).await;
    assert_eq!(param(&location_query(r.header("location")), "step"), Some("networks"));
}

#[tokio::test]
async fn a_finished_run_is_saved_and_reads_in_every_locale_and_as_markdown() {
    let app = app().await;
    let body = format!(
        "step=audit&kind=ack&vpc={}&clients={}&current={}&action=next",
        enc("192.168.0.0/16"),
        enc("203.0.113.7"),
        enc("192.168.0.0/16")
    );
    let r = app.post_form("/zh/wizards/acl/submit", &body, &[CLIENT]).await;
    let result = r.header("location");
    assert_eq!(param(&location_query(result), "step"), Some("result"));
    let page = app.get(result).await;
    assert!(page.body.contains("class=\"verdict"), "a verdict");
    assert!(page.body.contains("100.104.0.0/16"), "the control plane range is always in the plan");
    let save = body.replace("step=audit", "step=result").replace("action=next", "action=save");
    let browser = app.browser().await;
    let r = app.post_form_as(&browser, "/zh/wizards/acl/submit", &save).await;
    assert_eq!(r.status, 303);
    let permalink = r.header("location");
    assert!(permalink.starts_with("/zh/wizards/acl/runs/"), "{permalink}");
    let run = permalink.rsplit('/').next().unwrap().to_owned();
    for (lang, heading) in [("zh", "已保存的结果"), ("zh-TW", "已儲存的結果"), ("id", "Hasil tersimpan"), ("ja", "保存された結果")] {
        let page = app.get(&format!("/{lang}/wizards/acl/runs/{run}")).await;
        assert_eq!(page.status, 200, "{lang}");
        assert!(page.body.contains(heading), "{lang}");
        assert!(page.body.contains("203.0.113.7") && page.body.contains("100.104.0.0/16"), "{lang}: inputs and plan");
        assert!(page.body.contains(&format!("/{lang}/wizards/acl/runs/{run}/markdown")), "{lang}: export link");
    }
    let md = app.get(&format!("/ja/wizards/acl/runs/{run}/markdown")).await;
    assert_eq!(md.status, 200);
    assert!(md.header("content-type").starts_with("text/markdown"));
    assert!(md.header("content-disposition").contains(&format!("acl-{run}.md")));
    assert!(md.body.starts_with("# 保存された結果："), "{}", &md.body[..80]);
    assert!(md.body.contains("100.104.0.0/16") && md.body.contains(&format!("/ja/wizards/acl/runs/{run}>")));
    // Unknown runs, runs of another wizard, and ids that are not ids are not found.
    assert_eq!(app.get("/zh/wizards/acl/runs/00000000000000000000").await.status, 404);
    assert_eq!(app.get(&format!("/zh/wizards/diagnostics/runs/{run}")).await.status, 404);
    assert_eq!(app.get("/zh/wizards/acl/runs/%3Cscript%3E/markdown").await.status, 404);
}

#[tokio::test]
async fn an_incomplete_run_is_not_saved() {
    let app = app().await;
    let browser = app.browser().await;
    let r = app.post_form_as(&browser, "/zh/wizards/acl/submit", "step=result&kind=ack&action=save").await;
    let q = location_query(r.header("location"));
    assert_eq!(param(&q, "step"), Some("networks"), "sent to the step that is missing");
    assert_eq!(param(&q, "check"), Some("1"));
}

#[tokio::test]
async fn the_json_api_evaluates_inputs_with_the_same_rules() {
    let app = app().await;
    let r = app
        .post_json("/api/wizards/acl?lang=ja", &json!({"kind": "ack", "vpc": ["192.168.0.0/16", "172.16.0.0/12"], "clients": "203.0.113.7", "extra": 1}))
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let j = r.json();
    assert_eq!(j["wizard"], "acl");
    assert_eq!(j["lang"], "ja");
    assert_eq!(j["complete"], true);
    assert_eq!(j["inputs"]["vpc"], "192.168.0.0/16\n172.16.0.0/12", "an array is one value per line");
    assert_eq!(j["ignored"], json!(["extra"]));
    assert!(j["verdict"]["headline"].as_str().is_some_and(|h| !h.is_empty()));
    assert!(j["sections"].as_array().is_some_and(|s| !s.is_empty()));
    assert!(j.to_string().contains("100.104.0.0/16"));

    let r = app.post_json("/api/wizards/acl?lang=zh", &json!({"kind": "ack", "vpc": "10.0.0.0/33"})).await;
    let j = r.json();
    assert_eq!(j["complete"], false);
    assert!(j["verdict"].is_null());
    let messages = j["messages"].as_array().unwrap();
    assert!(messages.iter().any(|m| m["field"] == "vpc" && m["severity"] == "error"), "{messages:?}");
    assert!(messages.iter().any(|m| m["field"] == "clients" && m["missing"] == true), "{messages:?}");
}

#[tokio::test]
async fn the_json_api_answers_every_wizard() {
    let app = app().await;
    let cases: [(&str, Value, &str); 3] = [
        ("runtime-migration", json!({"current_version": "1.22", "target_version": "1.24", "pools": "default-pool docker"}), "blocked"),
        ("diagnostics", json!({"cluster_type": "dedicated", "role": "worker", "os": "windows", "region": "cn-beijing"}), ""),
        ("acl", json!({"kind": "edge", "vpc": "10.0.0.0/8", "clients": "198.51.100.0/24", "edge_egress": "203.0.113.0/24"}), ""),
    ];
    for (name, body, level) in cases {
        let j = app.post_json(&format!("/api/wizards/{name}?lang=id"), &body).await.json();
        assert_eq!(j["complete"], true, "{name}: {j}");
        if !level.is_empty() {
            assert_eq!(j["verdict"]["level"], level, "{name}");
        }
    }
    let diag = app.post_json("/api/wizards/diagnostics", &json!({"cluster_type": "dedicated", "role": "worker", "os": "windows", "region": "cn-beijing"})).await;
    assert!(diag.body.contains("cn-beijing") && diag.body.contains("powershell"), "the region is in the Windows command");
}

#[tokio::test]
async fn the_json_api_refuses_bad_requests_with_clear_errors() {
    let app = app().await;
    let cases: [(&str, &str, u16, &str); 6] = [
        ("/api/wizards/acl", "not json", 400, "invalid_json"),
        ("/api/wizards/acl", "[1, 2]", 400, "not_an_object"),
        ("/api/wizards/acl", r#"{"vpc": {"a": 1}}"#, 400, "invalid_value"),
        ("/api/wizards/acl", r#"{"vpc": [[1]]}"#, 400, "invalid_value"),
        ("/api/wizards/acl?lang=xx", "{}", 400, "unknown_locale"),
        ("/api/wizards/nope", "{}", 404, "not_found"),
    ];
    for (uri, body, status, code) in cases {
        let r = app.post_raw(uri, "application/json", body).await;
        assert_eq!(r.status, status, "{uri} {body}");
        assert_eq!(r.json()["error"]["code"], code, "{uri} {body}");
    }
    // Empty object: a report of missing fields, not an error.
    let r = app.post_raw("/api/wizards/diagnostics", "application/json", "{}").await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["complete"], false);
}

#[tokio::test]
async fn wizards_are_search_results_and_entries_link_to_them() {
    let app = app().await;
    for (lang, q, wizard) in [
        ("zh", "docker containerd 迁移", "runtime-migration"),
        ("zh", "apiserver 白名单", "acl"),
        ("ja", "診断情報の収集 スクリプト", "diagnostics"),
        ("id", "migrasi docker ke containerd", "runtime-migration"),
    ] {
        let j = app.get(&format!("/api/search?q={}&lang={lang}", enc(q))).await.json();
        let top: Vec<(&str, &str)> = j["results"].as_array().unwrap().iter().take(3).map(|h| (h["id"].as_str().unwrap(), h["kind"].as_str().unwrap())).collect();
        assert!(top.contains(&(wizard, "wizard")), "{lang} {q}: {top:?}");
        let hit = j["results"].as_array().unwrap().iter().find(|h| h["id"] == wizard).unwrap();
        assert_eq!(hit["url"], format!("/{lang}/wizards/{wizard}"));
    }
    let page = app.get("/zh/entries/apiserver-slb-acl-cidrs").await;
    assert!(page.body.contains("href=\"/zh/wizards/acl\""), "the entry links to its wizard");
    let wizard = app.get("/zh/wizards/acl").await;
    assert!(wizard.body.contains("href=\"/zh/entries/apiserver-slb-acl-cidrs\""), "and the wizard back to the entry");
}

/// The whole plan of one typical run per wizard, as Markdown, kept as a snapshot: a
/// change to any rule's wording or commands shows up in review.
#[test]
fn typical_runs_render_as_markdown() {
    use app::locale::Locale;
    use app::wizard::{export::to_markdown, Inputs, WizardId};
    let nodes = "NAME                      STATUS   ROLES    AGE   VERSION            INTERNAL-IP    EXTERNAL-IP   OS-IMAGE                          KERNEL-VERSION           CONTAINER-RUNTIME   NODEPOOL-ID\n\
cn-hangzhou.192.168.0.41  Ready    <none>   90d   v1.22.15-aliyun.1  192.168.0.41   <none>        Alibaba Cloud Linux 3.2104 U8     5.10.134-15.al8.x86_64   docker://19.3.15    np1f2e3d4c5b6a\n\
cn-hangzhou.192.168.0.42  Ready    <none>   12d   v1.22.15-aliyun.1  192.168.0.42   <none>        Alibaba Cloud Linux 3.2104 U8     5.10.134-15.al8.x86_64   containerd://1.6.20 np9a8b7c6d5e4f";
    let runs: [(&str, WizardId, Locale, Vec<(&str, &str)>); 4] = [
        ("runtime_zh", WizardId::RuntimeMigration, Locale::Zh, vec![("current_version", "1.22.15-aliyun.1"), ("target_version", "1.26"), ("nodes", nodes)]),
        ("diagnostics_ja", WizardId::Diagnostics, Locale::Ja, vec![("cluster_type", "dedicated"), ("role", "master"), ("os", "linux"), ("region", "cn-shanghai")]),
        ("acl_zh_tw", WizardId::Acl, Locale::ZhTw, vec![("kind", "ack"), ("vpc", "192.168.0.0/16\n192.168.1.0/24"), ("clients", "203.0.113.7"), ("current", "192.168.0.0/16\n0.0.0.0/0")]),
        ("acl_id", WizardId::Acl, Locale::Id, vec![("kind", "lingjun"), ("vpc", "10.0.0.0/8"), ("clients", "198.51.100.0/24"), ("lingjun_vpd", "10.1.0.0/16")]),
    ];
    for (name, w, lang, pairs) in runs {
        let inputs: Inputs = pairs.into_iter().map(|(k, v)| (k.to_owned(), v.to_owned())).collect();
        let report = w.evaluate(&inputs, lang);
        assert!(report.complete, "{name}: {:?}", report.messages);
        insta::assert_snapshot!(format!("wizard_{name}"), to_markdown(w, &inputs, &report, lang, None, "https://help.example"));
    }
}

#[tokio::test]
async fn pasted_script_output_on_the_result_page_names_the_archive_to_upload() {
    let app = app().await;
    let output = "...\nupload diagnose result...\nplease get diagnose_1763799012.tar.gz for diagnostics";
    let body = format!("step=result&cluster_type=dedicated&role=worker&os=linux&region=cn-hangzhou&output={}&action=check", enc(output));
    let r = app.post_form("/ja/wizards/diagnostics/submit", &body, &[CLIENT]).await;
    let location = r.header("location");
    let q = location_query(location);
    assert_eq!(param(&q, "step"), Some("result"));
    assert_eq!(param(&q, "output"), Some(output), "the paste travels along");
    let page = app.get(location).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("diagnose_1763799012.tar.gz"), "the archive is named on the page");
    assert!(page.body.contains("name=\"output\""), "and the paste stays in its field");
}

#[tokio::test]
async fn suggestions_while_typing_include_the_wizards() {
    let app = app().await;
    let j = app.get(&format!("/api/suggest?lang=zh&q={}", enc("apiserver 白名"))).await.json();
    let urls: Vec<&str> = j[3].as_array().unwrap().iter().filter_map(|u| u.as_str()).collect();
    assert!(urls.iter().any(|u| u.ends_with("/zh/wizards/acl")), "{urls:?}");
}

#[tokio::test]
async fn a_paste_over_the_size_limit_gets_a_localized_answer_not_a_bare_error() {
    let app = app().await;
    let huge = "x".repeat(server::http::BODY_LIMIT + 10);
    let r = app.post_form("/ja/wizards/runtime-migration/submit", &format!("step=pools&nodes={huge}"), &[CLIENT]).await;
    assert_eq!(r.status, 413);
    assert!(r.header("content-type").starts_with("text/html"));
    assert!(r.body.contains("入力が長すぎます") && r.body.contains("lang=\"ja\""), "{}", &r.body[..200.min(r.body.len())]);
    let r = app.post_raw("/api/wizards/acl", "application/json", &format!("{{\"vpc\":\"{huge}\"}}")).await;
    assert_eq!(r.status, 413);
    assert_eq!(r.json()["error"]["code"], "too_large");
}

/// `kubectl get nodes -o wide -L alibabacloud.com/nodepool-id` of `n` nodes in two pools.
pub fn nodes_output(n: usize) -> String {
    let mut out = String::from("NAME                          STATUS   ROLES    AGE    VERSION            INTERNAL-IP    EXTERNAL-IP   OS-IMAGE                                              KERNEL-VERSION              CONTAINER-RUNTIME     NODEPOOL-ID\n");
    for i in 0..n {
        let (pool, runtime) = if i % 3 == 0 { ("np-docker01", "docker://19.3.15") } else { ("np-cntd0002", "containerd://1.6.28") };
        let ip = format!("10.{}.{}.{}", 1 + i / 65536, (i / 256) % 256, i % 256);
        out.push_str(&format!(
            "cn-hangzhou.{ip}    Ready    <none>   35d    v1.22.15-aliyun.1   {ip}   <none>        Alibaba Cloud Linux 3.2104 U10 (OpenAnolis Edition)   5.10.134-16.1.al8.x86_64   {runtime}   {pool}\n"
        ));
    }
    out
}

#[tokio::test]
async fn a_paste_too_long_for_a_url_travels_as_a_draft_and_reaches_the_plan() {
    let app = app().await;
    let browser = app.browser().await;
    let nodes = nodes_output(330);
    assert!(nodes.len() > 50_000);
    let body = format!("step=pools&current_version=1.22&target_version=1.26&nodes={}&action=next", enc(&nodes));
    let r = app.post_form_as(&browser, "/zh/wizards/runtime-migration/submit", &body).await;
    assert_eq!(r.status, 303, "{}", &r.body[..300.min(r.body.len())]);
    let location = r.header("location").to_owned();
    assert!(location.len() < 200 && location.contains("draft="), "{location}");
    assert!(location.contains("step=result"));
    let page = app.get(&location).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("np-docker01") && page.body.contains("class=\"verdict"), "the plan for the pasted pools");
    assert!(page.body.contains("cn-hangzhou.10.1.1.73"), "the paste is in the page");
    // Links on the page point at the draft rather than repeating 60 KB.
    assert!(!page.body.contains("href=\"/zh/wizards/runtime-migration?step=versions&amp;current_version"), "no inputs in links");
    assert!(page.body.contains("draft="));
    // The draft reads in another locale too, and a made-up draft is gone, not a crash.
    assert_eq!(app.get(&location.replace("/zh/", "/ja/")).await.status, 200);
    let gone = app.get("/zh/wizards/runtime-migration?step=result&draft=00000000000000000000").await;
    assert_eq!(gone.status, 410);
    assert!(gone.body.contains("24 小时"));
    // Saving the run from that page works, and the saved run links by its id.
    let save = format!("step=result&current_version=1.22&target_version=1.26&nodes={}&action=save", enc(&nodes));
    let r = app.post_form_as(&browser, "/zh/wizards/runtime-migration/submit", &save).await;
    assert_eq!(r.status, 303);
    let run = app.get(r.header("location")).await;
    assert_eq!(run.status, 200);
    assert!(run.body.contains("&amp;run=") || run.body.contains("&run="), "reopen by run id");
}

#[tokio::test]
async fn without_a_token_long_inputs_are_answered_in_place_and_nothing_is_stored() {
    let app = app().await;
    let nodes = nodes_output(100);
    let body = format!("step=pools&current_version=1.22&nodes={}&action=next", enc(&nodes));
    let r = app.post_form("/ja/wizards/runtime-migration/submit", &body, &[CLIENT]).await;
    assert_eq!(r.status, 200, "the next page itself");
    assert!(r.body.contains("np-docker01"));
}

#[tokio::test]
async fn the_result_downloads_as_markdown_without_saving() {
    let app = app().await;
    let body = "step=result&kind=ack&vpc=192.168.0.0%2F16&clients=203.0.113.7&action=export";
    let r = app.post_form("/id/wizards/acl/submit", body, &[CLIENT]).await;
    assert_eq!(r.status, 200);
    assert!(r.header("content-type").starts_with("text/markdown"));
    assert!(r.header("content-disposition").starts_with("attachment; filename=\"acl-"));
    assert!(r.body.contains("100.104.0.0/16") && r.body.contains("203.0.113.7"));
    let page = app.get("/id/wizards/acl?step=result&kind=ack&vpc=192.168.0.0%2F16&clients=203.0.113.7").await;
    assert!(page.body.contains("value=\"export\""), "the result page offers the download");
}
