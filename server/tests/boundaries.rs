//! The map's geometry on the real boundaries in ../shared (read, never copied): the England
//! district TopoJSON holds every Hampshire district, each district's ward GeoJSON reads, and the
//! union of a district's wards is its outline — the area adds up and the inner edges are gone.

use app::domain::geo::{
    bounds, fit, parse_geojson, parse_topojson, simplify, svg_path, union, Ring,
};

fn shared(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/data/boundaries")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

const HAMPSHIRE: [&str; 11] = [
    "E07000084",
    "E07000085",
    "E07000086",
    "E07000087",
    "E07000088",
    "E07000089",
    "E07000090",
    "E07000091",
    "E07000092",
    "E07000093",
    "E07000094",
];

/// Area in square degrees (the shoelace formula), enough to compare shapes of one place.
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
fn the_england_topology_holds_every_hampshire_district() {
    let districts = parse_topojson(&shared("england-lad-topo.json")).unwrap();
    assert_eq!(districts.len(), 326);
    for code in HAMPSHIRE {
        let d = districts
            .iter()
            .find(|d| d.code == code)
            .unwrap_or_else(|| panic!("{code}"));
        assert!(
            !d.rings.is_empty() && d.rings.iter().all(|r| r.len() >= 3),
            "{code}"
        );
    }
    let gosport = districts.iter().find(|d| d.code == "E07000088").unwrap();
    assert_eq!(gosport.name, "Gosport");
    // Somewhere on the south coast.
    let ((x0, y0), (x1, y1)) = bounds(&gosport.rings).unwrap();
    assert!(
        x0 > -1.3 && x1 < -1.0 && y0 > 50.7 && y1 < 50.9,
        "{x0} {y0} {x1} {y1}"
    );
}

#[test]
fn a_partnership_of_wards_is_the_union_of_its_wards() {
    for code in HAMPSHIRE {
        let wards = parse_geojson(&shared(&format!("wards-{code}.geojson"))).unwrap();
        assert!(wards.len() >= 10, "{code}: {} wards", wards.len());
        let parts: Vec<_> = wards.iter().collect();
        let outline = union(&parts);
        let ward_area: f64 = wards.iter().flat_map(|w| &w.rings).map(area).sum();
        let outline_area: f64 = outline.iter().map(area).sum();
        assert!(
            (outline_area - ward_area).abs() / ward_area < 0.02,
            "{code}: the union covers the wards ({outline_area} vs {ward_area})"
        );
        let ward_points: usize = wards.iter().flat_map(|w| &w.rings).map(Vec::len).sum();
        let outline_points: usize = outline.iter().map(Vec::len).sum();
        assert!(
            outline_points < ward_points,
            "{code}: the inner edges are gone"
        );
    }
}

#[test]
fn the_county_map_stays_small() {
    let districts = parse_topojson(&shared("england-lad-topo.json")).unwrap();
    let hampshire: Vec<_> = districts
        .iter()
        .filter(|d| HAMPSHIRE.contains(&d.code.as_str()))
        .collect();
    let all: Vec<&Ring> = hampshire.iter().flat_map(|d| &d.rings).collect();
    let (project, height) = fit(bounds(all.iter().copied()).unwrap(), 800.0);
    let mut svg = 0;
    for d in &hampshire {
        let rings: Vec<Ring> = d
            .rings
            .iter()
            .map(|r| simplify(&r.iter().map(|p| project(*p)).collect::<Vec<_>>(), 0.6))
            .collect();
        svg += svg_path(&rings).len();
    }
    assert!(height > 400.0 && height < 1200.0, "{height}");
    assert!(svg < 60_000, "the eleven districts' paths take {svg} bytes");
}
