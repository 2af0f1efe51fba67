//! Where a data file is malformed, with every problem's path and position.
//!
//! A file is first read by serde's derived deserialisers ([`crate::model`]), which stop at the
//! first problem. When that reading or the rules refuse a file, [`read`] reads its text again to
//! say everything that is wrong: it walks the file through serde_json one value at a time,
//! taking each as a [`RawValue`] (a slice of the text, so its byte offset is known) and reading
//! it into its field's type on its own. A bad date, a wrong type, an unknown, repeated or
//! missing field is recorded with its path (`events[12]`, `sources[0].published`) and the walk
//! goes on with the next field and the next event. What could be read is kept ([`Walked::raw`],
//! with placeholders where a value was bad, listed in [`Walked::broken`]), so the rules still run
//! over the rest of the file.
//!
//! Text that is not JSON ends the walk where it breaks. The value holding the break does not
//! parse whole, so it is read again member by member up to the break: the problems before it
//! are still reported, then the syntax error, with the path of the value it broke in.
//!
//! Messages quote values as the file writes them (`floating point `1e0``), so no number is
//! reformatted. Every parse goes through serde_json's slice reader, as the streaming reader's do
//! ([`crate::read`]): one copy of its code in the app.

use std::fmt;

use serde::de::{Deserializer as _, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::date::{PartialDate, DATE_EXPECTED};
use crate::model::{
    ActorKind, Category, DatasetMeta, Location, LocationPrecision, RawActor, RawDataset, RawEvent,
    Source, SourceType, Verification,
};

/// One step of a path into a data file.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Seg {
    /// A field the schema declares.
    Field(&'static str),
    /// A key the schema does not declare (named in "unknown field" problems).
    Key(String),
    /// An element of an array.
    Index(usize),
}

/// A shape problem: where, and what.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// From the document down to the offending value (`events`, 12, `date`).
    pub path: Vec<Seg>,
    /// The id of the element of `actors`, `categories` or `events` it is in, when that element
    /// has a readable id (written before or after the problem).
    pub id: Option<String>,
    /// Byte offset of the offending value (or of the object missing a field) in the text.
    pub at: usize,
    /// What is wrong.
    pub message: String,
}

/// What a walk over a data file found.
#[derive(Debug)]
pub struct Walked {
    /// Everything that could be read, with placeholders where a value was bad.
    pub raw: RawDataset,
    /// Every shape problem, in the order met (file order).
    pub problems: Vec<Problem>,
    /// The paths of the values that could not be read (placeholders in `raw`).
    pub broken: Vec<Vec<Seg>>,
    /// Whether the text stopped being JSON somewhere (nothing after that point was read).
    pub syntax_error: bool,
    /// Byte offsets of the top-level values: `(key, offset)`.
    pub sections: Vec<(&'static str, usize)>,
    /// Byte offsets of the elements of `actors`, `categories` and `events`.
    pub elements: [Vec<usize>; 3],
}

/// The fields of each object, in declaration order (serde lists them in this order too).
const DATASET_FIELDS: &[&str] = &["schema", "dataset", "actors", "categories", "events"];
const META_FIELDS: &[&str] = &[
    "id",
    "title",
    "description",
    "version",
    "updated",
    "license",
];
const ACTOR_FIELDS: &[&str] = &["id", "name", "kind", "affiliation", "aliases", "succeeds"];
const CATEGORY_FIELDS: &[&str] = &["id", "label", "definition", "tone", "color"];
const LOCATION_FIELDS: &[&str] = &["place", "country", "lat", "lon", "precision"];
const SOURCE_FIELDS: &[&str] = &["publisher", "url", "published", "type", "note"];
const EVENT_FIELDS: &[&str] = &[
    "id",
    "date",
    "end",
    "title",
    "summary",
    "category",
    "actors",
    "tone",
    "milestone",
    "location",
    "sources",
    "tags",
    "notes",
    "verification",
];

/// A value to read: whole (it parses), or broken (it holds the place where the text stops
/// being JSON) and starting at a byte offset.
#[derive(Clone, Copy)]
enum Val<'t> {
    Whole(&'t RawValue),
    Broken(usize),
}

/// Reads a data file's text, reporting every shape problem (see the module header).
pub fn read(text: &str) -> Walked {
    // A byte-order mark is not JSON, but editors on Windows write one: skip it.
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut w = Walk {
        text,
        problems: Vec::new(),
        broken: Vec::new(),
        path: Vec::new(),
        stopped: false,
        sections: Vec::new(),
        elements: Default::default(),
    };
    let body = text.get(start..).unwrap_or_default();
    let mut de = serde_json::Deserializer::from_slice(body.as_bytes());
    let raw = match <&RawValue>::deserialize(&mut de) {
        Ok(v) => {
            let raw = w.dataset(Val::Whole(v));
            if let Err(e) = de.end() {
                w.syntax(start, body, &e);
            }
            raw
        }
        Err(_) => {
            let at = skip_ws(text, start);
            w.dataset(Val::Broken(at))
        }
    };
    Walked {
        raw,
        problems: w.problems,
        broken: w.broken,
        syntax_error: w.stopped,
        sections: w.sections,
        elements: w.elements,
    }
}

/// The walk's state.
struct Walk<'t> {
    text: &'t str,
    problems: Vec<Problem>,
    broken: Vec<Vec<Seg>>,
    /// Where the walk is.
    path: Vec<Seg>,
    /// Set by a syntax error: nothing after it is read.
    stopped: bool,
    sections: Vec<(&'static str, usize)>,
    elements: [Vec<usize>; 3],
}

/// The message of a value's problem, or the value.
type Leaf<T> = Result<T, String>;

/// What reads a member or an element into its place: a `dyn` callback, so that the walk's
/// object and array code is compiled once, not once per type read.
type Each<'a, 't> = dyn FnMut(&mut Walk<'t>, usize, Val<'t>) + 'a;

impl<'t> Walk<'t> {
    /// Byte offset of a value in the text (it is a slice of it).
    fn offset(&self, v: &RawValue) -> usize {
        (v.get().as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize)
    }

