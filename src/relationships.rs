//! The relationship views: how each pair of actors relates over time.
//!
//! - `/relationships`: the actors x actors [`matrix`], each cell coloured by the pair's net tone,
//!   and the [`compare`] chart overlaying chosen pairs' cumulative net tone.
//! - `/pair/A/B`: one pair's [`ledger`]: events per period by category, net tone per period,
//!   milestones, summary figures and the pair's events.
//!
//! Every figure comes from `dyad_core::aggregate` over the filter's matches, so the views always
//! agree with the timeline and the list. Charts are inline SVG, each followed by a table of the
//! same figures.
//!
//! How it is built, for size: the pages are a few `view!` shells around [`dom::Host`]s, boxes
//! whose content is described as plain data ([`dom::El`]) and rebuilt when the URL state or the
//! data change. Their links, buttons and form controls are handled by one delegated listener per
//! page ([`Page`]), which reads `data-*` attributes and navigates like any other control. Written
//! with a `view!` per element, the same views added about 100 KB gzip of WASM.

mod chart;
mod compare;
pub(crate) mod dom;
mod ledger;
mod matrix;

pub use ledger::PairPage;

use crate::format::fixed;
use dyad_core::aggregate::Bin;
use dyad_core::query::{BinChoice, MatrixOrder, View, ViewState};
use dyad_core::Dataset;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::filters::actor_name;
use crate::share::CopyLink;
use crate::state::{use_app, AppState, History};
use dom::{closest, el, El, Host, Render};

/// The matrix of pairs and the comparison chart, at `/relationships`.
#[component]
pub fn RelationshipsPage() -> impl IntoView {
    let app = use_app();
    let page = Page::new(app);
    let compare_box: NodeRef<html::Div> = NodeRef::new();
    let width = chart::use_width(compare_box);
    let layout = matrix::layout_memo(app, page.show_all);
    let lines = compare::lines_memo(app);
    let figures_pairs = move || {
        let ds = app.dataset.get()?;
        Some(matrix::pairs_table(app, &ds, &layout.get()?.data))
    };
    let figures_compare = move || {
        let ds = app.dataset.get()?;
        compare::table(&ds, &lines.get()?)
    };
    let hover = move || {
        let text = page
            .hovered
            .get()
            .unwrap_or_else(|| "Point at or focus a cell for the pair's figures.".to_string());
        Some(
            el("p")
                .class("matrix-hover")
                .attr("aria-hidden", "true")
                .text(text),
        )
    };
    let has_pairs = move || layout.get().is_some_and(|l| l.total > 0);
    let has_lines = move || lines.get().is_some_and(|l| compare::any_events(&l));
    view! {
        <div
            class="page relationships-page"
            on:click=move |ev| page.click(ev)
            on:change=move |ev| page.change(&ev)
            on:submit=move |ev| page.submit(ev)
            on:mouseover=move |ev| page.hover(&ev)
            on:focusin=move |ev| page.hover(&ev)
        >
            <div class="page-head">
                <h2>"Relationships"</h2>
                <CopyLink />
            </div>
            <Host render=Box::new(move || {
                let ds = app.dataset.get()?;
                Some(matrix::section(app, &ds, layout.get()?.as_ref(), page.show_all.get()))
            }) />
            <Host render=Box::new(hover) />
            <FiguresTable when=Box::new(has_pairs) render=Box::new(figures_pairs) />
            <div node_ref=compare_box>
                <Host render=Box::new(move || {
                    let ds = app.dataset.get()?;
                    Some(compare::section(app, &ds, &lines.get()?, width.get()))
                }) />
            </div>
            <FiguresTable when=Box::new(has_lines) render=Box::new(figures_compare) />
        </div>
    }
}

/// One page's delegated event handling: what the controls built by [`dom`] ask for, read from
/// their `data-*` attributes and names, turned into navigation (or, for passing UI state, into
/// local signals).
#[derive(Clone, Copy)]
pub(crate) struct Page {
    app: AppState,
    /// Whether the matrix shows every actor rather than the top ones: a passing choice.
    show_all: RwSignal<bool>,
    /// The figures of the matrix cell under the pointer or focus.
    hovered: RwSignal<Option<String>>,
}

