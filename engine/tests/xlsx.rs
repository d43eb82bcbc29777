//! The .xlsx export (docs/xlsx.md) read back by a spreadsheet reader: every sheet is there,
//! amounts are numbers, and every formula — evaluated here from the cells it refers to, not
//! from its cached value — gives samplan's own figure.

mod common;

use std::collections::HashMap;
use std::io::Cursor;

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use rust_decimal::Decimal;
use samplan_engine::xlsx::export_plan_xlsx;
use samplan_engine::{compute, example_plan, plan_from_json, Plan};

/// One sheet read back: values and formulas by (row, column), 0-based.
struct ReadSheet {
    values: HashMap<(u32, u32), Data>,
    formulas: HashMap<(u32, u32), String>,
}

impl ReadSheet {
    fn text(&self, row: u32, col: u32) -> Option<String> {
        match self.values.get(&(row, col))? {
            Data::String(s) => Some(s.clone()),
            _ => None,
        }
    }

    /// The row whose column A reads `label`.
    fn row_of(&self, label: &str) -> u32 {
        let mut rows: Vec<u32> = self
            .values
            .iter()
            .filter(|((_, c), v)| *c == 0 && matches!(v, Data::String(s) if s == label))
            .map(|((r, _), _)| *r)
            .collect();
        rows.sort();
        *rows.first().unwrap_or_else(|| panic!("no row {label}"))
    }

    /// The number a cell holds, or its formula gives when evaluated from its references.
    fn eval(&self, row: u32, col: u32) -> Option<Decimal> {
        if let Some(f) = self.formulas.get(&(row, col)) {
            return Some(
                Eval {
                    s: self,
                    f: f.as_bytes(),
                    i: 0,
                }
                .expr(),
            );
        }
        match self.values.get(&(row, col))? {
            Data::Float(x) => Some(x.to_string().parse().unwrap()),
            Data::Int(x) => Some(Decimal::from(*x)),
            _ => None,
        }
    }

    /// The cached number of a cell (what a reader that does not calculate sees).
    fn cached(&self, row: u32, col: u32) -> Option<Decimal> {
        match self.values.get(&(row, col))? {
            Data::Float(x) => Some(x.to_string().parse().unwrap()),
            Data::Int(x) => Some(Decimal::from(*x)),
            _ => None,
        }
    }
}

/// A tiny evaluator for the formulas the export writes: numbers, A1 references, `SUM(A1:A9)`,
/// `+ - * /` and parentheses, in exact decimals.
struct Eval<'a> {
    s: &'a ReadSheet,
    f: &'a [u8],
    i: usize,
}

impl Eval<'_> {
    fn peek(&self) -> Option<u8> {
        self.f.get(self.i).copied()
    }
    fn expr(&mut self) -> Decimal {
        let mut v = self.term();
        while let Some(op @ (b'+' | b'-')) = self.peek() {
            self.i += 1;
            let t = self.term();
            v = if op == b'+' { v + t } else { v - t };
        }
        v
    }
    fn term(&mut self) -> Decimal {
        let mut v = self.factor();
        while let Some(op @ (b'*' | b'/')) = self.peek() {
            self.i += 1;
            let t = self.factor();
            v = if op == b'*' { v * t } else { v / t };
        }
        v
    }
    fn reference(&mut self) -> (u32, u32) {
        let mut col = 0u32;
        while let Some(c @ b'A'..=b'Z') = self.peek() {
            col = col * 26 + u32::from(c - b'A' + 1);
            self.i += 1;
        }
        let mut row = 0u32;
        while let Some(c @ b'0'..=b'9') = self.peek() {
            row = row * 10 + u32::from(c - b'0');
            self.i += 1;
        }
        (row - 1, col - 1)
    }
    fn factor(&mut self) -> Decimal {
        match self.peek() {
            Some(b'-') => {
                self.i += 1;
                -self.factor()
            }
            Some(b'(') => {
                self.i += 1;
                let v = self.expr();
                assert_eq!(self.peek(), Some(b')'));
                self.i += 1;
                v
            }
            Some(b'0'..=b'9') => {
                let start = self.i;
                while matches!(self.peek(), Some(b'0'..=b'9' | b'.')) {
                    self.i += 1;
                }
                std::str::from_utf8(&self.f[start..self.i])
                    .unwrap()
                    .parse()
                    .unwrap()
            }
            _ if self.f[self.i..].starts_with(b"SUM(") => {
                self.i += 4;
                let (r0, c0) = self.reference();
                assert_eq!(self.peek(), Some(b':'));
                self.i += 1;
                let (r1, c1) = self.reference();
                assert_eq!(self.peek(), Some(b')'));
                self.i += 1;
                let mut v = Decimal::ZERO;
                for r in r0..=r1 {
                    for c in c0..=c1 {
                        v += self.s.eval(r, c).unwrap_or_default();
                    }
                }
                v
            }
            _ => {
                let (r, c) = self.reference();
                self.s.eval(r, c).expect("a formula refers to a number")
            }
        }
    }
}

