//! Dates as historians write them: a year, a month or a day.
//!
//! An event known only to "March 2022" must not pretend to have happened on 1 March. A
//! [`PartialDate`] keeps the precision the source gives, and [`PartialDate::span`] turns it into
//! the inclusive range of days it may stand for. Everything that compares dates (filters, bins,
//! the timeline) works on [`Day`] numbers, so nothing here depends on a time zone.

use std::fmt;
use std::str::FromStr;

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
    /// A valid date that holds a place until the real one is read (the JSON readers fill a
    /// struct field by field).
    pub(crate) const PLACEHOLDER: PartialDate = PartialDate {
        year: MIN_YEAR,
        month: None,
        day: None,
    };

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
            day_from_civil(year, m, dd).ok_or_else(bad)?;
        }
        Ok(d)
    }

    /// The date of a [`Day`] number, at day precision.
    pub fn from_day(day: Day) -> Option<Self> {
        let d = civil_from_day(day)?;
        Self::day(d.year, d.month, d.day).ok()
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

/// Day number of a date already checked to be valid; falls back to the epoch otherwise, which
/// callers never hit because [`PartialDate::new`] validates first.
fn day_of(year: i32, month: u32, day: u32) -> Day {
    day_from_civil(year, month, day).unwrap_or(0)
}

// Civil-date arithmetic: Howard Hinnant's `days_from_civil` / `civil_from_days`
// (<https://howardhinnant.github.io/date_algorithms.html>), a few lines in place of `chrono`,
// which is kept out of the app's wasm (size) and checked against these functions in the tests.

/// The proleptic Gregorian calendar's range accepted by [`day_from_civil`] and produced by
/// [`civil_from_day`]: chrono's `NaiveDate` range, so that the two agree exactly (the oracle
/// test); far wider than the [`MIN_YEAR`]..=[`MAX_YEAR`] that data may use.
const CIVIL_YEARS: std::ops::RangeInclusive<i32> = -262_143..=262_142;

/// A calendar date (proleptic Gregorian), as [`civil_from_day`] names a [`Day`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Civil {
    /// The year (astronomical numbering: 0 is 1 BCE).
    pub year: i32,
    /// The month, 1-12.
    pub month: u32,
    /// The day of the month, 1-31.
    pub day: u32,
}

/// Whether `year` has a 29 February.
pub fn is_leap_year(year: i32) -> bool {
    year.rem_euclid(4) == 0 && (year.rem_euclid(100) != 0 || year.rem_euclid(400) == 0)
}

/// The number of days of a month (1-12) of a year; 0 for a month out of range.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// The day number of a calendar date, or `None` if the date does not exist (month 13,
/// 30 February) or lies outside the supported calendar range.
pub fn day_from_civil(year: i32, month: u32, day: u32) -> Option<Day> {
    if !CIVIL_YEARS.contains(&year) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    // The year starts in March so that the leap day is the year's last day.
    let (m, d) = (i64::from(month), i64::from(day));
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400; // [0, 399]
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1; // [0, 365]
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // [0, 146096]
    Day::try_from(era * 146_097 + doe - 719_468).ok()
}

/// The calendar date of a day number, or `None` outside the supported calendar range.
pub fn civil_from_day(day: Day) -> Option<Civil> {
    let z = i64::from(day) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097; // [0, 146096]
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // [0, 11], March first
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32; // [1, 31]
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32; // [1, 12]
    let year = i32::try_from(yoe + era * 400 + i64::from(month <= 2)).ok()?;
    CIVIL_YEARS
        .contains(&year)
        .then_some(Civil { year, month, day })
}

