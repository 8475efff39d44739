//! The server's implementation of the pages' [`Backend`]: content, search and database,
//! with the service's rules around them: who may write, how often, and how much.

use crate::analytics::{Analytics, Event};
use crate::clientid::KeyRing;
use crate::config::PublicOrigin;
use crate::content::ContentStore;
use crate::db::{Db, DbError, VoteRow};
use crate::metrics::Metrics;
use crate::ratelimit::{Class, Limits};
use crate::cache::Cache;
use crate::search::SearchIndex;
use app::api::{Backend, Unavailable, Visitor};
use app::locale::Locale;
use app::model::*;
use app::wizard::{Inputs, WizardId};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub struct ServerBackend {
    pub content: Arc<ContentStore>,
    pub index: SearchIndex,
    pub db: Db,
    pub analytics: Analytics,
    pub keys: KeyRing,
    pub limits: Limits,
    pub metrics: Metrics,
    pub public: PublicOrigin,
    /// Answers to recent searches and suggestions; see [`Searched`].
    pub searched: Cache<SearchKey, Searched>,
    /// The output check over the knowledge base.
    pub checker: crate::check::Checker,
}

/// What a search answer depends on: the query as cleaned (and whether cleaning cut it),
/// the locale, the page, the category, and whether the last word is still being typed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SearchKey {
    lang: Locale,
    query: String,
    truncated: bool,
    page: usize,
    per_page: usize,
    category: Option<Category>,
    typing: bool,
}

/// A search's answer with the query as the analytics keep it. The index and the content do
/// not change while the process runs, so a repeated query (the same few letters typed by
/// everyone, a popular error) is answered without searching again.
pub struct Searched {
    results: SearchResults,
    /// The query with credentials masked, and its normalized form.
    masked: String,
    norm: String,
}

/// How many answers a cache generation holds (at most twice as many are kept): about
/// 5-12 KiB each, so at most ~12 MiB.
pub const SEARCH_CACHE_GENERATION: usize = 512;

/// How many entries the home page lists.
const FEATURED: usize = 8;
/// How long wizard inputs too long for a URL are kept.
pub const DRAFT_TTL: Duration = Duration::from_secs(24 * 3600);

impl ServerBackend {
    pub fn list(&self, lang: Locale) -> Vec<ArticleSummary> {
        self.content.in_locale(lang).map(|e| e.summary_view()).collect()
    }

    /// Queues a search for the analytics, without the credentials people paste along, and
    /// returns its id.
    pub fn record_search(&self, lang: Locale, query: &str, results: usize, top_entry: Option<String>, source: SearchSource) -> String {
        let masked = crate::masking::redact_secrets(query);
        let norm = crate::querynorm::normalize(&masked);
        self.record_masked_search(lang, masked, norm, results, top_entry, source)
    }

    fn record_masked_search(&self, lang: Locale, masked: String, norm: String, results: usize, top_entry: Option<String>, source: SearchSource) -> String {
        let id: String = crate::db::random_token().chars().take(16).collect();
        self.analytics.record(Event::Search(crate::db::SearchRow {
            id: id.clone(),
            at: crate::db::unix_now(),
            lang: lang.code().to_owned(),
            source: source.id(),
            norm,
            query: masked,
            results: results as i64,
            top_entry,
        }));
        id
    }

    /// The answer to a search or a suggestion, from the cache or made now.
    fn searched(&self, lang: Locale, raw: &str, page: usize, per_page: usize, category: Option<Category>, typing: bool) -> Arc<Searched> {
        let (query, truncated) = crate::search::clean_query(raw);
        let key = SearchKey { lang, query, truncated, page, per_page, category, typing };
        self.searched.get_or_insert_with(key, || {
            let results = if typing {
                self.index.suggestions(&self.content, lang, raw, per_page)
            } else {
                let mut results = self.index.search_in(&self.content, lang, raw, page, per_page, category);
                // Whether the text reads as command output is decided once per query.
                results.output = self.checker.recognises(raw);
                results
            };
            let masked = crate::masking::redact_secrets(&results.query);
            let norm = crate::querynorm::normalize(&masked);
            Searched { results, masked, norm }
        })
    }

