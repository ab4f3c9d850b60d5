//! The ceiling for `cargo xtask bench`: a bare axum "hello, world" on the same runtime settings,
//! built in the same run, so Kith's figures can be read against what the machine can do at all.

use axum::Router;
use axum::routing::get;

#[tokio::main]
async fn main() {
    let addr = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:18600".to_owned());
    let app = Router::new().route("/", get(|| async { "Hello, world!" }));
    let listener = tokio::net::TcpListener::bind(&addr).await.expect("bind");
    println!(
        "hello is listening on {}",
        listener.local_addr().expect("addr")
    );
    axum::serve(listener, app).await.expect("serve");
}
