//! Area boundaries for the map: importing ONS-coded GeoJSON or TopoJSON (all or nothing, with
//! a clear reason when a file is refused), and reading each partnership's outline.

use super::audit::{self, Actor, Record};
use super::{reference, with_pool, with_tx, Db, DbError, DbResult};
use crate::domain::audit::AuditAction;
use crate::domain::geo::{bounds, parse_boundaries, simplify, Feature, Point, Ring};
use crate::domain::{AreaCode, AreaKind};
use std::collections::HashMap;

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BoundaryReport {
    /// Areas in the file.
    pub features: usize,
    /// Outlines stored for the Trust's districts and wards.
    pub stored: usize,
    /// Wards added as areas.
    pub new_wards: usize,
    /// Areas outside the Trust, skipped.
    pub skipped_outside: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum BoundaryError {
    /// The file cannot be used; nothing was changed.
    #[error("{0}")]
    Refused(String),
    #[error(transparent)]
    Db(#[from] DbError),
    /// The reading thread failed (it does not panic; this is for completeness).
    #[error("reading the boundary file failed: {0}")]
    Reading(String),
}

/// Reads a GeoJSON FeatureCollection or a TopoJSON Topology (within the caps of
/// [`crate::domain::geo`]).
pub fn read_boundaries(text: &str) -> Result<Vec<Feature>, BoundaryError> {
    parse_boundaries(text).map_err(|e| BoundaryError::Refused(e.0))
}

/// Whether a point is inside a ring (even-odd rule).
fn inside(p: Point, ring: &Ring) -> bool {
    let mut yes = false;
    let n = ring.len();
    for i in 0..n {
        let (a, b) = (ring[i], ring[(i + n - 1) % n]);
        if (a.1 > p.1) != (b.1 > p.1) && p.0 < (b.0 - a.0) * (p.1 - a.1) / (b.1 - a.1) + a.0 {
            yes = !yes;
        }
    }
    yes
}

/// Simplification on import, in degrees: about 20 metres, far below what a county map shows.
const KEEP_DETAIL: f64 = 0.0002;

/// Where an area of the file goes.
enum Place {
    /// One of the Trust's districts (its id).
    District(i64),
    /// A ward inside the Trust's district with this id.
    Ward(i64),
    Outside,
}

/// An area of the file, ready to store: its code, name, simplified outline (JSON) and place.
struct Planned {
    code: AreaCode,
    name: String,
    geometry: String,
    place: Place,
}

/// The CPU-heavy part of an import, run on a blocking thread: reads the file, checks the codes,
/// simplifies the outlines and places wards in the Trust's districts (by their outlines in the
/// file, or else as held).
fn plan(
    text: &str,
    districts: &[(i64, String)],
    held: &HashMap<i64, Vec<Ring>>,
) -> Result<Vec<Planned>, BoundaryError> {
    let features = read_boundaries(text)?;
    let mut parsed = Vec::with_capacity(features.len());
    for (i, f) in features.into_iter().enumerate() {
        let code = AreaCode::parse(&f.code).map_err(|_| {
            BoundaryError::Refused(format!(
                "Area {} has the code '{}', which is not an ONS area code: nothing was imported",
                i + 1,
                f.code
            ))
        })?;
        // A ward belongs to the Trust when the middle of its first ring lies in a Trust
        // district; found before simplifying.
        let probe = f.rings.first().filter(|r| !r.is_empty()).map(|r| {
            let n = r.len() as f64;
            (
                r.iter().map(|p| p.0).sum::<f64>() / n,
                r.iter().map(|p| p.1).sum::<f64>() / n,
            )
        });
        let rings: Vec<Ring> = f.rings.iter().map(|r| simplify(r, KEEP_DETAIL)).collect();
        parsed.push((code, f.name, rings, probe));
    }
    // The Trust's districts' outlines (simplified), from the file or as held, with their boxes.
    let outlines: Vec<(i64, &Vec<Ring>, (Point, Point))> = districts
        .iter()
        .filter_map(|(id, code)| {
            let rings = parsed
                .iter()
                .find(|p| p.0.as_str() == code)
                .map(|p| &p.2)
                .or_else(|| held.get(id))?;
            Some((*id, rings, bounds(rings)?))
        })
        .collect();
    let parent_of = |p: Point| {
        outlines
            .iter()
            .filter(|(_, _, ((x0, y0), (x1, y1)))| {
                (*x0..=*x1).contains(&p.0) && (*y0..=*y1).contains(&p.1)
            })
            .find(|(_, rings, _)| rings.iter().filter(|r| inside(p, r)).count() % 2 == 1)
            .map(|(id, _, _)| *id)
    };
    let places: Vec<Place> = parsed
        .iter()
        .map(|(code, _, _, probe)| {
            match (districts.iter().find(|d| d.1 == code.as_str()), code.kind()) {
                (Some((id, _)), _) => Place::District(*id),
                (None, Some(AreaKind::Ward)) => probe
                    .and_then(parent_of)
                    .map_or(Place::Outside, Place::Ward),
                _ => Place::Outside,
            }
        })
        .collect();
    parsed
        .into_iter()
        .zip(places)
        .map(|((code, name, rings, _), place)| {
            Ok(Planned {
                code,
                name,
                geometry: serde_json::to_string(&rings).map_err(|e| DbError::corrupt("area", e))?,
                place,
            })
        })
        .collect()
}

/// Imports outlines: every area code must be an ONS code; the Trust's districts get their
/// outline; wards within them are added (under the district that holds them) with theirs;
/// other areas are skipped and counted. One transaction: a refused file changes nothing.
pub async fn import_boundaries(
    db: &Db,
    actor: &Actor,
    file_name: &str,
    text: &str,
) -> Result<BoundaryReport, BoundaryError> {
    // The Trust's districts: those its partnerships cover.
    let districts: Vec<(i64, String)> = with_pool!(db, pool => sqlx::query_as(
        "SELECT a.id, a.code FROM area a WHERE a.kind = 'district' AND (a.id IN (SELECT area_id FROM partnership_area)
            OR a.parent_id IN (SELECT c.id FROM area c JOIN trust t ON t.county_code = c.code))"
    ).fetch_all(pool).await).map_err(DbError::from)?;
    let held: HashMap<i64, Vec<Ring>> = district_outlines(db).await?.into_iter().collect();
    let known = reference::area_ids(db).await?;
    let owned = text.to_owned();
    let planned = tokio::task::spawn_blocking(move || plan(&owned, &districts, &held))
        .await
        .map_err(|e| BoundaryError::Reading(e.to_string()))??;
    let mut report = BoundaryReport {
        features: planned.len(),
        ..BoundaryReport::default()
    };
    let mut tx = db.begin().await?;
    for p in &planned {
        let id = match p.place {
            Place::District(id) => id,
            Place::Ward(parent) => {
                if !known.contains_key(p.code.as_str()) {
                    report.new_wards += 1;
                }
                reference::upsert_area(&mut tx, &p.code, &p.name, AreaKind::Ward, Some(parent))
                    .await?
            }
            Place::Outside => {
                report.skipped_outside += 1;
                continue;
            }
        };
        // The file names the area too (a district set up by its code alone gets its name).
        with_tx!(&mut tx, conn => sqlx::query("UPDATE area SET geometry = $1, name = $3 WHERE id = $2")
            .bind(&p.geometry).bind(id).bind(&p.name).execute(&mut *conn).await.map(|r| r.rows_affected()))
        .map_err(DbError::from)?;
        report.stored += 1;
    }
    if report.stored == 0 {
        return Err(BoundaryError::Refused(format!(
            "None of the {} areas in the file is in the Trust: nothing was imported",
            report.features
        )));
    }
    audit::record(
        &mut tx,
        Record {
            actor,
            action: AuditAction::Update,
            entity_type: "boundaries",
            entity_id: file_name.to_string(),
            partnership_id: None,
            summary: format!(
                "Imported boundaries from {file_name} ({} bytes): {} outlines stored, {} wards added, {} areas outside the Trust skipped",
                text.len(), report.stored, report.new_wards, report.skipped_outside
            ),
            before: None,
            after: Some(serde_json::json!({
                "file_name": file_name,
                "size_bytes": text.len(),
                "areas": report.features,
                "stored": report.stored,
                "new_wards": report.new_wards,
            })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(report)
}

/// The stored outlines of the districts the Trust's partnerships cover, by area id.
async fn district_outlines(db: &Db) -> DbResult<Vec<(i64, Vec<Ring>)>> {
    let rows: Vec<(i64, String)> = with_pool!(db, pool => sqlx::query_as(
        "SELECT a.id, a.geometry FROM area a WHERE a.kind = 'district' AND a.geometry IS NOT NULL
           AND (a.id IN (SELECT area_id FROM partnership_area)
                OR a.parent_id IN (SELECT c.id FROM area c JOIN trust t ON t.county_code = c.code))"
    ).fetch_all(pool).await)?;
    rows.into_iter()
        .map(|(id, g)| {
            serde_json::from_str(&g)
                .map(|rings| (id, rings))
                .map_err(|e| DbError::corrupt("area", e))
        })
        .collect()
}

/// Each partnership's areas with their outlines (where held), in one query.
pub async fn partnership_outlines(db: &Db) -> DbResult<HashMap<i64, Vec<Feature>>> {
    let rows: Vec<(i64, String, String, Option<String>)> = with_pool!(db, pool => sqlx::query_as(
        "SELECT pa.partnership_id, a.code, a.name, a.geometry
         FROM partnership_area pa JOIN area a ON a.id = pa.area_id ORDER BY pa.partnership_id, a.code"
    ).fetch_all(pool).await)?;
    let mut out: HashMap<i64, Vec<Feature>> = HashMap::new();
    for (pid, code, name, geometry) in rows {
        let rings: Vec<Ring> = match geometry {
            Some(g) => serde_json::from_str(&g).map_err(|e| DbError::corrupt("area", e))?,
            None => vec![],
        };
        out.entry(pid)
            .or_default()
            .push(Feature { code, name, rings });
    }
    Ok(out)
}

/// Whether the public map is published, and the indicator it is shaded by.
pub async fn publication(db: &Db) -> DbResult<(bool, Option<String>)> {
    Ok(with_pool!(db, pool => sqlx::query_as(
        "SELECT published, indicator_code FROM map_publication WHERE id = 1"
    ).fetch_one(pool).await)?)
}

pub async fn set_publication(
    tx: &mut super::Tx,
    actor: &Actor,
    published: bool,
    indicator: Option<&str>,
) -> DbResult<()> {
    with_tx!(tx, conn => sqlx::query(
        "UPDATE map_publication SET published = $1, indicator_code = $2, updated_at = $3, updated_by = $4 WHERE id = 1"
    ).bind(published).bind(indicator).bind(super::now()).bind(&actor.name)
     .execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    audit::record(
        tx,
        Record {
            actor,
            action: AuditAction::Update,
            entity_type: "public_map",
            entity_id: "1".into(),
            partnership_id: None,
            summary: if published {
                format!(
                    "Published the map, shaded by {}",
                    indicator.unwrap_or("plan stage")
                )
            } else {
                "Took the public map down".into()
            },
            before: None,
            after: Some(serde_json::json!({ "published": published, "indicator": indicator })),
        },
    )
    .await
}

/// Each partnership's slug, name and the codes of the areas it covers.
pub async fn partnership_area_codes(db: &Db) -> DbResult<Vec<(String, String, String)>> {
    let rows: Vec<(String, String, Option<String>)> = with_pool!(db, pool => sqlx::query_as(
        "SELECT p.slug, p.name, a.code FROM partnership p
         LEFT JOIN partnership_area pa ON pa.partnership_id = p.id LEFT JOIN area a ON a.id = pa.area_id
         ORDER BY p.name, a.code"
    ).fetch_all(pool).await)?;
    let mut out: Vec<(String, String, String)> = Vec::new();
    for (slug, name, code) in rows {
        match out.last_mut() {
            Some(last) if last.0 == slug => {
                if let Some(c) = code {
                    last.2 = format!("{} {c}", last.2).trim().to_string();
                }
            }
            _ => out.push((slug, name, code.unwrap_or_default())),
        }
    }
    Ok(out)
}

/// Sets the areas a partnership covers (districts or wards), replacing those it had. `Err`
/// names the codes that are not areas Trustboard holds; nothing is changed then.
pub async fn set_partnership_areas(
    db: &Db,
    actor: &Actor,
    partnership_id: i64,
    codes: &[String],
) -> DbResult<Result<(), Vec<String>>> {
    let known = reference::area_ids(db).await?;
    let unknown: Vec<String> = codes
        .iter()
        .filter(|c| !known.contains_key(c.as_str()))
        .cloned()
        .collect();
    if !unknown.is_empty() {
        return Ok(Err(unknown));
    }
    let mut tx = db.begin().await?;
    with_tx!(&mut tx, conn => sqlx::query("DELETE FROM partnership_area WHERE partnership_id = $1")
        .bind(partnership_id).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    for code in codes {
        let id = known[code.as_str()];
        with_tx!(&mut tx, conn => sqlx::query(
            "INSERT INTO partnership_area (partnership_id, area_id) VALUES ($1, $2) ON CONFLICT DO NOTHING"
        ).bind(partnership_id).bind(id).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    }
    audit::record(
        &mut tx,
        Record {
            actor,
            action: AuditAction::Update,
            entity_type: "partnership_areas",
            entity_id: partnership_id.to_string(),
            partnership_id: Some(partnership_id),
            summary: format!("Set the partnership's areas: {}", codes.join(", ")),
            before: None,
            after: Some(serde_json::json!({ "areas": codes })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Ok(()))
}
