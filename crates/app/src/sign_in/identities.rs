//! An administrator's view of a person's links to the identity providers, and undoing them:
//! when the person got a new account at the provider, or the first sign-in linked the wrong
//! one, their next sign-in links again (by the address the provider vouches for).

use chrono::{DateTime, Utc};
use kith_domain::UserId;
use serde::Serialize;

use crate::audit::{self, AuditAction};
use crate::{Actor, App, AppError, Result, policy};

/// A person's link to an identity provider (never the subject itself: it identifies them
/// there, and an administrator needs only to know that the link is there and used).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct IdentityView {
    /// The provider as the sign-in page names it, or its issuer URL where it is no longer
    /// configured.
    pub provider: String,
    /// The address the provider sent at the last sign-in (to recognise a wrong link by).
    pub email: Option<String>,
    pub linked_at: DateTime<Utc>,
    pub last_sign_in_at: Option<DateTime<Utc>>,
}

fn same_issuer(a: &str, b: &str) -> bool {
    a.trim_end_matches('/') == b.trim_end_matches('/')
}

/// The providers a person is linked to (administrators).
pub async fn of_user(app: &App, actor: &Actor, user: UserId) -> Result<Vec<IdentityView>> {
    policy::require_admin(actor)?;
    kith_store::users::get(app.db().conn(), user.0)
        .await?
        .ok_or(AppError::NotFound("user"))?;
    let linked = kith_store::sign_in::of_user(app.db().conn(), user.0).await?;
    Ok(linked
        .into_iter()
        .map(|i| IdentityView {
            provider: app
                .providers()
                .choices_with_issuers()
                .find(|(_, issuer)| same_issuer(issuer, &i.issuer))
                .map(|(choice, _)| choice.display_name)
                .unwrap_or(i.issuer),
            email: i.email,
            linked_at: i.created_at,
            last_sign_in_at: i.last_sign_in_at,
        })
        .collect())
}

/// Undoes every provider link of a person (administrators; audited, with how many there
/// were) and ends their sessions: whoever signed in through a wrong link is out at once. Their
/// next sign-in through a provider links again as a first one does.
pub async fn unlink(app: &App, actor: &Actor, user: UserId) -> Result<()> {
    policy::require_admin(actor)?;
    kith_store::users::get(app.db().conn(), user.0)
        .await?
        .ok_or(AppError::NotFound("user"))?;
    let tx = app.db().begin_write().await?;
    let removed = kith_store::sign_in::unlink_all(&tx, user.0).await?;
    // Whoever was signed in through the link, perhaps the wrong person, is out at once.
    kith_store::users::end_sessions(&tx, user.0, Utc::now()).await?;
    audit::event(
        &tx,
        app,
        Some(actor.id),
        AuditAction::IdentityUnlink,
        "user",
        Some(user.0),
        Some(format!("links={removed}")),
    )
    .await?;
    tx.commit().await.map_err(kith_store::StoreError::from)?;
    Ok(())
}
