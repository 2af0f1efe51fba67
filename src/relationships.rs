//! The relationship views: how each pair of actors relates over time.
//!
//! - `/relationships`: the actors × actors [`matrix`], each cell coloured by the pair's net tone,
//!   and the [`compare`] chart overlaying chosen pairs' cumulative net tone.
//! - `/pair/A/B`: one pair's [`ledger`]: summary figures and trend, events per period by
//!   category with net tone per period ([`ledger_chart`]), and the pair's events.
//!
//! Every figure comes from `dyad_core::aggregate` over the filter's matches, so the views agree
//! with the timeline and the list. Charts are drawn by plotters on a canvas ([`chart`]), each
//! named for screen readers and followed by a "Table of these figures". Controls compute the
//! next view state and navigate; only passing UI state (the cell or period under the pointer,
//! whether the matrix shows every actor, whether a table is open) lives in local signals.

mod chart;
mod compare;
mod ledger;
mod ledger_chart;
mod matrix;

/// The canvas backend every plotters chart draws on (the map too), kept to the content policy.
pub(crate) use chart::PageCanvas;
pub use ledger::PairPage;

use std::sync::Arc;

use dyad_core::aggregate::Bin;
use dyad_core::query::{BinChoice, View, ViewState};
use dyad_core::text::visible;
use dyad_core::{ActorIx, Dataset};
use leptos::prelude::*;

use crate::filters::actor_name;
use crate::share::CopyLink;
use crate::state::{use_app, AppState, History};
use compare::{CompareSection, CompareTable};
use matrix::{MatrixSection, PairsTable};

/// What the matrix readout says before a cell is pointed at or focused.
const HOVER_HINT: &str = "Point at or focus a cell for the pair's figures.";

/// The matrix of pairs and the comparison chart, at `/relationships`.
#[component]
pub fn RelationshipsPage() -> impl IntoView {
    let app = use_app();
    // Whether the matrix shows every actor rather than the most active: a passing choice.
    let show_all = RwSignal::new(false);
    // The figures of the matrix cell under the pointer or the focus.
    let hovered = RwSignal::new(None::<String>);
    let layout = matrix::layout_memo(app, show_all);
    let lines = compare::lines_memo(app);
    let has_pairs = move || layout.with(|l| l.as_ref().is_some_and(|l| l.total > 0));
    let has_lines = move || lines.with(|l| l.as_ref().is_some_and(|l| compare::any_events(l)));
    view! {
        <div class="page relationships-page">
            <div class="page-head">
                <h2>"Relationships"</h2>
                <CopyLink />
            </div>
            <MatrixSection layout=layout show_all=show_all hovered=hovered />
            <p class="matrix-hover" aria-hidden="true">
                {move || hovered.get().unwrap_or_else(|| HOVER_HINT.to_string())}
            </p>
            <Show when=has_pairs>
                <FiguresTable>
                    <PairsTable layout=layout />
                </FiguresTable>
            </Show>
            <CompareSection lines=lines />
            <Show when=has_lines>
                <FiguresTable>
                    <CompareTable lines=lines />
                </FiguresTable>
            </Show>
        </div>
    }
}

/// The state links start from: the current one, without a selected event.
pub(crate) fn link_base(app: AppState) -> ViewState {
    let mut s = app.view.get();
    s.event = None;
    s
}

/// A link to the ledger of the pair `a`–`b` that keeps the filters (and everything else in the
/// URL but the selected event). A plain link: the app follows it like any other.
#[component]
pub(crate) fn PairLink(
    /// One actor's id.
    a: String,
    /// The other actor's id.
    b: String,
    /// The link's text.
    text: String,
) -> impl IntoView {
    let app = use_app();
    let href = move || app.href(&link_base(app).with_view(View::pair(a.as_str(), b.as_str())));
    view! { <a href=href>{text}</a> }
}

/// A tone as a reader sees it: signed, with a true minus sign, whole numbers without decimals
/// ("+12", "−18", "0", "+1.5").
pub(crate) fn fmt_tone(x: f32) -> String {
    let decimals = if (x - x.round()).abs() < 0.05 { 0 } else { 1 };
    fmt_signed(f64::from(x), decimals)
}

/// A signed number with `decimals` decimals, a true minus sign, and no sign for zero (also when
/// a small value rounds to zero).
pub(crate) fn fmt_signed(x: f64, decimals: usize) -> String {
    let digits = format!("{:.*}", decimals, x.abs());
    if digits.chars().all(|c| c == '0' || c == '.') {
        digits
    } else if x < 0.0 {
        format!("−{digits}")
    } else {
        format!("+{digits}")
    }
}

