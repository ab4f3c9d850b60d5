//! What a client gets back about children. Every type here that holds a child's data
//! implements [`ChildData`], so it can only leave `kith-app` through the audit.

use chrono::{DateTime, NaiveDate, Utc};
use kith_domain::{
    Bilingual, ChildId, ExitGoal, NeedCode, NeedLevel, NetworkApprovalStatus, NetworkPersonId,
    Place, PlacementId, PlacementKind, PlacementOptionId, PlacementStatus, SiblingGroupId,
    TargetArea,
};
use serde::Serialize;

use crate::audit::ChildData;
use crate::staff::StaffRef;

/// A child in a list.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ChildSummary {
    pub id: ChildId,
    pub name: String,
    pub birth_date: NaiveDate,
    /// Age in full years today.
    pub age: u32,
    pub target_area: TargetArea,
    pub support_level: NeedLevel,
    pub case_adviser: StaffRef,
    pub placement_requested_on: Option<NaiveDate>,
    pub sibling_group_id: Option<SiblingGroupId>,
}

/// A need of the child with its level and label.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ChildNeedView {
    pub code: NeedCode,
    pub level: NeedLevel,
    pub label: Bilingual,
}

/// Another child, by name.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ChildRef {
    pub id: ChildId,
    pub name: String,
}

/// A person in the child's network.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct NetworkPersonView {
    pub id: NetworkPersonId,
    pub name: String,
    pub relation: String,
    pub place: Option<Place>,
    pub approval_status: NetworkApprovalStatus,
}

/// An option recorded as unsuitable for the child.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct UnsuitableView {
    pub option_id: PlacementOptionId,
    pub option_name: String,
    pub reason: String,
    pub recorded_at: DateTime<Utc>,
}

/// An option the child knows, and how.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct KnownOptionView {
    pub option_id: PlacementOptionId,
    pub option_name: String,
    pub how: String,
}

/// A placement of the child, briefly.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PlacementBrief {
    pub id: PlacementId,
    pub option_id: PlacementOptionId,
    pub option_name: String,
    pub kind: PlacementKind,
    pub start_date: NaiveDate,
    pub planned_end_date: Option<NaiveDate>,
    pub exit_goal: Option<ExitGoal>,
    pub status: PlacementStatus,
    pub end_date: Option<NaiveDate>,
    pub consultant: Option<StaffRef>,
}

/// A child's whole case as shown on its page.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ChildDetail {
    pub id: ChildId,
    pub name: String,
    pub birth_date: NaiveDate,
    pub age: u32,
    /// Always masked (DDMMYY-XXXX); the full number needs the audited reveal.
    pub cpr: Option<String>,
    pub case_adviser: StaffRef,
    pub target_area: TargetArea,
    pub support_level: NeedLevel,
    pub needs: Vec<ChildNeedView>,
    pub needs_wheelchair_access: bool,
    pub languages: Vec<String>,
    pub culture_religion_wishes: String,
    pub school: Option<Place>,
    pub parents_home: Option<Place>,
    pub own_wishes: String,
    pub placement_requested_on: Option<NaiveDate>,
    pub sibling_group_id: Option<SiblingGroupId>,
    pub siblings: Vec<ChildRef>,
    pub network: Vec<NetworkPersonView>,
    /// The network search: who was asked, when, by whom, what came of it, and where it stands.
    pub network_search: super::NetworkSearchView,
    pub unsuitable_options: Vec<UnsuitableView>,
    /// Options the child already knows (e.g. from respite care).
    pub known_options: Vec<KnownOptionView>,
    pub placements: Vec<PlacementBrief>,
    /// The open agreements made at visits of the child's current placements, for those who
    /// follow the child up (empty for other readers).
    pub agreements: Vec<crate::wheel::views::FollowUpView>,
    /// What the reader may do with this case (the server enforces it regardless).
    pub permissions: ChildPermissions,
    /// What matching's stability flags weigh: consent and the placements before Kith.
    pub stability: StabilityFactsView,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// What the reader of a case may do with it.
#[derive(Debug, Clone, Copy, Default, Serialize, utoipa::ToSchema)]
pub struct ChildPermissions {
    /// Change the whole case (and its network, siblings, unsuitable options).
    pub change: bool,
    /// Change the needs profile.
    pub change_profile: bool,
    /// See the full CPR number.
    pub reveal_cpr: bool,
}

/// The full CPR number, for the case adviser.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CprView {
    pub child_id: ChildId,
    pub cpr: Option<String>,
}

impl ChildData for ChildSummary {
    fn child_ids(&self) -> Vec<ChildId> {
        vec![self.id]
    }
}

/// A child's consent and earlier placements, as recorded (none: not recorded).
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct StabilityFactsView {
    #[schema(value_type = Option<String>)]
    pub consent_child: Option<kith_domain::stability_facts::Consent>,
    #[schema(value_type = Option<String>)]
    pub consent_parents: Option<kith_domain::stability_facts::Consent>,
    #[schema(value_type = Vec<Object>)]
    pub earlier_placements: Vec<kith_domain::stability_facts::EarlierPlacement>,
}

impl ChildData for ChildDetail {
    fn child_ids(&self) -> Vec<ChildId> {
        // The siblings' names are their data too.
        std::iter::once(self.id)
            .chain(self.siblings.iter().map(|s| s.id))
            .collect()
    }
}

impl ChildData for CprView {
    fn child_ids(&self) -> Vec<ChildId> {
        vec![self.child_id]
    }
}
