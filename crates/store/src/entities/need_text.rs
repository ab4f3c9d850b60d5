//! The words of one need in one language: its label and description.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "need_text")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub need_code: String,
    /// The language's code, `da` or `en`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub lang: crate::Stored<kith_domain::Lang>,
    pub label: String,
    #[sea_orm(column_type = "Text")]
    pub description: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
