//! The annual review of last year's plan, built from the version the Board approved: what it
//! lists, and its headline ("9 of 14 actions achieved …; 3 of 5 targets met").

use super::{ReviewNote, ReviewOutcome};
use crate::domain::dashboard::Basis;
use crate::domain::plan::Plan;
use crate::domain::rag::Rag;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The actions and measures of an approved plan, by their ids in the snapshot, each with the
/// words that name it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ReviewItems {
    pub actions: Vec<(i64, String)>,
    pub measures: Vec<(i64, String)>,
}

impl ReviewItems {
    pub fn from_plan(plan: &Plan) -> Self {
        let mut out = Self::default();
        for p in &plan.priorities {
            for m in &p.measures {
                out.measures
                    .push((m.id, plan.indicator_name(m.indicator_code.as_deref())));
            }
            for a in &p.actions {
                out.actions
                    .push((a.id, super::shorten(&a.description, 120)));
            }
        }
        out
    }

    /// (is an action, id) for everything listed, actions first.
    pub fn keys(&self) -> impl Iterator<Item = (bool, i64)> + '_ {
        self.actions
            .iter()
            .map(|(id, _)| (true, *id))
            .chain(self.measures.iter().map(|(id, _)| (false, *id)))
    }
}

/// The key of one review note in the review form's maps: `action-12`, `measure-7`.
pub fn review_key(action: bool, id: i64) -> String {
    format!("{}-{id}", if action { "action" } else { "measure" })
}

/// A measure of last year's plan as the review shows it: its target and due date, and the
/// latest figure for the area rated by the dashboard's engine against that target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewMeasure {
    pub id: i64,
    pub priority: String,
    pub indicator: String,
    pub baseline: String,
    pub target: String,
    pub due: String,
    /// The latest figure in its unit, with its period; `None` when nothing is published.
    pub latest: Option<String>,
    pub period: Option<String>,
    /// The figure is the county's (the indicator is published only for the county).
    pub county: bool,
    pub rag: Rag,
    pub basis: Basis,
    /// Against England for the same period, and the direction of travel.
    pub comparison: crate::domain::rag::Comparison,
    pub trend: crate::domain::rag::Trend,
}

impl ReviewMeasure {
    /// "32.9% (2024/25), rated against the plan's target"
    pub fn rating_words(&self) -> String {
        match (&self.latest, &self.period) {
            (Some(v), Some(p)) => {
                let whose = if self.county {
                    ", the county's figure"
                } else {
                    ""
                };
                let against = match self.basis {
                    Basis::Target => "rated against the plan's target",
                    Basis::England => "no target could be applied: rated against England",
                    Basis::None => "not rated",
                };
                format!("{v} ({p}{whose}), {against}")
            }
            _ => "No figure published yet".into(),
        }
    }

    /// The figure meets its target (or where its trajectory stands by then).
    pub fn met(&self) -> bool {
        self.rag == Rag::Green && self.basis == Basis::Target
    }
}

/// An action of last year's plan as the review shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewAction {
    pub id: i64,
    pub priority: String,
    pub description: String,
    pub lead: String,
    pub due: String,
    /// Its progress as recorded in the approved plan.
    pub recorded: String,
}

/// The review's headline figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Headline {
    pub actions: usize,
    pub achieved: usize,
    pub partly: usize,
    pub not_achieved: usize,
    pub dropped: usize,
    pub measures: usize,
    pub met: usize,
}

impl Headline {
    pub fn of(
        items: &ReviewItems,
        notes: &BTreeMap<(bool, i64), ReviewNote>,
        measures: &[ReviewMeasure],
    ) -> Self {
        let mut h = Headline {
            actions: items.actions.len(),
            measures: items.measures.len(),
            ..Default::default()
        };
        for (id, _) in &items.actions {
            match notes.get(&(true, *id)).and_then(|n| n.outcome) {
                Some(ReviewOutcome::Achieved) => h.achieved += 1,
                Some(ReviewOutcome::Partly) => h.partly += 1,
                Some(ReviewOutcome::NotAchieved) => h.not_achieved += 1,
                Some(ReviewOutcome::Dropped) => h.dropped += 1,
                None => {}
            }
        }
        h.met = measures
            .iter()
            .filter(|m| items.measures.iter().any(|(id, _)| *id == m.id) && m.met())
            .count();
        h
    }
}

impl std::fmt::Display for Headline {
    /// "9 of 14 actions achieved, 3 partly; 3 of 5 targets met"
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let plural = |n: usize, one: &str, many: &str| {
            if n == 1 {
                one.to_string()
            } else {
                many.to_string()
            }
        };
        write!(
            f,
            "{} of {} {} achieved",
            self.achieved,
            self.actions,
            plural(self.actions, "action", "actions")
        )?;
        if self.partly > 0 {
            write!(f, ", {} partly", self.partly)?;
        }
        write!(
            f,
            "; {} of {} {} met",
            self.met,
            self.measures,
            plural(self.measures, "target", "targets")
        )
    }
}
