//! Loading a dataset over HTTP with gloo-net: download, read and validate through the core, and
//! explain any failure in plain words.
//!
//! The first dataset is requested by `index.html` itself while the app's wasm is still
//! downloading; the app takes that response ([`prefetched`]) as a gloo-net `Response` rather
//! than asking again, so on a first visit the file has usually arrived before the app runs.
//!
//! The body stays in a JS `ArrayBuffer` and the core reads it through [`JsBytes`], a megabyte at
//! a time (`RawDataset::from_reader`): wasm memory never shrinks, and a 67 MB file (100k events)
//! copied in whole would stay in the page's footprint next to the dataset read from it.

use std::sync::Arc;

use dyad_core::read::Refused;
use dyad_core::validate;
use dyad_core::Dataset;
use gloo_net::http::{Request, Response};
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
    /// The other host a `data=` address names, when the user has not yet agreed to load from
    /// it: the page asks first (a link must not make the page fetch from anywhere unasked).
    pub confirm_host: Option<String>,
}

/// A JS error as `String(e)` says it: "TypeError: Failed to fetch".
fn js_text(e: &JsValue) -> String {
    match e.dyn_ref::<js_sys::Object>() {
        Some(o) => o.to_string().into(),
        None => e.as_string().unwrap_or_else(|| format!("{e:?}")),
    }
}

/// The response `index.html` started fetching for `path` (relative to the base) before the app
/// ran, if that is the path it fetched. Taken once: a retry, or the next dataset, fetches anew.
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

/// GETs `url`, or takes `index.html`'s request for `path`.
async fn get(url: &str, path: &str) -> Result<Response, String> {
    if let Some(started) = prefetched(path) {
        let raw = JsFuture::from(started).await.map_err(|e| js_text(&e))?;
        let raw: web_sys::Response = raw.dyn_into().map_err(|e| js_text(&e))?;
        return Ok(Response::from(raw));
    }
    Request::get(url).send().await.map_err(|e| e.to_string())
}

/// The text of a small file at `url` (relative to the site), or `None` if it cannot be had.
pub async fn fetch_text(url: &str) -> Option<String> {
    let response = Request::get(url).send().await.ok()?;
    if !response.ok() {
        return None;
    }
    response.text().await.ok()
}

