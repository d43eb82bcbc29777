//! The columns of the budget and outcome CSV files (docs/csv.md): accepted headers, year
//! headers, the category cell (`Lokaler`, split shares `Personal 60 %; Lokaler 40 %`) and the
//! Swedish errors of both imports.

use thiserror::Error;

use super::line_match::MatchBy;
use super::{text_cell, CsvError, CsvRow, CsvTable};
use crate::bounds::{check_year, BoundsError, MAX_YEAR, MIN_YEAR};
use crate::format::format_plain_natural;
use crate::parse::parse_percent;
use crate::plan::{BudgetLine, Category, SplitShare, Year};

/// Accepted headers of the account column.
pub(crate) const ACCOUNT_COLUMNS: [&str; 3] = ["Konto", "Kontonummer", "ID"];
/// Accepted headers of the line-name column.
pub(crate) const LINE_NAME_COLUMNS: [&str; 4] = ["Post", "Benämning", "Beskrivning", "Namn"];
/// Accepted headers of the category column.
pub(crate) const CATEGORY_COLUMNS: [&str; 2] = ["Kategori", "Kostnadsslag"];
/// Accepted headers of the municipality column.
pub(crate) const MUNICIPALITY_COLUMNS: [&str; 1] = ["Kommun"];
/// Accepted headers of the note column.
pub(crate) const NOTE_COLUMNS: [&str; 3] = ["Notering", "Anteckning", "Kommentar"];
/// Accepted headers of the outcome value column.
pub(crate) const OUTCOME_COLUMNS: [&str; 6] = [
    "Utfall",
    "Ack utfall",
    "Ack. utfall",
    "Belopp",
    "Summa",
    "Netto",
];

/// The value column of a forecast import (docs/csv.md "Outcome CSV"); without one, a
/// forecast file's value column is one of [`OUTCOME_COLUMNS`] (`Belopp`).
pub(crate) const FORECAST_COLUMNS: [&str; 3] = ["Prognos", "Prognos helår", "Helårsprognos"];

/// Why a budget or outcome CSV cannot be imported. Nothing in the plan changes.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum PlanCsvError {
    /// A dialect-level or cell-level error (line and column included).
    #[error(transparent)]
    Csv(#[from] CsvError),
    /// A category that is not one of docs/budget.md.
    #[error("rad {line}, kolumn \"{column}\": \"{value}\" är ingen känd kategori (t.ex. Individinsatser, Struktur, Processtöd, Styrelse, Kansli, Övriga intäkter)")]
    UnknownCategory {
        /// Line of the record.
        line: usize,
        /// The column as written in the header.
        column: String,
        /// The value as written.
        value: String,
    },
    /// No year column in a budget file.
    #[error(
        "det finns ingen årskolumn: lägg till en kolumn per år med året som rubrik, t.ex. \"2026\""
    )]
    NoYearColumns,
    /// Neither `Konto` nor `Post` in an outcome file.
    #[error("kolumnen \"Konto\" eller \"Post\" saknas")]
    MissingKeyColumn,
    /// No value column in an outcome file.
    #[error("kolumnen \"Utfall\" eller \"Belopp\" saknas")]
    MissingValueColumn,
    /// A year column whose year is outside the bounds.
    #[error("kolumn \"{column}\": {reason}")]
    YearColumn {
        /// The column as written in the header.
        column: String,
        /// Why, in Swedish (e.g. `året 2201 ligger utanför 1990–2200`).
        reason: String,
    },
    /// The sum of an outcome file's rows for one account or name leaves the amount bounds.
    #[error("rad {line}, kolumn \"{column}\": summan för {} \"{key}\" (rad {}): {error}", by.describe(), rows_text(rows))]
    SumOutOfBounds {
        /// The last line that adds to the sum.
        line: usize,
        /// The value column as written in the header.
        column: String,
        /// The account or name as written.
        key: String,
        /// Whether `key` is an account or a name.
        by: MatchBy,
        /// Every line of the sum.
        rows: Vec<usize>,
        /// Which bound is violated.
        error: BoundsError,
    },
    /// An outcome for a year that is not one of the plan's years.
    #[error("{year} är inte ett av planens år")]
    NotPlanYear {
        /// The year.
        year: Year,
    },
    /// Two rows of a budget file update the same line.
    #[error("rad {line}: \"{name}\" motsvarar samma post som rad {first_line}")]
    DuplicateLine {
        /// Line of the second row.
        line: usize,
        /// The row's name (or account).
        name: String,
        /// Line of the first row.
        first_line: usize,
    },
}

