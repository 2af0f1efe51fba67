//! One pair's ledger (`/pair/A/B`): the way back to the matrix, the pair's name and "Add to
//! comparison"; the bin, roll-up and "Include predecessors" controls; summary figures and the
//! recent trend; the chart of events per period by category with net tone per period
//! ([`super::ledger_chart`]), its key, a note on what tone measures and a table of the same
//! figures; and the pair's events, each opening its detail beside the list.

use std::sync::Arc;

use dyad_core::aggregate::{
    auto_bin, events_span, pair_events, pair_merge, pair_series, pair_table, trend, Bin, Merge,
    PairKey, PairSeries, PairStats, Trend, TREND_MONTHS,
};
use dyad_core::query::View;
use dyad_core::text::visible;
use dyad_core::{Dataset, Day, DaySpan, PartialDate};
use leptos::prelude::*;

use super::chart::series_window;
use super::ledger_chart::LedgerChart;
use super::{
    chosen_bin, events_word, fmt_signed, fmt_tone, link_base, pair_name, shown_name,
    succession_example, BinSelect, Column, DataTable, EmptyState, FigureRow, FigureRows,
    FiguresTable, PairLink, PredecessorsToggle, RollupToggle,
};
use crate::detail::EventDetail;
use crate::events::DateLabel;
use crate::share::CopyLink;
use crate::state::{use_app, History};

/// Most bars an automatic bin choice gives.
const MAX_BARS: usize = 80;
/// Events listed at most; more ask the user to narrow the filters.
const LIST_MAX: usize = 500;

/// What tone does and does not measure.
const TONE_NOTE: &str = "Net tone adds up the tone of the pair's events: positive when \
    cooperation dominates, negative when conflict does. Tone follows the event type (its \
    category's tone, or a per-event override), not its intensity: it is not a measure of \
    casualties or importance.";

/// Everything the page shows about the pair, computed once per filter result and choice.
#[derive(Debug, PartialEq)]
pub(super) struct Ledger {
    /// The pair.
    pub key: PairKey,
    /// Whether affiliates count as their parent here (asked, and both actors are parents).
    pub rollup: bool,
    /// Whether predecessor states count as their successor here (asked, and neither actor is
    /// succeeded by another): Mali–Russia then reads from the Soviet era.
    pub predecessors: bool,
    /// The pair's events under the filters, in date order.
    pub events: Vec<usize>,
    /// The pair's events in the whole dataset, counted only when none match the filters.
    pub in_data: usize,
    /// Totals over `events`.
    pub stats: Option<PairStats>,
    /// Events per bin by category, net tone per bin.
    pub series: PairSeries,
    /// The chart's time axis: the bins fitted with a margin, at least half a year
    /// (`dyad_core::timeline::fit_bins`); `None` without events.
    pub window: Option<DaySpan>,
    /// Net tone of the recent months against the months before.
    pub trend: Option<Trend>,
    /// The milestones among `events`: their first day and "title (date)".
    pub milestones: Vec<(Day, String)>,
}

impl Ledger {
    /// The ledger of `key` among the filter's `matches`, with affiliates and predecessors merged
    /// as `asked` (where [`pair_merge`] allows), in bins of `bin` (automatic if `None`), with
    /// the recent trend ending at `reference`.
    pub fn build(
        ds: &Dataset,
        matches: &[usize],
        key: PairKey,
        asked: Merge,
        bin: Option<Bin>,
        reference: Option<Day>,
    ) -> Self {
        let merge = pair_merge(ds, key, asked);
        let events = pair_events(ds, matches, key, merge);
        let in_data = if events.is_empty() {
            let all: Vec<usize> = (0..ds.events.len()).collect();
            pair_events(ds, &all, key, merge).len()
        } else {
            events.len()
        };
        let stats = pair_table(ds, &events, merge)
            .into_iter()
            .find(|p| p.key == key);
        let span = events_span(ds, &events);
        let bin = bin.unwrap_or_else(|| span.map_or(Bin::Year, |s| auto_bin(s, MAX_BARS)));
        let series = pair_series(ds, &events, key, merge, bin, None);
        let window = series_window(&series, ds.span());
        let trend = reference.and_then(|r| trend(ds, &events, r, TREND_MONTHS));
        let milestones = events
            .iter()
            .filter_map(|&i| ds.events.get(i))
            .filter(|e| e.milestone)
            .map(|e| {
                let title = visible(&e.title);
                (e.span.start, format!("{title} ({})", e.date.display()))
            })
            .collect();
        Ledger {
            key,
            rollup: merge.affiliates,
            predecessors: merge.predecessors,
            events,
            in_data,
            stats,
            series,
            window,
            trend,
            milestones,
        }
    }

