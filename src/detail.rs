//! The detail of the selected event: summary, actors (each a link that filters by it), category,
//! date, location, sources as external links with a type badge, verification, notes, and a
//! permalink of its own.

use std::sync::Arc;

use dyad_core::model::{SourceType, Verification};
use dyad_core::query::ViewState;
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
    move || {
        let ds = app.dataset.get()?;
        let id = app.view.with(|v| v.event.clone())?;
        let ix = ds.event_by_id(&id)?;
        Some(view! { <DetailBody ds=ds ix=ix /> })
    }
}

#[component]
fn DetailBody(ds: Arc<Dataset>, ix: usize) -> impl IntoView {
    let app = use_app();
    let Some(e) = ds.events.get(ix).cloned() else {
        return ().into_any();
    };
    let cat = ds.category(e.category).cloned();
    let permalink_state = ViewState {
        event: Some(e.id.clone()),
        data: app.view.with_untracked(|v| v.data.clone()),
        ..Default::default()
    };
    let permalink = app.href(&permalink_state);
    let actors = e
        .actors
        .iter()
        .filter_map(|&a| ds.actor(a))
        .map(|a| {
            let mut target = app.view.get_untracked();
            target.filter.actors = vec![a.id.clone()];
            target.event = Some(e.id.clone());
            let href = app.href(&target);
            let id = a.id.clone();
            let label = format!("Show events with {}", a.name);
            view! {
                <li>
                    <a
                        href=href
                        title=label
                        on:click=move |ev: leptos::ev::MouseEvent| {
                            if ev.ctrl_key() || ev.meta_key() || ev.button() != 0 {
                                return;
                            }
                            ev.prevent_default();
                            let id = id.clone();
                            app.update(History::Push, move |s| s.filter.actors = vec![id]);
                        }
                    >
                        {a.name.clone()}
                    </a>
                </li>
            }
        })
        .collect_view();
    let sources = e
        .sources
        .iter()
        .map(|s| {
            let badge_class = format!("badge src-{}", s.kind.as_str());
            let published = s.published.map(|d| d.display());
            let link = if is_web_url(&s.url) {
                view! {
                    <a href=s.url.clone() target="_blank" rel="noopener noreferrer external">
                        {s.publisher.clone()}
                    </a>
                }
                .into_any()
            } else {
                view! { <span>{s.publisher.clone()}</span> }.into_any()
            };
            let state_media = s.kind == SourceType::StateMedia;
            view! {
                <li class="source">
                    <span class=badge_class>{s.kind.label()}</span>
                    " "
                    {link}
                    {published.map(|p| view! { <span class="published">{format!(", {p}")}</span> })}
                    {state_media
                        .then(|| {
                            view! {
                                <span class="caveat">
                                    " (state-linked outlet: read with care)"
                                </span>
                            }
                        })}
                    {s.note.clone().map(|n| view! { <span class="source-note">{format!(" — {n}")}</span> })}
                </li>
            }
        })
        .collect_view();
    let location = e.location.as_ref().map(|l| {
        let parts: Vec<String> = [l.place.clone(), l.country.clone()]
            .into_iter()
            .flatten()
            .collect();
        parts.join(", ")
    });
    let verification_class = format!("badge ver-{}", e.verification.as_str());
    let partial = e.verification != Verification::Verified;
    let close = move |_| app.update(History::Push, |s| s.event = None);
    view! {
        <article
            class="event-detail"
            aria-labelledby="detail-title"
            data-testid="event-detail"
            on:keydown=move |ev| {
                if ev.key() == "Escape" {
                    app.update(History::Push, |s| s.event = None);
                }
            }
        >
            <header>
                <h2 id="detail-title" tabindex="-1">{e.title.clone()}</h2>
                <button class="close" on:click=close aria-label="Close event detail">"×"</button>
            </header>
            <dl class="facts">
                <dt>"Date"</dt>
                <dd><DateLabel date=e.date end=e.end /></dd>
                <dt>"Category"</dt>
                <dd>
                    <span class="swatch" style=format!("background:{}", cat.as_ref().map(|c| c.color.clone()).unwrap_or_default()) aria-hidden="true"></span>
                    {cat.as_ref().map(|c| c.label.clone())}
                </dd>
                <dt>"Actors"</dt>
                <dd><ul class="actor-links">{actors}</ul></dd>
                {location.map(|l| view! { <dt>"Location"</dt><dd>{l}</dd> })}
                <dt>"Verification"</dt>
                <dd>
                    <span class=verification_class>{e.verification.label()}</span>
                    {partial.then(|| view! { <span class="hint">" — see notes"</span> })}
                </dd>
                {e.milestone.then(|| view! { <dt>"Milestone"</dt><dd>"A turning point in this story"</dd> })}
            </dl>
            <p class="summary">{e.summary.clone()}</p>
            {e.notes.clone().map(|n| view! { <p class="notes"><strong>"Notes: "</strong>{n}</p> })}
            <h3>"Sources"</h3>
            <ul class="sources">{sources}</ul>
            {(!e.tags.is_empty()).then(|| view! { <p class="tags">{format!("Tags: {}", e.tags.join(", "))}</p> })}
            <p class="permalink">
                <a
                    href=permalink
                    on:click=move |ev: leptos::ev::MouseEvent| {
                        if ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.button() != 0 {
                            return;
                        }
                        ev.prevent_default();
                        app.go(&permalink_state, History::Push);
                    }
                >
                    "Permalink to this event"
                </a>
            </p>
        </article>
    }
    .into_any()
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
