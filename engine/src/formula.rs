//! Formulas in amount cells (docs/numbers.md, "Formulas"): `=` followed by Swedish numbers
//! (`2 200 000`, `1,02`, `12 tkr`), `+ - * /` (also `−`, `–`, `×`, `÷`) and parentheses, as
//! treasurers index amounts: `=2 200 000*1,02`, `=(450 000+12 tkr)/12*10`. No cell references.
//!
//! Arithmetic is exact decimal. A bare number is in the unit the cell is shown in (in tkr,
//! `=60*1,02` is 61,2 tkr = 61 200 kr); a number naming its unit (`12 tkr`, `500 kr`, `1 mkr`)
//! is converted to that unit first. The result is rounded **half-up to whole öre** (two
//! decimals, the finest an amount keeps) and checked against the money bounds (docs/bounds.md).
//!
//! A wrong formula is refused with the position (1-based character, counting the `=`) of the
//! error: `formeln har ett fel vid tecken 8: "x" kan inte stå här`.
//!
//! The line keeps the formula ([`LineFormula`], `BudgetLine::formulas`) together with the amount
//! it gave: it counts only while the line's amount is still that amount, so any other way of
//! setting the amount (an import, a paste, a scenario's override, a fill) makes it stale and it
//! is no longer shown, exported or saved.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::bounds::{check_amount, BoundsError};
use crate::edit::{Edit, EditError, LineField};
use crate::format::DisplayUnit;
use crate::money::{round_half_up, Amount};
use crate::parse::{parse_amount_in, parse_number, NumberError};
use crate::plan::{LineId, Plan, ScenarioId, Year};

/// A formula typed into an amount cell, kept on the line for one year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineFormula {
    /// The formula as typed, starting with `=`.
    pub text: String,
    /// The unit the cell was shown in when it was typed (bare numbers are in this unit).
    pub unit: DisplayUnit,
    /// The amount it gave, in kronor. The formula counts only while the line's amount for the
    /// year is this amount.
    pub value: Amount,
}

/// What is wrong with a formula.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormulaErrorKind {
    /// Nothing after `=`.
    Empty,
    /// A character that cannot stand where it is.
    Unexpected(char),
    /// The formula ends where a number or `(` is needed.
    MissingNumber,
    /// A `(` without its `)`.
    MissingClose,
    /// A number that is not a Swedish number.
    Number(NumberError),
    /// Division by zero.
    DivisionByZero,
    /// The result (or a step of it) is beyond the money bounds.
    Bounds(BoundsError),
}

/// A refused formula, with the 1-based character position of the error (the `=` is 1).
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("{}", self.message())]
pub struct FormulaError {
    /// Where the error is.
    pub position: usize,
    /// What is wrong.
    pub kind: FormulaErrorKind,
}

impl FormulaError {
    /// The Swedish message shown at the cell.
    pub fn message(&self) -> String {
        let what = match &self.kind {
            FormulaErrorKind::Empty => {
                return "formeln är tom: skriv en räkning efter =, t.ex. =60 000*1,02".to_string()
            }
            FormulaErrorKind::Unexpected(c) => format!("\"{c}\" kan inte stå här"),
            FormulaErrorKind::MissingNumber => "ett tal eller en parentes saknas".to_string(),
            FormulaErrorKind::MissingClose => "\")\" saknas".to_string(),
            FormulaErrorKind::Number(e) => e.message(),
            FormulaErrorKind::DivisionByZero => "division med noll".to_string(),
            FormulaErrorKind::Bounds(e) => e.to_string(),
        };
        format!("formeln har ett fel vid tecken {}: {what}", self.position)
    }
}

/// True when `text` is a formula (starts with `=`, leading spaces ignored).
pub fn is_formula(text: &str) -> bool {
    text.trim_start().starts_with('=')
}

