//! Drawing one frame of the timeline with the canvas 2D API: lanes, grid and axis from the
//! core's ticks, milestones, then every cluster the core's layout produced.
//!
//! The marks are drawn here directly rather than with a charting library (the density strip,
//! `density.rs`, is drawn with plotters, on a backend of our own): they are the hot
//! path at 100k events (a few thousand shapes each frame, state changes kept to a minimum) and
//! the axis labels are the core's adaptive ticks, which plotters' own axes cannot produce.

use std::f64::consts::PI;

use dyad_core::text::visible;
use dyad_core::timeline::{
    count_label, cull_range, layout_clusters, mark_of, short_label, ticks, Cluster, LaneLayout,
    LanePlan, TimeScale, AXIS_H, MAX_LABEL_CHARS, NARROW_CHART_PX,
};
use dyad_core::Dataset;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::CanvasRenderingContext2d as Ctx;

use super::palette::{CategoryColors, Theme};

/// The canvas's 2D context, or `None` if the browser will not give one (the caller then draws
/// nothing rather than failing).
pub fn context_2d(el: &web_sys::HtmlCanvasElement) -> Option<Ctx> {
    el.get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<Ctx>().ok())
}

pub use dyad_core::timeline::{chart_height as height, lane_height, LANE_H, LANE_TOP};
/// Marks closer than this merge into a cluster, px: about a badge's width, so that badges do
/// not overlap and a frame never holds more than a few hundred per lane.
pub const CLUSTER_GAP: f64 = 14.0;
/// How far from a mark a click or hover still hits it, px.
pub const HIT_TOLERANCE: f64 = 6.0;
/// The radius of a point, px.
const POINT_R: f64 = 4.5;
/// Half the height of a band, px.
const BAND_HALF: f64 = 5.0;
/// Half the height of a cluster's badge, px.
const GROUP_R: f64 = 8.0;
/// Average width of a character of the 11 px label font, px; canvases cannot measure text
/// without another web-sys feature, and an estimate is enough to keep labels apart.
const CHAR_PX: f64 = 6.2;
/// The width of the lane-label gutter left of the plot, px, for a canvas `css_width` wide:
/// narrower on phones.
pub fn gutter(css_width: f64) -> f64 {
    if css_width < NARROW_CHART_PX {
        72.0
    } else {
        128.0
    }
}

/// The label font.
const FONT: &str = "11px system-ui, -apple-system, \"Segoe UI\", Roboto, sans-serif";
/// The count font in clusters.
const COUNT_FONT: &str = "bold 10px system-ui, -apple-system, \"Segoe UI\", Roboto, sans-serif";

/// The lane layout for `lanes` lanes `lane_h` px high.
pub fn lane_layout(lanes: usize, lane_h: f64) -> LaneLayout {
    LaneLayout {
        top: LANE_TOP,
        lane_height: lane_h,
        count: lanes as u32,
    }
}

/// The buffers of the last frame, kept between frames so nothing is allocated once they have
/// grown, and read by hit testing so a click finds exactly what was drawn.
#[derive(Debug, Default)]
pub struct Frame {
    /// Clusters per lane.
    pub clusters: Vec<Vec<Cluster>>,
    /// The lanes as drawn.
    pub layout: Option<LaneLayout>,
}

/// Everything a frame shows.
pub struct Scene<'a> {
    /// The dataset.
    pub ds: &'a Dataset,
    /// The filter's matches, date order.
    pub matches: &'a [usize],
    /// The lanes.
    pub plan: &'a LanePlan,
    /// Milestones among the matches.
    pub milestones: &'a [usize],
    /// Category colours.
    pub colors: &'a CategoryColors,
    /// The colour scheme.
    pub theme: Theme,
    /// The window and the plot's width.
    pub scale: TimeScale,
    /// The lane-label gutter's width, left of the plot.
    pub left: f64,
    /// The selected event.
    pub selected: Option<usize>,
    /// The list's keyboard cursor.
    pub cursor: Option<usize>,
    /// The cluster under the pointer.
    pub hover: Option<Cluster>,
}

