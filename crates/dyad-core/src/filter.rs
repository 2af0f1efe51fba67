//! The filter engine: which events match the panel's choices, and the facet counts beside each
//! choice.
//!
//! A [`Filter`] speaks in ids, as the URL does; [`Filter::compile`] resolves them against a
//! dataset once, and the compiled form runs over events without any string lookups.

use serde::{Deserialize, Serialize};

use crate::date::{Day, DaySpan, PartialDate};
use crate::map::BBox;
use crate::model::{ActorIx, CategoryIx, Dataset, Event, SourceType, Verification};
use crate::text::{fold, Grams};

/// How several selected actors combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorMode {
    /// An event matches if it involves any selected actor.
    #[default]
    Any,
    /// An event matches only if it involves every selected actor.
    All,
}

impl ActorMode {
    /// The lowercase name used in URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            ActorMode::Any => "any",
            ActorMode::All => "all",
        }
    }
}

/// What the user asked to see. Empty lists mean "no restriction".
///
/// Lists are kept sorted and without duplicates (see [`Filter::normalize`]) so that one filter
/// has exactly one URL.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Filter {
    /// Actor ids.
    pub actors: Vec<String>,
    /// How the actors combine.
    pub actor_mode: ActorMode,
    /// Category ids.
    pub categories: Vec<String>,
    /// Inclusive lower bound; an imprecise event matches if its span overlaps the range.
    pub from: Option<PartialDate>,
    /// Inclusive upper bound (the last day of a coarse date counts).
    pub to: Option<PartialDate>,
    /// Free text over title, summary, actor names and publishers; case- and accent-insensitive.
    pub text: String,
    /// Source types: an event matches if any of its sources has one of them.
    pub source_types: Vec<SourceType>,
    /// Verification levels.
    pub verification: Vec<Verification>,
    /// Whether an actor stands for its predecessor states too (Russia for the Soviet Union).
    #[serde(default)]
    pub predecessors: bool,
    /// A geographic box ("filter to this area"): only events whose coordinates lie inside it
    /// match; events without coordinates do not. A country-level event counts by its point.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<BBox>,
}

impl Filter {
    /// Puts the filter in its canonical form: lists sorted and without duplicates, text trimmed.
    /// Two filters that select the same events the same way then compare equal and share a URL.
    pub fn normalize(&mut self) {
        self.actors.sort_unstable();
        self.actors.dedup();
        self.categories.sort_unstable();
        self.categories.dedup();
        self.source_types.sort_unstable();
        self.source_types.dedup();
        self.verification.sort_unstable();
        self.verification.dedup();
        let trimmed = self.text.trim();
        if trimmed.len() != self.text.len() {
            self.text = trimmed.to_string();
        }
    }

    /// Whether the filter restricts nothing. The actor mode alone is no restriction: it only
    /// matters once actors are selected.
    pub fn is_empty(&self) -> bool {
        self.actors.is_empty()
            && self.categories.is_empty()
            && self.from.is_none()
            && self.to.is_none()
            && self.text.trim().is_empty()
            && self.source_types.is_empty()
            && self.verification.is_empty()
            && self.area.is_none()
    }

