//! End-to-end tests of the `dyad` binary: exit codes, messages and outputs, run on files the
//! binary synthesises itself and on hand-broken ones.

mod common;
use common::dyad;

use std::fs;
use std::path::PathBuf;

/// A path in cargo's per-target scratch directory, unique per test.
fn tmp(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("dyad-cli-tests");
    fs::create_dir_all(&dir).expect("scratch dir");
    dir.join(name)
}

fn synth_file(name: &str, events: usize, seed: u64) -> String {
    let path = tmp(name);
    let p = path.to_str().expect("utf-8 path").to_string();
    let r = dyad(&[
        "synth",
        "--events",
        &events.to_string(),
        "--seed",
        &seed.to_string(),
        "--out",
        &p,
    ]);
    assert_eq!(r.code, Some(0), "synth failed: {}", r.stderr);
    p
}

/// A one-event dataset; `event` is spliced in as the only event.
fn tiny(event: &str) -> String {
    format!(
        r##"{{"schema":1,
"dataset":{{"id":"t","title":"T","description":"d","version":"1","updated":"2024-01-01","license":"CC0-1.0"}},
"actors":[{{"id":"MLI","name":"Mali","kind":"state"}},{{"id":"wagner-group","name":"Wagner Group","kind":"armed_group"}}],
"categories":[{{"id":"coup","label":"Coup","definition":"x","tone":-8,"color":"#742a2a"}}],
"events":[{event}]}}"##
    )
}

const GOOD_EVENT: &str = r#"{"id":"e1","date":"2021-05-24","title":"t","summary":"s","category":"coup","actors":["MLI"],"sources":[{"publisher":"P","url":"https://example.org/a","type":"media"}],"verification":"verified"}"#;

/// A synthesised file validates, and the summary line gives its counts.
#[test]
fn validate_accepts_synth_output() {
    let p = synth_file("ok.json", 250, 7);
    let r = dyad(&["validate", &p]);
    assert_eq!(r.code, Some(0), "stderr: {}", r.stderr);
    assert_eq!(
        r.stdout.trim(),
        format!("{p}: ok — 250 events, 40 actors, 13 categories")
    );
}

