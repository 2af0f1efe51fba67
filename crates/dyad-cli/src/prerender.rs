//! `dyad prerender`: the default view's first screen as static HTML (the header, the dataset
//! line, the timeline's box at its final size, the count line and the first rows of the event
//! list), written into the built `index.html` by the Trunk hook (`scripts/post-build.mjs`), so
//! that a phone on a slow network shows events before the app's wasm has arrived.
//!
//! The markup repeats what the app renders for `/` (`src/app.rs`, `src/timeline_page.rs`,
//! `src/timeline.rs`, `src/events.rs`) with the same elements and classes, so `style/main.css`
//! lays it out exactly as the app's own page: when the app takes over (it removes the block
//! once its list has rendered), nothing moves. The end-to-end test
//! `tests/e2e/prerender.spec.ts` holds the two to that. Ids and test ids are left out (the
//! app's nodes carry them), and controls that need the app are disabled.
//!
//! Every text and attribute value is escaped by `html-escape`; nothing from the dataset is
//! written raw.

use dyad_core::filter::{self, Filter};
use dyad_core::query::{self, View, ViewState};
use dyad_core::timeline::{
    chart_height, describe, fit_window, overview_window, span_of_events, LanePlan, HELP, LANE_H,
    LANE_H_NARROW, NARROW_CHART_PX,
};
use dyad_core::{Dataset, PartialDate, Precision};
use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};

/// Where the block goes in `index.html`: a comment in its body, replaced by the block.
pub const MARKER: &str = "<!-- dyad:prerendered -->";

/// How many rows of the list are prerendered: more than a tall phone or a laptop shows.
pub const ROWS: usize = 12;

/// The first screen of the default view of `ds` (no filter, oldest first), its list cut to
/// `rows` rows.
pub fn first_screen(ds: &Dataset, rows: usize) -> String {
    let result = filter::run(ds, &Filter::default());
    let matches = &result.matches;
    let total = ds.events.len();
    let mut h = String::with_capacity(16 * 1024);
    h.push_str(&format!(
        "<div id=\"prerendered\" data-dataset=\"{}\">",
        attr(&format!("{} {}", ds.meta.id, ds.meta.version))
    ));
    h.push_str(&style(ds, matches));
    header(&mut h, ds);
    h.push_str("<div class=\"layout\"><aside class=\"filter-drawer\"></aside><main>");
    h.push_str("<div class=\"page timeline-page\">");
    h.push_str(
        "<div class=\"page-head\"><h2>Timeline</h2><span class=\"copy-link\">\
         <button disabled>Copy link</button><span class=\"copy-status\"></span></span></div>",
    );
    timeline(&mut h, ds, matches);
    h.push_str(
        "<div class=\"list-and-detail\"><section class=\"event-list\" aria-label=\"Events\">",
    );
    h.push_str(&format!(
        "<div class=\"list-head\"><h2>Events</h2><p class=\"count\">{} of {total} events</p>\
         <label class=\"order\"><span class=\"label\">Order </span><select disabled>\
         <option value=\"oldest\" selected>Oldest first</option><option value=\"newest\">Newest first</option>\
         </select></label><button class=\"download\" disabled>Download CSV</button></div>",
        matches.len()
    ));
    h.push_str("<div class=\"list-scroll\"><ol class=\"events\">");
    for &ix in matches.iter().take(rows) {
        row(&mut h, ds, ix);
    }
    h.push_str("</ol></div></section></div></div></main></div></div>");
    h
}

/// The block's own rules: its rows in flow (the app places its rows by script), and the
/// chart's box at the height the app gives its canvas, wide or narrow as the app decides
/// (`lane_height`: a canvas under `NARROW_CHART_PX` has low lanes). Numbers only.
fn style(ds: &Dataset, matches: &[usize]) -> String {
    let lanes = LanePlan::by_category(ds, matches).len();
    format!(
        "<style>#prerendered .event-row{{position:relative}}\
         #prerendered .timeline-plot canvas{{height:{:.2}px}}\
         @container (width < {NARROW_CHART_PX}px){{#prerendered .timeline-plot canvas{{height:{:.2}px}}}}</style>",
        chart_height(lanes, LANE_H),
        chart_height(lanes, LANE_H_NARROW),
    )
}

