//! The filter panel: search, actors (searchable, grouped by kind, affiliates under their parent,
//! with live facet counts), any/all, categories, date range with presets, source types,
//! verification, the active filters as removable chips, and Reset.
//!
//! Every control reads the URL's state and writes a new URL; none keeps its own copy of a filter,
//! except the search box and date fields while the user is typing in them.

use std::sync::Arc;

use dyad_core::filter::{ActorMode, Facets, Filter};
use dyad_core::model::{ActorIx, ActorKind, SourceType, Verification};
use dyad_core::{Dataset, PartialDate};
use leptos::html;
use leptos::prelude::*;

use wasm_bindgen::JsCast;

use crate::relationships::dom::{closest, el, mount_all, El, Host, Render};
use crate::state::{use_app, AppState, History};

/// How long the search box waits after the last keystroke before it updates the URL.
const SEARCH_DEBOUNCE_MS: u32 = 250;

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
        list.sort_by(T::cmp);
    }
}

/// Free-text search, debounced into the URL.
#[component]
fn SearchBox() -> impl IntoView {
    let app = use_app();
    let input: NodeRef<html::Input> = NodeRef::new();
    let url_text = Memo::new(move |_| app.view.with(|v| v.filter.text.clone()));
    let pending = StoredValue::new(None::<leptos::leptos_dom::helpers::TimeoutHandle>);
    // While the user types, the box shows what they typed; it only takes the URL's text when
    // the two differ in substance (back/forward, a removed chip), so a trailing space survives.
    let value = move || {
        let t = url_text.get();
        match input.get_untracked() {
            Some(el) if el.value().trim() == t.trim() => el.value(),
            _ => t,
        }
    };
    let on_input = move |_| {
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                let text = input
                    .get_untracked()
                    .map(|el| el.value())
                    .unwrap_or_default();
                app.update(History::Replace, move |s| {
                    s.filter.text = text.trim().to_string()
                });
            },
            std::time::Duration::from_millis(SEARCH_DEBOUNCE_MS as u64),
        )
        .ok();
        pending.set_value(handle);
    };
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
                on:input=on_input
            />
        </div>
    }
}

