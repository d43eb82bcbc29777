//! CSV exports for Excel (docs/csv.md; UTF-8 with BOM, `;`, decimal comma, CRLF): the budget
//! grid (readable again by [`read_budget_csv`](crate::csv::read_budget_csv)), the allocation, the
//! follow-up, the equity table and the cost distribution.

use rust_decimal::Decimal;

use super::plan_columns::category_cell;
use super::{write_csv, Cell};
use crate::allocation::{Allocation, MemberKind};
use crate::budget::OutcomeBasis;
use crate::distribution::{CostDistribution, CostGroup};
use crate::followup::{follow_up_with, FollowUpRowKind};
use crate::format::format_plain_natural;
use crate::money::Amount;
use crate::plan::{Plan, ScenarioId, Year};
use crate::report::compute_scenario;

pub(super) fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

pub(super) fn year_cell(y: Year) -> Cell {
    Cell::Integer(i64::from(y))
}

pub(super) fn pct(p: Option<Decimal>) -> Cell {
    p.map(|p| Cell::Fixed(p, 2)).unwrap_or(Cell::Empty)
}

/// The budget grid as CSV: `Konto;Post;Kategori;<år>…;Kommun;Notering`, one row per line
/// (split lines as `Kansli 50 % + Processtöd 50 %`), amounts in kronor at full precision.
/// [`read_budget_csv`](super::read_budget_csv) reads it back to the same lines and amounts.
pub fn export_budget_csv(plan: &Plan, scenario: Option<ScenarioId>) -> Vec<u8> {
    let p = plan.resolved(scenario);
    let mut rows = Vec::with_capacity(p.lines.len().saturating_add(1));
    let mut header = vec![text("Konto"), text("Post"), text("Kategori")];
    header.extend(p.years.iter().map(|y| text(y.to_string())));
    header.extend([text("Kommun"), text("Notering")]);
    rows.push(header);
    for l in &p.lines {
        let mut r = vec![
            l.account.clone().map(Cell::Text).unwrap_or(Cell::Empty),
            text(l.shown_name().to_string()),
            text(category_cell(l)),
        ];
        r.extend(
            p.years
                .iter()
                .map(|y| Cell::from(l.amounts.get(y).copied())),
        );
        r.push(
            l.municipality
                .clone()
                .map(Cell::Text)
                .unwrap_or(Cell::Empty),
        );
        r.push(text(l.note.clone()));
        rows.push(r);
    }
    write_csv(&rows)
}

/// The allocation per member and year: `Medlem;Typ;<år>…` in kronor, then the rows
/// `Summa medlemmar`, `Medelstilldelning` and `Avrundningsdifferens` (and `Avvikelse från
/// partens andel` when a year has an accepted deviation). A year whose allocation fails has
/// empty cells.
pub fn export_allocation_csv(plan: &Plan, scenario: Option<ScenarioId>) -> Vec<u8> {
    let report = compute_scenario(plan, scenario);
    let mut names: Vec<(String, MemberKind)> = Vec::new();
    for y in &report.years {
        if let Ok(a) = &y.allocation {
            for m in &a.members {
                if !names.iter().any(|(n, _)| *n == m.name) {
                    names.push((m.name.clone(), m.kind));
                }
            }
        }
    }
    let mut rows = Vec::with_capacity(names.len().saturating_add(4));
    let mut header = vec![text("Medlem"), text("Typ")];
    header.extend(report.years.iter().map(|y| text(y.year.to_string())));
    rows.push(header);
    for (name, kind) in &names {
        let mut r = vec![text(name.clone()), text(kind.label())];
        r.extend(report.years.iter().map(|y| {
            Cell::from(
                y.allocation
                    .as_ref()
                    .ok()
                    .and_then(|a| a.member(name))
                    .map(|m| m.amount),
            )
        }));
        rows.push(r);
    }
    type Figure = fn(&Allocation) -> Amount;
    let summary: [(&str, Figure); 4] = [
        ("Summa medlemmar", |a| a.members_total()),
        ("Medelstilldelning", |a| a.total),
        ("Avrundningsdifferens", |a| a.rounding_only()),
        ("Avvikelse från partens andel", |a| a.deviation()),
    ];
    // The deviation row only when some year has an accepted deviation.
    let any_deviation = report.years.iter().any(|y| {
        y.allocation
            .as_ref()
            .is_ok_and(|a| a.parties.iter().any(|p| p.deviation))
    });
    for (label, f) in summary {
        if label == "Avvikelse från partens andel" && !any_deviation {
            continue;
        }
        let mut r = vec![text(label), Cell::Empty];
        r.extend(
            report
                .years
                .iter()
                .map(|y| Cell::from(y.allocation.as_ref().ok().map(f))),
        );
        rows.push(r);
    }
    write_csv(&rows)
}

