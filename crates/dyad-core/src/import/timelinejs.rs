//! TimelineJS sheets saved as CSV: the Knight Lab template's columns, one slide a row.
//!
//! `Year`, `Month`, `Day` give a slide's date at the precision filled in (a year, a month or a
//! day), `End Year`, `End Month`, `End Day` its end; `Headline` its title and `Text` (HTML,
//! shown as plain text) its summary; `Group` its category (one per group, in the order met,
//! coloured from the palette); `Media` and `Media Credit` its source. A `Type` of `title` gives
//! the dataset's title and description, `era` an event in the category "Era". TimelineJS names
//! no actors, so every slide has the one actor "Unspecified"; `Time`, `Display Date` and
//! `Media Caption` go to notes, and `Media Thumbnail` and `Background` are ignored.

use crate::date::{month_abbrev, PartialDate};
use crate::model::{ActorKind, RawDataset, RawEvent, SourceType, Verification};

use super::build::{self, About, Builder, Built};
use super::catalogue;
use super::sheet::{opt, req, Row, Sheet, Spec};
use super::Problem;

/// The header columns that identify a TimelineJS sheet.
pub const KEY_COLUMNS: &[&str] = &["Year", "Headline", "Text"];

const YEAR: usize = 0;
const MONTH: usize = 1;
const DAY: usize = 2;
const TIME: usize = 3;
const END_YEAR: usize = 4;
const END_MONTH: usize = 5;
const END_DAY: usize = 6;
const DISPLAY_DATE: usize = 8;
const HEADLINE: usize = 9;
const TEXT: usize = 10;
const MEDIA: usize = 11;
const MEDIA_CREDIT: usize = 12;
const MEDIA_CAPTION: usize = 13;
const TYPE: usize = 15;
const GROUP: usize = 16;

/// The template's columns, in its order.
const SPECS: &[Spec] = &[
    req("Year"),
    req("Month"),
    req("Day"),
    opt("Time"),
    opt("End Year"),
    opt("End Month"),
    opt("End Day"),
    opt("End Time"),
    opt("Display Date"),
    req("Headline"),
    req("Text"),
    opt("Media"),
    opt("Media Credit"),
    opt("Media Caption"),
    opt("Media Thumbnail"),
    opt("Type"),
    opt("Group"),
    opt("Background"),
];

/// The date in columns `year`, `month`, `day` at the precision filled in: `Ok(None)` when all
/// three are empty, `Err(())` after reporting a problem.
fn date(
    row: &Row<'_>,
    [year, month, day]: [usize; 3],
    problems: &mut Vec<Problem>,
) -> Result<Option<PartialDate>, ()> {
    let (y, m, d) = (row.get(year), row.get(month), row.get(day));
    if y.is_empty() {
        if m.is_empty() && d.is_empty() {
            return Ok(None);
        }
        problems.extend(row.problem(year, "empty, but a month or day is given".to_string()));
        return Err(());
    }
    let Ok(y_num) = y.parse::<i32>() else {
        problems.extend(row.problem(
            year,
            format!("{y:?} is not a year; expected a whole number such as 2021"),
        ));
        return Err(());
    };
    if !(crate::date::MIN_YEAR..=crate::date::MAX_YEAR).contains(&y_num) {
        problems.extend(row.problem(
            year,
            format!("{y} is outside the years Dyad reads, 1000 to 2999"),
        ));
        return Err(());
    }
    if m.is_empty() {
        if !d.is_empty() {
            problems.extend(row.problem(day, format!("{d:?} is a day without a month")));
            return Err(());
        }
        return PartialDate::year(y_num).map(Some).map_err(|_| ());
    }
    let Some(m_num) = m.parse::<u32>().ok().filter(|m| (1..=12).contains(m)) else {
        problems.extend(row.problem(month, format!("{m:?} is not a month; expected 1 to 12")));
        return Err(());
    };
    if d.is_empty() {
        return PartialDate::month(y_num, m_num).map(Some).map_err(|_| ());
    }
    match d
        .parse::<u32>()
        .ok()
        .map(|d| PartialDate::day(y_num, m_num, d))
    {
        Some(Ok(date)) => Ok(Some(date)),
        _ => {
            problems.extend(row.problem(
                day,
                format!(
                    "{d:?} is not a day of {} {y_num}",
                    month_abbrev(m_num).trim_end_matches('.')
                ),
            ));
            Err(())
        }
    }
}

