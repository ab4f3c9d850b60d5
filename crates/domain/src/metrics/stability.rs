//! Stability figures with published definitions (`docs/METRICS.md`, "Stability"): how often
//! children move, how many have had three or more placements in two years, how many of those
//! long in care have had the same carers for two years, how many placements break down in
//! their first year, and how often a child's case adviser changes. Each is a pure function of
//! the children's placement histories so that every definition has worked examples.
//!
//! The definitions follow the figures they are compared with: the US federal indicator of
//! placement stability (moves per 1,000 days in care of the children who entered care in the
//! period; the entry itself is not a move) and England's two stability measures for children
//! looked after (three or more placements; the same placement for two years among those under
//! 16 in care for two and a half years).

use chrono::{Days, Months, NaiveDate};

use super::{Period, percent};
use crate::age::age_on;

/// A placement gap of at most this many days between one placement's end and the next one's
/// start is a move within one spell in care; a longer gap is a new entry into care.
pub const MOVE_GAP_DAYS: u64 = 7;

/// Children in care for fewer days than this in the period are left out of the move rate (the
/// federal indicator's rule: a stay of a few days says nothing about stability).
pub const MIN_DAYS_FOR_MOVE_RATE: i64 = 8;

/// One placement as the stability figures read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StayRecord {
    pub start: NaiveDate,
    /// The last day; `None` while it runs.
    pub end: Option<NaiveDate>,
    /// Whether it ended in a breakdown.
    pub breakdown: bool,
}

impl StayRecord {
    fn runs_on(&self, day: NaiveDate) -> bool {
        self.start <= day && self.end.is_none_or(|e| e >= day)
    }

    fn overlaps(&self, p: Period) -> bool {
        self.start <= p.to && self.end.is_none_or(|e| e >= p.from)
    }
}

/// A child's history: birth date, every placement (any order) and the days its case adviser
/// changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChildHistory {
    pub birth_date: NaiveDate,
    pub placements: Vec<StayRecord>,
    pub adviser_changes: Vec<NaiveDate>,
    /// The days the child's recorded school was changed to another school.
    pub school_changes: Vec<NaiveDate>,
}

/// The stability figures for a period read on `as_of` (its last day, or today if earlier).
#[derive(Debug, Clone, PartialEq)]
pub struct Stability {
    /// Children who entered care in the period (their first placement, or a new spell after
    /// a gap, started in it) and were in care at least [`MIN_DAYS_FOR_MOVE_RATE`] days.
    pub entered: usize,
    /// Their moves in the period: placements that started in the period within
    /// [`MOVE_GAP_DAYS`] of the end of another.
    pub moves: usize,
    /// Their days in care in the period.
    pub days_in_care: i64,
    pub moves_per_1000_days: Option<f64>,
    /// Children in care on `as_of`.
    pub in_care: usize,
    /// Of them, those with three or more placements in the two years up to `as_of`.
    pub three_or_more_in_two_years: usize,
    pub three_or_more_pct: Option<f64>,
    /// Children under 16 on `as_of`, in care without a break for at least 30 months.
    pub long_term: usize,
    /// Of them, those whose current placement started at least 24 months before `as_of`.
    pub long_term_same_carer: usize,
    pub long_term_same_carer_pct: Option<f64>,
    /// Placements that ended in a breakdown in the period, and of those, the ones that ended
    /// within twelve months of their start.
    pub breakdowns: usize,
    pub breakdowns_first_year: usize,
    /// Children with a placement in the period, and their case advisers' changes in it.
    pub children_in_period: usize,
    pub adviser_changes: usize,
    pub adviser_changes_per_child: Option<f64>,
    /// Their changes of school in the period.
    pub school_changes: usize,
    pub school_changes_per_child: Option<f64>,
}

