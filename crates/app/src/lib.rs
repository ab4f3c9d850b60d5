//! Kith's use cases. Each public function does one thing a user (or a job) does, e.g.
//! `children::create` or `options::confirm_capacity`, given the [`App`] (database, clock,
//! CPR vault) and the [`Actor`] doing it.
//!
//! Three things happen here and nowhere else:
//! - **authorisation**: [`policy`] decides what an actor may read or change;
//! - **the audit trail**: [`audit`] records every read and change of a child's data;
//! - **validation** of inputs beyond their shape (does the need code exist, does the CPR
//!   match the birth date).
//!
//! HTTP handlers and HTML pages call these functions and only render the results; nothing
//! here knows about HTTP.

pub mod actor;
pub mod audit;
pub mod audit_view;
pub mod auth;
pub mod caseload;
pub mod children;
pub mod clock;
mod context;
pub mod cover;
pub mod credentials;
pub mod dashboard;
pub mod documents;
pub mod drafts;
mod error;
pub mod failpoint;
pub mod goals;
pub mod hand_over;
pub mod handed_over;
pub mod jobs;
pub mod mail;
pub mod matching;
pub mod needs;
pub mod options;
pub mod overview;
pub mod paging;
pub mod password;
pub mod placements;
pub mod policy;
pub mod proposals;
pub mod rules;
pub mod sessions;
pub mod sign_in;
mod signals;
pub mod staff;
pub mod tokens;
pub mod transfer;
pub mod units;
pub mod users;
mod validate;
pub mod wheel;

pub use actor::Actor;
pub use clock::{Clock, FixedClock, SystemClock};
pub use context::App;
pub use error::{AppError, Cause, FieldError, Refused, chain};
pub use kith_store::{CprVault, Db};
pub use paging::{PageParams, Paged};

/// Results of use cases.
pub type Result<T, E = AppError> = std::result::Result<T, E>;

/// Kith's time zone: every "today", "this morning" and "this week" is Copenhagen's.
pub const TIME_ZONE: chrono_tz::Tz = chrono_tz::Europe::Copenhagen;
