//! The insats view (docs/budget.md "Insatser"): per insats — each line with direct costs
//! (*direkta insatskostnader*: Individinsatser, Strukturpåverkande, Processtöd; a split line
//! with its direct shares) — the budget and the utfall per year, with the year's
//! *administrativa kostnader* (budget and utfall) beside them, as the annual follow-up per
//! insats asks. Exported as CSV by [`export_insats_csv`].

use serde::{Deserialize, Serialize};

use crate::budget::{add, line_distribution, share_of, OutcomeBasis};
use crate::csv_io::Cell;
use crate::money::Amount;
use crate::plan::{LineId, Plan, Year};

/// One insats in one year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InsatsYear {
    /// The year.
    pub year: Year,
    /// The budget of the insats (its direct shares).
    pub budget: Amount,
    /// The utfall (final, else year-to-date), `None` when none is known.
    pub outcome: Option<Amount>,
}

/// One insats: a line with direct costs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Insats {
    /// The line.
    pub line: LineId,
    /// Its name.
    pub name: String,
    /// Per plan year.
    pub years: Vec<InsatsYear>,
}

/// The administrativa kostnader of a year (Styrelse + Kansli), beside the insatser.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminYear {
    /// The year.
    pub year: Year,
    /// Budget.
    pub budget: Amount,
    /// Utfall, `None` when no administrative line has one.
    pub outcome: Option<Amount>,
}

/// The insatser of a plan with the administrativa kostnader per year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InsatsTable {
    /// Each line with direct costs, in plan order.
    pub insatser: Vec<Insats>,
    /// Administrativa kostnader per year.
    pub admin: Vec<AdminYear>,
}

/// The insats table of `plan` (its base plan; call it on a resolved plan for a scenario).
pub fn insats_table(plan: &Plan) -> InsatsTable {
    let mut insatser = Vec::new();
    for line in &plan.lines {
        let direct: Vec<_> = line_distribution(line)
            .into_iter()
            .filter(|(c, _)| c.is_some_and(|c| c.is_direct()))
            .map(|(_, p)| p)
            .collect();
        if direct.is_empty() {
            continue;
        }
        let part = |a: Amount| {
            direct
                .iter()
                .fold(Amount::ZERO, |s, p| add(s, share_of(a, *p)))
        };
        insatser.push(Insats {
            line: line.id,
            name: line.shown_name().to_string(),
            years: plan
                .years
                .iter()
                .map(|&year| InsatsYear {
                    year,
                    budget: part(line.amount(year)),
                    outcome: OutcomeBasis::Best.of_line(line, year).map(part),
                })
                .collect(),
        });
    }
    let admin = plan
        .years
        .iter()
        .map(|&year| {
            let mut budget = Amount::ZERO;
            let mut outcome: Option<Amount> = None;
            for line in &plan.lines {
                for (c, p) in line_distribution(line) {
                    if !c.is_some_and(|c| c.is_admin()) {
                        continue;
                    }
                    budget = add(budget, share_of(line.amount(year), p));
                    if let Some(o) = OutcomeBasis::Best.of_line(line, year) {
                        outcome = Some(add(outcome.unwrap_or_default(), share_of(o, p)));
                    }
                }
            }
            AdminYear {
                year,
                budget,
                outcome,
            }
        })
        .collect();
    InsatsTable { insatser, admin }
}

/// The insats table as CSV rows (`Insats;År;Budget;Utfall`, then `Administrativa kostnader`
/// per year); an unknown utfall is empty. For [`write_csv`](crate::write_csv).
pub fn export_insats_csv(plan: &Plan) -> Vec<Vec<Cell>> {
    let t = insats_table(plan);
    let mut rows = vec![["Insats", "År", "Budget", "Utfall"]
        .into_iter()
        .map(Cell::text)
        .collect::<Vec<_>>()];
    let row = |name: &str, year: Year, budget: Amount, outcome: Option<Amount>| {
        vec![
            Cell::text(name),
            Cell::Integer(i64::from(year)),
            Cell::Number(budget.value()),
            outcome.map_or(Cell::Empty, |o| Cell::Number(o.value())),
        ]
    };
    for i in &t.insatser {
        for y in &i.years {
            rows.push(row(&i.name, y.year, y.budget, y.outcome));
        }
    }
    for a in &t.admin {
        rows.push(row("Administrativa kostnader", a.year, a.budget, a.outcome));
    }
    rows
}
