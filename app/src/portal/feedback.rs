//! The feedback review: entries by their helpful ratio (lowest first), and one entry's
//! votes by locale and week and its comments with their status.

use super::dashboard::percent;
use super::text::PortalText;
use super::views::{document, frame, portal_url, Section};
use super::{Role, Staff};
use crate::locale::Locale;
use leptos::prelude::*;

/// The status of a comment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CommentStatus {
    New,
    Read,
    Resolved,
}

impl CommentStatus {
    pub const ALL: [CommentStatus; 3] = [CommentStatus::New, CommentStatus::Read, CommentStatus::Resolved];

    pub fn id(self) -> &'static str {
        match self {
            CommentStatus::New => "new",
            CommentStatus::Read => "read",
            CommentStatus::Resolved => "resolved",
        }
    }

    pub fn parse(s: &str) -> Option<CommentStatus> {
        CommentStatus::ALL.into_iter().find(|c| c.id() == s)
    }

    fn label(self, t: &PortalText) -> &'static str {
        match self {
            CommentStatus::New => t.comment_new,
            CommentStatus::Read => t.comment_read,
            CommentStatus::Resolved => t.comment_resolved,
        }
    }

    fn action(self, t: &PortalText) -> &'static str {
        match self {
            CommentStatus::New => t.mark_new,
            CommentStatus::Read => t.mark_read,
            CommentStatus::Resolved => t.mark_resolved,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Votes {
    pub yes: i64,
    pub no: i64,
}

impl Votes {
    pub fn total(self) -> i64 {
        self.yes + self.no
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntryFeedback {
    pub id: String,
    pub title: String,
    pub votes: Votes,
    pub new_comments: i64,
}

/// Entries with votes or comments, the lowest helpful ratio first, more votes first on a
/// tie; entries without votes last.
pub fn order_by_ratio(list: &mut [EntryFeedback]) {
    list.sort_by(|a, b| {
        let key = |e: &EntryFeedback| if e.votes.total() == 0 { f64::INFINITY } else { e.votes.yes as f64 / e.votes.total() as f64 };
        key(a).total_cmp(&key(b)).then_with(|| b.votes.total().cmp(&a.votes.total())).then_with(|| a.id.cmp(&b.id))
    });
}

pub fn feedback_page(lang: Locale, staff: &Staff, entries: Option<Vec<EntryFeedback>>) -> String {
    let t = PortalText::get(lang);
    let list = match entries {
        None => view! { <p class="form-errors" role="alert">{t.unavailable}</p> }.into_any(),
        Some(e) if e.is_empty() => view! { <p class="hint">{t.none_yet}</p> }.into_any(),
        Some(e) => view! {
            <div class="table-wrap">
                <table class="portal-table">
                    <thead><tr>
                        <th scope="col">{t.col_entry}</th>
                        <th scope="col" class="num">{t.col_ratio}</th>
                        <th scope="col" class="num">{t.col_yes}</th>
                        <th scope="col" class="num">{t.col_no}</th>
                        <th scope="col" class="num">{t.col_new_comments}</th>
                    </tr></thead>
                    <tbody>
                        {e.into_iter()
                            .map(|e| view! {
                                <tr data-entry=e.id.clone()>
                                    <td><a href=portal_url(lang, &format!("/feedback/{}", e.id))>{e.title}</a></td>
                                    <td class="num">{percent(e.votes.yes, e.votes.total())}</td>
                                    <td class="num">{e.votes.yes}</td>
                                    <td class="num">{e.votes.no}</td>
                                    <td class="num">{e.new_comments}</td>
                                </tr>
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any(),
    };
    let content = view! {
        <h1>{t.fb_title}</h1>
        <p class="summary">{t.fb_intro}</p>
        {list}
    };
    document(lang, t.fb_title, frame(lang, staff, Section::Feedback, &portal_url(lang, "/feedback"), content))
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommentItem {
    pub id: String,
    pub lang: Locale,
    pub helpful: bool,
    pub body: String,
    pub status: CommentStatus,
    pub created: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntryReview {
    pub id: String,
    pub title: String,
    pub by_locale: Vec<(Locale, Votes)>,
    /// (first day of the week, votes) for the weeks with votes, oldest first.
    pub by_week: Vec<(String, Votes)>,
    pub comments: Vec<CommentItem>,
}

pub fn entry_feedback_page(lang: Locale, staff: &Staff, r: EntryReview, status: Option<CommentStatus>, only: Option<Locale>) -> String {
    let t = PortalText::get(lang);
    let editor = staff.role.allows(Role::Editor);
    let here = portal_url(lang, &format!("/feedback/{}", r.id));
    let votes_table = |caption: &'static str, first: &'static str, rows: Vec<(String, Votes)>| {
        view! {
            <section class="stat-table">
                <h2>{caption}</h2>
                <table class="portal-table">
                    <thead><tr>
                        <th scope="col">{first}</th>
                        <th scope="col" class="num">{t.col_yes}</th>
                        <th scope="col" class="num">{t.col_no}</th>
                        <th scope="col" class="num">{t.col_ratio}</th>
                    </tr></thead>
                    <tbody>
                        {rows.into_iter().map(|(k, v)| view! {
                            <tr><td>{k}</td><td class="num">{v.yes}</td><td class="num">{v.no}</td><td class="num">{percent(v.yes, v.total())}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </section>
        }
    };
    let status_options = CommentStatus::ALL
        .into_iter()
        .map(|c| view! { <option value=c.id() selected=status == Some(c)>{c.label(t)}</option> })
        .collect_view();
    let lang_options = Locale::ALL.into_iter().map(|l| view! { <option value=l.code() selected=only == Some(l)>{l.native_name()}</option> }).collect_view();
    let comments = if r.comments.is_empty() {
        view! { <p class="hint">{t.none_yet}</p> }.into_any()
    } else {
        view! {
            <ul class="comments">
                {r.comments
                    .into_iter()
                    .map(|c| {
                        let actions = editor.then(|| {
                            CommentStatus::ALL
                                .into_iter()
                                .filter(|s| *s != c.status)
                                .map(|s| view! {
                                    <form class="inline" method="post" action=portal_url(lang, "/feedback/comments")>
                                        <input type="hidden" name="csrf" value=staff.csrf.clone()/>
                                        <input type="hidden" name="id" value=c.id.clone()/>
                                        <input type="hidden" name="status" value=s.id()/>
                                        <input type="hidden" name="back" value=here.clone()/>
                                        <button type="submit" class="secondary">{s.action(t)}</button>
                                    </form>
                                })
                                .collect_view()
                        });
                        view! {
                            <li class=format!("comment {}", c.status.id()) data-comment=c.id.clone()>
                                <p class="comment-meta">
                                    <span class="badge">{c.status.label(t)}</span>" "
                                    {if c.helpful { t.col_yes } else { t.col_no }}" · "{c.lang.native_name()}" · "
                                    <time>{c.created}</time>
                                </p>
                                <p class="comment-body" lang=c.lang.html_lang()>{c.body}</p>
                                {actions}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    let content = view! {
        <nav class="crumbs"><a href=portal_url(lang, "/feedback")>{t.fb_title}</a></nav>
        <h1>{r.title.clone()}</h1>
        <p><a href=crate::model::urls::entry(lang, &r.id)>{crate::model::urls::entry(lang, &r.id)}</a></p>
        {votes_table(t.fb_by_locale, t.locale, r.by_locale.into_iter().map(|(l, v)| (l.native_name().to_owned(), v)).collect())}
        {votes_table(t.fb_over_time, t.col_week, r.by_week)}
        <h2>{t.fb_comments}</h2>
        <form class="portal-form filters" method="get" action=here.clone()>
            <label for="f-status">{t.fb_status_filter}</label>
            <select id="f-status" name="status"><option value="">{t.any}</option>{status_options}</select>
            <label for="f-lang">{t.locale}</label>
            <select id="f-lang" name="lang"><option value="">{t.any}</option>{lang_options}</select>
            <button type="submit" class="secondary">{t.filter}</button>
        </form>
        {comments}
    };
    document(lang, &r.title, frame(lang, staff, Section::Feedback, &here, content))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(id: &str, yes: i64, no: i64) -> EntryFeedback {
        EntryFeedback { id: id.into(), title: id.into(), votes: Votes { yes, no }, new_comments: 0 }
    }

    #[test]
    fn the_least_helpful_come_first_and_the_unvoted_last() {
        let mut list = vec![e("a", 9, 1), e("b", 1, 9), e("c", 0, 0), e("d", 2, 18), e("f", 5, 5)];
        order_by_ratio(&mut list);
        let ids: Vec<&str> = list.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["d", "b", "f", "a", "c"], "equal ratios: more votes first");
    }
}
