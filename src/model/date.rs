//! Dates as reports give them: a year, a month or a day.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::cmp::Ordering;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DatePrecision {
    Year,
    Month,
    Day,
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. Ordered by the first day of the period it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    pub fn ymd(year: i32, month: u8, day: u8) -> Self {
        Self {
            year,
            month: Some(month),
            day: Some(day),
        }
    }

    pub fn precision(&self) -> DatePrecision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => DatePrecision::Day,
            (Some(_), None) => DatePrecision::Month,
            _ => DatePrecision::Year,
        }
    }

    /// First day of the period, as (year, month, day).
    pub fn start(&self) -> (i32, u8, u8) {
        (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// Last day of the period, as (year, month, day).
    pub fn end(&self) -> (i32, u8, u8) {
        match (self.month, self.day) {
            (Some(m), Some(d)) => (self.year, m, d),
            (Some(m), None) => (self.year, m, days_in_month(self.year, m)),
            _ => (self.year, 12, 31),
        }
    }

    /// Days since 1970-01-01 of the first day of the period.
    pub fn start_day_number(&self) -> i64 {
        let (y, m, d) = self.start();
        day_number(y, m, d)
    }

    /// The day `n` days after 1970-01-01.
    pub fn from_day_number(n: i64) -> Self {
        // Howard Hinnant's civil_from_days.
        let z = n + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
        Self::ymd(y, m, d)
    }

    pub fn parse(s: &str) -> Result<Self, DateError> {
        let parts: Vec<&str> = s.trim().split('-').collect();
        let text = || s.to_owned();
        let num = |p: &str, part: DatePart| -> Result<u32, DateError> {
            if p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()) {
                return Err(DateError::BadPart { text: text(), part });
            }
            p.parse::<u32>()
                .map_err(|_| DateError::BadNumber { text: text(), part })
        };
        let year = match parts.first() {
            Some(p) if p.len() == 4 => num(p, DatePart::Year)? as i32,
            _ => return Err(DateError::NotADate { text: text() }),
        };
        let month = match parts.get(1) {
            Some(p) => {
                let m = num(p, DatePart::Month)?;
                if !(1..=12).contains(&m) {
                    return Err(DateError::BadMonth {
                        text: text(),
                        month: m,
                    });
                }
                Some(m as u8)
            }
            None => None,
        };
        let day = match (parts.get(2), month) {
            (Some(p), Some(m)) => {
                let d = num(p, DatePart::Day)?;
                let max = u32::from(days_in_month(year, m));
                if d < 1 || d > max {
                    return Err(DateError::BadDay {
                        text: text(),
                        day: d,
                        max,
                    });
                }
                Some(d as u8)
            }
            _ => None,
        };
        if parts.len() > 3 {
            return Err(DateError::NotADate { text: text() });
        }
        Ok(Self { year, month, day })
    }
}

/// A part of a date, for [`DateError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatePart {
    Year,
    Month,
    Day,
}

/// Why a text is not a date. The model only says what is wrong; `crate::i18n::words`
/// implements `Display`, in the interface language, so the model needs no messages of its
/// own (and `i18n`, which formats dates, does not become a loop through it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Not YYYY, YYYY-MM or YYYY-MM-DD.
    NotADate {
        text: String,
    },
    /// A part that is not digits.
    BadPart {
        text: String,
        part: DatePart,
    },
    /// A part whose digits are not a number we can hold.
    BadNumber {
        text: String,
        part: DatePart,
    },
    BadMonth {
        text: String,
        month: u32,
    },
    BadDay {
        text: String,
        day: u32,
        max: u32,
    },
}

impl std::error::Error for DateError {}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
pub fn day_number(y: i32, m: u8, d: u8) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for PartialDate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.start()
            .cmp(&other.start())
            .then(self.precision().cmp(&other.precision()))
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.month, self.day) {
            (Some(m), Some(d)) => write!(f, "{:04}-{:02}-{:02}", self.year, m, d),
            (Some(m), None) => write!(f, "{:04}-{:02}", self.year, m),
            _ => write!(f, "{:04}", self.year),
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
        PartialDate::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_precision_and_rejects_nonsense() {
        assert_eq!(
            PartialDate::parse("2024").map(|d| d.precision()),
            Ok(DatePrecision::Year)
        );
        assert_eq!(
            PartialDate::parse("2024-02").map(|d| d.precision()),
            Ok(DatePrecision::Month)
        );
        assert_eq!(
            PartialDate::parse("2024-02-29").map(|d| d.precision()),
            Ok(DatePrecision::Day)
        );
        assert!(PartialDate::parse("2025-02-29").is_err());
        assert!(PartialDate::parse("2024-13").is_err());
        assert!(PartialDate::parse("24-01-01").is_err());
        assert!(PartialDate::parse("2024-01-01-01").is_err());
        assert!(PartialDate::parse("soon").is_err());
    }

    #[test]
    fn day_numbers_round_trip() {
        for n in [-1000, 0, 19_737, 20_000, 23_000] {
            assert_eq!(PartialDate::from_day_number(n).start_day_number(), n);
        }
        assert_eq!(PartialDate::ymd(2024, 1, 15).start_day_number(), 19_737);
    }

    #[test]
    fn ordering_uses_period_start_then_precision() {
        let y = PartialDate::parse("2024").unwrap_or(PartialDate::ymd(0, 1, 1));
        let m = PartialDate::ymd(2024, 1, 1);
        assert!(y < m);
        assert!(PartialDate::ymd(2024, 3, 7) > PartialDate::ymd(2024, 2, 28));
        assert_eq!(
            PartialDate::parse("2024-02").map(|d| d.end()),
            Ok((2024, 2, 29))
        );
    }
}
