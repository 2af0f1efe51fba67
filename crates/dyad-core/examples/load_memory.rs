//! The heap high-water mark of loading a dataset the way the app does (issue 7: 100k events must
//! fit in 200 MB of JS heap + wasm memory, and wasm memory never shrinks, so the peak of the load
//! is the page's footprint).
//!
//! `cargo run --release -p dyad-core --example load_memory -- [EVENTS] [SEED]` (default 100000 7)
//! makes the same file as `dyad synth --events EVENTS --seed SEED`, then replays `src/data.rs`:
//! the download (kept outside, as the app keeps it in a JS `ArrayBuffer`) copied into a 1 MB
//! buffer chunk by chunk and read by serde as it streams (`RawDataset::from_reader`), then
//! validated and built. It prints the live and peak bytes after each step.
//!
//! Natively this is a lower bound of the browser's figure: wasm32 has 4-byte pointers (smaller
//! structs), but its dlmalloc never returns memory and fragments, and the linear memory grows in
//! 64 KiB pages. Compare before/after with this, then confirm with `tests/bench/bench.sh`.

use peak_alloc::PeakAlloc;
use peakmem_alloc::{PeakMemAlloc, PeakMemAllocTrait};

/// Two counters over the system allocator, because they disagree on `realloc`: the outer one
/// takes it as resizing in place (the live bytes), the inner one as a move that holds old and
/// new block at once (what a growing `Vec` costs when its block cannot grow where it is).
/// Shrinking is in place in wasm's dlmalloc, so the truth lies between the two.
#[global_allocator]
static LIVE: PeakMemAlloc<PeakAlloc> = PeakMemAlloc::new(PeakAlloc);
static ALLOC: PeakAlloc = PeakAlloc;

fn mb(bytes: usize) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

/// Prints, step by step, the live bytes and their peaks, counted from where `new` was called.
struct Steps {
    base: usize,
    /// Live bytes when the current step began (the outer counter counts from there).
    start: usize,
}

impl Steps {
    fn new() -> Self {
        ALLOC.reset_peak_usage();
        LIVE.reset_peak_memory();
        Steps {
            base: ALLOC.current_usage(),
            start: 0,
        }
    }

    fn step(&mut self, name: &str) {
        let now = ALLOC.current_usage().saturating_sub(self.base);
        println!(
            "{name:<24} now {:>6.1} MB   peak {:>6.1} MB in place, {:>6.1} MB moving",
            mb(now),
            mb(self.start + LIVE.get_peak_memory()),
            mb(ALLOC.peak_usage().saturating_sub(self.base)),
        );
        ALLOC.reset_peak_usage();
        LIVE.reset_peak_memory();
        self.start = now;
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let events = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let seed = args.next().and_then(|a| a.parse().ok()).unwrap_or(7);

    // The file `dyad synth` writes (compact JSON), made before counting starts.
    let file = match serde_json::to_vec(&dyad_core::synth::synth(events, seed)) {
        Ok(file) => file,
        Err(e) => {
            eprintln!("cannot serialise the synthetic dataset: {e}");
            std::process::exit(1);
        }
    };
    println!(
        "{events} events, seed {seed}: file {:.1} MB",
        mb(file.len())
    );
    // Everything below is counted from here: the file stands for the JS side's ArrayBuffer,
    // which is not in wasm memory.
    let mut steps = Steps::new();

    // The 1 MB chunks src/data.rs copies out of the JS buffer.
    let raw = dyad_core::RawDataset::from_reader(std::io::BufReader::with_capacity(
        1 << 20,
        file.as_slice(),
    ));
    steps.step("read in chunks");
    let outcome = match raw {
        Ok(raw) => dyad_core::validate::validate(raw),
        Err(_) => dyad_core::validate::parse_dataset(&String::from_utf8_lossy(&file)),
    };
    steps.step("validated, built");
    match outcome {
        Ok(ds) => {
            println!("{} events loaded", ds.events.len());
            drop(ds);
            steps.step("dataset dropped");
        }
        Err(diags) => {
            eprintln!("{}", dyad_core::validate::format_diagnostics(&diags));
            std::process::exit(1);
        }
    }
}
