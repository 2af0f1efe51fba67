//! The URL codec. The address bar is the single source of truth for what the user sees, so every
//! deep link is a contract, and this module keeps it.
//!
//! # Shape of a URL
//!
//! The path names the page ([`View`]); the query holds everything else ([`ViewState`]).
//!
//! | path | view |
//! |---|---|
//! | `/` (also read: `/timeline`, `/index.html`) | [`View::Timeline`] |
//! | `/relationships` | [`View::Relationships`] |
//! | `/pair/MLI/RUS` (either order is read; written sorted) | [`View::Pair`] |
//! | `/map` | [`View::Map`] |
//! | `/about` | [`View::About`] |
//!
//! Query keys, in the order they are always written:
//!
//! | key | field | example | omitted means |
//! |---|---|---|---|
//! | `actor` | `filter.actors` | `actor=MLI,RUS` | any actor |
//! | `mode` | `filter.actor_mode` | `mode=all` | `any` |
//! | `cat` | `filter.categories` | `cat=resource_concession` | any category |
//! | `from` | `filter.from` | `from=2021-01` | no lower bound |
//! | `to` | `filter.to` | `to=2023-12` | no upper bound |
//! | `q` | `filter.text` | `q=gold%20mine` | no text |
//! | `src` | `filter.source_types` | `src=state_media,un` | any source type |
//! | `ver` | `filter.verification` | `ver=verified` | any level |
//! | `pred` | `filter.predecessors` | `pred=1` | off |
//! | `area` | `filter.area` | `area=-5.5,12,1,17.5` | anywhere (events without coordinates too) |
//! | `sort` | `sort` | `sort=newest` | `oldest` |
//! | `event` | `event` | `event=moura-2022` | nothing selected |
//! | `win` | `window` | `win=2021-01-01~2022-12-31` | the whole data |
//! | `bbox` | `bbox` | `bbox=-17,10,16,25` | the map fits the events |
//! | `pair` | `map_pair` | `pair=MLI~RUS` | every event (the map's pair mode) |
//! | `lanes` | `lanes` | `lanes=actor` | `category` |
//! | `rollup` | `rollup` | `rollup=1` | off |
//! | `order` | `order` | `order=group` | `activity` |
//! | `compare` | `compare` | `compare=FRA~MLI,MLI~RUS` | no pairs |
//! | `bin` | `bin` | `bin=year` | chosen by the app |
//! | `data` | `data` | `data=data/other.json`, `data=https://host/x.json` | the curated dataset |
//!
//! # One state, one URL
//!
//! [`render`] writes the canonical form of [`ViewState::normalize`]: keys in the order above,
//! lists sorted and without duplicates, pairs written `a~b` with `a < b`, defaults omitted, text
//! and ids trimmed, boxes (`area`, `bbox`: `WEST,SOUTH,EAST,NORTH` in degrees, see
//! [`crate::map`]) at four decimals,
//! and ids trimmed, dates at their own precision, windows as whole days. Values are
//! percent-encoded (everything but `A-Z a-z 0-9 - . _`, so a space is `%20`, never `+`).
//! [`parse`] returns states already in that form, so `parse(render(s)) == s` for every
//! normalized `s`, and `render(parse(x))` is a fixed point for any input `x` (both are property
//! tests below).
//!
//! # Reading is forgiving
//!
//! [`parse`] never fails and never panics. Whatever it cannot use becomes a [`Warning`], and the
//! valid rest still applies:
//! - an unknown path shows the timeline; a malformed `/pair/...` shows the relationships;
//! - unknown keys, bad values (`from=2021-13`, `mode=maybe`, `win=junk`) and a `to` before
//!   `from` are dropped (for `from`/`to`, the `to` goes; a window that ends before it starts
//!   goes whole);
//! - list keys (`actor`, `cat`, `src`, `ver`, `compare`) given more than once are merged, as an
//!   HTML form with several checkboxes sends them; any other key given more than once keeps its
//!   last value, with a warning naming the value it ignored;
//! - an empty value (`q=`) means the default, silently; a bare `rollup` (no `=`) means on;
//! - `+` reads as a space, and lists may come percent-encoded whole (`actor=MLI%2CRUS`, as
//!   `URLSearchParams` writes them), because values are decoded before they are split. The price
//!   is that an id containing `,` or `~` cannot be written in a URL; such ids are dropped by
//!   [`ViewState::normalize`] (dataset ids are slugs, so this never bites).
//!
//! Whether ids exist is a separate question, asked once the dataset is loaded:
//! [`ViewState::check`] drops unknown actors, categories, events and pairs, with warnings that
//! suggest the closest id.
//!
//! # What the app does around this
//!
//! - It strips its `base` sub-path (for hosting under `/dyad/`) before calling [`parse`], and
//!   prefixes it to what [`render`] returns; this module only knows root-relative paths.
//! - It passes the raw `location.pathname` and `location.search`, not an already decoded map,
//!   since decoding twice would turn `%2525` into `%`.
//! - After `check`, if `render(&state)` differs from the address bar, it replaces the entry (no
//!   new history step), so the bar always shows the canonical link.
//! - The search box keeps its own text while the user types and writes it to the URL debounced:
//!   normalizing on each keystroke would trim the space before the next word.

use std::fmt;

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::date::{Day, DaySpan, PartialDate};
use crate::filter::{ActorMode, Filter};
use crate::map::BBox;
use crate::model::{Dataset, SourceType, Verification};

/// Bytes escaped in a path segment or query value: all but `A-Z a-z 0-9 - . _`. `~` and `,`
/// stay escaped inside values because, written literally, they separate pair members and list
/// items.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_');

/// First day a URL date can name: 1000-01-01 ([`crate::date::MIN_YEAR`]).
pub const MIN_DAY: Day = -354_285;
/// Last day a URL date can name: 2999-12-31 ([`crate::date::MAX_YEAR`]).
pub const MAX_DAY: Day = 376_199;

/// The page being shown: the URL's path.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum View {
    /// The timeline of events, at `/`.
    #[default]
    Timeline,
    /// The matrix of actor pairs, at `/relationships`.
    Relationships,
    /// One pair's ledger, at `/pair/A/B`. Kept with `a < b` (build it with [`View::pair`]) so a
    /// pair has one URL.
    Pair {
        /// The actor id that sorts first.
        a: String,
        /// The actor id that sorts second.
        b: String,
    },
    /// The map of the events, at `/map`.
    Map,
    /// About the dataset and the app, at `/about`.
    About,
}

impl View {
    /// The pair view of two actors, in either order.
    pub fn pair(a: impl Into<String>, b: impl Into<String>) -> View {
        let (a, b) = (a.into(), b.into());
        if a <= b {
            View::Pair { a, b }
        } else {
            View::Pair { a: b, b: a }
        }
    }

    /// The root-relative path of this page: `/`, `/relationships`, `/pair/A/B` or `/about`.
    pub fn path(&self) -> String {
        match self {
            View::Timeline => "/".to_string(),
            View::Relationships => "/relationships".to_string(),
            View::Pair { a, b } => pair_path(a, b),
            View::Map => "/map".to_string(),
            View::About => "/about".to_string(),
        }
    }
}

/// The path of the pair page of two actors, in either order: `pair_path("RUS", "MLI")` is
/// `/pair/MLI/RUS`.
pub fn pair_path(a: &str, b: &str) -> String {
    let (a, b) = if a <= b { (a, b) } else { (b, a) };
    format!("/pair/{}/{}", encode(a), encode(b))
}

/// Order of the event list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Sort {
    /// Oldest first (the default).
    #[default]
    Oldest,
    /// Newest first (`sort=newest`).
    Newest,
}

impl Sort {
    /// Every value, default first.
    pub const ALL: [Sort; 2] = [Sort::Oldest, Sort::Newest];

    /// The name used in URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Oldest => "oldest",
            Sort::Newest => "newest",
        }
    }

    /// Reads the URL name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// What the timeline's lanes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lanes {
    /// One lane per category (the default).
    #[default]
    Category,
    /// One lane per actor (`lanes=actor`).
    Actor,
}

impl Lanes {
    /// Every value, default first.
    pub const ALL: [Lanes; 2] = [Lanes::Category, Lanes::Actor];

    /// The name used in URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            Lanes::Category => "category",
            Lanes::Actor => "actor",
        }
    }

    /// Reads the URL name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// How the relationship matrix orders its rows and columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum MatrixOrder {
    /// Most active actors first (the default).
    #[default]
    Activity,
    /// Actors grouped under their affiliation (`order=group`).
    Affiliation,
}

impl MatrixOrder {
    /// Every value, default first.
    pub const ALL: [MatrixOrder; 2] = [MatrixOrder::Activity, MatrixOrder::Affiliation];