/// A parsed formula.
#[derive(Clone, Debug, PartialEq)]
enum Node {
    /// A number, in the cell's unit.
    Num(Decimal),
    /// `-x`.
    Neg(Box<Node>),
    /// `(x)`.
    Group(Box<Node>),
    /// `a op b`, with the position of `op`.
    Bin(char, Box<Node>, Box<Node>, usize),
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
    unit: DisplayUnit,
}

impl Parser {
    fn err(&self, at: usize, kind: FormulaErrorKind) -> FormulaError {
        FormulaError {
            position: at.saturating_add(1),
            kind,
        }
    }

    fn skip_spaces(&mut self) {
        while self.chars.get(self.pos).is_some_and(|c| c.is_whitespace()) {
            self.pos = self.pos.saturating_add(1);
        }
    }

    fn peek(&mut self) -> Option<char> {
        self.skip_spaces();
        self.chars.get(self.pos).copied()
    }

    fn expr(&mut self) -> Result<Node, FormulaError> {
        let mut left = self.term()?;
        while let Some(c) = self.peek() {
            let op = match c {
                '+' => '+',
                '-' | '−' | '–' => '-',
                _ => break,
            };
            let at = self.pos;
            self.pos = self.pos.saturating_add(1);
            let right = self.term()?;
            left = Node::Bin(op, Box::new(left), Box::new(right), at);
        }
        Ok(left)
    }

    fn term(&mut self) -> Result<Node, FormulaError> {
        let mut left = self.factor()?;
        while let Some(c) = self.peek() {
            let op = match c {
                '*' | '×' => '*',
                '/' | '÷' => '/',
                _ => break,
            };
            let at = self.pos;
            self.pos = self.pos.saturating_add(1);
            let right = self.factor()?;
            left = Node::Bin(op, Box::new(left), Box::new(right), at);
        }
        Ok(left)
    }

    fn factor(&mut self) -> Result<Node, FormulaError> {
        match self.peek() {
            None => Err(self.err(self.pos, FormulaErrorKind::MissingNumber)),
            Some('-' | '−' | '–') => {
                self.pos = self.pos.saturating_add(1);
                Ok(Node::Neg(Box::new(self.factor()?)))
            }
            Some('+') => {
                self.pos = self.pos.saturating_add(1);
                self.factor()
            }
            Some('(') => {
                self.pos = self.pos.saturating_add(1);
                let inner = self.expr()?;
                match self.peek() {
                    Some(')') => {
                        self.pos = self.pos.saturating_add(1);
                        Ok(Node::Group(Box::new(inner)))
                    }
                    Some(c) => Err(self.err(self.pos, FormulaErrorKind::Unexpected(c))),
                    None => Err(self.err(self.pos, FormulaErrorKind::MissingClose)),
                }
            }
            Some(c) if c.is_ascii_digit() || c == ',' || c == '.' => self.number(),
            Some(c) => Err(self.err(self.pos, FormulaErrorKind::Unexpected(c))),
        }
    }

    /// A Swedish number with digit groups and an optional unit (`2 200 000`, `12 tkr`).
    fn number(&mut self) -> Result<Node, FormulaError> {
        let start = self.pos;
        let mut end = self.pos;
        let mut i = self.pos;
        while let Some(&c) = self.chars.get(i) {
            if c.is_ascii_digit() || c == ',' || c == '.' {
                end = i.saturating_add(1);
            } else if !matches!(c, ' ' | '\u{00A0}' | '\u{202F}') {
                break;
            }
            i = i.saturating_add(1);
        }
        let body: String = self
            .chars
            .get(start..end)
            .unwrap_or_default()
            .iter()
            .collect();
        // An optional unit after the number (spaces allowed before it).
        let mut j = end;
        while self.chars.get(j).is_some_and(|c| c.is_whitespace()) {
            j = j.saturating_add(1);
        }
        let word: String = self
            .chars
            .get(j..)
            .unwrap_or_default()
            .iter()
            .take_while(|c| c.is_alphabetic())
            .collect();
        let factor = match word.to_lowercase().as_str() {
            "kr" => Some(Decimal::ONE),
            "tkr" => Some(Decimal::ONE_THOUSAND),
            "mkr" => Some(Decimal::from(1_000_000)),
            _ => None,
        };
        let value =
            parse_number(&body).map_err(|e| self.err(start, FormulaErrorKind::Number(e)))?;
        self.pos = end;
        let value = match factor {
            Some(f) => {
                self.pos = j.saturating_add(word.chars().count());
                let per_unit = match self.unit {
                    DisplayUnit::Kr => Decimal::ONE,
                    DisplayUnit::Tkr => Decimal::ONE_THOUSAND,
                };
                value
                    .checked_mul(f)
                    .and_then(|v| v.checked_div(per_unit))
                    .ok_or_else(|| {
                        self.err(start, FormulaErrorKind::Bounds(BoundsError::AmountTooLarge))
                    })?
            }
            None => value,
        };
        Ok(Node::Num(value))
    }
}