impl Scene<'_> {
    /// The part of `events` (positions in `ds.events`, date order) that can reach the window:
    /// a binary search by start date, widened by the longest event's span.
    fn in_window<'s>(&self, events: &'s [usize]) -> &'s [usize] {
        let ds = self.ds;
        let start_of = |&i: &usize| ds.start_of(i).unwrap_or(i32::MIN);
        let range = cull_range(
            events,
            start_of,
            ds.max_span_days,
            self.scale.visible_days(),
        );
        events.get(range).unwrap_or(&[])
    }
}

impl Frame {
    /// Lays out and clusters the visible matches: culled by binary search, then one mark per
    /// event per lane it belongs to, each joining its lane's clusters as it is made (the core's
    /// [`layout_clusters`], which keeps no marks).
    pub fn layout(&mut self, s: &Scene) {
        let n = s.plan.len();
        self.clusters.resize_with(n, Vec::new);
        let visible = s.in_window(s.matches);
        layout_clusters(
            &s.scale,
            s.ds,
            s.plan,
            visible,
            CLUSTER_GAP,
            &mut self.clusters,
        );
        self.layout = Some(lane_layout(n, lane_height(s.left + s.scale.width_px)));
    }

    /// The clusters (with their lanes) holding event `ev` as `s` lays it out: the mark itself
    /// if drawn alone, or the group it merged into. Its mark is made again here, for one event,
    /// rather than kept for every event of every frame.
    fn holding<'f>(&'f self, s: &Scene, ev: usize) -> impl Iterator<Item = &'f Cluster> + 'f {
        let ds = s.ds;
        let (span, category) = (ds.span_of(ev), ds.category_of(ev));
        let mut lanes = Vec::new();
        if let Some(category) = category {
            s.plan
                .each_lane(category, ds.actors_of(ev), |l| lanes.push(l));
        }
        let scale = s.scale;
        lanes.into_iter().filter_map(move |lane| {
            let m = mark_of(&scale, ev, span?, lane)?;
            self.clusters.get(lane as usize)?.iter().find(|c| {
                if c.is_single() {
                    c.first == ev
                } else {
                    !(m.band && m.x1 - m.x0 >= CLUSTER_GAP) && c.x0 <= m.x0 && m.x1 <= c.x1
                }
            })
        })
    }
}

