//! The timeline canvas: sizing for HiDPI, redrawing once per animation frame when anything it
//! shows changes, and every interaction: hover tooltip, click to select or zoom into a cluster,
//! drag and arrow keys to pan, wheel, pinch and +/- to zoom, Home to reset.
//!
//! The view is `view!`; the canvas's pointer, wheel and key listeners are `use_event_listener`s
//! and its width comes from the viewport's resize observer. One effect schedules frames; each
//! frame draws, and writes what follows the frame (the test contract's attributes, the canvas
//! height, the strip's window mark): that is drawing, not view state, and during a gesture it
//! changes every frame, in the same frame as the canvas.

use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::Arc;

use dyad_core::date::iso_of_day;
use dyad_core::timeline::{date_label, hit, wheel_zoom_factor, Cluster};
use dyad_core::{DaySpan, PartialDate};
use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use leptos_use::{use_event_listener, use_event_listener_with_options, UseEventListenerOptions};

use super::density;
use super::paint::{self, Frame, Scene, HIT_TOLERANCE, LANE_TOP};
use super::viewport::{Viewport, Write};
use crate::state::History;

/// A press that moves less than this is a click, not a drag, px.
const DRAG_PX: f64 = 4.0;
/// Zoom step of the keyboard and the buttons.
pub const ZOOM_STEP: f64 = 1.5;
/// Keyboard pan step, as a share of the width.
const PAN_SHARE: f64 = 0.2;

