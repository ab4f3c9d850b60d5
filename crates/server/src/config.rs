//! Configuration: every setting comes from a command-line flag or its environment variable.
//!
//! | variable | default | meaning |
//! |---|---|---|
//! | `KITH_DATABASE_URL` (or `DATABASE_URL`) | SQLite file `<data dir>/kith.db` | `sqlite://…` or `postgres://…` |
//! | `KITH_BIND` | `127.0.0.1:8080` | address to listen on |
//! | `KITH_DATA_DIR` | `./data` | SQLite file, generated development key, e-mail files |
//! | `KITH_CPR_KEY` | generated into `<data dir>/cpr.key` with a warning | base64 of 32 bytes: encrypts CPR numbers at rest |
//! | `KITH_BASE_URL` | `http://<bind>` | the address users reach Kith at (links in e-mails) |
//! | `KITH_COOKIE_SECURE` | `false` | set `true` behind TLS: cookies only over HTTPS |
//! | `KITH_SESSION_TTL_MINUTES` | `480` | log out after this long without activity |
//! | `KITH_SESSION_MAX_HOURS` | `12` | a session ends this long after login, however active |
//! | `KITH_LOG_FORMAT` | `pretty` | `json` for production log shipping |
//! | `KITH_SMTP_URL` | none: e-mails are written to `<data dir>/mail/*.eml` | `smtp://host:25`, `smtp://user:pass@host:587?tls=required`, `smtps://host` |
//! | `KITH_MAIL_FROM` | `Kith <kith@localhost>` | the sender address |
//! | `KITH_CLIENT_IP_HEADER` | none: the connection's peer | the header a trusted proxy writes the client's address into (its last address counts) |
//! | `KITH_JOBS` | `true` | run the scheduled work (planning, reminders, e-mail) in this process |

use std::path::{Path, PathBuf};

use clap::Args;
use kith_app::CprVault;

/// Where the data lives: shared by every subcommand.
#[derive(Debug, Clone, Args)]
pub struct DataArgs {
    /// Database URL; falls back to DATABASE_URL, then to a SQLite file in the data directory.
    #[arg(long, env = "KITH_DATABASE_URL", global = true)]
    pub database_url: Option<String>,
    /// Directory for the SQLite file, the generated development key and e-mail files.
    #[arg(long, env = "KITH_DATA_DIR", default_value = "./data", global = true)]
    pub data_dir: PathBuf,
}

impl DataArgs {
    /// The database URL to use.
    pub fn database_url(&self) -> anyhow::Result<String> {
        if let Some(url) = self.database_url.clone().filter(|u| !u.is_empty()) {
            return Ok(url);
        }
        if let Ok(url) = std::env::var("DATABASE_URL")
            && !url.is_empty()
        {
            return Ok(url);
        }
        std::fs::create_dir_all(&self.data_dir)?;
        let path = self.data_dir.join("kith.db");
        Ok(format!("sqlite://{}?mode=rwc", path.display()))
    }

    /// The CPR vault from `KITH_CPR_KEY`, or from a development key file in the data directory
    /// (created on first use, with a warning: losing it makes stored CPR numbers unreadable).
    pub fn cpr_vault(&self) -> anyhow::Result<CprVault> {
        if let Ok(key) = std::env::var("KITH_CPR_KEY")
            && !key.trim().is_empty()
        {
            return Ok(CprVault::from_base64_key(&key)?);
        }
        let path = self.data_dir.join("cpr.key");
        if !path.exists() {
            std::fs::create_dir_all(&self.data_dir)?;
            write_private(&path, &CprVault::generate_key())?;
            tracing::warn!(
                path = %path.display(),
                "KITH_CPR_KEY is not set: generated a development key; set KITH_CPR_KEY in production and keep it safe"
            );
        }
        let key = std::fs::read_to_string(&path)?;
        Ok(CprVault::from_base64_key(&key)?)
    }
}

fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    opts.open(path)?.write_all(contents.as_bytes())
}

/// Settings of the HTTP server.
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "KITH_BIND", default_value = "127.0.0.1:8080")]
    pub bind: String,
    /// Load the demo municipality first if the database is empty.
    #[arg(long, env = "KITH_DEMO", default_value_t = false)]
    pub demo: bool,
    /// The address users reach Kith at (for links in e-mails and calendar feeds).
    #[arg(long, env = "KITH_BASE_URL")]
    pub base_url: Option<String>,
    /// Send cookies only over HTTPS (set behind TLS).
    #[arg(long, env = "KITH_COOKIE_SECURE", default_value_t = false)]
    pub cookie_secure: bool,
    /// Minutes of inactivity before a session ends.
    #[arg(long, env = "KITH_SESSION_TTL_MINUTES", default_value_t = 480)]
    pub session_ttl_minutes: i64,
    /// Hours a session lasts at most, however active (then log in again).
    #[arg(long, env = "KITH_SESSION_MAX_HOURS", default_value_t = kith_domain::session::DEFAULT_MAX_AGE_HOURS)]
    pub session_max_hours: i64,
    /// The header a trusted reverse proxy puts the client's address in (e.g.
    /// `X-Forwarded-For`; its last address is taken). Unset: the connection's peer address.
    /// Set it only behind a proxy that always writes it, or clients could pick their address.
    #[arg(long, env = "KITH_CLIENT_IP_HEADER")]
    pub client_ip_header: Option<String>,
    /// Run the scheduled work (planning, reminders, sending e-mail) in this process.
    #[arg(long, env = "KITH_JOBS", default_value_t = true, action = clap::ArgAction::Set)]
    pub jobs: bool,
}

/// What the running server needs to know besides the app context.
#[derive(Debug, Clone)]
pub struct Settings {
    pub base_url: String,
    pub cookie_secure: bool,
    pub session_ttl_minutes: i64,
    /// Hours a session lasts at most, however active.
    pub session_max_hours: i64,
    /// Where a trusted proxy puts the client's address (lower case), if Kith is behind one.
    pub client_ip_header: Option<String>,
}

impl Settings {
    /// The absolute lifetime of a session.
    pub fn session_max_age(&self) -> chrono::Duration {
        chrono::Duration::hours(self.session_max_hours)
    }

    /// Settings from the `serve` arguments.
    pub fn from_args(args: &ServeArgs) -> Self {
        Self {
            base_url: args
                .base_url
                .clone()
                .unwrap_or_else(|| format!("http://{}", args.bind)),
            cookie_secure: args.cookie_secure,
            session_ttl_minutes: args.session_ttl_minutes.max(1),
            session_max_hours: args.session_max_hours.max(1),
            client_ip_header: args
                .client_ip_header
                .as_deref()
                .map(str::trim)
                .filter(|h| !h.is_empty())
                .map(str::to_ascii_lowercase),
        }
    }

    /// Settings for tests and local use.
    pub fn local(base_url: impl Into<String>) -> Self {
        Self {
            base_url: base_url.into(),
            cookie_secure: false,
            session_ttl_minutes: 480,
            session_max_hours: kith_domain::session::DEFAULT_MAX_AGE_HOURS,
            client_ip_header: None,
        }
    }
}