impl Page {
    /// The handlers of a page.
    pub fn new(app: AppState) -> Self {
        Page {
            app,
            show_all: RwSignal::new(false),
            hovered: RwSignal::new(None),
        }
    }

    /// Clicks: `a[data-pair="A~B"]` opens a pair's ledger, `a[data-view=relationships]` the
    /// matrix, `button[data-compare="A~B"]` adds or removes a pair of the comparison,
    /// `button[data-reset]` clears the filters, `button[data-more]` shows more actors. Link
    /// clicks with a modifier key are left to the browser (a new tab).
    pub fn click(self, ev: leptos::ev::MouseEvent) {
        let app = self.app;
        if let Some(a) = closest(&ev, "a[data-pair], a[data-view]") {
            if !plain_click(&ev) {
                return;
            }
            ev.prevent_default();
            let view = match a.get_attribute("data-pair").as_deref().and_then(split_pair) {
                Some((x, y)) => View::pair(x, y),
                None => View::Relationships,
            };
            app.update(History::Push, move |s| {
                s.view = view;
                s.event = None;
            });
        } else if let Some(b) = closest(&ev, "button[data-compare]") {
            let attr = b.get_attribute("data-compare").unwrap_or_default();
            if let Some((x, y)) = split_pair(&attr) {
                let pair = (x.to_string(), y.to_string());
                app.update(History::Push, move |s| {
                    if s.compare.contains(&pair) {
                        s.compare.retain(|p| *p != pair);
                    } else {
                        s.compare.push(pair);
                    }
                });
            }
        } else if closest(&ev, "button[data-reset]").is_some() {
            app.update(History::Push, |s| s.filter = Default::default());
        } else if closest(&ev, "button[data-more]").is_some() {
            self.show_all.update(|a| *a = !*a);
        }
    }

    /// Form controls, by name: `order`, `rollup`, `bin`.
    pub fn change(self, ev: &web_sys::Event) {
        let Some(target) = ev.target() else { return };
        let (name, value, checked) = if let Some(s) = target.dyn_ref::<web_sys::HtmlSelectElement>()
        {
            (s.name(), s.value(), false)
        } else if let Some(i) = target.dyn_ref::<web_sys::HtmlInputElement>() {
            (i.name(), i.value(), i.checked())
        } else {
            return;
        };
        match name.as_str() {
            "order" => {
                let o = MatrixOrder::parse(&value).unwrap_or_default();
                self.app.update(History::Push, move |s| s.order = o);
            }
            "rollup" => self.app.update(History::Push, move |s| s.rollup = checked),
            "bin" => {
                let b = BinChoice::parse(&value);
                self.app.update(History::Push, move |s| s.bin = b);
            }
            _ => {}
        }
    }

    /// The "Add a pair" form: its two selects `a` and `b` (required, so the browser asks for
    /// them) become a compared pair.
    pub fn submit(self, ev: web_sys::SubmitEvent) {
        let Some(form) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        ev.prevent_default();
        let value = |name: &str| {
            form.query_selector(&format!("select[name={name}]"))
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<web_sys::HtmlSelectElement>().ok())
                .map(|s| s.value())
                .unwrap_or_default()
        };
        let (a, b) = (value("a"), value("b"));
        if !a.is_empty() && !b.is_empty() && a != b {
            self.app
                .update(History::Push, move |s| s.compare.push((a, b)));
        }
    }

    /// Pointer or focus over a matrix cell shows its figures.
    pub fn hover(self, ev: &web_sys::Event) {
        if let Some(a) = closest(ev, ".matrix a[aria-label]") {
            self.hovered.set(a.get_attribute("aria-label"));
        }
    }
}

/// "MLI~RUS" as two ids.
fn split_pair(s: &str) -> Option<(&str, &str)> {
    s.split_once('~')
}

