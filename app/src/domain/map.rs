//! The partnership map's rules: its colours (each shade stands out from the page), the view box
//! that wheel, drag and pinch move (in the browser), where an area's name fits, and how the
//! period of the figures is told. Pure code, compiled for the browser too.

/// A sequential scale, light to dark, every step with at least 3:1 contrast against the white
/// page (WCAG 1.4.11), told apart by lightness as well as hue.
pub const SCALE: [&str; 5] = ["#4e88c7", "#2e6fb0", "#17579a", "#0b4182", "#042c66"];
/// No figure: light grey, set apart from the page by the areas' outline.
pub const NO_DATA: &str = "#d8d8d8";
/// The areas' outline: at least 3:1 against the page and the lightest shades.
pub const OUTLINE: &str = "#505a5f";
/// The page's background.
pub const PAGE: &str = "#ffffff";

/// The WCAG relative luminance of a `#rrggbb` colour.
pub fn luminance(hex: &str) -> Option<f64> {
    let hex = hex.strip_prefix('#')?;
    if hex.len() != 6 {
        return None;
    }
    let channel = |i: usize| -> Option<f64> {
        let c = f64::from(u8::from_str_radix(hex.get(i..i + 2)?, 16).ok()?) / 255.0;
        Some(if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        })
    };
    Some(0.2126 * channel(0)? + 0.7152 * channel(2)? + 0.0722 * channel(4)?)
}

/// The WCAG contrast ratio of two `#rrggbb` colours (1 to 21).
pub fn contrast_ratio(a: &str, b: &str) -> Option<f64> {
    let (a, b) = (luminance(a)?, luminance(b)?);
    let (hi, lo) = if a > b { (a, b) } else { (b, a) };
    Some((hi + 0.05) / (lo + 0.05))
}

/// The name on the map: "Gosport" for "Gosport Children's Partnership".
pub fn short_name(name: &str) -> &str {
    let name = name.trim();
    [
        "Children's Partnership",
        "Children’s Partnership",
        "Partnership",
    ]
    .iter()
    .find_map(|suffix| name.strip_suffix(suffix))
    .map(str::trim_end)
    .filter(|s| !s.is_empty())
    .unwrap_or(name)
}

/// Without JavaScript, the names' size in map units (set in the style sheet): for a desktop
/// (the map about 620 px wide) and for a phone (about 360 px).
pub const LABEL_UNITS_WIDE: f64 = 16.0;
pub const LABEL_UNITS_NARROW: f64 = 28.0;

/// Whether a name of `chars` characters in type of `font` map units fits in `room` (the width
/// of the widest span across the area, and the area's height, in map units).
pub fn label_fits(room: (f64, f64), chars: usize, font: f64) -> bool {
    // Arial's average character is a little over half its size.
    let width = chars as f64 * font * 0.56;
    width <= room.0 * 0.9 && font * 1.2 <= room.1
}

/// The size of a name's type in map units, for type of `px` pixels when one pixel is
/// `units_per_px` map units.
pub fn label_font(px: f64, units_per_px: f64) -> f64 {
    px * units_per_px
}

/// `x` to one decimal place, written with integer arithmetic only: the browser's WebAssembly
/// then carries no floating-point formatting code (about 15 KB).
pub fn tenths(x: f64) -> String {
    let t = (x * 10.0).round() as i64;
    let sign = if t < 0 { "-" } else { "" };
    format!("{sign}{}.{}", t.abs() / 10, t.abs() % 10)
}

/// The part of the map in view: x, y, width and height in map units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ViewBox {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

/// The closest the map zooms in: an eighth of its width.
pub const MAX_ZOOM: f64 = 8.0;

impl ViewBox {
    /// The whole map.
    pub fn whole(width: f64, height: f64) -> Self {
        Self {
            x: 0.0,
            y: 0.0,
            w: width,
            h: height,
        }
    }

