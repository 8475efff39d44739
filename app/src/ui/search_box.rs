//! The search form. A plain GET form, so it works without JavaScript; its field is an
//! island that suggests entries while typing, with arrow keys, Enter and Escape.

use crate::api::{suggest, Suggestion};
use crate::i18n::Strings;
use crate::locale::Locale;
use leptos::prelude::*;

/// The search form in `lang`, prefilled with `value`. `compact` is the header's.
#[component]
pub(crate) fn SearchBox(lang: Locale, value: String, #[prop(optional)] compact: bool) -> impl IntoView {
    let s = Strings::get(lang);
    view! {
        <form
            class=if compact { "search search-compact" } else { "search" }
            method="get"
            action=format!("/{}/search", lang.code())
            role="search"
        >
            <SearchField
                lang
                value
                compact
                label=s.search_label.to_owned()
                placeholder=s.search_placeholder.to_owned()
            />
            <button type="submit">{s.search_button}</button>
        </form>
    }
}

/// The field and its list of suggestions. Its words come from the server as props, so
/// that the browser's code holds no texts.
#[island]
fn SearchField(lang: Locale, value: String, compact: bool, label: String, placeholder: String) -> impl IntoView {
    let id = if compact { "q-header" } else { "q" };
    let list_id = format!("{id}-suggestions");
    let query = RwSignal::new(value.clone());
    let open = RwSignal::new(false);
    let active = RwSignal::new(None::<usize>);
    let suggestions = LocalResource::new(move || {
        let q = query.get();
        async move {
            if q.trim().chars().count() < 2 {
                Vec::new()
            } else {
                suggest(lang, q).await.unwrap_or_default()
            }
        }
    });
    let items = move || if open.get() { suggestions.get().unwrap_or_default() } else { Vec::<Suggestion>::new() };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let count = items().len();
        match ev.key().as_str() {
            "ArrowDown" if count > 0 => {
                ev.prevent_default();
                active.update(|a| *a = Some(a.map_or(0, |i| (i + 1).min(count - 1))));
            }
            "ArrowUp" if count > 0 => {
                ev.prevent_default();
                active.update(|a| *a = a.and_then(|i| i.checked_sub(1)));
            }
            "Escape" => {
                open.set(false);
                active.set(None);
            }
            "Enter" => {
                if let Some(hit) = active.get_untracked().and_then(|i| items().get(i).cloned()) {
                    ev.prevent_default();
                    open.set(false);
                    go_to(&hit.url);
                }
            }
            _ => {}
        }
    };
    let option_id = move |i: usize| format!("{id}-option-{i}");
    let list_for_aria = list_id.clone();
    view! {
        <label class="visually-hidden" for=id>{label}</label>
        <div class="search-field">
            <input
                type="search"
                id=id
                name="q"
                value=value
                placeholder=placeholder
                maxlength=crate::model::MAX_QUERY_CHARS.to_string()
                autocomplete="off"
                spellcheck="false"
                role="combobox"
                aria-autocomplete="list"
                aria-controls=list_for_aria
                aria-expanded=move || if items().is_empty() { "false" } else { "true" }
                aria-activedescendant=move || active.get().map(option_id)
                on:input=move |ev| {
                    query.set(event_target_value(&ev));
                    open.set(true);
                    active.set(None);
                }
                on:keydown=on_keydown
                on:blur=move |_| open.set(false)
                on:focus=move |_| open.set(true)
            />
            <ul id=list_id class="suggestions" role="listbox" hidden=move || items().is_empty()>
                {move || {
                    items()
                        .into_iter()
                        .enumerate()
                        .map(|(i, hit)| {
                            view! {
                                <li
                                    id=option_id(i)
                                    role="option"
                                    aria-selected=move || if active.get() == Some(i) { "true" } else { "false" }
                                    data-id=hit.id.clone()
                                >
                                    // mousedown fires before the input's blur closes the list.
                                    <a href=hit.url.clone() on:mousedown=|ev| ev.prevent_default()>
                                        <span class="suggestion-title">{hit.title.clone()}</span>
                                        <span class="badge">{hit.badge.clone()}</span>
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </div>
    }
}

/// Opens a page, as following a link would.
fn go_to(url: &str) {
    #[cfg(feature = "hydrate")]
    let _ = window().location().set_href(url);
    #[cfg(not(feature = "hydrate"))]
    let _ = url;
}
