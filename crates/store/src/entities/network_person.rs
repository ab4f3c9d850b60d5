//! A relative or close adult in a child's network.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "network_person")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub child_id: i64,
    pub name: String,
    pub relation: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub address: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub approval_status: crate::Stored<kith_domain::NetworkApprovalStatus>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
