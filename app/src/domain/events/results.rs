//! An event's results: the votes for each priority (young people's apart), the numbers taking
//! part and the comments kept; ranked, and written into a plan with their source.

use super::{EventComment, Phase, StakeholderEvent};
use crate::domain::date::long_date;
use serde::{Deserialize, Serialize};

/// The votes one priority has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub option_id: i64,
    pub label: String,
    pub votes: i64,
    /// Of them, the votes of participants who said they are young people.
    pub young_votes: i64,
}

/// Where an event's results stand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventResults {
    pub title: String,
    pub code: String,
    pub phase: Phase,
    /// Devices that have joined, and of them those with a ballot (young people's apart).
    pub joined: i64,
    pub voted: i64,
    pub young_voted: i64,
    /// Every priority, in the ballot's order.
    pub tallies: Vec<Tally>,
    /// The comments that may be shown, newest first.
    pub comments: Vec<EventComment>,
    /// How many changes the event has had: it goes up with every ballot, comment and decision,
    /// and names each live update.
    pub changes: i64,
}

/// A ranked line: (rank, label, votes). Equal votes share a rank.
pub type Ranked = (usize, String, i64);

fn rank(mut rows: Vec<(usize, String, i64)>) -> Vec<Ranked> {
    // Most votes first; equal votes in the ballot's order.
    rows.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
    let mut out: Vec<Ranked> = Vec::with_capacity(rows.len());
    for (i, (_, label, votes)) in rows.into_iter().enumerate() {
        let r = match out.last() {
            Some((r, _, v)) if *v == votes => *r,
            _ => i + 1,
        };
        out.push((r, label, votes));
    }
    out
}

impl EventResults {
    pub fn total_votes(&self) -> i64 {
        self.tallies.iter().map(|t| t.votes).sum()
    }

    pub fn young_total(&self) -> i64 {
        self.tallies.iter().map(|t| t.young_votes).sum()
    }

    /// Every priority, most votes first.
    pub fn ranked(&self) -> Vec<Ranked> {
        rank(
            self.tallies
                .iter()
                .enumerate()
                .map(|(i, t)| (i, t.label.clone(), t.votes))
                .collect(),
        )
    }

    /// Every priority by young people's votes, most first.
    pub fn young_ranked(&self) -> Vec<Ranked> {
        rank(
            self.tallies
                .iter()
                .enumerate()
                .map(|(i, t)| (i, t.label.clone(), t.young_votes))
                .collect(),
        )
    }
}

fn votes(n: i64) -> String {
    if n == 1 {
        "1 vote".into()
    } else {
        format!("{n} votes")
    }
}

fn people(n: i64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn ranked_list(rows: &[Ranked]) -> String {
    rows.iter()
        .filter(|(_, _, v)| *v > 0)
        .map(|(r, label, v)| format!("{r}. {label} ({})", votes(*v)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// What adding an event's results puts into a plan: a paragraph for the needs analysis and one
/// for "what children and young people told us", each naming its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanWording {
    pub needs: String,
    pub young_people: String,
}

/// Young people's comments quoted in the plan, at most.
const QUOTED: usize = 5;

impl PlanWording {
    pub fn of(event: &StakeholderEvent, results: &EventResults) -> Self {
        let source = format!(
            "Stakeholder event “{}”, {} ({} taking part, {} voted)",
            event.title,
            long_date(event.held_on),
            people(results.joined, "person", "people"),
            results.voted,
        );
        let ranked = ranked_list(&results.ranked());
        let kept = results.comments.len();
        let needs = format!(
            "{source}. Priorities by votes: {}.{}",
            if ranked.is_empty() {
                "no votes were cast".to_string()
            } else {
                ranked
            },
            if kept > 0 {
                format!(
                    " {} kept from the event.",
                    people(kept as i64, "comment", "comments")
                )
            } else {
                String::new()
            }
        );
        let young_ranked = ranked_list(&results.young_ranked());
        let quotes: Vec<String> = results
            .comments
            .iter()
            .filter(|c| c.young_person)
            .take(QUOTED)
            .map(|c| format!("“{}”", c.body.replace('\n', " ")))
            .collect();
        let young_people = if results.young_voted == 0 && quotes.is_empty() {
            format!("{source}: no young people said they were taking part.")
        } else {
            let mut text = format!(
                "{source}: {} voted. Their priorities: {}.",
                people(results.young_voted, "young person", "young people"),
                if young_ranked.is_empty() {
                    "none chosen".to_string()
                } else {
                    young_ranked
                },
            );
            if !quotes.is_empty() {
                text.push_str(&format!(" They told us: {}.", quotes.join("; ")));
            }
            text
        };
        PlanWording {
            needs,
            young_people,
        }
    }

    /// `existing` with `addition` after it, as a paragraph of its own.
    pub fn appended(existing: &str, addition: &str) -> String {
        let existing = existing.trim_end();
        if existing.is_empty() {
            addition.to_string()
        } else {
            format!("{existing}\n\n{addition}")
        }
    }
}
