//! "Was this helpful?": a plain form that posts without JavaScript, and sends through a
//! server function without leaving the page once hydrated.

use super::FormTokenField;
use crate::api::{send_feedback, FeedbackDraft};
use crate::i18n::{fill, Strings};
use crate::locale::Locale;
use crate::model::{urls, FeedbackError, MAX_COMMENT_CHARS};
use leptos::prelude::*;

/// What the form shows when the page loads.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum FeedbackStart {
    Empty,
    Thanks,
    Draft(FeedbackDraft),
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Status {
    Editing,
    Sending,
    Thanks,
    Refused(FeedbackError),
}

#[component]
pub fn FeedbackBox(lang: Locale, id: String, start: FeedbackStart) -> impl IntoView {
    let s = Strings::get(lang);
    let (initial_vote, initial_comment, initial_status) = match start {
        FeedbackStart::Empty => (None, String::new(), Status::Editing),
        FeedbackStart::Thanks => (None, String::new(), Status::Thanks),
        FeedbackStart::Draft(d) => (d.vote, d.comment, Status::Refused(d.error)),
    };
    let vote = RwSignal::new(initial_vote.clone());
    let comment = RwSignal::new(initial_comment.clone());
    let status = RwSignal::new(initial_status);
    let action_url = urls::feedback(lang, &id);
    let send = Action::new(move |(id, vote, comment): &(String, Option<String>, String)| {
        let (id, vote, comment) = (id.clone(), vote.clone(), comment.clone());
        async move { send_feedback(lang, id, vote, Some(comment)).await }
    });
    Effect::new(move |_| {
        if let Some(result) = send.value().get() {
            status.set(match result {
                Ok(reply) => match reply.error {
                    None => Status::Thanks,
                    Some(e) => Status::Refused(e),
                },
                Err(_) => Status::Refused(FeedbackError::Storage),
            });
        }
    });
    let on_submit = {
        let id = id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            status.set(Status::Sending);
            send.dispatch((id.clone(), vote.get_untracked(), comment.get_untracked()));
        }
    };
    let checked = move |v: &str| initial_vote.as_deref() == Some(v);
    let error_text = move || match status.get() {
        Status::Refused(e) => Some(e.message(lang)),
        _ => None,
    };
    let comment_error = move || status.get() == Status::Refused(FeedbackError::CommentTooLong);
    let count = move || comment.with(|c| c.chars().count());
    let hint_class = move || if count() > MAX_COMMENT_CHARS { "hint over" } else { "hint" };
    view! {
        <section class="feedback" id="feedback" aria-labelledby="feedback-heading">
            <Show
                when=move || status.get() != Status::Thanks
                fallback=move || view! {
                    <p class="feedback-thanks" role="status">{s.feedback_thanks}</p>
                }
            >
                <form method="post" action=action_url.clone() on:submit=on_submit.clone() novalidate>
                    <FormTokenField/>
                    <fieldset>
                        <legend id="feedback-heading">{s.feedback_question}</legend>
                        <label class="vote">
                            <input
                                type="radio"
                                name="vote"
                                value="yes"
                                checked=checked("yes")
                                on:change=move |_| vote.set(Some("yes".into()))
                            />
                            <span>{s.feedback_yes}</span>
                        </label>
                        <label class="vote">
                            <input
                                type="radio"
                                name="vote"
                                value="no"
                                checked=checked("no")
                                on:change=move |_| vote.set(Some("no".into()))
                            />
                            <span>{s.feedback_no}</span>
                        </label>
                    </fieldset>
                    <label class="comment" for="feedback-comment">{s.feedback_comment}</label>
                    <textarea
                        id="feedback-comment"
                        name="comment"
                        rows="3"
                        aria-invalid=move || comment_error().then_some("true")
                        aria-describedby="feedback-hint"
                        on:input=move |ev| comment.set(event_target_value(&ev))
                    >
                        {textarea_text(&initial_comment)}
                    </textarea>
                    <p id="feedback-hint" class=hint_class>
                        {fill(s.feedback_comment_hint, &[("n", &MAX_COMMENT_CHARS.to_string())])}
                        " · "
                        <span class="counter">{count}</span>
                    </p>
                    {move || error_text().map(|t| view! { <p class="feedback-error" role="alert">{t}</p> })}
                    <button type="submit" disabled=move || status.get() == Status::Sending>
                        {s.feedback_submit}
                    </button>
                </form>
            </Show>
        </section>
    }
}

/// The initial text of a `<textarea>`. Leptos writes textarea children without escaping
/// them, so on the server the text is escaped here; the browser decodes it back, and the
/// hydrating client sees the same text.
pub(crate) fn textarea_text(text: &str) -> String {
    if cfg!(feature = "ssr") {
        text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
    } else {
        text.to_owned()
    }
}
