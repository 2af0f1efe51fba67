//! The timeline's window: derived from the URL (`win=`), or without one the fit of the filter's
//! matches (`fit_window`: their span with a margin, at least half a year), with a transient
//! local scale while a gesture is in progress, written back to the URL when it settles; and what the timeline's
//! parts share: the data side ([`Model`]), the plot's and the strip's sizes (resize observers),
//! the colour scheme.
//!
//! Wheel zoom, drags and held keys move the window many times a second; each move changes a
//! local [`Live`] scale (fractional days, drawn at once) and restarts a 150 ms debounce, and
//! only when it fires is the window written to the URL with `History::Replace`. A live scale
//! remembers the URL window it belongs to (`base`): if the URL's window changes from outside
//! (back, forward, a link), the two no longer agree and the scale is derived from the URL again.
//!
//! Few memos on purpose: the data side is one [`Model`], the window one [`TimeScale`], the list
//! one [`InView`], so a filter change recomputes each once.

use std::sync::Arc;

use dyad_core::filter::FilterResult;
use dyad_core::timeline::{
    describe, events_overlapping, fit_window, overview_window, span_of_events, LanePlan, TimeScale,
    MIN_WINDOW_DAYS,
};
use dyad_core::{Dataset, DaySpan};
use leptos::html;
use leptos::prelude::*;
use leptos_use::{
    use_debounce_fn, use_element_size, use_element_size_with_options, use_preferred_dark,
    UseElementSizeOptions,
};

use super::paint::gutter;
use super::palette::{CategoryColors, Theme};
use crate::state::{AppState, History};

/// How long after the last move of a gesture the window is written to the URL, ms.
const SETTLE_MS: f64 = 150.0;

/// The plot's assumed width (CSS px, gutter included) until its resize observer first reports.
const FALLBACK_WIDTH: f64 = 800.0;

/// The most events the list under the canvas shows; the rest are counted.
pub const LIST_CAP: usize = 200;

/// A window being changed by a gesture, ahead of the URL.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Live {
    start: f64,
    end: f64,
    /// The URL window this scale was derived from or written as; once the URL says something
    /// else, this scale is stale.
    base: DaySpan,
}

/// What the timeline draws, derived from the dataset, the filter's result and the lane choice.
pub struct Model {
    /// The dataset.
    pub ds: Arc<Dataset>,
    /// The filter's matches, in date order.
    pub result: Arc<FilterResult>,
    /// The lanes.
    pub plan: LanePlan,
    /// Milestones among the matches, positions in `ds.events`, date order.
    pub milestones: Vec<usize>,
    /// Category colours.
    pub colors: CategoryColors,
    /// The whole data padded: the widest window.
    pub bounds: DaySpan,
    /// The window that fits the matches: what is shown when the URL has no `win=` (the whole
    /// data padded when nothing matches).
    pub fit: DaySpan,
}

/// The events in the settled window, for the list and the text alternative.
#[derive(Debug, Clone, PartialEq)]
pub struct InView {
    /// The settled window (the URL's, clamped).
    pub window: DaySpan,
    /// The first [`LIST_CAP`] events in it, positions in `ds.events`, in date order.
    pub events: Vec<usize>,
    /// How many there are in all.
    pub total: usize,
    /// The canvas's text alternative.
    pub description: String,
}

/// When a window change reaches the URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Write {
    /// After the gesture settles (wheel, drag, held keys).
    Settled,
    /// At once, replacing the entry (buttons, end of a brush).
    Now,
    /// At once, as a new history entry (zooming into a cluster: Back zooms out again).
    Push,
}

/// Writes the live window to the URL once a gesture has settled (a debounced function).
type Settle = Arc<dyn Fn() + Send + Sync>;

