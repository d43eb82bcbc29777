//! The budget statement (docs/budget.md, "Budget statement"): the rows of the Budget view —
//! category headings, lines, category subtotals, group subtotals and results, per plan year —
//! in one fixed order, with the amounts taken from the report. The app renders these rows as
//! they come; it adds no row, sum or order of its own.
//!
//! A split line appears once in every category it is split into, with its share of the amount
//! (`Förbundschef (60 %)`), so each category's subtotal is the sum of the rows shown above it.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::budget::{line_distribution, share_of, BudgetFigures};
use crate::format::format_decimal;
use crate::plan::{BudgetLine, Category, LineId, Plan, Year};
use crate::report::Report;
use crate::Amount;

/// A group of lines in the statement: a category, or `None` for lines without one.
pub type StatementGroup = Option<Category>;

/// The Swedish name of a group (`Kansli`, `Utan kategori`).
pub fn group_label(group: StatementGroup) -> &'static str {
    match group {
        Some(c) => c.label(),
        None => "Utan kategori",
    }
}

/// The sums and results of the statement that are not a single category's subtotal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StatementTotal {
    /// *Summa direkta insatskostnader*.
    Direct,
    /// *Summa administrativa kostnader*.
    Admin,
    /// *Verksamhetens kostnader*.
    OperatingCosts,
    /// The members' contributions (the *medelstilldelning*).
    MemberIncome,
    /// *Verksamhetens intäkter*.
    OperatingIncome,
    /// *Verksamhetens resultat*.
    OperatingResult,
    /// *Årets resultat*.
    Result,
}

impl StatementTotal {
    /// The Swedish label.
    pub fn label(self) -> &'static str {
        match self {
            StatementTotal::Direct => "Summa direkta insatskostnader",
            StatementTotal::Admin => "Summa administrativa kostnader",
            StatementTotal::OperatingCosts => "Verksamhetens kostnader",
            StatementTotal::MemberIncome => "Medlemsbidrag (medelstilldelningen)",
            StatementTotal::OperatingIncome => "Verksamhetens intäkter",
            StatementTotal::OperatingResult => "Verksamhetens resultat",
            StatementTotal::Result => "Årets resultat",
        }
    }

    /// True when the figure depends on the members' contributions, so it is unknown in a year
    /// whose allocation cannot be computed.
    pub fn needs_funding(self) -> bool {
        matches!(
            self,
            StatementTotal::MemberIncome
                | StatementTotal::OperatingIncome
                | StatementTotal::OperatingResult
                | StatementTotal::Result
        )
    }

    fn pick(self, f: &BudgetFigures) -> Amount {
        match self {
            StatementTotal::Direct => f.direct_costs,
            StatementTotal::Admin => f.admin_costs,
            StatementTotal::OperatingCosts => f.operating_costs,
            StatementTotal::MemberIncome => f.member_income,
            StatementTotal::OperatingIncome => f.operating_income,
            StatementTotal::OperatingResult => f.operating_result,
            StatementTotal::Result => f.result,
        }
    }
}

/// One row of the budget statement. Amounts are per plan year, in the order of
/// [`BudgetStatement::years`], in kronor at full precision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StatementRow {
    /// The heading of a group (a category, or the lines without one).
    Heading {
        /// The group.
        group: StatementGroup,
    },
    /// A budget line, or one share of a split line.
    Line {
        /// The line.
        line: LineId,
        /// The group the row is shown in.
        group: StatementGroup,
        /// For a split line: the percent of the line in this group (the remainder of shares
        /// that do not sum to 100 % is a share too). `None` for a plain line.
        share: Option<Decimal>,
        /// The line's amount (its share, for a split line) per year; `None` where the line
        /// has no amount for the year.
        amounts: Vec<Option<Amount>>,
    },
    /// *Summa <group>*: the sum of the group's rows above.
    Subtotal {
        /// The group.
        group: StatementGroup,
        /// The sum per year.
        amounts: Vec<Amount>,
    },
    /// A group subtotal or result row.
    Total {
        /// Which figure.
        total: StatementTotal,
        /// The figure per year; `None` where it depends on an allocation that failed.
        amounts: Vec<Option<Amount>>,
    },
}