/// The link to a pair's ledger (followed by [`Page::click`]), keeping the rest of `base`.
pub(crate) fn pair_link(app: AppState, base: &ViewState, a: &str, b: &str, text: String) -> El {
    let target = base.clone().with_view(View::pair(a, b));
    el("a")
        .attr("href", app.href(&target))
        .attr("data-pair", format!("{a}~{b}"))
        .text(text)
}

/// The state links start from: the current one, without a selected event.
pub(crate) fn link_base(app: AppState) -> ViewState {
    let mut s = app.view.get();
    s.event = None;
    s
}

/// A tone as a reader sees it: signed, with a true minus sign, whole numbers without decimals
/// ("+12", "−18", "0", "+1.5").
pub(crate) fn fmt_tone(x: f32) -> String {
    let decimals = if (x - x.round()).abs() < 0.05 { 0 } else { 1 };
    fmt_signed(x, decimals)
}

/// A signed number with `decimals` decimals, a true minus sign, and no sign for zero.
pub(crate) fn fmt_signed(x: f32, decimals: u8) -> String {
    let s = fixed(f64::from(x.abs()), decimals);
    let zero = s.chars().all(|c| c == '0' || c == '.');
    if zero {
        s
    } else if x < 0.0 {
        format!("−{s}")
    } else {
        format!("+{s}")
    }
}

/// "Mali – Russia": the two actors' names, in the order given.
pub(crate) fn pair_name(ds: &Dataset, a: &str, b: &str) -> String {
    format!("{} – {}", actor_name(ds, a), actor_name(ds, b))
}

/// "1 event", "12 events".
pub(crate) fn events_word(n: usize) -> String {
    if n == 1 {
        "1 event".to_string()
    } else {
        format!("{n} events")
    }
}

/// The bin the URL asks for, `None` for automatic.
pub(crate) fn chosen_bin(choice: Option<BinChoice>) -> Option<Bin> {
    choice.and_then(|c| Bin::parse(c.as_str()))
}

/// Whether a click on a link is a plain left click the app handles itself (others open a tab).
pub(crate) fn plain_click(ev: &leptos::ev::MouseEvent) -> bool {
    !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() || ev.button() != 0)
}

/// A labelled select named `name` (read by [`Page::change`]) with `(value, label)` options,
/// `current` selected.
pub(crate) fn select(
    id: &'static str,
    label: &str,
    name: &'static str,
    options: impl IntoIterator<Item = (String, String)>,
    current: &str,
) -> El {
    let options = options.into_iter().map(|(value, text)| {
        let o = el("option");
        let o = if value == current {
            o.attr("selected", "")
        } else {
            o
        };
        o.attr("value", value).text(text)
    });
    el("label")
        .class("inline-field")
        .child(el("span").text(label))
        .child(el("select").attr("id", id).attr("name", name).kids(options))
}

/// The "Bin" select: Auto, Year, Month, Week, Day; writes `bin`.
pub(crate) fn bin_select(app: AppState, id: &'static str) -> El {
    let current = app.view.with(|v| v.bin.map_or("auto", |b| b.as_str()));
    let options = std::iter::once(("auto".to_string(), "Auto".to_string())).chain(
        BinChoice::ALL.into_iter().map(|b| {
            let label = Bin::parse(b.as_str()).map_or("", |x| x.label());
            (b.as_str().to_string(), label.to_string())
        }),
    );
    select(id, "Bin", "bin", options, current)
}

/// The roll-up checkbox; writes `rollup`.
pub(crate) fn rollup_toggle(app: AppState, id: &'static str) -> El {
    let input = el("input")
        .attr("type", "checkbox")
        .attr("id", id)
        .attr("name", "rollup");
    let input = if app.view.with(|v| v.rollup) {
        input.attr("checked", "")
    } else {
        input
    };
    el("label")
        .class("inline-field check")
        .child(input)
        .child(el("span").text("Roll up affiliates into their parent"))
}

/// The "Reset filters" button: clears every filter, the rest of the view stays.
pub(crate) fn reset_button() -> El {
    el("button")
        .class("reset")
        .attr("type", "button")
        .attr("data-reset", "")
        .text("Reset filters")
}

