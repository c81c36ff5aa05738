//! Stakeholder events and data days: partners, parents, children and young people join on a
//! phone with a short code, vote on priorities, say what matters to them, and see the results
//! live on the projector. The rules here are pure: the join code, when voting is open, what a
//! ballot and a comment may hold, and how the results are ranked and written into a plan.

use super::text_enum::text_enum;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

mod code;
mod forms;
mod london;
mod results;

pub use code::{JoinCode, CODE_ALPHABET, CODE_LENGTH};
pub use forms::{
    AboutYou, BallotForm, BallotInput, CommentForm, CommentInput, EventForm, EventInput,
    COMMENT_LIMIT, OPTION_LIMIT, TITLE_LIMIT,
};
pub use london::{london_to_utc, utc_to_london};
pub use results::{EventResults, PlanWording, Ranked, Tally};

text_enum!(
    /// What is on the ballot.
    BallotSource, "ballot" {
        Plan => "plan", "The priorities in the partnerships' plans for the year",
        Board => "board", "The Board's priorities for the year",
        Custom => "custom", "Candidate priorities typed in here",
    }
);

text_enum!(
    /// How voting opens and closes: at the times set, or by the facilitator's hand.
    Voting, "voting" {
        Scheduled => "scheduled", "At the times set",
        Open => "open", "Opened by hand",
        Closed => "closed", "Closed by hand",
    }
);

text_enum!(
    /// A young person's age band, when they choose to say it.
    AgeBand, "age band" {
        Under11 => "under_11", "Under 11",
        From11To15 => "11_15", "11 to 15",
        From16To18 => "16_18", "16 to 18",
        From19To25 => "19_25", "19 to 25",
    }
);

text_enum!(
    /// Where a comment stands: waiting for the facilitator (when comments are shown only after
    /// they have been seen), shown, or hidden (never on the projector or in the results).
    CommentState, "comment state" {
        Waiting => "waiting", "Waiting to be seen",
        Shown => "shown", "Shown",
        Hidden => "hidden", "Hidden",
    }
);

/// Where voting stands at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Phase {
    /// Not open yet: it opens at the time set, or when the facilitator opens it.
    NotYetOpen {
        opens: Option<DateTime<Utc>>,
    },
    /// Open: until the time set, or until the facilitator closes it.
    Open {
        closes: Option<DateTime<Utc>>,
    },
    Closed,
}

impl Phase {
    pub fn is_open(self) -> bool {
        matches!(self, Phase::Open { .. })
    }

    pub fn is_closed(self) -> bool {
        matches!(self, Phase::Closed)
    }

    /// "Voting is open until 11:30", in UK time.
    pub fn describe(self) -> String {
        let at = |t: DateTime<Utc>| utc_to_london(t).format("%H:%M").to_string();
        match self {
            Phase::NotYetOpen { opens: Some(t) } => format!("Voting opens at {}", at(t)),
            Phase::NotYetOpen { opens: None } => {
                "Voting has not opened yet: the facilitator will open it".into()
            }
            Phase::Open { closes: Some(t) } => format!("Voting is open until {}", at(t)),
            Phase::Open { closes: None } => "Voting is open".into(),
            Phase::Closed => "Voting has closed".into(),
        }
    }
}

/// How an event runs: its ballot's rules, its comments, and when voting is open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventRules {
    /// Votes each participant has to give.
    pub votes_each: u8,
    /// Whether several of them may go to one priority.
    pub several_on_one: bool,
    /// Comments reach the projector only after the facilitator has seen them.
    pub comments_after_review: bool,
    pub voting: Voting,
    pub opens_at: Option<DateTime<Utc>>,
    pub closes_at: Option<DateTime<Utc>>,
}

impl EventRules {
    /// Where voting stands at `now`. Closed by hand is closed; opened by hand is open until the
    /// closing time, if one is set; otherwise open from the opening time (none: not until the
    /// facilitator opens it) until the closing time.
    pub fn phase(&self, now: DateTime<Utc>) -> Phase {
        let before_close = self.closes_at.is_none_or(|c| now < c);
        match self.voting {
            Voting::Closed => Phase::Closed,
            Voting::Open if before_close => Phase::Open {
                closes: self.closes_at,
            },
            Voting::Open => Phase::Closed,
            Voting::Scheduled => match self.opens_at {
                Some(o) if now < o => Phase::NotYetOpen { opens: Some(o) },
                Some(_) if before_close => Phase::Open {
                    closes: self.closes_at,
                },
                Some(_) => Phase::Closed,
                None if before_close => Phase::NotYetOpen { opens: None },
                None => Phase::Closed,
            },
        }
    }

    /// "3 votes each; several may go to one priority".
    pub fn ballot_rule(&self) -> String {
        let votes = if self.votes_each == 1 {
            "1 vote".to_string()
        } else {
            format!("{} votes", self.votes_each)
        };
        if self.votes_each == 1 {
            format!("You have {votes}.")
        } else if self.several_on_one {
            format!("You have {votes}. You can give more than one to a priority.")
        } else {
            format!("You have {votes}, at most one for each priority.")
        }
    }
}

/// One priority on an event's ballot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BallotOption {
    pub id: i64,
    pub label: String,
}

/// A stakeholder event, as its facilitator and its participants see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StakeholderEvent {
    pub id: i64,
    pub code: String,
    pub title: String,
    pub held_on: NaiveDate,
    /// The plan year (its first calendar year) whose plans the results may be added to.
    pub plan_year: i32,
    pub source: BallotSource,
    pub rules: EventRules,
    /// The indicator that shades the event's map, by code and name.
    pub indicator: Option<(String, String)>,
    /// The partnerships it is for: (id, slug, name).
    pub partnerships: Vec<(i64, String, String)>,
    pub options: Vec<BallotOption>,
    pub revision: i64,
    pub created_by: String,
}

impl StakeholderEvent {
    pub fn partnership_ids(&self) -> Vec<i64> {
        self.partnerships.iter().map(|(id, _, _)| *id).collect()
    }

    /// "Gosport and Fareham".
    pub fn partnership_names(&self) -> String {
        let names: Vec<&str> = self
            .partnerships
            .iter()
            .map(|(_, _, n)| n.as_str())
            .collect();
        match names.as_slice() {
            [] => String::new(),
            [one] => (*one).to_string(),
            [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        }
    }
}

/// A comment as the facilitator sees it (participants' comments carry no personal data).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventComment {
    pub id: i64,
    pub body: String,
    pub young_person: bool,
    pub age_band: Option<AgeBand>,
    pub at: DateTime<Utc>,
    pub state: CommentState,
}

impl EventComment {
    /// "A young person (16 to 18)", "A participant".
    pub fn who(&self) -> String {
        match (self.young_person, self.age_band) {
            (true, Some(b)) => format!("A young person ({})", b.label().to_lowercase()),
            (true, None) => "A young person".into(),
            _ => "A participant".into(),
        }
    }
}

#[cfg(test)]
mod tests;
