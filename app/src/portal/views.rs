//! The portal's pages as HTML documents: the site's stylesheet and look, no script.
//! Every action is a plain form that carries the session's form token.

use super::text::PortalText;
use super::{Role, Staff};
use crate::i18n::{fill, Strings};
use crate::locale::Locale;
use crate::model::{urls, SavedRun};
use crate::ui::wizard::Outcome;
use crate::wizard::WizardId;
use leptos::prelude::*;

/// The portal's sections, for the navigation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Dashboard,
    Gaps,
    Feedback,
    Runs,
    Health,
    Users,
}

impl Section {
    /// The sections in the navigation, in order.
    pub const ALL: [Section; 6] = [Section::Dashboard, Section::Gaps, Section::Feedback, Section::Runs, Section::Health, Section::Users];

    pub fn path(self) -> &'static str {
        match self {
            Section::Dashboard => "",
            Section::Gaps => "/gaps",
            Section::Feedback => "/feedback",
            Section::Runs => "/runs",
            Section::Health => "/health",
            Section::Users => "/users",
        }
    }

    fn label(self, t: &PortalText) -> &'static str {
        match self {
            Section::Dashboard => t.nav_dashboard,
            Section::Gaps => t.nav_gaps,
            Section::Feedback => t.nav_feedback,
            Section::Runs => t.nav_runs,
            Section::Health => t.nav_health,
            Section::Users => t.nav_users,
        }
    }

    /// Who sees the section in the navigation.
    fn needs(self) -> Role {
        match self {
            Section::Users => Role::Admin,
            _ => Role::Viewer,
        }
    }
}

/// The portal's address in a locale.
pub fn portal_url(lang: Locale, rest: &str) -> String {
    format!("/{}/support{rest}", lang.code())
}

fn render(view: impl RenderHtml) -> String {
    Owner::new().with(|| view.to_html())
}

/// A whole document around `body`.
pub fn document(lang: Locale, title: &str, body: impl RenderHtml) -> String {
    let t = PortalText::get(lang);
    let title = crate::ui::title_text(&[title, t.portal]);
    let body = render(body);
    format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\"><title>{}</title><link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\"><link rel=\"stylesheet\" href=\"/pkg/ack-console.css\"></head><body class=\"portal\">{}</body></html>",
        lang.html_lang(),
        escape(&title),
        body
    )
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The hidden field every portal form carries.
fn csrf_field(csrf: &str) -> impl IntoView {
    view! { <input type="hidden" name="csrf" value=csrf.to_owned()/> }
}

/// Header (navigation, who is signed in, sign-out, languages) around a portal page.
pub fn frame(lang: Locale, staff: &Staff, current: Section, here: &str, content: impl IntoView + 'static) -> impl IntoView {
    let t = PortalText::get(lang);
    let s = Strings::get(lang);
    let who = fill(t.signed_in_as, &[("email", &staff.email), ("role", t.role(staff.role))]);
    let nav = Section::ALL
        .into_iter()
        .filter(|sec| staff.role.allows(sec.needs()))
        .map(|sec| {
            let current = (sec == current).then_some("page");
            view! { <li><a href=portal_url(lang, sec.path()) aria-current=current>{sec.label(t)}</a></li> }
        })
        .collect_view();
    let langs = Locale::ALL
        .into_iter()
        .map(|to| {
            let href = urls::switch_language(to, &crate::locale::localized_path(here, to));
            view! {
                <a href=href hreflang=to.html_lang() lang=to.html_lang() aria-current=(to == lang).then_some("true")>{to.native_name()}</a>
            }
        })
        .collect_view();
    view! {
        <a class="skip" href="#main">{s.skip_to_content}</a>
        <header class="site-header portal-header">
            <a class="brand" href=portal_url(lang, "")>
                <span class="brand-mark" aria-hidden="true">"ACK"</span>
                <span>{t.portal}</span>
            </a>
            <nav class="portal-nav" aria-label=t.portal><ul>{nav}</ul></nav>
            <form class="signout" method="post" action=portal_url(lang, "/signout")>
                {csrf_field(&staff.csrf)}
                <span class="who">{who}</span>
                " "
                <button type="submit" class="secondary">{t.sign_out}</button>
            </form>
            <nav class="lang-switch" aria-label=s.language>{langs}</nav>
        </header>
        <main id="main" class="portal-main">{content}</main>
    }
}

