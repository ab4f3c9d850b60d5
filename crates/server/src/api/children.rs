//! Children's cases.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use kith_app::Paged;
use kith_app::children::{
    ChildDetail, ChildInput, ChildListParams, ChildSummary, CprLookupInput, CprView,
    KnownOptionInput, NetworkAskInput, NetworkPersonInput, ProfileInput, SiblingLinkInput,
};
use kith_domain::{ChildId, NetworkPersonId, PlacementOptionId};
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::AppState;
use crate::error::{ApiResult, Problem};
use crate::extract::{ApiJson, ApiPath, ApiQuery, CurrentActor};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get_one, update))
        .routes(routes!(update_profile))
        .routes(routes!(set_stability_facts))
        .routes(routes!(reveal_cpr))
        .routes(routes!(lookup))
        .routes(routes!(add_network_person))
        .routes(routes!(record_network_ask))
        .routes(routes!(update_network_person, remove_network_person))
        .routes(routes!(link_sibling, unlink_sibling))
        .routes(routes!(set_unsuitable, remove_unsuitable))
        .routes(routes!(set_known, remove_known))
}

/// The children you may see, by name. Filter by adviser, target area, or waiting for placement.
#[utoipa::path(get, path = "/api/v1/children", tag = "children", params(ChildListParams),
    responses((status = 200, body = Paged<ChildSummary>)))]
async fn list(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiQuery(q): ApiQuery<ChildListParams>,
) -> ApiResult<Json<Paged<ChildSummary>>> {
    Ok(Json(kith_app::children::list(s.app(), &a, &q).await?))
}

/// Register a child.
#[utoipa::path(post, path = "/api/v1/children", tag = "children", request_body = ChildInput,
    responses((status = 201, body = ChildDetail)))]
async fn create(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiJson(input): ApiJson<ChildInput>,
) -> ApiResult<(StatusCode, Json<ChildDetail>)> {
    Ok((
        StatusCode::CREATED,
        Json(kith_app::children::create(s.app(), &a, input).await?),
    ))
}

/// A child's whole case.
#[utoipa::path(get, path = "/api/v1/children/{id}", tag = "children", params(("id" = i64, Path)),
    responses((status = 200, body = ChildDetail)))]
async fn get_one(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<ChildDetail>> {
    Ok(Json(
        kith_app::children::get(s.app(), &a, ChildId(id)).await?,
    ))
}

/// Replace a child's case (leaving out `cpr` keeps the stored number).
#[utoipa::path(put, path = "/api/v1/children/{id}", tag = "children", params(("id" = i64, Path)), request_body = ChildInput,
    responses((status = 200, body = ChildDetail)))]
async fn update(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<ChildInput>,
) -> ApiResult<Json<ChildDetail>> {
    Ok(Json(
        kith_app::children::update(s.app(), &a, ChildId(id), input).await?,
    ))
}

/// Replace the needs profile (the match unit may do this too).
#[utoipa::path(put, path = "/api/v1/children/{id}/profile", tag = "children", params(("id" = i64, Path)), request_body = ProfileInput,
    responses((status = 200, body = ChildDetail)))]
async fn update_profile(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<ProfileInput>,
) -> ApiResult<Json<ChildDetail>> {
    Ok(Json(
        kith_app::children::update_profile(s.app(), &a, ChildId(id), input).await?,
    ))
}

/// Record whether the child and the parents agree to a placement, and the child's placements
/// before Kith: matching flags a missing consent and an earlier breakdown in the same kind of
/// care. Replaces what was recorded; audited.
#[utoipa::path(put, path = "/api/v1/children/{id}/stability", tag = "children", params(("id" = i64, Path)), request_body = kith_app::children::StabilityFactsInput,
    responses((status = 200, body = ChildDetail)))]
async fn set_stability_facts(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<kith_app::children::StabilityFactsInput>,
) -> ApiResult<Json<ChildDetail>> {
    Ok(Json(
        kith_app::children::set_stability_facts(s.app(), &a, ChildId(id), input).await?,
    ))
}

/// The full CPR number (case adviser and their leaders; audited).
#[utoipa::path(post, path = "/api/v1/children/{id}/cpr-reveal", tag = "children", params(("id" = i64, Path)),
    responses((status = 200, body = CprView)))]
async fn reveal_cpr(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<CprView>> {
    Ok(Json(
        kith_app::children::reveal_cpr(s.app(), &a, ChildId(id)).await?,
    ))
}

/// Find a child by exact CPR number (sent in the body, never in the URL).
#[utoipa::path(post, path = "/api/v1/children/lookup", tag = "children", request_body = CprLookupInput,
    responses((status = 200, body = ChildSummary), (status = 404, body = Problem)))]
async fn lookup(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiJson(input): ApiJson<CprLookupInput>,
) -> ApiResult<Json<ChildSummary>> {
    Ok(Json(
        kith_app::children::lookup_by_cpr(s.app(), &a, input).await?,
    ))
}

/// Add a person to the child's network.
#[utoipa::path(post, path = "/api/v1/children/{id}/network", tag = "children", params(("id" = i64, Path)), request_body = NetworkPersonInput,
    responses((status = 201, body = ChildDetail)))]
async fn add_network_person(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<NetworkPersonInput>,
) -> ApiResult<(StatusCode, Json<ChildDetail>)> {
    Ok((
        StatusCode::CREATED,
        Json(kith_app::children::add_network_person(s.app(), &a, ChildId(id), input).await?),
    ))
}

/// Record that a person in the child's network was asked (or tried), and what came of it: the
/// network search, kept as a dated record with its next step.
#[utoipa::path(post, path = "/api/v1/children/{id}/network-search", tag = "children", params(("id" = i64, Path)), request_body = NetworkAskInput,
    responses((status = 201, body = ChildDetail)))]
