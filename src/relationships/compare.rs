//! "Compare pairs": chosen pairs' cumulative net tone on one time axis (one line each, colour
//! and dash from a colour-blind-safe set), a legend that links each pair to its ledger and
//! removes it, a picker to add a pair, and a table of the same figures. The pairs live in the
//! URL's `compare` key.

use std::sync::Arc;

use dyad_core::aggregate::{compare_series, PairKey, PairSeries};
use dyad_core::query::ViewState;
use dyad_core::Dataset;
use leptos::prelude::*;

use super::chart::{
    axis_title, hline, nice_ticks, push_xy, svg, time_axis, value_axis, Frame, LINES,
};
use super::dom::{el, El};
use super::{
    bin_select, chosen_bin, data_table, empty_state, events_word, fmt_tone, link_base, num_cell,
    pair_link, pair_name, row_head_text,
};
use crate::state::AppState;

/// Most bins an automatic choice gives the comparison (lines stay readable with many).
const MAX_BINS: usize = 160;

/// One compared pair: its ids (URL order) and its series on the shared axis.
#[derive(Debug, PartialEq)]
pub(super) struct Line {
    a: String,
    b: String,
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
}

/// Whether any compared pair has events.
pub(super) fn any_events(lines: &[Line]) -> bool {
    lines.iter().any(|l| l.events() > 0)
}

