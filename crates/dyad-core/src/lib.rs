//! Dyad's domain, free of any UI: the dataset schema and its validation, the filter engine and
//! facets, aggregations (bins, country pairs), timeline scales, the URL codec and synthetic data.
//!
//! Compiles natively and for `wasm32-unknown-unknown`; the Leptos app and the `dyad` CLI are thin
//! layers over it. Nothing here panics on input: every failure is a value.

pub mod aggregate;
pub mod date;
pub mod export;
pub mod filter;
pub mod import;
pub mod map;
pub mod model;
pub mod query;
pub mod read;
pub mod shape;
pub mod suggest;
pub mod synth;
pub mod text;
pub mod timeline;
pub mod validate;

pub use date::{Day, DaySpan, PartialDate, Precision};
pub use filter::{ActorMode, Filter};
pub use model::*;
