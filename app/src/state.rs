//! The app's single source of truth: one `RwSignal<Plan>` behind the [`AppState`] context
//! newtype, the engine's [`UndoStack`], and the view settings (selected year, kr/tkr).
//!
//! Views read the plan through memos (the engine's [`Report`] is one) and change it only by
//! handing an engine [`Edit`] to [`AppState::apply`] (or [`AppState::edit`], which builds the
//! edit from the current plan). Inputs that apply on every keystroke use
//! [`AppState::apply_live`]: their keystrokes become one undo step (the engine's
//! [`UndoStack::apply_grouped`]), closed by [`AppState::close_group`] when the field is left.
//!
//! The plan is the one source of truth; the reports are caches next to it. Every change made
//! through [`AppState`] notes its edit (an undo notes the reverted edit, a redo the re-applied
//! one) for the engine's incremental [`Recalc`] (docs/recalc.md), which brings the kept report
//! up to date the next time it is read; a plan replaced whole, or a change the cache did not
//! see, is computed in full. The plan signal must therefore only be changed through
//! [`AppState`]'s methods.

use leptos::prelude::*;
use samplan_engine::{
    compute, compute_scenario, DisplayUnit, Edit, EditError, Plan, Recalc, Report, ScenarioId,
    UndoStack, Year,
};

/// Undo history, with the open live-typing group (applied, not yet recorded) inside it.
#[derive(Default)]
struct History {
    stack: UndoStack,
}

/// More edits than this waiting for a report that is not read (e.g. the scenario report while
/// the base plan is shown) are dropped for one full compute when it is read again.
const MAX_PENDING: usize = 256;

/// One kept report: the engine's [`Recalc`] and the edits made since it was last read.
#[derive(Default)]
struct Kept {
    recalc: Option<Recalc>,
    pending: Vec<Edit>,
    /// The plan changed in a way no edit describes (replaced): compute in full.
    stale: bool,
    /// How many reads were brought up to date incrementally (for the tests).
    #[cfg(test)]
    incremental: usize,
}

impl Kept {
    /// Notes an edit applied to (or reverted from) the plan.
    fn note(&mut self, edit: &Edit) {
        if self.recalc.is_none() || self.stale {
            return;
        }
        if self.pending.len() >= MAX_PENDING {
            self.make_stale();
        } else {
            self.pending.push(edit.clone());
        }
    }

    fn make_stale(&mut self) {
        self.stale = true;
        self.pending.clear();
    }

    /// The report of `scenario` of `plan`, brought up to date with the noted edits. Called only
    /// when the plan (or the scenario chosen) changed, so with no edit noted the change is not
    /// known and the report is computed in full.
    fn report(&mut self, plan: &Plan, scenario: Option<ScenarioId>) -> Report {
        let pending = std::mem::take(&mut self.pending);
        let stale = std::mem::replace(&mut self.stale, false);
        match &mut self.recalc {
            Some(rc) if !stale && rc.scenario() == scenario && !pending.is_empty() => {
                let mut pending = pending;
                let edit = if pending.len() == 1 {
                    pending.swap_remove(0)
                } else {
                    Edit::Compound(pending)
                };
                #[cfg(test)]
                {
                    self.incremental += 1;
                }
                rc.apply(plan, &edit).clone()
            }
            _ => {
                let rc = Recalc::for_scenario(plan, scenario);
                let report = rc.report().clone();
                self.recalc = Some(rc);
                report
            }
        }
    }
}

/// The kept reports: the base plan's and the active scenario's.
#[derive(Default)]
struct Reports {
    base: Kept,
    scenario: Kept,
}

impl Reports {
    fn note(&mut self, edit: &Edit) {
        self.base.note(edit);
        self.scenario.note(edit);
    }

    fn make_stale(&mut self) {
        self.base.make_stale();
        self.scenario.make_stale();
    }
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
    /// The reports kept for incremental recompute.
    reports: StoredValue<Reports>,
    /// Bumped whenever the history changes, so undo/redo buttons can react.
    history_rev: RwSignal<u64>,
    /// Bumped when a step is undone or redone or the plan is replaced: what was refused before
    /// (a grid cell's error, the toolbar notice) is about a state that is gone (docs/app.md,
    /// "Errors belong to their cause").
    reverted: RwSignal<u64>,
}

