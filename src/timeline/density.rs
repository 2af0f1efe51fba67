//! The density strip above the timeline: the matching events per year, month or week over the
//! whole span of the data, stacked by category, with the current window marked. Dragging
//! across it (a brush) sets the window; dragging an edge of the mark (its handle) moves that
//! edge; with a mouse, dragging inside the mark moves it; a click centres the window there.
//!
//! By finger: the strip takes every touch itself (`touch-action: none`), so a drag that wanders
//! up or down is never taken over by the page's scrolling (which would cancel the brush); a drag
//! that starts anywhere but on a handle draws a new window, since a finger cannot aim at the
//! inside of a narrow mark; handles are wider for a finger (`HANDLE_TOUCH_PX`), and a finger
//! must move further before a press counts as a drag.
//!
//! The bars are drawn in device pixels: the canvas is sized to CSS size × devicePixelRatio and
//! no transform is applied, so each bar's edges fall on whole pixels.
//!
//! The bars go through plotters (a coordinate spec and rectangles) onto [`StripPixels`], a
//! plotters backend of our own that writes into a pixel buffer, put on the canvas in one
//! `putImageData`, rather than onto plotters-canvas, because the strip is redrawn on every
//! filter change, inside its 50 ms budget. Measured at 100k events (synthetic, 1280 px wide,
//! 840 rectangles; the same build otherwise, runs interleaved): a redraw takes 1.2 ms median
//! into the pixel buffer and 3.3 ms through plotters-canvas, which makes one `fillStyle` (a
//! colour formatted as text) and one `fillRect` call into the browser per rectangle. The strip
//! needs no axis (the timeline under it has one), so plotters' chart builder is not used.
//!
//! The window's mark is a `<div>` over the strip, moved by each frame of the plot (not by the
//! reactive scale, which changes on input, a frame ahead of the canvas): the mark and the
//! canvas move together, and a zoom or pan input costs one rendered frame, not two.

use dyad_core::aggregate::bin_counts;
use dyad_core::timeline::{overview_bin, TimeScale};
use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use leptos_use::use_event_listener;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::{Cartesian2d, Color, IntoDrawingArea, RGBColor, Rectangle};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, DrawingBackend, DrawingErrorKind,
};

use super::palette::{hex_rgb, Theme};
use super::viewport::{Model, Viewport, Write};

/// The strip's height, CSS px.
const STRIP_H: u32 = 40;
/// A press that moves less than this is a click, px (a mouse; a finger: [`CLICK_TOUCH_PX`]).
const CLICK_PX: f64 = 3.0;
/// A touch that moves less than this is a tap, px: a finger shakes more than a mouse.
const CLICK_TOUCH_PX: f64 = 8.0;
/// How near an edge of the mark a mouse press grabs that edge, px.
const HANDLE_PX: f64 = 5.0;
/// How near an edge of the mark a finger grabs that edge, px (the handles' width in
/// style/main.css under `pointer: coarse`).
const HANDLE_TOUCH_PX: f64 = 16.0;

/// What a press on the strip is doing.
#[derive(Debug, Clone, Copy)]
enum Brush {
    /// Drawing a new window from `anchor` (a day on the axis).
    New { anchor: f64 },
    /// Moving the window, grabbed `offset` days from its start; it keeps `len` days.
    Move { offset: f64, len: f64 },
    /// Moving one edge of the window (a handle); the other edge, `fixed`, stays.
    Edge { fixed: f64 },
}

/// What a press at strip pixel `x` does, for a window drawn from `a` to `b` px on the strip
/// (`movable`: it covers less than most of the strip), by a finger (`touch`) or a mouse:
/// near an edge it grabs that edge (the nearer one, when the mark is narrow); with a mouse,
/// inside the mark it moves it; anywhere else it draws a new window. Pixels, so the rule is
/// the same at any zoom; returns which, as the [`Grab`] the handler turns into a [`Brush`].
fn grab_at(x: f64, a: f64, b: f64, movable: bool, touch: bool) -> Grab {
    let reach = if touch { HANDLE_TOUCH_PX } else { HANDLE_PX };
    if movable {
        let (da, db) = ((x - a).abs(), (x - b).abs());
        if da.min(db) <= reach {
            return if da < db { Grab::Start } else { Grab::End };
        }
        if !touch && x >= a && x <= b {
            return Grab::Inside;
        }
    }
    Grab::Outside
}

