//! The placements: about half the children placed in an option that fits them and has a free
//! place, a few with an earlier placement that broke down, up to 25 waiting for the match
//! unit; then what was held since each start, the plans, and the waiting children's requests.

use chrono::{Datelike, Days, NaiveDate};
use kith_domain::{
    ApprovalStatus, EndReason, ExitGoal, NeedLevel, PlacementKind, PlacementStatus, age_on,
};
use kith_store::ConnectionTrait;
use kith_store::placements::NewPlacement;
use rand::Rng;
use rand::seq::SliceRandom;

use crate::children::DemoChild;
use crate::history::{self, Started};
use crate::options::DemoOption;
use crate::plans;
use crate::random::pick;
use crate::seeder::Seeder;
use crate::staff::Staff;
use crate::story;
use kith_app::Result;

/// What was placed: the current placements and the short stays with their planned end.
pub(crate) struct Placed {
    pub started: Vec<Started>,
    pub stays: Vec<(i64, NaiveDate)>,
    /// Every placement written, ended ones included.
    pub count: usize,
}

/// Places the children, in a drawn order, while options have room.
pub(crate) async fn seed<C: ConnectionTrait>(
    s: &mut Seeder<'_, C>,
    staff: &Staff,
    children: &mut [DemoChild],
    options: &mut [DemoOption],
) -> Result<Placed> {
    let mut placed = Placed {
        started: Vec::new(),
        stays: Vec::new(),
        count: 0,
    };
    let mut order: Vec<usize> = (0..children.len()).collect();
    order.shuffle(&mut s.rng);
    let mut requested = 0;
    for &ci in &order {
        let c = &mut children[ci];
        // Some children wait for the match unit instead of being placed.
        if requested < 25 && s.rng.gen_bool(0.12) {
            c.requested = true;
            requested += 1;
            continue;
        }
        if !s.rng.gen_bool(0.55) {
            continue;
        }
        let Some(oi) = choose_option(s, c, options) else {
            continue;
        };
        let start = (s.today - Days::new(s.rng.gen_range(20..1000))).max(c.birth);
        // A past placement that broke down, for some: history and an unsuitable option.
        if s.rng.gen_bool(0.08)
            && let Some(prev) = options
                .iter()
                .find(|p| p.kind == PlacementKind::GeneralFosterFamily && p.id != options[oi].id)
        {
            broken_down(s, c, prev, start).await?;
            placed.count += 1;
        } else if story::came_from_a_stay(s, options[oi].kind, start)
            && let Some(home) = options
                .iter()
                .find(|o| o.kind == PlacementKind::ChildrensHome)
        {
            story::stay_before(s, c, home, start).await?;
            placed.count += 1;
        }
        place(s, staff, c, &mut options[oi], start, &mut placed).await?;
    }
    Ok(placed)
}

/// A drawn option of a kind that suits the child's need, with a free place, for its age and
/// target area (a network family only for its own child).
fn choose_option<C>(s: &mut Seeder<'_, C>, c: &DemoChild, options: &[DemoOption]) -> Option<usize> {
    let age = age_on(c.birth, s.today);
    let wanted: Vec<PlacementKind> =
        if options.iter().any(|o| o.network_child == Some(c.id)) && s.rng.gen_bool(0.7) {
            vec![PlacementKind::NetworkFosterFamily]
        } else {
            match c.level {
                NeedLevel::Light => vec![PlacementKind::GeneralFosterFamily],
                NeedLevel::Moderate => vec![
                    PlacementKind::GeneralFosterFamily,
                    PlacementKind::ReinforcedFosterFamily,
                ],
                NeedLevel::Severe => vec![
                    PlacementKind::SpecialisedFosterFamily,
                    PlacementKind::ChildrensHome,
                ],
            }
        };
    let candidates: Vec<usize> = options
        .iter()
        .enumerate()
        .filter(|(_, o)| {
            wanted.contains(&o.kind)
                && o.taken < o.places
                && o.ages.contains(age)
                && o.areas.contains(&c.area)
                && o.network_child.is_none_or(|n| n == c.id)
        })
        .map(|(i, _)| i)
        .collect();
    candidates.choose(&mut s.rng).copied()
}

/// An earlier placement in a general foster family that ended in a breakdown the day the
/// current one started, and that family marked unsuitable for the child.
async fn broken_down<C: ConnectionTrait>(
    s: &mut Seeder<'_, C>,
    c: &DemoChild,
    prev: &DemoOption,
    start: NaiveDate,
) -> Result<()> {
    let prev_start = (start - Days::new(s.rng.gen_range(200..600))).max(c.birth);
    let new = NewPlacement {
        child_id: c.id,
        option_id: prev.id,
        start_date: prev_start,
        planned_end_date: None,
        exit_goal: None,
        // Written running, then ended as Kith ends a placement (which sets its end day).
        status: PlacementStatus::Active,
        consultant_id: Some(prev.consultant),
        adviser_id: c.adviser,
        proposal_id: None,
        requested_on: None,
    };
    let pid = kith_store::placements::insert(s.conn, &new, s.now).await?;
    let ending = kith_store::placements::Ending {
        on: start,
        reason: EndReason::Breakdown,
        exit_goal_reached: None,
        breakdown: true,
    };
    kith_store::placements::end(s.conn, pid, ending, s.now).await?;
    let why = "Sammenbrud i tidligere anbringelse";
    kith_store::children::set_unsuitable(s.conn, c.id, prev.id, why, s.now).await?;
    Ok(())
}

