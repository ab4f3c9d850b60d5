//! Whose Kith account a person the provider vouched for is: by the provider's subject; the
//! first time, the account an administrator made for them or (where a rule says so) a new one;
//! with roles and units from the provider's groups where the installation takes them from
//! there. The rules are `kith_domain::sign_in`'s; this reads and writes what they decide.

use kith_domain::sign_in::{
    AccessFrom, Account, AccountDecision, ByEmail, ClaimRules, EmailClaim, Refusal, decide,
};
use kith_domain::{Email, Lang, UnitId, UserId};
use kith_store::StoreError;
use kith_store::users::NewUser;
use sea_orm::ConnectionTrait;

use super::flow::Stop;
use super::provider::{IdTokenClaims, ProviderSettings};
use crate::App;
use crate::audit::{self, AuditAction};
use crate::users::{NO_PASSWORD, access_detail};

/// What the provider vouched for, read from a verified ID token.
pub(crate) struct Vouched {
    issuer: String,
    subject: String,
    pub(super) email: Option<String>,
    email_verified: bool,
    name: Option<String>,
    groups: Vec<String>,
}

impl Vouched {
    pub(crate) fn of(claims: &IdTokenClaims, p: &ProviderSettings) -> Self {
        let groups = match &p.access {
            AccessFrom::Claims(rules) => claim_values(claims, &rules.claim),
            AccessFrom::Kith => Vec::new(),
        };
        Self {
            issuer: claims.issuer().as_str().to_owned(),
            subject: claims.subject().as_str().to_owned(),
            email: claims.email().map(|e| e.as_str().to_owned()),
            email_verified: claims.email_verified().unwrap_or(false),
            name: claims
                .name()
                .and_then(|n| n.get(None))
                .map(|n| n.as_str().trim().to_owned())
                .filter(|n| !n.is_empty()),
            groups,
        }
    }
}

/// A claim's values: an array of strings, or one string.
fn claim_values(claims: &IdTokenClaims, claim: &str) -> Vec<String> {
    match claims.additional_claims().0.get(claim) {
        Some(serde_json::Value::Array(values)) => values
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect(),
        Some(serde_json::Value::String(v)) => vec![v.clone()],
        _ => Vec::new(),
    }
}

/// A link or an account that another sign-in made first: this one is refused as unknown.
fn taken(e: StoreError) -> Stop {
    match e {
        StoreError::Duplicate { .. } => Stop::Refused(Refusal::UnknownSubject, None),
        other => other.into(),
    }
}

async fn account<C: ConnectionTrait>(conn: &C, id: i64) -> Result<Option<Account>, Stop> {
    Ok(kith_store::users::get(conn, id).await?.map(|u| Account {
        user_id: u.user.id,
        active: u.user.active,
    }))
}

/// The account the vouched person signs in to, linked or made as the rules decide, its access
/// set from the groups where they decide it; refused as `kith_domain::sign_in::decide` says.
pub(super) async fn account_of(
    app: &App,
    p: &ProviderSettings,
    v: &Vouched,
) -> Result<UserId, Stop> {
    let tx = app.db().begin_write().await?;
    let identity = kith_store::sign_in::identity(&tx, &v.issuer, &v.subject).await?;
    let linked = match &identity {
        Some(i) => account(&tx, i.user_id).await?,
        None => None,
    };
    // The address exactly as the provider vouched for it: plain ASCII with nothing to trim,
    // so no folding of case or of look-alike letters makes it another account's.
    let plain = v
        .email
        .as_deref()
        .filter(|e| e.is_ascii() && e.trim() == *e);
    let email = plain.and_then(|e| Email::parse(e).ok());
    let by_email = match (&identity, &email) {
        (None, Some(email)) => match kith_store::users::find_by_email(&tx, email).await? {
            Some(u) => Some(ByEmail {
                account: Account {
                    user_id: u.user.id,
                    active: u.user.active,
                },
                linked_here: kith_store::sign_in::linked_at(&tx, u.user.id, &v.issuer).await?,
            }),
            None => None,
        },
        _ => None,
    };
    let claim = match (&v.email, &email) {
        (None, _) => EmailClaim::Missing,
        (Some(_), Some(_)) if v.email_verified || p.trust_email => EmailClaim::Verified,
        _ => EmailClaim::Unverified,
    };
    let user = match decide(linked, by_email, claim, p.first_sign_in) {
        AccountDecision::SignIn(id) => {
            if let Some(i) = &identity {
                kith_store::sign_in::touch(&tx, i.id, v.email.as_deref(), app.now()).await?;
            }
            UserId(id)
        }
        AccountDecision::Link(id) => {
            link(app, &tx, p, v, UserId(id)).await?;
            UserId(id)
        }
        AccountDecision::Provision => provision(app, &tx, p, v, email).await?,
        AccountDecision::Refuse(r) => {
            let who = linked
                .or(by_email.map(|b| b.account))
                .map(|a| UserId(a.user_id));
            // The audit trail names the account where there is one to name (the auditor and
            // the administrator look it up; the person is told no more than the text).
            let named = matches!(r, Refusal::Disabled | Refusal::LinkedElsewhere);
            return Err(Stop::Refused(r, who.filter(|_| named)));
        }
    };
    if let AccessFrom::Claims(rules) = &p.access {
        set_access(app, &tx, p, rules, &v.groups, user).await?;
    }
    tx.commit().await.map_err(StoreError::from)?;
    Ok(user)
}

