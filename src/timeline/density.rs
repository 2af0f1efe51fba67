//! The density strip above the timeline: the matching events per year, month or week over the
//! whole span of the data, stacked by category and drawn with plotters, with the current
//! window marked. Dragging across it (a brush) sets the window; dragging the marked window
//! moves it; a click centres the window there.
//!
//! Plotters draws in device pixels (its canvas backend takes the canvas's own size), so the
//! canvas is sized to CSS size × devicePixelRatio and no transform is applied. Only the bars
//! go through plotters (a coordinate spec and rectangles, about 9 KB gzip of wasm measured
//! alone); its chart builder with axes and labels would cost about 20 KB, and the strip needs
//! no axis: the timeline under it has one.

use dyad_core::aggregate::bin_counts;
use dyad_core::timeline::{overview_bin, TimeScale};
use leptos::prelude::*;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;

use super::palette::Theme;
use super::viewport::{Model, Viewport, Write};

/// The strip's height, CSS px.
const STRIP_H: f64 = 40.0;
/// A press that moves less than this is a click, px.
const CLICK_PX: f64 = 3.0;

/// What a press on the strip is doing.
#[derive(Debug, Clone, Copy)]
enum Brush {
    /// Drawing a new window from `anchor` (a day on the axis).
    New { anchor: f64 },
    /// Moving the window, grabbed `offset` days from its start; it keeps `len` days.
    Move { offset: f64, len: f64 },
}

/// The strip, with the window overlay and the brush.
#[component]
pub fn DensityStrip(
    /// The timeline's shared state.
    vp: Viewport,
) -> impl IntoView {
    let canvas = vp.strip;
    let strip = move || strip_scale(vp);
    let press: StoredValue<Option<(Brush, f64, bool)>> = StoredValue::new(None);
    let local_x = move |ev: &web_sys::PointerEvent| -> Option<(f64, TimeScale)> {
        let r = canvas.get_untracked()?.get_bounding_client_rect();
        Some((f64::from(ev.client_x()) - r.left(), strip()?))
    };
    let on_down = move |ev: web_sys::PointerEvent| {
        if ev.pointer_type() == "mouse" && ev.button() != 0 {
            return;
        }
        let Some((x, s)) = local_x(&ev) else {
            return;
        };
        if let Some(el) = canvas.get_untracked() {
            let _ = el.set_pointer_capture(ev.pointer_id());
        }
        let day = s.day_at(x);
        let now = vp.scale.get_untracked();
        // Grabbing the marked window moves it, unless it covers (nearly) everything: then
        // there is nothing to move and a drag draws a new window.
        let movable = now.days() < 0.9 * s.days();
        let brush = if movable && day >= now.start && day <= now.end {
            Brush::Move {
                offset: day - now.start,
                len: now.days(),
            }
        } else {
            Brush::New { anchor: day }
        };
        press.set_value(Some((brush, x, false)));
    };
    let on_move = move |ev: web_sys::PointerEvent| {
        let Some((brush, x0, moved)) = press.get_value() else {
            return;
        };
        let Some((x, s)) = local_x(&ev) else {
            return;
        };
        let moved = moved || (x - x0).abs() > CLICK_PX;
        press.set_value(Some((brush, x0, moved)));
        if !moved {
            return;
        }
        let day = s.day_at(x);
        vp.change(Write::Settled, |w| match brush {
            Brush::New { anchor } => {
                w.start = anchor.min(day);
                w.end = anchor.max(day);
            }
            Brush::Move { offset, len } => {
                w.start = day - offset;
                w.end = w.start + len;
            }
        });
    };
    let on_up = move |ev: web_sys::PointerEvent| {
        let Some((_, _, moved)) = press.get_value() else {
            return;
        };
        press.set_value(None);
        if ev.type_() == "pointercancel" {
            return;
        }
        if moved {
            vp.change(Write::Now, |_| {});
        } else if let Some((x, s)) = local_x(&ev) {
            let day = s.day_at(x);
            vp.change(Write::Now, |w| {
                let len = w.days();
                w.start = day - len / 2.0;
                w.end = w.start + len;
            });
        }
    };

    view! {
        <div
            class="density-strip"
            on:pointerdown=on_down
            on:pointermove=on_move
            on:pointerup=on_up
            on:pointercancel=on_up
        >
            <canvas
                node_ref=canvas
                role="img"
                aria-label="Events over the whole data, stacked by category; the marked part is the window shown below. Drag across it to choose another window."
            ></canvas>
            <div class="window-mark" node_ref=vp.mark aria-hidden="true"></div>
        </div>
    }
}

/// The strip's scale: the whole data across the canvas's width.
fn strip_scale(vp: Viewport) -> Option<TimeScale> {
    let w = vp.strip.get_untracked()?.get_bounding_client_rect().width();
    let b = vp.model.with_untracked(|m| m.as_ref().map(|m| m.bounds))?;
    Some(TimeScale::from_window(b, w.max(1.0)))
}

/// Moves the window's mark to where `now` lies on the strip.
pub fn draw_mark(vp: Viewport, now: &TimeScale) {
    let (Some(el), Some(s)) = (vp.mark.get_untracked(), strip_scale(vp)) else {
        return;
    };
    let a = s.x_of(now.start).clamp(0.0, s.width_px);
    let b = s.x_of(now.end).clamp(0.0, s.width_px);
    let _ = el.set_attribute("style", &format!("left:{a}px;width:{}px", (b - a).max(2.0)));
}

/// Draws the stacked bars of the model's matches across the strip with plotters.
pub fn draw_bars(vp: Viewport, m: &Model) {
    let (Some(el), Some(strip)) = (vp.strip.get_untracked(), strip_scale(vp)) else {
        return;
    };
    let strip = &strip;
    let theme = Theme::current();
    let counts = bin_counts(
        &m.ds,
        &m.result.matches,
        overview_bin(strip).to_bin(),
        Some(m.bounds),
    );
    let dpr = web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .filter(|r| r.is_finite() && *r > 0.0)
        .unwrap_or(1.0);
    let (pw, ph) = (
        (strip.width_px * dpr).round() as u32,
        (STRIP_H * dpr).round() as u32,
    );
    el.set_width(pw);
    el.set_height(ph);
    let _ = el.set_attribute("style", &format!("height:{STRIP_H}px"));
    let Some(backend) = CanvasBackend::with_canvas_object(el) else {
        return;
    };
    let root = backend.into_drawing_area();
    let (r, g, b) = theme.bg_rgb;
    let _ = root.fill(&RGBColor(r, g, b));
    let max = f64::from(counts.max_total().max(1));
    // Pixel rows run downwards, so the y range is given bottom first; 2 px of air on top.
    let top = (2.0 * dpr).round() as i32;
    let area = root.apply_coord_spec(Cartesian2d::<RangedCoordf64, RangedCoordf64>::new(
        strip.start..strip.end,
        0.0..max,
        (0..pw as i32, ph as i32..top),
    ));
    for (i, row) in counts.counts.iter().enumerate() {
        let Some(span) = counts.bin_span(i) else {
            continue;
        };
        let (x0, x1) = (f64::from(span.start), f64::from(span.end) + 1.0);
        let mut acc = 0.0;
        for (cat, &n) in row.iter().enumerate().filter(|(_, n)| **n > 0) {
            let (r, g, b) = m.colors.rgb.get(cat).copied().unwrap_or((128, 128, 128));
            let next = acc + f64::from(n);
            let _ = area.draw(&Rectangle::new(
                [(x0, acc), (x1, next)],
                RGBColor(r, g, b).filled(),
            ));
            acc = next;
        }
    }
    let _ = root.present();
}
