//! The plan as a workbook (docs/xlsx.md): one sheet per view — Finansiering, Budget,
//! Uppföljning, Eget kapital — and one per municipality as the Kommun view shows it. Every
//! figure is the engine's; sums, subtotals, results and changes are formulas that give the same
//! figure ([`Sheet::sum_cell`]).

use rust_decimal::Decimal;

use super::book::{cell_ref, Book, Cell, Sheet, Style, Value};
use crate::allocation::MemberKind;
use crate::budget_statement::{budget_statement, StatementRow, StatementTotal};
use crate::equity::ResultBasis;
use crate::followup::FollowUpRowKind;
use crate::municipality::{municipality_report, municipality_report_view};
use crate::plan::{Category, Plan, ScenarioId, Year};
use crate::report::{compute_scenario, compute_view, Report};
use crate::versions::ViewVersion;
use crate::Amount;

/// The first column of the year columns (A holds the labels).
const FIRST_YEAR_COL: usize = 1;

/// The workbook of `plan` (or of its scenario `scenario`), not yet written.
pub(crate) fn plan_book(plan: &Plan, scenario: Option<ScenarioId>) -> Book {
    let resolved = plan.resolved(scenario);
    let report = compute_scenario(plan, scenario);
    let mut book = Book::default();
    book.add(financing_sheet(&resolved, &report));
    book.add(budget_sheet(&resolved, &report));
    book.add(follow_up_sheet(&resolved, &report));
    book.add(equity_sheet(&resolved, &report));
    for member in resolved
        .members
        .iter()
        .filter(|m| m.kind == MemberKind::Kommun)
    {
        if let Some(sheet) = municipality_sheet(plan, scenario, ViewVersion::Draft, member.id) {
            book.add(sheet);
        }
    }
    book
}

/// The workbook of one table (see [`super::export_table_xlsx`]); `None` for a municipality
/// the plan cannot compute.
pub(crate) fn table_book(
    plan: &Plan,
    scenario: Option<ScenarioId>,
    choice: ViewVersion,
    table: super::XlsxTable,
) -> Option<Book> {
    use super::XlsxTable as T;
    let resolved = plan.resolved(scenario);
    // The versions' views show each year's decision; a scenario stays on the draft.
    let on_view = scenario.is_none() && choice != ViewVersion::Draft && plan.has_adopted();
    let report = if on_view && matches!(table, T::Uppfoljning | T::EgetKapital) {
        compute_view(plan, choice).report
    } else {
        compute_scenario(plan, scenario)
    };
    let sheet = match table {
        T::Finansiering => financing_sheet(&resolved, &report),
        T::Budget => budget_sheet(&resolved, &report),
        T::Uppfoljning => follow_up_sheet(&resolved, &report),
        T::EgetKapital => equity_sheet(&resolved, &report),
        T::Kommun(id) => {
            let choice = if on_view { choice } else { ViewVersion::Draft };
            municipality_sheet(plan, scenario, choice, id)?
        }
    };
    let mut book = Book::default();
    book.add(sheet);
    Some(book)
}

/// A sheet whose first row is `title` followed by the plan years.
fn year_sheet(name: &str, title: &str, years: &[Year]) -> Sheet {
    let mut s = Sheet::new(name);
    s.push_row();
    s.set(0, 0, Cell::text(title, Style::Bold));
    for (i, y) in years.iter().enumerate() {
        s.set(0, col_of(i), Cell::text(y.to_string(), Style::Bold));
    }
    s.widths = std::iter::once(44)
        .chain(years.iter().map(|_| 15))
        .collect();
    s
}

/// A labelled row of per-year cells.
fn labelled_row(s: &mut Sheet, label: &str, style: Style) -> usize {
    let r = s.push_row();
    s.set(r, 0, Cell::text(label, style));
    r
}

/// The column of the `i`-th plan year.
fn col_of(i: usize) -> usize {
    i.saturating_add(FIRST_YEAR_COL)
}

fn amount(a: Amount) -> Decimal {
    a.value()
}

