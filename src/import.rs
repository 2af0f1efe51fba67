//! Opening a file from the computer: an "Open file" control ([`OpenFile`]) and a drop zone over
//! the whole page ([`ImportProblems`], which also lists a refused file's problems).
//! The file is read in this browser (`Blob.arrayBuffer`), never uploaded; the core tells its
//! format and imports it (`dyad_core::import::open`: Dyad JSON, ACLED, UCDP GED, GDELT 2.0,
//! TimelineJS). A file with problems is refused whole, every problem listed with its row and
//! column, and the dataset on screen stays; a good one replaces it until the banner's Close.

use std::sync::Arc;

use dyad_core::import::Format;
use dyad_core::query::{View, ViewState};
use dyad_core::Dataset;
use leptos::prelude::*;
use leptos_use::{use_drop_zone_with_options, use_window, UseDropZoneOptions, UseDropZoneReturn};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::data::{group, MAX_BYTES, MAX_EVENTS};
use crate::progress::{next_paint, Busy};
use crate::state::{use_app, AppState, History};

/// A file the user opened, as the page shows it.
#[derive(Debug, Clone)]
pub struct LocalFile {
    /// The file's name, as the computer calls it.
    pub name: String,
    /// The format it was read as.
    pub format: Format,
    /// The dataset read from it.
    pub dataset: Arc<Dataset>,
}

/// Why a file could not be opened: a heading and every problem, one per line.
#[derive(Debug, Clone, PartialEq)]
struct Refusal {
    title: String,
    lines: Vec<String>,
}

/// The most problems listed on the page; the command line (`dyad import`) lists them all.
const SHOWN_PROBLEMS: usize = 200;

/// Reads `file` and, if the core accepts it, shows it; otherwise returns why not. Progress goes
/// to the app's progress line.
async fn open_file(app: AppState, file: web_sys::File) -> Result<(), Refusal> {
    let name = file.name();
    let size = file.size();
    let refuse = |title: String, lines: Vec<String>| Refusal { title, lines };
    if size > f64::from(MAX_BYTES) {
        return Err(refuse(
            format!("{name} is too large to open here"),
            vec![format!(
                "It is {:.0} MB; this page opens files of up to {} MB (about {} events): its \
                 memory would not hold more. Split the file, or convert a part of it with \
                 `dyad import`.",
                size / 1e6,
                MAX_BYTES / 1_000_000,
                group(MAX_EVENTS)
            )],
        ));
    }
    app.busy.set(Some(Busy::new(
        format!("Reading {name} ({:.1} MB) in this browser", size / 1e6),
        None,
    )));
    next_paint().await;
    let buffer = JsFuture::from(file.array_buffer()).await.map_err(|e| {
        refuse(
            format!("{name} could not be read"),
            vec![format!("The browser could not read the file: {e:?}")],
        )
    })?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    // Three parts, each its own task, with the progress line painted before each: telling the
    // format, reading the rows, then validating and indexing the events.
    let refused = |e: dyad_core::import::ImportError| {
        let n = e.count();
        let mut lines = e.lines();
        if lines.len() > SHOWN_PROBLEMS {
            let more = lines.len() - SHOWN_PROBLEMS;
            lines.truncate(SHOWN_PROBLEMS);
            lines.push(format!(
                "… and {more} more; `dyad import {name}` lists them all"
            ));
        }
        let title = match e {
            dyad_core::import::ImportError::Undetected(_) => {
                format!("{name} is not in a format Dyad reads")
            }
            _ => format!(
                "{name} has {n} problem{}; nothing from it is shown",
                if n == 1 { "" } else { "s" }
            ),
        };
        refuse(title, lines)
    };
    crate::perf::mark("dyad:import-start");
    let format = dyad_core::import::detect(&bytes)
        .map_err(|e| refused(dyad_core::import::ImportError::Undetected(e)))?;
    app.busy.set(Some(Busy::new(
        format!("Reading the rows of {name} ({})", format.label()),
        Some(0.1),
    )));
    next_paint().await;
    let rows = dyad_core::import::read_rows(format, &bytes).map_err(&refused)?;
    drop(bytes);
    app.busy.set(Some(Busy::new(
        format!("Checking and indexing {} events", group(rows.events())),
        Some(0.6),
    )));
    next_paint().await;
    let dataset = rows.finish().map_err(&refused)?;
    crate::perf::mark("dyad:import-done");
    if dataset.events.len() > MAX_EVENTS {
        return Err(refuse(
            format!("{name} is too large to open here"),
            vec![format!(
                "It holds {} events; this page opens at most {}.",
                group(dataset.events.len()),
                group(MAX_EVENTS)
            )],
        ));
    }
    // The view starts afresh on the file's data: the current link's actors and categories
    // belong to the other dataset. The page stays (a pair becomes the matrix).
    let view = app.view.with_untracked(|v| match v.view {
        View::Pair { .. } => View::Relationships,
        ref other => other.clone(),
    });
    let data = app.view.with_untracked(|v| v.data.clone());
    app.local.set(Some(Arc::new(LocalFile {
        name,
        format,
        dataset: Arc::new(dataset),
    })));
    app.go(
        &ViewState {
            view,
            data,
            ..ViewState::default()
        },
        History::Push,
    );
    Ok(())
}

