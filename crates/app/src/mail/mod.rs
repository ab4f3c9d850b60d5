//! E-mail: what each e-mail says (rendered from the templates in `web/templates/emails`, in
//! the recipient's language) and the outbox sender.
//!
//! E-mails are rows in `outbox_email`, written in the same transaction as their cause. The
//! sender leases due rows (so several instances never send one twice), hands each to a
//! [`Transport`], and marks it sent, or schedules a retry with exponential backoff, or gives
//! up with the reason after [`MAX_ATTEMPTS`] or a permanent refusal. An SMTP outage loses
//! nothing: the rows wait. E-mails carry no personal data: what kind of work is due, how
//! many, and links into Kith.

pub mod render;
pub mod sender;

pub use render::{Rendered, render};
pub use sender::{MAX_ATTEMPTS, SendSummary, retry_delay, send_due};

use std::sync::Mutex;

/// An e-mail ready for a transport.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingEmail {
    /// The outbox row.
    pub outbox_id: i64,
    /// A stable Message-ID for the row, so a receiving system can drop a duplicate if the
    /// process died between handing the e-mail over and marking it sent.
    pub message_id: String,
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Why a transport could not hand an e-mail over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendError {
    /// The receiving server refused it for good (a 5xx reply): retrying will not help.
    pub permanent: bool,
    pub message: String,
}

/// Something that delivers e-mails: SMTP and files in the server, a stub in unit tests.
#[async_trait::async_trait]
pub trait Transport: Send + Sync + std::fmt::Debug {
    /// Hands one e-mail over. An error is never "maybe sent": the row is retried.
    async fn send(&self, email: &OutgoingEmail) -> Result<(), SendError>;
}

/// A transport that keeps what it is given (unit tests).
#[derive(Debug, Default)]
pub struct StubTransport {
    sent: Mutex<Vec<OutgoingEmail>>,
    failing: Mutex<Option<SendError>>,
}

impl StubTransport {
    /// What was sent so far.
    pub fn sent(&self) -> Vec<OutgoingEmail> {
        self.sent.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Makes every send fail with `error` (or succeed again with `None`).
    pub fn fail_with(&self, error: Option<SendError>) {
        *self.failing.lock().unwrap_or_else(|p| p.into_inner()) = error;
    }
}

#[async_trait::async_trait]
impl Transport for StubTransport {
    async fn send(&self, email: &OutgoingEmail) -> Result<(), SendError> {
        if let Some(e) = self
            .failing
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
        {
            return Err(e);
        }
        self.sent
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(email.clone());
        Ok(())
    }
}
