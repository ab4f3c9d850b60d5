//! What every page template gets: language, the logged-in user for the navigation, the CSRF
//! token for its forms; and the extractors that provide it.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use chrono::{DateTime, NaiveDate, Utc};
use kith_app::{Actor, AppError};
use kith_domain::{Lang, Role};

use crate::AppState;
use crate::csrf::CsrfToken;
use crate::extract::resolve_actor;
use crate::i18n;

/// The cookie remembering the language of a visitor who is not logged in.
pub const LANG_COOKIE: &str = "kith_lang";

/// The logged-in user as the navigation needs them.
#[derive(Debug, Clone)]
pub struct NavUser {
    pub name: String,
    pub roles: Vec<Role>,
}

/// Context for rendering a page.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub lang: Lang,
    pub user: Option<NavUser>,
    pub csrf: String,
    /// The path of this page (for the language switch to come back to, and nav highlighting).
    pub path: String,
}

impl Ctx {
    /// The text for `key` in the page's language.
    pub fn t(&self, key: &str) -> &'static str {
        i18n::t(self.lang, key)
    }

    /// A catalogue message with its values, in the page's language.
    pub fn say(&self, message: &kith_domain::Message) -> String {
        kith_text::render(self.lang, message)
    }

    /// A running stay's clock as the reader says it: "slutter om 22 dage", "439 dage over den
    /// planlagte slutdato".
    pub fn clock(&self, clock: &kith_domain::goals::StayClock) -> String {
        use kith_domain::goals::StayClock;
        let (key, days) = match *clock {
            StayClock::EndsIn { days } => ("stay.ends_in", days),
            StayClock::PastEnd { days } => ("stay.past_end", days),
        };
        self.say(&kith_domain::Message::new(key).int("days", days))
    }

    /// The class of a stay's clock: `past` once the planned end has passed, for the eye.
    pub fn clock_class(&self, clock: &kith_domain::goals::StayClock) -> &'static str {
        match clock {
            kith_domain::goals::StayClock::EndsIn { .. } => "ends",
            kith_domain::goals::StayClock::PastEnd { .. } => "past",
        }
    }

    /// A number with `places` decimals as the reader writes it: `82,5` in Danish.
    pub fn num(&self, x: &f64, places: u8) -> String {
        kith_text::format::decimal(self.lang, *x, places)
    }

    /// An amount of kroner: `2.600 kr.` in Danish.
    pub fn kr(&self, amount: &u32) -> String {
        kith_text::format::kroner(self.lang, i64::from(*amount))
    }

    /// Languages by name, as a list: "arabisk og dansk"; a dash for none.
    pub fn languages(&self, codes: &[String]) -> String {
        if codes.is_empty() {
            return "–".to_owned();
        }
        kith_text::language_list(self.lang, codes)
    }

    /// A catalogue text that counts something (`name` = `n`), with the plural it needs.
    pub fn count(&self, key: &'static str, name: &'static str, n: impl TryInto<i64>) -> String {
        let n = n.try_into().unwrap_or(i64::MAX);
        self.say(&kith_domain::Message::new(key).int(name, n))
    }

    /// Whether the user holds a role (by code).
    pub fn has(&self, role: &str) -> bool {
        self.user
            .as_ref()
            .is_some_and(|u| u.roles.iter().any(|r| r.as_str() == role))
    }

    /// Whether the current page is under `prefix` (for `aria-current`).
    pub fn at(&self, prefix: &str) -> bool {
        self.path == prefix || self.path.starts_with(&format!("{prefix}/"))
    }

    /// A date as people in the page's language write it.
    pub fn date(&self, d: &NaiveDate) -> String {
        match self.lang {
            Lang::Da => d.format("%d.%m.%Y").to_string(),
            Lang::En => d.format("%-d %b %Y").to_string(),
        }
    }

    /// An optional date, or a dash.
    pub fn odate(&self, d: &Option<NaiveDate>) -> String {
        d.as_ref()
            .map(|d| self.date(d))
            .unwrap_or_else(|| "–".to_owned())
    }

    /// A party (who an agreement is for) by its code, in the reader's words.
    pub fn party(&self, code: &str) -> &'static str {
        code.parse::<kith_domain::Party>()
            .map(|p| kith_text::term(self.lang, p))
            .unwrap_or("")
    }

    /// What an export holds, for its download line (`børn`, `anbringelser`).
    pub fn sheet_name(&self, kind: &str) -> String {
        self.t(&format!("export_sheet.{kind}")).to_lowercase()
    }

    /// An instant in Copenhagen time.
    pub fn datetime(&self, t: &DateTime<Utc>) -> String {
        let local = t.with_timezone(&kith_app::TIME_ZONE);
        match self.lang {
            Lang::Da => local.format("%d.%m.%Y kl. %H.%M").to_string(),
            Lang::En => local.format("%-d %b %Y %H:%M").to_string(),
        }
    }

    /// An optional instant, or a dash.
    pub fn odatetime(&self, t: &Option<DateTime<Utc>>) -> String {
        t.as_ref()
            .map(|t| self.datetime(t))
            .unwrap_or_else(|| "–".to_owned())
    }

    /// The language to offer switching to.
    pub fn other_lang(&self) -> Lang {
        match self.lang {
            Lang::Da => Lang::En,
            Lang::En => Lang::Da,
        }
    }
}

fn csrf_of(parts: &Parts) -> String {
    parts
        .extensions
        .get::<CsrfToken>()
        .map(|t| t.0.clone())
        .unwrap_or_default()
}

fn lang_of(parts: &Parts, actor: Option<&Actor>) -> Lang {
    if let Some(a) = actor {
        return a.locale;
    }
    CookieJar::from_headers(&parts.headers)
        .get(LANG_COOKIE)
        .and_then(|c| c.value().parse().ok())
        .unwrap_or_default()
}

