//! The portal's review pages: the content-gaps queue with its triage and synonym patch,
//! the feedback review, and content health.

use super::portal::{page, session_of, unavailable};
use super::{query_param, AppState};
use crate::db::{day_of, rfc3339, unix_now, DbError, GapRow};
use app::locale::Locale;
use app::portal::feedback::{self as fb, CommentItem, CommentStatus, EntryFeedback, EntryReview, Votes};
use app::portal::gaps::{self, Decision, GapItem, ProposalItem, Tab, Triage};
use app::portal::health::{self, BrokenLink, CoverageRow, Health, StaleRow, UnvotedRow};
use app::portal::text::PortalText;
use app::portal::views::{portal_url, Notice};
use app::portal::Staff;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, Extensions, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use std::collections::{BTreeMap, HashMap};

fn who(lang: &str, ext: &Extensions) -> Option<(Locale, Staff)> {
    Some((Locale::from_code(lang)?, session_of(ext)?.staff))
}

fn field(body: &[u8], name: &str) -> Option<String> {
    form_urlencoded::parse(body).find(|(k, _)| k == name).map(|(_, v)| v.into_owned())
}

fn date(unix: i64) -> String {
    rfc3339(unix)[..10].to_owned()
}

fn title(state: &AppState, id: &str, lang: Locale) -> String {
    state.backend.content.get(id, lang).map_or_else(|| id.to_owned(), |e| e.title.clone())
}

/// `/{lang}/support/gaps`: the queue, one tab at a time, with what is new since the last
/// visit marked.
pub async fn gaps_list(State(state): State<AppState>, Path(lang): Path<String>, RawQuery(query): RawQuery, ext: Extensions) -> Response {
    let Some((lang, staff)) = who(&lang, &ext) else { return StatusCode::NOT_FOUND.into_response() };
    let t = PortalText::get(lang);
    let tab = Tab::parse(query_param(query.as_deref(), "tab").as_deref());
    let notice = query_param(query.as_deref(), "done").map(|_| Notice::Done(t.triage_done.to_owned()));
    let db = &state.backend.db;
    let status = match tab {
        Tab::Open => "open",
        Tab::Decided(d) => d.id(),
    };
    let loaded = async {
        let since = db.visit(&staff.email, "gaps").await?;
        let triage = db.triage().await?;
        let groups = db.gaps(status, 100).await?;
        let new_count = match since {
            Some(at) => usize::try_from(db.new_gaps(day_of(at)).await?).unwrap_or(0),
            None => 0,
        };
        Ok::<_, DbError>((since, triage, groups, new_count))
    };
    let Ok((since, triage, groups, new_count)) = loaded.await else {
        return page(StatusCode::SERVICE_UNAVAILABLE, gaps::gaps_page(lang, &staff, tab, None, 0, &[], notice));
    };
    let since_day = since.map(day_of);
    let is_new = |g: &GapRow| since_day.is_some_and(|d| g.first_day >= d);
    let triage: HashMap<String, crate::db::TriageRow> = triage.into_iter().collect();
    let mut items = Vec::new();
    for g in groups {
        let examples = db.gap_queries(&g.norm_hash, 5).await.unwrap_or_default();
        let decided = triage.get(&g.norm_hash).and_then(|tr| {
            Some(Triage {
                decision: Decision::parse(&tr.status)?,
                entry: tr.entry_id.as_ref().map(|id| (id.clone(), title(&state, id, lang))),
                by: tr.decided_by.clone(),
                at: date(tr.decided_at),
            })
        });
        items.push(GapItem {
            new: is_new(&g),
            hash: g.norm_hash,
            sample: g.sample,
            searches: g.searches,
            zero: g.zero_results,
            unclicked: g.unclicked,
            langs: g.langs.iter().filter_map(|l| Locale::from_code(l)).collect(),
            first: date(g.first_day * 86_400),
            last: date(g.last_day * 86_400),
            examples: examples.into_iter().filter_map(|(l, q)| Some((Locale::from_code(&l)?, q))).collect(),
            triage: decided,
        });
    }
    let mut entries: Vec<(String, String)> = state.backend.content.in_locale(lang).map(|e| (e.id.clone(), e.title.clone())).collect();
    entries.sort();
    page(StatusCode::OK, gaps::gaps_page(lang, &staff, tab, Some(items), new_count, &entries, notice))
}

