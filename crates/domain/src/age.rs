//! Ages and approved age ranges.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::DomainError;

/// The oldest age Kith serves: placements can continue to 22 (young adults in after-care);
/// approvals are stated up to 23 to cover the last year.
pub const MAX_AGE: u8 = 23;

/// The ages a placement option is approved for, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "RawAgeRange")]
pub struct AgeRange {
    pub min: u8,
    pub max: u8,
}

#[derive(Deserialize)]
struct RawAgeRange {
    min: i64,
    max: i64,
}

impl TryFrom<RawAgeRange> for AgeRange {
    type Error = DomainError;
    fn try_from(r: RawAgeRange) -> Result<Self, Self::Error> {
        AgeRange::new(r.min, r.max)
    }
}

impl AgeRange {
    /// An age range with `0 <= min <= max <= 23`.
    pub fn new(min: i64, max: i64) -> Result<Self, DomainError> {
        if min < 0 || max < 0 {
            return Err(DomainError::InvalidAgeRange(
                "ages cannot be negative".into(),
            ));
        }
        if max > i64::from(MAX_AGE) {
            return Err(DomainError::InvalidAgeRange(format!(
                "the highest age is {MAX_AGE}"
            )));
        }
        if min > max {
            return Err(DomainError::InvalidAgeRange(
                "min must not be greater than max".into(),
            ));
        }
        Ok(Self {
            min: min as u8,
            max: max as u8,
        })
    }

    /// Whether a child of `age` full years is inside the range.
    pub fn contains(self, age: u32) -> bool {
        (u32::from(self.min)..=u32::from(self.max)).contains(&age)
    }
}

/// Age in full years on `on` for someone born on `birth` (0 before the first birthday).
/// A child born on 29 February turns a year older on 1 March in common years.
pub fn age_on(birth: NaiveDate, on: NaiveDate) -> u32 {
    if on < birth {
        return 0;
    }
    let mut years = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    years.max(0) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn age_counts_full_years() {
        assert_eq!(age_on(d(2015, 6, 10), d(2026, 6, 9)), 10);
        assert_eq!(age_on(d(2015, 6, 10), d(2026, 6, 10)), 11);
        assert_eq!(age_on(d(2015, 6, 10), d(2015, 6, 10)), 0);
        assert_eq!(age_on(d(2015, 6, 10), d(2014, 1, 1)), 0);
    }

    #[test]
    fn leap_day_birthdays_turn_on_first_march_in_common_years() {
        assert_eq!(age_on(d(2016, 2, 29), d(2026, 2, 28)), 9);
        assert_eq!(age_on(d(2016, 2, 29), d(2026, 3, 1)), 10);
        assert_eq!(age_on(d(2016, 2, 29), d(2028, 2, 29)), 12);
    }

    #[test]
    fn ranges_reject_reversed_negative_and_too_old() {
        assert!(AgeRange::new(5, 3).is_err());
        assert!(AgeRange::new(-1, 3).is_err());
        assert!(AgeRange::new(0, 24).is_err());
        let r = AgeRange::new(6, 12).unwrap();
        assert!(r.contains(6) && r.contains(12) && !r.contains(13) && !r.contains(5));
    }

    proptest! {
        #[test]
        fn age_never_decreases_with_time(b in 0i64..10000, x in 0i64..10000, y in 0i64..10000) {
            let base = d(2000, 1, 1);
            let birth = base + chrono::Duration::days(b);
            let (early, late) = if x <= y { (x, y) } else { (y, x) };
            let a1 = age_on(birth, base + chrono::Duration::days(early));
            let a2 = age_on(birth, base + chrono::Duration::days(late));
            prop_assert!(a1 <= a2);
        }
    }
}
