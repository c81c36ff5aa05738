use super::*;
use chrono::{NaiveDate, TimeZone};

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0)
        .single()
        .expect("a valid time")
}

fn rules(
    voting: Voting,
    opens: Option<DateTime<Utc>>,
    closes: Option<DateTime<Utc>>,
) -> EventRules {
    EventRules {
        votes_each: 3,
        several_on_one: true,
        comments_after_review: false,
        voting,
        opens_at: opens,
        closes_at: closes,
    }
}

#[test]
fn codes_are_read_as_typed_and_never_use_look_alikes() {
    assert_eq!(
        JoinCode::parse(" k7r-4mx ").map(|c| c.to_string()),
        Ok("K7R4MX".into())
    );
    assert_eq!(
        JoinCode::parse("K7R 4MX").map(|c| c.spaced()),
        Ok("K7R 4MX".into())
    );
    for bad in [
        "", "K7R4M", "K7R4MXX", "K0R4MX", "KOR4MX", "K1R4MX", "KIR4MX", "KLR4MX", "K7R4M!",
        "K7R4Mé",
    ] {
        assert!(JoinCode::parse(bad).is_err(), "{bad:?} must be refused");
    }
    assert!(JoinCode::parse("K0R4MX")
        .unwrap_err()
        .0
        .contains("never use 0, O, 1, I or L"));
    for c in b"0O1IL" {
        assert!(!CODE_ALPHABET.contains(c));
    }
    // Generated codes are well formed; bytes past the last whole alphabet are skipped.
    let mut bytes = [255u8, 254, 0, 1, 2, 30, 31, 61, 100].into_iter().cycle();
    let code = JoinCode::generate(|| bytes.next().unwrap_or(0));
    assert_eq!(code.as_str(), "ABC9A9");
    assert_eq!(JoinCode::parse(code.as_str()), Ok(code));
}

#[test]
fn uk_time_follows_summer_time() {
    let at = |d: NaiveDate, h, m| d.and_hms_opt(h, m, 0).unwrap();
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    // Winter: GMT. Summer: BST, an hour ahead.
    assert_eq!(
        london_to_utc(at(d(2027, 1, 20), 10, 0)),
        utc(2027, 1, 20, 10, 0)
    );
    assert_eq!(
        london_to_utc(at(d(2026, 7, 1), 10, 0)),
        utc(2026, 7, 1, 9, 0)
    );
    assert_eq!(
        utc_to_london(utc(2026, 7, 1, 9, 0)),
        at(d(2026, 7, 1), 10, 0)
    );
    // 2026: summer time from 29 March 01:00 UTC to 25 October 01:00 UTC.
    assert_eq!(
        utc_to_london(utc(2026, 3, 29, 0, 59)),
        at(d(2026, 3, 29), 0, 59)
    );
    assert_eq!(
        utc_to_london(utc(2026, 3, 29, 1, 0)),
        at(d(2026, 3, 29), 2, 0)
    );
    assert_eq!(
        utc_to_london(utc(2026, 10, 25, 0, 59)),
        at(d(2026, 10, 25), 1, 59)
    );
    assert_eq!(
        utc_to_london(utc(2026, 10, 25, 1, 0)),
        at(d(2026, 10, 25), 1, 0)
    );
    // Every UK time of a year reads back as itself (away from the missing hour).
    let mut t = utc(2026, 1, 1, 0, 30);
    while t < utc(2027, 1, 1, 0, 0) {
        assert_eq!(london_to_utc(utc_to_london(t)), t, "{t}");
        t += chrono::TimeDelta::minutes(97);
    }
}

#[test]
fn voting_opens_and_closes_by_the_clock_or_by_hand() {
    let (o, c) = (utc(2026, 11, 30, 10, 0), utc(2026, 11, 30, 11, 0));
    let before = utc(2026, 11, 30, 9, 59);
    let during = utc(2026, 11, 30, 10, 30);
    let after = utc(2026, 11, 30, 11, 0);
    let s = rules(Voting::Scheduled, Some(o), Some(c));
    assert_eq!(s.phase(before), Phase::NotYetOpen { opens: Some(o) });
    assert_eq!(s.phase(during), Phase::Open { closes: Some(c) });
    assert_eq!(s.phase(after), Phase::Closed, "closing time is closed");
    // No opening time: not open until the facilitator opens it.
    assert_eq!(
        rules(Voting::Scheduled, None, None).phase(during),
        Phase::NotYetOpen { opens: None }
    );
    assert_eq!(
        rules(Voting::Scheduled, None, Some(c)).phase(after),
        Phase::Closed
    );
    // Opened by hand before its time; still closes at the closing time.
    let opened = rules(Voting::Open, Some(o), Some(c));
    assert!(opened.phase(before).is_open());
    assert!(opened.phase(after).is_closed());
    assert!(rules(Voting::Open, None, None).phase(after).is_open());
    // Closed by hand is closed, whatever the clock says.
    assert!(rules(Voting::Closed, Some(o), Some(c))
        .phase(during)
        .is_closed());
    assert_eq!(
        Phase::Open { closes: Some(c) }.describe(),
        "Voting is open until 11:00"
    );
}

