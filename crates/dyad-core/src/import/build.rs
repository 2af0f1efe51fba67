//! What every importer shares: a dataset built row by row, with actors named once under stable
//! ids, states found where a name says so, only the categories used, sources with or without a
//! link, and every problem kept with its row until the end, when the dataset is validated or
//! refused whole.

use std::collections::HashSet;

use rustc_hash::FxHashMap as HashMap;

use crate::date::PartialDate;
use crate::model::{
    ActorKind, Category, Dataset, DatasetMeta, RawActor, RawDataset, RawEvent, Source, SourceType,
    SCHEMA_VERSION,
};
use crate::validate::{url_problem, validate};

use super::catalogue::{self, Cat, Countries};
use super::sheet::Row;
use super::Problem;

/// How long an id made from a name may be.
const MAX_SLUG: usize = 64;

/// A dataset being built from the rows of a file.
pub(crate) struct Builder {
    actors: Vec<RawActor>,
    /// Actor positions by key (the name as written, or a format's own code).
    actor_keys: HashMap<String, usize>,
    /// Every id given to an actor.
    actor_ids: HashSet<String>,
    /// The country names already learnt, as the file writes them ([`Builder::learn_country`]
    /// runs on every row).
    learnt: HashSet<String>,
    /// Categories used, with their place in the list.
    categories: Vec<(usize, Category)>,
    category_keys: HashMap<String, usize>,
    category_ids: HashSet<String>,
    events: Vec<RawEvent>,
    /// The row of each event.
    rows: Vec<usize>,
    /// The row of each event id.
    event_rows: HashMap<String, usize>,
    /// Country names, built when a row first needs them.
    countries: Option<Countries>,
    /// Every problem found so far.
    pub problems: Vec<Problem>,
}

/// A built dataset and the row each event came from.
pub(crate) struct Built {
    raw: RawDataset,
    rows: Vec<usize>,
}

/// The parts of the dataset's metadata a format gives.
pub(crate) struct About {
    pub id: &'static str,
    pub title: String,
    /// A paragraph the file gives about itself (a TimelineJS title slide's text), or empty.
    pub intro: String,
    /// What the file was, for the description: "an ACLED CSV export".
    pub what: &'static str,
    pub license: String,
}

/// A name that says it is a state's government or forces, and the state's name in it:
/// "Government of Mali (2021-)", "Military Forces of Mali", "Police Forces of Mali (2012-2020)".
pub(crate) fn state_named_in(name: &str) -> Option<&str> {
    const PREFIXES: [&str; 3] = ["Government of ", "Military Forces of ", "Police Forces of "];
    let rest = PREFIXES.iter().find_map(|p| name.strip_prefix(p))?;
    let country = rest.split(" (").next().unwrap_or_default().trim();
    (!country.is_empty()).then_some(country)
}

/// An id made of a name: lowercase ASCII letters and digits (accents dropped), other runs of
/// characters as one `-`. Empty when the name has no such letter (the caller falls back).
pub(crate) fn slug(name: &str) -> String {
    let mut out = String::new();
    let mut gap = false;
    for c in crate::text::fold(name).chars() {
        if c.is_ascii_alphanumeric() {
            if out.len() >= MAX_SLUG {
                break;
            }
            if gap && !out.is_empty() {
                out.push('-');
            }
            gap = false;
            out.push(c);
        } else {
            gap = true;
        }
    }
    out
}

/// A short stable hash of a text (FNV-1a), for ids of names without ASCII letters.
fn hash(s: &str) -> String {
    let mut h: u32 = 0x811c_9dc5;
    for b in s.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    format!("{h:08x}")
}

/// An id from `base` not yet in `taken` (then taken): `base`, or `base-2`, `base-3`...
fn unique(taken: &mut HashSet<String>, base: String) -> String {
    let id = if taken.contains(&base) {
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|c| !taken.contains(c))
            .unwrap_or_default()
    } else {
        base
    };
    taken.insert(id.clone());
    id
}

/// A source named in a file: a link when the text is an http(s) address Dyad accepts (its
/// publisher then the host), else the text itself as the publisher, without a link.
pub(crate) fn source(text: &str, kind: SourceType) -> Source {
    let text = text.trim();
    let starts = |scheme: &str| {
        text.get(..scheme.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(scheme))
    };
    let is_link = (starts("http://") || starts("https://")) && url_problem(text).is_none();
    if is_link {
        Source {
            publisher: host(text).to_string(),
            url: Some(text.to_string()),
            published: None,
            kind,
            note: None,
        }
    } else {
        Source {
            publisher: text.to_string(),
            url: None,
            published: None,
            kind,
            note: None,
        }
    }
}

