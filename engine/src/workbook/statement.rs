//! The budget statement kept by row key, rebuilt only where a change reaches
//! ([`KeyedStatement`], docs/workbook.md).

use std::collections::HashMap;

use crate::budget_statement::{
    budget_statement, line_amounts, BudgetStatement, RowKey, StatementFigures, StatementRow,
};
use crate::plan::{BudgetLine, Category, LineId, Plan};
use crate::report::Report;

use super::Changes;

/// The budget statement ([`budget_statement`]) of the active scenario, with a key and a
/// revision per row. A row's revision is the workbook revision of the last change that changed
/// the row's figures or its line (a name, an account); a view that keeps its rendered rows by
/// key redraws exactly the rows whose revision moved. Always equal to a full
/// [`budget_statement`] of the plan and report it was last updated with.
#[derive(Clone, Debug)]
pub struct KeyedStatement {
    statement: BudgetStatement,
    revisions: Vec<u64>,
    index: HashMap<RowKey, usize>,
    /// Indexes of the subtotal and total rows (recomputed on every change, they are few).
    sums: Vec<usize>,
    /// The position of every line in the plan's line list (lines move only with a change of
    /// structure, which rebuilds it).
    lines: HashMap<LineId, usize>,
}

impl KeyedStatement {
    /// The statement of `plan` (resolved for the scenario `report` is of), every row at
    /// `revision`.
    pub fn new(plan: &Plan, report: &Report, revision: u64) -> Self {
        let statement = budget_statement(plan, report);
        let revisions = vec![revision; statement.rows.len()];
        let mut s = KeyedStatement {
            statement,
            revisions,
            index: HashMap::new(),
            sums: Vec::new(),
            lines: HashMap::new(),
        };
        s.reindex(plan);
        s
    }

    /// The line `id` of `plan` (the plan the statement was last updated with), found without
    /// a search of the line list.
    pub fn line<'p>(&self, plan: &'p Plan, id: LineId) -> Option<&'p BudgetLine> {
        match self.lines.get(&id).and_then(|&i| plan.lines.get(i)) {
            Some(l) if l.id == id => Some(l),
            _ => plan.line(id),
        }
    }

    fn reindex(&mut self, plan: &Plan) {
        self.lines = plan
            .lines
            .iter()
            .enumerate()
            .map(|(i, l)| (l.id, i))
            .collect();
        self.index = self
            .statement
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| (r.key(), i))
            .collect();
        self.sums = self
            .statement
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| {
                matches!(
                    r,
                    StatementRow::Subtotal { .. } | StatementRow::Total { .. }
                )
            })
            .map(|(i, _)| i)
            .collect();
    }

    /// The statement.
    pub fn statement(&self) -> &BudgetStatement {
        &self.statement
    }

    /// The rows with their key and revision, in statement order.
    pub fn rows(&self) -> impl ExactSizeIterator<Item = (RowKey, &StatementRow, u64)> + '_ {
        self.statement
            .rows
            .iter()
            .zip(&self.revisions)
            .map(|(r, v)| (r.key(), r, *v))
    }

    /// The revision of the row at `index`.
    pub fn revision(&self, index: usize) -> Option<u64> {
        self.revisions.get(index).copied()
    }

    /// The position of the row with `key`.
    pub fn position(&self, key: &RowKey) -> Option<usize> {
        self.index.get(key).copied()
    }

    /// The rows of `line` (one per group it is shown in), by index.
    fn rows_of_line(&self, line: LineId) -> impl Iterator<Item = usize> + '_ {
        std::iter::once(None)
            .chain(Category::ALL.iter().copied().map(Some))
            .filter_map(move |g| self.index.get(&RowKey::Line(line, g)).copied())
    }

    /// Brings the statement up to date with `changes`, the plan and report after them; rows
    /// that changed get `revision`. Without a change of structure only the rows of the lines
    /// named and the subtotals and totals are rebuilt; else the whole statement is rebuilt and
    /// compared row by row with the old one.
    pub(crate) fn update(
        &mut self,
        plan: &Plan,
        report: &Report,
        changes: &Changes,
        revision: u64,
    ) {
        if changes.structure || self.statement.years != plan.years {
            self.rebuild(plan, report, changes, revision);
            return;
        }
        let years = &self.statement.years;
        for line in &changes.lines {
            let Some(l) = self.line(plan, *line) else {
                // A line the statement does not know: the shape changed after all.
                self.rebuild(plan, report, changes, revision);
                return;
            };
            let rows: Vec<usize> = self.rows_of_line(*line).collect();
            for i in rows {
                if let (Some(StatementRow::Line { share, amounts, .. }), Some(v)) =
                    (self.statement.rows.get_mut(i), self.revisions.get_mut(i))
                {
                    *amounts = line_amounts(l, *share, years);
                    *v = revision;
                }
            }
        }
        let figures = StatementFigures::of(years, report);
        for &i in &self.sums {
            let (Some(row), Some(v)) = (self.statement.rows.get_mut(i), self.revisions.get_mut(i))
            else {
                continue;
            };
            let new = match row {
                StatementRow::Subtotal { group, .. } => figures.subtotal(*group),
                StatementRow::Total { total, .. } => figures.total(*total),
                _ => continue,
            };
            if *row != new {
                *row = new;
                *v = revision;
            }
        }
    }

    /// Rebuilds every row; a row keeps its revision when its key, content and line are as
    /// before.
    fn rebuild(&mut self, plan: &Plan, report: &Report, changes: &Changes, revision: u64) {
        let new = budget_statement(plan, report);
        let revisions = new
            .rows
            .iter()
            .map(|row| {
                let key = row.key();
                let touched = matches!(key, RowKey::Line(l, _) if changes.lines.contains(&l));
                match self.index.get(&key) {
                    Some(&i) if !touched && self.statement.rows.get(i) == Some(row) => {
                        self.revisions.get(i).copied().unwrap_or(revision)
                    }
                    _ => revision,
                }
            })
            .collect();
        self.statement = new;
        self.revisions = revisions;
        self.reindex(plan);
    }
}
