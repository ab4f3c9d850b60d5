//! The access policy: who may read or change what. One place, pure, tested on its own.
//!
//! | role | children (read) | children (change) | options (read) | options (change) |
//! |---|---|---|---|---|
//! | adviser | own caseload | own caseload; creates children | where own children are placed or approved for | - |
//! | matcher | children with a placement request | their needs profile | all | - |
//! | consultant | children in current placements they are responsible for | - | those they manage | those they manage; creates options |
//! | leader | everything in their units (advisers' caseloads, consultants' placements; requests if they lead a match unit) | the same | all | all; creates options |
//! | admin | none (no case content) | none | none | none |
//! | stand-in (while a cover runs) | also what the absent person follows up | - | - | - |
//!
//! A user with several roles gets the union. Scopes are handed to `kith-store`, which applies
//! them in SQL, so a list and a single read can never disagree. When a role has no access at
//! all the answer is 403; when it has access but not to this row, 404 (the row's existence is
//! not revealed).

use kith_domain::{Role, UnitKind, UserId};
use kith_store::scope::{ChildReach, ChildScope, OptionReach, OptionScope, VisitScope};

use crate::{Actor, AppError, Result};

/// The children an actor may read.
pub fn child_read_scope(actor: &Actor) -> ChildScope {
    let me = actor.id.0;
    let mut reach = Vec::new();
    if actor.has(Role::Adviser) {
        reach.push(ChildReach::CaseAdviser(me));
    }
    if actor.has(Role::Matcher) {
        reach.push(ChildReach::PlacementRequested);
    }
    if actor.has(Role::Consultant) {
        reach.push(ChildReach::PlacementConsultant(me));
    }
    reach.extend(leader_reach(actor));
    reach.extend(stand_in_reach(actor));
    ChildScope(reach)
}

/// The children whose case an actor may change (everything but the needs profile too).
pub fn child_change_scope(actor: &Actor) -> ChildScope {
    let mut reach = Vec::new();
    if actor.has(Role::Adviser) {
        reach.push(ChildReach::CaseAdviser(actor.id.0));
    }
    reach.extend(leader_reach(actor));
    ChildScope(reach)
}

/// The children whose needs profile an actor may change: case owners and the match unit.
pub fn child_profile_scope(actor: &Actor) -> ChildScope {
    let mut scope = child_change_scope(actor);
    if actor.has(Role::Matcher) {
        scope.0.push(ChildReach::PlacementRequested);
    }
    scope
}

/// The children whose full CPR number an actor may see: the case adviser, and leaders over
/// the adviser. Everybody else sees it masked.
pub fn cpr_reveal_scope(actor: &Actor) -> ChildScope {
    let mut reach = Vec::new();
    if actor.has(Role::Adviser) {
        reach.push(ChildReach::CaseAdviser(actor.id.0));
    }
    if actor.has(Role::Leader) && !actor.units.is_empty() {
        reach.push(ChildReach::CaseAdviserInUnits(actor.unit_ids()));
    }
    ChildScope(reach)
}

/// While a cover runs, the stand-in reaches what the absent person follows up (only those who
/// can be named stand-ins: consultants, case advisers and leaders).
fn stand_in_reach(actor: &Actor) -> Option<ChildReach> {
    stands_in(actor).then_some(ChildReach::StandIn {
        stand_in: actor.id.0,
        on: actor.today,
    })
}

fn stands_in(actor: &Actor) -> bool {
    actor.has(Role::Consultant)
        || actor.has(Role::Adviser)
        || (actor.has(Role::Leader) && !actor.units.is_empty())
}

fn leader_reach(actor: &Actor) -> Vec<ChildReach> {
    if !actor.has(Role::Leader) {
        return vec![];
    }
    let units = actor.unit_ids();
    let mut reach = Vec::new();
    if !units.is_empty() {
        reach.push(ChildReach::CaseAdviserInUnits(units.clone()));
        reach.push(ChildReach::PlacementConsultantInUnits(units));
    }
    if actor.in_unit_of_kind(UnitKind::MatchUnit) {
        reach.push(ChildReach::PlacementRequested);
    }
    reach
}

/// Whether an actor may register a new child (becoming, or naming, its case adviser).
pub fn may_create_child(actor: &Actor) -> bool {
    actor.has(Role::Adviser) || actor.has(Role::Leader)
}

/// The placement options an actor may read.
pub fn option_read_scope(actor: &Actor) -> OptionScope {
    if actor.has(Role::Matcher) || actor.has(Role::Leader) {
        return OptionScope(vec![OptionReach::All]);
    }
    let mut reach = Vec::new();
    if actor.has(Role::Consultant) {
        reach.push(OptionReach::ManagedBy(actor.id.0));
    }
    if actor.has(Role::Adviser) {
        reach.push(OptionReach::UsedForAdviser(actor.id.0));
    }
    OptionScope(reach)
}

