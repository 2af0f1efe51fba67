//! The page's share tools: "Copy link" (the canonical URL of the current view, and a word that it
//! was copied) and the Export menu beside it ([`crate::export::ExportMenu`]). While a file from
//! the computer is shown, no link can carry it: Copy link says so and offers the file as Dyad
//! JSON, to publish and share with `?data=`.

use leptos::prelude::*;
use leptos_use::{use_clipboard_with_options, UseClipboardOptions, UseClipboardReturn};

use crate::export::ExportMenu;
use crate::state::use_app;

/// A button that copies the page's canonical URL to the clipboard, with a live confirmation,
/// followed by the Export menu. Where the browser has no clipboard, the link is shown instead,
/// to copy by hand.
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
    // Asked for while a local file is shown: the explanation, until the file is closed.
    let local_asked = RwSignal::new(false);
    let url = move || {
        let origin = window().location().origin().unwrap_or_default();
        format!("{origin}{}", app.href(&app.view.get_untracked()))
    };
    let on_click = move |_| {
        if app.local.with_untracked(Option::is_some) {
            local_asked.set(true);
        } else if is_supported.get_untracked() {
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
    let local_note = move || {
        let file = app.local.get().filter(|_| local_asked.get())?;
        Some(view! {
            <div class="local-link" role="status" data-testid="local-link-note">
                <p>
                    {format!(
                        "No link was copied: {} is on your computer, and a link cannot carry a \
                         file. To share this view, export the data as Dyad JSON, publish the \
                         file on a web site that allows other sites to read it (CORS), and share \
                         the link to Dyad with ?data= and its https:// address.",
                        file.name
                    )}
                </p>
                <button on:click=move |_| crate::export::download_json(app)>
                    "Export as Dyad JSON"
                </button>
                " "
                <button on:click=move |_| local_asked.set(false)>"Dismiss"</button>
            </div>
        })
    };
    view! {
        <span class="copy-link">
            <button on:click=on_click>"Copy link"</button>
            <span class="copy-status" role="status" aria-live="polite">{status}</span>
        </span>
        <ExportMenu />
        {local_note}
    }
}
