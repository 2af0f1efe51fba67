//! The filter panel: search, actors (searchable, grouped by kind, affiliates under their parent,
//! a successor state marked as such, with live facet counts), any/all, "Include predecessor
//! states" (shown when the dataset has a succession: a selected state then stands for the states
//! it succeeds, `pred=1`), categories, date range with presets, source types,
//! verification, the active filters as removable chips, and Reset.
//!
//! Every control reads the URL's state and writes a new URL; none keeps its own copy of a filter,
//! except the search box and date fields while the user is typing in them. Facet rows are keyed
//! `<For>` rows that live as long as their actor or category is listed: a filter change reaches
//! them through the counts memo and changes their count and tick in place, so a keyboard user's
//! focus stays on the box they ticked.

use dyad_core::filter::{ActorMode, Facets, Filter};
use dyad_core::model::{ActorIx, ActorKind, SourceType, Verification};
use dyad_core::text::visible;
use dyad_core::{Dataset, PartialDate};
use leptos::html;
use leptos::prelude::*;
use leptos_use::use_debounce_fn_with_arg;
use wasm_bindgen::JsCast;

use crate::state::{use_app, AppState, History};

/// How long the search box waits after the last keystroke before it updates the URL, ms.
const SEARCH_DEBOUNCE_MS: f64 = 250.0;

/// The whole panel.
#[component]
pub fn FilterPanel() -> impl IntoView {
    view! {
        <div class="filter-panel">
            <SearchBox />
            <ActiveFilters />
            <ActorFacet />
            <CategoryFacet />
            <DateRange />
            <SourceFacet />
        </div>
    }
}

/// Toggles `item` in a sorted list, keeping it sorted.
fn toggle<T: Ord + Clone>(list: &mut Vec<T>, item: &T) {
    if let Some(i) = list.iter().position(|x| x == item) {
        list.remove(i);
    } else {
        list.push(item.clone());
        list.sort();
    }
}

/// The URL's filter, as a memo: a component that reads only the filter is not woken by other
/// changes of the view (the timeline's window, the selected event).
fn filter_memo(app: AppState) -> Memo<Filter> {
    Memo::new(move |_| app.view.with(|v| v.filter.clone()))
}

/// Free-text search, debounced into the URL.
#[component]
fn SearchBox() -> impl IntoView {
    let app = use_app();
    let input: NodeRef<html::Input> = NodeRef::new();
    let url_text = Memo::new(move |_| app.view.with(|v| v.filter.text.clone()));
    // While the user types, the box shows what they typed; it only takes the URL's text when
    // the two differ in substance (back/forward, a removed chip), so a trailing space survives.
    let value = move || {
        let t = url_text.get();
        match input.get_untracked() {
            Some(el) if el.value().trim() == t.trim() => el.value(),
            _ => t,
        }
    };
    // Typing replaces the history entry: Back undoes the search, not each keystroke.
    let commit = use_debounce_fn_with_arg(
        move |text: String| {
            app.update(History::Replace, move |s| {
                s.filter.text = text.trim().to_string()
            })
        },
        SEARCH_DEBOUNCE_MS,
    );
    view! {
        <div class="field search-field">
            <label for="search-input">"Search"</label>
            <input
                id="search-input"
                type="search"
                node_ref=input
                placeholder="Title, summary, actor, publisher"
                autocomplete="off"
                prop:value=value
                on:input=move |ev| {
                    commit(event_target_value(&ev));
                }
            />
        </div>
    }
}

/// One active filter value: what its chip removes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Chip {
    Actor(String),
    AllTogether,
    Predecessors,
    Category(String),
    From,
    To,
    Text,
    Source(SourceType),
    Level(Verification),
}

impl Chip {
    /// Takes this value out of `f`.
    fn remove(&self, f: &mut Filter) {
        match self {
            Chip::Actor(id) => f.actors.retain(|a| a != id),
            Chip::AllTogether => f.actor_mode = ActorMode::Any,
            Chip::Predecessors => f.predecessors = false,
            Chip::Category(id) => f.categories.retain(|c| c != id),
            Chip::From => f.from = None,
            Chip::To => f.to = None,
            Chip::Text => f.text.clear(),
            Chip::Source(t) => f.source_types.retain(|x| x != t),
            Chip::Level(v) => f.verification.retain(|x| x != v),
        }
    }
}

