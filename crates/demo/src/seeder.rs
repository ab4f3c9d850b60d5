//! What every part of the demo writes with: the open transaction, the one random stream (its
//! order is the data), the day the demo is built around, and the audit rows of the children
//! created, appended once at the end.

use chrono::{DateTime, NaiveDate, Utc};
use kith_store::audit::AuditEntry;
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
