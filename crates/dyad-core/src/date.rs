//! Dates as historians write them: a year, a month or a day.
//!
//! An event known only to "March 2022" must not pretend to have happened on 1 March. A
//! [`PartialDate`] keeps the precision the source gives, and [`PartialDate::span`] turns it into
//! the inclusive range of days it may stand for. Everything that compares dates (filters, bins,
//! the timeline) works on [`Day`] numbers, so nothing here depends on a time zone.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar day as a count of days since 1970-01-01 (negative before). Time-zone free.
pub type Day = i32;

/// How precisely a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// Only the year is known ("1994").
    Year,
    /// The year and month are known ("Mar 2022").
    Month,
    /// The exact day is known ("14 Oct 1960").
    Day,
}

impl Precision {
    /// The lowercase name used in data files and URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Year => "year",
            Precision::Month => "month",
            Precision::Day => "day",
        }
    }
}

/// A date known to a year, a month or a day. Written `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
///
/// Ordering compares the first possible day, then the precision (coarser first), so a list of
/// events sorts the way a reader expects: "2022" before "Mar 2022" before "14 Mar 2022".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDate {
    year: i32,
    month: Option<u32>,
    day: Option<u32>,
}

/// Why a date string was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Not of the form `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    Format(String),
    /// Well formed but not a real date, such as `2021-13` or `2023-02-30`.
    Impossible(String),
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::Format(s) => write!(
                f,
                "\"{s}\" is not a date; write YYYY, YYYY-MM or YYYY-MM-DD"
            ),
            DateError::Impossible(s) => write!(f, "\"{s}\" is not a real calendar date"),
        }
    }
}

impl std::error::Error for DateError {}

/// The range of years Dyad accepts. Wide enough for history, narrow enough that day
/// arithmetic can never overflow.
pub const MIN_YEAR: i32 = 1000;
/// See [`MIN_YEAR`].
pub const MAX_YEAR: i32 = 2999;

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl PartialDate {
    /// A year-precision date.
    pub fn year(year: i32) -> Result<Self, DateError> {
        Self::new(year, None, None)
    }

    /// A month-precision date.
    pub fn month(year: i32, month: u32) -> Result<Self, DateError> {
        Self::new(year, Some(month), None)
    }

    /// A day-precision date.
    pub fn day(year: i32, month: u32, day: u32) -> Result<Self, DateError> {
        Self::new(year, Some(month), Some(day))
    }

    fn new(year: i32, month: Option<u32>, day: Option<u32>) -> Result<Self, DateError> {
        let d = PartialDate { year, month, day };
        let bad = || DateError::Impossible(d.to_string());
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
            return Err(bad());
        }
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return Err(bad());
            }
        }
        if day.is_some() && month.is_none() {
            return Err(bad());
        }
        if let (Some(m), Some(dd)) = (month, day) {
            NaiveDate::from_ymd_opt(year, m, dd).ok_or_else(bad)?;
        }
        Ok(d)
    }

    /// The date of a [`Day`] number, at day precision.
    pub fn from_day(day: Day) -> Option<Self> {
        let d = naive_from_day(day)?;
        Self::day(d.year(), d.month(), d.day()).ok()
    }

    /// How precisely this date is known.
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (_, Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// The year.
    pub fn year_num(&self) -> i32 {
        self.year
    }

    /// The month (1-12), if known.
    pub fn month_num(&self) -> Option<u32> {
        self.month
    }

    /// The day of the month, if known.
    pub fn day_num(&self) -> Option<u32> {
        self.day
    }

    /// The first day this date may stand for.
    pub fn first_day(&self) -> Day {
        day_of(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last day this date may stand for.
    pub fn last_day(&self) -> Day {
        match (self.month, self.day) {
            (Some(m), Some(d)) => day_of(self.year, m, d),
            (Some(m), None) => {
                let (ny, nm) = if m == 12 {
                    (self.year + 1, 1)
                } else {
                    (self.year, m + 1)
                };
                day_of(ny, nm, 1) - 1
            }
            _ => day_of(self.year + 1, 1, 1) - 1,
        }
    }

    /// The inclusive span of days this date may stand for.
    pub fn span(&self) -> DaySpan {
        DaySpan {
            start: self.first_day(),
            end: self.last_day(),
        }
    }

    /// The date as a reader sees it: "14 Oct 1960", "Mar 2022" or "1994".
    pub fn display(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{d} {} {}", MONTHS[(m - 1) as usize], self.year),
            (Some(m), None) => format!("{} {}", MONTHS[(m - 1) as usize], self.year),
            _ => self.year.to_string(),
        }
    }
}

/// The short English name of a month (1-12), or "?" for anything else.
pub fn month_abbrev(month: u32) -> &'static str {
    MONTHS
        .get((month as usize).wrapping_sub(1))
        .copied()
        .unwrap_or("?")
}

fn epoch() -> NaiveDate {
    NaiveDate::default() // 1970-01-01
}

/// Day number of a date already checked to be valid; falls back to the epoch otherwise, which
/// callers never hit because [`PartialDate::new`] validates first.
fn day_of(year: i32, month: u32, day: u32) -> Day {
    NaiveDate::from_ymd_opt(year, month, day)
        .map(|d| (d - epoch()).num_days() as Day)
        .unwrap_or(0)
}

