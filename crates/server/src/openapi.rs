//! The OpenAPI document: paths come from the handlers (utoipa-axum), the rest from here.

use utoipa::openapi::link::LinkBuilder;
use utoipa::openapi::path::Operation;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{
    ContactBuilder, ContentBuilder, InfoBuilder, OpenApi, Ref, RefOr, ResponseBuilder,
};

/// The media type of every error answer (RFC 9457).
const PROBLEM: &str = "application/problem+json";

/// The API's routes and their finished description, split from one declaration.
pub(crate) fn api() -> (axum::Router<crate::AppState>, OpenApi) {
    let (routes, doc) = crate::api::router().split_for_parts();
    (routes, finish(doc))
}

/// The finished OpenAPI document, as `/api/openapi.json` serves it.
pub fn document() -> OpenApi {
    api().1
}

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
    for (path, item) in doc.paths.paths.iter_mut() {
        for (method, op) in [
            ("get", &mut item.get),
            ("put", &mut item.put),
            ("post", &mut item.post),
            ("delete", &mut item.delete),
            ("patch", &mut item.patch),
        ] {
            if let Some(op) = op {
                document_errors(path, method, op);
            }
        }
    }
    add_links(&mut doc);
    doc
}

/// Every error an operation can answer, as a problem document: the ones its handler names,
/// moved to `application/problem+json`, and those every operation of its kind can meet (a
/// body or parameter that does not parse, a database that is down or a queue that is full, a
/// missing login, a role without access, a row out of reach, a conflict, a body too large, too
/// many attempts).
fn document_errors(path: &str, method: &str, op: &mut Operation) {
    for (status, response) in op.responses.responses.iter_mut() {
        if (status.starts_with('4') || status.starts_with('5'))
            && let RefOr::T(r) = response
            && let Some(content) = r.content.shift_remove("application/json")
        {
            r.content.insert(PROBLEM.to_owned(), content);
        }
    }
    let anonymous = matches!(
        (method, path),
        ("post", "/api/v1/session")
            | ("delete", "/api/v1/session")
            | ("post", "/api/v1/password-reset")
    );
    let writes = method != "get";
    let mut add = |status: &str, why: &str| {
        op.responses
            .responses
            .entry(status.to_owned())
            .or_insert_with(|| {
                RefOr::T(
                    ResponseBuilder::new()
                        .description(why)
                        .content(
                            PROBLEM,
                            ContentBuilder::new()
                                .schema(Some(Ref::from_schema_name("Problem")))
                                .build(),
                        )
                        .build(),
                )
            });
    };
    add(
        "422",
        "A parameter or the body does not parse or breaks a rule",
    );
    add(
        "503",
        "The database cannot be reached or written, or too much is waiting",
    );
    if !anonymous {
        add("401", "No login or token");
        add("403", "The role has no access to this");
    }
    if path.contains('{') {
        add("404", "Not found, or out of the caller's reach");
    }
    if writes {
        add("409", "The change conflicts with the current state");
        add("413", "The body is larger than this request takes");
    }
    if matches!(
        (method, path),
        ("post", "/api/v1/session")
            | ("put", "/api/v1/session/password")
            | ("post", "/api/v1/children")
            | ("put", "/api/v1/children/{id}")
            | ("post", "/api/v1/imports/{kind}")
    ) {
        add(
            "429",
            "Too many attempts; wait as long as `Retry-After` says",
        );
    }
}

/// OpenAPI links from what a request makes to what may be done with it next, so a client (and
/// the hostile pass's stateful phase) can follow them: a registered child to its case, a
/// proposal to its decision, a goal to its progress.
/// From an operation (path, method, status) to the operations its answer's `id` leads to
/// (name, `path|method`).
type Links = [(
    &'static str,
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
)];

fn add_links(doc: &mut OpenApi) {
    let links: &Links = &[
        (
            "/api/v1/children",
            "post",
            "201",
            &[
                ("ReadChild", "/api/v1/children/{id}|get"),
                ("ChangeChild", "/api/v1/children/{id}|put"),
                ("AddNetworkPerson", "/api/v1/children/{id}/network|post"),
                ("ChangeProfile", "/api/v1/children/{id}/profile|put"),
            ],
        ),
        (
            "/api/v1/placement-options",
            "post",
            "201",
            &[
                ("ReadOption", "/api/v1/placement-options/{id}|get"),
                ("ChangeOption", "/api/v1/placement-options/{id}|put"),
                (
                    "ConfirmCapacity",
                    "/api/v1/placement-options/{id}/capacity-confirmation|post",
                ),
            ],
        ),
        (
            "/api/v1/proposals",
            "post",
            "201",
            &[
                ("ReadProposal", "/api/v1/proposals/{id}|get"),
                ("Withdraw", "/api/v1/proposals/{id}/withdraw|post"),
                ("Approve", "/api/v1/proposals/{id}/approve|post"),
                ("Reject", "/api/v1/proposals/{id}/reject|post"),
            ],
        ),
        (
            "/api/v1/placements/{id}/goals",
            "post",
            "201",
            &[
                ("ReadGoal", "/api/v1/goals/{id}|get"),
                ("ReviseGoal", "/api/v1/goals/{id}|patch"),
                ("RecordProgress", "/api/v1/goals/{id}/progress|post"),
            ],
        ),
        (
            "/api/v1/users",
            "post",
            "201",
            &[
                ("ReadUser", "/api/v1/users/{id}|get"),
                ("ChangeUser", "/api/v1/users/{id}|put"),
            ],
        ),
    ];
    for (path, method, status, targets) in links {
        let Some(item) = doc.paths.paths.get_mut(*path) else {
            continue;
        };
        let op = match *method {
            "post" => item.post.as_mut(),
            _ => None,
        };
        let Some(RefOr::T(response)) = op.and_then(|o| o.responses.responses.get_mut(*status))
        else {
            continue;
        };
        for (name, target) in *targets {
            let (target_path, target_method) = target.split_once('|').unwrap_or((target, "get"));
            let reference = format!(
                "#/paths/{}/{target_method}",
                target_path.replace('~', "~0").replace('/', "~1")
            );
            response.links.insert(
                (*name).to_owned(),
                RefOr::T(
                    LinkBuilder::new()
                        .operation_ref(reference)
                        .parameter("id", "$response.body#/id")
                        .build(),
                ),
            );
        }
    }
}

/// The whole document, as served at `/api/openapi.json`.
pub fn openapi_document() -> OpenApi {
    finish(crate::api::router().into_openapi())
}
