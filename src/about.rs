//! The About / Methodology page: the dataset's own metadata and categories (so it is true for
//! any dataset), then the methodology text of `docs/methodology.md`.
//!
//! The methodology is fetched when the page opens, from the copy Trunk puts in `dist/`
//! (`index.html`, `copy-file`): every visitor downloads the app, few open About.
//!
//! It is Markdown limited to headings, paragraphs and bullet lists; [`blocks`] reads that
//! subset into text blocks, so nothing in it can ever become HTML.

use dyad_core::text::visible;
use dyad_core::Dataset;
use leptos::prelude::*;

use crate::state::use_app;

/// Where the methodology sits in `dist/`, relative to the app's base.
const METHODOLOGY_FILE: &str = "methodology.md";

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

/// A category's tone as `{:+}` writes it ("+4", "-2.5", "+0").
fn tone(t: f32) -> String {
    // `{:+}` writes negative zero as "-0".
    let t = if t == 0.0 { 0.0 } else { t };
    format!("{t:+}")
}

/// The About page.
#[component]
pub fn AboutPage() -> impl IntoView {
    let app = use_app();
    let url = format!("{}/{METHODOLOGY_FILE}", app.base.get_value());
    let methodology = LocalResource::new(move || {
        let url = url.clone();
        async move { crate::data::fetch_text(&url).await }
    });
    view! {
        <article class="page about-page">
            <h2>"About Dyad"</h2>
            <p class="lead">
                "Dyad follows how states, organisations and armed groups relate over time, event by event. Every event cites its sources; every view is a link you can share."
            </p>
            {move || app.dataset.get().map(|ds| view! { <DatasetFacts ds=ds /> })}
            <section class="methodology" aria-label="Methodology">
                // Nothing while it downloads (a few milliseconds); a sentence if it cannot be had.
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        match methodology.await {
                            Some(md) => blocks(&md).into_iter().map(block_view).collect_view().into_any(),
                            None => view! {
                                <p>"The methodology text could not be loaded; reload the page to try again."</p>
                            }
                            .into_any(),
                        }
                    })}
                </Transition>
            </section>
        </article>
    }
}

/// One block of the methodology, as text.
fn block_view(b: Block) -> AnyView {
    match b {
        Block::Heading(2, t) => view! { <h3>{t}</h3> }.into_any(),
        Block::Heading(_, t) => view! { <h4>{t}</h4> }.into_any(),
        Block::Paragraph(t) => view! { <p>{t}</p> }.into_any(),
        Block::List(items) => view! {
            <ul>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul>
        }
        .into_any(),
    }
}

/// The dataset's own metadata and categories, so the page is true for any dataset.
#[component]
fn DatasetFacts(
    /// The dataset shown.
    ds: std::sync::Arc<Dataset>,
) -> impl IntoView {
    let m = &ds.meta;
    let facts = [
        ("Version", visible(&m.version).into_owned()),
        ("Last updated", m.updated.display()),
        ("Events", ds.events.len().to_string()),
        ("Actors", ds.actors.len().to_string()),
        ("Licence", visible(&m.license).into_owned()),
    ];
    let categories = ds.categories.clone();
    view! {
        <section aria-labelledby="about-dataset">
            <h3 id="about-dataset">{format!("This dataset: {}", visible(&m.title))}</h3>
            <p>{visible(&m.description).into_owned()}</p>
            <dl class="facts">
                {facts
                    .into_iter()
                    .map(|(term, value)| view! { <dt>{term}</dt><dd>{value}</dd> })
                    .collect_view()}
            </dl>
            <table class="categories-table">
                <caption>"Categories, their definitions and default tones"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Category"</th>
                        <th scope="col">"Definition"</th>
                        <th scope="col">"Tone"</th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || categories.clone() key=|c| c.id.clone() let:c>
                        <tr>
                            <th scope="row">
                                <span class="swatch" style:background=c.color.clone() aria-hidden="true"></span>
                                {visible(&c.label).into_owned()}
                            </th>
                            <td>{visible(&c.definition).into_owned()}</td>
                            <td class="num">{tone(c.tone)}</td>
                        </tr>
                    </For>
                </tbody>
            </table>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::{blocks, tone, Block};

    /// Tones read as `{:+}` writes them.
    #[test]
    fn tones() {
        let cases = [
            (4.0f32, "+4"),
            (-2.5, "-2.5"),
            (0.0, "+0"),
            (-0.0, "+0"),
            (-7.25, "-7.25"),
            (0.3, "+0.3"),
        ];
        for (t, want) in cases {
            assert_eq!(tone(t), want);
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