    /// Records a problem at the current path; the value there is broken.
    fn problem(&mut self, at: usize, message: String) {
        self.broken.push(self.path.clone());
        self.problems.push(Problem {
            path: self.path.clone(),
            id: None,
            at,
            message,
        });
    }

    /// Records a problem one step below the current path.
    fn problem_in(&mut self, seg: Seg, at: usize, message: String) {
        self.path.push(seg);
        self.problem(at, message);
        self.path.pop();
    }

    /// Records the syntax error `e`, met while parsing `sub`, the part of the text from byte
    /// `base` on, and stops the walk.
    fn syntax(&mut self, base: usize, sub: &str, e: &serde_json::Error) {
        let (at, message) = syntax_message(sub, e);
        self.stopped = true;
        self.problems.push(Problem {
            path: self.path.clone(),
            id: None,
            at: base + at,
            message,
        });
    }

    /// Reads a value that does not parse whole only to report the syntax error in it.
    fn syntax_in(&mut self, at: usize) {
        let sub = self.text.get(at..).unwrap_or_default();
        let mut de = serde_json::Deserializer::from_slice(sub.as_bytes());
        match <&RawValue>::deserialize(&mut de) {
            Err(e) => self.syntax(at, sub, &e),
            // Not expected (the caller saw it fail), but then there is nothing to report.
            Ok(_) => self.stopped = true,
        }
    }

    /// Reads a leaf value with `read`, which gets its JSON text; a placeholder on a problem.
    fn leaf<T>(&mut self, v: Val<'t>, read: fn(&str) -> Leaf<T>) -> Option<T> {
        match v {
            Val::Whole(raw) => match read(raw.get()) {
                Ok(value) => Some(value),
                Err(message) => {
                    let at = self.offset(raw);
                    self.problem(at, message);
                    None
                }
            },
            Val::Broken(at) => {
                self.broken.push(self.path.clone());
                self.syntax_in(at);
                None
            }
        }
    }

    /// The members of an object, each with its index in `fields` (or `None` for an unknown
    /// key), read up to the break if the object is broken. Unknown and repeated keys are
    /// reported here, and missing required fields once every member is read. `None` if the
    /// value is not an object (reported).
    fn object(
        &mut self,
        v: Val<'t>,
        fields: &'static [&'static str],
        optional: &[&str],
        each: &mut Each<'_, 't>,
    ) -> bool {
        let (start, members, brk) = match v {
            Val::Whole(raw) => {
                let at = self.offset(raw);
                if !raw.get().starts_with('{') {
                    self.problem(at, invalid_type(raw.get(), "an object"));
                    return false;
                }
                (at, whole_members(raw.get()), None)
            }
            Val::Broken(at) => {
                if self.text.as_bytes().get(at) != Some(&b'{') {
                    self.broken.push(self.path.clone());
                    self.syntax_in(at);
                    return false;
                }
                let (members, brk) = self.members_until_break(at);
                (at, members, Some(brk))
            }
        };
        let mut seen = vec![false; fields.len()];
        for (key, value) in members {
            self.member(fields, &mut seen, key, Val::Whole(value), each);
            if self.stopped {
                return true;
            }
        }
        match brk {
            Some(Break::Value(key, value_at)) => {
                if let Some(key) = key {
                    self.member(fields, &mut seen, key, Val::Broken(value_at), each);
                }
                // A broken value always ends in a syntax error.
                self.stopped = true;
            }
            Some(Break::Here(at, message)) => {
                self.stopped = true;
                self.problems.push(Problem {
                    path: self.path.clone(),
                    id: None,
                    at,
                    message,
                });
            }
            None => {
                for (name, seen) in fields.iter().zip(&seen) {
                    if !seen && !optional.contains(name) {
                        // Said of the object; the field holds a placeholder.
                        let mut field = self.path.clone();
                        field.push(Seg::Field(name));
                        self.broken.push(field);
                        self.problems.push(Problem {
                            path: self.path.clone(),
                            id: None,
                            at: start,
                            message: format!("missing field `{name}`"),
                        });
                    }
                }
            }
        }
        true
    }

