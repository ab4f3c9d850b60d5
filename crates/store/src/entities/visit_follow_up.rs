//! Something agreed at a visit: what, who does it (a party, and the person in Kith who holds
//! it when that party is the adviser or the consultant), by when; open until it is done or
//! dropped.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "visit_follow_up")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub visit_id: i64,
    pub placement_id: i64,
    #[sea_orm(column_type = "Text")]
    pub what: String,
    pub owner: String,
    pub due_on: Date,
    pub done_on: Option<Date>,
    pub closed_at_visit_id: Option<i64>,
    pub created_at: DateTimeUtc,
    pub state: crate::Stored<kith_domain::AgreementState>,
    pub holder_id: Option<i64>,
    #[sea_orm(column_type = "Text", nullable)]
    pub closing_note: Option<String>,
    pub closed_by: Option<i64>,
    pub closed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