    /// Resolves the filter against a dataset, once, so that matching needs no string lookups.
    ///
    /// Unknown actor and category ids are ignored (the URL layer reports them as warnings); if
    /// every id of a list is unknown, that list restricts nothing. The date range runs from the
    /// first day of `from` to the last day of `to`, and an event matches when its span overlaps
    /// it; a range whose end precedes its start matches nothing. The text is folded and split
    /// into words, and every word must occur somewhere in the event's search text or in the
    /// name, aliases or id of one of its actors.
    pub fn compile(&self, ds: &Dataset) -> CompiledFilter {
        let actor_ix: Vec<ActorIx> = {
            let mut v: Vec<ActorIx> = self
                .actors
                .iter()
                .filter_map(|id| ds.actor_by_id(id))
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        let mut actor_sel = Vec::new();
        let mut actor_slot = Vec::new();
        if !actor_ix.is_empty() {
            actor_sel = vec![false; ds.actors.len()];
            for &a in &actor_ix {
                if let Some(slot) = actor_sel.get_mut(a as usize) {
                    *slot = true;
                }
            }
            // A selected state stands for the states it succeeds. In "all" mode each event
            // actor then counts for the selection it stands for, so that Russia and the Soviet
            // Union in one event count once.
            if self.predecessors {
                let mut slots = vec![u32::MAX; ds.actors.len()];
                for (k, &a) in actor_ix.iter().enumerate() {
                    for x in std::iter::once(a).chain(ds.predecessors_of(a)) {
                        if let Some(slot) = slots.get_mut(x as usize) {
                            if *slot == u32::MAX {
                                *slot = k as u32;
                            }
                        }
                        if let Some(sel) = actor_sel.get_mut(x as usize) {
                            *sel = true;
                        }
                    }
                }
                if self.actor_mode == ActorMode::All {
                    actor_slot = slots;
                }
            }
        }

        let mut category_sel = Vec::new();
        let cats: Vec<CategoryIx> = self
            .categories
            .iter()
            .filter_map(|id| ds.category_by_id(id))
            .collect();
        if !cats.is_empty() {
            category_sel = vec![false; ds.categories.len()];
            for c in cats {
                if let Some(slot) = category_sel.get_mut(c as usize) {
                    *slot = true;
                }
            }
        }

        let span = match (self.from, self.to) {
            (None, None) => None,
            (from, to) => Some(DaySpan {
                start: from.map_or(Day::MIN, |d| d.first_day()),
                end: to.map_or(Day::MAX, |d| d.last_day()),
            }),
        };

        let words: Vec<String> = fold(&self.text)
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        // Words contain no space and the pieces of a search text are joined by one, so a word
        // occurs in "event text + its actors' texts" exactly when it occurs in one of them.
        // A word no actor has gets an empty table, so events skip the lookup.
        let word_actors = words
            .iter()
            .map(|w| {
                let by_actor: Vec<bool> = ds
                    .actor_text
                    .iter()
                    .map(|t| t.contains(w.as_str()))
                    .collect();
                if by_actor.contains(&true) {
                    by_actor
                } else {
                    Vec::new()
                }
            })
            .collect();

        let word_grams = words.iter().map(|w| Grams::of(w)).collect();
        CompiledFilter {
            actor_sel,
            actor_slot,
            actor_count: actor_ix.len(),
            actor_mode: self.actor_mode,
            category_sel,
            span,
            words,
            word_grams,
            word_actors,
            area: self.area,
            source_mask: self.source_types.iter().fold(0, |m, &t| m | source_bit(t)),
            verification_mask: self
                .verification
                .iter()
                .fold(0, |m, &v| m | verification_bit(v)),
        }
    }
}

/// Whether `needle` occurs in `hay`: a scan for its first byte, then a comparison of the rest.
/// For the short words of a query this is about 1.7 times as fast in the browser as
/// `str::contains`, whose two-way searcher prepares itself at every call and has no vector
/// fast path in wasm. (Scanning eight bytes at a time as a `u64` gained another 10% for 112
/// bytes of wasm: not taken.)
fn contains(hay: &[u8], needle: &[u8]) -> bool {
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    let Some(last) = hay.len().checked_sub(needle.len()) else {
        return false;
    };
    let mut from = 0;
    while let Some(p) = hay
        .get(from..=last)
        .and_then(|h| h.iter().position(|&b| b == first))
    {
        let at = from + p;
        if hay.get(at + 1..at + needle.len()) == Some(rest) {
            return true;
        }
        from = at + 1;
    }
    false
}

/// Bits of the facets an event may fail; date and text are preconditions, not facets.
const FAIL_ACTORS: u8 = 1;
const FAIL_CATEGORY: u8 = 2;
const FAIL_SOURCE: u8 = 4;
const FAIL_VERIFICATION: u8 = 8;

/// The bit of a source type in a mask, in [`SourceType::ALL`] order.
fn source_bit(t: SourceType) -> u8 {
    1 << source_pos(t)
}

/// The position of a source type in [`SourceType::ALL`] (and so in [`Facets::source_types`]).
fn source_pos(t: SourceType) -> usize {
    match t {
        SourceType::Un => 0,
        SourceType::Ngo => 1,
        SourceType::Government => 2,
        SourceType::StateMedia => 3,
        SourceType::Media => 4,
        SourceType::Research => 5,
        SourceType::Other => 6,
    }
}

/// The bit of a verification level in a mask, in [`Verification::ALL`] order.
fn verification_bit(v: Verification) -> u8 {
    1 << verification_pos(v)
}

/// The position of a level in [`Verification::ALL`] (and so in [`Facets::verification`]).
fn verification_pos(v: Verification) -> usize {
    match v {
        Verification::Verified => 0,
        Verification::Partial => 1,
        Verification::Unverified => 2,
    }
}

/// A [`Filter`] resolved against one dataset: selections as lookup tables and bit masks, the
/// date range as days, the text as folded words. Only valid with the dataset it was compiled for.
#[derive(Debug, Clone, PartialEq)]
pub struct CompiledFilter {
    /// Selected actors by [`ActorIx`]; empty when actors restrict nothing.
    actor_sel: Vec<bool>,
    /// In "all" mode with predecessors, the selection each actor stands for (`u32::MAX`: none);
    /// empty otherwise.
    actor_slot: Vec<u32>,
    /// How many distinct known actors are selected.
    actor_count: usize,
    actor_mode: ActorMode,
    /// Selected categories by [`CategoryIx`]; empty when categories restrict nothing.
    category_sel: Vec<bool>,
    /// Inclusive day range, if any bound was given.
    span: Option<DaySpan>,
    /// Folded query words, all required.
    words: Vec<String>,
    /// For each word, by [`ActorIx`], whether the actor's searchable text contains it (an event
    /// matches a word through any of its actors); empty when no actor's does.
    word_actors: Vec<Vec<bool>>,
    /// The byte pairs of each word, to skip events that cannot contain it.
    word_grams: Vec<Grams>,
    /// The area events must lie in, if any.
    area: Option<BBox>,
    /// Selected source types as bits in [`SourceType::ALL`] order; 0 restricts nothing.
    source_mask: u8,
    /// Selected verification levels as bits in [`Verification::ALL`] order; 0 restricts nothing.
    verification_mask: u8,
}

impl CompiledFilter {
    /// Whether the event at position `i` of `ds.events` passes every part of the filter.
    pub fn matches(&self, ds: &Dataset, i: usize) -> bool {
        let Some(e) = ds.events.get(i) else {
            return false;
        };
        let row = Row::of_event(e);
        self.in_range(row.span)
            && self.in_area(row.coords)
            && self.text_ok(ds, i, row.actors)
            && self.failures(&row) == 0
    }

    /// Whether a point (`None`: no coordinates) passes the area, if there is one.
    fn in_area(&self, coords: Option<(f32, f32)>) -> bool {
        match (&self.area, coords) {
            (None, _) => true,
            (Some(b), Some((lat, lon))) => b.contains_f32(lat, lon),
            (Some(_), None) => false,
        }
    }

    /// The inclusive day range events must overlap, if the filter has one.
    pub fn date_range(&self) -> Option<DaySpan> {
        self.span
    }

    fn in_range(&self, span: DaySpan) -> bool {
        // `overlaps` alone would let a long event straddle an inverted range.
        self.span.is_none_or(|r| !r.is_empty() && r.overlaps(&span))
    }

