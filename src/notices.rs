//! Messages about the page itself: which dataset is shown, what in the URL was ignored, and why
//! a dataset could not be loaded. Every message is text, never HTML.
//!
//! Built by the DOM builder (`crate::relationships::dom`), each in a [`Host`] box, rather than
//! by `view!`, whose element trees each compile into their own rendering code.

use std::sync::Arc;

use leptos::prelude::*;

use crate::data::{LoadError, DEFAULT_DATASET};
use crate::relationships::dom::{closest, el, Host};
use crate::state::use_app;

/// A line naming the dataset in use, louder when the URL chose a non-default one.
#[component]
pub fn DatasetBanner() -> impl IntoView {
    let app = use_app();
    let custom = Memo::new(move |_| app.view.with(|v| v.data.clone()));
    let render = move || {
        let ds = app.dataset.get()?;
        let meta = &ds.meta;
        let line = format!(
            "{} · version {} · updated {} · {} events",
            meta.title,
            meta.version,
            meta.updated.display(),
            ds.events.len()
        );
        let p = el("p").attr("data-testid", "dataset-banner");
        Some(match custom.get() {
            Some(path) if path != DEFAULT_DATASET => p
                .class("dataset-banner custom")
                .attr("role", "note")
                .child(el("strong").text("Another dataset is loaded: "))
                .txt(line)
                .txt(" (from ")
                .child(el("code").text(path))
                .txt(")"),
            _ => p.class("dataset-banner").text(format!("Dataset: {line}")),
        })
    };
    view! { <Host render=Box::new(render) /> }
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
    let render = move || {
        let items = shown.get();
        if items.is_empty() {
            return None;
        }
        Some(
            el("section")
                .class("notice")
                .attr("role", "alert")
                .attr("aria-labelledby", "url-notice-title")
                .child(
                    el("h2")
                        .attr("id", "url-notice-title")
                        .text("Parts of this link could not be used"),
                )
                .child(el("ul").kids(items.into_iter().map(|w| el("li").text(w))))
                .child(el("p").class("hint").text("The rest of the link applies."))
                .child(el("button").text("Dismiss")),
        )
    };
    let on_click = move |ev: web_sys::MouseEvent| {
        if closest(&ev, "button").is_some() {
            let all = shown.get_untracked();
            dismissed.update(|d| d.extend(all));
        }
    };
    view! { <Host render=Box::new(render) on_click=Box::new(on_click) /> }
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
) -> impl IntoView {
    let app = use_app();
    let render = move || {
        let n = error.diagnostics.len();
        let diags = (n > 0).then(|| {
            el("details")
                .attr("open", "")
                .child(el("summary").text(format!("Validation errors ({n})")))
                .child(
                    el("ol").class("diagnostics").kids(
                        error
                            .diagnostics
                            .iter()
                            .take(200)
                            .map(|d| el("li").child(el("code").text(d.clone()))),
                    ),
                )
        });
        Some(
            el("section")
                .class("load-failure")
                .attr("role", "alert")
                .child(el("h2").text(error.title.clone()))
                .child(el("p").text(error.detail.clone()))
                .kids(diags)
                .child(el("button").text("Retry"))
                .child(
                    el("p")
                        .class("hint")
                        .text("The About page and navigation keep working."),
                ),
        )
    };
    let on_click = move |ev: web_sys::MouseEvent| {
        if closest(&ev, "button").is_some() {
            app.loaded.refetch();
        }
    };
    view! { <Host render=Box::new(render) on_click=Box::new(on_click) /> }
}
