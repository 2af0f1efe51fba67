//! The timeline's window: derived from the URL (`win=`), with a transient local scale while a
//! gesture is in progress, written back to the URL when it settles.
//!
//! Wheel zoom, drags and held keys move the window many times a second; each move changes a
//! local [`Live`] scale (fractional days, drawn at once) and restarts a 150 ms timer, and only
//! when the timer fires is the window written to the URL with `History::Replace`. A live scale
//! remembers the URL window it belongs to (`base`): if the URL's window changes from outside
//! (back, forward, a link), the two no longer agree and the scale is derived from the URL again.
//!
//! Few memos on purpose: each reactive value costs generic code in the wasm, so the data side
//! is one [`Model`], the window one [`TimeScale`], the list one [`InView`].

use std::sync::Arc;
use std::time::Duration;

use dyad_core::filter::FilterResult;
use dyad_core::timeline::{
    describe, events_overlapping, overview_window, LanePlan, TimeScale, MIN_WINDOW_DAYS,
};
use dyad_core::{Dataset, DaySpan};
use leptos::html;
use leptos::prelude::*;

use super::palette::CategoryColors;
use crate::state::{AppState, History};

/// How long after the last move of a gesture the window is written to the URL.
const SETTLE: Duration = Duration::from_millis(150);

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

/// The shared state of the timeline's parts. All fields are `Copy` handles.
#[derive(Clone, Copy)]
pub struct Viewport {
    /// The app state.
    pub app: AppState,
    /// The plot's drawing width in CSS pixels (the canvas less its lane-label gutter).
    pub width: RwSignal<f64>,
    /// The event the list's keyboard cursor is on, if moved away from the selection.
    pub cursor: RwSignal<Option<usize>>,
    live: RwSignal<Option<Live>>,
    timer: StoredValue<Option<TimeoutHandle>>,
    /// The data side; `None` until the dataset and the filter's result are there.
    pub model: Memo<Option<Arc<Model>>>,
    /// What is drawn: the live scale during a gesture, else the URL's window; always clamped.
    pub scale: Memo<TimeScale>,
    /// The events in the settled window.
    pub in_view: Memo<Option<Arc<InView>>>,
    /// The density strip's canvas, drawn by the plot's frames when needed.
    pub strip: NodeRef<html::Canvas>,
    /// The window's mark on the strip, moved by every frame.
    pub mark: NodeRef<html::Div>,
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
    /// Builds the timeline's state under the current component; clears its timer on cleanup.
    pub fn new(app: AppState) -> Self {
        let width = RwSignal::new(800.0);
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
                Some(Arc::new(Model {
                    ds,
                    result,
                    plan,
                    milestones,
                    colors,
                    bounds,
                }))
            },
            // A new model is only made when its inputs changed: compare by allocation.
            |a, b| match (a, b) {
                (Some(Some(x)), Some(Some(y))) => !Arc::ptr_eq(x, y),
                (Some(None), Some(None)) => false,
                _ => true,
            },
        );
        let bounds = move || model.with(|m| m.as_ref().map(|m| m.bounds));
        let scale = Memo::new(move |_| {
            let w = width.get();
            let Some(b) = bounds() else {
                return TimeScale::new(0.0, MIN_WINDOW_DAYS, w);
            };
            let url = app.view.with(|v| v.window).unwrap_or(b);
            let mut s = match live.get() {
                Some(l) if l.base == url => TimeScale::new(l.start, l.end, w),
                _ => TimeScale::from_window(url, w),
            };
            clamp(&mut s, b);
            s
        });
        let in_view = Memo::new(move |_| {
            let m = model.get()?;
            let mut s =
                TimeScale::from_window(app.view.with(|v| v.window).unwrap_or(m.bounds), 1e3);
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
        let timer: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
        on_cleanup(move || {
            if let Some(Some(t)) = timer.try_get_value() {
                t.clear();
            }
        });
        Viewport {
            app,
            width,
            cursor: RwSignal::new(None),
            live,
            timer,
            model,
            scale,
            in_view,
            strip: NodeRef::new(),
            mark: NodeRef::new(),
        }
    }

    /// The URL's window (or the whole data), and the whole data; `None` before the data.
    fn url_window(&self) -> Option<(DaySpan, DaySpan)> {
        let b = self
            .model
            .try_with_untracked(|m| m.as_ref().map(|m| m.bounds))
            .flatten()?;
        let w = self.app.view.try_with_untracked(|v| v.window)?;
        Some((w.unwrap_or(b), b))
    }

    /// Clamps a scale to the data: at least [`MIN_WINDOW_DAYS`], at most the overview.
    pub fn clamp(&self, s: &mut TimeScale) {
        if let Some((_, b)) = self.url_window() {
            clamp(s, b);
        }
    }

    /// Changes the window with `f` (zoom, pan, …) from what is drawn now, clamps it, draws it at
    /// once and writes it to the URL as `write` says.
    pub fn change(&self, write: Write, f: impl FnOnce(&mut TimeScale)) {
        let Some((url, b)) = self.url_window() else {
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
                self.cancel_timer();
                let vp = *self;
                let t = set_timeout_with_handle(move || vp.write(History::Replace), SETTLE);
                self.timer.set_value(t.ok());
            }
            Write::Now => self.write(History::Replace),
            Write::Push => self.write(History::Push),
        }
    }

    fn cancel_timer(&self) {
        if let Some(Some(t)) = self.timer.try_get_value() {
            t.clear();
        }
        self.timer.try_set_value(None);
    }

    /// Writes the live window to the URL now, if it is still current. Tolerates running after
    /// the component is gone (a timer firing late).
    fn write(&self, how: History) {
        self.cancel_timer();
        let (Some(Some(l)), Some((url, bounds))) =
            (self.live.try_get_untracked(), self.url_window())
        else {
            return;
        };
        if l.base != url {
            return;
        }
        let w = TimeScale::new(l.start, l.end, 1e3).window();
        // The whole data is the default: the canonical URL then has no `win=`.
        let target = (w != bounds).then_some(w);
        if self.app.view.with_untracked(|v| v.window) == target {
            return;
        }
        // Re-based before navigating, which updates the URL memo synchronously, so the scale
        // never sees the new URL with the old base.
        self.live.set(Some(Live { base: w, ..l }));
        self.app.update(how, move |s| s.window = target);
    }

    /// Back to the whole data: the live scale is dropped and `win=` removed.
    pub fn reset(&self) {
        self.cancel_timer();
        self.live.set(None);
        if self.app.view.with_untracked(|v| v.window.is_some()) {
            self.app.update(History::Replace, |s| s.window = None);
        }
    }
}