/// Where a press landed, relative to the window's mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Grab {
    /// On the start handle.
    Start,
    /// On the end handle.
    End,
    /// Inside the mark (a mouse only).
    Inside,
    /// Elsewhere: a new window.
    Outside,
}

/// The strip, with the window overlay and the brush.
#[component]
pub fn DensityStrip(
    /// The timeline's shared state.
    vp: Viewport,
) -> impl IntoView {
    let canvas = vp.strip;
    let strip = move || strip_scale_untracked(vp);
    // The brush, where it started (px), whether it has moved, and how far a move must go.
    let press: StoredValue<Option<(Brush, f64, bool, f64)>> = StoredValue::new(None);
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
        let touch = ev.pointer_type() != "mouse";
        // A window that covers (nearly) everything has nothing to move: a drag draws a new one.
        let movable = now.days() < 0.9 * s.days();
        let brush = match grab_at(x, s.x_of(now.start), s.x_of(now.end), movable, touch) {
            Grab::Start => Brush::Edge { fixed: now.end },
            Grab::End => Brush::Edge { fixed: now.start },
            Grab::Inside => Brush::Move {
                offset: day - now.start,
                len: now.days(),
            },
            Grab::Outside => Brush::New { anchor: day },
        };
        let slop = if touch { CLICK_TOUCH_PX } else { CLICK_PX };
        press.set_value(Some((brush, x, false, slop)));
    };
    let on_move = move |ev: web_sys::PointerEvent| {
        let Some((brush, x0, moved, slop)) = press.get_value() else {
            return;
        };
        let Some((x, s)) = local_x(&ev) else {
            return;
        };
        let moved = moved || (x - x0).abs() > slop;
        press.set_value(Some((brush, x0, moved, slop)));
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
            Brush::Edge { fixed } => {
                w.start = fixed.min(day);
                w.end = fixed.max(day);
            }
        });
    };
    let on_up = move |ev: web_sys::PointerEvent| {
        let Some((_, _, moved, _)) = press.get_value() else {
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
    let _ = use_event_listener(holder, ev::pointerdown, on_down);
    let _ = use_event_listener(holder, ev::pointermove, on_move);
    let _ = use_event_listener(holder, ev::pointerup, on_up);
    let _ = use_event_listener(holder, ev::pointercancel, on_up);
    view! {
        <div class="density-strip" node_ref=holder>
            <canvas
                node_ref=canvas
                role="img"
                aria-label="Events over the whole data, stacked by category; the marked part is the window shown below. Drag across it to choose another window."
            ></canvas>
            <div class="window-mark" node_ref=vp.mark aria-hidden="true">
                <span class="handle start"></span>
                <span class="handle end"></span>
            </div>
        </div>
    }
}

/// Moves the window's mark to where `now` lies on the strip. Called by each frame of the plot,
/// so that the mark and the canvas move in the same animation frame.
pub fn draw_mark(vp: Viewport, now: &TimeScale) {
    let (Some(el), Some(s)) = (vp.mark.get_untracked(), strip_scale_untracked(vp)) else {
        return;
    };
    let a = s.x_of(now.start).clamp(0.0, s.width_px);
    let b = s.x_of(now.end).clamp(0.0, s.width_px);
    // Through the CSSOM: the content policy refuses a `style` attribute written by script.
    let style = web_sys::HtmlElement::style(&el);
    let _ = style.set_property("left", &format!("{a:.2}px"));
    let _ = style.set_property("width", &format!("{:.2}px", (b - a).max(2.0)));
}

/// The strip's scale: the whole data across the canvas's width; `None` before the data or
/// before the strip is laid out.
fn strip_scale_untracked(vp: Viewport) -> Option<TimeScale> {
    let w = vp.strip_width.get_untracked();
    let b = vp.model.with_untracked(|m| m.as_ref().map(|m| m.bounds))?;
    (w >= 1.0).then(|| TimeScale::from_window(b, w))
}

/// Draws the stacked bars of the model's matches across the strip, in device pixels.
pub fn draw_bars(vp: Viewport, m: &Model, theme: &Theme) {
    let (Some(el), Some(strip)) = (vp.strip.get_untracked(), strip_scale_untracked(vp)) else {
        return;
    };
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
    let _ = web_sys::HtmlElement::style(&el).set_property("height", &format!("{STRIP_H}px"));
    let Some(ctx) = super::paint::context_2d(&el) else {
        return;
    };
    if pw == 0 || ph == 0 {
        return;
    }
    let max = f64::from(counts.max_total().max(1));
    // Each category's colour parsed once, not once per bar.
    let rgb: Vec<(u8, u8, u8)> = (0..m.colors.css.len()).map(|c| m.colors.rgb(c)).collect();
    let mut rgba = background((pw, ph), hex_rgb(theme.bg).unwrap_or((255, 255, 255)));
    // Pixel rows run downwards, so the y range is given bottom first; 2 px of air on top.
    let top = (2.0 * dpr).round() as i32;
    let area = StripPixels {
        rgba: &mut rgba,
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
            let (r, g, b) = rgb.get(cat).copied().unwrap_or((128, 128, 128));
            let next = acc + f64::from(n);
            let _ = area.draw(&Rectangle::new(
                [(x0, acc), (x1, next)],
                RGBColor(r, g, b).filled(),
            ));
            acc = next;
        }
    }
    drop(area);
    // One call into the canvas for the whole strip.
    if let Ok(img) =
        web_sys::ImageData::new_with_u8_clamped_array_and_sh(wasm_bindgen::Clamped(&rgba), pw, ph)
    {
        let _ = ctx.put_image_data(&img, 0.0, 0.0);
    }
}

