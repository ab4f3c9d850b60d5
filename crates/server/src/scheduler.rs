//! The scheduler in `kith serve`: a tick every minute (the app decides what is due in
//! Copenhagen time and claims it in the database) and the outbox sender every ten seconds.
//! tokio-cron-scheduler only ticks in UTC; a run that is still busy when the next tick comes
//! is not started twice in this process, and other processes are kept out by the claims.

use std::sync::Arc;

use kith_app::App;
use kith_app::mail::Transport;
use tokio::sync::Mutex;
use tokio_cron_scheduler::{Job, JobScheduler};

/// A name for this process in job claims: host, process id and a random suffix.
pub fn instance_name() -> String {
    let host = std::env::var("HOSTNAME").unwrap_or_else(|_| "kith".into());
    format!(
        "{host}-{}-{:06x}",
        std::process::id(),
        rand::random::<u32>() & 0xff_ffff
    )
}

/// Starts the jobs; they run until the returned scheduler is shut down or dropped.
pub async fn start(
    app: App,
    transport: Arc<dyn Transport>,
    who: String,
) -> anyhow::Result<JobScheduler> {
    let sched = JobScheduler::new().await?;
    let busy = Arc::new(Mutex::new(()));
    {
        let (app, who, busy) = (app.clone(), who.clone(), busy.clone());
        sched
            .add(Job::new_async("0 * * * * *", move |_, _| {
                let (app, who, busy) = (app.clone(), who.clone(), busy.clone());
                Box::pin(async move {
                    let Ok(_guard) = busy.try_lock() else { return };
                    if let Err(e) = kith_app::jobs::tick(&app, &who).await {
                        tracing::warn!(error = %e, "scheduled work failed; it is retried on the next tick");
                    }
                })
            })?)
            .await?;
    }
    {
        let sending = Arc::new(Mutex::new(()));
        sched
            .add(Job::new_async("*/10 * * * * *", move |_, _| {
                let (app, who, transport, sending) =
                    (app.clone(), who.clone(), transport.clone(), sending.clone());
                Box::pin(async move {
                    let Ok(_guard) = sending.try_lock() else {
                        return;
                    };
                    if let Err(e) = kith_app::mail::send_due(&app, transport.as_ref(), &who).await {
                        tracing::warn!(error = %e, "sending e-mail failed; it is retried");
                    }
                })
            })?)
            .await?;
    }
    sched.start().await?;
    Ok(sched)
}