/// Queries fit to be synonyms: typed words, not pasted logs or masked secrets.
fn synonym_candidates(queries: Vec<(String, String)>) -> Vec<(String, String)> {
    queries.into_iter().filter(|(_, q)| !q.contains('<') && !q.contains('\n') && q.chars().count() <= 60 && !q.trim().is_empty()).collect()
}

/// An editor's decision about a group; "answered" needs the entry and proposes the
/// group's queries as its synonyms.
pub async fn triage(State(state): State<AppState>, Path(lang): Path<String>, ext: Extensions, body: Bytes) -> Response {
    let Some((lang, staff)) = who(&lang, &ext) else { return StatusCode::NOT_FOUND.into_response() };
    let t = PortalText::get(lang);
    let hash = field(&body, "hash").filter(|h| h.len() == 16 && h.bytes().all(|b| b.is_ascii_hexdigit())).unwrap_or_default();
    let tab = field(&body, "tab").unwrap_or_default();
    let entry = field(&body, "entry").map(|e| e.trim().to_owned()).filter(|e| !e.is_empty());
    let decision = field(&body, "decision").unwrap_or_default();
    let back = |extra: &str| {
        let mut q = form_urlencoded::Serializer::new(String::new());
        if !tab.is_empty() {
            q.append_pair("tab", &tab);
        }
        let q = q.finish();
        let sep = if q.is_empty() { "" } else { "&" };
        format!("{}?{q}{sep}{extra}", portal_url(lang, "/gaps"))
    };
    let db = &state.backend.db;
    let problem = |msg: &str| (StatusCode::UNPROCESSABLE_ENTITY, msg.to_owned());
    let result: Result<(), (StatusCode, String)> = async {
        if hash.is_empty() {
            return Err(problem(t.unavailable));
        }
        if decision == "open" {
            return db.set_triage(&hash, "open", None, &staff.email).await.map_err(|_| problem(t.unavailable));
        }
        let d = Decision::parse(&decision).ok_or_else(|| problem(t.triage_need_entry))?;
        let entry = match (d, entry) {
            (Decision::Answered, None) => return Err(problem(t.triage_need_entry)),
            (Decision::Answered, Some(e)) if !state.backend.content.contains(&e) => return Err(problem(t.triage_unknown_entry)),
            (Decision::Answered, e) => e,
            _ => None,
        };
        db.set_triage(&hash, d.id(), entry.as_deref(), &staff.email).await.map_err(|_| problem(t.unavailable))?;
        if let (Decision::Answered, Some(e)) = (d, &entry) {
            let queries = synonym_candidates(db.gap_queries(&hash, 20).await.map_err(|_| problem(t.unavailable))?);
            db.add_proposals(e, &hash, &queries).await.map_err(|_| problem(t.unavailable))?;
        }
        tracing::info!(by = %staff.email, group = %hash, decision = %d.id(), entry = ?entry, "content gap triaged");
        Ok(())
    }
    .await;
    match result {
        Ok(()) => Redirect::to(&back("done=1")).into_response(),
        Err((status, msg)) => {
            let html = gaps::gaps_page(lang, &staff, Tab::parse(Some(&tab)), Some(Vec::new()), 0, &[], Some(Notice::Problem(msg)));
            page(status, html)
        }
    }
}

