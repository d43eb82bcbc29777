//! Incremental recompute (docs/recalc.md): [`Recalc`] keeps the last [`Report`] of a plan with
//! what it needs per year, and after an [`Edit`] recomputes only what the edit can change — the
//! edited year (a budget or outcome amount), the edited year and the years whose allocation
//! builds on it (funding, key values, members), every year's line figures (a line's category,
//! name, split or position) — then rolls equity forward and rebuilds the multi-year table and
//! the warnings, which span years and are cheap. The result is always equal to
//! [`compute_scenario`](crate::compute_scenario) of the edited plan (a property test applies
//! random edit sequences, undo and redo included, and compares after every step); an edit whose
//! reach it does not know is recomputed in full.

use crate::allocation::{Allocation, AllocationError};
use crate::edit::{Edit, Setting};
use crate::plan::{MemberId, Plan, ScenarioId, Year};
use crate::report::{
    compute_with_metas, finish_report, missing_key_warnings, sums_ok_chain, year_local, year_meta,
    Report, YearMeta,
};

/// A computed report that can be brought up to date after an edit without computing the whole
/// plan again (docs/recalc.md).
///
/// Keep one per shown report: create it with [`Recalc::new`] (base plan) or
/// [`Recalc::for_scenario`], then after every edit applied to the plan — also an undo (the
/// reverted edit) or a redo — call [`Recalc::apply`] with the plan *after* the edit and the
/// edit. The plan must be the one the cache last saw plus that edit; after any other change
/// (another plan opened, a change not made through an [`Edit`]) call [`Recalc::refresh`].
///
/// ```
/// use samplan_engine::*;
///
/// let mut plan = example_plan();
/// let mut recalc = Recalc::new(&plan);
/// let line = plan.lines[3].id;
/// let year = plan.years[0];
/// let edit = Edit::set_line_amount(&plan, None, line, year, Amount::kr(123_000)).unwrap();
/// apply(&mut plan, &edit).unwrap();
/// let report = recalc.apply(&plan, &edit);
/// assert_eq!(report, &compute(&plan));
///
/// // Undo: revert the edit, then hand the cache the same edit.
/// revert(&mut plan, &edit).unwrap();
/// assert_eq!(recalc.apply(&plan, &edit), &compute(&plan));
/// ```
#[derive(Clone, Debug)]
pub struct Recalc {
    report: Report,
    metas: Vec<YearMeta>,
    years: Vec<Year>,
    /// Per year index: recomputed by the last [`Recalc::apply`] (all after a full compute).
    touched: Vec<bool>,
}

/// What an edit can change, per year index of the plan.
struct Reach {
    /// Recompute everything.
    full: bool,
    /// Years whose allocation inputs changed.
    allocation: Vec<bool>,
    /// Years whose own figures (lines, outcome, year inputs) changed.
    local: Vec<bool>,
}

impl Reach {
    fn new(years: usize) -> Self {
        Reach {
            full: false,
            allocation: vec![false; years],
            local: vec![false; years],
        }
    }

    /// The reach of a member's key values set for `year`.
    fn member_values(&mut self, plan: &Plan, years: &[Year], member: MemberId, year: Year) {
        // A year uses the latest entry at or before it, else the earliest entry: with an entry
        // before the edited year only that year and later ones can change.
        let earlier = plan
            .members
            .iter()
            .find(|m| m.id == member)
            .is_some_and(|m| m.values.range(..year).next().is_some());
        self.mark(years, true, |y| !earlier || y >= year);
    }

    /// Marks the years selected by `pick` (`allocation` also marks their own figures).
    fn mark(&mut self, years: &[Year], allocation: bool, pick: impl Fn(Year) -> bool) {
        for ((y, a), l) in years
            .iter()
            .zip(self.allocation.iter_mut())
            .zip(self.local.iter_mut())
        {
            if pick(*y) {
                *l = true;
                *a |= allocation;
            }
        }
    }

