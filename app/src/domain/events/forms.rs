//! What facilitators and participants type, each form declared once with [`crate::form!`], and
//! the parsers that turn it into an event, a ballot or a comment. The same parser checks a form
//! in the browser and has the last word on the server.

use super::{AgeBand, BallotOption, BallotSource, EventRules, Voting};
use crate::domain::date::parse_date;
use crate::domain::figure::grouped;
use crate::domain::plan::forms::{at, too_long};
use crate::domain::plan::Problem;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use std::collections::BTreeMap;

/// The most an event's title may hold.
pub const TITLE_LIMIT: usize = 200;
/// The most one candidate priority may hold.
pub const OPTION_LIMIT: usize = 200;
/// The most a participant's comment may hold.
pub const COMMENT_LIMIT: usize = 1_000;
/// The most priorities a ballot may list.
const MOST_OPTIONS: usize = 20;
/// The most votes a participant may have.
const MOST_VOTES: u8 = 10;

fn write_fewer(n: usize, typed: &str) -> String {
    format!(
        "Write {} characters or fewer (this has {})",
        grouped(n as f64, 0),
        grouped(typed.trim().chars().count() as f64, 0)
    )
}

fn yes_no(text: &str) -> Option<bool> {
    match text.trim() {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}

crate::form! {
    /// A new stakeholder event.
    pub struct EventForm {
        title: String,
        held_on: String,
        /// The partnerships it is for: `form[partnerships][slug]=on`.
        partnerships: BTreeMap<String, String>,
        ballot_source: String,
        /// Candidate priorities, one a line (when the ballot is typed in).
        candidates: String,
        votes_each: String,
        several_on_one: String,
        comments_after_review: String,
        /// The indicator's code, or blank for a map without shading.
        indicator: String,
        /// Opening and closing times on the day (UK time, "10:00"); blank to open and close by
        /// hand.
        opens_at: String,
        closes_at: String,
    }
}

/// An event as parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventInput {
    pub title: String,
    pub held_on: NaiveDate,
    /// Partnership ids, from the ones offered.
    pub partnerships: Vec<i64>,
    pub source: BallotSource,
    pub candidates: Vec<String>,
    pub rules: EventRules,
    pub indicator: Option<String>,
}

fn parse_time(text: &str) -> Result<Option<NaiveTime>, String> {
    let t = text.trim().replace('.', ":");
    if t.is_empty() {
        return Ok(None);
    }
    NaiveTime::parse_from_str(&t, "%H:%M")
        .map(Some)
        .map_err(|_| "Enter a time on the 24-hour clock, like 10:30".to_string())
}

/// Candidate priorities, one a line: blank lines dropped, each distinct (ignoring case).
fn candidates(text: &str) -> Result<Vec<String>, String> {
    let lines: Vec<String> = text
        .lines()
        .map(|l| {
            l.trim()
                .trim_start_matches(['-', '*', '•'])
                .trim()
                .to_string()
        })
        .filter(|l| !l.is_empty())
        .collect();
    if lines.len() < 2 {
        return Err("Enter at least 2 candidate priorities, one on each line".into());
    }
    if lines.len() > MOST_OPTIONS {
        return Err(format!(
            "Enter at most {MOST_OPTIONS} candidate priorities (there are {})",
            lines.len()
        ));
    }
    if let Some(long) = lines.iter().find(|l| l.chars().count() > OPTION_LIMIT) {
        return Err(format!(
            "Each candidate priority must be {OPTION_LIMIT} characters or fewer: shorten “{}…”",
            long.chars().take(40).collect::<String>()
        ));
    }
    let mut seen = std::collections::BTreeSet::new();
    for l in &lines {
        if !seen.insert(l.to_lowercase()) {
            return Err(format!("“{l}” is listed twice: list each priority once"));
        }
    }
    Ok(lines)
}

impl EventForm {
    /// A blank form with sensible choices made: 3 votes each, several allowed on one priority,
    /// comments shown at once.
    pub fn new_event(held_on: NaiveDate) -> Self {
        Self {
            held_on: crate::domain::date::short_date(held_on),
            ballot_source: BallotSource::Plan.as_str().into(),
            votes_each: "3".into(),
            several_on_one: "yes".into(),
            comments_after_review: "no".into(),
            ..Self::default()
        }
    }

