//! Every form: plans (about, priority, measure, action, young people's version, comments,
//! decisions), mid-year reviews, self-assessments and moderation, stakeholder events (the
//! event, a ballot, a comment), set-up (the Trust, a partnership) and the cycle (a Board
//! priority, the calendar). Each is built from arbitrary and near-valid field values.

use crate::{build, cases, explained, raw_form, RawForm};
use app::domain::assessment::{
    AnswersForm, FigureForm, Grade, ModerationForm, ReviewForm, ReviewItems, Scale, ScaleForm,
    Standard, StandardAnswer, StandardDefinitionForm, StandardForm, StandardSet, SummaryForm,
};
use app::domain::cycle::{BoardPriorityForm, CalendarForm};
use app::domain::events::{
    BallotForm, BallotOption, CommentForm as EventCommentForm, EventForm, EventRules, Voting,
};
use app::domain::midyear::{
    ActionProgressForm, MeasureNoteForm, MidYearDecisionForm, MidYearSummaryForm,
};
use app::domain::plan::{
    AboutForm, ActionForm, CommentForm, DecisionForm, MeasureForm, PriorityForm, YoungPeopleForm,
};
use app::domain::setup::{KnownArea, PartnershipForm, TrustForm};
use app::domain::{AreaKind, PlanYear, Unit};
use chrono::NaiveDate;
use proptest::prelude::*;

fn year() -> PlanYear {
    PlanYear::new(2027).expect("a plan year")
}

fn scale() -> Scale {
    Scale {
        labels: app::domain::assessment::default_scale(),
    }
}

fn standards() -> StandardSet {
    StandardSet {
        year: 2027,
        scale: scale(),
        scale_revision: 1,
        standards: (1..=3)
            .map(|id| Standard {
                id,
                position: id as i32,
                title: format!("Standard {id}"),
                covers: "What it covers".into(),
                descriptors: ["a", "b", "c", "d"].map(String::from),
                revision: 1,
            })
            .collect(),
        frozen: false,
    }
}

fn answers() -> Vec<StandardAnswer> {
    (1..=3)
        .map(|id| StandardAnswer {
            standard_id: id,
            grade: Grade::new(id).ok(),
            evidence: "Evidence".into(),
            strengths: String::new(),
            development: String::new(),
            moderated_grade: None,
            moderation_reason: String::new(),
            revision: 1,
            figures: Vec::new(),
        })
        .collect()
}

fn known_areas() -> Vec<KnownArea> {
    vec![
        KnownArea {
            code: "E07000088".into(),
            name: "Gosport".into(),
            kind: AreaKind::District,
            district: None,
        },
        KnownArea {
            code: "E07000087".into(),
            name: "Fareham".into(),
            kind: AreaKind::District,
            district: None,
        },
        KnownArea {
            code: "E05004531".into(),
            name: "Alverstoke".into(),
            kind: AreaKind::Ward,
            district: Some("E07000088".into()),
        },
        KnownArea {
            code: "E05004532".into(),
            name: "Anglesey".into(),
            kind: AreaKind::Ward,
            district: Some("E07000088".into()),
        },
    ]
}

fn rules(votes_each: u8, several_on_one: bool) -> EventRules {
    EventRules {
        votes_each,
        several_on_one,
        comments_after_review: false,
        voting: Voting::Open,
        opens_at: None,
        closes_at: None,
    }
}

