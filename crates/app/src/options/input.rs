//! What a client sends to register or change a placement option.

use garde::Validate;
use kith_domain::{
    AgeRange, Approval, ChildId, Coordinates, InstitutionForm, NeedCode, NeedLevel, PlacementKind,
    TargetArea, UserId,
};
use serde::Deserialize;

/// A competence: a need the option handles, up to a level.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CompetenceInput {
    pub code: NeedCode,
    pub max_level: NeedLevel,
}

/// A placement option as registered or replaced.
#[derive(Debug, Clone, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OptionInput {
    #[garde(skip)]
    pub kind: PlacementKind,
    /// Only for children's homes.
    #[garde(skip)]
    pub institution_form: Option<InstitutionForm>,
    #[garde(length(chars, min = 1, max = 200), custom(crate::validate::plain_name))]
    pub name: String,
    #[garde(length(chars, min = 1, max = 300))]
    pub address: String,
    #[garde(skip)]
    pub coordinates: Option<Coordinates>,
    #[garde(skip)]
    pub approval: Approval,
    /// Places stated in the approval.
    #[garde(range(max = 500))]
    pub approved_places: u32,
    #[garde(skip)]
    pub age_range: AgeRange,
    #[garde(length(min = 1))]
    pub target_areas: Vec<TargetArea>,
    #[garde(skip)]
    #[serde(default)]
    pub competences: Vec<CompetenceInput>,
    /// ISO 639-1 codes spoken in the home.
    #[garde(length(max = 10), inner(length(min = 2, max = 3), pattern("^[a-z]+$")))]
    #[serde(default)]
    pub languages: Vec<String>,
    /// Culture or religion of the home, in a few words (matched against a child's wishes).
    #[garde(length(chars, max = 300))]
    #[serde(default)]
    pub culture_religion: String,
    #[garde(skip)]
    #[serde(default)]
    pub wheelchair_access: bool,
    /// Whole kroner per day (institutions).
    #[garde(range(max = 100000))]
    pub day_rate_dkk: Option<u32>,
    #[garde(skip)]
    pub responsible_consultant_id: Option<UserId>,
    /// For a network family: the one child it is approved for.
    #[garde(skip)]
    pub network_child_id: Option<ChildId>,
}