/// HTML as plain text: tags dropped (those that break lines leave a space), the common
/// entities decoded, whitespace collapsed. The app never renders HTML, so a slide's markup
/// would otherwise show as text.
pub(crate) fn plain(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find(['<', '&']) {
        text.push_str(&rest[..i]);
        let tail = &rest[i..];
        if let Some(inner) = tail.strip_prefix('<') {
            let after = inner.chars().next().unwrap_or(' ');
            match tail.find('>') {
                Some(end) if after.is_ascii_alphabetic() || after == '/' || after == '!' => {
                    let name = tail[1..end].trim_start_matches('/').to_ascii_lowercase();
                    let breaks = ["br", "p", "div", "li", "ul", "ol", "h"];
                    if breaks.iter().any(|b| name.starts_with(b)) {
                        text.push(' ');
                    }
                    rest = &tail[end + 1..];
                }
                _ => {
                    text.push('<');
                    rest = &tail[1..];
                }
            }
        } else {
            let entity = tail
                .find(';')
                .filter(|&e| e <= 10)
                .map(|e| (&tail[1..e], e));
            let decoded = entity.and_then(|(name, e)| {
                let c = match name {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    "nbsp" => Some(' '),
                    _ => name
                        .strip_prefix("#x")
                        .or_else(|| name.strip_prefix("#X"))
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                        .or_else(|| name.strip_prefix('#').and_then(|n| n.parse().ok()))
                        .and_then(char::from_u32),
                };
                c.map(|c| (c, e))
            });
            match decoded {
                Some((c, e)) => {
                    text.push(c);
                    rest = &tail[e + 1..];
                }
                None => {
                    text.push('&');
                    rest = &tail[1..];
                }
            }
        }
    }
    text.push_str(rest);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first `n` characters of a text, with an ellipsis when cut.
fn first_chars(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", s[..i].trim_end()),
        None => s.to_string(),
    }
}

/// Reads a TimelineJS sheet into a validated dataset (events in date order), or every problem.
pub fn import(bytes: &[u8]) -> Result<RawDataset, Vec<Problem>> {
    read(bytes).and_then(Built::validate_raw)
}

