//! `dyad stats`: what a dataset holds, at a glance: events by year, by category and by actor, and
//! the actor pairs that share the most events.
//!
//! The counting is `dyad-core`'s (`aggregate::actor_activity`, `aggregate::pair_table`); this
//! module only arranges the numbers as aligned text or JSON.

use std::collections::BTreeMap;

use dyad_core::aggregate::{actor_activity, pair_table, PairStats};
use dyad_core::date::iso_of_day;
use dyad_core::{ActorIx, Dataset};
use serde_json::{json, Value};

/// The numbers `dyad stats` shows.
pub struct Stats {
    rollup: bool,
    by_year: BTreeMap<i32, u32>,
    /// (category index, events), most events first.
    by_category: Vec<(usize, u32)>,
    /// (actor, events), most events first.
    by_actor: Vec<(ActorIx, u32)>,
    /// Total number of distinct pairs, before `top` was applied.
    pair_count: usize,
    top_pairs: Vec<PairStats>,
}

impl Stats {
    /// Counts over every event of `ds`; `rollup` counts affiliates as their parent.
    pub fn of(ds: &Dataset, rollup: bool, top: usize) -> Stats {
        let all: Vec<usize> = (0..ds.events.len()).collect();
        let mut by_year = BTreeMap::new();
        let mut cats = vec![0u32; ds.categories.len()];
        for e in &ds.events {
            *by_year.entry(e.date.year_num()).or_insert(0) += 1;
            if let Some(c) = cats.get_mut(e.category as usize) {
                *c += 1;
            }
        }
        let mut by_category: Vec<(usize, u32)> = cats.into_iter().enumerate().collect();
        // Stable sort: ties keep the file's category order.
        by_category.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
        let mut pairs = pair_table(ds, &all, rollup);
        let pair_count = pairs.len();
        pairs.truncate(top);
        Stats {
            rollup,
            by_year,
            by_category,
            by_actor: actor_activity(ds, &all, rollup),
            pair_count,
            top_pairs: pairs,
        }
    }

    /// Aligned plain text, one section per table.
    pub fn to_text(&self, ds: &Dataset, file: &str) -> String {
        let mut out = String::new();
        let span = ds
            .span()
            .map(|s| format!(", {} to {}", iso_of_day(s.start), iso_of_day(s.end)))
            .unwrap_or_default();
        out.push_str(&format!(
            "{file}: {} events, {} actors, {} categories{span}\n",
            ds.events.len(),
            ds.actors.len(),
            ds.categories.len()
        ));

        section(&mut out, "Events by year");
        table(
            &mut out,
            &["year", "events"],
            self.by_year
                .iter()
                .map(|(y, n)| vec![y.to_string(), n.to_string()])
                .collect(),
        );

        section(&mut out, "Events by category");
        table(
            &mut out,
            &["category", "events"],
            self.by_category
                .iter()
                .filter_map(|&(c, n)| {
                    let cat = ds.categories.get(c)?;
                    Some(vec![format!("{} ({})", cat.label, cat.id), n.to_string()])
                })
                .collect(),
        );

        let rolled = if self.rollup { ", rolled up" } else { "" };
        section(&mut out, &format!("Events by actor{rolled}"));
        table(
            &mut out,
            &["actor", "events"],
            self.by_actor
                .iter()
                .map(|&(a, n)| vec![actor_label(ds, a), n.to_string()])
                .collect(),
        );

        section(
            &mut out,
            &format!(
                "Top {} of {} actor pairs{rolled}",
                self.top_pairs.len(),
                self.pair_count
            ),
        );
        table(
            &mut out,
            &["pair", "events", "net tone", "mean tone", "first", "last"],
            self.top_pairs
                .iter()
                .map(|p| {
                    vec![
                        format!(
                            "{} – {}",
                            actor_label(ds, p.key.a),
                            actor_label(ds, p.key.b)
                        ),
                        p.count.to_string(),
                        format!("{:+.1}", p.net_tone),
                        format!("{:+.2}", p.mean_tone),
                        p.first.to_string(),
                        p.last.to_string(),
                    ]
                })
                .collect(),
        );
        out
    }

    /// The same numbers as one JSON document (pretty-printed, newline-terminated).
    pub fn to_json(&self, ds: &Dataset, file: &str) -> String {
        let actor = |a: ActorIx| ds.actor(a).map_or("", |x| x.id.as_str());
        let span = ds
            .span()
            .map(|s| json!({ "start": iso_of_day(s.start), "end": iso_of_day(s.end) }));
        let v = json!({
            "file": file,
            "rollup": self.rollup,
            "events": ds.events.len(),
            "actors": ds.actors.len(),
            "categories": ds.categories.len(),
            "span": span,
            "by_year": self.by_year.iter()
                .map(|(y, n)| json!({ "year": y, "events": n }))
                .collect::<Vec<Value>>(),
            "by_category": self.by_category.iter()
                .filter_map(|&(c, n)| ds.categories.get(c).map(|cat| json!({ "id": cat.id, "events": n })))
                .collect::<Vec<Value>>(),
            "by_actor": self.by_actor.iter()
                .map(|&(a, n)| json!({ "id": actor(a), "events": n }))
                .collect::<Vec<Value>>(),
            "pairs": self.pair_count,
            "top_pairs": self.top_pairs.iter().map(|p| json!({
                "a": actor(p.key.a),
                "b": actor(p.key.b),
                "events": p.count,
                "net_tone": p.net_tone,
                "mean_tone": p.mean_tone,
                "first": p.first.to_string(),
                "last": p.last.to_string(),
            })).collect::<Vec<Value>>(),
        });
        // Serialising a `Value` built from plain strings and numbers cannot fail; an empty
        // object is still valid JSON if it ever did.
        let mut s = serde_json::to_string_pretty(&v).unwrap_or_else(|_| "{}".to_string());
        s.push('\n');
        s
    }
}

fn actor_label(ds: &Dataset, a: ActorIx) -> String {
    ds.actor(a)
        .map(|x| format!("{} ({})", x.name, x.id))
        .unwrap_or_else(|| format!("#{a}"))
}

/// A blank line and a heading.
fn section(out: &mut String, title: &str) {
    out.push('\n');
    out.push_str(title);
    out.push('\n');
}

/// Rows with the first column left-aligned and the others right-aligned, each column as wide as
/// its widest cell (counted in characters, so accented names line up).
fn table(out: &mut String, header: &[&str], mut rows: Vec<Vec<String>>) {
    rows.insert(0, header.iter().map(|h| h.to_string()).collect());
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..cols)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    for row in rows {
        for (c, cell) in row.iter().enumerate() {
            let w = widths.get(c).copied().unwrap_or(0);
            let pad = " ".repeat(w.saturating_sub(cell.chars().count()));
            out.push_str("  ");
            if c == 0 {
                out.push_str(cell);
                out.push_str(&pad);
            } else {
                out.push_str(&pad);
                out.push_str(cell);
            }
        }
        // Trailing padding of the first column when it is the only one would be noise.
        while out.ends_with(' ') {
            out.pop();
        }
        out.push('\n');
    }
}
