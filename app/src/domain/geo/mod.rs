//! Boundaries for the partnership map: reading ONS-coded GeoJSON and TopoJSON, joining wards
//! into one area, simplifying and projecting onto the page, and writing SVG paths. Pure code,
//! unit-tested; the map capability stores and draws what this produces. Reading is total: a
//! hostile or broken file is refused with a reason, within caps on size, areas and points.

use std::collections::HashMap;

mod read;

pub use read::{
    parse_boundaries, parse_geojson, parse_topojson, thousands, MAX_FEATURES, MAX_FILE_BYTES,
    MAX_POINTS,
};

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
    /// Keeps the ends of `points` and, between them, every point that lies farther than
    /// `tolerance` from the line through the points kept either side of it. With a work list
    /// rather than recursion, so that no ring (however hostile) can exhaust the stack; and
    /// within a budget of distances worked out, since a crafted ring (a zigzag of shrinking
    /// teeth) makes the method quadratic: a stretch beyond the budget is kept as it is.
    fn keep(points: &[Point], tolerance: f64, out: &mut Vec<Point>) {
        let Some(last) = points.len().checked_sub(1) else {
            return;
        };
        let mut kept = vec![false; points.len()];
        kept[0] = true;
        kept[last] = true;
        let mut work = vec![(0, last)];
        let mut budget = points.len().saturating_mul(64);
        while let Some((lo, hi)) = work.pop() {
            let between = hi - lo - 1;
            if between > budget {
                kept[lo..=hi].fill(true);
                continue;
            }
            budget -= between;
            let (a, b) = (points[lo], points[hi]);
            let (mut worst, mut at) = (0.0, lo);
            for (i, p) in points.iter().enumerate().take(hi).skip(lo + 1) {
                let d = distance(*p, a, b);
                if d > worst {
                    worst = d;
                    at = i;
                }
            }
            if worst > tolerance && at > lo {
                kept[at] = true;
                work.push((lo, at));
                work.push((at, hi));
            }
        }
        out.extend(points.iter().zip(kept).filter_map(|(p, k)| k.then_some(*p)));
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

/// Where an area's name goes: the middle of the widest span across it (tried along horizontal
/// lines through its height, inside by the even-odd rule, so never in a hole or a bay), with
/// the room there: that span's width and the area's height. `None` for an empty area.
pub fn label_point(rings: &[Ring]) -> Option<(Point, (f64, f64))> {
    let ((_, top), (_, bottom)) = bounds(rings.iter())?;
    let height = bottom - top;
    const LINES: usize = 24;
    let mut best: Option<(Point, f64, f64)> = None;
    for i in 0..LINES {
        let y = top + height * (i as f64 + 0.5) / LINES as f64;
        let mut xs: Vec<f64> = Vec::new();
        for ring in rings {
            for j in 0..ring.len() {
                let (a, b) = (ring[j], ring[(j + 1) % ring.len()]);
                if (a.1 <= y) != (b.1 <= y) {
                    xs.push(a.0 + (y - a.1) / (b.1 - a.1) * (b.0 - a.0));
                }
            }
        }
        xs.sort_by(|a, b| a.total_cmp(b));
        // Nearer the middle wins a tie.
        let off_middle = (y - (top + height / 2.0)).abs();
        for span in xs.chunks_exact(2) {
            let width = span[1] - span[0];
            let better = match best {
                None => true,
                Some((_, w, off)) => {
                    width > w + 1e-9 || ((width - w).abs() <= 1e-9 && off_middle < off)
                }
            };
            if better {
                best = Some((((span[0] + span[1]) / 2.0, y), width, off_middle));
            }
        }
    }
    best.map(|(p, w, _)| (p, (w, height)))
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
mod tests;
