//! Loading a dataset over HTTP: fetch, parse and validate through the core, and explain any
//! failure in plain words.

use std::sync::Arc;

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
    let text = response.text().await.map_err(|e| {
        fail(
            "The dataset could not be read",
            format!("{path}: the download broke off ({e})."),
        )
    })?;
    crate::perf::mark("dyad:data-fetched");
    let parsed = validate::parse_dataset(&text);
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
