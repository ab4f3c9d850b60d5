//! Hard constraints. An option that breaks any of them is excluded, with every reason that
//! applies, so the match unit sees all that would have to change.
//!
//! Reasons are small values (codes with their numbers); [`Exclusion::message`] names their
//! catalogue text, rendered only when shown, which keeps ranking thousands of options fast.

use chrono::NaiveDate;

use super::{MatchRules, MatchUnit, OptionProfile};
use crate::{ApprovalStatus, Message, NeedCode, NeedLevel, PlacementKind, TargetArea, age_on};

crate::macros::vocabulary!(
    /// Why an option cannot be used.
    ExclusionCode, "exclusion" {
        NotApproved = "not_approved",
        ApprovalSuspended = "approval_suspended",
        ApprovalExpired = "approval_expired",
        NoFreePlace = "no_free_place",
        AgeOutsideRange = "age_outside_range",
        TargetArea = "target_area",
        SupportLevel = "support_level",
        SevereNeedUncovered = "severe_need_uncovered",
        NoWheelchairAccess = "no_wheelchair_access",
        NetworkForAnotherChild = "network_for_another_child",
        Unsuitable = "unsuitable",
        SecureUnitAge = "secure_unit_age",
    }
);

/// One reason an option is excluded, with what a person needs to understand it.
#[derive(Debug, Clone, PartialEq)]
pub enum Exclusion {
    NoApprovalDate,
    ApprovedOnlyFrom(NaiveDate),
    NotApprovedYet,
    Suspended,
    Expired,
    ExpiresBeforeStart {
        until: NaiveDate,
        start: NaiveDate,
    },
    NoFreePlace {
        free: u32,
        needed: u32,
    },
    Age {
        age: u32,
        min: u8,
        max: u8,
    },
    TargetArea(TargetArea),
    SupportLevel {
        kind: PlacementKind,
        max: NeedLevel,
    },
    SevereNeedUncovered(NeedCode),
    NoWheelchairAccess,
    NetworkForAnotherChild,
    Unsuitable(String),
    /// A secure unit for a child younger than the rules' age for one.
    SecureUnitTooYoung {
        age: u32,
        min: u8,
    },
}

impl Exclusion {
    /// The stable code.
    pub fn code(&self) -> ExclusionCode {
        use Exclusion::*;
        match self {
            NoApprovalDate | ApprovedOnlyFrom(_) | NotApprovedYet => ExclusionCode::NotApproved,
            Suspended => ExclusionCode::ApprovalSuspended,
            Expired | ExpiresBeforeStart { .. } => ExclusionCode::ApprovalExpired,
            NoFreePlace { .. } => ExclusionCode::NoFreePlace,
            Age { .. } => ExclusionCode::AgeOutsideRange,
            TargetArea(_) => ExclusionCode::TargetArea,
            SupportLevel { .. } => ExclusionCode::SupportLevel,
            SevereNeedUncovered(_) => ExclusionCode::SevereNeedUncovered,
            NoWheelchairAccess => ExclusionCode::NoWheelchairAccess,
            NetworkForAnotherChild => ExclusionCode::NetworkForAnotherChild,
            Unsuitable(_) => ExclusionCode::Unsuitable,
            SecureUnitTooYoung { .. } => ExclusionCode::SecureUnitAge,
        }
    }

