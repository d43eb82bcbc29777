//! The follow-up per insats over all years (docs/budget.md, "Per insats"): for each
//! intervention, its budget and its utfall year by year, with the administrative costs beside
//! them, as the national follow-up of Finsam asks for (budget and outcome per insats).
//!
//! An *insats* is a line of a direct category (Individinsatser, Strukturpåverkande insatser,
//! Processtöd samverkansinsatser), or the direct share of a split line. Lines whose names are
//! the same ([`names_match`](crate::names::names_match)) are one insats: an intervention booked on
//! two accounts, or a split line's shares in two direct categories, is one row; unnamed lines are
//! each a row of their own. The figures are
//! the report's follow-up figures (docs/budget.md, "Follow-up"), so each year's rows sum to its
//! *Summa direkta insatskostnader*.

use std::collections::HashMap;

use crate::budget::add;
use crate::csv_io::{write_csv, Cell};
use crate::followup::{FollowUp, FollowUpRow, FollowUpRowKind};
use crate::line_name::UNNAMED_LINE;
use crate::money::Amount;
use crate::names::name_key;
use crate::plan::{Category, LineId, Plan, Year};
use crate::report::Report;

/// The label of the direct costs' subtotal in the follow-up.
const DIRECT_TOTAL: &str = "Summa direkta insatskostnader";
/// The label of the administrative costs' subtotal in the follow-up.
const ADMIN_TOTAL: &str = "Summa administrativa kostnader";
/// The label of the costs' total in the follow-up.
const COSTS_TOTAL: &str = "Verksamhetens kostnader";

/// One insats (or a total) in one year.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct InsatsYear {
    /// The budget.
    pub budget: Amount,
    /// The utfall (final, else year-to-date), `None` when no line of the row has one this year.
    pub outcome: Option<Amount>,
}

/// One row of the table: an insats, or a total.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InsatsRow {
    /// The insats's name (its first line's), or the total's label.
    pub label: String,
    /// The direct category, when every line of the insats is in the same one.
    pub category: Option<Category>,
    /// The plan lines of the insats, in plan order (empty for totals).
    pub lines: Vec<LineId>,
    /// The accounts of its lines, in plan order, without repeats.
    pub accounts: Vec<String>,
    /// One entry per year of [`InsatsTable::years`].
    pub years: Vec<InsatsYear>,
}

/// The follow-up per insats over the plan's years (see the module documentation).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InsatsTable {
    /// The plan's years, in order.
    pub years: Vec<Year>,
    /// Per year: true when some line's utfall that year is only year-to-date (*ack. utfall*).
    pub year_to_date: Vec<bool>,
    /// The insatser, in the order of their first line in the budget statement.
    pub rows: Vec<InsatsRow>,
    /// *Summa direkta insatskostnader*.
    pub direct_total: InsatsRow,
    /// *Summa administrativa kostnader*, beside the insatser.
    pub admin_total: InsatsRow,
    /// *Verksamhetens kostnader*.
    pub costs_total: InsatsRow,
}

impl InsatsTable {
    /// What a year's utfall is: `Utfall`, or `Ack. utfall` when some utfall that year is only
    /// year-to-date (the heading under the year in a table).
    pub fn outcome_kind(&self, index: usize) -> &'static str {
        if self.year_to_date.get(index).copied().unwrap_or(false) {
            "Ack. utfall"
        } else {
            "Utfall"
        }
    }

    /// The heading of a year's utfall column with its year: `Utfall 2025`, `Ack. utfall 2026`.
    pub fn outcome_label(&self, index: usize) -> String {
        let year = self.years.get(index).copied().unwrap_or_default();
        format!("{} {year}", self.outcome_kind(index))
    }

    /// The table as CSV for Excel (docs/csv.md): `Insats;Kategori;Konto` and per year
    /// `Budget <år>;Utfall <år>` (kr, numbers as numbers, an unknown utfall empty), one row per
    /// insats, then the three totals.
    pub fn to_csv(&self) -> Vec<u8> {
        let mut header = vec![
            Cell::text("Insats"),
            Cell::text("Kategori"),
            Cell::text("Konto"),
        ];
        for (i, year) in self.years.iter().enumerate() {
            header.push(Cell::text(format!("Budget {year}")));
            header.push(Cell::text(self.outcome_label(i)));
        }
        let mut rows = vec![header];
        let totals = [&self.direct_total, &self.admin_total, &self.costs_total];
        for row in self.rows.iter().chain(totals) {
            let mut cells = vec![
                Cell::text(row.label.clone()),
                row.category
                    .map_or(Cell::Empty, |c| Cell::text(c.label().to_string())),
                Cell::text(row.accounts.join(", ")),
            ];
            for y in &row.years {
                cells.push(Cell::Number(y.budget.value()));
                cells.push(y.outcome.map_or(Cell::Empty, |o| Cell::Number(o.value())));
            }
            rows.push(cells);
        }
        write_csv(&rows)
    }
}

