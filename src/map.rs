//! The map page (`/map`): where the matching events happened, on Natural Earth's countries, with
//! the list of the events in view beside it, then the event list and the selected event's
//! detail as on the timeline.
//!
//! What is shown derives from the URL: every filter (the `area=` box among them), the timeline's
//! window (`win=`: only events overlapping it), the map's pair mode (`pair=MLI~RUS`: that pair's
//! events as its ledger counts them, `rollup=1` included) and the window (`bbox=`; without one the
//! map fits the events shown). Dragging and pinching move a transient viewport, written to
//! `bbox=` when the gesture ends; the wheel, the keys (`+`, `-`, arrows, `0`) and the buttons
//! write it at once. "Filter to this area" writes the window as `area=`, which the list, the
//! timeline and the pairs follow. Geometry (projection, fitting, clustering by zoom level, hit
//! testing) is `dyad_core::map`; [`paint`] draws a frame with plotters; the basemap is fetched the
//! first time the page opens ([`basemap`]).
//!
//! # Test contract
//!
//! `[data-testid=map-plot]` wraps the canvas and carries, after each frame:
//! - `data-bbox`: the window drawn, `W,S,E,N` as in `bbox=`;
//! - `data-markers`: the number of markers drawn;
//! - `data-singles`: up to 50 single-event markers as `id@x,y,precision` joined by `;`, where
//!   `x`, `y` are CSS px from the canvas's top left (a click there opens the event);
//! - `data-basemap`: `1` once the country shapes are drawn;
//! - `data-draw-ms`: how long the last frame took to cluster and paint.

mod basemap;
mod paint;

use std::sync::Arc;

use crate::relationships::PageCanvas;
use dyad_core::aggregate::{pair_events, pair_rollup, PairKey};
use dyad_core::map::{cluster, hit, project, unproject, BBox, Placed, Viewport};
use dyad_core::query::View;
use dyad_core::{Dataset, LocationPrecision};
use leptos::html;
use leptos::prelude::*;
use leptos_use::{use_element_size, use_media_query, UseElementSizeReturn};
use plotters::prelude::IntoDrawingArea;
use wasm_bindgen::JsCast;

use crate::detail::EventDetail;
use crate::events::EventList;
use crate::share::CopyLink;
use crate::state::{use_app, AppState, History};
use crate::timeline::palette::CategoryColors;
use paint::{Ground, Marker};

/// How much one zoom step (button, key, wheel notch) scales the map.
const ZOOM_STEP: f64 = 2.0;
/// How far an arrow key pans, CSS px.
const PAN_STEP: f64 = 80.0;
/// How far a pointer may move and still click, CSS px.
const CLICK_SLOP: f64 = 5.0;
/// The most events the "in view" list names; the rest are counted.
const LIST_CAP: usize = 200;

/// What of the view, beside the filter, chooses the events: the timeline's window, the pair
/// mode's pair, and whether it rolls up.
type Select = (Option<dyad_core::DaySpan>, Option<(String, String)>, bool);

/// Every event's unit-square point by position in the dataset (NaN without coordinates),
/// projected once per dataset so that a filter change only gathers.
type Projected = Option<Arc<Vec<(f32, f32)>>>;

fn project_all(ds: &Dataset) -> Vec<(f32, f32)> {
    (0..ds.events.len())
        .map(|i| match ds.index.coords(i) {
            Some((lat, lon)) => {
                let (x, y) = project(f64::from(lat), f64::from(lon));
                (x as f32, y as f32)
            }
            None => (f32::NAN, f32::NAN),
        })
        .collect()
}

/// The events the map shows: the filter's matches inside the timeline's window (and of the pair,
/// in pair mode) that have coordinates, projected once per change.
#[derive(Debug, Clone, PartialEq)]
struct Shown {
    ds: Arc<Dataset>,
    placed: Vec<Placed>,
    /// Matches left out for lacking coordinates.
    unplaced: usize,
    /// The pair in pair mode, by name: "Mali – Russia".
    pair: Option<String>,
}

