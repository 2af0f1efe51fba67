//! A stand-in for `wasm-streams` 0.5: the four calls `server_fn`'s browser client makes, and
//! nothing else.
//!
//! Why it exists: `leptos` always enables `server_fn`'s `browser` feature, which links
//! `wasm-streams`, whose `#[wasm_bindgen]` classes (`IntoUnderlyingSource`,
//! `IntoUnderlyingByteSource`, `IntoUnderlyingSink`) are exports of the wasm module. Exports
//! are never dead-stripped, so their code, the futures machinery behind them and their JS
//! classes shipped in every build although Dyad has no server and calls no server function:
//! about 6.4 KB of the gzip app shell. The root `Cargo.toml` puts this crate in its place
//! (`[patch.crates-io]`).
//!
//! Only streaming server functions would reach it. They fail loudly: sending a stream throws,
//! reading a response as a stream yields one error. Should a `leptos` upgrade call more of the
//! real crate's API, the build fails to compile here; it cannot silently change.

use futures_util::{future, stream};
use wasm_bindgen::JsValue;

/// Said by every call that would need the real crate.
const UNSUPPORTED: &str = "streams are not supported in Dyad's build (crates/wasm-streams-stub)";

/// The real crate's module path for [`ReadableStream`].
pub mod readable {
    pub use super::ReadableStream;
}

/// A JS `ReadableStream`, held but never read.
#[derive(Debug)]
pub struct ReadableStream {
    raw: web_sys::ReadableStream,
}

impl ReadableStream {
    /// Wraps a JS stream.
    pub fn from_raw(raw: web_sys::ReadableStream) -> Self {
        Self { raw }
    }

    /// The real crate turns a Rust stream into a JS one through its exported classes; here it
    /// throws.
    pub fn from_stream<St>(_stream: St) -> Self {
        wasm_bindgen::throw_str(UNSUPPORTED)
    }

    /// The JS stream.
    pub fn into_raw(self) -> web_sys::ReadableStream {
        self.raw
    }

    /// The real crate reads the JS stream chunk by chunk; here it yields one error.
    pub fn into_stream(self) -> stream::Once<future::Ready<Result<JsValue, JsValue>>> {
        stream::once(future::ready(Err(JsValue::from_str(UNSUPPORTED))))
    }
}
