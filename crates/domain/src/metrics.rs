//! The arithmetic of the momentum dashboard, kept pure so each figure's definition in
//! `docs/METRICS.md` is one function with worked examples: medians of lead times, shares,
//! and rates per placement-year over a period.

pub mod stability;

use chrono::{Days, NaiveDate};

/// A period of days, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    /// Whether `day` lies in the period.
    pub fn contains(self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }

    /// How many days of `[start, end]` (end `None`: still running) fall in the period.
    pub fn overlap_days(self, start: NaiveDate, end: Option<NaiveDate>) -> i64 {
        let from = start.max(self.from);
        let to = end.unwrap_or(self.to).min(self.to);
        if to < from {
            0
        } else {
            (to - from).num_days() + 1
        }
    }

    /// The `days` days up to and including `to` (e.g. "the last 90 days").
    pub fn last_days(to: NaiveDate, days: u64) -> Self {
        Period {
            from: to - Days::new(days.saturating_sub(1)),
            to,
        }
    }

    /// The twelve months up to and including `to`.
    pub fn year_to(to: NaiveDate) -> Self {
        let from = to
            .checked_sub_months(chrono::Months::new(12))
            .map_or(to, |d| d + Days::new(1));
        Period { from, to }
    }
}

/// Days in a placement-year: rates are "per 100 placement-years" of 365 days.
pub const DAYS_PER_YEAR: f64 = 365.0;

/// The median of whole days; the mean of the middle two for an even count; `None` when empty.
pub fn median(values: &[i64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut v = values.to_vec();
    v.sort_unstable();
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2] as f64
    } else {
        (v[n / 2 - 1] + v[n / 2]) as f64 / 2.0
    })
}

/// `part` of `whole` as a percentage; `None` when there is nothing to divide by.
pub fn percent(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| part as f64 * 100.0 / whole as f64)
}

/// Events per 100 placement-years, given the placement-days they happened in; `None` when no
/// placement-day fell in the period.
pub fn per_100_years(events: usize, placement_days: i64) -> Option<f64> {
    (placement_days > 0).then(|| events as f64 * 100.0 * DAYS_PER_YEAR / placement_days as f64)
}

/// Events per placement-year.
pub fn per_year(events: usize, placement_days: i64) -> Option<f64> {
    per_100_years(events, placement_days).map(|r| r / 100.0)
}

/// Whole days from one day to another (negative if `to` is earlier).
pub fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[7]), Some(7.0));
        assert_eq!(median(&[9, 1, 5]), Some(5.0));
        // 2, 4, 10, 30: the middle two are 4 and 10.
        assert_eq!(median(&[30, 2, 10, 4]), Some(7.0));
    }

    #[test]
    fn percent_of_nothing_is_no_figure() {
        assert_eq!(percent(0, 0), None);
        assert_eq!(percent(3, 4), Some(75.0));
    }

    #[test]
    fn overlap_counts_both_ends() {
        let p = Period {
            from: d("2026-01-01"),
            to: d("2026-12-31"),
        };
        // Whole year: 365 days.
        assert_eq!(p.overlap_days(d("2025-06-01"), None), 365);
        // 1 to 10 March: 10 days.
        assert_eq!(p.overlap_days(d("2026-03-01"), Some(d("2026-03-10"))), 10);
        // Ended before the period.
        assert_eq!(p.overlap_days(d("2025-03-01"), Some(d("2025-12-31"))), 0);
        // Started 31 December: one day.
        assert_eq!(p.overlap_days(d("2026-12-31"), None), 1);
    }

    #[test]
    fn rates_per_placement_year() {
        // One breakdown in two placements of a full year each: 50 per 100 placement-years.
        assert_eq!(per_100_years(1, 730), Some(50.0));
        assert_eq!(per_year(3, 365), Some(3.0));
        assert_eq!(per_100_years(1, 0), None);
    }

    #[test]
    fn the_last_90_days_include_today() {
        let p = Period::last_days(d("2026-11-22"), 90);
        // 22 November back 89 days: 25 August (31 days to 22 October, 61 to 22 September).
        assert_eq!(p.from, d("2026-08-25"));
        assert_eq!(p.overlap_days(d("2000-01-01"), None), 90);
    }

    #[test]
    fn a_year_to_a_day_is_twelve_months() {
        let p = Period::year_to(d("2026-11-22"));
        assert_eq!(p.from, d("2025-11-23"));
        assert_eq!(p.overlap_days(d("2000-01-01"), None), 365);
    }

    proptest! {
        #[test]
        fn the_median_lies_between_min_and_max(v in proptest::collection::vec(-1000i64..1000, 1..50)) {
            let m = median(&v).unwrap();
            let lo = *v.iter().min().unwrap() as f64;
            let hi = *v.iter().max().unwrap() as f64;
            prop_assert!(lo <= m && m <= hi);
        }

        #[test]
        fn overlap_never_exceeds_the_period(a in 0i64..2000, len in 0i64..2000, open in any::<bool>()) {
            let p = Period { from: d("2026-01-01"), to: d("2026-12-31") };
            let start = d("2025-01-01") + Days::new(a as u64);
            let end = (!open).then(|| start + Days::new(len as u64));
            let o = p.overlap_days(start, end);
            prop_assert!((0..=365).contains(&o));
        }

        #[test]
        fn a_percentage_is_between_0_and_100(part in 0usize..100, extra in 0usize..100) {
            let whole = part + extra;
            if let Some(x) = percent(part, whole) {
                prop_assert!((0.0..=100.0).contains(&x));
            }
        }
    }
}
