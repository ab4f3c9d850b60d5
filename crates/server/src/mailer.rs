//! The e-mail transports (lettre): SMTP for production, `.eml` files in the data directory
//! when no SMTP server is configured. Both implement `kith_app::mail::Transport`; the app
//! decides what to send and records the outcome.

use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context;
use kith_app::mail::{OutgoingEmail, SendError, Transport};
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::PoolConfig;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// How e-mail leaves Kith. The SMTP address may hold a user and password: `Debug` shows
/// neither.
#[derive(Clone, clap::Args)]
pub struct MailArgs {
    /// SMTP server, e.g. `smtp://relay.kommune.dk:25`, `smtp://user:pass@host:587?tls=required`
    /// or `smtps://host`. Without it e-mails are written as .eml files under the data
    /// directory.
    #[arg(long, env = "KITH_SMTP_URL", global = true, hide_env_values = true)]
    pub smtp_url: Option<String>,
    /// The sender address.
    #[arg(
        long,
        env = "KITH_MAIL_FROM",
        default_value = "Kith <kith@localhost>",
        global = true
    )]
    pub mail_from: String,
}

impl std::fmt::Debug for MailArgs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MailArgs")
            .field("smtp_url", &self.smtp_url.as_ref().map(|_| "[redacted]"))
            .field("mail_from", &self.mail_from)
            .finish()
    }
}

impl MailArgs {
    /// The transport these settings describe; files go to `<data dir>/mail`.
    pub fn transport(&self, data_dir: &std::path::Path) -> anyhow::Result<Box<dyn Transport>> {
        let from = sender(&self.mail_from)?;
        match self.smtp_url.as_deref().filter(|u| !u.is_empty()) {
            Some(url) => Ok(Box::new(SmtpTransport::new(url, &self.mail_from)?)),
            None => {
                let dir = data_dir.join("mail");
                std::fs::create_dir_all(&dir)
                    .with_context(|| format!("creating {}", dir.display()))?;
                Ok(Box::new(FileTransport::new(dir, from)))
            }
        }
    }
}

fn sender(from: &str) -> anyhow::Result<Mailbox> {
    from.parse()
        .context("KITH_MAIL_FROM is not an e-mail address")
}

/// Builds the MIME message: a text part and an HTML part, a stable Message-ID.
fn message(from: &Mailbox, email: &OutgoingEmail) -> Result<Message, SendError> {
    let to: Mailbox = email.to.parse().map_err(|e| SendError {
        permanent: true,
        message: format!("bad recipient address: {e}"),
    })?;
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(email.subject.clone())
        .message_id(Some(email.message_id.clone()))
        .multipart(MultiPart::alternative_plain_html(
            email.text.clone(),
            email.html.clone(),
        ))
        .map_err(|e| SendError {
            permanent: true,
            message: format!("cannot build the message: {e}"),
        })
}

/// SMTP with a small connection pool whose idle connections are dropped quickly (a relay
/// that closes an idle connection otherwise breaks the next send).
pub struct SmtpTransport {
    inner: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

/// Shows the sender only: the transport holds the relay's credentials.
impl std::fmt::Debug for SmtpTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpTransport")
            .field("from", &self.from)
            .finish_non_exhaustive()
    }
}

impl SmtpTransport {
    /// A transport for an `smtp://` or `smtps://` URL, sending as `from`.
    pub fn new(url: &str, from: &str) -> anyhow::Result<Self> {
        let from = sender(from)?;
        let inner = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .context("KITH_SMTP_URL is not a valid SMTP URL")?
            .timeout(Some(Duration::from_secs(20)))
            .pool_config(
                PoolConfig::new()
                    .max_size(4)
                    .idle_timeout(Duration::from_secs(10)),
            )
            .build();
        Ok(Self { inner, from })
    }
}

#[async_trait::async_trait]
impl Transport for SmtpTransport {
    async fn send(&self, email: &OutgoingEmail) -> Result<(), SendError> {
        let refused = |e: lettre::transport::smtp::Error| SendError {
            permanent: e.is_permanent(),
            message: e.to_string(),
        };
        deliver(&self.inner, message(&self.from, email)?, refused).await
    }
}

/// Writes each e-mail as an `.eml` file (development, and when no SMTP server is set).
#[derive(Debug)]
pub struct FileTransport {
    inner: AsyncFileTransport<Tokio1Executor>,
    dir: PathBuf,
    from: Mailbox,
}

impl FileTransport {
    /// A transport writing into `dir`.
    pub fn new(dir: PathBuf, from: Mailbox) -> Self {
        Self {
            inner: AsyncFileTransport::new(&dir),
            dir,
            from,
        }
    }
}

#[async_trait::async_trait]
impl Transport for FileTransport {
    async fn send(&self, email: &OutgoingEmail) -> Result<(), SendError> {
        let dir = self.dir.display();
        let failed = |e: lettre::transport::file::Error| SendError {
            permanent: false,
            message: format!("cannot write to {dir}: {e}"),
        };
        deliver(&self.inner, message(&self.from, email)?, failed).await
    }
}

/// Hands a message to lettre's transport; its error, as `failed` says, permanent or not.
async fn deliver<T: AsyncTransport + Sync>(
    transport: &T,
    msg: Message,
    failed: impl FnOnce(T::Error) -> SendError,
) -> Result<(), SendError> {
    transport.send(msg).await.map(|_| ()).map_err(failed)
}
