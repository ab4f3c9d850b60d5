//! Configuration: every setting comes from a command-line flag or its environment variable.
//!
//! | variable | default | meaning |
//! |---|---|---|
//! | `KITH_DATABASE_URL` (or `DATABASE_URL`) | SQLite file `<data dir>/kith.db` | `sqlite://…` or `postgres://…` |
//! | `KITH_LOG` | `info,sqlx=warn,sea_orm=warn` | what is logged (a tracing filter) |
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
//! | `KITH_TRUSTED_PROXIES` | `127.0.0.1,::1` | the proxies whose client-address header is believed |
//! | `KITH_SIGN_IN_PROVIDERS` | none: e-mail and password only | a TOML file naming the identity providers people sign in through (OpenID Connect; `sign_in_config.rs`, `docs/OPERATIONS.md`) |
//! | `KITH_PASSWORD_SIGN_IN` | `true` | `false`: only the identity providers sign in (no passwords, no reset links) |
//! | `KITH_JOBS` | `true` | run the scheduled work (planning, reminders, e-mail) in this process |
//!
//! `kith --help` lists every one. Values that are secrets (the database URL may hold a
//! password, the CPR key, a user's password) are never shown by `--help` or `Debug`.

use std::path::{Path, PathBuf};

use clap::Args;
use kith_app::CprVault;
use secrecy::{ExposeSecret, SecretString};

/// Where the data lives: shared by every subcommand.
#[derive(Debug, Clone, Args)]
pub struct DataArgs {
    /// Database URL; falls back to DATABASE_URL, then to a SQLite file in the data directory.
    #[arg(long, env = "KITH_DATABASE_URL", global = true, hide_env_values = true, value_parser = secret)]
    pub database_url: Option<SecretString>,
    /// The conventional name of the database URL, used when KITH_DATABASE_URL is not set.
    #[arg(long, env = "DATABASE_URL", global = true, hide_env_values = true, value_parser = secret)]
    pub fallback_database_url: Option<SecretString>,
    /// The key that encrypts CPR numbers at rest: base64 of 32 bytes. Unset: a development key
    /// is generated into the data directory, with a warning.
    #[arg(long, env = "KITH_CPR_KEY", global = true, hide_env_values = true, value_parser = secret)]
    pub cpr_key: Option<SecretString>,
    /// Directory for the SQLite file, the generated development key and e-mail files.
    #[arg(long, env = "KITH_DATA_DIR", default_value = "./data", global = true)]
    pub data_dir: PathBuf,
}

impl DataArgs {
    /// The database URL to use.
    pub fn database_url(&self) -> anyhow::Result<String> {
        let given = [&self.database_url, &self.fallback_database_url]
            .into_iter()
            .flatten()
            .map(|u| u.expose_secret().trim())
            .find(|u| !u.is_empty());
        if let Some(url) = given {
            return Ok(url.to_owned());
        }
        std::fs::create_dir_all(&self.data_dir)?;
        let path = self.data_dir.join("kith.db");
        Ok(format!("sqlite://{}?mode=rwc", path.display()))
    }

    /// The CPR vault from `KITH_CPR_KEY`, or from a development key file in the data directory
    /// (created on first use, with a warning: losing it makes stored CPR numbers unreadable).
    pub fn cpr_vault(&self) -> anyhow::Result<CprVault> {
        if let Some(key) = &self.cpr_key
            && !key.expose_secret().trim().is_empty()
        {
            return Ok(CprVault::from_base64_key(key.expose_secret())?);
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

/// A secret setting: kept out of `Debug` and dropped from memory with its value.
pub fn secret(value: &str) -> Result<SecretString, std::convert::Infallible> {
    Ok(SecretString::from(value.to_owned()))
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
    /// The proxies whose client-address header is believed (addresses or CIDR ranges,
    /// separated by commas); a request from anywhere else counts by its own address.
    #[arg(long, env = "KITH_TRUSTED_PROXIES", default_value = "127.0.0.1,::1")]
    pub trusted_proxies: String,
    /// A TOML file naming the identity providers people sign in through (OpenID Connect).
    #[arg(long, env = "KITH_SIGN_IN_PROVIDERS")]
    pub sign_in_providers: Option<PathBuf>,
    /// Whether e-mail and password sign in (false: only the identity providers).
    #[arg(long, env = "KITH_PASSWORD_SIGN_IN", default_value_t = true, action = clap::ArgAction::Set)]
    pub password_sign_in: bool,
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
    /// The proxies that header is believed from.
    pub trusted_proxies: Vec<Cidr>,
}

/// An address range (`10.0.0.0/8`, `fd00::/8`) or one address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    addr: std::net::IpAddr,
    bits: u32,
}

impl Cidr {
    /// Reads `addr` or `addr/bits`; `None` for anything else.
    pub fn parse(text: &str) -> Option<Self> {
        let (addr, bits) = match text.trim().split_once('/') {
            Some((a, b)) => (a.parse().ok()?, b.parse().ok()?),
            None => {
                let a: std::net::IpAddr = text.trim().parse().ok()?;
                (a, if a.is_ipv4() { 32 } else { 128 })
            }
        };
        let max = if matches!(addr, std::net::IpAddr::V4(_)) {
            32
        } else {
            128
        };
        (bits <= max).then_some(Cidr { addr, bits })
    }

    /// Whether `ip` lies in the range.
    pub fn contains(&self, ip: std::net::IpAddr) -> bool {
        use std::net::IpAddr::{V4, V6};
        let (a, b, width) = match (self.addr, ip) {
            (V4(a), V4(b)) => (u128::from(u32::from(a)), u128::from(u32::from(b)), 32),
            (V6(a), V6(b)) => (u128::from(a), u128::from(b), 128),
            _ => return false,
        };
        if self.bits == 0 {
            return true;
        }
        let shift = width - self.bits;
        (a >> shift) == (b >> shift)
    }
}

/// Parses a comma-separated list of ranges, skipping (and logging) what does not parse.
pub fn parse_ranges(text: &str) -> Vec<Cidr> {
    text.split(',')
        .filter(|t| !t.trim().is_empty())
        .filter_map(|t| {
            let c = Cidr::parse(t);
            if c.is_none() {
                tracing::warn!(range = t.trim(), "not an address or range: ignored");
            }
            c
        })
        .collect()
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
            trusted_proxies: parse_ranges(&args.trusted_proxies),
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
            trusted_proxies: parse_ranges("127.0.0.1,::1"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_hold_what_they_name() {
        let ip = |s: &str| s.parse::<std::net::IpAddr>().unwrap();
        let r = parse_ranges("10.0.0.0/8, 192.168.1.7, fd00::/8, nonsense, 10.0.0.0/40");
        assert_eq!(r.len(), 3);
        assert!(r[0].contains(ip("10.200.3.4")) && !r[0].contains(ip("11.0.0.1")));
        assert!(r[1].contains(ip("192.168.1.7")) && !r[1].contains(ip("192.168.1.8")));
        assert!(r[2].contains(ip("fd12::1")) && !r[2].contains(ip("fe80::1")));
        assert!(!r[0].contains(ip("::ffff:10.0.0.1")), "families do not mix");
    }
}
