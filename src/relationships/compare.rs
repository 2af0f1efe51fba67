//! "Compare pairs": chosen pairs' cumulative net tone on one time axis, drawn by plotters (one
//! line each, colour and dash pattern from a colour-blind-safe set); a legend that links each
//! pair to its ledger, gives its figures and removes it; a picker to add a pair; and a table of
//! the same figures. The pairs live in the URL's `compare` key.

use std::sync::Arc;

use dyad_core::aggregate::{compare_series, Merge, PairKey, PairSeries};
use dyad_core::text::visible;
use dyad_core::timeline::TimeScale;
use dyad_core::{Dataset, DaySpan};
use leptos::html;
use leptos::prelude::*;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::chart::{
    bin_at, nice_ticks, rgb, series_window, Axis, Chart, ChartCanvas, Frame, Readout, Size,
    Surface, LINES,
};
use super::{
    chosen_bin, events_word, fmt_tone, pair_name, BinSelect, Column, DataTable, EmptyState,
    FigureRow, FigureRows, PairLink,
};
use crate::state::{use_app, AppState, History};

/// Most bins an automatic choice gives the comparison (lines stay readable with many).
const MAX_BINS: usize = 160;

/// One compared pair: its ids (URL order) and its series on the shared axis.
#[derive(Debug, PartialEq)]
pub(super) struct Line {
    /// One actor's id.
    a: String,
    /// The other's.
    b: String,
    /// Its events and tone per bin.
    series: PairSeries,
}

impl Line {
    /// Events in the series.
    fn events(&self) -> u32 {
        self.series.counts.iter().flatten().sum()
    }

    /// The cumulative net tone at the end.
    fn total(&self) -> f32 {
        self.series.cumulative_tone.last().copied().unwrap_or(0.0)
    }

    /// Events in bin `i`.
    fn events_in(&self, i: usize) -> u32 {
        self.series.counts.get(i).map_or(0, |c| c.iter().sum())
    }
}

/// Whether any compared pair has events.
pub(super) fn any_events(lines: &[Line]) -> bool {
    lines.iter().any(|l| l.events() > 0)
}

/// The compared pairs' series for the current filters, roll-up, predecessors and bin.
pub(super) fn lines_memo(app: AppState) -> Memo<Option<Arc<Vec<Line>>>> {
    Memo::new(move |_| {
        let ds = app.dataset.get()?;
        let result = app.result.get()?;
        let (compare, merge, bin) = app.view.with(|v| {
            let merge = Merge {
                affiliates: v.rollup,
                predecessors: v.filter.predecessors,
            };
            (v.compare.clone(), merge, v.bin)
        });
        let pairs: Vec<(String, String, PairKey)> = compare
            .into_iter()
            .filter_map(|(a, b)| {
                let key = PairKey::new(ds.actor_by_id(&a)?, ds.actor_by_id(&b)?)?;
                Some((a, b, key))
            })
            .collect();
        let keys: Vec<PairKey> = pairs.iter().map(|p| p.2).collect();
        let series = compare_series(
            &ds,
            &result.matches,
            &keys,
            merge,
            chosen_bin(bin),
            MAX_BINS,
        );
        Some(Arc::new(
            pairs
                .into_iter()
                .zip(series)
                .map(|((a, b, _), series)| Line { a, b, series })
                .collect::<Vec<_>>(),
        ))
    })
}

/// The compare section: heading, the picker to add a pair, the Bin select, then the legend and
/// the chart, or why there is none.
#[component]
pub(super) fn CompareSection(
    /// The compared pairs' series.
    lines: Memo<Option<Arc<Vec<Line>>>>,
) -> impl IntoView {
    let count = move || lines.with(|l| l.as_ref().map(|l| l.len()));
    let charted = move || lines.with(|l| l.as_ref().is_some_and(|l| any_events(l)));
    view! {
        <section class="compare-section" aria-labelledby="compare-heading">
            <h3 id="compare-heading">"Compare pairs"</h3>
            <p class="hint">
                "Cumulative net tone over time: a line that climbs is a relationship growing more cooperative; one that falls, more conflictual."
            </p>
            <div class="rel-controls">
                <Picker />
                <BinSelect id="compare-bin" />
            </div>
            <Show when=move || count() == Some(0)>
                <p class="hint">
                    "No pairs to compare yet. Choose two actors and Add, or use “Add to comparison” on a pair's page."
                </p>
            </Show>
            <Show when=move || count().is_some_and(|n| n > 0)>
                <Legend lines=lines />
            </Show>
            <Show when=move || count().is_some_and(|n| n > 0) && !charted()>
                <EmptyState
                    lines=vec!["None of these pairs has events under these filters.".to_string()]
                    reset=true
                />
            </Show>
            <Show when=charted>
                <CompareChart lines=lines />
            </Show>
        </section>
    }
}

