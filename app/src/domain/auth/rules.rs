//! The rules table: every action and who it is granted to, written once (see
//! [`super::authorise`]).

use super::{Action, Grant, Role, Rule};

use Grant::*;
use Role::*;

/// The rules, written once. An action not listed is denied to everyone.
pub const RULES: &[Rule] = &[
    Rule {
        action: Action::ViewPartnerships,
        grants: &[Everyone],
    },
    Rule {
        action: Action::ViewOwnAccount,
        grants: &[SignedIn],
    },
    Rule {
        action: Action::ChangeOwnPassword,
        grants: &[SignedIn],
    },
    Rule {
        action: Action::ManagePeople,
        grants: &[Anywhere(Administrator)],
    },
    Rule {
        action: Action::ViewAuditTrail,
        grants: &[Anywhere(Administrator)],
    },
    Rule {
        action: Action::ViewPartnershipHistory,
        grants: &[
            Anywhere(Administrator),
            Anywhere(BoardMember),
            InScope(DistrictManager),
            InScope(PartnershipChair),
            InScope(PartnershipMember),
        ],
    },
    Rule {
        action: Action::ViewAllPlans,
        grants: &[
            Anywhere(Administrator),
            Anywhere(BoardMember),
            Anywhere(DistrictManager),
            Anywhere(Viewer),
        ],
    },
    Rule {
        action: Action::ViewPlan,
        grants: &[
            Anywhere(Administrator),
            Anywhere(BoardMember),
            Anywhere(Viewer),
            InScope(DistrictManager),
            InScope(PartnershipChair),
            InScope(PartnershipMember),
        ],
    },
    // The partners build the plan together; the chair answers for it.
    Rule {
        action: Action::EditPlan,
        grants: &[InScope(PartnershipChair), InScope(PartnershipMember)],
    },
    Rule {
        action: Action::SubmitPlan,
        grants: &[InScope(PartnershipChair)],
    },
    Rule {
        action: Action::CommentOnPlan,
        grants: &[InScope(DistrictManager)],
    },
    Rule {
        action: Action::DecidePlan,
        grants: &[Anywhere(BoardMember)],
    },
    // Board members compare partnerships; chairs and district managers need to know where
    // outcomes are at risk; the figures are published data.
    Rule {
        action: Action::ViewDashboard,
        grants: &[SignedIn],
    },
    Rule {
        action: Action::ManageCatalogue,
        grants: &[Anywhere(Administrator)],
    },
    Rule {
        action: Action::ImportData,
        grants: &[Anywhere(Administrator)],
    },
    Rule {
        action: Action::ViewMap,
        grants: &[SignedIn],
    },
    // Whether there is anything to see is the Trust's choice (the map must be published).
    Rule {
        action: Action::ViewPublicMap,
        grants: &[Everyone],
    },
    Rule {
        action: Action::ManageStandards,
        grants: &[Anywhere(Administrator)],
    },
    // What a submitted self-assessment holds is read by the Board, administrators, viewers and
    // every district manager (they compare across the county) as well as by the partnership; a
    // draft only by the partnership and its own district managers (see `assessment_visibility`).
    Rule {
        action: Action::ViewAssessment,
        grants: &[
            Anywhere(Administrator),
            Anywhere(BoardMember),
            Anywhere(Viewer),
            Anywhere(DistrictManager),
            InScope(PartnershipChair),
            InScope(PartnershipMember),
        ],
    },
    Rule {
        action: Action::EditAssessment,
        grants: &[InScope(PartnershipChair), InScope(PartnershipMember)],
    },
    Rule {
        action: Action::SubmitAssessment,
        grants: &[InScope(PartnershipChair)],
    },
    // Moderation is the district manager's, for their own districts only.
    Rule {
        action: Action::ModerateAssessment,
        grants: &[InScope(DistrictManager)],
    },
    Rule {
        action: Action::ViewAssessmentReport,
        grants: &[
            Anywhere(Administrator),
            Anywhere(BoardMember),
            Anywhere(DistrictManager),
            Anywhere(Viewer),
        ],
    },
    // A submitted mid-year review is read as widely as a submitted self-assessment; a draft only
    // by the partnership and its own district managers (see `review_visibility`).
    Rule {
        action: Action::ViewMidYearReview,
        grants: &[
            Anywhere(Administrator),
            Anywhere(BoardMember),
            Anywhere(Viewer),
            Anywhere(DistrictManager),
            InScope(PartnershipChair),
            InScope(PartnershipMember),
        ],
    },
    Rule {
        action: Action::EditMidYearReview,
        grants: &[InScope(PartnershipChair), InScope(PartnershipMember)],
    },
    Rule {
        action: Action::SubmitMidYearReview,
        grants: &[InScope(PartnershipChair)],
    },
    // The partnership's own district manager, or the Board, returns it or accepts it.
    Rule {
        action: Action::DecideMidYearReview,
        grants: &[InScope(DistrictManager), Anywhere(BoardMember)],
    },
    Rule {
        action: Action::ViewRollUp,
        grants: &[
            Anywhere(Administrator),
            Anywhere(BoardMember),
            Anywhere(DistrictManager),
            Anywhere(Viewer),
        ],
    },
    Rule {
        action: Action::ListEvents,
        grants: &[
            Anywhere(Administrator),
            Anywhere(DistrictManager),
            Anywhere(PartnershipChair),
        ],
    },
    Rule {
        action: Action::AddEventResults,
        grants: &[InScope(PartnershipChair)],
    },
    Rule {
        action: Action::RunEvent,
        grants: &[
            Anywhere(Administrator),
            InScope(DistrictManager),
            InScope(PartnershipChair),
        ],
    },
    // Setting the county up is the Trust administrators' work.
    Rule {
        action: Action::ManageSetUp,
        grants: &[Anywhere(Administrator)],
    },
    // The Board sets its key priorities for every plan each January.
    Rule {
        action: Action::SetBoardPriorities,
        grants: &[Anywhere(BoardMember)],
    },
    Rule {
        action: Action::ViewCycle,
        grants: &[Anywhere(Administrator), Anywhere(BoardMember)],
    },
    Rule {
        action: Action::ManageOwnReminders,
        grants: &[SignedIn],
    },
    // A backup holds everyone's personal data: the Trust's administrators only.
    Rule {
        action: Action::TakeBackup,
        grants: &[Anywhere(Administrator)],
    },
    // Everyone looks after their own sign-in; the second factor and sessions are their own.
    Rule {
        action: Action::ManageOwnSecondFactor,
        grants: &[SignedIn],
    },
    Rule {
        action: Action::ViewOwnSessions,
        grants: &[SignedIn],
    },
    Rule {
        action: Action::EndOwnSessions,
        grants: &[SignedIn],
    },
    // Someone who has lost their authenticator is let in again by an administrator (never by
    // themselves: see `api::auth::reset_second_factor`).
    Rule {
        action: Action::ResetSecondFactor,
        grants: &[Anywhere(Administrator)],
    },
];
