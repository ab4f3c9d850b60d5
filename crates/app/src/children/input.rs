//! What a client sends to create or change a child's case. Shape is checked by serde (unknown
//! fields refused, dates and codes parsed), lengths by garde, and rules that need the database
//! (does the need code exist) by the use cases.

use chrono::NaiveDate;
use garde::Validate;
use kith_domain::{
    ChildId, Coordinates, Cpr, NeedCode, NeedLevel, NetworkApprovalStatus, Place,
    PlacementOptionId, TargetArea, UserId,
};
use serde::Deserialize;

/// An address with optional coordinates.
#[derive(Debug, Clone, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlaceInput {
    #[garde(length(chars, min = 1, max = 300))]
    pub address: String,
    #[garde(skip)]
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
#[derive(Debug, Clone, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChildInput {
    #[garde(length(chars, min = 1, max = 200), custom(crate::validate::plain_name))]
    pub name: String,
    #[garde(skip)]
    pub birth_date: NaiveDate,
    /// DDMMYY-SSSS. On update, leaving it out keeps the stored number.
    #[garde(skip)]
    #[schema(value_type = Option<String>, example = "010115-4321")]
    pub cpr: Option<Cpr>,
    /// Defaults to the creating adviser. Only a leader may name another adviser.
    #[garde(skip)]
    pub case_adviser_id: Option<UserId>,
    #[garde(skip)]
    pub target_area: TargetArea,
    /// The overall support level.
    #[garde(skip)]
    pub support_level: NeedLevel,
    #[garde(skip)]
    #[serde(default)]
    pub needs: Vec<NeedLevelInput>,
    /// ISO 639-1 codes, e.g. "da", "ar".
    #[garde(length(max = 10), inner(length(min = 2, max = 3), pattern("^[a-z]+$")))]
    #[serde(default)]
    pub languages: Vec<String>,
    #[garde(length(chars, max = 500))]
    #[serde(default)]
    pub culture_religion_wishes: String,
    #[garde(dive)]
    pub school: Option<PlaceInput>,
    #[garde(dive)]
    pub parents_home: Option<PlaceInput>,
    /// The child's own wishes, in a few words.
    #[garde(length(chars, max = 1000))]
    #[serde(default)]
    pub own_wishes: String,
    #[garde(skip)]
    #[serde(default)]
    pub needs_wheelchair_access: bool,
    /// Set when the case adviser asks the match unit for a placement.
    #[garde(skip)]
    pub placement_requested_on: Option<NaiveDate>,
}

/// The needs profile, which the match unit may edit too.
#[derive(Debug, Clone, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProfileInput {
    #[garde(skip)]
    pub target_area: TargetArea,
    #[garde(skip)]
    pub support_level: NeedLevel,
    #[garde(skip)]
    #[serde(default)]
    pub needs_wheelchair_access: bool,
    #[garde(skip)]
    #[serde(default)]
    pub needs: Vec<NeedLevelInput>,
}

/// A person in the child's network.
#[derive(Debug, Clone, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NetworkPersonInput {
    #[garde(length(chars, min = 1, max = 200), custom(crate::validate::plain_name))]
    pub name: String,
    /// e.g. "grandmother", "uncle", "former respite family".
    #[garde(length(chars, min = 1, max = 100), custom(crate::validate::plain_name))]
    pub relation: String,
    #[garde(dive)]
    pub place: Option<PlaceInput>,
    #[garde(skip)]
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
#[derive(Debug, Clone, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UnsuitableInput {
    #[garde(skip)]
    pub option_id: PlacementOptionId,
    /// Why, e.g. "earlier breakdown in 2024".
    #[garde(length(chars, min = 1, max = 500))]
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
#[derive(Debug, Clone, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct KnownOptionInput {
    /// e.g. "respite care", "former foster family".
    #[garde(length(chars, min = 1, max = 200))]
    pub how: String,
}
