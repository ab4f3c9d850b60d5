//! The demo municipality: a deterministic, realistic data set for trying Kith and for the
//! browser tests and screenshots. About 300 children (some in sibling groups, some with a
//! network, some waiting for a placement), 150 foster families across the four family kinds,
//! 20 children's homes, 39 staff, and placements that respect every option's capacity.
//!
//! The data is generated from a fixed seed relative to "today", so it is the same for a given
//! day and always looks current (ages, start dates). Every demo user has the same password,
//! and to load quickly they share one argon2 hash (fine for a demo, never for real users).

mod agreements;
mod children;
mod cover;
mod history;
mod names;
mod network_search;
mod options;
mod placements;
mod plans;
mod random;
mod seeder;
mod stability;
mod staff;
mod story;
pub mod synthetic;

use kith_app::{App, Result};
use kith_domain::Role;
use kith_store::StoreError;
use serde::Serialize;

use seeder::Seeder;

/// The password of every demo user.
pub const DEMO_PASSWORD: &str = "kith-demo-2026";

/// What the demo loader created, and how to log in.
#[derive(Debug, Clone, Serialize)]
pub struct DemoSummary {
    pub children: usize,
    pub sibling_groups: usize,
    pub options: usize,
    pub placements: usize,
    pub users: usize,
    /// (e-mail, role) of one login per role.
    pub logins: Vec<(String, Role)>,
    pub password: &'static str,
}

/// Whether the database holds no children and no options yet.
pub async fn is_empty(app: &App) -> Result<bool> {
    let conn = app.db().conn();
    Ok(kith_store::children::count_all(conn).await? == 0
        && kith_store::options::count_all(conn).await? == 0
        && kith_store::users::count_all(conn).await? == 0)
}

/// Loads the demo municipality into an empty database, in one transaction, then plans the
/// wheel of every placement. Each part draws from one random stream in a fixed order, so the
/// same day gives the same municipality.
pub async fn load(app: &App) -> Result<DemoSummary> {
    let hash = seeder::empty_and_hashed(app, "problem.demo_not_empty").await?;
    let tx = app.db().begin_write().await?;
    let mut s = Seeder::new(&tx, app, 2026, hash);
    let staff = staff::seed(&mut s).await?;
    let mut children = children::seed(&mut s, app.vault(), &staff.advisers).await?;
    let mut options = options::seed(&mut s, &staff, &mut children.all).await?;
    let placed = placements::seed(&mut s, &staff, &mut children.all, &mut options).await?;
    placements::history(&mut s, &placed).await?;
    placements::waiting(&mut s, &children.all, &options).await?;
    agreements::seed(&mut s, &staff, &placed).await?;
    network_search::seed(&mut s, &children.all).await?;
    stability::seed(&mut s, &children.all, &options).await?;
    cover::seed(&mut s, &staff).await?;
    kith_store::audit::append(s.conn, &s.audit, s.now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    kith_app::wheel::plan::plan_placements(app, None).await?;
    app.db().refresh_statistics().await?;

    Ok(DemoSummary {
        children: children.all.len(),
        sibling_groups: children.sibling_groups,
        options: options.len(),
        placements: placed.count,
        users: staff.users,
        logins: vec![
            ("matcher@kith.test".into(), Role::Matcher),
            ("consultant@kith.test".into(), Role::Consultant),
            ("adviser@kith.test".into(), Role::Adviser),
            ("leader@kith.test".into(), Role::Leader),
            ("admin@kith.test".into(), Role::Admin),
            ("revisor@kith.test".into(), Role::Auditor),
        ],
        password: DEMO_PASSWORD,
    })
}