    /// One member of an object: its key checked against `fields`, then its value read.
    fn member(
        &mut self,
        fields: &'static [&'static str],
        seen: &mut [bool],
        key: &'t RawValue,
        value: Val<'t>,
        each: &mut Each<'_, 't>,
    ) {
        let value_at = match value {
            Val::Whole(raw) => self.offset(raw),
            Val::Broken(at) => at,
        };
        let name = match serde_json::from_slice::<String>(key.get().as_bytes()) {
            Ok(name) => name,
            Err(e) => {
                let at = self.offset(key);
                let (_, message) = syntax_message(key.get(), &e);
                self.problem(at, message);
                return;
            }
        };
        match fields.iter().position(|f| *f == name) {
            None => {
                let message = format!(
                    "unknown field `{name}`, expected {}",
                    one_of(fields.iter().copied())
                );
                self.problem_in(Seg::Key(name), value_at, message);
                if let Val::Broken(at) = value {
                    self.syntax_in(at);
                }
            }
            Some(i) if seen[i] => {
                let field = fields[i];
                self.problem_in(
                    Seg::Field(field),
                    value_at,
                    format!("duplicate field `{field}`"),
                );
                if let Val::Broken(at) = value {
                    self.syntax_in(at);
                }
            }
            Some(i) => {
                seen[i] = true;
                self.path.push(Seg::Field(fields[i]));
                each(self, i, value);
                self.path.pop();
            }
        }
    }

    /// The members of the object at byte `at`, which does not parse whole, up to the break.
    fn members_until_break(&mut self, at: usize) -> (Vec<(&'t RawValue, &'t RawValue)>, Break<'t>) {
        let text = self.text;
        let sub = text.get(at..).unwrap_or_default();
        let mut de = serde_json::Deserializer::from_slice(sub.as_bytes());
        let mut members = Vec::new();
        let mut failed_key = None;
        let result = (&mut de).deserialize_map(MembersVisitor {
            out: &mut members,
            failed_value_of: &mut failed_key,
        });
        let brk = match (result, failed_key) {
            (Err(e), Some(key)) => match value_start(text, key) {
                Some(value_at) => Break::Value(Some(key), value_at),
                None => here(at, sub, &e),
            },
            // Between members a key is due, which serde_json calls a value at the end of the
            // text.
            (Err(e), None) => match here(at, sub, &e) {
                Break::Here(at, m) if m == "expected a value, found the end of the file" => {
                    Break::Here(
                        at,
                        "expected a key in double quotes, found the end of the file".to_string(),
                    )
                }
                brk => brk,
            },
            // Not expected (the caller saw it fail); treat the end as the break.
            (Ok(()), _) => Break::Here(
                text.len(),
                "expected a value, found the end of the file".to_string(),
            ),
        };
        (members, brk)
    }

    /// The elements of an array, read up to the break if it is broken; `None` if the value is
    /// not an array (reported).
    fn array(&mut self, v: Val<'t>, each: &mut Each<'_, 't>) -> bool {
        let (elements, brk) = match v {
            Val::Whole(raw) => {
                if !raw.get().starts_with('[') {
                    let at = self.offset(raw);
                    self.problem(at, invalid_type(raw.get(), "an array"));
                    return false;
                }
                (whole_elements(raw.get()), None)
            }
            Val::Broken(at) => {
                if self.text.as_bytes().get(at) != Some(&b'[') {
                    self.broken.push(self.path.clone());
                    self.syntax_in(at);
                    return false;
                }
                let (elements, brk) = self.elements_until_break(at);
                (elements, Some(brk))
            }
        };
        let n = elements.len();
        for (i, e) in elements.into_iter().enumerate() {
            self.path.push(Seg::Index(i));
            each(self, i, Val::Whole(e));
            self.path.pop();
            if self.stopped {
                return true;
            }
        }
        match brk {
            Some(Break::Value(_, at)) => {
                self.path.push(Seg::Index(n));
                each(self, n, Val::Broken(at));
                self.path.pop();
                self.stopped = true;
            }
            Some(Break::Here(at, message)) => {
                self.stopped = true;
                self.problems.push(Problem {
                    path: self.path.clone(),
                    id: None,
                    at,
                    message,
                });
            }
            None => {}
        }
        true
    }

    /// The elements of the array at byte `at`, which does not parse whole, up to the break.
    fn elements_until_break(&mut self, at: usize) -> (Vec<&'t RawValue>, Break<'t>) {
        let text = self.text;
        let sub = text.get(at..).unwrap_or_default();
        let mut de = serde_json::Deserializer::from_slice(sub.as_bytes());
        let mut elements = Vec::new();
        let result = (&mut de).deserialize_seq(ElementsVisitor { out: &mut elements });
        let brk = match result {
            Err(e) => {
                // Where the next element starts: after `[` or after the last element and its
                // comma. If what follows is not the start of a value, the break is here.
                let after = match elements.last() {
                    Some(last) => {
                        let end = self.offset(last) + last.get().len();
                        let i = skip_ws(text, end);
                        (text.as_bytes().get(i) == Some(&b',')).then(|| skip_ws(text, i + 1))
                    }
                    None => Some(skip_ws(text, at + 1)),
                };
                match after {
                    Some(i) if starts_value(text, i) => Break::Value(None, i),
                    _ => here(at, sub, &e),
                }
            }
            Ok(()) => Break::Here(
                text.len(),
                "expected a value, found the end of the file".to_string(),
            ),
        };
        (elements, brk)
    }

    /// Marks the problems recorded since `from` as in the element whose id is `id`.
    fn name_element(&mut self, from: usize, id: &str) {
        if id.is_empty() {
            return;
        }
        for p in self.problems.iter_mut().skip(from) {
            p.id = Some(id.to_string());
        }
    }

    // -----------------------------------------------------------------------------------------
    // The schema.

    fn dataset(&mut self, v: Val<'t>) -> RawDataset {
        let mut d = RawDataset {
            schema: 0,
            dataset: DatasetMeta::placeholder(),
            actors: Vec::new(),
            categories: Vec::new(),
            events: Vec::new(),
        };
        if let Val::Whole(raw) = v {
            if !raw.get().starts_with('{') {
                let at = self.offset(raw);
                self.problem(at, NOT_AN_OBJECT.to_string());
                return d;
            }
        }
        self.object(v, DATASET_FIELDS, &[], &mut |w, i, v| {
            let at = match v {
                Val::Whole(raw) => w.offset(raw),
                Val::Broken(at) => at,
            };
            w.sections.push((DATASET_FIELDS[i], at));
            match i {
                0 => d.schema = w.leaf(v, u32_value).unwrap_or(crate::model::SCHEMA_VERSION),
                1 => d.dataset = w.meta(v),
                2 => d.actors = w.entities(v, 0, Walk::actor),
                3 => d.categories = w.entities(v, 1, Walk::category),
                _ => d.events = w.entities(v, 2, Walk::event),
            }
        });
        d
    }

    /// The elements of `actors`, `categories` or `events` (`slot` 0, 1, 2), their offsets kept
    /// and their problems named by their ids.
    fn entities<T>(
        &mut self,
        v: Val<'t>,
        slot: usize,
        read: fn(&mut Self, Val<'t>) -> (T, String),
    ) -> Vec<T> {
        let mut out = Vec::new();
        self.array(v, &mut |w, _, v| {
            let at = match v {
                Val::Whole(raw) => w.offset(raw),
                Val::Broken(at) => at,
            };
            w.elements[slot].push(at);
            let from = w.problems.len();
            let (item, id) = read(w, v);
            w.name_element(from, &id);
            out.push(item);
        });
        out
    }

    fn meta(&mut self, v: Val<'t>) -> DatasetMeta {
        let mut m = DatasetMeta::placeholder();
        self.object(v, META_FIELDS, &[], &mut |w, i, v| match i {
            0 => m.id = w.leaf(v, string).unwrap_or_default(),
            1 => m.title = w.leaf(v, string).unwrap_or_default(),
            2 => m.description = w.leaf(v, string).unwrap_or_default(),
            3 => m.version = w.leaf(v, string).unwrap_or_default(),
            4 => {
                if let Some(d) = w.leaf(v, date) {
                    m.updated = d;
                }
            }
            _ => m.license = w.leaf(v, string).unwrap_or_default(),
        });
        m
    }

    fn actor(&mut self, v: Val<'t>) -> (RawActor, String) {
        let mut a = RawActor {
            id: String::new(),
            name: String::new(),
            kind: ActorKind::Other,
            affiliation: None,
            aliases: Vec::new(),
            succeeds: None,
        };
        self.object(
            v,
            ACTOR_FIELDS,
            &["affiliation", "aliases", "succeeds"],
            &mut |w, i, v| match i {
                0 => a.id = w.leaf(v, string).unwrap_or_default(),
                1 => a.name = w.leaf(v, string).unwrap_or_default(),
                2 => a.kind = w.leaf(v, actor_kind).unwrap_or(ActorKind::Other),
                3 => a.affiliation = w.leaf(v, opt_string).flatten(),
                4 => a.aliases = w.strings(v),
                _ => a.succeeds = w.leaf(v, opt_string).flatten(),
            },
        );
        let id = a.id.clone();
        (a, id)
    }

    fn category(&mut self, v: Val<'t>) -> (Category, String) {
        let mut c = Category {
            id: String::new(),
            label: String::new(),
            definition: String::new(),
            tone: 0.0,
            color: String::new(),
        };
        self.object(v, CATEGORY_FIELDS, &[], &mut |w, i, v| match i {
            0 => c.id = w.leaf(v, string).unwrap_or_default(),
            1 => c.label = w.leaf(v, string).unwrap_or_default(),
            2 => c.definition = w.leaf(v, string).unwrap_or_default(),
            3 => c.tone = w.leaf(v, f32_value).unwrap_or(0.0),
            _ => c.color = w.leaf(v, string).unwrap_or_default(),
        });
        let id = c.id.clone();
        (c, id)
    }

    fn event(&mut self, v: Val<'t>) -> (RawEvent, String) {
        let mut e = RawEvent {
            id: String::new(),
            date: PartialDate::placeholder(),
            end: None,
            title: String::new(),
            summary: String::new(),
            category: String::new(),
            actors: Vec::new(),
            tone: None,
            milestone: false,
            location: None,
            sources: Vec::new(),
            tags: Vec::new(),
            notes: None,
            verification: Verification::Unverified,
        };
        let optional = ["end", "tone", "milestone", "location", "tags", "notes"];
        self.object(v, EVENT_FIELDS, &optional, &mut |w, i, v| match i {
            0 => e.id = w.leaf(v, string).unwrap_or_default(),
            1 => {
                if let Some(d) = w.leaf(v, date) {
                    e.date = d;
                }
            }
            2 => e.end = w.leaf(v, opt_date).flatten(),
            3 => e.title = w.leaf(v, string).unwrap_or_default(),
            4 => e.summary = w.leaf(v, string).unwrap_or_default(),
            5 => e.category = w.leaf(v, string).unwrap_or_default(),
            6 => e.actors = w.strings(v),
            7 => e.tone = w.leaf(v, opt_f32).flatten(),
            8 => e.milestone = w.leaf(v, boolean).unwrap_or(false),
            9 => e.location = w.location(v),
            10 => e.sources = w.sources(v),
            11 => e.tags = w.strings(v),
            12 => e.notes = w.leaf(v, opt_string).flatten(),
            _ => e.verification = w.leaf(v, verification).unwrap_or(Verification::Unverified),
        });
        let id = e.id.clone();
        (e, id)
    }

    fn location(&mut self, v: Val<'t>) -> Option<Location> {
        if let Val::Whole(raw) = v {
            if raw.get() == "null" {
                return None;
            }
        }
        let mut l = Location {
            place: None,
            country: None,
            lat: None,
            lon: None,
            precision: None,
        };
        let ok = self.object(
            v,
            LOCATION_FIELDS,
            LOCATION_FIELDS,
            &mut |w, i, v| match i {
                0 => l.place = w.leaf(v, opt_string).flatten(),
                1 => l.country = w.leaf(v, opt_string).flatten(),
                2 => l.lat = w.leaf(v, opt_f64).flatten(),
                3 => l.lon = w.leaf(v, opt_f64).flatten(),
                _ => l.precision = w.leaf(v, opt_location_precision).flatten(),
            },
        );
        ok.then_some(l)
    }

    fn sources(&mut self, v: Val<'t>) -> Vec<Source> {
        let mut out = Vec::new();
        self.array(v, &mut |w, _, v| {
            let mut s = Source {
                publisher: String::new(),
                url: None,
                published: None,
                kind: SourceType::Other,
                note: None,
            };
            w.object(
                v,
                SOURCE_FIELDS,
                &["url", "published", "note"],
                &mut |w, i, v| match i {
                    0 => s.publisher = w.leaf(v, string).unwrap_or_default(),
                    1 => s.url = w.leaf(v, opt_string).flatten(),
                    2 => s.published = w.leaf(v, opt_date).flatten(),
                    3 => s.kind = w.leaf(v, source_type).unwrap_or(SourceType::Other),
                    _ => s.note = w.leaf(v, opt_string).flatten(),
                },
            );
            out.push(s);
        });
        out
    }

    fn strings(&mut self, v: Val<'t>) -> Vec<String> {
        let mut out = Vec::new();
        self.array(v, &mut |w, _, v| {
            if let Some(s) = w.leaf(v, string) {
                out.push(s);
            }
        });
        out
    }
}