    /// The categories with events in the series, in the dataset's order.
    pub fn categories(&self, ds: &Dataset) -> Vec<usize> {
        (0..ds.categories.len())
            .filter(|&c| {
                self.series
                    .counts
                    .iter()
                    .any(|row| row.get(c).is_some_and(|&n| n > 0))
            })
            .collect()
    }
}

/// The day the recent trend ends: the last day of the data, or of the filter's `to` if earlier.
fn trend_reference(ds: &Dataset, to: Option<PartialDate>) -> Option<Day> {
    let end = ds.span()?.end;
    Some(to.map_or(end, |t| t.last_day().min(end)))
}

/// "Dec 2023 – Nov 2025".
fn months(span: DaySpan) -> String {
    let m = |d: Day| {
        PartialDate::from_day(d)
            .and_then(|p| PartialDate::month(p.year_num(), p.month_num().unwrap_or(1)).ok())
    };
    match (m(span.start), m(span.end)) {
        (Some(a), b) => dyad_core::timeline::date_span(&a, b.as_ref(), false),
        (None, _) => String::new(),
    }
}

/// Which way net tone moved, in words that keep its sign: from −43 to −10 is "less
/// conflictual than before", not "warming" as if it had turned friendly. A change within 5% of
/// the larger of the two is "about the same".
fn trend_words(recent: f32, previous: f32) -> &'static str {
    let scale = recent.abs().max(previous.abs()).max(1.0);
    if (recent - previous).abs() <= 0.05 * scale {
        "about the same as before"
    } else if recent > previous {
        if recent <= 0.0 {
            "less conflictual than before"
        } else if previous >= 0.0 {
            "more cooperative than before"
        } else {
            "turned cooperative"
        }
    } else if recent < previous {
        if recent >= 0.0 {
            "less cooperative than before"
        } else if previous <= 0.0 {
            "more conflictual than before"
        } else {
            "turned conflictual"
        }
    } else {
        "about the same as before"
    }
}

/// The recent trend in a sentence.
fn trend_sentence(t: &Trend) -> String {
    if t.recent_count == 0 && t.previous_count == 0 {
        return format!(
            "No events in the last {} months of the data ({}).",
            2 * TREND_MONTHS,
            months(DaySpan {
                start: t.previous_span.start,
                end: t.recent_span.end
            })
        );
    }
    let word = trend_words(t.recent, t.previous);
    format!(
        "Net tone over the last {TREND_MONTHS} months ({}): {} from {} (previous {TREND_MONTHS} months: {} from {}): {word}.",
        months(t.recent_span),
        fmt_tone(t.recent),
        events_word(t.recent_count as usize),
        fmt_tone(t.previous),
        events_word(t.previous_count as usize),
    )
}

/// One pair's ledger.
#[component]
pub fn PairPage(
    /// First actor id (the one that sorts first).
    a: String,
    /// Second actor id.
    b: String,
) -> impl IntoView {
    let app = use_app();
    let (ka, kb) = (a.clone(), b.clone());
    let ledger = Memo::new(move |_| {
        let ds = app.dataset.get()?;
        let result = app.result.get()?;
        let key = PairKey::new(ds.actor_by_id(&ka)?, ds.actor_by_id(&kb)?)?;
        let (asked, bin, to) = app.view.with(|v| {
            let asked = Merge {
                affiliates: v.rollup,
                predecessors: v.filter.predecessors,
            };
            (asked, v.bin, v.filter.to)
        });
        let reference = trend_reference(&ds, to);
        Some(Arc::new(Ledger::build(
            &ds,
            &result.matches,
            key,
            asked,
            chosen_bin(bin),
            reference,
        )))
    });
    let known = move || ledger.with(Option::is_some);
    let empty = move || ledger.with(|l| l.as_ref().is_some_and(|l| l.events.is_empty()));
    let has_events = move || ledger.with(|l| l.as_ref().is_some_and(|l| !l.events.is_empty()));
    let (ea, eb) = (a.clone(), b.clone());
    view! {
        <div class="page pair-page">
            <div class="page-head">
                <div class="pair-title">
                    <LedgerHead a=a b=b />
                </div>
                <CopyLink />
            </div>
            <Show when=known>
                <LedgerControls ledger=ledger />
                <RollupNote ledger=ledger />
            </Show>
            <Show when=empty>
                <LedgerEmpty ledger=ledger a=ea.clone() b=eb.clone() />
            </Show>
            <Show when=has_events>
                <Summary ledger=ledger />
                <figure class="pair-figure">
                    <LedgerChart ledger=ledger />
                    <figcaption>
                        <ChartKey ledger=ledger />
                        <p class="tone-note">{TONE_NOTE}</p>
                    </figcaption>
                </figure>
                <FiguresTable>
                    <LedgerTable ledger=ledger />
                </FiguresTable>
                <div class="list-and-detail">
                    <PairEvents ledger=ledger />
                    <EventDetail />
                </div>
            </Show>
        </div>
    }
}