    /// Reads the form. `offered` are the partnerships the facilitator may run events for, as
    /// (id, slug); `indicators` the codes that may shade the map.
    pub fn parse(
        &self,
        offered: &[(i64, String)],
        indicators: &[String],
    ) -> Result<EventInput, Vec<Problem>> {
        let mut problems = Vec::new();
        let title = self.title.trim();
        if title.is_empty() {
            problems.push(at(Self::title, "Enter the event's title"));
        } else if too_long(title, TITLE_LIMIT) {
            problems.push(at(Self::title, write_fewer(TITLE_LIMIT, title)));
        }
        let held_on = match parse_date(&self.held_on) {
            Ok(Some(d)) => Some(d),
            Ok(None) => {
                problems.push(at(Self::held_on, "Enter the date of the event"));
                None
            }
            Err(e) => {
                problems.push(at(Self::held_on, e.0));
                None
            }
        };
        let mut partnerships = Vec::new();
        for (slug, on) in &self.partnerships {
            if on.is_empty() {
                continue;
            }
            match offered.iter().find(|(_, s)| s == slug) {
                Some((id, _)) => partnerships.push(*id),
                None => problems.push(at(
                    Self::partnerships,
                    "You can run events only for the partnerships listed",
                )),
            }
        }
        if partnerships.is_empty() && !problems.iter().any(|p| p.anchor == "partnerships") {
            problems.push(at(
                Self::partnerships,
                "Choose the partnership or partnerships the event is for",
            ));
        }
        let source = self.ballot_source.trim().parse::<BallotSource>().ok();
        if source.is_none() {
            problems.push(at(Self::ballot_source, "Choose what is on the ballot"));
        }
        let listed = if source == Some(BallotSource::Custom) {
            candidates(&self.candidates).unwrap_or_else(|e| {
                problems.push(at(Self::candidates, e));
                Vec::new()
            })
        } else {
            Vec::new()
        };
        let votes_each = match self.votes_each.trim().parse::<u8>() {
            Ok(n) if (1..=MOST_VOTES).contains(&n) => Some(n),
            _ => {
                problems.push(at(
                    Self::votes_each,
                    format!("Enter how many votes each participant has: a whole number from 1 to {MOST_VOTES}"),
                ));
                None
            }
        };
        let several = yes_no(&self.several_on_one);
        if several.is_none() {
            problems.push(at(
                Self::several_on_one,
                "Choose whether a participant may give several votes to one priority",
            ));
        }
        let after_review = yes_no(&self.comments_after_review);
        if after_review.is_none() {
            problems.push(at(
                Self::comments_after_review,
                "Choose when comments are shown",
            ));
        }
        let indicator = Some(self.indicator.trim().to_string()).filter(|c| !c.is_empty());
        if let Some(code) = &indicator {
            if !indicators.contains(code) {
                problems.push(at(Self::indicator, "Choose an indicator from the list"));
            }
        }
        let opens = parse_time(&self.opens_at).unwrap_or_else(|e| {
            problems.push(at(Self::opens_at, e));
            None
        });
        let closes = parse_time(&self.closes_at).unwrap_or_else(|e| {
            problems.push(at(Self::closes_at, e));
            None
        });
        if let (Some(o), Some(c)) = (opens, closes) {
            if c <= o {
                problems.push(at(
                    Self::closes_at,
                    "Voting must close after it opens: enter a later closing time",
                ));
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let (Some(held_on), Some(source), Some(votes_each), Some(several), Some(after_review)) =
            (held_on, source, votes_each, several, after_review)
        else {
            return Err(problems);
        };
        let moment = |t: Option<NaiveTime>| -> Option<DateTime<Utc>> {
            t.map(|t| super::london_to_utc(held_on.and_time(t)))
        };
        Ok(EventInput {
            title: title.to_string(),
            held_on,
            partnerships,
            source,
            candidates: listed,
            rules: EventRules {
                votes_each,
                several_on_one: several && votes_each > 1,
                comments_after_review: after_review,
                voting: Voting::Scheduled,
                opens_at: moment(opens),
                closes_at: moment(closes),
            },
            indicator,
        })
    }
}

/// What a participant chooses to say about themselves: nothing, or that they are a young
/// person (and, if they like, their age band). Nothing else is ever asked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AboutYou {
    pub young_person: bool,
    pub age_band: Option<AgeBand>,
}

fn about_you(
    young: &str,
    band: &str,
    band_field: crate::domain::form::Field,
    problems: &mut Vec<Problem>,
) -> AboutYou {
    let age_band = match band.trim() {
        "" => None,
        b => match b.parse::<AgeBand>() {
            Ok(b) => Some(b),
            Err(_) => {
                problems.push(at(band_field, "Choose an age band from the list, or none"));
                None
            }
        },
    };
    AboutYou {
        // Choosing an age band says it too.
        young_person: matches!(young.trim(), "yes" | "on") || age_band.is_some(),
        age_band,
    }
}

crate::form! {
    /// A participant's ballot: `form[votes][option id]` = the votes given to it.
    pub struct BallotForm {
        votes: BTreeMap<String, String>,
        young_person: String,
        age_band: String,
    }
}

/// A ballot as parsed: the votes given to each priority (none of them zero).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BallotInput {
    pub votes: Vec<(i64, u8)>,
    pub about: AboutYou,
}

