//! The address bar as a signal, and the one way to change it: a few lines over the History API
//! in place of a router (the app has one page whose content the URL chooses, so it needs no
//! route matching; leptos_router cost about 15 KB of wasm for what is here).
//!
//! - [`Location`] is the path (relative to the base the app is served under) and the search of
//!   the address bar, in a signal that `popstate` (Back, Forward) updates.
//! - [`navigate`] pushes or replaces a history entry with `history.pushState`/`replaceState`
//!   and updates the signal; it does nothing when the URL would not change. It never scrolls
//!   (the router was always told `scroll: false`); on Back and Forward the browser restores the
//!   scroll position itself.
//! - One click listener on the document follows plain left clicks on same-origin links under
//!   the base in the page, as the router did, so a link needs no handler of its own to navigate
//!   without a reload. Clicks with a modifier key, on links with a `target` or `download`, or
//!   already handled (`defaultPrevented`) are left to the browser: Ctrl/Cmd-click still opens a
//!   tab. A link written as a fragment of the page (`href="#main"`, the skip link) moves the
//!   focus to its target, scrolling it into view, and leaves the URL alone: under `<base href>`
//!   the browser would resolve it against the base, not the page (the router did, and followed
//!   it to the base path, dropping the view's query).

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::state::History;

/// Where the address bar points, as the app reads it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Location {
    /// The path relative to the base: `/about` for `/dyad/about` under base `/dyad`.
    pub path: String,
    /// The search, with its `?` ("" when there is none), still percent-encoded.
    pub search: String,
}

/// The address bar now, relative to `base`.
fn current(base: &str) -> Location {
    let Some(loc) = web_sys::window().map(|w| w.location()) else {
        return Location::default();
    };
    Location {
        path: strip_base(base, &loc.pathname().unwrap_or_default()),
        search: loc.search().unwrap_or_default(),
    }
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
    let on_pop = Closure::<dyn Fn()>::new(move || refresh(loc, &base.read_value()));
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

/// Goes to `url` (relative to the base, e.g. `/about?cat=clash`) by a new history entry or by
/// replacing the current one, and updates `loc`. Nothing happens if the address bar already
/// shows `url`.
pub fn navigate(loc: RwSignal<Location>, base: &str, url: &str, how: History) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let full = format!("{base}{url}");
    let l = window.location();
    let here = format!(
        "{}{}{}",
        l.pathname().unwrap_or_default(),
        l.search().unwrap_or_default(),
        l.hash().unwrap_or_default()
    );
    if full == here {
        return;
    }
    let Ok(history) = window.history() else {
        return;
    };
    let _ = match how {
        History::Push => history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&full)),
        History::Replace => {
            history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&full))
        }
    };
    // Read back rather than split `url`: the browser's own encoding of the path, as a later
    // `popstate` will read it.
    refresh(loc, base);
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
    let Some(a) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest("a[href]").ok().flatten())
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    else {
        return;
    };
    if let Some(id) = a
        .get_attribute("href")
        .as_deref()
        .and_then(|h| h.strip_prefix('#'))
    {
        let target = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(id))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(target) = target {
            ev.prevent_default();
            // Focusing scrolls the target into view.
            let _ = target.focus();
        }
        return;
    }
    if !a.target().is_empty()
        || a.has_attribute("download")
        || a.rel().split_ascii_whitespace().any(|r| r == "external")
    {
        return;
    }
    let Some(origin) = web_sys::window().and_then(|w| w.location().origin().ok()) else {
        return;
    };
    let link = Link {
        origin: &a.origin(),
        path: &a.pathname(),
        search: &a.search(),
        hash: &a.hash(),
    };
    if let Some(url) = in_app_url(base, &origin, &link) {
        ev.prevent_default();
        navigate(loc, base, &url, History::Push);
    }
}

/// The parts of an absolute URL a link click is judged by.
#[derive(Debug, Clone, Copy)]
struct Link<'a> {
    /// `https://example.org`
    origin: &'a str,
    /// `/dyad/about`, percent-encoded
    path: &'a str,
    /// `?cat=clash` or ""
    search: &'a str,
    /// `#main` or ""
    hash: &'a str,
}

/// Where a plain click on `link` should take the app, relative to `base`, when the page's
/// origin is `origin`; `None` when the browser should follow it: another origin, or a path
/// outside the base.
fn in_app_url(base: &str, origin: &str, link: &Link) -> Option<String> {
    if link.origin != origin || !under_base(base, link.path) {
        return None;
    }
    Some(format!(
        "{}{}{}",
        strip_base(base, link.path),
        link.search,
        link.hash
    ))
}

/// Whether `path` is `base` or below it, by whole segments (`/dyadic` is not under `/dyad`).
fn under_base(base: &str, path: &str) -> bool {
    match path.strip_prefix(base) {
        Some(rest) => base.is_empty() || rest.is_empty() || rest.starts_with('/'),
        None => false,
    }
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
    use super::{in_app_url, strip_base, under_base, Link};

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

    /// A path is under the base by whole segments; everything is under the root.
    #[test]
    fn under_base_by_segments() {
        let cases = [
            ("", "/", true),
            ("", "/about", true),
            ("/dyad", "/dyad", true),
            ("/dyad", "/dyad/", true),
            ("/dyad", "/dyad/pair/MLI/RUS", true),
            ("/dyad", "/dyadic", false),
            ("/dyad", "/", false),
            ("/dyad", "/other/dyad", false),
        ];
        for (base, path, want) in cases {
            assert_eq!(under_base(base, path), want, "{base} {path}");
        }
    }

    /// Which link clicks the app follows itself, and where to.
    #[test]
    fn in_app_links() {
        const O: &str = "https://example.org";
        let link = |origin, path, search, hash| Link {
            origin,
            path,
            search,
            hash,
        };
        let cases: [(&str, Link, Option<&str>); 9] = [
            ("", link(O, "/about", "", ""), Some("/about")),
            (
                "",
                link(O, "/", "?cat=clash&actor=MLI", ""),
                Some("/?cat=clash&actor=MLI"),
            ),
            (
                "",
                link(O, "/pair/MLI/RUS", "?rollup=1", "#x"),
                Some("/pair/MLI/RUS?rollup=1#x"),
            ),
            // Another site, even with the same path; another scheme or port is another origin.
            ("", link("https://evil.example", "/about", "", ""), None),
            ("", link("http://example.org", "/about", "", ""), None),
            // Under a sub-path: the base is taken off; paths outside it are left alone.
            (
                "/dyad",
                link(O, "/dyad/pair/MLI/RUS", "?rollup=1", ""),
                Some("/pair/MLI/RUS?rollup=1"),
            ),
            (
                "/dyad",
                link(O, "/dyad", "?cat=clash", ""),
                Some("/?cat=clash"),
            ),
            ("/dyad", link(O, "/dyadic/about", "", ""), None),
            ("/dyad", link(O, "/about", "", ""), None),
        ];
        for (base, l, want) in cases {
            assert_eq!(
                in_app_url(base, O, &l).as_deref(),
                want,
                "base {base:?}, link {l:?}"
            );
        }
    }
}
