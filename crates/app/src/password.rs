//! Passwords: argon2id hashes (OWASP's recommended parameters are argon2's defaults), the
//! policy a new password must meet, and the gate every hash computation passes.
//!
//! argon2 is slow and memory-hungry on purpose (19 MiB and tens of milliseconds a check), so
//! it never runs on the async workers and only a few run at once: [`HashingGate`] owns a
//! thread per permit (half the cores) and a short queue; when the queue is full the caller
//! gets [`AppError::Busy`] at once. Dedicated threads, not tokio's blocking pool: the
//! allocator keeps what a thread once used, so checks spread over the pool's many threads
//! kept 19 MiB on each of them. A flood of logins then costs a bounded amount of memory and
//! CPU, and requests that need no password are served beside it.

use std::sync::atomic::{AtomicUsize, Ordering};

use argon2::Argon2;
use argon2::password_hash::{
    PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng,
};
use tokio::sync::Semaphore;

use crate::{AppError, Result};

/// The shortest password Kith accepts (OWASP ASVS 4.0 2.1.1).
pub const MIN_PASSWORD_LEN: usize = 12;
/// The longest (ASVS 2.1.2 asks to allow at least 64).
pub const MAX_PASSWORD_LEN: usize = 128;
/// The zxcvbn score a new password must reach (0-4; 3 is "safely unguessable").
const MIN_SCORE: u8 = 3;

/// Hashes a password into a PHC string. Slow: call it through a [`HashingGate`].
pub fn hash(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| AppError::internal(format!("password hashing failed: {e}")))
}

/// Whether `password` matches the stored hash. A malformed hash never matches. Slow: call it
/// through a [`HashingGate`].
pub fn verify(password: &str, stored: &str) -> bool {
    match PasswordHash::new(stored) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// Checks a new password against the policy: 12 to 128 characters, and not guessable by
/// zxcvbn (common passwords, words and patterns, keyboard walks, dates), counting the
/// person's own name and e-mail address as known to the guesser. `field` names the input.
pub fn check_policy(field: &str, password: &str, personal: &[&str]) -> Result<()> {
    let length = password.chars().count();
    if length < MIN_PASSWORD_LEN {
        return Err(AppError::invalid(
            field,
            kith_domain::Message::new("problem.password_min").int("min", MIN_PASSWORD_LEN as i64),
        ));
    }
    if length > MAX_PASSWORD_LEN {
        return Err(AppError::invalid(
            field,
            kith_domain::Message::new("problem.password_max").int("max", MAX_PASSWORD_LEN as i64),
        ));
    }
    if password.chars().any(char::is_control) {
        return Err(AppError::invalid(field, "problem.hidden_chars"));
    }
    // The name's words and the address's parts, so "anna.hansen2026!" is known to the guesser.
    let mut known: Vec<&str> = Vec::new();
    for p in personal {
        known.push(p);
        known.extend(
            p.split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().count() >= 3),
        );
    }
    let lowered = password.to_lowercase();
    if known
        .iter()
        .any(|k| k.chars().count() >= 4 && lowered.contains(&k.to_lowercase()))
    {
        return Err(AppError::invalid(field, "problem.password_personal"));
    }
    let score = u8::from(zxcvbn::zxcvbn(password, &known).score());
    if score < MIN_SCORE {
        return Err(AppError::invalid(field, "problem.password_weak"));
    }
    Ok(())
}

/// A valid hash of a random password, to verify against when the user does not exist, so a
/// login attempt takes as long for an unknown e-mail as for a known one.
pub(crate) fn dummy_hash() -> &'static str {
    use std::sync::OnceLock;
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash(&format!("{:x}", rand::random::<u128>())).unwrap_or_default())
}

/// A computation for a hashing thread.
type Job = Box<dyn FnOnce() + Send>;

/// Admission to password hashing: a few at once, a short queue, the rest turned away.
#[derive(Debug)]
pub struct HashingGate {
    permits: std::sync::Arc<Semaphore>,
    waiting: AtomicUsize,
    max_waiting: usize,
    /// How many password checks have run (a known and an unknown address both count one).
    checks: std::sync::atomic::AtomicU64,
    /// The hashing threads' queue (they end when the gate is dropped).
    jobs: std::sync::Mutex<std::sync::mpsc::Sender<Job>>,
}

