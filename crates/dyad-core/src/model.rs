//! The dataset schema: what a Dyad data file holds ([`RawDataset`], straight from JSON) and the
//! validated, indexed form the app works on ([`Dataset`]).
//!
//! The raw types mirror the file one to one and derive serde's `Deserialize` and `Serialize`, so
//! export writes back exactly what import read. [`RawDataset::from_reader`] reads a file as it
//! arrives, without holding its text; when a file is refused, [`crate::shape`] reads the text
//! again to report every problem with its position.
//!
//! The validated types replace string references by indices into `actors` and `categories`,
//! precompute each event's day span and folded search text, and keep events in date order, so
//! that filters and aggregations never look anything up by name in a hot loop. See
//! docs/dataset-format.md for the format as users read it.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::date::{Day, DaySpan, PartialDate};

/// The schema version this build reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

/// A data file exactly as written on disk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDataset {
    /// Schema version; must equal [`SCHEMA_VERSION`].
    pub schema: u32,
    /// Who made the dataset, what it covers, and under which terms.
    pub dataset: DatasetMeta,
    /// Every actor an event may name.
    pub actors: Vec<RawActor>,
    /// Every category an event may have.
    pub categories: Vec<Category>,
    /// The events, in any order.
    pub events: Vec<RawEvent>,
}

/// Descriptive metadata of a dataset.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatasetMeta {
    /// Stable identifier, a slug.
    pub id: String,
    /// Title shown in the header.
    pub title: String,
    /// What the dataset covers, a paragraph.
    pub description: String,
    /// Version of the data, e.g. "1.0.0".
    pub version: String,
    /// Last update, `YYYY-MM-DD`.
    pub updated: PartialDate,
    /// Licence and attribution text, shown on the About page and in exports.
    pub license: String,
}

/// What kind of body an actor is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    /// A sovereign state (id: ISO 3166-1 alpha-3, or ISO 3166-3 for former states).
    State,
    /// An international or regional organisation, or one of its missions.
    InternationalOrganisation,
    /// A non-state armed group or a private military company.
    ArmedGroup,
    /// A company.
    Company,
    /// Anything else.
    Other,
}

impl ActorKind {
    /// Every kind, in the order the UI groups them.
    pub const ALL: [ActorKind; 5] = [
        ActorKind::State,
        ActorKind::InternationalOrganisation,
        ActorKind::ArmedGroup,
        ActorKind::Company,
        ActorKind::Other,
    ];

    /// The snake_case name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::State => "state",
            ActorKind::InternationalOrganisation => "international_organisation",
            ActorKind::ArmedGroup => "armed_group",
            ActorKind::Company => "company",
            ActorKind::Other => "other",
        }
    }

    /// A plural heading for grouped lists.
    pub fn label(self) -> &'static str {
        match self {
            ActorKind::State => "States",
            ActorKind::InternationalOrganisation => "International organisations",
            ActorKind::ArmedGroup => "Armed groups and PMCs",
            ActorKind::Company => "Companies",
            ActorKind::Other => "Other",
        }
    }
}

/// An actor as written in the file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawActor {
    /// Stable id: ISO 3166-1 alpha-3 for states, a lowercase slug for others.
    pub id: String,
    /// Full name.
    pub name: String,
    /// What kind of body it is.
    pub kind: ActorKind,
    /// The parent actor's id (Wagner Group -> RUS), for roll-ups.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affiliation: Option<String>,
    /// Other names it goes by, searched by the text filter.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The state this state succeeds (RUS -> SUN), so that a pair can be read across the
    /// succession ("include predecessors").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub succeeds: Option<String>,
}

/// An event category. Its `tone` is the default tone of every event in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    /// Stable id, snake_case.
    pub id: String,
    /// Short label shown in the UI.
    pub label: String,
    /// One-line definition.
    pub definition: String,
    /// How cooperative (+) or conflictual (-) such an event is, in [-10, +10].
    pub tone: f32,
    /// Display colour, `#rrggbb`.
    pub color: String,
}

/// Where an event took place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Location {
    /// Place name, e.g. "Moura".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Country, ISO 3166-1 alpha-3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Latitude in degrees (WGS 84).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    /// Longitude in degrees (WGS 84).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    /// How precise the point is; `None` reads as [`LocationPrecision::Place`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub precision: Option<LocationPrecision>,
}

/// How precise a location's point is, so a map draws no false precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LocationPrecision {
    /// A town, base or site.
    Place,
    /// Known only to a district, cercle or region; the point is that area's reference point.
    District,
    /// Known only at country level; the point is the country's reference point.
    Country,
}

impl LocationPrecision {
    /// Every precision, finest first.
    pub const ALL: [LocationPrecision; 3] = [
        LocationPrecision::Place,
        LocationPrecision::District,
        LocationPrecision::Country,
    ];

    /// The lowercase name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            LocationPrecision::Place => "place",
            LocationPrecision::District => "district",
            LocationPrecision::Country => "country",
        }
    }
}

/// Who published a source, so a reader can weigh it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceType {
    /// The United Nations or one of its bodies.
    Un,
    /// A non-governmental organisation.
    Ngo,
    /// A government or official body.
    Government,
    /// State-controlled or state-linked media (flagged in the UI).
    StateMedia,
    /// Independent news media and agencies.
    Media,
    /// Research institutes, academic work, reference works.
    Research,
    /// Anything else.
    Other,
}