    /// The name used in URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            MatrixOrder::Activity => "activity",
            MatrixOrder::Affiliation => "group",
        }
    }

    /// Reads the URL name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// The bin width the user chose for the pair ledger. The same names as `aggregate::Bin`, kept
/// separate so the codec does not depend on aggregation; the app converts by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BinChoice {
    /// One bin per calendar year.
    Year,
    /// One bin per calendar month.
    Month,
    /// One bin per week.
    Week,
    /// One bin per day.
    Day,
}

impl BinChoice {
    /// Every value, coarsest first.
    pub const ALL: [BinChoice; 4] = [
        BinChoice::Year,
        BinChoice::Month,
        BinChoice::Week,
        BinChoice::Day,
    ];

    /// The name used in URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            BinChoice::Year => "year",
            BinChoice::Month => "month",
            BinChoice::Week => "week",
            BinChoice::Day => "day",
        }
    }

    /// Reads the URL name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// Everything a URL says about what is on screen.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ViewState {
    /// The page.
    pub view: View,
    /// Which events count, on every page.
    pub filter: Filter,
    /// Order of the event list.
    pub sort: Sort,
    /// The selected event's id (`event=`).
    pub event: Option<String>,
    /// Pairs shown in the relationships' compare chart, each `(a, b)` with `a < b`, the list
    /// sorted and without duplicates (`compare=FRA~MLI,MLI~RUS`).
    pub compare: Vec<(String, String)>,
    /// The timeline's visible days; `None` shows the whole data (`win=`).
    pub window: Option<DaySpan>,
    /// The map's window; `None` fits the events shown (`bbox=`).
    pub bbox: Option<BBox>,
    /// The map's pair mode: only the events of this pair (as its ledger counts them, with
    /// `rollup`), each `(a, b)` with `a < b` (`pair=MLI~RUS`).
    pub map_pair: Option<(String, String)>,
    /// What the timeline's lanes are.
    pub lanes: Lanes,
    /// Whether the matrix rolls actors up into their affiliation (`rollup=1`).
    pub rollup: bool,
    /// How the matrix orders actors.
    pub order: MatrixOrder,
    /// The pair ledger's bin; `None` lets the app choose.
    pub bin: Option<BinChoice>,
    /// Another dataset to load: a path on this site (`data=data/other.json`, see
    /// [`data_path_ok`]) or an address on another host (`data=https://host/x.json`, see
    /// [`data_url_host`]), which the app loads only once the user confirms the host.
    pub data: Option<String>,
}

/// Something in a URL that could not be used, and was left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The query key (`from`), or `path` for the path.
    pub key: String,
    /// The offending value, decoded.
    pub value: String,
    /// What was wrong and what happened instead, e.g. `"2021-13" is not a real calendar date`.
    pub message: String,
}

