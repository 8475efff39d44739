//! Content health: locale coverage, stale entries, much-read entries nobody voted on, and
//! the internal links.

use super::text::PortalText;
use super::views::{document, frame, portal_url, Section};
use super::Staff;
use crate::i18n::fill;
use crate::locale::Locale;
use crate::model::urls;
use leptos::prelude::*;

/// Entries older than this are listed as stale.
pub const STALE_DAYS: i64 = 180;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CoverageRow {
    pub id: String,
    pub title: String,
    /// The `updated` date in each locale, or None where the entry is missing.
    pub updated: Vec<(Locale, Option<String>)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaleRow {
    pub id: String,
    pub title: String,
    pub updated: String,
    pub age_days: i64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnvotedRow {
    pub id: String,
    pub title: String,
    pub views: i64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrokenLink {
    pub entry: String,
    pub lang: Locale,
    pub target: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Health {
    pub coverage: Vec<CoverageRow>,
    pub stale: Vec<StaleRow>,
    /// None when the view counts cannot be read.
    pub unvoted: Option<Vec<UnvotedRow>>,
    pub links_checked: usize,
    pub entries_checked: usize,
    pub broken: Vec<BrokenLink>,
}

pub fn health_page(lang: Locale, staff: &Staff, h: Health) -> String {
    let t = PortalText::get(lang);
    let coverage = view! {
        <section class="stat-table">
            <h2>{t.health_coverage}</h2>
            <div class="table-wrap">
                <table class="portal-table">
                    <thead><tr>
                        <th scope="col">{t.col_entry}</th>
                        {Locale::ALL.into_iter().map(|l| view! { <th scope="col">{l.native_name()}</th> }).collect_view()}
                    </tr></thead>
                    <tbody>
                        {h.coverage.into_iter().map(|r| view! {
                            <tr>
                                <td><a href=urls::entry(lang, &r.id)>{r.title}</a></td>
                                {r.updated.into_iter().map(|(_, u)| match u {
                                    Some(d) => view! { <td>"✓ " {d}</td> }.into_any(),
                                    None => view! { <td class="missing">"✕"</td> }.into_any(),
                                }).collect_view()}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    };
    let stale = view! {
        <section class="stat-table">
            <h2>{fill(t.health_stale, &[("n", &STALE_DAYS.to_string())])}</h2>
            {if h.stale.is_empty() {
                view! { <p class="hint">{t.none_yet}</p> }.into_any()
            } else {
                view! {
                    <table class="portal-table">
                        <thead><tr><th scope="col">{t.col_entry}</th><th scope="col">{t.col_updated}</th><th scope="col" class="num">{t.col_age}</th></tr></thead>
                        <tbody>
                            {h.stale.into_iter().map(|r| view! {
                                <tr><td><a href=urls::entry(lang, &r.id)>{r.title}</a></td><td>{r.updated}</td><td class="num">{r.age_days}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }
                .into_any()
            }}
        </section>
    };
    let unvoted = view! {
        <section class="stat-table">
            <h2>{t.health_unvoted}</h2>
            {match h.unvoted {
                None => view! { <p class="form-errors" role="alert">{t.unavailable}</p> }.into_any(),
                Some(rows) if rows.is_empty() => view! { <p class="hint">{t.none_yet}</p> }.into_any(),
                Some(rows) => view! {
                    <table class="portal-table">
                        <thead><tr><th scope="col">{t.col_entry}</th><th scope="col" class="num">{t.col_views}</th></tr></thead>
                        <tbody>
                            {rows.into_iter().map(|r| view! {
                                <tr><td><a href=urls::entry(lang, &r.id)>{r.title}</a></td><td class="num">{r.views}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }
                .into_any(),
            }}
        </section>
    };
    let links_summary = fill(t.health_links_ok, &[("n", &h.links_checked.to_string()), ("m", &h.entries_checked.to_string())]);
    let links = view! {
        <section class="stat-table">
            <h2>{t.health_links}</h2>
            {if h.broken.is_empty() {
                view! { <p class="notice done" role="status">{links_summary}</p> }.into_any()
            } else {
                view! {
                    <table class="portal-table">
                        <thead><tr><th scope="col">{t.col_entry}</th><th scope="col">{t.locale}</th><th scope="col">{t.col_broken}</th></tr></thead>
                        <tbody>
                            {h.broken.into_iter().map(|b| view! {
                                <tr><td>{b.entry}</td><td>{b.lang.native_name()}</td><td><code>{b.target}</code></td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }
                .into_any()
            }}
        </section>
    };
    let content = view! {
        <h1>{t.health_title}</h1>
        {links}
        {unvoted}
        {stale}
        {coverage}
    };
    document(lang, t.health_title, frame(lang, staff, Section::Health, &portal_url(lang, "/health"), content))
}
