//! What the relationship charts share: [`ChartCanvas`], a `<canvas>` that fills its box at the
//! screen's pixel density and is drawn by plotters from an effect; the plot [`Frame`]; [`Axis`],
//! a plotters axis whose ticks Dyad chooses (time ticks from `dyad_core::timeline::ticks`, round
//! values from [`nice_ticks`]); the theme's colours, read from the page's CSS; and the readout
//! of the period under the pointer.
//!
//! Hover maps the pointer back to a day through the same `TimeScale` the x axis is built on
//! ([`Frame::scale`]), so no drawing state is kept for it; a click or a tap on a period shows its
//! figures as pointing does, and selects nothing. What plotters does not do here, and how it is
//! done instead: a canvas has no elements to point at, so the highlighted period and its figures
//! are HTML laid over the canvas; and plotters' dashed lines have one dash length and one gap,
//! so the compare chart's line patterns are dash/gap pairs (no dash-dot); and plotters measures
//! text with a `<span>` whose `style` attribute it writes, which the site's content policy
//! refuses, so [`PageCanvas`] measures it with the canvas's own `measureText`.

use std::ops::Range;
use std::sync::Arc;

use dyad_core::aggregate::{Bin, PairSeries};
use dyad_core::timeline::{fit_bins, ticks, TimeScale};
use dyad_core::{Day, DaySpan};
use leptos::html;
use leptos::prelude::*;
use leptos_use::{use_element_size, use_media_query, UseElementSizeReturn};
use plotters::coord::ranged1d::{KeyPointHint, NoDefaultFormatting, Ranged, ValueFormatter};
use plotters::coord::Shift;
use plotters::prelude::{
    ChartBuilder, DrawingArea, DrawingBackend, FontStyle, IntoDrawingArea, IntoFont, RGBColor,
    TextStyle,
};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind,
};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;

/// The font of chart labels, as the page's (`style/main.css`).
const FONT: &str = "system-ui, sans-serif";
/// Least room between two time-axis labels, CSS px.
const TICK_SPACING: f64 = 70.0;

/// The compare chart's line styles: colour-blind-safe colours (Okabe and Ito), each with a dash
/// pattern of its own (dash and gap, CSS px; solid if the dash is 0) so that lines differ by
/// more than hue.
pub(super) const LINES: [(&str, (f64, f64)); 6] = [
    ("#0072B2", (0.0, 0.0)),
    ("#D55E00", (8.0, 4.0)),
    ("#009E73", (2.0, 4.0)),
    ("#CC79A7", (14.0, 4.0)),
    ("#E69F00", (4.0, 4.0)),
    ("#56B4E9", (10.0, 2.0)),
];

/// A chart box's size, CSS px.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Size {
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
}

/// The colours of the page's theme that charts draw with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Theme {
    /// Text, the tone line.
    pub fg: RGBColor,
    /// Axis labels, the zero line.
    pub muted: RGBColor,
    /// Axes and grid lines.
    pub line: RGBColor,
    /// The page background (the inside of the tone dots).
    pub bg: RGBColor,
    /// Milestones.
    pub accent: RGBColor,
}

impl Theme {
    /// The light scheme's colours, used where the page's are missing.
    pub const LIGHT: Theme = Theme {
        fg: RGBColor(0x1b, 0x1f, 0x24),
        muted: RGBColor(0x57, 0x60, 0x6a),
        line: RGBColor(0xd0, 0xd7, 0xde),
        bg: RGBColor(0xff, 0xff, 0xff),
        accent: RGBColor(0x0a, 0x58, 0xca),
    };

    /// The colours `style/main.css` gives `el` now (its `--fg`, `--muted`, ... properties), so the
    /// charts follow the light or dark scheme as the page does.
    fn of(el: &web_sys::Element) -> Theme {
        let style = web_sys::window().and_then(|w| w.get_computed_style(el).ok().flatten());
        let var = |name: &str, fallback: RGBColor| {
            style
                .as_ref()
                .and_then(|s| s.get_property_value(name).ok())
                .and_then(|v| rgb(&v))
                .unwrap_or(fallback)
        };
        let l = Theme::LIGHT;
        Theme {
            fg: var("--fg", l.fg),
            muted: var("--muted", l.muted),
            line: var("--line", l.line),
            bg: var("--bg", l.bg),
            accent: var("--accent", l.accent),
        }
    }
}

