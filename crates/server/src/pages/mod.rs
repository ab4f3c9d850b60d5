//! The HTML pages (askama templates with htmx). They call the same `kith-app` functions as
//! the API; a page has no logic of its own beyond turning a form into an input and a result
//! into HTML.

// A page handler's error is itself a page (an HTTP response); boxing it would only add noise.
#![allow(clippy::result_large_err)]

mod admin;
mod agreement_rows;
mod allocations;
mod children;
mod cover;
pub mod ctx;
mod documents;
mod drafts;
pub mod form;
mod household;
mod imports;
mod login;
mod matching;
mod me;
mod momentum;
mod needs;
mod options;
mod placements;
mod plan;
mod rules;
mod search_words;
mod security;
mod sign_in;
mod team;
mod visits;

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use kith_app::AppError;
use kith_domain::{Role, UnitKind};

pub use ctx::{AnonCtx, Ctx, PageActor};
pub(crate) use login::safe_next;

use crate::AppState;

/// Every page route.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/login", get(login::form).post(login::submit))
        .route("/logout", post(login::logout))
        .route("/login/oidc/{provider}", get(sign_in::start))
        .route("/login/oidc/{provider}/callback", get(sign_in::callback))
        .route("/lang", post(login::switch_language))
        .merge(children::router())
        .merge(options::router())
        .merge(household::router())
        .merge(matching::router())
        .merge(allocations::router())
        .merge(imports::router())
        .merge(admin::router())
        .merge(rules::router())
        .merge(needs::router())
        .merge(visits::router())
        .merge(drafts::router())
        .merge(documents::router())
        .merge(placements::router())
        .merge(plan::router())
        .merge(team::router())
        .merge(me::router())
        .merge(cover::router())
        .merge(momentum::router())
        .merge(security::router())
}

/// The start page: each role lands where its daily work is.
async fn home(PageActor { actor, .. }: PageActor) -> Redirect {
    let target = if actor.has(Role::Matcher) {
        "/children?placement_requested=true"
    } else if actor.has(Role::Adviser) {
        "/caseload"
    } else if actor.has(Role::Leader) && actor.in_unit_of_kind(UnitKind::MatchUnit) {
        // The match unit's leader decides proposals; its dashboard has no placements to count.
        "/proposals?status=submitted"
    } else if actor.has(Role::Leader) {
        "/dashboard"
    } else if actor.has(Role::Consultant) {
        "/week"
    } else if actor.has(Role::Admin) {
        "/admin/users"
    } else if actor.has(Role::Auditor) {
        "/audit"
    } else {
        "/children"
    };
    Redirect::to(target)
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/error.html")]
struct ErrorPage {
    ctx: Ctx,
    status: u16,
    title: &'static str,
    message: String,
    /// A page asked with a filter that does not read: what is wrong with each, and the way
    /// back to the page without them.
    filters: Vec<FormProblem>,
}

/// The identity providers' back-channel logout, outside the pages' CSRF guard: the provider
/// posts it server to server.
pub fn backchannel_router() -> Router<AppState> {
    Router::new().route(
        "/login/oidc/{provider}/backchannel-logout",
        axum::routing::post(sign_in::backchannel),
    )
}

/// A page for an error from `kith-app` (a login redirect for 401). The status and the words
/// are the API's problem document's (one mapping, `crate::error`); the page's title is the
/// page catalogue's for the same kind of problem (`error.not_found`: "Siden findes ikke").
pub fn error_page(ctx: &Ctx, e: AppError) -> Response {
    if matches!(e, AppError::Unauthenticated) {
        return Redirect::to("/login").into_response();
    }
    crate::error::log_server_error(&e);
    let (status, problem) = crate::ApiError(e).problem_in(ctx.lang);
    let slug = problem
        .kind
        .rsplit(':')
        .next()
        .unwrap_or_default()
        .replace('-', "_");
    let (title, message) = (format!("error.{slug}"), problem.detail.unwrap_or_default());
    let page = ErrorPage {
        ctx: ctx.clone(),
        status: status.as_u16(),
        title: ctx.t(&title),
        message,
        filters: Vec::new(),
    };
    (status, page).into_response()
}

/// The page for a form refused because it did not carry Kith's token (sent from elsewhere,
/// or from a page opened before the person signed in again): what happened and what to do.
pub fn expired_form_page(ctx: Ctx) -> Response {
    let page = ErrorPage {
        title: ctx.t("error.forbidden"),
        message: ctx.t("error.form_expired").to_owned(),
        status: 403,
        filters: Vec::new(),
        ctx,
    };
    (StatusCode::FORBIDDEN, page).into_response()
}

/// The page for a filter that does not read (`?from=31.02.2026`): each problem in the
/// reader's words, and a link back to the page without the filters. Never the API's JSON.
pub fn filter_page(ctx: &Ctx, e: AppError) -> Response {
    let filters = match form_problems(ctx, e) {
        Ok(filters) => filters,
        Err(page) => return page,
    };
    let page = ErrorPage {
        ctx: ctx.clone(),
        status: 422,
        title: ctx.t("error.filter"),
        message: String::new(),
        filters,
    };
    (StatusCode::UNPROCESSABLE_ENTITY, page).into_response()
}

/// The 404 page for unknown paths, in the visitor's language.
pub fn not_found_page(ctx: Ctx) -> Html<String> {
    let page = ErrorPage {
        title: ctx.t("error.not_found"),
        ctx,
        status: 404,
        message: String::new(),
        filters: Vec::new(),
    };
    Html(page.render().unwrap_or_else(|_| "Not found".to_owned()))
}

/// The result of a page handler: a page, or an error page.
pub type PageResult = Result<Response, Response>;

/// Maps an app error to its page, for `?` in page handlers.
pub fn fail(ctx: &Ctx) -> impl Fn(AppError) -> Response + '_ {
    move |e| error_page(ctx, e)
}

