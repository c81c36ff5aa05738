//! The event's map: the published map's drawing (the same shapes, shading and figures as
//! everyone sees), cut down to the event's partnerships and framed around them.

use app::api::ServerContext;
use app::domain::events::StakeholderEvent;
use app::error::AppError;
use app::pages::events::public::EventMap;

/// The bounds of an SVG path drawn as "Mx yLx y…Z" (as the map draws them).
fn bounds(path: &str) -> Option<(f64, f64, f64, f64)> {
    let numbers: Vec<f64> = path
        .split(|c: char| c == 'M' || c == 'L' || c == 'Z' || c == ' ')
        .filter_map(|t| t.parse::<f64>().ok())
        .collect();
    let mut b: Option<(f64, f64, f64, f64)> = None;
    for p in numbers.chunks_exact(2) {
        let (x, y) = (p[0], p[1]);
        b = Some(match b {
            None => (x, y, x, y),
            Some((a, c, d, e)) => (a.min(x), c.min(y), d.max(x), e.max(y)),
        });
    }
    b
}

pub async fn event_map(
    ctx: &ServerContext,
    event: &StakeholderEvent,
) -> Result<Option<EventMap>, AppError> {
    let shade = event.indicator.as_ref().map(|(code, _)| code.clone());
    let view =
        app::api::map::build_map(ctx, None, shade.clone().or(Some("none".into())), None).await?;
    let slugs: Vec<&str> = event
        .partnerships
        .iter()
        .map(|(_, s, _)| s.as_str())
        .collect();
    let areas: Vec<_> = view
        .areas
        .into_iter()
        .filter(|a| slugs.contains(&a.slug.as_str()))
        .collect();
    if areas.is_empty() {
        return Ok(None);
    }
    let b = areas.iter().filter_map(|a| bounds(&a.path)).fold(
        None,
        |acc: Option<(f64, f64, f64, f64)>, (a, c, d, e)| {
            Some(match acc {
                None => (a, c, d, e),
                Some((x0, y0, x1, y1)) => (x0.min(a), y0.min(c), x1.max(d), y1.max(e)),
            })
        },
    );
    let Some((x0, y0, x1, y1)) = b else {
        return Ok(None);
    };
    let pad = ((x1 - x0).max(y1 - y0) * 0.05).max(1.0);
    let shaded = shade.is_some();
    Ok(Some(EventMap {
        view_box: format!(
            "{:.1} {:.1} {:.1} {:.1}",
            x0 - pad,
            y0 - pad,
            x1 - x0 + 2.0 * pad,
            y1 - y0 + 2.0 * pad
        ),
        shaded_by: event.indicator.as_ref().map(|(c, t)| format!("{c} – {t}")),
        caption: if shaded { view.caption } else { None },
        legend: if shaded { view.legend } else { Vec::new() },
        areas: areas
            .into_iter()
            .map(|a| {
                let (fill, label) = if shaded {
                    (a.fill, a.label)
                } else {
                    ("#f3f2f1".to_string(), String::new())
                };
                (a.name, a.path, fill, label, a.label_at)
            })
            .collect(),
    }))
}