async fn proposal_items(state: &AppState, lang: Locale) -> Result<Vec<ProposalItem>, DbError> {
    Ok(state
        .backend
        .db
        .proposals()
        .await?
        .into_iter()
        .filter_map(|p| {
            Some(ProposalItem {
                entry_title: title(state, &p.entry_id, lang),
                lang: Locale::from_code(&p.lang)?,
                accepted: p.status == "accepted",
                entry_id: p.entry_id,
                query: p.query,
            })
        })
        .collect())
}

pub async fn proposals(State(state): State<AppState>, Path(lang): Path<String>, ext: Extensions) -> Response {
    let Some((lang, staff)) = who(&lang, &ext) else { return StatusCode::NOT_FOUND.into_response() };
    let items = proposal_items(&state, lang).await.ok();
    let status = if items.is_some() { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    page(status, gaps::proposals_page(lang, &staff, items))
}

pub async fn set_proposal(State(state): State<AppState>, Path(lang): Path<String>, ext: Extensions, body: Bytes) -> Response {
    let Some((lang, _)) = who(&lang, &ext) else { return StatusCode::NOT_FOUND.into_response() };
    let (Some(entry), Some(l), Some(q), Some(status)) = (field(&body, "entry"), field(&body, "lang"), field(&body, "query"), field(&body, "status")) else {
        return StatusCode::UNPROCESSABLE_ENTITY.into_response();
    };
    if !matches!(status.as_str(), "accepted" | "rejected") {
        return StatusCode::UNPROCESSABLE_ENTITY.into_response();
    }
    match state.backend.db.set_proposal(&entry, &l, &q, &status).await {
        Ok(_) => Redirect::to(&portal_url(lang, "/gaps/synonyms")).into_response(),
        Err(_) => unavailable(lang),
    }
}

/// `/{lang}/support/gaps/synonyms.patch`: every accepted proposal as a unified diff of the
/// entries' front matter, for `git apply` at the repository's root.
pub async fn synonyms_patch(State(state): State<AppState>, Path(lang): Path<String>, ext: Extensions) -> Response {
    let Some((lang, _)) = who(&lang, &ext) else { return StatusCode::NOT_FOUND.into_response() };
    let Ok(props) = state.backend.db.proposals().await else { return unavailable(lang) };
    let mut by_file: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for p in props.into_iter().filter(|p| p.status == "accepted") {
        by_file.entry((p.entry_id, p.lang)).or_default().push(p.query);
    }
    let mut out = String::new();
    for ((entry, l), queries) in by_file {
        if app::locale::Locale::from_code(&l).is_none() || crate::ids::check_id(&entry).is_err() {
            continue;
        }
        let file = state.http.content_dir.join("entries").join(&entry).join(format!("{l}.md"));
        let Ok(text) = std::fs::read_to_string(&file) else { continue };
        if let Some(diff) = crate::synonyms::patch(&format!("content/entries/{entry}/{l}.md"), &text, &queries) {
            out.push_str(&diff);
        }
    }
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("text/x-diff; charset=utf-8")),
            (header::CONTENT_DISPOSITION, HeaderValue::from_static("attachment; filename=\"ack-synonyms.patch\"")),
        ],
        out,
    )
        .into_response()
}

/// `/{lang}/support/feedback`: every entry with votes or comments, the least helpful first.
pub async fn feedback(State(state): State<AppState>, Path(lang): Path<String>, ext: Extensions) -> Response {
    let Some((lang, staff)) = who(&lang, &ext) else { return StatusCode::NOT_FOUND.into_response() };
    let db = &state.backend.db;
    let loaded = async { Ok::<_, DbError>((db.all_votes().await?, db.comment_counts().await?)) };
    let Ok((votes, comments)) = loaded.await else { return page(StatusCode::SERVICE_UNAVAILABLE, fb::feedback_page(lang, &staff, None)) };
    let mut by_entry: HashMap<String, EntryFeedback> = HashMap::new();
    let item = |id: &str| -> EntryFeedback { EntryFeedback { id: id.to_owned(), title: title(&state, id, lang), votes: Votes::default(), new_comments: 0 } };
    for v in votes {
        let e = by_entry.entry(v.entry_id.clone()).or_insert_with(|| item(&v.entry_id));
        if v.helpful {
            e.votes.yes += 1;
        } else {
            e.votes.no += 1;
        }
    }
    for (id, status, n) in comments {
        let e = by_entry.entry(id.clone()).or_insert_with(|| item(&id));
        if status == "new" {
            e.new_comments += n;
        }
    }
    let mut list: Vec<EntryFeedback> = by_entry.into_values().filter(|e| state.backend.content.contains(&e.id)).collect();
    fb::order_by_ratio(&mut list);
    page(StatusCode::OK, fb::feedback_page(lang, &staff, Some(list)))
}

