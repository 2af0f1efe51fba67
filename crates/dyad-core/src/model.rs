//! The dataset schema: what a Dyad data file holds ([`RawDataset`], straight from JSON) and the
//! validated, indexed form the app works on ([`Dataset`]).
//!
//! The raw types mirror the file one to one and derive serde, so export writes back exactly what
//! import read. The validated types replace string references by indices into `actors` and
//! `categories`, precompute each event's day span and folded search text, and keep events in date
//! order, so that filters and aggregations never look anything up by name in a hot loop.
//! See docs/dataset-format.md for the format as users read it.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::date::{DaySpan, PartialDate};

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
    /// Link to the page; only http and https are accepted.
    pub url: String,
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

    /// The whole span of the data, or `None` if there are no events.
    pub fn span(&self) -> Option<DaySpan> {
        let start = self.events.first()?.span.start;
        let end = self.events.iter().map(|e| e.span.end).max()?;
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
