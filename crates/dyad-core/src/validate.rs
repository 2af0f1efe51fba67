//! Validation: from a data file to a [`Dataset`], or to every problem in it at once.
//!
//! [`parse_dataset`] reads JSON text; [`validate`] checks a [`RawDataset`] already in memory.
//! Both report like a compiler: each problem is a [`Diagnostic`] with a path a person can follow
//! (`events[12] (id "moura-2022"): actors[1]`), a message that says what to change, and, when the
//! text is known, its line and column. Nothing stops at the first problem, so a curator fixes a
//! file in one pass.
//!
//! A valid file costs one reading by serde and one linear pass of the rules: 100k-1M events are
//! validated in the browser at load. Only a refused file is read a second time, by
//! [`crate::shape`], which words every shape problem (a bad date, a wrong type, a missing or
//! unknown field) with its path and position, keeps what could be read, and lets the rules run
//! over that too: a bad date in one event does not hide an unknown actor in another. A syntax
//! error (text that is not JSON) ends the reading; the problems before it are reported, and
//! the rules do not run over a file cut short. Rule violations are placed in the text
//! afterwards, through the offsets the second reading kept.
//!
//! Numbers out of range are quoted as the file writes them (`-1.25e1 is outside [-10, 10]`).

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::fmt;

use rustc_hash::FxHashMap;

use crate::date::{DaySpan, PartialDate};
use crate::model::{
    Actor, ActorIx, ActorKind, Category, CategoryIx, Dataset, DatasetMeta, Event,
    LocationPrecision, RawActor, RawDataset, RawEvent, SCHEMA_VERSION,
};
use crate::shape::{self, Problem, Seg, Walked};
use crate::suggest::Suggester;
use crate::text::fold_into;

/// One problem found in a data file.
///
/// Displays as `path: message`, followed by ` (line L, column C)` when the position is known,
/// e.g. `events[12] (id "moura-2022"): actors[1]: unknown actor "WAG"; did you mean
/// "wagner-group"?`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Where the problem is: `dataset.id`, `actors[3] (id "RUS"): affiliation`, `schema`...
    /// Empty for the document as a whole (a syntax error before anything was read).
    pub path: String,
    /// What is wrong, in words that say what to change.
    pub message: String,
    /// 1-based line in the JSON text, when the problem came from text.
    pub line: Option<usize>,
    /// 1-based column (in characters) in the JSON text, when the problem came from text.
    pub column: Option<usize>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.message)?;
        if let (Some(line), Some(column)) = (self.line, self.column) {
            write!(f, " (line {line}, column {column})")?;
        }
        Ok(())
    }
}

/// Every diagnostic on its own line, in the order given (file order when they come from this
/// module).
pub fn format_diagnostics(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&d.to_string());
        out.push('\n');
    }
    out
}

/// Reads a data file: JSON text to a validated [`Dataset`], or every problem found in it, in file
/// order, with line and column.
pub fn parse_dataset(json: &str) -> Result<Dataset, Vec<Diagnostic>> {
    let read = RawDataset::from_slice(json.as_bytes());
    let read_error = match read {
        Ok(raw) => {
            let (issues, resolved) = check(&raw, &Trust::all());
            if issues.is_empty() {
                return Ok(build(raw, resolved));
            }
            None
        }
        Err(e) => Some(e),
    };
    let mut diagnostics = diagnose(json);
    if diagnostics.is_empty() {
        // The walk reads what serde reads (a property test holds them to it); should they ever
        // differ, the file is still refused, with the reason serde gave.
        diagnostics.push(Diagnostic {
            path: String::new(),
            message: read_error.map_or_else(
                || "the file could not be read".to_string(),
                |e| e.to_string(),
            ),
            line: None,
            column: None,
        });
    }
    Err(diagnostics)
}

/// [`parse_dataset`] for a file's bytes, which may not be UTF-8 text (then that is one of the
/// problems reported, at its place).
pub fn parse_dataset_bytes(bytes: &[u8]) -> Result<Dataset, Vec<Diagnostic>> {
    match std::str::from_utf8(bytes) {
        Ok(text) => parse_dataset(text),
        Err(_) => Err(diagnose_bytes(bytes)),
    }
}

/// [`diagnose`] for a file's bytes: bytes that are not UTF-8 are a problem of their own, at
/// their position, and the rest of the file is still checked (with the bad bytes read as
/// U+FFFD).
pub fn diagnose_bytes(bytes: &[u8]) -> Vec<Diagnostic> {
    let text = String::from_utf8_lossy(bytes);
    let mut out = Vec::new();
    if let Err(e) = std::str::from_utf8(bytes) {
        let at = e.valid_up_to();
        // The lossy text is the same as the bytes up to the first bad one.
        let pos = positions(&text, &[Some(at)]).first().copied().flatten();
        out.push(Diagnostic {
            path: String::new(),
            message: format!(
                "the file is not UTF-8 text: byte {at} starts no character; save it as UTF-8"
            ),
            line: pos.map(|p| p.0),
            column: pos.map(|p| p.1),
        });
    }
    out.extend(diagnose(&text));
    out
}

/// Every problem in a data file's text (none for a valid file), in file order, with line and
/// column. A shape problem in one element does not stop the rules from checking the rest.
pub fn diagnose(json: &str) -> Vec<Diagnostic> {
    let walked = shape::read(json);
    let mut issues: Vec<Issue> = walked
        .problems
        .iter()
        .cloned()
        .map(Issue::from_problem)
        .collect();
    if !walked.syntax_error {
        let (rules, _) = check(&walked.raw, &Trust::of(&walked));
        issues.extend(rules);
    }
    finish(issues, Some((json, &walked)))
}

/// Checks a dataset already in memory (from a file, an import or [`crate::synth`]) and builds the
/// indexed [`Dataset`]: ids resolved to indices, events sorted by (date, id), spans, effective
/// tones and search text computed. On failure returns every problem, without line numbers.
pub fn validate(raw: RawDataset) -> Result<Dataset, Vec<Diagnostic>> {
    let (issues, resolved) = check(&raw, &Trust::all());
    if issues.is_empty() {
        Ok(build(raw, resolved))
    } else {
        Err(finish(issues, None))
    }
}

// ---------------------------------------------------------------------------------------------
// Issues: diagnostics before they are placed in the text.

/// The top-level parts of a file, in the order the schema lists them (the fallback sort order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Section {
    Root,
    Schema,
    Dataset,
    Actors,
    Categories,
    Events,
}

impl Section {
    fn key(self) -> &'static str {
        match self {
            Section::Root => "",
            Section::Schema => "schema",
            Section::Dataset => "dataset",
            Section::Actors => "actors",
            Section::Categories => "categories",
            Section::Events => "events",
        }
    }

    /// The section a top-level key names (`Root` for any other key).
    fn of_key(key: &str) -> Section {
        match key {
            "schema" => Section::Schema,
            "dataset" => Section::Dataset,
            "actors" => Section::Actors,
            "categories" => Section::Categories,
            "events" => Section::Events,
            _ => Section::Root,
        }
    }
}

/// A diagnostic with what is needed to place and order it.
#[derive(Debug)]
struct Issue {
    section: Section,
    /// The element of an array section (`events[index]`), if any.
    index: Option<usize>,
    /// From the element (or the section value) down to the offending value.
    rest: Vec<Seg>,
    path: String,
    message: String,
    /// Byte offset in the JSON text, once known.
    offset: Option<usize>,
    /// For "N is outside [lo, hi]": the range, so that N can be quoted from the text.
    range: Option<(i32, i32)>,
}

impl Issue {
    /// An issue from a problem the reader found: its path split into section, element and the
    /// rest, the element named by its id when the reader saw it.
    fn from_problem(p: Problem) -> Issue {
        let section = match p.path.first() {
            Some(Seg::Field(key)) => Section::of_key(key),
            _ => Section::Root,
        };
        let (index, rest) = match (section, p.path.get(1)) {
            (Section::Actors | Section::Categories | Section::Events, Some(&Seg::Index(i))) => {
                (Some(i), p.path.get(2..).unwrap_or_default())
            }
            (Section::Root, _) => (None, &p.path[..]),
            _ => (None, p.path.get(1..).unwrap_or_default()),
        };
        let path = match index {
            Some(i) => join(
                &entity(section, i, p.id.as_deref().unwrap_or_default()),
                true,
                &render(rest),
            ),
            None => join(section.key(), false, &render(rest)),
        };
        Issue {
            section,
            index,
            rest: Vec::new(),
            path,
            message: p.message,
            offset: Some(p.at),
            range: None,
        }
    }
}

/// `events[12] (id "moura-2022")`, or `events[12]` when the id is empty.
fn entity(section: Section, index: usize, id: &str) -> String {
    if id.is_empty() {
        format!("{}[{index}]", section.key())
    } else {
        format!("{}[{index}] (id {id:?})", section.key())
    }
}

/// `sources[0].url` from its segments.
fn render(rest: &[Seg]) -> String {
    let mut out = String::new();
    for seg in rest {
        match seg {
            Seg::Field(name) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(name);
            }
            Seg::Key(name) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(name);
            }
            Seg::Index(i) => {
                out.push_str(&format!("[{i}]"));
            }
        }
    }
    out
}

/// Joins a prefix and a relative path: elements read `prefix: rel`, plain sections `prefix.rel`.
fn join(prefix: &str, is_entity: bool, rel: &str) -> String {
    match (prefix.is_empty(), rel.is_empty()) {
        (_, true) => prefix.to_string(),
        (true, false) => rel.to_string(),
        (false, false) if is_entity => format!("{prefix}: {rel}"),
        (false, false) if rel.starts_with('[') => format!("{prefix}{rel}"),
        (false, false) => format!("{prefix}.{rel}"),
    }
}

