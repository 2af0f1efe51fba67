//! The app's state, derived from the URL through the core's codec, and the one way to change it:
//! navigate to the canonical URL of the next [`ViewState`].
//!
//! [`provide_app_state`] builds everything once at the top of the tree and keeps it for the
//! page; components call [`use_app`] and read memos. Nothing here stores view state in a signal of its
//! own: a reload or a shared link must reproduce the screen exactly.

use std::sync::Arc;

use dyad_core::filter::{self, FilterResult};
use dyad_core::query::{self, ViewState, Warning};
use dyad_core::Dataset;
use std::cell::Cell;
use std::rc::Rc;

use leptos::prelude::*;

use crate::data::{self, LoadError};
use crate::location::{self, Location};

/// How a state change enters the browser history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum History {
    /// A new entry: discrete choices (a checkbox, a selected event), so Back undoes them.
    Push,
    /// Replace the entry: continuous input (typing, zooming), so Back is not flooded.
    Replace,
}

/// The result of loading the dataset.
pub type Loaded = Result<Arc<Dataset>, Arc<LoadError>>;

/// Everything components need ([`use_app`]). All fields are `Copy` handles.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The sub-path the app is served under, without a trailing slash ("" at the root).
    pub base: StoredValue<String>,
    /// The URL parsed (and checked against the dataset once it is loaded).
    pub view: Memo<ViewState>,
    /// What in the URL could not be used.
    pub warnings: Memo<Vec<Warning>>,
    /// The dataset load, `None` while loading.
    pub loaded: Load,
    /// The dataset, once loaded and valid.
    pub dataset: Memo<Option<Arc<Dataset>>>,
    /// The filter's matches and facet counts for the current URL.
    pub result: Memo<Option<Arc<FilterResult>>>,
    /// The address bar, relative to `base`.
    location: RwSignal<Location>,
}

/// The dataset load: a signal set when a download (started by an effect whenever the URL's
/// `data=` changes, or by [`Load::refetch`]) ends. A plain signal and a spawned task instead of
/// a `LocalResource`, whose async machinery cost about 10 KB of wasm for this one use. As with
/// the resource, a load in progress leaves the previous result on screen until it ends.
#[derive(Clone, Copy)]
pub struct Load {
    value: RwSignal<Option<Loaded>>,
    /// Flipped by [`Load::refetch`]: its value means nothing, a change starts a download.
    again: RwSignal<bool>,
}

impl Load {
    /// The result, `None` until the first load ends. Tracked.
    pub fn get(&self) -> Option<Loaded> {
        self.value.get()
    }

    /// Downloads the dataset again (Retry).
    pub fn refetch(&self) {
        self.again.update(|b| *b = !*b);
    }
}

/// Pointer equality: a dataset or a result is only "the same" if it is the same allocation,
/// which is what memo change detection needs (comparing 100k events by value would be waste).
fn same<T>(a: Option<&Option<Arc<T>>>, b: Option<&Option<Arc<T>>>) -> bool {
    match (a, b) {
        (Some(Some(x)), Some(Some(y))) => Arc::ptr_eq(x, y),
        (Some(None), Some(None)) => true,
        _ => false,
    }
}

