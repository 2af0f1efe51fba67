//! A small DOM builder for the large, repetitive parts of these views: the matrix, the SVG
//! charts and the tables of figures.
//!
//! Why not `view!`: each `view!` site compiles into its own rendering code, and these views
//! written that way added about 100 KB gzip of WASM to an app already over its size budget.
//! Described as plain data ([`El`]) and built by one function, they cost a few KB. They are
//! drawn like a canvas is, from an effect ([`Host`]), and their links and buttons are handled
//! by one delegated listener ([`closest`], `super::on_page_click`).
//!
//! Text is only ever set as text (`textContent`), never parsed as HTML; attributes are set one
//! by one, so data cannot inject markup.

use crate::format::fixed;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Node};

/// The SVG namespace: elements inside an `<svg>` must be created in it to be drawn.
const SVG_NS: &str = "http://www.w3.org/2000/svg";

/// An element to build: its tag, attributes, text and children.
///
/// Boxed, so that the builder's value moves one pointer at each of its hundreds of calls rather
/// than copying the whole description.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct El(Box<Spec>);

/// What an [`El`] describes; an empty tag is a text node (see [`El::txt`]).
#[derive(Debug, Clone, Default, PartialEq)]
struct Spec {
    tag: &'static str,
    attrs: Vec<(&'static str, String)>,
    text: Option<String>,
    kids: Vec<El>,
}

// The builder's methods are `#[inline(never)]`: inlined, each of the hundreds of calls in these
// views carried its own copy of the allocation and vector code (1.3 KB gzip of WASM).

/// An element with this tag.
#[inline(never)]
pub(crate) fn el(tag: &'static str) -> El {
    El(Box::new(Spec {
        tag,
        ..Spec::default()
    }))
}

impl El {
    /// Sets an attribute.
    #[inline(never)]
    pub fn attr(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.0.attrs.push((name, value.into()));
        self
    }

    /// Sets a numeric attribute, to a tenth (enough for CSS pixels, and short), written by
    /// `dyad_core::num` rather than `format!` (no float formatting in the wasm).
    #[inline(never)]
    pub fn num(self, name: &'static str, value: f64) -> Self {
        let v = if value.is_finite() { value } else { 0.0 };
        self.attr(name, fixed(v, 1))
    }

    /// Sets the class.
    #[inline(never)]
    pub fn class(self, class: impl Into<String>) -> Self {
        self.attr("class", class)
    }

    /// Sets the text content.
    #[inline(never)]
    pub fn text(mut self, text: impl Into<String>) -> Self {
        self.0.text = Some(text.into());
        self
    }

    /// Appends a child.
    #[inline(never)]
    pub fn child(mut self, kid: El) -> Self {
        self.0.kids.push(kid);
        self
    }

    /// Appends a text node, after the children so far: for text between elements, as in
    /// `<p><strong>Note:</strong> text</p>`.
    #[inline(never)]
    pub fn txt(mut self, text: impl Into<String>) -> Self {
        self.push(El(Box::new(Spec {
            text: Some(text.into()),
            ..Spec::default()
        })));
        self
    }

    /// Appends children.
    pub fn kids(mut self, kids: impl IntoIterator<Item = El>) -> Self {
        // One at a time through one out-of-line push: `Vec::extend` inlined its reserve and
        // copy code into every call site.
        for kid in kids {
            self.push(kid);
        }
        self
    }

    /// Appends a child, in place.
    #[inline(never)]
    fn push(&mut self, kid: El) {
        self.0.kids.push(kid);
    }

