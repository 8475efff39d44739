//! The support portal: signing in and out, roles on every route, accounts from the
//! command line, and the saved runs a support engineer opens from a ticket.

use crate::support::{app, enc, Browser, Reply, TestApp};
use server::config::UsersCommand;

const PASSWORD: &str = "a long enough password";

/// Adds an account through the CLI code path, as `server users add` does.
async fn add(app: &TestApp, email: &str, role: &str) {
    let config = app_config(app);
    let mut out = Vec::new();
    let action = UsersCommand::Add { email: email.into(), role: role.into(), sso: false };
    server::cli::users(&config, &action, &mut format!("{PASSWORD}\n").as_bytes(), &mut out).await.unwrap();
    assert!(String::from_utf8_lossy(&out).starts_with(&format!("added {}", email.to_lowercase())));
}

fn app_config(app: &TestApp) -> server::config::Config {
    app.config.clone()
}

/// A signed-in person: the browser plus the portal session cookie, and the form token of
/// the session (read from a portal page).
struct Staff {
    cookies: String,
    csrf: String,
}

impl Staff {
    fn headers(&self) -> Vec<(&str, &str)> {
        vec![("cookie", self.cookies.as_str()), ("sec-fetch-site", "same-origin")]
    }
}

async fn sign_in(app: &TestApp, browser: &Browser, email: &str, password: &str) -> Reply {
    let body = format!("email={}&password={}&next={}", enc(email), enc(password), enc("/zh/support/runs"));
    app.post_form_as(browser, "/zh/support/signin", &body).await
}

async fn staff(app: &TestApp, email: &str, role: &str) -> Staff {
    add(app, email, role).await;
    let browser = app.browser().await;
    let r = sign_in(app, &browser, email, PASSWORD).await;
    assert_eq!(r.status, 303, "{}", r.body);
    let session = r.set_cookie("ack_portal").expect("session cookie");
    let cookies = format!("{}; ack_portal={session}", browser.cookie);
    let page = app.get_with("/zh/support/runs", &[("cookie", &cookies)]).await;
    let csrf = page.body.split("name=\"csrf\" value=\"").nth(1).and_then(|r| r.split('"').next()).expect("a form token").to_owned();
    Staff { cookies, csrf }
}

#[tokio::test]
async fn without_a_session_every_portal_page_sends_to_sign_in_and_comes_back() {
    let app = app().await;
    for path in ["/zh/support", "/ja/support/runs", "/id/support/runs/abc", "/zh-TW/support/users", "/zh/support/runs?wizard=acl"] {
        let r = app.get(path).await;
        assert_eq!(r.status, 303, "{path}");
        let location = r.header("location");
        let lang = path.split('/').nth(1).unwrap();
        assert_eq!(location, format!("/{lang}/support/signin?next={}", enc(path)), "{path}");
    }
    let r = app.post_form("/zh/support/users", "email=x%40y.com", &[("sec-fetch-site", "same-origin")]).await;
    assert_eq!(r.status, 303, "a post without a session changes nothing");
    assert!(app.state.backend.db.user_by_email("x@y.com").await.unwrap().is_none());
    let signin = app.get("/ja/support/signin?next=%2Fja%2Fsupport%2Fruns").await;
    assert_eq!(signin.status, 200);
    assert!(signin.body.contains("サポートポータルにログイン") && signin.body.contains("name=\"password\""));
    assert!(signin.body.contains("value=\"/ja/support/runs\""), "the page to come back to");
    assert_eq!(app.get("/support").await.header("location"), "/zh/support");
}

#[tokio::test]
async fn a_local_account_signs_in_and_out() {
    let app = app().await;
    let s = staff(&app, "Li.Wei@Example.com", "viewer").await;
    let r = app.get_with("/zh/support/runs", &[("cookie", &s.cookies)]).await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains("li.wei@example.com（查看者）"), "who is signed in, in Chinese");
    assert!(r.header("cache-control").contains("private"));
    // Signing out needs the session's token; then the session is gone.
    let r = app.post_form("/zh/support/signout", "csrf=wrong", &s.headers()).await;
    assert_eq!(r.status, 403);
    let r = app.post_form("/zh/support/signout", &format!("csrf={}", s.csrf), &s.headers()).await;
    assert_eq!(r.status, 303);
    assert!(r.header("set-cookie").contains("ack_portal=;"));
    assert_eq!(app.get_with("/zh/support/runs", &[("cookie", &s.cookies)]).await.status, 303, "the old cookie signs nobody in");
}

