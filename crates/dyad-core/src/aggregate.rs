//! Aggregations over a set of matching events: counts per time bin and category for the
//! timeline's histogram, and country pairs ("dyads") for the relations matrix and pair view.
//!
//! Everything takes the matches as positions in `ds.events` (what [`crate::filter::run`]
//! returns), so the charts always agree with the list. Roll-up folds each actor into the top of
//! its affiliation chain (Wagner Group into Russia) before pairs are formed.

use std::collections::HashMap;

use chrono::Datelike;

use crate::date::{date_of_day, day_from_civil, Day, DaySpan, PartialDate, MAX_YEAR, MIN_YEAR};
use crate::model::{ActorIx, Dataset};

/// The width of a time bin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Bin {
    /// Calendar years.
    Year,
    /// Calendar months.
    Month,
    /// ISO weeks, Monday to Sunday.
    Week,
    /// Single days.
    Day,
}

/// The first day Dyad can represent (1 Jan of [`MIN_YEAR`]).
fn min_day() -> Day {
    day_from_civil(MIN_YEAR, 1, 1).unwrap_or(-354_285)
}

/// The last day Dyad can represent (31 Dec of [`MAX_YEAR`]).
fn max_day() -> Day {
    day_from_civil(MAX_YEAR, 12, 31).unwrap_or(376_199)
}

impl Bin {
    /// Every bin width, coarsest first.
    pub const ALL: [Bin; 4] = [Bin::Year, Bin::Month, Bin::Week, Bin::Day];

    /// The lowercase name used in URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            Bin::Year => "year",
            Bin::Month => "month",
            Bin::Week => "week",
            Bin::Day => "day",
        }
    }

    /// Parses the lowercase name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|b| b.as_str() == s)
    }

    /// Label for the UI ("per month").
    pub fn label(self) -> &'static str {
        match self {
            Bin::Year => "Year",
            Bin::Month => "Month",
            Bin::Week => "Week",
            Bin::Day => "Day",
        }
    }

    /// The first day of the bin holding `day`. Weeks start on Monday (ISO 8601).
    pub fn start_of(self, day: Day) -> Day {
        let Some(d) = date_of_day(day) else {
            return day;
        };
        let first = match self {
            Bin::Day => return day,
            // Counting from a Monday keeps this exact for negative day numbers too.
            Bin::Week => return day - (day - MONDAY).rem_euclid(7),
            Bin::Month => day_from_civil(d.year(), d.month(), 1),
            Bin::Year => day_from_civil(d.year(), 1, 1),
        };
        first.unwrap_or(day)
    }

    /// The first day of the bin after the one holding `day`. Always later than `day`.
    pub fn next(self, day: Day) -> Day {
        let start = self.start_of(day);
        let next = match self {
            Bin::Day => Some(start.saturating_add(1)),
            Bin::Week => Some(start.saturating_add(7)),
            Bin::Month => date_of_day(start).and_then(|d| {
                let (y, m) = if d.month() == 12 {
                    (d.year() + 1, 1)
                } else {
                    (d.year(), d.month() + 1)
                };
                day_from_civil(y, m, 1)
            }),
            Bin::Year => date_of_day(start).and_then(|d| day_from_civil(d.year() + 1, 1, 1)),
        };
        // Out of the calendar's range: still move forward so loops over bins always end.
        next.filter(|&n| n > day).unwrap_or(day.saturating_add(1))
    }

    /// The days of the bin holding `day`.
    pub fn span_of(self, day: Day) -> DaySpan {
        DaySpan {
            start: self.start_of(day),
            end: self.next(day) - 1,
        }
    }
}

/// 1970-01-05, the first Monday after the epoch.
const MONDAY: Day = 4;

/// The starts of the bins covering `span`, in order: the first holds `span.start`, the last
/// holds `span.end`. Empty for an empty span. The span is clamped to the years Dyad accepts,
/// so a corrupt span cannot ask for millions of bins.
pub fn bins_between(span: DaySpan, bin: Bin) -> Vec<Day> {
    let start = span.start.max(min_day());
    let end = span.end.min(max_day());
    let mut out = Vec::new();
    if end < start {
        return out;
    }
    let mut s = bin.start_of(start);
    while s <= end {
        out.push(s);
        s = bin.next(s);
    }
    out
}

/// Finds the bin holding a day among sorted bin starts. Remembers the last answer, so events
/// walked in date order (the usual case) cost a comparison or two instead of a binary search.
struct BinFinder<'a> {
    starts: &'a [Day],
    /// The last day covered by the last bin.
    end: Day,
    last: usize,
}

impl<'a> BinFinder<'a> {
    fn new(starts: &'a [Day], bin: Bin) -> Self {
        BinFinder {
            starts,
            end: last_covered(starts, bin),
            last: 0,
        }
    }

    fn find(&mut self, day: Day) -> Option<usize> {
        if day > self.end {
            return None;
        }
        let at = |i: usize| self.starts.get(i).copied();
        let here = at(self.last).is_some_and(|s| s <= day);
        let before_next = at(self.last + 1).is_none_or(|s| day < s);
        if !(here && before_next) {
            self.last = self.starts.partition_point(|&s| s <= day).checked_sub(1)?;
        }
        Some(self.last)
    }
}

/// The span from the earliest start to the latest end of the given events.
fn span_of_events(ds: &Dataset, events: &[usize]) -> Option<DaySpan> {
    let mut it = events.iter().filter_map(|&i| ds.span_of(i));
    let first = it.next()?;
    Some(it.fold(first, |acc, s| DaySpan {
        start: acc.start.min(s.start),
        end: acc.end.max(s.end),
    }))
}

/// The last day covered by bins starting at `starts`.
fn last_covered(starts: &[Day], bin: Bin) -> Day {
    starts.last().map_or(Day::MIN, |&s| bin.next(s) - 1)
}

/// Event counts per time bin and category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BinnedCounts {
    /// The bin width.
    pub bin: Bin,
    /// The first day of each bin, ascending and contiguous.
    pub starts: Vec<Day>,
    /// `counts[bin][category]`: events of that category whose first day falls in that bin.
    pub counts: Vec<Vec<u32>>,
}

impl BinnedCounts {
    /// Events per bin, all categories together.
    pub fn totals(&self) -> Vec<u32> {
        self.counts.iter().map(|row| row.iter().sum()).collect()
    }

    /// The days covered by bin `i`.
    pub fn bin_span(&self, i: usize) -> Option<DaySpan> {
        self.starts.get(i).map(|&s| self.bin.span_of(s))
    }

    /// The largest bin total, for scaling a chart.
    pub fn max_total(&self) -> u32 {
        self.totals().into_iter().max().unwrap_or(0)
    }
}

/// Counts `events` (positions in `ds.events`) per bin and category over `span`, or over the
/// span of the events themselves when `span` is `None`.
///
/// An event counts once, in the bin holding the first day of its span: a "Mar 2022" event in
/// weekly bins lands in the week of 1 March, a "2022" event in monthly bins in January 2022,
/// and an event lasting years only where it began. Events beginning outside `span` are not
/// counted, so with an explicit span the totals may be fewer than the events.
pub fn bin_counts(ds: &Dataset, events: &[usize], bin: Bin, span: Option<DaySpan>) -> BinnedCounts {
    let starts = span
        .or_else(|| span_of_events(ds, events))
        .map(|s| bins_between(s, bin))
        .unwrap_or_default();
    let limit = match span {
        Some(s) => s,
        None => DaySpan {
            start: Day::MIN,
            end: Day::MAX,
        },
    };
    let mut counts = vec![vec![0u32; ds.categories.len()]; starts.len()];
    let mut finder = BinFinder::new(&starts, bin);
    // The compact columns, not the events: this runs over every match on each filter change.
    for &i in events {
        let (Some(day), Some(category)) = (ds.start_of(i), ds.category_of(i)) else {
            continue;
        };
        if day < limit.start || day > limit.end {
            continue;
        }
        let slot = finder
            .find(day)
            .and_then(|b| counts.get_mut(b))
            .and_then(|row| row.get_mut(usize::from(category)));
        if let Some(c) = slot {
            *c += 1;
        }
    }
    BinnedCounts {
        bin,
        starts,
        counts,
    }
}

