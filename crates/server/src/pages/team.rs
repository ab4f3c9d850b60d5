//! The team's year for leaders and consultants: visits per consultant per month against
//! their capacity, as small charts with the numbers in a table beside them; and, for a
//! leader, the statutory items escalated to them on a morning (where the e-mail links).

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::State;
use axum::response::IntoResponse;
use axum::routing::get;
use chrono::{Datelike, NaiveDate};
use kith_app::wheel::escalated::EscalatedView;
use kith_app::wheel::team::TeamYear;
use kith_domain::UnitId;
use serde::Deserialize;

use super::ctx::PageQuery;
use super::visits::VisitLines;
use super::{Ctx, PageActor, PageResult, fail};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/team", get(show))
        .route("/team/escalated", get(escalated))
}

/// One consultant's row: the chart and the monthly capacity it is drawn against.
struct MemberChart {
    svg: String,
    capacity: Vec<u32>,
    over_months: usize,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/team.html")]
struct TeamPage {
    ctx: Ctx,
    t: TeamYear,
    charts: Vec<MemberChart>,
}

impl TeamPage {
    fn month_short(&self, month: &NaiveDate) -> String {
        self.ctx
            .t(&format!("month.m{}", month.format("%m")))
            .chars()
            .take(3)
            .collect()
    }
}

/// Room for visits in a month: the weekly capacity for each of its weeks, counted in working
/// days (Monday to Friday) over five.
fn monthly_capacity(month: NaiveDate, weekly: i32) -> u32 {
    let mut weekdays = 0u32;
    let mut d = month;
    while d.month() == month.month() {
        if d.weekday().num_days_from_monday() < 5 {
            weekdays += 1;
        }
        d = d.succ_opt().unwrap_or(d);
        if d == month {
            break;
        }
    }
    let weekly = u32::try_from(weekly.max(0)).unwrap_or(0);
    (weekly * weekdays).div_ceil(5)
}

#[derive(Debug, Deserialize)]
struct TeamQuery {
    unit: Option<UnitId>,
    from: Option<NaiveDate>,
}

async fn show(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    PageQuery(q): PageQuery<TeamQuery>,
) -> PageResult {
    let t = kith_app::wheel::team::team_year(s.app(), &actor, q.unit, q.from)
        .await
        .map_err(fail(&ctx))?;
    let number = |v: f64| ctx.num(&v, 0);
    let axes = crate::charts::Axes {
        x: crate::charts::columns(super::month_labels(
            &ctx,
            &t.months
                .iter()
                .map(|m| (m.year(), m.month()))
                .collect::<Vec<_>>(),
        )),
        y_title: ctx.t("chart.visits"),
        number: &number,
    };
    let charts = t
        .members
        .iter()
        .map(|m| {
            let capacity: Vec<u32> = t
                .months
                .iter()
                .map(|month| monthly_capacity(*month, m.weekly_capacity))
                .collect();
            let limit: Vec<f64> = capacity.iter().map(|c| f64::from(*c)).collect();
            MemberChart {
                svg: crate::charts::bars_with_limit(&m.visits, &limit, &axes, 360, 120),
                over_months: m
                    .visits
                    .iter()
                    .zip(&capacity)
                    .filter(|(v, c)| v > c)
                    .count(),
                capacity,
            }
        })
        .collect();
    Ok(TeamPage { ctx, t, charts }.into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/escalated.html")]
struct EscalatedPage {
    ctx: Ctx,
    e: EscalatedView,
    intro: String,
}

impl VisitLines for EscalatedPage {
    fn ctx(&self) -> &Ctx {
        &self.ctx
    }
}

#[derive(Debug, Deserialize)]
struct EscalatedQuery {
    on: Option<NaiveDate>,
}

async fn escalated(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    PageQuery(q): PageQuery<EscalatedQuery>,
) -> PageResult {
    let e = kith_app::wheel::escalated::escalated(s.app(), &actor, q.on)
        .await
        .map_err(fail(&ctx))?;
    let after_days = kith_app::rules::in_force::wheel(s.app())
        .await
        .map_err(fail(&ctx))?
        .escalate_after_days;
    let intro = ctx.say(&kith_domain::Message::new("escalated.intro").int("days", after_days));
    Ok(EscalatedPage { ctx, e, intro }.into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn monthly_capacity_counts_weekdays() {
        // March 2027 has 23 weekdays: 8 a week gives 8 * 23 / 5 = 36.8, so 37.
        let march = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        assert_eq!(monthly_capacity(march, 8), 37);
        // February 2027: 20 weekdays, exactly four weeks.
        let feb = NaiveDate::from_ymd_opt(2027, 2, 1).unwrap();
        assert_eq!(monthly_capacity(feb, 5), 20);
    }
}
