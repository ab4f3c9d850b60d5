//! Column and constraint helpers shared by the migrations, so every table spells ids,
//! foreign keys and timestamps the same way.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema;

/// A 64-bit auto-increment primary key named `id`.
pub fn id() -> ColumnDef {
    schema::big_pk_auto("id")
}

/// A 64-bit reference column.
pub fn reference(name: &'static str) -> ColumnDef {
    schema::big_integer(name)
}

/// A nullable 64-bit reference column.
pub fn reference_null(name: &'static str) -> ColumnDef {
    schema::big_integer_null(name)
}

/// An instant in UTC.
pub fn instant(name: &'static str) -> ColumnDef {
    schema::timestamp_with_time_zone(name)
}

/// A nullable instant in UTC.
pub fn instant_null(name: &'static str) -> ColumnDef {
    schema::timestamp_with_time_zone_null(name)
}

/// A foreign key `table.column -> target.id`.
pub fn fk(
    table: &'static str,
    column: &'static str,
    target: &'static str,
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{table}_{column}"))
        .from(table, column)
        .to(target, "id")
        .on_delete(on_delete)
        .take()
}

/// A (non-unique) index on the given columns.
pub fn index(table: &'static str, columns: &[&'static str]) -> IndexCreateStatement {
    let mut stmt = Index::create();
    stmt.name(format!("ix_{table}_{}", columns.join("_")))
        .table(table);
    for c in columns {
        stmt.col(*c);
    }
    stmt.take()
}

/// A unique index on the given columns.
pub fn unique_index(table: &'static str, columns: &[&'static str]) -> IndexCreateStatement {
    let mut stmt = index(table, columns);
    stmt.name(format!("ux_{table}_{}", columns.join("_")))
        .unique();
    stmt
}

/// Drops tables in the order given (children before parents).
pub async fn drop_tables(
    manager: &SchemaManager<'_>,
    tables: &[&'static str],
) -> Result<(), DbErr> {
    for t in tables {
        manager
            .drop_table(Table::drop().table(*t).if_exists().take())
            .await?;
    }
    Ok(())
}
