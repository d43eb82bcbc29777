//! Several edits made as one: a paste of many cells, a form that changes several fields. Each
//! edit is built on a working copy of the plan that already holds the earlier ones (so two
//! cells of one line pasted together see each other), and the batch becomes one [`Edit`] — one
//! undo step that applies all or nothing.

use crate::edit::{apply, Edit, EditError};
use crate::plan::Plan;

/// A batch of edits built one after another on a working copy of a plan.
#[derive(Clone, Debug)]
pub struct EditBatch {
    scratch: Plan,
    edits: Vec<Edit>,
}

impl EditBatch {
    /// An empty batch on (a copy of) `plan`.
    pub fn new(plan: &Plan) -> Self {
        EditBatch {
            scratch: plan.clone(),
            edits: Vec::new(),
        }
    }

    /// Builds an edit from the working copy and applies it there. On error (building or
    /// applying) the batch is unchanged and the edit is left out; the caller reports it.
    pub fn push(
        &mut self,
        build: impl FnOnce(&Plan) -> Result<Edit, EditError>,
    ) -> Result<(), EditError> {
        let edit = build(&self.scratch)?;
        apply(&mut self.scratch, &edit)?;
        self.edits.push(edit);
        Ok(())
    }

    /// The working copy: the plan with the batch's edits applied.
    pub fn plan(&self) -> &Plan {
        &self.scratch
    }

    /// True when no edit was added.
    pub fn is_empty(&self) -> bool {
        self.edits.is_empty()
    }

    /// The batch as one edit: `None` when empty, the edit itself when there is one, else a
    /// compound edit (applied and undone as a whole).
    pub fn into_edit(mut self) -> Option<Edit> {
        match self.edits.len() {
            0 => None,
            1 => self.edits.pop(),
            _ => Some(Edit::Compound(self.edits)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::example::example_plan;
    use crate::money::Amount;

    #[test]
    fn batch_is_one_all_or_nothing_step() {
        let plan = example_plan();
        let line = plan.lines[0].id;
        let year = plan.years[0];
        let mut batch = EditBatch::new(&plan);
        assert!(batch.is_empty());
        batch
            .push(|p| Edit::set_line_amount(p, None, line, year, Amount::kr(1_000)))
            .unwrap();
        // The second edit sees the first: its old value is 1 000.
        batch
            .push(|p| Edit::set_line_amount(p, None, line, year, Amount::kr(2_000)))
            .unwrap();
        // A failing edit leaves the batch as it was.
        let missing = crate::plan::LineId(u32::MAX);
        assert!(batch
            .push(|p| Edit::set_line_amount(p, None, missing, year, Amount::kr(1)))
            .is_err());
        let after = batch.plan().clone();
        let edit = batch.into_edit().unwrap();
        let mut p = plan.clone();
        apply(&mut p, &edit).unwrap();
        assert_eq!(p, after);
        crate::edit::revert(&mut p, &edit).unwrap();
        assert_eq!(p, plan);
        assert!(EditBatch::new(&plan).into_edit().is_none());
    }
}