    /// Adds the reach of `edit` on `plan` (the plan after the edit, resolved for `scenario`,
    /// the scenario whose report is kept).
    fn add(&mut self, plan: &Plan, years: &[Year], edit: &Edit, scenario: Option<ScenarioId>) {
        let ours = |s: &ScenarioId| scenario == Some(*s);
        match edit {
            // The kept scenario's overrides act as the base plan's inputs they replace.
            Edit::SetLineAmount {
                scenario: Some(s),
                year,
                ..
            } if ours(s) => self.mark(years, false, |y| y == *year),
            Edit::SetMemberValues {
                scenario: Some(s),
                member,
                year,
                ..
            } if ours(s) => self.member_values(plan, years, *member, *year),
            Edit::SetFundingOverride {
                scenario: s, year, ..
            } if ours(s) => self.mark(years, true, |y| y == *year),
            Edit::SetScenarioSetting { scenario: s, .. } if ours(s) => {
                self.mark(years, true, |_| true)
            }
            // The kept scenario itself added or removed (undo, redo).
            Edit::AddScenario { scenario: s, .. } | Edit::RemoveScenario { scenario: s, .. }
                if ours(&s.id) =>
            {
                self.full = true
            }
            // Other scenarios are not read.
            Edit::SetLineAmount {
                scenario: Some(_), ..
            }
            | Edit::SetMemberValues {
                scenario: Some(_), ..
            }
            | Edit::SetFundingOverride { .. }
            | Edit::SetScenarioSetting { .. }
            | Edit::AddScenario { .. }
            | Edit::RemoveScenario { .. }
            | Edit::RenameScenario { .. } => {}
            // Only equity (rolled forward every time) and the weight check (redone every time).
            Edit::SetOpeningEquity { .. } => {}
            // A version frozen or unfrozen: the content, and so every figure, is unchanged.
            Edit::Freeze { .. } => {}
            Edit::SetLineAmount {
                scenario: None,
                year,
                ..
            }
            | Edit::SetOutcome { year, .. } => self.mark(years, false, |y| y == *year),
            Edit::SetLineField { .. }
            | Edit::InsertLine { .. }
            | Edit::DeleteLine { .. }
            | Edit::MoveLine { .. } => self.mark(years, false, |_| true),
            Edit::SetYearInput { year, .. } => self.mark(years, true, |y| y == *year),
            Edit::SetMemberValues {
                scenario: None,
                member,
                year,
                ..
            } => self.member_values(plan, years, *member, *year),
            Edit::AddMember { .. } | Edit::RemoveMember { .. } | Edit::SetMemberField { .. } => {
                self.mark(years, true, |_| true)
            }
            Edit::SetSetting { new, .. } => match new {
                // Not read by the report.
                Setting::Name(_) | Setting::OrgNr(_) | Setting::PopulationSource(_) => {}
                // Equity and the warnings only (redone every time).
                Setting::EquityCeiling(_)
                | Setting::EquityFloor(_)
                | Setting::EquityBase(_)
                | Setting::ExpectedNextFunding(_) => {}
                // The cost distribution of every year.
                Setting::PercentRounding(_) | Setting::DistributionBase(_) => {
                    self.mark(years, false, |_| true)
                }
                // The allocation of every year.
                Setting::Shares(_)
                | Setting::Unit(_)
                | Setting::Rounding(_)
                | Setting::KommunKey(_)
                | Setting::RegionKey(_)
                | Setting::YearKeys(_) => self.mark(years, true, |_| true),
                #[allow(unreachable_patterns)]
                _ => self.full = true,
            },
            Edit::Compound(edits) => {
                for e in edits {
                    self.add(plan, years, e, scenario);
                }
            }
            // The plan's years and any edit added later: everything.
            _ => self.full = true,
        }
    }
}

impl Recalc {
    /// Computes the base plan's report (as [`compute`](crate::compute)).
    pub fn new(plan: &Plan) -> Self {
        Recalc::for_scenario(plan, None)
    }

    /// Computes the report of `scenario` (as [`compute_scenario`](crate::compute_scenario);
    /// `None` = the base plan). A scenario's report is kept on the plan with the scenario's
    /// overrides applied, which [`Recalc::apply`] builds again on every edit (a copy of the
    /// plan) before recomputing incrementally.
    pub fn for_scenario(plan: &Plan, scenario: Option<ScenarioId>) -> Self {
        let (report, metas) = match scenario {
            None => compute_with_metas(plan, None),
            Some(_) => compute_with_metas(&plan.resolved(scenario), scenario),
        };
        Recalc {
            touched: vec![true; plan.years.len()],
            report,
            metas,
            years: plan.years.clone(),
        }
    }

