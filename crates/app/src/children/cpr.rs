//! Checking CPR numbers against the register without making the register an oracle.
//!
//! Registering a child (alone or by import) must not register a CPR number twice, so the
//! number is looked up. Answering "already registered" for a case the person cannot see
//! would tell them that this CPR number is a child in care. So:
//!
//! - every number checked leaves an audit row (`child.cpr_check`, with the child it matched,
//!   so that child's trail shows who checked its number, and the result);
//! - a number in a case the person can read is named as a duplicate;
//! - a number in a case they cannot read refuses the registration with a neutral message
//!   that names no case and no row, and their unit's leaders are told by e-mail;
//! - a person whose requests met hidden cases three times in a day is refused any further
//!   check for a day (`LoginThrottle::cpr_probes`), charged before the check so parallel
//!   requests cannot probe past it. A request that meets no hidden case is refunded only
//!   when the numbers are registered by it (a new child, an import), so the answer "not in
//!   care" always costs a real record; a change of a child's number is always charged, and
//!   an import's dry run does not check the register at all.
//! - the caller's leaders and every data-protection auditor are told.

use kith_domain::throttle::{LoginThrottle, Verdict};
use kith_domain::{ChildId, Cpr, Role};
use kith_store::audit::AuditEntry;
use kith_store::outbox::NewEmail;

use crate::audit::AuditAction;
use crate::auth::{CPR_PROBES, token_hash};
use crate::mail::render::kinds;
use crate::{Actor, App, AppError, Result, policy};

/// A number already in the register, as the one checking may know it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Clash {
    /// In a case the actor can read: named.
    Visible(ChildId),
    /// In a case the actor cannot read: never named.
    Hidden,
}

/// What the actor is told when a number is in a case they cannot see.
pub(crate) const HIDDEN_MESSAGE: &str = "problem.cpr_hidden";

/// The refusal of a number in a case the actor cannot see (409, no field named).
pub(crate) fn hidden_refusal() -> AppError {
    AppError::Conflict {
        field: None,
        message: HIDDEN_MESSAGE.into(),
    }
}

fn probe_key(actor: &Actor) -> String {
    format!("{CPR_PROBES}{}", token_hash(&format!("cpr:{}", actor.id.0)))
}

/// Checks `numbers` (the second of each pair skipped when it is the child being changed)
/// against the register for `actor`, in one request: charged to the actor's probe counter
/// first, every number audited, hidden clashes reported to the actor's leaders. The answer
/// lists, per number, the clash if there is one.
pub(crate) async fn check(
    app: &App,
    actor: &Actor,
    numbers: &[(&Cpr, Option<ChildId>)],
    registers: bool,
) -> Result<Vec<Option<Clash>>> {
    if numbers.is_empty() {
        return Ok(vec![]);
    }
    let conn = app.db().conn();
    let rule = LoginThrottle::cpr_probes();
    let key = probe_key(actor);
    let now = app.now();
    let counter = kith_store::login_attempts::charge(conn, &key, &rule, now).await?;
    if let Verdict::Locked(secs) = rule.verdict(&counter, now) {
        return Err(AppError::TooManyAttempts {
            retry_after_secs: secs,
        });
    }
    let readable = policy::child_read_scope(actor);
    let mut found = Vec::with_capacity(numbers.len());
    let mut entries = Vec::with_capacity(numbers.len());
    for (cpr, except) in numbers {
        let hash = app.vault().lookup_hash(cpr);
        let matched = kith_store::children::find_by_cpr_hash(conn, &hash)
            .await?
            .map(ChildId)
            .filter(|id| Some(*id) != *except);
        let clash = match matched {
            None => None,
            Some(id)
                if !readable.is_empty()
                    && kith_store::children::get_in_scope(conn, id.0, &readable)
                        .await?
                        .is_some() =>
            {
                Some(Clash::Visible(id))
            }
            Some(_) => Some(Clash::Hidden),
        };
        entries.push(AuditEntry {
            actor_id: Some(actor.id.0),
            action: AuditAction::CprCheck.as_str().to_owned(),
            entity: "cpr_check",
            entity_id: None,
            child_id: matched.map(|c| c.0),
            detail: Some(
                match clash {
                    None => "result=free",
                    Some(Clash::Visible(_)) => "result=visible",
                    Some(Clash::Hidden) => "result=hidden",
                }
                .to_owned(),
            ),
        });
        found.push(clash);
    }
    kith_store::audit::append(conn, &entries, now).await?;
    if found.contains(&Some(Clash::Hidden)) {
        tell_leaders(app, actor, counter.failures).await?;
    } else if registers {
        kith_store::login_attempts::refund(conn, &key).await?;
    }
    Ok(found)
}

/// E-mails the leaders of the actor's units and the data-protection auditors that a number in
/// a hidden case was entered (who, by id; no CPR number, no name).
async fn tell_leaders(app: &App, actor: &Actor, nth: u32) -> Result<()> {
    let conn = app.db().conn();
    let mut leaders =
        kith_store::users::in_units_with_role(conn, &actor.unit_ids(), Role::Leader).await?;
    leaders.extend(
        kith_store::users::with_role(conn, Role::Auditor)
            .await?
            .into_iter()
            .filter(|u| u.user.active)
            .map(|u| u.user.id),
    );
    leaders.sort_unstable();
    leaders.dedup();
    let payload = serde_json::json!({ "staff_id": actor.id.0 }).to_string();
    let stamp = app.now().timestamp_millis();
    let emails: Vec<NewEmail> = leaders
        .into_iter()
        .filter(|l| *l != actor.id.0)
        .map(|leader| NewEmail {
            recipient_id: leader,
            kind: kinds::CPR_CLASH.to_owned(),
            payload: payload.clone(),
            dedupe_key: format!("cpr_clash:{}:{stamp}:{nth}:{leader}", actor.id.0),
        })
        .collect();
    kith_store::outbox::enqueue(conn, &emails, app.now()).await?;
    tracing::warn!(
        staff_id = actor.id.0,
        "a CPR number of a case outside the person's access was entered"
    );
    Ok(())
}
