//! Transport types: what the pages, the server functions and the JSON API exchange.
//!
//! They are deliberately separate from the content files, the search index documents and
//! the database rows, which live in the `server` crate.

use crate::locale::Locale;
use serde::{Deserialize, Serialize};

/// The fixed set of knowledge base categories.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    Cluster,
    Nodes,
    ControlPlane,
    Network,
    Storage,
    Access,
    Diagnostics,
    Operations,
}

impl Category {
    pub const ALL: [Category; 8] = [
        Category::Diagnostics,
        Category::ControlPlane,
        Category::Nodes,
        Category::Network,
        Category::Access,
        Category::Storage,
        Category::Cluster,
        Category::Operations,
    ];

    pub const fn id(self) -> &'static str {
        match self {
            Category::Cluster => "cluster",
            Category::Nodes => "nodes",
            Category::ControlPlane => "control-plane",
            Category::Network => "network",
            Category::Storage => "storage",
            Category::Access => "access",
            Category::Diagnostics => "diagnostics",
            Category::Operations => "operations",
        }
    }

    pub fn from_id(id: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.id() == id)
    }

    pub const fn name(self, locale: Locale) -> &'static str {
        use Category::*;
        use Locale::*;
        match (self, locale) {
            (Cluster, Zh) => "集群管理",
            (Cluster, ZhTw) => "叢集管理",
            (Cluster, Id) => "Manajemen kluster",
            (Cluster, Ja) => "クラスター管理",
            (Nodes, Zh) => "节点与容器运行时",
            (Nodes, ZhTw) => "節點與容器執行階段",
            (Nodes, Id) => "Node dan runtime kontainer",
            (Nodes, Ja) => "ノードとコンテナランタイム",
            (ControlPlane, Zh) => "控制面与 API Server",
            (ControlPlane, ZhTw) => "控制平面與 API Server",
            (ControlPlane, Id) => "Control plane dan API Server",
            (ControlPlane, Ja) => "コントロールプレーンと API Server",
            (Network, Zh) => "网络与负载均衡",
            (Network, ZhTw) => "網路與負載平衡",
            (Network, Id) => "Jaringan dan load balancer",
            (Network, Ja) => "ネットワークとロードバランサー",
            (Storage, Zh) => "存储",
            (Storage, ZhTw) => "儲存",
            (Storage, Id) => "Penyimpanan",
            (Storage, Ja) => "ストレージ",
            (Access, Zh) => "访问与权限",
            (Access, ZhTw) => "存取與權限",
            (Access, Id) => "Akses dan izin",
            (Access, Ja) => "アクセスと権限",
            (Diagnostics, Zh) => "诊断与排障",
            (Diagnostics, ZhTw) => "診斷與故障排除",
            (Diagnostics, Id) => "Diagnostik dan pemecahan masalah",
            (Diagnostics, Ja) => "診断とトラブルシューティング",
            (Operations, Zh) => "运维须知与高危操作",
            (Operations, ZhTw) => "維運須知與高風險操作",
            (Operations, Id) => "Catatan operasional dan operasi berisiko tinggi",
            (Operations, Ja) => "運用上の注意と高リスク操作",
        }
    }
}

/// The groups of the high-risk operations tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum HighRiskGroup {
    Cluster,
    WorkerNodes,
    MasterNodes,
    NodePools,
    Network,
    Storage,
    Logging,
}

impl HighRiskGroup {
    pub const ALL: [HighRiskGroup; 7] = [
        HighRiskGroup::Cluster,
        HighRiskGroup::WorkerNodes,
        HighRiskGroup::MasterNodes,
        HighRiskGroup::NodePools,
        HighRiskGroup::Network,
        HighRiskGroup::Storage,
        HighRiskGroup::Logging,
    ];

