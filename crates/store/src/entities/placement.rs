//! A child in a placement option from a start date.

use kith_domain::{AfterCareDecision, EndReason, ExitGoal, PlacementStatus};
use sea_orm::entity::prelude::*;

use crate::Stored;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "placement")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub child_id: i64,
    pub option_id: i64,
    pub start_date: Date,
    pub planned_end_date: Option<Date>,
    pub exit_goal: Option<Stored<ExitGoal>>,
    pub status: Stored<PlacementStatus>,
    pub end_date: Option<Date>,
    pub end_reason: Option<Stored<EndReason>>,
    pub consultant_id: Option<i64>,
    pub adviser_id: i64,
    pub proposal_id: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub review_rhythm_months: Option<i32>,
    pub requested_on: Option<Date>,
    #[sea_orm(column_type = "Text", nullable)]
    pub exit_plan: Option<String>,
    pub exit_goal_reached: Option<bool>,
    pub breakdown: bool,
    /// The day a stay's exit plan moves the child.
    pub exit_move_on: Option<Date>,
    /// What was decided about support after the 18th birthday, and when.
    pub after_care_decision: Option<Stored<AfterCareDecision>>,
    pub after_care_decided_on: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
