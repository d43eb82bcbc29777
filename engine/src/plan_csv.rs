//! Budget and outcome CSV (docs/csv.md) and the report exports (docs/app.md), on top of the CSV
//! dialect layer ([`read_table`], [`write_csv`]).
//!
//! Imports are previews: [`read_budget_csv`] and [`read_outcome_csv`] read and check the whole
//! file (all or nothing: any bad cell is an error naming line and column, e.g.
//! `rad 4, kolumn "2026": "12a" är inget tal`) and say what would change; `to_edit` turns the
//! preview into one [`Edit::Compound`], so an import is a single undo step.
//!
//! Every amount is checked against the input bounds (docs/bounds.md): budget amounts 0 to
//! 10^12 kr, outcome and ledger rows ±10^12 kr, at most two decimals, and the sum of an outcome
//! file's rows for one account or name within ±10^12 kr too; year columns are 1990–2200. Text
//! cells are trimmed and the export's formula guard is undone ([`text_cell`]), so exporting the
//! budget and importing the file into the same plan changes nothing. Matching rows to lines uses
//! maps from account and name, so reading and applying is linear in the rows and lines.
//!
//! Exports return CSV bytes for Excel (UTF-8 with BOM, `;`, decimal comma, CRLF): the budget
//! grid ([`export_budget_csv`], readable again by [`read_budget_csv`]), the allocation, the
//! follow-up, the equity table and the cost distribution.

use std::collections::{BTreeMap, HashMap};

use rust_decimal::Decimal;
use thiserror::Error;

use crate::allocation::{Allocation, MemberKind};
use crate::bounds::{check_amount, check_year, BoundsError, MAX_YEAR, MIN_YEAR};
use crate::budget::OutcomeBasis;
use crate::csv_io::{
    amount_cell, read_table, text_cell, write_csv, Cell, CsvError, CsvRow, CsvTable, Sign,
};
use crate::distribution::{CostDistribution, CostGroup};
use crate::edit::{Edit, EditError, LineField};
use crate::followup::{follow_up_with, FollowUpRowKind};
use crate::format::format_plain_natural;
use crate::money::Amount;
use crate::parse::parse_percent;
use crate::plan::{BudgetLine, Category, LineId, Outcome, Plan, ScenarioId, SplitShare, Year};
use crate::report::compute_scenario;

/// Accepted headers of the account column.
pub const ACCOUNT_COLUMNS: [&str; 3] = ["Konto", "Kontonummer", "ID"];
/// Accepted headers of the line-name column.
pub const LINE_NAME_COLUMNS: [&str; 4] = ["Post", "Benämning", "Beskrivning", "Namn"];
/// Accepted headers of the category column.
pub const CATEGORY_COLUMNS: [&str; 2] = ["Kategori", "Kostnadsslag"];
/// Accepted headers of the municipality column.
pub const MUNICIPALITY_COLUMNS: [&str; 1] = ["Kommun"];
/// Accepted headers of the note column.
pub const NOTE_COLUMNS: [&str; 3] = ["Notering", "Anteckning", "Kommentar"];
/// Accepted headers of the outcome value column.
pub const OUTCOME_COLUMNS: [&str; 6] = [
    "Utfall",
    "Ack utfall",
    "Ack. utfall",
    "Belopp",
    "Summa",
    "Netto",
];

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

fn rows_text(rows: &[usize]) -> String {
    const SHOWN: usize = 5;
    let mut parts: Vec<String> = rows.iter().take(SHOWN).map(usize::to_string).collect();
    if rows.len() > SHOWN {
        parts.push(format!("… ({} rader)", rows.len()));
    }
    parts.join(", ")
}

fn opt_col(table: &CsvTable, names: &[&str]) -> Result<Option<usize>, CsvError> {
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
fn cell(row: &CsvRow, col: Option<usize>) -> Option<&str> {
    col.and_then(|c| text_cell(row.get(c)))
}

/// The year of a year-column header: `2026` or `Budget 2026`. `None` for a header that is
/// not a number; an error for a number outside the plan years' bounds (1990–2200).
fn header_year(header: &str) -> Result<Option<Year>, PlanCsvError> {
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
pub fn category_cell(line: &BudgetLine) -> String {
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
            edits.push(Edit::insert_lines(plan, plan.lines.len(), new));
        }
        Ok(Edit::Compound(edits))
    }
}

