//! A row as the input the API takes: a child or a placement option, and the column each
//! input field comes from.

use super::*;

/// The column an input field comes from.
pub(super) fn child_column(field: &str) -> &'static str {
    let head = field.split(['.', '[']).next().unwrap_or(field);
    match head {
        "name" => "name",
        "birth_date" => "birth_date",
        "cpr" => "cpr",
        "case_adviser_id" => "case_adviser_email",
        "target_area" => "target_area",
        "support_level" => "support_level",
        "needs" => "needs",
        "languages" => "languages",
        "culture_religion_wishes" => "culture_religion_wishes",
        "school" => "school_address",
        "parents_home" => "parents_address",
        "own_wishes" => "own_wishes",
        "placement_requested_on" => "placement_requested_on",
        _ => "",
    }
}

pub(super) fn option_column(field: &str) -> &'static str {
    let head = field.split(['.', '[']).next().unwrap_or(field);
    match (head, field) {
        ("approval", f) if f.contains("valid_until") => "valid_until",
        ("approval", f) if f.contains("approved_on") => "approved_on",
        ("approval", f) if f.contains("authority") => "approval_authority",
        ("approval", _) => "approval_status",
        ("age_range", f) if f.contains("max") => "age_max",
        ("age_range", _) => "age_min",
        ("coordinates", _) => "lat",
        ("kind", _) => "kind",
        ("institution_form", _) => "institution_form",
        ("name", _) => "name",
        ("address", _) => "address",
        ("approved_places", _) => "approved_places",
        ("target_areas", _) => "target_areas",
        ("competences", _) => "competences",
        ("languages", _) => "languages",
        ("culture_religion", _) => "culture_religion",
        ("day_rate_dkk", _) => "day_rate_dkk",
        ("responsible_consultant_id", _) => "responsible_consultant_email",
        _ => "",
    }
}

/// A row as a child's case. Cells that do not parse are reported and replaced by a neutral
/// value, so the rule check still runs on the rest of the row; the bool says whether the row
/// parsed cleanly.
pub(super) async fn child_row(app: &App, r: &mut Row<'_>) -> Result<(ChildInput, bool)> {
    let before = r.problems.len();
    let name = r.required("name").unwrap_or_default();
    let birth_date = match r.date("birth_date") {
        Some(Some(d)) => d,
        Some(None) => {
            r.problem("birth_date", "required");
            app.today()
        }
        None => app.today(),
    };
    let cpr = r.parsed::<Cpr>("cpr").flatten();
    let target_area = required_code::<TargetArea>(r, "target_area").unwrap_or(TargetArea::ALL[0]);
    let support_level = required_code::<NeedLevel>(r, "support_level").unwrap_or(NeedLevel::ALL[0]);
    let needs = r.levels("needs").unwrap_or_default();
    let adviser = r.staff(app, "case_adviser_email").await?.flatten();
    let school = r.coordinates("school_lat", "school_lon").flatten();
    let parents = r.coordinates("parents_lat", "parents_lon").flatten();
    let wheelchair = r.yes_no("needs_wheelchair_access").unwrap_or_default();
    let requested = r.date("placement_requested_on").flatten();
    let place = |address: Option<String>, coordinates: Option<Coordinates>| {
        address.map(|address| PlaceInput {
            address,
            coordinates,
        })
    };
    let input = ChildInput {
        name,
        birth_date,
        cpr,
        case_adviser_id: adviser,
        target_area,
        support_level,
        needs: needs
            .into_iter()
            .map(|(code, level)| NeedLevelInput { code, level })
            .collect(),
        languages: r.list("languages"),
        culture_religion_wishes: r.text("culture_religion_wishes").unwrap_or_default(),
        school: place(r.text("school_address"), school),
        parents_home: place(r.text("parents_address"), parents),
        own_wishes: r.text("own_wishes").unwrap_or_default(),
        needs_wheelchair_access: wheelchair,
        placement_requested_on: requested,
    };
    Ok((input, r.problems.len() == before))
}

/// A row as a placement option (as [`child_row`]: bad cells reported and replaced).
pub(super) async fn option_row(app: &App, r: &mut Row<'_>) -> Result<(OptionInput, bool)> {
    use kith_domain::{ApprovalAuthority, ApprovalStatus, PlacementKind};
    let before = r.problems.len();
    let kind = required_code(r, "kind").unwrap_or(PlacementKind::ALL[0]);
    let institution_form = r.parsed("institution_form").flatten();
    let name = r.required("name").unwrap_or_default();
    let address = r.required("address").unwrap_or_default();
    let coordinates = r.coordinates("lat", "lon").flatten();
    let authority = required_code(r, "approval_authority").unwrap_or(ApprovalAuthority::ALL[0]);
    let status = required_code(r, "approval_status").unwrap_or(ApprovalStatus::ALL[0]);
    let approved_on = r.date("approved_on").flatten();
    let valid_until = r.date("valid_until").flatten();
    let places = required_code::<u32>(r, "approved_places").unwrap_or(1);
    let min = required_code::<u8>(r, "age_min").unwrap_or(0);
    let max = required_code::<u8>(r, "age_max").unwrap_or(17);
    // The same rule as the form's: from no older than to, within the ages Kith follows.
    if AgeRange::new(i64::from(min), i64::from(max)).is_err() {
        r.problem("age_min", "problem.age_range");
    }
    let mut areas = Vec::new();
    for a in r.list("target_areas") {
        match a.parse::<TargetArea>() {
            Ok(t) => areas.push(t),
            Err(e) => r.problem("target_areas", e.message()),
        }
    }
    let competences = r.levels("competences").unwrap_or_default();
    let wheelchair = r.yes_no("wheelchair_access").unwrap_or_default();
    let day_rate = r.parsed::<u32>("day_rate_dkk").flatten();
    let consultant = r
        .staff(app, "responsible_consultant_email")
        .await?
        .flatten();
    let input = OptionInput {
        kind,
        institution_form,
        name,
        address,
        coordinates,
        approval: Approval {
            authority,
            approved_on,
            valid_until,
            status,
        },
        approved_places: places,
        age_range: AgeRange { min, max },
        target_areas: areas,
        competences: competences
            .into_iter()
            .map(|(code, max_level)| CompetenceInput { code, max_level })
            .collect(),
        languages: r.list("languages"),
        culture_religion: r.text("culture_religion").unwrap_or_default(),
        wheelchair_access: wheelchair,
        day_rate_dkk: day_rate,
        responsible_consultant_id: consultant,
        network_child_id: None,
    };
    Ok((input, r.problems.len() == before))
}
