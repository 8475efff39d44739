//! Shared helpers: an in-process app over the real knowledge base, and request helpers.

pub mod postgres;
#[allow(dead_code)] // each user takes what it needs
pub mod rng;

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use server::config::Config;
use std::path::PathBuf;
use tower::ServiceExt;

pub fn content_dir() -> PathBuf {
    PathBuf::from(&std::env::var("CARGO_MANIFEST_DIR").expect("run by cargo")).join("../content")
}

pub struct TestApp {
    pub router: Router,
    pub config: Config,
    pub state: server::http::AppState,
    /// Keeps the background tasks running for as long as the app.
    pub _service: server::Service,
    _data: tempfile::TempDir,
}

pub fn config(data: &std::path::Path, database_url: Option<String>) -> Config {
    Config {
        site_addr: "127.0.0.1:0".parse().unwrap(),
        site_root: data.join("site"),
        database_url,
        data_dir: data.join("data"),
        content_dir: content_dir(),
        admin_addr: "off".into(),
        public_url: Some("http://127.0.0.1:3000".into()),
        ..Config::default()
    }
}

pub async fn app() -> TestApp {
    app_with_database(None).await
}

pub async fn app_with_database(database_url: Option<String>) -> TestApp {
    let data = tempfile::tempdir().unwrap();
    app_with_config(config(data.path(), database_url), data).await
}

/// An app with some settings changed from the test defaults.
pub async fn app_with(change: impl FnOnce(&mut Config)) -> TestApp {
    let data = tempfile::tempdir().unwrap();
    let mut c = config(data.path(), None);
    change(&mut c);
    app_with_config(c, data).await
}

pub async fn app_with_config(config: Config, data: tempfile::TempDir) -> TestApp {
    let service = server::build_service(&config).await.expect("app state");
    let state = service.state.clone();
    // The service opens its database in the background (it starts without one). A test
    // starts once the schema is current and the client id key is loaded, as a reader
    // would a moment after start; otherwise, on a busy machine, its first write could
    // meet a database that is not there yet.
    for _ in 0..750 {
        if state.backend.db.is_up() && state.backend.keys.get().is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    TestApp { router: server::http::router(state.clone()), config, state, _service: service, _data: data }
}

/// What a browser that has loaded a page sends back: its id cookie and the form token.
#[derive(Clone, Debug)]
pub struct Browser {
    pub cookie: String,
    pub token: String,
}

impl Browser {
    /// Headers of a same-origin form post from this browser.
    pub fn headers(&self) -> Vec<(&str, &str)> {
        vec![("cookie", self.cookie.as_str()), ("sec-fetch-site", "same-origin")]
    }
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
    }
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
    /// The value of a cookie this reply sets.
    pub fn set_cookie(&self, name: &str) -> Option<String> {
        self.headers
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .filter_map(|v| v.split(';').next())
            .filter_map(|kv| kv.split_once('='))
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.to_owned())
    }
}

impl TestApp {
    pub async fn send(&self, req: Request<Body>) -> Reply {
        let res = self.router.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        Reply { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
    }

    pub async fn get(&self, uri: &str) -> Reply {
        self.send(Request::get(uri).body(Body::empty()).unwrap()).await
    }

    pub async fn get_with(&self, uri: &str, headers: &[(&str, &str)]) -> Reply {
        let mut req = Request::get(uri);
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        self.send(req.body(Body::empty()).unwrap()).await
    }

    pub async fn post_form(&self, uri: &str, body: &str, headers: &[(&str, &str)]) -> Reply {
        let mut req = Request::post(uri).header("content-type", "application/x-www-form-urlencoded");
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        self.send(req.body(Body::from(body.to_owned())).unwrap()).await
    }

    pub async fn post_raw(&self, uri: &str, content_type: &str, body: &str) -> Reply {
        let req = Request::post(uri).header("content-type", content_type);
        self.send(req.body(Body::from(body.to_owned())).unwrap()).await
    }

    /// A JSON body, as the browser's server function calls send it (from this site).
    pub async fn post_json_same_site(&self, uri: &str, body: &serde_json::Value) -> Reply {
        let req = Request::post(uri).header("content-type", "application/json").header("sec-fetch-site", "same-origin");
        self.send(req.body(Body::from(body.to_string())).unwrap()).await
    }

    pub async fn post_json(&self, uri: &str, body: &serde_json::Value) -> Reply {
        self.post_raw(uri, "application/json", &body.to_string()).await
    }

    /// The zero-result searches recorded so far, as (query as typed, count), once the
    /// analytics writer has written them (it batches for a fraction of a second).
    pub async fn zero_result_queries(&self, lang: Option<&str>, expect: usize) -> Vec<(String, i64)> {
        let mut found = Vec::new();
        for _ in 0..60 {
            found = self
                .state
                .backend
                .db
                .top_queries(0, i64::MAX / 86_400, lang, true, 10_000)
                .await
                .unwrap()
                .into_iter()
                .map(|q| (q.sample, q.zero_results))
                .collect();
            if found.len() >= expect {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        found
    }

    /// A browser that opened a page: the signed id cookie the console gave it and the
    /// form token of that page.
    pub async fn browser(&self) -> Browser {
        let page = self.get("/zh/wizards").await;
        let name = self.state.http.client_cookie();
        let value = page.set_cookie(name).unwrap_or_else(|| panic!("a page sets the client id cookie: {} {}", page.status, page.body.chars().take(300).collect::<String>()));
        let token = page
            .body
            .split("name=\"ack-form-token\" content=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("the page carries the form token")
            .to_owned();
        Browser { cookie: format!("{name}={value}"), token }
    }

    /// Posts a form as `browser`, with its token added to the body.
    pub async fn post_form_as(&self, browser: &Browser, uri: &str, body: &str) -> Reply {
        let body = if body.is_empty() { format!("csrf={}", browser.token) } else { format!("{body}&csrf={}", browser.token) };
        self.post_form(uri, &body, &browser.headers()).await
    }
}

/// Percent-encodes a query value.
pub fn enc(s: &str) -> String {
    app::model::urls::encode_component(s)
}

/// Copies a folder with everything in it (a knowledge base to change in a test).
pub fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}