/// Monday of the week of a day, as a date.
fn week_of(unix: i64) -> String {
    let day = day_of(unix);
    // 1970-01-01 was a Thursday: days since a Monday are (day + 3) mod 7.
    date((day - (day + 3).rem_euclid(7)) * 86_400)
}

pub async fn entry_feedback(State(state): State<AppState>, Path((lang, id)): Path<(String, String)>, RawQuery(query): RawQuery, ext: Extensions) -> Response {
    let Some((lang, staff)) = who(&lang, &ext) else { return StatusCode::NOT_FOUND.into_response() };
    if !state.backend.content.contains(&id) {
        return super::problem::page(&crate::error::AppError::NotFound, lang, super::problem::Offer::Home);
    }
    let status = query_param(query.as_deref(), "status").and_then(|s| CommentStatus::parse(&s));
    let only = query_param(query.as_deref(), "lang").and_then(|l| Locale::from_code(&l));
    let db = &state.backend.db;
    let loaded = async {
        Ok::<_, DbError>((db.all_votes().await?, db.comment_lines(&id, status.map_or("", |s| s.id()), only.map_or("", |l| l.code()), 500).await?))
    };
    let Ok((votes, comments)) = loaded.await else { return unavailable(lang) };
    let mut by_locale: BTreeMap<usize, (Locale, Votes)> = Locale::ALL.iter().enumerate().map(|(i, l)| (i, (*l, Votes::default()))).collect();
    let mut by_week: BTreeMap<String, Votes> = BTreeMap::new();
    for v in votes.into_iter().filter(|v| v.entry_id == id) {
        let Some(i) = Locale::ALL.iter().position(|l| l.code() == v.lang) else { continue };
        let w = by_week.entry(week_of(v.updated_at)).or_default();
        let l = &mut by_locale.get_mut(&i).expect("every locale").1;
        if v.helpful {
            l.yes += 1;
            w.yes += 1;
        } else {
            l.no += 1;
            w.no += 1;
        }
    }
    let review = EntryReview {
        title: title(&state, &id, lang),
        id,
        by_locale: by_locale.into_values().collect(),
        by_week: by_week.into_iter().collect(),
        comments: comments
            .into_iter()
            .filter_map(|c| {
                Some(CommentItem {
                    lang: Locale::from_code(&c.lang)?,
                    status: CommentStatus::parse(&c.status).unwrap_or(CommentStatus::New),
                    created: rfc3339(c.created_at).replace('T', " ").replace('Z', ""),
                    id: c.id,
                    helpful: c.helpful,
                    body: c.body,
                })
            })
            .collect(),
    };
    page(StatusCode::OK, fb::entry_feedback_page(lang, &staff, review, status, only))
}

pub async fn comment_status(State(state): State<AppState>, Path(lang): Path<String>, ext: Extensions, body: Bytes) -> Response {
    let Some((lang, _)) = who(&lang, &ext) else { return StatusCode::NOT_FOUND.into_response() };
    let (Some(id), Some(status)) = (field(&body, "id"), field(&body, "status").and_then(|s| CommentStatus::parse(&s))) else {
        return StatusCode::UNPROCESSABLE_ENTITY.into_response();
    };
    let home = portal_url(lang, "/feedback");
    let back = field(&body, "back").filter(|b| b.starts_with(&home) && !b.contains(['\r', '\n'])).unwrap_or(home);
    match state.backend.db.set_comment_status(&id, status.id()).await {
        Ok(_) => Redirect::to(&back).into_response(),
        Err(_) => unavailable(lang),
    }
}

