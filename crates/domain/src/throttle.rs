//! Login throttling: every attempt is *charged* to a counter before its password is checked,
//! and an attempt that finds the counter over the limit is refused without a check. Charging
//! first is what makes the limit hold under parallel requests: a hundred guesses sent at once
//! are a hundred charges, and only the first few are ever evaluated.
//!
//! Two counters are charged for each attempt (`LoginThrottle::per_account` and
//! `LoginThrottle::per_source`): one per e-mail address, whether or not the address exists
//! (so a lock tells nothing about which addresses are real), and one per source address (so
//! one password tried against every account is limited too). A success forgets the account's
//! failures and refunds its own charge to the source, never more.
//!
//! The store applies [`LoginThrottle::charge`] in one statement; a property test holds the
//! two to the same answers.

use chrono::{DateTime, Duration, Utc};

/// The thresholds of one counter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoginThrottle {
    /// Attempts within the window that are evaluated; one more locks.
    pub max_failures: u32,
    /// How long charged attempts count.
    pub window: Duration,
    /// How long the lock lasts.
    pub lockout: Duration,
}

impl Default for LoginThrottle {
    fn default() -> Self {
        Self::per_account()
    }
}

/// The charged attempts on one counter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attempts {
    /// Attempts charged in the current window (failures, and attempts still being checked).
    pub failures: u32,
    pub window_started: DateTime<Utc>,
    pub locked_until: Option<DateTime<Utc>>,
}

/// What to do with an attempt once it is charged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Check the password.
    Evaluate,
    /// Refuse without checking; the counter is locked for this many more seconds.
    Locked(u64),
}

impl LoginThrottle {
    /// Per e-mail address: five attempts in 15 minutes, then 15 minutes locked (OWASP ASVS
    /// 2.2.1 asks for at most 100 failures an hour per account).
    pub fn per_account() -> Self {
        Self {
            max_failures: 5,
            window: Duration::minutes(15),
            lockout: Duration::minutes(15),
        }
    }

    /// Per source address (an IPv4 address or an IPv6 /64): 30 attempts in 15 minutes, enough
    /// for an office behind one address at nine in the morning (successes are refunded), too
    /// few to try one password against every account.
    pub fn per_source() -> Self {
        Self {
            max_failures: 30,
            window: Duration::minutes(15),
            lockout: Duration::minutes(15),
        }
    }

    /// Per staff member, for requests that check CPR numbers against the register (creating
    /// a child, importing children): three that meet a case the person cannot see within a
    /// day, then a day's lock. Each request is charged before it checks and refunded when it
    /// met no hidden case, so parallel requests cannot probe past the limit.
    pub fn cpr_probes() -> Self {
        Self {
            max_failures: 3,
            window: Duration::hours(24),
            lockout: Duration::hours(24),
        }
    }

    /// The counter after one more attempt is charged at `now`. A running lock is left as it
    /// is; after a lock or a window has run out, counting starts again; an attempt beyond
    /// the limit starts a lock.
    pub fn charge(&self, prev: Option<Attempts>, now: DateTime<Utc>) -> Attempts {
        match prev {
            Some(a) if a.locked_until.is_some_and(|u| u > now) => a,
            Some(a) if a.locked_until.is_none() && now - a.window_started < self.window => {
                let failures = a.failures.saturating_add(1);
                Attempts {
                    failures,
                    window_started: a.window_started,
                    locked_until: (failures > self.max_failures).then(|| now + self.lockout),
                }
            }
            _ => Attempts {
                failures: 1,
                window_started: now,
                locked_until: (self.max_failures == 0).then(|| now + self.lockout),
            },
        }
    }

    /// Whether a charged attempt may be checked.
    pub fn verdict(&self, a: &Attempts, now: DateTime<Utc>) -> Verdict {
        match self.locked_for(Some(a), now) {
            Some(secs) => Verdict::Locked(secs),
            None => Verdict::Evaluate,
        }
    }

    /// Whether a failed attempt used the last one the window allows: the account is then
    /// locked at once, so the person is told now rather than at their next try.
    pub fn exhausted(&self, a: &Attempts) -> bool {
        a.failures >= self.max_failures
    }

    /// The counter locked from `now` (after the failure that [`LoginThrottle::exhausted`] it).
    pub fn lock(&self, a: Attempts, now: DateTime<Utc>) -> Attempts {
        Attempts {
            locked_until: a.locked_until.or(Some(now + self.lockout)),
            ..a
        }
    }

    /// Seconds until the counter may be tried again, if it is locked now.
    pub fn locked_for(&self, a: Option<&Attempts>, now: DateTime<Utc>) -> Option<u64> {
        let until = a?.locked_until?;
        (until > now).then(|| u64::try_from((until - now).num_seconds().max(1)).unwrap_or(1))
    }

