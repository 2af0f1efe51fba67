//! Entry point of the browser app: install the panic hook and mount. Everything else lives in
//! the library so it can be read (and tested) in one place.

fn main() {
    console_error_panic_hook::set_once();
    dyad::perf::mark("dyad:app-start");
    leptos::mount::mount_to_body(dyad::App);
}
