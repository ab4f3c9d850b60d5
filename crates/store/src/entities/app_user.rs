//! A staff member who can log in.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "app_user")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub email: String,
    pub name: String,
    pub password_hash: String,
    pub active: bool,
    pub locale: crate::Stored<kith_domain::Lang>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// SHA-256 (hex) of the user's calendar feed token.
    pub calendar_token_hash: Option<String>,
    /// Sessions that logged in before this instant are over (disabled, password changed or
    /// reset, logged out everywhere).
    pub sessions_valid_after: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
