//! Budget follow-up (docs/budget.md, docs/budget.md layouts A and C, 5.3): budget vs outcome per line and
//! per subtotal, in the *driftredovisning* order.
//!
//! Costs and income are positive numbers (the layout of VÄ's *driftsredovisning* and SD's
//! narrative tables). For a row:
//! - *avvikelse* = budget − utfall for a cost (positive = under budget), utfall − budget for
//!   income and for results (positive = better than budget);
//! - *förbrukad %* = utfall / budget × 100 (`None` for a zero budget, shown "–"; may be
//!   negative or above 100 %, e.g. Publikationer −5 / 20 = −25 %, GV-16/17);
//! - *återstår* = budget − utfall (for every row, as SD's ID table).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::budget::{add, line_distribution, share_of, sub, OutcomeBasis};
use crate::money::{percent_of, Amount};
use crate::plan::{BudgetLine, Category, LineId, Plan, Year};

/// The follow-up formulas of one row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpFigures {
    /// The budget for the year.
    pub budget: Amount,
    /// The outcome (*utfall*), 0 when none is known.
    pub outcome: Amount,
    /// *Avvikelse* (positive = better than budget).
    pub deviation: Amount,
    /// *Förbrukad %* = utfall / budget × 100, full precision; `None` for a zero budget.
    pub used_percent: Option<Decimal>,
    /// *Återstår* = budget − utfall.
    pub remaining: Amount,
}

/// Applies the follow-up formulas. `income_like` is true for income and result rows.
pub fn follow_up_figures(budget: Amount, outcome: Amount, income_like: bool) -> FollowUpFigures {
    FollowUpFigures {
        budget,
        outcome,
        deviation: if income_like {
            sub(outcome, budget)
        } else {
            sub(budget, outcome)
        },
        used_percent: percent_of(outcome.value(), budget.value()),
        remaining: sub(budget, outcome),
    }
}

/// The kind of a follow-up row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FollowUpRowKind {
    /// A section heading (e.g. ADMINISTRATIVA KOSTNADER); its figures are zero.
    Heading,
    /// A budget line (or, for a split line, its share in one category).
    Line,
    /// A category or group subtotal (*Summa …*).
    Subtotal,
    /// A total or result row (*Verksamhetens kostnader*, *Årets resultat* …).
    Total,
}

/// One row of the follow-up table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpRow {
    /// What kind of row.
    pub kind: FollowUpRowKind,
    /// Swedish label (the line's name, or e.g. `Summa direkta insatskostnader`).
    pub label: String,
    /// The budget line, for line rows.
    pub line: Option<LineId>,
    /// The line's account (*konto*).
    pub account: Option<String>,
    /// The category of the row (line rows and category subtotals).
    pub category: Option<Category>,
    /// For a split line's share: the percent of the line in this category.
    pub share_percent: Option<Decimal>,
    /// True for income and result rows (deviation = utfall − budget).
    pub income_like: bool,
    /// True when some outcome is known for the row.
    pub has_outcome: bool,
    /// The figures.
    pub figures: FollowUpFigures,
}

impl FollowUpRow {
    /// The row's label as shown: a split line's share carries its percent, `Förbundschef
    /// (50 %)`, so the shares of a line read as parts of it (docs/budget.md, follow-up).
    pub fn display_label(&self) -> String {
        match self.share_percent {
            Some(p) => {
                let n = p.normalize();
                format!(
                    "{} ({} %)",
                    self.label,
                    crate::format::format_decimal(n, n.scale())
                )
            }
            None => self.label.clone(),
        }
    }
}

/// The follow-up of one year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    /// The year.
    pub year: Year,
    /// Which outcome was used.
    pub basis: OutcomeBasis,
    /// Rows in *driftredovisning* order.
    pub rows: Vec<FollowUpRow>,
}

impl FollowUp {
    /// The row of `line` (the first share of a split line).
    pub fn line(&self, line: LineId) -> Option<&FollowUpRow> {
        self.rows.iter().find(|r| r.line == Some(line))
    }

