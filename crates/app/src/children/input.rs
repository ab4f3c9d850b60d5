//! What a client sends to create or change a child's case. Shape is checked by serde (unknown
//! fields refused, dates and codes parsed), lengths by the [`Check`] each input makes on itself, and rules that need the database
//! (does the need code exist) by the use cases.

use chrono::NaiveDate;
use kith_domain::{
    ChildId, Coordinates, Cpr, NeedCode, NeedLevel, NetworkApprovalStatus, Place,
    PlacementOptionId, TargetArea, UserId,
};
use serde::Deserialize;

use crate::validate::{Check, Problems};

/// An address with optional coordinates.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlaceInput {
    pub address: String,
    pub coordinates: Option<Coordinates>,
}

impl PlaceInput {
    /// The domain place, address trimmed.
    pub fn into_place(self) -> Place {
        Place {
            address: self.address.trim().to_owned(),
            coordinates: self.coordinates,
        }
    }
}

/// One need with its level.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NeedLevelInput {
    pub code: NeedCode,
    pub level: NeedLevel,
}

/// A child's case as created or replaced.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChildInput {
    pub name: String,
    pub birth_date: NaiveDate,
    /// DDMMYY-SSSS. On update, leaving it out keeps the stored number.
    #[schema(value_type = Option<String>, example = "010115-4321")]
    pub cpr: Option<Cpr>,
    /// Defaults to the creating adviser. Only a leader may name another adviser.
    pub case_adviser_id: Option<UserId>,
    pub target_area: TargetArea,
    /// The overall support level.
    pub support_level: NeedLevel,
    #[serde(default)]
    pub needs: Vec<NeedLevelInput>,
    /// ISO 639-1 codes, e.g. "da", "ar".
    #[serde(default)]
    pub languages: Vec<String>,
    #[serde(default)]
    pub culture_religion_wishes: String,
    pub school: Option<PlaceInput>,
    pub parents_home: Option<PlaceInput>,
    /// The child's own wishes, in a few words.
    #[serde(default)]
    pub own_wishes: String,
    #[serde(default)]
    pub needs_wheelchair_access: bool,
    /// Set when the case adviser asks the match unit for a placement.
    pub placement_requested_on: Option<NaiveDate>,
}

/// The needs profile, which the match unit may edit too.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProfileInput {
    pub target_area: TargetArea,
    pub support_level: NeedLevel,
    #[serde(default)]
    pub needs_wheelchair_access: bool,
    #[serde(default)]
    pub needs: Vec<NeedLevelInput>,
}

/// A person in the child's network.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NetworkPersonInput {
    pub name: String,
    /// e.g. "grandmother", "uncle", "former respite family".
    pub relation: String,
    pub place: Option<PlaceInput>,
    #[serde(default = "default_network_status")]
    pub approval_status: NetworkApprovalStatus,
}

fn default_network_status() -> NetworkApprovalStatus {
    NetworkApprovalStatus::None
}

/// Another child to put in the same sibling group.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SiblingLinkInput {
    pub sibling_id: ChildId,
}

/// An option that must not be used for the child.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UnsuitableInput {
    pub option_id: PlacementOptionId,
    /// Why, e.g. "earlier breakdown in 2024".
    pub reason: String,
}

/// A CPR number to look a child up by (sent in the body, never in a URL).
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CprLookupInput {
    #[schema(value_type = String, example = "010115-4321")]
    pub cpr: Cpr,
}

/// How the child knows an option.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct KnownOptionInput {
    /// e.g. "respite care", "former foster family".
    pub how: String,
}

impl Check for PlaceInput {
    fn check(&self, p: &mut Problems) {
        p.required("address", &self.address, 300);
    }
}

impl Check for ChildInput {
    fn check(&self, p: &mut Problems) {
        p.name("name", &self.name, 200);
        p.language_codes("languages", &self.languages);
        p.at_most_chars(
            "culture_religion_wishes",
            &self.culture_religion_wishes,
            500,
        );
        p.nested("school", self.school.as_ref());
        p.nested("parents_home", self.parents_home.as_ref());
        p.at_most_chars("own_wishes", &self.own_wishes, 1000);
    }
}

impl Check for NetworkPersonInput {
    fn check(&self, p: &mut Problems) {
        p.name("name", &self.name, 200);
        p.name("relation", &self.relation, 100);
        p.nested("place", self.place.as_ref());
    }
}

impl Check for UnsuitableInput {
    fn check(&self, p: &mut Problems) {
        p.required("reason", &self.reason, 500);
    }
}

impl Check for KnownOptionInput {
    fn check(&self, p: &mut Problems) {
        p.required("how", &self.how, 200);
    }
}