impl Default for HashingGate {
    /// Half the cores (at least one) hash at once, so the rest serve everything else; 32 wait.
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        Self::new((cores / 2).max(1), 32)
    }
}

impl HashingGate {
    /// A gate letting `parallel` computations run and `max_waiting` wait.
    pub fn new(parallel: usize, max_waiting: usize) -> Self {
        let parallel = parallel.max(1);
        let (jobs, queue) = std::sync::mpsc::channel::<Job>();
        let queue = std::sync::Arc::new(std::sync::Mutex::new(queue));
        for n in 0..parallel {
            let queue = queue.clone();
            let spawned = std::thread::Builder::new()
                .name(format!("kith-hashing-{n}"))
                .spawn(move || {
                    loop {
                        let job = queue.lock().map(|q| q.recv());
                        match job {
                            // A job that panics answers nobody (its caller gets an error);
                            // the thread goes on.
                            Ok(Ok(job)) => {
                                let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job));
                            }
                            _ => break,
                        }
                    }
                });
            if let Err(e) = spawned {
                tracing::error!(error = %e, "cannot start a password hashing thread");
            }
        }
        Self {
            permits: std::sync::Arc::new(Semaphore::new(parallel)),
            waiting: AtomicUsize::new(0),
            max_waiting,
            checks: std::sync::atomic::AtomicU64::new(0),
            jobs: std::sync::Mutex::new(jobs),
        }
    }

    /// How many password checks have run since start: the work a login does, counted, so a
    /// test can show that an unknown address costs exactly what a known one does.
    pub fn checks(&self) -> u64 {
        self.checks.load(Ordering::Relaxed)
    }

    /// Waits for a turn (or is turned away when too many wait). The turn lasts as long as the
    /// returned [`Admitted`] lives, and through the computation it hands to a hashing thread
    /// (even when the request that asked for it has gone away): a login holds it through its
    /// look-ups too, so a flood of logins also queues for the database no more than `parallel`
    /// at a time.
    pub async fn admit(&self) -> Result<Admitted<'_>> {
        // Counted while waiting, and no longer once the wait ends in any way (a client that
        // goes away drops this future mid-wait).
        struct Waiting<'a>(&'a AtomicUsize);
        impl Drop for Waiting<'_> {
            fn drop(&mut self) {
                self.0.fetch_sub(1, Ordering::SeqCst);
            }
        }
        let queued = self.waiting.fetch_add(1, Ordering::SeqCst);
        let waiting = Waiting(&self.waiting);
        if queued >= self.max_waiting {
            return Err(AppError::Busy {
                retry_after_secs: 5,
            });
        }
        let permit = self.permits.clone().acquire_owned().await;
        drop(waiting);
        Ok(Admitted {
            permit: permit.map_err(AppError::internal)?,
            gate: self,
        })
    }

    /// Hashes a new password once admitted.
    pub async fn hash(&self, password: &str) -> Result<String> {
        self.admit().await?.hash(password).await
    }
}

/// A turn at hashing.
#[derive(Debug)]
pub struct Admitted<'a> {
    permit: tokio::sync::OwnedSemaphorePermit,
    gate: &'a HashingGate,
}

