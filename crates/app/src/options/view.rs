//! What a client gets back about placement options.

use chrono::{DateTime, Utc};
use kith_domain::{
    AgeRange, Approval, Bilingual, ChildId, Coordinates, InstitutionForm, NeedCode, NeedLevel,
    PlacementKind, PlacementOptionId, TargetArea,
};
use serde::Serialize;

use crate::staff::StaffRef;

/// An option in a list.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OptionSummary {
    pub id: PlacementOptionId,
    pub kind: PlacementKind,
    pub name: String,
    pub address: String,
    pub approval: Approval,
    pub approved_places: u32,
    /// Approved places minus current (planned or active) placements.
    pub free_places: u32,
    pub age_range: AgeRange,
    pub target_areas: Vec<TargetArea>,
    pub responsible_consultant: Option<StaffRef>,
    /// When somebody last confirmed the free places; vacancy data goes stale.
    pub capacity_confirmed_at: Option<DateTime<Utc>>,
}

/// A competence with its label.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CompetenceView {
    pub code: NeedCode,
    pub max_level: NeedLevel,
    pub label: Bilingual,
}

/// An option's whole record.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OptionDetail {
    pub id: PlacementOptionId,
    pub kind: PlacementKind,
    pub institution_form: Option<InstitutionForm>,
    pub name: String,
    pub address: String,
    pub coordinates: Option<Coordinates>,
    pub approval: Approval,
    pub approved_places: u32,
    pub places_taken: u32,
    pub free_places: u32,
    pub age_range: AgeRange,
    pub target_areas: Vec<TargetArea>,
    pub competences: Vec<CompetenceView>,
    pub languages: Vec<String>,
    pub culture_religion: String,
    pub wheelchair_access: bool,
    pub day_rate_dkk: Option<u32>,
    pub responsible_consultant: Option<StaffRef>,
    pub capacity_confirmed_at: Option<DateTime<Utc>>,
    pub capacity_confirmed_by: Option<StaffRef>,
    pub network_child_id: Option<ChildId>,
    /// The children in the home that Kith did not place (the family's record), oldest first.
    #[schema(value_type = Vec<Object>)]
    pub household: Vec<kith_domain::stability_facts::HouseholdChild>,
    /// When the family last confirmed that record (none: never recorded).
    pub household_confirmed_on: Option<chrono::NaiveDate>,
    /// Whether the reader may change this option.
    pub can_change: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}
