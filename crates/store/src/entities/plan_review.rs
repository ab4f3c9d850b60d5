//! What a held plan review (a `visit` of kind plan_review) decided.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "plan_review")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub visit_id: i64,
    pub placement_id: i64,
    pub decision: crate::Stored<kith_domain::goals::ReviewDecision>,
    pub rhythm_months: Option<i32>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