/// The site header, navigation and dataset line (`src/app.rs`, `src/notices.rs`). The header is
/// a `div` with the banner role, not a `header`: the app's own `header.site-header` is what
/// says that it has started.
fn header(h: &mut String, ds: &Dataset) {
    let meta = &ds.meta;
    let link = |view: View| {
        let state = ViewState {
            view,
            ..ViewState::default()
        };
        // Relative to the page's `<base href>`, so one build serves at any sub-path.
        let path = query::render(&state);
        match path.trim_start_matches('/') {
            "" => "./".to_string(),
            p => p.to_string(),
        }
    };
    h.push_str(&format!(
        "<div class=\"site-header\" role=\"banner\"><div class=\"brand-row\"><h1 class=\"brand\">Dyad</h1>\
         <span class=\"dataset-title\">{}</span></div><nav aria-label=\"Main\">\
         <a href=\"{}\" aria-current=\"page\">Timeline</a><a href=\"{}\">Relationships</a>\
         <a href=\"{}\">About</a></nav><button class=\"drawer-toggle\" disabled>Filters</button></div>",
        text(&meta.title),
        attr(&link(View::Timeline)),
        attr(&link(View::Relationships)),
        attr(&link(View::About)),
    ));
    let line = format!(
        "Dataset: {} · version {} · updated {} · {} events",
        meta.title,
        meta.version,
        meta.updated.display(),
        ds.events.len()
    );
    h.push_str(&format!(
        "<div class=\"notices\"><p class=\"dataset-banner\">{}</p></div>",
        text(&line)
    ));
}

/// The timeline's toolbar, an empty chart (saying that it is on its way) and strip at their
/// final size, the help and the events-in-view summary (`src/timeline.rs`, `src/timeline/list.rs`).
fn timeline(h: &mut String, ds: &Dataset, matches: &[usize]) {
    let caption = ds
        .span()
        .map(|span| {
            let bounds = overview_window(span);
            let window = span_of_events(ds, matches).map_or(bounds, |m| fit_window(m, bounds));
            let milestones = ds.milestones_among(matches).len();
            describe(window, matches.len(), milestones)
        })
        .unwrap_or_default();
    h.push_str(&format!(
        "<section class=\"timeline\" aria-label=\"Timeline chart\">\
         <div class=\"timeline-toolbar\" role=\"toolbar\" aria-label=\"Timeline controls\">\
         <button type=\"button\" class=\"zoom\" disabled><span class=\"glyph\" aria-hidden=\"true\">+</span><span class=\"label\">Zoom in</span></button>\
         <button type=\"button\" class=\"zoom\" disabled><span class=\"glyph\" aria-hidden=\"true\">−</span><span class=\"label\">Zoom out</span></button>\
         <button type=\"button\" disabled>Fit to matches</button>\
         <label class=\"lanes-choice\"><span class=\"label\">Lanes </span><select disabled>\
         <option value=\"category\" selected>By category</option><option value=\"actor\">By actor</option></select></label>\
         <button type=\"button\" class=\"help-toggle\" aria-label=\"Timeline help\" disabled>?</button>\
         <p class=\"timeline-caption\">{caption}</p></div>\
         <div class=\"timeline-body\"><div class=\"timeline-plot\"><canvas role=\"img\" aria-label=\"{label}\"></canvas>\
         <p class=\"prerendered-note\">Loading the chart…</p></div>\
         <div class=\"density-strip\"><canvas></canvas></div></div>\
         <p class=\"hint timeline-keys\">{help}</p>\
         <details class=\"timeline-list\"><summary>Events in view ({n})</summary></details></section>",
        caption = text(&caption),
        label = attr(&caption),
        help = text(HELP),
        n = matches.len(),
    ));
}

/// One row of the list, as `EventRow` in `src/events.rs` renders it (its place comes from the
/// flow here, not from a `top`).
fn row(h: &mut String, ds: &Dataset, ix: usize) {
    let Some(e) = ds.events.get(ix) else {
        return;
    };
    let cat = ds.category(e.category);
    let color = cat.map(|c| c.color.as_str()).unwrap_or_default();
    let cat_label = cat.map(|c| c.label.as_str()).unwrap_or_default();
    let actors: Vec<&str> = e
        .actors
        .iter()
        .filter_map(|&a| ds.actor(a).map(|a| a.name.as_str()))
        .collect();
    let href = {
        let state = ViewState {
            event: Some(e.id.clone()),
            ..ViewState::default()
        };
        query::render(&state).trim_start_matches('/').to_string()
    };
    let class = if e.milestone {
        "event-row milestone"
    } else {
        "event-row"
    };
    h.push_str(&format!(
        "<li class=\"{class}\" style=\"{}\" data-event-id=\"{}\"><article><h3><a href=\"{}\">{}</a></h3>\
         <p class=\"meta\">{}<span class=\"cat\">{}</span><span class=\"actors\">{}</span></p></article></li>",
        attr(&format!("--cat:{color}")),
        attr(&e.id),
        attr(&href),
        text(&e.title),
        date_label(e.date, e.end),
        text(cat_label),
        text(&actors.join(" · ")),
    ));
}

