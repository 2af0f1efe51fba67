//! The landing page: the timeline, the list of matching events and the selected event's detail.

use leptos::prelude::*;

use crate::detail::EventDetail;
use crate::events::EventList;
use crate::share::CopyLink;
use crate::timeline::TimelineChart;

/// Timeline, event list and detail, under one toolbar.
#[component]
pub fn TimelinePage() -> impl IntoView {
    view! {
        <div class="page timeline-page">
            <div class="page-head">
                <h2>"Timeline"</h2>
                <CopyLink />
            </div>
            <TimelineChart />
            <div class="list-and-detail">
                <EventList />
                <EventDetail />
            </div>
        </div>
    }
}