impl SourceType {
    /// Every source type, in display order.
    pub const ALL: [SourceType; 7] = [
        SourceType::Un,
        SourceType::Ngo,
        SourceType::Government,
        SourceType::StateMedia,
        SourceType::Media,
        SourceType::Research,
        SourceType::Other,
    ];

    /// The snake_case name used in files and URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceType::Un => "un",
            SourceType::Ngo => "ngo",
            SourceType::Government => "government",
            SourceType::StateMedia => "state_media",
            SourceType::Media => "media",
            SourceType::Research => "research",
            SourceType::Other => "other",
        }
    }

    /// Parses the snake_case name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// Label for badges.
    pub fn label(self) -> &'static str {
        match self {
            SourceType::Un => "UN",
            SourceType::Ngo => "NGO",
            SourceType::Government => "Government",
            SourceType::StateMedia => "State media",
            SourceType::Media => "Media",
            SourceType::Research => "Research",
            SourceType::Other => "Other",
        }
    }
}

/// A source that reports an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Publisher as seen, e.g. "Reuters" or "KTVZ (AP)".
    pub publisher: String,
    /// Link to the page; only http and https are accepted. Absent when the source is named
    /// without a link (an importer keeps ACLED's and UCDP's sources as text); the publisher then
    /// says what the source is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Publication date, to the precision known; absent when no date was visible.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<PartialDate>,
    /// What kind of publisher it is.
    #[serde(rename = "type")]
    pub kind: SourceType,
    /// A caveat about this source (e.g. "date not shown on the page").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// How far an event has been checked against its sources.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verification {
    /// The date and core facts were seen in at least one source.
    Verified,
    /// Seen, but a detail (often the exact day) is inferred or sources conflict.
    Partial,
    /// Not checked against a source.
    Unverified,
}

impl Verification {
    /// Every level, most certain first.
    pub const ALL: [Verification; 3] = [
        Verification::Verified,
        Verification::Partial,
        Verification::Unverified,
    ];

    /// The snake_case name used in files and URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            Verification::Verified => "verified",
            Verification::Partial => "partial",
            Verification::Unverified => "unverified",
        }
    }

    /// Parses the snake_case name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// Label for badges.
    pub fn label(self) -> &'static str {
        match self {
            Verification::Verified => "Verified",
            Verification::Partial => "Partly verified",
            Verification::Unverified => "Unverified",
        }
    }
}

/// An event as written in the file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvent {
    /// Stable id, a slug.
    pub id: String,
    /// When it happened (or began): `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; the form is the precision.
    pub date: PartialDate,
    /// When a lasting event ended, at its own precision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<PartialDate>,
    /// One-line headline.
    pub title: String,
    /// A neutral paragraph.
    pub summary: String,
    /// Category id.
    pub category: String,
    /// Actor ids, initiator first.
    pub actors: Vec<String>,
    /// Overrides the category's tone for this event, in [-10, +10].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tone: Option<f32>,
    /// A turning point the reader needs to follow the story.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub milestone: bool,
    /// Where it happened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// At least one source.
    pub sources: Vec<Source>,
    /// Free tags.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Caveats and context.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// How far it was checked.
    pub verification: Verification,
}

/// Index of an actor in [`Dataset::actors`].
pub type ActorIx = u32;
/// Index of a category in [`Dataset::categories`].
pub type CategoryIx = u16;

/// A validated actor.
#[derive(Debug, Clone, PartialEq)]
pub struct Actor {
    /// Stable id.
    pub id: String,
    /// Full name.
    pub name: String,
    /// What kind of body it is.
    pub kind: ActorKind,
    /// Parent actor, if any.
    pub affiliation: Option<ActorIx>,
    /// Other names.
    pub aliases: Vec<String>,
    /// The state it succeeds, if any.
    pub succeeds: Option<ActorIx>,
}

/// A validated event.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// Stable id.
    pub id: String,
    /// When it happened or began.
    pub date: PartialDate,
    /// When it ended, if it lasted.
    pub end: Option<PartialDate>,
    /// Every day it may cover: from the first day of `date` to the last day of `end` (or `date`).
    pub span: DaySpan,
    /// Headline.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// Its category.
    pub category: CategoryIx,
    /// Its actors, initiator first, without duplicates.
    pub actors: Vec<ActorIx>,
    /// The tone in force: the override if given, else the category's.
    pub tone: f32,
    /// Whether the file gave an explicit tone override.
    pub tone_override: Option<f32>,
    /// A turning point.
    pub milestone: bool,
    /// Where.
    pub location: Option<Location>,
    /// Sources, at least one.
    pub sources: Vec<Source>,
    /// Tags.
    pub tags: Vec<String>,
    /// Caveats.
    pub notes: Option<String>,
    /// How far checked.
    pub verification: Verification,
}

/// What the text filter searches, per event (in `Dataset::events` order): the lowercased,
/// diacritic-free text of title, summary, publishers and tags, and its byte pairs
/// ([`Grams`](crate::text::Grams)). Actor names, aliases and ids are searched too, but through
/// the actors (the filter checks each word against them once), so the same words are not
/// stored again in every event naming the actor.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchIndex {
    /// Folded text, by event.
    pub texts: Vec<String>,
    /// Byte pairs of each text, so the filter skips most events unsearched.
    pub grams: Vec<crate::text::Grams>,
}

