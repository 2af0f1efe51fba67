//! The geometry of the canvas timeline: days to pixels and back, zoom and pan, adaptive date
//! ticks, the density bin for a zoom level, event marks with culling and clustering, hit
//! testing, and the sentence that stands in for the canvas for screen readers.
//!
//! Everything here is pure arithmetic on `f64` so the app only draws what this module computes,
//! and every rule can be tested without a browser. It runs each animation frame over up to 100k
//! events, so the hot paths ([`layout_marks_into`], [`cluster_into`], [`cull_range`]) take
//! caller-owned buffers and allocate nothing once those have grown.
//!
//! Coordinates: the time axis is continuous in *day numbers* (see [`Day`]); day `d` covers
//! `[d, d + 1)`. A [`TimeScale`] maps the half-open interval `[start, end)` onto
//! `[0, width_px)`. An inclusive [`DaySpan`] `{start, end}` therefore occupies
//! `[start, end + 1)` on the axis, and a single day is drawn at its middle, `d + 0.5`.

use std::ops::Range;

use chrono::Datelike;

use crate::aggregate::Bin;
use crate::date::{
    date_of_day, day_from_civil, month_abbrev, Day, DaySpan, PartialDate, Precision,
};
use crate::model::{ActorIx, CategoryIx, Dataset, Event};
use crate::query::Lanes;

/// The narrowest window the timeline zooms to, in days: a week still shows several days apart.
pub const MIN_WINDOW_DAYS: f64 = 7.0;

/// The widest window a caller should allow by default, in days (250 years). The app usually
/// passes the data's own extent instead; this is only a sane ceiling.
pub const MAX_WINDOW_DAYS: f64 = 365.25 * 250.0;

/// The longest tick label [`ticks`] ever produces, in characters ("Mar 2022"). A label spacing
/// of this many average character widths plus a gap keeps labels from touching.
pub const MAX_LABEL_CHARS: usize = 8;

/// The least width, in pixels, a density bin should get for [`bin_for`] to choose it.
pub const MIN_BIN_PX: f64 = 4.0;

/// Far enough either side of 1970 (about 4100 years) to hold every date Dyad accepts, near
/// enough that day numbers always fit in `i32` and the calendar never goes out of range. Every
/// conversion from `f64` to [`Day`] clamps to it, so garbage input cannot overflow.
const DAY_LIMIT: f64 = 1_500_000.0;

/// The smallest window length kept, in days, so that the scale never divides by zero.
const MIN_SPAN: f64 = 1e-6;

/// Converts an axis position to a whole day, clamped to the range Dyad can name.
fn to_day(x: f64) -> Day {
    if x.is_nan() {
        return 0;
    }
    // The clamp keeps the value well inside i32, so the cast cannot saturate or wrap.
    x.clamp(-DAY_LIMIT, DAY_LIMIT) as Day
}

/// The mapping between the time axis (day numbers, fractional) and canvas pixels.
///
/// `start` is at x = 0 and `end` at x = `width_px`. The fields are public so the app can store
/// and animate them; every method tolerates degenerate values (an empty or reversed window, a
/// zero width, NaN) without panicking, and the mutating methods repair them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TimeScale {
    /// The day number at the left edge, fractional.
    pub start: f64,
    /// The day number at the right edge, fractional; exclusive, like a pixel edge.
    pub end: f64,
    /// The drawing width in CSS pixels.
    pub width_px: f64,
}

impl TimeScale {
    /// A scale showing `[start, end)` over `width_px` pixels, repaired if degenerate: non-finite
    /// values fall back to a week from day 0, a reversed window is swapped, and the width is at
    /// least one pixel.
    pub fn new(start: f64, end: f64, width_px: f64) -> Self {
        let mut s = TimeScale {
            start,
            end,
            width_px,
        };
        s.repair();
        s
    }

    /// The scale that shows exactly the whole days of `window` (as stored in the URL).
    pub fn from_window(window: DaySpan, width_px: f64) -> Self {
        let (a, b) = if window.is_empty() {
            (window.end, window.start)
        } else {
            (window.start, window.end)
        };
        Self::new(f64::from(a), f64::from(b) + 1.0, width_px)
    }

    /// Puts the fields back into a usable state after outside mutation or arithmetic.
    fn repair(&mut self) {
        if !self.start.is_finite() || !self.end.is_finite() {
            self.start = 0.0;
            self.end = MIN_WINDOW_DAYS;
        }
        if self.end < self.start {
            std::mem::swap(&mut self.start, &mut self.end);
        }
        self.start = self.start.clamp(-DAY_LIMIT, DAY_LIMIT);
        self.end = self.end.clamp(-DAY_LIMIT, DAY_LIMIT);
        if self.end - self.start < MIN_SPAN {
            self.end = self.start + MIN_SPAN;
        }
        if !self.width_px.is_finite() || self.width_px < 1.0 {
            self.width_px = 1.0;
        }
    }

    /// The usable width: at least one pixel, whatever the field holds.
    fn width(&self) -> f64 {
        if self.width_px.is_finite() && self.width_px >= 1.0 {
            self.width_px
        } else {
            1.0
        }
    }

    /// The number of days shown (fractional), never below a tiny positive value.
    pub fn days(&self) -> f64 {
        let d = self.end - self.start;
        if d.is_finite() && d >= MIN_SPAN {
            d
        } else {
            MIN_SPAN
        }
    }

    /// Pixels per day at this zoom.
    pub fn px_per_day(&self) -> f64 {
        self.width() / self.days()
    }

    /// The x position of a day number (fractional). Day `d` starts at `x_of(d)`.
    pub fn x_of(&self, day: f64) -> f64 {
        (day - self.start) * self.px_per_day()
    }

    /// The day number (fractional) under pixel `x`; the inverse of [`TimeScale::x_of`].
    pub fn day_at(&self, x: f64) -> f64 {
        self.start + x / self.px_per_day()
    }

    /// The whole day under pixel `x`, e.g. for a hover read-out.
    pub fn whole_day_at(&self, x: f64) -> Day {
        to_day(self.day_at(x).floor())
    }

    /// Zooms by `factor` around pixel `anchor_x`, which keeps showing the same day (the pointer
    /// stays over the date it points at). `factor > 1` zooms in (fewer days), `< 1` zooms out.
    /// A non-finite or non-positive factor does nothing. Follow with [`TimeScale::clamp_to`].
    pub fn zoom(&mut self, factor: f64, anchor_x: f64) {
        if !factor.is_finite() || factor <= 0.0 || !anchor_x.is_finite() {
            return;
        }
        let anchor_day = self.day_at(anchor_x);
        let days = self.days() / factor;
        let frac = anchor_x / self.width();
        self.start = anchor_day - frac * days;
        self.end = self.start + days;
        self.repair();
    }

    /// Pans by `dx_px` pixels as a drag does: positive `dx_px` moves the content right, bringing
    /// earlier dates into view. Follow with [`TimeScale::clamp_to`].
    pub fn pan(&mut self, dx_px: f64) {
        if !dx_px.is_finite() {
            return;
        }
        let dd = dx_px / self.px_per_day();
        self.start -= dd;
        self.end -= dd;
        self.repair();
    }

    /// Frames `span` so it fills the width less `padding_px` on each side (as when a cluster is
    /// clicked). The padding is capped so the span keeps at least a tenth of the width. Follow
    /// with [`TimeScale::clamp_to`]: a one-day span becomes the minimum window around it.
    pub fn zoom_to(&mut self, span: DaySpan, padding_px: f64) {
        if span.is_empty() {
            return;
        }
        let w = self.width();
        // `max` and `min` rather than `clamp`, whose panic message on reversed bounds formats
        // floats: it would bring float formatting back into the app (see `crate::num`).
        let pad = if padding_px.is_finite() {
            padding_px.max(0.0).min(w * 0.45)
        } else {
            0.0
        };
        let days = f64::from(span.len());
        let px_per_day = (w - 2.0 * pad) / days;
        let pad_days = pad / px_per_day;
        self.start = f64::from(span.start) - pad_days;
        self.end = f64::from(span.end) + 1.0 + pad_days;
        self.repair();
    }

    /// Keeps the window between `min_days` and `max_days` long (resizing around its centre) and
    /// inside `bounds` (shifting it back). A window longer than `bounds` is centred on them.
    /// Call after every zoom and pan; it is idempotent.
    pub fn clamp_to(&mut self, bounds: DaySpan, min_days: f64, max_days: f64) {
        let min = if min_days.is_finite() {
            min_days.max(MIN_SPAN)
        } else {
            MIN_WINDOW_DAYS
        };
        let max = if max_days.is_finite() {
            max_days.max(min)
        } else {
            MAX_WINDOW_DAYS.max(min)
        };
        self.repair();
        // Not `clamp`: see `zoom_to`.
        let len = self.days().max(min).min(max);
        let centre = (self.start + self.end) / 2.0;
        self.start = centre - len / 2.0;
        self.end = self.start + len;
        if !bounds.is_empty() {
            let lo = f64::from(bounds.start);
            let hi = f64::from(bounds.end) + 1.0;
            if len >= hi - lo {
                self.start = (lo + hi) / 2.0 - len / 2.0;
            } else if self.start < lo {
                self.start = lo;
            } else if self.end > hi {
                self.start = hi - len;
            }
            self.end = self.start + len;
        }
        self.repair();
    }

    /// The window rounded to whole days, as written in the URL. The inverse of
    /// [`TimeScale::from_window`] for scales it made.
    pub fn window(&self) -> DaySpan {
        let start = to_day(self.start.round());
        let end = to_day(self.end.round()) - 1;
        DaySpan {
            start,
            end: end.max(start),
        }
    }

    /// Every whole day at least partly visible: what culling must keep.
    pub fn visible_days(&self) -> DaySpan {
        let start = to_day(self.start.floor());
        let end = to_day(self.end.ceil()) - 1;
        DaySpan {
            start,
            end: end.max(start),
        }
    }

    /// Where an event with this span is drawn, horizontally: the middle of its day for a
    /// one-day event, else the middle of the part of its band that is on the canvas (the middle
    /// of the whole band if none is). End-to-end tests click here.
    pub fn x_center_of(&self, span: DaySpan) -> f64 {
        let p = Projection::of(self);
        if span.start >= span.end {
            return p.x(f64::from(span.start) + 0.5);
        }
        let a = p.x(f64::from(span.start));
        let b = p.x(f64::from(span.end) + 1.0);
        let (ca, cb) = (a.max(0.0), b.min(p.width));
        if ca <= cb {
            (ca + cb) / 2.0
        } else {
            (a + b) / 2.0
        }
    }
}

/// `x = day * k + b`, hoisted out of the per-event loops.
#[derive(Clone, Copy)]
struct Projection {
    k: f64,
    b: f64,
    width: f64,
}

impl Projection {
    fn of(s: &TimeScale) -> Self {
        let k = s.px_per_day();
        Projection {
            k,
            b: -s.start * k,
            width: s.width(),
        }
    }

    #[inline]
    fn x(&self, day: f64) -> f64 {
        day * self.k + self.b
    }
}

// ---------------------------------------------------------------------------------------------
// Ticks
// ---------------------------------------------------------------------------------------------

