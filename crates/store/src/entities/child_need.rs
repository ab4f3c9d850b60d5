//! A need of a child, with its level.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "child_need")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub child_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub need_code: String,
    pub level: crate::Stored<kith_domain::NeedLevel>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
