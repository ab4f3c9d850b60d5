//! A proposal: the match unit's recommendation of one option for a child or sibling group.

use kith_domain::{ExitGoal, ProposalStatus};
use sea_orm::entity::prelude::*;

use crate::Stored;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "proposal")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub status: Stored<ProposalStatus>,
    pub option_id: i64,
    pub start_date: Date,
    pub planned_end_date: Option<Date>,
    pub exit_goal: Option<Stored<ExitGoal>>,
    pub together: bool,
    #[sea_orm(column_type = "Text")]
    pub rationale: String,
    pub score: f64,
    #[sea_orm(column_type = "Text")]
    pub chosen: String,
    #[sea_orm(column_type = "Text")]
    pub recommendation: String,
    #[sea_orm(column_type = "Text")]
    pub alternatives: String,
    pub proposer_id: i64,
    pub submitted_at: Option<DateTimeUtc>,
    pub decided_by: Option<i64>,
    pub decided_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text", nullable)]
    pub decision_reason: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
