//! The relationship views (being written).

use leptos::prelude::*;

/// The actor-pair matrix.
#[component]
pub fn RelationshipsPage() -> impl IntoView {
    view! { <div class="page"><h2>"Relationships"</h2></div> }
}

/// One pair's ledger.
#[component]
pub fn PairPage(
    /// First actor id.
    a: String,
    /// Second actor id.
    b: String,
) -> impl IntoView {
    view! { <div class="page"><h2>{format!("{a} – {b}")}</h2></div> }
}