/// A percent figure as the formula `numerator / denominator × 100` with the engine's `value`
/// (Förbrukad %, EK-kvot), or "–" when the engine has none (a zero or unknown denominator).
fn percent_cell(
    value: Option<Decimal>,
    numerator: (usize, usize),
    denominator: (usize, usize),
) -> Cell {
    match value {
        Some(p) => Cell {
            value: Value::Formula(
                format!(
                    "{}/{}*100",
                    cell_ref(numerator.0, numerator.1),
                    cell_ref(denominator.0, denominator.1)
                ),
                p,
            ),
            style: Style::Percent,
        },
        None => Cell::text("–", Style::Plain),
    }
}

/// Finansiering: the medelstilldelning, the three parties, what each member pays, the sum and
/// the avrundningsdifferens per year.
fn financing_sheet(plan: &Plan, report: &Report) -> Sheet {
    let mut s = year_sheet("Finansiering", "Finansiering", &plan.years);
    let total_row = labelled_row(&mut s, "Medelstilldelning", Style::Plain);
    let party_rows: Vec<usize> = ["Staten", "Region", "Kommuner"]
        .iter()
        .map(|l| labelled_row(&mut s, l, Style::Plain))
        .collect();
    s.push_row();
    labelled_row(&mut s, "Medlemmar", Style::Bold);
    let member_rows: Vec<usize> = plan
        .members
        .iter()
        .map(|m| labelled_row(&mut s, &m.name, Style::Plain))
        .collect();
    let sum_row = labelled_row(&mut s, "Summa medlemmar", Style::Bold);
    let diff_row = labelled_row(&mut s, "Avrundningsdifferens", Style::Plain);
    let mut error_row = None;
    for (i, year) in plan.years.iter().enumerate() {
        let c = col_of(i);
        let Some(yr) = report.year(*year) else {
            continue;
        };
        let alloc = match &yr.allocation {
            Ok(a) => a,
            Err(e) => {
                let r = *error_row.get_or_insert_with(|| labelled_row(&mut s, "Fel", Style::Bold));
                s.set(r, c, Cell::text(e.to_string(), Style::Plain));
                if let Some(t) = yr.total {
                    s.set(total_row, c, Cell::number(amount(t), Style::Amount));
                }
                continue;
            }
        };
        s.set(
            total_row,
            c,
            Cell::number(amount(alloc.total), Style::Amount),
        );
        for (row, party) in party_rows.iter().zip(&alloc.parties) {
            s.set(*row, c, Cell::number(amount(party.amount), Style::Amount));
        }
        let mut paid = Vec::new();
        for (row, member) in member_rows.iter().zip(&plan.members) {
            if let Some(m) = alloc.member_by_id(member.id) {
                s.set(*row, c, Cell::number(amount(m.amount), Style::Amount));
                paid.push(*row);
            }
        }
        let members_total = amount(alloc.members_total());
        let sum = s.column_sum(c, &paid, members_total, Style::BoldAmount);
        s.set(sum_row, c, sum);
        if let Some(diff) = members_total.checked_sub(amount(alloc.total)) {
            let cell = s.sum_cell(&[(sum_row, c, 1), (total_row, c, -1)], diff, Style::Amount);
            s.set(diff_row, c, cell);
        }
    }
    s
}

