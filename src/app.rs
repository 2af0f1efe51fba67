//! The application shell: header and navigation, dataset banner, URL notices, the filter
//! drawer, and the main view chosen by the URL's path.

use dyad_core::query::View;
use leptos::prelude::*;

use crate::about::AboutPage;
use crate::filters::FilterPanel;
use crate::notices::{DatasetBanner, LoadFailure, UrlNotice};
use crate::relationships::{PairPage, RelationshipsPage};
use crate::state::{provide_app_state, use_app};
use crate::timeline_page::TimelinePage;

/// The path prefix the app is served under ("" at the root, "/dyad" under a sub-path), read from
/// the `<base href>` Trunk writes from `--public-url`, so one build serves both.
pub fn base_path() -> String {
    let uri = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_default();
    crate::location::base_of(&uri).to_string()
}

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    view! { <Shell base=base_path() /> }
}

/// The media query under which the filters are a drawer over the page; keep it equal to the
/// `@media` rule in style/main.css.
pub(crate) const DRAWER_MEDIA: &str = "(max-width: 820px)";

/// Header, navigation, notices and the routed main area.
#[component]
fn Shell(
    /// The sub-path the app is served under.
    base: String,
) -> impl IntoView {
    let app = provide_app_state(base);
    let drawer_open = RwSignal::new(false);
    let drawer_toggle: NodeRef<leptos::html::Button> = NodeRef::new();
    // Closing the drawer hides the control that had the focus; hand the focus back to the
    // Filters button, so keyboard and screen-reader users keep their place.
    let close_drawer = move || {
        if drawer_open.get_untracked() {
            drawer_open.set(false);
            // Once the header is no longer inert, which happens when the view updates.
            crate::perf::after_paint(move || {
                if let Some(b) = drawer_toggle.get_untracked() {
                    let _ = b.focus();
                }
            });
        }
    };
    // Where the drawer overlays the page (the width at which style/main.css turns the filters
    // into a drawer), it is a modal dialog: the page under it is inert, so Tab and a screen
    // reader stay inside it until it closes. Growing the window past that width closes it, so
    // a drawer left open never leaves the wide layout inert.
    let overlay = web_sys::window().and_then(|w| w.match_media(DRAWER_MEDIA).ok().flatten());
    if let Some(q) = &overlay {
        let on_change = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
            let _ = drawer_open.try_set(false);
        });
        q.set_onchange(Some(wasm_bindgen::JsCast::unchecked_ref(
            on_change.as_ref(),
        )));
        // The page lives as long as the app: the listener is never dropped.
        on_change.forget();
    }
    let overlay = StoredValue::new_local(overlay);
    let modal = move || {
        drawer_open.get() && overlay.with_value(|q| q.as_ref().is_some_and(|q| q.matches()))
    };
    let drawer_close: NodeRef<leptos::html::Button> = NodeRef::new();
    let open_drawer = move |_| {
        let open = !drawer_open.get_untracked();
        drawer_open.set(open);
        if open {
            // Into the dialog, once it is displayed.
            crate::perf::after_paint(move || {
                if let Some(b) = drawer_close.get_untracked() {
                    let _ = b.focus();
                }
            });
        }
    };
    // How many filter values are set, shown on the phone's Filters button so an active filter is
    // never hidden behind the closed drawer.
    let active_filters = Memo::new(move |_| {
        app.view.with(|v| {
            let f = &v.filter;
            f.actors.len()
                + f.categories.len()
                + f.source_types.len()
                + f.verification.len()
                + usize::from(f.from.is_some())
                + usize::from(f.to.is_some())
                + usize::from(!f.text.is_empty())
        })
    });
    let is_about = Memo::new(move |_| app.view.with(|v| v.view == View::About));

    let title = move || {
        app.dataset
            .get()
            .map(|d| d.meta.title.clone())
            .unwrap_or_default()
    };
    // Only the page kind, not the whole view state: reading `app.view` here would rebuild the
    // page (and remount the list, the timeline, ...) on every filter change.
    let section = Memo::new(move |_| app.view.with(|v| v.view.clone()));
    let page = move || match section.get() {
        View::About => view! { <AboutPage /> }.into_any(),
        view => match app.loaded.get() {
            None => view! {
                <p class="loading" role="status">
                    <span class="spinner" aria-hidden="true"></span>
                    "Loading dataset…"
                </p>
            }
            .into_any(),
            Some(Err(e)) => view! { <LoadFailure error=e /> }.into_any(),
            Some(Ok(_)) => match view {
                View::Relationships => view! { <RelationshipsPage /> }.into_any(),
                View::Pair { a, b } => view! { <PairPage a=a b=b /> }.into_any(),
                _ => view! { <TimelinePage /> }.into_any(),
            },
        },
    };

    view! {
        <a class="skip-link" href="#main" inert=modal>
            "Skip to content"
        </a>
        <header class="site-header" inert=modal>
            <div class="brand-row">
                <h1 class="brand">"Dyad"</h1>
                <span class="dataset-title">{title}</span>
            </div>
            <nav aria-label="Main">
                <NavLink view=View::Timeline label="Timeline" />
                <NavLink view=View::Relationships label="Relationships" />
                <NavLink view=View::About label="About" />
            </nav>
            <button
                class="drawer-toggle"
                node_ref=drawer_toggle
                aria-controls="filter-panel"
                aria-expanded=move || drawer_open.get().to_string()
                on:click=open_drawer
                hidden=is_about
            >
                "Filters"
                {move || {
                    let n = active_filters.get();
                    (n > 0).then(|| format!(" ({n})"))
                }}
            </button>
        </header>
        <div class="notices" inert=modal>
            <DatasetBanner />
            <UrlNotice />
        </div>
        <div class="layout" class:about=is_about>
            // Not on About. A closure over the memo rather than `<Show>`, whose generic
            // machinery cost more than this.
            {move || {
                (!is_about.get())
                    .then(|| {
                        view! {
                            <aside
                                id="filter-panel"
                                class="filter-drawer"
                                class:open=move || drawer_open.get()
                                aria-label="Filters"
                                role=move || modal().then_some("dialog")
                                aria-modal=move || modal().then_some("true")
                                on:keydown=move |ev| {
                                    if ev.key() == "Escape" {
                                        close_drawer();
                                    }
                                }
                            >
                                <button class="drawer-close" node_ref=drawer_close on:click=move |_| close_drawer()>
                                    "Close filters"
                                </button>
                                <FilterPanel />
                            </aside>
                        }
                    })
            }}
            <main id="main" tabindex="-1" inert=modal>
                {page}
            </main>
        </div>
    }
}

/// A navigation link that keeps the current filters and marks the current page. A plain click
/// is followed in the app by `crate::location`'s link listener.
#[component]
fn NavLink(
    /// The page it opens.
    view: View,
    /// Its visible label (also its accessible name).
    label: &'static str,
) -> impl IntoView {
    let app = use_app();
    let target = view;
    let section = move |v: &View| match v {
        View::Pair { .. } => View::Relationships,
        other => other.clone(),
    };
    let current = {
        let target = target.clone();
        move || app.view.with(|v| section(&v.view) == target)
    };
    let href = move || {
        let mut next = app.view.get();
        next.view = target.clone();
        next.event = None;
        app.href(&next)
    };
    view! {
        <a
            href=href
            aria-current=move || if current() { Some("page") } else { None }
        >
            {label}
        </a>
    }
}
