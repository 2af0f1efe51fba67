//! The address bar as a signal, and the one way to change it: a few lines over the History API
//! in place of a router (the app has one page whose content the URL chooses, so it needs no
//! route matching; leptos_router cost about 15 KB of wasm for what is here).
//!
//! - [`Location`] is the path (relative to the base the app is served under) and the search of
//!   the address bar, in a signal that `popstate` (Back, Forward) updates.
//! - [`navigate`] updates the signal, then pushes or replaces a history entry with
//!   `history.pushState`/`replaceState` once that change is painted; it does nothing when the
//!   URL would not change. It never scrolls (the router was always told `scroll: false`); on
//!   Back and Forward the browser restores the scroll position itself.
//! - One click listener on the document follows plain left clicks on links to paths under the
//!   base, as the router did, so a link needs no handler of its own to navigate without a
//!   reload (today every in-app link has one, which also does more: focus, the event id).
//!   Clicks with a modifier key, on links with a `target` or `download`, or already handled
//!   (`defaultPrevented`) are left to the browser, so Ctrl/Cmd-click still opens a tab. A link
//!   written as a fragment of the page (`href="#main"`, the skip link) moves the focus to its
//!   target, which scrolls it into view, and leaves the URL alone: under `<base href>` the
//!   browser resolves `#main` against the base, not the page (the router did too, and followed
//!   it to the base path, dropping the view's query).

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::state::History;

/// Where the address bar points, as the app reads it: the path relative to the base and the
/// search, still percent-encoded (`/about?cat=clash` for `/dyad/about?cat=clash` under base
/// `/dyad`). One string rather than a struct: a signal of a type the app already has.
pub type Location = String;

/// The address bar now, relative to `base`.
fn current(base: &str) -> Location {
    let Some(loc) = web_sys::window().map(|w| w.location()) else {
        return Location::new();
    };
    let mut here = strip_base(base, &loc.pathname().unwrap_or_default());
    here.push_str(&loc.search().unwrap_or_default());
    here
}

/// Sets `loc` to the address bar's current value, if it changed (a set would wake every
/// reader even for an equal value).
fn refresh(loc: RwSignal<Location>, base: &str) {
    let now = current(base);
    if loc.with_untracked(|l| *l != now) {
        loc.set(now);
    }
}

/// The location signal for an app served under `base` ("" or "/dyad"), kept in step with Back
/// and Forward, and the document's link-click listener. Call once: the listeners live as long
/// as the page.
pub fn provide(base: String) -> RwSignal<Location> {
    let loc = RwSignal::new(current(&base));
    let base = StoredValue::new(base);
    let Some(window) = web_sys::window() else {
        return loc;
    };
    let on_pop = Closure::<dyn Fn()>::new(move || {
        // Back or Forward wins over a change not yet written: the browser has already moved.
        PENDING.with_borrow_mut(|p| *p = None);
        refresh(loc, &base.read_value());
    });
    let _ = window.add_event_listener_with_callback("popstate", on_pop.as_ref().unchecked_ref());
    on_pop.forget();
    if let Some(doc) = window.document() {
        let on_click = Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |ev| {
            follow_link(&ev, loc, &base.read_value());
        });
        let _ = doc.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
        on_click.forget();
    }
    loc
}

/// A history entry not yet written: the full URL, and whether it is a new entry (`pushState`)
/// or replaces the current one.
struct Pending {
    full: String,
    push: bool,
}

thread_local! {
    /// The URL [`navigate`] will write once the frame showing it is painted (see there).
    static PENDING: std::cell::RefCell<Option<Pending>> = const { std::cell::RefCell::new(None) };
}

/// Goes to `url` (relative to the base, e.g. `/about?cat=clash`) by a new history entry or by
/// replacing the current one, and updates `loc`. Nothing happens if the address bar already
/// shows `url` (or is about to).
///
/// `loc` changes at once, so the view follows in this frame; the History API call waits for
/// that frame's paint ([`crate::perf::after_paint`]). `pushState` is one of the costliest steps
/// of a filter change at 100k events (5–12 ms: the browser process is told synchronously), and
/// nothing the user sees needs it first: the app reads its state from `loc`, never from the
/// address bar. Changes that arrive before the paint are merged into one entry, which is a new
/// one if any of them asked for a new one (typing replaces, a click pushes).
pub fn navigate(loc: RwSignal<Location>, base: &str, url: &str, how: History) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let full = format!("{base}{url}");
    let push = how == History::Push;
    let first = PENDING.with_borrow_mut(|p| match p {
        Some(p) => {
            if p.full != full {
                p.full = full;
                p.push |= push;
            }
            false
        }
        None => {
            if full == address(&window.location()) {
                return false;
            }
            *p = Some(Pending { full, push });
            true
        }
    });
    if first {
        crate::perf::after_paint(write_pending);
    }
    // The signal holds the path and search only, as the address bar's `pathname` + `search`
    // (a fragment never chooses the view).
    let now = url.split('#').next().unwrap_or_default();
    if loc.with_untracked(|l| l != now) {
        loc.set(now.to_string());
    }
}

/// The address bar's path, search and fragment, as [`navigate`] writes them.
fn address(l: &web_sys::Location) -> String {
    format!(
        "{}{}{}",
        l.pathname().unwrap_or_default(),
        l.search().unwrap_or_default(),
        l.hash().unwrap_or_default()
    )
}

