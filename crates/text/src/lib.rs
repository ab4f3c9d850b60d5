//! Every word a person reads in Kith, in Danish and English, from one Project Fluent
//! catalogue compiled into the binary (`locales/<lang>/*.ftl`).
//!
//! Keys are `area.name`: the Fluent message `area` and its attribute `.name`, so one area's
//! texts sit together. Danish is the default. Numbers are formatted as the reader writes them
//! (`82,5` in Danish) by the bundle's formatter, and plurals are chosen by Fluent's rules.
//! Tests in `tests/catalogue.rs` fail on a key used but not defined, defined but not used, or
//! missing in one language.

pub mod format;

use std::collections::HashMap;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::types::{FluentNumber, FluentNumberOptions};
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;
use kith_domain::{Arg, Lang, Message};

/// The catalogue's files per language, in the order they are loaded.
const FILES: &[(&str, &str, &str)] = &[
    (
        "pages",
        include_str!("../locales/da/pages.ftl"),
        include_str!("../locales/en/pages.ftl"),
    ),
    (
        "terms",
        include_str!("../locales/da/terms.ftl"),
        include_str!("../locales/en/terms.ftl"),
    ),
    (
        "problems",
        include_str!("../locales/da/problems.ftl"),
        include_str!("../locales/en/problems.ftl"),
    ),
    (
        "mail",
        include_str!("../locales/da/mail.ftl"),
        include_str!("../locales/en/mail.ftl"),
    ),
    (
        "audit",
        include_str!("../locales/da/audit.ftl"),
        include_str!("../locales/en/audit.ftl"),
    ),
    (
        "exports",
        include_str!("../locales/da/exports.ftl"),
        include_str!("../locales/en/exports.ftl"),
    ),
];

struct Catalogue {
    bundle: FluentBundle<FluentResource>,
    /// Every text without values, rendered once: pages ask for hundreds per request.
    plain: HashMap<String, String>,
}

fn catalogue(lang: Lang) -> &'static Catalogue {
    static DA: OnceLock<Catalogue> = OnceLock::new();
    static EN: OnceLock<Catalogue> = OnceLock::new();
    match lang {
        Lang::Da => DA.get_or_init(|| load(Lang::Da)),
        Lang::En => EN.get_or_init(|| load(Lang::En)),
    }
}

fn load(lang: Lang) -> Catalogue {
    let id = match lang {
        Lang::Da => unic_langid::langid!("da"),
        Lang::En => unic_langid::langid!("en"),
    };
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    bundle.set_use_isolating(false);
    bundle.set_formatter(Some(match lang {
        Lang::Da => format_da,
        Lang::En => format_en,
    }));
    for source in sources(lang) {
        let resource = match FluentResource::try_new(source.to_owned()) {
            Ok(r) => r,
            // The catalogue is compiled in and its tests parse it: a broken file is a bug.
            Err((_, errors)) => panic!("the {lang} catalogue does not parse: {errors:?}"),
        };
        if let Err(errors) = bundle.add_resource(resource) {
            panic!("the {lang} catalogue defines a key twice: {errors:?}");
        }
    }
    let mut plain = HashMap::new();
    for key in keys(lang) {
        // Texts that take values are rendered here without them, quietly: `t` serves them
        // only to the catalogue's tests; the pages pass their values through `render`.
        if let Some((text, _)) = format(&bundle, &key, None) {
            plain.insert(key, text);
        }
    }
    Catalogue { bundle, plain }
}

/// The source text of each catalogue file in `lang`.
pub fn sources(lang: Lang) -> impl Iterator<Item = &'static str> {
    FILES.iter().map(move |(_, da, en)| match lang {
        Lang::Da => *da,
        Lang::En => *en,
    })
}

/// Every key defined in `lang`: `area` for a message with a value, `area.name` per attribute.
pub fn keys(lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    for source in sources(lang) {
        let Ok(resource) = FluentResource::try_new(source.to_owned()) else {
            continue;
        };
        for entry in resource.entries() {
            if let ast::Entry::Message(m) = entry {
                if m.value.is_some() {
                    out.push(m.id.name.to_owned());
                }
                for a in &m.attributes {
                    out.push(format!("{}.{}", m.id.name, a.id.name));
                }
            }
        }
    }
    out
}

/// The text of `key` with `args`, and whether a value it names was missing.
fn format(
    bundle: &FluentBundle<FluentResource>,
    key: &str,
    args: Option<&FluentArgs>,
) -> Option<(String, bool)> {
    let (id, attribute) = match key.split_once('.') {
        Some((id, attribute)) => (id, Some(attribute)),
        None => (key, None),
    };
    let message = bundle.get_message(id)?;
    let pattern = match attribute {
        Some(a) => message.get_attribute(a)?.value(),
        None => message.value()?,
    };
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, args, &mut errors);
    Some((text.into_owned(), !errors.is_empty()))
}