impl SearchIndex {
    /// Folds the searchable fields of `events`.
    pub fn build(events: &[Event]) -> Self {
        let mut texts = Vec::with_capacity(events.len());
        let mut grams = Vec::with_capacity(events.len());
        // One scratch buffer; each text is copied out at its exact length.
        let mut scratch = String::new();
        for e in events {
            scratch.clear();
            crate::text::fold_into(&mut scratch, &e.title);
            crate::text::fold_into(&mut scratch, &e.summary);
            for src in &e.sources {
                crate::text::fold_into(&mut scratch, &src.publisher);
            }
            for tag in &e.tags {
                crate::text::fold_into(&mut scratch, tag);
            }
            texts.push(scratch.as_str().to_owned());
            grams.push(crate::text::Grams::of(&scratch));
        }
        SearchIndex { texts, grams }
    }
}

/// A [`SearchIndex`] built on first use. Folding every text is most of the cost of loading a
/// dataset (and nothing needs it until someone types a query), so the app builds it after the
/// first paint, or the first text query does. Derived from the events, so it never makes two
/// datasets unequal.
#[derive(Debug, Clone, Default)]
pub struct LazySearch(std::sync::OnceLock<SearchIndex>);

impl PartialEq for LazySearch {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// A validated dataset: references resolved to indices, events sorted by date.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    /// Metadata.
    pub meta: DatasetMeta,
    /// Actors, in file order.
    pub actors: Vec<Actor>,
    /// Categories, in file order.
    pub categories: Vec<Category>,
    /// Events, sorted by (date, id).
    pub events: Vec<Event>,
    /// The longest span of any event in days, so date filters can binary-search by start.
    pub max_span_days: i32,
    /// A compact columnar copy of what the filter engine reads per event (built at load, ~16
    /// bytes an event), so filtering 100k events stays within its 2 ms budget.
    pub index: crate::filter::EventIndex,
    pub(crate) actor_ix: HashMap<String, ActorIx>,
    pub(crate) category_ix: HashMap<String, CategoryIx>,
    /// Positions in `events` ordered by event id, for [`Dataset::event_by_id`]: a binary search
    /// over the events' own ids instead of a map holding a second copy of 100k ids.
    pub(crate) by_id: Vec<usize>,
    /// Each actor's folded name, aliases and id (by [`ActorIx`]), searched by the text filter
    /// on behalf of every event that names the actor.
    pub(crate) actor_text: Vec<String>,
    pub(crate) search: LazySearch,
}

impl Dataset {
    /// The text filter's index, built on the first call (see [`LazySearch`]).
    pub fn search(&self) -> &SearchIndex {
        self.search
            .0
            .get_or_init(|| SearchIndex::build(&self.events))
    }

    /// Whether [`Dataset::search`] has been built yet.
    pub fn search_ready(&self) -> bool {
        self.search.0.get().is_some()
    }

    /// The actor with this id.
    pub fn actor_by_id(&self, id: &str) -> Option<ActorIx> {
        self.actor_ix.get(id).copied()
    }

    /// The category with this id.
    pub fn category_by_id(&self, id: &str) -> Option<CategoryIx> {
        self.category_ix.get(id).copied()
    }

    /// The compact columns of [`Dataset::index`] when they describe [`Dataset::events`] (always,
    /// for a dataset made by validation; a hand-built one may carry a stale index).
    fn columns(&self) -> Option<&crate::filter::EventIndex> {
        (self.index.len() == self.events.len()).then_some(&self.index)
    }

    /// Event `i`'s span, read from the compact columns: for passes over many events (the
    /// timeline's layout, the density strip, the window's count), which would otherwise read a
    /// whole [`Event`] each. `None` past the end.
    pub fn span_of(&self, i: usize) -> Option<DaySpan> {
        match self.columns() {
            Some(c) => c.span(i),
            None => self.events.get(i).map(|e| e.span),
        }
    }

    /// Event `i`'s first day, as [`Dataset::span_of`].
    pub fn start_of(&self, i: usize) -> Option<Day> {
        match self.columns() {
            Some(c) => c.start(i),
            None => self.events.get(i).map(|e| e.span.start),
        }
    }

    /// Event `i`'s category, as [`Dataset::span_of`].
    pub fn category_of(&self, i: usize) -> Option<CategoryIx> {
        match self.columns() {
            Some(c) => c.category(i),
            None => self.events.get(i).map(|e| e.category),
        }
    }

    /// Event `i`'s actors, as [`Dataset::span_of`] (empty past the end).
    pub fn actors_of(&self, i: usize) -> &[ActorIx] {
        match self.columns() {
            Some(c) => c.actors(i),
            None => self.events.get(i).map_or(&[], |e| &e.actors),
        }
    }

    /// The milestones among `sorted` (ascending positions in [`Dataset::events`], as a filter
    /// returns them), ascending: a binary search per milestone rather than a read of every
    /// event, since milestones are few.
    pub fn milestones_among(&self, sorted: &[usize]) -> Vec<usize> {
        match self.columns() {
            Some(c) => c
                .milestones()
                .iter()
                .copied()
                .filter(|m| sorted.binary_search(m).is_ok())
                .collect(),
            None => sorted
                .iter()
                .copied()
                .filter(|&i| self.events.get(i).is_some_and(|e| e.milestone))
                .collect(),
        }
    }

