//! What matching's stability flags need beyond Kith's own placements (issue 18, point 2): a
//! family's record of the children in its home that Kith did not place (JSON: born on, who),
//! when and by whom it was last confirmed, how many times it was saved; a child's consent and the parents', and the child's
//! placements before Kith (JSON: kind, whether it broke down).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// (table, column) in the order they are added; each is nullable: not recorded.
fn columns() -> Vec<(&'static str, ColumnDef)> {
    vec![
        ("placement_option", json_binary_null("household").take()),
        (
            "placement_option",
            date_null("household_confirmed_on").take(),
        ),
        (
            "placement_option",
            big_integer_null("household_confirmed_by").take(),
        ),
        // Counts the saves of the record: matching's cached catalogue sees every change by
        // it, even two in the same instant.
        (
            "placement_option",
            big_integer_null("household_revision").take(),
        ),
        ("child", string_null("consent_child").take()),
        ("child", string_null("consent_parents").take()),
        ("child", json_binary_null("earlier_placements").take()),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters a table one change at a time.
        for (table, mut column) in columns() {
            manager
                .alter_table(Table::alter().table(table).add_column(&mut column).take())
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, column) in columns().into_iter().rev() {
            let name = column.get_column_name();
            manager
                .alter_table(
                    Table::alter()
                        .table(table)
                        .drop_column(Alias::new(name))
                        .take(),
                )
                .await?;
        }
        Ok(())
    }
}
