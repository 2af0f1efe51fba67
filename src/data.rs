//! Loading a dataset over HTTP: fetch, parse and validate through the core, and explain any
//! failure in plain words.

use std::sync::Arc;

use dyad_core::model::RawDataset;
use dyad_core::validate;
use dyad_core::Dataset;

/// The dataset shown when the URL names none.
pub const DEFAULT_DATASET: &str = "data/sahel.json";

/// Why a dataset could not be shown.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadError {
    /// One line for the heading, e.g. "The dataset could not be downloaded".
    pub title: String,
    /// What happened, in plain words.
    pub detail: String,
    /// Validation errors, one per line, when the file was read but is not valid.
    pub diagnostics: Vec<String>,
}

/// Fetches `path` (relative to the app's base; the default dataset when `None`) and validates it.
pub async fn load(base: &str, path: Option<&str>) -> Result<Arc<Dataset>, Arc<LoadError>> {
    let path = path.unwrap_or(DEFAULT_DATASET);
    let url = format!("{base}/{path}");
    let fail = |title: &str, detail: String| {
        Arc::new(LoadError {
            title: title.to_string(),
            detail,
            diagnostics: Vec::new(),
        })
    };
    let response = gloo_net::http::Request::get(&url)
        .send()
        .await
        .map_err(|e| {
            fail(
                "The dataset could not be downloaded",
                format!("The request for {path} failed: {e}. Check your connection and retry."),
            )
        })?;
    if !response.ok() {
        let status = response.status();
        let why = if status == 404 {
            "there is no such file on this site".to_string()
        } else {
            format!("the server answered {status} {}", response.status_text())
        };
        return Err(fail(
            "The dataset could not be downloaded",
            format!("{path}: {why}."),
        ));
    }
    // The bytes, not `text()`: a JS string would be decoded from UTF-8 and re-encoded into wasm
    // memory, two passes over a file that is 67 MB at 100k events.
    let bytes = response.binary().await.map_err(|e| {
        fail(
            "The dataset could not be read",
            format!("{path}: the download broke off ({e})."),
        )
    })?;
    crate::perf::mark("dyad:data-fetched");
    let parsed = match serde_json::from_slice::<RawDataset>(&bytes) {
        Ok(raw) => {
            crate::perf::mark("dyad:data-deserialised");
            // Freed before the dataset is built, so the file and the built dataset are never in
            // memory together (wasm memory only grows: this is the page's footprint).
            drop(bytes);
            match validate::validate(raw) {
                Ok(ds) => Ok(ds),
                // Rare: download it again to place each problem at its line and column.
                Err(diags) => match refetch(&url).await {
                    Some(text) => validate::parse_dataset(&text),
                    None => Err(diags),
                },
            }
        }
        // Malformed JSON: the core reports every shape problem with its position.
        Err(_) => validate::parse_dataset(&String::from_utf8_lossy(&bytes)),
    };
    crate::perf::mark("dyad:data-parsed");
    parsed.map(Arc::new).map_err(|diags| {
        let n = diags.len();
        Arc::new(LoadError {
            title: "The dataset is not valid".to_string(),
            detail: format!(
                "{path} was downloaded but has {n} problem{}; nothing from it is shown.",
                if n == 1 { "" } else { "s" }
            ),
            diagnostics: diags.iter().map(|d| d.to_string()).collect(),
        })
    })
}

/// The file again as text, for diagnostics with positions; `None` if it cannot be had.
async fn refetch(url: &str) -> Option<String> {
    let response = gloo_net::http::Request::get(url).send().await.ok()?;
    response.text().await.ok()
}
