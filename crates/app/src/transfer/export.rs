//! Exports: what the actor may read, as CSV or XLSX. Each export of child data writes one
//! audit row per child in it (action `export`), through the same mechanism as every read.
//! Free case text (a visit's observations, the child's view) is left out: an export is for
//! counting and planning, and a file travels further than a screen.

use kith_domain::{ChildId, PlacementId};
use serde::Deserialize;

use super::sheet::{Cell, Sheet};
use crate::audit::{self, AuditAction, ChildData};
use crate::dashboard::{Dashboard, DashboardParams};
use crate::goals::goal_views;
use crate::{Actor, App, AppError, Result, policy};

/// What can be exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExportKind {
    Children,
    Placements,
    Visits,
    Goals,
    Dashboard,
}

impl ExportKind {
    /// The kind's name in URLs and file names.
    pub fn as_str(self) -> &'static str {
        match self {
            ExportKind::Children => "children",
            ExportKind::Placements => "placements",
            ExportKind::Visits => "visits",
            ExportKind::Goals => "goals",
            ExportKind::Dashboard => "dashboard",
        }
    }

    /// The kind named in a URL.
    pub fn parse(s: &str) -> Result<Self> {
        [
            ExportKind::Children,
            ExportKind::Placements,
            ExportKind::Visits,
            ExportKind::Goals,
            ExportKind::Dashboard,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
        .ok_or_else(|| {
            AppError::invalid(
                "kind",
                "one of children, placements, visits, goals, dashboard",
            )
        })
    }
}

/// The file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Xlsx,
}

impl ExportFormat {
    /// The file extension.
    pub fn as_str(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Xlsx => "xlsx",
        }
    }

    /// The format named by a file extension.
    pub fn parse(s: &str) -> Result<Self> {
        match s {
            "csv" => Ok(ExportFormat::Csv),
            "xlsx" => Ok(ExportFormat::Xlsx),
            _ => Err(AppError::invalid("format", "csv or xlsx")),
        }
    }
}

