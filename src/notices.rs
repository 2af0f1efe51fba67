//! Messages about the page itself: which dataset is shown, what in the URL was ignored, and why
//! a dataset could not be loaded. Every message is text, never HTML; the dataset's own text has
//! its disguising characters written out (`text::visible`).

use std::sync::Arc;

use dyad_core::text::visible;
use leptos::prelude::*;

use crate::data::{LoadError, DEFAULT_DATASET};
use crate::state::use_app;

/// A line naming the dataset in use, louder when the URL chose a non-default one.
#[component]
pub fn DatasetBanner() -> impl IntoView {
    let app = use_app();
    let custom = Memo::new(move |_| app.view.with(|v| v.data.clone()));
    // After a failed load the dataset on screen is the last one that loaded, not the URL's.
    let failed = move || matches!(app.loaded.get(), Some(Err(_)));
    move || {
        let ds = app.dataset.get()?;
        if let Some(file) = app.local.get() {
            return Some(view! { <LocalBanner file=file /> }.into_any());
        }
        let meta = &ds.meta;
        let line = format!(
            "{} · version {} · updated {} · {} events",
            visible(&meta.title),
            visible(&meta.version),
            meta.updated.display(),
            ds.events.len()
        );
        if failed() {
            return Some(
                view! {
                    <p class="dataset-banner custom" role="note" data-testid="dataset-banner">
                        <strong>"Still shown, from before: "</strong>
                        {line}
                    </p>
                }
                .into_any(),
            );
        }
        Some(match custom.get() {
            Some(path) if path != DEFAULT_DATASET => view! {
                <p class="dataset-banner custom" role="note" data-testid="dataset-banner">
                    <strong>"Another dataset is loaded: "</strong>
                    {line}
                    " (from "
                    <code>{path}</code>
                    ")"
                </p>
            }
            .into_any(),
            _ => view! {
                <p class="dataset-banner" data-testid="dataset-banner">
                    {format!("Dataset: {line}")}
                </p>
            }
            .into_any(),
        })
    }
}

/// The banner while a file from the computer is shown: its name and format, that it stays in
/// this browser, and the way back to the link's dataset.
#[component]
fn LocalBanner(
    /// The file shown.
    file: std::sync::Arc<crate::import::LocalFile>,
) -> impl IntoView {
    let app = use_app();
    let meta = &file.dataset.meta;
    let line = format!(
        "{} ({}) · {} · {} events",
        file.name,
        file.format.label(),
        meta.title,
        file.dataset.events.len()
    );
    view! {
        <p class="dataset-banner custom local" role="note" data-testid="dataset-banner">
            <strong>"Your file is open: "</strong>
            {line}
            ". It stays in this browser: nothing was uploaded. "
            <button class="close-file" on:click=move |_| app.local.set(None)>
                "Close file"
            </button>
        </p>
    }
}

/// A dismissible notice listing each part of the URL that could not be used.
#[component]
pub fn UrlNotice() -> impl IntoView {
    let app = use_app();
    // Which warnings the user dismissed: local UI state, not view state, so it is a signal.
    let dismissed = RwSignal::new(Vec::<String>::new());
    let shown = Memo::new(move |_| {
        let gone = dismissed.get();
        app.warnings
            .get()
            .into_iter()
            .map(|w| describe_warning(&w))
            .filter(|w| !gone.contains(w))
            .collect::<Vec<_>>()
    });
    let dismiss = move |_| {
        let all = shown.get_untracked();
        dismissed.update(|d| d.extend(all));
    };
    view! {
        <Show when=move || shown.with(|s| !s.is_empty())>
            <section class="notice" role="alert" aria-labelledby="url-notice-title">
                <h2 id="url-notice-title">"Parts of this link could not be used"</h2>
                <ul>
                    <For each=move || shown.get() key=|w| w.clone() let:warning>
                        <li>{warning}</li>
                    </For>
                </ul>
                <p class="hint">"The rest of the link applies."</p>
                <button on:click=dismiss>"Dismiss"</button>
            </section>
        </Show>
    }
}

/// A URL warning in words a reader knows: the control's name rather than the query key, and
/// what happened to the value.
pub fn describe_warning(w: &dyad_core::query::Warning) -> String {
    let label = match w.key.as_str() {
        "path" => "Page",
        "actor" => "Actors",
        "mode" => "Actor matching",
        "cat" => "Categories",
        "from" => "From",
        "to" => "To",
        "q" => "Search",
        "src" => "Source types",
        "ver" => "Verification",
        "sort" => "Order",
        "event" => "Selected event",
        "win" => "Timeline window",
        "lanes" => "Lanes",
        "rollup" => "Roll-up",
        "order" => "Matrix order",
        "compare" => "Compared pairs",
        "bin" => "Bin",
        "data" => "Dataset",
        _ => "Unknown setting",
    };
    let tail = if w.key == "path" { "" } else { " (left out)" };
    format!("{label} ({}): {}{tail}", w.key, w.message)
}

/// Why the dataset could not be shown, with its validation errors and a retry.
#[component]
pub fn LoadFailure(
    /// What went wrong.
    error: Arc<LoadError>,
    /// Whether the dataset that loaded before stays on screen below.
    #[prop(optional)]
    kept: bool,
) -> impl IntoView {
    let app = use_app();
    if let Some(host) = error.confirm_host.clone() {
        return view! { <ConfirmHost error=error host=host /> }.into_any();
    }
    let n = error.diagnostics.len();
    // Hundreds of problems are listed; past that, the file needs the command line.
    let shown: Vec<(usize, String)> = error
        .diagnostics
        .iter()
        .take(200)
        .map(|d| visible(d).into_owned())
        .enumerate()
        .collect();
    let diagnostics = (n > 0).then(|| {
        view! {
            <details open>
                <summary>{format!("Validation errors ({n})")}</summary>
                <ol class="diagnostics">
                    <For each=move || shown.clone() key=|(i, _)| *i let:d>
                        <li><code>{d.1}</code></li>
                    </For>
                </ol>
            </details>
        }
    });
    view! {
        <section class="load-failure" role="alert">
            <h2>{error.title.clone()}</h2>
            <p>{error.detail.clone()}</p>
            {diagnostics}
            <button on:click=move |_| app.loaded.refetch()>"Retry"</button>
            <p class="hint">
                {if kept {
                    "The dataset that loaded before stays below until this one loads."
                } else {
                    "The About page and navigation keep working."
                }}
            </p>
        </section>
    }
    .into_any()
}

/// The one-click question before a dataset is fetched from another host (`data=https://…`).
#[component]
fn ConfirmHost(
    /// The question, worded by the loader.
    error: Arc<LoadError>,
    /// The host to allow.
    host: String,
) -> impl IntoView {
    let app = use_app();
    let allow = {
        let host = host.clone();
        move |_| {
            let host = host.clone();
            app.allowed_hosts.update(|h| h.push(host));
        }
    };
    let curated = move || {
        let mut next = app.view.get();
        next.data = None;
        app.href(&next)
    };
    view! {
        <section class="load-failure confirm-host" role="alert" data-testid="confirm-host">
            <h2>{error.title.clone()}</h2>
            <p>{error.detail.clone()}</p>
            <p class="hint">"Load it only if you trust the link you followed."</p>
            <button class="primary" on:click=allow>{format!("Load data from {host}")}</button>
            " "
            <a href=curated>"Show the curated dataset instead"</a>
        </section>
    }
}