    pub const fn id(self) -> &'static str {
        match self {
            HighRiskGroup::Cluster => "cluster",
            HighRiskGroup::WorkerNodes => "worker-nodes",
            HighRiskGroup::MasterNodes => "master-nodes",
            HighRiskGroup::NodePools => "node-pools",
            HighRiskGroup::Network => "network",
            HighRiskGroup::Storage => "storage",
            HighRiskGroup::Logging => "logging",
        }
    }

    pub fn from_id(id: &str) -> Option<HighRiskGroup> {
        HighRiskGroup::ALL.into_iter().find(|g| g.id() == id)
    }

    pub const fn name(self, locale: Locale) -> &'static str {
        use HighRiskGroup::*;
        use Locale::*;
        match (self, locale) {
            (Cluster, Zh) => "集群",
            (Cluster, ZhTw) => "叢集",
            (Cluster, Id) => "Kluster",
            (Cluster, Ja) => "クラスター",
            (WorkerNodes, Zh) => "Worker 节点",
            (WorkerNodes, ZhTw) => "Worker 節點",
            (WorkerNodes, Id) => "Node Worker",
            (WorkerNodes, Ja) => "Worker ノード",
            (MasterNodes, Zh) => "Master 节点（ACK 专有集群）",
            (MasterNodes, ZhTw) => "Master 節點（ACK 專有叢集）",
            (MasterNodes, Id) => "Node Master (kluster khusus ACK)",
            (MasterNodes, Ja) => "Master ノード（ACK 専用クラスター）",
            (NodePools, Zh) => "节点池",
            (NodePools, ZhTw) => "節點池",
            (NodePools, Id) => "Node pool",
            (NodePools, Ja) => "ノードプール",
            (Network, Zh) => "网络与负载均衡",
            (Network, ZhTw) => "網路與負載平衡",
            (Network, Id) => "Jaringan dan load balancer",
            (Network, Ja) => "ネットワークとロードバランサー",
            (Storage, Zh) => "存储",
            (Storage, ZhTw) => "儲存",
            (Storage, Id) => "Penyimpanan",
            (Storage, Ja) => "ストレージ",
            (Logging, Zh) => "日志",
            (Logging, ZhTw) => "日誌",
            (Logging, Id) => "Log",
            (Logging, Ja) => "ログ",
        }
    }
}

/// One high-risk operation in one locale.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HighRiskRow {
    /// The row's anchor is `op-<key>`.
    pub key: String,
    pub operation: String,
    pub impact: String,
    pub recovery: String,
    /// The entry that covers this operation on its own, if any.
    pub entry_url: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HighRiskGroupView {
    pub group: HighRiskGroup,
    pub name: String,
    pub rows: Vec<HighRiskRow>,
}

/// What kind of thing a search result points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HitKind {
    Article,
    /// A row of the high-risk operations table.
    Operation,
    /// A guided remediation wizard.
    Wizard,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    pub id: String,
    pub lang: Locale,
    pub title: String,
    pub url: String,
    /// Plain text around the best match.
    pub snippet: String,
    /// The same snippet as HTML, escaped, with matches in `<mark>`.
    pub snippet_html: String,
    pub score: f32,
    pub kind: HitKind,
    pub category: Category,
    /// The query matched one of this entry's error signatures: it is the known answer.
    #[serde(default)]
    pub known_error: bool,
}

impl SearchHit {
    /// The label next to a result: its category, or "wizard" for a wizard.
    pub fn badge(&self, lang: Locale) -> &'static str {
        match self.kind {
            HitKind::Wizard => crate::i18n::Strings::get(lang).wizards,
            _ => self.category.name(lang),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    /// The query as searched: cleaned of control characters and capped in length.
    pub query: String,
    pub lang: Locale,
    pub total: usize,
    /// True when the input was longer than [`MAX_QUERY_CHARS`] and was cut.
    pub truncated: bool,
    pub page: usize,
    pub per_page: usize,
    pub results: Vec<SearchHit>,
    /// How many results each category has, before any category filter.
    #[serde(default)]
    pub facets: Vec<CategoryCount>,
    /// The category the results are limited to, if any.
    #[serde(default)]
    pub category: Option<Category>,
    /// When nothing was found: other spellings of the query that do find something.
    #[serde(default)]
    pub alternatives: Vec<String>,
    /// The id under which this search was recorded for the portal's analytics; result
    /// links carry it (`?from=<id>.<position>`) so that a click is counted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search_id: Option<String>,
    /// The query reads as command output: the output check (`/{lang}/check`) reads it
    /// line by line.
    #[serde(default)]
    pub output: bool,
}

/// Where a search came from, for the portal's analytics.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SearchSource {
    /// The results page.
    Page,
    /// Suggestions while typing in the search box.
    Suggest,
    /// The JSON API.
    Api,
    /// The browser's search bar (OpenSearch results and address-bar suggestions).
    OpenSearch,
    /// A `/go?q=` link from another product.
    Go,
}

