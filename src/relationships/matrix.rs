//! The relations matrix: a real `<table>` of actors x actors (row and column headers are `<th>`
//! with a scope), each cell a link to the pair's ledger whose accessible name reads "Mali –
//! Russia: 37 events, net tone +120, …", coloured by net tone on a diverging, colour-blind-safe
//! scale (ColorBrewer RdBu: red conflictual, grey neutral, blue cooperative) with the event
//! count as its text.
//!
//! Actors are those sharing an event with someone under the current filters, the most active
//! first (or grouped by affiliation); the 20 most active are shown unless the user asks for all.

use std::collections::HashMap;
use std::sync::Arc;

use dyad_core::aggregate::{
    group_by_affiliation, matrix_actors, pair_table, PairKey, PairStats, ToneScale,
};
use dyad_core::model::ActorIx;
use dyad_core::query::{MatrixOrder, ViewState};
use dyad_core::Dataset;
use leptos::prelude::*;

use super::dom::{el, El};
use super::{
    data_table, empty_state, events_word, fmt_signed, fmt_tone, link_base, num_cell, pair_link,
    rollup_toggle, row_head, select, text_cell,
};
use crate::state::AppState;

/// How many actors the matrix shows before the user asks for all.
const TOP: usize = 20;
/// Rows of the pair table built at most.
const TABLE_ROWS: usize = 300;

/// What the matrix needs, computed once per filter result and roll-up.
#[derive(Debug, PartialEq)]
pub(super) struct MatrixData {
    /// Actors in at least one pair, busiest first, with their event counts.
    actors: Vec<(ActorIx, u32)>,
    /// Every pair, most events first.
    pairs: Vec<PairStats>,
    /// Where each pair sits in `pairs`.
    index: HashMap<PairKey, usize>,
}

impl MatrixData {
    /// The figures of the pair of `x` and `y`, if they share events.
    fn pair(&self, x: ActorIx, y: ActorIx) -> Option<&PairStats> {
        PairKey::new(x, y)
            .and_then(|k| self.index.get(&k))
            .and_then(|&i| self.pairs.get(i))
    }
}

/// The figures, the rows and columns shown, and the colour scale fitted to their cells.
#[derive(Debug, PartialEq)]
pub(super) struct Layout {
    /// The figures.
    pub data: Arc<MatrixData>,
    /// Actors in display order.
    shown: Vec<ActorIx>,
    /// Whether each starts a new family (grouped order only).
    starts: Vec<bool>,
    /// Actors with pairs in all.
    pub total: usize,
    /// Whether families are grouped.
    grouped: bool,
    /// The colour scale.
    scale: ToneScale,
}

/// The CSS class of a tone class: `tone-n3` .. `tone-0` .. `tone-p3`.
fn tone_css(class: i8) -> String {
    match class {
        0 => "tone-0".to_string(),
        c if c < 0 => format!("tone-n{}", -c),
        c => format!("tone-p{c}"),
    }
}

/// The dates of a pair's first and last event: "Oct 1960 – Sep 2025", or one date.
fn date_range(p: &PairStats) -> String {
    dyad_core::timeline::date_span(&p.first, (p.first != p.last).then_some(&p.last), false)
}

/// An actor's name, or nothing.
fn name(ds: &Dataset, a: ActorIx) -> String {
    ds.actor(a).map(|a| a.name.clone()).unwrap_or_default()
}

/// An actor's id, or nothing.
fn id(ds: &Dataset, a: ActorIx) -> String {
    ds.actor(a).map(|a| a.id.clone()).unwrap_or_default()
}

/// "France – Mali: 12 events, net tone −18, mean −1.5, Jan 2013 – Sep 2025".
fn describe(ds: &Dataset, x: ActorIx, y: ActorIx, p: &PairStats) -> String {
    format!(
        "{} – {}: {}, net tone {}, mean {}, {}",
        name(ds, x),
        name(ds, y),
        events_word(p.count as usize),
        fmt_tone(p.net_tone),
        fmt_signed(p.mean_tone, 1),
        date_range(p)
    )
}

