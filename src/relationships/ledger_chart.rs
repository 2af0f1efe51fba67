//! The pair ledger's chart, drawn by plotters ([`ChartCanvas`]): stacked bars of events per
//! period by category (left axis), net tone per period as a line on a second axis (right, zero
//! in the middle), and milestones as diamonds above the plot with a dashed line down to the
//! axis. The time axis spans the ledger's fitted window (the bins with a margin, at least half a
//! year) and carries the core's ticks. Pointing at a period shows its events by category, its
//! net tone and its milestones.

use std::sync::Arc;

use dyad_core::aggregate::PairSeries;
use dyad_core::timeline::TimeScale;
use dyad_core::Dataset;
use leptos::prelude::*;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::chart::{
    bin_at, nice_ticks, rgb, Axis, Chart, ChartCanvas, Frame, Readout, Size, Surface,
};
use super::events_word;
use super::fmt_tone;
use super::ledger::Ledger;
use crate::state::use_app;

/// What the chart draws: the pair's ledger, with the dataset for category colours and labels.
pub(super) struct PairChart {
    /// The dataset.
    ds: Arc<Dataset>,
    /// The pair's figures.
    ledger: Arc<Ledger>,
}

/// The chart of the pair's events and net tone per period, named for screen readers.
#[component]
pub(super) fn LedgerChart(
    /// The pair's figures.
    ledger: Memo<Option<Arc<Ledger>>>,
) -> impl IntoView {
    let app = use_app();
    let chart = Signal::derive(move || {
        let chart: Arc<dyn Chart> = Arc::new(PairChart {
            ds: app.dataset.get()?,
            ledger: ledger.get()?,
        });
        Some(chart)
    });
    let label = Signal::derive(move || {
        let per = ledger.with(|l| {
            l.as_ref()
                .map(|l| l.series.bin.label().to_ascii_lowercase())
                .unwrap_or_default()
        });
        format!(
            "Events per {per} by category, with net tone per {per} on the right axis. The table below gives the figures."
        )
    });
    view! { <ChartCanvas label=label chart=chart /> }
}

/// The frame and the time scale of the ledger's chart in a box of `size`: the time axis is the
/// ledger's fitted window, so the pair's events spread across the plot.
fn geometry(ledger: &Ledger, size: Size) -> Option<(Frame, TimeScale)> {
    let frame = Frame::new(size, true);
    let scale = frame.scale_over(ledger.window?);
    Some((frame, scale))
}

/// The count axis's ticks (whole numbers) and the tone axis's (symmetric around zero).
fn value_ticks(series: &PairSeries) -> (Vec<f64>, Vec<f64>) {
    let max_total = series
        .counts
        .iter()
        .map(|c| c.iter().sum::<u32>())
        .max()
        .unwrap_or(0)
        .max(1);
    let counts: Vec<f64> = nice_ticks(0.0, f64::from(max_total), 4)
        .into_iter()
        .filter(|v| v.fract() == 0.0)
        .collect();
    let tmax = series
        .net_tone
        .iter()
        .fold(1.0f64, |m, &t| m.max(f64::from(t).abs()));
    (counts, nice_ticks(-tmax, tmax, 4))
}

impl Chart for PairChart {
    fn draw(&self, area: &DrawingArea<super::chart::PageCanvas, Shift>, s: &Surface) {
        // A failed call leaves the rest of the chart undrawn; there is nothing else to do.
        let _ = plot(area, &self.ds, &self.ledger, s);
    }

    fn readout(&self, x: f64, size: Size) -> Option<Readout> {
        readout(self, x, size)
    }
}

