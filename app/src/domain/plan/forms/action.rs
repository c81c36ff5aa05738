use super::{at, too_long, Shown};
use crate::domain::date::{parse_date, short_date};
use crate::domain::plan::{
    format_pounds, parse_pounds, ActionStatus, Commissioning, PlanAction, Problem,
};
use chrono::NaiveDate;
use std::collections::BTreeMap;

crate::form! {
    /// An action towards a priority.
    pub struct ActionForm {
        description: String,
        /// The lead partner organisation's id, from the partnership's list.
        lead: String,
        /// Supporting partners: a checkbox each, named by the organisation's id.
        supporting: BTreeMap<String, String>,
        start: String,
        due: String,
        resources: String,
        pooled_budget: String,
        commissioning: String,
        status: String,
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ActionInput {
    pub description: String,
    pub lead_partner: Option<i64>,
    pub supporting_partners: Vec<i64>,
    pub start: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    pub resources: String,
    pub pooled_budget_pence: Option<i64>,
    pub commissioning: Commissioning,
    pub status: ActionStatus,
}

impl ActionForm {
    /// The form as the saved action fills it.
    pub fn from_saved(a: &PlanAction) -> Self {
        Self {
            description: a.description.clone(),
            lead: a.lead_partner.map(|l| l.to_string()).unwrap_or_default(),
            supporting: a
                .supporting_partners
                .iter()
                .map(|p| (p.to_string(), "on".to_string()))
                .collect(),
            start: a.start.map(short_date).unwrap_or_default(),
            due: a.due.map(short_date).unwrap_or_default(),
            resources: a.resources.clone(),
            pooled_budget: a.pooled_budget_pence.map(format_pounds).unwrap_or_default(),
            commissioning: a.commissioning.as_str().to_string(),
            status: a.status.as_str().to_string(),
        }
    }

    /// The supporting partners ticked, by their ids as sent.
    pub fn supporting_ids(&self) -> Vec<String> {
        self.supporting.keys().cloned().collect()
    }

    /// Reads the form. The description is needed even in a draft (it names the action); the
    /// rest may wait until submission, but what is typed must make sense.
    pub fn parse(&self) -> Result<ActionInput, Vec<Problem>> {
        let Self {
            description,
            lead,
            supporting,
            start,
            due,
            resources,
            pooled_budget,
            commissioning,
            status,
        } = self;
        let mut problems = Vec::new();
        let description = description.trim().to_string();
        if description.is_empty() {
            problems.push(at(Self::description, "Describe what will be done"));
        } else if too_long(&description, 2000) {
            problems.push(at(
                Self::description,
                "The description must be 2,000 characters or fewer",
            ));
        }
        let id = |text: &str| text.trim().parse::<i64>().ok().filter(|v| *v > 0);
        let lead_partner = match lead.trim() {
            "" => None,
            text => {
                let v = id(text);
                if v.is_none() {
                    problems.push(at(Self::lead, "Choose the lead partner from the list"));
                }
                v
            }
        };
        let mut supporting_partners = Vec::new();
        for s in supporting.keys().filter(|s| !s.trim().is_empty()) {
            match id(s) {
                Some(v) if Some(v) == lead_partner => {}
                Some(v) if !supporting_partners.contains(&v) => supporting_partners.push(v),
                Some(_) => {}
                None => problems.push(at(
                    Self::supporting,
                    "Choose supporting partners from the list",
                )),
            }
        }
        let start = parse_date(start).unwrap_or_else(|e| {
            problems.push(at(Self::start, e.0));
            None
        });
        let due = parse_date(due).unwrap_or_else(|e| {
            problems.push(at(Self::due, e.0));
            None
        });
        if let (Some(s), Some(d)) = (start, due) {
            if d < s {
                problems.push(at(
                    Self::due,
                    "The due date must be the same as or after the start date",
                ));
            }
        }
        if too_long(resources, 5_000) {
            problems.push(at(Self::resources, "Write 5,000 characters or fewer"));
        }
        let pooled_budget_pence = parse_pounds(pooled_budget).unwrap_or_else(|e| {
            problems.push(at(Self::pooled_budget, e.0));
            None
        });
        let commissioning = match commissioning.trim() {
            "" => Commissioning::Neither,
            text => text.parse().unwrap_or_else(|_| {
                problems.push(at(
                    Self::commissioning,
                    "Choose whether a service is commissioned",
                ));
                Commissioning::Neither
            }),
        };
        let status = match status.trim() {
            "" => ActionStatus::NotStarted,
            text => text.parse().unwrap_or_else(|_| {
                problems.push(at(Self::status, "Choose the action's status"));
                ActionStatus::NotStarted
            }),
        };
        if problems.is_empty() {
            Ok(ActionInput {
                description,
                lead_partner,
                supporting_partners,
                start,
                due,
                resources: resources.trim().to_string(),
                pooled_budget_pence,
                commissioning,
                status,
            })
        } else {
            Err(problems)
        }
    }
}

impl From<&PlanAction> for ActionInput {
    fn from(a: &PlanAction) -> Self {
        Self {
            description: a.description.clone(),
            lead_partner: a.lead_partner,
            supporting_partners: a.supporting_partners.clone(),
            start: a.start,
            due: a.due,
            resources: a.resources.clone(),
            pooled_budget_pence: a.pooled_budget_pence,
            commissioning: a.commissioning,
            status: a.status,
        }
    }
}

impl ActionInput {
    /// How each field reads, partners by name (`name` gives an organisation's).
    pub fn shown(&self, name: impl Fn(i64) -> String) -> Shown {
        let Self {
            description,
            lead_partner,
            supporting_partners,
            start,
            due,
            resources,
            pooled_budget_pence,
            commissioning,
            status,
        } = self;
        let mut supporting: Vec<String> = supporting_partners.iter().map(|p| name(*p)).collect();
        supporting.sort();
        let date = |d: &Option<NaiveDate>| d.map(short_date).unwrap_or_default();
        vec![
            (ActionForm::description, description.clone()),
            (
                ActionForm::lead,
                lead_partner.map(&name).unwrap_or_default(),
            ),
            (ActionForm::supporting, supporting.join(", ")),
            (ActionForm::start, date(start)),
            (ActionForm::due, date(due)),
            (ActionForm::resources, resources.clone()),
            (
                ActionForm::pooled_budget,
                pooled_budget_pence.map(format_pounds).unwrap_or_default(),
            ),
            (ActionForm::commissioning, commissioning.label().to_string()),
            (ActionForm::status, status.label().to_string()),
        ]
    }
}