/// The way back to the matrix, the pair's name, and "Add to comparison" (a toggle).
#[component]
fn LedgerHead(
    /// First actor id.
    a: String,
    /// Second actor id.
    b: String,
) -> impl IntoView {
    let app = use_app();
    let back = move || app.href(&link_base(app).with_view(View::Relationships));
    let pair = (a.clone(), b.clone());
    let compared = Memo::new(move |_| app.view.with(|v| v.compare.contains(&pair)));
    let (ta, tb) = (a.clone(), b.clone());
    let title = move || {
        app.dataset
            .with(|ds| ds.as_ref().map(|ds| pair_name(ds, &ta, &tb)))
    };
    let pair = (a.clone(), b.clone());
    let toggle = move |_| {
        let pair = pair.clone();
        app.update(History::Push, move |s| {
            if s.compare.contains(&pair) {
                s.compare.retain(|p| *p != pair);
            } else {
                s.compare.push(pair);
            }
        });
    };
    // The map's pair mode: where this pair's events happened (same filters and roll-up).
    let (ma, mb) = (a.clone(), b.clone());
    let on_map = move || {
        let mut next = link_base(app).with_view(View::Map);
        next.map_pair = Some((ma.clone(), mb.clone()));
        app.href(&next)
    };
    view! {
        <p class="breadcrumb">
            <a href=back>"← All relationships"</a>
            " · "
            <a href=on_map data-testid="pair-on-map">"Where (map)"</a>
        </p>
        <div class="pair-title-row">
            <h2>{title}</h2>
            <button
                type="button"
                id="pair-compare"
                aria-pressed=move || compared.get().to_string()
                on:click=toggle
            >
                {move || if compared.get() { "In comparison (remove)" } else { "Add to comparison" }}
            </button>
        </div>
    }
}

/// The Bin select, the roll-up box when one of the two actors has affiliates or is one, and
/// "Include predecessors" when one of them succeeds a state.
#[component]
fn LedgerControls(
    /// The ledger.
    ledger: Memo<Option<Arc<Ledger>>>,
) -> impl IntoView {
    let app = use_app();
    let family = Memo::new(move |_| {
        let Some(ds) = app.dataset.get() else {
            return false;
        };
        ledger.with(|l| {
            l.as_ref().is_some_and(|l| {
                [l.key.a, l.key.b].into_iter().any(|x| {
                    ds.root_of(x) != x
                        || (0..ds.actors.len() as u32).any(|y| y != x && ds.root_of(y) == x)
                })
            })
        })
    });
    let succession = Memo::new(move |_| {
        let ds = app.dataset.get()?;
        let key = ledger.with(|l| l.as_ref().map(|l| l.key))?;
        succession_example(&ds, Some(&[key.a, key.b]))
    });
    view! {
        <div class="rel-controls">
            <BinSelect id="pair-bin" />
            <Show when=move || family.get()>
                <RollupToggle id="pair-rollup" />
            </Show>
            {move || {
                succession
                    .get()
                    .map(|example| view! { <PredecessorsToggle id="pair-pred" example=example /> })
            }}
        </div>
    }
}

