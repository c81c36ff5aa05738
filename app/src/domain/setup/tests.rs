use super::*;
use crate::domain::auth::Role;
use crate::domain::{AreaKind, OrganisationType};
use std::collections::BTreeSet;

fn area(code: &str, name: &str, kind: AreaKind, district: Option<&str>) -> KnownArea {
    KnownArea {
        code: code.into(),
        name: name.into(),
        kind,
        district: district.map(Into::into),
    }
}

fn known() -> Vec<KnownArea> {
    vec![
        area(
            "E07000084",
            "Basingstoke and Deane",
            AreaKind::District,
            None,
        ),
        area("E07000085", "East Hampshire", AreaKind::District, None),
        area(
            "E05004464",
            "Alton Amery",
            AreaKind::Ward,
            Some("East Hampshire"),
        ),
        area(
            "E05004465",
            "Alton Ashdell",
            AreaKind::Ward,
            Some("East Hampshire"),
        ),
        // Two wards of one name in different districts.
        area(
            "E05004430",
            "Basing",
            AreaKind::Ward,
            Some("Basingstoke and Deane"),
        ),
        area("E05009999", "Basing", AreaKind::Ward, Some("Elsewhere")),
    ]
}

fn messages(ps: &[crate::domain::plan::Problem]) -> String {
    ps.iter()
        .map(|p| format!("{}: {}", p.anchor, p.message))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_trust_is_named_with_its_county_and_districts() {
    let form = TrustForm {
        name: " Hampshire  Children's Trust ".into(),
        county_code: "e10000014".into(),
        county_name: "Hampshire".into(),
        districts: "E07000084 Basingstoke and Deane\nE07000085, East Hampshire\n\nE07000086\n"
            .into(),
    };
    let t = form.parse().unwrap();
    assert_eq!(t.name, "Hampshire Children's Trust");
    assert_eq!(t.county_code.as_str(), "E10000014");
    assert_eq!(t.districts.len(), 3);
    assert_eq!(t.districts[1].1.as_deref(), Some("East Hampshire"));
    assert_eq!(t.districts[2].1, None);
    assert_eq!(
        TrustForm::of(&t).parse().unwrap(),
        t,
        "the form shows what is held"
    );
}

#[test]
fn every_mistake_in_the_trust_form_is_named_at_its_field() {
    let form = TrustForm {
        name: "x".repeat(121),
        county_code: "E07000084".into(),
        county_name: String::new(),
        districts: "E05004464 A ward\nE07000084\nE07000084\nnonsense".into(),
    };
    let m = messages(&form.parse().unwrap_err());
    assert!(
        m.contains("name: Write 120 characters or fewer (this has 121)"),
        "{m}"
    );
    assert!(
        m.contains("county_code: E07000084 is a district or ward"),
        "{m}"
    );
    assert!(m.contains("county_name: Enter the county's name"), "{m}");
    assert!(
        m.contains("districts: Line 1: E05004464 is not a district's code"),
        "{m}"
    );
    assert!(
        m.contains("districts: Line 3: E07000084 is listed twice"),
        "{m}"
    );
    assert!(
        m.contains("districts: Line 4: 'nonsense' is not an ONS area code"),
        "{m}"
    );
    let empty = TrustForm::default().parse().unwrap_err();
    assert_eq!(empty.len(), 4, "{}", messages(&empty));
}

#[test]
fn a_partnership_names_its_areas_by_code_or_name() {
    let k = known();
    let form = PartnershipForm {
        name: "East Hampshire North".into(),
        areas: "alton amery\nE05004465\n".into(),
    };
    let p = form.parse(&k).unwrap();
    assert_eq!(p.slug, "east-hampshire-north");
    assert_eq!(p.areas, vec!["E05004464", "E05004465"]);
    assert_eq!(p.kind, AreaKind::Ward);
    let d = PartnershipForm {
        name: "Basingstoke".into(),
        areas: "Basingstoke and Deane".into(),
    }
    .parse(&k)
    .unwrap();
    assert_eq!(
        (d.areas, d.kind),
        (vec!["E07000084".to_string()], AreaKind::District)
    );
}

#[test]
fn areas_that_cannot_be_told_apart_or_mixed_are_refused() {
    let k = known();
    let parse = |areas: &str| {
        messages(
            &PartnershipForm {
                name: "P".into(),
                areas: areas.into(),
            }
            .parse(&k)
            .unwrap_err(),
        )
    };
    let m = parse("Basing");
    assert!(m.contains("“Basing” could be Basing (E05004430, Basingstoke and Deane) or Basing (E05009999, Elsewhere): write the code instead"), "{m}");
    assert!(parse("Narnia").contains("Line 1: “Narnia” is not an area Trustboard holds"));
    assert!(parse("E07000085\nAlton Amery").contains("not both"));
    assert!(parse("Alton Amery\nE05004464")
        .contains("Line 2: Alton Amery (E05004464, East Hampshire) is listed twice"));
    assert!(parse("").contains("areas: Enter the districts or wards"));
    let m = messages(
        &PartnershipForm {
            name: "  ".into(),
            areas: "E07000085".into(),
        }
        .parse(&k)
        .unwrap_err(),
    );
    assert_eq!(m, "name: Enter the partnership's name");
    let m = messages(
        &PartnershipForm {
            name: "!!!".into(),
            areas: "E07000085".into(),
        }
        .parse(&k)
        .unwrap_err(),
    );
    assert!(m.contains("at least one letter or digit"), "{m}");
}

fn partnerships() -> Vec<(i64, String, String)> {
    vec![
        (
            1,
            "Basingstoke and Deane".into(),
            "basingstoke-and-deane".into(),
        ),
        (2, "East Hampshire".into(), "east-hampshire".into()),
    ]
}

#[test]
fn organisations_are_read_row_by_row() {
    let text = "Name,Type,Partnerships\nAlton College,College,East Hampshire\n\"Smith, Jones & Co\",voluntary sector,basingstoke-and-deane; East Hampshire\nHampshire Constabulary,Police,\n";
    let rows = read_organisations(text, &partnerships()).unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[1].name, "Smith, Jones & Co");
    assert_eq!(rows[1].org_type, OrganisationType::VoluntarySector);
    assert_eq!(rows[1].partnerships, vec![1, 2]);
    assert_eq!(rows[2].line, 4);
    assert!(rows[2].partnerships.is_empty());
}