fn norm(s: &str) -> String {
    s.trim().to_lowercase()
}

/// The lines (plan positions) one key, an account or a name, can match, in plan order, with
/// a cursor past the ones earlier rows already took (taken lines stay taken, so the cursor
/// only moves forward and matching a whole file is linear).
enum Candidates {
    /// The usual case: one line has the key.
    One(usize),
    /// Several lines have the key.
    Many { positions: Vec<usize>, next: usize },
}

impl Candidates {
    fn push(&mut self, pos: usize) {
        match self {
            Candidates::One(first) => {
                *self = Candidates::Many {
                    positions: vec![*first, pos],
                    next: 0,
                }
            }
            Candidates::Many { positions, .. } => positions.push(pos),
        }
    }

    fn first(&self) -> Option<usize> {
        match self {
            Candidates::One(p) => Some(*p),
            Candidates::Many { positions, .. } => positions.first().copied(),
        }
    }

    fn first_free(&mut self, taken: &[Option<usize>]) -> Option<usize> {
        let is_free = |p: usize| matches!(taken.get(p), Some(None));
        match self {
            Candidates::One(p) => Some(*p).filter(|p| is_free(*p)),
            Candidates::Many { positions, next } => {
                while let Some(&p) = positions.get(*next) {
                    if is_free(p) {
                        return Some(p);
                    }
                    *next = next.saturating_add(1);
                }
                None
            }
        }
    }
}

fn add_candidate<K: std::hash::Hash + Eq>(map: &mut HashMap<K, Candidates>, key: K, pos: usize) {
    match map.entry(key) {
        std::collections::hash_map::Entry::Occupied(mut e) => e.get_mut().push(pos),
        std::collections::hash_map::Entry::Vacant(e) => {
            e.insert(Candidates::One(pos));
        }
    }
}

/// Finds the line a row refers to: by account when given (exact after trimming), else by name
/// (case-insensitive, trimmed); lines already taken by earlier rows are skipped. Maps from
/// account and name to the plan's lines are built once (the name map only when a row needs
/// it), so matching a file is linear.
struct LineMatcher<'a> {
    plan: &'a Plan,
    by_account: HashMap<&'a str, Candidates>,
    by_name: Option<HashMap<String, Candidates>>,
    /// Per plan position: the file line of the row that took the line.
    taken: Vec<Option<usize>>,
}

impl<'a> LineMatcher<'a> {
    fn new(plan: &'a Plan) -> Self {
        let mut by_account: HashMap<&'a str, Candidates> = HashMap::new();
        for (pos, l) in plan.lines.iter().enumerate() {
            if let Some(a) = &l.account {
                add_candidate(&mut by_account, a.trim(), pos);
            }
        }
        LineMatcher {
            plan,
            by_account,
            by_name: None,
            taken: vec![None; plan.lines.len()],
        }
    }

    fn names(&mut self) -> &mut HashMap<String, Candidates> {
        let plan = self.plan;
        self.by_name.get_or_insert_with(|| {
            let mut map = HashMap::with_capacity(plan.lines.len());
            for (pos, l) in plan.lines.iter().enumerate() {
                add_candidate(&mut map, norm(l.shown_name()), pos);
            }
            map
        })
    }

    fn id(&self, pos: usize) -> Option<LineId> {
        self.plan.lines.get(pos).map(|l| l.id)
    }

    /// Takes the first line not yet taken that the row matches, for the row on `line`.
    fn take(&mut self, account: Option<&str>, name: &str, line: usize) -> Option<LineId> {
        let by_account = account
            .and_then(|a| self.by_account.get_mut(a))
            .and_then(|c| c.first_free(&self.taken));
        let pos = match by_account {
            Some(p) => Some(p),
            None => {
                let key = norm(name);
                let taken = std::mem::take(&mut self.taken);
                let p = self
                    .names()
                    .get_mut(&key)
                    .and_then(|c| c.first_free(&taken));
                self.taken = taken;
                p
            }
        }?;
        if let Some(slot) = self.taken.get_mut(pos) {
            *slot = Some(line);
        }
        self.id(pos)
    }