    /// The years whose own figures the last [`Recalc::apply`] recomputed (every year after a
    /// full compute). Equity and the multi-year table are rolled forward every time, so the
    /// years after an edited year can change there too.
    pub fn touched_years(&self) -> Vec<Year> {
        self.years
            .iter()
            .zip(&self.touched)
            .filter(|(_, t)| **t)
            .map(|(y, _)| *y)
            .collect()
    }

    /// The current report.
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// The current report, by value.
    pub fn into_report(self) -> Report {
        self.report
    }

    /// The scenario computed (`None` = the base plan).
    pub fn scenario(&self) -> Option<ScenarioId> {
        self.report.scenario
    }

    /// Recomputes the whole report of `plan` (e.g. after opening another plan).
    pub fn refresh(&mut self, plan: &Plan) -> &Report {
        *self = Recalc::for_scenario(plan, self.report.scenario);
        &self.report
    }

    /// Brings the report up to date after `edit` was applied to (or reverted from) `plan`:
    /// `plan` is the plan after that change. Recomputes only the years the edit can change;
    /// the result equals [`compute_scenario`](crate::compute_scenario) of `plan`.
    pub fn apply(&mut self, plan: &Plan, edit: &Edit) -> &Report {
        // A scenario's report is computed on the plan with its overrides applied.
        match self.report.scenario {
            None => self.apply_resolved(plan, edit),
            Some(_) => {
                let resolved = plan.resolved(self.report.scenario);
                self.apply_resolved(&resolved, edit)
            }
        }
    }

    /// [`Recalc::apply`] given the plan already resolved for the kept scenario
    /// ([`Plan::resolved`]; the plan itself for the base plan), e.g. by a
    /// [`Workbook`](crate::workbook::Workbook) that keeps that copy anyway.
    pub fn apply_resolved(&mut self, plan: &Plan, edit: &Edit) -> &Report {
        let mut steps = self.begin_resolved(plan, edit);
        while !self.step(plan, &mut steps) {}
        &self.report
    }

    /// Starts [`Recalc::apply_resolved`] in steps, for a large edit (an import) prepared
    /// while the page answers: call [`Recalc::step`] with the same plan until it returns
    /// true. Each step computes one part of one year (its allocation, its own figures), so a
    /// step's work is bounded by one year of the plan. Until the last step the report is
    /// partly updated: read it only after.
    pub fn begin_resolved(&self, plan: &Plan, edit: &Edit) -> RecalcSteps {
        let n = self.years.len();
        let mut reach = Reach::new(n);
        reach.full =
            plan.years != self.years || self.report.years.len() != n || self.metas.len() != n;
        if !reach.full {
            reach.add(plan, &self.years, edit, self.report.scenario);
        }
        RecalcSteps {
            phase: if reach.full {
                StepPhase::Full
            } else {
                StepPhase::Allocation
            },
            local: reach.local.clone(),
            reach,
            year: 0,
            previous_changed: false,
            before: Vec::new(),
        }
    }