/// Draws `frame` (already laid out) for `s` on `ctx`, whose transform maps CSS px: lane labels
/// in the gutter, then the plot shifted right by the gutter's width.
pub fn paint(ctx: &Ctx, s: &Scene, frame: &Frame) {
    let t = s.theme;
    let w = s.scale.width_px;
    let layout = frame.layout.unwrap_or_else(|| lane_layout(0, LANE_H));
    let bottom = layout.top + f64::from(layout.count.max(1)) * layout.lane_height;
    let h = bottom + AXIS_H;

    let left = s.left;
    ctx.set_fill_style_str(t.bg);
    ctx.fill_rect(0.0, 0.0, left + w, h);

    // Lanes: every other one shaded, gutter included.
    ctx.set_fill_style_str(t.stripe);
    for lane in (1..layout.count).step_by(2) {
        ctx.fill_rect(0.0, layout.y_top(lane), left + w, layout.lane_height);
    }
    // Lane labels in the gutter, cut to fit.
    ctx.set_font(FONT);
    ctx.set_text_align("right");
    ctx.set_text_baseline("middle");
    ctx.set_fill_style_str(t.muted);
    let fits = ((left - 10.0) / CHAR_PX).floor().max(3.0) as usize;
    for lane in 0..layout.count {
        let label = visible(s.plan.label(s.ds, lane));
        let text = if label.chars().count() > fits {
            let cut: String = label.chars().take(fits - 1).collect();
            format!("{}…", cut.trim_end())
        } else {
            label.to_string()
        };
        // The width is only estimated above; the canvas squeezes what still overflows.
        let _ = ctx.fill_text_with_max_width(&text, left - 6.0, layout.y_center(lane), left - 10.0);
    }
    // Everything else is drawn in plot coordinates.
    let _ = ctx.translate(left, 0.0);

    // Grid and axis labels from the core's ticks.
    let min_label_px = MAX_LABEL_CHARS as f64 * CHAR_PX + 14.0;
    let ticks = ticks(&s.scale, min_label_px);
    ctx.set_line_width(1.0);
    for major in [false, true] {
        ctx.set_stroke_style_str(if major { t.muted } else { t.line });
        ctx.begin_path();
        for tick in ticks.iter().filter(|tk| tk.major == major) {
            let x = tick.x.round() + 0.5;
            ctx.move_to(x, layout.top);
            ctx.line_to(x, bottom + 4.0);
        }
        ctx.stroke();
    }
    ctx.set_stroke_style_str(t.line);
    ctx.begin_path();
    ctx.move_to(0.0, bottom + 0.5);
    ctx.line_to(w, bottom + 0.5);
    ctx.stroke();
    ctx.set_text_baseline("alphabetic");
    ctx.set_text_align("left");
    ctx.set_fill_style_str(t.muted);
    let mut prev_end = f64::NEG_INFINITY;
    for tick in &ticks {
        // Measured: the estimate (`CHAR_PX`) is narrow for digits in some fonts, which clipped
        // the last year on phones.
        let width = ctx
            .measure_text(&tick.label)
            .map(|m| m.width())
            .unwrap_or(tick.label.chars().count() as f64 * CHAR_PX);
        if let Some(x) = axis_label_x(tick.x, width, w, prev_end) {
            let _ = ctx.fill_text(&tick.label, x, bottom + 16.0);
            prev_end = x + width;
        }
    }

    ctx.save();
    ctx.begin_path();
    ctx.rect(-1.0, 0.0, w + 2.0, h);
    ctx.clip();
    paint_milestones(ctx, s, bottom);

    if s.matches.is_empty() {
        ctx.set_fill_style_str(t.muted);
        ctx.set_text_align("center");
        let _ = ctx.fill_text(
            crate::events::NO_MATCHES,
            w / 2.0,
            layout.top + layout.lane_height / 2.0 + 4.0,
        );
        ctx.restore();
        return;
    }

    // Colour of a cluster, as a category index; groups mixing categories (lanes by actor) get
    // `NEUTRAL`.
    const NEUTRAL: usize = usize::MAX;
    let by_cat = by_category(s);
    let color_of = |c: &Cluster| -> usize {
        if c.is_single() || by_cat {
            s.ds.events
                .get(c.first)
                .map_or(0, |e| usize::from(e.category))
        } else {
            NEUTRAL
        }
    };
    let css = |k: usize| {
        if k == NEUTRAL {
            t.group
        } else {
            s.colors.css(k)
        }
    };
    let clusters = || {
        frame.clusters.iter().enumerate().flat_map(|(lane, cs)| {
            let y = layout.y_center(lane as u32);
            cs.iter().map(move |c| (c, y))
        })
    };

    // Wide bands lie beneath everything else, as hit testing assumes. A translucent fill and
    // an opaque outline, in their order (overlaps darken); the colours are set only when they
    // change (a lane by category has one): 100k events zoomed out are thousands of bands.
    let mut current = None;
    for (c, y) in clusters().filter(|(c, _)| c.is_band()) {
        let k = color_of(c);
        if current != Some(k) {
            current = Some(k);
            ctx.set_fill_style_str(s.colors.band(k));
            ctx.set_stroke_style_str(css(k));
        }
        let x1 = c.x1.max(c.x0 + 2.0);
        ctx.fill_rect(c.x0, y - BAND_HALF, x1 - c.x0, 2.0 * BAND_HALF);
        ctx.stroke_rect(
            c.x0 + 0.5,
            y - BAND_HALF + 0.5,
            x1 - c.x0 - 1.0,
            2.0 * BAND_HALF - 1.0,
        );
    }
    // Points and groups, one path per colour: a fill and a stroke per colour rather than per
    // shape, which is what keeps a frame of thousands of shapes cheap.
    ctx.set_stroke_style_str(t.bg);
    ctx.set_line_width(1.5);
    for k in (0..s.colors.css.len()).chain([NEUTRAL]) {
        ctx.begin_path();
        let mut any = false;
        for (c, y) in clusters().filter(|(c, _)| !c.is_band() && color_of(c) == k) {
            trace(ctx, c, y, 0.0);
            any = true;
        }
        if any {
            ctx.set_fill_style_str(css(k));
            ctx.fill();
            ctx.stroke();
        }
    }
    ctx.set_font(COUNT_FONT);
    ctx.set_text_align("center");
    ctx.set_text_baseline("middle");
    let mut ink = "";
    for (c, y) in clusters().filter(|(c, _)| !c.is_single()) {
        let k = color_of(c);
        let want = if k == NEUTRAL { t.bg } else { s.colors.ink(k) };
        if want != ink {
            ink = want;
            ctx.set_fill_style_str(ink);
        }
        let _ = ctx.fill_text(&count_label(c.count), c.x_center(), y + 0.5);
    }
    ctx.set_text_baseline("alphabetic");

    // Rings: the hovered cluster, the list's cursor, the selection on top.
    let ring = |c: &Cluster, color: &str, width: f64, dashed: bool| {
        let y = layout.y_center(c.lane);
        ctx.set_stroke_style_str(color);
        ctx.set_line_width(width);
        if dashed {
            let _ = ctx.set_line_dash(&dash(&[3.0, 2.0]));
        }
        outline(ctx, c, y, 3.0);
        ctx.stroke();
        if dashed {
            let _ = ctx.set_line_dash(&dash(&[]));
        }
    };
    if let Some(c) = &s.hover {
        ring(c, t.fg, 1.0, false);
    }
    if let Some(ev) = s.cursor.filter(|&c| Some(c) != s.selected) {
        for c in frame.holding(s, ev) {
            ring(c, t.focus, 2.0, true);
        }
    }
    if let Some(ev) = s.selected {
        for c in frame.holding(s, ev) {
            ring(c, t.accent, 2.5, false);
        }
    }
    ctx.set_line_width(1.0);
    ctx.restore();
}