    /// The file line of the earlier row that took the line this row would match if no line
    /// were taken.
    fn taken_by(&mut self, account: Option<&str>, name: &str) -> Option<usize> {
        let pos = match account
            .and_then(|a| self.by_account.get(a))
            .and_then(Candidates::first)
        {
            Some(p) => p,
            None => {
                let key = norm(name);
                self.names().get(&key).and_then(Candidates::first)?
            }
        };
        self.taken.get(pos).copied().flatten()
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
    let table = read_table(bytes, delimiter)?;
    let name_col = opt_col(&table, &LINE_NAME_COLUMNS)?.ok_or_else(|| CsvError::MissingColumn {
        column: "Post".to_string(),
    })?;
    let account_col = opt_col(&table, &ACCOUNT_COLUMNS)?;
    let category_col = opt_col(&table, &CATEGORY_COLUMNS)?;
    let municipality_col = opt_col(&table, &MUNICIPALITY_COLUMNS)?;
    let note_col = opt_col(&table, &NOTE_COLUMNS)?;
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
    if year_cols.is_empty() {
        return Err(PlanCsvError::NoYearColumns);
    }
    if table.rows.is_empty() {
        return Err(CsvError::NoRows.into());
    }
    let mut matcher = LineMatcher::new(plan);
    let mut lines = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        let name = cell(row, Some(name_col)).ok_or_else(|| CsvError::MissingValue {
            line: row.line,
            column: table.header(name_col).to_string(),
        })?;
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
                Some(amount_cell(&table, row, *col, text, Sign::Any)?)
            };
            amounts.insert(*y, a);
        }
        let matched = matcher.take(account.as_deref(), name, row.line);
        if matched.is_none() {
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

/// Which outcome an import fills in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OutcomeKind {
    /// Year-to-date (*ack. utfall*), e.g. at a board meeting.
    YearToDate,
    /// The final outcome of a closed year.
    Final,
}

/// How an outcome row was matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MatchBy {
    /// By account (`Konto`).
    Account,
    /// By line name (`Post`).
    Name,
}

impl MatchBy {
    /// `konto` or `posten`, for messages.
    fn describe(self) -> &'static str {
        match self {
            MatchBy::Account => "konto",
            MatchBy::Name => "posten",
        }
    }
}

/// An outcome for one plan line, summed over the file's rows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutcomeMatch {
    /// The line.
    pub line: LineId,
    /// The summed amount.
    pub amount: Amount,
    /// The file lines it came from, in order; the lines of keys mapped to the line later
    /// ([`OutcomeImport::map`]) follow in the order they were mapped.
    pub rows: Vec<usize>,
}

/// Rows whose account or name matches no line: listed for the user to map or ignore, never
/// silently dropped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnmatchedOutcome {
    /// The account or name as written.
    pub key: String,
    /// Whether `key` is an account or a name.
    pub by: MatchBy,
    /// The summed amount.
    pub amount: Amount,
    /// The file lines it came from.
    pub rows: Vec<usize>,
}

/// A checked outcome import.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutcomeImport {
    /// The year the outcome is for.
    pub year: Year,
    /// Year-to-date or final.
    pub kind: OutcomeKind,
    /// Outcome per matched line, in plan order.
    pub matched: Vec<OutcomeMatch>,
    /// Keys that match no line.
    pub unmatched: Vec<UnmatchedOutcome>,
    /// Keys the user chose to ignore.
    pub ignored: Vec<UnmatchedOutcome>,
    /// File lines whose amount cell is empty: no outcome, skipped (not 0 kr).
    pub skipped: Vec<usize>,
    /// The value column as written in the header (`Utfall`, `Belopp`, …), for messages.
    pub column: String,
    /// Unmatched key → position in `unmatched` (the first with that key), so that
    /// [`OutcomeImport::map`] and [`OutcomeImport::ignore`] are constant time; checked on use.
    unmatched_index: HashMap<String, usize>,
    /// Line → position in `matched`; checked on use.
    matched_index: HashMap<LineId, usize>,
}

impl OutcomeImport {
    /// Maps the unmatched `key` to `line` (its amount is added to the line's; the last unmatched
    /// entry takes the key's place in the list). Constant time. Returns false
    /// when there is no such unmatched key, or when the line's sum would leave the amount
    /// bounds (the key then stays unmatched; [`OutcomeImport::try_map`] says why).
    pub fn map(&mut self, key: &str, line: LineId) -> bool {
        matches!(self.try_map(key, line), Ok(true))
    }

