//! What a stand-in carries on their week: for each cover they carry that touches the week
//! shown, the absent person's items whose stand-in day (`kith_domain::cover::cover_day`) is
//! in it. The items are listed only while the cover runs (the stand-in reaches the cases only
//! then); before it, the week says how many items fall in the period, without case content.

use chrono::NaiveDate;
use kith_domain::ChildId;
use kith_domain::cover::{OpenItem, cover_day};
use kith_domain::wheel::VisitStatus;
use serde::Serialize;

use super::views::{VisitView, build};
use crate::audit::ChildData;
use crate::cover::CoverView;
use crate::{Actor, App, Result, policy};

/// The most items one cover's section lists.
const MAX_ITEMS: u64 = 500;

/// One cover on the stand-in's week.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CoverSection {
    pub cover: CoverView,
    /// The absent person's items to hold in the week shown, the earliest day first (empty
    /// until the cover runs).
    pub items: Vec<CoveredItem>,
    /// How many of the absent person's open items fall in the period.
    pub in_period: usize,
}

/// An item the stand-in carries, and the day to hold it by.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CoveredItem {
    /// Its planned day in the period, its deadline in the period, or today for an overdue one.
    pub by: NaiveDate,
    pub visit: VisitView,
}

impl ChildData for CoverSection {
    fn child_ids(&self) -> Vec<ChildId> {
        self.items
            .iter()
            .map(|i| i.visit.placement.child_id)
            .collect()
    }
}

/// The sections of the covers `person` carries that touch the week `[from, to]`.
pub(super) async fn sections(
    app: &App,
    actor: &Actor,
    person: i64,
    (from, to): (NaiveDate, NaiveDate),
) -> Result<Vec<CoverSection>> {
    let conn = app.db().conn();
    let today = app.today();
    let covers = kith_store::covers::of_stand_in(conn, person, from.min(today)).await?;
    let mut out = Vec::new();
    for cover in crate::cover::views_of(app, covers).await? {
        if cover.first_day > to || cover.last_day < from {
            continue;
        }
        let period = cover.period();
        let open =
            kith_store::visits::open_of_assignee_until(conn, cover.absent.id.0, cover.last_day)
                .await?;
        let in_period = open
            .iter()
            .filter(|v| cover_day(item(v), period, today).is_some())
            .count();
        let items = if cover.in_force {
            let rows = kith_store::visits::list(
                conn,
                &policy::visit_scope(actor),
                &kith_store::visits::VisitFilter {
                    assignee_id: Some(cover.absent.id.0),
                    status: Some(VisitStatus::Planned),
                    ..Default::default()
                },
                kith_store::PageRequest::first(MAX_ITEMS),
            )
            .await?
            .items;
            let mut items: Vec<CoveredItem> = build(app, rows)
                .await?
                .into_iter()
                .filter_map(|visit| {
                    let by = cover_day(
                        OpenItem {
                            planned_on: visit.planned_on,
                            closes_on: visit.window.closes_on,
                        },
                        period,
                        today,
                    )?;
                    (from <= by && by <= to).then_some(CoveredItem { by, visit })
                })
                .collect();
            items.sort_by_key(|i| (i.by, i.visit.id));
            items
        } else {
            vec![]
        };
        out.push(CoverSection {
            cover,
            items,
            in_period,
        });
    }
    Ok(out)
}

fn item(v: &kith_store::entities::visit::Model) -> OpenItem {
    OpenItem {
        planned_on: v.planned_on,
        closes_on: v.closes_on,
    }
}