/// The form that adds a pair: two required actor selects (by name) and Add.
#[component]
fn Picker() -> impl IntoView {
    let app = use_app();
    let form: NodeRef<html::Form> = NodeRef::new();
    let first: NodeRef<html::Select> = NodeRef::new();
    let second: NodeRef<html::Select> = NodeRef::new();
    let actors = Memo::new(move |_| {
        let Some(ds) = app.dataset.get() else {
            return Vec::new();
        };
        let mut actors: Vec<(String, String)> = ds
            .actors
            .iter()
            .map(|a| (a.id.clone(), visible(&a.name).into_owned()))
            .collect();
        actors.sort_by(|x, y| x.1.cmp(&y.1));
        actors
    });
    // The selects are `required`, so the browser asks for both before this runs.
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let value = |s: NodeRef<html::Select>| s.get_untracked().map(|s| s.value());
        let (Some(a), Some(b)) = (value(first), value(second)) else {
            return;
        };
        if !a.is_empty() && !b.is_empty() && a != b {
            app.update(History::Push, move |s| s.compare.push((a, b)));
        }
        if let Some(f) = form.get_untracked() {
            f.reset();
        }
    };
    view! {
        <form class="pair-picker" aria-label="Add a pair" node_ref=form on:submit=add>
            <ActorSelect id="pick-a" label="First actor" name="a" actors=actors node=first />
            <ActorSelect id="pick-b" label="Second actor" name="b" actors=actors node=second />
            <button type="submit" id="pick-add">
                "Add"
            </button>
        </form>
    }
}

/// A labelled, required select of actors by name.
#[component]
fn ActorSelect(
    /// The select's id.
    id: &'static str,
    /// Its label.
    label: &'static str,
    /// Its name in the form.
    name: &'static str,
    /// The actors, `(id, name)`, by name.
    actors: Memo<Vec<(String, String)>>,
    /// The select, for the form to read.
    node: NodeRef<html::Select>,
) -> impl IntoView {
    view! {
        <label class="inline-field">
            <span>{label}</span>
            <select id=id name=name required node_ref=node>
                <option value="">"Choose…"</option>
                <For each=move || actors.get() key=|a| a.0.clone() let:actor>
                    <option value=actor.0>{actor.1}</option>
                </For>
            </select>
        </label>
    }
}

/// The CSS `background` of a legend entry's line sample: the line's colour in its dash pattern
/// (set through the CSSOM, which the content policy allows, not as a `style` attribute).
fn sample_css(index: usize) -> String {
    let (color, (dash, gap)) = LINES[index % LINES.len()];
    if dash > 0.0 {
        let period = dash + gap;
        format!(
            "repeating-linear-gradient(90deg,{color} 0 {dash}px,transparent {dash}px {period}px)"
        )
    } else {
        color.to_string()
    }
}

/// One entry of the legend, as shown.
#[derive(Debug, PartialEq, Eq, Hash)]
struct Entry {
    /// Its place among the lines (its colour and dash).
    index: usize,
    /// One actor's id.
    a: String,
    /// The other's.
    b: String,
    /// "France – Mali".
    name: String,
    /// " (19 events, net tone +42)".
    figures: String,
}

