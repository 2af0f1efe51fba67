//! Export: the events a view shows, as CSV, for spreadsheets and the tools ACLED and UCDP users
//! already work in, and as Dyad JSON, which loads back into Dyad; and a view's citation (a
//! reference in the APA manner and a BibTeX entry).
//!
//! One row per event, in the order given (the filter's date order), under a header of
//! [`CSV_COLUMNS`], written by the `csv` crate as RFC 4180 asks: fields separated by commas,
//! rows ending with CRLF, a field holding a comma, a quote or a line break quoted with its
//! quotes doubled.
//! Lists (actors, sources, tags) are joined with `"; "` inside one field. Dates are written as
//! the file writes them, so their precision shows: `2022-03` is "some day in March 2022".
//!
//! A text field that begins with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading
//! `'`: spreadsheet programs run such a field as a formula (CSV injection), and a dataset opened
//! with `?data=` may come from anyone. Numbers (tone, latitude, longitude) are never prefixed.

use std::borrow::Cow;

use crate::model::{Dataset, RawDataset, SCHEMA_VERSION};

/// The header row, in column order.
pub const CSV_COLUMNS: [&str; 19] = [
    "id",
    "date",
    "end",
    "title",
    "category",
    "actors",
    "actor_names",
    "tone",
    "milestone",
    "verification",
    "place",
    "country",
    "lat",
    "lon",
    "source_urls",
    "publishers",
    "tags",
    "notes",
    "summary",
];

/// The events at `events` (positions in `ds.events`; positions past the end are skipped) as
/// CSV text with a header row: [`csv_header`] then [`csv_rows`].
pub fn events_csv(ds: &Dataset, events: &[usize]) -> String {
    let mut out = csv_header();
    out.push_str(&csv_rows(ds, events));
    out
}

/// The header row, CRLF included.
pub fn csv_header() -> String {
    write(|w| w.write_record(CSV_COLUMNS))
}

/// The rows of the events at `events`, without the header: a file can be written a part at a
/// time (100k events are ~48 MB of CSV, which need not be in memory at once).
pub fn csv_rows(ds: &Dataset, events: &[usize]) -> String {
    write(|w| {
        for e in events.iter().filter_map(|&i| ds.events.get(i)) {
            let actor = |f: fn(&crate::model::Actor) -> &str| {
                e.actors
                    .iter()
                    .filter_map(|&a| ds.actor(a).map(f))
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            let location = e.location.as_ref();
            let coordinate = |c: Option<f64>| c.map(|x| trimmed(x, 6)).unwrap_or_default();
            let text = |s: &str| defused(s).into_owned();
            w.write_record([
                text(&e.id),
                e.date.to_string(),
                e.end.map(|d| d.to_string()).unwrap_or_default(),
                text(&e.title),
                text(ds.category(e.category).map_or("", |c| c.id.as_str())),
                text(&actor(|a| a.id.as_str())),
                text(&actor(|a| a.name.as_str())),
                trimmed(f64::from(e.tone), 2),
                e.milestone.to_string(),
                e.verification.as_str().to_string(),
                text(location.and_then(|l| l.place.as_deref()).unwrap_or("")),
                text(location.and_then(|l| l.country.as_deref()).unwrap_or("")),
                coordinate(location.and_then(|l| l.lat)),
                coordinate(location.and_then(|l| l.lon)),
                // A source without a link keeps its place, so links and publishers line up.
                text(&join(
                    e.sources.iter().map(|s| s.url.as_deref().unwrap_or("")),
                )),
                text(&join(e.sources.iter().map(|s| s.publisher.as_str()))),
                text(&join(e.tags.iter().map(String::as_str))),
                text(e.notes.as_deref().unwrap_or("")),
                text(&e.summary),
            ])?;
        }
        Ok(())
    })
}

/// The events at `events` (positions in `ds.events`; positions past the end are skipped) as a
/// Dyad JSON file: the dataset's metadata, every actor and category (an event's actors may name
/// others as their affiliation or predecessor), and those events in the order given.
pub fn dyad_json(ds: &Dataset, events: &[usize]) -> String {
    let mut out = json_head(ds);
    out.push_str(&json_events(ds, events, true));
    out.push_str(JSON_TAIL);
    out
}

/// The start of [`dyad_json`]'s text, up to the opening of the events' list: a file can be
/// written a part at a time, as CSV is ([`json_events`], then [`JSON_TAIL`]).
pub fn json_head(ds: &Dataset) -> String {
    let raw = RawDataset {
        schema: SCHEMA_VERSION,
        dataset: ds.meta.clone(),
        actors: ds.to_raw().actors,
        categories: ds.categories.clone(),
        events: Vec::new(),
    };
    // `events` is the last field, written as `[]}`: the list is opened and left open.
    // Serialising plain data into memory cannot fail; should it, the text is empty.
    let text = serde_json::to_string(&raw).unwrap_or_default();
    let mut head = text.strip_suffix("]}").unwrap_or(&text).to_string();
    if !head.ends_with('[') {
        head.clear();
    }
    head
}

/// The events at `events` as items of the events' list, separated by commas; `first` says
/// whether they open the list (otherwise a comma comes before them).
pub fn json_events(ds: &Dataset, events: &[usize], first: bool) -> String {
    let mut out = String::new();
    for (k, e) in events.iter().filter_map(|&i| ds.events.get(i)).enumerate() {
        if k > 0 || !first {
            out.push(',');
        }
        out.push_str(&serde_json::to_string(&ds.raw_event(e)).unwrap_or_default());
    }
    out
}

/// The end of [`dyad_json`]'s text.
pub const JSON_TAIL: &str = "]}";

/// A view cited as a dataset, in the manner of APA: title, version, publisher line (the dataset's
/// id), the day it was read, and the link that reproduces the view. `accessed` is `YYYY-MM-DD`.
pub fn citation(ds: &Dataset, link: &str, accessed: &str) -> String {
    let m = &ds.meta;
    format!(
        "{} (Version {}) [Data set, updated {}]. Retrieved {accessed}, from {link}",
        m.title, m.version, m.updated,
    )
}

/// The same citation as a BibTeX `@misc` entry, its key made of the dataset's id and version.
pub fn bibtex(ds: &Dataset, link: &str, accessed: &str) -> String {
    let m = &ds.meta;
    let key: String = format!("{}-{}", m.id, m.version)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    // BibTeX reads braces and a few other characters as commands; they are escaped.
    let esc = |s: &str| -> String {
        s.chars()
            .flat_map(|c| match c {
                '{' | '}' | '%' | '&' | '$' | '#' | '_' => vec!['\\', c],
                c => vec![c],
            })
            .collect()
    };
    let year = m.updated.to_string().chars().take(4).collect::<String>();
    format!(
        "@misc{{{key},\n  title = {{{{{}}}}},\n  version = {{{}}},\n  year = {{{year}}},\n  note = {{Data set, updated {}; accessed {accessed}}},\n  howpublished = {{\\url{{{link}}}}},\n  url = {{{link}}},\n  urldate = {{{accessed}}}\n}}",
        esc(&m.title),
        esc(&m.version),
        m.updated,
    )
}

/// CSV text written by `f` (RFC 4180, CRLF rows). Writing into memory cannot fail; should it,
/// the text is empty rather than a panic.
fn write(f: impl FnOnce(&mut csv::Writer<Vec<u8>>) -> csv::Result<()>) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    if f(&mut w).is_err() {
        return String::new();
    }
    w.into_inner()
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .unwrap_or_default()
}