/// Draws the chart on `area` (device pixels).
fn plot<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    ds: &Dataset,
    ledger: &Ledger,
    s: &Surface,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let series = &ledger.series;
    let Some((frame, scale)) = geometry(ledger, s.size) else {
        return Ok(());
    };
    let t = s.theme;
    let (count_ticks, tone_ticks) = value_ticks(series);
    let counts = Axis::values(&count_ticks, false);
    let tones = Axis::values(&tone_ticks, true);
    let count_hi = counts.hi();
    let time = Axis::time(&scale);
    let mut chart = frame
        .builder(area, s)
        .build_cartesian_2d(time.clone(), counts)?
        .set_secondary_coord(time, tones);
    chart
        .configure_mesh()
        .disable_x_mesh()
        .bold_line_style(t.line.stroke_width(1))
        .axis_style(t.line.stroke_width(s.stroke(1.0)))
        .label_style(s.font(11.0, t.muted))
        .set_all_tick_mark_size(s.px(4.0))
        .draw()?;
    chart
        .configure_secondary_axes()
        .axis_style(t.line.stroke_width(s.stroke(1.0)))
        .label_style(s.font(11.0, t.muted))
        .set_all_tick_mark_size(s.px(4.0))
        .draw()?;

    // Bars, a pixel apart where they are wide enough to tell apart.
    let bin = series.bin;
    let colors: Vec<RGBColor> = ds
        .categories
        .iter()
        .map(|c| rgb(&c.color).unwrap_or(RGBColor(128, 128, 128)))
        .collect();
    let ppd = scale.px_per_day();
    let mut bars = Vec::new();
    for (&b0, row) in series.starts.iter().zip(&series.counts) {
        let (x0, x1) = (f64::from(b0), f64::from(bin.next(b0)));
        let gap = if (x1 - x0) * ppd > 4.0 {
            1.0 / ppd
        } else {
            0.0
        };
        let mut acc = 0u32;
        for (c, &n) in row.iter().enumerate().filter(|&(_, &n)| n > 0) {
            let color = colors.get(c).copied().unwrap_or(RGBColor(128, 128, 128));
            bars.push(Rectangle::new(
                [(x0, f64::from(acc)), (x1 - gap, f64::from(acc + n))],
                color.filled(),
            ));
            acc += n;
        }
    }
    chart.draw_series(bars)?;

    // Net tone: the zero line, the line through each period's middle, and dots where periods
    // are wide enough to tell them apart.
    let (lo, hi) = (scale.start, scale.end);
    chart.draw_secondary_series(DashedLineSeries::new(
        [(lo, 0.0), (hi, 0.0)],
        s.px(4.0),
        s.px(3.0),
        t.muted.stroke_width(s.stroke(1.0)),
    ))?;
    let points: Vec<(f64, f64)> = series
        .starts
        .iter()
        .enumerate()
        .map(|(i, &b0)| {
            let mid = (f64::from(b0) + f64::from(bin.next(b0))) / 2.0;
            (
                mid,
                f64::from(series.net_tone.get(i).copied().unwrap_or(0.0)),
            )
        })
        .collect();
    chart.draw_secondary_series(LineSeries::new(
        points.iter().copied(),
        t.fg.stroke_width(s.stroke(2.0)),
    ))?;
    if frame.plot_width() / series.starts.len().max(1) as f64 >= 6.0 {
        let r = s.px(3.0);
        chart.draw_secondary_series(points.iter().map(|&p| {
            EmptyElement::at(p)
                + Circle::new((0, 0), r, t.bg.filled())
                + Circle::new((0, 0), r, t.fg.stroke_width(s.stroke(1.5)))
        }))?;
    }

    // Milestones: a diamond above the plot, a dashed line down to the axis.
    let (d, up) = (s.px(5.0), s.px(9.0));
    for (day, _) in &ledger.milestones {
        let x = f64::from(*day);
        if x < lo || x >= hi {
            continue;
        }
        chart.draw_series(DashedLineSeries::new(
            [(x, 0.0), (x, count_hi)],
            s.px(2.0),
            s.px(3.0),
            t.accent.mix(0.6).stroke_width(s.stroke(1.0)),
        ))?;
        chart.draw_series(std::iter::once(
            EmptyElement::at((x, count_hi))
                + Polygon::new(
                    vec![(0, -up - d), (d, -up), (0, -up + d), (-d, -up)],
                    t.accent.filled(),
                ),
        ))?;
    }

    // Axis titles in the top corners.
    let title = s.bold(11.0, t.fg);
    let (w, _) = area.dim_in_pixel();
    area.draw(&Text::new(
        "Events",
        (s.px(2.0), s.px(2.0)),
        title.clone().pos(Pos::new(HPos::Left, VPos::Top)),
    ))?;
    area.draw(&Text::new(
        "Net tone",
        (w as i32 - s.px(2.0), s.px(2.0)),
        title.pos(Pos::new(HPos::Right, VPos::Top)),
    ))?;
    Ok(())
}

/// The figures of the period at `x` CSS px: "1992: 5 events", then its events by category,
/// its net tone, and its milestones.
fn readout(m: &PairChart, x: f64, size: Size) -> Option<Readout> {
    let series = &m.ledger.series;
    let (frame, scale) = geometry(&m.ledger, size)?;
    if x < frame.left || x > frame.right {
        return None;
    }
    let i = bin_at(&series.starts, series.bin, scale.day_at(x - frame.left))?;
    let start = *series.starts.get(i)?;
    let end = series.bin.next(start);
    let row = series.counts.get(i)?;
    let total: u32 = row.iter().sum();
    let mut lines = vec![format!(
        "{}: {}",
        series.bin.period_label(start),
        events_word(total as usize)
    )];
    lines.extend(
        row.iter()
            .enumerate()
            .filter(|&(_, &n)| n > 0)
            .filter_map(|(c, n)| Some(format!("{} {n}", m.ds.categories.get(c)?.label))),
    );
    if total > 0 {
        let tone = series.net_tone.get(i).copied().unwrap_or(0.0);
        lines.push(format!("Net tone {}", fmt_tone(tone)));
    }
    lines.extend(
        m.ledger
            .milestones
            .iter()
            .filter(|(d, _)| (start..end).contains(d))
            .map(|(_, label)| format!("◆ {label}")),
    );
    Some(Readout::over(
        &frame,
        &scale,
        (start, end),
        lines.join("\n"),
    ))
}

