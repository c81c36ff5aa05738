//! The plan as a Word document for the partnership to circulate.

use super::*;

/// A4 landscape, in twentieths of a point: the action table has nine columns.
const PAGE_WIDTH: u32 = 16_838;
const PAGE_HEIGHT: u32 = 11_906;
const MARGIN: i32 = 1_134; // 2 cm
const TEXT_WIDTH: usize = PAGE_WIDTH as usize - 2 * MARGIN as usize;

/// Arial 11 point, with bold headings. Word's own names ("heading 1") make the headings show in
/// its navigation pane and table of contents.
fn styles(docx: Docx) -> Docx {
    // Sizes are in half-points.
    let bold = |id: &str, name: &str, size: usize| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .bold()
            .size(size)
            .q_format(true)
    };
    docx.default_size(22)
        .default_fonts(RunFonts::new().ascii("Arial").hi_ansi("Arial").cs("Arial"))
        .add_style(bold("Title", "Title", 40))
        .add_style(bold("Heading1", "heading 1", 32).outline_lvl(0))
        .add_style(bold("Heading2", "heading 2", 28).outline_lvl(1))
        .add_style(bold("Heading3", "heading 3", 24).outline_lvl(2))
}

/// An A4 landscape document with 2 cm margins and the styles above.
pub(super) fn landscape() -> Docx {
    styles(Docx::new())
        .page_size(PAGE_WIDTH, PAGE_HEIGHT)
        .page_orient(PageOrientationType::Landscape)
        .page_margin(PageMargin {
            top: MARGIN,
            left: MARGIN,
            bottom: MARGIN,
            right: MARGIN,
            header: 709,
            footer: 709,
            gutter: 0,
        })
}

/// A run of text, with each line of a multi-line text on a line of its own.
fn text_run(text: &str) -> Run {
    let mut run = Run::new();
    for (i, line) in text.trim().lines().enumerate() {
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        run = run.add_text(line.trim_end());
    }
    run
}

pub(super) fn styled(style: &str, text: &str) -> Paragraph {
    Paragraph::new().style(style).add_run(text_run(text))
}

/// Paragraphs of a long text (one a line, leaving out blank lines), or a note that it is blank.
fn text_paragraphs(text: &str, blank: &str) -> Vec<Paragraph> {
    let paragraphs: Vec<Paragraph> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| Paragraph::new().add_run(Run::new().add_text(l)))
        .collect();
    if paragraphs.is_empty() {
        vec![Paragraph::new().add_run(Run::new().add_text(blank).italic())]
    } else {
        paragraphs
    }
}

/// "Outcome: fewer under-18 conceptions", with the label in bold.
fn labelled(label: &str, value: &str) -> Paragraph {
    Paragraph::new()
        .add_run(Run::new().add_text(format!("{label}: ")).bold())
        .add_run(text_run(value))
}

/// A table with a shaded, bold header row. Each heading comes with its column's share of the
/// width of the text.
pub(super) fn table(header: &[(&str, usize)], rows: Vec<Vec<String>>) -> Table {
    let total: usize = header.iter().map(|(_, w)| w).sum();
    let grid = header
        .iter()
        .map(|(_, w)| w * TEXT_WIDTH / total.max(1))
        .collect();
    let header_row = TableRow::new(
        header
            .iter()
            .map(|(h, _)| {
                TableCell::new()
                    .shading(Shading::new().fill("D9D9D9"))
                    .add_paragraph(Paragraph::new().add_run(Run::new().add_text(*h).bold()))
            })
            .collect(),
    )
    .cant_split();
    let body = rows.into_iter().map(|cells| {
        TableRow::new(
            cells
                .iter()
                .map(|c| TableCell::new().add_paragraph(Paragraph::new().add_run(text_run(c))))
                .collect(),
        )
        .cant_split()
    });
    // The full width of the page (in fiftieths of a per cent).
    Table::new(std::iter::once(header_row).chain(body).collect())
        .width(5000, WidthType::Pct)
        .set_grid(grid)
}

