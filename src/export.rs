//! Exports of the current view, all made in the page (nothing is sent anywhere): the matching
//! events as CSV (`dyad_core::export`) and as Dyad JSON (which loads back into Dyad), the chart
//! on screen as a PNG with a caption, and "Cite this view" (a reference and a BibTeX entry with
//! the canonical link). Files are saved through a `Blob` and a link with `download`.
//!
//! Big files are written a part at a time: each part is handed to JS as soon as it is written,
//! so wasm memory (which never shrinks) holds one part, not the whole file (48 MB of CSV at
//! 100k events), and the page paints its progress line and answers input between parts.

use leptos::prelude::*;
use leptos_use::{use_clipboard_with_options, UseClipboardOptions, UseClipboardReturn};
use wasm_bindgen::{JsCast, JsValue};

use crate::progress::{next_paint, yield_now, Busy};
use crate::state::{use_app, AppState};

/// Events written per part of a file: about 50 ms of work at 100k events on the project's
/// machine, so the page answers input between parts.
const PART_EVENTS: usize = 2_500;

/// Saves the current result (every match, in date order) as `<dataset id>-events.csv`, with
/// progress on the page.
pub fn download_csv(app: AppState) {
    use dyad_core::export::{csv_header, csv_rows};
    write_parts(
        app,
        "csv",
        "text/csv;charset=utf-8",
        |_| csv_header(),
        |ds, chunk, _| csv_rows(ds, chunk),
        "",
    );
}

/// Saves the current result as Dyad JSON, `<dataset id>-events.json`: the dataset's metadata,
/// actors and categories, and the matching events; it opens again with Open file.
pub fn download_json(app: AppState) {
    use dyad_core::export::{json_events, json_head, JSON_TAIL};
    write_parts(
        app,
        "json",
        "application/json",
        json_head,
        json_events,
        JSON_TAIL,
    );
}

/// Writes `head`, the matching events a part at a time, and `tail`, then offers the file.
/// Progress goes to the app's progress line; between parts the page gets the hand back.
fn write_parts(
    app: AppState,
    ext: &'static str,
    mime: &'static str,
    head: fn(&dyad_core::Dataset) -> String,
    rows: fn(&dyad_core::Dataset, &[usize], bool) -> String,
    tail: &'static str,
) {
    let (Some(ds), Some(result)) = (app.dataset.get_untracked(), app.result.get_untracked()) else {
        return;
    };
    if app.busy.with_untracked(Option::is_some) {
        return;
    }
    let label = ext.to_ascii_uppercase();
    leptos::task::spawn_local(async move {
        let total = result.matches.len();
        let task = format!("Writing the {label} file of {} events", total);
        // Small files are written at once; the line only shows for work that takes a while.
        let long = total > PART_EVENTS;
        if long {
            app.busy.set(Some(Busy::new(task.clone(), Some(0.0))));
            next_paint().await;
        }
        crate::perf::mark(&format!("dyad:export-{ext}-start"));
        let parts = js_sys::Array::new();
        let _ = push_part(&parts, &head(&ds), mime);
        for (k, chunk) in result.matches.chunks(PART_EVENTS).enumerate() {
            let _ = push_part(&parts, &rows(&ds, chunk, k == 0), mime);
            if long {
                let done = ((k + 1) * PART_EVENTS).min(total) as f64 / total as f64;
                app.busy.set(Some(Busy::new(task.clone(), Some(done))));
                yield_now().await;
            }
        }
        let _ = push_part(&parts, tail, mime);
        save(&format!("{}-events.{ext}", ds.meta.id), mime, &parts);
        crate::perf::mark(&format!("dyad:export-{ext}-done"));
        app.busy.set(None);
    });
}

/// Appends `text` to `parts` as a `Blob` of its own: the browser encodes each part as it comes,
/// rather than all 48 MB in the one task that makes the file, and the file made of these blobs
/// only references them.
fn push_part(parts: &js_sys::Array, text: &str, mime: &str) -> Option<()> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let one = js_sys::Array::of1(&JsValue::from_str(text));
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&one, &options).ok()?;
    parts.push(&blob);
    Some(())
}

