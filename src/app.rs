//! The application: the router, the shell (header and navigation, dataset banner, URL notices,
//! the filter drawer) and the routes, one page component each.
//!
//! To add a page: add a `<Route>` below and a component for it; its state lives in the URL
//! (`dyad_core::query`), read through [`crate::state::use_app`].
//!
//! Links are plain `<a href>`s written by [`crate::state::AppState::href`]; the `<Router>`
//! follows a plain click on any of them without reloading. They are not `<A>`s because `<A>`
//! resolves an href against the route, which under a base path turns the root into the base
//! without its slash (`<A href="/">` under `/dyad` links to `/dyad`, which static hosts answer
//! with a redirect or a 404, where the app needs `/dyad/`), and marks the current page by path
//! prefix, which cannot tell that `/pair/…` belongs to Relationships.

use dyad_core::query::View;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use leptos_use::use_media_query;

use crate::about::AboutPage;
use crate::filters::FilterPanel;
use crate::import::{provide_opening, ImportProblems, OpenFile};
use crate::map::MapPage;
use crate::notices::{DatasetBanner, LoadFailure, UrlNotice};
use crate::offline::UpdateNotice;
use crate::progress::ProgressLine;
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
    base_of(&uri).to_string()
}

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let base = base_path();
    view! {
        <Router base=base.clone()>
            <Shell base=base />
        </Router>
    }
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
    provide_opening();
    let drawer_open = RwSignal::new(false);
    let drawer_toggle: NodeRef<leptos::html::Button> = NodeRef::new();
    let drawer_close: NodeRef<leptos::html::Button> = NodeRef::new();
    // Where the drawer overlays the page (the width at which style/main.css turns the filters
    // into a drawer), it is a modal dialog: the page under it is inert, so Tab and a screen
    // reader stay inside it until it closes.
    let overlay = use_media_query(DRAWER_MEDIA);
    let modal = move || drawer_open.get() && overlay.get();
    // Closing the drawer hides the control that had the focus; the focus goes back to the
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
    let toggle_drawer = move |_| {
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
    // Growing the window past the drawer's width closes it, so a drawer left open never leaves
    // the wide layout inert.
    Effect::new(move |_| {
        if !overlay.get() && drawer_open.get_untracked() {
            drawer_open.set(false);
        }
    });
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
            .map(|d| dyad_core::text::visible(&d.meta.title).into_owned())
            .unwrap_or_default()
    };
    // The skip link's `#main` would resolve against `<base href>` (the app's root, without the
    // view's path and query), and the router would follow it there; it moves the focus instead.
    let skip = move |ev: web_sys::MouseEvent| {
        ev.prevent_default();
        let main = document().get_element_by_id("main");
        if let Some(main) =
            main.and_then(|m| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(m).ok())
        {
            let _ = main.focus();
        }
    };

    view! {
        <a class="skip-link" href="#main" inert=modal on:click=skip>
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
                <NavLink view=View::Map label="Map" />
                <NavLink view=View::About label="About" />
            </nav>
            <button
                class="drawer-toggle"
                node_ref=drawer_toggle
                aria-controls="filter-panel"
                aria-expanded=move || drawer_open.get().to_string()
                on:click=toggle_drawer
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
            <ProgressLine />
            <ImportProblems />
            <UrlNotice />
            <UpdateNotice />
        </div>
        <div class="layout" class:about=is_about>
            <Show when=move || !is_about.get()>
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
                    <OpenFile />
                    <FilterPanel />
                </aside>
            </Show>
            <main id="main" tabindex="-1" inert=modal>
                <Routes fallback=|| view! { <Loaded><TimelinePage /></Loaded> }>
                    <Route path=path!("/") view=|| view! { <Loaded><TimelinePage /></Loaded> } />
                    <Route path=path!("/relationships") view=|| view! { <Loaded><RelationshipsPage /></Loaded> } />
                    <Route path=path!("/pair/:a/:b") view=|| view! { <Loaded><PairRoute /></Loaded> } />
                    <Route path=path!("/map") view=|| view! { <Loaded><MapPage /></Loaded> } />
                    <Route path=path!("/about") view=AboutPage />
                </Routes>
            </main>
        </div>
    }
}

