//! Reminders: the daily digest of what is due (stored once per person per day, then sent when
//! a mail server is configured, otherwise kept in the outbox), the task that makes them every
//! morning, and each person's calendar feed (`feed`).
//!
//! Several app servers may run the job at once: a person's digest for a day is stored at most
//! once (the table's `UNIQUE (user_id, for_date)`), and a digest is claimed before it is sent
//! (`sent_at` set only where it was still empty), so none is sent twice.

pub mod feed;

use crate::config::Settings;
use app::db::due as repo;
use app::db::{Db, DbResult};
use app::domain::due::{digest_body, digest_subject, due_from};
use app::domain::PlanYear;
use app::mail::Mailer;
use chrono::NaiveDate;
use std::collections::HashSet;

/// The mailer the settings describe, if any (a bad sender address is logged and leaves mail
/// off).
pub fn mailer(settings: &Settings) -> Option<Mailer> {
    let smtp = settings.smtp.as_ref()?;
    match Mailer::new(smtp) {
        Ok(m) => Some(m),
        Err(e) => {
            tracing::error!(error = %e, "e-mail is configured but cannot be used: nothing will be sent");
            None
        }
    }
}

/// What one run of the digests did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DigestReport {
    /// Digests stored by this run.
    pub made: usize,
    /// People who already had the day's digest.
    pub already: usize,
    pub sent: usize,
    pub failed: usize,
}

/// Makes the digests for `date`: for every enabled person with digests on (demo sign-ins only
/// in demo mode) and something due within a fortnight or overdue. Then, with a mailer, sends
/// the day's unsent ones.
pub async fn run_digests(
    db: &Db,
    mailer: Option<&Mailer>,
    public_url: &str,
    date: NaiveDate,
    demo_mode: bool,
) -> DbResult<DigestReport> {
    let mut report = DigestReport::default();
    let Some(trust) = app::db::reference::trust(db).await? else {
        return Ok(report);
    };
    let cycle = repo::cycle_year(db, trust.id, PlanYear::in_cycle_on(date)).await?;
    let subscribers: HashSet<i64> = repo::digest_subscribers(db).await?.into_iter().collect();
    for person in app::db::accounts::list_users(db).await? {
        if person.disabled || !subscribers.contains(&person.id) || (person.is_demo && !demo_mode) {
            continue;
        }
        let items: Vec<_> = due_from(&person.roles, &cycle, date)
            .into_iter()
            .filter(|i| i.urgent())
            .collect();
        if items.is_empty() {
            continue;
        }
        let subject = digest_subject(&items);
        let body = digest_body(&person.display_name, &items, public_url, date);
        let stored = repo::insert_digest(
            db,
            &repo::NewDigest {
                user_id: person.id,
                for_date: date,
                email: &person.email,
                subject: &subject,
                body: &body,
                items: items.len() as i32,
            },
        )
        .await?;
        if stored {
            report.made += 1;
        } else {
            report.already += 1;
        }
    }
    if let Some(mailer) = mailer {
        let (sent, failed) = send_unsent(db, mailer, date).await?;
        report.sent = sent;
        report.failed = failed;
    }
    tracing::info!(
        %date,
        made = report.made,
        already = report.already,
        sent = report.sent,
        failed = report.failed,
        "digests of what is due"
    );
    Ok(report)
}

/// Sends the day's digests not yet sent, each claimed first; answers how many were sent and
/// how many failed (those wait in the outbox with the reason, to be tried again).
pub async fn send_unsent(db: &Db, mailer: &Mailer, date: NaiveDate) -> DbResult<(usize, usize)> {
    let (mut sent, mut failed) = (0, 0);
    for d in repo::unsent(db, date).await? {
        if !repo::claim(db, d.id, app::db::now()).await? {
            continue; // Another server has it.
        }
        match mailer.send(&d.email, &d.subject, &d.body).await {
            Ok(()) => sent += 1,
            Err(e) => {
                tracing::warn!(digest = d.id, error = %e, "a digest could not be sent");
                repo::send_failed(db, d.id, &e.0).await?;
                failed += 1;
            }
        }
    }
    Ok((sent, failed))
}

/// How long from `now` until the next `at` o'clock UK time.
pub fn until_next(
    now: chrono::DateTime<chrono::Utc>,
    at: chrono::NaiveTime,
) -> std::time::Duration {
    use app::domain::events::{london_to_utc, utc_to_london};
    let local = utc_to_london(now);
    let mut next = london_to_utc(local.date().and_time(at));
    if next <= now {
        let tomorrow = local.date().succ_opt().unwrap_or(local.date());
        next = london_to_utc(tomorrow.and_time(at));
    }
    (next - now)
        .to_std()
        .unwrap_or(std::time::Duration::from_secs(60))
}

/// Makes (and sends) the digests every day at the configured UK time, for as long as the
/// server runs.
pub fn spawn_daily(state: &crate::AppState, settings: &Settings) -> tokio::task::JoinHandle<()> {
    let ctx = state.ctx.clone();
    let at = settings.digest_time;
    tokio::spawn(async move {
        loop {
            let wait = until_next(chrono::Utc::now(), at);
            tracing::info!(minutes = wait.as_secs() / 60, "next digests of what is due");
            tokio::time::sleep(wait).await;
            let date = ctx
                .settings
                .today
                .unwrap_or_else(|| app::domain::events::utc_to_london(chrono::Utc::now()).date());
            if let Err(e) = run_digests(
                &ctx.db,
                ctx.mailer.as_ref(),
                &ctx.settings.public_url,
                date,
                ctx.settings.demo_mode,
            )
            .await
            {
                tracing::error!(error = %e, "the digests of what is due could not be made");
            }
            // Past the minute, so the next wait is a day's.
            tokio::time::sleep(std::time::Duration::from_secs(61)).await;
        }
    })
}

#[cfg(test)]
mod tests {
    use super::until_next;
    use chrono::{NaiveTime, TimeZone, Utc};

    #[test]
    fn the_next_morning_in_uk_time() {
        let seven = NaiveTime::from_hms_opt(7, 0, 0).unwrap();
        // Winter: 07:00 UK is 07:00 UTC.
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 6, 0, 0).unwrap();
        assert_eq!(until_next(now, seven).as_secs(), 3600);
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 8, 0, 0).unwrap();
        assert_eq!(until_next(now, seven).as_secs(), 23 * 3600);
        // Summer: 07:00 BST is 06:00 UTC.
        let now = Utc.with_ymd_and_hms(2026, 6, 1, 5, 0, 0).unwrap();
        assert_eq!(until_next(now, seven).as_secs(), 3600);
    }
}