/// Budget: the budget statement (docs/budget.md), with each subtotal the SUM of its lines and
/// each group sum and result a formula of the subtotals.
fn budget_sheet(plan: &Plan, report: &Report) -> Sheet {
    let statement = budget_statement(plan, report);
    let mut s = year_sheet("Budget", "Post", &statement.years);
    let cols = statement.years.len();
    s.set(0, col_of(cols), Cell::text("Notering", Style::Bold));
    s.widths.push(40);
    let mut lines_of_group: Vec<usize> = Vec::new();
    let mut subtotal_row: Vec<(Option<Category>, usize)> = Vec::new();
    let mut total_row: Vec<(StatementTotal, usize)> = Vec::new();
    for row in &statement.rows {
        let style = match row {
            StatementRow::Heading { .. }
            | StatementRow::Subtotal { .. }
            | StatementRow::Total { .. } => Style::Bold,
            StatementRow::Line { .. } => Style::Plain,
        };
        let r = labelled_row(&mut s, &row.label(plan), style);
        match row {
            StatementRow::Heading { .. } => lines_of_group.clear(),
            StatementRow::Line {
                line,
                share,
                amounts,
                ..
            } => {
                let l = plan.line(*line);
                for (i, a) in amounts.iter().enumerate() {
                    if let Some(a) = a {
                        // A formula typed into the cell is written as the formula (a split
                        // line's share is the amount: the formula is the whole line's).
                        let formula = statement
                            .years
                            .get(i)
                            .zip(l)
                            .filter(|_| share.is_none())
                            .and_then(|(y, l)| l.formula(*y))
                            .and_then(|f| f.to_spreadsheet());
                        let cell = match formula {
                            Some(f) => Cell {
                                value: Value::Formula(f, amount(*a)),
                                style: Style::Amount,
                            },
                            None => Cell::number(amount(*a), Style::Amount),
                        };
                        s.set(r, col_of(i), cell);
                    }
                }
                // Notering after the years.
                if let Some(note) = l.map(|l| l.note.trim()).filter(|n| !n.is_empty()) {
                    s.set(r, col_of(cols), Cell::text(note, Style::Plain));
                }
                lines_of_group.push(r);
            }
            StatementRow::Subtotal { group, amounts } => {
                for (i, a) in amounts.iter().enumerate() {
                    let c = col_of(i);
                    // A line without an amount this year adds nothing: only rows with one count.
                    let rows: Vec<usize> = lines_of_group
                        .iter()
                        .copied()
                        .filter(|lr| s.numeric(*lr, c).is_some())
                        .collect();
                    let cell = if rows.is_empty() {
                        Cell::number(amount(*a), Style::BoldAmount)
                    } else {
                        s.column_sum(c, &rows, amount(*a), Style::BoldAmount)
                    };
                    s.set(r, c, cell);
                }
                subtotal_row.push((*group, r));
            }
            StatementRow::Total { total, amounts } => {
                let sub = |c: Category| {
                    subtotal_row
                        .iter()
                        .find(|(g, _)| *g == Some(c))
                        .map(|(_, r)| *r)
                };
                let tot =
                    |t: StatementTotal| total_row.iter().find(|(x, _)| *x == t).map(|(_, r)| *r);
                let plus = |r: Option<usize>| r.map(|r| (r, 1i8));
                let minus = |r: Option<usize>| r.map(|r| (r, -1i8));
                let terms: Vec<Option<(usize, i8)>> = match total {
                    StatementTotal::Direct => vec![
                        plus(sub(Category::Individinsatser)),
                        plus(sub(Category::Strukturpaverkande)),
                        plus(sub(Category::Processtod)),
                    ],
                    StatementTotal::Admin => {
                        vec![plus(sub(Category::Styrelse)), plus(sub(Category::Kansli))]
                    }
                    StatementTotal::OperatingCosts => {
                        let mut t = vec![
                            plus(tot(StatementTotal::Direct)),
                            plus(tot(StatementTotal::Admin)),
                        ];
                        if let Some((_, r)) = subtotal_row.iter().find(|(g, _)| g.is_none()) {
                            t.push(Some((*r, 1)));
                        }
                        t
                    }
                    StatementTotal::MemberIncome => Vec::new(),
                    StatementTotal::OperatingIncome => vec![
                        plus(tot(StatementTotal::MemberIncome)),
                        plus(sub(Category::OvrigaIntakter)),
                    ],
                    StatementTotal::OperatingResult => vec![
                        plus(tot(StatementTotal::OperatingIncome)),
                        minus(tot(StatementTotal::OperatingCosts)),
                    ],
                    StatementTotal::Result => vec![
                        plus(tot(StatementTotal::OperatingResult)),
                        plus(sub(Category::FinansiellaIntakter)),
                        minus(sub(Category::FinansiellaKostnader)),
                    ],
                };
                let terms: Option<Vec<(usize, i8)>> = terms.into_iter().collect();
                for i in 0..cols {
                    let c = col_of(i);
                    match amounts.get(i).copied().flatten() {
                        None => s.set(r, c, Cell::text("–", Style::Bold)),
                        Some(a) => {
                            let cell = match &terms {
                                Some(t) if !t.is_empty() => {
                                    let t: Vec<(usize, usize, i8)> =
                                        t.iter().map(|(row, sign)| (*row, c, *sign)).collect();
                                    s.sum_cell(&t, amount(a), Style::BoldAmount)
                                }
                                _ => Cell::number(amount(a), Style::BoldAmount),
                            };
                            s.set(r, c, cell);
                        }
                    }
                }
                total_row.push((*total, r));
            }
        }
    }
    s
}

