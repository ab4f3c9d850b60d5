//! Importing placement options and children from a file (issue 17, point 8): the page a
//! consultant or an adviser moves a municipality's records in with, instead of the API alone.
//! The file is checked row by row first ("Kontrollér filen" writes nothing); an import writes
//! only when no row has a problem, each problem named by row and column in the reader's words.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use kith_app::transfer::{ImportKind, ImportReport};
use kith_app::{Actor, AppError};

use super::{Ctx, PageActor, PageResult, fail};
use crate::AppState;
use crate::csrf::MAX_FORM_BYTES;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/imports", get(show))
        .route(
            "/imports/{kind}",
            post(import).layer(DefaultBodyLimit::max(MAX_FORM_BYTES)),
        )
        .route("/imports/{kind}/columns.csv", get(header_row))
}

/// What the reader may import, in the page's order.
fn kinds(actor: &Actor) -> Vec<ImportKind> {
    let mut out = Vec::new();
    if kith_app::policy::may_create_option(actor) {
        out.push(ImportKind::Options);
    }
    if kith_app::policy::may_create_child(actor) {
        out.push(ImportKind::Children);
    }
    out
}

fn code(kind: ImportKind) -> &'static str {
    match kind {
        ImportKind::Options => "options",
        ImportKind::Children => "children",
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/imports.html")]
struct ImportPage {
    ctx: Ctx,
    kinds: Vec<ImportKind>,
    /// The report of the file just sent, and its kind.
    report: Option<ImportReport>,
    /// A problem with the form itself (no file chosen).
    missing_file: Option<ImportKind>,
}

impl ImportPage {
    fn code(&self, kind: &ImportKind) -> &'static str {
        code(*kind)
    }

    /// The kind's name, what a row is, and where the imported records are listed.
    fn words(&self, kind: &ImportKind) -> (&'static str, &'static str, &'static str) {
        let t = |key| self.ctx.t(key);
        match kind {
            ImportKind::Options => (
                t("imports.options"),
                t("imports.options_lead"),
                t("imports.see_options"),
            ),
            ImportKind::Children => (
                t("imports.children"),
                t("imports.children_lead"),
                t("imports.see_children"),
            ),
        }
    }

    /// What the columns that take codes may hold, each code with its name in the reader's
    /// words ("general_foster_family: Almen plejefamilie"), and how dates and lists are written.
    fn allowed(&self, kind: &ImportKind) -> Vec<(&'static str, String)> {
        use kith_domain::{
            ApprovalAuthority, ApprovalStatus, InstitutionForm, NeedLevel, PlacementKind,
            TargetArea,
        };
        let lang = self.ctx.lang;
        let terms = |codes: Vec<(&'static str, String)>| -> String {
            codes
                .into_iter()
                .map(|(code, name)| format!("{code} ({name})"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let term_list = |all: Vec<(&'static str, &'static str)>| {
            terms(all.into_iter().map(|(c, n)| (c, n.to_owned())).collect())
        };
        let coded = |prefix: &str, all: Vec<&'static str>| {
            terms(
                all.into_iter()
                    .map(|c| (c, self.ctx.t(&format!("{prefix}.{c}")).to_owned()))
                    .collect(),
            )
        };
        let areas = term_list(
            TargetArea::ALL
                .iter()
                .map(|a| (a.as_str(), kith_text::term(lang, a)))
                .collect(),
        );
        let dates = (
            "…_on, valid_until, birth_date",
            self.ctx.t("imports.dates").to_owned(),
        );
        match kind {
            ImportKind::Options => vec![
                (
                    "kind",
                    term_list(
                        PlacementKind::ALL
                            .iter()
                            .map(|k| (k.as_str(), kith_text::term(lang, k)))
                            .collect(),
                    ),
                ),
                (
                    "institution_form",
                    term_list(
                        InstitutionForm::ALL
                            .iter()
                            .map(|f| (f.as_str(), kith_text::term(lang, f)))
                            .collect(),
                    ),
                ),
                (
                    "approval_authority",
                    coded(
                        "authority",
                        ApprovalAuthority::ALL.iter().map(|a| a.as_str()).collect(),
                    ),
                ),
                (
                    "approval_status",
                    coded(
                        "approval",
                        ApprovalStatus::ALL.iter().map(|a| a.as_str()).collect(),
                    ),
                ),
                (
                    "target_areas",
                    format!("{areas} · {}", self.ctx.t("imports.list")),
                ),
                ("age_min, age_max", self.ctx.t("imports.ages").to_owned()),
                dates,
            ],
            ImportKind::Children => vec![
                ("target_area", areas),
                (
                    "support_level",
                    coded("level", NeedLevel::ALL.iter().map(|l| l.as_str()).collect()),
                ),
                ("needs", self.ctx.t("imports.needs").to_owned()),
                dates,
            ],
        }
    }

    /// Whether the form for `kind` came back without a file.
    fn missing(&self, kind: &ImportKind) -> bool {
        self.missing_file == Some(*kind)
    }

    fn required(&self, kind: &ImportKind) -> String {
        kind.columns().0.join(", ")
    }

    fn optional(&self, kind: &ImportKind) -> String {
        kind.columns().1.join(", ")
    }

    fn problem_text(&self, p: &kith_app::transfer::RowProblem) -> String {
        self.ctx.say(&p.said)
    }

    fn count(&self, n: &usize) -> String {
        kith_text::format::integer(self.ctx.lang, i64::try_from(*n).unwrap_or(i64::MAX))
    }

    /// "Kontrol af anbringelsessteder: 12 rækker" and what came of it.
    fn outcome(&self, r: &ImportReport) -> String {
        let key = match (r.dry_run, r.problems.is_empty()) {
            (_, false) => "imports.outcome_problems",
            (true, true) => "imports.outcome_checked",
            (false, true) => "imports.outcome_created",
        };
        self.ctx.say(
            &kith_domain::Message::new(key)
                .int("rows", i64::try_from(r.rows).unwrap_or(i64::MAX))
                .int(
                    "problems",
                    i64::try_from(r.problems.len()).unwrap_or(i64::MAX),
                )
                .int(
                    "created",
                    i64::try_from(r.created.len()).unwrap_or(i64::MAX),
                ),
        )
    }
}

fn page(ctx: Ctx, actor: &Actor) -> Result<ImportPage, Response> {
    let kinds = kinds(actor);
    if kinds.is_empty() {
        return Err(fail(&ctx)(AppError::forbidden(
            "imports are for who registers records",
        )));
    }
    Ok(ImportPage {
        ctx,
        kinds,
        report: None,
        missing_file: None,
    })
}

async fn show(PageActor { actor, ctx }: PageActor) -> PageResult {
    Ok(page(ctx, &actor)?.into_response())
}

/// The header row a file of `kind` has: every column, the required ones first.
async fn header_row(PageActor { actor, ctx }: PageActor, Path(kind): Path<String>) -> PageResult {
    let kind = ImportKind::parse(&kind).map_err(fail(&ctx))?;
    if !kinds(&actor).contains(&kind) {
        return Err(fail(&ctx)(AppError::forbidden(
            "imports are for who registers records",
        )));
    }
    let (required, optional) = kind.columns();
    // Semicolons and a byte-order mark: Danish Excel opens it in columns (the import reads
    // either separator).
    let row = format!("\u{feff}{}\r\n", [required, optional].concat().join(";"));
    let disposition = format!("attachment; filename=\"kith-{}-columns.csv\"", code(kind));
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        row,
    )
        .into_response())
}

