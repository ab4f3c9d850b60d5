//! What every part of the demo writes with: the open transaction, the one random stream (its
//! order is the data), the day the demo is built around, and the audit rows of the children
//! created, appended once at the end.

use chrono::{DateTime, NaiveDate, Utc};
use kith_app::{App, AppError, Result, password};
use kith_store::audit::AuditEntry;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

/// The shared state of one demo load.
pub(crate) struct Seeder<'a, C> {
    pub conn: &'a C,
    pub rng: ChaCha8Rng,
    pub today: NaiveDate,
    pub now: DateTime<Utc>,
    /// The one argon2 hash every demo user shares.
    pub hash: String,
    pub audit: Vec<AuditEntry>,
}

impl<'a, C> Seeder<'a, C> {
    /// A seeder writing through `conn`, drawing from the stream of `seed`, on the app's day.
    pub fn new(conn: &'a C, app: &App, seed: u64, hash: String) -> Self {
        Self {
            conn,
            rng: ChaCha8Rng::seed_from_u64(seed),
            today: app.today(),
            now: app.now(),
            hash,
            audit: Vec::new(),
        }
    }
}

/// Refuses a database that already holds data (a conflict saying `problem`), then works out
/// the one password hash every demo user shares, off the async threads.
pub(crate) async fn empty_and_hashed(app: &App, problem: &'static str) -> Result<String> {
    if !crate::is_empty(app).await? {
        return Err(AppError::Conflict {
            field: None,
            message: problem.into(),
        });
    }
    tokio::task::spawn_blocking(|| password::hash(crate::DEMO_PASSWORD))
        .await
        .map_err(AppError::internal)?
}