    /// Does the next step of `steps` (see [`Recalc::begin_resolved`]); true when the report
    /// is up to date. `plan` must be the plan `steps` was begun with.
    pub fn step(&mut self, plan: &Plan, steps: &mut RecalcSteps) -> bool {
        let i = steps.year;
        match steps.phase {
            StepPhase::Full => {
                let (report, metas) = compute_with_metas(plan, self.report.scenario);
                self.report = report;
                self.metas = metas;
                self.years = plan.years.clone();
                self.touched = vec![true; self.years.len()];
                steps.phase = StepPhase::Done;
            }
            // Allocations in year order: a year is redone when its inputs changed or the year
            // it builds on got a different allocation.
            StepPhase::Allocation => {
                if i >= self.report.years.len() {
                    steps.before = self.metas.iter().map(|m| m.sums_ok).collect();
                    steps.next(StepPhase::Meta);
                } else {
                    self.allocation_of(plan, steps, i);
                    steps.year = i.saturating_add(1);
                }
            }
            // The weight check spans years: redo the changed years' weights, then the chain.
            StepPhase::Meta => {
                if i >= self.report.years.len() {
                    sums_ok_chain(plan, &mut self.metas);
                    for ((l, m), b) in steps.local.iter_mut().zip(&self.metas).zip(&steps.before) {
                        *l |= m.sums_ok != *b;
                    }
                    steps.next(StepPhase::Local);
                } else {
                    self.meta_of(plan, steps, i);
                    steps.year = i.saturating_add(1);
                }
            }
            StepPhase::Local => {
                if i >= self.report.years.len() {
                    finish_report(plan, &mut self.report, &self.metas);
                    self.touched = std::mem::take(&mut steps.local);
                    steps.phase = StepPhase::Done;
                } else {
                    if steps.local.get(i).copied().unwrap_or(false) {
                        if let (Some(y), Some(m)) =
                            (self.report.years.get_mut(i), self.metas.get_mut(i))
                        {
                            year_local(plan, y.year, &y.allocation, m).store_into(y);
                        }
                    }
                    steps.year = i.saturating_add(1);
                }
            }
            StepPhase::Done => {}
        }
        steps.phase == StepPhase::Done
    }

    /// The allocation of year index `i` again when its inputs changed or the year before got
    /// a different one (then its own figures are redone too).
    fn allocation_of(&mut self, plan: &Plan, steps: &mut RecalcSteps, i: usize) {
        let redo = steps.reach.allocation.get(i).copied().unwrap_or(true) || steps.previous_changed;
        steps.previous_changed = false;
        if !redo {
            return;
        }
        let previous: Option<(Year, &Result<Allocation, AllocationError>)> = i
            .checked_sub(1)
            .and_then(|p| self.report.years.get(p))
            .map(|y| (y.year, &y.allocation));
        let Some(year) = self.years.get(i).copied() else {
            return;
        };
        let allocation = plan.year_allocation(year, previous);
        if let Some(y) = self.report.years.get_mut(i) {
            if y.allocation != allocation {
                y.allocation = allocation;
                steps.previous_changed = true;
                if let Some(l) = steps.local.get_mut(i) {
                    *l = true;
                }
            }
        }
    }

    /// The weights and warnings of year index `i` again when its own figures are redone.
    fn meta_of(&mut self, plan: &Plan, steps: &RecalcSteps, i: usize) {
        let (Some(y), Some(m)) = (self.report.years.get(i), self.metas.get_mut(i)) else {
            return;
        };
        if !steps.local.get(i).copied().unwrap_or(false) {
            return;
        }
        // The missing key values depend on the allocation's inputs only.
        let key_warnings = if steps.reach.allocation.get(i).copied().unwrap_or(false) {
            missing_key_warnings(plan, y.year)
        } else {
            std::mem::take(&mut m.key_warnings)
        };
        *m = YearMeta {
            outcome_result: m.outcome_result,
            key_warnings,
            ..year_meta(plan, y.year, &y.allocation)
        };
    }
}

/// Where a [`RecalcSteps`] is: the years' allocations, then their weights and warnings, then
/// their own figures, each in year order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum StepPhase {
    /// The whole report is computed again (one step).
    Full,
    Allocation,
    Meta,
    Local,
    Done,
}

/// A [`Recalc::apply_resolved`] under way in steps ([`Recalc::begin_resolved`],
/// [`Recalc::step`]).
pub struct RecalcSteps {
    reach: Reach,
    phase: StepPhase,
    /// The year index the next step works on.
    year: usize,
    /// Per year index: its own figures are to be recomputed.
    local: Vec<bool>,
    /// The last allocation step gave its year a different allocation.
    previous_changed: bool,
    /// Per year index: the weight check before the edit.
    before: Vec<bool>,
}

impl RecalcSteps {
    /// Goes on with `phase` from the first year.
    fn next(&mut self, phase: StepPhase) {
        self.phase = phase;
        self.year = 0;
    }
}
