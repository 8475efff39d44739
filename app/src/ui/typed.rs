//! What a form's fields hold right now in the page. A reader may type or choose before the
//! page's script has started; the islands read the fields when they start (and when a
//! form is sent), so that nothing typed before then is lost.

/// The value of the field `name` in `form`: a text input's or text area's value, or the
/// checked radio button's. `None` when there is no such field or no button is checked.
#[cfg(feature = "hydrate")]
pub(crate) fn field_value(form: &web_sys::Element, name: &str) -> Option<String> {
    use wasm_bindgen::JsCast;
    let selector = format!("textarea[name=\"{name}\"], input[type=\"text\"][name=\"{name}\"], input[type=\"radio\"][name=\"{name}\"]:checked");
    let el = form.query_selector(&selector).ok().flatten()?;
    if let Some(area) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        return Some(area.value());
    }
    el.dyn_ref::<web_sys::HtmlInputElement>().map(|input| input.value())
}