    /// The first row with `label` (subtotals and totals).
    pub fn row(&self, label: &str) -> Option<&FollowUpRow> {
        self.rows.iter().find(|r| r.label == label)
    }

    /// A label per row that no other row of the year has: [`FollowUpRow::display_label`],
    /// with the category added to a label that repeats (`Förbundschef (50 %) – Kansli`), then
    /// a number (`Team (2)`) if it still repeats. For exports keyed by the label (the CLI).
    pub fn unique_labels(&self) -> Vec<String> {
        use std::collections::HashMap;
        let base: Vec<String> = self.rows.iter().map(FollowUpRow::display_label).collect();
        let mut count: HashMap<&str, usize> = HashMap::new();
        for l in &base {
            let n = count.entry(l.as_str()).or_default();
            *n = n.saturating_add(1);
        }
        let with_category: Vec<String> = self
            .rows
            .iter()
            .zip(&base)
            .map(|(r, l)| match (count.get(l.as_str()), r.category) {
                (Some(n), Some(c)) if *n > 1 => format!("{l} – {}", c.label()),
                (Some(n), None) if *n > 1 && r.kind == FollowUpRowKind::Line => {
                    format!("{l} – utan kategori")
                }
                _ => l.clone(),
            })
            .collect();
        let mut seen: HashMap<String, usize> = HashMap::new();
        with_category
            .into_iter()
            .map(|l| {
                let n = seen.entry(l.clone()).or_default();
                *n = n.saturating_add(1);
                if *n > 1 {
                    format!("{l} ({n})")
                } else {
                    l
                }
            })
            .collect()
    }
}

/// Labels of the subtotal and total rows.
pub mod followup_labels {
    /// Members' contributions row.
    pub const MEMBER_INCOME: &str = "Medel från huvudmännen";
    /// Income subtotal.
    pub const OPERATING_INCOME: &str = "Summa verksamhetens intäkter";
    /// Administrative costs subtotal.
    pub const ADMIN: &str = "Summa administrativa kostnader";
    /// Direct costs subtotal.
    pub const DIRECT: &str = "Summa direkta insatskostnader";
    /// Uncategorised lines subtotal.
    pub const UNCATEGORIZED: &str = "Summa ej kategoriserade poster";
    /// Operating costs total.
    pub const OPERATING_COSTS: &str = "Verksamhetens kostnader";
    /// Operating result.
    pub const OPERATING_RESULT: &str = "Verksamhetens resultat";
    /// Financial items net.
    pub const FINANCIAL_NET: &str = "Finansiella poster netto";
    /// The year's result.
    pub const RESULT: &str = "Årets resultat";
}

#[derive(Clone, Copy, Default)]
struct Acc {
    budget: Amount,
    outcome: Amount,
    has_outcome: bool,
}

impl Acc {
    fn plus(self, o: Acc) -> Acc {
        Acc {
            budget: add(self.budget, o.budget),
            outcome: add(self.outcome, o.outcome),
            has_outcome: self.has_outcome || o.has_outcome,
        }
    }
    fn minus(self, o: Acc) -> Acc {
        Acc {
            budget: sub(self.budget, o.budget),
            outcome: sub(self.outcome, o.outcome),
            has_outcome: self.has_outcome || o.has_outcome,
        }
    }
}

/// Line shares per category: index `Category as usize`, the last for uncategorised lines.
type Buckets<'a> = Vec<Vec<(&'a BudgetLine, Decimal)>>;

fn bucket(c: Option<Category>) -> usize {
    c.map(|c| c as usize).unwrap_or(Category::ALL.len())
}

struct Builder {
    rows: Vec<FollowUpRow>,
}

impl Builder {
    fn heading(&mut self, label: &str) {
        self.rows.push(FollowUpRow {
            kind: FollowUpRowKind::Heading,
            label: label.to_string(),
            line: None,
            account: None,
            category: None,
            share_percent: None,
            income_like: false,
            has_outcome: false,
            figures: follow_up_figures(Amount::ZERO, Amount::ZERO, false),
        });
    }

