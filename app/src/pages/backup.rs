//! `/admin/backup`: an administrator downloads a backup of the whole database.

use crate::api::backup::{get_backup_overview, BackupOverview};
use crate::pages::frame;
use leptos::prelude::*;

#[component]
pub fn BackupPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_backup_overview());
    frame("Download a backup", data, |o: BackupOverview, _| {
        view! {
            <a href="/admin/setup" class="govuk-back-link">"Back to set-up"</a>
            <h1 class="govuk-heading-l">"Download a backup"</h1>
            <p class="govuk-body">"A backup is a copy of everything Trustboard holds, taken at one moment while people carry on working. It can be restored into a new, empty Trustboard database on either kind of database with "<code>"trustboard restore --from FILE"</code>"."</p>
            <dl class="govuk-summary-list" data-testid="backup-summary">
                <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">"Database"</dt>
                    <dd class="govuk-summary-list__value">{o.backend.clone()}</dd>
                </div>
                <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">"Schema version"</dt>
                    <dd class="govuk-summary-list__value">{o.schema_version}</dd>
                </div>
                <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">"It holds"</dt>
                    <dd class="govuk-summary-list__value">{format!(
                        "The Trust and its partnerships, every plan and its frozen versions, self-assessments, mid-year reviews, stakeholder events, indicators and their figures, {} people's accounts and roles, {} plans and the whole audit trail ({} entries)",
                        o.people, o.plans, o.audit_entries
                    )}</dd>
                </div>
                <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">"It leaves out"</dt>
                    <dd class="govuk-summary-list__value">"Who is signed in now (everyone signs in again after a restore), forms kept for a few minutes, and counts of recent sign-in attempts"</dd>
                </div>
                <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">"File"</dt>
                    <dd class="govuk-summary-list__value">"Compressed JSON lines (.jsonl.gz), with a checksum for every table"</dd>
                </div>
            </dl>
            <div class="govuk-warning-text">
                <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                <strong class="govuk-warning-text__text">
                    <span class="govuk-visually-hidden">"Warning"</span>
                    "The file contains personal data: people's names, email addresses, password hashes and second-factor secrets, and what children and young people said. Keep it as securely as the database itself, and delete copies you no longer need."
                </strong>
            </div>
            <p class="govuk-body">"Your download is recorded in the audit trail."</p>
            <a href="/admin/backup/download" class="govuk-button" download="" data-testid="backup-download">"Download a backup"</a>
        }
    })
}
