//! Dyad's browser app: a thin Leptos layer over `dyad-core`.
//!
//! The URL is the single source of truth for what is on screen: [`app::App`] reads the location,
//! parses it with the core's codec and renders the view it names. See docs/architecture.md.

pub mod app;

pub use app::App;
