//! Boundary files: GeoJSON FeatureCollections and TopoJSON Topologies, and the drawing done
//! with what they hold (joining areas, simplifying, fitting, labelling, SVG paths).

use crate::{cases, said};
use app::domain::geo::{
    bounds, fit, label_point, parse_boundaries, parse_geojson, parse_topojson, simplify, svg_path,
    union, Feature,
};
use proptest::prelude::*;
use serde_json::{json, Value};

/// A coordinate: usually a plausible longitude or latitude, sometimes anything a JSON number
/// (or not a number) can be.
fn coordinate() -> impl Strategy<Value = Value> {
    prop_oneof![
        6 => (-2.0f64..1.0).prop_map(|x| json!(x)),
        1 => any::<f64>().prop_map(|x| json!(x)),
        1 => any::<i64>().prop_map(|x| json!(x)),
        1 => prop::sample::select(vec![json!(null), json!("1.5"), json!([]), json!({}), json!(1e308), json!(-1e308), json!(180.0), json!(-90.0)]),
    ]
}

fn position() -> impl Strategy<Value = Value> {
    prop_oneof![
        8 => (coordinate(), coordinate()).prop_map(|(x, y)| json!([x, y])),
        1 => (coordinate(), coordinate(), coordinate()).prop_map(|(x, y, z)| json!([x, y, z])),
        1 => prop::collection::vec(coordinate(), 0..2).prop_map(Value::Array),
        1 => coordinate(),
    ]
}

fn ring() -> impl Strategy<Value = Value> {
    prop::collection::vec(position(), 0..12).prop_map(Value::Array)
}

fn polygon() -> impl Strategy<Value = Value> {
    prop_oneof![
        8 => prop::collection::vec(ring(), 0..3).prop_map(Value::Array),
        1 => ring(),
        1 => position(),
    ]
}

fn properties() -> impl Strategy<Value = Value> {
    prop_oneof![
        4 => ("E0[5-9][0-9]{6}", "[A-Za-z ]{0,12}").prop_map(|(c, n)| json!({ "LAD23CD": c, "LAD23NM": n })),
        2 => ("E0[5-9][0-9]{6}", "[A-Za-z ]{0,12}").prop_map(|(c, n)| json!({ "WD22CD": c, "WD22NM": n })),
        1 => any::<String>().prop_map(|c| json!({ "code": c })),
        1 => Just(json!({})),
        1 => Just(json!(null)),
        1 => Just(json!([1, 2])),
    ]
}

fn geometry() -> impl Strategy<Value = Value> {
    let kind = prop::sample::select(vec![
        "Polygon",
        "Polygon",
        "MultiPolygon",
        "Point",
        "LineString",
        "GeometryCollection",
        "",
    ]);
    prop_oneof![
        6 => (kind, polygon()).prop_map(|(k, p)| {
            if k == "MultiPolygon" { json!({ "type": k, "coordinates": [p] }) } else { json!({ "type": k, "coordinates": p }) }
        }),
        1 => Just(json!(null)),
        1 => Just(json!({ "type": "Polygon" })),
        1 => any::<i64>().prop_map(|n| json!({ "type": "MultiPolygon", "coordinates": n })),
    ]
}

fn geojson() -> impl Strategy<Value = Value> {
    let feature = (properties(), geometry(), prop::option::of("[A-Z0-9]{1,9}")).prop_map(
        |(p, g, id)| json!({ "type": "Feature", "id": id, "properties": p, "geometry": g }),
    );
    prop_oneof![
        8 => prop::collection::vec(feature, 0..6).prop_map(|f| json!({ "type": "FeatureCollection", "features": f })),
        1 => Just(json!({ "type": "FeatureCollection", "features": {} })),
        1 => Just(json!({ "type": "FeatureCollection" })),
    ]
}

fn topojson() -> impl Strategy<Value = Value> {
    let arc = prop_oneof![
        6 => prop::collection::vec((-50i64..50, -50i64..50).prop_map(|(x, y)| json!([x, y])), 0..8).prop_map(Value::Array),
        1 => prop::collection::vec(position(), 0..6).prop_map(Value::Array),
        1 => coordinate(),
    ];
    let index = prop_oneof![
        6 => (-6i64..6).prop_map(|i| json!(i)),
        1 => any::<i64>().prop_map(|i| json!(i)),
        1 => coordinate(),
    ];
    let topo_ring = prop::collection::vec(index, 0..5).prop_map(Value::Array);
    let topo_polygon = prop::collection::vec(topo_ring, 0..3).prop_map(Value::Array);
    let kind = prop::sample::select(vec!["Polygon", "MultiPolygon", "Point", ""]);
    let geometry = (kind, topo_polygon, properties()).prop_map(|(k, p, props)| {
        let arcs = if k == "MultiPolygon" { json!([p]) } else { p };
        json!({ "type": k, "arcs": arcs, "properties": props })
    });
    let transform = prop_oneof![
        2 => Just(None),
        2 => Just(Some(json!({ "scale": [0.001, 0.001], "translate": [-1.5, 50.5] }))),
        1 => (position(), position()).prop_map(|(s, t)| Some(json!({ "scale": s, "translate": t }))),
        1 => Just(Some(json!({ "scale": 1 }))),
    ];
    (
        prop::collection::vec(arc, 0..8),
        prop::collection::vec(geometry, 0..6),
        transform,
        any::<bool>(),
    )
        .prop_map(|(arcs, geometries, transform, collection)| {
            let object = if collection || geometries.is_empty() {
                json!({ "type": "GeometryCollection", "geometries": geometries })
            } else {
                geometries[0].clone()
            };
            let mut doc =
                json!({ "type": "Topology", "arcs": arcs, "objects": { "areas": object } });
            if let Some(t) = transform {
                doc["transform"] = t;
            }
            doc
        })
}

