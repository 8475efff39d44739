//! The ACK help console's user interface and the types shared by browser and server.
//!
//! `ssr` builds it for the server (rendering and server functions); `hydrate` builds it to
//! WebAssembly for the browser. The two are never enabled together.

#![recursion_limit = "256"]

pub mod api;
pub mod catalog;
pub mod check;
pub mod i18n;
pub mod locale;
pub mod model;
#[cfg(feature = "ssr")]
pub mod portal;
pub mod seo;
pub mod ui;
pub mod wizard;

pub use ui::{shell, App};

/// The entry point of the WebAssembly bundle: hydrates the page's islands, the only parts
/// of a server-rendered page that run in the browser (see `ui::islands`).
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
