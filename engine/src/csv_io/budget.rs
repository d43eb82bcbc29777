//! Budget CSV import (docs/csv.md "Budget"): [`read_budget_csv`] reads and checks the whole file
//! (all or nothing: any bad cell is an error naming line and column, e.g.
//! `rad 4, kolumn "2026": "12a" är inget tal`) and says what would change;
//! [`BudgetImport::to_edit`] turns the preview into one [`Edit::Compound`](crate::Edit), so an
//! import is a single undo step. Amounts are checked against the input bounds (docs/bounds.md).

use std::collections::{BTreeMap, HashMap};

use super::line_match::LineMatcher;
use super::plan_columns::{
    cell, header_year, opt_col, parse_category_cell, PlanCsvError, ACCOUNT_COLUMNS,
    CATEGORY_COLUMNS, LINE_NAME_COLUMNS, MUNICIPALITY_COLUMNS, NOTE_COLUMNS,
};
use super::{amount_cell, read_table, CsvError, CsvTable, Sign};
use crate::edit::{apply, Edit, EditError, LineField, YearEnd};
use crate::money::Amount;
use crate::plan::{BudgetLine, Category, LineId, Plan, SplitShare, Year};

/// One row of a budget import.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedLine {
    /// Line of the row in the file.
    pub row: usize,
    /// `Konto`, if given.
    pub account: Option<String>,
    /// `Post`.
    pub name: String,
    /// `Kategori` (`None` when the cell is empty or there is no such column).
    pub category: Option<Category>,
    /// Split shares when the category cell is a split.
    pub split: Vec<SplitShare>,
    /// The year cells: `None` for an empty cell (clears the amount).
    pub amounts: BTreeMap<Year, Option<Amount>>,
    /// `Kommun` (`None` when the column is absent; `Some("")` for an empty cell).
    pub municipality: Option<String>,
    /// `Notering` (`None` when the column is absent).
    pub note: Option<String>,
    /// The existing line this row updates (matched by `Konto` when given, else by `Post`,
    /// case-insensitive); `None` = a new line.
    pub matched: Option<LineId>,
}

/// A checked budget import: what would be added and what would be updated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BudgetImport {
    /// The year columns in file order.
    pub years: Vec<Year>,
    /// Year columns that are not years of the plan (their amounts are stored but not shown).
    pub years_outside_plan: Vec<Year>,
    /// True when the file has a `Kategori` column.
    pub has_category: bool,
    /// Every data row in file order.
    pub lines: Vec<ImportedLine>,
}

impl BudgetImport {
    /// Rows that become new lines.
    pub fn new_lines(&self) -> impl Iterator<Item = &ImportedLine> {
        self.lines.iter().filter(|l| l.matched.is_none())
    }

    /// Rows that update existing lines.
    pub fn updated_lines(&self) -> impl Iterator<Item = &ImportedLine> {
        self.lines.iter().filter(|l| l.matched.is_some())
    }

    /// The import as one compound edit of `plan` (the plan the preview was read against):
    /// updates of matched lines (only the cells that differ; an empty category cell keeps the
    /// line's category; text is compared without surrounding whitespace, an empty `Kommun`
    /// cell equals no municipality), then the new lines appended at the end with fresh ids.
    /// Linear in the number of rows and lines.
    pub fn to_edit(&self, plan: &Plan) -> Result<Edit, EditError> {
        self.to_edit_at(plan, plan.lines.len())
    }