/// The host of an http(s) address, without `www.`.
fn host(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let host = authority.rsplit('@').next().unwrap_or(authority);
    let host = match host.find(']') {
        Some(i) if host.starts_with('[') => &host[..=i],
        _ => host.split(':').next().unwrap_or(host),
    };
    host.strip_prefix("www.").unwrap_or(host)
}

/// `;`-separated names, trimmed, empty ones left out.
pub(crate) fn split_list(s: &str) -> impl Iterator<Item = &str> {
    s.split(';').map(str::trim).filter(|p| !p.is_empty())
}

/// A number of column `k`, `None` when the cell is empty; a problem when it is not a number.
pub(crate) fn number(row: &Row<'_>, k: usize, problems: &mut Vec<Problem>) -> Option<f64> {
    let text = row.get(k);
    if text.is_empty() {
        return None;
    }
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() => Some(v),
        _ => {
            problems.extend(row.problem(k, format!("{text:?} is not a number")));
            None
        }
    }
}

/// A latitude (`limit` 90) or longitude (`limit` 180) of column `k`, checked in range.
pub(crate) fn coordinate(
    row: &Row<'_>,
    k: usize,
    limit: f64,
    problems: &mut Vec<Problem>,
) -> Option<f64> {
    let v = number(row, k, problems)?;
    if v.abs() > limit {
        let text = row.get(k);
        problems.extend(row.problem(k, format!("{text} is outside [-{limit}, {limit}]")));
        return None;
    }
    Some(v)
}

/// A count of column `k` (deaths, articles): a whole number, 0 or more.
pub(crate) fn count(row: &Row<'_>, k: usize, problems: &mut Vec<Problem>) -> Option<u64> {
    let text = row.get(k);
    if text.is_empty() {
        return None;
    }
    match text.parse::<u64>() {
        Ok(v) => Some(v),
        Err(_) => {
            problems.extend(row.problem(k, format!("{text:?} is not a whole number, 0 or more")));
            None
        }
    }
}

/// A day written `YYYY-MM-DD` (a time after it, as UCDP writes `2019-05-02 00:00:00.000`, is
/// ignored) in column `k`; a problem otherwise.
pub(crate) fn day(row: &Row<'_>, k: usize, problems: &mut Vec<Problem>) -> Option<PartialDate> {
    let text = row.get(k);
    let date = match text.get(10..11) {
        Some(" " | "T") => &text[..10],
        _ => text,
    };
    let year = date.get(..4).and_then(|y| y.parse::<i32>().ok());
    let in_range = |y: i32| (crate::date::MIN_YEAR..=crate::date::MAX_YEAR).contains(&y);
    let message = match date.parse::<PartialDate>() {
        Ok(d) if d.precision() == crate::Precision::Day => return Some(d),
        _ if text.is_empty() => "empty; expected a date written YYYY-MM-DD".to_string(),
        Err(crate::date::DateError::Impossible(_)) if year.is_some_and(|y| !in_range(y)) => {
            format!("{text:?} is outside the years Dyad reads, 1000 to 2999")
        }
        Err(crate::date::DateError::Impossible(_)) => {
            format!("{text:?} is not a real calendar date; expected YYYY-MM-DD")
        }
        _ => format!("{text:?} is not a date; expected YYYY-MM-DD"),
    };
    problems.extend(row.problem(k, message));
    None
}

impl Builder {
    /// An empty dataset, with room for an event a line of `bytes` (growing a vector of 100k
    /// events by doubling would copy them all about twice).
    pub(crate) fn for_bytes(bytes: &[u8]) -> Self {
        let lines = bytes.iter().filter(|&&b| b == b'\n').count() + 1;
        let mut b = Builder::new();
        b.events.reserve(lines);
        b.rows.reserve(lines);
        b.event_rows.reserve(lines);
        b
    }

    /// An empty dataset.
    pub(crate) fn new() -> Self {
        Builder {
            actors: Vec::new(),
            actor_keys: HashMap::default(),
            actor_ids: HashSet::new(),
            learnt: HashSet::new(),
            categories: Vec::new(),
            category_keys: HashMap::default(),
            // Fixed ids are reserved, so a group never takes one.
            category_ids: catalogue::ALL.iter().map(|c| c.id.to_string()).collect(),
            events: Vec::new(),
            rows: Vec::new(),
            event_rows: HashMap::default(),
            countries: None,
            problems: Vec::new(),
        }
    }