/// The matrix's figures and layout for the current filters, roll-up, order and `show_all`.
pub(super) fn layout_memo(app: AppState, show_all: RwSignal<bool>) -> Memo<Option<Arc<Layout>>> {
    let order = move || app.view.with(|v| v.order);
    Memo::new(move |_| {
        let ds = app.dataset.get()?;
        let result = app.result.get()?;
        let rollup = app.view.with(|v| v.rollup);
        let pairs = pair_table(&ds, &result.matches, rollup);
        let actors = matrix_actors(&ds, &result.matches, &pairs, rollup);
        let index = pairs.iter().enumerate().map(|(i, p)| (p.key, i)).collect();
        let data = Arc::new(MatrixData {
            actors,
            pairs,
            index,
        });
        let total = data.actors.len();
        let limit = if show_all.get() {
            total
        } else {
            TOP.min(total)
        };
        let mut shown: Vec<ActorIx> = data.actors.iter().take(limit).map(|&(a, _)| a).collect();
        let grouped = order() == MatrixOrder::Affiliation;
        if grouped {
            shown = group_by_affiliation(&ds, &shown);
        }
        // In grouped order, a line sets off each family of more than one actor.
        let family = |a: ActorIx| {
            let root = ds.root_of(a);
            shown.iter().filter(|&&x| ds.root_of(x) == root).count()
        };
        let starts = (0..shown.len())
            .map(|i| {
                let (Some(&a), Some(&p)) =
                    (shown.get(i), i.checked_sub(1).and_then(|j| shown.get(j)))
                else {
                    return false;
                };
                grouped && ds.root_of(p) != ds.root_of(a) && (family(p) > 1 || family(a) > 1)
            })
            .collect();
        let scale = ToneScale::fitting(
            shown
                .iter()
                .flat_map(|&x| shown.iter().map(move |&y| (x, y)))
                .filter_map(|(x, y)| data.pair(x, y).map(|p| p.net_tone)),
        );
        Some(Arc::new(Layout {
            data,
            shown,
            starts,
            total,
            grouped,
            scale,
        }))
    })
}

/// The matrix section: heading, controls, then the matrix and its legend, or why it is empty.
pub(super) fn section(app: AppState, ds: &Dataset, layout: &Layout, show_all: bool) -> El {
    let order = app.view.with(|v| v.order);
    let orders = [
        (MatrixOrder::Activity, "By activity"),
        (MatrixOrder::Affiliation, "Grouped by affiliation"),
    ]
    .into_iter()
    .map(|(o, label)| (o.as_str().to_string(), label.to_string()));
    let controls = el("div")
        .class("rel-controls")
        .child(select(
            "rel-order",
            "Order",
            "order",
            orders,
            order.as_str(),
        ))
        .child(rollup_toggle(app, "rel-rollup"));
    let section = el("section")
        .class("matrix-section")
        .attr("aria-labelledby", "matrix-heading")
        .child(
            el("h3")
                .attr("id", "matrix-heading")
                .text("Who relates to whom"),
        )
        .child(controls);
    let total = layout.total;
    if total == 0 {
        let why = ["No pair of actors has events under these filters.".to_string()];
        return section.child(empty_state(&why, true));
    }
    let mut section = section
        .child(matrix_table(app, ds, layout, &link_base(app)))
        .child(tone_legend(layout.scale));
    if total > TOP {
        let (line, button) = if show_all {
            (
                format!("Showing all {total} actors. "),
                format!("Show the {TOP} most active"),
            )
        } else {
            (
                format!("Showing the {TOP} most active of {total} actors. "),
                format!("Show all {total}"),
            )
        };
        section = section.child(
            el("p")
                .class("hint matrix-more")
                .child(el("span").text(line))
                .child(
                    el("button")
                        .attr("type", "button")
                        .attr("id", "rel-more")
                        .attr("data-more", "")
                        .text(button),
                ),
        );
    }
    section
}