    /// Like [`OutcomeImport::map`], with a typed error naming the key when the line's sum
    /// would leave the amount bounds (nothing changes then). `Ok(false)` when there is no
    /// such unmatched key.
    pub fn try_map(&mut self, key: &str, line: LineId) -> Result<bool, PlanCsvError> {
        let Some(pos) = self.unmatched_pos(key) else {
            return Ok(false);
        };
        let matched_pos = self.matched_pos(line);
        let Some(u) = self.unmatched.get(pos) else {
            return Ok(false);
        };
        if let Some(m) = matched_pos.and_then(|i| self.matched.get(i)) {
            let total = m.amount.checked_add(u.amount);
            if let Err(error) = total
                .ok_or(BoundsError::AmountTooLarge)
                .and_then(|t| check_amount(t.value()))
            {
                let mut rows = m.rows.clone();
                rows.extend(u.rows.iter().copied());
                rows.sort_unstable();
                return Err(PlanCsvError::SumOutOfBounds {
                    line: rows.last().copied().unwrap_or_default(),
                    column: self.column.clone(),
                    key: u.key.clone(),
                    by: u.by,
                    rows,
                    error,
                });
            }
        }
        let Some(u) = self.take_unmatched(pos) else {
            return Ok(false);
        };
        match matched_pos.and_then(|i| self.matched.get_mut(i)) {
            Some(m) => {
                m.amount = m.amount.checked_add(u.amount).unwrap_or(m.amount);
                // Appended, not sorted again, so that mapping many keys stays linear.
                m.rows.extend(u.rows);
            }
            None => {
                self.matched_index.insert(line, self.matched.len());
                self.matched.push(OutcomeMatch {
                    line,
                    amount: u.amount,
                    rows: u.rows,
                });
            }
        }
        Ok(true)
    }

    /// The position of the unmatched `key`: from the index when it is current, else (the list
    /// was changed from outside, or two entries share the key) by a search that renews it.
    fn unmatched_pos(&mut self, key: &str) -> Option<usize> {
        let hit = self
            .unmatched_index
            .get(key)
            .copied()
            .filter(|&i| self.unmatched.get(i).is_some_and(|u| u.key == key));
        if hit.is_some() || self.unmatched_index.len() == self.unmatched.len() {
            return hit;
        }
        let pos = self.unmatched.iter().position(|u| u.key == key)?;
        self.unmatched_index.insert(key.to_string(), pos);
        Some(pos)
    }

    /// The position of `line` in `matched`, like [`OutcomeImport::unmatched_pos`].
    fn matched_pos(&mut self, line: LineId) -> Option<usize> {
        let hit = self
            .matched_index
            .get(&line)
            .copied()
            .filter(|&i| self.matched.get(i).is_some_and(|m| m.line == line));
        if hit.is_some() || self.matched_index.len() == self.matched.len() {
            return hit;
        }
        let pos = self.matched.iter().position(|m| m.line == line)?;
        self.matched_index.insert(line, pos);
        Some(pos)
    }

    /// Removes the unmatched entry at `pos` in constant time (the last entry takes its place).
    fn take_unmatched(&mut self, pos: usize) -> Option<UnmatchedOutcome> {
        if pos >= self.unmatched.len() {
            return None;
        }
        let u = self.unmatched.swap_remove(pos);
        if self.unmatched_index.get(&u.key) == Some(&pos) {
            self.unmatched_index.remove(&u.key);
        }
        if let Some(moved) = self.unmatched.get(pos) {
            let last = self.unmatched.len();
            if let Some(i) = self.unmatched_index.get_mut(&moved.key) {
                if *i == last {
                    *i = pos;
                }
            }
        }
        Some(u)
    }

    /// Moves the unmatched `key` to the ignored list. Returns false when there is no such key.
    pub fn ignore(&mut self, key: &str) -> bool {
        let Some(u) = self
            .unmatched_pos(key)
            .and_then(|pos| self.take_unmatched(pos))
        else {
            return false;
        };
        self.ignored.push(u);
        true
    }

    /// Negates the amounts of income lines, for ledger exports where income is a credit
    /// (negative) amount.
    pub fn negate_income(&mut self, plan: &Plan) {
        let category: HashMap<LineId, Option<Category>> =
            plan.lines.iter().map(|l| (l.id, l.category)).collect();
        for m in &mut self.matched {
            let income = category
                .get(&m.line)
                .copied()
                .flatten()
                .is_some_and(Category::is_income);
            if income {
                m.amount = Amount::from(crate::money::negate(m.amount.value()));
            }
        }
    }