/// A file to download.
#[derive(Debug, Clone)]
pub struct ExportFile {
    pub filename: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

/// The rows of an export and the children they hold (for the audit).
struct Rows {
    sheet: Sheet,
    children: Vec<ChildId>,
}

impl ChildData for Rows {
    fn child_ids(&self) -> Vec<ChildId> {
        self.children.clone()
    }
}

/// Builds an export the actor may have, audited. `params` filter the dashboard kind.
pub async fn export(
    app: &App,
    actor: &Actor,
    kind: ExportKind,
    format: ExportFormat,
    // For the dashboard kind: the same filters as the dashboard.
    params: &DashboardParams,
) -> Result<ExportFile> {
    let rows = match kind {
        ExportKind::Children => children(app, actor).await?,
        ExportKind::Placements => placements(app, actor).await?,
        ExportKind::Visits => visits(app, actor).await?,
        ExportKind::Goals => goals(app, actor).await?,
        ExportKind::Dashboard => Rows {
            sheet: figures(&crate::dashboard::dashboard(app, actor, params).await?),
            children: vec![],
        },
    };
    let rows = if rows.children.is_empty() {
        rows
    } else {
        audit::read(app, actor, AuditAction::Export, rows).await?
    };
    ExportFile::of(&rows.sheet, kind.as_str(), format, app.today())
}

impl ExportFile {
    /// A sheet as a file named `kith-<name>-<day>.<format>`.
    pub fn of(
        sheet: &Sheet,
        name: &str,
        format: ExportFormat,
        day: chrono::NaiveDate,
    ) -> Result<Self> {
        let (bytes, content_type) = match format {
            ExportFormat::Csv => (sheet.to_csv()?, "text/csv; charset=utf-8"),
            ExportFormat::Xlsx => (
                sheet.to_xlsx()?,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ),
        };
        Ok(ExportFile {
            filename: format!("kith-{name}-{day}.{}", format.as_str()),
            content_type,
            bytes,
        })
    }
}

async fn children(app: &App, actor: &Actor) -> Result<Rows> {
    let scope = policy::child_read_scope(actor);
    policy::require_some(&scope, "children")?;
    let rows = kith_store::children::all_in_scope(app.db().conn(), &scope).await?;
    let advisers: Vec<i64> = rows.iter().map(|c| c.case_adviser_id).collect();
    let staff = crate::staff::refs(app, &advisers).await?;
    let mut sheet = Sheet::new(
        "children",
        &[
            "id",
            "name",
            "birth_date",
            "target_area",
            "support_level",
            "case_adviser",
            "placement_requested_on",
            "needs_wheelchair_access",
        ],
    );
    for c in &rows {
        sheet.push(vec![
            c.id.into(),
            c.name.as_str().into(),
            c.birth_date.into(),
            c.target_area.as_str().into(),
            c.support_level.as_str().into(),
            staff.get(&c.case_adviser_id).map(|s| s.name.clone()).into(),
            c.placement_requested_on.into(),
            c.needs_wheelchair_access.into(),
        ]);
    }
    Ok(Rows {
        sheet,
        children: rows.iter().map(|c| ChildId(c.id)).collect(),
    })
}

async fn placements(app: &App, actor: &Actor) -> Result<Rows> {
    let scope = policy::follow_up_child_scope(actor);
    policy::require_some(&scope, "placements")?;
    let rows = kith_store::placements::all_in_scope(app.db().conn(), &scope).await?;
    let views = crate::placements::views_of(app, rows).await?;
    let mut sheet = Sheet::new(
        "placements",
        &[
            "id",
            "code",
            "child_id",
            "child_name",
            "option",
            "kind",
            "form",
            "status",
            "start_date",
            "planned_end_date",
            "exit_goal",
            "end_date",
            "end_reason",
            "exit_goal_reached",
            "breakdown",
            "consultant",
            "adviser",
        ],
    );
    for v in &views {
        sheet.push(vec![
            v.id.0.into(),
            v.code.as_str().into(),
            v.child.id.0.into(),
            v.child.name.as_str().into(),
            v.option_name.as_str().into(),
            v.kind.as_str().into(),
            v.kind.form().as_str().into(),
            v.status.as_str().into(),
            v.start_date.into(),
            v.planned_end_date.into(),
            v.exit_goal.map(|g| g.as_str()).into(),
            v.end_date.into(),
            v.end_reason.map(|r| r.as_str()).into(),
            v.exit_goal_reached.into(),
            v.breakdown.into(),
            v.consultant.as_ref().map(|s| s.name.clone()).into(),
            v.adviser.as_ref().map(|s| s.name.clone()).into(),
        ]);
    }
    Ok(Rows {
        sheet,
        children: views.iter().map(|v| v.child.id).collect(),
    })
}

async fn visits(app: &App, actor: &Actor) -> Result<Rows> {
    let scope = policy::visit_scope(actor);
    policy::require_some(&scope, "visits")?;
    let conn = app.db().conn();
    let rows = kith_store::visits::all_in_scope(conn, &scope).await?;
    let ids: Vec<i64> = rows.iter().map(|v| v.placement_id).collect();
    let refs = crate::wheel::views::placement_refs(conn, &ids).await?;
    let people: Vec<i64> = rows.iter().map(|v| v.assignee_id).collect();
    let staff = crate::staff::refs(app, &people).await?;
    let mut sheet = Sheet::new(
        "visits",
        &[
            "id",
            "placement",
            "kind",
            "status",
            "due_on",
            "opens_on",
            "closes_on",
            "planned_on",
            "assignee",
            "held_on",
            "child_seen_alone",
            "cancel_reason",
        ],
    );
    let mut children = Vec::new();
    for v in &rows {
        let r = refs.get(&v.placement_id);
        if let Some(r) = r {
            children.push(r.child_id);
        }
        sheet.push(vec![
            v.id.into(),
            r.map(|r| r.code.clone()).into(),
            v.kind.as_str().into(),
            v.status.as_str().into(),
            v.due_on.into(),
            v.opens_on.into(),
            v.closes_on.into(),
            v.planned_on.into(),
            staff.get(&v.assignee_id).map(|s| s.name.clone()).into(),
            v.held_on.into(),
            v.child_seen_alone.into(),
            v.cancel_reason.clone().into(),
        ]);
    }
    Ok(Rows { sheet, children })
}

async fn goals(app: &App, actor: &Actor) -> Result<Rows> {
    let scope = policy::follow_up_child_scope(actor);
    policy::require_some(&scope, "goals")?;
    let conn = app.db().conn();
    let placements = kith_store::placements::all_in_scope(conn, &scope).await?;
    let ids: Vec<i64> = placements.iter().map(|p| p.id).collect();
    let goals = kith_store::goals::of_placements(conn, &ids).await?;
    let mut sheet = Sheet::new(
        "goals",
        &[
            "goal_id",
            "placement",
            "area",
            "text",
            "measure",
            "unit",
            "baseline",
            "target",
            "parties",
            "due_on",
            "status",
            "closed_on",
            "revises_id",
            "progress_on",
            "value",
            "note",
            "child_took_part",
            "parents_took_part",
        ],
    );
    let mut children = Vec::new();
    for p in &placements {
        let mine: Vec<_> = goals
            .iter()
            .filter(|g| g.placement_id == p.id)
            .cloned()
            .collect();
        if mine.is_empty() {
            continue;
        }
        children.push(ChildId(p.child_id));
        let code = crate::wheel::placement_code(PlacementId(p.id));
        for g in goal_views(app, p.child_id, mine).await? {
            let (kind, unit, baseline, target) = measure_cells(&g.measure);
            let parties: Vec<&str> = g.parties.iter().map(|p| p.as_str()).collect();
            let goal_cells = vec![
                g.id.0.into(),
                code.as_str().into(),
                g.area.as_str().into(),
                g.text.as_str().into(),
                kind.into(),
                unit,
                baseline,
                target,
                parties.join("; ").into(),
                g.due_on.into(),
                g.status.as_str().into(),
                g.closed_on.into(),
                g.revises_id.map(|r| r.0).into(),
            ];
            if g.progress.is_empty() {
                let mut row = goal_cells.clone();
                row.extend([
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Empty,
                ]);
                sheet.push(row);
            }
            for e in &g.progress {
                let mut row = goal_cells.clone();
                row.extend([
                    e.recorded_on.into(),
                    match e.value {
                        kith_domain::goals::ProgressValue::Amount(a) => a.into(),
                        kith_domain::goals::ProgressValue::Reached(r) => r.into(),
                    },
                    e.note.clone().into(),
                    e.child_took_part.into(),
                    e.parents_took_part.into(),
                ]);
                sheet.push(row);
            }
        }
    }
    Ok(Rows { sheet, children })
}

fn measure_cells(m: &kith_domain::goals::Measure) -> (&'static str, Cell, Cell, Cell) {
    use kith_domain::goals::Measure;
    match m {
        Measure::Scale { baseline, target } => (
            "scale",
            Cell::Empty,
            f64::from(*baseline).into(),
            f64::from(*target).into(),
        ),
        Measure::Number {
            unit,
            baseline,
            target,
        } => (
            "number",
            unit.as_str().into(),
            (*baseline).into(),
            (*target).into(),
        ),
        Measure::YesNo => ("yes_no", Cell::Empty, Cell::Empty, Cell::Empty),
    }
}

/// The dashboard as figure/value rows.
fn figures(d: &Dashboard) -> Sheet {
    let mut s = Sheet::new("dashboard", &["figure", "value"]);
    let mut add = |name: String, v: Cell| s.push(vec![name.into(), v]);
    add("from".into(), d.from.into());
    add("to".into(), d.to.into());
    add(
        "request_to_proposal_median_days".into(),
        d.request_to_proposal.median_days.into(),
    );
    add(
        "proposal_to_decision_median_days".into(),
        d.proposal_to_decision.median_days.into(),
    );
    add(
        "decision_to_start_median_days".into(),
        d.decision_to_start.median_days.into(),
    );
    for f in &d.forms {
        add(
            format!("current_{}", f.form.as_str()),
            (f.current as i64).into(),
        );
        add(
            format!("started_{}", f.form.as_str()),
            (f.started as i64).into(),
        );
    }
    add("visits_held".into(), (d.visits_held as i64).into());
    add(
        "visits_within_window_pct".into(),
        d.visits_within_window_pct.into(),
    );
    add("seen_alone_pct".into(), d.seen_alone_pct.into());
    add("overdue_visits".into(), (d.overdue_visits as i64).into());
    add("overdue_reviews".into(), (d.overdue_reviews as i64).into());
    add(
        "stays_past_planned_end".into(),
        (d.stays_past_planned_end as i64).into(),
    );
    add("stay_median_days".into(), d.stay_median_days.into());
    add(
        "stay_median_planned_days".into(),
        d.stay_median_planned_days.into(),
    );
    add(
        "exit_goal_reached_pct".into(),
        d.exit_goal_reached_pct.into(),
    );
    add(
        "goals_with_recent_progress_pct".into(),
        d.goals_with_recent_progress_pct.into(),
    );
    add("goals_achieved_pct".into(), d.goals_achieved_pct.into());
    add(
        "consultant_changes_per_placement_year".into(),
        d.consultant_changes_per_placement_year.into(),
    );
    add(
        "adviser_changes_per_placement_year".into(),
        d.adviser_changes_per_placement_year.into(),
    );
    add(
        "breakdowns_per_100_placement_years".into(),
        d.breakdowns_per_100_placement_years.into(),
    );
    s
}
