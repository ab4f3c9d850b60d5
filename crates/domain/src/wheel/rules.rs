//! The annual wheel's rules, as data an administrator can change: how often each kind of
//! visit happens for each kind of placement, the window around a due date, when plan reviews
//! fall, the municipality's closing days, and when reminders go out.
//!
//! The defaults follow DOMAIN.md: statutory supervision visits at least twice a year for every
//! placement (Barnets Lov § 156(5)), consultant support visits four times a year for
//! family-based placements with the first within four weeks, institution follow-up meetings
//! every three months, the first plan review three months after the start and then every six
//! months (§ 95).

use chrono::NaiveTime;
use serde::{Deserialize, Serialize};

use super::{HeldBy, MonthDay, VisitKind};
use crate::{Message, PlacementKind};

/// The smallest number of supervision visits a year the law allows (§ 156(5)).
pub const STATUTORY_SUPERVISION_PER_YEAR: i32 = 2;

/// The latest the first plan review may fall after the start (§ 95: three months).
pub const STATUTORY_FIRST_REVIEW_MONTHS: i32 = 3;

/// Most visits a day by default: two home visits, with the travel and the records they take.
pub const DEFAULT_DAILY_CAPACITY: i32 = 2;

fn default_daily_capacity() -> i32 {
    DEFAULT_DAILY_CAPACITY
}

/// How often one kind of visit happens for some kinds of placement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct VisitRule {
    /// Not `plan_review`: reviews have their own rule.
    pub kind: VisitKind,
    /// The kinds of placement this rule applies to.
    pub placement_kinds: Vec<PlacementKind>,
    /// Visits a year, spread evenly: one every `365 / per_year` days.
    pub per_year: i32,
    /// The first visit falls at the latest this many days after the start; without it the first
    /// falls in the middle of the first interval.
    pub first_within_days: Option<i32>,
    /// A visit may be planned this many days before or after its due date.
    pub window_days: i32,
    /// Whether the child must be seen alone (the record asks why not, if not).
    pub child_seen_alone: bool,
    /// Who holds the visit: the placement's consultant (or, without one, the case adviser), or
    /// the case adviser.
    pub held_by: HeldBy,
}

impl VisitRule {
    /// Days between two visits: the year divided evenly.
    pub fn interval_days(&self) -> i64 {
        365 / i64::from(self.per_year.max(1))
    }
}

/// The first weeks of a placement, when breakdowns cluster: contacts closer than the year's
/// rhythm, from the start until `for_days` after it. Where several rules fit a placement, the
/// one asking for the most contacts applies, so adding a rule never lessens the follow-up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FirstWeeksRule {
    /// The kinds of placement this pattern applies to.
    pub placement_kinds: Vec<PlacementKind>,
    /// Only for a child at least this old on the first day (teenagers); without it, for every
    /// child.
    #[serde(default)]
    pub from_age: Option<i32>,
    /// The first contact at the latest this many days after the start.
    pub first_within_days: i32,
    /// Then one contact every this many days …
    pub every_days: i32,
    /// … until this many days after the start.
    pub for_days: i32,
    /// A contact may be held this many days before or after its due date.
    pub window_days: i32,
}

impl FirstWeeksRule {
    /// How many contacts the pattern asks for: the first, then one every `every_days` until
    /// `for_days`.
    pub fn contacts(&self) -> i32 {
        if self.every_days <= 0 || self.first_within_days > self.for_days {
            return i32::from(self.first_within_days <= self.for_days);
        }
        1 + (self.for_days - self.first_within_days) / self.every_days
    }

    /// Whether the pattern applies to this kind of placement and a child of this age at the
    /// start (an unknown age meets no age limit).
    pub fn applies(&self, kind: PlacementKind, age_at_start: Option<i32>) -> bool {
        self.placement_kinds.contains(&kind)
            && self
                .from_age
                .is_none_or(|from| age_at_start.is_some_and(|a| a >= from))
    }
}

/// From this age a child is a teenager, whose first weeks are followed more closely.
pub const TEENAGER_FROM_AGE: i32 = 13;

