//! The Board's December roll-up of every partnership's mid-year review, in the format the Board
//! paper asks for: for each Board priority, every partnership's measures (latest figure,
//! target, comparator rating, trend, RAG); action progress per partnership; the exceptions
//! (newly red, persistently red, marked improvement) with the slipped and dropped actions; and
//! each partnership's summary. Only reviews the person may read are in it (the one rule,
//! [`crate::domain::auth::review_visibility`]): submitted ones.

use crate::api::dashboard::ExceptionLine;
use crate::domain::assessment::ReviewMeasure;
use crate::domain::midyear::{MidYearStatus, ProgressCounts, SinceApproval};
use crate::domain::Choice;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// One partnership's measure under a priority.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RollUpMeasure {
    pub partnership: String,
    pub slug: String,
    pub measure: ReviewMeasure,
    /// The partnership's forecast for the due date, in the indicator's unit.
    pub forecast: Option<String>,
}

/// A priority and every partnership's measures for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RollUpPriority {
    pub title: String,
    pub rows: Vec<RollUpMeasure>,
}

/// One partnership in the roll-up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RollUpPartnership {
    pub name: String,
    pub slug: String,
    pub district: String,
    /// Its review's status (`None`: not started); the rest is filled only when submitted.
    pub status: Option<MidYearStatus>,
    pub submitted: bool,
    pub late: bool,
    pub counts: ProgressCounts,
    pub going_well: String,
    pub board_should_know: String,
    /// Slipped and dropped actions.
    pub slips: Vec<SinceApproval>,
    pub exceptions: Vec<ExceptionLine>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RollUp {
    pub year: i32,
    /// The district filtered on (its area code), or blank for all.
    pub district: String,
    pub districts: Vec<Choice>,
    pub priorities: Vec<RollUpPriority>,
    pub partnerships: Vec<RollUpPartnership>,
    pub totals: ProgressCounts,
}

impl RollUp {
    /// The partnerships whose submitted review is in the roll-up.
    pub fn submitted(&self) -> impl Iterator<Item = &RollUpPartnership> {
        self.partnerships.iter().filter(|p| p.submitted)
    }
}

/// The heading under which partnerships' own priorities are grouped.
pub const LOCAL_PRIORITIES: &str = "Partnerships' own priorities";

#[server(prefix = "/api", endpoint = "mid-year/roll-up", input = GetUrl)]
pub async fn get_roll_up(year: Option<i32>, district: Option<String>) -> Result<RollUp, AppError> {
    use crate::domain::auth::{Action, Target};
    let me = crate::api::authorise_signed_in(Action::ViewRollUp, Target::Trust)?;
    let ctx = crate::api::context()?;
    roll_up_for(&ctx, &me, year, district.unwrap_or_default()).await
}

/// The roll-up as `me` may read it, for the page and for the downloads.
#[cfg(feature = "ssr")]
pub async fn roll_up_for(
    ctx: &crate::api::ServerContext,
    me: &crate::domain::auth::Principal,
    year: Option<i32>,
    district: String,
) -> Result<RollUp, AppError> {
    use crate::domain::auth::review_visibility;
    use crate::domain::midyear::since_approval;
    use crate::domain::PlanYear;
    let now = PlanYear::in_cycle_on(ctx.today()).first_year();
    let year = match year {
        Some(y) => crate::domain::assessment::parse_year(y)
            .map_err(|_| AppError::NotFound("That year".into()))?,
        None => now,
    };
    let data = crate::api::dashboard::dashboard_data(ctx, now).await?;
    let reviews = crate::db::midyear::load_year(&ctx.db, year).await?;
    let snapshots = crate::db::midyear::reviewed_snapshots(&ctx.db, year).await?;
    let exceptions = crate::api::dashboard::exceptions_for(&ctx.db, None).await?;
    let board: Vec<String> = crate::db::dashboard::board_priorities(&ctx.db, year)
        .await?
        .into_iter()
        .map(|(t, _)| t)
        .collect();
    let mut priorities: Vec<RollUpPriority> = board
        .iter()
        .map(|t| RollUpPriority {
            title: t.clone(),
            rows: vec![],
        })
        .chain(std::iter::once(RollUpPriority {
            title: LOCAL_PRIORITIES.into(),
            rows: vec![],
        }))
        .collect();
    let mut partnerships = Vec::new();
    let mut totals = ProgressCounts::default();
    let mut areas: Vec<&crate::db::dashboard::PartnershipArea> = data.partnerships.iter().collect();
    areas.sort_by(|a, b| a.name.cmp(&b.name));
    for area in areas
        .iter()
        .filter(|a| district.is_empty() || a.area_code == district)
    {
        let found = reviews.iter().find(|r| r.partnership_id == area.id);
        let readable =
            found.filter(|r| review_visibility(Some(me), area.id).shows(r.round) && r.round > 0);
        let mut row = RollUpPartnership {
            name: area.name.clone(),
            slug: area.slug.clone(),
            district: area.area_name.clone(),
            status: found.map(|r| r.status),
            submitted: readable.is_some(),
            late: found.is_some_and(|r| r.late),
            counts: ProgressCounts::default(),
            going_well: String::new(),
            board_should_know: String::new(),
            slips: vec![],
            exceptions: vec![],
        };
        if let Some((r, plan)) = readable.and_then(|r| snapshots.get(&r.plan_id).map(|p| (r, p))) {
            row.counts = r.counts();
            for p in crate::domain::midyear::Progress::ALL {
                totals = totals.plus(*p, row.counts.get(*p));
            }
            row.going_well = r.going_well.clone();
            row.board_should_know = r.board_should_know.clone();
            row.slips = since_approval(plan, None, r);
            row.exceptions = exceptions
                .lines
                .iter()
                .filter(|l| l.slug == area.slug)
                .cloned()
                .collect();
            let (_, measures) = crate::api::assessments::review_rows::plan_rows(&data, plan);
            for p in &plan.priorities {
                let group = if p.mandated {
                    priorities.iter().position(|g| g.title == p.title)
                } else {
                    None
                }
                .unwrap_or(priorities.len() - 1);
                for m in &p.measures {
                    let Some(shown) = measures.iter().find(|x| x.id == m.id) else {
                        continue;
                    };
                    let forecast = r
                        .measure(m.id)
                        .and_then(|n| n.forecast)
                        .map(|v| plan.figure(m, Some(v)));
                    priorities[group].rows.push(RollUpMeasure {
                        partnership: area.name.clone(),
                        slug: area.slug.clone(),
                        measure: shown.clone(),
                        forecast,
                    });
                }
            }
        }
        partnerships.push(row);
    }
    let mut districts: Vec<Choice> = data
        .partnerships
        .iter()
        .map(|p| Choice {
            value: p.area_code.clone(),
            label: p.area_name.clone(),
        })
        .collect();
    districts.sort_by(|a, b| a.label.cmp(&b.label));
    districts.dedup();
    priorities.retain(|p| !p.rows.is_empty() || p.title != LOCAL_PRIORITIES);
    Ok(RollUp {
        year,
        district,
        districts,
        priorities,
        partnerships,
        totals,
    })
}