    /// The import as one compound edit of `plan`: sets the year-to-date or final outcome of
    /// every matched line (the other outcome of the line is kept; lines not in the file are
    /// unchanged).
    pub fn to_edit(&self, plan: &Plan) -> Result<Edit, EditError> {
        if !plan.years.contains(&self.year) {
            return Err(EditError::NotPlanYear(self.year));
        }
        let by_id: HashMap<LineId, &BudgetLine> = plan.lines.iter().map(|l| (l.id, l)).collect();
        let mut edits = Vec::with_capacity(self.matched.len());
        for m in &self.matched {
            let line = *by_id.get(&m.line).ok_or(EditError::NoLine(m.line))?;
            let old = line.outcome.get(&self.year).copied();
            let cur = old.unwrap_or_default();
            let new = match self.kind {
                OutcomeKind::YearToDate => Outcome {
                    ytd: Some(m.amount),
                    ..cur
                },
                OutcomeKind::Final => Outcome {
                    final_amount: Some(m.amount),
                    ..cur
                },
            };
            if old != Some(new) {
                edits.push(Edit::SetOutcome {
                    line: m.line,
                    year: self.year,
                    old,
                    new: Some(new),
                });
            }
        }
        Ok(Edit::Compound(edits))
    }
}

/// Reads an outcome CSV (docs/csv.md) for `year` against `plan`: either per line (`Konto` or
/// `Post`, then `Utfall`) or ledger rows (`Konto;Belopp`, many rows per account). Amounts are
/// summed per key; a row matches by `Konto` when the cell is filled, else by `Post`. Keys that
/// match no line are returned in [`OutcomeImport::unmatched`]. A row with an empty amount cell
/// is no outcome: it is skipped and listed in [`OutcomeImport::skipped`]. A `year` that is not
/// one of the plan's years is refused ([`PlanCsvError::NotPlanYear`]).
pub fn read_outcome_csv(
    bytes: &[u8],
    delimiter: Option<u8>,
    plan: &Plan,
    year: Year,
    kind: OutcomeKind,
) -> Result<OutcomeImport, PlanCsvError> {
    if !plan.years.contains(&year) {
        return Err(PlanCsvError::NotPlanYear { year });
    }
    let table = read_table(bytes, delimiter)?;
    let account_col = opt_col(&table, &ACCOUNT_COLUMNS)?;
    let name_col = opt_col(&table, &LINE_NAME_COLUMNS)?;
    if account_col.is_none() && name_col.is_none() {
        return Err(PlanCsvError::MissingKeyColumn);
    }
    let value_col = opt_col(&table, &OUTCOME_COLUMNS)?.ok_or(PlanCsvError::MissingValueColumn)?;
    if table.rows.is_empty() {
        return Err(CsvError::NoRows.into());
    }
    let value_header = table.header(value_col).to_string();
    let sum_error =
        |key: &str, by: MatchBy, rows: &[usize], error: BoundsError| PlanCsvError::SumOutOfBounds {
            line: rows.last().copied().unwrap_or_default(),
            column: value_header.clone(),
            key: key.to_string(),
            by,
            rows: rows.to_vec(),
            error,
        };
    // Sum per key, in file order (accounts exact, names trimmed and case-insensitive).
    let mut sums: Vec<(MatchBy, String, Decimal, Vec<usize>)> = Vec::new();
    let mut sum_index: HashMap<(MatchBy, String), usize> = HashMap::new();
    let mut skipped = Vec::new();
    for row in &table.rows {
        // An empty amount is no outcome (not 0 kr): the row is skipped.
        let text = row.get(value_col).trim();
        if text.is_empty() {
            skipped.push(row.line);
            continue;
        }
        let (by, key) = match (cell(row, account_col), cell(row, name_col)) {
            (Some(a), _) => (MatchBy::Account, a),
            (None, Some(n)) => (MatchBy::Name, n),
            (None, None) => {
                let col = account_col.or(name_col).unwrap_or(0);
                return Err(CsvError::MissingValue {
                    line: row.line,
                    column: table.header(col).to_string(),
                }
                .into());
            }
        };
        let amount = amount_cell(&table, row, value_col, text, Sign::Any)?;
        let map_key = match by {
            MatchBy::Account => key.to_string(),
            MatchBy::Name => norm(key),
        };
        match sum_index.get(&(by, map_key.clone())) {
            Some(&i) => {
                if let Some(s) = sums.get_mut(i) {
                    s.3.push(row.line);
                    // Rows are bounded (10^12 kr each), so only an absurd number of them
                    // could overflow; that too is the bound's error.
                    s.2 = s
                        .2
                        .checked_add(amount.value())
                        .ok_or_else(|| sum_error(&s.1, by, &s.3, BoundsError::AmountTooLarge))?;
                }
            }
            None => {
                sum_index.insert((by, map_key), sums.len());
                sums.push((by, key.to_string(), amount.value(), vec![row.line]));
            }
        }
    }
    // The first line with each account and each name.
    let mut line_by_account: HashMap<&str, LineId> = HashMap::new();
    let mut line_by_name: HashMap<String, LineId> = HashMap::new();
    for l in &plan.lines {
        if let Some(a) = &l.account {
            line_by_account.entry(a.trim()).or_insert(l.id);
        }
        line_by_name.entry(norm(l.shown_name())).or_insert(l.id);
    }
    let mut matched: Vec<OutcomeMatch> = Vec::new();
    let mut matched_index: HashMap<LineId, usize> = HashMap::new();
    let mut unmatched = Vec::new();
    for (by, key, sum, rows) in sums {
        let amount = check_amount(sum).map_err(|e| sum_error(&key, by, &rows, e))?;
        let line = match by {
            MatchBy::Account => line_by_account.get(key.as_str()).copied(),
            MatchBy::Name => line_by_name.get(&norm(&key)).copied(),
        };
        match line {
            Some(id) => match matched_index.get(&id).and_then(|&i| matched.get_mut(i)) {
                Some(m) => {
                    let total = m
                        .amount
                        .checked_add(amount)
                        .and_then(|t| check_amount(t.value()).ok());
                    m.rows.extend(rows);
                    m.amount = match total {
                        Some(t) => t,
                        None => {
                            m.rows.sort_unstable();
                            return Err(sum_error(&key, by, &m.rows, BoundsError::AmountTooLarge));
                        }
                    };
                }
                None => {
                    matched_index.insert(id, matched.len());
                    matched.push(OutcomeMatch {
                        line: id,
                        amount,
                        rows,
                    });
                }
            },
            None => unmatched.push(UnmatchedOutcome {
                key,
                by,
                amount,
                rows,
            }),
        }
    }
    let order: HashMap<LineId, usize> = plan
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| (l.id, i))
        .collect();
    matched.sort_by_key(|m| order.get(&m.line).copied().unwrap_or(usize::MAX));
    for m in &mut matched {
        m.rows.sort_unstable();
    }
    let matched_index = matched
        .iter()
        .enumerate()
        .map(|(i, m)| (m.line, i))
        .collect();
    let mut unmatched_index = HashMap::with_capacity(unmatched.len());
    for (i, u) in unmatched.iter().enumerate() {
        unmatched_index.entry(u.key.clone()).or_insert(i);
    }
    Ok(OutcomeImport {
        year,
        kind,
        matched,
        unmatched,
        ignored: Vec::new(),
        skipped,
        column: value_header,
        unmatched_index,
        matched_index,
    })
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn year_cell(y: Year) -> Cell {
    Cell::Integer(i64::from(y))
}

