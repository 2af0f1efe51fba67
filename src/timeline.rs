//! The timeline, the main visual: a density strip over the whole data (plotters), and under it
//! a canvas of events in lanes (by category or by actor), with zoom, pan, clusters, milestones,
//! a tooltip, selection, and a list of the events in view for keyboard and screen-reader users.
//!
//! The window is the URL's `win=`; without one it fits the filter's matches
//! (`dyad_core::timeline::fit_window`: their span with a margin, at least half a year, the whole
//! data when everything matches), so a filtered link opens on its events. Zooming writes `win=`;
//! "Fit to matches" (and Home) removes it.
//!
//! The parts: [`TimelineControls`] (zoom buttons, lanes, caption), [`viewport`] (the window:
//! URL plus a transient scale during gestures, and the sizes the parts share), [`plot`] (the
//! canvas and its interactions), [`paint`] (drawing a frame), [`density`] (the strip), [`list`]
//! (events in view) and [`palette`] (colours). All geometry is `dyad_core::timeline`.
//!
//! Why the marks are not drawn with plotters: a frame must take well under 16 ms at 100k
//! events. The core culls by binary search and merges close marks into clusters, so a frame
//! draws a few thousand shapes at most; the 2D API draws them with few state changes, and the
//! axis uses the core's adaptive ticks ("1990s", "Mar 2022", "14 Mar"), which plotters' axes
//! cannot produce. Plotters draws the density strip's bars, where it fits at little cost.
//!
//! # Test contract
//!
//! The element `[data-testid=timeline-plot]` wraps the canvas and carries, after each frame:
//! - `data-window-start`, `data-window-end`: the window drawn, ISO days (inclusive), as in `win=`;
//! - `data-scale-start`, `data-scale-end`: the same as fractional day numbers since 1970-01-01
//!   (start inclusive, end exclusive); equal to the ISO window (end + 1) once settled;
//! - `data-plot-left`: the width of the lane-label gutter, CSS px: the plot starts there;
//! - `data-width`: the plot's width in CSS px (the canvas's less the gutter);
//! - `data-lane-top`, `data-lane-height`: lane `i` spans `top + i * height` to `+ height` px
//!   from the canvas's top;
//! - `data-lanes`: the lanes' ids in order, comma-separated (category ids, actor ids,
//!   `(other)`);
//! - `data-draw-ms`: how long the last frame took to lay out and paint.
//!
//! An event is drawn at `x = left + (mid - start) / (end - start) * width` from the canvas's
//! left edge (`TimeScale::x_of`), where `mid` is `day + 0.5` for a one-day event and the
//! middle of the visible part of its band otherwise (`TimeScale::x_center_of`), and at
//! `y = top + (lane + 0.5) * height`. Clicking there opens it, unless it merged into a cluster
//! with others (then the click zooms in).

mod density;
mod list;
mod paint;
pub(crate) mod palette;
mod plot;
mod viewport;

use dyad_core::query::Lanes;
use leptos::prelude::*;

use crate::state::{use_app, History};
use density::DensityStrip;
use list::EventsInView;
use plot::{Plot, ZOOM_STEP};
use viewport::{Viewport, Write};

/// The timeline chart with its toolbar, strip, canvas and list.
#[component]
pub fn TimelineChart() -> impl IntoView {
    let vp = Viewport::new(use_app());
    // Whether the help text is shown on a phone, where it hides behind the toolbar's "?"
    // (transient UI state; on wider screens the text is always shown and the button is not).
    let help = RwSignal::new(false);
    view! {
        <section class="timeline" aria-label="Timeline chart">
            <TimelineControls vp=vp help=help />
            // The plot comes first in the document (its canvas is the page's first, which the
            // browser benchmark drives); CSS draws the strip above it.
            <div class="timeline-body">
                <Plot vp=vp />
                <DensityStrip vp=vp />
            </div>
            <p id="timeline-keys" class="hint timeline-keys" class:open=move || help.get()>
                {dyad_core::timeline::HELP}
            </p>
            <EventsInView vp=vp />
        </section>
    }
}

/// The toolbar: zoom in and out around the middle, back to the fit of the matches (the default
/// window: "Fit to matches" removes `win=` from the URL), the lanes (by category or by actor),
/// the help's disclosure button (phones) and the caption that says what the settled window
/// holds. On a phone it is one row: the zoom buttons show "+" and "−" (their names stay "Zoom
/// in" and "Zoom out") and the caption, which the canvas's text alternative repeats, is hidden.
#[component]
fn TimelineControls(
    /// The timeline's shared state.
    vp: Viewport,
    /// Whether the help text is open (phones).
    help: RwSignal<bool>,
) -> impl IntoView {
    let app = vp.app;
    let zoom = move |f: f64| {
        let w = vp.width.get_untracked();
        vp.change(Write::Now, |s| s.zoom(f, w / 2.0));
    };
    let on_lanes = move |ev: leptos::ev::Event| {
        let lanes = Lanes::parse(&event_target_value(&ev)).unwrap_or_default();
        app.update(History::Push, move |s| s.lanes = lanes);
    };
    let caption = move || {
        vp.in_view
            .with(|iv| iv.as_ref().map(|iv| iv.description.clone()))
    };
    view! {
        <div class="timeline-toolbar" role="toolbar" aria-label="Timeline controls">
            <button type="button" class="zoom" on:click=move |_| zoom(ZOOM_STEP)>
                <span class="glyph" aria-hidden="true">"+"</span>
                <span class="label">"Zoom in"</span>
            </button>
            <button type="button" class="zoom" on:click=move |_| zoom(1.0 / ZOOM_STEP)>
                <span class="glyph" aria-hidden="true">"−"</span>
                <span class="label">"Zoom out"</span>
            </button>
            <button
                type="button"
                title="Show the span of the matching events"
                on:click=move |_| vp.fit()
            >
                "Fit to matches"
            </button>
            <label class="lanes-choice">
                <span class="label">"Lanes "</span>
                <select on:change=on_lanes prop:value=move || app.view.with(|v| v.lanes.as_str())>
                    <option value="category">"By category"</option>
                    <option value="actor">"By actor"</option>
                </select>
            </label>
            <button
                type="button"
                class="help-toggle"
                aria-label="Timeline help"
                aria-controls="timeline-keys"
                aria-expanded=move || help.get().to_string()
                on:click=move |_| help.update(|h| *h = !*h)
            >
                "?"
            </button>
            <p class="timeline-caption">{caption}</p>
        </div>
    }
}