impl Warning {
    fn new(key: &str, value: &str, message: impl Into<String>) -> Self {
        Warning {
            key: key.to_string(),
            value: value.to_string(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Warning {
    /// `from: "2021-13" is not a real calendar date`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.key, self.message)
    }
}

impl ViewState {
    /// The same state on another page, e.g. to link from a matrix cell to its pair.
    pub fn with_view(mut self, view: View) -> Self {
        self.view = view;
        self
    }

    /// Puts the state in its canonical form, the one [`render`] writes and [`parse`] returns:
    /// ids and text trimmed, empty or unwritable ids (containing `,` or `~`) dropped, lists
    /// sorted and deduplicated, pairs ordered with self-pairs dropped, a `to` before `from`
    /// dropped, the window clamped to [`MIN_DAY`]..=[`MAX_DAY`] (and dropped if that leaves
    /// nothing), and an invalid pair view turned into the relationships view.
    pub fn normalize(&mut self) {
        if let View::Pair { a, b } = &self.view {
            let (a, b) = (a.trim(), b.trim());
            self.view = if writable_id(a) && writable_id(b) && a != b {
                View::pair(a, b)
            } else {
                View::Relationships
            };
        }

        let f = &mut self.filter;
        tidy_ids(&mut f.actors);
        tidy_ids(&mut f.categories);
        trim_in_place(&mut f.text);
        f.source_types.sort_unstable();
        f.source_types.dedup();
        f.verification.sort_unstable();
        f.verification.dedup();
        if to_before_from(f.from, f.to) {
            f.to = None;
        }

        if let Some(e) = &mut self.event {
            trim_in_place(e);
            if e.is_empty() {
                self.event = None;
            }
        }

        let mut pairs: Vec<(String, String)> = std::mem::take(&mut self.compare)
            .into_iter()
            .filter_map(|(a, b)| {
                let (a, b) = (a.trim(), b.trim());
                (writable_id(a) && writable_id(b) && a != b).then(|| ordered(a, b))
            })
            .collect();
        pairs.sort_unstable();
        pairs.dedup();
        self.compare = pairs;

        if let Some(d) = &self.data {
            if !data_ok(d) {
                self.data = None;
            }
        }

        f.area = f.area.and_then(|b| b.normalized());
        self.bbox = self.bbox.and_then(|b| b.normalized());
        self.map_pair = self.map_pair.take().and_then(|(a, b)| {
            let (a, b) = (a.trim(), b.trim());
            (writable_id(a) && writable_id(b) && a != b).then(|| ordered(a, b))
        });

        self.window = self.window.and_then(|w| {
            let w = DaySpan {
                start: w.start.max(MIN_DAY),
                end: w.end.min(MAX_DAY),
            };
            (w.start <= w.end).then_some(w)
        });
    }

    /// Drops every id the dataset does not know, with one warning each: actors (`actor`),
    /// categories (`cat`), the selected event (`event`), compared pairs naming an unknown actor
    /// (`compare`), and a pair view naming one (`path`; the page falls back to the relationships).
    /// Warnings suggest the closest known id when there is a near one.
    pub fn check(&mut self, ds: &Dataset) -> Vec<Warning> {
        let mut warnings = Vec::new();
        let actor_ids = || ds.actors.iter().map(|a| a.id.as_str());
        let known_actor = |id: &str| ds.actor_by_id(id).is_some();

        self.filter.actors.retain(|id| {
            let known = known_actor(id);
            if !known {
                let msg = unknown("actor", id, actor_ids());
                warnings.push(Warning::new("actor", id, msg));
            }
            known
        });

        self.filter.categories.retain(|id| {
            let known = ds.category_by_id(id).is_some();
            if !known {
                let ids = ds.categories.iter().map(|c| c.id.as_str());
                warnings.push(Warning::new("cat", id, unknown("category", id, ids)));
            }
            known
        });

        if let Some(id) = &self.event {
            if ds.event_by_id(id).is_none() {
                let ids = ds.events.iter().map(|e| e.id.as_str());
                warnings.push(Warning::new("event", id, unknown("event", id, ids)));
                self.event = None;
            }
        }

        self.compare.retain(|(a, b)| {
            let missing: Vec<&String> = [a, b].into_iter().filter(|id| !known_actor(id)).collect();
            for id in &missing {
                let msg = format!("{}; pair left out", unknown("actor", id, actor_ids()));
                warnings.push(Warning::new("compare", &format!("{a}~{b}"), msg));
            }
            missing.is_empty()
        });

        if let Some((a, b)) = &self.map_pair {
            let missing: Vec<&String> = [a, b].into_iter().filter(|id| !known_actor(id)).collect();
            for id in &missing {
                let msg = format!("{}; showing every event", unknown("actor", id, actor_ids()));
                warnings.push(Warning::new("pair", &format!("{a}~{b}"), msg));
            }
            if !missing.is_empty() {
                self.map_pair = None;
            }
        }

        if let View::Pair { a, b } = &self.view {
            let missing: Vec<&String> = [a, b].into_iter().filter(|id| !known_actor(id)).collect();
            for id in &missing {
                let msg = format!(
                    "{}; showing all relationships",
                    unknown("actor", id, actor_ids())
                );
                warnings.push(Warning::new("path", id, msg));
            }
            if !missing.is_empty() {
                self.view = View::Relationships;
            }
        }

        warnings
    }
}

/// The canonical URL of a state: its path, then `?` and the query if there is one. The app
/// prefixes its base path.
pub fn render(s: &ViewState) -> String {
    let mut s = s.clone();
    s.normalize();
    let query = render_normalized(&s);
    let path = s.view.path();
    if query.is_empty() {
        path
    } else {
        format!("{path}?{query}")
    }
}

/// The canonical query of a state, without the leading `?` (empty when everything is default).
pub fn render_query(s: &ViewState) -> String {
    let mut s = s.clone();
    s.normalize();
    render_normalized(&s)
}

fn render_normalized(s: &ViewState) -> String {
    let f = &s.filter;
    let list = |items: &mut dyn Iterator<Item = &str>| -> String {
        items.map(encode).collect::<Vec<_>>().join(",")
    };
    let mut parts: Vec<(Key, String)> = Vec::new();
    if !f.actors.is_empty() {
        parts.push((Key::Actor, list(&mut f.actors.iter().map(String::as_str))));
    }
    if f.actor_mode != ActorMode::default() {
        parts.push((Key::Mode, f.actor_mode.as_str().to_string()));
    }
    if !f.categories.is_empty() {
        parts.push((Key::Cat, list(&mut f.categories.iter().map(String::as_str))));
    }
    if let Some(d) = f.from {
        parts.push((Key::From, d.to_string()));
    }
    if let Some(d) = f.to {
        parts.push((Key::To, d.to_string()));
    }
    if !f.text.is_empty() {
        parts.push((Key::Q, encode(&f.text)));
    }
    if !f.source_types.is_empty() {
        parts.push((
            Key::Src,
            list(&mut f.source_types.iter().map(|t| t.as_str())),
        ));
    }
    if !f.verification.is_empty() {
        parts.push((
            Key::Ver,
            list(&mut f.verification.iter().map(|v| v.as_str())),
        ));
    }
    if f.predecessors {
        parts.push((Key::Pred, "1".to_string()));
    }
    if let Some(b) = &f.area {
        parts.push((Key::Area, b.to_param()));
    }
    if s.sort != Sort::default() {
        parts.push((Key::Sort, s.sort.as_str().to_string()));
    }
    if let Some(e) = &s.event {
        parts.push((Key::Event, encode(e)));
    }
    if let Some(w) = s.window {
        let day = |d: Day| {
            PartialDate::from_day(d)
                .map(|d| d.to_string())
                .unwrap_or_default()
        };
        parts.push((Key::Win, format!("{}~{}", day(w.start), day(w.end))));
    }
    if let Some(b) = &s.bbox {
        parts.push((Key::Bbox, b.to_param()));
    }
    if let Some((a, b)) = &s.map_pair {
        parts.push((Key::Pair, format!("{}~{}", encode(a), encode(b))));
    }
    if s.lanes != Lanes::default() {
        parts.push((Key::Lanes, s.lanes.as_str().to_string()));
    }
    if s.rollup {
        parts.push((Key::Rollup, "1".to_string()));
    }
    if s.order != MatrixOrder::default() {
        parts.push((Key::Order, s.order.as_str().to_string()));
    }
    if !s.compare.is_empty() {
        let pairs: Vec<String> = s
            .compare
            .iter()
            .map(|(a, b)| format!("{}~{}", encode(a), encode(b)))
            .collect();
        parts.push((Key::Compare, pairs.join(",")));
    }
    if let Some(b) = s.bin {
        parts.push((Key::Bin, b.as_str().to_string()));
    }
    if let Some(d) = &s.data {
        parts.push((Key::Data, encode(d)));
    }
    // The pushes above follow Key::ALL; sorting makes that order a guarantee, not a habit.
    parts.sort_by_key(|(k, _)| *k as usize);
    parts
        .into_iter()
        .map(|(k, v)| format!("{}={v}", k.name()))
        .collect::<Vec<_>>()
        .join("&")
}

/// Reads a root-relative path (`/pair/MLI/RUS`) and a query (with or without its `?`) into a
/// normalized state, with a warning for each thing left out. Never fails, never panics.
pub fn parse(path: &str, query: &str) -> (ViewState, Vec<Warning>) {
    let mut warnings = Vec::new();
    let mut state = ViewState {
        view: parse_path(path, &mut warnings),
        ..ViewState::default()
    };
    let slots = split_query(query, &mut warnings);
    for (key, slot) in Key::ALL.into_iter().zip(slots) {
        if let Some(raw) = slot {
            apply(&mut state, key, &raw, &mut warnings);
        }
    }
    let f = &mut state.filter;
    if let (Some(from), Some(to)) = (f.from, f.to) {
        if to_before_from(f.from, f.to) {
            let msg = format!("\"{to}\" is before from \"{from}\"; left out");
            warnings.push(Warning::new("to", &to.to_string(), msg));
            f.to = None;
        }
    }
    state.normalize();
    (state, warnings)
}

/// A query key. The declaration order is the order keys are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    Actor,
    Mode,
    Cat,
    From,
    To,
    Q,
    Src,
    Ver,
    Pred,
    Area,
    Sort,
    Event,
    Win,
    Bbox,
    Pair,
    Lanes,
    Rollup,
    Order,
    Compare,
    Bin,
    Data,
}

impl Key {
    const ALL: [Key; 21] = [
        Key::Actor,
        Key::Mode,
        Key::Cat,
        Key::From,
        Key::To,
        Key::Q,
        Key::Src,
        Key::Ver,
        Key::Pred,
        Key::Area,
        Key::Sort,
        Key::Event,
        Key::Win,
        Key::Bbox,
        Key::Pair,
        Key::Lanes,
        Key::Rollup,
        Key::Order,
        Key::Compare,
        Key::Bin,
        Key::Data,
    ];

    fn name(self) -> &'static str {
        match self {
            Key::Actor => "actor",
            Key::Mode => "mode",
            Key::Cat => "cat",
            Key::From => "from",
            Key::To => "to",
            Key::Q => "q",
            Key::Src => "src",
            Key::Ver => "ver",
            Key::Pred => "pred",
            Key::Area => "area",
            Key::Bbox => "bbox",
            Key::Pair => "pair",
            Key::Sort => "sort",
            Key::Event => "event",
            Key::Win => "win",
            Key::Lanes => "lanes",
            Key::Rollup => "rollup",
            Key::Order => "order",
            Key::Compare => "compare",
            Key::Bin => "bin",
            Key::Data => "data",
        }
    }

    /// List keys merge when repeated; the others keep their last value.
    fn is_list(self) -> bool {
        matches!(
            self,
            Key::Actor | Key::Cat | Key::Src | Key::Ver | Key::Compare
        )
    }
}

/// A key's value as found in the query, still percent-encoded.
#[derive(Debug, Clone)]
struct Raw {
    value: String,
    /// The key came without `=` (`?rollup`).
    bare: bool,
}

fn parse_path(path: &str, warnings: &mut Vec<Warning>) -> View {
    let segments: Vec<String> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| decode_segment(s).trim().to_string())
        .collect();
    let first = segments.first().map(|s| s.to_ascii_lowercase());
    match (first.as_deref(), segments.len()) {
        (None, _) => View::Timeline,
        (Some("timeline" | "index.html"), 1) => View::Timeline,
        (Some("relationships"), 1) => View::Relationships,
        (Some("about"), 1) => View::About,
        (Some("map"), 1) => View::Map,
        (Some("pair"), 3) => {
            let (a, b) = (&segments[1], &segments[2]);
            let problem = if !writable_id(a) || !writable_id(b) {
                Some("is not a pair of actor ids, as /pair/MLI/RUS")
            } else if a == b {
                Some("pairs an actor with itself")
            } else {
                None
            };
            match problem {
                None => View::pair(a.as_str(), b.as_str()),
                Some(p) => {
                    let msg = format!("\"{path}\" {p}; showing all relationships");
                    warnings.push(Warning::new("path", path, msg));
                    View::Relationships
                }
            }
        }
        (Some("pair"), _) => {
            let msg = format!(
                "\"{path}\" is not a pair page; write /pair/MLI/RUS; showing all relationships"
            );
            warnings.push(Warning::new("path", path, msg));
            View::Relationships
        }
        (Some(_), _) => {
            let msg = format!("unknown page \"{path}\"; showing the timeline");
            warnings.push(Warning::new("path", path, msg));
            View::Timeline
        }
    }
}

/// Splits the query into one slot per known key, warning about unknown and repeated keys.
fn split_query(query: &str, warnings: &mut Vec<Warning>) -> Vec<Option<Raw>> {
    let query = query.strip_prefix('?').unwrap_or(query);
    let mut slots: Vec<Option<Raw>> = vec![None; Key::ALL.len()];
    for segment in query.split('&').filter(|s| !s.is_empty()) {
        let (raw_key, value, bare) = match segment.split_once('=') {
            Some((k, v)) => (k, v, false),
            None => (segment, "", true),
        };
        let name = decode(raw_key);
        let Some(i) = Key::ALL.iter().position(|k| k.name() == name) else {
            let msg = match crate::suggest::closest(&name, Key::ALL.iter().map(|k| k.name())) {
                Some(k) => format!("unknown parameter; did you mean \"{k}\"?"),
                None => "unknown parameter; ignored".to_string(),
            };
            warnings.push(Warning::new(&name, &decode(value), msg));
            continue;
        };
        let key = Key::ALL[i];
        let new = Raw {
            value: value.to_string(),
            bare,
        };
        match slots.get_mut(i) {
            Some(Some(prev)) if key.is_list() => {
                // Joining before decoding is safe: items are split after decoding anyway.
                prev.value.push(',');
                prev.value.push_str(value);
                prev.bare = false;
            }
            Some(Some(prev)) => {
                let old = decode(&prev.value);
                let msg = format!("given more than once; the earlier \"{old}\" is ignored");
                warnings.push(Warning::new(key.name(), &old, msg));
                *prev = new;
            }
            Some(slot) => *slot = Some(new),
            None => {} // i comes from Key::ALL, and slots has one entry per key.
        }
    }
    slots
}