/// The placement options an actor may change (including confirming capacity).
pub fn option_change_scope(actor: &Actor) -> OptionScope {
    if actor.has(Role::Leader) {
        return OptionScope(vec![OptionReach::All]);
    }
    if actor.has(Role::Consultant) {
        return OptionScope(vec![OptionReach::ManagedBy(actor.id.0)]);
    }
    OptionScope::default()
}

/// Whether an actor may register a new placement option.
pub fn may_create_option(actor: &Actor) -> bool {
    actor.has(Role::Consultant) || actor.has(Role::Leader)
}

/// The children whose follow-up (placements, visits, reviews) an actor reaches: their read
/// scope without the match unit's reach (matching is not follow-up).
pub fn follow_up_child_scope(actor: &Actor) -> ChildScope {
    ChildScope(
        child_read_scope(actor)
            .0
            .into_iter()
            .filter(|r| *r != ChildReach::PlacementRequested)
            .collect(),
    )
}

/// The wheel items (visits and plan reviews) an actor may read and record: those assigned to
/// them, and those of placements whose follow-up they reach.
pub fn visit_scope(actor: &Actor) -> VisitScope {
    let holds_visits =
        actor.has(Role::Consultant) || actor.has(Role::Adviser) || actor.has(Role::Leader);
    VisitScope {
        assignee: holds_visits.then_some(actor.id.0),
        children: follow_up_child_scope(actor),
        stand_in: holds_visits.then_some((actor.id.0, actor.today)),
    }
}

/// The wheel items an actor may record, move or cancel: those they hold (assigned to them),
/// and, for a leader, those of the placements the consultants of their units follow up (a
/// leader stands in). The case adviser and the match unit read visits but do not record
/// them: the consultant holds and records the visits (DOMAIN.md), the adviser holds the plan
/// reviews assigned to them.
pub fn visit_change_scope(actor: &Actor) -> VisitScope {
    let units = actor.unit_ids();
    let leads = actor.has(Role::Leader) && !units.is_empty();
    VisitScope {
        assignee: Some(actor.id.0),
        children: ChildScope(if leads {
            vec![ChildReach::PlacementConsultantInUnits(units)]
        } else {
            vec![]
        }),
        stand_in: stands_in(actor).then_some((actor.id.0, actor.today)),
    }
}

/// Whether a person may be named as having held a visit: a consultant, or a leader who stood
/// in. Never an administrator or someone without case work.
pub fn may_hold_visits(roles: &[Role]) -> bool {
    roles.contains(&Role::Consultant) || roles.contains(&Role::Leader)
}

/// Whether an actor may set another person's visit capacity and days off: their own always;
/// others' if they lead a unit the person belongs to, or administer Kith.
pub fn may_set_availability(actor: &Actor, person: UserId, person_units: &[i64]) -> bool {
    actor.id == person
        || actor.has(Role::Admin)
        || (actor.has(Role::Leader) && person_units.iter().any(|u| actor.unit_ids().contains(u)))
}

/// Administration (users, vocabulary, rules) is for administrators only.
pub fn require_admin(actor: &Actor) -> Result<()> {
    if actor.has(Role::Admin) {
        Ok(())
    } else {
        Err(AppError::forbidden("administrators only"))
    }
}

/// 403 when a scope reaches nothing at all: the role has no access to this kind of data.
pub fn require_some<S: ScopeLike>(scope: &S, what: &str) -> Result<()> {
    if scope.reaches_nothing() {
        Err(AppError::forbidden(format!(
            "your role gives no access to {what}"
        )))
    } else {
        Ok(())
    }
}

/// Scopes that can be empty.
pub trait ScopeLike {
    /// True when nothing at all is reachable.
    fn reaches_nothing(&self) -> bool;
}

impl ScopeLike for ChildScope {
    fn reaches_nothing(&self) -> bool {
        self.is_empty()
    }
}

impl ScopeLike for VisitScope {
    fn reaches_nothing(&self) -> bool {
        self.is_empty()
    }
}