/// One active filter value: what its chip removes.
#[derive(Debug, Clone, PartialEq)]
enum Chip {
    Actor(String),
    AllTogether,
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
    for id in &f.categories {
        let label = ds
            .category_by_id(id)
            .and_then(|c| ds.category(c))
            .map(|c| c.label.clone())
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

/// The active filters as chips, each removable, and Reset: built by the DOM builder when the
/// filter changes (not on other changes of the view), clicks handled by one listener.
#[component]
fn ActiveFilters() -> impl IntoView {
    let app = use_app();
    let filter = Memo::new(move |_| app.view.with(|v| v.filter.clone()));
    // The chips shown, by position (a chip's id is `chip-{position}`).
    let shown = StoredValue::new(Vec::<(String, Chip)>::new());
    // Ids by position also let a keyboard user who removed a chip stay on the chip now in its
    // place (the builder's `Host` gives the focus back by id).
    let render: Render = Box::new(move || {
        let ds = app.dataset.get()?;
        let list = filter.with(|f| chips(&ds, f));
        let content = (!list.is_empty()).then(|| {
            let buttons = list.iter().enumerate().map(|(i, (label, _))| {
                el("li").child(
                    el("button")
                        .class("chip")
                        .attr("id", format!("chip-{i}"))
                        .attr("aria-label", format!("Remove filter {label}"))
                        .text(label.as_str())
                        .child(el("span").attr("aria-hidden", "true").text(" ×")),
                )
            });
            el("div")
                .class("active-filters")
                .attr("role", "group")
                .attr("aria-label", "Active filters")
                .child(el("ul").class("chips").kids(buttons))
                .child(el("button").class("reset").text("Reset"))
        });
        shown.set_value(list);
        content
    });
    let on_click = move |ev: web_sys::MouseEvent| {
        if closest(&ev, "button.reset").is_some() {
            app.update(History::Push, |s| s.filter = Default::default());
            return;
        }
        let chip = closest(&ev, "button.chip")
            .and_then(|b| b.id().strip_prefix("chip-")?.parse::<usize>().ok())
            .and_then(|i| shown.with_value(|v| v.get(i).map(|(_, c)| c.clone())));
        if let Some(chip) = chip {
            app.update(History::Push, move |s| chip.remove(&mut s.filter));
        }
    };
    view! {
        <div class="active-filters-slot" on:click=on_click>
            <Host render=render />
        </div>
    }
}

/// The display name of an actor id (the id itself if unknown).
pub fn actor_name(ds: &Dataset, id: &str) -> String {
    ds.actor_by_id(id)
        .and_then(|a| ds.actor(a))
        .map(|a| a.name.clone())
        .unwrap_or_else(|| id.to_string())
}

/// Actors in panel order: top-level actors grouped by kind (by name within a kind), each
/// followed by its affiliates (depth 1, 2, ...).
fn actor_rows(ds: &Dataset) -> Vec<(ActorKind, Vec<(ActorIx, usize)>)> {
    let mut children: Vec<Vec<ActorIx>> = vec![Vec::new(); ds.actors.len()];
    let mut roots: Vec<ActorIx> = Vec::new();
    for (i, a) in ds.actors.iter().enumerate() {
        match a.affiliation {
            Some(p) => children[p as usize].push(i as ActorIx),
            None => roots.push(i as ActorIx),
        }
    }
    let by_name = |x: &ActorIx, y: &ActorIx| {
        let n = |i: &ActorIx| dyad_core::text::fold(&ds.actors[*i as usize].name);
        n(x).cmp(&n(y))
    };
    for c in children.iter_mut() {
        c.sort_by(by_name);
    }
    roots.sort_by(by_name);
    fn walk(ix: ActorIx, depth: usize, children: &[Vec<ActorIx>], out: &mut Vec<(ActorIx, usize)>) {
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

/// Actors: find box, any/all, and checkboxes with facet counts.
#[component]
fn ActorFacet() -> impl IntoView {
    let app = use_app();
    let find = RwSignal::new(String::new());
    let rows = Memo::new_with_compare(
        move |_| app.dataset.get().map(|ds| Arc::new(actor_rows(&ds))),
        |a, b| match (a, b) {
            (Some(Some(x)), Some(Some(y))) => !Arc::ptr_eq(x, y),
            _ => true,
        },
    );
    let mode = Memo::new(move |_| app.view.with(|v| v.filter.actor_mode));
    let set_mode = move |m: ActorMode| app.update(History::Push, move |s| s.filter.actor_mode = m);
    let counts = facet_counts(app, |f| &f.actors);
    let selected = Memo::new(move |_| app.view.with(|v| v.filter.actors.clone()));
    // Rebuilt only when the dataset or the find box changes; a filter change updates counts and
    // ticks in place (`FacetRows`).
    let build =
        move || {
            let (Some(ds), Some(rows)) = (app.dataset.get(), rows.get()) else {
                return Vec::new();
            };
            let needle = dyad_core::text::fold(&find.get());
            let matches = |ix: ActorIx| {
                let a = &ds.actors[ix as usize];
                dyad_core::text::fold(&a.name).contains(&needle)
                    || dyad_core::text::fold(&a.id).contains(&needle)
                    || a.aliases
                        .iter()
                        .any(|al| dyad_core::text::fold(al).contains(&needle))
            };
            // Browsing shows the tree (affiliates under their parent); searching shows the matches
            // flat under their own kind, so a found affiliate never sits under another kind's heading.
            let shown: Vec<(ActorKind, Vec<(ActorIx, usize)>)> = if needle.is_empty() {
                rows.as_ref().clone()
            } else {
                ActorKind::ALL
                    .iter()
                    .map(|&kind| {
                        let mut found: Vec<(ActorIx, usize)> = rows
                            .iter()
                            .flat_map(|(_, r)| r.iter())
                            .filter(|(ix, _)| ds.actors[*ix as usize].kind == kind && matches(*ix))
                            .map(|&(ix, _)| (ix, 0))
                            .collect();
                        found.sort_by_key(|(ix, _)| {
                            dyad_core::text::fold(&ds.actors[*ix as usize].name)
                        });
                        (kind, found)
                    })
                    .collect()
            };
            shown
                .iter()
                .filter(|(_, rows)| !rows.is_empty())
                .map(|(kind, rows)| {
                    let heading_id = format!("kind-{}", kind.as_str());
                    el("div")
                        .class("facet-group")
                        .attr("role", "group")
                        .attr("aria-labelledby", heading_id.clone())
                        .child(el("h4").attr("id", heading_id).text(kind.label()))
                        .child(el("ul").class("facet-list").kids(rows.iter().map(
                            |&(ix, depth)| {
                                let a = &ds.actors[ix as usize];
                                facet_row("actor", ix as usize, &a.id, &a.name, depth, None, None)
                            },
                        )))
                })
                .collect()
        };
    view! {
        <fieldset class="facet actors">
            <legend>"Actors"</legend>
            <label class="sr-only" for="actor-find">"Find an actor"</label>
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
            <FacetRows
                class="facet-scroll"
                rows=Box::new(build)
                counts=counts
                selected=selected
                toggle=|f, key| toggle(&mut f.actors, &key.to_string())
            />
        </fieldset>
    }
}

/// Categories: a checkbox each with its colour and count.
#[component]
fn CategoryFacet() -> impl IntoView {
    let app = use_app();
    let counts = facet_counts(app, |f| &f.categories);
    let selected = Memo::new(move |_| app.view.with(|v| v.filter.categories.clone()));
    let build = move || {
        let Some(ds) = app.dataset.get() else {
            return Vec::new();
        };
        let rows = ds.categories.iter().enumerate().map(|(i, c)| {
            facet_row(
                "cat",
                i,
                &c.id,
                &c.label,
                0,
                Some(&c.color),
                Some(&c.definition),
            )
        });
        vec![el("ul").class("facet-list").kids(rows)]
    };
    view! {
        <fieldset class="facet categories">
            <legend>"Categories"</legend>
            <FacetRows
                rows=Box::new(build)
                counts=counts
                selected=selected
                toggle=|f, key| toggle(&mut f.categories, &key.to_string())
            />
        </fieldset>
    }
}

/// From/To fields accepting a year, a year-month or a full date, and presets.
#[component]
fn DateRange() -> impl IntoView {
    let app = use_app();
    let from_err = RwSignal::new(None::<String>);
    let to_err = RwSignal::new(None::<String>);
    let commit = move |which: &'static str, raw: String| {
        let raw = raw.trim().to_string();
        let err = if which == "from" { from_err } else { to_err };
        let parsed = if raw.is_empty() {
            Ok(None)
        } else {
            raw.parse::<PartialDate>().map(Some)
        };
        match parsed {
            Ok(d) => {
                err.set(None);
                app.update(History::Push, move |s| {
                    if which == "from" {
                        s.filter.from = d
                    } else {
                        s.filter.to = d
                    }
                });
            }
            Err(e) => err.set(Some(e.to_string())),
        }
    };
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
    let field = move |which: &'static str, label: &'static str, err: RwSignal<Option<String>>| {
        let id = format!("date-{which}");
        let err_id = format!("date-{which}-error");
        let value = move || {
            app.view.with(|v| {
                let d = if which == "from" {
                    v.filter.from
                } else {
                    v.filter.to
                };
                d.map(|d| d.to_string()).unwrap_or_default()
            })
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
                    aria-invalid=move || err.get().is_some().to_string()
                    aria-describedby=err_id.clone()
                    prop:value=value
                    on:change=move |ev| commit(which, event_target_value(&ev))
                />
                <span class="field-error" id=err_id role="status">{move || err.get()}</span>
            </div>
        }
    };
    view! {
        <fieldset class="facet dates">
            <legend>"Dates"</legend>
            {field("from", "From", from_err)}
            {field("to", "To", to_err)}
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

/// Each facet's counts from the current result, as a memo: rows read their own entry, and a
/// change that leaves the counts as they were wakes none of them.
fn facet_counts(app: AppState, pick: fn(&Facets) -> &Vec<u32>) -> Memo<Vec<u32>> {
    Memo::new(move |_| {
        app.result
            .with(|r| r.as_deref().map(|r| pick(&r.facets).clone()))
            .unwrap_or_default()
    })
}

/// One checkbox row of a facet, as plain data for the DOM builder: `data-slot` is its index in
/// the facet's counts, `data-key` the value it puts in the URL. Its count and tick are filled in
/// by [`FacetRows`].
fn facet_row(
    prefix: &str,
    slot: usize,
    key: &str,
    label: &str,
    depth: usize,
    swatch: Option<&str>,
    title: Option<&str>,
) -> El {
    let id = format!("{prefix}-{key}");
    let mut row = el("li")
        .class("facet-row")
        .attr("data-slot", slot.to_string())
        .attr("data-key", key);
    if depth > 0 {
        row = row.attr("style", format!("--depth:{depth}"));
    }
    let mut lab = el("label").attr("for", id.clone());
    if let Some(t) = title {
        lab = lab.attr("title", t);
    }
    if let Some(c) = swatch {
        lab = lab.child(
            el("span")
                .class("swatch")
                .attr("style", format!("background:{c}"))
                .attr("aria-hidden", "true"),
        );
    }
    row.child(el("input").attr("type", "checkbox").attr("id", id))
        .child(
            lab.child(el("span").class("facet-label").text(label))
                .child(el("span").class("count")),
        )
}

/// One checkbox row as mounted: its handles, and the count and tick it shows, so that a refresh
/// writes only what changed and reads back nothing but the tick (which a click changes).
struct RowCell {
    /// Index in the facet's counts (`data-slot`).
    slot: usize,
    /// The value it puts in the URL (`data-key`).
    key: String,
    li: web_sys::Element,
    count: Option<web_sys::Element>,
    input: Option<web_sys::HtmlInputElement>,
    /// The count shown, once set.
    shown: Option<u32>,
}

/// The rows mounted in `host`, found once after each build.
fn row_cells(host: &web_sys::Element) -> Vec<RowCell> {
    let Ok(rows) = host.query_selector_all("li[data-slot]") else {
        return Vec::new();
    };
    (0..rows.length())
        .filter_map(|i| rows.item(i)?.dyn_into::<web_sys::Element>().ok())
        .map(|li| RowCell {
            slot: li
                .get_attribute("data-slot")
                .and_then(|s| s.parse().ok())
                .unwrap_or(usize::MAX),
            key: li.get_attribute("data-key").unwrap_or_default(),
            count: li.last_element_child().and_then(|l| l.last_element_child()),
            input: li
                .first_element_child()
                .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok()),
            li,
            shown: None,
        })
        .collect()
}

/// Sets each row's count, dimming and tick from the current result and URL, touching only what
/// changed. A filter change thus costs a few DOM writes, not a rebuilt panel.
fn refresh_rows(cells: &mut [RowCell], counts: &[u32], selected: &[String]) {
    for c in cells {
        let n = counts.get(c.slot).copied().unwrap_or(0);
        if c.shown != Some(n) {
            if c.shown.map(|m| m == 0) != Some(n == 0) {
                c.li.set_class_name(if n == 0 {
                    "facet-row zero"
                } else {
                    "facet-row"
                });
            }
            if let Some(count) = &c.count {
                count.set_text_content(Some(&n.to_string()));
            }
            c.shown = Some(n);
        }
        let ticked = selected.contains(&c.key);
        if let Some(input) = c.input.as_ref().filter(|i| i.checked() != ticked) {
            input.set_checked(ticked);
        }
    }
}

/// A facet's checkboxes, built from plain data (`rows`, see [`facet_row`]) when what `rows`
/// reads changes, and refreshed in place when the counts or the ticks change. One delegated
/// listener turns a tick into a new URL through `toggle`.
#[component]
fn FacetRows(
    /// Builds the rows (with any group headings); reactive.
    rows: Box<dyn Fn() -> Vec<El>>,
    /// Event counts, by each row's `data-slot`.
    counts: Memo<Vec<u32>>,
    /// The keys ticked now, as in the URL.
    selected: Memo<Vec<String>>,
    /// What ticking or unticking the row with this key does to the filter.
    toggle: fn(&mut Filter, &str),
    /// The host's class.
    #[prop(optional)]
    class: &'static str,
) -> impl IntoView {
    let app = use_app();
    let node: NodeRef<html::Div> = NodeRef::new();
    let built = StoredValue::new(None::<Vec<El>>);
    let cells = std::rc::Rc::new(std::cell::RefCell::new(Vec::<RowCell>::new()));
    let refresh = {
        let cells = cells.clone();
        move || {
            counts.with_untracked(|c| {
                selected.with_untracked(|s| refresh_rows(&mut cells.borrow_mut(), c, s))
            })
        }
    };
    // Writing rows into the page is the outside world, as drawing a canvas is. Two effects: the
    // rows are rebuilt only when what `rows` reads changes (the dataset, the find box), and a
    // filter change only refreshes the counts and ticks.
    let rebuilt = refresh.clone();
    Effect::new(move |_| {
        let content = rows();
        let Some(host) = node.get() else { return };
        if built.with_value(|b| b.as_ref() != Some(&content)) {
            mount_all(&host, &content);
            built.set_value(Some(content));
            *cells.borrow_mut() = row_cells(&host);
            rebuilt();
        }
    });
    Effect::new(move |_| {
        counts.track();
        selected.track();
        refresh();
    });
    let on_change = move |ev: web_sys::Event| {
        let key = closest(&ev, "li[data-key]").and_then(|li| li.get_attribute("data-key"));
        if let Some(key) = key {
            app.update(History::Push, move |s| toggle(&mut s.filter, &key));
        }
    };
    view! { <div class=class node_ref=node on:change=on_change></div> }
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
    // Source types no event has are left out, unless ticked; rebuilt when that set changes.
    let build_sources = move || {
        let rows = source_counts.with(|counts| {
            selected_sources.with(|selected: &Vec<String>| {
                SourceType::ALL
                    .iter()
                    .enumerate()
                    .filter(|(i, t)| {
                        counts.get(*i).copied().unwrap_or(0) > 0
                            || selected.iter().any(|s| s == t.as_str())
                    })
                    .map(|(i, t)| facet_row("src", i, t.as_str(), t.label(), 0, None, None))
                    .collect::<Vec<_>>()
            })
        });
        vec![el("ul").class("facet-list").kids(rows)]
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
    let build_levels = move || {
        let rows = Verification::ALL
            .iter()
            .enumerate()
            .map(|(i, v)| facet_row("ver", i, v.as_str(), v.label(), 0, None, None));
        vec![el("ul").class("facet-list").kids(rows)]
    };
    view! {
        <fieldset class="facet sources">
            <legend>"Source types"</legend>
            <FacetRows
                rows=Box::new(build_sources)
                counts=source_counts
                selected=selected_sources
                toggle=|f, key| {
                    if let Some(t) = SourceType::ALL.iter().find(|t| t.as_str() == key) {
                        toggle(&mut f.source_types, t)
                    }
                }
            />
        </fieldset>
        <fieldset class="facet verification">
            <legend>"Verification"</legend>
            <FacetRows
                rows=Box::new(build_levels)
                counts=level_counts
                selected=selected_levels
                toggle=|f, key| {
                    if let Some(v) = Verification::ALL.iter().find(|v| v.as_str() == key) {
                        toggle(&mut f.verification, v)
                    }
                }
            />
        </fieldset>
    }
}
