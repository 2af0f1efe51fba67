//! The canvas timeline (being written).

use leptos::prelude::*;

/// The timeline chart.
#[component]
pub fn TimelineChart() -> impl IntoView {
    view! { <div class="timeline-chart"></div> }
}