/// Offers the blobs `parts` as a file named `name`; does nothing if the browser refuses.
fn save(name: &str, mime: &str, parts: &js_sys::Array) -> Option<()> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_blob_sequence_and_options(parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    click_download(&url, name)?;
    // The download has its own reference by now; the URL would otherwise hold the file in
    // memory as long as the page lives.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(10),
    );
    Some(())
}

/// Follows a link to `url` with `download=name`.
fn click_download(url: &str, name: &str) -> Option<()> {
    let link = web_sys::window()?.document()?.create_element("a").ok()?;
    link.set_attribute("href", url).ok()?;
    link.set_attribute("download", name).ok()?;
    link.dyn_ref::<web_sys::HtmlElement>()?.click();
    Some(())
}

/// The canonical link of the current view, with the origin.
fn canonical_link(app: AppState) -> String {
    let origin = window().location().origin().unwrap_or_default();
    format!("{origin}{}", app.href(&app.view.get_untracked()))
}

/// Today, `YYYY-MM-DD` (UTC), for "accessed" and captions.
fn today() -> String {
    let iso: String = js_sys::Date::new_0().to_iso_string().into();
    iso.chars().take(10).collect()
}

/// The two caption lines drawn under an exported chart: the dataset and its version with the
/// count shown, then the filters (the link's query), the day and the link.
fn caption(app: AppState) -> Option<[String; 2]> {
    let ds = app.dataset.get_untracked()?;
    let shown = app
        .result
        .get_untracked()
        .map_or(ds.events.len(), |r| r.matches.len());
    let meta = &ds.meta;
    let source = match app.local.get_untracked() {
        Some(f) => format!(" · from the file {}", f.name),
        None => String::new(),
    };
    let first = format!(
        "{} · version {} (updated {}) · {} of {} events{source}",
        meta.title,
        meta.version,
        meta.updated.display(),
        shown,
        ds.events.len()
    );
    let view = app.view.get_untracked();
    let query = dyad_core::query::render_query(&view);
    let filters = if query.is_empty() {
        "no filters".to_string()
    } else {
        query.replace('&', " · ")
    };
    let second = format!(
        "Filters: {filters} · made {} with Dyad · {}",
        today(),
        canonical_link(app)
    );
    Some([first, second])
}

/// The chart on screen: the timeline's canvas, or the first chart of a relationships page.
fn chart_canvas() -> Option<web_sys::HtmlCanvasElement> {
    let doc = web_sys::window()?.document()?;
    for selector in [
        "main .timeline-plot canvas",
        "main .chart-box canvas",
        "main canvas",
    ] {
        if let Some(el) = doc.query_selector(selector).ok().flatten() {
            if let Ok(c) = el.dyn_into::<web_sys::HtmlCanvasElement>() {
                if c.width() > 0 && c.height() > 0 {
                    return Some(c);
                }
            }
        }
    }
    None
}

/// Saves the chart on screen as a PNG at twice its size on screen, with the caption drawn under
/// it. Returns `false` when the page shows no chart.
pub fn download_png(app: AppState) -> bool {
    let (Some(src), Some(lines)) = (chart_canvas(), caption(app)) else {
        return false;
    };
    draw_png(&src, &lines).is_some()
}