async fn import(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(kind): Path<String>,
    mut form: Multipart,
) -> PageResult {
    let kind = ImportKind::parse(&kind).map_err(fail(&ctx))?;
    let mut file = Vec::new();
    let mut dry_run = false;
    while let Some(field) = form
        .next_field()
        .await
        .map_err(|_| fail(&ctx)(AppError::invalid("file", "problem.file_unreadable")))?
    {
        match field.name() {
            Some("file") => {
                file = field
                    .bytes()
                    .await
                    .map_err(|_| fail(&ctx)(AppError::invalid("file", "problem.file_unreadable")))?
                    .to_vec();
            }
            Some("dry_run") => dry_run = true,
            _ => {}
        }
    }
    let mut p = page(ctx, &actor)?;
    if file.is_empty() {
        p.missing_file = Some(kind);
        return Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, p).into_response());
    }
    let report = match kith_app::transfer::import(s.app(), &actor, kind, &file, dry_run).await {
        Ok(report) => report,
        // Refused for its problems: the check's report lists them with the rows read.
        Err(AppError::Invalid(_)) if !dry_run => {
            kith_app::transfer::import(s.app(), &actor, kind, &file, true)
                .await
                .map_err(fail(&p.ctx))?
        }
        Err(e) => return Err(fail(&p.ctx)(e)),
    };
    let status = if report.problems.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    p.report = Some(report);
    Ok((status, p).into_response())
}
