//! Paste that understands rows (docs/app.md, "Paste from Excel"): a block of cells pasted into
//! the budget grid becomes **one** edit (one undo step, all or nothing) and a short Swedish
//! summary, "18 poster inlagda, 2 uppdaterade".
//!
//! - A block whose **first row is a header** (`Post`, `Konto`, `Kategori`, years, `Kommun`,
//!   `Notering` in any order, matched as the budget import matches them, docs/csv.md) is applied
//!   like that import: a row that matches a line by `Konto`, else by `Post`, updates it (only the
//!   columns the block has), the others become new lines in their `Kategori`, or the selected
//!   row's category when the block has none. Nothing else changes.
//! - A block **without a header** pasted at a new, empty line fills that line from the selected
//!   column and adds the remaining rows as new lines right after it; pasted on a heading,
//!   subtotal or total row (below the last line of a group) every row becomes a new line of
//!   that group. Its columns are the grid's columns from the selected one.
//! - Anything else (a block of numbers into amount cells, a block over existing lines) is not a
//!   row paste: [`paste_budget_rows`] returns `None` and the grid pastes cell by cell.
//! - A sheet's own layout is not pasted as lines ([`crate::sheet_rows`]): title rows above the
//!   header, headings (a category heading gives the rows below it their category), subtotals
//!   and totals, and the income part are skipped, and the message says how many and which.
//!
//! Amounts are read in the grid's display unit (a bare `1 234` in a grid shown in tkr is
//! 1 234 000 kr) unless the cell or its header names the unit (`12 tkr`, `2026 (kr)`), exactly
//! as typing into the cell would.
//!
//! The pasted text is split into cells by the caller (the app's clipboard reader); this module
//! only sees the cells.

use thiserror::Error;

use crate::csv_io::{
    normalize_header, read_budget_rows, CsvRow, CsvTable, PlanCsvError, ACCOUNT_COLUMNS,
    CATEGORY_COLUMNS, LINE_NAME_COLUMNS, MUNICIPALITY_COLUMNS, NOTE_COLUMNS,
};
use crate::edit::{Edit, EditError};
use crate::format::DisplayUnit;
use crate::parse::parse_number;
use crate::plan::{BudgetLine, Category, LineId, Plan, Year};
use crate::sheet_rows::{
    is_sum_row, sort_sheet_rows, with_heading_categories, SheetColumns, SkippedRows,
};

/// A column of the budget grid, as a header-less block is read (from the selected column
/// rightwards).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BudgetColumn {
    /// `Post`, the line's name.
    Name,
    /// `Konto`.
    Account,
    /// `Kategori`.
    Category,
    /// The amount of one year.
    Year(Year),
    /// `Kommun`, where the intervention operates.
    Municipality,
    /// `Notering`.
    Note,
}

impl BudgetColumn {
    /// The header the budget import knows the column by.
    fn header(self) -> String {
        match self {
            BudgetColumn::Name => "Post".to_string(),
            BudgetColumn::Account => "Konto".to_string(),
            BudgetColumn::Category => "Kategori".to_string(),
            BudgetColumn::Year(y) => y.to_string(),
            BudgetColumn::Municipality => "Kommun".to_string(),
            BudgetColumn::Note => "Notering".to_string(),
        }
    }
}

/// Where a block was pasted in the budget grid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BudgetPaste {
    /// The grid's columns from the selected column to the last one.
    pub columns: Vec<BudgetColumn>,
    /// The line of the selected row; `None` for a heading, subtotal or total row.
    pub line: Option<LineId>,
    /// The category of the selected row's group: new lines without a `Kategori` get it.
    pub category: Option<Category>,
    /// The unit the grid shows amounts in.
    pub unit: DisplayUnit,
}

/// A row paste, checked and ready to apply.
#[derive(Clone, Debug, PartialEq)]
pub struct PastedRows {
    /// Everything the paste changes, as one edit (one undo step).
    pub edit: Edit,
    /// Rows that became lines (a filled empty line counts as added).
    pub added: usize,
    /// Rows that updated an existing line (or member).
    pub updated: usize,
    /// True for a members paste (the summary counts members, not lines).
    pub members: bool,
    /// The block's rows that were not lines or members: headings, sums, income.
    pub skipped: SkippedRows,
}

impl PastedRows {
    /// The summary shown after the paste: `18 poster inlagda, 2 uppdaterade`,
    /// `1 post inlagd`, `2 poster uppdaterade`, then what was skipped
    /// (`; 4 rubrik- och summarader hoppades över`).
    pub fn message(&self) -> String {
        let counts = if self.members {
            summary_of(("medlem", "medlemmar"), self.added, self.updated)
        } else {
            paste_summary(self.added, self.updated)
        };
        format!("{counts}{}", self.skipped.message())
    }
}

