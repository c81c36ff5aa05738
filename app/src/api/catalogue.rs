//! The indicator catalogue (administrators): each indicator's unit, polarity, geography,
//! source and notes, and the rule it is rated by.

use crate::domain::Choice;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

pub use crate::domain::indicator::IndicatorEntry;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CatalogueChoices {
    pub units: Vec<Choice>,
    pub polarities: Vec<Choice>,
    pub frequencies: Vec<Choice>,
    pub geographies: Vec<Choice>,
}

pub fn catalogue_choices() -> CatalogueChoices {
    use crate::domain::{Frequency, GeographyLevel, Polarity, Unit};
    fn all<T: Copy>(items: &[T], f: impl Fn(T) -> (&'static str, &'static str)) -> Vec<Choice> {
        items
            .iter()
            .map(|i| {
                let (v, l) = f(*i);
                Choice {
                    value: v.into(),
                    label: l.into(),
                }
            })
            .collect()
    }
    CatalogueChoices {
        units: all(Unit::ALL, |u| (u.as_str(), u.label())),
        polarities: all(Polarity::ALL, |u| (u.as_str(), u.label())),
        frequencies: all(Frequency::ALL, |u| (u.as_str(), u.label())),
        geographies: all(GeographyLevel::ALL, |u| (u.as_str(), u.label())),
    }
}

#[server(prefix = "/api", endpoint = "admin/indicators", input = GetUrl)]
pub async fn list_indicators() -> Result<Vec<IndicatorEntry>, AppError> {
    use crate::domain::auth::{Action, Target};
    super::authorise_signed_in(Action::ManageCatalogue, Target::Trust)?;
    let ctx = super::context()?;
    Ok(crate::db::catalogue_admin::entries(&ctx.db).await?)
}

#[server(prefix = "/api", endpoint = "admin/indicator", input = GetUrl)]
pub async fn get_indicator(id: i64) -> Result<IndicatorEntry, AppError> {
    use crate::domain::auth::{Action, Target};
    super::authorise_signed_in(Action::ManageCatalogue, Target::Trust)?;
    let ctx = super::context()?;
    if id == 0 {
        return Ok(IndicatorEntry {
            rag_tolerance: 1.0,
            small_number_threshold: 5.0,
            ..IndicatorEntry::default()
        });
    }
    crate::db::catalogue_admin::entries(&ctx.db)
        .await?
        .into_iter()
        .find(|e| e.id == id)
        .ok_or_else(|| AppError::NotFound("That indicator".into()))
}

/// Adds (`id` 0) or changes an indicator. Audited with the values before and after.
#[server(prefix = "/api", endpoint = "admin/indicators/save")]
#[allow(clippy::too_many_arguments)]
pub async fn save_indicator(
    id: i64,
    code: String,
    title: String,
    unit: String,
    polarity: String,
    source: String,
    frequency: String,
    geography_level: String,
    notes: String,
    rag_tolerance: String,
    small_number_threshold: String,
    trend_threshold: String,
) -> Result<i64, AppError> {
    use crate::domain::auth::{Action, Target};
    use crate::domain::date::parse_number;
    use crate::domain::{Frequency, GeographyLevel, IndicatorCode, Polarity, Unit};
    use crate::error::FieldError;
    let me = super::authorise_signed_in(Action::ManageCatalogue, Target::Trust)?;
    let ctx = super::context()?;
    let back = if id == 0 {
        "/admin/indicators/new".to_string()
    } else {
        format!("/admin/indicators/{id}")
    };
    let keep = [
        ("code", code.as_str()),
        ("title", title.as_str()),
        ("unit", unit.as_str()),
        ("polarity", polarity.as_str()),
        ("source", source.as_str()),
        ("frequency", frequency.as_str()),
        ("geography_level", geography_level.as_str()),
        ("notes", notes.as_str()),
        ("rag_tolerance", rag_tolerance.as_str()),
        ("small_number_threshold", small_number_threshold.as_str()),
        ("trend_threshold", trend_threshold.as_str()),
    ];
    let mut errors = Vec::new();
    let code_v = IndicatorCode::parse(&code).map_err(|e| errors.push(FieldError::new("code", e.0)));
    let title_v = title.split_whitespace().collect::<Vec<_>>().join(" ");
    if title_v.is_empty() || title_v.chars().count() > 200 {
        errors.push(FieldError::new(
            "title",
            "Enter a title of 200 characters or fewer",
        ));
    }
    let unit_v = unit
        .parse::<Unit>()
        .map_err(|_| errors.push(FieldError::new("unit", "Choose the unit")));
    let polarity_v = polarity.parse::<Polarity>().map_err(|_| {
        errors.push(FieldError::new(
            "polarity",
            "Choose whether higher or lower is better",
        ))
    });
    let frequency_v = frequency.parse::<Frequency>().map_err(|_| {
        errors.push(FieldError::new(
            "frequency",
            "Choose how often it is published",
        ))
    });
    let geography_v = geography_level.parse::<GeographyLevel>().map_err(|_| {
        errors.push(FieldError::new(
            "geography-level",
            "Choose the geography it is published for",
        ))
    });
    let mut number = |field: &str, text: &str, what: &str| match parse_number(text, what) {
        Ok(Some(v)) if v >= 0.0 => Some(v),
        Ok(_) => {
            errors.push(FieldError::new(
                field,
                format!("Enter the {what}: a number, 0 or more"),
            ));
            None
        }
        Err(e) => {
            errors.push(FieldError::new(field, e.0));
            None
        }
    };
    let tolerance = number("rag-tolerance", &rag_tolerance, "tolerance");
    let small = number(
        "small-number-threshold",
        &small_number_threshold,
        "small-number threshold",
    );
    let trend = number("trend-threshold", &trend_threshold, "trend threshold");
    if source.trim().is_empty() {
        errors.push(FieldError::new(
            "source",
            "Enter where the figures come from",
        ));
    }
    let (
        Ok(code_v),
        Ok(unit_v),
        Ok(polarity_v),
        Ok(frequency_v),
        Ok(geography_v),
        Some(tolerance),
        Some(small),
        Some(trend),
        true,
    ) = (
        code_v,
        unit_v,
        polarity_v,
        frequency_v,
        geography_v,
        tolerance,
        small,
        trend,
        errors.is_empty(),
    )
    else {
        return Err(super::fail(AppError::Invalid(errors), &back, &keep));
    };
    let entry = IndicatorEntry {
        id,
        code: code_v.as_str().to_string(),
        title: title_v,
        unit: unit_v.as_str().into(),
        polarity: polarity_v.as_str().into(),
        source: source.trim().into(),
        frequency: frequency_v.as_str().into(),
        geography_level: geography_v.as_str().into(),
        notes: notes.trim().into(),
        rag_tolerance: tolerance,
        small_number_threshold: small,
        trend_threshold: trend,
        measurements: 0,
    };
    let mut tx = ctx.db.begin().await?;
    let saved =
        match crate::db::catalogue_admin::save_entry(&mut tx, &super::actor(&me), &entry).await {
            Ok(Some(id)) => id,
            Ok(None) => return Err(AppError::NotFound("That indicator".into())),
            Err(e) if e.is_unique_violation() => {
                return Err(super::fail(
                    AppError::field("code", "Another indicator already has that code"),
                    &back,
                    &keep,
                ))
            }
            Err(e) => return Err(e.into()),
        };
    tx.commit().await?;
    super::succeed(
        "/admin/indicators",
        Some(&format!("{} has been saved.", entry.code)),
    );
    Ok(saved)
}
