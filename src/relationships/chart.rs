//! What the two SVG charts share: the measured width of a chart's box, the plot frame, round
//! value ticks, the axes (time ticks come from the core), built as [`El`] trees.

use crate::format::{fixed, push_fixed, trimmed};
use dyad_core::timeline::{ticks, TimeScale};
use dyad_core::Day;
use leptos::html;
use leptos::prelude::*;

use super::dom::{el, El};

/// Height of a chart in CSS pixels.
pub(crate) const HEIGHT: f64 = 280.0;

/// Colour-blind-safe line colours (Okabe and Ito), each paired with a dash pattern so lines
/// differ by more than hue.
pub(crate) const LINES: [(&str, &str); 6] = [
    ("#0072B2", ""),
    ("#D55E00", "7 3"),
    ("#009E73", "2 3"),
    ("#CC79A7", "9 3 2 3"),
    ("#E69F00", "4 4"),
    ("#56B4E9", "12 4"),
];

/// The plot area inside a chart of `width` x [`HEIGHT`], leaving room for axes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Frame {
    /// Whole width.
    pub width: f64,
    /// Left edge of the plot.
    pub left: f64,
    /// Right edge of the plot.
    pub right: f64,
    /// Top edge of the plot.
    pub top: f64,
    /// Bottom edge of the plot.
    pub bottom: f64,
}

impl Frame {
    /// A frame with room for a value axis on the left, and on the right if `right_axis`.
    pub fn new(width: f64, right_axis: bool) -> Self {
        let width = width.max(240.0);
        Frame {
            width,
            left: 44.0,
            right: width - if right_axis { 48.0 } else { 14.0 },
            top: 22.0,
            bottom: HEIGHT - 26.0,
        }
    }

    /// Width of the plot.
    pub fn plot_width(&self) -> f64 {
        self.right - self.left
    }

    /// The y of `v` on an axis from `lo` (bottom) to `hi` (top).
    pub fn y(&self, v: f64, lo: f64, hi: f64) -> f64 {
        let span = if hi > lo { hi - lo } else { 1.0 };
        self.bottom - (v - lo) / span * (self.bottom - self.top)
    }

    /// The time scale over the plot for the days `start` to `end` (both inclusive).
    pub fn scale(&self, start: Day, end: Day) -> TimeScale {
        TimeScale::new(f64::from(start), f64::from(end) + 1.0, self.plot_width())
    }

    /// The x of a day on `scale`.
    pub fn x(&self, scale: &TimeScale, day: f64) -> f64 {
        self.left + scale.x_of(day)
    }
}

/// The width of `node`, measured once mounted and again when the window is resized. The width
/// is a fact about the page, not view state, so it lives in a local signal.
pub(crate) fn use_width(node: NodeRef<html::Div>) -> RwSignal<f64> {
    let width = RwSignal::new(720.0);
    let measure = move || {
        if let Some(el) = node.get_untracked() {
            let w = f64::from(el.client_width());
            if w > 0.0 && (w - width.get_untracked()).abs() >= 1.0 {
                width.set(w);
            }
        }
    };
    Effect::new(move |_| {
        if node.get().is_some() {
            measure();
        }
    });
    let handle = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || handle.remove());
    width
}

/// About `n` round values (steps of 1, 2 or 5 times a power of ten) covering `lo..=hi`, the
/// first at or below `lo` and the last at or above `hi`.
pub(crate) fn nice_ticks(lo: f64, hi: f64, n: usize) -> Vec<f64> {
    let (lo, hi) = if lo.is_finite() && hi.is_finite() && hi > lo && (hi - lo).is_finite() {
        (lo, hi)
    } else {
        (0.0, 1.0)
    };
    let raw = (hi - lo) / n.max(1) as f64;
    // The power of ten at or below `raw`, by steps of ten rather than `10^floor(log10(raw))`:
    // `log10` and `powi` linked libm code (about 600 B of wasm) for this one call. `raw` is
    // positive here (possibly infinite), and the loops stop within 308 steps either way.
    let mut mag = 1.0;
    while mag * 10.0 <= raw && mag < 1e300 {
        mag *= 10.0;
    }
    while mag > raw && mag > f64::MIN_POSITIVE {
        mag /= 10.0;
    }
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    let first = (lo / step).floor() as i64;
    let last = (hi / step).ceil() as i64;
    (first..=last).map(|i| i as f64 * step).collect()
}

