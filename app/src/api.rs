//! Server functions: the thin seam between the pages and the server's adapters.
//!
//! Each one reads the [`Backend`] from context and returns transport types. On the server
//! they run in-process during rendering; after hydration the browser calls them over HTTP
//! under `/sfn/`.

use crate::locale::Locale;
use crate::model::*;
use crate::wizard::Inputs;
#[cfg(feature = "ssr")]
use crate::wizard::WizardId;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What a page asks of the server. The `server` crate implements it over the content
/// store, the search index and the database.
#[cfg(feature = "ssr")]
#[async_trait::async_trait]
pub trait Backend: Send + Sync + 'static {
    fn home(&self, lang: Locale) -> HomeData;
    fn article(&self, lang: Locale, id: &str) -> Option<ArticleView>;
    fn category(&self, lang: Locale, category: Category) -> Option<CategoryPage>;
    /// Searches and records the search (masked) for the portal's analytics.
    fn search(&self, lang: Locale, query: &str, page: usize, per_page: usize, category: Option<Category>, source: SearchSource) -> SearchResults;
    /// Entries for text still being typed.
    fn suggest(&self, lang: Locale, query: &str, limit: usize, source: SearchSource) -> Vec<SearchHit>;
    /// Counts a reading of an entry.
    fn record_view(&self, lang: Locale, id: &str);
    /// Counts a click on a search result: `from` is the link's `<search>.<position>`,
    /// `target` the page it opened. Malformed values count nothing.
    fn record_click_from(&self, from: &str, target: &str);
    /// Stores a vote; the same browser voting again on the same entry replaces its vote.
    async fn record_feedback(&self, lang: Locale, id: &str, visitor: &Visitor, form: &FeedbackForm) -> Result<(), FeedbackError>;
    /// A saved wizard run by its id; `Err` when runs cannot be read right now.
    async fn wizard_run(&self, id: &str) -> Result<Option<SavedRun>, Unavailable>;
    /// The inputs kept under a draft id (wizard inputs too long for a URL).
    async fn wizard_draft(&self, wizard: WizardId, id: &str) -> Result<Option<Inputs>, Unavailable>;
    /// The summaries of entries by id, in `lang`, skipping unknown ids.
    fn entry_summaries(&self, lang: Locale, ids: &[&str]) -> Vec<ArticleSummary>;
    /// Reads pasted output as `kind` (or every kind) and says what it finds, in `lang`.
    fn check(&self, lang: Locale, kind: Option<crate::check::OutputKind>, output: &str) -> crate::check::CheckReport;
    /// A saved check by its id; `Err` when saved checks cannot be read right now.
    async fn saved_check(&self, id: &str) -> Result<Option<SavedCheck>, Unavailable>;
}

#[cfg(feature = "ssr")]
pub type SharedBackend = std::sync::Arc<dyn Backend>;

/// Stored state cannot be read or written right now (the database is away).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unavailable;

/// Who is asking, as the server's middleware established it (request extensions).
#[cfg(feature = "ssr")]
#[derive(Clone, Debug)]
pub struct Visitor {
    /// The browser's anonymous id, when its cookie carried one this server signed. A
    /// first visit (or a browser without cookies) has none, and cannot vote yet.
    pub client: Option<String>,
    /// The client's address (behind a trusted proxy, the address the proxy saw).
    pub addr: std::net::IpAddr,
}

/// The token this page's forms carry (request extensions, and a `<meta>` in the page for
/// the browser).
#[cfg(feature = "ssr")]
#[derive(Clone, Debug)]
pub struct FormToken(pub String);

/// What a refused form sent, shown again in the page that answers the same request.
/// The server puts it in the request extensions when it renders that page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum FormEcho {
    Feedback(FeedbackDraft),
    /// A wizard's save (or export) was refused; the inputs are in the page's URL.
    Wizard(SaveRefusal),
    /// A paste posted to the check: shown again with what the check finds, and why a
    /// save was refused, if it was.
    Check(CheckEcho),
}

/// The check's form as posted.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckEcho {
    pub kind: String,
    pub output: String,
    pub refusal: Option<SaveRefusal>,
}

/// The echo of the form this response answers, if any. Only a server-rendered response
/// to a form post has one; in the browser there is never one.
pub fn form_echo() -> Option<FormEcho> {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>().and_then(|p| p.extensions.get::<FormEcho>().cloned())
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

/// A refused feedback form, as typed, with the reason.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FeedbackDraft {
    pub vote: Option<String>,
    pub comment: String,
    pub error: FeedbackError,
}

#[cfg(feature = "ssr")]
fn backend() -> Result<SharedBackend, ServerFnError> {
    use_context::<SharedBackend>().ok_or_else(|| ServerFnError::new("backend missing from context"))
}

#[server(prefix = "/sfn", endpoint = "home")]
pub async fn get_home(lang: Locale) -> Result<HomeData, ServerFnError> {
    Ok(backend()?.home(lang))
}