fn parse(text: &str, unit: DisplayUnit) -> Result<Node, FormulaError> {
    let t = text.trim_start();
    let Some(body) = t.strip_prefix('=') else {
        return Err(FormulaError {
            position: 1,
            kind: FormulaErrorKind::MissingNumber,
        });
    };
    if body.trim().is_empty() {
        return Err(FormulaError {
            position: 1,
            kind: FormulaErrorKind::Empty,
        });
    }
    let mut p = Parser {
        chars: t.chars().collect(),
        pos: 1,
        unit,
    };
    let node = p.expr()?;
    match p.peek() {
        None => Ok(node),
        Some(')') => Err(p.err(p.pos, FormulaErrorKind::Unexpected(')'))),
        Some(c) => Err(p.err(p.pos, FormulaErrorKind::Unexpected(c))),
    }
}

fn eval(node: &Node) -> Result<Decimal, FormulaError> {
    let too_large = |at: usize| FormulaError {
        position: at.saturating_add(1),
        kind: FormulaErrorKind::Bounds(BoundsError::AmountTooLarge),
    };
    match node {
        Node::Num(v) => Ok(*v),
        Node::Neg(x) => Ok(Decimal::ZERO.checked_sub(eval(x)?).unwrap_or_default()),
        Node::Group(x) => eval(x),
        Node::Bin(op, a, b, at) => {
            let (a, b) = (eval(a)?, eval(b)?);
            match op {
                '+' => a.checked_add(b).ok_or_else(|| too_large(*at)),
                '-' => a.checked_sub(b).ok_or_else(|| too_large(*at)),
                '*' => a.checked_mul(b).ok_or_else(|| too_large(*at)),
                _ => {
                    if b.is_zero() {
                        return Err(FormulaError {
                            position: at.saturating_add(1),
                            kind: FormulaErrorKind::DivisionByZero,
                        });
                    }
                    a.checked_div(b).ok_or_else(|| too_large(*at))
                }
            }
        }
    }
}

/// The amount in kronor a formula typed into a cell shown in `unit` gives (see the module
/// docs), rounded half-up to öre and within the money bounds.
pub fn evaluate_formula(text: &str, unit: DisplayUnit) -> Result<Amount, FormulaError> {
    let node = parse(text, unit)?;
    let value = eval(&node)?;
    let kr = match unit {
        DisplayUnit::Kr => Some(value),
        DisplayUnit::Tkr => value.checked_mul(Decimal::ONE_THOUSAND),
    };
    let end = text.trim_start().chars().count();
    let kr = kr.ok_or(FormulaError {
        position: end,
        kind: FormulaErrorKind::Bounds(BoundsError::AmountTooLarge),
    })?;
    let rounded = round_half_up(kr, 2);
    check_amount(rounded).map_err(|e| FormulaError {
        position: end,
        kind: FormulaErrorKind::Bounds(e),
    })?;
    Ok(Amount(rounded))
}

