//! The plan with everything kept beside it (docs/workbook.md): a [`Workbook`] owns the plan,
//! its undo history, the base plan's report and the active scenario's report (each kept up to
//! date incrementally by [`Recalc`], docs/recalc.md) and the active scenario's budget statement
//! by row key ([`KeyedStatement`]). An [`Edit`] goes in, [`Changes`] come out; the reports and
//! the statement are read by reference.
//!
//! ```
//! use samplan_engine::workbook::Workbook;
//! use samplan_engine::{compute, example_plan, Amount, Edit};
//!
//! let mut book = Workbook::new(example_plan());
//! let line = book.plan().lines[3].id;
//! let year = book.plan().years[0];
//! let edit = Edit::set_line_amount(book.plan(), None, line, year, Amount::kr(123_000)).unwrap();
//! let changes = book.apply(edit).unwrap();
//! assert!(changes.lines.contains(&line) && changes.years.contains(&year));
//! assert_eq!(book.report(), &compute(book.plan()));
//! book.undo().unwrap();
//! assert_eq!(book.report(), &compute(&example_plan()));
//! ```

mod changes;
mod members;
mod prepared;
mod statement;

pub use changes::Changes;
pub use members::{member_rows, KeyedMembers, MemberRow};
pub use prepared::PreparedApply;
pub use statement::KeyedStatement;

use crate::edit::{apply, Edit, EditError, UndoStack};
use crate::plan::{Plan, ScenarioId};
use crate::recalc::Recalc;
use crate::report::Report;

/// The active scenario: its resolved plan and its kept report.
#[derive(Clone, Debug)]
struct Active {
    id: ScenarioId,
    /// The plan with the scenario's overrides applied ([`Plan::resolved`]).
    resolved: Plan,
    recalc: Recalc,
}

impl Active {
    fn new(plan: &Plan, id: ScenarioId) -> Self {
        Active {
            id,
            resolved: plan.resolved(Some(id)),
            recalc: Recalc::for_scenario(plan, Some(id)),
        }
    }
}

/// Edits of one [`Workbook::apply_batch`], applied to the plan as they are pushed.
pub struct Batch<'a> {
    plan: &'a mut Plan,
    edits: Vec<Edit>,
}

impl Batch<'_> {
    /// The plan with the batch's edits so far.
    pub fn plan(&self) -> &Plan {
        self.plan
    }

    /// Builds an edit from the plan and applies it. On error the plan and the batch are
    /// unchanged and the edit is left out.
    pub fn push(
        &mut self,
        build: impl FnOnce(&Plan) -> Result<Edit, EditError>,
    ) -> Result<(), EditError> {
        let edit = build(self.plan)?;
        apply(self.plan, &edit)?;
        if !edit.is_noop() {
            self.edits.push(edit);
        }
        Ok(())
    }

    /// True when no edit was pushed.
    pub fn is_empty(&self) -> bool {
        self.edits.is_empty()
    }
}

/// A plan with its undo history, its reports and its budget statement, kept equal to a full
/// compute after every change (docs/workbook.md).
///
/// Change the plan only through [`Workbook::apply`], [`Workbook::apply_grouped`],
/// [`Workbook::undo`], [`Workbook::redo`] and [`Workbook::replace_plan`]; each returns the
/// [`Changes`] it made. The *active scenario* ([`Workbook::set_scenario`]) is the one whose
/// report, resolved plan and statement are kept beside the base plan's report; a chosen
/// scenario the plan no longer has (deleted, or undone) counts as the base plan until it is
/// back.
#[derive(Clone, Debug)]
pub struct Workbook {
    plan: Plan,
    history: UndoStack,
    base: Recalc,
    /// The scenario chosen (may be missing from the plan).
    chosen: Option<ScenarioId>,
    active: Option<Active>,
    statement: KeyedStatement,
    revision: u64,
}

impl Workbook {
    /// A workbook of `plan` with an empty history, the base plan active.
    pub fn new(plan: Plan) -> Self {
        let base = Recalc::new(&plan);
        let statement = KeyedStatement::new(&plan, base.report(), 0);
        Workbook {
            plan,
            history: UndoStack::new(),
            base,
            chosen: None,
            active: None,
            statement,
            revision: 0,
        }
    }