/// The text for `key` in `lang`, without values. A missing key shows as `?` and is logged
/// (the catalogue tests make sure none is).
pub fn t(lang: Lang, key: &str) -> &'static str {
    match catalogue(lang).plain.get(key) {
        Some(text) => text,
        None => {
            tracing::warn!(key, "missing text");
            "?"
        }
    }
}

/// Whether `key` is in the catalogue (in Danish, the default; the tests check English has
/// the same keys).
pub fn has(key: &str) -> bool {
    catalogue(Lang::Da).plain.contains_key(key)
}

/// A value of one of the domain's vocabularies whose name people read: its catalogue area
/// (`placement_kind`) and its code (`general_foster_family`).
pub trait Term: Copy {
    /// The catalogue area of the vocabulary.
    const AREA: &'static str;
    /// The value's code.
    fn code(self) -> &'static str;
}

macro_rules! terms {
    ($($t:ty => $area:literal),+ $(,)?) => {
        $(impl Term for $t {
            const AREA: &'static str = $area;
            fn code(self) -> &'static str {
                self.as_str()
            }
        })+

        /// Every term's catalogue key, for the catalogue's tests.
        pub fn term_keys() -> Vec<String> {
            let mut out = Vec::new();
            $(out.extend(<$t>::ALL.iter().map(|v| format!("{}.{}", $area, v.as_str())));)+
            out
        }
    };
}

terms!(
    kith_domain::PlacementKind => "placement_kind",
    kith_domain::InstitutionForm => "institution_form",
    kith_domain::Party => "party",
    kith_domain::goals::GoalArea => "goal_area",
    kith_domain::wheel::VisitKind => "visit_kind",
    kith_domain::Role => "role",
    kith_domain::TargetArea => "target_area",
);

impl<T: Term> Term for &T {
    const AREA: &'static str = T::AREA;
    fn code(self) -> &'static str {
        (*self).code()
    }
}

/// The name of a vocabulary's value in `lang`: "Almen plejefamilie".
pub fn term<T: Term>(lang: Lang, value: T) -> &'static str {
    t(lang, &format!("{}.{}", T::AREA, value.code()))
}

/// The name of a vocabulary's value in both languages, for texts the domain writes.
pub fn both<T: Term>(value: T) -> kith_domain::Bilingual {
    kith_domain::Bilingual::new(term(Lang::Da, value), term(Lang::En, value))
}

/// A message with its values, in `lang`.
pub fn render(lang: Lang, message: &Message) -> String {
    let mut args = FluentArgs::new();
    for (name, value) in &message.args {
        args.set(*name, value_of(lang, value));
    }
    match format(&catalogue(lang).bundle, &message.key, Some(&args)) {
        Some((text, missing_value)) => {
            if missing_value {
                tracing::warn!(key = %message.key, "catalogue text without a value it names");
            }
            text
        }
        None => {
            tracing::warn!(key = %message.key, "missing text");
            "?".to_owned()
        }
    }
}

fn value_of(lang: Lang, arg: &Arg) -> FluentValue<'static> {
    match arg {
        Arg::Int(n) => FluentValue::from(*n),
        Arg::Decimal(x, places) => {
            let places = Some(usize::from(*places));
            FluentValue::Number(FluentNumber::new(
                *x,
                FluentNumberOptions {
                    minimum_fraction_digits: places,
                    maximum_fraction_digits: places,
                    ..Default::default()
                },
            ))
        }
        Arg::Date(d) => FluentValue::from(format::date(lang, *d)),
        Arg::Text(s) => FluentValue::from(s.clone()),
        Arg::Key(k) => FluentValue::from(t(lang, k)),
        Arg::Both(b) => FluentValue::from(b.get(lang).to_owned()),
    }
}

fn format_number(lang: Lang, value: &FluentValue) -> Option<String> {
    let FluentValue::Number(n) = value else {
        return None;
    };
    let places = n.options.minimum_fraction_digits.unwrap_or(0);
    Some(format::decimal(
        lang,
        n.value,
        u8::try_from(places).unwrap_or(2),
    ))
}

fn format_da<M>(value: &FluentValue, _: &M) -> Option<String> {
    format_number(Lang::Da, value)
}

fn format_en<M>(value: &FluentValue, _: &M) -> Option<String> {
    format_number(Lang::En, value)
}
