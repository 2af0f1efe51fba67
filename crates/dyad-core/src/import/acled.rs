//! ACLED CSV exports: one event a row under ACLED's codebook columns.
//!
//! `event_id_cnty` is the event's id; `event_date` (`2020-01-18`, or `18 January 2020` as some
//! older exports write it) and `time_precision` its date (1 the day, 2
//! a day within the week the source gives, kept at the day but marked partly verified, 3 the
//! month); `event_type` its category; `actor1`, `assoc_actor_1`, `actor2`, `assoc_actor_2` its
//! actors, in that order (`inter1`/`inter2`, as text in current exports or as numbers in older
//! ones, only tell armed groups apart); `location`, `iso`, `latitude`, `longitude` its place;
//! `source` its sources, as text; `notes` its summary; `fatalities` a line of its notes. Every
//! other column is ignored. The tables are in docs/import-formats.md.

use chrono::Datelike;

use crate::date::PartialDate;
use crate::model::{ActorKind, Location, RawDataset, RawEvent, SourceType, Verification};

use super::build::{self, About, Builder, Built};
use super::catalogue::{self, Cat};
use super::sheet::{opt, req, Sheet, Spec};
use super::Problem;

/// The header columns that identify an ACLED export.
pub const KEY_COLUMNS: &[&str] = &["event_id_cnty", "event_date", "event_type", "actor1"];

const ID: usize = 0;
const DATE: usize = 1;
const PRECISION: usize = 2;
const EVENT_TYPE: usize = 3;
const SUB_EVENT_TYPE: usize = 4;
const ACTOR1: usize = 5;
const ASSOC1: usize = 6;
const INTER1: usize = 7;
const ACTOR2: usize = 8;
const ASSOC2: usize = 9;
const INTER2: usize = 10;
const COUNTRY: usize = 11;
const ISO: usize = 12;
const LOCATION: usize = 13;
const LATITUDE: usize = 14;
const LONGITUDE: usize = 15;
const SOURCE: usize = 16;
const NOTES: usize = 17;
const FATALITIES: usize = 18;

/// The columns read, in the order of the constants above.
const SPECS: &[Spec] = &[
    req("event_id_cnty"),
    req("event_date"),
    req("time_precision"),
    req("event_type"),
    opt("sub_event_type"),
    req("actor1"),
    opt("assoc_actor_1"),
    opt("inter1"),
    opt("actor2"),
    opt("assoc_actor_2"),
    opt("inter2"),
    opt("country"),
    opt("iso"),
    opt("location"),
    opt("latitude"),
    opt("longitude"),
    opt("source"),
    opt("notes"),
    opt("fatalities"),
];

/// ACLED's event types (current, then those of exports before 2019) and their categories.
const EVENT_TYPES: [(&str, &Cat); 12] = [
    ("Battles", &catalogue::BATTLE),
    ("Explosions/Remote violence", &catalogue::REMOTE_VIOLENCE),
    (
        "Violence against civilians",
        &catalogue::VIOLENCE_AGAINST_CIVILIANS,
    ),
    ("Protests", &catalogue::PROTEST),
    ("Riots", &catalogue::RIOT),
    ("Strategic developments", &catalogue::STRATEGIC_DEVELOPMENT),
    ("Battle-No change of territory", &catalogue::BATTLE),
    ("Battle-Government regains territory", &catalogue::BATTLE),
    (
        "Battle-Non-state actor overtakes territory",
        &catalogue::BATTLE,
    ),
    ("Remote violence", &catalogue::REMOTE_VIOLENCE),
    ("Riots/Protests", &catalogue::PROTEST),
    (
        "Non-violent transfer of territory",
        &catalogue::STRATEGIC_DEVELOPMENT,
    ),
];

/// The kind of actor an `inter1`/`inter2` value gives: armed groups for rebel groups and
/// political and identity militias (2, 3, 4 in older exports), anything else `other`.
fn kind_of_inter(inter: &str) -> ActorKind {
    let armed = matches!(inter, "2" | "3" | "4")
        || ["rebel group", "political militia", "identity militia"]
            .iter()
            .any(|t| inter.eq_ignore_ascii_case(t));
    if armed {
        ActorKind::ArmedGroup
    } else {
        ActorKind::Other
    }
}

/// A date as some older exports write it, "18 January 2020" (or "18-January-2020").
fn written_out(text: &str) -> Option<PartialDate> {
    let text = text.replace('-', " ");
    let d = chrono::NaiveDate::parse_from_str(&text, "%d %B %Y").ok()?;
    let (y, m, d) = (d.year(), d.month(), d.day());
    PartialDate::day(y, m, d).ok()
}

/// Reads an ACLED export into a validated dataset (events in date order), or every problem.
pub fn import(bytes: &[u8]) -> Result<RawDataset, Vec<Problem>> {
    read(bytes).and_then(Built::validate_raw)
}