/// The chips of a filter, in panel order, with their labels.
fn chips(ds: &Dataset, f: &Filter) -> Vec<(String, Chip)> {
    let mut out: Vec<(String, Chip)> = Vec::new();
    for id in &f.actors {
        out.push((actor_name(ds, id), Chip::Actor(id.clone())));
    }
    if f.actor_mode == ActorMode::All && f.actors.len() > 1 {
        out.push(("All actors together".into(), Chip::AllTogether));
    }
    if f.predecessors {
        out.push(("With predecessor states".into(), Chip::Predecessors));
    }
    for id in &f.categories {
        let label = ds
            .category_by_id(id)
            .and_then(|c| ds.category(c))
            .map(|c| visible(&c.label).into_owned())
            .unwrap_or_else(|| id.clone());
        out.push((label, Chip::Category(id.clone())));
    }
    if let Some(d) = f.from {
        out.push((format!("From {}", d.display()), Chip::From));
    }
    if let Some(d) = f.to {
        out.push((format!("To {}", d.display()), Chip::To));
    }
    if !f.text.is_empty() {
        out.push((format!("“{}”", f.text), Chip::Text));
    }
    for &t in &f.source_types {
        out.push((format!("Source: {}", t.label()), Chip::Source(t)));
    }
    for &v in &f.verification {
        out.push((v.label().to_string(), Chip::Level(v)));
    }
    out
}

/// The active filters as chips, each removable, and Reset; nothing when no filter is set.
#[component]
fn ActiveFilters() -> impl IntoView {
    let app = use_app();
    let filter = filter_memo(app);
    let list = Memo::new(move |_| {
        let Some(ds) = app.dataset.get() else {
            return Vec::new();
        };
        filter.with(|f| chips(&ds, f))
    });
    let any = Memo::new(move |_| list.with(|l| !l.is_empty()));
    let chips_ul: NodeRef<html::Ul> = NodeRef::new();
    // A removed chip takes its button, and with it the focus, away: a keyboard user is put on
    // the chip now in its place (or the one before it), not thrown back to the top of the page.
    let remove = move |chip: Chip| {
        let pos = list.with_untracked(|l| l.iter().position(|(_, c)| *c == chip));
        app.update(History::Push, move |s| chip.remove(&mut s.filter));
        let Some(pos) = pos else { return };
        crate::perf::after_paint(move || {
            let Some(ul) = chips_ul.try_get_untracked().flatten() else {
                return;
            };
            let buttons = ul.get_elements_by_tag_name("button");
            let n = buttons.length();
            if n == 0 {
                return;
            }
            let at = (pos as u32).min(n - 1);
            if let Some(b) = buttons
                .item(at)
                .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = b.focus();
            }
        });
    };
    move || {
        any.get().then(|| {
            view! {
                <div class="active-filters" role="group" aria-label="Active filters">
                    <ul class="chips" node_ref=chips_ul>
                        <For
                            each=move || list.get()
                            key=|(_, chip)| chip.clone()
                            children=move |(label, chip)| {
                                let name = format!("Remove filter {label}");
                                view! {
                                    <li>
                                        <button
                                            class="chip"
                                            aria-label=name
                                            on:click=move |_| remove(chip.clone())
                                        >
                                            {label}
                                            <span aria-hidden="true">" ×"</span>
                                        </button>
                                    </li>
                                }
                            }
                        />
                    </ul>
                    <button
                        class="reset"
                        on:click=move |_| app.update(History::Push, |s| s.filter = Default::default())
                    >
                        "Reset"
                    </button>
                </div>
            }
        })
    }
}

/// The display name of an actor id (the id itself if unknown), with disguising characters
/// written out (`text::visible`).
pub fn actor_name(ds: &Dataset, id: &str) -> String {
    ds.actor_by_id(id)
        .and_then(|a| ds.actor(a))
        .map(|a| visible(&a.name).into_owned())
        .unwrap_or_else(|| id.to_string())
}

