//! The About / Methodology page: the dataset's own metadata and categories (so it is true for
//! any dataset), then the methodology text of `docs/methodology.md`.
//!
//! The methodology is fetched when the page opens, from the copy Trunk puts in `dist/`
//! (`index.html`, `copy-file`), rather than compiled into the wasm: every visitor downloads
//! the app shell, few open About, and the text was about 5 KB of the gzip shell.
//!
//! It is Markdown limited to headings, paragraphs and bullet lists; [`blocks`] reads that
//! subset into text blocks, so nothing in it can ever become HTML.

use dyad_core::num::push_trimmed;
use dyad_core::Dataset;
use leptos::prelude::*;

use crate::relationships::dom::{el, El, Host};
use crate::state::use_app;

/// Where the methodology sits in `dist/`, relative to the app's base.
const METHODOLOGY_FILE: &str = "methodology.md";

/// The text at `url`, or `None` if it cannot be had (the page then says so).
async fn fetch_text(url: &str) -> Option<String> {
    let response = crate::data::fetch(url).await.ok()?;
    if !response.ok() {
        return None;
    }
    wasm_bindgen_futures::JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()
}

/// A block of the Markdown subset the About page renders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// `## Title` (level 2) or `### Title` (level 3); a level-1 title is dropped (the page has
    /// its own).
    Heading(u8, String),
    /// A paragraph, lines joined by spaces.
    Paragraph(String),
    /// A bullet list (`- ` or `* ` items; continuation lines join the item).
    List(Vec<String>),
}

/// Reads the Markdown subset. Inline markup (`**`, `` ` ``) is stripped to plain text.
pub fn blocks(md: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut para: Vec<&str> = Vec::new();
    let mut list: Vec<String> = Vec::new();
    let plain = |s: &str| s.replace("**", "").replace('`', "");
    let flush = |para: &mut Vec<&str>, list: &mut Vec<String>, out: &mut Vec<Block>| {
        if !para.is_empty() {
            out.push(Block::Paragraph(plain(&para.join(" "))));
            para.clear();
        }
        if !list.is_empty() {
            out.push(Block::List(std::mem::take(list)));
        }
    };
    for line in md.lines() {
        let t = line.trim();
        if t.is_empty() {
            flush(&mut para, &mut list, &mut out);
        } else if let Some(h) = t.strip_prefix("### ") {
            flush(&mut para, &mut list, &mut out);
            out.push(Block::Heading(3, plain(h)));
        } else if let Some(h) = t.strip_prefix("## ") {
            flush(&mut para, &mut list, &mut out);
            out.push(Block::Heading(2, plain(h)));
        } else if t.starts_with("# ") {
            flush(&mut para, &mut list, &mut out);
        } else if let Some(item) = t.strip_prefix("- ").or_else(|| t.strip_prefix("* ")) {
            if !para.is_empty() {
                flush(&mut para, &mut list, &mut out);
            }
            list.push(plain(item));
        } else if let (Some(last), true) = (list.last_mut(), line.starts_with(' ')) {
            last.push(' ');
            last.push_str(&plain(t));
        } else {
            if !list.is_empty() {
                flush(&mut para, &mut list, &mut out);
            }
            para.push(t);
        }
    }
    flush(&mut para, &mut list, &mut out);
    out
}

/// A category's tone as `{:+}` writes it ("+4", "-2.5", "+0"), without float formatting (see
/// `dyad_core::num`): exact for any tone of six decimals or fewer.
fn tone(t: f32) -> String {
    let mut s = String::new();
    push_trimmed(&mut s, f64::from(t), 6, true);
    s
}

/// The About page.
///
/// Built by the DOM builder (`crate::relationships::dom`) in one [`Host`], again when the
/// dataset or the methodology text arrives, rather than by `view!`: each `view!` element tree
/// compiles into its own rendering code. Every text is set as text.
#[component]
pub fn AboutPage() -> impl IntoView {
    let app = use_app();
    // A signal set by a spawned task rather than a `LocalResource`: the resource's generic
    // machinery, instantiated for one more type, cost more wasm than the text itself saved.
    let methodology: RwSignal<Option<Option<String>>> = RwSignal::new(None);
    let url = format!("{}/{METHODOLOGY_FILE}", app.base.get_value());
    leptos::task::spawn_local(async move {
        let md = fetch_text(&url).await;
        // The page may have been left meanwhile, its signal disposed: then nothing to show.
        let _ = methodology.try_set(Some(md));
    });
    let render = move || {
        let ds = app.dataset.get();
        Some(methodology.with(|md| page(ds.as_deref(), md.as_ref())))
    };
    view! { <Host render=Box::new(render) /> }
}

