//! Criterion benchmarks of the core's hot paths on synthetic data of 10k, 100k and 1M events:
//! reading a file (`parse_dataset`), validating one in memory (`validate`), filtering with
//! facets (`filter::run`, with facet choices and with a text query), the timeline's layout of
//! every event (`timeline::layout_clusters`) and the actor-pair table (`aggregate::pair_table`). Figures and budgets are in docs/performance.md.
//!
//! Run with `cargo bench -p dyad-core --bench core`; add a filter such as `-- filter_facets` to
//! run one group, and set `DYAD_BENCH_MAX_EVENTS=100000` to skip the 1M size. The 1M runs take
//! fewer samples so that the whole run stays around ten minutes on two cores.

// `criterion_group!` generates a public function without a doc comment.
#![allow(missing_docs)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{
    criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, SamplingMode, Throughput,
};
use dyad_core::aggregate::pair_table;
use dyad_core::filter::{self, ActorMode, Filter};
use dyad_core::query::Lanes;
use dyad_core::synth::synth;
use dyad_core::timeline::{layout_clusters, overview_window, LanePlan, TimeScale};
use dyad_core::validate::{parse_dataset, validate};
use dyad_core::PartialDate;

const SIZES: [usize; 3] = [10_000, 100_000, 1_000_000];
const SEED: u64 = 2024;

/// What the filter panel typically holds: two actors (any), three categories, ten years.
fn facet_filter() -> Filter {
    let mut f = Filter {
        actors: vec!["RUS".into(), "wagner-group".into()],
        actor_mode: ActorMode::Any,
        categories: vec![
            "security_incident".into(),
            "deployment".into(),
            "military_agreement".into(),
        ],
        from: "2015".parse::<PartialDate>().ok(),
        to: "2024-06".parse::<PartialDate>().ok(),
        ..Filter::default()
    };
    f.normalize();
    f
}

/// A free-text search over every event: two words, one typed with its accent.
fn text_filter() -> Filter {
    Filter {
        text: "Ménaka wagner".into(),
        ..Filter::default()
    }
}

/// Whether one run takes seconds (reading and validating big files) or milliseconds.
#[derive(Clone, Copy, PartialEq)]
enum Cost {
    Slow,
    Fast,
}

/// Sampling per size: few, flat samples where one run takes seconds (criterion's minimum is 10
/// samples), so that the whole run stays around ten minutes on two cores.
fn group<'a>(
    c: &'a mut Criterion,
    name: &str,
    n: usize,
    cost: Cost,
) -> criterion::BenchmarkGroup<'a, criterion::measurement::WallTime> {
    let mut g = c.benchmark_group(name);
    g.throughput(Throughput::Elements(n as u64));
    let (samples, warm_up, measure) = match (cost, n) {
        (Cost::Slow, n) if n >= 100_000 => (10, 100, 1_000),
        (Cost::Slow, _) => (20, 500, 3_000),
        (Cost::Fast, n) if n >= 1_000_000 => (20, 500, 4_000),
        (Cost::Fast, n) if n >= 100_000 => (30, 500, 3_000),
        (Cost::Fast, _) => (50, 500, 2_000),
    };
    if cost == Cost::Slow && n >= 100_000 {
        g.sampling_mode(SamplingMode::Flat);
    }
    g.sample_size(samples);
    g.warm_up_time(Duration::from_millis(warm_up));
    g.measurement_time(Duration::from_millis(measure));
    g
}

/// Runs every group on `n` events. Inputs are made and dropped in turn so that at most two
/// forms of the 1M dataset (a few GB each) are in memory at once.
fn bench_size(c: &mut Criterion, n: usize) {
    let id = BenchmarkId::from_parameter(n);
    let raw = synth(n, SEED);

    let json = match serde_json::to_string(&raw) {
        Ok(j) => j,
        Err(e) => panic!("serialising synthetic data: {e}"),
    };
    eprintln!("{n} events: {} MB of JSON", json.len() / 1_000_000);
    let mut g = group(c, "parse", n, Cost::Slow);
    g.bench_with_input(id.clone(), &json, |b, json| {
        b.iter(|| parse_dataset(black_box(json)).map(|ds| ds.events.len()))
    });
    g.finish();
    drop(json);

    let mut g = group(c, "validate", n, Cost::Slow);
    g.bench_with_input(id.clone(), &raw, |b, raw| {
        // The clone is set-up, not measured: validate takes the raw dataset by value.
        b.iter_batched(
            || raw.clone(),
            |raw| validate(raw).map(|ds| ds.events.len()),
            BatchSize::PerIteration,
        )
    });
    g.finish();

    let ds = match validate(raw) {
        Ok(ds) => ds,
        Err(d) => panic!("synthetic data does not validate: {d:?}"),
    };
    let facets = facet_filter();
    let text = text_filter();
    eprintln!(
        "{n} events: the facet filter matches {}, the text filter {}",
        filter::run(&ds, &facets).matches.len(),
        filter::run(&ds, &text).matches.len()
    );
    for (name, f) in [("filter_facets", &facets), ("filter_text", &text)] {
        let mut g = group(c, name, n, Cost::Fast);
        g.bench_with_input(id.clone(), &ds, |b, ds| {
            b.iter(|| filter::run(black_box(ds), black_box(f)))
        });
        g.finish();
    }

    let all: Vec<usize> = (0..ds.events.len()).collect();
    // The timeline's layout of every event, zoomed out (the frame a filter change draws).
    let mut g = group(c, "timeline_layout", n, Cost::Fast);
    for lanes in [Lanes::Category, Lanes::Actor] {
        let plan = LanePlan::new(&ds, &all, lanes);
        let Some(span) = ds.span() else {
            continue;
        };
        let scale = TimeScale::from_window(overview_window(span), 1100.0);
        let mut out = vec![Vec::new(); plan.len()];
        let label = format!("{lanes:?}").to_lowercase();
        g.bench_with_input(BenchmarkId::new(label, n), &ds, |b, ds| {
            b.iter(|| layout_clusters(&scale, black_box(ds), &plan, &all, 14.0, &mut out))
        });
    }
    g.finish();

    let mut g = group(c, "pair_table", n, Cost::Fast);
    for rollup in [false, true] {
        let label = if rollup { "rollup" } else { "plain" };
        g.bench_with_input(BenchmarkId::new(label, n), &ds, |b, ds| {
            b.iter(|| pair_table(black_box(ds), black_box(&all), rollup))
        });
    }
    g.finish();
}

fn benches(c: &mut Criterion) {
    // DYAD_BENCH_MAX_EVENTS=100000 skips the larger sizes (and their set-up).
    let max = std::env::var("DYAD_BENCH_MAX_EVENTS")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(usize::MAX);
    for n in SIZES.into_iter().filter(|&n| n <= max) {
        bench_size(c, n);
    }
}

criterion_group!(core, benches);
criterion_main!(core);