/// Every form parsed from one set of raw fields: none may panic, every refusal says why.
fn every_form(raw: &RawForm, votes_each: u8, several: bool) -> Result<(), TestCaseError> {
    explained(&build::<AboutForm>(AboutForm::FIELDS, raw).parse())?;
    explained(&build::<PriorityForm>(PriorityForm::FIELDS, raw).parse())?;
    let measure = build::<MeasureForm>(MeasureForm::FIELDS, raw);
    explained(&measure.parse(year()))?;
    let action = build::<ActionForm>(ActionForm::FIELDS, raw);
    let parsed = action.parse();
    explained(&parsed)?;
    if let Ok(a) = &parsed {
        if let Some(p) = a.pooled_budget_pence {
            prop_assert!(p >= 0, "a negative budget was accepted: {p}");
        }
        if let (Some(s), Some(d)) = (a.start, a.due) {
            prop_assert!(s <= d, "an action that ends before it starts was accepted");
        }
    }
    let _ = action.supporting_ids();
    explained(&build::<YoungPeopleForm>(YoungPeopleForm::FIELDS, raw).parse())?;
    explained(&build::<CommentForm>(CommentForm::FIELDS, raw).parse())?;
    explained(&build::<DecisionForm>(DecisionForm::FIELDS, raw).parse())?;

    let approved = NaiveDate::from_ymd_opt(2027, 6, 1);
    let progress = build::<ActionProgressForm>(ActionProgressForm::FIELDS, raw);
    explained(&progress.parse(approved))?;
    explained(&progress.parse(None))?;
    let _ = progress.shown();
    let note = build::<MeasureNoteForm>(MeasureNoteForm::FIELDS, raw);
    for unit in Unit::ALL {
        explained(&note.parse(Some(*unit)))?;
    }
    explained(&note.parse(None))?;
    explained(&build::<MidYearSummaryForm>(MidYearSummaryForm::FIELDS, raw).parse())?;
    explained(&build::<MidYearDecisionForm>(MidYearDecisionForm::FIELDS, raw).parse())?;

    let standard = build::<StandardForm>(StandardForm::FIELDS, raw);
    explained(&standard.parse())?;
    let _ = standard.shown(&scale());
    explained(&build::<SummaryForm>(SummaryForm::FIELDS, raw).parse())?;
    let items = ReviewItems {
        actions: vec![(1, "An action".into()), (2, "Another".into())],
        measures: vec![(3, "A measure".into())],
    };
    let review = build::<ReviewForm>(ReviewForm::FIELDS, raw);
    explained(&review.parse(&items))?;
    let _ = review.shown();
    explained(
        &build::<ModerationForm>(ModerationForm::FIELDS, raw).parse(&standards(), &answers()),
    )?;
    explained(&build::<AnswersForm>(AnswersForm::FIELDS, raw).parse(&[1, 2, 5]))?;
    explained(
        &build::<StandardDefinitionForm>(StandardDefinitionForm::FIELDS, raw).parse(&scale()),
    )?;
    explained(&build::<ScaleForm>(ScaleForm::FIELDS, raw).parse())?;
    let _ = build::<FigureForm>(FigureForm::FIELDS, raw);

    let offered = vec![
        (1, "gosport".to_string()),
        (2, "fareham".to_string()),
        (3, "0".to_string()),
    ];
    let indicators = vec!["NI 116".to_string(), "PH-1".to_string()];
    explained(&build::<EventForm>(EventForm::FIELDS, raw).parse(&offered, &indicators))?;
    let options: Vec<BallotOption> = (0..4)
        .map(|id| BallotOption {
            id,
            label: format!("Priority {id}"),
        })
        .collect();
    let ballot =
        build::<BallotForm>(BallotForm::FIELDS, raw).parse(&options, &rules(votes_each, several));
    explained(&ballot)?;
    if let Ok(b) = &ballot {
        let total: u32 = b.votes.iter().map(|(_, n)| u32::from(*n)).sum();
        prop_assert!(
            total <= u32::from(votes_each),
            "a ballot of {total} votes was accepted where each has {votes_each}"
        );
        prop_assert!(b
            .votes
            .iter()
            .all(|(id, n)| *n > 0 && options.iter().any(|o| o.id == *id)));
        if !several {
            prop_assert!(b.votes.iter().all(|(_, n)| *n <= 1));
        }
    }
    explained(&build::<EventCommentForm>(EventCommentForm::FIELDS, raw).parse())?;

    explained(&build::<TrustForm>(TrustForm::FIELDS, raw).parse())?;
    explained(&build::<PartnershipForm>(PartnershipForm::FIELDS, raw).parse(&known_areas()))?;
    explained(
        &build::<BoardPriorityForm>(BoardPriorityForm::FIELDS, raw)
            .parse(&indicators, &["Other".to_string()]),
    )?;
    explained(&build::<CalendarForm>(CalendarForm::FIELDS, raw).parse(year()))?;
    Ok(())
}

proptest! {
    #![proptest_config(cases(400))]

    #[test]
    fn every_form_reads_or_explains_any_input(raw in raw_form(), votes_each in 0u8..12, several in any::<bool>()) {
        every_form(&raw, votes_each, several)?;
    }
}