    /// The plan.
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// The undo history.
    pub fn history(&self) -> &UndoStack {
        &self.history
    }

    /// The base plan's report (as [`compute`](crate::compute)).
    pub fn report(&self) -> &Report {
        self.base.report()
    }

    /// The active scenario (`None` = the base plan).
    pub fn scenario(&self) -> Option<ScenarioId> {
        self.active.as_ref().map(|a| a.id)
    }

    /// The plan as the active scenario sees it ([`Plan::resolved`]; the plan itself for the
    /// base plan).
    pub fn resolved(&self) -> &Plan {
        match &self.active {
            Some(a) => &a.resolved,
            None => &self.plan,
        }
    }

    /// The active scenario's report (as [`compute_scenario`](crate::compute_scenario)).
    pub fn active_report(&self) -> &Report {
        match &self.active {
            Some(a) => a.recalc.report(),
            None => self.base.report(),
        }
    }

    /// The active scenario's budget statement, by row key.
    pub fn statement(&self) -> &KeyedStatement {
        &self.statement
    }

    /// A number that grows with every change (the revision the changed statement rows get).
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Makes `scenario` the active one (`None` = the base plan). A scenario the plan does not
    /// have is remembered and counts as the base plan while it is missing.
    pub fn set_scenario(&mut self, scenario: Option<ScenarioId>) -> Changes {
        self.chosen = scenario;
        let id = self.active_id();
        if id == self.scenario() {
            return Changes::default();
        }
        self.active = id.map(|id| Active::new(&self.plan, id));
        self.rebuild_statement();
        Changes::everything()
    }

    /// Replaces the whole plan (another plan opened) and clears the history.
    pub fn replace_plan(&mut self, plan: Plan) -> Changes {
        self.plan = plan;
        self.history = UndoStack::with_capacity(self.history.capacity());
        self.base = Recalc::new(&self.plan);
        self.active = self.active_id().map(|id| Active::new(&self.plan, id));
        self.rebuild_statement();
        Changes::everything()
    }

    /// Freezes the draft as a version of `year` (docs/budget.md "Versioner"): a förslag, or an
    /// adopted version with its `decision`, recorded as one undo step ([`Edit::Freeze`]):
    /// Ångra right after adopting removes the version again. Only the plan's versions change,
    /// not its content.
    pub fn freeze(
        &mut self,
        year: crate::plan::Year,
        decision: Option<crate::versions::Decision>,
    ) -> Result<crate::versions::VersionId, crate::versions::VersionError> {
        let edit = self.plan.freeze_edit(year, decision)?;
        let id = match &edit {
            Edit::Freeze { version, .. } => version.id,
            _ => return Err(crate::versions::VersionError::NoAdopted),
        };
        self.apply(edit)
            .map_err(|_| crate::versions::VersionError::NoVersion(id.0))?;
        Ok(id)
    }

    /// Unlocks a locked draft (a new draft from the version it is locked on); its content is
    /// unchanged, so the reports and the history stay as they are.
    pub fn unlock_draft(&mut self) {
        self.plan.unlock_draft();
        self.revision = self.revision.saturating_add(1);
    }

    /// Starts a new draft from version `from` ([`Plan::start_draft`]): the content becomes the
    /// version's, so everything is computed again and the history, built on the old content, is
    /// cleared.
    pub fn start_draft(
        &mut self,
        from: crate::versions::VersionId,
    ) -> Result<Changes, crate::versions::VersionError> {
        let mut plan = self.plan.clone();
        plan.start_draft(from)?;
        Ok(self.replace_plan(plan))
    }

    /// Applies `edit` as one undo step. On error the plan is unchanged.
    pub fn apply(&mut self, edit: Edit) -> Result<Changes, EditError> {
        self.history.close_group();
        if edit.is_noop() {
            return Ok(Changes::default());
        }
        // As `UndoStack::apply`, without a copy of the edit (an import is one large edit).
        apply(&mut self.plan, &edit)?;
        let changes = self.after(&edit);
        self.history.push(edit);
        Ok(changes)
    }

