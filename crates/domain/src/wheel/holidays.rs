//! Working days in a Danish municipality: no weekends, no public holidays, none of the
//! municipality's own closing days.
//!
//! The public holidays are computed, not listed, so the calendar never runs out: the fixed
//! ones (New Year's Day, Christmas Day, Boxing Day) and the ones that hang off Easter Sunday
//! (Maundy Thursday, Good Friday, Easter Sunday and Monday, Ascension Day, Whit Sunday and
//! Monday, and Great Prayer Day until it was abolished from 2024).

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use crate::{DomainError, Message};

/// The last year with Great Prayer Day (store bededag) as a public holiday: the law that
/// abolished it took effect in 2024.
pub const LAST_GREAT_PRAYER_DAY_YEAR: i32 = 2023;

/// Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm, also known as
/// Meeus/Jones/Butcher). Valid for every year chrono can represent after 1582.
pub fn easter_sunday(year: i32) -> NaiveDate {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).expect("Easter is a real date")
}

/// The Danish public holidays of a year, in date order, with their codes (`good_friday`;
/// the catalogue names them, `holiday.good_friday`).
pub fn public_holidays(year: i32) -> Vec<(NaiveDate, &'static str)> {
    let easter = easter_sunday(year);
    let from_easter = |days: i64| {
        if days >= 0 {
            easter + Days::new(days as u64)
        } else {
            easter - Days::new((-days) as u64)
        }
    };
    let ymd = |m, d| NaiveDate::from_ymd_opt(year, m, d).expect("fixed holiday is a date");
    let mut days = vec![
        (ymd(1, 1), "new_years_day"),
        (from_easter(-3), "maundy_thursday"),
        (from_easter(-2), "good_friday"),
        (easter, "easter_sunday"),
        (from_easter(1), "easter_monday"),
        (from_easter(39), "ascension_day"),
        (from_easter(49), "whit_sunday"),
        (from_easter(50), "whit_monday"),
        (ymd(12, 25), "christmas_day"),
        (ymd(12, 26), "boxing_day"),
    ];
    if year <= LAST_GREAT_PRAYER_DAY_YEAR {
        days.push((from_easter(26), "great_prayer_day"));
    }
    days.sort();
    days
}

/// A day of the year without a year ("12-24"), for the municipality's own closing days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MonthDay {
    pub month: u32,
    pub day: u32,
}

impl MonthDay {
    /// A month and day that exist in some year (29 February is allowed).
    pub fn new(month: u32, day: u32) -> Result<Self, DomainError> {
        if NaiveDate::from_ymd_opt(2024, month, day).is_none() {
            return Err(DomainError::Invalid(format!(
                "{month:02}-{day:02} is not a day of the year"
            )));
        }
        Ok(Self { month, day })
    }

    /// Whether `date` falls on this day of the year.
    pub fn matches(self, date: NaiveDate) -> bool {
        date.month() == self.month && date.day() == self.day
    }
}

impl std::fmt::Display for MonthDay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:02}-{:02}", self.month, self.day)
    }
}

impl std::str::FromStr for MonthDay {
    type Err = DomainError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || DomainError::Invalid(format!("'{s}' is not a day of the year (MM-DD)"));
        let (m, d) = s.split_once('-').ok_or_else(bad)?;
        let month = m.parse().map_err(|_| bad())?;
        let day = d.parse().map_err(|_| bad())?;
        MonthDay::new(month, day).map_err(|_| bad())
    }
}

impl Serialize for MonthDay {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for MonthDay {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for MonthDay {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .description(Some("A day of the year, MM-DD, e.g. 12-24"))
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for MonthDay {}

/// Which days work can be planned on: weekdays that are neither a public holiday nor one of
/// the municipality's closing days.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WorkCalendar {
    closing_days: Vec<MonthDay>,
    /// Public holidays for the years asked about so far are computed on demand; this cache
    /// keeps the planner's inner loop cheap.
    holidays: std::collections::BTreeSet<NaiveDate>,
    years: std::collections::BTreeSet<i32>,
}

impl WorkCalendar {
    /// A calendar with the municipality's own closing days on top of the public holidays.
    pub fn new(closing_days: &[MonthDay]) -> Self {
        Self {
            closing_days: closing_days.to_vec(),
            holidays: Default::default(),
            years: Default::default(),
        }
    }

    /// Pre-computes the holidays of the years from `first` to `last` (inclusive), so that
    /// `is_working_day` never has to.
    pub fn covering(mut self, first: i32, last: i32) -> Self {
        for y in first..=last {
            self.add_year(y);
        }
        self
    }

    fn add_year(&mut self, year: i32) {
        if self.years.insert(year) {
            self.holidays
                .extend(public_holidays(year).into_iter().map(|(d, _)| d));
        }
    }

    /// Whether `date` is a day work may be planned on.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        if matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
            return false;
        }
        if self.closing_days.iter().any(|c| c.matches(date)) {
            return false;
        }
        if self.years.contains(&date.year()) {
            !self.holidays.contains(&date)
        } else {
            !public_holidays(date.year()).iter().any(|(d, _)| *d == date)
        }
    }

    /// Why a date is not a working day, if it is not: a catalogue text (`closed.*`) naming
    /// the weekend, the public holiday (`holiday.*`) or the municipality's closing day.
    pub fn closed_because(&self, date: NaiveDate) -> Option<Message> {
        if matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
            return Some(Message::new("closed.weekend"));
        }
        if let Some((_, code)) = public_holidays(date.year())
            .into_iter()
            .find(|(d, _)| *d == date)
        {
            return Some(Message::new("closed.holiday").key("name", format!("holiday.{code}")));
        }
        if self.closing_days.iter().any(|c| c.matches(date)) {
            return Some(Message::new("closed.closing_day"));
        }
        None
    }
}
