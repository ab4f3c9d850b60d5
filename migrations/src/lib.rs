//! Kith's database schema as sea-orm migrations, one file per change.
//!
//! Every migration runs on SQLite and PostgreSQL. A migration that has shipped is never edited:
//! a change is a new file. SQLite accepts one `ALTER` option per statement, so each alteration
//! is its own statement. Instants are `timestamp with time zone` (UTC), calendar dates are
//! `date`, enumerations are their snake_case codes as text, and identifiers are 64-bit.

pub use sea_orm_migration;
pub use sea_orm_migration::prelude::*;

mod common;
mod m20261122_000001_identity;
mod m20261122_000002_needs;
mod m20261122_000003_children;
mod m20261122_000004_placement_options;
mod m20261122_000005_placements;
mod m20261122_000006_audit;
mod m20261122_000007_matching;
mod m20261122_000008_catalog_indexes;
mod m20261122_000009_annual_wheel;
mod m20261122_000010_goals;
mod m20261122_000011_login_attempts;
mod m20261122_000012_caseload_index;
mod m20261123_000013_audit_by_child;
mod m20261201_000014_perimeter;
mod m20261202_000015_need_texts;
mod m20261202_000016_agreement_tasks;
mod m20261203_000017_form_drafts;
mod m20261203_000018_exit_move;
mod m20261203_000019_after_care;
mod m20261204_000020_network_search;
mod m20261204_000021_stability_facts;
mod m20261205_000022_cover;
mod m20261205_000023_school_change;
mod m20261206_000024_sign_in;

/// All migrations in order.
#[derive(Debug)]
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261122_000001_identity::Migration),
            Box::new(m20261122_000002_needs::Migration),
            Box::new(m20261122_000003_children::Migration),
            Box::new(m20261122_000004_placement_options::Migration),
            Box::new(m20261122_000005_placements::Migration),
            Box::new(m20261122_000006_audit::Migration),
            Box::new(m20261122_000007_matching::Migration),
            Box::new(m20261122_000008_catalog_indexes::Migration),
            Box::new(m20261122_000009_annual_wheel::Migration),
            Box::new(m20261122_000010_goals::Migration),
            Box::new(m20261122_000011_login_attempts::Migration),
            Box::new(m20261122_000012_caseload_index::Migration),
            Box::new(m20261123_000013_audit_by_child::Migration),
            Box::new(m20261201_000014_perimeter::Migration),
            Box::new(m20261202_000015_need_texts::Migration),
            Box::new(m20261202_000016_agreement_tasks::Migration),
            Box::new(m20261203_000017_form_drafts::Migration),
            Box::new(m20261203_000018_exit_move::Migration),
            Box::new(m20261203_000019_after_care::Migration),
            Box::new(m20261204_000020_network_search::Migration),
            Box::new(m20261204_000021_stability_facts::Migration),
            Box::new(m20261205_000022_cover::Migration),
            Box::new(m20261205_000023_school_change::Migration),
            Box::new(m20261206_000024_sign_in::Migration),
        ]
    }
}

/// A hash of the migration sources: changes whenever the schema does.
pub const SCHEMA_FINGERPRINT: &str = env!("KITH_SCHEMA_FINGERPRINT");