fn pct(p: Option<Decimal>) -> Cell {
    p.map(|p| Cell::Fixed(p, 2)).unwrap_or(Cell::Empty)
}

/// The budget grid as CSV: `Konto;Post;Kategori;<år>…;Kommun;Notering`, one row per line
/// (split lines as `Kansli 50 % + Processtöd 50 %`), amounts in kronor at full precision.
/// [`read_budget_csv`] reads it back to the same lines and amounts.
pub fn export_budget_csv(plan: &Plan, scenario: Option<ScenarioId>) -> Vec<u8> {
    let p = plan.resolved(scenario);
    let mut rows = Vec::with_capacity(p.lines.len().saturating_add(1));
    let mut header = vec![text("Konto"), text("Post"), text("Kategori")];
    header.extend(p.years.iter().map(|y| text(y.to_string())));
    header.extend([text("Kommun"), text("Notering")]);
    rows.push(header);
    for l in &p.lines {
        let mut r = vec![
            l.account.clone().map(Cell::Text).unwrap_or(Cell::Empty),
            text(l.shown_name().to_string()),
            text(category_cell(l)),
        ];
        r.extend(
            p.years
                .iter()
                .map(|y| Cell::from(l.amounts.get(y).copied())),
        );
        r.push(
            l.municipality
                .clone()
                .map(Cell::Text)
                .unwrap_or(Cell::Empty),
        );
        r.push(text(l.note.clone()));
        rows.push(r);
    }
    write_csv(&rows)
}