    /// Applies `edit` as part of the keystroke group `group` ([`UndoStack::apply_grouped`]).
    pub fn apply_grouped(&mut self, group: &str, edit: Edit) -> Result<Changes, EditError> {
        if edit.is_noop() {
            return Ok(Changes::default());
        }
        let kept = edit.clone();
        self.history.apply_grouped(&mut self.plan, group, edit)?;
        Ok(self.after(&kept))
    }

    /// Edits built and applied one after another on the plan (each sees the earlier ones: two
    /// cells of one line pasted together), recorded as one undo step — a paste, a form, a grid
    /// write. `f` pushes them on the [`Batch`]; an edit that cannot be built or applied is left
    /// out (its error goes back to `f`), the others stay. Unlike an
    /// [`EditBatch`](crate::EditBatch) it needs no copy of the plan.
    pub fn apply_batch<T>(&mut self, f: impl FnOnce(&mut Batch<'_>) -> T) -> (T, Changes) {
        self.history.close_group();
        let mut batch = Batch {
            plan: &mut self.plan,
            edits: Vec::new(),
        };
        let out = f(&mut batch);
        let mut edits = batch.edits;
        let edit = match edits.len() {
            0 => return (out, Changes::default()),
            1 => match edits.pop() {
                Some(e) => e,
                None => return (out, Changes::default()),
            },
            _ => Edit::Compound(edits),
        };
        let changes = self.after(&edit);
        self.history.push(edit);
        (out, changes)
    }

    /// Ends the open keystroke group: its edits become one undo step. True when a step was
    /// recorded.
    pub fn close_group(&mut self) -> bool {
        self.history.close_group()
    }

    /// Undoes the last step: `None` when there is nothing to undo. On error the plan and the
    /// history are unchanged.
    pub fn undo(&mut self) -> Result<Option<Changes>, EditError> {
        self.history.close_group();
        let Some(edit) = self.history.peek_undo().cloned() else {
            return Ok(None);
        };
        if !self.history.undo(&mut self.plan)? {
            return Ok(None);
        }
        Ok(Some(self.after(&edit)))
    }

    /// Redoes the last undone step: `None` when there is nothing to redo.
    pub fn redo(&mut self) -> Result<Option<Changes>, EditError> {
        self.history.close_group();
        let Some(edit) = self.history.peek_redo().cloned() else {
            return Ok(None);
        };
        if !self.history.redo(&mut self.plan)? {
            return Ok(None);
        }
        Ok(Some(self.after(&edit)))
    }

    /// The chosen scenario when the plan has it.
    fn active_id(&self) -> Option<ScenarioId> {
        self.chosen.filter(|id| self.plan.scenario(*id).is_some())
    }

    fn rebuild_statement(&mut self) {
        self.revision = self.revision.saturating_add(1);
        let report = match &self.active {
            Some(a) => a.recalc.report(),
            None => self.base.report(),
        };
        self.statement = KeyedStatement::new(self.resolved(), report, self.revision);
    }

    /// Brings the reports and the statement up to date after `edit` was applied to (or
    /// reverted from) the plan.
    fn after(&mut self, edit: &Edit) -> Changes {
        self.revision = self.revision.saturating_add(1);
        let mut changes = Changes::of_edit(edit);
        self.base.apply_resolved(&self.plan, edit);
        changes.years.extend(self.base.touched_years());
        let id = self.active_id();
        match (&mut self.active, id) {
            (Some(a), Some(id)) if a.id == id => {
                a.resolved = self.plan.resolved(Some(id));
                a.recalc.apply_resolved(&a.resolved, edit);
                changes.years.extend(a.recalc.touched_years());
            }
            (None, None) => {}
            _ => {
                self.active = id.map(|id| Active::new(&self.plan, id));
                changes.structure = true;
            }
        }
        let (plan, report) = match &self.active {
            Some(a) => (&a.resolved, a.recalc.report()),
            None => (&self.plan, self.base.report()),
        };
        self.statement.update(plan, report, &changes, self.revision);
        changes
    }
}
