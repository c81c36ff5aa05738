//! The standards and scale of each year: made from the year before (or the defaults), changed
//! by administrators until a partnership submits against them.

use super::*;
use crate::domain::assessment::{
    default_scale, default_standards, Scale, Standard, StandardDefinition, StandardSet,
};
use serde_json::json;

#[derive(sqlx::FromRow)]
struct ScaleRow {
    grade_1: String,
    grade_2: String,
    grade_3: String,
    grade_4: String,
    revision: i64,
}

#[derive(sqlx::FromRow)]
struct StandardRow {
    id: i64,
    position: i32,
    title: String,
    covers: String,
    descriptor_1: String,
    descriptor_2: String,
    descriptor_3: String,
    descriptor_4: String,
    revision: i64,
}

impl From<StandardRow> for Standard {
    fn from(r: StandardRow) -> Self {
        Standard {
            id: r.id,
            position: r.position,
            title: r.title,
            covers: r.covers,
            descriptors: [
                r.descriptor_1,
                r.descriptor_2,
                r.descriptor_3,
                r.descriptor_4,
            ],
            revision: r.revision,
        }
    }
}

/// A year's standards and scale, if the year has been set up.
pub async fn load_set(db: &Db, year: i32) -> DbResult<Option<StandardSet>> {
    let scale: Option<ScaleRow> = with_pool!(db, pool => sqlx::query_as(
        "SELECT grade_1, grade_2, grade_3, grade_4, revision FROM standard_scale WHERE year = $1"
    ).bind(year).fetch_optional(pool).await)?;
    let Some(scale) = scale else {
        return Ok(None);
    };
    let rows: Vec<StandardRow> = with_pool!(db, pool => sqlx::query_as(
        "SELECT id, position, title, covers, descriptor_1, descriptor_2, descriptor_3, descriptor_4, revision
         FROM standard WHERE year = $1 ORDER BY position, id"
    ).bind(year).fetch_all(pool).await)?;
    let submitted: i64 = with_pool!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM self_assessment WHERE year = $1 AND round > 0"
    ).bind(year).fetch_one(pool).await)?;
    Ok(Some(StandardSet {
        year,
        scale: Scale {
            labels: [scale.grade_1, scale.grade_2, scale.grade_3, scale.grade_4],
        },
        scale_revision: scale.revision,
        standards: rows.into_iter().map(Standard::from).collect(),
        frozen: submitted > 0,
    }))
}

/// The years that have standards, newest first.
pub async fn years(db: &Db) -> DbResult<Vec<i32>> {
    Ok(with_pool!(db, pool => sqlx::query_scalar(
        "SELECT year FROM standard_scale ORDER BY year DESC"
    ).fetch_all(pool).await)?)
}

