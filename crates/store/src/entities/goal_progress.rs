//! One progress entry on a goal: the day, the value, a note, who took part.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "goal_progress")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub goal_id: i64,
    pub placement_id: i64,
    pub recorded_on: Date,
    pub amount: Option<f64>,
    pub reached: Option<bool>,
    #[sea_orm(column_type = "Text", nullable)]
    pub note: Option<String>,
    pub child_took_part: bool,
    pub parents_took_part: bool,
    pub recorded_by: i64,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