/// `YYYY-MM-DD` of a day number (years beyond 0-9999 carry a sign, as ISO 8601 wants; empty out
/// of the calendar's range, which Dyad never produces).
pub fn iso_of_day(day: Day) -> String {
    match civil_from_day(day) {
        Some(Civil { year, month, day }) if (0..=9999).contains(&year) => {
            format!("{year:04}-{month:02}-{day:02}")
        }
        Some(Civil { year, month, day }) => format!("{year:+05}-{month:02}-{day:02}"),
        None => String::new(),
    }
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

    /// Exactly `YYYY`, `YYYY-MM` or `YYYY-MM-DD` in ASCII digits, then a real date. Read
    /// without allocating: every event of a file has one or more dates.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let b = s.as_bytes();
        // The number in the digits at `range`, if they are all digits.
        let num = |range: std::ops::Range<usize>| {
            let digits = b.get(range)?;
            digits.iter().try_fold(0u32, |n, &d| {
                d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
            })
        };
        let dash = |i: usize| b.get(i) == Some(&b'-');
        let parts = match b.len() {
            4 => num(0..4).map(|y| (y, None, None)),
            7 if dash(4) => num(0..4).zip(num(5..7)).map(|(y, m)| (y, Some(m), None)),
            10 if dash(4) && dash(7) => num(0..4)
                .zip(num(5..7))
                .zip(num(8..10))
                .map(|((y, m), d)| (y, Some(m), Some(d))),
            _ => None,
        };
        let Some((year, month, day)) = parts else {
            return Err(DateError::Format(s.to_string()));
        };
        let impossible = |_| DateError::Impossible(s.to_string());
        let year = year as i32;
        match (month, day) {
            (None, _) => Self::year(year).map_err(impossible),
            (Some(m), None) => Self::month(year, m).map_err(impossible),
            (Some(m), Some(d)) => Self::day(year, m, d).map_err(impossible),
        }
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

// Only `filter::Filter`'s derive needs this outside tests; nothing in the app deserialises a
// filter, so it is not linked into the wasm. Data files are read by `crate::json`.
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

    /// The civil-date functions at the calendar's edges and around leap days, against chrono.
    #[test]
    fn civil_edges_agree_with_chrono() {
        let cases: [(i32, u32, u32); 12] = [
            (1970, 1, 1),
            (1969, 12, 31),
            (2000, 2, 29),
            (1900, 2, 29),
            (2100, 2, 28),
            (2024, 2, 30),
            (2023, 13, 1),
            (2023, 0, 1),
            (1, 1, 1),
            (0, 3, 1),
            (-262_143, 1, 1),
            (262_142, 12, 31),
        ];
        for (y, m, d) in cases {
            let want = chrono::NaiveDate::from_ymd_opt(y, m, d).map(days_since_epoch);
            assert_eq!(day_from_civil(y, m, d), want, "{y}-{m}-{d}");
        }
        for y in [-262_144, 262_143] {
            assert_eq!(day_from_civil(y, 6, 1), None, "{y}");
        }
    }

    fn days_since_epoch(d: chrono::NaiveDate) -> Day {
        let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
        (d - epoch).num_days() as Day
    }

    fn chrono_of(day: Day) -> Option<chrono::NaiveDate> {
        let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
        epoch.checked_add_signed(chrono::Duration::days(i64::from(day)))
    }

    /// The former `from_str`, which split the text into a vector: the oracle for the one that
    /// reads it in place.
    fn split_from_str(s: &str) -> Result<PartialDate, DateError> {
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
            1 => PartialDate::year(year).map_err(impossible),
            2 => PartialDate::month(year, nums[1]).map_err(impossible),
            _ => PartialDate::day(year, nums[1], nums[2]).map_err(impossible),
        }
    }

    proptest::proptest! {
        /// Dates are read exactly as before, valid or not.
        #[test]
        fn from_str_as_before(s in "[0-9]{4}(-[0-9]{1,3}){0,3}|[0-9-]{0,12}|[-0-9+ a٣]{0,11}") {
            proptest::prop_assert_eq!(s.parse::<PartialDate>(), split_from_str(&s));
        }

        /// Any day number (the whole `i32` range) names the same date as chrono says, or none
        /// where chrono has none, and ISO text matches chrono's `%Y-%m-%d`.
        #[test]
        fn civil_from_day_agrees_with_chrono(day in proptest::num::i32::ANY) {
            use chrono::Datelike;
            let want = chrono_of(day).map(|n| Civil { year: n.year(), month: n.month(), day: n.day() });
            proptest::prop_assert_eq!(civil_from_day(day), want);
            let iso = chrono_of(day).map(|n| n.format("%Y-%m-%d").to_string()).unwrap_or_default();
            proptest::prop_assert_eq!(iso_of_day(day), iso);
        }

        /// Days near the ones Dyad uses round-trip, and match chrono in both directions.
        #[test]
        fn civil_round_trips_near_dyad_years(day in -800_000i32..800_000) {
            let c = civil_from_day(day);
            proptest::prop_assert!(c.is_some());
            let c = c.unwrap();
            proptest::prop_assert_eq!(day_from_civil(c.year, c.month, c.day), Some(day));
            let n = chrono_of(day).unwrap();
            proptest::prop_assert_eq!(days_since_epoch(n), day);
            proptest::prop_assert_eq!(iso_of_day(day), n.format("%Y-%m-%d").to_string());
        }

        /// Any (year, month, day) triple, valid or not, is accepted exactly when chrono accepts
        /// it, with the same day number.
        #[test]
        fn day_from_civil_agrees_with_chrono(y in -300_000i32..300_000, m in 0u32..14, d in 0u32..33) {
            let want = chrono::NaiveDate::from_ymd_opt(y, m, d).map(days_since_epoch);
            proptest::prop_assert_eq!(day_from_civil(y, m, d), want);
        }
    }
}
