//! Numbers, amounts and dates as a Danish (or English) reader writes them: `1.234,5`,
//! `2.600 kr.`, `10.12.2026`. One place, so a score, a distance and a fee look alike.

use chrono::{Datelike, NaiveDate};
use kith_domain::Lang;

/// A whole number with thousands separators: `12.500` (Danish), `12,500` (English).
pub fn integer(lang: Lang, n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let sep = match lang {
        Lang::Da => '.',
        Lang::En => ',',
    };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// A number with `places` decimals: `82,5` (Danish), `82.5` (English).
pub fn decimal(lang: Lang, x: f64, places: u8) -> String {
    if !x.is_finite() {
        return "–".to_owned();
    }
    let fixed = format!("{:.*}", usize::from(places), x.abs());
    let (whole, frac) = fixed.split_once('.').unwrap_or((&fixed, ""));
    let whole: i64 = whole.parse().unwrap_or(0);
    let negative = x < 0.0 && fixed.chars().any(|c| c.is_ascii_digit() && c != '0');
    let mut out = integer(lang, whole);
    if !frac.is_empty() {
        out.push(match lang {
            Lang::Da => ',',
            Lang::En => '.',
        });
        out.push_str(frac);
    }
    if negative { format!("-{out}") } else { out }
}

/// An amount of kroner: `2.600 kr.` (Danish), `DKK 2,600` (English).
pub fn kroner(lang: Lang, amount: i64) -> String {
    match lang {
        Lang::Da => format!("{} kr.", integer(lang, amount)),
        Lang::En => format!("DKK {}", integer(lang, amount)),
    }
}

/// A date: `10.12.2026` (Danish), `10 Dec 2026` (English).
pub fn date(lang: Lang, d: NaiveDate) -> String {
    match lang {
        Lang::Da => d.format("%d.%m.%Y").to_string(),
        Lang::En => d.format("%-d %b %Y").to_string(),
    }
}

/// A date with its weekday: `torsdag 10.12.2026`, `Thursday 10 Dec 2026`.
pub fn weekday_date(lang: Lang, d: NaiveDate) -> String {
    let day = d.weekday().num_days_from_monday() as usize;
    let name = match lang {
        Lang::Da => [
            "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag",
        ][day],
        Lang::En => [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ][day],
    };
    format!("{name} {}", date(lang, d))
}

/// Items listed as the reader lists them: "arabisk, dansk og tyrkisk".
pub fn list(lang: Lang, items: Vec<String>) -> String {
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} {} {last}", rest.join(", "), crate::t(lang, "list.and")),
    }
}

/// A text begun with a capital letter, as a sentence is.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn danish_numbers_use_a_decimal_comma_and_thousands_points() {
        assert_eq!(integer(Lang::Da, 1234567), "1.234.567");
        assert_eq!(integer(Lang::Da, 999), "999");
        assert_eq!(integer(Lang::Da, -1000), "-1.000");
        assert_eq!(integer(Lang::En, 12500), "12,500");
        assert_eq!(decimal(Lang::Da, 82.5, 1), "82,5");
        assert_eq!(decimal(Lang::Da, 96.209_151_5, 1), "96,2");
        assert_eq!(decimal(Lang::Da, 1234.25, 2), "1.234,25");
        assert_eq!(decimal(Lang::En, 2.5, 1), "2.5");
        assert_eq!(decimal(Lang::Da, -0.04, 1), "0,0");
        assert_eq!(decimal(Lang::Da, -1.5, 1), "-1,5");
        assert_eq!(decimal(Lang::Da, 3.0, 0), "3");
    }

    #[test]
    fn amounts_and_dates() {
        assert_eq!(kroner(Lang::Da, 2600), "2.600 kr.");
        assert_eq!(kroner(Lang::En, 2600), "DKK 2,600");
        let d = NaiveDate::from_ymd_opt(2026, 12, 10).unwrap();
        assert_eq!(date(Lang::Da, d), "10.12.2026");
        assert_eq!(date(Lang::En, d), "10 Dec 2026");
        assert_eq!(weekday_date(Lang::Da, d), "torsdag 10.12.2026");
    }
}
