//! The app's single source of truth: one engine [`Workbook`] (the plan, its undo history, the
//! base plan's and the active scenario's reports and the budget statement by row key,
//! docs/workbook.md) behind the [`AppState`] context newtype, with the view settings (selected
//! year, kr/tkr).
//!
//! The workbook is kept in a non-reactive holder; one trigger tells the views it changed. They
//! read it by reference through [`PlanRead`] and [`ReportRead`] (tracked like a signal, nothing
//! copied) and change it only by handing an engine [`Edit`] to [`AppState::apply`] (or
//! [`AppState::edit`], which builds the edit from the current plan). Inputs that apply on
//! every keystroke use [`AppState::apply_live`]: their keystrokes become one undo step (the
//! engine's `apply_grouped`), closed by [`AppState::close_group`] when the field is left. The
//! engine recomputes only what an edit reaches (docs/recalc.md); no report or plan is copied
//! on an edit.

use leptos::prelude::*;
use samplan_engine::{
    format::DisplayUnit,
    workbook::{Batch, Changes, KeyedStatement, PreparedApply, Workbook},
    Edit, EditError, Plan, Report, ScenarioId, Year,
};

/// The plan of the workbook, read like a signal: [`PlanRead::with`] tracks, the `_untracked`
/// forms do not (cheap to copy).
#[derive(Clone, Copy)]
pub struct PlanRead {
    book: StoredValue<Workbook>,
    changed: Trigger,
}

impl PlanRead {
    /// Reads the plan (tracked).
    pub fn with<T>(&self, f: impl FnOnce(&Plan) -> T) -> T {
        self.changed.track();
        self.book.with_value(|b| f(b.plan()))
    }

    /// Reads the plan (not tracked; for event handlers).
    pub fn with_untracked<T>(&self, f: impl FnOnce(&Plan) -> T) -> T {
        self.book.with_value(|b| f(b.plan()))
    }

    /// A copy of the plan (not tracked; for a save or a duplicate, never per edit).
    pub fn get_untracked(&self) -> Plan {
        self.with_untracked(Plan::clone)
    }

    /// Subscribes to every change of the plan.
    pub fn track(&self) {
        self.changed.track();
    }
}

/// The base plan's report, kept by the workbook and read by reference (tracked like a signal).
#[derive(Clone, Copy)]
pub struct ReportRead {
    book: StoredValue<Workbook>,
    changed: Trigger,
}

impl ReportRead {
    /// Reads the report (tracked).
    pub fn with<T>(&self, f: impl FnOnce(&Report) -> T) -> T {
        self.changed.track();
        self.book.with_value(|b| f(b.report()))
    }

    /// Reads the report (not tracked).
    pub fn with_untracked<T>(&self, f: impl FnOnce(&Report) -> T) -> T {
        self.book.with_value(|b| f(b.report()))
    }

    /// A copy of the report (tracked; for a memo that keeps one).
    pub fn get(&self) -> Report {
        self.with(Report::clone)
    }

    /// A copy of the report (not tracked).
    pub fn get_untracked(&self) -> Report {
        self.with_untracked(Report::clone)
    }
}

/// Shared app state, provided as context by `App` (cheap to copy).
#[derive(Clone, Copy)]
pub struct AppState {
    /// The plan document.
    pub plan: PlanRead,
    /// The engine's report of the base plan, brought up to date with every change.
    pub report: ReportRead,
    /// The year chosen in the toolbar (may be stale after a plan switch: read [`Self::year`]).
    pub chosen_year: RwSignal<Option<Year>>,
    /// kr or tkr display.
    pub unit: RwSignal<DisplayUnit>,
    /// The latest problem an edit, undo or redo ran into (shown in the toolbar).
    pub notice: RwSignal<Option<String>>,
    book: StoredValue<Workbook>,
    /// Notified after every change of the workbook (plan, reports, active scenario).
    changed: Trigger,
    /// Bumped whenever the history changes, so undo/redo buttons can react.
    history_rev: RwSignal<u64>,
    /// Bumped when a step is undone or redone or the plan is replaced: what was refused before
    /// (a grid cell's error, the toolbar notice) is about a state that is gone (docs/app.md,
    /// "Errors belong to their cause").
    reverted: RwSignal<u64>,
    /// The grid views' rows built ahead of a large import's swap.
    pub ahead: crate::ahead::Ahead,
}

