//! The content-gaps queue and the synonym proposals it produces.

use super::text::PortalText;
use super::views::{document, frame, portal_url, Notice, Section};
use super::{Role, Staff};
use crate::i18n::fill;
use crate::locale::Locale;
use leptos::prelude::*;

/// What an editor decided about a group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Answered,
    NewEntry,
    Ignore,
}

impl Decision {
    pub const ALL: [Decision; 3] = [Decision::Answered, Decision::NewEntry, Decision::Ignore];

    pub fn id(self) -> &'static str {
        match self {
            Decision::Answered => "answered",
            Decision::NewEntry => "new_entry",
            Decision::Ignore => "ignore",
        }
    }

    pub fn parse(s: &str) -> Option<Decision> {
        Decision::ALL.into_iter().find(|d| d.id() == s)
    }

    fn label(self, t: &PortalText) -> &'static str {
        match self {
            Decision::Answered => t.triage_answered,
            Decision::NewEntry => t.triage_new_entry,
            Decision::Ignore => t.triage_ignore,
        }
    }
}

/// The queue's tabs: the open groups, or those with one decision.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Open,
    Decided(Decision),
}

impl Tab {
    pub fn param(self) -> &'static str {
        match self {
            Tab::Open => "",
            Tab::Decided(d) => d.id(),
        }
    }

    pub fn parse(s: Option<&str>) -> Tab {
        s.and_then(Decision::parse).map_or(Tab::Open, Tab::Decided)
    }

    fn label(self, t: &PortalText) -> &'static str {
        match self {
            Tab::Open => t.tab_open,
            Tab::Decided(Decision::Answered) => t.tab_answered,
            Tab::Decided(Decision::NewEntry) => t.tab_new_entry,
            Tab::Decided(Decision::Ignore) => t.tab_ignored,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Triage {
    pub decision: Decision,
    pub entry: Option<(String, String)>,
    pub by: String,
    pub at: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GapItem {
    pub hash: String,
    pub sample: String,
    pub searches: i64,
    pub zero: i64,
    pub unclicked: i64,
    pub langs: Vec<Locale>,
    pub first: String,
    pub last: String,
    /// First seen since the reader's last visit.
    pub new: bool,
    pub examples: Vec<(Locale, String)>,
    pub triage: Option<Triage>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProposalItem {
    pub entry_id: String,
    pub entry_title: String,
    pub lang: Locale,
    pub query: String,
    pub accepted: bool,
}

fn triage_form(lang: Locale, staff: &Staff, g: &GapItem, tab: Tab) -> impl IntoView {
    let t = PortalText::get(lang);
    let current = g.triage.as_ref().map(|tr| tr.decision);
    let entry = g.triage.as_ref().and_then(|tr| tr.entry.as_ref().map(|(id, _)| id.clone())).unwrap_or_default();
    let select_id = format!("d-{}", g.hash);
    let entry_id = format!("e-{}", g.hash);
    view! {
        <form class="triage" method="post" action=portal_url(lang, "/gaps/triage")>
            <input type="hidden" name="csrf" value=staff.csrf.clone()/>
            <input type="hidden" name="hash" value=g.hash.clone()/>
            <input type="hidden" name="tab" value=tab.param()/>
            <label class="visually-hidden" for=select_id.clone()>{t.col_decision}</label>
            <select name="decision" id=select_id>
                {Decision::ALL.into_iter().map(|d| view! { <option value=d.id() selected=current == Some(d)>{d.label(t)}</option> }).collect_view()}
                {current.is_some().then(|| view! { <option value="open">{t.triage_reopen}</option> })}
            </select>
            <label for=entry_id.clone()>{t.triage_entry}</label>
            <input type="text" name="entry" id=entry_id list="entry-ids" value=entry autocomplete="off" spellcheck="false"/>
            <button type="submit" class="secondary">{t.triage_save}</button>
        </form>
    }
}

#[allow(clippy::too_many_arguments)]
pub fn gaps_page(lang: Locale, staff: &Staff, tab: Tab, items: Option<Vec<GapItem>>, new_count: usize, entries: &[(String, String)], notice: Option<Notice>) -> String {
    let t = PortalText::get(lang);
    let editor = staff.role.allows(Role::Editor);
    let tabs = [Tab::Open, Tab::Decided(Decision::Answered), Tab::Decided(Decision::NewEntry), Tab::Decided(Decision::Ignore)]
        .into_iter()
        .map(|x| {
            let href = if x == Tab::Open { portal_url(lang, "/gaps") } else { format!("{}?tab={}", portal_url(lang, "/gaps"), x.param()) };
            view! { <li><a href=href aria-current=(x == tab).then_some("page")>{x.label(t)}</a></li> }
        })
        .collect_view();
    let datalist = editor.then(|| {
        view! {
            <datalist id="entry-ids">
                {entries.iter().map(|(id, title)| view! { <option value=id.clone()>{title.clone()}</option> }).collect_view()}
            </datalist>
        }
    });
    let list = match items {
        None => view! { <p class="form-errors" role="alert">{t.unavailable}</p> }.into_any(),
        Some(items) if items.is_empty() => view! { <p class="hint">{t.none_yet}</p> }.into_any(),
        Some(items) => view! {
            <div class="table-wrap">
                <table class="portal-table gaps">
                    <thead><tr>
                        <th scope="col">{t.col_query}</th>
                        <th scope="col" class="num">{t.col_searches}</th>
                        <th scope="col" class="num">{t.col_zero}</th>
                        <th scope="col" class="num">{t.col_unclicked}</th>
                        <th scope="col">{t.col_locales}</th>
                        <th scope="col">{t.col_seen}</th>
                        <th scope="col">{t.col_decision}</th>
                    </tr></thead>
                    <tbody>
                        {items
                            .into_iter()
                            .map(|g| {
                                let decided = g.triage.as_ref().map(|tr| {
                                    let who = fill(t.decided_by, &[("who", &tr.by), ("when", &tr.at)]);
                                    view! {
                                        <p class="decided">
                                            {tr.decision.label(t)}
                                            {tr.entry.clone().map(|(id, title)| view! { ": " <a href=crate::model::urls::entry(lang, &id)>{title}</a> })}
                                            <br/><span class="hint">{who}</span>
                                        </p>
                                    }
                                });
                                let form = editor.then(|| triage_form(lang, staff, &g, tab));
                                view! {
                                    <tr data-hash=g.hash.clone() class:new=g.new>
                                        <td>
                                            {g.new.then(|| view! { <span class="badge new">{t.badge_new}</span> " " })}
                                            <span class="query">{g.sample.clone()}</span>
                                            {(!g.examples.is_empty()).then(|| view! {
                                                <details>
                                                    <summary>{t.col_examples}</summary>
                                                    <ul class="examples">
                                                        {g.examples.iter().map(|(l, q)| view! { <li lang=l.html_lang()><span class="query">{q.clone()}</span></li> }).collect_view()}
                                                    </ul>
                                                </details>
                                            })}
                                        </td>
                                        <td class="num">{g.searches}</td>
                                        <td class="num">{g.zero}</td>
                                        <td class="num">{g.unclicked}</td>
                                        <td>{g.langs.iter().map(|l| l.code()).collect::<Vec<_>>().join(" ")}</td>
                                        <td>{format!("{} / {}", g.first, g.last)}</td>
                                        <td>{decided}{form}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any(),
    };
    let content = view! {
        <h1>{t.gaps_title}</h1>
        <p class="summary">{t.gaps_intro}</p>
        {super::views::notice_view(notice)}
        {(new_count > 0).then(|| view! { <p class="notice" role="status">{fill(t.gaps_new_since, &[("n", &new_count.to_string())])}</p> })}
        <nav class="tabs" aria-label=t.gaps_title><ul>{tabs}</ul></nav>
        <p><a href=portal_url(lang, "/gaps/synonyms")>{t.proposals_title}</a></p>
        {datalist}
        {list}
    };
    document(lang, t.gaps_title, frame(lang, staff, Section::Gaps, &portal_url(lang, "/gaps"), content))
}

pub fn proposals_page(lang: Locale, staff: &Staff, proposals: Option<Vec<ProposalItem>>) -> String {
    let t = PortalText::get(lang);
    let editor = staff.role.allows(Role::Editor);
    let list = match proposals {
        None => view! { <p class="form-errors" role="alert">{t.unavailable}</p> }.into_any(),
        Some(p) if p.is_empty() => view! { <p class="hint">{t.none_yet}</p> }.into_any(),
        Some(p) => view! {
            <div class="table-wrap">
                <table class="portal-table">
                    <thead><tr>
                        <th scope="col">{t.col_entry}</th>
                        <th scope="col">{t.locale}</th>
                        <th scope="col">{t.col_query}</th>
                        <th scope="col">{t.col_status}</th>
                    </tr></thead>
                    <tbody>
                        {p.into_iter()
                            .map(|p| {
                                let form = editor.then(|| view! {
                                    <form class="inline" method="post" action=portal_url(lang, "/gaps/synonyms")>
                                        <input type="hidden" name="csrf" value=staff.csrf.clone()/>
                                        <input type="hidden" name="entry" value=p.entry_id.clone()/>
                                        <input type="hidden" name="lang" value=p.lang.code()/>
                                        <input type="hidden" name="query" value=p.query.clone()/>
                                        <input type="hidden" name="status" value=if p.accepted { "rejected" } else { "accepted" }/>
                                        <button type="submit" class="secondary">{if p.accepted { t.proposal_reject } else { t.proposal_accept }}</button>
                                    </form>
                                });
                                view! {
                                    <tr>
                                        <td><a href=crate::model::urls::entry(lang, &p.entry_id)>{p.entry_title.clone()}</a></td>
                                        <td>{p.lang.native_name()}</td>
                                        <td lang=p.lang.html_lang()><span class="query">{p.query.clone()}</span></td>
                                        <td>{if p.accepted { t.status_accepted } else { t.status_rejected }} " " {form}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any(),
    };
    let content = view! {
        <nav class="crumbs"><a href=portal_url(lang, "/gaps")>{t.gaps_title}</a></nav>
        <h1>{t.proposals_title}</h1>
        <p class="summary">{t.proposals_intro}</p>
        <p class="export"><a href=portal_url(lang, "/gaps/synonyms.patch")>{t.proposals_export}</a></p>
        {list}
    };
    document(lang, t.proposals_title, frame(lang, staff, Section::Gaps, &portal_url(lang, "/gaps/synonyms"), content))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decisions_and_tabs_round_trip() {
        for d in Decision::ALL {
            assert_eq!(Decision::parse(d.id()), Some(d));
            assert_eq!(Tab::parse(Some(Tab::Decided(d).param())), Tab::Decided(d));
        }
        assert_eq!(Tab::parse(None), Tab::Open);
        assert_eq!(Tab::parse(Some("x")), Tab::Open);
    }
}
