//! The week, the team's year, people's room for visits, and calendar addresses.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::NaiveDate;
use kith_app::wheel::availability::{AvailabilityInput, AvailabilityView};
use kith_app::wheel::calendar::CalendarLink;
use kith_app::wheel::team::TeamYear;
use kith_app::wheel::week::WeekView;
use kith_domain::{UnitId, UserId};
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::AppState;
use crate::error::{ApiResult, Problem};
use crate::extract::{ApiJson, ApiPath, ApiQuery, CurrentActor};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(week))
        .routes(routes!(team_year))
        .routes(routes!(get_availability, set_availability))
        .routes(routes!(rotate_calendar, revoke_calendar))
}

/// Whose week and which.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct WeekParams {
    /// Default: you.
    person: Option<UserId>,
    /// A day in the week (default: today).
    date: Option<NaiveDate>,
}

/// A week: overdue (with the reason), due this week, the next four weeks.
#[utoipa::path(get, path = "/api/v1/week", tag = "visits", params(WeekParams),
    responses((status = 200, body = WeekView), (status = 404, body = Problem)))]
async fn week(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiQuery(q): ApiQuery<WeekParams>,
) -> ApiResult<Json<WeekView>> {
    Ok(Json(
        kith_app::wheel::week::week(s.app(), &a, q.person, q.date).await?,
    ))
}

/// Which unit and months.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct TeamParams {
    /// One of your units (default: all of them).
    unit: Option<UnitId>,
    /// A day in the first month (default: today).
    from: Option<NaiveDate>,
}

/// The team's year: visits per consultant per month (leaders and consultants).
#[utoipa::path(get, path = "/api/v1/team-year", tag = "visits", params(TeamParams),
    responses((status = 200, body = TeamYear), (status = 404, body = Problem)))]
async fn team_year(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiQuery(q): ApiQuery<TeamParams>,
) -> ApiResult<Json<TeamYear>> {
    Ok(Json(
        kith_app::wheel::team::team_year(s.app(), &a, q.unit, q.from).await?,
    ))
}

/// A person's room for visits: weekly capacity and days off (the person, their team leader,
/// an administrator).
#[utoipa::path(get, path = "/api/v1/users/{id}/availability", tag = "visits", params(("id" = i64, Path)),
    responses((status = 200, body = AvailabilityView)))]
async fn get_availability(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<AvailabilityView>> {
    Ok(Json(
        kith_app::wheel::availability::get(s.app(), &a, UserId(id)).await?,
    ))
}

/// Set a person's weekly capacity and days off; their placements are re-planned at once.
#[utoipa::path(put, path = "/api/v1/users/{id}/availability", tag = "visits", params(("id" = i64, Path)), request_body = AvailabilityInput,
    responses((status = 200, body = AvailabilityView)))]
async fn set_availability(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<AvailabilityInput>,
) -> ApiResult<Json<AvailabilityView>> {
    Ok(Json(
        kith_app::wheel::availability::set(s.app(), &a, UserId(id), input).await?,
    ))
}

/// A new secret calendar address for you (shown once); the old one stops working.
#[utoipa::path(post, path = "/api/v1/me/calendar-token", tag = "visits",
    responses((status = 201, body = CalendarLink)))]
async fn rotate_calendar(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
) -> ApiResult<(StatusCode, Json<CalendarLink>)> {
    Ok((
        StatusCode::CREATED,
        Json(kith_app::wheel::calendar::rotate_token(s.app(), &a).await?),
    ))
}

/// Turn your calendar address off.
#[utoipa::path(delete, path = "/api/v1/me/calendar-token", tag = "visits",
    responses((status = 204)))]
async fn revoke_calendar(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
) -> ApiResult<StatusCode> {
    kith_app::wheel::calendar::revoke_token(s.app(), &a).await?;
    Ok(StatusCode::NO_CONTENT)
}
