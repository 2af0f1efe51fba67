//! The relations matrix: a real `<table>` of actors × actors (row and column headers are `<th>`
//! with a scope), each cell a link to the pair's ledger whose accessible name reads "Mali –
//! Russia: 37 events, net tone +120, …", coloured by net tone on a diverging, colour-blind-safe
//! scale (ColorBrewer RdBu: red conflictual, grey neutral, blue cooperative) with the event
//! count as its text. Pointing at or focusing a cell shows its figures in the page's readout.
//!
//! Actors are those sharing an event with someone under the current filters, the most active
//! first (or grouped by affiliation); the 20 most active are shown unless the user asks for all.
//! Rows are keyed by their content, so a row whose figures did not change keeps its DOM (and
//! the focus in it) when the filters change.

use std::collections::HashMap;
use std::sync::Arc;

use dyad_core::aggregate::{
    group_by_affiliation, matrix_actors, pair_table, Merge, PairKey, PairStats, ToneScale,
};
use dyad_core::model::ActorIx;
use dyad_core::query::{MatrixOrder, View};
use dyad_core::text::visible;
use dyad_core::Dataset;
use leptos::prelude::*;

use super::{
    events_word, fmt_signed, fmt_tone, link_base, succession_example, Column, DataTable,
    EmptyState, PairLink, PredecessorsToggle, RollupToggle,
};
use crate::state::{use_app, AppState, History};

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
    data: Arc<MatrixData>,
    /// Actors with pairs in all.
    pub total: usize,
    /// The colour scale.
    scale: ToneScale,
    /// The column headers, in display order.
    cols: Vec<Arc<Col>>,
    /// The rows, in display order.
    rows: Vec<Arc<Row>>,
}

/// A column header.
#[derive(Debug, PartialEq, Eq, Hash)]
struct Col {
    /// The actor's name.
    name: String,
    /// Whether it starts a family (grouped order only): a line sets it off.
    starts_group: bool,
}

/// A row of the matrix as shown.
#[derive(Debug, PartialEq, Eq, Hash)]
struct Row {
    /// The actor's id.
    id: String,
    /// The actor's name.
    name: String,
    /// Whether it is shown as an affiliate under its parent (grouped order only).
    affiliate: bool,
    /// Whether it starts a family (grouped order only).
    starts_group: bool,
    /// Its cells, one per column.
    cells: Vec<Cell>,
}

/// One cell of the matrix as shown.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Cell {
    /// Whether its column starts a family.
    starts_group: bool,
    /// What it holds.
    kind: CellKind,
}

/// What a cell holds.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum CellKind {
    /// The actor with itself.
    Diagonal,
    /// Two actors without shared events.
    Empty,
    /// A pair with events.
    Pair {
        /// The row actor's id.
        a: String,
        /// The column actor's id.
        b: String,
        /// Its events.
        count: u32,
        /// Its class on the colour scale.
        tone: i8,
        /// Its figures in a sentence: the link's accessible name.
        label: String,
    },
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

/// An actor's name as it may be shown ([`visible`]), or nothing.
fn name(ds: &Dataset, a: ActorIx) -> String {
    ds.actor(a)
        .map(|a| visible(&a.name).into_owned())
        .unwrap_or_default()
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
        fmt_signed(f64::from(p.mean_tone), 1),
        date_range(p)
    )
}

