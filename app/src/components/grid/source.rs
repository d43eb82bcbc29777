//! The grid source: how every grid view turns the grid's cell writes into engine edits. A view
//! names what each row stands for (a line, a member, a year: its row key) and how one typed
//! cell of such a row becomes an [`Edit`]; [`write_cells`] does the rest the same way for
//! every view — each edit is built on the plan holding the earlier ones, all of one write
//! become one undo step (the engine's `Workbook::apply_batch`, no copy of the plan), and the
//! refused cells come back with their Swedish reasons.

use samplan_engine::{Edit, EditError, Plan};

use super::{CellWrite, WriteErrors};
use crate::state::AppState;

/// Applies `writes` as one undo step: `row_of` gives what a row stands for (`None`: a row that
/// takes no input, skipped), `edit_of(plan, row, column, text)` the edit of one cell (`Ok(None)`:
/// nothing to change) or the reason it is refused. Returns the refused cells.
pub fn write_cells<R>(
    state: AppState,
    writes: &[CellWrite],
    row_of: impl Fn(usize) -> Option<R>,
    edit_of: impl Fn(&Plan, &R, usize, &str) -> Result<Option<Edit>, String>,
) -> Result<(), WriteErrors> {
    // A draft locked on a frozen version refuses what was decided (docs/budget.md
    // "Versioner"): the user is asked once whether to start a new draft, then the write is
    // made again (cells already written are then unchanged, so nothing is written twice).
    match write_once(state, writes, &row_of, &edit_of) {
        Err((_, true)) if crate::versions::ask_unlock(state) => {
            write_once(state, writes, &row_of, &edit_of).map_err(|(errors, _)| errors)
        }
        result => result.map_err(|(errors, _)| errors),
    }
}

/// One pass of [`write_cells`]: the refused cells, and whether any was refused because the
/// draft is locked.
fn write_once<R>(
    state: AppState,
    writes: &[CellWrite],
    row_of: &impl Fn(usize) -> Option<R>,
    edit_of: &impl Fn(&Plan, &R, usize, &str) -> Result<Option<Edit>, String>,
) -> Result<(), (WriteErrors, bool)> {
    let mut errors: WriteErrors = Vec::new();
    let mut frozen = false;
    let result = state.write_batch(|batch| {
        for w in writes {
            let Some(row) = row_of(w.row) else {
                continue;
            };
            match edit_of(batch.plan(), &row, w.col, &w.text) {
                Ok(Some(edit)) => {
                    if let Err(e) = batch.push(|_| Ok(edit)) {
                        frozen |= matches!(e, EditError::Frozen { .. });
                        errors.push((w.row, w.col, e.to_string()));
                    }
                }
                Ok(None) => {}
                Err(reason) => errors.push((w.row, w.col, reason)),
            }
        }
    });
    if let Err(reason) = result {
        errors.extend(writes.iter().map(|w| (w.row, w.col, reason.clone())));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err((errors, frozen))
    }
}