#[tokio::test]
async fn the_session_cookie_is_httponly_samesite_and_secure_under_https() {
    let app = crate::support::app_with(|c| c.public_url = Some("https://help.example.com".into())).await;
    add(&app, "admin@example.com", "admin").await;
    let browser = app.browser().await;
    let body = format!("email=admin%40example.com&password={}&csrf={}", enc(PASSWORD), browser.token);
    let r = app.post_form("/zh/support/signin", &body, &[("cookie", &browser.cookie), ("origin", "https://help.example.com")]).await;
    assert_eq!(r.status, 303, "{}", r.body);
    let cookie = r.headers.get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_owned()).find(|c| c.contains("ack_portal")).unwrap();
    assert!(cookie.starts_with("__Host-ack_portal=") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Secure"), "{cookie}");
}

#[tokio::test]
async fn wrong_passwords_are_refused_and_repeated_ones_lock_the_account() {
    let app = app().await;
    add(&app, "ops@example.com", "editor").await;
    let browser = app.browser().await;
    let r = sign_in(&app, &browser, "ops@example.com", "not the password").await;
    assert_eq!(r.status, 401);
    assert!(r.body.contains("邮箱或密码不正确") && r.body.contains("value=\"ops@example.com\""), "the email is kept");
    assert_eq!(sign_in(&app, &browser, "nobody@example.com", PASSWORD).await.status, 401, "an unknown account reads the same");
    for _ in 0..4 {
        sign_in(&app, &browser, "ops@example.com", "still wrong").await;
    }
    let r = sign_in(&app, &browser, "ops@example.com", PASSWORD).await;
    assert_eq!(r.status, 429, "locked even with the right password");
    assert!(r.body.contains("15 分钟"));
    assert!(r.header("retry-after").parse::<u64>().unwrap() > 0);
    // A form without the page's token is refused.
    let r = app.post_form("/zh/support/signin", &format!("email=ops%40example.com&password={}", enc(PASSWORD)), &browser.headers()).await;
    assert_eq!(r.status, 403);
}

#[tokio::test]
async fn every_portal_route_asks_for_its_role() {
    let app = app().await;
    let viewer = staff(&app, "viewer@example.com", "viewer").await;
    let editor = staff(&app, "editor@example.com", "editor").await;
    let admin = staff(&app, "admin@example.com", "admin").await;
    let gets = [("/zh/support", 200), ("/zh/support/export/queries.csv", 200), ("/zh/support/runs", 200), ("/zh/support/runs/open?id=x", 303), ("/zh/support/runs/nosuchrun", 303)];
    for s in [&viewer, &editor, &admin] {
        for (path, status) in gets {
            assert_eq!(app.get_with(path, &[("cookie", &s.cookies)]).await.status, status, "{path}");
        }
    }
    // Accounts are for admins only.
    for (s, status) in [(&viewer, 403), (&editor, 403), (&admin, 200)] {
        let r = app.get_with("/ja/support/users", &[("cookie", &s.cookies)]).await;
        assert_eq!(r.status, status);
        if status == 403 {
            assert!(r.body.contains("権限がありません"));
        }
        let add = format!("email=new%40example.com&role=viewer&password={}&csrf={}", enc(PASSWORD), s.csrf);
        let r = app.post_form("/zh/support/users", &add, &s.headers()).await;
        assert_eq!(r.status, status, "adding an account");
    }
    // An admin's form without the session's token is refused.
    let r = app.post_form("/zh/support/users/role", "email=viewer%40example.com&role=admin&csrf=x", &admin.headers()).await;
    assert_eq!(r.status, 403);
    // The navigation shows accounts only to admins.
    assert!(!app.get_with("/zh/support/runs", &[("cookie", &viewer.cookies)]).await.body.contains("/zh/support/users"));
    assert!(app.get_with("/zh/support/runs", &[("cookie", &admin.cookies)]).await.body.contains("/zh/support/users"));
}