/// Draws `src` scaled to twice its CSS size, and `lines` under it, and offers the PNG.
fn draw_png(src: &web_sys::HtmlCanvasElement, lines: &[String; 2]) -> Option<()> {
    const SCALE: f64 = 2.0;
    let doc = web_sys::window()?.document()?;
    let rect = src.get_bounding_client_rect();
    let (w, h) = (rect.width() * SCALE, rect.height() * SCALE);
    let line_h = 16.0 * SCALE;
    let band = line_h * 2.0 + 12.0 * SCALE;
    let out: web_sys::HtmlCanvasElement = doc.create_element("canvas").ok()?.dyn_into().ok()?;
    out.set_width(w.round() as u32);
    out.set_height((h + band).round() as u32);
    let ctx: web_sys::CanvasRenderingContext2d = out.get_context("2d").ok()??.dyn_into().ok()?;
    // The page's own colours, so a dark-scheme chart keeps its contrast in the image.
    let style = web_sys::window()?
        .get_computed_style(&doc.body()?.into())
        .ok()??;
    let bg = style.get_property_value("background-color").ok();
    let fg = style.get_property_value("color").ok();
    ctx.set_fill_style_str(
        bg.as_deref()
            .filter(|c| !c.is_empty() && *c != "rgba(0, 0, 0, 0)")
            .unwrap_or("#ffffff"),
    );
    ctx.fill_rect(0.0, 0.0, w, h + band);
    ctx.draw_image_with_html_canvas_element_and_dw_and_dh(src, 0.0, 0.0, w, h)
        .ok()?;
    ctx.set_fill_style_str(fg.as_deref().filter(|c| !c.is_empty()).unwrap_or("#111111"));
    ctx.set_font(&format!("{}px system-ui, sans-serif", 12.0 * SCALE));
    ctx.set_text_baseline("top");
    for (k, line) in lines.iter().enumerate() {
        let _ = ctx.fill_text_with_max_width(
            line,
            8.0 * SCALE,
            h + 6.0 * SCALE + k as f64 * line_h,
            w - 16.0 * SCALE,
        );
    }
    let url = out.to_data_url_with_type("image/png").ok()?;
    click_download(&url, &format!("dyad-chart-{}.png", today()))
}

/// The Export menu: the view's events as Dyad JSON, the chart as PNG, and "Cite this view".
#[component]
pub fn ExportMenu() -> impl IntoView {
    let app = use_app();
    let cite_open = RwSignal::new(false);
    let no_chart = RwSignal::new(false);
    let png = move |_| no_chart.set(!download_png(app));
    view! {
        <details class="export-menu">
            <summary>"Export"</summary>
            <div class="export-items">
                <button on:click=move |_| download_json(app)
                    title="The matching events as a Dyad dataset, which opens again with Open file">
                    "Dyad JSON"
                </button>
                <button on:click=png title="The chart at twice its size, with a caption">
                    "PNG image of the chart"
                </button>
                <button aria-expanded=move || cite_open.get().to_string()
                    on:click=move |_| cite_open.update(|o| *o = !*o)>
                    "Cite this view"
                </button>
                <Show when=move || no_chart.get()>
                    <p class="hint" role="status">"This page shows no chart to export."</p>
                </Show>
            </div>
            <Show when=move || cite_open.get()>
                <Citation />
            </Show>
        </details>
    }
}

/// "Cite this view": the reference and the BibTeX entry, each copied with one click.
#[component]
fn Citation() -> impl IntoView {
    let app = use_app();
    let texts = Memo::new(move |_| {
        // Follows the view, so the link is the one on screen.
        app.view.track();
        let ds = app.dataset.get()?;
        let link = canonical_link(app);
        let day = today();
        Some((
            dyad_core::export::citation(&ds, &link, &day),
            dyad_core::export::bibtex(&ds, &link, &day),
        ))
    });
    let UseClipboardReturn { copied, copy, .. } =
        use_clipboard_with_options(UseClipboardOptions::default().copied_reset_delay(4000.0));
    let copy2 = copy.clone();
    let text = move || texts.get().map(|t| t.0).unwrap_or_default();
    let bib = move || texts.get().map(|t| t.1).unwrap_or_default();
    let local = move || {
        app.local.get().map(|f| {
            format!(
                "The link shows the view on the link's dataset: {} is on your computer, and a \
                 link cannot carry it.",
                f.name
            )
        })
    };
    view! {
        <section class="citation" aria-label="Cite this view" data-testid="citation">
            <p class="cite-text" data-testid="cite-text">{text}</p>
            <button on:click=move |_| copy(&text())>"Copy citation"</button>
            <pre class="bibtex" data-testid="cite-bibtex">{bib}</pre>
            <button on:click=move |_| copy2(&bib())>"Copy BibTeX"</button>
            <span role="status" aria-live="polite">{move || copied.get().then_some(" Copied")}</span>
            {move || local().map(|l| view! { <p class="hint">{l}</p> })}
        </section>
    }
}
