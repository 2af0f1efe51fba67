//! Importers: the files analysts already have (an ACLED export, a UCDP GED file, GDELT 2.0
//! event files, a TimelineJS sheet saved as CSV) turned into a Dyad dataset, in the browser and
//! in the CLI alike.
//!
//! [`detect`] tells a file's format from its content and columns; [`import`] reads a file of a
//! given format into a validated [`Dataset`], and [`open`] does both. Each format has its own
//! module, whose `import` gives the [`RawDataset`] that Dyad JSON is written from. A file with
//! problems is refused whole, with every problem at once: its row and column as a spreadsheet
//! shows them, the field, and what was expected. Nothing is half-imported.
//!
//! How each format's columns become actors, categories, dates, tones, places and sources is
//! written in docs/import-formats.md; the shared parts (ids, states, the categories and their
//! colours) are in `build.rs` and `catalogue.rs`. CSV is read by the `csv` crate (`sheet.rs`).

pub mod acled;
mod build;
mod catalogue;
pub mod gdelt;
mod sheet;
pub mod timelinejs;
pub mod ucdp;

use std::fmt;

use serde::de::{self, IgnoredAny, MapAccess, Visitor};

use crate::model::{Dataset, RawDataset};
use crate::validate::{parse_dataset, Diagnostic};

pub use catalogue::PALETTE;

/// A file format Dyad reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Dyad's own JSON (schema v1).
    Dyad,
    /// An ACLED CSV export.
    Acled,
    /// A UCDP GED CSV file.
    Ucdp,
    /// GDELT 2.0 event files (tab-separated, no header).
    Gdelt,
    /// A TimelineJS sheet saved as CSV.
    TimelineJs,
}

impl Format {
    /// Every format, in the order messages list them.
    pub const ALL: [Format; 5] = [
        Format::Dyad,
        Format::Acled,
        Format::Ucdp,
        Format::Gdelt,
        Format::TimelineJs,
    ];

    /// The name used on the command line (`--from acled`).
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Dyad => "dyad",
            Format::Acled => "acled",
            Format::Ucdp => "ucdp",
            Format::Gdelt => "gdelt",
            Format::TimelineJs => "timelinejs",
        }
    }

    /// The format by its command-line name.
    pub fn parse(s: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.as_str() == s)
    }

    /// What people call it.
    pub fn label(self) -> &'static str {
        match self {
            Format::Dyad => "Dyad JSON",
            Format::Acled => "ACLED CSV export",
            Format::Ucdp => "UCDP GED CSV",
            Format::Gdelt => "GDELT 2.0 events",
            Format::TimelineJs => "TimelineJS sheet saved as CSV",
        }
    }

    /// What detection looks for, in words.
    pub fn expected(self) -> String {
        match self {
            Format::Dyad => "a JSON object with a \"schema\" field".to_string(),
            Format::Gdelt => format!(
                "{} tab-separated fields a line, no header, the first a numeric GlobalEventID",
                gdelt::FIELDS
            ),
            _ => format!("columns {}", self.key_columns().join(", ")),
        }
    }

    /// The header columns that identify a CSV format (empty for the others).
    pub fn key_columns(self) -> &'static [&'static str] {
        match self {
            Format::Acled => acled::KEY_COLUMNS,
            Format::Ucdp => ucdp::KEY_COLUMNS,
            Format::TimelineJs => timelinejs::KEY_COLUMNS,
            Format::Dyad | Format::Gdelt => &[],
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A column of a sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// Its position, from 1.
    pub number: usize,
    /// Its letters as a spreadsheet names it (`A`, `B`, ... `AA`).
    pub letters: String,
    /// Its name in the format (`event_date`; for GDELT, the codebook's name of the field).
    pub name: String,
}

/// One problem in an imported file.
///
/// Displays as `row 4, column B (event_date): "2021-02-30" is not a real calendar date; expected
/// YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The row as a spreadsheet numbers it: the header is row 1 (a GDELT file has no header, so
    /// its first line is row 1). `None` for the file as a whole.
    pub row: Option<usize>,
    /// The column, when the problem is in one cell.
    pub column: Option<Column>,
    /// What is wrong and what was expected.
    pub message: String,
}

impl Problem {
    /// A problem with the file as a whole.
    pub(crate) fn file(message: impl Into<String>) -> Self {
        Problem {
            row: None,
            column: None,
            message: message.into(),
        }
    }

    /// A problem with a whole row.
    pub(crate) fn at_row(row: usize, message: String) -> Self {
        Problem {
            row: Some(row),
            column: None,
            message,
        }
    }