/// Works out every stability figure for `children` over `period`, read on `as_of`.
pub fn stability(children: &[ChildHistory], period: Period, as_of: NaiveDate) -> Stability {
    let period = Period {
        from: period.from,
        to: period.to.min(as_of),
    };
    let (entered, moves, days_in_care) = move_rate(children, period);
    let in_care: Vec<&ChildHistory> = children
        .iter()
        .filter(|c| c.placements.iter().any(|p| p.runs_on(as_of)))
        .collect();
    let two_years = Period {
        from: shifted_back(as_of, 24) + Days::new(1),
        to: as_of,
    };
    let three_or_more = in_care
        .iter()
        .filter(|c| {
            c.placements
                .iter()
                .filter(|p| p.overlaps(two_years))
                .count()
                >= 3
        })
        .count();
    let (long_term, same_carer) = long_term_stability(&in_care, as_of);
    let ended_in_period =
        |p: &&StayRecord| p.breakdown && p.end.is_some_and(|e| period.contains(e));
    let breakdowns: Vec<&StayRecord> = children
        .iter()
        .flat_map(|c| c.placements.iter())
        .filter(ended_in_period)
        .collect();
    let breakdowns_first_year = breakdowns
        .iter()
        .filter(|p| p.end.is_some_and(|e| e < shifted(p.start, 12)))
        .count();
    let in_period: Vec<&ChildHistory> = children
        .iter()
        .filter(|c| c.placements.iter().any(|p| p.overlaps(period)))
        .collect();
    let changes_in_period = |days: fn(&ChildHistory) -> &Vec<NaiveDate>| -> usize {
        in_period
            .iter()
            .map(|c| days(c).iter().filter(|d| period.contains(**d)).count())
            .sum()
    };
    let adviser_changes = changes_in_period(|c| &c.adviser_changes);
    let school_changes = changes_in_period(|c| &c.school_changes);
    let per_child = |n: usize| (!in_period.is_empty()).then(|| n as f64 / in_period.len() as f64);
    Stability {
        entered,
        moves,
        days_in_care,
        moves_per_1000_days: (days_in_care > 0)
            .then(|| moves as f64 * 1000.0 / days_in_care as f64),
        in_care: in_care.len(),
        three_or_more_in_two_years: three_or_more,
        three_or_more_pct: percent(three_or_more, in_care.len()),
        long_term,
        long_term_same_carer: same_carer,
        long_term_same_carer_pct: percent(same_carer, long_term),
        breakdowns: breakdowns.len(),
        breakdowns_first_year,
        children_in_period: in_period.len(),
        adviser_changes,
        adviser_changes_per_child: per_child(adviser_changes),
        school_changes,
        school_changes_per_child: per_child(school_changes),
    }
}

/// The children who entered care in the period (and stayed at least a week), their moves in
/// it and their days in care in it.
fn move_rate(children: &[ChildHistory], period: Period) -> (usize, usize, i64) {
    let (mut entered, mut moves, mut days) = (0, 0, 0);
    for c in children {
        let mut stays = c.placements.clone();
        stays.sort_by_key(|p| p.start);
        let entries_in_period = stays
            .iter()
            .enumerate()
            .filter(|(i, p)| period.contains(p.start) && !is_move(&stays, *i))
            .count();
        if entries_in_period == 0 {
            continue;
        }
        let child_days: i64 = stays
            .iter()
            .map(|p| period.overlap_days(p.start, p.end))
            .sum();
        if child_days < MIN_DAYS_FOR_MOVE_RATE {
            continue;
        }
        entered += 1;
        days += child_days;
        moves += (0..stays.len())
            .filter(|i| period.contains(stays[*i].start) && is_move(&stays, *i))
            .count();
    }
    (entered, moves, days)
}

/// Whether the placement at `i` (of placements sorted by start) is a move: another placement
/// ran until at most [`MOVE_GAP_DAYS`] before it started.
fn is_move(sorted: &[StayRecord], i: usize) -> bool {
    let start = sorted[i].start;
    sorted[..i].iter().any(|p| match p.end {
        None => true,
        Some(end) => end + Days::new(MOVE_GAP_DAYS) >= start,
    })
}