impl Admitted<'_> {
    /// Runs `work` on a hashing thread and waits for its answer. The turn goes with the work
    /// and ends when the work does, so work whose caller has gone still counts.
    async fn run<T: Send + 'static>(self, work: impl FnOnce() -> T + Send + 'static) -> Result<T> {
        let (answer, answered) = tokio::sync::oneshot::channel();
        let permit = self.permit;
        let job: Job = Box::new(move || {
            let _ = answer.send(work());
            drop(permit);
        });
        self.gate
            .jobs
            .lock()
            .map_err(|_| AppError::internal("the hashing queue is poisoned"))?
            .send(job)
            .map_err(|_| AppError::internal("no password hashing thread"))?;
        answered
            .await
            .map_err(|_| AppError::internal("a password hashing thread failed"))
    }

    /// Hashes a new password.
    pub async fn hash(self, password: &str) -> Result<String> {
        let pw = password.to_owned();
        self.run(move || hash(&pw)).await?
    }

    /// Checks a password against a stored hash, or against a dummy when there is none, so
    /// both take as long; true only for a real hash that matches.
    pub async fn verify(self, password: &str, stored: Option<&str>) -> Result<bool> {
        self.gate.checks.fetch_add(1, Ordering::Relaxed);
        let pw = password.to_owned();
        let stored = stored.map(str::to_owned);
        let real = stored.is_some();
        let ok = self
            .run(move || match stored.as_deref() {
                Some(hash) => verify(&pw, hash),
                None => verify(&pw, dummy_hash()),
            })
            .await?;
        Ok(ok && real)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verifies_only_the_right_password() {
        let h = hash("correct horse battery").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify("correct horse battery", &h));
        assert!(!verify("Correct horse battery", &h));
        assert!(!verify("x", "not a hash"));
    }

    #[test]
    fn the_policy_refuses_short_common_and_personal_passwords() {
        let refused = |pw: &str| check_policy("password", pw, &["Anna Hansen", "anna@kith.test"]);
        for pw in [
            "          ",         // ten spaces
            "password12",         // too short, and common
            "password1234",       // common
            "qwertyuiopas",       // a keyboard walk
            "anna@kith.test",     // the e-mail itself
            "Hansen-2026-Hansen", // the name inside
            "aaaaaaaaaaaaaaaa",   // one letter repeated
        ] {
            assert!(refused(pw).is_err(), "{pw:?} was accepted");
        }
        assert!(refused("plum kettle orbit sandal").is_ok());
        assert!(refused(&"x".repeat(129)).is_err());
        assert!(refused("plum kettle\u{0}orbit sandal").is_err());
    }

    #[tokio::test]
    async fn a_full_queue_turns_callers_away_at_once() {
        let gate = std::sync::Arc::new(HashingGate::new(1, 1));
        let (hold, release) = std::sync::mpsc::channel::<()>();
        let busy = gate.clone();
        // One computation runs (blocked), one waits: the third is refused.
        let running = tokio::spawn(async move {
            let turn = busy.admit().await?;
            turn.run(move || release.recv().ok()).await
        });
        while gate.permits.available_permits() > 0 {
            tokio::task::yield_now().await;
        }
        let waiter = gate.clone();
        let waiting = tokio::spawn(async move { waiter.admit().await.map(|_| ()) });
        while gate.waiting.load(Ordering::SeqCst) == 0 {
            tokio::task::yield_now().await;
        }
        assert!(matches!(gate.admit().await, Err(AppError::Busy { .. })));
        hold.send(()).unwrap();
        assert!(running.await.unwrap().is_ok());
        assert!(waiting.await.unwrap().is_ok());
    }

    #[tokio::test]
    async fn a_caller_that_goes_away_keeps_nobody_out() {
        let gate = std::sync::Arc::new(HashingGate::new(1, 1));
        let (hold, release) = std::sync::mpsc::channel::<()>();
        // A computation runs and its caller goes away: the turn stays with the work.
        let busy = gate.clone();
        let running =
            tokio::spawn(async move { busy.admit().await?.run(move || release.recv().ok()).await });
        while gate.permits.available_permits() > 0 {
            tokio::task::yield_now().await;
        }
        running.abort();
        let _ = running.await;
        assert_eq!(
            gate.permits.available_permits(),
            0,
            "the work still holds its turn"
        );
        // A waiter goes away: its place in the queue is free again.
        let waiter = gate.clone();
        let waiting = tokio::spawn(async move { waiter.admit().await.map(|_| ()) });
        while gate.waiting.load(Ordering::SeqCst) == 0 {
            tokio::task::yield_now().await;
        }
        waiting.abort();
        let _ = waiting.await;
        assert_eq!(gate.waiting.load(Ordering::SeqCst), 0);
        // The work ends; the next caller gets its turn.
        hold.send(()).unwrap();
        assert!(gate.admit().await.is_ok());
    }
}
