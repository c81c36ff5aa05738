//! Boundaries for the partnership map: reading ONS-coded GeoJSON and TopoJSON, joining wards
//! into one area, simplifying and projecting onto the page, and writing SVG paths. Pure code,
//! unit-tested; the map capability stores and draws what this produces.

use super::ParseError;
use serde_json::Value;
use std::collections::HashMap;

/// A point as (longitude, latitude) in degrees.
pub type Point = (f64, f64);
/// A closed ring of points (the first is not repeated at the end).
pub type Ring = Vec<Point>;

/// One area's boundary: its ONS code, its name, and its rings (outer rings and holes alike;
/// drawn with the even-odd rule).
#[derive(Debug, Clone, PartialEq)]
pub struct Feature {
    pub code: String,
    pub name: String,
    pub rings: Vec<Ring>,
}

/// The ONS code and name of a feature, from properties such as `LAD13CD`/`LAD13NM` or
/// `WD13CD`/`WD13NM` (any year), or `code`/`name`.
fn code_and_name(properties: &Value, id: Option<&Value>) -> Option<(String, String)> {
    let obj = properties.as_object();
    let find = |suffix: &str, plain: &str| {
        obj.and_then(|o| {
            o.iter()
                .find(|(k, v)| {
                    let k = k.to_ascii_uppercase();
                    (k.ends_with(suffix) && k.len() <= 8 || k == plain) && v.is_string()
                })
                .and_then(|(_, v)| v.as_str().map(str::to_string))
        })
    };
    let code = find("CD", "CODE").or_else(|| id.and_then(|v| v.as_str()).map(str::to_string))?;
    let name = find("NM", "NAME").unwrap_or_else(|| code.clone());
    Some((code, name))
}

fn point(v: &Value) -> Option<Point> {
    let a = v.as_array()?;
    Some((a.first()?.as_f64()?, a.get(1)?.as_f64()?))
}

fn ring_of(v: &Value) -> Option<Ring> {
    let mut ring: Ring = v.as_array()?.iter().map(point).collect::<Option<_>>()?;
    if ring.len() > 1 && ring.first() == ring.last() {
        ring.pop();
    }
    (ring.len() >= 3).then_some(ring)
}

fn polygon_rings(v: &Value) -> Option<Vec<Ring>> {
    v.as_array()?.iter().map(ring_of).collect()
}

/// Reads a GeoJSON FeatureCollection of Polygons and MultiPolygons.
pub fn parse_geojson(text: &str) -> Result<Vec<Feature>, ParseError> {
    let doc: Value = serde_json::from_str(text)
        .map_err(|e| ParseError::new(format!("The file is not JSON: {e}")))?;
    if doc.get("type").and_then(Value::as_str) != Some("FeatureCollection") {
        return Err(ParseError::new(
            "The file is not a GeoJSON FeatureCollection",
        ));
    }
    let features = doc
        .get("features")
        .and_then(Value::as_array)
        .ok_or_else(|| ParseError::new("The GeoJSON file has no features"))?;
    let mut out = Vec::new();
    for (i, f) in features.iter().enumerate() {
        let n = i + 1;
        let (code, name) = code_and_name(f.get("properties").unwrap_or(&Value::Null), f.get("id"))
            .ok_or_else(|| ParseError::new(format!("Feature {n} has no area code")))?;
        let geometry = f.get("geometry").unwrap_or(&Value::Null);
        let coords = geometry.get("coordinates").unwrap_or(&Value::Null);
        let rings = match geometry.get("type").and_then(Value::as_str) {
            Some("Polygon") => polygon_rings(coords),
            Some("MultiPolygon") => coords
                .as_array()
                .and_then(|ps| ps.iter().map(polygon_rings).collect::<Option<Vec<_>>>())
                .map(|v| v.into_iter().flatten().collect()),
            other => {
                return Err(ParseError::new(format!(
                    "Feature {n} ({code}) is a {}, not an area (Polygon or MultiPolygon)",
                    other.unwrap_or("feature without geometry")
                )))
            }
        }
        .ok_or_else(|| {
            ParseError::new(format!("Feature {n} ({code}) has unreadable coordinates"))
        })?;
        out.push(Feature { code, name, rings });
    }
    Ok(out)
}