    /// Whether every query word occurs in event `i`'s search text or through one of `actors`
    /// (the event's actors: from the compact [`EventIndex`] when the caller has it, so the
    /// events themselves are never read).
    fn text_ok(&self, ds: &Dataset, i: usize, actors: &[ActorIx]) -> bool {
        if self.words.is_empty() {
            return true;
        }
        let search = ds.search();
        let (Some(text), Some(summary)) = (search.texts.get(i), search.grams.get(i)) else {
            return false;
        };
        self.words
            .iter()
            .zip(&self.word_actors)
            .zip(&self.word_grams)
            .all(|((w, by_actor), grams)| {
                // The actor lookup first: a few table reads, where the text search scans the
                // whole text. An empty table means no actor has the word.
                (!by_actor.is_empty()
                    && actors
                        .iter()
                        .any(|&a| by_actor.get(a as usize).copied().unwrap_or(false)))
                    || (summary.may_contain(grams) && contains(text.as_bytes(), w.as_bytes()))
            })
    }

    fn actors_ok(&self, actors: &[ActorIx]) -> bool {
        if self.actor_count == 0 {
            return true;
        }
        let selected = |a: &ActorIx| self.actor_sel.get(*a as usize).copied().unwrap_or(false);
        match self.actor_mode {
            ActorMode::Any => actors.iter().any(selected),
            // Event actors are distinct (validation removes duplicates), so counting the
            // selected ones among them tells whether every selected actor is there.
            ActorMode::All if self.actor_slot.is_empty() => {
                actors.iter().filter(|a| selected(a)).count() == self.actor_count
            }
            // Through predecessors, two actors of an event may stand for one selection.
            ActorMode::All => {
                let mut seen: Vec<u32> = actors
                    .iter()
                    .filter_map(|&a| self.actor_slot.get(a as usize).copied())
                    .filter(|&s| s != u32::MAX)
                    .collect();
                seen.sort_unstable();
                seen.dedup();
                seen.len() == self.actor_count
            }
        }
    }

    /// Which facets the event fails, as `FAIL_*` bits.
    fn failures(&self, row: &Row<'_>) -> u8 {
        let mut fail = 0;
        if !self.actors_ok(row.actors) {
            fail |= FAIL_ACTORS;
        }
        if !self.category_sel.is_empty()
            && !self
                .category_sel
                .get(row.category as usize)
                .copied()
                .unwrap_or(false)
        {
            fail |= FAIL_CATEGORY;
        }
        if self.source_mask != 0 && row.sources & self.source_mask == 0 {
            fail |= FAIL_SOURCE;
        }
        if self.verification_mask != 0 && row.verification & self.verification_mask == 0 {
            fail |= FAIL_VERIFICATION;
        }
        fail
    }

    /// The range of positions in `ds.events` that may overlap the date range. Events are sorted
    /// by start day and none lasts longer than `ds.max_span_days`, so anything starting earlier
    /// than `from - max_span_days` has ended before `from`.
    fn candidates(&self, ds: &Dataset) -> std::ops::Range<usize> {
        let Some(r) = self.span else {
            return 0..ds.events.len();
        };
        if r.is_empty() {
            return 0..0;
        }
        // One day of slack in case max_span_days counts the span's length rather than end - start.
        let earliest = r
            .start
            .saturating_sub(ds.max_span_days.max(0))
            .saturating_sub(1);
        let lo = ds.events.partition_point(|e| e.span.start < earliest);
        let hi = ds.events.partition_point(|e| e.span.start <= r.end);
        lo..hi.max(lo)
    }
}

/// What the engine needs of one event, borrowed from either an [`Event`] or an [`EventIndex`].
struct Row<'a> {
    span: DaySpan,
    category: CategoryIx,
    /// Source types present, as bits in [`SourceType::ALL`] order.
    sources: u8,
    /// The verification level's bit in [`Verification::ALL`] order.
    verification: u8,
    actors: &'a [ActorIx],
    /// `(lat, lon)`, if the event has both.
    coords: Option<(f32, f32)>,
}

impl<'a> Row<'a> {
    fn of_event(e: &'a Event) -> Self {
        Row {
            span: e.span,
            category: e.category,
            sources: e.sources.iter().fold(0, |m, s| m | source_bit(s.kind)),
            verification: verification_bit(e.verification),
            actors: &e.actors,
            coords: e
                .location
                .as_ref()
                .and_then(|l| l.coords())
                .map(|(lat, lon)| (lat as f32, lon as f32)),
        }
    }
}

/// Anything the engine can read rows from, by position in `ds.events`.
trait Rows {
    fn row(&self, i: usize) -> Option<Row<'_>>;
}

impl Rows for [Event] {
    fn row(&self, i: usize) -> Option<Row<'_>> {
        self.get(i).map(Row::of_event)
    }
}

impl Rows for EventIndex {
    fn row(&self, i: usize) -> Option<Row<'_>> {
        let c = self.rows.get(i)?;
        let from = *self.actor_start.get(i)? as usize;
        let to = *self.actor_start.get(i + 1)? as usize;
        Some(Row {
            span: DaySpan {
                start: c.start,
                end: c.end,
            },
            category: c.category,
            sources: c.sources,
            verification: c.verification,
            actors: self.actors.get(from..to).unwrap_or(&[]),
            coords: (!c.lat.is_nan()).then_some((c.lat, c.lon)),
        })
    }
}

/// The filter-relevant fields of one event, packed (20 bytes).
#[derive(Debug, Clone, Copy)]
struct PackedRow {
    start: Day,
    end: Day,
    category: CategoryIx,
    sources: u8,
    verification: u8,
    /// Latitude, NaN when the event has no coordinates.
    lat: f32,
    /// Longitude, NaN when the event has no coordinates.
    lon: f32,
}

impl PartialEq for PackedRow {
    /// Coordinates compare by their bits, so that two rows without coordinates (NaN) are equal
    /// and an index equals its copy.
    fn eq(&self, o: &Self) -> bool {
        self.start == o.start
            && self.end == o.end
            && self.category == o.category
            && self.sources == o.sources
            && self.verification == o.verification
            && self.lat.to_bits() == o.lat.to_bits()
            && self.lon.to_bits() == o.lon.to_bits()
    }
}

impl Eq for PackedRow {}

