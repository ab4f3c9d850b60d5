//! Login throttling: after too many failed attempts on one account within a window, the
//! account is locked for a while. Counted per e-mail address whether or not it exists, so the
//! lock tells an attacker nothing about which addresses are real.

use chrono::{DateTime, Duration, Utc};

/// The thresholds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoginThrottle {
    /// Failures within the window that lock the account.
    pub max_failures: u32,
    /// How long failures count.
    pub window: Duration,
    /// How long the lock lasts.
    pub lockout: Duration,
}

impl Default for LoginThrottle {
    fn default() -> Self {
        Self {
            max_failures: 5,
            window: Duration::minutes(15),
            lockout: Duration::minutes(15),
        }
    }
}

/// Failed attempts on one account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attempts {
    pub failures: u32,
    pub window_started: DateTime<Utc>,
    pub locked_until: Option<DateTime<Utc>>,
}

impl LoginThrottle {
    /// Seconds until the account may try again, if it is locked now.
    pub fn locked_for(&self, a: Option<&Attempts>, now: DateTime<Utc>) -> Option<u64> {
        let until = a?.locked_until?;
        (until > now).then(|| u64::try_from((until - now).num_seconds().max(1)).unwrap_or(1))
    }

    /// The attempts after one more failure at `now`: a new window when the old one is over,
    /// and a lock when the failures reach the limit.
    pub fn after_failure(&self, a: Option<Attempts>, now: DateTime<Utc>) -> Attempts {
        let mut next = match a {
            Some(a)
                if now - a.window_started < self.window
                    && a.locked_until.is_none_or(|u| u > now) =>
            {
                a
            }
            _ => Attempts {
                failures: 0,
                window_started: now,
                locked_until: None,
            },
        };
        next.failures += 1;
        if next.failures >= self.max_failures {
            next.locked_until = Some(now + self.lockout);
        }
        next
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn at(minute: i64) -> DateTime<Utc> {
        "2026-11-16T09:00:00Z".parse::<DateTime<Utc>>().unwrap() + Duration::minutes(minute)
    }

    #[test]
    fn the_fifth_failure_in_fifteen_minutes_locks_for_fifteen_minutes() {
        let t = LoginThrottle::default();
        let mut a = None;
        for m in 0..4 {
            a = Some(t.after_failure(a, at(m)));
            assert_eq!(
                t.locked_for(a.as_ref(), at(m)),
                None,
                "after {} failures",
                m + 1
            );
        }
        let locked = t.after_failure(a, at(4));
        // Locked at 09:04 until 09:19: 15 minutes, 900 seconds.
        assert_eq!(t.locked_for(Some(&locked), at(4)), Some(900));
        assert_eq!(t.locked_for(Some(&locked), at(18)), Some(60));
        assert_eq!(t.locked_for(Some(&locked), at(19)), None);
    }

    #[test]
    fn failures_spread_over_more_than_the_window_do_not_lock() {
        let t = LoginThrottle::default();
        let mut a = None;
        // One failure every 4 minutes: the window (15 minutes) restarts at minute 16.
        for m in [0, 4, 8, 12, 16, 20] {
            a = Some(t.after_failure(a, at(m)));
        }
        assert_eq!(a.unwrap().failures, 2);
        assert_eq!(t.locked_for(a.as_ref(), at(20)), None);
    }

    #[test]
    fn after_a_lock_runs_out_counting_starts_again() {
        let t = LoginThrottle::default();
        let mut a = None;
        for m in 0..5 {
            a = Some(t.after_failure(a, at(m)));
        }
        let after = t.after_failure(a, at(30));
        assert_eq!((after.failures, after.locked_until), (1, None));
    }

    proptest! {
        #[test]
        fn a_lock_never_lasts_longer_than_the_lockout(gaps in proptest::collection::vec(0i64..20, 1..30)) {
            let t = LoginThrottle::default();
            let mut a = None;
            let mut now = at(0);
            for g in gaps {
                now += Duration::minutes(g);
                a = Some(t.after_failure(a, now));
                if let Some(s) = t.locked_for(a.as_ref(), now) {
                    prop_assert!(s <= 900);
                }
            }
        }
    }
}