/// The first-weeks defaults: breakdowns cluster in the first months (Konijn et al. 2019;
/// the rules table in `docs/ARCHITECTURE.md`), so every placement has a contact in its first week and then weekly for
/// the first month; a network placement and a teenager from the third day, for two months.
fn default_first_weeks() -> Vec<FirstWeeksRule> {
    let every = FirstWeeksRule {
        placement_kinds: PlacementKind::ALL.to_vec(),
        from_age: None,
        first_within_days: 7,
        every_days: 7,
        for_days: 28,
        window_days: 2,
    };
    let denser = |placement_kinds: Vec<PlacementKind>, from_age| FirstWeeksRule {
        placement_kinds,
        from_age,
        first_within_days: 3,
        every_days: 7,
        for_days: 56,
        window_days: 2,
    };
    vec![
        every,
        denser(vec![PlacementKind::NetworkFosterFamily], None),
        denser(PlacementKind::ALL.to_vec(), Some(TEENAGER_FROM_AGE)),
    ]
}

/// When plan reviews fall (§ 95).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReviewRule {
    /// The first review, months after the start (the law: three).
    pub first_after_months: i32,
    /// Later reviews, months after the previous one; a placement can have its own rhythm.
    pub rhythm_months: i32,
    /// A review may be held up to this many days before its due date; it is overdue the day
    /// after.
    pub window_days: i32,
}

/// All the annual wheel's rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct WheelRules {
    pub visits: Vec<VisitRule>,
    pub reviews: ReviewRule,
    /// Contacts closer together in a placement's first weeks. Rules stored before this field
    /// existed read the defaults.
    #[serde(default = "default_first_weeks")]
    pub first_weeks: Vec<FirstWeeksRule>,
    /// The municipality's own closing days, on top of weekends and public holidays.
    pub closing_days: Vec<MonthDay>,
    /// Most visits a week for a consultant who has not set their own.
    pub weekly_capacity: i32,
    /// Most visits a day for anyone: a day of home visits in different towns is two, and
    /// catch-ups are spread over the coming days instead of stacked on today. Rules stored
    /// before this field existed read the default.
    #[serde(default = "default_daily_capacity")]
    pub daily_capacity: i32,
    /// How far ahead visits and reviews are planned.
    pub horizon_months: i32,
    /// A supervision visit or plan review this many days overdue is escalated to the team
    /// leader (once).
    pub escalate_after_days: i32,
    /// The morning digest lists what is due in this many days (and everything overdue).
    pub digest_days_ahead: i32,
    /// Local time (Europe/Copenhagen) of the morning digest.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "07:00:00"))]
    pub digest_at: NaiveTime,
    /// Local time of the nightly re-planning.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "02:00:00"))]
    pub replan_at: NaiveTime,
}

impl Default for WheelRules {
    fn default() -> Self {
        let family_based: Vec<PlacementKind> = PlacementKind::ALL
            .iter()
            .copied()
            .filter(|k| k.is_family_based())
            .collect();
        let institutional: Vec<PlacementKind> = PlacementKind::ALL
            .iter()
            .copied()
            .filter(|k| !k.is_family_based())
            .collect();
        Self {
            visits: vec![
                VisitRule {
                    kind: VisitKind::Supervision,
                    placement_kinds: PlacementKind::ALL.to_vec(),
                    per_year: STATUTORY_SUPERVISION_PER_YEAR,
                    first_within_days: None,
                    window_days: 14,
                    child_seen_alone: true,
                    held_by: HeldBy::Consultant,
                },
                VisitRule {
                    kind: VisitKind::Support,
                    placement_kinds: family_based,
                    per_year: 4,
                    first_within_days: Some(28),
                    window_days: 10,
                    child_seen_alone: false,
                    held_by: HeldBy::Consultant,
                },
                VisitRule {
                    kind: VisitKind::InstitutionFollowUp,
                    placement_kinds: institutional,
                    per_year: 4,
                    first_within_days: None,
                    window_days: 10,
                    child_seen_alone: false,
                    held_by: HeldBy::Consultant,
                },
            ],
            reviews: ReviewRule {
                first_after_months: STATUTORY_FIRST_REVIEW_MONTHS,
                rhythm_months: 6,
                window_days: 14,
            },
            first_weeks: default_first_weeks(),
            closing_days: vec![
                MonthDay { month: 6, day: 5 },
                MonthDay { month: 12, day: 24 },
                MonthDay { month: 12, day: 31 },
            ],
            weekly_capacity: 8,
            daily_capacity: DEFAULT_DAILY_CAPACITY,
            horizon_months: 12,
            escalate_after_days: 7,
            digest_days_ahead: 14,
            digest_at: NaiveTime::from_hms_opt(7, 0, 0).expect("07:00"),
            replan_at: NaiveTime::from_hms_opt(2, 0, 0).expect("02:00"),
        }
    }
}