/// Uppföljning: per year with outcome, the driftredovisning's rows with Budget, Utfall,
/// Avvikelse and Förbrukad % (docs/budget.md, follow-up).
fn follow_up_sheet(plan: &Plan, report: &Report) -> Sheet {
    let mut s = Sheet::new("Uppföljning");
    s.push_row();
    for (c, h) in [
        "Post",
        "Konto",
        "Budget",
        "Utfall",
        "Avvikelse",
        "Förbrukad %",
    ]
    .iter()
    .enumerate()
    {
        s.set(0, c, Cell::text(*h, Style::Bold));
    }
    s.widths = vec![44, 10, 15, 15, 15, 13];
    let (bc, oc, dc, pc) = (2, 3, 4, 5);
    let mut any = false;
    for year in &plan.years {
        let Some(yr) = report.year(*year) else {
            continue;
        };
        let fu = &yr.follow_up;
        if !fu.rows.iter().any(|r| r.has_outcome) {
            continue;
        }
        any = true;
        s.push_row();
        labelled_row(&mut s, &format!("Uppföljning {year}"), Style::Bold);
        let mut lines: Vec<(usize, Option<Category>)> = Vec::new();
        let mut subtotals: Vec<usize> = Vec::new();
        for row in &fu.rows {
            let bold = row.kind != FollowUpRowKind::Line;
            let style = if bold {
                Style::BoldAmount
            } else {
                Style::Amount
            };
            let label = match (row.kind, row.share_percent) {
                (FollowUpRowKind::Line, Some(p)) => {
                    let n = p.normalize();
                    format!(
                        "{} ({} %)",
                        row.label,
                        crate::format::format_decimal(n, n.scale())
                    )
                }
                _ => row.label.clone(),
            };
            let r = labelled_row(
                &mut s,
                &label,
                if bold { Style::Bold } else { Style::Plain },
            );
            if row.kind == FollowUpRowKind::Heading {
                lines.clear();
                continue;
            }
            if let Some(a) = &row.account {
                s.set(r, 1, Cell::text(a.clone(), Style::Plain));
            }
            let f = &row.figures;
            match row.kind {
                FollowUpRowKind::Line => {
                    s.set(r, bc, Cell::number(amount(f.budget), style));
                    s.set(r, oc, Cell::number(amount(f.outcome), style));
                    lines.push((r, row.category));
                }
                FollowUpRowKind::Subtotal if row.category.is_some() => {
                    let rows: Vec<usize> = lines
                        .iter()
                        .filter(|(_, c)| *c == row.category)
                        .map(|(r, _)| *r)
                        .collect();
                    for (col, v) in [(bc, f.budget), (oc, f.outcome)] {
                        let cell = s.column_sum(col, &rows, amount(v), style);
                        s.set(r, col, cell);
                    }
                    lines.clear();
                    subtotals.push(r);
                }
                _ => {
                    // A group sum: the category subtotals since the last one, when they add up.
                    for (col, v) in [(bc, f.budget), (oc, f.outcome)] {
                        let cell = s.column_sum(col, &subtotals, amount(v), style);
                        s.set(r, col, cell);
                    }
                    subtotals.clear();
                }
            }
            let terms = if row.income_like {
                [(r, oc, 1), (r, bc, -1)]
            } else {
                [(r, bc, 1), (r, oc, -1)]
            };
            let dev = s.sum_cell(&terms, amount(f.deviation), style);
            s.set(r, dc, dev);
            let cell = percent_cell(f.used_percent, (r, oc), (r, bc));
            s.set(r, pc, cell);
        }
    }
    if !any {
        s.push_row();
        labelled_row(
            &mut s,
            "Inget utfall är registrerat för planens år.",
            Style::Plain,
        );
    }
    s
}