/// Sets up `year`'s standards if it has none: a copy of the latest earlier year's, or the
/// defaults when there is none. Returns the year copied from (`None`: the defaults), or
/// nothing when the year was already set up.
pub async fn ensure_set(tx: &mut Tx, actor: &Actor, year: i32) -> DbResult<Option<Option<i32>>> {
    let exists: Option<i32> = with_tx!(tx, conn => sqlx::query_scalar(
        "SELECT year FROM standard_scale WHERE year = $1"
    ).bind(year).fetch_optional(&mut *conn).await)?;
    if exists.is_some() {
        return Ok(None);
    }
    let at = now();
    let previous: Option<i32> = with_tx!(tx, conn => sqlx::query_scalar(
        "SELECT MAX(year) FROM standard_scale WHERE year < $1"
    ).bind(year).fetch_one(&mut *conn).await)?;
    match previous {
        Some(from) => {
            with_tx!(tx, conn => sqlx::query(
                "INSERT INTO standard_scale (year, grade_1, grade_2, grade_3, grade_4, updated_at, updated_by)
                 SELECT $1, grade_1, grade_2, grade_3, grade_4, $2, $3 FROM standard_scale WHERE year = $4"
            ).bind(year).bind(at).bind(&actor.name).bind(from)
             .execute(&mut *conn).await.map(|r| r.rows_affected()))?;
            with_tx!(tx, conn => sqlx::query(
                "INSERT INTO standard (year, position, title, covers, descriptor_1, descriptor_2, descriptor_3, descriptor_4, updated_at, updated_by)
                 SELECT $1, position, title, covers, descriptor_1, descriptor_2, descriptor_3, descriptor_4, $2, $3
                 FROM standard WHERE year = $4 ORDER BY position, id"
            ).bind(year).bind(at).bind(&actor.name).bind(from)
             .execute(&mut *conn).await.map(|r| r.rows_affected()))?;
        }
        None => {
            let [g1, g2, g3, g4] = default_scale();
            with_tx!(tx, conn => sqlx::query(
                "INSERT INTO standard_scale (year, grade_1, grade_2, grade_3, grade_4, updated_at, updated_by)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)"
            ).bind(year).bind(g1).bind(g2).bind(g3).bind(g4).bind(at).bind(&actor.name)
             .execute(&mut *conn).await.map(|r| r.rows_affected()))?;
            for (i, (title, covers, [d1, d2, d3, d4])) in
                default_standards().into_iter().enumerate()
            {
                with_tx!(tx, conn => sqlx::query(
                    "INSERT INTO standard (year, position, title, covers, descriptor_1, descriptor_2, descriptor_3, descriptor_4, updated_at, updated_by)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
                ).bind(year).bind(i as i32 + 1).bind(&title).bind(&covers).bind(&d1).bind(&d2).bind(&d3).bind(&d4)
                 .bind(at).bind(&actor.name).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
            }
        }
    }
    let summary = match previous {
        Some(from) => format!("Set up the {year} standards from {from}'s"),
        None => format!("Set up the {year} standards from the defaults"),
    };
    audit::record(
        tx,
        entry(actor, AuditAction::Create, "standards", year, None, summary),
    )
    .await?;
    Ok(Some(previous))
}

/// Why a year's standards cannot change now, if they cannot.
async fn frozen(tx: &mut Tx, year: i32) -> DbResult<Option<Refused>> {
    let n: i64 = with_tx!(tx, conn => sqlx::query_scalar(
        "SELECT COUNT(*) FROM self_assessment WHERE year = $1 AND round > 0"
    ).bind(year).fetch_one(&mut *conn).await)?;
    Ok((n > 0).then(|| {
        Refused::NotNow(format!(
            "The {year} standards are frozen: a partnership has submitted its self-assessment against them"
        ))
    }))
}

/// Renames the year's grades, if the scale is still at the revision the person saw.
pub async fn save_scale(
    tx: &mut Tx,
    actor: &Actor,
    year: i32,
    based_on: i64,
    scale: &Scale,
) -> DbResult<Saved<i64>> {
    if let Some(r) = frozen(tx, year).await? {
        return Ok(Err(r));
    }
    let [g1, g2, g3, g4] = scale.labels.clone();
    let rev: Option<i64> = with_tx!(tx, conn => sqlx::query_scalar(
        "UPDATE standard_scale SET grade_1 = $1, grade_2 = $2, grade_3 = $3, grade_4 = $4,
                revision = revision + 1, updated_at = $5, updated_by = $6
         WHERE year = $7 AND revision = $8 RETURNING revision"
    ).bind(g1).bind(g2).bind(g3).bind(g4).bind(now()).bind(&actor.name).bind(year).bind(based_on)
     .fetch_optional(&mut *conn).await)?;
    let Some(rev) = rev else {
        let now_rev: Option<i64> = with_tx!(tx, conn => sqlx::query_scalar(
            "SELECT revision FROM standard_scale WHERE year = $1"
        ).bind(year).fetch_optional(&mut *conn).await)?;
        return Ok(Err(now_rev.map_or(Refused::Missing, Refused::Stale)));
    };
    let mut r = entry(
        actor,
        AuditAction::Update,
        "standards",
        year,
        None,
        format!("Renamed the {year} grades"),
    );
    r.after = Some(json!({ "grades": scale.labels }));
    audit::record(tx, r).await?;
    Ok(Ok(rev))
}

/// Adds a standard to the year (`id` None) or changes one at the revision the person saw.
/// Returns the standard's id. A new standard gets an empty answer in every assessment already
/// started that year.
pub async fn save_standard(
    tx: &mut Tx,
    actor: &Actor,
    year: i32,
    id: Option<i64>,
    based_on: i64,
    def: &StandardDefinition,
) -> DbResult<Saved<i64>> {
    if let Some(r) = frozen(tx, year).await? {
        return Ok(Err(r));
    }
    let at = now();
    let [d1, d2, d3, d4] = def.descriptors.clone();
    let saved: Option<i64> = match id {
        None => Some(with_tx!(tx, conn => sqlx::query_scalar(
            "INSERT INTO standard (year, position, title, covers, descriptor_1, descriptor_2, descriptor_3, descriptor_4, updated_at, updated_by)
             VALUES ($1, (SELECT COALESCE(MAX(position), 0) + 1 FROM standard WHERE year = $1), $2, $3, $4, $5, $6, $7, $8, $9)
             RETURNING id"
        ).bind(year).bind(&def.title).bind(&def.covers).bind(&d1).bind(&d2).bind(&d3).bind(&d4)
         .bind(at).bind(&actor.name).fetch_one(&mut *conn).await)?),
        Some(id) => with_tx!(tx, conn => sqlx::query_scalar(
            "UPDATE standard SET title = $1, covers = $2, descriptor_1 = $3, descriptor_2 = $4,
                    descriptor_3 = $5, descriptor_4 = $6, revision = revision + 1, updated_at = $7, updated_by = $8
             WHERE id = $9 AND year = $10 AND revision = $11 RETURNING id"
        ).bind(&def.title).bind(&def.covers).bind(&d1).bind(&d2).bind(&d3).bind(&d4).bind(at)
         .bind(&actor.name).bind(id).bind(year).bind(based_on).fetch_optional(&mut *conn).await)?,
    };
    let Some(saved) = saved else {
        let now_rev: Option<i64> = with_tx!(tx, conn => sqlx::query_scalar(
            "SELECT revision FROM standard WHERE id = $1 AND year = $2"
        ).bind(id).bind(year).fetch_optional(&mut *conn).await)?;
        return Ok(Err(now_rev.map_or(Refused::Missing, Refused::Stale)));
    };
    if id.is_none() {
        with_tx!(tx, conn => sqlx::query(
            "INSERT INTO assessment_standard (assessment_id, standard_id, updated_at, updated_by)
             SELECT id, $1, $2, $3 FROM self_assessment WHERE year = $4"
        ).bind(saved).bind(at).bind(&actor.name).bind(year)
         .execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    }
    let (action, verb) = match id {
        None => (AuditAction::Create, "Added"),
        Some(_) => (AuditAction::Update, "Changed"),
    };
    let mut r = entry(
        actor,
        action,
        "standard",
        saved,
        None,
        format!("{verb} the {year} standard “{}”", def.title),
    );
    r.after =
        Some(json!({ "title": def.title, "covers": def.covers, "descriptors": def.descriptors }));
    audit::record(tx, r).await?;
    Ok(Ok(saved))
}

/// Removes a standard nobody has started answering.
pub async fn remove_standard(
    tx: &mut Tx,
    actor: &Actor,
    year: i32,
    id: i64,
) -> DbResult<Saved<()>> {
    if let Some(r) = frozen(tx, year).await? {
        return Ok(Err(r));
    }
    let answered: i64 = with_tx!(tx, conn => sqlx::query_scalar(
        "SELECT COUNT(*) FROM assessment_standard
         WHERE standard_id = $1 AND (grade IS NOT NULL OR evidence <> '' OR strengths <> '' OR development <> '')"
    ).bind(id).fetch_one(&mut *conn).await)?;
    if answered > 0 {
        return Ok(Err(Refused::NotNow(
            "Partnerships have started answering this standard, so it can be changed but not removed".into(),
        )));
    }
    with_tx!(tx, conn => sqlx::query("DELETE FROM assessment_figure WHERE standard_id = $1")
        .bind(id).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    with_tx!(tx, conn => sqlx::query("DELETE FROM assessment_standard WHERE standard_id = $1")
        .bind(id).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    let title: Option<String> = with_tx!(tx, conn => sqlx::query_scalar(
        "DELETE FROM standard WHERE id = $1 AND year = $2 RETURNING title"
    ).bind(id).bind(year).fetch_optional(&mut *conn).await)?;
    let Some(title) = title else {
        return Ok(Err(Refused::Missing));
    };
    audit::record(
        tx,
        entry(
            actor,
            AuditAction::Delete,
            "standard",
            id,
            None,
            format!("Removed the {year} standard “{title}”"),
        ),
    )
    .await?;
    Ok(Ok(()))
}