/// `/{lang}/support/health`.
pub async fn health(State(state): State<AppState>, Path(lang): Path<String>, ext: Extensions) -> Response {
    let Some((lang, staff)) = who(&lang, &ext) else { return StatusCode::NOT_FOUND.into_response() };
    let content = &state.backend.content;
    let mut ids: Vec<&str> = content.ids().collect();
    ids.sort();
    let today = day_of(unix_now());
    let coverage = ids
        .iter()
        .map(|id| CoverageRow {
            id: (*id).to_owned(),
            title: title(&state, id, lang),
            updated: Locale::ALL.iter().map(|l| (*l, content.get(id, *l).map(|e| e.updated.clone()))).collect(),
        })
        .collect();
    let mut stale: Vec<StaleRow> = ids
        .iter()
        .filter_map(|id| {
            let oldest = Locale::ALL.iter().filter_map(|l| content.get(id, *l)).map(|e| e.updated.clone()).min()?;
            let age = today - day_of(crate::db::parse_date(&oldest)?);
            (age > health::STALE_DAYS).then(|| StaleRow { id: (*id).to_owned(), title: title(&state, id, lang), updated: oldest, age_days: age })
        })
        .collect();
    stale.sort_by(|a, b| b.age_days.cmp(&a.age_days));
    let db = &state.backend.db;
    let unvoted = async {
        let voted: std::collections::HashSet<String> = db.all_votes().await?.into_iter().map(|v| v.entry_id).collect();
        let viewed = db.top_entries(today - 29, today, None, 200).await?;
        Ok::<_, DbError>(
            viewed
                .into_iter()
                .filter(|e| e.views > 0 && !voted.contains(&e.entry_id) && content.contains(&e.entry_id))
                .take(20)
                .map(|e| UnvotedRow { title: title(&state, &e.entry_id, lang), id: e.entry_id, views: e.views })
                .collect(),
        )
    }
    .await
    .ok();
    let mut links_checked = 0;
    let mut broken = Vec::new();
    for e in content.all() {
        let rendered = e.rendered();
        let targets = rendered.entry_links.iter().chain(e.related.iter());
        for target in targets {
            links_checked += 1;
            if content.resolve(target).is_none() {
                broken.push(BrokenLink { entry: e.id.clone(), lang: e.lang, target: target.clone() });
            }
        }
        for w in &rendered.wizard_links {
            links_checked += 1;
            if app::wizard::WizardId::parse(w).is_none() {
                broken.push(BrokenLink { entry: e.id.clone(), lang: e.lang, target: format!("wizard:{w}") });
            }
        }
    }
    let h = Health { coverage, stale, unvoted, links_checked, entries_checked: content.all().count(), broken };
    page(StatusCode::OK, health::health_page(lang, &staff, h))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weeks_start_on_monday() {
        // 2026-11-25 is a Wednesday; its week began on Monday 2026-11-23.
        let wed = crate::db::parse_date("2026-11-25").unwrap() + 3600;
        assert_eq!(week_of(wed), "2026-11-23");
        let mon = crate::db::parse_date("2026-11-23").unwrap();
        assert_eq!(week_of(mon), "2026-11-23");
        let sun = crate::db::parse_date("2026-11-29").unwrap();
        assert_eq!(week_of(sun), "2026-11-23");
    }

    #[test]
    fn only_typed_words_become_synonym_proposals() {
        let q = |s: &str| ("zh".to_owned(), s.to_owned());
        let kept = synonym_candidates(vec![q("集群连不上"), q("dial tcp <IP>:6443"), q(&"长".repeat(61)), q("a\nb"), q("  ")]);
        assert_eq!(kept, vec![q("集群连不上")]);
    }
}