impl Shown {
    fn build(app: &AppState, select: Memo<Select>, projected: Memo<Projected>) -> Option<Shown> {
        let ds = app.dataset.get()?;
        let result = app.result.get()?;
        let (window, map_pair, rollup) = select.get();
        let mut events: Vec<usize> = result.matches.clone();
        let mut pair = None;
        if let Some((a, b)) = map_pair {
            if let Some(key) = ds
                .actor_by_id(&a)
                .zip(ds.actor_by_id(&b))
                .and_then(|(x, y)| PairKey::new(x, y))
            {
                events = pair_events(&ds, &events, key, pair_rollup(&ds, key, rollup));
                let name = |ix| ds.actor(ix).map_or("?", |a| a.name.as_str());
                pair = Some(format!("{} – {}", name(key.a), name(key.b)));
            }
        }
        if let Some(w) = window {
            events.retain(|&i| ds.index.span(i).is_some_and(|s| s.overlaps(&w)));
        }
        let mut placed = Vec::with_capacity(events.len());
        projected.with(|points| {
            let points = points.as_deref().map_or(&[][..], Vec::as_slice);
            for &i in &events {
                if let Some(&(x, y)) = points.get(i).filter(|p| !p.0.is_nan()) {
                    placed.push(Placed {
                        event: i,
                        x,
                        y,
                        category: u32::from(ds.index.category(i).unwrap_or(0)),
                    });
                }
            }
        });
        let unplaced = events.len() - placed.len();
        Some(Shown {
            ds,
            placed,
            unplaced,
            pair,
        })
    }

    /// The box around the shown events, with a margin (at least two degrees across); `None`
    /// when nothing is placed.
    fn fit(&self) -> Option<BBox> {
        let (mut x0, mut y0, mut x1, mut y1) = (1.0f32, 1.0f32, 0.0f32, 0.0f32);
        for p in &self.placed {
            x0 = x0.min(p.x);
            y0 = y0.min(p.y);
            x1 = x1.max(p.x);
            y1 = y1.max(p.y);
        }
        if x0 > x1 {
            return None;
        }
        let (north, west) = unproject(f64::from(x0), f64::from(y0));
        let (south, east) = unproject(f64::from(x1), f64::from(y1));
        let pad = |lo: f64, hi: f64, min: f64, max: f64| {
            let m = ((hi - lo) * 0.1).max(1.0);
            ((lo - m).max(min), (hi + m).min(max))
        };
        let (west, east) = pad(west, east, -180.0, 180.0);
        let (south, north) = pad(south, north, -85.0, 85.0);
        BBox::new(west, south, east, north).ok()
    }
}

/// The map page.
#[component]
pub fn MapPage() -> impl IntoView {
    let app = use_app();
    // Only these parts of the view choose the events; panning changes none of them.
    let select = Memo::new(move |_| app.view.with(|v| (v.window, v.map_pair.clone(), v.rollup)));
    // Compared by pointer: a new dataset is a new Arc, and comparing 100k points is not free.
    let projected = Memo::new_with_compare(
        move |_| app.dataset.get().map(|ds| Arc::new(project_all(&ds))),
        |a: Option<&Projected>, b: Option<&Projected>| match (a, b) {
            (Some(Some(a)), Some(Some(b))) => !Arc::ptr_eq(a, b),
            (Some(None), Some(None)) => false,
            _ => true,
        },
    );
    let shown = Memo::new(move |_| Shown::build(&app, select, projected).map(Arc::new));
    let pair = move || shown.with(|s| s.as_ref().and_then(|s| s.pair.clone()));
    let all_link = move || {
        let mut next = app.view.get();
        next.map_pair = None;
        app.href(&next)
    };
    let pair_page = move || {
        let next = app.view.get();
        let (a, b) = next.map_pair.clone()?;
        Some(app.href(&next.with_view(View::pair(a, b))))
    };
    view! {
        <div class="page map-page">
            <div class="page-head">
                <h2>"Map"</h2>
                <CopyLink />
            </div>
            <Show when=move || pair().is_some()>
                <p class="map-pair" role="status">
                    "Where the events of " <strong>{pair}</strong> " happened. "
                    <a href=pair_page>"Pair ledger"</a> " · " <a href=all_link>"All events"</a>
                </p>
            </Show>
            <MapView shown=shown />
            <div class="list-and-detail">
                <EventList />
                <EventDetail />
            </div>
        </div>
    }
}

