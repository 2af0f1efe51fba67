//! GDELT 2.0 event files: 61 tab-separated fields a line, without a header (the files are named
//! `.CSV` all the same).
//!
//! `GlobalEventID` is the event's id; `Day` (YYYYMMDD) its date; `EventRootCode` (CAMEO 01 to
//! 20) its category; `GoldsteinScale` (-10 to +10) its tone; `Actor1Code` and `Actor2Code` its
//! actors, a bare ISO 3166 alpha-3 code being the state itself and a code starting with a
//! state's (`MLIGOV`) a body of it; `ActionGeo_FullName`, `ActionGeo_Lat`, `ActionGeo_Long`
//! its place; `SOURCEURL` its source. `QuadClass` is kept as given, as a tag. GDELT is coded by
//! machine from the news, so its events are unverified.

use crate::model::{ActorKind, Location, RawDataset, RawEvent, SourceType, Verification};

use super::build::{self, About, Builder, Built};
use super::catalogue::{self, Cat};
use super::sheet::{opt, Sheet, Spec};
use super::{Format, Problem};

/// The number of fields on a GDELT 2.0 event line.
pub const FIELDS: usize = 61;

/// The fields of a line, by their codebook names.
const SPECS: &[Spec] = &[
    opt("GlobalEventID"),
    opt("Day"),
    opt("MonthYear"),
    opt("Year"),
    opt("FractionDate"),
    opt("Actor1Code"),
    opt("Actor1Name"),
    opt("Actor1CountryCode"),
    opt("Actor1KnownGroupCode"),
    opt("Actor1EthnicCode"),
    opt("Actor1Religion1Code"),
    opt("Actor1Religion2Code"),
    opt("Actor1Type1Code"),
    opt("Actor1Type2Code"),
    opt("Actor1Type3Code"),
    opt("Actor2Code"),
    opt("Actor2Name"),
    opt("Actor2CountryCode"),
    opt("Actor2KnownGroupCode"),
    opt("Actor2EthnicCode"),
    opt("Actor2Religion1Code"),
    opt("Actor2Religion2Code"),
    opt("Actor2Type1Code"),
    opt("Actor2Type2Code"),
    opt("Actor2Type3Code"),
    opt("IsRootEvent"),
    opt("EventCode"),
    opt("EventBaseCode"),
    opt("EventRootCode"),
    opt("QuadClass"),
    opt("GoldsteinScale"),
    opt("NumMentions"),
    opt("NumSources"),
    opt("NumArticles"),
    opt("AvgTone"),
    opt("Actor1Geo_Type"),
    opt("Actor1Geo_FullName"),
    opt("Actor1Geo_CountryCode"),
    opt("Actor1Geo_ADM1Code"),
    opt("Actor1Geo_ADM2Code"),
    opt("Actor1Geo_Lat"),
    opt("Actor1Geo_Long"),
    opt("Actor1Geo_FeatureID"),
    opt("Actor2Geo_Type"),
    opt("Actor2Geo_FullName"),
    opt("Actor2Geo_CountryCode"),
    opt("Actor2Geo_ADM1Code"),
    opt("Actor2Geo_ADM2Code"),
    opt("Actor2Geo_Lat"),
    opt("Actor2Geo_Long"),
    opt("Actor2Geo_FeatureID"),
    opt("ActionGeo_Type"),
    opt("ActionGeo_FullName"),
    opt("ActionGeo_CountryCode"),
    opt("ActionGeo_ADM1Code"),
    opt("ActionGeo_ADM2Code"),
    opt("ActionGeo_Lat"),
    opt("ActionGeo_Long"),
    opt("ActionGeo_FeatureID"),
    opt("DATEADDED"),
    opt("SOURCEURL"),
];

const ID: usize = 0;
const DAY: usize = 1;
/// Where the ten fields of actor 1 and of actor 2 start.
const ACTOR1: usize = 5;
const ACTOR2: usize = 15;
/// Offsets in an actor's fields.
const NAME: usize = 1;
const COUNTRY: usize = 2;
const TYPE1: usize = 7;
const EVENT_CODE: usize = 26;
const ROOT_CODE: usize = 28;
const QUAD_CLASS: usize = 29;
const GOLDSTEIN: usize = 30;
const NUM_SOURCES: usize = 32;
const NUM_ARTICLES: usize = 33;
const AVG_TONE: usize = 34;
const PLACE: usize = 52;
const LAT: usize = 56;
const LONG: usize = 57;
const SOURCE_URL: usize = 60;

