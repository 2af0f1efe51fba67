//! The density strip above the timeline: the matching events per year, month or week over the
//! whole span of the data, stacked by category, with the current window marked. Dragging
//! across it (a brush) sets the window; dragging the marked window moves it; a click centres
//! the window there.
//!
//! The bars are drawn in device pixels: the canvas is sized to CSS size × devicePixelRatio and
//! no transform is applied, so each bar's edges fall on whole pixels ([`to_px`]).
//!
//! They used to be drawn with plotters (a coordinate spec and rectangles; issue 5 asked for "a
//! plotters density brush"). Its canvas backend writes every colour as `rgba(r,g,b,a)` with a
//! float alpha, through `format!`, which kept the standard library's float formatting in the
//! wasm after the app's own uses were gone; the same rectangles drawn with `fill_rect`, at the
//! same pixels (plotters' mapping, [`to_px`]), cost less than its drawing area alone. The strip
//! needs no axis (the timeline under it has one), which is all plotters would add.

use dyad_core::aggregate::bin_counts;
use dyad_core::num::trimmed;
use dyad_core::timeline::{overview_bin, TimeScale};
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::palette::Theme;
use super::viewport::{Model, Viewport, Write};
use crate::relationships::dom::listen;

/// The strip's height, CSS px.
const STRIP_H: u32 = 40;
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

    let holder: NodeRef<html::Div> = NodeRef::new();
    holder.on_load(move |el| {
        listen(
            &el,
            &["pointerdown", "pointermove", "pointerup", "pointercancel"],
            Box::new(move |ev| {
                let kind = ev.type_();
                let ev: web_sys::PointerEvent = ev.unchecked_into();
                match kind.as_str() {
                    "pointerdown" => on_down(ev),
                    "pointermove" => on_move(ev),
                    _ => on_up(ev),
                }
            }),
        );
    });
    view! {
        <div class="density-strip" node_ref=holder>
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
    // `max` and `min` rather than `clamp`, whose panic path formats floats (see `dyad_core::num`).
    let a = s.x_of(now.start).max(0.0).min(s.width_px);
    let b = s.x_of(now.end).max(0.0).min(s.width_px);
    let style = format!(
        "left:{}px;width:{}px",
        trimmed(a, 2),
        trimmed((b - a).max(2.0), 2)
    );
    let _ = el.set_attribute("style", &style);
}

/// Draws the stacked bars of the model's matches across the strip, in device pixels.
pub fn draw_bars(vp: Viewport, m: &Model) {
    let (Some(el), Some(strip)) = (vp.strip.get_untracked(), strip_scale(vp)) else {
        return;
    };
    let theme = Theme::current();
    let counts = bin_counts(
        &m.ds,
        &m.result.matches,
        overview_bin(&strip).to_bin(),
        Some(m.bounds),
    );
    let dpr = web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .filter(|r| r.is_finite() && *r > 0.0)
        .unwrap_or(1.0);
    let (pw, ph) = (
        (strip.width_px * dpr).round() as u32,
        (f64::from(STRIP_H) * dpr).round() as u32,
    );
    el.set_width(pw);
    el.set_height(ph);
    let _ = el.set_attribute("style", &format!("height:{STRIP_H}px"));
    let Some(ctx) = el
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
    else {
        return;
    };
    ctx.set_fill_style_str(theme.bg);
    ctx.fill_rect(0.0, 0.0, f64::from(pw), f64::from(ph));
    let max = f64::from(counts.max_total().max(1));
    // Pixel rows run downwards: a count of 0 is the bottom row, `max` 2 px below the top.
    let top = (2.0 * dpr).round() as i32;
    let x = |day: f64| to_px(day, (strip.start, strip.end), (0, pw as i32));
    let y = |n: f64| to_px(n, (0.0, max), (ph as i32, top));
    for (i, row) in counts.counts.iter().enumerate() {
        let Some(span) = counts.bin_span(i) else {
            continue;
        };
        let (x0, x1) = (x(f64::from(span.start)), x(f64::from(span.end) + 1.0));
        let mut acc = 0.0;
        for (cat, &n) in row.iter().enumerate().filter(|(_, n)| **n > 0) {
            let next = acc + f64::from(n);
            let (y0, y1) = (y(next), y(acc));
            ctx.set_fill_style_str(m.colors.css(cat));
            ctx.fill_rect(
                f64::from(x0.min(x1)),
                f64::from(y0.min(y1)),
                f64::from(x0.abs_diff(x1)),
                f64::from(y0.abs_diff(y1)),
            );
            acc = next;
        }
    }
}

/// The pixel of `v` on an axis mapping `lo..hi` onto the pixels `a..b` (`b` may be below `a`,
/// as for rows counted upwards): the pixel edge at or just before the exact position, towards
/// `a`, with a thousandth of a pixel of tolerance. This is plotters' mapping
/// (`RangedCoordf64::map`), with which the strip was drawn before; a test holds them equal.
fn to_px(v: f64, (lo, hi): (f64, f64), (a, b): (i32, i32)) -> i32 {
    let len = b - a;
    if hi == lo || len == 0 {
        return if len == 0 { b } else { a + len / 2 };
    }
    let t = (v - lo) / (hi - lo);
    let at = f64::from(len) * t;
    // `as` saturates, so a position far off the canvas (or NaN, as 0) cannot overflow.
    a + if len > 0 {
        (at + 1e-3).floor() as i32
    } else {
        (at - 1e-3).ceil() as i32
    }
}

#[cfg(test)]
mod tests {
    use super::to_px;
    use plotters::coord::ranged1d::Ranged;
    use plotters::coord::types::RangedCoordf64;

    /// The pixels are plotters' (which drew the strip before), on both axes: columns left to
    /// right, rows counted upwards from the bottom with 2 px of air on top.
    #[test]
    fn pixels_as_plotters_maps_them() {
        type Case = (f64, (f64, f64), (i32, i32));
        let cases: [Case; 12] = [
            (0.0, (0.0, 10.0), (0, 800)),
            (10.0, (0.0, 10.0), (0, 800)),
            (3.3, (0.0, 10.0), (0, 800)),
            (-5.0, (0.0, 10.0), (0, 800)),
            (15.0, (0.0, 10.0), (0, 800)),
            (19_000.5, (-3_653.0, 20_454.0), (0, 1_437)),
            (0.0, (0.0, 7.0), (80, 4)),
            (7.0, (0.0, 7.0), (80, 4)),
            (3.0, (0.0, 7.0), (80, 4)),
            (1.0, (0.0, 3.0), (40, 2)),
            (2.0, (0.0, 3.0), (60, 3)),
            (0.1, (0.0, 1.0), (0, 10)),
        ];
        for (v, range, pixels) in cases {
            let plotters = RangedCoordf64::from(range.0..range.1).map(&v, pixels);
            assert_eq!(
                to_px(v, range, pixels),
                plotters,
                "{v} on {range:?} to {pixels:?}"
            );
        }
    }

    /// Degenerate axes give a pixel inside them rather than a division by zero.
    #[test]
    fn degenerate_axes() {
        assert_eq!(to_px(5.0, (1.0, 1.0), (0, 100)), 50);
        assert_eq!(to_px(5.0, (0.0, 10.0), (7, 7)), 7);
        assert_eq!(to_px(f64::NAN, (0.0, 10.0), (0, 100)), 0);
    }
}
