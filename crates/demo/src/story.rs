//! The demo's year as the dashboard reads it: the approved proposals behind the placements
//! that started in the last year (requested, proposed and decided on their own days, so the
//! lead times rest on something), short stays in a children's home that ended before the
//! child moved on to a family (with their exit goal reached or not), and consultants who
//! changed during a placement (continuity).

use chrono::{DateTime, Days, NaiveDate, Utc};
use kith_app::Result;
use kith_app::matching::{OptionBriefFrozen, RankedView};
use kith_domain::matching::recommendation::RecommendationKind;
use kith_domain::{
    Bilingual, EndReason, ExitGoal, PlacementKind, PlacementOptionId, PlacementStatus,
    ProposalEvent, ProposalStatus,
};
use kith_store::ConnectionTrait;
use kith_store::placements::NewPlacement;
use kith_store::proposals::{NewProposal, Transition};
use rand::Rng;

use crate::children::DemoChild;
use crate::options::DemoOption;
use crate::random::pick;
use crate::seeder::Seeder;

/// Who proposes and decides: the match unit's matchers and its leader.
pub(crate) struct Deciders {
    pub matchers: Vec<i64>,
    pub leader: i64,
}

/// Nine in the morning of `day` (UTC; the same day in Copenhagen).
fn morning(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(9, 0, 0).unwrap_or_default().and_utc()
}

/// The days behind a placement starting on `start`: requested, proposed, decided.
fn lead_days(rng: &mut impl Rng, start: NaiveDate) -> (NaiveDate, NaiveDate, NaiveDate) {
    let decided = start - Days::new(rng.gen_range(1..15));
    let proposed = decided - Days::new(rng.gen_range(0..11));
    let requested = proposed - Days::new(rng.gen_range(2..30));
    (requested, proposed, decided)
}

/// The approved proposal a placement of `c` in `o` starting on `start` came from, when it
/// started in the last year: its id and the day the placement was requested.
pub(crate) async fn proposal_behind<C: ConnectionTrait>(
    s: &mut Seeder<'_, C>,
    who: &Deciders,
    (c, o): (&DemoChild, &DemoOption),
    start: NaiveDate,
    stay: (Option<NaiveDate>, Option<ExitGoal>),
) -> Result<Option<(i64, NaiveDate)>> {
    if start + Days::new(365) < s.today || start > s.today {
        return Ok(None);
    }
    let (requested, proposed, decided) = lead_days(&mut s.rng, start);
    let chosen = RankedView {
        option: OptionBriefFrozen {
            id: PlacementOptionId(o.id),
            name: o.name.clone(),
            kind: o.kind,
            institution_form: None,
            free_places: o.places.saturating_sub(o.taken),
            household_confirmed_on: None,
        },
        score: f64::from(s.rng.gen_range(55..95_u8)),
        contributions: vec![],
        flags: vec![],
    };
    let kind = if o.kind.is_institutional() {
        RecommendationKind::InstitutionalStay
    } else {
        RecommendationKind::FamilyBased
    };
    let recommendation = kith_app::matching::explain::Recommendation {
        kind,
        text: Bilingual {
            da: "Anbringelsen fulgte matchenhedens indstilling.".into(),
            en: "The placement followed the match unit's proposal.".into(),
        },
        reasons: vec![],
        planned_months: None,
        deciding_needs: vec![],
        best_option_id: Some(PlacementOptionId(o.id)),
    };
    let new = NewProposal {
        status: ProposalStatus::Submitted,
        option_id: o.id,
        children: vec![c.id],
        start_date: start,
        planned_end_date: stay.0,
        exit_goal: stay.1,
        together: true,
        rationale: "Passer til barnets behov og er tæt på skolen.".into(),
        score: chosen.score,
        chosen: serde_json::to_string(&chosen).unwrap_or_default(),
        recommendation: serde_json::to_string(&recommendation).unwrap_or_default(),
        alternatives: "[]".into(),
        proposer_id: *pick(&mut s.rng, &who.matchers),
    };
    let id = kith_store::proposals::insert(s.conn, &new, morning(proposed)).await?;
    let approve = Transition {
        decided_by: Some(who.leader),
        planned_end: Some(stay),
        ..Transition::of(ProposalEvent::Approve)
    };
    kith_store::proposals::transition(s.conn, id, approve, morning(decided)).await?;
    Ok(Some((id, requested)))
}

/// A short stay in a children's home that ended the day the child moved to `start`'s family:
/// the goal reached and the child moved on, for most; not reached for some.
pub(crate) async fn stay_before<C: ConnectionTrait>(
    s: &mut Seeder<'_, C>,
    c: &DemoChild,
    home: &DemoOption,
    start: NaiveDate,
) -> Result<()> {
    let stay_start = (start - Days::new(s.rng.gen_range(70..200))).max(c.birth);
    let planned_end = stay_start + Days::new(s.rng.gen_range(60..150));
    let new = NewPlacement {
        child_id: c.id,
        option_id: home.id,
        start_date: stay_start,
        planned_end_date: Some(planned_end),
        exit_goal: Some(ExitGoal::FosterFamily),
        // Written running, then ended as Kith ends a placement (which sets its end day).
        status: PlacementStatus::Active,
        consultant_id: Some(home.consultant),
        adviser_id: c.adviser,
        proposal_id: None,
        requested_on: None,
    };
    let id = kith_store::placements::insert(s.conn, &new, s.now).await?;
    let reached = s.rng.gen_bool(0.75);
    let ending = kith_store::placements::Ending {
        on: start,
        reason: if reached {
            EndReason::GoalReached
        } else {
            EndReason::MovedOn
        },
        exit_goal_reached: Some(reached),
        breakdown: false,
    };
    kith_store::placements::end(s.conn, id, ending, s.now).await?;
    Ok(())
}

/// Whether a child placed in a family on `start` came from a short stay: three in ten of the
/// family placements that started in the last year.
pub(crate) fn came_from_a_stay<C>(
    s: &mut Seeder<'_, C>,
    kind: PlacementKind,
    start: NaiveDate,
) -> bool {
    !kind.is_institutional() && start + Days::new(365) >= s.today && s.rng.gen_bool(0.3)
}

/// A change of consultant during the last year for about one placement in eight: another
/// consultant of the same unit followed it up before the current one took over.
pub(crate) async fn consultant_change<C: ConnectionTrait>(
    s: &mut Seeder<'_, C>,
    placement: i64,
    (start, now_with): (NaiveDate, i64),
    colleagues: &[i64],
    leader: i64,
) -> Result<()> {
    let since = (s.today - Days::new(365)).max(start + Days::new(14));
    if since >= s.today || !s.rng.gen_bool(0.125) {
        return Ok(());
    }
    let Some(before) = colleagues.iter().copied().find(|c| *c != now_with) else {
        return Ok(());
    };
    let span = (s.today - since).num_days().max(1) as u64;
    let on = since + Days::new(s.rng.gen_range(0..span));
    kith_store::placements::change_consultant(
        s.conn,
        placement,
        Some(before),
        Some(now_with),
        on,
        leader,
        s.now,
    )
    .await?;
    Ok(())
}