fn offered() -> Vec<(i64, String)> {
    vec![(1, "gosport".into()), (2, "fareham".into())]
}

fn good_event() -> EventForm {
    let mut f = EventForm::new_event(NaiveDate::from_ymd_opt(2026, 7, 1).unwrap());
    f.title = "  Summer data day ".into();
    f.partnerships.insert("gosport".into(), "on".into());
    f.indicator = "NI116".into();
    f.opens_at = "10.00".into();
    f.closes_at = "11:30".into();
    f
}

#[test]
fn an_event_form_is_read_whole() {
    let e = good_event()
        .parse(&offered(), &["NI116".into()])
        .expect("a good event");
    assert_eq!(e.title, "Summer data day");
    assert_eq!(e.partnerships, vec![1]);
    assert_eq!(e.source, BallotSource::Plan);
    assert_eq!(e.rules.votes_each, 3);
    assert!(e.rules.several_on_one);
    // 10:00 in July is 09:00 UTC.
    assert_eq!(e.rules.opens_at, Some(utc(2026, 7, 1, 9, 0)));
    assert_eq!(e.rules.closes_at, Some(utc(2026, 7, 1, 10, 30)));
    assert_eq!(e.indicator.as_deref(), Some("NI116"));

    let mut custom = good_event();
    custom.ballot_source = "custom".into();
    custom.candidates = "- Safer streets\n\n* Mental health support\r\nSafer Streets".into();
    let p = custom.parse(&offered(), &["NI116".into()]).unwrap_err();
    assert_eq!(p.len(), 1);
    assert!(p[0].message.contains("listed twice"), "{p:?}");
    custom.candidates = "Safer streets\nMental health support".into();
    assert_eq!(
        custom
            .parse(&offered(), &["NI116".into()])
            .unwrap()
            .candidates,
        vec!["Safer streets".to_string(), "Mental health support".into()]
    );
}

#[test]
fn every_mistake_in_an_event_form_is_named_at_its_field() {
    let mut f = EventForm {
        title: "x".repeat(TITLE_LIMIT + 1),
        held_on: "31/2/2026".into(),
        ballot_source: "custom".into(),
        candidates: "Only one".into(),
        votes_each: "11".into(),
        several_on_one: "maybe".into(),
        comments_after_review: String::new(),
        indicator: "NOPE".into(),
        opens_at: "25:00".into(),
        closes_at: "9am".into(),
        ..EventForm::default()
    };
    f.partnerships.insert("havant".into(), "on".into());
    let problems = f.parse(&offered(), &["NI116".into()]).unwrap_err();
    let anchors: Vec<&str> = problems.iter().map(|p| p.anchor.as_str()).collect();
    assert_eq!(
        anchors,
        [
            "title",
            "held_on",
            "partnerships",
            "candidates",
            "votes_each",
            "several_on_one",
            "comments_after_review",
            "indicator",
            "opens_at",
            "closes_at"
        ]
    );
    let mut late = good_event();
    late.closes_at = "09:00".into();
    let p = late.parse(&offered(), &["NI116".into()]).unwrap_err();
    assert_eq!(p[0].anchor, "closes_at");
    let mut none = good_event();
    none.partnerships.clear();
    assert!(none
        .parse(&offered(), &[])
        .unwrap_err()
        .iter()
        .any(|p| p.anchor == "partnerships"));
}

fn options() -> Vec<BallotOption> {
    (1..=4)
        .map(|i| BallotOption {
            id: i,
            label: format!("Priority {i}"),
        })
        .collect()
}

fn ballot(votes: &[(&str, &str)]) -> BallotForm {
    BallotForm {
        votes: votes
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        ..BallotForm::default()
    }
}

#[test]
fn a_ballot_keeps_to_the_event_s_rules() {
    let r = rules(Voting::Open, None, None);
    let ok = ballot(&[("1", "2"), ("3", "1"), ("4", "0")])
        .parse(&options(), &r)
        .unwrap();
    assert_eq!(ok.votes, vec![(1, 2), (3, 1)]);
    assert_eq!(ok.about, AboutYou::default());
    let message =
        |f: BallotForm, r: &EventRules| f.parse(&options(), r).unwrap_err()[0].message.clone();
    assert!(message(ballot(&[("1", "3"), ("2", "1")]), &r).contains("You have 3 votes but gave 4"));
    assert!(message(ballot(&[]), &r).contains("at least one"));
    assert!(message(ballot(&[("1", "0")]), &r).contains("at least one"));
    assert!(message(ballot(&[("9", "1")]), &r).contains("not on this ballot"));
    assert!(message(ballot(&[("x", "1")]), &r).contains("not on this ballot"));
    assert!(message(ballot(&[("1", "-1")]), &r).contains("whole number"));
    assert!(message(ballot(&[("1", "300")]), &r).contains("whole number"));
    let one_each = EventRules {
        several_on_one: false,
        ..r.clone()
    };
    assert!(message(ballot(&[("1", "2")]), &one_each).contains("at most one vote"));
    // Checkboxes say "on".
    assert_eq!(
        ballot(&[("1", "on"), ("2", "on")])
            .parse(&options(), &one_each)
            .unwrap()
            .votes,
        vec![(1, 1), (2, 1)]
    );
    // A young person, with an age band or without; an age band alone says it too.
    let mut young = ballot(&[("2", "1")]);
    young.young_person = "yes".into();
    young.age_band = "16_18".into();
    assert_eq!(
        young.parse(&options(), &r).unwrap().about,
        AboutYou {
            young_person: true,
            age_band: Some(AgeBand::From16To18)
        }
    );
    young.young_person.clear();
    assert!(young.parse(&options(), &r).unwrap().about.young_person);
    young.age_band = "40_50".into();
    assert_eq!(
        young.parse(&options(), &r).unwrap_err()[0].anchor,
        "age_band"
    );
}

