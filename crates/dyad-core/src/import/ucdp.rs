//! UCDP GED CSV files: one event a row under the UCDP Georeferenced Event Dataset's columns.
//!
//! `id` is the event's id; `type_of_violence` its category (1 state-based, 2 non-state, 3
//! one-sided); `date_start`, `date_end` and `date_prec` its dates (the tables in
//! docs/import-formats.md say how each precision is written); `side_a` and `side_b` its actors;
//! `where_coordinates` (or `adm_1`), `country`, `latitude`, `longitude` its place;
//! `source_article` its sources, each kept as text unless it is a link; `conflict_name` and the
//! death counts `best`, `low`, `high` its summary. Every other column is ignored.

use crate::date::PartialDate;
use crate::model::{ActorKind, Location, RawDataset, RawEvent, SourceType, Verification};

use super::build::{self, About, Builder, Built};
use super::catalogue::{self, Cat};
use super::sheet::{opt, req, Sheet, Spec};
use super::Problem;

/// The header columns that identify a UCDP GED file.
pub const KEY_COLUMNS: &[&str] = &["id", "type_of_violence", "side_a", "side_b", "date_start"];

const ID: usize = 0;
const TYPE: usize = 1;
const SIDE_A: usize = 2;
const SIDE_B: usize = 3;
const DATE_START: usize = 4;
const DATE_END: usize = 5;
const DATE_PREC: usize = 6;
const BEST: usize = 7;
const LOW: usize = 8;
const HIGH: usize = 9;
const SOURCE_ARTICLE: usize = 10;
const LATITUDE: usize = 11;
const LONGITUDE: usize = 12;
const WHERE: usize = 13;
const ADM_1: usize = 14;
const COUNTRY: usize = 15;
const CONFLICT_NAME: usize = 16;

/// The columns read, in the order of the constants above.
const SPECS: &[Spec] = &[
    req("id"),
    req("type_of_violence"),
    req("side_a"),
    req("side_b"),
    req("date_start"),
    req("date_end"),
    req("date_prec"),
    opt("best"),
    opt("low"),
    opt("high"),
    opt("source_article"),
    opt("latitude"),
    opt("longitude"),
    opt("where_coordinates"),
    opt("adm_1"),
    opt("country"),
    opt("conflict_name"),
];

/// UCDP's types of violence, by their code.
const TYPES: [(&str, &Cat); 3] = [
    ("1", &catalogue::STATE_BASED_CONFLICT),
    ("2", &catalogue::NON_STATE_CONFLICT),
    ("3", &catalogue::VIOLENCE_AGAINST_CIVILIANS),
];

/// How an event's dates are written for a `date_prec` (1 to 5): `(date, end, verification,
/// note)`. Precision 1 is the day (`date_end` kept when it is later: the event lasted); 2 and 3
/// (a few days, a week) keep the range of days; 4 (up to a month) is the month when the range
/// lies within one; 5 (up to a year) the year when it lies within one; otherwise the range.
fn dates(
    prec: u8,
    start: PartialDate,
    end: PartialDate,
) -> (PartialDate, Option<PartialDate>, Verification) {
    let range = (start, (end.first_day() > start.first_day()).then_some(end));
    let same_month = start.year_num() == end.year_num() && start.month_num() == end.month_num();
    let same_year = start.year_num() == end.year_num();
    match prec {
        1 => (range.0, range.1, Verification::Verified),
        4 if same_month => {
            let month = PartialDate::month(start.year_num(), start.month_num().unwrap_or(1));
            (month.unwrap_or(start), None, Verification::Partial)
        }
        5 if same_year => (
            PartialDate::year(start.year_num()).unwrap_or(start),
            None,
            Verification::Partial,
        ),
        _ => (range.0, range.1, Verification::Partial),
    }
}

/// Reads a UCDP GED file into a validated dataset (events in date order), or every problem.
pub fn import(bytes: &[u8]) -> Result<RawDataset, Vec<Problem>> {
    read(bytes).and_then(Built::validate_raw)
}

