//! Loading a dataset over HTTP: fetch, parse and validate through the core, and explain any
//! failure in plain words.
//!
//! The first dataset is requested by `index.html` itself, with `fetch`, while the app's wasm is
//! still downloading, and read to the end there; the app takes that result ([`prefetched`])
//! rather than asking again, so on a first visit the file is usually in memory before the app
//! runs. (A `<link rel=preload>` started the download as early, but the app's own request for
//! it began only after the first mount, and reading even a finished response then waited 13–65
//! ms behind the loading page's first frame: up to a fifth of the first-paint budget.)

use std::sync::Arc;

use dyad_core::model::RawDataset;
use dyad_core::reader::{DatasetReader, Malformed};
use dyad_core::validate;
use dyad_core::Dataset;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

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

/// `fetch(url)`: the response, whatever its status, or the error the request failed with.
pub async fn fetch(url: &str) -> Result<web_sys::Response, JsValue> {
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    let response = JsFuture::from(window.fetch_with_str(url)).await?;
    response.dyn_into::<web_sys::Response>()
}

/// A JS error as `String(e)` says it: "TypeError: Failed to fetch".
fn js_text(e: &JsValue) -> String {
    match e.dyn_ref::<js_sys::Object>() {
        Some(o) => o.to_string().into(),
        None => format!("{e:?}"),
    }
}

/// What a download gave: the HTTP status and, for a 2xx answer, the body or why reading it
/// failed.
struct Download {
    status: u16,
    status_text: String,
    body: Result<JsValue, JsValue>,
}

impl Download {
    fn ok(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// The download `index.html` started for `path` (relative to the base) before the app ran, if
/// that is the path it fetched: a promise of `{status, statusText, body | error}`. Taken once:
/// a retry, or the next dataset, fetches anew.
fn prefetched(path: &str) -> Option<js_sys::Promise> {
    let window = web_sys::window()?;
    let key = JsValue::from_str("dyadPrefetch");
    let p = js_sys::Reflect::get(&window, &key).ok()?;
    if p.is_undefined() {
        return None;
    }
    let _ = js_sys::Reflect::delete_property(&window, &key);
    let fetched = js_sys::Reflect::get(&p, &JsValue::from_str("path")).ok()?;
    if fetched.as_string()? != path {
        return None;
    }
    js_sys::Reflect::get(&p, &JsValue::from_str("response"))
        .ok()?
        .dyn_into::<js_sys::Promise>()
        .ok()
}

/// Downloads `url`, or takes `index.html`'s download of `path`; `Err` if the request failed.
async fn download(url: &str, path: &str) -> Result<Download, JsValue> {
    if let Some(started) = prefetched(path) {
        let got = JsFuture::from(started).await?;
        let field = |k: &str| js_sys::Reflect::get(&got, &JsValue::from_str(k)).unwrap_or_default();
        let body = field("body");
        return Ok(Download {
            status: field("status").as_f64().unwrap_or(0.0) as u16,
            status_text: field("statusText").as_string().unwrap_or_default(),
            body: if body.is_undefined() {
                Err(field("error"))
            } else {
                Ok(body)
            },
        });
    }
    let response = fetch(url).await?;
    // Not read when the server refused: only the status is reported then.
    let body = if response.ok() {
        match response.array_buffer() {
            Ok(promise) => JsFuture::from(promise).await,
            Err(e) => Err(e),
        }
    } else {
        Err(JsValue::UNDEFINED)
    };
    Ok(Download {
        status: response.status(),
        status_text: response.status_text(),
        body,
    })
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
    let got = download(&url, path).await.map_err(|e| {
        fail(
            "The dataset could not be downloaded",
            format!(
                "The request for {path} failed: {}. Check your connection and retry.",
                js_text(&e)
            ),
        )
    })?;
    if !got.ok() {
        let status = got.status;
        let why = if status == 404 {
            "there is no such file on this site".to_string()
        } else {
            format!("the server answered {status} {}", got.status_text)
        };
        return Err(fail(
            "The dataset could not be downloaded",
            format!("{path}: {why}."),
        ));
    }
    // The body stays in a JS ArrayBuffer and enters wasm memory a chunk at a time: wasm memory
    // never shrinks, and copying a 67 MB file (100k events) in whole would add it to the page's
    // footprint next to the dataset read from it.
    let body = got
        .body
        .map(|buffer| js_sys::Uint8Array::new(&buffer))
        .map_err(|e| {
            fail(
                "The dataset could not be read",
                format!(
                    "{path}: the download broke off ({}).",
                    e.as_string().unwrap_or_else(|| format!("{e:?}"))
                ),
            )
        })?;
    crate::perf::mark("dyad:data-fetched");
    let parsed = match read_in_chunks(&body) {
        Ok(raw) => {
            crate::perf::mark("dyad:data-deserialised");
            match validate::validate(raw) {
                Ok(ds) => Ok(ds),
                // Rare: read the whole text to place each problem at its line and column.
                Err(_) => validate::parse_dataset(&String::from_utf8_lossy(&body.to_vec())),
            }
        }
        // Malformed JSON: the core reports every shape problem with its position.
        Err(_) => validate::parse_dataset(&String::from_utf8_lossy(&body.to_vec())),
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

/// Copies the body into wasm memory 1 MB at a time, each chunk read before the next is copied.
fn read_in_chunks(body: &js_sys::Uint8Array) -> Result<RawDataset, Malformed> {
    const CHUNK: u32 = 1 << 20;
    let len = body.length();
    let mut reader = DatasetReader::new();
    let mut chunk = vec![0; CHUNK as usize];
    let mut at = 0;
    while at < len {
        let end = at.saturating_add(CHUNK).min(len);
        let n = (end - at) as usize;
        let Some(buf) = chunk.get_mut(..n) else {
            break;
        };
        body.subarray(at, end).copy_to(buf);
        reader.feed(buf)?;
        at = end;
    }
    reader.finish()
}
