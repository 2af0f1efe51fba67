//! The detail of the selected event: summary, actors (each a link that filters by it), category,
//! date, location, sources as external links with a type badge, verification, notes, and a
//! permalink of its own.

use dyad_core::model::{SourceType, Verification};
use dyad_core::query::ViewState;
use dyad_core::Dataset;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::events::date_label;
use crate::relationships::dom::{closest, el, mount_all, El};
use crate::state::{use_app, AppState, History};

/// Whether a URL may be rendered as a link: http and https only, whatever the data says.
pub fn is_web_url(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// The detail panel of the event named in the URL, or nothing.
///
/// Built from plain data by the DOM builder (`crate::relationships::dom`) rather than `view!`,
/// which compiled into several KB of rendering code for this one panel. It is built again only
/// when the event (or its permalink) changes; the actor links, whose targets carry the whole
/// view, are refreshed in place, so a filter change keeps the panel and the focus in it. The
/// box around it is `display: contents`: to the layout, the panel is the grid item it was.
#[component]
pub fn EventDetail() -> impl IntoView {
    let app = use_app();
    let node: NodeRef<html::Div> = NodeRef::new();
    let built = StoredValue::new(None::<El>);
    // Writing the panel into the page is the outside world, as drawing a canvas is.
    Effect::new(move |_| {
        let Some(host) = node.get() else { return };
        let content = app.dataset.get().and_then(|ds| {
            app.view.with(|v| {
                let e = ds.events.get(ds.event_by_id(v.event.as_deref()?)?)?;
                Some(panel(app, &ds, e, v))
            })
        });
        if built.with_value(|b| *b != content) {
            mount_all(&host, content.as_slice());
            built.set_value(content);
        }
        app.view.with(|v| refresh_actor_links(&host, app, v));
    });
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if closest(&ev, "button.close").is_some() {
            app.update(History::Push, |s| s.event = None);
            return;
        }
        let plain = !(ev.ctrl_key() || ev.meta_key() || ev.button() != 0);
        if let Some(id) = closest(&ev, "a[data-actor]").and_then(|a| a.get_attribute("data-actor"))
        {
            if plain {
                ev.prevent_default();
                app.update(History::Push, move |s| s.filter.actors = vec![id]);
            }
        } else if closest(&ev, ".permalink a").is_some() && plain && !ev.shift_key() {
            ev.prevent_default();
            app.go(&permalink_state(&app.view.get_untracked()), History::Push);
        }
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            app.update(History::Push, |s| s.event = None);
        }
    };
    view! { <div class="detail-host" node_ref=node on:click=on_click on:keydown=on_keydown></div> }
}

/// The view a permalink opens: the event alone, in the same dataset, without filters.
fn permalink_state(v: &ViewState) -> ViewState {
    ViewState {
        event: v.event.clone(),
        data: v.data.clone(),
        ..Default::default()
    }
}

/// The panel of event `e`, as plain data. The actor links' targets are set by
/// [`refresh_actor_links`].
fn panel(app: AppState, ds: &Dataset, e: &dyad_core::Event, v: &ViewState) -> El {
    let cat = ds.category(e.category);
    let actors = e.actors.iter().filter_map(|&a| ds.actor(a)).map(|a| {
        el("li").child(
            el("a")
                .attr("data-actor", a.id.clone())
                .attr("title", format!("Show events with {}", a.name))
                .text(a.name.clone()),
        )
    });
    let sources = e.sources.iter().map(|s| {
        let publisher = if is_web_url(&s.url) {
            el("a")
                .attr("href", s.url.clone())
                .attr("target", "_blank")
                .attr("rel", "noopener noreferrer external")
        } else {
            el("span")
        };
        let mut li = el("li")
            .class("source")
            .child(
                el("span")
                    .class(format!("badge src-{}", s.kind.as_str()))
                    .text(s.kind.label()),
            )
            .child(el("span").text(" "))
            .child(publisher.text(s.publisher.clone()));
        if let Some(d) = s.published {
            li = li.child(
                el("span")
                    .class("published")
                    .text(format!(", {}", d.display())),
            );
        }
        if s.kind == SourceType::StateMedia {
            li = li.child(
                el("span")
                    .class("caveat")
                    .text(" (state-linked outlet: read with care)"),
            );
        }
        if let Some(n) = &s.note {
            li = li.child(el("span").class("source-note").text(format!(" — {n}")));
        }
        li
    });
    let fact = |name: &str, value: El| [el("dt").text(name), el("dd").child(value)];
    let mut facts = el("dl")
        .class("facts")
        .kids(fact("Date", date_label(e.date, e.end)));
    facts = facts.kids([
        el("dt").text("Category"),
        el("dd")
            .child(
                el("span")
                    .class("swatch")
                    .attr(
                        "style",
                        format!("background:{}", cat.map(|c| c.color.as_str()).unwrap_or("")),
                    )
                    .attr("aria-hidden", "true"),
            )
            .child(el("span").text(cat.map(|c| c.label.clone()).unwrap_or_default())),
    ]);
    facts = facts.kids(fact("Actors", el("ul").class("actor-links").kids(actors)));
    if let Some(l) = &e.location {
        let parts: Vec<&str> = [l.place.as_deref(), l.country.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        facts = facts.kids([el("dt").text("Location"), el("dd").text(parts.join(", "))]);
    }
    let mut verification = el("dd").child(
        el("span")
            .class(format!("badge ver-{}", e.verification.as_str()))
            .text(e.verification.label()),
    );
    if e.verification != Verification::Verified {
        verification = verification.child(el("span").class("hint").text(" — see notes"));
    }
    facts = facts.kids([el("dt").text("Verification"), verification]);
    if e.milestone {
        facts = facts.kids([
            el("dt").text("Milestone"),
            el("dd").text("A turning point in this story"),
        ]);
    }
    let mut article = el("article")
        .class("event-detail")
        .attr("aria-labelledby", "detail-title")
        .attr("data-testid", "event-detail")
        .child(
            el("header")
                .child(
                    el("h2")
                        .attr("id", "detail-title")
                        .attr("tabindex", "-1")
                        .text(e.title.clone()),
                )
                .child(
                    el("button")
                        .class("close")
                        .attr("aria-label", "Close event detail")
                        .text("×"),
                ),
        )
        .child(facts)
        .child(el("p").class("summary").text(e.summary.clone()));
    if let Some(n) = &e.notes {
        article = article.child(
            el("p")
                .class("notes")
                .child(el("strong").text("Notes: "))
                .child(el("span").text(n.clone())),
        );
    }
    article = article
        .child(el("h3").text("Sources"))
        .child(el("ul").class("sources").kids(sources));
    if !e.tags.is_empty() {
        article = article.child(
            el("p")
                .class("tags")
                .text(format!("Tags: {}", e.tags.join(", "))),
        );
    }
    article.child(
        el("p").class("permalink").child(
            el("a")
                .attr("href", app.href(&permalink_state(v)))
                .text("Permalink to this event"),
        ),
    )
}

/// Points each actor link at the current view filtered by that actor (the event stays open).
fn refresh_actor_links(host: &Element, app: AppState, view: &ViewState) {
    let Ok(links) = host.query_selector_all("a[data-actor]") else {
        return;
    };
    let mut target = view.clone();
    for i in 0..links.length() {
        let Some(a) = links.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        let Some(id) = a.get_attribute("data-actor") else {
            continue;
        };
        target.filter.actors = vec![id];
        let href = app.href(&target);
        if a.get_attribute("href").as_deref() != Some(href.as_str()) {
            let _ = a.set_attribute("href", &href);
        }
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
