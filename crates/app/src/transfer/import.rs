//! Imports of placement options and children from CSV or XLSX, for moving a municipality's
//! records into Kith. Every row is read and checked with the same rules as the API before
//! anything is written; a dry run stops there and lists every problem by row and column. A real
//! run writes only when no row has a problem, then creates the rows one by one through the
//! ordinary use cases (so each is audited like any other).

use std::collections::HashSet;
use std::str::FromStr;

use chrono::NaiveDate;
use kith_domain::{
    AgeRange, Approval, Coordinates, Cpr, Email, Message, NeedCode, NeedLevel, TargetArea, UserId,
};
use serde::{Deserialize, Serialize};

use super::sheet;
use crate::children::{ChildInput, NeedLevelInput, PlaceInput};
use crate::options::{CompetenceInput, OptionInput};
use crate::{Actor, App, AppError, FieldError, Result, policy};

/// What can be imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    /// Placement options (`POST /api/v1/imports/options`).
    Options,
    /// Children (`POST /api/v1/imports/children`).
    Children,
}

impl ImportKind {
    /// The kind named in a URL.
    pub fn parse(s: &str) -> Result<Self> {
        match s {
            "options" => Ok(ImportKind::Options),
            "children" => Ok(ImportKind::Children),
            _ => Err(AppError::invalid("kind", "options or children")),
        }
    }

    fn columns(self) -> (&'static [&'static str], &'static [&'static str]) {
        match self {
            ImportKind::Children => (
                &["name", "birth_date", "target_area", "support_level"],
                &[
                    "cpr",
                    "case_adviser_email",
                    "needs",
                    "languages",
                    "culture_religion_wishes",
                    "school_address",
                    "school_lat",
                    "school_lon",
                    "parents_address",
                    "parents_lat",
                    "parents_lon",
                    "own_wishes",
                    "needs_wheelchair_access",
                    "placement_requested_on",
                ],
            ),
            ImportKind::Options => (
                &[
                    "kind",
                    "name",
                    "address",
                    "approval_authority",
                    "approval_status",
                    "approved_places",
                    "age_min",
                    "age_max",
                    "target_areas",
                ],
                &[
                    "institution_form",
                    "lat",
                    "lon",
                    "approved_on",
                    "valid_until",
                    "competences",
                    "languages",
                    "culture_religion",
                    "wheelchair_access",
                    "day_rate_dkk",
                    "responsible_consultant_email",
                ],
            ),
        }
    }
}

/// One problem: the row (the header is row 1) and the column.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct RowProblem {
    /// 0 for a problem with the file or its header.
    pub row: usize,
    pub column: String,
    /// The catalogue key of the problem, for programs.
    pub code: String,
    /// The problem in the reader's language; the server fills it in from `said`.
    pub message: String,
    /// What is wrong, as a catalogue message.
    #[serde(skip)]
    pub said: Message,
}

impl RowProblem {
    fn new(row: usize, column: impl Into<String>, said: impl Into<Message>) -> Self {
        let said = said.into();
        Self {
            row,
            column: column.into(),
            code: said.key.to_string(),
            message: String::new(),
            said,
        }
    }
}

/// What an import found and did.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ImportReport {
    pub kind: ImportKind,
    pub dry_run: bool,
    /// Data rows read (blank rows skipped).
    pub rows: usize,
    pub problems: Vec<RowProblem>,
    /// Ids created (empty on a dry run or when there were problems).
    pub created: Vec<i64>,
}