/// The spacing of axis ticks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TickStep {
    /// Every n days within each month, restarting on the 1st (1st, 8th, 15th, 22nd for 7).
    Days(u32),
    /// Every n months, starting in January.
    Months(u32),
    /// Every n years, on multiples of n.
    Years(u32),
}

impl TickStep {
    /// Every step [`tick_step`] chooses from, finest first.
    pub const ALL: [TickStep; 17] = [
        TickStep::Days(1),
        TickStep::Days(2),
        TickStep::Days(7),
        TickStep::Days(14),
        TickStep::Months(1),
        TickStep::Months(3),
        TickStep::Months(6),
        TickStep::Years(1),
        TickStep::Years(2),
        TickStep::Years(5),
        TickStep::Years(10),
        TickStep::Years(20),
        TickStep::Years(50),
        TickStep::Years(100),
        TickStep::Years(200),
        TickStep::Years(500),
        TickStep::Years(1000),
    ];

    /// The shortest gap between two consecutive ticks of this step, in days. Day steps skip
    /// days of the month too close to the next 1st, so their gap is never below n.
    pub fn min_days(self) -> f64 {
        match self {
            TickStep::Days(n) => f64::from(n.max(1)),
            // Any run of n months holds at most one February.
            TickStep::Months(n) => 28.0 + 30.0 * f64::from(n.max(1) - 1),
            TickStep::Years(n) => 365.0 * f64::from(n.max(1)),
        }
    }
}

/// One axis tick.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    /// The day the tick marks the start of.
    pub day: Day,
    /// Its x position on the scale it was made for.
    pub x: f64,
    /// Its label: "1990s" or "2020" for years, "Mar 2022" or "Mar" for months, "14 Mar" for
    /// days. At most [`MAX_LABEL_CHARS`] characters.
    pub label: String,
    /// Whether it starts a higher unit (a decade among years, a year among months, a month
    /// among days), to be drawn stronger.
    pub major: bool,
}

/// The finest tick step whose ticks are at least `min_label_px` apart on `scale`.
pub fn tick_step(scale: &TimeScale, min_label_px: f64) -> TickStep {
    let need = if min_label_px.is_finite() {
        min_label_px.max(1.0)
    } else {
        1.0
    };
    let ppd = scale.px_per_day();
    TickStep::ALL
        .into_iter()
        .find(|s| s.min_days() * ppd >= need)
        .unwrap_or(TickStep::Years(1000))
}

/// The axis ticks for `scale`, spaced at least `min_label_px` apart (see [`tick_step`]), in
/// order, all within the window. Pass about [`MAX_LABEL_CHARS`] times the average character
/// width plus a gap so labels never overlap.
///
/// Month ticks read "Mar", except each January and the first tick, which carry the year
/// ("Jan 2023", "Mar 2022") so the reader always knows it. Day ticks read "14 Mar", except on
/// the 1st of a month, which reads "Mar 2022".
pub fn ticks(scale: &TimeScale, min_label_px: f64) -> Vec<Tick> {
    let step = tick_step(scale, min_label_px);
    let mut out = Vec::new();
    let lo = scale.start.max(-DAY_LIMIT).ceil();
    let hi = scale.end.min(DAY_LIMIT).floor();
    if lo > hi || lo.is_nan() || hi.is_nan() {
        return out;
    }
    let (first, last) = (to_day(lo), to_day(hi));
    let Some(d0) = date_of_day(first) else {
        return out;
    };
    let p = Projection::of(scale);
    let push = |out: &mut Vec<Tick>, day: Day, label: String, major: bool| {
        out.push(Tick {
            day,
            x: p.x(f64::from(day)),
            label,
            major,
        });
    };
    match step {
        TickStep::Years(n) => {
            let n = n.max(1) as i32;
            let mut y = d0.year() + (n - d0.year().rem_euclid(n)) % n;
            let major_every = if n < 10 {
                10
            } else if n < 100 {
                100
            } else {
                1000
            };
            while let Some(day) = first_of(y, 1) {
                if day > last {
                    break;
                }
                if day >= first {
                    let label = if n == 10 {
                        format!("{y}s")
                    } else {
                        y.to_string()
                    };
                    push(&mut out, day, label, y.rem_euclid(major_every) == 0);
                }
                y += n;
            }
        }
        TickStep::Months(n) => {
            let (mut y, mut m) = (d0.year(), d0.month());
            while let Some(day) = first_of(y, m) {
                if day > last {
                    break;
                }
                if day >= first && (m - 1) % n.max(1) == 0 {
                    let label = if m == 1 || out.is_empty() {
                        format!("{} {y}", month_abbrev(m))
                    } else {
                        month_abbrev(m).to_string()
                    };
                    push(&mut out, day, label, m == 1);
                }
                (y, m) = next_month(y, m);
            }
        }
        TickStep::Days(n) => {
            let n = n.max(1);
            let (mut y, mut m) = (d0.year(), d0.month());
            while let Some(month_start) = first_of(y, m) {
                if month_start > last {
                    break;
                }
                let len = first_of_next(y, m).map_or(28, |next| next - month_start) as u32;
                // Stop n days short of the next 1st so the gap to it is never below n.
                let last_dom = if n == 1 { len } else { 29 - n.min(28) };
                let mut dom = 1;
                while dom <= last_dom {
                    let day = month_start + dom as Day - 1;
                    if day > last {
                        break;
                    }
                    if day >= first {
                        let label = if dom == 1 {
                            format!("{} {y}", month_abbrev(m))
                        } else {
                            format!("{dom} {}", month_abbrev(m))
                        };
                        push(&mut out, day, label, dom == 1);
                    }
                    dom += n;
                }
                (y, m) = next_month(y, m);
            }
        }
    }
    out
}

/// The day number of the 1st of a month, if the calendar can name it.
fn first_of(year: i32, month: u32) -> Option<Day> {
    day_from_civil(year, month, 1)
}

fn next_month(year: i32, month: u32) -> (i32, u32) {
    if month >= 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    }
}

fn first_of_next(year: i32, month: u32) -> Option<Day> {
    let (y, m) = next_month(year, month);
    first_of(y, m)
}

// ---------------------------------------------------------------------------------------------
// Density bins
// ---------------------------------------------------------------------------------------------

/// The bin size of the density strip under the timeline. Mirrors `aggregate::Bin` one to one
/// (same variants, same names) so converting is a plain match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DensityBin {
    /// One bin per calendar year.
    Year,
    /// One bin per calendar month.
    Month,
    /// One bin per week.
    Week,
    /// One bin per day.
    Day,
}

impl DensityBin {
    /// The lowercase name, as `aggregate::Bin::as_str` writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            DensityBin::Year => "year",
            DensityBin::Month => "month",
            DensityBin::Week => "week",
            DensityBin::Day => "day",
        }
    }

    /// The average length of a bin in days.
    pub fn mean_days(self) -> f64 {
        match self {
            DensityBin::Year => 365.2425,
            DensityBin::Month => 365.2425 / 12.0,
            DensityBin::Week => 7.0,
            DensityBin::Day => 1.0,
        }
    }
}

/// The finest density bin at least [`MIN_BIN_PX`] wide on `scale` (years if even those are
/// narrower), so the strip shows detail without turning into noise.
pub fn bin_for(scale: &TimeScale) -> DensityBin {
    let ppd = scale.px_per_day();
    [DensityBin::Day, DensityBin::Week, DensityBin::Month]
        .into_iter()
        .find(|b| b.mean_days() * ppd >= MIN_BIN_PX)
        .unwrap_or(DensityBin::Year)
}

// ---------------------------------------------------------------------------------------------
// Marks, culling, clustering
// ---------------------------------------------------------------------------------------------

/// One event as drawn: a point (a one-day event) or a band over its span.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mark {
    /// Left edge, px. For a point, equal to `x1`: the middle of its day.
    pub x0: f64,
    /// Right edge, px. Bands are clipped to the canvas, so `0 <= x0 <= x1 <= width`.
    pub x1: f64,
    /// The days it covers.
    pub span: DaySpan,
    /// Its index in the caller's event list (`Dataset::events`).
    pub event: usize,
    /// The lane it is drawn in.
    pub lane: u32,
    /// Whether it is a band (a span of more than one day: month or year precision, or an end
    /// date) rather than a point.
    pub band: bool,
}

/// The range of `sorted` (ordered by start day) that may overlap `visible`, found by binary
/// search: items starting after the window are out, and so are items starting more than
/// `max_span_days` before it, since no item is longer (pass `Dataset::max_span_days`). The
/// range may still hold items that end before the window; [`layout_marks_into`] drops those.
pub fn cull_range<T>(
    sorted: &[T],
    start_of: impl Fn(&T) -> Day,
    max_span_days: i32,
    visible: DaySpan,
) -> Range<usize> {
    let earliest = visible.start.saturating_sub(max_span_days.max(0));
    let lo = sorted.partition_point(|t| start_of(t) < earliest);
    let hi = sorted.partition_point(|t| start_of(t) <= visible.end);
    lo.min(hi)..hi
}

/// Lays out the visible events into `lanes` (one buffer per lane, cleared first), keeping
/// their order, so each lane comes out sorted by `x0` when the items come in date order. Items
/// `(event index, span, lane)` that do not overlap [`TimeScale::visible_days`], or whose lane
/// has no buffer, are skipped. Allocates nothing once the buffers have grown.
pub fn layout_marks_into<I>(scale: &TimeScale, items: I, lanes: &mut [Vec<Mark>])
where
    I: IntoIterator<Item = (usize, DaySpan, u32)>,
{
    for lane in lanes.iter_mut() {
        lane.clear();
    }
    let p = Placer::of(scale);
    for (event, span, lane) in items {
        let Some(buf) = lanes.get_mut(lane as usize) else {
            continue;
        };
        if let Some(m) = p.mark(event, span, lane) {
            buf.push(m);
        }
    }
}

/// Where marks go on a scale: the projection and the visible days, computed once per frame.
struct Placer {
    p: Projection,
    visible: DaySpan,
}

impl Placer {
    fn of(scale: &TimeScale) -> Self {
        Placer {
            p: Projection::of(scale),
            visible: scale.visible_days(),
        }
    }

    /// The mark of `event` in `lane`, or `None` if its span is empty or out of view.
    #[inline]
    fn mark(&self, event: usize, span: DaySpan, lane: u32) -> Option<Mark> {
        if span.is_empty() || !span.overlaps(&self.visible) {
            return None;
        }
        let p = &self.p;
        let band = span.end > span.start;
        let (x0, x1) = if band {
            (
                p.x(f64::from(span.start)).max(0.0),
                p.x(f64::from(span.end) + 1.0).min(p.width),
            )
        } else {
            let x = p.x(f64::from(span.start) + 0.5);
            (x, x)
        };
        Some(Mark {
            x0,
            x1,
            span,
            event,
            lane,
            band,
        })
    }
}