fn measures_table(plan: &Plan, priority: &Priority) -> Table {
    let rows = priority
        .measures
        .iter()
        .map(|m| {
            let mut indicator = plan.indicator_name(m.indicator_code.as_deref());
            if let Some(unit) = m
                .indicator_code
                .as_ref()
                .and_then(|c| plan.indicators.get(c))
                .map(|i| i.unit.trim())
                .filter(|u| !u.is_empty())
            {
                indicator.push_str(&format!(" ({unit})"));
            }
            vec![
                indicator,
                plan.baseline_text(m),
                plan.figure(m, m.target),
                long_date_or_dash(m.due),
            ]
        })
        .collect();
    table(
        &[
            ("Indicator", 40),
            ("Baseline", 20),
            ("Target", 20),
            ("Due", 20),
        ],
        rows,
    )
}

fn actions_table(plan: &Plan, priority: &Priority) -> Table {
    let rows = priority
        .actions
        .iter()
        .map(|a| {
            let supporting = supporting_names(plan, a);
            vec![
                or_dash(&a.description),
                plan.organisation_name(a.lead_partner),
                or_dash(&supporting),
                long_date_or_dash(a.start),
                long_date_or_dash(a.due),
                or_dash(&a.resources),
                a.pooled_budget_pence
                    .map(format_pounds)
                    .unwrap_or_else(|| "—".into()),
                a.commissioning.label().to_string(),
                a.status.label().to_string(),
            ]
        })
        .collect();
    table(
        &[
            ("Action", 22),
            ("Lead partner", 12),
            ("Supporting partners", 13),
            ("Start", 8),
            ("Due", 8),
            ("Resources", 13),
            ("Pooled budget", 8),
            ("Commissioning", 9),
            ("Status", 7),
        ],
        rows,
    )
}

/// The plan as a Word document for the partnership to circulate.
pub fn plan_docx(plan: &Plan) -> Result<Vec<u8>, ExportError> {
    let name = plan.partnership_name.trim();
    let mut doc = landscape()
        .add_paragraph(styled(
            "Title",
            &format!("{name}: local delivery plan {}", plan.year),
        ))
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text(format!(
            "Version {}. Status: {}.",
            plan.version,
            plan.status.label()
        ))))
        .add_paragraph(styled("Heading1", "Needs analysis"));
    for p in text_paragraphs(
        &plan.needs_summary,
        "No needs analysis has been written yet.",
    ) {
        doc = doc.add_paragraph(p);
    }
    doc = doc.add_paragraph(styled("Heading1", "What children and young people told us"));
    for p in text_paragraphs(
        &plan.young_people_said,
        "Nothing has been written about what children and young people said yet.",
    ) {
        doc = doc.add_paragraph(p);
    }

    doc = doc.add_paragraph(styled("Heading1", "Priorities"));
    if plan.priorities.is_empty() {
        doc = doc.add_paragraph(
            Paragraph::new().add_run(
                Run::new()
                    .add_text("This plan has no priorities yet.")
                    .italic(),
            ),
        );
    }
    for priority in &plan.priorities {
        doc = doc
            .add_paragraph(styled("Heading2", &priority_heading(priority)))
            .add_paragraph(labelled("Outcome", &or_dash(&priority.outcome)))
            .add_paragraph(labelled(
                "Champion",
                &or_dash(priority.champion.as_deref().unwrap_or_default()),
            ))
            .add_paragraph(labelled(
                "Challenger",
                &or_dash(priority.challenger.as_deref().unwrap_or_default()),
            ))
            .add_paragraph(styled("Heading3", "Measures"));
        doc = if priority.measures.is_empty() {
            doc.add_paragraph(
                Paragraph::new().add_run(Run::new().add_text("No measures yet.").italic()),
            )
        } else {
            doc.add_table(measures_table(plan, priority))
        };
        doc = doc.add_paragraph(styled("Heading3", "Actions"));
        doc = if priority.actions.is_empty() {
            doc.add_paragraph(
                Paragraph::new().add_run(Run::new().add_text("No actions yet.").italic()),
            )
        } else {
            doc.add_table(actions_table(plan, priority))
        };
    }

    let mut out = Cursor::new(Vec::new());
    doc.build().pack(&mut out).map_err(DocxError::from)?;
    Ok(out.into_inner())
}