    /// As [`BudgetImport::to_edit`], with the new lines inserted at plan position `index`
    /// (a paste puts them after the line it filled).
    pub fn to_edit_at(&self, plan: &Plan, index: usize) -> Result<Edit, EditError> {
        let by_id: HashMap<LineId, &BudgetLine> = plan.lines.iter().map(|l| (l.id, l)).collect();
        let mut edits = Vec::new();
        let mut new = Vec::new();
        for l in &self.lines {
            match l.matched {
                Some(id) => {
                    let cur = *by_id.get(&id).ok_or(EditError::NoLine(id))?;
                    for (y, a) in &l.amounts {
                        let old = cur.amounts.get(y).copied();
                        if old != *a {
                            edits.push(Edit::SetLineAmount {
                                scenario: None,
                                line: id,
                                year: *y,
                                old,
                                new: *a,
                            });
                        }
                    }
                    let mut field = |old: LineField, new: LineField| {
                        edits.push(Edit::SetLineField { line: id, old, new });
                    };
                    if let Some(a) = &l.account {
                        if cur.account.as_deref().map(str::trim) != Some(a.as_str()) {
                            field(
                                LineField::Account(cur.account.clone()),
                                LineField::Account(Some(a.clone())),
                            );
                        }
                    }
                    if let Some(c) = l.category {
                        // A split overrides the category: the same split keeps the line's.
                        let same_split = !l.split.is_empty() && cur.split == l.split;
                        if cur.category != Some(c) && !same_split {
                            field(
                                LineField::Category(cur.category),
                                LineField::Category(Some(c)),
                            );
                        }
                        if cur.split != l.split {
                            field(
                                LineField::Split(cur.split.clone()),
                                LineField::Split(l.split.clone()),
                            );
                        }
                    }
                    if let Some(m) = &l.municipality {
                        let now = cur.municipality.as_deref().map(str::trim).unwrap_or("");
                        if now != m.as_str() {
                            field(
                                LineField::Municipality(cur.municipality.clone()),
                                LineField::Municipality(Some(m.clone()).filter(|m| !m.is_empty())),
                            );
                        }
                    }
                    if let Some(n) = &l.note {
                        if cur.note.trim() != n.as_str() {
                            field(
                                LineField::Note(cur.note.clone()),
                                LineField::Note(n.clone()),
                            );
                        }
                    }
                }
                None => {
                    let mut line = BudgetLine::new(LineId(0), l.name.clone(), l.category);
                    line.account = l.account.clone();
                    line.split = l.split.clone();
                    line.amounts = l
                        .amounts
                        .iter()
                        .filter_map(|(y, a)| a.map(|a| (*y, a)))
                        .collect();
                    line.municipality = l.municipality.clone().filter(|m| !m.is_empty());
                    line.note = l.note.clone().unwrap_or_default();
                    new.push(line);
                }
            }
        }
        if !new.is_empty() {
            edits.push(Edit::insert_lines(plan, index.min(plan.lines.len()), new));
        }
        Ok(Edit::Compound(edits))
    }
}

/// Reads a budget CSV (`Konto;Post;Kategori;<år>…;Kommun;Notering`, docs/csv.md) against `plan`.
///
/// `Post` and at least one year column are required; `Konto`, `Kategori`, `Kommun` and
/// `Notering` are optional. Amounts are Swedish numbers (`1 234`, `12 tkr`); an empty year cell
/// means no amount. Rows match existing lines by `Konto` when given, else by `Post`.
pub fn read_budget_csv(
    bytes: &[u8],
    delimiter: Option<u8>,
    plan: &Plan,
) -> Result<BudgetImport, PlanCsvError> {
    read_budget_table(&read_table(bytes, delimiter)?, plan)
}

/// [`read_budget_csv`] of a table already read (by [`read_table`] or, in steps, by a
/// [`TableReader`](super::TableReader)).
pub fn read_budget_table(table: &CsvTable, plan: &Plan) -> Result<BudgetImport, PlanCsvError> {
    read_budget_rows(table, plan, true)
}