/// The clusters of `events` (ascending positions in `ds.events`, as a filter returns them) in
/// the lanes of `plan` on `scale`: exactly [`layout_marks_into`] then [`cluster_into`] for every
/// lane, in one pass that keeps no mark (each joins its lane's open cluster as it is made) and
/// reads the dataset's compact columns. `clusters` has one buffer per lane (cleared first).
///
/// At 100k events in view this is what a frame, and every filter change, spends on layout:
/// natively ~2 ms where the two steps through iterator adapters took ~4.5, and the 100k marks
/// written to memory only to be read back are gone.
pub fn layout_clusters(
    scale: &TimeScale,
    ds: &crate::model::Dataset,
    plan: &LanePlan,
    events: &[usize],
    min_gap_px: f64,
    clusters: &mut [Vec<Cluster>],
) {
    let gap = gap_of(min_gap_px);
    let mut open: Vec<Option<Cluster>> = vec![None; clusters.len()];
    for out in clusters.iter_mut() {
        out.clear();
    }
    let p = Placer::of(scale);
    for &event in events {
        let (Some(span), Some(category)) = (ds.span_of(event), ds.category_of(event)) else {
            continue;
        };
        plan.each_lane(category, ds.actors_of(event), |lane| {
            let (Some(out), Some(o)) =
                (clusters.get_mut(lane as usize), open.get_mut(lane as usize))
            else {
                return;
            };
            if let Some(m) = p.mark(event, span, lane) {
                absorb(o, &m, gap, out);
            }
        });
    }
    for (out, o) in clusters.iter_mut().zip(open) {
        out.extend(o);
    }
}

/// The mark of one item `(event index, span, lane)` on `scale`, as [`layout_marks_into`] would
/// lay it out; `None` if it is not drawn. For finding one event's cluster without keeping every
/// mark of a frame.
pub fn mark_of(scale: &TimeScale, event: usize, span: DaySpan, lane: u32) -> Option<Mark> {
    Placer::of(scale).mark(event, span, lane)
}

/// [`layout_marks_into`] with fresh buffers, one per lane for `lane_count` lanes.
pub fn layout_marks<I>(scale: &TimeScale, items: I, lane_count: usize) -> Vec<Vec<Mark>>
where
    I: IntoIterator<Item = (usize, DaySpan, u32)>,
{
    let mut lanes = vec![Vec::new(); lane_count];
    layout_marks_into(scale, items, &mut lanes);
    lanes
}

/// Marks drawn as one: a single mark (`count == 1`) or a group too close to tell apart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cluster {
    /// Left edge of everything merged, px.
    pub x0: f64,
    /// Right edge of everything merged, px.
    pub x1: f64,
    /// The lane.
    pub lane: u32,
    /// How many events it stands for (at least 1).
    pub count: u32,
    /// The first event merged (in input order), or the event itself when `count == 1`.
    pub first: usize,
    /// The union of the merged events' spans: what clicking the cluster zooms to (see
    /// [`TimeScale::zoom_to`]). If it is shorter than the minimum window the events cannot be
    /// told apart by zooming, so the app lists them instead.
    pub events_span: DaySpan,
}

impl Cluster {
    /// Whether it is one event rather than a group.
    pub fn is_single(&self) -> bool {
        self.count == 1
    }

    /// Whether it is one event drawn as a band (otherwise a point or a group).
    pub fn is_band(&self) -> bool {
        self.count == 1 && self.x1 > self.x0
    }

    /// Its horizontal middle, px.
    pub fn x_center(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }

    fn of(m: &Mark) -> Self {
        Cluster {
            x0: m.x0,
            x1: m.x1,
            lane: m.lane,
            count: 1,
            first: m.event,
            events_span: m.span,
        }
    }
}

/// Groups the marks of one lane (sorted by `x0`) into clusters, written to `out` (cleared
/// first). A mark less than `min_gap_px` from the cluster before it joins that cluster; the
/// cluster grows to cover it, so a chain of close marks becomes one. A band at least
/// `min_gap_px` wide always stays on its own: merging it would swallow every point it covers,
/// and zooming to such a cluster would never split it. Counts sum to `marks.len()`.
/// Clusters come out in order of their first mark, except that a wide band is emitted when
/// reached, before the still-open group to its left.
pub fn cluster_into(marks: &[Mark], min_gap_px: f64, out: &mut Vec<Cluster>) {
    out.clear();
    let gap = gap_of(min_gap_px);
    let mut open: Option<Cluster> = None;
    for m in marks {
        absorb(&mut open, m, gap, out);
    }
    if let Some(c) = open {
        out.push(c);
    }
}

/// The clustering gap, made safe: never negative or NaN.
fn gap_of(min_gap_px: f64) -> f64 {
    if min_gap_px.is_finite() {
        min_gap_px.max(0.0)
    } else {
        0.0
    }
}

/// One step of [`cluster_into`]: `m` joins the `open` cluster or starts the next one (pushing
/// the one it closes to `out`); a wide band goes straight to `out`.
#[inline]
fn absorb(open: &mut Option<Cluster>, m: &Mark, gap: f64, out: &mut Vec<Cluster>) {
    if m.band && m.x1 - m.x0 >= gap {
        out.push(Cluster::of(m));
        return;
    }
    match open.as_mut() {
        Some(c) if m.x0 - c.x1 < gap => {
            c.x0 = c.x0.min(m.x0);
            c.x1 = c.x1.max(m.x1);
            c.count += 1;
            c.events_span.start = c.events_span.start.min(m.span.start);
            c.events_span.end = c.events_span.end.max(m.span.end);
        }
        _ => {
            if let Some(c) = open.replace(Cluster::of(m)) {
                out.push(c);
            }
        }
    }
}

/// [`cluster_into`] into a fresh vector.
pub fn cluster(marks: &[Mark], min_gap_px: f64) -> Vec<Cluster> {
    let mut out = Vec::new();
    cluster_into(marks, min_gap_px, &mut out);
    out
}

/// [`cluster`] for every lane of a [`layout_marks`] result.
pub fn cluster_lanes(lanes: &[Vec<Mark>], min_gap_px: f64) -> Vec<Vec<Cluster>> {
    lanes.iter().map(|m| cluster(m, min_gap_px)).collect()
}

// ---------------------------------------------------------------------------------------------
// Lanes and hit testing
// ---------------------------------------------------------------------------------------------

/// The vertical arrangement of lanes: `count` rows of `lane_height` px from `top`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LaneLayout {
    /// The y of the top of lane 0, px.
    pub top: f64,
    /// The height of each lane, px.
    pub lane_height: f64,
    /// The number of lanes.
    pub count: u32,
}

impl LaneLayout {
    /// The lane under `y`, if any.
    pub fn lane_at(&self, y: f64) -> Option<u32> {
        if self.lane_height.is_nan() || self.lane_height <= 0.0 || !y.is_finite() || y < self.top {
            return None;
        }
        let i = ((y - self.top) / self.lane_height).floor();
        (i < f64::from(self.count)).then_some(i as u32)
    }

    /// The y of the top of `lane`, px.
    pub fn y_top(&self, lane: u32) -> f64 {
        self.top + f64::from(lane) * self.lane_height
    }

    /// The y of the middle of `lane`, px: where its marks are drawn.
    pub fn y_center(&self, lane: u32) -> f64 {
        self.y_top(lane) + self.lane_height / 2.0
    }

    /// The y just below the last lane, px.
    pub fn bottom(&self) -> f64 {
        self.y_top(self.count)
    }
}

/// The cluster of one lane under `x`, among those within `tolerance_px` of it. Bands wider
/// than twice the tolerance lie *beneath* everything else (draw them first): a point or group
/// within reach wins over the band under the pointer, as it is drawn on top. Otherwise the
/// nearest wins, and on a tie the narrowest.
pub fn hit_in_lane(clusters: &[Cluster], x: f64, tolerance_px: f64) -> Option<&Cluster> {
    let tol = if tolerance_px.is_finite() {
        tolerance_px.max(0.0)
    } else {
        0.0
    };
    let mut best: Option<(&Cluster, (bool, f64, f64))> = None;
    for c in clusters {
        let dist = if x < c.x0 {
            c.x0 - x
        } else if x > c.x1 {
            x - c.x1
        } else {
            0.0
        };
        // Written so that a NaN distance (NaN x) counts as a miss.
        if dist.is_nan() || dist > tol {
            continue;
        }
        let width = c.x1 - c.x0;
        let key = (c.is_band() && width > 2.0 * tol, dist, width);
        if best.is_none_or(|(_, bk)| key < bk) {
            best = Some((c, key));
        }
    }
    best.map(|(c, _)| c)
}

/// The cluster under the pointer at `(x, y)`: the lane from `layout`, then [`hit_in_lane`] in
/// `clusters_by_lane[lane]`.
pub fn hit<'a>(
    clusters_by_lane: &'a [Vec<Cluster>],
    layout: &LaneLayout,
    x: f64,
    y: f64,
    tolerance_px: f64,
) -> Option<&'a Cluster> {
    let lane = layout.lane_at(y)?;
    hit_in_lane(clusters_by_lane.get(lane as usize)?, x, tolerance_px)
}

// ---------------------------------------------------------------------------------------------
// Lanes
// ---------------------------------------------------------------------------------------------

/// How many actors get a lane of their own when lanes are by actor; the others share "Other",
/// so the chart stays readable whatever the dataset holds.
pub const ACTOR_LANES: usize = 12;

/// The id of the shared lane in [`LanePlan::id`]; parentheses keep it apart from every actor id.
pub const OTHER_LANE_ID: &str = "(other)";

/// What one lane of the timeline holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LaneKey {
    /// The events of one category.
    Category(CategoryIx),
    /// The events one actor takes part in.
    Actor(ActorIx),
    /// The events of actors without a lane of their own.
    Other,
}

/// Marks "no lane" in the lookup tables of a [`LanePlan`].
const NO_LANE: u32 = u32::MAX;

/// The lanes of the timeline for a set of events, and which lanes each event is drawn in.
/// Built once per filter change; [`LanePlan::lanes_of`] then runs per event per frame.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LanePlan {
    /// The lanes, top to bottom.
    pub keys: Vec<LaneKey>,
    by_actor: bool,
    /// The lane of each category by index, [`NO_LANE`] if it has none.
    category_lane: Vec<u32>,
    /// The lane of each actor by index, [`NO_LANE`] if it has none.
    actor_lane: Vec<u32>,
    /// The shared lane, if any event needs it.
    other: Option<u32>,
}

impl LanePlan {
    /// The plan the URL asks for: by category, or by actor with [`ACTOR_LANES`] named lanes.
    pub fn new(ds: &Dataset, events: &[usize], lanes: Lanes) -> Self {
        match lanes {
            Lanes::Category => Self::by_category(ds, events),
            Lanes::Actor => Self::by_actor(ds, events, ACTOR_LANES),
        }
    }

    /// One lane per category present among `events` (positions in `ds.events`), in the
    /// dataset's category order, so the lanes do not reshuffle as filters change.
    pub fn by_category(ds: &Dataset, events: &[usize]) -> Self {
        let mut present = vec![false; ds.categories.len()];
        for c in events.iter().filter_map(|&i| ds.category_of(i)) {
            if let Some(p) = present.get_mut(usize::from(c)) {
                *p = true;
            }
        }
        let mut plan = LanePlan {
            category_lane: vec![NO_LANE; present.len()],
            ..Default::default()
        };
        for (c, _) in present.iter().enumerate().filter(|(_, p)| **p) {
            plan.category_lane[c] = plan.keys.len() as u32;
            // `present` has one slot per category, whose count fits CategoryIx by construction.
            plan.keys.push(LaneKey::Category(c as CategoryIx));
        }
        plan
    }

