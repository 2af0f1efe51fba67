//! Performance marks on the browser's own clock (`performance.mark`), read by the browser
//! benchmark. Marking costs microseconds and never fails loudly.

/// Records a named mark. Silently does nothing if the Performance API is missing.
pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// Runs `f` inside a measure named `name` (a mark `name:start`, then the measure). For
/// profiling: wrap a memo's or an effect's body in it for a while, and
/// `tests/bench/profile.mjs` sums these measures per filter change, exactly, where the sampling
/// profiler only sees the generic Leptos code the closure was inlined into. Unused, it costs
/// nothing in the wasm.
pub fn timed<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let start = format!("{name}:start");
    mark(&start);
    let out = f();
    measure(name, &start);
    out
}

/// Records a measure between a start mark and now. Silently does nothing on failure.
pub fn measure(name: &str, start_mark: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.measure_with_start_mark(name, start_mark);
    }
}

/// Runs `f` once the next frame has been painted, which is when a user sees the result: from
/// inside that frame's animation-frame callback, a zero-delay timeout queues a task that the
/// browser runs right after the frame's style, layout and paint. (A second animation frame would
/// also come after the paint, but only at the next vsync, up to 16.7 ms later, which every
/// measure would then include.)
pub fn after_paint(f: impl FnOnce() + 'static) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let Some(window) = web_sys::window() else {
        return;
    };
    let w2 = window.clone();
    let task = Closure::once_into_js(f);
    let frame = Closure::once_into_js(move || {
        let _ = w2.set_timeout_with_callback_and_timeout_and_arguments_0(task.unchecked_ref(), 0);
    });
    let _ = window.request_animation_frame(frame.unchecked_ref());
}
