//! Who may read a plan's content, wherever it is shown: the plan pages, the map's partnership
//! panel, the dashboard's targets and ratings, the exceptions and their downloads, the public
//! map. One rule, built on [`RULES`](super::RULES): every place that shows a plan's priorities,
//! measures, targets or text asks [`plan_visibility`] first.

use super::{authorise, Action, Principal, Target};

/// How much of one partnership's plan someone may read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanVisibility {
    /// The plan as it stands — a draft, a submitted plan — and every approved version: people
    /// granted [`Action::ViewPlan`] on the partnership (its partners, the district managers
    /// whose districts it is in, the Board, administrators and viewers).
    Everything,
    /// Only what the Board has approved: the latest approved version, as frozen when it was
    /// approved. An approved plan is the partnership's published plan, so anyone signed in may
    /// read it; a draft or a submitted plan is work in progress, and so is a new version being
    /// drafted after an approval (they still read the version approved before it).
    Approved,
    /// No plan content at all: nobody is signed in (the published map shows figures only).
    Nothing,
}

impl PlanVisibility {
    /// The plan as it stands (draft or submitted, with its comments) may be shown.
    pub fn shows_working_plan(self) -> bool {
        self == PlanVisibility::Everything
    }

    /// The latest version the Board approved may be shown.
    pub fn shows_approved(self) -> bool {
        self != PlanVisibility::Nothing
    }

    /// The stage word alone — not started, draft, submitted, approved — may be shown. It names
    /// no priority, target or text: the map's "where each plan has got to" shows it for every
    /// partnership to everyone signed in, by design, so that partnerships and the Board see
    /// progress across the county. It is not shown to people who are not signed in.
    pub fn shows_stage(self) -> bool {
        self != PlanVisibility::Nothing
    }
}

/// How much of partnership `partnership_id`'s plan `who` (nobody when `None`) may read:
/// everything where the rules grant [`Action::ViewPlan`] on that partnership, what the Board
/// has approved for anyone else signed in, and nothing for someone not signed in.
pub fn plan_visibility(who: Option<&Principal>, partnership_id: i64) -> PlanVisibility {
    if authorise(who, Action::ViewPlan, Target::Partnership(partnership_id)).is_ok() {
        PlanVisibility::Everything
    } else if who.is_some() {
        PlanVisibility::Approved
    } else {
        PlanVisibility::Nothing
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::principal;
    use super::super::Role;
    use super::*;

    fn person(roles: &[(Role, &[i64])]) -> Principal {
        principal(
            roles
                .iter()
                .map(|(r, reach)| (*r, reach.to_vec()))
                .collect(),
        )
    }

    const HERE: i64 = 3;
    const THERE: i64 = 5;

    #[test]
    fn the_partners_see_their_own_draft_and_only_approved_plans_elsewhere() {
        for role in [Role::PartnershipChair, Role::PartnershipMember] {
            let p = person(&[(role, &[HERE])]);
            assert_eq!(plan_visibility(Some(&p), HERE), PlanVisibility::Everything);
            assert_eq!(plan_visibility(Some(&p), THERE), PlanVisibility::Approved);
        }
    }

    #[test]
    fn district_managers_see_drafts_in_their_districts_only() {
        let dm = person(&[(Role::DistrictManager, &[HERE, 4])]);
        assert_eq!(plan_visibility(Some(&dm), 4), PlanVisibility::Everything);
        assert_eq!(plan_visibility(Some(&dm), THERE), PlanVisibility::Approved);
    }

    #[test]
    fn trust_wide_readers_see_every_draft() {
        for role in [Role::BoardMember, Role::Administrator, Role::Viewer] {
            let p = person(&[(role, &[])]);
            assert_eq!(plan_visibility(Some(&p), THERE), PlanVisibility::Everything);
        }
    }

    #[test]
    fn someone_signed_in_with_no_role_sees_what_is_approved() {
        let p = person(&[]);
        assert_eq!(plan_visibility(Some(&p), HERE), PlanVisibility::Approved);
    }

    #[test]
    fn nobody_signed_in_sees_no_plan_content_and_no_stage() {
        let v = plan_visibility(None, HERE);
        assert_eq!(v, PlanVisibility::Nothing);
        assert!(!v.shows_working_plan() && !v.shows_approved() && !v.shows_stage());
    }

    #[test]
    fn what_each_level_shows() {
        let all = PlanVisibility::Everything;
        assert!(all.shows_working_plan() && all.shows_approved() && all.shows_stage());
        let approved = PlanVisibility::Approved;
        assert!(!approved.shows_working_plan());
        assert!(approved.shows_approved() && approved.shows_stage());
    }
}
