//! The outbox sender: leases due rows, sends them, records the outcome. Run by a worker in
//! every `kith serve` and by `kith jobs send`; several at once never send a row twice.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use super::{OutgoingEmail, Transport, render};
use crate::{App, Result};

/// Attempts before an e-mail is given up on (with exponential backoff this spans about a
/// day and a half).
pub const MAX_ATTEMPTS: i32 = 12;
/// How long a sender holds a row; a sender that dies releases it when the lease runs out.
const LEASE: Duration = Duration::minutes(2);
/// Rows per round.
const BATCH: u64 = 50;

/// What a round of sending did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SendSummary {
    pub sent: usize,
    /// Failed this time, to be retried.
    pub retrying: usize,
    /// Given up on (permanent refusal, too many attempts, no such recipient).
    pub failed: usize,
}

/// The wait before attempt `attempts + 1`: 30 s, 1 min, 2 min, ... at most 6 hours.
pub fn retry_delay(attempts: i32) -> Duration {
    let exp = attempts.clamp(0, 20) as u32;
    let secs = 30i64.saturating_mul(1i64 << exp);
    Duration::seconds(secs.min(6 * 3600))
}

/// Sends every e-mail that is due, in rounds, until none is left or a round sends nothing.
pub async fn send_due(app: &App, transport: &dyn Transport, who: &str) -> Result<SendSummary> {
    let mut total = SendSummary::default();
    loop {
        let round = send_round(app, transport, who).await?;
        total.sent += round.sent;
        total.retrying += round.retrying;
        total.failed += round.failed;
        if round.sent + round.failed == 0 || round == SendSummary::default() {
            return Ok(total);
        }
    }
}

async fn send_round(app: &App, transport: &dyn Transport, who: &str) -> Result<SendSummary> {
    let conn = app.db().conn();
    let now = app.now();
    let rows = kith_store::outbox::lease_due(conn, who, now, now + LEASE, BATCH).await?;
    let mut summary = SendSummary::default();
    for row in rows {
        let recipient = kith_store::users::get(conn, row.recipient_id).await?;
        let Some(recipient) = recipient.filter(|r| r.user.active) else {
            kith_store::outbox::mark_attempt_failed(
                conn,
                row.id,
                who,
                "no such active recipient",
                None,
            )
            .await?;
            summary.failed += 1;
            continue;
        };
        let lang = *recipient.user.locale;
        let rendered = match crate::credentials::unseal_payload(app, &row.kind, &row.payload)
            .and_then(|payload| render(&row.kind, &payload, lang, app.base_url()))
        {
            Ok(r) => r,
            Err(e) => {
                tracing::error!(outbox_id = row.id, kind = %row.kind, error = %e, "e-mail cannot be rendered");
                kith_store::outbox::mark_attempt_failed(
                    conn,
                    row.id,
                    who,
                    "cannot be rendered",
                    None,
                )
                .await?;
                summary.failed += 1;
                continue;
            }
        };
        let email = OutgoingEmail {
            outbox_id: row.id,
            message_id: message_id(row.id, row.created_at),
            to: recipient.user.email.clone(),
            subject: rendered.subject,
            text: rendered.text,
            html: rendered.html,
        };
        match transport.send(&email).await {
            Ok(()) => {
                kith_store::outbox::mark_sent(conn, row.id, who, app.now()).await?;
                tracing::info!(outbox_id = row.id, kind = %row.kind, "e-mail sent");
                summary.sent += 1;
            }
            Err(e) => {
                let attempts = row.attempts + 1;
                let give_up = e.permanent || attempts >= MAX_ATTEMPTS;
                let retry_at = (!give_up).then(|| app.now() + retry_delay(row.attempts));
                kith_store::outbox::mark_attempt_failed(conn, row.id, who, &e.message, retry_at)
                    .await?;
                tracing::warn!(
                    outbox_id = row.id,
                    attempts,
                    permanent = e.permanent,
                    gave_up = give_up,
                    error = %e.message,
                    "e-mail not sent"
                );
                if give_up {
                    summary.failed += 1;
                } else {
                    summary.retrying += 1;
                }
            }
        }
    }
    Ok(summary)
}

/// A Message-ID that is the same on every attempt for a row.
fn message_id(id: i64, created_at: DateTime<Utc>) -> String {
    format!("<outbox-{id}-{}@kith>", created_at.timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_thirty_seconds_and_stops_at_six_hours() {
        assert_eq!(retry_delay(0), Duration::seconds(30));
        assert_eq!(retry_delay(1), Duration::seconds(60));
        assert_eq!(retry_delay(5), Duration::seconds(960));
        assert_eq!(retry_delay(10), Duration::hours(6));
        assert_eq!(retry_delay(100), Duration::hours(6));
    }
}