/// Reads, checks and (unless `dry_run`, and only when every row is good) imports a file.
pub async fn import(
    app: &App,
    actor: &Actor,
    kind: ImportKind,
    bytes: &[u8],
    dry_run: bool,
) -> Result<ImportReport> {
    match kind {
        ImportKind::Children if !policy::may_create_child(actor) => {
            return Err(AppError::forbidden(
                "only advisers and leaders register children",
            ));
        }
        ImportKind::Options if !policy::may_create_option(actor) => {
            return Err(AppError::forbidden(
                "only consultants and leaders register placement options",
            ));
        }
        _ => {}
    }
    let (header, rows) = sheet::read(bytes)?;
    let mut report = ImportReport {
        kind,
        dry_run,
        rows: rows.len(),
        problems: Vec::new(),
        created: Vec::new(),
    };
    let (required, optional) = kind.columns();
    for h in &header {
        if !h.is_empty() && !required.contains(&h.as_str()) && !optional.contains(&h.as_str()) {
            report
                .problems
                .push(RowProblem::new(1, h.clone(), "problem.unknown_column"));
        }
    }
    for r in required {
        if !header.iter().any(|h| h == r) {
            report
                .problems
                .push(RowProblem::new(1, *r, "problem.missing_column"));
        }
    }
    if !report.problems.is_empty() {
        return finish(report);
    }
    let mut children = Vec::new();
    let mut options = Vec::new();
    let mut cprs = HashSet::new();
    // Each row's CPR number, checked against the register together after the rows are read.
    let mut to_check: Vec<(usize, Cpr)> = Vec::new();
    for (n, cells) in &rows {
        let mut row = Row {
            n: *n,
            header: &header,
            cells,
            problems: &mut report.problems,
        };
        match kind {
            ImportKind::Children => {
                let (input, parsed) = child_row(app, &mut row).await?;
                if let Some(cpr) = &input.cpr {
                    if !cprs.insert(app.vault().lookup_hash(cpr)) {
                        row.problem("cpr", "the same CPR number is in an earlier row");
                    } else {
                        to_check.push((*n, cpr.clone()));
                    }
                }
                let adviser = input.case_adviser_id.unwrap_or(actor.id);
                let checked = crate::children::check_case(app, &input, adviser).await;
                row.absorb(checked, child_column);
                if parsed {
                    children.push(input);
                }
            }
            ImportKind::Options => {
                let (input, parsed) = option_row(app, &mut row).await?;
                let checked = crate::options::check_option(app, &input).await;
                row.absorb(checked, option_column);
                if parsed {
                    options.push(input);
                }
            }
        }
    }
    // The register is checked when the file is imported, not on a dry run: a dry run writes
    // nothing, so its answer about a number would cost the one asking nothing.
    if !dry_run {
        check_registered(app, actor, &to_check, &mut report.problems).await?;
    }
    if dry_run || !report.problems.is_empty() {
        return finish(report);
    }
    for input in children {
        report
            .created
            .push(crate::children::create(app, actor, input).await?.id.0);
    }
    for input in options {
        report
            .created
            .push(crate::options::create(app, actor, input).await?.id.0);
    }
    tracing::info!(rows = report.rows, created = report.created.len(), kind = ?kind, "import");
    Ok(report)
}

/// Checks the file's CPR numbers against the register (`children::cpr`): a number in a case
/// the importer can read is named at its row; one in a case they cannot read refuses the file
/// with one problem that names no row.
async fn check_registered(
    app: &App,
    actor: &Actor,
    numbers: &[(usize, Cpr)],
    problems: &mut Vec<RowProblem>,
) -> Result<()> {
    let pairs: Vec<(&Cpr, Option<kith_domain::ChildId>)> =
        numbers.iter().map(|(_, c)| (c, None)).collect();
    let found = crate::children::cpr::check(app, actor, &pairs, true).await?;
    let mut hidden = false;
    for ((n, _), clash) in numbers.iter().zip(found) {
        match clash {
            Some(crate::children::cpr::Clash::Visible(_)) => {
                problems.push(RowProblem::new(*n, "cpr", "problem.cpr_taken"))
            }
            Some(crate::children::cpr::Clash::Hidden) => hidden = true,
            None => {}
        }
    }
    if hidden {
        problems.push(RowProblem::new(
            1,
            "cpr",
            crate::children::cpr::HIDDEN_MESSAGE,
        ));
    }
    Ok(())
}

/// A dry run's report; a real run with problems is refused (422), each problem named
/// `rows[N].column`.
fn finish(report: ImportReport) -> Result<ImportReport> {
    if report.dry_run || report.problems.is_empty() {
        return Ok(report);
    }
    Err(AppError::Invalid(
        report
            .problems
            .into_iter()
            .map(|p| FieldError::new(format!("rows[{}].{}", p.row, p.column), p.said))
            .collect(),
    ))
}

/// One data row being read: its cells by column, and where its problems go.
struct Row<'a> {
    n: usize,
    header: &'a [String],
    cells: &'a [String],
    problems: &'a mut Vec<RowProblem>,
}

