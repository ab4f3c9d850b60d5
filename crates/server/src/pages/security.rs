//! Pages for passwords, sessions, tokens and the audit trail: a person changes their own
//! password and logs out everywhere (on `/me`); an administrator sends a reset link, ends a
//! user's sessions and revokes their tokens (on the user's page); anyone with a reset link
//! sets a new password; leaders and the auditor read the audit trail.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use kith_app::audit_view::{AuditEntryView, AuditParams};
use kith_app::credentials::{ChangePasswordInput, ResetPasswordInput};
use kith_app::{AppError, Paged};
use kith_domain::{TokenId, UserId};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use tower_sessions::Session;

use super::ctx::PageQuery;
use super::form::Form;
use super::{AnonCtx, Ctx, FormProblem, PageActor, PageResult, fail, see_other, submit};
use crate::AppState;
use crate::extract::ClientIp;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/me/password", post(change_password))
        .route("/me/sessions/end", post(end_my_sessions))
        .route("/password-reset/{token}", get(reset_form).post(reset))
        .route("/admin/users/{id}/password-reset", post(send_reset))
        .route("/admin/users/{id}/sessions/end", post(end_sessions))
        .route(
            "/admin/users/{id}/identities/unlink",
            post(unlink_identities),
        )
        .route(
            "/admin/users/{id}/tokens/{token}/revoke",
            post(revoke_token),
        )
        .route("/audit", get(audit))
}

/// Changing one's own password. Without `Debug`: it holds passwords.
#[derive(Deserialize)]
struct ChangePasswordForm {
    #[serde(default = "no_password")]
    current_password: SecretString,
    #[serde(default = "no_password")]
    new_password: SecretString,
}

/// A new password through a reset link, typed twice. Without `Debug`: it holds passwords.
#[derive(Deserialize)]
struct ResetForm {
    #[serde(default = "no_password")]
    new_password: SecretString,
    #[serde(default = "no_password")]
    repeat_password: SecretString,
}

/// A password field left out of the body: empty, so the input's own rule names it.
pub(super) fn no_password() -> SecretString {
    SecretString::from("")
}

/// A password as the pages have always taken it: without spaces around it (a password set
/// on a page was stored so, and signing in on a page trims it the same way).
pub(super) fn trimmed(password: &SecretString) -> SecretString {
    SecretString::from(password.expose_secret().trim())
}

async fn change_password(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    ClientIp(source): ClientIp,
    session: Session,
    Form(f): Form<ChangePasswordForm>,
) -> PageResult {
    let input = ChangePasswordInput {
        current_password: trimmed(&f.current_password),
        new_password: trimmed(&f.new_password),
    };
    let change =
        |i: ChangePasswordInput| kith_app::credentials::change_own(s.app(), &actor, i, source);
    match submit(&ctx, Ok(input), change).await? {
        Ok(()) => {
            // Every other session ended; this one goes on under a new id.
            crate::web_session::start(&session, actor.id)
                .await
                .map_err(|e| super::error_page(&ctx, crate::session_store::app_error(&e)))?;
            Ok(see_other("/me?password=changed"))
        }
        Err(problems) => super::me::page_with_problems(&s, &actor, ctx, problems).await,
    }
}