/// `#rrggbb` (or `#rgb`) as a colour; `None` for anything else.
pub(super) fn rgb(s: &str) -> Option<RGBColor> {
    let h = s.trim().strip_prefix('#')?;
    let digit = |i: usize, len: usize| u8::from_str_radix(h.get(i..i + len)?, 16).ok();
    match h.len() {
        6 => Some(RGBColor(digit(0, 2)?, digit(2, 2)?, digit(4, 2)?)),
        3 => Some(RGBColor(
            digit(0, 1)? * 17,
            digit(1, 1)? * 17,
            digit(2, 1)? * 17,
        )),
        _ => None,
    }
}

/// Where and how a chart is drawn: its box, device pixels per CSS pixel, the theme's colours.
/// Plotters draws in device pixels, so that text and lines are sharp on HiDPI screens.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Surface {
    /// The box, CSS px.
    pub size: Size,
    /// Device pixels per CSS pixel.
    pub dpr: f64,
    /// The colours.
    pub theme: Theme,
}

impl Surface {
    /// `v` CSS px in device px.
    pub fn px(&self, v: f64) -> i32 {
        (v * self.dpr).round() as i32
    }

    /// A line width of `v` CSS px in device px, at least one.
    pub fn stroke(&self, v: f64) -> u32 {
        (v * self.dpr).round().max(1.0) as u32
    }

    /// The chart font at `size` CSS px in `color`.
    pub fn font(&self, size: f64, color: RGBColor) -> TextStyle<'static> {
        (FONT, size * self.dpr).into_font().color(&color)
    }

    /// The chart font in bold, for axis titles.
    pub fn bold(&self, size: f64, color: RGBColor) -> TextStyle<'static> {
        (FONT, size * self.dpr, FontStyle::Bold)
            .into_font()
            .color(&color)
    }
}

/// The plot area inside a chart's box, CSS px, with room for the axes around it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Frame {
    /// The box's width.
    pub width: f64,
    /// The box's height.
    pub height: f64,
    /// Left edge of the plot.
    pub left: f64,
    /// Right edge of the plot.
    pub right: f64,
    /// Top edge of the plot.
    pub top: f64,
    /// Bottom edge of the plot.
    pub bottom: f64,
    /// Whether a value axis is on the right.
    pub right_axis: bool,
}

impl Frame {
    /// The frame of a box of `size`, with room for a value axis on the left, and on the right if
    /// `right_axis`.
    pub fn new(size: Size, right_axis: bool) -> Self {
        let width = size.width.max(200.0);
        let height = size.height.max(120.0);
        Frame {
            width,
            height,
            left: 44.0,
            right: width - if right_axis { 48.0 } else { 14.0 },
            top: 22.0,
            bottom: height - 26.0,
            right_axis,
        }
    }

    /// The plot's width.
    pub fn plot_width(&self) -> f64 {
        self.right - self.left
    }

    /// The time scale over the plot from day `start` to day `end` (exclusive).
    pub fn scale(&self, start: Day, end: Day) -> TimeScale {
        TimeScale::new(f64::from(start), f64::from(end), self.plot_width())
    }

    /// The time scale over the plot showing every day of `window`.
    pub fn scale_over(&self, window: DaySpan) -> TimeScale {
        self.scale(window.start, window.end.saturating_add(1))
    }

    /// A chart builder whose plot area is this frame on `area`, which covers the box in device
    /// pixels.
    pub fn builder<'a, 'b, DB: DrawingBackend>(
        &self,
        area: &'a DrawingArea<DB, Shift>,
        s: &Surface,
    ) -> ChartBuilder<'a, 'b, DB> {
        let (w, h) = area.dim_in_pixel();
        let px = |v: f64| s.px(v).max(0) as u32;
        let right = w.saturating_sub(px(self.right));
        let mut b = ChartBuilder::on(area);
        b.margin_top(px(self.top))
            .y_label_area_size(px(self.left))
            .x_label_area_size(h.saturating_sub(px(self.bottom)));
        // A label area on the right gets the y labels too; without a right axis it is a margin.
        if self.right_axis {
            b.right_y_label_area_size(right);
        } else {
            b.margin_right(right);
        }
        b
    }
}