/// Appends `prefix` and the point `x,y` to an SVG path, each to a tenth (as `{:.1}`).
pub(crate) fn push_xy(d: &mut String, prefix: &str, x: f64, y: f64) {
    d.push_str(prefix);
    push_fixed(d, x, 1, false);
    d.push(',');
    push_fixed(d, y, 1, false);
}

/// A value label: whole numbers without decimals, a true minus sign.
pub(crate) fn fmt_value(v: f64) -> String {
    let s = if (v - v.round()).abs() < 1e-9 {
        fixed(v.round().abs(), 0)
    } else {
        fixed(v.abs(), 1)
    };
    if v < 0.0 && s != "0" {
        format!("−{s}")
    } else if v > 0.0 && s != "0" {
        format!("+{s}")
    } else {
        s
    }
}

/// The time axis under the plot: a baseline, tick marks and labels from the core's ticks.
pub(crate) fn time_axis(frame: Frame, scale: &TimeScale) -> El {
    let marks = ticks(scale, 70.0).into_iter().map(|t| {
        let x = frame.left + t.x;
        el("g")
            .class(if t.major { "tick major" } else { "tick" })
            .child(
                el("line")
                    .num("x1", x)
                    .num("x2", x)
                    .num("y1", frame.bottom)
                    .num("y2", frame.bottom + 4.0),
            )
            .child(
                el("text")
                    .num("x", x)
                    .num("y", frame.bottom + 16.0)
                    .attr("text-anchor", "middle")
                    .text(t.label),
            )
    });
    el("g")
        .class("axis time-axis")
        .attr("aria-hidden", "true")
        .child(hline(frame, frame.bottom, "baseline"))
        .kids(marks)
}

/// A horizontal line across the plot at `y`.
pub(crate) fn hline(frame: Frame, y: f64, class: &str) -> El {
    el("line")
        .class(class)
        .num("x1", frame.left)
        .num("x2", frame.right)
        .num("y1", y)
        .num("y2", y)
}

/// A value axis: labels on the left or right edge of the plot, and grid lines if asked.
pub(crate) fn value_axis(
    frame: Frame,
    values: &[f64],
    (lo, hi): (f64, f64),
    right: bool,
    signed: bool,
    grid: bool,
) -> El {
    let (x, anchor) = if right {
        (frame.right + 6.0, "start")
    } else {
        (frame.left - 6.0, "end")
    };
    let marks = values.iter().map(|&v| {
        let y = frame.y(v, lo, hi);
        // Ticks are round (steps of 1, 2 or 5 times a power of ten): six decimals write them
        // as `{}` would, and drop the noise of a step such as 0.1 × 3.
        let label = if signed { fmt_value(v) } else { trimmed(v, 6) };
        let mut g = el("g").class("tick");
        if grid {
            g = g.child(hline(frame, y, "grid"));
        }
        g.child(
            el("text")
                .num("x", x)
                .num("y", y + 4.0)
                .attr("text-anchor", anchor)
                .text(label),
        )
    });
    el("g")
        .class("axis value-axis")
        .attr("aria-hidden", "true")
        .kids(marks)
}

/// An axis title at the top left or right corner.
pub(crate) fn axis_title(frame: Frame, text: &str, right: bool) -> El {
    let t = el("text").class("axis-title").num("y", 11.0);
    let t = if right {
        t.num("x", frame.width - 2.0).attr("text-anchor", "end")
    } else {
        t.num("x", 2.0)
    };
    t.text(text)
}

/// The `<svg>` element of a chart, an image named by `label`.
pub(crate) fn svg(frame: Frame, label: String) -> El {
    el("svg")
        .class("chart")
        .num("width", frame.width)
        .num("height", HEIGHT)
        .attr("role", "img")
        .attr("aria-label", label)
}

#[cfg(test)]
mod tests {
    use super::{fmt_value, nice_ticks};

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
        // Extreme ranges end, with a few ticks, rather than loop.
        assert_eq!(nice_ticks(-f64::MAX, f64::MAX, 4), [0.0, 0.5, 1.0]);
        let tiny = nice_ticks(0.0, 1e-300, 4);
        assert!((2..=6).contains(&tiny.len()), "{tiny:?}");
        assert!(tiny.last().is_some_and(|&t| t >= 1e-300), "{tiny:?}");
    }

    /// Labels are signed with a true minus, zero unsigned.
    #[test]
    fn value_labels() {
        let cases = [(0.0, "0"), (20.0, "+20"), (-40.0, "−40"), (0.5, "+0.5")];
        for (v, want) in cases {
            assert_eq!(fmt_value(v), want);
        }
    }
}
