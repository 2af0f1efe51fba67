//! End-to-end tests of `dyad import` on the samples in `tests/data/import/`: converted files
//! validate, broken ones exit 1 with every problem on standard error as `dyad validate` prints
//! them, and a file that is no known format says what each format needs.

mod common;
use common::dyad;

use std::fs;
use std::path::PathBuf;

/// A sample's path.
fn sample(name: &str) -> String {
    format!(
        "{}/../../tests/data/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// A path in cargo's per-target scratch directory.
fn tmp(name: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("dyad-import-tests");
    fs::create_dir_all(&dir).expect("scratch dir");
    dir.join(name).to_str().expect("utf-8 path").to_string()
}

/// Each valid sample converts, with its format told from its content or named, to the same
/// file; the file validates with the counts the summary line gives.
#[test]
fn valid_samples_convert() {
    let cases = [
        ("acled-valid.csv", "acled", "ACLED CSV export", 6, 16, 6),
        ("acled-older.csv", "acled", "ACLED CSV export", 2, 4, 2),
        ("ucdp-valid.csv", "ucdp", "UCDP GED CSV", 5, 8, 3),
        ("gdelt-valid.CSV", "gdelt", "GDELT 2.0 events", 5, 8, 5),
        (
            "timelinejs-valid.csv",
            "timelinejs",
            "TimelineJS sheet saved as CSV",
            5,
            1,
            4,
        ),
    ];
    for (name, from, label, events, actors, categories) in cases {
        let input = sample(name);
        let auto = tmp(&format!("{name}.auto.json"));
        let r = dyad(&["import", &input, "-o", &auto]);
        assert_eq!(r.code, Some(0), "{name}: {}", r.stderr);
        assert_eq!(
            r.stdout.trim(),
            format!(
                "{input}: {label} — {events} events, {actors} actors, {categories} categories written to {auto}"
            )
        );
        let named = tmp(&format!("{name}.named.json"));
        let r = dyad(&["import", "--from", from, &input, "--out", &named]);
        assert_eq!(r.code, Some(0), "{name}: {}", r.stderr);
        assert_eq!(
            fs::read(&auto).unwrap(),
            fs::read(&named).unwrap(),
            "{name}"
        );
        let r = dyad(&["validate", &auto]);
        assert_eq!(r.code, Some(0), "{name}: {}", r.stderr);
        assert_eq!(
            r.stdout.trim(),
            format!("{auto}: ok — {events} events, {actors} actors, {categories} categories")
        );
        // Without -o the dataset goes to standard output, and nothing else does.
        let r = dyad(&["import", &input]);
        assert_eq!(r.code, Some(0), "{name}");
        assert_eq!(
            r.stdout.as_bytes(),
            fs::read(&auto).unwrap().as_slice(),
            "{name}"
        );
        // An imported dataset imports again as Dyad JSON, unchanged.
        let again = tmp(&format!("{name}.again.json"));
        assert_eq!(dyad(&["import", &auto, "-o", &again]).code, Some(0));
        assert_eq!(
            fs::read(&auto).unwrap(),
            fs::read(&again).unwrap(),
            "{name}"
        );
    }
}

/// A broken sample exits 1, writes nothing, and lists every problem on standard error, each
/// prefixed by the file name, then the count, as `dyad validate` does.
#[test]
fn broken_samples_list_every_problem() {
    let input = sample("acled-broken.csv");
    let out = tmp("broken.json");
    let _ = fs::remove_file(&out);
    let r = dyad(&["import", &input, "-o", &out]);
    assert_eq!(r.code, Some(1));
    assert!(r.stdout.is_empty(), "{}", r.stdout);
    assert!(fs::metadata(&out).is_err(), "nothing is written");
    let want = [
        "row 1: missing column `time_precision`",
        "row 2, column B (event_date): \"2024-02-30\" is not a real calendar date; expected YYYY-MM-DD",
        "row 3, column E (event_type): unknown event type \"Skirmishes\"; expected one of Battles, Explosions/Remote violence, Violence against civilians, Protests, Riots, Strategic developments",
        "row 4, column V (latitude): \"14°31'N\" is not a number",
        "row 5, column AB (fatalities): \"three\" is not a whole number, 0 or more",
        "row 6, column A (event_id_cnty): \"XMP91001\" is also the id of row 2",
        "row 6, column G (actor1): empty; every ACLED event names actor1",
        "row 7: 2 cells, but the header has 30; a cell holding a comma, a quote or a line break must be quoted",
        "8 problems",
    ];
    let got: Vec<&str> = r.stderr.lines().collect();
    let want: Vec<String> = want.iter().map(|l| format!("{input}: {l}")).collect();
    assert_eq!(got, want);
    for (name, n) in [
        ("ucdp-broken.csv", 7),
        ("gdelt-broken.CSV", 7),
        ("timelinejs-broken.csv", 7),
    ] {
        let input = sample(name);
        let r = dyad(&["import", &input]);
        assert_eq!(r.code, Some(1), "{name}");
        assert!(r.stdout.is_empty(), "{name}");
        let lines: Vec<&str> = r.stderr.lines().collect();
        assert_eq!(lines.len(), n + 1, "{name}: {}", r.stderr);
        assert_eq!(lines[n], format!("{input}: {n} problems"));
        assert!(
            lines
                .iter()
                .all(|l| l.starts_with(&format!("{input}: row ")) || *l == lines[n]),
            "{name}: {}",
            r.stderr
        );
    }
}

/// A file in none of the formats exits 1 with what each format needs and what was found; a
/// format named by hand that the content contradicts is named too.
#[test]
fn unknown_and_wrong_formats() {
    let path = tmp("people.csv");
    fs::write(&path, "name,age,city\nAda,36,London\n").unwrap();
    let r = dyad(&["import", &path]);
    assert_eq!(r.code, Some(1));
    for needle in [
        "the file is in none of the formats Dyad reads",
        "ACLED CSV export: columns event_id_cnty, event_date, event_type, actor1",
        "UCDP GED CSV: columns id, type_of_violence, side_a, side_b, date_start",
        "GDELT 2.0 events: 61 tab-separated fields",
        "TimelineJS sheet saved as CSV: columns Year, Headline, Text",
        "found: columns name, age, city",
        "1 problem",
    ] {
        assert!(r.stderr.contains(needle), "{needle:?} not in {}", r.stderr);
    }
    let input = sample("acled-valid.csv");
    let r = dyad(&["import", "--from", "ucdp", &input]);
    assert_eq!(r.code, Some(1));
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(lines[0], format!("{input}: row 1: missing column `id`"));
    assert_eq!(
        lines[lines.len() - 2],
        format!("{input}: its content is in another format, ACLED CSV export: try --from acled")
    );
    assert_eq!(lines[lines.len() - 1], format!("{input}: 7 problems"));
}

/// A Dyad JSON file goes through the validator, its problems worded as `dyad validate` words
/// them; an unreadable file exits 2.
#[test]
fn dyad_json_and_unreadable_files() {
    let path = tmp("bad.json");
    fs::write(&path, r#"{"schema": 2}"#).unwrap();
    let import = dyad(&["import", &path]);
    let validate = dyad(&["validate", &path]);
    assert_eq!(import.code, Some(1));
    assert_eq!(import.stderr, validate.stderr);
    let r = dyad(&["import", &tmp("missing.csv")]);
    assert_eq!(r.code, Some(2));
    assert!(r.stderr.contains("cannot read"), "{}", r.stderr);
}