/// Reads a UCDP GED file into a dataset to validate.
pub(crate) fn read(bytes: &[u8]) -> Result<Built, Vec<Problem>> {
    let mut b = Builder::for_bytes(bytes);
    let mut sheet = Sheet::csv(bytes, SPECS, &mut b.problems);
    while let Some(row) = sheet.next(&mut b.problems) {
        let problems_before = b.problems.len();
        let id = row.get(ID);
        let id_ok = b.claim_event_id(&row, ID, id);

        let code = row.get(TYPE);
        let cat = TYPES.iter().find(|(c, _)| *c == code).map(|(_, c)| *c);
        if cat.is_none() {
            b.problems.extend(row.problem(
                TYPE,
                format!(
                    "unknown type of violence {code:?}; expected 1 (state-based), 2 (non-state) \
                     or 3 (one-sided)"
                ),
            ));
        }
        let side_a = row.get(SIDE_A);
        if side_a.is_empty() {
            b.problems
                .extend(row.problem(SIDE_A, "empty; every UCDP event names side_a".into()));
        }
        let side_b = row.get(SIDE_B);

        let start = build::day(&row, DATE_START, &mut b.problems);
        let end = build::day(&row, DATE_END, &mut b.problems);
        let prec_text = row.get(DATE_PREC);
        let prec = match prec_text.parse::<u8>() {
            Ok(p @ 1..=5) => Some(p),
            _ => {
                b.problems.extend(row.problem(
                    DATE_PREC,
                    format!("{prec_text:?} is not a date precision; expected 1 to 5"),
                ));
                None
            }
        };
        if let (Some(s), Some(e)) = (start, end) {
            if e.first_day() < s.first_day() {
                b.problems
                    .extend(row.problem(DATE_END, format!("{e} is before date_start {s}")));
            }
        }
        let best = build::count(&row, BEST, &mut b.problems);
        let low = build::count(&row, LOW, &mut b.problems);
        let high = build::count(&row, HIGH, &mut b.problems);
        let latitude = build::coordinate(&row, LATITUDE, 90.0, &mut b.problems);
        let longitude = build::coordinate(&row, LONGITUDE, 180.0, &mut b.problems);

        let (Some(cat), Some(start), Some(end), Some(prec), true) = (cat, start, end, prec, id_ok)
        else {
            continue;
        };
        if b.problems.len() > problems_before {
            continue;
        }
        let (date, until, verification) = dates(prec, start, end);

        // Governments are bodies of their state; anyone else but civilians is an armed group.
        let kind_of = |name: &str| {
            if name.eq_ignore_ascii_case("civilians") {
                ActorKind::Other
            } else {
                ActorKind::ArmedGroup
            }
        };
        let mut actors = vec![b.actor_or_state_body(side_a, kind_of(side_a))];
        if !side_b.is_empty() {
            let id = b.actor_or_state_body(side_b, kind_of(side_b));
            if !actors.contains(&id) {
                actors.push(id);
            }
        }

        let mut sources = Vec::new();
        for citation in build::split_list(row.get(SOURCE_ARTICLE)) {
            sources.push(build::source(citation, SourceType::Other));
        }
        if sources.is_empty() {
            let mut s = build::source("UCDP GED", SourceType::Research);
            s.note = Some("The file names no source article for this event.".to_string());
            sources.push(s);
        }

        let place = match row.get(WHERE) {
            "" => row.get(ADM_1),
            p => p,
        };
        let country_name = row.get(COUNTRY);
        let country = b.country_code(country_name);
        let category = b.category(cat);
        let mut title = format!("{}: {side_a}", cat.label);
        if !side_b.is_empty() {
            title.push_str(&format!(" and {side_b}"));
        }
        match (place, country_name) {
            ("", "") => {}
            ("", c) | (c, _) => title.push_str(&format!(" in {c}")),
        }
        let mut summary = Vec::new();
        let conflict = row.get(CONFLICT_NAME);
        if !conflict.is_empty() {
            summary.push(format!("Conflict: {conflict}."));
        }
        if let Some(best) = best {
            let range = match (low, high) {
                (Some(l), Some(h)) => format!(" (low {l}, high {h})"),
                _ => String::new(),
            };
            summary.push(format!("Deaths: {best}, UCDP's best estimate{range}."));
        }
        let notes = (prec > 1).then(|| {
            format!("UCDP date precision {prec}: the event happened between {start} and {end}.")
        });
        let location =
            (!place.is_empty() || country.is_some() || latitude.is_some()).then(|| Location {
                place: (!place.is_empty()).then(|| place.to_string()),
                country: country.map(str::to_string),
                lat: latitude,
                lon: longitude,
                precision: None,
            });
        b.push(
            row.number,
            RawEvent {
                id: id.to_string(),
                date,
                end: until,
                title,
                summary: summary.join(" "),
                category,
                actors,
                tone: None,
                milestone: false,
                location,
                sources,
                tags: Vec::new(),
                notes,
                verification,
            },
        );
    }
    b.finish(About {
        id: "ucdp-ged-import",
        title: "UCDP GED events".to_string(),
        intro: String::new(),
        what: "a UCDP GED CSV file",
        license: "UCDP Georeferenced Event Dataset, under UCDP's terms; cite the UCDP GED as \
                  they ask."
            .to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> PartialDate {
        s.parse().unwrap()
    }

    /// Each date precision is written as the tables in docs/import-formats.md say.
    #[test]
    fn precisions() {
        use Verification::{Partial, Verified};
        // (prec, start, end, date, end, verification)
        type Case = (
            u8,
            &'static str,
            &'static str,
            &'static str,
            Option<&'static str>,
            Verification,
        );
        let cases: [Case; 9] = [
            (1, "2021-05-24", "2021-05-24", "2021-05-24", None, Verified),
            (
                1,
                "2021-05-24",
                "2021-05-26",
                "2021-05-24",
                Some("2021-05-26"),
                Verified,
            ),
            (
                2,
                "2021-05-24",
                "2021-05-27",
                "2021-05-24",
                Some("2021-05-27"),
                Partial,
            ),
            (
                3,
                "2021-05-24",
                "2021-05-30",
                "2021-05-24",
                Some("2021-05-30"),
                Partial,
            ),
            (4, "2021-05-01", "2021-05-31", "2021-05", None, Partial),
            (
                4,
                "2021-05-20",
                "2021-06-10",
                "2021-05-20",
                Some("2021-06-10"),
                Partial,
            ),
            (5, "2021-01-01", "2021-12-31", "2021", None, Partial),
            (
                5,
                "2021-11-01",
                "2022-02-28",
                "2021-11-01",
                Some("2022-02-28"),
                Partial,
            ),
            (2, "2021-05-24", "2021-05-24", "2021-05-24", None, Partial),
        ];
        for (prec, start, end, want_date, want_end, want_v) in cases {
            let got = dates(prec, d(start), d(end));
            assert_eq!(
                got,
                (d(want_date), want_end.map(d), want_v),
                "{prec} {start} {end}"
            );
        }
    }
}