/// What an actor's row and its mention in an event's detail say about the succession:
/// "successor of the Soviet Union" for Russia (the state it succeeds directly); `None` for an
/// actor that succeeds none.
pub fn succession_note(ds: &Dataset, ix: ActorIx) -> Option<String> {
    let p = ds.predecessors_of(ix).into_iter().next()?;
    Some(format!(
        "successor of {}",
        the_name(&visible(&ds.actor(p)?.name))
    ))
}

/// A state's name as it reads after "of": "the Soviet Union" and "the United States", but
/// "Russia" and "Mali" (the names that English gives an article).
fn the_name(name: &str) -> String {
    const TAKES_THE: [&str; 9] = [
        "Soviet",
        "United",
        "Republic",
        "Federal",
        "Democratic",
        "Kingdom",
        "Central",
        "Czech",
        "Gambia",
    ];
    let first = name.split_whitespace().next().unwrap_or_default();
    if !name.starts_with("The ") && TAKES_THE.contains(&first) {
        format!("the {name}")
    } else {
        name.to_string()
    }
}

/// One actor's row in the panel: the actor and how deep it sits under its parents.
type ActorRow = (ActorIx, usize);

/// Actors in panel order: top-level actors grouped by kind (by name within a kind), each
/// followed by its affiliates (depth 1, 2, ...).
fn actor_rows(ds: &Dataset) -> Vec<(ActorKind, Vec<ActorRow>)> {
    let mut children: Vec<Vec<ActorIx>> = vec![Vec::new(); ds.actors.len()];
    let mut roots: Vec<ActorIx> = Vec::new();
    for (i, a) in ds.actors.iter().enumerate() {
        match a.affiliation {
            Some(p) => children[p as usize].push(i as ActorIx),
            None => roots.push(i as ActorIx),
        }
    }
    let name = |i: &ActorIx| dyad_core::text::fold(&ds.actors[*i as usize].name);
    for c in children.iter_mut() {
        c.sort_by_cached_key(name);
    }
    roots.sort_by_cached_key(name);
    fn walk(ix: ActorIx, depth: usize, children: &[Vec<ActorIx>], out: &mut Vec<ActorRow>) {
        out.push((ix, depth));
        if depth < 8 {
            for &c in &children[ix as usize] {
                walk(c, depth + 1, children, out);
            }
        }
    }
    ActorKind::ALL
        .iter()
        .filter_map(|&kind| {
            let mut rows = Vec::new();
            for &r in roots
                .iter()
                .filter(|&&r| ds.actors[r as usize].kind == kind)
            {
                walk(r, 0, &children, &mut rows);
            }
            (!rows.is_empty()).then_some((kind, rows))
        })
        .collect()
}

/// The actor rows shown for a find-box text (folded): the whole tree when it is empty (affiliates
/// under their parent), else the actors whose name, id or an alias contains it, flat under their
/// own kind, so a found affiliate never sits under another kind's heading. Kinds without a row
/// are left out.
fn shown_actor_rows(
    ds: &Dataset,
    tree: &[(ActorKind, Vec<ActorRow>)],
    needle: &str,
) -> Vec<(ActorKind, Vec<ActorRow>)> {
    if needle.is_empty() {
        return tree.to_vec();
    }
    let fold = dyad_core::text::fold;
    let matches = |ix: ActorIx| {
        let a = &ds.actors[ix as usize];
        fold(&a.name).contains(needle)
            || fold(&a.id).contains(needle)
            || a.aliases.iter().any(|al| fold(al).contains(needle))
    };
    ActorKind::ALL
        .iter()
        .filter_map(|&kind| {
            let mut found: Vec<ActorRow> = tree
                .iter()
                .flat_map(|(_, r)| r.iter())
                .filter(|(ix, _)| ds.actors[*ix as usize].kind == kind && matches(*ix))
                .map(|&(ix, _)| (ix, 0))
                .collect();
            found.sort_by_cached_key(|(ix, _)| fold(&ds.actors[*ix as usize].name));
            (!found.is_empty()).then_some((kind, found))
        })
        .collect()
}

