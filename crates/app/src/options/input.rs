//! What a client sends to register or change a placement option.

use kith_domain::{
    AgeRange, Approval, ChildId, Coordinates, InstitutionForm, NeedCode, NeedLevel, PlacementKind,
    TargetArea, UserId,
};
use serde::Deserialize;

use crate::validate::{Check, Problems};

/// A competence: a need the option handles, up to a level.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CompetenceInput {
    pub code: NeedCode,
    pub max_level: NeedLevel,
}

/// A placement option as registered or replaced.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OptionInput {
    pub kind: PlacementKind,
    /// Only for children's homes.
    pub institution_form: Option<InstitutionForm>,
    pub name: String,
    pub address: String,
    pub coordinates: Option<Coordinates>,
    pub approval: Approval,
    /// Places stated in the approval.
    pub approved_places: u32,
    pub age_range: AgeRange,
    pub target_areas: Vec<TargetArea>,
    #[serde(default)]
    pub competences: Vec<CompetenceInput>,
    /// ISO 639-1 codes spoken in the home.
    #[serde(default)]
    pub languages: Vec<String>,
    /// Culture or religion of the home, in a few words (matched against a child's wishes).
    #[serde(default)]
    pub culture_religion: String,
    #[serde(default)]
    pub wheelchair_access: bool,
    /// Whole kroner per day (institutions).
    pub day_rate_dkk: Option<u32>,
    pub responsible_consultant_id: Option<UserId>,
    /// For a network family: the one child it is approved for.
    pub network_child_id: Option<ChildId>,
}

impl Check for OptionInput {
    fn check(&self, p: &mut Problems) {
        p.name("name", &self.name, 200);
        p.required("address", &self.address, 300);
        p.between("approved_places", self.approved_places.into(), 0, 500);
        p.not_empty("target_areas", &self.target_areas);
        p.language_codes("languages", &self.languages);
        p.at_most_chars("culture_religion", &self.culture_religion, 300);
        if let Some(rate) = self.day_rate_dkk {
            p.between("day_rate_dkk", rate.into(), 0, 100_000);
        }
    }
}