/// Items joined with `"; "`.
fn join<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items.collect::<Vec<_>>().join("; ")
}

/// A text field kept from being read as a formula: `'` before a leading `=`, `+`, `-`, `@`,
/// tab or carriage return.
fn defused(s: &str) -> Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// `x` to at most `decimals` decimals, without trailing zeros: `-8`, `14.25`.
fn trimmed(x: f64, decimals: usize) -> String {
    let s = format!("{x:.decimals$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One text field written alone, as it appears in its row.
    fn field(s: &str) -> String {
        write(|w| w.write_record([defused(s).as_ref()]))
            .trim_end_matches("\r\n")
            .to_string()
    }

    /// Text fields are quoted only when they must be, with quotes doubled; a field that a
    /// spreadsheet would run as a formula is prefixed with `'`.
    #[test]
    fn text_fields() {
        let cases = [
            ("plain", "plain"),
            ("Bamako, Mali", "\"Bamako, Mali\""),
            ("the \"Africa Corps\"", "\"the \"\"Africa Corps\"\"\""),
            ("two\nlines", "\"two\nlines\""),
            ("cr\rhere", "\"cr\rhere\""),
            ("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""),
            ("+1", "'+1"),
            ("-5 dead", "'-5 dead"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("a=b", "a=b"),
            ("Goïta", "Goïta"),
        ];
        for (input, want) in cases {
            assert_eq!(field(input), want, "{input:?}");
        }
    }

    /// The header, then one row per event in the order given, every row with as many fields as
    /// the header; numbers are not prefixed even when negative.
    #[test]
    fn rows() {
        let ds = crate::validate::validate(crate::synth::synth(40, 5)).unwrap();
        let picked = [3, 0, 7, 9999];
        let csv = events_csv(&ds, &picked);
        assert!(csv.ends_with("\r\n"));
        let records = parse(&csv);
        assert_eq!(records[0], CSV_COLUMNS.to_vec());
        assert_eq!(records.len(), 1 + 3, "the position past the end is skipped");
        for (record, &i) in records[1..].iter().zip(&picked) {
            let e = &ds.events[i];
            assert_eq!(record.len(), CSV_COLUMNS.len(), "{}", e.id);
            let col = |name: &str| {
                let k = CSV_COLUMNS.iter().position(|c| *c == name).unwrap();
                record[k].clone()
            };
            assert_eq!(col("id"), e.id);
            assert_eq!(col("date"), e.date.to_string());
            assert_eq!(col("title").trim_start_matches('\''), e.title);
            assert_eq!(col("category"), ds.categories[usize::from(e.category)].id);
            let ids: Vec<&str> = e
                .actors
                .iter()
                .map(|&a| ds.actors[a as usize].id.as_str())
                .collect();
            assert_eq!(col("actors"), ids.join("; "));
            let tone: f32 = col("tone").parse().unwrap();
            assert!((tone - e.tone).abs() < 0.006, "tone {tone} for {}", e.tone);
            assert_eq!(col("milestone"), e.milestone.to_string());
            assert_eq!(col("verification"), e.verification.as_str());
            assert_eq!(
                col("source_urls"),
                e.sources
                    .iter()
                    .map(|s| s.url.as_deref().unwrap_or(""))
                    .collect::<Vec<_>>()
                    .join("; ")
            );
            assert_eq!(col("summary").trim_start_matches('\''), e.summary);
        }
        assert_eq!(parse(&events_csv(&ds, &[])), vec![CSV_COLUMNS.to_vec()]);
        // Written a part at a time, the file is the same.
        let parts = csv_header() + &csv_rows(&ds, &picked[..2]) + &csv_rows(&ds, &picked[2..]);
        assert_eq!(parts, csv);
        // Every event of a bigger file: as many fields in every row, whatever the text holds.
        let all: Vec<usize> = (0..ds.events.len()).collect();
        let records = parse(&events_csv(&ds, &all));
        assert_eq!(records.len(), 1 + ds.events.len());
        assert!(records.iter().all(|r| r.len() == CSV_COLUMNS.len()));
    }

    /// A JSON export reads back through the validator as the same events, in the order given,
    /// with the dataset's metadata, actors and categories.
    #[test]
    fn json_round_trip() {
        let ds = crate::validate::validate(crate::synth::synth(60, 7)).unwrap();
        let picked = [5, 1, 30, 9999];
        let text = dyad_json(&ds, &picked);
        let back = crate::validate::parse_dataset(&text).expect("the export is valid");
        assert_eq!(back.meta, ds.meta);
        assert_eq!(back.actors.len(), ds.actors.len());
        assert_eq!(back.categories, ds.categories);
        let mut want: Vec<&str> = picked[..3]
            .iter()
            .map(|&i| ds.events[i].id.as_str())
            .collect();
        let mut got: Vec<&str> = back.events.iter().map(|e| e.id.as_str()).collect();
        want.sort_unstable();
        got.sort_unstable();
        assert_eq!(got, want);
        for e in &back.events {
            let original = ds.event_by_id(&e.id).unwrap();
            assert_eq!(back.raw_event(e), ds.raw_event(&ds.events[original]));
        }
        // Written a part at a time, the file is the same.
        let parts = json_head(&ds)
            + &json_events(&ds, &picked[..1], true)
            + &json_events(&ds, &picked[1..], false)
            + JSON_TAIL;
        assert_eq!(parts, text);
        assert!(crate::validate::parse_dataset(&dyad_json(&ds, &[])).is_ok());
        // Every event: the same dataset again.
        let all: Vec<usize> = (0..ds.events.len()).collect();
        let whole = crate::validate::parse_dataset(&dyad_json(&ds, &all)).unwrap();
        assert_eq!(whole.to_raw(), ds.to_raw());
    }

    /// A citation names the title, version, update, day of access and the link; the BibTeX
    /// entry carries the same, with BibTeX's special characters escaped.
    #[test]
    fn citations() {
        let mut ds = crate::validate::validate(crate::synth::synth(3, 1)).unwrap();
        ds.meta.title = "Sahel & Russia: 100% {curated}".into();
        ds.meta.version = "1.2.0".into();
        ds.meta.id = "sahel-ru".into();
        let link = "https://example.org/dyad/?actor=RUS";
        let text = citation(&ds, link, "2026-12-08");
        assert_eq!(
            text,
            format!(
                "Sahel & Russia: 100% {{curated}} (Version 1.2.0) [Data set, updated {}]. \
                 Retrieved 2026-12-08, from {link}",
                ds.meta.updated
            )
        );
        let bib = bibtex(&ds, link, "2026-12-08");
        assert!(bib.starts_with("@misc{sahel_ru_1_2_0,\n"), "{bib}");
        assert!(
            bib.contains(r"title = {{Sahel \& Russia: 100\% \{curated\}}},"),
            "{bib}"
        );
        assert!(bib.contains("version = {1.2.0},"), "{bib}");
        assert!(bib.contains(&format!("url = {{{link}}},")), "{bib}");
        assert!(bib.contains("urldate = {2026-12-08}"), "{bib}");
        assert!(bib.ends_with("\n}"), "{bib}");
        // Braces balance, so BibTeX reads one entry.
        let depth = bib.chars().fold(0i32, |d, c| match c {
            '{' => d + 1,
            '}' => d - 1,
            _ => d,
        });
        assert_eq!(depth, 0, "{bib}");
    }

    /// The records of a CSV text, read by the `csv` crate (the test oracle).
    fn parse(csv: &str) -> Vec<Vec<String>> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(csv.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect()
    }
}