/// Eget kapital: the roll-forward per year — EK IB (the previous EK UB), kapitaltillskott, the
/// result and its basis, EK UB, the ratio's base, EK-kvot and the flags (docs/equity.md).
fn equity_sheet(plan: &Plan, report: &Report) -> Sheet {
    let mut s = year_sheet("Eget kapital", "Eget kapital", &plan.years);
    let ib = labelled_row(&mut s, "EK IB", Style::Plain);
    let capital = labelled_row(&mut s, "Kapitaltillskott", Style::Plain);
    let result = labelled_row(&mut s, "Årets resultat", Style::Plain);
    let basis = labelled_row(&mut s, "Resultatbas", Style::Plain);
    let ub = labelled_row(&mut s, "EK UB", Style::Bold);
    let base = labelled_row(&mut s, "Kvotens bas (medelstilldelning)", Style::Plain);
    let ratio = labelled_row(&mut s, "EK-kvot %", Style::Bold);
    let ceiling = labelled_row(&mut s, "Tak %", Style::Plain);
    let above = labelled_row(&mut s, "Över taket", Style::Plain);
    let flags = labelled_row(&mut s, "Flaggor", Style::Plain);
    for (i, year) in plan.years.iter().enumerate() {
        let c = col_of(i);
        let Some(e) = report.year(*year).map(|y| &y.equity) else {
            continue;
        };
        let opening = if !e.opening_known {
            Cell::text("–", Style::Plain)
        } else if i > 0 {
            s.sum_cell(
                &[(ub, c.saturating_sub(1), 1)],
                amount(e.opening),
                Style::Amount,
            )
        } else {
            Cell::number(amount(e.opening), Style::Amount)
        };
        s.set(ib, c, opening);
        s.set(
            capital,
            c,
            Cell::number(amount(e.capital_contribution), Style::Amount),
        );
        s.set(ceiling, c, Cell::number(e.ceiling_percent, Style::Percent));
        if let Some(b) = e.base {
            s.set(base, c, Cell::number(amount(b), Style::Amount));
        }
        if e.result_known {
            s.set(result, c, Cell::number(amount(e.result), Style::Amount));
        } else {
            s.set(result, c, Cell::text("–", Style::Plain));
        }
        if let Some(y) = e.missing_result {
            let note = if y == *year {
                "saknar resultat".to_string()
            } else {
                format!("bygger på {y}, som saknar resultat")
            };
            s.set(flags, c, Cell::text(note, Style::Plain));
        }
        if !e.known {
            for r in [ub, ratio, above] {
                s.set(r, c, Cell::text("–", Style::Plain));
            }
            continue;
        }
        s.set(basis, c, Cell::text(e.basis.label(), Style::Plain));
        // A typed closing equity is the figure itself; otherwise EK UB is the roll-forward.
        let closing = if e.basis == ResultBasis::ClosingEquity {
            Cell::number(amount(e.closing), Style::BoldAmount)
        } else {
            s.sum_cell(
                &[(ib, c, 1), (capital, c, 1), (result, c, 1)],
                amount(e.closing),
                Style::BoldAmount,
            )
        };
        s.set(ub, c, closing);
        let cell = percent_cell(e.ratio.filter(|_| e.base.is_some()), (ub, c), (base, c));
        s.set(ratio, c, cell);
        let a = match e.above_ceiling_known() {
            Some(true) => "Ja",
            Some(false) => "Nej",
            None => "–",
        };
        s.set(above, c, Cell::text(a, Style::Plain));
        let f = e.flags();
        if !f.is_empty() {
            s.set(flags, c, Cell::text(f.join(", "), Style::Plain));
        }
    }
    s
}