/// The fields the filter engine reads, copied out of a dataset's events into compact columns.
///
/// An [`Event`] is a few hundred bytes with its sources and actors behind pointers, so a pass
/// over a million of them is bound by memory traffic. This index keeps about 24 bytes per event
/// plus its actor list in one flat array, which is what lets [`run_indexed`] stay within the
/// performance budget (100k events in 2 ms, 1M in 20 ms). Build it once per dataset, at load.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EventIndex {
    rows: Vec<PackedRow>,
    /// `actors[actor_start[i]..actor_start[i + 1]]` are event i's actors; one more entry than rows.
    actor_start: Vec<u32>,
    actors: Vec<ActorIx>,
    /// Positions of the milestone events, ascending: a few among many, so a view can find the
    /// milestones among its matches without reading every event.
    milestones: Vec<usize>,
}

impl EventIndex {
    /// Indexes `events` (a dataset's `events`, in their order).
    pub fn build(events: &[Event]) -> Self {
        let mut ix = EventIndex {
            rows: Vec::with_capacity(events.len()),
            actor_start: Vec::with_capacity(events.len() + 1),
            actors: Vec::with_capacity(events.len() * 3),
            milestones: Vec::new(),
        };
        ix.actor_start.push(0);
        for e in events {
            let r = Row::of_event(e);
            ix.rows.push(PackedRow {
                start: r.span.start,
                end: r.span.end,
                category: r.category,
                sources: r.sources,
                verification: r.verification,
                lat: r.coords.map_or(f32::NAN, |c| c.0),
                lon: r.coords.map_or(f32::NAN, |c| c.1),
            });
            ix.actors.extend_from_slice(r.actors);
            // Four billion actor mentions would not fit in memory first; saturating keeps
            // this total, and `Rows::row` then yields empty actor lists rather than panicking.
            ix.actor_start
                .push(u32::try_from(ix.actors.len()).unwrap_or(u32::MAX));
        }
        ix.milestones = events
            .iter()
            .enumerate()
            .filter(|(_, e)| e.milestone)
            .map(|(i, _)| i)
            .collect();
        ix
    }

    /// Event `i`'s span (`ds.events[i].span`), or `None` past the end.
    ///
    /// This and the accessors below are for passes over many events on every filter change or
    /// frame (the timeline's layout and lanes, the density strip, the window's count): reading
    /// 12 packed bytes per event instead of a few-hundred-byte [`Event`] is what keeps them fast
    /// at 100k events.
    pub fn span(&self, i: usize) -> Option<DaySpan> {
        self.rows.get(i).map(|r| DaySpan {
            start: r.start,
            end: r.end,
        })
    }

    /// Event `i`'s first day, or `None` past the end.
    pub fn start(&self, i: usize) -> Option<Day> {
        self.rows.get(i).map(|r| r.start)
    }

    /// Event `i`'s category, or `None` past the end.
    pub fn category(&self, i: usize) -> Option<CategoryIx> {
        self.rows.get(i).map(|r| r.category)
    }

    /// Event `i`'s coordinates `(lat, lon)` as `f32`, or `None` without them or past the end
    /// (what the map projects, read from the packed rows).
    pub fn coords(&self, i: usize) -> Option<(f32, f32)> {
        self.rows
            .get(i)
            .filter(|r| !r.lat.is_nan())
            .map(|r| (r.lat, r.lon))
    }

    /// Event `i`'s actors (empty past the end).
    pub fn actors(&self, i: usize) -> &[ActorIx] {
        self.row(i).map_or(&[], |r| r.actors)
    }

    /// The positions of the milestone events, ascending.
    pub fn milestones(&self) -> &[usize] {
        &self.milestones
    }

    /// Number of events indexed.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether no event is indexed.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

/// The positions in `ds.events` of the events matching `filter`, in date order.
pub fn apply(ds: &Dataset, filter: &Filter) -> Vec<usize> {
    let cf = filter.compile(ds);
    let range = cf.candidates(ds);
    range.filter(|&i| cf.matches(ds, i)).collect()
}

/// Counts shown beside each choice of the filter panel.
///
/// Each count is the number of events that pass the date range, the text and every *other*
/// facet's selection and have that value; the facet's own selection is ignored, so a count says
/// what ticking the choice would show (see [`run`] for the actor facet in "all" mode).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Facets {
    /// Events per actor, indexed by [`ActorIx`].
    pub actors: Vec<u32>,
    /// Events per category, indexed by [`CategoryIx`].
    pub categories: Vec<u32>,
    /// Events having at least one source of each type, in [`SourceType::ALL`] order. An event
    /// with several sources counts once under each distinct type it has.
    pub source_types: Vec<u32>,
    /// Events per verification level, in [`Verification::ALL`] order.
    pub verification: Vec<u32>,
}

/// The matching events and the facet counts, from one pass.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FilterResult {
    /// Positions in `ds.events` of the matching events, in date order.
    pub matches: Vec<usize>,
    /// Counts beside each filter choice.
    pub facets: Facets,
}

/// Filters the dataset and computes facet counts in a single pass.
///
/// Facet semantics (standard faceted search): the date range and the text always apply. The
/// count beside a category, source type or verification level is the number of events that
/// pass every other facet and have that value, whatever is selected in its own facet; so a
/// selected category's count does not shrink when another category is ticked too.
///
/// Actors depend on the mode:
/// - `any`: the actor selection is ignored; the count for actor X is the number of events
///   passing the other facets that involve X.
/// - `all`: the count for X is the number of events passing the other facets that involve every
///   selected actor *and* X, which is what ticking X would show; for an already selected X it is
///   the number of matches.
///
/// Each event is examined once: the facets it fails are collected in a bit mask, and it counts
/// towards facet F exactly when it fails nothing but possibly F.
///
/// This reads the dataset's own [`EventIndex`] (built at validation), which is several times
/// faster than reading the events; [`run_unindexed`] is the reference it is tested against.
pub fn run(ds: &Dataset, filter: &Filter) -> FilterResult {
    run_indexed(ds, &ds.index, filter)
}

/// [`run`] reading the events themselves rather than the dataset's index (the reference
/// implementation the index is tested against).
pub fn run_unindexed(ds: &Dataset, filter: &Filter) -> FilterResult {
    run_on(ds, ds.events.as_slice(), filter)
}