/// A short notice above a page's content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    Done(String),
    Problem(String),
}

pub(crate) fn notice_view(notice: Option<Notice>) -> impl IntoView {
    notice.map(|n| match n {
        Notice::Done(text) => view! { <p class="notice done" role="status">{text}</p> }.into_any(),
        Notice::Problem(text) => view! { <p class="form-errors" role="alert">{text}</p> }.into_any(),
    })
}

/// The sign-in page: single sign-on when configured, and local accounts.
pub fn signin_page(lang: Locale, next: &str, email: &str, problem: Option<String>, sso: bool, form_token: &str) -> String {
    let t = PortalText::get(lang);
    let s = Strings::get(lang);
    let next = next.to_owned();
    let sso_block = sso.then(|| {
        let next = next.clone();
        view! {
            <form method="post" action=portal_url(lang, "/sso")>
                <input type="hidden" name="csrf" value=form_token.to_owned()/>
                <input type="hidden" name="next" value=next/>
                <button type="submit">{t.signin_sso}</button>
            </form>
            <p class="hint">{t.signin_or}</p>
        }
    });
    let body = view! {
        <a class="skip" href="#main">{s.skip_to_content}</a>
        <header class="site-header">
            <a class="brand" href=urls::home(lang)>
                <span class="brand-mark" aria-hidden="true">"ACK"</span>
                <span>{t.portal}</span>
            </a>
        </header>
        <main id="main" class="portal-main signin">
            <h1>{t.signin_title}</h1>
            <p class="summary">{t.signin_intro}</p>
            {problem.map(|p| view! { <p class="form-errors" role="alert" id="signin-error">{p}</p> })}
            {sso_block}
            <form class="portal-form" method="post" action=portal_url(lang, "/signin")>
                <input type="hidden" name="csrf" value=form_token.to_owned()/>
                <input type="hidden" name="next" value=next/>
                <label for="email">{t.signin_email}</label>
                <input type="email" id="email" name="email" value=email.to_owned() autocomplete="username" required=true/>
                <label for="password">{t.signin_password}</label>
                <input type="password" id="password" name="password" autocomplete="current-password" required=true/>
                <div class="wizard-buttons"><button type="submit">{t.signin_submit}</button></div>
            </form>
        </main>
    };
    document(lang, t.signin_title, body)
}

/// The page for a signed-in person whose role may not do what they asked.
pub fn forbidden_page(lang: Locale, staff: &Staff, here: &str) -> String {
    let t = PortalText::get(lang);
    let content = view! {
        <section class="trouble" role="alert">
            <h1>{t.forbidden_title}</h1>
            <p>{t.forbidden_body}</p>
            <p><a href=portal_url(lang, "")>{t.portal}</a></p>
        </section>
    };
    document(lang, t.forbidden_title, frame(lang, staff, Section::Dashboard, here, content))
}

/// A saved run in the list.
#[derive(Clone, Debug, PartialEq)]
pub struct RunItem {
    pub id: String,
    pub wizard: WizardId,
    pub lang: Locale,
    pub created: String,
}

/// What the runs page was asked for.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RunFilter {
    pub wizard: Option<WizardId>,
    pub from: String,
    pub to: String,
}

