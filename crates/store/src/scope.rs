//! What part of the data a user may reach, as SQL conditions.
//!
//! The access policy in `kith-app` decides a scope from the user's roles and units; the
//! queries here apply it, both to lists and to single reads, so the two can never disagree.

use kith_domain::PlacementStatus;
use sea_orm::sea_query::{Expr, ExprTrait, Query, SelectStatement};
use sea_orm::{ColumnTrait, Condition};

use crate::entities::{child, placement, placement_option, unit_member};

/// One way a user can reach a child's case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChildReach {
    /// Children whose case adviser is this user.
    CaseAdviser(i64),
    /// Children with an open placement request (the match unit's work).
    PlacementRequested,
    /// Children in a current placement (planned or active) this consultant is responsible for.
    PlacementConsultant(i64),
    /// Children whose case adviser is a member of one of these units.
    CaseAdviserInUnits(Vec<i64>),
    /// What the people this user stands in for on `on` follow up: their caseloads as case
    /// advisers and the current placements they are consultant for.
    StandIn {
        stand_in: i64,
        on: chrono::NaiveDate,
    },
    /// Children in a current placement whose consultant is a member of one of these units.
    PlacementConsultantInUnits(Vec<i64>),
}

/// The children a user may reach: the union of the reaches (empty means none).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ChildScope(pub Vec<ChildReach>);

impl ChildScope {
    /// Whether the scope reaches nothing at all (the role has no access to case content).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The scope as a condition on the `child` table.
    pub fn condition(&self) -> Condition {
        let mut any = Condition::any();
        if self.0.is_empty() {
            // Nothing: a condition that is always false.
            return Condition::all().add(Expr::val(1).eq(0));
        }
        for reach in &self.0 {
            any = any.add(match reach {
                ChildReach::CaseAdviser(u) => {
                    Condition::all().add(child::Column::CaseAdviserId.eq(*u))
                }
                ChildReach::PlacementRequested => {
                    Condition::all().add(child::Column::PlacementRequestedOn.is_not_null())
                }
                ChildReach::PlacementConsultant(u) => {
                    Condition::all().add(child::Column::Id.in_subquery(
                        current_placements_child_ids(Some(placement::Column::ConsultantId.eq(*u))),
                    ))
                }
                ChildReach::CaseAdviserInUnits(units) => Condition::all()
                    .add(child::Column::CaseAdviserId.in_subquery(members_of(units))),
                ChildReach::StandIn { stand_in, on } => Condition::any()
                    .add(
                        child::Column::CaseAdviserId
                            .in_subquery(crate::covers::covered_on(*stand_in, *on)),
                    )
                    .add(
                        child::Column::Id.in_subquery(current_placements_child_ids(Some(
                            placement::Column::ConsultantId
                                .in_subquery(crate::covers::covered_on(*stand_in, *on)),
                        ))),
                    ),
                ChildReach::PlacementConsultantInUnits(units) => Condition::all().add(
                    child::Column::Id.in_subquery(current_placements_child_ids(Some(
                        placement::Column::ConsultantId.in_subquery(members_of(units)),
                    ))),
                ),
            });
        }
        any
    }
}

/// One way a user can reach a placement option.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OptionReach {
    /// Every option.
    All,
    /// Options this consultant is responsible for.
    ManagedBy(i64),
    /// Options where a child of this adviser is or was placed, or that are approved for one.
    UsedForAdviser(i64),
}

/// The options a user may reach: the union of the reaches (empty means none).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OptionScope(pub Vec<OptionReach>);

impl OptionScope {
    /// Whether the scope reaches nothing at all.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The scope as a condition on the `placement_option` table.
    pub fn condition(&self) -> Condition {
        if self.0.is_empty() {
            return Condition::all().add(Expr::val(1).eq(0));
        }
        let mut any = Condition::any();
        for reach in &self.0 {
            any = any.add(match reach {
                OptionReach::All => Condition::all().add(Expr::val(1).eq(1)),
                OptionReach::ManagedBy(u) => {
                    Condition::all().add(placement_option::Column::ResponsibleConsultantId.eq(*u))
                }
                OptionReach::UsedForAdviser(u) => Condition::any()
                    .add(
                        placement_option::Column::Id.in_subquery(
                            Query::select()
                                .column(placement::Column::OptionId)
                                .from(placement::Entity)
                                .and_where(placement::Column::AdviserId.eq(*u))
                                .take(),
                        ),
                    )
                    .add(
                        placement_option::Column::NetworkChildId.in_subquery(
                            Query::select()
                                .column(child::Column::Id)
                                .from(child::Entity)
                                .and_where(child::Column::CaseAdviserId.eq(*u))
                                .take(),
                        ),
                    ),
            });
        }
        any
    }
}

/// `SELECT user_id FROM unit_member WHERE unit_id IN (units)`.
pub(crate) fn members_of(units: &[i64]) -> SelectStatement {
    Query::select()
        .column(unit_member::Column::UserId)
        .from(unit_member::Entity)
        .and_where(unit_member::Column::UnitId.is_in(units.iter().copied()))
        .take()
}

/// Child ids of current (planned or active) placements, optionally filtered further.
fn current_placements_child_ids(extra: Option<sea_orm::sea_query::SimpleExpr>) -> SelectStatement {
    let mut q = Query::select();
    q.column(placement::Column::ChildId)
        .from(placement::Entity)
        .and_where(placement::Column::Status.is_in(current_statuses()));
    if let Some(e) = extra {
        q.and_where(e);
    }
    q.take()
}

/// The placement statuses that take a place and count as current.
pub fn current_statuses() -> Vec<&'static str> {
    PlacementStatus::ALL
        .iter()
        .filter(|s| s.takes_a_place())
        .map(|s| s.as_str())
        .collect()
}

impl ChildScope {
    /// The scope as a condition on the `placement` table: placements of reachable children.
    pub fn placement_condition(&self) -> Condition {
        Condition::all().add(
            placement::Column::ChildId.in_subquery(
                Query::select()
                    .column(child::Column::Id)
                    .from(child::Entity)
                    .cond_where(self.condition())
                    .take(),
            ),
        )
    }
}

/// The wheel items (visits and reviews) a user may reach: those assigned to them, and those of
/// placements of children in their child scope.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct VisitScope {
    pub assignee: Option<i64>,
    pub children: ChildScope,
    /// Also the items held by the people this user stands in for on the day.
    pub stand_in: Option<(i64, chrono::NaiveDate)>,
}

impl VisitScope {
    /// Whether the scope reaches nothing at all.
    pub fn is_empty(&self) -> bool {
        self.assignee.is_none() && self.children.is_empty() && self.stand_in.is_none()
    }

    /// The scope as a condition on the `visit` table.
    pub fn condition(&self) -> Condition {
        use crate::entities::visit;
        let mut any = Condition::any();
        if let Some(u) = self.assignee {
            any = any.add(visit::Column::AssigneeId.eq(u));
        }
        if let Some((u, on)) = self.stand_in {
            any = any.add(visit::Column::AssigneeId.in_subquery(crate::covers::covered_on(u, on)));
        }
        if !self.children.is_empty() {
            any = any.add(
                visit::Column::PlacementId.in_subquery(
                    Query::select()
                        .column(placement::Column::Id)
                        .from(placement::Entity)
                        .cond_where(self.children.placement_condition())
                        .take(),
                ),
            );
        }
        if self.is_empty() {
            return Condition::all().add(Expr::val(1).eq(0));
        }
        any
    }
}
