//! The app's state, derived from the router's location through the core's codec, and the one
//! way to change it: navigate to the canonical URL of the next [`ViewState`].
//!
//! [`provide_app_state`] builds it once, inside the `<Router>`, and puts it in the Leptos
//! context; components call [`use_app`] and read its memos. Nothing here stores view state of its
//! own: a reload or a shared link reproduces the screen exactly.

use std::sync::Arc;

use dyad_core::filter::{self, FilterResult};
use dyad_core::query::{self, ViewState, Warning};
use dyad_core::Dataset;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

use crate::data::{self, LoadError};
pub use crate::import::LocalFile;

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
    /// The dataset load, keyed by the URL's `data=` and the file opened ([`AppState::local`]);
    /// `None` while the first load runs.
    pub loaded: LocalResource<Loaded>,
    /// What the running load is doing, for the loading line.
    pub progress: ReadSignal<data::Progress>,
    /// The dataset, once loaded and valid: the file the user opened, if any, else the URL's;
    /// after a failed load, the last one that loaded.
    pub dataset: Memo<Option<Arc<Dataset>>>,
    /// A file opened from the computer ([`crate::import`]), shown instead of the URL's dataset
    /// until Reset. It cannot live in the URL (a link cannot carry a file), so it is a signal.
    pub local: RwSignal<Option<Arc<LocalFile>>>,
    /// Hosts whose datasets the user agreed to load this session (`?data=https://host/...`).
    pub allowed_hosts: RwSignal<Vec<String>>,
    /// Long work under way (an import, an export), for the progress line.
    pub busy: RwSignal<Option<crate::progress::Busy>>,
    /// The filter's matches and facet counts for the current URL.
    pub result: Memo<Option<Arc<FilterResult>>>,
    /// The router's navigation, taking a full path (with the base).
    navigate: StoredValue<Navigate>,
}

/// The router's `navigate`, kept so that event handlers can call it.
type Navigate = Arc<dyn Fn(&str, NavigateOptions) + Send + Sync>;

/// Pointer equality: a dataset or a result is only "the same" if it is the same allocation,
/// which is what memo change detection needs (comparing 100k events by value would be waste).
fn same<T>(a: Option<&Option<Arc<T>>>, b: Option<&Option<Arc<T>>>) -> bool {
    match (a, b) {
        (Some(Some(x)), Some(Some(y))) => Arc::ptr_eq(x, y),
        (Some(None), Some(None)) => true,
        _ => false,
    }
}

/// Builds the app state from the router's location and makes it the page's ([`use_app`]).
/// Call once, inside `<Router>`.
pub fn provide_app_state(base: String) -> AppState {
    let location = use_location();
    let base_v = StoredValue::new(base);

    // The URL as the codec reads it, before the dataset is known: the path relative to the
    // base, and the raw query.
    let parsed = Memo::new(move |_| {
        let path = location.pathname.get();
        let search = location.search.get();
        let path = crate::app::strip_base(&base_v.read_value(), &path);
        query::parse(&path, &search)
    });

    let data_path = Memo::new(move |_| parsed.with(|(s, _)| s.data.clone()));
    let (progress, set_progress) = signal(data::Progress::Requesting);
    let allowed_hosts = RwSignal::new(Vec::<String>::new());
    let local = RwSignal::new(None::<Arc<LocalFile>>);
    // A file opened from the computer takes the place of the URL's dataset through the same
    // resource, so the pages see it arrive exactly as they see a `data=` switch.
    let loaded = LocalResource::new(move || {
        let file = local.get();
        let path = data_path.get();
        let base = base_v.get_value();
        let allowed = allowed_hosts.get();
        async move {
            match file {
                Some(file) => Ok(file.dataset.clone()),
                None => {
                    data::load(&base, path.as_deref(), &allowed, move |p| {
                        set_progress.set(p)
                    })
                    .await
                }
            }
        }
    });
    let dataset = Memo::new_with_compare(
        move |last: Option<&Option<Arc<Dataset>>>| match loaded.get() {
            Some(Ok(ds)) => Some(ds),
            // A load that failed keeps the last good dataset on screen, under its reason.
            Some(Err(_)) => last.cloned().flatten(),
            None => None,
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

    let navigate = use_navigate();
    let state = AppState {
        base: base_v,
        view,
        warnings,
        loaded,
        progress,
        dataset,
        local,
        allowed_hosts,
        busy: RwSignal::new(None),
        result,
        navigate: StoredValue::new(Arc::new(navigate)),
    };

    // Keep the address bar canonical (`/pair/RUS/MLI` becomes `/pair/MLI/RUS`, lists sorted,
    // defaults dropped) by replacing the entry, so every shared link is the canonical one. Not
    // while the URL has warnings: the notice quotes the link as it was opened. The effect
    // reads the state and changes the address bar (the outside world); the router's location
    // follows from there.
    Effect::new(move |_| {
        let (state_now, warnings) = checked.get();
        if !warnings.is_empty() || dataset.with(|d| d.is_none()) {
            return;
        }
        let canonical = query::render(&state_now);
        let here = format!(
            "{}{}",
            crate::app::strip_base(&base_v.read_value(), &location.pathname.get_untracked()),
            match location.search.get_untracked() {
                s if s.is_empty() => String::new(),
                s => format!("?{s}"),
            }
        );
        if canonical != here {
            state.go_to(&canonical, History::Replace);
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

    provide_context(state);
    state
}

/// The app state (from the context [`provide_app_state`] set at the root).
pub fn use_app() -> AppState {
    expect_context::<AppState>()
}

impl AppState {
    /// Navigates to the canonical URL of `next`.
    pub fn go(&self, next: &ViewState, how: History) {
        // The browser benchmark measures from here to the next paint of the list.
        crate::perf::mark("dyad:nav");
        self.go_to(&query::render(next), how);
    }

    /// Navigates to `url`, a path and query relative to the base.
    fn go_to(&self, url: &str, how: History) {
        let full = format!("{}{url}", self.base.read_value());
        let options = NavigateOptions {
            // The path is already absolute, with the base.
            resolve: false,
            replace: how == History::Replace,
            // A view change keeps the reader's place; Back and Forward restore theirs.
            scroll: false,
            ..NavigateOptions::default()
        };
        self.navigate.with_value(|nav| nav(&full, options));
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