impl SearchSource {
    pub fn id(self) -> &'static str {
        match self {
            SearchSource::Page => "page",
            SearchSource::Suggest => "suggest",
            SearchSource::Api => "api",
            SearchSource::OpenSearch => "opensearch",
            SearchSource::Go => "go",
        }
    }

    /// The `src` parameter of a results page (`opensearch`, `go`); anything else is the page.
    pub fn from_param(src: Option<&str>) -> SearchSource {
        match src {
            Some("opensearch") => SearchSource::OpenSearch,
            Some("go") => SearchSource::Go,
            _ => SearchSource::Page,
        }
    }
}

/// A finished wizard run as stored: what was typed. The page evaluates it again in the
/// reader's locale, so one saved run reads in all four.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedRun {
    pub id: String,
    pub wizard: crate::wizard::WizardId,
    pub inputs: crate::wizard::Inputs,
    /// The locale it was saved in.
    pub lang: Locale,
    /// When it was saved, RFC 3339 in UTC.
    pub created: String,
}

/// A saved output check as stored: the paste (secrets masked) and the kind chosen.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedCheck {
    pub id: String,
    pub kind: Option<crate::check::OutputKind>,
    pub output: String,
    pub lang: Locale,
    pub created: String,
}

/// A saved check as a page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedCheckView {
    pub id: String,
    pub created: String,
    pub report: crate::check::CheckReport,
}

