//! The child's network: relatives and close adults, stored with their address.

use super::*;

/// A network person's stored fields.
#[derive(Debug, Clone)]
pub struct NetworkPersonFields {
    pub name: String,
    pub relation: String,
    pub place: Option<Place>,
    pub approval_status: NetworkApprovalStatus,
}

/// The network of the given children, oldest first.
pub async fn network_of<C: ConnectionTrait>(
    conn: &C,
    child_ids: &[i64],
) -> Result<Vec<network_person::Model>> {
    if child_ids.is_empty() {
        return Ok(vec![]);
    }
    Ok(network_person::Entity::find()
        .filter(network_person::Column::ChildId.is_in(child_ids.iter().copied()))
        .order_by_asc(network_person::Column::Id)
        .all(conn)
        .await?)
}

/// One network person.
pub async fn network_person<C: ConnectionTrait>(
    conn: &C,
    id: i64,
) -> Result<Option<network_person::Model>> {
    Ok(network_person::Entity::find_by_id(id).one(conn).await?)
}

/// Adds a person to a child's network.
pub async fn add_network_person<C: ConnectionTrait>(
    conn: &C,
    child_id: i64,
    f: &NetworkPersonFields,
    now: DateTime<Utc>,
) -> Result<i64> {
    let m = network_person::ActiveModel {
        child_id: Set(child_id),
        created_at: Set(now),
        ..person(f)
    }
    .insert(conn)
    .await?;
    Ok(m.id)
}

/// Replaces a network person's fields.
pub async fn update_network_person<C: ConnectionTrait>(
    conn: &C,
    id: i64,
    f: &NetworkPersonFields,
) -> Result<()> {
    network_person::ActiveModel {
        id: sea_orm::ActiveValue::Unchanged(id),
        ..person(f)
    }
    .update(conn)
    .await?;
    Ok(())
}

/// Removes a network person.
pub async fn delete_network_person<C: ConnectionTrait>(conn: &C, id: i64) -> Result<()> {
    super::delete_asks_about(conn, id).await?;
    network_person::Entity::delete_by_id(id).exec(conn).await?;
    Ok(())
}

// ---- unsuitable options -----------------------------------------------------------------

/// The fields of a network person as typed, to insert or to replace.
fn person(f: &NetworkPersonFields) -> network_person::ActiveModel {
    let (address, lat, lon) = place_parts(&f.place);
    network_person::ActiveModel {
        name: Set(f.name.clone()),
        relation: Set(f.relation.clone()),
        address: Set(address),
        lat: Set(lat),
        lon: Set(lon),
        approval_status: Set(f.approval_status.into()),
        ..Default::default()
    }
}
