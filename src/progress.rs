//! Long work in the page (opening a big file, writing an export): the browser gets the hand back
//! between parts of the work, so it paints the progress line and answers input, and the line
//! says what is being done and how far it is.
//!
//! The work itself stays on the page's thread, cut into parts: at 100k events each part takes
//! a few tens of milliseconds (see docs/performance.md), which keeps the page responsive
//! without the cost of a worker (a second copy of the wasm and of the dataset).

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::state::use_app;

/// What long work is under way, for the progress line ([`ProgressLine`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Busy {
    /// What is being done, e.g. "Writing the CSV file".
    pub task: String,
    /// How far it is, from 0 to 1; `None` when that cannot be told.
    pub done: Option<f64>,
}

impl Busy {
    /// Work of `task`, `done` of the way through.
    pub fn new(task: impl Into<String>, done: Option<f64>) -> Self {
        Busy {
            task: task.into(),
            done,
        }
    }
}

/// Resolves after the browser has run its queued tasks (input included): `setTimeout(0)`.
pub async fn yield_now() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Resolves once the browser has painted a frame: after the next animation frame, then a task,
/// so that what the page shows now (a progress line) is on screen before the next part runs.
pub async fn next_paint() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let Some(w) = web_sys::window() else {
            return;
        };
        let w2 = w.clone();
        let after = wasm_bindgen::closure::Closure::once_into_js(move || {
            let _ = w2.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        });
        let _ = w.request_animation_frame(after.unchecked_ref());
    });
    let _ = JsFuture::from(promise).await;
}

/// The line that shows the work under way, with a progress bar when its share is known.
#[component]
pub fn ProgressLine() -> impl IntoView {
    let app = use_app();
    move || {
        app.busy.get().map(|b| {
            let percent = b.done.map(|d| (d.clamp(0.0, 1.0) * 100.0).round());
            view! {
                <p class="progress-line" role="status" data-testid="progress">
                    <span class="spinner" aria-hidden="true"></span>
                    <span>{b.task.clone()}</span>
                    {percent.map(|p| view! {
                        <progress max="100" value=p.to_string()>{format!("{p}%")}</progress>
                        <span class="percent">{format!(" {p}%")}</span>
                    })}
                </p>
            }
        })
    }
}