/// What the open-file control and the problems list share: the last refusal.
#[derive(Clone, Copy)]
struct Opening {
    refusal: RwSignal<Option<Refusal>>,
}

/// Sets up opening files for the page: the shared state, and the drop zone over the whole
/// page (with its overlay, rendered by [`ImportProblems`]). Call once, in the shell.
pub fn provide_opening() {
    provide_context(Opening {
        refusal: RwSignal::new(None),
    });
}

/// Reads `file` in a task of its own, showing it or its problems.
fn start(app: AppState, refusal: RwSignal<Option<Refusal>>, file: web_sys::File) {
    refusal.set(None);
    leptos::task::spawn_local(async move {
        let outcome = open_file(app, file).await;
        app.busy.set(None);
        if let Err(r) = outcome {
            refusal.set(Some(r));
        }
    });
}

/// The "Open file" control, with the promise that the file stays in the browser. It sits at the
/// top of the filter panel (the side column, or the drawer on a phone), so it takes no room
/// above the list.
#[component]
pub fn OpenFile() -> impl IntoView {
    let app = use_app();
    let Opening { refusal } = expect_context::<Opening>();
    let on_change = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            start(app, refusal, file);
        }
        // The same file chosen again (after fixing it) fires `change` again.
        input.set_value("");
    };
    view! {
        <div class="open-file">
            <label class="button">
                <input
                    type="file"
                    class="sr-only"
                    data-testid="open-file-input"
                    accept=".json,.csv,.tsv,.txt,.CSV,application/json,text/csv"
                    on:change=on_change
                />
                "Open file…"
            </label>
            <span class="hint">
                "Your own data, read in this browser and never uploaded: Dyad JSON, ACLED, UCDP \
                 GED, GDELT 2.0 or TimelineJS files. You can also drop a file on the page."
            </span>
        </div>
    }
}

/// The whole-page drop zone with its overlay, and the list of a refused file's problems.
#[component]
pub fn ImportProblems() -> impl IntoView {
    let app = use_app();
    let Opening { refusal } = expect_context::<Opening>();
    let start = move |file: web_sys::File| start(app, refusal, file);
    // The whole page (the window) is the drop zone.
    let UseDropZoneReturn {
        is_over_drop_zone, ..
    } = use_drop_zone_with_options(
        use_window(),
        UseDropZoneOptions::default().on_drop(move |ev| {
            if let Some(file) = ev.files.into_iter().next() {
                start(file);
            }
        }),
    );
    let problems = move || {
        refusal.get().map(|r| {
            let lines: Vec<(usize, String)> = r.lines.into_iter().enumerate().collect();
            view! {
                <section class="import-failure" role="alert" data-testid="import-failure">
                    <h2>{r.title}</h2>
                    <p>"The dataset on screen is unchanged."</p>
                    <ol class="diagnostics">
                        <For each=move || lines.clone() key=|(i, _)| *i let:line>
                            <li><code>{line.1}</code></li>
                        </For>
                    </ol>
                    <button on:click=move |_| refusal.set(None)>"Dismiss"</button>
                </section>
            }
        })
    };
    view! {
        {problems}
        <Show when=move || is_over_drop_zone.get()>
            <div class="drop-overlay" aria-hidden="true">
                <p>"Drop the file to open it in this browser (it is not uploaded)"</p>
            </div>
        </Show>
    }
}
