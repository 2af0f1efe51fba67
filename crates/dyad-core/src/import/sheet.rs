//! Reading a sheet: a CSV file with a header row, or GDELT's tab-separated lines without one,
//! through the `csv` crate, with each column found by its name and each row checked as it is
//! read.
//!
//! A format lists the columns it reads ([`Spec`]); [`Sheet::csv`] finds them in the header
//! (trimmed, any case) and reports each required one that is missing. [`Sheet::next`] hands out
//! the rows one at a time, numbered as a spreadsheet numbers them (the header is row 1), and
//! skips blank rows. A row whose cell count differs from the header's is reported and skipped,
//! since its cells no longer sit under their columns; a cell that is not UTF-8 is reported and
//! read with replacement characters, so the rest of the row is still checked.

use csv::{ByteRecord, StringRecord};

use super::Problem;

/// A column a format reads.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Spec {
    /// Its name in the header (matched trimmed and in any case).
    pub name: &'static str,
    /// Whether the import needs it: a missing required column is a problem.
    pub required: bool,
}

/// A required column.
pub(crate) const fn req(name: &'static str) -> Spec {
    Spec {
        name,
        required: true,
    }
}

/// An optional column: read when present.
pub(crate) const fn opt(name: &'static str) -> Spec {
    Spec {
        name,
        required: false,
    }
}

/// The byte-order mark some programs (Excel among them) write at the start of a UTF-8 file.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// `bytes` without a UTF-8 byte-order mark.
pub(crate) fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(BOM).unwrap_or(bytes)
}

/// Whether `bytes` start with a UTF-16 byte-order mark (Excel's "Unicode text").
pub(crate) fn is_utf16(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF")
}

/// The message for a UTF-16 file.
pub(crate) const UTF16: &str =
    "the file is UTF-16 text; save it as UTF-8 (in Excel: \"CSV UTF-8\")";

/// The first record of a CSV text (its header), each cell trimmed; `None` for an empty text.
pub(crate) fn header(bytes: &[u8], delimiter: u8) -> Option<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(strip_bom(bytes));
    let mut record = ByteRecord::new();
    match reader.read_byte_record(&mut record) {
        Ok(true) => Some(
            record
                .iter()
                .map(|c| String::from_utf8_lossy(c).trim().to_string())
                .collect(),
        ),
        _ => None,
    }
}

/// A sheet being read.
pub(crate) struct Sheet<'b> {
    reader: csv::Reader<&'b [u8]>,
    /// The buffer a row is read into, as bytes.
    record: ByteRecord,
    /// The row handed out, as text (checked once, then read cell by cell for free); its
    /// buffer goes back to `record` for the next row.
    text: StringRecord,
    /// For each [`Spec`], the position of its column in the file.
    at: Vec<Option<usize>>,
    specs: &'static [Spec],
    /// Every column's name: the header's cells, or the specs' names for a file without one.
    names: Vec<String>,
    /// The header's cell count: every row must have as many.
    width: usize,
    /// The number of the last row read.
    row: usize,
    /// GDELT's lines: no header, and a wrong count is worded as fields of a line.
    tsv: bool,
}

/// One row of a sheet, its cells valid UTF-8.
pub(crate) struct Row<'s> {
    /// Its number as a spreadsheet shows it (the header is row 1; in a file without a header,
    /// the first line is row 1).
    pub number: usize,
    record: &'s StringRecord,
    at: &'s [Option<usize>],
    specs: &'static [Spec],
}

impl<'b> Sheet<'b> {
    /// A CSV sheet: its header is read and each required column of `specs` that it lacks is
    /// reported.
    pub(crate) fn csv(
        bytes: &'b [u8],
        specs: &'static [Spec],
        problems: &mut Vec<Problem>,
    ) -> Self {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(strip_bom(bytes));
        let mut record = ByteRecord::new();
        let names: Vec<String> = match reader.read_byte_record(&mut record) {
            Ok(true) => record
                .iter()
                .map(|c| String::from_utf8_lossy(c).trim().to_string())
                .collect(),
            _ => Vec::new(),
        };
        let at: Vec<Option<usize>> = specs
            .iter()
            .map(|s| names.iter().position(|n| n.eq_ignore_ascii_case(s.name)))
            .collect();
        for (spec, at) in specs.iter().zip(&at) {
            if spec.required && at.is_none() {
                problems.push(Problem::at_row(
                    1,
                    format!("missing column `{}`", spec.name),
                ));
            }
        }
        Sheet {
            reader,
            record,
            text: StringRecord::new(),
            at,
            specs,
            width: names.len(),
            names,
            row: 1,
            tsv: false,
        }
    }

    /// A tab-separated sheet without a header, its columns in the order of `specs` (GDELT).
    /// Fields are never quoted in such files, so a quote is read as a character.
    pub(crate) fn tsv(bytes: &'b [u8], specs: &'static [Spec]) -> Self {
        let reader = csv::ReaderBuilder::new()
            .delimiter(b'\t')
            .has_headers(false)
            .flexible(true)
            .quoting(false)
            .from_reader(strip_bom(bytes));
        Sheet {
            reader,
            record: ByteRecord::new(),
            text: StringRecord::new(),
            at: (0..specs.len()).map(Some).collect(),
            specs,
            names: specs.iter().map(|s| s.name.to_string()).collect(),
            width: specs.len(),
            row: 0,
            tsv: true,
        }
    }