/// Fetches `path` (relative to the app's base, or from the site's root if it starts with `/`;
/// the default dataset when `None`) and validates it. An address on another host
/// ([`dyad_core::query::data_url_host`]) is fetched only if its host is in `allowed`; otherwise
/// the error asks for the user's consent ([`LoadError::confirm_host`]).
pub async fn load(
    base: &str,
    path: Option<&str>,
    allowed: &[String],
) -> Result<Arc<Dataset>, Arc<LoadError>> {
    let path = path.unwrap_or(DEFAULT_DATASET);
    let fail = |title: &str, detail: String| {
        Arc::new(LoadError {
            title: title.to_string(),
            detail,
            diagnostics: Vec::new(),
            confirm_host: None,
        })
    };
    let here = web_sys::window()
        .and_then(|w| w.location().host().ok())
        .unwrap_or_default();
    let foreign = dyad_core::query::data_url_host(path).filter(|h| *h != here);
    if let Some(host) = foreign {
        if !allowed.iter().any(|a| a == host) {
            return Err(Arc::new(LoadError {
                title: format!("Load a dataset from {host}?"),
                detail: format!(
                    "This link asks to show a dataset published on another site, {host}: {path}. \
                     Dyad will download it into this page (nothing is sent to {host} but the \
                     request) and check it before showing it."
                ),
                diagnostics: Vec::new(),
                confirm_host: Some(host.to_string()),
            }));
        }
    }
    // An address is fetched as it is, and so is a path from the site's root; any other path
    // is relative to the app.
    let url = if path.starts_with('/') || foreign.is_some() || path.contains("://") {
        path.to_string()
    } else {
        format!("{base}/{path}")
    };
    let response = get(&url, path).await.map_err(|e| match foreign {
        Some(host) => fail(
            "The dataset could not be downloaded",
            format!(
                "{host} did not hand over {path}. Either the site cannot be reached (check the \
                 address and your connection), or it does not allow other sites to read its \
                 files: a dataset published for Dyad must be served with the header \
                 \"Access-Control-Allow-Origin: *\" (CORS). You can also download the file \
                 yourself and open it here with Open file. (The browser said: {e}.)"
            ),
        ),
        None => fail(
            "The dataset could not be downloaded",
            format!("The request for {path} failed: {e}. Check your connection and retry."),
        ),
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
    // A file the tab could not hold is refused before it is downloaded, when the server says
    // its size, and otherwise once it has arrived.
    let claimed = response
        .headers()
        .get("content-length")
        .and_then(|n| n.parse::<f64>().ok());
    if let Some(bytes) = claimed.filter(|&n| n > MAX_BYTES as f64) {
        let raw: web_sys::Response = response.into();
        if let Some(stream) = raw.body() {
            let _ = stream.cancel();
        }
        return Err(fail("The dataset is too large", too_large(path, bytes)));
    }
    let body = read_body(response).await.map_err(|e| {
        fail(
            "The dataset could not be read",
            format!("{path}: the download broke off ({e})."),
        )
    })?;
    crate::perf::mark("dyad:data-fetched");
    if f64::from(body.length()) > MAX_BYTES as f64 {
        return Err(fail(
            "The dataset is too large",
            too_large(path, f64::from(body.length())),
        ));
    }
    let read = dyad_core::read::from_reader_limited(JsBytes::new(body.clone()), MAX_EVENTS);
    crate::perf::mark("dyad:data-deserialised");
    let (parsed, read_error) = match read {
        Ok(raw) => (validate::validate(raw).ok(), None),
        Err(Refused::TooManyEvents(n)) => {
            return Err(fail(
                "The dataset is too large",
                format!(
                    "{path} holds more than {} events; this page opens at most {} (its \
                     memory would not hold more). Split the file, or open a part of it.",
                    group(n),
                    group(n)
                ),
            ));
        }
        Err(Refused::Malformed(e)) => (None, Some(e.to_string())),
    };
    let parsed = parsed.ok_or_else(|| {
        // Rare: read the whole text again to report every problem with its line and column.
        let mut problems: Vec<String> = validate::diagnose_bytes(&body.to_vec())
            .iter()
            .map(ToString::to_string)
            .collect();
        if problems.is_empty() {
            problems.push(read_error.unwrap_or_else(|| "the file could not be read".into()));
        }
        problems
    });
    crate::perf::mark("dyad:data-parsed");
    parsed.map(Arc::new).map_err(|diagnostics| {
        let n = diagnostics.len();
        Arc::new(LoadError {
            title: "The dataset is not valid".to_string(),
            detail: format!(
                "{path} was downloaded but has {n} problem{}; nothing from it is shown.",
                if n == 1 { "" } else { "s" }
            ),
            diagnostics,
            confirm_host: None,
        })
    })
}

/// The largest file the page opens, in bytes: 120 MB, about 180,000 synthetic events, whose
/// dataset takes about the 200 MB of memory a tab is given here (100k events: 67 MB, 134 MB).
pub const MAX_BYTES: u32 = 120_000_000;
/// The most events the page opens, whatever the file's size.
pub const MAX_EVENTS: usize = 150_000;

/// Why a file of `bytes` is refused, naming the limit.
fn too_large(path: &str, bytes: f64) -> String {
    format!(
        "{path} is {:.0} MB; this page opens files of up to {} MB (about {} events): its memory \
         would not hold more. Split the file, or open a part of it.",
        bytes / 1e6,
        MAX_BYTES / 1_000_000,
        group(MAX_EVENTS)
    )
}

/// `150,000`: a count with thousands separated.
pub(crate) fn group(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The whole body, left in JS memory (gloo-net's `binary` would copy it into wasm).
async fn read_body(response: Response) -> Result<js_sys::Uint8Array, String> {
    let raw: web_sys::Response = response.into();
    let promise = raw.array_buffer().map_err(|e| js_text(&e))?;
    let buffer = JsFuture::from(promise).await.map_err(|e| js_text(&e))?;
    Ok(js_sys::Uint8Array::new(&buffer))
}

/// A JS byte array read as a [`std::io::Read`]: each read copies the next piece into wasm.
struct JsBytes {
    bytes: js_sys::Uint8Array,
    at: u32,
}

impl JsBytes {
    fn new(bytes: js_sys::Uint8Array) -> Self {
        JsBytes { bytes, at: 0 }
    }
}

impl std::io::Read for JsBytes {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let len = self.bytes.length();
        let want = u32::try_from(buf.len()).unwrap_or(u32::MAX);
        let end = self.at.saturating_add(want).min(len);
        let n = (end - self.at) as usize;
        if let Some(dest) = buf.get_mut(..n) {
            self.bytes.subarray(self.at, end).copy_to(dest);
        }
        self.at = end;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::group;

    /// Counts read with their thousands separated.
    #[test]
    fn grouped() {
        let cases = [
            (0, "0"),
            (999, "999"),
            (1000, "1,000"),
            (150_000, "150,000"),
            (1_234_567, "1,234,567"),
        ];
        for (n, want) in cases {
            assert_eq!(group(n), want);
        }
    }
}
