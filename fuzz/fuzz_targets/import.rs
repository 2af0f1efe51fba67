//! The importers on any bytes: detection and every format's importer never panic, every
//! refusal gives at least one problem, and what is accepted is a dataset the validator reads
//! back the same from its Dyad JSON.
#![no_main]

use dyad_core::import::{detect, import, Format};
use dyad_core::validate::parse_dataset;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let detected = detect(data);
    for format in Format::ALL {
        match import(format, data) {
            Ok(ds) => {
                let json = serde_json::to_string(&ds.to_raw()).expect("a dataset serialises");
                let back = parse_dataset(&json).expect("an imported dataset reads back");
                assert_eq!(back, ds, "{format:?}");
            }
            Err(e) => assert!(e.count() > 0, "{format:?} refused without a reason"),
        }
    }
    if let Ok(format) = detected {
        let _ = import(format, data);
    }
});