    /// The next row with content, or `None` at the end. Rows that cannot be read cell by cell
    /// are reported in `problems` and skipped.
    pub(crate) fn next(&mut self, problems: &mut Vec<Problem>) -> Option<Row<'_>> {
        // After a row is handed out its buffer is in `text`: take it back.
        if self.record.is_empty() {
            self.record = std::mem::take(&mut self.text).into_byte_record();
        }
        loop {
            match self.reader.read_byte_record(&mut self.record) {
                Ok(true) => {}
                Ok(false) => return None,
                Err(e) => {
                    // Reading from memory with flexible rows, only an I/O error could get here.
                    problems.push(Problem::at_row(self.row + 1, e.to_string()));
                    return None;
                }
            }
            self.row += 1;
            if self.record.iter().all(|c| c.trim_ascii().is_empty()) {
                continue;
            }
            let n = self.record.len();
            // Trailing empty cells past the header are what spreadsheets write; anything else
            // means a cell slipped out of its column.
            let extra = self
                .record
                .iter()
                .skip(self.width)
                .any(|c| !c.trim_ascii().is_empty());
            if n < self.width || extra {
                let message = if self.tsv {
                    format!(
                        "{n} tab-separated fields; a GDELT 2.0 event line has {}",
                        self.width
                    )
                } else {
                    format!(
                        "{n} cells, but the header has {}; a cell holding a comma, a quote or \
                         a line break must be quoted",
                        self.width
                    )
                };
                problems.push(Problem::at_row(self.row, message));
                continue;
            }
            let bytes = std::mem::take(&mut self.record);
            self.text = match StringRecord::from_byte_record(bytes) {
                Ok(text) => text,
                Err(e) => self.repair(e.into_byte_record(), problems),
            };
            return Some(Row {
                number: self.row,
                record: &self.text,
                at: &self.at,
                specs: self.specs,
            });
        }
    }

    /// Reports each cell of a record that is not UTF-8 and replaces its bad bytes.
    fn repair(&self, record: ByteRecord, problems: &mut Vec<Problem>) -> StringRecord {
        let mut fixed = StringRecord::new();
        for (i, cell) in record.iter().enumerate() {
            match std::str::from_utf8(cell) {
                Ok(text) => fixed.push_field(text),
                Err(e) => {
                    let name = self.names.get(i).map_or("", String::as_str);
                    problems.push(Problem::at_cell(
                        self.row,
                        i,
                        name,
                        format!(
                            "byte 0x{:02X} is not UTF-8 text; save the file as UTF-8 (in Excel: \
                             \"CSV UTF-8\")",
                            cell.get(e.valid_up_to()).copied().unwrap_or(0)
                        ),
                    ));
                    fixed.push_field(&String::from_utf8_lossy(cell));
                }
            }
        }
        fixed
    }
}

impl Row<'_> {
    /// The trimmed text of column `k` (an index into the format's specs); empty when the file
    /// has no such column.
    pub(crate) fn get(&self, k: usize) -> &str {
        self.at
            .get(k)
            .copied()
            .flatten()
            .and_then(|i| self.record.get(i))
            .unwrap_or("")
            .trim()
    }

    /// A problem in column `k` of this row; `None` when the file has no such column, whose
    /// absence is reported once, on the header's row, rather than on every row.
    pub(crate) fn problem(&self, k: usize, message: String) -> Option<Problem> {
        let i = self.at.get(k).copied().flatten()?;
        let name = self.specs.get(k).map_or("", |s| s.name);
        Some(Problem::at_cell(self.number, i, name, message))
    }
}

/// A column's letters as a spreadsheet names it: 0 is A, 25 is Z, 26 is AA.
pub(crate) fn letters(mut i: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Column letters follow spreadsheets: A..Z, then AA, AB...
    #[test]
    fn column_letters() {
        let cases = [
            (0, "A"),
            (1, "B"),
            (25, "Z"),
            (26, "AA"),
            (27, "AB"),
            (51, "AZ"),
            (52, "BA"),
            (701, "ZZ"),
            (702, "AAA"),
        ];
        for (i, want) in cases {
            assert_eq!(letters(i), want, "{i}");
        }
    }

    const SPECS: &[Spec] = &[req("a"), opt("b"), req("c")];

    /// Columns are found by name in any case and order; blank rows are skipped but counted;
    /// short rows, long rows and bad bytes are reported with their row.
    #[test]
    fn rows_and_problems() {
        let text = b"\xEF\xBB\xBF C ,A,x\n3,1,\n,,\n\"6\",\"4\",x,\n7\n9,8,y,z\n\xE9,5,\n";
        let mut problems = Vec::new();
        let mut sheet = Sheet::csv(text, SPECS, &mut problems);
        let mut seen = Vec::new();
        while let Some(row) = sheet.next(&mut problems) {
            seen.push((
                row.number,
                row.get(0).to_string(),
                row.get(1).to_string(),
                row.get(2).to_string(),
            ));
        }
        assert_eq!(
            seen,
            vec![
                (2, "1".into(), "".into(), "3".into()),
                (4, "4".into(), "".into(), "6".into()),
                (7, "5".into(), "".into(), "\u{fffd}".into()),
            ]
        );
        let lines: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            lines,
            vec![
                "row 5: 1 cells, but the header has 3; a cell holding a comma, a quote or a line break must be quoted",
                "row 6: 4 cells, but the header has 3; a cell holding a comma, a quote or a line break must be quoted",
                "row 7, column A (C): byte 0xE9 is not UTF-8 text; save the file as UTF-8 (in Excel: \"CSV UTF-8\")",
            ]
        );
    }

    /// A missing required column is reported once, on the header's row.
    #[test]
    fn missing_columns() {
        let mut problems = Vec::new();
        let _ = Sheet::csv(b"b,x\n1,2\n", SPECS, &mut problems);
        let lines: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            lines,
            ["row 1: missing column `a`", "row 1: missing column `c`"]
        );
    }
}