    /// One lane for each of the `top` actors taking part in most of `events`, most active
    /// first (ties by id), then an "Other" lane if some event has an actor without a lane (or
    /// no actor at all). An event is drawn in the lane of each of its actors.
    pub fn by_actor(ds: &Dataset, events: &[usize], top: usize) -> Self {
        let mut counts = vec![0u32; ds.actors.len()];
        for &i in events {
            for &a in ds.actors_of(i) {
                if let Some(c) = counts.get_mut(a as usize) {
                    *c += 1;
                }
            }
        }
        let id = |a: usize| ds.actors.get(a).map_or("", |x| x.id.as_str());
        let mut plan = LanePlan {
            by_actor: true,
            actor_lane: vec![NO_LANE; counts.len()],
            ..Default::default()
        };
        // The top few by repeated selection rather than a sort: `top` is small, and a sort
        // would add a generic sorting routine to the wasm.
        for _ in 0..top {
            let best = (0..counts.len())
                .filter(|&a| counts[a] > 0 && plan.actor_lane[a] == NO_LANE)
                .min_by(|&a, &b| counts[b].cmp(&counts[a]).then_with(|| id(a).cmp(id(b))));
            let Some(a) = best else {
                break;
            };
            plan.actor_lane[a] = plan.keys.len() as u32;
            plan.keys.push(LaneKey::Actor(a as ActorIx));
        }
        let needs_other = events
            .iter()
            .any(|&i| i < ds.events.len() && plan.has_unlaned_actor(ds.actors_of(i)));
        if needs_other {
            plan.other = Some(plan.keys.len() as u32);
            plan.keys.push(LaneKey::Other);
        }
        plan
    }

    /// Whether an event with these actors, in a plan by actor, belongs in the shared lane.
    fn has_unlaned_actor(&self, actors: &[ActorIx]) -> bool {
        actors.is_empty() || actors.iter().any(|&a| self.actor_lane(a).is_none())
    }

    fn actor_lane(&self, a: ActorIx) -> Option<u32> {
        self.actor_lane
            .get(a as usize)
            .copied()
            .filter(|&l| l != NO_LANE)
    }

    /// The number of lanes.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether there are no lanes (no events).
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The lanes `e` is drawn in, each once: its category's, or each of its actors' (and the
    /// shared lane once for all its actors without a lane). Empty if the plan has none for it.
    /// Allocates nothing: it runs for every visible event on every frame.
    pub fn lanes_of<'a>(&'a self, e: &'a Event) -> impl Iterator<Item = u32> + 'a {
        self.lanes_for(e.category, &e.actors)
    }

    /// [`LanePlan::lanes_of`] for an event of `category` with `actors`, as read from the
    /// compact columns ([`Dataset::category_of`], [`Dataset::actors_of`]).
    pub fn lanes_for<'a>(
        &'a self,
        category: CategoryIx,
        actors: &'a [ActorIx],
    ) -> impl Iterator<Item = u32> + 'a {
        let category = if self.by_actor {
            None
        } else {
            self.category_lane
                .get(usize::from(category))
                .copied()
                .filter(|&l| l != NO_LANE)
        };
        let all = actors;
        let actors: &[ActorIx] = if self.by_actor { actors } else { &[] };
        let other = self
            .other
            .filter(|_| self.by_actor && self.has_unlaned_actor(all));
        category
            .into_iter()
            .chain(actors.iter().filter_map(move |&a| self.actor_lane(a)))
            .chain(other)
    }

    /// Calls `f` with each lane of [`LanePlan::lanes_for`], in the same order, without the
    /// iterator: a plan by category has one lane per event, found by one lookup.
    #[inline]
    pub fn each_lane(&self, category: CategoryIx, actors: &[ActorIx], mut f: impl FnMut(u32)) {
        if !self.by_actor {
            if let Some(&l) = self.category_lane.get(usize::from(category)) {
                if l != NO_LANE {
                    f(l);
                }
            }
            return;
        }
        let mut other = false;
        for &a in actors {
            match self.actor_lane(a) {
                Some(l) => f(l),
                None => other = true,
            }
        }
        if let Some(l) = self.other.filter(|_| other || actors.is_empty()) {
            f(l);
        }
    }

    /// A stable id for `lane`: the category's or actor's id, or [`OTHER_LANE_ID`]. Empty for a
    /// lane that does not exist.
    pub fn id<'a>(&self, ds: &'a Dataset, lane: u32) -> &'a str {
        match self.keys.get(lane as usize) {
            Some(LaneKey::Category(c)) => ds.category(*c).map_or("", |c| c.id.as_str()),
            Some(LaneKey::Actor(a)) => ds.actor(*a).map_or("", |a| a.id.as_str()),
            Some(LaneKey::Other) => OTHER_LANE_ID,
            None => "",
        }
    }

    /// What a reader sees beside `lane`: the category's label, the actor's name, or "Other".
    pub fn label<'a>(&self, ds: &'a Dataset, lane: u32) -> &'a str {
        match self.keys.get(lane as usize) {
            Some(LaneKey::Category(c)) => ds.category(*c).map_or("", |c| c.label.as_str()),
            Some(LaneKey::Actor(a)) => ds.actor(*a).map_or("", |a| a.name.as_str()),
            Some(LaneKey::Other) => "Other",
            None => "",
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The chart's vertical layout (the app's canvas and the prerendered first screen)
// ---------------------------------------------------------------------------------------------

/// The row above the lanes where milestone labels go, px.
pub const LANE_TOP: f64 = 20.0;
/// The height of a lane on a wide chart, px (see [`lane_height`]).
pub const LANE_H: f64 = 22.0;
/// The height of a lane on a narrow chart, px: a badge's height, so that the chart of every
/// category leaves room for the list on a phone's first screen.
pub const LANE_H_NARROW: f64 = 16.0;
/// The axis labels' row under the lanes, px.
pub const AXIS_H: f64 = 24.0;
/// Below this canvas width (CSS px) the chart is compact: a narrower gutter, lower lanes.
pub const NARROW_CHART_PX: f64 = 560.0;

/// The height of a lane for a canvas `css_width` wide, px: lower on phones.
pub fn lane_height(css_width: f64) -> f64 {
    if css_width < NARROW_CHART_PX {
        LANE_H_NARROW
    } else {
        LANE_H
    }
}

/// The canvas height for `lanes` lanes `lane_h` px high (one empty lane when there are none),
/// CSS px.
pub fn chart_height(lanes: usize, lane_h: f64) -> f64 {
    LANE_TOP + lanes.max(1) as f64 * lane_h + AXIS_H
}

// ---------------------------------------------------------------------------------------------
// Windows, bins and labels for the app
// ---------------------------------------------------------------------------------------------

/// The window that shows the whole of `data` with a margin either side (2% of its length, at
/// least 3 days), and never shorter than [`MIN_WINDOW_DAYS`]. The timeline opens on it, and
/// zooming out and panning stop at it.
pub fn overview_window(data: DaySpan) -> DaySpan {
    let (a, b) = (data.start.min(data.end), data.start.max(data.end));
    let len = f64::from(b) - f64::from(a) + 1.0;
    let short = ((MIN_WINDOW_DAYS - len) / 2.0).max(0.0);
    let pad = (len * 0.02).max(3.0).max(short).ceil();
    DaySpan {
        start: to_day(f64::from(a) - pad),
        end: to_day(f64::from(b) + pad),
    }
}

/// The shortest window [`fit_window`] opens on, in days (half a year): one event, or a few
/// days apart, are shown among months, not stretched across the width.
pub const MIN_FIT_DAYS: i32 = 183;

/// The margin [`fit_window`] leaves either side of the matches, as a share of their span.
pub const FIT_MARGIN: f64 = 0.05;

/// The span from the first start to the last end of the events among `sorted` (positions in
/// `ds.events`, in date order, as a filter returns them); `None` if there are none. Reads the
/// compact columns once each.
pub fn span_of_events(ds: &Dataset, sorted: &[usize]) -> Option<DaySpan> {
    let start = sorted.iter().find_map(|&i| ds.start_of(i))?;
    let end = sorted
        .iter()
        .filter_map(|&i| ds.span_of(i))
        .map(|s| s.end)
        .max()?;
    Some(DaySpan {
        start,
        end: end.max(start),
    })
}

/// The window the timeline opens on for a filter whose matches span `matches`: their span with
/// a margin of [`FIT_MARGIN`] either side (at least 3 days), at least [`MIN_FIT_DAYS`] long
/// (centred on the matches), shifted to lie inside `bounds` (the whole data's window, from
/// [`overview_window`]), and `bounds` itself once it would be as long. With every event
/// matching it is `bounds`, so an unfiltered timeline shows the whole data.
pub fn fit_window(matches: DaySpan, bounds: DaySpan) -> DaySpan {
    let (a, b) = (
        matches.start.min(matches.end),
        matches.start.max(matches.end),
    );
    let (lo, hi) = (bounds.start.min(bounds.end), bounds.start.max(bounds.end));
    let len = f64::from(b) - f64::from(a) + 1.0;
    let pad = (len * FIT_MARGIN).max(3.0).ceil();
    let mut start = f64::from(a) - pad;
    let mut end = f64::from(b) + pad;
    let short = (f64::from(MIN_FIT_DAYS) - (end - start + 1.0)).max(0.0);
    start -= (short / 2.0).floor();
    end += (short / 2.0).ceil();
    let width = end - start;
    if width >= f64::from(hi) - f64::from(lo) {
        return DaySpan { start: lo, end: hi };
    }
    if start < f64::from(lo) {
        (start, end) = (f64::from(lo), f64::from(lo) + width);
    } else if end > f64::from(hi) {
        (start, end) = (f64::from(hi) - width, f64::from(hi));
    }
    DaySpan {
        start: to_day(start),
        end: to_day(end),
    }
}

/// The time axis of a chart of bins (the pair ledger's bars, the compare chart's lines): `bins`
/// runs from the first bin's first day to the last bin's last day, and `data` is the whole
/// data's span. The bins are fitted as [`fit_window`] fits the matches (a margin of
/// [`FIT_MARGIN`], at least [`MIN_FIT_DAYS`]) inside the data's [`overview_window`], widened to
/// the bins so that no bar is cut: a filter's few events spread across the chart, and a single
/// event sits among months rather than filling the width.
pub fn fit_bins(bins: DaySpan, data: DaySpan) -> DaySpan {
    let bins = DaySpan {
        start: bins.start.min(bins.end),
        end: bins.start.max(bins.end),
    };
    let o = overview_window(data);
    let bounds = DaySpan {
        start: o.start.min(o.end).min(bins.start),
        end: o.start.max(o.end).max(bins.end),
    };
    fit_window(bins, bounds)
}

/// The density strip's bin for a scale over the whole data: the finest of years, months or
/// weeks at least [`MIN_BIN_PX`] wide (never days: a strip of days is noise).
pub fn overview_bin(scale: &TimeScale) -> DensityBin {
    match bin_for(scale) {
        DensityBin::Day => DensityBin::Week,
        b => b,
    }
}