/// Whether lanes are by category (so a cluster has one colour).
fn by_category(s: &Scene) -> bool {
    matches!(
        s.plan.keys.first(),
        Some(dyad_core::timeline::LaneKey::Category(_))
    )
}

/// Milestones: a dashed vertical line at the middle of the event, headed by a diamond, and its
/// short title above the lanes, cut to end before the next milestone's line (left out if too
/// little of it would fit).
fn paint_milestones(ctx: &Ctx, s: &Scene, bottom: f64) {
    let ds = s.ds;
    let w = s.scale.width_px;
    // (x, title): in date order, so by x except where a long milestone's middle passes a
    // later one's; a label then only finds less room.
    let marks: Vec<(f64, std::borrow::Cow<str>)> = s
        .in_window(s.milestones)
        .iter()
        .filter_map(|&i| ds.events.get(i))
        .map(|e| {
            let mid = (f64::from(e.span.start) + f64::from(e.span.end) + 1.0) / 2.0;
            (s.scale.x_of(mid).round() + 0.5, visible(&e.title))
        })
        .filter(|(x, _)| (0.0..=w).contains(x))
        .collect();

    ctx.set_stroke_style_str(s.theme.accent);
    ctx.set_fill_style_str(s.theme.accent);
    ctx.set_line_width(1.0);
    // Level of detail: a line per pixel column at most, and past a few dozen (synthetic data
    // has thousands) faint solid lines, as dashes cost far more to draw and say nothing more.
    let many = marks.len() > 40;
    if many {
        ctx.set_global_alpha(0.35);
    } else {
        let _ = ctx.set_line_dash(&dash(&[4.0, 3.0]));
    }
    ctx.begin_path();
    let mut last = f64::NEG_INFINITY;
    for &(x, _) in &marks {
        if x - last >= 2.0 {
            ctx.move_to(x, 4.0);
            ctx.line_to(x, bottom);
            last = x;
        }
    }
    ctx.stroke();
    if many {
        ctx.set_global_alpha(1.0);
    } else {
        let _ = ctx.set_line_dash(&dash(&[]));
    }
    ctx.begin_path();
    let mut last = f64::NEG_INFINITY;
    for &(x, _) in &marks {
        if x - last < 6.0 {
            continue;
        }
        last = x;
        ctx.move_to(x, 2.0);
        ctx.line_to(x + 4.0, 6.0);
        ctx.line_to(x, 10.0);
        ctx.line_to(x - 4.0, 6.0);
        ctx.close_path();
    }
    ctx.fill();

    ctx.set_font(FONT);
    ctx.set_text_align("left");
    for (i, (x, title)) in marks.iter().enumerate() {
        let lx = x + 7.0;
        let limit = marks.get(i + 1).map_or(w, |next| next.0 - 4.0);
        let fits = ((limit - lx) / CHAR_PX).floor();
        if fits < 6.0 {
            continue;
        }
        let label = short_label(title, (fits as usize).min(24));
        let lw = label.chars().count() as f64 * CHAR_PX;
        ctx.set_fill_style_str(s.theme.bg);
        ctx.fill_rect(lx - 2.0, 1.0, lw + 4.0, 15.0);
        ctx.set_fill_style_str(s.theme.accent);
        let _ = ctx.fill_text(&label, lx, 12.5);
    }
}