/// Actors: find box, any/all, and checkboxes with facet counts, grouped by kind.
#[component]
fn ActorFacet() -> impl IntoView {
    let app = use_app();
    let find = RwSignal::new(String::new());
    // The tree depends on the dataset only; what is shown, on the find box too.
    let tree = Memo::new(move |_| app.dataset.get().map(|ds| actor_rows(&ds)));
    let shown = Memo::new(move |_| {
        let ds = app.dataset.get()?;
        let needle = dyad_core::text::fold(&find.get());
        tree.with(|t| Some(shown_actor_rows(&ds, t.as_deref()?, &needle)))
    });
    let mode = Memo::new(move |_| app.view.with(|v| v.filter.actor_mode));
    let set_mode = move |m: ActorMode| app.update(History::Push, move |s| s.filter.actor_mode = m);
    let succession = Memo::new(move |_| {
        app.dataset.with(|d| {
            d.as_ref()
                .is_some_and(|d| d.actors.iter().any(|a| a.succeeds.is_some()))
        })
    });
    let predecessors = Memo::new(move |_| app.view.with(|v| v.filter.predecessors));
    let set_predecessors = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        app.update(History::Push, move |s| s.filter.predecessors = on);
    };
    let counts = facet_counts(app, |f| &f.actors);
    let selected = Memo::new(move |_| app.view.with(|v| v.filter.actors.clone()));
    let kinds = move || {
        shown.with(|s| {
            s.iter()
                .flatten()
                .map(|(kind, _)| *kind)
                .collect::<Vec<_>>()
        })
    };
    let group = move |kind: ActorKind| {
        let heading_id = format!("kind-{}", kind.as_str());
        let rows = move || {
            shown.with(|s| {
                s.iter()
                    .flatten()
                    .find(|(k, _)| *k == kind)
                    .map(|(_, r)| r.clone())
                    .unwrap_or_default()
            })
        };
        let row = move |(ix, depth): ActorRow| {
            let ds = app.dataset.get_untracked()?;
            let a = ds.actor(ix)?;
            Some(view! {
                <FacetRow
                    prefix="actor"
                    value=a.id.clone()
                    label=visible(&a.name).into_owned()
                    note=succession_note(&ds, ix)
                    depth=depth
                    index=ix as usize
                    counts=counts
                    selected=selected
                    toggle=|f, key| toggle(&mut f.actors, &key.to_string())
                />
            })
        };
        let labelled_by = heading_id.clone();
        view! {
            <div class="facet-group" role="group" aria-labelledby=labelled_by>
                <h4 id=heading_id>{kind.label()}</h4>
                <ul class="facet-list">
                    // Keyed by actor and depth: a search shows the same actor flat, at depth 0.
                    <For each=rows key=|row| *row children=row />
                </ul>
            </div>
        }
    };
    view! {
        <fieldset class="facet actors">
            <legend>"Actors"</legend>
            <label class="sr-only" for="actor-find">
                "Find an actor"
            </label>
            <input
                id="actor-find"
                type="search"
                placeholder="Find an actor"
                autocomplete="off"
                prop:value=move || find.get()
                on:input=move |ev| find.set(event_target_value(&ev))
            />
            <div class="mode" role="radiogroup" aria-label="Match actors">
                <label>
                    <input
                        type="radio"
                        name="actor-mode"
                        prop:checked=move || mode.get() == ActorMode::Any
                        on:change=move |_| set_mode(ActorMode::Any)
                    />
                    "Any of them"
                </label>
                <label>
                    <input
                        type="radio"
                        name="actor-mode"
                        prop:checked=move || mode.get() == ActorMode::All
                        on:change=move |_| set_mode(ActorMode::All)
                    />
                    "All together"
                </label>
            </div>
            <Show when=move || succession.get()>
                <label
                    class="predecessors"
                    title="A selected state also stands for the states it succeeds (Russia for the Soviet Union), in the matches and the counts"
                >
                    <input
                        type="checkbox"
                        prop:checked=move || predecessors.get()
                        on:change=set_predecessors
                    />
                    "Include predecessor states"
                </label>
            </Show>
            <div class="facet-scroll">
                // Built anew for another dataset, whose actors the indices name.
                {move || {
                    app.dataset.track();
                    view! { <For each=kinds key=|kind| *kind children=group /> }
                }}
            </div>
        </fieldset>
    }
}