#[tokio::test]
async fn admins_manage_accounts_and_a_disabled_account_is_signed_out() {
    let app = app().await;
    let admin = staff(&app, "admin@example.com", "admin").await;
    let viewer = staff(&app, "viewer@example.com", "viewer").await;
    let r = app.post_form("/zh/support/users/role", &format!("email=viewer%40example.com&role=editor&csrf={}", admin.csrf), &admin.headers()).await;
    assert_eq!(r.status, 303);
    assert_eq!(app.state.backend.db.user_by_email("viewer@example.com").await.unwrap().unwrap().role, "editor");
    let r = app.post_form("/zh/support/users/status", &format!("email=viewer%40example.com&disabled=1&csrf={}", admin.csrf), &admin.headers()).await;
    assert_eq!(r.status, 303);
    assert_eq!(app.get_with("/zh/support/runs", &[("cookie", &viewer.cookies)]).await.status, 303, "the session ended");
    // Nobody changes their own role, and bad input comes back with what was typed.
    let r = app.post_form("/zh/support/users/role", &format!("email=admin%40example.com&role=viewer&csrf={}", admin.csrf), &admin.headers()).await;
    assert_eq!(r.status, 422);
    let r = app.post_form("/zh/support/users", &format!("email=not-an-email&role=viewer&csrf={}", admin.csrf), &admin.headers()).await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("value=\"not-an-email\""));
    let r = app.post_form("/zh/support/users", &format!("email=b%40example.com&role=viewer&password=short&csrf={}", admin.csrf), &admin.headers()).await;
    assert_eq!(r.status, 422);
    let r = app.post_form("/zh/support/users", &format!("email=viewer%40example.com&role=viewer&csrf={}", admin.csrf), &admin.headers()).await;
    assert_eq!(r.status, 409);
}

#[tokio::test]
async fn the_command_line_manages_accounts() {
    let app = app().await;
    let config = app_config(&app);
    let run = |action: UsersCommand, stdin: &'static str| {
        let config = config.clone();
        async move {
            let mut out = Vec::new();
            let r = server::cli::users(&config, &action, &mut stdin.as_bytes(), &mut out).await;
            (r.map_err(|e| e.to_string()), String::from_utf8(out).unwrap())
        }
    };
    let (r, _) = run(UsersCommand::Add { email: "a@example.com".into(), role: "admin".into(), sso: false }, "short\n").await;
    assert!(r.unwrap_err().contains("at least 12"));
    let (r, out) = run(UsersCommand::Add { email: "A@Example.com".into(), role: "admin".into(), sso: false }, "a long enough password\n").await;
    assert!(r.is_ok() && out.contains("added a@example.com (admin, local)"), "{out}");
    let (r, _) = run(UsersCommand::Add { email: "a@example.com".into(), role: "viewer".into(), sso: false }, "a long enough password\n").await;
    assert!(r.unwrap_err().contains("already"));
    let (r, _) = run(UsersCommand::Add { email: "b@example.com".into(), role: "root".into(), sso: false }, "").await;
    assert!(r.unwrap_err().contains("unknown role"));
    run(UsersCommand::Add { email: "sso@example.com".into(), role: "viewer".into(), sso: true }, "").await.0.unwrap();
    run(UsersCommand::SetRole { email: "sso@example.com".into(), role: "editor".into() }, "").await.0.unwrap();
    run(UsersCommand::Disable { email: "sso@example.com".into() }, "").await.0.unwrap();
    let (_, list) = run(UsersCommand::List, "").await;
    assert!(list.contains("a@example.com\tadmin\tlocal\tactive"), "{list}");
    assert!(list.contains("sso@example.com\teditor\toidc\tdisabled"), "{list}");
    run(UsersCommand::SetPassword { email: "a@example.com".into() }, "another long password\n").await.0.unwrap();
    let browser = app.browser().await;
    assert_eq!(sign_in(&app, &browser, "a@example.com", "another long password").await.status, 303);
    let hash = app.state.backend.db.user_by_email("a@example.com").await.unwrap().unwrap().password_hash.unwrap();
    assert!(hash.starts_with("$argon2id$"));
}

