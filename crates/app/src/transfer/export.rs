//! Exports: what the actor may read, as CSV or XLSX. Each export of child data writes one
//! audit row per child in it (action `export`), through the same mechanism as every read.
//! Free case text (a visit's observations, the child's view) is left out: an export is for
//! counting and planning, and a file travels further than a screen.

use kith_domain::{ChildId, PlacementId};
use serde::Deserialize;

use super::sheet::{Audience, Cell, Sheet};
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
    /// The placement options the reader may see (no child in them).
    Options,
    /// The proposals the reader may read.
    Proposals,
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
            ExportKind::Options => "options",
            ExportKind::Proposals => "proposals",
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
            ExportKind::Options,
            ExportKind::Proposals,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
        .ok_or_else(|| AppError::invalid("kind", "problem.export_kind"))
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
            _ => Err(AppError::invalid("format", "problem.export_format")),
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
    audience: Audience,
) -> Result<ExportFile> {
    let rows = match kind {
        ExportKind::Children => children(app, actor).await?,
        ExportKind::Placements => placements(app, actor).await?,
        ExportKind::Visits => visits(app, actor).await?,
        ExportKind::Goals => goals(app, actor).await?,
        ExportKind::Options => options(app, actor).await?,
        ExportKind::Proposals => proposals(app, actor).await?,
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
    ExportFile::of(&rows.sheet, kind.as_str(), format, app.today(), audience)
}

impl ExportFile {
    /// A sheet as a file named `kith-<name>-<day>.<format>`, the name in the reader's
    /// language for people.
    pub fn of(
        sheet: &Sheet,
        name: &str,
        format: ExportFormat,
        day: chrono::NaiveDate,
        audience: Audience,
    ) -> Result<Self> {
        let (bytes, content_type) = match format {
            ExportFormat::Csv => (sheet.to_csv(audience)?, "text/csv; charset=utf-8"),
            ExportFormat::Xlsx => (
                sheet.to_xlsx(audience)?,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ),
        };
        // A person's file is named in their words ("kith-anbringelsessteder-…"); a
        // program's by the code it asked for.
        let name = match audience {
            Audience::People(lang) => {
                kith_text::t(lang, &format!("export_sheet.{name}")).to_lowercase()
            }
            Audience::Codes => name.to_owned(),
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
            "export_column.id",
            "export_column.name",
            "export_column.birth_date",
            "export_column.target_area",
            "export_column.support_level",
            "export_column.case_adviser",
            "export_column.placement_requested_on",
            "export_column.needs_wheelchair_access",
        ],
    );
    for c in &rows {
        sheet.push(vec![
            c.id.into(),
            c.name.as_str().into(),
            c.birth_date.into(),
            Cell::term(c.target_area.0),
            Cell::word("level", c.support_level.as_str()),
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

/// The proposals the actor may read, as the proposals list shows them (the rationale, case
/// text, is left out like every free text).
async fn proposals(app: &App, actor: &Actor) -> Result<Rows> {
    let list = crate::proposals::all_summaries(app, actor).await?;
    let mut sheet = Sheet::new(
        "proposals",
        &[
            "export_column.id",
            "export_column.status",
            "export_column.children",
            "export_column.option",
            "export_column.start_date",
            "export_column.score",
            "export_column.proposer",
            "export_column.submitted_on",
        ],
    );
    let local_day =
        |t: chrono::DateTime<chrono::Utc>| t.with_timezone(&crate::TIME_ZONE).date_naive();
    for p in &list {
        let names: Vec<&str> = p.children.iter().map(|c| c.name.as_str()).collect();
        sheet.push(vec![
            p.id.0.into(),
            Cell::word("proposal_status", p.status.as_str()),
            names.join(", ").into(),
            p.option_name.as_str().into(),
            p.start_date.into(),
            p.score.into(),
            p.proposer.name.as_str().into(),
            p.submitted_at.map(local_day).into(),
        ]);
    }
    Ok(Rows {
        sheet,
        children: list
            .iter()
            .flat_map(|p| p.children.iter().map(|c| c.id))
            .collect(),
    })
}

/// The most options an export holds (a national catalogue is about 7,000).
const MAX_OPTIONS: u64 = 100_000;

/// The placement options the actor may see, as the options list shows them. They hold no child,
/// but the carers' names and addresses are personal data: the export is audited as an event.
async fn options(app: &App, actor: &Actor) -> Result<Rows> {
    let scope = policy::option_read_scope(actor);
    policy::require_some(&scope, "placement options")?;
    let conn = app.db().conn();
    let filter = kith_store::options::OptionFilter::default();
    let request = kith_store::PageRequest::first(MAX_OPTIONS);
    let page = kith_store::options::list(conn, &scope, &filter, request).await?;
    let mut sheet = Sheet::new(
        "options",
        &[
            "export_column.id",
            "export_column.name",
            "export_column.kind",
            "export_column.address",
            "export_column.approved_places",
            "export_column.free_places",
            "export_column.age_from",
            "export_column.age_to",
            "export_column.target_areas",
            "export_column.approval_status",
            "export_column.approval_valid_until",
            "export_column.consultant",
        ],
    );
    let count = page.items.len();
    for row in page.items {
        let o = crate::options::summary(row)?;
        let areas = o
            .target_areas
            .iter()
            .map(|a| (a.as_str().to_owned(), kith_text::both(*a)))
            .collect();
        sheet.push(vec![
            o.id.0.into(),
            o.name.as_str().into(),
            Cell::term(o.kind),
            o.address.as_str().into(),
            i64::from(o.approved_places).into(),
            i64::from(o.free_places).into(),
            i64::from(o.age_range.min).into(),
            i64::from(o.age_range.max).into(),
            Cell::words(areas),
            Cell::word("approval", o.approval.status.as_str()),
            o.approval.valid_until.into(),
            o.responsible_consultant.map(|s| s.name).into(),
        ]);
    }
    let detail = Some(format!("kind=options;rows={count}"));
    audit::event(
        conn,
        app,
        Some(actor.id),
        AuditAction::Export,
        "placement_option",
        None,
        detail,
    )
    .await?;
    Ok(Rows {
        sheet,
        children: vec![],
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
            "export_column.id",
            "export_column.code",
            "export_column.child_id",
            "export_column.child_name",
            "export_column.option",
            "export_column.kind",
            "export_column.form",
            "export_column.status",
            "export_column.start_date",
            "export_column.planned_end_date",
            "export_column.exit_goal",
            "export_column.end_date",
            "export_column.end_reason",
            "export_column.exit_goal_reached",
            "export_column.breakdown",
            "export_column.consultant",
            "export_column.adviser",
        ],
    );
    for v in &views {
        sheet.push(vec![
            v.id.0.into(),
            v.code.as_str().into(),
            v.child.id.0.into(),
            v.child.name.as_str().into(),
            v.option_name.as_str().into(),
            Cell::term(v.kind),
            Cell::word("form", v.kind.form().as_str()),
            Cell::word("placement_status", v.status.as_str()),
            v.start_date.into(),
            v.planned_end_date.into(),
            v.exit_goal
                .map_or(Cell::Empty, |g| Cell::word("exit_goal", g.as_str())),
            v.end_date.into(),
            v.end_reason
                .map_or(Cell::Empty, |r| Cell::word("end_reason", r.as_str())),
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
            "export_column.id",
            "export_column.placement",
            "export_column.visit_kind",
            "export_column.status",
            "export_column.due_on",
            "export_column.opens_on",
            "export_column.closes_on",
            "export_column.planned_on",
            "export_column.assignee",
            "export_column.held_on",
            "export_column.child_seen_alone",
            "export_column.cancel_reason",
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
            Cell::term(v.kind.0),
            Cell::word("visit_status", v.status.as_str()),
            v.due_on.into(),
            v.opens_on.into(),
            v.closes_on.into(),
            v.planned_on.into(),
            staff.get(&v.assignee_id).map(|s| s.name.clone()).into(),
            v.held_on.into(),
            v.child_seen_alone.into(),
            v.cancel_reason
                .map_or(Cell::Empty, |r| Cell::word("cancel_reason", r.as_str())),
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
            "export_column.goal_id",
            "export_column.placement",
            "export_column.area",
            "export_column.text",
            "export_column.measure",
            "export_column.unit",
            "export_column.baseline",
            "export_column.target",
            "export_column.parties",
            "export_column.due_on",
            "export_column.status",
            "export_column.closed_on",
            "export_column.revises_id",
            "export_column.progress_on",
            "export_column.value",
            "export_column.note",
            "export_column.child_took_part",
            "export_column.parents_took_part",
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
            let parties = Cell::words(
                g.parties
                    .iter()
                    .map(|p| (p.as_str().to_owned(), kith_text::both(*p)))
                    .collect(),
            );
            let goal_cells = vec![
                g.id.0.into(),
                code.as_str().into(),
                Cell::term(g.area),
                g.text.as_str().into(),
                Cell::key(kind),
                unit,
                baseline,
                target,
                parties,
                g.due_on.into(),
                Cell::word("goal_status", g.status.as_str()),
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
            "export_measure.scale",
            Cell::Empty,
            f64::from(*baseline).into(),
            f64::from(*target).into(),
        ),
        Measure::Number {
            unit,
            baseline,
            target,
        } => (
            "export_measure.number",
            unit.as_str().into(),
            (*baseline).into(),
            (*target).into(),
        ),
        Measure::YesNo => (
            "export_measure.yes_no",
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
        ),
    }
}

/// The dashboard as figure/value rows, figures rounded as the dashboard shows them.
fn figures(d: &Dashboard) -> Sheet {
    let mut s = Sheet::new(
        "dashboard",
        &["export_column.figure", "export_column.value"],
    );
    let mut add = |figure: Cell, v: Cell| s.push(vec![figure, v]);
    let days = |x: Option<f64>| x.map_or(Cell::Empty, |x| Cell::Decimal(x, 0));
    let pct = |x: Option<f64>| x.map_or(Cell::Empty, |x| Cell::Decimal(x, 1));
    let rate = |x: Option<f64>| x.map_or(Cell::Empty, |x| Cell::Decimal(x, 2));
    let count = |n: usize| Cell::Number(n as f64);
    add(figure("export_figure.from"), d.from.into());
    add(figure("export_figure.to"), d.to.into());
    add(
        figure("export_figure.request_to_proposal_median_days"),
        days(d.request_to_proposal.median_days),
    );
    add(
        figure("export_figure.proposal_to_decision_median_days"),
        days(d.proposal_to_decision.median_days),
    );
    add(
        figure("export_figure.decision_to_start_median_days"),
        days(d.decision_to_start.median_days),
    );
    for f in &d.forms {
        add(form_figure("current", f.form), count(f.current));
        add(form_figure("started", f.form), count(f.started));
    }
    add(figure("export_figure.visits_held"), count(d.visits_held));
    add(
        figure("export_figure.visits_within_window_pct"),
        pct(d.visits_within_window_pct),
    );
    add(
        figure("export_figure.seen_alone_pct"),
        pct(d.seen_alone_pct),
    );
    add(
        figure("export_figure.overdue_visits"),
        count(d.overdue_visits),
    );
    add(
        figure("export_figure.overdue_reviews"),
        count(d.overdue_reviews),
    );
    add(
        figure("export_figure.stays_past_planned_end"),
        count(d.stays_past_planned_end),
    );
    add(
        figure("export_figure.stay_median_days"),
        days(d.stay_median_days),
    );
    add(
        figure("export_figure.stay_median_planned_days"),
        days(d.stay_median_planned_days),
    );
    add(
        figure("export_figure.exit_goal_reached_pct"),
        pct(d.exit_goal_reached_pct),
    );
    add(
        figure("export_figure.goals_with_recent_progress_pct"),
        pct(d.goals_with_recent_progress_pct),
    );
    add(
        figure("export_figure.goals_achieved_pct"),
        pct(d.goals_achieved_pct),
    );
    add(
        figure("export_figure.consultant_changes_per_placement_year"),
        rate(d.consultant_changes_per_placement_year),
    );
    add(
        figure("export_figure.adviser_changes_per_placement_year"),
        rate(d.adviser_changes_per_placement_year),
    );
    add(
        figure("export_figure.breakdowns_per_100_placement_years"),
        rate(d.breakdowns_per_100_placement_years),
    );
    let st = &d.stability;
    add(
        figure("export_figure.moves_per_1000_days"),
        rate(st.moves_per_1000_days),
    );
    add(
        figure("export_figure.three_or_more_placements_pct"),
        pct(st.three_or_more_placements_pct),
    );
    add(
        figure("export_figure.same_carer_two_years_pct"),
        pct(st.same_carer_two_years_pct),
    );
    add(
        figure("export_figure.breakdowns_first_year"),
        count(st.breakdowns_first_year),
    );
    add(
        figure("export_figure.adviser_changes_per_child"),
        rate(st.adviser_changes_per_child),
    );
    s
}

/// A dashboard figure's name by its catalogue key `export_figure.<code>`.
fn figure(key: &'static str) -> Cell {
    Cell::key(key)
}

/// A figure per placement form: `current_network`, "Anbringelser nu: Netværkspleje".
fn form_figure(which: &str, form: kith_domain::PlacementForm) -> Cell {
    let key = if which == "current" {
        "export_figure.current"
    } else {
        "export_figure.started"
    };
    let words = |lang| {
        format!(
            "{}: {}",
            kith_text::t(lang, key),
            kith_text::t(lang, &format!("form.{}", form.as_str()))
        )
    };
    Cell::Word {
        code: format!("{which}_{}", form.as_str()),
        words: kith_domain::Bilingual::new(
            words(kith_domain::Lang::Da),
            words(kith_domain::Lang::En),
        ),
    }
}