/// Orders issues in file order and turns them into diagnostics; with the text (and what its
/// walk found), each is placed at its line and column.
fn finish(mut issues: Vec<Issue>, text: Option<(&str, &Walked)>) -> Vec<Diagnostic> {
    if let Some((json, walked)) = text {
        locate(json, walked, &mut issues);
    }
    // Generation order already follows the fields within an element; the stable sort keeps it.
    issues.sort_by_key(|i| (i.section, i.index));
    if text.is_some() && issues.iter().all(|i| i.offset.is_some()) {
        issues.sort_by_key(|i| i.offset);
    }
    let offsets: Vec<Option<usize>> = issues.iter().map(|i| i.offset).collect();
    let positions = text
        .map(|(json, _)| positions(json, &offsets))
        .unwrap_or_default();
    issues
        .into_iter()
        .enumerate()
        .map(|(k, i)| {
            let pos = positions.get(k).copied().flatten();
            Diagnostic {
                path: i.path,
                message: i.message,
                line: pos.map(|p| p.0),
                column: pos.map(|p| p.1),
            }
        })
        .collect()
}

/// What the rules may rely on in a dataset: all of it for one read whole, less for one salvaged
/// from a broken file, where a value that could not be read holds a placeholder.
struct Trust {
    /// Paths (`events`, 3, `date`) whose values are placeholders: no rule speaks about them.
    broken: Vec<Vec<Seg>>,
    /// Whether every actor id was read, so that an unknown actor reference is really unknown.
    actor_refs: bool,
    /// The same for categories.
    category_refs: bool,
}

impl Trust {
    /// A dataset read whole.
    fn all() -> Self {
        Trust {
            broken: Vec::new(),
            actor_refs: true,
            category_refs: true,
        }
    }

    /// A dataset salvaged by [`shape::read`].
    fn of(walked: &Walked) -> Self {
        // The list, an element of it, or an element's id could not be read.
        let whole = |section: &str| {
            !walked.broken.iter().any(|p| match p.as_slice() {
                [Seg::Field(s)] | [Seg::Field(s), Seg::Index(_)] => *s == section,
                [Seg::Field(s), Seg::Index(_), Seg::Field("id")] => *s == section,
                _ => false,
            })
        };
        Trust {
            broken: walked.broken.clone(),
            actor_refs: whole("actors"),
            category_refs: whole("categories"),
        }
    }

    /// Whether the value at `section`, element `index`, `rest` was read: no broken path is a
    /// prefix of it.
    fn read(&self, section: Section, index: Option<usize>, rest: &[Seg]) -> bool {
        if self.broken.is_empty() {
            return true;
        }
        let mut full = vec![Seg::Field(section.key())];
        if let Some(i) = index {
            full.push(Seg::Index(i));
        }
        full.extend_from_slice(rest);
        !self.broken.iter().any(|b| full.starts_with(b))
    }
}

// ---------------------------------------------------------------------------------------------
// The rules.

/// Ids to their first position. Fx hashing: these maps see every id and reference of up to a
/// million events at load, and the keys come from the file being loaded, not from an attacker
/// who could aim at collisions (the worst case would be a slow load of their own file).
type IdMap<'a> = FxHashMap<&'a str, usize>;

/// What the checks resolved, so that building never looks an id up again.
#[derive(Debug, Default)]
struct Resolved {
    affiliation: Vec<Option<ActorIx>>,
    succeeds: Vec<Option<ActorIx>>,
    category: Vec<CategoryIx>,
    actors: Vec<Vec<ActorIx>>,
}

/// Collects issues for one dataset.
struct Checker<'a> {
    raw: &'a RawDataset,
    trust: &'a Trust,
    issues: Vec<Issue>,
    actor_names: Option<Suggester<'a>>,
    category_names: Option<Suggester<'a>>,
}

impl<'a> Checker<'a> {
    /// Records a problem in an element of an array section.
    fn at(&mut self, section: Section, index: usize, id: &str, rest: &[Seg], message: String) {
        if !self.trust.read(section, Some(index), rest) {
            return;
        }
        let path = join(&entity(section, index, id), true, &render(rest));
        self.issues.push(Issue {
            section,
            index: Some(index),
            rest: rest.to_vec(),
            path,
            message,
            offset: None,
            range: None,
        });
    }

    /// Records a problem in a section that is not an array of elements (`schema`, `dataset`), or
    /// in an array section as a whole.
    fn in_section(&mut self, section: Section, rest: &[Seg], message: String) {
        if !self.trust.read(section, None, rest) {
            return;
        }
        let path = join(section.key(), false, &render(rest));
        self.issues.push(Issue {
            section,
            index: None,
            rest: rest.to_vec(),
            path,
            message,
            offset: None,
            range: None,
        });
    }

    fn suggest_actor(&mut self, wanted: &str) -> Option<&'a str> {
        let raw = self.raw;
        self.actor_names
            .get_or_insert_with(|| {
                Suggester::new(raw.actors.iter().map(|a| {
                    let names = std::iter::once(a.name.as_str())
                        .chain(a.aliases.iter().map(String::as_str));
                    (a.id.as_str(), names.collect())
                }))
            })
            .suggest(wanted)
    }

    fn suggest_category(&mut self, wanted: &str) -> Option<&'a str> {
        let raw = self.raw;
        self.category_names
            .get_or_insert_with(|| {
                Suggester::new(
                    raw.categories
                        .iter()
                        .map(|c| (c.id.as_str(), vec![c.label.as_str()])),
                )
            })
            .suggest(wanted)
    }
}

/// `unknown actor "WAG"; did you mean "wagner-group"?`
fn unknown(what: &str, wanted: &str, suggestion: Option<&str>) -> String {
    match suggestion {
        Some(s) => format!("unknown {what} {wanted:?}; did you mean {s:?}?"),
        None => format!("unknown {what} {wanted:?}"),
    }
}

/// "a company", "an armed group": an actor kind in a sentence.
fn kind_phrase(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::State => "a state",
        ActorKind::InternationalOrganisation => "an international organisation",
        ActorKind::ArmedGroup => "an armed group",
        ActorKind::Company => "a company",
        ActorKind::Other => "not a state",
    }
}

fn blank(s: &str) -> bool {
    s.trim().is_empty()
}

/// Ids travel in URLs and exports, so they are restricted to characters that need no escaping.
fn id_chars_ok(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn is_alpha3(id: &str) -> bool {
    id.len() == 3 && id.bytes().all(|b| b.is_ascii_uppercase())
}

fn is_hex_colour(s: &str) -> bool {
    s.len() == 7 && s.starts_with('#') && s.bytes().skip(1).all(|b| b.is_ascii_hexdigit())
}

/// Checks an element's id: present, made of safe characters, not used before in its section.
fn check_id<'a>(
    c: &mut Checker<'a>,
    section: Section,
    index: usize,
    id: &'a str,
    seen: &mut IdMap<'a>,
    what: &str,
) {
    let at = [Seg::Field("id")];
    if blank(id) {
        c.at(section, index, id, &at, "must not be empty".into());
        return;
    }
    if !id_chars_ok(id) {
        c.at(
            section,
            index,
            id,
            &at,
            format!("{id:?} is not a valid id; use only letters, digits, '-' and '_'"),
        );
    }
    match seen.entry(id) {
        Entry::Occupied(first) => {
            let msg = format!(
                "duplicate {what} id {id:?}, first used by {}[{}]",
                section.key(),
                first.get()
            );
            c.at(section, index, id, &at, msg);
        }
        Entry::Vacant(slot) => {
            slot.insert(index);
        }
    }
}

/// Checks that a number lies in [lo, hi] (NaN never does). The message shows the number by
/// [`fmt_number`] until `finish` can quote it from the text.
fn check_range(
    c: &mut Checker<'_>,
    at: (Section, usize, &str),
    rest: &[Seg],
    v: f64,
    lo: i32,
    hi: i32,
) {
    let (section, index, id) = at;
    if v.is_nan() {
        let msg = format!("NaN is not a number; use a value in [{lo}, {hi}]");
        c.at(section, index, id, rest, msg);
    } else if !(f64::from(lo)..=f64::from(hi)).contains(&v) {
        let msg = format!("{} is outside [{lo}, {hi}]", fmt_number(v));
        let before = c.issues.len();
        c.at(section, index, id, rest, msg);
        if c.issues.len() > before {
            if let Some(issue) = c.issues.last_mut() {
                issue.range = Some((lo, hi));
            }
        }
    }
}

/// A number for a message about a dataset built in memory (numbers read from a file are quoted
/// from it): at most six decimals without trailing zeros (`12.5`, `-11`, `0.000001`), and six
/// significant digits in scientific form from 10^15 on (`1.79769e308`).
fn fmt_number(v: f64) -> String {
    fn trim(s: &str) -> &str {
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.')
        } else {
            s
        }
    }
    if !v.is_finite() {
        return format!("{v}");
    }
    if v.abs() < 1e15 {
        let s = format!("{v:.6}");
        let t = trim(&s);
        return if t == "-0" {
            "0".to_string()
        } else {
            t.to_string()
        };
    }
    let s = format!("{v:.5e}");
    match s.split_once('e') {
        Some((mantissa, exp)) => format!("{}e{exp}", trim(mantissa)),
        None => s,
    }
}

/// Why a source link is refused, if it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UrlProblem {
    Spaces,
    Scheme,
    Host,
}

/// Only absolute http(s) links with a host are accepted: they are rendered as links in the page,
/// and any other scheme (`javascript:`, `file:`) would be unsafe or dead for readers. Hand-written
/// rather than a full URL parser because it runs on every source of up to a million events in
/// the browser and only needs the scheme and the host.
pub(crate) fn url_problem(url: &str) -> Option<UrlProblem> {
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some(UrlProblem::Spaces);
    }
    let Some((scheme, rest)) = url.split_once("://") else {
        return Some(UrlProblem::Scheme);
    };
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return Some(UrlProblem::Scheme);
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit('@').next().unwrap_or("");
    let host = if host_port.starts_with('[') {
        host_port
            .split(']')
            .next()
            .unwrap_or("")
            .trim_start_matches('[')
    } else {
        host_port.split(':').next().unwrap_or("")
    };
    if host.is_empty() {
        return Some(UrlProblem::Host);
    }
    None
}

