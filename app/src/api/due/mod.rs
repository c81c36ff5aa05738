//! What is due: the home page's list, the Board's cycle table, reminders and the outbox.

use crate::domain::due::{DueItem, PartnershipPosition};
use crate::domain::PlanYear;
use crate::error::AppError;
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// What is due from the person signed in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueNow {
    pub today: NaiveDate,
    pub year: PlanYear,
    pub items: Vec<DueItem>,
    /// They may see every partnership's position (the cycle table).
    pub can_view_cycle: bool,
    /// They may read the digests outbox.
    pub can_read_outbox: bool,
}

/// Every partnership's position in a year's cycle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CycleTable {
    pub today: NaiveDate,
    pub year: PlanYear,
    /// The plan-submission and mid-year-submission deadlines, for the caption.
    pub plan_due: Option<NaiveDate>,
    pub mid_year_due: Option<NaiveDate>,
    /// Partnerships still in the cycle (retired ones are left out), by name.
    pub partnerships: Vec<PartnershipPosition>,
}

/// A digest as the outbox lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxDigest {
    pub id: i64,
    pub for_date: NaiveDate,
    pub email: String,
    pub subject: String,
    pub body: String,
    pub items: i32,
    /// "Sent 23 November 2026 at 07:00" or "Waiting".
    pub state: String,
    pub sent: bool,
    pub send_error: Option<String>,
}

/// A page of the outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outbox {
    pub digests: Vec<OutboxDigest>,
    pub total: i64,
    pub page: i64,
    pub pages: i64,
    /// Whether e-mail is configured (otherwise digests only wait here).
    pub mail_configured: bool,
}

/// A person's reminder settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyReminders {
    pub digests: bool,
    pub has_calendar: bool,
}

/// Digests listed on one page of the outbox.
pub const OUTBOX_PAGE: i64 = 25;

#[cfg(feature = "ssr")]
async fn trust_id(ctx: &super::ServerContext) -> Result<i64, AppError> {
    Ok(crate::db::reference::trust(&ctx.db)
        .await?
        .ok_or(AppError::NotSetUp)?
        .id)
}

/// What is due from the person signed in, from the running cycle.
#[server(prefix = "/api", endpoint = "due/mine", input = GetUrl)]
pub async fn what_is_due() -> Result<DueNow, AppError> {
    use crate::domain::auth::{authorise, Action, Target};
    let me = super::authorise_signed_in(Action::ViewOwnAccount, Target::Trust)?;
    let ctx = super::context()?;
    let today = ctx.today();
    let year = PlanYear::in_cycle_on(today);
    let trust = trust_id(&ctx).await?;
    let cycle = crate::db::due::cycle_year(&ctx.db, trust, year).await?;
    Ok(DueNow {
        today,
        year,
        items: crate::domain::due::due_from(&me.roles, &cycle, today),
        can_view_cycle: authorise(Some(&me), Action::ViewCycle, Target::Trust).is_ok(),
        can_read_outbox: authorise(Some(&me), Action::ManageSetUp, Target::Trust).is_ok(),
    })
}

/// Every partnership's position in a year's cycle (the running one when `year` is 0 or
/// missing).
#[server(prefix = "/api", endpoint = "due/cycle", input = GetUrl)]
pub async fn get_cycle_table(year: Option<i32>) -> Result<CycleTable, AppError> {
    use crate::domain::auth::{Action, Target};
    use crate::domain::StageKind;
    super::authorise_signed_in(Action::ViewCycle, Target::Trust)?;
    let ctx = super::context()?;
    let today = ctx.today();
    let year = match year.filter(|y| *y != 0) {
        Some(y) => PlanYear::new(y).map_err(|e| AppError::NotFound(e.0))?,
        None => PlanYear::in_cycle_on(today),
    };
    let trust = trust_id(&ctx).await?;
    let cycle = crate::db::due::cycle_year(&ctx.db, trust, year).await?;
    Ok(CycleTable {
        today,
        year,
        plan_due: cycle.stage(StageKind::PlanSubmission).map(|s| s.due),
        mid_year_due: cycle.stage(StageKind::MidYearSubmission).map(|s| s.due),
        partnerships: cycle
            .partnerships
            .into_iter()
            .filter(|p| !p.retired)
            .collect(),
    })
}

