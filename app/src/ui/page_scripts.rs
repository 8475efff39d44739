//! What every page does once its script has run, as one island that renders nothing: it
//! marks the document as hydrated, puts the cursor in the search box on `/`, and serves
//! the copy and print buttons anywhere in the page (they are in server-rendered Markdown
//! and plans, so one listener on the window serves them all).

use leptos::prelude::*;

/// `copied` is the copy buttons' text once their code is on the clipboard.
#[island]
pub fn PageScripts(copied: String) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    enhance(copied);
    #[cfg(not(feature = "hydrate"))]
    let _ = copied;
}

#[cfg(feature = "hydrate")]
fn enhance(copied: String) {
    use wasm_bindgen::JsCast;
    // CSS shows the controls that need JavaScript (the copy buttons) once this is set,
    // and tests can tell that the script ran.
    if let Some(root) = document().document_element() {
        let _ = root.class_list().add_1("hydrated");
    }
    let element_of = |target: Option<web_sys::EventTarget>| target.and_then(|t| t.dyn_into::<web_sys::Element>().ok());
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() != "/" || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        let typing = element_of(ev.target())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || el.has_attribute("contenteditable"));
        if typing {
            return;
        }
        let field = document()
            .query_selector("input#q, input#q-header")
            .ok()
            .flatten()
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(field) = field {
            ev.prevent_default();
            let _ = field.focus();
        }
    });
    let clicks = window_event_listener(leptos::ev::click, move |ev| {
        let Some(target) = element_of(ev.target()) else { return };
        if let Ok(Some(button)) = target.closest("button.copy") {
            copy_next_to(button, copied.clone());
        } else if let Ok(Some(_)) = target.closest("button.print-button") {
            let _ = window().print();
        }
    });
    on_cleanup(move || {
        keys.remove();
        clicks.remove();
    });
}

/// Copies the code block the button belongs to, and says so on the button.
#[cfg(feature = "hydrate")]
fn copy_next_to(button: web_sys::Element, copied: String) {
    let Some(block) = button.parent_element() else { return };
    let Ok(Some(pre)) = block.query_selector("pre") else { return };
    let text = pre.text_content().unwrap_or_default();
    let promise = window().navigator().clipboard().write_text(&text);
    leptos::task::spawn_local(async move {
        if wasm_bindgen_futures::JsFuture::from(promise).await.is_ok() {
            button.set_text_content(Some(&copied));
            let _ = button.set_attribute("data-copied", "true");
        }
    });
}