    /// The id of the actor named `name` (the key), added as `kind` if new. An actor first met
    /// as `other` (an associated actor, say) takes the first more precise kind it is given.
    pub(crate) fn actor(&mut self, name: &str, kind: ActorKind) -> String {
        self.actor_keyed(name, name, kind)
    }

    /// The id of the actor a format knows by `key` (GDELT's actor code), named `name` if new.
    pub(crate) fn actor_keyed(&mut self, key: &str, name: &str, kind: ActorKind) -> String {
        if let Some(&i) = self.actor_keys.get(key) {
            let a = &mut self.actors[i];
            // A state's body keeps `other`, whatever role a row gives it.
            if a.kind == ActorKind::Other && a.affiliation.is_none() && kind != ActorKind::State {
                a.kind = kind;
            }
            return a.id.clone();
        }
        let base = match slug(key) {
            s if s.is_empty() => format!("actor-{}", hash(key)),
            s => s,
        };
        let id = unique(&mut self.actor_ids, base);
        self.push_actor(key, id.clone(), name, kind);
        id
    }

    /// Whether an actor is known by `key`.
    pub(crate) fn has_actor(&self, key: &str) -> bool {
        self.actor_keys.contains_key(key)
    }

    /// The state with ISO alpha-3 code `code`, named `name` if new (its id is the code).
    pub(crate) fn state(&mut self, code: &str, name: &str) -> String {
        let key = format!("\u{0}state {code}");
        if let Some(&i) = self.actor_keys.get(&key) {
            return self.actors[i].id.clone();
        }
        self.actor_ids.insert(code.to_string());
        self.push_actor(&key, code.to_string(), name, ActorKind::State);
        code.to_string()
    }

    fn push_actor(&mut self, key: &str, id: String, name: &str, kind: ActorKind) {
        self.actor_keys.insert(key.to_string(), self.actors.len());
        self.actors.push(RawActor {
            id,
            name: name.to_string(),
            kind,
            affiliation: None,
            aliases: Vec::new(),
            succeeds: None,
        });
    }

    /// Makes actor `id` part of `parent` for roll-ups, unless it already has a parent.
    pub(crate) fn affiliate(&mut self, id: &str, parent: &str) {
        if id == parent {
            return;
        }
        if let Some(a) = self.actors.iter_mut().rev().find(|a| a.id == id) {
            a.affiliation.get_or_insert_with(|| parent.to_string());
        }
    }

    /// The actor named `name` as [`Builder::actor`] adds it; when the name says it is a
    /// state's government or forces ([`state_named_in`]) and the state is known by name, it
    /// is `other` and affiliated to the state, which is added.
    pub(crate) fn actor_or_state_body(&mut self, name: &str, kind: ActorKind) -> String {
        if self.actor_keys.contains_key(name) {
            return self.actor(name, kind);
        }
        let Some((code, country)) =
            state_named_in(name).and_then(|c| self.countries().by_name(c).map(|code| (code, c)))
        else {
            return self.actor(name, kind);
        };
        let id = self.actor(name, ActorKind::Other);
        let state = self.state(code, country);
        self.affiliate(&id, &state);
        id
    }

    /// Learns a file's own name for a country ([`Countries::learn`]).
    pub(crate) fn learn_country(&mut self, name: &str, code: &'static str) {
        if !self.learnt.contains(name) {
            self.learnt.insert(name.to_string());
            self.countries().learn(name, code);
        }
    }