/// `18 poster inlagda, 2 uppdaterade` (the counts of a row paste; singular for one).
pub fn paste_summary(added: usize, updated: usize) -> String {
    summary_of(("post", "poster"), added, updated)
}

/// The summary with the counted noun (singular, plural).
fn summary_of(noun: (&str, &str), added: usize, updated: usize) -> String {
    let posts = |n: usize| if n == 1 { noun.0 } else { noun.1 };
    let added_word = |n: usize| if n == 1 { "inlagd" } else { "inlagda" };
    let updated_word = |n: usize| if n == 1 { "uppdaterad" } else { "uppdaterade" };
    match (added, updated) {
        (0, 0) => format!("Inga {} klistrades in", noun.1),
        (a, 0) => format!("{a} {} {}", posts(a), added_word(a)),
        (0, u) => format!("{u} {} {}", posts(u), updated_word(u)),
        (a, u) => format!(
            "{a} {} {}, {u} {}",
            posts(a),
            added_word(a),
            updated_word(u)
        ),
    }
}

/// Why a row paste changed nothing (the Swedish message starts `Inget klistrades in: `).
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum PasteError {
    /// A cell or column of the block is wrong (row and column named as in the block).
    #[error("Inget klistrades in: {0}")]
    Rows(#[from] PlanCsvError),
    /// The block does not fit the plan.
    #[error("Inget klistrades in: {0}")]
    Edit(#[from] EditError),
    /// A members block that the members import refuses (its message, rows as in the block).
    #[error("Inget klistrades in: {0}")]
    Members(String),
    /// A header-less block has filled cells right of the grid's last column.
    #[error("Inget klistrades in: rad {row} har {cells} celler men tabellen har bara {columns} kolumner från den markerade cellen")]
    TooWide {
        /// The block's row (1-based).
        row: usize,
        /// Its number of cells up to the last filled one.
        cells: usize,
        /// The grid's columns from the selected one.
        columns: usize,
    },
    /// Every row of the block was a heading, a sum or income.
    #[error("Inget klistrades in: blocket har bara rubriker, summor och intäkter{}", .0.message())]
    OnlyLayout(SkippedRows),
}

impl BudgetLine {
    /// True for a new line nothing has been written into yet (no name, account, category
    /// split, amount, municipality or note): a header-less paste fills it.
    pub fn is_blank(&self) -> bool {
        self.is_unnamed()
            && self.account.as_deref().is_none_or(|a| a.trim().is_empty())
            && self.split.is_empty()
            && self.amounts.is_empty()
            && self.outcome.is_empty()
            && self.municipality.is_none()
            && self.note.trim().is_empty()
    }
}

/// True when `row` is a header row: it names the line column (`Post`, `Benämning`, …), or it
/// has a year column (`2026`, `Budget 2026`) next to another known column (`Konto`, …).
fn is_header(row: &[String]) -> bool {
    let known = |names: &[&str], cell: &str| {
        let c = normalize_header(cell);
        names.iter().any(|n| normalize_header(n) == c)
    };
    let names = row.iter().any(|c| known(&LINE_NAME_COLUMNS, c));
    let other = row.iter().any(|c| {
        known(&ACCOUNT_COLUMNS, c)
            || known(&CATEGORY_COLUMNS, c)
            || known(&MUNICIPALITY_COLUMNS, c)
            || known(&NOTE_COLUMNS, c)
    });
    let year = row.iter().any(|c| year_header(c).is_some());
    names || (other && year)
}

/// A year header with its unit: `2026`, `Budget 2026`, `2026 (tkr)`, `2026 tkr`, `2026 kr`.
/// Returns the header without the unit and the unit it names.
fn year_header(header: &str) -> Option<(String, Option<DisplayUnit>)> {
    let h = normalize_header(header);
    let (body, unit) = if let Some(b) = h.strip_suffix("(tkr)").or_else(|| h.strip_suffix("tkr")) {
        (b.trim(), Some(DisplayUnit::Tkr))
    } else if let Some(b) = h.strip_suffix("(kr)").or_else(|| h.strip_suffix("kr")) {
        (b.trim(), Some(DisplayUnit::Kr))
    } else {
        (h.as_str(), None)
    };
    let digits = body.strip_prefix("budget ").unwrap_or(body);
    (digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| (body.to_string(), unit))
}

/// True when an amount cell names its unit (`12 tkr`, `500 kr`, `1 mkr`).
fn names_unit(cell: &str) -> bool {
    cell.trim().to_lowercase().ends_with("kr")
}

/// Turns a block pasted into the budget grid into one edit, or `None` when the block is not
/// a row paste (see the module docs). `block` is the pasted rows of cells; empty rows are
/// skipped.
pub fn paste_budget_rows(
    plan: &Plan,
    block: &[Vec<String>],
    at: &BudgetPaste,
) -> Result<Option<PastedRows>, PasteError> {
    let rows: Vec<(usize, &Vec<String>)> = block
        .iter()
        .enumerate()
        .filter(|(_, r)| r.iter().any(|c| !c.trim().is_empty()))
        .map(|(i, r)| (i.saturating_add(1), r))
        .collect();
    let Some((_, first)) = rows.first() else {
        return Ok(None);
    };
    let blank = at
        .line
        .and_then(|id| plan.line(id))
        .filter(|l| l.is_blank())
        .map(|l| l.id);
    if let Some(h) = header_at(&rows) {
        let header = rows.get(h).map(|(_, r)| *r).unwrap_or(first);
        let mut headers: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
        let data: Vec<(usize, Vec<String>)> = rows
            .iter()
            .skip(h.saturating_add(1))
            .map(|(n, r)| (*n, (*r).clone()))
            .collect();
        let known = |names: &[&str], cell: &str| {
            let c = normalize_header(cell);
            names.iter().any(|n| normalize_header(n) == c)
        };
        let (data, mut skipped) = match headers.iter().position(|c| known(&LINE_NAME_COLUMNS, c)) {
            Some(name) => {
                let category = headers.iter().position(|c| known(&CATEGORY_COLUMNS, c));
                let cols = SheetColumns {
                    name,
                    category,
                    amounts: (0..headers.len())
                        .filter(|&i| headers.get(i).is_some_and(|c| year_header(c).is_some()))
                        .collect(),
                };
                let (kept, skipped) = sort_sheet_rows(data, &cols);
                (
                    with_heading_categories(&mut headers, kept, category),
                    skipped,
                )
            }
            None => (data, SkippedRows::default()),
        };
        // Title rows above the header are the sheet's layout too.
        skipped.layout = skipped.layout.saturating_add(h);
        if data.is_empty() && (skipped.layout > h || !skipped.income.is_empty()) {
            return Err(PasteError::OnlyLayout(skipped));
        }
        let data = data
            .into_iter()
            .map(|(n, fields)| CsvRow { line: n, fields })
            .collect();
        let table = with_units(
            CsvTable {
                delimiter: b'\t',
                headers,
                rows: data,
            },
            at.unit,
        );
        let mut import = read_budget_rows(&table, plan, true)?;
        // A blank line the block was pasted at is not left behind empty: the first new row
        // fills it.
        let mut fill = None;
        if let Some(id) = blank {
            if let Some(l) = import.lines.iter_mut().find(|l| l.matched.is_none()) {
                l.matched = Some(id);
                fill = Some((id, l.name.clone()));
            }
        }
        return rows_edit(plan, import, at, fill, plan.lines.len(), skipped).map(Some);
    }
    // No header: only at a blank line (two rows or more) or below the lines of a group.
    let position = match (at.line, blank) {
        (None, _) => plan.lines.len(),
        (Some(_), Some(id)) if rows.len() > 1 => plan
            .lines
            .iter()
            .position(|l| l.id == id)
            .map_or(plan.lines.len(), |p| p.saturating_add(1)),
        _ => return Ok(None),
    };
    for (n, r) in &rows {
        let cells = r
            .iter()
            .rposition(|c| !c.trim().is_empty())
            .map_or(0, |p| p.saturating_add(1));
        if cells > at.columns.len() {
            return Err(PasteError::TooWide {
                row: *n,
                cells,
                columns: at.columns.len(),
            });
        }
    }
    let column = |want: BudgetColumn| at.columns.iter().position(|c| *c == want);
    let mut headers: Vec<String> = at.columns.iter().map(|c| c.header()).collect();
    let owned: Vec<(usize, Vec<String>)> = rows.iter().map(|(n, r)| (*n, (*r).clone())).collect();
    let (rows, skipped) = match column(BudgetColumn::Name) {
        Some(name) => {
            let category = column(BudgetColumn::Category);
            let cols = SheetColumns {
                name,
                category,
                amounts: (0..at.columns.len())
                    .filter(|&i| matches!(at.columns.get(i), Some(BudgetColumn::Year(_))))
                    .collect(),
            };
            let (kept, skipped) = sort_sheet_rows(owned, &cols);
            (
                with_heading_categories(&mut headers, kept, category),
                skipped,
            )
        }
        None => (owned, SkippedRows::default()),
    };
    if rows.is_empty() {
        return Err(PasteError::OnlyLayout(skipped));
    }
    let table = with_units(
        CsvTable {
            delimiter: b'\t',
            headers,
            rows: rows
                .into_iter()
                .map(|(n, fields)| CsvRow { line: n, fields })
                .collect(),
        },
        at.unit,
    );
    let mut import = read_budget_rows(&table, plan, false)?;
    let mut fill = None;
    if let (Some(id), Some(l)) = (blank, import.lines.first_mut()) {
        l.matched = Some(id);
        fill = Some((id, l.name.clone()));
    }
    rows_edit(plan, import, at, fill, position, skipped).map(Some)
}

/// The index (among the block's non-empty rows) of its header row: the first row when it is
/// one, else a header below at most [`MAX_TITLE_ROWS`] title rows (one filled cell each, like
/// `Budget 2026` above a sheet's header).
fn header_at(rows: &[(usize, &Vec<String>)]) -> Option<usize> {
    for (i, (_, r)) in rows
        .iter()
        .enumerate()
        .take(MAX_TITLE_ROWS.saturating_add(1))
    {
        if is_header(r) {
            return Some(i);
        }
        if r.iter().filter(|c| !c.trim().is_empty()).count() > 1 {
            return None;
        }
    }
    None
}

/// How many title rows may stand above a pasted block's header.
const MAX_TITLE_ROWS: usize = 3;

/// Reads the year columns' bare numbers in their unit: the header's (`2026 (tkr)`) or the
/// grid's; the unit is dropped from the header so the import knows the year.
fn with_units(mut table: CsvTable, grid_unit: DisplayUnit) -> CsvTable {
    let mut tkr_cols = Vec::new();
    for (i, h) in table.headers.iter_mut().enumerate() {
        if let Some((body, unit)) = year_header(h) {
            if unit.unwrap_or(grid_unit) == DisplayUnit::Tkr {
                tkr_cols.push(i);
            }
            *h = body;
        }
    }
    for row in &mut table.rows {
        for &i in &tkr_cols {
            if let Some(cell) = row.fields.get_mut(i) {
                if !names_unit(cell) && parse_number(cell).is_ok() {
                    *cell = format!("{} tkr", cell.trim());
                }
            }
        }
    }
    table
}

/// The edit of a checked block: new lines get the group's category when they have none; the
/// filled blank line gets its name.
fn rows_edit(
    plan: &Plan,
    mut import: crate::csv_io::BudgetImport,
    at: &BudgetPaste,
    fill: Option<(LineId, String)>,
    position: usize,
    skipped: SkippedRows,
) -> Result<PastedRows, PasteError> {
    for l in &mut import.lines {
        if l.matched.is_none() && l.category.is_none() && l.split.is_empty() {
            l.category = at.category;
        }
    }
    let mut updated = import.updated_lines().count();
    let mut added = import.new_lines().count();
    let mut edits = Vec::new();
    if let Some((id, name)) = fill {
        updated = updated.saturating_sub(1);
        added = added.saturating_add(1);
        if let Some(e) = Edit::rename_line(plan, id, &name)? {
            edits.push(e);
        }
    }
    edits.push(import.to_edit_at(plan, position)?);
    Ok(PastedRows {
        edit: Edit::Compound(edits),
        added,
        updated,
        members: false,
        skipped,
    })
}

/// Turns a block pasted into the municipalities' grid into one edit, as the members import
/// reads it (docs/csv.md, "Members CSV"): a block whose first row names the member column
/// (`Kommun`, `Medlem`, `Namn`) with key columns (`Invånare`, `Andel`, `Belopp`) adds the
/// members it does not know and updates the values of those it does, for `year` and later
/// (as the import). A block without a header pasted on the Kommun column reads its columns as
/// the grid's (`columns`: the header of each grid column from the selected one). A block of
/// numbers pasted into key cells is not a row paste (`None`). Amounts in a `Belopp` column
/// follow the grid's `unit` unless they name their own.
pub fn paste_member_rows(
    plan: &Plan,
    block: &[Vec<String>],
    year: Year,
    columns: &[&str],
    unit: DisplayUnit,
) -> Result<Option<PastedRows>, PasteError> {
    let rows: Vec<&Vec<String>> = block
        .iter()
        .filter(|r| r.iter().any(|c| !c.trim().is_empty()))
        .collect();
    let Some(first) = rows.first() else {
        return Ok(None);
    };
    let is_name = |c: &str| {
        crate::csv_io::MEMBER_NAME_COLUMNS
            .iter()
            .any(|n| normalize_header(n) == normalize_header(c))
    };
    let header = first.iter().any(|c| is_name(c));
    let name_first = columns.first().is_some_and(|c| is_name(c));
    if !header && !name_first {
        return Ok(None);
    }
    // A sheet's sum rows (`Summa`, `Totalt`) are not members (docs/app.md).
    let name_col = if header {
        first.iter().position(|c| is_name(c)).unwrap_or(0)
    } else {
        0
    };
    let mut skipped = SkippedRows::default();
    // The rows kept, each with its index in the block (so a message names the block's row).
    let (origin, rows): (Vec<usize>, Vec<&Vec<String>>) = rows
        .iter()
        .enumerate()
        .filter(|(i, r)| {
            let sum = (*i > 0 || !header) && r.get(name_col).is_some_and(|n| is_sum_row(n));
            if sum {
                skipped.layout = skipped.layout.saturating_add(1);
            }
            !sum
        })
        .unzip();
    if rows.len() <= usize::from(header) && skipped.layout > 0 {
        return Err(PasteError::OnlyLayout(skipped));
    }
    let mut table: Vec<Vec<String>> = Vec::with_capacity(rows.len().saturating_add(1));
    if !header {
        for (i, r) in rows.iter().enumerate() {
            let cells = r
                .iter()
                .rposition(|c| !c.trim().is_empty())
                .map_or(0, |p| p.saturating_add(1));
            if cells > columns.len() {
                return Err(PasteError::TooWide {
                    row: origin.get(i).copied().unwrap_or(i).saturating_add(1),
                    cells,
                    columns: columns.len(),
                });
            }
        }
        table.push(columns.iter().map(|c| c.to_string()).collect());
    }
    table.extend(rows.iter().map(|r| (*r).clone()));
    // Bare amounts in a Belopp column are in the grid's unit.
    if unit == DisplayUnit::Tkr {
        let amount_cols: Vec<usize> = table
            .first()
            .map(|h| {
                h.iter()
                    .enumerate()
                    .filter(|(_, c)| {
                        crate::csv_io::AMOUNT_COLUMNS
                            .iter()
                            .any(|n| normalize_header(n) == normalize_header(c))
                    })
                    .map(|(i, _)| i)
                    .collect()
            })
            .unwrap_or_default();
        for row in table.iter_mut().skip(1) {
            for &i in &amount_cols {
                if let Some(cell) = row.get_mut(i) {
                    if !names_unit(cell) && parse_number(cell).is_ok() {
                        *cell = format!("{} tkr", cell.trim());
                    }
                }
            }
        }
    }
    let cells: Vec<Vec<crate::csv_io::Cell>> = table
        .into_iter()
        .map(|r| r.into_iter().map(crate::csv_io::Cell::Text).collect())
        .collect();
    let bytes = crate::csv_io::write_csv_with(
        &cells,
        crate::csv_io::CsvWriteOptions {
            delimiter: b'\t',
            bom: false,
            crlf: false,
        },
    );
    // Line L of the table read is the block's row origin[L − 1] + 1 (origin[L − 2] + 1 when
    // the block had no header and was given one).
    let shift = usize::from(!header).saturating_add(1);
    let block_row = |line: usize| {
        line.checked_sub(shift)
            .and_then(|k| origin.get(k))
            .map(|o| o.saturating_add(1))
    };
    let import = crate::csv_io::read_members_csv_for(&bytes, Some(b'\t'), plan, year)
        .map_err(|e| PasteError::Members(block_rows(&e.to_string(), block_row)))?;
    let (edit, actions) = import.to_edit(plan, year)?;
    let added = actions
        .iter()
        .filter(|a| **a == crate::csv_io::MemberAction::Add)
        .count();
    Ok(Some(PastedRows {
        edit,
        added,
        updated: actions.len().saturating_sub(added),
        members: true,
        skipped,
    }))
}

/// A members error's "rad N" (a line of the table read) as the block's row `block_row(N)`: the
/// header a header-less block was given is not one of its rows, and skipped sum rows still
/// count.
fn block_rows(message: &str, block_row: impl Fn(usize) -> Option<usize>) -> String {
    let Some(rest) = message.strip_prefix("rad ") else {
        return message.to_string();
    };
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    match digits.parse::<usize>().ok().and_then(block_row) {
        Some(n) => format!("rad {n}{}", rest.get(digits.len()..).unwrap_or_default()),
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Amount;
    use crate::plan::Plan;

    fn plan() -> Plan {
        let mut p = Plan::empty("Test", 2026, 3);
        let mut kansli = BudgetLine::new(LineId(1), "Kansli", Some(Category::Kansli));
        kansli.account = Some("5010".into());
        kansli.amounts.insert(2026, Amount::kr(100_000));
        let hyra = BudgetLine::new(LineId(2), "Hyra", Some(Category::Kansli));
        p.lines = vec![kansli, hyra];
        p.next_id = 3;
        p
    }

    fn block(text: &str) -> Vec<Vec<String>> {
        text.lines()
            .map(|l| l.split('\t').map(str::to_string).collect())
            .collect()
    }

    fn at(line: Option<LineId>, columns: Vec<BudgetColumn>) -> BudgetPaste {
        BudgetPaste {
            columns,
            line,
            category: Some(Category::Individinsatser),
            unit: DisplayUnit::Kr,
        }
    }

    fn grid_columns() -> Vec<BudgetColumn> {
        vec![
            BudgetColumn::Name,
            BudgetColumn::Account,
            BudgetColumn::Category,
            BudgetColumn::Year(2026),
            BudgetColumn::Year(2027),
            BudgetColumn::Year(2028),
        ]
    }

    fn applied(p: &Plan, r: &PastedRows) -> Plan {
        let mut q = p.clone();
        crate::edit::apply(&mut q, &r.edit).expect("apply");
        q
    }

    #[test]
    fn summary_words() {
        assert_eq!(paste_summary(18, 2), "18 poster inlagda, 2 uppdaterade");
        assert_eq!(paste_summary(1, 0), "1 post inlagd");
        assert_eq!(paste_summary(0, 2), "2 poster uppdaterade");
        assert_eq!(paste_summary(0, 1), "1 post uppdaterad");
        assert_eq!(paste_summary(2, 1), "2 poster inlagda, 1 uppdaterad");
        assert_eq!(paste_summary(0, 0), "Inga poster klistrades in");
    }

    #[test]
    fn header_block_updates_matches_and_adds_the_rest() {
        let p = plan();
        let b = block(
            "Konto\tPost\tKategori\tBudget 2026\n5010\tKansli nytt namn\t\t120 000\n\tHyra\t\t50000\n4000\tCoachning\tIndivid\t1 tkr\n\tTolk\t\t7",
        );
        let r = paste_budget_rows(&p, &b, &at(Some(LineId(1)), grid_columns()))
            .expect("ok")
            .expect("row paste");
        assert_eq!(r.message(), "2 poster inlagda, 2 uppdaterade");
        let q = applied(&p, &r);
        assert_eq!(q.lines.len(), 4);
        // Matched by Konto: the name stays, the amount changes.
        assert_eq!(q.lines[0].name, "Kansli");
        assert_eq!(q.lines[0].amount(2026), Amount::kr(120_000));
        assert_eq!(q.lines[1].amount(2026), Amount::kr(50_000));
        assert_eq!(q.lines[2].name, "Coachning");
        assert_eq!(q.lines[2].account.as_deref(), Some("4000"));
        assert_eq!(q.lines[2].amount(2026), Amount::kr(1_000));
        // No Kategori cell: the selected row's group.
        assert_eq!(q.lines[3].name, "Tolk");
        assert_eq!(q.lines[3].category, Some(Category::Individinsatser));
        // The other years are untouched.
        assert_eq!(q.lines[0].amounts.len(), 1);
    }

    #[test]
    fn header_years_may_name_their_unit_and_bare_numbers_follow_the_grid() {
        let p = plan();
        let b = block("Post\t2026 (tkr)\t2027\nA\t12\t3");
        let mut a = at(None, grid_columns());
        a.unit = DisplayUnit::Kr;
        let r = paste_budget_rows(&p, &b, &a).expect("ok").expect("rows");
        let q = applied(&p, &r);
        let new = q.lines.last().expect("line");
        assert_eq!(new.amount(2026), Amount::kr(12_000));
        assert_eq!(new.amount(2027), Amount::kr(3));
        a.unit = DisplayUnit::Tkr;
        let b = block("Post\t2026\t2027 kr\nA\t12\t3\nB\t500 kr\t");
        let q = applied(
            &p,
            &paste_budget_rows(&p, &b, &a).expect("ok").expect("rows"),
        );
        assert_eq!(q.lines[2].amount(2026), Amount::kr(12_000));
        assert_eq!(q.lines[2].amount(2027), Amount::kr(3));
        assert_eq!(q.lines[3].amount(2026), Amount::kr(500));
    }

    #[test]
    fn headerless_block_at_a_blank_line_fills_it_and_adds_the_rest_after_it() {
        let mut p = plan();
        let mut blank = BudgetLine::new(LineId(3), "", Some(Category::Kansli));
        blank.name = String::new();
        p.lines.insert(1, blank);
        p.next_id = 4;
        let b = block("Lokal\t5040\tKansli\t60000\t61 200\nIT\t\t\t1 000\nTolk\t\tIndivid\t\t\t5");
        let r = paste_budget_rows(&p, &b, &at(Some(LineId(3)), grid_columns()))
            .expect("ok")
            .expect("row paste");
        assert_eq!(r.message(), "3 poster inlagda");
        let q = applied(&p, &r);
        let names: Vec<&str> = q.lines.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(names, ["Kansli", "Lokal", "IT", "Tolk", "Hyra"]);
        assert_eq!(q.lines[1].id, LineId(3));
        assert_eq!(q.lines[1].account.as_deref(), Some("5040"));
        assert_eq!(q.lines[1].amount(2027), Amount::kr(61_200));
        assert_eq!(q.lines[2].category, Some(Category::Individinsatser));
        assert_eq!(q.lines[3].amount(2028), Amount::kr(5));
        // The old lines are unchanged; one revert takes everything back.
        assert_eq!(q.lines[0], p.lines[0]);
        assert_eq!(q.lines[4], p.lines[2]);
        let mut back = q.clone();
        crate::edit::revert(&mut back, &r.edit).expect("revert");
        assert_eq!(back, p);
    }

    #[test]
    fn headerless_block_below_the_lines_adds_every_row() {
        let p = plan();
        let b = block("Lokal\t5040\nIT\t5050");
        let r = paste_budget_rows(&p, &b, &at(None, grid_columns()))
            .expect("ok")
            .expect("rows");
        assert_eq!(r.message(), "2 poster inlagda");
        let q = applied(&p, &r);
        assert_eq!(q.lines.len(), 4);
        assert_eq!(q.lines[3].account.as_deref(), Some("5050"));
    }

    /// A treasurer's budget sheet as copied from Excel: a title, the header, the income part,
    /// headings, subtotals and the result (docs/app.md "Paste from Excel").
    const SHEET: &str = "Budget 2026\t\t\n\
        Post\tKonto\t2026\n\
        Intäkter\t\t\n\
        Försäkringskassan\t\t2 500 000\n\
        Region\t\t1 250 000\n\
        Kommunerna\t\t1 250 000\n\
        Summa intäkter\t\t5 000 000\n\
        Kostnader\t\t\n\
        Kansli\t\t\n\
        Hyra\t\t60 000\n\
        IT-stöd\t5050\t40 000\n\
        Summa kansli\t\t100 000\n\
        Processtöd\t\t\n\
        Samverkansledare\t6210\t600 000\n\
        S:a processtöd\t\t600 000\n\
        Summa kostnader\t\t700 000\n\
        Årets resultat\t\t4 300 000";

    #[test]
    fn a_sheets_headings_sums_and_income_are_not_pasted_as_lines() {
        let p = plan();
        let r = paste_budget_rows(&p, &block(SHEET), &at(None, grid_columns()))
            .expect("ok")
            .expect("row paste");
        assert_eq!(
            r.message(),
            "2 poster inlagda, 1 uppdaterad; 10 rubrik- och summarader hoppades över; 3 \
             intäktsrader hoppades över (Försäkringskassan, Region, Kommunerna): \
             medelstilldelningen anges under Finansiering, andra intäkter med Kategori"
        );
        let q = applied(&p, &r);
        let lines: Vec<(&str, Option<Category>, Amount)> = q
            .lines
            .iter()
            .map(|l| (l.name.as_str(), l.category, l.amount(2026)))
            .collect();
        assert_eq!(
            lines,
            [
                ("Kansli", Some(Category::Kansli), Amount::kr(100_000)),
                ("Hyra", Some(Category::Kansli), Amount::kr(60_000)),
                ("IT-stöd", Some(Category::Kansli), Amount::kr(40_000)),
                (
                    "Samverkansledare",
                    Some(Category::Processtod),
                    Amount::kr(600_000)
                ),
            ]
        );
        // The same sheet pasted without its title and header, below the lines.
        let body: String = SHEET.lines().skip(2).collect::<Vec<_>>().join("\n");
        let cols = vec![
            BudgetColumn::Name,
            BudgetColumn::Account,
            BudgetColumn::Year(2026),
        ];
        let r = paste_budget_rows(&p, &block(&body), &at(None, cols))
            .expect("ok")
            .expect("row paste");
        assert!(
            r.message()
                .starts_with("3 poster inlagda; 9 rubrik- och summarader"),
            "{}",
            r.message()
        );
        // Without a header nothing is matched: every line of the sheet is added.
        assert_eq!(applied(&p, &r).lines.len(), 5);
    }

    #[test]
    fn a_block_of_only_headings_and_sums_is_refused_with_what_it_had() {
        let p = plan();
        let e = paste_budget_rows(
            &p,
            &block("Post\t2026\nKansli\t\nSumma kansli\t100 000"),
            &at(None, grid_columns()),
        )
        .expect_err("refused");
        assert_eq!(
            e.to_string(),
            "Inget klistrades in: blocket har bara rubriker, summor och intäkter; 2 rubrik- och \
             summarader hoppades över"
        );
    }

    #[test]
    fn a_members_sheets_sum_row_is_not_a_member() {
        let p = crate::example_plan();
        let before = p.members.len();
        let r = paste_member_rows(
            &p,
            &block("Kommun\tInvånare\nNyby\t12 000\nSumma\t212 000"),
            p.years[0],
            &["Kommun", "Invånare"],
            DisplayUnit::Kr,
        )
        .expect("ok")
        .expect("rows");
        assert_eq!(
            r.message(),
            "1 medlem inlagd; 1 rubrik- eller summarad hoppades över"
        );
        assert_eq!(applied(&p, &r).members.len(), before.saturating_add(1));
    }

    #[test]
    fn numbers_over_existing_lines_stay_a_positional_paste() {
        let p = plan();
        let b = block("1\t2\n3\t4");
        let cols = vec![BudgetColumn::Year(2026), BudgetColumn::Year(2027)];
        assert_eq!(
            paste_budget_rows(&p, &b, &at(Some(LineId(1)), cols)).expect("ok"),
            None
        );
        // One row at a blank line is the positional paste too.
        let mut q = p.clone();
        q.lines.push(BudgetLine::new(LineId(3), "", None));
        let one = block("Städning\t\tOkänd");
        assert_eq!(
            paste_budget_rows(&q, &one, &at(Some(LineId(3)), grid_columns())).expect("ok"),
            None
        );
    }

    #[test]
    fn a_bad_cell_refuses_the_whole_block_naming_row_and_column() {
        let p = plan();
        let b = block("Post\tKategori\t2026\nA\tKansli\t1\nB\tKanslii\t2");
        let e = paste_budget_rows(&p, &b, &at(None, grid_columns())).expect_err("refused");
        assert_eq!(
            e.to_string(),
            "Inget klistrades in: rad 3, kolumn \"Kategori\": \"Kanslii\" är ingen känd kategori (t.ex. Individinsatser, Struktur, Processtöd, Styrelse, Kansli, Övriga intäkter)"
        );
        let b = block("A\t\t\t12a\nB");
        let e = paste_budget_rows(&p, &b, &at(None, grid_columns())).expect_err("refused");
        assert_eq!(
            e.to_string(),
            "Inget klistrades in: rad 1, kolumn \"2026\": \"12a\" är inget tal"
        );
        let b = block("A\t1\t2\t3\nB");
        let cols = vec![BudgetColumn::Year(2027), BudgetColumn::Year(2028)];
        let e = paste_budget_rows(&p, &b, &at(None, cols)).expect_err("refused");
        assert_eq!(
            e.to_string(),
            "Inget klistrades in: rad 1 har 4 celler men tabellen har bara 2 kolumner från den markerade cellen"
        );
    }

    #[test]
    fn members_block_adds_and_updates_municipalities() {
        let mut p = crate::example::example_plan();
        let year = p.years[0];
        let known = p
            .members
            .iter()
            .find(|m| m.kind == crate::allocation::MemberKind::Kommun)
            .map(|m| m.name.clone())
            .expect("kommun");
        let b = block(&format!(
            "Kommun\tInvånare\n{known}\t12 345\nNyby\t4 321\nProvsta\t999"
        ));
        let cols = ["Kommun", "Invånare"];
        let r = paste_member_rows(&p, &b, year, &cols, DisplayUnit::Kr)
            .expect("ok")
            .expect("rows");
        assert_eq!(r.message(), "2 medlemmar inlagda, 1 uppdaterad");
        crate::edit::apply(&mut p, &r.edit).expect("apply");
        assert!(p.members.iter().any(|m| m.name == "Nyby"));
        // Header-less on the Kommun column: the grid's columns.
        let b = block("Ångby\t100\nÖstby\t200x");
        let e = paste_member_rows(&p, &b, year, &cols, DisplayUnit::Kr).expect_err("refused");
        assert_eq!(
            e.to_string(),
            "Inget klistrades in: rad 2, kolumn \"Invånare\": \"200x\" är inget tal"
        );
        // A skipped sum row still counts: the message names the row of the block as pasted,
        // with a header and without.
        let b = block("Kommun\tInvånare\nÅngby\t100\nSumma\t100\nÖstby\t200x");
        let e = paste_member_rows(&p, &b, year, &cols, DisplayUnit::Kr).expect_err("refused");
        assert_eq!(
            e.to_string(),
            "Inget klistrades in: rad 4, kolumn \"Invånare\": \"200x\" är inget tal"
        );
        let b = block("Summa\t300\nÅngby\t100\nÖstby\t200x");
        let e = paste_member_rows(&p, &b, year, &cols, DisplayUnit::Kr).expect_err("refused");
        assert_eq!(
            e.to_string(),
            "Inget klistrades in: rad 3, kolumn \"Invånare\": \"200x\" är inget tal"
        );
        // Numbers into the key cells: positional.
        let b = block("1\n2");
        assert_eq!(
            paste_member_rows(&p, &b, year, &["Invånare"], DisplayUnit::Kr).expect("ok"),
            None
        );
    }
}