/// An explained empty result.
pub(crate) fn empty_state(lines: &[String], reset: bool) -> El {
    let mut e = el("div").class("empty-state").attr("role", "status");
    for (i, l) in lines.iter().enumerate() {
        let p = el("p").text(l.clone());
        e = e.child(if i == 0 { p } else { p.class("hint") });
    }
    if reset {
        e = e.child(reset_button());
    }
    e
}

/// A closed "Table of these figures" whose table `render` only builds once it is opened, so a
/// long table costs nothing until someone asks for it.
#[component]
pub(crate) fn FiguresTable(
    /// Builds the table.
    render: Render,
    /// Whether there are figures to show (hidden otherwise); always if not given.
    #[prop(optional)]
    when: Option<Box<dyn Fn() -> bool + Send + Sync>>,
) -> impl IntoView {
    let details: NodeRef<html::Details> = NodeRef::new();
    // Whether it is open: the element's own state, mirrored to know when to build the table.
    let open = RwSignal::new(false);
    let hidden = move || {
        let shown = when.as_ref().is_none_or(|w| w());
        if !shown {
            // Closed again when hidden, as if rebuilt when it comes back.
            if let Some(d) = details.get_untracked() {
                d.set_open(false);
            }
        }
        !shown
    };
    view! {
        <details
            class="figures-table"
            hidden=hidden
            node_ref=details
            on:toggle=move |_| {
                if let Some(d) = details.get_untracked() {
                    open.set(d.open());
                }
            }
        >
            <summary>"Table of these figures"</summary>
            <Host render=Box::new(move || if open.get() { render() } else { None }) />
        </details>
    }
}

/// A table of figures: caption, header cells (text, numeric?), and rows of cells.
pub(crate) fn data_table(caption: &str, head: Vec<(String, bool)>, rows: Vec<Vec<El>>) -> El {
    let th = head.into_iter().map(|(text, num)| {
        let c = el("th").attr("scope", "col").text(text);
        if num {
            c.class("num")
        } else {
            c
        }
    });
    let body = rows.into_iter().map(|cells| el("tr").kids(cells));
    el("table")
        .class("data-table")
        .child(el("caption").text(caption))
        .child(el("thead").child(el("tr").kids(th)))
        .child(el("tbody").kids(body))
}

/// A row header cell.
pub(crate) fn row_head(content: El) -> El {
    el("th").attr("scope", "row").child(content)
}

/// A row header cell holding text.
pub(crate) fn row_head_text(text: String) -> El {
    el("th").attr("scope", "row").text(text)
}

/// A numeric cell.
pub(crate) fn num_cell(text: String) -> El {
    el("td").class("num").text(text)
}

/// A text cell.
pub(crate) fn text_cell(text: String) -> El {
    el("td").text(text)
}

#[cfg(test)]
mod tests {
    use super::{fmt_signed, fmt_tone};

    /// Signed with a true minus, zero unsigned (also when a small value rounds to zero), whole
    /// tones without decimals; the digits are those of `{:.N}`.
    #[test]
    fn signed_numbers() {
        let cases: [(f32, u8, &str); 8] = [
            (0.0, 1, "0.0"),
            (-0.0, 1, "0.0"),
            (-0.04, 1, "0.0"),
            (1.25, 1, "+1.2"),
            (-1.75, 1, "−1.8"),
            (12.0, 0, "+12"),
            (-18.4, 0, "−18"),
            (0.05, 1, "+0.1"),
        ];
        for (x, d, want) in cases {
            assert_eq!(fmt_signed(x, d), want, "{x} to {d}");
            let std = format!("{:.*}", usize::from(d), x.abs());
            assert!(fmt_signed(x, d).ends_with(&std), "{x} to {d}");
        }
        let tones = [(12.0, "+12"), (-18.02, "−18"), (1.5, "+1.5"), (0.0, "0")];
        for (x, want) in tones {
            assert_eq!(fmt_tone(x), want, "{x}");
        }
    }
}
