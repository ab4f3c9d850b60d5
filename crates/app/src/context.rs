//! The application context every use case receives.

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use kith_store::read_log::ReadLog;
use kith_store::{CprVault, Db};

use crate::Clock;

/// What a use case needs besides its input: the database, the clock and the CPR vault.
/// Cheap to clone (everything inside is shared).
#[derive(Debug, Clone)]
pub struct App {
    db: Db,
    clock: Arc<dyn Clock>,
    vault: CprVault,
    read_log: ReadLog,
    options: Arc<crate::matching::profiles::OptionsCache>,
    base_url: Arc<str>,
    hashing: Arc<crate::password::HashingGate>,
    providers: Arc<crate::sign_in::Providers>,
}

impl App {
    /// Assembles the context.
    pub fn new(db: Db, clock: Arc<dyn Clock>, vault: CprVault) -> Self {
        Self {
            read_log: ReadLog::new(db.clone()),
            db,
            clock,
            vault,
            options: Arc::default(),
            base_url: Arc::from("http://127.0.0.1:8080"),
            hashing: Arc::default(),
            providers: Arc::default(),
        }
    }

    /// The same context with the address users reach Kith at (for links in e-mails and
    /// calendars), without a trailing slash.
    pub fn with_base_url(mut self, base_url: &str) -> Self {
        self.base_url = Arc::from(base_url.trim_end_matches('/'));
        self
    }

    /// The same context signing in as `settings` say: through identity providers, with or
    /// without passwords.
    pub fn with_sign_in(mut self, settings: crate::sign_in::SignInSettings) -> Self {
        self.providers = Arc::new(crate::sign_in::Providers::new(settings));
        self
    }

    /// How people sign in: the identity providers, and whether passwords do.
    pub fn providers(&self) -> &crate::sign_in::Providers {
        &self.providers
    }

    /// The same context with another clock (jobs run for a given moment).
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// The address users reach Kith at.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The database.
    pub fn db(&self) -> &Db {
        &self.db
    }

    /// The current instant.
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// Today in Copenhagen.
    pub fn today(&self) -> NaiveDate {
        self.clock.today()
    }

    /// The clock itself.
    pub fn clock(&self) -> &Arc<dyn Clock> {
        &self.clock
    }

    /// The in-memory option profiles used by matching.
    pub(crate) fn options_cache(&self) -> &crate::matching::profiles::OptionsCache {
        &self.options
    }

    /// Where reads of children's data are recorded (committed in groups).
    pub(crate) fn read_log(&self) -> &ReadLog {
        &self.read_log
    }

    /// The admission to password hashing, shared by every login and password change.
    pub fn hashing(&self) -> &crate::password::HashingGate {
        &self.hashing
    }

    /// The CPR vault.
    pub fn vault(&self) -> &CprVault {
        &self.vault
    }
}
