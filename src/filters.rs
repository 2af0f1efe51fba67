//! The filter panel: search, actors (searchable, grouped by kind, affiliates under their parent,
//! with live facet counts), any/all, categories, date range with presets, source types,
//! verification, the active filters as removable chips, and Reset.
//!
//! Every control reads the URL's state and writes a new URL; none keeps its own copy of a filter,
//! except the search box and date fields while the user is typing in them.

use std::sync::Arc;

use dyad_core::filter::ActorMode;
use dyad_core::model::{ActorIx, ActorKind, SourceType, Verification};
use dyad_core::{Dataset, PartialDate};
use leptos::html;
use leptos::prelude::*;

use crate::state::{use_app, History};

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
        list.sort();
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

/// The active filters as chips, each removable, and Reset.
#[component]
fn ActiveFilters() -> impl IntoView {
    let app = use_app();
    let chips = move || {
        let ds = app.dataset.get()?;
        let f = app.view.with(|v| v.filter.clone());
        if f.is_empty() {
            return None;
        }
        let mut chips: Vec<(String, Box<dyn Fn() + Send + Sync>)> = Vec::new();
        for id in &f.actors {
            let name = actor_name(&ds, id);
            let id = id.clone();
            chips.push((
                name,
                Box::new(move || {
                    let id = id.clone();
                    app.update(History::Push, move |s| s.filter.actors.retain(|a| *a != id))
                }),
            ));
        }
        if f.actor_mode == ActorMode::All && f.actors.len() > 1 {
            chips.push((
                "All actors together".into(),
                Box::new(move || {
                    app.update(History::Push, |s| s.filter.actor_mode = ActorMode::Any)
                }),
            ));
        }
        for id in &f.categories {
            let label = ds
                .category_by_id(id)
                .and_then(|c| ds.category(c))
                .map(|c| c.label.clone())
                .unwrap_or_else(|| id.clone());
            let id = id.clone();
            chips.push((
                label,
                Box::new(move || {
                    let id = id.clone();
                    app.update(History::Push, move |s| {
                        s.filter.categories.retain(|c| *c != id)
                    })
                }),
            ));
        }
        if let Some(d) = f.from {
            chips.push((
                format!("From {}", d.display()),
                Box::new(move || app.update(History::Push, |s| s.filter.from = None)),
            ));
        }
        if let Some(d) = f.to {
            chips.push((
                format!("To {}", d.display()),
                Box::new(move || app.update(History::Push, |s| s.filter.to = None)),
            ));
        }
        if !f.text.is_empty() {
            chips.push((
                format!("“{}”", f.text),
                Box::new(move || app.update(History::Push, |s| s.filter.text.clear())),
            ));
        }
        for t in &f.source_types {
            let t = *t;
            chips.push((
                format!("Source: {}", t.label()),
                Box::new(move || {
                    app.update(History::Push, move |s| {
                        s.filter.source_types.retain(|x| *x != t)
                    })
                }),
            ));
        }
        for v in &f.verification {
            let v = *v;
            chips.push((
                v.label().to_string(),
                Box::new(move || {
                    app.update(History::Push, move |s| {
                        s.filter.verification.retain(|x| *x != v)
                    })
                }),
            ));
        }
        Some(view! {
            <div class="active-filters" role="group" aria-label="Active filters">
                <ul class="chips">
                    {chips
                        .into_iter()
                        .map(|(label, remove)| {
                            let aria = format!("Remove filter {label}");
                            view! {
                                <li>
                                    <button
                                        class="chip"
                                        aria-label=aria
                                        on:click=move |_| remove()
                                    >
                                        {label}
                                        <span aria-hidden="true">" ×"</span>
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
                <button
                    class="reset"
                    on:click=move |_| {
                        app.update(History::Push, |s| s.filter = Default::default())
                    }
                >
                    "Reset"
                </button>
            </div>
        })
    };
    view! { <div class="active-filters-slot">{chips}</div> }
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
        let n = |i: &ActorIx| ds.actors[*i as usize].name.to_lowercase();
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
    let list = move || {
        let ds = app.dataset.get()?;
        let rows = rows.get()?;
        let counts = app
            .result
            .get()
            .map(|r| r.facets.actors.clone())
            .unwrap_or_default();
        let selected = app.view.with(|v| v.filter.actors.clone());
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
                    found.sort_by_key(|(ix, _)| ds.actors[*ix as usize].name.to_lowercase());
                    (kind, found)
                })
                .collect()
        };
        let groups = shown
            .iter()
            .filter_map(|(kind, rows)| {
                let items: Vec<_> = rows
                    .iter()
                    .map(|&(ix, depth)| {
                        let a = &ds.actors[ix as usize];
                        let id = a.id.clone();
                        let checked = selected.contains(&id);
                        let n = counts.get(ix as usize).copied().unwrap_or(0);
                        let name = a.name.clone();
                        let input_id = format!("actor-{}", a.id);
                        view! {
                            <li class="facet-row" class:zero=n == 0 style=format!("--depth:{depth}")>
                                <input
                                    type="checkbox"
                                    id=input_id.clone()
                                    prop:checked=checked
                                    on:change=move |_| {
                                        let id = id.clone();
                                        app.update(History::Push, move |s| toggle(&mut s.filter.actors, &id))
                                    }
                                />
                                <label for=input_id>
                                    <span class="facet-label">{name}</span>
                                    <span class="count">{n}</span>
                                </label>
                            </li>
                        }
                    })
                    .collect();
                if items.is_empty() {
                    return None;
                }
                let heading_id = format!("kind-{}", kind.as_str());
                let labelled_by = heading_id.clone();
                Some(view! {
                    <div class="facet-group" role="group" aria-labelledby=labelled_by>
                        <h4 id=heading_id>{kind.label()}</h4>
                        <ul class="facet-list">{items}</ul>
                    </div>
                })
            })
            .collect_view();
        Some(groups)
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
            <div class="facet-scroll">{list}</div>
        </fieldset>
    }
}

/// Categories: a checkbox each with its colour and count.
#[component]
fn CategoryFacet() -> impl IntoView {
    let app = use_app();
    let list = move || {
        let ds = app.dataset.get()?;
        let counts = app
            .result
            .get()
            .map(|r| r.facets.categories.clone())
            .unwrap_or_default();
        let selected = app.view.with(|v| v.filter.categories.clone());
        Some(
            ds.categories
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let id = c.id.clone();
                    let checked = selected.contains(&id);
                    let n = counts.get(i).copied().unwrap_or(0);
                    let input_id = format!("cat-{}", c.id);
                    view! {
                        <li class="facet-row" class:zero=n == 0>
                            <input
                                type="checkbox"
                                id=input_id.clone()
                                prop:checked=checked
                                on:change=move |_| {
                                    let id = id.clone();
                                    app.update(History::Push, move |s| toggle(&mut s.filter.categories, &id))
                                }
                            />
                            <label for=input_id title=c.definition.clone()>
                                <span class="swatch" style=format!("background:{}", c.color) aria-hidden="true"></span>
                                <span class="facet-label">{c.label.clone()}</span>
                                <span class="count">{n}</span>
                            </label>
                        </li>
                    }
                })
                .collect_view(),
        )
    };
    view! {
        <fieldset class="facet categories">
            <legend>"Categories"</legend>
            <ul class="facet-list">{list}</ul>
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

/// One checkbox of a fixed-choice facet (source type, verification level): its label, its live
/// count (dimmed at zero), and what ticking it does.
#[component]
fn FacetCheck(
    /// The input's id, unique on the page.
    id: String,
    /// The visible label, which is also the accessible name.
    label: &'static str,
    /// How many events ticking it would show.
    count: u32,
    /// Whether it is ticked now.
    checked: bool,
    /// Called when the user ticks or unticks it.
    on_toggle: impl Fn() + 'static,
) -> impl IntoView {
    view! {
        <li class="facet-row" class:zero=count == 0>
            <input type="checkbox" id=id.clone() prop:checked=checked on:change=move |_| on_toggle() />
            <label for=id>
                <span class="facet-label">{label}</span>
                <span class="count">{count}</span>
            </label>
        </li>
    }
}

/// Source types and verification levels.
#[component]
fn SourceFacet() -> impl IntoView {
    let app = use_app();
    let sources = move || {
        let counts = app
            .result
            .get()
            .map(|r| r.facets.source_types.clone())
            .unwrap_or_default();
        let selected = app.view.with(|v| v.filter.source_types.clone());
        SourceType::ALL
            .iter()
            .enumerate()
            .filter(|(i, t)| counts.get(*i).copied().unwrap_or(0) > 0 || selected.contains(t))
            .map(|(i, &t)| {
                let n = counts.get(i).copied().unwrap_or(0);
                let id = format!("src-{}", t.as_str());
                view! {
                    <FacetCheck
                        id=id
                        label=t.label()
                        count=n
                        checked=selected.contains(&t)
                        on_toggle=move || app.update(History::Push, move |s| toggle(&mut s.filter.source_types, &t))
                    />
                }
            })
            .collect_view()
    };
    let levels = move || {
        let counts = app
            .result
            .get()
            .map(|r| r.facets.verification.clone())
            .unwrap_or_default();
        let selected = app.view.with(|v| v.filter.verification.clone());
        Verification::ALL
            .iter()
            .enumerate()
            .map(|(i, &v)| {
                let n = counts.get(i).copied().unwrap_or(0);
                let id = format!("ver-{}", v.as_str());
                view! {
                    <FacetCheck
                        id=id
                        label=v.label()
                        count=n
                        checked=selected.contains(&v)
                        on_toggle=move || app.update(History::Push, move |s| toggle(&mut s.filter.verification, &v))
                    />
                }
            })
            .collect_view()
    };
    view! {
        <fieldset class="facet sources">
            <legend>"Source types"</legend>
            <ul class="facet-list">{sources}</ul>
        </fieldset>
        <fieldset class="facet verification">
            <legend>"Verification"</legend>
            <ul class="facet-list">{levels}</ul>
        </fieldset>
    }
}