async fn link<C: ConnectionTrait>(
    app: &App,
    tx: &C,
    p: &ProviderSettings,
    v: &Vouched,
    user: UserId,
) -> Result<(), Stop> {
    // Two first sign-ins at once: the other one linked it.
    kith_store::sign_in::link(
        tx,
        user.0,
        &v.issuer,
        &v.subject,
        v.email.as_deref(),
        app.now(),
    )
    .await
    .map_err(taken)?;
    audit::event(
        tx,
        app,
        None,
        AuditAction::IdentityLink,
        "user",
        Some(user.0),
        Some(format!("provider={}", p.name)),
    )
    .await?;
    Ok(())
}

/// A new account from the claims: the groups must give a role; the address must be there.
async fn provision<C: ConnectionTrait>(
    app: &App,
    tx: &C,
    p: &ProviderSettings,
    v: &Vouched,
    email: Option<Email>,
) -> Result<UserId, Stop> {
    let AccessFrom::Claims(rules) = &p.access else {
        return Err(Stop::Refused(Refusal::UnknownSubject, None));
    };
    let email = email.ok_or(Stop::Refused(Refusal::NoEmail, None))?;
    let name = v.name.clone().unwrap_or_else(|| email.as_str().to_owned());
    if !rules.access(&v.groups).gives_a_role() {
        return Err(Stop::Refused(Refusal::NoRole, None));
    }
    let new = NewUser {
        email,
        name: name.chars().take(200).collect(),
        password_hash: NO_PASSWORD.to_owned(),
        locale: Lang::Da,
        active: true,
    };
    // The address is someone's already (made at the same moment by another sign-in).
    let id = kith_store::users::insert(tx, &new, app.now())
        .await
        .map_err(taken)?;
    audit::event(
        tx,
        app,
        None,
        AuditAction::UserCreate,
        "user",
        Some(id),
        Some(format!("provider={}", p.name)),
    )
    .await?;
    link(app, tx, p, v, UserId(id)).await?;
    Ok(UserId(id))
}

/// Sets the roles and units the groups give, audited when they change; groups that give no
/// role (the person left every group Kith knows) refuse the sign-in.
async fn set_access<C: ConnectionTrait>(
    app: &App,
    tx: &C,
    p: &ProviderSettings,
    rules: &ClaimRules,
    groups: &[String],
    user: UserId,
) -> Result<(), Stop> {
    let claimed = rules.access(groups);
    if !claimed.gives_a_role() {
        return Err(Stop::Refused(Refusal::NoRole, Some(user)));
    }
    let mut units = Vec::new();
    for name in &claimed.unit_names {
        match kith_store::units::find_by_name(tx, name).await? {
            Some(u) => units.push(UnitId(u.id)),
            None => {
                tracing::warn!(provider = %p.name, "a unit named in the group rules does not exist")
            }
        }
    }
    let before = kith_store::users::get(tx, user.0)
        .await?
        .ok_or(Stop::Refused(Refusal::UnknownSubject, None))?;
    let before_units: Vec<UnitId> = before.unit_ids.iter().copied().map(UnitId).collect();
    let now = access_detail(&claimed.roles, &units);
    if now == access_detail(&before.roles, &before_units) {
        return Ok(());
    }
    kith_store::users::set_roles(tx, user.0, &claimed.roles).await?;
    let ids: Vec<i64> = units.iter().map(|u| u.0).collect();
    kith_store::users::set_units(tx, user.0, &ids).await?;
    audit::event(
        tx,
        app,
        None,
        AuditAction::UserAccessChange,
        "user",
        Some(user.0),
        Some(format!("{now};provider={}", p.name)),
    )
    .await?;
    Ok(())
}
