//! The event list: the matching events in the order the user picks, as a virtualised list that
//! stays fluid with 100k matches (only the rows in view, plus a margin, exist in the DOM).
//!
//! Each row is a list item holding an `article` whose title is a heading and a link to the
//! event's detail, so the list reads well with a screen reader and works from the keyboard.

use std::sync::Arc;

use dyad_core::query::Sort;
use dyad_core::{Dataset, Event, PartialDate};
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::relationships::dom::{closest, el, El};

use crate::state::{use_app, History};

/// Height of one row in CSS pixels; rows are fixed-height so the list can be virtualised.
pub const ROW_PX: i32 = 76;
/// Height of one row on narrow screens (the filter drawer's breakpoint, `DRAWER_MEDIA`), where
/// a title wraps to two lines.
/// `style/main.css` gives rows the same height under the same media query.
pub const ROW_PX_NARROW: i32 = 96;
/// The empty state of every view of the filtered events (this list, the timeline's canvas), in
/// one place so they always say the same thing.
pub const NO_MATCHES: &str = "No events match these filters.";
/// Rows rendered above and below the visible ones, so fast scrolling never shows a gap.
const OVERSCAN: usize = 8;

/// "27 of 99 events" plus the order control and the list itself.
#[component]
pub fn EventList() -> impl IntoView {
    let app = use_app();
    let scroller: NodeRef<html::Div> = NodeRef::new();
    let scroll_top = RwSignal::new(0.0f64);
    // The list's visible height. Until the first scroll it is taken to be the window's height,
    // which the list never exceeds: reading the list's own height at mount would force a layout
    // of the half-built page (about 30 ms at first paint), for a handful of rows' difference.
    let viewport = RwSignal::new(
        web_sys::window()
            .and_then(|w| w.inner_height().ok())
            .and_then(|h| h.as_f64())
            .filter(|h| *h > 0.0)
            .unwrap_or(800.0),
    );
    // Rows are taller on narrow screens, where titles wrap to two lines: the same media query
    // as the CSS, read at mount and again when the window is resized.
    let narrow = RwSignal::new(is_narrow());
    let handle = window_event_listener(leptos::ev::resize, move |_| {
        let now = is_narrow();
        if narrow.get_untracked() != now {
            narrow.set(now);
        }
    });
    on_cleanup(move || handle.remove());
    let row_px = move || if narrow.get() { ROW_PX_NARROW } else { ROW_PX };

    let order = Memo::new(move |_| app.view.with(|v| v.sort));
    let count_line = move || {
        let total = app.dataset.get().map(|d| d.events.len()).unwrap_or(0);
        let n = app.result.get().map(|r| r.matches.len()).unwrap_or(0);
        format!("{n} of {total} events")
    };
    let n_matches = Memo::new(move |_| app.result.get().map(|r| r.matches.len()).unwrap_or(0));

    let rows = move || {
        let ds = app.dataset.get()?;
        let result = app.result.get()?;
        let n = result.matches.len();
        if n == 0 {
            return Some(
                view! {
                    <li class="empty">
                        <p>{NO_MATCHES}</p>
                        <p class="hint">"Remove a filter above, or Reset."</p>
                    </li>
                }
                .into_any(),
            );
        }
        let px = row_px();
        let first = ((scroll_top.get() as i32).max(0) / px) as usize;
        let first = first.saturating_sub(OVERSCAN);
        let visible = ((viewport.get() as i32).max(0) / px) as usize + 1 + 2 * OVERSCAN;
        let last = (first + visible).min(n);
        let newest = order.get() == Sort::Newest;
        // The whole view, not just the selection: each row's link carries it.
        let selected = app.view.with(|v| v.event.clone());
        let items = (first..last)
            .filter_map(|pos| {
                let i = if newest { n - 1 - pos } else { pos };
                let ix = *result.matches.get(i)?;
                Some((pos, ix))
            })
            .map(|(pos, ix)| {
                let ds = Arc::clone(&ds);
                let sel = ds
                    .events
                    .get(ix)
                    .map(|e| Some(&e.id) == selected.as_ref())
                    .unwrap_or(false);
                view! { <EventRow ds=ds ix=ix top=pos as i32 * px selected=sel /> }
            })
            .collect_view();
        Some(items.into_any())
    };

    // Keep the selected event in view: when the URL selects an event (from the timeline, a
    // permalink or the keyboard list), scroll the list to it. A DOM write, not view state.
    Effect::new(move |_| {
        let Some(id) = app.view.with(|v| v.event.clone()) else {
            return;
        };
        let (Some(ds), Some(result)) = (app.dataset.get(), app.result.get()) else {
            return;
        };
        let Some(ix) = ds.event_by_id(&id) else {
            return;
        };
        let Ok(i) = result.matches.binary_search(&ix) else {
            return;
        };
        let n = result.matches.len();
        let pos = if order.get() == Sort::Newest {
            n - 1 - i
        } else {
            i
        };
        let Some(el) = scroller.get() else { return };
        let px = row_px();
        let top = pos as i32 * px;
        let view_top = el.scroll_top();
        let height = el.client_height();
        if top < view_top || top + px > view_top + height {
            el.set_scroll_top((top - height / 3).max(0));
        }
    });

    // One listener for every row's link (rows come and go with each scroll and filter change).
    // A plain click opens the event here; with a modifier the browser opens the link.
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.button() != 0 {
            return;
        }
        if closest(&ev, "a").is_none() {
            return;
        }
        let Some(id) =
            closest(&ev, "li[data-event-id]").and_then(|li| li.get_attribute("data-event-id"))
        else {
            return;
        };
        ev.prevent_default();
        app.update(History::Push, move |s| s.event = Some(id));
        // Move focus to the detail's heading so keyboard and screen-reader users land on it.
        crate::perf::after_paint(|| {
            if let Some(el) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id("detail-title"))
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = el.focus();
            }
        });
    };
    let on_scroll = move |_| {
        if let Some(el) = scroller.get_untracked() {
            scroll_top.set(el.scroll_top() as f64);
            viewport.set(el.client_height() as f64);
        }
    };
    // Performance marks on the browser's clock: the first paint of events after navigation, and
    // each later filter change to its painted result (read by the browser benchmark).
    let painted_once = StoredValue::new(false);
    Effect::new(move |_| {
        if app.result.with(|r| r.is_none()) {
            return;
        }
        crate::perf::after_paint(move || {
            // `try_`: the list may have been unmounted by the time the frame is painted.
            match painted_once.try_get_value() {
                Some(true) => crate::perf::measure("dyad:filter-to-paint", "dyad:nav"),
                Some(false) => {
                    painted_once.set_value(true);
                    crate::perf::mark("dyad:events-painted");
                }
                None => {}
            }
        });
    });

    view! {
        <section class="event-list" aria-labelledby="events-heading">
            <div class="list-head">
                <h2 id="events-heading">"Events"</h2>
                <p class="count" data-testid="event-count" role="status" aria-live="polite">
                    {count_line}
                </p>
                <label class="order">
                    "Order "
                    <select
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            let sort = Sort::parse(&v).unwrap_or_default();
                            app.update(History::Push, move |s| s.sort = sort)
                        }
                        prop:value=move || order.get().as_str()
                    >
                        <option value="oldest">"Oldest first"</option>
                        <option value="newest">"Newest first"</option>
                    </select>
                </label>
                <button
                    class="download"
                    title="Every matching event, oldest first, with its sources"
                    on:click=move |_| crate::export::download_csv(app)
                >
                    "Download CSV"
                </button>
            </div>
            <div class="list-scroll" node_ref=scroller on:scroll=on_scroll>
                <ol
                    class="events"
                    on:click=on_click
                    style=move || format!("height:{}px", n_matches.get().max(1) as i32 * row_px())
                >
                    {rows}
                </ol>
            </div>
        </section>
    }
}