/// Its children once the dataset is loaded; until then a loading line saying what the load is
/// doing, and the reason with a Retry if it failed. While another dataset loads, the previous
/// one stays on screen, and it stays under the reason if that load fails.
#[component]
fn Loaded(
    /// The page to show.
    children: ChildrenFn,
) -> impl IntoView {
    let app = use_app();
    let loading = move || {
        view! {
            <p class="loading" role="status">
                <span class="spinner" aria-hidden="true"></span>
                {move || app.progress.get().describe()}
            </p>
        }
    };
    view! {
        <Transition fallback=loading>
            {move || {
                let children = children.clone();
                Suspend::new(async move {
                    match app.loaded.await {
                        Ok(_) => children().into_any(),
                        Err(e) => {
                            crate::events::end_prerendered();
                            let kept = app.dataset.with_untracked(Option::is_some);
                            view! {
                                <LoadFailure error=e kept=kept />
                                {kept.then(|| children())}
                            }
                            .into_any()
                        }
                    }
                })
            }}
        </Transition>
    }
}

/// `/pair/:a/:b`: the pair as the URL's state names it (canonical, checked against the data).
#[component]
fn PairRoute() -> impl IntoView {
    let app = use_app();
    let pair = Memo::new(move |_| {
        app.view.with(|v| match &v.view {
            View::Pair { a, b } => Some((a.clone(), b.clone())),
            _ => None,
        })
    });
    // A pair the link names but the dataset lacks is read as the matrix (the notice says so).
    move || match pair.get() {
        Some((a, b)) => view! { <PairPage a=a b=b /> }.into_any(),
        None => view! { <RelationshipsPage /> }.into_any(),
    }
}

/// A navigation link that keeps the current filters and marks the current page.
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
        <a href=href aria-current=move || current().then_some("page")>
            {label}
        </a>
    }
}

/// The base path in an absolute URL (`document.baseURI`), without its trailing slash:
/// `https://example.org/dyad/` gives `/dyad`, `https://example.org/` gives "".
pub fn base_of(uri: &str) -> &str {
    let after_scheme = uri.split_once("://").map_or(uri, |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
    let path = path.split(['?', '#']).next().unwrap_or_default();
    path.trim_end_matches('/')
}

/// The app-relative path of a browser path: `/dyad/about` under base `/dyad` is `/about`.
pub fn strip_base(base: &str, path: &str) -> String {
    if base.is_empty() {
        return path.to_string();
    }
    match path.strip_prefix(base) {
        Some("") => "/".to_string(),
        Some(rest) if rest.starts_with('/') => rest.to_string(),
        _ => path.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::{base_of, strip_base};

    /// The base is the path of the base URL, without its trailing slash.
    #[test]
    fn base_of_uri() {
        let cases = [
            ("https://example.org/", ""),
            ("https://example.org", ""),
            ("http://127.0.0.1:4173/", ""),
            ("https://user.github.io/dyad/", "/dyad"),
            ("https://user.github.io/dyad", "/dyad"),
            ("https://example.org/a/b/?x=1#y", "/a/b"),
            ("https://example.org/dyad/#main", "/dyad"),
            ("", ""),
        ];
        for (uri, want) in cases {
            assert_eq!(base_of(uri), want, "{uri}");
        }
    }

    /// The base sub-path is removed only as a whole leading segment.
    #[test]
    fn strips_base() {
        let cases = [
            ("", "/about", "/about"),
            ("/dyad", "/dyad/about", "/about"),
            ("/dyad", "/dyad", "/"),
            ("/dyad", "/dyad/", "/"),
            ("/dyad", "/dyadic", "/dyadic"),
        ];
        for (base, path, want) in cases {
            assert_eq!(strip_base(base, path), want, "{base} {path}");
        }
    }
}