async fn record_network_ask(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<NetworkAskInput>,
) -> ApiResult<(StatusCode, Json<ChildDetail>)> {
    Ok((
        StatusCode::CREATED,
        Json(kith_app::children::record_network_ask(s.app(), &a, ChildId(id), input).await?),
    ))
}

#[derive(Debug, Deserialize)]
struct PersonPath {
    id: i64,
    person_id: i64,
}

/// Change a network person (e.g. the status of their approval).
#[utoipa::path(put, path = "/api/v1/children/{id}/network/{person_id}", tag = "children",
    params(("id" = i64, Path), ("person_id" = i64, Path)), request_body = NetworkPersonInput,
    responses((status = 200, body = ChildDetail)))]
async fn update_network_person(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(p): ApiPath<PersonPath>,
    ApiJson(input): ApiJson<NetworkPersonInput>,
) -> ApiResult<Json<ChildDetail>> {
    Ok(Json(
        kith_app::children::update_network_person(
            s.app(),
            &a,
            ChildId(p.id),
            NetworkPersonId(p.person_id),
            input,
        )
        .await?,
    ))
}

/// Remove a person from the child's network.
#[utoipa::path(delete, path = "/api/v1/children/{id}/network/{person_id}", tag = "children",
    params(("id" = i64, Path), ("person_id" = i64, Path)),
    responses((status = 200, body = ChildDetail)))]
async fn remove_network_person(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(p): ApiPath<PersonPath>,
) -> ApiResult<Json<ChildDetail>> {
    Ok(Json(
        kith_app::children::remove_network_person(
            s.app(),
            &a,
            ChildId(p.id),
            NetworkPersonId(p.person_id),
        )
        .await?,
    ))
}

/// Put another child in this child's sibling group.
#[utoipa::path(post, path = "/api/v1/children/{id}/siblings", tag = "children", params(("id" = i64, Path)), request_body = SiblingLinkInput,
    responses((status = 200, body = ChildDetail)))]
async fn link_sibling(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<SiblingLinkInput>,
) -> ApiResult<Json<ChildDetail>> {
    Ok(Json(
        kith_app::children::link_sibling(s.app(), &a, ChildId(id), input).await?,
    ))
}

/// Take this child out of its sibling group.
#[utoipa::path(delete, path = "/api/v1/children/{id}/siblings", tag = "children", params(("id" = i64, Path)),
    responses((status = 200, body = ChildDetail)))]
async fn unlink_sibling(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<ChildDetail>> {
    Ok(Json(
        kith_app::children::unlink_sibling(s.app(), &a, ChildId(id)).await?,
    ))
}

#[derive(Debug, Deserialize)]
struct OptionPath {
    id: i64,
    option_id: i64,
}

/// Why an option must not be used for this child.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReasonInput {
    pub reason: String,
}

/// Record an option as unsuitable for the child (e.g. an earlier breakdown).
#[utoipa::path(put, path = "/api/v1/children/{id}/unsuitable-options/{option_id}", tag = "children",
    params(("id" = i64, Path), ("option_id" = i64, Path)), request_body = ReasonInput,
    responses((status = 200, body = ChildDetail)))]
async fn set_unsuitable(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(p): ApiPath<OptionPath>,
    ApiJson(input): ApiJson<ReasonInput>,
) -> ApiResult<Json<ChildDetail>> {
    let input = kith_app::children::UnsuitableInput {
        option_id: PlacementOptionId(p.option_id),
        reason: input.reason,
    };
    Ok(Json(
        kith_app::children::set_unsuitable(s.app(), &a, ChildId(p.id), input).await?,
    ))
}

/// Remove an option from the child's unsuitable list.
#[utoipa::path(delete, path = "/api/v1/children/{id}/unsuitable-options/{option_id}", tag = "children",
    params(("id" = i64, Path), ("option_id" = i64, Path)),
    responses((status = 200, body = ChildDetail)))]
async fn remove_unsuitable(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(p): ApiPath<OptionPath>,
) -> ApiResult<Json<ChildDetail>> {
    Ok(Json(
        kith_app::children::remove_unsuitable(
            s.app(),
            &a,
            ChildId(p.id),
            PlacementOptionId(p.option_id),
        )
        .await?,
    ))
}

/// Record that the child knows an option (e.g. from respite care); matching counts it.
#[utoipa::path(put, path = "/api/v1/children/{id}/known-options/{option_id}", tag = "children",
    params(("id" = i64, Path), ("option_id" = i64, Path)), request_body = KnownOptionInput,
    responses((status = 200, body = ChildDetail)))]
async fn set_known(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(p): ApiPath<OptionPath>,
    ApiJson(input): ApiJson<KnownOptionInput>,
) -> ApiResult<Json<ChildDetail>> {
    Ok(Json(
        kith_app::children::set_known(
            s.app(),
            &a,
            ChildId(p.id),
            PlacementOptionId(p.option_id),
            input,
        )
        .await?,
    ))
}

/// Remove a known option.
#[utoipa::path(delete, path = "/api/v1/children/{id}/known-options/{option_id}", tag = "children",
    params(("id" = i64, Path), ("option_id" = i64, Path)),
    responses((status = 200, body = ChildDetail)))]
async fn remove_known(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(p): ApiPath<OptionPath>,
) -> ApiResult<Json<ChildDetail>> {
    Ok(Json(
        kith_app::children::remove_known(
            s.app(),
            &a,
            ChildId(p.id),
            PlacementOptionId(p.option_id),
        )
        .await?,
    ))
}
