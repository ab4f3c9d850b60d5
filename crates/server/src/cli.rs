//! The `kith` command line. Every flag can also come from its environment variable.

use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use clap::{Parser, Subcommand};
use kith_app::{App, SystemClock};
use kith_domain::Role;

use crate::config::{DataArgs, ServeArgs};
use crate::{AppState, Settings};

/// Kith: placement matching and follow-up for municipal children's services.
#[derive(Debug, Parser)]
#[command(name = "kith", version, about)]
pub struct Cli {
    /// Log as JSON lines (for log shipping) instead of for people.
    #[arg(
        long,
        env = "KITH_LOG_FORMAT",
        value_enum,
        default_value = "pretty",
        global = true
    )]
    log_format: crate::telemetry::LogFormat,
    /// What to log: a tracing filter.
    #[arg(
        long,
        env = "KITH_LOG",
        default_value = "info,sqlx=warn,sea_orm=warn",
        global = true
    )]
    log: String,
    #[command(flatten)]
    data: DataArgs,
    #[command(flatten)]
    mail: crate::mailer::MailArgs,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the web server (applies migrations first).
    Serve(ServeArgs),
    /// Apply database migrations and exit.
    Migrate,
    /// Load the demo municipality into an empty database and print the demo logins.
    Demo(DemoArgs),
    /// Manage users.
    #[command(subcommand)]
    User(UserCommand),
    /// Manage API tokens.
    #[command(subcommand)]
    Token(TokenCommand),
    /// Scheduled work: run what is due now (or at a given moment), send queued e-mail.
    #[command(subcommand)]
    Jobs(JobsCommand),
}

#[derive(Debug, Subcommand)]
enum JobsCommand {
    /// Run the work due at a moment (default: now): the nightly re-planning, the morning
    /// digests, escalations and first-visit reminders. Safe to run while servers run: each
    /// run is claimed once.
    RunOnce {
        /// The moment, e.g. 2026-11-23T06:00:00Z (RFC 3339).
        #[arg(long)]
        at: Option<chrono::DateTime<chrono::FixedOffset>>,
        /// The address users reach Kith at (for links in e-mails).
        #[arg(long, env = "KITH_BASE_URL")]
        base_url: Option<String>,
    },
    /// Re-plan every placement's wheel now (or as of a moment), whatever the hour: after a
    /// restore or an import. Prints what changed; an unchanged plan changes nothing.
    Plan {
        /// The day to plan from, e.g. 2026-11-23T06:00:00Z (default: now).
        #[arg(long)]
        at: Option<chrono::DateTime<chrono::FixedOffset>>,
    },
    /// Send the queued e-mails that are due, then exit.
    Send {
        /// The moment to send as of (default: now).
        #[arg(long)]
        at: Option<chrono::DateTime<chrono::FixedOffset>>,
        #[arg(long, env = "KITH_BASE_URL")]
        base_url: Option<String>,
    },
}

/// What to load.
#[derive(Debug, Clone, clap::Args)]
struct DemoArgs {
    /// Load synthetic data at scale (for benchmarks) instead of the demo municipality.
    #[arg(long, env = "KITH_DEMO_SYNTHETIC")]
    synthetic: bool,
    /// With --synthetic: national scale (7,000 options, 14,000 placements, 300 staff).
    #[arg(long)]
    national: bool,
    #[arg(long, default_value_t = 1000)]
    options: usize,
    #[arg(long, default_value_t = 300)]
    children: usize,
    #[arg(long, default_value_t = 0)]
    placements: usize,
    #[arg(long, default_value_t = 50)]
    staff: usize,
}

#[derive(Debug, Subcommand)]
enum UserCommand {
    /// Add a user. The password comes from --password (KITH_PASSWORD) or is asked for.
    Add {
        /// The user's first password.
        #[arg(long, env = "KITH_PASSWORD", hide_env_values = true, value_parser = crate::config::secret)]
        password: Option<secrecy::SecretString>,
        #[arg(long, env = "KITH_USER_EMAIL")]
        email: String,
        #[arg(long, env = "KITH_USER_NAME")]
        name: String,
        /// A role (matcher, consultant, adviser, leader, admin); repeat for several
        /// (KITH_USER_ROLES: comma-separated).
        #[arg(
            long = "role",
            required = true,
            env = "KITH_USER_ROLES",
            value_delimiter = ','
        )]
        roles: Vec<Role>,
        /// A unit by name; repeat for several (KITH_USER_UNITS: comma-separated).
        #[arg(long = "unit", env = "KITH_USER_UNITS", value_delimiter = ',')]
        units: Vec<String>,
    },
}

#[derive(Debug, Subcommand)]
enum TokenCommand {
    /// Create an API token for a user and print it (shown once).
    Create {
        #[arg(long, env = "KITH_TOKEN_EMAIL")]
        email: String,
        #[arg(long, env = "KITH_TOKEN_NAME", default_value = "command line")]
        name: String,
        /// Days until the token expires (1-365).
        #[arg(long, default_value_t = kith_app::tokens::DEFAULT_DAYS)]
        days: u32,
    },
}

