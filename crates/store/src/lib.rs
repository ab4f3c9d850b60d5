//! Kith's persistence: sea-orm entities, the queries the use cases need, transactions, and
//! connection setup for SQLite (the embedded default) and PostgreSQL.
//!
//! Nothing here decides who may do what: the access policy lives in `kith-app` and arrives
//! here as a [`scope`] that the queries apply in SQL, so a list and a single read can never
//! disagree about what a user may see.

pub mod audit;
pub mod audit_by_child;
pub mod bulk;
pub mod children;
mod code;
pub mod covers;
mod db;
pub mod drafts;
pub mod entities;
mod error;
pub mod figures;
pub mod goals;
pub mod jobs;
pub mod login_attempts;
pub mod needs;
pub mod options;
pub mod outbox;
mod paging;
pub mod password_resets;
pub mod placements;
pub mod principals;
pub mod proposals;
pub mod read_log;
pub mod rules;
pub mod scope;
pub mod sessions;
pub mod sign_in;
pub mod stability_json;
pub mod staff_time;
mod string_list;
#[cfg(feature = "testdb")]
pub mod testdb;
pub mod tokens;
pub mod units;
pub mod users;
mod vault;
pub mod visits;

pub use code::{Codes, Stored};
pub use db::{Backend, Db};
pub use error::StoreError;
pub use paging::{Page, PageRequest, Position, SortKey};
pub use sea_orm::{ConnectionTrait, DatabaseTransaction};
pub use string_list::StringList;
pub use vault::{CprVault, VaultError};

/// Most ids in one `IN (...)` list: well inside SQLite's and PostgreSQL's bind limits.
pub const IN_LIST_CHUNK: usize = 5_000;

/// Results of this crate.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Every row of a table, in the order of `by` (the id, a name): the one way the store reads
/// a whole table (the dashboard, matching, exports, the demo).
pub(crate) async fn every<E, C>(conn: &C, by: E::Column) -> Result<Vec<E::Model>>
where
    E: sea_orm::EntityTrait,
    C: ConnectionTrait,
{
    use sea_orm::QueryOrder;
    Ok(E::find().order_by_asc(by).all(conn).await?)
}
