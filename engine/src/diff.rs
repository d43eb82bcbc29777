//! What changed between two versions of a plan, or two plan files (docs/budget.md
//! "Versioner", "Vad ändrades"): per year the funding (*medelstilldelning*), each budget line,
//! each member's payment, the closing equity and its ratio — only what differs, with the sum of
//! the differences per section and year. Differences are *till − från* (to − from).
//!
//! Lines are paired by id when the names agree, then by name ([`names_match`]), then by id (a
//! renamed line); members by name. A line or member only in one plan counts 0 in the other.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::csv_io::Cell;
use crate::money::Amount;
use crate::names::names_match;
use crate::plan::{BudgetLine, Plan, Year};
use crate::report::compute;

/// What a difference row is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum DiffSection {
    /// The year's *medelstilldelning* T.
    Medelstilldelning,
    /// A budget line's amount.
    Budgetpost,
    /// A member's payment.
    Medlemsbidrag,
    /// *Eget kapital* at the end of the year (EK UB).
    EgetKapital,
    /// The equity ratio, in percent (the difference in percentage points).
    EkKvot,
}

impl DiffSection {
    /// Swedish label: `Medelstilldelning`, `Budgetpost`, `Medlemsbidrag`, `Eget kapital UB`,
    /// `EK-kvot (%)`.
    pub fn label(self) -> &'static str {
        match self {
            DiffSection::Medelstilldelning => "Medelstilldelning",
            DiffSection::Budgetpost => "Budgetpost",
            DiffSection::Medlemsbidrag => "Medlemsbidrag",
            DiffSection::EgetKapital => "Eget kapital UB",
            DiffSection::EkKvot => "EK-kvot (%)",
        }
    }
}

/// One difference: `from` and `to` (`None` = absent or unknown there) and `diff = to − from`
/// (an absent value counts 0).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffRow {
    /// The section.
    pub section: DiffSection,
    /// The year.
    pub year: Year,
    /// What: the line's or member's name (`Gammalt → Nytt` for a renamed line), or the
    /// section's label.
    pub label: String,
    /// The value in the first plan.
    pub from: Option<Decimal>,
    /// The value in the second plan.
    pub to: Option<Decimal>,
    /// `to − from`.
    pub diff: Decimal,
}

/// The differences between two plans.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanDiff {
    /// What the first plan is (`Beslutad 2026-11-20, § 45`).
    pub from_label: String,
    /// What the second plan is (`Utkast`).
    pub to_label: String,
    /// The rows that differ, by year, then section, in plan order within a section.
    pub rows: Vec<DiffRow>,
    /// Per year and section (lines and members) the sum of the differences: `label` is
    /// `Summa`.
    pub sums: Vec<DiffRow>,
}

impl PlanDiff {
    /// True when nothing differs.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The rows of `section` in `year`.
    pub fn rows_of(&self, section: DiffSection, year: Year) -> impl Iterator<Item = &DiffRow> {
        self.rows
            .iter()
            .filter(move |r| r.section == section && r.year == year)
    }

    /// What changed for the member named `name` (its payment per year, matched by the names
    /// rule) and the funding, in year order: what a municipality was told and what it pays now.
    pub fn for_member<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a DiffRow> + 'a {
        self.rows.iter().filter(move |r| match r.section {
            DiffSection::Medelstilldelning => true,
            DiffSection::Medlemsbidrag => names_match(&r.label, name),
            _ => false,
        })
    }

    /// The sum of the differences of `section` in `year` (zero when nothing differs).
    pub fn sum(&self, section: DiffSection, year: Year) -> Decimal {
        self.sums
            .iter()
            .find(|r| r.section == section && r.year == year)
            .map(|r| r.diff)
            .unwrap_or_default()
    }
}

fn add(a: Decimal, b: Decimal) -> Decimal {
    a.saturating_add(b)
}

fn sub(a: Decimal, b: Decimal) -> Decimal {
    a.saturating_sub(b)
}

