//! tower-sessions' store on Kith's own `session` table (through `kith-app`), so sessions
//! survive restarts and are shared by every instance behind a load balancer.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use kith_app::App;
use time::OffsetDateTime;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{Error, Result, SessionStore};

/// Sessions in the database.
#[derive(Debug, Clone)]
pub struct DbSessionStore {
    app: App,
}

impl DbSessionStore {
    /// A store over the app's database.
    pub fn new(app: App) -> Self {
        Self { app }
    }
}

fn to_chrono(t: OffsetDateTime) -> DateTime<Utc> {
    DateTime::from_timestamp(t.unix_timestamp(), t.nanosecond()).unwrap_or_else(Utc::now)
}

fn to_time(t: DateTime<Utc>) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(t.timestamp()).unwrap_or_else(|_| OffsetDateTime::now_utc())
}

/// The prefix a storage failure's text starts with, so [`app_error`] can give it back its kind.
const STORAGE: &str = "storage unavailable";

fn backend(e: kith_app::AppError) -> Error {
    Error::Backend(kith_app::chain(&e))
}

/// The app error behind a session failure: the database cannot be written (read-only or full
/// disk) or is not reachable. tower-sessions carries only text, so the kind is read back from
/// the text this store wrote.
pub(crate) fn app_error(e: &tower_sessions::session::Error) -> kith_app::AppError {
    let text = e.to_string();
    if text.contains(STORAGE) {
        kith_app::AppError::Storage(format!("session store: {text}").into())
    } else {
        kith_app::AppError::Unavailable(format!("session store: {text}").into())
    }
}

#[async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> Result<()> {
        let data = serde_json::to_string(&record.data).map_err(|e| Error::Encode(e.to_string()))?;
        // A collision of 128-bit random ids is practically impossible, but cheap to handle.
        for _ in 0..4 {
            if kith_app::sessions::create(
                &self.app,
                &record.id.to_string(),
                &data,
                to_chrono(record.expiry_date),
            )
            .await
            .map_err(backend)?
            {
                return Ok(());
            }
            record.id = Id::default();
        }
        Err(Error::Backend("could not allocate a session id".into()))
    }

    async fn save(&self, record: &Record) -> Result<()> {
        let data = serde_json::to_string(&record.data).map_err(|e| Error::Encode(e.to_string()))?;
        kith_app::sessions::save(
            &self.app,
            &record.id.to_string(),
            &data,
            to_chrono(record.expiry_date),
        )
        .await
        .map_err(backend)
    }

    async fn load(&self, id: &Id) -> Result<Option<Record>> {
        let Some((data, expires)) = kith_app::sessions::load(&self.app, &id.to_string())
            .await
            .map_err(backend)?
        else {
            return Ok(None);
        };
        let data = serde_json::from_str(&data).map_err(|e| Error::Decode(e.to_string()))?;
        Ok(Some(Record {
            id: *id,
            data,
            expiry_date: to_time(expires),
        }))
    }

    async fn delete(&self, id: &Id) -> Result<()> {
        kith_app::sessions::delete(&self.app, &id.to_string())
            .await
            .map_err(backend)
    }
}