/// When roll-up is asked but one of the two is an affiliate, the page shows the pair's own
/// events: a note says so and links to the parents' pair.
#[component]
fn RollupNote(
    /// The ledger.
    ledger: Memo<Option<Arc<Ledger>>>,
) -> impl IntoView {
    let app = use_app();
    let note = move || {
        let ds = app.dataset.get()?;
        let asked = app.view.with(|v| v.rollup);
        ledger.with(|l| {
            let l = l.as_ref()?;
            if !asked || l.rollup {
                return None;
            }
            let key = l.key;
            let affiliates: Vec<String> = [key.a, key.b]
                .into_iter()
                .filter(|&x| ds.root_of(x) != x)
                .filter_map(|x| {
                    let parent = visible(&ds.actor(ds.root_of(x))?.name);
                    let name = visible(&ds.actor(x)?.name);
                    Some(format!("{name} is an affiliate of {parent}"))
                })
                .collect();
            let text = format!(
                "Roll-up is on, but {}, so this page shows its own events. ",
                affiliates.join(" and ")
            );
            let (ra, rb) = (ds.root_of(key.a), ds.root_of(key.b));
            let id = |x| ds.actor(x).map(|a| a.id.clone()).unwrap_or_default();
            let parents = (ra != rb).then(|| {
                let (ia, ib) = (id(ra), id(rb));
                let label = format!("Open {}", pair_name(&ds, &ia, &ib));
                (ia, ib, label)
            });
            Some((text, parents))
        })
    };
    move || {
        note().map(|(text, parents)| {
            view! {
                <p class="note" role="note">
                    <span>{text}</span>
                    {parents.map(|(a, b, label)| view! { <PairLink a=a b=b text=label /> })}
                </p>
            }
        })
    }
}

/// Why the pair has no events here: none under these filters (with Reset filters), or none at
/// all.
#[component]
fn LedgerEmpty(
    /// The ledger.
    ledger: Memo<Option<Arc<Ledger>>>,
    /// First actor id.
    a: String,
    /// Second actor id.
    b: String,
) -> impl IntoView {
    let app = use_app();
    move || {
        let ds = app.dataset.get()?;
        let in_data = ledger.with(|l| l.as_ref().map(|l| l.in_data))?;
        let (na, nb) = (shown_name(&ds, &a), shown_name(&ds, &b));
        let lines = if in_data > 0 {
            vec![
                format!("No events between {na} and {nb} match these filters."),
                format!("Without filters they share {}.", events_word(in_data)),
            ]
        } else {
            vec![format!("{na} and {nb} share no events in this dataset.")]
        };
        Some(view! { <EmptyState lines=lines reset={in_data > 0} /> })
    }
}

/// The number of events of one category, for the summary and the chart's key.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct CategoryCount {
    /// The category's label.
    label: String,
    /// Its colour, `#rrggbb`.
    color: String,
    /// Its events.
    count: u32,
}

/// The summary's figures, as shown.
#[derive(Debug, Clone, PartialEq, Default)]
struct Facts {
    /// Events.
    count: String,
    /// The first event's date.
    first: String,
    /// The last event's date.
    last: String,
    /// Net and mean tone.
    tone: String,
    /// The recent trend in a sentence.
    trend: String,
    /// Events by category, in the dataset's order.
    categories: Vec<CategoryCount>,
}

/// Summary figures: events, first and last, net tone, recent trend, events by category.
#[component]
fn Summary(
    /// The ledger.
    ledger: Memo<Option<Arc<Ledger>>>,
) -> impl IntoView {
    let app = use_app();
    let facts = Memo::new(move |_| {
        let ds = app.dataset.get()?;
        ledger.with(|l| {
            let l = l.as_ref()?;
            let st = l.stats.as_ref()?;
            let categories = st
                .by_category
                .iter()
                .enumerate()
                .filter(|&(_, &n)| n > 0)
                .filter_map(|(c, &count)| {
                    let cat = ds.categories.get(c)?;
                    Some(CategoryCount {
                        label: cat.label.clone(),
                        color: cat.color.clone(),
                        count,
                    })
                })
                .collect();
            Some(Facts {
                count: st.count.to_string(),
                first: st.first.display(),
                last: st.last.display(),
                tone: format!(
                    "{} (mean {} per event)",
                    fmt_tone(st.net_tone),
                    fmt_signed(f64::from(st.mean_tone), 1)
                ),
                trend: l.trend.as_ref().map(trend_sentence).unwrap_or_default(),
                categories,
            })
        })
    });
    let fact = move |f: fn(&Facts) -> String| {
        move || facts.with(|x| x.as_ref().map(f).unwrap_or_default())
    };
    let categories =
        move || facts.with(|f| f.as_ref().map(|f| f.categories.clone()).unwrap_or_default());
    view! {
        <section class="pair-summary" aria-label="Summary">
            <dl class="facts pair-facts">
                <dt>"Events"</dt>
                <dd>{fact(|f| f.count.clone())}</dd>
                <dt>"First event"</dt>
                <dd>{fact(|f| f.first.clone())}</dd>
                <dt>"Last event"</dt>
                <dd>{fact(|f| f.last.clone())}</dd>
                <dt>"Net tone"</dt>
                <dd>{fact(|f| f.tone.clone())}</dd>
                <dt>"Recent trend"</dt>
                <dd>{fact(|f| f.trend.clone())}</dd>
                <dt>"By category"</dt>
                <dd>
                    <ul class="cat-counts">
                        <For each=categories key=|c| c.clone() let:c>
                            <li>
                                <Swatch color=c.color.clone() />
                                <span>{format!("{} {}", c.label, c.count)}</span>
                            </li>
                        </For>
                    </ul>
                </dd>
            </dl>
        </section>
    }
}