/// An unordered pair of distinct actors, stored with `a < b` by index so that (x, y) and
/// (y, x) are the same key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PairKey {
    /// The actor with the smaller index.
    pub a: ActorIx,
    /// The actor with the larger index.
    pub b: ActorIx,
}

impl PairKey {
    /// The pair of `x` and `y` in either order; `None` when they are the same actor.
    pub fn new(x: ActorIx, y: ActorIx) -> Option<PairKey> {
        match x.cmp(&y) {
            std::cmp::Ordering::Less => Some(PairKey { a: x, b: y }),
            std::cmp::Ordering::Greater => Some(PairKey { a: y, b: x }),
            std::cmp::Ordering::Equal => None,
        }
    }

    /// Whether `x` is one of the two actors.
    pub fn contains(&self, x: ActorIx) -> bool {
        self.a == x || self.b == x
    }

    /// The other actor of the pair, if `x` is one of them.
    pub fn other(&self, x: ActorIx) -> Option<ActorIx> {
        if x == self.a {
            Some(self.b)
        } else if x == self.b {
            Some(self.a)
        } else {
            None
        }
    }
}

/// What the events shared by a pair of actors add up to.
#[derive(Debug, Clone, PartialEq)]
pub struct PairStats {
    /// The pair.
    pub key: PairKey,
    /// Number of events involving both.
    pub count: u32,
    /// Sum of the events' tones: positive when cooperation dominates.
    pub net_tone: f32,
    /// `net_tone / count`.
    pub mean_tone: f32,
    /// The earliest event's date.
    pub first: PartialDate,
    /// The latest event's date (when it began, not when it ended).
    pub last: PartialDate,
    /// Events per category, indexed by `CategoryIx`.
    pub by_category: Vec<u32>,
}

/// How actors are merged before their pairs are counted: affiliates into their parents (the
/// roll-up: Wagner Group counts as Russia) and predecessor states into their successors (the
/// Soviet Union counts as Russia). A plain `bool` is the roll-up alone.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Merge {
    /// Affiliates count as their root ([`Dataset::root_of`]).
    pub affiliates: bool,
    /// Predecessor states count as their last successor ([`Dataset::successors`]).
    pub predecessors: bool,
}

impl From<bool> for Merge {
    fn from(affiliates: bool) -> Self {
        Merge {
            affiliates,
            predecessors: false,
        }
    }
}

/// Each actor's stand-in: its last successor if predecessors merge, then that one's root if
/// affiliates do (walked once per actor here rather than once per mention).
fn actor_map(ds: &Dataset, merge: Merge) -> Vec<ActorIx> {
    let successors = merge.predecessors.then(|| ds.successors());
    (0..ds.actors.len() as ActorIx)
        .map(|a| {
            let a = successors
                .as_ref()
                .and_then(|s| s.get(a as usize).copied())
                .unwrap_or(a);
            if merge.affiliates {
                ds.root_of(a)
            } else {
                a
            }
        })
        .collect()
}

/// The distinct actors of an event after mapping, written into `buf` (reused so that walking
/// many events allocates nothing per event).
fn event_actors(map: &[ActorIx], actors: &[ActorIx], buf: &mut Vec<ActorIx>) {
    buf.clear();
    buf.extend(
        actors
            .iter()
            .map(|&a| map.get(a as usize).copied().unwrap_or(a)),
    );
    // An insertion sort: an event names a handful of actors, and this runs once per event, so
    // neither the allocation of a sort nor a dedup pass is wanted.
    for i in 1..buf.len() {
        let mut j = i;
        while j > 0 && buf[j - 1] > buf[j] {
            buf.swap(j - 1, j);
            j -= 1;
        }
    }
    buf.dedup();
}

/// Where each pair's statistics sit in the output list. A flat actors x actors table when that
/// is small next to the work (the usual case: a few hundred actors), a hash map otherwise.
enum PairSlots {
    Dense { n: usize, slots: Vec<u32> },
    Sparse(HashMap<PairKey, u32>),
}

impl PairSlots {
    const NONE: u32 = u32::MAX;

    fn new(actors: usize, events: usize) -> Self {
        let cells = actors.saturating_mul(actors);
        if cells <= (1 << 16).max(events.saturating_mul(4)).min(1 << 22) {
            PairSlots::Dense {
                n: actors,
                slots: vec![Self::NONE; cells],
            }
        } else {
            PairSlots::Sparse(HashMap::new())
        }
    }

    /// The slot of `key`, or `fresh` (then recorded) if it has none yet.
    fn slot(&mut self, key: PairKey, fresh: u32) -> u32 {
        match self {
            PairSlots::Dense { n, slots } => {
                let cell = (key.a as usize)
                    .saturating_mul(*n)
                    .saturating_add(key.b as usize);
                match slots.get_mut(cell) {
                    Some(s) if *s == Self::NONE => {
                        *s = fresh;
                        fresh
                    }
                    Some(s) => *s,
                    // Only an actor index beyond the dataset lands here; give it a fresh row
                    // rather than losing the event.
                    None => fresh,
                }
            }
            PairSlots::Sparse(map) => *map.entry(key).or_insert(fresh),
        }
    }
}

/// A pair's running totals while [`pair_table`] walks the events.
struct PairAcc {
    key: PairKey,
    count: u32,
    net_tone: f32,
    /// Positions in `ds.events` of the earliest and latest events.
    first: usize,
    last: usize,
    by_category: Vec<u32>,
}

/// Every pair of actors that share at least one of `events`, with their statistics, most
/// events first, then by the two actors' ids.
///
/// An event with n distinct actors adds to each of its n(n-1)/2 pairs. With `rollup`, each actor
/// is first replaced by [`Dataset::root_of`] it: pairs within one family (Wagner Group and
/// Russia) vanish, and an event still counts once per pair even when two of its actors roll up
/// into the same one.
pub fn pair_table(ds: &Dataset, events: &[usize], merge: impl Into<Merge>) -> Vec<PairStats> {
    let map = actor_map(ds, merge.into());
    let mut slots = PairSlots::new(ds.actors.len(), events.len());
    let mut acc: Vec<PairAcc> = Vec::new();
    let mut buf = Vec::new();
    for &ix in events {
        let Some(e) = ds.events.get(ix) else {
            continue;
        };
        event_actors(&map, &e.actors, &mut buf);
        for (i, &x) in buf.iter().enumerate() {
            for &y in buf.get(i + 1..).unwrap_or_default() {
                let Some(key) = PairKey::new(x, y) else {
                    continue;
                };
                let fresh = u32::try_from(acc.len()).unwrap_or(u32::MAX);
                let mut slot = slots.slot(key, fresh) as usize;
                if slot >= acc.len() {
                    slot = acc.len();
                    acc.push(PairAcc {
                        key,
                        count: 0,
                        net_tone: 0.0,
                        first: ix,
                        last: ix,
                        by_category: vec![0; ds.categories.len()],
                    });
                }
                let Some(st) = acc.get_mut(slot) else {
                    continue;
                };
                st.count += 1;
                st.net_tone += e.tone;
                // ds.events is in date order, so positions compare like dates (and far cheaper).
                st.first = st.first.min(ix);
                st.last = st.last.max(ix);
                if let Some(c) = st.by_category.get_mut(e.category as usize) {
                    *c += 1;
                }
            }
        }
    }
    let mut out: Vec<PairStats> = acc
        .into_iter()
        .filter_map(|a| {
            Some(PairStats {
                key: a.key,
                count: a.count,
                net_tone: a.net_tone,
                mean_tone: a.net_tone / a.count.max(1) as f32,
                first: ds.events.get(a.first)?.date,
                last: ds.events.get(a.last)?.date,
                by_category: a.by_category,
            })
        })
        .collect();
    let id = |ix: ActorIx| ds.actor(ix).map_or("", |a| a.id.as_str());
    out.sort_by(|p, q| {
        q.count
            .cmp(&p.count)
            .then_with(|| id(p.key.a).cmp(id(q.key.a)))
            .then_with(|| id(p.key.b).cmp(id(q.key.b)))
            .then_with(|| p.key.cmp(&q.key))
    });
    out
}