/// CAMEO's root codes 01 to 20, their names and categories.
const ROOT_CODES: [(&str, &Cat); 20] = [
    ("Make public statement", &catalogue::STATEMENT),
    ("Appeal", &catalogue::STATEMENT),
    (
        "Express intent to cooperate",
        &catalogue::DIPLOMATIC_COOPERATION,
    ),
    ("Consult", &catalogue::DIPLOMATIC_COOPERATION),
    (
        "Engage in diplomatic cooperation",
        &catalogue::DIPLOMATIC_COOPERATION,
    ),
    (
        "Engage in material cooperation",
        &catalogue::MATERIAL_COOPERATION,
    ),
    ("Provide aid", &catalogue::AID),
    ("Yield", &catalogue::YIELD),
    ("Investigate", &catalogue::INVESTIGATION),
    ("Demand", &catalogue::DEMAND_AND_CRITICISM),
    ("Disapprove", &catalogue::DEMAND_AND_CRITICISM),
    ("Reject", &catalogue::DEMAND_AND_CRITICISM),
    ("Threaten", &catalogue::THREAT),
    ("Protest", &catalogue::PROTEST),
    ("Exhibit force posture", &catalogue::FORCE_POSTURE),
    ("Reduce relations", &catalogue::REDUCED_RELATIONS),
    ("Coerce", &catalogue::COERCION),
    ("Assault", &catalogue::ASSAULT),
    ("Fight", &catalogue::BATTLE),
    (
        "Use unconventional mass violence",
        &catalogue::MASS_VIOLENCE,
    ),
];

/// GDELT's quad classes, 1 to 4.
const QUAD_CLASSES: [&str; 4] = [
    "Verbal cooperation",
    "Material cooperation",
    "Verbal conflict",
    "Material conflict",
];

/// Whether a file's first line is a GDELT event line: 61 tab-separated fields, a numeric id,
/// then a day of 8 digits.
pub(crate) fn looks_like(line: &[u8]) -> Option<Format> {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let mut fields = line.split(|&b| b == b'\t');
    let id = fields.next()?;
    let day = fields.next()?;
    let digits = |f: &[u8]| !f.is_empty() && f.iter().all(u8::is_ascii_digit);
    let n = 2 + fields.count();
    (n == FIELDS && digits(id) && digits(day) && day.len() == 8).then_some(Format::Gdelt)
}

/// The kind of a GDELT actor from its code and first type code (CAMEO's role codes).
fn kind(code: &str, type1: &str) -> ActorKind {
    if code.starts_with("IGO") {
        ActorKind::InternationalOrganisation
    } else if matches!(type1, "REB" | "INS" | "SEP" | "UAF") {
        ActorKind::ArmedGroup
    } else if type1 == "BUS" || code.starts_with("MNC") {
        ActorKind::Company
    } else {
        ActorKind::Other
    }
}

/// Reads GDELT 2.0 event lines into a validated dataset (events in date order), or every
/// problem.
pub fn import(bytes: &[u8]) -> Result<RawDataset, Vec<Problem>> {
    read(bytes).and_then(Built::validate_raw)
}