/// The shared state of the timeline's parts. All fields are `Copy` handles.
#[derive(Clone, Copy)]
pub struct Viewport {
    /// The app state.
    pub app: AppState,
    /// The element around the plot's canvas, whose width the plot takes.
    pub holder: NodeRef<html::Div>,
    /// The plot's drawing width in CSS pixels (the canvas less its lane-label gutter).
    pub width: Memo<f64>,
    /// The lane-label gutter's width, CSS px: the plot starts there.
    pub left: Memo<f64>,
    /// The density strip's canvas.
    pub strip: NodeRef<html::Canvas>,
    /// The density strip's width, CSS px (0 until it is laid out).
    pub strip_width: Signal<f64>,
    /// The window's mark on the strip, moved by every frame of the plot.
    pub mark: NodeRef<html::Div>,
    /// The canvas colours of the system's colour scheme.
    pub theme: Memo<Theme>,
    /// The event the list's keyboard cursor is on, if moved away from the selection.
    pub cursor: RwSignal<Option<usize>>,
    live: RwSignal<Option<Live>>,
    settle: StoredValue<Option<Settle>>,
    /// The data side; `None` until the dataset and the filter's result are there.
    pub model: Memo<Option<Arc<Model>>>,
    /// What is drawn: the live scale during a gesture, else the URL's window; always clamped.
    pub scale: Memo<TimeScale>,
    /// The events in the settled window.
    pub in_view: Memo<Option<Arc<InView>>>,
}

/// Keeps `s` between a week and the whole data, inside the data.
fn clamp(s: &mut TimeScale, bounds: DaySpan) {
    s.clamp_to(
        bounds,
        MIN_WINDOW_DAYS,
        f64::from(bounds.len()).max(MIN_WINDOW_DAYS),
    );
}

impl Viewport {
    /// Builds the timeline's state under the current component (its resize observers and
    /// debounce live as long as it does).
    pub fn new(app: AppState) -> Self {
        let holder: NodeRef<html::Div> = NodeRef::new();
        let strip: NodeRef<html::Canvas> = NodeRef::new();
        // Border box, as the canvas inside fills it (width: 100%).
        let css_width = use_element_size_with_options(
            holder,
            UseElementSizeOptions::default().box_(web_sys::ResizeObserverBoxOptions::BorderBox),
        )
        .width;
        let css_width = move || {
            let w = css_width.get();
            if w >= 1.0 {
                w
            } else {
                FALLBACK_WIDTH
            }
        };
        let left = Memo::new(move |_| gutter(css_width()));
        let width = Memo::new(move |_| css_width() - left.get());
        let strip_width = use_element_size(strip).width;
        let dark = use_preferred_dark();
        let theme = Memo::new(move |_| Theme::of(dark.get()));
        let live: RwSignal<Option<Live>> = RwSignal::new(None);
        let model = Memo::new_with_compare(
            move |_| {
                let ds = app.dataset.get()?;
                let result = app.result.get()?;
                let lanes = app.view.with(|v| v.lanes);
                let plan = LanePlan::new(&ds, &result.matches, lanes);
                let milestones = ds.milestones_among(&result.matches);
                let colors = CategoryColors::of(&ds);
                let bounds = overview_window(ds.span()?);
                let fit =
                    span_of_events(&ds, &result.matches).map_or(bounds, |m| fit_window(m, bounds));
                Some(Arc::new(Model {
                    ds,
                    result,
                    plan,
                    milestones,
                    colors,
                    bounds,
                    fit,
                }))
            },
            // A new model is only made when its inputs changed: compare by allocation.
            |a, b| match (a, b) {
                (Some(Some(x)), Some(Some(y))) => !Arc::ptr_eq(x, y),
                (Some(None), Some(None)) => false,
                _ => true,
            },
        );
        let spans = move || model.with(|m| m.as_ref().map(|m| (m.bounds, m.fit)));
        let scale = Memo::new(move |_| {
            let w = width.get();
            let Some((b, fit)) = spans() else {
                return TimeScale::new(0.0, MIN_WINDOW_DAYS, w);
            };
            let url = app.view.with(|v| v.window).unwrap_or(fit);
            let mut s = match live.get() {
                Some(l) if l.base == url => TimeScale::new(l.start, l.end, w),
                _ => TimeScale::from_window(url, w),
            };
            clamp(&mut s, b);
            s
        });
        let in_view = Memo::new(move |_| {
            let m = model.get()?;
            let mut s = TimeScale::from_window(app.view.with(|v| v.window).unwrap_or(m.fit), 1e3);
            clamp(&mut s, m.bounds);
            let window = s.window();
            let mut out = InView {
                window,
                events: Vec::new(),
                total: 0,
                description: String::new(),
            };
            for i in events_overlapping(&m.ds, &m.result.matches, window) {
                out.total += 1;
                if out.events.len() < LIST_CAP {
                    out.events.push(i);
                }
            }
            // Milestones are few: count them from the model's list.
            let milestones = m
                .milestones
                .iter()
                .filter(|&&i| m.ds.span_of(i).is_some_and(|s| s.overlaps(&window)))
                .count();
            out.description = describe(window, out.total, milestones);
            Some(Arc::new(out))
        });
        let vp = Viewport {
            app,
            holder,
            width,
            left,
            strip,
            strip_width,
            mark: NodeRef::new(),
            theme,
            cursor: RwSignal::new(None),
            live,
            settle: StoredValue::new(None),
            model,
            scale,
            in_view,
        };
        let settle = use_debounce_fn(move || vp.write(History::Replace), SETTLE_MS);
        vp.settle.set_value(Some(Arc::new(move || {
            settle();
        })));
        vp
    }

