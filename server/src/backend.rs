//! The server's implementation of the pages' [`Backend`]: content, search and database.

use crate::content::ContentStore;
use crate::db::{Db, VoteRow};
use crate::drafts::DraftStore;
use crate::search::SearchIndex;
use app::api::{Backend, FeedbackDraft};
use app::locale::Locale;
use app::model::*;
use app::wizard::{Inputs, WizardId};
use std::sync::Arc;

pub struct ServerBackend {
    pub content: Arc<ContentStore>,
    pub index: SearchIndex,
    pub db: Db,
    pub drafts: DraftStore,
}

/// How many entries the home page lists.
const FEATURED: usize = 8;

impl ServerBackend {
    pub fn new(content: Arc<ContentStore>, index: SearchIndex, db: Db) -> Self {
        ServerBackend { content, index, db, drafts: DraftStore::default() }
    }

    pub fn list(&self, lang: Locale) -> Vec<ArticleSummary> {
        self.content.in_locale(lang).map(|e| e.summary_view()).collect()
    }
}

#[async_trait::async_trait]
impl Backend for ServerBackend {
    fn home(&self, lang: Locale) -> HomeData {
        let categories = Category::ALL
            .into_iter()
            .map(|c| CategoryCount {
                category: c,
                name: c.name(lang).to_owned(),
                count: self.content.in_locale(lang).filter(|e| e.category == c).count(),
                url: urls::category(lang, c),
            })
            .filter(|c| c.count > 0)
            .collect();
        let mut featured: Vec<_> = self.content.in_locale(lang).collect();
        // The most recently updated first; the id breaks ties so the order is stable.
        featured.sort_by(|a, b| b.updated.cmp(&a.updated).then_with(|| a.id.cmp(&b.id)));
        HomeData {
            categories,
            featured: featured.into_iter().take(FEATURED).map(|e| e.summary_view()).collect(),
        }
    }

    fn article(&self, lang: Locale, id: &str) -> Option<ArticleView> {
        self.content.article_view(id, lang)
    }

    fn category(&self, lang: Locale, category: Category) -> Option<CategoryPage> {
        let entries: Vec<_> = self
            .content
            .in_locale(lang)
            .filter(|e| e.category == category)
            .map(|e| e.summary_view())
            .collect();
        Some(CategoryPage { category, name: category.name(lang).to_owned(), entries })
    }

    fn search(&self, lang: Locale, query: &str, page: usize, per_page: usize, category: Option<Category>) -> SearchResults {
        let results = self.index.search_in(&self.content, lang, query, page, per_page, category);
        if results.total == 0 && category.is_none() && !results.query.is_empty() {
            // Questions without an answer are kept for the support portal.
            let db = self.db.clone();
            let (query, lang) = (results.query.clone(), lang.code());
            tokio::spawn(async move {
                if let Err(e) = db.record_unanswered(&query, lang).await {
                    tracing::warn!(error = %e, "recording an unanswered search failed");
                }
            });
        }
        results
    }

    fn suggest(&self, lang: Locale, query: &str, limit: usize) -> Vec<SearchHit> {
        self.index.suggest(&self.content, lang, query, limit.clamp(1, 10))
    }

    async fn record_feedback(
        &self,
        lang: Locale,
        id: &str,
        client: &str,
        form: &FeedbackForm,
    ) -> Result<(), FeedbackError> {
        if !self.content.contains(id) {
            return Err(FeedbackError::UnknownEntry);
        }
        let valid = validate_feedback(form)?;
        let row = VoteRow {
            entry_id: id.to_owned(),
            client_id: client.to_owned(),
            lang: lang.code().to_owned(),
            helpful: valid.helpful,
        };
        self.db.record_vote(&row, valid.comment.as_deref()).await.map_err(|e| {
            tracing::error!(error = %e, entry = id, "storing feedback failed");
            FeedbackError::Storage
        })
    }

    fn feedback_draft(&self, token: &str) -> Option<FeedbackDraft> {
        self.drafts.get(token)
    }

    async fn wizard_run(&self, id: &str) -> Option<SavedRun> {
        if id.is_empty() || id.len() > 64 || !id.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return None;
        }
        let row = match self.db.wizard_run(id).await {
            Ok(row) => row?,
            Err(e) => {
                tracing::error!(error = %e, run = id, "reading a wizard run failed");
                return None;
            }
        };
        Some(SavedRun {
            id: row.id,
            wizard: WizardId::parse(&row.wizard)?,
            inputs: serde_json::from_str(&row.inputs).ok()?,
            lang: Locale::from_code(&row.lang).unwrap_or(Locale::DEFAULT),
            created: crate::db::rfc3339(row.created_at),
        })
    }

    fn entry_summaries(&self, lang: Locale, ids: &[&str]) -> Vec<ArticleSummary> {
        ids.iter().filter_map(|id| self.content.get(id, lang)).map(|e| e.summary_view()).collect()
    }
}

impl ServerBackend {
    /// Saves a finished run (only the wizard's own fields) and returns its id.
    pub async fn save_wizard_run(&self, w: WizardId, lang: Locale, inputs: &Inputs, client: &str) -> anyhow::Result<String> {
        let kept = w.inputs_from(inputs.iter().filter(|(_, v)| !v.trim().is_empty()).map(|(k, v)| (k.as_str(), v.as_str())));
        let json = serde_json::to_string(&kept)?;
        Ok(self.db.save_wizard_run(w.id(), lang.code(), &json, client).await?)
    }
}