/// A category's colour swatch.
#[component]
fn Swatch(
    /// The colour, `#rrggbb`.
    color: String,
) -> impl IntoView {
    view! { <span class="swatch" style:background=color aria-hidden="true"></span> }
}

/// The chart's key: the categories present, the tone line, milestones if any.
#[component]
fn ChartKey(
    /// The ledger.
    ledger: Memo<Option<Arc<Ledger>>>,
) -> impl IntoView {
    let app = use_app();
    let present = move || {
        let Some(ds) = app.dataset.get() else {
            return Vec::new();
        };
        ledger.with(|l| {
            let Some(l) = l else { return Vec::new() };
            l.categories(&ds)
                .into_iter()
                .filter_map(|c| ds.categories.get(c))
                .map(|cat| (cat.label.clone(), cat.color.clone()))
                .collect()
        })
    };
    let per = move || {
        ledger.with(|l| {
            l.as_ref()
                .map(|l| l.series.bin.label().to_ascii_lowercase())
                .unwrap_or_default()
        })
    };
    let milestones = move || ledger.with(|l| l.as_ref().is_some_and(|l| !l.milestones.is_empty()));
    view! {
        <ul class="chart-key">
            <For each=present key=|c| c.clone() let:cat>
                <li>
                    <Swatch color=cat.1 />
                    <span>{cat.0}</span>
                </li>
            </For>
            <li>
                <span class="key-line" aria-hidden="true"></span>
                <span>{move || format!("Net tone per {} (right axis)", per())}</span>
            </li>
            <Show when=milestones>
                <li>
                    <span class="key-milestone" aria-hidden="true">
                        "◆"
                    </span>
                    <span>"Milestone"</span>
                </li>
            </Show>
        </ul>
    }
}

/// The chart's figures per period with events.
#[component]
fn LedgerTable(
    /// The ledger.
    ledger: Memo<Option<Arc<Ledger>>>,
) -> impl IntoView {
    let app = use_app();
    let columns = move || {
        let Some(ds) = app.dataset.get() else {
            return Vec::new();
        };
        ledger.with(|l| {
            let Some(l) = l else { return Vec::new() };
            let mut cols = vec![Column::text("Period"), Column::number("Events")];
            cols.extend(
                l.categories(&ds)
                    .into_iter()
                    .filter_map(|c| ds.categories.get(c))
                    .map(|c| Column::number(c.label.clone())),
            );
            cols.push(Column::number("Net tone"));
            cols.push(Column::number("Cumulative net tone"));
            cols
        })
    };
    let rows = move || {
        let Some(ds) = app.dataset.get() else {
            return Vec::new();
        };
        ledger.with(|l| l.as_ref().map(|l| figure_rows(&ds, l)).unwrap_or_default())
    };
    view! {
        <DataTable
            caption="Events by category and net tone, per period with events".to_string()
            columns=Signal::derive(columns)
        >
            <FigureRows rows=Signal::derive(rows) />
        </DataTable>
    }
}

/// The table's rows: each period with events, its events in all and by category present, its
/// net tone and the cumulative net tone.
fn figure_rows(ds: &Dataset, l: &Ledger) -> Vec<Arc<FigureRow>> {
    let s = &l.series;
    let cats = l.categories(ds);
    s.starts
        .iter()
        .zip(&s.counts)
        .enumerate()
        .filter(|(_, (_, row))| row.iter().any(|&n| n > 0))
        .map(|(i, (&b0, row))| {
            let mut cells = vec![row.iter().sum::<u32>().to_string()];
            cells.extend(
                cats.iter()
                    .map(|&c| row.get(c).copied().unwrap_or(0).to_string()),
            );
            cells.push(fmt_tone(s.net_tone.get(i).copied().unwrap_or(0.0)));
            cells.push(fmt_tone(s.cumulative_tone.get(i).copied().unwrap_or(0.0)));
            Arc::new(FigureRow {
                head: s.bin.period_label(b0),
                cells,
            })
        })
        .collect()
}

