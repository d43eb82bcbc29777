//! The app's single source of truth: one `RwSignal<Plan>` behind the [`AppState`] context
//! newtype, the engine's [`UndoStack`], and the view settings (selected year, kr/tkr).
//!
//! Views read the plan through memos (the engine's [`Report`] is one) and change it only by
//! handing an engine [`Edit`] to [`AppState::apply`] (or [`AppState::edit`], which builds the
//! edit from the current plan). Inputs that apply on every keystroke use
//! [`AppState::apply_live`]: their keystrokes become one undo step (the engine's
//! [`UndoStack::apply_grouped`]), closed by [`AppState::close_group`] when the field is left.

use leptos::prelude::*;
use samplan_engine::{compute, DisplayUnit, Edit, EditError, Plan, Report, UndoStack, Year};

/// Undo history, with the open live-typing group (applied, not yet recorded) inside it.
#[derive(Default)]
struct History {
    stack: UndoStack,
}

/// Shared app state, provided as context by `App` (cheap to copy).
#[derive(Clone, Copy)]
pub struct AppState {
    /// The plan document.
    pub plan: RwSignal<Plan>,
    /// The engine's report of the plan, recomputed whenever the plan changes.
    pub report: Memo<Report>,
    /// The year chosen in the toolbar (may be stale after a plan switch: read [`Self::year`]).
    pub chosen_year: RwSignal<Option<Year>>,
    /// kr or tkr display.
    pub unit: RwSignal<DisplayUnit>,
    /// The latest problem an edit, undo or redo ran into (shown in the toolbar).
    pub notice: RwSignal<Option<String>>,
    history: StoredValue<History>,
    /// Bumped whenever the history changes, so undo/redo buttons can react.
    history_rev: RwSignal<u64>,
}

impl AppState {
    /// A state holding `plan` with an empty history.
    pub fn new(plan: Plan) -> Self {
        let plan = RwSignal::new(plan);
        AppState {
            plan,
            report: Memo::new(move |_| plan.with(compute)),
            chosen_year: RwSignal::new(None),
            unit: RwSignal::new(DisplayUnit::Kr),
            notice: RwSignal::new(None),
            history: StoredValue::new(History::default()),
            history_rev: RwSignal::new(0),
        }
    }

    /// The state from context (panics only if `App` forgot to provide it: a bug).
    pub fn expect() -> Self {
        expect_context::<AppState>()
    }

    /// The selected year: the chosen one if the plan has it, else the plan's first year.
    pub fn year(&self) -> Year {
        let chosen = self.chosen_year.get();
        self.plan.with(|p| match chosen {
            Some(y) if p.years.contains(&y) => y,
            _ => p.years.first().copied().unwrap_or(0),
        })
    }

    /// Applies `edit` as one undo step. On error the plan is unchanged and the Swedish reason
    /// is returned.
    pub fn apply(&self, edit: Edit) -> Result<(), String> {
        self.close_group();
        if edit.is_noop() {
            return Ok(());
        }
        let mut result = Ok(());
        self.history.update_value(|h| {
            self.plan.maybe_update(|p| {
                result = h.stack.apply(p, edit);
                result.is_ok()
            });
        });
        self.bump();
        result.map_err(|e| e.to_string())
    }

    /// Applies several edits as one undo step (a paste, an import); nothing when empty.
    pub fn apply_many(&self, mut edits: Vec<Edit>) -> Result<(), String> {
        match edits.len() {
            0 => Ok(()),
            1 => self.apply(edits.remove(0)),
            _ => self.apply(Edit::Compound(edits)),
        }
    }

    /// Applies a batch of edits (a paste) as one undo step; nothing when it is empty.
    pub fn apply_batch(&self, batch: samplan_engine::EditBatch) -> Result<(), String> {
        match batch.into_edit() {
            Some(edit) => self.apply(edit),
            None => Ok(()),
        }
    }

    /// Builds an edit from the current plan (the engine reads the old value) and applies it.
    pub fn edit(&self, build: impl FnOnce(&Plan) -> Result<Edit, EditError>) -> Result<(), String> {
        let edit = self.plan.with_untracked(build).map_err(|e| e.to_string())?;
        self.apply(edit)
    }

    /// Applies an edit built from the current plan as part of the live-typing group `group`:
    /// consecutive keystrokes in one field form a single undo step.
    pub fn apply_live(
        &self,
        group: &'static str,
        build: impl FnOnce(&Plan) -> Result<Edit, EditError>,
    ) -> Result<(), String> {
        let edit = self.plan.with_untracked(build).map_err(|e| e.to_string())?;
        if edit.is_noop() {
            return Ok(());
        }
        let mut result = Ok(());
        self.history.update_value(|h| {
            self.plan.maybe_update(|p| {
                result = h.stack.apply_grouped(p, group, edit);
                result.is_ok()
            });
        });
        result.map_err(|e| e.to_string())?;
        self.bump();
        Ok(())
    }

    /// Ends the live-typing group: its edits become one undo step.
    pub fn close_group(&self) {
        let closed = self.history.try_update_value(|h| h.stack.close_group());
        if closed == Some(true) {
            self.bump();
        }
    }

    /// Undoes the last change, if any.
    pub fn undo(&self) {
        self.close_group();
        self.step(|stack, p| stack.undo(p));
    }

    /// Redoes the last undone change, if any.
    pub fn redo(&self) {
        self.close_group();
        self.step(|stack, p| stack.redo(p));
    }

    fn step(&self, f: impl FnOnce(&mut UndoStack, &mut Plan) -> Result<bool, EditError>) {
        let mut outcome = Ok(false);
        self.history.update_value(|h| {
            self.plan.maybe_update(|p| {
                outcome = f(&mut h.stack, p);
                matches!(outcome, Ok(true))
            });
        });
        if let Err(e) = outcome {
            self.notice
                .set(Some(format!("Kunde inte ångra/göra om: {e}")));
        }
        self.bump();
    }

    /// A number that changes with every step of the history (edit, undo, redo); the action
    /// messages use it to offer "Ångra" only for the step they describe.
    pub fn history_version(&self) -> u64 {
        self.history_rev.get_untracked()
    }

    /// [`Self::history_version`], tracked (reactive).
    pub fn history_version_tracked(&self) -> u64 {
        self.history_rev.get()
    }

    fn bump(&self) {
        self.history_rev.update(|r| *r += 1);
    }

    /// True when there is something to undo (reactive).
    pub fn can_undo(&self) -> bool {
        self.history_rev.track();
        self.history.with_value(|h| h.stack.can_undo())
    }

    /// True when there is something to redo (reactive).
    pub fn can_redo(&self) -> bool {
        self.history_rev.track();
        self.history.with_value(|h| h.stack.can_redo())
    }

    /// Replaces the whole plan (open file, switch plan) and clears the history.
    pub fn replace_plan(&self, plan: Plan) {
        self.history.update_value(|h| *h = History::default());
        self.bump();
        self.plan.set(plan);
    }
}

/// Shows the reason an edit was refused in the toolbar notice (for buttons and toggles, whose
/// edits are built from the current plan and so fail only on a bug).
pub fn report_problem(result: Result<(), String>) {
    if let Err(reason) = result {
        if let Some(state) = use_context::<AppState>() {
            state.notice.set(Some(reason));
        }
    }
}