#[tokio::test]
async fn a_saved_run_from_a_ticket_opens_with_the_customers_verdict_in_any_locale() {
    let app = app().await;
    let customer = app.browser().await;
    let save = "step=result&kind=ack&vpc=192.168.0.0%2F16&clients=203.0.113.7&action=save";
    let saved = app.post_form_as(&customer, "/id/wizards/acl/submit", save).await;
    let permalink = format!("https://help.example.com{}", saved.header("location"));
    let run = permalink.rsplit('/').next().unwrap().to_owned();
    let s = staff(&app, "support@example.com", "viewer").await;
    let list = app.get_with("/ja/support/runs?wizard=acl", &[("cookie", &s.cookies)]).await;
    assert!(list.body.contains(&run));
    let none = app.get_with("/ja/support/runs?wizard=diagnostics", &[("cookie", &s.cookies)]).await;
    assert!(!none.body.contains(&run), "filtered by wizard");
    let opened = app.get_with(&format!("/ja/support/runs/open?id={}", enc(&permalink)), &[("cookie", &s.cookies)]).await;
    assert_eq!(opened.header("location"), format!("/ja/support/runs/{run}"));
    let page = app.get_with(opened.header("location"), &[("cookie", &s.cookies)]).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("保存された結果") && page.body.contains("100.104.0.0/16") && page.body.contains("203.0.113.7"));
    assert!(page.body.contains("class=\"verdict"), "the same verdict");
    let missing = app.get_with("/zh/support/runs/open?id=nothing-here", &[("cookie", &s.cookies)]).await;
    let back = app.get_with(missing.header("location"), &[("cookie", &s.cookies)]).await;
    assert!(back.body.contains("没有找到这个运行 ID"));
}

#[tokio::test]
async fn the_dashboard_shows_searches_per_day_rates_and_top_lists_and_exports_them() {
    let app = app().await;
    for q in ["kubectl timeout", "kubectl  Timeout", "qqzz nothing here", "qqzz nothing here!", "x509 证书过期"] {
        assert_eq!(app.get(&format!("/ja/search?q={}", enc(q))).await.status, 200);
    }
    app.get(&format!("/zh/search?q={}", enc("节点 NotReady"))).await;
    app.get("/ja/entries/kubectl-timeout").await;
    let zero = app.zero_result_queries(None, 1).await;
    assert_eq!(zero, vec![("qqzz nothing here".to_owned(), 2)], "near-duplicates fall together");
    let s = staff(&app, "support@example.com", "viewer").await;
    let page = app.get_with("/ja/support", &[("cookie", &s.cookies)]).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("検索分析"));
    assert!(page.body.contains("<span class=\"card-value\">6</span>"), "six searches");
    assert!(page.body.contains("33.3%"), "two of six found nothing");
    assert!(page.body.contains("<svg") && page.body.contains("class=\"bar-total\"") && page.body.contains("role=\"img\""), "a chart without script");
    assert!(page.body.contains("kubectl timeout") && page.body.contains("qqzz nothing here"));
    assert!(page.body.contains("kubectl コマンドがタイムアウトする"), "the most viewed entry by its Japanese title");
    // Filters: one locale, and yesterday (nothing then).
    let zh = app.get_with("/ja/support?lang=zh", &[("cookie", &s.cookies)]).await;
    assert!(zh.body.contains("<span class=\"card-value\">1</span>"));
    let yesterday = server::db::rfc3339((server::db::day_of(server::db::unix_now()) - 1) * 86_400)[..10].to_owned();
    let y = app.get_with(&format!("/ja/support?from={yesterday}&to={yesterday}"), &[("cookie", &s.cookies)]).await;
    assert!(y.body.contains("<span class=\"card-value\">0</span>"));
    let bad = app.get_with("/ja/support?from=2026-11-30&to=2026-11-01", &[("cookie", &s.cookies)]).await;
    assert!(bad.body.contains("日付の範囲が正しくない"));
    // Each table exports as CSV.
    let csv = app.get_with("/zh/support/export/zero.csv", &[("cookie", &s.cookies)]).await;
    assert_eq!(csv.status, 200);
    assert!(csv.header("content-type").starts_with("text/csv"));
    assert!(csv.body.starts_with("\u{feff}query,searches,zero_results,clicked\r\nqqzz nothing here,2,2,0\r\n"), "{:?}", csv.body);
    let daily = app.get_with("/zh/support/export/daily.csv", &[("cookie", &s.cookies)]).await;
    assert_eq!(daily.body.lines().count(), 31, "a header and thirty days");
    assert_eq!(app.get_with("/zh/support/export/nothing.csv", &[("cookie", &s.cookies)]).await.status, 404);
    assert_eq!(app.get("/zh/support/export/daily.csv").await.status, 303, "not without a session");
}