/// A logged-in page visitor: the actor and the page context. Not logged in: redirect to the
/// login page, coming back here afterwards.
#[derive(Debug, Clone)]
pub struct PageActor {
    pub actor: Actor,
    pub ctx: Ctx,
}

impl FromRequestParts<AppState> for PageActor {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let actor = match resolve_actor(parts, state).await {
            Ok(Some(a)) => a,
            Ok(None) | Err(crate::ApiError(AppError::Unauthenticated)) => {
                let next = parts.uri.path();
                let target = if next == "/" || next.starts_with("/login") {
                    "/login".to_owned()
                } else {
                    format!(
                        "/login?next={}",
                        form_urlencoded::byte_serialize(next.as_bytes()).collect::<String>()
                    )
                };
                return Err(Redirect::to(&target).into_response());
            }
            Err(e) => {
                let ctx = Ctx {
                    lang: lang_of(parts, None),
                    user: None,
                    csrf: csrf_of(parts),
                    path: parts.uri.path().to_owned(),
                };
                return Err(super::error_page(&ctx, e.0));
            }
        };
        let ctx = Ctx {
            lang: lang_of(parts, Some(&actor)),
            user: Some(NavUser {
                name: actor.name.clone(),
                roles: actor.roles.clone(),
            }),
            csrf: csrf_of(parts),
            path: parts.uri.path().to_owned(),
        };
        Ok(PageActor { actor, ctx })
    }
}

/// A page visitor who need not be logged in (the login page).
#[derive(Debug, Clone)]
pub struct AnonCtx(pub Ctx);

impl FromRequestParts<AppState> for AnonCtx {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        _state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(AnonCtx(Ctx {
            lang: lang_of(parts, None),
            user: None,
            csrf: csrf_of(parts),
            path: parts.uri.path().to_owned(),
        }))
    }
}

/// A page visitor who may or may not be logged in, for a page anyone can reach (the
/// not-found page): in the user's language and with their menu when they are logged in, in
/// the visitor's chosen language when not.
#[derive(Debug, Clone)]
pub struct VisitorCtx(pub Ctx);

impl FromRequestParts<AppState> for VisitorCtx {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let actor = resolve_actor(parts, state).await.ok().flatten();
        Ok(VisitorCtx(Ctx {
            lang: lang_of(parts, actor.as_ref()),
            user: actor.map(|a| NavUser {
                name: a.name,
                roles: a.roles,
            }),
            csrf: csrf_of(parts),
            path: parts.uri.path().to_owned(),
        }))
    }
}

impl Ctx {
    /// The name of a domain vocabulary value in the page's language, from the catalogue.
    pub fn label<T: kith_text::Term>(&self, value: T) -> &'static str {
        kith_text::term(self.lang, value)
    }

    /// The translated name of a code from a vocabulary whose names live in the i18n table
    /// under `prefix.code` (levels, statuses, authorities).
    pub fn code<T: std::fmt::Display>(&self, prefix: &str, code: &T) -> &'static str {
        self.t(&format!("{prefix}.{code}"))
    }

    /// A domain text in the page's language.
    pub fn text<'a>(&self, b: &'a kith_domain::Bilingual) -> &'a str {
        b.get(self.lang)
    }
}

/// The query of a page (its filter form, its period). A blank parameter is an absent one, as
/// for the API; a parameter that does not read answers [`super::filter_page`] in the reader's
/// language with the way back, never the API's JSON problem.
#[derive(Debug)]
pub struct PageQuery<T>(pub T);

impl<T: serde::de::DeserializeOwned + Send> FromRequestParts<AppState> for PageQuery<T> {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        match crate::extract::ApiQuery::<T>::from_request_parts(parts, state).await {
            Ok(crate::extract::ApiQuery(q)) => Ok(PageQuery(q)),
            Err(e) => {
                let VisitorCtx(ctx) = VisitorCtx::from_request_parts(parts, state).await?;
                Err(super::filter_page(&ctx, e.0))
            }
        }
    }
}

/// A page route never answers a bare status: a refusal written before any page code ran (a
/// path that does not read, a body that is not a form, a method the address does not take,
/// as when a form is sent again after the session ended) becomes the error page in the
/// reader's language, with their menu. Pages and their own error pages pass untouched.
pub async fn plain_refusals_as_pages(
    axum::extract::State(state): axum::extract::State<AppState>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let (parts, body) = req.into_parts();
    let (uri, headers, extensions) = (
        parts.uri.clone(),
        parts.headers.clone(),
        parts.extensions.clone(),
    );
    let res = next
        .run(axum::extract::Request::from_parts(parts, body))
        .await;
    let status = res.status();
    let is_page = res
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if is_page || !(status.is_client_error() || status.is_server_error()) {
        return res;
    }
    let (mut probe, ()) = axum::extract::Request::new(()).into_parts();
    (probe.uri, probe.headers, probe.extensions) = (uri, headers, extensions);
    let ctx = match VisitorCtx::from_request_parts(&mut probe, &state).await {
        Ok(VisitorCtx(ctx)) => ctx,
        Err(page) => return page,
    };
    let error = match status.as_u16() {
        401 => AppError::Unauthenticated,
        // The only refusal before a page's code: the form did not carry Kith's token.
        403 => return super::expired_form_page(ctx),
        413 => AppError::TooLarge,
        415 | 422 => AppError::invalid("body", "problem.body_unreadable"),
        400 | 404 | 405 => AppError::NotFound("page"),
        _ => AppError::internal(format!("a page route answered a bare {status}")),
    };
    super::error_page(&ctx, error)
}
