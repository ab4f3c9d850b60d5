//! A change of a child's school (the stability figure "school changes per child").

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "child_school_change")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub child_id: i64,
    pub changed_on: Date,
    pub changed_by: i64,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