/// Runs every rule over a dataset. Returns all issues, and the resolved references (meaningful
/// only when there are no issues).
fn check<'a>(raw: &'a RawDataset, trust: &'a Trust) -> (Vec<Issue>, Resolved) {
    let mut c = Checker {
        raw,
        trust,
        issues: Vec::new(),
        actor_names: None,
        category_names: None,
    };
    let mut resolved = Resolved::default();

    if raw.schema != SCHEMA_VERSION {
        c.in_section(
            Section::Schema,
            &[],
            format!(
                "unsupported schema version {}; this build reads version {SCHEMA_VERSION}",
                raw.schema
            ),
        );
    }
    check_meta(&mut c, &raw.dataset);

    // Actors first: everything else refers to them.
    let mut actor_ix = IdMap::with_capacity_and_hasher(raw.actors.len(), Default::default());
    for (i, a) in raw.actors.iter().enumerate() {
        check_id(&mut c, Section::Actors, i, &a.id, &mut actor_ix, "actor");
        if a.kind == ActorKind::State && id_chars_ok(&a.id) && !is_alpha3(&a.id) {
            c.at(
                Section::Actors,
                i,
                &a.id,
                &[Seg::Field("id")],
                format!(
                    "{:?} is not a state code; a state's id is its ISO 3166-1 alpha-3 code, \
                     3 capital letters such as \"MLI\"",
                    a.id
                ),
            );
        }
        if blank(&a.name) {
            c.at(
                Section::Actors,
                i,
                &a.id,
                &[Seg::Field("name")],
                "must not be empty".into(),
            );
        }
    }
    if u32::try_from(raw.actors.len()).is_err() {
        c.in_section(
            Section::Actors,
            &[],
            format!(
                "{} actors, more than the {} supported",
                raw.actors.len(),
                u32::MAX
            ),
        );
    }
    // Parents as indices; unknown and self references are reported here and left out, so the
    // cycle search below only sees real edges.
    let mut parent: Vec<Option<usize>> = Vec::with_capacity(raw.actors.len());
    for (i, a) in raw.actors.iter().enumerate() {
        let at = [Seg::Field("affiliation")];
        let p = match a.affiliation.as_deref() {
            None => None,
            Some(p) if p == a.id => {
                let msg = "an actor cannot be affiliated with itself".to_string();
                c.at(Section::Actors, i, &a.id, &at, msg);
                None
            }
            Some(p) => match actor_ix.get(p) {
                Some(&ix) => Some(ix),
                None if !c.trust.actor_refs => None,
                None => {
                    let suggestion = c.suggest_actor(p);
                    let msg = unknown("actor", p, suggestion);
                    c.at(Section::Actors, i, &a.id, &at, msg);
                    None
                }
            },
        };
        parent.push(p);
    }
    check_cycles(&mut c, &raw.actors, &parent, "affiliation");
    resolved.affiliation = parent.iter().map(|p| p.map(|p| p as ActorIx)).collect();

    // Succession: a state succeeds a state (RUS succeeds SUN), in chains without cycles, and no
    // two states succeed the same one (a break-up is told by the events, not by the list).
    let mut predecessor: Vec<Option<usize>> = Vec::with_capacity(raw.actors.len());
    let mut succeeded_by: FxHashMap<usize, usize> = FxHashMap::default();
    for (i, a) in raw.actors.iter().enumerate() {
        let at = [Seg::Field("succeeds")];
        let p = match a.succeeds.as_deref() {
            None => None,
            Some(p) if p == a.id => {
                let msg = "a state cannot succeed itself".to_string();
                c.at(Section::Actors, i, &a.id, &at, msg);
                None
            }
            Some(p) => match actor_ix.get(p) {
                Some(&ix) => Some(ix),
                None if !c.trust.actor_refs => None,
                None => {
                    let suggestion = c.suggest_actor(p);
                    let msg = unknown("actor", p, suggestion);
                    c.at(Section::Actors, i, &a.id, &at, msg);
                    None
                }
            },
        };
        if let Some(pi) = p {
            let kind_of = |k: usize| raw.actors.get(k).map(|a| a.kind);
            if a.kind != ActorKind::State {
                let msg = format!(
                    "only a state succeeds another; {:?} is {}",
                    a.id,
                    kind_phrase(a.kind)
                );
                c.at(Section::Actors, i, &a.id, &at, msg);
            } else if kind_of(pi) != Some(ActorKind::State) {
                let msg = format!(
                    "{:?} is not a state; a state succeeds a state",
                    raw.actors[pi].id
                );
                c.at(Section::Actors, i, &a.id, &at, msg);
            } else if let Some(&first) = succeeded_by.get(&pi) {
                let msg = format!(
                    "{:?} is already succeeded by {:?}",
                    raw.actors[pi].id, raw.actors[first].id
                );
                c.at(Section::Actors, i, &a.id, &at, msg);
            } else {
                succeeded_by.insert(pi, i);
            }
        }
        predecessor.push(p);
    }
    check_cycles(&mut c, &raw.actors, &predecessor, "succeeds");
    resolved.succeeds = predecessor
        .iter()
        .map(|p| p.map(|p| p as ActorIx))
        .collect();

    let mut category_ix = IdMap::with_capacity_and_hasher(raw.categories.len(), Default::default());
    for (i, cat) in raw.categories.iter().enumerate() {
        check_category(&mut c, i, cat, &mut category_ix);
    }
    if raw.categories.len() > CategoryIx::MAX as usize + 1 {
        c.in_section(
            Section::Categories,
            &[],
            format!(
                "{} categories, more than the {} supported",
                raw.categories.len(),
                CategoryIx::MAX as usize + 1
            ),
        );
    }

    let mut event_ix = IdMap::with_capacity_and_hasher(raw.events.len(), Default::default());
    resolved.category = Vec::with_capacity(raw.events.len());
    resolved.actors = Vec::with_capacity(raw.events.len());
    for (i, e) in raw.events.iter().enumerate() {
        let (cat, actors) = check_event(&mut c, i, e, &mut event_ix, &actor_ix, &category_ix);
        resolved.category.push(cat);
        resolved.actors.push(actors);
    }
    (c.issues, resolved)
}

fn check_meta(c: &mut Checker<'_>, meta: &DatasetMeta) {
    if blank(&meta.id) {
        let at = [Seg::Field("id")];
        c.in_section(Section::Dataset, &at, "must not be empty".into());
    }
    if blank(&meta.title) {
        let at = [Seg::Field("title")];
        c.in_section(Section::Dataset, &at, "must not be empty".into());
    }
}

/// Reports each cycle of `field` links (affiliation or succession) once, at its first actor in
/// file order. Each actor has at most one link, so one walk per actor that stops at anything
/// already seen is linear overall.
fn check_cycles(
    c: &mut Checker<'_>,
    actors: &[RawActor],
    parent: &[Option<usize>],
    field: &'static str,
) {
    // 0: not seen yet; otherwise 1 + the index of the walk that first reached it.
    let mut walk_of = vec![0usize; parent.len()];
    let mut path = Vec::new();
    let mut cycles: Vec<Vec<usize>> = Vec::new();
    for start in 0..parent.len() {
        if walk_of[start] != 0 {
            continue;
        }
        path.clear();
        let mut cur = start;
        loop {
            walk_of[cur] = start + 1;
            path.push(cur);
            let Some(p) = parent.get(cur).copied().flatten() else {
                break;
            };
            match walk_of.get(p).copied() {
                Some(0) => cur = p,
                Some(w) if w == start + 1 => {
                    if let Some(pos) = path.iter().position(|&x| x == p) {
                        cycles.push(path[pos..].to_vec());
                    }
                    break;
                }
                _ => break,
            }
        }
    }
    for cycle in cycles {
        let Some(&first) = cycle.iter().min() else {
            continue;
        };
        // List the cycle from its first actor, following the parents back to it.
        let mut ids = vec![actors[first].id.as_str()];
        let mut cur = first;
        for _ in 0..cycle.len() {
            match parent.get(cur).copied().flatten() {
                Some(p) => {
                    ids.push(actors[p].id.as_str());
                    cur = p;
                }
                None => break,
            }
        }
        let msg = format!("forms a cycle: {}", ids.join(" -> "));
        let id = actors[first].id.as_str();
        c.at(Section::Actors, first, id, &[Seg::Field(field)], msg);
    }
}

fn check_category<'a>(c: &mut Checker<'a>, i: usize, cat: &'a Category, seen: &mut IdMap<'a>) {
    let s = Section::Categories;
    check_id(c, s, i, &cat.id, seen, "category");
    if blank(&cat.label) {
        c.at(
            s,
            i,
            &cat.id,
            &[Seg::Field("label")],
            "must not be empty".into(),
        );
    }
    let tone = f64::from(cat.tone);
    check_range(c, (s, i, &cat.id), &[Seg::Field("tone")], tone, -10, 10);
    if !is_hex_colour(&cat.color) {
        let msg = format!("{:?} is not a colour of the form #rrggbb", cat.color);
        c.at(s, i, &cat.id, &[Seg::Field("color")], msg);
    }
}

