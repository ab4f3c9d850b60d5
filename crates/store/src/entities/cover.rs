//! A named stand-in for a period of days (cover when someone is away).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "cover")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub absent_id: i64,
    pub stand_in_id: i64,
    pub first_day: Date,
    pub last_day: Date,
    pub created_by: i64,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
