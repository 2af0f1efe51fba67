//! The detail of the selected event: summary, actors (each a link that filters by it), category,
//! date, location, sources as external links with a type badge, verification, notes, and a
//! permalink of its own.
//!
//! The panel is built when the selected event changes, not on other changes of the view: a
//! filter change (an actor link, say) keeps it, and the focus in it, and only moves the links'
//! targets, which carry the whole view.

use std::sync::Arc;

use dyad_core::model::{Source, SourceType, Verification};
use dyad_core::query::ViewState;
use dyad_core::text::visible;
use dyad_core::Dataset;
use leptos::prelude::*;

use crate::events::DateLabel;
use crate::state::{use_app, History};

/// Whether a URL may be rendered as a link: http and https only, whatever the data says.
pub fn is_web_url(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// The detail panel of the event named in the URL, or nothing.
#[component]
pub fn EventDetail() -> impl IntoView {
    let app = use_app();
    let selected = Memo::new(move |_| {
        let id = app.view.with(|v| v.event.clone())?;
        app.dataset.with(|d| d.as_ref()?.event_by_id(&id))
    });
    move || {
        let ix = selected.get()?;
        let ds = app.dataset.get()?;
        Some(view! { <DetailPanel ds=ds ix=ix /> })
    }
}

/// The view a permalink opens: the event alone, in the same dataset, without filters.
fn permalink_state(v: &ViewState) -> ViewState {
    ViewState {
        event: v.event.clone(),
        data: v.data.clone(),
        ..Default::default()
    }
}

/// The panel of event `ix`: header with Close, facts, summary, notes, sources, tags, permalink.
/// Escape or Close deselects the event.
#[component]
fn DetailPanel(
    /// The dataset.
    ds: Arc<Dataset>,
    /// Index of the event in `ds.events`.
    ix: usize,
) -> impl IntoView {
    let app = use_app();
    // The index comes from `event_by_id` on this dataset: always an event of it.
    ds.events.get(ix).map(|e| {
        let close = move || app.update(History::Push, |s| s.event = None);
        let cat = ds.category(e.category);
        let swatch = cat.map(|c| c.color.clone()).unwrap_or_default();
        let cat_label = cat.map(|c| visible(&c.label).into_owned()).unwrap_or_default();
        let actors = e
            .actors
            .iter()
            .filter_map(|&a| Some((ds.actor(a)?, crate::filters::succession_note(&ds, a))))
            .map(|(a, note)| {
                view! {
                    <li>
                        <ActorLink id=a.id.clone() name=visible(&a.name).into_owned() />
                        {note.map(|n| view! { <span class="succession">{format!(" ({n})")}</span> })}
                    </li>
                }
            })
            .collect_view();
        let location = e.location.as_ref().map(|l| {
            let parts: Vec<&str> = [l.place.as_deref(), l.country.as_deref()]
                .into_iter()
                .flatten()
                .collect();
            view! {
                <dt>"Location"</dt>
                <dd>{visible(&parts.join(", ")).into_owned()}</dd>
            }
        });
        let milestone = e.milestone.then(|| {
            view! {
                <dt>"Milestone"</dt>
                <dd>"A turning point in this story"</dd>
            }
        });
        let notes = e.notes.as_deref().map(|n| {
            let n = visible(n).into_owned();
            view! {
                <p class="notes">
                    <strong>"Notes: "</strong>
                    <span>{n}</span>
                </p>
            }
        });
        let tags = (!e.tags.is_empty()).then(|| {
            let tags = visible(&e.tags.join(", ")).into_owned();
            view! { <p class="tags">{format!("Tags: {tags}")}</p> }
        });
        let sources = e
            .sources
            .iter()
            .map(|s| view! { <SourceItem source=s.clone() /> })
            .collect_view();
        let permalink = move || app.href(&permalink_state(&app.view.get()));
        view! {
            <article
                class="event-detail"
                aria-labelledby="detail-title"
                data-testid="event-detail"
                on:keydown=move |ev| {
                    if ev.key() == "Escape" {
                        close();
                    }
                }
            >
                <header>
                    <h2 id="detail-title" tabindex="-1">
                        {visible(&e.title).into_owned()}
                    </h2>
                    <button class="close" aria-label="Close event detail" on:click=move |_| close()>
                        "×"
                    </button>
                </header>
                <dl class="facts">
                    <dt>"Date"</dt>
                    <dd>
                        <DateLabel date=e.date end=e.end />
                    </dd>
                    <dt>"Category"</dt>
                    <dd>
                        <span class="swatch" style:background=swatch aria-hidden="true"></span>
                        <span>{cat_label}</span>
                    </dd>
                    <dt>"Actors"</dt>
                    <dd>
                        <ul class="actor-links">{actors}</ul>
                    </dd>
                    {location}
                    <dt>"Verification"</dt>
                    <dd>
                        <span class=format!(
                            "badge ver-{}",
                            e.verification.as_str(),
                        )>{e.verification.label()}</span>
                        {(e.verification != Verification::Verified)
                            .then(|| view! { <span class="hint">" — see notes"</span> })}
                    </dd>
                    {milestone}
                </dl>
                <p class="summary">{visible(&e.summary).into_owned()}</p>
                {notes}
                <h3>"Sources"</h3>
                <ul class="sources">{sources}</ul>
                {tags}
                <p class="permalink">
                    <a href=permalink>"Permalink to this event"</a>
                </p>
            </article>
        }
    })
}

/// A link to the current view filtered by one actor (the event stays open). A plain `<a>`: the
/// app follows in-app links itself.
#[component]
fn ActorLink(
    /// The actor's id, as in the URL.
    id: String,
    /// Its display name (disguising characters already written out).
    name: String,
) -> impl IntoView {
    let app = use_app();
    let title = format!("Show events with {name}");
    let href = move || {
        let mut target = app.view.get();
        target.filter.actors = vec![id.clone()];
        app.href(&target)
    };
    view! {
        <a href=href title=title>
            {name}
        </a>
    }
}

/// One source: its type badge, its publisher (a link when the URL is http or https, never
/// otherwise), when it was published, a caveat for state-linked outlets, and its note.
#[component]
fn SourceItem(
    /// The source.
    source: Source,
) -> impl IntoView {
    let s = source;
    let name = visible(&s.publisher).into_owned();
    let publisher = if s.url.as_deref().is_some_and(is_web_url) {
        view! {
            <a href=s.url.clone().unwrap_or_default() target="_blank" rel="noopener noreferrer external">
                {name}
            </a>
        }
        .into_any()
    } else {
        view! { <span>{name}</span> }.into_any()
    };
    view! {
        <li class="source">
            <span class=format!("badge src-{}", s.kind.as_str())>{s.kind.label()}</span>
            " "
            {publisher}
            {s.published.map(|d| view! { <span class="published">{format!(", {}", d.display())}</span> })}
            {(s.kind == SourceType::StateMedia)
                .then(|| {
                    view! { <span class="caveat">" (state-linked outlet: read with care)"</span> }
                })}
            {s.note.map(|n| view! { <span class="source-note">{format!(" — {}", visible(&n))}</span> })}
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::is_web_url;

    /// Only http(s) URLs become links; script and data URLs never do.
    #[test]
    fn web_urls() {
        let cases = [
            ("https://example.org/a", true),
            ("HTTP://example.org", true),
            ("javascript:alert(1)", false),
            ("data:text/html,x", false),
            ("//example.org", false),
            ("ftp://example.org", false),
        ];
        for (url, want) in cases {
            assert_eq!(is_web_url(url), want, "{url}");
        }
    }
}
