//! Calendar feeds: each user subscribes Outlook or Google Calendar to a secret address that
//! lists their planned visits and reviews (RFC 5545). The feed carries no CPR number and no
//! name: a short placement code, the kind of work and the town. Only a hash of the token is
//! stored; rotating it makes the old address answer 404.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::Days;
use icalendar::{Calendar, Component, Event, EventLike, EventStatus};
use kith_domain::wheel::VisitStatus;
use kith_domain::{ChildId, Lang, UserId};
use rand::RngCore;
use serde::Serialize;

use super::views::{VisitView, build};
use crate::audit::{self, AuditAction, ChildData};
use crate::{Actor, App, AppError, Result};

/// How far back the feed keeps items (so a calendar shows the recent past too).
const PAST_DAYS: u64 = 30;
/// The most items a feed holds.
const MAX_ITEMS: u64 = 2000;

/// A new calendar address, shown once.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CalendarLink {
    /// The path to subscribe to, e.g. `/calendar/kc_….ics` (prefix it with Kith's address).
    pub path: String,
}

/// Makes a new secret calendar address for the actor; the old one stops working.
pub async fn rotate_token(app: &App, actor: &Actor) -> Result<CalendarLink> {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    let token = format!("kc_{}", URL_SAFE_NO_PAD.encode(bytes));
    let hash = crate::auth::token_hash(&token);
    let tx = app.db().begin_write().await?;
    kith_store::users::set_calendar_token_hash(&tx, actor.id.0, Some(&hash)).await?;
    audit::event(
        &tx,
        app,
        Some(actor.id),
        AuditAction::TokenCreate,
        "calendar_token",
        Some(actor.id.0),
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(CalendarLink {
        path: format!("/calendar/{token}.ics"),
    })
}

/// Turns the actor's calendar address off.
pub async fn revoke_token(app: &App, actor: &Actor) -> Result<()> {
    let tx = app.db().begin_write().await?;
    kith_store::users::set_calendar_token_hash(&tx, actor.id.0, None).await?;
    audit::event(
        &tx,
        app,
        Some(actor.id),
        AuditAction::TokenRevoke,
        "calendar_token",
        Some(actor.id.0),
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The feed's items: one's own, and those one carries as a stand-in (on the day to hold them
/// by, marked as a stand-in's).
struct Feed(Vec<(VisitView, bool)>);

impl ChildData for Feed {
    fn child_ids(&self) -> Vec<ChildId> {
        self.0.iter().map(|(v, _)| v.placement.child_id).collect()
    }
}

/// The iCalendar feed for a token. An unknown token is a 404; the lookup is by the token's
/// SHA-256, so its timing says nothing about how close a guess was.
pub async fn feed(app: &App, token: &str) -> Result<String> {
    let hash = crate::auth::token_hash(token);
    let user = kith_store::users::find_by_calendar_token_hash(app.db().conn(), &hash)
        .await?
        .ok_or(AppError::NotFound("calendar"))?;
    let actor = crate::auth::actor_for_user(app, UserId(user.id))
        .await?
        .ok_or(AppError::NotFound("calendar"))?;
    let today = app.today();
    let rows = kith_store::visits::list(
        app.db().conn(),
        &kith_store::scope::VisitScope {
            assignee: Some(actor.id.0),
            ..Default::default()
        },
        &kith_store::visits::VisitFilter {
            assignee_id: Some(actor.id.0),
            from: Some(today - Days::new(PAST_DAYS)),
            ..Default::default()
        },
        kith_store::PageRequest::first(MAX_ITEMS),
    )
    .await?
    .items;
    let mut items: Vec<(VisitView, bool)> = build(app, rows)
        .await?
        .into_iter()
        .map(|v| (v, false))
        .collect();
    // What the person carries for absent colleagues while a cover runs, on its stand-in day.
    let ahead = (
        today,
        today + Days::new(kith_domain::cover::MAX_COVER_DAYS as u64),
    );
    for section in super::covering::sections(app, &actor, actor.id.0, ahead).await? {
        items.extend(section.items.into_iter().map(|i| {
            let mut v = i.visit;
            v.planned_on = i.by;
            (v, true)
        }));
    }
    let Feed(items) = audit::read(app, &actor, AuditAction::CalendarFeed, Feed(items)).await?;
    Ok(render(&items, actor.locale, app.base_url(), app.now()))
}

/// The feed's text.
fn render(
    items: &[(VisitView, bool)],
    lang: Lang,
    base_url: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> String {
    let mut cal = Calendar::new();
    cal.name(kith_text::t(lang, "calendar.name"));
    cal.append_property(icalendar::Property::new("X-PUBLISHED-TTL", "PT1H"));
    cal.append_property(
        icalendar::Property::new("REFRESH-INTERVAL", "PT1H")
            .append_parameter(icalendar::Parameter::new("VALUE", "DURATION"))
            .done(),
    );
    for (v, covered) in items {
        if v.status == VisitStatus::Cancelled {
            continue;
        }
        let whose = if *covered {
            format!(" · {}", kith_text::t(lang, "calendar.stand_in"))
        } else {
            String::new()
        };
        let day = v.record.as_ref().map_or(v.planned_on, |r| r.held_on);
        let mut e = Event::new();
        e.uid(&format!("visit-{}@kith", v.id.0))
            .timestamp(now)
            .summary(&format!(
                "{} · {}{whose}",
                kith_text::term(lang, v.kind),
                v.placement.code
            ))
            .location(&v.placement.town)
            .description(&format!(
                "{}\n{base_url}/visits/{}",
                kith_text::t(lang, "calendar.open"),
                v.id.0
            ))
            .url(&format!("{base_url}/visits/{}", v.id.0))
            .starts(day)
            .ends(day + Days::new(1))
            .status(if v.status == VisitStatus::Held {
                EventStatus::Confirmed
            } else {
                EventStatus::Tentative
            });
        cal.push(e.done());
    }
    cal.done().to_string()
}
