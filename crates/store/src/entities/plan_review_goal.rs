//! What a plan review decided for one goal.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "plan_review_goal")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub visit_id: i64,
    pub goal_id: i64,
    pub outcome: crate::Stored<kith_domain::goals::GoalOutcome>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