/// Reads a TimelineJS sheet into a dataset to validate.
pub(crate) fn read(bytes: &[u8]) -> Result<Built, Vec<Problem>> {
    let mut b = Builder::for_bytes(bytes);
    let mut sheet = Sheet::csv(bytes, SPECS, &mut b.problems);
    let mut title: Option<(usize, String, String)> = None;
    while let Some(row) = sheet.next(&mut b.problems) {
        let problems_before = b.problems.len();
        let kind = row.get(TYPE).to_ascii_lowercase();
        if !matches!(kind.as_str(), "" | "title" | "era") {
            let given = row.get(TYPE);
            b.problems.extend(row.problem(
                TYPE,
                format!("unknown type {given:?}; expected title, era or nothing"),
            ));
        }
        let headline = plain(row.get(HEADLINE));
        let text = plain(row.get(TEXT));
        if kind == "title" {
            match &title {
                Some((first, ..)) => {
                    let message = format!("a second title slide; the first is row {first}");
                    b.problems.extend(row.problem(TYPE, message));
                }
                None => title = Some((row.number, headline, text)),
            }
            continue;
        }
        let start = date(&row, [YEAR, MONTH, DAY], &mut b.problems);
        let end = date(&row, [END_YEAR, END_MONTH, END_DAY], &mut b.problems);
        if let Ok(None) = start {
            b.problems
                .extend(row.problem(YEAR, "empty; every slide but the title needs a year".into()));
        }
        if let (Ok(Some(s)), Ok(Some(e))) = (start, end) {
            if e.last_day() < s.first_day() {
                b.problems.extend(row.problem(
                    END_YEAR,
                    format!(
                        "the end, {}, is before the start, {}",
                        e.display(),
                        s.display()
                    ),
                ));
            }
        }
        let title_text = match (headline.is_empty(), text.is_empty()) {
            (false, _) => headline.clone(),
            (true, false) => first_chars(&text, 80),
            (true, true) => {
                b.problems.extend(row.problem(
                    HEADLINE,
                    "empty, and so is Text; a slide needs a headline".to_string(),
                ));
                String::new()
            }
        };
        let (Ok(Some(date)), Ok(end)) = (start, end) else {
            continue;
        };
        if b.problems.len() > problems_before {
            continue;
        }

        let id = b.event_id_from(row.number, &format!("{date} {title_text}"));
        let category = if kind == "era" {
            b.category(&catalogue::ERA)
        } else {
            match row.get(GROUP) {
                "" => b.group("No group", "Slides the sheet puts in no group.".to_string()),
                g => b.group(g, format!("Slides of the sheet's group \"{g}\".")),
            }
        };
        let actor = b.actor_keyed("unspecified", "Unspecified", ActorKind::Other);

        let media = row.get(MEDIA);
        let credit = plain(row.get(MEDIA_CREDIT));
        let caption = plain(row.get(MEDIA_CAPTION));
        let mut source = build::source(media, SourceType::Other);
        if source.url.is_some() {
            if !credit.is_empty() {
                source.publisher = credit;
            }
        } else if !credit.is_empty() {
            source = build::source(&credit, SourceType::Other);
        } else {
            source = build::source("TimelineJS sheet", SourceType::Other);
            source.note = Some("The sheet names no source for this slide.".to_string());
        }
        if source.note.is_none() && !caption.is_empty() {
            source.note = Some(caption);
        }

        let mut notes = Vec::new();
        match row.get(DISPLAY_DATE) {
            "" => {}
            shown => notes.push(format!("Shown in the sheet as \"{}\".", plain(shown))),
        }
        match row.get(TIME) {
            "" => {}
            time => notes.push(format!("Time in the sheet: {time}.")),
        }
        b.push(
            row.number,
            RawEvent {
                id,
                date,
                end,
                title: title_text,
                summary: text,
                category,
                actors: vec![actor],
                tone: None,
                milestone: false,
                location: None,
                sources: vec![source],
                tags: Vec::new(),
                notes: (!notes.is_empty()).then(|| notes.join(" ")),
                verification: Verification::Unverified,
            },
        );
    }
    let (title, intro) = match title {
        Some((_, headline, text)) if !headline.is_empty() => (headline, text),
        Some((_, _, text)) => ("TimelineJS sheet".to_string(), text),
        None => ("TimelineJS sheet".to_string(), String::new()),
    };
    b.finish(About {
        id: "timelinejs-import",
        title,
        intro,
        what: "a TimelineJS sheet",
        license: "The sheet's author's terms apply.".to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Markup becomes plain text; text that only looks like markup stays.
    #[test]
    fn plain_text() {
        let cases = [
            (
                "<p>Coup in <b>Bam</b>ako</p><p>Second</p>",
                "Coup in Bamako Second",
            ),
            ("a<br/>b", "a b"),
            ("Tom &amp; Jerry &lt;3 &#233;t&#xE9;", "Tom & Jerry <3 été"),
            ("1 < 2 & 3 > 2", "1 < 2 & 3 > 2"),
            ("<a href=\"https://example.org\">link</a>", "link"),
            ("&bogus; &#xZZ; &", "&bogus; &#xZZ; &"),
            ("unclosed <b", "unclosed <b"),
            ("  spaced\n\tout  ", "spaced out"),
        ];
        for (html, want) in cases {
            assert_eq!(plain(html), want, "{html}");
        }
    }
}