/// The matrix table.
fn matrix_table(app: AppState, ds: &Dataset, layout: &Layout, base: &ViewState) -> El {
    let (data, grouped) = (&layout.data, layout.grouped);
    let cols = layout.shown.iter().zip(&layout.starts);
    let head = cols.clone().map(|(&a, &gs)| {
        el("th")
            .attr("scope", "col")
            .attr("title", name(ds, a))
            .class(if gs { "gs" } else { "" })
            .child(el("span").class("col-label").text(name(ds, a)))
    });
    let rows = cols.clone().map(|(&x, &row_gs)| {
        let mut th = el("th").attr("scope", "row").text(name(ds, x));
        if grouped && ds.root_of(x) != x {
            th = th.class("affiliate");
        }
        let cells = cols.clone().map(move |(&y, &gs)| {
            let gs = if gs { " gs" } else { "" };
            if x == y {
                return el("td").class(format!("diag{gs}"));
            }
            let Some(p) = data.pair(x, y) else {
                return el("td").class(format!("none{gs}"));
            };
            let tone = tone_css(layout.scale.class(p.net_tone));
            let link = pair_link(app, base, &id(ds, x), &id(ds, y), p.count.to_string())
                .attr("aria-label", describe(ds, x, y, p));
            el("td").class(format!("cell {tone}{gs}")).child(link)
        });
        el("tr")
            .class(if row_gs { "gs" } else { "" })
            .child(th)
            .kids(cells)
    });
    el("div")
        .class("matrix-scroll")
        .attr("role", "region")
        .attr("aria-label", "Relations matrix")
        .attr("tabindex", "0")
        .child(
            el("table")
                .class("matrix")
                .child(el("caption").text(
                    "Events shared by each pair of actors under the current filters; the colour \
                     is the pair's net tone. Open a cell for the pair's ledger.",
                ))
                .child(el("thead").child(el("tr").child(el("td").class("corner")).kids(head)))
                .child(el("tbody").kids(rows)),
        )
}

/// Every pair with its figures, for screen readers and copying.
pub(super) fn pairs_table(app: AppState, ds: &Dataset, data: &MatrixData) -> El {
    let base = &link_base(app);
    let n = data.pairs.len();
    let rows = data
        .pairs
        .iter()
        .take(TABLE_ROWS)
        .map(|p| {
            let (a, b) = (p.key.a, p.key.b);
            let label = format!("{} – {}", name(ds, a), name(ds, b));
            vec![
                row_head(pair_link(app, base, &id(ds, a), &id(ds, b), label)),
                num_cell(p.count.to_string()),
                num_cell(fmt_tone(p.net_tone)),
                num_cell(fmt_signed(p.mean_tone, 1)),
                text_cell(p.first.display()),
                text_cell(p.last.display()),
            ]
        })
        .collect();
    let caption = if n > TABLE_ROWS {
        format!("The {TABLE_ROWS} pairs with most events, of {n}")
    } else {
        format!("All {n} pairs, most events first")
    };
    let head = [
        ("Pair", false),
        ("Events", true),
        ("Net tone", true),
        ("Mean tone", true),
        ("First event", false),
        ("Last event", false),
    ]
    .into_iter()
    .map(|(t, num)| (t.to_string(), num))
    .collect();
    data_table(&caption, head, rows)
}

/// The colour scale: seven classes of net tone with the range each covers.
fn tone_legend(scale: ToneScale) -> El {
    let decimals = if scale.max >= 10.0 { 0 } else { 1 };
    let items = (-ToneScale::STEPS..=ToneScale::STEPS).map(|c| {
        let (lo, hi) = scale.bounds(c);
        el("li")
            .child(
                el("span")
                    .class(format!("swatch {}", tone_css(c)))
                    .attr("aria-hidden", "true"),
            )
            .child(el("span").text(format!(
                "{} to {}",
                fmt_signed(lo, decimals),
                fmt_signed(hi, decimals)
            )))
    });
    el("div")
        .class("tone-legend")
        .attr("role", "group")
        .attr("aria-label", "Colour scale of net tone")
        .child(el("span").class("end").text("Conflictual"))
        .child(el("ol").kids(items))
        .child(el("span").class("end").text("Cooperative"))
        .child(
            el("span")
                .class("hint")
                .text("Numbers in cells are event counts."),
        )
}
