//! The density strip above the timeline: the matching events per year, month or week over the
//! whole span of the data, stacked by category, with the current window marked. Dragging
//! across it (a brush) sets the window; dragging the marked window moves it; a click centres
//! the window there.
//!
//! The bars are drawn in device pixels: the canvas is sized to CSS size × devicePixelRatio and
//! no transform is applied, so each bar's edges fall on whole pixels.
//!
//! The bars go through plotters (a coordinate spec and rectangles) onto [`StripCanvas`], a
//! plotters backend of our own: plotters-canvas writes every colour as `rgba(r,g,b,a)` with a
//! float alpha through `format!`, which alone kept the standard library's float formatting in
//! the wasm (8.5 KB gzip measured); ours writes `#rrggbb`. The strip needs no axis (the timeline
//! under it has one), so plotters' chart builder is not used.

use dyad_core::aggregate::bin_counts;
use dyad_core::num::trimmed;
use dyad_core::timeline::{overview_bin, TimeScale};
use leptos::html;
use leptos::prelude::*;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::{Cartesian2d, Color, IntoDrawingArea, RGBColor, Rectangle};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, DrawingBackend, DrawingErrorKind,
};
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
    let Some(ctx) = super::paint::context_2d(&el) else {
        return;
    };
    ctx.set_fill_style_str(theme.bg);
    ctx.fill_rect(0.0, 0.0, f64::from(pw), f64::from(ph));
    let max = f64::from(counts.max_total().max(1));
    // Pixel rows run downwards, so the y range is given bottom first; 2 px of air on top.
    let top = (2.0 * dpr).round() as i32;
    let area = StripCanvas {
        ctx,
        size: (pw, ph),
    }
    .into_drawing_area()
    .apply_coord_spec(Cartesian2d::<RangedCoordf64, RangedCoordf64>::new(
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
            let (r, g, b) = m.colors.rgb(cat);
            let next = acc + f64::from(n);
            let _ = area.draw(&Rectangle::new(
                [(x0, acc), (x1, next)],
                RGBColor(r, g, b).filled(),
            ));
            acc = next;
        }
    }
}

/// Plotters' drawing backend for the strip: a 2D canvas in device pixels. Rectangles are
/// `fill_rect`s (all the strip draws); lines and outlines are the canvas's too.
/// Colours are written `#rrggbb` with integer formatting, never through a float.
struct StripCanvas {
    ctx: web_sys::CanvasRenderingContext2d,
    size: (u32, u32),
}

impl StripCanvas {
    /// Sets the fill (or stroke) colour; `false` if it is fully transparent (nothing to draw).
    fn paint_with(&self, c: BackendColor, fill: bool) -> bool {
        if c.alpha <= 0.0 {
            return false;
        }
        let (r, g, b) = c.rgb;
        let css = format!("#{r:02x}{g:02x}{b:02x}");
        if fill {
            self.ctx.set_fill_style_str(&css);
        } else {
            self.ctx.set_stroke_style_str(&css);
        }
        self.ctx.set_global_alpha(c.alpha.min(1.0));
        true
    }
}

impl DrawingBackend for StripCanvas {
    type ErrorType = std::convert::Infallible;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        Ok(())
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        Ok(())
    }

    fn draw_pixel(
        &mut self,
        at: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        if self.paint_with(color, true) {
            self.ctx
                .fill_rect(f64::from(at.0), f64::from(at.1), 1.0, 1.0);
        }
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let (x, y) = (f64::from(upper_left.0), f64::from(upper_left.1));
        let (w, h) = (
            f64::from(bottom_right.0 - upper_left.0),
            f64::from(bottom_right.1 - upper_left.1),
        );
        if !fill {
            // Outlines (the strip draws none) by the canvas, not plotters' pixel rasteriser.
            if self.paint_with(style.color(), false) {
                self.ctx.stroke_rect(x, y, w, h);
            }
            return Ok(());
        }
        if self.paint_with(style.color(), true) {
            self.ctx.fill_rect(x, y, w, h);
        }
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        // By the canvas, not plotters' pixel rasteriser (the strip draws no line).
        if self.paint_with(style.color(), false) {
            self.ctx.begin_path();
            self.ctx.move_to(f64::from(from.0), f64::from(from.1));
            self.ctx.line_to(f64::from(to.0), f64::from(to.1));
            self.ctx.stroke();
        }
        Ok(())
    }
}