/// The events among `events` that involve both actors of `key` (after roll-up if asked; the key
/// must then name root actors), in the order given.
pub fn pair_events(
    ds: &Dataset,
    events: &[usize],
    key: PairKey,
    merge: impl Into<Merge>,
) -> Vec<usize> {
    let map = actor_map(ds, merge.into());
    let mapped = |a: ActorIx| map.get(a as usize).copied().unwrap_or(a);
    events
        .iter()
        .copied()
        .filter(|&i| {
            ds.events.get(i).is_some_and(|e| {
                let has = |x: ActorIx| e.actors.iter().any(|&a| mapped(a) == x);
                has(key.a) && has(key.b)
            })
        })
        .collect()
}

/// A pair's events over time: counts per bin and category, and tone per bin.
#[derive(Debug, Clone, PartialEq)]
pub struct PairSeries {
    /// The pair.
    pub key: PairKey,
    /// The bin width.
    pub bin: Bin,
    /// The first day of each bin.
    pub starts: Vec<Day>,
    /// `counts[bin][category]`.
    pub counts: Vec<Vec<u32>>,
    /// Sum of tones of the events in each bin.
    pub net_tone: Vec<f32>,
    /// Running sum of `net_tone` up to and including each bin: the relationship's trajectory.
    pub cumulative_tone: Vec<f32>,
}

/// The series of the pair `key` among `events`, binned like [`bin_counts`] (an event lands in
/// the bin of its first day) over `span`, or over the pair's own events when `span` is `None`.
pub fn pair_series(
    ds: &Dataset,
    events: &[usize],
    key: PairKey,
    merge: impl Into<Merge>,
    bin: Bin,
    span: Option<DaySpan>,
) -> PairSeries {
    let mine = pair_events(ds, events, key, merge);
    let BinnedCounts { starts, counts, .. } = bin_counts(ds, &mine, bin, span);
    let mut net_tone = vec![0.0f32; starts.len()];
    let mut finder = BinFinder::new(&starts, bin);
    for e in mine.iter().filter_map(|&i| ds.events.get(i)) {
        let day = e.span.start;
        if span.is_some_and(|s| day < s.start || day > s.end) {
            continue;
        }
        if let Some(t) = finder.find(day).and_then(|b| net_tone.get_mut(b)) {
            *t += e.tone;
        }
    }
    let cumulative_tone = net_tone
        .iter()
        .scan(0.0f32, |sum, &t| {
            *sum += t;
            Some(*sum)
        })
        .collect();
    PairSeries {
        key,
        bin,
        starts,
        counts,
        net_tone,
        cumulative_tone,
    }
}

/// The default window of [`trend`], in months.
pub const TREND_MONTHS: u32 = 24;

/// How a relationship moved recently: net tone of a recent window against the window before.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Trend {
    /// The recent window: the `months` calendar months ending with the month of the reference day.
    pub recent_span: DaySpan,
    /// The same number of months just before.
    pub previous_span: DaySpan,
    /// Net tone of the events beginning in the recent window.
    pub recent: f32,
    /// Net tone of the events beginning in the previous window.
    pub previous: f32,
    /// Events beginning in the recent window.
    pub recent_count: u32,
    /// Events beginning in the previous window.
    pub previous_count: u32,
}

impl Trend {
    /// `recent - previous`: positive when the relationship warmed.
    pub fn delta(&self) -> f32 {
        self.recent - self.previous
    }
}

/// The first day of the month `back` months before the month holding `day`.
fn month_start_back(day: Day, back: u32) -> Option<Day> {
    let d = date_of_day(day)?;
    let total = d.year() * 12 + (d.month() - 1) as i32 - back as i32;
    let y = total.div_euclid(12);
    let m = total.rem_euclid(12) as u32 + 1;
    day_from_civil(y, m, 1)
}

/// The recent trend of a set of events (usually a pair's, from [`pair_events`]): net tone of
/// those beginning in the `months` calendar months ending with the month of `reference`
/// (typically the last day of the data, so that a pair quiet for years shows no recent
/// activity) against the `months` before. With [`TREND_MONTHS`] = 24 and data ending in May
/// 2024, that is Jun 2022 - May 2024 against Jun 2020 - May 2022. An event counts by its first
/// day. `None` if the windows fall outside the calendar.
pub fn trend(ds: &Dataset, events: &[usize], reference: Day, months: u32) -> Option<Trend> {
    let end = Bin::Month.next(reference) - 1;
    let recent_start = month_start_back(reference, months.saturating_sub(1))?;
    let previous_start = month_start_back(reference, months.saturating_mul(2).saturating_sub(1))?;
    let recent_span = DaySpan {
        start: recent_start,
        end,
    };
    let previous_span = DaySpan {
        start: previous_start,
        end: recent_start - 1,
    };
    let mut t = Trend {
        recent_span,
        previous_span,
        recent: 0.0,
        previous: 0.0,
        recent_count: 0,
        previous_count: 0,
    };
    for e in events.iter().filter_map(|&i| ds.events.get(i)) {
        let day = e.span.start;
        if day >= recent_span.start && day <= recent_span.end {
            t.recent += e.tone;
            t.recent_count += 1;
        } else if day >= previous_span.start && day <= previous_span.end {
            t.previous += e.tone;
            t.previous_count += 1;
        }
    }
    Some(t)
}

/// Events per actor among `events` (each event counted once per distinct actor, after roll-up
/// if asked), actors without events left out, most active first, then by id. Orders the rows
/// and columns of the relations matrix.
pub fn actor_activity(
    ds: &Dataset,
    events: &[usize],
    merge: impl Into<Merge>,
) -> Vec<(ActorIx, u32)> {
    let map = actor_map(ds, merge.into());
    let mut counts = vec![0u32; ds.actors.len()];
    let mut buf = Vec::new();
    for e in events.iter().filter_map(|&i| ds.events.get(i)) {
        event_actors(&map, &e.actors, &mut buf);
        for &a in &buf {
            if let Some(c) = counts.get_mut(a as usize) {
                *c += 1;
            }
        }
    }
    let mut out: Vec<(ActorIx, u32)> = counts
        .into_iter()
        .enumerate()
        .filter(|&(_, n)| n > 0)
        .map(|(a, n)| (a as ActorIx, n))
        .collect();
    let id = |ix: ActorIx| ds.actor(ix).map_or("", |a| a.id.as_str());
    out.sort_by(|p, q| q.1.cmp(&p.1).then_with(|| id(p.0).cmp(id(q.0))));
    out
}

// ---------------------------------------------------------------------------------------------
// Relationship views: which actors the matrix shows and in what order, the tone colour classes,
// automatic bins, period names, and several pairs on one time axis for the comparison chart.
// ---------------------------------------------------------------------------------------------

/// The span from the earliest start to the latest end of `events`, `None` when there are none.
pub fn events_span(ds: &Dataset, events: &[usize]) -> Option<DaySpan> {
    span_of_events(ds, events)
}

/// The finest bin width that cuts `span` into at most `max_bins` bins (counted as
/// [`bins_between`] does, partial bins at both ends included), or [`Bin::Year`] when even
/// years are too many. How the pair ledger picks its bars when the user leaves "Auto".
pub fn auto_bin(span: DaySpan, max_bins: usize) -> Bin {
    let days = (i64::from(span.end) - i64::from(span.start) + 1).max(1) as f64;
    let mean_days = |bin: Bin| match bin {
        Bin::Year => 365.2425,
        Bin::Month => 30.436875,
        Bin::Week => 7.0,
        Bin::Day => 1.0,
    };
    [Bin::Day, Bin::Week, Bin::Month, Bin::Year]
        .into_iter()
        .find(|&bin| {
            // A cheap estimate first, so that days over centuries are never listed.
            let estimate = days / mean_days(bin);
            estimate <= (max_bins as f64) * 2.0 + 2.0 && bins_between(span, bin).len() <= max_bins
        })
        .unwrap_or(Bin::Year)
}