/// A linear plotters axis over `lo..hi` whose ticks and their labels are given: the core's time
/// ticks, or round values. Plotters draws exactly these ticks, labelled, with grid lines where
/// asked.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Axis {
    /// The value at the start.
    lo: f64,
    /// The value at the end.
    hi: f64,
    /// The ticks and their labels.
    ticks: Vec<(f64, String)>,
}

impl Axis {
    /// A time axis over `scale` (day numbers), ticked by `dyad_core::timeline::ticks`.
    pub fn time(scale: &TimeScale) -> Self {
        Axis {
            lo: scale.start,
            hi: scale.end,
            ticks: ticks(scale, TICK_SPACING)
                .into_iter()
                .map(|t| (f64::from(t.day), t.label))
                .collect(),
        }
    }

    /// A value axis from the first tick to the last, labelled by [`tick_label`].
    pub fn values(ticks: &[f64], signed: bool) -> Self {
        Axis {
            lo: ticks.first().copied().unwrap_or(0.0),
            hi: ticks.last().copied().unwrap_or(1.0),
            ticks: ticks.iter().map(|&v| (v, tick_label(v, signed))).collect(),
        }
    }

    /// The value at the end.
    pub fn hi(&self) -> f64 {
        self.hi
    }
}

impl Ranged for Axis {
    type FormatOption = NoDefaultFormatting;
    type ValueType = f64;

    fn map(&self, v: &f64, limit: (i32, i32)) -> i32 {
        let span = self.hi - self.lo;
        if span.is_nan() || span <= 0.0 || !v.is_finite() {
            return limit.0;
        }
        let px = f64::from(limit.0) + (v - self.lo) / span * f64::from(limit.1 - limit.0);
        px.round().clamp(-1e6, 1e6) as i32
    }

    fn key_points<H: KeyPointHint>(&self, hint: H) -> Vec<f64> {
        // Only for the labelled pass of the mesh: its light pass would draw a second grid.
        if hint.weight().allow_light_points() {
            return Vec::new();
        }
        self.ticks.iter().map(|t| t.0).collect()
    }

    fn range(&self) -> Range<f64> {
        self.lo..self.hi
    }
}

impl ValueFormatter<f64> for Axis {
    fn format_ext(&self, v: &f64) -> String {
        self.ticks
            .iter()
            .find(|t| t.0 == *v)
            .map(|t| t.1.clone())
            .unwrap_or_default()
    }
}

/// About `n` round values (steps of 1, 2 or 5 times a power of ten) covering `lo..=hi`, the
/// first at or below `lo` and the last at or above `hi`.
pub(super) fn nice_ticks(lo: f64, hi: f64, n: usize) -> Vec<f64> {
    let (lo, hi) = if lo.is_finite() && hi.is_finite() && hi > lo && (hi - lo).is_finite() {
        (lo, hi)
    } else {
        (0.0, 1.0)
    };
    let raw = (hi - lo) / n.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    let first = (lo / step).floor() as i64;
    let last = (hi / step).ceil() as i64;
    (first..=last).map(|i| i as f64 * step).collect()
}

/// A tick's label: round values as `{}` writes them but without float noise (0.1 × 3 is "0.3"),
/// a true minus sign, and a plus sign if `signed` ("+20", "0", "−40").
pub(super) fn tick_label(v: f64, signed: bool) -> String {
    let digits = format!("{:.6}", v.abs());
    let digits = digits.trim_end_matches('0').trim_end_matches('.');
    if digits == "0" || digits.is_empty() {
        "0".to_string()
    } else if v < 0.0 {
        format!("−{digits}")
    } else if signed {
        format!("+{digits}")
    } else {
        digits.to_string()
    }
}

