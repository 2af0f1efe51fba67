//! Offline visits: the release build registers its service worker (`public/sw.js`) once the
//! first dataset has settled, asks it to keep the dataset on screen for a visit without network,
//! and says when a new release has been installed beside the running one, with a Reload button
//! that switches to it.
//!
//! The worker caches the app shell of its own build and the datasets opened (see its header);
//! a new build's worker waits until this page asks it to take over (Reload), so a running page
//! never has its files swapped under it.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration};

use crate::state::use_app;

/// The worker's file, relative to the app's base; its scope is the base.
const WORKER: &str = "sw.js";

/// The browser's service worker container, if it has one (not in an insecure context).
fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    let has = js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).ok()?;
    has.then(|| navigator.service_worker())
}

/// The notice "A new version of Dyad is ready", shown once a new release's worker has
/// installed while this page runs on the old one; it also registers the worker.
#[component]
pub fn UpdateNotice() -> impl IntoView {
    let app = use_app();
    // Local UI state: whether a new version waits, and whether the reader dismissed the notice.
    let ready = RwSignal::new(false);
    let dismissed = RwSignal::new(false);
    let registration: StoredValue<Option<ServiceWorkerRegistration>, LocalStorage> =
        StoredValue::new_local(None);
    // Set once the worker is registered: the datasets are kept from then on.
    let active = RwSignal::new(false);

    // Registration waits for the first load to settle, so the worker's downloads (the whole
    // app shell) never compete with the page's own. Release builds only: a debug build's files
    // change on every save, and `trunk serve` reloads the page itself.
    let registered = StoredValue::new(false);
    Effect::new(move |_| {
        if cfg!(debug_assertions) || app.loaded.with(Option::is_none) || registered.get_value() {
            return;
        }
        registered.set_value(true);
        let base = app.base.get_value();
        crate::perf::after_paint(move || {
            leptos::task::spawn_local(async move {
                if let Some(reg) = register(&base, ready).await {
                    registration.set_value(Some(reg));
                    active.set(true);
                }
            });
        });
    });

    // Each dataset that loads is kept for offline visits. The worker keeps those the page
    // fetches through it already; this covers the first visit, which it did not yet control,
    // by a second download in the worker. A large dataset is not fetched again so: its second
    // download, right after the first, slowed the page's first filter changes at 100k events
    // by 30-65 ms (tests/bench/compare.mjs with and without the worker, 2026-12-08).
    Effect::new(move |_| {
        if !active.get() {
            return;
        }
        match app.loaded.get() {
            Some(Ok(ds)) if ds.events.len() <= KEEP_MAX_EVENTS => {}
            _ => return,
        }
        let path = app.view.with_untracked(|v| v.data.clone());
        let url = crate::data::url_of(
            &app.base.get_value(),
            path.as_deref().unwrap_or(crate::data::DEFAULT_DATASET),
        );
        leptos::task::spawn_local(keep(url));
    });

    let reload = move |_| {
        let waiting = registration.with_value(|r| r.as_ref().and_then(|r| r.waiting()));
        match (waiting, container()) {
            (Some(worker), Some(c)) => {
                // Once the new worker controls the page, load the page anew from it.
                let on_change = Closure::once_into_js(move || {
                    if let Some(w) = web_sys::window() {
                        let _ = w.location().reload();
                    }
                });
                c.set_oncontrollerchange(Some(on_change.unchecked_ref()));
                let _ = worker.post_message(&JsValue::from_str("skip-waiting"));
            }
            _ => {
                if let Some(w) = web_sys::window() {
                    let _ = w.location().reload();
                }
            }
        }
    };

    view! {
        <Show when=move || ready.get() && !dismissed.get()>
            <section class="notice update-notice" role="status" aria-label="New version">
                <p>"A new version of Dyad is ready: reload to use it."</p>
                <button on:click=reload>"Reload"</button>
                <button on:click=move |_| dismissed.set(true)>"Dismiss"</button>
            </section>
        </Show>
    }
}

/// Registers the worker and watches for a new one: `ready` turns true once a new release's
/// worker has installed beside the one that controls this page.
async fn register(base: &str, ready: RwSignal<bool>) -> Option<ServiceWorkerRegistration> {
    let c = container()?;
    let options = web_sys::RegistrationOptions::new();
    options.set_scope(&format!("{base}/"));
    let reg = JsFuture::from(c.register_with_options(&format!("{base}/{WORKER}"), &options))
        .await
        .ok()?
        // Not a registration where the browser refuses workers (e.g. a test that blocks them).
        .dyn_into::<ServiceWorkerRegistration>()
        .ok()?;
    let controlled = move || container().and_then(|c| c.controller()).is_some();
    // A worker that installed on an earlier visit and still waits.
    if reg.waiting().is_some() && controlled() {
        ready.set(true);
    }
    let watch = move |worker: ServiceWorker| {
        let w2 = worker.clone();
        let on_state = Closure::<dyn Fn()>::new(move || {
            if w2.state() == web_sys::ServiceWorkerState::Installed && controlled() {
                ready.set(true);
            }
        });
        worker.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
        // Lives as long as the page: the worker may install at any time.
        on_state.forget();
    };
    if let Some(installing) = reg.installing() {
        watch(installing);
    }
    let r2 = reg.clone();
    let on_found = Closure::<dyn Fn()>::new(move || {
        if let Some(installing) = r2.installing() {
            watch(installing);
        }
    });
    reg.set_onupdatefound(Some(on_found.as_ref().unchecked_ref()));
    on_found.forget();
    Some(reg)
}

/// The largest dataset (in events) that a first visit asks the worker to download again and
/// keep; the curated dataset and files of a few thousand events are far below it.
const KEEP_MAX_EVENTS: usize = 20_000;

/// Asks the active worker to keep the dataset at `url` (relative to the site) for offline
/// visits; it fetches it once if it does not hold it yet.
async fn keep(url: String) {
    let Some(c) = container() else { return };
    let Ok(ready) = c.ready() else { return };
    let Ok(reg) = JsFuture::from(ready).await else {
        return;
    };
    let Some(worker) = reg
        .dyn_into::<ServiceWorkerRegistration>()
        .ok()
        .and_then(|r| r.active())
    else {
        return;
    };
    let Some(href) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .and_then(|base| web_sys::Url::new_with_base(&url, &base).ok())
        .map(|u| u.href())
    else {
        return;
    };
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"keep".into(), &href.into());
    let _ = worker.post_message(&message);
}
