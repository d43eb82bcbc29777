//! Undo/redo history of applied edits, with keystroke grouping (docs/app.md "Undo").

use std::collections::VecDeque;

use super::{apply, revert, Edit, Result};
use crate::plan::Plan;

/// The default number of undo steps kept.
pub const DEFAULT_UNDO_CAPACITY: usize = 200;

/// Undo/redo history of applied edits (docs/app.md: at least 100 steps). Pure: it only touches the
/// plan it is given. A new edit clears the redo list; beyond the capacity the oldest step is
/// dropped.
///
/// Keystrokes are grouped (docs/app.md "Undo"): consecutive edits applied with
/// [`UndoStack::apply_grouped`] under the same group (one field) form one open step, recorded
/// as a single undo step when the group is closed — by [`UndoStack::close_group`] (the field is
/// left), by an edit of another group, or by any other edit, undo or redo.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UndoStack {
    undo: VecDeque<Edit>,
    redo: Vec<Edit>,
    capacity: usize,
    group: Option<(String, Vec<Edit>)>,
}

impl Default for UndoStack {
    fn default() -> Self {
        UndoStack::new()
    }
}

impl UndoStack {
    /// An empty history with [`DEFAULT_UNDO_CAPACITY`] steps.
    pub fn new() -> Self {
        UndoStack::with_capacity(DEFAULT_UNDO_CAPACITY)
    }

    /// An empty history keeping at most `capacity` steps (at least 1).
    pub fn with_capacity(capacity: usize) -> Self {
        UndoStack {
            undo: VecDeque::new(),
            redo: Vec::new(),
            capacity: capacity.max(1),
            group: None,
        }
    }

    /// Records an edit that has already been applied (after closing any open group); clears
    /// the redo list.
    pub fn push(&mut self, edit: Edit) {
        self.close_group();
        self.record(edit);
    }

    fn record(&mut self, edit: Edit) {
        self.redo.clear();
        self.undo.push_back(edit);
        while self.undo.len() > self.capacity {
            self.undo.pop_front();
        }
    }

    /// Applies `edit` to `plan` and records it. A no-op edit is applied but not recorded.
    pub fn apply(&mut self, plan: &mut Plan, edit: Edit) -> Result<()> {
        self.close_group();
        apply(plan, &edit)?;
        if !edit.is_noop() {
            self.push(edit);
        }
        Ok(())
    }

    /// Applies `edit` as part of the keystroke group `group` (e.g. a field's id): it joins the
    /// open step when that step is of the same group, else the open step is recorded and a new
    /// one opens. A no-op edit is applied but not recorded. On error the plan and the history
    /// are unchanged.
    pub fn apply_grouped(&mut self, plan: &mut Plan, group: &str, edit: Edit) -> Result<()> {
        if self.group.as_ref().is_some_and(|(g, _)| g != group) {
            self.close_group();
        }
        apply(plan, &edit)?;
        if !edit.is_noop() {
            self.group
                .get_or_insert_with(|| (group.to_string(), Vec::new()))
                .1
                .push(edit);
        }
        Ok(())
    }

    /// Records the open keystroke group as one undo step (one edit, or a compound of its edits
    /// in order). Returns true when a step was recorded.
    pub fn close_group(&mut self) -> bool {
        let Some((_, mut edits)) = self.group.take() else {
            return false;
        };
        let step = match edits.len() {
            0 => return false,
            1 => match edits.pop() {
                Some(e) => e,
                None => return false,
            },
            _ => Edit::Compound(edits),
        };
        if step.is_noop() {
            return false;
        }
        self.record(step);
        true
    }

    /// True while a keystroke group is open (applied, not yet recorded).
    pub fn has_open_group(&self) -> bool {
        self.group.is_some()
    }

    /// Undoes the latest edit. `Ok(false)` when there is nothing to undo. On error the edit
    /// stays in the history and the plan is unchanged.
    pub fn undo(&mut self, plan: &mut Plan) -> Result<bool> {
        self.close_group();
        let Some(edit) = self.undo.pop_back() else {
            return Ok(false);
        };
        match revert(plan, &edit) {
            Ok(()) => {
                self.redo.push(edit);
                Ok(true)
            }
            Err(e) => {
                self.undo.push_back(edit);
                Err(e)
            }
        }
    }

    /// Redoes the latest undone edit. `Ok(false)` when there is nothing to redo.
    pub fn redo(&mut self, plan: &mut Plan) -> Result<bool> {
        self.close_group();
        let Some(edit) = self.redo.pop() else {
            return Ok(false);
        };
        match apply(plan, &edit) {
            Ok(()) => {
                self.undo.push_back(edit);
                Ok(true)
            }
            Err(e) => {
                self.redo.push(edit);
                Err(e)
            }
        }
    }

    /// True when there is something to undo (a recorded step or an open group).
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty() || self.group.is_some()
    }

    /// True when there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// The edit [`UndoStack::undo`] would revert.
    pub fn peek_undo(&self) -> Option<&Edit> {
        self.undo.back()
    }

    /// The edit [`UndoStack::redo`] would apply.
    pub fn peek_redo(&self) -> Option<&Edit> {
        self.redo.last()
    }

    /// Number of undo steps held.
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    /// Number of redo steps held.
    pub fn redo_len(&self) -> usize {
        self.redo.len()
    }

    /// The capacity.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// Forgets the whole history (e.g. after opening another plan).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}