/// Reads a TopoJSON topology: every Polygon and MultiPolygon in every object, its arcs decoded
/// (quantised and delta-encoded when the topology has a transform).
pub fn parse_topojson(text: &str) -> Result<Vec<Feature>, ParseError> {
    let doc: Value = serde_json::from_str(text)
        .map_err(|e| ParseError::new(format!("The file is not JSON: {e}")))?;
    if doc.get("type").and_then(Value::as_str) != Some("Topology") {
        return Err(ParseError::new("The file is not a TopoJSON Topology"));
    }
    let transform = doc.get("transform").map(|t| {
        let pair = |k: &str| {
            t.get(k)
                .and_then(point)
                .unwrap_or(if k == "scale" { (1.0, 1.0) } else { (0.0, 0.0) })
        };
        (pair("scale"), pair("translate"))
    });
    let arcs: Vec<Vec<Point>> = doc
        .get("arcs")
        .and_then(Value::as_array)
        .ok_or_else(|| ParseError::new("The topology has no arcs"))?
        .iter()
        .map(|arc| {
            let raw: Vec<Point> = arc.as_array()?.iter().map(point).collect::<Option<_>>()?;
            Some(match transform {
                Some(((sx, sy), (tx, ty))) => {
                    let (mut x, mut y) = (0.0, 0.0);
                    raw.into_iter()
                        .map(|(dx, dy)| {
                            x += dx;
                            y += dy;
                            (x * sx + tx, y * sy + ty)
                        })
                        .collect()
                }
                None => raw,
            })
        })
        .collect::<Option<_>>()
        .ok_or_else(|| ParseError::new("The topology's arcs are unreadable"))?;
    let ring_from = |indices: &Value| -> Option<Ring> {
        let mut ring: Ring = Vec::new();
        for i in indices.as_array()? {
            let i = i.as_i64()?;
            let (index, reversed) = if i < 0 {
                ((!i) as usize, true)
            } else {
                (i as usize, false)
            };
            let arc = arcs.get(index)?;
            let mut points: Vec<Point> = arc.clone();
            if reversed {
                points.reverse();
            }
            // Consecutive arcs share their joining point.
            if !ring.is_empty() {
                points.remove(0);
            }
            ring.extend(points);
        }
        if ring.len() > 1 && ring.first() == ring.last() {
            ring.pop();
        }
        (ring.len() >= 3).then_some(ring)
    };
    let mut out = Vec::new();
    let objects = doc
        .get("objects")
        .and_then(Value::as_object)
        .ok_or_else(|| ParseError::new("The topology has no objects"))?;
    for object in objects.values() {
        let geometries = match object.get("geometries").and_then(Value::as_array) {
            Some(g) => g.clone(),
            None => vec![object.clone()],
        };
        for (i, g) in geometries.iter().enumerate() {
            let n = i + 1;
            let (code, name) =
                code_and_name(g.get("properties").unwrap_or(&Value::Null), g.get("id"))
                    .ok_or_else(|| ParseError::new(format!("Geometry {n} has no area code")))?;
            let arcs_of = g.get("arcs").unwrap_or(&Value::Null);
            let rings = match g.get("type").and_then(Value::as_str) {
                Some("Polygon") => arcs_of
                    .as_array()
                    .and_then(|rs| rs.iter().map(ring_from).collect::<Option<Vec<_>>>()),
                Some("MultiPolygon") => arcs_of.as_array().and_then(|ps| {
                    ps.iter()
                        .map(|p| {
                            p.as_array()
                                .and_then(|rs| rs.iter().map(ring_from).collect::<Option<Vec<_>>>())
                        })
                        .collect::<Option<Vec<_>>>()
                        .map(|v| v.into_iter().flatten().collect())
                }),
                other => {
                    return Err(ParseError::new(format!(
                        "Geometry {n} ({code}) is a {}, not an area (Polygon or MultiPolygon)",
                        other.unwrap_or("geometry without a type")
                    )))
                }
            }
            .ok_or_else(|| {
                ParseError::new(format!(
                    "Geometry {n} ({code}) refers to arcs that are not there"
                ))
            })?;
            out.push(Feature { code, name, rings });
        }
    }
    Ok(out)
}

