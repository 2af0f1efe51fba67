//! One pair's ledger (`/pair/A/B`): summary figures and the recent trend, stacked bars of
//! events per period by category with net tone per period on a second axis and milestone
//! markers, a note on what tone measures, a table of the same figures, and the pair's events,
//! each opening its detail beside the list.

use std::sync::Arc;

use dyad_core::aggregate::{
    auto_bin, events_span, pair_events, pair_rollup, pair_series, pair_table, trend, PairKey,
    PairSeries, PairStats, Trend, TREND_MONTHS,
};
use dyad_core::query::{View, ViewState};
use dyad_core::{Dataset, Day, DaySpan, PartialDate};
use leptos::html;
use leptos::prelude::*;

use super::chart::{
    axis_title, hline, nice_ticks, push_xy, svg, time_axis, use_width, value_axis, Frame,
};
use super::dom::{el, El, Host};
use super::{
    bin_select, chosen_bin, data_table, empty_state, events_word, fmt_signed, fmt_tone, link_base,
    num_cell, pair_link, pair_name, plain_click, rollup_toggle, row_head_text, FiguresTable, Page,
};
use crate::detail::EventDetail;
use crate::events::DateLabel;
use crate::filters::actor_name;
use crate::share::CopyLink;
use crate::state::{use_app, AppState, History};

/// Most bars an automatic bin choice gives.
const MAX_BARS: usize = 80;
/// Events listed at most; more ask the user to narrow the filters.
const LIST_MAX: usize = 500;

/// Everything the page shows about the pair, computed once per filter result and choice.
#[derive(Debug, PartialEq)]
struct Ledger {
    /// The pair.
    key: PairKey,
    /// Whether affiliates count as their parent here (asked, and both actors are parents).
    rollup: bool,
    /// The pair's events under the filters, in date order.
    events: Vec<usize>,
    /// The pair's events in the whole dataset, counted only when none match the filters.
    in_data: usize,
    /// Totals over `events`.
    stats: Option<PairStats>,
    /// Events per bin by category, net tone per bin.
    series: PairSeries,
    /// Net tone of the recent months against the months before.
    trend: Option<Trend>,
}