    fn sum(
        &mut self,
        kind: FollowUpRowKind,
        label: &str,
        cat: Option<Category>,
        acc: Acc,
        inc: bool,
    ) {
        self.rows.push(FollowUpRow {
            kind,
            label: label.to_string(),
            line: None,
            account: None,
            category: cat,
            share_percent: None,
            income_like: inc,
            has_outcome: acc.has_outcome,
            figures: follow_up_figures(acc.budget, acc.outcome, inc),
        });
    }

    /// Line rows of one category (`None` = uncategorised); returns their sum.
    fn lines(
        &mut self,
        buckets: &Buckets<'_>,
        year: Year,
        basis: OutcomeBasis,
        cat: Option<Category>,
        income: bool,
    ) -> Acc {
        let mut acc = Acc::default();
        for (line, percent) in buckets.get(bucket(cat)).into_iter().flatten() {
            let budget = share_of(line.amount(year), *percent);
            let out = basis.of_line(line, year);
            let outcome = out.map(|o| share_of(o, *percent)).unwrap_or_default();
            let row = Acc {
                budget,
                outcome,
                has_outcome: out.is_some(),
            };
            acc = acc.plus(row);
            self.rows.push(FollowUpRow {
                kind: FollowUpRowKind::Line,
                label: line.shown_name().to_string(),
                line: Some(line.id),
                account: line.account.clone(),
                category: cat,
                share_percent: line.is_split().then_some(*percent),
                income_like: income,
                has_outcome: row.has_outcome,
                figures: follow_up_figures(budget, outcome, income),
            });
        }
        acc
    }
}

/// The follow-up of `year` on `basis`. `member_income` is what the members pay (budget =
/// outcome: the allocation is fixed for the year, docs/budget.md).
///
/// Layout: INTÄKTER (members, övriga intäkter lines) → *Summa verksamhetens intäkter*;
/// ADMINISTRATIVA KOSTNADER (Styrelse, Kansli, each with its subtotal) → *Summa*;
/// DIREKTA INSATSKOSTNADER (Individ, Struktur, Processtöd) → *Summa*; uncategorised lines (if
/// any) → *Verksamhetens kostnader* → *Verksamhetens resultat*; financial lines → *Årets
/// resultat*. A split line appears once per category share (label = the line's name,
/// `share_percent` set), so every subtotal is the sum of the rows above it.
pub fn follow_up(plan: &Plan, year: Year, basis: OutcomeBasis, member_income: Amount) -> FollowUp {
    follow_up_with(plan, year, basis, member_income, member_income)
}

/// Like [`follow_up`], with the members' revenue given separately for the budget (the decided
/// total T) and the outcome (what the members actually pay, T plus the rounding difference),
/// as the report does (docs/budget.md).
pub fn follow_up_with(
    plan: &Plan,
    year: Year,
    basis: OutcomeBasis,
    budget_member_income: Amount,
    outcome_member_income: Amount,
) -> FollowUp {
    // A year too large to sum exactly is followed up as if it had no lines and no revenue, as in
    // the report (`Warning::SumsTooLarge`), never with saturated figures.
    let paid = budget_member_income.abs().max(outcome_member_income.abs());
    if !crate::budget::year_sums_fit(plan, year, paid) {
        let empty = Plan::empty("", year, 0);
        return follow_up_with(&empty, year, basis, Amount::ZERO, Amount::ZERO);
    }
    follow_up_fitting(
        plan,
        year,
        basis,
        budget_member_income,
        outcome_member_income,
    )
}

