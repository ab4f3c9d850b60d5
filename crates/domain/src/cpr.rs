//! The Danish personal identification number (CPR), DDMMYY-SSSS.
//!
//! A CPR number is the most sensitive identifier Kith holds. This type makes the safe thing
//! the easy thing: it can only exist when it names a real date, it prints masked
//! (`DDMMYY-XXXX`) through both `Display` and `Debug`, it does not implement `Serialize`, and
//! the full number is reachable only through [`Cpr::expose`], whose callers are few and
//! reviewed (encryption at rest, and the policy-checked reveal).
//!
//! The century is derived from the seventh digit as the CPR office defines it; the modulus-11
//! check is deliberately not applied, because numbers issued since 2007 need not satisfy it.

use chrono::NaiveDate;

use crate::DomainError;

/// A valid CPR number. See the module documentation for how it protects itself.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Cpr {
    digits: [u8; 10],
    birth_date: NaiveDate,
}

impl Cpr {
    /// Parses `DDMMYY-SSSS` or `DDMMYYSSSS` (surrounding whitespace ignored).
    ///
    /// Errors never contain the input, so they may be logged and shown.
    pub fn parse(input: &str) -> Result<Self, DomainError> {
        let trimmed = input.trim();
        let compact: String = match trimmed.len() {
            10 => trimmed.to_owned(),
            11 if trimmed.as_bytes()[6] == b'-' => {
                let mut s = trimmed[..6].to_owned();
                s.push_str(&trimmed[7..]);
                s
            }
            _ => return Err(DomainError::InvalidCpr("expected DDMMYY-SSSS")),
        };
        if !compact.bytes().all(|b| b.is_ascii_digit()) {
            return Err(DomainError::InvalidCpr("expected DDMMYY-SSSS"));
        }
        let mut digits = [0u8; 10];
        for (slot, b) in digits.iter_mut().zip(compact.bytes()) {
            *slot = b - b'0';
        }
        let day = u32::from(digits[0] * 10 + digits[1]);
        let month = u32::from(digits[2] * 10 + digits[3]);
        let yy = i32::from(digits[4] * 10 + digits[5]);
        let century = century(digits[6], yy);
        let birth_date = NaiveDate::from_ymd_opt(century + yy, month, day)
            .ok_or(DomainError::InvalidCpr("the date part is not a real date"))?;
        Ok(Self { digits, birth_date })
    }

    /// The birth date the number encodes.
    pub fn birth_date(&self) -> NaiveDate {
        self.birth_date
    }

    /// `DDMMYY-XXXX`: the form shown wherever the policy does not allow the full number.
    pub fn masked(&self) -> String {
        let mut s = self.date_part();
        s.push_str("-XXXX");
        s
    }

    /// The full number, `DDMMYY-SSSS`. Only for encryption at rest, the keyed lookup hash,
    /// and the audited reveal that the policy allows.
    pub fn expose(&self) -> String {
        let mut s = self.date_part();
        s.push('-');
        for d in &self.digits[6..] {
            s.push(char::from(b'0' + d));
        }
        s
    }

    fn date_part(&self) -> String {
        self.digits[..6]
            .iter()
            .map(|d| char::from(b'0' + d))
            .collect()
    }
}

/// The century of a CPR birth year from the seventh digit, as defined by the CPR office.
fn century(seventh: u8, yy: i32) -> i32 {
    match seventh {
        0..=3 => 1900,
        4 | 9 => {
            if yy <= 36 {
                2000
            } else {
                1900
            }
        }
        _ => {
            if yy <= 57 {
                2000
            } else {
                1800
            }
        }
    }
}

impl std::fmt::Display for Cpr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.masked())
    }
}

impl std::fmt::Debug for Cpr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Cpr({})", self.masked())
    }
}

impl std::str::FromStr for Cpr {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl<'de> serde::Deserialize<'de> for Cpr {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Cpr::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_with_and_without_hyphen() {
        let a = Cpr::parse("010203-1234").unwrap();
        let b = Cpr::parse("0102031234").unwrap();
        assert_eq!(a, b);
        assert_eq!(a.expose(), "010203-1234");
    }