/// One municipality as the Kommun view shows it: what it pays per year and why, the change,
/// its andel of the association's costs, result and equity, and the lines located in it.
fn municipality_sheet(
    plan: &Plan,
    scenario: Option<ScenarioId>,
    choice: ViewVersion,
    member: crate::MemberId,
) -> Option<Sheet> {
    let m = if choice == ViewVersion::Draft {
        municipality_report(plan, scenario, member)
    } else {
        municipality_report_view(plan, choice, member)
    }
    .ok()?;
    let years: Vec<Year> = m.years.iter().map(|y| y.year).collect();
    let mut s = year_sheet(&m.name, &m.name, &years);
    let total = labelled_row(&mut s, "Medelstilldelning", Style::Plain);
    let party = labelled_row(&mut s, "Kommunernas del", Style::Plain);
    let key = labelled_row(&mut s, "Fördelningsnyckel", Style::Plain);
    let population = labelled_row(&mut s, "Invånare", Style::Plain);
    let share_party = labelled_row(&mut s, "Andel av kommunernas del %", Style::Plain);
    let pays = labelled_row(&mut s, "Belopp", Style::Bold);
    let change = labelled_row(&mut s, "Förändring kr", Style::Plain);
    let change_pct = labelled_row(&mut s, "Förändring %", Style::Plain);
    let per_inh = labelled_row(&mut s, "Kr per invånare", Style::Plain);
    let share_total = labelled_row(&mut s, "Andel av medelstilldelningen %", Style::Plain);
    let costs = labelled_row(&mut s, "Andel av verksamhetens kostnader", Style::Plain);
    let result = labelled_row(&mut s, "Andel av årets resultat", Style::Plain);
    let equity = labelled_row(&mut s, "Andel av eget kapital", Style::Plain);
    for (i, y) in m.years.iter().enumerate() {
        let c = col_of(i);
        let num = |v: Option<Decimal>, st: Style| v.map(|v| Cell::number(v, st));
        let cells = [
            (total, num(y.total.map(amount), Style::Amount)),
            (party, num(y.party_amount.map(amount), Style::Amount)),
            (
                population,
                num(y.population.map(Decimal::from), Style::Amount),
            ),
            (share_party, num(y.share_of_party, Style::Percent)),
            (pays, num(y.amount.map(amount), Style::BoldAmount)),
            (change_pct, num(y.change_percent, Style::Percent)),
            (per_inh, num(y.own_kr_per_inhabitant, Style::Decimal2)),
            (share_total, num(y.share_of_total, Style::Percent)),
            (costs, num(y.share_of_costs.map(amount), Style::Amount)),
            (result, num(y.share_of_result.map(amount), Style::Amount)),
            (equity, num(y.share_of_equity.map(amount), Style::Amount)),
        ];
        for (r, cell) in cells {
            if let Some(cell) = cell {
                s.set(r, c, cell);
            }
        }
        if y.is_member {
            s.set(key, c, Cell::text(y.key_label.clone(), Style::Plain));
        }
        if let Some(e) = &y.allocation_error {
            s.set(pays, c, Cell::text(e.to_string(), Style::Plain));
        }
        if let Some(ch) = y.change {
            let cell = if i > 0 {
                s.sum_cell(
                    &[(pays, c, 1), (pays, c.saturating_sub(1), -1)],
                    amount(ch),
                    Style::Amount,
                )
            } else {
                Cell::number(amount(ch), Style::Amount)
            };
            s.set(change, c, cell);
        }
    }
    if !m.lines.is_empty() {
        s.push_row();
        labelled_row(&mut s, &format!("Insatser i {}", m.name), Style::Bold);
        let rows: Vec<usize> = m
            .lines
            .iter()
            .map(|l| {
                let r = labelled_row(&mut s, &l.name, Style::Plain);
                for (i, y) in years.iter().enumerate() {
                    s.set(
                        r,
                        col_of(i),
                        Cell::number(amount(l.amount(*y)), Style::Amount),
                    );
                }
                r
            })
            .collect();
        let sum = labelled_row(&mut s, "Summa", Style::Bold);
        for (i, y) in years.iter().enumerate() {
            if let Some(t) = m.lines_total(*y) {
                let c = col_of(i);
                let cell = s.column_sum(c, &rows, amount(t), Style::BoldAmount);
                s.set(sum, c, cell);
            }
        }
    }
    Some(s)
}