    /// The URL's window (or the fit of the matches), the whole data, and the fit; `None`
    /// before the data.
    fn url_window(&self) -> Option<(DaySpan, DaySpan, DaySpan)> {
        let (b, fit) = self
            .model
            .try_with_untracked(|m| m.as_ref().map(|m| (m.bounds, m.fit)))
            .flatten()?;
        let w = self.app.view.try_with_untracked(|v| v.window)?;
        Some((w.unwrap_or(fit), b, fit))
    }

    /// Clamps a scale to the data: at least [`MIN_WINDOW_DAYS`], at most the overview.
    pub fn clamp(&self, s: &mut TimeScale) {
        if let Some((_, b, _)) = self.url_window() {
            clamp(s, b);
        }
    }

    /// Changes the window with `f` (zoom, pan, …) from what is drawn now, clamps it, draws it at
    /// once and writes it to the URL as `write` says.
    pub fn change(&self, write: Write, f: impl FnOnce(&mut TimeScale)) {
        let Some((url, b, _)) = self.url_window() else {
            return;
        };
        let mut s = self.scale.get_untracked();
        f(&mut s);
        clamp(&mut s, b);
        self.live.set(Some(Live {
            start: s.start,
            end: s.end,
            base: url,
        }));
        match write {
            Write::Settled => {
                if let Some(Some(settle)) = self.settle.try_get_value() {
                    settle();
                }
            }
            Write::Now => self.write(History::Replace),
            Write::Push => self.write(History::Push),
        }
    }

    /// Writes the live window to the URL now, if it is still current and not there already (a
    /// settled write that fires after a button already wrote the window does nothing).
    /// Tolerates running after the component is gone.
    fn write(&self, how: History) {
        let (Some(Some(l)), Some((url, _, fit))) =
            (self.live.try_get_untracked(), self.url_window())
        else {
            return;
        };
        if l.base != url {
            return;
        }
        let w = TimeScale::new(l.start, l.end, 1e3).window();
        // The fit of the matches is the default: the canonical URL then has no `win=`.
        let target = (w != fit).then_some(w);
        if self.app.view.with_untracked(|v| v.window) == target {
            return;
        }
        // Re-based before navigating, which updates the URL memo synchronously, so the scale
        // never sees the new URL with the old base.
        self.live.set(Some(Live { base: w, ..l }));
        self.app.update(how, move |s| s.window = target);
    }

    /// Back to the fit of the matches: the live scale is dropped and `win=` removed (the
    /// default window, so a shared link without `win=` fits whatever its filter matches).
    pub fn fit(&self) {
        self.live.set(None);
        if self.app.view.with_untracked(|v| v.window.is_some()) {
            self.app.update(History::Replace, |s| s.window = None);
        }
    }
}