impl Row<'_> {
    fn problem(&mut self, column: &str, message: impl Into<Message>) {
        self.problems
            .push(RowProblem::new(self.n, column, message.into()));
    }

    fn text(&self, column: &str) -> Option<String> {
        let i = self.header.iter().position(|h| h == column)?;
        self.cells
            .get(i)
            .map(|c| c.trim().to_owned())
            .filter(|c| !c.is_empty())
    }

    fn required(&mut self, column: &str) -> Option<String> {
        let v = self.text(column);
        if v.is_none() {
            self.problem(column, "problem.required");
        }
        v
    }

    fn parsed<T: FromStr>(&mut self, column: &str) -> Option<Option<T>> {
        match self.text(column) {
            None => Some(None),
            Some(v) => match v.parse::<T>() {
                Ok(t) => Some(Some(t)),
                Err(_) => {
                    // A CPR number is never repeated back, not even a mistyped one.
                    if column == "cpr" {
                        self.problem(column, "problem.cpr");
                    } else {
                        self.problem(
                            column,
                            Message::new("problem.import_value").text("value", v),
                        );
                    }
                    None
                }
            },
        }
    }

    fn date(&mut self, column: &str) -> Option<Option<NaiveDate>> {
        match self.text(column) {
            None => Some(None),
            Some(v) => match NaiveDate::parse_from_str(&v, "%Y-%m-%d")
                .or_else(|_| NaiveDate::parse_from_str(&v, "%d-%m-%Y"))
            {
                Ok(d) if kith_domain::dates::in_range(d) => Some(Some(d)),
                Ok(_) => {
                    self.problem(column, "problem.date_range");
                    None
                }
                Err(_) => {
                    self.problem(column, Message::new("problem.import_date").text("value", v));
                    None
                }
            },
        }
    }

    fn yes_no(&mut self, column: &str) -> Option<bool> {
        match self.text(column).map(|v| v.to_lowercase()) {
            None => Some(false),
            Some(v) if ["yes", "ja", "true", "1", "x"].contains(&v.as_str()) => Some(true),
            Some(v) if ["no", "nej", "false", "0"].contains(&v.as_str()) => Some(false),
            Some(_) => {
                self.problem(column, "problem.yes_no");
                None
            }
        }
    }

    fn list(&self, column: &str) -> Vec<String> {
        self.text(column)
            .map(|v| {
                v.split([';', ','])
                    .map(|s| s.trim().to_owned())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// `code:level` pairs, e.g. `attachment:moderate; trauma:light`.
    fn levels(&mut self, column: &str) -> Option<Vec<(NeedCode, NeedLevel)>> {
        let mut out = Vec::new();
        let mut ok = true;
        for item in self.list(column) {
            let (code, level) = item.split_once(':').unwrap_or((item.as_str(), ""));
            match (
                NeedCode::parse(code.trim()),
                level.trim().parse::<NeedLevel>(),
            ) {
                (Ok(c), Ok(l)) => out.push((c, l)),
                (Err(_), _) => {
                    self.problem(
                        column,
                        Message::new("problem.unknown_need_code").text("code", code.trim()),
                    );
                    ok = false;
                }
                (_, Err(_)) => {
                    let levels = NeedLevel::ALL
                        .iter()
                        .map(|l| l.as_str())
                        .collect::<Vec<_>>()
                        .join(", ");
                    self.problem(
                        column,
                        Message::new("problem.import_level").text("levels", levels),
                    );
                    ok = false;
                }
            }
        }
        ok.then_some(out)
    }

    fn coordinates(&mut self, lat: &str, lon: &str) -> Option<Option<Coordinates>> {
        match (self.parsed::<f64>(lat)?, self.parsed::<f64>(lon)?) {
            (Some(lat), Some(lon)) => Some(Some(Coordinates { lat, lon })),
            (None, None) => Some(None),
            _ => {
                self.problem(lat, "problem.both_coordinates");
                None
            }
        }
    }

    async fn staff(&mut self, app: &App, column: &str) -> Result<Option<Option<UserId>>> {
        let Some(v) = self.text(column) else {
            return Ok(Some(None));
        };
        let Ok(email) = Email::parse(&v) else {
            self.problem(column, "problem.email");
            return Ok(None);
        };
        Ok(
            match kith_store::users::find_by_email(app.db().conn(), &email).await? {
                Some(u) => Some(Some(UserId(u.user.id))),
                None => {
                    self.problem(column, "problem.no_staff_email");
                    None
                }
            },
        )
    }

    /// Adds the rule check's field problems under their columns, except on columns that
    /// already have a problem in this row (a cell that did not parse was checked as a
    /// placeholder).
    fn absorb(&mut self, checked: Result<()>, column_of: fn(&str) -> &'static str) {
        let seen: HashSet<String> = self
            .problems
            .iter()
            .filter(|p| p.row == self.n)
            .map(|p| p.column.clone())
            .collect();
        match checked {
            Ok(()) => {}
            Err(AppError::Invalid(errors)) => {
                for FieldError { field, message } in errors {
                    let column = column_of(&field);
                    if !seen.contains(column) {
                        self.problem(column, message);
                    }
                }
            }
            Err(e) => {
                tracing::warn!(error = %e, "an import row failed unexpectedly");
                self.problem("", "problem.invalid")
            }
        }
    }
}

/// The column an input field comes from.
fn child_column(field: &str) -> &'static str {
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

fn option_column(field: &str) -> &'static str {
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
async fn child_row(app: &App, r: &mut Row<'_>) -> Result<(ChildInput, bool)> {
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
async fn option_row(app: &App, r: &mut Row<'_>) -> Result<(OptionInput, bool)> {
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
    let places = required_number::<u32>(r, "approved_places").unwrap_or(1);
    let min = required_number::<u8>(r, "age_min").unwrap_or(0);
    let max = required_number::<u8>(r, "age_max").unwrap_or(17);
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

fn required_code<T: FromStr>(r: &mut Row<'_>, column: &str) -> Option<T>
where
    T::Err: std::fmt::Display,
{
    match r.parsed::<T>(column)? {
        Some(v) => Some(v),
        None => {
            r.problem(column, "required");
            None
        }
    }
}

fn required_number<T: FromStr>(r: &mut Row<'_>, column: &str) -> Option<T>
where
    T::Err: std::fmt::Display,
{
    match r.parsed::<T>(column)? {
        Some(v) => Some(v),
        None => {
            r.problem(column, "required");
            None
        }
    }
}