pub fn runs_page(lang: Locale, staff: &Staff, filter: &RunFilter, runs: Option<Vec<RunItem>>, notice: Option<Notice>, here: &str) -> String {
    let t = PortalText::get(lang);
    let wizard_options = WizardId::ALL
        .into_iter()
        .map(|w| view! { <option value=w.id() selected=filter.wizard == Some(w)>{w.title(lang)}</option> })
        .collect_view();
    let table = match runs {
        None => view! { <p class="form-errors" role="alert">{t.unavailable}</p> }.into_any(),
        Some(runs) if runs.is_empty() => view! { <p class="hint">{t.none_yet}</p> }.into_any(),
        Some(runs) => view! {
            <div class="table-wrap">
                <table class="portal-table">
                    <thead><tr>
                        <th scope="col">{t.col_saved}</th>
                        <th scope="col">{t.col_wizard}</th>
                        <th scope="col">{t.locale}</th>
                        <th scope="col">{t.col_run}</th>
                    </tr></thead>
                    <tbody>
                        {runs
                            .into_iter()
                            .map(|r| view! {
                                <tr>
                                    <td><time datetime=r.created.clone()>{r.created.replace('T', " ").replace('Z', "")}</time></td>
                                    <td>{r.wizard.title(lang)}</td>
                                    <td>{r.lang.native_name()}</td>
                                    <td><a href=portal_url(lang, &format!("/runs/{}", r.id))><code>{r.id.clone()}</code></a></td>
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
        <h1>{t.runs_title}</h1>
        <p class="summary">{t.runs_intro}</p>
        {notice_view(notice)}
        <form class="portal-form inline" method="get" action=portal_url(lang, "/runs/open")>
            <label for="run-id">{t.runs_open_label}</label>
            <input type="text" id="run-id" name="id" autocomplete="off" spellcheck="false" required=true/>
            <button type="submit">{t.runs_open_button}</button>
        </form>
        <form class="portal-form filters" method="get" action=portal_url(lang, "/runs")>
            <label for="f-wizard">{t.col_wizard}</label>
            <select id="f-wizard" name="wizard">
                <option value="">{t.any}</option>
                {wizard_options}
            </select>
            <label for="f-from">{t.from}</label>
            <input type="date" id="f-from" name="from" value=filter.from.clone()/>
            <label for="f-to">{t.to}</label>
            <input type="date" id="f-to" name="to" value=filter.to.clone()/>
            <button type="submit" class="secondary">{t.filter}</button>
        </form>
        {table}
    };
    document(lang, t.runs_title, frame(lang, staff, Section::Runs, here, content))
}

/// One saved run, with the same verdict and plan the customer sees.
pub fn run_page(lang: Locale, staff: &Staff, run: &SavedRun, here: &str) -> String {
    let t = PortalText::get(lang);
    let w = run.wizard;
    let report = w.evaluate(&run.inputs, lang);
    let heading = fill(t.run_title, &[("title", w.title(lang))]);
    let public = urls::wizard_run(lang, w.id(), &run.id);
    let rows = crate::wizard::export::input_rows(w, &run.inputs, lang);
    let content = view! {
        <nav class="crumbs"><a href=portal_url(lang, "/runs")>{t.nav_runs}</a></nav>
        <div class="wizard saved-run" data-wizard=w.id() data-run=run.id.clone()>
            <h1>{heading.clone()}</h1>
            <dl class="run-meta">
                <dt>{t.col_saved}</dt>
                <dd><time datetime=run.created.clone()>{run.created.replace('T', " ").replace('Z', " UTC")}</time></dd>
                <dt>{t.locale}</dt>
                <dd>{run.lang.native_name()}</dd>
                <dt>{t.run_public_link}</dt>
                <dd><a href=public.clone()>{public.clone()}</a></dd>
            </dl>
            <Outcome lang report/>
            <section class="your-inputs">
                <h2>{Strings::get(lang).wz_your_inputs}</h2>
                <dl>
                    {rows
                        .into_iter()
                        .map(|(label, value)| view! { <dt>{label}</dt><dd><pre>{value}</pre></dd> })
                        .collect_view()}
                </dl>
            </section>
        </div>
    };
    document(lang, &heading, frame(lang, staff, Section::Runs, here, content))
}

/// An account in the list.
#[derive(Clone, Debug, PartialEq)]
pub struct UserItem {
    pub email: String,
    pub role: Role,
    pub source: String,
    pub disabled: bool,
    pub last_login: Option<String>,
}

pub fn users_page(lang: Locale, staff: &Staff, users: Option<Vec<UserItem>>, notice: Option<Notice>, typed_email: &str, here: &str) -> String {
    let t = PortalText::get(lang);
    let role_select = |name: &'static str, id: String, current: Role| {
        view! {
            <select name=name id=id>
                {Role::ALL.into_iter().map(|r| view! { <option value=r.id() selected=r == current>{t.role(r)}</option> }).collect_view()}
            </select>
        }
    };
    let table = match users {
        None => view! { <p class="form-errors" role="alert">{t.unavailable}</p> }.into_any(),
        Some(users) => view! {
            <div class="table-wrap">
                <table class="portal-table">
                    <thead><tr>
                        <th scope="col">{t.col_email}</th>
                        <th scope="col">{t.col_role}</th>
                        <th scope="col">{t.col_source}</th>
                        <th scope="col">{t.col_status}</th>
                        <th scope="col">{t.col_last_login}</th>
                        <th scope="col">{t.col_actions}</th>
                    </tr></thead>
                    <tbody>
                        {users
                            .into_iter()
                            .enumerate()
                            .map(|(i, u)| {
                                let me = u.email == staff.email;
                                let select_id = format!("role-{i}");
                                view! {
                                    <tr data-email=u.email.clone()>
                                        <td>{u.email.clone()}</td>
                                        <td>{t.role(u.role)}</td>
                                        <td>{u.source.clone()}</td>
                                        <td>{if u.disabled { t.status_disabled } else { t.status_active }}</td>
                                        <td>{u.last_login.clone().unwrap_or_else(|| t.never.to_owned())}</td>
                                        <td>
                                            {(!me).then(|| view! {
                                                <form class="inline" method="post" action=portal_url(lang, "/users/role")>
                                                    {csrf_field(&staff.csrf)}
                                                    <input type="hidden" name="email" value=u.email.clone()/>
                                                    <label class="visually-hidden" for=select_id.clone()>{t.col_role}</label>
                                                    {role_select("role", select_id.clone(), u.role)}
                                                    <button type="submit" class="secondary">{t.action_set_role}</button>
                                                </form>
                                                <form class="inline" method="post" action=portal_url(lang, "/users/status")>
                                                    {csrf_field(&staff.csrf)}
                                                    <input type="hidden" name="email" value=u.email.clone()/>
                                                    <input type="hidden" name="disabled" value=if u.disabled { "0" } else { "1" }/>
                                                    <button type="submit" class="secondary">{if u.disabled { t.action_enable } else { t.action_disable }}</button>
                                                </form>
                                            })}
                                        </td>
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
        <h1>{t.users_title}</h1>
        {notice_view(notice)}
        {table}
        <h2>{t.users_add}</h2>
        <form class="portal-form" method="post" action=portal_url(lang, "/users")>
            {csrf_field(&staff.csrf)}
            <label for="new-email">{t.col_email}</label>
            <input type="email" id="new-email" name="email" value=typed_email.to_owned() autocomplete="off" required=true/>
            <label for="new-role">{t.col_role}</label>
            {role_select("role", "new-role".to_owned(), Role::Viewer)}
            <label for="new-password">{t.users_password}</label>
            <input type="password" id="new-password" name="password" autocomplete="new-password" aria-describedby="new-password-hint"/>
            <p class="hint" id="new-password-hint">{t.users_password_hint}</p>
            <div class="wizard-buttons"><button type="submit">{t.users_add}</button></div>
        </form>
    };
    document(lang, t.users_title, frame(lang, staff, Section::Users, here, content))
}