/// A chart's time axis over the bins of `series` (from the first bin's first day to the last
/// bin's last day), fitted by `dyad_core::timeline::fit_bins` inside the `data`'s span: a
/// margin either side and at least half a year, so a filter's few events spread across the
/// chart and one event does not fill it. `None` without bins.
pub(super) fn series_window(series: &PairSeries, data: Option<DaySpan>) -> Option<DaySpan> {
    let start = *series.starts.first()?;
    let end = series.bin.next(*series.starts.last()?) - 1;
    let bins = DaySpan {
        start,
        end: end.max(start),
    };
    Some(fit_bins(bins, data.unwrap_or(bins)))
}

/// The bin holding `day` among bins of `bin` starting at `starts` (in order).
pub(super) fn bin_at(starts: &[Day], bin: Bin, day: f64) -> Option<usize> {
    let i = starts
        .partition_point(|&s| f64::from(s) <= day)
        .checked_sub(1)?;
    let start = *starts.get(i)?;
    (day < f64::from(bin.next(start))).then_some(i)
}

/// What a chart shows of the period under the pointer: the period highlighted (CSS px from the
/// box's top left corner) and its figures, one per line.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Readout {
    /// Left edge of the highlight.
    pub left: f64,
    /// Its width.
    pub width: f64,
    /// Its top edge (the plot's).
    pub top: f64,
    /// Its height (the plot's).
    pub height: f64,
    /// The figures, lines separated by `\n`.
    pub text: String,
}

impl Readout {
    /// The readout of the days `start..end` (exclusive) on `scale`, clipped to the frame.
    pub fn over(frame: &Frame, scale: &TimeScale, (start, end): (Day, Day), text: String) -> Self {
        let x0 = (frame.left + scale.x_of(f64::from(start))).max(frame.left);
        let x1 = (frame.left + scale.x_of(f64::from(end))).min(frame.right);
        Readout {
            left: x0,
            width: (x1 - x0).max(2.0),
            top: frame.top,
            height: frame.bottom - frame.top,
            text,
        }
    }
}

/// A chart that [`ChartCanvas`] shows: its figures, drawn, and what pointing at them reads.
pub(super) trait Chart: Send + Sync {
    /// Draws the chart on its canvas's drawing area (device pixels).
    fn draw(&self, area: &DrawingArea<PageCanvas, Shift>, s: &Surface);

    /// The figures of the period at `x` CSS px from the box's left edge, if any.
    fn readout(&self, x: f64, size: Size) -> Option<Readout>;
}

/// A chart drawn by plotters on a `<canvas>` that fills its box: sized to the box (measured as
/// it changes) times `devicePixelRatio`, drawn again when its figures, its size or the colour
/// scheme change. It is an image named by `label` for screen readers (a table of the same
/// figures goes beside it); pointing at it highlights the period there and shows its figures.
#[component]
pub(super) fn ChartCanvas(
    /// What the chart shows, in a sentence: its accessible name.
    #[prop(into)]
    label: Signal<String>,
    /// The chart.
    #[prop(into)]
    chart: Signal<Option<Arc<dyn Chart>>>,
) -> impl IntoView {
    let boxed: NodeRef<html::Div> = NodeRef::new();
    let canvas: NodeRef<html::Canvas> = NodeRef::new();
    let UseElementSizeReturn { width, height } = use_element_size(boxed);
    let dark = use_media_query("(prefers-color-scheme: dark)");
    let size = move || Size {
        width: width.get(),
        height: height.get(),
    };
    // Where the pointer is over the canvas, CSS px from its left edge: passing UI state.
    let pointer = RwSignal::new(None::<f64>);
    Effect::new(move |_| {
        // Colours come from the stylesheet, which changes with the scheme.
        dark.track();
        let (Some(el), Some(chart)) = (canvas.get(), chart.get()) else {
            return;
        };
        let size = size();
        if size.width >= 1.0 && size.height >= 1.0 {
            paint(&el, size, |area, s| chart.draw(area, s));
        }
    });
    let shown = move || chart.get()?.readout(pointer.get()?, size());
    let point = move |ev: leptos::ev::PointerEvent| pointer.set(Some(f64::from(ev.offset_x())));
    view! {
        <div class="chart-box" node_ref=boxed>
            <canvas
                node_ref=canvas
                role="img"
                aria-label=label
                on:pointermove=point
                on:pointerdown=point
                on:pointerleave=move |_| pointer.set(None)
            ></canvas>
            {move || {
                shown()
                    .map(|r| {
                        // Beside the highlight, on the side with more room.
                        let w = width.get_untracked();
                        // (Each through the CSSOM: the content policy refuses `style` attributes.)
                        let (tip_left, tip_right) = if r.left + r.width / 2.0 < w / 2.0 {
                            (Some(format!("{:.0}px", r.left + r.width + 6.0)), None)
                        } else {
                            (None, Some(format!("{:.0}px", (w - r.left + 6.0).max(0.0))))
                        };
                        view! {
                            <div
                                class="chart-band"
                                aria-hidden="true"
                                style:left=format!("{:.1}px", r.left)
                                style:width=format!("{:.1}px", r.width)
                                style:top=format!("{:.0}px", r.top)
                                style:height=format!("{:.0}px", r.height)
                            ></div>
                            <div
                                class="chart-tip"
                                aria-hidden="true"
                                style:left=tip_left
                                style:right=tip_right
                            >
                                {r.text}
                            </div>
                        }
                    })
            }}
        </div>
    }
}

