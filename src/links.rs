//! What every in-app link and control shares: telling a plain click (which the app follows
//! itself) from one the browser should handle (a new tab, a download, a context menu).

/// Whether `ev` is a plain left click: no modifier key, main button. Ctrl/Cmd/Shift/Alt-clicks
/// and other buttons are the browser's (open in a new tab or window, save the link).
pub fn plain_click(ev: &web_sys::MouseEvent) -> bool {
    ev.button() == 0 && !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key())
}