/// An event of the pair's list, as shown.
#[derive(Debug, PartialEq)]
struct Item {
    /// The event's id.
    id: String,
    /// Its title.
    title: String,
    /// Its date.
    date: PartialDate,
    /// When it ended, if it lasted.
    end: Option<PartialDate>,
    /// Whether it is a milestone.
    milestone: bool,
    /// Its category's label.
    category: String,
    /// Its category's colour.
    color: String,
}

/// The pair's events, oldest first (keyed by event id); each title opens its detail beside the
/// list.
#[component]
fn PairEvents(
    /// The ledger.
    ledger: Memo<Option<Arc<Ledger>>>,
) -> impl IntoView {
    let app = use_app();
    let total = move || ledger.with(|l| l.as_ref().map_or(0, |l| l.events.len()));
    let items = move || {
        let Some(ds) = app.dataset.get() else {
            return Vec::new();
        };
        ledger.with(|l| {
            let Some(l) = l else { return Vec::new() };
            l.events
                .iter()
                .take(LIST_MAX)
                .filter_map(|&i| ds.events.get(i))
                .map(|e| {
                    let cat = ds.category(e.category);
                    Arc::new(Item {
                        id: e.id.clone(),
                        title: visible(&e.title).into_owned(),
                        date: e.date,
                        end: e.end,
                        milestone: e.milestone,
                        category: cat.map(|c| c.label.clone()).unwrap_or_default(),
                        color: cat.map(|c| c.color.clone()).unwrap_or_default(),
                    })
                })
                .collect::<Vec<_>>()
        })
    };
    let more = move || {
        let n = total();
        (n > LIST_MAX).then(|| {
            view! {
                <p class="hint">
                    {format!(
                        "Showing the first {LIST_MAX} of {n} events; narrow the filters to see the rest.",
                    )}
                </p>
            }
        })
    };
    view! {
        <section class="pair-events" aria-labelledby="pair-events-heading">
            <h3 id="pair-events-heading">{move || format!("Events ({})", total())}</h3>
            <ol>
                <For each=items key=|e| e.id.clone() let:item>
                    <PairEvent item=item />
                </For>
            </ol>
            {more}
        </section>
    }
}

/// One event of the pair's list: its date, its title (a link that selects it), its category.
#[component]
fn PairEvent(
    /// The event.
    item: Arc<Item>,
) -> impl IntoView {
    let app = use_app();
    let id = item.id.clone();
    let selected = Memo::new(move |_| app.view.with(|v| v.event.as_deref() == Some(id.as_str())));
    let id = item.id.clone();
    let href = move || {
        let mut s = app.view.get();
        s.event = Some(id.clone());
        app.href(&s)
    };
    let id = item.id.clone();
    // Selecting an event keeps the page where it is: the detail opens beside the list.
    let open = move |ev: leptos::ev::MouseEvent| {
        if !crate::links::plain_click(&ev) {
            return;
        }
        ev.prevent_default();
        let id = id.clone();
        app.update(History::Push, move |s| s.event = Some(id));
    };
    view! {
        <li
            class:milestone=item.milestone
            class:selected=move || selected.get()
            style=("--cat", item.color.clone())
        >
            <DateLabel date=item.date end=item.end />
            " "
            <a href=href on:click=open aria-current=move || selected.get().then_some("true")>
                {item.title.clone()}
            </a>
            <span class="cat">{item.category.clone()}</span>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::trend_words;

    /// The words keep the sign of net tone: a conflict that eases is not called friendly.
    #[test]
    fn trend_wording() {
        let cases = [
            (-10.0, -43.0, "less conflictual than before"),
            (49.0, 29.0, "more cooperative than before"),
            (5.0, -3.0, "turned cooperative"),
            (3.0, 20.0, "less cooperative than before"),
            (-8.0, 0.0, "more conflictual than before"),
            (-2.0, 4.0, "turned conflictual"),
            (0.0, 0.0, "about the same as before"),
            (-4264.5, -4264.0, "about the same as before"),
            (-12.0, -13.0, "less conflictual than before"),
        ];
        for (recent, previous, want) in cases {
            assert_eq!(
                trend_words(recent, previous),
                want,
                "{recent} vs {previous}"
            );
        }
    }
}
