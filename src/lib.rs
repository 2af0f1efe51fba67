//! Dyad's browser app: a thin Leptos layer over `dyad-core`.
//!
//! The URL is the single source of truth for what is on screen: [`state`] parses it with the
//! core's codec, every component reads the parsed state, and every user action navigates to a new
//! canonical URL. See docs/architecture.md.

pub mod about;
pub mod app;
pub mod data;
pub mod detail;
pub mod events;
pub mod export;
pub mod filters;
pub mod format;
pub mod import;
pub mod links;
pub mod map;
pub mod notices;
pub mod offline;
pub mod perf;
pub mod progress;
pub mod relationships;
pub mod share;
pub mod state;
pub mod timeline;
pub mod timeline_page;

pub use app::App;
