//! Figures as people read them: rounded to what the unit warrants, grouped in thousands, with
//! the unit written after them; and the round steps of a chart's axis.

use super::Unit;

/// `value` with `decimals` places and its whole part grouped in thousands ("12,345.6").
pub fn grouped(value: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, value.abs());
    let (whole, fraction) = match text.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (text.as_str(), None),
    };
    let mut out = String::with_capacity(text.len() + whole.len() / 3 + 1);
    // A value that rounds to zero is never "-0".
    if value < 0.0 && text.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
        out.push('-');
    }
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    if let Some(f) = fraction {
        out.push('.');
        out.push_str(f);
    }
    out
}

impl Unit {
    /// The places a figure in this unit is shown with.
    pub fn decimals(self) -> usize {
        match self {
            Unit::Count => 0,
            _ => 1,
        }
    }

    /// A value written as people expect to read it, with its unit: "27.3%", "4.1 pts",
    /// "18.2 per 1,000", "1,204".
    pub fn format(self, value: f64) -> String {
        self.with_decimals(value, self.decimals())
    }

    /// As [`Unit::format`], with a chosen number of places (a chart's axis).
    pub fn with_decimals(self, value: f64, decimals: usize) -> String {
        let n = grouped(value, decimals);
        match self {
            Unit::Percentage => format!("{n}%"),
            Unit::PercentagePoints => format!("{n} pts"),
            Unit::RatePer1000 => format!("{n} per 1,000"),
            Unit::RatePer10000 => format!("{n} per 10,000"),
            Unit::RatePer100000 => format!("{n} per 100,000"),
            Unit::Count | Unit::Score => n,
        }
    }

    /// The unit's label as a plan's frozen snapshot keeps it, back to the unit.
    pub fn from_label(label: &str) -> Option<Unit> {
        Unit::ALL.iter().copied().find(|u| u.label() == label)
    }
}

/// A chart's axis: round steps (1, 2, 2.5 or 5 times a power of ten) covering `lo` to `hi`,
/// at most `most` + 1 of them, and the places their labels need.
#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    pub ticks: Vec<f64>,
    pub decimals: usize,
}

impl Axis {
    pub fn lo(&self) -> f64 {
        self.ticks.first().copied().unwrap_or(0.0)
    }

    pub fn hi(&self) -> f64 {
        self.ticks.last().copied().unwrap_or(1.0)
    }
}

/// Round ticks for values from `lo` to `hi`; a range that does not go below zero starts at zero
/// when zero is near (within half the range), so bars and lines are not exaggerated.
pub fn axis(lo: f64, hi: f64, most: usize) -> Axis {
    let most = most.max(2) as f64;
    let (mut lo, mut hi) = if lo <= hi { (lo, hi) } else { (hi, lo) };
    if !lo.is_finite() || !hi.is_finite() {
        return Axis {
            ticks: vec![0.0, 1.0],
            decimals: 0,
        };
    }
    if lo >= 0.0 && lo <= (hi - lo) * 0.5 {
        lo = 0.0;
    }
    if (hi - lo).abs() < 1e-9 {
        let pad = if hi == 0.0 { 1.0 } else { hi.abs() * 0.1 };
        lo -= pad;
        hi += pad;
    }
    let raw = (hi - lo) / most;
    let power = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * power)
        .find(|s| *s >= raw * (1.0 - 1e-9))
        .unwrap_or(10.0 * power);
    let decimals = if step >= 1.0 {
        0
    } else {
        // 0.25 needs two places, 0.5 one, 0.02 two.
        let mut d = 0;
        while d < 6 {
            let scaled = step * 10f64.powi(d as i32);
            if (scaled.round() - scaled).abs() <= 1e-6 {
                break;
            }
            d += 1;
        }
        d
    };
    let first = (lo / step + 1e-9).floor() as i64;
    let last = (hi / step - 1e-9).ceil() as i64;
    let ticks = (first..=last)
        .map(|k| {
            // Written and read back at the places shown, so 0.6 is not 0.6000000000000001.
            let v = k as f64 * step;
            format!("{v:.decimals$}").parse().unwrap_or(v)
        })
        .collect();
    Axis { ticks, decimals }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_carry_their_unit_and_rounding() {
        assert_eq!(Unit::Percentage.format(27.26), "27.3%");
        assert_eq!(Unit::Percentage.format(35.4), "35.4%");
        assert_eq!(Unit::PercentagePoints.format(-2.04), "-2.0 pts");
        assert_eq!(Unit::RatePer1000.format(27.04), "27.0 per 1,000");
        assert_eq!(Unit::RatePer100000.format(12345.67), "12,345.7 per 100,000");
        assert_eq!(Unit::Count.format(1204.4), "1,204");
        assert_eq!(Unit::Count.format(999.0), "999");
        assert_eq!(Unit::Count.format(1_000_000.0), "1,000,000");
        assert_eq!(Unit::Score.format(46.75), "46.8");
        assert_eq!(
            Unit::PercentagePoints.format(-0.01),
            "0.0 pts",
            "never minus zero"
        );
        assert_eq!(grouped(-1234.5, 1), "-1,234.5");
    }

    #[test]
    fn a_snapshot_unit_label_turns_back_into_the_unit() {
        for u in Unit::ALL {
            assert_eq!(Unit::from_label(u.label()), Some(*u));
        }
        assert_eq!(Unit::from_label("per 1,000 girls"), None);
    }

    #[test]
    fn axes_have_round_ticks() {
        let a = axis(27.26, 41.9, 4);
        assert_eq!(a.ticks, vec![25.0, 30.0, 35.0, 40.0, 45.0]);
        let a = axis(3.0, 41.9, 4);
        assert_eq!(
            a.ticks,
            vec![0.0, 20.0, 40.0, 60.0],
            "zero is near: start there"
        );
        let a = axis(61.3, 67.8, 5);
        assert_eq!(a.ticks, vec![60.0, 62.0, 64.0, 66.0, 68.0]);
        assert_eq!(a.decimals, 0);
        let a = axis(0.12, 0.61, 4);
        assert_eq!(a.ticks, vec![0.0, 0.2, 0.4, 0.6, 0.8]);
        assert_eq!(a.decimals, 1);
        let a = axis(10.1, 10.9, 4);
        assert_eq!(a.ticks, vec![10.0, 10.2, 10.4, 10.6, 10.8, 11.0]);
        assert_eq!(a.decimals, 1);
        let a = axis(1.12, 1.31, 4);
        assert_eq!(a.ticks, vec![1.1, 1.15, 1.2, 1.25, 1.3, 1.35]);
        assert_eq!(a.decimals, 2);
        let a = axis(-3.2, 4.1, 4);
        assert_eq!(a.ticks, vec![-4.0, -2.0, 0.0, 2.0, 4.0, 6.0]);
        let a = axis(5.0, 5.0, 4);
        assert!(
            a.lo() < 5.0 && a.hi() > 5.0,
            "a flat line sits inside its axis"
        );
        for (lo, hi) in [(0.0, 1.0), (3.7, 1234.0), (99.1, 99.9), (-50.0, -10.0)] {
            let a = axis(lo, hi, 5);
            assert!(a.lo() <= lo && a.hi() >= hi, "{lo}..{hi}: {a:?}");
            assert!(a.ticks.len() <= 7, "{lo}..{hi}: {a:?}");
        }
    }
}
