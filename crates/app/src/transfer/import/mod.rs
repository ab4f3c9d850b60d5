//! Imports of placement options and children from CSV or XLSX, for moving a municipality's
//! records into Kith. Every row is read and checked with the same rules as the API before
//! anything is written; a dry run stops there and lists every problem by row and column. A real
//! run writes only when no row has a problem, then creates the rows one by one through the
//! ordinary use cases (so each is audited like any other).

mod row;
use row::*;
mod records;
use records::*;

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

    /// The columns a file must have, and those it may have (the header row's codes).
    pub fn columns(self) -> (&'static [&'static str], &'static [&'static str]) {
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
