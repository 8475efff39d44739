//! Server functions: the thin seam between the pages and the server's adapters.
//!
//! Each one reads the [`Backend`] from context and returns transport types. On the server
//! they run in-process during rendering; after hydration the browser calls them over HTTP
//! under `/sfn/`.

use crate::locale::Locale;
use crate::model::*;
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
    fn search(&self, lang: Locale, query: &str, page: usize, per_page: usize, category: Option<Category>) -> SearchResults;
    /// Entries for text still being typed.
    fn suggest(&self, lang: Locale, query: &str, limit: usize) -> Vec<SearchHit>;
    /// Stores a vote; the same browser voting again on the same entry replaces its vote.
    async fn record_feedback(
        &self,
        lang: Locale,
        id: &str,
        client: &str,
        form: &FeedbackForm,
    ) -> Result<(), FeedbackError>;
    /// A form that was refused, kept so that the page can show it again.
    fn feedback_draft(&self, token: &str) -> Option<FeedbackDraft>;
    /// A saved wizard run by its id.
    async fn wizard_run(&self, id: &str) -> Option<SavedRun>;
    /// The summaries of entries by id, in `lang`, skipping unknown ids.
    fn entry_summaries(&self, lang: Locale, ids: &[&str]) -> Vec<ArticleSummary>;
}

#[cfg(feature = "ssr")]
pub type SharedBackend = std::sync::Arc<dyn Backend>;

/// The browser's anonymous id, set by the server in a cookie and put in the request
/// extensions. It only serves to count one vote per browser.
#[cfg(feature = "ssr")]
#[derive(Clone, Debug)]
pub struct ClientId(pub String);

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
    Ok(backend()?.article(lang, &id))
}

#[server(prefix = "/sfn", endpoint = "category")]
pub async fn get_category(lang: Locale, category: String) -> Result<Option<CategoryPage>, ServerFnError> {
    Ok(Category::from_id(&category).and_then(|c| backend().ok()?.category(lang, c)))
}

pub const RESULTS_PER_PAGE: usize = 10;

#[server(prefix = "/sfn", endpoint = "search")]
pub async fn search(lang: Locale, q: String, page: usize, category: Option<String>) -> Result<SearchResults, ServerFnError> {
    let category = category.as_deref().and_then(Category::from_id);
    Ok(backend()?.search(lang, &q, page.max(1), RESULTS_PER_PAGE, category))
}

/// Suggestions for the search box while typing.
#[server(prefix = "/sfn", endpoint = "suggest")]
pub async fn suggest(lang: Locale, q: String) -> Result<Vec<SearchHit>, ServerFnError> {
    Ok(backend()?.suggest(lang, &q, 6))
}

#[server(prefix = "/sfn", endpoint = "feedback-draft")]
pub async fn get_feedback_draft(token: String) -> Result<Option<FeedbackDraft>, ServerFnError> {
    Ok(backend()?.feedback_draft(&token))
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
    let client = use_context::<Parts>()
        .and_then(|p| p.extensions.get::<ClientId>().cloned())
        .ok_or_else(|| ServerFnError::new("client id missing"))?;
    let form = FeedbackForm { vote, comment };
    let result = backend()?.record_feedback(lang, &id, &client.0, &form).await;
    Ok(FeedbackReply { error: result.err() })
}

#[server(prefix = "/sfn", endpoint = "wizard-run")]
pub async fn get_wizard_run(id: String) -> Result<Option<SavedRun>, ServerFnError> {
    Ok(backend()?.wizard_run(&id).await)
}

/// The knowledge base entries a wizard relies on, with their titles in `lang`.
#[server(prefix = "/sfn", endpoint = "wizard-entries")]
pub async fn get_wizard_entries(lang: Locale, wizard: String) -> Result<Vec<ArticleSummary>, ServerFnError> {
    let Some(w) = crate::wizard::WizardId::parse(&wizard) else { return Ok(Vec::new()) };
    Ok(backend()?.entry_summaries(lang, w.entries()))
}