/// The allocation per member and year: `Medlem;Typ;<år>…` in kronor, then the rows
/// `Summa medlemmar`, `Medelstilldelning` and `Avrundningsdifferens` (and `Avvikelse från
/// partens andel` when a year has an accepted deviation). A year whose allocation fails has
/// empty cells.
pub fn export_allocation_csv(plan: &Plan, scenario: Option<ScenarioId>) -> Vec<u8> {
    let report = compute_scenario(plan, scenario);
    let mut names: Vec<(String, MemberKind)> = Vec::new();
    for y in &report.years {
        if let Ok(a) = &y.allocation {
            for m in &a.members {
                if !names.iter().any(|(n, _)| *n == m.name) {
                    names.push((m.name.clone(), m.kind));
                }
            }
        }
    }
    let mut rows = Vec::with_capacity(names.len().saturating_add(4));
    let mut header = vec![text("Medlem"), text("Typ")];
    header.extend(report.years.iter().map(|y| text(y.year.to_string())));
    rows.push(header);
    for (name, kind) in &names {
        let mut r = vec![text(name.clone()), text(kind.label())];
        r.extend(report.years.iter().map(|y| {
            Cell::from(
                y.allocation
                    .as_ref()
                    .ok()
                    .and_then(|a| a.member(name))
                    .map(|m| m.amount),
            )
        }));
        rows.push(r);
    }
    type Figure = fn(&Allocation) -> Amount;
    let summary: [(&str, Figure); 4] = [
        ("Summa medlemmar", |a| a.members_total()),
        ("Medelstilldelning", |a| a.total),
        ("Avrundningsdifferens", |a| a.rounding_only()),
        ("Avvikelse från partens andel", |a| a.deviation()),
    ];
    // The deviation row only when some year has an accepted deviation.
    let any_deviation = report.years.iter().any(|y| {
        y.allocation
            .as_ref()
            .is_ok_and(|a| a.parties.iter().any(|p| p.deviation))
    });
    for (label, f) in summary {
        if label == "Avvikelse från partens andel" && !any_deviation {
            continue;
        }
        let mut r = vec![text(label), Cell::Empty];
        r.extend(
            report
                .years
                .iter()
                .map(|y| Cell::from(y.allocation.as_ref().ok().map(f))),
        );
        rows.push(r);
    }
    write_csv(&rows)
}

/// The follow-up of `year` (*driftredovisning*, costs positive):
/// `Konto;Post;Kategori;Budget;Utfall;Avvikelse;Förbrukad %;Återstår`, with headings, subtotals
/// and results. *Förbrukad %* is empty for a zero budget.
pub fn export_follow_up_csv(
    plan: &Plan,
    scenario: Option<ScenarioId>,
    year: Year,
    basis: OutcomeBasis,
) -> Vec<u8> {
    let p = plan.resolved(scenario);
    // The budget books the decided total T; the outcome what the members pay.
    let (budget_income, paid) = p
        .allocations()
        .into_iter()
        .find(|(y, _)| *y == year)
        .and_then(|(_, a)| a.ok())
        .map(|a| (a.total, a.members_total()))
        .unwrap_or_default();
    let f = follow_up_with(&p, year, basis, budget_income, paid);
    let mut rows = vec![vec![
        text("Konto"),
        text("Post"),
        text("Kategori"),
        text(format!("Budget {year}")),
        text(format!("{} {year}", basis.label())),
        text("Avvikelse"),
        text("Förbrukad %"),
        text("Återstår"),
    ]];
    for r in &f.rows {
        if r.kind == FollowUpRowKind::Heading {
            rows.push(vec![Cell::Empty, text(r.label.clone())]);
            continue;
        }
        let name = match r.share_percent {
            Some(s) => format!("{} ({} %)", r.label, format_plain_natural(s)),
            None => r.label.clone(),
        };
        rows.push(vec![
            r.account.clone().map(Cell::Text).unwrap_or(Cell::Empty),
            text(name),
            r.category.map(|c| text(c.label())).unwrap_or(Cell::Empty),
            Cell::from(r.figures.budget),
            if r.has_outcome || r.kind != FollowUpRowKind::Line {
                Cell::from(r.figures.outcome)
            } else {
                Cell::Empty
            },
            Cell::from(r.figures.deviation),
            pct(r.figures.used_percent),
            Cell::from(r.figures.remaining),
        ]);
    }
    write_csv(&rows)
}

