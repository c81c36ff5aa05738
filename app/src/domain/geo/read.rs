//! Reading boundary files: ONS-coded GeoJSON FeatureCollections and TopoJSON Topologies of
//! Polygons and MultiPolygons. Total: whatever the file holds, the answer is the areas or a
//! reason written for the person who uploaded it, never a panic; and the work is capped (file
//! size, areas, points once TopoJSON's shared arcs are laid out), counted as it goes.

use super::{Feature, Point, Ring};
use crate::domain::ParseError;
use serde_json::Value;
use std::fmt::Display;

/// The largest boundary file read. A county's wards at full resolution are a few megabytes.
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;
/// The most areas (features or geometries) in one file: England has about 7,000 wards.
pub const MAX_FEATURES: usize = 20_000;
/// The most points in one file, counted after TopoJSON's shared arcs are copied into each ring
/// that uses them. England's districts hold about 214,000.
pub const MAX_POINTS: usize = 3_000_000;

/// `n` with thousands separators, as people write it.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn refuse(message: impl Into<String>) -> ParseError {
    ParseError::new(message)
}

/// A JSON value shown in a message: at most 40 characters of it.
fn shown(v: &Value) -> String {
    let text = v.to_string();
    match text.char_indices().nth(40) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text,
    }
}

/// The points taken so far, refused before they go beyond [`MAX_POINTS`].
#[derive(Default)]
struct Budget(usize);

impl Budget {
    fn take(&mut self, n: usize) -> Result<(), ParseError> {
        self.0 = self.0.saturating_add(n);
        if self.0 > MAX_POINTS {
            return Err(refuse(format!(
                "The file has more than {} points (counting each shared edge once for every area \
                 that uses it): Trustboard reads at most {}. Use a generalised boundary file, such \
                 as the ONS's \"BGC\" or \"BUC\" editions",
                thousands(MAX_POINTS),
                thousands(MAX_POINTS)
            )));
        }
        Ok(())
    }
}

fn too_many_areas(n: usize) -> ParseError {
    refuse(format!(
        "The file has {} areas, more than the {} Trustboard reads: use a file of the county's \
         districts or wards",
        thousands(n),
        thousands(MAX_FEATURES)
    ))
}

/// Parses the text as JSON, within the size cap.
fn json(text: &str) -> Result<Value, ParseError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(refuse(format!(
            "The file is larger than {} MB: Trustboard reads boundary files of at most {} MB",
            MAX_FILE_BYTES / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    serde_json::from_str(text).map_err(|e| {
        if e.to_string().contains("recursion limit") {
            refuse(format!(
                "The file nests lists or objects too deeply (near line {}): a boundary file nests \
                 them at most a few levels",
                e.line()
            ))
        } else {
            refuse(format!("The file is not JSON: {e}"))
        }
    })
}

/// Reads a GeoJSON FeatureCollection or a TopoJSON Topology; refuses a file with no areas.
pub fn parse_boundaries(text: &str) -> Result<Vec<Feature>, ParseError> {
    let doc = json(text)?;
    let features = match doc.get("type").and_then(Value::as_str) {
        Some("Topology") => topojson(&doc)?,
        Some("FeatureCollection") => geojson(&doc)?,
        _ => {
            return Err(refuse(
                "The file is neither GeoJSON (a FeatureCollection) nor TopoJSON (a Topology)",
            ))
        }
    };
    if features.is_empty() {
        return Err(refuse("The file holds no areas"));
    }
    Ok(features)
}

/// Reads a GeoJSON FeatureCollection of Polygons and MultiPolygons.
pub fn parse_geojson(text: &str) -> Result<Vec<Feature>, ParseError> {
    geojson(&json(text)?)
}

/// Reads a TopoJSON topology: every Polygon and MultiPolygon in every object, its arcs decoded
/// (quantised and delta-encoded when the topology has a transform).
pub fn parse_topojson(text: &str) -> Result<Vec<Feature>, ParseError> {
    topojson(&json(text)?)
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

/// A point checked to be a longitude and latitude in degrees. `hint` ends the message when it
/// is not (what may have gone wrong).
fn lon_lat((x, y): Point, at: &dyn Display, hint: &str) -> Result<Point, ParseError> {
    if !x.is_finite() || !y.is_finite() {
        return Err(refuse(format!(
            "{at} has a coordinate that is not a finite number"
        )));
    }
    if !(-180.0..=180.0).contains(&x) || !(-90.0..=90.0).contains(&y) {
        return Err(refuse(format!(
            "{at} has the point ({x}, {y}), which is not a longitude and latitude in degrees: \
             Trustboard reads boundaries in WGS 84 (longitude, latitude), as the ONS publishes \
             them{hint}"
        )));
    }
    Ok((x, y))
}

/// Two numbers from a position (`[x, y]`, perhaps with a height after them).
fn pair(v: &Value) -> Option<Point> {
    match v.as_array()?.as_slice() {
        [x, y, ..] => Some((x.as_f64()?, y.as_f64()?)),
        _ => None,
    }
}

/// Drops a repeated closing point and checks that a ring is one.
fn close(mut ring: Ring, at: &dyn Display) -> Result<Ring, ParseError> {
    if ring.len() > 1 && ring.first() == ring.last() {
        ring.pop();
    }
    match ring.len() {
        0 => Err(refuse(format!("{at} has an empty ring"))),
        n @ (1 | 2) => Err(refuse(format!(
            "{at} has a ring of {n} point{}: a ring needs at least three",
            if n == 1 { "" } else { "s" }
        ))),
        _ => Ok(ring),
    }
}

/// A list, or a refusal saying what `v` should have been.
fn list<'a>(v: &'a Value, at: &dyn Display, what: &str) -> Result<&'a [Value], ParseError> {
    v.as_array().map(Vec::as_slice).ok_or_else(|| {
        refuse(format!(
            "{at} has {what} that is not a list (it is {})",
            shown(v)
        ))
    })
}

/// Which area a message is about: "Feature 3 (E05004531)".
struct Place<'a> {
    kind: &'static str,
    n: usize,
    code: &'a str,
}