/// A validation problem shown on a form: the field's path and the message in the page's
/// language; next to the field the message is enough, in the summary at the top the field's
/// name goes before it.
#[derive(Debug, Clone)]
pub struct FormProblem {
    pub field: String,
    pub message: String,
    /// "Navn: " for the summary, from the catalogue's `field.<name>`; empty for a field the
    /// catalogue does not name.
    pub label: String,
    /// The id of the form element the summary links to; the field's name unless the page
    /// names its inputs otherwise (see [`FormProblem::at`]).
    pub anchor: String,
}

impl FormProblem {
    /// A problem with `field`, saying `message`, in the language of `ctx`.
    pub fn new(ctx: &Ctx, field: String, message: String) -> Self {
        let first = field
            .split(['.', '['])
            .next()
            .unwrap_or_default()
            .to_owned();
        let key = format!("field.{first}");
        let label = if kith_text::has(&key) {
            format!("{}: ", ctx.t(&key))
        } else {
            String::new()
        };
        let anchor = field
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .collect::<String>()
            .trim_end_matches('_')
            .to_owned();
        Self {
            field,
            message,
            label,
            anchor,
        }
    }

    /// The same problem, linked from the summary to the element with id `anchor`: for a page
    /// whose inputs are not named as the fields (`value-12` for a goal's value).
    pub fn at(mut self, anchor: String) -> Self {
        self.anchor = anchor;
        self
    }
}

/// Turns an app error into form problems, or into an error page when it is not about fields.
pub fn form_problems(ctx: &Ctx, e: AppError) -> Result<Vec<FormProblem>, Response> {
    match e {
        AppError::Invalid(errs) => Ok(errs
            .into_iter()
            .map(|e| FormProblem::new(ctx, e.field, ctx.say(&e.message)))
            .collect()),
        AppError::Conflict {
            field: Some(field),
            message,
        } => Ok(vec![FormProblem::new(ctx, field, ctx.say(&message))]),
        other => Err(error_page(ctx, other)),
    }
}

