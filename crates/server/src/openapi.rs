//! The OpenAPI document: paths come from the handlers (utoipa-axum), the rest from here.

use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ContactBuilder, InfoBuilder, OpenApi};

/// Fills in the document's description and security schemes.
pub fn finish(mut doc: OpenApi) -> OpenApi {
    doc.info = InfoBuilder::new()
        .title("Kith API")
        .version(env!("CARGO_PKG_VERSION"))
        .description(Some(
            "Placement matching and follow-up for municipal children's services. \
             Authenticate with `Authorization: Bearer <token>` (create one with POST /api/v1/tokens \
             or `kith token create`) or with the session cookie from POST /api/v1/session. \
             Errors are RFC 9457 problem documents. Lists take `limit` and `cursor`.",
        ))
        .contact(Some(ContactBuilder::new().name(Some("Kith")).build()))
        .build();
    let components = doc.components.get_or_insert_with(Default::default);
    components.add_security_scheme(
        "bearer",
        SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
    );
    components.add_security_scheme(
        "session",
        SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new("kith_session"))),
    );
    doc.security = Some(vec![
        utoipa::openapi::security::SecurityRequirement::new("bearer", Vec::<String>::new()),
        utoipa::openapi::security::SecurityRequirement::new("session", Vec::<String>::new()),
    ]);
    doc
}

/// The whole document, as served at `/api/openapi.json`.
pub fn openapi_document() -> OpenApi {
    finish(crate::api::router().into_openapi())
}