    /// The position in [`Dataset::events`] of the event with this id.
    pub fn event_by_id(&self, id: &str) -> Option<usize> {
        self.by_id
            .binary_search_by(|&i| {
                self.events
                    .get(i)
                    .map_or(std::cmp::Ordering::Less, |e| e.id.as_str().cmp(id))
            })
            .ok()
            .and_then(|k| self.by_id.get(k).copied())
    }

    /// The actor at an index (indices come from this dataset, so this is total for them).
    pub fn actor(&self, ix: ActorIx) -> Option<&Actor> {
        self.actors.get(ix as usize)
    }

    /// The category at an index.
    pub fn category(&self, ix: CategoryIx) -> Option<&Category> {
        self.categories.get(ix as usize)
    }

    /// The top of an actor's affiliation chain (itself if it has no parent). Validation rejects
    /// cycles, and the walk is bounded anyway so a bug could never hang the page.
    pub fn root_of(&self, ix: ActorIx) -> ActorIx {
        let mut cur = ix;
        for _ in 0..self.actors.len() {
            match self.actors.get(cur as usize).and_then(|a| a.affiliation) {
                Some(p) => cur = p,
                None => break,
            }
        }
        cur
    }

    /// Each actor's last successor (RUS for SUN), or itself if no state succeeds it, by
    /// [`ActorIx`]. Validation rejects succession cycles and two successors of one state; the
    /// walks are bounded anyway.
    pub fn successors(&self) -> Vec<ActorIx> {
        let n = self.actors.len();
        let mut next: Vec<Option<ActorIx>> = vec![None; n];
        for (i, a) in self.actors.iter().enumerate() {
            if let Some(slot) = a.succeeds.and_then(|p| next.get_mut(p as usize)) {
                *slot = Some(i as ActorIx);
            }
        }
        (0..n as ActorIx)
            .map(|a| {
                let mut cur = a;
                for _ in 0..n {
                    match next.get(cur as usize).copied().flatten() {
                        Some(s) if s != a => cur = s,
                        _ => break,
                    }
                }
                cur
            })
            .collect()
    }

    /// The states an actor succeeds, nearest first (SUN for RUS).
    pub fn predecessors_of(&self, ix: ActorIx) -> Vec<ActorIx> {
        let mut out = Vec::new();
        let mut cur = self.actor(ix).and_then(|a| a.succeeds);
        while let Some(p) = cur {
            if p == ix || out.contains(&p) || out.len() >= self.actors.len() {
                break;
            }
            out.push(p);
            cur = self.actor(p).and_then(|a| a.succeeds);
        }
        out
    }

    /// The whole span of the data, or `None` if there are no events.
    pub fn span(&self) -> Option<DaySpan> {
        let start = self.start_of(0)?;
        // The compact columns: the timeline asks on every filter change.
        let end = (0..self.events.len())
            .filter_map(|i| self.span_of(i))
            .map(|s| s.end)
            .max()?;
        Some(DaySpan { start, end })
    }

    /// Converts back to the file form, for export.
    pub fn to_raw(&self) -> RawDataset {
        let actor_id = |ix: ActorIx| self.actor(ix).map(|a| a.id.clone()).unwrap_or_default();
        RawDataset {
            schema: SCHEMA_VERSION,
            dataset: self.meta.clone(),
            actors: self
                .actors
                .iter()
                .map(|a| RawActor {
                    id: a.id.clone(),
                    name: a.name.clone(),
                    kind: a.kind,
                    affiliation: a.affiliation.map(actor_id),
                    aliases: a.aliases.clone(),
                    succeeds: a.succeeds.map(actor_id),
                })
                .collect(),
            categories: self.categories.clone(),
            events: self.events.iter().map(|e| self.raw_event(e)).collect(),
        }
    }

    /// One event in the file form, for export.
    pub fn raw_event(&self, e: &Event) -> RawEvent {
        RawEvent {
            id: e.id.clone(),
            date: e.date,
            end: e.end,
            title: e.title.clone(),
            summary: e.summary.clone(),
            category: self
                .category(e.category)
                .map(|c| c.id.clone())
                .unwrap_or_default(),
            actors: e
                .actors
                .iter()
                .filter_map(|&a| self.actor(a).map(|a| a.id.clone()))
                .collect(),
            tone: e.tone_override,
            milestone: e.milestone,
            location: e.location.clone(),
            sources: e.sources.clone(),
            tags: e.tags.clone(),
            notes: e.notes.clone(),
            verification: e.verification,
        }
    }
}

impl RawDataset {
    /// Reads a data file from a stream (a download, a file) as it arrives, without holding its
    /// text whole (see [`crate::read`]). Stops at the first problem, which
    /// [`crate::shape::read`] then words with every other one. A byte-order mark at the start is
    /// skipped.
    pub fn from_reader<R: std::io::Read>(r: R) -> Result<RawDataset, serde_json::Error> {
        crate::read::from_reader(r)
    }

    /// Reads a whole data file's text (see [`RawDataset::from_reader`]).
    pub fn from_slice(bytes: &[u8]) -> Result<RawDataset, serde_json::Error> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        serde_json::from_slice(bytes)
    }
}