impl ScopeLike for OptionScope {
    fn reaches_nothing(&self) -> bool {
        self.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actor::ActorUnit;
    use kith_domain::{Email, Lang, UnitId};

    fn actor(roles: &[Role], units: &[(i64, UnitKind)]) -> Actor {
        Actor {
            id: UserId(7),
            name: "x".into(),
            email: Email::parse("x@kith.test").unwrap(),
            roles: roles.to_vec(),
            units: units
                .iter()
                .map(|(id, kind)| ActorUnit {
                    id: UnitId(*id),
                    kind: *kind,
                })
                .collect(),
            locale: Lang::Da,
            today: TODAY,
        }
    }

    const TODAY: chrono::NaiveDate = chrono::NaiveDate::from_ymd_opt(2026, 12, 14).unwrap();

    fn standing_in() -> ChildReach {
        ChildReach::StandIn {
            stand_in: 7,
            on: TODAY,
        }
    }

    #[test]
    fn admin_reaches_no_child_and_no_option() {
        let a = actor(&[Role::Admin], &[]);
        assert!(child_read_scope(&a).is_empty());
        assert!(child_change_scope(&a).is_empty());
        assert!(option_read_scope(&a).is_empty());
        assert!(!may_create_child(&a));
        assert!(require_admin(&a).is_ok());
    }

    #[test]
    fn adviser_reaches_own_caseload_only() {
        let a = actor(&[Role::Adviser], &[(1, UnitKind::AdvisoryTeam)]);
        assert_eq!(
            child_read_scope(&a).0,
            vec![ChildReach::CaseAdviser(7), standing_in()]
        );
        assert_eq!(child_change_scope(&a).0, vec![ChildReach::CaseAdviser(7)]);
        assert_eq!(cpr_reveal_scope(&a).0, vec![ChildReach::CaseAdviser(7)]);
        assert!(require_admin(&a).is_err());
    }

    #[test]
    fn matcher_reads_requested_children_and_edits_only_their_profile() {
        let a = actor(&[Role::Matcher], &[(2, UnitKind::MatchUnit)]);
        assert_eq!(child_read_scope(&a).0, vec![ChildReach::PlacementRequested]);
        assert!(child_change_scope(&a).is_empty());
        assert_eq!(
            child_profile_scope(&a).0,
            vec![ChildReach::PlacementRequested]
        );
        assert!(cpr_reveal_scope(&a).is_empty());
        assert_eq!(option_read_scope(&a).0, vec![OptionReach::All]);
        assert!(option_change_scope(&a).is_empty());
    }

    #[test]
    fn consultant_reads_own_placements_and_manages_own_options() {
        let a = actor(&[Role::Consultant], &[(3, UnitKind::FosterNetwork)]);
        assert_eq!(
            child_read_scope(&a).0,
            vec![ChildReach::PlacementConsultant(7), standing_in()]
        );
        assert!(child_change_scope(&a).is_empty());
        assert_eq!(option_read_scope(&a).0, vec![OptionReach::ManagedBy(7)]);
        assert_eq!(option_change_scope(&a).0, vec![OptionReach::ManagedBy(7)]);
        assert!(may_create_option(&a));
    }

    #[test]
    fn leader_reaches_their_units_and_requests_only_when_leading_a_match_unit() {
        let team = actor(&[Role::Leader], &[(4, UnitKind::AdvisoryTeam)]);
        assert_eq!(
            child_read_scope(&team).0,
            vec![
                ChildReach::CaseAdviserInUnits(vec![4]),
                ChildReach::PlacementConsultantInUnits(vec![4]),
                standing_in()
            ]
        );
        let matching = actor(&[Role::Leader], &[(2, UnitKind::MatchUnit)]);
        assert!(
            child_read_scope(&matching)
                .0
                .contains(&ChildReach::PlacementRequested)
        );
        let unitless = actor(&[Role::Leader], &[]);
        assert!(child_read_scope(&unitless).is_empty());
    }

    #[test]
    fn several_roles_give_the_union() {
        let a = actor(&[Role::Adviser, Role::Matcher], &[]);
        let s = child_read_scope(&a).0;
        assert!(
            s.contains(&ChildReach::CaseAdviser(7)) && s.contains(&ChildReach::PlacementRequested)
        );
    }

    #[test]
    fn follow_up_leaves_out_the_match_units_reach() {
        let m = actor(&[Role::Matcher], &[(1, UnitKind::MatchUnit)]);
        assert!(follow_up_child_scope(&m).is_empty());
        assert!(visit_scope(&m).is_empty());
        let l = actor(&[Role::Leader], &[(1, UnitKind::MatchUnit)]);
        assert!(
            !follow_up_child_scope(&l)
                .0
                .contains(&ChildReach::PlacementRequested)
        );
        let c = actor(&[Role::Consultant], &[(2, UnitKind::FosterNetwork)]);
        assert_eq!(visit_scope(&c).assignee, Some(7));
        assert_eq!(
            visit_scope(&c).children.0,
            vec![ChildReach::PlacementConsultant(7), standing_in()]
        );
        assert_eq!(visit_scope(&c).stand_in, Some((7, TODAY)));
        assert_eq!(visit_change_scope(&c).stand_in, Some((7, TODAY)));
        assert_eq!(visit_scope(&m).stand_in, None);
        assert!(visit_scope(&actor(&[Role::Admin], &[])).is_empty());
    }

    #[test]
    fn availability_is_set_by_oneself_a_leader_of_the_unit_or_an_admin() {
        let c = actor(&[Role::Consultant], &[(2, UnitKind::FosterNetwork)]);
        assert!(may_set_availability(&c, UserId(7), &[2]));
        assert!(!may_set_availability(&c, UserId(8), &[2]));
        let l = actor(&[Role::Leader], &[(2, UnitKind::FosterNetwork)]);
        assert!(may_set_availability(&l, UserId(8), &[2]));
        assert!(!may_set_availability(&l, UserId(8), &[3]));
        assert!(may_set_availability(
            &actor(&[Role::Admin], &[]),
            UserId(8),
            &[3]
        ));
    }
}