/// The legend: one entry per pair with its line sample, a link to its ledger, its figures,
/// and a button to remove it.
#[component]
fn Legend(
    /// The compared pairs' series.
    lines: Memo<Option<Arc<Vec<Line>>>>,
) -> impl IntoView {
    let app = use_app();
    let entries = move || {
        let Some(ds) = app.dataset.get() else {
            return Vec::new();
        };
        lines.with(|ls| {
            ls.as_ref()
                .map_or(&[][..], |l| l.as_slice())
                .iter()
                .enumerate()
                .map(|(index, l)| {
                    let n = l.events();
                    let figures = if n == 0 {
                        " (no events under these filters)".to_string()
                    } else {
                        format!(
                            " ({}, net tone {})",
                            events_word(n as usize),
                            fmt_tone(l.total())
                        )
                    };
                    Arc::new(Entry {
                        index,
                        a: l.a.clone(),
                        b: l.b.clone(),
                        name: pair_name(&ds, &l.a, &l.b),
                        figures,
                    })
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <ul class="compare-legend" aria-label="Legend">
            <For each=entries key=|e| e.clone() let:entry>
                <LegendEntry entry=entry />
            </For>
        </ul>
    }
}

/// A legend entry.
#[component]
fn LegendEntry(
    /// The entry.
    entry: Arc<Entry>,
) -> impl IntoView {
    let app = use_app();
    let pair = (entry.a.clone(), entry.b.clone());
    let remove = move |_| {
        let pair = pair.clone();
        app.update(History::Push, move |s| s.compare.retain(|p| *p != pair));
    };
    view! {
        <li>
            <span class="line-key" aria-hidden="true" style:background=sample_css(entry.index)></span>
            <PairLink a=entry.a.clone() b=entry.b.clone() text=entry.name.clone() />
            <span class="figures">{entry.figures.clone()}</span>
            <button
                class="remove"
                type="button"
                aria-label=format!("Remove {} from the comparison", entry.name)
                on:click=remove
            >
                "×"
            </button>
        </li>
    }
}

/// What the chart draws: the compared pairs' series, with the dataset for their names.
pub(super) struct Compared {
    /// The dataset.
    ds: Arc<Dataset>,
    /// The pairs' series.
    lines: Arc<Vec<Line>>,
    /// The time axis: their shared bins fitted with a margin, at least half a year.
    window: DaySpan,
}

/// The chart of the pairs' cumulative net tone, named for screen readers.
#[component]
fn CompareChart(
    /// The compared pairs' series.
    lines: Memo<Option<Arc<Vec<Line>>>>,
) -> impl IntoView {
    let app = use_app();
    let chart = Signal::derive(move || {
        let (ds, lines) = (app.dataset.get()?, lines.get()?);
        let window = series_window(&lines.first()?.series, ds.span())?;
        let chart: Arc<dyn Chart> = Arc::new(Compared { ds, lines, window });
        Some(chart)
    });
    let label = Signal::derive(move || {
        let ds = app.dataset.get();
        let names = lines.with(|ls| {
            let (Some(ds), Some(ls)) = (ds, ls) else {
                return String::new();
            };
            ls.iter()
                .map(|l| pair_name(&ds, &l.a, &l.b))
                .collect::<Vec<_>>()
                .join(", ")
        });
        format!("Cumulative net tone over time of {names}. The table below gives the figures.")
    });
    view! { <ChartCanvas label=label chart=chart /> }
}

/// The frame and the time scale over `window` in a box of `size`.
fn geometry(window: DaySpan, size: Size) -> (Frame, TimeScale) {
    let frame = Frame::new(size, false);
    let scale = frame.scale_over(window);
    (frame, scale)
}

impl Chart for Compared {
    fn draw(&self, area: &DrawingArea<super::chart::PageCanvas, Shift>, s: &Surface) {
        // A failed call leaves the rest of the chart undrawn; there is nothing else to do.
        let _ = plot(area, &self.lines, self.window, s);
    }

    fn readout(&self, x: f64, size: Size) -> Option<Readout> {
        readout(self, x, size)
    }
}

/// The points of a line: zero at the start of the shared span, then the cumulative net tone at
/// the end of each bin.
fn points(l: &Line) -> Vec<(f64, f64)> {
    let s = &l.series;
    let start = s.starts.first().map_or(0.0, |&d| f64::from(d));
    std::iter::once((start, 0.0))
        .chain(
            s.starts
                .iter()
                .zip(&s.cumulative_tone)
                .map(|(&b0, &v)| (f64::from(s.bin.next(b0)), f64::from(v))),
        )
        .collect()
}

/// Draws the chart on `area` (device pixels): one line per pair, in its colour and dash.
fn plot<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    lines: &[Line],
    window: DaySpan,
    s: &Surface,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (frame, scale) = geometry(window, s.size);
    let t = s.theme;
    let (mut lo, mut hi) = (0.0f64, 0.0f64);
    for v in lines.iter().flat_map(|l| &l.series.cumulative_tone) {
        lo = lo.min(f64::from(*v));
        hi = hi.max(f64::from(*v));
    }
    let values = Axis::values(&nice_ticks(lo, hi.max(lo + 1.0), 5), true);
    let mut chart = frame
        .builder(area, s)
        .build_cartesian_2d(Axis::time(&scale), values)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .bold_line_style(t.line.stroke_width(1))
        .axis_style(t.line.stroke_width(s.stroke(1.0)))
        .label_style(s.font(11.0, t.muted))
        .set_all_tick_mark_size(s.px(4.0))
        .draw()?;
    chart.draw_series(DashedLineSeries::new(
        [(scale.start, 0.0), (scale.end, 0.0)],
        s.px(4.0),
        s.px(3.0),
        t.muted.stroke_width(s.stroke(1.0)),
    ))?;
    for (i, l) in lines.iter().enumerate() {
        let (hex, (dash, gap)) = LINES[i % LINES.len()];
        let style = rgb(hex).unwrap_or(t.fg).stroke_width(s.stroke(2.5));
        if dash > 0.0 {
            chart.draw_series(DashedLineSeries::new(
                points(l),
                s.px(dash),
                s.px(gap),
                style,
            ))?;
        } else {
            chart.draw_series(LineSeries::new(points(l), style))?;
        }
    }
    area.draw(&Text::new(
        "Cumulative net tone",
        (s.px(2.0), s.px(2.0)),
        s.bold(11.0, t.fg).pos(Pos::new(HPos::Left, VPos::Top)),
    ))?;
    Ok(())
}

/// The figures of the period at `x` CSS px: each pair's cumulative net tone at its end and
/// its events in it.
fn readout(m: &Compared, x: f64, size: Size) -> Option<Readout> {
    let (frame, scale) = geometry(m.window, size);
    if x < frame.left || x > frame.right {
        return None;
    }
    let first = &m.lines.first()?.series;
    let i = bin_at(&first.starts, first.bin, scale.day_at(x - frame.left))?;
    let start = *first.starts.get(i)?;
    let end = first.bin.next(start);
    let mut lines = vec![first.bin.period_label(start)];
    lines.extend(m.lines.iter().map(|l| {
        let cum = l.series.cumulative_tone.get(i).copied().unwrap_or(0.0);
        format!(
            "{}: {} ({} in the period)",
            pair_name(&m.ds, &l.a, &l.b),
            fmt_tone(cum),
            events_word(l.events_in(i) as usize)
        )
    }));
    Some(Readout::over(
        &frame,
        &scale,
        (start, end),
        lines.join("\n"),
    ))
}

/// The chart's figures: events and cumulative net tone per pair for each period in which one of
/// the pairs has events.
#[component]
pub(super) fn CompareTable(
    /// The compared pairs' series.
    lines: Memo<Option<Arc<Vec<Line>>>>,
) -> impl IntoView {
    let app = use_app();
    let columns = move || {
        let Some(ds) = app.dataset.get() else {
            return Vec::new();
        };
        lines.with(|ls| {
            let mut cols = vec![Column::text("Period")];
            for l in ls.as_ref().map_or(&[][..], |l| l.as_slice()) {
                let n = pair_name(&ds, &l.a, &l.b);
                cols.push(Column::number(format!("{n}: events")));
                cols.push(Column::number(format!("{n}: cumulative net tone")));
            }
            cols
        })
    };
    let rows = move || lines.with(|ls| figure_rows(ls.as_ref().map_or(&[][..], |l| l.as_slice())));
    view! {
        <DataTable
            caption="Events and cumulative net tone at the end of each period in which one of the pairs has events"
                .to_string()
            columns=Signal::derive(columns)
        >
            <FigureRows rows=Signal::derive(rows) />
        </DataTable>
    }
}

/// The table's rows: each period in which one of the pairs has events.
fn figure_rows(lines: &[Line]) -> Vec<Arc<FigureRow>> {
    let Some(first) = lines.first().map(|l| &l.series) else {
        return Vec::new();
    };
    (0..first.starts.len())
        .filter(|&i| lines.iter().any(|l| l.events_in(i) > 0))
        .map(|i| {
            let cells = lines
                .iter()
                .flat_map(|l| {
                    let cum = l.series.cumulative_tone.get(i).copied().unwrap_or(0.0);
                    [l.events_in(i).to_string(), fmt_tone(cum)]
                })
                .collect();
            Arc::new(FigureRow {
                head: first.bin.period_label(first.starts[i]),
                cells,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::chart::recorder::Recorder;
    use super::super::chart::Theme;
    use super::*;
    use dyad_core::aggregate::{pair_table, Bin};

    /// The three busiest pairs of a synthetic dataset, compared yearly.
    fn compared() -> (Dataset, Vec<Line>) {
        let ds = dyad_core::validate::validate(dyad_core::synth::synth(400, 7)).unwrap();
        let all: Vec<usize> = (0..ds.events.len()).collect();
        let keys: Vec<PairKey> = pair_table(&ds, &all, false)
            .iter()
            .take(3)
            .map(|p| p.key)
            .collect();
        let series = compare_series(&ds, &all, &keys, false, Some(Bin::Year), MAX_BINS);
        let id = |x| ds.actor(x).unwrap().id.clone();
        let lines = keys
            .iter()
            .zip(series)
            .map(|(k, series)| Line {
                a: id(k.a),
                b: id(k.b),
                series,
            })
            .collect();
        (ds, lines)
    }

    /// Each pair's line is drawn in its own colour: solid for the first, in dashes for the
    /// others (many short pieces); no label is drawn right of the plot (it has no right axis).
    #[test]
    fn lines_in_their_colours_and_dashes() {
        let (_, lines) = compared();
        let size = Size {
            width: 640.0,
            height: 280.0,
        };
        let s = Surface {
            size,
            dpr: 1.0,
            theme: Theme::LIGHT,
        };
        let mut rec = Recorder::new(640, 280);
        let window = series_window(&lines[0].series, None).unwrap();
        plot(&(&mut rec).into_drawing_area(), &lines, window, &s).unwrap();
        for (i, (hex, (dash, _))) in LINES.iter().enumerate().take(lines.len()) {
            let c = rgb(hex).unwrap();
            let pieces = rec.paths.iter().filter(|p| p.1 == (c.0, c.1, c.2)).count();
            if *dash > 0.0 {
                assert!(
                    pieces > lines[i].series.starts.len(),
                    "line {i}: {pieces} dashes"
                );
            } else {
                assert_eq!(pieces, 1, "line {i} is one path");
            }
        }
        let right = Frame::new(size, false).right;
        assert!(
            rec.texts.iter().all(|t| f64::from(t.1 .0) <= right + 1.0),
            "{:?}",
            rec.texts
        );
    }

    /// A line starts at zero and then follows the cumulative net tone at the end of each bin.
    #[test]
    fn line_points() {
        let (_, lines) = compared();
        let l = &lines[0];
        let p = points(l);
        assert_eq!(p.len(), l.series.starts.len() + 1);
        assert_eq!(p[0], (f64::from(l.series.starts[0]), 0.0));
        let last = *l.series.starts.last().unwrap();
        assert_eq!(
            *p.last().unwrap(),
            (f64::from(l.series.bin.next(last)), f64::from(l.total()))
        );
    }

    /// The table has a row per period in which one of the pairs has events, with each pair's
    /// events and cumulative net tone.
    #[test]
    fn table_rows() {
        let (_, lines) = compared();
        let rows = figure_rows(&lines);
        let busy = (0..lines[0].series.starts.len())
            .filter(|&i| lines.iter().any(|l| l.events_in(i) > 0))
            .count();
        assert_eq!(rows.len(), busy);
        assert!(rows.iter().all(|r| r.cells.len() == 2 * lines.len()));
        let events: u32 = rows
            .iter()
            .map(|r| r.cells[0].parse::<u32>().unwrap())
            .sum();
        assert_eq!(events, lines[0].events());
    }

    /// The legend's samples carry the lines' colours and dashes.
    #[test]
    fn legend_samples() {
        assert_eq!(sample_css(0), "#0072B2");
        assert_eq!(
            sample_css(1),
            "repeating-linear-gradient(90deg,#D55E00 0 8px,transparent 8px 12px)"
        );
        assert_eq!(sample_css(LINES.len()), sample_css(0));
    }
}