impl Ledger {
    /// The ledger of `key` among the filter's `matches`, in bins of `bin` (automatic if
    /// `None`), with the recent trend ending at `reference`.
    fn build(
        ds: &Dataset,
        matches: &[usize],
        key: PairKey,
        rollup_asked: bool,
        bin: Option<dyad_core::aggregate::Bin>,
        reference: Option<Day>,
    ) -> Self {
        let rollup = pair_rollup(ds, key, rollup_asked);
        let events = pair_events(ds, matches, key, rollup);
        let in_data = if events.is_empty() {
            let all: Vec<usize> = (0..ds.events.len()).collect();
            pair_events(ds, &all, key, rollup).len()
        } else {
            events.len()
        };
        let stats = pair_table(ds, &events, rollup)
            .into_iter()
            .find(|p| p.key == key);
        let span = events_span(ds, &events);
        let bin = bin.unwrap_or_else(|| {
            span.map_or(dyad_core::aggregate::Bin::Year, |s| auto_bin(s, MAX_BARS))
        });
        let series = pair_series(ds, &events, key, rollup, bin, None);
        let trend = reference.and_then(|r| trend(ds, &events, r, TREND_MONTHS));
        Ledger {
            key,
            rollup,
            events,
            in_data,
            stats,
            series,
            trend,
        }
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
    let page = Page::new(app);
    let (ka, kb) = (a.clone(), b.clone());
    let ledger = Memo::new(move |_| {
        let ds = app.dataset.get()?;
        let result = app.result.get()?;
        let key = PairKey::new(ds.actor_by_id(&ka)?, ds.actor_by_id(&kb)?)?;
        let (rollup, bin, to) = app.view.with(|v| (v.rollup, v.bin, v.filter.to));
        let reference = trend_reference(&ds, to);
        Some(Arc::new(Ledger::build(
            &ds,
            &result.matches,
            key,
            rollup,
            chosen_bin(bin),
            reference,
        )))
    });
    let node: NodeRef<html::Div> = NodeRef::new();
    let width = use_width(node);
    let (ha, hb) = (a.clone(), b.clone());
    let head = move || {
        let ds = app.dataset.get()?;
        Some(ledger_head(app, &ds, (&ha, &hb)))
    };
    let top = move || {
        let ds = app.dataset.get()?;
        let l = ledger.get()?;
        Some(ledger_top(app, &ds, &l, (&a, &b), width.get()))
    };
    // The table and the list, once there are events.
    let rest = move || {
        let ds = app.dataset.get()?;
        let l = ledger.get()?;
        if l.events.is_empty() {
            return None;
        }
        let figures = {
            let (ds, l) = (ds.clone(), l.clone());
            move || Some(table(&ds, &l))
        };
        Some(view! {
            <FiguresTable render=Box::new(figures) />
            <div class="list-and-detail">
                <PairEvents ds=ds ledger=l />
                <EventDetail />
            </div>
        })
    };

    view! {
        <div
            class="page pair-page"
            on:click=move |ev| page.click(ev)
            on:change=move |ev| page.change(&ev)
        >
            <div class="page-head">
                <Host class="pair-title" render=Box::new(head) />
                <CopyLink />
            </div>
            <div node_ref=node>
                <Host render=Box::new(top) />
            </div>
            {rest}
        </div>
    }
}

/// The way back to the matrix, the pair's name, and "Add to comparison".
fn ledger_head(app: AppState, ds: &Dataset, (a, b): (&str, &str)) -> El {
    let back = link_base(app).with_view(View::Relationships);
    let pair = (a.to_string(), b.to_string());
    let compared = app.view.with(|v| v.compare.contains(&pair));
    el("div")
        .child(
            el("p").class("breadcrumb").child(
                el("a")
                    .attr("href", app.href(&back))
                    .attr("data-view", "relationships")
                    .text("← All relationships"),
            ),
        )
        .child(
            el("div")
                .class("pair-title-row")
                .child(el("h2").text(pair_name(ds, a, b)))
                .child(
                    el("button")
                        .attr("type", "button")
                        .attr("id", "pair-compare")
                        .attr("data-compare", format!("{a}~{b}"))
                        .attr("aria-pressed", compared.to_string())
                        .text(if compared {
                            "In comparison (remove)"
                        } else {
                            "Add to comparison"
                        }),
                ),
        )
}

/// The page below its toolbar: the roll-up note if any, then an explained empty state, or the
/// summary and the chart; below them (views, not built here), the table and the events.
fn ledger_top(
    app: AppState,
    ds: &Dataset,
    ledger: &Ledger,
    (a, b): (&str, &str),
    width: f64,
) -> El {
    let asked = app.view.with(|v| v.rollup);
    // The roll-up box matters only when one of the two has affiliates or is one.
    let family = [ledger.key.a, ledger.key.b].into_iter().any(|x| {
        ds.root_of(x) != x || (0..ds.actors.len() as u32).any(|y| y != x && ds.root_of(y) == x)
    });
    let mut controls = el("div")
        .class("rel-controls")
        .child(bin_select(app, "pair-bin"));
    if family {
        controls = controls.child(rollup_toggle(app, "pair-rollup"));
    }
    let mut top = el("div").child(controls);
    if asked && !ledger.rollup {
        let key = ledger.key;
        let (ra, rb) = (ds.root_of(key.a), ds.root_of(key.b));
        let id = |x| ds.actor(x).map(|a| a.id.clone()).unwrap_or_default();
        let affiliates: Vec<String> = [key.a, key.b]
            .into_iter()
            .filter(|&x| ds.root_of(x) != x)
            .filter_map(|x| {
                let parent = ds.actor(ds.root_of(x))?.name.clone();
                Some(format!("{} is an affiliate of {parent}", ds.actor(x)?.name))
            })
            .collect();
        let mut note = el("p")
            .class("note")
            .attr("role", "note")
            .child(el("span").text(format!(
                "Roll-up is on, but {}, so this page shows its own events. ",
                affiliates.join(" and "),
            )));
        if ra != rb {
            let (ia, ib) = (id(ra), id(rb));
            let label = format!("Open {}", pair_name(ds, &ia, &ib));
            note = note.child(pair_link(app, &link_base(app), &ia, &ib, label));
        }
        top = top.child(note);
    }

    let name = |id: &str| actor_name(ds, id);
    if ledger.events.is_empty() {
        let why = if ledger.in_data > 0 {
            vec![
                format!(
                    "No events between {} and {} match these filters.",
                    name(a),
                    name(b)
                ),
                format!(
                    "Without filters they share {}.",
                    events_word(ledger.in_data)
                ),
            ]
        } else {
            vec![format!(
                "{} and {} share no events in this dataset.",
                name(a),
                name(b)
            )]
        };
        return top.child(empty_state(&why, ledger.in_data > 0));
    }

    if let Some(st) = &ledger.stats {
        // In the dataset's category order, as in the chart's key.
        let cats = st
            .by_category
            .iter()
            .enumerate()
            .filter(|&(_, &n)| n > 0)
            .filter_map(|(c, &n)| {
                let cat = ds.categories.get(c)?;
                Some(
                    el("li")
                        .child(swatch(&cat.color))
                        .child(el("span").text(format!("{} {n}", cat.label))),
                )
            });
        let trend = ledger
            .trend
            .as_ref()
            .map(trend_sentence)
            .unwrap_or_default();
        let facts = [
            ("Events", st.count.to_string()),
            ("First event", st.first.display()),
            ("Last event", st.last.display()),
            (
                "Net tone",
                format!(
                    "{} (mean {} per event)",
                    fmt_tone(st.net_tone),
                    fmt_signed(st.mean_tone, 1)
                ),
            ),
            ("Recent trend", trend),
        ];
        let mut dl = el("dl").class("facts pair-facts");
        for (term, value) in facts {
            dl = dl.child(el("dt").text(term)).child(el("dd").text(value));
        }
        dl = dl
            .child(el("dt").text("By category"))
            .child(el("dd").child(el("ul").class("cat-counts").kids(cats)));
        top = top.child(
            el("section")
                .class("pair-summary")
                .attr("aria-label", "Summary")
                .child(dl),
        );
    }

    let milestones: Vec<(Day, String)> = ledger
        .events
        .iter()
        .filter_map(|&i| ds.events.get(i))
        .filter(|e| e.milestone)
        .map(|e| (e.span.start, format!("{} ({})", e.title, e.date.display())))
        .collect();
    top.child(
        el("figure")
            .class("pair-figure")
            .kids(chart(ds, ledger, &milestones, width))
            .child(
                el("figcaption")
                    .child(chart_key(ds, ledger, !milestones.is_empty()))
                    .child(el("p").class("tone-note").text(TONE_NOTE)),
            ),
    )
}

/// What tone does and does not measure.
const TONE_NOTE: &str = "Net tone adds up the tone of the pair's events: positive when \
    cooperation dominates, negative when conflict does. Tone follows the event type (its \
    category's tone, or a per-event override), not its intensity: it is not a measure of \
    casualties or importance.";

/// A colour swatch.
fn swatch(color: &str) -> El {
    el("span")
        .class("swatch")
        .attr("style", format!("background:{color}"))
        .attr("aria-hidden", "true")
}

/// The chart's key: the categories present, the tone line, milestones.
fn chart_key(ds: &Dataset, ledger: &Ledger, milestones: bool) -> El {
    let present = (0..ds.categories.len())
        .filter(|&c| {
            ledger
                .series
                .counts
                .iter()
                .any(|row| row.get(c).is_some_and(|&n| n > 0))
        })
        .filter_map(|c| ds.categories.get(c))
        .map(|cat| {
            el("li")
                .child(swatch(&cat.color))
                .child(el("span").text(cat.label.clone()))
        });
    // Bin labels are ASCII words ("Year"); ASCII lowercasing needs no Unicode tables.
    let per = ledger.series.bin.label().to_ascii_lowercase();
    let mut key = el("ul").class("chart-key").kids(present).child(
        el("li")
            .child(el("span").class("key-line").attr("aria-hidden", "true"))
            .child(el("span").text(format!("Net tone per {per} (right axis)"))),
    );
    if milestones {
        key = key.child(
            el("li")
                .child(
                    el("span")
                        .class("key-milestone")
                        .attr("aria-hidden", "true")
                        .text("◆"),
                )
                .child(el("span").text("Milestone")),
        );
    }
    key
}

/// Stacked bars of events per bin by category (left axis), net tone per bin as a line (right
/// axis, zero in the middle), and milestones as diamonds above the bars.
fn chart(ds: &Dataset, ledger: &Ledger, milestones: &[(Day, String)], width: f64) -> Option<El> {
    let s = &ledger.series;
    let frame = Frame::new(width, true);
    let bin = s.bin;
    let start = *s.starts.first()?;
    let end = bin.next(*s.starts.last()?) - 1;
    let scale = frame.scale(start, end);
    let x = |d: Day| frame.x(&scale, f64::from(d));
    let totals: Vec<u32> = s.counts.iter().map(|c| c.iter().sum()).collect();
    let max_total = totals.iter().copied().max().unwrap_or(0).max(1);
    let count_ticks = nice_ticks(0.0, f64::from(max_total), 4);
    let counts = (0.0, count_ticks.last().copied().unwrap_or(1.0));
    let tmax = s
        .net_tone
        .iter()
        .fold(1.0f64, |m, &t| m.max(f64::from(t).abs()));
    let tone_ticks = nice_ticks(-tmax, tmax, 4);
    let thi = tone_ticks.last().copied().unwrap_or(tmax);
    let tones = (-thi, thi);
    let ty = |t: f32| frame.y(f64::from(t), tones.0, tones.1);
    let mid = |b0: Day| (x(b0) + x(bin.next(b0))) / 2.0;
    // Dots only where bars are wide enough to tell them apart; the line carries the rest.
    let dotted = frame.plot_width() / s.starts.len().max(1) as f64 >= 6.0;
    let per = bin.label().to_ascii_lowercase();

    let mut bars = Vec::new();
    let mut dots = Vec::new();
    let mut line = String::new();
    for (i, ((&b0, row), &total)) in s.starts.iter().zip(&s.counts).zip(&totals).enumerate() {
        let t = s.net_tone.get(i).copied().unwrap_or(0.0);
        push_xy(&mut line, if i == 0 { "M" } else { "L" }, mid(b0), ty(t));
        line.push(' ');
        if total == 0 {
            continue;
        }
        let (x0, x1) = (x(b0), x(bin.next(b0)));
        let w = (x1 - x0 - if x1 - x0 > 4.0 { 1.0 } else { 0.0 }).max(1.0);
        let mut acc = 0u32;
        let mut bar = el("g").class("bar").child(el("title").text(format!(
            "{}: {}",
            bin.period_label(b0),
            events_word(total as usize)
        )));
        for (c, &n) in row.iter().enumerate().filter(|&(_, &n)| n > 0) {
            let top = frame.y(f64::from(acc + n), counts.0, counts.1);
            let bottom = frame.y(f64::from(acc), counts.0, counts.1);
            acc += n;
            let color = ds
                .categories
                .get(c)
                .map(|c| c.color.clone())
                .unwrap_or_default();
            bar = bar.child(
                el("rect")
                    .num("x", x0)
                    .num("y", top)
                    .num("width", w)
                    .num("height", (bottom - top).max(0.5))
                    .attr("fill", color),
            );
        }
        bars.push(bar);
        if !dotted {
            continue;
        }
        dots.push(
            el("circle")
                .class("tone-dot")
                .num("cx", mid(b0))
                .num("cy", ty(t))
                .attr("r", "3")
                .child(el("title").text(format!(
                    "{}: net tone {}",
                    bin.period_label(b0),
                    fmt_tone(t)
                ))),
        );
    }
    let marks = milestones.iter().map(|(day, label)| {
        let mx = x(*day);
        let y = frame.top - 14.0;
        el("g")
            .class("milestone")
            .child(el("title").text(format!("Milestone: {label}")))
            .child(
                el("line")
                    .num("x1", mx)
                    .num("x2", mx)
                    .num("y1", frame.top)
                    .num("y2", frame.bottom),
            )
            .child(el("path").attr("d", {
                let mut d = String::new();
                push_xy(&mut d, "M", mx, y);
                d.push_str(" l5,5 l-5,5 l-5,-5 z");
                d
            }))
    });
    let label = format!(
        "Events per {per} by category, with net tone per {per} on the right axis. The table below gives the figures."
    );
    Some(
        svg(frame, label)
            .child(value_axis(frame, &count_ticks, counts, false, false, true))
            .child(value_axis(frame, &tone_ticks, tones, true, true, false))
            .child(time_axis(frame, &scale))
            .kids(bars)
            .child(hline(frame, ty(0.0), "zero"))
            .child(
                el("path")
                    .class("tone-line")
                    .attr("d", line)
                    .attr("fill", "none"),
            )
            .kids(dots)
            .kids(marks)
            .child(axis_title(frame, "Events", false))
            .child(axis_title(frame, "Net tone", true)),
    )
}

/// The chart's figures per period with events.
fn table(ds: &Dataset, ledger: &Ledger) -> El {
    let s = &ledger.series;
    let cats: Vec<usize> = (0..ds.categories.len())
        .filter(|&c| {
            s.counts
                .iter()
                .any(|row| row.get(c).is_some_and(|&n| n > 0))
        })
        .collect();
    let mut head = vec![("Period".to_string(), false), ("Events".to_string(), true)];
    head.extend(
        cats.iter()
            .filter_map(|&c| ds.categories.get(c))
            .map(|c| (c.label.clone(), true)),
    );
    head.push(("Net tone".to_string(), true));
    head.push(("Cumulative net tone".to_string(), true));
    let rows = s
        .starts
        .iter()
        .zip(&s.counts)
        .enumerate()
        .filter(|(_, (_, row))| row.iter().any(|&n| n > 0))
        .map(|(i, (&b0, row))| {
            let mut cells = vec![
                row_head_text(s.bin.period_label(b0)),
                num_cell(row.iter().sum::<u32>().to_string()),
            ];
            cells.extend(
                cats.iter()
                    .map(|&c| num_cell(row.get(c).copied().unwrap_or(0).to_string())),
            );
            cells.push(num_cell(fmt_tone(
                s.net_tone.get(i).copied().unwrap_or(0.0),
            )));
            cells.push(num_cell(fmt_tone(
                s.cumulative_tone.get(i).copied().unwrap_or(0.0),
            )));
            cells
        })
        .collect();
    data_table(
        "Events by category and net tone, per period with events",
        head,
        rows,
    )
}

/// The pair's events, oldest first; each title opens its detail beside the list.
#[component]
fn PairEvents(ds: Arc<Dataset>, ledger: Arc<Ledger>) -> impl IntoView {
    let app = use_app();
    let base: ViewState = app.view.get_untracked();
    let n = ledger.events.len();
    let items = ledger
        .events
        .iter()
        .take(LIST_MAX)
        .filter_map(|&i| ds.events.get(i))
        .map(|e| {
            let cat = ds.category(e.category);
            let color = cat.map(|c| c.color.clone()).unwrap_or_default();
            let cat_label = cat.map(|c| c.label.clone()).unwrap_or_default();
            let mut target = base.clone();
            target.event = Some(e.id.clone());
            let href = app.href(&target);
            let id = e.id.clone();
            let id2 = e.id.clone();
            let is_sel = move || app.view.with(|v| v.event.as_deref() == Some(id2.as_str()));
            let is_sel2 = is_sel.clone();
            let open = move |ev: leptos::ev::MouseEvent| {
                if !plain_click(&ev) {
                    return;
                }
                ev.prevent_default();
                let id = id.clone();
                app.update(History::Push, move |s| s.event = Some(id));
            };
            view! {
                <li class:milestone=e.milestone class:selected=is_sel2 style=format!("--cat:{color}")>
                    <DateLabel date=e.date end=e.end />
                    " "
                    <a href=href on:click=open aria-current=move || is_sel().then_some("true")>
                        {e.title.clone()}
                    </a>
                    <span class="cat">{cat_label}</span>
                </li>
            }
        })
        .collect_view();
    let more = (n > LIST_MAX).then(|| {
        view! {
            <p class="hint">
                {format!("Showing the first {LIST_MAX} of {n} events; narrow the filters to see the rest.")}
            </p>
        }
    });
    view! {
        <section class="pair-events" aria-labelledby="pair-events-heading">
            <h3 id="pair-events-heading">{format!("Events ({n})")}</h3>
            <ol>{items}</ol>
            {more}
        </section>
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