/// Plotters' drawing backend for the strip: an RGBA pixel buffer the size of the canvas,
/// written to it in one `putImageData` (see the module header for why).
struct StripPixels<'a> {
    /// `size.0 × size.1` pixels, row by row, 4 bytes each.
    rgba: &'a mut [u8],
    size: (u32, u32),
}

/// An RGBA buffer of `size` device pixels filled with `bg`.
fn background(size: (u32, u32), bg: (u8, u8, u8)) -> Vec<u8> {
    let n = size.0 as usize * size.1 as usize;
    let mut rgba = Vec::with_capacity(n * 4);
    for _ in 0..n {
        rgba.extend_from_slice(&[bg.0, bg.1, bg.2, 255]);
    }
    rgba
}

impl StripPixels<'_> {
    /// Blends `c` over the pixels of columns `x0..x1` in rows `y0..y1`, clipped to the buffer.
    fn fill(&mut self, (x0, y0): BackendCoord, (x1, y1): BackendCoord, c: BackendColor) {
        if c.alpha <= 0.0 {
            return;
        }
        let (w, h) = (self.size.0 as i32, self.size.1 as i32);
        let (x0, x1) = (x0.clamp(0, w), x1.clamp(0, w));
        let (y0, y1) = (y0.clamp(0, h), y1.clamp(0, h));
        if x0 >= x1 || y0 >= y1 {
            return;
        }
        // Alpha in 256ths, by integer arithmetic (no float formatting or libm).
        let a = if c.alpha >= 1.0 {
            256
        } else {
            (c.alpha * 256.0) as u32
        };
        let (r, g, b) = c.rgb;
        for y in y0..y1 {
            let row = (y * w) as usize * 4;
            let Some(px) = self
                .rgba
                .get_mut(row + x0 as usize * 4..row + x1 as usize * 4)
            else {
                continue;
            };
            for p in px.chunks_exact_mut(4) {
                if a == 256 {
                    p[..3].copy_from_slice(&[r, g, b]);
                } else {
                    for (dst, src) in p.iter_mut().zip([r, g, b]) {
                        *dst = ((u32::from(src) * a + u32::from(*dst) * (256 - a)) >> 8) as u8;
                    }
                }
            }
        }
    }
}