/// Categories: a checkbox each with its colour and count.
#[component]
fn CategoryFacet() -> impl IntoView {
    let app = use_app();
    let counts = facet_counts(app, |f| &f.categories);
    let selected = Memo::new(move |_| app.view.with(|v| v.filter.categories.clone()));
    // Each category's position in the dataset (which the counts are indexed by) and its id.
    let rows = move || {
        app.dataset.with(|d| {
            d.iter()
                .flat_map(|d| d.categories.iter().map(|c| c.id.clone()).enumerate())
                .collect::<Vec<_>>()
        })
    };
    let row = move |(slot, _): (usize, String)| {
        let ds = app.dataset.get_untracked()?;
        let c = ds.categories.get(slot)?;
        Some(view! {
            <FacetRow
                prefix="cat"
                value=c.id.clone()
                label=visible(&c.label).into_owned()
                index=slot
                swatch=c.color.clone()
                title=visible(&c.definition).into_owned()
                counts=counts
                selected=selected
                toggle=|f, key| toggle(&mut f.categories, &key.to_string())
            />
        })
    };
    view! {
        <fieldset class="facet categories">
            <legend>"Categories"</legend>
            <ul class="facet-list">
                // Built anew for another dataset, whose categories may differ under the same id.
                {move || {
                    app.dataset.track();
                    view! { <For each=rows key=|(_, id)| id.clone() children=row /> }
                }}
            </ul>
        </fieldset>
    }
}

/// From/To fields accepting a year, a year-month or a full date, and presets.
#[component]
fn DateRange() -> impl IntoView {
    let app = use_app();
    let from_err = RwSignal::new(None::<String>);
    let to_err = RwSignal::new(None::<String>);
    let last_year = Memo::new(move |_| {
        app.dataset
            .get()
            .and_then(|d| d.span())
            .and_then(|s| PartialDate::from_day(s.end))
            .map(|d| d.year_num())
    });
    let preset = move |from: Option<i32>, to: Option<i32>| {
        from_err.set(None);
        to_err.set(None);
        app.update(History::Push, move |s| {
            s.filter.from = from.and_then(|y| PartialDate::year(y).ok());
            s.filter.to = to.and_then(|y| PartialDate::year(y).ok());
        })
    };
    view! {
        <fieldset class="facet dates">
            <legend>"Dates"</legend>
            <DateField end=DateEnd::From error=from_err />
            <DateField end=DateEnd::To error=to_err />
            <div class="presets" role="group" aria-label="Date presets">
                <button on:click=move |_| preset(None, None)>"All dates"</button>
                <button on:click=move |_| preset(Some(2020), None)>"Since 2020"</button>
                {move || {
                    last_year
                        .get()
                        .map(|y| {
                            view! {
                                <button on:click=move |_| preset(Some(y - 4), Some(y))>
                                    "Last 5 years"
                                </button>
                            }
                        })
                }}
            </div>
        </fieldset>
    }
}

/// Which end of the date range a [`DateField`] sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DateEnd {
    From,
    To,
}

impl DateEnd {
    /// The field's id stem and its visible label.
    fn names(self) -> (&'static str, &'static str) {
        match self {
            DateEnd::From => ("from", "From"),
            DateEnd::To => ("to", "To"),
        }
    }

    /// This end of `f`.
    fn of(self, f: &Filter) -> Option<PartialDate> {
        match self {
            DateEnd::From => f.from,
            DateEnd::To => f.to,
        }
    }

    /// Sets this end of `f`.
    fn set(self, f: &mut Filter, d: Option<PartialDate>) {
        match self {
            DateEnd::From => f.from = d,
            DateEnd::To => f.to = d,
        }
    }
}

