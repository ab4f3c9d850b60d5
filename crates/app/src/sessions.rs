//! Persistence of login sessions for the server's session layer. The session id from the
//! cookie is hashed before it touches the database.

use chrono::{DateTime, Utc};

use crate::auth::token_hash;
use crate::{App, Result};

/// Loads a session's data (JSON) if it exists and has not expired.
///
/// Expiry is judged by the real clock, not the app's (which tests may set): a session is an
/// infrastructure fact, not a domain one.
pub async fn load(app: &App, session_id: &str) -> Result<Option<(String, DateTime<Utc>)>> {
    Ok(kith_store::sessions::load(app.db().conn(), &token_hash(session_id), Utc::now()).await?)
}

/// Creates a session; false if the id is taken (the caller draws a new one).
pub async fn create(
    app: &App,
    session_id: &str,
    data: &str,
    expires_at: DateTime<Utc>,
) -> Result<bool> {
    Ok(
        kith_store::sessions::create(app.db().conn(), &token_hash(session_id), data, expires_at)
            .await?,
    )
}

/// Saves a session's data and expiry.
pub async fn save(
    app: &App,
    session_id: &str,
    data: &str,
    expires_at: DateTime<Utc>,
) -> Result<()> {
    Ok(
        kith_store::sessions::save(app.db().conn(), &token_hash(session_id), data, expires_at)
            .await?,
    )
}

/// Deletes a session (logout, or a new id at login).
pub async fn delete(app: &App, session_id: &str) -> Result<()> {
    Ok(kith_store::sessions::delete(app.db().conn(), &token_hash(session_id)).await?)
}

/// Removes expired sessions; returns how many.
pub async fn purge_expired(app: &App) -> Result<u64> {
    Ok(kith_store::sessions::delete_expired(app.db().conn(), Utc::now()).await?)
}