/// Arbitrary JSON, nested a few levels.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<f64>().prop_map(|f| json!(f)),
        any::<i64>().prop_map(|i| json!(i)),
        "[A-Za-z]{0,12}".prop_map(Value::String),
        prop::sample::select(vec![
            "Topology",
            "FeatureCollection",
            "Polygon",
            "MultiPolygon",
            "arcs",
            "features"
        ])
        .prop_map(|s| json!(s)),
    ];
    leaf.prop_recursive(5, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(
                prop::sample::select(vec![
                    "type",
                    "features",
                    "geometry",
                    "coordinates",
                    "arcs",
                    "objects",
                    "transform",
                    "properties",
                    "geometries",
                    "scale",
                    "translate"
                ])
                .prop_map(str::to_string),
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Reads `text` every way the upload can, and draws what was read.
fn read(text: &str) -> Result<(), TestCaseError> {
    said(&parse_geojson(text))?;
    said(&parse_topojson(text))?;
    let all = parse_boundaries(text);
    said(&all)?;
    if let Ok(features) = all {
        prop_assert!(!features.is_empty());
        draw(&features)?;
    }
    Ok(())
}

fn draw(features: &[Feature]) -> Result<(), TestCaseError> {
    for f in features {
        prop_assert!(!f.code.is_empty());
        for r in &f.rings {
            prop_assert!(r.len() >= 3, "a ring of fewer than three points was kept");
            for (x, y) in r {
                prop_assert!((-180.0..=180.0).contains(x) && (-90.0..=90.0).contains(y));
            }
            let _ = simplify(r, 0.001);
        }
        let _ = label_point(&f.rings);
        let _ = svg_path(&f.rings);
    }
    let refs: Vec<&Feature> = features.iter().collect();
    let joined = union(&refs);
    let _ = svg_path(&joined);
    let _ = label_point(&joined);
    if let Some(b) = bounds(features.iter().flat_map(|f| f.rings.iter())) {
        let (project, _) = fit(b, 600.0);
        for r in features.iter().flat_map(|f| f.rings.iter()) {
            for p in r {
                let _ = project(*p);
            }
        }
    }
    Ok(())
}

/// `depth` nested lists or objects around a number.
fn nested(depth: usize, objects: bool) -> String {
    if objects {
        format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth))
    } else {
        format!("{}1{}", "[".repeat(depth), "]".repeat(depth))
    }
}

proptest! {
    #![proptest_config(cases(1000))]

    #[test]
    fn any_text_is_read_or_refused_with_a_reason(text in any::<String>()) {
        read(&text)?;
    }

    #[test]
    fn any_json_is_read_or_refused_with_a_reason(doc in any_json()) {
        read(&doc.to_string())?;
    }

    #[test]
    fn near_valid_geojson_never_panics(doc in geojson()) {
        read(&doc.to_string())?;
    }

    #[test]
    fn near_valid_topojson_never_panics(doc in topojson()) {
        read(&doc.to_string())?;
    }

    #[test]
    fn geojson_cut_short_or_mutated_never_panics(doc in geojson(), cut in 0usize..4000, byte in any::<u8>()) {
        let text = doc.to_string();
        let mut bytes = text.into_bytes();
        if !bytes.is_empty() {
            let at = cut % bytes.len();
            bytes[at] = byte;
            bytes.truncate(at + 1 + cut % 3);
        }
        read(&String::from_utf8_lossy(&bytes))?;
    }
}

proptest! {
    #![proptest_config(cases(64))]

    #[test]
    fn deep_nesting_is_refused_with_a_reason(depth in 100usize..200_000, objects in any::<bool>()) {
        let inner = nested(depth, objects);
        for text in [inner.clone(), format!("{{\"type\":\"FeatureCollection\",\"features\":{inner}}}"), format!("{{\"type\":\"Topology\",\"arcs\":{inner},\"objects\":{{}}}}")] {
            read(&text)?;
        }
    }
}
