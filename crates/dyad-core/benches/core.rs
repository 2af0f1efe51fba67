//! Criterion benchmarks of the core's hot paths on synthetic data of 10k, 100k and 1M events:
//! reading a file (`parse_dataset`), validating one in memory (`validate`), filtering with
//! facets (`filter::run`, with facet choices and with a text query) and the actor-pair table
//! (`aggregate::pair_table`). Figures and budgets are in docs/performance.md.
//!
//! Run with `cargo bench -p dyad-core --bench core`; add a filter such as `-- filter_facets` to
//! run one group, and set `DYAD_BENCH_MAX_EVENTS=100000` to skip the 1M size. The 1M runs take
//! fewer samples so that the whole run stays around ten minutes on two cores.

// `criterion_group!` generates a public function without a doc comment.
#![allow(missing_docs)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, Throughput};
use dyad_core::aggregate::pair_table;
use dyad_core::filter::{self, ActorMode, Filter};
use dyad_core::synth::synth;
use dyad_core::validate::{parse_dataset, validate};
use dyad_core::{Dataset, PartialDate, RawDataset};

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

/// Fewer, longer samples for the big inputs: each parse of 1M events takes seconds.
fn tune(group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>, n: usize) {
    group.throughput(Throughput::Elements(n as u64));
    match n {
        n if n >= 1_000_000 => {
            group.sample_size(10);
            group.warm_up_time(Duration::from_millis(500));
            group.measurement_time(Duration::from_secs(5));
        }
        n if n >= 100_000 => {
            group.sample_size(20);
            group.warm_up_time(Duration::from_secs(1));
            group.measurement_time(Duration::from_secs(5));
        }
        _ => {
            group.sample_size(50);
            group.warm_up_time(Duration::from_secs(1));
            group.measurement_time(Duration::from_secs(3));
        }
    }
}

struct Fixture {
    n: usize,
    raw: RawDataset,
    json: String,
    ds: Dataset,
}

fn fixture(n: usize) -> Fixture {
    let raw = synth(n, SEED);
    let json = match serde_json::to_string(&raw) {
        Ok(j) => j,
        Err(e) => panic!("serialising synthetic data: {e}"),
    };
    let ds = match validate(raw.clone()) {
        Ok(ds) => ds,
        Err(d) => panic!("synthetic data does not validate: {d:?}"),
    };
    let facets = filter::run(&ds, &facet_filter()).matches.len();
    let text = filter::run(&ds, &text_filter()).matches.len();
    eprintln!(
        "fixture {n} events: {} MB of JSON; facet filter matches {facets}, text filter {text}",
        json.len() / 1_000_000
    );
    Fixture { n, raw, json, ds }
}

fn bench_size(c: &mut Criterion, fx: &Fixture) {
    let n = fx.n;
    let id = BenchmarkId::from_parameter(n);

    let mut g = c.benchmark_group("parse");
    tune(&mut g, n);
    g.bench_with_input(id.clone(), &fx.json, |b, json| {
        b.iter(|| parse_dataset(black_box(json)).map(|ds| ds.events.len()))
    });
    g.finish();

    let mut g = c.benchmark_group("validate");
    tune(&mut g, n);
    g.bench_with_input(id.clone(), &fx.raw, |b, raw| {
        // The clone is set-up, not measured: validate takes the raw dataset by value.
        b.iter_batched(
            || raw.clone(),
            |raw| validate(raw).map(|ds| ds.events.len()),
            BatchSize::PerIteration,
        )
    });
    g.finish();

    let mut g = c.benchmark_group("filter_facets");
    tune(&mut g, n);
    let f = facet_filter();
    g.bench_with_input(id.clone(), &fx.ds, |b, ds| {
        b.iter(|| filter::run(black_box(ds), black_box(&f)))
    });
    g.finish();

    let mut g = c.benchmark_group("filter_text");
    tune(&mut g, n);
    let f = text_filter();
    g.bench_with_input(id.clone(), &fx.ds, |b, ds| {
        b.iter(|| filter::run(black_box(ds), black_box(&f)))
    });
    g.finish();

    let mut g = c.benchmark_group("pair_table");
    tune(&mut g, n);
    let all: Vec<usize> = (0..fx.ds.events.len()).collect();
    for rollup in [false, true] {
        let label = if rollup { "rollup" } else { "plain" };
        g.bench_with_input(BenchmarkId::new(label, n), &fx.ds, |b, ds| {
            b.iter(|| pair_table(black_box(ds), black_box(&all), rollup))
        });
    }
    g.finish();
}

fn benches(c: &mut Criterion) {
    // DYAD_BENCH_MAX_EVENTS=100000 skips the larger sizes (and their minute of set-up).
    let max = std::env::var("DYAD_BENCH_MAX_EVENTS")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(usize::MAX);
    for n in SIZES.into_iter().filter(|&n| n <= max) {
        // One size in memory at a time: 1M events are a few GB as JSON, raw and indexed.
        let fx = fixture(n);
        bench_size(c, &fx);
    }
}

criterion_group!(core, benches);
criterion_main!(core);