/// "Mali – Russia": the two actors' names, in the order given, as they may be shown
/// ([`dyad_core::text::visible`]).
pub(crate) fn pair_name(ds: &Dataset, a: &str, b: &str) -> String {
    format!("{} – {}", shown_name(ds, a), shown_name(ds, b))
}

/// An actor's name (its id if unknown) as it may be shown: bidi overrides and invisible
/// characters written out, so a name can neither reorder nor hide the text around it.
pub(crate) fn shown_name(ds: &Dataset, id: &str) -> String {
    visible(&actor_name(ds, id)).into_owned()
}

/// What "Include predecessors" does here, as an example: "Soviet Union as Russia" for the first
/// of `among` (every actor if `None`) that succeeds a state; `None` if none does, when there is
/// nothing to include.
pub(crate) fn succession_example(ds: &Dataset, among: Option<&[ActorIx]>) -> Option<String> {
    let all: Vec<ActorIx>;
    let among = match among {
        Some(a) => a,
        None => {
            all = (0..ds.actors.len() as ActorIx).collect();
            &all
        }
    };
    among.iter().find_map(|&x| {
        let first = *ds.predecessors_of(x).first()?;
        let name = |a: ActorIx| ds.actor(a).map(|a| visible(&a.name).into_owned());
        Some(format!("{} as {}", name(first)?, name(x)?))
    })
}

/// "1 event", "12 events".
pub(crate) fn events_word(n: usize) -> String {
    if n == 1 {
        "1 event".to_string()
    } else {
        format!("{n} events")
    }
}

/// The bin the URL asks for, `None` for automatic.
pub(crate) fn chosen_bin(choice: Option<BinChoice>) -> Option<Bin> {
    choice.and_then(|c| Bin::parse(c.as_str()))
}

/// The "Bin" select: Auto, Year, Month, Week, Day; a choice goes into the URL's `bin`.
#[component]
pub(crate) fn BinSelect(
    /// The select's id (unique on the page).
    id: &'static str,
) -> impl IntoView {
    let app = use_app();
    let current = move || app.view.with(|v| v.bin.map_or("auto", |b| b.as_str()));
    let options = std::iter::once(("auto", "Auto")).chain(
        BinChoice::ALL
            .into_iter()
            .map(|b| (b.as_str(), Bin::parse(b.as_str()).map_or("", |x| x.label()))),
    );
    let on_change = move |ev: leptos::ev::Event| {
        let bin = BinChoice::parse(&event_target_value(&ev));
        app.update(History::Push, move |s| s.bin = bin);
    };
    view! {
        <label class="inline-field">
            <span>"Bin"</span>
            <select id=id name="bin" on:change=on_change>
                {options
                    .map(|(value, label)| {
                        view! {
                            <option value=value prop:selected=move || current() == value>
                                {label}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}

/// The roll-up checkbox: affiliates (Wagner Group) count as their parent (Russia); the choice
/// goes into the URL's `rollup`.
#[component]
pub(crate) fn RollupToggle(
    /// The checkbox's id (unique on the page).
    id: &'static str,
) -> impl IntoView {
    let app = use_app();
    let on_change = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        app.update(History::Push, move |s| s.rollup = on);
    };
    view! {
        <label class="inline-field check">
            <input
                type="checkbox"
                id=id
                name="rollup"
                prop:checked=move || app.view.with(|v| v.rollup)
                on:change=on_change
            />
            <span>"Roll up affiliates into their parent"</span>
        </label>
    }
}

/// The "Include predecessors" checkbox: a state counts the events of the states it succeeds
/// (Russia those of the Soviet Union), `example` says which. The choice is the filters' `pred`
/// (`pred=1`), so the timeline, the list and these views read the same events.
#[component]
pub(crate) fn PredecessorsToggle(
    /// The checkbox's id (unique on the page).
    id: &'static str,
    /// Which state stands for which: "Soviet Union as Russia".
    example: String,
) -> impl IntoView {
    let app = use_app();
    let on_change = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        app.update(History::Push, move |s| s.filter.predecessors = on);
    };
    view! {
        <label class="inline-field check">
            <input
                type="checkbox"
                id=id
                name="pred"
                prop:checked=move || app.view.with(|v| v.filter.predecessors)
                on:change=on_change
            />
            <span>{format!("Include predecessors ({example})")}</span>
        </label>
    }
}

/// An explained empty result: the first line says what is empty, the others why or what to do,
/// and "Reset filters" clears every filter if `reset`.
#[component]
pub(crate) fn EmptyState(
    /// The lines of the explanation.
    lines: Vec<String>,
    /// Whether to offer "Reset filters" (the rest of the view stays).
    #[prop(optional)]
    reset: bool,
) -> impl IntoView {
    let app = use_app();
    let paragraphs = lines
        .into_iter()
        .enumerate()
        .map(|(i, line)| view! { <p class:hint={i > 0}>{line}</p> })
        .collect_view();
    let button = reset.then(|| {
        let clear = move |_| app.update(History::Push, |s| s.filter = Default::default());
        view! {
            <button type="button" class="reset" on:click=clear>
                "Reset filters"
            </button>
        }
    });
    view! {
        <div class="empty-state" role="status">
            {paragraphs}
            {button}
        </div>
    }
}

/// A closed "Table of these figures" (a `<details>`); its table is built when it is opened, so
/// a long table costs nothing until someone asks for it.
#[component]
pub(crate) fn FiguresTable(
    /// The table.
    children: ChildrenFn,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let toggle = move |ev: leptos::ev::Event| {
        open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())
    };
    view! {
        <details class="figures-table" on:toggle=toggle>
            <summary>"Table of these figures"</summary>
            <Show when=move || open.get()>{children()}</Show>
        </details>
    }
}

/// A column of a table of figures.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Column {
    /// Its heading.
    pub label: String,
    /// Whether it holds numbers (aligned right).
    pub numeric: bool,
}

impl Column {
    /// A column of text.
    pub fn text(label: impl Into<String>) -> Self {
        Column {
            label: label.into(),
            numeric: false,
        }
    }

    /// A column of numbers.
    pub fn number(label: impl Into<String>) -> Self {
        Column {
            label: label.into(),
            numeric: true,
        }
    }
}

/// A table of figures: its caption, its column headings, and its rows (the children, a keyed
/// `<For>` of `<tr>`).
#[component]
pub(crate) fn DataTable(
    /// What the table holds, also its accessible name.
    #[prop(into)]
    caption: Signal<String>,
    /// The columns.
    #[prop(into)]
    columns: Signal<Vec<Column>>,
    /// The rows.
    children: Children,
) -> impl IntoView {
    view! {
        <table class="data-table">
            <caption>{caption}</caption>
            <thead>
                <tr>
                    <For each=move || columns.get() key=|c| c.clone() let:c>
                        <th scope="col" class:num=c.numeric>
                            {c.label}
                        </th>
                    </For>
                </tr>
            </thead>
            <tbody>{children()}</tbody>
        </table>
    }
}

/// One row of a table of figures: a heading (the period) and numeric cells.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FigureRow {
    /// The row's heading.
    pub head: String,
    /// Its figures, as shown.
    pub cells: Vec<String>,
}