/// Reads a table of budget rows (the CSV file's, or a block pasted into the budget grid,
/// `engine/src/paste.rs`) against `plan`. With `match_lines` rows update the lines they match
/// (by `Konto`, else `Post`) and `Post` and a year column are required; without, every row is a
/// new line and `Post` may be missing (a row without a name becomes an unnamed line).
pub(crate) fn read_budget_rows(
    table: &CsvTable,
    plan: &Plan,
    match_lines: bool,
) -> Result<BudgetImport, PlanCsvError> {
    let name_col = opt_col(table, &LINE_NAME_COLUMNS)?;
    if match_lines && name_col.is_none() {
        return Err(CsvError::MissingColumn {
            column: "Post".to_string(),
        }
        .into());
    }
    let account_col = opt_col(table, &ACCOUNT_COLUMNS)?;
    let category_col = opt_col(table, &CATEGORY_COLUMNS)?;
    let municipality_col = opt_col(table, &MUNICIPALITY_COLUMNS)?;
    let note_col = opt_col(table, &NOTE_COLUMNS)?;
    let mut year_cols: Vec<(Year, usize)> = Vec::new();
    let mut year_seen: HashMap<Year, usize> = HashMap::new();
    for (i, h) in table.headers.iter().enumerate() {
        if let Some(y) = header_year(h)? {
            if let Some(first) = year_seen.get(&y) {
                return Err(CsvError::DuplicateColumn {
                    column: table.header(*first).to_string(),
                    other: h.clone(),
                }
                .into());
            }
            year_seen.insert(y, i);
            year_cols.push((y, i));
        }
    }
    if year_cols.is_empty() && match_lines {
        return Err(PlanCsvError::NoYearColumns);
    }
    if table.rows.is_empty() {
        return Err(CsvError::NoRows.into());
    }
    let mut matcher = LineMatcher::new(plan);
    let mut lines = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        let name = match name_col {
            Some(col) => match cell(row, Some(col)) {
                Some(name) => name,
                None if !match_lines => "",
                None => {
                    return Err(CsvError::MissingValue {
                        line: row.line,
                        column: table.header(col).to_string(),
                    }
                    .into())
                }
            },
            None => "",
        };
        let account = cell(row, account_col).map(str::to_string);
        let (category, split) = match (category_col, cell(row, category_col)) {
            (Some(col), Some(text)) => {
                let (c, s) =
                    parse_category_cell(text).ok_or_else(|| PlanCsvError::UnknownCategory {
                        line: row.line,
                        column: table.header(col).to_string(),
                        value: text.to_string(),
                    })?;
                (Some(c), s)
            }
            _ => (None, Vec::new()),
        };
        let mut amounts = BTreeMap::new();
        for (y, col) in &year_cols {
            let text = row.get(*col).trim();
            let a = if text.is_empty() {
                None
            } else {
                // Signed: a negative cost is net income (docs/budget.md).
                Some(amount_cell(table, row, *col, text, Sign::Any)?)
            };
            amounts.insert(*y, a);
        }
        let matched = if match_lines {
            matcher.take(account.as_deref(), name, row.line)
        } else {
            None
        };
        if matched.is_none() && match_lines {
            // A row that would match a line an earlier row already updates.
            if let Some(first_line) = matcher.taken_by(account.as_deref(), name) {
                return Err(PlanCsvError::DuplicateLine {
                    line: row.line,
                    name: account.clone().unwrap_or_else(|| name.to_string()),
                    first_line,
                });
            }
        }
        lines.push(ImportedLine {
            row: row.line,
            account,
            name: name.to_string(),
            category,
            split,
            amounts,
            municipality: municipality_col.map(|c| cell(row, Some(c)).unwrap_or("").to_string()),
            note: note_col.map(|c| cell(row, Some(c)).unwrap_or("").to_string()),
            matched,
        });
    }
    let years: Vec<Year> = year_cols.iter().map(|(y, _)| *y).collect();
    let years_outside_plan = years
        .iter()
        .copied()
        .filter(|y| !plan.years.contains(y))
        .collect();
    Ok(BudgetImport {
        years,
        years_outside_plan,
        has_category: category_col.is_some(),
        lines,
    })
}

/// The most years a budget import offers to add to a plan.
pub const MAX_IMPORT_YEARS_ADDED: usize = 10;

