//! When a login session is over, whatever its activity (OWASP ASVS 4.0 3.3.1, 3.3.3).

use chrono::{DateTime, Duration, Utc};

/// The longest a session lives, active or not, unless configured otherwise: a working day and
/// a half, so a session started in the morning never carries into the next morning's work.
pub const DEFAULT_MAX_AGE_HOURS: i64 = 12;

/// Whether a session that logged in at `logged_in_at` still counts at `now`: younger than
/// `max_age`, and begun after the user's sessions were last ended (`ended_before`: disabled,
/// password changed or reset, logged out everywhere). A clock step backwards never makes an
/// old session new again: a login "in the future" does not count either.
pub fn is_current(
    logged_in_at: DateTime<Utc>,
    ended_before: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    max_age: Duration,
) -> bool {
    let age = now - logged_in_at;
    age < max_age
        && age > -Duration::minutes(5)
        && ended_before.is_none_or(|ended| logged_in_at >= ended)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(minute: i64) -> DateTime<Utc> {
        "2026-12-01T08:00:00Z".parse::<DateTime<Utc>>().unwrap() + Duration::minutes(minute)
    }

    #[test]
    fn a_session_ends_after_its_lifetime_however_busy() {
        let twelve_hours = Duration::hours(12);
        assert!(is_current(at(0), None, at(719), twelve_hours));
        assert!(!is_current(at(0), None, at(720), twelve_hours));
    }

    #[test]
    fn ending_a_users_sessions_ends_those_begun_before_and_no_later_ones() {
        let h = Duration::hours(12);
        assert!(!is_current(at(0), Some(at(10)), at(11), h));
        assert!(is_current(at(10), Some(at(10)), at(11), h));
        assert!(is_current(at(12), Some(at(10)), at(13), h));
    }

    #[test]
    fn a_login_from_the_future_does_not_count() {
        assert!(!is_current(at(60), None, at(0), Duration::hours(12)));
    }
}