#[test]
fn a_bad_organisation_row_is_named_and_the_list_refused() {
    let text = "name,type,partnerships\nAlton College,University,East Hampshire\nAlton college,College,\nA School,School,Narnia;Gondor\n,School,\n";
    let e = read_organisations(text, &partnerships()).unwrap_err();
    let said: Vec<String> = e.iter().map(ToString::to_string).collect();
    assert!(
        said[0].starts_with(
            "Row 2: “University” is not a type of organisation: use one of County council"
        ),
        "{said:?}"
    );
    assert_eq!(
        said[1],
        "Row 3: Alton college is listed twice (first in row 2)"
    );
    assert_eq!(said[2], "Row 4: “Narnia”, “Gondor” are not a partnership: use the partnerships' names, separated by semicolons");
    assert_eq!(said[3], "Row 5: enter the organisation's name");
    let e = read_organisations("name,kind\nA,School\n", &partnerships()).unwrap_err();
    assert_eq!(
        e[0].to_string(),
        "The first row must name the columns name,type,partnerships: there is no column “type”"
    );
    assert_eq!(
        read_organisations("", &partnerships()).unwrap_err()[0].line,
        0
    );
    let long = format!("name,type,partnerships\n{},School,\n", "x".repeat(201));
    assert!(read_organisations(&long, &partnerships()).unwrap_err()[0]
        .message
        .contains("200 characters or fewer (it has 201)"));
}

#[test]
fn people_are_read_with_their_roles_and_where_they_apply() {
    let districts = vec![(9, "E07000085".to_string(), "East Hampshire".to_string())];
    let emails: BTreeSet<String> = ["taken@example.org".to_string()].into();
    let chaired: BTreeSet<i64> = [1].into();
    let ctx = PeopleContext {
        partnerships: &partnerships(),
        districts: &districts,
        emails: &emails,
        chaired: &chaired,
    };
    let ok = "Name,Email,Role,Partnership or district\nNadia Rahman,Nadia@Example.org,chair,East Hampshire\nSam Okafor,sam@example.org,District manager,E07000085\nBea Board,bea@example.org,Board member,\nMo Member,mo@example.org,Partnership member,basingstoke-and-deane\n";
    let rows = read_people(ok, &ctx).unwrap();
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0].email.as_str(), "nadia@example.org");
    assert_eq!(rows[0].role, Role::PartnershipChair);
    assert_eq!(rows[0].scope.scope.partnership_id, Some(2));
    assert_eq!(rows[1].scope.scope.district_area_id, Some(9));
    assert_eq!(rows[1].scope.label, "East Hampshire (district)");
    assert_eq!(rows[2].scope.label, "Whole Trust");

    let bad = "name,email,role,partnership or district\nA,taken@example.org,viewer,\nB,not-an-email,viewer,\nC,c@example.org,chair,Basingstoke and Deane\nD,d@example.org,chair,East Hampshire\nE,e@example.org,chair,East Hampshire\nF,d@example.org,viewer,\nG,g@example.org,wizard,\nH,h@example.org,viewer,East Hampshire\nI,i@example.org,district manager,Winchester\n";
    let said: Vec<String> = read_people(bad, &ctx)
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(said[0], "Row 2: someone already has the e-mail address taken@example.org: give them another role on their page instead");
    assert!(said[1].starts_with("Row 3: B: "), "{said:?}");
    assert_eq!(said[2], "Row 4: Basingstoke and Deane already has a chair");
    assert_eq!(
        said[3],
        "Row 6: East Hampshire can have one chair: row 5 names one already"
    );
    assert!(said[4].starts_with("Row 7: d@example.org is listed twice (first in row 5)"));
    assert!(said[5].starts_with("Row 8: “wizard” is not a role"));
    assert_eq!(
        said[6],
        "Row 9: a viewer applies to the whole Trust: leave the partnership or district blank"
    );
    assert_eq!(
        said[7],
        "Row 10: “Winchester” is not a district of the Trust"
    );
    assert_eq!(said.len(), 8);
}