impl StatementRow {
    /// The row's group, for headings, lines and subtotals.
    pub fn group(&self) -> Option<StatementGroup> {
        match self {
            StatementRow::Heading { group }
            | StatementRow::Line { group, .. }
            | StatementRow::Subtotal { group, .. } => Some(*group),
            StatementRow::Total { .. } => None,
        }
    }

    /// The line of a line row.
    pub fn line(&self) -> Option<LineId> {
        match self {
            StatementRow::Line { line, .. } => Some(*line),
            _ => None,
        }
    }

    /// The Swedish label of the row: the group's name, the line's name (with its share, e.g.
    /// `Förbundschef (60 %)`), `Summa Kansli`, or the total's label.
    pub fn label(&self, plan: &Plan) -> String {
        match self {
            StatementRow::Heading { group } => group_label(*group).to_string(),
            StatementRow::Line { line, share, .. } => {
                let name = plan.line(*line).map(|l| l.name.as_str()).unwrap_or("");
                match share {
                    Some(p) => {
                        let n = p.normalize();
                        format!("{name} ({} %)", format_decimal(n, n.scale()))
                    }
                    None => name.to_string(),
                }
            }
            StatementRow::Subtotal { group, .. } => match group {
                Some(c) => format!("Summa {}", c.label()),
                None => "Summa utan kategori".to_string(),
            },
            StatementRow::Total { total, .. } => total.label().to_string(),
        }
    }
}

/// The budget statement of a plan (or of a resolved scenario).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetStatement {
    /// The years of the amounts, in order.
    pub years: Vec<Year>,
    /// The rows, in statement order.
    pub rows: Vec<StatementRow>,
}

impl BudgetStatement {
    /// The first row of `line` (a split line has one per share).
    pub fn line_row(&self, line: LineId) -> Option<usize> {
        self.rows.iter().position(|r| r.line() == Some(line))
    }
}

/// One element of the statement's layout before amounts are filled in.
enum Step {
    /// A category group: heading, lines, subtotal (always shown).
    Category(Category),
    /// The lines without a category (shown only when there are any).
    Uncategorized,
    /// A total row.
    Total(StatementTotal),
}

/// The statement's layout: the order of groups and totals.
const LAYOUT: [Step; 15] = [
    Step::Category(Category::Individinsatser),
    Step::Category(Category::Strukturpaverkande),
    Step::Category(Category::Processtod),
    Step::Total(StatementTotal::Direct),
    Step::Category(Category::Styrelse),
    Step::Category(Category::Kansli),
    Step::Total(StatementTotal::Admin),
    Step::Uncategorized,
    Step::Total(StatementTotal::OperatingCosts),
    Step::Total(StatementTotal::MemberIncome),
    Step::Category(Category::OvrigaIntakter),
    Step::Total(StatementTotal::OperatingIncome),
    Step::Total(StatementTotal::OperatingResult),
    Step::Category(Category::FinansiellaIntakter),
    Step::Category(Category::FinansiellaKostnader),
];

/// The lines shown in `group`, in plan order, each with its share (`None` for a plain line).
/// A split line is shown in every category of its distribution (docs/budget.md, split lines).
pub fn lines_in_group(
    plan: &Plan,
    group: StatementGroup,
) -> impl Iterator<Item = (&BudgetLine, Option<Decimal>)> {
    plan.lines.iter().filter_map(move |l| {
        if !l.is_split() {
            return (l.category == group).then_some((l, None));
        }
        // The remainder of shares that do not sum to 100 % may land in a category that has a
        // share too: the row shows the line's whole percent in the group.
        let percents: Vec<Decimal> = line_distribution(l)
            .into_iter()
            .filter(|(c, _)| *c == group)
            .map(|(_, p)| p)
            .collect();
        (!percents.is_empty()).then(|| {
            let sum = percents
                .iter()
                .fold(Decimal::ZERO, |a, p| a.saturating_add(*p));
            (l, Some(sum))
        })
    })
}

