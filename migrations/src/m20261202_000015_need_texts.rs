//! The needs vocabulary's words in one shape (issue 15): a row per need and language in
//! `need_text` (label and description), instead of a `_da` and an `_en` column of each on
//! `need`. A language is then rows, not columns, like the catalogue it sits beside; the
//! words an administrator wrote are copied over as they are.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::ConnectionTrait;

#[derive(DeriveMigrationName)]
pub struct Migration;

const OLD_COLUMNS: [&str; 4] = ["label_da", "label_en", "description_da", "description_en"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("need_text")
                    .col(string("need_code"))
                    .col(string("lang"))
                    .col(string("label"))
                    .col(text("description"))
                    .primary_key(Index::create().col("need_code").col("lang"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_need_text_need_code")
                            .from("need_text", "need_code")
                            .to("need", "code")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .take(),
            )
            .await?;
        let db = manager.get_connection();
        for lang in ["da", "en"] {
            db.execute_unprepared(&format!(
                "INSERT INTO need_text (need_code, lang, label, description) \
                 SELECT code, '{lang}', label_{lang}, description_{lang} FROM need"
            ))
            .await?;
        }
        for column in OLD_COLUMNS {
            manager
                .alter_table(Table::alter().table("need").drop_column(column).take())
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in OLD_COLUMNS {
            let def = if column.starts_with("label") {
                string(column).default("").take()
            } else {
                text(column).default("").take()
            };
            manager
                .alter_table(Table::alter().table("need").add_column(def).take())
                .await?;
        }
        let db = manager.get_connection();
        for lang in ["da", "en"] {
            db.execute_unprepared(&format!(
                "UPDATE need SET \
                 label_{lang} = (SELECT label FROM need_text t WHERE t.need_code = need.code AND t.lang = '{lang}'), \
                 description_{lang} = (SELECT description FROM need_text t WHERE t.need_code = need.code AND t.lang = '{lang}')"
            ))
            .await?;
        }
        crate::common::drop_tables(manager, &["need_text"]).await
    }
}
