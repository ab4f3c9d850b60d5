//! The dates Kith takes from outside, and how long a period it looks at in one go.
//!
//! chrono reads years from −262,143 to +262,142; arithmetic near those ends panics and a
//! dashboard over that span is half a gigabyte. Kith's dates are children's lives, placements
//! and plans: every date it is given lies between [`EARLIEST`] and [`LATEST`], and a period
//! looked at in one request (a dashboard, a list of visits) is at most [`MAX_PERIOD_YEARS`].

use chrono::{Datelike, NaiveDate};

/// The first year Kith takes (the oldest person in care was born long after).
pub const EARLIEST_YEAR: i32 = 1900;
/// The last year Kith takes (plans and reviews reach a few years ahead, not centuries).
pub const LATEST_YEAR: i32 = 2199;
/// The longest period one request looks at.
pub const MAX_PERIOD_YEARS: u32 = 10;

/// 1 January 1900.
pub const EARLIEST: NaiveDate = NaiveDate::from_ymd_opt(EARLIEST_YEAR, 1, 1).expect("a date");
/// 31 December 2199.
pub const LATEST: NaiveDate = NaiveDate::from_ymd_opt(LATEST_YEAR, 12, 31).expect("a date");

/// Whether Kith takes this date at all.
pub fn in_range(d: NaiveDate) -> bool {
    (EARLIEST..=LATEST).contains(&d)
}

/// Whether a year is one Kith takes.
pub fn year_in_range(year: i64) -> bool {
    (i64::from(EARLIEST_YEAR)..=i64::from(LATEST_YEAR)).contains(&year)
}

/// Why a period cannot be looked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodError {
    /// `from` is after `to`.
    Reversed,
    /// Longer than [`MAX_PERIOD_YEARS`].
    TooLong,
}

/// Checks a period `[from, to]` a request asks for.
pub fn check_period(from: NaiveDate, to: NaiveDate) -> Result<(), PeriodError> {
    if from > to {
        return Err(PeriodError::Reversed);
    }
    let limit = from
        .with_year(from.year() + MAX_PERIOD_YEARS as i32)
        .unwrap_or_else(|| from + chrono::Days::new(365 * u64::from(MAX_PERIOD_YEARS)));
    if to >= limit {
        return Err(PeriodError::TooLong);
    }
    Ok(())
}

/// The year of a date-shaped text (`2026-12-01`, `+262142-12-31`, `-0001-01-01`), read
/// without chrono's bounds, so a guard at the edge can refuse years out of range whether or
/// not chrono could parse them. `None` for text that is not shaped like a date.
pub fn year_of_date_text(text: &str) -> Option<i64> {
    let (sign, rest) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => (1, text),
    };
    let mut parts = rest.splitn(3, '-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |s: &str, min: usize, max: usize| {
        (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !(digits(y, 4, 9) && digits(m, 1, 2) && digits(d, 1, 2)) {
        return None;
    }
    y.parse::<i64>().ok().map(|y| sign * y)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_period_is_at_most_ten_years() {
        assert_eq!(check_period(d("2016-12-02"), d("2026-12-01")), Ok(()));
        assert_eq!(
            check_period(d("2016-12-01"), d("2026-12-01")),
            Err(PeriodError::TooLong)
        );
        assert_eq!(
            check_period(d("2026-12-02"), d("2026-12-01")),
            Err(PeriodError::Reversed)
        );
        // 29 February plus ten years is no date: the limit falls back to 3,650 days.
        assert_eq!(check_period(d("2024-02-29"), d("2034-02-25")), Ok(()));
        assert!(check_period(d("2024-02-29"), d("2034-02-27")).is_err());
    }

    #[test]
    fn date_texts_give_their_year_whatever_its_size() {
        assert_eq!(year_of_date_text("2026-12-01"), Some(2026));
        assert_eq!(year_of_date_text("+262142-12-31"), Some(262_142));
        assert_eq!(year_of_date_text("-262143-01-01"), Some(-262_143));
        assert_eq!(year_of_date_text("0001-1-1"), Some(1));
        for not_a_date in [
            "",
            "2026",
            "2026-12",
            "12-01-2026",
            "abc-de-fg",
            "2026-123-01",
        ] {
            assert_eq!(year_of_date_text(not_a_date), None, "{not_a_date}");
        }
        assert!(!year_in_range(1899) && year_in_range(1900) && year_in_range(2199));
        assert!(!year_in_range(2200));
    }

    proptest! {
        #[test]
        fn every_date_chrono_prints_has_the_year_it_holds(days in -100_000_000i64..100_000_000) {
            let date = NaiveDate::from_num_days_from_ce_opt(i32::try_from(days).unwrap());
            if let Some(date) = date {
                prop_assert_eq!(year_of_date_text(&date.to_string()), Some(i64::from(date.year())));
                prop_assert_eq!(in_range(date), year_in_range(i64::from(date.year())));
            }
        }
    }
}