/// The calendar date of a day number.
pub fn naive_from_day(day: Day) -> Option<NaiveDate> {
    epoch().checked_add_signed(chrono::Duration::days(day as i64))
}

/// The day number of a calendar date.
pub fn day_from_naive(date: NaiveDate) -> Day {
    (date - epoch()).num_days() as Day
}

/// `YYYY-MM-DD` of a day number (empty if out of chrono's range, which Dyad never produces).
pub fn iso_of_day(day: Day) -> String {
    naive_from_day(day)
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

impl Ord for PartialDate {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.first_day(), self.precision(), self.last_day()).cmp(&(
            other.first_day(),
            other.precision(),
            other.last_day(),
        ))
    }
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for PartialDate {
    /// The canonical ISO-like form: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.month, self.day) {
            (Some(m), Some(d)) => write!(f, "{:04}-{:02}-{:02}", self.year, m, d),
            (Some(m), None) => write!(f, "{:04}-{:02}", self.year, m),
            _ => write!(f, "{:04}", self.year),
        }
    }
}

impl FromStr for PartialDate {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let fmt_err = || DateError::Format(s.to_string());
        let parts: Vec<&str> = s.split('-').collect();
        let widths = [4usize, 2, 2];
        if parts.is_empty() || parts.len() > 3 {
            return Err(fmt_err());
        }
        let mut nums = [0u32; 3];
        for (i, p) in parts.iter().enumerate() {
            if p.len() != widths[i] || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(fmt_err());
            }
            nums[i] = p.parse().map_err(|_| fmt_err())?;
        }
        let impossible = |_| DateError::Impossible(s.to_string());
        let year = nums[0] as i32;
        match parts.len() {
            1 => Self::year(year).map_err(impossible),
            2 => Self::month(year, nums[1]).map_err(impossible),
            _ => Self::day(year, nums[1], nums[2]).map_err(impossible),
        }
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// An inclusive range of days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DaySpan {
    /// First day, inclusive.
    pub start: Day,
    /// Last day, inclusive.
    pub end: Day,
}

impl DaySpan {
    /// Whether two inclusive spans share at least one day.
    pub fn overlaps(&self, other: &DaySpan) -> bool {
        self.start <= other.end && other.start <= self.end
    }

    /// Number of days covered (at least 1 for a well-formed span).
    pub fn len(&self) -> i32 {
        self.end - self.start + 1
    }

    /// Whether the span is empty (end before start).
    pub fn is_empty(&self) -> bool {
        self.end < self.start
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each accepted form parses, keeps its precision, prints back the same and reads well.
    #[test]
    fn parse_display_roundtrip() {
        let cases = [
            ("1960-10-14", Precision::Day, "14 Oct 1960"),
            ("2022-03", Precision::Month, "Mar 2022"),
            ("1994", Precision::Year, "1994"),
            ("2024-02-29", Precision::Day, "29 Feb 2024"),
        ];
        for (s, p, shown) in cases {
            let d: PartialDate = s.parse().unwrap();
            assert_eq!(d.precision(), p, "{s}");
            assert_eq!(d.to_string(), s);
            assert_eq!(d.display(), shown);
        }
    }

    /// Malformed and impossible dates are told apart, and neither panics.
    #[test]
    fn rejects_bad_dates() {
        let cases = [
            ("2021-13", false),
            ("2023-02-30", false),
            ("1800-99", false),
            ("0999", false),
            ("21-01", true),
            ("2021-1", true),
            ("2021/01/01", true),
            ("", true),
            ("2021-01-01-01", true),
            ("２０２１", true),
        ];
        for (s, is_format) in cases {
            let err = s.parse::<PartialDate>().unwrap_err();
            assert_eq!(matches!(err, DateError::Format(_)), is_format, "{s}: {err}");
        }
    }

    /// A coarse date spans every day it may stand for.
    #[test]
    fn spans() {
        let cases = [
            ("2022-03", "2022-03-01", "2022-03-31"),
            ("2024-02", "2024-02-01", "2024-02-29"),
            ("1994", "1994-01-01", "1994-12-31"),
            ("2023-12", "2023-12-01", "2023-12-31"),
            ("1960-10-14", "1960-10-14", "1960-10-14"),
        ];
        for (s, a, b) in cases {
            let span = s.parse::<PartialDate>().unwrap().span();
            assert_eq!(iso_of_day(span.start), a, "{s}");
            assert_eq!(iso_of_day(span.end), b, "{s}");
        }
    }

    /// Coarser dates sort before finer ones that start on the same day.
    #[test]
    fn ordering() {
        let mut v: Vec<PartialDate> = ["2022-03-01", "2022", "2022-03", "2021-12-31"]
            .iter()
            .map(|s| s.parse().unwrap())
            .collect();
        v.sort();
        let shown: Vec<String> = v.iter().map(|d| d.to_string()).collect();
        assert_eq!(shown, ["2021-12-31", "2022", "2022-03", "2022-03-01"]);
    }
}
