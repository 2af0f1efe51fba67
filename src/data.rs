//! Loading a dataset over HTTP with gloo-net: download, read and validate through the core, and
//! explain any failure in plain words.
//!
//! The first dataset is requested by `index.html` itself while the app's wasm is still
//! downloading; the app takes that response ([`prefetched`]) as a gloo-net `Response` rather
//! than asking again, so on a first visit the file has usually arrived before the app runs.
//!
//! The body is read as it arrives, so the loading line can say how much has come ([`Progress`])
//! and a file that passes the size limit is dropped there. It stays in JS memory, in the pieces
//! it arrived in, and the core reads it through [`JsBytes`], a megabyte at a time
//! (`RawDataset::from_reader`): wasm memory never shrinks, and a 67 MB file (100k events) copied
//! in whole would stay in the page's footprint next to the dataset read from it. Reading and
//! checking are synchronous; the line names each step and is painted before it starts.

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

/// What a load is doing, for the loading line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Progress {
    /// Asking for the file.
    Requesting,
    /// Receiving it: bytes so far, and the whole size when the server said it.
    Downloading {
        /// Bytes received so far.
        bytes: f64,
        /// The size the server announced (`Content-Length`), if it did.
        total: Option<f64>,
    },
    /// Reading the events from the downloaded bytes (one synchronous step).
    Reading {
        /// The file's size.
        bytes: f64,
    },
    /// Checking the events against the dataset's rules.
    Checking,
}

impl Progress {
    /// The loading line: "Loading dataset… downloading, 12.5 of 67.0 MB".
    pub fn describe(self) -> String {
        let mb = |b: f64| format!("{:.1}", b / 1e6);
        let step = match self {
            Progress::Requesting => return "Loading dataset…".to_string(),
            Progress::Downloading {
                bytes,
                total: Some(t),
            } => format!("downloading, {} of {} MB", mb(bytes), mb(t)),
            Progress::Downloading { bytes, total: None } => {
                format!("downloading, {} MB so far", mb(bytes))
            }
            Progress::Reading { bytes } => format!("reading the events of {} MB", mb(bytes)),
            Progress::Checking => "checking the events".to_string(),
        };
        format!("Loading dataset… {step}")
    }
}

