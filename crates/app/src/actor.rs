//! The person doing something: a logged-in staff member with roles and units.

use chrono::NaiveDate;
use kith_domain::{Email, Lang, Role, UnitId, UnitKind, UserId};
use serde::Serialize;

/// A logged-in, active user, as the policy sees them.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Actor {
    pub id: UserId,
    pub name: String,
    #[schema(value_type = String)]
    pub email: Email,
    pub roles: Vec<Role>,
    /// The units the user belongs to, with their kinds.
    pub units: Vec<ActorUnit>,
    pub locale: Lang,
    /// The day (in Copenhagen) the request began: what time-bound reach, a stand-in's, is
    /// judged on.
    #[serde(skip)]
    pub today: NaiveDate,
}

/// A unit membership of an actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ActorUnit {
    pub id: UnitId,
    pub kind: UnitKind,
}

impl Actor {
    /// Whether the actor holds `role`.
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    /// The ids of the actor's units.
    pub fn unit_ids(&self) -> Vec<i64> {
        self.units.iter().map(|u| u.id.0).collect()
    }

    /// Whether the actor belongs to a unit of this kind.
    pub fn in_unit_of_kind(&self, kind: UnitKind) -> bool {
        self.units.iter().any(|u| u.kind == kind)
    }
}
