//! Signing in through the municipality's identity provider: the button's address sends the
//! browser there, the provider's answer comes back to the callback (`kith_app::sign_in`).
//!
//! The browser keeps the sign-in under way (its `state`, nonce and PKCE verifier, sealed by
//! Kith) in a cookie that only the callback reads (HttpOnly, `SameSite=Lax`, so it comes along
//! when the provider sends the browser back); an answer whose `state` is not the one in the
//! browser's own cookie is refused, so nobody can sign someone else's browser in as
//! themselves.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use kith_app::AppError;
use serde::Deserialize;
use tower_sessions::Session;

use super::login::{LoginPage, NextQuery, safe_next};
use super::{AnonCtx, error_page};
use crate::AppState;

/// The cookie holding the sign-in under way, sealed by Kith (`kith_app::sign_in::begin`).
const STATE_COOKIE: &str = "kith_sign_in";

fn state_cookie(state: &AppState, provider: &str, value: String) -> Cookie<'static> {
    Cookie::build((STATE_COOKIE, value))
        .path(format!("/login/oidc/{provider}/"))
        .http_only(true)
        .secure(state.settings().cookie_secure)
        .same_site(SameSite::Lax)
        .max_age(time::Duration::minutes(10))
        .build()
}

/// `GET /login/oidc/{provider}`: to the provider's sign-in, with PKCE, `state` and nonce.
pub async fn start(
    State(state): State<AppState>,
    AnonCtx(ctx): AnonCtx,
    Path(provider): Path<String>,
    Query(q): Query<NextQuery>,
    jar: CookieJar,
) -> Response {
    let next = safe_next(q.next);
    let again = q.again.as_deref() == Some("1");
    match kith_app::sign_in::begin(state.app(), &provider, &next, ctx.lang, again).await {
        Ok(begun) => {
            let cookie = state_cookie(&state, &provider, begun.cookie);
            (jar.add(cookie), Redirect::to(&begun.redirect)).into_response()
        }
        Err(AppError::Unavailable(cause)) => {
            tracing::warn!(provider = %provider, error = %kith_app::chain(cause.as_ref()), "identity provider not reachable");
            unavailable(&ctx, &state, next)
        }
        Err(e) => error_page(&ctx, e),
    }
}

/// The sign-in page saying the provider cannot be reached (503).
fn unavailable(ctx: &super::Ctx, state: &AppState, next: String) -> Response {
    let text = ctx.t("login.refused_unavailable").to_owned();
    let page = LoginPage::refused(ctx.clone(), state, next, text);
    (StatusCode::SERVICE_UNAVAILABLE, page).into_response()
}

/// The provider's answer.
#[derive(Debug, Deserialize)]
pub struct CallbackQuery {
    state: Option<String>,
    code: Option<String>,
    iss: Option<String>,
    error: Option<String>,
}

/// `GET /login/oidc/{provider}/callback`: the provider's answer, checked; a session for the
/// person it vouches for, or the sign-in page saying what to do.
pub async fn callback(
    State(state): State<AppState>,
    AnonCtx(ctx): AnonCtx,
    session: Session,
    Path(provider): Path<String>,
    Query(q): Query<CallbackQuery>,
    jar: CookieJar,
) -> Response {
    let flow_cookie = jar.get(STATE_COOKIE).map(|c| c.value().to_owned());
    let jar = jar.remove(state_cookie(&state, &provider, String::new()));
    let answer = kith_app::sign_in::Answer {
        provider: &provider,
        state: q.state.as_deref(),
        flow_cookie: flow_cookie.as_deref(),
        code: q.code.as_deref(),
        iss: q.iss.as_deref(),
        error: q.error.as_deref(),
    };
    match kith_app::sign_in::finish(state.app(), answer).await {
        Ok(done) => {
            let started = crate::web_session::start_through(
                &session,
                done.actor.id,
                &provider,
                &done.id_token,
            )
            .await;
            if let Err(e) = started {
                return error_page(&ctx, crate::session_store::app_error(&e));
            }
            (jar, Redirect::to(&safe_next(Some(done.return_to)))).into_response()
        }
        // Told on the sign-in page the browser is sent to (so reloading it does not send the
        // used answer again), coming back to where the person was going.
        Err(AppError::SignInRefused(refused)) => {
            let note = crate::web_session::RefusalNote {
                key: refused.why.message_key().to_owned(),
                email: refused.email.clone(),
            };
            if let Err(e) = crate::web_session::note_refusal(&session, note).await {
                return error_page(&ctx, crate::session_store::app_error(&e));
            }
            let next = safe_next(refused.return_to);
            let to = if next == "/" {
                "/login".to_owned()
            } else {
                let query: String = form_urlencoded::Serializer::new(String::new())
                    .append_pair("next", &next)
                    .finish();
                format!("/login?{query}")
            };
            (jar, Redirect::to(&to)).into_response()
        }
        Err(AppError::Unavailable(cause)) => {
            tracing::warn!(provider = %provider, error = %kith_app::chain(cause.as_ref()), "identity provider not reachable");
            unavailable(&ctx, &state, "/".into())
        }
        Err(e) => error_page(&ctx, e),
    }
}

/// The provider's back-channel logout: a form with its `logout_token`, posted server to server
/// (no browser, so no session, CSRF token or `Origin`).
#[derive(Deserialize)]
pub struct LogoutForm {
    logout_token: String,
}

/// `POST /login/oidc/{provider}/backchannel-logout`: 200 once the person's sessions are over
/// (or the token named nobody Kith knows), 400 for a token that does not hold.
pub async fn backchannel(
    State(state): State<AppState>,
    Path(provider): Path<String>,
    axum::Form(form): axum::Form<LogoutForm>,
) -> Response {
    let done =
        kith_app::sign_in::logged_out_at_provider(state.app(), &provider, &form.logout_token).await;
    match done {
        Ok(()) => StatusCode::OK.into_response(),
        Err(AppError::SignInRefused(_)) => (
            StatusCode::BAD_REQUEST,
            axum::Json(serde_json::json!({"error": "invalid_request"})),
        )
            .into_response(),
        Err(e) => crate::ApiError(e).into_response(),
    }
}