/// Builds the app state (and the location it reads) and makes it the page's ([`use_app`]).
pub fn provide_app_state(base: String) -> AppState {
    let base_v = StoredValue::new(base.clone());
    let location = location::provide(base);

    // The URL as the codec reads it, before the dataset is known.
    let parsed = Memo::new(move |_| {
        location.with(|l| {
            let (path, search) = l.split_once('?').unwrap_or((l, ""));
            query::parse(path, search)
        })
    });

    let data_path = Memo::new(move |_| parsed.with(|(s, _)| s.data.clone()));
    let loaded = Load {
        value: RwSignal::new(None),
        again: RwSignal::new(false),
    };
    // Which download is the latest: one that ends after another has started is dropped.
    let latest = Rc::new(Cell::new(0u32));
    Effect::new(move |_| {
        loaded.again.track();
        let path = data_path.get();
        let base = base_v.get_value();
        let n = latest.get().wrapping_add(1);
        latest.set(n);
        let latest = Rc::clone(&latest);
        leptos::task::spawn_local(async move {
            let result = data::load(&base, path.as_deref()).await;
            if latest.get() == n {
                loaded.value.set(Some(result));
            }
        });
    });
    let dataset = Memo::new_with_compare(
        move |_| match loaded.get() {
            Some(Ok(ds)) => Some(ds),
            _ => None,
        },
        |a, b| !same(a, b),
    );

    let checked = Memo::new(move |_| {
        let (mut state, mut warnings) = parsed.get();
        if let Some(ds) = dataset.get() {
            warnings.extend(state.check(&ds));
        }
        (state, warnings)
    });
    let view = Memo::new(move |_| checked.with(|(s, _)| s.clone()));
    let warnings = Memo::new(move |_| checked.with(|(_, w)| w.clone()));

    let filter = Memo::new(move |_| view.with(|v| v.filter.clone()));
    let result = Memo::new_with_compare(
        move |_| {
            let ds = dataset.get()?;
            let f = filter.get();
            Some(Arc::new(filter::run(&ds, &f)))
        },
        |a, b| !same(a, b),
    );

    // Keep the address bar canonical (`/pair/RUS/MLI` becomes `/pair/MLI/RUS`, lists sorted,
    // defaults dropped) by replacing the entry, so every shared link is the canonical one. Not
    // while the URL has warnings: the notice quotes the link as it was opened.
    Effect::new(move |_| {
        let (state, warnings) = checked.get();
        if !warnings.is_empty() || dataset.with(|d| d.is_none()) {
            return;
        }
        let canonical = query::render(&state);
        if location.with(|l| canonical != *l) {
            location::navigate(location, &base_v.read_value(), &canonical, History::Replace);
        }
    });

    // The text filter's index is built lazily by the core (folding every text is most of the
    // cost of a load); build it right after the first paint of a dataset, so the first query
    // does not wait for it and the first paint does not either.
    Effect::new(move |_| {
        if let Some(ds) = dataset.get() {
            // Two frames on: after the first paint's own work (its performance mark included).
            crate::perf::after_paint(move || {
                crate::perf::after_paint(move || {
                    ds.search();
                })
            });
        }
    });

    let state = AppState {
        location,
        base: base_v,
        view,
        warnings,
        loaded,
        dataset,
        result,
    };
    APP.with(|app| app.set(Some(state)));
    state
}

thread_local! {
    /// The one app state of the page. A plain cell rather than Leptos's context: there is one
    /// app per page, and `provide_context`/`expect_context` (a walk up the owner tree, generic
    /// over the type, with its panic message) cost 1.7 KB of the gzip shell more than this.
    static APP: Cell<Option<AppState>> = const { Cell::new(None) };
}

/// The app state.
pub fn use_app() -> AppState {
    // Set at the root by `App` before any component can run, so it is always there.
    APP.with(Cell::get)
        .expect("the app state is set before any component runs")
}

impl AppState {
    /// Navigates to the canonical URL of `next`.
    pub fn go(&self, next: &ViewState, how: History) {
        // The browser benchmark measures from here to the next paint of the list.
        crate::perf::mark("dyad:nav");
        let url = query::render(next);
        location::navigate(self.location, &self.base.read_value(), &url, how);
    }

    /// Applies `change` to the current state and navigates to the result.
    pub fn update(&self, how: History, change: impl FnOnce(&mut ViewState)) {
        let mut next = self.view.get_untracked();
        change(&mut next);
        self.go(&next, how);
    }

    /// A link target for a state, with the base prepended, for `href` attributes.
    pub fn href(&self, state: &ViewState) -> String {
        format!("{}{}", self.base.read_value(), query::render(state))
    }
}