    /// Creates the element (or text node) and its subtree; `svg` when inside an `<svg>`.
    fn build(&self, doc: &Document, svg: bool) -> Option<Node> {
        if self.0.tag.is_empty() {
            let text = self.0.text.as_deref().unwrap_or_default();
            return Some(doc.create_text_node(text).into());
        }
        let svg = svg || self.0.tag == "svg";
        let node = if svg {
            doc.create_element_ns(Some(SVG_NS), self.0.tag).ok()?
        } else {
            doc.create_element(self.0.tag).ok()?
        };
        for (name, value) in &self.0.attrs {
            // An attribute the browser refuses is left out rather than losing the element.
            let _ = node.set_attribute(name, value);
        }
        if let Some(t) = &self.0.text {
            node.set_text_content(Some(t));
        }
        for kid in &self.0.kids {
            if let Some(k) = kid.build(doc, svg) {
                let _ = node.append_child(&k);
            }
        }
        Some(node.into())
    }
}

/// Replaces what `host` holds with `content` (nothing for `None`). The control that had the
/// keyboard focus gets it back if the new content has one with the same id, so rebuilding after
/// a choice does not throw a keyboard user back to the top of the page.
fn mount(host: &Element, content: Option<&El>) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let focused = doc
        .active_element()
        .filter(|a| host.contains(Some(a)))
        .map(|a| a.id())
        .filter(|id| !id.is_empty());
    host.set_text_content(None);
    if let Some(node) = content.and_then(|c| c.build(&doc, false)) {
        let _ = host.append_child(&node);
    }
    if let Some(el) = focused
        .and_then(|id| doc.get_element_by_id(&id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// Replaces what `host` holds with the elements `content` (HTML, not SVG).
#[allow(dead_code)] // No user left; the module goes once the last view leaves it.
pub(crate) fn mount_all(host: &Element, content: &[El]) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    host.set_text_content(None);
    for node in content.iter().filter_map(|c| c.build(&doc, false)) {
        let _ = host.append_child(&node);
    }
}

/// Builds content from signals and memos (boxed: one copy of the drawing code serves all).
pub type Render = Box<dyn Fn() -> Option<El>>;

/// A `<div>` whose content `render` builds, again whenever what `render` reads changes.
#[component]
pub(crate) fn Host(
    /// Builds the content; `None` leaves the box empty.
    render: Render,
    /// The box's class.
    #[prop(optional)]
    class: &'static str,
    /// Handles the clicks inside the box, delegated: find what was clicked with [`closest`].
    #[prop(optional)]
    on_click: Option<OnClick>,
) -> impl IntoView {
    let node: NodeRef<html::Div> = NodeRef::new();
    // Drawing into the page is the outside world, as a canvas would be.
    Effect::new(move |_| {
        let content = render();
        if let Some(host) = node.get() {
            mount(&host, content.as_ref());
        }
    });
    let click = move |ev: web_sys::MouseEvent| {
        if let Some(f) = &on_click {
            f(ev);
        }
    };
    view! { <div class=class node_ref=node on:click=click></div> }
}

/// A [`Host`]'s click handler.
pub type OnClick = Box<dyn Fn(web_sys::MouseEvent)>;

/// Listeners added by [`listen`], taken off their element (and their closure freed) when this
/// is dropped, with the reactive owner that made it.
#[allow(dead_code)] // No user left; the module goes once the last view leaves it.
struct Listening {
    target: web_sys::EventTarget,
    names: &'static [&'static str],
    callback: Closure<dyn FnMut(web_sys::Event)>,
}

impl Drop for Listening {
    fn drop(&mut self) {
        for name in self.names {
            let _ = self
                .target
                .remove_event_listener_with_callback(name, self.callback.as_ref().unchecked_ref());
        }
    }
}

/// Calls `f` with every event named in `names` on `target`, until the current reactive owner
/// (the component, or the effect calling this) is cleaned up.
///
/// One boxed closure type for every listener added this way: each `on:` of a `view!` compiles
/// its own listener code per handler, which for the timeline's pointer, wheel and key handlers
/// added up to more than the handlers themselves. The handler reads the event's kind from
/// `Event::type_` and casts it (`unchecked_into`) to the event type that kind has.
#[allow(dead_code)] // No user left; the module goes once the last view leaves it.
pub(crate) fn listen(
    target: &web_sys::EventTarget,
    names: &'static [&'static str],
    f: Box<dyn FnMut(web_sys::Event)>,
) {
    let callback = Closure::wrap(f);
    for name in names {
        let _ = target.add_event_listener_with_callback(name, callback.as_ref().unchecked_ref());
    }
    let _ = StoredValue::new_local(Listening {
        target: target.clone(),
        names,
        callback,
    });
}

/// The nearest element around an event's target that matches a CSS `selector`.
pub(crate) fn closest(ev: &web_sys::Event, selector: &str) -> Option<Element> {
    ev.target()?
        .dyn_into::<Element>()
        .ok()?
        .closest(selector)
        .ok()?
}