    /// The alpha-3 code of a country named in a file.
    pub(crate) fn country_code(&mut self, name: &str) -> Option<&'static str> {
        self.countries().by_name(name)
    }

    fn countries(&mut self) -> &mut Countries {
        self.countries.get_or_insert_with(Countries::new)
    }

    /// The id of fixed category `c`, added if new.
    pub(crate) fn category(&mut self, c: &Cat) -> String {
        if !self.category_keys.contains_key(c.id) {
            self.push_category(
                c.id,
                catalogue::rank(c),
                Category {
                    id: c.id.to_string(),
                    label: c.label.to_string(),
                    definition: c.definition.to_string(),
                    tone: c.tone,
                    color: c.color.to_string(),
                },
            );
        }
        c.id.to_string()
    }

    /// The id of a category a file defines (a TimelineJS group) by `label`, added if new with
    /// the next colour of the palette and a neutral tone; listed after the fixed categories.
    pub(crate) fn group(&mut self, label: &str, definition: String) -> String {
        let key = format!("\u{0}group {label}");
        if let Some(&i) = self.category_keys.get(&key) {
            return self.categories[i].1.id.clone();
        }
        let base = match slug(label).replace('-', "_") {
            s if s.is_empty() => format!("group_{}", hash(label)),
            s => s,
        };
        let taken = self
            .categories
            .iter()
            .filter(|(rank, _)| *rank >= catalogue::ALL.len())
            .count();
        let id = unique(&mut self.category_ids, base);
        let color = catalogue::PALETTE[taken % catalogue::PALETTE.len()];
        self.push_category(
            &key,
            catalogue::ALL.len() + taken,
            Category {
                id: id.clone(),
                label: label.to_string(),
                definition,
                tone: 0.0,
                color: color.to_string(),
            },
        );
        id
    }

    fn push_category(&mut self, key: &str, rank: usize, c: Category) {
        self.category_keys
            .insert(key.to_string(), self.categories.len());
        self.category_ids.insert(c.id.clone());
        self.categories.push((rank, c));
    }

    /// Claims event id `id` for `row`; a problem in column `k` if it is not a valid id or an
    /// earlier row has it.
    pub(crate) fn claim_event_id(&mut self, row: &Row<'_>, k: usize, id: &str) -> bool {
        if id.is_empty() {
            self.problems
                .extend(row.problem(k, "empty; every event needs an id".to_string()));
            return false;
        }
        if !id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        {
            self.problems.extend(row.problem(
                k,
                format!("{id:?} is not a valid id; expected letters, digits, '-' and '_'"),
            ));
            return false;
        }
        if let Some(first) = self.event_rows.get(id) {
            let message = format!("{id:?} is also the id of row {first}");
            self.problems.extend(row.problem(k, message));
            return false;
        }
        self.event_rows.insert(id.to_string(), row.number);
        true
    }

    /// An id made from `text` for an event of `row`, unique in the dataset.
    pub(crate) fn event_id_from(&mut self, row: usize, text: &str) -> String {
        let base = match slug(text) {
            s if s.is_empty() => format!("row-{row}"),
            s => s,
        };
        let mut id = base.clone();
        let mut n = 1;
        while self.event_rows.contains_key(&id) {
            n += 1;
            id = format!("{base}-{n}");
        }
        self.event_rows.insert(id.clone(), row);
        id
    }

    /// Adds the event of `row`.
    pub(crate) fn push(&mut self, row: usize, event: RawEvent) {
        self.events.push(event);
        self.rows.push(row);
    }

    /// The dataset, or every problem found, in row order.
    pub(crate) fn finish(mut self, about: About) -> Result<Built, Vec<Problem>> {
        if self.events.is_empty() && self.problems.is_empty() {
            self.problems.push(Problem::file(
                "the file has no events: no row below the header",
            ));
        }
        if !self.problems.is_empty() {
            // Row by row, and cell by cell within a row, as the file reads.
            self.problems.sort_by_key(|p| {
                let column = p.column.as_ref().map_or(0, |c| c.number);
                (p.row.unwrap_or(0), column)
            });
            return Err(self.problems);
        }
        self.categories.sort_by_key(|(rank, _)| *rank);
        let first = self.events.iter().map(|e| e.date).min();
        let last = self
            .events
            .iter()
            .map(|e| e.end.unwrap_or(e.date))
            .max_by_key(|d| (d.last_day(), *d));
        let span = match (first.map(|d| d.display()), last.map(|d| d.display())) {
            (Some(a), Some(b)) if a == b => format!(", in {a}"),
            (Some(a), Some(b)) => format!(", from {a} to {b}"),
            _ => String::new(),
        };
        let n = self.events.len();
        let meta = DatasetMeta {
            id: about.id.to_string(),
            title: about.title,
            description: format!(
                "{}{}{n} event{} imported from {}{span}.",
                about.intro,
                if about.intro.is_empty() { "" } else { " " },
                if n == 1 { "" } else { "s" },
                about.what
            ),
            version: "1".to_string(),
            // The newest date the data speaks of: the file carries no date of its own.
            updated: last.unwrap_or_else(PartialDate::placeholder),
            license: about.license,
        };
        Ok(Built {
            raw: RawDataset {
                schema: SCHEMA_VERSION,
                dataset: meta,
                actors: self.actors,
                categories: self.categories.into_iter().map(|(_, c)| c).collect(),
                events: self.events,
            },
            rows: self.rows,
        })
    }
}

impl Built {
    /// How many events were read.
    pub(crate) fn events(&self) -> usize {
        self.raw.events.len()
    }

