//! Dates as historians write them: a year, a month or a day.
//!
//! An event known only to "March 2022" must not pretend to have happened on 1 March. A
//! [`PartialDate`] is a chrono [`NaiveDate`] (its first day) with the [`Precision`] the source
//! gives, and [`PartialDate::span`] turns it into the inclusive range of days it may stand for.
//! Everything that compares dates (filters, bins, the timeline) works on [`Day`] numbers, so
//! nothing here depends on a time zone. Calendar arithmetic and formatting are chrono's.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Months, NaiveDate};
use serde::de::{self, Visitor};
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
    /// The first day the date may stand for (1 January for a year, the 1st for a month).
    first: NaiveDate,
    precision: Precision,
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

/// The day number of 1970-01-01 counted from 0001-01-01 (chrono's `num_days_from_ce`).
const EPOCH_FROM_CE: i32 = 719_163;

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
        let written = || match (month, day) {
            (Some(m), Some(d)) => format!("{year:04}-{m:02}-{d:02}"),
            (Some(m), None) => format!("{year:04}-{m:02}"),
            _ => format!("{year:04}"),
        };
        let precision = match (month, day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            (None, None) => Precision::Year,
            (None, Some(_)) => return Err(DateError::Impossible(written())),
        };
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
            return Err(DateError::Impossible(written()));
        }
        let first = NaiveDate::from_ymd_opt(year, month.unwrap_or(1), day.unwrap_or(1))
            .ok_or_else(|| DateError::Impossible(written()))?;
        Ok(PartialDate { first, precision })
    }

    /// A valid date that holds the place of one that could not be read (1970).
    pub(crate) fn placeholder() -> Self {
        PartialDate {
            first: NaiveDate::default(),
            precision: Precision::Year,
        }
    }

    /// The date of a [`Day`] number, at day precision.
    pub fn from_day(day: Day) -> Option<Self> {
        let d = date_of_day(day)?;
        Self::day(d.year(), d.month(), d.day()).ok()
    }

    /// How precisely this date is known.
    pub fn precision(&self) -> Precision {
        self.precision
    }

    /// The year.
    pub fn year_num(&self) -> i32 {
        self.first.year()
    }

    /// The month (1-12), if known.
    pub fn month_num(&self) -> Option<u32> {
        (self.precision >= Precision::Month).then(|| self.first.month())
    }

    /// The day of the month, if known.
    pub fn day_num(&self) -> Option<u32> {
        (self.precision == Precision::Day).then(|| self.first.day())
    }

    /// The first day this date may stand for.
    pub fn first_day(&self) -> Day {
        day_of_date(self.first)
    }

    /// The last day this date may stand for.
    pub fn last_day(&self) -> Day {
        let next = match self.precision {
            Precision::Day => return self.first_day(),
            Precision::Month => self.first.checked_add_months(Months::new(1)),
            Precision::Year => self.first.checked_add_months(Months::new(12)),
        };
        // Years stop at MAX_YEAR, far inside chrono's range: there is always a next month.
        next.map_or(self.first_day(), |n| day_of_date(n) - 1)
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
        let format = match self.precision {
            Precision::Day => "%-d %b %Y",
            Precision::Month => "%b %Y",
            Precision::Year => "%Y",
        };
        self.first.format(format).to_string()
    }
}

/// The short English name of a month (1-12), or "?" for anything else.
pub fn month_abbrev(month: u32) -> &'static str {
    u8::try_from(month)
        .ok()
        .and_then(|m| chrono::Month::try_from(m).ok())
        .map_or("?", |m| m.name().get(..3).unwrap_or("?"))
}

/// The day number of a chrono date.
pub fn day_of_date(date: NaiveDate) -> Day {
    date.num_days_from_ce() - EPOCH_FROM_CE
}

/// The chrono date of a day number, or `None` outside chrono's calendar.
pub fn date_of_day(day: Day) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(day.checked_add(EPOCH_FROM_CE)?)
}

/// The day number of a calendar date, or `None` if the date does not exist (month 13,
/// 30 February) or lies outside chrono's calendar.
pub fn day_from_civil(year: i32, month: u32, day: u32) -> Option<Day> {
    NaiveDate::from_ymd_opt(year, month, day).map(day_of_date)
}

