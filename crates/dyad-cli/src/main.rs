//! The `dyad` command (being written).
fn main() {}