    /// The validated dataset. The importers check every rule row by row, so validation is a
    /// safety net: should it refuse the dataset, its problems are placed at their rows.
    pub(crate) fn validate(self) -> Result<Dataset, Vec<Problem>> {
        let Built { raw, rows } = self;
        validate(raw).map_err(|diags| {
            diags
                .into_iter()
                .map(|d| {
                    let row = d
                        .path
                        .strip_prefix("events[")
                        .and_then(|rest| rest.split(']').next())
                        .and_then(|i| i.parse::<usize>().ok())
                        .and_then(|i| rows.get(i).copied());
                    Problem {
                        row,
                        column: None,
                        message: d.to_string(),
                    }
                })
                .collect()
        })
    }

    /// The validated dataset in the file form, for a format's `import`.
    pub(crate) fn validate_raw(self) -> Result<RawDataset, Vec<Problem>> {
        self.validate().map(|ds| ds.to_raw())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Names become ids of letters, digits and dashes, accents dropped.
    #[test]
    fn slugs() {
        let cases = [
            (
                "Military Forces of Mali (2021-)",
                "military-forces-of-mali-2021",
            ),
            (
                "JNIM: Group for Support of Islam and Muslims",
                "jnim-group-for-support-of-islam-and-muslims",
            ),
            ("Côte d'Ivoire", "cote-d-ivoire"),
            ("  Wagner   Group ", "wagner-group"),
            ("Straße", "strasse"),
            ("Вагнер", ""),
            ("", ""),
        ];
        for (name, want) in cases {
            assert_eq!(slug(name), want, "{name}");
        }
        assert_eq!(slug(&"a".repeat(100)).len(), MAX_SLUG);
    }

    /// Names that say they are a state's body give the state's name.
    #[test]
    fn state_bodies() {
        let cases = [
            ("Military Forces of Mali (2021-)", Some("Mali")),
            (
                "Police Forces of Burkina Faso (2022-) Gendarmerie",
                Some("Burkina Faso"),
            ),
            ("Government of Mali", Some("Mali")),
            ("Government of ", None),
            ("Wagner Group", None),
            ("Protesters (Mali)", None),
        ];
        for (name, want) in cases {
            assert_eq!(state_named_in(name), want, "{name}");
        }
    }

    /// The same name is one actor; different names whose ids would clash get suffixes; names
    /// without letters Dyad can use get a hash; states keep their code; bodies of a state are
    /// affiliated to it.
    #[test]
    fn actors() {
        let mut b = Builder::new();
        assert_eq!(b.actor("Wagner Group", ActorKind::Other), "wagner-group");
        assert_eq!(
            b.actor("Wagner Group", ActorKind::ArmedGroup),
            "wagner-group"
        );
        assert_eq!(
            b.actor("WAGNER group", ActorKind::ArmedGroup),
            "wagner-group-2"
        );
        assert_eq!(b.actor("Вагнер", ActorKind::ArmedGroup), "actor-c1babd13");
        assert_eq!(
            b.actor_or_state_body("Military Forces of Mali (2021-)", ActorKind::ArmedGroup),
            "military-forces-of-mali-2021"
        );
        assert_eq!(b.state("MLI", "Somewhere else"), "MLI");
        let kinds: Vec<(&str, ActorKind, Option<&str>)> = b
            .actors
            .iter()
            .map(|a| (a.id.as_str(), a.kind, a.affiliation.as_deref()))
            .collect();
        assert_eq!(
            kinds,
            vec![
                ("wagner-group", ActorKind::ArmedGroup, None),
                ("wagner-group-2", ActorKind::ArmedGroup, None),
                ("actor-c1babd13", ActorKind::ArmedGroup, None),
                (
                    "military-forces-of-mali-2021",
                    ActorKind::Other,
                    Some("MLI")
                ),
                ("MLI", ActorKind::State, None),
            ]
        );
        assert_eq!(b.actors[4].name, "Mali");
    }

    /// Web addresses become links under their host; anything else is kept as text.
    #[test]
    fn sources() {
        let cases = [
            ("https://www.example.org/a?b", "example.org", true),
            ("HTTP://user@example.org:8080/x", "example.org", true),
            ("https://example.org/a b", "https://example.org/a b", false),
            (
                "Agence Ménaka; 2021-05-24",
                "Agence Ménaka; 2021-05-24",
                false,
            ),
            ("ftp://example.org", "ftp://example.org", false),
            // Found by the proptest of mutated samples: a multi-byte character where the
            // scheme would end must not be sliced through.
            (
                "ht\u{fffd}p\u{fffd}://example.org",
                "ht\u{fffd}p\u{fffd}://example.org",
                false,
            ),
            ("é", "é", false),
        ];
        for (text, publisher, linked) in cases {
            let s = source(text, SourceType::Media);
            assert_eq!(s.publisher, publisher, "{text}");
            assert_eq!(s.url.is_some(), linked, "{text}");
        }
    }
}