impl DatasetMeta {
    /// Empty metadata, for a file whose metadata could not be read.
    pub(crate) fn placeholder() -> Self {
        DatasetMeta {
            id: String::new(),
            title: String::new(),
            description: String::new(),
            version: String::new(),
            updated: PartialDate::placeholder(),
            license: String::new(),
        }
    }
}

/// Data files and broken variants of them, to check that [`crate::shape`] refuses exactly what
/// serde's derived readers refuse (the oracle).
#[cfg(test)]
pub(crate) mod oracle {
    use super::*;
    use proptest::prelude::*;
    use serde_json::Value;

    /// A way to break (or merely reshape) a data file.
    #[derive(Debug, Clone)]
    pub(crate) enum Mutation {
        /// As serialized, fields in declaration order.
        Unchanged,
        /// Through `serde_json::Value`: members sorted by key.
        Reordered,
        /// Drop the k-th member (depth-first over every object).
        Drop(usize),
        /// Add a member to the k-th object.
        Add(usize, &'static str, Value),
        /// Replace the value of the k-th member.
        Replace(usize, Value),
        /// Write the k-th object's first member twice.
        Duplicate(usize),
        /// Write the k-th string (keys included) with its first character as an escape of a
        /// kind, some valid and some not.
        Escape(usize, u8),
        /// Cut the text at the k-th character.
        Truncate(usize),
        /// Insert a whitespace-like character at the k-th character.
        Space(usize, &'static str),
        /// Replace some characters at the k-th by a snippet of JSON.
        Snippet(usize, usize, &'static str),
    }

    fn values() -> impl Strategy<Value = Value> {
        prop::sample::select(vec![
            Value::Null,
            Value::Bool(true),
            Value::from(1),
            Value::from(-1),
            Value::from(1.5),
            Value::from(1e40),
            Value::from(4_294_967_296u64),
            Value::from(u64::MAX),
            Value::from(""),
            Value::from("x"),
            Value::from("2021"),
            Value::from("2021-13"),
            Value::from("2021-02-30"),
            Value::from("state"),
            Value::from("verified"),
            Value::from("un"),
            Value::Array(vec![]),
            Value::Array(vec![Value::from("MLI")]),
            Value::Array(vec![Value::Null]),
            serde_json::json!({}),
            serde_json::json!({"a": 1}),
        ])
    }

    pub(crate) fn mutation() -> impl Strategy<Value = Mutation> {
        let k = any::<usize>();
        prop_oneof![
            Just(Mutation::Unchanged),
            Just(Mutation::Reordered),
            k.prop_map(Mutation::Drop),
            (
                k,
                prop::sample::select(vec!["extra", "id", "Title", "colour", "type"]),
                values()
            )
                .prop_map(|(k, key, v)| Mutation::Add(k, key, v)),
            (k, values()).prop_map(|(k, v)| Mutation::Replace(k, v)),
            k.prop_map(Mutation::Duplicate),
            (k, 0u8..8).prop_map(|(k, kind)| Mutation::Escape(k, kind)),
            k.prop_map(Mutation::Truncate),
            (
                k,
                prop::sample::select(vec![
                    " ", "\t", "\n", "\r", "\u{a0}", "\u{feff}", "\x0c", "\u{2028}"
                ])
            )
                .prop_map(|(k, s)| Mutation::Space(k, s)),
            (
                k,
                0usize..6,
                prop::sample::select(vec![
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
                    "1e400",
                    "01",
                    "-0",
                    "1.0",
                    "\"\\u00e9\"",
                    "\"\\ud800\"",
                    "true",
                    "\"RUS\"",
                    "[]",
                    "{}",
                    "\n",
                    "0",
                ])
            )
                .prop_map(|(k, n, s)| Mutation::Snippet(k, n, s)),
        ]
    }

    /// Every member of every object, depth-first: (path of keys and indices, key).
    fn members(v: &Value, path: &mut Vec<Value>, out: &mut Vec<(Vec<Value>, String)>) {
        match v {
            Value::Object(map) => {
                for (key, child) in map {
                    out.push((path.clone(), key.clone()));
                    path.push(Value::from(key.as_str()));
                    members(child, path, out);
                    path.pop();
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    path.push(Value::from(i));
                    members(child, path, out);
                    path.pop();
                }
            }
            _ => {}
        }
    }

    fn at<'v>(v: &'v mut Value, path: &[Value]) -> Option<&'v mut Value> {
        let mut cur = v;
        for step in path {
            cur = match step {
                Value::String(k) => cur.get_mut(k.as_str())?,
                Value::Number(i) => cur.get_mut(i.as_u64()? as usize)?,
                _ => return None,
            };
        }
        Some(cur)
    }

    /// Every string value and key, depth-first, as paths (a key is its object's path plus the
    /// key, marked `true`).
    fn strings(v: &Value, path: &mut Vec<Value>, out: &mut Vec<(Vec<Value>, bool)>) {
        match v {
            Value::Object(map) => {
                for (key, child) in map {
                    path.push(Value::from(key.as_str()));
                    out.push((path.clone(), true));
                    strings(child, path, out);
                    path.pop();
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    path.push(Value::from(i));
                    strings(child, path, out);
                    path.pop();
                }
            }
            Value::String(_) => out.push((path.clone(), false)),
            _ => {}
        }
    }