#[server(prefix = "/sfn", endpoint = "article")]
pub async fn get_article(lang: Locale, id: String) -> Result<Option<ArticleView>, ServerFnError> {
    let backend = backend()?;
    let article = backend.article(lang, &id);
    if article.is_some() {
        backend.record_view(lang, &id);
    }
    Ok(article)
}

#[server(prefix = "/sfn", endpoint = "category")]
pub async fn get_category(lang: Locale, category: String) -> Result<Option<CategoryPage>, ServerFnError> {
    Ok(Category::from_id(&category).and_then(|c| backend().ok()?.category(lang, c)))
}

pub const RESULTS_PER_PAGE: usize = 10;

#[server(prefix = "/sfn", endpoint = "search")]
pub async fn search(lang: Locale, q: String, page: usize, category: Option<String>, src: Option<String>) -> Result<SearchResults, ServerFnError> {
    let category = category.as_deref().and_then(Category::from_id);
    Ok(backend()?.search(lang, &q, page.max(1), RESULTS_PER_PAGE, category, SearchSource::from_param(src.as_deref())))
}

/// One suggestion of the search box, its badge already in the reader's words.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    pub id: String,
    pub url: String,
    pub title: String,
    pub badge: String,
}

/// Suggestions for the search box while typing.
#[server(prefix = "/sfn", endpoint = "suggest")]
pub async fn suggest(lang: Locale, q: String) -> Result<Vec<Suggestion>, ServerFnError> {
    let hits = backend()?.suggest(lang, &q, 6, SearchSource::Suggest);
    Ok(hits
        .into_iter()
        .map(|h| Suggestion { badge: h.badge(lang).to_owned(), id: h.id, url: h.url, title: h.title })
        .collect())
}

/// The answer to a feedback sent from the hydrated form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FeedbackReply {
    pub error: Option<FeedbackError>,
}

#[server(prefix = "/sfn", endpoint = "feedback")]
pub async fn send_feedback(
    lang: Locale,
    id: String,
    vote: Option<String>,
    comment: Option<String>,
) -> Result<FeedbackReply, ServerFnError> {
    use http::request::Parts;
    let visitor = use_context::<Parts>()
        .and_then(|p| p.extensions.get::<Visitor>().cloned())
        .ok_or_else(|| ServerFnError::new("visitor missing"))?;
    let form = FeedbackForm { vote, comment };
    let result = backend()?.record_feedback(lang, &id, &visitor, &form).await;
    Ok(FeedbackReply { error: result.err() })
}

/// A page opened from a search result says so (its `from` parameter) while the server
/// renders it.
#[server(prefix = "/sfn", endpoint = "note-click")]
pub async fn note_click(from: String, path: String) -> Result<(), ServerFnError> {
    backend()?.record_click_from(&from, &path);
    Ok(())
}

#[server(prefix = "/sfn", endpoint = "wizard-run")]
pub async fn get_wizard_run(id: String) -> Result<Option<SavedRun>, ServerFnError> {
    backend()?.wizard_run(&id).await.map_err(|_| ServerFnError::new("saved runs are unavailable"))
}

/// The inputs behind a draft id, for a wizard page whose inputs were too long for its URL.
#[server(prefix = "/sfn", endpoint = "wizard-draft")]
pub async fn get_wizard_draft(wizard: String, id: String) -> Result<Option<Inputs>, ServerFnError> {
    let Some(w) = WizardId::parse(&wizard) else { return Ok(None) };
    backend()?.wizard_draft(w, &id).await.map_err(|_| ServerFnError::new("drafts are unavailable"))
}

/// The knowledge base entries a wizard relies on, with their titles in `lang`.
#[server(prefix = "/sfn", endpoint = "wizard-entries")]
pub async fn get_wizard_entries(lang: Locale, wizard: String) -> Result<Vec<ArticleSummary>, ServerFnError> {
    let Some(w) = WizardId::parse(&wizard) else { return Ok(Vec::new()) };
    Ok(backend()?.entry_summaries(lang, w.entries()))
}

/// A saved check, evaluated again in the reader's locale (the paste itself stays on the
/// server: the page shows the findings and their lines).
#[server(prefix = "/sfn", endpoint = "check-run")]
pub async fn get_saved_check(lang: Locale, id: String) -> Result<Option<SavedCheckView>, ServerFnError> {
    let b = backend()?;
    let saved = b.saved_check(&id).await.map_err(|_| ServerFnError::new("saved checks are unavailable"))?;
    Ok(saved.map(|c| SavedCheckView { report: b.check(lang, c.kind, &c.output), id: c.id, created: c.created }))
}

/// What the check says about the paste, for a page rendered on the server.
#[cfg(feature = "ssr")]
pub fn run_check(lang: Locale, kind: &str, output: &str) -> Option<crate::check::CheckReport> {
    let b = backend().ok()?;
    Some(b.check(lang, crate::check::OutputKind::parse(kind), output))
}
