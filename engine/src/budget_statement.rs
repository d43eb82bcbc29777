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
use crate::csv_io::{write_csv, Cell};
use crate::format::format_decimal;
use crate::plan::{BudgetLine, Category, LineId, Plan, ScenarioId, Year};
use crate::report::{compute_scenario, Report};
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

/// A category typed in the statement's Kategori column that is no category.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("\"{text}\" är ingen kategori: välj {}", category_list())]
pub struct CategoryError {
    /// The text as typed (trimmed).
    pub text: String,
}

/// The categories in order, as a Swedish list: `Individinsatser, …, Finansiella intäkter eller
/// Finansiella kostnader`.
fn category_list() -> String {
    let labels: Vec<&str> = Category::ALL.iter().map(|c| c.label()).collect();
    match labels.split_last() {
        Some((last, rest)) => format!("{} eller {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// Reads a typed category (any name or short form of [`Category::parse`]); empty text is no
/// category.
pub fn parse_statement_category(text: &str) -> Result<Option<Category>, CategoryError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    Category::parse(t).map(Some).ok_or_else(|| CategoryError {
        text: t.to_string(),
    })
}

/// The sums and results of the statement that are not a single category's subtotal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
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
    /// *Summa &lt;group&gt;*: the sum of the group's rows above.
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

/// What a statement row stands for, stable across edits: the key a view keeps a row by
/// (docs/workbook.md). A split line has one row per group it is shown in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RowKey {
    /// A group's heading.
    Heading(StatementGroup),
    /// A line shown in a group.
    Line(LineId, StatementGroup),
    /// A group's *Summa*.
    Subtotal(StatementGroup),
    /// A total or result.
    Total(StatementTotal),
}

impl StatementRow {
    /// The row's key.
    pub fn key(&self) -> RowKey {
        match self {
            StatementRow::Heading { group } => RowKey::Heading(*group),
            StatementRow::Line { line, group, .. } => RowKey::Line(*line, *group),
            StatementRow::Subtotal { group, .. } => RowKey::Subtotal(*group),
            StatementRow::Total { total, .. } => RowKey::Total(*total),
        }
    }

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
        self.label_of(self.line().and_then(|l| plan.line(l)))
    }

    /// [`StatementRow::label`] given the row's line (found by the caller, e.g. through
    /// [`KeyedStatement::line`](crate::workbook::KeyedStatement::line) without a search of the plan).
    pub fn label_of(&self, line: Option<&BudgetLine>) -> String {
        match self {
            StatementRow::Heading { group } => group_label(*group).to_string(),
            StatementRow::Line { share, .. } => {
                let name = line.map(|l| l.shown_name()).unwrap_or("");
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
pub(crate) fn lines_in_group(
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
/// share) and *Summa &lt;kategori&gt;*; the group sums and results in between; the uncategorised
/// lines, with their sum, only when there are any; *Årets resultat* last.
pub fn budget_statement(plan: &Plan, report: &Report) -> BudgetStatement {
    let years = plan.years.clone();
    let figures = StatementFigures::of(&years, report);
    let mut rows = Vec::new();
    let group = |rows: &mut Vec<StatementRow>, group: StatementGroup, always: bool| {
        let lines: Vec<(&BudgetLine, Option<Decimal>)> = lines_in_group(plan, group).collect();
        if lines.is_empty() && !always {
            return;
        }
        rows.push(StatementRow::Heading { group });
        for (l, share) in lines {
            rows.push(StatementRow::Line {
                line: l.id,
                group,
                share,
                amounts: line_amounts(l, share, &years),
            });
        }
        rows.push(figures.subtotal(group));
    };
    for step in LAYOUT {
        match step {
            Step::Category(c) => group(&mut rows, Some(c), true),
            Step::Uncategorized => group(&mut rows, None, false),
            Step::Total(t) => rows.push(figures.total(t)),
        }
    }
    rows.push(figures.total(StatementTotal::Result));
    BudgetStatement { years, rows }
}

/// The amounts of a line's row: the line's amount per year, or its share of it.
pub(crate) fn line_amounts(
    line: &BudgetLine,
    share: Option<Decimal>,
    years: &[Year],
) -> Vec<Option<Amount>> {
    years
        .iter()
        .map(|y| {
            line.amounts.get(y).map(|a| match share {
                Some(p) => share_of(*a, p),
                None => *a,
            })
        })
        .collect()
}

/// The report's budget figures per statement year, for the subtotal and total rows.
pub(crate) struct StatementFigures<'a> {
    figures: Vec<Option<&'a BudgetFigures>>,
    /// Per year: the allocation failed (the figures that need it are unknown).
    failed: Vec<bool>,
}

impl<'a> StatementFigures<'a> {
    /// The figures of `years` in `report`.
    pub(crate) fn of(years: &[Year], report: &'a Report) -> Self {
        StatementFigures {
            figures: years
                .iter()
                .map(|y| report.year(*y).map(|r| &r.budget))
                .collect(),
            failed: years
                .iter()
                .map(|y| report.year(*y).is_some_and(|r| r.allocation.is_err()))
                .collect(),
        }
    }

    /// *Summa &lt;group&gt;*.
    pub(crate) fn subtotal(&self, group: StatementGroup) -> StatementRow {
        let amounts = self
            .figures
            .iter()
            .map(|f| {
                f.map(|f| match group {
                    Some(c) => f.category(c),
                    None => f.uncategorized,
                })
                .unwrap_or_default()
            })
            .collect();
        StatementRow::Subtotal { group, amounts }
    }

    /// The row of a total or result.
    pub(crate) fn total(&self, t: StatementTotal) -> StatementRow {
        StatementRow::Total {
            total: t,
            amounts: self
                .figures
                .iter()
                .zip(&self.failed)
                .map(|(f, failed)| {
                    if t.needs_funding() && *failed {
                        None
                    } else {
                        Some(f.map(|f| t.pick(f)).unwrap_or_default())
                    }
                })
                .collect(),
        }
    }
}

/// The budget statement as CSV for Excel (docs/csv.md): `Post;Kategori;<år>…`, one row per
/// statement row in the same order and with the same labels as the Budget view (headings with
/// empty amounts, split lines by share, `Summa …` rows and results; an unknown result is an
/// empty cell), amounts in kronor at full precision. Of the base plan (`None`) or a scenario.
///
/// This is a report, not an import file: the line file for re-import is
/// [`export_budget_csv`](crate::csv::export_budget_csv).
pub fn export_budget_statement_csv(plan: &Plan, scenario: Option<ScenarioId>) -> Vec<u8> {
    let resolved = plan.resolved(scenario);
    let report = compute_scenario(plan, scenario);
    let statement = budget_statement(&resolved, &report);
    let mut rows = Vec::with_capacity(statement.rows.len().saturating_add(1));
    let mut header = vec![Cell::text("Post"), Cell::text("Kategori")];
    header.extend(statement.years.iter().map(|y| Cell::text(y.to_string())));
    rows.push(header);
    for r in &statement.rows {
        let group = r.group().map(group_label).unwrap_or("");
        let mut row = vec![Cell::text(r.label(&resolved)), Cell::text(group)];
        match r {
            StatementRow::Heading { .. } => {
                row.extend(statement.years.iter().map(|_| Cell::Empty));
            }
            StatementRow::Line { amounts, .. } | StatementRow::Total { amounts, .. } => {
                row.extend(amounts.iter().map(|a| Cell::from(*a)));
            }
            StatementRow::Subtotal { amounts, .. } => {
                row.extend(amounts.iter().map(|a| Cell::from(*a)));
            }
        }
        rows.push(row);
    }
    write_csv(&rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{compute, SplitShare};

    #[test]
    fn the_statement_csv_has_the_rows_of_the_view() {
        let plan = crate::example_plan();
        let csv = String::from_utf8(export_budget_statement_csv(&plan, None)).unwrap();
        let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
        assert_eq!(lines[0], "Post;Kategori;2025;2026;2027;2028;2029");
        let statement = budget_statement(&plan, &compute(&plan));
        assert_eq!(
            lines.len(),
            statement.rows.len() + 2,
            "header, rows, final CRLF"
        );
        for (line, row) in lines[1..].iter().zip(&statement.rows) {
            assert!(
                line.starts_with(&format!("{};", row.label(&plan))),
                "{line}"
            );
        }
        assert!(lines.contains(&"Individinsatser;Individinsatser;;;;;"));
        assert!(csv.contains("\r\nFörbundschef (50 %);Kansli;"), "{csv}");
        assert!(csv.contains("\r\nSumma Kansli;Kansli;"), "{csv}");
        assert!(csv.contains("\r\nÅrets resultat;;"), "{csv}");
    }

    #[test]
    fn a_typed_category_is_read_or_refused_with_the_whole_list() {
        assert_eq!(
            parse_statement_category(" struktur "),
            Ok(Some(Category::Strukturpaverkande))
        );
        assert_eq!(parse_statement_category("  "), Ok(None));
        assert_eq!(
            parse_statement_category(" Lön ").unwrap_err().to_string(),
            "\"Lön\" är ingen kategori: välj Individinsatser, Strukturpåverkande insatser, \
             Processtöd samverkansinsatser, Styrelse, Kansli, Övriga intäkter, \
             Finansiella intäkter eller Finansiella kostnader"
        );
    }

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