/// Reads an ACLED export into a dataset to validate.
pub(crate) fn read(bytes: &[u8]) -> Result<Built, Vec<Problem>> {
    let mut b = Builder::for_bytes(bytes);
    let mut sheet = Sheet::csv(bytes, SPECS, &mut b.problems);
    while let Some(row) = sheet.next(&mut b.problems) {
        let problems_before = b.problems.len();
        let id = row.get(ID);
        let id_ok = b.claim_event_id(&row, ID, id);

        let day = match written_out(row.get(DATE)) {
            Some(d) => Some(d),
            None => build::day(&row, DATE, &mut b.problems),
        };
        let precision = row.get(PRECISION);
        let (date, verification, note) = match (precision, day) {
            ("1", Some(d)) => (Some(d), Verification::Verified, None),
            ("2", Some(d)) => (
                Some(d),
                Verification::Partial,
                Some("ACLED time precision 2: the source gives the week; the day is ACLED's."),
            ),
            ("3", Some(d)) => (
                PartialDate::month(d.year_num(), d.month_num().unwrap_or(1)).ok(),
                Verification::Verified,
                None,
            ),
            ("1" | "2" | "3", None) => (None, Verification::Unverified, None),
            _ => {
                let message = if precision.is_empty() {
                    "empty; expected 1 (day), 2 (week) or 3 (month)".to_string()
                } else {
                    format!("{precision:?} is not a time precision; expected 1 (day), 2 (week) or 3 (month)")
                };
                b.problems.extend(row.problem(PRECISION, message));
                (None, Verification::Unverified, None)
            }
        };

        let event_type = row.get(EVENT_TYPE);
        let cat = EVENT_TYPES
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(event_type))
            .map(|(_, c)| *c);
        if cat.is_none() {
            let names: Vec<&str> = EVENT_TYPES[..6].iter().map(|(n, _)| *n).collect();
            b.problems.extend(row.problem(
                EVENT_TYPE,
                format!(
                    "unknown event type {event_type:?}; expected one of {}",
                    names.join(", ")
                ),
            ));
        }

        let actor1 = row.get(ACTOR1);
        if actor1.is_empty() {
            b.problems
                .extend(row.problem(ACTOR1, "empty; every ACLED event names actor1".into()));
        }
        let latitude = build::coordinate(&row, LATITUDE, 90.0, &mut b.problems);
        let longitude = build::coordinate(&row, LONGITUDE, 180.0, &mut b.problems);
        let fatalities = build::count(&row, FATALITIES, &mut b.problems);
        let iso = row.get(ISO);
        let country = match iso.parse::<u32>() {
            Ok(n) => catalogue::alpha3_of_numeric(n),
            Err(_) if iso.is_empty() => None,
            Err(_) => {
                b.problems.extend(row.problem(
                    ISO,
                    format!("{iso:?} is not a number; expected ACLED's numeric ISO 3166 code"),
                ));
                None
            }
        };
        let country_name = row.get(COUNTRY);
        if let (Some(code), false) = (country, country_name.is_empty()) {
            b.learn_country(country_name, code);
        }
        // A row with a problem adds nothing: the import is refused anyway, and its actors and
        // categories would only be noise.
        let (Some(date), Some(cat), true) = (date, cat, id_ok) else {
            continue;
        };
        if b.problems.len() > problems_before {
            continue;
        }

        let mut actors: Vec<String> = Vec::with_capacity(4);
        let mut add = |b: &mut Builder, name: &str, kind: ActorKind| {
            let id = b.actor_or_state_body(name, kind);
            if !actors.contains(&id) {
                actors.push(id);
            }
        };
        add(&mut b, actor1, kind_of_inter(row.get(INTER1)));
        for name in build::split_list(row.get(ASSOC1)) {
            add(&mut b, name, ActorKind::Other);
        }
        let actor2 = row.get(ACTOR2);
        if !actor2.is_empty() {
            add(&mut b, actor2, kind_of_inter(row.get(INTER2)));
        }
        for name in build::split_list(row.get(ASSOC2)) {
            add(&mut b, name, ActorKind::Other);
        }

        let mut sources: Vec<_> = Vec::new();
        for name in build::split_list(row.get(SOURCE)) {
            if !sources
                .iter()
                .any(|s: &crate::model::Source| s.publisher == name)
            {
                sources.push(build::source(name, SourceType::Other));
            }
        }
        if sources.is_empty() {
            let mut s = build::source("ACLED", SourceType::Research);
            s.note = Some("The export names no source for this event.".to_string());
            sources.push(s);
        }

        let sub_event_type = row.get(SUB_EVENT_TYPE);
        let kind = if sub_event_type.is_empty() {
            event_type
        } else {
            sub_event_type
        };
        let place = row.get(LOCATION);
        let mut title = format!("{kind}: {actor1}");
        if !actor2.is_empty() {
            title.push_str(&format!(" and {actor2}"));
        }
        match (place, country_name) {
            ("", "") => {}
            ("", c) | (c, _) => title.push_str(&format!(" in {c}")),
        }
        let mut notes: Vec<String> = Vec::new();
        if let Some(n) = fatalities {
            notes.push(format!(
                "Fatalities: {n} (ACLED's most conservative estimate; 0 when unknown)."
            ));
        }
        notes.extend(note.map(str::to_string));
        let mut tags = vec![event_type.to_string()];
        if !sub_event_type.is_empty() && sub_event_type != event_type {
            tags.push(sub_event_type.to_string());
        }
        let location =
            (!place.is_empty() || country.is_some() || latitude.is_some()).then(|| Location {
                place: (!place.is_empty()).then(|| place.to_string()),
                country: country.map(str::to_string),
                lat: latitude,
                lon: longitude,
                precision: None,
            });
        let category = b.category(cat);
        b.push(
            row.number,
            RawEvent {
                id: id.to_string(),
                date,
                end: None,
                title,
                summary: row.get(NOTES).to_string(),
                category,
                actors,
                tone: None,
                milestone: false,
                location,
                sources,
                tags,
                notes: (!notes.is_empty()).then(|| notes.join(" ")),
                verification,
            },
        );
    }
    b.finish(About {
        id: "acled-import",
        title: "ACLED events".to_string(),
        intro: String::new(),
        what: "an ACLED CSV export",
        license: "ACLED data, under ACLED's terms of use; cite ACLED as its terms ask.".to_string(),
    })
}