    /// The first character of `s` written as an escape of `kind`, then the rest as JSON.
    fn escaped(s: &str, kind: u8) -> String {
        let mut chars = s.chars();
        let first = chars.next().unwrap_or('a');
        let rest = serde_json::to_string(chars.as_str()).unwrap_or_default();
        let rest = rest
            .get(1..rest.len().saturating_sub(1))
            .unwrap_or_default();
        let head = match kind {
            0 => format!("\\u{:04x}", first as u32 & 0xFFFF),
            1 => format!("\\u{:04X}", first as u32 & 0xFFFF),
            2 => "\\ud83d\\ude00".to_string(),
            3 => "\\ud83d".to_string(),
            4 => "\\/".to_string(),
            5 => "\\x".to_string(),
            6 => "\u{1}".to_string(),
            _ => format!("{first}\\n"),
        };
        format!("\"{head}{rest}\"")
    }

    /// `text` broken by `m`.
    pub(crate) fn apply(text: &str, m: &Mutation) -> String {
        let Ok(mut doc) = serde_json::from_str::<Value>(text) else {
            return text.to_string();
        };
        let mut all = Vec::new();
        members(&doc, &mut Vec::new(), &mut all);
        let pick = |k: usize| all.get(k % all.len().max(1)).cloned();
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let char_at = |k: usize| chars.get(k % chars.len().max(1)).map_or(0, |c| c.0);
        let ser = |v: &Value| serde_json::to_string(v).unwrap_or_default();
        match m {
            Mutation::Unchanged => text.to_string(),
            Mutation::Reordered => ser(&doc),
            Mutation::Drop(k) => {
                if let Some((path, key)) = pick(*k) {
                    if let Some(Value::Object(map)) = at(&mut doc, &path) {
                        map.remove(&key);
                    }
                }
                ser(&doc)
            }
            Mutation::Add(k, key, v) => {
                if let Some((path, _)) = pick(*k) {
                    if let Some(Value::Object(map)) = at(&mut doc, &path) {
                        map.insert(key.to_string(), v.clone());
                    }
                }
                ser(&doc)
            }
            Mutation::Replace(k, v) => {
                if let Some((mut path, key)) = pick(*k) {
                    path.push(Value::from(key));
                    if let Some(slot) = at(&mut doc, &path) {
                        *slot = v.clone();
                    }
                }
                ser(&doc)
            }
            Mutation::Duplicate(k) => {
                let Some((path, _)) = pick(*k) else {
                    return ser(&doc);
                };
                let whole = ser(&doc);
                let Some(obj) = at(&mut doc, &path).map(|v| v.clone()) else {
                    return whole;
                };
                let Some((key, value)) = obj.as_object().and_then(|m| m.iter().next()) else {
                    return whole;
                };
                let o = ser(&obj);
                let doubled = format!(
                    "{{{}:{},{}",
                    ser(&Value::from(key.as_str())),
                    ser(value),
                    &o[1..]
                );
                whole.replacen(&o, &doubled, 1)
            }
            Mutation::Escape(k, kind) => {
                let mut found = Vec::new();
                strings(&doc, &mut Vec::new(), &mut found);
                let Some((path, is_key)) = found.get(k % found.len().max(1)).cloned() else {
                    return ser(&doc);
                };
                const MARK: &str = "\u{1}MARK\u{1}";
                let original;
                if is_key {
                    let (parent, key) = path.split_at(path.len() - 1);
                    let key = key[0].as_str().unwrap_or_default().to_string();
                    let Some(Value::Object(map)) = at(&mut doc, parent) else {
                        return ser(&doc);
                    };
                    // A key that sorts elsewhere changes the order; the oracle does not mind.
                    let v = map.remove(&key).unwrap_or(Value::Null);
                    map.insert(MARK.to_string(), v);
                    original = key;
                } else {
                    let Some(slot) = at(&mut doc, &path) else {
                        return ser(&doc);
                    };
                    original = slot.as_str().unwrap_or_default().to_string();
                    *slot = Value::from(MARK);
                }
                ser(&doc).replacen(&ser(&Value::from(MARK)), &escaped(&original, *kind), 1)
            }
            Mutation::Truncate(k) => text[..char_at(*k)].to_string(),
            Mutation::Space(k, s) => {
                let mut t = text.to_string();
                t.insert_str(char_at(*k), s);
                t
            }
            Mutation::Snippet(k, n, s) => {
                let start = k % chars.len().max(1);
                let from = chars.get(start).map_or(text.len(), |c| c.0);
                let to = chars.get(start + n).map_or(text.len(), |c| c.0);
                let mut t = text.to_string();
                t.replace_range(from..to, s);
                t
            }
        }
    }

    /// Files to break: small synthetic ones, compact and pretty, and the curated dataset.
    pub(crate) fn base() -> impl Strategy<Value = String> {
        let curated = include_str!("../../../public/data/sahel.json");
        prop_oneof![
            (any::<u64>(), 1usize..4).prop_map(|(seed, n)| {
                serde_json::to_string(&crate::synth::synth(n, seed)).unwrap_or_default()
            }),
            (any::<u64>(), 1usize..3).prop_map(|(seed, n)| {
                serde_json::to_string_pretty(&crate::synth::synth(n, seed)).unwrap_or_default()
            }),
            Just(curated.to_string()),
        ]
    }