impl WheelRules {
    /// The rule for one kind of visit and one kind of placement, if any applies.
    pub fn visit_rule(&self, kind: VisitKind, placement: PlacementKind) -> Option<&VisitRule> {
        self.visits
            .iter()
            .find(|r| r.kind == kind && r.placement_kinds.contains(&placement))
    }

    /// The visit rules that apply to a kind of placement.
    pub fn rules_for(&self, placement: PlacementKind) -> impl Iterator<Item = &VisitRule> {
        self.visits
            .iter()
            .filter(move |r| r.placement_kinds.contains(&placement))
    }

    /// The first-weeks pattern of a placement: of the rules that apply, the one asking for
    /// the most contacts (the first of those on a tie).
    pub fn first_weeks_rule(
        &self,
        kind: PlacementKind,
        age_at_start: Option<i32>,
    ) -> Option<&FirstWeeksRule> {
        self.first_weeks
            .iter()
            .filter(|r| r.applies(kind, age_at_start))
            .rev()
            .max_by_key(|r| r.contacts())
    }

    /// Whether the child must be seen alone at this kind of visit in this kind of placement.
    pub fn child_seen_alone(&self, kind: VisitKind, placement: PlacementKind) -> bool {
        self.visit_rule(kind, placement)
            .is_some_and(|r| r.child_seen_alone)
    }