fn read_back(bytes: Vec<u8>) -> Vec<(String, ReadSheet)> {
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("a readable .xlsx");
    book.sheet_names()
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).unwrap();
            let (r0, c0) = range.start().unwrap_or((0, 0));
            let values = range
                .used_cells()
                .map(|(r, c, v)| ((r as u32 + r0, c as u32 + c0), v.clone()))
                .collect();
            let fr = book.worksheet_formula(&name).unwrap();
            let (fr0, fc0) = fr.start().unwrap_or((0, 0));
            let formulas = fr
                .used_cells()
                .filter(|(_, _, f)| !f.is_empty())
                .map(|(r, c, f)| ((r as u32 + fr0, c as u32 + fc0), f.clone()))
                .collect();
            (name, ReadSheet { values, formulas })
        })
        .collect()
}

fn vm2024() -> Plan {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/vm2024.samplan.json"
    ))
    .unwrap();
    plan_from_json(&text).unwrap()
}

/// Every formula of every sheet, evaluated from its references, equals its cached value (the
/// engine's figure); returns how many there were.
fn check_formulas(sheets: &[(String, ReadSheet)]) -> usize {
    let mut n = 0;
    for (name, s) in sheets {
        for (at, f) in &s.formulas {
            let got = s.eval(at.0, at.1).unwrap();
            let want = s
                .cached(at.0, at.1)
                .unwrap_or_else(|| panic!("{name} {at:?} has no value"));
            assert!(
                (got - want).abs() < Decimal::new(1, 6),
                "{name} {at:?} ={f} gives {got}, the engine says {want}"
            );
            n += 1;
        }
    }
    n
}

#[test]
fn the_example_plan_reads_back_with_live_formulas_equal_to_the_engine() {
    let plan = example_plan();
    let report = compute(&plan);
    let sheets = read_back(export_plan_xlsx(&plan, None).unwrap());
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        &names[..4],
        &["Finansiering", "Budget", "Uppföljning", "Eget kapital"]
    );
    let kommuner: Vec<&str> = plan
        .members
        .iter()
        .filter(|m| m.kind == samplan_engine::allocation::MemberKind::Kommun)
        .map(|m| m.name.as_str())
        .collect();
    assert_eq!(&names[4..], kommuner.as_slice());
    let formulas = check_formulas(&sheets);
    assert!(formulas > 50, "only {formulas} formulas");

    let sheet = |n: &str| &sheets.iter().find(|(name, _)| name == n).unwrap().1;
    let (budget, equity, financing) = (
        sheet("Budget"),
        sheet("Eget kapital"),
        sheet("Finansiering"),
    );
    let result_row = budget.row_of("Årets resultat");
    let ub_row = equity.row_of("EK UB");
    let sum_row = financing.row_of("Summa medlemmar");
    for (i, yr) in report.years.iter().enumerate() {
        let col = 1 + i as u32;
        assert_eq!(budget.text(0, col), Some(yr.year.to_string()));
        // A result is a formula of the subtotals, and the subtotals of the lines.
        assert!(budget.formulas.contains_key(&(result_row, col)));
        assert_eq!(budget.eval(result_row, col), Some(yr.budget.result.value()));
        assert!(equity.formulas.contains_key(&(ub_row, col)));
        assert_eq!(equity.eval(ub_row, col), Some(yr.equity.closing.value()));
        let alloc = yr.allocation.as_ref().unwrap();
        assert_eq!(
            financing.eval(sum_row, col),
            Some(alloc.members_total().value())
        );
        // Amounts are numbers, not text.
        assert!(matches!(
            financing
                .values
                .get(&(financing.row_of("Medelstilldelning"), col)),
            Some(Data::Float(_) | Data::Int(_))
        ));
    }
    // A municipality's sheet: what it pays, equal to the allocation.
    let first = plan
        .members
        .iter()
        .find(|m| m.kind == samplan_engine::allocation::MemberKind::Kommun)
        .unwrap();
    let k = sheet(&first.name);
    let pays = k.row_of("Belopp");
    let alloc = report.years[0].allocation.as_ref().unwrap();
    assert_eq!(
        k.eval(pays, 1),
        Some(alloc.member_by_id(first.id).unwrap().amount.value())
    );
}