/// Pairs the lines of `a` and `b`: by id with the same name, then by name, then by id.
fn pair_lines<'a>(
    a: &'a [BudgetLine],
    b: &'a [BudgetLine],
) -> Vec<(Option<&'a BudgetLine>, Option<&'a BudgetLine>)> {
    let mut taken = vec![false; b.len()];
    let mut pairs: Vec<(Option<&BudgetLine>, Option<usize>)> =
        a.iter().map(|l| (Some(l), None)).collect();
    type Rule<'r> = &'r dyn Fn(&BudgetLine, &BudgetLine) -> bool;
    let rules: [Rule<'_>; 3] = [
        &|x, y| x.id == y.id && names_match(&x.name, &y.name),
        &|x, y| names_match(&x.name, &y.name),
        &|x, y| x.id == y.id,
    ];
    for rule in rules {
        for (la, slot) in pairs.iter_mut() {
            if slot.is_some() {
                continue;
            }
            let Some(la) = la else { continue };
            if let Some(j) = b
                .iter()
                .enumerate()
                .position(|(j, lb)| !taken.get(j).copied().unwrap_or(true) && rule(la, lb))
            {
                if let Some(t) = taken.get_mut(j) {
                    *t = true;
                }
                *slot = Some(j);
            }
        }
    }
    let mut out: Vec<(Option<&BudgetLine>, Option<&BudgetLine>)> = pairs
        .into_iter()
        .map(|(la, j)| (la, j.and_then(|j| b.get(j))))
        .collect();
    out.extend(
        b.iter()
            .zip(&taken)
            .filter(|(_, t)| !**t)
            .map(|(lb, _)| (None, Some(lb))),
    );
    out
}

fn line_label(a: Option<&BudgetLine>, b: Option<&BudgetLine>) -> String {
    match (a, b) {
        (Some(x), Some(y)) if x.shown_name() != y.shown_name() => {
            format!("{} → {}", x.shown_name(), y.shown_name())
        }
        (_, Some(y)) => y.shown_name().to_string(),
        (Some(x), None) => x.shown_name().to_string(),
        (None, None) => String::new(),
    }
}