impl AppState {
    /// A state holding `plan` with an empty history.
    pub fn new(plan: Plan) -> Self {
        let book = StoredValue::new(Workbook::new(plan));
        let changed = Trigger::new();
        AppState {
            plan: PlanRead { book, changed },
            report: ReportRead { book, changed },
            chosen_year: RwSignal::new(None),
            unit: RwSignal::new(DisplayUnit::Kr),
            notice: RwSignal::new(None),
            book,
            changed,
            history_rev: RwSignal::new(0),
            reverted: RwSignal::new(0),
            ahead: crate::ahead::Ahead::new(),
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

    /// Reads the workbook (tracked): the active scenario's report, resolved plan and statement.
    pub fn with_book<T>(&self, f: impl FnOnce(&Workbook) -> T) -> T {
        self.changed.track();
        self.book.with_value(f)
    }

    /// Reads the workbook (not tracked).
    pub fn with_book_untracked<T>(&self, f: impl FnOnce(&Workbook) -> T) -> T {
        self.book.with_value(f)
    }

    /// Reads the active scenario's budget statement by row key (tracked).
    pub fn with_statement<T>(&self, f: impl FnOnce(&KeyedStatement, &Plan) -> T) -> T {
        self.with_book(|b| f(b.statement(), b.resolved()))
    }

    /// Changes the workbook with `f` and tells the views, after the workbook is released (a
    /// view reading it while it is changed would wait for itself).
    fn change<T>(
        &self,
        f: impl FnOnce(&mut Workbook) -> Result<T, EditError>,
    ) -> Result<T, EditError>
    where
        T: Default,
    {
        self.book
            .try_update_value(f)
            .unwrap_or_else(|| Ok(T::default()))
    }

    fn notify(&self, changes: &Changes) {
        if !changes.is_empty() {
            self.changed.notify();
        }
    }

    /// Applies `edit` as one undo step. On error the plan is unchanged and the Swedish reason
    /// is returned.
    pub fn apply(&self, edit: Edit) -> Result<(), String> {
        self.close_group();
        if edit.is_noop() {
            return Ok(());
        }
        crate::versions::confirm_unlock(*self, &edit)?;
        let changes = self.change(|b| b.apply(edit)).map_err(|e| e.to_string())?;
        // A refused edit changes nothing: the history (and what depends on it, e.g. the notice
        // of the refusal itself) stays where it was.
        self.notify(&changes);
        self.bump();
        Ok(())
    }

    /// Starts preparing a large `edit` (an import) beside the workbook in steps
    /// ([`Self::prepare_step`], then [`Self::commit`]; docs/app.md "Imports of any size").
    /// Asks to unlock a locked draft first, as [`Self::apply`] does.
    pub fn prepare(&self, edit: Edit) -> Result<PreparedApply, String> {
        crate::versions::confirm_unlock(*self, &edit)?;
        Ok(self.book.with_value(|b| b.prepare(edit)))
    }

    /// One bounded step of building the views' rows ahead of `prepared`'s swap (once it is
    /// ready): true when every view is done.
    pub fn build_ahead(&self, prepared: &PreparedApply, over: &dyn Fn() -> bool) -> bool {
        match prepared.ready() {
            Some((plan, report, statement)) => self.ahead.step(
                crate::ahead::Ready {
                    plan,
                    report,
                    statement,
                },
                over,
            ),
            None => true,
        }
    }

    /// One bounded step of `prepared` (about `n` single edits, or one report): `Ok(true)` when
    /// it is ready to commit; `Err` when the edit does not fit the plan (nothing changed).
    pub fn prepare_step(&self, prepared: &mut PreparedApply, n: usize) -> Result<bool, String> {
        self.book
            .with_value(|b| prepared.step(b, n))
            .map_err(|e| e.to_string())
    }

    /// Swaps a prepared edit in as one undo step and tells the views (which first adopt the
    /// rows they built ahead of it, [`crate::ahead`]). Refused (given back, nothing changed)
    /// when the workbook changed while it was prepared.
    pub fn commit(&self, prepared: PreparedApply) -> Result<(), Box<PreparedApply>> {
        self.close_group();
        let changes = match self.book.try_update_value(|b| b.commit(prepared)) {
            Some(Ok(changes)) => changes,
            Some(Err(refused)) => {
                self.ahead.forget();
                return Err(refused);
            }
            None => return Ok(()),
        };
        // The views' rows built ahead of this swap are theirs before they hear of it.
        self.ahead.adopt();
        self.notify(&changes);
        self.bump();
        Ok(())
    }

    /// Makes `scenario` the active one in the workbook (`None` = the base plan); for
    /// [`Choices`](crate::choices::Choices).
    pub fn set_scenario(&self, scenario: Option<ScenarioId>) {
        let changes = self
            .book
            .try_update_value(|b| b.set_scenario(scenario))
            .unwrap_or_default();
        self.notify(&changes);
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

    /// Edits built one after another on the plan (each sees the earlier ones) and applied as
    /// one undo step: the engine's `Workbook::apply_batch` (a grid write, a paste). `Err` only
    /// when the workbook is gone.
    pub fn write_batch<T>(&self, f: impl FnOnce(&mut Batch<'_>) -> T) -> Result<T, String> {
        self.close_group();
        let (out, changes) = self
            .book
            .try_update_value(|b| b.apply_batch(f))
            .ok_or_else(|| "Planen är inte öppen".to_string())?;
        if !changes.is_empty() {
            self.notify(&changes);
            self.bump();
        }
        Ok(out)
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
        crate::versions::confirm_unlock(*self, &edit)?;
        let changes = self
            .change(|b| b.apply_grouped(group, edit))
            .map_err(|e| e.to_string())?;
        self.notify(&changes);
        self.bump();
        Ok(())
    }

    /// Ends the live-typing group: its edits become one undo step.
    pub fn close_group(&self) {
        let closed = self.book.try_update_value(Workbook::close_group);
        if closed == Some(true) {
            self.bump();
        }
    }

    /// Undoes the last change, if any.
    pub fn undo(&self) {
        self.step(Workbook::undo);
    }

    /// Redoes the last undone change, if any.
    pub fn redo(&self) {
        self.step(Workbook::redo);
    }

    /// Undoes or redoes (`f`) one step.
    fn step(&self, f: impl FnOnce(&mut Workbook) -> Result<Option<Changes>, EditError>) {
        let outcome = self.change(f);
        if let Ok(Some(changes)) = &outcome {
            self.notify(changes);
        }
        self.reverted.update(|r| *r += 1);
        self.bump();
        if let Err(e) = outcome {
            self.notice
                .set(Some(format!("Kunde inte ångra/göra om: {e}")));
        }
    }

    /// A number that changes whenever a step is undone or redone or the plan is replaced
    /// (tracked): errors about the state before go then.
    pub fn reverted_tracked(&self) -> u64 {
        self.reverted.get()
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
        self.book.with_value(|b| b.history().can_undo())
    }

    /// True when there is something to redo (reactive).
    pub fn can_redo(&self) -> bool {
        self.history_rev.track();
        self.book.with_value(|b| b.history().can_redo())
    }

    /// Runs `f` on the workbook for a change of the plan's versions (freeze, unlock, start a
    /// draft: docs/budget.md "Versioner") and repaints everything that reads the plan.
    pub fn change_versions<T>(&self, f: impl FnOnce(&mut Workbook) -> T) -> Option<T> {
        let out = self.book.try_update_value(f);
        self.reverted.update(|r| *r += 1);
        self.bump();
        self.changed.notify();
        out
    }

    /// Replaces the whole plan (open file, switch plan) and clears the history.
    pub fn replace_plan(&self, plan: Plan) {
        let changes = self
            .book
            .try_update_value(|b| b.replace_plan(plan))
            .unwrap_or_default();
        self.reverted.update(|r| *r += 1);
        self.notice.set(None);
        self.bump();
        self.notify(&changes);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::choices::Choices;
    use samplan_engine::{
        allocation::MemberKind, compute, compute_scenario, example_plan, Amount, Category,
    };

    /// A small deterministic pseudo-random sequence (no extra dependency).
    struct Lcg(u64);

    impl Lcg {
        fn next(&mut self, n: usize) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((self.0 >> 33) as usize) % n.max(1)
        }
    }

    /// One random change through the state, as the views make them.
    fn step(state: &AppState, choices: &Choices, rng: &mut Lcg) {
        let scenario = choices.scenario_untracked();
        let plan = state.plan.get_untracked();
        let line = plan.lines[rng.next(plan.lines.len())].id;
        let year = plan.years[rng.next(plan.years.len())];
        let amount = Amount::kr(rng.next(2_000_000) as i64);
        let _ = match rng.next(12) {
            0..=2 => state.edit(|p| Edit::set_line_amount(p, scenario, line, year, amount)),
            3 | 4 => state.apply_live("belopp", |p| {
                Edit::set_line_amount(p, scenario, line, year, amount)
            }),
            5 => {
                state.undo();
                Ok(())
            }
            6 => {
                state.redo();
                Ok(())
            }
            7 => state.edit(|p| {
                Ok(Edit::insert_new_line(
                    p,
                    0,
                    "Ny post",
                    Some(Category::Kansli),
                ))
            }),
            8 if plan.lines.len() > 5 => state.edit(|p| Edit::delete_line(p, 0)),
            8 => Ok(()),
            9 => {
                let member = plan.members[rng.next(plan.members.len())].id;
                let population = Some(1_000 + rng.next(100_000) as u64);
                state.edit(|p| Edit::set_population(p, scenario, member, year, population))
            }
            10 => state.apply_many(vec![
                Edit::set_capital_contribution(&plan, year, amount),
                Edit::add_member(&plan, "Ny kommun", MemberKind::Kommun),
            ]),
            _ => {
                let target = match rng.next(3) {
                    0 => None,
                    _ => plan.scenarios.first().map(|s| s.id),
                };
                choices.set_scenario(target);
                Ok(())
            }
        };
    }

    /// The reports the state keeps incrementally always equal a full compute of the plan, read
    /// after every change or after several (edits queued, undo and redo, live typing, a
    /// scenario made active, a plan replaced).
    #[test]
    fn kept_reports_equal_a_full_compute() {
        let owner = Owner::new();
        owner.set();
        let state = AppState::new(example_plan());
        let choices = Choices::provide(state);
        let mut rng = Lcg(11);
        for i in 0..400 {
            step(&state, &choices, &mut rng);
            if i == 200 {
                state.replace_plan(example_plan());
            }
            if rng.next(3) == 0 {
                continue;
            }
            let plan = state.plan.get_untracked();
            let base = state.report.with_untracked(|r| *r == compute(&plan));
            assert!(base, "base report differs after step {i}");
            let scenario = choices.scenario_untracked();
            choices.report.with_untracked(|r| {
                assert!(
                    *r == compute_scenario(&plan, scenario),
                    "report of {scenario:?} differs after step {i}"
                )
            });
        }
    }
}