async fn end_my_sessions(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
) -> PageResult {
    kith_app::users::end_sessions(s.app(), &actor, actor.id)
        .await
        .map_err(fail(&ctx))?;
    Ok(see_other("/login"))
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/password_reset.html")]
struct ResetPage {
    ctx: Ctx,
    token: String,
    open: bool,
    problems: Vec<FormProblem>,
}

impl ResetPage {
    fn problem(&self, field: &str) -> Option<&str> {
        super::problem_for(&self.problems, field)
    }
}

async fn reset_form(
    State(s): State<AppState>,
    AnonCtx(ctx): AnonCtx,
    Path(token): Path<String>,
) -> PageResult {
    let open = kith_app::credentials::reset_is_open(s.app(), &token)
        .await
        .map_err(fail(&ctx))?;
    let status = if open {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::NOT_FOUND
    };
    Ok((
        status,
        ResetPage {
            ctx,
            token,
            open,
            problems: vec![],
        },
    )
        .into_response())
}

async fn reset(
    State(s): State<AppState>,
    AnonCtx(ctx): AnonCtx,
    Path(token): Path<String>,
    Form(f): Form<ResetForm>,
) -> PageResult {
    let new_password = trimmed(&f.new_password);
    if new_password.expose_secret() != trimmed(&f.repeat_password).expose_secret() {
        let problems = vec![FormProblem::new(
            &ctx,
            "repeat_password".into(),
            ctx.t("password.mismatch").into(),
        )];
        return Ok((
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            ResetPage {
                ctx,
                token,
                open: true,
                problems,
            },
        )
            .into_response());
    }
    let input = ResetPasswordInput {
        token: token.clone().into(),
        new_password,
    };
    match kith_app::credentials::use_reset(s.app(), input).await {
        Ok(()) => Ok(see_other("/login?reset=done")),
        Err(AppError::NotFound(_)) => Ok((
            axum::http::StatusCode::NOT_FOUND,
            ResetPage {
                ctx,
                token,
                open: false,
                problems: vec![],
            },
        )
            .into_response()),
        Err(e) => {
            let problems = super::form_problems(&ctx, e)?;
            Ok((
                axum::http::StatusCode::UNPROCESSABLE_ENTITY,
                ResetPage {
                    ctx,
                    token,
                    open: true,
                    problems,
                },
            )
                .into_response())
        }
    }
}

/// After an administrator's action on a user: back to the user's page (with what was done in
/// `note`), or the page that says why it was refused.
fn back_to_user<T>(ctx: &Ctx, done: Result<T, AppError>, id: i64, note: &str) -> PageResult {
    done.map_err(fail(ctx))?;
    Ok(see_other(&format!("/admin/users/{id}{note}")))
}

async fn send_reset(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
) -> PageResult {
    let done = kith_app::credentials::send_reset(s.app(), &actor, UserId(id)).await;
    back_to_user(&ctx, done, id, "?reset=sent")
}

async fn end_sessions(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
) -> PageResult {
    let done = kith_app::users::end_sessions(s.app(), &actor, UserId(id)).await;
    back_to_user(&ctx, done, id, "?sessions=ended")
}

async fn unlink_identities(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
) -> PageResult {
    let done = kith_app::sign_in::identities::unlink(s.app(), &actor, UserId(id)).await;
    back_to_user(&ctx, done, id, "?identities=unlinked")
}

async fn revoke_token(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path((id, token)): Path<(i64, i64)>,
) -> PageResult {
    let done = kith_app::tokens::revoke_of_user(s.app(), &actor, UserId(id), TokenId(token)).await;
    back_to_user(&ctx, done, id, "")
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/audit.html")]
struct AuditPage {
    ctx: Ctx,
    q: AuditParams,
    page: Paged<AuditEntryView>,
    actions: Vec<(&'static str, bool)>,
    /// The filter as a query string (for the export links and the next page).
    query: String,
}

impl AuditPage {
    fn time(&self, e: &AuditEntryView) -> String {
        e.at.with_timezone(&kith_app::TIME_ZONE)
            .format("%d.%m.%Y %H:%M")
            .to_string()
    }

    fn actor_value(&self) -> String {
        self.q.actor.map(|a| a.0.to_string()).unwrap_or_default()
    }

    fn child_value(&self) -> String {
        self.q.child.map(|c| c.0.to_string()).unwrap_or_default()
    }

    fn actor_of(&self, e: &AuditEntryView) -> String {
        e.actor.map(|a| a.0.to_string()).unwrap_or_default()
    }

    /// An audit action in words: `child.read` is "Barn læst".
    fn action(&self, code: &str) -> String {
        self.word("audit_action", &code.replace('.', "_"), code)
    }

    /// What an entry is about, in words: `placement` is "Anbringelse".
    fn entity(&self, code: &str) -> String {
        self.word("audit_entity", code, code)
    }

    /// The catalogue's word for `area.code`, or `fallback` for a code the catalogue does not
    /// know (an older row); the app's test keeps every action and entity in the catalogue.
    fn word(&self, area: &str, code: &str, fallback: &str) -> String {
        let key = format!("{area}.{code}");
        if kith_text::has(&key) {
            self.ctx.t(&key).to_owned()
        } else {
            fallback.to_owned()
        }
    }

    fn is_action(&self, code: &str) -> bool {
        self.q.action.as_deref() == Some(code)
    }
}

fn query_of(q: &AuditParams) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    if let Some(a) = q.actor {
        s.append_pair("actor", &a.0.to_string());
    }
    if let Some(c) = q.child {
        s.append_pair("child", &c.0.to_string());
    }
    if let Some(f) = q.from {
        s.append_pair("from", &f.to_string());
    }
    if let Some(t) = q.to {
        s.append_pair("to", &t.to_string());
    }
    if let Some(a) = &q.action {
        s.append_pair("action", a);
    }
    s.finish()
}

async fn audit(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    PageQuery(q): PageQuery<AuditParams>,
) -> PageResult {
    let page = kith_app::audit_view::list(s.app(), &actor, &q)
        .await
        .map_err(fail(&ctx))?;
    Ok(AuditPage {
        ctx,
        query: query_of(&q),
        q,
        page,
        actions: kith_app::audit_view::action_codes(),
    }
    .into_response())
}
