//! Who may do what. The rules are one declarative table, [`RULES`]: every server function names
//! its [`Action`] and asks [`authorise`] before it does anything, and the tests read the same
//! table to try every (role × action × own scope / other scope) cell over HTTP.

use super::{text_enum::text_enum, ParseError};
use serde::{Deserialize, Serialize};
use std::fmt;

mod assessment_visibility;
mod browser;
mod plan_visibility;
mod rules;
pub mod second_factor;
pub use assessment_visibility::{assessment_visibility, review_visibility, AssessmentVisibility};
pub use browser::describe_browser;
pub use plan_visibility::{plan_visibility, PlanVisibility};

text_enum!(
    /// A role a person holds in Trustboard. Scoped roles carry a partnership or a district.
    Role, "role" {
        Administrator => "administrator", "Trust administrator",
        BoardMember => "board_member", "Trust Board member",
        DistrictManager => "district_manager", "District manager",
        PartnershipChair => "partnership_chair", "Partnership chair",
        PartnershipMember => "partnership_member", "Partnership member",
        Viewer => "viewer", "Viewer",
    }
);

/// What a role's scope is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeKind {
    Trust,
    District,
    Partnership,
}

impl Role {
    pub fn scope_kind(self) -> ScopeKind {
        match self {
            Role::Administrator | Role::BoardMember | Role::Viewer => ScopeKind::Trust,
            Role::DistrictManager => ScopeKind::District,
            Role::PartnershipChair | Role::PartnershipMember => ScopeKind::Partnership,
        }
    }
}

/// One role held by a person, with its scope resolved: the partnerships it reaches (a district
/// manager reaches every partnership in their districts).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleAssignment {
    pub id: i64,
    pub role: Role,
    pub partnership_id: Option<i64>,
    pub district_area_id: Option<i64>,
    /// The partnership's or district's name, for people to read.
    pub scope_name: Option<String>,
    /// The partnership's slug, for links.
    pub partnership_slug: Option<String>,
    /// The partnerships this assignment reaches (empty for Trust-wide roles).
    pub partnerships: Vec<i64>,
}

impl fmt::Display for RoleAssignment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.scope_name {
            Some(scope) => write!(f, "{} ({scope})", self.role.label()),
            None => f.write_str(self.role.label()),
        }
    }
}

/// A signed-in person, as the server knows them for one request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Principal {
    pub user_id: i64,
    pub display_name: String,
    pub email: String,
    pub roles: Vec<RoleAssignment>,
}

impl Principal {
    pub fn has_role(&self, role: Role) -> bool {
        self.roles.iter().any(|r| r.role == role)
    }