    /// Queues a click on result `position` of search `search_id`.
    pub fn record_click(&self, search_id: &str, position: i64, target: &str) {
        self.analytics.record(Event::Click(crate::db::ClickRow {
            search_id: search_id.to_owned(),
            position,
            target: target.to_owned(),
            at: crate::db::unix_now(),
        }));
    }

    /// Queues an arrival through a `/go` link: its source (already checked by
    /// `links::arrival_source`) and the entry or operation it led to (`""`: nowhere).
    pub fn record_arrival(&self, lang: Locale, source: &str, target: &str) {
        self.analytics.record(Event::Arrival(crate::db::ArrivalRow {
            lang: lang.code().to_owned(),
            source: source.to_owned(),
            target: target.to_owned(),
            at: crate::db::unix_now(),
        }));
    }

    /// The client may write now: it has an id of ours and is within its write rate.
    fn may_write(&self, visitor: &Visitor) -> Result<String, WriteGate> {
        let client = visitor.client.clone().ok_or(WriteGate::NoSession)?;
        if self.limits.check(Class::Write, visitor.addr).is_err() {
            self.metrics.rate_limited(Class::Write.label());
            return Err(WriteGate::RateLimited);
        }
        Ok(client)
    }

    /// Saves a finished run (only the wizard's own fields) and returns its id.
    pub async fn save_wizard_run(&self, w: WizardId, lang: Locale, inputs: &Inputs, visitor: &Visitor) -> Result<String, SaveRefusal> {
        let client = self.may_write(visitor).map_err(WriteGate::refusal)?;
        let json = serde_json::to_string(&kept_inputs(w, inputs)).map_err(|_| SaveRefusal::Quota)?;
        self.db.save_wizard_run(w.id(), lang.code(), &json, &client).await.map_err(refusal)
    }

    /// Keeps inputs too long for a URL as a draft and returns its id.
    pub async fn save_draft(&self, w: WizardId, inputs: &Inputs, visitor: &Visitor) -> Result<String, SaveRefusal> {
        let client = self.may_write(visitor).map_err(WriteGate::refusal)?;
        let json = serde_json::to_string(&kept_inputs(w, inputs)).map_err(|_| SaveRefusal::Quota)?;
        self.db.save_draft(w.id(), &json, &client, DRAFT_TTL).await.map_err(refusal)
    }
}

/// Why a write may not happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WriteGate {
    NoSession,
    RateLimited,
}

impl WriteGate {
    fn refusal(self) -> SaveRefusal {
        match self {
            WriteGate::NoSession => SaveRefusal::NoSession,
            WriteGate::RateLimited => SaveRefusal::RateLimited,
        }
    }
    fn feedback(self) -> FeedbackError {
        match self {
            WriteGate::NoSession => FeedbackError::NoSession,
            WriteGate::RateLimited => FeedbackError::RateLimited,
        }
    }
}

fn refusal(e: DbError) -> SaveRefusal {
    match e {
        DbError::Quota => SaveRefusal::Quota,
        DbError::Unavailable => SaveRefusal::Unavailable,
        DbError::Sql(e) => {
            tracing::error!(error = %e, "storing wizard inputs failed");
            SaveRefusal::Unavailable
        }
    }
}