    /// A problem in one cell: column `index` (0-based) named `name`.
    pub(crate) fn at_cell(row: usize, index: usize, name: &str, message: String) -> Self {
        Problem {
            row: Some(row),
            column: Some(Column {
                number: index + 1,
                letters: sheet::letters(index),
                name: name.to_string(),
            }),
            message,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.row, &self.column) {
            (Some(r), Some(c)) if c.name.is_empty() => {
                write!(f, "row {r}, column {}: ", c.letters)?
            }
            (Some(r), Some(c)) => write!(f, "row {r}, column {} ({}): ", c.letters, c.name)?,
            (Some(r), None) => write!(f, "row {r}: ")?,
            (None, _) => {}
        }
        f.write_str(&self.message)
    }
}

/// Why a file's format could not be told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DetectError {
    /// What the file holds, in words (`columns a, b, c`, `an empty file`).
    pub found: String,
    /// A format the file nearly is, with the key columns it lacks.
    pub nearest: Option<(Format, Vec<&'static str>)>,
}

impl DetectError {
    /// One line per format: its name and what detection looks for.
    pub fn expected() -> Vec<String> {
        Format::ALL
            .iter()
            .map(|f| format!("{}: {}", f.label(), f.expected()))
            .collect()
    }
}

impl fmt::Display for DetectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "the file is in none of the formats Dyad reads, which are:"
        )?;
        for line in DetectError::expected() {
            writeln!(f, "  {line}")?;
        }
        write!(f, "found: {}", self.found)?;
        if let Some((format, missing)) = &self.nearest {
            write!(
                f,
                "\nnearest: {}, which also needs {}",
                format.label(),
                missing.join(", ")
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for DetectError {}

/// Why an import failed.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportError {
    /// The format could not be told (only from [`open`]).
    Undetected(DetectError),
    /// Every problem in a sheet, by row and column, in file order.
    Rows(Vec<Problem>),
    /// Every problem in a Dyad JSON file, as the validator words them.
    Dataset(Vec<Diagnostic>),
}

impl ImportError {
    /// Every problem on its own line, for a list on screen or standard error.
    pub fn lines(&self) -> Vec<String> {
        match self {
            ImportError::Undetected(e) => e.to_string().lines().map(str::to_string).collect(),
            ImportError::Rows(problems) => problems.iter().map(|p| p.to_string()).collect(),
            ImportError::Dataset(diags) => diags.iter().map(|d| d.to_string()).collect(),
        }
    }

    /// How many problems there are.
    pub fn count(&self) -> usize {
        match self {
            ImportError::Undetected(_) => 1,
            ImportError::Rows(p) => p.len(),
            ImportError::Dataset(d) => d.len(),
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.lines().join("\n"))
    }
}

impl std::error::Error for ImportError {}

/// Tells a file's format from its content: Dyad JSON if it is a JSON object with a `schema`
/// field (or text that fails to parse as JSON but names `"schema"`, so that the validator can
/// say where it breaks); GDELT by its 61 tab-separated fields with a numeric id; ACLED, UCDP and
/// TimelineJS by the key columns of their header ([`Format::key_columns`]).
pub fn detect(bytes: &[u8]) -> Result<Format, DetectError> {
    let text = sheet::strip_bom(bytes);
    let undetected = |found: String| DetectError {
        found,
        nearest: None,
    };
    if sheet::is_utf16(text) {
        return Err(undetected(sheet::UTF16.to_string()));
    }
    let start = text.iter().position(|b| !b.is_ascii_whitespace());
    let Some(start) = start else {
        return Err(undetected("an empty file".to_string()));
    };
    match text[start] {
        b'{' => return json(text),
        b'[' => {
            return Err(undetected(
                "a JSON array; a Dyad dataset is a JSON object".to_string(),
            ))
        }
        _ => {}
    }
    let first_line = text.split(|&b| b == b'\n').next().unwrap_or_default();
    if first_line.contains(&b'\t') {
        if let Some(format) = gdelt::looks_like(first_line) {
            return Ok(format);
        }
    }
    let columns = sheet::header(text, b',').unwrap_or_default();
    let lower: Vec<String> = columns.iter().map(|c| c.to_ascii_lowercase()).collect();
    let has = |name: &str| lower.iter().any(|c| c.eq_ignore_ascii_case(name));
    let mut nearest: Option<(Format, Vec<&'static str>)> = None;
    for format in [Format::Acled, Format::Ucdp, Format::TimelineJs] {
        let keys = format.key_columns();
        let missing: Vec<&'static str> = keys.iter().copied().filter(|k| !has(k)).collect();
        if missing.is_empty() {
            return Ok(format);
        }
        // Half the key columns or more: worth naming what else the format needs.
        let close = missing.len() * 2 <= keys.len();
        if close
            && nearest
                .as_ref()
                .is_none_or(|(_, m)| missing.len() < m.len())
        {
            nearest = Some((format, missing));
        }
    }
    let tabs = columns.len() <= 1 && first_line.contains(&b'\t');
    let mut found = if tabs {
        let n = first_line.split(|&b| b == b'\t').count();
        format!("a line of {n} tab-separated fields")
    } else {
        let shown: Vec<&str> = columns.iter().take(20).map(String::as_str).collect();
        let more = columns.len().saturating_sub(shown.len());
        let mut s = format!("columns {}", shown.join(", "));
        if more > 0 {
            s.push_str(&format!(" and {more} more"));
        }
        s
    };
    if columns.len() <= 1 && !tabs {
        if let Some(sep) = [b';', b'\t', b'|']
            .into_iter()
            .find(|s| first_line.contains(s))
        {
            found.push_str(&format!(
                " (the header seems separated by {:?}; Dyad reads comma-separated files)",
                char::from(sep)
            ));
        }
    }
    Err(DetectError { found, nearest })
}

/// Detection of a text that starts with `{`.
fn json(text: &[u8]) -> Result<Format, DetectError> {
    /// Reads an object's keys until `schema`, skipping the values, and stops there.
    struct Probe<'a>(&'a mut bool);
    impl<'de> Visitor<'de> for Probe<'_> {
        type Value = ();
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            while let Some(key) = map.next_key::<String>()? {
                if key == "schema" {
                    *self.0 = true;
                    // Stop here: nothing after the key matters to detection.
                    return Err(de::Error::custom("found"));
                }
                map.next_value::<IgnoredAny>()?;
            }
            Ok(())
        }
    }
    let mut found = false;
    let mut de = serde_json::Deserializer::from_slice(text);
    let read = serde::Deserializer::deserialize_map(&mut de, Probe(&mut found));
    if found {
        return Ok(Format::Dyad);
    }
    let names_schema = text.windows(8).any(|w| w == b"\"schema\"");
    match read {
        Err(_) if names_schema => Ok(Format::Dyad),
        Err(e) => Err(DetectError {
            found: format!("text that starts like JSON but does not parse ({e})"),
            nearest: None,
        }),
        Ok(()) => Err(DetectError {
            found: "a JSON object without a \"schema\" field".to_string(),
            nearest: None,
        }),
    }
}