#[tokio::test]
async fn the_dashboard_counts_arrivals_from_other_products_by_source() {
    let app = app().await;
    for path in ["/go/kubectl-timeout?from=console-x", "/go/kubectl-timeout?from=console-x", "/go/no-such-thing?from=console-x", "/go/kubectl-timeout?from=%3Cscript%3E"] {
        assert_eq!(app.get_with(path, &[("accept-language", "ja")]).await.status, 303, "{path}");
    }
    let db = &app.state.backend.db;
    let today = server::db::day_of(server::db::unix_now());
    for _ in 0..60 {
        if db.arrivals(today, today, None).await.unwrap().iter().map(|a| a.arrivals).sum::<i64>() >= 4 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let s = staff(&app, "support@example.com", "viewer").await;
    let page = app.get_with("/ja/support", &[("cookie", &s.cookies)]).await;
    assert_eq!(page.status, 200);
    let table = page.body.split("ほかの製品からのアクセス").nth(1).expect("the arrivals table");
    let row = table.split("console-x").nth(1).expect("a row for console-x");
    assert!(row.starts_with("</span></td><td class=\"num\">3</td><td class=\"num\">1</td><td>kubectl コマンドがタイムアウトする"), "{}", &row[..200.min(row.len())]);
    assert!(table.contains("（無効な送信元名）") && !page.body.contains("<script>") && !page.body.contains("&lt;script"), "a bad name is shown as such, never verbatim");
    let csv = app.get_with("/zh/support/export/arrivals.csv", &[("cookie", &s.cookies)]).await;
    assert!(csv.body.contains("console-x,3,1,"), "{}", csv.body);
}

/// Polls until the analytics writer has written `n` zero-result groups.
async fn gaps_written(app: &TestApp, n: usize) {
    for _ in 0..60 {
        if app.state.backend.db.gaps("open", 100).await.unwrap().len() >= n {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the gaps were not written");
}

#[tokio::test]
async fn failed_searches_are_triaged_into_synonyms_and_a_patch_that_git_applies() {
    let app = app().await;
    let editor = staff(&app, "editor@example.com", "editor").await;
    let viewer = staff(&app, "viewer@example.com", "viewer").await;
    // The editor has seen the queue once; what comes after is new.
    assert_eq!(app.get_with("/ja/support/gaps", &[("cookie", &editor.cookies)]).await.status, 200);
    for q in ["kubectl 固まって動かない", "kubectl  固まって動かない！", "qqzz 謎のエラー"] {
        app.get(&format!("/ja/search?q={}", enc(q))).await;
    }
    app.get(&format!("/zh-TW/search?q={}", enc("kubectl 固まって動かない"))).await;
    gaps_written(&app, 2).await;
    let queue = app.get_with("/ja/support/gaps", &[("cookie", &editor.cookies)]).await;
    assert!(queue.body.contains("前回の確認以降に新しいグループが 2 件あります"), "{}", queue.body.split("<h1>").nth(1).unwrap_or("").chars().take(600).collect::<String>());
    assert!(queue.body.contains("class=\"badge new\""));
    let group = queue.body.split("data-hash=\"").find(|s| s.contains("固まって動かない")).expect("the group");
    let hash = group.split('"').next().unwrap().to_owned();
    assert!(group.contains("zh-TW ja"), "both locales in one group, in the catalog's order");
    // A viewer may read but not triage.
    let answer = format!("hash={hash}&decision=answered&entry=kubectl-timeout");
    let r = app.post_form("/ja/support/gaps/triage", &format!("{answer}&csrf={}", viewer.csrf), &viewer.headers()).await;
    assert_eq!(r.status, 403);
    // "Answered" needs a real entry.
    let r = app.post_form("/ja/support/gaps/triage", &format!("hash={hash}&decision=answered&entry=nope&csrf={}", editor.csrf), &editor.headers()).await;
    assert_eq!(r.status, 422);
    let r = app.post_form("/ja/support/gaps/triage", &format!("{answer}&csrf={}", editor.csrf), &editor.headers()).await;
    assert_eq!(r.status, 303);
    let open = app.get_with("/ja/support/gaps", &[("cookie", &editor.cookies)]).await;
    assert!(!open.body.contains(&hash), "no longer in the open queue");
    let answered = app.get_with("/ja/support/gaps?tab=answered", &[("cookie", &editor.cookies)]).await;
    assert!(answered.body.contains(&hash) && answered.body.contains("editor@example.com"));
    // The queries became proposals, and the patch adds them to the entry's files.
    let proposals = app.get_with("/ja/support/gaps/synonyms", &[("cookie", &viewer.cookies)]).await;
    assert!(proposals.body.contains("kubectl 固まって動かない"));
    let patch = app.get_with("/ja/support/gaps/synonyms.patch", &[("cookie", &viewer.cookies)]).await;
    assert_eq!(patch.status, 200);
    assert!(patch.body.contains("+++ b/content/entries/kubectl-timeout/ja.md"), "{}", patch.body);
    assert!(patch.body.contains("+++ b/content/entries/kubectl-timeout/zh-TW.md"));
    // It applies to the knowledge base with git, and the result still loads.
    let repo = tempfile::tempdir().unwrap();
    let entries = repo.path().join("content");
    crate::support::copy_dir(&crate::support::content_dir(), &entries);
    let git = |args: &[&str]| std::process::Command::new("git").args(args).current_dir(repo.path()).output().unwrap();
    git(&["init", "-q"]);
    std::fs::write(repo.path().join("synonyms.patch"), &patch.body).unwrap();
    let applied = git(&["apply", "synonyms.patch"]);
    assert!(applied.status.success(), "git apply: {}", String::from_utf8_lossy(&applied.stderr));
    let ja = std::fs::read_to_string(entries.join("entries/kubectl-timeout/ja.md")).unwrap();
    assert!(ja.contains("\"kubectl 固まって動かない\"") && ja.contains("\"kubectl hang\""), "added to the existing synonyms");
    let store = server::content::ContentStore::load(&entries).expect("the patched knowledge base loads");
    assert!(store.get("kubectl-timeout", app::locale::Locale::Ja).unwrap().synonyms.iter().any(|s| s == "kubectl 固まって動かない"));
    // Rejecting a proposal takes it out of the next patch.
    let body = format!("entry=kubectl-timeout&lang=ja&query={}&status=rejected&csrf={}", enc("kubectl 固まって動かない"), editor.csrf);
    assert_eq!(app.post_form("/ja/support/gaps/synonyms", &body, &editor.headers()).await.status, 303);
    let patch = app.get_with("/ja/support/gaps/synonyms.patch", &[("cookie", &viewer.cookies)]).await;
    let ja = patch.body.split("--- a/").find(|f| f.starts_with("content/entries/kubectl-timeout/ja.md")).expect("the other ja query stays");
    assert!(!ja.contains("\"kubectl 固まって動かない\"") && ja.contains("固まって動かない！"), "{ja}");
}


#[tokio::test]
async fn feedback_review_puts_the_least_helpful_first_and_editors_mark_comments() {
    let app = app().await;
    for (entry, vote, comment) in [
        ("kubectl-timeout", "no", "步骤 2 的命令不对"),
        ("kubectl-timeout", "no", ""),
        ("kubectl-timeout", "yes", ""),
        ("collect-node-diagnostics", "yes", ""),
    ] {
        let b = app.browser().await;
        let r = app.post_form_as(&b, &format!("/zh/entries/{entry}/feedback"), &format!("vote={vote}&comment={}", enc(comment))).await;
        assert_eq!(r.status, 303);
    }
    let viewer = staff(&app, "viewer@example.com", "viewer").await;
    let editor = staff(&app, "editor@example.com", "editor").await;
    let list = app.get_with("/zh/support/feedback", &[("cookie", &viewer.cookies)]).await;
    assert_eq!(list.status, 200);
    let first = list.body.split("data-entry=\"").nth(1).unwrap();
    assert!(first.starts_with("kubectl-timeout"), "the least helpful first");
    assert!(list.body.contains("33.3%"));
    let page = app.get_with("/zh/support/feedback/kubectl-timeout", &[("cookie", &viewer.cookies)]).await;
    assert!(page.body.contains("步骤 2 的命令不对"));
    assert!(!page.body.contains("标为已读"), "viewers do not change statuses");
    let id = page.body.split("data-comment=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
    let body = format!("id={id}&status=resolved&back={}&csrf={}", enc("/zh/support/feedback/kubectl-timeout"), viewer.csrf);
    assert_eq!(app.post_form("/zh/support/feedback/comments", &body, &viewer.headers()).await.status, 403);
    let body = format!("id={id}&status=resolved&back={}&csrf={}", enc("/zh/support/feedback/kubectl-timeout"), editor.csrf);
    let r = app.post_form("/zh/support/feedback/comments", &body, &editor.headers()).await;
    assert_eq!(r.header("location"), "/zh/support/feedback/kubectl-timeout");
    let resolved = app.get_with("/zh/support/feedback/kubectl-timeout?status=resolved", &[("cookie", &editor.cookies)]).await;
    assert!(resolved.body.contains("步骤 2 的命令不对"));
    let fresh = app.get_with("/zh/support/feedback/kubectl-timeout?status=new", &[("cookie", &editor.cookies)]).await;
    assert!(!fresh.body.contains("步骤 2 的命令不对"), "filtered by status");
}

#[tokio::test]
async fn content_health_lists_coverage_stale_unvoted_entries_and_checks_links() {
    let app = app().await;
    app.get("/ja/entries/kernel-rp-filter").await;
    for _ in 0..60 {
        let today = server::db::day_of(server::db::unix_now());
        if !app.state.backend.db.top_entries(today, today, None, 5).await.unwrap().is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let s = staff(&app, "viewer@example.com", "viewer").await;
    let page = app.get_with("/id/support/health", &[("cookie", &s.cookies)]).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Kesehatan konten"));
    assert!(page.body.contains("semuanya berfungsi"), "the internal links resolve");
    assert!(page.body.contains("/id/entries/kernel-rp-filter"), "the read entry without votes is listed");
    assert!(page.body.matches("✓ ").count() >= 71 * 4, "every entry in every locale");
}

#[tokio::test]
async fn single_sign_on_refuses_a_return_it_did_not_start() {
    // Without a provider configured there is no single sign-on to start.
    let app = app().await;
    let browser = app.browser().await;
    assert_eq!(app.post_form_as(&browser, "/zh/support/sso", "next=%2Fzh%2Fsupport").await.status, 404);
    assert!(!app.get("/zh/support/signin").await.body.contains("/zh/support/sso"));
    // A return with a state this console never issued (or issued and used) signs nobody in.
    for query in ["", "?state=nope&code=x", "?code=x", "?error=access_denied&state=nope"] {
        let r = app.get(&format!("/support/oidc/callback{query}")).await;
        assert_eq!(r.status, 400, "{query}");
        assert!(r.body.contains("单点登录没有完成"), "{query}");
        assert!(r.set_cookie("ack_portal").is_none());
    }
    // With a provider configured, the sign-in page offers it (the provider itself is
    // exercised by the browser tests, against oidc-provider).
    let app = crate::support::app_with(|c| {
        c.oidc_issuer = Some("http://127.0.0.1:9/".into());
        c.oidc_client_id = Some("ack-console".into());
    })
    .await;
    let page = app.get("/zh/support/signin").await;
    assert!(page.body.contains("action=\"/zh/support/sso\""));
    assert!(page.header("content-security-policy").contains("form-action 'self' http://127.0.0.1:9;"), "{}", page.header("content-security-policy"));
    // An unreachable provider: a clear answer, not a hang or a 500.
    let browser = app.browser().await;
    let r = app.post_form_as(&browser, "/zh/support/sso", "next=%2Fzh%2Fsupport").await;
    assert_eq!(r.status, 503);
    assert!(r.body.contains("现在无法登录"));
}
