//! Outcome CSV import (docs/csv.md "Utfall"): outcome or year-to-date figures per line, from a
//! file by line or a ledger by account, all or nothing, as one undoable edit. Rows and the sum
//! per account or name are bounded to ±10^12 kr (docs/bounds.md).

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::line_match::{norm, MatchBy};
use super::plan_columns::{
    cell, opt_col, PlanCsvError, ACCOUNT_COLUMNS, FORECAST_COLUMNS, LINE_NAME_COLUMNS,
    OUTCOME_COLUMNS,
};
use super::{amount_cell, read_table, CsvError, CsvTable, Sign};
use crate::bounds::{check_amount, BoundsError};
use crate::edit::{Edit, EditError};
use crate::money::Amount;
use crate::plan::{BudgetLine, Category, LineId, Outcome, Plan, Year};

/// Which outcome an import fills in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OutcomeKind {
    /// Year-to-date (*ack. utfall*), e.g. at a board meeting.
    YearToDate,
    /// The final outcome of a closed year.
    Final,
    /// The full-year forecast (*prognos helår*, docs/budget.md "Prognos"): the kansli's
    /// forecast per line, imported like the outcome; the outcome itself is kept.
    Forecast,
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
    /// The file is the year's **final ledger** (docs/csv.md): its amounts are the final
    /// outcome (also when read as year-to-date), and every line with a budget that year that
    /// is not in the file gets the final outcome 0 kr ([`OutcomeImport::absent_budgeted`]).
    pub final_ledger: bool,
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

    /// Ignores every unmatched key at once ("Ignorera alla"): linear in their number, so a
    /// ledger with 100 000 accounts the plan lacks is one click, not one choice per account.
    pub fn ignore_all(&mut self) {
        self.ignored.append(&mut self.unmatched);
        self.unmatched_index.clear();
    }

    /// Maps every unmatched key to `line` ("Koppla alla till …"), in list order. Stops at the
    /// first key whose sum would leave the amount bounds (that key and the ones after it stay
    /// unmatched) and returns its error. Linear in the number of keys.
    pub fn try_map_all(&mut self, line: LineId) -> Result<(), PlanCsvError> {
        while let Some(key) = self.unmatched.last().map(|u| u.key.clone()) {
            if !self.try_map(&key, line)? {
                break;
            }
        }
        Ok(())
    }

    /// The sum of the unmatched amounts (for "N konton … summa X kr"); `None` beyond the
    /// amount bounds of a sum.
    pub fn unmatched_sum(&self) -> Option<Amount> {
        self.unmatched
            .iter()
            .try_fold(Amount::ZERO, |s, u| s.checked_add(u.amount))
    }

    /// The sum of the ignored amounts; `None` beyond the bounds of a sum.
    pub fn ignored_sum(&self) -> Option<Amount> {
        self.ignored
            .iter()
            .try_fold(Amount::ZERO, |s, u| s.checked_add(u.amount))
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

    /// True when the import can be marked as the year's final ledger: a final outcome, or a
    /// year-to-date one for a year that has ended (`year` before `current_year`).
    pub fn offers_final_ledger(&self, current_year: Year) -> bool {
        match self.kind {
            OutcomeKind::Final => true,
            OutcomeKind::YearToDate => self.year < current_year,
            OutcomeKind::Forecast => false,
        }
    }

    /// What the matched lines get, for the preview: `utfall helår` for a final outcome or a
    /// file marked as the final ledger (its amounts become the final outcome), `prognos
    /// helår` for a forecast, else `ack. utfall`.
    pub fn target_label(&self) -> &'static str {
        match self.kind {
            OutcomeKind::Forecast => "prognos helår",
            OutcomeKind::Final => "utfall helår",
            OutcomeKind::YearToDate if self.final_ledger => "utfall helår",
            OutcomeKind::YearToDate => "ack. utfall",
        }
    }

    /// Marks (or unmarks) the import as the year's final ledger
    /// ([`OutcomeImport::final_ledger`]).
    pub fn set_final_ledger(&mut self, on: bool) {
        self.final_ledger = on;
    }

    /// The lines with a non-zero budget in the import's year that the file does not mention
    /// (after mapping), in plan order: as a final ledger they get the outcome 0 kr.
    pub fn absent_budgeted(&self, plan: &Plan) -> Vec<LineId> {
        let present: std::collections::HashSet<LineId> =
            self.matched.iter().map(|m| m.line).collect();
        plan.lines
            .iter()
            .filter(|l| !l.amount(self.year).is_zero() && !present.contains(&l.id))
            .map(|l| l.id)
            .collect()
    }

    /// What marking the import as the final ledger does, for the preview: the budgeted lines
    /// absent from the file that get the final outcome 0 kr (the first five, then how many
    /// more), or that every budgeted line is in the file. `None` when not marked.
    pub fn final_ledger_note(&self, plan: &Plan) -> Option<String> {
        if !self.final_ledger {
            return None;
        }
        let absent: Vec<&str> = self
            .absent_budgeted(plan)
            .into_iter()
            .filter_map(|id| plan.line(id))
            .map(BudgetLine::shown_name)
            .collect();
        let year = self.year;
        Some(match absent.len() {
            0 => format!(
                "Slutlig huvudbok för {year}: alla poster med budget finns i filen; beloppen blir utfall för helår."
            ),
            n => {
                let shown = absent.iter().take(5).copied().collect::<Vec<_>>().join(", ");
                let more = n.saturating_sub(5);
                let more = if more > 0 {
                    format!(" och {more} till")
                } else {
                    String::new()
                };
                format!(
                    "Slutlig huvudbok för {year}: {n} {} med budget finns inte i filen och får utfall 0 kr: {shown}{more}. Beloppen blir utfall för helår.",
                    if n == 1 { "post" } else { "poster" }
                )
            }
        })
    }

    /// The import as one compound edit of `plan`: sets the year-to-date or final outcome of
    /// every matched line (the other outcome of the line is kept; lines not in the file are
    /// unchanged). As a final ledger it sets the final outcome, and the budgeted lines absent
    /// from the file get the final outcome 0 kr.
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
            let kind = if self.final_ledger && self.kind != OutcomeKind::Forecast {
                OutcomeKind::Final
            } else {
                self.kind
            };
            let new = match kind {
                OutcomeKind::YearToDate => Outcome {
                    ytd: Some(m.amount),
                    ..cur
                },
                OutcomeKind::Final => Outcome {
                    final_amount: Some(m.amount),
                    ..cur
                },
                OutcomeKind::Forecast => Outcome {
                    forecast: Some(m.amount),
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
        if self.final_ledger && self.kind != OutcomeKind::Forecast {
            for id in self.absent_budgeted(plan) {
                let line = *by_id.get(&id).ok_or(EditError::NoLine(id))?;
                let old = line.outcome.get(&self.year).copied();
                let new = Outcome {
                    final_amount: Some(Amount::ZERO),
                    ..old.unwrap_or_default()
                };
                if old != Some(new) {
                    edits.push(Edit::SetOutcome {
                        line: id,
                        year: self.year,
                        old,
                        new: Some(new),
                    });
                }
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
    read_outcome_table(&read_table(bytes, delimiter)?, plan, year, kind)
}

/// [`read_outcome_csv`] of a table already read (by [`read_table`] or, in steps, by a
/// [`TableReader`](super::TableReader)).
pub fn read_outcome_table(
    table: &CsvTable,
    plan: &Plan,
    year: Year,
    kind: OutcomeKind,
) -> Result<OutcomeImport, PlanCsvError> {
    if !plan.years.contains(&year) {
        return Err(PlanCsvError::NotPlanYear { year });
    }
    let account_col = opt_col(table, &ACCOUNT_COLUMNS)?;
    let name_col = opt_col(table, &LINE_NAME_COLUMNS)?;
    if account_col.is_none() && name_col.is_none() {
        return Err(PlanCsvError::MissingKeyColumn);
    }
    // A forecast reads its own column when the file has one (an exported follow-up has both
    // `Utfall` and `Prognos`), else the outcome's.
    let forecast_col = if kind == OutcomeKind::Forecast {
        opt_col(table, &FORECAST_COLUMNS)?
    } else {
        None
    };
    let value_col = match forecast_col {
        Some(c) => c,
        None => opt_col(table, &OUTCOME_COLUMNS)?.ok_or(PlanCsvError::MissingValueColumn)?,
    };
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
        let amount = amount_cell(table, row, value_col, text, Sign::Any)?;
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
        final_ledger: false,
        unmatched_index,
        matched_index,
    })
}
