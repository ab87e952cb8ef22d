//! Dates on the time control: its range, stepping by months, and years as numbers for charts.
//! Pure: no egui. Days are counted from 1970-01-01, like [`PartialDate::start_day_number`].

use crate::model::{PartialDate, days_in_month};

/// Today as days since 1970-01-01: the system clock, or `NKMAP_TODAY` (`YYYY-MM-DD`) when set,
/// so screenshots, examples and tests can be made for a fixed day.
pub fn today() -> i64 {
    if let Some(day) = std::env::var("NKMAP_TODAY")
        .ok()
        .and_then(|s| PartialDate::parse(s.trim()).ok())
    {
        return day.start_day_number();
    }
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| (d.as_secs() / 86_400) as i64)
        .unwrap_or_else(|_| PartialDate::ymd(2026, 1, 1).start_day_number())
}

/// First and last day of the date control: the policy's ten years (2024 – 2033).
pub fn date_range() -> (i64, i64) {
    (
        PartialDate::ymd(2024, 1, 1).start_day_number(),
        PartialDate::ymd(2033, 12, 31).start_day_number(),
    )
}

/// `day` moved by `months` calendar months, keeping the day of the month where it exists
/// (31 January + 1 month = 29 February in a leap year), clamped to the control's range.
pub fn add_months(day: i64, months: i32) -> i64 {
    let d = PartialDate::from_day_number(day);
    let (y, m, dd) = d.start();
    let total = y * 12 + i32::from(m) - 1 + months;
    let year = total.div_euclid(12);
    let month = (total.rem_euclid(12) + 1) as u8;
    let dd = dd.min(days_in_month(year, month));
    let (first, last) = date_range();
    PartialDate::ymd(year, month, dd)
        .start_day_number()
        .clamp(first, last)
}

/// The day as a fractional year (2025-07-02 ≈ 2025.5), the x axis of progress charts.
pub fn year_fraction(day: i64) -> f64 {
    let y = PartialDate::from_day_number(day).year;
    let start = PartialDate::ymd(y, 1, 1).start_day_number();
    let next = PartialDate::ymd(y + 1, 1, 1).start_day_number();
    f64::from(y) + (day - start) as f64 / (next - start) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u8, d: u8) -> i64 {
        PartialDate::ymd(y, m, d).start_day_number()
    }

    #[test]
    fn months_step_and_clamp() {
        assert_eq!(add_months(day(2024, 1, 31), 1), day(2024, 2, 29));
        assert_eq!(add_months(day(2024, 12, 15), 1), day(2025, 1, 15));
        assert_eq!(add_months(day(2025, 1, 15), -2), day(2024, 11, 15));
        let (first, last) = date_range();
        assert_eq!(add_months(day(2024, 1, 10), -1), first);
        assert_eq!(add_months(day(2033, 12, 10), 1), last);
    }

    #[test]
    fn years_as_numbers() {
        assert_eq!(year_fraction(day(2024, 1, 1)), 2024.0);
        let mid = year_fraction(day(2025, 7, 2));
        assert!((mid - 2025.5).abs() < 0.01, "{mid}");
    }
}
