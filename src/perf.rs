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