#[test]
fn a_year_with_outcome_has_its_follow_up_with_formulas() {
    let plan = vm2024();
    let sheets = read_back(export_plan_xlsx(&plan, None).unwrap());
    check_formulas(&sheets);
    let fu = &sheets.iter().find(|(n, _)| n == "Uppföljning").unwrap().1;
    assert!(fu.text(fu.row_of("Uppföljning 2024"), 0).is_some());
    // Avvikelse and Förbrukad % are formulas of Budget and Utfall.
    assert!(fu.formulas.values().any(|f| f.contains('/')));
    assert!(fu.formulas.values().any(|f| f.starts_with("SUM(")));
}

#[test]
fn the_same_plan_gives_the_same_bytes() {
    let plan = example_plan();
    assert_eq!(
        export_plan_xlsx(&plan, None).unwrap(),
        export_plan_xlsx(&plan, None).unwrap()
    );
}

#[test]
fn names_that_look_like_formulas_stay_text() {
    let mut plan = example_plan();
    plan.lines[0].name = "=HYPERLINK(\"http://x\";\"klicka\")".to_string();
    let sheets = read_back(export_plan_xlsx(&plan, None).unwrap());
    let budget = &sheets.iter().find(|(n, _)| n == "Budget").unwrap().1;
    let r = budget.row_of("=HYPERLINK(\"http://x\";\"klicka\")");
    assert!(!budget.formulas.contains_key(&(r, 0)));
}

#[test]
fn a_year_without_result_shows_no_equity_in_the_workbook() {
    // A new plan with funding but no budget lines has no result: no EK UB, no ratio
    // (docs/equity.md), in the workbook as in the app.
    let plan = common::one_member_plan(2026, common::kr(7_200_000));
    let sheets = read_back(export_plan_xlsx(&plan, None).unwrap());
    check_formulas(&sheets);
    let equity = &sheets.iter().find(|(n, _)| n == "Eget kapital").unwrap().1;
    for label in ["EK UB", "EK-kvot %", "Över taket"] {
        assert_eq!(
            equity.text(equity.row_of(label), 1).as_deref(),
            Some("–"),
            "{label}"
        );
    }
    assert_eq!(
        equity.text(equity.row_of("Flaggor"), 1).as_deref(),
        Some("saknar resultat")
    );
}