/// The digests outbox, newest first (`page` from 1).
#[server(prefix = "/api", endpoint = "due/outbox", input = GetUrl)]
pub async fn get_outbox(page: Option<i64>) -> Result<Outbox, AppError> {
    use crate::domain::auth::{Action, Target};
    use crate::domain::date::long_date;
    super::authorise_signed_in(Action::ManageSetUp, Target::Trust)?;
    let ctx = super::context()?;
    let page = page.unwrap_or(1).max(1);
    let (rows, total) =
        crate::db::due::outbox(&ctx.db, (page - 1) * OUTBOX_PAGE, OUTBOX_PAGE).await?;
    let digests = rows
        .into_iter()
        .map(|d| {
            let state = match d.sent_at {
                Some(at) => {
                    let uk = crate::domain::events::utc_to_london(at);
                    format!("Sent {} at {}", long_date(uk.date()), uk.format("%H:%M"))
                }
                None if d.send_error.is_some() => "Not sent".into(),
                None => "Waiting".into(),
            };
            OutboxDigest {
                sent: d.sent_at.is_some(),
                id: d.id,
                for_date: d.for_date,
                email: d.email,
                subject: d.subject,
                body: d.body,
                items: d.items,
                state,
                send_error: d.send_error,
            }
        })
        .collect();
    Ok(Outbox {
        digests,
        total,
        page,
        pages: ((total + OUTBOX_PAGE - 1) / OUTBOX_PAGE).max(1),
        mail_configured: ctx.mailer.is_some(),
    })
}

/// The signed-in person's reminder settings.
#[server(prefix = "/api", endpoint = "due/reminders", input = GetUrl)]
pub async fn get_my_reminders() -> Result<MyReminders, AppError> {
    use crate::domain::auth::{Action, Target};
    let me = super::authorise_signed_in(Action::ManageOwnReminders, Target::Trust)?;
    let ctx = super::context()?;
    let r = crate::db::due::reminders(&ctx.db, me.user_id)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    Ok(MyReminders {
        digests: r.digests,
        has_calendar: r.has_calendar,
    })
}

/// Turns the person's daily digests on ("on") or off ("off").
#[server(prefix = "/api", endpoint = "due/digests")]
pub async fn set_digests(digests: String) -> Result<bool, AppError> {
    use super::{actor, fail, succeed};
    use crate::domain::auth::{Action, Target};
    let me = super::authorise_signed_in(Action::ManageOwnReminders, Target::Trust)?;
    let ctx = super::context()?;
    let back = "/account";
    let on = match digests.as_str() {
        "on" => true,
        "off" => false,
        _ => {
            return Err(fail(
                AppError::field("digests", "Choose whether you want the daily e-mail"),
                back,
                &[],
            ))
        }
    };
    let mut tx = ctx.db.begin().await?;
    crate::db::due::set_digests(&mut tx, &actor(&me), me.user_id, on).await?;
    tx.commit().await?;
    succeed(
        back,
        Some(if on {
            "You will get an e-mail on days something is due from you."
        } else {
            "You will not get e-mails of what is due. What is due is still on your first page."
        }),
    );
    Ok(on)
}

/// Creates (or replaces) the person's secret calendar address and answers it: shown once.
#[server(prefix = "/api", endpoint = "due/calendar")]
pub async fn new_calendar_address() -> Result<String, AppError> {
    use super::{actor, succeed};
    use crate::auth::{new_token, token_hash};
    use crate::domain::auth::{Action, Target};
    let me = super::authorise_signed_in(Action::ManageOwnReminders, Target::Trust)?;
    let ctx = super::context()?;
    let token = new_token();
    let mut tx = ctx.db.begin().await?;
    crate::db::due::set_calendar_token(&mut tx, &actor(&me), me.user_id, &token_hash(&token))
        .await?;
    tx.commit().await?;
    let address = calendar_address(&ctx.settings.public_url, &token);
    succeed(
        "/account",
        Some(&format!(
            "Your calendar address is {address} — copy it now: it is shown only once. In your calendar program choose to add or subscribe to a calendar from the internet (\"From URL\" in Outlook or Google Calendar) and paste it. Anyone with the address can see your deadlines; if it gets out, create a new one and the old one stops working."
        )),
    );
    Ok(address)
}

/// The feed's full address for a token.
pub fn calendar_address(public_url: &str, token: &str) -> String {
    format!("{}/calendar/{token}.ics", public_url.trim_end_matches('/'))
}