/// Parses the command line and runs it.
pub async fn run() -> ExitCode {
    let cli = Cli::parse();
    crate::telemetry::init(cli.log_format, &cli.log);
    match execute(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn open_app(data: &DataArgs) -> anyhow::Result<App> {
    let url = data.database_url()?;
    let db = kith_app::Db::connect(&url)
        .await
        .context("connecting to the database")?;
    db.migrate().await.context("applying migrations")?;
    Ok(App::new(db, Arc::new(SystemClock), data.cpr_vault()?))
}

async fn execute(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve(args) => serve(&cli.data, &cli.mail, args).await,
        Command::Jobs(JobsCommand::RunOnce { at, base_url }) => {
            let app = at_moment(open_app(&cli.data).await?, at, base_url);
            let who = crate::scheduler::instance_name();
            let report = kith_app::jobs::tick(&app, &who).await?;
            println!("{}", serde_json::to_string_pretty(&report)?);
            Ok(())
        }
        Command::Jobs(JobsCommand::Plan { at }) => {
            let app = at_moment(open_app(&cli.data).await?, at, None);
            let summary = kith_app::wheel::plan::plan_placements(&app, None).await?;
            println!("{}", serde_json::to_string_pretty(&summary)?);
            Ok(())
        }
        Command::Jobs(JobsCommand::Send { at, base_url }) => {
            let app = at_moment(open_app(&cli.data).await?, at, base_url);
            let transport = cli.mail.transport(&cli.data.data_dir)?;
            let who = crate::scheduler::instance_name();
            let summary = kith_app::mail::send_due(&app, transport.as_ref(), &who).await?;
            println!("{}", serde_json::to_string_pretty(&summary)?);
            Ok(())
        }
        Command::Migrate => {
            open_app(&cli.data).await?;
            println!("migrations applied");
            Ok(())
        }
        Command::Demo(args) => {
            let app = open_app(&cli.data).await?;
            let summary = if args.synthetic {
                use kith_demo::synthetic::{Scale, load};
                let scale = if args.national {
                    Scale::national()
                } else {
                    Scale {
                        options: args.options,
                        children: args.children,
                        placements: args.placements,
                        staff: args.staff,
                    }
                };
                load(&app, scale).await?
            } else {
                kith_demo::load(&app).await?
            };
            print_demo(&summary);
            Ok(())
        }
        Command::User(UserCommand::Add {
            password,
            email,
            name,
            roles,
            units,
        }) => {
            let app = open_app(&cli.data).await?;
            let given = password.map(|p| secrecy::ExposeSecret::expose_secret(&p).to_owned());
            let password = match given {
                Some(p) if !p.is_empty() => p,
                _ => {
                    let p = rpassword::prompt_password("Password: ")?;
                    let again = rpassword::prompt_password("Again: ")?;
                    anyhow::ensure!(p == again, "the passwords differ");
                    p
                }
            };
            let user =
                kith_app::users::create_from_cli(&app, &email, &name, roles, &units, &password)
                    .await?;
            println!("added user {} ({})", user.id, user.email);
            Ok(())
        }
        Command::Token(TokenCommand::Create { email, name, days }) => {
            let app = open_app(&cli.data).await?;
            let token = kith_app::tokens::create_for_email(&app, &email, &name, Some(days)).await?;
            println!("{}", token.secret);
            Ok(())
        }
    }
}

fn print_demo(s: &kith_demo::DemoSummary) {
    println!(
        "Loaded the demo municipality: {} children ({} sibling groups), {} placement options, {} placements, {} staff.",
        s.children, s.sibling_groups, s.options, s.placements, s.users
    );
    println!("Demo logins (password: {}):", s.password);
    for (email, role) in &s.logins {
        println!("  {:<11} {email}", role.as_str());
    }
}

/// The app at a fixed moment (jobs run for a given time), with the base URL for links.
fn at_moment(
    app: App,
    at: Option<chrono::DateTime<chrono::FixedOffset>>,
    base_url: Option<String>,
) -> App {
    let app = match at {
        Some(at) => app.with_clock(Arc::new(kith_app::FixedClock::new(at.to_utc()))),
        None => app,
    };
    match base_url {
        Some(url) => app.with_base_url(&url),
        None => app,
    }
}

async fn serve(
    data: &DataArgs,
    mail: &crate::mailer::MailArgs,
    args: ServeArgs,
) -> anyhow::Result<()> {
    let app = open_app(data).await?;
    if args.demo && kith_demo::is_empty(&app).await? {
        let summary = kith_demo::load(&app).await?;
        print_demo(&summary);
    }
    let settings = Settings::from_args(&args);
    let sign_in =
        crate::sign_in_config::load(args.sign_in_providers.as_deref(), args.password_sign_in)?;
    let app = app.with_base_url(&settings.base_url).with_sign_in(sign_in);
    let state = AppState::new(app.clone(), settings);
    let _scheduler = if args.jobs {
        let transport: Arc<dyn kith_app::mail::Transport> =
            Arc::from(mail.transport(&data.data_dir)?);
        Some(
            crate::scheduler::start(app.clone(), transport, crate::scheduler::instance_name())
                .await?,
        )
    } else {
        None
    };
    let listener = tokio::net::TcpListener::bind(&args.bind)
        .await
        .with_context(|| format!("binding {}", args.bind))?;
    let addr = listener.local_addr()?;
    tracing::info!(%addr, "Kith is listening");
    println!("Kith is listening on http://{addr}");
    // Expired sessions and spent login counters are removed every minute: a counter lives
    // at most one window (15 minutes) past its last attempt.
    let purge_app = app.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(60));
        loop {
            tick.tick().await;
            if let Err(e) = kith_app::sessions::purge_expired(&purge_app).await {
                tracing::warn!(error = %e, "could not purge expired sessions");
            }
            if let Err(e) = kith_app::auth::purge_spent_attempts(&purge_app).await {
                tracing::warn!(error = %e, "could not purge spent login counters");
            }
        }
    });
    crate::serve(listener, state, shutdown_signal()).await?;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down");
}