/// Sizes `canvas` to `size` times the device pixel ratio (which clears it; else it is cleared)
/// and lets `draw` paint it through plotters.
fn paint(
    canvas: &web_sys::HtmlCanvasElement,
    size: Size,
    draw: impl FnOnce(&DrawingArea<PageCanvas, Shift>, &Surface),
) {
    let dpr = web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .filter(|r| r.is_finite() && *r > 0.0)
        .unwrap_or(1.0);
    let (w, h) = (
        (size.width * dpr).round() as u32,
        (size.height * dpr).round() as u32,
    );
    if canvas.width() != w || canvas.height() != h {
        canvas.set_width(w);
        canvas.set_height(h);
    } else if let Some(ctx) = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
    {
        ctx.clear_rect(0.0, 0.0, f64::from(w), f64::from(h));
    }
    let theme = Theme::of(canvas);
    let Some(backend) = PageCanvas::new(canvas) else {
        return;
    };
    let area = backend.into_drawing_area();
    draw(&area, &Surface { size, dpr, theme });
    let _ = area.present();
}

/// plotters-canvas's backend, except that text is measured by the canvas (`measureText`)
/// rather than by plotters' default, a `<span>` styled through its `style` attribute, which the
/// content policy refuses (and which would lay out the page once per label).
pub(crate) struct PageCanvas {
    inner: CanvasBackend,
    ctx: web_sys::CanvasRenderingContext2d,
}

impl PageCanvas {
    /// The backend over `canvas`, if it has a 2D context.
    pub(crate) fn new(canvas: &web_sys::HtmlCanvasElement) -> Option<Self> {
        let ctx = canvas
            .get_context("2d")
            .ok()
            .flatten()?
            .dyn_into::<web_sys::CanvasRenderingContext2d>()
            .ok()?;
        let inner = CanvasBackend::with_canvas_object(canvas.clone())?;
        Some(PageCanvas { inner, ctx })
    }
}

impl DrawingBackend for PageCanvas {
    type ErrorType = <CanvasBackend as DrawingBackend>::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.present()
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_path(path, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.fill_polygon(vert, style)
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_text(text, style, pos)
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        // The font as plotters-canvas sets it when it draws the text.
        self.ctx.set_font(&format!(
            "{} {}px {}",
            style.style().as_str(),
            style.size(),
            style.family().as_str()
        ));
        let size = style.size();
        Ok(match self.ctx.measure_text(text) {
            Ok(m) => {
                let height = m.font_bounding_box_ascent() + m.font_bounding_box_descent();
                (m.width().ceil() as u32, height.ceil() as u32)
            }
            // No measure (a context lost): about what a sans-serif font takes.
            Err(_) => (
                (text.chars().count() as f64 * size * 0.6).ceil() as u32,
                (size * 1.2).ceil() as u32,
            ),
        })
    }
}

/// A drawing backend for native tests that records what plotters asks of it.
#[cfg(test)]
pub(super) mod recorder {
    use plotters::prelude::*;
    use plotters_backend::{
        BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind,
    };

