//! A short stay's clock: how many days are left to its planned end, or how long it has run
//! past it. A stay that has run past its planned end is still running and reads so ("420
//! days past the planned end"), never like a finished period.

use chrono::NaiveDate;
use serde::Serialize;

/// Where a running stay stands against its planned end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "clock", rename_all = "snake_case")]
pub enum StayClock {
    /// The planned end is today or later: this many days left (0: it ends today).
    EndsIn { days: u32 },
    /// The planned end has passed and the stay goes on: this many days past it.
    PastEnd { days: u32 },
}

/// The clock of a placement with a planned end that has not ended; `None` for a placement
/// without a planned end, or one that has ended.
pub fn stay_clock(
    planned_end: Option<NaiveDate>,
    ended: bool,
    today: NaiveDate,
) -> Option<StayClock> {
    let end = planned_end.filter(|_| !ended)?;
    let days = (end - today).num_days();
    let count = |d: i64| u32::try_from(d.unsigned_abs()).unwrap_or(u32::MAX);
    Some(if days >= 0 {
        StayClock::EndsIn { days: count(days) }
    } else {
        StayClock::PastEnd { days: count(days) }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_stay_ending_on_23_december_counts_down_from_1_december() {
        let end = Some(day("2026-12-23"));
        // 1 December to 23 December: 30 - 1 + 23 = 22 days.
        assert_eq!(
            stay_clock(end, false, day("2026-12-01")),
            Some(StayClock::EndsIn { days: 22 })
        );
        assert_eq!(
            stay_clock(end, false, day("2026-12-23")),
            Some(StayClock::EndsIn { days: 0 })
        );
        assert_eq!(
            stay_clock(end, false, day("2026-12-24")),
            Some(StayClock::PastEnd { days: 1 })
        );
    }

    #[test]
    fn an_overstay_of_fourteen_months_reads_as_running() {
        // Planned to end 18 September 2025; on 1 December 2026 it has run 12 days to 30
        // September, 31 + 30 + 31 to 31 December and 335 from there to 1 December: 439.
        let end = Some(day("2025-09-18"));
        assert_eq!(
            stay_clock(end, false, day("2026-12-01")),
            Some(StayClock::PastEnd { days: 439 })
        );
    }

    #[test]
    fn an_ended_stay_or_a_placement_without_an_end_has_no_clock() {
        assert_eq!(
            stay_clock(Some(day("2026-12-23")), true, day("2026-12-01")),
            None
        );
        assert_eq!(stay_clock(None, false, day("2026-12-01")), None);
    }

    proptest! {
        /// The clock moves one day a day: a day later, one day less left or one day more past.
        #[test]
        fn the_clock_moves_one_day_a_day(offset in -2000i64..2000) {
            let end = day("2026-06-30");
            let today = end - chrono::Duration::days(offset);
            let signed = |c| match c {
                Some(StayClock::EndsIn { days }) => i64::from(days),
                Some(StayClock::PastEnd { days }) => -i64::from(days),
                None => unreachable!(),
            };
            let now = signed(stay_clock(Some(end), false, today));
            let next = signed(stay_clock(Some(end), false, today + chrono::Duration::days(1)));
            prop_assert_eq!(now, offset);
            prop_assert_eq!(next, now - 1);
        }
    }
}
