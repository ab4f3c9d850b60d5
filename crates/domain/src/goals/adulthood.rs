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

/// The window of the planned review of support after 18 (a wheel item of the case adviser):
/// from the review age, due a month later, and held at the latest three months after it — or
/// the day before the 18th birthday, if that comes first.
pub fn adulthood_review_window(birth: NaiveDate, rules: &StayRules) -> crate::wheel::Window {
    let opens_on = adulthood_review_on(birth, rules);
    let last = eighteenth_birthday(birth).pred_opt().unwrap_or(opens_on);
    let closes_on = opens_on
        .checked_add_months(Months::new(3))
        .unwrap_or(opens_on)
        .min(last)
        .max(opens_on);
    let due_on = opens_on
        .checked_add_months(Months::new(1))
        .unwrap_or(opens_on)
        .min(closes_on);
    crate::wheel::Window {
        due_on,
        opens_on,
        closes_on,
    }
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

    /// Born 15 March 2009: opens at 17½ (15 September 2026), due a month later, closes three
    /// months after the opening; born 15 March 2009 with a review age of 17 years and 10
    /// months (15 January 2027): closes the day before the birthday (14 March 2027).
    #[test]
    fn the_planned_review_falls_between_the_review_age_and_the_birthday() {
        let w = adulthood_review_window(d("2009-03-15"), &StayRules::default());
        assert_eq!(
            (w.opens_on, w.due_on, w.closes_on),
            (d("2026-09-15"), d("2026-10-15"), d("2026-12-15"))
        );
        let late = StayRules {
            adulthood_review_months: 17 * 12 + 10,
            ..StayRules::default()
        };
        let w = adulthood_review_window(d("2009-03-15"), &late);
        assert_eq!(
            (w.opens_on, w.due_on, w.closes_on),
            (d("2027-01-15"), d("2027-02-15"), d("2027-03-14"))
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