/// The matrix's figures and layout for the current filters, roll-up, order and `show_all`.
pub(super) fn layout_memo(app: AppState, show_all: RwSignal<bool>) -> Memo<Option<Arc<Layout>>> {
    let order = move || app.view.with(|v| v.order);
    Memo::new(move |_| {
        let ds = app.dataset.get()?;
        let result = app.result.get()?;
        let merge = app.view.with(|v| Merge {
            affiliates: v.rollup,
            predecessors: v.filter.predecessors,
        });
        let pairs = pair_table(&ds, &result.matches, merge);
        let actors = matrix_actors(&ds, &result.matches, &pairs, merge);
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
        let starts: Vec<bool> = (0..shown.len())
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
        let cols = shown
            .iter()
            .zip(&starts)
            .map(|(&a, &starts_group)| {
                Arc::new(Col {
                    name: name(&ds, a),
                    starts_group,
                })
            })
            .collect();
        let rows = shown
            .iter()
            .zip(&starts)
            .map(|(&x, &starts_group)| {
                let cells = shown
                    .iter()
                    .zip(&starts)
                    .map(|(&y, &col_starts)| {
                        let kind = match data.pair(x, y) {
                            _ if x == y => CellKind::Diagonal,
                            None => CellKind::Empty,
                            Some(p) => CellKind::Pair {
                                a: id(&ds, x),
                                b: id(&ds, y),
                                count: p.count,
                                tone: scale.class(p.net_tone),
                                label: describe(&ds, x, y, p),
                            },
                        };
                        Cell {
                            starts_group: col_starts,
                            kind,
                        }
                    })
                    .collect();
                Arc::new(Row {
                    id: id(&ds, x),
                    name: name(&ds, x),
                    affiliate: grouped && ds.root_of(x) != x,
                    starts_group,
                    cells,
                })
            })
            .collect();
        Some(Arc::new(Layout {
            data,
            total,
            scale,
            cols,
            rows,
        }))
    })
}