fn apply(s: &mut ViewState, key: Key, raw: &Raw, warnings: &mut Vec<Warning>) {
    let name = key.name();
    let decoded = decode(&raw.value);
    let v = decoded.trim();
    let f = &mut s.filter;
    match key {
        Key::Actor => f.actors = items(v).map(String::from).collect(),
        Key::Mode => {
            let modes = [ActorMode::Any, ActorMode::All];
            f.actor_mode = keyword(name, v, &modes, |m| m.as_str(), "mode", warnings);
        }
        Key::Cat => f.categories = items(v).map(String::from).collect(),
        Key::From => f.from = date(name, v, warnings),
        Key::To => f.to = date(name, v, warnings),
        Key::Q => f.text = v.to_string(),
        Key::Src => {
            f.source_types = items(v)
                .filter_map(|item| {
                    let t = SourceType::parse(item);
                    if t.is_none() {
                        let all = SourceType::ALL.map(|t| t.as_str());
                        warnings.push(not_one_of(name, item, "source type", &all));
                    }
                    t
                })
                .collect();
        }
        Key::Ver => {
            f.verification = items(v)
                .filter_map(|item| {
                    let t = Verification::parse(item);
                    if t.is_none() {
                        let all = Verification::ALL.map(|t| t.as_str());
                        warnings.push(not_one_of(name, item, "verification level", &all));
                    }
                    t
                })
                .collect();
        }
        Key::Sort => s.sort = keyword(name, v, &Sort::ALL, Sort::as_str, "sort order", warnings),
        Key::Event => s.event = (!v.is_empty()).then(|| v.to_string()),
        Key::Win => s.window = window(v, warnings),
        Key::Area => s.filter.area = bbox(name, v, warnings),
        Key::Bbox => s.bbox = bbox(name, v, warnings),
        Key::Pair => {
            s.map_pair = match compare(name, v, warnings).as_slice() {
                [] => None,
                [p] => Some(p.clone()),
                [p, ..] => {
                    let msg = format!("names more than one pair; only {}~{} is shown", p.0, p.1);
                    warnings.push(Warning::new(name, v, msg));
                    Some(p.clone())
                }
            }
        }
        Key::Lanes => {
            s.lanes = keyword(name, v, &Lanes::ALL, Lanes::as_str, "lane kind", warnings);
        }
        Key::Rollup => s.rollup = switch(name, v, raw.bare, warnings),
        Key::Pred => s.filter.predecessors = switch(name, v, raw.bare, warnings),
        Key::Order => {
            let all = MatrixOrder::ALL;
            s.order = keyword(name, v, &all, MatrixOrder::as_str, "matrix order", warnings);
        }
        Key::Compare => s.compare = compare(name, v, warnings),
        Key::Data => {
            s.data = match v {
                "" => None,
                _ if data_ok(v) => Some(v.to_string()),
                _ => {
                    let msg = format!(
                        "\"{v}\" cannot be loaded; use a path on this site, such as data/other.json, or an https:// address"
                    );
                    warnings.push(Warning::new(name, v, msg));
                    None
                }
            }
        }
        Key::Bin => {
            s.bin = match v {
                "" | "auto" => None,
                _ => {
                    let b = BinChoice::parse(v);
                    if b.is_none() {
                        let mut all = BinChoice::ALL.map(|b| b.as_str()).to_vec();
                        all.push("auto");
                        warnings.push(not_one_of(name, v, "bin", &all));
                    }
                    b
                }
            }
        }
    }
}

/// Whether `path` may be fetched as a dataset: a path on the same site, relative to the app
/// (`data/other.json`) or from the site's root (`/data/other.json`), made of
/// `A-Z a-z 0-9 - _ . /` segments, ending in `.json`, with no `..` segment and no scheme or
/// host (`//host/...`), so a link can never make the app fetch from another host.
pub fn data_path_ok(path: &str) -> bool {
    let rest = path.strip_prefix('/').unwrap_or(path);
    !rest.is_empty()
        && path.len() <= 200
        && rest.ends_with(".json")
        && rest
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'/'))
        && rest
            .split('/')
            .all(|seg| !seg.is_empty() && seg != "." && seg != "..")
}

/// Whether `data=` may name `v`: a same-site path or another host's address.
fn data_ok(v: &str) -> bool {
    data_path_ok(v) || data_url_host(v).is_some()
}

/// The host (with its port, if any) of a dataset address on another site, if the address may be
/// fetched: `https://host[:port]/path`, or `http://` for a loopback host only (`127.0.0.1`,
/// `localhost`, `[::1]`). Plain http on the network could be altered on the way and is blocked
/// by browsers on an https page anyway; on a loopback host it is what a local static server
/// speaks (a newsroom previewing a file, the end-to-end tests' second origin). The host is
/// letters, digits, `-` and `.`; the path has no spaces, quotes, angle brackets or backslashes;
/// the whole is at most 500 bytes. The app asks the user before fetching from the host.
pub fn data_url_host(v: &str) -> Option<&str> {
    let (scheme, rest) = v.split_once("://")?;
    let end = rest.find('/')?;
    let (authority, path) = rest.split_at(end);
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) if !h.ends_with(':') => (h, Some(p)),
        _ => (authority, None),
    };
    let host_ok = host == "[::1]"
        || (!host.is_empty()
            && host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
            && !host.starts_with(['.', '-']));
    let port_ok =
        port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()));
    let loopback = matches!(host, "127.0.0.1" | "localhost" | "[::1]");
    let scheme_ok = scheme == "https" || (scheme == "http" && loopback);
    let path_ok = path.len() > 1
        && path.bytes().all(|b| {
            b.is_ascii_graphic() && !matches!(b, b'"' | b'\'' | b'<' | b'>' | b'\\' | b'`')
        });
    (v.len() <= 500 && scheme_ok && host_ok && port_ok && path_ok).then_some(authority)
}

/// An on/off value: `1`, `true`, `yes`, `on` or a bare key (`?rollup`) is on; empty, `0`,
/// `false`, `no`, `off` is off; anything else is off with a warning.
fn switch(name: &str, v: &str, bare: bool, warnings: &mut Vec<Warning>) -> bool {
    match v {
        _ if bare => true,
        "1" | "true" | "yes" | "on" => true,
        "" | "0" | "false" | "no" | "off" => false,
        _ => {
            let msg = format!("\"{v}\" is not a switch; use 1 or 0");
            warnings.push(Warning::new(name, v, msg));
            false
        }
    }
}

/// The non-empty, trimmed items of a comma-separated list.
fn items(v: &str) -> impl Iterator<Item = &str> {
    v.split(',').map(str::trim).filter(|s| !s.is_empty())
}

/// A keyword value; empty means the default, and an unknown word warns and keeps the default.
fn keyword<T: Copy + Default>(
    key: &str,
    v: &str,
    all: &[T],
    as_str: fn(T) -> &'static str,
    what: &str,
    warnings: &mut Vec<Warning>,
) -> T {
    if v.is_empty() {
        return T::default();
    }
    match all.iter().copied().find(|t| as_str(*t) == v) {
        Some(t) => t,
        None => {
            let names: Vec<&str> = all.iter().map(|t| as_str(*t)).collect();
            warnings.push(not_one_of(key, v, what, &names));
            T::default()
        }
    }
}

