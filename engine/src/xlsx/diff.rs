//! What changed between two versions or plans (docs/budget.md "What changed (diff)") as a
//! sheet: the rows of [`diff_csv`](crate::diff::diff_csv) — year, section, what, from, to,
//! difference — with each group's `Summa` as formulas over the group's rows, so the sums of the
//! differences stay live in Excel.

use super::book::{Cell, Sheet, Style};
use crate::diff::{DiffRow, DiffSection, PlanDiff};

/// The columns: År, Avsnitt, Vad, Från, Till, Skillnad.
const FROM: usize = 3;

/// The sheet "Ändringar" of `diff`.
pub(crate) fn diff_sheet(diff: &PlanDiff) -> Sheet {
    let mut s = Sheet::new("Ändringar");
    let title = s.push_row();
    s.set(
        title,
        0,
        Cell::text(
            format!("Från {} till {}", diff.from_label, diff.to_label),
            Style::Bold,
        ),
    );
    let head = s.push_row();
    for (c, h) in ["År", "Avsnitt", "Vad", "Från", "Till", "Skillnad"]
        .iter()
        .enumerate()
    {
        s.set(head, c, Cell::text(*h, Style::Bold));
    }
    s.widths = vec![8, 18, 44, 15, 15, 15];
    let style = |section: DiffSection, bold: bool| match (section, bold) {
        (DiffSection::EkKvot, _) => Style::Percent,
        (_, true) => Style::BoldAmount,
        (_, false) => Style::Amount,
    };
    let mut group: Vec<usize> = Vec::new();
    for (i, r) in diff.rows.iter().enumerate() {
        let row = put(&mut s, r, false, style(r.section, false));
        group.push(row);
        let next = diff.rows.get(i.saturating_add(1));
        if next.is_some_and(|n| n.section == r.section && n.year == r.year) {
            continue;
        }
        if let Some(sum) = diff
            .sums
            .iter()
            .find(|t| t.section == r.section && t.year == r.year)
        {
            let at = put(&mut s, sum, true, style(sum.section, true));
            for (col, value) in [
                (FROM, sum.from),
                (FROM + 1, sum.to),
                (FROM + 2, Some(sum.diff)),
            ] {
                if let Some(v) = value {
                    let cell = s.column_sum(col, &group, v, style(sum.section, true));
                    s.set(at, col, cell);
                }
            }
        }
        group.clear();
    }
    s
}

/// Writes one row (a difference, or a group's sum when `sum`) and returns its index.
fn put(s: &mut Sheet, r: &DiffRow, sum: bool, amount: Style) -> usize {
    let row = s.push_row();
    let label = if sum { Style::Bold } else { Style::Plain };
    s.set(row, 0, Cell::number(r.year.into(), Style::Plain));
    s.set(row, 1, Cell::text(r.section.label(), label));
    s.set(row, 2, Cell::text(&r.label, label));
    for (col, value) in [(FROM, r.from), (FROM + 1, r.to), (FROM + 2, Some(r.diff))] {
        if let Some(v) = value {
            s.set(row, col, Cell::number(v, amount));
        }
    }
    row
}