/// `DateLabel` in `src/events.rs`: the date at its precision, with a tooltip when it is not
/// known to the day.
fn date_label(date: PartialDate, end: Option<PartialDate>) -> String {
    let shown = dyad_core::timeline::date_span(&date, end.as_ref(), false);
    let imprecise = date.precision() != Precision::Day;
    let title = if imprecise {
        format!(
            " title=\"{}\"",
            attr(&format!("Known to the {} only", date.precision().as_str()))
        )
    } else {
        String::new()
    };
    format!(
        "<time class=\"{}\" datetime=\"{}\"{title}>{}</time>",
        if imprecise { "date imprecise" } else { "date" },
        attr(&date.to_string()),
        text(&shown),
    )
}

/// `html` with the marker replaced by `block`; an error if the marker is not there exactly once
/// (a page without it would silently ship without its first screen).
pub fn insert(html: &str, block: &str) -> Result<String, String> {
    match html.matches(MARKER).count() {
        1 => Ok(html.replacen(MARKER, block, 1)),
        0 => Err(format!("no {MARKER} in the page")),
        n => Err(format!("{n} markers {MARKER} in the page, expected one")),
    }
}

#[cfg(test)]
mod tests {
    use super::{first_screen, insert, MARKER};
    use dyad_core::validate::parse_dataset;

    /// A dataset whose texts try to break out of their elements and attributes.
    fn hostile() -> dyad_core::Dataset {
        parse_dataset(
            r##"{"schema":1,
            "dataset":{"id":"t","title":"A <b>bold</b> & \"quoted\" title","description":"d","version":"1.0.0","updated":"2024-01-01","license":"x"},
            "categories":[{"id":"c","label":"Cat <i>","color":"#123456","definition":"d","tone":0}],
            "actors":[{"id":"AAA","name":"Alpha\" onmouseover=\"x","kind":"state"},{"id":"BBB","name":"B<script>","kind":"state"}],
            "events":[
              {"id":"e-1","date":"2020-03","title":"<img src=x onerror=alert(1)>","summary":"s","category":"c","actors":["AAA","BBB"],"verification":"verified","milestone":true,
               "sources":[{"publisher":"p","url":"https://example.org/","type":"media"}]},
              {"id":"e-2","date":"2021-05-06","title":"Plain","summary":"s","category":"c","actors":["AAA"],"verification":"verified",
               "sources":[{"publisher":"p","url":"https://example.org/","type":"media"}]}
            ]}"##,
        )
        .expect("a valid dataset")
    }

    /// Every text of the dataset is escaped: no tag or attribute from it reaches the page.
    #[test]
    fn texts_are_escaped() {
        let html = first_screen(&hostile(), 12);
        for raw in ["<b>", "<img", "<script>", "<i>"] {
            assert!(!html.contains(raw), "{raw} written raw");
        }
        // A quote in a name is text here (names go into no attribute), so it stays a quote,
        // inside the element: no attribute begins with it.
        assert!(html
            .contains("<span class=\"actors\">Alpha\" onmouseover=\"x · B&lt;script&gt;</span>"));
        for escaped in [
            "A &lt;b&gt;bold&lt;/b&gt; &amp; \"quoted\" title",
            "&lt;img src=x onerror=alert(1)&gt;",
            "Cat &lt;i&gt;",
        ] {
            assert!(html.contains(escaped), "{escaped} missing");
        }
    }

    /// The rows are the matches in date order, cut to the count asked for, with the app's
    /// classes, date label and link.
    #[test]
    fn rows_as_the_app_renders_them() {
        let ds = hostile();
        let html = first_screen(&ds, 12);
        assert!(html.contains(
            "<li class=\"event-row milestone\" style=\"--cat:#123456\" data-event-id=\"e-1\">"
        ));
        assert!(html.contains("<h3><a href=\"?event=e-1\">"));
        assert!(html.contains(
            "<time class=\"date imprecise\" datetime=\"2020-03\" title=\"Known to the month only\">Mar 2020</time>"
        ));
        assert!(html.contains("<time class=\"date\" datetime=\"2021-05-06\">6 May 2021</time>"));
        assert!(html.contains("<p class=\"count\">2 of 2 events</p>"));
        let one = first_screen(&ds, 1);
        assert_eq!(one.matches("class=\"event-row").count(), 1);
        assert!(html.find("e-1").unwrap() < html.find("e-2").unwrap());
    }

    /// The block replaces the one marker; a page with none or two is refused.
    #[test]
    fn inserted_at_the_marker() {
        let page = format!("<body>{MARKER}<script></script></body>");
        assert_eq!(
            insert(&page, "<p>x</p>").unwrap(),
            "<body><p>x</p><script></script></body>"
        );
        assert!(insert("<body></body>", "x").is_err());
        assert!(insert(&format!("{MARKER}{MARKER}"), "x").is_err());
    }
}