/// The multi-year equity table: `År;Medelstilldelning;Verksamhetens kostnader;Årets resultat;
/// EK IB;Kapitaltillskott;EK UB;Kvot %;Över taket;Under golvet;Resultatbas;Kvotens bas`.
/// `Resultatbas` says which result the year rolls on (`budget`, `utfall`, `angivet`);
/// `Kvotens bas` what the ratio is measured against, with `(antagande)` when assumed.
pub fn export_equity_csv(plan: &Plan, scenario: Option<ScenarioId>) -> Vec<u8> {
    let report = compute_scenario(plan, scenario);
    let mut rows = vec![[
        "År",
        "Medelstilldelning",
        "Verksamhetens kostnader",
        "Årets resultat",
        "EK IB",
        "Kapitaltillskott",
        "EK UB",
        "Kvot %",
        "Över taket",
        "Under golvet",
        "Resultatbas",
        "Kvotens bas",
    ]
    .into_iter()
    .map(text)
    .collect::<Vec<_>>()];
    // `–` when it cannot be told (the ratio or the year's equity is unknown), never `Nej`.
    let yes = |b: Option<bool>| {
        text(match b {
            Some(true) => "Ja",
            Some(false) => "Nej",
            None => "–",
        })
    };
    let base = plan.settings.equity_base.label();
    for y in &report.years {
        let e = &y.equity;
        rows.push(vec![
            year_cell(y.year),
            Cell::from(y.total),
            Cell::from(y.budget.operating_costs),
            Cell::from(e.result),
            Cell::from(e.opening),
            Cell::from(e.capital_contribution),
            Cell::from(e.closing),
            pct(e.ratio),
            yes(e.above_ceiling_known()),
            yes(e.below_floor_known()),
            text(e.basis.label()),
            text(if e.base_assumed {
                format!("{base} (antagande)")
            } else {
                base.to_string()
            }),
        ]);
    }
    write_csv(&rows)
}

fn distribution_rows(rows: &mut Vec<Vec<Cell>>, year: Year, basis: &str, d: &CostDistribution) {
    let mut push = |label: &str, s: &crate::distribution::CostShare| {
        rows.push(vec![
            year_cell(year),
            text(basis),
            text(label),
            Cell::from(s.amount),
            pct(s.percent),
            Cell::from(s.whole_largest_remainder),
            Cell::from(s.whole_independent),
            text(d.basis.label()),
        ]);
    };
    for g in CostGroup::ALL {
        push(g.label(), d.group(g));
    }
    push("Direkta insatskostnader", &d.direct);
}

/// The cost distribution per year, budget and (when known) outcome:
/// `År;Underlag;Kostnadsslag;Belopp;Andel %;Hela procent (största rest);Hela procent (var för sig);Bas`
/// (`Bas` states what the percentages are measured against).
pub fn export_distribution_csv(plan: &Plan, scenario: Option<ScenarioId>) -> Vec<u8> {
    let report = compute_scenario(plan, scenario);
    let mut rows = vec![[
        "År",
        "Underlag",
        "Kostnadsslag",
        "Belopp",
        "Andel %",
        "Hela procent (största rest)",
        "Hela procent (var för sig)",
        "Bas",
    ]
    .into_iter()
    .map(text)
    .collect::<Vec<_>>()];
    for y in &report.years {
        distribution_rows(&mut rows, y.year, "Budget", &y.distribution);
        if let Some(o) = &y.outcome_distribution {
            distribution_rows(&mut rows, y.year, "Utfall", o);
        }
    }
    write_csv(&rows)
}