    /// What was drawn: filled rectangles with their colour, lines and paths with theirs, texts.
    #[derive(Debug, Default)]
    pub struct Recorder {
        /// The area's size, px.
        pub size: (u32, u32),
        /// Filled rectangles: corners and colour.
        pub rects: Vec<(BackendCoord, BackendCoord, (u8, u8, u8))>,
        /// Lines and paths: their points and colour.
        pub paths: Vec<(Vec<BackendCoord>, (u8, u8, u8))>,
        /// Texts and where they were drawn.
        pub texts: Vec<(String, BackendCoord)>,
    }

    impl Recorder {
        /// An empty record of an area of `w` × `h` px.
        pub fn new(w: u32, h: u32) -> Self {
            Recorder {
                size: (w, h),
                ..Recorder::default()
            }
        }

        /// Whether a path in `color` was drawn.
        pub fn has_path(&self, color: (u8, u8, u8)) -> bool {
            self.paths.iter().any(|p| p.1 == color)
        }
    }

    /// Plotters' error type needs one; recording never fails.
    #[derive(Debug)]
    pub struct Never;
    impl std::fmt::Display for Never {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("never")
        }
    }
    impl std::error::Error for Never {}

    impl DrawingBackend for &mut Recorder {
        type ErrorType = Never;
        fn get_size(&self) -> (u32, u32) {
            self.size
        }
        fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Never>> {
            Ok(())
        }
        fn present(&mut self) -> Result<(), DrawingErrorKind<Never>> {
            Ok(())
        }
        fn draw_pixel(
            &mut self,
            _: BackendCoord,
            _: BackendColor,
        ) -> Result<(), DrawingErrorKind<Never>> {
            Ok(())
        }
        fn draw_line<S: BackendStyle>(
            &mut self,
            from: BackendCoord,
            to: BackendCoord,
            style: &S,
        ) -> Result<(), DrawingErrorKind<Never>> {
            self.paths.push((vec![from, to], style.color().rgb));
            Ok(())
        }
        fn draw_rect<S: BackendStyle>(
            &mut self,
            a: BackendCoord,
            b: BackendCoord,
            style: &S,
            fill: bool,
        ) -> Result<(), DrawingErrorKind<Never>> {
            if fill {
                self.rects.push((a, b, style.color().rgb));
            }
            Ok(())
        }
        fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
            &mut self,
            path: I,
            style: &S,
        ) -> Result<(), DrawingErrorKind<Never>> {
            self.paths
                .push((path.into_iter().collect(), style.color().rgb));
            Ok(())
        }
        fn draw_text<S: BackendTextStyle>(
            &mut self,
            text: &str,
            _: &S,
            pos: BackendCoord,
        ) -> Result<(), DrawingErrorKind<Never>> {
            self.texts.push((text.to_string(), pos));
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_core::PartialDate;

    /// Ticks are round, evenly spaced, and cover the range.
    #[test]
    fn round_ticks() {
        let cases: [(f64, f64, usize, &[f64]); 9] = [
            (0.0, 7.0, 4, &[0.0, 2.0, 4.0, 6.0, 8.0]),
            (0.0, 1.0, 4, &[0.0, 0.5, 1.0]),
            (-37.0, 37.0, 4, &[-40.0, -20.0, 0.0, 20.0, 40.0]),
            (0.0, 130.0, 4, &[0.0, 50.0, 100.0, 150.0]),
            (f64::NAN, 3.0, 4, &[0.0, 0.5, 1.0]),
            (0.0, 4.0, 4, &[0.0, 1.0, 2.0, 3.0, 4.0]),
            (0.0, 40.0, 4, &[0.0, 10.0, 20.0, 30.0, 40.0]),
            (-1.0, 1.0, 4, &[-1.0, -0.5, 0.0, 0.5, 1.0]),
            (
                0.0,
                25_000.0,
                5,
                &[0.0, 5_000.0, 10_000.0, 15_000.0, 20_000.0, 25_000.0],
            ),
        ];
        for (lo, hi, n, want) in cases {
            assert_eq!(nice_ticks(lo, hi, n), want, "{lo}..{hi}");
        }
        // Extreme ranges end, with a few ticks.
        assert_eq!(nice_ticks(-f64::MAX, f64::MAX, 4), [0.0, 0.5, 1.0]);
        let tiny = nice_ticks(0.0, 1e-300, 4);
        assert!((2..=6).contains(&tiny.len()), "{tiny:?}");
        assert!(tiny.last().is_some_and(|&t| t >= 1e-300), "{tiny:?}");
    }

    /// Labels are as short as the value allows, with a true minus, signed when asked, zero
    /// unsigned, and without float noise.
    #[test]
    fn tick_labels() {
        let cases = [
            (0.0, true, "0"),
            (-0.0, true, "0"),
            (20.0, true, "+20"),
            (-40.0, true, "−40"),
            (0.5, true, "+0.5"),
            (0.1 * 3.0, false, "0.3"),
            (150.0, false, "150"),
            (-2.0, false, "−2"),
            (25_000.0, false, "25000"),
        ];
        for (v, signed, want) in cases {
            assert_eq!(tick_label(v, signed), want, "{v}");
        }
    }

    /// Both hex forms parse; anything else is refused.
    #[test]
    fn parses_hex() {
        let cases = [
            ("#332288", Some(RGBColor(0x33, 0x22, 0x88))),
            (" #E69F00 ", Some(RGBColor(0xe6, 0x9f, 0x00))),
            ("#fff", Some(RGBColor(255, 255, 255))),
            ("332288", None),
            ("#12345", None),
            ("#gggggg", None),
            ("rgb(1, 2, 3)", None),
        ];
        for (s, want) in cases {
            assert_eq!(rgb(s), want, "{s}");
        }
    }

    /// The day under the pointer falls in the bin that holds it; outside every bin there is none.
    #[test]
    fn bins_under_the_pointer() {
        let year = |y| PartialDate::year(y).unwrap().first_day();
        let starts = [year(2000), year(2001), year(2002)];
        let mid = f64::from(year(2001)) + 100.5;
        let cases = [
            (f64::from(year(2000)), Some(0)),
            (f64::from(year(2001)) - 0.01, Some(0)),
            (f64::from(year(2001)), Some(1)),
            (mid, Some(1)),
            (f64::from(year(2003)) - 0.5, Some(2)),
            (f64::from(year(2003)), None),
            (f64::from(year(2000)) - 1.0, None),
        ];
        for (day, want) in cases {
            assert_eq!(bin_at(&starts, Bin::Year, day), want, "{day}");
        }
        assert_eq!(bin_at(&[], Bin::Year, mid), None);
    }

    /// The frame leaves room for the axes; its scale maps the plot's edges to the days given,
    /// the way the chart's x axis maps them to pixels.
    #[test]
    fn frame_and_axis_agree() {
        let frame = Frame::new(
            Size {
                width: 640.0,
                height: 280.0,
            },
            true,
        );
        assert_eq!(
            (frame.left, frame.right, frame.top, frame.bottom),
            (44.0, 592.0, 22.0, 254.0)
        );
        let scale = frame.scale(1000, 2096);
        let axis = Axis::time(&scale);
        let limit = (44, 592);
        for day in [1000.0, 1500.0, 2096.0] {
            let by_scale = frame.left + scale.x_of(day);
            assert!(
                (f64::from(axis.map(&day, limit)) - by_scale).abs() <= 0.5,
                "{day}"
            );
        }
        // Its labels are the core's ticks.
        let want: Vec<String> = ticks(&scale, TICK_SPACING)
            .into_iter()
            .map(|t| t.label)
            .collect();
        let got: Vec<String> = axis
            .key_points(plotters::coord::ranged1d::BoldPoints(10))
            .iter()
            .map(|v| axis.format_ext(v))
            .collect();
        assert_eq!(got, want);
        assert!(!want.is_empty());
    }

    /// The highlight covers the period's days, clipped to the plot.
    #[test]
    fn readout_band() {
        let frame = Frame::new(
            Size {
                width: 314.0,
                height: 280.0,
            },
            false,
        );
        let scale = frame.scale(0, 256);
        let r = Readout::over(&frame, &scale, (64, 128), String::new());
        assert_eq!((r.left, r.width), (44.0 + 64.0, 64.0));
        let clipped = Readout::over(&frame, &scale, (-64, 16), String::new());
        assert_eq!((clipped.left, clipped.width), (44.0, 16.0));
    }
}
