//! A child or young person with a case. The CPR number is stored only encrypted and as a keyed hash.

use sea_orm::entity::prelude::*;

use crate::StringList;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "child")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name: String,
    pub birth_date: Date,
    #[sea_orm(column_type = "Text", nullable)]
    pub cpr_encrypted: Option<String>,
    pub cpr_hash: Option<String>,
    pub case_adviser_id: i64,
    pub target_area: crate::Stored<kith_domain::TargetArea>,
    pub support_level: crate::Stored<kith_domain::NeedLevel>,
    pub needs_wheelchair_access: bool,
    #[sea_orm(column_type = "JsonBinary")]
    pub languages: StringList,
    #[sea_orm(column_type = "Text")]
    pub culture_religion_wishes: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub school_address: Option<String>,
    pub school_lat: Option<f64>,
    pub school_lon: Option<f64>,
    #[sea_orm(column_type = "Text", nullable)]
    pub parents_address: Option<String>,
    pub parents_lat: Option<f64>,
    pub parents_lon: Option<f64>,
    #[sea_orm(column_type = "Text")]
    pub own_wishes: String,
    pub placement_requested_on: Option<Date>,
    pub sibling_group_id: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// Whether the child agrees to a placement (not recorded: null).
    pub consent_child: Option<crate::Stored<kith_domain::stability_facts::Consent>>,
    /// Whether the parents agree.
    pub consent_parents: Option<crate::Stored<kith_domain::stability_facts::Consent>>,
    /// The child's placements before Kith.
    #[sea_orm(column_type = "JsonBinary", nullable)]
    pub earlier_placements: Option<crate::stability_json::EarlierPlacements>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::app_user::Entity",
        from = "Column::CaseAdviserId",
        to = "super::app_user::Column::Id"
    )]
    CaseAdviser,
}

impl ActiveModelBehavior for ActiveModel {}