/// The message for a file whose top level is JSON but not an object.
pub(crate) const NOT_AN_OBJECT: &str = "a dataset file must be a JSON object with `schema`, \
                                        `dataset`, `actors`, `categories` and `events`";

/// Where reading an object or array broke.
enum Break<'t> {
    /// In the value of a member (its key given) or of an element, which starts at this offset.
    Value(Option<&'t RawValue>, usize),
    /// Right here, between values: the offset and the message.
    Here(usize, String),
}

/// The break of a value at byte `base` whose text from there is `sub`, from the error `e`.
fn here<'t>(base: usize, sub: &str, e: &serde_json::Error) -> Break<'t> {
    let (at, message) = syntax_message(sub, e);
    Break::Here(base + at, message)
}

/// Collects an object's members as raw key and value; remembers the key whose value failed.
struct MembersVisitor<'a, 't> {
    out: &'a mut Vec<(&'t RawValue, &'t RawValue)>,
    failed_value_of: &'a mut Option<&'t RawValue>,
}

impl<'t> Visitor<'t> for MembersVisitor<'_, 't> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'t>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<&'t RawValue>()? {
            match map.next_value::<&'t RawValue>() {
                Ok(value) => self.out.push((key, value)),
                Err(e) => {
                    *self.failed_value_of = Some(key);
                    return Err(e);
                }
            }
        }
        Ok(())
    }
}

