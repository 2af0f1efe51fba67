//! The `dyad` command: check a data file, summarise it, make a synthetic one, convert a file
//! from another format (ACLED, UCDP GED, GDELT, TimelineJS) into one, or write the default
//! view's first screen into the built page (`prerender.rs`).
//!
//! Glue over `dyad-core`, which holds every rule: this file parses flags, reads and writes files
//! and maps outcomes to exit codes (0 ok, 1 the data has problems, 2 the file or the command line
//! could not be used). The summary tables live in `stats.rs`.

mod prerender;
mod stats;

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use dyad_core::import::{self, Format, ImportError};
use dyad_core::validate::{parse_dataset, Diagnostic};
use dyad_core::Dataset;

/// Validate, summarise and synthesise Dyad datasets.
#[derive(Debug, Parser)]
#[command(name = "dyad", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check a data file and list every problem in it (exit 1 if any, 2 if unreadable).
    Validate {
        /// The dataset, a JSON file.
        file: PathBuf,
    },
    /// Count events by year, category and actor, and list the most frequent actor pairs.
    Stats {
        /// The dataset, a JSON file.
        file: PathBuf,
        /// Count affiliated actors as their parent (Wagner Group as Russia).
        #[arg(long)]
        rollup: bool,
        /// Print JSON instead of aligned text.
        #[arg(long)]
        json: bool,
        /// How many actor pairs to list.
        #[arg(long, default_value_t = 10)]
        top: usize,
    },
    /// Write a synthetic, entirely fictional dataset (the same for the same seed).
    Synth {
        /// Number of events.
        #[arg(long, default_value_t = 1000)]
        events: usize,
        /// Random seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Write to this file instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Indent the JSON for reading.
        #[arg(long)]
        pretty: bool,
    },
    /// Write the default view's first screen of a dataset, as static HTML, into a built
    /// index.html at its `<!-- dyad:prerendered -->` marker (the release build's hook does).
    Prerender {
        /// The dataset the page loads by default, a JSON file.
        #[arg(long)]
        data: PathBuf,
        /// The page to write into, in place.
        #[arg(long)]
        html: PathBuf,
        /// How many rows of the event list.
        #[arg(long, default_value_t = prerender::ROWS)]
        rows: usize,
    },
    /// Convert an ACLED, UCDP GED, GDELT or TimelineJS file into a Dyad dataset (exit 1 with
    /// every problem if it has any, 2 if unreadable).
    Import {
        /// The file to convert.
        file: PathBuf,
        /// Its format; `auto` tells it from the file's content and columns.
        #[arg(long, value_enum, default_value_t = InputFormat::Auto)]
        from: InputFormat,
        /// Write the dataset to this file instead of standard output.
        #[arg(short, long)]
        out: Option<PathBuf>,
        /// Indent the JSON for reading.
        #[arg(long)]
        pretty: bool,
    },
}

/// The formats `dyad import --from` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum InputFormat {
    /// Tell the format from the file's content and columns.
    Auto,
    /// An ACLED CSV export.
    Acled,
    /// A UCDP GED CSV file.
    Ucdp,
    /// GDELT 2.0 event files (tab-separated).
    Gdelt,
    /// A TimelineJS sheet saved as CSV.
    Timelinejs,
    /// A Dyad JSON dataset (checked and written back).
    Dyad,
}

impl InputFormat {
    fn format(self) -> Option<Format> {
        match self {
            InputFormat::Auto => None,
            InputFormat::Acled => Some(Format::Acled),
            InputFormat::Ucdp => Some(Format::Ucdp),
            InputFormat::Gdelt => Some(Format::Gdelt),
            InputFormat::Timelinejs => Some(Format::TimelineJs),
            InputFormat::Dyad => Some(Format::Dyad),
        }
    }
}

/// Data has problems: the file was read but is not a valid dataset.
const EXIT_INVALID: u8 = 1;
/// The file could not be read or written.
const EXIT_IO: u8 = 2;

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Validate { file } => match load(&file) {
            Ok(ds) => {
                println!(
                    "{}: ok — {} events, {} actors, {} categories",
                    file.display(),
                    ds.events.len(),
                    ds.actors.len(),
                    ds.categories.len()
                );
                ExitCode::SUCCESS
            }
            Err(code) => code,
        },
        Command::Stats {
            file,
            rollup,
            json,
            top,
        } => match load(&file) {
            Ok(ds) => {
                let s = stats::Stats::of(&ds, rollup, top);
                let text = if json {
                    s.to_json(&ds, &file.display().to_string())
                } else {
                    s.to_text(&ds, &file.display().to_string())
                };
                print_or_fail(&text)
            }
            Err(code) => code,
        },
        Command::Synth {
            events,
            seed,
            out,
            pretty,
        } => synth(events, seed, out.as_deref(), pretty),
        Command::Import {
            file,
            from,
            out,
            pretty,
        } => import_file(&file, from, out.as_deref(), pretty),
        Command::Prerender { data, html, rows } => match load(&data) {
            Ok(ds) => prerender_into(&ds, &html, rows),
            Err(code) => code,
        },
    }
}