impl LineFormula {
    /// The formula as a spreadsheet formula giving kronor (without the leading `=`): numbers
    /// with a decimal point and no grouping, units converted, `(…)*1000` for a formula typed
    /// in tkr, and `ROUND(…,2)` around it when the exact result has more than two decimals, so
    /// the spreadsheet computes the same amount as samplan. `None` when the text no longer
    /// parses.
    pub fn to_spreadsheet(&self) -> Option<String> {
        let node = parse(&self.text, self.unit).ok()?;
        let mut out = String::new();
        write_node(&node, &mut out);
        let out = match self.unit {
            DisplayUnit::Kr => out,
            DisplayUnit::Tkr => format!("({out})*1000"),
        };
        let exact = eval(&node).ok()?;
        let exact_kr = match self.unit {
            DisplayUnit::Kr => Some(exact),
            DisplayUnit::Tkr => exact.checked_mul(Decimal::ONE_THOUSAND),
        }?;
        Some(if round_half_up(exact_kr, 2) == exact_kr {
            out
        } else {
            format!("ROUND({out},2)")
        })
    }
}

fn write_node(node: &Node, out: &mut String) {
    match node {
        Node::Num(v) => out.push_str(&v.normalize().to_string()),
        Node::Neg(x) => {
            out.push('-');
            write_node(x, out);
        }
        Node::Group(x) => {
            out.push('(');
            write_node(x, out);
            out.push(')');
        }
        Node::Bin(op, a, b, _) => {
            write_node(a, out);
            out.push(*op);
            write_node(b, out);
        }
    }
}