/// Collects an array's elements as raw values.
struct ElementsVisitor<'a, 't> {
    out: &'a mut Vec<&'t RawValue>,
}

impl<'t> Visitor<'t> for ElementsVisitor<'_, 't> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array")
    }

    fn visit_seq<A: SeqAccess<'t>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(e) = seq.next_element::<&'t RawValue>()? {
            self.out.push(e);
        }
        Ok(())
    }
}

/// The members of an object that parses whole.
fn whole_members(text: &str) -> Vec<(&RawValue, &RawValue)> {
    let mut out = Vec::new();
    let mut failed = None;
    let mut de = serde_json::Deserializer::from_slice(text.as_bytes());
    let _ = (&mut de).deserialize_map(MembersVisitor {
        out: &mut out,
        failed_value_of: &mut failed,
    });
    out
}

/// The elements of an array that parses whole.
fn whole_elements(text: &str) -> Vec<&RawValue> {
    let mut out = Vec::new();
    let mut de = serde_json::Deserializer::from_slice(text.as_bytes());
    let _ = (&mut de).deserialize_seq(ElementsVisitor { out: &mut out });
    out
}

/// Where the value of the member whose key is `key` starts: after the key, `:` and
/// whitespace; `None` if no `:` follows the key.
fn value_start(text: &str, key: &RawValue) -> Option<usize> {
    let key_end =
        (key.get().as_ptr() as usize).checked_sub(text.as_ptr() as usize)? + key.get().len();
    let i = skip_ws(text, key_end);
    (text.as_bytes().get(i) == Some(&b':')).then(|| skip_ws(text, i + 1))
}

