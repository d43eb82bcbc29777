//! Reading one cell of a CSV table as a checked value: text (trimmed, formula guard undone)
//! and numbers (Swedish parser, then the input bounds of docs/bounds.md), each failure a
//! [`CsvError`] naming the line and the column.

use rust_decimal::Decimal;

use super::dialect::{CsvRow, CsvTable};
use super::error::CsvError;
use super::write::unguard_formula;
use crate::bounds::{
    check_amount, check_non_negative_amount, check_percent, check_population, BoundsError,
    PercentKind,
};
use crate::money::Amount;
use crate::parse::{parse_amount, parse_count, parse_percent, NumberError, NumberErrorKind};

/// A text cell as the imports read it: surrounding whitespace removed, then the formula
/// guard's apostrophe removed ([`unguard_formula`]); `None` for an empty or blank cell.
///
/// So every text `s` without surrounding whitespace that an export wrote reads back as `s`.
pub fn text_cell(raw: &str) -> Option<&str> {
    let t = raw.trim();
    if t.is_empty() {
        None
    } else {
        Some(unguard_formula(t))
    }
}

/// Whether an amount column allows negative amounts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Sign {
    /// Zero or more (budget amounts, `Belopp`).
    NonNegative,
    /// Any sign (outcome and ledger rows).
    Any,
}

fn invalid(row: &CsvRow, table: &CsvTable, col: usize, error: NumberError) -> CsvError {
    CsvError::InvalidNumber {
        line: row.line,
        column: table.header(col).to_string(),
        error,
    }
}

fn out_of_bounds(row: &CsvRow, table: &CsvTable, col: usize, error: BoundsError) -> CsvError {
    CsvError::OutOfBounds {
        line: row.line,
        column: table.header(col).to_string(),
        error,
    }
}

/// The non-empty cell `text` of column `col` as an amount in kronor within the bounds
/// (|amount| ≤ 10^12 kr, at most two decimals; `sign`). A number too large for the engine at
/// all is reported as the same bound.
pub(crate) fn amount_cell(
    table: &CsvTable,
    row: &CsvRow,
    col: usize,
    text: &str,
    sign: Sign,
) -> Result<Amount, CsvError> {
    let a = parse_amount(text).map_err(|e| match e.kind {
        NumberErrorKind::TooLarge => out_of_bounds(row, table, col, BoundsError::AmountTooLarge),
        _ => invalid(row, table, col, e),
    })?;
    let checked = match sign {
        Sign::NonNegative => check_non_negative_amount(a.value()),
        Sign::Any => check_amount(a.value()),
    };
    checked.map_err(|e| out_of_bounds(row, table, col, e))
}

/// The non-empty cell `text` of column `col` as a population (whole, ≥ 0, ≤ 10^9).
pub(crate) fn population_cell(
    table: &CsvTable,
    row: &CsvRow,
    col: usize,
    text: &str,
) -> Result<u64, CsvError> {
    let n = parse_count(text).map_err(|e| match e.kind {
        NumberErrorKind::TooLarge => {
            out_of_bounds(row, table, col, BoundsError::PopulationTooLarge)
        }
        _ => invalid(row, table, col, e),
    })?;
    check_population(n).map_err(|e| out_of_bounds(row, table, col, e))
}

/// The non-empty cell `text` of column `col` as a share in percent (0–100 %, at most six
/// decimals).
pub(crate) fn share_cell(
    table: &CsvTable,
    row: &CsvRow,
    col: usize,
    text: &str,
) -> Result<Decimal, CsvError> {
    let p = parse_percent(text).map_err(|e| match e.kind {
        NumberErrorKind::TooLarge => out_of_bounds(
            row,
            table,
            col,
            BoundsError::PercentOutOfRange {
                value: Decimal::MAX,
                kind: PercentKind::Share,
            },
        ),
        _ => invalid(row, table, col, e),
    })?;
    check_percent(p, PercentKind::Share).map_err(|e| out_of_bounds(row, table, col, e))
}