/// Checks one event, in the order its fields are declared, and resolves its references.
fn check_event<'a>(
    c: &mut Checker<'a>,
    i: usize,
    e: &'a RawEvent,
    seen: &mut IdMap<'a>,
    actor_ix: &IdMap<'_>,
    category_ix: &IdMap<'_>,
) -> (CategoryIx, Vec<ActorIx>) {
    let s = Section::Events;
    let id = e.id.as_str();
    check_id(c, s, i, id, seen, "event");

    // The order of two dates means nothing if one of them is a placeholder.
    let dates_read = c.trust.read(s, Some(i), &[Seg::Field("date")]);
    if let (Some(end), true) = (e.end, dates_read) {
        if end.last_day() < e.date.first_day() {
            let msg = format!("{end} is before the start date {}", e.date);
            c.at(s, i, id, &[Seg::Field("end")], msg);
        }
    }
    if blank(&e.title) {
        c.at(s, i, id, &[Seg::Field("title")], "must not be empty".into());
    }

    let category = match category_ix.get(e.category.as_str()) {
        Some(&ix) => ix as CategoryIx,
        None if !c.trust.category_refs => 0,
        None => {
            let suggestion = c.suggest_category(&e.category);
            let msg = unknown("category", &e.category, suggestion);
            c.at(s, i, id, &[Seg::Field("category")], msg);
            0
        }
    };

    if e.actors.is_empty() {
        let msg = "an event needs at least one actor".to_string();
        c.at(s, i, id, &[Seg::Field("actors")], msg);
    }
    let mut actors: Vec<ActorIx> = Vec::with_capacity(e.actors.len());
    // Events name a handful of actors, so a linear scan beats hashing; a pathological list
    // switches to a map so the check stays linear.
    let mut many: Option<HashMap<ActorIx, usize>> = (e.actors.len() > 16).then(HashMap::new);
    for (k, a) in e.actors.iter().enumerate() {
        let at = [Seg::Field("actors"), Seg::Index(k)];
        let Some(&ix) = actor_ix.get(a.as_str()) else {
            if !c.trust.actor_refs {
                continue;
            }
            let suggestion = c.suggest_actor(a);
            c.at(s, i, id, &at, unknown("actor", a, suggestion));
            continue;
        };
        let ix = ix as ActorIx;
        let earlier = match many.as_mut() {
            Some(map) => match map.entry(ix) {
                Entry::Occupied(o) => Some(*o.get()),
                Entry::Vacant(v) => {
                    v.insert(k);
                    None
                }
            },
            // A repeat is rare: only then look for where the first listing was.
            None if actors.contains(&ix) => e.actors.iter().position(|x| x == a),
            None => None,
        };
        match earlier {
            Some(first) => {
                let msg = format!("{a:?} is listed twice (first at actors[{first}])");
                c.at(s, i, id, &at, msg);
            }
            None => actors.push(ix),
        }
    }

    if let Some(tone) = e.tone {
        check_range(
            c,
            (s, i, id),
            &[Seg::Field("tone")],
            f64::from(tone),
            -10,
            10,
        );
    }
    if let Some(loc) = &e.location {
        let axes = [("lat", loc.lat, 90), ("lon", loc.lon, 180)];
        for (name, value, limit) in axes {
            if let Some(v) = value {
                let at = [Seg::Field("location"), Seg::Field(name)];
                check_range(c, (s, i, id), &at, v, -limit, limit);
            }
        }
        // A country-level point stands for a country, so the country must be named.
        if loc.precision == Some(LocationPrecision::Country) && loc.country.is_none() {
            let at = [Seg::Field("location"), Seg::Field("precision")];
            let msg = "\"country\" precision needs a country".to_string();
            c.at(s, i, id, &at, msg);
        }
    }

    if e.sources.is_empty() {
        let msg = "an event needs at least one source".to_string();
        c.at(s, i, id, &[Seg::Field("sources")], msg);
    }
    for (k, src) in e.sources.iter().enumerate() {
        if blank(&src.publisher) {
            let at = [
                Seg::Field("sources"),
                Seg::Index(k),
                Seg::Field("publisher"),
            ];
            c.at(s, i, id, &at, "must not be empty".into());
        }
        // A source without a link is named by its publisher alone, checked above.
        let Some(url) = &src.url else {
            continue;
        };
        if let Some(problem) = url_problem(url) {
            let msg = match problem {
                UrlProblem::Spaces => format!("{url:?} contains spaces or control characters"),
                UrlProblem::Scheme => format!("{url:?} is not an http or https link"),
                UrlProblem::Host => format!("{url:?} has no host"),
            };
            let at = [Seg::Field("sources"), Seg::Index(k), Seg::Field("url")];
            c.at(s, i, id, &at, msg);
        }
    }
    (category, actors)
}

// ---------------------------------------------------------------------------------------------
// Building the dataset once every rule holds.

/// Builds the indexed dataset. Only called when [`check`] found nothing, so every reference was
/// resolved into `resolved` and every count fits its index type.
fn build(raw: RawDataset, resolved: Resolved) -> Dataset {
    let RawDataset {
        dataset: meta,
        actors: raw_actors,
        categories,
        events: raw_events,
        ..
    } = raw;

    // An actor's searchable words are the same in every event that names it: folded once here
    // and matched through the actor (see `CompiledFilter`), never copied into each event's text.
    let actor_text: Vec<String> = raw_actors
        .iter()
        .map(|a| {
            let mut t = String::new();
            fold_into(&mut t, &a.name);
            for alias in &a.aliases {
                fold_into(&mut t, alias);
            }
            fold_into(&mut t, &a.id);
            t
        })
        .collect();
    let actors: Vec<Actor> = raw_actors
        .into_iter()
        .zip(resolved.affiliation.iter().copied())
        .zip(resolved.succeeds.iter().copied())
        .map(|((a, affiliation), succeeds)| Actor {
            id: a.id,
            name: a.name,
            kind: a.kind,
            affiliation,
            aliases: a.aliases,
            succeeds,
        })
        .collect();

    // Events are taken from the back of the raw list, whose memory is given back every eighth
    // of the way: the raw and the built events are never both whole in memory (wasm memory
    // never shrinks, so this peak is the page's footprint). The order is restored by the sort.
    let mut raw_events = raw_events;
    let Resolved {
        category: mut event_category,
        actors: mut event_actors,
        ..
    } = resolved;
    let shrink_every = (raw_events.len() / 8).max(1);
    let mut events: Vec<Event> = Vec::with_capacity(raw_events.len());
    while let (Some(e), Some(category), Some(actor_list)) =
        (raw_events.pop(), event_category.pop(), event_actors.pop())
    {
        if raw_events.len() % shrink_every == 0 {
            raw_events.shrink_to_fit();
        }
        let start = e.date.first_day();
        let end = e.end.map_or(e.date.last_day(), |end| {
            end.last_day().max(e.date.last_day())
        });
        let category_tone = categories.get(category as usize).map_or(0.0, |c| c.tone);
        events.push(Event {
            id: e.id,
            date: e.date,
            end: e.end,
            span: DaySpan { start, end },
            title: e.title,
            summary: e.summary,
            category,
            actors: actor_list,
            tone: e.tone.unwrap_or(category_tone),
            tone_override: e.tone,
            milestone: e.milestone,
            location: e.location,
            sources: e.sources,
            tags: e.tags,
            notes: e.notes,
            verification: e.verification,
        });
    }
    drop((raw_events, event_category, event_actors));
    sort_events(&mut events);

    let max_span_days = events.iter().map(|e| e.span.len()).max().unwrap_or(0);
    let actor_ix = actors
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.clone(), i as ActorIx))
        .collect();
    let category_ix = categories
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.clone(), i as CategoryIx))
        .collect();
    let mut by_id: Vec<usize> = (0..events.len()).collect();
    by_id.sort_unstable_by(|&a, &b| events[a].id.cmp(&events[b].id));
    let index = crate::filter::EventIndex::build(&events);
    Dataset {
        meta,
        actors,
        categories,
        events,
        max_span_days,
        index,
        actor_ix,
        category_ix,
        by_id,
        actor_text,
        search: Default::default(),
    }
}