/// Queries are cut to this many characters; a pasted log is searched by its beginning.
pub const MAX_QUERY_CHARS: usize = 1000;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArticleSummary {
    pub id: String,
    pub lang: Locale,
    pub title: String,
    pub summary: String,
    pub category: Category,
    pub url: String,
    pub updated: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Heading {
    pub level: u8,
    pub anchor: String,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArticleView {
    pub id: String,
    pub lang: Locale,
    pub title: String,
    pub summary: String,
    pub category: Category,
    pub tags: Vec<String>,
    pub updated: String,
    pub url: String,
    /// Rendered and sanitized: raw HTML from the content is escaped.
    pub body_html: String,
    pub plain_text: String,
    pub headings: Vec<Heading>,
    /// Every locale the entry exists in.
    pub locales: Vec<Locale>,
    pub related: Vec<ArticleSummary>,
    /// The high-risk operations tables, on the entry that presents them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub high_risk: Vec<HighRiskGroupView>,
    /// The wizard that walks through this entry's fix, if there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wizard: Option<String>,
    /// The steps of the body's numbered procedure, as plain text (for `HowTo`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<String>,
    /// The error messages the entry answers, variable parts as placeholders.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CategoryCount {
    pub category: Category,
    pub name: String,
    pub count: usize,
    pub url: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HomeData {
    pub categories: Vec<CategoryCount>,
    pub featured: Vec<ArticleSummary>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CategoryPage {
    pub category: Category,
    pub name: String,
    pub entries: Vec<ArticleSummary>,
}

/// The longest comment the feedback form takes, in characters.
pub const MAX_COMMENT_CHARS: usize = 2000;

/// What the "Was this helpful?" form sends.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FeedbackForm {
    /// "yes" or "no".
    #[serde(default)]
    pub vote: Option<String>,
    #[serde(default)]
    pub comment: Option<String>,
}

/// A feedback submission that passed validation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidFeedback {
    pub helpful: bool,
    pub comment: Option<String>,
}

/// Why a feedback submission was refused. Each has a localized message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeedbackError {
    MissingVote,
    CommentTooLong,
    UnknownEntry,
    /// The database could not take it right now.
    Storage,
    /// The browser has no id from this server yet (a first visit, cookies off, or a form
    /// from somewhere else): it is not counted as a new voter.
    NoSession,
    /// Too many submissions from this client in a short time.
    RateLimited,
    /// This browser's comments for the day are used up.
    Quota,
}

impl FeedbackError {
    pub const ALL: [FeedbackError; 7] = [
        FeedbackError::MissingVote,
        FeedbackError::CommentTooLong,
        FeedbackError::UnknownEntry,
        FeedbackError::Storage,
        FeedbackError::NoSession,
        FeedbackError::RateLimited,
        FeedbackError::Quota,
    ];

    pub fn code(self) -> &'static str {
        match self {
            FeedbackError::MissingVote => "missing_vote",
            FeedbackError::CommentTooLong => "comment_too_long",
            FeedbackError::UnknownEntry => "unknown_entry",
            FeedbackError::Storage => "storage",
            FeedbackError::NoSession => "no_session",
            FeedbackError::RateLimited => "rate_limited",
            FeedbackError::Quota => "quota",
        }
    }

    pub fn from_code(code: &str) -> Option<FeedbackError> {
        FeedbackError::ALL.into_iter().find(|e| e.code() == code)
    }

    pub fn message(self, locale: Locale) -> &'static str {
        let s = crate::i18n::Strings::get(locale);
        match self {
            FeedbackError::MissingVote => s.feedback_error_vote,
            FeedbackError::CommentTooLong => s.feedback_error_comment_long,
            FeedbackError::UnknownEntry => s.feedback_error_unknown,
            FeedbackError::Storage => s.feedback_error_storage,
            FeedbackError::NoSession => s.feedback_error_session,
            FeedbackError::RateLimited => s.feedback_error_rate,
            FeedbackError::Quota => s.feedback_error_quota,
        }
    }
}

/// Why a wizard run was not saved. Each has a localized message; the inputs stay in the
/// page either way.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SaveRefusal {
    /// The browser has no id from this server yet, or the form came from elsewhere.
    NoSession,
    RateLimited,
    /// This browser's saved runs for the day are used up, or the inputs are too large.
    Quota,
    /// The database could not take it right now.
    Unavailable,
}

impl SaveRefusal {
    pub const ALL: [SaveRefusal; 4] = [SaveRefusal::NoSession, SaveRefusal::RateLimited, SaveRefusal::Quota, SaveRefusal::Unavailable];

    pub fn message(self, locale: Locale) -> &'static str {
        let s = crate::i18n::Strings::get(locale);
        match self {
            SaveRefusal::NoSession => s.wz_save_session,
            SaveRefusal::RateLimited => s.wz_save_rate,
            SaveRefusal::Quota => s.wz_save_quota,
            SaveRefusal::Unavailable => s.wz_save_unavailable,
        }
    }
}

/// Checks a feedback form. The comment is trimmed; control characters other than
/// newlines and tabs are dropped; an empty comment is no comment.
pub fn validate_feedback(form: &FeedbackForm) -> Result<ValidFeedback, FeedbackError> {
    let helpful = match form.vote.as_deref().map(str::trim) {
        Some("yes") => true,
        Some("no") => false,
        _ => return Err(FeedbackError::MissingVote),
    };
    let comment = form.comment.as_deref().map(clean_comment).unwrap_or_default();
    if comment.chars().count() > MAX_COMMENT_CHARS {
        return Err(FeedbackError::CommentTooLong);
    }
    Ok(ValidFeedback {
        helpful,
        comment: (!comment.is_empty()).then_some(comment),
    })
}

fn clean_comment(raw: &str) -> String {
    raw.chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect::<String>()
        .trim()
        .to_owned()
}