impl BallotForm {
    /// Reads a ballot against the event's options and rules.
    pub fn parse(
        &self,
        options: &[BallotOption],
        rules: &EventRules,
    ) -> Result<BallotInput, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut votes = Vec::new();
        let mut bad = false;
        for (key, count) in &self.votes {
            let count = count.trim();
            let n = match count {
                "" => 0,
                "on" => 1,
                c => match c.parse::<u8>() {
                    Ok(n) => n,
                    Err(_) => {
                        bad = true;
                        continue;
                    }
                },
            };
            let Some(option) = key
                .parse::<i64>()
                .ok()
                .filter(|id| options.iter().any(|o| o.id == *id))
            else {
                problems.push(at(
                    Self::votes,
                    "That priority is not on this ballot: choose from the list",
                ));
                continue;
            };
            if n > 0 {
                votes.push((option, n));
            }
        }
        if bad {
            problems.push(at(
                Self::votes,
                format!(
                    "Give each priority a whole number of votes, from 0 to {}",
                    rules.votes_each
                ),
            ));
        }
        let total: u32 = votes.iter().map(|(_, n)| u32::from(*n)).sum();
        if problems.is_empty() {
            if total == 0 {
                problems.push(at(Self::votes, "Choose at least one priority to vote for"));
            } else if total > u32::from(rules.votes_each) {
                problems.push(at(
                    Self::votes,
                    format!(
                        "You have {} votes but gave {total}: take {} away",
                        rules.votes_each,
                        total - u32::from(rules.votes_each)
                    ),
                ));
            } else if !rules.several_on_one && votes.iter().any(|(_, n)| *n > 1) {
                problems.push(at(
                    Self::votes,
                    "Give each priority at most one vote at this event",
                ));
            }
        }
        let about = about_you(
            &self.young_person,
            &self.age_band,
            Self::age_band,
            &mut problems,
        );
        if problems.is_empty() {
            Ok(BallotInput { votes, about })
        } else {
            Err(problems)
        }
    }
}

crate::form! {
    /// A participant's comment: what matters to them.
    pub struct CommentForm {
        comment: String,
        young_person: String,
        age_band: String,
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentInput {
    pub body: String,
    pub about: AboutYou,
}

impl CommentForm {
    pub fn parse(&self) -> Result<CommentInput, Vec<Problem>> {
        let mut problems = Vec::new();
        let body = self.comment.trim();
        if body.is_empty() {
            problems.push(at(Self::comment, "Write your comment"));
        } else if too_long(body, COMMENT_LIMIT) {
            problems.push(at(Self::comment, write_fewer(COMMENT_LIMIT, body)));
        }
        let about = about_you(
            &self.young_person,
            &self.age_band,
            Self::age_band,
            &mut problems,
        );
        if problems.is_empty() {
            Ok(CommentInput {
                body: body.replace('\r', ""),
                about,
            })
        } else {
            Err(problems)
        }
    }
}