/// [`follow_up_with`] of a year the caller knows fits (`budget::year_sums_fit`).
pub(crate) fn follow_up_fitting(
    plan: &Plan,
    year: Year,
    basis: OutcomeBasis,
    budget_member_income: Amount,
    outcome_member_income: Amount,
) -> FollowUp {
    // Every line share, bucketed by category in plan order.
    let mut buckets: Buckets<'_> = vec![Vec::new(); Category::ALL.len().saturating_add(1)];
    let mut count = 0;
    for line in &plan.lines {
        if line.is_split() {
            for (c, p) in line_distribution(line) {
                if let Some(b) = buckets.get_mut(bucket(c)) {
                    b.push((line, p));
                }
                count = usize::saturating_add(count, 1);
            }
        } else {
            if let Some(b) = buckets.get_mut(bucket(line.category)) {
                b.push((line, Decimal::ONE_HUNDRED));
            }
            count = usize::saturating_add(count, 1);
        }
    }
    let mut b = Builder {
        rows: Vec::with_capacity(count.saturating_add(24)),
    };

    b.heading("INTÄKTER");
    let members = Acc {
        budget: budget_member_income,
        outcome: outcome_member_income,
        has_outcome: true,
    };
    b.sum(
        FollowUpRowKind::Line,
        followup_labels::MEMBER_INCOME,
        None,
        members,
        true,
    );
    let other = b.lines(&buckets, year, basis, Some(Category::OvrigaIntakter), true);
    let income = members.plus(other);
    b.sum(
        FollowUpRowKind::Subtotal,
        followup_labels::OPERATING_INCOME,
        None,
        income,
        true,
    );

    let group = |b: &mut Builder, heading: &str, cats: &[Category], total: &str| -> Acc {
        b.heading(heading);
        let mut acc = Acc::default();
        for c in cats {
            let s = b.lines(&buckets, year, basis, Some(*c), false);
            b.sum(
                FollowUpRowKind::Subtotal,
                &format!("Summa {}", c.label().to_lowercase()),
                Some(*c),
                s,
                false,
            );
            acc = acc.plus(s);
        }
        b.sum(FollowUpRowKind::Subtotal, total, None, acc, false);
        acc
    };
    let admin = group(
        &mut b,
        "ADMINISTRATIVA KOSTNADER",
        &[Category::Styrelse, Category::Kansli],
        followup_labels::ADMIN,
    );
    let direct = group(
        &mut b,
        "DIREKTA INSATSKOSTNADER",
        &[
            Category::Individinsatser,
            Category::Strukturpaverkande,
            Category::Processtod,
        ],
        followup_labels::DIRECT,
    );
    let mut costs = admin.plus(direct);
    if buckets.get(bucket(None)).is_some_and(|b| !b.is_empty()) {
        b.heading("EJ KATEGORISERADE POSTER");
        let u = b.lines(&buckets, year, basis, None, false);
        b.sum(
            FollowUpRowKind::Subtotal,
            followup_labels::UNCATEGORIZED,
            None,
            u,
            false,
        );
        costs = costs.plus(u);
    }
    b.sum(
        FollowUpRowKind::Total,
        followup_labels::OPERATING_COSTS,
        None,
        costs,
        false,
    );
    let operating = income.minus(costs);
    b.sum(
        FollowUpRowKind::Total,
        followup_labels::OPERATING_RESULT,
        None,
        operating,
        true,
    );

    b.heading("FINANSIELLA POSTER");
    let fin_in = b.lines(
        &buckets,
        year,
        basis,
        Some(Category::FinansiellaIntakter),
        true,
    );
    let fin_out = b.lines(
        &buckets,
        year,
        basis,
        Some(Category::FinansiellaKostnader),
        false,
    );
    let fin = fin_in.minus(fin_out);
    b.sum(
        FollowUpRowKind::Subtotal,
        followup_labels::FINANCIAL_NET,
        None,
        fin,
        true,
    );
    b.sum(
        FollowUpRowKind::Total,
        followup_labels::RESULT,
        None,
        operating.plus(fin),
        true,
    );

    FollowUp {
        year,
        basis,
        rows: b.rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn formulas_gv17_publikationer_and_zero_budget() {
        // SD Publikationer 2021: budget 20 tkr cost, outcome 5 tkr net income (−5).
        let f = follow_up_figures(Amount::kr(20_000), Amount::kr(-5_000), false);
        assert_eq!(f.used_percent, Some(d("-25")));
        assert_eq!(f.remaining, Amount::kr(25_000));
        assert_eq!(f.deviation, Amount::kr(25_000));
        let z = follow_up_figures(Amount::ZERO, Amount::kr(5), false);
        assert_eq!(z.used_percent, None);
        assert_eq!(crate::format::format_percent_opt(z.used_percent), "–");
    }
}
