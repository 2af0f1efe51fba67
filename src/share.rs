//! "Copy link": copies the canonical URL of the current view and says that it did.

use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::state::use_app;

/// A button that copies the page's canonical URL to the clipboard, with a live confirmation.
#[component]
pub fn CopyLink() -> impl IntoView {
    let app = use_app();
    // Transient feedback is UI state, not view state.
    let status = RwSignal::new(String::new());
    let copy = move |_| {
        let Some(window) = web_sys::window() else {
            return;
        };
        let origin = window.location().origin().unwrap_or_default();
        let url = format!("{origin}{}", app.href(&app.view.get_untracked()));
        let clipboard = window.navigator().clipboard();
        leptos::task::spawn_local(async move {
            let done = JsFuture::from(clipboard.write_text(&url)).await;
            status.set(match done {
                Ok(_) => "Link copied".to_string(),
                Err(_) => format!("Could not copy; the link is {url}"),
            });
            set_timeout(
                move || status.set(String::new()),
                std::time::Duration::from_secs(4),
            );
        });
    };
    view! {
        <span class="copy-link">
            <button on:click=copy>"Copy link"</button>
            <span class="copy-status" role="status" aria-live="polite">{move || status.get()}</span>
        </span>
    }
}