impl BudgetImport {
    /// The years "Lägg till åren och importera" adds so that the plan shows every year column
    /// of the file outside the plan (docs/csv.md): the years from the file's earliest year up
    /// to the plan's first year and from the plan's last year up to the file's latest year, in
    /// the order they are added. Empty when every column is a plan year, or when more than
    /// [`MAX_IMPORT_YEARS_ADDED`] years would be needed (then nothing is offered).
    pub fn years_to_add(&self, plan: &Plan) -> Vec<Year> {
        let (Some(&first), Some(&last)) = (plan.years.first(), plan.years.last()) else {
            return Vec::new();
        };
        let earliest = self
            .years_outside_plan
            .iter()
            .copied()
            .filter(|y| *y < first)
            .min();
        let latest = self
            .years_outside_plan
            .iter()
            .copied()
            .filter(|y| *y > last)
            .max();
        let before = earliest.map(|e| (e..first).rev().collect::<Vec<_>>());
        let after = latest.map(|l| (last.saturating_add(1)..=l).collect::<Vec<_>>());
        let out: Vec<Year> = before
            .unwrap_or_default()
            .into_iter()
            .chain(after.unwrap_or_default())
            .collect();
        if out.len() > MAX_IMPORT_YEARS_ADDED {
            return Vec::new();
        }
        out
    }

    /// The import as one edit that first adds [`Self::years_to_add`] (each as "Lägg till år"
    /// does) and then imports, so one undo takes back both.
    pub fn to_edit_adding_years(&self, plan: &Plan) -> Result<Edit, EditError> {
        let first = plan.years.first().copied().unwrap_or_default();
        let mut scratch = plan.clone();
        let mut edits = Vec::new();
        for year in self.years_to_add(plan) {
            let end = if year < first {
                YearEnd::Before
            } else {
                YearEnd::After
            };
            // Within the bounds by construction (the file's years are checked years).
            let Ok(edit) = Edit::add_year(&scratch, end) else {
                continue;
            };
            apply(&mut scratch, &edit)?;
            edits.push(edit);
        }
        edits.push(self.to_edit(&scratch)?);
        Ok(Edit::Compound(edits))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::revert;
    use crate::new_plan::{FirstYearFunding, NewPlanSeed};
    use rust_decimal::Decimal;

    /// A four-year plan 2025–2028 with no lines.
    fn plan() -> Plan {
        Plan::from_seed(&NewPlanSeed {
            name: "T".into(),
            base_funding: Amount::kr(1_000_000),
            first_funding: FirstYearFunding::PlusPercent(Decimal::from(10)),
            ..NewPlanSeed::with_defaults(2025)
        })
        .unwrap()
    }

    #[test]
    fn a_budget_file_with_last_years_column_offers_that_year() {
        let before = plan();
        let csv = "Post;Kategori;2024;2025;2026\nKansli;Kansli;400;500;600\n";
        let import = read_budget_csv(csv.as_bytes(), None, &before).unwrap();
        assert_eq!(import.years_outside_plan, vec![2024]);
        assert_eq!(import.years_to_add(&before), vec![2024]);
        let edit = import.to_edit_adding_years(&before).unwrap();
        let mut p = before.clone();
        apply(&mut p, &edit).unwrap();
        assert_eq!(p.years, vec![2024, 2025, 2026, 2027, 2028]);
        let line = p.lines.iter().find(|l| l.name == "Kansli").unwrap();
        assert_eq!(line.amount(2024), Amount::kr(400));
        assert_eq!(line.amount(2026), Amount::kr(600));
        revert(&mut p, &edit).unwrap();
        assert_eq!(p, before);
        // A column far outside the plan is not offered.
        let far = "Post;2000;2025\nX;1;2\n";
        let import = read_budget_csv(far.as_bytes(), None, &before).unwrap();
        assert!(import.years_to_add(&before).is_empty());
    }
}
