//! One record of a child's network search: a person asked (or tried) on a day, by whom, what
//! came of it, and a next step open until the next record for that person.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "network_ask")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub child_id: i64,
    pub network_person_id: i64,
    pub asked_on: Date,
    pub asked_by: i64,
    pub outcome: crate::Stored<kith_domain::NetworkAskOutcome>,
    #[sea_orm(column_type = "Text", nullable)]
    pub reason: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub next_step: Option<String>,
    pub next_step_on: Option<Date>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