impl DensityBin {
    /// The same bin as [`Bin`], for [`crate::aggregate::bin_counts`].
    pub fn to_bin(self) -> Bin {
        match self {
            DensityBin::Year => Bin::Year,
            DensityBin::Month => Bin::Month,
            DensityBin::Week => Bin::Week,
            DensityBin::Day => Bin::Day,
        }
    }
}

/// The events among `sorted` (positions in `ds.events`, in date order, as a filter returns
/// them) that overlap `window`, in that order: what the list under the canvas shows. Culls by
/// binary search first, so a narrow window over 100k events is cheap.
pub fn events_overlapping<'a>(
    ds: &'a Dataset,
    sorted: &'a [usize],
    window: DaySpan,
) -> impl Iterator<Item = usize> + 'a {
    let start_of = |&i: &usize| ds.start_of(i).unwrap_or(Day::MIN);
    let range = cull_range(sorted, start_of, ds.max_span_days, window);
    sorted
        .get(range)
        .unwrap_or(&[])
        .iter()
        .copied()
        .filter(move |&i| ds.span_of(i).is_some_and(|s| s.overlaps(&window)))
}

/// An event's date for a tooltip, saying how precise it is: "14 Oct 1960", "Mar 2022 (month)",
/// "2022 (year)", "27 Mar 2022 – 31 Mar 2022". Bands on the canvas are explained by it.
pub fn date_label(date: &PartialDate, end: Option<&PartialDate>) -> String {
    date_span(date, end, true)
}

/// An event's date as text, "A – B" when it lasted: the one place a date span is written, for
/// the HTML label (which shows an imprecise date by its style and title, so `precision` is
/// false there) and for plain text ([`date_label`]: the canvas tooltip, the keyboard list),
/// where each side not known to the day says to what ("Mar 2022 (month)").
pub fn date_span(date: &PartialDate, end: Option<&PartialDate>, precision: bool) -> String {
    let part = |d: &PartialDate| match d.precision() {
        Precision::Day => d.display(),
        _ if !precision => d.display(),
        p => format!("{} ({})", d.display(), p.as_str()),
    };
    match end {
        Some(end) => format!("{} – {}", part(date), part(end)),
        None => part(date),
    }
}