/// The differences from plan `a` to plan `b` (labelled `from_label` and `to_label`).
pub fn diff_plans(a: &Plan, b: &Plan, from_label: &str, to_label: &str) -> PlanDiff {
    let ra = compute(a);
    let rb = compute(b);
    let mut years: Vec<Year> = a.years.iter().chain(&b.years).copied().collect();
    years.sort_unstable();
    years.dedup();
    let mut rows = Vec::new();
    let mut sums = Vec::new();
    let pairs = pair_lines(&a.lines, &b.lines);
    let push = |rows: &mut Vec<DiffRow>,
                section,
                year,
                label: String,
                from: Option<Decimal>,
                to: Option<Decimal>| {
        let diff = sub(to.unwrap_or_default(), from.unwrap_or_default());
        if from != to {
            rows.push(DiffRow {
                section,
                year,
                label,
                from,
                to,
                diff,
            });
        }
    };
    for &year in &years {
        let ya = ra.year(year);
        let yb = rb.year(year);
        let total =
            |y: Option<&crate::report::YearReport>| y.and_then(|y| y.total).map(Amount::value);
        push(
            &mut rows,
            DiffSection::Medelstilldelning,
            year,
            DiffSection::Medelstilldelning.label().to_string(),
            total(ya),
            total(yb),
        );
        let before = rows.len();
        for (la, lb) in &pairs {
            let amount = |l: Option<&BudgetLine>, p: &Plan| {
                l.filter(|_| p.years.contains(&year))
                    .and_then(|l| l.amounts.get(&year))
                    .map(|a| a.value())
            };
            push(
                &mut rows,
                DiffSection::Budgetpost,
                year,
                line_label(*la, *lb),
                amount(*la, a),
                amount(*lb, b),
            );
        }
        push_sum(
            rows.get(before..).unwrap_or_default(),
            DiffSection::Budgetpost,
            year,
            &mut sums,
        );
        let before = rows.len();
        let members = |y: Option<&crate::report::YearReport>| {
            y.and_then(|y| y.allocation.as_ref().ok())
                .map(|al| {
                    al.members
                        .iter()
                        .map(|m| (m.name.clone(), m.amount.value()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        };
        let ma = members(ya);
        let mut mb = members(yb);
        for (name, amount) in &ma {
            let other = mb
                .iter()
                .position(|(n, _)| names_match(n, name))
                .map(|i| mb.remove(i).1);
            push(
                &mut rows,
                DiffSection::Medlemsbidrag,
                year,
                name.clone(),
                Some(*amount),
                other,
            );
        }
        for (name, amount) in mb {
            push(
                &mut rows,
                DiffSection::Medlemsbidrag,
                year,
                name,
                None,
                Some(amount),
            );
        }
        push_sum(
            rows.get(before..).unwrap_or_default(),
            DiffSection::Medlemsbidrag,
            year,
            &mut sums,
        );
        let equity = |y: Option<&crate::report::YearReport>| {
            y.filter(|y| y.equity.known)
                .map(|y| y.equity.closing.value())
        };
        push(
            &mut rows,
            DiffSection::EgetKapital,
            year,
            DiffSection::EgetKapital.label().to_string(),
            equity(ya),
            equity(yb),
        );
        let ratio = |y: Option<&crate::report::YearReport>| {
            y.filter(|y| y.equity.known).and_then(|y| y.equity.ratio)
        };
        push(
            &mut rows,
            DiffSection::EkKvot,
            year,
            DiffSection::EkKvot.label().to_string(),
            ratio(ya),
            ratio(yb),
        );
    }
    PlanDiff {
        from_label: from_label.to_string(),
        to_label: to_label.to_string(),
        rows,
        sums,
    }
}

fn push_sum(rows: &[DiffRow], section: DiffSection, year: Year, sums: &mut Vec<DiffRow>) {
    if rows.is_empty() {
        return;
    }
    let diff = rows.iter().fold(Decimal::ZERO, |s, r| add(s, r.diff));
    sums.push(DiffRow {
        section,
        year,
        label: "Summa".to_string(),
        from: None,
        to: None,
        diff,
    });
}

/// The diff as CSV rows: `År;Avsnitt;Vad;Från;Till;Skillnad`, each section's rows followed by
/// its `Summa` row (money in kronor with a decimal comma, the ratio in percent rounded to two
/// decimals). For [`write_csv`](crate::csv::write_csv).
pub fn diff_csv(diff: &PlanDiff) -> Vec<Vec<Cell>> {
    let mut out = vec![["År", "Avsnitt", "Vad", "Från", "Till", "Skillnad"]
        .into_iter()
        .map(Cell::text)
        .collect::<Vec<_>>()];
    let value = |section: DiffSection, v: Option<Decimal>| match (section, v) {
        (_, None) => Cell::Empty,
        (DiffSection::EkKvot, Some(v)) => Cell::Fixed(v, 2),
        (_, Some(v)) => Cell::Number(v),
    };
    let row = |r: &DiffRow| {
        vec![
            Cell::Integer(i64::from(r.year)),
            Cell::text(r.section.label()),
            Cell::text(&r.label),
            value(r.section, r.from),
            value(r.section, r.to),
            value(r.section, Some(r.diff)),
        ]
    };
    let mut i = 0;
    while let Some(r) = diff.rows.get(i) {
        out.push(row(r));
        let next = diff.rows.get(i.saturating_add(1));
        let ends_group = next.is_none_or(|n| n.section != r.section || n.year != r.year);
        if ends_group {
            if let Some(s) = diff
                .sums
                .iter()
                .find(|s| s.section == r.section && s.year == r.year)
            {
                out.push(row(s));
            }
        }
        i = i.saturating_add(1);
    }
    out
}
