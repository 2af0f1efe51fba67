//! "Copy link": copies the canonical URL of the current view and says that it did.

use leptos::prelude::*;
use leptos_use::{use_clipboard_with_options, UseClipboardOptions, UseClipboardReturn};

use crate::state::use_app;

/// A button that copies the page's canonical URL to the clipboard, with a live confirmation.
/// Where the browser has no clipboard, the link is shown instead, to copy by hand.
#[component]
pub fn CopyLink() -> impl IntoView {
    let app = use_app();
    let UseClipboardReturn {
        is_supported,
        copied,
        copy,
        ..
    } = use_clipboard_with_options(UseClipboardOptions::default().copied_reset_delay(4000.0));
    // Asked for without a clipboard: the link to copy by hand, until the view changes.
    let shown = RwSignal::new(None::<String>);
    let url = move || {
        let origin = window().location().origin().unwrap_or_default();
        format!("{origin}{}", app.href(&app.view.get_untracked()))
    };
    let on_click = move |_| {
        if is_supported.get_untracked() {
            copy(&url());
        } else {
            shown.set(Some(url()));
        }
    };
    let status = move || {
        if copied.get() {
            "Link copied".to_string()
        } else {
            shown
                .get()
                .map(|u| format!("Copy this link: {u}"))
                .unwrap_or_default()
        }
    };
    view! {
        <span class="copy-link">
            <button on:click=on_click>"Copy link"</button>
            <span class="copy-status" role="status" aria-live="polite">{status}</span>
        </span>
    }
}
