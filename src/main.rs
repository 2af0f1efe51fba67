//! Entry point of the browser app: install the panic hook and mount.
fn main() {}