/// Pointers down on the canvas and the gesture they make.
#[derive(Debug, Clone, Default)]
struct Gesture {
    /// Pointer ids and their positions, CSS px.
    pointers: Vec<(i32, f64, f64)>,
    /// The viewport, centre and spread of the pointers when the gesture (re)started.
    start: Option<(Viewport, (f64, f64), f64)>,
    /// Whether it moved beyond a click.
    moved: bool,
}

impl Gesture {
    fn centre_and_spread(&self) -> ((f64, f64), f64) {
        let n = self.pointers.len().max(1) as f64;
        let cx = self.pointers.iter().map(|p| p.1).sum::<f64>() / n;
        let cy = self.pointers.iter().map(|p| p.2).sum::<f64>() / n;
        let spread = match self.pointers.as_slice() {
            [a, b, ..] => ((a.1 - b.1).powi(2) + (a.2 - b.2).powi(2)).sqrt(),
            _ => 0.0,
        };
        ((cx, cy), spread)
    }
}

/// The map: toolbar, canvas with its tooltip and credit, and the events in view.
#[component]
fn MapView(
    /// The events to show.
    shown: Memo<Option<Arc<Shown>>>,
) -> impl IntoView {
    let app = use_app();
    let boxed: NodeRef<html::Div> = NodeRef::new();
    let canvas: NodeRef<html::Canvas> = NodeRef::new();
    let plot: NodeRef<html::Div> = NodeRef::new();
    let UseElementSizeReturn { width, height } = use_element_size(boxed);
    let dark = use_media_query("(prefers-color-scheme: dark)");
    let base = app.base.get_value();
    let basemap = LocalResource::new(move || {
        let base = base.clone();
        async move { basemap::load(&base).await }
    });
    let colors = Memo::new(move |_| {
        shown.with(|s| {
            s.as_ref()
                .map(|s| CategoryColors::of(&s.ds))
                .unwrap_or_default()
        })
    });

    // Transient UI state: the viewport while a drag or pinch is under way, the gesture, and
    // the marker under the pointer.
    let dragging = RwSignal::new(None::<Viewport>);
    let gesture = StoredValue::new(Gesture::default());
    let hover = RwSignal::new(None::<(f64, f64, String)>);

    // The window: the URL's box, else the events' fit, fitted to the canvas.
    let target = Memo::new(move |_| {
        app.view
            .with(|v| v.bbox)
            .or_else(|| shown.with(|s| s.as_ref().and_then(|s| s.fit())))
            .unwrap_or(BBox::WORLD)
    });
    // The window as the URL says (the list follows it), and as drawn (during a gesture, the
    // transient one).
    let settled = Memo::new(move |_| Viewport::fit(&target.get(), width.get(), height.get()));
    let viewport = Memo::new(move |_| dragging.get().unwrap_or_else(|| settled.get()));
    let markers = Memo::new(move |_| {
        let v = viewport.get();
        shown.with(|s| {
            let Some(s) = s else { return Vec::new() };
            cluster(&s.placed, &v)
                .into_iter()
                .map(|c| {
                    let precision = (c.count == 1).then(|| {
                        s.ds.events
                            .get(c.event)
                            .and_then(|e| e.location.as_ref())
                            .map_or(LocationPrecision::Place, |l| l.precision)
                    });
                    Marker {
                        cluster: c,
                        precision,
                    }
                })
                .collect::<Vec<_>>()
        })
    });

    // Drawing: the only effect, and it only touches the canvas and the plot's data attributes.
    Effect::new(move |_| {
        dark.track();
        let (Some(el), Some(wrap)) = (canvas.get(), plot.get()) else {
            return;
        };
        let v = viewport.get();
        if v.width < 2.0 || v.height < 2.0 {
            return;
        }
        let started = now();
        crate::perf::mark("dyad:map-draw:start");
        let map = basemap.get().flatten();
        let ids = shown.with_untracked(|s| s.as_ref().map(|s| s.ds.clone()));
        markers.with(|ms| {
            colors.with(|colors| {
                let dpr = web_sys::window()
                    .map(|w| w.device_pixel_ratio())
                    .filter(|r| r.is_finite() && *r > 0.0)
                    .unwrap_or(1.0);
                let (w, h) = (
                    (v.width * dpr).round() as u32,
                    (v.height * dpr).round() as u32,
                );
                if el.width() != w || el.height() != h {
                    el.set_width(w);
                    el.set_height(h);
                }
                if let Some(backend) = PageCanvas::new(&el) {
                    let area = backend.into_drawing_area();
                    paint::frame(
                        &area,
                        &v,
                        dpr,
                        map.as_deref(),
                        ms,
                        colors,
                        Ground::of(dark.get_untracked()),
                    );
                    let _ = area.present();
                }
            });
            let singles: Vec<String> = ids
                .map(|ds| {
                    ms.iter()
                        .filter(|m| {
                            m.cluster.count == 1
                                && m.cluster.px >= 0.0
                                && m.cluster.py >= 0.0
                                && m.cluster.px <= v.width
                                && m.cluster.py <= v.height
                        })
                        .take(50)
                        .filter_map(|m| {
                            let e = ds.events.get(m.cluster.event)?;
                            let p = m.precision.unwrap_or_default().as_str();
                            Some(format!(
                                "{}@{:.1},{:.1},{p}",
                                e.id, m.cluster.px, m.cluster.py
                            ))
                        })
                        .collect()
                })
                .unwrap_or_default();
            let _ = wrap.set_attribute("data-markers", &ms.len().to_string());
            let _ = wrap.set_attribute("data-singles", &singles.join(";"));
        });
        let _ = wrap.set_attribute("data-bbox", &v.bbox().to_param());
        let _ = wrap.set_attribute("data-basemap", if map.is_some() { "1" } else { "0" });
        let _ = wrap.set_attribute("data-draw-ms", &format!("{:.2}", now() - started));
        // For the browser benchmark: the frame's cost, and from the last navigation (a filter
        // change, a zoom) to this frame on screen.
        crate::perf::measure("dyad:map-draw", "dyad:map-draw:start");
        crate::perf::after_paint(|| crate::perf::measure("dyad:map-painted", "dyad:nav"));
    });

    let write = move |v: Viewport, how: History| {
        let b = v.bbox();
        app.update(how, move |s| s.bbox = Some(b));
    };
    let zoom = move |f: f64| {
        let v = viewport.get_untracked();
        write(
            v.zoom_at(f, v.width / 2.0, v.height / 2.0),
            History::Replace,
        );
    };
    let fit = move || app.update(History::Push, |s| s.bbox = None);
    let to_area = move || {
        let b = viewport.get_untracked().bbox();
        app.update(History::Push, move |s| {
            s.filter.area = Some(b);
            s.bbox = Some(b);
        });
    };
    let clear_area = move || app.update(History::Push, |s| s.filter.area = None);
    let has_area = move || app.view.with(|v| v.filter.area.is_some());

    // The wheel zooms a transient viewport, written to the URL once the wheel rests (as a drag
    // is written when it ends), so a frame does not pay for a navigation.
    let settle_wheel = leptos_use::use_debounce_fn(
        move || {
            if gesture.with_value(|g| g.pointers.is_empty()) {
                if let Some(v) = dragging.get_untracked() {
                    write(v, History::Replace);
                    dragging.set(None);
                }
            }
        },
        250.0,
    );
    let on_wheel = move |ev: web_sys::WheelEvent| {
        ev.prevent_default();
        let v = viewport.get_untracked();
        let f = 2f64.powf(-ev.delta_y().clamp(-300.0, 300.0) / 300.0);
        let (x, y) = (f64::from(ev.offset_x()), f64::from(ev.offset_y()));
        hover.set(None);
        dragging.set(Some(v.zoom_at(f, x, y)));
        settle_wheel();
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let v = viewport.get_untracked();
        let next = match ev.key().as_str() {
            "+" | "=" => v.zoom_at(ZOOM_STEP, v.width / 2.0, v.height / 2.0),
            "-" | "_" => v.zoom_at(1.0 / ZOOM_STEP, v.width / 2.0, v.height / 2.0),
            "ArrowLeft" => v.pan(PAN_STEP, 0.0),
            "ArrowRight" => v.pan(-PAN_STEP, 0.0),
            "ArrowUp" => v.pan(0.0, PAN_STEP),
            "ArrowDown" => v.pan(0.0, -PAN_STEP),
            "0" | "Home" => {
                ev.prevent_default();
                fit();
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        write(next, History::Replace);
    };

    let restart = move |g: &mut Gesture| {
        let (c, spread) = g.centre_and_spread();
        let v = dragging.get_untracked().unwrap_or(viewport.get_untracked());
        g.start = (!g.pointers.is_empty()).then_some((v, c, spread));
    };
    let on_down = move |ev: web_sys::PointerEvent| {
        if ev.button() != 0 {
            return;
        }
        if let Some(t) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            let _ = t.set_pointer_capture(ev.pointer_id());
        }
        let (x, y) = (f64::from(ev.offset_x()), f64::from(ev.offset_y()));
        gesture.update_value(|g| {
            g.pointers.retain(|p| p.0 != ev.pointer_id());
            g.pointers.push((ev.pointer_id(), x, y));
            if g.pointers.len() == 1 {
                g.moved = false;
            }
            restart(g);
        });
    };
    let on_move = move |ev: web_sys::PointerEvent| {
        let (x, y) = (f64::from(ev.offset_x()), f64::from(ev.offset_y()));
        let mut next = None;
        gesture.update_value(|g| {
            if let Some(p) = g.pointers.iter_mut().find(|p| p.0 == ev.pointer_id()) {
                (p.1, p.2) = (x, y);
            } else {
                return;
            }
            let Some((v0, (cx0, cy0), s0)) = g.start else {
                return;
            };
            let ((cx, cy), s) = g.centre_and_spread();
            if !g.moved
                && ((cx - cx0).abs() + (cy - cy0).abs() > CLICK_SLOP || (s - s0).abs() > CLICK_SLOP)
            {
                g.moved = true;
            }
            if g.moved {
                let zoomed = if s0 > 0.0 && s > 0.0 {
                    v0.zoom_at(s / s0, cx0, cy0)
                } else {
                    v0
                };
                next = Some(zoomed.pan(cx - cx0, cy - cy0));
            }
        });
        match next {
            Some(v) => {
                hover.set(None);
                dragging.set(Some(v));
            }
            None if gesture.with_value(|g| g.pointers.is_empty()) => {
                let label = markers.with_untracked(|ms| {
                    let clusters: Vec<_> = ms.iter().map(|m| m.cluster.clone()).collect();
                    let k = hit(&clusters, x, y, 1.0, 4.0)?;
                    let c = &clusters[k];
                    Some(if c.count == 1 {
                        shown.with_untracked(|s| {
                            s.as_ref()
                                .and_then(|s| s.ds.events.get(c.event))
                                .map(|e| e.title.clone())
                                .unwrap_or_default()
                        })
                    } else {
                        format!("{} events: click to zoom in", c.count)
                    })
                });
                hover.set(label.map(|l| (x, y, l)));
            }
            None => {}
        }
    };
    let on_up = move |ev: web_sys::PointerEvent| {
        let (x, y) = (f64::from(ev.offset_x()), f64::from(ev.offset_y()));
        let mut clicked = false;
        let mut last = false;
        gesture.update_value(|g| {
            let was = g.pointers.len();
            g.pointers.retain(|p| p.0 != ev.pointer_id());
            last = was > 0 && g.pointers.is_empty();
            clicked = last && !g.moved;
            restart(g);
        });
        if let Some(v) = dragging.get_untracked() {
            if last {
                write(v, History::Replace);
                dragging.set(None);
            }
        }
        if clicked {
            click(app, shown, markers, viewport, x, y);
        }
    };
    let on_cancel = move |_: web_sys::PointerEvent| {
        gesture.set_value(Gesture::default());
        dragging.set(None);
    };

    let caption = move || {
        shown.with(|s| {
            let Some(s) = s else { return String::new() };
            let n = s.placed.len();
            let mut text = format!("{} event{} on the map", n, if n == 1 { "" } else { "s" });
            if s.unplaced > 0 {
                text.push_str(&format!("; {} without coordinates not shown", s.unplaced));
            }
            text
        })
    };
    let tip = move || {
        hover.get().map(|(x, y, text)| {
            view! {
                <div
                    class="map-tip"
                    aria-hidden="true"
                    style:left=format!("{:.0}px", x + 12.0)
                    style:top=format!("{:.0}px", y + 12.0)
                >
                    {text}
                </div>
            }
        })
    };
    let credit = move || {
        basemap
            .get()
            .flatten()
            .map(|_| "Country shapes: Natural Earth")
    };

    view! {
        <section class="map" aria-label="Map">
            <div class="map-toolbar" role="toolbar" aria-label="Map controls">
                <button type="button" class="zoom" aria-label="Zoom in" on:click=move |_| zoom(ZOOM_STEP)>
                    "+"
                </button>
                <button type="button" class="zoom" aria-label="Zoom out" on:click=move |_| zoom(1.0 / ZOOM_STEP)>
                    "−"
                </button>
                <button type="button" title="Show all the events shown" on:click=move |_| fit()>
                    "Fit"
                </button>
                <button type="button" data-testid="map-to-area" on:click=move |_| to_area()>
                    "Filter to this area"
                </button>
                <Show when=has_area>
                    <button type="button" on:click=move |_| clear_area()>
                        "Clear area"
                    </button>
                </Show>
                <p class="map-caption" role="status">{caption}</p>
            </div>
            <div class="map-body">
                <div class="map-plot" data-testid="map-plot" node_ref=plot>
                    <div class="map-box" node_ref=boxed>
                        <canvas
                            node_ref=canvas
                            tabindex="0"
                            role="img"
                            aria-label="Map of the events shown; the list beside it names them. Keys: + and - zoom, arrows pan, 0 fits."
                            on:wheel=on_wheel
                            on:keydown=on_key
                            on:pointerdown=on_down
                            on:pointermove=on_move
                            on:pointerup=on_up
                            on:pointercancel=on_cancel
                            on:pointerleave=move |_| hover.set(None)
                        ></canvas>
                        {tip}
                        <p class="map-credit">{credit}</p>
                    </div>
                </div>
                <InView shown=shown viewport=settled />
            </div>
        </section>
    }
}

/// A click (or tap) at `(x, y)`: a single event opens; a group zooms in on itself.
fn click(
    app: AppState,
    shown: Memo<Option<Arc<Shown>>>,
    markers: Memo<Vec<Marker>>,
    viewport: Memo<Viewport>,
    x: f64,
    y: f64,
) {
    let target = markers.with_untracked(|ms| {
        let clusters: Vec<_> = ms.iter().map(|m| m.cluster.clone()).collect();
        hit(&clusters, x, y, 1.0, 4.0).map(|k| clusters[k].clone())
    });
    let Some(c) = target else { return };
    if c.count == 1 {
        let id = shown.with_untracked(|s| {
            s.as_ref()
                .and_then(|s| s.ds.events.get(c.event))
                .map(|e| e.id.clone())
        });
        if let Some(id) = id {
            app.update(History::Push, move |s| s.event = Some(id));
        }
    } else {
        let v = viewport.get_untracked();
        let b = v.zoom_at(ZOOM_STEP * 2.0, c.px, c.py).bbox();
        app.update(History::Replace, move |s| s.bbox = Some(b));
    }
}

/// The events in the map's window, as a list of buttons that open them: the keyboard's and the
/// screen reader's way to what the canvas shows.
#[component]
fn InView(
    /// The events shown.
    shown: Memo<Option<Arc<Shown>>>,
    /// The window, as the URL says (not moved during a gesture).
    viewport: Memo<Viewport>,
) -> impl IntoView {
    let app = use_app();
    let in_view = Memo::new(move |_| {
        let v = viewport.get();
        let (x1, y1) = v.to_unit(v.width, v.height);
        shown.with(|s| {
            let Some(s) = s else {
                return (0, Vec::new());
            };
            let inside: Vec<usize> = s
                .placed
                .iter()
                .filter(|p| {
                    let (x, y) = (f64::from(p.x), f64::from(p.y));
                    x >= v.x0 && x <= x1 && y >= v.y0 && y <= y1
                })
                .map(|p| p.event)
                .collect();
            let rows = inside
                .iter()
                .take(LIST_CAP)
                .filter_map(|&i| {
                    let e = s.ds.events.get(i)?;
                    let place = e
                        .location
                        .as_ref()
                        .map(|l| match (&l.place, l.precision) {
                            (Some(p), LocationPrecision::Place) => p.clone(),
                            (Some(p), _) => format!("near {p}"),
                            (None, _) => l.country.clone().unwrap_or_default(),
                        })
                        .unwrap_or_default();
                    Some((e.id.clone(), e.title.clone(), e.date.display(), place))
                })
                .collect::<Vec<_>>();
            (inside.len(), rows)
        })
    });
    let selected = move || app.view.with(|v| v.event.clone());
    let count = move || {
        let (n, rows) = in_view.get();
        let more = n.saturating_sub(rows.len());
        let mut t = format!("{} event{} in view", n, if n == 1 { "" } else { "s" });
        if more > 0 {
            t.push_str(&format!(" (the first {} listed)", rows.len()));
        }
        t
    };
    view! {
        <div class="map-list">
            <h3 data-testid="map-in-view">{count}</h3>
            <ul aria-label="Events in view">
                <For
                    each=move || in_view.get().1
                    key=|row| row.0.clone()
                    let:row
                >
                    {
                        let (id, title, date, place) = row;
                        let open_id = id.clone();
                        let is_selected = {
                            let id = id.clone();
                            move || selected().as_deref() == Some(id.as_str())
                        };
                        view! {
                            <li>
                                <button
                                    type="button"
                                    aria-pressed=move || is_selected().to_string()
                                    on:click=move |_| {
                                        let id = open_id.clone();
                                        app.update(History::Push, move |s| s.event = Some(id));
                                    }
                                >
                                    <span class="date">{date}</span>
                                    " "
                                    <span class="title">{title}</span>
                                    <span class="place">{place}</span>
                                </button>
                            </li>
                        }
                    }
                </For>
            </ul>
        </div>
    }
}

/// Milliseconds on the page's clock.
fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}