#[test]
fn a_comment_is_said_and_short_enough() {
    let ok = CommentForm {
        comment: "  More youth clubs\r\nplease ".into(),
        ..CommentForm::default()
    };
    assert_eq!(ok.parse().unwrap().body, "More youth clubs\nplease");
    let empty = CommentForm {
        comment: " \n ".into(),
        ..CommentForm::default()
    };
    assert_eq!(empty.parse().unwrap_err()[0].message, "Write your comment");
    let long = CommentForm {
        comment: "é".repeat(5_000),
        ..CommentForm::default()
    };
    assert_eq!(
        long.parse().unwrap_err()[0].message,
        "Write 1,000 characters or fewer (this has 5,000)"
    );
    let exactly = CommentForm {
        comment: "é".repeat(COMMENT_LIMIT),
        ..CommentForm::default()
    };
    assert!(exactly.parse().is_ok());
}

fn results() -> EventResults {
    let tally = |id, label: &str, votes, young_votes| Tally {
        option_id: id,
        label: label.into(),
        votes,
        young_votes,
    };
    EventResults {
        title: "Data day".into(),
        code: "K7R4MX".into(),
        phase: Phase::Closed,
        joined: 3,
        voted: 3,
        young_voted: 1,
        tallies: vec![
            tally(1, "Safer streets", 2, 0),
            tally(2, "Mental health", 4, 2),
            tally(3, "School readiness", 2, 1),
            tally(4, "Housing", 0, 0),
        ],
        comments: vec![
            EventComment {
                id: 2,
                body: "Somewhere to go\nafter school".into(),
                young_person: true,
                age_band: Some(AgeBand::From11To15),
                at: utc(2026, 7, 1, 9, 30),
                state: CommentState::Shown,
            },
            EventComment {
                id: 1,
                body: "Shorter waits".into(),
                young_person: false,
                age_band: None,
                at: utc(2026, 7, 1, 9, 20),
                state: CommentState::Shown,
            },
        ],
        changes: 7,
    }
}

#[test]
fn results_are_ranked_with_ties_sharing_a_place() {
    let r = results();
    assert_eq!(r.total_votes(), 8);
    assert_eq!(r.young_total(), 3);
    let all = r.ranked();
    let ranked: Vec<(usize, &str, i64)> =
        all.iter().map(|(n, l, v)| (*n, l.as_str(), *v)).collect();
    assert_eq!(
        ranked,
        [
            (1, "Mental health", 4),
            (2, "Safer streets", 2),
            (2, "School readiness", 2),
            (4, "Housing", 0)
        ]
    );
    assert_eq!(r.young_ranked()[0].1, "Mental health");
    assert_eq!(r.young_ranked()[1].1, "School readiness");
    assert_eq!(r.comments[0].who(), "A young person (11 to 15)");
    assert_eq!(r.comments[1].who(), "A participant");
}

#[test]
fn results_go_into_a_plan_with_their_source() {
    let event = StakeholderEvent {
        id: 1,
        code: "K7R4MX".into(),
        title: "Data day".into(),
        held_on: NaiveDate::from_ymd_opt(2026, 7, 1).unwrap(),
        plan_year: 2026,
        source: BallotSource::Custom,
        rules: rules(Voting::Closed, None, None),
        indicator: None,
        partnerships: vec![(1, "gosport".into(), "Gosport".into())],
        options: vec![],
        revision: 1,
        created_by: "Chair".into(),
    };
    let w = PlanWording::of(&event, &results());
    assert_eq!(
        w.needs,
        "Stakeholder event “Data day”, 1 July 2026 (3 people taking part, 3 voted). Priorities by votes: \
         1. Mental health (4 votes); 2. Safer streets (2 votes); 2. School readiness (2 votes). 2 comments kept from the event."
    );
    assert_eq!(
        w.young_people,
        "Stakeholder event “Data day”, 1 July 2026 (3 people taking part, 3 voted): 1 young person voted. \
         Their priorities: 1. Mental health (2 votes); 2. School readiness (1 vote). They told us: “Somewhere to go after school”."
    );
    assert_eq!(
        PlanWording::appended("Needs.\n", "More."),
        "Needs.\n\nMore."
    );
    assert_eq!(PlanWording::appended("", "More."), "More.");
    assert_eq!(event.partnership_names(), "Gosport");
}
