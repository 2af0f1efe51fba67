//! Performance marks on the browser's own clock (`performance.mark`), read by the browser
//! benchmark. Marking costs microseconds and never fails loudly.

/// Records a named mark. Silently does nothing if the Performance API is missing.
pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// Records a measure between a start mark and now. Silently does nothing on failure.
pub fn measure(name: &str, start_mark: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.measure_with_start_mark(name, start_mark);
    }
}

/// Runs `f` once the next frame has been painted (two animation frames: the first runs before
/// paint, the second after it), which is when a user sees the result.
pub fn after_paint(f: impl FnOnce() + 'static) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let Some(window) = web_sys::window() else { return };
    let w2 = window.clone();
    let second = Closure::once_into_js(f);
    let first = Closure::once_into_js(move || {
        let _ = w2.request_animation_frame(second.unchecked_ref());
    });
    let _ = window.request_animation_frame(first.unchecked_ref());
}