/// The matrix section: heading, controls (order, roll-up), then the matrix, its colour legend
/// and the control for more actors, or why it is empty. Marks `dyad:relationships-painted` once
/// the first matrix (or its empty state) is on screen, for the browser benchmark.
#[component]
pub(super) fn MatrixSection(
    /// The matrix's figures and layout.
    layout: Memo<Option<Arc<Layout>>>,
    /// Whether every actor is shown rather than the most active.
    show_all: RwSignal<bool>,
    /// Where the figures of the cell under the pointer or focus go.
    hovered: RwSignal<Option<String>>,
) -> impl IntoView {
    let app = use_app();
    let total = Memo::new(move |_| layout.with(|l| l.as_ref().map(|l| l.total)));
    Effect::new(move |marked: Option<bool>| {
        if marked == Some(true) {
            return true;
        }
        let shown = total.get().is_some();
        if shown {
            crate::perf::after_paint(|| crate::perf::mark("dyad:relationships-painted"));
        }
        shown
    });
    let order = move || app.view.with(|v| v.order);
    let set_order = move |ev: leptos::ev::Event| {
        let o = MatrixOrder::parse(&event_target_value(&ev)).unwrap_or_default();
        app.update(History::Push, move |s| s.order = o);
    };
    let orders = [
        (MatrixOrder::Activity, "By activity"),
        (MatrixOrder::Affiliation, "Grouped by affiliation"),
    ];
    let more_line = move || {
        let n = total.get().unwrap_or(0);
        if show_all.get() {
            format!("Showing all {n} actors. ")
        } else {
            format!("Showing the {TOP} most active of {n} actors. ")
        }
    };
    let more_button = move || {
        let n = total.get().unwrap_or(0);
        if show_all.get() {
            format!("Show the {TOP} most active")
        } else {
            format!("Show all {n}")
        }
    };
    view! {
        <section class="matrix-section" aria-labelledby="matrix-heading">
            <h3 id="matrix-heading">"Who relates to whom"</h3>
            <div class="rel-controls">
                <label class="inline-field">
                    <span>"Order"</span>
                    <select id="rel-order" name="order" on:change=set_order>
                        {orders
                            .into_iter()
                            .map(|(o, label)| {
                                view! {
                                    <option value=o.as_str() prop:selected=move || order() == o>
                                        {label}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
                <RollupToggle id="rel-rollup" />
                {move || {
                    app.dataset
                        .with(|ds| ds.as_ref().and_then(|ds| succession_example(ds, None)))
                        .map(|example| view! { <PredecessorsToggle id="rel-pred" example=example /> })
                }}
            </div>
            <Show when=move || total.get() == Some(0)>
                <EmptyState
                    lines=vec!["No pair of actors has events under these filters.".to_string()]
                    reset=true
                />
            </Show>
            <Show when=move || total.get().is_some_and(|n| n > 0)>
                <MatrixTable layout=layout hovered=hovered />
                <ToneLegend layout=layout />
                <Show when=move || total.get().is_some_and(|n| n > TOP)>
                    <p class="hint matrix-more">
                        <span>{more_line}</span>
                        <button
                            type="button"
                            id="rel-more"
                            on:click=move |_| show_all.update(|all| *all = !*all)
                        >
                            {more_button}
                        </button>
                    </p>
                </Show>
            </Show>
        </section>
    }
}

/// The matrix table in its scrolling box.
#[component]
fn MatrixTable(
    /// The matrix's figures and layout.
    layout: Memo<Option<Arc<Layout>>>,
    /// Where the figures of the cell under the pointer or focus go.
    hovered: RwSignal<Option<String>>,
) -> impl IntoView {
    let cols = move || layout.with(|l| l.as_ref().map(|l| l.cols.clone()).unwrap_or_default());
    let rows = move || layout.with(|l| l.as_ref().map(|l| l.rows.clone()).unwrap_or_default());
    view! {
        <div class="matrix-scroll" role="region" aria-label="Relations matrix" tabindex="0">
            <table class="matrix">
                <caption>
                    "Events shared by each pair of actors under the current filters; the colour is the pair's net tone. Open a cell for the pair's ledger."
                </caption>
                <thead>
                    <tr>
                        <td class="corner"></td>
                        <For each=cols key=|c| c.clone() let:col>
                            <th scope="col" title=col.name.clone() class:gs=col.starts_group>
                                <span class="col-label">{col.name.clone()}</span>
                            </th>
                        </For>
                    </tr>
                </thead>
                <tbody>
                    <For each=rows key=|r| r.clone() let:row>
                        <MatrixRow row=row hovered=hovered />
                    </For>
                </tbody>
            </table>
        </div>
    }
}

/// One row of the matrix: the actor's header and a cell per column.
#[component]
fn MatrixRow(
    /// The row.
    row: Arc<Row>,
    /// Where the figures of the cell under the pointer or focus go.
    hovered: RwSignal<Option<String>>,
) -> impl IntoView {
    let app = use_app();
    // One shape for every cell (a `<td>`, with a link if the pair has events), and its whole
    // class at once: the matrix's hundreds of cells are its cost when the page opens.
    let cells = row
        .cells
        .iter()
        .map(|cell| {
            let gs = if cell.starts_group { " gs" } else { "" };
            let (class, link) = match &cell.kind {
                CellKind::Diagonal => (format!("diag{gs}"), None),
                CellKind::Empty => (format!("none{gs}"), None),
                CellKind::Pair {
                    a,
                    b,
                    count,
                    tone,
                    label,
                } => {
                    let view = View::pair(a.as_str(), b.as_str());
                    let href = move || app.href(&link_base(app).with_view(view.clone()));
                    let (on_enter, on_focus) = (label.clone(), label.clone());
                    let link = view! {
                        <a
                            href=href
                            aria-label=label.clone()
                            on:mouseenter=move |_| hovered.set(Some(on_enter.clone()))
                            on:focus=move |_| hovered.set(Some(on_focus.clone()))
                        >
                            {*count}
                        </a>
                    };
                    (format!("cell {}{gs}", tone_css(*tone)), Some(link))
                }
            };
            view! { <td class=class>{link}</td> }
        })
        .collect_view();
    view! {
        <tr class=row.starts_group.then_some("gs")>
            <th scope="row" class=row.affiliate.then_some("affiliate")>
                {row.name.clone()}
            </th>
            {cells}
        </tr>
    }
}

/// The colour scale: seven classes of net tone with the range each covers.
#[component]
fn ToneLegend(
    /// The matrix's figures and layout (for its scale).
    layout: Memo<Option<Arc<Layout>>>,
) -> impl IntoView {
    let items = move || {
        let Some(scale) = layout.with(|l| l.as_ref().map(|l| l.scale)) else {
            return Vec::new();
        };
        let decimals = if scale.max >= 10.0 { 0 } else { 1 };
        (-ToneScale::STEPS..=ToneScale::STEPS)
            .map(|c| {
                let (lo, hi) = scale.bounds(c);
                let text = format!(
                    "{} to {}",
                    fmt_signed(f64::from(lo), decimals),
                    fmt_signed(f64::from(hi), decimals)
                );
                (c, text)
            })
            .collect()
    };
    view! {
        <div class="tone-legend" role="group" aria-label="Colour scale of net tone">
            <span class="end">"Conflictual"</span>
            <ol>
                <For each=items key=|item| item.clone() let:item>
                    <li>
                        <span class=format!("swatch {}", tone_css(item.0)) aria-hidden="true"></span>
                        <span>{item.1}</span>
                    </li>
                </For>
            </ol>
            <span class="end">"Cooperative"</span>
            <span class="hint">"Numbers in cells are event counts."</span>
        </div>
    }
}

/// One row of the pair table.
#[derive(Debug, PartialEq, Eq, Hash)]
struct PairRow {
    /// One actor's id.
    a: String,
    /// The other's.
    b: String,
    /// "Mali – Russia".
    name: String,
    /// The figures, as shown: events, net tone, mean tone, first and last event.
    figures: [String; 5],
}

/// Every pair with its figures (the busiest 300), for screen readers and copying.
#[component]
pub(super) fn PairsTable(
    /// The matrix's figures.
    layout: Memo<Option<Arc<Layout>>>,
) -> impl IntoView {
    let app = use_app();
    let rows = move || {
        let Some(ds) = app.dataset.get() else {
            return Vec::new();
        };
        layout.with(|l| {
            let Some(l) = l else { return Vec::new() };
            l.data
                .pairs
                .iter()
                .take(TABLE_ROWS)
                .map(|p| {
                    let (a, b) = (p.key.a, p.key.b);
                    Arc::new(PairRow {
                        a: id(&ds, a),
                        b: id(&ds, b),
                        name: format!("{} – {}", name(&ds, a), name(&ds, b)),
                        figures: [
                            p.count.to_string(),
                            fmt_tone(p.net_tone),
                            fmt_signed(f64::from(p.mean_tone), 1),
                            p.first.display(),
                            p.last.display(),
                        ],
                    })
                })
                .collect::<Vec<_>>()
        })
    };
    let caption = move || {
        let n = layout.with(|l| l.as_ref().map_or(0, |l| l.data.pairs.len()));
        if n > TABLE_ROWS {
            format!("The {TABLE_ROWS} pairs with most events, of {n}")
        } else {
            format!("All {n} pairs, most events first")
        }
    };
    let columns = vec![
        Column::text("Pair"),
        Column::number("Events"),
        Column::number("Net tone"),
        Column::number("Mean tone"),
        Column::text("First event"),
        Column::text("Last event"),
    ];
    view! {
        <DataTable caption=Signal::derive(caption) columns=columns>
            <For each=rows key=|r| r.clone() let:row>
                <tr>
                    <th scope="row">
                        <PairLink a=row.a.clone() b=row.b.clone() text=row.name.clone() />
                    </th>
                    <td class="num">{row.figures[0].clone()}</td>
                    <td class="num">{row.figures[1].clone()}</td>
                    <td class="num">{row.figures[2].clone()}</td>
                    <td>{row.figures[3].clone()}</td>
                    <td>{row.figures[4].clone()}</td>
                </tr>
            </For>
        </DataTable>
    }
}

#[cfg(test)]
mod tests {
    use super::tone_css;

    /// Each class of the scale has its CSS class, negative classes written with `n`.
    #[test]
    fn tone_classes() {
        let cases = [
            (-3, "tone-n3"),
            (-1, "tone-n1"),
            (0, "tone-0"),
            (2, "tone-p2"),
        ];
        for (c, want) in cases {
            assert_eq!(tone_css(c), want);
        }
    }
}