/// Reads GDELT 2.0 event lines into a dataset to validate.
pub(crate) fn read(bytes: &[u8]) -> Result<Built, Vec<Problem>> {
    let mut b = Builder::for_bytes(bytes);
    let mut sheet = Sheet::tsv(bytes, SPECS);
    while let Some(row) = sheet.next(&mut b.problems) {
        let problems_before = b.problems.len();
        let id = row.get(ID);
        let id_ok = if !id.is_empty() && !id.bytes().all(|c| c.is_ascii_digit()) {
            b.problems.extend(row.problem(
                ID,
                format!("{id:?} is not a GlobalEventID; expected digits"),
            ));
            false
        } else {
            b.claim_event_id(&row, ID, id)
        };
        let day_text = row.get(DAY);
        let date = match day_text.len() {
            8 if day_text.bytes().all(|c| c.is_ascii_digit()) => {
                let iso = format!("{}-{}-{}", &day_text[..4], &day_text[4..6], &day_text[6..]);
                iso.parse().ok()
            }
            _ => None,
        };
        if date.is_none() {
            b.problems.extend(row.problem(
                DAY,
                format!("{day_text:?} is not a real date; expected YYYYMMDD"),
            ));
        }
        let root_text = row.get(ROOT_CODE);
        let root = root_text
            .parse::<usize>()
            .ok()
            .filter(|_| root_text.len() <= 2)
            .and_then(|n| n.checked_sub(1))
            .and_then(|i| ROOT_CODES.get(i));
        if root.is_none() {
            b.problems.extend(row.problem(
                ROOT_CODE,
                format!("unknown CAMEO root code {root_text:?}; expected 01 to 20"),
            ));
        }
        let quad_text = row.get(QUAD_CLASS);
        let quad = match quad_text.parse::<usize>() {
            Ok(n @ 1..=4) => Some(QUAD_CLASSES[n - 1]),
            _ if quad_text.is_empty() => None,
            _ => {
                b.problems.extend(row.problem(
                    QUAD_CLASS,
                    format!("{quad_text:?} is not a quad class; expected 1 to 4"),
                ));
                None
            }
        };
        let goldstein = build::number(&row, GOLDSTEIN, &mut b.problems);
        if goldstein.is_some_and(|g| g.abs() > 10.0) {
            let text = row.get(GOLDSTEIN);
            b.problems
                .extend(row.problem(GOLDSTEIN, format!("{text} is outside [-10, 10]")));
        }
        let sources_n = build::count(&row, NUM_SOURCES, &mut b.problems);
        let articles = build::count(&row, NUM_ARTICLES, &mut b.problems);
        let avg_tone = build::number(&row, AVG_TONE, &mut b.problems);
        let lat = build::coordinate(&row, LAT, 90.0, &mut b.problems);
        let lon = build::coordinate(&row, LONG, 180.0, &mut b.problems);

        let (Some(date), Some((root_name, cat)), true) = (date, root, id_ok) else {
            continue;
        };
        if b.problems.len() > problems_before {
            continue;
        }

        let mut actors = Vec::with_capacity(2);
        let mut names = Vec::with_capacity(2);
        for start in [ACTOR1, ACTOR2] {
            let code = row.get(start);
            if code.is_empty() {
                continue;
            }
            let name = match row.get(start + NAME) {
                "" => code,
                n => n,
            };
            let id = match catalogue::name_of_alpha3(code) {
                Some(iso) => b.state(code, iso),
                None => {
                    let country = row.get(start + COUNTRY);
                    let new = !b.has_actor(code);
                    let id = b.actor_keyed(code, name, kind(code, row.get(start + TYPE1)));
                    if let (true, Some(iso)) = (new, catalogue::name_of_alpha3(country)) {
                        let state = b.state(country, iso);
                        b.affiliate(&id, &state);
                    }
                    id
                }
            };
            names.push(name);
            if !actors.contains(&id) {
                actors.push(id);
            }
        }
        if actors.is_empty() {
            actors.push(b.actor_keyed("unnamed", "Actor not named in the file", ActorKind::Other));
        }

        let url = row.get(SOURCE_URL);
        let source = if url.is_empty() {
            let mut s = build::source("GDELT", SourceType::Research);
            s.note = Some("The line gives no source URL.".to_string());
            s
        } else {
            build::source(url, SourceType::Media)
        };
        let title = match names.as_slice() {
            [a, b] => format!("{root_name}: {a} → {b}"),
            [a] => format!("{root_name}: {a}"),
            _ => root_name.to_string(),
        };
        let event_code = row.get(EVENT_CODE);
        let mut summary = vec![format!("CAMEO event code {event_code} ({root_name})")];
        summary.extend(quad.map(|q| q.to_lowercase()));
        summary.extend(goldstein.map(|g| format!("Goldstein scale {g}")));
        if let (Some(a), Some(s)) = (articles, sources_n) {
            let plural = |n: u64| if n == 1 { "" } else { "s" };
            summary.push(format!(
                "{a} article{} from {s} source{}",
                plural(a),
                plural(s)
            ));
        }
        summary.extend(avg_tone.map(|t| format!("average tone {t:.1}")));
        let mut tags = vec![format!("CAMEO {event_code}")];
        tags.extend(quad.map(str::to_string));
        let place = row.get(PLACE);
        let location = (!place.is_empty() || lat.is_some()).then(|| Location {
            place: (!place.is_empty()).then(|| place.to_string()),
            // ActionGeo_CountryCode is FIPS 10-4, not ISO 3166: left out.
            country: None,
            lat,
            lon,
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
                summary: format!("{}.", summary.join("; ")),
                category,
                actors,
                tone: goldstein.map(|g| g as f32),
                milestone: false,
                location,
                sources: vec![source],
                tags,
                notes: None,
                verification: Verification::Unverified,
            },
        );
    }
    b.finish(About {
        id: "gdelt-import",
        title: "GDELT events".to_string(),
        intro: String::new(),
        what: "GDELT 2.0 event files",
        license: "GDELT Project data, under the GDELT Project's terms; cite the GDELT Project."
            .to_string(),
    })
}
