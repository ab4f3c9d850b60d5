//! The honest ceiling of `cargo xtask bench` (issue 20): Kith's three main lists served with
//! nothing but the essentials, to judge Kith's own figures against in the same run.
//!
//! Per request it does what Kith must do and nothing else: the bearer token's principal read
//! with Kith's own join, the page read with Kith's own `SELECT` (the same scope, order and
//! `LIMIT`), the next page's cursor sealed the same way, one audit row per child on the page
//! committed before the answer through one group-commit writer (the same `INSERT … json_each`
//! or `UNNEST` statement, the same index-by-child catch-up between batches), and the same
//! JSON bytes. SQLite runs the same build (the same `libsqlite3-sys`, the same flags) with the
//! same pragmas; each runtime worker thread reads on a connection of its own, without
//! hand-offs. PostgreSQL runs the same statements prepared once per connection.
//!
//! `kith-ceiling sqlite <database file> <address>` or `kith-ceiling postgres <url> <address>`.

mod audit;
mod cursor;
mod lists;
mod postgres;
mod queries;
mod sqlite;
mod visits;

use std::sync::Arc;

use axum::Router;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;

use crate::lists::ListKind;

/// The page size a request asks for.
#[derive(Deserialize)]
struct Params {
    limit: Option<i64>,
}

/// The database the ceiling reads.
enum Engine {
    Sqlite(sqlite::Sqlite),
    Postgres(postgres::Postgres),
}

impl Engine {
    async fn list(
        &self,
        kind: ListKind,
        token: &str,
        limit: i64,
    ) -> Result<Option<String>, String> {
        match self {
            Engine::Sqlite(s) => s.list(kind, token, limit).await,
            Engine::Postgres(p) => p.list(kind, token, limit).await,
        }
    }
}

type Shared = Arc<Engine>;

async fn answer(
    kind: ListKind,
    engine: Shared,
    headers: HeaderMap,
    limit: Option<i64>,
) -> Response {
    let Some(token) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
    else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let limit = limit.unwrap_or(50).clamp(1, 200);
    match engine.list(kind, token.trim(), limit).await {
        Ok(Some(body)) => ([(header::CONTENT_TYPE, "application/json")], body).into_response(),
        Ok(None) => StatusCode::UNAUTHORIZED.into_response(),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e).into_response(),
    }
}

fn route(kind: ListKind) -> axum::routing::MethodRouter<Shared> {
    get(
        move |State(engine): State<Shared>, headers: HeaderMap, Query(p): Query<Params>| {
            answer(kind, engine, headers, p.limit)
        },
    )
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, engine, database, addr] = args.as_slice() else {
        eprintln!("usage: kith-ceiling sqlite|postgres <database> <address>");
        std::process::exit(2);
    };
    let engine: Shared = match engine.as_str() {
        "sqlite" => Arc::new(Engine::Sqlite(
            sqlite::Sqlite::open(database).expect("open SQLite"),
        )),
        "postgres" => Arc::new(Engine::Postgres(
            postgres::Postgres::connect(database)
                .await
                .expect("connect to PostgreSQL"),
        )),
        other => panic!("unknown engine {other}"),
    };
    let app = Router::new()
        .route("/api/v1/children", route(ListKind::Children))
        .route("/api/v1/placement-options", route(ListKind::Options))
        .route("/api/v1/visits", route(ListKind::Visits))
        .with_state(engine);
    let listener = tokio::net::TcpListener::bind(addr).await.expect("bind");
    axum::serve(listener, app).await.expect("serve");
}