    /// Whether a stored counter can be forgotten at `now`: its window and any lock are over,
    /// so the next charge would start afresh anyway. Keeps the table as small as the traffic
    /// of the last window.
    pub fn is_spent(&self, a: &Attempts, now: DateTime<Utc>) -> bool {
        match a.locked_until {
            Some(u) => u <= now,
            None => now - a.window_started >= self.window,
        }
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
    fn five_attempts_are_evaluated_and_the_sixth_is_refused_for_fifteen_minutes() {
        let t = LoginThrottle::per_account();
        let mut a = None;
        for m in 0..5 {
            let next = t.charge(a, at(m));
            assert_eq!(
                t.verdict(&next, at(m)),
                Verdict::Evaluate,
                "attempt {}",
                m + 1
            );
            a = Some(next);
        }
        assert!(t.exhausted(&a.unwrap()));
        let sixth = t.charge(a, at(5));
        // Locked at 09:05 until 09:20: 900 seconds.
        assert_eq!(t.verdict(&sixth, at(5)), Verdict::Locked(900));
        // A charge while locked changes nothing: the lock is not prolonged by trying.
        assert_eq!(t.charge(Some(sixth), at(10)), sixth);
        assert_eq!(t.locked_for(Some(&sixth), at(19)), Some(60));
        assert_eq!(t.locked_for(Some(&sixth), at(20)), None);
    }

    #[test]
    fn a_hundred_charges_at_once_let_only_five_through() {
        let t = LoginThrottle::per_account();
        let mut a = None;
        let mut evaluated = 0;
        for _ in 0..100 {
            let next = t.charge(a, at(0));
            if t.verdict(&next, at(0)) == Verdict::Evaluate {
                evaluated += 1;
            }
            a = Some(next);
        }
        assert_eq!(evaluated, 5);
    }

    #[test]
    fn attempts_spread_over_more_than_the_window_do_not_lock() {
        let t = LoginThrottle::per_account();
        let mut a = None;
        // One attempt every 4 minutes: the window (15 minutes) restarts at minute 16.
        for m in [0, 4, 8, 12, 16, 20] {
            a = Some(t.charge(a, at(m)));
        }
        assert_eq!(a.unwrap().failures, 2);
        assert_eq!(t.locked_for(a.as_ref(), at(20)), None);
    }

    #[test]
    fn after_a_lock_runs_out_counting_starts_again() {
        let t = LoginThrottle::per_account();
        let mut a = None;
        for m in 0..6 {
            a = Some(t.charge(a, at(m)));
        }
        let after = t.charge(a, at(30));
        assert_eq!((after.failures, after.locked_until), (1, None));
    }

    #[test]
    fn the_source_counter_allows_an_office_but_not_a_spray() {
        let t = LoginThrottle::per_source();
        let mut a = None;
        for _ in 0..30 {
            a = Some(t.charge(a, at(0)));
            assert_eq!(t.verdict(&a.unwrap(), at(0)), Verdict::Evaluate);
        }
        assert!(matches!(
            t.verdict(&t.charge(a, at(1)), at(1)),
            Verdict::Locked(_)
        ));
    }

    #[test]
    fn spent_counters_are_those_the_next_charge_would_restart() {
        let t = LoginThrottle::per_account();
        let one = t.charge(None, at(0));
        assert!(!t.is_spent(&one, at(14)));
        assert!(t.is_spent(&one, at(15)));
        assert_eq!(t.charge(Some(one), at(15)).failures, 1);
    }

    proptest! {
        #[test]
        fn at_most_the_limit_is_evaluated_in_any_window(gaps in proptest::collection::vec(0i64..300, 1..80)) {
            let t = LoginThrottle::per_account();
            let mut a = None;
            let mut now = at(0);
            // Each evaluated attempt, by the window it was counted in.
            let mut evaluated: Vec<DateTime<Utc>> = Vec::new();
            for g in gaps {
                now += Duration::seconds(g);
                let next = t.charge(a, now);
                if t.verdict(&next, now) == Verdict::Evaluate {
                    evaluated.push(next.window_started);
                }
                if let Some(s) = t.locked_for(Some(&next), now) {
                    prop_assert!(s <= 900);
                }
                a = Some(next);
            }
            // No window lets more than five through, so no 15 minutes hold more than ten.
            for start in &evaluated {
                let within = evaluated.iter().filter(|e| *e == start).count();
                prop_assert!(within <= 5, "{within} evaluated in the window of {start}");
            }
        }
    }
}