/// Of the children in care on `as_of`: those under 16 in care without a break for at least
/// 30 months, and of them those in their current placement for at least 24 months.
fn long_term_stability(in_care: &[&ChildHistory], as_of: NaiveDate) -> (usize, usize) {
    let (mut long_term, mut same) = (0, 0);
    for c in in_care {
        if age_on(c.birth_date, as_of) >= 16 {
            continue;
        }
        let mut stays = c.placements.clone();
        stays.sort_by_key(|p| p.start);
        let Some(current) = stays.iter().rposition(|p| p.runs_on(as_of)) else {
            continue;
        };
        let mut spell_start = stays[current].start;
        for earlier in stays[..current].iter().rev() {
            if earlier
                .end
                .is_none_or(|e| e + Days::new(MOVE_GAP_DAYS) >= spell_start)
            {
                spell_start = spell_start.min(earlier.start);
            } else {
                break;
            }
        }
        if spell_start <= shifted_back(as_of, 30) {
            long_term += 1;
            if stays[current].start <= shifted_back(as_of, 24) {
                same += 1;
            }
        }
    }
    (long_term, same)
}

fn shifted(day: NaiveDate, months: u32) -> NaiveDate {
    day.checked_add_months(Months::new(months)).unwrap_or(day)
}

fn shifted_back(day: NaiveDate, months: u32) -> NaiveDate {
    day.checked_sub_months(Months::new(months)).unwrap_or(day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn stay(start: &str, end: Option<&str>, breakdown: bool) -> StayRecord {
        StayRecord {
            start: d(start),
            end: end.map(d),
            breakdown,
        }
    }

    fn child(born: &str, placements: Vec<StayRecord>, changes: &[&str]) -> ChildHistory {
        ChildHistory {
            birth_date: d(born),
            placements,
            adviser_changes: changes.iter().map(|c| d(c)).collect(),
            school_changes: vec![],
        }
    }

    /// The year 2026 (365 days), read on its last day.
    fn year() -> Period {
        Period {
            from: d("2026-01-01"),
            to: d("2026-12-31"),
        }
    }

    /// Worked by hand. Anna enters care on 1 March (in the period), breaks down on 30 April and
    /// moves the next day (a move), and moves again on 1 September after a 3-day gap (a move):
    /// 2 moves; her days in care in 2026: 1 Mar–30 Apr = 61, 1 May–28 Aug = 120, 1 Sep–31 Dec
    /// = 122, so 303. Bo entered in 2024 (not in the cohort). Cille enters on 10 December and
    /// stays 22 days, no move. Rate: 2 moves × 1000 / (303 + 22) days = 6.15…
    #[test]
    fn the_move_rate_counts_the_moves_of_the_children_who_entered_in_the_period() {
        let anna = child(
            "2015-05-05",
            vec![
                stay("2026-03-01", Some("2026-04-30"), true),
                stay("2026-05-01", Some("2026-08-28"), false),
                stay("2026-09-01", None, false),
            ],
            &[],
        );
        let bo = child(
            "2012-01-01",
            vec![
                stay("2024-02-01", Some("2026-06-30"), false),
                stay("2026-07-01", None, false),
            ],
            &[],
        );
        let cille = child("2019-01-01", vec![stay("2026-12-10", None, false)], &[]);
        let s = stability(&[anna, bo, cille], year(), d("2026-12-31"));
        assert_eq!((s.entered, s.moves, s.days_in_care), (2, 2, 325));
        let rate = s.moves_per_1000_days.unwrap();
        assert!((rate - 2000.0 / 325.0).abs() < 1e-9, "{rate}");
    }

    /// A return to care after more than a week at home is a new entry, not a move; a stay of
    /// under 8 days in the period leaves the child out of the rate.
    #[test]
    fn a_return_after_a_gap_is_an_entry_and_a_short_stay_is_left_out() {
        let back_home_then_back = child(
            "2014-01-01",
            vec![
                stay("2026-02-01", Some("2026-02-28"), false),
                stay("2026-03-09", Some("2026-03-31"), false),
            ],
            &[],
        );
        let s = stability(&[back_home_then_back], year(), d("2026-12-31"));
        assert_eq!((s.entered, s.moves, s.days_in_care), (1, 0, 28 + 23));
        let week = child(
            "2014-01-01",
            vec![stay("2026-06-01", Some("2026-06-07"), false)],
            &[],
        );
        let s = stability(&[week], year(), d("2026-12-31"));
        assert_eq!((s.entered, s.moves_per_1000_days), (0, None));
    }

    /// Read on 31 December 2026, two years back is 1 January 2025. Dan has had three
    /// placements since (one ended in March 2025), Eva three, but one ended in 2024 — so two in
    /// the window; Finn had three but is no longer in care. One of two in care: 50 %.
    #[test]
    fn three_or_more_placements_in_two_years_among_those_in_care() {
        let dan = child(
            "2012-01-01",
            vec![
                stay("2024-06-01", Some("2025-03-01"), true),
                stay("2025-03-02", Some("2026-01-31"), false),
                stay("2026-02-01", None, false),
            ],
            &[],
        );
        let eva = child(
            "2012-01-01",
            vec![
                stay("2023-01-01", Some("2024-12-31"), false),
                stay("2025-01-01", Some("2025-12-31"), false),
                stay("2026-01-01", None, false),
            ],
            &[],
        );
        let finn = child(
            "2012-01-01",
            vec![
                stay("2025-01-01", Some("2025-03-31"), false),
                stay("2025-04-01", Some("2025-06-30"), false),
                stay("2025-07-01", Some("2026-06-30"), false),
            ],
            &[],
        );
        let s = stability(&[dan, eva, finn], year(), d("2026-12-31"));
        assert_eq!((s.in_care, s.three_or_more_in_two_years), (2, 1));
        assert_eq!(s.three_or_more_pct, Some(50.0));
    }

    /// Read on 31 December 2026: 30 months back is 30 June 2024, 24 months back 31 December
    /// 2024. Gro (10) in care since 2023, same family since March 2024: long-term, same carer.
    /// Hans (12) in care since May 2024 without a break (moved in January 2025): long-term,
    /// not the same carer. Ida (16 on 1 December 2026) is left out. Jon (9) came into care in
    /// September 2024: not long-term yet. One of two: 50 %.
    #[test]
    fn the_same_carer_for_two_years_among_children_under_16_long_in_care() {
        let gro = child(
            "2016-03-03",
            vec![
                stay("2023-05-01", Some("2024-02-29"), false),
                stay("2024-03-01", None, false),
            ],
            &[],
        );
        let hans = child(
            "2014-07-07",
            vec![
                stay("2024-05-01", Some("2025-01-10"), true),
                stay("2025-01-12", None, false),
            ],
            &[],
        );
        let ida = child("2010-12-01", vec![stay("2020-01-01", None, false)], &[]);
        let jon = child("2017-01-01", vec![stay("2024-09-01", None, false)], &[]);
        let s = stability(&[gro, hans, ida, jon], year(), d("2026-12-31"));
        assert_eq!((s.long_term, s.long_term_same_carer), (2, 1));
        assert_eq!(s.long_term_same_carer_pct, Some(50.0));
    }

    /// Breakdowns ending in 2026: one after 11 months (first year), one after exactly 12
    /// months (not within the first twelve), one ended in 2025 (not in the period).
    #[test]
    fn breakdowns_in_the_first_twelve_months() {
        let k = child(
            "2012-01-01",
            vec![
                stay("2025-03-01", Some("2026-01-31"), true),
                stay("2026-02-01", None, false),
            ],
            &[],
        );
        let l = child(
            "2012-01-01",
            vec![stay("2025-04-01", Some("2026-04-01"), true)],
            &[],
        );
        let m = child(
            "2012-01-01",
            vec![stay("2024-04-01", Some("2025-04-01"), true)],
            &[],
        );
        let s = stability(&[k, l, m], year(), d("2026-12-31"));
        assert_eq!((s.breakdowns, s.breakdowns_first_year), (2, 1));
    }

    /// Two children in care in 2026; three adviser changes in 2026 and one in 2025: 1.5 a child.
    #[test]
    fn adviser_changes_per_child_in_care_in_the_period() {
        let n = child(
            "2012-01-01",
            vec![stay("2025-01-01", None, false)],
            &["2025-06-01", "2026-02-01", "2026-09-01"],
        );
        let o = child(
            "2012-01-01",
            vec![stay("2026-05-01", None, false)],
            &["2026-10-01"],
        );
        let p = child(
            "2012-01-01",
            vec![stay("2020-01-01", Some("2024-12-31"), false)],
            &[],
        );
        let s = stability(&[n, o, p], year(), d("2026-12-31"));
        assert_eq!((s.children_in_period, s.adviser_changes), (2, 3));
        assert_eq!(s.adviser_changes_per_child, Some(1.5));
    }

    /// Two children in care in 2026: Ida changed school in March 2026 (and once in 2025),
    /// Ole in September 2026 and again in November; a child out of care in 2026 changed in
    /// 2026 too and does not count: 3 changes, 1.5 a child.
    #[test]
    fn school_changes_per_child_in_care_in_the_period() {
        let with_schools = |c: ChildHistory, days: &[&str]| ChildHistory {
            school_changes: days.iter().map(|x| d(x)).collect(),
            ..c
        };
        let ida = with_schools(
            child("2012-01-01", vec![stay("2025-01-01", None, false)], &[]),
            &["2025-08-11", "2026-03-02"],
        );
        let ole = with_schools(
            child("2013-01-01", vec![stay("2026-08-01", None, false)], &[]),
            &["2026-09-01", "2026-11-16"],
        );
        let gone = with_schools(
            child(
                "2010-01-01",
                vec![stay("2020-01-01", Some("2024-12-31"), false)],
                &[],
            ),
            &["2026-04-01"],
        );
        let s = stability(&[ida, ole, gone], year(), d("2026-12-31"));
        assert_eq!((s.children_in_period, s.school_changes), (2, 3));
        assert_eq!(s.school_changes_per_child, Some(1.5));
    }

    /// Nothing read after the day the figures are read on: a period ending in the future is
    /// cut at `as_of`.
    #[test]
    fn nothing_after_the_reading_day_counts() {
        let q = child(
            "2012-01-01",
            vec![
                stay("2026-03-01", Some("2026-06-30"), true),
                stay("2026-07-01", None, false),
            ],
            &["2026-11-01"],
        );
        let s = stability(std::slice::from_ref(&q), year(), d("2026-05-31"));
        assert_eq!((s.moves, s.breakdowns, s.adviser_changes), (0, 0, 0));
        assert_eq!(s.days_in_care, 92);
    }

    fn arb_history() -> impl Strategy<Value = ChildHistory> {
        let stays =
            proptest::collection::vec((0i64..1500, 1i64..400, any::<bool>(), any::<bool>()), 1..5);
        (0i64..6000, stays).prop_map(|(born, s)| {
            let base = d("2023-01-01");
            ChildHistory {
                birth_date: d("2008-01-01") + chrono::Duration::days(born),
                placements: s
                    .into_iter()
                    .map(|(start, len, open, breakdown)| StayRecord {
                        start: base + chrono::Duration::days(start),
                        end: (!open).then(|| base + chrono::Duration::days(start + len)),
                        breakdown,
                    })
                    .collect(),
                adviser_changes: vec![],
                school_changes: vec![],
            }
        })
    }

    proptest! {
        /// Every share is a share (the part never exceeds the whole), a move is never counted
        /// without days in care, and first-year breakdowns are breakdowns.
        #[test]
        fn parts_never_exceed_their_wholes(children in proptest::collection::vec(arb_history(), 0..8)) {
            let s = stability(&children, year(), d("2026-12-31"));
            prop_assert!(s.three_or_more_in_two_years <= s.in_care);
            prop_assert!(s.long_term_same_carer <= s.long_term);
            prop_assert!(s.long_term <= s.in_care);
            prop_assert!(s.breakdowns_first_year <= s.breakdowns);
            prop_assert!(s.entered <= children.len());
            prop_assert!(s.moves == 0 || s.days_in_care > 0);
            prop_assert!(s.children_in_period <= children.len());
            prop_assert_eq!(s.school_changes, 0);
        }
    }
}
