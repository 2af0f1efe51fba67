//! "Events in view": the events in the timeline's window as a listbox, the keyboard way into
//! the canvas. Arrow keys move a cursor in time order (drawn on the canvas too), Enter or a
//! click opens the event. At most [`super::viewport::LIST_CAP`] are listed; the rest are
//! counted. The options are keyed `<For>` rows, built only while the list is open.

use dyad_core::timeline::date_label;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::viewport::Viewport;
use crate::state::History;

/// The list, folded into a `<details>` so it costs no space until asked for.
#[component]
pub fn EventsInView(
    /// The timeline's shared state.
    vp: Viewport,
) -> impl IntoView {
    let app = vp.app;
    let list: NodeRef<html::Ul> = NodeRef::new();
    // The selected event, and the active option: the cursor if the keyboard moved it, else the
    // selection, if listed.
    let selected = Memo::new(move |_| {
        let id = app.view.with(|v| v.event.clone())?;
        vp.model.with(|m| m.as_ref()?.ds.event_by_id(&id))
    });
    let active = Memo::new(move |_| {
        let a = vp.cursor.get().or(selected.get())?;
        vp.in_view
            .with(|iv| iv.as_ref().is_some_and(|iv| iv.events.contains(&a)))
            .then_some(a)
    });
    let open = move |ix: usize| {
        let Some(id) = vp
            .model
            .with_untracked(|m| m.as_ref()?.ds.events.get(ix).map(|e| e.id.clone()))
        else {
            return;
        };
        vp.cursor.set(Some(ix));
        app.update(History::Push, move |s| s.event = Some(id));
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let Some(iv) = vp.in_view.get_untracked() else {
            return;
        };
        let Some(last) = iv.events.len().checked_sub(1) else {
            return;
        };
        let now = active.get_untracked();
        let pos = now.and_then(|a| iv.events.iter().position(|&e| e == a));
        let next = match ev.key().as_str() {
            "ArrowDown" | "ArrowRight" => pos.map_or(0, |p| (p + 1).min(last)),
            "ArrowUp" | "ArrowLeft" => pos.map_or(0, |p| p.saturating_sub(1)),
            "Home" => 0,
            "End" => last,
            "Enter" | " " => {
                ev.prevent_default();
                if let Some(a) = now {
                    open(a);
                }
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        let Some(&ix) = iv.events.get(next) else {
            return;
        };
        vp.cursor.set(Some(ix));
        if let Some(ul) = list.get_untracked() {
            scroll_into_list(&ul, ix);
        }
    };

    // Whether the `<details>` is open. Closed, the options are not built at all: up to
    // LIST_CAP of them rebuilt on every filter change would cost for a list nobody sees.
    let shown = RwSignal::new(false);
    let on_toggle = move |ev: web_sys::Event| {
        let open = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok())
            .is_some_and(|d| d.open());
        shown.set(open);
    };
    let options = move || {
        if !shown.get() {
            return Vec::new();
        }
        vp.in_view
            .with(|iv| iv.as_ref().map(|iv| iv.events.clone()))
            .unwrap_or_default()
    };
    let option = move |ix: usize| {
        let date_and_title = vp.model.with_untracked(|m| {
            let e = m.as_ref()?.ds.events.get(ix)?;
            Some((
                date_label(&e.date, e.end.as_ref()),
                dyad_core::text::visible(&e.title).into_owned(),
            ))
        });
        let (date, title) = date_and_title?;
        Some(view! {
            <li
                id=format!("tl-opt-{ix}")
                role="option"
                aria-selected=move || (selected.get() == Some(ix)).to_string()
                class:active=move || active.get() == Some(ix)
                on:click=move |_| open(ix)
            >
                <span class="when">{date}</span>
                " "
                <span class="what">{title}</span>
            </li>
        })
    };
    let summary = move || {
        let (listed, total) = vp
            .in_view
            .with(|iv| iv.as_ref().map_or((0, 0), |iv| (iv.events.len(), iv.total)));
        if listed < total {
            format!("Events in view ({total}; the first {listed} listed, zoom in for the rest)")
        } else {
            format!("Events in view ({total})")
        }
    };

    view! {
        <details class="timeline-list" on:toggle=on_toggle>
            <summary>{summary}</summary>
            <ul
                node_ref=list
                role="listbox"
                tabindex="0"
                aria-label="Events in view"
                aria-activedescendant=move || active.get().map(|a| format!("tl-opt-{a}"))
                on:keydown=on_key
            >
                // Keyed by event: an option stays while its event stays in the window. Its
                // date and title are fixed, as the event's are for a dataset.
                <For each=options key=|ix| *ix children=option />
            </ul>
        </details>
    }
}

/// Scrolls the list so that the option of event `ix` is in sight, without scrolling the page.
fn scroll_into_list(ul: &web_sys::HtmlUListElement, ix: usize) {
    let Some(li) = ul
        .query_selector(&format!("#tl-opt-{ix}"))
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    let (top, h) = (li.offset_top(), li.offset_height());
    let (st, vh) = (ul.scroll_top(), ul.client_height());
    if top < st {
        ul.set_scroll_top(top);
    } else if top + h > st + vh {
        ul.set_scroll_top(top + h - vh);
    }
}
