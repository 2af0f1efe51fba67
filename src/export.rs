//! "Download CSV": the events the current view matches, as a CSV file written by the core
//! (`dyad_core::export`), saved through a `Blob` and a link with `download` (nothing is sent
//! anywhere: the file is made in the page).

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use crate::state::AppState;

/// Saves the current result (every match, in date order) as `<dataset id>-events.csv`.
pub fn download_csv(app: AppState) {
    let (Some(ds), Some(result)) = (app.dataset.get_untracked(), app.result.get_untracked()) else {
        return;
    };
    let csv = dyad_core::export::events_csv(&ds, &result.matches);
    save(
        &format!("{}-events.csv", ds.meta.id),
        "text/csv;charset=utf-8",
        &csv,
    );
}

/// Offers `text` as a file named `name`; does nothing if the browser refuses.
fn save(name: &str, mime: &str, text: &str) -> Option<()> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
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