    /// "Partnership chair (Gosport Children's Partnership), Viewer"
    pub fn roles_text(&self) -> String {
        if self.roles.is_empty() {
            return "No role yet".into();
        }
        self.roles
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A person who can sign in, as administrators see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserSummary {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub disabled: bool,
    pub is_demo: bool,
    pub roles: Vec<RoleAssignment>,
}

text_enum!(
    /// Everything a server function does, by name. Later capabilities add theirs here and to
    /// [`RULES`].
    Action, "action" {
        ViewPartnerships => "view_partnerships", "See the list of partnerships",
        ViewOwnAccount => "view_own_account", "See your own account",
        ChangeOwnPassword => "change_own_password", "Change your own password",
        ManagePeople => "manage_people", "Manage people and their roles",
        ViewAuditTrail => "view_audit_trail", "Browse the whole audit trail",
        ViewPartnershipHistory => "view_partnership_history", "See a partnership's history",
        ViewAllPlans => "view_all_plans", "See every partnership's plan for a year",
        ViewPlan => "view_plan", "Read a partnership's plan and download it",
        EditPlan => "edit_plan", "Start and edit a partnership's plan",
        SubmitPlan => "submit_plan", "Submit a plan, or start a new version of an approved one",
        CommentOnPlan => "comment_on_plan", "Comment on a plan before it is submitted",
        DecidePlan => "decide_plan", "Approve a plan or return it with comments",
        ViewDashboard => "view_dashboard", "Compare partnerships' figures and see the exceptions",
        ManageCatalogue => "manage_catalogue", "Manage the indicator catalogue and how indicators are rated",
        ImportData => "import_data", "Import measurements and boundaries, and publish the map",
        ViewMap => "view_map", "See the partnership map",
        ViewPublicMap => "view_public_map", "See the published map without signing in",
        ManageStandards => "manage_standards", "Set the standards and grades partnerships assess themselves against",
        ViewAssessment => "view_assessment", "Read a partnership's self-assessment and annual review",
        EditAssessment => "edit_assessment", "Start and edit a partnership's self-assessment and annual review, and answer questions",
        SubmitAssessment => "submit_assessment", "Submit a self-assessment",
        ModerateAssessment => "moderate_assessment", "Moderate a self-assessment: agree or change grades, ask questions, return it or complete it",
        ViewAssessmentReport => "view_assessment_report", "See the Board's report of self-assessments and moderation",
        ViewMidYearReview => "view_mid_year_review", "Read a partnership's mid-year review",
        EditMidYearReview => "edit_mid_year_review", "Start and edit a partnership's mid-year review",
        SubmitMidYearReview => "submit_mid_year_review", "Submit a mid-year review",
        DecideMidYearReview => "decide_mid_year_review", "Accept a mid-year review or return it with comments",
        ViewRollUp => "view_roll_up", "See the Board's December roll-up of mid-year reviews",
        ListEvents => "list_events", "See the stakeholder events of the partnerships you run events for",
        AddEventResults => "add_event_results", "Add a stakeholder event's results to the partnership's plan",
        RunEvent => "run_event", "Run stakeholder events: create them, open and close voting, show or hide comments, show the results and add them to a plan",
        ManageSetUp => "manage_set_up", "Set the Trust up: its partnerships, partner organisations, people in bulk and the cycle calendar; read the digests outbox",
        SetBoardPriorities => "set_board_priorities", "Set and publish the Board's key priorities for a year",
        ViewCycle => "view_cycle", "See every partnership's position in the annual cycle",
        ManageOwnReminders => "manage_own_reminders", "Turn your own digests of what is due on or off, and get your calendar address",
        TakeBackup => "take_backup", "Download a backup of the whole database (every table, people's details included)",
        ManageOwnSecondFactor => "manage_own_second_factor", "Set up your own second factor (an authenticator app), or turn it off when your role does not require it",
        ViewOwnSessions => "view_own_sessions", "See where you are signed in",
        EndOwnSessions => "end_own_sessions", "End your own other sessions",
        ResetSecondFactor => "reset_second_factor", "Reset another person's second factor, so that they set it up again",
    }
);

/// Where an action is aimed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The whole Trust (lists, administration).
    Trust,
    /// One partnership.
    Partnership(i64),
}

/// Who an action is granted to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grant {
    /// Anyone, signed in or not.
    Everyone,
    /// Anyone signed in.
    SignedIn,
    /// Holders of the role, whatever the target.
    Anywhere(Role),
    /// Holders of the role whose scope reaches the target partnership.
    InScope(Role),
}

pub struct Rule {
    pub action: Action,
    pub grants: &'static [Grant],
}

pub use rules::RULES;
use Grant::*;

/// Why an action was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Denial {
    /// Nobody is signed in, and the action needs someone.
    Unauthenticated,
    /// The person signed in may not do this here.
    Forbidden,
}

fn grants(action: Action) -> &'static [Grant] {
    RULES
        .iter()
        .find(|r| r.action == action)
        .map(|r| r.grants)
        .unwrap_or(&[])
}

/// Decides whether `who` may do `action` to `target`. Who may read a plan's content wherever
/// it is shown (not only on the plan pages) is [`plan_visibility`], built on this.
pub fn authorise(who: Option<&Principal>, action: Action, target: Target) -> Result<(), Denial> {
    let grants = grants(action);
    if grants.contains(&Everyone) {
        return Ok(());
    }
    let Some(p) = who else {
        return Err(Denial::Unauthenticated);
    };
    let allowed = grants.iter().any(|g| match *g {
        Everyone | SignedIn => true,
        Anywhere(role) => p.has_role(role),
        InScope(role) => match target {
            Target::Trust => false,
            Target::Partnership(id) => p
                .roles
                .iter()
                .any(|r| r.role == role && r.partnerships.contains(&id)),
        },
    });
    if allowed {
        Ok(())
    } else {
        Err(Denial::Forbidden)
    }
}