/// Each kind of broken file exits 1 and names the problem, prefixed by the file name.
#[test]
fn validate_reports_problems() {
    let cases: [(&str, String, &[&str]); 4] = [
        ("good.json", tiny(GOOD_EVENT), &[]),
        (
            "unknown-actor.json",
            tiny(&GOOD_EVENT.replace(r#"["MLI"]"#, r#"["MLI","WAG"]"#)),
            &["unknown actor", "WAG"],
        ),
        (
            "bad-date.json",
            tiny(&GOOD_EVENT.replace("2021-05-24", "2023-02-30")),
            &["2023-02-30"],
        ),
        (
            "syntax.json",
            tiny(GOOD_EVENT)[..200].to_string(),
            &["line"],
        ),
    ];
    for (name, text, needles) in cases {
        let path = tmp(name);
        fs::write(&path, text).expect("write fixture");
        let p = path.to_str().expect("utf-8 path");
        let r = dyad(&["validate", p]);
        if needles.is_empty() {
            assert_eq!(r.code, Some(0), "{name}: {}", r.stderr);
            continue;
        }
        assert_eq!(r.code, Some(1), "{name}: {}{}", r.stdout, r.stderr);
        assert!(r.stdout.is_empty(), "{name}: {}", r.stdout);
        let lines: Vec<&str> = r.stderr.lines().collect();
        assert!(lines.len() >= 2, "{name}: {}", r.stderr);
        assert!(
            lines.iter().all(|l| l.starts_with(&format!("{p}: "))),
            "{name}: {}",
            r.stderr
        );
        assert!(r.stderr.contains("problem"), "{name}: {}", r.stderr);
        for n in needles {
            assert!(r.stderr.contains(n), "{name}: {n:?} not in {}", r.stderr);
        }
    }
}

/// A file that cannot be read exits 2, for both commands that read files.
#[test]
fn unreadable_file_exits_2() {
    let missing = tmp("does-not-exist.json");
    let p = missing.to_str().expect("utf-8 path");
    for cmd in ["validate", "stats"] {
        let r = dyad(&[cmd, p]);
        assert_eq!(r.code, Some(2), "{cmd}");
        assert!(r.stderr.contains("cannot read"), "{cmd}: {}", r.stderr);
    }
}

/// `synth` is deterministic per seed, and stdout and `--out` carry the same bytes.
#[test]
fn synth_is_deterministic() {
    let a = dyad(&["synth", "--events", "50", "--seed", "3"]);
    let b = dyad(&["synth", "--events", "50", "--seed", "3"]);
    let c = dyad(&["synth", "--events", "50", "--seed", "4"]);
    assert_eq!(a.code, Some(0));
    assert_eq!(a.stdout, b.stdout);
    assert_ne!(a.stdout, c.stdout);
    let p = synth_file("det.json", 50, 3);
    assert_eq!(fs::read_to_string(&p).expect("read back"), a.stdout);
    // Compact by default: one line of JSON; --pretty indents.
    assert_eq!(a.stdout.lines().count(), 1);
    let pretty = dyad(&["synth", "--events", "5", "--pretty"]);
    assert!(pretty.stdout.lines().count() > 50);
    let v: serde_json::Value = serde_json::from_str(&a.stdout).expect("valid JSON");
    assert_eq!(v["events"].as_array().map(Vec::len), Some(50));
}

/// `stats` prints every section as text, and the same numbers as JSON.
#[test]
fn stats_text_and_json() {
    let p = synth_file("stats.json", 400, 11);
    let text = dyad(&["stats", &p]);
    assert_eq!(text.code, Some(0), "{}", text.stderr);
    for heading in [
        "400 events, 40 actors, 13 categories",
        "Events by year",
        "Events by category",
        "Events by actor",
        "Top 10 of ",
        "Mali (MLI)",
    ] {
        assert!(
            text.stdout.contains(heading),
            "{heading:?} missing:\n{}",
            text.stdout
        );
    }

    let json = dyad(&["stats", &p, "--json", "--top", "5"]);
    assert_eq!(json.code, Some(0), "{}", json.stderr);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).expect("valid JSON");
    assert_eq!(v["events"], 400);
    assert_eq!(v["top_pairs"].as_array().map(Vec::len), Some(5));
    let by_year: u64 = v["by_year"]
        .as_array()
        .expect("by_year")
        .iter()
        .filter_map(|y| y["events"].as_u64())
        .sum();
    assert_eq!(by_year, 400);
    let by_cat: u64 = v["by_category"]
        .as_array()
        .expect("by_category")
        .iter()
        .filter_map(|c| c["events"].as_u64())
        .sum();
    assert_eq!(by_cat, 400);
}

/// With `--rollup`, affiliates count as their parent: Wagner Group disappears from the actor
/// counts and the pairs.
#[test]
fn stats_rollup() {
    let p = synth_file("rollup.json", 400, 12);
    let ids = |args: &[&str]| -> (Vec<String>, Vec<String>) {
        let r = dyad(args);
        assert_eq!(r.code, Some(0), "{}", r.stderr);
        let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("valid JSON");
        let actors = v["by_actor"]
            .as_array()
            .expect("by_actor")
            .iter()
            .filter_map(|a| a["id"].as_str().map(str::to_string))
            .collect();
        let pairs = v["top_pairs"]
            .as_array()
            .expect("top_pairs")
            .iter()
            .flat_map(|p| [p["a"].as_str(), p["b"].as_str()])
            .flatten()
            .map(str::to_string)
            .collect();
        (actors, pairs)
    };
    let (plain, _) = ids(&["stats", &p, "--json"]);
    let (rolled, rolled_pairs) = ids(&["stats", &p, "--json", "--rollup", "--top", "1000"]);
    assert!(plain.iter().any(|a| a == "wagner-group"));
    for child in ["wagner-group", "africa-corps", "minusma", "eutm"] {
        assert!(!rolled.iter().any(|a| a == child), "{child} in {rolled:?}");
        assert!(!rolled_pairs.iter().any(|a| a == child), "{child} in pairs");
    }
}

/// `stats` on an invalid file reports like `validate` and exits 1.
#[test]
fn stats_rejects_invalid() {
    let path = tmp("stats-bad.json");
    fs::write(&path, tiny(&GOOD_EVENT.replace("\"coup\"", "\"kup\""))).expect("write");
    let p = path.to_str().expect("utf-8 path");
    let r = dyad(&["stats", p]);
    assert_eq!(r.code, Some(1));
    assert!(r.stderr.contains("kup"), "{}", r.stderr);
}

/// A file with one problem of each kind (an impossible date, an unknown actor, a duplicate id,
/// a `javascript:` link, an unknown category) has all of them listed, in file order, each at
/// its line and column: the bad date does not hide the rest.
#[test]
fn validate_lists_every_kind_of_problem_at_once() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/data/mixed-problems.json"
    );
    let r = dyad(&["validate", path]);
    assert_eq!(r.code, Some(1), "stdout: {}", r.stdout);
    let lines: Vec<&str> = r
        .stderr
        .lines()
        .map(|l| {
            l.strip_prefix(path)
                .and_then(|l| l.strip_prefix(": "))
                .unwrap_or(l)
        })
        .collect();
    assert_eq!(
        lines,
        [
            r#"events[0] (id "talks-2010"): date: "2010-13-40" is not a real calendar date (line 21, column 15)"#,
            r#"events[1] (id "visit-2011"): actors[1]: unknown actor "CCC" (line 35, column 25)"#,
            r#"events[2] (id "visit-2011"): id: duplicate event id "visit-2011", first used by events[1] (line 40, column 13)"#,
            r#"events[3] (id "link-2012"): sources[0].url: "JavaScript:alert(document.domain)" is not an http or https link (line 56, column 52)"#,
            r#"events[4] (id "deal-2013"): category: unknown category "talkz"; did you mean "talks"? (line 64, column 19)"#,
            "5 problems",
        ]
    );
}