    /// The reason as a catalogue text and its values (`exclusion_reason.*`).
    pub fn message(&self) -> Message {
        use Exclusion::*;
        let m = Message::new;
        match self {
            NoApprovalDate => m("exclusion_reason.no_approval_date"),
            ApprovedOnlyFrom(d) => m("exclusion_reason.approved_only_from").date("from", *d),
            NotApprovedYet => m("exclusion_reason.not_approved_yet"),
            Suspended => m("exclusion_reason.suspended"),
            Expired => m("exclusion_reason.expired"),
            ExpiresBeforeStart { until, start } => m("exclusion_reason.expires_before_start")
                .date("until", *until)
                .date("start", *start),
            NoFreePlace { free, needed } => m("exclusion_reason.no_free_place")
                .int("free", *free)
                .int("needed", *needed),
            Age { age, min, max } => m("exclusion_reason.age")
                .int("age", *age)
                .int("min", *min)
                .int("max", *max),
            TargetArea(a) => {
                m("exclusion_reason.target_area").key("area", format!("target_area.{}", a.as_str()))
            }
            SupportLevel { kind, max } => m("exclusion_reason.support_level")
                .key("kind", format!("placement_kind.{}", kind.as_str()))
                .text("level", max.as_str()),
            SevereNeedUncovered(code) => {
                m("exclusion_reason.severe_need_uncovered").need("need", code.clone())
            }
            NoWheelchairAccess => m("exclusion_reason.no_wheelchair_access"),
            NetworkForAnotherChild => m("exclusion_reason.network_for_another_child"),
            Unsuitable(reason) => m("exclusion_reason.unsuitable").text("why", reason.clone()),
            SecureUnitTooYoung { age, min } => m("exclusion_reason.secure_unit_age")
                .int("age", *age)
                .int("min", *min),
        }
    }
}

/// Every hard constraint the option breaks for the unit on the start date (empty: it fits).
pub fn exclusions(
    unit: &MatchUnit,
    option: &OptionProfile,
    rules: &MatchRules,
    start: NaiveDate,
) -> Vec<Exclusion> {
    let mut out = Vec::new();
    let a = &option.approval;
    let pending_network = option.kind.is_network() && a.status == ApprovalStatus::Pending;
    match a.status {
        _ if pending_network => {}
        ApprovalStatus::Suspended => out.push(Exclusion::Suspended),
        ApprovalStatus::Expired => out.push(Exclusion::Expired),
        ApprovalStatus::Pending => out.push(Exclusion::NotApprovedYet),
        ApprovalStatus::Active => match (a.approved_on, a.valid_until) {
            (None, _) => out.push(Exclusion::NoApprovalDate),
            (Some(from), _) if from > start => out.push(Exclusion::ApprovedOnlyFrom(from)),
            (_, Some(until)) if until < start => {
                out.push(Exclusion::ExpiresBeforeStart { until, start })
            }
            _ => {}
        },
    }
    let needed = unit.size();
    if option.free_places < needed {
        out.push(Exclusion::NoFreePlace {
            free: option.free_places,
            needed,
        });
    }
    for c in &unit.children {
        let age = age_on(c.birth_date, start);
        if !option.age_range.contains(age) {
            out.push(Exclusion::Age {
                age,
                min: option.age_range.min,
                max: option.age_range.max,
            });
        }
        if option.institution_form == Some(crate::InstitutionForm::SecureUnit)
            && age < u32::from(rules.secure_unit_min_age)
        {
            out.push(Exclusion::SecureUnitTooYoung {
                age,
                min: rules.secure_unit_min_age,
            });
        }
        if !option.target_areas.contains(&c.target_area) {
            out.push(Exclusion::TargetArea(c.target_area));
        }
        if let Some(max) = rules.max_level(option.kind)
            && c.support_level > max
        {
            out.push(Exclusion::SupportLevel {
                kind: option.kind,
                max,
            });
        }
    }
    for c in &unit.children {
        for (code, level) in &c.needs {
            if *level == NeedLevel::Severe
                && !option
                    .competence(code)
                    .is_some_and(|l| l.covers(NeedLevel::Severe))
                && !out
                    .iter()
                    .any(|e| matches!(e, Exclusion::SevereNeedUncovered(x) if x == code))
            {
                out.push(Exclusion::SevereNeedUncovered(code.clone()));
            }
        }
    }
    if unit.children.iter().any(|c| c.needs_wheelchair_access) && !option.wheelchair_access {
        out.push(Exclusion::NoWheelchairAccess);
    }
    if let Some(for_child) = option.network_child_id
        && !unit.children.iter().any(|c| c.id == for_child)
    {
        out.push(Exclusion::NetworkForAnotherChild);
    }
    for c in &unit.children {
        if let Some((_, reason)) = c.unsuitable.iter().find(|(o, _)| *o == option.id) {
            out.push(Exclusion::Unsuitable(reason.clone()));
        }
    }
    out
}
