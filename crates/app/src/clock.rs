//! The clock. Everything that depends on "now" asks the [`App`](crate::App)'s clock, so tests
//! and the `--at` option of jobs can set the time.

use std::sync::Mutex;

use chrono::{DateTime, NaiveDate, Utc};

/// A source of the current instant.
pub trait Clock: Send + Sync + std::fmt::Debug {
    /// The current instant in UTC.
    fn now(&self) -> DateTime<Utc>;

    /// Today's date in Copenhagen.
    fn today(&self) -> NaiveDate {
        self.now().with_timezone(&crate::TIME_ZONE).date_naive()
    }
}

/// The system clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that shows a set instant until it is moved (tests, `jobs run-once --at`).
#[derive(Debug)]
pub struct FixedClock(Mutex<DateTime<Utc>>);

impl FixedClock {
    /// A clock standing at `at`.
    pub fn new(at: DateTime<Utc>) -> Self {
        Self(Mutex::new(at))
    }

    /// Moves the clock to `at`.
    pub fn set(&self, at: DateTime<Utc>) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = at;
    }

    /// Moves the clock forward.
    pub fn advance(&self, by: chrono::Duration) {
        let mut g = self.0.lock().unwrap_or_else(|p| p.into_inner());
        *g += by;
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn today_is_copenhagen_date() {
        // 23:30 UTC on 30 June is 01:30 on 1 July in Copenhagen (summer time, UTC+2).
        let c = FixedClock::new("2026-06-30T23:30:00Z".parse().unwrap());
        assert_eq!(c.today().to_string(), "2026-07-01");
        // 22:30 UTC on 31 December is 23:30 the same day in Copenhagen (winter time, UTC+1).
        c.set("2026-12-31T22:30:00Z".parse().unwrap());
        assert_eq!(c.today().to_string(), "2026-12-31");
    }
}