/// The URL of the dataset at `path` (relative to the app's base, or from the site's root if it
/// starts with `/`).
pub fn url_of(base: &str, path: &str) -> String {
    // An address is fetched as it is, and so is a path from the site's root; any other path
    // is relative to the app.
    if path.starts_with('/') || path.contains("://") {
        path.to_string()
    } else {
        format!("{base}/{path}")
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
/// the default dataset when `None`) and validates it, telling `progress` each step. An address
/// on another host ([`dyad_core::query::data_url_host`]) is fetched only if its host is in
/// `allowed`; otherwise the error asks for the user's consent ([`LoadError::confirm_host`]).
pub async fn load(
    base: &str,
    path: Option<&str>,
    allowed: &[String],
    progress: impl Fn(Progress),
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
    let url = url_of(base, path);
    progress(Progress::Requesting);
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
    // its size, and otherwise as soon as the download passes the limit.
    let claimed = response
        .headers()
        .get("content-length")
        .and_then(|n| n.parse::<f64>().ok());
    if let Some(bytes) = claimed.filter(|&n| n > MAX_BYTES as f64) {
        let raw: web_sys::Response = response.into();
        if let Some(stream) = raw.body() {
            let _ = stream.cancel();
        }
        return Err(fail(
            "The dataset is too large",
            too_large(path, Some(bytes)),
        ));
    }
    let body = match read_body(response, claimed, &progress).await {
        Ok(body) => body,
        Err(Broken::TooLarge) => {
            return Err(fail("The dataset is too large", too_large(path, None)));
        }
        Err(Broken::Failed(e)) => {
            return Err(fail(
                "The dataset could not be read",
                format!("{path}: the download broke off ({e}). Check your connection and retry."),
            ));
        }
    };
    crate::perf::mark("dyad:data-fetched");
    // Reading and checking are synchronous steps: for a file large enough that they take a
    // while, the line says which is running, painted before it starts. (A small file goes
    // straight through: waiting for a frame would delay its first events.)
    let slow = body.len() >= SLOW_BYTES;
    if slow {
        progress(Progress::Reading {
            bytes: body.len() as f64,
        });
        next_paint().await;
    }
    let read = dyad_core::read::from_reader_limited(JsBytes::new(body.clone()), MAX_EVENTS);
    crate::perf::mark("dyad:data-deserialised");
    if slow && read.is_ok() {
        progress(Progress::Checking);
        next_paint().await;
    }
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

/// Why a file of `bytes` (or of a size found too large while downloading it) is refused,
/// naming the limit.
fn too_large(path: &str, bytes: Option<f64>) -> String {
    let size = match bytes {
        Some(b) => format!("is {:.0} MB", b / 1e6),
        None => format!(
            "is over {} MB (its download was stopped there)",
            MAX_BYTES / 1_000_000
        ),
    };
    format!(
        "{path} {size}; this page opens files of up to {} MB (about {} events): its memory \
         would not hold more. Split the file, or open a part of it.",
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

/// Why a body could not be had whole.
enum Broken {
    /// It passed [`MAX_BYTES`], and was dropped there.
    TooLarge,
    /// The download failed (the browser's reason).
    Failed(String),
}

/// A file from this size on takes long enough to read and check (about 15 ms a megabyte here)
/// that the loading line names those steps.
const SLOW_BYTES: usize = 4_000_000;

/// How often the loading line's byte count moves: every 256 KB.
const PROGRESS_STEP: f64 = 262_144.0;

/// The whole body as it arrived, left in JS memory (gloo-net's `binary` would copy it into
/// wasm), telling `progress` how much has come; dropped as soon as it passes [`MAX_BYTES`].
async fn read_body(
    response: Response,
    total: Option<f64>,
    progress: &impl Fn(Progress),
) -> Result<Body, Broken> {
    let failed = |e: JsValue| Broken::Failed(js_text(&e));
    let raw: web_sys::Response = response.into();
    let Some(stream) = raw.body() else {
        return Ok(Body::default());
    };
    let reader: web_sys::ReadableStreamDefaultReader = stream
        .get_reader()
        .dyn_into()
        .map_err(|e: js_sys::Object| failed(e.into()))?;
    let mut body = Body::default();
    let mut told = 0.0;
    progress(Progress::Downloading { bytes: 0.0, total });
    loop {
        let step = JsFuture::from(reader.read()).await.map_err(failed)?;
        let done = js_sys::Reflect::get(&step, &JsValue::from_str("done")).map_err(failed)?;
        if done.is_truthy() {
            break;
        }
        let value = js_sys::Reflect::get(&step, &JsValue::from_str("value")).map_err(failed)?;
        let Ok(chunk) = value.dyn_into::<js_sys::Uint8Array>() else {
            return Err(Broken::Failed("the body is not bytes".into()));
        };
        body.len += chunk.length() as usize;
        body.chunks.push(chunk);
        let bytes = body.len as f64;
        if bytes > MAX_BYTES as f64 {
            let _ = reader.cancel();
            return Err(Broken::TooLarge);
        }
        if bytes - told >= PROGRESS_STEP {
            told = bytes;
            progress(Progress::Downloading { bytes, total });
        }
    }
    Ok(body)
}

/// A body as it arrived: pieces of JS memory, in order.
#[derive(Clone, Default)]
struct Body {
    chunks: Vec<js_sys::Uint8Array>,
    len: usize,
}

impl Body {
    fn len(&self) -> usize {
        self.len
    }

    /// The whole body copied into wasm memory (for the rare second pass over a refused file).
    fn to_vec(&self) -> Vec<u8> {
        let mut out = vec![0; self.len];
        let mut at = 0;
        for c in &self.chunks {
            let n = c.length() as usize;
            if let Some(dest) = out.get_mut(at..at + n) {
                c.copy_to(dest);
            }
            at += n;
        }
        out
    }
}

/// A body read as a [`std::io::Read`]: each read copies the next piece of a chunk into wasm.
struct JsBytes {
    body: Body,
    /// The chunk being read, and the position in it.
    chunk: usize,
    at: u32,
}

impl JsBytes {
    fn new(body: Body) -> Self {
        JsBytes {
            body,
            chunk: 0,
            at: 0,
        }
    }
}

impl std::io::Read for JsBytes {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while let Some(c) = self.body.chunks.get(self.chunk) {
            let len = c.length();
            if self.at >= len {
                self.chunk += 1;
                self.at = 0;
                continue;
            }
            let want = u32::try_from(buf.len()).unwrap_or(u32::MAX);
            let end = self.at.saturating_add(want).min(len);
            let n = (end - self.at) as usize;
            if let Some(dest) = buf.get_mut(..n) {
                c.subarray(self.at, end).copy_to(dest);
            }
            self.at = end;
            return Ok(n);
        }
        Ok(0)
    }
}

/// Resolves once the page has painted (or after 100 ms, in a hidden tab, which paints nothing),
/// so that a line set just before a long synchronous step is on screen during it.
async fn next_paint() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let r2 = resolve.clone();
        crate::perf::after_paint(move || {
            let _ = r2.call0(&JsValue::NULL);
        });
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 100);
        }
    });
    let _ = JsFuture::from(promise).await;
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