/// The follow-up of `year` (*driftredovisning*, costs positive):
/// `Konto;Post;Kategori;Budget;Utfall;Avvikelse;Förbrukad %;Återstår`, with headings, subtotals
/// and results. *Förbrukad %* is empty for a zero budget.
pub fn export_follow_up_csv(
    plan: &Plan,
    scenario: Option<ScenarioId>,
    year: Year,
    basis: OutcomeBasis,
) -> Vec<u8> {
    let p = plan.resolved(scenario);
    // The budget books the decided total T; the outcome what the members pay.
    let (budget_income, paid) = p
        .allocations()
        .into_iter()
        .find(|(y, _)| *y == year)
        .and_then(|(_, a)| a.ok())
        .map(|a| (a.total, a.members_total()))
        .unwrap_or_default();
    let f = follow_up_with(&p, year, basis, budget_income, paid);
    let mut rows = vec![vec![
        text("Konto"),
        text("Post"),
        text("Kategori"),
        text(format!("Budget {year}")),
        text(format!("{} {year}", basis.label())),
        text("Avvikelse"),
        text("Förbrukad %"),
        text("Återstår"),
    ]];
    for r in &f.rows {
        if r.kind == FollowUpRowKind::Heading {
            rows.push(vec![Cell::Empty, text(r.label.clone())]);
            continue;
        }
        let name = match r.share_percent {
            Some(s) => format!("{} ({} %)", r.label, format_plain_natural(s)),
            None => r.label.clone(),
        };
        rows.push(vec![
            r.account.clone().map(Cell::Text).unwrap_or(Cell::Empty),
            text(name),
            r.category.map(|c| text(c.label())).unwrap_or(Cell::Empty),
            Cell::from(r.figures.budget),
            if r.has_outcome || r.kind != FollowUpRowKind::Line {
                Cell::from(r.figures.outcome)
            } else {
                Cell::Empty
            },
            Cell::from(r.figures.deviation),
            pct(r.figures.used_percent),
            Cell::from(r.figures.remaining),
        ]);
    }
    write_csv(&rows)
}

/// The multi-year equity table: `År;Medelstilldelning;Verksamhetens kostnader;Årets resultat;
/// EK IB;Kapitaltillskott;EK UB;Kvot %;Över taket;Under golvet;Resultatbas;Kvotens bas`.
/// `Resultatbas` says which result the year rolls on (`budget`, `utfall`, `angivet`);
/// `Kvotens bas` what the ratio is measured against, with `(antagande)` when assumed.
pub fn export_equity_csv(plan: &Plan, scenario: Option<ScenarioId>) -> Vec<u8> {
    export_equity_csv_of(plan, &compute_scenario(plan, scenario))
}

/// The equity table of `report` as [`export_equity_csv`] writes it: the export of the report
/// a view shows, e.g. Eget kapital on each year's decision in force (`compute_view`,
/// docs/budget.md "Vyerna och beslutet"). `plan` gives the ratio's base (the draft's settings).
pub fn export_equity_csv_of(plan: &Plan, report: &crate::report::Report) -> Vec<u8> {
    let mut rows = vec![[
        "År",
        "Medelstilldelning",
        "Verksamhetens kostnader",
        "Årets resultat",
        "EK IB",
        "Kapitaltillskott",
        "EK UB",
        "Kvot %",
        "Över taket",
        "Under golvet",
        "Resultatbas",
        "Kvotens bas",
    ]
    .into_iter()
    .map(text)
    .collect::<Vec<_>>()];
    // `–` when it cannot be told (the ratio or the year's equity is unknown), never `Nej`.
    let yes = |b: Option<bool>| {
        text(match b {
            Some(true) => "Ja",
            Some(false) => "Nej",
            None => "–",
        })
    };
    let base = plan.settings.equity_base.label();
    for y in &report.years {
        let e = &y.equity;
        // A figure that is not known is an empty cell, never a computed-looking number
        // (docs/equity.md, "No result, no equity").
        let known = |on: bool, a: Amount| if on { Cell::from(a) } else { Cell::Empty };
        rows.push(vec![
            year_cell(y.year),
            Cell::from(y.total),
            Cell::from(y.budget.operating_costs),
            known(e.result_known, e.result),
            known(e.opening_known, e.opening),
            Cell::from(e.capital_contribution),
            known(e.known, e.closing),
            pct(e.ratio),
            yes(e.above_ceiling_known()),
            yes(e.below_floor_known()),
            text(e.basis.label()),
            text(if e.base_assumed {
                format!("{base} (antagande)")
            } else {
                base.to_string()
            }),
        ]);
    }
    write_csv(&rows)
}

pub(super) fn distribution_rows(
    rows: &mut Vec<Vec<Cell>>,
    year: Year,
    basis: &str,
    d: &CostDistribution,
) {
    let mut push = |label: &str, s: &crate::distribution::CostShare| {
        rows.push(vec![
            year_cell(year),
            text(basis),
            text(label),
            Cell::from(s.amount),
            pct(s.percent),
            Cell::from(s.whole_largest_remainder),
            Cell::from(s.whole_independent),
            text(d.basis.label()),
        ]);
    };
    for g in CostGroup::ALL {
        push(g.label(), d.group(g));
    }
    push("Direkta insatskostnader", &d.direct);
}

/// The cost distribution per year, budget and (when known) outcome:
/// `År;Underlag;Kostnadsslag;Belopp;Andel %;Hela procent (största rest);Hela procent (var för sig);Bas`
/// (`Bas` states what the percentages are measured against).
pub fn export_distribution_csv(plan: &Plan, scenario: Option<ScenarioId>) -> Vec<u8> {
    let report = compute_scenario(plan, scenario);
    let mut rows = vec![[
        "År",
        "Underlag",
        "Kostnadsslag",
        "Belopp",
        "Andel %",
        "Hela procent (största rest)",
        "Hela procent (var för sig)",
        "Bas",
    ]
    .into_iter()
    .map(text)
    .collect::<Vec<_>>()];
    for y in &report.years {
        distribution_rows(&mut rows, y.year, "Budget", &y.distribution);
        if let Some(o) = &y.outcome_distribution {
            distribution_rows(&mut rows, y.year, "Utfall", o);
        }
    }
    write_csv(&rows)
}