    /// Checks the rules; each problem names its field.
    pub fn validate(&self) -> Result<(), Vec<(String, Message)>> {
        let mut p: Vec<(String, Message)> = Vec::new();
        let mut push = |field: String, msg: Message| p.push((field, msg));
        for (i, r) in self.visits.iter().enumerate() {
            let f = |name: &str| format!("visits[{i}].{name}");
            if r.kind == VisitKind::PlanReview {
                push(f("kind"), Message::new("problem.rule_plan_review_kind"));
            }
            if r.placement_kinds.is_empty() {
                push(
                    f("placement_kinds"),
                    Message::new("problem.rule_placement_kinds"),
                );
            }
            if r.per_year <= 0 {
                push(f("per_year"), Message::new("problem.rule_per_year_min"));
                continue;
            }
            if r.per_year > 52 {
                push(f("per_year"), Message::new("problem.rule_per_year_max"));
                continue;
            }
            let interval = r.interval_days();
            if r.window_days < 0 {
                push(f("window_days"), Message::new("problem.rule_not_negative"));
            } else if i64::from(r.window_days) * 2 > interval {
                push(
                    f("window_days"),
                    Message::new("problem.rule_window")
                        .int("window", r.window_days)
                        .int("interval", interval)
                        .int("max", interval / 2),
                );
            }
            if let Some(first) = r.first_within_days
                && (first <= 0 || i64::from(first) > interval)
            {
                push(
                    f("first_within_days"),
                    Message::new("problem.rule_first_within").int("interval", interval),
                );
            }
            if r.kind == VisitKind::Supervision && r.per_year < STATUTORY_SUPERVISION_PER_YEAR {
                push(
                    f("per_year"),
                    Message::new("problem.rule_supervision_min")
                        .int("min", STATUTORY_SUPERVISION_PER_YEAR),
                );
            }
        }
        for kind in PlacementKind::ALL {
            for vk in VisitKind::ALL {
                let n = self
                    .visits
                    .iter()
                    .filter(|r| r.kind == *vk && r.placement_kinds.contains(kind))
                    .count();
                if n > 1 {
                    push(
                        "visits".into(),
                        Message::new("problem.rule_twice")
                            .key("visit", format!("visit_kind.{vk}"))
                            .key("kind", format!("placement_kind.{kind}")),
                    );
                }
            }
            if self.visit_rule(VisitKind::Supervision, *kind).is_none() {
                push(
                    "visits".into(),
                    Message::new("problem.rule_supervision_missing")
                        .key("kind", format!("placement_kind.{kind}")),
                );
            }
        }
        for (i, r) in self.first_weeks.iter().enumerate() {
            validate_first_weeks(i, r, &mut push);
        }
        let r = &self.reviews;
        if r.first_after_months <= 0 || r.first_after_months > STATUTORY_FIRST_REVIEW_MONTHS {
            push(
                "reviews.first_after_months".into(),
                Message::new("problem.rule_first_review").int("max", STATUTORY_FIRST_REVIEW_MONTHS),
            );
        }
        if r.rhythm_months <= 0 || r.rhythm_months > 12 {
            push(
                "reviews.rhythm_months".into(),
                Message::new("problem.months_1_12"),
            );
        } else if r.window_days < 0
            || i64::from(r.window_days) * 2 > i64::from(r.rhythm_months) * 30
        {
            push(
                "reviews.window_days".into(),
                Message::new("problem.rule_review_window"),
            );
        }
        if !(1..=100).contains(&self.weekly_capacity) {
            push(
                "weekly_capacity".into(),
                Message::new("problem.weekly_visits"),
            );
        }
        if !(1..=10).contains(&self.daily_capacity) {
            push(
                "daily_capacity".into(),
                Message::new("problem.rule_daily_visits"),
            );
        }
        if !(1..=24).contains(&self.horizon_months) {
            push(
                "horizon_months".into(),
                Message::new("problem.rule_horizon"),
            );
        }
        if !(0..=365).contains(&self.escalate_after_days) {
            push(
                "escalate_after_days".into(),
                Message::new("problem.rule_escalate"),
            );
        }
        if !(1..=90).contains(&self.digest_days_ahead) {
            push(
                "digest_days_ahead".into(),
                Message::new("problem.rule_digest"),
            );
        }
        if p.is_empty() { Ok(()) } else { Err(p) }
    }
}

/// The problems of one first-weeks pattern, each naming its field.
fn validate_first_weeks(i: usize, r: &FirstWeeksRule, push: &mut impl FnMut(String, Message)) {
    let f = |name: &str| format!("first_weeks[{i}].{name}");
    if r.placement_kinds.is_empty() {
        push(
            f("placement_kinds"),
            Message::new("problem.rule_placement_kinds"),
        );
    }
    if r.from_age.is_some_and(|a| !(0..=17).contains(&a)) {
        push(f("from_age"), Message::new("problem.rule_first_weeks_age"));
    }
    if !(1..=180).contains(&r.for_days) {
        push(f("for_days"), Message::new("problem.rule_first_weeks_for"));
        return;
    }
    if !(1..=r.for_days).contains(&r.first_within_days) {
        push(
            f("first_within_days"),
            Message::new("problem.rule_first_weeks_first").int("max", r.for_days),
        );
    }
    if !(1..=31).contains(&r.every_days) {
        push(
            f("every_days"),
            Message::new("problem.rule_first_weeks_every"),
        );
    } else if r.window_days < 0 || r.window_days * 2 > r.every_days {
        push(
            f("window_days"),
            Message::new("problem.rule_window")
                .int("window", r.window_days)
                .int("interval", i64::from(r.every_days))
                .int("max", i64::from(r.every_days / 2)),
        );
    }
}