/// [`run`] over an [`EventIndex`] built from `ds.events`. An index that does not fit the dataset
/// (another dataset's, or a stale one) is not trusted: the events are read instead.
pub fn run_indexed(ds: &Dataset, index: &EventIndex, filter: &Filter) -> FilterResult {
    if index.len() == ds.events.len() {
        run_on(ds, index, filter)
    } else {
        run_unindexed(ds, filter)
    }
}

fn run_on<R: Rows + ?Sized>(ds: &Dataset, rows: &R, filter: &Filter) -> FilterResult {
    let cf = filter.compile(ds);
    let mut facets = Facets {
        actors: vec![0; ds.actors.len()],
        categories: vec![0; ds.categories.len()],
        source_types: vec![0; SourceType::ALL.len()],
        verification: vec![0; Verification::ALL.len()],
    };
    let candidates = cf.candidates(ds);
    // Reserving for every candidate avoids regrowing (and copying) a million-entry list; pages
    // never written cost nothing, and a mostly unused buffer is shrunk at the end.
    let mut matches = Vec::with_capacity(candidates.len());
    let check_range = cf.span.is_some();
    let check_text = !cf.words.is_empty();
    // In "all" mode an event lacking a selected actor cannot match the selection plus X, so it
    // counts for no actor; in "any" mode the actor selection is ignored for actor counts.
    let actor_ignore = match cf.actor_mode {
        ActorMode::Any => FAIL_ACTORS,
        ActorMode::All => 0,
    };
    // With predecessors, a state's count includes the events of the states it succeeds: the
    // count beside it is what ticking it would add.
    let successors = filter.predecessors.then(|| ds.successors());
    let mut bumped: Vec<ActorIx> = Vec::new();
    for i in candidates {
        let Some(row) = rows.row(i) else {
            continue;
        };
        if check_range && !cf.in_range(row.span) {
            continue;
        }
        if !cf.in_area(row.coords) {
            continue;
        }
        if check_text && !cf.text_ok(ds, i, row.actors) {
            continue;
        }
        let fail = cf.failures(&row);
        // Two or more failed facets: the event counts nowhere.
        if fail & fail.wrapping_sub(1) != 0 {
            continue;
        }
        if fail == 0 {
            matches.push(i);
        }
        if fail & !FAIL_CATEGORY == 0 {
            if let Some(c) = facets.categories.get_mut(row.category as usize) {
                *c += 1;
            }
        }
        if fail & !FAIL_VERIFICATION == 0 {
            let pos = row.verification.trailing_zeros() as usize;
            if let Some(c) = facets.verification.get_mut(pos) {
                *c += 1;
            }
        }
        if fail & !FAIL_SOURCE == 0 {
            let mut bits = row.sources;
            while bits != 0 {
                let pos = bits.trailing_zeros() as usize;
                if let Some(c) = facets.source_types.get_mut(pos) {
                    *c += 1;
                }
                bits &= bits - 1;
            }
        }
        if fail & !actor_ignore == 0 {
            for &a in row.actors {
                if let Some(c) = facets.actors.get_mut(a as usize) {
                    *c += 1;
                }
            }
            if let Some(succ) = &successors {
                bumped.clear();
                for &a in row.actors {
                    let s = succ.get(a as usize).copied().unwrap_or(a);
                    if s != a && !row.actors.contains(&s) && !bumped.contains(&s) {
                        bumped.push(s);
                        if let Some(c) = facets.actors.get_mut(s as usize) {
                            *c += 1;
                        }
                    }
                }
            }
        }
    }
    if matches.len() < matches.capacity() / 2 {
        matches.shrink_to_fit();
    }
    FilterResult { matches, facets }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{
        ActorKind, Category, DatasetMeta, RawActor, RawDataset, RawEvent, Source, SCHEMA_VERSION,
    };
    use SourceType as S;
    use Verification as V;

    pub(crate) fn d(s: &str) -> PartialDate {
        s.parse().unwrap()
    }

    pub(crate) fn actor(
        id: &str,
        name: &str,
        kind: ActorKind,
        affiliation: Option<&str>,
    ) -> RawActor {
        RawActor {
            id: id.into(),
            name: name.into(),
            kind,
            affiliation: affiliation.map(Into::into),
            aliases: vec![],
            succeeds: None,
        }
    }

    pub(crate) fn category(id: &str, tone: f32) -> Category {
        Category {
            id: id.into(),
            label: id.into(),
            definition: format!("{id} events"),
            tone,
            color: "#888888".into(),
        }
    }

    pub(crate) fn event(
        id: &str,
        date: &str,
        title: &str,
        cat: &str,
        actors: &[&str],
        sources: &[SourceType],
        verification: Verification,
    ) -> RawEvent {
        RawEvent {
            id: id.into(),
            date: d(date),
            end: None,
            title: title.into(),
            summary: format!("{title}."),
            category: cat.into(),
            actors: actors.iter().map(|s| s.to_string()).collect(),
            tone: None,
            milestone: false,
            location: None,
            sources: sources
                .iter()
                .map(|&kind| Source {
                    publisher: "Publisher".into(),
                    url: Some(format!("https://example.org/{id}")),
                    published: None,
                    kind,
                    note: None,
                })
                .collect(),
            tags: vec![],
            notes: None,
            verification,
        }
    }

    /// A raw dataset with fixed metadata.
    pub(crate) fn raw(
        actors: Vec<RawActor>,
        categories: Vec<Category>,
        events: Vec<RawEvent>,
    ) -> RawDataset {
        RawDataset {
            schema: SCHEMA_VERSION,
            dataset: DatasetMeta {
                id: "test".into(),
                title: "Test".into(),
                description: "Test data.".into(),
                version: "1.0.0".into(),
                updated: d("2024-05-01"),
                license: "CC0".into(),
            },
            actors,
            categories,
            events,
        }
    }

    /// A small Sahel and Ukraine dataset exercising every facet.
    fn dataset() -> Dataset {
        let mut long = event(
            "invasion",
            "2022-02-24",
            "Full-scale invasion",
            "clash",
            &["RUS", "UKR"],
            &[S::Un],
            V::Verified,
        );
        long.end = Some(d("2024"));
        let raw = raw(
            vec![
                actor("MLI", "Mali", ActorKind::State, None),
                actor("RUS", "Russia", ActorKind::State, None),
                actor("FRA", "France", ActorKind::State, None),
                actor("UKR", "Ukraine", ActorKind::State, None),
                actor(
                    "wagner-group",
                    "Wagner Group",
                    ActorKind::ArmedGroup,
                    Some("RUS"),
                ),
            ],
            vec![
                category("cooperation", 5.0),
                category("clash", -8.0),
                category("diplomacy", 2.0),
            ],
            vec![
                event(
                    "goita-putin",
                    "2022",
                    "Goïta meets Putin",
                    "cooperation",
                    &["MLI", "RUS"],
                    &[S::Media],
                    V::Verified,
                ),
                event(
                    "moura",
                    "2022-03-27",
                    "Moura killings",
                    "clash",
                    &["MLI", "wagner-group"],
                    &[S::Ngo, S::Media, S::Media],
                    V::Partial,
                ),
                event(
                    "barkhane-end",
                    "2021-12",
                    "Barkhane drawdown talks",
                    "diplomacy",
                    &["FRA", "MLI"],
                    &[S::Government],
                    V::Verified,
                ),
                event(
                    "mutiny",
                    "2023-06-24",
                    "Wagner mutiny",
                    "clash",
                    &["RUS", "wagner-group"],
                    &[S::StateMedia],
                    V::Unverified,
                ),
                event(
                    "crimea",
                    "2014-03-18",
                    "Crimea annexed",
                    "clash",
                    &["RUS", "UKR"],
                    &[S::Un, S::Government],
                    V::Verified,
                ),
                long,
            ],
        );
        crate::validate::validate(raw).unwrap()
    }

    pub(crate) fn ids<'a>(ds: &'a Dataset, ix: &[usize]) -> Vec<&'a str> {
        ix.iter().map(|&i| ds.events[i].id.as_str()).collect()
    }

    fn filter(f: impl FnOnce(&mut Filter)) -> Filter {
        let mut x = Filter::default();
        f(&mut x);
        x
    }

    fn strs(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    /// Each part of a filter selects the events it should, in date order, and `apply`, `run` and
    /// `matches` agree.
    #[test]
    fn selects() {
        let ds = dataset();
        let index = EventIndex::build(&ds.events);
        let cases: Vec<(&str, Filter, Vec<&str>)> = vec![
            (
                "empty",
                Filter::default(),
                vec![
                    "crimea",
                    "barkhane-end",
                    "goita-putin",
                    "invasion",
                    "moura",
                    "mutiny",
                ],
            ),
            (
                "any actor",
                filter(|f| f.actors = strs(&["FRA", "UKR"])),
                vec!["crimea", "barkhane-end", "invasion"],
            ),
            (
                "all actors",
                filter(|f| {
                    f.actors = strs(&["MLI", "RUS"]);
                    f.actor_mode = ActorMode::All
                }),
                vec!["goita-putin"],
            ),
            (
                "all actors, one selected",
                filter(|f| {
                    f.actors = strs(&["wagner-group"]);
                    f.actor_mode = ActorMode::All
                }),
                vec!["moura", "mutiny"],
            ),
            (
                "unknown actor ignored",
                filter(|f| f.actors = strs(&["XXX", "FRA"])),
                vec!["barkhane-end"],
            ),
            (
                "only unknown actors restrict nothing",
                filter(|f| f.actors = strs(&["XXX"])),
                vec![
                    "crimea",
                    "barkhane-end",
                    "goita-putin",
                    "invasion",
                    "moura",
                    "mutiny",
                ],
            ),
            (
                "category",
                filter(|f| f.categories = strs(&["diplomacy", "cooperation"])),
                vec!["barkhane-end", "goita-putin"],
            ),
            (
                "year event overlaps a later month",
                filter(|f| f.from = Some(d("2022-06"))),
                vec!["goita-putin", "invasion", "mutiny"],
            ),
            (
                "month range",
                filter(|f| {
                    f.from = Some(d("2022-03"));
                    f.to = Some(d("2022-03"))
                }),
                vec!["goita-putin", "invasion", "moura"],
            ),
            (
                "to takes the last day of a coarse bound",
                filter(|f| f.to = Some(d("2021"))),
                vec!["crimea", "barkhane-end"],
            ),
            (
                "day bound excludes a later day",
                filter(|f| f.to = Some(d("2021-11-30"))),
                vec!["crimea"],
            ),
            (
                "long event overlaps",
                filter(|f| {
                    f.from = Some(d("2024-03"));
                    f.to = Some(d("2024-03"))
                }),
                vec!["invasion"],
            ),
            (
                "inverted range matches nothing",
                filter(|f| {
                    f.from = Some(d("2023"));
                    f.to = Some(d("2022"))
                }),
                vec![],
            ),
            (
                "text without accents",
                filter(|f| f.text = "goita".into()),
                vec!["goita-putin"],
            ),
            (
                "text every word",
                filter(|f| f.text = "  WAGNER   mutiny ".into()),
                vec!["mutiny"],
            ),
            (
                "text matches an actor's name and id, through the actor",
                filter(|f| f.text = "ukraine".into()),
                vec!["crimea", "invasion"],
            ),
            (
                "text words from an actor and from the title",
                filter(|f| f.text = "mali kill".into()),
                vec!["moura"],
            ),
            (
                "text word missing",
                filter(|f| f.text = "wagner crimea".into()),
                vec![],
            ),
            (
                "source type any source",
                filter(|f| f.source_types = vec![S::Ngo]),
                vec!["moura"],
            ),
            (
                "source types",
                filter(|f| f.source_types = vec![S::Government, S::StateMedia]),
                vec!["crimea", "barkhane-end", "mutiny"],
            ),
            (
                "verification",
                filter(|f| f.verification = vec![V::Partial, V::Unverified]),
                vec!["moura", "mutiny"],
            ),
            (
                "combined",
                filter(|f| {
                    f.actors = strs(&["RUS"]);
                    f.categories = strs(&["clash"]);
                    f.from = Some(d("2020"))
                }),
                vec!["invasion", "mutiny"],
            ),
        ];
        for (name, f, want) in cases {
            assert_eq!(ids(&ds, &apply(&ds, &f)), want, "apply: {name}");
            let r = run_unindexed(&ds, &f);
            assert_eq!(ids(&ds, &r.matches), want, "run: {name}");
            assert_eq!(run_indexed(&ds, &index, &f), r, "run_indexed: {name}");
            assert_eq!(run(&ds, &f), r, "run (dataset index): {name}");
            let cf = f.compile(&ds);
            let by_matches: Vec<usize> = (0..ds.events.len())
                .filter(|&i| cf.matches(&ds, i))
                .collect();
            assert_eq!(ids(&ds, &by_matches), want, "matches: {name}");
        }
    }

    fn actor_count(ds: &Dataset, r: &FilterResult, id: &str) -> u32 {
        r.facets.actors[ds.actor_by_id(id).unwrap() as usize]
    }

    fn category_count(ds: &Dataset, r: &FilterResult, id: &str) -> u32 {
        r.facets.categories[ds.category_by_id(id).unwrap() as usize]
    }

    /// A facet case: name, filter, then the expected counts of each facet.
    type FacetCase = (&'static str, Filter, [u32; 3], [u32; 5], [u32; 7], [u32; 3]);

    /// A facet's counts ignore its own selection but honour every other facet, the date and the
    /// text.
    #[test]
    fn facet_counts() {
        let ds = dataset();
        let index = EventIndex::build(&ds.events);
        // (filter, category counts [cooperation, clash, diplomacy],
        //  actor counts [MLI, RUS, FRA, UKR, wagner-group],
        //  source types in SourceType::ALL order, verification in Verification::ALL order)
        let cases: Vec<FacetCase> = vec![
            (
                "empty",
                Filter::default(),
                [1, 4, 1],
                [3, 4, 1, 2, 2],
                [2, 1, 2, 1, 2, 0, 0],
                [4, 1, 1],
            ),
            (
                "selected category keeps its count",
                filter(|f| f.categories = strs(&["clash"])),
                [1, 4, 1],
                [1, 3, 0, 2, 2],
                [2, 1, 1, 1, 1, 0, 0],
                [2, 1, 1],
            ),
            (
                "any actors ignore their own selection",
                filter(|f| f.actors = strs(&["FRA"])),
                [0, 0, 1],
                [3, 4, 1, 2, 2],
                [0, 0, 1, 0, 0, 0, 0],
                [1, 0, 0],
            ),
            (
                "all actors count what ticking would show",
                filter(|f| {
                    f.actors = strs(&["RUS"]);
                    f.actor_mode = ActorMode::All
                }),
                [1, 3, 0],
                [1, 4, 0, 2, 1],
                [2, 0, 1, 1, 1, 0, 0],
                [3, 0, 1],
            ),
            (
                "source types ignore their own selection",
                filter(|f| f.source_types = vec![S::Ngo]),
                [0, 1, 0],
                [1, 0, 0, 0, 1],
                [2, 1, 2, 1, 2, 0, 0],
                [0, 1, 0],
            ),
            (
                "verification ignores its own selection",
                filter(|f| f.verification = vec![V::Verified]),
                [1, 2, 1],
                [2, 3, 1, 2, 0],
                [2, 0, 2, 0, 1, 0, 0],
                [4, 1, 1],
            ),
            (
                "date and text always apply",
                filter(|f| {
                    f.from = Some(d("2022"));
                    f.categories = strs(&["cooperation"])
                }),
                [1, 3, 0],
                [1, 1, 0, 0, 0],
                [0, 0, 0, 0, 1, 0, 0],
                [1, 0, 0],
            ),
        ];
        let actors = ["MLI", "RUS", "FRA", "UKR", "wagner-group"];
        let cats = ["cooperation", "clash", "diplomacy"];
        for (name, f, want_cats, want_actors, want_src, want_ver) in cases {
            let r = run_unindexed(&ds, &f);
            assert_eq!(run_indexed(&ds, &index, &f), r, "run_indexed: {name}");
            let got_cats: Vec<u32> = cats.iter().map(|c| category_count(&ds, &r, c)).collect();
            let got_actors: Vec<u32> = actors.iter().map(|a| actor_count(&ds, &r, a)).collect();
            assert_eq!(got_cats, want_cats, "categories: {name}");
            assert_eq!(got_actors, want_actors, "actors: {name}");
            assert_eq!(r.facets.source_types, want_src, "source types: {name}");
            assert_eq!(r.facets.verification, want_ver, "verification: {name}");
        }
    }

    /// In "all" mode an actor's count is the number of events the selection plus that actor
    /// would match, and a selected actor's count is the number of matches.
    #[test]
    fn all_mode_counts_equal_toggled_result() {
        let ds = dataset();
        for sel in [
            vec![],
            vec!["RUS"],
            vec!["MLI", "RUS"],
            vec!["wagner-group"],
        ] {
            let f = filter(|f| {
                f.actors = strs(&sel);
                f.actor_mode = ActorMode::All
            });
            let r = run_unindexed(&ds, &f);
            for a in &ds.actors {
                let mut toggled = f.clone();
                toggled.actors.push(a.id.clone());
                toggled.normalize();
                let want = apply(&ds, &toggled).len() as u32;
                assert_eq!(actor_count(&ds, &r, &a.id), want, "{sel:?} + {}", a.id);
            }
        }
    }

    /// The area keeps the events whose point lies inside it (edges included, a country-level
    /// point by its point), drops those without coordinates, applies before facets, and the
    /// indexed and plain runs agree.
    #[test]
    fn area() {
        use crate::model::{Location, LocationPrecision};
        let at = |id: &str, lat: Option<f64>, lon: Option<f64>, precision| {
            let mut e = event(
                id,
                "2022-01-01",
                id,
                "clash",
                &["MLI"],
                &[S::Media],
                V::Verified,
            );
            e.location = Some(Location {
                place: None,
                country: Some("MLI".into()),
                lat,
                lon,
                precision,
            });
            e
        };
        let events = vec![
            at("bamako", Some(12.64), Some(-8.0), LocationPrecision::Place),
            at("gao", Some(16.27), Some(-0.04), LocationPrecision::District),
            at("mali", Some(17.6), Some(-4.0), LocationPrecision::Country),
            at("edge", Some(10.0), Some(-10.0), LocationPrecision::Place),
            at("nowhere", None, None, LocationPrecision::Place),
            event(
                "bare",
                "2022-01-01",
                "bare",
                "clash",
                &["MLI"],
                &[S::Media],
                V::Verified,
            ),
        ];
        let ds = crate::validate::validate(raw(
            vec![actor("MLI", "Mali", ActorKind::State, None)],
            vec![category("clash", -5.0)],
            events,
        ))
        .unwrap();
        let b = |w, s, e, n| Some(BBox::new(w, s, e, n).unwrap());
        let cases: [(Option<BBox>, &[&str]); 5] = [
            (None, &["bamako", "bare", "edge", "gao", "mali", "nowhere"]),
            (
                b(-10.0, 10.0, 0.0, 20.0),
                &["bamako", "edge", "gao", "mali"],
            ),
            (b(-9.0, 12.0, -7.0, 13.0), &["bamako"]),
            (b(-5.0, 17.0, -3.0, 18.0), &["mali"]),
            (b(100.0, 0.0, 110.0, 10.0), &[]),
        ];
        for (area, want) in cases {
            let f = filter(|f| f.area = area);
            let r = run(&ds, &f);
            let mut got = ids(&ds, &r.matches);
            got.sort_unstable();
            assert_eq!(got, want, "{area:?}");
            assert_eq!(r, run_unindexed(&ds, &f), "{area:?}");
            assert_eq!(apply(&ds, &f), r.matches, "{area:?}");
            assert_eq!(r.facets.categories.iter().sum::<u32>() as usize, want.len());
            assert_eq!(f.is_empty(), area.is_none());
        }
        assert_eq!(ds.index.coords(0), Some((12.64f32, -8.0f32)));
        assert_eq!(ds.index.coords(1), None);
    }

    /// An index that does not fit the dataset is not trusted, so results stay right.
    #[test]
    fn stale_index_falls_back() {
        let ds = dataset();
        let f = filter(|f| f.categories = strs(&["clash"]));
        let stale = EventIndex::build(&ds.events[..2]);
        assert_eq!(stale.len(), 2);
        assert_eq!(run_indexed(&ds, &stale, &f), run_unindexed(&ds, &f));
        assert_eq!(
            run_indexed(&ds, &EventIndex::default(), &f),
            run_unindexed(&ds, &f)
        );
    }

    /// Normalizing sorts, dedups and trims, so equal choices give equal filters; only real
    /// restrictions make a filter non-empty.
    #[test]
    fn normalize_and_is_empty() {
        let mut f = filter(|f| {
            f.actors = strs(&["RUS", "MLI", "RUS"]);
            f.source_types = vec![S::Media, S::Un, S::Media];
            f.verification = vec![V::Unverified, V::Verified];
            f.categories = strs(&["b", "a", "b"]);
            f.text = "  goita ".into();
        });
        f.normalize();
        assert_eq!(f.actors, strs(&["MLI", "RUS"]));
        assert_eq!(f.categories, strs(&["a", "b"]));
        assert_eq!(f.source_types, vec![S::Un, S::Media]);
        assert_eq!(f.verification, vec![V::Verified, V::Unverified]);
        assert_eq!(f.text, "goita");

        let cases: Vec<(Filter, bool)> = vec![
            (Filter::default(), true),
            (filter(|f| f.actor_mode = ActorMode::All), true),
            (filter(|f| f.text = "   ".into()), true),
            (filter(|f| f.text = "x".into()), false),
            (filter(|f| f.to = Some(d("2020"))), false),
            (filter(|f| f.verification = vec![V::Partial]), false),
        ];
        for (f, want) in cases {
            assert_eq!(f.is_empty(), want, "{f:?}");
        }
    }

    /// The byte search agrees with `str::contains`: a match at the start, in the middle, at the
    /// very end, after false starts (the first byte seen before the match), a needle longer
    /// than the text, empty texts and needles.
    #[test]
    fn contains_agrees_with_std() {
        let cases = [
            ("wagner group", "wagner", true),
            ("the wagner group", "wagner", true),
            ("a long text where wagner comes late", "wagner", true),
            ("ending with wagner", "wagner", true),
            ("wagnerwagnerwagne", "wagnerx", false),
            ("waw wag wagn wagne", "wagner", false),
            ("1234567w", "w", true),
            ("12345678w", "w", true),
            ("w", "wagner", false),
            ("", "a", false),
            ("abc", "", true),
            ("menaka", "menaka", true),
            ("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", "zz", true),
            ("yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyz", "yz", true),
            ("yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy", "yz", false),
        ];
        for (hay, needle, want) in cases {
            assert_eq!(hay.contains(needle), want, "case {hay:?} {needle:?}");
            assert_eq!(
                contains(hay.as_bytes(), needle.as_bytes()),
                want,
                "{hay:?} {needle:?}"
            );
        }
    }

    proptest::proptest! {
        /// On any text over a small alphabet (so that partial matches are frequent), the byte
        /// search says what `str::contains` says.
        #[test]
        fn contains_matches_std(hay in "[abc ]{0,40}", needle in "[abc]{0,4}") {
            proptest::prop_assert_eq!(
                contains(hay.as_bytes(), needle.as_bytes()),
                hay.contains(needle.as_str())
            );
        }
    }
}