impl Display for Place<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {} ({})", self.kind, self.n, self.code)
    }
}

/// The rings of a Polygon, or of every polygon of a MultiPolygon, built by `ring`.
fn polygons(
    kind: Option<&str>,
    v: &Value,
    at: &dyn Display,
    ring: &mut dyn FnMut(&Value) -> Result<Ring, ParseError>,
) -> Result<Vec<Ring>, ParseError> {
    let mut polygon = |p: &Value| -> Result<Vec<Ring>, ParseError> {
        let rings = list(p, at, "a polygon")?;
        if rings.is_empty() {
            return Err(refuse(format!("{at} has a polygon with no rings")));
        }
        rings.iter().map(&mut *ring).collect()
    };
    let rings: Vec<Ring> = match kind {
        Some("Polygon") => polygon(v)?,
        Some("MultiPolygon") => {
            let mut all = Vec::new();
            for p in list(v, at, "a list of polygons")? {
                all.extend(polygon(p)?);
            }
            all
        }
        other => {
            return Err(refuse(format!(
                "{at} is a {}, not an area (Polygon or MultiPolygon)",
                other.unwrap_or("shape without a type")
            )))
        }
    };
    if rings.is_empty() {
        return Err(refuse(format!("{at} has no polygons")));
    }
    Ok(rings)
}

fn geojson(doc: &Value) -> Result<Vec<Feature>, ParseError> {
    if doc.get("type").and_then(Value::as_str) != Some("FeatureCollection") {
        return Err(refuse("The file is not a GeoJSON FeatureCollection"));
    }
    let features = doc
        .get("features")
        .and_then(Value::as_array)
        .ok_or_else(|| refuse("The GeoJSON file has no features"))?;
    if features.len() > MAX_FEATURES {
        return Err(too_many_areas(features.len()));
    }
    let mut budget = Budget::default();
    let mut out = Vec::with_capacity(features.len());
    for (i, f) in features.iter().enumerate() {
        let n = i + 1;
        let (code, name) = code_and_name(f.get("properties").unwrap_or(&Value::Null), f.get("id"))
            .ok_or_else(|| refuse(format!("Feature {n} has no area code")))?;
        let at = Place {
            kind: "Feature",
            n,
            code: &code,
        };
        let geometry = f.get("geometry").unwrap_or(&Value::Null);
        let coords = geometry.get("coordinates").unwrap_or(&Value::Null);
        let kind = geometry
            .get("type")
            .and_then(Value::as_str)
            .or(geometry.is_null().then_some("feature without geometry"));
        let rings = polygons(kind, coords, &at, &mut |r| {
            let positions = list(r, &at, "a ring")?;
            budget.take(positions.len())?;
            let ring = positions
                .iter()
                .map(|p| {
                    let xy = pair(p).ok_or_else(|| {
                        refuse(format!(
                            "{at} has a position that is not a pair of numbers: {}",
                            shown(p)
                        ))
                    })?;
                    lon_lat(xy, &at, "")
                })
                .collect::<Result<Ring, _>>()?;
            close(ring, &at)
        })?;
        out.push(Feature { code, name, rings });
    }
    Ok(out)
}

