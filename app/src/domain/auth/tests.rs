use super::Role::*;
use super::*;

/// Someone holding `roles`, each reaching the partnerships listed.
pub(super) fn principal(roles: Vec<(Role, Vec<i64>)>) -> Principal {
    Principal {
        user_id: 1,
        display_name: "Test".into(),
        email: "t@example.org".into(),
        roles: roles
            .into_iter()
            .enumerate()
            .map(|(i, (role, partnerships))| RoleAssignment {
                id: i as i64,
                role,
                partnership_id: None,
                district_area_id: None,
                scope_name: None,
                partnership_slug: None,
                partnerships,
            })
            .collect(),
    }
}

#[test]
fn every_action_has_a_rule() {
    for action in Action::ALL {
        assert!(
            RULES.iter().filter(|r| r.action == *action).count() == 1,
            "{action:?}"
        );
    }
}

#[test]
fn public_actions_need_nobody() {
    assert_eq!(
        authorise(None, Action::ViewPartnerships, Target::Trust),
        Ok(())
    );
    assert_eq!(
        authorise(None, Action::ViewOwnAccount, Target::Trust),
        Err(Denial::Unauthenticated)
    );
}

#[test]
fn scope_matters_for_scoped_roles() {
    let gosport_chair = principal(vec![(PartnershipChair, vec![5])]);
    assert_eq!(
        authorise(
            Some(&gosport_chair),
            Action::ViewPartnershipHistory,
            Target::Partnership(5)
        ),
        Ok(())
    );
    assert_eq!(
        authorise(
            Some(&gosport_chair),
            Action::ViewPartnershipHistory,
            Target::Partnership(6)
        ),
        Err(Denial::Forbidden)
    );
    let dm = principal(vec![(DistrictManager, vec![5, 7])]);
    assert!(authorise(
        Some(&dm),
        Action::ViewPartnershipHistory,
        Target::Partnership(7)
    )
    .is_ok());
    assert!(authorise(
        Some(&dm),
        Action::ViewPartnershipHistory,
        Target::Partnership(6)
    )
    .is_err());
    assert!(authorise(Some(&dm), Action::ManagePeople, Target::Trust).is_err());
}

#[test]
fn trust_wide_roles_reach_everywhere_they_are_granted() {
    let admin = principal(vec![(Administrator, vec![])]);
    assert!(authorise(Some(&admin), Action::ManagePeople, Target::Trust).is_ok());
    assert!(authorise(
        Some(&admin),
        Action::ViewPartnershipHistory,
        Target::Partnership(99)
    )
    .is_ok());
    let viewer = principal(vec![(Viewer, vec![])]);
    assert_eq!(
        authorise(Some(&viewer), Action::ManagePeople, Target::Trust),
        Err(Denial::Forbidden)
    );
    assert!(authorise(Some(&viewer), Action::ChangeOwnPassword, Target::Trust).is_ok());
}

#[test]
fn plans_are_built_by_partners_checked_by_district_managers_decided_by_the_board() {
    let chair = principal(vec![(PartnershipChair, vec![3])]);
    let member = principal(vec![(PartnershipMember, vec![3])]);
    let dm = principal(vec![(DistrictManager, vec![3, 4])]);
    let board = principal(vec![(BoardMember, vec![])]);
    let viewer = principal(vec![(Viewer, vec![])]);
    let here = Target::Partnership(3);
    let there = Target::Partnership(5);
    let may = |p: &Principal, a, t| authorise(Some(p), a, t).is_ok();
    assert!(may(&chair, Action::EditPlan, here) && may(&chair, Action::SubmitPlan, here));
    assert!(!may(&chair, Action::EditPlan, there) && !may(&chair, Action::ViewPlan, there));
    assert!(may(&member, Action::EditPlan, here) && !may(&member, Action::SubmitPlan, here));
    assert!(
        !may(&chair, Action::DecidePlan, here),
        "nobody approves their own plan"
    );
    assert!(may(&dm, Action::CommentOnPlan, here) && !may(&dm, Action::CommentOnPlan, there));
    assert!(!may(&dm, Action::EditPlan, here) && !may(&dm, Action::DecidePlan, here));
    assert!(may(&board, Action::DecidePlan, there) && !may(&board, Action::EditPlan, there));
    assert!(may(&viewer, Action::ViewPlan, there) && !may(&viewer, Action::EditPlan, there));
    assert_eq!(
        authorise(None, Action::ViewPlan, here),
        Err(Denial::Unauthenticated)
    );
}

#[test]
fn several_roles_combine() {
    let p = principal(vec![(PartnershipMember, vec![3]), (Viewer, vec![])]);
    assert!(authorise(
        Some(&p),
        Action::ViewPartnershipHistory,
        Target::Partnership(3)
    )
    .is_ok());
    assert_eq!(p.roles_text(), "Partnership member, Viewer");
}

#[test]
fn emails() {
    assert_eq!(
        Email::parse("  Chair@Example.ORG ").unwrap().as_str(),
        "chair@example.org"
    );
    for bad in [
        "",
        "x",
        "x@",
        "@x.org",
        "a b@x.org",
        "a@x",
        "a@.org",
        "a@x.org.",
    ] {
        assert!(Email::parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn password_policy() {
    assert!(NewPassword::parse("correct horse battery").is_ok());
    assert!(NewPassword::parse("")
        .unwrap_err()
        .0
        .contains("Enter a new password"));
    assert!(NewPassword::parse("short")
        .unwrap_err()
        .0
        .contains("12 characters"));
    assert!(NewPassword::parse(&"a".repeat(20))
        .unwrap_err()
        .0
        .contains("repeated"));
    assert!(NewPassword::parse(&"ab".repeat(65))
        .unwrap_err()
        .0
        .contains("128"));
    assert_eq!(
        format!("{:?}", NewPassword::parse("correct horse battery").unwrap()),
        "NewPassword(***)"
    );
}

#[test]
fn names() {
    assert_eq!(
        parse_display_name("  Ada   Lovelace ").unwrap(),
        "Ada Lovelace"
    );
    assert!(parse_display_name(" ").is_err());
}