/// The rows of a table of figures, keyed by their content: a row whose figures stay the same
/// keeps its DOM when the table changes.
#[component]
pub(crate) fn FigureRows(
    /// The rows.
    #[prop(into)]
    rows: Signal<Vec<Arc<FigureRow>>>,
) -> impl IntoView {
    view! {
        <For each=move || rows.get() key=|r| r.clone() let:row>
            <tr>
                <th scope="row">{row.head.clone()}</th>
                {row.cells.iter().map(|c| view! { <td class="num">{c.clone()}</td> }).collect_view()}
            </tr>
        </For>
    }
}

#[cfg(test)]
mod tests {
    use super::{events_word, fmt_signed, fmt_tone};

    /// Signed with a true minus, zero unsigned (also when a small value rounds to zero), whole
    /// tones without decimals; the digits are those of `{:.N}`.
    #[test]
    fn signed_numbers() {
        let cases: [(f64, usize, &str); 8] = [
            (0.0, 1, "0.0"),
            (-0.0, 1, "0.0"),
            (-0.04, 1, "0.0"),
            (1.25, 1, "+1.2"),
            (-1.75, 1, "−1.8"),
            (12.0, 0, "+12"),
            (-18.4, 0, "−18"),
            (0.05, 1, "+0.1"),
        ];
        for (x, d, want) in cases {
            assert_eq!(fmt_signed(x, d), want, "{x} to {d}");
        }
        let tones = [(12.0, "+12"), (-18.02, "−18"), (1.5, "+1.5"), (0.0, "0")];
        for (x, want) in tones {
            assert_eq!(fmt_tone(x), want, "{x}");
        }
    }

    /// One event is singular, every other count plural.
    #[test]
    fn event_counts() {
        for (n, want) in [(0, "0 events"), (1, "1 event"), (2, "2 events")] {
            assert_eq!(events_word(n), want);
        }
    }
}
