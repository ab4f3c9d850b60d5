//! The rows each list reads and the JSON Kith answers with, field for field (the bench checks
//! the bytes), built with Kith's own domain types and rules (`kith-domain`: ages, free places,
//! the codes' spelling): the essentials of the answer, not Kith's layers.

use chrono::{DateTime, NaiveDate, Utc};
use kith_domain::{
    AgeRange, Approval, ApprovalAuthority, ApprovalStatus, ChildId, NeedLevel, PlacementKind,
    PlacementOptionId, SiblingGroupId, TargetArea, UserId,
};
use serde::Serialize;

/// The lists measured.
#[derive(Debug, Clone, Copy)]
pub enum ListKind {
    Children,
    Options,
    Visits,
}

/// A page of a list as Kith answers it.
#[derive(Serialize)]
pub struct Paged<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}

#[derive(Serialize, Clone)]
pub struct StaffRef {
    pub id: UserId,
    pub name: String,
}

/// A child's row in the children list (Kith's `ChildListRow`).
pub struct ChildRow {
    pub id: i64,
    pub name: String,
    pub birth_date: NaiveDate,
    pub case_adviser_id: i64,
    pub case_adviser_name: Option<String>,
    pub target_area: String,
    pub support_level: String,
    pub placement_requested_on: Option<NaiveDate>,
    pub sibling_group_id: Option<i64>,
}

#[derive(Serialize)]
pub struct ChildSummary {
    id: ChildId,
    name: String,
    birth_date: NaiveDate,
    age: u32,
    target_area: TargetArea,
    support_level: NeedLevel,
    case_adviser: StaffRef,
    placement_requested_on: Option<NaiveDate>,
    sibling_group_id: Option<SiblingGroupId>,
}

fn code<T: std::str::FromStr>(s: &str) -> Result<T, String> {
    s.parse().map_err(|_| format!("not a code: {s}"))
}

impl ChildRow {
    pub fn summary(self, today: NaiveDate) -> Result<ChildSummary, String> {
        Ok(ChildSummary {
            id: ChildId(self.id),
            age: kith_domain::age_on(self.birth_date, today),
            target_area: code(&self.target_area)?,
            support_level: code(&self.support_level)?,
            case_adviser: StaffRef {
                id: UserId(self.case_adviser_id),
                name: self.case_adviser_name.unwrap_or_default(),
            },
            placement_requested_on: self.placement_requested_on,
            sibling_group_id: self.sibling_group_id.map(SiblingGroupId),
            birth_date: self.birth_date,
            name: self.name,
        })
    }
}

/// An option's row in the options list (Kith's `OptionListRow`).
pub struct OptionRow {
    pub id: i64,
    pub kind: String,
    pub name: String,
    pub address: String,
    pub approval_authority: String,
    pub approved_on: Option<NaiveDate>,
    pub approval_valid_until: Option<NaiveDate>,
    pub approval_status: String,
    pub approved_places: i64,
    pub age_min: i64,
    pub age_max: i64,
    /// A JSON array of codes.
    pub target_areas: String,
    pub responsible_consultant_id: Option<i64>,
    pub responsible_consultant_name: Option<String>,
    pub capacity_confirmed_at: Option<DateTime<Utc>>,
    pub places_taken: i64,
}

#[derive(Serialize)]
pub struct OptionSummary {
    id: PlacementOptionId,
    kind: PlacementKind,
    name: String,
    address: String,
    approval: Approval,
    approved_places: u32,
    free_places: u32,
    age_range: AgeRange,
    target_areas: Vec<TargetArea>,
    responsible_consultant: Option<StaffRef>,
    capacity_confirmed_at: Option<DateTime<Utc>>,
}

impl OptionRow {
    pub fn summary(self) -> Result<OptionSummary, String> {
        let approved = u32::try_from(self.approved_places).unwrap_or(0);
        let areas: Vec<String> =
            serde_json::from_str(&self.target_areas).map_err(|e| e.to_string())?;
        Ok(OptionSummary {
            id: PlacementOptionId(self.id),
            kind: code(&self.kind)?,
            approval: Approval {
                authority: code::<ApprovalAuthority>(&self.approval_authority)?,
                approved_on: self.approved_on,
                valid_until: self.approval_valid_until,
                status: code::<ApprovalStatus>(&self.approval_status)?,
            },
            approved_places: approved,
            free_places: kith_domain::capacity::free_places(
                approved,
                u32::try_from(self.places_taken).unwrap_or(u32::MAX),
            ),
            age_range: AgeRange::new(self.age_min, self.age_max).map_err(|e| e.to_string())?,
            target_areas: areas.iter().map(|a| code(a)).collect::<Result<_, _>>()?,
            responsible_consultant: self.responsible_consultant_id.map(|id| StaffRef {
                id: UserId(id),
                name: self.responsible_consultant_name.unwrap_or_default(),
            }),
            capacity_confirmed_at: self.capacity_confirmed_at,
            name: self.name,
            address: self.address,
        })
    }
}

/// Cuts rows read with `limit + 1` to the page; whether there is more after it.
pub fn cut<R>(rows: &mut Vec<R>, limit: usize) -> bool {
    let more = rows.len() > limit;
    rows.truncate(limit);
    more
}

/// The answer's bytes, and the children it shows (for the audit rows).
pub fn encode<T: Serialize + HasChild>(
    items: Vec<T>,
    next_cursor: Option<String>,
) -> Result<(String, Vec<i64>), String> {
    let children = items.iter().filter_map(HasChild::child).collect();
    let body = serde_json::to_string(&Paged { items, next_cursor }).map_err(|e| e.to_string())?;
    Ok((body, children))
}

/// The child an item is about, for the audit rows.
pub trait HasChild {
    fn child(&self) -> Option<i64>;
}

impl HasChild for ChildSummary {
    fn child(&self) -> Option<i64> {
        Some(self.id.0)
    }
}

impl HasChild for OptionSummary {
    fn child(&self) -> Option<i64> {
        None
    }
}
