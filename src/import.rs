//! Opening a file from the computer: an "Open file" control and a drop zone over the whole page.
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
    app.busy.set(Some(Busy::new(
        format!("Checking {name} and reading its events"),
        None,
    )));
    next_paint().await;
    crate::perf::mark("dyad:import-start");
    let opened = dyad_core::import::open(&bytes);
    drop(bytes);
    crate::perf::mark("dyad:import-done");
    let (format, dataset) = opened.map_err(|e| {
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
    })?;
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

/// The "Open file" control, the whole-page drop zone, and the list of a refused file's problems.
#[component]
pub fn OpenFile() -> impl IntoView {
    let app = use_app();
    let refusal = RwSignal::new(None::<Refusal>);
    let start = move |file: web_sys::File| {
        refusal.set(None);
        leptos::task::spawn_local(async move {
            let outcome = open_file(app, file).await;
            app.busy.set(None);
            if let Err(r) = outcome {
                refusal.set(Some(r));
            }
        });
    };
    let on_change = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            start(file);
        }
        // The same file chosen again (after fixing it) fires `change` again.
        input.set_value("");
    };
    // The whole page is the drop zone. The drop handler runs in leptos-use's listener, which
    // wants a thread-safe closure; the file goes to the task through the send wrapper.
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
                "Read in this browser, never uploaded: Dyad JSON, ACLED, UCDP GED, GDELT 2.0 or \
                 TimelineJS files; or drop a file on the page."
            </span>
        </div>
        {problems}
        <Show when=move || is_over_drop_zone.get()>
            <div class="drop-overlay" aria-hidden="true">
                <p>"Drop the file to open it in this browser (it is not uploaded)"</p>
            </div>
        </Show>
    }
}
