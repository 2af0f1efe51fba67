//! The application shell: router, header and navigation, and the main view chosen by the URL.

use leptos::prelude::*;
use leptos_router::components::{Router, A};
use leptos_router::hooks::use_location;

/// The path prefix the app is served under ("" at the root, "/dyad" under a sub-path), read from
/// the `<base href>` Trunk writes from `--public-url`, so one build script serves both.
pub fn base_path() -> String {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .and_then(|uri| web_sys::Url::new(&uri).ok())
        .map(|u| u.pathname())
        .unwrap_or_default();
    base.trim_end_matches('/').to_string()
}

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let base = base_path();
    view! {
        <Router base=base>
            <Shell />
        </Router>
    }
}

/// Header, navigation and the routed main area.
#[component]
fn Shell() -> impl IntoView {
    let location = use_location();
    let page = move || {
        let path = location.pathname.get();
        match path.trim_end_matches('/') {
            "/about" => view! { <About /> }.into_any(),
            "/relationships" => view! { <h2>"Relationships"</h2> }.into_any(),
            _ => view! { <h2>"Timeline"</h2> }.into_any(),
        }
    };
    view! {
        <header class="site-header">
            <h1 class="brand">"Dyad"</h1>
            <nav aria-label="Main">
                <A href="/">"Timeline"</A>
                <A href="/relationships">"Relationships"</A>
                <A href="/about">"About"</A>
            </nav>
        </header>
        <main id="main">{page}</main>
    }
}

/// The About page.
#[component]
fn About() -> impl IntoView {
    view! { <h2>"About Dyad"</h2> }
}
