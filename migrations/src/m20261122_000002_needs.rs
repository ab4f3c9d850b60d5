//! The needs vocabulary: one shared list of need areas that describes both what a child needs
//! and what a placement option can handle. It is data, editable by an administrator; this
//! migration seeds the defaults.
//!
//! Beyond the list in the foundation issue, `sensory_impairment` (sight, hearing) is added: it
//! calls for different competences than physical disability and mobility, and families are
//! approved for it separately.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// (code, Danish label, English label, Danish description, English description)
const DEFAULT_NEEDS: &[(&str, &str, &str, &str, &str)] = &[
    (
        "attachment",
        "Tilknytningsvanskeligheder",
        "Attachment difficulties",
        "Svært ved at knytte sig til og stole på voksne.",
        "Finds it hard to attach to and trust adults.",
    ),
    (
        "trauma",
        "Traumer",
        "Trauma",
        "Følger af vold, overgreb, krig eller flugt.",
        "After-effects of violence, abuse, war or flight.",
    ),
    (
        "externalising_behaviour",
        "Udadreagerende adfærd",
        "Externalising behaviour",
        "Vrede, konflikter og udadrettet adfærd.",
        "Anger, conflicts and acting-out behaviour.",
    ),
    (
        "anxiety_depression_self_harm",
        "Angst, depression og selvskade",
        "Anxiety, depression and self-harm",
        "Indadreagerende vanskeligheder, herunder selvskade.",
        "Internalising difficulties, self-harm included.",
    ),
    (
        "adhd",
        "ADHD",
        "ADHD",
        "Opmærksomhed, impulsivitet og struktur i hverdagen.",
        "Attention, impulsivity and daily structure.",
    ),
    (
        "autism_spectrum",
        "Autismespektrum",
        "Autism spectrum",
        "Behov for forudsigelighed, struktur og tilpasset kommunikation.",
        "Needs predictability, structure and adapted communication.",
    ),
    (
        "intellectual_disability",
        "Udviklingshæmning",
        "Intellectual disability",
        "Kognitiv funktionsnedsættelse.",
        "Cognitive impairment.",
    ),
    (
        "physical_disability",
        "Fysisk handicap og mobilitet",
        "Physical disability and mobility",
        "Bevægelseshandicap, hjælpemidler, tilgængelighed.",
        "Mobility impairment, aids, accessibility.",
    ),
    (
        "sensory_impairment",
        "Syns- eller hørehandicap",
        "Sight or hearing impairment",
        "Kommunikation og hverdag med nedsat syn eller hørelse.",
        "Communication and daily life with impaired sight or hearing.",
    ),
    (
        "complex_medical_care",
        "Kompleks medicinsk pleje",
        "Complex medical care",
        "Medicin, sonde, pleje eller hyppige hospitalsbesøg.",
        "Medication, tube feeding, nursing or frequent hospital visits.",
    ),
    (
        "substance_use",
        "Rusmidler",
        "Substance use",
        "Brug eller misbrug af alkohol eller stoffer.",
        "Use or misuse of alcohol or drugs.",
    ),
    (
        "criminal_behaviour",
        "Kriminalitet",
        "Criminal behaviour",
        "Kriminalitet eller risiko for kriminalitet.",
        "Offending or risk of offending.",
    ),
    (
        "school_learning_support",
        "Skole og læring",
        "School and learning support",
        "Støtte til skolegang, fravær og læring.",
        "Support with schooling, absence and learning.",
    ),
    (
        "infant_care",
        "Spædbarnspleje",
        "Infant care",
        "Pleje af spædbørn, fx efter svangerskab med rusmidler.",
        "Care of infants, e.g. after prenatal exposure.",
    ),
    (
        "language_support",
        "Sprogstøtte",
        "Language support",
        "Dansk som andetsprog eller behov for tolk.",
        "Danish as a second language or need of an interpreter.",
    ),
    (
        "sexualised_behaviour",
        "Seksualiseret adfærd",
        "Sexualised behaviour",
        "Grænseoverskridende eller seksualiseret adfærd.",
        "Boundary-crossing or sexualised behaviour.",
    ),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("need")
                    .col(string("code").primary_key())
                    .col(string("label_da"))
                    .col(string("label_en"))
                    .col(text("description_da"))
                    .col(text("description_en"))
                    .col(integer("sort_order"))
                    // Retired needs stay for history but are not offered in forms.
                    .col(boolean("active"))
                    .take(),
            )
            .await?;

        let mut insert = Query::insert();
        insert.into_table("need").columns([
            "code",
            "label_da",
            "label_en",
            "description_da",
            "description_en",
            "sort_order",
            "active",
        ]);
        for (i, (code, da, en, dda, den)) in DEFAULT_NEEDS.iter().enumerate() {
            insert.values_panic([
                (*code).into(),
                (*da).into(),
                (*en).into(),
                (*dda).into(),
                (*den).into(),
                ((i as i32 + 1) * 10).into(),
                true.into(),
            ]);
        }
        manager.exec_stmt(insert).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        crate::common::drop_tables(manager, &["need"]).await
    }
}