/// The topology's arcs, decoded into longitude and latitude.
fn arcs(doc: &Value) -> Result<Vec<Vec<Point>>, ParseError> {
    let transform = match doc.get("transform") {
        None => None,
        Some(t) => {
            let part = |k: &str| {
                t.get(k)
                    .and_then(pair)
                    .filter(|(x, y)| x.is_finite() && y.is_finite())
                    .ok_or_else(|| {
                        refuse(format!(
                            "The topology's transform has no {k} (a pair of numbers)"
                        ))
                    })
            };
            Some((part("scale")?, part("translate")?))
        }
    };
    let hint = if transform.is_none() {
        " (the topology has no transform, so its arcs must hold longitude and latitude \
         themselves; a quantised topology needs its transform)"
    } else {
        ""
    };
    let arcs = doc
        .get("arcs")
        .and_then(Value::as_array)
        .ok_or_else(|| refuse("The topology has no arcs"))?;
    let mut budget = Budget::default();
    let mut out = Vec::with_capacity(arcs.len());
    for (i, arc) in arcs.iter().enumerate() {
        let at = format!("Arc {i}");
        let positions = list(arc, &at, "a list of positions")?;
        match positions.len() {
            0 => {
                return Err(refuse(format!(
                    "Arc {i} is empty: an arc joins two points or more"
                )))
            }
            1 => {
                return Err(refuse(format!(
                    "Arc {i} has only one point: an arc joins two points or more"
                )))
            }
            n => budget.take(n)?,
        }
        let (mut x, mut y) = (0.0, 0.0);
        let mut points = Vec::with_capacity(positions.len());
        for p in positions {
            let (a, b) = pair(p).ok_or_else(|| {
                refuse(format!(
                    "Arc {i} has a position that is not a pair of numbers: {}",
                    shown(p)
                ))
            })?;
            let point = match transform {
                Some(((sx, sy), (tx, ty))) => {
                    x += a;
                    y += b;
                    (x * sx + tx, y * sy + ty)
                }
                None => (a, b),
            };
            points.push(lon_lat(point, &at, hint)?);
        }
        out.push(points);
    }
    Ok(out)
}

/// A ring laid out from arc indices (`!i` or `-i - 1` for arc `i` reversed), counting its points
/// against the budget before copying them.
fn topo_ring(
    indices: &Value,
    arcs: &[Vec<Point>],
    at: &dyn Display,
    budget: &mut Budget,
) -> Result<Ring, ParseError> {
    let indices = list(indices, at, "a ring")?;
    if indices.is_empty() {
        return Err(refuse(format!("{at} has an empty ring (no arcs)")));
    }
    let mut ring: Ring = Vec::new();
    for v in indices {
        let i = v.as_i64().ok_or_else(|| {
            refuse(format!(
                "{at} refers to the arc {}, which is not an arc number (a whole number)",
                shown(v)
            ))
        })?;
        let (index, reversed) = if i < 0 { (!i, true) } else { (i, false) };
        let arc = usize::try_from(index)
            .ok()
            .and_then(|k| arcs.get(k))
            .ok_or_else(|| {
                refuse(format!(
                    "{at} refers to arc {i}{}, but the topology has only {} arcs (0 to {}): the \
                     arcs are not there",
                    if reversed {
                        format!(" (arc {index} reversed)")
                    } else {
                        String::new()
                    },
                    arcs.len(),
                    arcs.len().saturating_sub(1)
                ))
            })?;
        // Consecutive arcs share their joining point.
        let skip = usize::from(!ring.is_empty());
        budget.take(arc.len().saturating_sub(skip))?;
        if reversed {
            ring.extend(arc.iter().rev().skip(skip));
        } else {
            ring.extend(arc.iter().skip(skip));
        }
    }
    close(ring, at)
}

fn topojson(doc: &Value) -> Result<Vec<Feature>, ParseError> {
    if doc.get("type").and_then(Value::as_str) != Some("Topology") {
        return Err(refuse("The file is not a TopoJSON Topology"));
    }
    let objects = doc
        .get("objects")
        .and_then(Value::as_object)
        .ok_or_else(|| refuse("The topology has no objects"))?;
    // Each object is a GeometryCollection or a single geometry.
    let mut collections = Vec::with_capacity(objects.len());
    for (name, object) in objects {
        collections.push(match object.get("geometries") {
            None => std::slice::from_ref(object),
            Some(g) => list(g, &format!("The object '{name}'"), "geometries")?,
        });
    }
    let total: usize = collections.iter().map(|c| c.len()).sum();
    if total > MAX_FEATURES {
        return Err(too_many_areas(total));
    }
    let arcs = arcs(doc)?;
    let mut budget = Budget::default();
    let mut out = Vec::with_capacity(total);
    for geometries in collections {
        for (i, g) in geometries.iter().enumerate() {
            let n = i + 1;
            let (code, name) =
                code_and_name(g.get("properties").unwrap_or(&Value::Null), g.get("id"))
                    .ok_or_else(|| refuse(format!("Geometry {n} has no area code")))?;
            let at = Place {
                kind: "Geometry",
                n,
                code: &code,
            };
            let kind = g.get("type").and_then(Value::as_str);
            let rings = polygons(kind, g.get("arcs").unwrap_or(&Value::Null), &at, &mut |r| {
                topo_ring(r, &arcs, &at, &mut budget)
            })?;
            out.push(Feature { code, name, rings });
        }
    }
    Ok(out)
}
