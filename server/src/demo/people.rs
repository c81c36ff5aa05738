//! The demo's organisations and people: county-wide partners who sit on every partnership, six
//! local partners and eight members for each, and the demo sign-ins. A demo sign-in that
//! belongs to a partnership is also one of its members, under the same name, so the header
//! and the partnerships table name the same person.

use super::figures::SplitMix;
use super::{DEMO_PASSWORD, DISTRICTS};
use app::db::audit::Actor;
use app::db::{accounts, reference, DbError, DbResult, Tx};
use app::domain::auth::{Role, RoleScope};
use app::domain::partnership::slugify;
use app::domain::{MemberRole, OrganisationType};
use std::collections::HashMap;

/// The demo sign-ins: email, name, role, district, partnership (by district name).
pub const DEMO_ACCOUNTS: &[(&str, &str, Role, Option<&str>, Option<&str>)] = &[
    (
        "admin@trustboard.example",
        "Morgan Ellis",
        Role::Administrator,
        None,
        None,
    ),
    (
        "board@trustboard.example",
        "Councillor Pat Hewitt",
        Role::BoardMember,
        None,
        None,
    ),
    (
        "district.manager@trustboard.example",
        "Jo Marsh",
        Role::DistrictManager,
        Some("Gosport"),
        None,
    ),
    (
        "district.manager.havant@trustboard.example",
        "Sam Okafor",
        Role::DistrictManager,
        Some("Havant"),
        None,
    ),
    (
        "chair.gosport@trustboard.example",
        "Ruth Adeyemi",
        Role::PartnershipChair,
        None,
        Some("Gosport"),
    ),
    (
        "chair.fareham@trustboard.example",
        "Amira Haddad",
        Role::PartnershipChair,
        None,
        Some("Fareham"),
    ),
    (
        "chair.easthampshire@trustboard.example",
        "Nadia Rahman",
        Role::PartnershipChair,
        None,
        Some("East Hampshire"),
    ),
    (
        "member.havant@trustboard.example",
        "Tom Barker",
        Role::PartnershipMember,
        None,
        Some("Havant"),
    ),
    (
        "viewer@trustboard.example",
        "Lee Carter",
        Role::Viewer,
        None,
        None,
    ),
];

const FIRST_NAMES: [&str; 24] = [
    "Amara", "Ben", "Chloe", "Dev", "Eleanor", "Farid", "Grace", "Harry", "Isla", "Jamal", "Kate",
    "Liam", "Maya", "Niall", "Olivia", "Priya", "Quentin", "Rosa", "Sam", "Tariq", "Uma", "Victor",
    "Wendy", "Yusuf",
];
const LAST_NAMES: [&str; 24] = [
    "Ahmed", "Baker", "Carter", "Dawson", "Evans", "Fletcher", "Gill", "Hughes", "Iqbal", "Jones",
    "Kaur", "Lewis", "Mensah", "Novak", "Owen", "Patel", "Quinn", "Reid", "Singh", "Turner",
    "Usman", "Vaughan", "Walsh", "Young",
];

/// County-wide partners, who sit on every partnership (the first five of each partnership's
/// organisations, in this order).
const COUNTY_PARTNERS: [(&str, OrganisationType); 5] = [
    (
        "Hampshire County Council Children's Services",
        OrganisationType::CountyCouncil,
    ),
    ("Hampshire Constabulary", OrganisationType::Police),
    ("NHS Hampshire and Isle of Wight", OrganisationType::Health),
    (
        "Jobcentre Plus (Hampshire)",
        OrganisationType::JobcentrePlus,
    ),
    (
        "Hampshire Youth Offending Team",
        OrganisationType::Probation,
    ),
];

/// Each partnership's own partners (the next six of its organisations), named after it.
const LOCAL_PARTNERS: [(&str, OrganisationType); 6] = [
    ("District Council", OrganisationType::DistrictCouncil),
    ("primary schools' cluster", OrganisationType::School),
    ("secondary heads' group", OrganisationType::School),
    ("College", OrganisationType::College),
    ("early years network", OrganisationType::EarlyYears),
    ("Voluntary Action", OrganisationType::VoluntarySector),
];

/// A chair, a vice-chair, two sub-group leads and members: 8 people a partnership.
const MEMBER_ROLES: [MemberRole; 8] = [
    MemberRole::Chair,
    MemberRole::ViceChair,
    MemberRole::SubGroupLead,
    MemberRole::SubGroupLead,
    MemberRole::TopicLead,
    MemberRole::Member,
    MemberRole::Member,
    MemberRole::Member,
];

/// A partnership as the plans need it.
pub(super) struct Partnership {
    pub id: i64,
    pub district: &'static str,
    pub area_id: i64,
    /// Its partner organisations: the county's five, then its own six.
    pub organisations: Vec<i64>,
    /// Its members' names, in the order of [`MEMBER_ROLES`] (the chair first).
    pub members: Vec<String>,
}

/// The demo sign-in that fills a member's place, if any: the partnership chair's sign-in is its
/// chair, a partnership member's sign-in its first plain member.
fn account_in_place(district: &str, role: MemberRole, first_of_role: bool) -> Option<(&str, &str)> {
    DEMO_ACCOUNTS
        .iter()
        .find(|(_, _, r, _, p)| {
            *p == Some(district)
                && first_of_role
                && match r {
                    Role::PartnershipChair => role == MemberRole::Chair,
                    Role::PartnershipMember => role == MemberRole::Member,
                    _ => false,
                }
        })
        .map(|(email, name, ..)| (*email, *name))
}