/// The wizard's own, non-empty fields.
fn kept_inputs(w: WizardId, inputs: &Inputs) -> Inputs {
    w.inputs_from(inputs.iter().filter(|(_, v)| !v.trim().is_empty()).map(|(k, v)| (k.as_str(), v.as_str())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn result_links_carry_their_search_and_position() {
        assert_eq!(with_click("/ja/entries/x", "0123456789abcdef", 2), "/ja/entries/x?from=0123456789abcdef.2");
        assert_eq!(
            with_click("/ja/entries/high-risk-operations#op-x", "0123456789abcdef", 1),
            "/ja/entries/high-risk-operations?from=0123456789abcdef.1#op-x"
        );
        assert_eq!(with_click("/ja/wizards/acl?kind=ack", "0123456789abcdef", 3), "/ja/wizards/acl?kind=ack&from=0123456789abcdef.3");
        assert_eq!(parse_click("0123456789abcdef.2"), Some(("0123456789abcdef", 2)));
        for bad in ["", "x.1", "0123456789abcdef", "0123456789abcdef.0", "0123456789abcdef.-1", "0123456789abcdeg.1", "0123456789abcdef.99999"] {
            assert_eq!(parse_click(bad), None, "{bad}");
        }
    }
}

impl ServerBackend {
    /// Saves a check (its paste with secrets masked) and returns its id.
    pub async fn save_check(&self, lang: Locale, kind: Option<app::check::OutputKind>, output: &str, visitor: &Visitor) -> Result<String, SaveRefusal> {
        let client = self.may_write(visitor).map_err(WriteGate::refusal)?;
        let kept = app::wizard::Inputs::from([
            ("kind".to_owned(), kind.map_or("auto", |k| k.id()).to_owned()),
            ("output".to_owned(), crate::masking::redact_secrets(output)),
        ]);
        let json = serde_json::to_string(&kept).map_err(|_| SaveRefusal::Quota)?;
        self.db.save_wizard_run(CHECK_RUN, lang.code(), &json, &client).await.map_err(refusal)
    }
}

/// The `wizard` column of a saved check in `wizard_runs`.
pub const CHECK_RUN: &str = "check";

/// What the check's words read from the knowledge base.
impl app::check::Lookup for ContentStore {
    fn entry(&self, l: Locale, id: &str) -> Option<(String, String)> {
        self.get(id, l).map(|e| (e.title.clone(), e.summary.clone()))
    }
    fn operation(&self, l: Locale, key: &str) -> Option<[String; 3]> {
        let t = self.high_risk().get(key)?.texts.get(&l)?;
        Some([t.operation.clone(), t.impact.clone(), t.recovery.clone()])
    }
    fn operation_url(&self, l: Locale, key: &str) -> String {
        crate::highrisk::HighRiskTable::url(l, key)
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

    fn search(&self, lang: Locale, query: &str, page: usize, per_page: usize, category: Option<Category>, source: SearchSource) -> SearchResults {
        let started = Instant::now();
        let searched = self.searched(lang, query, page.max(1), per_page.clamp(1, 50), category, false);
        let mut results = searched.results.clone();
        self.metrics.search(started.elapsed().as_secs_f64(), results.total > 0 || results.query.is_empty());
        // A search is recorded once: the first page, as asked (a category is a narrowing).
        if page == 1 && category.is_none() && !results.query.is_empty() {
            let top = results.results.first().map(|h| h.id.clone());
            let id = self.record_masked_search(lang, searched.masked.clone(), searched.norm.clone(), results.total, top, source);
            if source != SearchSource::Api {
                for (i, hit) in results.results.iter_mut().enumerate() {
                    hit.url = with_click(&hit.url, &id, i + 1);
                }
            }
            results.search_id = Some(id);
        }
        results
    }

    fn check(&self, lang: Locale, kind: Option<app::check::OutputKind>, output: &str) -> app::check::CheckReport {
        let raw = self.checker.check(output, kind);
        app::check::localize(&raw, lang, &*self.content)
    }

    async fn saved_check(&self, id: &str) -> Result<Option<app::model::SavedCheck>, Unavailable> {
        if !is_row_id(id) {
            return Ok(None);
        }
        let row = match self.db.wizard_run(id).await {
            Ok(Some(row)) if row.wizard == CHECK_RUN => row,
            Ok(_) => return Ok(None),
            Err(e) => {
                tracing::warn!(error = %e, run = id, "reading a saved check failed");
                return Err(Unavailable);
            }
        };
        let Ok(inputs) = serde_json::from_str::<app::wizard::Inputs>(&row.inputs) else { return Ok(None) };
        Ok(Some(app::model::SavedCheck {
            id: row.id,
            kind: inputs.get("kind").and_then(|k| app::check::OutputKind::parse(k)),
            output: inputs.get("output").cloned().unwrap_or_default(),
            lang: Locale::from_code(&row.lang).unwrap_or(Locale::DEFAULT),
            created: crate::db::rfc3339(row.created_at),
        }))
    }

    fn suggest(&self, lang: Locale, query: &str, limit: usize, source: SearchSource) -> Vec<SearchHit> {
        let searched = self.searched(lang, query, 1, limit.clamp(1, 10), None, true);
        let hits = &searched.results.results;
        if searched.results.query.chars().count() >= 2 {
            let top = hits.first().map(|h| h.id.clone());
            self.record_masked_search(lang, searched.masked.clone(), searched.norm.clone(), hits.len(), top, source);
        }
        hits.clone()
    }

    fn record_click_from(&self, from: &str, target: &str) {
        let target_ok = target.starts_with('/') && target.len() <= 300 && !target.chars().any(char::is_control);
        if let (Some((search, position)), true) = (parse_click(from), target_ok) {
            self.record_click(search, position, target);
        }
    }

    fn record_view(&self, lang: Locale, id: &str) {
        self.analytics.record(Event::View(crate::db::ViewRow { lang: lang.code().to_owned(), entry_id: id.to_owned(), at: crate::db::unix_now() }));
    }

    async fn record_feedback(&self, lang: Locale, id: &str, visitor: &Visitor, form: &FeedbackForm) -> Result<(), FeedbackError> {
        if !self.content.contains(id) {
            return Err(FeedbackError::UnknownEntry);
        }
        let valid = validate_feedback(form)?;
        let client = self.may_write(visitor).map_err(WriteGate::feedback)?;
        let row = VoteRow { entry_id: id.to_owned(), client_id: client, lang: lang.code().to_owned(), helpful: valid.helpful };
        let comment = valid.comment.as_deref().map(crate::masking::redact_secrets);
        self.db.record_vote(&row, comment.as_deref()).await.map_err(|e| match e {
            DbError::Quota => FeedbackError::Quota,
            DbError::Unavailable => FeedbackError::Storage,
            DbError::Sql(e) => {
                tracing::error!(error = %e, entry = id, "storing feedback failed");
                FeedbackError::Storage
            }
        })
    }

    async fn wizard_run(&self, id: &str) -> Result<Option<SavedRun>, Unavailable> {
        if !is_row_id(id) {
            return Ok(None);
        }
        let row = match self.db.wizard_run(id).await {
            Ok(Some(row)) => row,
            Ok(None) => return Ok(None),
            Err(e) => {
                tracing::warn!(error = %e, run = id, "reading a wizard run failed");
                return Err(Unavailable);
            }
        };
        Ok((|| {
            Some(SavedRun {
                id: row.id,
                wizard: WizardId::parse(&row.wizard)?,
                inputs: serde_json::from_str(&row.inputs).ok()?,
                lang: Locale::from_code(&row.lang).unwrap_or(Locale::DEFAULT),
                created: crate::db::rfc3339(row.created_at),
            })
        })())
    }

    async fn wizard_draft(&self, wizard: WizardId, id: &str) -> Result<Option<Inputs>, Unavailable> {
        if !is_row_id(id) {
            return Ok(None);
        }
        match self.db.draft(id).await {
            Ok(Some(d)) if d.wizard == wizard.id() => Ok(serde_json::from_str(&d.inputs).ok()),
            Ok(_) => Ok(None),
            Err(e) => {
                tracing::warn!(error = %e, draft = id, "reading a wizard draft failed");
                Err(Unavailable)
            }
        }
    }

    fn entry_summaries(&self, lang: Locale, ids: &[&str]) -> Vec<ArticleSummary> {
        ids.iter().filter_map(|id| self.content.get(id, lang)).map(|e| e.summary_view()).collect()
    }
}

/// A result link that says which search and position it came from (before any `#`).
pub fn with_click(url: &str, search_id: &str, position: usize) -> String {
    let (path, fragment) = match url.find('#') {
        Some(i) => (&url[..i], &url[i..]),
        None => (url, ""),
    };
    let sep = if path.contains('?') { '&' } else { '?' };
    format!("{path}{sep}from={search_id}.{position}{fragment}")
}

/// The search and position of a `from` parameter (`<16 hex>.<position>`).
pub fn parse_click(from: &str) -> Option<(&str, i64)> {
    let (id, pos) = from.split_once('.')?;
    let position: i64 = pos.parse().ok().filter(|p| (1..=1000).contains(p))?;
    (id.len() == 16 && id.bytes().all(|b| b.is_ascii_hexdigit())).then_some((id, position))
}

/// Ids of runs and drafts: letters and digits, never long.
fn is_row_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_alphanumeric())
}
