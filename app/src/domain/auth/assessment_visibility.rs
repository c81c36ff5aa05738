//! Who may read a self-assessment's content, wherever it is shown: its pages, the Board's July
//! report and its downloads. One rule, built on [`RULES`](super::RULES).

use super::{authorise, Action, Principal, Target};

/// How much of one partnership's self-assessment someone may read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssessmentVisibility {
    /// Everything, drafts included: the partnership's own people and the district managers
    /// whose districts it is in (who support it before it is submitted).
    Everything,
    /// Everything once it has been submitted; of a draft, only that it is one: the Board,
    /// administrators, viewers and the district managers of other districts.
    Submitted,
    /// Nothing: anyone else.
    Nothing,
}

impl AssessmentVisibility {
    /// Whether an assessment submitted `round` times (0: never) may be read.
    pub fn shows(self, round: i32) -> bool {
        match self {
            AssessmentVisibility::Everything => true,
            AssessmentVisibility::Submitted => round > 0,
            AssessmentVisibility::Nothing => false,
        }
    }
}

/// How much of partnership `partnership_id`'s self-assessment `who` may read.
pub fn assessment_visibility(who: Option<&Principal>, partnership_id: i64) -> AssessmentVisibility {
    visibility(
        who,
        partnership_id,
        [Action::EditAssessment, Action::ModerateAssessment],
        Action::ViewAssessment,
    )
}

/// How much of partnership `partnership_id`'s mid-year review `who` may read, wherever it is
/// shown (its pages, the plan's page and the map's panel, the Board's roll-up and its files):
/// the same shape as a self-assessment — drafts for the partnership and its own district
/// managers, submitted reviews for everyone who may read one.
pub fn review_visibility(who: Option<&Principal>, partnership_id: i64) -> AssessmentVisibility {
    // The Board decides on any review but reads drafts of none: only a district manager whose
    // districts include the partnership supports it before it is submitted.
    let in_scope_manager = who.is_some_and(|p| {
        p.roles.iter().any(|r| {
            r.role == super::Role::DistrictManager && r.partnerships.contains(&partnership_id)
        })
    }) && authorise(
        who,
        Action::DecideMidYearReview,
        Target::Partnership(partnership_id),
    )
    .is_ok();
    if in_scope_manager {
        return AssessmentVisibility::Everything;
    }
    visibility(
        who,
        partnership_id,
        [Action::EditMidYearReview, Action::SubmitMidYearReview],
        Action::ViewMidYearReview,
    )
}

fn visibility(
    who: Option<&Principal>,
    partnership_id: i64,
    works_on: [Action; 2],
    reads: Action,
) -> AssessmentVisibility {
    let target = Target::Partnership(partnership_id);
    let may = |action| authorise(who, action, target).is_ok();
    if works_on.into_iter().any(may) {
        AssessmentVisibility::Everything
    } else if may(reads) {
        AssessmentVisibility::Submitted
    } else {
        AssessmentVisibility::Nothing
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::principal;
    use super::super::Role;
    use super::*;

    #[test]
    fn drafts_are_the_partnerships_and_its_district_managers() {
        for assessment_visibility in [assessment_visibility, review_visibility] {
            check(assessment_visibility);
        }
    }

    fn check(assessment_visibility: fn(Option<&Principal>, i64) -> AssessmentVisibility) {
        let here = 3;
        let there = 5;
        for role in [Role::PartnershipChair, Role::PartnershipMember] {
            let p = principal(vec![(role, vec![here])]);
            assert_eq!(
                assessment_visibility(Some(&p), here),
                AssessmentVisibility::Everything
            );
            assert_eq!(
                assessment_visibility(Some(&p), there),
                AssessmentVisibility::Nothing
            );
        }
        let manager = principal(vec![(Role::DistrictManager, vec![here])]);
        assert_eq!(
            assessment_visibility(Some(&manager), here),
            AssessmentVisibility::Everything
        );
        assert_eq!(
            assessment_visibility(Some(&manager), there),
            AssessmentVisibility::Submitted
        );
        for role in [Role::BoardMember, Role::Administrator, Role::Viewer] {
            let p = principal(vec![(role, vec![])]);
            let v = assessment_visibility(Some(&p), here);
            assert_eq!(v, AssessmentVisibility::Submitted);
            assert!(!v.shows(0) && v.shows(1));
        }
        assert_eq!(
            assessment_visibility(None, here),
            AssessmentVisibility::Nothing
        );
    }
}
