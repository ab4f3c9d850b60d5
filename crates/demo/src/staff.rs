//! The organisation: the match unit, the foster-care and institutions units, two advisory
//! teams, and 39 staff across every role, with one login per role at its plain address
//! (`matcher@kith.test`, …) and the others numbered (`adviser07@kith.test`).

use kith_domain::{Email, Lang, Role, UnitKind};
use kith_store::ConnectionTrait;
use kith_store::users::NewUser;

use crate::random::person_name;
use crate::seeder::Seeder;
use kith_app::{AppError, Result};

/// Who the rest of the demo hands work to.
pub(crate) struct Staff {
    pub foster_consultants: Vec<i64>,
    pub inst_consultants: Vec<i64>,
    pub advisers: Vec<i64>,
    /// The match unit's matchers and leader, who proposed and decided the placements.
    pub deciders: crate::story::Deciders,
    /// The leader of the foster-care and institutions units (who hands placements over).
    pub care_leader: i64,
    /// How many users were created.
    pub users: usize,
}

/// Creates the units and the staff.
pub(crate) async fn seed<C: ConnectionTrait>(s: &mut Seeder<'_, C>) -> Result<Staff> {
    let (conn, now) = (s.conn, s.now);
    let unit = |name: &'static str, kind| kith_store::units::insert(conn, name, kind, now);
    let match_unit = unit("Matchenheden", UnitKind::MatchUnit).await?;
    let foster_unit = unit("Plejefamilier og netværk", UnitKind::FosterNetwork).await?;
    let inst_unit = unit("Døgn og institutioner", UnitKind::Institutions).await?;
    let north = unit("Rådgiverteam Nord", UnitKind::AdvisoryTeam).await?;
    let south = unit("Rådgiverteam Syd", UnitKind::AdvisoryTeam).await?;

    let mut staff = Staff {
        foster_consultants: Vec::new(),
        inst_consultants: Vec::new(),
        advisers: Vec::new(),
        deciders: crate::story::Deciders {
            matchers: Vec::new(),
            leader: 0,
        },
        care_leader: 0,
        users: 0,
    };
    add(s, "admin@kith.test".into(), &[Role::Admin], &[]).await?;
    for i in 0..2 {
        let id = add(s, numbered("matcher", i), &[Role::Matcher], &[match_unit]).await?;
        staff.deciders.matchers.push(id);
    }
    staff.deciders.leader = add(s, numbered("leader", 0), &[Role::Leader], &[match_unit]).await?;
    let units = [foster_unit, inst_unit];
    staff.care_leader = add(s, numbered("leader", 1), &[Role::Leader], &units).await?;
    add(s, numbered("leader", 2), &[Role::Leader], &[north, south]).await?;
    staff.users += 6;
    for i in 0..12 {
        let u = if i < 8 { foster_unit } else { inst_unit };
        let id = add(s, numbered("consultant", i), &[Role::Consultant], &[u]).await?;
        if i < 8 {
            staff.foster_consultants.push(id);
        } else {
            staff.inst_consultants.push(id);
        }
    }
    for i in 0..20 {
        let team = if i < 10 { north } else { south };
        let id = add(s, numbered("adviser", i), &[Role::Adviser], &[team]).await?;
        staff.advisers.push(id);
    }
    staff.users += 32;
    auditor(s).await?;
    staff.users += 1;
    Ok(staff)
}

/// `matcher@kith.test` for the first, `matcher02@kith.test` for the second, …
fn numbered(base: &str, i: usize) -> String {
    if i == 0 {
        format!("{base}@kith.test")
    } else {
        format!("{base}{:02}@kith.test", i + 1)
    }
}

/// A user with a drawn name, the given roles and units.
async fn add<C: ConnectionTrait>(
    s: &mut Seeder<'_, C>,
    email: String,
    roles: &[Role],
    units: &[i64],
) -> Result<i64> {
    let (name, _) = person_name(&mut s.rng);
    let id = insert(s, &email, name).await?;
    kith_store::users::set_roles(s.conn, id, roles).await?;
    kith_store::users::set_units(s.conn, id, units).await?;
    Ok(id)
}

/// The data-protection auditor reads the audit trail of everything and no case (a fixed
/// name: drawing one would change every name drawn after it).
async fn auditor<C: ConnectionTrait>(s: &mut Seeder<'_, C>) -> Result<()> {
    let id = insert(s, "revisor@kith.test", "Rita Revisor".into()).await?;
    kith_store::users::set_roles(s.conn, id, &[Role::Auditor]).await?;
    Ok(())
}

async fn insert<C: ConnectionTrait>(s: &Seeder<'_, C>, email: &str, name: String) -> Result<i64> {
    let user = NewUser {
        email: Email::parse(email).map_err(AppError::internal)?,
        name,
        password_hash: s.hash.clone(),
        locale: Lang::Da,
        active: true,
    };
    Ok(kith_store::users::insert(s.conn, &user, s.now).await?)
}