/// Why text typed into an amount cell is refused.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum AmountInputError {
    /// Not a Swedish number.
    #[error(transparent)]
    Number(#[from] NumberError),
    /// A wrong formula.
    #[error(transparent)]
    Formula(#[from] FormulaError),
    /// The edit cannot be made (no such line or scenario).
    #[error(transparent)]
    Edit(#[from] EditError),
}

impl Edit {
    /// The edit of text typed into a line's amount cell shown in `unit`: empty clears the
    /// amount, a formula (`=…`) sets the amount it gives and, in the base plan, keeps the
    /// formula on the line; a number sets the amount and drops the year's formula. In a
    /// scenario (`scenario` = `Some`) the amount becomes the scenario's override and no formula
    /// is kept (the base plan's formula stays with the base plan's amount).
    pub fn set_line_amount_text(
        plan: &Plan,
        scenario: Option<ScenarioId>,
        line: LineId,
        year: Year,
        text: &str,
        unit: DisplayUnit,
    ) -> Result<Edit, AmountInputError> {
        let current = plan.line(line).ok_or(EditError::NoLine(line))?;
        let t = text.trim();
        let (amount, formula) = if t.is_empty() {
            (Edit::clear_line_amount(plan, scenario, line, year)?, None)
        } else if is_formula(t) {
            let a = evaluate_formula(t, unit)?;
            let f = LineFormula {
                text: t.to_string(),
                unit,
                value: a,
            };
            (
                Edit::set_line_amount(plan, scenario, line, year, a)?,
                Some(f),
            )
        } else {
            let a = parse_amount_in(t, unit)?;
            (Edit::set_line_amount(plan, scenario, line, year, a)?, None)
        };
        let mut edits = vec![amount];
        if scenario.is_none() {
            let mut map = current.formulas.clone();
            match formula {
                Some(f) => {
                    map.insert(year, f);
                }
                None => {
                    map.remove(&year);
                }
            }
            if map != current.formulas {
                edits.push(Edit::set_line_field(plan, line, LineField::Formulas(map))?);
            }
        }
        Ok(if edits.len() == 1 {
            edits.remove(0)
        } else {
            Edit::Compound(edits)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kr(text: &str) -> Result<Amount, String> {
        evaluate_formula(text, DisplayUnit::Kr).map_err(|e| e.to_string())
    }

    fn d(s: &str) -> Amount {
        Amount(s.parse().expect("decimal"))
    }

    #[test]
    fn the_issues_formulas() {
        assert_eq!(kr("=60000*1,02"), Ok(Amount::kr(61_200)));
        assert_eq!(kr("=2 200 000*1,02"), Ok(Amount::kr(2_244_000)));
        assert_eq!(kr("=(450 000+12 tkr)/12*10"), Ok(Amount::kr(385_000)));
        assert_eq!(kr(" = 1 000 − 250 – 50"), Ok(Amount::kr(700)));
        assert_eq!(kr("=2×3÷4"), Ok(d("1.5")));
        assert_eq!(kr("=-(5+5)*-2"), Ok(Amount::kr(20)));
        assert_eq!(kr("=1\u{00A0}234,5 kr+1 mkr"), Ok(d("1001234.5")));
    }

    #[test]
    fn exact_and_rounded_half_up_to_ore() {
        assert_eq!(kr("=100/3"), Ok(d("33.33")));
        assert_eq!(kr("=0,125*1"), Ok(d("0.13")));
        assert_eq!(kr("=-0,125"), Ok(d("-0.13")));
        // Exact decimals: 0,1 + 0,2 is 0,3, not 0,30000000000000004.
        assert_eq!(kr("=0,1+0,2"), Ok(d("0.3")));
    }

    #[test]
    fn bare_numbers_are_in_the_cells_unit() {
        let tkr = |t: &str| evaluate_formula(t, DisplayUnit::Tkr).map_err(|e| e.to_string());
        assert_eq!(tkr("=60*1,02"), Ok(Amount::kr(61_200)));
        assert_eq!(tkr("=500 kr+1"), Ok(Amount::kr(1_500)));
        assert_eq!(tkr("=2 tkr*3"), Ok(Amount::kr(6_000)));
    }

    #[test]
    fn errors_name_the_position() {
        assert_eq!(
            kr("=60000*1,02x"),
            Err("formeln har ett fel vid tecken 12: \"x\" kan inte stå här".into())
        );
        assert_eq!(
            kr("=(1+2"),
            Err("formeln har ett fel vid tecken 6: \")\" saknas".into())
        );
        assert_eq!(
            kr("=1+"),
            Err("formeln har ett fel vid tecken 4: ett tal eller en parentes saknas".into())
        );
        assert_eq!(
            kr("=1+2)"),
            Err("formeln har ett fel vid tecken 5: \")\" kan inte stå här".into())
        );
        assert_eq!(
            kr("=10/(5-5)"),
            Err("formeln har ett fel vid tecken 4: division med noll".into())
        );
        assert_eq!(
            kr("=12 34*2"),
            Err("formeln har ett fel vid tecken 2: \"12 34\" har felaktig tusentalsgruppering (grupper om tre siffror)".into())
        );
        assert_eq!(
            kr("=1.234*2"),
            Err("formeln har ett fel vid tecken 2: \"1.234\" är tvetydigt: skriv 1234 för tusental eller 1,234 för decimaler".into())
        );
        assert_eq!(
            kr("="),
            Err("formeln är tom: skriv en räkning efter =, t.ex. =60 000*1,02".into())
        );
        assert_eq!(
            kr("=A1*2"),
            Err("formeln har ett fel vid tecken 2: \"A\" kan inte stå här".into())
        );
        assert_eq!(
            kr("=1000000000000*10"),
            Err(format!(
                "formeln har ett fel vid tecken 17: {}",
                BoundsError::AmountTooLarge
            ))
        );
    }

    #[test]
    fn spreadsheet_form() {
        let f = |text: &str, unit| LineFormula {
            text: text.into(),
            unit,
            value: Amount::ZERO,
        };
        assert_eq!(
            f("=(450 000+12 tkr)/12*10", DisplayUnit::Kr).to_spreadsheet(),
            Some("(450000+12000)/12*10".into())
        );
        assert_eq!(
            f("=60*1,02", DisplayUnit::Tkr).to_spreadsheet(),
            Some("(60*1.02)*1000".into())
        );
        assert_eq!(
            f("=-2 200 000*1,02", DisplayUnit::Kr).to_spreadsheet(),
            Some("-2200000*1.02".into())
        );
        assert_eq!(
            f("=100/3", DisplayUnit::Kr).to_spreadsheet(),
            Some("ROUND(100/3,2)".into())
        );
    }

    fn plan() -> Plan {
        let mut p = Plan::empty("Test", 2026, 2);
        p.lines.push(crate::plan::BudgetLine::new(
            LineId(1),
            "Hyra",
            Some(crate::plan::Category::Kansli),
        ));
        p.next_id = 2;
        p
    }

    fn typed(p: &mut Plan, text: &str) {
        let e = Edit::set_line_amount_text(p, None, LineId(1), 2026, text, DisplayUnit::Kr)
            .expect("edit");
        crate::edit::apply(p, &e).expect("apply");
    }

    #[test]
    fn the_cell_keeps_the_formula_until_the_amount_is_set_another_way() {
        let mut p = plan();
        typed(&mut p, "=60000*1,02");
        let l = &p.lines[0];
        assert_eq!(l.amount(2026), Amount::kr(61_200));
        assert_eq!(
            l.formula(2026).map(|f| f.text.as_str()),
            Some("=60000*1,02")
        );
        // Saved in the plan file and read back.
        let json = crate::plan_file::plan_to_json(&p);
        assert!(json.contains("=60000*1,02"));
        let back = crate::plan_file::plan_from_json(&json).expect("read");
        assert_eq!(back.lines[0].formula(2026), l.formula(2026));
        // A number typed over it drops it.
        typed(&mut p, "61 200");
        assert_eq!(p.lines[0].formula(2026), None);
        assert!(p.lines[0].formulas.is_empty());
    }

    #[test]
    fn any_other_path_that_sets_the_amount_makes_the_formula_stale() {
        let mut p = plan();
        typed(&mut p, "=1000*2");
        // An import (the budget CSV) sets another amount.
        let csv = "Post;2026\nHyra;5000\n";
        let import = crate::csv_io::read_budget_csv(csv.as_bytes(), None, &p).expect("csv");
        let e = import.to_edit(&p).expect("edit");
        let mut imported = p.clone();
        crate::edit::apply(&mut imported, &e).expect("apply");
        assert_eq!(imported.lines[0].formula(2026), None);
        // Not saved either.
        assert!(!crate::plan_file::plan_to_json(&imported).contains("=1000*2"));
        // Undo gives the formula back with its amount.
        crate::edit::revert(&mut imported, &e).expect("revert");
        assert!(imported.lines[0].formula(2026).is_some());
        // A positional paste / fill is the plain amount edit.
        let e = Edit::set_line_amount(&p, None, LineId(1), 2026, Amount::kr(7)).expect("edit");
        let mut pasted = p.clone();
        crate::edit::apply(&mut pasted, &e).expect("apply");
        assert_eq!(pasted.lines[0].formula(2026), None);
        // A scenario's override: the scenario's plan does not show the base formula.
        let mut sc = p.clone();
        let add = Edit::add_scenario(&sc, "Spar");
        crate::edit::apply(&mut sc, &add).expect("add");
        let id = sc.scenarios[0].id;
        let e = Edit::set_line_amount_text(&sc, Some(id), LineId(1), 2026, "=1+1", DisplayUnit::Kr)
            .expect("edit");
        crate::edit::apply(&mut sc, &e).expect("apply");
        assert!(
            sc.lines[0].formula(2026).is_some(),
            "the base plan keeps its formula"
        );
        let resolved = sc.resolved(Some(id));
        assert_eq!(resolved.lines[0].amount(2026), Amount::kr(2));
        assert_eq!(resolved.lines[0].formula(2026), None);
    }

    #[test]
    fn a_wrong_formula_is_refused_and_changes_nothing() {
        let p = plan();
        let e = Edit::set_line_amount_text(&p, None, LineId(1), 2026, "=60000*", DisplayUnit::Kr)
            .expect_err("refused");
        assert_eq!(
            e.to_string(),
            "formeln har ett fel vid tecken 8: ett tal eller en parentes saknas"
        );
    }
}