/// The canvas's own state between frames and events; nothing here is view state.
#[derive(Default)]
struct Local {
    /// The last frame's layout, which hit testing reads.
    frame: Frame,
    /// `(pointer id, x)` of each pointer down: one drags, two pinch.
    pointers: Vec<(i32, f64)>,
    /// Where the first pointer went down.
    down_x: f64,
    /// Whether the pointers moved far enough to be a drag rather than a click.
    moved: bool,
    /// The distance between two pinching pointers at the last move.
    pinch: Option<f64>,
    /// The cluster under the pointer, ringed.
    hover: Option<Cluster>,
    /// Whether a frame is already requested.
    pending: bool,
    /// Whether the canvas has been drawn once.
    drawn: bool,
    /// What the density strip was last drawn for (model, strip width, background), so it is
    /// redrawn only when that changes, not on every frame of a gesture.
    strip_for: (usize, u32, &'static str),
}

/// The tooltip's content and place.
#[derive(Debug, Clone, PartialEq)]
struct Tip {
    /// Two lines: the event's title and date, or a group's count and span.
    text: String,
    /// Its left edge in the plot, CSS px.
    left: f64,
    /// Its top edge in the plot, CSS px.
    top: f64,
}

/// What a pointer move does.
enum Act {
    Hover,
    Pan(f64),
    Zoom(f64, f64),
    Nothing,
}

/// The canvas with its tooltip, and the data attributes end-to-end tests read.
#[component]
pub fn Plot(
    /// The timeline's shared state.
    vp: Viewport,
) -> impl IntoView {
    let app = vp.app;
    let canvas: NodeRef<html::Canvas> = NodeRef::new();
    let tip = RwSignal::new(None::<Tip>);
    let st = StoredValue::new_local(Local::default());

    // One draw per animation frame, however many changes arrive in between.
    let schedule = move || {
        let first = st
            .try_update_value(|s| !std::mem::replace(&mut s.pending, true))
            .unwrap_or(false);
        if first {
            let draw = move || draw_frame(vp, canvas, st);
            if st.try_with_value(|s| s.drawn).unwrap_or(true) {
                request_animation_frame(draw);
            } else {
                // The first drawing waits one frame: the page with its list paints first, and
                // the canvas (whose size needs that page laid out) in the frame after.
                crate::perf::after_paint(move || request_animation_frame(draw));
            }
        }
    };
    Effect::new(move |_| {
        vp.model.track();
        vp.scale.track();
        vp.in_view.track();
        vp.cursor.track();
        vp.theme.track();
        vp.strip_width.track();
        app.view.track();
        schedule();
    });

    let local = move |ev: &web_sys::MouseEvent| -> Option<(f64, f64)> {
        let c = canvas.get_untracked()?;
        let r = c.get_bounding_client_rect();
        let left = vp.left.get_untracked();
        let css = vp.width.get_untracked() + left;
        let sx = if r.width() > 0.0 {
            css / r.width()
        } else {
            1.0
        };
        Some((
            (f64::from(ev.client_x()) - r.left()) * sx - left,
            f64::from(ev.client_y()) - r.top(),
        ))
    };
    let hit_at = move |x: f64, y: f64| -> Option<Cluster> {
        st.with_value(|s| {
            let layout = s.frame.layout?;
            hit(&s.frame.clusters, &layout, x, y, HIT_TOLERANCE).copied()
        })
    };
    let set_tip = move |c: Option<Cluster>, x: f64, y: f64| {
        let changed = st
            .try_update_value(|s| std::mem::replace(&mut s.hover, c) != c)
            .unwrap_or(false);
        if changed {
            let left = vp.left.get_untracked();
            tip.set(tip_for(vp, c, x + left, y, vp.width.get_untracked() + left));
            schedule();
        }
    };
    let select = move |ix: usize| {
        let Some(id) = vp
            .model
            .with_untracked(|m| m.as_ref()?.ds.events.get(ix).map(|e| e.id.clone()))
        else {
            return;
        };
        vp.cursor.set(None);
        app.update(History::Push, move |s| s.event = Some(id));
    };
    let click = move |x: f64, y: f64| {
        let Some(c) = hit_at(x, y) else {
            return;
        };
        if c.is_single() {
            select(c.first);
            return;
        }
        let now = vp.scale.get_untracked();
        let mut next = now;
        next.zoom_to(c.events_span, 40.0);
        vp.clamp(&mut next);
        // Already as close as the timeline goes: the events cannot be told apart by zooming,
        // so the first is opened and the list under the canvas shows the others.
        if (next.start - now.start).abs() < 0.5 && (next.end - now.end).abs() < 0.5 {
            select(c.first);
        } else {
            set_tip(None, 0.0, 0.0);
            vp.change(Write::Push, |s| *s = next);
        }
    };

    let on_down = move |ev: web_sys::PointerEvent| {
        if ev.pointer_type() == "mouse" && ev.button() != 0 {
            return;
        }
        let Some((x, _)) = local(&ev) else {
            return;
        };
        if let Some(c) = canvas.get_untracked() {
            let _ = c.set_pointer_capture(ev.pointer_id());
        }
        let id = ev.pointer_id();
        st.update_value(|s| {
            s.pointers.retain(|p| p.0 != id);
            s.pointers.push((id, x));
            if s.pointers.len() == 1 {
                s.down_x = x;
                s.moved = false;
            } else {
                s.moved = true;
                s.pinch = pinch_distance(&s.pointers);
            }
        });
    };
    let on_move = move |ev: web_sys::PointerEvent| {
        let Some((x, y)) = local(&ev) else {
            return;
        };
        let id = ev.pointer_id();
        let mut act = Act::Nothing;
        st.update_value(|s| {
            let n = s.pointers.len();
            let Some(p) = s.pointers.iter_mut().find(|p| p.0 == id) else {
                act = if n == 0 { Act::Hover } else { Act::Nothing };
                return;
            };
            let dx = x - p.1;
            p.1 = x;
            if n == 1 {
                if !s.moved && (x - s.down_x).abs() > DRAG_PX {
                    s.moved = true;
                    act = Act::Pan(x - s.down_x);
                } else if s.moved {
                    act = Act::Pan(dx);
                }
            } else if let Some(d) = pinch_distance(&s.pointers) {
                let mid = (s.pointers[0].1 + s.pointers[1].1) / 2.0;
                if let Some(d0) = s.pinch {
                    act = Act::Zoom(d / d0, mid);
                }
                s.pinch = Some(d);
            }
        });
        match act {
            Act::Hover => set_tip(hit_at(x, y), x, y),
            Act::Pan(dx) => {
                set_tip(None, x, y);
                vp.change(Write::Settled, |s| s.pan(dx));
            }
            Act::Zoom(f, mid) => {
                set_tip(None, x, y);
                vp.change(Write::Settled, |s| s.zoom(f, mid));
            }
            Act::Nothing => {}
        }
    };
    let on_up = move |ev: web_sys::PointerEvent| {
        let id = ev.pointer_id();
        let cancelled = ev.type_() == "pointercancel";
        let mut clicked = false;
        st.update_value(|s| {
            let was = s.pointers.len();
            s.pointers.retain(|p| p.0 != id);
            if s.pointers.len() < 2 {
                s.pinch = None;
            }
            clicked = !cancelled && was == 1 && s.pointers.is_empty() && !s.moved;
        });
        if clicked {
            if let Some((x, y)) = local(&ev) {
                click(x, y);
            }
        }
    };
    let on_wheel = move |ev: web_sys::WheelEvent| {
        ev.prevent_default();
        let Some((x, _)) = local(&ev) else {
            return;
        };
        let unit = match ev.delta_mode() {
            1 => 16.0,
            2 => vp.width.get_untracked(),
            _ => 1.0,
        };
        let (dx, dy) = (ev.delta_x() * unit, ev.delta_y() * unit);
        set_tip(None, x, 0.0);
        if !ev.ctrl_key() && dx.abs() > dy.abs() {
            vp.change(Write::Settled, |s| s.pan(-dx));
        } else {
            let f = wheel_zoom_factor(dy, ev.ctrl_key());
            vp.change(Write::Settled, |s| s.zoom(f, x));
        }
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        if ev.alt_key() || ev.ctrl_key() || ev.meta_key() {
            return;
        }
        let w = vp.width.get_untracked();
        match ev.key().as_str() {
            "+" | "=" => vp.change(Write::Settled, |s| s.zoom(ZOOM_STEP, w / 2.0)),
            "-" | "_" => vp.change(Write::Settled, |s| s.zoom(1.0 / ZOOM_STEP, w / 2.0)),
            "ArrowLeft" => vp.change(Write::Settled, |s| s.pan(w * PAN_SHARE)),
            "ArrowRight" => vp.change(Write::Settled, |s| s.pan(-w * PAN_SHARE)),
            "Home" => vp.fit(),
            _ => return,
        }
        set_tip(None, 0.0, 0.0);
        ev.prevent_default();
    };

    let _ = use_event_listener(canvas, ev::pointerdown, on_down);
    let _ = use_event_listener(canvas, ev::pointermove, on_move);
    let _ = use_event_listener(canvas, ev::pointerup, on_up);
    let _ = use_event_listener(canvas, ev::pointercancel, on_up);
    let _ = use_event_listener(canvas, ev::pointerleave, move |_| set_tip(None, 0.0, 0.0));
    // Not passive: the wheel zooms the timeline instead of scrolling the page.
    let _ = use_event_listener_with_options(
        canvas,
        ev::wheel,
        on_wheel,
        UseEventListenerOptions::default().passive(false),
    );
    let _ = use_event_listener(canvas, ev::keydown, on_key);

    // The canvas's CSS height, from its first render (the frame sizes its pixels to match): the
    // page is laid out at its final size before the first frame, so nothing under the chart
    // moves when it is drawn, nor when the app takes over from the prerendered first screen.
    let css_height = move || {
        let lanes = vp.model.with(|m| m.as_ref().map_or(0, |m| m.plan.len()));
        let lane_h = paint::lane_height(vp.width.get() + vp.left.get());
        format!("{:.2}px", paint::height(lanes, lane_h))
    };
    // The text alternative follows the settled window.
    let label = move || {
        vp.in_view.with(|iv| {
            iv.as_ref()
                .map_or_else(|| "Timeline".to_string(), |iv| iv.description.clone())
        })
    };
    view! {
        <div
            class="timeline-plot"
            node_ref=vp.holder
            data-testid="timeline-plot"
            data-lane-top=format!("{LANE_TOP:.2}")
        >
            <canvas
                node_ref=canvas
                role="img"
                tabindex="0"
                aria-label=label
                aria-describedby="timeline-keys"
                style:height=css_height
            ></canvas>
            <div
                class="timeline-tooltip"
                aria-hidden="true"
                hidden=move || tip.with(Option::is_none)
                style:left=move || tip.with(|t| t.as_ref().map(|t| format!("{:.2}px", t.left)))
                style:top=move || tip.with(|t| t.as_ref().map(|t| format!("{:.2}px", t.top)))
            >
                {move || tip.with(|t| t.as_ref().map(|t| t.text.clone()))}
            </div>
        </div>
    }
}

/// The distance between the first two pointers, if two are down.
fn pinch_distance(pointers: &[(i32, f64)]) -> Option<f64> {
    match pointers {
        [a, b, ..] => Some((a.1 - b.1).abs().max(10.0)),
        _ => None,
    }
}

/// The tooltip for the cluster under the pointer at canvas position `(x, y)` (an event's title
/// and date, or a group's count and span), kept inside the canvas's `right` edge; `None` hides
/// it.
fn tip_for(vp: Viewport, c: Option<Cluster>, x: f64, y: f64, right: f64) -> Option<Tip> {
    let c = c?;
    let text = vp.model.with_untracked(|m| {
        let ds = &m.as_ref()?.ds;
        Some(if c.is_single() {
            let e = ds.events.get(c.first)?;
            format!(
                "{}\n{}",
                dyad_core::text::visible(&e.title),
                date_label(&e.date, e.end.as_ref())
            )
        } else {
            format!(
                "{} events\n{}. Click to zoom in.",
                c.count,
                span_text(c.events_span)
            )
        })
    })?;
    Some(Tip {
        text,
        left: (x + 14.0).min(right - 250.0).max(0.0),
        top: y + 14.0,
    })
}

/// "3 Mar 2022 – 9 Apr 2022".
fn span_text(span: DaySpan) -> String {
    let (a, b) = (
        PartialDate::from_day(span.start),
        PartialDate::from_day(span.end),
    );
    match a {
        Some(a) => dyad_core::timeline::date_span(&a, b.as_ref().filter(|b| **b != a), false),
        None => String::new(),
    }
}

/// Lays out and paints one frame, sizing the canvas for the device's pixel ratio, moves the
/// strip's window mark, redraws the strip when its data, width or colours changed, and writes
/// the attributes that follow the frame. Reads everything untracked and tolerates running after the component is gone.
fn draw_frame(vp: Viewport, canvas: NodeRef<html::Canvas>, st: StoredValue<Local, LocalStorage>) {
    if st
        .try_update_value(|s| {
            s.pending = false;
            s.drawn = true;
        })
        .is_none()
    {
        return;
    }
    let (Some(Some(el)), Some(Some(h))) =
        (canvas.try_get_untracked(), vp.holder.try_get_untracked())
    else {
        return;
    };
    let Some(Some(m)) = vp.model.try_get_untracked() else {
        return;
    };
    let Some(ctx) = super::paint::context_2d(&el) else {
        return;
    };
    let perf = web_sys::window().and_then(|w| w.performance());
    let t0 = perf.as_ref().map(|p| p.now());
    crate::perf::mark(DRAW_START);
    let scale = vp.scale.get_untracked();
    density::draw_mark(vp, &scale);
    let theme = vp.theme.get_untracked();
    // The strip only when what it shows changed, not on every frame of a gesture.
    let strip_for = (
        Arc::as_ptr(&m) as usize,
        vp.strip_width.get_untracked().round() as u32,
        theme.bg,
    );
    if st.with_value(|s| s.strip_for != strip_for) {
        st.update_value(|s| s.strip_for = strip_for);
        density::draw_bars(vp, &m, &theme);
    }
    let selected = vp.app.view.with_untracked(|v| {
        let id = v.event.as_deref()?;
        m.ds.event_by_id(id)
    });
    let left = vp.left.get_untracked();
    let dpr = web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .filter(|r| r.is_finite() && *r > 0.0)
        .unwrap_or(1.0);
    let css_w = scale.width_px + left;
    let lane_h = paint::lane_height(css_w);
    let height = paint::height(m.plan.len(), lane_h);
    let (pw, ph) = ((css_w * dpr).round() as u32, (height * dpr).round() as u32);
    // Setting a size clears the canvas and its state; only when it changed.
    if el.width() != pw || el.height() != ph {
        el.set_width(pw);
        el.set_height(ph);
    }
    let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
    st.update_value(|s| {
        let scene = Scene {
            ds: &m.ds,
            matches: &m.result.matches,
            plan: &m.plan,
            milestones: &m.milestones,
            colors: &m.colors,
            theme,
            scale,
            left,
            selected,
            cursor: vp.cursor.get_untracked(),
            hover: s.hover,
        };
        s.frame.layout(&scene);
        paint::paint(&ctx, &scene, &s.frame);
    });

    let w = scale.window();
    let lanes: Vec<&str> = (0..m.plan.len() as u32)
        .map(|l| m.plan.id(&m.ds, l))
        .collect();
    // Six decimals: a millionth of a day or of a pixel.
    let attrs = [
        ("data-window-start", iso_of_day(w.start)),
        ("data-window-end", iso_of_day(w.end)),
        ("data-scale-start", format!("{:.6}", scale.start)),
        ("data-scale-end", format!("{:.6}", scale.end)),
        ("data-width", format!("{:.6}", scale.width_px)),
        ("data-plot-left", format!("{left:.6}")),
        ("data-lanes", lanes.join(",")),
        ("data-lane-height", format!("{lane_h:.2}")),
    ];
    for (name, value) in attrs {
        let _ = h.set_attribute(name, &value);
    }
    if let (Some(p), Some(t0)) = (perf.as_ref(), t0) {
        let _ = h.set_attribute("data-draw-ms", &format!("{:.2}", p.now() - t0));
    }
    record_draw(perf.as_ref(), !m.result.matches.is_empty());
}

/// The mark each frame's measure starts from.
const DRAW_START: &str = "dyad:timeline-draw-start";
/// Frames measured since the entries were last cleared.
static DRAWS: AtomicU32 = AtomicU32::new(0);
/// Whether the first frame with events has been marked painted.
static PAINTED: AtomicBool = AtomicBool::new(false);

/// Performance entries for the browser benchmark: a `dyad:timeline-draw` measure per frame
/// (cleared every few thousand frames, so a long session does not accumulate them), and
/// `dyad:timeline-painted` once the first frame with events is on screen.
fn record_draw(perf: Option<&web_sys::Performance>, has_events: bool) {
    crate::perf::measure("dyad:timeline-draw", DRAW_START);
    if let Some(p) = perf {
        p.clear_marks_with_mark_name(DRAW_START);
        if DRAWS.fetch_add(1, Ordering::Relaxed) >= 5000 {
            DRAWS.store(0, Ordering::Relaxed);
            p.clear_measures_with_measure_name("dyad:timeline-draw");
        }
    }
    if has_events && !PAINTED.swap(true, Ordering::Relaxed) {
        crate::perf::after_paint(|| crate::perf::mark("dyad:timeline-painted"));
    }
}
