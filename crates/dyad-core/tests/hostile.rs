//! The hostile corpus (`tests/data/hostile/`): files made to break a reader. Each is read by
//! every reader of the core without a panic and ends in a clear message or a dataset whose text
//! is kept as written (the app shows it as text, with disguising characters written out).

use std::path::{Path, PathBuf};

use dyad_core::text::visible;
use dyad_core::validate::{parse_dataset_bytes, Diagnostic};
use dyad_core::RawDataset;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/hostile")
}

fn read(name: &str) -> Vec<u8> {
    let path = corpus().join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Reads `bytes` with every reader: the streaming one must agree with the result.
fn open(bytes: &[u8]) -> Result<dyad_core::Dataset, Vec<Diagnostic>> {
    let streamed = RawDataset::from_reader(bytes);
    let result = parse_dataset_bytes(bytes);
    assert_eq!(
        streamed.is_ok() || result.is_ok(),
        streamed.is_ok(),
        "the readers disagree"
    );
    result
}

fn messages(name: &str) -> Vec<String> {
    match open(&read(name)) {
        Ok(_) => panic!("{name} was accepted"),
        Err(d) => d.iter().map(|d| d.to_string()).collect(),
    }
}

/// Each refused file gets the messages a person can act on.
#[test]
fn refused_files_say_why() {
    // (file, a part of each expected message, in order)
    let cases: [(&str, &[&str]); 8] = [
        ("deep-nesting.json", &["events[0] (id \"talks-2020\"): extra: unknown field `extra`"]),
        ("deep-nesting-whole.json", &["a dataset file must be a JSON object"]),
        ("truncated.json", &["found the end of the file"]),
        ("invalid-utf8.json", &["the file is not UTF-8 text: byte "]),
        ("nan.json", &["tone: expected a value, found `N`"]),
        (
            "huge-numbers.json",
            &[
                "location.lat: 123456789012345678901234567890 is outside [-90, 90]",
                "location.lon: -1e400 is too large for a number",
                "tone: 1e999 is too large for a number",
            ],
        ),
        ("duplicate-keys.json", &["dataset.title: duplicate field `title`"]),
        (
            "hostile-links.json",
            &[
                "sources[0].url: \"javascript:alert(1)\" is not an http or https link",
                "sources[1].url: \"JaVaScRiPt:alert(1)\" is not an http or https link",
                "sources[2].url: \" javascript:alert(1)\" contains spaces or control characters",
                "sources[3].url: \"java\\tscript:alert(1)\" contains spaces or control characters",
                "sources[4].url: \"data:text/html,<script>alert(1)</script>\" is not an http or https link",
                "sources[5].url: \"vbscript:msgbox(1)\" is not an http or https link",
                "sources[6].url: \"javascript\\0:alert(1)\" contains spaces or control characters",
            ],
        ),
    ];
    for (name, want) in cases {
        let got = messages(name);
        assert_eq!(got.len(), want.len(), "{name}: {got:#?}");
        for (g, w) in got.iter().zip(want) {
            assert!(g.contains(w), "{name}: {g:?} lacks {w:?}");
        }
    }
}

/// Files that are valid however strange open, their text kept as written.
#[test]
fn strange_but_valid_files_open() {
    for name in [
        "bom.json",
        "long-url.json",
        "markup.json",
        "bidi-and-invisible.json",
    ] {
        let ds = open(&read(name)).unwrap_or_else(|d| panic!("{name}: {d:?}"));
        assert_eq!(ds.events.len(), 3, "{name}");
    }
    let ds = open(&read("markup.json")).unwrap();
    assert!(ds.events.iter().all(|e| e.title.contains("<script>")));
    let ds = open(&read("bidi-and-invisible.json")).unwrap();
    let shown: Vec<String> = ds
        .events
        .iter()
        .map(|e| visible(&e.title).into_owned())
        .collect();
    assert!(
        shown.contains(&"Agreement signed[U+202E];report.exe".to_string()),
        "{shown:?}"
    );
    assert!(shown.contains(&"Pay[U+200B]ment to [U+2066]Gamma[U+2069] Corp".to_string()));
    // A ten-megabyte string, made here rather than kept in the repository.
    let mut raw: serde_json::Value = serde_json::from_slice(&read("bom.json")[3..]).unwrap();
    raw["events"][0]["summary"] = serde_json::Value::from("long ".repeat(2_000_000));
    let ds = open(&serde_json::to_vec(&raw).unwrap()).unwrap();
    assert_eq!(
        ds.events.iter().map(|e| e.summary.len()).max(),
        Some(10_000_000)
    );
}