    /// Reads a `viewBox` attribute (four numbers); `None` unless it has a positive size.
    pub fn from_attr(attr: &str) -> Option<Self> {
        let mut n = attr.split_ascii_whitespace().map(|x| x.parse::<f64>().ok());
        let (x, y, w, h) = (n.next()??, n.next()??, n.next()??, n.next()??);
        (n.next().is_none() && w > 0.0 && h > 0.0 && w.is_finite() && h.is_finite())
            .then_some(Self { x, y, w, h })
    }

    /// The `viewBox` attribute.
    pub fn attr(&self) -> String {
        [self.x, self.y, self.w, self.h].map(tenths).join(" ")
    }

    /// Zoomed by `factor` (below 1 zooms in) keeping `at` (a point in map units) where it is
    /// on the screen, within the whole map `whole`.
    pub fn zoom_at(self, factor: f64, at: (f64, f64), whole: ViewBox) -> Self {
        if !factor.is_finite() || factor <= 0.0 {
            return self;
        }
        let w = (self.w * factor).clamp(whole.w / MAX_ZOOM, whole.w);
        let scale = w / self.w;
        let h = (self.h * scale).clamp(whole.h / MAX_ZOOM, whole.h);
        Self {
            x: at.0 - (at.0 - self.x) * scale,
            y: at.1 - (at.1 - self.y) * scale,
            w,
            h,
        }
        .within(whole)
    }

    /// Zoomed about its middle.
    pub fn zoom(self, factor: f64, whole: ViewBox) -> Self {
        self.zoom_at(
            factor,
            (self.x + self.w / 2.0, self.y + self.h / 2.0),
            whole,
        )
    }

    /// Moved by (dx, dy) map units, within the whole map.
    pub fn pan(self, dx: f64, dy: f64, whole: ViewBox) -> Self {
        Self {
            x: self.x + dx,
            y: self.y + dy,
            ..self
        }
        .within(whole)
    }

    fn within(self, whole: ViewBox) -> Self {
        let w = self.w.min(whole.w);
        let h = self.h.min(whole.h);
        Self {
            x: self.x.clamp(whole.x, whole.x + whole.w - w),
            y: self.y.clamp(whole.y, whole.y + whole.h - h),
            w,
            h,
        }
    }

    /// Map units per screen pixel when drawn in a box of `size` pixels (the SVG's default
    /// `xMidYMid meet`: the whole view box fits, centred).
    pub fn units_per_px(&self, size: (f64, f64)) -> f64 {
        if size.0 <= 0.0 || size.1 <= 0.0 {
            return 1.0;
        }
        (self.w / size.0).max(self.h / size.1)
    }

    /// The map point under `at`, a point in the drawn box of `size` pixels (from its top left).
    pub fn point_at(&self, at: (f64, f64), size: (f64, f64)) -> (f64, f64) {
        let s = self.units_per_px(size);
        let (ox, oy) = ((size.0 - self.w / s) / 2.0, (size.1 - self.h / s) / 2.0);
        (self.x + (at.0 - ox) * s, self.y + (at.1 - oy) * s)
    }
}

/// How the figures' period (and their source) is told under the map: "Figures for 2016/17."
/// or, where partnerships' latest figures differ, "The latest figure for each partnership:
/// 2016/17 to 2017/18."
pub fn period_caption(periods: &[String], source: Option<&str>) -> Option<String> {
    let mut shown: Vec<&str> = periods
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect();
    shown.sort_unstable();
    shown.dedup();
    let period = match shown.as_slice() {
        [] => return None,
        [one] => format!("Figures for {one}."),
        [first, .., last] => {
            format!("The latest figure for each partnership: {first} to {last}.")
        }
    };
    Some(match source.map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => format!("{period} Source: {}.", s.trim_end_matches('.')),
        None => period,
    })
}

