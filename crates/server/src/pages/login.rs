//! Logging in and out, and switching language.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use kith_app::AppError;
use kith_domain::Lang;
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use tower_sessions::Session;

use super::ctx::LANG_COOKIE;
use super::form::Form;
use super::{AnonCtx, Ctx, PageResult, error_page};
use crate::AppState;
use crate::extract::{ClientIp, resolve_actor};

#[derive(Template, WebTemplate)]
#[template(path = "pages/login.html")]
pub struct LoginPage {
    ctx: Ctx,
    email: String,
    next: String,
    failed: bool,
    /// Minutes until a locked account may try again.
    locked_minutes: Option<u64>,
    /// A new password was just set through a reset link.
    reset_done: bool,
    /// The session ended while the person was working (a form was sent after it).
    expired: bool,
    /// The identity providers to sign in through, each a button.
    providers: Vec<kith_app::sign_in::ProviderChoice>,
    /// Whether e-mail and password sign in.
    passwords: bool,
    /// Why a sign-in through a provider was refused: what to do, in the page's language.
    refusal: Option<String>,
    /// The person just signed out of Kith and of the provider.
    signed_out: bool,
    /// The person just signed out of Kith (signed in with a password).
    logged_out: bool,
}

impl LoginPage {
    /// The page as it first shows, for `next`.
    pub(super) fn new(ctx: Ctx, state: &AppState, next: String) -> Self {
        let providers = state.app().providers();
        Self {
            ctx,
            email: String::new(),
            next,
            failed: false,
            locked_minutes: None,
            reset_done: false,
            expired: false,
            providers: providers.choices(),
            passwords: providers.passwords(),
            refusal: None,
            signed_out: false,
            logged_out: false,
        }
    }