/// The first byte at or after `i` that is not JSON whitespace.
fn skip_ws(text: &str, mut i: usize) -> usize {
    let b = text.as_bytes();
    while matches!(b.get(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        i += 1;
    }
    i
}

/// Whether a JSON value may start at byte `i`.
fn starts_value(text: &str, i: usize) -> bool {
    matches!(
        text.as_bytes().get(i),
        Some(b'{' | b'[' | b'"' | b't' | b'f' | b'n' | b'-' | b'0'..=b'9')
    )
}

// ---------------------------------------------------------------------------------------------
// Messages.

/// `one of `a`, `b`, `c``, as serde lists expected fields and variants.
fn one_of<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let list: Vec<String> = names.map(|n| format!("`{n}`")).collect();
    format!("one of {}", list.join(", "))
}

/// `invalid type: integer `5`, expected a string`: what a value is, as its text says.
fn invalid_type(text: &str, expected: &str) -> String {
    format!("invalid type: {}, expected {expected}", describe(text))
}

/// What kind of value a JSON text is, quoted as written: `null`, `boolean `true``,
/// `integer `5``, `floating point `1e0``, `string "MLI"`, `an array`, `an object`.
fn describe(text: &str) -> String {
    match text.as_bytes().first() {
        Some(b'n') => "null".to_string(),
        Some(b't' | b'f') => format!("boolean `{text}`"),
        Some(b'"') => match serde_json::from_slice::<String>(text.as_bytes()) {
            Ok(s) => format!("string {s:?}"),
            Err(_) => format!("string {text}"),
        },
        Some(b'[') => "an array".to_string(),
        Some(b'{') => "an object".to_string(),
        _ if is_integer(text) => format!("integer `{text}`"),
        _ => format!("floating point `{text}`"),
    }
}

/// Whether a JSON number is written as an integer (no fraction, no exponent).
fn is_integer(text: &str) -> bool {
    !text.contains(['.', 'e', 'E'])
}

/// The offset (in `sub`) and the words for a serde_json syntax error met in `sub`.
pub(crate) fn syntax_message(sub: &str, e: &serde_json::Error) -> (usize, String) {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let what = full.strip_suffix(&suffix).unwrap_or(&full);
    let eof = e.is_eof();
    let at = if eof {
        sub.len()
    } else {
        let line_start = line_start(sub, e.line());
        let col = e.column();
        // Most errors point at the offending character (1-based); a control character in a
        // string is reported one column earlier.
        let back = usize::from(!what.starts_with("control character"));
        (line_start + col.saturating_sub(back)).min(sub.len())
    };
    let found = found_at(sub, at);
    let before = sub
        .get(..at)
        .and_then(|s| s.trim_end_matches([' ', '\t', '\n', '\r']).bytes().last());
    let message = match what {
        "EOF while parsing a value" | "expected value" => {
            format!("expected a value, found {found}")
        }
        "EOF while parsing an object" => match before {
            Some(b'{' | b',') => format!("expected a key in double quotes, found {found}"),
            Some(b'"') if ends_in_key(sub, at) => format!("expected `:`, found {found}"),
            _ => format!("expected `,` or `}}`, found {found}"),
        },
        "EOF while parsing a list" => match before {
            Some(b'[' | b',') => format!("expected a value, found {found}"),
            _ => format!("expected `,` or `]`, found {found}"),
        },
        "EOF while parsing a string" => format!("expected `\"` to close the string, found {found}"),
        "key must be a string" => format!("expected a key in double quotes, found {found}"),
        "expected `:`" => format!("expected `:`, found {found}"),
        "expected `,` or `}`" => format!("expected `,` or `}}`, found {found}"),
        "expected `,` or `]`" => format!("expected `,` or `]`, found {found}"),
        "expected ident" => format!("expected `true`, `false` or `null`, found {found}"),
        "trailing characters" => format!("expected the end of the file, found {found}"),
        "trailing comma" => format!("expected a value, found {found}"),
        "invalid number" => "invalid number".to_string(),
        "number out of range" => "a number too large to read".to_string(),
        "invalid escape" => {
            "invalid escape in a string; use \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX"
                .to_string()
        }
        "invalid unicode code point" | "lone leading surrogate in hex escape" => {
            "unpaired surrogate in a \\u escape; a character above U+FFFF is written as a pair \
             such as \\uD83D\\uDE00"
                .to_string()
        }
        "unexpected end of hex escape" => {
            "invalid \\u escape: expected four hex digits".to_string()
        }
        "recursion limit exceeded" => "arrays and objects nested more than 128 deep".to_string(),
        w if w.starts_with("control character") => {
            let b = sub.as_bytes().get(at).copied().unwrap_or(0);
            format!(
                "control character U+{b:04X} in a string; write it as an escape such as \\n, \\t \
                 or \\u{b:04X}"
            )
        }
        other => other.to_string(),
    };
    (at, message)
}