    /// A file and a mutation of it.
    pub(crate) fn files() -> impl Strategy<Value = String> {
        (base(), prop::collection::vec(mutation(), 1..3))
            .prop_map(|(text, ms)| ms.iter().fold(text, |t, m| apply(&t, m)))
    }

    /// Whether the walk's refusal of a file serde reads is a known difference: serde also reads
    /// an object written as an array of its fields in declaration order (all of `Location`'s
    /// may be left out, so `"location": []` is a valid location to serde), and reads a number
    /// beyond `f32`'s range as infinity, which the walk calls too large.
    pub(crate) fn known_difference(problems: &[crate::shape::Problem]) -> bool {
        !problems.is_empty()
            && problems.iter().all(|p| {
                p.message
                    .starts_with("invalid type: an array, expected an object")
                    || p.message.ends_with("is too large for a number")
            })
    }

    /// The walk and serde agree on `text`: both refuse it, or both read the same.
    pub(crate) fn agree(text: &str) -> Result<(), TestCaseError> {
        let serde = serde_json::from_str::<RawDataset>(text);
        let walked = crate::shape::read(text);
        let problems = &walked.problems;
        match serde {
            Ok(a) if problems.is_empty() => prop_assert_eq!(a, walked.raw),
            Ok(_) => prop_assert!(
                known_difference(problems),
                "serde reads it; the walk: {:?}\n{}",
                problems,
                text
            ),
            Err(e) => prop_assert!(
                !problems.is_empty(),
                "serde refuses it ({}), the walk reads it:\n{}",
                e,
                text
            ),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A valid file with every optional field and form, to edit in the cases below.
    const FILE: &str = r##"{"schema": 1,
 "dataset": {"id": "d", "title": "T", "description": "", "version": "1", "updated": "2024-05", "license": "L"},
 "actors": [{"id": "MLI", "name": "Mali", "kind": "state", "aliases": ["Mali Republic"]},
            {"id": "wagner", "name": "Wagner", "kind": "armed_group", "affiliation": null}],
 "categories": [{"id": "c", "label": "C", "definition": "", "tone": -2.5, "color": "#aa3300"}],
 "events": [{"id": "e1", "date": "2022-03-27", "end": "2022-04", "title": "t", "summary": "s",
             "category": "c", "actors": ["MLI", "wagner"], "tone": 3, "milestone": true,
             "location": {"place": "Moura", "country": null, "lat": 14.2, "lon": -4.6},
             "sources": [{"publisher": "P", "url": "https://x.org", "published": null, "type": "state_media", "note": "n"}],
             "tags": ["a"], "notes": null, "verification": "partial"}]}"##;

    /// Edits of a valid file, each accepted or refused exactly as serde's derive does, with the
    /// same values when accepted: defaults, `null` for options, renames, enum spellings,
    /// escaped keys, member order, duplicate and unknown fields, types and dates.
    #[test]
    fn accepts_what_serde_accepts() {
        // (from, to, accepted?)
        let cases: [(&str, &str, bool); 35] = [
            ("", "", true),
            (
                r#""lon": -4.6}"#,
                r#""lon": -4.6, "precision": "district"}"#,
                true,
            ),
            (
                r#""lon": -4.6}"#,
                r#""lon": -4.6, "precision": null}"#,
                true,
            ),
            (
                r#""lon": -4.6}"#,
                r#""lon": -4.6, "precision": "region"}"#,
                false,
            ),
            (r#""url": "https://x.org", "#, "", true),
            (r#""url": "https://x.org""#, r#""url": null"#, true),
            (r#""milestone": true,"#, "", true),
            (r#""tags": ["a"],"#, "", true),
            (r#""aliases": ["Mali Republic"]"#, r#""aliases": []"#, true),
            (r#""notes": null"#, r#""notes": "x""#, true),
            (r#""end": "2022-04""#, r#""end": null"#, true),
            (r#""tone": 3"#, r#""tone": null"#, true),
            (r#""tone": 3"#, r#""tone": 1e1"#, true),
            (r#""tone": 3"#, r#""tone": 1e40"#, true),
            (r#""lat": 14.2"#, r#""lat": -0"#, true),
            (r#""schema": 1"#, r#""schema": 4294967295"#, true),
            (r#""schema": 1,"#, r#""sch\u0065ma": 1,"#, true),
            (
                r#""type": "state_media""#,
                r#""type": "st\u0061te_media""#,
                true,
            ),
            (r#"{"schema": 1,"#, r#"{"events": [], "schema": 1,"#, false),
            (r#""tone": 3"#, r#""tone": "3""#, false),
            (r#""milestone": true"#, r#""milestone": null"#, false),
            (r#""tags": ["a"]"#, r#""tags": null"#, false),
            (r#""schema": 1"#, r#""schema": 1.0"#, false),
            (r#""schema": 1"#, r#""schema": -1"#, false),
            (r#""schema": 1"#, r#""schema": 4294967296"#, false),
            (r#""lat": 14.2"#, r#""lat": 1e400"#, false),
            (
                r#""type": "state_media""#,
                r#""type": "State_media""#,
                false,
            ),
            (
                r#""type": "state_media""#,
                r#""kind": "state_media""#,
                false,
            ),
            (r#""date": "2022-03-27""#, r#""date": "2022-3-27""#, false),
            (
                r#""updated": "2024-05""#,
                r#""updated": "2024-02-30""#,
                false,
            ),
            (r#""title": "t","#, r#""title": "t", "title": "t","#, false),
            (
                r#""place": "Moura","#,
                r#""place": "Moura", "altitude": 3,"#,
                false,
            ),
            (r#""summary": "s","#, "", false),
            (r#""location": {"#, r#""location": null, "x": {"#, false),
            ("}]}", "}]} x", false),
        ];
        for (from, to, accepted) in cases {
            assert!(FILE.contains(from), "{from}");
            let text = FILE.replacen(from, to, 1);
            let serde = serde_json::from_str::<RawDataset>(&text);
            assert_eq!(serde.is_ok(), accepted, "serde on {to}: {serde:?}");
            let walked = crate::shape::read(&text);
            match &serde {
                Ok(raw) if walked.problems.is_empty() => assert_eq!(raw, &walked.raw, "{to}"),
                Ok(_) => assert!(
                    oracle::known_difference(&walked.problems),
                    "{to}: {:?}",
                    walked.problems
                ),
                Err(_) => assert!(!walked.problems.is_empty(), "{to}"),
            }
            let streamed = RawDataset::from_reader(text.as_bytes());
            assert_eq!(streamed.ok(), serde.ok(), "{to}");
        }
    }

    /// The forms serde takes that the walk reports: an object written as the array of its
    /// field values, an enum as `{"state": null}`.
    #[test]
    fn objects_as_arrays_are_reported() {
        let text = FILE.replacen(
            r#"{"place": "Moura", "country": null, "lat": 14.2, "lon": -4.6}"#,
            r#"["Moura", null, 14.2, -4.6]"#,
            1,
        );
        assert!(serde_json::from_str::<RawDataset>(&text).is_ok());
        let problems = crate::shape::read(&text).problems;
        assert!(oracle::known_difference(&problems), "{problems:?}");
        let text = FILE.replacen(r#""kind": "state""#, r#""kind": {"state": null}"#, 1);
        assert!(serde_json::from_str::<RawDataset>(&text).is_ok());
        assert!(!crate::shape::read(&text).problems.is_empty());
    }

    /// A byte-order mark is skipped, read whole or as a stream.
    #[test]
    fn byte_order_mark() {
        let text = format!("\u{feff}{FILE}");
        let a = RawDataset::from_slice(text.as_bytes()).unwrap();
        let b = RawDataset::from_reader(text.as_bytes()).unwrap();
        assert_eq!(a, b);
        assert!(crate::shape::read(&text).problems.is_empty());
        // One byte at a time, as a slow download delivers it.
        struct Trickle<'a>(&'a [u8]);
        impl std::io::Read for Trickle<'_> {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                let Some((&b, rest)) = self.0.split_first() else {
                    return Ok(0);
                };
                if let Some(slot) = buf.first_mut() {
                    *slot = b;
                    self.0 = rest;
                    return Ok(1);
                }
                Ok(0)
            }
        }
        assert_eq!(
            RawDataset::from_reader(Trickle(text.as_bytes())).unwrap(),
            a
        );
    }

    proptest! {
        /// On synthetic and curated files, reshaped and broken in every way `oracle::mutation`
        /// knows, the walk refuses exactly what serde refuses, and reads the same otherwise.
        #[test]
        fn walk_agrees_with_serde(text in oracle::files()) {
            oracle::agree(&text)?;
        }

        /// No text makes the walk panic.
        #[test]
        fn never_panics(text in "\\PC{0,200}") {
            let _ = crate::shape::read(&text);
        }
    }

    /// The per-event accessors read the compact columns as the events themselves read, and fall
    /// back to the events when the index does not describe them.
    #[test]
    fn columns_read_as_events() {
        let ds = crate::validate::validate(crate::synth::synth(3000, 11)).unwrap();
        let mut stale = ds.clone();
        stale.index = crate::filter::EventIndex::build(&ds.events[..10]);
        let n = ds.events.len();
        // Every third event, as a filter's ascending matches.
        let some: Vec<usize> = (0..n).step_by(3).collect();
        let want_milestones: Vec<usize> = some
            .iter()
            .copied()
            .filter(|&i| ds.events[i].milestone)
            .collect();
        assert!(!want_milestones.is_empty(), "synth(3000) has milestones");
        for (name, d) in [("fresh", &ds), ("stale", &stale)] {
            for (i, e) in d.events.iter().enumerate() {
                assert_eq!(d.span_of(i), Some(e.span), "{name} {i}");
                assert_eq!(d.start_of(i), Some(e.span.start), "{name} {i}");
                assert_eq!(d.category_of(i), Some(e.category), "{name} {i}");
                assert_eq!(d.actors_of(i), e.actors.as_slice(), "{name} {i}");
            }
            assert_eq!(d.span_of(n), None, "{name}");
            assert_eq!(d.start_of(n), None, "{name}");
            assert_eq!(d.category_of(n), None, "{name}");
            assert!(d.actors_of(n).is_empty(), "{name}");
            assert_eq!(d.milestones_among(&some), want_milestones, "{name}");
            assert!(d.milestones_among(&[]).is_empty(), "{name}");
            let whole = DaySpan {
                start: d.events[0].span.start,
                end: d.events.iter().map(|e| e.span.end).max().unwrap(),
            };
            assert_eq!(d.span(), Some(whole), "{name}");
        }
    }
}
