//! Inputs for tests, as the API takes them.
//!
//! Every child the fixtures make carries a CPR number of its own (born 15.03.2014, like every
//! CPR number the tests type), so the detector below ([`full_cpr_in`]) can look for any of them
//! in every response, e-mail and log line of the suite.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};

use serde_json::{Value, json};

/// A new CPR number for the fixture's birth date, unique in this test process.
pub fn cpr() -> String {
    static NEXT: AtomicU32 = AtomicU32::new(6000);
    format!("150314-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// A full CPR number of the tests' birth date (15.03.2014) in `text`, in any of the ways it
/// can be written (`150314-4562`, `1503144562`, `150314 4562`); the masked `150314-XXXX` is not
/// one. Only the audited reveal may answer one.
pub fn full_cpr_in(text: &str) -> Option<String> {
    static PATTERN: OnceLock<regex::Regex> = OnceLock::new();
    PATTERN
        .get_or_init(|| regex::Regex::new(r"150314[- ]?[0-9]{4}").expect("a pattern"))
        .find(text)
        .map(|m| m.as_str().to_owned())
}

/// A complete, valid child case input, with a CPR number of its own.
pub fn child(name: &str) -> Value {
    json!({
        "cpr": cpr(),
        "name": name,
        "birth_date": "2014-03-15",
        "target_area": "general",
        "support_level": "moderate",
        "needs": [
            {"code": "attachment", "level": "moderate"},
            {"code": "school_learning_support", "level": "light"}
        ],
        "languages": ["da"],
        "culture_religion_wishes": "",
        "school": {"address": "Himmelev Skole, Roskilde", "coordinates": {"lat": 55.6598, "lon": 12.1069}},
        "parents_home": {"address": "Algade 1, 4000 Roskilde", "coordinates": {"lat": 55.6415, "lon": 12.0803}},
        "own_wishes": "Vil gerne blive på sin skole",
        "needs_wheelchair_access": false
    })
}

/// A complete, valid general foster family input.
pub fn foster_family(name: &str, places: u32) -> Value {
    json!({
        "kind": "general_foster_family",
        "name": name,
        "address": "Lindevej 4, 4000 Roskilde",
        "coordinates": {"lat": 55.65, "lon": 12.09},
        "approval": {"authority": "social_supervision", "approved_on": "2025-01-10", "valid_until": "2028-01-10", "status": "active"},
        "approved_places": places,
        "age_range": {"min": 2, "max": 15},
        "target_areas": ["general", "social_psychiatric"],
        "competences": [
            {"code": "attachment", "max_level": "moderate"},
            {"code": "trauma", "max_level": "light"}
        ],
        "languages": ["da"],
        "culture_religion": "",
        "wheelchair_access": false
    })
}

/// Sets a field of a JSON object.
pub fn with(mut v: Value, key: &str, value: Value) -> Value {
    v[key] = value;
    v
}

/// Removes a field of a JSON object.
pub fn without(mut v: Value, key: &str) -> Value {
    if let Some(o) = v.as_object_mut() {
        o.remove(key);
    }
    v
}