/// An e-mail address, trimmed and lower-cased. Only its shape is checked.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    pub fn parse(input: &str) -> Result<Self, ParseError> {
        let e = input.trim().to_lowercase();
        if e.is_empty() {
            return Err(ParseError::new("Enter an email address"));
        }
        let valid = e.len() <= 254
            && !e.contains(char::is_whitespace)
            && e.split_once('@').is_some_and(|(local, domain)| {
                !local.is_empty()
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !domain.contains('@')
            });
        if valid {
            Ok(Self(e))
        } else {
            Err(ParseError::new(
                "Enter an email address in the correct format, like name@example.org",
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A new password that meets the policy: 12 to 128 characters, not all one character.
#[derive(Clone, PartialEq, Eq)]
pub struct NewPassword(String);

impl fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("NewPassword(***)")
    }
}

impl NewPassword {
    pub const MIN: usize = 12;

    pub fn parse(input: &str) -> Result<Self, ParseError> {
        let n = input.chars().count();
        if n == 0 {
            return Err(ParseError::new("Enter a new password"));
        }
        if n < Self::MIN {
            return Err(ParseError::new(format!(
                "Password must be {} characters or more",
                Self::MIN
            )));
        }
        if n > 128 {
            return Err(ParseError::new("Password must be 128 characters or fewer"));
        }
        let mut chars = input.chars();
        let first = chars.next();
        if chars.all(|c| Some(c) == first) {
            return Err(ParseError::new(
                "Password must not be one character repeated",
            ));
        }
        Ok(Self(input.to_string()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// A person's name as shown to others.
pub fn parse_display_name(input: &str) -> Result<String, ParseError> {
    let name = input.split_whitespace().collect::<Vec<_>>().join(" ");
    match name.chars().count() {
        0 => Err(ParseError::new("Enter the person's full name")),
        n if n > 100 => Err(ParseError::new("Name must be 100 characters or fewer")),
        _ => Ok(name),
    }
}

#[cfg(test)]
mod tests;

/// A role's scope as a form sends it: `""` for the Trust, `partnership:ID`, or `district:ID`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoleScope {
    pub partnership_id: Option<i64>,
    pub district_area_id: Option<i64>,
}

impl RoleScope {
    /// Parses the scope and checks it fits the role.
    pub fn parse(role: Role, input: &str) -> Result<Self, ParseError> {
        let input = input.trim();
        let id = |rest: &str| {
            rest.parse::<i64>()
                .map_err(|_| ParseError::new("Choose where the role applies from the list"))
        };
        let scope = if input.is_empty() || input == "trust" {
            RoleScope {
                partnership_id: None,
                district_area_id: None,
            }
        } else if let Some(rest) = input.strip_prefix("partnership:") {
            RoleScope {
                partnership_id: Some(id(rest)?),
                district_area_id: None,
            }
        } else if let Some(rest) = input.strip_prefix("district:") {
            RoleScope {
                partnership_id: None,
                district_area_id: Some(id(rest)?),
            }
        } else {
            return Err(ParseError::new(
                "Choose where the role applies from the list",
            ));
        };
        let fits = match role.scope_kind() {
            ScopeKind::Trust => scope.partnership_id.is_none() && scope.district_area_id.is_none(),
            ScopeKind::District => scope.district_area_id.is_some(),
            ScopeKind::Partnership => scope.partnership_id.is_some(),
        };
        if fits {
            Ok(scope)
        } else {
            Err(ParseError::new(match role.scope_kind() {
                ScopeKind::Trust => format!(
                    "A {} applies to the whole Trust: choose \"Whole Trust\"",
                    role.label().to_lowercase()
                ),
                ScopeKind::District => {
                    "A district manager needs a district: choose one from the list".to_string()
                }
                ScopeKind::Partnership => format!(
                    "A {} needs a partnership: choose one from the list",
                    role.label().to_lowercase()
                ),
            }))
        }
    }

    pub fn form_value(self) -> String {
        match (self.partnership_id, self.district_area_id) {
            (Some(p), _) => format!("partnership:{p}"),
            (None, Some(d)) => format!("district:{d}"),
            _ => String::new(),
        }
    }
}

#[cfg(test)]
mod scope_tests {
    use super::*;

    #[test]
    fn scopes_must_fit_roles() {
        assert_eq!(
            RoleScope::parse(Role::PartnershipChair, "partnership:4").unwrap(),
            RoleScope {
                partnership_id: Some(4),
                district_area_id: None
            }
        );
        assert_eq!(
            RoleScope::parse(Role::DistrictManager, "district:9")
                .unwrap()
                .district_area_id,
            Some(9)
        );
        assert_eq!(
            RoleScope::parse(Role::Administrator, "")
                .unwrap()
                .partnership_id,
            None
        );
        assert!(RoleScope::parse(Role::Administrator, "partnership:4")
            .unwrap_err()
            .0
            .contains("whole Trust"));
        assert!(RoleScope::parse(Role::PartnershipChair, "")
            .unwrap_err()
            .0
            .contains("needs a partnership"));
        assert!(RoleScope::parse(Role::DistrictManager, "partnership:4")
            .unwrap_err()
            .0
            .contains("needs a district"));
        assert!(RoleScope::parse(Role::Viewer, "galaxy:1").is_err());
        assert!(RoleScope::parse(Role::PartnershipMember, "partnership:x").is_err());
        assert_eq!(
            RoleScope::parse(Role::PartnershipChair, "partnership:4")
                .unwrap()
                .form_value(),
            "partnership:4"
        );
    }
}