/// Traces the shape of cluster `c` centred on `y`, grown by `pad` px, as a new path: a circle
/// for a point, a rectangle for a band, a pill wide enough for the count for a group.
fn outline(ctx: &Ctx, c: &Cluster, y: f64, pad: f64) {
    ctx.begin_path();
    trace(ctx, c, y, pad);
}

/// Adds the shape of [`outline`] to the current path as a subpath of its own.
fn trace(ctx: &Ctx, c: &Cluster, y: f64, pad: f64) {
    if c.is_band() {
        let x1 = c.x1.max(c.x0 + 2.0);
        ctx.rect(
            c.x0 - pad,
            y - BAND_HALF - pad,
            x1 - c.x0 + 2.0 * pad,
            2.0 * (BAND_HALF + pad),
        );
    } else if c.is_single() {
        let r = POINT_R + pad;
        ctx.move_to(c.x_center() + r, y);
        let _ = ctx.arc(c.x_center(), y, r, 0.0, 2.0 * PI);
    } else {
        let text = count_label(c.count).chars().count() as f64 * 6.0;
        let half = ((c.x1 - c.x0) / 2.0)
            .max(text / 2.0 - GROUP_R + 3.0)
            .max(0.0);
        let (a, b) = (c.x_center() - half, c.x_center() + half);
        let r = GROUP_R + pad;
        ctx.move_to(a, y + r);
        let _ = ctx.arc(a, y, r, PI / 2.0, 3.0 * PI / 2.0);
        let _ = ctx.arc(b, y, r, -PI / 2.0, PI / 2.0);
        ctx.close_path();
    }
}

/// A line-dash pattern as the canvas API wants it.
fn dash(pattern: &[f64]) -> JsValue {
    pattern
        .iter()
        .map(|&v| JsValue::from_f64(v))
        .collect::<js_sys::Array>()
        .into()
}

/// Where an axis label of `width` px starts, for a tick at `x` on a plot `plot_w` px wide: just
/// right of its tick; left of it when that would run past the plot's right edge (the last label
/// of a narrow phone screen); `None` (not drawn) when neither fits without touching the previous
/// label, which ended at `prev_end`.
fn axis_label_x(x: f64, width: f64, plot_w: f64, prev_end: f64) -> Option<f64> {
    let right = x + 3.0;
    if right + width <= plot_w && right >= prev_end + 4.0 {
        return Some(right);
    }
    let left = x - 3.0 - width;
    (left >= 0.0 && left >= prev_end + 4.0 && left + width <= plot_w).then_some(left)
}

#[cfg(test)]
mod tests {
    use super::axis_label_x;

    /// Axis labels sit right of their tick, move left of it at the plot's right edge, and are
    /// left out rather than overlap the previous one or leave the plot.
    #[test]
    fn axis_labels_stay_inside_the_plot() {
        let cases = [
            // (tick x, label width, plot width, previous label's end, expected start)
            (10.0, 24.0, 300.0, f64::NEG_INFINITY, Some(13.0)),
            (290.0, 24.0, 300.0, 200.0, Some(263.0)),
            (290.0, 24.0, 300.0, 270.0, None),
            (2.0, 24.0, 20.0, f64::NEG_INFINITY, None),
            (100.0, 24.0, 300.0, 102.0, None),
        ];
        for (x, width, plot_w, prev, want) in cases {
            assert_eq!(
                axis_label_x(x, width, plot_w, prev),
                want,
                "{x} {width} {plot_w} {prev}"
            );
        }
    }
}