#[cfg(test)]
mod tests {
    use super::super::chart::recorder::Recorder;
    use super::super::chart::{Size, Surface, Theme};
    use super::*;
    use dyad_core::aggregate::{pair_table, PairKey};

    /// A synthetic dataset and the ledger of its busiest pair, yearly.
    fn busiest() -> (Dataset, Ledger) {
        let ds = dyad_core::validate::validate(dyad_core::synth::synth(400, 7)).unwrap();
        let all: Vec<usize> = (0..ds.events.len()).collect();
        let key: PairKey = pair_table(&ds, &all, false)[0].key;
        let ledger = Ledger::build(
            &ds,
            &all,
            key,
            dyad_core::aggregate::Merge::default(),
            Some(dyad_core::aggregate::Bin::Year),
            None,
        );
        (ds, ledger)
    }

    const SIZE: Size = Size {
        width: 640.0,
        height: 280.0,
    };

    /// Every category with events in the series has bars in its colour, every bar lies inside
    /// the plot, the tone line is drawn in the theme's text colour, and the time axis is
    /// labelled with the core's ticks.
    #[test]
    fn bars_in_category_colours() {
        let (ds, ledger) = busiest();
        for dpr in [1.0, 2.0] {
            let s = Surface {
                size: SIZE,
                dpr,
                theme: Theme::LIGHT,
            };
            let mut rec = Recorder::new((640.0 * dpr) as u32, (280.0 * dpr) as u32);
            plot(&(&mut rec).into_drawing_area(), &ds, &ledger, &s).unwrap();
            let frame = Frame::new(SIZE, true);
            for c in ledger.categories(&ds) {
                let want = rgb(&ds.categories[c].color).unwrap();
                assert!(
                    rec.rects.iter().any(|r| r.2 == (want.0, want.1, want.2)),
                    "category {c} at {dpr}x"
                );
            }
            let (l, r) = (frame.left * dpr - 1.0, frame.right * dpr + 1.0);
            let (t, b) = (frame.top * dpr - 1.0, frame.bottom * dpr + 1.0);
            let bars = rec.rects.iter().filter(|r| r.2 != (255, 255, 255));
            for ((x0, y0), (x1, y1), _) in bars {
                for (x, y) in [(x0, y0), (x1, y1)] {
                    let (x, y) = (f64::from(*x), f64::from(*y));
                    assert!(x >= l && x <= r && y >= t && y <= b, "({x}, {y}) at {dpr}x");
                }
            }
            let fg = Theme::LIGHT.fg;
            assert!(rec.has_path((fg.0, fg.1, fg.2)), "tone line");
            let (_, scale) = geometry(&ledger, SIZE).unwrap();
            for tick in dyad_core::timeline::ticks(&scale, 70.0) {
                assert!(
                    rec.texts.iter().any(|t| t.0 == tick.label),
                    "{}",
                    tick.label
                );
            }
        }
    }

    /// Pointing at a period reads its figures; outside the plot there is nothing.
    #[test]
    fn readout_of_a_period() {
        let (ds, ledger) = busiest();
        let (frame, scale) = geometry(&ledger, SIZE).unwrap();
        let s = &ledger.series;
        let i = (0..s.starts.len())
            .find(|&i| s.counts[i].iter().sum::<u32>() > 0)
            .unwrap();
        let mid = (f64::from(s.starts[i]) + f64::from(s.bin.next(s.starts[i]))) / 2.0;
        let x = frame.left + scale.x_of(mid);
        let m = PairChart {
            ds: Arc::new(ds),
            ledger: Arc::new(ledger),
        };
        let r = readout(&m, x, SIZE).unwrap();
        let s = &m.ledger.series;
        let total: u32 = s.counts[i].iter().sum();
        let first = r.text.lines().next().unwrap();
        assert_eq!(
            first,
            format!(
                "{}: {}",
                s.bin.period_label(s.starts[i]),
                events_word(total as usize)
            )
        );
        assert!(r.text.contains("Net tone "), "{}", r.text);
        assert!(r.left <= x && x <= r.left + r.width);
        assert_eq!(readout(&m, frame.left - 5.0, SIZE), None);
        assert_eq!(readout(&m, frame.right + 5.0, SIZE), None);
    }
}