/// The page: title and lead, the dataset's facts and categories once it is loaded, then the
/// methodology (nothing while it downloads, a few milliseconds; a sentence if it cannot be had).
fn page(ds: Option<&Dataset>, md: Option<&Option<String>>) -> El {
    let text = md.map(|md| match md {
        None => {
            vec![el("p")
                .text("The methodology text could not be loaded; reload the page to try again.")]
        }
        Some(md) => blocks(md)
            .into_iter()
            .map(|b| match b {
                Block::Heading(2, t) => el("h3").text(t),
                Block::Heading(_, t) => el("h4").text(t),
                Block::Paragraph(t) => el("p").text(t),
                Block::List(items) => el("ul").kids(items.into_iter().map(|i| el("li").text(i))),
            })
            .collect(),
    });
    el("article")
        .class("page about-page")
        .child(el("h2").text("About Dyad"))
        .child(el("p").class("lead").text(
            "Dyad follows how states, organisations and armed groups relate over time, event by event. Every event cites its sources; every view is a link you can share.",
        ))
        .kids(ds.map(dataset))
        .child(
            el("section")
                .class("methodology")
                .attr("aria-label", "Methodology")
                .kids(text.into_iter().flatten()),
        )
}

/// The dataset's own metadata and categories, so the page is true for any dataset.
fn dataset(ds: &Dataset) -> El {
    let m = &ds.meta;
    let facts = [
        ("Version", m.version.clone()),
        ("Last updated", m.updated.display()),
        ("Events", ds.events.len().to_string()),
        ("Actors", ds.actors.len().to_string()),
        ("Licence", m.license.clone()),
    ];
    let facts = facts
        .into_iter()
        .flat_map(|(term, value)| [el("dt").text(term), el("dd").text(value)]);
    let th = |t: &'static str| el("th").attr("scope", "col").text(t);
    let cats = ds.categories.iter().map(|c| {
        el("tr")
            .child(
                el("th")
                    .attr("scope", "row")
                    .child(
                        el("span")
                            .class("swatch")
                            .attr("style", format!("background:{}", c.color))
                            .attr("aria-hidden", "true"),
                    )
                    .txt(c.label.clone()),
            )
            .child(el("td").text(c.definition.clone()))
            .child(el("td").class("num").text(tone(c.tone)))
    });
    el("section")
        .attr("aria-labelledby", "about-dataset")
        .child(
            el("h3")
                .attr("id", "about-dataset")
                .text(format!("This dataset: {}", m.title)),
        )
        .child(el("p").text(m.description.clone()))
        .child(el("dl").class("facts").kids(facts))
        .child(
            el("table")
                .class("categories-table")
                .child(el("caption").text("Categories, their definitions and default tones"))
                .child(
                    el("thead").child(
                        el("tr")
                            .child(th("Category"))
                            .child(th("Definition"))
                            .child(th("Tone")),
                    ),
                )
                .child(el("tbody").kids(cats)),
        )
}

#[cfg(test)]
mod tests {
    use super::{blocks, tone, Block};

    /// Tones read as `{:+}` writes them.
    #[test]
    fn tones() {
        for t in [4.0f32, -2.5, 0.0, -0.0, 10.0, -7.25, 0.3] {
            assert_eq!(tone(t), format!("{t:+}"));
        }
    }

    /// Headings, paragraphs and lists come out as plain text blocks, inline markup stripped.
    #[test]
    fn reads_markdown_subset() {
        let md = "# Title\n\n## Scope\nOne line\nand two **bold**.\n\n- a `x`\n  continued\n- b\n\n### Sub\nEnd.";
        assert_eq!(
            blocks(md),
            vec![
                Block::Heading(2, "Scope".into()),
                Block::Paragraph("One line and two bold.".into()),
                Block::List(vec!["a x continued".into(), "b".into()]),
                Block::Heading(3, "Sub".into()),
                Block::Paragraph("End.".into()),
            ]
        );
    }

    /// Markup that would be HTML elsewhere stays literal text.
    #[test]
    fn html_stays_text() {
        assert_eq!(
            blocks("<script>x</script>"),
            vec![Block::Paragraph("<script>x</script>".into())]
        );
    }
}