/// Where things live. Every URL the console hands out is built here.
pub mod urls {
    /// The longest URL the console puts in a redirect or a link. Proxies with default
    /// settings refuse much longer request lines (nginx: 8 KB), and a lost URL is lost input.
    pub const MAX_URL_BYTES: usize = 4000;

    use super::Category;
    use crate::locale::Locale;

    pub fn home(lang: Locale) -> String {
        format!("/{}", lang.code())
    }
    /// The stable link for other products: an entry (or an operation row) in the reader's
    /// locale.
    pub fn go(id: &str) -> String {
        format!("/go/{}", encode_component(id))
    }
    pub fn entry(lang: Locale, id: &str) -> String {
        format!("/{}/entries/{}", lang.code(), encode_component(id))
    }
    pub fn category(lang: Locale, category: Category) -> String {
        format!("/{}/categories/{}", lang.code(), category.id())
    }
    pub fn search(lang: Locale, query: &str) -> String {
        format!("/{}/search?q={}", lang.code(), encode_component(query))
    }
    /// A search URL that stays under [`MAX_URL_BYTES`]: the query is cut at a character
    /// boundary, after the last whole word that fits when there is one.
    pub fn search_capped(lang: Locale, query: &str) -> String {
        let full = search(lang, query);
        if full.len() <= MAX_URL_BYTES {
            return full;
        }
        let budget = MAX_URL_BYTES - search(lang, "").len();
        let mut used = 0;
        let mut end = 0;
        let mut last_space = None;
        for (i, c) in query.char_indices() {
            let mut buf = [0u8; 4];
            let cost = encode_component(c.encode_utf8(&mut buf)).len();
            if used + cost > budget {
                break;
            }
            used += cost;
            end = i + c.len_utf8();
            if c.is_whitespace() {
                last_space = Some(i);
            }
        }
        let cut = match last_space {
            Some(i) if i > end / 2 => &query[..i],
            _ => &query[..end],
        };
        search(lang, cut.trim_end())
    }
    pub fn search_in(lang: Locale, query: &str, category: Option<Category>) -> String {
        match category {
            Some(c) => format!("{}&category={}", search(lang, query), c.id()),
            None => search(lang, query),
        }
    }
    pub fn feedback(lang: Locale, id: &str) -> String {
        format!("/{}/entries/{}/feedback", lang.code(), encode_component(id))
    }
    pub fn wizards(lang: Locale) -> String {
        format!("/{}/wizards", lang.code())
    }
    pub fn wizard(lang: Locale, name: &str) -> String {
        format!("/{}/wizards/{}", lang.code(), name)
    }
    /// Where a wizard's step forms post.
    pub fn wizard_submit(lang: Locale, name: &str) -> String {
        format!("/{}/wizards/{}/submit", lang.code(), name)
    }
    pub fn wizard_run(lang: Locale, name: &str, run: &str) -> String {
        format!("/{}/wizards/{}/runs/{}", lang.code(), encode_component(name), encode_component(run))
    }
    pub fn check(lang: Locale) -> String {
        format!("/{}/check", lang.code())
    }
    /// The check page with a paste (and a kind) in its query: what the search page offers.
    pub fn check_with(lang: Locale, output: &str) -> String {
        format!("/{}/check?output={}", lang.code(), encode_component(output))
    }
    pub fn check_run(lang: Locale, run: &str) -> String {
        format!("/{}/check/runs/{}", lang.code(), encode_component(run))
    }
    pub fn check_run_markdown(lang: Locale, run: &str) -> String {
        format!("{}/markdown", check_run(lang, run))
    }
    pub fn wizard_run_markdown(lang: Locale, name: &str, run: &str) -> String {
        format!("{}/markdown", wizard_run(lang, name, run))
    }
    /// Sets the language cookie, then goes to `next`.
    pub fn switch_language(to: Locale, next: &str) -> String {
        format!("/lang/{}?next={}", to.code(), encode_component(next))
    }

