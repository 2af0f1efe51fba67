//! The URL codec on any path and query: parsing never panics, and what it reads is written back
//! canonically as a fixed point (`parse(render(parse(x))) == parse(x)`, without warnings).
#![no_main]

use dyad_core::query::{parse, render};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (path, query) = text.split_once('?').unwrap_or((&text, ""));
    let (state, _) = parse(path, query);
    let url = render(&state);
    let (p2, q2) = url.split_once('?').unwrap_or((&url, ""));
    let (again, warnings) = parse(p2, q2);
    assert_eq!(again, state, "{url}");
    assert!(warnings.is_empty(), "{url}: {warnings:?}");
});