/// One end of the date range: a text field that takes a year, a year-month or a day when
/// committed (Enter or leaving it), and says what is wrong with anything else.
#[component]
fn DateField(
    /// The end it sets.
    end: DateEnd,
    /// The message about the text last committed, if it was not a date (the presets clear it).
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let app = use_app();
    let (stem, label) = end.names();
    let id = format!("date-{stem}");
    let err_id = format!("date-{stem}-error");
    let value = move || {
        app.view
            .with(|v| end.of(&v.filter))
            .map(|d| d.to_string())
            .unwrap_or_default()
    };
    let commit = move |raw: String| {
        let raw = raw.trim();
        let parsed = if raw.is_empty() {
            Ok(None)
        } else {
            raw.parse::<PartialDate>().map(Some)
        };
        match parsed {
            Ok(d) => {
                error.set(None);
                app.update(History::Push, move |s| end.set(&mut s.filter, d));
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    view! {
        <div class="field date-field">
            <label for=id.clone()>{label}</label>
            <input
                id=id
                type="text"
                inputmode="numeric"
                placeholder="YYYY, YYYY-MM or YYYY-MM-DD"
                autocomplete="off"
                aria-invalid=move || error.with(Option::is_some).to_string()
                aria-describedby=err_id.clone()
                prop:value=value
                on:change=move |ev| commit(event_target_value(&ev))
            />
            <span class="field-error" id=err_id role="status">
                {move || error.get()}
            </span>
        </div>
    }
}

/// Each facet's counts from the current result, as a memo: a change that leaves the counts as
/// they were wakes none of the rows.
fn facet_counts(app: AppState, pick: fn(&Facets) -> &Vec<u32>) -> Memo<Vec<u32>> {
    Memo::new(move |_| {
        app.result
            .with(|r| r.as_deref().map(|r| pick(&r.facets).clone()))
            .unwrap_or_default()
    })
}

/// One checkbox of a facet, with its label and live count. Its count and tick follow the
/// facet's memos, so a filter change rewrites only the counts that changed, in place; ticking
/// it writes the URL through `toggle`.
#[component]
fn FacetRow(
    /// The id stem of the checkbox (`actor`, `cat`, `src`, `ver`): its id is `{prefix}-{value}`.
    prefix: &'static str,
    /// The value the row puts in the URL.
    value: String,
    /// The visible label (with the count, the checkbox's accessible name).
    label: String,
    /// Its index in the facet's counts.
    index: usize,
    /// Event counts of the facet, by slot.
    counts: Memo<Vec<u32>>,
    /// The keys ticked now, as in the URL.
    selected: Memo<Vec<String>>,
    /// What ticking or unticking this row does to the filter, given `value`.
    toggle: fn(&mut Filter, &str),
    /// How deep the row sits under its parents (affiliates are indented).
    #[prop(optional)]
    depth: usize,
    /// A colour swatch before the label (categories).
    #[prop(optional, into)]
    swatch: Option<String>,
    /// A tooltip for the label (a category's definition).
    #[prop(optional, into)]
    title: Option<String>,
    /// A second line under the label (an actor's succession).
    #[prop(default = None)]
    note: Option<String>,
) -> impl IntoView {
    let app = use_app();
    // Read where shown, not through memos of their own: a filter change then wakes the few
    // nodes that show the count, not a memo per row besides.
    let count = move || counts.with(|c| c.get(index).copied().unwrap_or(0));
    let ticked = {
        let value = value.clone();
        move || selected.with(|s| s.contains(&value))
    };
    let id = format!("{prefix}-{value}");
    let on_change = move |_| {
        let value = value.clone();
        app.update(History::Push, move |s| toggle(&mut s.filter, &value));
    };
    view! {
        <li
            class="facet-row"
            class:zero=move || count() == 0
            style=("--depth", (depth > 0).then(|| depth.to_string()))
        >
            <input type="checkbox" id=id.clone() prop:checked=ticked on:change=on_change />
            <label for=id title=title>
                {swatch
                    .map(|c| {
                        view! {
                            <span
                                class="swatch"
                                style:background=c
                                aria-hidden="true"
                            ></span>
                        }
                    })}
                <span class="facet-label">
                    {label}
                    {note.map(|n| view! { <span class="facet-note">{n}</span> })}
                </span>
                <span class="count">{count}</span>
            </label>
        </li>
    }
}

/// Source types and verification levels.
#[component]
fn SourceFacet() -> impl IntoView {
    let app = use_app();
    let source_counts = facet_counts(app, |f| &f.source_types);
    let selected_sources = Memo::new(move |_| {
        app.view.with(|v| {
            v.filter
                .source_types
                .iter()
                .map(|t| t.as_str().to_string())
                .collect()
        })
    });
    // Source types no event has are left out, unless ticked.
    let sources = move || {
        source_counts.with(|counts| {
            selected_sources.with(|selected: &Vec<String>| {
                SourceType::ALL
                    .iter()
                    .enumerate()
                    .filter(|(i, t)| {
                        counts.get(*i).copied().unwrap_or(0) > 0
                            || selected.iter().any(|s| s == t.as_str())
                    })
                    .map(|(i, t)| (i, *t))
                    .collect::<Vec<_>>()
            })
        })
    };
    let level_counts = facet_counts(app, |f| &f.verification);
    let selected_levels = Memo::new(move |_| {
        app.view.with(|v| {
            v.filter
                .verification
                .iter()
                .map(|t| t.as_str().to_string())
                .collect()
        })
    });
    let levels = || Verification::ALL.iter().copied().enumerate();
    view! {
        <fieldset class="facet sources">
            <legend>"Source types"</legend>
            <ul class="facet-list">
                <For
                    each=sources
                    key=|(_, t)| *t
                    let((slot, t))
                >
                    <FacetRow
                        prefix="src"
                        value=t.as_str().to_string()
                        label=t.label().to_string()
                        index=slot
                        counts=source_counts
                        selected=selected_sources
                        toggle=|f, key| {
                            if let Some(t) = SourceType::ALL.iter().find(|t| t.as_str() == key) {
                                toggle(&mut f.source_types, t)
                            }
                        }
                    />
                </For>
            </ul>
        </fieldset>
        <fieldset class="facet verification">
            <legend>"Verification"</legend>
            <ul class="facet-list">
                <For each=levels key=|(_, v)| *v let((slot, v))>
                    <FacetRow
                        prefix="ver"
                        value=v.as_str().to_string()
                        label=v.label().to_string()
                        index=slot
                        counts=level_counts
                        selected=selected_levels
                        toggle=|f, key| {
                            if let Some(v) = Verification::ALL.iter().find(|v| v.as_str() == key) {
                                toggle(&mut f.verification, v)
                            }
                        }
                    />
                </For>
            </ul>
        </fieldset>
    }
}

#[cfg(test)]
mod tests {
    use super::{the_name, toggle};

    /// A state's name takes "the" after "of" where English gives it one.
    #[test]
    fn names_after_of() {
        let cases = [
            ("Soviet Union", "the Soviet Union"),
            ("United States", "the United States"),
            ("Russia", "Russia"),
            ("Mali", "Mali"),
            ("Central African Republic", "the Central African Republic"),
            ("The Gambia", "The Gambia"),
        ];
        for (name, want) in cases {
            assert_eq!(the_name(name), want, "{name}");
        }
    }

    /// Toggling adds a missing value in order and removes a present one.
    #[test]
    fn toggle_keeps_the_list_sorted() {
        let cases: [(&[&str], &str, &[&str]); 4] = [
            (&[], "b", &["b"]),
            (&["a", "c"], "b", &["a", "b", "c"]),
            (&["a", "b", "c"], "b", &["a", "c"]),
            (&["b"], "b", &[]),
        ];
        for (start, item, want) in cases {
            let mut list: Vec<&str> = start.to_vec();
            toggle(&mut list, &item);
            assert_eq!(list, want, "toggle {item} in {start:?}");
        }
    }
}
