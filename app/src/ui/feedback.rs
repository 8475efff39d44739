//! "Was this helpful?": a plain form that posts without JavaScript; an island that sends
//! through a server function without leaving the page once hydrated.

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

/// The words of the feedback form in one locale, carried to the island as props so that
/// the browser's code holds no texts.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FeedbackWords {
    question: String,
    yes: String,
    no: String,
    comment: String,
    /// The hint under the comment, its limit filled in.
    hint: String,
    submit: String,
    thanks: String,
    errors: Vec<(FeedbackError, String)>,
}

impl FeedbackWords {
    fn get(lang: Locale) -> Self {
        let s = Strings::get(lang);
        FeedbackWords {
            question: s.feedback_question.to_owned(),
            yes: s.feedback_yes.to_owned(),
            no: s.feedback_no.to_owned(),
            comment: s.feedback_comment.to_owned(),
            hint: fill(s.feedback_comment_hint, &[("n", &MAX_COMMENT_CHARS.to_string())]),
            submit: s.feedback_submit.to_owned(),
            thanks: s.feedback_thanks.to_owned(),
            errors: FeedbackError::ALL.into_iter().map(|e| (e, e.message(lang).to_owned())).collect(),
        }
    }

    fn error(&self, e: FeedbackError) -> String {
        self.errors.iter().find(|(k, _)| *k == e).map(|(_, t)| t.clone()).unwrap_or_default()
    }
}

/// The feedback form of entry `id`, in `lang`.
#[component]
pub fn FeedbackBox(lang: Locale, id: String, start: FeedbackStart) -> impl IntoView {
    view! { <FeedbackForm lang id start words=FeedbackWords::get(lang)/> }
}

#[island]
fn FeedbackForm(lang: Locale, id: String, start: FeedbackStart, words: FeedbackWords) -> impl IntoView {
    let words = StoredValue::new(words);
    let t = move |pick: fn(&FeedbackWords) -> &String| words.with_value(|w| pick(w).clone());
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
            // A vote or comment given before the script started is in the form only.
            #[cfg(feature = "hydrate")]
            if let Some(form) = ev.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok()) {
                if let Some(v) = super::typed::field_value(&form, "vote") {
                    vote.set(Some(v));
                }
                if let Some(c) = super::typed::field_value(&form, "comment") {
                    comment.set(c);
                }
            }
            status.set(Status::Sending);
            send.dispatch((id.clone(), vote.get_untracked(), comment.get_untracked()));
        }
    };
    let checked = move |v: &str| initial_vote.as_deref() == Some(v);
    let error_text = move || match status.get() {
        Status::Refused(e) => Some(words.with_value(|w| w.error(e))),
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
                    <p class="feedback-thanks" role="status">{t(|w| &w.thanks)}</p>
                }
            >
                <form method="post" action=action_url.clone() on:submit=on_submit.clone() novalidate>
                    <FormTokenField/>
                    <fieldset>
                        <legend id="feedback-heading">{t(|w| &w.question)}</legend>
                        <label class="vote">
                            <input
                                type="radio"
                                name="vote"
                                value="yes"
                                checked=checked("yes")
                                on:change=move |_| vote.set(Some("yes".into()))
                            />
                            <span>{t(|w| &w.yes)}</span>
                        </label>
                        <label class="vote">
                            <input
                                type="radio"
                                name="vote"
                                value="no"
                                checked=checked("no")
                                on:change=move |_| vote.set(Some("no".into()))
                            />
                            <span>{t(|w| &w.no)}</span>
                        </label>
                    </fieldset>
                    <label class="comment" for="feedback-comment">{t(|w| &w.comment)}</label>
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
                        {t(|w| &w.hint)}
                        " · "
                        <span class="counter">{count}</span>
                    </p>
                    {move || error_text().map(|t| view! { <p class="feedback-error" role="alert">{t}</p> })}
                    <button type="submit" disabled=move || status.get() == Status::Sending>
                        {t(|w| &w.submit)}
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