/// True when `line` has a row in `group`.
pub fn line_in_group(line: &BudgetLine, group: StatementGroup) -> bool {
    if line.is_split() {
        line_distribution(line).iter().any(|(c, _)| *c == group)
    } else {
        line.category == group
    }
}

/// The budget statement of `plan` with the figures of `report` (computed from the same plan or
/// resolved scenario): for each category in order its heading, its lines (split lines by
/// share) and *Summa <kategori>*; the group sums and results in between; the uncategorised
/// lines, with their sum, only when there are any; *Årets resultat* last.
pub fn budget_statement(plan: &Plan, report: &Report) -> BudgetStatement {
    let years = plan.years.clone();
    let figures: Vec<Option<&BudgetFigures>> = years
        .iter()
        .map(|y| report.year(*y).map(|r| &r.budget))
        .collect();
    let failed: Vec<bool> = years
        .iter()
        .map(|y| report.year(*y).is_some_and(|r| r.allocation.is_err()))
        .collect();
    let mut rows = Vec::new();
    let group = |rows: &mut Vec<StatementRow>, group: StatementGroup, always: bool| {
        let lines: Vec<(&BudgetLine, Option<Decimal>)> = lines_in_group(plan, group).collect();
        if lines.is_empty() && !always {
            return;
        }
        rows.push(StatementRow::Heading { group });
        for (l, share) in lines {
            let amounts = years
                .iter()
                .map(|y| {
                    l.amounts.get(y).map(|a| match share {
                        Some(p) => share_of(*a, p),
                        None => *a,
                    })
                })
                .collect();
            rows.push(StatementRow::Line {
                line: l.id,
                group,
                share,
                amounts,
            });
        }
        let amounts = figures
            .iter()
            .map(|f| {
                f.map(|f| match group {
                    Some(c) => f.category(c),
                    None => f.uncategorized,
                })
                .unwrap_or_default()
            })
            .collect();
        rows.push(StatementRow::Subtotal { group, amounts });
    };
    let total = |t: StatementTotal| StatementRow::Total {
        total: t,
        amounts: figures
            .iter()
            .zip(&failed)
            .map(|(f, failed)| {
                if t.needs_funding() && *failed {
                    None
                } else {
                    Some(f.map(|f| t.pick(f)).unwrap_or_default())
                }
            })
            .collect(),
    };
    for step in LAYOUT {
        match step {
            Step::Category(c) => group(&mut rows, Some(c), true),
            Step::Uncategorized => group(&mut rows, None, false),
            Step::Total(t) => rows.push(total(t)),
        }
    }
    rows.push(total(StatementTotal::Result));
    BudgetStatement { years, rows }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{compute, SplitShare};

    #[test]
    fn a_split_line_is_shown_in_each_category_with_its_share() {
        let mut p = Plan::empty("T", 2026, 0);
        let mut l = BudgetLine::new(LineId(1), "Förbundschef", Some(Category::Kansli));
        l.amounts.insert(2026, Amount::kr(1_150_000));
        l.split = vec![
            SplitShare {
                category: Category::Kansli,
                percent: Decimal::from(60),
            },
            SplitShare {
                category: Category::Processtod,
                percent: Decimal::from(30),
            },
        ];
        p.lines.push(l);
        let s = budget_statement(&p, &compute(&p));
        let shown: Vec<(String, Option<Amount>)> = s
            .rows
            .iter()
            .filter_map(|r| match r {
                StatementRow::Line { amounts, .. } => Some((r.label(&p), amounts[0])),
                _ => None,
            })
            .collect();
        // Processtöd comes before Kansli; the 10 % remainder stays in the line's own category,
        // so Kansli shows 70 % of the line.
        assert_eq!(
            shown,
            vec![
                ("Förbundschef (30 %)".to_string(), Some(Amount::kr(345_000))),
                ("Förbundschef (70 %)".to_string(), Some(Amount::kr(805_000))),
            ]
        );
        // Individinsatser (heading, sum), Strukturpåverkande (heading, sum), Processtöd heading.
        assert_eq!(s.line_row(LineId(1)), Some(5));
    }
}