fn not_one_of(key: &str, v: &str, what: &str, names: &[&str]) -> Warning {
    let list = names
        .iter()
        .map(|n| format!("\"{n}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let msg = format!("\"{v}\" is not a {what}; use one of {list}");
    Warning::new(key, v, msg)
}

fn date(key: &str, v: &str, warnings: &mut Vec<Warning>) -> Option<PartialDate> {
    if v.is_empty() {
        return None;
    }
    match v.parse::<PartialDate>() {
        Ok(d) => Some(d),
        Err(e) => {
            warnings.push(Warning::new(key, v, e.to_string()));
            None
        }
    }
}

/// `START~END`, each a date at any precision: the window runs from the first day of the start
/// to the last day of the end, so `2021~2022` reads as two whole years.
fn window(v: &str, warnings: &mut Vec<Warning>) -> Option<DaySpan> {
    if v.is_empty() {
        return None;
    }
    let key = Key::Win.name();
    let Some((a, b)) = v.split_once('~') else {
        let msg = format!("\"{v}\" is not a window; write START~END, as 2021-01-01~2022-12-31");
        warnings.push(Warning::new(key, v, msg));
        return None;
    };
    let (start, end) = match (
        a.trim().parse::<PartialDate>(),
        b.trim().parse::<PartialDate>(),
    ) {
        (Ok(a), Ok(b)) => (a.first_day(), b.last_day()),
        (Err(e), _) | (_, Err(e)) => {
            warnings.push(Warning::new(key, v, format!("in \"{v}\": {e}")));
            return None;
        }
    };
    if end < start {
        let msg = format!("\"{v}\" ends before it starts; showing the whole data");
        warnings.push(Warning::new(key, v, msg));
        return None;
    }
    Some(DaySpan { start, end })
}

/// A box `W,S,E,N` (see [`crate::map`]); a bad one warns and is dropped.
fn bbox(key: &str, v: &str, warnings: &mut Vec<Warning>) -> Option<BBox> {
    if v.is_empty() {
        return None;
    }
    match BBox::parse(v) {
        Ok(b) => Some(b),
        Err(e) => {
            warnings.push(Warning::new(key, v, format!("{e}; left out")));
            None
        }
    }
}

/// Pairs `A~B,C~D` (for `compare`, and `pair` which takes one).
fn compare(key: &str, v: &str, warnings: &mut Vec<Warning>) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    for item in items(v) {
        let parts = item
            .split_once('~')
            .map(|(a, b)| (a.trim(), b.trim()))
            .filter(|(a, b)| writable_id(a) && writable_id(b));
        match parts {
            None => {
                let msg = format!("\"{item}\" is not a pair; write A~B, as MLI~RUS");
                warnings.push(Warning::new(key, item, msg));
            }
            Some((a, b)) if a == b => {
                let msg = format!("\"{item}\" pairs an actor with itself; left out");
                warnings.push(Warning::new(key, item, msg));
            }
            Some((a, b)) => pairs.push(ordered(a, b)),
        }
    }
    pairs
}

/// Whether `to` ends before `from` starts, so that no day could match.
fn to_before_from(from: Option<PartialDate>, to: Option<PartialDate>) -> bool {
    matches!((from, to), (Some(f), Some(t)) if t.last_day() < f.first_day())
}

/// An id a URL can carry: trimmed, non-empty, and free of the list and pair separators.
fn writable_id(id: &str) -> bool {
    !id.is_empty() && id.trim() == id && !id.contains([',', '~'])
}

fn tidy_ids(ids: &mut Vec<String>) {
    for id in ids.iter_mut() {
        trim_in_place(id);
    }
    ids.retain(|id| writable_id(id));
    ids.sort_unstable();
    ids.dedup();
}

fn trim_in_place(s: &mut String) {
    if s.trim().len() != s.len() {
        *s = s.trim().to_string();
    }
}

fn ordered(a: &str, b: &str) -> (String, String) {
    if a <= b {
        (a.to_string(), b.to_string())
    } else {
        (b.to_string(), a.to_string())
    }
}

fn encode(s: &str) -> String {
    utf8_percent_encode(s, COMPONENT).to_string()
}

/// Decodes a path segment: unlike in a query, `+` is a plus there.
fn decode_segment(s: &str) -> String {
    percent_decode_str(s).decode_utf8_lossy().into_owned()
}

/// Decodes a query key or value: `+` is a space (a literal plus arrives as `%2B`),
/// malformed escapes stay as written, and invalid UTF-8 becomes U+FFFD, as in browsers.
fn decode(s: &str) -> String {
    let spaced = s.replace('+', " ");
    percent_decode_str(&spaced).decode_utf8_lossy().into_owned()
}