    /// Percent-encodes everything but the unreserved characters of RFC 3986.
    pub fn encode_component(s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        for b in s.bytes() {
            match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                    out.push(b as char)
                }
                _ => out.push_str(&format!("%{b:02X}")),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(vote: Option<&str>, comment: Option<&str>) -> FeedbackForm {
        FeedbackForm {
            vote: vote.map(str::to_owned),
            comment: comment.map(str::to_owned),
        }
    }

    #[test]
    fn validates_feedback_forms() {
        let long = "字".repeat(MAX_COMMENT_CHARS + 1);
        let max = "字".repeat(MAX_COMMENT_CHARS);
        let cases: Vec<(FeedbackForm, Result<ValidFeedback, FeedbackError>)> = vec![
            (form(Some("yes"), None), Ok(ValidFeedback { helpful: true, comment: None })),
            (form(Some("no"), Some("  ")), Ok(ValidFeedback { helpful: false, comment: None })),
            (
                form(Some("no"), Some(" 步骤 3 失败\u{0} ")),
                Ok(ValidFeedback { helpful: false, comment: Some("步骤 3 失败".into()) }),
            ),
            (form(None, Some("x")), Err(FeedbackError::MissingVote)),
            (form(Some("maybe"), None), Err(FeedbackError::MissingVote)),
            (form(Some("yes"), Some(&long)), Err(FeedbackError::CommentTooLong)),
            (form(Some("yes"), Some(&max)), Ok(ValidFeedback { helpful: true, comment: Some(max.clone()) })),
            (form(Some(" yes "), None), Ok(ValidFeedback { helpful: true, comment: None })),
        ];
        for (input, want) in cases {
            assert_eq!(validate_feedback(&input), want, "{input:?}");
        }
    }

    #[test]
    fn feedback_error_codes_round_trip_and_every_refusal_has_four_messages() {
        for e in FeedbackError::ALL {
            assert_eq!(FeedbackError::from_code(e.code()), Some(e));
            for l in Locale::ALL {
                assert!(!e.message(l).is_empty());
            }
        }
        for r in SaveRefusal::ALL {
            for l in Locale::ALL {
                assert!(!r.message(l).is_empty());
            }
        }
    }

    #[test]
    fn builds_encoded_urls() {
        assert_eq!(urls::search(Locale::ZhTw, "a b&c"), "/zh-TW/search?q=a%20b%26c");
        assert_eq!(urls::search(Locale::Zh, "证书"), "/zh/search?q=%E8%AF%81%E4%B9%A6");
        assert_eq!(urls::entry(Locale::Ja, "x"), "/ja/entries/x");
        assert_eq!(urls::entry(Locale::Ja, "a\r\nb/c"), "/ja/entries/a%0D%0Ab%2Fc", "ids cannot break a header or a path");
        assert_eq!(urls::feedback(Locale::Zh, "ok-id"), "/zh/entries/ok-id/feedback");
        assert_eq!(urls::search_capped(Locale::Zh, "证书"), urls::search(Locale::Zh, "证书"));
        let long = "x509 证书过期 ".repeat(2000);
        let capped = urls::search_capped(Locale::Ja, &long);
        assert!(capped.len() <= urls::MAX_URL_BYTES && capped.len() > urls::MAX_URL_BYTES - 100, "{}", capped.len());
        assert!(capped.ends_with("%E8%BF%87%E6%9C%9F") || capped.ends_with("x509"), "cut after a whole word: {}", &capped[capped.len() - 30..]);
        let one_word = "a".repeat(10_000);
        assert_eq!(urls::search_capped(Locale::Id, &one_word).len(), urls::MAX_URL_BYTES);
    }

    #[test]
    fn every_high_risk_group_round_trips_and_has_four_names() {
        for g in HighRiskGroup::ALL {
            assert_eq!(HighRiskGroup::from_id(g.id()), Some(g));
            for l in Locale::ALL {
                assert!(!g.name(l).is_empty());
            }
        }
    }

    #[test]
    fn every_category_round_trips_and_has_four_names() {
        for c in Category::ALL {
            assert_eq!(Category::from_id(c.id()), Some(c));
            for l in Locale::ALL {
                assert!(!c.name(l).is_empty());
            }
        }
    }
}