/// Writes the pending history entry, if any (Back or Forward may have dropped it), unless the
/// changes merged into it came back to the address bar as it is (a new entry would repeat it).
fn write_pending() {
    let Some(p) = PENDING.with_borrow_mut(Option::take) else {
        return;
    };
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(history) = window.history() else {
        return;
    };
    if p.full == address(&window.location()) {
        return;
    }
    let state = wasm_bindgen::JsValue::NULL;
    let _ = if p.push {
        history.push_state_with_url(&state, "", Some(&p.full))
    } else {
        history.replace_state_with_url(&state, "", Some(&p.full))
    };
}

/// Follows a click on an in-app link without reloading the page (see the module header).
fn follow_link(ev: &web_sys::MouseEvent, loc: RwSignal<Location>, base: &str) {
    if ev.default_prevented()
        || ev.button() != 0
        || ev.ctrl_key()
        || ev.meta_key()
        || ev.shift_key()
        || ev.alt_key()
    {
        return;
    }
    let Some(a) = crate::relationships::dom::closest(ev, "a[href]") else {
        return;
    };
    if a.has_attribute("target") || a.has_attribute("download") {
        return;
    }
    let href = a.get_attribute("href").unwrap_or_default();
    if let Some(id) = href.strip_prefix('#') {
        let target = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(id))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(target) = target {
            ev.prevent_default();
            // Focusing scrolls the target into view.
            let _ = target.focus();
        }
    } else if let Some(url) = in_app_url(base, &href) {
        ev.prevent_default();
        // As `AppState::go` does: the browser benchmark measures from here.
        crate::perf::mark("dyad:nav");
        navigate(loc, base, &url, History::Push);
    }
}

/// Where a link whose `href` attribute is `href` takes the app, relative to `base`; `None` when
/// the browser should follow it. The app writes its links as absolute paths ([`strip_base`]'s
/// inverse, `AppState::href`), so only those are followed: a path under the base (same origin
/// by construction); never a URL with a scheme or host (`https:`, `//host`), a path outside the
/// base, or a relative path.
fn in_app_url(base: &str, href: &str) -> Option<String> {
    if !href.starts_with('/') || href.starts_with("//") {
        return None;
    }
    let rest = href.strip_prefix(base)?;
    match rest.chars().next() {
        Some('/') => Some(rest.to_string()),
        None | Some('?' | '#') if !base.is_empty() => Some(format!("/{rest}")),
        _ => None,
    }
}

/// The base path in an absolute URL (`document.baseURI`), without its trailing slash:
/// `https://example.org/dyad/` gives `/dyad`, `https://example.org/` gives "". Read as text
/// rather than through `URL`, whose bindings cost more than these lines.
pub fn base_of(uri: &str) -> &str {
    let after_scheme = uri.split_once("://").map_or(uri, |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
    let path = path.split(['?', '#']).next().unwrap_or_default();
    path.trim_end_matches('/')
}

/// The app-relative path of a browser path: `/dyad/about` under base `/dyad` is `/about`.
pub fn strip_base(base: &str, path: &str) -> String {
    if base.is_empty() {
        return path.to_string();
    }
    match path.strip_prefix(base) {
        Some("") => "/".to_string(),
        Some(rest) if rest.starts_with('/') => rest.to_string(),
        _ => path.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::{base_of, in_app_url, strip_base};

    /// The base is the path of the base URL, without its trailing slash.
    #[test]
    fn base_of_uri() {
        let cases = [
            ("https://example.org/", ""),
            ("https://example.org", ""),
            ("http://127.0.0.1:4173/", ""),
            ("https://user.github.io/dyad/", "/dyad"),
            ("https://user.github.io/dyad", "/dyad"),
            ("https://example.org/a/b/?x=1#y", "/a/b"),
            ("https://example.org/dyad/#main", "/dyad"),
            ("", ""),
        ];
        for (uri, want) in cases {
            assert_eq!(base_of(uri), want, "{uri}");
        }
    }

    /// The base sub-path is removed only as a whole leading segment.
    #[test]
    fn strips_base() {
        let cases = [
            ("", "/about", "/about"),
            ("/dyad", "/dyad/about", "/about"),
            ("/dyad", "/dyad", "/"),
            ("/dyad", "/dyad/", "/"),
            ("/dyad", "/dyadic", "/dyadic"),
        ];
        for (base, path, want) in cases {
            assert_eq!(strip_base(base, path), want, "{base} {path}");
        }
    }

    /// Which links the app follows itself, and where to.
    #[test]
    fn in_app_links() {
        let cases = [
            ("", "/about", Some("/about")),
            ("", "/", Some("/")),
            ("", "/?cat=clash&actor=MLI", Some("/?cat=clash&actor=MLI")),
            (
                "",
                "/pair/MLI/RUS?rollup=1#x",
                Some("/pair/MLI/RUS?rollup=1#x"),
            ),
            // Another host, a scheme, or a relative path: the browser's.
            ("", "//evil.example/about", None),
            ("", "https://example.org/about", None),
            ("", "mailto:someone@example.org", None),
            ("", "about", None),
            ("", "?cat=clash", None),
            ("", "", None),
            // Under a sub-path: the base is taken off; paths outside it are left alone.
            (
                "/dyad",
                "/dyad/pair/MLI/RUS?rollup=1",
                Some("/pair/MLI/RUS?rollup=1"),
            ),
            ("/dyad", "/dyad/", Some("/")),
            ("/dyad", "/dyad", Some("/")),
            ("/dyad", "/dyad?cat=clash", Some("/?cat=clash")),
            ("/dyad", "/dyadic/about", None),
            ("/dyad", "/about", None),
            ("/dyad", "//dyad/about", None),
        ];
        for (base, href, want) in cases {
            assert_eq!(
                in_app_url(base, href).as_deref(),
                want,
                "base {base:?}, {href:?}"
            );
        }
    }
}