    /// The address that begins a sign-in through `provider`, coming back to `next`; after a
    /// refusal the provider is asked to ask who is signing in (someone else may be at the
    /// computer).
    pub fn start_href(&self, provider: &str) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        if self.next != "/" {
            query.append_pair("next", &self.next);
        }
        if self.refusal.is_some() {
            query.append_pair("again", "1");
        }
        let query = query.finish();
        if query.is_empty() {
            format!("/login/oidc/{provider}")
        } else {
            format!("/login/oidc/{provider}?{query}")
        }
    }

    /// The page telling, in words, why a sign-in through a provider was refused.
    pub(super) fn refused(ctx: Ctx, state: &AppState, next: String, text: String) -> Self {
        Self {
            refusal: Some(text),
            ..Self::new(ctx, state, next)
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct NextQuery {
    pub(super) next: Option<String>,
    reset: Option<String>,
    expired: Option<String>,
    signed_out: Option<String>,
    logged_out: Option<String>,
    /// Begun again after a refusal: the provider asks who is signing in.
    pub(super) again: Option<String>,
}

/// Only local paths may be returned to after login (no open redirect): one `/`, then
/// printable ASCII without a backslash. Browsers drop tabs and new lines from a `Location`
/// (`/\t/evil.example` becomes `//evil.example`, another site) and read `\` as `/`, so a path
/// holding any of them, or starting with `//`, is replaced by the front page; a new line in a
/// header would also be an error.
pub(crate) fn safe_next(next: Option<String>) -> String {
    // A page of Kith's own with its filters fits; more is not a place to come back to (and
    // would not fit in the sign-in cookie).
    const MAX_NEXT: usize = 1024;
    match next {
        Some(n)
            if n.starts_with('/')
                && n.len() <= MAX_NEXT
                && !n.starts_with("//")
                && n.bytes().all(|b| b.is_ascii_graphic() && b != b'\\') =>
        {
            n
        }
        _ => "/".to_owned(),
    }
}

pub async fn form(
    State(state): State<AppState>,
    AnonCtx(ctx): AnonCtx,
    session: Session,
    Query(q): Query<NextQuery>,
) -> LoginPage {
    let refusal = crate::web_session::take_refusal(&session)
        .await
        .map(|note| {
            let message =
                kith_domain::Message::new(note.key).text("email", note.email.unwrap_or_default());
            ctx.say(&message)
        });
    LoginPage {
        reset_done: q.reset.as_deref() == Some("done"),
        expired: q.expired.as_deref() == Some("1"),
        signed_out: q.signed_out.as_deref() == Some("1"),
        logged_out: q.logged_out.as_deref() == Some("1"),
        refusal,
        ..LoginPage::new(ctx, &state, safe_next(q.next))
    }
}

/// Signing in. Without `Debug`: it holds a password.
#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default = "super::security::no_password")]
    password: SecretString,
    /// Where to go after signing in (only a path of Kith's own).
    #[serde(default)]
    next: String,
}

pub async fn submit(
    State(state): State<AppState>,
    AnonCtx(ctx): AnonCtx,
    ClientIp(source): ClientIp,
    session: Session,
    Form(form): Form<LoginForm>,
) -> PageResult {
    let email = form.email.trim().to_owned();
    let next = safe_next(Some(form.next.trim().to_owned()).filter(|n| !n.is_empty()));
    let password = super::security::trimmed(&form.password);
    let attempt = kith_app::auth::LoginAttempt {
        email: &email,
        password: password.expose_secret(),
        source,
    };
    match kith_app::auth::login(state.app(), attempt).await {
        Ok(actor) => {
            let err = |e: tower_sessions::session::Error| {
                error_page(&ctx, crate::session_store::app_error(&e))
            };
            crate::web_session::start(&session, actor.id)
                .await
                .map_err(err)?;
            Ok(Redirect::to(&next).into_response())
        }
        Err(AppError::Unauthenticated) => Ok((
            StatusCode::UNAUTHORIZED,
            LoginPage {
                email,
                failed: true,
                ..LoginPage::new(ctx, &state, next)
            },
        )
            .into_response()),
        Err(AppError::TooManyAttempts { retry_after_secs }) => Ok((
            StatusCode::TOO_MANY_REQUESTS,
            [(header::RETRY_AFTER, retry_after_secs.to_string())],
            LoginPage {
                email,
                locked_minutes: Some(retry_after_secs.div_ceil(60)),
                ..LoginPage::new(ctx, &state, next)
            },
        )
            .into_response()),
        Err(e) => Err(error_page(&ctx, e)),
    }
}

/// Signing out: Kith's session ends; signed in through a provider, the browser goes on to the
/// provider to end its session too (RP-initiated logout), and comes back to the sign-in page.
pub async fn logout(State(state): State<AppState>, session: Session) -> Response {
    let user = crate::web_session::user_of(&session).await.ok().flatten();
    let through = crate::web_session::provider_of(&session).await;
    let _ = session.flush().await;
    if let Some((user, _)) = user
        && let Err(e) = kith_app::auth::logged_out(state.app(), user).await
    {
        crate::error::log_server_error(&e);
    }
    if let Some((provider, id_token)) = through {
        let after = format!(
            "{}/login?signed_out=1",
            state.settings().base_url.trim_end_matches('/')
        );
        if let Some(url) =
            kith_app::sign_in::logout_url(state.app(), &provider, &id_token, &after).await
        {
            return Redirect::to(&url).into_response();
        }
    }
    Redirect::to("/login?logged_out=1").into_response()
}

/// Switches the language: remembered in a cookie, and as the user's preference when logged in
/// (so e-mails follow it too).
pub async fn switch_language(
    State(state): State<AppState>,
    jar: CookieJar,
    request: axum::extract::Request,
) -> Response {
    let (mut parts, body) = request.into_parts();
    let bytes = axum::body::to_bytes(body, 64 * 1024)
        .await
        .unwrap_or_default();
    let fields: Vec<(String, String)> = form_urlencoded::parse(&bytes).into_owned().collect();
    let field = |n: &str| fields.iter().find(|(k, _)| k == n).map(|(_, v)| v.clone());
    let lang: Lang = field("lang")
        .and_then(|l| l.parse().ok())
        .unwrap_or_default();
    if let Ok(Some(actor)) = resolve_actor(&mut parts, &state).await {
        let _ = kith_app::users::set_my_locale(state.app(), &actor, lang).await;
    }
    let cookie = Cookie::build((LANG_COOKIE, lang.as_str().to_owned()))
        .path("/")
        .same_site(SameSite::Lax)
        .permanent()
        .build();
    (jar.add(cookie), Redirect::to(&safe_next(field("back")))).into_response()
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(safe_next(Some("/children/4".into())), "/children/4");
        assert_eq!(safe_next(Some("//evil.example".into())), "/");
        assert_eq!(safe_next(Some("https://evil.example".into())), "/");
        assert_eq!(safe_next(Some("/\\evil".into())), "/");
        assert_eq!(safe_next(None), "/");
        // What browsers turn into another site, and what cannot be a header.
        for bad in [
            "/\t/evil.example/phish",
            "/\n/evil.example",
            "/\r\nSet-Cookie: x=1",
            "/ /evil.example",
            "/\u{7f}",
            "/æ",
        ] {
            assert_eq!(safe_next(Some(bad.into())), "/", "{bad:?}");
        }
        assert_eq!(safe_next(Some(format!("/{}", "a".repeat(1024)))), "/");
        assert_eq!(
            safe_next(Some("/children?target_area=general&x=%20".into())),
            "/children?target_area=general&x=%20"
        );
    }
}
