//! A short stay's exit plan, structured: where the child goes (the exit goal), the day of the
//! move, and the steps there. The goal is one field, set from the plan, so the plan and the
//! goal cannot say different things; the move falls within the stay, or the stay is extended
//! first. A plan counts as made (and silences "ending without an exit plan") only when all
//! three are there.

use chrono::NaiveDate;

use crate::{ExitGoal, Message};

/// A stay's exit plan as recorded (or as it would be after a change).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExitPlan<'a> {
    /// Where the child goes.
    pub goal: Option<ExitGoal>,
    /// The day the child is to move.
    pub move_on: Option<NaiveDate>,
    /// The steps there: who does what before the move.
    pub steps: Option<&'a str>,
}

impl ExitPlan<'_> {
    /// Whether the plan says where, when and how.
    pub fn is_made(&self) -> bool {
        self.goal.is_some() && self.move_on.is_some() && self.has_steps()
    }

    fn has_steps(&self) -> bool {
        self.steps.is_some_and(|s| !s.trim().is_empty())
    }

    /// Whether anything of a plan is written.
    fn is_started(&self) -> bool {
        self.move_on.is_some() || self.has_steps()
    }
}

/// The problems with `plan` for a stay from `start` to `planned_end`, each naming its field:
/// only a stay with a planned end has an exit plan; a plan says where the child goes; the move
/// is on or after the start and not after the planned end (extend the stay first).
pub fn check_exit_plan(
    start: NaiveDate,
    planned_end: Option<NaiveDate>,
    plan: &ExitPlan<'_>,
) -> Vec<(&'static str, Message)> {
    let mut out = Vec::new();
    if !plan.is_started() {
        return out;
    }
    let Some(end) = planned_end else {
        out.push(("exit_plan", Message::new("problem.exit_plan_needs_end")));
        return out;
    };
    if plan.goal.is_none() {
        out.push(("exit_goal", Message::new("problem.stay_exit_goal")));
    }
    match plan.move_on {
        Some(day) if day < start => out.push((
            "exit_move_on",
            Message::new("problem.exit_move_before_start").date("start", start),
        )),
        Some(day) if day > end => out.push((
            "exit_move_on",
            Message::new("problem.exit_move_after_end").date("end", end),
        )),
        _ => {}
    }
    out
}

/// The problem with moving the child on `day`, set today: a move planned now lies ahead
/// (a move already made ends the stay instead). Only a changed day is asked, so a plan whose
/// day has passed can still have its steps written.
pub fn check_move_day_set(day: NaiveDate, today: NaiveDate) -> Option<(&'static str, Message)> {
    (day < today).then(|| {
        (
            "exit_move_on",
            Message::new("problem.exit_move_past").date("today", today),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn fields(v: Vec<(&'static str, Message)>) -> Vec<(&'static str, String)> {
        v.into_iter().map(|(f, m)| (f, m.key.to_string())).collect()
    }

    const STEPS: Option<&str> = Some("Mor får familiebehandling to gange om ugen.");

    #[test]
    fn a_plan_is_made_when_it_says_where_when_and_how() {
        let mut plan = ExitPlan {
            goal: Some(ExitGoal::Home),
            move_on: Some(d("2026-12-08")),
            steps: STEPS,
        };
        assert!(plan.is_made());
        plan.move_on = None;
        assert!(!plan.is_made(), "no day: not made");
        plan.move_on = Some(d("2026-12-08"));
        plan.steps = Some("  ");
        assert!(!plan.is_made(), "no steps: not made");
    }

    #[test]
    fn the_move_falls_within_the_stay() {
        // A stay from 2 November to 10 December 2026.
        let (start, end) = (d("2026-11-02"), Some(d("2026-12-10")));
        let plan = |day: &str| ExitPlan {
            goal: Some(ExitGoal::Home),
            move_on: Some(d(day)),
            steps: STEPS,
        };
        assert!(check_exit_plan(start, end, &plan("2026-12-10")).is_empty());
        assert!(check_exit_plan(start, end, &plan("2026-11-02")).is_empty());
        assert_eq!(
            fields(check_exit_plan(start, end, &plan("2026-12-11"))),
            [("exit_move_on", "problem.exit_move_after_end".to_owned())]
        );
        assert_eq!(
            fields(check_exit_plan(start, end, &plan("2026-11-01"))),
            [("exit_move_on", "problem.exit_move_before_start".to_owned())]
        );
    }

    #[test]
    fn a_plan_says_where_and_belongs_to_a_stay_with_an_end() {
        let start = d("2026-11-02");
        let no_goal = ExitPlan {
            goal: None,
            move_on: None,
            steps: STEPS,
        };
        assert_eq!(
            fields(check_exit_plan(start, Some(d("2026-12-10")), &no_goal)),
            [("exit_goal", "problem.stay_exit_goal".to_owned())]
        );
        assert_eq!(
            fields(check_exit_plan(start, None, &no_goal)),
            [("exit_plan", "problem.exit_plan_needs_end".to_owned())]
        );
        // Nothing written: nothing to check (a goal alone is the proposal's, not a plan).
        let empty = ExitPlan {
            goal: Some(ExitGoal::Home),
            move_on: None,
            steps: None,
        };
        assert!(check_exit_plan(start, None, &empty).is_empty());
    }

    #[test]
    fn a_move_day_set_now_lies_ahead() {
        let today = d("2026-12-03");
        assert!(check_move_day_set(d("2026-12-03"), today).is_none());
        assert!(check_move_day_set(d("2027-01-15"), today).is_none());
        let (field, m) = check_move_day_set(d("2026-10-01"), today).expect("a problem");
        assert_eq!(
            (field, m.key.as_ref()),
            ("exit_move_on", "problem.exit_move_past")
        );
    }

    proptest! {
        /// A plan that passes the check has its move inside the stay.
        #[test]
        fn an_accepted_move_is_inside_the_stay(s in 0u64..400, len in 0u64..200, m in 0u64..700) {
            let base = d("2026-01-01");
            let start = base + chrono::Days::new(s);
            let end = start + chrono::Days::new(len);
            let day = base + chrono::Days::new(m);
            let plan = ExitPlan { goal: Some(ExitGoal::FosterFamily), move_on: Some(day), steps: STEPS };
            let ok = check_exit_plan(start, Some(end), &plan).is_empty();
            prop_assert_eq!(ok, start <= day && day <= end);
        }
    }
}