impl Bin {
    /// The bin starting on `start` as a reader names it: "2022", "Mar 2022", "Week of 7 Mar
    /// 2022", "7 Mar 2022".
    pub fn period_label(self, start: Day) -> String {
        let Some(d) = PartialDate::from_day(start) else {
            return String::new();
        };
        match self {
            Bin::Year => d.year_num().to_string(),
            Bin::Month => PartialDate::month(d.year_num(), d.month_num().unwrap_or(1))
                .map(|m| m.display())
                .unwrap_or_default(),
            Bin::Week => format!("Week of {}", d.display()),
            Bin::Day => d.display(),
        }
    }
}

/// Whether roll-up applies to the pair `key`: only when asked and when both actors are at the
/// top of their affiliation chain. Once Wagner Group counts as Russia no event involves "Wagner
/// Group", so a pair naming an affiliate is shown with its own events instead of none.
pub fn pair_rollup(ds: &Dataset, key: PairKey, rollup: bool) -> bool {
    rollup && ds.root_of(key.a) == key.a && ds.root_of(key.b) == key.b
}

/// The merge that applies to the pair `key` when `asked` is wanted: roll-up as [`pair_rollup`]
/// allows it, and predecessors only when no state succeeds either actor. Once the Soviet Union
/// counts as Russia no event involves "Soviet Union", so a pair naming a predecessor is shown
/// with its own events instead of none, as one naming an affiliate is.
pub fn pair_merge(ds: &Dataset, key: PairKey, asked: Merge) -> Merge {
    let predecessors = asked.predecessors && {
        let last = ds.successors();
        [key.a, key.b]
            .into_iter()
            .all(|x| last.get(x as usize).is_none_or(|&s| s == x))
    };
    Merge {
        affiliates: pair_rollup(ds, key, asked.affiliates),
        predecessors,
    }
}

/// How many affiliation steps separate `a` from the top of its chain (0 for a root), bounded
/// like [`Dataset::root_of`].
pub fn affiliation_depth(ds: &Dataset, a: ActorIx) -> usize {
    let mut cur = a;
    let mut depth = 0;
    for _ in 0..ds.actors.len() {
        match ds.actor(cur).and_then(|x| x.affiliation) {
            Some(p) => {
                cur = p;
                depth += 1;
            }
            None => break,
        }
    }
    depth
}

/// The actors of the relations matrix: those in at least one of `pairs` (from [`pair_table`]
/// over the same `events` and `rollup`), with their event counts, busiest first as in
/// [`actor_activity`]. An actor whose events all involve no one else has an empty row, so it
/// is left out.
pub fn matrix_actors(
    ds: &Dataset,
    events: &[usize],
    pairs: &[PairStats],
    merge: impl Into<Merge>,
) -> Vec<(ActorIx, u32)> {
    let mut paired = vec![false; ds.actors.len()];
    for p in pairs {
        for x in [p.key.a, p.key.b] {
            if let Some(f) = paired.get_mut(x as usize) {
                *f = true;
            }
        }
    }
    actor_activity(ds, events, merge)
        .into_iter()
        .filter(|&(a, _)| paired.get(a as usize).copied().unwrap_or(false))
        .collect()
}

/// `actors` regrouped by family (the actors sharing one [`Dataset::root_of`]): families in the
/// order of their first member in `actors`, and within a family the parent before its
/// affiliates (by [`affiliation_depth`]), ties in the given order. Given actors in activity
/// order, the busiest family comes first and Wagner Group sits right after Russia.
pub fn group_by_affiliation(ds: &Dataset, actors: &[ActorIx]) -> Vec<ActorIx> {
    // (root, depth) of each actor, in the given order. Buckets rather than a sort: the matrix
    // holds a few dozen actors, and the app is size-bound, so no sort code is added for this.
    let keyed: Vec<(ActorIx, usize, ActorIx)> = actors
        .iter()
        .map(|&a| (ds.root_of(a), affiliation_depth(ds, a), a))
        .collect();
    let mut roots: Vec<ActorIx> = Vec::new();
    for &(root, _, _) in &keyed {
        if !roots.contains(&root) {
            roots.push(root);
        }
    }
    let mut out = Vec::with_capacity(actors.len());
    for root in roots {
        let family: Vec<&(ActorIx, usize, ActorIx)> =
            keyed.iter().filter(|k| k.0 == root).collect();
        let deepest = family.iter().map(|k| k.1).max().unwrap_or(0);
        for depth in 0..=deepest {
            out.extend(family.iter().filter(|k| k.1 == depth).map(|k| k.2));
        }
    }
    out
}

/// A diverging scale for net tone in seven classes, from -3 (most conflictual) through 0
/// (about neutral) to +3 (most cooperative), symmetric around zero so that equal tones of
/// opposite sign get classes of equal strength. The app maps classes to colours.
///
/// Classes are equal steps of the square root of `|net| / max`: one busy pair often dwarfs the
/// rest, and a linear scale would paint every other cell neutral.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ToneScale {
    /// The |net tone| at which the strongest class is reached; always at least 1.
    pub max: f32,
}

impl ToneScale {
    /// Classes on each side of neutral.
    pub const STEPS: i8 = 3;

    /// The scale whose ends are the largest |value| given (at least 1, so that a handful of
    /// mild events is not painted as an extreme).
    pub fn fitting(values: impl IntoIterator<Item = f32>) -> Self {
        let max = values
            .into_iter()
            .filter(|v| v.is_finite())
            .fold(1.0f32, |m, v| m.max(v.abs()));
        ToneScale { max }
    }

    /// The class of a net tone, -3..=3; 0 for a non-finite value.
    pub fn class(&self, net: f32) -> i8 {
        if !net.is_finite() {
            return 0;
        }
        let max = self.max.max(1.0);
        // 0..=7 in steps of the square root; neutral is the first half step on either side.
        let t = (net.abs() / max).min(1.0).sqrt() * 7.0;
        // t is within 0..=7, so the cast is exact and small.
        let c = (((t + 1.0) / 2.0).floor() as i8).min(Self::STEPS);
        if net < 0.0 {
            -c
        } else {
            c
        }
    }

    /// The range of net tone that `class` covers, low to high (clamped to -3..=3). Labels the
    /// legend.
    pub fn bounds(&self, class: i8) -> (f32, f32) {
        let max = self.max.max(1.0);
        let c = class.clamp(-Self::STEPS, Self::STEPS);
        // Class edges sit at odd sevenths of the square root: max * (k / 7)^2, k = 1, 3, 5.
        let edge = |k: i8| max * f32::from(i16::from(k) * i16::from(k)) / 49.0;
        let n = c.unsigned_abs() as i8;
        let (lo, hi) = if n == 0 {
            (-edge(1), edge(1))
        } else if n == Self::STEPS {
            (edge(2 * n - 1), max)
        } else {
            (edge(2 * n - 1), edge(2 * n + 1))
        };
        if c < 0 {
            (-hi, -lo)
        } else {
            (lo, hi)
        }
    }
}

