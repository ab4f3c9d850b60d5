//! The stability facts kept as JSON (jsonb on PostgreSQL, text on SQLite): a family's record of
//! the children in its home, and a child's placements before Kith.

use kith_domain::stability_facts::{EarlierPlacement, HouseholdChild};
use sea_orm::FromJsonQueryResult;
use serde::{Deserialize, Serialize};

/// The children in a family's home that Kith did not place there.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(transparent)]
pub struct Household(pub Vec<HouseholdChild>);

/// A child's placements before Kith.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(transparent)]
pub struct EarlierPlacements(pub Vec<EarlierPlacement>);
