//! The importers on the samples in `tests/data/import/` (written for these tests: invented
//! events, invented groups, example.org links) and on small tables built here: what each
//! format's columns become, every problem of the broken samples, detection, and round trips
//! through Dyad JSON.

use proptest::prelude::*;

use super::*;
use crate::model::{ActorKind, RawEvent, Source, SourceType, Verification};

fn sample(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/../../tests/data/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The samples, each with its format.
const SAMPLES: [(&str, Format); 9] = [
    ("acled-valid.csv", Format::Acled),
    ("acled-older.csv", Format::Acled),
    ("acled-broken.csv", Format::Acled),
    ("ucdp-valid.csv", Format::Ucdp),
    ("ucdp-broken.csv", Format::Ucdp),
    ("gdelt-valid.CSV", Format::Gdelt),
    ("gdelt-broken.CSV", Format::Gdelt),
    ("timelinejs-valid.csv", Format::TimelineJs),
    ("timelinejs-broken.csv", Format::TimelineJs),
];

/// A valid sample, imported.
fn raw(name: &str, format: Format) -> RawDataset {
    import_raw(format, &sample(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The event with this id.
fn event<'a>(raw: &'a RawDataset, id: &str) -> &'a RawEvent {
    raw.events
        .iter()
        .find(|e| e.id == id)
        .unwrap_or_else(|| panic!("no event {id}"))
}

/// Every problem of a refused file, as lines.
fn problems(format: Format, bytes: &[u8]) -> Vec<String> {
    match import(format, bytes) {
        Ok(_) => panic!("accepted"),
        Err(e) => e.lines(),
    }
}

/// A compact view of a source: publisher, link, type.
fn src(s: &Source) -> (&str, Option<&str>, SourceType) {
    (s.publisher.as_str(), s.url.as_deref(), s.kind)
}

// ---------------------------------------------------------------------------------------------
// Detection.

/// Each sample is detected as its format, and so is Dyad's own curated dataset.
#[test]
fn samples_are_detected() {
    for (name, format) in SAMPLES {
        assert_eq!(detect(&sample(name)), Ok(format), "{name}");
    }
    let curated = include_bytes!("../../../../public/data/sahel.json");
    assert_eq!(detect(curated), Ok(Format::Dyad));
}

/// What detection says of files that are none of the formats: what each format needs, and
/// what was found.
#[test]
fn undetected_files() {
    // (text, found, nearest)
    type Case = (
        &'static [u8],
        &'static str,
        Option<(Format, &'static [&'static str])>,
    );
    let cases: [Case; 9] = [
        (
            b"name,age,city\nAda,36,London\n",
            "columns name, age, city",
            None,
        ),
        (
            b"event_id_cnty,event_date,actor_1\nX1,2024-01-01,A\n",
            "columns event_id_cnty, event_date, actor_1",
            Some((Format::Acled, &["event_type", "actor1"])),
        ),
        (
            b"Year,Headline,Body\n2021,x,y\n",
            "columns Year, Headline, Body",
            Some((Format::TimelineJs, &["Text"])),
        ),
        (
            b"a;b;c\n1;2;3\n",
            "columns a;b;c (the header seems separated by ';'; Dyad reads comma-separated files)",
            None,
        ),
        (b"", "an empty file", None),
        (b" \n\t", "an empty file", None),
        (
            b"{\"events\": []}",
            "a JSON object without a \"schema\" field",
            None,
        ),
        (
            b"[1, 2]",
            "a JSON array; a Dyad dataset is a JSON object",
            None,
        ),
        (
            b"\xFF\xFEY\x00e\x00a\x00r\x00",
            "the file is UTF-16 text; save it as UTF-8 (in Excel: \"CSV UTF-8\")",
            None,
        ),
    ];
    for (text, found, nearest) in cases {
        let e = detect(text).expect_err(found);
        assert_eq!(e.found, found);
        assert_eq!(e.nearest, nearest.map(|(f, m)| (f, m.to_vec())), "{found}");
    }
    let fifty_seven = ["1"; 57].join("\t");
    let e = detect(fifty_seven.as_bytes()).unwrap_err();
    assert_eq!(e.found, "a line of 57 tab-separated fields");
}

/// The whole message names every format with what it needs, then what was found.
#[test]
fn detection_message() {
    let e = detect(b"name,age,city\nAda,36,London\n").unwrap_err();
    assert_eq!(
        e.to_string(),
        "the file is in none of the formats Dyad reads, which are:\n  \
         Dyad JSON: a JSON object with a \"schema\" field\n  \
         ACLED CSV export: columns event_id_cnty, event_date, event_type, actor1\n  \
         UCDP GED CSV: columns id, type_of_violence, side_a, side_b, date_start\n  \
         GDELT 2.0 events: 61 tab-separated fields a line, no header, the first a numeric \
         GlobalEventID\n  \
         TimelineJS sheet saved as CSV: columns Year, Headline, Text\n\
         found: columns name, age, city"
    );
    let near = detect(b"id,type_of_violence,side_a,date\n").unwrap_err();
    assert!(
        near.to_string().ends_with(
            "found: columns id, type_of_violence, side_a, date\nnearest: UCDP GED CSV, which \
             also needs side_b, date_start"
        ),
        "{near}"
    );
    assert!(matches!(
        open(b"name\nAda\n"),
        Err(ImportError::Undetected(_))
    ));
}

/// A JSON text that does not parse but names "schema" is Dyad's, so the validator can say
/// where it breaks.
#[test]
fn broken_dyad_json() {
    let text = br#"{"schema": 1, "dataset": {"id": "x",}"#;
    assert_eq!(detect(text), Ok(Format::Dyad));
    let e = open(text).unwrap_err();
    assert!(matches!(e, ImportError::Dataset(_)), "{e}");
    assert_eq!(
        e.lines(),
        ["dataset: expected a value, found `}` (line 1, column 37)"]
    );
    let text = br#"{"dataset": {"schema": 1}, "x": "#;
    assert_eq!(detect(text), Ok(Format::Dyad));
    assert!(detect(br#"{"dataset": {"id": "#).is_err());
}

// ---------------------------------------------------------------------------------------------
// The broken samples: every problem at once.

/// Each broken sample is refused with all its problems, in row and column order.
#[test]
fn broken_samples() {
    let cases: [(&str, Format, &[&str]); 4] = [
        (
            "acled-broken.csv",
            Format::Acled,
            &[
                "row 1: missing column `time_precision`",
                "row 2, column B (event_date): \"2024-02-30\" is not a real calendar date; expected YYYY-MM-DD",
                "row 3, column E (event_type): unknown event type \"Skirmishes\"; expected one of Battles, Explosions/Remote violence, Violence against civilians, Protests, Riots, Strategic developments",
                "row 4, column V (latitude): \"14°31'N\" is not a number",
                "row 5, column AB (fatalities): \"three\" is not a whole number, 0 or more",
                "row 6, column A (event_id_cnty): \"XMP91001\" is also the id of row 2",
                "row 6, column G (actor1): empty; every ACLED event names actor1",
                "row 7: 2 cells, but the header has 30; a cell holding a comma, a quote or a line break must be quoted",
            ],
        ),
        (
            "ucdp-broken.csv",
            Format::Ucdp,
            &[
                "row 1: missing column `date_prec`",
                "row 3, column C (type_of_violence): unknown type of violence \"4\"; expected 1 (state-based), 2 (non-state) or 3 (one-sided)",
                "row 4, column L (date_start): \"2023/07/03\" is not a date; expected YYYY-MM-DD",
                "row 5, column I (latitude): 95 is outside [-90, 90]",
                "row 5, column N (best): \"many\" is not a whole number, 0 or more",
                "row 6, column M (date_end): 2023-09-01 is before date_start 2023-09-30",
                "row 7, column E (side_a): empty; every UCDP event names side_a",
            ],
        ),
        (
            "gdelt-broken.CSV",
            Format::Gdelt,
            &[
                "row 2, column B (Day): \"20240231\" is not a real date; expected YYYYMMDD",
                "row 3, column AC (EventRootCode): unknown CAMEO root code \"21\"; expected 01 to 20",
                "row 4, column AE (GoldsteinScale): \"high\" is not a number",
                "row 5: 58 tab-separated fields; a GDELT 2.0 event line has 61",
                "row 6, column A (GlobalEventID): \"1190000011\" is also the id of row 1",
                "row 6, column AD (QuadClass): \"7\" is not a quad class; expected 1 to 4",
                "row 6, column BF (ActionGeo_Long): 200 is outside [-180, 180]",
            ],
        ),
        (
            "timelinejs-broken.csv",
            Format::TimelineJs,
            &[
                "row 1: missing column `Day`",
                "row 2, column A (Year): \"twenty\" is not a year; expected a whole number such as 2021",
                "row 3, column B (Month): \"13\" is not a month; expected 1 to 12",
                "row 4, column N (Type): unknown type \"slide\"; expected title, era or nothing",
                "row 5, column D (End Year): the end, 2019, is before the start, Jun 2020",
                "row 6, column H (Headline): empty, and so is Text; a slide needs a headline",
                "row 7, column A (Year): 500 is outside the years Dyad reads, 1000 to 2999",
            ],
        ),
    ];
    for (name, format, want) in cases {
        let bytes = sample(name);
        assert_eq!(problems(format, &bytes), want, "{name}");
        // The same through detection, and through the format's own module.
        assert_eq!(open(&bytes).unwrap_err().lines(), want, "{name}");
        let direct = match format {
            Format::Acled => acled::import(&bytes),
            Format::Ucdp => ucdp::import(&bytes),
            Format::Gdelt => gdelt::import(&bytes),
            _ => timelinejs::import(&bytes),
        };
        let lines: Vec<String> = direct.unwrap_err().iter().map(|p| p.to_string()).collect();
        assert_eq!(lines, want, "{name}");
    }
}

/// A cell that is not UTF-8 is reported where it is, the rest of the file still checked; a
/// byte-order mark is skipped.
#[test]
fn encodings() {
    let mut bytes = sample("acled-valid.csv");
    let at = bytes
        .windows(7)
        .position(|w| w == b"Example")
        .expect("a place to break");
    bytes[at + 1] = 0xE9;
    assert_eq!(
        problems(Format::Acled, &bytes),
        ["row 2, column S (admin1): byte 0xE9 is not UTF-8 text; save the file as UTF-8 (in Excel: \"CSV UTF-8\")"]
    );
    let with_bom = [b"\xEF\xBB\xBF".as_slice(), &sample("timelinejs-valid.csv")].concat();
    assert_eq!(detect(&with_bom), Ok(Format::TimelineJs));
    assert_eq!(
        import_raw(Format::TimelineJs, &with_bom).unwrap(),
        raw("timelinejs-valid.csv", Format::TimelineJs)
    );
    // The older ACLED sample starts with one.
    assert!(sample("acled-older.csv").starts_with(b"\xEF\xBB\xBF"));
    assert_eq!(
        problems(Format::Acled, b"\xFF\xFEe\x00"),
        [
            "row 1: missing column `event_id_cnty`",
            "row 1: missing column `event_date`",
            "row 1: missing column `time_precision`",
            "row 1: missing column `event_type`",
            "row 1: missing column `actor1`"
        ]
    );
    assert_eq!(
        problems(Format::Dyad, b"{\"schema\": \xE9}"),
        ["the file is not UTF-8 text (a bad byte at offset 11); save it as UTF-8"]
    );
}

/// A file with a header and nothing under it is refused.
#[test]
fn empty_sheets() {
    let header = b"Year,Month,Day,Headline,Text\n,,,,\n";
    assert_eq!(
        problems(Format::TimelineJs, header),
        ["the file has no events: no row below the header"]
    );
}

// ---------------------------------------------------------------------------------------------
// ACLED.

/// Time precision: 1 the day, 2 the day marked partly verified with a note, 3 the month.
#[test]
fn acled_precision() {
    let r = raw("acled-valid.csv", Format::Acled);
    let cases = [
        ("XMP90001", "2024-03-02", Verification::Verified, false),
        ("XMP90002", "2024-03-09", Verification::Partial, true),
        ("XMP90003", "2024-04", Verification::Verified, false),
    ];
    for (id, date, verification, week_note) in cases {
        let e = event(&r, id);
        assert_eq!(e.date.to_string(), date, "{id}");
        assert_eq!(e.end, None, "{id}");
        assert_eq!(e.verification, verification, "{id}");
        let notes = e.notes.as_deref().unwrap_or_default();
        assert_eq!(
            notes.contains("time precision 2"),
            week_note,
            "{id}: {notes}"
        );
    }
}

/// Dates as current exports write them, and as some older ones did.
#[test]
fn acled_dates() {
    let cases = [
        ("2020-01-18", Ok("2020-01-18")),
        ("18 January 2020", Ok("2020-01-18")),
        ("18-January-2020", Ok("2020-01-18")),
        ("3 march 2019", Ok("2019-03-03")),
        ("31 February 2020", Err("row 2, column B (event_date): \"31 February 2020\" is not a date; expected YYYY-MM-DD")),
        ("2020-01", Err("row 2, column B (event_date): \"2020-01\" is not a date; expected YYYY-MM-DD")),
        ("0999-12-31", Err("row 2, column B (event_date): \"0999-12-31\" is outside the years Dyad reads, 1000 to 2999")),
        ("", Err("row 2, column B (event_date): empty; expected a date written YYYY-MM-DD")),
    ];
    for (text, want) in cases {
        let csv = format!(
            "event_id_cnty,event_date,time_precision,event_type,actor1\nE1,{text},1,Battles,A\n"
        );
        let got = match import_raw(Format::Acled, csv.as_bytes()) {
            Ok(r) => Ok(r.events[0].date.to_string()),
            Err(e) => Err(e.lines().join("\n")),
        };
        assert_eq!(
            got,
            want.map(str::to_string).map_err(str::to_string),
            "{text}"
        );
    }
}

/// Every ACLED event type, current and older, maps to its category, which comes with its
/// label, definition, colour and default tone; a dataset lists only those it uses.
#[test]
fn acled_event_types() {
    let cases = [
        ("Battles", "battle"),
        ("Explosions/Remote violence", "remote_violence"),
        ("Violence against civilians", "violence_against_civilians"),
        ("Protests", "protest"),
        ("Riots", "riot"),
        ("Strategic developments", "strategic_development"),
        ("battles", "battle"),
        ("Battle-No change of territory", "battle"),
        ("Battle-Government regains territory", "battle"),
        ("Battle-Non-state actor overtakes territory", "battle"),
        ("Remote violence", "remote_violence"),
        ("Riots/Protests", "protest"),
        ("Non-violent transfer of territory", "strategic_development"),
    ];
    let mut csv = String::from("event_id_cnty,event_date,time_precision,event_type,actor1\n");
    for (i, (t, _)) in cases.iter().enumerate() {
        csv.push_str(&format!("E{i},2024-01-01,1,{t},Group A\n"));
    }
    let r = import_raw(Format::Acled, csv.as_bytes()).unwrap();
    for (i, (t, want)) in cases.iter().enumerate() {
        assert_eq!(event(&r, &format!("E{i}")).category, *want, "{t}");
        assert_eq!(event(&r, &format!("E{i}")).tone, None, "{t}");
    }
    let got: Vec<(&str, &str, f32, &str)> = r
        .categories
        .iter()
        .map(|c| (c.id.as_str(), c.label.as_str(), c.tone, c.color.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("battle", "Battle", -8.0, "#D55E00"),
            (
                "remote_violence",
                "Explosion or remote violence",
                -8.0,
                "#332288"
            ),
            (
                "violence_against_civilians",
                "Violence against civilians",
                -9.0,
                "#882255"
            ),
            ("riot", "Riot", -5.0, "#E69F00"),
            ("protest", "Protest", -2.0, "#56B4E9"),
            (
                "strategic_development",
                "Strategic development",
                0.0,
                "#009E73"
            ),
        ]
    );
    assert!(r.categories.iter().all(|c| !c.definition.is_empty()));
    let one = import_raw(
        Format::Acled,
        b"event_id_cnty,event_date,time_precision,event_type,actor1\nE1,2024-01-01,1,Riots,A\n",
    )
    .unwrap();
    let ids: Vec<&str> = one.categories.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["riot"]);
}

/// Actors: actor1, its associates, actor2, its associates, in that order, each once; armed
/// groups from `inter1`/`inter2` as text or numbers; states' forces and governments
/// affiliated to the state, known by ISO name, by alias or by the file's own country names.
#[test]
fn acled_actors() {
    let r = raw("acled-valid.csv", Format::Acled);
    let actors = |id: &str| event(&r, id).actors.clone();
    assert_eq!(
        actors("XMP90001"),
        ["military-forces-of-mali-2021", "northern-dune-front"]
    );
    assert_eq!(
        actors("XMP90002"),
        [
            "red-valley-militia",
            "civilians-mali",
            "example-farmers-union"
        ]
    );
    assert_eq!(
        actors("XMP90004"),
        [
            "protesters-mali",
            "example-teachers-union",
            "sample-students-association"
        ]
    );
    let kinds: Vec<(&str, ActorKind, Option<&str>)> = r
        .actors
        .iter()
        .map(|a| (a.id.as_str(), a.kind, a.affiliation.as_deref()))
        .collect();
    use ActorKind::{ArmedGroup, Other, State};
    assert_eq!(
        kinds,
        [
            ("military-forces-of-mali-2021", Other, Some("MLI")),
            ("MLI", State, None),
            ("northern-dune-front", ArmedGroup, None),
            ("red-valley-militia", ArmedGroup, None),
            ("civilians-mali", Other, None),
            ("example-farmers-union", Other, None),
            ("military-forces-of-niger-2023", Other, Some("NER")),
            ("NER", State, None),
            ("protesters-mali", Other, None),
            ("example-teachers-union", Other, None),
            ("sample-students-association", Other, None),
            ("rioters-mali", Other, None),
            ("government-of-burkina-faso-2022", Other, Some("BFA")),
            ("BFA", State, None),
            ("military-forces-of-russia-2000", Other, Some("RUS")),
            ("RUS", State, None),
        ]
    );
    assert_eq!(r.actors[1].name, "Mali");
    // Numeric inter codes (older exports): 2 is a rebel group.
    let older = raw("acled-older.csv", Format::Acled);
    assert_eq!(older.actors[0].id, "northern-dune-front");
    assert_eq!(older.actors[0].kind, ArmedGroup);
    // A country named only by the file (beside its numeric ISO code) is found too.
    let csv = "event_id_cnty,event_date,time_precision,event_type,actor1,actor2,country,iso\n\
               E1,2024-01-01,1,Battles,Group A,,Türkiye,792\n\
               E2,2024-01-02,1,Battles,Military Forces of Türkiye (2016-),Group A,Türkiye,792\n\
               E3,2024-01-03,1,Battles,Military Forces of Atlantis,Group A,,\n";
    let r = import_raw(Format::Acled, csv.as_bytes()).unwrap();
    let affiliations: Vec<(&str, Option<&str>)> = r
        .actors
        .iter()
        .map(|a| (a.id.as_str(), a.affiliation.as_deref()))
        .collect();
    assert_eq!(
        affiliations,
        [
            ("group-a", None),
            ("military-forces-of-turkiye-2016", Some("TUR")),
            ("TUR", None),
            ("military-forces-of-atlantis", None),
        ]
    );
}

/// Sources are kept as text, one per `;`-separated name; a link becomes a link; an event
/// without a source names ACLED. Places keep their name, ISO alpha-3 country and coordinates;
/// fatalities go to the notes, the event and sub-event types to the tags.
#[test]
fn acled_sources_places_and_notes() {
    let r = raw("acled-valid.csv", Format::Acled);
    let sources = |id: &str| -> Vec<(String, Option<String>, SourceType)> {
        event(&r, id)
            .sources
            .iter()
            .map(|s| {
                let (p, u, k) = src(s);
                (p.to_string(), u.map(str::to_string), k)
            })
            .collect()
    };
    assert_eq!(
        sources("XMP90001"),
        [
            ("Example Wire".into(), None, SourceType::Other),
            ("Sample Radio".into(), None, SourceType::Other)
        ]
    );
    assert_eq!(
        sources("XMP90005"),
        [(
            "example.org".into(),
            Some("https://example.org/news/sample-market".into()),
            SourceType::Other
        )]
    );
    assert_eq!(
        sources("XMP90004"),
        [("ACLED".into(), None, SourceType::Research)]
    );
    let e = event(&r, "XMP90001");
    let loc = e.location.as_ref().unwrap();
    assert_eq!(
        (
            loc.place.as_deref(),
            loc.country.as_deref(),
            loc.lat,
            loc.lon
        ),
        (
            Some("Example Village"),
            Some("MLI"),
            Some(14.521),
            Some(-3.12)
        )
    );
    assert_eq!(
        e.title,
        "Armed clash: Military Forces of Mali (2021-) and Northern Dune Front in Example Village"
    );
    assert!(e.summary.starts_with("Invented for Dyad's tests"));
    assert_eq!(
        e.notes.as_deref(),
        Some("Fatalities: 4 (ACLED's most conservative estimate; 0 when unknown).")
    );
    assert_eq!(e.tags, ["Battles", "Armed clash"]);
    assert_eq!(
        event(&r, "XMP90004").summary,
        "Invented: teachers and students marched in Example City, chanting \"schools first\", without incident."
    );
    assert_eq!(r.dataset.updated.to_string(), "2024-06-10");
    assert_eq!(
        r.dataset.description,
        "6 events imported from an ACLED CSV export, from 2 Mar 2024 to 10 Jun 2024."
    );
}

/// The inter codes that make an armed group, as text or numbers; anything else is `other`.
#[test]
fn acled_inter_codes() {
    let cases = [
        ("Rebel group", ActorKind::ArmedGroup),
        ("political militia", ActorKind::ArmedGroup),
        ("Identity militia", ActorKind::ArmedGroup),
        ("2", ActorKind::ArmedGroup),
        ("3", ActorKind::ArmedGroup),
        ("4", ActorKind::ArmedGroup),
        ("State forces", ActorKind::Other),
        ("1", ActorKind::Other),
        ("Protesters", ActorKind::Other),
        ("8", ActorKind::Other),
        ("", ActorKind::Other),
    ];
    for (inter, want) in cases {
        let csv = format!(
            "event_id_cnty,event_date,time_precision,event_type,actor1,inter1\nE1,2024-01-01,1,Battles,Group A,{inter}\n"
        );
        let r = import_raw(Format::Acled, csv.as_bytes()).unwrap();
        assert_eq!(r.actors[0].kind, want, "{inter:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// UCDP.

/// Types of violence, dates at each precision, sides as actors, citations kept as text.
#[test]
fn ucdp_mappings() {
    let r = raw("ucdp-valid.csv", Format::Ucdp);
    // (id, category, date, end, verification)
    let cases = [
        (
            "900001",
            "state_based_conflict",
            "2023-07-01",
            None,
            Verification::Verified,
        ),
        (
            "900002",
            "non_state_conflict",
            "2023-08-03",
            Some("2023-08-06"),
            Verification::Partial,
        ),
        (
            "900003",
            "violence_against_civilians",
            "2023-09",
            None,
            Verification::Partial,
        ),
        (
            "900004",
            "state_based_conflict",
            "2023",
            None,
            Verification::Partial,
        ),
        (
            "900005",
            "state_based_conflict",
            "2023-10-10",
            Some("2023-10-12"),
            Verification::Verified,
        ),
    ];
    for (id, category, date, end, verification) in cases {
        let e = event(&r, id);
        assert_eq!(e.category, category, "{id}");
        assert_eq!(e.date.to_string(), date, "{id}");
        assert_eq!(e.end.map(|d| d.to_string()).as_deref(), end, "{id}");
        assert_eq!(e.verification, verification, "{id}");
        assert_eq!(e.tone, None, "{id}");
    }
    assert_eq!(
        event(&r, "900003").notes.as_deref(),
        Some("UCDP date precision 4: the event happened between 2023-09-01 and 2023-09-30.")
    );
    let kinds: Vec<(&str, ActorKind, Option<&str>)> = r
        .actors
        .iter()
        .map(|a| (a.id.as_str(), a.kind, a.affiliation.as_deref()))
        .collect();
    use ActorKind::{ArmedGroup, Other, State};
    assert_eq!(
        kinds,
        [
            ("government-of-mali", Other, Some("MLI")),
            ("MLI", State, None),
            ("northern-dune-front", ArmedGroup, None),
            ("red-valley-militia", ArmedGroup, None),
            ("civilians", Other, None),
            ("government-of-niger", Other, Some("NER")),
            ("NER", State, None),
            ("sample-liberation-army", ArmedGroup, None),
        ]
    );
    let sources: Vec<_> = event(&r, "900002").sources.iter().map(src).collect();
    assert_eq!(
        sources,
        [
            (
                "example.org",
                Some("https://example.org/reports/dune-valley"),
                SourceType::Other
            ),
            (
                "Sample Radio,2023-08-07,\"Invented fighting between two groups\"",
                None,
                SourceType::Other
            ),
        ]
    );
    let fallback: Vec<_> = event(&r, "900004").sources.iter().map(src).collect();
    assert_eq!(fallback, [("UCDP GED", None, SourceType::Research)]);
    let e = event(&r, "900003");
    let loc = e.location.as_ref().unwrap();
    assert_eq!(
        (
            loc.place.as_deref(),
            loc.country.as_deref(),
            loc.lat,
            loc.lon
        ),
        (Some("Test Hamlet"), Some("BFA"), Some(12.37), Some(-1.53))
    );
    assert_eq!(
        event(&r, "900001").summary,
        "Conflict: Mali: Government. Deaths: 5, UCDP's best estimate (low 4, high 7)."
    );
    let cats: Vec<(&str, &str)> = r
        .categories
        .iter()
        .map(|c| (c.id.as_str(), c.color.as_str()))
        .collect();
    assert_eq!(
        cats,
        [
            ("state_based_conflict", "#D55E00"),
            ("non_state_conflict", "#E69F00"),
            ("violence_against_civilians", "#882255"),
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// GDELT.

/// A GDELT line with the given fields set (by position), the rest empty.
fn gdelt_line(fields: &[(usize, &str)]) -> String {
    let mut f = vec![""; gdelt::FIELDS];
    for &(i, v) in fields {
        f[i] = v;
    }
    f.join("\t")
}

/// Every CAMEO root code maps to its category; the Goldstein scale is the tone.
#[test]
fn gdelt_root_codes_and_tone() {
    let cases = [
        ("01", "statement"),
        ("02", "statement"),
        ("03", "diplomatic_cooperation"),
        ("04", "diplomatic_cooperation"),
        ("05", "diplomatic_cooperation"),
        ("06", "material_cooperation"),
        ("07", "aid"),
        ("08", "yield"),
        ("09", "investigation"),
        ("10", "demand_and_criticism"),
        ("11", "demand_and_criticism"),
        ("12", "demand_and_criticism"),
        ("13", "threat"),
        ("14", "protest"),
        ("15", "force_posture"),
        ("16", "reduced_relations"),
        ("17", "coercion"),
        ("18", "assault"),
        ("19", "battle"),
        ("20", "mass_violence"),
        ("4", "diplomatic_cooperation"),
    ];
    let mut text = String::new();
    for (i, (code, _)) in cases.iter().enumerate() {
        let id = format!("{}", 100 + i);
        let tone = format!("{:.1}", i as f64 - 10.0);
        text.push_str(&gdelt_line(&[
            (0, &id),
            (1, "20240101"),
            (5, "MLI"),
            (28, code),
            (30, &tone),
        ]));
        text.push('\n');
    }
    let r = import_raw(Format::Gdelt, text.as_bytes()).unwrap();
    for (i, (code, want)) in cases.iter().enumerate() {
        let e = event(&r, &format!("{}", 100 + i));
        assert_eq!(e.category, *want, "{code}");
        assert_eq!(e.tone, Some(i as f32 - 10.0), "{code}");
    }
    // Within the format, no two categories share a colour.
    let mut colours: Vec<&str> = r.categories.iter().map(|c| c.color.as_str()).collect();
    assert_eq!(r.categories.len(), 15);
    colours.sort_unstable();
    colours.dedup();
    assert_eq!(colours.len(), 15);
    // Without a Goldstein value, the category's tone holds.
    let r = import_raw(
        Format::Gdelt,
        gdelt_line(&[(0, "1"), (1, "20240101"), (5, "MLI"), (28, "19")]).as_bytes(),
    )
    .unwrap();
    assert_eq!(r.events[0].tone, None);
}

/// Actors: a bare country code is the state; a code starting with one is a body of it; IGOs,
/// rebels and businesses get their kinds; a line without actors names "unnamed". Sources are
/// the line's URL, text when it is not one, GDELT itself when empty. QuadClass is a tag.
#[test]
fn gdelt_actors_and_sources() {
    let r = raw("gdelt-valid.CSV", Format::Gdelt);
    let kinds: Vec<(&str, &str, ActorKind, Option<&str>)> = r
        .actors
        .iter()
        .map(|a| {
            (
                a.id.as_str(),
                a.name.as_str(),
                a.kind,
                a.affiliation.as_deref(),
            )
        })
        .collect();
    use ActorKind::{ArmedGroup, InternationalOrganisation, Other, State};
    assert_eq!(
        kinds,
        [
            ("MLI", "Mali", State, None),
            ("mlireb", "REBEL", ArmedGroup, Some("MLI")),
            ("RUS", "Russian Federation", State, None),
            ("mligov", "MALI", Other, Some("MLI")),
            ("igouno", "UNITED NATIONS", InternationalOrganisation, None),
            ("unnamed", "Actor not named in the file", Other, None),
            ("framil", "FRENCH", Other, Some("FRA")),
            ("FRA", "France", State, None),
        ]
    );
    let e = event(&r, "1190000001");
    assert_eq!(e.actors, ["MLI", "mlireb"]);
    assert_eq!(e.title, "Fight: MALI → REBEL");
    assert_eq!(e.tone, Some(-10.0));
    assert_eq!(e.tags, ["CAMEO 190", "Material conflict"]);
    assert_eq!(e.verification, Verification::Unverified);
    assert_eq!(
        e.summary,
        "CAMEO event code 190 (Fight); material conflict; Goldstein scale -10; 10 articles from 3 sources; average tone -5.2."
    );
    let loc = e.location.as_ref().unwrap();
    assert_eq!(
        (
            loc.place.as_deref(),
            loc.country.as_deref(),
            loc.lat,
            loc.lon
        ),
        (
            Some("Example Village, Mali"),
            None,
            Some(14.52),
            Some(-3.12)
        )
    );
    let sources = |id: &str| -> Vec<(String, Option<String>, SourceType)> {
        event(&r, id)
            .sources
            .iter()
            .map(|s| (s.publisher.clone(), s.url.clone(), s.kind))
            .collect()
    };
    assert_eq!(
        sources("1190000001"),
        [(
            "example.org".into(),
            Some("https://example.org/news/gdelt-sample-1".into()),
            SourceType::Media
        )]
    );
    assert_eq!(
        sources("1190000003"),
        [("Example Monitoring Service".into(), None, SourceType::Media)]
    );
    assert_eq!(
        sources("1190000004"),
        [("GDELT".into(), None, SourceType::Research)]
    );
    assert_eq!(event(&r, "1190000004").actors, ["unnamed"]);
    let biz = import_raw(
        Format::Gdelt,
        gdelt_line(&[
            (0, "1"),
            (1, "20240101"),
            (5, "MLIBUS"),
            (6, "MINING FIRM"),
            (7, "MLI"),
            (12, "BUS"),
            (28, "06"),
        ])
        .as_bytes(),
    )
    .unwrap();
    assert_eq!(biz.actors[0].kind, ActorKind::Company);
}

// ---------------------------------------------------------------------------------------------
// TimelineJS.

/// Partial dates at the precision filled in, end dates, groups as categories coloured in
/// order, eras, the title slide as the dataset's title, HTML as plain text, ids from date and
/// headline, media as sources.
#[test]
fn timelinejs_mappings() {
    let r = raw("timelinejs-valid.csv", Format::TimelineJs);
    assert_eq!(r.dataset.title, "An invented timeline");
    assert!(r.dataset.description.starts_with(
        "Slides made up for Dyad's import tests; none of these events happened. 5 events"
    ));
    // (id, date, end, category, title, summary)
    let cases = [
        (
            "2021-a-year-long-invented-programme",
            "2021",
            None,
            "politics",
            "A year-long invented programme",
            "Known only to the year.",
        ),
        (
            "2022-03-invented-talks",
            "2022-03",
            None,
            "diplomacy",
            "Invented talks",
            "Talks & more talks in March.",
        ),
        (
            "2022-05-24-invented-summit",
            "2022-05-24",
            Some("2022-05-26"),
            "diplomacy",
            "Invented summit",
            "A three-day summit. Its text runs over two lines in the cell.",
        ),
        (
            "2020-01-01-an-invented-era",
            "2020-01-01",
            Some("2022-12-31"),
            "era",
            "An invented era",
            "",
        ),
        (
            "2023-02-14-only-text-here-which-becomes-the-title-when-the-slide",
            "2023-02-14",
            None,
            "no_group",
            "Only text here, which becomes the title when the slide has no headline",
            "Only text here, which becomes the title when the slide has no headline",
        ),
    ];
    for (id, date, end, category, title, summary) in cases {
        let e = event(&r, id);
        assert_eq!(e.date.to_string(), date, "{id}");
        assert_eq!(e.end.map(|d| d.to_string()).as_deref(), end, "{id}");
        assert_eq!(e.category, category, "{id}");
        assert_eq!(e.title, title, "{id}");
        assert_eq!(e.summary, summary, "{id}");
        assert_eq!(e.actors, ["unspecified"], "{id}");
        assert_eq!(e.verification, Verification::Unverified, "{id}");
    }
    let cats: Vec<(&str, &str, &str)> = r
        .categories
        .iter()
        .map(|c| (c.id.as_str(), c.label.as_str(), c.color.as_str()))
        .collect();
    assert_eq!(
        cats,
        [
            ("era", "Era", "#BBBBBB"),
            ("politics", "Politics", PALETTE[0]),
            ("diplomacy", "Diplomacy", PALETTE[1]),
            ("no_group", "No group", PALETTE[2]),
        ]
    );
    let sources = |id: &str| -> Vec<(String, Option<String>, Option<String>)> {
        event(&r, id)
            .sources
            .iter()
            .map(|s| (s.publisher.clone(), s.url.clone(), s.note.clone()))
            .collect()
    };
    assert_eq!(
        sources("2022-03-invented-talks"),
        [(
            "Example Photo Agency".into(),
            Some("https://example.org/photos/talks.jpg".into()),
            Some("An invented caption".into())
        )]
    );
    assert_eq!(
        sources("2022-05-24-invented-summit"),
        [(
            "example.org".into(),
            Some("https://example.org/news/summit".into()),
            None
        )]
    );
    assert_eq!(
        sources("2023-02-14-only-text-here-which-becomes-the-title-when-the-slide"),
        [("Sample Newsletter".into(), None, None)]
    );
    assert_eq!(
        sources("2021-a-year-long-invented-programme"),
        [(
            "TimelineJS sheet".into(),
            None,
            Some("The sheet names no source for this slide.".into())
        )]
    );
    assert_eq!(
        event(&r, "2022-05-24-invented-summit").notes.as_deref(),
        Some("Shown in the sheet as \"Late May 2022\". Time in the sheet: 10:30.")
    );
}

/// Dates at each precision, and the problems of partial dates.
#[test]
fn timelinejs_dates() {
    let header = "Year,Month,Day,End Year,End Month,End Day,Headline,Text\n";
    let ok = [
        ("2021,,,,,", "2021", None),
        ("2021,5,,,,", "2021-05", None),
        ("2021,05,09,,,", "2021-05-09", None),
        ("2021,5,9,2022,,", "2021-05-09", Some("2022")),
        ("2021,5,9,2021,5,", "2021-05-09", Some("2021-05")),
        ("2021,,,2021,,", "2021", Some("2021")),
    ];
    for (cells, date, end) in ok {
        let csv = format!("{header}{cells},H,T\n");
        let r = import_raw(Format::TimelineJs, csv.as_bytes()).unwrap();
        assert_eq!(r.events[0].date.to_string(), date, "{cells}");
        assert_eq!(
            r.events[0].end.map(|d| d.to_string()).as_deref(),
            end,
            "{cells}"
        );
    }
    let bad = [
        (
            "2021,,9,,,",
            "row 2, column C (Day): \"9\" is a day without a month",
        ),
        (
            "2021,2,30,,,",
            "row 2, column C (Day): \"30\" is not a day of Feb 2021",
        ),
        (
            ",5,,,,",
            "row 2, column A (Year): empty, but a month or day is given",
        ),
        (
            ",,,,,",
            "row 2, column A (Year): empty; every slide but the title needs a year",
        ),
        (
            "2021,5,,,3,",
            "row 2, column D (End Year): empty, but a month or day is given",
        ),
        (
            "3000,,,,,",
            "row 2, column A (Year): 3000 is outside the years Dyad reads, 1000 to 2999",
        ),
        (
            "-44,,,,,",
            "row 2, column A (Year): -44 is outside the years Dyad reads, 1000 to 2999",
        ),
    ];
    for (cells, want) in bad {
        let csv = format!("{header}{cells},H,T\n");
        assert_eq!(
            problems(Format::TimelineJs, csv.as_bytes()),
            [want],
            "{cells}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Round trips and robustness.

/// Each valid sample, imported, written as Dyad JSON and read back by the validator, gives
/// the same dataset; the format modules' own `import` gives the same file form.
#[test]
fn round_trips() {
    for (name, format) in SAMPLES {
        if name.contains("broken") {
            continue;
        }
        let bytes = sample(name);
        let ds = import(format, &bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        let json = serde_json::to_string(&ds.to_raw()).unwrap();
        let back =
            crate::validate::parse_dataset(&json).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert_eq!(back, ds, "{name}");
        let pretty = serde_json::to_string_pretty(&ds.to_raw()).unwrap();
        assert_eq!(detect(pretty.as_bytes()), Ok(Format::Dyad), "{name}");
        assert_eq!(open(pretty.as_bytes()).unwrap().1, ds, "{name}");
        let direct = match format {
            Format::Acled => acled::import(&bytes),
            Format::Ucdp => ucdp::import(&bytes),
            Format::Gdelt => gdelt::import(&bytes),
            _ => timelinejs::import(&bytes),
        };
        assert_eq!(direct.unwrap(), ds.to_raw(), "{name}");
    }
}

/// Importing twice gives the same ids: they come from the file alone.
#[test]
fn stable_ids() {
    for (name, format) in SAMPLES {
        if !name.contains("broken") {
            assert_eq!(raw(name, format), raw(name, format), "{name}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// No bytes make detection or an importer panic, and every refusal says why.
    #[test]
    fn never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = detect(&bytes);
        for format in Format::ALL {
            if let Err(e) = import(format, &bytes) {
                prop_assert!(e.count() > 0);
            }
        }
    }

    /// Samples with a few bytes changed or cut never make an importer panic, and what is
    /// accepted is valid Dyad JSON.
    #[test]
    fn mutated_samples(k in 0usize..9, edits in prop::collection::vec((any::<usize>(), any::<u8>()), 1..6), cut in any::<usize>()) {
        let (name, format) = SAMPLES[k];
        let mut bytes = sample(name);
        for (at, b) in edits {
            let n = bytes.len();
            bytes[at % n] = b;
        }
        let n = bytes.len();
        bytes.truncate(n - cut % (n / 4).max(1));
        match import(format, &bytes) {
            Ok(ds) => {
                let json = serde_json::to_string(&ds.to_raw()).unwrap();
                prop_assert!(crate::validate::parse_dataset(&json).is_ok());
            }
            Err(e) => prop_assert!(e.count() > 0),
        }
    }
}

/// Each format's location precision code becomes the location's precision, through a whole
/// import of the samples and for every code alone.
#[test]
fn location_precision_codes() {
    use crate::model::LocationPrecision::{Country, District, Place};
    let precision = |r: &RawDataset, id: &str| event(r, id).location.as_ref().map(|l| l.precision);
    let acled = raw("acled-valid.csv", Format::Acled);
    assert_eq!(precision(&acled, "XMP90001"), Some(Place));
    assert_eq!(precision(&acled, "XMP90002"), Some(District));
    let ucdp = raw("ucdp-valid.csv", Format::Ucdp);
    assert_eq!(precision(&ucdp, "900002"), Some(Place));
    assert_eq!(precision(&ucdp, "900003"), Some(District));
    assert_eq!(precision(&ucdp, "900004"), Some(District));
    let gdelt = raw("gdelt-valid.CSV", Format::Gdelt);
    assert_eq!(precision(&gdelt, "1190000001"), Some(Place));
    assert_eq!(precision(&gdelt, "1190000002"), Some(District));

    type Code = fn(&str) -> crate::model::LocationPrecision;
    let cases: [(Code, &str, _); 17] = [
        (acled::precision_of_geo, "1", Place),
        (acled::precision_of_geo, "2", District),
        (acled::precision_of_geo, "3", District),
        (acled::precision_of_geo, "", Place),
        (acled::precision_of_geo, "9", Place),
        (ucdp::precision_of_where, "1", Place),
        (ucdp::precision_of_where, "2", Place),
        (ucdp::precision_of_where, "3", District),
        (ucdp::precision_of_where, "4", District),
        (ucdp::precision_of_where, "5", District),
        (ucdp::precision_of_where, " 6 ", Country),
        (ucdp::precision_of_where, "7", Country),
        (ucdp::precision_of_where, "x", Place),
        (gdelt::precision_of_geo_type, "1", District),
        (gdelt::precision_of_geo_type, "4", Place),
        (gdelt::precision_of_geo_type, "5", District),
        (gdelt::precision_of_geo_type, "3", Place),
    ];
    for (f, code, want) in cases {
        assert_eq!(f(code), want, "code {code:?}");
    }
}

/// Import in two steps (rows read, then validated) gives what the one step gives, and a file
/// with bad rows is refused at the first step.
#[test]
fn two_steps() {
    for (name, format) in [
        ("acled-valid.csv", Format::Acled),
        ("ucdp-valid.csv", Format::Ucdp),
        ("gdelt-valid.CSV", Format::Gdelt),
        ("timelinejs-valid.csv", Format::TimelineJs),
    ] {
        let bytes = sample(name);
        let rows = read_rows(format, &bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        let whole = import(format, &bytes).unwrap();
        assert_eq!(rows.events(), whole.events.len(), "{name}");
        assert_eq!(rows.finish().unwrap(), whole, "{name}");
    }
    let curated = include_bytes!("../../../../public/data/sahel.json");
    let rows = read_rows(Format::Dyad, curated).unwrap();
    assert_eq!(
        rows.events(),
        import(Format::Dyad, curated).unwrap().events.len()
    );
    let broken = sample("acled-broken.csv");
    let err = read_rows(Format::Acled, &broken).err().expect("refused");
    assert_eq!(err, import(Format::Acled, &broken).unwrap_err());
}
