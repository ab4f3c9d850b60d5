//! The `kith` binary. All behaviour lives in the library (`kith_server`), so tests can drive
//! the same code in-process.

/// mimalloc instead of glibc's malloc: its thread-local free lists suit a server whose
/// requests allocate and free many small values on two runtime threads and a database
/// connection's thread each (issue 20: see docs/BENCHMARKS.md for the paired runs).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    kith_server::cli::run().await
}
