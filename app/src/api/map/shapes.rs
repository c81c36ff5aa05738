//! The map's shapes: the partnerships' outlines joined, projected and simplified (or a hex map
//! without boundaries), kept in memory while the data version stands still.

use super::*;

#[cfg(feature = "ssr")]
pub(super) fn hexagon(cx: f64, cy: f64, r: f64) -> Vec<(f64, f64)> {
    (0..6)
        .map(|i| {
            let a = std::f64::consts::PI / 180.0 * (60.0 * i as f64 - 30.0);
            (cx + r * a.cos(), cy + r * a.sin())
        })
        .collect()
}

/// The drawn shapes of the partnerships' areas, projected and simplified.
#[cfg(feature = "ssr")]
#[derive(Debug)]
pub struct Shapes {
    pub version: i64,
    pub hex: bool,
    pub height: f64,
    /// In the partnerships' order: the SVG path, where its name goes and the room there.
    pub paths: Vec<(String, LabelSpot)>,
}

/// Where an area's name goes, and the room there (map units).
#[cfg(feature = "ssr")]
pub type LabelSpot = ((f64, f64), (f64, f64));

/// The shapes as cached by this server.
#[cfg(feature = "ssr")]
pub type ShapesCache = std::sync::Arc<std::sync::RwLock<Option<std::sync::Arc<Shapes>>>>;

#[cfg(feature = "ssr")]
pub(super) const WIDTH: f64 = 800.0;

/// Parsing, joining, projecting and simplifying the outlines is the map's costly part: it is
/// done again only when the data version moves (any change to areas, outlines or partnerships).
#[cfg(feature = "ssr")]
pub(super) async fn map_shapes(
    ctx: &crate::api::ServerContext,
    partnerships: &[crate::db::dashboard::PartnershipArea],
) -> Result<std::sync::Arc<Shapes>, AppError> {
    use crate::db::{boundaries, dashboard as q};
    use crate::domain::geo::{bounds, fit, label_point, simplify, svg_path, union, Ring};
    let version = q::data_version(&ctx.db).await?;
    if let Ok(cached) = ctx.map_shapes.read() {
        if let Some(s) = cached
            .as_ref()
            .filter(|s| s.version == version && s.paths.len() == partnerships.len())
        {
            return Ok(s.clone());
        }
    }
    let outlines = boundaries::partnership_outlines(&ctx.db).await?;
    // Each partnership's rings: one area's outline, or the union of several.
    let mut shapes: Vec<(usize, Vec<Ring>)> = Vec::new();
    for (i, p) in partnerships.iter().enumerate() {
        let features = outlines.get(&p.id).cloned().unwrap_or_default();
        let with_rings: Vec<_> = features.iter().filter(|f| !f.rings.is_empty()).collect();
        let rings = match with_rings.len() {
            0 => vec![],
            1 => with_rings[0].rings.clone(),
            _ => union(&with_rings),
        };
        shapes.push((i, rings));
    }
    let hex = shapes.iter().any(|(_, r)| r.is_empty());
    let (paths, height): (Vec<(String, LabelSpot)>, f64) = if hex {
        // A generated hex map: rows of hexagons, in the partnerships' order.
        let r = 56.0;
        let cols = ((partnerships.len() as f64).sqrt().ceil() as usize).max(1);
        let w = r * 3f64.sqrt();
        let rows = partnerships.len().div_ceil(cols);
        let paths = (0..partnerships.len())
            .map(|i| {
                let (row, col) = (i / cols, i % cols);
                let cx = w / 2.0 + 10.0 + col as f64 * w + if row % 2 == 1 { w / 2.0 } else { 0.0 };
                let cy = r + 10.0 + row as f64 * r * 1.5;
                (
                    svg_path(&[hexagon(cx, cy, r - 2.0)]),
                    ((cx, cy), (w - 4.0, r)),
                )
            })
            .collect();
        (paths, rows as f64 * r * 1.5 + r + 20.0)
    } else {
        let all: Vec<&Ring> = shapes.iter().flat_map(|(_, r)| r.iter()).collect();
        let b = bounds(all.iter().copied()).unwrap_or(((0.0, 0.0), (1.0, 1.0)));
        let (project, height) = fit(b, WIDTH - 20.0);
        let paths = shapes
            .iter()
            .map(|(_, rings)| {
                let projected: Vec<Ring> = rings
                    .iter()
                    .map(|r| {
                        let pr: Ring = r
                            .iter()
                            .map(|p| {
                                let (x, y) = project(*p);
                                (x + 10.0, y + 10.0)
                            })
                            .collect();
                        // Under a pixel: invisible at the page's size, and it keeps the map small.
                        simplify(&pr, 0.8)
                    })
                    .collect();
                let spot = label_point(&projected).unwrap_or_default();
                (svg_path(&projected), spot)
            })
            .collect();
        (paths, height + 20.0)
    };

    let shapes = std::sync::Arc::new(Shapes {
        version,
        hex,
        height,
        paths,
    });
    if let Ok(mut cache) = ctx.map_shapes.write() {
        *cache = Some(shapes.clone());
    }
    Ok(shapes)
}