/// Joins areas into one (wards into a partnership's area): edges shared by two areas cancel
/// and the rest are chained into rings. Exact for boundaries that share their vertices, as
/// published ward boundaries do.
pub fn union(parts: &[&Feature]) -> Vec<Ring> {
    type Key = (i64, i64);
    let key = |p: Point| ((p.0 * 1e7).round() as i64, (p.1 * 1e7).round() as i64);
    let mut edges: HashMap<(Key, Key), (Point, usize)> = HashMap::new();
    for f in parts {
        for ring in &f.rings {
            for i in 0..ring.len() {
                let (a, b) = (ring[i], ring[(i + 1) % ring.len()]);
                let (ka, kb) = (key(a), key(b));
                if ka == kb {
                    continue;
                }
                if let Some(entry) = edges.get_mut(&(kb, ka)) {
                    // The same edge the other way round: shared, so inside the union.
                    entry.1 = entry.1.saturating_sub(1);
                    if entry.1 == 0 {
                        edges.remove(&(kb, ka));
                    }
                } else {
                    edges.entry((ka, kb)).or_insert((a, 0)).1 += 1;
                }
            }
        }
    }
    let mut next: HashMap<Key, Vec<(Key, Point)>> = HashMap::new();
    for ((ka, kb), (a, count)) in &edges {
        for _ in 0..*count {
            next.entry(*ka).or_default().push((*kb, *a));
        }
    }
    let mut rings = Vec::new();
    while let Some(&start) = next.keys().next() {
        let mut ring = Vec::new();
        let mut at = start;
        while let Some(list) = next.get_mut(&at) {
            let Some((to, p)) = list.pop() else { break };
            if list.is_empty() {
                next.remove(&at);
            }
            ring.push(p);
            at = to;
            if at == start {
                break;
            }
        }
        if ring.len() >= 3 {
            rings.push(ring);
        }
    }
    rings
}

/// Removes points closer than `tolerance` to the line through their neighbours
/// (Douglas–Peucker), keeping at least a triangle.
pub fn simplify(ring: &[Point], tolerance: f64) -> Ring {
    if ring.len() <= 4 {
        return ring.to_vec();
    }
    fn distance(p: Point, a: Point, b: Point) -> f64 {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let len = (dx * dx + dy * dy).sqrt();
        if len == 0.0 {
            return ((p.0 - a.0).powi(2) + (p.1 - a.1).powi(2)).sqrt();
        }
        ((p.0 - a.0) * dy - (p.1 - a.1) * dx).abs() / len
    }
    fn keep(points: &[Point], tolerance: f64, out: &mut Vec<Point>) {
        let (a, b) = (points[0], points[points.len() - 1]);
        let (mut worst, mut at) = (0.0, 0);
        for (i, p) in points.iter().enumerate().take(points.len() - 1).skip(1) {
            let d = distance(*p, a, b);
            if d > worst {
                worst = d;
                at = i;
            }
        }
        if worst > tolerance && at > 0 {
            keep(&points[..=at], tolerance, out);
            out.pop();
            keep(&points[at..], tolerance, out);
        } else {
            out.push(a);
            out.push(b);
        }
    }
    // A closed ring: split at its farthest point from the first, simplify both halves.
    let far = (1..ring.len())
        .max_by(|&i, &j| {
            let d = |k: usize| (ring[k].0 - ring[0].0).powi(2) + (ring[k].1 - ring[0].1).powi(2);
            d(i).total_cmp(&d(j))
        })
        .unwrap_or(ring.len() / 2);
    let mut closed: Vec<Point> = ring.to_vec();
    closed.push(ring[0]);
    let mut out = Vec::new();
    keep(&closed[..=far], tolerance, &mut out);
    out.pop();
    keep(&closed[far..], tolerance, &mut out);
    out.pop();
    if out.len() < 3 {
        ring.iter()
            .step_by((ring.len() / 3).max(1))
            .take(3)
            .copied()
            .collect()
    } else {
        out
    }
}