/// The compared pairs' series for the current filters, roll-up and bin.
pub(super) fn lines_memo(app: AppState) -> Memo<Option<Arc<Vec<Line>>>> {
    Memo::new(move |_| {
        let ds = app.dataset.get()?;
        let result = app.result.get()?;
        let (compare, rollup, bin) = app.view.with(|v| (v.compare.clone(), v.rollup, v.bin));
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
            rollup,
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
pub(super) fn section(app: AppState, ds: &Dataset, lines: &[Line], width: f64) -> El {
    let mut section = el("section")
        .class("compare-section")
        .attr("aria-labelledby", "compare-heading")
        .child(el("h3").attr("id", "compare-heading").text("Compare pairs"))
        .child(el("p").class("hint").text(
            "Cumulative net tone over time: a line that climbs is a relationship growing more \
             cooperative; one that falls, more conflictual.",
        ))
        .child(
            el("div")
                .class("rel-controls")
                .child(picker(ds))
                .child(bin_select(app, "compare-bin")),
        );
    if lines.is_empty() {
        return section.child(el("p").class("hint").text(
            "No pairs to compare yet. Choose two actors and Add, or use “Add to comparison” on \
             a pair's page.",
        ));
    }
    section = section.child(legend(app, ds, lines, &link_base(app)));
    if !any_events(lines) {
        let why = ["None of these pairs has events under these filters.".to_string()];
        return section.child(empty_state(&why, true));
    }
    section.kids(chart(ds, lines, width))
}

/// The form that adds a pair: two required actor selects (by name) and Add, submitted to
/// [`super::Page::submit`].
fn picker(ds: &Dataset) -> El {
    let mut actors: Vec<&dyad_core::Actor> = ds.actors.iter().collect();
    // Through the core's one sort: another `sort_by` copy would cost the wasm 2-6 KB.
    actors.sort_by(|x, y| x.name.cmp(&y.name));
    let actor_select = |id: &'static str, label: &str, name: &'static str| {
        let options = std::iter::once(el("option").attr("value", "").text("Choose…")).chain(
            actors.iter().map(|a| {
                el("option")
                    .attr("value", a.id.clone())
                    .text(a.name.clone())
            }),
        );
        el("label")
            .class("inline-field")
            .child(el("span").text(label))
            .child(
                el("select")
                    .attr("id", id)
                    .attr("name", name)
                    .attr("required", "")
                    .kids(options),
            )
    };
    el("form")
        .class("pair-picker")
        .attr("aria-label", "Add a pair")
        .child(actor_select("pick-a", "First actor", "a"))
        .child(actor_select("pick-b", "Second actor", "b"))
        .child(
            el("button")
                .attr("type", "submit")
                .attr("id", "pick-add")
                .text("Add"),
        )
}

/// The legend: one entry per pair with its line sample, a link to its ledger, its figures,
/// and a button to remove it.
fn legend(app: AppState, ds: &Dataset, lines: &[Line], base: &ViewState) -> El {
    let items = lines.iter().enumerate().map(|(i, l)| {
        let (color, dash) = LINES[i % LINES.len()];
        let name = pair_name(ds, &l.a, &l.b);
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
        let sample = el("svg")
            .class("line-key")
            .attr("width", "30")
            .attr("height", "12")
            .attr("aria-hidden", "true")
            .child(
                el("line")
                    .attr("x1", "1")
                    .attr("x2", "29")
                    .attr("y1", "6")
                    .attr("y2", "6")
                    .attr("stroke", color)
                    .attr("stroke-width", "3")
                    .attr("stroke-dasharray", dash),
            );
        el("li")
            .child(sample)
            .child(pair_link(app, base, &l.a, &l.b, name.clone()))
            .child(el("span").class("figures").text(figures))
            .child(
                el("button")
                    .class("remove")
                    .attr("type", "button")
                    .attr("data-compare", format!("{}~{}", l.a, l.b))
                    .attr("aria-label", format!("Remove {name} from the comparison"))
                    .text("×"),
            )
    });
    el("ul")
        .class("compare-legend")
        .attr("aria-label", "Legend")
        .kids(items)
}

/// The chart: cumulative net tone at the end of each bin, one line per pair, from zero at the
/// start of the shared span.
fn chart(ds: &Dataset, lines: &[Line], width: f64) -> Option<El> {
    let frame = Frame::new(width, false);
    let first = lines.first()?;
    let bin = first.series.bin;
    let start = *first.series.starts.first()?;
    let end = bin.next(*first.series.starts.last()?) - 1;
    let scale = frame.scale(start, end);
    let (mut lo, mut hi) = (0.0f64, 0.0f64);
    for l in lines {
        for &v in &l.series.cumulative_tone {
            lo = lo.min(f64::from(v));
            hi = hi.max(f64::from(v));
        }
    }
    let ticks = nice_ticks(lo, hi.max(lo + 1.0), 5);
    let range = (
        ticks.first().copied().unwrap_or(lo),
        ticks.last().copied().unwrap_or(hi),
    );
    let y = |v: f64| frame.y(v, range.0, range.1);
    let paths = lines.iter().enumerate().map(|(i, l)| {
        let (color, dash) = LINES[i % LINES.len()];
        let mut d = String::new();
        push_xy(&mut d, "M", frame.x(&scale, f64::from(start)), y(0.0));
        for (&s, &v) in l.series.starts.iter().zip(&l.series.cumulative_tone) {
            let x = frame.x(&scale, f64::from(bin.next(s)));
            push_xy(&mut d, " L", x, y(f64::from(v)));
        }
        el("path")
            .class("series")
            .attr("d", d)
            .attr("fill", "none")
            .attr("stroke", color)
            .attr("stroke-width", "2.5")
            .attr("stroke-dasharray", dash)
    });
    let names: Vec<String> = lines.iter().map(|l| pair_name(ds, &l.a, &l.b)).collect();
    let label = format!(
        "Cumulative net tone over time of {}. The table below gives the figures.",
        names.join(", ")
    );
    Some(
        svg(frame, label)
            .child(value_axis(frame, &ticks, range, false, true, true))
            .child(hline(frame, y(0.0), "zero"))
            .child(time_axis(frame, &scale))
            .kids(paths)
            .child(axis_title(frame, "Cumulative net tone", false)),
    )
}

/// The chart's figures: events and cumulative net tone per pair for each period in which one of
/// the pairs has events.
pub(super) fn table(ds: &Dataset, lines: &[Line]) -> Option<El> {
    let first = lines.first()?;
    let bin = first.series.bin;
    let mut head = vec![("Period".to_string(), false)];
    for l in lines {
        let n = pair_name(ds, &l.a, &l.b);
        head.push((format!("{n}: events"), true));
        head.push((format!("{n}: cumulative net tone"), true));
    }
    let has_events = |l: &Line, i: usize| {
        l.series
            .counts
            .get(i)
            .is_some_and(|c| c.iter().any(|&n| n > 0))
    };
    let rows = first
        .series
        .starts
        .iter()
        .enumerate()
        .filter(|&(i, _)| lines.iter().any(|l| has_events(l, i)))
        .map(|(i, &s)| {
            let mut row = vec![row_head_text(bin.period_label(s))];
            for l in lines {
                let n: u32 = l.series.counts.get(i).map_or(0, |c| c.iter().sum());
                let cum = l.series.cumulative_tone.get(i).copied().unwrap_or(0.0);
                row.push(num_cell(n.to_string()));
                row.push(num_cell(fmt_tone(cum)));
            }
            row
        })
        .collect();
    Some(data_table(
        "Events and cumulative net tone at the end of each period in which one of the pairs has events",
        head,
        rows,
    ))
}