impl DrawingBackend for StripPixels<'_> {
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
        self.fill(at, (at.0 + 1, at.1 + 1), color);
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let ((x0, y0), (x1, y1)) = (upper_left, bottom_right);
        let c = style.color();
        if fill {
            self.fill((x0, y0), (x1, y1), c);
        } else {
            // An outline (the strip draws none): its four one-pixel edges.
            self.fill((x0, y0), (x1, y0 + 1), c);
            self.fill((x0, y1 - 1), (x1, y1), c);
            self.fill((x0, y0), (x0 + 1, y1), c);
            self.fill((x1 - 1, y0), (x1, y1), c);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::{background, grab_at, Grab, StripPixels};
    use plotters::coord::types::RangedCoordf64;
    use plotters::prelude::{Cartesian2d, Color, IntoDrawingArea, RGBColor, Rectangle};
    use plotters_backend::{BackendColor, DrawingBackend};

    const BG: (u8, u8, u8) = (255, 255, 255);
    const RED: BackendColor = BackendColor {
        alpha: 1.0,
        rgb: (200, 0, 0),
    };
    const HALF_BLUE: BackendColor = BackendColor {
        alpha: 0.5,
        rgb: (0, 0, 255),
    };
    const CLEAR: BackendColor = BackendColor {
        alpha: 0.0,
        rgb: (0, 0, 0),
    };

    /// A press grabs the nearer handle within reach (wider for a finger), moves the mark from
    /// inside with a mouse only, and draws a new window anywhere else or when the mark covers
    /// the strip.
    #[test]
    fn presses_grab_handles_the_mark_or_a_new_window() {
        // (x, mark from a to b, movable, touch, want)
        let cases = [
            (100.0, (100.0, 200.0), true, false, Grab::Start),
            (104.0, (100.0, 200.0), true, false, Grab::Start),
            (107.0, (100.0, 200.0), true, false, Grab::Inside),
            (107.0, (100.0, 200.0), true, true, Grab::Start),
            (150.0, (100.0, 200.0), true, false, Grab::Inside),
            (150.0, (100.0, 200.0), true, true, Grab::Outside),
            (214.0, (100.0, 200.0), true, true, Grab::End),
            (217.0, (100.0, 200.0), true, true, Grab::Outside),
            (50.0, (100.0, 200.0), true, false, Grab::Outside),
            // A narrow mark: the nearer edge.
            (101.0, (100.0, 104.0), true, true, Grab::Start),
            (103.0, (100.0, 104.0), true, true, Grab::End),
            // The mark covers the strip: nothing to grab.
            (0.0, (0.0, 330.0), false, true, Grab::Outside),
            (150.0, (0.0, 330.0), false, false, Grab::Outside),
        ];
        for (x, (a, b), movable, touch, want) in cases {
            assert_eq!(
                grab_at(x, a, b, movable, touch),
                want,
                "{x} on {a}..{b} touch {touch}"
            );
        }
    }

    /// The pixel at (x, y) of a `w`-wide buffer.
    fn at(rgba: &[u8], w: u32, x: u32, y: u32) -> [u8; 4] {
        let i = ((y * w + x) * 4) as usize;
        [rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]]
    }

    /// Filled and outlined rectangles land on exactly their pixels, clipped to the buffer, and
    /// a translucent colour is blended over what is there.
    #[test]
    fn rectangles_fill_their_pixels() {
        // What is drawn, and pixels to check with the colour each must have.
        type Draw = fn(&mut StripPixels);
        type Want = Vec<((u32, u32), [u8; 4])>;
        let cases: Vec<(&str, Draw, Want)> = vec![
            (
                "a filled rectangle covers [x0, x1) × [y0, y1)",
                |p| {
                    p.fill((1, 1), (3, 2), RED);
                },
                vec![
                    ((1, 1), [200, 0, 0, 255]),
                    ((2, 1), [200, 0, 0, 255]),
                    ((3, 1), [255, 255, 255, 255]),
                    ((1, 2), [255, 255, 255, 255]),
                    ((0, 0), [255, 255, 255, 255]),
                ],
            ),
            (
                "out of bounds is clipped, not a panic",
                |p| {
                    p.fill((-5, -5), (1, 1), RED);
                    p.fill((3, 3), (99, 99), RED);
                    p.fill((50, 50), (60, 60), RED);
                },
                vec![
                    ((0, 0), [200, 0, 0, 255]),
                    ((1, 1), [255, 255, 255, 255]),
                    ((3, 3), [200, 0, 0, 255]),
                ],
            ),
            (
                "half alpha blends over the background",
                |p| {
                    p.fill((0, 0), (1, 1), HALF_BLUE);
                },
                vec![((0, 0), [127, 127, 255, 255])],
            ),
            (
                "a fully transparent colour draws nothing",
                |p| {
                    p.fill((0, 0), (4, 4), CLEAR);
                },
                vec![((2, 2), [255, 255, 255, 255])],
            ),
            (
                "an outline draws the edges only",
                |p| {
                    let style = RGBColor(200, 0, 0);
                    let _ = p.draw_rect((0, 0), (4, 4), &style, false);
                },
                vec![
                    ((0, 0), [200, 0, 0, 255]),
                    ((3, 3), [200, 0, 0, 255]),
                    ((0, 2), [200, 0, 0, 255]),
                    ((1, 1), [255, 255, 255, 255]),
                    ((2, 2), [255, 255, 255, 255]),
                ],
            ),
        ];
        for (name, draw, want) in cases {
            let mut rgba = background((4, 4), BG);
            draw(&mut StripPixels {
                rgba: &mut rgba,
                size: (4, 4),
            });
            for ((x, y), colour) in want {
                assert_eq!(at(&rgba, 4, x, y), colour, "{name}: pixel ({x}, {y})");
            }
        }
    }

    /// Through plotters, as the strip draws: a stacked bar in data coordinates lands in the
    /// pixels the coordinate spec maps it to, bottom up.
    #[test]
    fn plotters_bars_land_where_mapped() {
        let (w, h) = (10u32, 10u32);
        let mut rgba = background((w, h), BG);
        {
            let area = StripPixels {
                rgba: &mut rgba,
                size: (w, h),
            }
            .into_drawing_area()
            .apply_coord_spec(Cartesian2d::<RangedCoordf64, RangedCoordf64>::new(
                0.0..10.0,
                0.0..10.0,
                (0..w as i32, h as i32..0),
            ));
            // Days 2..4, counts 0..5 in red, then 5..10 in green on top.
            let _ = area.draw(&Rectangle::new(
                [(2.0, 0.0), (4.0, 5.0)],
                RGBColor(200, 0, 0).filled(),
            ));
            let _ = area.draw(&Rectangle::new(
                [(2.0, 5.0), (4.0, 10.0)],
                RGBColor(0, 150, 0).filled(),
            ));
        }
        assert_eq!(at(&rgba, w, 2, 9), [200, 0, 0, 255], "bottom of the bar");
        assert_eq!(at(&rgba, w, 3, 6), [200, 0, 0, 255]);
        assert_eq!(at(&rgba, w, 3, 2), [0, 150, 0, 255], "top of the stack");
        assert_eq!(at(&rgba, w, 1, 9), [255, 255, 255, 255], "left of the bar");
        assert_eq!(at(&rgba, w, 5, 9), [255, 255, 255, 255], "right of the bar");
    }
}
