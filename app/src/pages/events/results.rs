//! An event's results as everyone sees them — the projector, the participants' phones, the
//! facilitator's page: the numbers taking part, the votes for each priority as a bar chart drawn
//! on the server (SVG) with the same figures in a table, young people's votes apart, and the
//! newest comments shown. Drawn once per change and sent to every screen as it is.

use crate::domain::events::{EventResults, Ranked};
use crate::domain::figure::grouped;
use leptos::prelude::*;

fn count(n: i64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{} {many}", grouped(n as f64, 0))
    }
}

/// Votes as horizontal bars, most first; each priority's name above its bar so that it reads on
/// a phone as well as on a projector.
/// `text` in lines of at most `most` characters, broken between words (a word longer than a
/// line has a line of its own).
fn wrapped(text: &str, most: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= most => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

/// Characters of a priority's name on one line of a chart.
const LINE: usize = 40;

fn bar_chart(id: &str, title: &str, rows: &[Ranked], young: bool) -> impl IntoView {
    // Drawn about as wide as a phone, so that its words read there at their size (and larger
    // on a projector, where it is scaled up). Long names take more than one line.
    let width = 360.0;
    let (line_h, bar_h) = (18.0, 30.0);
    let labels: Vec<Vec<String>> = rows.iter().map(|(_, l, _)| wrapped(l, LINE)).collect();
    let tops: Vec<f64> = labels
        .iter()
        .scan(0.0, |y, lines| {
            let top = *y;
            *y += lines.len().max(1) as f64 * line_h + bar_h;
            Some(top)
        })
        .collect();
    let height = labels
        .last()
        .zip(tops.last())
        .map(|(lines, top)| top + lines.len().max(1) as f64 * line_h + bar_h)
        .unwrap_or(bar_h)
        + 4.0;
    let most = rows.iter().map(|(_, _, v)| *v).max().unwrap_or(0).max(1) as f64;
    let fill = if young { "#4c2c92" } else { "#1d70b8" };
    let title_id = format!("{id}-title");
    let labelled_by = title_id.clone();
    view! {
        <svg class="tb-event-chart" viewBox=format!("0 0 {width} {height:.0}") role="img" aria-labelledby=labelled_by data-testid=id.to_string()>
            <title id=title_id>{title.to_string()}</title>
            {rows.iter().zip(labels).zip(tops).map(|(((_, _, votes), lines), y)| {
                let bar_y = y + lines.len().max(1) as f64 * line_h + 4.0;
                let w = ((*votes as f64 / most) * (width - 40.0)).max(if *votes > 0 { 4.0 } else { 0.0 });
                view! {
                    <g>
                        <text x="0" y=format!("{:.0}", y + 15.0) font-size="15" fill="#0b0c0c">
                            {lines.into_iter().enumerate().map(|(i, line)| view! {
                                <tspan x="0" dy=if i == 0 { "0" } else { "18" }>{line}</tspan>
                            }).collect_view()}
                        </text>
                        <rect x="0" y=format!("{bar_y:.0}") width=format!("{w:.1}") height="16" fill=fill></rect>
                        <text x=format!("{:.1}", w + 6.0) y=format!("{:.0}", bar_y + 14.0) font-size="15" font-weight="bold" fill="#0b0c0c">{votes.to_string()}</text>
                    </g>
                }
            }).collect_view()}
        </svg>
    }
}

/// The results, for any screen.
pub fn results_view(r: &EventResults) -> impl IntoView {
    let ranked = r.ranked();
    let young = r.young_ranked();
    let comments = r.comments.clone();
    let taking_part = format!(
        "{} joined · {} voted, {} of them young people · {} cast",
        count(r.joined, "person", "people"),
        grouped(r.voted as f64, 0),
        grouped(r.young_voted as f64, 0),
        count(r.total_votes(), "vote", "votes"),
    );
    let by_label = |label: &str| {
        r.tallies
            .iter()
            .find(|t| t.label == label)
            .map(|t| t.young_votes)
            .unwrap_or(0)
    };
    let table_rows: Vec<(usize, String, i64, i64)> = ranked
        .iter()
        .map(|(rank, label, votes)| (*rank, label.clone(), *votes, by_label(label)))
        .collect();
    view! {
        <div class="tb-event-results" data-changes=r.changes.to_string()>
            <p class="govuk-body-l tb-event-phase" data-testid="phase">{r.phase.describe()}</p>
            <p class="govuk-body tb-event-count" data-testid="taking-part">{taking_part}</p>
            <h2 class="govuk-heading-m">"Votes for each priority"</h2>
            {bar_chart("votes-chart", "Votes for each priority, most first", &ranked, false)}
            <h2 class="govuk-heading-m">"Young people's votes"</h2>
            {if r.young_total() == 0 {
                view! { <p class="govuk-body" data-testid="young-votes">"No young people's votes yet."</p> }.into_any()
            } else {
                bar_chart("young-votes", "Young people's votes for each priority, most first", &young, true).into_any()
            }}
            <details class="govuk-details">
                <summary class="govuk-details__summary"><span class="govuk-details__summary-text">"The votes as a table"</span></summary>
                <div class="govuk-details__text tb-table-scroll">
                    <table class="govuk-table" data-testid="votes-table">
                        <caption class="govuk-table__caption govuk-table__caption--s">"Votes for each priority, most first"</caption>
                        <thead class="govuk-table__head"><tr class="govuk-table__row">
                            <th scope="col" class="govuk-table__header">"Rank"</th>
                            <th scope="col" class="govuk-table__header">"Priority"</th>
                            <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Votes"</th>
                            <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Young people's votes"</th>
                        </tr></thead>
                        <tbody class="govuk-table__body">
                            {table_rows.into_iter().map(|(rank, label, votes, young)| view! {
                                <tr class="govuk-table__row">
                                    <td class="govuk-table__cell">{rank.to_string()}</td>
                                    <th scope="row" class="govuk-table__header">{label}</th>
                                    <td class="govuk-table__cell govuk-table__cell--numeric">{votes.to_string()}</td>
                                    <td class="govuk-table__cell govuk-table__cell--numeric">{young.to_string()}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </details>
            <h2 class="govuk-heading-m">"What people said"</h2>
            {if comments.is_empty() {
                view! { <p class="govuk-body" data-testid="comments">"No comments yet."</p> }.into_any()
            } else {
                view! {
                    <ul class="govuk-list tb-event-comments" data-testid="comments">
                        {comments.into_iter().map(|c| view! {
                            <li class="tb-event-comment">
                                <p class="govuk-body tb-pre">{c.body.clone()}</p>
                                <p class="govuk-body-s tb-muted">{c.who()}</p>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </div>
    }
}

/// The results as HTML, for the live updates.
#[cfg(feature = "ssr")]
pub fn results_html(r: &EventResults) -> String {
    results_view(r).to_html()
}

#[cfg(test)]
mod tests {
    use super::wrapped;

    #[test]
    fn long_names_are_broken_between_words() {
        assert_eq!(
            wrapped(
                "Reducing the number of young people not in education, employment or training",
                40
            ),
            vec![
                "Reducing the number of young people not".to_string(),
                "in education, employment or training".into()
            ]
        );
        assert_eq!(wrapped("Short", 40), vec!["Short".to_string()]);
        assert_eq!(wrapped("", 40), Vec::<String>::new());
        assert_eq!(
            wrapped("Supercalifragilistic word", 10),
            vec!["Supercalifragilistic".to_string(), "word".into()]
        );
    }
}
