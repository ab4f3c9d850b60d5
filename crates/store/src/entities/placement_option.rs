//! A foster family, network family, institution or other placement option.

use sea_orm::entity::prelude::*;

use crate::StringList;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "placement_option")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub kind: crate::Stored<kith_domain::PlacementKind>,
    pub institution_form: Option<crate::Stored<kith_domain::InstitutionForm>>,
    pub name: String,
    #[sea_orm(column_type = "Text")]
    pub address: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub approval_authority: crate::Stored<kith_domain::ApprovalAuthority>,
    pub approved_on: Option<Date>,
    pub approval_valid_until: Option<Date>,
    pub approval_status: crate::Stored<kith_domain::ApprovalStatus>,
    pub approved_places: i32,
    pub age_min: i16,
    pub age_max: i16,
    #[sea_orm(column_type = "JsonBinary")]
    pub target_areas: crate::Codes<kith_domain::TargetArea>,
    #[sea_orm(column_type = "JsonBinary")]
    pub languages: StringList,
    #[sea_orm(column_type = "Text")]
    pub culture_religion: String,
    pub wheelchair_access: bool,
    pub day_rate_dkk: Option<i32>,
    pub responsible_consultant_id: Option<i64>,
    pub capacity_confirmed_at: Option<DateTimeUtc>,
    pub capacity_confirmed_by: Option<i64>,
    pub network_child_id: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// The children in the home that Kith did not place (the family's record).
    #[sea_orm(column_type = "JsonBinary", nullable)]
    pub household: Option<crate::stability_json::Household>,
    /// When the family last confirmed that record, and who recorded it.
    pub household_confirmed_on: Option<Date>,
    pub household_confirmed_by: Option<i64>,
    /// How many times the record was saved (for the catalogue's version).
    pub household_revision: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::app_user::Entity",
        from = "Column::ResponsibleConsultantId",
        to = "super::app_user::Column::Id"
    )]
    ResponsibleConsultant,
}

impl ActiveModelBehavior for ActiveModel {}