/// The current placement. Most short stays still run towards their end; a few are already
/// past it.
async fn place<C: ConnectionTrait>(
    s: &mut Seeder<'_, C>,
    staff: &Staff,
    c: &DemoChild,
    o: &mut DemoOption,
    start: NaiveDate,
    placed: &mut Placed,
) -> Result<()> {
    let institutional = o.kind.is_institutional();
    let planned_end = institutional.then(|| {
        if s.rng.gen_bool(0.8) {
            (s.today + Days::new(s.rng.gen_range(10..150))).max(start + Days::new(60))
        } else {
            start + Days::new(s.rng.gen_range(60..120))
        }
    });
    let exit_goal = institutional.then(|| *pick(&mut s.rng, ExitGoal::ALL));
    let stay = (planned_end, exit_goal);
    let behind = story::proposal_behind(s, &staff.deciders, (c, o), start, stay).await?;
    let new = NewPlacement {
        child_id: c.id,
        option_id: o.id,
        start_date: start,
        planned_end_date: planned_end,
        exit_goal,
        status: PlacementStatus::Active,
        consultant_id: Some(o.consultant),
        adviser_id: c.adviser,
        proposal_id: behind.map(|b| b.0),
        requested_on: behind.map(|b| b.1),
    };
    let id = kith_store::placements::insert(s.conn, &new, s.now).await?;
    let colleagues = if institutional {
        &staff.inst_consultants
    } else {
        &staff.foster_consultants
    };
    let leader = staff.care_leader;
    story::consultant_change(s, id, (start, o.consultant), colleagues, leader).await?;
    if let Some(end) = planned_end {
        placed.stays.push((id, end));
    }
    placed.started.push(Started {
        id,
        kind: o.kind,
        start,
        consultant: Some(o.consultant),
        adviser: c.adviser,
    });
    o.taken += 1;
    placed.count += 1;
    Ok(())
}

/// What was held since each placement started, and the goals and exit plans (the wheel is
/// planned after the commit).
pub(crate) async fn history<C: ConnectionTrait>(
    s: &mut Seeder<'_, C>,
    placed: &Placed,
) -> Result<()> {
    let rules = kith_app::rules::in_force::wheel_in(s.conn).await?;
    let calendar = kith_domain::wheel::WorkCalendar::new(&rules.closing_days)
        .covering(s.today.year() - 3, s.today.year());
    let held: Vec<_> = placed
        .started
        .iter()
        .flat_map(|p| history::held_items(p, &rules, &calendar, s.today, &mut s.rng))
        .collect();
    kith_store::visits::insert_held(s.conn, &held, s.now).await?;
    plans::plans(
        s.conn,
        &placed.started,
        &placed.stays,
        s.today,
        s.now,
        &mut s.rng,
    )
    .await
}

/// The waiting children: some know a family from respite care (matching counts known
/// adults), a few network families without a child are still being assessed, and each
/// request covers the child's whole sibling group (placed siblings stay placed).
pub(crate) async fn waiting<C: ConnectionTrait>(
    s: &mut Seeder<'_, C>,
    children: &[DemoChild],
    options: &[DemoOption],
) -> Result<()> {
    let general: Vec<i64> = options
        .iter()
        .filter(|o| o.kind == PlacementKind::GeneralFosterFamily)
        .map(|o| o.id)
        .collect();
    for c in children.iter().filter(|c| c.requested).take(8) {
        let family = *pick(&mut s.rng, &general);
        kith_store::children::set_known(s.conn, c.id, family, "aflastning", s.now).await?;
    }
    for o in options
        .iter()
        .filter(|o| o.kind == PlacementKind::NetworkFosterFamily && o.taken == 0)
        .take(5)
    {
        kith_store::options::set_approval_status(s.conn, o.id, ApprovalStatus::Pending, s.now)
            .await?;
    }
    for c in children.iter().filter(|c| c.requested) {
        let requested_on = s.today - Days::new(s.rng.gen_range(1..60));
        request(s, c.id, requested_on).await?;
    }
    Ok(())
}

/// Marks a child, and its siblings not yet placed, as waiting for a placement.
async fn request<C: ConnectionTrait>(s: &Seeder<'_, C>, child: i64, on: NaiveDate) -> Result<()> {
    let row = kith_store::children::get_many(s.conn, &[child])
        .await?
        .remove(0);
    let group = match row.sibling_group_id {
        Some(g) => kith_store::children::in_sibling_groups(s.conn, &[g]).await?,
        None => vec![row],
    };
    let ids: Vec<i64> = group.iter().map(|m| m.id).collect();
    let placed: Vec<i64> = kith_store::placements::of_children(s.conn, &ids)
        .await?
        .into_iter()
        .map(|p| p.child_id)
        .collect();
    for member in group
        .into_iter()
        .filter(|m| m.id == child || !placed.contains(&m.id))
    {
        kith_store::children::set_placement_requested(s.conn, member.id, Some(on), s.now).await?;
    }
    Ok(())
}
