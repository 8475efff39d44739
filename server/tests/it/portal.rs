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
