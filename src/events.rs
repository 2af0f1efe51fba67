//! The event list: the matching events in the order the user picks, as a virtualised list that
//! stays fluid with 100k matches: only the rows in view, plus a margin, exist in the DOM, as
//! keyed `<For>` rows of a fixed height placed by their position in the list.
//!
//! Each row is a list item holding an `article` whose title is a heading and a link to the
//! event's detail, so the list reads well with a screen reader and works from the keyboard.
//!
//! The first rows of the default view are also prerendered into index.html at build time
//! (`dyad prerender`, crates/dyad-cli/src/prerender.rs, with this markup); the list removes
//! that copy once its own rows have painted ([`end_prerendered`]).

use std::sync::Arc;

use dyad_core::query::Sort;
use dyad_core::text::visible;
use dyad_core::{Dataset, Event, PartialDate};
use leptos::html;
use leptos::prelude::*;
use leptos_use::core::Size;
use leptos_use::{use_element_size_with_options, use_media_query, UseElementSizeOptions};
use wasm_bindgen::JsCast;

use crate::links::plain_click;
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

/// The rows to render for a list of `n` events scrolled `scroll_top` px down a box
/// `viewport` px high, with rows `row_px` high: positions in the list, the visible ones plus
/// [`OVERSCAN`] on either side.
fn rows_in_view(n: usize, scroll_top: f64, viewport: f64, row_px: i32) -> std::ops::Range<usize> {
    let px = row_px.max(1);
    let first = ((scroll_top as i32).max(0) / px) as usize;
    let first = first.saturating_sub(OVERSCAN).min(n);
    let visible = ((viewport as i32).max(0) / px) as usize + 1 + 2 * OVERSCAN;
    first..(first + visible).min(n)
}

/// "27 of 99 events" plus the order control and the list itself.
#[component]
pub fn EventList() -> impl IntoView {
    let app = use_app();
    let scroller: NodeRef<html::Div> = NodeRef::new();
    let scroll_top = RwSignal::new(0.0f64);
    // The list's visible height, as its resize observer reports it once laid out (no layout is
    // forced for it). Until then it is taken to be the window's height, which the list never
    // exceeds.
    let window_h = web_sys::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|h| h.as_f64())
        .filter(|h| *h > 0.0)
        .unwrap_or(800.0);
    let viewport = use_element_size_with_options(
        scroller,
        UseElementSizeOptions::default().initial_size(Size {
            width: 0.0,
            height: window_h,
        }),
    )
    .height;
    // Rows are taller where titles wrap to two lines: the same media query as the CSS.
    let narrow = use_media_query(crate::app::DRAWER_MEDIA);
    let row_px = Memo::new(move |_| if narrow.get() { ROW_PX_NARROW } else { ROW_PX });

    let order = Memo::new(move |_| app.view.with(|v| v.sort));
    let n_matches = Memo::new(move |_| {
        app.result
            .with(|r| r.as_ref().map_or(0, |r| r.matches.len()))
    });
    let count_line = move || {
        let total = app
            .dataset
            .with(|d| d.as_ref().map_or(0, |d| d.events.len()));
        format!("{} of {total} events", n_matches.get())
    };
    let empty = Memo::new(move |_| app.result.with(|r| r.is_some()) && n_matches.get() == 0);

    // The rows that exist: (event index, position in the list), in list order.
    let rows = Memo::new(move |_| {
        app.result.with(|r| {
            let Some(result) = r else {
                return Vec::new();
            };
            let n = result.matches.len();
            let newest = order.get() == Sort::Newest;
            rows_in_view(n, scroll_top.get(), viewport.get(), row_px.get())
                .filter_map(|pos| {
                    let i = if newest { n - 1 - pos } else { pos };
                    Some((*result.matches.get(i)?, pos))
                })
                .collect::<Vec<_>>()
        })
    });
    let selected = Memo::new(move |_| {
        let id = app.view.with(|v| v.event.clone())?;
        app.dataset.with(|d| d.as_ref()?.event_by_id(&id))
    });

    // Keep the selected event in view: when the URL selects an event (from the timeline, a
    // permalink or the keyboard list), scroll the list to it. A DOM write, not view state.
    Effect::new(move |_| {
        let Some(ix) = selected.get() else {
            return;
        };
        let Some(i) = app
            .result
            .with(|r| r.as_ref().and_then(|r| r.matches.binary_search(&ix).ok()))
        else {
            return;
        };
        let pos = if order.get() == Sort::Newest {
            n_matches.get_untracked() - 1 - i
        } else {
            i
        };
        let Some(el) = scroller.get() else { return };
        let px = row_px.get();
        let top = pos as i32 * px;
        let view_top = el.scroll_top();
        let height = el.client_height();
        if top < view_top || top + px > view_top + height {
            el.set_scroll_top((top - height / 3).max(0));
        }
    });

    let on_scroll = move |_| {
        if let Some(el) = scroller.get_untracked() {
            scroll_top.set(f64::from(el.scroll_top()));
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
                    end_prerendered();
                }
                None => {}
            }
        });
    });

    let row = move |(ix, _): (usize, usize)| {
        let ds = app.dataset.get_untracked()?;
        // Where the row is now: it keeps its element while it stays in view, and moves when
        // the order or the filter moves it.
        let top = Signal::derive(move || {
            let pos = rows.with(|r| r.iter().find(|r| r.0 == ix).map(|r| r.1));
            pos.unwrap_or(0) as i32 * row_px.get()
        });
        let is_selected = Signal::derive(move || selected.get() == Some(ix));
        Some(view! { <EventRow ds=ds ix=ix top=top selected=is_selected /> })
    };

    view! {
        <section class="event-list" aria-labelledby="events-heading">
            <div class="list-head">
                <h2 id="events-heading">"Events"</h2>
                <p class="count" data-testid="event-count" role="status" aria-live="polite">
                    {count_line}
                </p>
                <label class="order">
                    <span class="label">"Order "</span>
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
                    style:height=move || format!("{}px", n_matches.get().max(1) as i32 * row_px.get())
                >
                    {move || {
                        empty
                            .get()
                            .then(|| {
                                view! {
                                    <li class="empty">
                                        <p>{NO_MATCHES}</p>
                                        <p class="hint">"Remove a filter above, or Reset."</p>
                                    </li>
                                }
                            })
                    }}
                    <For each=move || rows.get() key=|(ix, _)| *ix children=row />
                </ol>
            </div>
        </section>
    }
}