/// One event in the list.
#[component]
fn EventRow(
    /// The dataset.
    ds: Arc<Dataset>,
    /// Index of the event in `ds.events`.
    ix: usize,
    /// The row's vertical offset in CSS pixels (its position in the list times the row height).
    top: i32,
    /// Whether this is the selected event.
    selected: bool,
) -> impl IntoView {
    let app = use_app();
    let Some(e) = ds.events.get(ix) else {
        return ().into_any();
    };
    let cat = ds.category(e.category);
    let color = cat.map(|c| c.color.clone()).unwrap_or_default();
    let cat_label = cat.map(|c| c.label.clone()).unwrap_or_default();
    let actors = actor_names(&ds, e).join(" · ");
    let mut target = app.view.get_untracked();
    target.event = Some(e.id.clone());
    let href = app.href(&target);
    view! {
        <li
            class="event-row"
            class:selected=selected
            class:milestone=e.milestone
            style=format!("top:{top}px;--cat:{color}")
            data-event-id=e.id.clone()
        >
            <article>
                <h3>
                    <a href=href aria-current=selected.then_some("true")>
                        {e.title.clone()}
                    </a>
                </h3>
                <p class="meta">
                    <DateLabel date=e.date end=e.end />
                    <span class="cat">{cat_label}</span>
                    <span class="actors">{actors}</span>
                </p>
            </article>
        </li>
    }
    .into_any()
}

/// Whether the screen is narrow (the drawer breakpoint), where rows are [`ROW_PX_NARROW`] high.
fn is_narrow() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media(crate::app::DRAWER_MEDIA).ok().flatten())
        .is_some_and(|q| q.matches())
}

/// Names of an event's actors, initiator first.
pub fn actor_names(ds: &Dataset, e: &Event) -> Vec<String> {
    e.actors
        .iter()
        .filter_map(|&a| ds.actor(a).map(|a| a.name.clone()))
        .collect()
}

/// The text of a date at its precision (with the end, if it lasted), and the tooltip that says
/// how precise it is when it is not known to the day.
fn date_text(date: PartialDate, end: Option<PartialDate>) -> (String, Option<String>) {
    let text = dyad_core::timeline::date_span(&date, end.as_ref(), false);
    let title = (date.precision() != dyad_core::Precision::Day)
        .then(|| format!("Known to the {} only", date.precision().as_str()));
    (text, title)
}

/// [`DateLabel`] as plain data for the DOM builder.
pub fn date_label(date: PartialDate, end: Option<PartialDate>) -> El {
    let (text, title) = date_text(date, end);
    let t = el("time").attr("datetime", date.to_string()).text(text);
    match title {
        Some(title) => t.class("date imprecise").attr("title", title),
        None => t.class("date"),
    }
}

/// An event's date at its own precision, with an end date if it lasted, marked up as `<time>`
/// and styled as uncertain when it is not known to the day.
#[component]
pub fn DateLabel(
    /// The date, at its precision.
    date: PartialDate,
    /// When it ended, if it lasted.
    end: Option<PartialDate>,
) -> impl IntoView {
    let (text, title) = date_text(date, end);
    view! {
        <time class="date" class:imprecise=title.is_some() datetime=date.to_string() title=title>
            {text}
        </time>
    }
}