    #[test]
    fn century_follows_the_seventh_digit() {
        // 7th digit 0-3: 1900s whatever the year.
        assert_eq!(
            Cpr::parse("150512-3456").unwrap().birth_date().to_string(),
            "1912-05-15"
        );
        // 7th digit 4: 2000s up to year 36, else 1900s.
        assert_eq!(
            Cpr::parse("150512-4456").unwrap().birth_date().to_string(),
            "2012-05-15"
        );
        assert_eq!(
            Cpr::parse("150540-4456").unwrap().birth_date().to_string(),
            "1940-05-15"
        );
        // 7th digit 5-8: 2000s up to year 57, else 1800s.
        assert_eq!(
            Cpr::parse("150557-5456").unwrap().birth_date().to_string(),
            "2057-05-15"
        );
        assert_eq!(
            Cpr::parse("150558-8456").unwrap().birth_date().to_string(),
            "1858-05-15"
        );
        // 7th digit 9: like 4.
        assert_eq!(
            Cpr::parse("150536-9456").unwrap().birth_date().to_string(),
            "2036-05-15"
        );
        assert_eq!(
            Cpr::parse("150537-9456").unwrap().birth_date().to_string(),
            "1937-05-15"
        );
    }

    #[test]
    fn leap_days_are_real_only_in_leap_years() {
        assert!(Cpr::parse("290212-4000").is_ok()); // 2012 is a leap year
        assert!(Cpr::parse("290213-4000").is_err()); // 2013 is not
        assert!(Cpr::parse("290200-4000").is_ok()); // 2000 is a leap year
        assert!(Cpr::parse("290200-1000").is_err()); // 1900 is not
    }

    #[test]
    fn rejects_impossible_dates_and_bad_shapes() {
        for bad in [
            "320112-1234",
            "001012-1234",
            "011312-1234",
            "010012-1234",
            "31041-21234",
            "0101121234x",
            "01011-1234",
            "",
            "abcdef-ghij",
            "010112 1234",
            "010112--234",
        ] {
            assert!(Cpr::parse(bad).is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn display_debug_and_errors_never_show_the_serial() {
        let cpr = Cpr::parse("241215-4321").unwrap();
        assert_eq!(cpr.to_string(), "241215-XXXX");
        assert_eq!(format!("{cpr:?}"), "Cpr(241215-XXXX)");
        let err = Cpr::parse("991215-4321").unwrap_err().to_string();
        assert!(!err.contains("4321") && !err.contains("991215"), "{err}");
    }

    #[test]
    fn deserialises_from_a_json_string() {
        let cpr: Cpr = serde_json_like("\"241215-4321\"");
        assert_eq!(cpr.masked(), "241215-XXXX");
    }

    fn serde_json_like(s: &str) -> Cpr {
        // A tiny deserializer from a string literal, so the domain needs no JSON crate.
        use serde::de::IntoDeserializer;
        let inner = s.trim_matches('"').to_owned();
        let d: serde::de::value::StringDeserializer<serde::de::value::Error> =
            inner.into_deserializer();
        Cpr::deserialize(d).unwrap()
    }

    use serde::Deserialize;

    proptest! {
        #[test]
        fn every_real_date_round_trips(days in 0i64..(365 * 120), serial in 0u32..10000) {
            let date = NaiveDate::from_ymd_opt(1910, 1, 1).unwrap() + chrono::Days::new(days as u64);
            let yy = date.format("%y").to_string();
            let yy_num: i32 = yy.parse().unwrap();
            // Pick a seventh digit that yields this century.
            let seventh = if date.format("%Y").to_string().starts_with("19") { 0 } else { 4 };
            prop_assume!(seventh == 0 || yy_num <= 36);
            let serial = format!("{}{:03}", seventh, serial % 1000);
            let text = format!("{}-{}", date.format("%d%m%y"), serial);
            let cpr = Cpr::parse(&text).unwrap();
            prop_assert_eq!(cpr.birth_date(), date);
            prop_assert_eq!(cpr.expose(), text.clone());
            // The masked form is the date part and four X: the serial never shows.
            prop_assert_eq!(cpr.masked(), format!("{}-XXXX", &text[..6]));
        }

        #[test]
        fn parse_never_panics(s in ".{0,16}") {
            let _ = Cpr::parse(&s);
        }
    }
}