/// The message for an unknown id, with the closest known id when one is near.
fn unknown<'a>(what: &str, id: &str, known: impl Iterator<Item = &'a str>) -> String {
    match crate::suggest::closest(id, known) {
        Some(near) => format!("unknown {what} \"{id}\"; did you mean \"{near}\"?"),
        None => format!("unknown {what} \"{id}\""),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use proptest::prelude::*;

    use super::*;
    use crate::date::{MAX_YEAR, MIN_YEAR};
    use crate::model::{Actor, ActorKind, Category, DatasetMeta, Event};

    /// Parses a whole root-relative URL, and shows warnings as the user reads them.
    fn read(url: &str) -> (ViewState, Vec<String>) {
        let (path, query) = url.split_once('?').unwrap_or((url, ""));
        let (s, w) = parse(path, query);
        (s, w.iter().map(|w| w.to_string()).collect())
    }

    fn state(f: impl FnOnce(&mut ViewState)) -> ViewState {
        let mut s = ViewState::default();
        f(&mut s);
        s
    }

    fn ids(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    fn day(iso: &str) -> Day {
        iso.parse::<PartialDate>().unwrap().first_day()
    }

    fn dataset() -> Dataset {
        let actor_ids = ["MLI", "RUS", "FRA", "wagner-group"];
        let actors: Vec<Actor> = actor_ids
            .iter()
            .map(|id| Actor {
                id: id.to_string(),
                name: id.to_string(),
                kind: ActorKind::State,
                affiliation: None,
                aliases: vec![],
                succeeds: None,
            })
            .collect();
        let categories = vec![Category {
            id: "resource_concession".into(),
            label: "Resource concession".into(),
            definition: String::new(),
            tone: 1.0,
            color: "#000000".into(),
        }];
        let date: PartialDate = "2022-03".parse().unwrap();
        let events = vec![Event {
            id: "moura-2022".into(),
            date,
            end: None,
            span: date.span(),
            title: "Moura".into(),
            summary: String::new(),
            category: 0,
            actors: vec![0, 3],
            tone: -9.0,
            tone_override: None,
            milestone: true,
            location: None,
            sources: vec![],
            tags: vec![],
            notes: None,
            verification: Verification::Verified,
        }];
        Dataset {
            meta: DatasetMeta {
                id: "test".into(),
                title: "Test".into(),
                description: String::new(),
                version: "1".into(),
                updated: "2024-01-01".parse().unwrap(),
                license: String::new(),
            },
            actor_ix: actor_ids
                .iter()
                .enumerate()
                .map(|(i, id)| (id.to_string(), i as u32))
                .collect(),
            category_ix: HashMap::from([("resource_concession".to_string(), 0)]),
            by_id: vec![0],
            actor_text: vec![String::new(); actor_ids.len()],
            search: Default::default(),
            index: crate::filter::EventIndex::build(&events),
            actors,
            categories,
            events,
            max_span_days: 31,
        }
    }

    /// The issue's example link reads as the filter it names and is written back byte for byte.
    #[test]
    fn issue_example_round_trips() {
        let url = "/?actor=MLI,RUS&cat=resource_concession&from=2021-01&to=2023-12&q=gold";
        let (s, w) = read(url);
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(s.filter.actors, ids(&["MLI", "RUS"]));
        assert_eq!(s.filter.categories, ids(&["resource_concession"]));
        assert_eq!(s.filter.from, Some("2021-01".parse().unwrap()));
        assert_eq!(s.filter.to, Some("2023-12".parse().unwrap()));
        assert_eq!(s.filter.text, "gold");
        assert_eq!(render(&s), url);
    }

    /// An unknown actor and an impossible date each cost one warning, and the text still applies.
    #[test]
    fn bad_parts_warn_and_the_rest_applies() {
        let (mut s, w) = read("/?actor=XXX&from=2021-13&q=gold");
        assert_eq!(w, ["from: \"2021-13\" is not a real calendar date"]);
        let checked: Vec<String> = s.check(&dataset()).iter().map(|w| w.to_string()).collect();
        assert_eq!(checked, ["actor: unknown actor \"XXX\""]);
        assert_eq!(s, state(|s| s.filter.text = "gold".into()));
        assert_eq!(render(&s), "/?q=gold");
    }

    /// Each page has its path; aliases and the reversed pair read as the canonical page, and
    /// anything else falls back with a warning.
    #[test]
    fn paths() {
        let pair = View::pair("MLI", "RUS");
        let cases: Vec<(&str, View, &[&str])> = vec![
            ("/", View::Timeline, &[]),
            ("", View::Timeline, &[]),
            ("/timeline", View::Timeline, &[]),
            ("/index.html", View::Timeline, &[]),
            ("/relationships", View::Relationships, &[]),
            ("/relationships/", View::Relationships, &[]),
            ("relationships", View::Relationships, &[]),
            ("/About", View::About, &[]),
            ("/map", View::Map, &[]),
            ("/map/", View::Map, &[]),
            ("/pair/MLI/RUS", pair.clone(), &[]),
            ("/pair/RUS/MLI", pair.clone(), &[]),
            ("/pair/%4DLI/RUS", pair.clone(), &[]),
            (
                "/pair/a+b/c",
                View::Pair {
                    a: "a+b".into(),
                    b: "c".into(),
                },
                &[],
            ),
            (
                "/pair/a%2Fb/c",
                View::Pair {
                    a: "a/b".into(),
                    b: "c".into(),
                },
                &[],
            ),
            (
                "/nope",
                View::Timeline,
                &["path: unknown page \"/nope\"; showing the timeline"],
            ),
            (
                "/relationships/extra",
                View::Timeline,
                &["path: unknown page \"/relationships/extra\"; showing the timeline"],
            ),
            (
                "/pair/MLI",
                View::Relationships,
                &["path: \"/pair/MLI\" is not a pair page; write /pair/MLI/RUS; showing all relationships"],
            ),
            (
                "/pair/MLI/MLI",
                View::Relationships,
                &["path: \"/pair/MLI/MLI\" pairs an actor with itself; showing all relationships"],
            ),
            (
                "/pair/MLI/%20",
                View::Relationships,
                &["path: \"/pair/MLI/%20\" is not a pair of actor ids, as /pair/MLI/RUS; showing all relationships"],
            ),
        ];
        for (path, view, warnings) in cases {
            let (s, w) = parse(path, "");
            let w: Vec<String> = w.iter().map(|w| w.to_string()).collect();
            assert_eq!(s.view, view, "{path}");
            assert_eq!(w, warnings, "{path}");
        }
    }

    /// Every page writes the path it is read from.
    #[test]
    fn view_paths() {
        let cases = [
            (View::Timeline, "/"),
            (View::Relationships, "/relationships"),
            (View::pair("RUS", "MLI"), "/pair/MLI/RUS"),
            (View::About, "/about"),
            (View::Map, "/map"),
            (View::pair("a b", "c/d"), "/pair/a%20b/c%2Fd"),
        ];
        for (view, path) in cases {
            assert_eq!(view.path(), path);
            assert_eq!(parse(path, "").0.view, view, "{path}");
        }
        assert_eq!(pair_path("RUS", "MLI"), "/pair/MLI/RUS");
    }

    /// Each key reads into its field, with the documented leniencies.
    #[test]
    fn keys_read_into_fields() {
        type Case = (&'static str, fn(&mut ViewState));
        let cases: Vec<Case> = vec![
            ("actor=RUS,MLI,RUS", |s| {
                s.filter.actors = ids(&["MLI", "RUS"])
            }),
            ("actor=MLI%2CRUS", |s| {
                s.filter.actors = ids(&["MLI", "RUS"])
            }),
            ("actor=MLI,,+RUS+,", |s| {
                s.filter.actors = ids(&["MLI", "RUS"])
            }),
            ("actor=MLI&actor=RUS", |s| {
                s.filter.actors = ids(&["MLI", "RUS"])
            }),
            ("mode=all", |s| s.filter.actor_mode = ActorMode::All),
            ("mode=any", |_| {}),
            ("cat=b,a", |s| s.filter.categories = ids(&["a", "b"])),
            ("from=2021", |s| s.filter.from = "2021".parse().ok()),
            ("to=2021-02-28", |s| s.filter.to = "2021-02-28".parse().ok()),
            ("from=2021-06&to=2021", |s| {
                s.filter.from = "2021-06".parse().ok();
                s.filter.to = "2021".parse().ok();
            }),
            ("q=gold+mine", |s| s.filter.text = "gold mine".into()),
            ("q=%20%20gold%20", |s| s.filter.text = "gold".into()),
            ("q=a%2Bb%26c%3Dd", |s| s.filter.text = "a+b&c=d".into()),
            ("q=Go%C3%AFta", |s| s.filter.text = "Goïta".into()),
            ("q=100%", |s| s.filter.text = "100%".into()),
            ("q=%FF", |s| s.filter.text = "\u{FFFD}".into()),
            ("q=", |_| {}),
            ("src=un,state_media", |s| {
                s.filter.source_types = vec![SourceType::Un, SourceType::StateMedia]
            }),
            ("ver=partial,verified", |s| {
                s.filter.verification = vec![Verification::Verified, Verification::Partial]
            }),
            ("sort=newest", |s| s.sort = Sort::Newest),
            ("event=moura-2022", |s| s.event = Some("moura-2022".into())),
            ("event=", |_| {}),
            ("win=2021-01-01~2022-12-31", |s| {
                s.window = Some(DaySpan {
                    start: day("2021-01-01"),
                    end: day("2022-12-31"),
                })
            }),
            ("win=2021~2022-02", |s| {
                s.window = Some(DaySpan {
                    start: day("2021-01-01"),
                    end: day("2022-02-28"),
                })
            }),
            ("win=2021%7E2021", |s| {
                s.window = Some(DaySpan {
                    start: day("2021-01-01"),
                    end: day("2021-12-31"),
                })
            }),
            ("lanes=actor", |s| s.lanes = Lanes::Actor),
            ("rollup=1", |s| s.rollup = true),
            ("rollup", |s| s.rollup = true),
            ("rollup=true", |s| s.rollup = true),
            ("rollup=0", |_| {}),
            ("pred=1", |s| s.filter.predecessors = true),
            ("pred", |s| s.filter.predecessors = true),
            ("pred=0", |_| {}),
            ("order=group", |s| s.order = MatrixOrder::Affiliation),
            ("order=activity", |_| {}),
            ("compare=RUS~MLI,FRA~MLI,MLI~RUS", |s| {
                s.compare = vec![("FRA".into(), "MLI".into()), ("MLI".into(), "RUS".into())]
            }),
            ("bin=week", |s| s.bin = Some(BinChoice::Week)),
            ("bin=auto", |_| {}),
            ("bbox=-17,10,16.5,25", |s| {
                s.bbox = Some(BBox::new(-17.0, 10.0, 16.5, 25.0).unwrap())
            }),
            ("bbox=-17.00001%2C10%2C16.5%2C25", |s| {
                s.bbox = Some(BBox::new(-17.0, 10.0, 16.5, 25.0).unwrap())
            }),
            ("area=-9,12,-7,13", |s| {
                s.filter.area = Some(BBox::new(-9.0, 12.0, -7.0, 13.0).unwrap())
            }),
            ("pair=RUS~MLI", |s| {
                s.map_pair = Some(("MLI".into(), "RUS".into()))
            }),
            ("bbox=&area=&pair=", |_| {}),
            ("?&&q=x&", |s| s.filter.text = "x".into()),
        ];
        for (query, expect) in cases {
            let (s, w) = parse("/", query);
            assert!(w.is_empty(), "{query}: {w:?}");
            assert_eq!(s, state(expect), "{query}");
        }
    }

    /// Each unusable value is named in a clear warning and leaves its field at the default,
    /// while the valid keys around it still apply.
    #[test]
    fn bad_values_warn() {
        let cases: Vec<(&str, &[&str])> = vec![
            ("from=2021-13", &["from: \"2021-13\" is not a real calendar date"]),
            (
                "to=21-01",
                &["to: \"21-01\" is not a date; write YYYY, YYYY-MM or YYYY-MM-DD"],
            ),
            (
                "from=2023&to=2022-06",
                &["to: \"2022-06\" is before from \"2023\"; left out"],
            ),
            (
                "mode=maybe",
                &["mode: \"maybe\" is not a mode; use one of \"any\", \"all\""],
            ),
            (
                "win=junk",
                &["win: \"junk\" is not a window; write START~END, as 2021-01-01~2022-12-31"],
            ),
            (
                "win=2021-02-30~2022",
                &["win: in \"2021-02-30~2022\": \"2021-02-30\" is not a real calendar date"],
            ),
            (
                "win=2022~2021",
                &["win: \"2022~2021\" ends before it starts; showing the whole data"],
            ),
            (
                "src=blog,un",
                &["src: \"blog\" is not a source type; use one of \"un\", \"ngo\", \"government\", \"state_media\", \"media\", \"research\", \"other\""],
            ),
            (
                "ver=sure",
                &["ver: \"sure\" is not a verification level; use one of \"verified\", \"partial\", \"unverified\""],
            ),
            (
                "sort=random",
                &["sort: \"random\" is not a sort order; use one of \"oldest\", \"newest\""],
            ),
            (
                "lanes=x",
                &["lanes: \"x\" is not a lane kind; use one of \"category\", \"actor\""],
            ),
            (
                "order=alpha",
                &["order: \"alpha\" is not a matrix order; use one of \"activity\", \"group\""],
            ),
            (
                "bin=decade",
                &["bin: \"decade\" is not a bin; use one of \"year\", \"month\", \"week\", \"day\", \"auto\""],
            ),
            ("rollup=maybe", &["rollup: \"maybe\" is not a switch; use 1 or 0"]),
            (
                "bbox=1,2,3",
                &["bbox: \"1,2,3\" is not a box; write WEST,SOUTH,EAST,NORTH in degrees, as -12.5,10,5.25,25; left out"],
            ),
            (
                "area=10,0,0,10",
                &["area: in \"10,0,0,10\": west must be less than east; left out"],
            ),
            (
                "bbox=0,0,10,95",
                &["bbox: in \"0,0,10,95\": latitudes must be within [-90, 90]; left out"],
            ),
            (
                "pair=MLI~MLI",
                &["pair: \"MLI~MLI\" pairs an actor with itself; left out"],
            ),
            (
                "pair=MLI~RUS,FRA~MLI",
                &["pair: names more than one pair; only MLI~RUS is shown"],
            ),
            (
                "compare=MLI,MLI~MLI,A~B~C,MLI~RUS",
                &[
                    "compare: \"MLI\" is not a pair; write A~B, as MLI~RUS",
                    "compare: \"MLI~MLI\" pairs an actor with itself; left out",
                    "compare: \"A~B~C\" is not a pair; write A~B, as MLI~RUS",
                ],
            ),
            ("acter=MLI", &["acter: unknown parameter; did you mean \"actor\"?"]),
            ("Q=gold", &["Q: unknown parameter; did you mean \"q\"?"]),
            ("zzzzzz=1", &["zzzzzz: unknown parameter; ignored"]),
            (
                "q=first&q=second",
                &["q: given more than once; the earlier \"first\" is ignored"],
            ),
        ];
        for (query, warnings) in cases {
            let (s, w) = parse("/", &format!("{query}&event=kept"));
            let w: Vec<String> = w.iter().map(|w| w.to_string()).collect();
            assert_eq!(w, warnings, "{query}");
            assert_eq!(s.event.as_deref(), Some("kept"), "{query}");
        }
    }

    /// Warnings carry the key and the decoded offending value, for the app to point at.
    #[test]
    fn warning_fields() {
        let (_, w) = parse("/", "from=2021%2D13");
        assert_eq!(
            w,
            [Warning {
                key: "from".into(),
                value: "2021-13".into(),
                message: "\"2021-13\" is not a real calendar date".into(),
            }]
        );
    }

    /// Any spelling of a state is written the one canonical way: fixed key order, sorted lists,
    /// defaults omitted, `%20` for spaces.
    #[test]
    fn canonical_urls() {
        let cases = [
            ("/timeline?q=gold&actor=RUS,MLI", "/?actor=MLI,RUS&q=gold"),
            ("/?mode=any&sort=oldest&lanes=category&order=activity&rollup=0&bin=auto", "/"),
            ("/?q=gold+mine", "/?q=gold%20mine"),
            ("/?q=%7e", "/?q=%7E"),
            ("/pair/RUS/MLI?bin=year", "/pair/MLI/RUS?bin=year"),
            (
                "/relationships?compare=RUS~MLI&rollup&order=group",
                "/relationships?rollup=1&order=group&compare=MLI~RUS",
            ),
            ("/?win=2021~2021", "/?win=2021-01-01~2021-12-31"),
            (
                "/?bin=day&compare=A~B&order=group&rollup=1&lanes=actor&win=2020~2020&event=e&sort=newest&ver=partial&src=ngo&q=x&to=2021&from=2020&cat=c&mode=all&actor=A",
                "/?actor=A&mode=all&cat=c&from=2020&to=2021&q=x&src=ngo&ver=partial&sort=newest&event=e&win=2020-01-01~2020-12-31&lanes=actor&rollup=1&order=group&compare=A~B&bin=day",
            ),
        ];
        for (input, canonical) in cases {
            let (s, w) = read(input);
            assert!(w.is_empty(), "{input}: {w:?}");
            assert_eq!(render(&s), canonical, "{input}");
        }
    }

    /// Rendering normalizes first, so an untidy state built by hand still gets its one URL.
    #[test]
    fn render_normalizes() {
        let cases = [
            (
                state(|s| s.filter.actors = ids(&[" RUS", "MLI", "RUS", "", "a,b"])),
                "/?actor=MLI,RUS",
            ),
            (state(|s| s.filter.text = "  gold  ".into()), "/?q=gold"),
            (
                state(|s| {
                    s.view = View::Map;
                    s.filter.area = Some(BBox::new(-9.00004, 12.0, -7.0, 13.0).unwrap());
                    s.bbox = Some(BBox::new(-17.0, 10.12345, 16.0, 25.0).unwrap());
                    s.map_pair = Some(("RUS".into(), " MLI".into()));
                    s.event = Some("moura-2022".into());
                }),
                "/map?area=-9,12,-7,13&event=moura-2022&bbox=-17,10.1235,16,25&pair=MLI~RUS",
            ),
            (
                state(|s| s.bbox = Some(BBox::new(0.0, 0.0, 0.00001, 1.0).unwrap())),
                "/",
            ),
            (state(|s| s.event = Some("  ".into())), "/"),
            (
                state(|s| {
                    s.view = View::Pair {
                        a: "RUS".into(),
                        b: "MLI".into(),
                    }
                }),
                "/pair/MLI/RUS",
            ),
            (
                state(|s| s.view = View::pair("MLI", "MLI")),
                "/relationships",
            ),
            (
                state(|s| {
                    s.compare = vec![
                        ("RUS".into(), "MLI".into()),
                        ("MLI".into(), "RUS".into()),
                        ("X".into(), "X".into()),
                    ]
                }),
                "/?compare=MLI~RUS",
            ),
            (
                state(|s| {
                    s.filter.from = "2023".parse().ok();
                    s.filter.to = "2022".parse().ok();
                }),
                "/?from=2023",
            ),
            (
                state(|s| {
                    s.window = Some(DaySpan {
                        start: MIN_DAY - 10,
                        end: day("1000-01-05"),
                    })
                }),
                "/?win=1000-01-01~1000-01-05",
            ),
            (
                state(|s| s.window = Some(DaySpan { start: 10, end: 9 })),
                "/",
            ),
            (
                state(|s| s.filter.text = "a b/c?d#e&f".into()),
                "/?q=a%20b%2Fc%3Fd%23e%26f",
            ),
        ];
        for (s, url) in cases {
            assert_eq!(render(&s), url, "{s:?}");
            let query = url.split_once('?').map_or("", |(_, q)| q);
            assert_eq!(render_query(&s), query, "{s:?}");
        }
    }

    /// Checking against the dataset drops each unknown id with a warning, suggests near ids, and
    /// sends a pair page with an unknown actor to the relationships.
    #[test]
    fn check_against_dataset() {
        let cases: Vec<(&str, &str, &[&str])> = vec![
            ("/?actor=MLI,RUS&cat=resource_concession&event=moura-2022", "/?actor=MLI,RUS&cat=resource_concession&event=moura-2022", &[]),
            ("/?actor=MLI,RUSS", "/?actor=MLI", &["actor: unknown actor \"RUSS\"; did you mean \"RUS\"?"]),
            ("/?actor=mli", "/", &["actor: unknown actor \"mli\"; did you mean \"MLI\"?"]),
            ("/?actor=wagner", "/", &["actor: unknown actor \"wagner\"; did you mean \"wagner-group\"?"]),
            ("/?cat=resource_concesion", "/", &["cat: unknown category \"resource_concesion\"; did you mean \"resource_concession\"?"]),
            ("/?event=moura-2021", "/", &["event: unknown event \"moura-2021\"; did you mean \"moura-2022\"?"]),
            ("/?event=zzz", "/", &["event: unknown event \"zzz\""]),
            ("/relationships?compare=MLI~RUS,MLI~XXX", "/relationships?compare=MLI~RUS", &["compare: unknown actor \"XXX\"; pair left out"]),
            ("/pair/MLI/XXX?q=gold", "/relationships?q=gold", &["path: unknown actor \"XXX\"; showing all relationships"]),
            ("/pair/MLI/RUS", "/pair/MLI/RUS", &[]),
            ("/map?pair=MLI~RUS", "/map?pair=MLI~RUS", &[]),
            ("/map?pair=MLI~XXX&bbox=0,0,1,1", "/map?bbox=0,0,1,1", &["pair: unknown actor \"XXX\"; showing every event"]),
        ];
        let ds = dataset();
        for (url, checked, warnings) in cases {
            let (mut s, w) = read(url);
            assert!(w.is_empty(), "{url}: {w:?}");
            let w: Vec<String> = s.check(&ds).iter().map(|w| w.to_string()).collect();
            assert_eq!(w, warnings, "{url}");
            assert_eq!(render(&s), checked, "{url}");
        }
    }

    /// The window bounds are exactly the first and last day a URL date can name.
    #[test]
    fn day_bounds() {
        assert_eq!(MIN_DAY, PartialDate::year(MIN_YEAR).unwrap().first_day());
        assert_eq!(MAX_DAY, PartialDate::year(MAX_YEAR).unwrap().last_day());
    }

    fn arb_id() -> impl Strategy<Value = String> {
        prop_oneof![
            "[A-Za-z0-9_-]{1,8}",
            "[ a-z%+&=#?/.é]{0,6}",
            any::<String>(),
        ]
    }

    fn arb_date() -> impl Strategy<Value = PartialDate> {
        (MIN_DAY..=MAX_DAY, 0..3u8).prop_map(|(d, p)| {
            let full = PartialDate::from_day(d).unwrap();
            match p {
                0 => PartialDate::year(full.year_num()).unwrap(),
                1 => PartialDate::month(full.year_num(), full.month_num().unwrap()).unwrap(),
                _ => full,
            }
        })
    }

    fn arb_view() -> impl Strategy<Value = View> {
        prop_oneof![
            Just(View::Timeline),
            Just(View::Relationships),
            Just(View::About),
            Just(View::Map),
            (arb_id(), arb_id()).prop_map(|(a, b)| View::Pair { a, b }),
        ]
    }

    fn arb_filter() -> impl Strategy<Value = Filter> {
        (
            prop::collection::vec(arb_id(), 0..4),
            any::<bool>(),
            prop::collection::vec(arb_id(), 0..3),
            prop::option::of(arb_date()),
            prop::option::of(arb_date()),
            any::<String>(),
            prop::collection::vec(prop::sample::select(SourceType::ALL.to_vec()), 0..3),
            prop::collection::vec(prop::sample::select(Verification::ALL.to_vec()), 0..3),
            any::<bool>(),
            prop::option::of(arb_bbox()),
        )
            .prop_map(
                |(actors, all, categories, from, to, text, src, ver, predecessors, area)| Filter {
                    actors,
                    actor_mode: if all { ActorMode::All } else { ActorMode::Any },
                    categories,
                    from,
                    to,
                    text,
                    source_types: src,
                    verification: ver,
                    predecessors,
                    area,
                },
            )
    }

    /// Boxes of any size and place, some of them invalid or too small (normalizing drops them).
    fn arb_bbox() -> impl Strategy<Value = BBox> {
        (-181.0..181.0f64, -91.0..91.0f64, 0.0..60.0f64, 0.0..60.0f64).prop_map(|(w, s, dw, dh)| {
            BBox {
                west: w,
                south: s,
                east: w + dw,
                north: s + dh,
            }
        })
    }

    fn arb_state() -> impl Strategy<Value = ViewState> {
        (
            (
                prop::option::of(arb_bbox()),
                prop::option::of((arb_id(), arb_id())),
            ),
            arb_view(),
            arb_filter(),
            any::<bool>(),
            prop::option::of(arb_id()),
            prop::collection::vec((arb_id(), arb_id()), 0..3),
            prop::option::of((MIN_DAY - 400..=MAX_DAY + 400, -5..20_000i32)),
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            prop::option::of(prop::sample::select(BinChoice::ALL.to_vec())),
            prop::option::of("[a-z0-9_-]{1,8}(/[a-zA-Z0-9_.-]{1,8}){0,2}\\.json"),
        )
            .prop_map(
                |(
                    (bbox, map_pair),
                    view,
                    filter,
                    newest,
                    event,
                    compare,
                    win,
                    actor_lanes,
                    rollup,
                    group,
                    bin,
                    data,
                )| {
                    ViewState {
                        view,
                        filter,
                        sort: if newest { Sort::Newest } else { Sort::Oldest },
                        event,
                        compare,
                        window: win.map(|(start, len)| DaySpan {
                            start,
                            end: start + len,
                        }),
                        lanes: if actor_lanes {
                            Lanes::Actor
                        } else {
                            Lanes::Category
                        },
                        rollup,
                        order: if group {
                            MatrixOrder::Affiliation
                        } else {
                            MatrixOrder::Activity
                        },
                        bin,
                        data: data.filter(|d| data_ok(d)),
                        bbox,
                        map_pair,
                    }
                },
            )
    }

    /// Same-site paths and https addresses on another host are accepted (http only on a loopback
    /// host); anything else, or a path that climbs out of the site, is refused with a warning,
    /// and the rest of the URL applies.
    #[test]
    fn data_paths() {
        let cases = [
            ("data/other.json", true),
            ("data/synth-10k.json", true),
            ("sahel.json", true),
            ("https://other.example/x.json", true),
            ("https://other.example:8443/a/b.json?v=2", true),
            ("http://other.example/x.json", false),
            ("http://127.0.0.1:4162/x.json", true),
            ("http://localhost/x.json", true),
            ("https://other.example", false),
            ("https://other.example/", false),
            ("https:///x.json", false),
            ("https://a b/x.json", false),
            ("https://host/x y.json", false),
            ("https://host/x\"y.json", false),
            ("ftp://host/x.json", false),
            ("https://host:x/x.json", false),
            ("//evil.example/x.json", false),
            ("/data/x.json", true),
            ("/dyad/data/x.json", true),
            ("/", false),
            ("/../x.json", false),
            ("///x.json", false),
            ("data/../../x.json", false),
            ("data/x.txt", false),
            ("data//x.json", false),
            ("javascript:alert(1).json", false),
        ];
        for (path, ok) in cases {
            assert_eq!(data_ok(path), ok, "{path}");
            let (s, w) = parse("/", &format!("data={}&q=gold", encode(path)));
            assert_eq!(s.data.is_some(), ok, "{path}");
            assert_eq!(w.len(), usize::from(!ok), "{path}: {w:?}");
            assert_eq!(s.filter.text, "gold");
        }
    }

    /// Query-shaped noise: real and near-miss keys with values full of separators and escapes.
    fn arb_query() -> impl Strategy<Value = String> {
        let key = prop_oneof![
            prop::sample::select(Key::ALL.map(|k| k.name()).to_vec()).prop_map(String::from),
            "[a-z%+=]{0,5}",
        ];
        let value = prop_oneof![
            "[0-9~,-]{0,12}",
            "[a-zA-Z0-9%+~, &=?#/.-]{0,12}",
            "%[0-9A-Fa-f]{0,2}[%0-9A-Fa-f]{0,4}",
            any::<String>(),
        ];
        prop::collection::vec((key, prop::option::of(value)), 0..8).prop_map(|parts| {
            let parts: Vec<String> = parts
                .into_iter()
                .map(|(k, v)| match v {
                    Some(v) => format!("{k}={v}"),
                    None => k,
                })
                .collect();
            parts.join("&")
        })
    }

    fn arb_path() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("/".to_string()),
            "/(pair|relationships|about|timeline|map)(/[A-Za-z%0-9 ~,+.]{0,5}){0,3}/?",
            any::<String>(),
        ]
    }

    /// Splits a rendered URL back into path and query.
    fn split(url: &str) -> (&str, &str) {
        url.split_once('?').unwrap_or((url, ""))
    }

    proptest! {
        /// A normalized state survives the round trip through its URL, without warnings, and
        /// normalizing is idempotent.
        #[test]
        fn render_then_parse_is_identity(s in arb_state()) {
            let mut s = s;
            s.normalize();
            let mut again = s.clone();
            again.normalize();
            prop_assert_eq!(&again, &s);
            let url = render(&s);
            let (path, query) = split(&url);
            let (back, warnings) = parse(path, query);
            prop_assert_eq!(warnings, vec![]);
            prop_assert_eq!(back, s);
        }

        /// Arbitrary input never panics, and its canonical URL is a fixed point that reads
        /// without warnings.
        #[test]
        fn parse_then_render_is_a_fixed_point(
            path in arb_path(),
            query in prop_oneof![arb_query(), any::<String>()],
        ) {
            let (s, _) = parse(&path, &query);
            let url = render(&s);
            let (p, q) = split(&url);
            let (again, warnings) = parse(p, q);
            prop_assert_eq!(warnings, vec![]);
            prop_assert_eq!(&again, &s);
            prop_assert_eq!(render(&again), url);
        }

        /// Checking against a dataset never panics and leaves a state that checks clean.
        #[test]
        fn check_is_idempotent(path in arb_path(), query in arb_query()) {
            let ds = dataset();
            let (mut s, _) = parse(&path, &query);
            s.check(&ds);
            let before = s.clone();
            prop_assert_eq!(s.check(&ds), vec![]);
            prop_assert_eq!(s, before);
        }
    }
}