/// Several pairs on one time axis, for the comparison chart: each pair's [`pair_series`] over
/// the span of all their `events` together, so the bins line up, with the merge applied to each
/// pair as [`pair_merge`] allows. Bins are `bin`, or [`auto_bin`] with at most `max_bins` when
/// `None`. A pair without events gets all-zero rows; when no pair has any, every series is
/// empty (no bins).
pub fn compare_series(
    ds: &Dataset,
    events: &[usize],
    keys: &[PairKey],
    merge: impl Into<Merge>,
    bin: Option<Bin>,
    max_bins: usize,
) -> Vec<PairSeries> {
    let merge = merge.into();
    let mine: Vec<(PairKey, Merge, Vec<usize>)> = keys
        .iter()
        .map(|&k| {
            let m = pair_merge(ds, k, merge);
            (k, m, pair_events(ds, events, k, m))
        })
        .collect();
    let span = mine
        .iter()
        .filter_map(|(_, _, ev)| span_of_events(ds, ev))
        .reduce(|x, y| DaySpan {
            start: x.start.min(y.start),
            end: x.end.max(y.end),
        });
    let Some(span) = span else {
        let bin = bin.unwrap_or(Bin::Year);
        return keys
            .iter()
            .map(|&key| PairSeries {
                key,
                bin,
                starts: Vec::new(),
                counts: Vec::new(),
                net_tone: Vec::new(),
                cumulative_tone: Vec::new(),
            })
            .collect();
    };
    let bin = bin.unwrap_or_else(|| auto_bin(span, max_bins));
    mine.iter()
        .map(|(k, m, ev)| pair_series(ds, ev, *k, *m, bin, Some(span)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::iso_of_day;
    use crate::filter::tests::{actor, category, d, event, ids, raw};
    use crate::model::{ActorKind, SourceType, Verification};

    fn day(s: &str) -> Day {
        d(s).first_day()
    }

    fn span(from: &str, to: &str) -> DaySpan {
        DaySpan {
            start: d(from).first_day(),
            end: d(to).last_day(),
        }
    }

    fn isos(days: &[Day]) -> Vec<String> {
        days.iter().map(|&d| iso_of_day(d)).collect()
    }

    /// Mali, Russia, France and the Wagner Group (affiliated to Russia), five events.
    /// Date order: a (2021-12), c (2022), e (2022-02), b (2022-03-27), d (2023-06-24).
    fn dataset() -> Dataset {
        let ev = |id: &str, date: &str, cat: &str, actors: &[&str], tone: Option<f32>| {
            let mut e = event(
                id,
                date,
                id,
                cat,
                actors,
                &[SourceType::Media],
                Verification::Verified,
            );
            e.tone = tone;
            e
        };
        let raw = raw(
            vec![
                actor("MLI", "Mali", ActorKind::State, None),
                actor("RUS", "Russia", ActorKind::State, None),
                actor("FRA", "France", ActorKind::State, None),
                actor(
                    "wagner-group",
                    "Wagner Group",
                    ActorKind::ArmedGroup,
                    Some("RUS"),
                ),
            ],
            vec![category("cooperation", 5.0), category("clash", -8.0)],
            vec![
                ev("a", "2021-12", "cooperation", &["MLI", "RUS"], None),
                ev("b", "2022-03-27", "clash", &["MLI", "wagner-group"], None),
                ev(
                    "c",
                    "2022",
                    "cooperation",
                    &["MLI", "RUS", "wagner-group"],
                    Some(3.0),
                ),
                ev("d", "2023-06-24", "clash", &["RUS", "wagner-group"], None),
                ev("e", "2022-02", "clash", &["FRA", "MLI"], Some(-4.0)),
            ],
        );
        crate::validate::validate(raw).unwrap()
    }

    /// A binning case: width, span, non-empty bins as (start, [cooperation, clash]), bin count.
    type BinCase = (Bin, Option<DaySpan>, Vec<(&'static str, [u32; 2])>, usize);

    /// An expected pair row: ids, count, net tone, first, last, [cooperation, clash].
    type PairRow = (
        &'static str,
        &'static str,
        u32,
        f32,
        &'static str,
        &'static str,
        [u32; 2],
    );

    fn all(ds: &Dataset) -> Vec<usize> {
        (0..ds.events.len()).collect()
    }

    fn key(ds: &Dataset, x: &str, y: &str) -> PairKey {
        PairKey::new(ds.actor_by_id(x).unwrap(), ds.actor_by_id(y).unwrap()).unwrap()
    }

    fn pair_ids(ds: &Dataset, k: PairKey) -> (String, String) {
        (
            ds.actors[k.a as usize].id.clone(),
            ds.actors[k.b as usize].id.clone(),
        )
    }

    /// Bins start on the first of the year or month, or on Monday, including across year ends
    /// and leap days, and `next` is the following bin's start.
    #[test]
    fn bin_boundaries() {
        let cases = [
            (Bin::Week, "2024-01-01", "2024-01-01", "2024-01-08"),
            (Bin::Week, "2023-12-31", "2023-12-25", "2024-01-01"),
            (Bin::Week, "1970-01-01", "1969-12-29", "1970-01-05"),
            (Bin::Week, "1960-10-14", "1960-10-10", "1960-10-17"),
            (Bin::Week, "2024-02-29", "2024-02-26", "2024-03-04"),
            (Bin::Month, "2024-02-29", "2024-02-01", "2024-03-01"),
            (Bin::Month, "2023-02-28", "2023-02-01", "2023-03-01"),
            (Bin::Month, "2023-12-15", "2023-12-01", "2024-01-01"),
            (Bin::Year, "2024-12-31", "2024-01-01", "2025-01-01"),
            (Bin::Year, "1000-06-01", "1000-01-01", "1001-01-01"),
            (Bin::Day, "2024-02-28", "2024-02-28", "2024-02-29"),
            (Bin::Day, "2023-02-28", "2023-02-28", "2023-03-01"),
        ];
        for (bin, at, start, next) in cases {
            assert_eq!(
                iso_of_day(bin.start_of(day(at))),
                start,
                "{bin:?} start of {at}"
            );
            assert_eq!(iso_of_day(bin.next(day(at))), next, "{bin:?} next of {at}");
        }
    }

    /// Over several years of days, every day lies in its bin, starts are stable, and weeks
    /// start on Monday.
    #[test]
    fn bin_invariants() {
        for d in day("1999-12-01")..day("2001-03-01") {
            for bin in Bin::ALL {
                let s = bin.start_of(d);
                assert!(s <= d && d < bin.next(d), "{bin:?} {}", iso_of_day(d));
                assert_eq!(bin.start_of(s), s);
                assert_eq!(bin.next(s), bin.next(d));
            }
            // chrono, the oracle, names the weekday.
            let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
            let monday = epoch + chrono::Duration::days(i64::from(Bin::Week.start_of(d)));
            assert_eq!(chrono::Datelike::weekday(&monday), chrono::Weekday::Mon);
        }
    }

    /// Names round-trip and unknown names are refused.
    #[test]
    fn bin_names() {
        for bin in Bin::ALL {
            assert_eq!(Bin::parse(bin.as_str()), Some(bin));
        }
        assert_eq!(Bin::parse("fortnight"), None);
        assert_eq!(Bin::parse("Month"), None);
    }

    /// The bins covering a span run from the bin of its first day to the bin of its last.
    #[test]
    fn bins_covering_a_span() {
        let cases = [
            (
                Bin::Month,
                span("2024-01-31", "2024-03-01"),
                vec!["2024-01-01", "2024-02-01", "2024-03-01"],
            ),
            (
                Bin::Week,
                span("2024-02-27", "2024-03-04"),
                vec!["2024-02-26", "2024-03-04"],
            ),
            (
                Bin::Year,
                span("2023-12-31", "2024-01-01"),
                vec!["2023-01-01", "2024-01-01"],
            ),
            (
                Bin::Day,
                span("2024-02-28", "2024-03-01"),
                vec!["2024-02-28", "2024-02-29", "2024-03-01"],
            ),
            (Bin::Day, DaySpan { start: 10, end: 9 }, vec![]),
        ];
        for (bin, s, want) in cases {
            assert_eq!(isos(&bins_between(s, bin)), want, "{bin:?}");
        }
        // A corrupt span is clamped to the calendar instead of allocating without end.
        let huge = bins_between(
            DaySpan {
                start: Day::MIN,
                end: Day::MAX,
            },
            Bin::Year,
        );
        assert_eq!(huge.len(), (MAX_YEAR - MIN_YEAR + 1) as usize);
    }

    /// An imprecise event counts once, in the bin of its first day; an explicit span drops
    /// events beginning outside it.
    #[test]
    fn binned_counts() {
        let ds = dataset();
        let ev = all(&ds);
        // (bin, span, bin start -> [cooperation, clash] for the non-empty bins, number of bins)
        let cases: Vec<BinCase> = vec![
            (
                Bin::Year,
                None,
                vec![
                    ("2021-01-01", [1, 0]),
                    ("2022-01-01", [1, 2]),
                    ("2023-01-01", [0, 1]),
                ],
                3,
            ),
            // "2022" lands in the week of 1 Jan 2022 (a Saturday), "2022-02" in that of 1 Feb.
            (
                Bin::Week,
                None,
                vec![
                    ("2021-11-29", [1, 0]),
                    ("2021-12-27", [1, 0]),
                    ("2022-01-31", [0, 1]),
                    ("2022-03-21", [0, 1]),
                    ("2023-06-19", [0, 1]),
                ],
                82,
            ),
            (
                Bin::Month,
                Some(span("2022", "2022")),
                vec![
                    ("2022-01-01", [1, 0]),
                    ("2022-02-01", [0, 1]),
                    ("2022-03-01", [0, 1]),
                ],
                12,
            ),
        ];
        for (bin, s, want, n) in cases {
            let bc = bin_counts(&ds, &ev, bin, s);
            assert_eq!(bc.starts.len(), n, "{bin:?}");
            assert_eq!(bc.counts.len(), n);
            let got: Vec<(String, [u32; 2])> = bc
                .starts
                .iter()
                .zip(&bc.counts)
                .filter(|(_, c)| c.iter().any(|&x| x > 0))
                .map(|(&s, c)| (iso_of_day(s), [c[0], c[1]]))
                .collect();
            let want: Vec<(String, [u32; 2])> =
                want.into_iter().map(|(s, c)| (s.to_string(), c)).collect();
            assert_eq!(got, want, "{bin:?}");
            let total: u32 = bc.totals().iter().sum();
            assert_eq!(total, want.iter().map(|(_, c)| c[0] + c[1]).sum::<u32>());
        }
        let empty = bin_counts(&ds, &[], Bin::Month, None);
        assert!(empty.starts.is_empty() && empty.counts.is_empty());
        assert_eq!(empty.max_total(), 0);
    }

    /// A pair key is the same whichever actor comes first, and an actor makes no pair with itself.
    #[test]
    fn pair_keys() {
        let cases = [
            (1, 2, Some((1, 2))),
            (2, 1, Some((1, 2))),
            (0, 7, Some((0, 7))),
            (3, 3, None),
        ];
        for (x, y, want) in cases {
            assert_eq!(PairKey::new(x, y).map(|k| (k.a, k.b)), want, "{x} {y}");
        }
        let k = PairKey::new(5, 2).unwrap();
        assert!(k.contains(5) && k.contains(2) && !k.contains(3));
        assert_eq!(
            (k.other(5), k.other(2), k.other(3)),
            (Some(2), Some(5), None)
        );
    }

    /// Pairs count events and sum their tones; roll-up merges Wagner into Russia, drops the
    /// Russia-Wagner pair, and counts an event once per pair.
    #[test]
    fn pairs() {
        let ds = dataset();
        let ev = all(&ds);
        // (rollup, [(a, b, count, net tone, first, last, [cooperation, clash])]) in table order
        let cases: Vec<(bool, Vec<PairRow>)> = vec![
            (
                false,
                vec![
                    ("MLI", "RUS", 2, 8.0, "2021-12", "2022", [2, 0]),
                    ("MLI", "wagner-group", 2, -5.0, "2022", "2022-03-27", [1, 1]),
                    ("RUS", "wagner-group", 2, -5.0, "2022", "2023-06-24", [1, 1]),
                    ("MLI", "FRA", 1, -4.0, "2022-02", "2022-02", [0, 1]),
                ],
            ),
            (
                true,
                vec![
                    ("MLI", "RUS", 3, 0.0, "2021-12", "2022-03-27", [2, 1]),
                    ("MLI", "FRA", 1, -4.0, "2022-02", "2022-02", [0, 1]),
                ],
            ),
        ];
        for (rollup, want) in cases {
            let table = pair_table(&ds, &ev, rollup);
            assert_eq!(table.len(), want.len(), "rollup {rollup}");
            for (st, (a, b, count, net, first, last, cats)) in table.iter().zip(want) {
                assert_eq!(
                    pair_ids(&ds, st.key),
                    (a.to_string(), b.to_string()),
                    "rollup {rollup}"
                );
                assert_eq!(st.count, count, "{a}-{b}");
                assert_eq!(st.net_tone, net, "{a}-{b}");
                assert_eq!(st.mean_tone, net / count as f32, "{a}-{b}");
                assert_eq!((st.first, st.last), (d(first), d(last)), "{a}-{b}");
                assert_eq!(st.by_category, cats, "{a}-{b}");
            }
        }
    }

    /// A pair's events are those involving both actors, after roll-up if asked.
    #[test]
    fn pair_event_lists() {
        let ds = dataset();
        let ev = all(&ds);
        let cases = [
            ("MLI", "RUS", false, vec!["a", "c"]),
            ("MLI", "RUS", true, vec!["a", "c", "b"]),
            ("RUS", "wagner-group", false, vec!["c", "d"]),
            ("RUS", "FRA", false, vec![]),
        ];
        for (x, y, rollup, want) in cases {
            let got = pair_events(&ds, &ev, key(&ds, x, y), rollup);
            assert_eq!(ids(&ds, &got), want, "{x}-{y} rollup {rollup}");
        }
        // Only the given events are considered.
        let only_b = vec![ds.event_by_id("b").unwrap()];
        assert_eq!(
            ids(
                &ds,
                &pair_events(&ds, &only_b, key(&ds, "MLI", "RUS"), true)
            ),
            ["b"]
        );
    }

    /// The bin finder answers like a binary search whatever order the days come in.
    #[test]
    fn bin_finder_any_order() {
        let starts = bins_between(span("2022-01", "2022-12"), Bin::Month);
        let mut finder = BinFinder::new(&starts, Bin::Month);
        let cases = [
            ("2022-03-05", Some(2)),
            ("2022-03-31", Some(2)),
            ("2022-04-01", Some(3)),
            ("2022-01-01", Some(0)),
            ("2021-12-31", None),
            ("2022-12-31", Some(11)),
            ("2023-01-01", None),
            ("2022-06-15", Some(5)),
        ];
        for (at, want) in cases {
            assert_eq!(finder.find(day(at)), want, "{at}");
        }
        assert_eq!(BinFinder::new(&[], Bin::Day).find(0), None);
    }

    /// The dense and the hashed pair slot tables hand out the same slots.
    #[test]
    fn pair_slots_agree() {
        let mut dense = PairSlots::new(10, 0);
        let mut sparse = PairSlots::Sparse(HashMap::new());
        assert!(matches!(dense, PairSlots::Dense { .. }));
        let keys = [(1, 2), (2, 1), (0, 9), (3, 4), (9, 0), (1, 2)];
        let mut next = 0;
        for (x, y) in keys {
            let k = PairKey::new(x, y).unwrap();
            let (a, b) = (dense.slot(k, next), sparse.slot(k, next));
            assert_eq!(a, b, "{x} {y}");
            if a == next {
                next += 1;
            }
        }
        assert_eq!(next, 3);
        // Thousands of actors over few events would make a huge table: hash instead.
        assert!(matches!(PairSlots::new(5_000, 100), PairSlots::Sparse(_)));
    }

    /// A pair series bins the pair's events and sums their tone per bin and cumulatively.
    #[test]
    fn series() {
        let ds = dataset();
        let ev = all(&ds);
        let k = key(&ds, "MLI", "RUS");
        let s = pair_series(&ds, &ev, k, true, Bin::Year, None);
        assert_eq!(isos(&s.starts), ["2021-01-01", "2022-01-01"]);
        assert_eq!(s.counts, vec![vec![1, 0], vec![1, 1]]);
        assert_eq!(s.net_tone, [5.0, -5.0]);
        assert_eq!(s.cumulative_tone, [5.0, 0.0]);

        let s = pair_series(
            &ds,
            &ev,
            k,
            true,
            Bin::Month,
            Some(span("2021-11", "2022-04")),
        );
        assert_eq!(s.starts.len(), 6);
        assert_eq!(s.net_tone, [0.0, 5.0, 3.0, 0.0, -8.0, 0.0]);
        assert_eq!(s.cumulative_tone, [0.0, 5.0, 8.0, 8.0, 0.0, 0.0]);

        // Without roll-up the clash with Wagner is not a Mali-Russia event.
        let s = pair_series(&ds, &ev, k, false, Bin::Year, None);
        assert_eq!(s.net_tone, [5.0, 3.0]);
    }

    /// The trend compares net tone of the last n calendar months up to the reference month with
    /// the n months before.
    #[test]
    fn trends() {
        let ds = dataset();
        let ev = all(&ds);
        let t = trend(&ds, &ev, day("2023-06-30"), 12).unwrap();
        assert_eq!(
            (
                iso_of_day(t.recent_span.start),
                iso_of_day(t.recent_span.end)
            ),
            ("2022-07-01".into(), "2023-06-30".into())
        );
        assert_eq!(
            (
                iso_of_day(t.previous_span.start),
                iso_of_day(t.previous_span.end)
            ),
            ("2021-07-01".into(), "2022-06-30".into())
        );
        assert_eq!((t.recent, t.recent_count), (-8.0, 1));
        assert_eq!((t.previous, t.previous_count), (-4.0, 4));
        assert_eq!(t.delta(), -4.0);

        let t = trend(&ds, &ev, day("2024-05-15"), TREND_MONTHS).unwrap();
        assert_eq!(iso_of_day(t.recent_span.start), "2022-06-01");
        assert_eq!(iso_of_day(t.previous_span.start), "2020-06-01");
        assert_eq!((t.recent_count, t.previous_count), (1, 4));
    }

    /// Activity counts each event once per distinct actor, after roll-up if asked, busiest first.
    #[test]
    fn activity() {
        let ds = dataset();
        let ev = all(&ds);
        let cases = [
            (
                false,
                vec![("MLI", 4), ("RUS", 3), ("wagner-group", 3), ("FRA", 1)],
            ),
            (true, vec![("MLI", 4), ("RUS", 4), ("FRA", 1)]),
        ];
        for (rollup, want) in cases {
            let got: Vec<(&str, u32)> = actor_activity(&ds, &ev, rollup)
                .into_iter()
                .map(|(a, n)| (ds.actors[a as usize].id.as_str(), n))
                .collect();
            assert_eq!(got, want, "rollup {rollup}");
        }
    }

    /// The automatic bin is the finest that fits the budget, counting partial bins at both ends.
    #[test]
    fn automatic_bins() {
        let cases = [
            (span("2022-03-01", "2022-03-20"), 60, Bin::Day),
            (span("2022-01-01", "2022-06-30"), 60, Bin::Week),
            (span("2022-01", "2022-12"), 12, Bin::Month),
            (span("2021-12-31", "2022-12-31"), 12, Bin::Year),
            (span("2019", "2024"), 80, Bin::Month),
            (span("2015", "2024"), 80, Bin::Year),
            (span("1960", "2025"), 80, Bin::Year),
            // Even years are too many: still years, never a panic or a huge list.
            (span("1000", "2999"), 10, Bin::Year),
            (
                DaySpan {
                    start: Day::MIN,
                    end: Day::MAX,
                },
                80,
                Bin::Year,
            ),
        ];
        for (s, max, want) in cases {
            assert_eq!(auto_bin(s, max), want, "{} {max}", iso_of_day(s.start));
        }
    }

    /// Periods are named at the bin's own precision.
    #[test]
    fn period_labels() {
        let cases = [
            (Bin::Year, "2022-01-01", "2022"),
            (Bin::Month, "2022-03-01", "Mar 2022"),
            (Bin::Week, "2022-03-07", "Week of 7 Mar 2022"),
            (Bin::Day, "1960-10-14", "14 Oct 1960"),
        ];
        for (bin, at, want) in cases {
            assert_eq!(bin.period_label(day(at)), want, "{bin:?}");
        }
    }

    /// Roll-up applies to a pair only when both actors are at the top of their chain.
    #[test]
    fn rollup_per_pair() {
        let ds = dataset();
        let cases = [
            ("MLI", "RUS", true, true),
            ("MLI", "RUS", false, false),
            ("MLI", "wagner-group", true, false),
            ("RUS", "wagner-group", true, false),
        ];
        for (x, y, asked, want) in cases {
            assert_eq!(
                pair_rollup(&ds, key(&ds, x, y), asked),
                want,
                "{x}-{y} {asked}"
            );
        }
    }

    /// The matrix keeps actors that share an event with someone, busiest first; roll-up folds
    /// Wagner Group into Russia; grouping puts affiliates right after their parent.
    #[test]
    fn matrix_rows() {
        let mut raw = dataset().to_raw();
        // A lone event for France: it stays in the activity count but makes no pair.
        let mut lone = raw.events[0].clone();
        lone.id = "f".into();
        lone.actors = vec!["FRA".into()];
        raw.events.push(lone);
        let ds = crate::validate::validate(raw).unwrap();
        let ev = all(&ds);
        let names = |v: &[ActorIx]| -> Vec<String> {
            v.iter()
                .map(|&a| ds.actors[a as usize].id.clone())
                .collect()
        };
        for (rollup, want) in [
            (
                false,
                vec![("MLI", 4), ("RUS", 3), ("wagner-group", 3), ("FRA", 2)],
            ),
            (true, vec![("MLI", 4), ("RUS", 4), ("FRA", 2)]),
        ] {
            let pairs = pair_table(&ds, &ev, rollup);
            let got: Vec<(String, u32)> = matrix_actors(&ds, &ev, &pairs, rollup)
                .into_iter()
                .map(|(a, n)| (ds.actors[a as usize].id.clone(), n))
                .collect();
            let want: Vec<(String, u32)> = want.into_iter().map(|(a, n)| (a.into(), n)).collect();
            assert_eq!(got, want, "rollup {rollup}");
        }
        // Only France's lone event: France is active but in no pair.
        let only_f = vec![ds.event_by_id("f").unwrap()];
        let pairs = pair_table(&ds, &only_f, false);
        assert!(matrix_actors(&ds, &only_f, &pairs, false).is_empty());

        let ix = |id: &str| ds.actor_by_id(id).unwrap();
        let cases = [
            (
                vec!["wagner-group", "MLI", "FRA", "RUS"],
                vec!["RUS", "wagner-group", "MLI", "FRA"],
            ),
            (
                vec!["MLI", "wagner-group", "RUS"],
                vec!["MLI", "RUS", "wagner-group"],
            ),
            (vec!["FRA", "MLI"], vec!["FRA", "MLI"]),
            (vec![], vec![]),
        ];
        for (given, want) in cases {
            let given: Vec<ActorIx> = given.into_iter().map(ix).collect();
            assert_eq!(names(&group_by_affiliation(&ds, &given)), want);
        }
        assert_eq!(affiliation_depth(&ds, ix("wagner-group")), 1);
        assert_eq!(affiliation_depth(&ds, ix("RUS")), 0);
    }

    /// Tone classes are symmetric, neutral near zero, strongest at the ends, and each class's
    /// bounds hold the values it is given for.
    #[test]
    fn tone_classes() {
        let s = ToneScale::fitting([12.0, -49.0, f32::NAN, 3.0]);
        assert_eq!(s.max, 49.0);
        let cases = [
            (0.0, 0),
            (0.9, 0),
            (1.1, 1),
            (8.9, 1),
            (9.1, 2),
            (24.9, 2),
            (25.1, 3),
            (49.0, 3),
            (500.0, 3),
            (-0.9, 0),
            (-1.1, -1),
            (-30.0, -3),
            (f32::NAN, 0),
            (f32::INFINITY, 0),
        ];
        for (net, want) in cases {
            assert_eq!(s.class(net), want, "{net}");
            if net.is_finite() && net.abs() <= s.max {
                let (lo, hi) = s.bounds(want);
                assert!(lo <= net && net <= hi, "{net} in {lo}..{hi}");
            }
        }
        assert_eq!(s.bounds(3), (25.0, 49.0));
        assert_eq!(s.bounds(-3), (-49.0, -25.0));
        assert_eq!(s.bounds(0), (-1.0, 1.0));
        assert_eq!(s.bounds(9), s.bounds(3));
        // Nothing but mild tones: the scale does not shrink below 1.
        assert_eq!(ToneScale::fitting([0.2, -0.1]).max, 1.0);
        assert_eq!(ToneScale::fitting([]).class(0.5), 2);
    }

    /// Compared pairs share one axis spanning all their events, each with its own roll-up.
    #[test]
    fn compared_series() {
        let ds = dataset();
        let ev = all(&ds);
        let keys = [key(&ds, "FRA", "MLI"), key(&ds, "MLI", "RUS")];
        let s = compare_series(&ds, &ev, &keys, true, Some(Bin::Year), 80);
        assert_eq!(s.len(), 2);
        assert_eq!(isos(&s[0].starts), ["2021-01-01", "2022-01-01"]);
        assert_eq!(s[0].starts, s[1].starts);
        assert_eq!(s[0].cumulative_tone, [0.0, -4.0]);
        // Rolled up, the clash with Wagner counts for Mali-Russia.
        assert_eq!(s[1].cumulative_tone, [5.0, 0.0]);
        let s = compare_series(&ds, &ev, &keys, false, Some(Bin::Year), 80);
        assert_eq!(s[1].cumulative_tone, [5.0, 8.0]);
        // An affiliate's pair keeps its own events even with roll-up asked.
        let wag = [key(&ds, "MLI", "wagner-group")];
        let s = compare_series(&ds, &ev, &wag, true, Some(Bin::Year), 80);
        assert_eq!(s[0].net_tone, [-5.0]);
        // Automatic bins over 2021-12 .. 2022-12 (the "2022" event lasts the year).
        let s = compare_series(&ds, &ev, &keys, true, None, 20);
        assert_eq!(s[0].bin, Bin::Month);
        assert_eq!(s[0].starts.len(), 13);
        // No events at all: empty series, one per pair.
        let s = compare_series(&ds, &[], &keys, true, None, 20);
        assert_eq!(s.len(), 2);
        assert_eq!(s.iter().map(|x| x.key).collect::<Vec<_>>(), keys);
        assert!(s
            .iter()
            .all(|x| x.starts.is_empty() && x.cumulative_tone.is_empty()));
        assert_eq!(events_span(&ds, &[]), None);
    }
}

#[cfg(test)]
mod succession_tests {
    use super::*;
    use crate::filter::{run, ActorMode, Filter};

    /// The Soviet Union, Russia (its successor) and Mali, with a Soviet-era event, a Russian one
    /// and one naming both states.
    fn dataset() -> Dataset {
        let event = |id: &str, date: &str, actors: &str| {
            format!(
                r#"{{"id":"{id}","date":"{date}","title":"t","summary":"","category":"c","actors":[{actors}],"sources":[{{"publisher":"P","url":"https://example.org","type":"media"}}],"verification":"verified"}}"#
            )
        };
        let json = format!(
            r##"{{"schema":1,"dataset":{{"id":"d","title":"T","description":"","version":"1","updated":"2024","license":"L"}},
            "actors":[{{"id":"SUN","name":"Soviet Union","kind":"state"}},{{"id":"RUS","name":"Russia","kind":"state","succeeds":"SUN"}},{{"id":"MLI","name":"Mali","kind":"state"}}],
            "categories":[{{"id":"c","label":"C","definition":"","tone":2,"color":"#336699"}}],
            "events":[{},{},{}]}}"##,
            event("soviet-1961", "1961", r#""SUN","MLI""#),
            event("russian-2003", "2003", r#""RUS","MLI""#),
            event("both-1991", "1991", r#""SUN","RUS""#),
        );
        crate::validate::parse_dataset(&json).unwrap()
    }

    /// With predecessors, the Mali–Russia pair reads from the Soviet era on, and the Soviet
    /// Union's pairs join Russia's; without, they stay apart.
    #[test]
    fn pairs_across_the_succession() {
        let ds = dataset();
        let all: Vec<usize> = (0..ds.events.len()).collect();
        let ix = |id: &str| ds.actor_by_id(id).unwrap();
        let ids =
            |v: &[usize]| -> Vec<&str> { v.iter().map(|&i| ds.events[i].id.as_str()).collect() };
        let key = PairKey::new(ix("MLI"), ix("RUS")).unwrap();
        let with = Merge {
            affiliates: false,
            predecessors: true,
        };
        assert_eq!(ids(&pair_events(&ds, &all, key, false)), ["russian-2003"]);
        assert_eq!(
            ids(&pair_events(&ds, &all, key, with)),
            ["soviet-1961", "russian-2003"]
        );
        let pairs = |m: Merge| -> Vec<(String, String, u32)> {
            pair_table(&ds, &all, m)
                .iter()
                .map(|p| {
                    let name = |a: ActorIx| ds.actors[a as usize].id.clone();
                    let (a, b) = (name(p.key.a), name(p.key.b));
                    let (a, b) = if a < b { (a, b) } else { (b, a) };
                    (a, b, p.count)
                })
                .collect()
        };
        let mut without = pairs(Merge::default());
        without.sort();
        let want: Vec<(String, String, u32)> = [("MLI", "RUS"), ("MLI", "SUN"), ("RUS", "SUN")]
            .map(|(a, b)| (a.to_string(), b.to_string(), 1))
            .to_vec();
        assert_eq!(without, want);
        // Merged, the event naming both states has no pair left; the two others make one.
        let merged = pairs(with);
        assert_eq!(merged.len(), 1);
        assert_eq!(merged[0].2, 2);
        assert_eq!(ds.successors(), vec![ix("RUS"), ix("RUS"), ix("MLI")]);
        assert_eq!(ds.predecessors_of(ix("RUS")), vec![ix("SUN")]);
    }

    /// In the filters, an actor stands for its predecessors too when asked: its count says so,
    /// and "all" mode counts Russia and the Soviet Union in one event once.
    #[test]
    fn filters_across_the_succession() {
        let ds = dataset();
        let ids = |f: &Filter| -> Vec<String> {
            run(&ds, f)
                .matches
                .iter()
                .map(|&i| ds.events[i].id.clone())
                .collect()
        };
        let mut f = Filter {
            actors: vec!["RUS".into()],
            ..Filter::default()
        };
        assert_eq!(ids(&f), ["both-1991", "russian-2003"]);
        f.predecessors = true;
        assert_eq!(ids(&f), ["soviet-1961", "both-1991", "russian-2003"]);
        let facets = run(
            &ds,
            &Filter {
                predecessors: true,
                ..Filter::default()
            },
        )
        .facets;
        let rus = ds.actor_by_id("RUS").unwrap() as usize;
        assert_eq!(facets.actors[rus], 3);
        f.actors = vec!["MLI".into(), "RUS".into()];
        f.actor_mode = ActorMode::All;
        assert_eq!(ids(&f), ["soviet-1961", "russian-2003"]);
        f.actors = vec!["RUS".into(), "SUN".into()];
        assert_eq!(ids(&f), ["both-1991"]);
    }

    /// The merge a pair gets: predecessors join Mali–Russia, but a pair naming the Soviet Union
    /// keeps its own events; the comparison's series follow the same rule, binned from 1961.
    #[test]
    fn pair_merge_across_the_succession() {
        let ds = dataset();
        let all: Vec<usize> = (0..ds.events.len()).collect();
        let ix = |id: &str| ds.actor_by_id(id).unwrap();
        let mli_rus = PairKey::new(ix("MLI"), ix("RUS")).unwrap();
        let mli_sun = PairKey::new(ix("MLI"), ix("SUN")).unwrap();
        let both = Merge {
            affiliates: true,
            predecessors: true,
        };
        // (pair, asked, applied)
        let cases = [
            (mli_rus, both, both),
            (mli_rus, Merge::default(), Merge::default()),
            (
                mli_sun,
                both,
                Merge {
                    affiliates: true,
                    predecessors: false,
                },
            ),
        ];
        for (key, asked, want) in cases {
            assert_eq!(pair_merge(&ds, key, asked), want, "{key:?} {asked:?}");
        }
        let ids = |key: PairKey, m: Merge| -> Vec<String> {
            pair_events(&ds, &all, key, pair_merge(&ds, key, m))
                .iter()
                .map(|&i| ds.events[i].id.clone())
                .collect()
        };
        assert_eq!(ids(mli_rus, both), ["soviet-1961", "russian-2003"]);
        assert_eq!(ids(mli_sun, both), ["soviet-1961"]);
        let s = compare_series(&ds, &all, &[mli_rus, mli_sun], both, Some(Bin::Year), 80);
        assert_eq!(crate::date::iso_of_day(s[0].starts[0]), "1961-01-01");
        let total = |x: &PairSeries| x.counts.iter().flatten().sum::<u32>();
        assert_eq!((total(&s[0]), total(&s[1])), (2, 1));
    }
}