/// Sorts by (date, id) where dates compare as [`PartialDate`]'s `Ord` does. Its comparison
/// recomputes calendar days each time, so the key is computed once per event and an index
/// permutation is sorted instead of the (large) events themselves. The permutation is then
/// applied in place by swaps: collecting the events into a second vector would hold two copies
/// of the largest array of the dataset at the peak of the load (wasm memory never shrinks).
fn sort_events(events: &mut [Event]) {
    let key = |d: &PartialDate| (d.first_day(), d.precision(), d.last_day());
    // Keys sit in one contiguous array so comparisons stay cache-friendly; ids (scattered on the
    // heap) are only read to break ties between equal dates. Indices passed to the comparator
    // are below `events.len()`, so the indexing cannot fail.
    let keys: Vec<_> = events.iter().map(|e| key(&e.date)).collect();
    let mut order: Vec<usize> = (0..events.len()).collect();
    order.sort_by(|&a, &b| {
        keys[a]
            .cmp(&keys[b])
            .then_with(|| events[a].id.cmp(&events[b].id))
    });
    // Where the event now at each position belongs.
    let mut dest = vec![0usize; events.len()];
    for (to, &from) in order.iter().enumerate() {
        if let Some(d) = dest.get_mut(from) {
            *d = to;
        }
    }
    drop(order);
    // Each swap puts one event at its final place, so the loop ends after fewer than n swaps;
    // `dest` is a permutation (the sort only reorders indices), the bound only guards a bug.
    let mut budget = events.len();
    for i in 0..events.len() {
        while let Some(&d) = dest.get(i) {
            if d == i || d >= events.len() || budget == 0 {
                break;
            }
            events.swap(i, d);
            dest.swap(i, d);
            budget -= 1;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Placing rule violations in the text.

/// Fills in the byte offset of every issue that has none, from its section, element and path,
/// through the offsets the walk kept, and quotes numbers out of range as the file writes them.
fn locate(json: &str, walked: &Walked, issues: &mut [Issue]) {
    for issue in issues.iter_mut().filter(|i| i.offset.is_none()) {
        let key = issue.section.key();
        let Some(&(_, section_at)) = walked.sections.iter().find(|(k, _)| *k == key) else {
            continue;
        };
        let slot = match issue.section {
            Section::Actors => Some(0),
            Section::Categories => Some(1),
            Section::Events => Some(2),
            _ => None,
        };
        let start = match (issue.index, slot) {
            (Some(i), Some(slot)) => walked.elements[slot].get(i).copied(),
            _ => Some(section_at),
        };
        let Some(start) = start else {
            continue;
        };
        // A path that leads nowhere (a rule about a missing value) points at its container.
        let value = (0..=issue.rest.len())
            .rev()
            .find_map(|n| shape::find(json, start, &issue.rest[..n]));
        let Some(value) = value else {
            continue;
        };
        issue.offset = Some((value.get().as_ptr() as usize).saturating_sub(json.as_ptr() as usize));
        if let Some((lo, hi)) = issue.range {
            let text = value.get();
            if matches!(text.as_bytes().first(), Some(b'-' | b'0'..=b'9')) {
                issue.message = format!("{text} is outside [{lo}, {hi}]");
            }
        }
    }
}

/// 1-based (line, column) of each byte offset, columns in characters (what an editor shows
/// for most text). One forward pass over the text for all offsets together: a minified file is a
/// single line, where counting from the line start for each of thousands of diagnostics would be
/// quadratic.
fn positions(text: &str, offsets: &[Option<usize>]) -> Vec<Option<(usize, usize)>> {
    let mut order: Vec<(usize, usize)> = offsets
        .iter()
        .enumerate()
        .filter_map(|(k, off)| off.map(|off| (off, k)))
        .collect();
    order.sort_unstable();
    let bytes = text.as_bytes();
    let mut out = vec![None; offsets.len()];
    let (mut at, mut line, mut column) = (0usize, 1usize, 1usize);
    for (off, k) in order {
        let mut target = off.min(text.len());
        while !text.is_char_boundary(target) {
            target -= 1;
        }
        for &b in bytes.get(at..target).unwrap_or_default() {
            if b == b'\n' {
                line += 1;
                column = 1;
            } else if b & 0xC0 != 0x80 {
                // Count characters, not bytes: skip UTF-8 continuation bytes.
                column += 1;
            }
        }
        at = at.max(target);
        if let Some(slot) = out.get_mut(k) {
            *slot = Some((line, column));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Location, Source, SourceType};
    use proptest::prelude::*;

    /// A small valid file: three actors (one affiliated), two categories, two events out of date
    /// order, one known to the month only and one with an end date.
    const FIXTURE: &str = r##"{
  "schema": 1,
  "dataset": {
    "id": "sahel-test",
    "title": "Sahel test",
    "description": "A tiny dataset for tests.",
    "version": "1.0.0",
    "updated": "2024-05-01",
    "license": "CC BY 4.0"
  },
  "actors": [
    { "id": "MLI", "name": "Mali", "kind": "state" },
    { "id": "RUS", "name": "Russia", "kind": "state", "aliases": ["Russian Federation"] },
    { "id": "wagner-group", "name": "Wagner Group", "kind": "armed_group", "affiliation": "RUS" }
  ],
  "categories": [
    { "id": "deployment", "label": "Deployment", "definition": "Forces arrive.", "tone": -2, "color": "#aa3300" },
    { "id": "diplomatic", "label": "Diplomatic", "definition": "Talks and visits.", "tone": 3, "color": "#3366CC" }
  ],
  "events": [
    {
      "id": "moura-2022",
      "date": "2022-03-27",
      "end": "2022-03-31",
      "title": "Moura operation",
      "summary": "Malian troops and foreign personnel conduct an operation in Moura.",
      "category": "deployment",
      "actors": ["MLI", "wagner-group"],
      "tone": -8,
      "location": { "place": "Moura", "country": "MLI", "lat": 14.2, "lon": -4.6 },
      "sources": [
        { "publisher": "UN OHCHR", "url": "https://www.ohchr.org/en/moura", "published": "2023-05-12", "type": "un" }
      ],
      "verification": "verified"
    },
    {
      "id": "visit-2021",
      "date": "2021-11",
      "title": "Ministerial visit to Moscow",
      "summary": "",
      "category": "diplomatic",
      "actors": ["MLI", "RUS"],
      "sources": [
        { "publisher": "Agence Ménaka", "url": "HTTPS://example.org/visit", "type": "media", "note": "date not shown on the page" }
      ],
      "tags": ["Visite officielle"],
      "verification": "partial"
    }
  ]
}"##;

    fn fixture() -> RawDataset {
        serde_json::from_str(FIXTURE).unwrap()
    }

    fn lines(diags: &[Diagnostic]) -> Vec<String> {
        diags.iter().map(|d| d.to_string()).collect()
    }

    fn day(s: &str) -> crate::date::Day {
        s.parse::<PartialDate>().unwrap().first_day()
    }

    /// The fixture builds: events sorted by date, spans from the first day of `date` to the last
    /// day of `end`, effective tones, folded search text and every lookup.
    #[test]
    fn valid_dataset_builds() {
        let ds = parse_dataset(FIXTURE).unwrap();
        let ids: Vec<&str> = ds.events.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["visit-2021", "moura-2022"]);
        let visit = &ds.events[0];
        let moura = &ds.events[1];
        assert_eq!(
            visit.span,
            DaySpan {
                start: day("2021-11-01"),
                end: day("2021-11-30")
            }
        );
        assert_eq!(
            moura.span,
            DaySpan {
                start: day("2022-03-27"),
                end: day("2022-03-31")
            }
        );
        assert_eq!(ds.max_span_days, 30);
        assert_eq!((visit.tone, visit.tone_override), (3.0, None));
        assert_eq!((moura.tone, moura.tone_override), (-8.0, Some(-8.0)));
        assert_eq!(moura.actors, [0, 2]);
        assert_eq!(moura.category, 0);
        // The search index is only built when first asked for.
        assert!(!ds.search_ready());
        // Actor names are searched through the actors, not copied into each event's text.
        assert_eq!(
            ds.search().texts[0],
            "ministerial visit to moscow agence menaka visite officielle"
        );
        assert_eq!(
            ds.actor_text,
            [
                "mali mli",
                "russia russian federation rus",
                "wagner group wagner-group"
            ]
        );
        assert_eq!(ds.actor_by_id("wagner-group"), Some(2));
        assert_eq!(ds.actors[2].affiliation, Some(1));
        assert_eq!(ds.root_of(2), 1);
        assert_eq!(ds.category_by_id("diplomatic"), Some(1));
        assert_eq!(ds.event_by_id("moura-2022"), Some(1));
        assert_eq!(ds.event_by_id("nope"), None);
        assert_eq!(validate(fixture()), Ok(ds));
    }

    /// Same-date events sort by id, and a coarse date sorts before finer ones on its first day,
    /// exactly as `PartialDate`'s order says.
    #[test]
    fn events_sort_by_date_then_id() {
        let mut raw = fixture();
        let template = raw.events[0].clone();
        raw.events.clear();
        for (id, date) in [
            ("b", "2022-03-01"),
            ("a", "2022-03-01"),
            ("c", "2022-03"),
            ("d", "2022"),
        ] {
            let mut e = template.clone();
            e.id = id.into();
            e.date = date.parse().unwrap();
            e.end = None;
            raw.events.push(e);
        }
        let ds = validate(raw).unwrap();
        let ids: Vec<&str> = ds.events.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["d", "c", "a", "b"]);
        assert_eq!(ds.max_span_days, 365);
        let end_only = ds.events.iter().map(|e| e.span.end).max();
        assert_eq!(end_only, Some(day("2022-12-31")));
    }

    type Mutation = fn(&mut RawDataset);

    /// Each rule, broken alone in an otherwise valid dataset, yields exactly its message.
    #[test]
    fn one_golden_message_per_rule() {
        let cases: Vec<(Mutation, &str)> = vec![
            (|r| r.schema = 2, "schema: unsupported schema version 2; this build reads version 1"),
            (|r| r.dataset.id = " ".into(), "dataset.id: must not be empty"),
            (|r| r.dataset.title = String::new(), "dataset.title: must not be empty"),
            (
                |r| r.actors.push(r.actors[1].clone()),
                "actors[3] (id \"RUS\"): id: duplicate actor id \"RUS\", first used by actors[1]",
            ),
            (
                |r| r.categories.push(r.categories[0].clone()),
                "categories[2] (id \"deployment\"): id: duplicate category id \"deployment\", first used by categories[0]",
            ),
            (
                |r| r.events[1].id = "moura-2022".into(),
                "events[1] (id \"moura-2022\"): id: duplicate event id \"moura-2022\", first used by events[0]",
            ),
            (|r| r.events[0].id = String::new(), "events[0]: id: must not be empty"),
            (
                |r| r.actors[2].name = "".into(),
                "actors[2] (id \"wagner-group\"): name: must not be empty",
            ),
            (
                |r| {
                    r.actors[2].id = "wagner group".into();
                    r.events[0].actors[1] = "wagner group".into();
                },
                "actors[2] (id \"wagner group\"): id: \"wagner group\" is not a valid id; use only letters, digits, '-' and '_'",
            ),
            (
                |r| {
                    r.actors[0].id = "Mali".into();
                    for e in &mut r.events {
                        e.actors[0] = "Mali".into();
                    }
                },
                "actors[0] (id \"Mali\"): id: \"Mali\" is not a state code; a state's id is its ISO 3166-1 alpha-3 code, 3 capital letters such as \"MLI\"",
            ),
            (
                |r| r.events[0].actors[1] = "WAG".into(),
                "events[0] (id \"moura-2022\"): actors[1]: unknown actor \"WAG\"; did you mean \"wagner-group\"?",
            ),
            (
                |r| r.events[0].actors[1] = "Wagner Group".into(),
                "events[0] (id \"moura-2022\"): actors[1]: unknown actor \"Wagner Group\"; did you mean \"wagner-group\"?",
            ),
            (
                |r| r.events[0].actors[1] = "XYZ".into(),
                "events[0] (id \"moura-2022\"): actors[1]: unknown actor \"XYZ\"",
            ),
            (
                |r| r.events[0].category = "deploy".into(),
                "events[0] (id \"moura-2022\"): category: unknown category \"deploy\"; did you mean \"deployment\"?",
            ),
            (
                |r| r.actors[2].affiliation = Some("Russian Federation".into()),
                "actors[2] (id \"wagner-group\"): affiliation: unknown actor \"Russian Federation\"; did you mean \"RUS\"?",
            ),
            (
                |r| r.actors[2].affiliation = Some("wagner-group".into()),
                "actors[2] (id \"wagner-group\"): affiliation: an actor cannot be affiliated with itself",
            ),
            (
                |r| r.actors[1].affiliation = Some("wagner-group".into()),
                "actors[1] (id \"RUS\"): affiliation: forms a cycle: RUS -> wagner-group -> RUS",
            ),
            (
                |r| r.events[1].actors.push("MLI".into()),
                "events[1] (id \"visit-2021\"): actors[2]: \"MLI\" is listed twice (first at actors[0])",
            ),
            (
                |r| r.events[1].actors.clear(),
                "events[1] (id \"visit-2021\"): actors: an event needs at least one actor",
            ),
            (
                |r| r.events[0].end = Some("2022-02".parse().unwrap()),
                "events[0] (id \"moura-2022\"): end: 2022-02 is before the start date 2022-03-27",
            ),
            (
                |r| r.events[0].title = "\t".into(),
                "events[0] (id \"moura-2022\"): title: must not be empty",
            ),
            (
                |r| r.events[0].sources.clear(),
                "events[0] (id \"moura-2022\"): sources: an event needs at least one source",
            ),
            (
                |r| r.events[0].sources[0].url = Some("ftp://example.org/a".into()),
                "events[0] (id \"moura-2022\"): sources[0].url: \"ftp://example.org/a\" is not an http or https link",
            ),
            (
                |r| r.events[0].sources[0].url = Some("https:///a".into()),
                "events[0] (id \"moura-2022\"): sources[0].url: \"https:///a\" has no host",
            ),
            (
                |r| r.events[0].sources[0].url = Some("https://example.org/a b".into()),
                "events[0] (id \"moura-2022\"): sources[0].url: \"https://example.org/a b\" contains spaces or control characters",
            ),
            (
                |r| r.events[0].sources[0].publisher = String::new(),
                "events[0] (id \"moura-2022\"): sources[0].publisher: must not be empty",
            ),
            (
                |r| {
                    r.events[0].sources[0].url = None;
                    r.events[0].sources[0].publisher = " ".into();
                },
                "events[0] (id \"moura-2022\"): sources[0].publisher: must not be empty",
            ),
            (
                |r| r.categories[0].tone = 12.5,
                "categories[0] (id \"deployment\"): tone: 12.5 is outside [-10, 10]",
            ),
            (
                |r| r.categories[0].tone = f32::NAN,
                "categories[0] (id \"deployment\"): tone: NaN is not a number; use a value in [-10, 10]",
            ),
            (
                |r| r.events[0].tone = Some(-11.0),
                "events[0] (id \"moura-2022\"): tone: -11 is outside [-10, 10]",
            ),
            (
                |r| r.categories[1].color = "blue".into(),
                "categories[1] (id \"diplomatic\"): color: \"blue\" is not a colour of the form #rrggbb",
            ),
            (
                |r| r.categories[1].label = "".into(),
                "categories[1] (id \"diplomatic\"): label: must not be empty",
            ),
            (
                |r| r.events[0].location.as_mut().unwrap().lat = Some(91.0),
                "events[0] (id \"moura-2022\"): location.lat: 91 is outside [-90, 90]",
            ),
            (
                |r| r.events[0].location.as_mut().unwrap().lon = Some(-180.5),
                "events[0] (id \"moura-2022\"): location.lon: -180.5 is outside [-180, 180]",
            ),
            (
                |r| {
                    let loc = r.events[0].location.as_mut().unwrap();
                    loc.country = None;
                    loc.precision = Some(LocationPrecision::Country);
                },
                "events[0] (id \"moura-2022\"): location.precision: \"country\" precision needs a country",
            ),
        ];
        for (mutate, want) in cases {
            let mut raw = fixture();
            mutate(&mut raw);
            let got = lines(&validate(raw).unwrap_err());
            assert_eq!(got, [want]);
        }
    }

    /// A summary may be empty, a source may lack a publication date, and a state may have a
    /// former-state alpha-3 code: none of these is an error.
    #[test]
    fn tolerated_forms() {
        let mut raw = fixture();
        raw.events[0].summary.clear();
        raw.events[0].sources[0].published = None;
        raw.actors[0].id = "SUN".into();
        for e in &mut raw.events {
            e.actors[0] = "SUN".into();
        }
        raw.actors.push(RawActor {
            id: "Some_Org-2".into(),
            name: "Some organisation".into(),
            kind: ActorKind::Other,
            affiliation: None,
            aliases: vec![],
            succeeds: None,
        });
        raw.events[1].location = Some(Location {
            place: None,
            country: None,
            lat: Some(-90.0),
            lon: Some(180.0),
            precision: None,
        });
        raw.events[1].sources.push(Source {
            publisher: "P".into(),
            url: Some("http://user@[::1]:8080/x?y#z".into()),
            published: None,
            kind: SourceType::Other,
            note: None,
        });
        // A source named without a link.
        raw.events[1].sources.push(Source {
            publisher: "Agence Ménaka, 12 May 2023".into(),
            url: None,
            published: None,
            kind: SourceType::Media,
            note: None,
        });
        assert!(validate(raw).is_ok());
    }

    /// Suggestions come from ids, names and aliases, ignoring case and accents, and are withheld
    /// when nothing is close.
    #[test]
    fn did_you_mean() {
        let cases = [
            ("WAG", Some("wagner-group")),
            ("wagner-gruop", Some("wagner-group")),
            ("wagner_group", Some("wagner-group")),
            ("rus", Some("RUS")),
            ("russian federation", Some("RUS")),
            ("RU", Some("RUS")),
            ("MALI", Some("MLI")),
            ("XLI", Some("MLI")),
            ("USA", None),
            ("", None),
        ];
        let raw = fixture();
        let trust = Trust::all();
        let mut c = Checker {
            raw: &raw,
            trust: &trust,
            issues: vec![],
            actor_names: None,
            category_names: None,
        };
        for (wanted, want) in cases {
            assert_eq!(c.suggest_actor(wanted), want, "{wanted:?}");
        }
    }

    /// Links: any case of http/https, with a host; nothing else.
    #[test]
    fn urls() {
        let cases = [
            ("https://example.org", None),
            ("HTTP://example.org/a?b#c", None),
            ("https://user:pw@example.org:8443/", None),
            ("https://[2001:db8::1]/x", None),
            ("example.org/a", Some(UrlProblem::Scheme)),
            ("javascript://alert(1)", Some(UrlProblem::Scheme)),
            ("mailto:a@example.org", Some(UrlProblem::Scheme)),
            ("https://", Some(UrlProblem::Host)),
            ("https://:80/", Some(UrlProblem::Host)),
            ("https://user@/", Some(UrlProblem::Host)),
            (" https://example.org", Some(UrlProblem::Spaces)),
            ("", Some(UrlProblem::Scheme)),
        ];
        for (url, want) in cases {
            assert_eq!(url_problem(url), want, "{url:?}");
        }
    }

    /// Bytes that are not UTF-8 are named at their place, and the rest is still checked.
    #[test]
    fn not_utf8() {
        let mut bytes = FIXTURE.replace(r#""Mali""#, r#""MaXi""#).into_bytes();
        let at = bytes.windows(4).position(|w| w == b"MaXi").unwrap() + 2;
        bytes[at] = 0xFF;
        let got = lines(&diagnose_bytes(&bytes));
        assert_eq!(
            got,
            [format!("the file is not UTF-8 text: byte {at} starts no character; save it as UTF-8 (line 12, column 31)")]
        );
        assert!(diagnose_bytes(FIXTURE.as_bytes()).is_empty());
    }

    /// Shape problems (an impossible date, a wrong type, a missing field) do not hide the rules'
    /// problems elsewhere in the file: an unknown actor, a duplicate id, a `javascript:` link, an
    /// unknown category; a value that could not be read is not judged by the rules.
    #[test]
    fn shape_problems_do_not_stop_the_rules() {
        let json = FIXTURE
            .replace(r#""date": "2022-03-27""#, r#""date": "2010-13-40""#)
            .replace(r#"["MLI", "wagner-group"]"#, r#"["MLI", "WAG"]"#)
            .replace(r#""id": "visit-2021""#, r#""id": "moura-2022""#)
            .replace(
                r#""HTTPS://example.org/visit""#,
                r#"" JavaScript:alert(1)""#,
            )
            .replace(r#""category": "diplomatic""#, r#""category": "diplomacy""#)
            .replace(r#""title": "Ministerial visit to Moscow","#, "")
            .replace(r#""tone": 3,"#, r#""tone": "3","#);
        let got = lines(&parse_dataset(&json).unwrap_err());
        assert_eq!(
            got,
            [
                "categories[1] (id \"diplomatic\"): tone: invalid type: string \"3\", expected a number (line 18, column 93)",
                "events[0] (id \"moura-2022\"): date: \"2010-13-40\" is not a real calendar date (line 23, column 15)",
                "events[0] (id \"moura-2022\"): actors[1]: unknown actor \"WAG\"; did you mean \"wagner-group\"? (line 28, column 25)",
                "events[1] (id \"moura-2022\"): missing field `title` (line 36, column 5)",
                "events[1] (id \"moura-2022\"): id: duplicate event id \"moura-2022\", first used by events[0] (line 37, column 13)",
                "events[1] (id \"moura-2022\"): category: unknown category \"diplomacy\"; did you mean \"diplomatic\"? (line 41, column 19)",
                "events[1] (id \"moura-2022\"): sources[0].url: \" JavaScript:alert(1)\" contains spaces or control characters (line 44, column 48)",
            ]
        );
        // The command line and the app list the same, through the same function.
        assert_eq!(diagnose(&json).len(), got.len());
    }

    /// State succession: a state succeeds a known state, not itself, without cycles, and no
    /// state has two successors.
    #[test]
    fn succession_rules() {
        // (edit of the fixture's actors, expected messages)
        type Edit = fn(&mut RawDataset);
        let cases: [(Edit, &[&str]); 6] = [
            (|r| r.actors[1].succeeds = Some("MLI".into()), &[]),
            (
                |r| r.actors[1].succeeds = Some("RUS".into()),
                &["actors[1] (id \"RUS\"): succeeds: a state cannot succeed itself"],
            ),
            (
                |r| r.actors[1].succeeds = Some("SUNN".into()),
                &["actors[1] (id \"RUS\"): succeeds: unknown actor \"SUNN\""],
            ),
            (
                |r| r.actors[2].succeeds = Some("RUS".into()),
                &["actors[2] (id \"wagner-group\"): succeeds: only a state succeeds another; \"wagner-group\" is an armed group"],
            ),
            (
                |r| {
                    r.actors[0].succeeds = Some("RUS".into());
                    r.actors[1].succeeds = Some("MLI".into());
                },
                &["actors[0] (id \"MLI\"): succeeds: forms a cycle: MLI -> RUS -> MLI"],
            ),
            (
                |r| r.actors[1].succeeds = Some("wagner-group".into()),
                &["actors[1] (id \"RUS\"): succeeds: \"wagner-group\" is not a state; a state succeeds a state"],
            ),
        ];
        for (edit, want) in cases {
            let mut raw = fixture();
            edit(&mut raw);
            let got = match validate(raw) {
                Ok(_) => Vec::new(),
                Err(d) => lines(&d),
            };
            assert_eq!(got, want);
        }
        // Two successors of one state.
        let mut raw = fixture();
        raw.actors[0].succeeds = Some("wagner-group".into());
        raw.actors[2].kind = ActorKind::State;
        raw.actors[2].id = "WAG".into();
        raw.actors[0].succeeds = Some("WAG".into());
        raw.actors[1].succeeds = Some("WAG".into());
        for e in &mut raw.events {
            for a in &mut e.actors {
                if a == "wagner-group" {
                    *a = "WAG".into();
                }
            }
        }
        let got = lines(&validate(raw).unwrap_err());
        assert_eq!(
            got,
            ["actors[1] (id \"RUS\"): succeeds: \"WAG\" is already succeeded by \"MLI\""]
        );
    }

    /// Every problem is reported in one run, in file order, each with its position in the text.
    #[test]
    fn reports_everything_at_once() {
        let json = FIXTURE
            .replace(r#""title": "Sahel test""#, r#""title": """#)
            .replace(r##""color": "#aa3300""##, r##""color": "#aa33""##)
            .replace(r#"["MLI", "wagner-group"]"#, r#"["MLI", "WAG"]"#)
            .replace(r#""HTTPS://example.org/visit""#, r#""example.org/visit""#)
            .replace(r#""affiliation": "RUS""#, r#""affiliation": "RUSS""#);
        let got = lines(&parse_dataset(&json).unwrap_err());
        assert_eq!(
            got,
            [
                "dataset.title: must not be empty (line 5, column 14)",
                "actors[2] (id \"wagner-group\"): affiliation: unknown actor \"RUSS\"; did you mean \"RUS\"? (line 14, column 91)",
                "categories[0] (id \"deployment\"): color: \"#aa33\" is not a colour of the form #rrggbb (line 17, column 103)",
                "events[0] (id \"moura-2022\"): actors[1]: unknown actor \"WAG\"; did you mean \"wagner-group\"? (line 28, column 25)",
                "events[1] (id \"visit-2021\"): sources[0].url: \"example.org/visit\" is not an http or https link (line 44, column 48)",
            ]
        );
    }

    /// Shape errors (bad dates, wrong types, unknown or missing fields) carry the element's id,
    /// the field and the position in the whole file, and every bad element is reported.
    #[test]
    fn shape_errors() {
        // (text replacements in the fixture, expected diagnostics)
        type Case = (Vec<(&'static str, &'static str)>, Vec<&'static str>);
        let cases: Vec<Case> = vec![
            (
                vec![(r#""2022-03-27""#, r#""2022-13-27""#)],
                vec!["events[0] (id \"moura-2022\"): date: \"2022-13-27\" is not a real calendar date (line 23, column 15)"],
            ),
            (
                vec![(r#""2021-11""#, r#""Nov 2021""#), (r#""2023-05-12""#, r#""2023-02-30""#)],
                vec![
                    "events[0] (id \"moura-2022\"): sources[0].published: \"2023-02-30\" is not a real calendar date (line 32, column 90)",
                    "events[1] (id \"visit-2021\"): date: \"Nov 2021\" is not a date; write YYYY, YYYY-MM or YYYY-MM-DD (line 38, column 15)",
                ],
            ),
            (
                vec![(r#""schema": 1"#, r#""schema": "1""#)],
                vec!["schema: invalid type: string \"1\", expected u32 (line 2, column 13)"],
            ),
            (
                vec![(r##""color": "#aa3300""##, r##""colour": "#aa3300""##)],
                vec![
                    "categories[0] (id \"deployment\"): missing field `color` (line 17, column 5)",
                    "categories[0] (id \"deployment\"): colour: unknown field `colour`, expected one of `id`, `label`, `definition`, `tone`, `color` (line 17, column 104)",
                ],
            ),
            (
                vec![(r#""title": "Ministerial visit to Moscow","#, "")],
                vec!["events[1] (id \"visit-2021\"): missing field `title` (line 36, column 5)"],
            ),
            (
                vec![(r#""type": "un""#, r#""type": "blog""#)],
                vec!["events[0] (id \"moura-2022\"): sources[0].type: unknown variant `blog`, expected one of `un`, `ngo`, `government`, `state_media`, `media`, `research`, `other` (line 32, column 112)"],
            ),
            (
                vec![(r#""kind": "state" }"#, r#""kind": "state", "extra": 1 }"#)],
                vec![
                    "actors[0] (id \"MLI\"): extra: unknown field `extra`, expected one of `id`, `name`, `kind`, `affiliation`, `aliases`, `succeeds` (line 12, column 62)",
                ],
            ),
            (
                vec![(r#""schema": 1,"#, r#""schema": 1, "bogus": true,"#)],
                vec!["bogus: unknown field `bogus`, expected one of `schema`, `dataset`, `actors`, `categories`, `events` (line 2, column 25)"],
            ),
            (
                vec![(r#""verification": "partial""#, r#""verification": "partial",,"#)],
                vec!["events[1] (id \"visit-2021\"): expected a key in double quotes, found `,` (line 47, column 33)"],
            ),
            (
                vec![(r#""verified""#, r#"verified"#)],
                vec!["events[0] (id \"moura-2022\"): verification: expected a value, found `v` (line 34, column 23)"],
            ),
        ];
        for (edits, want) in cases {
            let mut json = FIXTURE.to_string();
            for (from, to) in &edits {
                assert!(json.contains(from), "{from}");
                json = json.replace(from, to);
            }
            let got = lines(&parse_dataset(&json).unwrap_err());
            assert_eq!(got, want, "{edits:?}");
        }
    }

    /// Every shape problem comes out of one reading: several in one element, in file order,
    /// the element named by an id written after them; a syntax error further on ends the list.
    #[test]
    fn every_shape_problem_at_once() {
        let json = FIXTURE
            .replace(r#""date": "2021-11""#, r#""date": "2021-13""#)
            .replace(
                r#""title": "Ministerial visit to Moscow""#,
                r#""title": 7, "colour": "red""#,
            )
            .replace(r#""type": "media""#, r#""type": "blog""#)
            .replace(
                r#""id": "visit-2021",
      "#,
                "",
            )
            .replace(
                r#""verification": "partial""#,
                r#""verification": "partial", "id": "visit-2021""#,
            )
            .replace(r#""MLI", "wagner-group""#, r#""MLI", 5"#);
        let got = lines(&parse_dataset(&json).unwrap_err());
        assert_eq!(
            got,
            [
                "events[0] (id \"moura-2022\"): actors[1]: invalid type: integer `5`, expected a string (line 28, column 25)",
                "events[1] (id \"visit-2021\"): date: \"2021-13\" is not a real calendar date (line 37, column 15)",
                "events[1] (id \"visit-2021\"): title: invalid type: integer `7`, expected a string (line 38, column 16)",
                "events[1] (id \"visit-2021\"): colour: unknown field `colour`, expected one of `id`, `date`, `end`, `title`, `summary`, `category`, `actors`, `tone`, `milestone`, `location`, `sources`, `tags`, `notes`, `verification` (line 38, column 29)",
                "events[1] (id \"visit-2021\"): sources[0].type: unknown variant `blog`, expected one of `un`, `ngo`, `government`, `state_media`, `media`, `research`, `other` (line 43, column 85)",
            ]
        );
        // Cut short before the id: the problems are kept, without the id, and the end of the
        // text is reported after them.
        let cut = &json[..json.find("\"tags\"").unwrap()];
        let got = lines(&parse_dataset(cut).unwrap_err());
        assert_eq!(got.len(), 6, "{got:#?}");
        assert!(got[1].starts_with("events[1]: date: "), "{got:#?}");
        assert_eq!(
            got[5],
            "events[1]: expected a key in double quotes, found the end of the file (line 45, column 7)"
        );
    }

    /// What each kind of shape problem says, at the start of the offending value.
    #[test]
    fn shape_messages() {
        // (replacement in the fixture, expected diagnostic)
        let cases: [(&str, &str, &str); 13] = [
            (r#""actors": ["MLI", "RUS"]"#, r#""actors": "MLI""#, "events[1] (id \"visit-2021\"): actors: invalid type: string \"MLI\", expected an array (line 42, column 17)"),
            (r#""location": {"#, r#""location": 5, "x": {"#, "events[0] (id \"moura-2022\"): location: invalid type: integer `5`, expected an object (line 30, column 19)"),
            (r#""tone": -8,"#, r#""milestone": "yes","#, "events[0] (id \"moura-2022\"): milestone: invalid type: string \"yes\", expected `true` or `false` (line 29, column 20)"),
            (r#""tone": -8,"#, r#""tone": 1e999,"#, "events[0] (id \"moura-2022\"): tone: 1e999 is too large for a number (line 29, column 15)"),
            (r#""tone": -8,"#, r#""tone": null, "tone": 1,"#, "events[0] (id \"moura-2022\"): tone: duplicate field `tone` (line 29, column 29)"),
            (r#""kind": "state" }"#, r#""kind": 1.5 }"#, "actors[0] (id \"MLI\"): kind: invalid type: floating point `1.5`, expected one of `state`, `international_organisation`, `armed_group`, `company`, `other` (line 12, column 44)"),
            (r#""schema": 1,"#, r#""schema": -1,"#, "schema: invalid value: integer `-1`, expected u32 (line 2, column 13)"),
            (r#""schema": 1,"#, r#""schema": 1e0,"#, "schema: invalid type: floating point `1e0`, expected u32 (line 2, column 13)"),
            (r#""lat": 14.2"#, r#""lat": true"#, "events[0] (id \"moura-2022\"): location.lat: invalid type: boolean `true`, expected a number (line 30, column 64)"),
            (r#""published": "2023-05-12""#, r#""published": 2023"#, "events[0] (id \"moura-2022\"): sources[0].published: invalid type: integer `2023`, expected a date (a string \"YYYY\", \"YYYY-MM\" or \"YYYY-MM-DD\") (line 32, column 90)"),
            (r#""sources": ["#, r#""sources": [null, "#, "events[0] (id \"moura-2022\"): sources[0]: invalid type: null, expected an object (line 31, column 19)"),
            (r#""dataset": {"#, r#""dataset": [], "x": {"#, "dataset: invalid type: an array, expected an object (line 3, column 14)"),
            (r#""title": "Sahel test","#, r#""title": "Sahel test", "ti\u0074le": "again","#, "dataset.title: duplicate field `title` (line 5, column 42)"),
        ];
        for (from, to, want) in cases {
            assert!(FIXTURE.contains(from), "{from}");
            let json = FIXTURE.replacen(from, to, 1);
            let got = lines(&parse_dataset(&json).unwrap_err());
            assert_eq!(
                got.first().map(String::as_str),
                Some(want),
                "{to}: {got:#?}"
            );
        }
    }

    /// A number out of range is quoted as the file writes it; a dataset built in memory has
    /// it written by `fmt_number`.
    #[test]
    fn numbers_in_messages() {
        let json = FIXTURE
            .replace(r#""tone": -8"#, r#""tone": -1.25e1"#)
            .replace(r#""lat": 14.2"#, r#""lat": 90.5000"#);
        let got = lines(&parse_dataset(&json).unwrap_err());
        assert_eq!(
            got,
            [
                "events[0] (id \"moura-2022\"): tone: -1.25e1 is outside [-10, 10] (line 29, column 15)",
                "events[0] (id \"moura-2022\"): location.lat: 90.5000 is outside [-90, 90] (line 30, column 64)",
            ]
        );
        let cases: [(f64, &str); 14] = [
            (0.0, "0"),
            (-0.0, "0"),
            (12.5, "12.5"),
            (-11.0, "-11"),
            (f64::from(12.3f32), "12.3"),
            (0.000_000_4, "0"),
            (0.000_001, "0.000001"),
            (-180.25, "-180.25"),
            (123_456_789.987_654_3, "123456789.987654"),
            (1e13, "10000000000000"),
            (1.5e300, "1.5e300"),
            (f64::MAX, "1.79769e308"),
            (f64::NEG_INFINITY, "-inf"),
            (f64::NAN, "NaN"),
        ];
        for (v, want) in cases {
            assert_eq!(fmt_number(v), want, "{v:?}");
        }
    }

    /// Rule violations are placed through keys written with escapes and elements in any order.
    #[test]
    fn places_rules_through_escapes() {
        let json = FIXTURE
            .replacen(
                r#""actors": ["MLI", "wagner-group"]"#,
                r#""act\u006frs": ["MLI", "WAG"]"#,
                1,
            )
            .replacen(r#""events": ["#, r#""ev\u0065nts": ["#, 1);
        let got = lines(&parse_dataset(&json).unwrap_err());
        assert_eq!(
            got,
            ["events[0] (id \"moura-2022\"): actors[1]: unknown actor \"WAG\"; did you mean \"wagner-group\"? (line 28, column 30)"]
        );
    }

    /// Text that is not a dataset at all still yields one clear diagnostic.
    #[test]
    fn not_a_dataset() {
        let cases: [(&str, &[&str]); 4] = [
            (
                "",
                &["expected a value, found the end of the file (line 1, column 1)"],
            ),
            (
                " []",
                &[
                    "a dataset file must be a JSON object with `schema`, `dataset`, `actors`, \
                   `categories` and `events` (line 1, column 2)",
                ],
            ),
            (
                "{}",
                &[
                    "missing field `schema` (line 1, column 1)",
                    "missing field `dataset` (line 1, column 1)",
                    "missing field `actors` (line 1, column 1)",
                    "missing field `categories` (line 1, column 1)",
                    "missing field `events` (line 1, column 1)",
                ],
            ),
            (
                "{\"schema\": 1} x",
                &[
                    "missing field `dataset` (line 1, column 1)",
                    "missing field `actors` (line 1, column 1)",
                    "missing field `categories` (line 1, column 1)",
                    "missing field `events` (line 1, column 1)",
                    "expected the end of the file, found `x` (line 1, column 15)",
                ],
            ),
        ];
        for (json, want) in cases {
            let got = lines(&parse_dataset(json).unwrap_err());
            assert_eq!(got, want, "{json:?}");
        }
    }

    /// Diagnostics display as `path: message (line L, column C)`, one per line in a listing.
    #[test]
    fn display_and_listing() {
        let d = |path: &str, line: Option<usize>| Diagnostic {
            path: path.into(),
            message: "m".into(),
            line,
            column: line,
        };
        assert_eq!(d("a.b", Some(3)).to_string(), "a.b: m (line 3, column 3)");
        assert_eq!(d("", None).to_string(), "m");
        assert_eq!(
            format_diagnostics(&[d("x", None), d("y", Some(1))]),
            "x: m\ny: m (line 1, column 1)\n"
        );
    }

    /// A pathological event listing very many actors is still checked for repeats.
    #[test]
    fn many_actors_in_one_event() {
        let mut raw = fixture();
        let e = &mut raw.events[0];
        e.actors = std::iter::repeat_n(["MLI", "RUS"], 20)
            .flatten()
            .map(String::from)
            .collect();
        let got = validate(raw).unwrap_err();
        assert_eq!(got.len(), 38);
        assert_eq!(got[0].to_string(), "events[0] (id \"moura-2022\"): actors[2]: \"MLI\" is listed twice (first at actors[0])");
    }

    /// Offsets become 1-based lines and character columns, in any order, a mid-character
    /// offset counting as its character.
    #[test]
    fn offsets_to_positions() {
        let text = "ab\ncd\u{e9} f";
        let offsets = [Some(8), Some(0), Some(4), None, Some(6), Some(99)];
        let want = [
            Some((2, 5)),
            Some((1, 1)),
            Some((2, 2)),
            None,
            Some((2, 3)),
            Some((2, 6)),
        ];
        assert_eq!(positions(text, &offsets), want);
    }

    /// Long files on one line (minified JSON) get exact columns for every diagnostic.
    #[test]
    fn minified_file() {
        let min: serde_json::Value = serde_json::from_str(FIXTURE).unwrap();
        let json = serde_json::to_string(&min)
            .unwrap()
            .replace(r#""wagner-group"]"#, r#""WAG"]"#);
        let got = parse_dataset(&json).unwrap_err();
        let col = json[..json.find(r#""WAG""#).unwrap()].chars().count() + 1;
        assert_eq!((got[0].line, got[0].column), (Some(1), Some(col)));
    }

    /// The complete example in docs/dataset-format.md is valid and means what the page says.
    #[test]
    fn documented_example_is_valid() {
        let doc = include_str!("../../../docs/dataset-format.md");
        let example = doc
            .split("## A complete example")
            .nth(1)
            .and_then(|s| s.split("```json\n").nth(1))
            .and_then(|s| s.split("\n```").next())
            .unwrap();
        let ds = parse_dataset(example).unwrap_or_else(|d| panic!("{}", format_diagnostics(&d)));
        let ids: Vec<&str> = ds.events.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["visit-moscow-2021", "moura-2022"]);
        assert_eq!((ds.events[0].tone, ds.events[1].tone), (1.0, -9.0));
        assert_eq!(ds.events[1].span.len(), 5);
        assert_eq!(ds.root_of(2), 1);
    }

    fn edit() -> impl Strategy<Value = (usize, usize, String)> {
        let snippets = prop::sample::select(vec![
            "",
            "\"",
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            "null",
            "-1e999",
            "1e40",
            "\"2021-13\"",
            "\"é\"",
            "\\u0000",
            "true",
            "\"RUS\"",
            "[]",
            "{}",
            "\n",
            "0",
        ]);
        (any::<usize>(), 0usize..8, snippets.prop_map(String::from))
    }

    proptest! {
        /// Arbitrary text never panics the parser.
        #[test]
        fn never_panics_on_text(s in "\\PC*") {
            let _ = parse_dataset(&s);
        }

        /// Arbitrary edits of a valid file never panic; whatever still parses validates to a
        /// dataset that exports and re-imports unchanged.
        #[test]
        fn never_panics_on_edits(edits in prop::collection::vec(edit(), 1..4)) {
            let mut json = FIXTURE.to_string();
            for (at, len, with) in edits {
                let chars: Vec<(usize, char)> = json.char_indices().collect();
                let start = chars.get(at % chars.len()).map_or(0, |c| c.0);
                let end = chars.get(at % chars.len() + len).map_or(json.len(), |c| c.0);
                json.replace_range(start..end, &with);
            }
            match parse_dataset(&json) {
                Ok(ds) => {
                    let again = serde_json::to_string(&ds.to_raw()).unwrap();
                    prop_assert_eq!(parse_dataset(&again), Ok(ds));
                }
                Err(diags) => prop_assert!(!diags.is_empty()),
            }
        }
    }
}
