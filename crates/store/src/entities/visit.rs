//! An item of a placement's annual wheel: a follow-up visit or a plan review, planned, held
//! or cancelled.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "visit")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub placement_id: i64,
    pub kind: crate::Stored<kith_domain::wheel::VisitKind>,
    pub status: crate::Stored<kith_domain::wheel::VisitStatus>,
    pub due_on: Date,
    pub opens_on: Date,
    pub closes_on: Date,
    pub planned_on: Date,
    pub assignee_id: i64,
    pub pinned: bool,
    pub flag: Option<crate::Stored<kith_domain::wheel::PlanFlag>>,
    pub held_on: Option<Date>,
    pub held_by_id: Option<i64>,
    pub child_seen_alone: Option<bool>,
    #[sea_orm(column_type = "Text", nullable)]
    pub not_seen_alone_reason: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub child_view: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub observations: Option<String>,
    pub recorded_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text", nullable)]
    pub moved_reason: Option<String>,
    pub cancel_reason: Option<crate::Stored<kith_domain::wheel::CancelReason>>,
    #[sea_orm(column_type = "Text", nullable)]
    pub cancel_note: Option<String>,
    pub escalated_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
