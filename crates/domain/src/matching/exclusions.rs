//! Hard constraints. An option that breaks any of them is excluded, with every reason that
//! applies, so the match unit sees all that would have to change.
//!
//! Reasons are small values (codes with their numbers); their Danish and English texts are
//! rendered only when shown ([`Exclusion::text`]), which keeps ranking thousands of options fast.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{MatchRules, MatchUnit, NeedLabels, OptionProfile};
use crate::{ApprovalStatus, Bilingual, NeedCode, NeedLevel, PlacementKind, TargetArea, age_on};

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
    ExpiresBeforeStart { until: NaiveDate, start: NaiveDate },
    NoFreePlace { free: u32, needed: u32 },
    Age { age: u32, min: u8, max: u8 },
    TargetArea(TargetArea),
    SupportLevel { kind: PlacementKind, max: NeedLevel },
    SevereNeedUncovered(NeedCode),
    NoWheelchairAccess,
    NetworkForAnotherChild,
    Unsuitable(String),
}

/// An exclusion as shown: its code and text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExclusionText {
    pub code: ExclusionCode,
    pub reason: Bilingual,
}

/// A date as each language writes it in a sentence: `10.12.2026`, `10 Dec 2026`.
fn date(d: &NaiveDate) -> (String, String) {
    (
        d.format("%d.%m.%Y").to_string(),
        d.format("%-d %b %Y").to_string(),
    )
}

pub(crate) fn level_da(l: NeedLevel) -> &'static str {
    match l {
        NeedLevel::Light => "let",
        NeedLevel::Moderate => "moderat",
        NeedLevel::Severe => "svær",
    }
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
        }
    }

    /// The reason in Danish and English.
    pub fn text(&self, labels: &NeedLabels) -> Bilingual {
        use Exclusion::*;
        match self {
            NoApprovalDate => b("Ingen godkendelsesdato", "No approval date recorded"),
            ApprovedOnlyFrom(d) => b(
                format!("Først godkendt fra {}", date(d).0),
                format!("Only approved from {}", date(d).1),
            ),
            NotApprovedYet => b("Endnu ikke godkendt", "Not approved yet"),
            Suspended => b("Godkendelsen er suspenderet", "The approval is suspended"),
            Expired => b("Godkendelsen er udløbet", "The approval has expired"),
            ExpiresBeforeStart { until, start } => b(
                format!(
                    "Godkendelsen udløber {} før start {}",
                    date(until).0,
                    date(start).0
                ),
                format!(
                    "The approval expires {} before the start {}",
                    date(until).1,
                    date(start).1
                ),
            ),
            NoFreePlace { free, needed } => b(
                match free {
                    1 => format!("1 ledig plads; {needed} skal bruges"),
                    _ => format!("{free} ledige pladser; {needed} skal bruges"),
                },
                match free {
                    1 => format!("1 free place; {needed} needed"),
                    _ => format!("{free} free places; {needed} needed"),
                },
            ),
            Age { age, min, max } => b(
                format!("Alder {age} ved start er uden for {min}–{max} år"),
                format!("Age {age} at the start is outside {min}–{max}"),
            ),
            TargetArea(a) => {
                let area = labels.term("target_area", a.as_str());
                b(
                    format!("Ikke godkendt til målgruppen {}", area.da.to_lowercase()),
                    format!(
                        "Not approved for the target area {}",
                        area.en.to_lowercase()
                    ),
                )
            }
            SupportLevel { kind, max } => {
                let kind = labels.term("placement_kind", kind.as_str());
                b(
                    format!("{} tager støttebehov op til {}", kind.da, level_da(*max)),
                    format!(
                        "A {} takes support needs up to {max}",
                        kind.en.to_lowercase()
                    ),
                )
            }
            SevereNeedUncovered(code) => {
                let l = labels.of(code);
                b(
                    format!("Ingen kompetence til svært behov: {}", l.da),
                    format!("No competence for a severe need: {}", l.en),
                )
            }
            NoWheelchairAccess => b("Ingen kørestolsadgang", "No wheelchair access"),
            NetworkForAnotherChild => b(
                "Netværksfamilie godkendt til et andet barn",
                "A network family approved for another child",
            ),
            Unsuitable(reason) => b(
                format!("Registreret som uegnet: {reason}"),
                format!("Recorded as unsuitable: {reason}"),
            ),
        }
    }

    /// The code and text together.
    pub fn explain(&self, labels: &NeedLabels) -> ExclusionText {
        ExclusionText {
            code: self.code(),
            reason: self.text(labels),
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

/// Both texts of a reason.
fn b(da: impl Into<String>, en: impl Into<String>) -> Bilingual {
    Bilingual::new(da, en)
}
