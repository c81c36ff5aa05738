//! The small values people type: periods, dates, numbers, money, e-mail addresses, names,
//! passwords, join codes, area and indicator codes, plan years, choices. Each is read from
//! anything without a panic; refusals say why; and what is written out reads back the same.

use crate::{cases, field_text, near_text, said};
use app::domain::assessment::{shorten, Grade};
use app::domain::auth::{parse_display_name, Email, NewPassword, Role, RoleScope};
use app::domain::date::{format_number, long_date, parse_date, parse_number, short_date};
use app::domain::due::ical;
use app::domain::events::{JoinCode, CODE_ALPHABET, CODE_LENGTH};
use app::domain::figure::{axis, grouped};
use app::domain::map::{contrast_ratio, luminance, ViewBox};
use app::domain::partnership::slugify;
use app::domain::plan::problem_location;
use app::domain::plan::{format_pounds, parse_pounds};
use app::domain::readability::{band, long_sentences, readability};
use app::domain::young_people::leaflet_lines;
use app::domain::{AreaCode, IndicatorCode, Period, PlanYear, Unit};
use chrono::NaiveDate;
use proptest::prelude::*;

fn text() -> impl Strategy<Value = String> {
    prop_oneof![near_text(), field_text()]
}

fn period() -> impl Strategy<Value = Period> {
    prop_oneof![
        (1900i32..=2200).prop_map(Period::Year),
        (1900i32..2200).prop_map(Period::SplitYear),
        (1900i32..2200, 1u8..=4).prop_map(|(year, quarter)| Period::Quarter { year, quarter }),
        (1900i32..=2200, 1u8..=12).prop_map(|(year, month)| Period::Month { year, month }),
    ]
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (1990i32..=2100, 1u32..=366).prop_map(|(y, d)| {
        NaiveDate::from_yo_opt(y, d)
            .unwrap_or_else(|| NaiveDate::from_yo_opt(y, 365).expect("a day of the year"))
    })
}

proptest! {
    #![proptest_config(cases(2000))]

    #[test]
    fn typed_values_are_read_or_refused_with_a_reason(s in text()) {
        let period = Period::parse(&s);
        said(&period)?;
        if let Ok(p) = period {
            prop_assert_eq!(Period::parse(&p.to_string()), Ok(p));
            let _ = p.start();
            let _ = p.previous();
        }
        let date = parse_date(&s);
        said(&date)?;
        if let Ok(Some(d)) = date {
            prop_assert_eq!(parse_date(&short_date(d)), Ok(Some(d)));
        }
        let number = parse_number(&s, "value");
        said(&number)?;
        if let Ok(Some(n)) = number {
            prop_assert!(n.is_finite());
            let _ = format_number(n);
            let _ = grouped(n, 2);
            for unit in Unit::ALL {
                let _ = unit.format(n);
                let _ = unit.check(n);
            }
        }
        let money = parse_pounds(&s);
        said(&money)?;
        if let Ok(Some(p)) = money {
            prop_assert!(p >= 0);
            prop_assert_eq!(parse_pounds(&format_pounds(p)), Ok(Some(p)));
        }
        let email = Email::parse(&s);
        said(&email)?;
        if let Ok(e) = email {
            prop_assert_eq!(Email::parse(e.as_str()), Ok(e.clone()));
        }
        let code = JoinCode::parse(&s);
        said(&code)?;
        if let Ok(c) = code {
            prop_assert_eq!(JoinCode::parse(&c.spaced()), Ok(c.clone()));
            prop_assert_eq!(JoinCode::parse(&c.to_string().to_lowercase()), Ok(c.clone()));
        }
        let area = AreaCode::parse(&s);
        said(&area)?;
        if let Ok(a) = area {
            prop_assert_eq!(AreaCode::parse(&a.to_string()), Ok(a.clone()));
            let _ = a.kind();
        }
        let indicator = IndicatorCode::parse(&s);
        said(&indicator)?;
        if let Ok(i) = indicator {
            prop_assert!(i.matches(&i.to_string().to_lowercase()));
        }
        let year = PlanYear::parse(&s);
        said(&year)?;
        if let Ok(y) = year {
            prop_assert_eq!(PlanYear::parse(&y.to_string()), Ok(y));
            let _ = (y.starts(), y.ends());
        }
        said(&parse_display_name(&s))?;
        said(&NewPassword::parse(&s))?;
        for role in Role::ALL {
            said(&RoleScope::parse(*role, &s))?;
        }
        let _ = s.parse::<Role>();
        let _ = Unit::from_label(&s);
        let slug = slugify(&s);
        prop_assert!(slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'));
    }

    #[test]
    fn periods_round_trip(p in period()) {
        prop_assert_eq!(Period::parse(&p.to_string()), Ok(p));
    }

    #[test]
    fn dates_round_trip(d in date()) {
        prop_assert_eq!(parse_date(&short_date(d)), Ok(Some(d)));
        prop_assert_eq!(parse_date(&long_date(d)), Ok(Some(d)));
        prop_assert_eq!(parse_date(&d.format("%Y-%m-%d").to_string()), Ok(Some(d)));
    }

    #[test]
    fn money_round_trips(pence in 0i64..=i64::MAX) {
        prop_assert_eq!(parse_pounds(&format_pounds(pence)), Ok(Some(pence)));
    }

    #[test]
    fn numbers_round_trip_to_four_places(n in -1e12f64..1e12) {
        let back = parse_number(&format_number(n), "value").expect("a number").expect("not blank");
        prop_assert!((back - n).abs() <= 0.00005 + f64::EPSILON * n.abs(), "{n} came back as {back}");
    }

    #[test]
    fn join_codes_round_trip(bytes in prop::collection::vec(any::<u8>(), 64)) {
        let mut it = bytes.into_iter().cycle();
        let code = JoinCode::generate(|| it.next().unwrap_or(0));
        prop_assert_eq!(code.as_str().len(), CODE_LENGTH);
        prop_assert!(code.as_str().bytes().all(|b| CODE_ALPHABET.contains(&b)));
        prop_assert_eq!(JoinCode::parse(&code.spaced()), Ok(code.clone()));
    }

    #[test]
    fn typed_prose_is_measured_without_a_panic(s in prop_oneof![field_text(), "([A-Za-z]{1,12}[ .!?\"”’')\n]{1,3}){0,60}"]) {
        if let Some(r) = readability(&s) {
            let _ = band(r.score);
        }
        for long in long_sentences(&s, 25) {
            prop_assert!(!long.trim().is_empty());
        }
        let _ = leaflet_lines(&s);
    }

    #[test]
    fn other_typed_or_addressed_text_never_panics(s in text(), t in text(), f in any::<f64>(), x in any::<f64>(), y in any::<f64>()) {
        said(&Grade::parse(&s))?;
        let _ = (luminance(&s), contrast_ratio(&s, &t));
        if let Some(v) = ViewBox::from_attr(&s) {
            let whole = ViewBox::whole(600.0, 800.0);
            let _ = v.zoom_at(f, (x, y), whole).attr();
            let _ = v.pan(x, y, whole).attr();
        }
        let _ = problem_location(&s);
        let _ = shorten(&s, 40);
        let folded = ical::fold(&ical::escape(&s));
        for line in folded.split("\r\n") {
            prop_assert!(line.len() <= 75, "a folded line of {} octets", line.len());
        }
    }

    #[test]
    fn chart_axes_never_panic(lo in any::<f64>(), hi in any::<f64>(), most in 0usize..20) {
        let _ = axis(lo, hi, most);
    }
}
