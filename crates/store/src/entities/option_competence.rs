//! What a placement option can handle: a need and the highest level of it.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "option_competence")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub option_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub need_code: String,
    pub max_level: crate::Stored<kith_domain::NeedLevel>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
