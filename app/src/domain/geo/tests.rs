//! Unit tests of the boundary geometry, including every kind of hostile file.

use super::*;
use crate::domain::ParseError;

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

/// A topology with one object of `geometries` (JSON) over `arcs` (JSON), and a transform when
/// given.
fn topology(geometries: &str, arcs: &str, transform: Option<&str>) -> String {
    let transform = transform
        .map(|t| format!(r#""transform":{t},"#))
        .unwrap_or_default();
    format!(
        r#"{{"type":"Topology",{transform}"objects":{{"lad":{{"type":"GeometryCollection","geometries":{geometries}}}}},"arcs":{arcs}}}"#
    )
}

const SQUARE_ARCS: &str = "[[[0,0],[1,0],[1,1],[0,1],[0,0]]]";

fn one_polygon(rings: &str) -> String {
    format!(r#"[{{"type":"Polygon","id":"E07000088","arcs":{rings}}}]"#)
}

fn refused(result: Result<Vec<Feature>, ParseError>) -> String {
    match result {
        Err(e) => e.0,
        Ok(f) => panic!("accepted: {f:?}"),
    }
}

#[test]
fn a_good_topology_without_transform_reads() {
    let f = parse_topojson(&topology(&one_polygon("[[0]]"), SQUARE_ARCS, None)).unwrap();
    assert_eq!(f[0].rings, vec![square(0.0, 0.0)]);
    let f = parse_topojson(&topology(&one_polygon("[[-1]]"), SQUARE_ARCS, None)).unwrap();
    assert_eq!(f[0].rings[0].len(), 4, "a reversed arc reads too");
}

#[test]
fn an_empty_arc_is_refused_not_a_panic() {
    // Used first in a ring (where nothing is skipped) and after another arc (where the joining
    // point used to be removed from it).
    for rings in ["[[1]]", "[[0,1]]"] {
        let text = topology(&one_polygon(rings), "[[[0,0],[1,0],[1,1]],[]]", None);
        let m = refused(parse_topojson(&text));
        assert!(m.contains("Arc 1 is empty"), "{m}");
    }
    let m = refused(parse_topojson(&topology(
        &one_polygon("[[0]]"),
        "[[[0,0]]]",
        None,
    )));
    assert!(m.contains("Arc 0 has only one point"), "{m}");
}

#[test]
fn arc_indices_out_of_range_are_named() {
    for (index, says) in [
        ("1", "refers to arc 1, but the topology has only 1 arcs"),
        ("-2", "refers to arc -2 (arc 1 reversed)"),
        ("-9223372036854775808", "(arc 9223372036854775807 reversed)"),
        ("9223372036854775807", "refers to arc 9223372036854775807"),
        ("18446744073709551615", "not an arc number"),
        ("0.5", "not an arc number"),
        ("\"0\"", "not an arc number"),
    ] {
        let text = topology(&one_polygon(&format!("[[{index}]]")), SQUARE_ARCS, None);
        let m = refused(parse_topojson(&text));
        assert!(m.contains(says), "{index}: {m}");
        assert!(m.contains("Geometry 1 (E07000088)"), "{index}: {m}");
    }
}

#[test]
fn a_missing_or_broken_transform_is_named() {
    // Quantised integers without a transform are not longitude and latitude.
    let quantised = "[[[4000,9000],[10,0],[0,10],[-10,0]]]";
    let m = refused(parse_topojson(&topology(
        &one_polygon("[[0]]"),
        quantised,
        None,
    )));
    assert!(m.contains("not a longitude and latitude"), "{m}");
    assert!(m.contains("no transform"), "{m}");
    for (transform, says) in [
        (r#"{"translate":[0,0]}"#, "no scale"),
        (r#"{"scale":[1,1]}"#, "no translate"),
        (r#"{"scale":"big","translate":[0,0]}"#, "no scale"),
        (r#"{"scale":[1],"translate":[0,0]}"#, "no scale"),
    ] {
        let m = refused(parse_topojson(&topology(
            &one_polygon("[[0]]"),
            SQUARE_ARCS,
            Some(transform),
        )));
        assert!(m.contains(says), "{transform}: {m}");
    }
}

#[test]
fn non_finite_and_out_of_range_coordinates_are_refused() {
    // A transform that overflows to infinity.
    let m = refused(parse_topojson(&topology(
        &one_polygon("[[0]]"),
        "[[[1e308,0],[1e308,0],[0,1],[0,1]]]",
        Some(r#"{"scale":[10,1],"translate":[0,0]}"#),
    )));
    assert!(
        m.contains("Arc 0 has a coordinate that is not a finite number"),
        "{m}"
    );
    // JSON has no NaN; numbers too large for a float are not JSON numbers at all.
    let m = refused(parse_geojson(
        r#"{"type":"FeatureCollection","features":[{"properties":{"LAD13CD":"E07000088"},"geometry":{"type":"Polygon","coordinates":[[[1e999,0],[1,0],[1,1]]]}}]}"#,
    ));
    assert!(m.contains("not JSON"), "{m}");
    // British National Grid eastings and northings are not degrees.
    let m = refused(parse_geojson(
        r#"{"type":"FeatureCollection","features":[{"properties":{"LAD13CD":"E07000088"},"geometry":{"type":"Polygon","coordinates":[[[456000,101000],[457000,101000],[457000,102000]]]}}]}"#,
    ));
    assert!(
        m.contains("Feature 1 (E07000088) has the point (456000, 101000)"),
        "{m}"
    );
    assert!(m.contains("WGS 84"), "{m}");
}

fn geojson_polygon(coordinates: &str) -> String {
    format!(
        r#"{{"type":"FeatureCollection","features":[{{"properties":{{"LAD13CD":"E07000088"}},"geometry":{{"type":"Polygon","coordinates":{coordinates}}}}}]}}"#
    )
}

#[test]
fn empty_and_degenerate_rings_are_refused() {
    for (coordinates, says) in [
        ("[[]]", "has an empty ring"),
        ("[]", "a polygon with no rings"),
        ("[[[0,0],[1,1],[0,0]]]", "a ring of 2 points"),
        ("[[[0,0]]]", "a ring of 1 point:"),
        (
            "[[[0,0],[1,0],[\"x\",1]]]",
            "not a pair of numbers: [\"x\",1]",
        ),
        ("[[[0,0],[1,0],[1]]]", "not a pair of numbers"),
        ("{}", "a polygon that is not a list"),
        ("[7]", "a ring that is not a list"),
    ] {
        let m = refused(parse_geojson(&geojson_polygon(coordinates)));
        assert!(m.contains(says), "{coordinates}: {m}");
        assert!(m.starts_with("Feature 1 (E07000088)"), "{coordinates}: {m}");
    }
    let m = refused(parse_topojson(&topology(
        &one_polygon("[[]]"),
        SQUARE_ARCS,
        None,
    )));
    assert!(m.contains("an empty ring (no arcs)"), "{m}");
    let m = refused(parse_topojson(&topology(
        &one_polygon("[]"),
        SQUARE_ARCS,
        None,
    )));
    assert!(m.contains("a polygon with no rings"), "{m}");
    let multi = r#"[{"type":"MultiPolygon","id":"E07000088","arcs":[]}]"#;
    let m = refused(parse_topojson(&topology(multi, SQUARE_ARCS, None)));
    assert!(m.contains("has no polygons"), "{m}");
}

#[test]
fn absurd_nesting_is_refused() {
    // Deeper than any JSON a boundary file needs: refused by the reader, not a stack overflow.
    let deep = format!(
        r#"{{"type":"FeatureCollection","features":{}{}}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let m = refused(parse_boundaries(&deep));
    assert!(m.contains("nests lists or objects too deeply"), "{m}");
    // Positions nested one level too deep, and collections of collections.
    let m = refused(parse_geojson(&geojson_polygon(
        "[[[[0,0]],[[1,0]],[[1,1]]]]",
    )));
    assert!(m.contains("not a pair of numbers"), "{m}");
    let nested = r#"[{"type":"GeometryCollection","id":"E07000088","geometries":[{"type":"Polygon","arcs":[[0]]}]}]"#;
    let m = refused(parse_topojson(&topology(nested, SQUARE_ARCS, None)));
    assert!(m.contains("is a GeometryCollection, not an area"), "{m}");
    let m = refused(parse_boundaries(
        r#"{"type":"Topology","objects":{"x":{"geometries":{"a":1}}},"arcs":[]}"#,
    ));
    assert!(
        m.contains("The object 'x' has geometries that is not a list"),
        "{m}"
    );
}

#[test]
fn too_many_points_after_arc_expansion_is_refused_before_copying() {
    // One arc of 1,000 points used by 3,001 rings would lay out over 3,000,000 points.
    let arc: Vec<String> = (0..1000)
        .map(|i| format!("[{},{}]", i % 2, i % 3))
        .collect();
    let arcs = format!("[[{}]]", arc.join(","));
    let rings = vec!["[0]"; MAX_POINTS / 1000 + 1].join(",");
    let text = topology(&one_polygon(&format!("[{rings}]")), &arcs, None);
    assert!(text.len() < 100_000, "a small file");
    let m = refused(parse_topojson(&text));
    assert!(m.contains("more than 3,000,000 points"), "{m}");
}

#[test]
fn too_many_areas_and_too_large_files_are_refused() {
    let one = r#"{"type":"Polygon","id":"E1","arcs":[[0]]}"#;
    let geometries = format!("[{}]", vec![one; MAX_FEATURES + 1].join(","));
    let m = refused(parse_topojson(&topology(&geometries, SQUARE_ARCS, None)));
    assert!(m.contains("20,001 areas, more than the 20,000"), "{m}");
    let feature = r#"{"properties":{"code":"E1"},"geometry":null}"#;
    let text = format!(
        r#"{{"type":"FeatureCollection","features":[{}]}}"#,
        vec![feature; MAX_FEATURES + 1].join(",")
    );
    let m = refused(parse_geojson(&text));
    assert!(m.contains("more than the 20,000"), "{m}");
    let big = format!("{}{}", " ".repeat(MAX_FILE_BYTES), "{}");
    let m = refused(parse_boundaries(&big));
    assert!(m.contains("larger than 20 MB"), "{m}");
    let m = refused(parse_boundaries(
        r#"{"type":"FeatureCollection","features":[]}"#,
    ));
    assert!(m.contains("holds no areas"), "{m}");
}

#[test]
fn simplifying_a_hostile_ring_neither_recurses_nor_takes_for_ever() {
    // A zigzag of shrinking teeth: every split leaves all but one point, so the method would
    // recurse 300,000 deep and work out 45 billion distances.
    let n = 300_000;
    let ring: Ring = (0..n)
        .map(|i| {
            let tooth = 1.0 - i as f64 / n as f64;
            (i as f64 * 1e-4, if i % 2 == 0 { tooth } else { -tooth })
        })
        .collect();
    let started = std::time::Instant::now();
    let s = simplify(&ring, 0.0002);
    assert!(s.len() >= 3 && s.len() <= ring.len());
    assert!(
        started.elapsed() < std::time::Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn a_label_sits_inside_its_area_where_there_is_most_room() {
    // A square: the middle, with its whole width.
    let sq = vec![vec![(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)]];
    let ((x, y), (w, h)) = label_point(&sq).unwrap();
    assert!(
        (x - 5.0).abs() < 1e-9 && (y - 5.0).abs() < 0.5,
        "({x}, {y})"
    );
    assert!((w - 10.0).abs() < 1e-9 && (h - 10.0).abs() < 1e-9);
    // An L: the middle of its box is outside it; the label goes in the wide foot.
    let l = vec![vec![
        (0.0, 0.0),
        (2.0, 0.0),
        (2.0, 8.0),
        (10.0, 8.0),
        (10.0, 10.0),
        (0.0, 10.0),
    ]];
    let ((x, y), (w, _)) = label_point(&l).unwrap();
    assert!(
        y > 8.0 && y < 10.0 && (x - 5.0).abs() < 1e-9 && (w - 10.0).abs() < 1e-9,
        "({x}, {y})"
    );
    // A ring with a hole: never in the hole.
    let holed = vec![
        vec![(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)],
        vec![(2.0, 2.0), (8.0, 2.0), (8.0, 8.0), (2.0, 8.0)],
    ];
    let ((x, y), _) = label_point(&holed).unwrap();
    assert!(
        !(x > 2.0 && x < 8.0 && y > 2.0 && y < 8.0),
        "({x}, {y}) is in the hole"
    );
    assert_eq!(label_point(&[]), None);
}