/// Where a partnership's name on the first page leads `who`: the partnership's plans when they
/// may read them; otherwise the partnership on the map (signed in), or on the published map;
/// otherwise its plans' page, which asks them to sign in.
pub fn partnership_link(
    who: Option<&crate::domain::auth::Principal>,
    partnership_id: i64,
    slug: &str,
    map_published: bool,
) -> String {
    use crate::domain::auth::{authorise, Action, Target};
    let plans = format!("/partnerships/{slug}/plans");
    if authorise(who, Action::ViewPlan, Target::Partnership(partnership_id)).is_ok() {
        plans
    } else if authorise(who, Action::ViewMap, Target::Trust).is_ok() {
        format!("/map?selected={slug}")
    } else if map_published {
        format!("/public/map?selected={slug}")
    } else {
        plans
    }
}

#[cfg(test)]
mod tenths_tests {
    use super::tenths;

    #[test]
    fn a_view_box_reads_back_what_it_writes() {
        use super::ViewBox;
        let v = ViewBox {
            x: 12.5,
            y: -3.0,
            w: 620.0,
            h: 480.4,
        };
        assert_eq!(ViewBox::from_attr(&v.attr()), Some(v));
        for bad in [
            "",
            "0 0 620",
            "0 0 620 480 1",
            "0 0 0 480",
            "0 0 620 -1",
            "a b c d",
            "0 0 inf 3",
        ] {
            assert_eq!(ViewBox::from_attr(bad), None, "{bad}");
        }
    }