/// Removes the first screen prerendered into index.html (`dyad prerender`), which lies over the
/// app until then: called once the list has painted its rows under it (laid out in the same
/// places, so nothing moves), or when the load failed (its reason is then what the page says).
/// Does nothing when there is none (another URL, a debug build, called again).
pub fn end_prerendered() {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("prerendered"))
    {
        el.remove();
    }
}

/// One event in the list: a fixed-height item placed at `top`, whose title links to the event.
#[component]
fn EventRow(
    /// The dataset.
    ds: Arc<Dataset>,
    /// Index of the event in `ds.events`.
    ix: usize,
    /// The row's vertical offset in CSS pixels (its position in the list times the row height).
    top: Signal<i32>,
    /// Whether this is the selected event.
    selected: Signal<bool>,
) -> impl IntoView {
    let app = use_app();
    // An index from the list's own matches: always an event of `ds`.
    ds.events.get(ix).map(|e| {
    let cat = ds.category(e.category);
    let color = cat.map(|c| c.color.clone()).unwrap_or_default();
    let cat_label = cat.map(|c| visible(&c.label).into_owned()).unwrap_or_default();
    let actors = actor_names(&ds, e).join(" · ");
    // The link carries the whole view, with this event selected.
    let href = {
        let id = e.id.clone();
        move || {
            let mut target = app.view.get();
            target.event = Some(id.clone());
            app.href(&target)
        }
    };
    // A plain click opens the event here and moves the focus to its detail, so keyboard and
    // screen-reader users land on it; with a modifier the browser opens the link.
    let open = {
        let id = e.id.clone();
        move |ev: leptos::ev::MouseEvent| {
            if !plain_click(&ev) {
                return;
            }
            ev.prevent_default();
            let id = id.clone();
            app.update(History::Push, move |s| s.event = Some(id));
            crate::perf::after_paint(|| {
                if let Some(el) = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.get_element_by_id("detail-title"))
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = el.focus();
                }
            });
        }
    };
    view! {
        <li
            class="event-row"
            class:selected=selected
            class:milestone=e.milestone
            style:top=move || format!("{}px", top.get())
            style=("--cat", color)
            data-event-id=e.id.clone()
        >
            <article>
                <h3>
                    <a href=href aria-current=move || selected.get().then_some("true") on:click=open>
                        {visible(&e.title).into_owned()}
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
    })
}

/// Names of an event's actors, initiator first, as shown (disguising characters written out).
pub fn actor_names(ds: &Dataset, e: &Event) -> Vec<String> {
    e.actors
        .iter()
        .filter_map(|&a| ds.actor(a).map(|a| visible(&a.name).into_owned()))
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

#[cfg(test)]
mod tests {
    use super::{rows_in_view, OVERSCAN, ROW_PX};

    /// The rows rendered are the visible ones plus the overscan on each side, never past the
    /// ends of the list.
    #[test]
    fn rows_in_view_cover_the_box_and_a_margin() {
        let px = ROW_PX;
        // A 760 px box holds 10 rows (plus one partly shown).
        let visible = 760 / px as usize + 1;
        let cases = [
            (
                "top of a long list",
                100_000,
                0.0,
                0..visible + 2 * OVERSCAN,
            ),
            (
                "scrolled to row 1000",
                100_000,
                f64::from(1000 * px),
                1000 - OVERSCAN..1000 + visible + OVERSCAN,
            ),
            ("a short list", 5, 0.0, 0..5),
            ("no events", 0, 0.0, 0..0),
            (
                "scrolled past the end (a list that just shrank)",
                20,
                f64::from(5000 * px),
                20..20,
            ),
        ];
        for (name, n, top, want) in cases {
            assert_eq!(rows_in_view(n, top, 760.0, px), want, "{name}");
        }
    }
}
