//! The 18th birthday planned: a placed young person's support after 18 (after-care,
//! efterværn) is decided before the birthday, not on it. At a configurable age (default
//! 17 years and 6 months) the case adviser is signalled until the decision is recorded.

use chrono::{Months, NaiveDate};

use super::{StayRules, StaySignal};

/// The default age, in months, at which support after 18 is reviewed: 17 years and 6 months.
pub const ADULTHOOD_REVIEW_MONTHS: u32 = 17 * 12 + 6;

/// The 18th birthday (a child born on 29 February turns 18 on 28 February).
pub fn eighteenth_birthday(birth: NaiveDate) -> NaiveDate {
    birth
        .checked_add_months(Months::new(18 * 12))
        .unwrap_or(birth)
}

/// The day the young person reaches the review age of `rules`.
pub fn adulthood_review_on(birth: NaiveDate, rules: &StayRules) -> NaiveDate {
    birth
        .checked_add_months(Months::new(rules.adulthood_review_months))
        .unwrap_or(birth)
}

/// The signal of a running placement whose young person has reached the review age without a
/// decision on support after 18; none once it is decided or before that age.
pub fn adulthood_signal(
    birth: NaiveDate,
    decided: bool,
    rules: &StayRules,
    today: NaiveDate,
) -> Option<StaySignal> {
    let on = adulthood_review_on(birth, rules);
    (!decided && today >= on).then_some(StaySignal::AdulthoodReviewDue { since: on })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// Born 15 March 2009: 17½ on 15 September 2026, 18 on 15 March 2027.
    #[test]
    fn the_review_is_due_at_seventeen_and_a_half_until_it_is_decided() {
        let rules = StayRules::default();
        let born = d("2009-03-15");
        assert_eq!(adulthood_review_on(born, &rules), d("2026-09-15"));
        assert_eq!(eighteenth_birthday(born), d("2027-03-15"));
        assert_eq!(adulthood_signal(born, false, &rules, d("2026-09-14")), None);
        assert_eq!(
            adulthood_signal(born, false, &rules, d("2026-09-15")),
            Some(StaySignal::AdulthoodReviewDue {
                since: d("2026-09-15")
            })
        );
        assert_eq!(adulthood_signal(born, true, &rules, d("2026-11-16")), None);
    }

    /// The age is a rule: a municipality that decides at 17 is signalled half a year earlier.
    #[test]
    fn the_review_age_is_a_rule() {
        let rules = StayRules {
            adulthood_review_months: 17 * 12,
            ..StayRules::default()
        };
        assert_eq!(
            adulthood_review_on(d("2009-03-15"), &rules),
            d("2026-03-15")
        );
    }

    /// A leap-day child turns 18 on the last day of February.
    #[test]
    fn a_leap_day_child_turns_eighteen_on_the_28th() {
        assert_eq!(eighteenth_birthday(d("2008-02-29")), d("2026-02-28"));
    }

    proptest! {
        /// The review always comes before the 18th birthday with the default rule, and the
        /// signal, once due, stays until the decision.
        #[test]
        fn the_review_comes_before_eighteen(days in 0i64..20_000, later in 0i64..1000) {
            let rules = StayRules::default();
            let born = d("1990-01-01") + chrono::Duration::days(days);
            let on = adulthood_review_on(born, &rules);
            prop_assert!(on < eighteenth_birthday(born));
            let day = on + chrono::Duration::days(later);
            prop_assert!(adulthood_signal(born, false, &rules, day).is_some());
            prop_assert!(adulthood_signal(born, true, &rules, day).is_none());
        }
    }
}
