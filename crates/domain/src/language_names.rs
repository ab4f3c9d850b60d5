//! The names of the languages children and carers speak, by ISO 639-1 code, so a person reads
//! "arabisk", not "ar". A code outside the list is shown as it is, in capitals.

use crate::Bilingual;

/// (code, Danish, English) for the languages met in Danish children's services.
const NAMES: &[(&str, &str, &str)] = &[
    ("da", "dansk", "Danish"),
    ("en", "engelsk", "English"),
    ("de", "tysk", "German"),
    ("sv", "svensk", "Swedish"),
    ("no", "norsk", "Norwegian"),
    ("nb", "norsk", "Norwegian"),
    ("fo", "færøsk", "Faroese"),
    ("kl", "grønlandsk", "Greenlandic"),
    ("is", "islandsk", "Icelandic"),
    ("fi", "finsk", "Finnish"),
    ("pl", "polsk", "Polish"),
    ("lt", "litauisk", "Lithuanian"),
    ("lv", "lettisk", "Latvian"),
    ("ro", "rumænsk", "Romanian"),
    ("bg", "bulgarsk", "Bulgarian"),
    ("uk", "ukrainsk", "Ukrainian"),
    ("ru", "russisk", "Russian"),
    ("bs", "bosnisk", "Bosnian"),
    ("sr", "serbisk", "Serbian"),
    ("hr", "kroatisk", "Croatian"),
    ("sq", "albansk", "Albanian"),
    ("tr", "tyrkisk", "Turkish"),
    ("ku", "kurdisk", "Kurdish"),
    ("ar", "arabisk", "Arabic"),
    ("fa", "persisk", "Persian"),
    ("ps", "pashto", "Pashto"),
    ("ur", "urdu", "Urdu"),
    ("so", "somali", "Somali"),
    ("ti", "tigrinya", "Tigrinya"),
    ("am", "amharisk", "Amharic"),
    ("es", "spansk", "Spanish"),
    ("fr", "fransk", "French"),
    ("it", "italiensk", "Italian"),
    ("pt", "portugisisk", "Portuguese"),
    ("vi", "vietnamesisk", "Vietnamese"),
    ("th", "thai", "Thai"),
    ("zh", "kinesisk", "Chinese"),
    ("ta", "tamil", "Tamil"),
    ("tl", "tagalog", "Tagalog"),
];

/// A language's name in both languages; an unknown code as it is, in capitals.
pub fn language_name(code: &str) -> Bilingual {
    let code = code.trim().to_lowercase();
    match NAMES.iter().find(|(c, _, _)| *c == code) {
        Some((_, da, en)) => Bilingual::new(*da, *en),
        None => Bilingual::new(code.to_uppercase(), code.to_uppercase()),
    }
}

/// Several languages' names, joined as a list is written: "arabisk, dansk og tyrkisk".
pub fn language_list(codes: &[String]) -> Bilingual {
    let names: Vec<Bilingual> = codes.iter().map(|c| language_name(c)).collect();
    Bilingual::new(
        join(names.iter().map(|n| n.da.as_str()).collect(), "og"),
        join(names.iter().map(|n| n.en.as_str()).collect(), "and"),
    )
}

fn join(items: Vec<&str>, and: &str) -> String {
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} {and} {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_are_named_not_coded() {
        assert_eq!(language_name("uk").da, "ukrainsk");
        assert_eq!(language_name("AR").en, "Arabic");
        assert_eq!(language_name("xx").da, "XX");
        let l = language_list(&["ar".into(), "da".into(), "tr".into()]);
        assert_eq!(l.da, "arabisk, dansk og tyrkisk");
        assert_eq!(l.en, "Arabic, Danish and Turkish");
        assert_eq!(language_list(&["uk".into()]).en, "Ukrainian");
    }
}