/// Whether the text before `at` ends in a key (a string after `{` or `,`), so `:` is due.
fn ends_in_key(sub: &str, at: usize) -> bool {
    let head = sub.get(..at).unwrap_or_default().trim_end();
    // Find the opening quote of the string that ends the head.
    let Some(body) = head.strip_suffix('"') else {
        return false;
    };
    let mut i = body.len();
    let b = body.as_bytes();
    while i > 0 {
        i -= 1;
        if b[i] == b'"' {
            let backslashes = b[..i].iter().rev().take_while(|&&c| c == b'\\').count();
            if backslashes % 2 == 0 {
                let before = body[..i].trim_end();
                return before.ends_with('{') || before.ends_with(',');
            }
        }
    }
    false
}

/// The byte offset where 1-based line `line` starts in `text`.
fn line_start(text: &str, line: usize) -> usize {
    if line <= 1 {
        return 0;
    }
    text.match_indices('\n')
        .nth(line - 2)
        .map_or(text.len(), |(i, _)| i + 1)
}

/// What is at byte `at` of `text`, as a message names it: `` `x` `` or "the end of the file".
fn found_at(text: &str, at: usize) -> String {
    match text.get(at..).and_then(|s| s.chars().next()) {
        None => "the end of the file".to_string(),
        Some(c) if c.is_control() => format!("`{}`", c.escape_debug()),
        Some(c) => format!("`{c}`"),
    }
}

// ---------------------------------------------------------------------------------------------
// Leaf values: each reads a value's JSON text into its type, or says what is wrong.

fn string(text: &str) -> Leaf<String> {
    if !text.starts_with('"') {
        return Err(invalid_type(text, "a string"));
    }
    serde_json::from_slice(text.as_bytes()).map_err(|e| syntax_message(text, &e).1)
}

fn opt_string(text: &str) -> Leaf<Option<String>> {
    if text == "null" {
        return Ok(None);
    }
    string(text).map(Some)
}

fn number(text: &str) -> Leaf<f64> {
    if !matches!(text.as_bytes().first(), Some(b'-' | b'0'..=b'9')) {
        return Err(invalid_type(text, "a number"));
    }
    match serde_json::from_slice::<f64>(text.as_bytes()) {
        Ok(v) if v.is_finite() => Ok(v),
        _ => Err(format!("{text} is too large for a number")),
    }
}

fn opt_f64(text: &str) -> Leaf<Option<f64>> {
    if text == "null" {
        return Ok(None);
    }
    number(text).map(Some)
}

fn f32_value(text: &str) -> Leaf<f32> {
    let v = number(text)?;
    if v.abs() > f64::from(f32::MAX) {
        return Err(format!("{text} is too large for a number"));
    }
    Ok(v as f32)
}

fn opt_f32(text: &str) -> Leaf<Option<f32>> {
    if text == "null" {
        return Ok(None);
    }
    f32_value(text).map(Some)
}

fn u32_value(text: &str) -> Leaf<u32> {
    if !matches!(text.as_bytes().first(), Some(b'-' | b'0'..=b'9')) {
        return Err(invalid_type(text, "u32"));
    }
    if !is_integer(text) {
        return Err(format!(
            "invalid type: floating point `{text}`, expected u32"
        ));
    }
    text.parse::<u32>()
        .map_err(|_| format!("invalid value: integer `{text}`, expected u32"))
}

fn boolean(text: &str) -> Leaf<bool> {
    match text {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(invalid_type(text, "`true` or `false`")),
    }
}

fn date(text: &str) -> Leaf<PartialDate> {
    if !text.starts_with('"') {
        return Err(invalid_type(text, DATE_EXPECTED));
    }
    let s = string(text)?;
    s.parse().map_err(|e: crate::date::DateError| e.to_string())
}

fn opt_date(text: &str) -> Leaf<Option<PartialDate>> {
    if text == "null" {
        return Ok(None);
    }
    date(text).map(Some)
}

/// One of an enum's variants, by its file spelling.
fn variant<T: Copy, const N: usize>(
    text: &str,
    all: [T; N],
    name: fn(T) -> &'static str,
) -> Leaf<T> {
    let names = all.map(name);
    if !text.starts_with('"') {
        return Err(invalid_type(text, &one_of(names.iter().copied())));
    }
    let s = string(text)?;
    match names.iter().position(|n| *n == s) {
        Some(i) => Ok(all[i]),
        None => Err(format!(
            "unknown variant `{s}`, expected {}",
            one_of(names.iter().copied())
        )),
    }
}

fn actor_kind(text: &str) -> Leaf<ActorKind> {
    variant(text, ActorKind::ALL, ActorKind::as_str)
}

fn source_type(text: &str) -> Leaf<SourceType> {
    variant(text, SourceType::ALL, SourceType::as_str)
}

fn opt_location_precision(text: &str) -> Leaf<Option<LocationPrecision>> {
    if text == "null" {
        return Ok(None);
    }
    variant(text, LocationPrecision::ALL, LocationPrecision::as_str).map(Some)
}