/// A short label for a milestone marker: the title up to its first colon (headlines read
/// "Moura massacre: hundreds killed…"), cut to `max_chars` characters with an ellipsis.
pub fn short_label(title: &str, max_chars: usize) -> String {
    let head = title.split(':').next().unwrap_or(title).trim();
    if head.chars().count() <= max_chars {
        return head.to_string();
    }
    let cut: String = head.chars().take(max_chars.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

/// A cluster's count as drawn in its badge, at most four characters: "7", "312", "4.2k", "37k".
pub fn count_label(n: u32) -> String {
    match n {
        0..=999 => n.to_string(),
        1000..=9_999 => format!("{}.{}k", n / 1000, (n % 1000) / 100),
        10_000..=999_999 => format!("{}k", n / 1000),
        _ => format!("{}M", n / 1_000_000),
    }
}

/// The zoom factor for a wheel event of `delta_y` pixels (positive scrolls down, which zooms
/// out), for [`TimeScale::zoom`]. Trackpad pinches arrive as small wheel deltas with the Ctrl
/// key held (`pinch`), so they are amplified. At most a factor of two either way per event, so
/// one fast flick cannot jump from decades to days.
pub fn wheel_zoom_factor(delta_y: f64, pinch: bool) -> f64 {
    if !delta_y.is_finite() {
        return 1.0;
    }
    let k = if pinch { 0.01 } else { 0.002 };
    let x = -delta_y * k;
    if x <= -std::f64::consts::LN_2 {
        0.5
    } else if x >= std::f64::consts::LN_2 {
        2.0
    } else {
        exp_small(x)
    }
}

/// e^x for |x| at most ln 2, by its Taylor series (17 terms: within an ulp or two of `f64::exp`).
/// The wheel's one use of `exp` linked libm's general version, about 600 B of wasm.
fn exp_small(x: f64) -> f64 {
    let (mut sum, mut term) = (1.0, 1.0);
    for n in 1..=17 {
        term *= x / f64::from(n);
        sum += term;
    }
    sum
}

// ---------------------------------------------------------------------------------------------
// Text alternative
// ---------------------------------------------------------------------------------------------

/// How the chart is used, in a sentence under it: the app and the prerendered first screen
/// (`dyad prerender`) show the same text, so the page under it is laid out alike.
pub const HELP: &str = "Drag or use ← → to pan; wheel, pinch or + − to zoom; Home fits the matches. Click an event to open it, a number to zoom into it.";

/// The sentence that describes the window for screen readers, e.g. "Timeline from Jan 2021 to
/// Dec 2022: 37 events, 4 milestones." Windows over twenty years read in years, windows over
/// two months in months, shorter ones in days.
pub fn describe(window: DaySpan, n_events: usize, n_milestones: usize) -> String {
    let (a, b) = (window.start.min(window.end), window.start.max(window.end));
    let len = b - a + 1;
    let fmt = |d: Day| -> String {
        let Some(n) = date_of_day(d) else {
            return String::new();
        };
        if len > 20 * 365 {
            n.year().to_string()
        } else if len > 62 {
            format!("{} {}", month_abbrev(n.month()), n.year())
        } else {
            format!("{} {} {}", n.day(), month_abbrev(n.month()), n.year())
        }
    };
    let plural = |n: usize, one: &str, many: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    };
    format!(
        "Timeline from {} to {}: {}, {}.",
        fmt(a),
        fmt(b),
        plural(n_events, "event", "events"),
        plural(n_milestones, "milestone", "milestones"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::PartialDate;

    fn day(s: &str) -> Day {
        s.parse::<PartialDate>().unwrap().first_day()
    }

    fn span(s: &str) -> DaySpan {
        s.parse::<PartialDate>().unwrap().span()
    }

    fn span2(a: &str, b: &str) -> DaySpan {
        DaySpan {
            start: day(a),
            end: b.parse::<PartialDate>().unwrap().last_day(),
        }
    }

    fn scale(a: &str, b: &str, w: f64) -> TimeScale {
        TimeScale::from_window(span2(a, b), w)
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-6 * (1.0 + a.abs().max(b.abs()))
    }

    /// Zooming in or out keeps the day under the anchor pixel where it was.
    #[test]
    fn zoom_keeps_anchor_fixed() {
        let cases = [
            (2.0, 0.0),
            (2.0, 500.0),
            (0.5, 250.0),
            (10.0, 999.0),
            (0.01, 123.4),
        ];
        for (factor, anchor) in cases {
            let mut s = scale("2000", "2009", 1000.0);
            let before = s.day_at(anchor);
            let days = s.days();
            s.zoom(factor, anchor);
            assert!(close(s.day_at(anchor), before), "{factor} @ {anchor}");
            assert!(close(s.days(), days / factor), "{factor} @ {anchor}");
        }
    }

    /// Bad zoom factors leave the scale alone.
    #[test]
    fn zoom_ignores_bad_factors() {
        for factor in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            let mut s = scale("2000", "2009", 1000.0);
            let before = s;
            s.zoom(factor, 10.0);
            assert_eq!(s, before, "{factor}");
        }
    }

    /// Dragging right by dx moves every day dx pixels right.
    #[test]
    fn pan_moves_content_with_the_pointer() {
        for dx in [100.0, -250.0, 0.5] {
            let mut s = scale("2020-01-01", "2020-12-31", 800.0);
            let d = s.day_at(300.0);
            s.pan(dx);
            assert!(close(s.x_of(d), 300.0 + dx), "{dx}");
            assert!(close(s.days(), 366.0));
        }
    }

    /// x_of and day_at are inverse at every zoom.
    #[test]
    fn day_pixel_roundtrip() {
        let scales = [
            scale("1900", "2099", 1200.0),
            scale("2022-03-01", "2022-03-07", 375.0),
            TimeScale::new(-3.3, 17.7, 1.0),
        ];
        for s in scales {
            for d in [-1000.0, 0.0, 0.5, 12345.678, f64::from(day("2022-03-04"))] {
                assert!(close(s.day_at(s.x_of(d)), d), "{s:?} {d}");
            }
        }
    }

    /// Clamping enforces the minimum and maximum length and keeps the window inside the data.
    #[test]
    fn clamp_limits() {
        let bounds = span2("2000", "2009");
        let lo = f64::from(bounds.start);
        let hi = f64::from(bounds.end) + 1.0;
        // (start, end, expected start, expected end)
        let cases = [
            // Too short: grows around its centre to 7 days.
            (lo + 100.0, lo + 101.0, lo + 97.0, lo + 104.0),
            // Too long: shrinks around its centre to max 1000 days.
            (lo, lo + 3000.0, lo + 1000.0, lo + 2000.0),
            // Off the left: shifted in.
            (lo - 50.0, lo + 50.0, lo, lo + 100.0),
            // Off the right: shifted in.
            (hi - 10.0, hi + 30.0, hi - 40.0, hi),
            // Inside: untouched.
            (lo + 10.0, lo + 20.0, lo + 10.0, lo + 20.0),
        ];
        for (a, b, ea, eb) in cases {
            let mut s = TimeScale::new(a, b, 500.0);
            s.clamp_to(bounds, MIN_WINDOW_DAYS, 1000.0);
            assert!(close(s.start, ea) && close(s.end, eb), "{a}..{b} -> {s:?}");
            let again = s;
            s.clamp_to(bounds, MIN_WINDOW_DAYS, 1000.0);
            assert!(
                close(s.start, again.start) && close(s.end, again.end),
                "idempotent"
            );
        }
        // Wider than the data: centred on it.
        let mut s = TimeScale::new(lo, lo + 5000.0, 500.0);
        s.clamp_to(bounds, 7.0, 10_000.0);
        assert!(close((s.start + s.end) / 2.0, (lo + hi) / 2.0));
    }

    /// Degenerate scales are repaired instead of dividing by zero.
    #[test]
    fn degenerate_scales_are_repaired() {
        let cases = [
            TimeScale::new(f64::NAN, 5.0, 100.0),
            TimeScale::new(10.0, 10.0, 0.0),
            TimeScale::new(20.0, 10.0, -5.0),
            TimeScale::new(1e300, -1e300, f64::INFINITY),
        ];
        for s in cases {
            assert!(s.end > s.start && s.width_px >= 1.0, "{s:?}");
            assert!(
                s.x_of(3.0).is_finite() && s.day_at(3.0).is_finite(),
                "{s:?}"
            );
            let _ = (s.window(), ticks(&s, 60.0), bin_for(&s));
        }
    }

    /// The URL window roundtrips through a scale, and rounds fractional edges.
    #[test]
    fn window_roundtrip() {
        let cases = [
            span2("2021-01-01", "2022-12-31"),
            span2("1960-10-14", "1960-10-14"),
            span2("1969-12-25", "1970-01-05"),
        ];
        for w in cases {
            assert_eq!(TimeScale::from_window(w, 640.0).window(), w);
        }
        let s = TimeScale::new(10.4, 20.6, 100.0);
        assert_eq!(s.window(), DaySpan { start: 10, end: 20 });
        assert_eq!(s.visible_days(), DaySpan { start: 10, end: 20 });
    }

    /// Zooming to a span frames it inside the padding.
    #[test]
    fn zoom_to_frames_span() {
        let mut s = TimeScale::new(0.0, 10_000.0, 1000.0);
        let target = span2("2022-03", "2022-04");
        s.zoom_to(target, 50.0);
        assert!(close(s.x_of(f64::from(target.start)), 50.0));
        assert!(close(s.x_of(f64::from(target.end) + 1.0), 950.0));
        // A single day is then widened by clamping, centred on that day.
        let d = day("2022-03-14");
        s.zoom_to(DaySpan { start: d, end: d }, 20.0);
        s.clamp_to(span2("2000", "2030"), MIN_WINDOW_DAYS, MAX_WINDOW_DAYS);
        assert!(close(s.days(), 7.0));
        assert!(close(s.x_center_of(DaySpan { start: d, end: d }), 500.0));
    }

    fn labels(ts: &[Tick]) -> Vec<&str> {
        ts.iter().map(|t| t.label.as_str()).collect()
    }

    /// Tick steps adapt to the window and labels never collide at the given spacing.
    #[test]
    fn tick_steps_and_labels() {
        // (window, width px, min label px, step, leading labels)
        type Case = (
            &'static str,
            &'static str,
            f64,
            f64,
            TickStep,
            &'static [&'static str],
        );
        let cases: [Case; 7] = [
            (
                "1900",
                "1999",
                1000.0,
                64.0,
                TickStep::Years(10),
                &["1900s", "1910s", "1920s"],
            ),
            (
                "1900",
                "1999",
                400.0,
                64.0,
                TickStep::Years(20),
                &["1900", "1920", "1940"],
            ),
            (
                "1990",
                "1999",
                1000.0,
                64.0,
                TickStep::Years(1),
                &["1990", "1991", "1992"],
            ),
            (
                "1990",
                "1999",
                400.0,
                64.0,
                TickStep::Years(2),
                &["1990", "1992", "1994"],
            ),
            (
                "2022-03",
                "2023-02",
                1000.0,
                64.0,
                TickStep::Months(1),
                &["Mar 2022", "Apr", "May"],
            ),
            (
                "2021-01",
                "2022-12",
                800.0,
                64.0,
                TickStep::Months(3),
                &["Jan 2021", "Apr", "Jul", "Oct", "Jan 2022"],
            ),
            (
                "2022-03-10",
                "2022-04-09",
                1000.0,
                64.0,
                TickStep::Days(2),
                &["11 Mar", "13 Mar"],
            ),
        ];
        for (a, b, w, gap, step, expected) in cases {
            let s = scale(a, b, w);
            assert_eq!(tick_step(&s, gap), step, "{a}..{b} at {w}px");
            let ts = ticks(&s, gap);
            assert!(ts.len() >= expected.len(), "{a}..{b}: {ts:?}");
            assert_eq!(&labels(&ts)[..expected.len()], expected, "{a}..{b}");
            assert_no_collision(&s, &ts, gap);
        }
    }

    /// Ticks are in the window, ordered, and at least the label spacing apart.
    fn assert_no_collision(s: &TimeScale, ts: &[Tick], gap: f64) {
        for t in ts {
            assert!(t.x >= -1e-9 && t.x <= s.width_px + 1e-9, "{t:?}");
            assert!(t.label.chars().count() <= MAX_LABEL_CHARS, "{t:?}");
            assert!(close(t.x, s.x_of(f64::from(t.day))));
        }
        for w in ts.windows(2) {
            assert!(w[1].x - w[0].x >= gap - 1e-9, "{:?} / {:?}", w[0], w[1]);
        }
    }

    /// Major ticks fall on the next unit up: decades, Januaries, month starts.
    #[test]
    fn major_ticks() {
        let s = scale("1985", "2004", 1000.0);
        let ts = ticks(&s, 40.0);
        let majors: Vec<&str> = ts
            .iter()
            .filter(|t| t.major)
            .map(|t| t.label.as_str())
            .collect();
        assert_eq!(majors, ["1990", "2000"]);

        let s = scale("2021-06", "2022-06", 1200.0);
        let ts = ticks(&s, 64.0);
        let majors: Vec<&str> = ts
            .iter()
            .filter(|t| t.major)
            .map(|t| t.label.as_str())
            .collect();
        assert_eq!(majors, ["Jan 2022"]);

        let s = scale("2022-02-20", "2022-03-20", 1000.0);
        let ts = ticks(&s, 150.0);
        assert_eq!(tick_step(&s, 150.0), TickStep::Days(7));
        assert_eq!(labels(&ts), ["22 Feb", "Mar 2022", "8 Mar", "15 Mar"]);
        assert_eq!(ts.iter().filter(|t| t.major).count(), 1);
    }

    /// Across every zoom from a week to centuries and widths from phone to desktop, labels
    /// stay apart and short, and the number of ticks stays bounded by the width.
    #[test]
    fn ticks_never_collide() {
        for w in [320.0, 800.0, 1920.0] {
            for days in [
                7.0, 20.0, 45.0, 100.0, 400.0, 1500.0, 4000.0, 20_000.0, 80_000.0,
            ] {
                let s = TimeScale::new(18_000.3, 18_000.3 + days, w);
                let gap = 60.0;
                let ts = ticks(&s, gap);
                assert_no_collision(&s, &ts, gap);
                assert!(ts.len() as f64 <= w / gap + 1.0, "{w} {days}: {}", ts.len());
            }
        }
    }

    /// The density bin is the finest that stays at least 4 px wide.
    #[test]
    fn bin_choice() {
        let cases = [
            ("1900", "1999", 1000.0, DensityBin::Year),
            ("2000", "2009", 1000.0, DensityBin::Month),
            ("2021", "2022", 600.0, DensityBin::Week),
            ("2022-01", "2022-03", 800.0, DensityBin::Day),
            ("1000", "2999", 300.0, DensityBin::Year),
        ];
        for (a, b, w, bin) in cases {
            assert_eq!(bin_for(&scale(a, b, w)), bin, "{a}..{b} at {w}px");
        }
    }

    fn marks_at(xs: &[(f64, f64)]) -> Vec<Mark> {
        xs.iter()
            .enumerate()
            .map(|(i, &(x0, x1))| Mark {
                x0,
                x1,
                span: DaySpan {
                    start: i as Day * 10,
                    end: i as Day * 10 + if x1 > x0 { 5 } else { 0 },
                },
                event: i,
                lane: 0,
                band: x1 > x0,
            })
            .collect()
    }

    /// Close marks merge, far ones stay apart, wide bands stay alone, and counts add up.
    #[test]
    fn clustering() {
        // (marks as (x0, x1), min gap, expected (count, x0, x1) per cluster)
        type Case = (&'static [(f64, f64)], f64, &'static [(u32, f64, f64)]);
        let cases: [Case; 6] = [
            (&[], 5.0, &[]),
            (&[(10.0, 10.0)], 5.0, &[(1, 10.0, 10.0)]),
            (
                &[(10.0, 10.0), (12.0, 12.0), (14.0, 14.0), (40.0, 40.0)],
                5.0,
                &[(3, 10.0, 14.0), (1, 40.0, 40.0)],
            ),
            (
                &[(10.0, 10.0), (15.0, 15.0), (20.0, 20.0)],
                5.0,
                &[(1, 10.0, 10.0), (1, 15.0, 15.0), (1, 20.0, 20.0)],
            ),
            // Narrow bands merge with points next to them.
            (&[(10.0, 12.0), (13.0, 13.0)], 5.0, &[(2, 10.0, 13.0)]),
            // A wide band stays alone; the points inside it still cluster together.
            (
                &[(0.0, 300.0), (10.0, 10.0), (11.0, 11.0)],
                5.0,
                &[(1, 0.0, 300.0), (2, 10.0, 11.0)],
            ),
        ];
        for (xs, gap, expected) in cases {
            let marks = marks_at(xs);
            let cs = cluster(&marks, gap);
            let got: Vec<(u32, f64, f64)> = cs.iter().map(|c| (c.count, c.x0, c.x1)).collect();
            assert_eq!(got, expected, "{xs:?}");
            assert_eq!(
                cs.iter().map(|c| c.count as usize).sum::<usize>(),
                marks.len()
            );
        }
    }

    /// A cluster knows its first event and the union of its events' spans.
    #[test]
    fn cluster_span_and_first() {
        let marks = marks_at(&[(10.0, 10.0), (12.0, 13.0), (14.0, 14.0)]);
        let cs = cluster(&marks, 5.0);
        assert_eq!(cs.len(), 1);
        assert_eq!(cs[0].first, 0);
        assert_eq!(cs[0].events_span, DaySpan { start: 0, end: 20 });
        assert!(!cs[0].is_single() && !cs[0].is_band());
    }

    /// Day events are points; month, year and ranged events are bands as wide as their span.
    #[test]
    fn bands_have_width() {
        let s = scale("2022", "2022", 365.0);
        let items = [
            (0, span("2022-03-14"), 0),
            (1, span("2022-03"), 0),
            (2, span("2022"), 1),
            (3, span2("2022-05-01", "2022-05-10"), 1),
        ];
        let lanes = layout_marks(&s, items, 2);
        let all: Vec<&Mark> = lanes.iter().flatten().collect();
        // (event, band, width px)
        let expected = [
            (0, false, 0.0),
            (1, true, 31.0),
            (2, true, 365.0),
            (3, true, 10.0),
        ];
        for (m, (ev, band, width)) in all.iter().zip(expected) {
            assert_eq!((m.event, m.band), (ev, band));
            assert!(close(m.x1 - m.x0, width), "{m:?}");
        }
        let point = all[0];
        assert!(close(point.x0, s.x_center_of(span("2022-03-14"))));
        assert!(close(
            point.x0,
            f64::from(day("2022-03-14") - day("2022")) + 0.5
        ));
    }

    /// Bands running off the canvas are clipped, and their centre is that of the visible part.
    #[test]
    fn bands_are_clipped() {
        let s = scale("2022-03", "2022-03", 310.0);
        let lanes = layout_marks(&s, [(0, span("2022"), 0)], 1);
        let m = lanes[0][0];
        assert_eq!((m.x0, m.x1), (0.0, 310.0));
        assert!(close(s.x_center_of(span("2022")), 155.0));
    }

    /// Culling keeps exactly the events overlapping the window, found by binary search.
    #[test]
    fn culling() {
        // Date-sorted by start, as Dataset::events is.
        let spans = [
            span("2019"),
            span2("2020-01-01", "2021-06-30"),
            span("2021-01"),
            span("2021-03-03"),
            span("2021-12-31"),
            span("2022-01-01"),
            span("2023"),
        ];
        let max_span = spans.iter().map(|s| s.len()).max().unwrap();
        let s = scale("2021-02", "2021-12", 800.0);
        let range = cull_range(&spans, |sp| sp.start, max_span, s.visible_days());
        let items = spans[range.clone()]
            .iter()
            .enumerate()
            .map(|(i, sp)| (range.start + i, *sp, 0));
        let lanes = layout_marks(&s, items, 1);
        let got: Vec<usize> = lanes[0].iter().map(|m| m.event).collect();
        assert_eq!(got, [1, 3, 4]);
        let brute: Vec<usize> = (0..spans.len())
            .filter(|&i| spans[i].overlaps(&s.visible_days()))
            .collect();
        assert_eq!(got, brute);
        assert!(range.start >= 1 && range.end <= 5, "{range:?}");
    }

    /// Items in lanes that do not exist are skipped rather than panicking.
    #[test]
    fn unknown_lane_is_skipped() {
        let s = scale("2022", "2022", 365.0);
        let lanes = layout_marks(&s, [(0, span("2022-03-14"), 7)], 2);
        assert!(lanes.iter().all(Vec::is_empty));
    }

    /// Lanes map y to a lane and back to its middle.
    #[test]
    fn lane_layout() {
        let l = LaneLayout {
            top: 20.0,
            lane_height: 10.0,
            count: 3,
        };
        let cases = [
            (19.9, None),
            (20.0, Some(0)),
            (29.9, Some(0)),
            (30.0, Some(1)),
            (49.9, Some(2)),
            (50.0, None),
            (f64::NAN, None),
        ];
        for (y, lane) in cases {
            assert_eq!(l.lane_at(y), lane, "{y}");
        }
        for lane in 0..3 {
            assert_eq!(l.lane_at(l.y_center(lane)), Some(lane));
        }
        assert_eq!(l.bottom(), 50.0);
    }

    /// Hit testing finds the nearest cluster within tolerance, preferring a point over the
    /// band beneath it, and the event drawn at x_center_of is hit there.
    #[test]
    fn hit_testing() {
        let s = scale("2022", "2022", 730.0);
        let items = [
            (0, span("2022"), 0),
            (1, span("2022-03-14"), 0),
            (2, span("2022-09-01"), 1),
        ];
        let lanes = layout_marks(&s, items, 2);
        let clusters = cluster_lanes(&lanes, 6.0);
        let layout = LaneLayout {
            top: 0.0,
            lane_height: 20.0,
            count: 2,
        };
        for (ev, sp, lane) in items {
            let x = s.x_center_of(sp);
            let y = layout.y_center(lane);
            let c = hit(&clusters, &layout, x, y, 4.0).unwrap();
            assert_eq!(c.first, ev, "event {ev}");
        }
        let x = s.x_center_of(span("2022-03-14"));
        // Near the point, the point wins over the year band beneath it; farther, the band.
        assert_eq!(
            hit(&clusters, &layout, x + 3.0, 10.0, 4.0).unwrap().first,
            1
        );
        assert_eq!(
            hit(&clusters, &layout, x + 30.0, 10.0, 4.0).unwrap().first,
            0
        );
        // Lane 1 has only one point: far from it is a miss.
        let x2 = s.x_center_of(span("2022-09-01"));
        assert!(hit(&clusters, &layout, x2 + 10.0, 30.0, 4.0).is_none());
        assert!(hit(&clusters, &layout, x2, 45.0, 4.0).is_none());
    }

    /// The text alternative names the window at a sensible precision and counts correctly.
    #[test]
    fn description() {
        let cases = [
            (
                span2("2021-01", "2022-12"),
                37,
                4,
                "Timeline from Jan 2021 to Dec 2022: 37 events, 4 milestones.",
            ),
            (
                span2("2022-03-01", "2022-03-20"),
                1,
                0,
                "Timeline from 1 Mar 2022 to 20 Mar 2022: 1 event, 0 milestones.",
            ),
            (
                span2("1950", "1999"),
                0,
                1,
                "Timeline from 1950 to 1999: 0 events, 1 milestone.",
            ),
        ];
        for (w, n, m, text) in cases {
            assert_eq!(describe(w, n, m), text);
        }
    }

    /// A small dataset: states AAA..EEE (named by letter in events, plus an idle ZZZ), categories x, y and an unused z, and events
    /// `(id, date, end, category, actors, milestone)`.
    /// `(id, date, end, category, actors, milestone)`.
    type Ev<'a> = (
        &'a str,
        &'a str,
        Option<&'a str>,
        &'a str,
        &'a [&'a str],
        bool,
    );

    fn dataset(events: &[Ev]) -> Dataset {
        let actors: Vec<String> = ["A", "B", "C", "D", "E", "Z"]
            .iter()
            .map(|id| {
                let code = id.repeat(3);
                format!(r#"{{ "id": "{code}", "name": "Actor {id}", "kind": "state" }}"#)
            })
            .collect();
        let categories: Vec<String> = ["x", "y", "z"]
            .iter()
            .map(|id| {
                format!(
                    r##"{{ "id": "{id}", "label": "Cat {id}", "definition": "d", "tone": 0, "color": "#112233" }}"##
                )
            })
            .collect();
        let events: Vec<String> = events
            .iter()
            .map(|(id, date, end, cat, actors, milestone)| {
                let end = end.map(|e| format!(r#""end": "{e}","#)).unwrap_or_default();
                let actors: Vec<String> =
                    actors.iter().map(|a| format!("\"{}\"", a.repeat(3))).collect();
                format!(
                    r#"{{ "id": "{id}", "date": "{date}", {end} "title": "T {id}", "summary": "",
                    "category": "{cat}", "actors": [{}], "milestone": {milestone},
                    "sources": [{{ "publisher": "P", "url": "https://example.org/{id}", "type": "media" }}],
                    "verification": "verified" }}"#,
                    actors.join(",")
                )
            })
            .collect();
        let json = format!(
            r#"{{ "schema": 1,
              "dataset": {{ "id": "t", "title": "T", "description": "", "version": "1", "updated": "2024-01-01", "license": "x" }},
              "actors": [{}], "categories": [{}], "events": [{}] }}"#,
            actors.join(","),
            categories.join(","),
            events.join(",")
        );
        crate::validate::parse_dataset(&json).unwrap()
    }

    fn lane_ids(ds: &Dataset, plan: &LanePlan) -> Vec<String> {
        (0..plan.len() as u32)
            .map(|l| plan.id(ds, l).to_string())
            .collect()
    }

    /// Lanes of each event, by event id, in the dataset's (date) order.
    /// Each event's lanes, by `lanes_of`; `each_lane` on the compact columns must agree.
    fn lanes_by_event(ds: &Dataset, plan: &LanePlan) -> Vec<(String, Vec<u32>)> {
        ds.events
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let lanes: Vec<u32> = plan.lanes_of(e).collect();
                let mut each = Vec::new();
                let c = ds.category_of(i).unwrap();
                plan.each_lane(c, ds.actors_of(i), |l| each.push(l));
                assert_eq!(each, lanes, "each_lane vs lanes_of, {}", e.id);
                (e.id.clone(), lanes)
            })
            .collect()
    }

    /// Category lanes are the categories present among the given events, in dataset order,
    /// and each event is in its category's lane only.
    #[test]
    fn lanes_by_category() {
        let ds = dataset(&[
            ("e1", "2020-01-01", None, "y", &["A"], false),
            ("e2", "2020-02-01", None, "x", &["B"], false),
            ("e3", "2020-03-01", None, "y", &["C"], false),
        ]);
        let all: Vec<usize> = (0..ds.events.len()).collect();
        let plan = LanePlan::new(&ds, &all, Lanes::Category);
        assert_eq!(lane_ids(&ds, &plan), ["x", "y"]);
        assert_eq!(plan.label(&ds, 1), "Cat y");
        assert_eq!(
            lanes_by_event(&ds, &plan),
            [
                ("e1".into(), vec![1]),
                ("e2".into(), vec![0]),
                ("e3".into(), vec![1])
            ]
        );
        // Filtered down to one event, one lane; an event outside the plan has no lane.
        let plan = LanePlan::by_category(&ds, &[1]);
        assert_eq!(lane_ids(&ds, &plan), ["x"]);
        assert_eq!(plan.lanes_of(&ds.events[0]).count(), 0);
        assert!(LanePlan::by_category(&ds, &[]).is_empty());
    }

    /// Actor lanes are the most active actors (ties by id), then "Other" for the rest; an
    /// event is in each of its actors' lanes, and in "Other" once however many actors it
    /// sends there.
    #[test]
    fn lanes_by_actor() {
        let ds = dataset(&[
            ("e1", "2020-01-01", None, "x", &["C", "A"], false),
            ("e2", "2020-02-01", None, "x", &["C", "B"], false),
            ("e3", "2020-03-01", None, "y", &["D", "E"], false),
            ("e4", "2020-04-01", None, "y", &["B", "C"], false),
        ]);
        let all: Vec<usize> = (0..ds.events.len()).collect();
        // Activity: C 3, B 2, A 1, D 1, E 1.
        // (named actor lanes, lane ids, lanes of each event)
        type Case = (
            usize,
            &'static [&'static str],
            &'static [(&'static str, &'static [u32])],
        );
        let cases: [Case; 3] = [
            (
                2,
                &["CCC", "BBB", OTHER_LANE_ID],
                &[
                    ("e1", &[0, 2]),
                    ("e2", &[0, 1]),
                    ("e3", &[2]),
                    ("e4", &[1, 0]),
                ],
            ),
            (
                5,
                &["CCC", "BBB", "AAA", "DDD", "EEE"],
                &[
                    ("e1", &[0, 2]),
                    ("e2", &[0, 1]),
                    ("e3", &[3, 4]),
                    ("e4", &[1, 0]),
                ],
            ),
            (
                0,
                &[OTHER_LANE_ID],
                &[("e1", &[0]), ("e2", &[0]), ("e3", &[0]), ("e4", &[0])],
            ),
        ];
        for (top, ids, lanes) in cases {
            let plan = LanePlan::by_actor(&ds, &all, top);
            assert_eq!(lane_ids(&ds, &plan), ids, "top {top}");
            let got = lanes_by_event(&ds, &plan);
            let want: Vec<(String, Vec<u32>)> = lanes
                .iter()
                .map(|(id, l)| (id.to_string(), l.to_vec()))
                .collect();
            assert_eq!(got, want, "top {top}");
        }
        let plan = LanePlan::new(&ds, &all, Lanes::Actor);
        assert_eq!(plan.label(&ds, 0), "Actor C");
        assert_eq!(plan.keys.len(), 5);
        assert_eq!(plan.id(&ds, 99), "");
    }

    /// The overview pads the data by 2% (at least 3 days) and is never under a week.
    #[test]
    fn overview_pads_data() {
        let cases = [
            (span2("2000", "2049"), 366, 366),
            (span2("2022-03-01", "2022-03-10"), 3, 3),
            (span("2022-03-14"), 3, 3),
        ];
        for (data, before, after) in cases {
            let w = overview_window(data);
            assert_eq!((data.start - w.start, w.end - data.end), (before, after));
            assert!(f64::from(w.len()) >= MIN_WINDOW_DAYS);
        }
    }

    /// The fit pads the matches by 5% (at least 3 days), is at least half a year long, stays
    /// inside the whole data's window, and is that window when it would be as long.
    #[test]
    fn fit_pads_the_matches_inside_the_bounds() {
        let bounds = span2("1959-09-17", "2025-11-23");
        // (what, matches, want)
        let cases = [
            (
                "two events a year apart: their span and 5% either side",
                span2("2023-03-01", "2024-02-29"),
                span2("2023-02-10", "2024-03-19"),
            ),
            (
                "one day: half a year centred on it",
                span("2023-06-15"),
                span2("2023-03-16", "2023-09-14"),
            ),
            (
                "a week: still half a year",
                span2("2023-06-12", "2023-06-18"),
                span2("2023-03-16", "2023-09-14"),
            ),
            (
                "near the start: shifted inside the bounds",
                span("1959-11-01"),
                span2("1959-09-17", "1960-03-17"),
            ),
            (
                "near the end: shifted inside the bounds",
                span("2025-11-20"),
                span2("2025-05-25", "2025-11-23"),
            ),
            (
                "nearly everything: the whole window",
                span2("1960-06-20", "2025-10-24"),
                bounds,
            ),
            (
                "reversed input is read as its span",
                DaySpan {
                    start: day("2024-02-29"),
                    end: day("2023-03-01"),
                },
                span2("2023-02-10", "2024-03-19"),
            ),
        ];
        for (what, matches, want) in cases {
            let got = fit_window(matches, bounds);
            assert_eq!(got, want, "{what}");
            assert!(got.start >= bounds.start && got.end <= bounds.end, "{what}");
            assert!(got.len() >= MIN_FIT_DAYS || got == bounds, "{what}");
        }
        // The whole data fits to its own overview.
        let data = span2("1960-06-20", "2025-10-24");
        assert_eq!(
            fit_window(data, overview_window(data)),
            overview_window(data)
        );
        // Bounds shorter than the minimum: the bounds.
        let small = span2("2022-03-01", "2022-03-10");
        assert_eq!(fit_window(span("2022-03-05"), small), small);
    }

    /// A chart's bins are fitted like the matches: padded, at least half a year, inside the
    /// data's window widened to the bins, never cutting a bin.
    #[test]
    fn fit_bins_pads_the_bins_inside_the_data() {
        let data = span2("1960-10-14", "2025-10-24");
        // (what, bins, want)
        let cases = [
            (
                "weeks over sixteen months: 5% either side",
                span2("2021-09-27", "2023-01-22"),
                span2("2021-09-02", "2023-02-16"),
            ),
            (
                "one day: half a year centred on it",
                span("2023-11-01"),
                span2("2023-08-02", "2024-01-31"),
            ),
            (
                "years over the whole data: the data's own window",
                span2("1960-01-01", "2025-12-31"),
                span2("1959-06-26", "2027-02-12"),
            ),
            (
                "a year bin before the data begins is kept whole",
                span2("1960-01-01", "1961-12-31"),
                span2("1959-11-25", "1962-02-06"),
            ),
        ];
        for (what, bins, want) in cases {
            let got = fit_bins(bins, data);
            assert_eq!(got, want, "{what}");
            assert!(got.start <= bins.start && got.end >= bins.end, "{what}");
            assert!(got.len() >= MIN_FIT_DAYS, "{what}");
        }
    }

    /// The span of some events runs from the first start to the latest end, long events
    /// included; none gives `None`.
    #[test]
    fn span_of_some_events() {
        let ds = crate::validate::validate(crate::synth::synth(500, 3)).unwrap();
        let all: Vec<usize> = (0..ds.events.len()).collect();
        assert_eq!(span_of_events(&ds, &all), ds.span());
        let some: Vec<usize> = all.iter().copied().filter(|i| i % 7 == 2).collect();
        let want = DaySpan {
            start: ds.events[some[0]].span.start,
            end: some.iter().map(|&i| ds.events[i].span.end).max().unwrap(),
        };
        assert_eq!(span_of_events(&ds, &some), Some(want));
        assert_eq!(span_of_events(&ds, &[]), None);
    }

    /// The strip's bin is the finest readable one but never days, and maps to the same
    /// aggregate bin.
    #[test]
    fn strip_bins() {
        let cases = [
            ("1960", "2025", 1000.0, DensityBin::Year, Bin::Year),
            ("2015", "2024", 1000.0, DensityBin::Month, Bin::Month),
            ("2022", "2023", 1000.0, DensityBin::Week, Bin::Week),
            ("2022-01", "2022-02", 1000.0, DensityBin::Week, Bin::Week),
        ];
        for (a, b, w, bin, agg) in cases {
            let got = overview_bin(&scale(a, b, w));
            assert_eq!((got, got.to_bin()), (bin, agg), "{a}..{b}");
            assert_eq!(got.as_str(), agg.as_str());
        }
        assert_eq!(DensityBin::Day.to_bin(), Bin::Day);
    }

    /// The events overlapping a window are found in order, long ones reaching in included.
    #[test]
    fn overlapping_events() {
        let ds = dataset(&[
            ("a", "2019", None, "x", &["A"], false),
            ("b", "2020-01-01", Some("2021-06-30"), "x", &["A"], false),
            ("c", "2021-03-03", None, "x", &["A"], true),
            ("d", "2021-12-31", None, "y", &["A"], false),
            ("e", "2022-01-01", None, "y", &["A"], false),
        ]);
        let all: Vec<usize> = (0..ds.events.len()).collect();
        let ids = |w: DaySpan, among: &[usize]| -> Vec<&str> {
            events_overlapping(&ds, among, w)
                .map(|i| ds.events[i].id.as_str())
                .collect()
        };
        assert_eq!(ids(span2("2021-02", "2021-12"), &all), ["b", "c", "d"]);
        assert_eq!(ids(span("2019-06"), &all), ["a"]);
        assert_eq!(ids(span("2030"), &all), Vec::<&str>::new());
        // Only among the given (filtered) events.
        assert_eq!(ids(span2("2021-02", "2021-12"), &[2, 4]), ["c"]);
    }

    /// Tooltip dates say how precise they are.
    #[test]
    fn date_labels() {
        let d = |s: &str| s.parse::<PartialDate>().unwrap();
        let cases = [
            ("1960-10-14", None, "14 Oct 1960"),
            ("2022-03", None, "Mar 2022 (month)"),
            ("2022", None, "2022 (year)"),
            (
                "2022-03-27",
                Some("2022-03-31"),
                "27 Mar 2022 – 31 Mar 2022",
            ),
            ("2022-03", Some("2023"), "Mar 2022 (month) – 2023 (year)"),
        ];
        for (date, end, want) in cases {
            let end = end.map(d);
            assert_eq!(date_label(&d(date), end.as_ref()), want);
        }
    }

    /// Without the precision, the span is the dates alone (the HTML label styles it instead).
    #[test]
    fn date_spans_without_precision() {
        let d = |s: &str| s.parse::<PartialDate>().unwrap();
        let cases = [
            ("1960-10-14", None, "14 Oct 1960"),
            ("2022-03", None, "Mar 2022"),
            ("2022", None, "2022"),
            ("2022-03", Some("2023"), "Mar 2022 – 2023"),
            (
                "2022-03-27",
                Some("2022-03-31"),
                "27 Mar 2022 – 31 Mar 2022",
            ),
        ];
        for (date, end, want) in cases {
            let end = end.map(d);
            assert_eq!(date_span(&d(date), end.as_ref(), false), want);
        }
    }

    /// Milestone labels keep the headline's head and stay short.
    #[test]
    fn short_labels() {
        let cases = [
            ("Moura massacre: hundreds killed", 24, "Moura massacre"),
            ("Independence of Mali", 24, "Independence of Mali"),
            (
                "Coup d'état in Bamako, the second in nine months",
                20,
                "Coup d'état in Bama…",
            ),
            ("Élections générales", 5, "Élec…"),
            ("", 10, ""),
        ];
        for (title, n, want) in cases {
            let got = short_label(title, n);
            assert_eq!(got, want);
            assert!(got.chars().count() <= n);
        }
    }

    /// Cluster counts fit a small badge.
    #[test]
    fn count_labels() {
        let cases = [
            (1, "1"),
            (999, "999"),
            (1000, "1.0k"),
            (4271, "4.2k"),
            (37_000, "37k"),
            (2_500_000, "2M"),
        ];
        for (n, want) in cases {
            assert_eq!(count_label(n), want);
            assert!(count_label(n).chars().count() <= 4);
        }
    }

    /// Wheel down zooms out, up zooms in, pinches count more, and no event does more than
    /// double or halve the window.
    #[test]
    fn wheel_factors() {
        assert!(wheel_zoom_factor(100.0, false) < 1.0);
        assert!(wheel_zoom_factor(-100.0, false) > 1.0);
        assert!(wheel_zoom_factor(-10.0, true) > wheel_zoom_factor(-10.0, false));
        assert_eq!(wheel_zoom_factor(0.0, false), 1.0);
        assert_eq!(wheel_zoom_factor(f64::NAN, false), 1.0);
        assert_eq!(wheel_zoom_factor(1e6, false), 0.5);
        assert_eq!(wheel_zoom_factor(-1e6, true), 2.0);
        // The factor is e^(-delta × k), up to rounding, between the limits.
        for (dy, pinch) in [
            (100.0, false),
            (-100.0, false),
            (-10.0, true),
            (33.0, true),
            (340.0, false),
        ] {
            let k: f64 = if pinch { 0.01 } else { 0.002 };
            let want = (-dy * k).exp().clamp(0.5, 2.0);
            let got = wheel_zoom_factor(dy, pinch);
            assert!(
                (got - want).abs() <= 4.0 * f64::EPSILON,
                "{dy} {pinch}: {got} vs {want}"
            );
        }
    }

    /// The one-pass layout gives exactly the two steps' clusters (marks, then clusters per
    /// lane), over synthetic data with bands, by category and by actor, for every event and
    /// for a subset, zoomed out, into one year and onto a window past the data.
    #[test]
    fn layout_clusters_is_the_two_steps() {
        // Whether the cases met groups and bands at all.
        let (mut groups, mut bands) = (false, false);
        for seed in [1, 7, 42] {
            let ds = crate::validate::validate(crate::synth::synth(4000, seed)).unwrap();
            let all: Vec<usize> = (0..ds.events.len()).collect();
            let some: Vec<usize> = all.iter().copied().filter(|i| i % 3 != 1).collect();
            let whole = overview_window(ds.span().unwrap());
            let mid = (whole.start + whole.end) / 2;
            let windows = [
                whole,
                DaySpan {
                    start: mid,
                    end: mid + 365,
                },
                DaySpan {
                    start: whole.end + 10,
                    end: whole.end + 400,
                },
            ];
            for lanes in [Lanes::Category, Lanes::Actor] {
                for events in [&all, &some] {
                    let plan = LanePlan::new(&ds, events, lanes);
                    for window in windows {
                        for (width, gap) in [(1100.0, 14.0), (320.0, 14.0), (800.0, 0.0)] {
                            let scale = TimeScale::from_window(window, width);
                            let items = events.iter().flat_map(|&i| {
                                let e = &ds.events[i];
                                plan.lanes_of(e).map(move |l| (i, e.span, l))
                            });
                            let want = cluster_lanes(&layout_marks(&scale, items, plan.len()), gap);
                            let mut got = vec![Vec::new(); plan.len()];
                            layout_clusters(&scale, &ds, &plan, events, gap, &mut got);
                            groups |= want.iter().flatten().any(|c| c.count > 1);
                            bands |= want.iter().flatten().any(Cluster::is_band);
                            assert_eq!(
                                got,
                                want,
                                "seed {seed}, {lanes:?}, {} events, {window:?}, {width} px",
                                events.len()
                            );
                        }
                    }
                }
            }
        }
        assert!(groups && bands, "the cases draw groups and bands");
    }
}