/// Inserts the partnerships with their organisations and members.
pub(super) async fn partnerships(
    tx: &mut Tx,
    trust_id: i64,
    district_areas: &[i64],
) -> DbResult<Vec<Partnership>> {
    let mut county = Vec::new();
    for (name, kind) in COUNTY_PARTNERS {
        county.push(reference::insert_organisation(tx, trust_id, name, kind).await?);
    }
    let mut out = Vec::with_capacity(DISTRICTS.len());
    let mut names = SplitMix::seeded("people");
    let mut person_n = 0usize;
    for (i, ((_, district, _), area_id)) in DISTRICTS.iter().zip(district_areas).enumerate() {
        let name = format!("{district} Children's Partnership");
        let id = reference::insert_partnership(tx, trust_id, &name, &slugify(district)).await?;
        reference::add_partnership_area(tx, id, *area_id).await?;
        let mut organisations = county.clone();
        for (suffix, kind) in LOCAL_PARTNERS {
            let name = format!("{district} {suffix}");
            organisations.push(reference::insert_organisation(tx, trust_id, &name, kind).await?);
        }
        for org in &organisations {
            reference::add_partnership_organisation(tx, id, *org).await?;
        }
        let mut members = Vec::with_capacity(MEMBER_ROLES.len());
        for (j, role) in MEMBER_ROLES.into_iter().enumerate() {
            // Drawn for every place, so that the other members' names do not depend on which
            // places the demo sign-ins fill.
            let first = FIRST_NAMES[(names.next_u64() % FIRST_NAMES.len() as u64) as usize];
            let last = LAST_NAMES[(names.next_u64() % LAST_NAMES.len() as u64) as usize];
            person_n += 1;
            let first_of_role = MEMBER_ROLES.iter().position(|r| *r == role) == Some(j);
            let (name, email) = match account_in_place(district, role, first_of_role) {
                Some((email, name)) => (name.to_string(), email.to_string()),
                None => (
                    format!("{first} {last}"),
                    format!(
                        "{}.{}{person_n}@example.org",
                        first.to_lowercase(),
                        last.to_lowercase()
                    ),
                ),
            };
            let person_id = reference::insert_person(
                tx,
                &reference::NewPerson {
                    full_name: &name,
                    email: &email,
                    job_title: Some(role.label()),
                    organisation_id: Some(organisations[(i + j) % organisations.len()]),
                },
            )
            .await?;
            reference::add_member(tx, id, person_id, role).await?;
            members.push(name);
        }
        out.push(Partnership {
            id,
            district,
            area_id: *area_id,
            organisations,
            members,
        });
    }
    Ok(out)
}

/// The demo sign-ins as the plans' authors: the Board member, the district manager, and the
/// sign-in of each partnership that has one.
pub(super) struct Accounts {
    pub board: Actor,
    pub district_manager: Actor,
    /// The districts the district manager looks after.
    pub managed: [&'static str; 2],
    /// The other demo district manager, and the districts they look after.
    pub other_manager: Actor,
    pub other_managed: [&'static str; 2],
    pub partnership: HashMap<&'static str, Actor>,
}

/// Each demo district manager's districts: the first is in their sign-in's scope.
const MANAGED: [(&str, [&str; 2]); 2] = [
    (
        "district.manager@trustboard.example",
        ["Gosport", "Fareham"],
    ),
    (
        "district.manager.havant@trustboard.example",
        ["Havant", "East Hampshire"],
    ),
];

/// Adds the demo sign-ins, one for each role (accepted only in demo mode).
pub(super) async fn accounts(
    tx: &mut Tx,
    partnerships: &[Partnership],
    district_areas: &[i64],
) -> DbResult<Accounts> {
    let hash = app::auth::hash_password(DEMO_PASSWORD.to_string())
        .await
        .map_err(|e| DbError::corrupt("demo", e))?;
    let system = Actor::system("Trustboard demo data");
    let district_id = |name: &str| {
        DISTRICTS
            .iter()
            .position(|d| d.1 == name)
            .map(|i| district_areas[i])
    };
    let mut actors = HashMap::new();
    let mut out = Accounts {
        board: system.clone(),
        district_manager: system.clone(),
        managed: MANAGED[0].1,
        other_manager: system.clone(),
        other_managed: MANAGED[1].1,
        partnership: HashMap::new(),
    };
    for (email, display_name, role, district, partnership) in DEMO_ACCOUNTS {
        let scope = RoleScope {
            partnership_id: partnership
                .and_then(|p| partnerships.iter().find(|x| x.district == p))
                .map(|p| p.id),
            district_area_id: district.and_then(district_id),
        };
        let label = match (partnership, district) {
            (Some(p), _) => format!("{p} Children's Partnership"),
            (None, Some(d)) => format!("{d} (district)"),
            _ => "Whole Trust".to_string(),
        };
        let new = accounts::NewUser {
            email,
            display_name,
            password_hash: &hash,
            is_demo: true,
        };
        let id = accounts::add_user(tx, &system, &new, *role, scope, &label).await?;
        let managed = MANAGED.iter().find(|(e, _)| e == email).map(|(_, d)| d);
        if let Some(managed) = managed.filter(|_| *role == Role::DistrictManager) {
            // Each demo district manager looks after two districts.
            for other in &managed[1..] {
                accounts::grant_role(tx, id, Role::DistrictManager, None, district_id(other))
                    .await?;
            }
        }
        let actor = Actor {
            user_id: Some(id),
            name: display_name.to_string(),
        };
        match (role, partnership) {
            (Role::BoardMember, _) => out.board = actor,
            (Role::DistrictManager, _) if *email == MANAGED[0].0 => out.district_manager = actor,
            (Role::DistrictManager, _) => out.other_manager = actor,
            (_, Some(p)) => {
                actors.insert(*p, actor);
            }
            _ => {}
        }
    }
    out.partnership = actors;
    Ok(out)
}