fn verification(text: &str) -> Leaf<Verification> {
    variant(text, Verification::ALL, Verification::as_str)
}

// ---------------------------------------------------------------------------------------------
// Finding a value again, to place a rule's problem.

/// The raw value at `rest` (fields and indices) inside the value that starts at byte `at` of
/// `text`, if it is there.
pub fn find<'t>(text: &'t str, at: usize, rest: &[Seg]) -> Option<&'t RawValue> {
    let sub = text.get(at..)?;
    let mut de = serde_json::Deserializer::from_slice(sub.as_bytes());
    let mut v = <&RawValue>::deserialize(&mut de).ok()?;
    for seg in rest {
        v = match seg {
            Seg::Index(i) => *whole_elements(v.get()).get(*i)?,
            Seg::Field(name) => field(v, name)?,
            Seg::Key(name) => field(v, name)?,
        };
    }
    Some(v)
}

/// The value of the member named `name` of an object, however its key is escaped.
fn field<'t>(v: &'t RawValue, name: &str) -> Option<&'t RawValue> {
    whole_members(v.get())
        .into_iter()
        .find(|(k, _)| {
            serde_json::from_slice::<String>(k.get().as_bytes()).is_ok_and(|k| k == name)
        })
        .map(|(_, v)| v)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Syntax errors are worded as the reader words them, at the offending character.
    #[test]
    fn syntax_messages() {
        // (text, offset, message)
        let cases: [(&str, usize, &str); 14] = [
            ("", 0, "expected a value, found the end of the file"),
            ("{", 1, "expected a key in double quotes, found the end of the file"),
            ("{\"a\"", 4, "expected `:`, found the end of the file"),
            ("{\"a\":1", 6, "expected `,` or `}`, found the end of the file"),
            ("{\"a\":1,", 7, "expected a key in double quotes, found the end of the file"),
            ("{\"a\":1,,", 7, "expected a key in double quotes, found `,`"),
            ("{\"a\": v}", 6, "expected a value, found `v`"),
            ("[1,]", 3, "expected a value, found `]`"),
            ("[[", 2, "expected a value, found the end of the file"),
            ("[1", 2, "expected `,` or `]`, found the end of the file"),
            ("\"abc", 4, "expected `\"` to close the string, found the end of the file"),
            ("{\"a\":tru}", 8, "expected `true`, `false` or `null`, found `}`"),
            ("[1 2]", 3, "expected `,` or `]`, found `2`"),
            ("\"ab\u{1}c\"", 3, "control character U+0001 in a string; write it as an escape such as \\n, \\t or \\u0001"),
        ];
        for (text, at, want) in cases {
            let mut de = serde_json::Deserializer::from_slice(text.as_bytes());
            let e = <&RawValue>::deserialize(&mut de).unwrap_err();
            assert_eq!(syntax_message(text, &e), (at, want.to_string()), "{text:?}");
        }
    }

    /// Values are described as the file writes them.
    #[test]
    fn descriptions() {
        let cases = [
            ("null", "null"),
            ("true", "boolean `true`"),
            ("\"MLI\"", "string \"MLI\""),
            ("[1]", "an array"),
            ("{}", "an object"),
            ("-1", "integer `-1`"),
            ("1e0", "floating point `1e0`"),
            ("1.50", "floating point `1.50`"),
        ];
        for (text, want) in cases {
            assert_eq!(describe(text), want, "{text}");
        }
    }

    /// Leaf readers accept their type and word the rest.
    #[test]
    fn leaves() {
        assert_eq!(u32_value("1"), Ok(1));
        assert_eq!(
            u32_value("-1"),
            Err("invalid value: integer `-1`, expected u32".into())
        );
        assert_eq!(
            u32_value("1e0"),
            Err("invalid type: floating point `1e0`, expected u32".into())
        );
        assert_eq!(
            u32_value("\"1\""),
            Err("invalid type: string \"1\", expected u32".into())
        );
        assert_eq!(
            f32_value("1e39"),
            Err("1e39 is too large for a number".into())
        );
        assert_eq!(
            number("1e999"),
            Err("1e999 is too large for a number".into())
        );
        assert_eq!(opt_f64("null"), Ok(None));
        assert_eq!(
            boolean("\"yes\""),
            Err("invalid type: string \"yes\", expected `true` or `false`".into())
        );
        assert_eq!(
            actor_kind("\"rebel\""),
            Err("unknown variant `rebel`, expected one of `state`, `international_organisation`, `armed_group`, `company`, `other`".into())
        );
        assert_eq!(
            date("\"2021-02-29\""),
            Err("\"2021-02-29\" is not a real calendar date".into())
        );
        assert!(string("\"\\ud800\"").is_err());
    }

    /// A value is found again through escaped keys.
    #[test]
    fn finds_values() {
        let text = r#"{"a": [1, {"b\u0063": "x"}]}"#;
        let v = find(text, 0, &[Seg::Field("a"), Seg::Index(1), Seg::Field("bc")]).unwrap();
        assert_eq!(v.get(), "\"x\"");
        assert!(find(text, 0, &[Seg::Field("z")]).is_none());
    }
}