/// The figures of `row` as an [`InsatsYear`].
fn year_of(row: &FollowUpRow) -> InsatsYear {
    InsatsYear {
        budget: row.figures.budget,
        outcome: row.has_outcome.then_some(row.figures.outcome),
    }
}

/// Adds `b` to `a` (an unknown utfall plus a known one is the known one).
fn plus(a: InsatsYear, b: InsatsYear) -> InsatsYear {
    InsatsYear {
        budget: add(a.budget, b.budget),
        outcome: match (a.outcome, b.outcome) {
            (Some(x), Some(y)) => Some(add(x, y)),
            (x, y) => x.or(y),
        },
    }
}

/// A total row of the follow-up, per year.
fn total_row(label: &str, follow_ups: &[&FollowUp]) -> InsatsRow {
    InsatsRow {
        label: label.to_string(),
        category: None,
        lines: Vec::new(),
        accounts: Vec::new(),
        years: follow_ups
            .iter()
            .map(|f| f.row(label).map(year_of).unwrap_or_default())
            .collect(),
    }
}

/// True when some line has only a year-to-date utfall in `year`.
fn only_year_to_date(plan: &Plan, year: Year) -> bool {
    plan.lines.iter().any(|l| {
        l.outcome
            .get(&year)
            .is_some_and(|o| o.final_amount.is_none() && o.ytd.is_some())
    })
}

/// The follow-up per insats of `plan` over its years, from its `report` (the base plan's or a
/// scenario's, computed from `plan`).
pub fn insats_table(plan: &Plan, report: &Report) -> InsatsTable {
    let follow_ups: Vec<&FollowUp> = report.years.iter().map(|y| &y.follow_up).collect();
    let years: Vec<Year> = report.years.iter().map(|y| y.year).collect();
    let mut rows: Vec<InsatsRow> = Vec::new();
    let mut by_name: HashMap<String, usize> = HashMap::new();
    // The rows of the insatser in statement order; the same lines in every year.
    for (index, follow_up) in follow_ups.iter().enumerate() {
        for r in &follow_up.rows {
            let direct = r.category.is_some_and(Category::is_direct);
            let (FollowUpRowKind::Line, true, Some(line)) = (r.kind, direct, r.line) else {
                continue;
            };
            // Unnamed lines are never one insats with each other.
            let key = if r.label == UNNAMED_LINE {
                format!("#{}", line.0)
            } else {
                name_key(&r.label)
            };
            let at = *by_name.entry(key).or_insert_with(|| {
                rows.push(InsatsRow {
                    label: r.label.clone(),
                    category: r.category,
                    lines: Vec::new(),
                    accounts: Vec::new(),
                    years: vec![InsatsYear::default(); years.len()],
                });
                rows.len().saturating_sub(1)
            });
            let Some(row) = rows.get_mut(at) else {
                continue;
            };
            if row.category != r.category {
                row.category = None;
            }
            if !row.lines.contains(&line) {
                row.lines.push(line);
                if let Some(a) = r.account.as_ref().filter(|a| !row.accounts.contains(a)) {
                    row.accounts.push(a.clone());
                }
            }
            if let Some(y) = row.years.get_mut(index) {
                *y = plus(*y, year_of(r));
            }
        }
    }
    InsatsTable {
        year_to_date: years.iter().map(|y| only_year_to_date(plan, *y)).collect(),
        direct_total: total_row(DIRECT_TOTAL, &follow_ups),
        admin_total: total_row(ADMIN_TOTAL, &follow_ups),
        costs_total: total_row(COSTS_TOTAL, &follow_ups),
        years,
        rows,
    }
}