/// The number of days of a month (1-12) of a year; 0 for a month out of range.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    NaiveDate::from_ymd_opt(year, month, 1).map_or(0, |d| u32::from(d.num_days_in_month()))
}

/// `YYYY-MM-DD` of a day number (years beyond 0-9999 carry a sign, as ISO 8601 wants; empty out
/// of the calendar's range, which Dyad never produces).
pub fn iso_of_day(day: Day) -> String {
    date_of_day(day)
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

impl Ord for PartialDate {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.first, self.precision, self.last_day()).cmp(&(
            other.first,
            other.precision,
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
        let format = match self.precision {
            Precision::Day => "%Y-%m-%d",
            Precision::Month => "%Y-%m",
            Precision::Year => "%Y",
        };
        write!(f, "{}", self.first.format(format))
    }
}

impl FromStr for PartialDate {
    type Err = DateError;

    /// Exactly `YYYY`, `YYYY-MM` or `YYYY-MM-DD` in ASCII digits, then a real date by chrono's
    /// calendar. (chrono's own parser also takes one-digit months and signed years, which a
    /// data file must not use.)
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
        // Four digits always fit an i32.
        Self::new(year as i32, month, day).map_err(|_| DateError::Impossible(s.to_string()))
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// What a date field expects, in messages about a value of another type.
pub(crate) const DATE_EXPECTED: &str = "a date (a string \"YYYY\", \"YYYY-MM\" or \"YYYY-MM-DD\")";

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct DateVisitor;
        impl Visitor<'_> for DateVisitor {
            type Value = PartialDate;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(DATE_EXPECTED)
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<PartialDate, E> {
                s.parse().map_err(E::custom)
            }
        }
        d.deserialize_str(DateVisitor)
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

    /// Day numbers at the epoch, around leap days and at chrono's calendar edges.
    #[test]
    fn day_numbers() {
        let cases: [(i32, u32, u32, Option<Day>); 9] = [
            (1970, 1, 1, Some(0)),
            (1969, 12, 31, Some(-1)),
            (2000, 2, 29, Some(11_016)),
            (1900, 2, 29, None),
            (2100, 2, 28, Some(47_540)),
            (2024, 2, 30, None),
            (2023, 13, 1, None),
            (2023, 0, 1, None),
            (1000, 1, 1, Some(-354_285)),
        ];
        for (y, m, d, want) in cases {
            assert_eq!(day_from_civil(y, m, d), want, "{y}-{m}-{d}");
            if let Some(day) = want {
                assert_eq!(
                    date_of_day(day).map(|n| (n.year(), n.month(), n.day())),
                    Some((y, m, d))
                );
            }
        }
        assert_eq!(date_of_day(i32::MAX), None);
        assert_eq!(iso_of_day(i32::MIN), "");
        let month_lengths: Vec<u32> = (0..=13).map(|m| days_in_month(2024, m)).collect();
        assert_eq!(
            month_lengths,
            [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31, 0]
        );
        assert_eq!(days_in_month(2023, 2), 28);
        let names: Vec<&str> = [0, 1, 5, 12, 13].map(month_abbrev).to_vec();
        assert_eq!(names, ["?", "Jan", "May", "Dec", "?"]);
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
        /// Dates are read exactly as the simple splitting reader reads them, valid or not.
        #[test]
        fn from_str_as_split(s in "[0-9]{4}(-[0-9]{1,3}){0,3}|[0-9-]{0,12}|[-0-9+ a٣]{0,11}") {
            proptest::prop_assert_eq!(s.parse::<PartialDate>(), split_from_str(&s));
        }

        /// Every day of Dyad's years round-trips through a day-precision date, and a month's
        /// span ends the day before the next month starts.
        #[test]
        fn days_round_trip(day in -354_285i32..376_200) {
            let d = PartialDate::from_day(day).unwrap();
            proptest::prop_assert_eq!(d.first_day(), day);
            proptest::prop_assert_eq!(d.last_day(), day);
            let m = PartialDate::month(d.year_num(), d.month_num().unwrap()).unwrap();
            proptest::prop_assert!(m.first_day() <= day && day <= m.last_day());
            let len = m.span().len();
            proptest::prop_assert_eq!(len as u32, days_in_month(d.year_num(), d.month_num().unwrap()));
        }
    }
}