pub(super) fn rows_text(rows: &[usize]) -> String {
    const SHOWN: usize = 5;
    let mut parts: Vec<String> = rows.iter().take(SHOWN).map(usize::to_string).collect();
    if rows.len() > SHOWN {
        parts.push(format!("… ({} rader)", rows.len()));
    }
    parts.join(", ")
}

pub(super) fn opt_col(table: &CsvTable, names: &[&str]) -> Result<Option<usize>, CsvError> {
    let cols = table.columns(names);
    if let [first, second, ..] = cols.as_slice() {
        return Err(CsvError::DuplicateColumn {
            column: table.header(*first).to_string(),
            other: table.header(*second).to_string(),
        });
    }
    Ok(cols.first().copied())
}

/// A text cell: trimmed, the formula guard undone ([`text_cell`]); `None` when blank.
pub(super) fn cell(row: &CsvRow, col: Option<usize>) -> Option<&str> {
    col.and_then(|c| text_cell(row.get(c)))
}

/// The year of a year-column header: `2026` or `Budget 2026`. `None` for a header that is
/// not a number; an error for a number outside the plan years' bounds (1990–2200).
pub(super) fn header_year(header: &str) -> Result<Option<Year>, PlanCsvError> {
    let h = crate::csv_io::normalize_header(header);
    let digits = h.strip_prefix("budget ").unwrap_or(&h);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(None);
    }
    let reason = match digits.parse::<i64>() {
        Ok(y) => match check_year(y) {
            Ok(y) => return Ok(Some(y)),
            Err(e) => e.to_string(),
        },
        Err(_) => format!("året ligger utanför {MIN_YEAR}–{MAX_YEAR}"),
    };
    Err(PlanCsvError::YearColumn {
        column: header.to_string(),
        reason,
    })
}

/// Formats a line's category for the `Kategori` column: the category's name, or for a split
/// line `Kansli 50 % + Processtöd 50 %` (read back by [`parse_category_cell`]).
pub(crate) fn category_cell(line: &BudgetLine) -> String {
    if line.is_split() {
        line.split
            .iter()
            .map(|s| {
                format!(
                    "{} {} %",
                    s.category.label(),
                    format_plain_natural(s.percent)
                )
            })
            .collect::<Vec<_>>()
            .join(" + ")
    } else {
        line.category
            .map(|c| c.label().to_string())
            .unwrap_or_default()
    }
}

/// Parses a `Kategori` cell: a category name or short form ([`Category::parse`]), or a split
/// `Kansli 50 % + Processtöd 50 %`. Returns the category and the split shares (empty for a
/// plain category); `None` when the text is not understood.
pub fn parse_category_cell(text: &str) -> Option<(Category, Vec<SplitShare>)> {
    // The names as exported, without the case-insensitive comparison's allocations.
    if let Some(c) = Category::ALL.into_iter().find(|c| c.label() == text) {
        return Some((c, Vec::new()));
    }
    if let Some(c) = Category::parse(text) {
        return Some((c, Vec::new()));
    }
    let mut shares = Vec::new();
    for part in text.split('+') {
        let part = part.trim().trim_end_matches('%').trim_end();
        let cut = part.rfind(|c: char| c.is_whitespace())?;
        let (name, pct) = part.split_at(cut);
        let category = Category::parse(name)?;
        let percent = parse_percent(pct).ok()?;
        shares.push(SplitShare { category, percent });
    }
    let first = shares.first()?.category;
    Some((first, shares))
}