impl AppState {
    /// A state holding `plan` with an empty history.
    pub fn new(plan: Plan) -> Self {
        let plan = RwSignal::new(plan);
        let reports = StoredValue::new(Reports::default());
        AppState {
            plan,
            report: Memo::new_owning(move |_| {
                let report = plan.with(|p| {
                    reports
                        .try_update_value(|r| r.base.report(p, None))
                        .unwrap_or_else(|| compute(p))
                });
                (report, true)
            }),
            chosen_year: RwSignal::new(None),
            unit: RwSignal::new(DisplayUnit::Kr),
            notice: RwSignal::new(None),
            history: StoredValue::new(History::default()),
            reports,
            history_rev: RwSignal::new(0),
            reverted: RwSignal::new(0),
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
        crate::versions::confirm_unlock(self.plan, &edit)?;
        let mut result = Ok(());
        let noted = edit.clone();
        self.history.update_value(|h| {
            self.plan.maybe_update(|p| {
                result = h.stack.apply(p, edit);
                if result.is_ok() {
                    self.note(&noted);
                }
                result.is_ok()
            });
        });
        // A refused edit changes nothing: the history (and what depends on it, e.g. the notice
        // of the refusal itself) stays where it was.
        if result.is_ok() {
            self.bump();
        }
        result.map_err(|e| e.to_string())
    }

    /// Notes an edit just applied to (or reverted from) the plan, before the plan notifies.
    fn note(&self, edit: &Edit) {
        self.reports.update_value(|r| r.note(edit));
    }

    /// The report of `scenario` (`None` = the base plan), kept and recomputed incrementally
    /// like [`Self::report`]; tracks the plan. For the active scenario's report (`Choices`).
    pub fn scenario_report(&self, scenario: Option<ScenarioId>) -> Report {
        let reports = self.reports;
        self.plan.with(|p| {
            reports
                .try_update_value(|r| r.scenario.report(p, scenario))
                .unwrap_or_else(|| compute_scenario(p, scenario))
        })
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
        crate::versions::confirm_unlock(self.plan, &edit)?;
        let mut result = Ok(());
        let noted = edit.clone();
        self.history.update_value(|h| {
            self.plan.maybe_update(|p| {
                result = h.stack.apply_grouped(p, group, edit);
                if result.is_ok() {
                    self.note(&noted);
                }
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
        self.step(|stack| stack.peek_undo().cloned(), |stack, p| stack.undo(p));
    }

    /// Redoes the last undone change, if any.
    pub fn redo(&self) {
        self.close_group();
        self.step(|stack| stack.peek_redo().cloned(), |stack, p| stack.redo(p));
    }

    /// Undoes or redoes (`f`) the edit `peek` names, noting it for the kept reports.
    fn step(
        &self,
        peek: impl FnOnce(&UndoStack) -> Option<Edit>,
        f: impl FnOnce(&mut UndoStack, &mut Plan) -> Result<bool, EditError>,
    ) {
        let mut outcome = Ok(false);
        self.history.update_value(|h| {
            let edit = peek(&h.stack);
            self.plan.maybe_update(|p| {
                outcome = f(&mut h.stack, p);
                let changed = matches!(outcome, Ok(true));
                if changed {
                    match &edit {
                        Some(e) => self.note(e),
                        None => self.reports.update_value(Reports::make_stale),
                    }
                }
                changed
            });
        });
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
        self.reverted.update(|r| *r += 1);
        self.notice.set(None);
        self.bump();
        self.reports.update_value(Reports::make_stale);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::choices::Choices;
    use samplan_engine::{example_plan, Amount, Category, MemberKind};

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
            let base = state.report.get_untracked();
            assert!(base == compute(&plan), "base report differs after step {i}");
            let scenario = choices.scenario_untracked();
            choices.report.with_untracked(|r| {
                assert!(
                    *r == compute_scenario(&plan, scenario),
                    "report of {scenario:?} differs after step {i}"
                )
            });
        }
        let (base, scenario) = state
            .reports
            .with_value(|r| (r.base.incremental, r.scenario.incremental));
        assert!(
            base > 50 && scenario > 10,
            "incremental reads: {base}, {scenario}"
        );
    }
}
