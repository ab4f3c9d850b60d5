//! A goal of the child's plan for one placement; a revision is a new row that `revises_id`
//! the one it replaces.

use sea_orm::entity::prelude::*;

use crate::StringList;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "goal")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub placement_id: i64,
    pub area: crate::Stored<kith_domain::goals::GoalArea>,
    #[sea_orm(column_type = "JsonBinary")]
    pub needs: StringList,
    #[sea_orm(column_type = "Text")]
    pub text: String,
    pub measure_kind: String,
    pub measure_unit: Option<String>,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    #[sea_orm(column_type = "JsonBinary")]
    pub parties: crate::Codes<kith_domain::Party>,
    pub due_on: Date,
    pub status: crate::Stored<kith_domain::goals::GoalStatus>,
    pub closed_on: Option<Date>,
    pub revises_id: Option<i64>,
    pub created_by: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