/// Projects longitude and latitude onto a page `width` wide, fitted to `bounds` (an
/// equirectangular projection scaled by the cosine of the middle latitude: true to shape at the
/// scale of a county). Returns the projector and the page's height.
pub fn fit(bounds: (Point, Point), width: f64) -> (impl Fn(Point) -> Point, f64) {
    let ((min_x, min_y), (max_x, max_y)) = bounds;
    let k = ((min_y + max_y) / 2.0).to_radians().cos();
    let span_x = ((max_x - min_x) * k).max(1e-9);
    let span_y = (max_y - min_y).max(1e-9);
    let scale = width / span_x;
    let height = span_y * scale;
    (
        move |(x, y): Point| ((x - min_x) * k * scale, (max_y - y) * scale),
        height,
    )
}

/// The smallest box holding every point of the rings.
pub fn bounds<'a>(rings: impl IntoIterator<Item = &'a Ring>) -> Option<(Point, Point)> {
    let mut b: Option<(Point, Point)> = None;
    for p in rings.into_iter().flatten() {
        b = Some(match b {
            None => (*p, *p),
            Some(((a, c), (d, e))) => ((a.min(p.0), c.min(p.1)), (d.max(p.0), e.max(p.1))),
        });
    }
    b
}

/// An SVG path for projected rings, to one decimal place.
pub fn svg_path(rings: &[Ring]) -> String {
    let mut d = String::new();
    for ring in rings {
        for (i, (x, y)) in ring.iter().enumerate() {
            d.push(if i == 0 { 'M' } else { 'L' });
            d.push_str(&format!("{x:.1} {y:.1}"));
        }
        d.push('Z');
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square(x: f64, y: f64) -> Ring {
        vec![(x, y), (x + 1.0, y), (x + 1.0, y + 1.0), (x, y + 1.0)]
    }

    fn area(ring: &Ring) -> f64 {
        (0..ring.len())
            .map(|i| {
                let (a, b) = (ring[i], ring[(i + 1) % ring.len()]);
                a.0 * b.1 - b.0 * a.1
            })
            .sum::<f64>()
            .abs()
            / 2.0
    }

    #[test]
    fn geojson_features_with_ons_codes() {
        let text = r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"WD13CD":"E05004531","WD13NM":"Alverstoke"},
             "geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}},
            {"type":"Feature","properties":{"LAD21CD":"E07000088","LAD21NM":"Gosport"},
             "geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[2,2],[3,2],[3,3],[2,2]]]]}}]}"#;
        let f = parse_geojson(text).unwrap();
        assert_eq!(
            (f[0].code.as_str(), f[0].name.as_str()),
            ("E05004531", "Alverstoke")
        );
        assert_eq!(f[0].rings[0].len(), 4, "the closing point is dropped");
        assert_eq!(f[1].rings.len(), 2);
    }

    #[test]
    fn bad_files_are_named_clearly() {
        assert!(parse_geojson("not json")
            .unwrap_err()
            .0
            .contains("not JSON"));
        assert!(parse_geojson(r#"{"type":"Topology"}"#)
            .unwrap_err()
            .0
            .contains("FeatureCollection"));
        let point = r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"LAD13CD":"E07000088"},"geometry":{"type":"Point","coordinates":[0,0]}}]}"#;
        assert!(parse_geojson(point)
            .unwrap_err()
            .0
            .contains("is a Point, not an area"));
        let uncoded = r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1]]]}}]}"#;
        assert!(parse_geojson(uncoded)
            .unwrap_err()
            .0
            .contains("no area code"));
        assert!(parse_topojson(r#"{"type":"Topology","objects":{"x":{"type":"GeometryCollection","geometries":[{"type":"Polygon","arcs":[[7]],"id":"E1"}]}},"arcs":[]}"#)
            .unwrap_err().0.contains("not there"));
    }

    #[test]
    fn topojson_arcs_are_decoded_and_shared() {
        // Two squares sharing the edge x = 1, quantised with a transform.
        let text = r#"{"type":"Topology","transform":{"scale":[0.5,0.5],"translate":[10,20]},
            "objects":{"lad":{"type":"GeometryCollection","geometries":[
              {"type":"Polygon","properties":{"LAD13CD":"E1","LAD13NM":"West"},"arcs":[[0,1]]},
              {"type":"Polygon","properties":{"LAD13CD":"E2","LAD13NM":"East"},"arcs":[[-1,2]]}]}},
            "arcs":[[[2,0],[0,2]],[[2,2],[-2,0],[0,-2],[2,0]],[[2,0],[2,0],[0,2],[-2,0]]]}"#;
        let f = parse_topojson(text).unwrap();
        assert_eq!(f.len(), 2);
        assert_eq!(
            f[0].rings[0],
            vec![(11.0, 20.0), (11.0, 21.0), (10.0, 21.0), (10.0, 20.0)]
        );
        assert!(
            (area(&f[1].rings[0]) - 1.0 * 0.5 * 0.5 * 4.0).abs() < 1e-9,
            "{:?}",
            f[1].rings
        );
    }

    #[test]
    fn the_union_of_neighbours_is_their_outline() {
        let a = Feature {
            code: "A".into(),
            name: "A".into(),
            rings: vec![square(0.0, 0.0)],
        };
        let b = Feature {
            code: "B".into(),
            name: "B".into(),
            rings: vec![square(1.0, 0.0)],
        };
        let c = Feature {
            code: "C".into(),
            name: "C".into(),
            rings: vec![square(5.0, 5.0)],
        };
        let joined = union(&[&a, &b]);
        assert_eq!(joined.len(), 1, "one outline: {joined:?}");
        assert!((area(&joined[0]) - 2.0).abs() < 1e-9);
        assert_eq!(union(&[&a, &b, &c]).len(), 2, "apart areas stay apart");
    }

    #[test]
    fn simplification_keeps_the_shape() {
        let mut ring = Vec::new();
        for i in 0..100 {
            ring.push((i as f64 / 100.0, 0.0001 * ((i % 2) as f64)));
        }
        ring.extend([(1.0, 1.0), (0.0, 1.0)]);
        let s = simplify(&ring, 0.01);
        assert!(s.len() <= 6, "{}", s.len());
        assert!((area(&s) - 1.0).abs() < 0.02);
    }

    #[test]
    fn projection_fits_the_width() {
        let b = bounds([&square(-1.2, 50.7)]).unwrap();
        let (project, height) = fit(b, 600.0);
        let (x0, y0) = project((-1.2, 51.7));
        let (x1, y1) = project((-0.2, 50.7));
        assert!((x0 - 0.0).abs() < 1e-9 && (y0 - 0.0).abs() < 1e-9);
        assert!((x1 - 600.0).abs() < 1e-6 && (y1 - height).abs() < 1e-6);
        assert!(
            height > 600.0,
            "a degree of latitude is longer than one of longitude here"
        );
        assert_eq!(
            svg_path(&[vec![(0.0, 0.0), (1.26, 2.0), (3.0, 4.04)]]),
            "M0.0 0.0L1.3 2.0L3.0 4.0Z"
        );
    }
}