/// Reads a file of the given format into a validated dataset, or every problem in it.
pub fn import(format: Format, bytes: &[u8]) -> Result<Dataset, ImportError> {
    read_rows(format, bytes)?.finish()
}

/// A file whose rows are read but not yet validated and indexed: the first of [`import`]'s two
/// steps, apart so that a caller (the browser app) can give the hand back between them.
pub struct RowsRead(Staged);

/// What the first step leaves for the second.
enum Staged {
    /// A sheet's rows, as a dataset to validate.
    Built(Box<build::Built>),
    /// A Dyad JSON file, validated as it is read.
    Done(Box<Dataset>),
}

impl RowsRead {
    /// How many events the rows hold.
    pub fn events(&self) -> usize {
        match &self.0 {
            Staged::Built(b) => b.events(),
            Staged::Done(ds) => ds.events.len(),
        }
    }

    /// The second step: validates and indexes the events (sorting them by date).
    pub fn finish(self) -> Result<Dataset, ImportError> {
        match self.0 {
            Staged::Built(b) => b.validate().map_err(ImportError::Rows),
            Staged::Done(ds) => Ok(*ds),
        }
    }
}

/// The first step of [`import`]: reads every row, with every problem a row has.
pub fn read_rows(format: Format, bytes: &[u8]) -> Result<RowsRead, ImportError> {
    let built = match format {
        Format::Dyad => return dyad(bytes).map(|ds| RowsRead(Staged::Done(Box::new(ds)))),
        Format::Acled => acled::read(bytes),
        Format::Ucdp => ucdp::read(bytes),
        Format::Gdelt => gdelt::read(bytes),
        Format::TimelineJs => timelinejs::read(bytes),
    };
    built
        .map(|b| RowsRead(Staged::Built(Box::new(b))))
        .map_err(ImportError::Rows)
}

/// [`import`], as the file form that Dyad JSON is written from (events in date order).
pub fn import_raw(format: Format, bytes: &[u8]) -> Result<RawDataset, ImportError> {
    import(format, bytes).map(|ds| ds.to_raw())
}

/// Detects a file's format and imports it: what the app does with a file the user opens.
pub fn open(bytes: &[u8]) -> Result<(Format, Dataset), ImportError> {
    let format = detect(bytes).map_err(ImportError::Undetected)?;
    import(format, bytes).map(|ds| (format, ds))
}

/// A Dyad JSON file, through the validator.
fn dyad(bytes: &[u8]) -> Result<Dataset, ImportError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        ImportError::Rows(vec![Problem::file(format!(
            "the file is not UTF-8 text (a bad byte at offset {}); save it as UTF-8",
            e.valid_up_to()
        ))])
    })?;
    parse_dataset(text).map_err(ImportError::Dataset)
}

#[cfg(test)]
mod tests;