/// Writes the first screen of `ds` into the page at `html`.
fn prerender_into(ds: &Dataset, html: &Path, rows: usize) -> ExitCode {
    let written = fs::read_to_string(html)
        .map_err(|e| format!("cannot read {}: {e}", html.display()))
        .and_then(|page| {
            prerender::insert(&page, &prerender::first_screen(ds, rows))
                .map_err(|e| format!("{}: {e}", html.display()))
        })
        .and_then(|page| {
            fs::write(html, page).map_err(|e| format!("cannot write {}: {e}", html.display()))
        });
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("dyad: {msg}");
            ExitCode::from(EXIT_IO)
        }
    }
}

/// `dyad import`: reads a file, imports it with the core's importers and writes Dyad JSON.
fn import_file(file: &Path, from: InputFormat, out: Option<&Path>, pretty: bool) -> ExitCode {
    let bytes = match fs::read(file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("dyad: cannot read {}: {e}", file.display());
            return ExitCode::from(EXIT_IO);
        }
    };
    let imported = match from.format() {
        Some(format) => import::import_raw(format, &bytes).map(|raw| (format, raw)),
        None => import::open(&bytes).map(|(format, ds)| (format, ds.to_raw())),
    };
    let (format, raw) = match imported {
        Ok(x) => x,
        Err(e) => {
            let mut lines = e.lines();
            let count = match &e {
                ImportError::Undetected(_) => 1,
                _ => lines.len(),
            };
            // A format named by hand that the content contradicts: say which it looks like.
            if let (Some(named), Ok(seen)) = (from.format(), import::detect(&bytes)) {
                if seen != named {
                    lines.push(format!(
                        "its content is in another format, {}: try --from {}",
                        seen.label(),
                        seen.as_str()
                    ));
                }
            }
            report_lines(file, &lines, count);
            return ExitCode::from(EXIT_INVALID);
        }
    };
    let written = match out {
        Some(path) => fs::File::create(path)
            .map_err(|e| format!("cannot create {}: {e}", path.display()))
            .and_then(|f| write_json(BufWriter::new(f), &raw, pretty)),
        None => write_json(BufWriter::new(io::stdout().lock()), &raw, pretty),
    };
    if let Err(msg) = written {
        eprintln!("dyad: {msg}");
        return ExitCode::from(EXIT_IO);
    }
    if let Some(path) = out {
        println!(
            "{}: {} — {} events, {} actors, {} categories written to {}",
            file.display(),
            format.label(),
            raw.events.len(),
            raw.actors.len(),
            raw.categories.len(),
            path.display()
        );
    }
    ExitCode::SUCCESS
}

/// Reads and validates a file; on failure reports to stderr and returns the exit code.
fn load(file: &Path) -> Result<Dataset, ExitCode> {
    let text = fs::read_to_string(file).map_err(|e| {
        eprintln!("dyad: cannot read {}: {e}", file.display());
        ExitCode::from(EXIT_IO)
    })?;
    parse_dataset(&text).map_err(|diags| {
        report(file, &diags);
        ExitCode::from(EXIT_INVALID)
    })
}

/// Every diagnostic on its own line, prefixed by the file name as compilers do, then a count.
fn report(file: &Path, diags: &[Diagnostic]) {
    let lines: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
    report_lines(file, &lines, lines.len());
}

/// Lines of problems on standard error, each prefixed by the file name, then the count of
/// problems (`n`, which may differ from the lines: one problem may take several).
fn report_lines(file: &Path, lines: &[String], n: usize) {
    let stderr = io::stderr();
    let mut err = stderr.lock();
    for line in lines {
        // Nothing sensible is left to do if stderr itself is gone.
        let _ = writeln!(err, "{}: {line}", file.display());
    }
    let _ = writeln!(
        err,
        "{}: {n} problem{}",
        file.display(),
        if n == 1 { "" } else { "s" }
    );
}

fn print_or_fail(text: &str) -> ExitCode {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`dyad stats f | head`) is not an error worth a message.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dyad: cannot write output: {e}");
            ExitCode::from(EXIT_IO)
        }
    }
}

fn synth(events: usize, seed: u64, out: Option<&Path>, pretty: bool) -> ExitCode {
    let raw = dyad_core::synth::synth(events, seed);
    let result = match out {
        Some(path) => fs::File::create(path)
            .map_err(|e| format!("cannot create {}: {e}", path.display()))
            .and_then(|f| write_json(BufWriter::new(f), &raw, pretty)),
        None => write_json(BufWriter::new(io::stdout().lock()), &raw, pretty),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("dyad: {msg}");
            ExitCode::from(EXIT_IO)
        }
    }
}

fn write_json<W: Write>(mut w: W, raw: &dyad_core::RawDataset, pretty: bool) -> Result<(), String> {
    let written = if pretty {
        serde_json::to_writer_pretty(&mut w, raw)
    } else {
        serde_json::to_writer(&mut w, raw)
    };
    written
        .map_err(io::Error::from)
        .and_then(|_| w.write_all(b"\n"))
        .and_then(|_| w.flush())
        .or_else(|e| match e.kind() {
            io::ErrorKind::BrokenPipe => Ok(()),
            _ => Err(e),
        })
        .map_err(|e| format!("cannot write the dataset: {e}"))
}
