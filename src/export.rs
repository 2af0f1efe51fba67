//! "Download CSV": the events the current view matches, as a CSV file written by the core
//! (`dyad_core::export`), saved through a `Blob` and a link with `download` (nothing is sent
//! anywhere: the file is made in the page).

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use crate::state::AppState;

/// Events written per part of the file: each part is handed to JS as soon as it is written,
/// so wasm memory (which never shrinks) holds one part, not the whole file (48 MB at 100k).
const PART_EVENTS: usize = 5_000;

/// Saves the current result (every match, in date order) as `<dataset id>-events.csv`.
pub fn download_csv(app: AppState) {
    use dyad_core::export::{csv_header, csv_rows};
    let (Some(ds), Some(result)) = (app.dataset.get_untracked(), app.result.get_untracked()) else {
        return;
    };
    let parts = js_sys::Array::of1(&JsValue::from_str(&csv_header()));
    for chunk in result.matches.chunks(PART_EVENTS) {
        parts.push(&JsValue::from_str(&csv_rows(&ds, chunk)));
    }
    save(
        &format!("{}-events.csv", ds.meta.id),
        "text/csv;charset=utf-8",
        &parts,
    );
}

/// Offers the text `parts` as a file named `name`; does nothing if the browser refuses.
fn save(name: &str, mime: &str, parts: &js_sys::Array) -> Option<()> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let link = web_sys::window()?.document()?.create_element("a").ok()?;
    link.set_attribute("href", &url).ok()?;
    link.set_attribute("download", name).ok()?;
    link.dyn_ref::<web_sys::HtmlElement>()?.click();
    // The download has its own reference by now; the URL would otherwise hold the file in
    // memory as long as the page lives.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(10),
    );
    Some(())
}
