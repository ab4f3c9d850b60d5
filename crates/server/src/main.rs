//! The `kith` binary. All behaviour lives in the library (`kith_server`), so tests can drive
//! the same code in-process.

#[tokio::main]
async fn main() -> std::process::ExitCode {
    kith_server::cli::run().await
}