/// Runs a form submission: the input parsed from the form, then the use case. A field problem
/// (from either step) comes back as `Ok(Err(problems))` for the form to show; any other error
/// is already an error page.
pub async fn submit<I, T, Fut>(
    ctx: &Ctx,
    input: Result<I, AppError>,
    call: impl FnOnce(I) -> Fut,
) -> Result<Result<T, Vec<FormProblem>>, Response>
where
    Fut: Future<Output = Result<T, AppError>>,
{
    match form::and_then(input, call).await {
        Ok(t) => Ok(Ok(t)),
        Err(e) => Ok(Err(form_problems(ctx, e)?)),
    }
}

/// A redirect after a successful form post.
/// (code, label) pairs for a select.
pub type Choice = (String, String);

/// A vocabulary's values for a select, each with its name in the reader's language.
pub fn term_choices<T: kith_domain::Code + kith_text::Term>(ctx: &Ctx) -> Vec<Choice> {
    let name = |v: T| kith_text::term(ctx.lang, v).to_owned();
    T::all()
        .iter()
        .map(|&v| (kith_domain::Code::code(v).to_owned(), name(v)))
        .collect()
}

/// A vocabulary's values for a select, each labelled by the catalogue key `{area}.{code}`.
pub fn keyed_choices<T: kith_domain::Code>(ctx: &Ctx, area: &str) -> Vec<Choice> {
    let label = |code: &str| ctx.t(&format!("{area}.{code}")).to_owned();
    T::all()
        .iter()
        .map(|v| (v.code().to_owned(), label(v.code())))
        .collect()
}

pub fn see_other(path: &str) -> Response {
    Redirect::to(path).into_response()
}

/// A month's name shortened for a chart's axis or a table's head (`jan`, `feb`): the
/// catalogue's name, its first three letters, as Danish writes months (lower case).
pub fn month_abbr(ctx: &Ctx, month: u32) -> String {
    let name = ctx.t(&format!("month.m{month:02}"));
    name.chars().take(3).collect::<String>().to_lowercase()
}

/// The labels of months along a chart's axis: each month shortened, with its year (`jan 26`)
/// on the first and on each January, so two Decembers never look alike.
pub fn month_labels(ctx: &Ctx, months: &[(i32, u32)]) -> Vec<String> {
    months
        .iter()
        .enumerate()
        .map(|(i, (year, month))| {
            let name = month_abbr(ctx, *month);
            if i == 0 || *month == 1 {
                format!("{name} {:02}", year.rem_euclid(100))
            } else {
                name
            }
        })
        .collect()
}

/// Short names of people for their bars on a chart: the first name, with the initial of the
/// last name where two share a first name (the table beside the chart names them in full).
pub fn short_names(names: &[&str]) -> Vec<String> {
    let first = |n: &str| n.split_whitespace().next().unwrap_or("").to_owned();
    names
        .iter()
        .map(|n| {
            let shared = names.iter().filter(|m| first(m) == first(n)).count() > 1;
            match n.split_whitespace().last() {
                Some(last) if shared => {
                    format!("{} {}.", first(n), last.chars().next().unwrap_or(' '))
                }
                _ => first(n),
            }
        })
        .collect()
}

/// The status of a page that shows a form: 422 when it comes back with problems.
pub fn form_status(problems: &[FormProblem]) -> StatusCode {
    if problems.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    }
}

/// Whether a form problem concerns `field` (or something inside it).
pub fn problem_for<'a>(problems: &'a [FormProblem], field: &str) -> Option<&'a str> {
    problems
        .iter()
        .find(|p| {
            p.field == field
                || p.field.starts_with(&format!("{field}."))
                || p.field.starts_with(&format!("{field}["))
        })
        .map(|p| p.message.as_str())
}

#[cfg(test)]
mod chart_label_tests {
    use super::short_names;

    #[test]
    fn people_are_named_by_first_name_and_told_apart_where_two_share_it() {
        let names = [
            "Kim Vestergaard",
            "Kasper Vestergaard",
            "Kim Hansen",
            "Anna Berg",
        ];
        assert_eq!(short_names(&names), ["Kim V.", "Kasper", "Kim H.", "Anna"]);
    }
}