    #[test]
    fn tenths_round_to_one_decimal_place_like_the_formatter() {
        for x in [
            0.0,
            0.04,
            0.05,
            1.25,
            12.34,
            799.96,
            -0.26,
            -3.0,
            620.0,
            1e6 + 0.15,
        ] {
            assert_eq!(
                tenths(x),
                format!("{:.1}", (x * 10.0_f64).round() / 10.0),
                "{x}"
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_partnership_name_leads_where_its_reader_may_go() {
        use crate::domain::auth::{Principal, Role, RoleAssignment};
        let chair_of = |id: i64| Principal {
            user_id: 1,
            display_name: "Chair".into(),
            email: "chair@example.org".into(),
            roles: vec![RoleAssignment {
                id: 1,
                role: Role::PartnershipChair,
                partnership_id: Some(id),
                district_area_id: None,
                scope_name: None,
                partnership_slug: None,
                partnerships: vec![id],
            }],
        };
        let chair = chair_of(5);
        assert_eq!(
            partnership_link(Some(&chair), 5, "gosport", false),
            "/partnerships/gosport/plans"
        );
        assert_eq!(
            partnership_link(Some(&chair), 6, "havant", true),
            "/map?selected=havant"
        );
        assert_eq!(
            partnership_link(None, 6, "havant", true),
            "/public/map?selected=havant"
        );
        assert_eq!(
            partnership_link(None, 6, "havant", false),
            "/partnerships/havant/plans"
        );
    }

    #[test]
    fn every_shade_stands_out_from_the_page() {
        for colour in SCALE {
            let c = contrast_ratio(colour, PAGE).unwrap();
            assert!(c >= 3.0, "{colour} has {c:.2}:1 against the page");
        }
        assert!(contrast_ratio(OUTLINE, PAGE).unwrap() >= 3.0);
        assert!(contrast_ratio(OUTLINE, NO_DATA).unwrap() >= 3.0);
        assert!(contrast_ratio(OUTLINE, SCALE[0]).unwrap() >= 1.5);
    }

    #[test]
    fn the_scale_goes_from_light_to_dark() {
        let l: Vec<f64> = SCALE.iter().map(|c| luminance(c).unwrap()).collect();
        assert!(l.windows(2).all(|w| w[0] > w[1] * 1.25), "{l:?}");
    }

    #[test]
    fn contrast_is_as_wcag_defines_it() {
        assert!((contrast_ratio("#000000", "#ffffff").unwrap() - 21.0).abs() < 1e-9);
        assert!((contrast_ratio("#777777", "#ffffff").unwrap() - 4.48).abs() < 0.01);
        assert_eq!(contrast_ratio("#fff", "#ffffff"), None);
        assert_eq!(contrast_ratio("red", "#ffffff"), None);
    }

    #[test]
    fn short_names_drop_the_partnership() {
        assert_eq!(short_name("Gosport Children's Partnership"), "Gosport");
        assert_eq!(
            short_name("Basingstoke and Deane Children’s Partnership"),
            "Basingstoke and Deane"
        );
        assert_eq!(short_name("Rushmoor"), "Rushmoor");
        assert_eq!(short_name("Partnership"), "Partnership");
    }

    #[test]
    fn a_name_is_shown_only_where_it_fits() {
        assert!(label_fits((120.0, 40.0), 7, 12.0));
        assert!(!label_fits((40.0, 40.0), 7, 12.0));
        assert!(!label_fits((300.0, 10.0), 7, 12.0));
        // Zooming in (smaller type in map units) makes room.
        let name = "Basingstoke and Deane".len();
        assert!(!label_fits((150.0, 60.0), name, label_font(13.0, 1.3)));
        assert!(label_fits((150.0, 60.0), name, label_font(13.0, 0.5)));
    }

    #[test]
    fn zooming_keeps_the_point_under_the_pointer() {
        let whole = ViewBox::whole(800.0, 600.0);
        let at = (200.0, 300.0);
        let v = whole.zoom_at(0.5, at, whole);
        assert_eq!(v.w, 400.0);
        assert_eq!(v.h, 300.0);
        // The pointer's point stays at the same fraction of the view.
        assert!(((at.0 - v.x) / v.w - 0.25).abs() < 1e-9);
        assert!(((at.1 - v.y) / v.h - 0.5).abs() < 1e-9);
        // Never past the whole map, nor closer than an eighth.
        assert_eq!(v.zoom_at(4.0, at, whole), whole);
        let close = whole.zoom_at(0.001, at, whole);
        assert_eq!(close.w, 100.0);
        assert!(close.x >= 0.0 && close.y >= 0.0);
        assert_eq!(whole.zoom_at(f64::NAN, at, whole), whole);
    }

    #[test]
    fn panning_stays_on_the_map() {
        let whole = ViewBox::whole(800.0, 600.0);
        let v = whole.zoom(0.5, whole);
        assert_eq!((v.x, v.y), (200.0, 150.0));
        let moved = v.pan(-50.0, 20.0, whole);
        assert_eq!((moved.x, moved.y), (150.0, 170.0));
        let edge = v.pan(-1000.0, 1000.0, whole);
        assert_eq!((edge.x, edge.y), (0.0, 300.0));
        assert_eq!(whole.pan(30.0, 30.0, whole), whole);
    }

    #[test]
    fn screen_points_map_to_the_map_with_letterboxing() {
        let v = ViewBox::whole(800.0, 400.0);
        // Drawn 400 × 400 px: 2 units a pixel, the map centred vertically (100 px bands).
        assert_eq!(v.units_per_px((400.0, 400.0)), 2.0);
        assert_eq!(v.point_at((0.0, 100.0), (400.0, 400.0)), (0.0, 0.0));
        assert_eq!(v.point_at((200.0, 200.0), (400.0, 400.0)), (400.0, 200.0));
        assert_eq!(v.units_per_px((0.0, 10.0)), 1.0);
    }

    #[test]
    fn the_period_and_source_are_told() {
        let p = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(period_caption(&p(&[]), Some("ONS")), None);
        assert_eq!(
            period_caption(&p(&["2016/17", "2016/17"]), None).as_deref(),
            Some("Figures for 2016/17.")
        );
        assert_eq!(
            period_caption(&p(&["2017/18", "2016/17", " "]), Some("Office for National Statistics.")).as_deref(),
            Some("The latest figure for each partnership: 2016/17 to 2017/18. Source: Office for National Statistics.")
        );
    }
}
