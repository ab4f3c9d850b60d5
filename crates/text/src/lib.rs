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
use kith_domain::{Arg, Lang, Message, NeedCode};

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
    (
        "matching",
        include_str!("../locales/da/matching.ftl"),
        include_str!("../locales/en/matching.ftl"),
    ),
    (
        "documents",
        include_str!("../locales/da/documents.ftl"),
        include_str!("../locales/en/documents.ftl"),
    ),
    (
        "languages",
        include_str!("../locales/da/languages.ftl"),
        include_str!("../locales/en/languages.ftl"),
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
    kith_domain::AgreementState => "agreement_state",
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

/// The name of a vocabulary's value in both languages, for a cell of an export that keeps both.
pub fn both<T: Term>(value: T) -> kith_domain::Bilingual {
    kith_domain::Bilingual::new(term(Lang::Da, value), term(Lang::En, value))
}

/// The words of the needs vocabulary, which an administrator keeps as data (not in this
/// catalogue), for the texts that name a need.
pub trait NeedNames {
    /// The need's name in `lang`, if the vocabulary has it.
    fn need_name(&self, lang: Lang, code: &NeedCode) -> Option<String>;
}

/// No vocabulary at hand: a need shows as its code.
impl NeedNames for () {
    fn need_name(&self, _: Lang, _: &NeedCode) -> Option<String> {
        None
    }
}

/// A message with its values, in `lang`.
pub fn render(lang: Lang, message: &Message) -> String {
    render_with(lang, message, &())
}

/// A message with its values, in `lang`, naming needs by `needs`.
pub fn render_with(lang: Lang, message: &Message, needs: &dyn NeedNames) -> String {
    let mut args = FluentArgs::new();
    for (name, value) in &message.args {
        args.set(*name, value_of(lang, value, needs));
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

/// A message in both languages, for what is kept or sent as it was said (a proposal's frozen
/// explanation, the API's reasons).
pub fn both_with(message: &Message, needs: &dyn NeedNames) -> kith_domain::Bilingual {
    kith_domain::Bilingual::new(
        render_with(Lang::Da, message, needs),
        render_with(Lang::En, message, needs),
    )
}

/// A language's name by its ISO 639-1 code ("arabisk"); an unknown code in capitals.
pub fn language_name(lang: Lang, code: &str) -> String {
    let code = code.trim().to_lowercase();
    match catalogue(lang).plain.get(&format!("language_name.{code}")) {
        Some(name) => name.clone(),
        None => code.to_uppercase(),
    }
}

/// Several languages' names as a list: "arabisk, dansk og tyrkisk".
pub fn language_list(lang: Lang, codes: &[String]) -> String {
    format::list(lang, codes.iter().map(|c| language_name(lang, c)).collect())
}

fn text_of(lang: Lang, arg: &Arg, needs: &dyn NeedNames) -> String {
    match value_of(lang, arg, needs) {
        FluentValue::String(s) => s.into_owned(),
        other => format_number(lang, &other).unwrap_or_default(),
    }
}

fn value_of(lang: Lang, arg: &Arg, needs: &dyn NeedNames) -> FluentValue<'static> {
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
        Arg::Need(code) => FluentValue::from(
            needs
                .need_name(lang, code)
                .unwrap_or_else(|| code.as_str().to_owned()),
        ),
        Arg::Named(name) => FluentValue::from(name.get(lang).to_owned()),
        Arg::Language(code) => FluentValue::from(language_name(lang, code)),
        Arg::List(items) => FluentValue::from(format::list(
            lang,
            items.iter().map(|a| text_of(lang, a, needs)).collect(),
        )),
        Arg::Clauses(clauses) => {
            let joined = clauses
                .iter()
                .map(|m| render_with(lang, m, needs))
                .collect::<Vec<_>>()
                .join("; ");
            FluentValue::from(format::capitalised(&joined))
        }
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