/// Issue 17: a formula typed into an amount cell is written as the formula (its result the
/// engine's amount, and the subtotal above it still equals the engine's), and the line's note
/// is in the Notering column after the years.
#[test]
fn a_typed_formula_and_a_note_are_in_the_budget_sheet() {
    let mut plan = example_plan();
    let line = plan.lines[0].id;
    let name = plan.lines[0].name.clone();
    let year = plan.years[1];
    let edit = samplan_engine::Edit::set_line_amount_text(
        &plan,
        None,
        line,
        year,
        "=(450 000+12 tkr)/12*10",
        samplan_engine::format::DisplayUnit::Kr,
    )
    .unwrap();
    samplan_engine::apply(&mut plan, &edit).unwrap();
    plan.lines[0].note = "Avtal till 2027".to_string();
    let sheets = read_back(export_plan_xlsx(&plan, None).unwrap());
    check_formulas(&sheets);
    let budget = &sheets.iter().find(|(n, _)| n == "Budget").unwrap().1;
    let r = budget.row_of(&name);
    let col = 2; // column A is the label, B the first year
    assert_eq!(
        budget.formulas.get(&(r, col)).map(String::as_str),
        Some("(450000+12000)/12*10")
    );
    assert_eq!(budget.eval(r, col), Some(Decimal::from(385_000)));
    let note_col = 1 + plan.years.len() as u32;
    assert_eq!(budget.text(0, note_col).as_deref(), Some("Notering"));
    assert_eq!(budget.text(r, note_col).as_deref(), Some("Avtal till 2027"));
}

#[test]
fn one_table_is_the_whole_books_sheet_of_that_view() {
    use samplan_engine::versions::ViewVersion;
    use samplan_engine::xlsx::{export_table_xlsx, XlsxTable};
    let plan = example_plan();
    let whole = read_back(export_plan_xlsx(&plan, None).unwrap());
    let kommun = plan
        .members
        .iter()
        .find(|m| m.kind == samplan_engine::allocation::MemberKind::Kommun)
        .unwrap();
    for (table, name) in [
        (XlsxTable::Finansiering, "Finansiering"),
        (XlsxTable::Budget, "Budget"),
        (XlsxTable::Uppfoljning, "Uppföljning"),
        (XlsxTable::EgetKapital, "Eget kapital"),
        (XlsxTable::Kommun(kommun.id), kommun.name.as_str()),
    ] {
        let bytes = export_table_xlsx(&plan, None, ViewVersion::InForce, table)
            .expect("a table")
            .unwrap();
        let one = read_back(bytes);
        assert_eq!(one.len(), 1, "{name}: one sheet");
        assert_eq!(one[0].0, name);
        let of_whole = &whole.iter().find(|(n, _)| n == name).unwrap().1;
        assert_eq!(one[0].1.values, of_whole.values, "{name}: the same cells");
        assert_eq!(
            one[0].1.formulas, of_whole.formulas,
            "{name}: the same formulas"
        );
        check_formulas(&one);
    }
}

#[test]
fn what_changed_reads_back_with_live_sums_of_the_differences() {
    use samplan_engine::diff::diff_plans;
    use samplan_engine::xlsx::export_diff_xlsx;
    let a = example_plan();
    let mut b = a.clone();
    let year = b.years[0];
    for line in b.lines.iter_mut().take(3) {
        let v = line.amounts.get(&year).copied().unwrap_or_default();
        line.amounts.insert(
            year,
            samplan_engine::Amount::kr(10_000).checked_add(v).unwrap(),
        );
    }
    let diff = diff_plans(&a, &b, "Beslutad 2026-11-20, § 45", "Utkast");
    let sheets = read_back(export_diff_xlsx(&diff).unwrap());
    assert_eq!(sheets.len(), 1);
    let (name, s) = &sheets[0];
    assert_eq!(name, "Ändringar");
    assert_eq!(
        s.text(0, 0).as_deref(),
        Some("Från Beslutad 2026-11-20, § 45 till Utkast")
    );
    assert!(check_formulas(&sheets) >= 1, "the sums are formulas");
    // The lines' sum: three lines, 10 000 kr each.
    let sum_row = (0..200)
        .find(|r| {
            s.text(*r, 1).as_deref() == Some("Budgetpost")
                && s.text(*r, 2).as_deref() == Some("Summa")
        })
        .expect("the lines' sum");
    assert_eq!(s.eval(sum_row, 5), Some(Decimal::from(30_000)));
    assert!(s.formulas.contains_key(&(sum_row, 5)), "a formula");
}
